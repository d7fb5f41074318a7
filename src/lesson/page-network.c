/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-network.c - a network page: a model of any number of parameters
 * (a network written "mlp:2-8-1:tanh", or any model) trained on its data
 * by one or more runs, played as a descent page plays its runs; the
 * learner watches the loss curves grow and what the model learns.  Its
 * runs start where the page's "init" puts them (Glorot's, all weights
 * equal, zeros), drawn from the page's seed or a run's own, or from a
 * "start" of any length.  Claims about a network's training belong
 * here: final_loss, sharpness, census and barrier.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/util.h"
#include "lesson-int.h"

/*
 * Where a run starts: how (init, or "glorot") from seed, into a new
 * vector of the model's dim parameters; NULL after an error at at.
 */
static double *
draw_start(struct loader *L, const cJSON *at, const struct lesson_page *p, const char *init,
	   uint64_t seed)
{
	double *w = xcalloc((size_t)p->dim + 1, sizeof *w);
	struct expr_mlp net;
	struct diag err;

	if (!lesson_page_network(p, &net)) {
		if (init != NULL) {
			lesson_error(L, AT(at), "\"init\" draws a network's first weights: the "
				     "model is not a network (mlp:...); give a \"start\"");
			free(w);
			return NULL;
		}
		return w;               /* zeros */
	}
	if (expr_mlp_init(&net, init != NULL ? init : "glorot", seed, w, &err) != 0) {
		lesson_error(L, AT(at), "\"init\": %s", err.message);
		free(w);
		return NULL;
	}
	return w;
}

static void
network_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_descent *d = &p->descent;
	const cJSON *sm = cJSON_GetObjectItemCaseSensitive(po, "start");
	const cJSON *im = cJSON_GetObjectItemCaseSensitive(po, "init");
	const cJSON *runs = cJSON_GetObjectItemCaseSensitive(po, "runs"), *e;
	int i;

	d->init = get_string(L, po, "init", 0, what);
	read_runs(L, po, p, what);
	get_count(L, po, "pace", 0, what, 1, LESSON_MAX_PACE, &d->pace);
	if (p->dim < 1)
		return;
	if (sm != NULL && im != NULL) {
		lesson_error(L, KEY_AT(im), "a network page starts from a \"start\" or an "
			     "\"init\", not both");
		return;
	}
	if (sm != NULL) {
		/* any length: the model's parameters, in order */
		d->wstart = xcalloc((size_t)p->dim, sizeof *d->wstart);
		if (get_numbers(L, sm, "start", p->dim, p->dim, d->wstart) < 0) {
			free(d->wstart);
			d->wstart = NULL;
		}
	} else {
		d->wstart = draw_start(L, im != NULL ? im : po, p, d->init, d->seed);
	}
	/* a run of its own seed or init starts where they put it */
	for (i = 0, e = runs != NULL ? runs->child : NULL; i < d->nruns && e != NULL;
	     i++, e = e->next) {
		struct lesson_run *lr = &d->runs[i];
		const cJSON *ri = cJSON_GetObjectItemCaseSensitive(e, "init");
		if (lr->init == NULL && !lr->has_seed)
			continue;
		if (sm != NULL) {
			lesson_error(L, AT(e), "the page gives its \"start\": a run's \"init\" or "
				     "\"seed\" would draw another");
			continue;
		}
		lr->wstart = draw_start(L, ri != NULL ? ri : e, p,
					lr->init != NULL ? lr->init : d->init,
					lr->has_seed ? lr->seed : d->seed);
	}
}

