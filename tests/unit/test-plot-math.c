/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-plot-math.c - the mathematics of pictures: ticks (exact values for
 * the ranges an axis meets, then the rules checked on a thousand random
 * ranges), their labels (digit by digit), the range of a curve (poles,
 * spikes, constants, nothing finite), contour levels (Rosenbrock, a bowl,
 * Himmelblau, degenerate inputs) and marching squares (the sixteen cases
 * written out, both resolutions of each saddle, interpolation, non-finite
 * corners, and on whole grids: every crossing of an inner edge is where
 * one segment ends and the next begins).  Random numbers come from a
 * local splitmix64, so the tests depend on nothing but the plot module.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/objective.h"
#include "descent/plot.h"

#define MAXT 64

/* splitmix64: a deterministic stream, the same on every machine. */
static uint64_t
next_u64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1), 53 bits. */
static double
next_unif(uint64_t *x)
{
	return (double)(next_u64(x) >> 11) * 0x1p-53;
}

/* --- ticks ---------------------------------------------------------- */

/* Checks plot_ticks(lo, hi, mn, mx) against want (n of them) and step. */
static void
expect_ticks(double lo, double hi, int mn, int mx, const double *want, int n,
	     double want_step)
{
	double t[MAXT], step;
	int i, got = plot_ticks(lo, hi, mn, mx, t, &step);

	cr_expect_eq(got, n, "[%g, %g] min %d max %d: %d ticks, want %d", lo, hi, mn,
		     mx, got, n);
	cr_expect_eq(step, want_step, "[%g, %g]: step %.17g, want %.17g", lo, hi, step,
		     want_step);
	for (i = 0; i < got && i < n; i++) {
		cr_expect_eq(t[i], want[i], "[%g, %g]: tick %d is %.17g, want %.17g", lo,
			     hi, i, t[i], want[i]);
		if (want[i] == 0)
			cr_expect(!signbit(t[i]), "[%g, %g]: tick %d is -0", lo, hi, i);
	}
}

