/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-deriv.c - checks that the derivatives the expression engine
 * computes are right.  Every operator and function is differentiated and
 * the compiled gradient compared with a five-point finite difference of the
 * compiled function at many random points of a box where the function is
 * smooth; a few composites are compared with derivatives written by hand in
 * C; Hessians are compared with finite differences of the compiled gradient
 * and must be exactly symmetric.  It also pins the subgradients at kinks
 * (abs, relu, sign, step, max, min), that max and min differentiate by
 * taking one branch exactly, the printed form of simple derivatives, and
 * that every printed function and derivative (and folded inf or nan
 * constants) parses back to the same function.  Points come from a
 * fixed-seed splitmix64, so runs repeat.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/expr.h"
#include "descent/rng.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define NPOINTS 200
#define FD_TOL 1e-6             /* finite differences vs compiled */
#define HAND_TOL 1e-12          /* hand-written formulas vs compiled */
/*
 * Printed text may regroup sums and products ("a + (b + c)" prints as
 * "a + b + c"), which changes rounding but not the function; a wrong
 * precedence or a truncated constant is off by far more than this.
 */
#define ROUNDTRIP_TOL 1e-9
#define MAXV 3

static const char *const var_names[MAXV] = { "x", "y", "z" };

/* Error scaled so that it is relative for large values, absolute near 0. */
static double scaled_err(double a, double b)
{
	return fabs(a - b) / fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void fmt_point(char *buf, size_t size, const double *x, int nv)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < nv && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s=%.17g",
					i ? ", " : "", var_names[i], x[i]);
}

static struct expr *parse_ok(const char *src, int nvars)
{
	struct diag err = { 0 };
	struct expr *e = expr_parse(src, var_names, nvars, &err);

	cr_assert(e != NULL, "parsing \"%s\" failed: column %d: %s",
		  src, err.column, err.message);
	cr_assert(expr_nvars(e) == nvars, "\"%s\": %d variables, expected %d",
		  src, expr_nvars(e), nvars);
	return e;
}

static struct expr_program *compile_ok(struct expr *e, unsigned what,
				       const char *src)
{
	struct diag err = { 0 };
	struct expr_program *p = expr_compile(e, what, &err);
	int n = expr_nvars(e);
	int nout = 1;

	cr_assert(p != NULL, "compiling \"%s\" (what=%u) failed: %s",
		  src, what, err.message);
	if (what & (EXPR_GRAD | EXPR_HESS))
		nout += n;
	if (what & EXPR_HESS)
		nout += n * n;
	cr_assert(expr_program_nvars(p) == n && expr_program_nout(p) == nout,
		  "\"%s\" (what=%u): nvars %d nout %d, expected %d and %d",
		  src, what, expr_program_nvars(p), expr_program_nout(p),
		  n, nout);
	return p;
}

/* ---- the cases: an expression, its variables and a smooth box ---- */

struct dcase {
	const char *src;
	int nvars;              /* the first nvars of x, y, z */
	double lo[MAXV], hi[MAXV];
	int (*ok)(const double *x);     /* NULL: the whole box is smooth */
};

static int x_away_0(const double *x) { return fabs(x[0]) > 0.05; }
static int x_away_y(const double *x) { return fabs(x[0] - x[1]) > 0.05; }
static int xy_away_1(const double *x) { return fabs(x[0] * x[1] - 1) > 0.05; }
static int xyz_apart(const double *x)
{
	return fabs(x[0] - x[1]) > 0.05 && fabs(x[1] - x[2]) > 0.05;
}
static int away_origin(const double *x) { return x[0] * x[0] + x[1] * x[1] > 0.01; }
static int maxmin_smooth(const double *x)
{
	return fabs(x[0] * x[0] - x[1]) > 0.05 && fabs(x[0] - x[1]) > 0.05;
}

#define B1(a, b) { a }, { b }
#define B2(a, b, c, d) { a, c }, { b, d }
#define B3(a, b, c, d, e, f) { a, c, e }, { b, d, f }

