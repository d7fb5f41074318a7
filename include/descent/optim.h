/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim.h - the optimizers a learner watches, their learning-rate
 * schedules, and the runner that applies them step by step to an
 * objective, recording the trajectory and the outcome.
 *
 * Every optimizer is one update rule applied to many independent lanes
 * at once (w[k][lane], "structure of arrays"): a single descent is one
 * lane, a basin map is one lane per start.  With g the gradient, t the
 * step number (from 1) and zero initial state, the rules are the ones of
 * the frameworks:
 *
 *   gd        w -= lr*g
 *   momentum  v = beta*v + g;  w -= lr*v
 *   nesterov  v = beta*v + g;  w -= lr*(g + beta*v)
 *   adagrad   G += g^2;  w -= lr*g/(sqrt(G) + eps)
 *   rmsprop   E[g^2] = rho*E[g^2] + (1-rho)*g^2;
 *             w -= lr*g/(sqrt(E[g^2]) + eps)
 *   adam      m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g^2;
 *             w -= lr*(m/(1-beta1^t)) / (sqrt(v/(1-beta2^t)) + eps)
 *   newton    w -= lr*(H + damping*I)^-1 g where that matrix is positive
 *             definite; elsewhere (a saddle, a maximum) the step uses the
 *             absolute values of H's eigenvalues, |lambda| + damping, so
 *             that it still goes downhill, and the step is flagged.
 *
 * and the quasi-Newton family, whose steps search along a direction d
 * for a step a that meets the strong Wolfe conditions (opt-wolfe.c),
 * asking the runner for more evaluations, lane by lane:
 *
 *   bfgs      d = -B g, B an approximation of the inverse Hessian
 *             updated with each step's s = a*d and y = g_new - g;
 *   lbfgs     the same d from the last `memory` pairs (s, y) alone;
 *   cg        d = -g + beta*d_prev, beta of Polak and Ribiere (never below
 *             0, and 0 every n steps or when d would not go downhill).
 */
#ifndef DESCENT_OPTIM_H
#define DESCENT_OPTIM_H

#include <stddef.h>
#include <stdint.h>

#include "descent/objective.h"

/* The parameters of every optimizer; each uses some (optimizer.params). */
struct opt_params {
	double lr, beta, rho, beta1, beta2, eps, damping, memory;
};

/*
 * The parameters, listed once in opt_params_table (opt-table.c): the
 * name that options and lessons use, where the value lives in struct
 * opt_params, the values it may take and what it means.  Commands and
 * loaders loop over the table instead of naming the parameters.
 */
enum opt_param_id {
	OPT_PARAM_LR, OPT_PARAM_BETA, OPT_PARAM_RHO, OPT_PARAM_BETA1,
	OPT_PARAM_BETA2, OPT_PARAM_EPS, OPT_PARAM_DAMPING, OPT_PARAM_MEMORY,
	OPT_PARAM_COUNT
};

/* The values a parameter may take; all of them finite. */
enum opt_range {
	OPT_RANGE_POSITIVE,     /* (0, inf) */
	OPT_RANGE_NONNEG,       /* [0, inf) */
	OPT_RANGE_UNIT,         /* [0, 1) */
	OPT_RANGE_COUNT,        /* a whole number from 1 to OPT_MAX_MEMORY */
};
#define OPT_MAX_MEMORY 100
/* The most parameters whose exact Hessian is offered (newton; analysis). */
#define OPT_MAX_HESSIAN 2000

struct opt_param {
	const char *name;       /* "beta1": --beta1, the lesson field "beta1" */
	size_t offset;          /* of its double in struct opt_params */
	enum opt_range range;
	const char *meaning;    /* one line, for help and messages */
};
extern const struct opt_param opt_params_table[OPT_PARAM_COUNT];

/* Parameter k's (an opt_param_id) value in p: a pointer into p, or the value. */
double *opt_param_slot(struct opt_params *p, int k);
double opt_param_get(const struct opt_params *p, int k);
/* The id of the parameter named name, or -1. */
int opt_param_find(const char *name);
/* Whether v is a value parameter k may take (its range, and finite). */
int opt_param_in_range(int k, double v);
/* Parameter k's range in words, to follow "must be ": "positive", "zero or more" or "in [0, 1)". */
const char *opt_param_range_text(int k);