int
network_line_check(const struct lesson_page *p, const char *to, char *why, size_t size)
{
	struct expr_mlp net;
	int l, j, k;
	char extra;

	why[0] = '\0';
	if (strcmp(to, "start") == 0)
		return 0;
	if (sscanf(to, "run:%d%c", &k, &extra) == 1) {
		if (k >= 0 && k < p->descent.nruns)
			return 0;
		/* TRANSLATORS: these end a lesson file's error about where the
		 * line of a "barrier" claim goes */
		snprintf(why, size, P_(": the page has %d run, numbered from 0",
				       ": the page has %d runs, numbered from 0", p->descent.nruns),
			 p->descent.nruns);
		return -1;
	}
	if (sscanf(to, "swap:%d:%d:%d%c", &l, &j, &k, &extra) != 3)
		return -1;
	if (!lesson_page_network(p, &net)) {
		snprintf(why, size, _(": a swap needs a network (mlp:...)"));
		return -1;
	}
	if (l < 1 || l >= net.nlayers || j < 1 || k < 1 || j > net.sizes[l] ||
	    k > net.sizes[l] || j == k) {
		snprintf(why, size, _(": swap two different units J and K of a hidden layer L "
				      "(1 to %d)"), net.nlayers - 1);
		return -1;
	}
	return 0;
}

/* --- proving the claims ----------------------------------------------- */

/*
 * Where each run of the page ended, run once when a claim asks; and with
 * a validation part, the step of its lowest validation loss (the first,
 * of its records), that loss and the test loss there.
 */
struct ends {
	double *w[LESSON_MAX_RUNS];
	double f[LESSON_MAX_RUNS];
	enum run_outcome out[LESSON_MAX_RUNS];
	long step[LESSON_MAX_RUNS];
	int done[LESSON_MAX_RUNS];
	long best[LESSON_MAX_RUNS];
	double best_val[LESSON_MAX_RUNS], best_test[LESSON_MAX_RUNS];
	int want_best[LESSON_MAX_RUNS]; /* a lowest_val claim names the run */
	struct objective *val, *test;   /* the held-out parts, or NULL */
};

/* Runs run i (when not yet run); 0, or -1 when it could not start. */
static int
run_end(struct ends *en, const struct lesson_page *p, struct objective *o, int i)
{
	const struct trajectory *tr;
	struct run *r;
	int n = objective_dim(o);
	size_t k;

	if (en->done[i])
		return en->w[i] != NULL ? 0 : -1;
	en->done[i] = 1;
	r = lesson_run_new(p, i, o, 1, NULL);
	if (r == NULL)
		return -1;
	en->out[i] = run_all(r);
	tr = run_trajectory(r);
	en->w[i] = xmalloc((size_t)n * sizeof *en->w[i]);
	memcpy(en->w[i], tr->w + (tr->len - 1) * (size_t)n, (size_t)n * sizeof *en->w[i]);
	en->f[i] = tr->f[tr->len - 1];
	en->step[i] = tr->step;
	en->best[i] = -1;
	for (k = 0; en->want_best[i] && en->val != NULL && k < tr->len; k++) {
		double v = check_value_at(en->val, tr->w + k * (size_t)n);
		if (en->best[i] < 0 || v < en->best_val[i]) {
			en->best[i] = (long)k;
			en->best_val[i] = v;
		}
	}
	if (en->best[i] >= 0 && en->test != NULL)
		en->best_test[i] = check_value_at(en->test, tr->w + (size_t)en->best[i] * (size_t)n);
	run_free(r);
	return 0;
}

/* The evaluations one Hessian counts: one compiled, or 2(n + 1) from products. */
static unsigned long long
hessian_evals(int n)
{
	return n <= 8 ? 1 : 2 * ((unsigned long long)n + 1);
}

