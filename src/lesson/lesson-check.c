/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-check.c - proves what the course says.  A page may state claims
 * ("the minima are at x = +-2 with f = -11", "this run diverges"); each is
 * checked here with the analysis and the optimizers, so that `descent
 * lessons --check`, which `make check` runs, never lets the course state
 * a wrong number.  What a kind of page states of its own (a numeric
 * answer the engine can compute, a locate target, a challenge that must
 * be winnable) is checked by its kind, with the helpers here.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/analysis.h"
#include "descent/lesson.h"
#include "descent/linalg.h"
#include "descent/util.h"
#include "lesson-int.h"

/* the grid of a convexity claim, in one variable and per axis in two */
#define CONVEX_NX(n) ((n) == 1 ? 401 : 61)
#define CONVEX_NY 61

struct checker {
	const struct lesson_chapter *c;
	struct diags *ds;
	int errors;
	unsigned long long spent;       /* evaluations charged, of LESSON_CHECK_BUDGET */
	int stop;                       /* the next piece of work would pass it */
	int questions, verified;        /* the pages that ask; the answers verified */
	int verified_page;              /* the page being checked had its answer verified */
};

void
check_verified(struct checker *k)
{
	k->verified_page = 1;
}

void
check_wrong(struct checker *k, int line, int column, const char *fmt, ...)
{
	char msg[sizeof ((struct diag *)0)->message];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	diags_add(k->ds, k->c->file, line, column, DIAG_ERROR, "%s", msg);
	k->errors++;
}

int
check_charge(struct checker *k, int line, int column, const char *subject,
	     const struct check_work *w, const char *advice0, const char *advice1)
{
	/* TRANSLATORS: between the last two names of a list, as in "a, b or c" */
	const char *advice[4], *last_sep = _(" or ");
	char after[96] = "", what[512];
	size_t len;
	int n = 0, i;

	if (w->evals <= LESSON_CHECK_BUDGET - k->spent) {
		k->spent += w->evals;
		return 0;
	}
	if (advice0 != NULL)
		advice[n++] = advice0;
	if (advice1 != NULL)
		advice[n++] = advice1;
	if (w->per_eval > 1)
		advice[n++] = _("use fewer data points");
	/* when the chapter's other pages are what makes it too much */
	if (w->evals <= LESSON_CHECK_BUDGET || n == 0)
		advice[n++] = _("split the chapter");
	if (k->spent > 0)
		/* TRANSLATORS: after the evaluations a piece of work needs: those already spent */
		snprintf(after, sizeof after, _(", after %llu before it"), k->spent);
	/* with every part at its longest, under the 320 characters of a diag */
	len = (size_t)snprintf(what, sizeof what,
			       /*
				* TRANSLATORS: %1$s is "this claim", "this page"...; %3$s
				* says what the work needs; %5$s is ", after N before it"
				* or nothing; the advice follows, "a, b or c"
				*/
			       P_("checking %s would pass the checker's budget of %llu "
				  "evaluations per chapter: %s (%llu evaluation%s); ",
				  "checking %s would pass the checker's budget of %llu "
				  "evaluations per chapter: %s (%llu evaluations%s); ",
				  w->evals),
			       subject, LESSON_CHECK_BUDGET, w->what, w->evals, after);
	for (i = 0; i < n && len < sizeof what; i++)
		len += (size_t)snprintf(what + len, sizeof what - len, "%s%s",
					i == 0 ? "" : i == n - 1 ? last_sep : ", ", advice[i]);
	check_wrong(k, line, column, "%s", what);
	k->stop = 1;
	return -1;
}

void
check_fmt_point(char *buf, size_t size, const double *x, int n)
{
	analysis_point_text(buf, size, x, n);
}

double
check_fmt_value(double v)
{
	return fabs(v) < 1e-9 ? 0 : v;
}

static int
near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1, fmax(fabs(a), fabs(b)));
}

int
check_near(double a, double b, double tol)
{
	return near(a, b, tol);
}