/*
 * An evaluation a step asks for (the quasi-Newton family's line
 * searches): f and the gradient g (n values) at the point x (n values)
 * for lane `lane` of the step; the runner counts it.
 */
typedef void opt_eval_fn(void *ctx, size_t lane, const double *x, double *f, double *g);

/* One step of an update rule over all lanes. */
struct opt_step {
	int n;                  /* parameters */
	size_t m;               /* lanes */
	double *const *w;       /* n arrays of m: updated in place */
	double *const *g;       /* the gradient, n arrays of m */
	double *const *h;       /* the Hessian, n*n arrays of m (needs_hessian) */
	double *const *state;   /* the optimizer's state, opt_state_size arrays of m, */
	double *const *s1;      /*   zero before the first step; s1 and s2 are its */
	double *const *s2;      /*   first two vectors of n (state and state + n) */
	const double *f;        /* f at w, m values (line_search) */
	opt_eval_fn *eval;      /* more evaluations (line_search) */
	void *ctx;
	long t;                 /* the step, from 1 */
	double lr;              /* this step's learning rate (schedule applied) */
	const struct opt_params *p;
	unsigned char *flag;    /* m: set where newton modified the Hessian */
};

struct optimizer {
	const char *name;
	const char *rule;       /* the update rule, one line */
	const char *params;     /* the parameters it uses: "lr,beta" (opt_params_table's names) */
	int nstate;             /* state vectors of n to show: 0, 1 or 2 */
	const char *state_names[2];     /* the first nstate: their names in rule ("m", "v") */
	/*
	 * its whole state, in doubles per lane, for n parameters and the
	 * settings p; NULL: nstate vectors of n (opt_state_size)
	 */
	size_t (*state_size)(int n, const struct opt_params *p);
	int needs_hessian;
	int line_search;        /* its steps search along a direction (s->eval) */
	int extra_evals;        /* the evaluations a step may ask for, at most */
	struct opt_params defaults;
	void (*step)(const struct opt_step *s);
	/*
	 * its state in words for the panel of the live descent ("B's
	 * eigenvalues 0.5, 0.02"), from one lane's state (state_size values);
	 * NULL: the nstate vectors are shown
	 */
	void (*state_text)(int n, const struct opt_params *p, const double *state, char *buf,
			   size_t size);
};

extern const struct optimizer opt_gd, opt_momentum, opt_nesterov,
	opt_adagrad, opt_rmsprop, opt_adam, opt_newton, opt_bfgs, opt_lbfgs, opt_cg;

/* The evaluations a step of o may take at most: its runner's one, and extra_evals. */
int opt_step_evals(const struct optimizer *o);
/* The doubles of state a lane of o keeps, for n parameters and the settings p. */
size_t opt_state_size(const struct optimizer *o, int n, const struct opt_params *p);
extern const struct optimizer *const opt_table[];       /* ends with NULL */

/* The number of optimizers in opt_table. */
size_t opt_count(void);
/* The optimizer named name, or NULL. */
const struct optimizer *opt_find(const char *name);
/* Their names in opt_table's order, then NULL (borrowed; for "did you mean"). */
const char *const *opt_names(void);
/*
 * Writes the names as a list for messages, "gd, momentum, ..., adam" then
 * last_sep (" or ") then "newton", into buf of size bytes: truncated if
 * need be, always terminated when size > 0.  Returns the length of the
 * whole list, as snprintf does.
 */
size_t opt_names_text(char *buf, size_t size, const char *last_sep);
/* Whether optimizer o uses the parameter named param ("lr", "beta", ...). */
int opt_uses(const struct optimizer *o, const char *param);

/*
 * A learning rate for optimizer o, with its other parameters p (NULL: its
 * defaults), on obj from start: a like share of o's own stability limit,
 * read from the Hessian's largest eigenvalue and the gradient there, so
 * that optimizers racing from one start are compared fairly (the rule of
 * each is in opt-rate.c).  Where the curvature says nothing (a maximum,
 * a flat start), o's default rate.  Rounded to two significant digits,
 * and always a valid rate.
 */
double opt_suggest_lr(const struct optimizer *o, const struct opt_params *p,
		      struct objective *obj, const double *start);

/* Learning-rate schedules: lr(t) for the step t = 0, 1, 2, ... */
enum sched_kind { SCHED_CONSTANT, SCHED_STEP, SCHED_EXP, SCHED_COSINE };

