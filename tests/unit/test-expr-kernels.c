/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-kernels.c - the VM's kernel sets (expr_kernels): that there is
 * one in use and it is the best this CPU runs, that switching works and
 * refuses what the CPU cannot run, and, under every set, that the math
 * functions agree with glibc's scalar libm within the bound descent-expr(7)
 * documents (4 ulp: libmvec's own), give libm's answers at the special
 * values (infinities, nan, zeros, poles), and that constant folding
 * computes what an evaluation computes.  Bit identity of the batch and
 * scalar entries under every set is test-expr-batch.c's.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/expr.h"
#include "descent/rng.h"

/* The bound of descent-expr(7), ACCURACY. */
#define MAX_ULP 4

/* The distance of a and b in units in the last place (finite a and b). */
static uint64_t ulp_distance(double a, double b)
{
	int64_t x, y;

	memcpy(&x, &a, sizeof x);
	memcpy(&y, &b, sizeof y);
	if (x < 0)
		x = INT64_MIN - x;      /* doubles in order, as integers */
	if (y < 0)
		y = INT64_MIN - y;
	return x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x;
}

/* Compiles src (over x and y) for f alone. */
static struct expr_program *compile_f(const char *src, struct expr **e)
{
	static const char *const vars[] = { "x", "y" };
	struct diag err = { 0 };
	struct expr_program *p;

	*e = expr_parse(src, vars, 2, &err);
	cr_assert(*e != NULL, "\"%s\": %s", src, err.message);
	p = expr_compile(*e, 0, &err);
	cr_assert(p != NULL, "\"%s\": %s", src, err.message);
	return p;
}

struct fcase {
	const char *src;
	double (*libm)(double, double);
	double x0, x1;          /* x in [x0, x1] */
	int log_scale;          /* x = 10^u, u in [x0, x1] */
	double y0, y1;          /* y in [y0, y1], for pow */
};

static double l_sin(double x, double y) { (void)y; return sin(x); }
static double l_cos(double x, double y) { (void)y; return cos(x); }
static double l_tan(double x, double y) { (void)y; return tan(x); }
static double l_exp(double x, double y) { (void)y; return exp(x); }
static double l_log(double x, double y) { (void)y; return log(x); }
static double l_tanh(double x, double y) { (void)y; return tanh(x); }
static double l_pow(double x, double y) { return pow(x, y); }

static const struct fcase fcases[] = {
	{ "sin(x)", l_sin, -10, 10, 0, 0, 0 },
	{ "sin(x)", l_sin, -1e6, 1e6, 0, 0, 0 },
	{ "cos(x)", l_cos, -10, 10, 0, 0, 0 },
	{ "cos(x)", l_cos, -1e6, 1e6, 0, 0, 0 },
	{ "tan(x)", l_tan, -10, 10, 0, 0, 0 },
	{ "exp(x)", l_exp, -745, 709.7, 0, 0, 0 },
	{ "exp(x)", l_exp, -2, 2, 0, 0, 0 },
	{ "log(x)", l_log, -300, 300, 1, 0, 0 },
	{ "log(x)", l_log, 0.5, 2, 0, 0, 0 },
	{ "tanh(x)", l_tanh, -20, 20, 0, 0, 0 },
	{ "tanh(x)", l_tanh, -0.5, 0.5, 0, 0, 0 },
	{ "x^y", l_pow, 0, 100, 0, -10, 10 },
	{ "x^y", l_pow, -3, 3, 1, -50, 50 },
};

/* Under the set in use: each case at 20000 points within MAX_ULP of libm. */
static void check_accuracy(void)
{
	enum { N = 20000 };
	static double xs[N], ys[N], fs[N];
	struct rng s;

	rng_init(&s, 0x6b65726e);
	for (size_t c = 0; c < sizeof fcases / sizeof fcases[0]; c++) {
		const struct fcase *fc = &fcases[c];
		const double *in[2] = { xs, ys };
		double *out[1] = { fs };
		uint64_t worst = 0;
		size_t at = 0;
		struct expr *e;
		struct expr_program *p = compile_f(fc->src, &e);

		for (size_t i = 0; i < N; i++) {
			double u = fc->x0 + (fc->x1 - fc->x0) * rng_unit(&s);
			xs[i] = fc->log_scale ? pow(10, u) : u;
			ys[i] = fc->y0 + (fc->y1 - fc->y0) * rng_unit(&s);
		}
		expr_eval_batch(p, N, in, out);
		for (size_t i = 0; i < N; i++) {
			double want = fc->libm(xs[i], ys[i]);
			uint64_t d;

			if (!isfinite(want) || want == 0)
				continue;       /* special_values checks those */
			cr_assert(isfinite(fs[i]), "%s kernels: \"%s\" at x=%a y=%a is %a, "
				  "libm %a", expr_kernels(), fc->src, xs[i], ys[i], fs[i], want);
			d = ulp_distance(fs[i], want);
			if (d > worst) {
				worst = d;
				at = i;
			}
		}
		cr_expect(worst <= MAX_ULP, "%s kernels (%s): \"%s\" is %llu ulp from "
			  "libm at x=%a y=%a (%a, libm %a); the bound is %d",
			  expr_kernels(), expr_kernels_math(), fc->src,
			  (unsigned long long)worst, xs[at], ys[at], fs[at],
			  fc->libm(xs[at], ys[at]), MAX_ULP);
		expr_program_free(p);
		expr_free(e);
	}
}

/*
 * Under the set in use: libm's answers exactly where they are exact
 * (infinities, zeros with their signs, nan), in a batch whose other
 * lanes are ordinary numbers and in the scalar entry.
 */
static void check_special_values(void)
{
	static const struct {
		const char *src;
		double x, y;
	} cases[] = {
		{ "sin(x)", 0, 0 }, { "sin(x)", -0.0, 0 }, { "sin(x)", INFINITY, 0 },
		{ "sin(x)", NAN, 0 }, { "cos(x)", 0, 0 }, { "cos(x)", -INFINITY, 0 },
		{ "tan(x)", -0.0, 0 }, { "tan(x)", INFINITY, 0 },
		{ "exp(x)", 0, 0 }, { "exp(x)", -INFINITY, 0 }, { "exp(x)", INFINITY, 0 },
		{ "exp(x)", 710, 0 }, { "exp(x)", -746, 0 }, { "exp(x)", NAN, 0 },
		{ "log(x)", 1, 0 }, { "log(x)", 0, 0 }, { "log(x)", -0.0, 0 },
		{ "log(x)", -1, 0 }, { "log(x)", INFINITY, 0 }, { "log(x)", NAN, 0 },
		{ "tanh(x)", 0, 0 }, { "tanh(x)", -0.0, 0 }, { "tanh(x)", INFINITY, 0 },
		{ "tanh(x)", -INFINITY, 0 }, { "tanh(x)", 30, 0 }, { "tanh(x)", NAN, 0 },
		{ "x^y", 0, -1 }, { "x^y", -0.0, -1 }, { "x^y", 0, 2 }, { "x^y", 2, 10 },
		{ "x^y", -8, 1.0 / 3 }, { "x^y", 1, NAN }, { "x^y", NAN, 0 },
		{ "x^y", -2, 3 }, { "x^y", 10, 400 }, { "x^y", 10, -400 },
		{ "x^y", INFINITY, -0.5 }, { "x^y", -1, INFINITY },
	};
	enum { N = 11 };

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		double xs[N], ys[N], fs[N], pt[2] = { cases[c].x, cases[c].y }, one;
		double want = strcmp(cases[c].src, "x^y") == 0 ? pow(pt[0], pt[1])
			: strstr(cases[c].src, "sin") ? sin(pt[0])
			: strstr(cases[c].src, "cos") ? cos(pt[0])
			: strstr(cases[c].src, "tanh") ? tanh(pt[0])
			: strstr(cases[c].src, "tan") ? tan(pt[0])
			: strstr(cases[c].src, "exp") ? exp(pt[0]) : log(pt[0]);
		const double *in[2] = { xs, ys };
		double *out[1] = { fs };
		struct expr *e;
		struct expr_program *p = compile_f(cases[c].src, &e);

		for (int i = 0; i < N; i++) {   /* the case in lane 5 of 11 */
			xs[i] = i == 5 ? pt[0] : 0.25 * i + 0.5;
			ys[i] = i == 5 ? pt[1] : 1.5;
		}
		expr_eval_batch(p, N, in, out);
		expr_eval(p, pt, &one);
		for (int k = 0; k < 2; k++) {
			double got = k ? one : fs[5];
			int same = isnan(want) ? isnan(got)
				: !isfinite(want) || want == 0
				? got == want && signbit(got) == signbit(want)
				: ulp_distance(got, want) <= MAX_ULP;

			cr_expect(same, "%s kernels: \"%s\" at x=%g y=%g is %a (%s entry), "
				  "libm %a", expr_kernels(), cases[c].src, pt[0], pt[1],
				  got, k ? "scalar" : "batch", want);
		}
		expr_program_free(p);
		expr_free(e);
	}
}