static int
same_point(const double *a, const double *b, int n, double tol)
{
	int i;

	for (i = 0; i < n; i++)
		if (!near(a[i], b[i], tol))
			return 0;
	return 1;
}

static void
page_region(const struct lesson_page *p, int n, struct region *r)
{
	r->n = n;
	r->lo[0] = p->x[0];
	r->hi[0] = p->x[1];
	r->lo[1] = p->y[0];
	r->hi[1] = p->y[1];
}

void
check_list_points(char *buf, size_t size, const struct critical_point *cp, int n, int dim)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	if (n == 0) {
		/* TRANSLATORS: no critical points, as in "the engine finds none" */
		snprintf(buf, size, "%s", _("none"));
		return;
	}
	for (i = 0; i < n && i < 6 && len < size; i++) {
		char pt[64];
		check_fmt_point(pt, sizeof pt, cp[i].x, dim);
		if (i > 0)
			len += snprintf(buf + len, size - len, ", ");
		if (len >= size)
			break;
		/*
		 * TRANSLATORS: a critical point in a list: its kind as a claim
		 * names it (minimum, maximum, saddle, degenerate), the point
		 */
		len += snprintf(buf + len, size - len, _("a %s at %s (f = %.6g)"),
				cp_kind_name(cp[i].kind), pt, check_fmt_value(cp[i].f));
	}
	if (n > 6 && len < size)
		/* TRANSLATORS: after a list of 6 critical points; %d is at least 1 */
		snprintf(buf + len, size - len, P_(", and %d more", ", and %d more", n - 6), n - 6);
}

void
check_inconclusive(struct checker *k, int line, int column, const char *what,
		   const struct cp_search *s)
{
	char grid[40];

	if (s->nx > 0 && s->ny > 1)
		/* TRANSLATORS: a grid of starting points of Newton's method */
		snprintf(grid, sizeof grid, _("%d x %d starts"), s->nx, s->ny);
	else
		/* TRANSLATORS: starting points of Newton's method; %d is more than 1 */
		snprintf(grid, sizeof grid, _("%d starts"), s->nx);
	if (s->stop == CP_STOP_BUDGET && s->passes == 1)
		check_wrong(k, line, column, "%s cannot be proved: the search for critical points "
			    "is not conclusive (its budget ran out during its first grid of Newton "
			    "starts, %s); narrow the region", what, grid);
	else if (s->stop == CP_STOP_BUDGET)
		check_wrong(k, line, column, "%s cannot be proved: the search for critical points "
			    "is not conclusive (each denser grid of Newton starts found new points, "
			    "up to %s, until the budget ran out); narrow the region", what, grid);
	else
		check_wrong(k, line, column, "%s cannot be proved: the search for critical points "
			    "is not conclusive (each denser grid of Newton starts found new points, "
			    "up to %s, until the size cap); narrow the region", what, grid);
}

