/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-analysis.c - naming what the learner sees.  analysis_classify on
 * Hessians taken from objectives (minimum, maximum, saddle, degenerate);
 * the critical points of functions whose critical points are known in
 * closed form or from the literature (x^4 - 8x^2 + 5, Himmelblau's
 * function, x^2 - y^2, x^4, the monkey saddle), each checked against the
 * gradient and Hessian written out here by hand; convexity verdicts, the
 * sign map against the Hessian's sign by hand, and every chord that
 * breaks Jensen's inequality re-evaluated here from the formula of f;
 * basins of attraction that send each start to the minimum of its cell,
 * diverge where the rate is too large, and agree with runs of each
 * start alone.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/data.h"
#include "descent/analysis.h"
#include "descent/objective.h"
#include "descent/optim.h"

#define HIMMELBLAU "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
#define W_SHAPE "x^4 - 8*x^2 + 5"

/* The functions by hand, f at (x, y). */
static double
himmelblau(double x, double y)
{
	double a = x * x + y - 11, b = x + y * y - 7;

	return a * a + b * b;
}

static double
w_shape(double x, double y)
{
	(void)y;
	return x * x * x * x - 8 * x * x + 5;
}

static double
saddle(double x, double y)
{
	return x * x - y * y;
}

static struct region
region1(double lo, double hi)
{
	struct region r = { 1, { lo, 0 }, { hi, 0 } };
	return r;
}

static struct region
region2(double lo, double hi)
{
	struct region r = { 2, { lo, lo }, { hi, hi } };
	return r;
}

/* The Hessian of o (n = 1 or 2) at (x, y), from the objective. */
static void
hessian_at(struct objective *o, double x, double y, double *h)
{
	const double *w[2] = { &x, &y };
	double f, g[2], *gp[2] = { &g[0], &g[1] }, *hp[4] = { &h[0], &h[1], &h[2], &h[3] };

	objective_eval(o, 1, w, &f, gp, hp);
}

static void
expect_kind(const char *src, double x, double y, enum cp_kind want, double lam0, double lam1)
{
	struct objective *o = make_objective(src);
	int n = objective_dim(o);
	double h[4], lambda[2] = { NAN, NAN };
	enum cp_kind got;

	hessian_at(o, x, y, h);
	got = analysis_classify(n, h, lambda);
	cr_expect_eq(got, want, "%s at (%g, %g): expected %s, got %s", src, x, y, cp_kind_name(want),
		     cp_kind_name(got));
	cr_expect(fabs(lambda[0] - lam0) <= 1e-12 && (n == 1 || fabs(lambda[1] - lam1) <= 1e-12),
		  "%s at (%g, %g): eigenvalues expected (%g, %g), got (%g, %g)", src, x, y, lam0,
		  n == 1 ? NAN : lam1, lambda[0], n == 1 ? NAN : lambda[1]);
	objective_free(o);
}

Test(analysis, classify)
{
	expect_kind("x^2 + y^2", 0, 0, CP_MINIMUM, 2, 2);
	expect_kind("-(x^2 + y^2)", 0, 0, CP_MAXIMUM, -2, -2);
	expect_kind("x^2 - y^2", 0, 0, CP_SADDLE, -2, 2);
	expect_kind("x^4", 0, 0, CP_DEGENERATE, 0, 0);
	expect_kind("x^3 - 3*x*y^2", 0, 0, CP_DEGENERATE, 0, 0);
	expect_kind("x^2 + y^4", 0, 0, CP_DEGENERATE, 0, 2);
	expect_kind("x^4 - 8*x^2 + 5", 2, 0, CP_MINIMUM, 32, 0);
	expect_kind("x^4 - 8*x^2 + 5", 0, 0, CP_MAXIMUM, -16, 0);
	/* (x-1)^2 + 3(y+2)^2 + xy: H = [[2,1],[1,6]], eigenvalues 4 -+ sqrt(5) */
	expect_kind("(x-1)^2 + 3*(y+2)^2 + x*y", 24.0 / 11, -26.0 / 11, CP_MINIMUM,
		    4 - sqrt(5), 4 + sqrt(5));
}

Test(analysis, classify_matrices)
{
	/* a zero eigenvalue among two signs is still a saddle */
	double h3[9] = { 2, 0, 0, 0, -3, 0, 0, 0, 0 }, lam3[3];
	/* tiny against the largest: zero within 1e-7 * max(1, |largest|) */
	double h2[4] = { 1e6, 0, 0, 1e-3 }, lam2[2];
	double h1[1] = { 5e-8 }, lam1[1];
	enum cp_kind k;

	k = analysis_classify(3, h3, lam3);
	cr_expect_eq(k, CP_SADDLE, "diag(2, -3, 0): expected saddle, got %s", cp_kind_name(k));
	cr_expect(lam3[0] == -3 && lam3[1] == 0 && lam3[2] == 2,
		  "diag(2, -3, 0): eigenvalues expected (-3, 0, 2), got (%g, %g, %g)", lam3[0], lam3[1], lam3[2]);
	k = analysis_classify(2, h2, lam2);
	cr_expect_eq(k, CP_DEGENERATE, "diag(1e6, 1e-3): expected degenerate (1e-3 <= 1e-7 * 1e6), got %s",
		     cp_kind_name(k));
	k = analysis_classify(1, h1, lam1);
	cr_expect_eq(k, CP_DEGENERATE, "(5e-8): expected degenerate (below 1e-7), got %s", cp_kind_name(k));
	h1[0] = 2e-7;
	k = analysis_classify(1, h1, lam1);
	cr_expect_eq(k, CP_MINIMUM, "(2e-7): expected minimum (above 1e-7), got %s", cp_kind_name(k));
	cr_expect_str_eq(cp_kind_name(CP_MINIMUM), "minimum", "cp_kind_name(CP_MINIMUM): expected \"minimum\", got \"%s\"",
			 cp_kind_name(CP_MINIMUM));
	cr_expect_str_eq(cp_kind_name(CP_SADDLE), "saddle", "cp_kind_name(CP_SADDLE): expected \"saddle\", got \"%s\"",
			 cp_kind_name(CP_SADDLE));
}

/* Finds the critical points, at most 32. */
static int
critical(struct objective *o, const struct region *r, struct critical_point *cp)
{
	int n = analysis_critical_points(o, r, 0, cp, 32);

	cr_assert(n >= 0 && n <= 32, "analysis_critical_points: expected 0 to 32 points, got %d", n);
	return n;
}

Test(analysis, critical_points_1d)
{
	struct objective *o = make_objective(W_SHAPE);
	struct region r = region1(-3, 3);
	struct critical_point cp[32];
	static const double x[3] = { -2, 0, 2 }, f[3] = { -11, 5, -11 };
	static const enum cp_kind kind[3] = { CP_MINIMUM, CP_MAXIMUM, CP_MINIMUM };
	int n = critical(o, &r, cp), i;

	cr_assert_eq(n, 3, "%s on [-3,3]: expected exactly 3 critical points, got %d", W_SHAPE, n);
	for (i = 0; i < 3; i++) {
		cr_expect(fabs(cp[i].x[0] - x[i]) <= 1e-10, "point %d: expected x = %g, got %.17g",
			  i, x[i], cp[i].x[0]);
		cr_expect(fabs(cp[i].f - f[i]) <= 1e-10, "point %d: expected f = %g, got %.17g",
			  i, f[i], cp[i].f);
		cr_expect_eq(cp[i].kind, kind[i], "point %d (x = %g): expected %s, got %s", i, x[i],
			     cp_kind_name(kind[i]), cp_kind_name(cp[i].kind));
		cr_expect_eq(cp[i].global, kind[i] == CP_MINIMUM,
			     "point %d (x = %g): global expected %d, got %d", i, x[i],
			     kind[i] == CP_MINIMUM, cp[i].global);
		/* f'' = 12x^2 - 16 by hand */
		cr_expect(fabs(cp[i].lambda[0] - (12 * x[i] * x[i] - 16)) <= 1e-8,
			  "point %d: eigenvalue expected f'' = %g, got %.17g", i, 12 * x[i] * x[i] - 16,
			  cp[i].lambda[0]);
	}
	objective_free(o);
}

