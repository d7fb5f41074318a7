/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-cases.c - the driver of the plain-text expression cases in
 * tests/expr/ (eval.txt, diff.txt, errors.txt).  Each file is a list of blocks separated by blank
 * lines; '#' starts a comment line.  A block is one of:
 *
 *   eval EXPR            values at a point (tolerance 1e-12, relative;
 *                        a value written -0 must be a negative zero), the
 *                        batch entry bit for bit the same as the scalar one
 *   vars x y             (optional) declare the variables, in order
 *   at x=1 y=2           the point; values are constant expressions
 *   f VALUE              f
 *   grad V1 V2 ...       the gradient
 *   hess V11 V12 ...     the Hessian, row-major
 *                        (grad and hess are checked twice: as compiled,
 *                        and in reverse mode, the Hessian then assembled
 *                        from its products with the unit vectors)
 *
 *   diff EXPR            derivatives as printed
 *   x: TEXT              d/dx prints exactly TEXT
 *   xx: TEXT             d2/dx2 prints exactly TEXT (two names: d2/dxdy)
 *
 *   error EXPR           the expression must fail to parse, and
 *   vars x y             (optional) with these variables declared
 *   LINES                expr_error_print must print exactly these lines
 *
 * Every case is checked and every failure reported with FILE:LINE.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/expr.h"
#include "expr-int.h"

#define MAXLINES 64

struct block {
	char *line[MAXLINES];
	int lineno[MAXLINES];
	int n;
};

static const char *cur_file;

/* Reads the next block; returns 0 at the end of the file. */
static int
read_block(FILE *fp, int *lineno, struct block *b)
{
	char buf[8192];

	b->n = 0;
	while (fgets(buf, sizeof buf, fp) != NULL) {
		size_t len = strlen(buf);
		(*lineno)++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (buf[0] == '#')
			continue;
		if (len == 0) {
			if (b->n > 0)
				return 1;
			continue;
		}
		cr_assert(b->n < MAXLINES, "%s:%d: block too long", cur_file, *lineno);
		b->line[b->n] = strdup(buf);
		b->lineno[b->n++] = *lineno;
	}
	return b->n > 0;
}

static void
free_block(struct block *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		free(b->line[i]);
	b->n = 0;
}

/* A constant expression ("-1/6", "sqrt(2)", "inf", "nan"). */
static double
constant(const char *text, int lineno)
{
	struct diag err;
	struct expr *e;
	double v = NAN;

	if (strcmp(text, "nan") == 0)
		return NAN;
	if (strcmp(text, "inf") == 0)
		return INFINITY;
	if (strcmp(text, "-inf") == 0)
		return -INFINITY;
	e = expr_parse(text, (const char *const[]){ NULL }, 0, &err);
	cr_assert(e != NULL, "%s:%d: bad value '%s': %s", cur_file, lineno, text, err.message);
	cr_assert(expr_is_const(e, expr_root(e), &v), "%s:%d: '%s' is not constant",
		  cur_file, lineno, text);
	expr_free(e);
	return v;
}

static int
close_enough(double want, double got)
{
	if (isnan(want))
		return isnan(got);
	if (isinf(want))
		return want == got;
	if (want == 0 && signbit(want))
		return got == 0 && signbit(got);
	return fabs(want - got) <= 1e-12 * fmax(1.0, fmax(fabs(want), fabs(got)));
}

/* Splits "word rest" at the first space. */
static const char *
rest_of(const char *line, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(line, word, n) != 0)
		return NULL;
	if (line[n] == '\0')
		return line + n;
	if (line[n] != ' ')
		return NULL;
	return line + n + 1;
}

static struct expr *
parse_with_vars(const struct block *b, const char *src, int *next, struct diag *err)
{
	const char *vars[EXPR_MAX_VARS];
	char *copy = NULL, *tok;
	int nv = 0;
	const char *v;
	struct expr *e;

	if (*next < b->n && (v = rest_of(b->line[*next], "vars")) != NULL) {
		copy = strdup(v);
		for (tok = strtok(copy, " "); tok != NULL; tok = strtok(NULL, " "))
			vars[nv++] = tok;
		(*next)++;
		e = expr_parse(src, vars, nv, err);
	} else {
		e = expr_parse(src, NULL, 0, err);
	}
	free(copy);
	return e;
}

static void
check_values(const char *what, const char *list, const double *got, int n, int lineno)
{
	char *copy = strdup(list), *tok;
	int i = 0;

	for (tok = strtok(copy, " "); tok != NULL; tok = strtok(NULL, " "), i++) {
		double want = constant(tok, lineno);
		cr_expect(i < n, "%s:%d: more %s values than outputs", cur_file, lineno, what);
		if (i >= n)
			break;
		cr_expect(close_enough(want, got[i]), "%s:%d: %s[%d]: expected %.17g, got %.17g",
			  cur_file, lineno, what, i, want, got[i]);
	}
	cr_expect(i == n, "%s:%d: %d %s values given, the expression has %d", cur_file,
		  lineno, i, what, n);
	free(copy);
}