Test(plot_ticks, largest_step_with_enough_ticks)
{
	expect_ticks(0, 10, 3, 10, (double[]){ 0, 5, 10 }, 3, 5);
	expect_ticks(0, 10, 4, 10, (double[]){ 0, 2, 4, 6, 8, 10 }, 6, 2);
	expect_ticks(0, 10, 7, 12, (double[]){ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 11, 1);
	expect_ticks(0, 10, 1, 10, (double[]){ 0 }, 1, 100);
}

Test(plot_ticks, symmetric_ranges)
{
	expect_ticks(-3, 3, 3, 10, (double[]){ -2, 0, 2 }, 3, 2);
	expect_ticks(-3, 3, 5, 10, (double[]){ -3, -2, -1, 0, 1, 2, 3 }, 7, 1);
	expect_ticks(-5.12, 5.12, 3, 10, (double[]){ -5, 0, 5 }, 3, 5);
	expect_ticks(-5.12, 5.12, 4, 10, (double[]){ -4, -2, 0, 2, 4 }, 5, 2);
	expect_ticks(-5.12, 5.12, 6, 12,
		     (double[]){ -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5 }, 11, 1);
}

Test(plot_ticks, negative_range)
{
	expect_ticks(-7.3, -2.1, 3, 10, (double[]){ -7, -6, -5, -4, -3 }, 5, 1);
	expect_ticks(-0.95, -0.05, 3, 10, (double[]){ -0.8, -0.6, -0.4, -0.2 }, 4, 0.2);
}

Test(plot_ticks, decimal_ticks_are_the_decimals)
{
	expect_ticks(0.001, 0.004, 3, 10, (double[]){ 0.001, 0.002, 0.003, 0.004 }, 4,
		     0.001);
	expect_ticks(0, 1, 6, 11, (double[]){ 0, 0.2, 0.4, 0.6, 0.8, 1 }, 6, 0.2);
	expect_ticks(0, 1, 7, 11,
		     (double[]){ 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1 },
		     11, 0.1);
	expect_ticks(-0.35, 0.35, 5, 10, (double[]){ -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3 },
		     7, 0.1);
	/* The ends count with a tolerance of rounding. */
	expect_ticks(0.1, 0.1 * 3, 3, 10, (double[]){ 0.1, 0.2, 0.3 }, 3, 0.1);
	expect_ticks(nextafter(0.1, 1), nextafter(0.3, 0), 3, 10,
		     (double[]){ 0.1, 0.2, 0.3 }, 3, 0.1);
}

Test(plot_ticks, huge_and_tiny)
{
	expect_ticks(1e6, 5e6, 3, 10, (double[]){ 1e6, 2e6, 3e6, 4e6, 5e6 }, 5, 1e6);
	expect_ticks(0, 1e12, 3, 10, (double[]){ 0, 5e11, 1e12 }, 3, 5e11);
	expect_ticks(1e12, 3e12, 3, 10, (double[]){ 1e12, 2e12, 3e12 }, 3, 1e12);
	expect_ticks(-1e-9, 1e-9, 3, 10, (double[]){ -1e-9, 0, 1e-9 }, 3, 1e-9);
	expect_ticks(-1e-9, 1e-9, 4, 10, (double[]){ -1e-9, -5e-10, 0, 5e-10, 1e-9 }, 5,
		     5e-10);
	expect_ticks(1e-12, 5e-12, 3, 10,
		     (double[]){ 1e-12, 2e-12, 3e-12, 4e-12, 5e-12 }, 5, 1e-12);
	expect_ticks(1e300, 3e300, 3, 10, (double[]){ 1e300, 2e300, 3e300 }, 3, 1e300);
}

Test(plot_ticks, empty_range_widens)
{
	expect_ticks(3, 3, 3, 10, (double[]){ 2.5, 3, 3.5 }, 3, 0.5);
	expect_ticks(0, 0, 3, 10, (double[]){ -0.5, 0, 0.5 }, 3, 0.5);
	expect_ticks(-2, -2, 3, 10, (double[]){ -2.5, -2, -1.5 }, 3, 0.5);
	expect_ticks(1e9, 1e9, 3, 10, (double[]){ 9e8, 1e9, 1.1e9 }, 3, 1e8);
	/* Narrower than the numbers resolve: as if empty. */
	expect_ticks(1e15, nextafter(1e15, INFINITY), 3, 10,
		     (double[]){ 9e14, 1e15, 1.1e15 }, 3, 1e14);
}

Test(plot_ticks, never_more_than_max)
{
	/* Step 2 gives 6 > 4: the next larger step, 5, gives 3. */
	expect_ticks(0, 10, 4, 4, (double[]){ 0, 5, 10 }, 3, 5);
	/* No step has 1 tick, step 2 has two: the one nearer the middle. */
	expect_ticks(0.1, 4.9, 1, 1, (double[]){ 2 }, 1, 2);
	/* min above max means max. */
	expect_ticks(0, 10, 20, 3, (double[]){ 0, 5, 10 }, 3, 5);
}

Test(plot_ticks, refusals)
{
	double t[MAXT], step = 1;

	cr_expect_eq(plot_ticks(NAN, 1, 3, 10, t, &step), 0);
	cr_expect_eq(step, 0);
	cr_expect_eq(plot_ticks(0, NAN, 3, 10, t, &step), 0);
	cr_expect_eq(plot_ticks(-INFINITY, 1, 3, 10, t, &step), 0);
	cr_expect_eq(plot_ticks(0, INFINITY, 3, 10, t, &step), 0);
	cr_expect_eq(plot_ticks(1, 0, 3, 10, t, &step), 0);
	cr_expect_eq(plot_ticks(0, 1, 3, 0, t, &step), 0);
	/* The width overflows. */
	cr_expect_eq(plot_ticks(-DBL_MAX, DBL_MAX, 3, 10, t, &step), 0);
}

/* The nice step below (smaller: 5 -> 2 -> 1 -> 0.5) or above s. */
static double
nice_neighbour(double s, int up)
{
	double p = pow(10, floor(log10(s) + 1e-9)), m = nearbyint(s / p);

	if (up)
		return m == 1 ? 2 * p : m == 2 ? 5 * p : 10 * p;
	return m == 5 ? 2 * p : m == 2 ? p : 0.5 * p;
}

/* How many multiples of s lie in [lo, hi], with the tolerance. */
static double
count_in(double lo, double hi, double s)
{
	double k = floor(hi / s + 1e-9) - ceil(lo / s - 1e-9) + 1;

	return k > 0 ? k : 0;
}

Test(plot_ticks, rules_on_random_ranges)
{
	uint64_t rng = 42;
	int trial;

	for (trial = 0; trial < 1000; trial++) {
		double t[MAXT], step, lo, hi, p, m, tol;
		int mn = 2 + (int)(next_unif(&rng) * 6);
		int mx = mn + (int)(next_unif(&rng) * 10);
		int i, n;

		lo = (next_unif(&rng) * 2 - 1) * pow(10, next_unif(&rng) * 24 - 12);
		hi = lo + next_unif(&rng) * pow(10, next_unif(&rng) * 24 - 12);
		if (!(hi - lo > fmax(fabs(lo), fabs(hi)) * 1e-12))
			continue;
		n = plot_ticks(lo, hi, mn, mx, t, &step);
		cr_assert(n >= 1 && n <= mx, "[%.17g, %.17g] %d..%d: %d ticks", lo, hi, mn,
			  mx, n);
		p = pow(10, floor(log10(step) + 1e-9));
		m = step / p;
		cr_expect(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9,
			  "step %.17g is not nice", step);
		tol = step * 1e-9;
		for (i = 0; i < n; i++) {
			double k = nearbyint(t[i] / step);

			cr_expect(t[i] >= lo - tol && t[i] <= hi + tol,
				  "[%.17g, %.17g]: tick %.17g outside", lo, hi, t[i]);
			cr_expect(fabs(t[i] - k * step) <= fabs(t[i]) * 1e-15,
				  "tick %.17g is not a multiple of %.17g", t[i], step);
			if (i > 0)
				cr_expect(fabs(t[i] - t[i - 1] - step) <=
					  tol + fabs(t[i]) * 1e-15,
					  "ticks %.17g, %.17g are not a step apart", t[i - 1],
					  t[i]);
		}
		cr_expect_eq(n, count_in(lo, hi, step) < mx ? count_in(lo, hi, step) : mx);
		if (n >= mn)
			/* The largest such step: the next larger has too few. */
			cr_expect(count_in(lo, hi, nice_neighbour(step, 1)) < mn,
				  "[%.17g, %.17g] min %d: step %g is not the largest", lo, hi,
				  mn, step);
		else
			/* Too few only because the next smaller step has too many. */
			cr_expect(count_in(lo, hi, nice_neighbour(step, 0)) > mx,
				  "[%.17g, %.17g] %d..%d: %d ticks of %g", lo, hi, mn, mx, n,
				  step);
	}
}

/* --- labels --------------------------------------------------------- */

static void
expect_label(double v, double step, const char *want)
{
	char buf[64];

	plot_tick_label(v, step, buf, sizeof buf);
	cr_expect_str_eq(buf, want, "label(%.17g, %g) is \"%s\", want \"%s\"", v, step,
			 buf, want);
}

Test(plot_tick_label, zero)
{
	expect_label(0, 0.5, "0");
	expect_label(-0.0, 1, "0");
	expect_label(1e-17, 0.1, "0");
	expect_label(-1e-17, 0.1, "0");
	expect_label(-2.7755575615628914e-17, 0.1, "0");
	expect_label(-0.04, 1, "0");
	expect_label(-0.0, 1e6, "0");
	expect_label(0, 1e-7, "0");
}

Test(plot_tick_label, decimals_from_the_step)
{
	expect_label(2, 1, "2");
	expect_label(10, 5, "10");
	expect_label(-40, 20, "-40");
	expect_label(0.5, 0.5, "0.5");
	expect_label(1, 0.5, "1.0");
	expect_label(-1.5, 0.5, "-1.5");
	expect_label(0.3, 0.1, "0.3");
	expect_label(0.1 * 3, 0.1, "0.3");
	expect_label(0.6, 0.2, "0.6");
	expect_label(0.05, 0.05, "0.05");
	expect_label(0.1, 0.05, "0.10");
	expect_label(2.25, 0.25, "2.25");
	expect_label(0.001, 0.001, "0.001");
	expect_label(0.0001, 0.0001, "0.0001");
	expect_label(999999, 1, "999999");
	expect_label(500000, 500000, "500000");
	expect_label(123456, 2, "123456");
}

Test(plot_tick_label, exponent_form)
{
	expect_label(1e6, 1e6, "1e+06");
	expect_label(-3e6, 1e6, "-3e+06");
	expect_label(1.5e6, 5e5, "1.5e+06");
	expect_label(1e6, 5e5, "1.0e+06");
	expect_label(1e12, 1e12, "1e+12");
	expect_label(2.5e-7, 5e-8, "2.5e-07");
	expect_label(5e-5, 1e-5, "5e-05");
	expect_label(-1e-9, 5e-10, "-1.0e-09");
	expect_label(5e-10, 5e-10, "5e-10");
	expect_label(3e-12, 1e-12, "3e-12");
	expect_label(1e300, 1e300, "1e+300");
}

Test(plot_tick_label, odd_inputs)
{
	char buf[8];

	expect_label(NAN, 1, "nan");
	expect_label(-NAN, 1, "nan");
	expect_label(INFINITY, 1, "inf");
	expect_label(-INFINITY, 1, "-inf");
	expect_label(2.5, 0, "2.5");
	expect_label(2.5, NAN, "2.5");
	/* Cut to the buffer, always terminated. */
	plot_tick_label(123.5, 0.5, buf, 3);
	cr_expect_str_eq(buf, "12");
	memcpy(buf, "xyz", 4);
	plot_tick_label(1, 1, buf, 0);
	cr_expect_str_eq(buf, "xyz");
}

Test(plot_tick_label, one_axis_is_consistent)
{
	static const double ranges[][2] = {
		{ 0, 1 }, { -5.12, 5.12 }, { 0.001, 0.004 }, { -1e-9, 1e-9 },
		{ 1e6, 5e6 }, { 0, 2e6 }, { 2.5e-5, 4.5e-4 }, { -0.35, 0.35 },
		{ 99.5, 100.5 }, { -3e7, -1e7 },
	};
	size_t r;

	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		char lab[MAXT][64];
		double t[MAXT], step;
		int i, j, n, decimals = -1;

		n = plot_ticks(ranges[r][0], ranges[r][1], 5, 12, t, &step);
		cr_assert(n >= 2);
		for (i = 0; i < n; i++) {
			const char *dot;

			plot_tick_label(t[i], step, lab[i], sizeof lab[i]);
			cr_expect(fabs(strtod(lab[i], NULL) - t[i]) <= step * 1e-6,
				  "\"%s\" is not %.17g", lab[i], t[i]);
			for (j = 0; j < i; j++)
				cr_expect_str_neq(lab[i], lab[j]);
			dot = strchr(lab[i], '.');
			if (strchr(lab[i], 'e') != NULL || strcmp(lab[i], "0") == 0)
				continue;
			if (decimals < 0)
				decimals = dot ? (int)strlen(dot + 1) : 0;
			cr_expect_eq(dot ? (int)strlen(dot + 1) : 0, decimals,
				     "\"%s\" has not %d decimals", lab[i], decimals);
		}
	}
}

