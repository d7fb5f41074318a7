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
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/util.h"

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

/* The region, "[-1, 1] x [-2, 2]", into text (size bytes). */
static void
region_text(char *text, size_t size, const struct region *r)
{
	char a[40], b[40];
	size_t len = 0;
	int k;

	text[0] = '\0';
	for (k = 0; k < r->n && len < size; k++) {
		cmd_format_number(a, sizeof a, r->lo[k], 6);
		cmd_format_number(b, sizeof b, r->hi[k], 6);
		len += snprintf(text + len, size - len, "%s[%s, %s]", k ? " x " : "", a, b);
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

/* "2548 starts" or "88 x 88 starts", into text (size bytes) */
static void
grid_text(char *text, size_t size, int n, int nx, int ny)
{
	if (n == 1)
		snprintf(text, size, P_("%d start", "%d starts", nx), nx);
	else
		snprintf(text, size, _("%d x %d starts"), nx, ny);
}

/* How far the search went, and whether it is conclusive. */
static void
print_search(int n, const struct cp_search *s)
{
	char grid[80], prev[40];

	grid_text(grid, sizeof grid, n, s->nx, s->ny);
	if (s->conclusive) {
		if (n == 1)
			snprintf(prev, sizeof prev, "%d", s->prev[0]);
		else
			snprintf(prev, sizeof prev, "%d x %d", s->prev[0], s->prev[1]);
		/* TRANSLATORS: "(conclusive: 400 starts found no point that 200
		 * missed)": the grids of Newton's starts, the last and the one before */
		printf(_("  (conclusive: %s found no point that %s missed)\n"), grid, prev);
		return;
	}
	if (s->stop == CP_STOP_BUDGET && s->passes == 1) {
		printf(_("  (not conclusive: the budget ran out during the first grid, of %s;\n"
			 "  a narrower region helps)\n"), grid);
		return;
	}
	if (s->stop == CP_STOP_BUDGET)
		printf(_("  (not conclusive: each denser grid found new points, up to %s,\n"
			 "  %lld in all, until the budget ran out; a narrower region helps)\n"),
		       grid, s->starts);
	else
		printf(_("  (not conclusive: each denser grid found new points, up to %s,\n"
			 "  %lld in all, until the size cap; a narrower region helps)\n"),
		       grid, s->starts);
}

static void
print_points(struct objective *obj, const struct region *r, const struct cp_search *s)
{
	const struct critical_point *cp = s->cp;
	int n = r->n, i, k, found = s->found;
	double fscale = 1, xscale = 1;
	char buf[40], region[200];

	region_text(region, sizeof region, r);
	printf(_("\ncritical points in %s: %d\n"), region, found);
	print_search(n, s);
	if (found == 0)
		return;
	for (i = 0; i < found && i < MAX_POINTS; i++)
		fscale = fmax(fscale, fabs(cp[i].f));
	for (k = 0; k < n; k++)
		xscale = fmax(xscale, fmax(fabs(r->lo[k]), fabs(r->hi[k])));
	for (k = 0; k < n; k++)
		printf(" %11s", objective_param(obj, k));
	printf(" %12s  ", "f");
	/* TRANSLATORS: the heading of the column of the kinds of the critical
	 * points, at most 17 columns */
	cmd_put_column(_("kind"), -18);
	/* TRANSLATORS: a column's heading */
	printf(" %s\n", n == 1 ? "f''" : _("eigenvalues"));
	for (i = 0; i < found && i < MAX_POINTS; i++) {
		const char *kind;
		for (k = 0; k < n; k++) {
			fmt(buf, sizeof buf, cp[i].x[k], xscale);
			printf(" %11s", buf);
		}
		fmt(buf, sizeof buf, cp[i].f, fscale);
		if (cp[i].kind != CP_MINIMUM)
			kind = _(cp_kind_name(cp[i].kind));
		else if (cp[i].global > 0)
			/* TRANSLATORS: the kinds of a minimum, at most 17 columns */
			kind = _("minimum (global)");
		else if (cp[i].global == 0)
			kind = _("minimum (local)");
		else
			kind = _("minimum (global?)");
		printf(" %12s  ", buf);
		cmd_put_column(kind, -18);
		for (k = 0; k < n; k++) {
			fmt(buf, sizeof buf, cp[i].lambda[k], 1);
			printf("%s%s", k ? ", " : "", buf);
		}
		printf("\n");
	}
	if (found > MAX_POINTS)
		printf(_("(and %d more)\n"), found - MAX_POINTS);
}

/* A point of the region, "1.5" in 1D, "(1.5, -2)" in 2D, into text. */
static void
xy_text(char *text, size_t size, int n, const double *x)
{
	char a[40], b[40];

	cmd_format_number(a, sizeof a, x[0], 6);
	if (n == 1) {
		snprintf(text, size, "%s", a);
		return;
	}
	cmd_format_number(b, sizeof b, x[1], 6);
	snprintf(text, size, "(%s, %s)", a, b);
}

static void
print_convexity(const struct region *r, const struct convexity *cv)
{
	static const enum hess_sign order[] = { HESS_POSDEF, HESS_POSSEMI, HESS_INDEFINITE,
						HESS_NEGSEMI, HESS_NEGDEF, HESS_UNDEFINED };
	int i;
	char a[96], b[96], region[200];

	region_text(region, sizeof region, r);
	/* TRANSLATORS: "convexity on [-3, 3]: not convex" */
	printf(_("\nconvexity on %s: %s\n"), region, _(convexity_verdict_name(cv->verdict)));
	if (r->n == 1)
		printf(_("  on a grid of %d points, f'' is\n"), cv->nx);
	else
		printf(_("  on a %dx%d grid, the Hessian is\n"), cv->nx, cv->ny);
	for (i = 0; i < 6; i++) {
		size_t count = cv->counts[order[i]];
		if (count == 0)
			continue;
		fputs("    ", stdout);
		/* the sign of the Hessian ("positive definite"), in 22 columns */
		cmd_put_column(_(hess_sign_name(order[i])), -22);
		/* TRANSLATORS: after "positive definite": where the Hessian is so */
		printf(P_(" at %zu point\n", " at %zu points\n", count), count);
	}
	if (cv->verdict == CONVEXITY_UNDEFINED || cv->verdict == CONVEXITY_OVERFLOW) {
		size_t m = (size_t)cv->nx * (size_t)cv->ny;
		if (cv->nnan > 0)
			printf(_("  f or its derivatives are nan (undefined) at %zu of %zu points\n"),
			       cv->nnan, m);
		if (cv->ninf > 0)
			printf(_("  f or its derivatives overflow to an infinity at %zu of %zu "
				 "points\n"), cv->ninf, m);
		fputs(_("  (too few finite values to tell whether it is convex)\n"), stdout);
		return;
	}
	if (cv->convex) {
		fputs(_("  (a grid shows where it looked: convex there, not a proof)\n"), stdout);
		return;
	}
	if (!cv->has_chord) {
		fputs(_("  (no chord below the function was found)\n"), stdout);
		return;
	}
	xy_text(a, sizeof a, r->n, cv->p);
	xy_text(b, sizeof b, r->n, cv->q);
	printf(_("  between p = %s and q = %s the function rises above its chord:\n"), a, b);
	cmd_format_number(a, sizeof a, cv->lhs, 8);
	cmd_format_number(b, sizeof b, cv->rhs, 8);
	printf(_("  with a = %g, f(a*p + (1-a)*q) = %s > a*f(p) + (1-a)*f(q) = %s\n"),
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
		printf(_("\na quadratic bowl (f'' = %s at the middle and ends of the region)\n"),
		       a);
		cmd_format_number(a, sizeof a, q.gd_limit, 6);
		cmd_format_number(b, sizeof b, q.gd_best, 6);
		printf(_("  gradient descent converges for lr < %s = 2/f''\n"), a);
		printf(_("    and is fastest at lr = %s = 1/f'', one step to the minimum\n"), b);
		fputs(_("  momentum is fastest with beta = 0: gradient descent itself\n"), stdout);
		return;
	}
	printf(_("\na quadratic bowl (the same Hessian at the middle and corners of the\n"
		 "region), eigenvalues lmin = %s and lmax = %s, condition k = %s\n"), a, b, c);
	cmd_format_number(a, sizeof a, q.gd_limit, 6);
	cmd_format_number(b, sizeof b, q.gd_best, 6);
	printf(_("  gradient descent converges for lr < %s = 2/lmax\n"), a);
	printf(_("    and is fastest at lr = %s = 2/(lmin + lmax)\n"), b);
	cmd_format_number(a, sizeof a, q.hb_lr, 6);
	cmd_format_number(b, sizeof b, q.hb_beta, 6);
	printf(_("  momentum is fastest at lr = %s = (2/(sqrt(lmin) + sqrt(lmax)))^2\n"), a);
	printf(_("    and beta = %s = ((sqrt(k) - 1)/(sqrt(k) + 1))^2;\n"), b);
	cmd_format_number(a, sizeof a, q.gd_limit, 6);
	printf(_("    with beta in [0, 1), it converges for lr < 2(1 + beta)/lmax = %s(1 + "
		 "beta)\n"), a);
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
		printf(_("\n(critical points and convexity are searched for functions of 1 or 2 "
			 "variables; this one has %d)\n"), n);
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
	/* TRANSLATORS: "or:" lines up under "usage:" */
	.usage = N_("EXPR [--x A:B] [--y C:D] [--starts N] [--grid N]\n"
		    "   or: descent analyze --data FILE --model MODEL [--at W1,W2...] [OPTIONS]"),
	.summary = N_("derivatives, critical points and convexity of a function"),
	/* TRANSLATORS: lines of at most 80 columns */
	.help = N_(
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
	"         descent analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-3-1 -n 50\n"),
	.run = analyze_run,
};