/* A constant folded at parse time is the value the program computes. */
static void check_folding(void)
{
	static const char *const fns[] = { "sin", "cos", "tan", "exp", "log", "tanh" };
	static const double args[] = { 0.3, 1, 2.5, 7.75, 100.125 };

	for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++)
		for (size_t a = 0; a < sizeof args / sizeof args[0]; a++) {
			char folded[64], var[32];
			struct expr *e, *ev;
			struct expr_program *p = NULL;
			double k, got, x[2] = { args[a], 0 };

			snprintf(folded, sizeof folded, "%s(%.17g)", fns[f], args[a]);
			snprintf(var, sizeof var, "%s(x)", fns[f]);
			p = compile_f(folded, &e);
			cr_assert(expr_is_const(e, expr_root(e), &k), "\"%s\" is not folded",
				  folded);
			expr_program_free(p);
			p = compile_f(var, &ev);
			expr_eval(p, x, &got);
			cr_expect(memcmp(&k, &got, sizeof k) == 0, "%s kernels: \"%s\" folds to "
				  "%a, \"%s\" at x=%.17g computes %a", expr_kernels(), folded, k,
				  var, args[a], got);
			expr_program_free(p);
			expr_free(ev);
			expr_free(e);
		}
	{
		struct expr *e, *ev;
		struct expr_program *p = compile_f("2.5^0.3", &e), *q;
		double k, got, x[2] = { 2.5, 0.3 };

		cr_assert(expr_is_const(e, expr_root(e), &k));
		q = compile_f("x^y", &ev);
		expr_eval(q, x, &got);
		cr_expect(memcmp(&k, &got, sizeof k) == 0, "%s kernels: 2.5^0.3 folds to "
			  "%a, x^y computes %a", expr_kernels(), k, got);
		expr_program_free(p);
		expr_program_free(q);
		expr_free(e);
		expr_free(ev);
	}
}

