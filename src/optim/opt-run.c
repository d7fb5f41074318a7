/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-run.c - the runner: evaluates, records, decides the outcome and
 * steps, one step at a time (the live descent of the UI calls run_step
 * per frame), or for many lanes in lockstep (basins of attraction, and
 * the cells of maps, each lane with its own settings, mini-batches and
 * noise).
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

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/clones.h"
#include "descent/i18n.h"
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
	double *w, *g, *gstep, *h, *wprev;
	double *state;          /* the optimizer's (nstate values) */
	size_t nstate;          /*   opt_state_size, and at least 2n */
	double **wp, **gp, **gsp;       /* one pointer per coordinate, for m = 1 */
	double **hp, **statep;          /* hp: newton's only */
	double f;
	struct rng rng;
	size_t *perm, pos;      /* mini-batches: a shuffled order and where we are */
	struct trajectory tr;
};

/* The names stay English (tests compare them); shown, they go through _(). */
const char *
run_outcome_name(enum run_outcome o)
{
	switch (o) {
	case RUN_RUNNING: return N_("running");
	case RUN_CONVERGED: return N_("converged");
	case RUN_MAX_STEPS: return N_("step limit");
	case RUN_DIVERGED: return N_("diverged");
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

int
run_config_check(const struct run_config *c, size_t nex, struct diag *err)
{
	if (c->batch > 0 && nex == 0)
		return diag_set(err, NULL, 0, 0, "mini-batches need a data objective (--data)");
	if (c->batch > nex && nex > 0)
		return diag_set(err, NULL, 0, 0, "the batch size %zu is larger than the data "
				"(%zu examples)", c->batch, nex);
	if (c->line_search && c->opt != &opt_gd && c->opt != &opt_newton)
		return diag_set(err, NULL, 0, 0, "the line search is for gd and newton, not %s",
				c->opt->name);
	if (c->line_search && c->batch > 0 && c->batch < nex)
		return diag_set(err, NULL, 0, 0, "the line search needs the full batch");
	if (c->opt->line_search && c->noise > 0)
		return diag_set(err, NULL, 0, 0, "%s searches along its direction with the true "
				"f and gradient: it takes no noise", c->opt->name);
	if (c->opt->line_search && c->batch > 0 && c->batch < nex)
		return diag_set(err, NULL, 0, 0, "%s searches along its direction with the true "
				"f and gradient: it takes no mini-batches", c->opt->name);
	return 0;
}

struct run *
run_new(struct objective *o, const struct run_config *c, const double *start,
	struct diag *err)
{
	int n = objective_dim(o), k;
	struct run *r;
	size_t nex = objective_nexamples(o), i, nh;

	if (run_config_check(c, nex, err) < 0)
		return NULL;
	if (c->opt->needs_hessian && n > OPT_MAX_HESSIAN) {
		diag_set(err, NULL, 0, 0, "%s needs the Hessian, which descent gives up to %d "
			 "parameters, and this has %d: take lbfgs instead", c->opt->name,
			 OPT_MAX_HESSIAN, n);
		return NULL;
	}
	nh = c->opt->needs_hessian ? (size_t)n * n : 0;
	r = xcalloc(1, sizeof *r);
	r->o = o;
	r->c = *c;
	r->n = n;
	r->nstate = opt_state_size(c->opt, n, &c->params);
	if (r->nstate < 2 * (size_t)n)
		r->nstate = 2 * (size_t)n;      /* s1 and s2 always point into it */
	r->buf = xcalloc((size_t)n * 5 + nh + r->nstate, sizeof *r->buf);
	r->w = r->buf;
	r->g = r->w + n;
	r->gstep = r->g + n;
	r->wprev = r->gstep + n;
	r->h = r->wprev + n;
	r->state = r->h + nh;
	r->wp = xmalloc(3 * (size_t)n * sizeof *r->wp);
	r->gp = r->wp + n;
	r->gsp = r->gp + n;
	r->hp = xmalloc((nh + 1) * sizeof *r->hp);
	r->statep = xmalloc(r->nstate * sizeof *r->statep);
	for (k = 0; k < n; k++) {
		r->w[k] = start[k];
		r->wp[k] = &r->w[k];
		r->gp[k] = &r->g[k];
		r->gsp[k] = &r->gstep[k];
	}
	for (i = 0; i < nh; i++)
		r->hp[i] = &r->h[i];
	for (i = 0; i < r->nstate; i++)
		r->statep[i] = &r->state[i];
	rng_init(&r->rng, c->seed);
	if (c->batch > 0 && c->batch < nex) {
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
	free(r->wp);
	free(r->hp);
	free(r->statep);
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
	if (i < 0 || i >= r->c.opt->nstate)
		return NULL;
	return r->state + (size_t)i * (size_t)r->n;
}

const double *
run_state_all(const struct run *r)
{
	return r->state;
}

/* A line search's evaluation: the run's objective at x, the full data. */
static void
run_eval(void *ctx, size_t lane, const double *x, double *f, double *g)
{
	struct run *r = ctx;

	(void)lane;
	objective_eval_point(r->o, x, f, g, NULL);
	r->tr.evals++;
}

const double *
run_point(const struct run *r)
{
	return r->w;
}

/*
 * The reason stays English in the trajectory, which records and JSON
 * keep: a screen shows it translated, each reason being a message (N_).
 */
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

/*
 * The Armijo search of a run or a lane: the step the rule took, from
 * wprev to w (n values), halved until f decreases enough along it, with
 * g the gradient the step took and f the value at wprev; w is moved
 * back to the step kept.  Returns the evaluations it made.  A lane and a
 * run call it with the same numbers, so that they stay the same run.
 */
static long
armijo(struct objective *o, int n, double *w, const double *wprev, const double *g, double f)
{
	double *d, *x, slope = 0, alpha = 1, fx;
	long evals = 0;
	int k, i;

	for (k = 0; k < n; k++)
		slope += g[k] * (w[k] - wprev[k]);
	if (!(slope < 0))
		return 0;               /* not a descent direction: keep the step */
	d = xmalloc(2 * (size_t)n * sizeof *d);
	x = d + n;
	for (k = 0; k < n; k++)
		d[k] = w[k] - wprev[k];
	for (i = 0; i < ARMIJO_HALVINGS; i++) {
		for (k = 0; k < n; k++)
			x[k] = wprev[k] + alpha * d[k];
		objective_eval_point(o, x, &fx, NULL, NULL);
		evals++;
		if (fx <= f + ARMIJO_C * alpha * slope)
			break;
		alpha *= 0.5;
	}
	for (k = 0; k < n; k++)
		w[k] = wprev[k] + alpha * d[k];
	free(d);
	return evals;
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
	r->tr.evals++;
	gnorm = la_norm(n, r->g);
	lr = sched_lr(&r->c.sched, r->c.params.lr, r->t);
	record(r, gnorm, lr);
	for (k = 0; k < n; k++)
		big = fmax(big, fabs(r->w[k]));
	if (!isfinite(r->f) || !isfinite(gnorm)) {
		end(r, RUN_DIVERGED, !isfinite(r->f) ? N_("f is not finite") :
		    N_("the gradient is not finite"));
		return RUN_DIVERGED;
	}
	if (big > r->c.bound || fabs(r->f) > r->c.bound) {
		char why[96];
		snprintf(why, sizeof why, big > r->c.bound ? N_("the point is beyond %g") :
			 N_("|f| is beyond %g"), r->c.bound);
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
	s.state = r->statep;
	s.s1 = r->statep;
	s.s2 = r->statep + n;
	s.f = &r->f;
	s.eval = run_eval;
	s.ctx = r;
	s.t = r->t + 1;
	s.lr = lr;
	s.p = &r->c.params;
	s.flag = &flag;
	opt->step(&s);
	if (r->c.line_search)
		r->tr.evals += armijo(r->o, n, r->w, r->wprev, r->gstep, r->f);
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
 * Lanes in lockstep, in blocks of LANE_BLOCK: a block's points, gradients
 * and state (a few kilobytes for a small n) stay in the first levels of
 * the cache while it takes all its steps, evaluation, status and update
 * in turn, before the next block starts.  Lanes are independent (the
 * evaluator's and the rules' lanes do not mix), so the order changes no
 * result.  Within a block the active lanes are packed at the front; a
 * step where none stops moves nothing.
 */
#define LANE_BLOCK 256

/* A block's arrays, each of cap lanes (LANE_BLOCK or fewer, rounded up to 8). */
struct lanes {
	int n, hess;
	size_t ns;              /* the optimizer's state: opt_state_size, at least 2n */
	size_t nvec;            /* arrays of cap lanes in vec: 2n + ns, and n*n with hess */
	size_t cap;
	double *buf;
	double **vec;           /* w, g (n each), state (ns), h (n*n): arrays of cap */
	double **w, **g, **st, **h;
	double *f, *g2, *big;   /* f, |grad|^2, the largest |w_k| */
	const double *zero;     /* cap zeros */
	double *status;         /* an enum run_outcome */
	unsigned char *flag;
	size_t *lane;           /* where each packed lane sits in the caller's arrays */
	double **one;           /* one lane's w, g, state and h, for lanes_step_each */
	/* runs on data (run_lanes_data): by a lane's place in its block */
	struct rng *rng;        /* its stream of shuffles and noise */
	size_t *perm, *pos;     /* its shuffled examples (nex each) and where it is */
	/* and by packed lane, this step's mini-batches */
	const size_t **idx;
	size_t *nidx;
	/* with the Armijo search, the points before the step (n arrays of cap) */
	double *wprev_buf, **wprev;
};

/* What a call runs: the same for all its blocks. */
struct lanes_job {
	struct objective *o;
	const struct run_config *c;
	const double *const *vary;
	const struct lanes_data *d;     /* NULL but for run_lanes_data */
	size_t nex;                     /* with d: the examples */
	double conv;                    /* converged_g2(c->tol) */
	const double *const *starts;
	double *const *final;
	enum run_outcome *outcome;
	long *steps;
	size_t ns;                      /* the optimizer's state, per lane (lanes_init) */
};

/*
 * Arrays for blocks of up to block lanes; with job->d, the random state
 * of each lane, and a permutation of the examples for each when perm.
 */
static void
lanes_init(struct lanes *l, int n, int hess, size_t block, const struct lanes_job *job,
	   int perm)
{
	size_t ns = job->ns, nvec = 2 * (size_t)n + ns + (hess ? (size_t)n * n : 0), i;

	memset(l, 0, sizeof *l);
	l->n = n;
	l->hess = hess;
	l->ns = ns;
	l->nvec = nvec;
	l->cap = (block + 7) & ~(size_t)7;
	/* the padding lanes are read by the status pass, so they are zeros, not garbage */
	l->buf = xcalloc(l->cap * (nvec + 5), sizeof *l->buf);
	l->vec = xmalloc((nvec ? nvec : 1) * sizeof *l->vec);
	for (i = 0; i < nvec; i++)
		l->vec[i] = l->buf + i * l->cap;
	l->w = l->vec;
	l->g = l->vec + n;
	l->st = l->vec + 2 * n;
	l->h = l->st + ns;
	l->f = l->buf + nvec * l->cap;
	l->g2 = l->f + l->cap;
	l->big = l->g2 + l->cap;
	l->status = l->big + l->cap;
	l->zero = l->status + l->cap;
	l->flag = xcalloc(l->cap, 1);
	l->lane = xmalloc(l->cap * sizeof *l->lane);
	l->one = xmalloc((nvec ? nvec : 1) * sizeof *l->one);
	if (job->c->line_search) {
		l->wprev_buf = xmalloc((size_t)n * l->cap * sizeof *l->wprev_buf);
		l->wprev = xmalloc((size_t)(n ? n : 1) * sizeof *l->wprev);
		for (i = 0; i < (size_t)n; i++)
			l->wprev[i] = l->wprev_buf + i * l->cap;
	}
	if (job->d != NULL) {
		l->rng = xmalloc(l->cap * sizeof *l->rng);
		l->pos = xcalloc(l->cap, sizeof *l->pos);
		l->idx = xcalloc(l->cap, sizeof *l->idx);
		l->nidx = xcalloc(l->cap, sizeof *l->nidx);
		if (perm)
			l->perm = xmalloc(block * job->nex * sizeof *l->perm);
	}
}

static void
lanes_done(struct lanes *l)
{
	free(l->wprev_buf);
	free(l->wprev);
	free(l->rng);
	free(l->pos);
	free(l->idx);
	free(l->nidx);
	free(l->perm);
	free(l->one);
	free(l->lane);
	free(l->flag);
	free(l->vec);
	free(l->buf);
}

/*
 * The largest g2 whose square root is below tol, or -1 when there is
 * none: for a finite g2 >= 0, sqrt(g2) < tol exactly when g2 <= the
 * result (the rounded square root never decreases), so the status pass
 * decides convergence without a square root, as a run does with one.
 */
static double
converged_g2(double tol)
{
	double x;

	if (!(tol > 0))
		return -1;
	if (sqrt(DBL_MAX) < tol)
		return DBL_MAX;
	x = tol * tol;
	while (x > 0 && !(sqrt(x) < tol))
		x = nextafter(x, 0);
	while (x < DBL_MAX && sqrt(nextafter(x, INFINITY)) < tol)
		x = nextafter(x, INFINITY);
	return x;
}

/*
 * The status pass, in loops over whole groups of 8 lanes (a8 of them)
 * that the compiler vectorizes (with the VM's flags and clones,
 * descent/clones.h): restrict says that the arrays do not
 * overlap, which it cannot know of a block's arrays.  The first
 * parameter starts |grad|^2 and the largest |w_k| (0 + g*g is g*g, and
 * a NaN w_k is left out, as fmax leaves it out in run_step), the others
 * but the last add themselves, and the last one's loop decides.
 */
static DESCENT_CLONES void
status_first(size_t a8, const double *restrict w, const double *restrict g,
	     double *restrict g2, double *restrict big)
{
	size_t i;

	for (i = 0; i < a8; i++) {
		double x = fabs(w[i]);
		g2[i] = g[i] * g[i];
		big[i] = x > 0 ? x : 0;
	}
}

static DESCENT_CLONES void
status_add(size_t a8, const double *restrict w, const double *restrict g,
	   double *restrict g2, double *restrict big)
{
	size_t i;

	for (i = 0; i < a8; i++) {
		double x = fabs(w[i]);
		g2[i] += g[i] * g[i];
		big[i] = x > big[i] ? x : big[i];
	}
}

/*
 * The last parameter, then run_step's tests in its order, as selects:
 * diverged where f or |grad|^2 is not finite or where |f| or a |w_k| is
 * past the bound, else converged where |grad| < tol (g2 <= conv), else
 * the step limit (limit), else running.  g2 and big are of the other
 * parameters (zeros when there are none).  The outcome is kept as a
 * double, the type of the other arrays, for the loop to keep one
 * vector width.
 */
static DESCENT_CLONES void
status_last(size_t a8, const double *restrict w, const double *restrict g,
	    const double *restrict g2, const double *restrict big,
	    const double *restrict f, double bound, double conv, double limit,
	    double *restrict st)
{
	size_t i;

	for (i = 0; i < a8; i++) {
		double x = fabs(w[i]), af = fabs(f[i]);
		double sq = g2[i] + g[i] * g[i], b = x > big[i] ? x : big[i];
		double s = sq <= conv ? RUN_CONVERGED : limit;
		b = af > b ? af : b;
		s = sq <= DBL_MAX ? s : RUN_DIVERGED;
		s = af <= DBL_MAX ? s : RUN_DIVERGED;
		st[i] = b > bound ? RUN_DIVERGED : s;
	}
}

/*
 * The largest outcome of a8 lanes: RUN_RUNNING when none stopped.  Eight
 * running maxima, one per lane of a group, so that the loop vectorizes
 * (a single one would be a chain the compiler must keep in order).
 */
static DESCENT_CLONES double
status_any(size_t a8, const double *restrict st)
{
	double acc[8] = { 0 }, any = 0;
	size_t i;
	int j;

	for (i = 0; i < a8; i += 8)
		for (j = 0; j < 8; j++)
			acc[j] = st[i + j] > acc[j] ? st[i + j] : acc[j];
	for (j = 0; j < 8; j++)
		any = acc[j] > any ? acc[j] : any;
	return any;
}

/*
 * The outcome of each of the first a lanes at this step, into
 * l->status; lanes up to a rounded up to 8 are computed too, and
 * ignored.  Returns the first lane that stopped, or a when none did.
 */
static size_t
lanes_status(struct lanes *l, size_t a, double bound, double conv, int at_limit)
{
	size_t a8 = (a + 7) & ~(size_t)7, i;
	const double *g2 = l->zero, *big = l->zero;
	double limit = at_limit ? RUN_MAX_STEPS : RUN_RUNNING;
	int n = l->n, k;

	if (n >= 2) {
		status_first(a8, l->w[0], l->g[0], l->g2, l->big);
		for (k = 1; k < n - 1; k++)
			status_add(a8, l->w[k], l->g[k], l->g2, l->big);
		g2 = l->g2;
		big = l->big;
	}
	if (n >= 1)
		status_last(a8, l->w[n - 1], l->g[n - 1], g2, big, l->f, bound, conv,
			    limit, l->status);
	else
		status_last(a8, l->zero, l->zero, g2, big, l->f, bound, conv, limit,
			    l->status);
	for (i = a; i < a8; i++)
		l->status[i] = RUN_RUNNING;
	if (status_any(a8, l->status) == RUN_RUNNING)
		return a;
	for (i = 0; l->status[i] == RUN_RUNNING; i++)
		;
	return i;
}

/*
 * Writes out the lanes that stopped at step t and packs the others at
 * the front (point, state, and the derivatives this step uses), from
 * first, the first that stopped; returns how many run on.
 */
static size_t
lanes_pack(struct lanes *l, const struct lanes_job *job, size_t a, size_t first, long t)
{
	int n = l->n, k;
	size_t i, j, m;

	for (i = j = first; i < a; i++) {       /* the lanes before first stay */
		size_t dst = l->lane[i];
		if (l->status[i] != RUN_RUNNING) {
			for (k = 0; k < n; k++)
				job->final[k][dst] = l->w[k][i];
			job->outcome[dst] = (enum run_outcome)l->status[i];
			job->steps[dst] = t;
			if (job->d != NULL && job->d->f != NULL)
				job->d->f[dst] = l->f[i];
			continue;
		}
		l->lane[j] = dst;
		l->f[j] = l->f[i];
		for (k = 0; k < n; k++) {
			l->w[k][j] = l->w[k][i];
			l->g[k][j] = l->g[k][i];
		}
		for (m = 0; m < l->ns; m++)
			l->st[m][j] = l->st[m][i];
		for (k = 0; l->hess && k < n * n; k++)
			l->h[k][j] = l->h[k][i];
		j++;
	}
	return j;
}

/* A line search's evaluation in a lane: the objective (ctx) at x, the full data. */
static void
lanes_eval(void *ctx, size_t lane, const double *x, double *f, double *g)
{
	(void)lane;
	objective_eval_point(ctx, x, f, g, NULL);
}

/*
 * Step t of the first a lanes when their settings differ (vary, as
 * run_lanes_vary takes it): the update rule on each lane alone, with its
 * own parameters, as run_step calls it, so that each lane is bit for bit
 * the run its settings make.  The evaluations stay batched.
 */
static void
lanes_step_each(struct lanes *l, const struct lanes_job *job, size_t a, long t)
{
	const struct run_config *c = job->c;
	int n = l->n, id;
	struct opt_params p;
	struct opt_step s;
	size_t j, k;

	s.n = n;
	s.m = 1;
	s.w = l->one;
	s.g = l->one + n;
	s.state = l->one + 2 * n;
	s.s1 = s.state;
	s.s2 = s.state + n;
	s.h = s.state + l->ns;
	s.eval = lanes_eval;
	s.ctx = job->o;
	s.t = t + 1;
	s.p = &p;
	for (j = 0; j < a; j++) {
		p = c->params;
		for (id = 0; id < OPT_PARAM_COUNT; id++)
			if (job->vary[id] != NULL)
				*opt_param_slot(&p, id) = job->vary[id][l->lane[j]];
		for (k = 0; k < l->nvec; k++)
			l->one[k] = l->vec[k] + j;
		s.f = l->f + j;
		s.lr = sched_lr(&c->sched, p.lr, t);
		s.flag = l->flag + j;
		c->opt->step(&s);
	}
}

/*
 * Lane i of a block, caller's lane lo + i, takes mini-batches when its
 * batch is between 0 and the data's size, both excluded.
 */
static int
lanes_batched(const struct lanes_job *job, size_t lane)
{
	size_t b = job->d->batch[lane];

	return b > 0 && b < job->nex;
}

/* The random state of the block's m lanes from lo, as run_new sets a run's. */
static void
lanes_random_init(struct lanes *l, const struct lanes_job *job, size_t lo, size_t m)
{
	size_t i, e, nex = job->nex;

	for (i = 0; i < m; i++) {
		rng_init(&l->rng[i], job->d->seed[lo + i]);
		l->pos[i] = 0;
		if (lanes_batched(job, lo + i)) {
			size_t *perm = l->perm + i * nex;
			for (e = 0; e < nex; e++)
				perm[e] = e;
			rng_shuffle(&l->rng[i], perm, nex);
		}
		if (job->d->reached != NULL)
			job->d->reached[lo + i] = -1;
	}
}

/*
 * The step's gradient of the a running lanes as run_step takes it: each
 * lane's next mini-batch, reshuffled at each epoch, in one batched call,
 * then its noise, from its own stream.
 */
static void
lanes_random_gradient(struct lanes *l, const struct lanes_job *job, size_t lo, size_t a)
{
	size_t j, nex = job->nex;
	int k, any = 0;

	for (j = 0; j < a; j++) {
		size_t i = l->lane[j] - lo, b = job->d->batch[l->lane[j]];
		size_t *perm = l->perm + i * nex;

		l->idx[j] = NULL;
		if (!lanes_batched(job, l->lane[j]))
			continue;
		if (l->pos[i] >= nex) {
			rng_shuffle(&l->rng[i], perm, nex);
			l->pos[i] = 0;
		}
		if (b > nex - l->pos[i])
			b = nex - l->pos[i];    /* the epoch's last, smaller batch */
		l->idx[j] = perm + l->pos[i];
		l->nidx[j] = b;
		l->pos[i] += b;
		any = 1;
	}
	if (any)
		objective_eval_subsets(job->o, a, (const double *const *)l->w, l->idx, l->nidx,
				       NULL, l->g, l->hess ? l->h : NULL);
	if (job->c->noise > 0)
		for (j = 0; j < a; j++)
			for (k = 0; k < l->n; k++)
				l->g[k][j] += job->c->noise * rng_normal(&l->rng[l->lane[j] - lo]);
}

/*
 * The Armijo search of each of the first a lanes after their step, as
 * run_step makes it: each lane from its point before the step, with the
 * gradient the step took and f there.
 */
static void
lanes_armijo(struct lanes *l, const struct lanes_job *job, size_t a)
{
	int n = l->n, k;
	double *w = xmalloc(3 * (size_t)n * sizeof *w), *wprev = w + n, *g = wprev + n;
	size_t j;

	for (j = 0; j < a; j++) {
		for (k = 0; k < n; k++) {
			w[k] = l->w[k][j];
			wprev[k] = l->wprev[k][j];
			g[k] = l->g[k][j];
		}
		armijo(job->o, n, w, wprev, g, l->f[j]);
		for (k = 0; k < n; k++)
			l->w[k][j] = w[k];
	}
	free(w);
}

/* Runs the lanes [lo, lo + m) of the caller's arrays to their ends; m <= l->cap. */
static void
lanes_run(struct lanes *l, const struct lanes_job *job, size_t lo, size_t m)
{
	const struct run_config *c = job->c;
	const struct lanes_data *d = job->d;
	int n = l->n, k;
	size_t i, a = m, first;
	long t;
	struct opt_step s;

	for (k = 0; k < n; k++)
		memcpy(l->w[k], job->starts[k] + lo, m * sizeof *l->w[k]);
	for (i = 0; i < l->ns; i++)
		memset(l->st[i], 0, l->cap * sizeof *l->st[i]);
	for (i = 0; i < m; i++)
		l->lane[i] = lo + i;
	if (d != NULL)
		lanes_random_init(l, job, lo, m);
	s.n = n;
	s.w = l->w;
	s.g = l->g;
	s.h = l->h;
	s.state = l->st;
	s.s1 = l->st;
	s.s2 = l->st + n;
	s.f = l->f;
	s.eval = lanes_eval;
	s.ctx = job->o;
	s.p = &c->params;
	s.flag = l->flag;
	for (t = 0;; t++) {
		objective_eval(job->o, a, (const double *const *)l->w, l->f, l->g,
			       l->hess ? l->h : NULL);
		for (i = 0; d != NULL && d->reached != NULL && i < a; i++)
			if (d->reached[l->lane[i]] < 0 && l->f[i] <= d->goal)
				d->reached[l->lane[i]] = t;
		first = lanes_status(l, a, c->bound, job->conv, t >= c->max_steps);
		if (first < a) {
			a = lanes_pack(l, job, a, first, t);
			if (a == 0)
				return;
		}
		if (d != NULL)
			lanes_random_gradient(l, job, lo, a);
		for (k = 0; c->line_search && k < n; k++)
			memcpy(l->wprev[k], l->w[k], a * sizeof *l->w[k]);
		if (job->vary != NULL) {
			lanes_step_each(l, job, a, t);
		} else {
			s.m = a;
			s.t = t + 1;
			s.lr = sched_lr(&c->sched, c->params.lr, t);
			c->opt->step(&s);
		}
		if (c->line_search)
			lanes_armijo(l, job, a);
	}
}

/*
 * The state of a lane, at least 2n (s1 and s2 point into it): for the
 * largest memory when lanes vary it.
 */
static size_t
lanes_state_size(const struct lanes_job *job, int n, size_t m)
{
	struct opt_params p = job->c->params;
	const double *mem = job->vary != NULL ? job->vary[OPT_PARAM_MEMORY] : NULL;
	size_t i, ns;

	for (i = 0; mem != NULL && i < m; i++)
		p.memory = fmax(p.memory, mem[i]);
	ns = opt_state_size(job->c->opt, n, &p);
	return ns < 2 * (size_t)n ? 2 * (size_t)n : ns;
}

/* The lanes of a permutation each, at most, in the blocks of run_lanes_data. */
#define LANES_PERM_BUDGET ((size_t)1 << 22)

static void
lanes_all(struct lanes_job *job, size_t m)
{
	struct lanes l;
	size_t lo, block = m < LANE_BLOCK ? m : LANE_BLOCK, i;
	int id, perm = 0;

	if (m == 0)
		return;
	for (id = 0; job->vary != NULL && id < OPT_PARAM_COUNT && job->vary[id] == NULL; id++)
		;
	if (job->vary != NULL && id == OPT_PARAM_COUNT)
		job->vary = NULL;       /* nothing varies: one update over all lanes */
	job->conv = converged_g2(job->c->tol);
	job->ns = lanes_state_size(job, objective_dim(job->o), m);
	for (i = 0; job->d != NULL && i < m && !perm; i++)
		perm = lanes_batched(job, i);
	if (perm && block > LANES_PERM_BUDGET / job->nex)
		block = LANES_PERM_BUDGET / job->nex > 0 ? LANES_PERM_BUDGET / job->nex : 1;
	lanes_init(&l, objective_dim(job->o), job->c->opt->needs_hessian, block, job, perm);
	for (lo = 0; lo < m; lo += block)
		lanes_run(&l, job, lo, m - lo < block ? m - lo : block);
	lanes_done(&l);
}

void
run_lanes_vary(struct objective *o, const struct run_config *c, size_t m,
	       const double *const *starts, const double *const *vary,
	       double *const *final, enum run_outcome *outcome, long *steps)
{
	struct lanes_job job = { o, c, vary, NULL, 0, 0, starts, final, outcome, steps, 0 };

	lanes_all(&job, m);
}

void
run_lanes_data(struct objective *o, const struct run_config *c, size_t m,
	       const double *const *starts, const double *const *vary,
	       const struct lanes_data *d, double *const *final,
	       enum run_outcome *outcome, long *steps)
{
	struct lanes_job job = { o, c, vary, d, objective_nexamples(o), 0, starts, final,
				 outcome, steps, 0 };

	lanes_all(&job, m);
}

void
run_lanes(struct objective *o, const struct run_config *c, size_t m,
	  const double *const *starts, double *const *final,
	  enum run_outcome *outcome, long *steps)
{
	run_lanes_vary(o, c, m, starts, NULL, final, outcome, steps);
}