/* --- the range of a curve ------------------------------------------- */

Test(plot_value_range, pole_is_clipped)
{
	double v[1000], lo, hi;
	int i, clipped;

	/* 1/x at the middles of 1000 intervals of [-1, 1]: up to +-1000. */
	for (i = 0; i < 1000; i++)
		v[i] = 1 / (-1 + (i + 0.5) * 0.002);
	cr_assert_eq(plot_value_range(v, 1000, &lo, &hi, &clipped), 0);
	cr_expect_eq(clipped, 1);
	cr_expect(lo > -60 && lo < -20, "lo %g", lo);
	cr_expect(hi > 20 && hi < 60, "hi %g", hi);
	cr_expect(fabs(lo + hi) < 1e-6 * hi, "[%g, %g] not symmetric", lo, hi);
}

Test(plot_value_range, pole_at_a_sample_is_ignored)
{
	double v[4001], lo, hi;
	int i, clipped;

	for (i = 0; i <= 4000; i++)
		v[i] = i == 2000 ? INFINITY : 1 / (-1 + i * 0.0005);
	cr_assert_eq(plot_value_range(v, 4001, &lo, &hi, &clipped), 0);
	cr_expect_eq(clipped, 1);
	cr_expect(lo > -60 && lo < -20 && hi > 20 && hi < 60, "[%g, %g]", lo, hi);
}

