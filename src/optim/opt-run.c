/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-run.c - the runner: evaluates, records, decides the outcome and
 * steps, one step at a time (the live descent of the UI calls run_step
 * per frame), or for many lanes in lockstep (basins of attraction).
 *
 * At each step t (from 0): the objective is evaluated at the current
 * point (the full data set, no noise: the recorded f and |grad| are the
 * true ones); the point is recorded; the run ends if f or the gradient
 * is not finite or past the bound (diverged), if |grad| < tol
 * (converged), or at the step limit; otherwise the step gradient is
 * taken (on the next mini-batch, plus noise when asked), the optimizer
 * moves the point with the schedule's rate, and an Armijo line search,
 * when on, halves the move until f decreases enough.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/linalg.h"
#include "descent/optim.h"
#include "descent/rng.h"
#include "descent/util.h"

#define ARMIJO_C 1e-4
#define ARMIJO_HALVINGS 40

struct run {
	struct objective *o;
	struct run_config c;
	int n;
	long t;
	double *buf;            /* every vector below, in one allocation */
	double *w, *g, *gstep, *h, *s1, *s2, *wprev;
	double *wp[LA_MAX_N], *gp[LA_MAX_N], *gsp[LA_MAX_N], *s1p[LA_MAX_N], *s2p[LA_MAX_N];
	double **hp;
	double f;
	struct rng rng;
	size_t *perm, pos;      /* mini-batches: a shuffled order and where we are */
	struct trajectory tr;
};

const char *
run_outcome_name(enum run_outcome o)
{
	switch (o) {
	case RUN_RUNNING: return "running";
	case RUN_CONVERGED: return "converged";
	case RUN_MAX_STEPS: return "step limit";
	case RUN_DIVERGED: return "diverged";
	}
	return "?";
}

void
run_config_init(struct run_config *c, const struct optimizer *opt)
{
	memset(c, 0, sizeof *c);
	c->opt = opt;
	c->params = opt->defaults;
	sched_init(&c->sched);
	c->max_steps = 1000;
	c->tol = 1e-6;
	c->bound = 1e8;
}

static void
record(struct run *r, double gnorm, double lr)
{
	struct trajectory *tr = &r->tr;

	if (tr->len == tr->cap) {
		tr->cap = tr->cap ? 2 * tr->cap : 64;
		tr->w = xreallocarray(tr->w, tr->cap * (size_t)r->n, sizeof *tr->w);
		tr->f = xreallocarray(tr->f, tr->cap, sizeof *tr->f);
		tr->gnorm = xreallocarray(tr->gnorm, tr->cap, sizeof *tr->gnorm);
		tr->lr = xreallocarray(tr->lr, tr->cap, sizeof *tr->lr);
		tr->flag = xreallocarray(tr->flag, tr->cap, 1);
	}
	memcpy(tr->w + tr->len * (size_t)r->n, r->w, r->n * sizeof *r->w);
	tr->f[tr->len] = r->f;
	tr->gnorm[tr->len] = gnorm;
	tr->lr[tr->len] = lr;
	tr->flag[tr->len] = 0;
	tr->len++;
}

struct run *
run_new(struct objective *o, const struct run_config *c, const double *start,
	struct diag *err)
{
	int n = objective_dim(o), k;
	struct run *r;
	size_t nex = objective_nexamples(o);

