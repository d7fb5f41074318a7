/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-analyze.c - `descent analyze`: what a function of one or two
 * variables looks like in a region: its derivatives, its critical points
 * with their kinds and values, and whether it is convex there, with a
 * chord that proves it is not; for a quadratic bowl, the rates of
 * gradient descent and momentum.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/analysis.h"
#include "descent/objective.h"

#define MAX_POINTS 1000                /* rows printed */
#define MAX_PRINT (1 << 16)

enum { OPT_X = 256, OPT_Y, OPT_STARTS, OPT_GRID };

struct analyze_opts {
	const char *x, *y;
	double starts, grid;
};

static int
analyze_option(int opt, const char *arg, void *data)
{
	struct analyze_opts *o = data;

	switch (opt) {
	case OPT_X: o->x = arg; return 0;
	case OPT_Y: o->y = arg; return 0;
	case OPT_STARTS: return cmd_constant("--starts", arg, &o->starts);
	case OPT_GRID: return cmd_constant("--grid", arg, &o->grid);
	}
	return EXIT_USAGE;
}

static void
print_derivatives(struct objective *obj)
{
	struct expr *e = objective_expression(obj);
	struct diag err;
	int n = expr_nvars(e), i, j;
	char *text = expr_to_string(e, expr_root(e), MAX_PRINT, &err);

	printf("f = %s\n", text != NULL ? text : err.message);
	free(text);
	for (i = 0; i < n; i++) {
		int g = expr_diff(e, expr_root(e), i, &err);
		text = g >= 0 ? expr_to_string(e, g, MAX_PRINT, &err) : NULL;
		printf("df/d%s = %s\n", expr_var_name(e, i), text != NULL ? text : err.message);
		free(text);
		for (j = i; g >= 0 && j < n; j++) {
			int h = expr_diff(e, g, j, &err);
			text = h >= 0 ? expr_to_string(e, h, MAX_PRINT, &err) : NULL;
			if (i == j)
				printf("d2f/d%s2 = %s\n", expr_var_name(e, i),
				       text != NULL ? text : err.message);
			else
				printf("d2f/d%sd%s = %s\n", expr_var_name(e, i), expr_var_name(e, j),
				       text != NULL ? text : err.message);
			free(text);
		}
	}
}

static void
print_region(const struct region *r)
{
	char a[40], b[40];
	int k;

	for (k = 0; k < r->n; k++) {
		cmd_format_number(a, sizeof a, r->lo[k], 6);
		cmd_format_number(b, sizeof b, r->hi[k], 6);
		printf("%s[%s, %s]", k ? " x " : "", a, b);
	}
}

/* A value as printed in the table: 0 when it is rounding noise. */
static void
fmt(char *buf, size_t size, double v, double scale)
{
	if (fabs(v) < 1e-12 * scale)
		v = 0;
	cmd_format_number(buf, size, v, 6);
}

/* "2548 starts" or "88 x 88 starts" */
static void
print_grid(int n, int nx, int ny)
{
	if (n == 1)
		printf("%d start%s", nx, nx == 1 ? "" : "s");
	else
		printf("%d x %d starts", nx, ny);
}

/* How far the search went, and whether it is conclusive. */
static void
print_search(int n, const struct cp_search *s)
{
	if (s->conclusive) {
		printf("  (conclusive: ");
		print_grid(n, s->nx, s->ny);
		printf(" found no point that ");
		if (n == 1)
			printf("%d missed)\n", s->prev[0]);
		else
			printf("%d x %d missed)\n", s->prev[0], s->prev[1]);
		return;
	}
	if (s->stop == CP_STOP_BUDGET && s->passes == 1) {
		printf("  (not conclusive: the budget ran out during the first grid, of ");
		print_grid(n, s->nx, s->ny);
		printf(";\n  a narrower region helps)\n");
		return;
	}
	printf("  (not conclusive: each denser grid found new points, up to ");
	print_grid(n, s->nx, s->ny);
	printf(",\n  %lld in all, until %s; a narrower region helps)\n", s->starts,
	       s->stop == CP_STOP_BUDGET ? "the budget ran out" : "the size cap");
}

