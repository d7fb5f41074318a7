/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-examples.c - checks the worked examples of the course exactly
 * as the lessons state them: the values, slopes and curvatures of the
 * one-variable polynomials at their stationary points, the mean squared
 * error of a line through three points (zero gradient at the least-squares
 * fit, the Hessian 2/3 [[3, 6], [6, 14]]), and the facts about the
 * language the lessons teach (right-associative powers, unary minus
 * binding looser than ^, implicit multiplication after a number, the
 * constants pi and e, number syntax, left-associative - and /).
 * Numbers are compared to 1e-12 absolute, or exactly where exactness is
 * natural (literals, small integers).
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

#define TOL 1e-12

static const char *const x_only[] = { "x" };
static const char *const w_vars[] = { "w0", "w1" };

static struct expr *parse_ok(const char *src, const char *const *vars, int nvars)
{
	struct diag err = { 0 };
	struct expr *e = expr_parse(src, vars, nvars, &err);

	cr_assert(e != NULL, "parsing \"%s\" failed: column %d: %s",
		  src, err.column, err.message);
	return e;
}

static struct expr_program *compile_ok(struct expr *e, unsigned what,
				       const char *src)
{
	struct diag err = { 0 };
	struct expr_program *p = expr_compile(e, what, &err);

	cr_assert(p != NULL, "compiling \"%s\" failed: %s", src, err.message);
	return p;
}

/* A program for src with f, gradient and Hessian. */
static struct expr_program *full(const char *src, const char *const *vars,
				 int nvars, struct expr **ep)
{
	*ep = parse_ok(src, vars, nvars);
	return compile_ok(*ep, EXPR_GRAD | EXPR_HESS, src);
}

/* The value of src, a function of at most one variable, at x. */
static double value(const char *src, double x, int *nvars)
{
	struct expr *e = parse_ok(src, NULL, 0);
	struct expr_program *p = compile_ok(e, 0, src);
	double in[1] = { x }, out[1];

	*nvars = expr_nvars(e);
	cr_assert(*nvars <= 1, "\"%s\" has %d variables", src, *nvars);
	expr_eval(p, in, out);
	expr_program_free(p);
	expr_free(e);
	return out[0];
}

static void check_near(const char *src, const char *what, double x,
		       double got, double want)
{
	cr_expect(fabs(got - want) <= TOL, "\"%s\": %s at x=%.17g is %.17g, "
		  "expected %.17g", src, what, x, got, want);
}

/* f, f' and f'' of a one-variable src at x, each to 1e-12. */
static void check_1d(const char *src, double x, double f, double df, double d2f,
		     int which)
{
	struct expr *e;
	struct expr_program *p = full(src, x_only, 1, &e);
	double out[3];

	expr_eval(p, (double[]){ x }, out);
	if (which & 1)
		check_near(src, "f", x, out[0], f);
	if (which & 2)
		check_near(src, "f'", x, out[1], df);
	if (which & 4)
		check_near(src, "f''", x, out[2], d2f);
	expr_program_free(p);
	expr_free(e);
}

#define F 1
#define DF 2
#define D2F 4

Test(expr_examples, quadratic_minimum_at_2)
{
	static const char *const srcs[] = { "x^2 - 4x + 5", "x^2 - 4*x + 5" };
	struct rng seed;

	rng_init(&seed, 0xc0de0001);

	for (int s = 0; s < 2; s++) {
		check_1d(srcs[s], 2, 1, 0, 2, F | DF | D2F);
		for (int i = 0; i < 100; i++) {
			double x = rng_uniform(&seed, -10, 10);

			check_1d(srcs[s], x, 0, 2 * x - 4, 2, DF | D2F);
		}
	}
}

Test(expr_examples, quartic_with_a_local_maximum_at_0)
{
	const char *src = "x^4 - 4x^2 + 1";

	check_1d(src, 0, 1, 0, -8, F | DF | D2F);
	check_1d(src, sqrt(2), 0, 0, 16, D2F);
	check_1d(src, -sqrt(2), 0, 0, 16, D2F);
}