/* The claim lists every critical point of the region, and nothing else. */
static void
check_critical(struct checker *k, const struct claim *cl, const struct cp_search *s, int dim)
{
	const struct critical_point *cp = s->cp;
	char list[400], pt[64];
	int i, j, ncp = s->found;
	unsigned char *used = xcalloc((size_t)ncp + 1, 1);

	for (i = 0; i < cl->npoints; i++) {
		for (j = 0; j < ncp; j++)
			if (!used[j] && same_point(cl->x[i], cp[j].x, dim, cl->tolerance))
				break;
		check_fmt_point(pt, sizeof pt, cl->x[i], dim);
		if (j == ncp && !s->conclusive) {       /* perhaps one it missed */
			/* TRANSLATORS: as in "the claim cannot be proved: ..." */
			check_inconclusive(k, cl->pline[i], cl->pcolumn[i], _("the claim"), s);
			goto out;
		}
		if (j == ncp) {
			check_list_points(list, sizeof list, cp, ncp, dim);
			check_wrong(k, cl->pline[i], cl->pcolumn[i], "the claim is wrong: there is no "
			      "critical point at %s; the engine finds %s", pt, list);
			goto out;
		}
		used[j] = 1;
		if (cl->cpkind[i] >= 0 && cl->cpkind[i] != (int)cp[j].kind) {
			check_wrong(k, cl->pline[i], cl->pcolumn[i], "the claim is wrong: the critical "
			      "point at %s is a %s, not a %s", pt, cp_kind_name(cp[j].kind),
			      cp_kind_name((enum cp_kind)cl->cpkind[i]));
			goto out;
		}
		if (cl->has_f[i] && !near(cl->f[i], cp[j].f, cl->tolerance)) {
			check_wrong(k, cl->pline[i], cl->pcolumn[i], "the claim is wrong: f at %s is "
			      "%.6g, not %.6g", pt, check_fmt_value(cp[j].f), cl->f[i]);
			goto out;
		}
	}
	for (j = 0; j < ncp; j++)
		if (!used[j]) {
			check_fmt_point(pt, sizeof pt, cp[j].x, dim);
			check_wrong(k, cl->line, cl->column, "the claim leaves out a critical point: the "
			      "%s at %s (f = %.6g)", cp_kind_name(cp[j].kind), pt, check_fmt_value(cp[j].f));
			goto out;
		}
	/* every point found is claimed: but are they all? */
	if (!s->conclusive)
		check_inconclusive(k, cl->line, cl->column, _("the claim"), s);
out:
	free(used);
}

int
check_lowest_critical(const struct critical_point *cp, int ncp)
{
	int j, best = -1;

	for (j = 0; j < ncp; j++)
		if ((cp[j].kind == CP_MINIMUM || cp[j].kind == CP_DEGENERATE) &&
		    (best < 0 || cp[j].f < cp[best].f))
			best = j;
	return best;
}

static void
check_global(struct checker *k, const struct claim *cl, const struct cp_search *s,
	     int dim, struct objective *o, const struct region *r)
{
	const struct critical_point *cp = s->cp;
	int ncp = s->found;
	char pt[64], at[64], list[400];
	double where[2], low = analysis_region_min(o, r, where), fc = check_value_at(o, cl->x[0]);
	int j, found = -1, best = check_lowest_critical(cp, ncp);

	check_fmt_point(pt, sizeof pt, cl->x[0], dim);
	check_fmt_point(at, sizeof at, where, dim);
	if (best >= 0 && cp[best].f < low)
		low = cp[best].f;
	if (low < fc - cl->tolerance * fmax(1, fabs(fc))) {
		int edge = where[0] == r->lo[0] || where[0] == r->hi[0] ||
			   (dim == 2 && (where[1] == r->lo[1] || where[1] == r->hi[1]));
		if (best >= 0 && cp[best].f <= low)
			check_fmt_point(at, sizeof at, cp[best].x, dim);
		if (edge && !(best >= 0 && cp[best].f <= low))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the lowest value "
				    "in the region is f = %.6g at %s, on its edge, below f at %s "
				    "(%.6g)", check_fmt_value(low), at, pt, check_fmt_value(fc));
		else
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the lowest value "
				    "in the region is f = %.6g at %s, below f at %s (%.6g)",
				    check_fmt_value(low), at, pt, check_fmt_value(fc));
		return;
	}
	for (j = 0; j < ncp; j++)
		if ((cp[j].kind == CP_MINIMUM || cp[j].kind == CP_DEGENERATE) &&
		    same_point(cl->x[0], cp[j].x, dim, cl->tolerance))
			found = j;
	if (found < 0 && !s->conclusive) {
		check_inconclusive(k, cl->line, cl->column, _("the claim"), s);
		return;
	}
	if (found < 0) {
		check_list_points(list, sizeof list, cp, ncp, dim);
		check_wrong(k, cl->line, cl->column, "the claim is wrong: there is no minimum at %s; "
		      "the engine finds %s", pt, list);
		return;
	}
	if (cl->has_f[0] && !near(cl->f[0], cp[found].f, cl->tolerance))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the global minimum's value "
		      "is %.6g, not %.6g", check_fmt_value(cp[found].f), cl->f[0]);
	else if (!s->conclusive)        /* a lower minimum may have been missed */
		check_inconclusive(k, cl->line, cl->column, _("the claim"), s);
}

