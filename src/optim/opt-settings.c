/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-settings.c - the settings a learner turns while a descent runs, in
 * the playground and on a descent page: the learning rate, the decay of
 * the optimizer's running average (beta of momentum and nesterov, rho of
 * rmsprop, beta1 of adam), adam's beta2, the gradient noise and the
 * mini-batch size.  Each moves along a ladder of round values, so that
 * what the learner sees is a rate of 0.02 or a beta of 0.95, numbers to
 * compare and to remember, never 0.0173.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "descent/optim.h"

static const char *const names[RUN_SET_COUNT] = { "lr", "beta", "beta2", "noise", "batch" };

static const double lr_ladder[] = { 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3,
				    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5 };
/* a decay in [0, 1): how much of the average is kept, so 1 - decay halves */
static const double decay_ladder[] = { 0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999,
				       0.9995, 0.9999 };
static const double noise_ladder[] = { 0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2,
				       0.5, 1, 2, 5 };

const char *
run_setting_name(int k)
{
	return k >= 0 && k < RUN_SET_COUNT ? names[k] : NULL;
}

int
run_setting_find(const char *name)
{
	int k;

	for (k = 0; k < RUN_SET_COUNT; k++)
		if (strcmp(names[k], name) == 0)
			return k;
	return -1;
}

const char *
run_setting_param(const struct run_config *c, int k, size_t nexamples)
{
	static const char *const decays[] = { "beta", "rho", "beta1" };
	size_t i;

	switch (k) {
	case RUN_SET_LR:
		return opt_uses(c->opt, "lr") ? "lr" : NULL;
	case RUN_SET_BETA:
		for (i = 0; i < sizeof decays / sizeof decays[0]; i++)
			if (opt_uses(c->opt, decays[i]))
				return decays[i];
		return NULL;
	case RUN_SET_BETA2:
		return opt_uses(c->opt, "beta2") ? "beta2" : NULL;
	case RUN_SET_NOISE:     /* a line search needs the true gradient */
		return c->opt->line_search ? NULL : "noise";
	case RUN_SET_BATCH:
		return nexamples > 1 && !c->opt->line_search ? "batch" : NULL;
	default:
		return NULL;
	}
}

/* Where setting k of c lives, or NULL when it is not a double of c. */
static double *
slot(struct run_config *c, int k)
{
	const char *param = run_setting_param(c, k, 0);

	if (param == NULL || k == RUN_SET_BATCH)
		return NULL;
	if (k == RUN_SET_NOISE)
		return &c->noise;
	return opt_param_slot(&c->params, opt_param_find(param));
}

double
run_setting_get(const struct run_config *c, int k, size_t nexamples)
{
	if (run_setting_param(c, k, nexamples) == NULL)
		return -1;
	if (k == RUN_SET_BATCH)
		return (double)c->batch;
	return *slot((struct run_config *)c, k);
}

/* The next value of the ladder above v (dir > 0) or below it; v when there is none. */
static double
ladder_step(const double *ladder, size_t n, double v, int dir)
{
	size_t i;

	if (dir > 0) {
		for (i = 0; i < n; i++)
			if (ladder[i] > v * (1 + 1e-9) + 1e-300)
				return ladder[i];
	} else {
		for (i = n; i > 0; i--)
			if (ladder[i - 1] < v * (1 - 1e-9))
				return ladder[i - 1];
	}
	return v;
}

/*
 * The batch: 1, 2, 4... up to all the examples (0); down from all, the
 * largest power of two below their number.
 */
static size_t
batch_step(size_t b, size_t n, int dir)
{
	size_t p;

	if (dir > 0)
		return b == 0 ? 0 : b * 2 >= n ? 0 : b * 2;
	if (b == 1)
		return 1;
	if (b != 0)
		return b / 2;
	for (p = 1; p * 2 < n; p *= 2)
		;
	return p;
}

int
run_setting_step(struct run_config *c, int k, int dir, size_t nexamples)
{
	double *v, next;

	if (run_setting_param(c, k, nexamples) == NULL)
		return -1;
	if (k == RUN_SET_BATCH) {
		size_t b = batch_step(c->batch, nexamples, dir);
		if (b == c->batch)
			return -2;
		c->batch = b;
		return 0;
	}
	v = slot(c, k);
	if (k == RUN_SET_LR)
		next = ladder_step(lr_ladder, sizeof lr_ladder / sizeof lr_ladder[0], *v, dir);
	else if (k == RUN_SET_NOISE)
		next = ladder_step(noise_ladder, sizeof noise_ladder / sizeof noise_ladder[0], *v,
				   dir);
	else
		next = ladder_step(decay_ladder, sizeof decay_ladder / sizeof decay_ladder[0], *v,
				   dir);
	if (next == *v)
		return -2;
	*v = next;
	return 0;
}