static const struct dcase dcases[] = {
	/* operators */
	{ "x + 2", 1, B1(-3, 3), NULL },
	{ "3 - x", 1, B1(-3, 3), NULL },
	{ "x * x * x", 1, B1(-3, 3), NULL },
	{ "1 / x", 1, B1(0.3, 3), NULL },
	{ "1 / x", 1, B1(-3, -0.3), NULL },
	{ "x^3", 1, B1(-2, 2), NULL },
	{ "x^-2", 1, B1(0.3, 3), NULL },
	{ "x^2.5", 1, B1(0.1, 3), NULL },
	{ "x^0.5 + x^(1/3)", 1, B1(0.1, 3), NULL },
	{ "2^x", 1, B1(-3, 3), NULL },
	{ "x**4", 1, B1(-2, 2), NULL },
	{ "x**-1.5", 1, B1(0.2, 3), NULL },
	{ "-x^2", 1, B1(-3, 3), NULL },
	{ "-(x - 1)^3", 1, B1(-3, 3), NULL },
	{ "2x^2 + 3(x + 1)", 1, B1(-3, 3), NULL },
	{ ".5x + 1e-3*x^2 - 2.5E+1", 1, B1(-3, 3), NULL },
	{ "pi*x + e^x", 1, B1(-3, 3), NULL },
	{ "x + y", 2, B2(-3, 3, -3, 3), NULL },
	{ "x - y", 2, B2(-3, 3, -3, 3), NULL },
	{ "x * y", 2, B2(-3, 3, -3, 3), NULL },
	{ "x / y", 2, B2(-3, 3, 0.5, 3), NULL },
	{ "x / y", 2, B2(-3, 3, -3, -0.5), NULL },
	{ "x^y", 2, B2(0.2, 3, -3, 3), NULL },
	{ "x**y - y**x", 2, B2(0.2, 3, 0.2, 3), NULL },
	{ "x^y^z", 3, B3(0.5, 2, 0.5, 2, -1, 1), NULL },
	{ "-x*y + -(y - x)", 2, B2(-3, 3, -3, 3), NULL },
	/* functions */
	{ "sin(x)", 1, B1(-6, 6), NULL },
	{ "cos(x)", 1, B1(-6, 6), NULL },
	{ "tan(x)", 1, B1(-1.3, 1.3), NULL },
	{ "exp(x)", 1, B1(-5, 5), NULL },
	{ "log(x)", 1, B1(0.1, 10), NULL },
	{ "ln(x)", 1, B1(0.1, 10), NULL },
	{ "sqrt(x)", 1, B1(0.05, 10), NULL },
	{ "abs(x)", 1, B1(-3, 3), x_away_0 },
	{ "tanh(x)", 1, B1(-4, 4), NULL },
	{ "sigmoid(x)", 1, B1(-8, 8), NULL },
	{ "relu(x)", 1, B1(-3, 3), x_away_0 },
	{ "softplus(x)", 1, B1(-8, 8), NULL },
	{ "sign(x)*x^2", 1, B1(-3, 3), x_away_0 },
	{ "step(x)*x^3 + x", 1, B1(-3, 3), x_away_0 },
	{ "min(x, y)", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "max(x, y)", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "sin(x*y)", 2, B2(-3, 3, -3, 3), NULL },
	{ "cos(x + y^2)", 2, B2(-3, 3, -2, 2), NULL },
	{ "tan(x*y)", 2, B2(-1, 1, -1, 1), NULL },
	{ "exp(x - y)", 2, B2(-3, 3, -3, 3), NULL },
	{ "log(x*y)", 2, B2(0.2, 4, 0.2, 4), NULL },
	{ "ln(x^2 + y^2)", 2, B2(-3, 3, -3, 3), away_origin },
	{ "sqrt(x^2 + y^2 + 1)", 2, B2(-3, 3, -3, 3), NULL },
	{ "abs(x - y)*x", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "tanh(2*x - y)", 2, B2(-2, 2, -2, 2), NULL },
	{ "sigmoid(x*y)", 2, B2(-3, 3, -3, 3), NULL },
	{ "relu(x*y - 1)", 2, B2(-3, 3, -3, 3), xy_away_1 },
	{ "softplus(3*x - y)", 2, B2(-3, 3, -3, 3), NULL },
	{ "sign(x - y)*(x^2 + y^2)", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "step(x - y)*x*y", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "min(x, y)^2 + max(x, y)^3", 2, B2(-2, 2, -2, 2), x_away_y },
	{ "max(x^2, y)*min(x, y)", 2, B2(-2, 2, -2, 2), maxmin_smooth },
	/* composites and test functions */
	{ "exp(sin(x)*y)", 2, B2(-2, 2, -2, 2), NULL },
	{ "(x^2 + 1)^-1.5*y", 2, B2(-3, 3, -3, 3), NULL },
	{ "softplus(x*y)", 2, B2(-3, 3, -3, 3), NULL },
	{ "tanh(x - y)^3", 2, B2(-2, 2, -2, 2), NULL },
	{ "max(x, y)*min(x, y)", 2, B2(-3, 3, -3, 3), x_away_y },
	{ "x/(1 + y^2)", 2, B2(-3, 3, -3, 3), NULL },
	{ "x^2*y^3 - x*y", 2, B2(-2, 2, -2, 2), NULL },
	{ "(1 - x)^2 + 100*(y - x^2)^2", 2, B2(-2, 2, -1, 3), NULL },
	{ "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 2, B2(-5, 5, -5, 5), NULL },
	{ "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", 2,
	  B2(-1, 1, -1, 1), NULL },
	{ "x*y*z", 3, B3(-3, 3, -3, 3, -3, 3), NULL },
	{ "sin(x)*cos(y)*exp(z)", 3, B3(-2, 2, -2, 2, -2, 2), NULL },
	{ "exp(-(x^2 + y^2 + z^2)/2)", 3, B3(-2, 2, -2, 2, -2, 2), NULL },
	{ "log(1 + x^2) + sqrt(1 + y^2 + z^2)", 3, B3(-3, 3, -3, 3, -3, 3), NULL },
	{ "max(x, y)*z + min(y, z)*x", 3, B3(-3, 3, -3, 3, -3, 3), xyz_apart },
	{ "tanh(x*y + z)^3", 3, B3(-1.5, 1.5, -1.5, 1.5, -1.5, 1.5), NULL },
	{ "softplus(x - y*z) + sigmoid(z - x)", 3, B3(-3, 3, -3, 3, -3, 3), NULL },
	{ "(x + 2*y - z)^2/(1 + z^2)", 3, B3(-3, 3, -3, 3, -3, 3), NULL },
};

#define NDCASES (sizeof dcases / sizeof dcases[0])

static void sample(struct rng *s, const struct dcase *c, double *x)
{
	for (int tries = 0; tries < 100000; tries++) {
		for (int i = 0; i < c->nvars; i++)
			x[i] = rng_uniform(s, c->lo[i], c->hi[i]);
		if (!c->ok || c->ok(x))
			return;
	}
	cr_assert_fail("\"%s\": no point found in its box", c->src);
}

/* Output k of p at x with x[i] moved by d. */
static double eval_moved(struct expr_program *p, const double *x, int nv,
			 int i, double d, int k)
{
	double y[MAXV], out[1 + MAXV + MAXV * MAXV];

	memcpy(y, x, (size_t)nv * sizeof *y);
	y[i] = x[i] + d;
	expr_eval(p, y, out);
	return out[k];
}

/*
 * d out[k] / d x[i] by the five-point stencil: truncation error
 * h^4 f^(5) / 30 (negligible at h = 1e-4) and rounding about 3e-12 |f|.
 */
static double fd_partial(struct expr_program *p, const double *x, int nv,
			 int i, int k)
{
	double h = 1e-4 * fmax(1.0, fabs(x[i]));
	double p1 = eval_moved(p, x, nv, i, h, k);
	double m1 = eval_moved(p, x, nv, i, -h, k);
	double p2 = eval_moved(p, x, nv, i, 2 * h, k);
	double m2 = eval_moved(p, x, nv, i, -2 * h, k);

	return (8.0 * (p1 - m1) - (p2 - m2)) / (12.0 * h);
}

Test(expr_deriv, gradient_matches_finite_differences)
{
	struct rng seed;

	rng_init(&seed, 0x5eed0001);
	char pt[200];

	for (size_t c = 0; c < NDCASES; c++) {
		const struct dcase *dc = &dcases[c];
		int nv = dc->nvars;
		struct expr *e = parse_ok(dc->src, nv);
		struct expr_program *pf = compile_ok(e, 0, dc->src);
		struct expr_program *pg = compile_ok(e, EXPR_GRAD, dc->src);
		int bad = 0;

		for (int k = 0; k < NPOINTS && !bad; k++) {
			double x[MAXV], out[1 + MAXV];

			sample(&seed, dc, x);
			expr_eval(pg, x, out);
			for (int i = 0; i < nv && !bad; i++) {
				double fd = fd_partial(pf, x, nv, i, 0);
				double err = scaled_err(out[1 + i], fd);

				if (!(err < FD_TOL)) {
					fmt_point(pt, sizeof pt, x, nv);
					cr_expect(err < FD_TOL,
						  "\"%s\" at (%s): d/d%s compiled %.17g, "
						  "finite difference %.17g (scaled error %.3g)",
						  dc->src, pt, var_names[i], out[1 + i],
						  fd, err);
					bad = 1;
				}
			}
		}
		expr_program_free(pg);
		expr_program_free(pf);
		expr_free(e);
	}
}

Test(expr_deriv, hessian_matches_finite_differences_and_is_symmetric)
{
	struct rng seed;

	rng_init(&seed, 0x5eed0002);
	char pt[200];

	for (size_t c = 0; c < NDCASES; c++) {
		const struct dcase *dc = &dcases[c];
		int nv = dc->nvars;
		struct expr *e = parse_ok(dc->src, nv);
		struct expr_program *ph = compile_ok(e, EXPR_GRAD | EXPR_HESS, dc->src);
		int bad = 0;

		for (int k = 0; k < NPOINTS && !bad; k++) {
			double x[MAXV], out[1 + MAXV + MAXV * MAXV];
			const double *h = out + 1 + nv;

			sample(&seed, dc, x);
			expr_eval(ph, x, out);
			for (int i = 0; i < nv && !bad; i++) {
				for (int j = 0; j < nv && !bad; j++) {
					double fd = fd_partial(ph, x, nv, i, 1 + j);
					double err = scaled_err(h[i * nv + j], fd);
					int sym = memcmp(&h[i * nv + j], &h[j * nv + i],
							 sizeof(double)) == 0;

					if (err < FD_TOL && sym)
						continue;
					fmt_point(pt, sizeof pt, x, nv);
					cr_expect(err < FD_TOL,
						  "\"%s\" at (%s): H[%d][%d] compiled %.17g, "
						  "finite difference of the gradient %.17g "
						  "(scaled error %.3g)", dc->src, pt, i, j,
						  h[i * nv + j], fd, err);
					cr_expect(sym, "\"%s\" at (%s): H[%d][%d] = %a "
						  "but H[%d][%d] = %a (not symmetric)",
						  dc->src, pt, i, j, h[i * nv + j], j, i,
						  h[j * nv + i]);
					bad = 1;
				}
			}
		}
		expr_program_free(ph);
		expr_free(e);
	}
}

/* ---- hand-written derivatives ---- */

static double sigm(double t) { return 1.0 / (1.0 + exp(-t)); }

static void g_sigmoid(const double *x, double *g, double *h)
{
	double s = sigm(x[0]);

	g[0] = s * (1 - s);
	h[0] = s * (1 - s) * (1 - 2 * s);
}

static void g_tan(const double *x, double *g, double *h)
{
	double c = cos(x[0]);

	g[0] = 1 / (c * c);
	h[0] = 2 * tan(x[0]) / (c * c);
}

static void g_tanh(const double *x, double *g, double *h)
{
	double t = tanh(x[0]);

	g[0] = 1 - t * t;
	h[0] = -2 * t * (1 - t * t);
}

static void g_softplus(const double *x, double *g, double *h)
{
	double s = sigm(x[0]);

	g[0] = s;
	h[0] = s * (1 - s);
}

static void g_exp_sin(const double *x, double *g, double *h)
{
	double s = sin(x[0]), c = cos(x[0]), y = x[1];
	double E = exp(s * y);

	g[0] = y * c * E;
	g[1] = s * E;
	h[0] = E * (-y * s + y * y * c * c);
	h[1] = h[2] = E * c * (1 + y * s);
	h[3] = s * s * E;
}

static void g_pow(const double *x, double *g, double *h)
{
	double a = x[0], b = x[1], l = log(a);

	g[0] = b * pow(a, b - 1);
	g[1] = pow(a, b) * l;
	h[0] = b * (b - 1) * pow(a, b - 2);
	h[1] = h[2] = pow(a, b - 1) * (1 + b * l);
	h[3] = pow(a, b) * l * l;
}

static void g_inv15(const double *x, double *g, double *h)
{
	double u = x[0] * x[0] + 1;

	g[0] = -3 * x[0] * pow(u, -2.5);
	h[0] = -3 * pow(u, -2.5) + 15 * x[0] * x[0] * pow(u, -3.5);
}

static void g_softplus_xy(const double *x, double *g, double *h)
{
	double t = x[0] * x[1], s = sigm(t), d = s * (1 - s);

	g[0] = s * x[1];
	g[1] = s * x[0];
	h[0] = d * x[1] * x[1];
	h[1] = h[2] = d * t + s;
	h[3] = d * x[0] * x[0];
}

static void g_tanh3(const double *x, double *g, double *h)
{
	double t = tanh(x[0] - x[1]), q = 1 - t * t;
	double d1 = 3 * t * t * q;
	double d2 = 6 * t * q * q - 6 * t * t * t * q;

	g[0] = d1;
	g[1] = -d1;
	h[0] = h[3] = d2;
	h[1] = h[2] = -d2;
}

static void g_maxmin(const double *x, double *g, double *h)
{
	g[0] = x[1];
	g[1] = x[0];
	h[0] = h[3] = 0;
	h[1] = h[2] = 1;
}

static void g_sincos(const double *x, double *g, double *h)
{
	double sx = sin(x[0]), cx = cos(x[0]), sy = sin(x[1]), cy = cos(x[1]);

	g[0] = cx * cy;
	g[1] = -sx * sy;
	h[0] = h[3] = -sx * cy;
	h[1] = h[2] = -cx * sy;
}

static void g_logr2(const double *x, double *g, double *h)
{
	double r = x[0] * x[0] + x[1] * x[1];

	g[0] = 2 * x[0] / r;
	g[1] = 2 * x[1] / r;
	h[0] = 2 / r - 4 * x[0] * x[0] / (r * r);
	h[1] = h[2] = -4 * x[0] * x[1] / (r * r);
	h[3] = 2 / r - 4 * x[1] * x[1] / (r * r);
}

static void g_sqrtxy(const double *x, double *g, double *h)
{
	double r = sqrt(x[0] * x[1]);

	g[0] = x[1] / (2 * r);
	g[1] = x[0] / (2 * r);
	h[0] = -x[1] * x[1] / (4 * r * r * r);
	h[1] = h[2] = 1 / (4 * r);
	h[3] = -x[0] * x[0] / (4 * r * r * r);
}

static void g_div(const double *x, double *g, double *h)
{
	double y = x[1];

	g[0] = 1 / y;
	g[1] = -x[0] / (y * y);
	h[0] = 0;
	h[1] = h[2] = -1 / (y * y);
	h[3] = 2 * x[0] / (y * y * y);
}

static void g_absy(const double *x, double *g, double *h)
{
	double s = x[0] > 0 ? 1 : -1;

	g[0] = s * x[1];
	g[1] = fabs(x[0]);
	h[0] = h[3] = 0;
	h[1] = h[2] = s;
}

static void g_relu_xy(const double *x, double *g, double *h)
{
	double s = x[0] * x[1] > 0 ? 1 : 0;

	g[0] = s * x[1];
	g[1] = s * x[0];
	h[0] = h[3] = 0;
	h[1] = h[2] = s;
}

static void g_xyz(const double *x, double *g, double *h)
{
	g[0] = x[1] * x[2];
	g[1] = x[0] * x[2];
	g[2] = x[0] * x[1];
	h[0] = h[4] = h[8] = 0;
	h[1] = h[3] = x[2];
	h[2] = h[6] = x[1];
	h[5] = h[7] = x[0];
}

static void g_gauss3(const double *x, double *g, double *h)
{
	double E = exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2);

	for (int i = 0; i < 3; i++) {
		g[i] = -x[i] * E;
		for (int j = 0; j < 3; j++)
			h[i * 3 + j] = (x[i] * x[j] - (i == j)) * E;
	}
}