double
check_value_at(struct objective *o, const double *x)
{
	double f;

	objective_eval_point(o, x, &f, NULL, NULL);
	return f;
}

/* Runs run `which` of a descent page; returns the trajectory's outcome. */
static enum run_outcome
run_page(const struct lesson_page *p, int which, struct objective *o, double *final,
	 int *kind, double *f, long *step)
{
	struct run *r;
	enum run_outcome out;
	const struct trajectory *tr;
	int n = objective_dim(o), i;

	*f = NAN;
	*step = 0;
	r = lesson_run_new(p, which, o, 1, NULL);
	if (r == NULL)
		return RUN_DIVERGED;
	out = run_all(r);
	tr = run_trajectory(r);
	for (i = 0; i < n; i++)
		final[i] = tr->w[(tr->len - 1) * n + i];
	*f = tr->f[tr->len - 1];
	*step = tr->step;
	*kind = -1;
	if (out == RUN_CONVERGED)
		*kind = analysis_point_kind(o, final, NULL);
	run_free(r);
	return out;
}

static void
check_run_claim(struct checker *k, const struct lesson_page *p, const struct claim *cl,
		struct objective *o)
{
	double *final, f;
	char pt[64], want[64];
	int kind, n = objective_dim(o);
	enum run_outcome out;
	long step;

	if (cl->run >= p->descent.nruns)
		return;
	final = xmalloc((size_t)n * sizeof *final);
	out = run_page(p, cl->run, o, final, &kind, &f, &step);
	if (n <= 8)
		check_fmt_point(pt, sizeof pt, final, n);
	else                    /* a network's point: too many numbers to say */
		/* TRANSLATORS: %d is more than 8 */
		snprintf(pt, sizeof pt, _("a point of %d parameters"), n);
	switch (cl->kind) {
	case CLAIM_DIVERGES:
		if (out == RUN_CONVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run does not "
				    "diverge; it converges at %s", pt);
		else if (out != RUN_DIVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run does not "
				    "diverge; it reaches the step limit at %s", pt);
		break;
	case CLAIM_CONVERGES_TO:
		check_fmt_point(want, sizeof want, cl->x[0], n);
		if (out == RUN_DIVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges "
				    "(at %s), it does not converge to %s", pt, want);
		else if (out != RUN_CONVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run reaches "
				    "the step limit (at %s), it does not converge to %s", pt, want);
		else if (!same_point(final, cl->x[0], n, fmax(cl->tolerance, 1e-3)))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run converges to "
			      "%s, not %s", pt, want);
		break;
	case CLAIM_FINAL_VALUE:
		if (out == RUN_DIVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges");
		else if (!near(f, cl->f[0], cl->tolerance))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run ends at %s "
				    "where f = %.6g, not %.6g", pt, check_fmt_value(f), cl->f[0]);
		break;
	case CLAIM_CONVERGES_IN:
		if (out == RUN_DIVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges "
				    "(at %s after %ld steps)", pt, step);
		else if (out != RUN_CONVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run reaches "
				    "the step limit (at %s after %ld steps)", pt, step);
		else if (step != cl->steps)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run converges "
				    "at step %ld, not %ld", step, cl->steps);
		break;
	case CLAIM_STOPS_AT:
		if (out == RUN_DIVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges "
				    "(at %s)", pt);
		else if (out != RUN_CONVERGED)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run reaches "
				    "the step limit (at %s)", pt);
		else if (kind != cl->cpkind[0] && kind >= 0)
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run stops at %s, "
				    "a %s, not a %s", pt, cp_kind_name((enum cp_kind)kind),
				    cp_kind_name((enum cp_kind)cl->cpkind[0]));
		else if (kind != cl->cpkind[0])
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the run stops at %s, "
				    "a point, not a %s", pt, cp_kind_name((enum cp_kind)cl->cpkind[0]));
		break;
	default:
		break;
	}
	free(final);
}