Test(expr_examples, double_well)
{
	const char *src = "x^4 - 8x^2 + 5";

	check_1d(src, 2, -11, 0, 32, F | DF | D2F);
	check_1d(src, -2, -11, 0, 32, F | DF | D2F);
	check_1d(src, 0, 5, 0, -16, F | DF | D2F);
	check_1d("x^4 - 8*x^2 + 5", 2, -11, 0, 32, F | DF | D2F);
	check_1d("x^4 - 8*x^2 + 5", -2, -11, 0, 32, F | DF | D2F);
	check_1d("x^4 - 8*x^2 + 5", 0, 5, 0, -16, F | DF | D2F);
}

Test(expr_examples, mean_squared_error_of_a_line)
{
	const char *src = "((w0+w1*1-2)^2 + (w0+w1*2-3.5)^2 + (w0+w1*3-6)^2)/3";
	const double want_h[4] = { 2, 4, 4, 28.0 / 3 };
	struct rng seed;

	rng_init(&seed, 0xc0de0002);
	struct expr *e;
	struct expr_program *p = full(src, w_vars, 2, &e);
	double w[2] = { -1.0 / 6, 2 }, out[7];
	double gnorm;

	cr_assert(expr_nvars(e) == 2 && strcmp(expr_var_name(e, 0), "w0") == 0
		  && strcmp(expr_var_name(e, 1), "w1") == 0,
		  "\"%s\": variables are not w0, w1", src);
	expr_eval(p, w, out);
	gnorm = hypot(out[1], out[2]);
	cr_expect(gnorm < TOL, "\"%s\" at (w0=-1/6, w1=2): gradient (%.17g, %.17g), "
		  "expected (0, 0)", src, out[1], out[2]);
	/* the residuals there are -1/6, 1/3, -1/6 */
	cr_expect(fabs(out[0] - (1.0 / 36 + 1.0 / 9 + 1.0 / 36) / 3) <= TOL,
		  "\"%s\" at (w0=-1/6, w1=2): f = %.17g, expected 1/18",
		  src, out[0]);
	for (int i = 0; i < 4; i++)
		cr_expect(fabs(out[3 + i] - want_h[i]) <= TOL,
			  "\"%s\" at (w0=-1/6, w1=2): H[%d][%d] = %.17g, expected %.17g",
			  src, i / 2, i % 2, out[3 + i], want_h[i]);
	cr_expect(out[3] > 0 && out[3] * out[6] - out[4] * out[5] > 0,
		  "\"%s\": Hessian [[%g, %g], [%g, %g]] is not positive definite",
		  src, out[3], out[4], out[5], out[6]);
	/* a quadratic: the same Hessian everywhere */
	for (int k = 0; k < 100; k++) {
		double v[2] = { rng_uniform(&seed, -5, 5), rng_uniform(&seed, -5, 5) };

		expr_eval(p, v, out);
		for (int i = 0; i < 4; i++)
			cr_expect(fabs(out[3 + i] - want_h[i]) <= TOL,
				  "\"%s\" at (w0=%.17g, w1=%.17g): H[%d][%d] = %.17g, "
				  "expected %.17g", src, v[0], v[1], i / 2, i % 2,
				  out[3 + i], want_h[i]);
	}
	expr_program_free(p);
	expr_free(e);
}

/* src has the variables named in order (NULL-terminated). */
static void check_vars(const char *src, const char *const *names)
{
	struct expr *e = parse_ok(src, NULL, 0);
	int n = 0;

	while (names[n])
		n++;
	cr_assert(expr_nvars(e) == n, "\"%s\": %d variables, expected %d",
		  src, expr_nvars(e), n);
	for (int i = 0; i < n; i++) {
		cr_expect(strcmp(expr_var_name(e, i), names[i]) == 0,
			  "\"%s\": variable %d is \"%s\", expected \"%s\"",
			  src, i, expr_var_name(e, i), names[i]);
		cr_expect(expr_var_index(e, names[i]) == i,
			  "\"%s\": index of \"%s\" is %d, expected %d",
			  src, names[i], expr_var_index(e, names[i]), i);
	}
	cr_expect(expr_var_index(e, "nosuch") == -1,
		  "\"%s\": index of an absent name is %d, expected -1",
		  src, expr_var_index(e, "nosuch"));
	expr_free(e);
}