/* Himmelblau's gradient and Hessian by hand. */
static void
himmelblau_derivs(double x, double y, double *g, double *h)
{
	double a = x * x + y - 11, b = x + y * y - 7;

	g[0] = 4 * x * a + 2 * b;
	g[1] = 2 * a + 4 * y * b;
	h[0] = 12 * x * x + 4 * y - 42;
	h[1] = h[2] = 4 * x + 4 * y;
	h[3] = 4 * x + 12 * y * y - 26;
}

Test(analysis, critical_points_himmelblau)
{
	struct objective *o = make_objective(HIMMELBLAU);
	struct region r = region2(-5, 5);
	struct critical_point cp[32];
	/* the four minima (the literature's values, 6 digits) */
	static const double minima[4][2] = {
		{ 3, 2 }, { -2.805118, 3.131312 }, { -3.779310, -3.283186 }, { 3.584428, -1.848126 },
	};
	int n = critical(o, &r, cp), i, j, counts[4] = { 0, 0, 0, 0 }, exact32 = 0;

	cr_assert_eq(n, 9, "Himmelblau on [-5,5]^2: expected 9 critical points, got %d", n);
	for (i = 0; i < n; i++) {
		double g[2], h[4], det, tr;
		enum cp_kind want;
		counts[cp[i].kind]++;
		himmelblau_derivs(cp[i].x[0], cp[i].x[1], g, h);
		cr_expect(hypot(g[0], g[1]) <= 1e-8, "point %d (%g, %g): expected a zero gradient, got (%g, %g)",
			  i, cp[i].x[0], cp[i].x[1], g[0], g[1]);
		cr_expect(fabs(cp[i].f - himmelblau(cp[i].x[0], cp[i].x[1])) <= 1e-9,
			  "point %d: f expected %.17g, got %.17g", i, himmelblau(cp[i].x[0], cp[i].x[1]), cp[i].f);
		det = h[0] * h[3] - h[1] * h[2];
		tr = h[0] + h[3];
		want = det < 0 ? CP_SADDLE : tr > 0 ? CP_MINIMUM : CP_MAXIMUM;
		cr_expect_eq(cp[i].kind, want, "point %d (%g, %g): expected %s (det %g, trace %g), got %s",
			     i, cp[i].x[0], cp[i].x[1], cp_kind_name(want), det, tr, cp_kind_name(cp[i].kind));
		cr_expect_eq(cp[i].global, cp[i].kind == CP_MINIMUM,
			     "point %d (%g, %g): global expected %d (all minima are 0), got %d",
			     i, cp[i].x[0], cp[i].x[1], cp[i].kind == CP_MINIMUM, cp[i].global);
		if (cp[i].kind == CP_MINIMUM)
			cr_expect(fabs(cp[i].f) <= 1e-10, "minimum %d (%g, %g): expected f = 0, got %g",
				  i, cp[i].x[0], cp[i].x[1], cp[i].f);
		if (fabs(cp[i].x[0] - 3) <= 1e-10 && fabs(cp[i].x[1] - 2) <= 1e-10)
			exact32++;
		if (i > 0)
			cr_expect(cp[i - 1].x[0] < cp[i].x[0] ||
				  (cp[i - 1].x[0] == cp[i].x[0] && cp[i - 1].x[1] < cp[i].x[1]),
				  "points %d and %d: expected sorted by x then y, got (%g, %g) before (%g, %g)",
				  i - 1, i, cp[i - 1].x[0], cp[i - 1].x[1], cp[i].x[0], cp[i].x[1]);
	}
	cr_expect_eq(counts[CP_MINIMUM], 4, "expected 4 minima, got %d", counts[CP_MINIMUM]);
	cr_expect_eq(counts[CP_SADDLE], 4, "expected 4 saddles, got %d", counts[CP_SADDLE]);
	cr_expect_eq(counts[CP_MAXIMUM], 1, "expected 1 maximum, got %d", counts[CP_MAXIMUM]);
	cr_expect_eq(counts[CP_DEGENERATE], 0, "expected no degenerate point, got %d", counts[CP_DEGENERATE]);
	cr_expect_eq(exact32, 1, "expected (3, 2) within 1e-10 once, got it %d times", exact32);
	for (j = 0; j < 4; j++) {
		int hits = 0;
		for (i = 0; i < n; i++)
			hits += cp[i].kind == CP_MINIMUM && fabs(cp[i].x[0] - minima[j][0]) <= 1e-6 &&
				fabs(cp[i].x[1] - minima[j][1]) <= 1e-6;
		cr_expect_eq(hits, 1, "minimum (%g, %g): expected once within 1e-6, got %d times",
			     minima[j][0], minima[j][1], hits);
	}
	objective_free(o);
}

/* Exactly one point, at the origin within 1e-6, of kind want. */
static void
expect_single(const char *src, const struct region *r, enum cp_kind want)
{
	struct objective *o = make_objective(src);
	struct critical_point cp[32];
	int n = critical(o, r, cp);

	cr_expect_eq(n, 1, "%s: expected exactly 1 critical point, got %d", src, n);
	if (n >= 1) {
		cr_expect(fabs(cp[0].x[0]) <= 1e-6 && fabs(cp[0].x[1]) <= 1e-6,
			  "%s: expected the point (0, 0) within 1e-6, got (%g, %g)", src, cp[0].x[0], cp[0].x[1]);
		cr_expect_eq(cp[0].kind, want, "%s: expected %s, got %s", src, cp_kind_name(want),
			     cp_kind_name(cp[0].kind));
		cr_expect_eq(cp[0].global, 0, "%s: global expected 0 (a %s is no minimum), got %d",
			     src, cp_kind_name(want), cp[0].global);
	}
	objective_free(o);
}

Test(analysis, critical_points_single)
{
	struct region r1 = region1(-1, 1), r2 = region2(-1, 1);

	expect_single("x^2 - y^2", &r2, CP_SADDLE);
	expect_single("x^4", &r1, CP_DEGENERATE);
	expect_single("x^3 - 3*x*y^2", &r2, CP_DEGENERATE);
}

Test(analysis, critical_points_limits)
{
	struct objective *o = make_objective(HIMMELBLAU), *o3 = make_objective("x^2 + y^2 + z^2");
	struct region r = region2(-5, 5);
	struct critical_point cp[3];
	int n;

	memset(cp, 0, sizeof cp);
	cp[2].f = 12345;
	n = analysis_critical_points(o, &r, 0, cp, 2);
	cr_expect_eq(n, 9, "max 2: expected the count of all points, 9, got %d", n);
	cr_expect_eq(cp[2].f, 12345, "max 2: expected cp[2] untouched, got f = %g", cp[2].f);
	n = analysis_critical_points(o3, &r, 0, cp, 3);
	cr_expect_eq(n, -1, "3 variables: expected -1, got %d", n);
	objective_free(o);
	objective_free(o3);
}

#define RASTRIGIN "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"

/* The roots of Rastrigin's 1D part 2x + 20 pi sin(2 pi x) on [-5, 5], by bisection. */
static int
rastrigin_roots(double *root)
{
	int n = 0, i;

	for (i = 0; i < 4000; i++) {
		double a = -5 + i * 0.0025, b = a + 0.0025, k;
#define RG(t) (2 * (t) + 20 * M_PI * sin(2 * M_PI * (t)))
		if (RG(a) == 0 || RG(a) * RG(b) > 0)
			continue;
		for (k = 0; k < 80; k++) {
			double m = (a + b) / 2;
			if (RG(a) * RG(m) <= 0)
				b = m;
			else
				a = m;
		}
		root[n++] = (a + b) / 2;
#undef RG
	}
	return n;
}

