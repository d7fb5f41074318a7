/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-parse.c - the limits of the parser and the engine: absurd
 * length, nesting, variable counts and derivative growth each give a
 * clear error (never a crash or a stack overflow), and the variable
 * bookkeeping (collected or declared) is right.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/expr.h"

static char *
repeat(const char *prefix, const char *unit, int n, const char *suffix)
{
	size_t len = strlen(prefix) + strlen(unit) * n + strlen(suffix) + 1;
	char *s = malloc(len), *p = s;
	int i;

	p += sprintf(p, "%s", prefix);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", unit);
	sprintf(p, "%s", suffix);
	return s;
}

Test(expr_limits, too_long)
{
	struct diag err;
	char *src = repeat("x", "+x", EXPR_MAX_LENGTH / 2, "");

	cr_assert_null(expr_parse(src, NULL, 0, &err));
	cr_assert_str_eq(err.message, "the expression is too long (4097 characters; the limit is 4096)");
	cr_assert_eq(err.column, 0);
	free(src);
}

Test(expr_limits, longest_accepted)
{
	struct diag err;
	char *src = repeat("x", "+x", (EXPR_MAX_LENGTH - 1) / 2, "");
	struct expr *e;

	cr_assert_eq(strlen(src), EXPR_MAX_LENGTH - 1);
	e = expr_parse(src, NULL, 0, &err);
	cr_assert_not_null(e, "%s", err.message);
	expr_free(e);
	free(src);
}

Test(expr_limits, deep_parentheses)
{
	struct diag err;
	char *src = repeat("", "(", 1000, "x");
	char *ok = repeat("", "(", 50, "x");

	cr_assert_null(expr_parse(src, NULL, 0, &err));
	cr_assert_str_eq(err.message, "the expression is nested too deeply (more than 200 levels)");
	cr_assert_gt(err.column, 0);
	free(src);
	/* 50 levels, closed, are fine */
	src = repeat(ok, ")", 50, "");
	struct expr *e = expr_parse(src, NULL, 0, &err);
	cr_assert_not_null(e, "%s", err.message);
	expr_free(e);
	free(src);
	free(ok);
}

Test(expr_limits, deep_unary_and_powers)
{
	struct diag err;
	char *minus = repeat("", "-", 2000, "x");
	char *power = repeat("x", "^x", 1000, "");
	char *calls = repeat("", "sin(", 500, "x");

	cr_assert_null(expr_parse(minus, NULL, 0, &err));
	cr_assert_str_eq(err.message, "the expression is nested too deeply (more than 200 levels)");
	cr_assert_null(expr_parse(power, NULL, 0, &err));
	cr_assert_str_eq(err.message, "the expression is nested too deeply (more than 200 levels)");
	cr_assert_null(expr_parse(calls, NULL, 0, &err));
	cr_assert_str_eq(err.message, "the expression is nested too deeply (more than 200 levels)");
	free(minus);
	free(power);
	free(calls);
}

Test(expr_limits, too_many_variables)
{
	struct diag err;
	char src[2048], *p = src;
	int i;

	for (i = 0; i < EXPR_MAX_VARS + 1; i++)
		p += sprintf(p, "%sv%d", i ? "+" : "", i);
	cr_assert_null(expr_parse(src, NULL, 0, &err));
	cr_assert_str_eq(err.message, "too many variables (the limit is 64)");
	cr_assert_eq(err.column, (int)(strstr(src, "v64") - src) + 1);
}

Test(expr_limits, derivative_growth_is_an_error)
{
	/* each derivative of a product of 40 distinct sines has 40 terms;
	 * the Hessian of many nested products grows past the node limit */
	struct diag err;
	char src[4096], *p = src;
	struct expr *e;
	struct expr_program *prog;
	int i;

	for (i = 0; i < 60; i++)
		p += sprintf(p, "%ssin(v%d*v%d+v%d)", i ? "*" : "", i, (i + 1) % 60, (i + 7) % 60);
	e = expr_parse(src, NULL, 0, &err);
	cr_assert_not_null(e, "%s", err.message);
	prog = expr_compile(e, EXPR_HESS, &err);
	if (prog == NULL) {
		cr_assert_str_eq(err.message, "the derivatives are too large (more than 1048576 nodes)");
	} else {
		/* within the limit: then it must evaluate */
		double x[60], *out = malloc(expr_program_nout(prog) * sizeof *out);
		for (i = 0; i < 60; i++)
			x[i] = 0.1 * i;
		expr_eval(prog, x, out);
		expr_program_free(prog);
		free(out);
	}
	expr_free(e);
}