/*
 * Charges the work of proving claim cl of page p (of n variables) before
 * it is done; 0, or -1 past the budget.  A claim of critical points uses
 * the page's search, which is charged with the page.
 */
/* A row of a run's table: the point, f and |grad f| after the claim's step. */
static void
check_at_step(struct checker *k, const struct lesson_page *p, const struct claim *cl,
	      struct objective *o)
{
	const struct trajectory *tr;
	struct run *r;
	int n = objective_dim(o);
	double t = cl->tolerance;
	char pt[64], want[64];

	if (cl->run >= p->descent.nruns)
		return;
	r = lesson_run_new(p, cl->run, o, 1, NULL);
	if (r == NULL)
		return;
	run_all(r);
	tr = run_trajectory(r);
	if ((size_t)cl->steps >= tr->len) {
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the run ends after %ld "
			    "steps, before step %ld", (long)tr->len - 1, cl->steps);
		run_free(r);
		return;
	}
	if (n <= 8)
		check_fmt_point(pt, sizeof pt, tr->w + (size_t)cl->steps * (size_t)n, n);
	else                    /* a network's point: too many numbers to say */
		/* TRANSLATORS: %d is more than 8 */
		snprintf(pt, sizeof pt, _("a point of %d parameters"), n);
	if (cl->has_at && !same_point(tr->w + (size_t)cl->steps * (size_t)n, cl->x[0], n, t)) {
		check_fmt_point(want, sizeof want, cl->x[0], n);
		check_wrong(k, cl->line, cl->column, "the claim is wrong: after step %ld the run is "
			    "at %s, not %s", cl->steps, pt, want);
	}
	if (cl->has_f[0] && !near(tr->f[cl->steps], cl->f[0], t))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: after step %ld f = %.6g "
			    "(at %s), not %.6g", cl->steps, check_fmt_value(tr->f[cl->steps]), pt,
			    cl->f[0]);
	if (cl->has_gnorm && !near(tr->gnorm[cl->steps], cl->gnorm, t))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: after step %ld |grad f| "
			    "= %.6g (at %s), not %.6g", cl->steps,
			    check_fmt_value(tr->gnorm[cl->steps]), pt, cl->gnorm);
	run_free(r);
}

static int
charge_claim(struct checker *k, const struct lesson_page *p, const struct claim *cl, int n)
{
	struct check_work w;
	const char *advice = NULL;

	switch (cl->kind) {
	case CLAIM_CRITICAL_POINTS:
		return 0;
	case CLAIM_GLOBAL_MINIMUM:
		if (n < 1 || n > 2)
			return 0;
		work_region_min(&w, p, n);
		break;
	case CLAIM_VALUE: case CLAIM_GRADIENT: case CLAIM_EIGENVALUES: case CLAIM_RATES:
		work_value(&w, p);
		break;
	case CLAIM_CONVEX:
		if (n < 1 || n > 2)
			return 0;
		work_convexity(&w, p, n, CONVEX_NX(n), CONVEX_NY);
		break;
	case CLAIM_CONVERGES_TO: case CLAIM_DIVERGES: case CLAIM_STOPS_AT:
	case CLAIM_FINAL_VALUE: case CLAIM_CONVERGES_IN: case CLAIM_AT_STEP:
		if (cl->run >= p->descent.nruns)
			return 0;
		work_runs(&w, p, 1, p->descent.steps,
			  opt_step_evals(p->descent.runs[cl->run].opt));
		/* TRANSLATORS: advice, after "...; " and before "or split the chapter" */
		advice = _("lower the page's \"steps\"");
		break;
	default:
		return 0;
	}
	/* TRANSLATORS: as in "checking this claim would pass the checker's budget" */
	return check_charge(k, cl->line, cl->column, _("this claim"), &w, advice, NULL);
}

void
check_point_derivs(struct objective *o, const double *x, int n, double *g, double *lambda)
{
	double f, h[64];

	objective_eval_point(o, x, &f, g, h);
	la_eigsym(n, h, lambda, NULL);
}