static void
print_points(struct objective *obj, const struct region *r, const struct cp_search *s)
{
	const struct critical_point *cp = s->cp;
	int n = r->n, i, k, found = s->found;
	double fscale = 1, xscale = 1;
	char buf[40];

	printf("\ncritical points in ");
	print_region(r);
	printf(": %d\n", found);
	print_search(n, s);
	if (found == 0)
		return;
	for (i = 0; i < found && i < MAX_POINTS; i++)
		fscale = fmax(fscale, fabs(cp[i].f));
	for (k = 0; k < n; k++)
		xscale = fmax(xscale, fmax(fabs(r->lo[k]), fabs(r->hi[k])));
	for (k = 0; k < n; k++)
		printf(" %11s", objective_param(obj, k));
	printf(" %12s  %-18s %s\n", "f", "kind", n == 1 ? "f''" : "eigenvalues");
	for (i = 0; i < found && i < MAX_POINTS; i++) {
		char kind[40];
		for (k = 0; k < n; k++) {
			fmt(buf, sizeof buf, cp[i].x[k], xscale);
			printf(" %11s", buf);
		}
		fmt(buf, sizeof buf, cp[i].f, fscale);
		snprintf(kind, sizeof kind, "%s%s", cp_kind_name(cp[i].kind),
			 cp[i].kind != CP_MINIMUM ? "" : cp[i].global > 0 ? " (global)" :
			 cp[i].global == 0 ? " (local)" : " (global?)");
		printf(" %12s  %-18s", buf, kind);
		for (k = 0; k < n; k++) {
			fmt(buf, sizeof buf, cp[i].lambda[k], 1);
			printf("%s%s", k ? ", " : "", buf);
		}
		printf("\n");
	}
	if (found > MAX_POINTS)
		printf("(and %d more)\n", found - MAX_POINTS);
}

/* A point of the region: "1.5" in 1D, "(1.5, -2)" in 2D. */
static void
print_xy(int n, const double *x)
{
	char a[40], b[40];

	cmd_format_number(a, sizeof a, x[0], 6);
	if (n == 1) {
		printf("%s", a);
		return;
	}
	cmd_format_number(b, sizeof b, x[1], 6);
	printf("(%s, %s)", a, b);
}

static void
print_convexity(const struct region *r, const struct convexity *cv)
{
	static const enum hess_sign order[] = { HESS_POSDEF, HESS_POSSEMI, HESS_INDEFINITE,
						HESS_NEGSEMI, HESS_NEGDEF, HESS_UNDEFINED };
	int i;
	char a[40], b[40];

	printf("\nconvexity on ");
	print_region(r);
	printf(": %s\n", convexity_verdict_name(cv->verdict));
	if (r->n == 1)
		printf("  on a grid of %d points, f'' is\n", cv->nx);
	else
		printf("  on a %dx%d grid, the Hessian is\n", cv->nx, cv->ny);
	for (i = 0; i < 6; i++)
		if (cv->counts[order[i]] > 0)
			printf("    %-22s at %zu point%s\n", hess_sign_name(order[i]),
			       cv->counts[order[i]], cv->counts[order[i]] == 1 ? "" : "s");
	if (cv->verdict == CONVEXITY_UNDEFINED || cv->verdict == CONVEXITY_OVERFLOW) {
		size_t m = (size_t)cv->nx * (size_t)cv->ny;
		if (cv->nnan > 0)
			printf("  f or its derivatives are nan (undefined) at %zu of %zu points\n",
			       cv->nnan, m);
		if (cv->ninf > 0)
			printf("  f or its derivatives overflow to an infinity at %zu of %zu points\n",
			       cv->ninf, m);
		printf("  (too few finite values to tell whether it is convex)\n");
		return;
	}
	if (cv->convex) {
		printf("  (a grid shows where it looked: convex there, not a proof)\n");
		return;
	}
	if (!cv->has_chord) {
		printf("  (no chord below the function was found)\n");
		return;
	}
	printf("  between p = ");
	print_xy(r->n, cv->p);
	printf(" and q = ");
	print_xy(r->n, cv->q);
	printf(" the function rises above its chord:\n");
	cmd_format_number(a, sizeof a, cv->lhs, 8);
	cmd_format_number(b, sizeof b, cv->rhs, 8);
	printf("  with a = %g, f(a*p + (1-a)*q) = %s > a*f(p) + (1-a)*f(q) = %s\n",
	       cv->alpha, a, b);
}