/* Runs check under each set this CPU runs, then goes back to the best. */
static void each_kernel_set(void (*check)(void))
{
	const char *name, *best = expr_kernels();
	int n = 0;

	for (int i = 0; (name = expr_kernels_usable(i)) != NULL; i++, n++) {
		cr_assert(expr_use_kernels(name) == 0, "kernel set %s", name);
		cr_assert_str_eq(expr_kernels(), name);
		check();
	}
	cr_assert(n >= 1);
	cr_assert(expr_use_kernels(best) == 0);
}

Test(expr_kernels, the_best_set_is_in_use)
{
	const char *first = expr_kernels_usable(0);

	cr_assert_not_null(first);
	cr_expect_str_eq(expr_kernels(), first, "in use: %s; the best this CPU runs: %s",
			 expr_kernels(), first);
	cr_expect(expr_kernels_math()[0] != '\0');
	cr_expect_eq(expr_use_kernels("no such set"), -1);
	cr_expect_eq(expr_use_kernels(""), -1);
	cr_expect_str_eq(expr_kernels(), first, "a refused switch changed nothing");
#if defined(__x86_64__)
	/* every x86-64 CPU has SSE2 */
	cr_expect_eq(expr_use_kernels("sse2"), 0);
	cr_expect_str_eq(expr_kernels(), "sse2");
#ifdef HAVE_LIBMVEC
	cr_expect_str_eq(expr_kernels_math(), "libmvec, 2 lanes");
	cr_expect_eq(expr_use_kernels("libm"), 0);
	cr_expect_str_eq(expr_kernels_math(), "libm");
#else
	cr_expect_str_eq(expr_kernels_math(), "libm");
#endif
	cr_expect_eq(expr_use_kernels(first), 0);
#endif
}

Test(expr_kernels, within_the_documented_ulps_of_libm)
{
	each_kernel_set(check_accuracy);
}

Test(expr_kernels, special_values_as_libm)
{
	each_kernel_set(check_special_values);
}

Test(expr_kernels, constant_folding_computes_what_evaluation_does)
{
	each_kernel_set(check_folding);
}