/*
 * The batch entry, over a few lanes of the same point, must give what the
 * scalar one gave bit for bit (the sign of a zero included); nans only
 * need to be nans.
 */
static void
check_batch(struct expr_program *p, const double *x, const double *scalar, int nv, int ln)
{
	enum { LANES = 3 };
	double xin[EXPR_MAX_VARS][LANES], res[1 + EXPR_MAX_VARS + 64][LANES];
	const double *in[EXPR_MAX_VARS];
	double *outp[1 + EXPR_MAX_VARS + 64];
	int nout = expr_program_nout(p), k, j;

	for (k = 0; k < nv; k++) {
		for (j = 0; j < LANES; j++)
			xin[k][j] = x[k];
		in[k] = xin[k];
	}
	for (k = 0; k < nout; k++)
		outp[k] = res[k];
	expr_eval_batch(p, LANES, in, outp);
	for (k = 0; k < nout; k++) {
		for (j = 0; j < LANES; j++) {
			double b = res[k][j];
			cr_expect((isnan(b) && isnan(scalar[k])) ||
				  memcmp(&b, &scalar[k], sizeof b) == 0,
				  "%s:%d: output %d: the batch entry gives %.17g, the scalar %.17g",
				  cur_file, ln, k, b, scalar[k]);
		}
	}
}

/*
 * The reverse-mode program rp (f, gradient, Hessian times a direction) at
 * x, along each unit vector: the gradient into grad, the products as the
 * Hessian's columns into hess (row-major); the gradient must be the same
 * along every direction, bit for bit.
 */
static void
reverse_mode(struct expr_program *rp, const double *x, int nv, double *grad, double *hess,
	     int ln)
{
	double in[16], out[1 + 16];
	int j, k;

	for (j = 0; j < nv; j++) {
		memcpy(in, x, nv * sizeof *in);
		for (k = 0; k < nv; k++)
			in[nv + k] = k == j;
		expr_eval(rp, in, out);
		check_batch(rp, in, out, 2 * nv, ln);
		for (k = 0; k < nv; k++) {
			if (j > 0)
				cr_expect((isnan(grad[k]) && isnan(out[1 + k])) ||
					  grad[k] == out[1 + k],
					  "%s:%d: the reverse gradient depends on the direction",
					  cur_file, ln);
			grad[k] = out[1 + k];
			hess[k * nv + j] = out[1 + nv + k];
		}
	}
}

static void
case_eval(const struct block *b, const char *src)
{
	struct diag err;
	int next = 1, nv, i;
	struct expr *e = parse_with_vars(b, src, &next, &err);
	struct expr_program *p, *rp;
	double x[EXPR_MAX_VARS] = { 0 }, out[1 + EXPR_MAX_VARS + 64];
	double rgrad[8], rhess[64];

	cr_assert(e != NULL, "%s:%d: '%s' does not parse: %s", cur_file, b->lineno[0], src,
		  err.message);
	nv = expr_nvars(e);
	cr_assert(nv <= 7, "%s:%d: too many variables for the driver", cur_file, b->lineno[0]);
	p = expr_compile(e, EXPR_HESS, &err);
	cr_assert(p != NULL, "%s:%d: does not compile: %s", cur_file, b->lineno[0], err.message);
	rp = expr_compile_reverse(e, EXPR_HVP, nv, &err);
	cr_assert(rp != NULL, "%s:%d: reverse mode does not compile: %s", cur_file,
		  b->lineno[0], err.message);
	cr_assert_eq(expr_program_nvars(rp), 2 * nv);
	cr_assert_eq(expr_program_nout(rp), 1 + 2 * nv);
	for (; next < b->n; next++) {
		const char *line = b->line[next], *r;
		int ln = b->lineno[next];
		if ((r = rest_of(line, "at")) != NULL) {
			char *copy = strdup(r), *tok;
			for (tok = strtok(copy, " "); tok != NULL; tok = strtok(NULL, " ")) {
				char *eq = strchr(tok, '=');
				cr_assert(eq != NULL, "%s:%d: expected NAME=VALUE", cur_file, ln);
				*eq = '\0';
				i = expr_var_index(e, tok);
				cr_assert(i >= 0, "%s:%d: no variable %s", cur_file, ln, tok);
				x[i] = constant(eq + 1, ln);
			}
			free(copy);
			expr_eval(p, x, out);
			check_batch(p, x, out, nv, ln);
			reverse_mode(rp, x, nv, rgrad, rhess, ln);
		} else if ((r = rest_of(line, "f")) != NULL) {
			check_values("f", r, out, 1, ln);
		} else if ((r = rest_of(line, "grad")) != NULL) {
			check_values("grad", r, out + 1, nv, ln);
			check_values("reverse-mode grad", r, rgrad, nv, ln);
		} else if ((r = rest_of(line, "hess")) != NULL) {
			check_values("hess", r, out + 1 + nv, nv * nv, ln);
			check_values("hess from products", r, rhess, nv * nv, ln);
		} else {
			cr_assert_fail("%s:%d: unknown line '%s'", cur_file, ln, line);
		}
	}
	expr_program_free(p);
	expr_program_free(rp);
	expr_free(e);
}