Test(plot_value_range, parabola_is_whole)
{
	double v[1001], lo, hi;
	int i, clipped;

	for (i = 0; i <= 1000; i++) {
		double x = -1 + i * 0.002;

		v[i] = x * x;
	}
	cr_assert_eq(plot_value_range(v, 1001, &lo, &hi, &clipped), 0);
	cr_expect_eq(clipped, 0);
	cr_expect_eq(lo, v[500]);
	cr_expect_eq(hi, 1);
}

Test(plot_value_range, constants)
{
	static const struct {
		double v, lo, hi;
	} cases[] = {
		{ 3, 2, 4 }, { 0, -1, 1 }, { -50, -55, -45 }, { 1000, 900, 1100 },
		{ 5, 4, 6 }, { 1e-300, 1e-300 - 1, 1e-300 + 1 },
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		double v[7], lo, hi;
		int i, clipped = 7;

		for (i = 0; i < 7; i++)
			v[i] = cases[k].v;
		cr_assert_eq(plot_value_range(v, 7, &lo, &hi, &clipped), 0);
		cr_expect_eq(clipped, 0);
		cr_expect_float_eq(lo, cases[k].lo, 1e-12, "%g: lo %g", cases[k].v, lo);
		cr_expect_float_eq(hi, cases[k].hi, 1e-12, "%g: hi %g", cases[k].v, hi);
	}
}

Test(plot_value_range, spike_is_clipped)
{
	double v[1000], lo, hi;
	int i, clipped;

	for (i = 0; i < 1000; i++)
		v[i] = sin(i * 0.01);
	v[500] = 1e6;
	cr_assert_eq(plot_value_range(v, 1000, &lo, &hi, &clipped), 0);
	cr_expect_eq(clipped, 1);
	cr_expect(lo >= -1 && lo < -0.9, "lo %g", lo);
	cr_expect(hi > 0.99 && hi < 1.5, "hi %g", hi);
}

Test(plot_value_range, spike_on_a_constant)
{
	double v[1000], lo, hi;
	int i, clipped;

	for (i = 0; i < 1000; i++)
		v[i] = 0;
	v[10] = 1e6;
	cr_assert_eq(plot_value_range(v, 1000, &lo, &hi, &clipped), 0);
	cr_expect_eq(clipped, 1);
	cr_expect_eq(lo, -1);
	cr_expect_eq(hi, 1);
}

Test(plot_value_range, ramp_and_two_values)
{
	double v[1000], lo, hi;
	int i, clipped;

	for (i = 0; i < 1000; i++)
		v[i] = 999 - i;
	cr_assert_eq(plot_value_range(v, 1000, &lo, &hi, &clipped), 0);
	cr_expect(lo == 0 && hi == 999 && !clipped);
	/* The input is not sorted in place. */
	cr_expect_eq(v[0], 999);
	v[0] = -DBL_MAX;
	v[1] = DBL_MAX;
	cr_assert_eq(plot_value_range(v, 2, &lo, &hi, &clipped), 0);
	cr_expect(lo == -DBL_MAX && hi == DBL_MAX && !clipped, "[%g, %g] %d", lo, hi,
		  clipped);
}

