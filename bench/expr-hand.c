/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-hand.c - the five benchmark functions of expr_bench as a C
 * programmer would write them: plain loops with the formula inline, and
 * gradients derived by hand (expr_bench checks them against the engine
 * before it times anything, so a slip here cannot flatter the engine).
 *
 * Compiled twice (Makefile.am), each time into the one table named by
 * HAND_BUILD (expr-hand.h): with the VM's own flags and its target clones
 * on every loop, and at -O3 -march=native without clones (HAND_NO_CLONES).
 * HAND_CFLAGS says how, for the benchmark to print.  Kept apart from the
 * benchmark so that the compiler sees these loops as it would in any
 * program, and cannot specialise them for the benchmark's grid.  The
 * per-point functions are noinline, and not cloned, as the engine's scalar
 * entry is not: the benchmark compares a real call per point with a call
 * of that entry.
 *
 * cos and sin are what the VM calls: glibc's vector math (libmvec) when
 * configure found it, declared below as OpenMP SIMD functions so that
 * GCC's vectorizer calls their vector forms (-fopenmp-simd, in each
 * clone at its width), else glibc's scalar libm, which keeps these loops
 * scalar as the VM's are.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include "descent/clones.h"
#include "expr-hand.h"

#if !defined(HAND_BUILD) || !defined(HAND_CFLAGS)
#error "expr-hand.c is built by Makefile.am's rules, which define HAND_BUILD and HAND_CFLAGS"
#endif

#ifdef HAND_NO_CLONES
#define LOOP_CLONES
#define LOOP_CLONE_NAMES NULL
#else
#define LOOP_CLONES DESCENT_CLONES
#define LOOP_CLONE_NAMES DESCENT_CLONE_NAMES
#endif

#ifdef HAVE_LIBMVEC
/* glibc declares these only under -ffast-math (bits/math-vector.h) */
#pragma omp declare simd notinbranch
double cos(double);
#pragma omp declare simd notinbranch
double sin(double);
#endif

#define NOINLINE __attribute__((noinline))

/* pi as the engine's constant `pi`: the double nearest to it. */
#define PI 3.14159265358979323846

/* Rosenbrock: (1-x)^2 + 100*(y-x^2)^2 */

static NOINLINE double
hand_rosen(double x, double y)
{
	return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
}

static LOOP_CLONES void
hand_rosen_f(size_t n, const double *restrict x, const double *restrict y,
	     double *restrict f)
{
	for (size_t i = 0; i < n; i++)
		f[i] = (1 - x[i]) * (1 - x[i]) +
		    100 * (y[i] - x[i] * x[i]) * (y[i] - x[i] * x[i]);
}

/*
 * df/dx = -2*(1-x) - 400*x*(y-x^2)
 * df/dy = 200*(y-x^2)
 */
static LOOP_CLONES void
hand_rosen_fg(size_t n, const double *restrict x, const double *restrict y,
	      double *restrict f, double *restrict dx, double *restrict dy)
{
	for (size_t i = 0; i < n; i++) {
		double a = 1 - x[i], b = y[i] - x[i] * x[i];

		f[i] = a * a + 100 * b * b;
		dx[i] = -2 * a - 400 * x[i] * b;
		dy[i] = 200 * b;
	}
}

/* Himmelblau: (x^2+y-11)^2 + (x+y^2-7)^2 */

static NOINLINE double
hand_himmel(double x, double y)
{
	double a = x * x + y - 11, b = x + y * y - 7;

	return a * a + b * b;
}

static LOOP_CLONES void
hand_himmel_f(size_t n, const double *restrict x, const double *restrict y,
	      double *restrict f)
{
	for (size_t i = 0; i < n; i++) {
		double a = x[i] * x[i] + y[i] - 11, b = x[i] + y[i] * y[i] - 7;

		f[i] = a * a + b * b;
	}
}

/*
 * With a = x^2+y-11 and b = x+y^2-7:
 * df/dx = 4*x*a + 2*b
 * df/dy = 2*a + 4*y*b
 */
static LOOP_CLONES void
hand_himmel_fg(size_t n, const double *restrict x, const double *restrict y,
	       double *restrict f, double *restrict dx, double *restrict dy)
{
	for (size_t i = 0; i < n; i++) {
		double a = x[i] * x[i] + y[i] - 11, b = x[i] + y[i] * y[i] - 7;

		f[i] = a * a + b * b;
		dx[i] = 4 * x[i] * a + 2 * b;
		dy[i] = 2 * a + 4 * y[i] * b;
	}
}

/* Rastrigin: 20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y) */

static NOINLINE double
hand_rastrigin(double x, double y)
{
	return 20 + x * x - 10 * cos(2 * PI * x) + y * y -
	    10 * cos(2 * PI * y);
}

static LOOP_CLONES void
hand_rastrigin_f(size_t n, const double *restrict x,
		 const double *restrict y, double *restrict f)
{
	for (size_t i = 0; i < n; i++)
		f[i] = 20 + x[i] * x[i] - 10 * cos(2 * PI * x[i]) +
		    y[i] * y[i] - 10 * cos(2 * PI * y[i]);
}