/* Charges claim cl; 0, or -1 past the budget. */
static int
charge(struct checker *k, const struct lesson_page *p, const struct claim *cl, int n,
       const struct ends *en)
{
	struct check_work w;
	long runs = cl->kind == CLAIM_CENSUS || en->done[cl->run] ? 0 : 1;
	unsigned long long more = 0;
	struct census_options co;

	census_options_init(&co);
	if (cl->kind == CLAIM_BARRIER && strncmp(cl->to, "run:", 4) == 0 &&
	    !en->done[atoi(cl->to + 4)])
		runs++;
	work_runs(&w, p, runs, p->descent.steps, opt_step_evals(p->descent.runs[cl->run].opt));
	switch (cl->kind) {
	case CLAIM_SHARPNESS:
		more = hessian_evals(n);
		break;
	case CLAIM_CENSUS:
		more = work_mul(work_mul((unsigned long long)cl->steps, (unsigned long long)co.max_iter),
				hessian_evals(n) + 1);
		/* TRANSLATORS: at most 127 bytes */
		snprintf(w.what, sizeof w.what, _("its census needs up to %ld starts of %d "
						  "iterations, each a Hessian"), cl->steps,
			 co.max_iter);
		break;
	case CLAIM_BARRIER:
		more = ANALYSIS_BARRIER_STEPS + 1;
		break;
	default:
		break;
	}
	{
		struct check_work extra;
		work_runs(&extra, p, 1, 1, 1);          /* one evaluation: its weight */
		w.evals += work_mul(more, extra.evals);
	}
	/* TRANSLATORS: in "checking this claim would pass the checker's budget
	 * ...: claim a census from fewer starts ..." */
	return check_charge(k, cl->line, cl->column, _("this claim"), &w,
			    cl->kind == CLAIM_CENSUS ? _("claim a census from fewer starts") :
			    _("lower the page's \"steps\""), NULL);
}

/* TRANSLATORS: in "the claim is wrong: where the run ends (step 100) the
 * training loss is 0.2, not 0.1" */
static const char *const part_loss[3] = { N_("training loss"), N_("validation loss"),
					  N_("test loss") };

static void
check_final_loss(struct checker *k, const struct claim *cl, const struct ends *en)
{
	double got[3];
	int i;

	if (en->out[cl->run] == RUN_DIVERGED) {
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges");
		return;
	}
	got[0] = en->f[cl->run];
	got[1] = en->val != NULL ? check_value_at(en->val, en->w[cl->run]) : NAN;
	got[2] = en->test != NULL ? check_value_at(en->test, en->w[cl->run]) : NAN;
	for (i = 0; i < 3; i++)
		if (cl->has_loss[i] && !check_near(got[i], cl->loss[i], cl->tolerance))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: where the run ends "
				    "(step %ld) the %s is %.6g, not %.6g", en->step[cl->run],
				    _(part_loss[i]), check_fmt_value(got[i]), cl->loss[i]);
}

/* Where the validation loss is lowest: its step, and the losses there. */
static void
check_lowest_val(struct checker *k, const struct claim *cl, const struct ends *en)
{
	int r = cl->run;

	if (en->best[r] < 0)
		return;
	if (en->best[r] != cl->steps)
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the validation loss is "
			    "lowest at step %ld (%.6g), not at step %ld", en->best[r],
			    check_fmt_value(en->best_val[r]), cl->steps);
	else if (cl->has_loss[1] && !check_near(en->best_val[r], cl->loss[1], cl->tolerance))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the lowest validation "
			    "loss, at step %ld, is %.6g, not %.6g", en->best[r],
			    check_fmt_value(en->best_val[r]), cl->loss[1]);
	else if (cl->has_loss[2] && !check_near(en->best_test[r], cl->loss[2], cl->tolerance))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: at step %ld, where the "
			    "validation loss is lowest, the test loss is %.6g, not %.6g",
			    en->best[r], check_fmt_value(en->best_test[r]), cl->loss[2]);
}