struct schedule {
	enum sched_kind kind;
	long every;             /* step: multiply by factor every `every` steps */
	double factor;
	double decay;           /* exponential: lr * decay^t */
	long period;            /* cosine: from lr down to min over period steps */
	double min;
	long warmup;            /* all: linear ramp from lr/warmup over the first steps */
};

/* The constant schedule. */
void sched_init(struct schedule *s);
/*
 * Parses "constant", "step:every=N,factor=F", "exp:decay=D",
 * "cosine:period=N,min=M" (any kind may add ",warmup=N").  Returns 0, or
 * -1 with err filled.
 */
int sched_parse(const char *text, struct schedule *s, struct diag *err);
/* The learning rate of step t (from 0) for a base rate lr. */
double sched_lr(const struct schedule *s, double lr, long t);
/* The text sched_parse reads back as s exactly (its numbers shortest and exact). */
void sched_text(const struct schedule *s, char *buf, size_t size);

/* How a run ended. */
enum run_outcome {
	RUN_RUNNING,            /* not yet */
	RUN_CONVERGED,          /* |grad| below the tolerance */
	RUN_MAX_STEPS,          /* the step limit */
	RUN_DIVERGED,           /* a non-finite value, or past the bound */
};
const char *run_outcome_name(enum run_outcome o);

struct run_config {
	const struct optimizer *opt;
	struct opt_params params;
	struct schedule sched;
	long max_steps;         /* default 1000 */
	double tol;             /* gradient norm; default 1e-6 */
	double bound;           /* |w_k| or |f| past this diverges; default 1e8 */
	int line_search;        /* Armijo backtracking (gd and newton) */
	double noise;           /* gradient noise: sigma of a normal per component */
	uint64_t seed;          /* for the noise and the mini-batches */
	size_t batch;           /* data objectives: mini-batch size; 0 = all */
};

/* The defaults above, for optimizer opt and its default parameters. */
void run_config_init(struct run_config *c, const struct optimizer *opt);

/*
 * The settings a learner turns while a descent runs (opt-settings.c), in
 * the playground and on a descent page, by the names lessons use in
 * "controls": the learning rate, the decay of the optimizer's running
 * average (beta of momentum and nesterov, rho of rmsprop, beta1 of adam),
 * adam's beta2, the gradient noise sigma, and the mini-batch size of a
 * data objective (0: all the examples).  Each moves along a ladder of
 * round values: rates 1e-5, 2e-5, 5e-5 ... 5; decays 0, 0.5, 0.8, 0.9,
 * 0.95 ... 0.9999; noise 0, 0.001, 0.002, 0.005 ... 5; batches 1, 2, 4
 * ... all.
 */
enum run_setting {
	RUN_SET_LR, RUN_SET_BETA, RUN_SET_BETA2, RUN_SET_NOISE, RUN_SET_BATCH,
	RUN_SET_COUNT
};
/* "lr", "beta", "beta2", "noise", "batch"; NULL for another k. */
const char *run_setting_name(int k);
/* The setting named name, or -1. */
int run_setting_find(const char *name);
/*
 * The parameter that setting k turns in c ("lr", "beta", "rho", "beta1",
 * "beta2", "noise", "batch"), or NULL when it does not apply: an optimizer
 * without it (the quasi-Newton family takes no noise and no mini-batches),
 * or a batch without data (nexamples, 0 for a function).
 */
const char *run_setting_param(const struct run_config *c, int k, size_t nexamples);
/* Its value (the batch: 0 for all the examples), or -1 when it does not apply. */
double run_setting_get(const struct run_config *c, int k, size_t nexamples);
/*
 * Moves setting k of c one step up its ladder (dir > 0) or down: 0; -1
 * when it does not apply to c, -2 at the end of its ladder (c unchanged).
 * A value between two steps moves to the next one.
 */
int run_setting_step(struct run_config *c, int k, int dir, size_t nexamples);

/*
 * One lane's record: at each step, the point, f, |grad| and the learning
 * rate, and whether newton modified the Hessian there.  The gradient
 * norm is of the true gradient (full batch, no noise).
 */
struct trajectory {
	int n;
	size_t len, cap;
	double *w;              /* len * n */
	double *f, *gnorm, *lr;
	unsigned char *flag;
	enum run_outcome outcome;
	long step;              /* the step where it ended */
	long evals;             /* evaluations: one a step, and those of line searches */
	char reason[96];        /* why it diverged */
};