	if (c->batch > 0 && nex == 0) {
		diag_set(err, NULL, 0, 0, "mini-batches need a data objective (--data)");
		return NULL;
	}
	if (c->batch > nex && nex > 0) {
		diag_set(err, NULL, 0, 0, "the batch size %zu is larger than the data (%zu examples)",
			 c->batch, nex);
		return NULL;
	}
	if (c->line_search && c->opt != &opt_gd && c->opt != &opt_newton) {
		diag_set(err, NULL, 0, 0, "the line search is for gd and newton, not %s",
			 c->opt->name);
		return NULL;
	}
	if (c->line_search && c->batch > 0 && c->batch < nex) {
		diag_set(err, NULL, 0, 0, "the line search needs the full batch");
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->o = o;
	r->c = *c;
	r->n = n;
	r->buf = xcalloc((size_t)n * (7 + (size_t)n), sizeof *r->buf);
	r->w = r->buf;
	r->g = r->w + n;
	r->gstep = r->g + n;
	r->s1 = r->gstep + n;
	r->s2 = r->s1 + n;
	r->wprev = r->s2 + n;
	r->h = r->wprev + n;
	r->hp = xmalloc(((size_t)n * n + 1) * sizeof *r->hp);
	for (k = 0; k < n; k++) {
		r->w[k] = start[k];
		r->wp[k] = &r->w[k];
		r->gp[k] = &r->g[k];
		r->gsp[k] = &r->gstep[k];
		r->s1p[k] = &r->s1[k];
		r->s2p[k] = &r->s2[k];
	}
	for (k = 0; k < n * n; k++)
		r->hp[k] = &r->h[k];
	rng_init(&r->rng, c->seed);
	if (c->batch > 0 && c->batch < nex) {
		size_t i;
		r->perm = xmalloc(nex * sizeof *r->perm);
		for (i = 0; i < nex; i++)
			r->perm[i] = i;
		rng_shuffle(&r->rng, r->perm, nex);
	}
	r->tr.n = n;
	r->tr.outcome = RUN_RUNNING;
	return r;
}

void
run_free(struct run *r)
{
	if (r == NULL)
		return;
	free(r->tr.w);
	free(r->tr.f);
	free(r->tr.gnorm);
	free(r->tr.lr);
	free(r->tr.flag);
	free(r->perm);
	free(r->hp);
	free(r->buf);
	free(r);
}

const struct trajectory *
run_trajectory(const struct run *r)
{
	return &r->tr;
}

const double *
run_state(const struct run *r, int i)
{
	if (i >= r->c.opt->nstate)
		return NULL;
	return i == 0 ? r->s1 : r->s2;
}

const double *
run_point(const struct run *r)
{
	return r->w;
}

static void
end(struct run *r, enum run_outcome o, const char *reason)
{
	r->tr.outcome = o;
	r->tr.step = r->t;
	snprintf(r->tr.reason, sizeof r->tr.reason, "%s", reason);
}

/* The examples of the next mini-batch, reshuffled at each epoch. */
static void
next_batch(struct run *r)
{
	size_t nex = objective_nexamples(r->o), b = r->c.batch;

	if (r->pos >= nex) {
		rng_shuffle(&r->rng, r->perm, nex);
		r->pos = 0;
	}
	if (b > nex - r->pos)
		b = nex - r->pos;       /* the epoch's last, smaller batch */
	objective_use_examples(r->o, r->perm + r->pos, b);
	r->pos += b;
}

/* f at wprev + alpha*(w - wprev) for the Armijo test. */
static double
f_along(struct run *r, const double *d, double alpha)
{
	double x[LA_MAX_N], f;
	const double *xp[LA_MAX_N];
	int k;

	for (k = 0; k < r->n; k++) {
		x[k] = r->wprev[k] + alpha * d[k];
		xp[k] = &x[k];
	}
	objective_eval(r->o, 1, xp, &f, NULL, NULL);
	return f;
}

static void
line_search(struct run *r, const double *g)
{
	double d[LA_MAX_N], slope = 0, alpha = 1;
	int k, i;

	for (k = 0; k < r->n; k++) {
		d[k] = r->w[k] - r->wprev[k];
		slope += g[k] * d[k];
	}
	if (!(slope < 0))
		return;                 /* not a descent direction: keep the step */
	for (i = 0; i < ARMIJO_HALVINGS; i++) {
		if (f_along(r, d, alpha) <= r->f + ARMIJO_C * alpha * slope)
			break;
		alpha *= 0.5;
	}
	for (k = 0; k < r->n; k++)
		r->w[k] = r->wprev[k] + alpha * d[k];
}

struct run *
run_back(const struct run *r, struct diag *err)
{
	const struct trajectory *t = &r->tr;
	/* a run that ended recorded its last point without moving from it */
	size_t moved = t->outcome == RUN_RUNNING ? t->len : t->len > 0 ? t->len - 1 : 0, i;
	struct run *b;

	if (moved == 0) {
		diag_set(err, NULL, 0, 0, "the run is at its start");
		return NULL;
	}
	b = run_new(r->o, &r->c, t->w, err);      /* the first record is the start */
	for (i = 0; b != NULL && i + 1 < moved; i++)
		run_step(b);
	return b;
}

enum run_outcome
run_step(struct run *r)
{
	const struct optimizer *opt = r->c.opt;
	int n = r->n, k, hess = opt->needs_hessian;
	double gnorm, lr, big = 0;
	struct opt_step s;
	unsigned char flag = 0;

	if (r->tr.outcome != RUN_RUNNING)
		return r->tr.outcome;
	objective_eval(r->o, 1, (const double *const *)r->wp, &r->f, r->gp,
		       hess ? r->hp : NULL);
	gnorm = la_norm(n, r->g);
	lr = sched_lr(&r->c.sched, r->c.params.lr, r->t);
	record(r, gnorm, lr);
	for (k = 0; k < n; k++)
		big = fmax(big, fabs(r->w[k]));
	if (!isfinite(r->f) || !isfinite(gnorm)) {
		end(r, RUN_DIVERGED, !isfinite(r->f) ? "f is not finite" :
		    "the gradient is not finite");
		return RUN_DIVERGED;
	}
	if (big > r->c.bound || fabs(r->f) > r->c.bound) {
		char why[96];
		snprintf(why, sizeof why, "%s is beyond %g",
			 big > r->c.bound ? "the point" : "|f|", r->c.bound);
		end(r, RUN_DIVERGED, why);
		return RUN_DIVERGED;
	}
	if (gnorm < r->c.tol) {
		end(r, RUN_CONVERGED, "");
		return RUN_CONVERGED;
	}
	if (r->t >= r->c.max_steps) {
		end(r, RUN_MAX_STEPS, "");
		return RUN_MAX_STEPS;
	}

	/* the step's gradient: a mini-batch, noise */
	memcpy(r->gstep, r->g, n * sizeof *r->g);
	if (r->perm != NULL) {
		double f;
		next_batch(r);
		objective_eval(r->o, 1, (const double *const *)r->wp, &f, r->gsp,
			       hess ? r->hp : NULL);
		objective_use_examples(r->o, NULL, 0);  /* the objective is borrowed */
	}
	if (r->c.noise > 0)
		for (k = 0; k < n; k++)
			r->gstep[k] += r->c.noise * rng_normal(&r->rng);
	memcpy(r->wprev, r->w, n * sizeof *r->w);
	s.n = n;
	s.m = 1;
	s.w = r->wp;
	s.g = r->gsp;
	s.h = r->hp;
	s.s1 = r->s1p;
	s.s2 = r->s2p;
	s.t = r->t + 1;
	s.lr = lr;
	s.p = &r->c.params;
	s.flag = &flag;
	opt->step(&s);
	if (r->c.line_search)
		line_search(r, r->gstep);
	r->tr.flag[r->tr.len - 1] = flag;
	r->t++;
	return RUN_RUNNING;
}

enum run_outcome
run_all(struct run *r)
{
	enum run_outcome o;

	while ((o = run_step(r)) == RUN_RUNNING)
		;
	return o;
}

/*
 * Lanes in lockstep.  Active lanes are kept packed at the front of the
 * arrays; a lane that ends is written to the results and the last active
 * lane takes its place.
 */
void
run_lanes(struct objective *o, const struct run_config *c, size_t m,
	  const double *const *starts, double *const *final,
	  enum run_outcome *outcome, long *steps)
{
	const struct optimizer *opt = c->opt;
	int n = objective_dim(o), hess = opt->needs_hessian, k;
	size_t nvec = (size_t)n * (4 + (hess ? (size_t)n : 0)) + 2, i, active = m;
	double *buf = xmalloc((m ? m : 1) * nvec * sizeof *buf);
	double **vec = xmalloc(nvec * sizeof *vec);
	double **w = vec, **g = vec + n, **s1 = vec + 2 * n, **s2 = vec + 3 * n;
	double **h = vec + 4 * n, *f, *gn;
	size_t *lane = xmalloc((m ? m : 1) * sizeof *lane);
	unsigned char *flag = xcalloc(m ? m : 1, 1);
	long t;
	struct opt_step s;