static void
check_sharpness(struct checker *k, const struct claim *cl, struct objective *o,
		const struct ends *en)
{
	struct point_report rep;
	int n = objective_dim(o);

	if (n > OPT_MAX_HESSIAN) {
		check_wrong(k, cl->line, cl->column, "the sharpness is proved up to %d parameters, "
			    "and this model has %d", OPT_MAX_HESSIAN, n);
		return;
	}
	if (en->out[cl->run] == RUN_DIVERGED) {
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the run diverges");
		return;
	}
	if (analysis_point(o, en->w[cl->run], 0, &rep) < 0) {
		check_wrong(k, cl->line, cl->column, "the claim is wrong: the run ends where the "
			    "Hessian is not finite");
		return;
	}
	if (!check_near(rep.lmax, cl->f[0], cl->tolerance))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: where the run ends (step "
			    "%ld) the sharpness (the Hessian's largest eigenvalue) is %.6g, not %.6g",
			    en->step[cl->run], check_fmt_value(rep.lmax), cl->f[0]);
	analysis_point_done(&rep);
}

/*
 * A census from cl->steps starts: the page's init drawn from its seed,
 * seed + 1, ... (descent analyze --census N --seed S says the same).
 */
static void
check_census(struct checker *k, const struct lesson_page *p, const struct claim *cl,
	     struct objective *o)
{
	/* TRANSLATORS: in "the census ... found 3 minima" and "found the
	 * minima's losses from 0.1 to 0.2" */
	static const char *const what[CENSUS_RANGES] = { N_("minima"), N_("saddles"),
		N_("maxima"), N_("the minima's losses"), N_("the saddles' indices") };
	int n = objective_dim(o), i, s;
	double *starts, lo[CENSUS_RANGES], hi[CENSUS_RANGES];
	struct census_options co;
	struct census cs;
	struct expr_mlp net;

	if (n > OPT_MAX_HESSIAN || !lesson_page_network(p, &net)) {
		check_wrong(k, cl->line, cl->column, "a census draws its starts from a network's "
			    "init, up to %d parameters", OPT_MAX_HESSIAN);
		return;
	}
	starts = xmalloc((size_t)cl->steps * (size_t)n * sizeof *starts);
	for (s = 0; s < cl->steps; s++) {
		struct diag err;
		expr_mlp_init(&net, p->descent.init != NULL ? p->descent.init : "glorot",
			      p->descent.seed + (uint64_t)s, starts + (size_t)s * (size_t)n, &err);
	}
	census_options_init(&co);
	if (analysis_census(o, (size_t)cl->steps, starts, &co, &cs) != 0) {
		free(starts);
		return;
	}
	for (i = 0; i < CENSUS_RANGES; i++) {
		lo[i] = INFINITY;
		hi[i] = -INFINITY;
	}
	{
		double count[3] = { 0, 0, 0 };
		for (i = 0; i < cs.npoints; i++) {
			const struct census_point *cp = &cs.points[i];
			if (cp->kind == CP_MINIMUM) {
				count[0]++;
				lo[CENSUS_LOSS] = fmin(lo[CENSUS_LOSS], cp->f);
				hi[CENSUS_LOSS] = fmax(hi[CENSUS_LOSS], cp->f);
			} else if (cp->kind == CP_SADDLE) {
				count[1]++;
				lo[CENSUS_INDEX] = fmin(lo[CENSUS_INDEX], cp->index);
				hi[CENSUS_INDEX] = fmax(hi[CENSUS_INDEX], cp->index);
			} else if (cp->kind == CP_MAXIMUM) {
				count[2]++;
			}
		}
		for (i = 0; i < 3; i++)
			lo[i] = hi[i] = count[i];
	}
	for (i = 0; i < CENSUS_RANGES; i++) {
		const double *r = cl->range[i];
		char found[80];
		if (!cl->has_range[i])
			continue;
		if (lo[i] > hi[i]) {    /* none of the kind: a range of what is not there */
			if (i == CENSUS_LOSS)
				check_wrong(k, cl->line, cl->column, "the claim is wrong: the census "
					    "from %ld starts found no minimum", cl->steps);
			else
				check_wrong(k, cl->line, cl->column, "the claim is wrong: the census "
					    "from %ld starts found no saddle", cl->steps);
			continue;
		}
		if (lo[i] == hi[i])
			snprintf(found, sizeof found, "%.6g", check_fmt_value(lo[i]));
		else
			snprintf(found, sizeof found, _("from %.6g to %.6g"), check_fmt_value(lo[i]),
				 check_fmt_value(hi[i]));
		if (lo[i] < r[0] - cl->tolerance * fmax(1, fabs(r[0])) ||
		    hi[i] > r[1] + cl->tolerance * fmax(1, fabs(r[1])))
			check_wrong(k, cl->line, cl->column, "the claim is wrong: the census from %ld "
				    "starts (seeds %llu to %llu) found %s %s, not within [%g, %g]",
				    cl->steps, (unsigned long long)p->descent.seed,
				    (unsigned long long)(p->descent.seed + (uint64_t)cl->steps - 1),
				    i < CENSUS_LOSS ? found : _(what[i]),
				    i < CENSUS_LOSS ? _(what[i]) : found, r[0], r[1]);
	}
	analysis_census_done(&cs);
	free(starts);
}