Test(analysis, search_rastrigin_finds_all)
{
	struct objective *o = make_objective(RASTRIGIN);
	struct region r = region2(-5, 5);
	struct cp_search s;
	double root[64];
	int nr = rastrigin_roots(root), i, j, q, globals = 0;

	cr_assert_eq(nr, 21, "expected 21 roots of the 1D part by bisection, got %d", nr);
	cr_assert_eq(analysis_critical_search(o, &r, NULL, &s), 441,
		     "Rastrigin on [-5,5]^2: expected 441 critical points, got %d", s.found);
	cr_expect(s.conclusive, "expected a conclusive search (stop %d after %d grids)", s.stop,
		  s.passes);
	cr_expect_eq(s.sign_changes[0], 21, "the probe: expected 21 sign changes of df/dx "
		     "along a row, got %d", s.sign_changes[0]);
	cr_expect(s.work <= CP_BUDGET, "work %lld over the budget %lld", s.work, CP_BUDGET);
	/* every pair of roots, once, and (0, 0) the one global minimum */
	for (i = 0; i < nr; i++)
		for (j = 0; j < nr; j++) {
			int hits = 0;
			for (q = 0; q < s.found; q++)
				hits += fabs(s.cp[q].x[0] - root[i]) <= 1e-9 &&
					fabs(s.cp[q].x[1] - root[j]) <= 1e-9;
			cr_expect_eq(hits, 1, "(%.6f, %.6f): expected once within 1e-9, got %d",
				     root[i], root[j], hits);
		}
	for (q = 0; q < s.found; q++)
		if (s.cp[q].global == 1) {
			globals++;
			cr_expect(fabs(s.cp[q].x[0]) <= 1e-12 && fabs(s.cp[q].x[1]) <= 1e-12 &&
				  fabs(s.cp[q].f) <= 1e-12, "the global minimum: expected (0, 0) "
				  "with f = 0, got (%g, %g), f = %g", s.cp[q].x[0], s.cp[q].x[1],
				  s.cp[q].f);
		}
	cr_expect_eq(globals, 1, "expected one global minimum, got %d", globals);
	cp_search_free(&s);
	objective_free(o);
}

Test(analysis, search_sin_finds_all)
{
	struct objective *o = make_objective("sin(x)");
	struct region r = region1(-1000, 1000);
	struct cp_search s;
	int q;

	cr_assert_eq(analysis_critical_search(o, &r, NULL, &s), 636,
		     "sin on [-1000,1000]: expected 636 critical points (pi/2 + k pi, k = -318 "
		     "to 317), got %d", s.found);
	cr_expect(s.conclusive, "expected a conclusive search");
	/* the probe's one row of 16385 points goes through in several chunks;
	 * cos changes sign at each of the 636 points */
	cr_expect_eq(s.sign_changes[0], 636, "the probe: expected 636 sign changes of cos, "
		     "got %d", s.sign_changes[0]);
	for (q = 0; q < s.found; q++) {
		double want = M_PI / 2 + (q - 318) * M_PI;
		cr_expect(fabs(s.cp[q].x[0] - want) <= 1e-9, "point %d: expected %.12g, got %.12g",
			  q, want, s.cp[q].x[0]);
		/* sin(pi/2 - 318 pi) = 1: a maximum first */
		cr_expect_eq(s.cp[q].kind, q % 2 ? CP_MINIMUM : CP_MAXIMUM,
			     "point %d: expected a %s", q, q % 2 ? "minimum" : "maximum");
		/* every minimum is -1: all global */
		cr_expect_eq(s.cp[q].global, q % 2, "point %d: global expected %d, got %d",
			     q, q % 2, s.cp[q].global);
	}
	cp_search_free(&s);
	objective_free(o);
}

/*
 * The probe counts sign changes along every row and every column of a
 * 257 x 257 grid that the evaluator sees in pieces: df/dx = -sin(x)
 * changes sign at k pi, 13 times in [-20, 20]; df/dy = -3 sin(3y) at
 * k pi / 3, 39 times.
 */
Test(analysis, search_probe_counts_lines)
{
	struct objective *o = make_objective("cos(x) + cos(3*y)");
	struct region r = region2(-20, 20);
	struct cp_options opt = { 0, 1 };       /* the probe, then out of budget */
	struct cp_search s;

	analysis_critical_search(o, &r, &opt, &s);
	cr_expect_eq(s.sign_changes[0], 13, "df/dx along a row: expected 13 sign changes, got %d",
		     s.sign_changes[0]);
	cr_expect_eq(s.sign_changes[1], 39, "df/dy along a column: expected 39 sign changes, "
		     "got %d", s.sign_changes[1]);
	cp_search_free(&s);
	objective_free(o);
}

/* The lowest point of the 201 x 201 grid, far into it, and where it is. */
Test(analysis, region_min_where)
{
	struct objective *o = make_objective("(x - 3)^2 + (y + 2)^2 + 1");
	struct objective *o1 = make_objective("(x + 4.5)^2 - 2");
	struct region r = region2(-5, 5), r1 = region1(-5, 5);
	double where[2] = { NAN, NAN };

	cr_expect_eq(analysis_region_min(o, &r, where), 1);
	cr_expect(where[0] == 3 && where[1] == -2, "expected (3, -2), got (%g, %g)", where[0],
		  where[1]);
	cr_expect_eq(analysis_region_min(o1, &r1, where), -2);
	cr_expect(where[0] == -4.5 && where[1] == 0, "expected (-4.5, 0), got (%g, %g)",
		  where[0], where[1]);
	objective_free(o);
	objective_free(o1);
}

/* A curve of critical points: each denser grid finds new ones. */
Test(analysis, search_curve_is_not_conclusive)
{
	struct objective *o = make_objective("(x - y)^2 + x^3 - x^3");
	struct region r = region2(-1, 1);
	struct cp_search s;
	int q;

	cr_assert_gt(analysis_critical_search(o, &r, NULL, &s), 100,
		     "(x-y)^2: expected many points of the line x = y, got %d", s.found);
	cr_expect(!s.conclusive, "expected a search that is not conclusive");
	cr_expect_eq(s.stop, CP_STOP_SIZE, "expected the size cap to end it, got stop %d", s.stop);
	cr_expect_eq(s.nx, 512, "expected the last grid at the cap, 512, got %d", s.nx);
	for (q = 0; q < s.found; q++)
		cr_expect(fabs(s.cp[q].x[0] - s.cp[q].x[1]) <= 1e-9, "point %d (%g, %g) is not on "
			  "the line x = y", q, s.cp[q].x[0], s.cp[q].x[1]);
	cp_search_free(&s);
	objective_free(o);
}

/* Too small a budget: not conclusive, and no minimum called global. */
Test(analysis, search_budget)
{
	struct objective *o = make_objective(W_SHAPE);
	struct region r = region1(-3, 3);
	struct cp_options opt = { 0, 17000 };
	struct cp_search s;
	int q;

	analysis_critical_search(o, &r, &opt, &s);
	cr_expect_eq(s.stop, CP_STOP_BUDGET, "a budget of 17000: expected it to run out, stop %d",
		     s.stop);
	cr_expect(!s.conclusive, "expected a search that is not conclusive");
	cr_expect(s.work <= 17000, "work %lld over the budget 17000", s.work);
	for (q = 0; q < s.found; q++)
		cr_expect(s.cp[q].global != 1, "point %d: called global by a search that is not "
			  "conclusive", q);
	cp_search_free(&s);
	opt.budget = 0;
	analysis_critical_search(o, &r, &opt, &s);
	cr_expect(s.conclusive && s.found == 3, "the default budget: expected 3 points, "
		  "conclusive, got %d (conclusive %d)", s.found, s.conclusive);
	cr_expect_eq(s.cp[0].global + s.cp[2].global, 2, "the two wells: expected both global");
	cp_search_free(&s);
	objective_free(o);
}