struct run;

/*
 * Whether c fits an objective of nex examples (0 for an expression): a
 * mini-batch within the data, the line search for gd and newton on the
 * full batch, no noise or mini-batches for the quasi-Newton family.
 * Returns 0, or -1 with err saying what does not fit.  run_new checks
 * it; so do the maps and the lessons, whose runs start later or as lanes.
 */
int run_config_check(const struct run_config *c, size_t nex, struct diag *err);

/*
 * Starts a run of c->opt on o from start (dim values).  The objective is
 * borrowed.  Returns NULL and fills err when the
 * configuration does not fit (a mini-batch on an expression, ...).
 */
struct run *run_new(struct objective *o, const struct run_config *c,
		    const double *start, struct diag *err);
void run_free(struct run *r);
/*
 * Evaluates the current point, records it, decides the outcome, and
 * unless the run has ended, takes one step.  Returns the outcome
 * (RUN_RUNNING while it goes on).
 */
enum run_outcome run_step(struct run *r);
/* Steps until the run ends; returns the outcome. */
enum run_outcome run_all(struct run *r);
/*
 * The same run one step earlier: a new run from the same start and
 * configuration, stepped once less than r moved, so that its state (the
 * point, velocities and moments, the noise generator, the schedule) is
 * the one r had then, bit for bit, and stepping it again repeats r's
 * step.  NULL when r has not moved (err says so) or cannot start again.
 */
struct run *run_back(const struct run *r, struct diag *err);
const struct trajectory *run_trajectory(const struct run *r);
/* The optimizer's state vector i (0 or 1, of n values), or NULL. */
const double *run_state(const struct run *r, int i);
/* All of the optimizer's state (opt_state_size values), for its state_text. */
const double *run_state_all(const struct run *r);
/* The current point (dim values). */
const double *run_point(const struct run *r);

/*
 * Many runs in lockstep, one per start: starts[k][lane].  Used for
 * basins of attraction.  Each lane ends on its own; the results are the
 * final points (final[k][lane]), the outcome and the step of each lane.
 * Noise and mini-batches are not used here (run_lanes_data takes them);
 * the Armijo search of c->line_search is, as in a run.
 */
void run_lanes(struct objective *o, const struct run_config *c, size_t m,
	       const double *const *starts, double *const *final,
	       enum run_outcome *outcome, long *steps);

/*
 * run_lanes with settings that differ from lane to lane, as the cells
 * of a hyperparameter map: vary has OPT_PARAM_COUNT entries, each NULL
 * (every lane has c->params' value) or m values, lane by lane (the
 * learning rate is the base of c's schedule).  The evaluations are
 * batched over all lanes; each lane's update is the one a run of its
 * settings alone makes, so each lane is that run, bit for bit.
 */
void run_lanes_vary(struct objective *o, const struct run_config *c, size_t m,
		    const double *const *starts, const double *const *vary,
		    double *const *final, enum run_outcome *outcome, long *steps);

/*
 * What lanes of runs on data (or with noise) need and give, for
 * run_lanes_data: lane i takes mini-batches of batch[i] examples (0, or
 * as many as the data has: every example) and draws its shuffles and its
 * noise (c->noise) from its own stream, seeded with seed[i], as a run of
 * those settings alone does.
 */
struct lanes_data {
	const size_t *batch;    /* m sizes of mini-batches */
	const uint64_t *seed;   /* m seeds */
	double *f;              /* when not NULL, receives f at each lane's last step */
	long *reached;          /* when not NULL, each lane's first step where f <= goal, */
	double goal;            /* or -1 when none is */
};

/*
 * run_lanes_vary for runs that draw random numbers, as the cells of a
 * map over data: each lane has its own mini-batches and noise (d), and
 * c->batch and c->seed are not used.  The evaluations stay batched: the
 * true f and gradient of all the lanes together, then the mini-batch
 * gradients, one evaluator lane per (lane, example)
 * (objective_eval_subsets).  Each lane is, bit for bit, the run
 * run_new and run_all make with its start, settings, batch and seed.
 */
void run_lanes_data(struct objective *o, const struct run_config *c, size_t m,
		    const double *const *starts, const double *const *vary,
		    const struct lanes_data *d, double *const *final,
		    enum run_outcome *outcome, long *steps);

#endif