Test(expr_examples, variables_in_order_of_first_appearance)
{
	check_vars("y + x*z", (const char *[]){ "y", "x", "z", NULL });
	check_vars("sin(b)*a + b^2 + pi*e", (const char *[]){ "b", "a", NULL });
	check_vars("2 + 3", (const char *[]){ NULL });
	check_vars("w1*x + w0", (const char *[]){ "w1", "x", "w0", NULL });
}

Test(expr_examples, declared_variables_need_not_appear)
{
	const char *src = "x";
	struct expr *e;
	struct expr_program *p = full(src, (const char *[]){ "x", "y" }, 2, &e);
	double out[1 + 2 + 4];

	cr_assert(expr_nvars(e) == 2, "\"x\" over x, y: %d variables", expr_nvars(e));
	expr_eval(p, (double[]){ 3, 4 }, out);
	cr_expect(out[0] == 3 && out[1] == 1 && out[2] == 0,
		  "\"x\" over x, y at (3, 4): f %g, grad (%g, %g), expected 3, (1, 0)",
		  out[0], out[1], out[2]);
	for (int i = 0; i < 4; i++)
		cr_expect(out[3 + i] == 0, "\"x\" over x, y: H[%d] = %g", i, out[3 + i]);
	expr_program_free(p);
	expr_free(e);
}

/* The value of src at x must be want exactly. */
static void check_exact(const char *src, double x, int nvars, double want)
{
	int n;
	double got = value(src, x, &n);

	cr_expect(n == nvars, "\"%s\": %d variables, expected %d", src, n, nvars);
	cr_expect(got == want, "\"%s\" at x=%.17g is %.17g, expected exactly %.17g",
		  src, x, got, want);
}

Test(expr_examples, parsing_facts)
{
	int n;
	double v;

	check_exact("2^3^2", 0, 0, 512);
	check_exact("2**3**2", 0, 0, 512);
	check_exact("(2^3)^2", 0, 0, 64);
	check_exact("-2^2", 0, 0, -4);
	check_exact("(-2)^2", 0, 0, 4);
	check_exact("2^-1", 0, 0, 0.5);
	check_exact("2x", 3, 1, 6);
	check_exact("3(x+1)", 1, 1, 6);
	check_exact("2x^2", 3, 1, 18);
	check_exact("-x^2", 3, 1, -9);
	check_exact("pi", 0, 0, M_PI);
	check_exact(".5", 0, 0, 0.5);
	check_exact("1e-3", 0, 0, 1e-3);
	check_exact("2.5E+4", 0, 0, 2.5e4);
	check_exact("10 - 2 - 3", 0, 0, 5);
	check_exact("8/4/2", 0, 0, 1);
	check_exact("2*3 + 4", 0, 0, 10);
	check_exact("2 + 3*4", 0, 0, 14);

	v = value("e^x", 1, &n);
	cr_expect(n == 1 && fabs(v - exp(1)) <= TOL,
		  "\"e^x\" at x=1 is %.17g, expected exp(1) = %.17g", v, exp(1));
	v = value("e", 0, &n);
	cr_expect(n == 0 && fabs(v - exp(1)) <= TOL,
		  "\"e\" is %.17g, expected exp(1) = %.17g", v, exp(1));
}

Test(expr_examples, double_star_is_caret)
{
	struct rng seed;

	rng_init(&seed, 0xc0de0003);
	struct expr *e1, *e2;
	struct expr_program *p1 = full("x**2", x_only, 1, &e1);
	struct expr_program *p2 = full("x^2", x_only, 1, &e2);

	for (int i = 0; i < 100; i++) {
		double x = rng_uniform(&seed, -100, 100), a[3], b[3];

		expr_eval(p1, &x, a);
		expr_eval(p2, &x, b);
		for (int k = 0; k < 3; k++)
			cr_expect(a[k] == b[k], "at x=%.17g output %d: \"x**2\" gives "
				  "%.17g, \"x^2\" gives %.17g", x, k, a[k], b[k]);
	}
	expr_program_free(p1);
	expr_program_free(p2);
	expr_free(e1);
	expr_free(e2);
}