	for (i = 0; i < nvec; i++)
		vec[i] = buf + i * m;
	f = vec[nvec - 2];
	gn = vec[nvec - 1];
	for (i = 0; i < m; i++) {
		lane[i] = i;
		for (k = 0; k < n; k++) {
			w[k][i] = starts[k][i];
			s1[k][i] = 0;
			s2[k][i] = 0;
		}
	}
	for (t = 0; active > 0; t++) {
		size_t j = 0;
		double lr = sched_lr(&c->sched, c->params.lr, t);

		objective_eval(o, active, (const double *const *)w, f, g, hess ? h : NULL);
		for (i = 0; i < active; i++) {
			double g2 = 0, big = fabs(f[i]);
			for (k = 0; k < n; k++) {
				g2 += g[k][i] * g[k][i];
				big = fmax(big, fabs(w[k][i]));
			}
			gn[i] = sqrt(g2);
			if (!isfinite(f[i]) || !isfinite(g2) || big > c->bound)
				outcome[lane[i]] = RUN_DIVERGED;
			else if (gn[i] < c->tol)
				outcome[lane[i]] = RUN_CONVERGED;
			else if (t >= c->max_steps)
				outcome[lane[i]] = RUN_MAX_STEPS;
			else
				outcome[lane[i]] = RUN_RUNNING;
			if (outcome[lane[i]] != RUN_RUNNING) {
				for (k = 0; k < n; k++)
					final[k][lane[i]] = w[k][i];
				steps[lane[i]] = t;
				continue;
			}
			if (j != i) {   /* pack the active lanes: point, state, and the
					 * derivatives this step uses */
				lane[j] = lane[i];
				for (k = 0; k < n; k++) {
					w[k][j] = w[k][i];
					g[k][j] = g[k][i];
					s1[k][j] = s1[k][i];
					s2[k][j] = s2[k][i];
				}
				for (k = 0; hess && k < n * n; k++)
					h[k][j] = h[k][i];
			}
			j++;
		}
		active = j;
		if (active == 0)
			break;
		s.n = n;
		s.m = active;
		s.w = w;
		s.g = g;
		s.h = h;
		s.s1 = s1;
		s.s2 = s2;
		s.t = t + 1;
		s.lr = lr;
		s.p = &c->params;
		s.flag = flag;
		opt->step(&s);
	}
	free(flag);
	free(lane);
	free(vec);
	free(buf);
}