static void g_exp_pi(const double *x, double *g, double *h)
{
	g[0] = exp(x[0]) + M_PI;
	h[0] = exp(x[0]);
}

struct hcase {
	const char *src;
	int nvars;
	double lo[MAXV], hi[MAXV];
	int (*ok)(const double *x);
	void (*fn)(const double *x, double *g, double *h);
};

static const struct hcase hcases[] = {
	{ "sigmoid(x)", 1, B1(-8, 8), NULL, g_sigmoid },
	{ "tan(x)", 1, B1(-1.3, 1.3), NULL, g_tan },
	{ "tanh(x)", 1, B1(-4, 4), NULL, g_tanh },
	{ "softplus(x)", 1, B1(-8, 8), NULL, g_softplus },
	{ "(x^2 + 1)^-1.5", 1, B1(-3, 3), NULL, g_inv15 },
	{ "e^x + pi*x", 1, B1(-3, 3), NULL, g_exp_pi },
	{ "exp(sin(x)*y)", 2, B2(-2, 2, -2, 2), NULL, g_exp_sin },
	{ "x^y", 2, B2(0.5, 3, -3, 3), NULL, g_pow },
	{ "softplus(x*y)", 2, B2(-3, 3, -3, 3), NULL, g_softplus_xy },
	{ "tanh(x - y)^3", 2, B2(-2, 2, -2, 2), NULL, g_tanh3 },
	{ "max(x, y)*min(x, y)", 2, B2(-3, 3, -3, 3), x_away_y, g_maxmin },
	{ "sin(x)*cos(y)", 2, B2(-4, 4, -4, 4), NULL, g_sincos },
	{ "log(x^2 + y^2)", 2, B2(-3, 3, -3, 3), away_origin, g_logr2 },
	{ "sqrt(x*y)", 2, B2(0.1, 4, 0.1, 4), NULL, g_sqrtxy },
	{ "x/y", 2, B2(-3, 3, 0.5, 3), NULL, g_div },
	{ "abs(x)*y", 2, B2(-3, 3, -3, 3), x_away_0, g_absy },
	{ "relu(x*y)", 2, B2(-3, 3, -3, 3), NULL, g_relu_xy },
	{ "x*y*z", 3, B3(-3, 3, -3, 3, -3, 3), NULL, g_xyz },
	{ "exp(-(x^2 + y^2 + z^2)/2)", 3, B3(-2, 2, -2, 2, -2, 2), NULL, g_gauss3 },
};