/*
 * For a quadratic bowl, the rates the theory gives (analysis_quadratic):
 * where gradient descent converges and is fastest, and where momentum is.
 */
static void
print_quadratic(struct objective *obj, const struct region *r)
{
	struct quadratic q;
	char why[200], a[40], b[40], c[40];

	if (analysis_quadratic(obj, r, &q, why, sizeof why) < 0)
		return;
	cmd_format_number(a, sizeof a, q.lmin, 6);
	cmd_format_number(b, sizeof b, q.lmax, 6);
	cmd_format_number(c, sizeof c, q.condition, 6);
	if (objective_dim(obj) == 1) {
		printf("\na quadratic bowl (f'' = %s at the middle and ends of the region)\n", a);
		cmd_format_number(a, sizeof a, q.gd_limit, 6);
		cmd_format_number(b, sizeof b, q.gd_best, 6);
		printf("  gradient descent converges for lr < %s = 2/f''\n", a);
		printf("    and is fastest at lr = %s = 1/f'', one step to the minimum\n", b);
		printf("  momentum is fastest with beta = 0: gradient descent itself\n");
		return;
	}
	printf("\na quadratic bowl (the same Hessian at the middle and corners of the\n"
	       "region), eigenvalues lmin = %s and lmax = %s, condition k = %s\n", a, b, c);
	cmd_format_number(a, sizeof a, q.gd_limit, 6);
	cmd_format_number(b, sizeof b, q.gd_best, 6);
	printf("  gradient descent converges for lr < %s = 2/lmax\n", a);
	printf("    and is fastest at lr = %s = 2/(lmin + lmax)\n", b);
	cmd_format_number(a, sizeof a, q.hb_lr, 6);
	cmd_format_number(b, sizeof b, q.hb_beta, 6);
	printf("  momentum is fastest at lr = %s = (2/(sqrt(lmin) + sqrt(lmax)))^2\n", a);
	printf("    and beta = %s = ((sqrt(k) - 1)/(sqrt(k) + 1))^2;\n", b);
	cmd_format_number(a, sizeof a, q.gd_limit, 6);
	printf("    with beta in [0, 1), it converges for lr < 2(1 + beta)/lmax = %s(1 + beta)\n",
	       a);
}

