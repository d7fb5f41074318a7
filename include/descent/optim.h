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
 *   adagrad   s += g^2;  w -= lr*g/(sqrt(s) + eps)
 *   rmsprop   s = rho*s + (1-rho)*g^2;  w -= lr*g/(sqrt(s) + eps)
 *   adam      m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g^2;
 *             w -= lr*(m/(1-beta1^t)) / (sqrt(v/(1-beta2^t)) + eps)
 *   newton    w -= lr*(H + damping*I)^-1 g where that matrix is positive
 *             definite; elsewhere (a saddle, a maximum) the step uses the
 *             absolute values of H's eigenvalues, |lambda| + damping, so
 *             that it still goes downhill, and the step is flagged.
 */
#ifndef DESCENT_OPTIM_H
#define DESCENT_OPTIM_H

#include <stddef.h>
#include <stdint.h>

#include "descent/objective.h"

/* The parameters of every optimizer; each uses some (optimizer.params). */
struct opt_params {
	double lr, beta, rho, beta1, beta2, eps, damping;
};

/* One step of an update rule over all lanes. */
struct opt_step {
	int n;                  /* parameters */
	size_t m;               /* lanes */
	double *const *w;       /* n arrays of m: updated in place */
	double *const *g;       /* the gradient, n arrays of m */
	double *const *h;       /* the Hessian, n*n arrays of m (needs_hessian) */
	double *const *s1;      /* the optimizer's state, n arrays of m each, */
	double *const *s2;      /*   zero before the first step */
	long t;                 /* the step, from 1 */
	double lr;              /* this step's learning rate (schedule applied) */
	const struct opt_params *p;
	unsigned char *flag;    /* m: set where newton modified the Hessian */
};

struct optimizer {
	const char *name;
	const char *rule;       /* the update rule, one line */
	const char *params;     /* the parameters it uses: "lr,beta" */
	int nstate;             /* state vectors per parameter: 0, 1 or 2 */
	int needs_hessian;
	struct opt_params defaults;
	void (*step)(const struct opt_step *s);
};

extern const struct optimizer opt_gd, opt_momentum, opt_nesterov,
	opt_adagrad, opt_rmsprop, opt_adam, opt_newton;
extern const struct optimizer *const opt_table[];       /* ends with NULL */

/* The optimizer named name, or NULL. */
const struct optimizer *opt_find(const char *name);
/* Whether optimizer o uses the parameter named param ("lr", "beta", ...). */
int opt_uses(const struct optimizer *o, const char *param);

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
 * -1 with a message in err.
 */
int sched_parse(const char *text, struct schedule *s, char *err, size_t errsize);
/* The learning rate of step t (from 0) for a base rate lr. */
double sched_lr(const struct schedule *s, double lr, long t);

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
	char reason[96];        /* why it diverged */
};

struct run;

/*
 * Starts a run of c->opt on o from start (dim values).  The objective is
 * borrowed.  Returns NULL and fills err (a message) when the
 * configuration does not fit (a mini-batch on an expression, ...).
 */
struct run *run_new(struct objective *o, const struct run_config *c,
		    const double *start, char *err, size_t errsize);
void run_free(struct run *r);
/*
 * Evaluates the current point, records it, decides the outcome, and
 * unless the run has ended, takes one step.  Returns the outcome
 * (RUN_RUNNING while it goes on).
 */
enum run_outcome run_step(struct run *r);
/* Steps until the run ends; returns the outcome. */
enum run_outcome run_all(struct run *r);
const struct trajectory *run_trajectory(const struct run *r);
/* The optimizer's state vector i (0 or 1) for parameter k, or NULL. */
const double *run_state(const struct run *r, int i);
/* The current point (dim values). */
const double *run_point(const struct run *r);

/*
 * Many runs in lockstep, one per start: starts[k][lane].  Used for
 * basins of attraction.  Each lane ends on its own; the results are the
 * final points (final[k][lane]), the outcome and the step of each lane.
 * Noise, mini-batches and the line search are not used here.
 */
void run_lanes(struct objective *o, const struct run_config *c, size_t m,
	       const double *const *starts, double *const *final,
	       enum run_outcome *outcome, long *steps);

#endif