/* The counts agree with the sign map and sum to its size. */
static void
check_counts(const struct convexity *c, const char *src)
{
	size_t tally[6] = { 0, 0, 0, 0, 0, 0 }, sum = 0, i, m = (size_t)c->nx * (size_t)c->ny;
	int s;

	cr_assert_not_null(c->sign, "%s: expected a sign map, got NULL", src);
	for (i = 0; i < m; i++) {
		cr_assert(c->sign[i] <= HESS_UNDEFINED, "%s: sign[%zu]: expected a hess_sign, got %d",
			  src, i, c->sign[i]);
		tally[c->sign[i]]++;
	}
	for (s = 0; s < 6; s++) {
		cr_expect_eq(c->counts[s], tally[s], "%s: counts[%s]: expected %zu (the map), got %zu",
			     src, hess_sign_name((enum hess_sign)s), tally[s], c->counts[s]);
		sum += c->counts[s];
	}
	cr_expect_eq(sum, m, "%s: counts: expected a sum of nx*ny = %zu, got %zu", src, m, sum);
}

/* The chord breaks Jensen's inequality for f, by hand, with both ends in r. */
static void
check_chord(const struct convexity *c, const struct region *r, double (*f)(double, double),
	    const char *src)
{
	double a = c->alpha, m[2], lhs, rhs;
	int k;

	cr_assert(c->has_chord, "%s: not convex: expected a chord, got none", src);
	cr_expect(a > 0 && a < 1, "%s: chord: expected alpha in (0, 1), got %g", src, a);
	for (k = 0; k < r->n; k++) {
		cr_expect(c->p[k] >= r->lo[k] && c->p[k] <= r->hi[k],
			  "%s: chord: p[%d] expected in [%g, %g], got %g", src, k, r->lo[k], r->hi[k], c->p[k]);
		cr_expect(c->q[k] >= r->lo[k] && c->q[k] <= r->hi[k],
			  "%s: chord: q[%d] expected in [%g, %g], got %g", src, k, r->lo[k], r->hi[k], c->q[k]);
	}
	cr_expect(c->lhs > c->rhs, "%s: chord: expected printed lhs > rhs, got %.17g <= %.17g",
		  src, c->lhs, c->rhs);
	m[0] = a * c->p[0] + (1 - a) * c->q[0];
	m[1] = r->n == 2 ? a * c->p[1] + (1 - a) * c->q[1] : 0;
	lhs = f(m[0], m[1]);
	rhs = a * f(c->p[0], r->n == 2 ? c->p[1] : 0) + (1 - a) * f(c->q[0], r->n == 2 ? c->q[1] : 0);
	cr_expect(lhs > rhs, "%s: chord p = (%g, %g), q = (%g, %g), alpha %g: expected "
		  "f(a p + (1-a) q) > a f(p) + (1-a) f(q) by hand, got %.17g <= %.17g",
		  src, c->p[0], c->p[1], c->q[0], c->q[1], a, lhs, rhs);
	cr_expect(fabs(lhs - c->lhs) <= 1e-12 * fmax(1, fabs(lhs)) &&
		  fabs(rhs - c->rhs) <= 1e-12 * fmax(1, fabs(rhs)),
		  "%s: chord: printed sides expected (%.17g, %.17g) (by hand), got (%.17g, %.17g)",
		  src, lhs, rhs, c->lhs, c->rhs);
}

Test(analysis, convex_bowl)
{
	struct objective *o = make_objective("x^2 + y^2");
	struct region r = region2(-2, 2);
	struct convexity c;
	int rc = analysis_convexity(o, &r, 11, 11, &c);

	cr_assert_eq(rc, 0, "x^2 + y^2: expected 0, got %d", rc);
	cr_expect(c.nx == 11 && c.ny == 11, "expected an 11 x 11 grid, got %d x %d", c.nx, c.ny);
	cr_expect_eq(c.convex, 1, "x^2 + y^2: expected convex, got %d", c.convex);
	cr_expect_eq(c.has_chord, 0, "x^2 + y^2: expected no chord, got one");
	cr_expect_eq(c.counts[HESS_POSDEF], 121, "x^2 + y^2: expected 121 positive definite points, got %zu",
		     c.counts[HESS_POSDEF]);
	check_counts(&c, "x^2 + y^2");
	free(c.sign);
	objective_free(o);
}

/* x^4 on [-2, 2], 41 points: 12x^2 > 0 but at x = 0 (exactly on the grid). */
Test(analysis, convex_quartic)
{
	struct objective *o = make_objective("x^4");
	struct region r = region1(-2, 2);
	struct convexity c;
	int rc = analysis_convexity(o, &r, 41, 41, &c);

	cr_assert_eq(rc, 0, "x^4: expected 0, got %d", rc);
	cr_expect(c.nx == 41 && c.ny == 1, "1D: expected a 41 x 1 grid, got %d x %d", c.nx, c.ny);
	cr_expect_eq(c.convex, 1, "x^4: expected convex (PSD), got %d", c.convex);
	cr_expect_eq(c.has_chord, 0, "x^4: expected no chord, got one");
	cr_expect_eq(c.counts[HESS_POSSEMI], 1, "x^4: expected 1 semidefinite point (x = 0), got %zu",
		     c.counts[HESS_POSSEMI]);
	cr_expect_eq(c.sign[20], HESS_POSSEMI, "x^4 at x = 0: expected %s, got %s",
		     hess_sign_name(HESS_POSSEMI), hess_sign_name((enum hess_sign)c.sign[20]));
	cr_expect_eq(c.counts[HESS_POSDEF], 40, "x^4: expected 40 positive definite points, got %zu",
		     c.counts[HESS_POSDEF]);
	check_counts(&c, "x^4");
	free(c.sign);
	objective_free(o);
}

/*
 * No verdict where (almost) nothing is finite: sqrt(-x^2-1) is nan
 * everywhere, x^4 and x^4 - x^2 overflow on [-1e300, 1e300] (the second
 * to nan, inf - inf, in f), x^2 + y^2 overflows in 2D; sqrt(x) is nan on
 * half of [-5, 5] only and is not convex there.
 */
Test(analysis, convexity_without_verdict)
{
	static const struct {
		const char *f;
		double lo, hi;
		enum convexity_verdict want;
	} cases[] = {
		{ "sqrt(-x^2-1)", -5, 5, CONVEXITY_UNDEFINED },
		{ "log(-1-abs(x))", -5, 5, CONVEXITY_UNDEFINED },
		{ "x^4", -1e300, 1e300, CONVEXITY_OVERFLOW },
		{ "x^4 - x^2", -1e300, 1e300, CONVEXITY_OVERFLOW },
		{ "x^2 + y^2", -1e300, 1e300, CONVEXITY_OVERFLOW },
		{ "sqrt(-x^2-y^2-1)", -5, 5, CONVEXITY_UNDEFINED },
		{ "sqrt(x)", -5, 5, CONVEXITY_NOT_CONVEX },
		{ "x^4", -2, 2, CONVEXITY_CONVEX },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct objective *o = make_objective(cases[i].f);
		int n = objective_dim(o);
		struct region r = { n, { cases[i].lo, cases[i].lo }, { cases[i].hi, cases[i].hi } };
		struct convexity c;
		int rc = analysis_convexity(o, &r, n == 1 ? 401 : 61, 61, &c);

		cr_assert_eq(rc, 0, "%s: expected 0, got %d", cases[i].f, rc);
		cr_expect_eq(c.verdict, cases[i].want, "%s: expected '%s', got '%s'", cases[i].f,
			     convexity_verdict_name(cases[i].want), convexity_verdict_name(c.verdict));
		cr_expect_eq(c.convex, cases[i].want == CONVEXITY_CONVEX, "%s: convex is %d",
			     cases[i].f, c.convex);
		check_counts(&c, cases[i].f);
		free(c.sign);
		objective_free(o);
	}
}