/* The highest point on the line from run cl->run's end to cl->to. */
static void
check_barrier(struct checker *k, const struct lesson_page *p, const struct claim *cl,
	      struct objective *o, struct ends *en)
{
	static const char *const names[] = { "t" };
	int n = objective_dim(o), i;
	double *dir = xmalloc((size_t)n * sizeof *dir), *other = NULL;
	struct objective *line;
	struct barrier b;
	struct expr_mlp net;
	int l, j, u;

	if (strcmp(cl->to, "start") == 0) {
		other = xmalloc((size_t)n * sizeof *other);
		memcpy(other, lesson_run_start(p, cl->run), (size_t)n * sizeof *other);
	} else if (sscanf(cl->to, "swap:%d:%d:%d", &l, &j, &u) == 3 && lesson_page_network(p, &net)) {
		other = xmalloc((size_t)n * sizeof *other);
		memcpy(other, en->w[cl->run], (size_t)n * sizeof *other);
		expr_mlp_swap(&net, l, j, u, other);
	} else if (strncmp(cl->to, "run:", 4) == 0 && run_end(en, p, o, atoi(cl->to + 4)) == 0) {
		other = xmalloc((size_t)n * sizeof *other);
		memcpy(other, en->w[atoi(cl->to + 4)], (size_t)n * sizeof *other);
	}
	if (other == NULL) {
		free(dir);
		return;
	}
	for (i = 0; i < n; i++)
		dir[i] = other[i] - en->w[cl->run][i];
	line = objective_slice(o, en->w[cl->run], dir, 1, names);
	analysis_barrier(line, &b);
	if (!check_near(b.height, cl->f[0], cl->tolerance))
		check_wrong(k, cl->line, cl->column, "the claim is wrong: on the line from the "
			    "run's end (t = 0, f = %.6g) to %s (t = 1, f = %.6g) the highest f is "
			    "%.6g at t = %.3g: %.6g above the higher end, not %.6g",
			    check_fmt_value(b.f0), cl->to, check_fmt_value(b.f1),
			    check_fmt_value(b.f), b.t, check_fmt_value(b.height), cl->f[0]);
	objective_free(line);
	free(other);
	free(dir);
}