Test(plot_value_range, non_finite)
{
	double v[5] = { NAN, NAN, INFINITY, -INFINITY, NAN }, lo = 7, hi = 7;
	double w[6] = { NAN, 2, INFINITY, 4, -INFINITY, 3 };
	int clipped = 7;

	cr_expect_eq(plot_value_range(v, 5, &lo, &hi, &clipped), -1);
	cr_expect_eq(plot_value_range(v, 0, &lo, &hi, &clipped), -1);
	cr_expect_eq(plot_value_range(w, 6, &lo, &hi, &clipped), 0);
	cr_expect(lo == 2 && hi == 4 && !clipped, "[%g, %g] %d", lo, hi, clipped);
}

/* --- contour levels ------------------------------------------------- */

#define GRID 100

static double
rosenbrock(double x, double y)
{
	return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
}

static double
bowl(double x, double y)
{
	return x * x + y * y;
}

static double
himmelblau(double x, double y)
{
	double a = x * x + y - 11, b = x + y * y - 7;

	return a * a + b * b;
}

/* f on a GRID x GRID grid over [x0, x1] x [y0, y1], in a new array. */
static double *
sample(double (*f)(double, double), double x0, double x1, double y0, double y1)
{
	double *v = malloc(GRID * GRID * sizeof *v);
	int i, j;

	cr_assert_not_null(v);
	for (j = 0; j < GRID; j++)
		for (i = 0; i < GRID; i++)
			v[j * GRID + i] = f(x0 + (x1 - x0) * i / (GRID - 1),
					    y1 - (y1 - y0) * j / (GRID - 1));
	return v;
}

static void
expect_increasing(const double *levels, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		cr_expect(isfinite(levels[i]), "level %d is %g", i, levels[i]);
		if (i > 0)
			cr_expect(levels[i] > levels[i - 1], "level %d: %.17g after %.17g", i,
				  levels[i], levels[i - 1]);
	}
}

static double
min_of(const double *v, size_t n)
{
	double m = INFINITY;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

Test(plot_choose_levels, rosenbrock_is_log)
{
	double *v = sample(rosenbrock, -2, 2, -1, 3), lv[6], vmin;
	int i;

	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 6, PLOT_LEVELS_AUTO, lv),
		     PLOT_LEVELS_LOG);
	expect_increasing(lv, 6);
	vmin = min_of(v, GRID * GRID);
	/* The valley: the lowest level is near the minimum, the highest far. */
	cr_expect(lv[0] > vmin && lv[0] < 5, "lowest level %g", lv[0]);
	cr_expect(lv[5] > 500 && lv[5] < 2000, "highest level %g", lv[5]);
	/* Geometric above the minimum: 3 decades in 5 steps. */
	for (i = 1; i < 6; i++)
		cr_expect_float_eq((lv[i] - vmin) / (lv[i - 1] - vmin), pow(10, 0.6), 1e-9);
	/* Asked for, either kind is given. */
	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 6, PLOT_LEVELS_LINEAR, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 6);
	free(v);
}

Test(plot_choose_levels, bowl_is_linear)
{
	double *v = sample(bowl, -2, 2, -2, 2), lv[8], d;
	int i;

	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 8, PLOT_LEVELS_AUTO, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 8);
	d = lv[0] - min_of(v, GRID * GRID);
	cr_expect(d > 0);
	for (i = 1; i < 8; i++)
		cr_expect_float_eq(lv[i] - lv[i - 1], d, 1e-12);
	/* The last level is below the 95th percentile, far below the corners (8). */
	cr_expect(lv[7] < 6.5, "highest level %g", lv[7]);
	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 8, PLOT_LEVELS_LOG, lv),
		     PLOT_LEVELS_LOG);
	expect_increasing(lv, 8);
	free(v);
}

Test(plot_choose_levels, himmelblau_is_linear)
{
	double *v = sample(himmelblau, -5, 5, -5, 5), lv[6];

	/* Its median is 0.29 of the way up: linear levels, the hump between. */
	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 6, PLOT_LEVELS_AUTO, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 6);
	cr_expect(lv[0] < 181.6 && lv[5] > 181.6, "levels %g..%g", lv[0], lv[5]);
	free(v);
}

Test(plot_choose_levels, non_finite_values_are_ignored)
{
	double *v = sample(bowl, -2, 2, -2, 2), lv[6], lw[6];
	double *w = malloc((GRID * GRID + 3) * sizeof *w);
	int i;

	cr_assert_not_null(w);
	memcpy(w, v, GRID * GRID * sizeof *w);
	w[GRID * GRID] = NAN;
	w[GRID * GRID + 1] = INFINITY;
	w[GRID * GRID + 2] = -INFINITY;
	cr_expect_eq(plot_choose_levels(v, GRID * GRID, 6, PLOT_LEVELS_AUTO, lv),
		     plot_choose_levels(w, GRID * GRID + 3, 6, PLOT_LEVELS_AUTO, lw));
	for (i = 0; i < 6; i++)
		cr_expect_eq(lv[i], lw[i]);
	free(v);
	free(w);
}