#define NHCASES (sizeof hcases / sizeof hcases[0])

Test(expr_deriv, gradient_and_hessian_match_hand_formulas)
{
	struct rng seed;

	rng_init(&seed, 0x5eed0003);
	char pt[200];

	for (size_t c = 0; c < NHCASES; c++) {
		const struct hcase *hc = &hcases[c];
		struct dcase dc = { hc->src, hc->nvars, { 0 }, { 0 }, hc->ok };
		int nv = hc->nvars;
		struct expr *e = parse_ok(hc->src, nv);
		struct expr_program *p = compile_ok(e, EXPR_GRAD | EXPR_HESS, hc->src);
		int bad = 0;

		memcpy(dc.lo, hc->lo, sizeof dc.lo);
		memcpy(dc.hi, hc->hi, sizeof dc.hi);
		for (int k = 0; k < NPOINTS && !bad; k++) {
			double x[MAXV], out[1 + MAXV + MAXV * MAXV];
			double g[MAXV], h[MAXV * MAXV];

			sample(&seed, &dc, x);
			expr_eval(p, x, out);
			hc->fn(x, g, h);
			for (int i = 0; i < nv + nv * nv && !bad; i++) {
				double want = i < nv ? g[i] : h[i - nv];
				double got = out[1 + i];
				double err = scaled_err(got, want);

				if (err < HAND_TOL)
					continue;
				fmt_point(pt, sizeof pt, x, nv);
				if (i < nv)
					cr_expect(err < HAND_TOL, "\"%s\" at (%s): d/d%s "
						  "compiled %.17g, by hand %.17g (scaled "
						  "error %.3g)", hc->src, pt, var_names[i],
						  got, want, err);
				else
					cr_expect(err < HAND_TOL, "\"%s\" at (%s): "
						  "H[%d][%d] compiled %.17g, by hand %.17g "
						  "(scaled error %.3g)", hc->src, pt,
						  (i - nv) / nv, (i - nv) % nv, got, want, err);
				bad = 1;
			}
		}
		expr_program_free(p);
		expr_free(e);
	}
}