Test(expr_vars, collected_in_order_of_appearance)
{
	struct diag err;
	struct expr *e = expr_parse("b*a + c - a + pi*e", NULL, 0, &err);

	cr_assert_not_null(e);
	cr_assert_eq(expr_nvars(e), 3);
	cr_assert_str_eq(expr_var_name(e, 0), "b");
	cr_assert_str_eq(expr_var_name(e, 1), "a");
	cr_assert_str_eq(expr_var_name(e, 2), "c");
	cr_assert_eq(expr_var_index(e, "c"), 2);
	cr_assert_eq(expr_var_index(e, "pi"), -1);
	cr_assert_null(expr_var_name(e, 3));
	expr_free(e);
}

Test(expr_vars, declared_order_and_unused)
{
	struct diag err;
	const char *vars[] = { "x", "y", "z" };
	struct expr *e = expr_parse("y^2", vars, 3, &err);
	struct expr_program *p;
	double at[3] = { 5, 3, 7 }, out[4];

	cr_assert_not_null(e);
	cr_assert_eq(expr_nvars(e), 3);
	p = expr_compile(e, EXPR_GRAD, &err);
	cr_assert_eq(expr_program_nout(p), 4);
	expr_eval(p, at, out);
	cr_assert_eq(out[0], 9);
	cr_assert_eq(out[1], 0);
	cr_assert_eq(out[2], 6);
	cr_assert_eq(out[3], 0);
	expr_program_free(p);
	expr_free(e);
}

Test(expr_vars, constant_expression_has_no_variables)
{
	struct diag err;
	struct expr *e = expr_parse("2*pi + sin(0)", NULL, 0, &err);
	double v;

	cr_assert_not_null(e);
	cr_assert_eq(expr_nvars(e), 0);
	cr_assert(expr_is_const(e, expr_root(e), &v));
	cr_assert_float_eq(v, 2 * 3.14159265358979323846, 1e-15);
	expr_free(e);
}

Test(expr_vars, reserved_words)
{
	static const struct {
		const char *name;
		size_t len;
		const char *what;       /* NULL: not reserved */
	} cases[] = {
		{ "sin", 3, "function" }, { "ln", 2, "function" },
		{ "select", 6, "function" }, { "pi", 2, "constant" },
		{ "e", 1, "constant" }, { "exp2", 3, "function" },
		{ "sinh", 4, NULL }, { "Pi", 2, NULL }, { "x", 1, NULL },
		{ "pi", 1, NULL }, { "", 0, NULL },
	};
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *what = "unset";
		int r = expr_is_reserved(cases[i].name, cases[i].len, &what);
		cr_expect_eq(r, cases[i].what != NULL, "%.*s", (int)cases[i].len,
			     cases[i].name);
		if (cases[i].what != NULL)
			cr_expect_str_eq(what, cases[i].what);
		else
			cr_expect_str_eq(what, "unset");
	}
	/* a reserved word is never a variable */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char src[16];
		struct expr *e;
		if (cases[i].what == NULL || strcmp(cases[i].what, "constant") != 0)
			continue;
		snprintf(src, sizeof src, "%.*s", (int)cases[i].len, cases[i].name);
		e = expr_parse(src, NULL, 0, &err);
		cr_assert_not_null(e, "%s: %s", src, err.message);
		cr_expect_eq(expr_nvars(e), 0, "%s", src);
		expr_free(e);
	}
}

Test(expr_print, round_trips_special_constants)
{
	struct diag err;
	const char *vars[] = { "x" };
	struct expr *e = expr_parse("x + 1/0 - log(0)*x + sqrt(-1)", vars, 1, &err);
	char *text;
	struct expr *back;

	cr_assert_not_null(e);
	text = expr_to_string(e, expr_root(e), 1000, &err);
	cr_assert_not_null(text);
	back = expr_parse(text, vars, 1, &err);
	cr_assert_not_null(back, "'%s' does not parse back: %s", text, err.message);
	free(text);
	expr_free(back);
	expr_free(e);
}

Test(expr_print, too_long_is_an_error)
{
	struct diag err;
	struct expr *e = expr_parse("exp(exp(exp(exp(exp(exp(x))))))", NULL, 0, &err);
	int d = expr_diff(e, expr_root(e), 0, &err);
	char *text;

	cr_assert_geq(d, 0);
	text = expr_to_string(e, d, 20, &err);
	cr_assert_null(text);
	cr_assert_str_eq(err.message, "the expression is too long to print (more than 20 characters)");
	text = expr_to_string(e, d, 10000, &err);
	cr_assert_not_null(text);
	free(text);
	expr_free(e);
}

Test(expr_print, error_print_caret_counts_characters)
{
	/* the caret sits under the character, whatever its UTF-8 length */
	struct diag err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	cr_assert_null(expr_parse("x² + y²", NULL, 0, &err));
	fp = open_memstream(&out, &len);
	diag_print_source(fp, "descent", "x² + y²", &err);
	fclose(fp);
	cr_assert_str_eq(out, "descent: error at column 2: unexpected character '²': write '^2' instead\n"
			      "  x² + y²\n"
			      "   ^\n");
	free(out);
}