/*
 * df/dx = 2*x + 20*pi*sin(2*pi*x)
 * df/dy = 2*y + 20*pi*sin(2*pi*y)
 *
 * With vector math, f and the gradient are two loops: in one, GCC would
 * fuse sin(u) and cos(u) into a sincos call, which has no vector form it
 * can use, and the loop would stay scalar (5 times slower, measured).
 */
static LOOP_CLONES void
hand_rastrigin_fg(size_t n, const double *restrict x,
		  const double *restrict y, double *restrict f,
		  double *restrict dx, double *restrict dy)
{
#ifdef HAVE_LIBMVEC
	for (size_t i = 0; i < n; i++)
		f[i] = 20 + x[i] * x[i] - 10 * cos(2 * PI * x[i]) +
		    y[i] * y[i] - 10 * cos(2 * PI * y[i]);
	for (size_t i = 0; i < n; i++) {
		dx[i] = 2 * x[i] + 20 * PI * sin(2 * PI * x[i]);
		dy[i] = 2 * y[i] + 20 * PI * sin(2 * PI * y[i]);
	}
#else
	for (size_t i = 0; i < n; i++) {
		double u = 2 * PI * x[i], v = 2 * PI * y[i];

		f[i] = 20 + x[i] * x[i] - 10 * cos(u) + y[i] * y[i] -
		    10 * cos(v);
		dx[i] = 2 * x[i] + 20 * PI * sin(u);
		dy[i] = 2 * y[i] + 20 * PI * sin(v);
	}
#endif
}

/* Beale: (1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2 */

static NOINLINE double
hand_beale(double x, double y)
{
	double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y;
	double c = 2.625 - x + x * y * y * y;

	return a * a + b * b + c * c;
}

static LOOP_CLONES void
hand_beale_f(size_t n, const double *restrict x, const double *restrict y,
	     double *restrict f)
{
	for (size_t i = 0; i < n; i++) {
		double xi = x[i], yi = y[i];
		double a = 1.5 - xi + xi * yi, b = 2.25 - xi + xi * yi * yi;
		double c = 2.625 - xi + xi * yi * yi * yi;

		f[i] = a * a + b * b + c * c;
	}
}

/*
 * With a, b, c the three terms:
 * df/dx = 2*a*(y-1) + 2*b*(y^2-1) + 2*c*(y^3-1)
 * df/dy = 2*a*x + 4*b*x*y + 6*c*x*y^2
 */
static LOOP_CLONES void
hand_beale_fg(size_t n, const double *restrict x, const double *restrict y,
	      double *restrict f, double *restrict dx, double *restrict dy)
{
	for (size_t i = 0; i < n; i++) {
		double xi = x[i], yi = y[i], y2 = yi * yi, y3 = y2 * yi;
		double a = 1.5 - xi + xi * yi, b = 2.25 - xi + xi * y2;
		double c = 2.625 - xi + xi * y3;

		f[i] = a * a + b * b + c * c;
		dx[i] = 2 * a * (yi - 1) + 2 * b * (y2 - 1) + 2 * c * (y3 - 1);
		dy[i] = 2 * a * xi + 4 * b * xi * yi + 6 * c * xi * y2;
	}
}

/* Six-hump camel: (4-2.1*x^2+x^4/3)*x^2 + x*y + (-4+4*y^2)*y^2 */

static NOINLINE double
hand_camel(double x, double y)
{
	double x2 = x * x, y2 = y * y;

	return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
}

static LOOP_CLONES void
hand_camel_f(size_t n, const double *restrict x, const double *restrict y,
	     double *restrict f)
{
	for (size_t i = 0; i < n; i++) {
		double x2 = x[i] * x[i], y2 = y[i] * y[i];

		f[i] = (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x[i] * y[i] +
		    (-4 + 4 * y2) * y2;
	}
}

/*
 * Expanded, f = 4x^2 - 2.1x^4 + x^6/3 + xy - 4y^2 + 4y^4, so
 * df/dx = 8*x - 8.4*x^3 + 2*x^5 + y
 * df/dy = x - 8*y + 16*y^3
 */
static LOOP_CLONES void
hand_camel_fg(size_t n, const double *restrict x, const double *restrict y,
	      double *restrict f, double *restrict dx, double *restrict dy)
{
	for (size_t i = 0; i < n; i++) {
		double xi = x[i], yi = y[i], x2 = xi * xi, y2 = yi * yi;

		f[i] = (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + xi * yi +
		    (-4 + 4 * y2) * y2;
		dx[i] = xi * (8 - 8.4 * x2 + 2 * x2 * x2) + yi;
		dy[i] = xi + yi * (-8 + 16 * y2);
	}
}

const struct hand_build HAND_BUILD = {
	.cflags = HAND_CFLAGS,
	.clones = LOOP_CLONE_NAMES,
	.fn = {
		[HAND_ROSEN] = { hand_rosen, hand_rosen_f, hand_rosen_fg },
		[HAND_HIMMEL] = { hand_himmel, hand_himmel_f, hand_himmel_fg },
		[HAND_RASTRIGIN] = { hand_rastrigin, hand_rastrigin_f,
				     hand_rastrigin_fg },
		[HAND_BEALE] = { hand_beale, hand_beale_f, hand_beale_fg },
		[HAND_CAMEL] = { hand_camel, hand_camel_f, hand_camel_fg },
	},
};
