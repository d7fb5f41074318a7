/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-lanes-data.c - points on examples of their own
 * (objective_eval_subsets) and lanes of runs with mini-batches and noise
 * (run_lanes_data): each must be, bit for bit, what the one-point path
 * and a run alone give.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/data.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/rng.h"

static struct objective *
data_objective(const struct dataset *d, const char *model)
{
	struct diag err;
	struct objective *o = objective_data(d, model, LOSS_MSE, NULL, NULL, 0, &err);

	cr_assert_not_null(o, "objective_data(\"%s\"): expected an objective, got NULL (%s)",
			   model, err.message);
	return o;
}

enum { SUB_M = 300, SUB_DIM = 3 };

/* Lane q's examples: none (left alone) every 7th lane, else sizes from 1 to 2500. */
static size_t
subset_size(size_t q)
{
	static const size_t sizes[] = { 1, 3, 17, 200, 64, 2500, 5 };

	return q % 7 == 0 ? 0 : sizes[q % 11 % 7];
}

/*
 * 300 points on subsets of 3000 examples (with repeats, and one of 2500
 * examples, more than a batch call holds) at each level, against each
 * point alone on its examples; lanes with no subset keep what they had,
 * and the examples in use, a mini-batch of 10 here, play no part.
 */
Test(optim_lanes_data, points_on_subsets_are_the_points_alone)
{
	struct dataset *d = generated_data(3000, 0, 31);
	struct objective *o = data_objective(d, "a*sin(b*x) + c*z^2");
	static double wbuf[SUB_DIM][SUB_M], gbuf[SUB_DIM][SUB_M], hbuf[SUB_DIM * SUB_DIM][SUB_M],
		      f[SUB_M];
	const double *w[SUB_DIM];
	double *g[SUB_DIM], *h[SUB_DIM * SUB_DIM];
	const size_t *idx[SUB_M];
	size_t n[SUB_M], *pool, ten[10], q, i, bad = 0;
	struct rng s;
	int level, k;

	pool = malloc(SUB_M * 2500 * sizeof *pool);
	cr_assert_not_null(pool, "out of memory");
	rng_init(&s, 32);
	for (q = 0; q < SUB_M; q++) {
		for (k = 0; k < SUB_DIM; k++)
			wbuf[k][q] = rng_uniform(&s, -2, 2);
		n[q] = subset_size(q);
		for (i = 0; i < n[q]; i++)
			pool[q * 2500 + i] = (size_t)rng_below(&s, 3000);
		idx[q] = n[q] > 0 ? pool + q * 2500 : NULL;
	}
	for (k = 0; k < SUB_DIM; k++) {
		w[k] = wbuf[k];
		g[k] = gbuf[k];
	}
	for (k = 0; k < SUB_DIM * SUB_DIM; k++)
		h[k] = hbuf[k];
	for (i = 0; i < 10; i++)
		ten[i] = i * 7;
	for (level = 0; level < 4; level++) {
		for (q = 0; q < SUB_M; q++) {
			f[q] = -1;
			for (k = 0; k < SUB_DIM; k++)
				gbuf[k][q] = -2;
		}
		objective_use_examples(o, ten, 10);
		objective_eval_subsets(o, SUB_M, w, idx, n, level < 3 ? f : NULL,
				       level >= 1 ? g : NULL, level == 2 ? h : NULL);
		for (q = 0; q < SUB_M && bad < 5; q++) {
			double x[SUB_DIM], f1 = -1, g1[SUB_DIM] = { -2, -2, -2 }, h1[9];
			for (k = 0; k < SUB_DIM; k++)
				x[k] = wbuf[k][q];
			if (idx[q] != NULL) {
				objective_use_examples(o, idx[q], n[q]);
				objective_eval_point(o, x, &f1, level >= 1 ? g1 : NULL,
						     level == 2 ? h1 : NULL);
			}
			if (level == 3)
				f1 = -1;        /* not asked for: not written */
			if (!same_bits(f[q], f1)) {
				cr_expect(0, "level %d, point %zu (%zu examples): f: expected %.17g, "
					  "got %.17g", level, q, n[q], f1, f[q]);
				bad++;
			}
			for (k = 0; level >= 1 && k < SUB_DIM; k++)
				if (!same_bits(gbuf[k][q], g1[k])) {
					cr_expect(0, "level %d, point %zu (%zu examples): d/d%s: "
						  "expected %.17g, got %.17g", level, q, n[q],
						  objective_param(o, k), g1[k], gbuf[k][q]);
					bad++;
				}
			for (k = 0; level == 2 && idx[q] != NULL && k < SUB_DIM * SUB_DIM; k++)
				if (!same_bits(hbuf[k][q], h1[k])) {
					cr_expect(0, "point %zu (%zu examples): Hessian[%d]: expected "
						  "%.17g, got %.17g", q, n[q], k, h1[k], hbuf[k][q]);
					bad++;
				}
		}
	}
	/* the whole data again, at many points, unchanged by the subsets */
	objective_use_examples(o, NULL, 0);
	objective_eval(o, SUB_M, w, f, NULL, NULL);
	for (q = 0; q < SUB_M; q += 37) {
		double x[SUB_DIM], f1;
		for (k = 0; k < SUB_DIM; k++)
			x[k] = wbuf[k][q];
		objective_eval_point(o, x, &f1, NULL, NULL);
		cr_expect(same_bits(f[q], f1), "point %zu on every example: expected %.17g, got %.17g",
			  q, f1, f[q]);
	}
	free(pool);
	objective_free(o);
	dataset_free(d);
}