/* The gradient, or the Hessian's eigenvalues (increasing), at cl->at. */
static void
check_at_point(struct checker *k, const struct claim *cl, struct objective *o, int n)
{
	double g[8], lambda[8], *v;
	char pt[96], got[160], said[160];
	int i, ok = 1;

	if (n < 1 || n > 8)
		return;
	check_point_derivs(o, cl->at, n, g, lambda);
	v = cl->kind == CLAIM_EIGENVALUES ? lambda : g;
	for (i = 0; i < n; i++)
		ok &= near(v[i], cl->vals[i], cl->tolerance);
	if (ok)
		return;
	check_fmt_point(pt, sizeof pt, cl->at, n);
	check_fmt_point(got, sizeof got, v, n);
	check_fmt_point(said, sizeof said, cl->vals, n);
	if (cl->kind == CLAIM_EIGENVALUES)
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the Hessian's "
			    "eigenvalues at %s are %s, not %s", pt, got, said);
	else if (n == 1)
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the derivative at %s is "
			    "%s, not %s", pt, got, said);
	else
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the gradient at %s is %s, "
			    "not %s", pt, got, said);
}

int
check_quadratic_rates(struct objective *o, const struct region *r, double *v,
		      char *why, size_t size)
{
	struct quadratic q;

	if (analysis_quadratic(o, r, &q, why, size) < 0)
		return -1;
	v[0] = q.gd_limit;
	v[1] = q.gd_best;
	v[2] = q.condition;
	v[3] = q.hb_lr;
	v[4] = q.hb_beta;
	v[LESSON_RATES] = q.lmin;
	v[LESSON_RATES + 1] = q.lmax;
	return 0;
}

const char *const lesson_rate_names[LESSON_RATES] = {
	"limit", "best", "condition", "momentum_lr", "momentum_beta",
};

/* TRANSLATORS: the rates of a quadratic bowl, each with its formula (keep it) */
const char *const rate_texts[LESSON_RATES] = {
	N_("limit 2/lmax"), N_("best rate 2/(lmin + lmax)"), N_("condition lmax/lmin"),
	N_("best rate of momentum (2/(sqrt(lmin) + sqrt(lmax)))^2"),
	N_("best beta of momentum ((sqrt(k) - 1)/(sqrt(k) + 1))^2"),
};

/*
 * The rates of a quadratic bowl: gradient descent's limit 2/lmax, its
 * best fixed rate 2/(lmin + lmax), the condition lmax/lmin, and the heavy
 * ball's best pair.
 */
static void
check_rates(struct checker *k, const struct claim *cl, struct objective *o,
	    const struct region *r)
{
	double v[LESSON_RATES + 2];
	char why[200];
	int i;

	if (check_quadratic_rates(o, r, v, why, sizeof why) < 0) {
		check_wrong(k, cl->line, cl->column, "the claim cannot be proved: %s", why);
		return;
	}
	for (i = 0; i < LESSON_RATES; i++)
		if (cl->has_rate[i] && !near(v[i], cl->rate[i], cl->tolerance))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the %s is %.6g, "
				    "not %.6g (lmin = %.6g, lmax = %.6g)", _(rate_texts[i]), v[i],
				    cl->rate[i], v[LESSON_RATES], v[LESSON_RATES + 1]);
}