/* ---- subgradients at kinks ---- */

/* Parses src over the first nvars of x, y, z and evaluates f, grad, Hessian. */
static void eval_full(const char *src, int nvars, const double *x, double *out)
{
	struct expr *e = parse_ok(src, nvars);
	struct expr_program *p = compile_ok(e, EXPR_GRAD | EXPR_HESS, src);

	expr_eval(p, x, out);
	expr_program_free(p);
	expr_free(e);
}

static void check_kink(const char *src, int nvars, const double *x,
		       double f, const double *grad)
{
	double out[1 + MAXV + MAXV * MAXV];
	char pt[200];

	eval_full(src, nvars, x, out);
	fmt_point(pt, sizeof pt, x, nvars);
	cr_expect(out[0] == f, "\"%s\" at (%s): f = %.17g, expected %.17g",
		  src, pt, out[0], f);
	for (int i = 0; i < nvars; i++)
		cr_expect(out[1 + i] == grad[i], "\"%s\" at (%s): d/d%s = %.17g, "
			  "expected the subgradient %.17g", src, pt, var_names[i],
			  out[1 + i], grad[i]);
}

Test(expr_deriv, subgradients_at_kinks)
{
	static const double ties[] = { 1, 0, -2.5, 1e-300, 7e10 };

	check_kink("abs(x)", 1, (double[]){ 0.0 }, 0, (double[]){ 0 });
	check_kink("abs(x)", 1, (double[]){ -0.0 }, 0, (double[]){ 0 });
	check_kink("abs(x)", 1, (double[]){ -2 }, 2, (double[]){ -1 });
	check_kink("abs(x)", 1, (double[]){ 3 }, 3, (double[]){ 1 });
	check_kink("relu(x)", 1, (double[]){ 0.0 }, 0, (double[]){ 0 });
	check_kink("relu(x)", 1, (double[]){ -0.0 }, 0, (double[]){ 0 });
	check_kink("relu(x)", 1, (double[]){ 1e-300 }, 1e-300, (double[]){ 1 });
	check_kink("relu(x)", 1, (double[]){ -1 }, 0, (double[]){ 0 });
	check_kink("sign(x)", 1, (double[]){ 0.0 }, 0, (double[]){ 0 });
	check_kink("sign(x)", 1, (double[]){ -3 }, -1, (double[]){ 0 });
	check_kink("sign(x)", 1, (double[]){ 1e-300 }, 1, (double[]){ 0 });
	check_kink("step(x)", 1, (double[]){ 0.0 }, 0, (double[]){ 0 });
	check_kink("step(x)", 1, (double[]){ 1e-300 }, 1, (double[]){ 0 });
	check_kink("step(x)", 1, (double[]){ -1 }, 0, (double[]){ 0 });
	check_kink("max(x, y)", 2, (double[]){ 1, 1 }, 1, (double[]){ 1, 0 });
	check_kink("min(x, y)", 2, (double[]){ 1, 1 }, 1, (double[]){ 1, 0 });
	for (size_t i = 0; i < sizeof ties / sizeof ties[0]; i++) {
		double t = ties[i];

		check_kink("max(x, y)", 2, (double[]){ t, t }, t, (double[]){ 1, 0 });
		check_kink("min(x, y)", 2, (double[]){ t, t }, t, (double[]){ 1, 0 });
	}
	check_kink("max(x, y)", 2, (double[]){ 2, 1 }, 2, (double[]){ 1, 0 });
	check_kink("max(x, y)", 2, (double[]){ 1, 2 }, 2, (double[]){ 0, 1 });
	check_kink("min(x, y)", 2, (double[]){ 2, 1 }, 1, (double[]){ 0, 1 });
	check_kink("min(x, y)", 2, (double[]){ 1, 2 }, 1, (double[]){ 1, 0 });
	/* the chain rule through a kink picks the same branch */
	check_kink("max(x^2, y)", 2, (double[]){ 1, 1 }, 1, (double[]){ 2, 0 });
	check_kink("min(2*x, y)", 2, (double[]){ 1, 2 }, 2, (double[]){ 2, 0 });
	check_kink("abs(x - y)", 2, (double[]){ 1.5, 1.5 }, 0, (double[]){ 0, 0 });
	check_kink("relu(x*y)", 2, (double[]){ 0, 3 }, 0, (double[]){ 0, 0 });
}