Test(analysis, not_convex_w_shape)
{
	struct objective *o = make_objective(W_SHAPE);
	struct region r = region1(-3, 3);
	struct convexity c;
	int rc = analysis_convexity(o, &r, 61, 0, &c), i;

	cr_assert_eq(rc, 0, "%s: expected 0, got %d", W_SHAPE, rc);
	cr_expect_eq(c.convex, 0, "%s on [-3,3]: expected not convex, got convex", W_SHAPE);
	check_chord(&c, &r, w_shape, W_SHAPE);
	check_counts(&c, W_SHAPE);
	/* the map: f'' = 12x^2 - 16 by hand, at x_i = -3 + 6i/60 (none near the roots +-1.1547) */
	for (i = 0; i < c.nx; i++) {
		double x = -3 + 6.0 * i / 60, h = 12 * x * x - 16;
		enum hess_sign want = h > 0 ? HESS_POSDEF : HESS_NEGDEF;
		cr_expect_eq(c.sign[i], want, "%s: sign at x = %g: expected %s (f'' = %g), got %s", W_SHAPE,
			     x, hess_sign_name(want), h, hess_sign_name((enum hess_sign)c.sign[i]));
	}
	free(c.sign);
	objective_free(o);
}

Test(analysis, not_convex_saddle)
{
	struct objective *o = make_objective("x^2 - y^2");
	struct region r = region2(-1, 1);
	struct convexity c;
	int rc = analysis_convexity(o, &r, 9, 7, &c);

	cr_assert_eq(rc, 0, "x^2 - y^2: expected 0, got %d", rc);
	cr_expect(c.nx == 9 && c.ny == 7, "expected a 9 x 7 grid, got %d x %d", c.nx, c.ny);
	cr_expect_eq(c.convex, 0, "x^2 - y^2: expected not convex, got convex");
	cr_expect_eq(c.counts[HESS_INDEFINITE], 63, "x^2 - y^2: expected 63 indefinite points, got %zu",
		     c.counts[HESS_INDEFINITE]);
	check_chord(&c, &r, saddle, "x^2 - y^2");
	check_counts(&c, "x^2 - y^2");
	free(c.sign);
	objective_free(o);
}

Test(analysis, convexity_refuses_three_variables)
{
	struct objective *o = make_objective("x^2 + y^2 + z^2");
	struct region r = region2(-1, 1);
	struct convexity c;
	int rc = analysis_convexity(o, &r, 5, 5, &c);

	cr_expect_eq(rc, -1, "3 variables: expected -1, got %d", rc);
	objective_free(o);
}

/* The labels of a basin map: valid minima or one of the codes. */
static void
check_labels(const int *label, size_t m, const struct critical_point *cp, int ncp, const char *src)
{
	size_t i;

	for (i = 0; i < m; i++) {
		int l = label[i];
		if (l >= 0)
			cr_expect(l < ncp && cp[l].kind == CP_MINIMUM,
				  "%s: label[%zu]: expected the index of a minimum among %d points, got %d",
				  src, i, ncp, l);
		else
			cr_expect(l == BASIN_DIVERGED || l == BASIN_NOT_CONVERGED || l == BASIN_OTHER,
				  "%s: label[%zu]: expected a minimum or -1, -2, -3, got %d", src, i, l);
	}
}