static int
analyze_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "x", required_argument, NULL, OPT_X },
		{ "y", required_argument, NULL, OPT_Y },
		{ "starts", required_argument, NULL, OPT_STARTS },
		{ "grid", required_argument, NULL, OPT_GRID },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct analyze_opts o = { NULL, NULL, NAN, NAN };
	struct diag err;
	struct objective *obj;
	struct region r;
	struct cp_options copt;
	struct cp_search search;
	struct convexity cv;
	int first, status, n, grid, i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strncmp(argv[i], "--data", 6) == 0 || strncmp(argv[i], "--model", 7) == 0)
			return cmd_analyze_data(argc, argv);
	status = cmd_getopt(&cmd_analyze, argc, argv, "hV", longopts, analyze_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first >= argc)
		return cmd_usage_error(&cmd_analyze, "missing the expression");
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_analyze, "one expression only (quote it)");
	if (!isnan(o.starts) && (o.starts != floor(o.starts) || o.starts < 2 || o.starts > 131072))
		return cmd_value_error(&cmd_analyze, "--starts must be a whole number from 2 "
				       "to 131072, not %g", o.starts);
	if (!isnan(o.grid) && (o.grid != floor(o.grid) || o.grid < 3 || o.grid > 1000))
		return cmd_value_error(&cmd_analyze, "--grid must be a whole number from 3 to "
				       "1000, not %g", o.grid);
	r.lo[0] = r.lo[1] = -5;
	r.hi[0] = r.hi[1] = 5;
	if (o.x != NULL && (status = cmd_range(&cmd_analyze, "--x", o.x,
							 &r.lo[0], &r.hi[0])) != 0)
		return status;
	if (o.y != NULL && (status = cmd_range(&cmd_analyze, "--y", o.y,
							 &r.lo[1], &r.hi[1])) != 0)
		return status;
	obj = objective_expr(argv[first], NULL, 0, &err);
	if (obj == NULL) {
		diag_print_source(stderr, "descent", argv[first], &err);
		return EXIT_USER;
	}
	n = objective_dim(obj);
	r.n = n;
	if (n == 1 && o.y != NULL) {
		objective_free(obj);
		return cmd_value_error(&cmd_analyze, "--y: the expression has one variable");
	}
	print_derivatives(obj);
	if (n < 1 || n > 2) {
		printf("\n(critical points and convexity are searched for functions of 1 or 2 "
		       "variables; this one has %d)\n", n);
		objective_free(obj);
		return 0;
	}
	copt.starts = isnan(o.starts) ? 0 : (int)o.starts;
	copt.budget = 0;
	analysis_critical_search(obj, &r, &copt, &search);
	print_points(obj, &r, &search);
	cp_search_free(&search);
	grid = isnan(o.grid) ? (n == 1 ? 401 : 61) : (int)o.grid;
	if (analysis_convexity(obj, &r, grid, grid, &cv) == 0) {
		print_convexity(&r, &cv);
		free(cv.sign);
	}
	print_quadratic(obj, &r);
	objective_free(obj);
	return 0;
}

const struct cmd cmd_analyze = {
	.name = "analyze",
	.usage = "EXPR [--x A:B] [--y C:D] [--starts N] [--grid N]\n"
		 "   or: descent analyze --data FILE --model MODEL [--at W1,W2...] [OPTIONS]",
	.summary = "derivatives, critical points and convexity of a function",
	.help =
	"Prints the derivatives of EXPR, its critical points in the region with\n"
	"their kinds (minimum, maximum, saddle, degenerate) and values, and\n"
	"whether it is convex there, with a chord above the function if not;\n"
	"for a quadratic bowl, the learning rates at which gradient descent\n"
	"converges and is fastest, and momentum's fastest settings.\n\n"
	"  --x A:B      the range of the first variable (-5:5)\n"
	"  --y C:D      the range of the second variable (-5:5)\n"
	"  --starts N   Newton starts per axis of the first grid for the critical\n"
	"               points (by default 4 per sign change of the derivative, at\n"
	"               least 200 in 1D and 24 in 2D; at most 512 in 2D)\n"
	"  --grid N     grid points per axis for the convexity map (401 in 1D, 61 in 2D)\n\n"
	"With --data and --model (descent run's data options, --init among them),\n"
	"prints what the derivatives say at one point of the parameters: f, |grad|,\n"
	"the Hessian's eigenvalues, the sharpness (the largest) and the index (how\n"
	"many are negative), and the kind of point when |grad| < --tol.\n\n"
	"  --at W1,W2...    the point (by default the start: 0, or --init's)\n"
	"  --split V,T      train on the rest, and give the held-out losses too\n"
	"  -n, --steps N    first run N steps of -o OPTIMIZER (its --lr ...) from there\n"
	"  --swap L:J:K     also f with hidden units J and K of layer L swapped\n"
	"  --eigenvalues    every eigenvalue, not the 8 smallest and 8 largest\n"
	"  --census N       instead, the critical points found from N starts (seeds\n"
	"                   --seed on), by Newton's method on the gradient after any\n"
	"                   --steps: a table of minima and saddles by index\n\n"
	"Example: descent analyze 'x^4 - 8x^2 + 5' --x -3:3\n"
	"         descent analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-3-1 -n 50\n",
	.run = analyze_run,
};