/*
 * max(a, b)' is a' where a >= b, else b' (min likewise): one branch is
 * taken and the other must not leak into the result, neither by rounding
 * (a huge a' cancelling) nor as a nan (an infinite b' times 0).
 */
/*
 * src of x at x, as the engine computes it: with its kernels' sin and
 * cos (libmvec's, which may differ from libm's by a few ulp).
 */
static double engine_at(const char *src, double x)
{
	double out[3];

	eval_full(src, 1, &x, out);
	return out[0];
}

Test(expr_deriv, max_min_derivatives_take_one_branch_exactly)
{
	double s = engine_at("sin(x)", -1), c = engine_at("cos(x)", -1);

	check_kink("max(1e20*x, x)", 1, (double[]){ -1 }, -1, (double[]){ 1 });
	check_kink("min(1e20*x, x)", 1, (double[]){ 1 }, 1, (double[]){ 1 });
	check_kink("max(x, 1e20*x)", 1, (double[]){ 1 }, 1e20, (double[]){ 1e20 });
	check_kink("max(100*x, sin(x))", 1, (double[]){ -1 }, s, (double[]){ c });
	check_kink("min(-100*x, cos(x))", 1, (double[]){ -1 }, c, (double[]){ -s });
	check_kink("max(x, sqrt(y))", 2, (double[]){ 1, 0 }, 1, (double[]){ 1, 0 });
	check_kink("min(x, sqrt(y))", 2, (double[]){ -1, 0 }, -1, (double[]){ 1, 0 });
}