Test(analysis, basins_himmelblau)
{
	struct objective *o = make_objective(HIMMELBLAU);
	struct region r = region2(-5, 5);
	struct critical_point cp[32];
	struct run_config c;
	int n = critical(o, &r, cp), label[400], i, rc, seen[32] = { 0 };

	cr_assert_eq(n, 9, "Himmelblau: expected 9 critical points, got %d", n);
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.01;
	c.max_steps = 1000;
	rc = analysis_basins(o, &r, 20, 20, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	check_labels(label, 400, cp, n, "Himmelblau");
	for (i = 0; i < 400; i++)
		if (label[i] >= 0)
			seen[label[i]] = 1;
	/* the cell that holds each minimum (cells 0.5 wide from -5) starts there */
	for (i = 0; i < n; i++) {
		int ix, iy;
		if (cp[i].kind != CP_MINIMUM)
			continue;
		cr_expect(seen[i], "minimum %d (%g, %g): expected some start to reach it, got none",
			  i, cp[i].x[0], cp[i].x[1]);
		ix = (int)floor((cp[i].x[0] + 5) / 0.5);
		iy = (int)floor((cp[i].x[1] + 5) / 0.5);
		cr_expect_eq(label[iy * 20 + ix], i,
			     "the start (%g, %g) in the cell of minimum %d (%g, %g): expected label %d, got %d",
			     -5 + 0.5 * (ix + 0.5), -5 + 0.5 * (iy + 0.5), i, cp[i].x[0], cp[i].x[1], i,
			     label[iy * 20 + ix]);
	}
	objective_free(o);
}

/* x^4 - 8x^2 + 5 on [-3, 3], 12 starts at -2.75, -2.25, ..., 2.75. */
Test(analysis, basins_1d)
{
	struct objective *o = make_objective(W_SHAPE);
	struct region r = region1(-3, 3);
	struct critical_point cp[32];
	struct run_config c;
	int n = critical(o, &r, cp), label[12], i, rc;

	cr_assert_eq(n, 3, "expected 3 critical points, got %d", n);
	cr_assert(fabs(cp[0].x[0] + 2) < 1e-9 && fabs(cp[2].x[0] - 2) < 1e-9,
		  "expected the minima -2 and 2 at indices 0 and 2, got %g and %g", cp[0].x[0], cp[2].x[0]);
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.01;
	rc = analysis_basins(o, &r, 12, 5, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	for (i = 0; i < 12; i++) {
		double x = -3 + 0.5 * (i + 0.5);
		int want = x < 0 ? 0 : 2;
		cr_expect_eq(label[i], want, "start x = %g: expected the minimum at %d (index %d), got label %d",
			     x, want == 0 ? -2 : 2, want, label[i]);
	}

	/* lr 1: from 2.75, x1 = 2.75 - (4*2.75^3 - 16*2.75) = -36.4, and on it goes */
	c.params.lr = 1;
	rc = analysis_basins(o, &r, 12, 1, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	check_labels(label, 12, cp, n, W_SHAPE);
	cr_expect_eq(label[0], BASIN_DIVERGED, "lr 1, start -2.75: expected BASIN_DIVERGED, got %d", label[0]);
	cr_expect_eq(label[11], BASIN_DIVERGED, "lr 1, start 2.75: expected BASIN_DIVERGED, got %d", label[11]);

	/* two steps of lr 0.01 reach no minimum */
	c.params.lr = 0.01;
	c.max_steps = 2;
	rc = analysis_basins(o, &r, 12, 1, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	for (i = 0; i < 12; i++)
		cr_expect_eq(label[i], BASIN_NOT_CONVERGED,
			     "2 steps, start %g: expected BASIN_NOT_CONVERGED, got %d", -2.75 + 0.5 * i, label[i]);
	objective_free(o);
}

/*
 * x^2 - y^2 on [-1,1]^2 with 3 rows at y = -2/3, 0, 2/3: the middle row
 * slides to the saddle (converged, but no minimum: BASIN_OTHER); the
 * others run off along y (|f| = y^2 passes 1e8 after about 490 steps of
 * y *= 1.02).
 */
Test(analysis, basins_other)
{
	struct objective *o = make_objective("x^2 - y^2");
	struct region r = region2(-1, 1);
	struct critical_point cp[32];
	struct run_config c;
	int n = critical(o, &r, cp), label[15], i, rc;

	cr_assert_eq(n, 1, "x^2 - y^2: expected 1 critical point, got %d", n);
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.01;
	rc = analysis_basins(o, &r, 5, 3, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	for (i = 0; i < 15; i++) {
		int want = i / 5 == 1 ? BASIN_OTHER : BASIN_DIVERGED;
		cr_expect_eq(label[i], want, "x^2 - y^2, start (%g, %g): expected %d, got %d",
			     -1 + 0.4 * (i % 5 + 0.5), -1 + 2.0 / 3 * (i / 5 + 0.5), want, label[i]);
	}
	objective_free(o);
}

/*
 * The basins agree with runs of each start alone: labelled from the final
 * point by the documented rule (the nearest minimum within 1e-3 of the
 * region's size, else the outcome).  On [-10, 10] the outer starts
 * diverge early while the inner ones still run.
 */
Test(analysis, basins_match_single_runs)
{
	struct objective *o = make_objective(W_SHAPE);
	struct region r = region1(-10, 10);
	struct critical_point cp[32];
	struct run_config c;
	int n = critical(o, &r, cp), label[40], i, j, rc, diverged = 0;

	cr_assert_eq(n, 3, "expected 3 critical points, got %d", n);
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.01;
	rc = analysis_basins(o, &r, 40, 1, &c, cp, n, label);
	cr_assert_eq(rc, 0, "analysis_basins: expected 0, got %d", rc);
	for (i = 0; i < 40; i++) {
		double x = -10 + 0.5 * (i + 0.5), fin;
		struct diag err = { .message = "" };
		struct run *run = run_new(o, &c, &x, &err);
		enum run_outcome out;
		int want = -100;
		cr_assert_not_null(run, "run_new: expected a run, got NULL (%s)", err.message);
		out = run_all(run);
		fin = run_point(run)[0];
		if (out == RUN_DIVERGED) {
			want = BASIN_DIVERGED;
			diverged++;
		} else {
			for (j = 0; j < n; j++)
				if (cp[j].kind == CP_MINIMUM && fabs(fin - cp[j].x[0]) <= 1e-3 * 20)
					want = j;
			if (want == -100)
				want = out == RUN_MAX_STEPS ? BASIN_NOT_CONVERGED : BASIN_OTHER;
		}
		cr_expect_eq(label[i], want, "start x = %g: expected label %d (a run alone: %s at %g), got %d",
			     x, want, run_outcome_name(out), fin, label[i]);
		run_free(run);
	}
	cr_expect(diverged > 0 && diverged < 40,
		  "test setup: expected some but not all starts to diverge alone, got %d of 40", diverged);
	objective_free(o);
}

Test(analysis, basins_refuse_three_variables)
{
	struct objective *o = make_objective("x^2 + y^2 + z^2");
	struct region r = region2(-1, 1);
	struct run_config c;
	int label[4], rc;

	run_config_init(&c, &opt_gd);
	rc = analysis_basins(o, &r, 2, 2, &c, NULL, 0, label);
	cr_expect_eq(rc, -1, "3 variables: expected -1, got %d", rc);
	objective_free(o);
}

/* ---- the rates of a quadratic bowl ---- */

/* Steps of opt (lr, beta) from (1, 1) on o until |grad| < 1e-6; -1 if it diverged. */
static long
steps_to_converge(struct objective *o, const struct optimizer *opt, double lr, double beta)
{
	struct run_config c;
	struct diag err;
	double start[2] = { 1, 1 };
	struct run *r;
	long steps;

	run_config_init(&c, opt);
	c.params.lr = lr;
	c.params.beta = beta;
	c.max_steps = 5000;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "%s", err.message);
	run_all(r);
	steps = run_trajectory(r)->outcome == RUN_CONVERGED ? run_trajectory(r)->step
		: run_trajectory(r)->outcome == RUN_DIVERGED ? -1 : 100000;
	run_free(r);
	return steps;
}

Test(analysis, quadratic_rates_of_a_bowl)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct region r = region2(-5, 5);
	struct quadratic q;
	char why[200];
	double sk = sqrt(10.0);

	cr_assert_eq(analysis_quadratic(o, &r, &q, why, sizeof why), 0, "%s", why);
	cr_expect(fabs(q.lmin - 2) < 1e-12 && fabs(q.lmax - 20) < 1e-12,
		  "eigenvalues %g, %g", q.lmin, q.lmax);
	cr_expect(fabs(q.condition - 10) < 1e-12);
	cr_expect(fabs(q.gd_limit - 0.1) < 1e-15 && fabs(q.gd_best - 2.0 / 22) < 1e-15);
	cr_expect(fabs(q.hb_lr - pow(2 / (sqrt(2.0) + sqrt(20.0)), 2)) < 1e-15, "%.17g", q.hb_lr);
	cr_expect(fabs(q.hb_beta - pow((sk - 1) / (sk + 1), 2)) < 1e-15, "%.17g", q.hb_beta);
	objective_free(o);

	o = make_objective("3*x^2 - 2*x + 1");
	r = region1(-5, 5);
	cr_assert_eq(analysis_quadratic(o, &r, &q, why, sizeof why), 0, "%s", why);
	cr_expect(q.lmin == 6 && q.lmax == 6 && q.condition == 1 && q.hb_beta == 0);
	cr_expect(fabs(q.gd_limit - 1.0 / 3) < 1e-15 && fabs(q.gd_best - 1.0 / 6) < 1e-15);
	objective_free(o);
}

Test(analysis, quadratic_refuses_what_is_not_a_bowl)
{
	static const struct {
		const char *src;
		const char *why;
	} cases[] = {
		{ "x^4 + y^2", "the function is not a quadratic (its Hessian at (-5, -5) "
		  "differs from the one at the middle of the region)" },
		{ "x^2 - y^2", "the quadratic is not a bowl (its smallest curvature is -2), "
		  "so gradient descent has no such rates" },
		{ "x^2 + y^2 + z^2", "rates are proved for functions of one or two variables" },
	};
	struct region r = region2(-5, 5);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct objective *o = make_objective(cases[i].src);
		struct quadratic q;
		char why[200] = "";

		cr_expect_eq(analysis_quadratic(o, &r, &q, why, sizeof why), -1, "%s", cases[i].src);
		cr_expect_str_eq(why, cases[i].why, "%s", cases[i].src);
		objective_free(o);
	}
}

/*
 * The theory holds in the engine's own runs on x^2 + 10y^2 from (1, 1):
 * gradient descent converges just below 2/lmax and diverges just above,
 * is faster at 2/(lmin + lmax) than off it, momentum at its optimum
 * beats gradient descent's best and its own neighbours, and momentum
 * converges just below 2(1 + beta)/lmax and diverges just above.
 */
Test(analysis, quadratic_rates_hold_in_runs)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct region r = region2(-5, 5);
	struct quadratic q;
	char why[200];
	long gd, hb;

	cr_assert_eq(analysis_quadratic(o, &r, &q, why, sizeof why), 0, "%s", why);
	cr_expect_gt(steps_to_converge(o, &opt_gd, 0.98 * q.gd_limit, 0), 0);
	cr_expect_eq(steps_to_converge(o, &opt_gd, 1.02 * q.gd_limit, 0), -1);
	gd = steps_to_converge(o, &opt_gd, q.gd_best, 0);
	cr_expect(gd > 0 && gd < steps_to_converge(o, &opt_gd, 0.7 * q.gd_best, 0) &&
		  gd < steps_to_converge(o, &opt_gd, 1.05 * q.gd_best, 0), "gd best: %ld steps", gd);
	hb = steps_to_converge(o, &opt_momentum, q.hb_lr, q.hb_beta);
	cr_expect(hb > 0 && hb < gd, "momentum at its optimum: %ld steps, gd's best %ld", hb, gd);
	cr_expect_lt(hb, steps_to_converge(o, &opt_momentum, 0.7 * q.hb_lr, q.hb_beta));
	cr_expect_lt(hb, steps_to_converge(o, &opt_momentum, 0.9 * q.hb_lr, q.hb_beta));
	cr_expect_lt(hb, steps_to_converge(o, &opt_momentum, q.hb_lr, 0.6));
	cr_expect_lt(hb, steps_to_converge(o, &opt_momentum, q.hb_lr, 0.35));
	/* momentum's edge, 2(1 + beta)/lmax */
	cr_expect_gt(steps_to_converge(o, &opt_momentum, 0.98 * 1.5 * q.gd_limit, 0.5), 0);
	cr_expect_eq(steps_to_converge(o, &opt_momentum, 1.02 * 1.5 * q.gd_limit, 0.5), -1);
	cr_expect_gt(steps_to_converge(o, &opt_momentum, 0.98 * 1.9 * q.gd_limit, 0.9), 0);
	cr_expect_eq(steps_to_converge(o, &opt_momentum, 1.02 * 1.9 * q.gd_limit, 0.9), -1);
	objective_free(o);
}

/* ---- hyperparameter maps ---- */

Test(analysis, map_axis_values)
{
	struct map_axis lin = { OPT_PARAM_BETA, 0, 0.9, 10, 0 };
	struct map_axis lg = { OPT_PARAM_LR, 0.001, 1, 4, 1 };

	cr_expect(map_axis_value(&lin, 0) == 0 && map_axis_value(&lin, 9) == 0.9);
	cr_expect(fabs(map_axis_value(&lin, 3) - 0.3) < 1e-15);
	cr_expect(map_axis_value(&lg, 0) == 0.001 && map_axis_value(&lg, 3) == 1);
	cr_expect(fabs(map_axis_value(&lg, 1) - 0.01) < 1e-15 &&
		  fabs(map_axis_value(&lg, 2) - 0.1) < 1e-15, "%.17g %.17g",
		  map_axis_value(&lg, 1), map_axis_value(&lg, 2));
}

/*
 * Gradient descent's map on x^2 + 10y^2 from (1, 0.1), where both
 * directions start with the same gradient, lr every 0.005 from 0.0505:
 * the fastest cell is the one nearest 2/(lmin + lmax) = 2/22, and the
 * edge of divergence is 2/lmax = 0.1 to within a cell.  (Step counts are
 * flat near the optimum: at cells of 0.001 the fewest steps, 74, come at
 * 0.0895 and 0.0905 both.)
 */
Test(analysis, map_of_gradient_descent_finds_the_theory)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct map_axis lr = { OPT_PARAM_LR, 0.0505, 0.1205, 15, 0 };
	struct run_config c;
	struct map_result res;
	struct diag err;
	double start[2] = { 1, 0.1 };
	int i, ix = -1, iy = -1, first_div = -1;

	run_config_init(&c, &opt_gd);
	c.max_steps = 5000;
	cr_assert_eq(analysis_map(o, &c, start, &lr, NULL, &res, &err), 0, "%s", err.message);
	cr_assert(res.nx == 15 && res.ny == 1);
	cr_assert_gt(map_fastest(&res, &ix, &iy), 0);
	cr_expect(fabs(map_axis_value(&lr, ix) - 2.0 / 22) <= 0.0025 + 1e-12,
		  "the fastest cell is at lr %g, not the one nearest 2/22", map_axis_value(&lr, ix));
	for (i = 0; i < res.nx && first_div < 0; i++)
		if (res.outcome[i] == RUN_DIVERGED)
			first_div = i;
	cr_assert_geq(first_div, 1);
	cr_expect(map_axis_value(&lr, first_div) > 0.1 &&
		  map_axis_value(&lr, first_div - 1) < 0.1,
		  "the first diverging cell is at lr %g, after %g", map_axis_value(&lr, first_div),
		  map_axis_value(&lr, first_div - 1));
	for (i = 0; i < res.nx; i++)
		cr_expect_eq(res.outcome[i], i < first_div ? RUN_CONVERGED : RUN_DIVERGED,
			     "lr %g", map_axis_value(&lr, i));
	map_result_free(&res);
	objective_free(o);
}