static void
case_diff(const struct block *b, const char *src)
{
	struct diag err;
	int next = 1;
	struct expr *e = parse_with_vars(b, src, &next, &err);

	cr_assert(e != NULL, "%s:%d: '%s' does not parse: %s", cur_file, b->lineno[0], src,
		  err.message);
	for (; next < b->n; next++) {
		const char *line = b->line[next], *colon = strchr(line, ':');
		char names[2][32];
		int ln = b->lineno[next], nn = 0, node = expr_root(e), k;
		char *text;

		cr_assert(colon != NULL && colon[1] == ' ', "%s:%d: expected 'NAME: TEXT'",
			  cur_file, ln);
		/* "x:" or "xy:" or "w0 w1:" - names separated by spaces when long */
		{
			char spec[64], *tok;
			snprintf(spec, sizeof spec, "%.*s", (int)(colon - line), line);
			if (strchr(spec, ' ') != NULL) {
				for (tok = strtok(spec, " "); tok != NULL && nn < 2; tok = strtok(NULL, " "))
					snprintf(names[nn++], sizeof names[0], "%s", tok);
			} else {
				for (k = 0; spec[k] != '\0' && nn < 2; k++)
					snprintf(names[nn++], sizeof names[0], "%c", spec[k]);
			}
		}
		for (k = 0; k < nn; k++) {
			int v = expr_var_index(e, names[k]);
			cr_assert(v >= 0, "%s:%d: no variable %s", cur_file, ln, names[k]);
			node = expr_diff(e, node, v, &err);
			cr_assert(node >= 0, "%s:%d: %s", cur_file, ln, err.message);
		}
		text = expr_to_string(e, node, 1 << 16, &err);
		cr_assert(text != NULL, "%s:%d: %s", cur_file, ln, err.message);
		cr_expect_str_eq(text, colon + 2, "%s:%d: derivative of '%s': expected '%s', got '%s'",
				 cur_file, ln, src, colon + 2, text);
		free(text);
	}
	expr_free(e);
}

static void
case_error(const struct block *b, const char *src)
{
	struct diag err;
	int next = 1, i;
	struct expr *e = parse_with_vars(b, src, &next, &err);
	char *got = NULL, *want;
	size_t gotlen = 0, wantlen = 0;
	FILE *fp;

	cr_assert(e == NULL, "%s:%d: '%s' parses, but should fail", cur_file, b->lineno[0], src);
	fp = open_memstream(&got, &gotlen);
	diag_print_source(fp, "descent", src, &err);
	fclose(fp);
	for (i = next; i < b->n; i++)
		wantlen += strlen(b->line[i]) + 1;
	want = calloc(wantlen + 1, 1);
	for (i = next; i < b->n; i++) {
		strcat(want, b->line[i]);
		strcat(want, "\n");
	}
	cr_expect_str_eq(got, want, "%s:%d: error for '%s':\nexpected:\n%s\ngot:\n%s",
			 cur_file, b->lineno[0], src, want, got);
	free(want);
	free(got);
}

static void
run_file(const char *name)
{
	char path[4096];
	struct block b;
	int lineno = 0, ncases = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/tests/expr/%s", SRCDIR, name);
	cur_file = name;
	fp = fopen(path, "r");
	cr_assert(fp != NULL, "cannot open %s", path);
	while (read_block(fp, &lineno, &b)) {
		const char *r;
		if ((r = rest_of(b.line[0], "eval")) != NULL)
			case_eval(&b, r);
		else if ((r = rest_of(b.line[0], "diff")) != NULL)
			case_diff(&b, r);
		else if ((r = rest_of(b.line[0], "error")) != NULL)
			case_error(&b, r);
		else
			cr_assert_fail("%s:%d: unknown block '%s'", name, b.lineno[0], b.line[0]);
		ncases++;
		free_block(&b);
	}
	fclose(fp);
	cr_assert(ncases > 0, "%s: no cases", name);
}

Test(expr_cases, eval) { run_file("eval.txt"); }
Test(expr_cases, diff) { run_file("diff.txt"); }
Test(expr_cases, errors) { run_file("errors.txt"); }