Test(expr_deriv, second_derivatives_at_kinks_are_zero)
{
	static const char *const srcs[] = { "abs(x)", "relu(x)", "sign(x)", "step(x)" };

	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		double out[3];

		eval_full(srcs[i], 1, (double[]){ 0.0 }, out);
		cr_expect(out[2] == 0, "\"%s\" at x=0: f'' = %.17g, expected 0",
			  srcs[i], out[2]);
	}
}

/* ---- printed derivatives ---- */

/* The text of d^order src / d var^order, over the first nvars of x, y, z. */
static char *diff_text(const char *src, int nvars, int var, int order,
		       double *cval, int *is_const)
{
	struct diag err = { 0 };
	struct expr *e = parse_ok(src, nvars);
	int n = expr_root(e);
	char *s;

	for (int k = 0; k < order; k++) {
		n = expr_diff(e, n, var, &err);
		cr_assert(n >= 0, "d/d%s of \"%s\" failed: %s", var_names[var],
			  src, err.message);
	}
	s = expr_to_string(e, n, 4096, &err);
	cr_assert(s != NULL, "printing a derivative of \"%s\" failed: %s",
		  src, err.message);
	*is_const = expr_is_const(e, n, cval);
	expr_free(e);
	return s;
}

static void check_text(const char *src, int nvars, int var, int order,
		       const char *want)
{
	double v;
	int isc;
	char *s = diff_text(src, nvars, var, order, &v, &isc);

	cr_expect(strcmp(s, want) == 0, "d%d/d%s%d of \"%s\" prints \"%s\", "
		  "expected \"%s\"", order, var_names[var], order, src, s, want);
	free(s);
}

static void check_const(const char *src, int nvars, int var, int order,
			double want)
{
	double v = NAN;
	int isc;
	char *s = diff_text(src, nvars, var, order, &v, &isc);

	cr_expect(isc && v == want, "d%d/d%s%d of \"%s\" (\"%s\"): is_const %d, "
		  "value %.17g, expected the constant %.17g", order,
		  var_names[var], order, src, s, isc, v, want);
	free(s);
}

Test(expr_deriv, printed_derivatives)
{
	check_text("x^4 - 8*x^2 + 5", 1, 0, 1, "4*x^3 - 16*x");
	check_text("x^4 - 8*x^2 + 5", 1, 0, 2, "12*x^2 - 16");
	check_text("5", 1, 0, 1, "0");
	check_text("pi*e + 2", 1, 0, 1, "0");
	check_text("x", 1, 0, 1, "1");
	check_text("x^2", 2, 1, 1, "0");
	check_text("x^2 + y", 2, 1, 2, "0");
	check_const("5", 1, 0, 1, 0);
	check_const("x", 1, 0, 1, 1);
	check_const("x^2", 2, 1, 1, 0);
	check_const("x^2", 1, 0, 2, 2);
	check_const("x^4 - 8*x^2 + 5", 1, 0, 5, 0);
}

/*
 * Evaluates the text of node n of e, parsed again over the same variables,
 * against output k of p (compiled from e) at points of dc's box.
 */