Test(expr_vars, high_variable_index_on_an_early_node)
{
	/* regression: a variable node's index was read as a child node when
	 * differentiating, past the memo (seen under ASan) */
	struct diag err;
	const char *vars[] = { "a", "b", "c", "d", "q", "f", "g", "h", "i", "j" };
	struct expr *e = expr_parse("j*j", vars, 10, &err);
	int d;
	char *text;

	cr_assert_not_null(e);
	d = expr_diff(e, expr_root(e), 0, &err);
	cr_assert_geq(d, 0);
	text = expr_to_string(e, d, 100, &err);
	cr_assert_str_eq(text, "0");
	free(text);
	d = expr_diff(e, expr_root(e), 9, &err);
	text = expr_to_string(e, d, 100, &err);
	cr_assert_str_eq(text, "2*j");
	free(text);
	expr_free(e);
}

/* The value of src (variables x and y) at (x, y), parsed with flags. */
static double
value_with(const char *src, unsigned flags, double x, double y)
{
	static const char *const vars[] = { "x", "y" };
	struct diag err;
	struct expr *e = expr_parse_flags(src, vars, 2, flags, &err);
	struct expr_program *prog;
	double at[2] = { x, y }, out[8];

	cr_assert_not_null(e, "%s: %s", src, err.message);
	prog = expr_compile(e, 0, &err);
	cr_assert_not_null(prog, "%s", err.message);
	expr_eval(prog, at, out);
	expr_program_free(prog);
	expr_free(e);
	return out[0];
}

Test(expr_products, side_by_side_with_the_flag)
{
	cr_expect_float_eq(value_with("4x(x^2-4)", EXPR_PARSE_PRODUCTS, 3, 0), 60, 1e-12);
	cr_expect_float_eq(value_with("(2x)(2x^2-8)", EXPR_PARSE_PRODUCTS, 3, 0), 60, 1e-12);
	cr_expect_float_eq(value_with("(x+1)(x-1)", EXPR_PARSE_PRODUCTS, 3, 0), 8, 1e-12);
	cr_expect_float_eq(value_with("x y", EXPR_PARSE_PRODUCTS, 3, 5), 15, 1e-12);
	/* letters of one-letter variables run together: xy, 4xy, yxx */
	cr_expect_float_eq(value_with("xy", EXPR_PARSE_PRODUCTS, 3, 5), 15, 1e-12);
	cr_expect_float_eq(value_with("4xy - 2", EXPR_PARSE_PRODUCTS, 3, 5), 58, 1e-12);
	cr_expect_float_eq(value_with("yxx", EXPR_PARSE_PRODUCTS, 3, 5), 45, 1e-12);
	/* the power binds to the letter it follows, as by hand: xy^2 is x*y^2 */
	cr_expect_float_eq(value_with("xy^2", EXPR_PARSE_PRODUCTS, 3, 5), 75, 1e-12);
	cr_expect_float_eq(value_with("(x-1) 2y", EXPR_PARSE_PRODUCTS, 3, 5), 20, 1e-12);
	/* a product binds like *, the power first: x(x)^2 is x*x^2 */
	cr_expect_float_eq(value_with("x(x)^2", EXPR_PARSE_PRODUCTS, 3, 0), 27, 1e-12);
	cr_expect_float_eq(value_with("1/2x", EXPR_PARSE_PRODUCTS, 4, 0), 2, 1e-12);
	/* a function's name before '(' is still a call */
	cr_expect_float_eq(value_with("x sin(0)", EXPR_PARSE_PRODUCTS, 3, 0), 0, 1e-12);
	cr_expect_float_eq(value_with("exp(0)(x)", EXPR_PARSE_PRODUCTS, 3, 0), 3, 1e-12);
}

Test(expr_products, only_after_a_number_without_it)
{
	static const char *const vars[] = { "x", "y" };
	static const char *const bad[] = { "x(x)", "(x)(y)", "x y", "(x)2" };
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct expr *e = expr_parse(bad[i], vars, 2, &err);

		cr_expect_null(e, "%s parses without the flag", bad[i]);
		expr_free(e);
	}
	/* with it, an unknown name before '(' is still an unknown name, and
	 * a name with a letter that is no variable is one too */
	cr_expect_null(expr_parse_flags("xz", vars, 2, EXPR_PARSE_PRODUCTS, &err));
	cr_expect_null(expr_parse("xy", vars, 2, &err));
	cr_expect_null(expr_parse_flags("z(x)", vars, 2, EXPR_PARSE_PRODUCTS, &err));
	cr_expect_null(expr_parse_flags("x (", vars, 2, EXPR_PARSE_PRODUCTS, &err));
}