/* The lanes of one comparison: settings in, results out. */
enum { RL_M = 300, RL_DIM = 3 };
static struct {
	double start[RL_DIM][RL_M], final[RL_DIM][RL_M], lr[RL_M], f[RL_M];
	size_t batch[RL_M];
	uint64_t seed[RL_M];
	enum run_outcome outcome[RL_M];
	long steps[RL_M], reached[RL_M];
} rl;

/*
 * c's runs from 300 starts, with learning rates from lr_lo up (log
 * spaced, so that the last ones diverge), batches from batches[] and
 * seeds 1, 2, 3..., as lanes and one by one: the same end, outcome, step,
 * final f and first step below goal, bit for bit.
 */
static void
compare_lanes(struct objective *o, const struct run_config *c, double lr_lo, double lr_hi,
	      const size_t *batches, size_t nbatches, double goal, const char *what)
{
	int n = objective_dim(o), k;
	const double *starts[RL_DIM], *vary[OPT_PARAM_COUNT] = { NULL };
	double *final[RL_DIM];
	struct lanes_data d = { rl.batch, rl.seed, rl.f, rl.reached, goal };
	struct rng s;
	size_t q, i, bad = 0, ends[4] = { 0 };

	cr_assert(n <= RL_DIM, "at most %d parameters here", RL_DIM);
	rng_init(&s, 41);
	for (q = 0; q < RL_M; q++) {
		for (k = 0; k < n; k++)
			rl.start[k][q] = rng_uniform(&s, -1, 1);
		rl.lr[q] = lr_lo * pow(lr_hi / lr_lo, (double)q / (RL_M - 1));
		rl.batch[q] = batches[q % nbatches];
		rl.seed[q] = 1 + q;
		rl.reached[q] = 12345;
	}
	for (k = 0; k < n; k++) {
		starts[k] = rl.start[k];
		final[k] = rl.final[k];
	}
	vary[OPT_PARAM_LR] = rl.lr;
	run_lanes_data(o, c, RL_M, starts, vary, &d, final, rl.outcome, rl.steps);
	for (q = 0; q < RL_M && bad < 5; q++) {
		struct run_config rc = *c;
		struct diag err = { .message = "" };
		double x[RL_DIM];
		const struct trajectory *tr;
		struct run *r;
		long reached = -1;

		for (k = 0; k < n; k++)
			x[k] = rl.start[k][q];
		rc.params.lr = rl.lr[q];
		rc.batch = rl.batch[q];
		rc.seed = rl.seed[q];
		r = run_new(o, &rc, x, &err);
		cr_assert_not_null(r, "%s, lane %zu: run_new: %s", what, q, err.message);
		run_all(r);
		tr = run_trajectory(r);
		for (i = 0; i < tr->len && reached < 0; i++)
			if (tr->f[i] <= goal)
				reached = (long)i;
		ends[tr->outcome]++;
		if (tr->outcome != rl.outcome[q] || tr->step != rl.steps[q] ||
		    !same_bits(tr->f[tr->len - 1], rl.f[q]) ||
		    reached != rl.reached[q]) {
			cr_expect(0, "%s, lane %zu (lr %g, batch %zu, seed %llu): expected %s at step "
				  "%ld, f %.17g, below %g at %ld; got %s at step %ld, f %.17g, at %ld",
				  what, q, rl.lr[q], rl.batch[q], (unsigned long long)rl.seed[q],
				  run_outcome_name(tr->outcome), tr->step, tr->f[tr->len - 1], goal,
				  reached, run_outcome_name(rl.outcome[q]), rl.steps[q], rl.f[q],
				  rl.reached[q]);
			bad++;
		}
		for (k = 0; k < n; k++)
			if (!same_bits(run_point(r)[k], rl.final[k][q])) {
				cr_expect(0, "%s, lane %zu: parameter %d: expected %.17g, got %.17g",
					  what, q, k, run_point(r)[k], rl.final[k][q]);
				bad++;
			}
		run_free(r);
	}
	/* the comparison covers runs that end each way */
	cr_expect(ends[RUN_DIVERGED] > 0 && ends[RUN_MAX_STEPS] > 0,
		  "%s: expected lanes that diverge and lanes at the step limit; got %zu and %zu",
		  what, ends[RUN_DIVERGED], ends[RUN_MAX_STEPS]);
}