static int check_roundtrip(const struct dcase *dc, struct expr *e, int n,
			   const char *what, struct expr_program *p, int k,
			   struct rng *seed)
{
	struct diag err = { 0 };
	struct expr *e2;
	struct expr_program *p2;
	char pt[200];
	char *s = expr_to_string(e, n, 1 << 20, &err);
	int ok = 1;

	cr_expect(s != NULL, "\"%s\": printing %s failed: %s", dc->src, what,
		  err.message);
	if (!s)
		return 0;
	e2 = expr_parse(s, var_names, dc->nvars, &err);
	cr_expect(e2 != NULL, "\"%s\": %s prints as \"%s\", which does not "
		  "parse: column %d: %s", dc->src, what, s, err.column,
		  err.message);
	if (!e2) {
		free(s);
		return 0;
	}
	p2 = compile_ok(e2, 0, s);
	for (int j = 0; j < 50 && ok; j++) {
		double x[MAXV], a[1 + MAXV + MAXV * MAXV], b[1], d;

		sample(seed, dc, x);
		expr_eval(p, x, a);
		expr_eval(p2, x, b);
		d = scaled_err(a[k], b[0]);
		if (d < ROUNDTRIP_TOL || (isnan(a[k]) && isnan(b[0])))
			continue;
		fmt_point(pt, sizeof pt, x, dc->nvars);
		cr_expect(0, "\"%s\": %s prints as \"%s\"; at (%s) that text "
			  "gives %.17g but the compiled %s is %.17g", dc->src,
			  what, s, pt, b[0], what, a[k]);
		ok = 0;
	}
	expr_program_free(p2);
	expr_free(e2);
	free(s);
	return ok;
}

Test(expr_deriv, printed_derivatives_parse_back_to_the_same_function)
{
	struct rng seed;

	rng_init(&seed, 0x5eed0004);

	for (size_t c = 0; c < NDCASES; c++) {
		const struct dcase *dc = &dcases[c];
		struct diag err = { 0 };
		int nv = dc->nvars;
		struct expr *e = parse_ok(dc->src, nv);
		struct expr_program *p = compile_ok(e, EXPR_GRAD | EXPR_HESS, dc->src);
		int root = expr_root(e);
		char what[64];

		if (!check_roundtrip(dc, e, root, "f", p, 0, &seed))
			goto next;
		for (int i = 0; i < nv; i++) {
			int d = expr_diff(e, root, i, &err);

			cr_assert(d >= 0, "\"%s\": d/d%s failed: %s", dc->src,
				  var_names[i], err.message);
			snprintf(what, sizeof what, "d/d%s", var_names[i]);
			if (!check_roundtrip(dc, e, d, what, p, 1 + i, &seed))
				goto next;
			for (int j = 0; j < nv; j++) {
				int d2 = expr_diff(e, d, j, &err);

				cr_assert(d2 >= 0, "\"%s\": d2/d%sd%s failed: %s",
					  dc->src, var_names[i], var_names[j],
					  err.message);
				snprintf(what, sizeof what, "d2/d%sd%s",
					 var_names[i], var_names[j]);
				if (!check_roundtrip(dc, e, d2, what, p,
						     1 + nv + i * nv + j, &seed))
					goto next;
			}
		}
next:
		expr_program_free(p);
		expr_free(e);
	}
}

/*
 * Constants folded to inf or nan are printed too, and the text must still
 * parse back (over the same variables) to the same function.
 */
Test(expr_deriv, printed_infinite_and_nan_constants_parse_back)
{
	static const char *const srcs[] = {
		"x + 1/0", "x*log(0)", "sqrt(-1) + x", "exp(1000)*x", "x - 1/0",
	};

	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		struct diag err = { 0 };
		struct expr *e = parse_ok(srcs[i], 1);
		struct expr_program *p = compile_ok(e, 0, srcs[i]);
		char *s = expr_to_string(e, expr_root(e), 4096, &err);
		struct expr *e2;

		cr_expect(s != NULL, "printing \"%s\" failed: %s", srcs[i],
			  err.message);
		e2 = s ? expr_parse(s, var_names, 1, &err) : NULL;
		cr_expect(s == NULL || e2 != NULL, "\"%s\" prints as \"%s\", which "
			  "does not parse back: column %d: %s", srcs[i], s,
			  err.column, err.message);
		if (e2) {
			struct expr_program *p2 = compile_ok(e2, 0, s);

			for (double x = -2; x <= 2; x += 0.5) {
				double a, b;

				expr_eval(p, &x, &a);
				expr_eval(p2, &x, &b);
				cr_expect(a == b || (isnan(a) && isnan(b)),
					  "\"%s\" prints as \"%s\"; at x=%g the "
					  "text gives %g, the original %g", srcs[i],
					  s, x, b, a);
			}
			expr_program_free(p2);
			expr_free(e2);
		}
		free(s);
		expr_program_free(p);
		expr_free(e);
	}
}