static void
check_page(struct checker *k, const struct lesson_page *p)
{
	const struct page_kind_def *pk = page_kind_of(p->kind);
	struct objective *o;
	struct cp_search cs;
	struct region r;
	struct diag err;
	int n, ncp = -1, i, need_cp = 0;

	if (p->obj.function == NULL && p->obj.model == NULL) {
		if (pk->check != NULL && (pk->flags & PK_CHECKS_ALONE)) {
			struct check_env e;
			memset(&e, 0, sizeof e);
			e.ncp = -1;
			pk->check(k, p, &e);
		}
		return;
	}
	o = lesson_objective(p, &err);
	if (o == NULL) {
		check_wrong(k, p->line, p->column, "%s", err.message);
		return;
	}
	n = objective_dim(o);
	page_region(p, n, &r);
	for (i = 0; i < p->nclaims; i++)
		need_cp |= p->claims[i].kind == CLAIM_CRITICAL_POINTS ||
			   p->claims[i].kind == CLAIM_GLOBAL_MINIMUM;
	if (pk->needs_points != NULL)
		need_cp |= pk->needs_points(p);
	memset(&cs, 0, sizeof cs);
	if (need_cp && n >= 1 && n <= 2) {
		struct check_work w;
		struct cp_options copt = { 0, LESSON_SEARCH_EVALS(n) };
		work_critical_points(&w, p, n);
		/* TRANSLATORS: as in "checking this page would pass the checker's budget" */
		if (check_charge(k, p->line, p->column, _("this page"), &w, NULL, NULL) < 0)
			goto done;
		ncp = analysis_critical_search(o, &r, &copt, &cs);
	}

	for (i = 0; i < p->nclaims; i++) {
		const struct claim *cl = &p->claims[i];
		if (charge_claim(k, p, cl, n) < 0)
			goto done;
		switch (cl->kind) {
		case CLAIM_CRITICAL_POINTS:
			if (ncp >= 0)
				check_critical(k, cl, &cs, n);
			break;
		case CLAIM_GLOBAL_MINIMUM:
			if (ncp >= 0)
				check_global(k, cl, &cs, n, o, &r);
			break;
		case CLAIM_VALUE: {
			double f = check_value_at(o, cl->x[0]);
			char pt[64];
			check_fmt_point(pt, sizeof pt, cl->x[0], n);
			if (!near(f, cl->f[0], cl->tolerance))
				check_wrong(k, cl->line, cl->column, "the claim is wrong: f at %s is %.6g, "
				      "not %.6g", pt, check_fmt_value(f), cl->f[0]);
			break;
		}
		case CLAIM_CONVEX: {
			struct convexity cv;
			if (n < 1 || n > 2 ||
			    analysis_convexity(o, &r, CONVEX_NX(n), CONVEX_NY, &cv) < 0)
				break;
			if (cv.verdict == CONVEXITY_UNDEFINED || cv.verdict == CONVEXITY_OVERFLOW) {
				/* no verdict: neither claim can be proved */
				if (cv.verdict == CONVEXITY_OVERFLOW)
					check_wrong(k, cl->line, cl->column, "the claim cannot be proved: "
						    "convexity could not be decided (values overflow): f or "
						    "its derivatives are infinite at %zu of %zu grid points",
						    cv.ninf, (size_t)cv.nx * (size_t)cv.ny);
				else
					check_wrong(k, cl->line, cl->column, "the claim cannot be proved: "
						    "the function is undefined on the region: f or its "
						    "derivatives are nan at %zu of %zu grid points", cv.nnan,
						    (size_t)cv.nx * (size_t)cv.ny);
			} else if (cl->convex && !cv.convex) {
				if (cv.has_chord) {
					char a[64], b[64];
					check_fmt_point(a, sizeof a, cv.p, n);
					check_fmt_point(b, sizeof b, cv.q, n);
					check_wrong(k, cl->line, cl->column, "the claim is wrong: the function "
					      "is not convex here: between %s and %s it rises above its "
					      "chord (%.6g > %.6g at the middle)", a, b, cv.lhs, cv.rhs);
				} else {
					check_wrong(k, cl->line, cl->column, "the claim is wrong: the Hessian "
					      "is not positive semidefinite everywhere in the region");
				}
			} else if (!cl->convex && cv.convex) {
				if (n == 1)
				check_wrong(k, cl->line, cl->column, "the claim is wrong: the function is "
				      "convex on the region (f'' >= 0 at all of %d points)", cv.nx);
			else
				check_wrong(k, cl->line, cl->column, "the claim is wrong: the function is "
				      "convex on the region (its Hessian is positive semidefinite at "
				      "every point of a %dx%d grid)", cv.nx, cv.ny);
			}
			free(cv.sign);
			break;
		}
		case CLAIM_CONVERGES_TO: case CLAIM_DIVERGES: case CLAIM_STOPS_AT:
		case CLAIM_FINAL_VALUE: case CLAIM_CONVERGES_IN:
			check_run_claim(k, p, cl, o);
			break;
		case CLAIM_AT_STEP:
			check_at_step(k, p, cl, o);
			break;
		case CLAIM_GRADIENT: case CLAIM_EIGENVALUES:
			check_at_point(k, cl, o, n);
			break;
		case CLAIM_RATES:
			check_rates(k, cl, o, &r);
			break;
		case CLAIM_FINAL_LOSS: case CLAIM_SHARPNESS: case CLAIM_CENSUS: case CLAIM_BARRIER:
		case CLAIM_LOWEST_VAL:
			break;          /* a network page's check proves them */
		}
	}

	if (pk->check != NULL) {
		struct check_env e;
		e.o = o;
		e.n = n;
		e.r = r;
		e.cp = cs.cp;
		e.ncp = ncp;
		e.search = ncp >= 0 ? &cs : NULL;
		pk->check(k, p, &e);
	}
done:
	cp_search_free(&cs);
	objective_free(o);
}