Test(plot_choose_levels, constant)
{
	double v[50], lv[4];
	int i;

	for (i = 0; i < 50; i++)
		v[i] = 2;
	cr_expect_eq(plot_choose_levels(v, 50, 4, PLOT_LEVELS_AUTO, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 4);
	for (i = 0; i < 4; i++)
		cr_expect_float_eq(lv[i], 1 + 2.0 * (i + 1) / 5, 1e-12);
	cr_expect_eq(plot_choose_levels(v, 50, 4, PLOT_LEVELS_LOG, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 4);
}

Test(plot_choose_levels, nothing_finite)
{
	double v[3] = { NAN, INFINITY, NAN }, lv[5];
	int i;

	cr_expect_eq(plot_choose_levels(v, 3, 5, PLOT_LEVELS_AUTO, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 5);
	for (i = 0; i < 5; i++)
		cr_expect(lv[i] > -1 && lv[i] < 1, "level %g", lv[i]);
	cr_expect_eq(plot_choose_levels(NULL, 0, 5, PLOT_LEVELS_LOG, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 5);
}

Test(plot_choose_levels, plateau_and_extremes)
{
	double v[100], lv[6], one = 7;
	int i;

	/* 96 values at the minimum: the levels go up to the maximum. */
	for (i = 0; i < 100; i++)
		v[i] = i < 96 ? 0 : i - 95;
	plot_choose_levels(v, 100, 6, PLOT_LEVELS_LINEAR, lv);
	expect_increasing(lv, 6);
	cr_expect(lv[0] > 0 && lv[5] < 4, "levels %g..%g", lv[0], lv[5]);
	/* The span overflows a double. */
	v[0] = -DBL_MAX;
	v[1] = DBL_MAX;
	cr_expect_eq(plot_choose_levels(v, 2, 6, PLOT_LEVELS_LINEAR, lv),
		     PLOT_LEVELS_LINEAR);
	expect_increasing(lv, 6);
	plot_choose_levels(v, 2, 6, PLOT_LEVELS_LOG, lv);
	expect_increasing(lv, 6);
	/* Two values a rounding apart: still strictly increasing. */
	v[0] = 1e300;
	v[1] = nextafter(1e300, INFINITY);
	plot_choose_levels(v, 2, 6, PLOT_LEVELS_AUTO, lv);
	expect_increasing(lv, 6);
	/* One level, and none. */
	plot_choose_levels(v, 2, 1, PLOT_LEVELS_AUTO, lv);
	cr_expect(isfinite(lv[0]));
	plot_choose_levels(v, 2, 0, PLOT_LEVELS_AUTO, &one);
	cr_expect_eq(one, 7);
}

/* --- marching squares ----------------------------------------------- */

/* The crossings at the middles of the edges. */
#define T 0.5, 0
#define R 1, 0.5
#define B 0.5, 1
#define L 0, 0.5

/*
 * Every case with corners 0 (below) and 1 (above) at level 0.5; the
 * saddles' mean is then 0.5, on the level, which counts as above.
 */
static const struct {
	int n;
	double seg[2][4];
} cases[16] = {
	[0] = { 0, { { 0 } } },
	[1] = { 1, { { B, L } } },              /* bottom left above */
	[2] = { 1, { { R, B } } },              /* bottom right */
	[3] = { 1, { { R, L } } },              /* bottom row */
	[4] = { 1, { { T, R } } },              /* top right */
	[5] = { 2, { { T, L }, { B, R } } },    /* saddle: the lows cut off */
	[6] = { 1, { { T, B } } },              /* right column */
	[7] = { 1, { { T, L } } },              /* all but top left */
	[8] = { 1, { { L, T } } },              /* top left */
	[9] = { 1, { { B, T } } },              /* left column */
	[10] = { 2, { { R, T }, { L, B } } },   /* saddle: the lows cut off */
	[11] = { 1, { { R, T } } },             /* all but top right */
	[12] = { 1, { { L, R } } },             /* top row */
	[13] = { 1, { { B, R } } },             /* all but bottom right */
	[14] = { 1, { { L, B } } },             /* all but bottom left */
	[15] = { 0, { { 0 } } },
};

#undef T
#undef R
#undef B
#undef L

static void
expect_segments(const double z[4], double level, int n, const double want[][4])
{
	double seg[2][4];
	int got = plot_march(z, level, seg), k, c;

	cr_expect_eq(got, n, "{%g %g %g %g} at %g: %d segments, want %d", z[0], z[1],
		     z[2], z[3], level, got, n);
	for (k = 0; k < got && k < n; k++)
		for (c = 0; c < 4; c++)
			cr_expect_float_eq(seg[k][c], want[k][c], 1e-12,
					   "{%g %g %g %g} at %g: segment %d is "
					   "(%g,%g)-(%g,%g), want (%g,%g)-(%g,%g)",
					   z[0], z[1], z[2], z[3], level, k, seg[k][0],
					   seg[k][1], seg[k][2], seg[k][3], want[k][0],
					   want[k][1], want[k][2], want[k][3]);
}

Test(plot_march, sixteen_cases)
{
	int c;

	for (c = 0; c < 16; c++) {
		double z[4] = { (c >> 3) & 1, (c >> 2) & 1, (c >> 1) & 1, c & 1 };

		expect_segments(z, 0.5, cases[c].n, cases[c].seg);
	}
}

Test(plot_march, saddles_both_ways)
{
	/* Case 5, mean 0 above the level -0.2: the two lows cut off. */
	expect_segments((double[]){ -1, 1, -1, 1 }, -0.2, 2,
			(const double[][4]){ { 0.4, 0, 0, 0.4 }, { 0.6, 1, 1, 0.6 } });
	/* Case 5, mean 0 below the level 0.2: the two highs cut off. */
	expect_segments((double[]){ -1, 1, -1, 1 }, 0.2, 2,
			(const double[][4]){ { 0.6, 0, 1, 0.4 }, { 0.4, 1, 0, 0.6 } });
	/* Case 10, above, then below. */
	expect_segments((double[]){ 1, -1, 1, -1 }, -0.2, 2,
			(const double[][4]){ { 1, 0.4, 0.6, 0 }, { 0, 0.6, 0.4, 1 } });
	expect_segments((double[]){ 1, -1, 1, -1 }, 0.2, 2,
			(const double[][4]){ { 0, 0.4, 0.4, 0 }, { 1, 0.6, 0.6, 1 } });
	/* Uneven corners: one high corner lifts the mean, joining the highs. */
	expect_segments((double[]){ 0, 10, 0, 1 }, 0.9, 2,
			(const double[][4]){ { 0.09, 0, 0, 0.9 },
					     { 0.1, 1, 1, 0.91 } });
}

Test(plot_march, interpolation)
{
	expect_segments((double[]){ 0, 4, 4, 0 }, 1, 1,
			(const double[][4]){ { 0.25, 0, 0.25, 1 } });
	expect_segments((double[]){ 10, 0, 0, 0 }, 2.5, 1,
			(const double[][4]){ { 0, 0.75, 0.75, 0 } });
	expect_segments((double[]){ 1, 2, 5, 3 }, 2.5, 1,
			(const double[][4]){ { 1, 1.0 / 6, 0, 0.75 } });
	expect_segments((double[]){ -3, -3, 1, 5 }, 0, 1,
			(const double[][4]){ { 1, 0.75, 0, 0.375 } });
	/* On a corner: that corner is above; the segment shrinks to it. */
	expect_segments((double[]){ 1, 0, 0, 0 }, 1, 1,
			(const double[][4]){ { 0, 0, 0, 0 } });
	/* A pole: the crossing is at the finite end. */
	expect_segments((double[]){ INFINITY, 0, 0, 0 }, 1, 1,
			(const double[][4]){ { 0, 1, 1, 0 } });
	expect_segments((double[]){ -INFINITY, INFINITY, INFINITY, -INFINITY }, 0, 1,
			(const double[][4]){ { 0.5, 0, 0.5, 1 } });
	/* Huge values do not overflow the interpolation. */
	expect_segments((double[]){ -DBL_MAX, DBL_MAX, DBL_MAX, -DBL_MAX }, 0, 1,
			(const double[][4]){ { 0.5, 0, 0.5, 1 } });
}

Test(plot_march, nan_gives_nothing)
{
	double seg[2][4];
	int k;

	for (k = 0; k < 4; k++) {
		double z[4] = { 0, 1, 0, 1 };

		z[k] = NAN;
		cr_expect_eq(plot_march(z, 0.5, seg), 0, "nan at corner %d", k);
	}
	cr_expect_eq(plot_march((double[]){ 0, 1, 1, 0 }, NAN, seg), 0);
}

/* Random cells: the crossings are where the edges meet the level, the highs on the left. */
Test(plot_march, random_cells)
{
	static const double corner[4][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
	uint64_t rng = 7;
	int trial;

	for (trial = 0; trial < 20000; trial++) {
		double z[4], seg[2][4], level = next_unif(&rng) * 2 - 1;
		int i, k, n, c = 0;

		for (i = 0; i < 4; i++) {
			z[i] = next_unif(&rng) * 2 - 1;
			c = c << 1 | (z[i] >= level);
		}
		n = plot_march(z, level, seg);
		cr_assert_eq(n, c == 0 || c == 15 ? 0 : c == 5 || c == 10 ? 2 : 1);
		for (k = 0; k < n; k++) {
			double dx = seg[k][2] - seg[k][0], dy = seg[k][3] - seg[k][1];
			int e;

			for (e = 0; e < 2; e++) {
				double x = seg[k][2 * e], y = seg[k][2 * e + 1], v;

				cr_assert(x >= 0 && x <= 1 && y >= 0 && y <= 1);
				/* The bilinear interpolation on the boundary is linear. */
				if (y == 0)
					v = z[0] + (z[1] - z[0]) * x;
				else if (y == 1)
					v = z[3] + (z[2] - z[3]) * x;
				else if (x == 0)
					v = z[0] + (z[3] - z[0]) * y;
				else
					v = z[1] + (z[2] - z[1]) * y;
				cr_expect(fabs(v - level) < 1e-9, "(%g, %g) is at %g, not %g",
					  x, y, v, level);
			}
			if (n == 2)
				continue;
			/* Left of the way on the screen (y down) is (dy, -dx). */
			for (i = 0; i < 4; i++) {
				double side = (corner[i][0] - seg[k][0]) * dy -
				    (corner[i][1] - seg[k][1]) * dx;

				cr_expect(z[i] >= level ? side >= -1e-12 : side <= 1e-12,
					  "case %d: corner %d on the wrong side", c, i);
			}
		}
	}
}

/* A point where a segment starts or ends, in grid coordinates. */
struct end {
	double x, y;
	int start;
};

static int
cmp_end(const void *a, const void *b)
{
	const struct end *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return p->start - q->start;
}

/*
 * Marches a w x h grid of z at level and checks that each crossing of an
 * inner edge ends one segment and starts another (the contours join, and
 * run one way), and each crossing of the border is used once.
 */
static void
expect_joined(const double *z, int w, int h, double level)
{
	struct end *ends = malloc((size_t)(w * h * 4) * sizeof *ends);
	int i, j, k, n = 0;

	cr_assert_not_null(ends);
	for (j = 0; j + 1 < h; j++) {
		for (i = 0; i + 1 < w; i++) {
			double c[4] = { z[j * w + i], z[j * w + i + 1],
					z[(j + 1) * w + i + 1], z[(j + 1) * w + i] };
			double seg[2][4];
			int m = plot_march(c, level, seg);

			for (k = 0; k < m; k++) {
				ends[n++] = (struct end){ i + seg[k][0], j + seg[k][1], 1 };
				ends[n++] = (struct end){ i + seg[k][2], j + seg[k][3], 0 };
			}
		}
	}
	cr_assert(n > 0);
	qsort(ends, (size_t)n, sizeof *ends, cmp_end);
	for (k = 0; k < n;) {
		int border = ends[k].x == 0 || ends[k].y == 0 || ends[k].x == w - 1 ||
		    ends[k].y == h - 1;

		if (border) {
			cr_expect(k + 1 == n || ends[k + 1].x != ends[k].x ||
				  ends[k + 1].y != ends[k].y,
				  "(%g, %g) on the border used twice", ends[k].x, ends[k].y);
			k++;
			continue;
		}
		cr_assert(k + 1 < n && ends[k + 1].x == ends[k].x &&
			  ends[k + 1].y == ends[k].y,
			  "(%g, %g) is a loose end", ends[k].x, ends[k].y);
		cr_expect(ends[k].start == 0 && ends[k + 1].start == 1,
			  "(%g, %g): two segments run against each other", ends[k].x,
			  ends[k].y);
		cr_expect(k + 2 == n || ends[k + 2].x != ends[k].x ||
			  ends[k + 2].y != ends[k].y,
			  "(%g, %g) used thrice", ends[k].x, ends[k].y);
		k += 2;
	}
	free(ends);
}

Test(plot_march, grids_join_up)
{
	double z[30 * 30];
	uint64_t rng = 99;
	int i, j, r;

	/* A circle: closed, so every end meets another. */
	for (j = 0; j < 30; j++)
		for (i = 0; i < 30; i++)
			z[j * 30 + i] = bowl((i - 14.5) / 7, (j - 14.3) / 7);
	expect_joined(z, 30, 30, 1);
	/* Himmelblau's levels, saddles and all. */
	for (j = 0; j < 30; j++)
		for (i = 0; i < 30; i++)
			z[j * 30 + i] = himmelblau(-5 + i / 2.9, 5 - j / 2.9);
	expect_joined(z, 30, 30, 30);
	expect_joined(z, 30, 30, 181);
	/* Noise: saddles everywhere. */
	for (r = 0; r < 5; r++) {
		for (i = 0; i < 30 * 30; i++)
			z[i] = next_unif(&rng) * 2 - 1;
		expect_joined(z, 30, 30, next_unif(&rng) - 0.5);
	}
}

/* A cell's centre, as data, lies in that cell; the cells outside the plot area have none. */
Test(plot_fig, point_and_cell_agree)
{
	struct diag e;
	struct objective *o = objective_expr("x^2 + 3*y^2", NULL, 0, &e);
	struct plot_opts po;
	struct plot_fig *f;
	struct diag err = { .message = "" };
	int cx, cy, inside = 0;

	cr_assert_not_null(o);
	plot_opts_init(&po);
	po.width = 60;
	po.height = 20;
	f = plot_fig_new(o, &po, NULL, &err);
	cr_assert_not_null(f, "%s", err.message);
	for (cy = 0; cy < 20; cy++) {
		for (cx = 0; cx < 60; cx++) {
			double x[2];
			int bx, by;
			if (plot_fig_point(f, cx, cy, x) < 0)
				continue;
			inside++;
			cr_assert_eq(plot_fig_cell(f, x, &bx, &by), 0);
			cr_assert(bx == cx && by == cy, "cell (%d, %d) maps to (%g, %g), in (%d, %d)",
				  cx, cy, x[0], x[1], bx, by);
		}
	}
	cr_assert_gt(inside, 40 * 12, "the plot area is most of the figure");
	{
		double x[2];
		cr_assert_eq(plot_fig_point(f, 0, 0, x), -1, "the corner is the axis");
		cr_assert_eq(plot_fig_point(f, 60, 0, x), -1);
	}
	plot_fig_free(f);
	objective_free(o);
}