static void
network_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	struct ends en;
	struct diag err;
	int i;

	memset(&en, 0, sizeof en);
	if (lesson_objective_parts(p, &en.val, &en.test, &err) < 0) {
		check_wrong(k, p->line, p->column, "%s", err.message);
		return;
	}
	for (i = 0; i < p->nclaims; i++)        /* the validation curve only where claimed */
		if (p->claims[i].kind == CLAIM_LOWEST_VAL && p->claims[i].run < LESSON_MAX_RUNS)
			en.want_best[p->claims[i].run] = 1;
	for (i = 0; i < p->nclaims; i++) {
		const struct claim *cl = &p->claims[i];
		if (cl->kind != CLAIM_FINAL_LOSS && cl->kind != CLAIM_SHARPNESS &&
		    cl->kind != CLAIM_CENSUS && cl->kind != CLAIM_BARRIER &&
		    cl->kind != CLAIM_LOWEST_VAL)
			continue;
		if (cl->run >= p->descent.nruns || charge(k, p, cl, e->n, &en) < 0)
			break;
		if (cl->kind == CLAIM_CENSUS) {
			check_census(k, p, cl, e->o);
			continue;
		}
		if (run_end(&en, p, e->o, cl->run) < 0) {
			check_wrong(k, cl->line, cl->column, "the run does not start");
			continue;
		}
		switch (cl->kind) {
		case CLAIM_FINAL_LOSS:
			check_final_loss(k, cl, &en);
			break;
		case CLAIM_LOWEST_VAL:
			check_lowest_val(k, cl, &en);
			break;
		case CLAIM_SHARPNESS:
			check_sharpness(k, cl, e->o, &en);
			break;
		case CLAIM_BARRIER:
			check_barrier(k, p, cl, e->o, &en);
			break;
		default:
			break;
		}
	}
	for (i = 0; i < LESSON_MAX_RUNS; i++)
		free(en.w[i]);
	objective_free(en.val);
	objective_free(en.test);
}

/* --- the runner --------------------------------------------------------- */

static void
network_enter(struct lesson_runner *r)
{
	struct diag err;

	descent_enter(r);
	if (lesson_objective_parts(RUNNER_PAGE(r), &r->val, &r->test, &err) < 0)
		r->val = r->test = NULL;
}

int
runner_network_losses(struct lesson_runner *r, int i, double *loss)
{
	const struct trajectory *tr;
	const double *w;

	if (r->page < 0 || i < 0 || i >= r->nruns || r->runs[i] == NULL)
		return -1;
	tr = run_trajectory(r->runs[i]);
	w = run_point(r->runs[i]);
	if (tr->outcome != RUN_RUNNING && tr->len > 0)
		loss[0] = tr->f[tr->len - 1];
	else
		loss[0] = check_value_at(r->obj, w);
	loss[1] = r->val != NULL ? check_value_at(r->val, w) : NAN;
	loss[2] = r->test != NULL ? check_value_at(r->test, w) : NAN;
	return 0;
}

const double *
runner_network_curve(struct lesson_runner *r, int i, size_t *n)
{
	const struct trajectory *tr;
	size_t k;
	int dim;

	*n = 0;
	if (r->page < 0 || i < 0 || i >= r->nruns || r->runs[i] == NULL || r->val == NULL)
		return NULL;
	tr = run_trajectory(r->runs[i]);
	dim = tr->n;
	if (r->curve_gen[i] != r->gen || r->ncurve[i] > tr->len) {
		r->ncurve[i] = 0;       /* other runs than it was of */
		r->curve_gen[i] = r->gen;
	}
	if (r->ncurve[i] < tr->len) {
		r->curve[i] = xrealloc(r->curve[i], tr->len * sizeof *r->curve[i]);
		for (k = r->ncurve[i]; k < tr->len; k++)
			r->curve[i][k] = check_value_at(r->val, tr->w + k * (size_t)dim);
		r->ncurve[i] = tr->len;
	}
	*n = r->ncurve[i];
	return r->curve[i];
}

/*
 * The loss curves of a network page's runs: each run's training cost
 * and, with a validation part, its validation loss ("LABEL val"), into s
 * (2 * LESSON_MAX_RUNS at most, at most max); their count.
 */