/* Momentum's map: its fastest cell is within a cell of the heavy ball's optimum. */
Test(analysis, map_of_momentum_finds_the_theory)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct map_axis lr = { OPT_PARAM_LR, 0.01, 1, 41, 1 };
	struct map_axis beta = { OPT_PARAM_BETA, 0, 0.9, 19, 0 };
	struct region r = region2(-5, 5);
	struct run_config c;
	struct map_result res;
	struct quadratic q;
	struct diag err;
	double start[2] = { 1, 1 }, ratio = pow(100.0, 1.0 / 40);
	char why[200];
	int ix = -1, iy = -1;

	cr_assert_eq(analysis_quadratic(o, &r, &q, why, sizeof why), 0);
	run_config_init(&c, &opt_momentum);
	cr_assert_eq(analysis_map(o, &c, start, &lr, &beta, &res, &err), 0, "%s", err.message);
	cr_assert(res.nx == 41 && res.ny == 19);
	cr_assert_gt(map_fastest(&res, &ix, &iy), 0);
	cr_expect(map_axis_value(&lr, ix) / ratio < q.hb_lr &&
		  q.hb_lr < map_axis_value(&lr, ix) * ratio &&
		  fabs(map_axis_value(&beta, iy) - q.hb_beta) < 0.05,
		  "the fastest cell is at lr %g, beta %g; the optimum %g, %g",
		  map_axis_value(&lr, ix), map_axis_value(&beta, iy), q.hb_lr, q.hb_beta);
	map_result_free(&res);
	objective_free(o);
}

Test(analysis, map_refuses_bad_axes)
{
	static const struct {
		const struct optimizer *opt;
		struct map_axis x, y;
		const char *message;
	} cases[] = {
		{ &opt_gd, { OPT_PARAM_LR, 0.01, 0.1, 10, 0 }, { OPT_PARAM_BETA, 0, 0.9, 10, 0 },
		  "gd has no parameter beta (it takes lr)" },
		{ &opt_momentum, { OPT_PARAM_LR, 0.1, 0.01, 10, 0 }, { -1, 0, 0, 0, 0 },
		  "the lr axis goes from 0.1 to 0.01: the first end must be below the second" },
		{ &opt_momentum, { OPT_PARAM_LR, 0.01, 0.1, 10, 0 }, { OPT_PARAM_BETA, 0, 1.5, 10, 0 },
		  "the beta axis must stay in [0, 1), not go from 0 to 1.5" },
		{ &opt_gd, { OPT_PARAM_LR, 0, 0.1, 10, 1 }, { -1, 0, 0, 0, 0 },
		  "the lr axis must stay positive, not go from 0 to 0.1" },
		{ &opt_momentum, { OPT_PARAM_BETA, 0, 0.5, 10, 1 }, { -1, 0, 0, 0, 0 },
		  "a log-spaced beta axis must start above 0, not at 0" },
		{ &opt_gd, { OPT_PARAM_LR, 0.01, 0.1, 1, 0 }, { -1, 0, 0, 0, 0 },
		  "the lr axis needs from 2 to 1000 cells, not 1" },
		{ &opt_gd, { OPT_PARAM_LR, 0.01, 0.1, 10, 0 }, { OPT_PARAM_LR, 0.01, 0.1, 10, 0 },
		  "the map's two axes are both lr" },
	};
	struct objective *o = make_objective("x^2 + 10*y^2");
	double start[2] = { 1, 1 };

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run_config c;
		struct map_result res;
		struct diag err = { 0 };

		run_config_init(&c, cases[i].opt);
		cr_expect_eq(analysis_map(o, &c, start, &cases[i].x,
					  cases[i].y.param >= 0 ? &cases[i].y : NULL, &res, &err), -1,
			     "case %zu", i);
		cr_expect_str_eq(err.message, cases[i].message, "case %zu", i);
		cr_expect_null(res.outcome);
	}
	objective_free(o);
}

/* A data set of n points on y = 2x + 1 with a little wobble, and its mse objective. */
static struct objective *
line_objective(int n, struct dataset **d)
{
	char text[4096];
	size_t len = (size_t)snprintf(text, sizeof text, "x,y\n");
	struct diag err = { .message = "" };
	struct objective *o;
	int i;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%g,%g\n", i / 8.0,
					2 * i / 8.0 + 1 + 0.1 * ((i * 7) % 5 - 2));
	*d = dataset_parse_csv(text, len, "line", &err);
	cr_assert_not_null(*d, "%s", err.message);
	o = objective_data(*d, "w*x + b", LOSS_MSE, NULL, NULL, 0, &err);
	cr_assert_not_null(o, "%s", err.message);
	return o;
}