/*
 * The warning for a question whose answer could be verified and was not,
 * with what would let the engine verify it.
 */
static void
check_unverified(struct checker *k, const struct lesson_page *p)
{
	const char *advice;

	switch (p->kind) {
	case PAGE_NUMERIC:
		/* TRANSLATORS: advice after "the engine does not verify the answer of this question: " */
		advice = _("give it a \"verify\" source (value_at, derivative_at, eigenvalue_at, "
			   "rate, global_minimum)");
		break;
	case PAGE_FORMULA:
		advice = _("say what it is (derivative_of, gradient_of, gd_step_of, cost_of)");
		break;
	case PAGE_LOCATE:
		if (p->obj.function == NULL && p->obj.model == NULL)
			advice = _("give the page a function");
		else
			/* TRANSLATORS: the kinds are values of "target": keep them */
			advice = _("make the target a kind (minimum, global minimum, maximum, "
				   "saddle), which the engine finds");
		break;
	default:
		advice = _("give the page a function the engine can run");
		break;
	}
	diags_add(k->ds, k->c->file, p->aline > 0 ? p->aline : p->line,
		  p->aline > 0 ? p->acolumn : p->column, DIAG_WARNING,
		  "the engine does not verify the answer of this question: %s", advice);
}

int
lesson_check_stats(const struct lesson_chapter *c, struct diags *ds,
		   struct lesson_check_stats *st)
{
	struct checker k;
	int i;

	memset(&k, 0, sizeof k);
	k.c = c;
	k.ds = ds;
	for (i = 0; i < c->npages && !k.stop; i++) {
		const struct lesson_page *p = &c->pages[i];

		int errors = k.errors;

		if (p->broken)
			continue;       /* its errors are said: none of its claims is proved */
		k.verified_page = 0;
		check_page(&k, p);
		if (!page_kind_asks(p->kind))
			continue;
		k.questions++;
		k.verified += k.verified_page;
		/* a page with an error says what is wrong already */
		if (!k.verified_page && p->kind != PAGE_QUIZ && !k.stop && k.errors == errors)
			check_unverified(&k, p);
	}
	if (st != NULL) {
		st->spent = k.spent;
		st->questions = k.questions;
		st->verified = k.verified;
	}
	return k.errors;
}

int
lesson_check_spent(const struct lesson_chapter *c, struct diags *ds,
		   unsigned long long *spent)
{
	struct lesson_check_stats st;
	int errors = lesson_check_stats(c, ds, &st);

	if (spent != NULL)
		*spent = st.spent;
	return errors;
}

int
lesson_check(const struct lesson_chapter *c, struct diags *ds)
{
	return lesson_check_spent(c, ds, NULL);
}