/*
 * Every optimizer on 37 examples: the full batch (0, or all 37), batches
 * of 1, of 5 (an epoch's last batch has 2) and of 36, with and without
 * noise; more lanes than a block, so that the blocks' random states
 * start over right.
 */
Test(optim_lanes_data, lanes_on_mini_batches_are_the_runs_alone)
{
	static const size_t batches[] = { 0, 1, 5, 36, 37 };
	struct dataset *d = generated_data(37, 0, 42);
	struct objective *o = data_objective(d, "a + b*x + c*z");
	const struct optimizer *opts[] = { &opt_gd, &opt_momentum, &opt_nesterov, &opt_adam,
					   &opt_rmsprop, &opt_adagrad, &opt_newton };
	size_t i;
	int noise;

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		for (noise = 0; noise < 2; noise++) {
			struct run_config c;
			char what[64];
			run_config_init(&c, opts[i]);
			c.max_steps = 120;
			c.tol = 1e-3;
			c.noise = noise ? 0.2 : 0;
			c.seed = 999;   /* not used: each lane has its seed */
			snprintf(what, sizeof what, "%s%s", opts[i]->name, noise ? " with noise" : "");
			/* an adaptive rule's step is about lr: it diverges past 1e6 */
			compare_lanes(o, &c, 0.001, opts[i] == &opt_adam || opts[i] == &opt_rmsprop ||
				      opts[i] == &opt_adagrad ? 1e8 : 30, batches, 5, 0.05, what);
		}
	objective_free(o);
	dataset_free(d);
}

/* An expression has no examples: its lanes' randomness is their noise alone. */
Test(optim_lanes_data, lanes_with_noise_on_an_expression)
{
	static const size_t full[] = { 0 };
	struct objective *o = make_objective("x^2 + 3*y^2 + z^4");
	struct run_config c;

	run_config_init(&c, &opt_momentum);
	c.max_steps = 150;
	c.noise = 0.5;
	compare_lanes(o, &c, 0.001, 2, full, 1, 0.01, "momentum on an expression, noise");
	objective_free(o);
}