/* A data map: its rows are the powers of two, each cell the mean of its seeds' runs. */
Test(analysis, data_map_cells_are_the_mean_of_their_runs)
{
	struct dataset *d;
	struct objective *o = line_objective(24, &d);
	struct map_axis lr = { OPT_PARAM_LR, 0.001, 0.5, 6, 1 };
	struct run_config c;
	struct data_map m;
	struct diag err;
	double start[2] = { 0, 0 }, want = 0;
	int s, i, j, diverged = 0;

	run_config_init(&c, &opt_momentum);
	c.max_steps = 200;
	c.noise = 0.05;
	c.seed = 7;
	cr_assert_eq(analysis_data_map(o, &c, start, &lr, 1, 24, 3, 0.5, &m, &err), 0, "%s",
		     err.message);
	cr_assert(m.nx == 6 && m.ny == 6, "%d x %d", m.nx, m.ny);
	cr_expect(m.batch[0] == 1 && m.batch[1] == 2 && m.batch[4] == 16 && m.batch[5] == 24);
	cr_expect_eq(m.seeds, 3);
	/* cell (2, 3): lr of cell 2, batches of 8, the mean of seeds 7, 8 and 9 */
	for (s = 0; s < 3; s++) {
		struct run_config rc = c;
		struct run *r;
		rc.params.lr = map_axis_value(&lr, 2);
		rc.batch = 8;
		rc.seed = 7 + (uint64_t)s;
		r = run_new(o, &rc, start, &err);
		cr_assert_not_null(r);
		run_all(r);
		want += run_trajectory(r)->f[run_trajectory(r)->len - 1] / 3;
		run_free(r);
	}
	cr_expect_eq(m.loss[3 * 6 + 2], want, "%.17g, not %.17g", m.loss[3 * 6 + 2], want);
	for (j = 0; j < m.ny; j++)
		for (i = 0; i < m.nx; i++) {
			double l = m.loss[j * 6 + i], st = m.steps[j * 6 + i];
			diverged += isinf(l);
			cr_expect(isinf(l) == isinf(st), "a diverged cell in both");
			cr_expect(isinf(l) || l >= 0, "a loss");
		}
	cr_expect_gt(diverged, 0, "lr 0.5 diverges");
	for (i = 0, s = 0; i < m.nx * m.ny; i++)
		s += isnan(m.steps[i]);
	cr_expect_gt(s, 0, "some cells do not reach a loss of 0.5 in 200 steps");
	cr_expect(isnan(m.steps[0]) || m.steps[0] > m.steps[3], "lr 0.001 is the slowest");
	data_map_free(&m);
	/* no batch axis: one row, the configuration's batch */
	cr_assert_eq(analysis_data_map(o, &c, start, &lr, 0, 0, 1, 0, &m, &err), 0);
	cr_expect(m.ny == 1 && m.batch[0] == 0 && m.steps == NULL);
	data_map_free(&m);
	cr_expect_eq(analysis_data_map(o, &c, start, &lr, 1, 25, 1, 0, &m, &err), -1);
	cr_expect(strstr(err.message, "up to the 24 examples") != NULL, "%s", err.message);
	objective_free(o);
	dataset_free(d);
	o = make_objective("x^2 + y^2");
	cr_expect_eq(analysis_data_map(o, &c, start, &lr, 1, 4, 1, 0, &m, &err), -1);
	cr_expect(strstr(err.message, "needs a data objective") != NULL, "%s", err.message);
	objective_free(o);
}

/* analysis_point: the spectrum, the index and the kind at one point. */
Test(analysis, point_report)
{
	struct objective *o = make_objective("x^2 - y^2 + 3*z^2 + w^4");
	struct point_report r;
	double at0[4] = { 0, 0, 0, 0 }, at1[4] = { 1, 0, 0, 0 };

	cr_assert_eq(analysis_point(o, at0, 1e-6, &r), 0);
	cr_expect_eq(r.n, 4);
	cr_expect_eq(r.f, 0);
	cr_expect_eq(r.gnorm, 0);
	cr_expect_eq(r.lambda[0], -2);
	cr_expect_eq(r.lmin, -2);
	cr_expect_eq(r.lmax, 6);
	cr_expect_eq(r.index, 1);
	cr_expect_eq(r.zeros, 1, "w^4 is flat at 0");
	cr_expect_eq(r.kind, CP_SADDLE);
	analysis_point_done(&r);
	cr_expect_null(r.lambda);
	cr_assert_eq(analysis_point(o, at1, 1e-6, &r), 0);
	cr_expect_eq(r.gnorm, 2);
	cr_expect_eq(r.kind, -1, "not a critical point");
	analysis_point_done(&r);
	objective_free(o);
	o = make_objective("x^2 + y^4");
	cr_assert_eq(analysis_point(o, at0, 1e-6, &r), 0);
	cr_expect_eq(r.kind, CP_DEGENERATE);
	cr_expect_eq(r.index, 0);
	analysis_point_done(&r);
	objective_free(o);
	o = make_objective("-x^2 - y^2");
	cr_assert_eq(analysis_point(o, at0, 1e-6, &r), 0);
	cr_expect_eq(r.kind, CP_MAXIMUM);
	cr_expect_eq(r.index, 2);
	analysis_point_done(&r);
	objective_free(o);
}

/* The census of Himmelblau: 4 minima, 4 saddles of index 1, 1 maximum. */
Test(analysis, census_himmelblau)
{
	struct objective *o = make_objective("(x^2+y-11)^2 + (x+y^2-7)^2");
	struct census_options opt;
	struct census c;
	double starts[2 * 144];
	int counts[4] = { 0 }, hits = 0, p, i, j;

	for (i = 0; i < 12; i++) {
		for (j = 0; j < 12; j++) {
			starts[2 * (i * 12 + j)] = -5 + 10 * (i + 0.5) / 12;
			starts[2 * (i * 12 + j) + 1] = -5 + 10 * (j + 0.5) / 12;
		}
	}
	census_options_init(&opt);
	cr_assert_eq(analysis_census(o, 144, starts, &opt, &c), 0);
	cr_expect_eq(c.starts, 144);
	for (p = 0; p < c.npoints; p++) {
		double g[2], f;
		objective_eval_point(o, c.points[p].x, &f, g, NULL);
		cr_expect_lt(hypot(g[0], g[1]), 1e-8, "point %d is not critical", p);
		counts[c.points[p].kind]++;
		hits += c.points[p].hits;
		if (c.points[p].kind == CP_MINIMUM)
			cr_expect(fabs(c.points[p].f) < 1e-12, "a minimum at f = %g", c.points[p].f);
		if (c.points[p].kind == CP_SADDLE)
			cr_expect_eq(c.points[p].index, 1);
		if (c.points[p].kind == CP_MAXIMUM) {
			cr_expect_eq(c.points[p].index, 2);
			cr_expect(fabs(c.points[p].x[0] + 0.270845) < 1e-5 &&
				  fabs(c.points[p].x[1] + 0.923039) < 1e-5, "the maximum at (%g, %g)",
				  c.points[p].x[0], c.points[p].x[1]);
		}
	}
	cr_expect_eq(c.npoints, 9, "%d points", c.npoints);
	cr_expect_eq(counts[CP_MINIMUM], 4);
	cr_expect_eq(counts[CP_SADDLE], 4);
	cr_expect_eq(counts[CP_MAXIMUM], 1);
	cr_expect_eq(counts[CP_DEGENERATE], 0);
	cr_expect_eq(hits + c.failed, 144, "every start counted once");
	analysis_census_done(&c);
	cr_expect_null(c.points);
	objective_free(o);
}