int
runner_network_series(struct lesson_runner *r, struct plot_series *s, int max, char (*names)[80],
		       int sel)
{
	int i, k = 0;

	for (i = 0; i < r->nruns && k < max; i++) {
		const struct trajectory *t = run_trajectory(r->runs[i]);
		s[k].name = r->labels[i];
		s[k].v = t->f;
		s[k].n = t->len;
		plot_traj_style(i, &s[k].glyph, &s[k].color);
		k++;
	}
	for (i = 0; r->val != NULL && i < r->nruns && k < max; i++) {
		size_t n;
		const double *v;
		if (sel >= 0 && i != sel)
			continue;
		v = runner_network_curve(r, i, &n);
		if (r->nruns == 1)
			/* TRANSLATORS: a validation loss curve in the legend:
			 * alone, beside its run's ("val"), after a run's label */
			snprintf(names[i], 80, _("validation"));
		else if (sel >= 0)
			snprintf(names[i], 80, _("val"));
		else
			snprintf(names[i], 80, _("%s val"), r->labels[i]);
		s[k].name = names[i];
		s[k].v = v;
		s[k].n = n;
		plot_traj_style(r->nruns + i, &s[k].glyph, &s[k].color);
		k++;
	}
	return k;
}

/* Appends the canvas c as text to the stream fp. */
static void
put_canvas(FILE *fp, struct plot_canvas *c)
{
	plot_render_text(c, fp, 0);
	plot_canvas_free(c);
}

/*
 * learn --plain: the loss curves of the runs, then what the first has
 * learned (its curve over the examples, or a classifier's regions).
 */
static size_t
network_page_text(const struct lesson_runner *r, int width, int utf8, char *out, size_t size)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	struct plot_series s[8];        /* plot_series draws 8 at most */
	char names[LESSON_MAX_RUNS][80];
	struct plot_opts o;
	char *buf = NULL, title[160];
	size_t len = 0;
	FILE *fp;
	int k;

	if (r->obj == NULL || r->nruns == 0)
		return 0;
	plot_opts_init(&o);
	o.width = width < 40 ? 40 : width;
	o.height = o.width / 4 + 2;
	o.enc = utf8 ? PLOT_ENC_BRAILLE : PLOT_ENC_ASCII;
	o.color = 0;
	fp = open_memstream(&buf, &len);
	if (fp == NULL)
		return 0;
	/* every run's validation loss when the legend has room for them */
	k = runner_network_series((struct lesson_runner *)r, s, 8, names, r->nruns <= 2 ? -1 : 0);
	if (r->val != NULL)
		/* TRANSLATORS: the title of the loss curves; %s is the cost's
		 * name, "J" */
		snprintf(title, sizeof title, _("the training cost %s and the validation loss "
						"against the step"), runner_function_name(r));
	else
		snprintf(title, sizeof title, _("the training cost %s against the step"),
			 runner_function_name(r));
	put_canvas(fp, plot_series(&o, s, k, -1, title));
	{
		/* what the first run learned, for a model of one or two inputs */
		struct diag err;
		const struct dataset *d = objective_dataset(r->obj);
		struct objective *view = objective_model_view(r->obj, p->obj.model,
							      run_point(r->runs[0]), &err);
		int target = d != NULL ? dataset_column(d, "y") : -1, classifier;
		if (d != NULL && target < 0)
			target = d->ncols - 1;
		classifier = p->obj.loss != LOSS_MSE;
		if (view != NULL && d != NULL) {
			struct plot_fig *fig;
			/* TRANSLATORS: %s is a run's label, "adam,lr=0.01" */
			snprintf(title, sizeof title, _("what %s learned"), r->labels[0]);
			fig = plot_fig_fit(view, d, target, classifier, &o, title, &err);
			if (fig != NULL) {
				fputc('\n', fp);
				plot_render_text(plot_fig_canvas(fig), fp, 0);
				plot_fig_free(fig);
			}
		}
		objective_free(view);
	}
	fclose(fp);
	return page_give(buf, len, out, size);
}

const struct page_kind_def page_kind_network = {
	.name = "network",
	.members = (const char *const[]){ "data", "runs", "init", "start", "steps", "schedule",
					  "noise", "seed", "batch", "pace", NULL },
	.flags = PK_OBJECTIVE | PK_RUNS | PK_ANY_DIM | PK_NETWORK,
	.read = network_read,
	.free = descent_free,
	.check = network_check,
	.enter = network_enter,
	.page_text = network_page_text,
};
