/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-table.c - the list of optimizers, in the order the course presents
 * them (the digit keys of the live descent follow it), and the list of
 * their parameters: the one place that names them, counts them and says
 * which values each parameter may take.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/optim.h"
#include "descent/util.h"

const struct optimizer *const opt_table[] = {
	&opt_gd, &opt_momentum, &opt_nesterov, &opt_adagrad, &opt_rmsprop,
	&opt_adam, &opt_newton, &opt_bfgs, &opt_lbfgs, &opt_cg, NULL,
};

#define NOPT (sizeof opt_table / sizeof opt_table[0] - 1)

#define PARAM(id, field, rng, text) \
	[id] = { .name = #field, .offset = offsetof(struct opt_params, field), \
		 .range = rng, .meaning = text }

const struct opt_param opt_params_table[OPT_PARAM_COUNT] = {
	PARAM(OPT_PARAM_LR, lr, OPT_RANGE_POSITIVE,
	      N_("the learning rate: how far each step goes along the update")),
	PARAM(OPT_PARAM_BETA, beta, OPT_RANGE_UNIT,
	      N_("the share of the velocity v that each step keeps")),
	PARAM(OPT_PARAM_RHO, rho, OPT_RANGE_UNIT,
	      N_("the share of the average of g^2 that each step keeps")),
	PARAM(OPT_PARAM_BETA1, beta1, OPT_RANGE_UNIT,
	      N_("the share of m, the average of g, that each step keeps")),
	PARAM(OPT_PARAM_BETA2, beta2, OPT_RANGE_UNIT,
	      N_("the share of v, the average of g^2, that each step keeps")),
	PARAM(OPT_PARAM_EPS, eps, OPT_RANGE_POSITIVE,
	      N_("added to the square root under g, so that it is never 0")),
	PARAM(OPT_PARAM_DAMPING, damping, OPT_RANGE_NONNEG,
	      N_("added to the Hessian's diagonal, to shorten newton's steps")),
	PARAM(OPT_PARAM_MEMORY, memory, OPT_RANGE_COUNT,
	      N_("the pairs (s, y) of past steps that lbfgs keeps")),
};

int
opt_step_evals(const struct optimizer *o)
{
	return 1 + o->extra_evals;
}

size_t
opt_state_size(const struct optimizer *o, int n, const struct opt_params *p)
{
	return o->state_size != NULL ? o->state_size(n, p) : (size_t)o->nstate * (size_t)n;
}

double *
opt_param_slot(struct opt_params *p, int k)
{
	return (double *)((char *)p + opt_params_table[k].offset);
}

double
opt_param_get(const struct opt_params *p, int k)
{
	return *(const double *)((const char *)p + opt_params_table[k].offset);
}

int
opt_param_find(const char *name)
{
	int k;

	for (k = 0; k < OPT_PARAM_COUNT; k++)
		if (strcmp(opt_params_table[k].name, name) == 0)
			return k;
	return -1;
}

int
opt_param_in_range(int k, double v)
{
	switch (opt_params_table[k].range) {
	case OPT_RANGE_POSITIVE: return v > 0 && v < INFINITY;
	case OPT_RANGE_NONNEG: return v >= 0 && v < INFINITY;
	case OPT_RANGE_UNIT: return v >= 0 && v < 1;
	case OPT_RANGE_COUNT: return v >= 1 && v <= OPT_MAX_MEMORY && v == floor(v);
	}
	return 0;
}

/* Only for messages ("lr must be positive"): in the user's language. */
const char *
opt_param_range_text(int k)
{
	switch (opt_params_table[k].range) {
	/* TRANSLATORS: "%s must be positive", said of a parameter such as lr */
	case OPT_RANGE_POSITIVE: return _("positive");
	case OPT_RANGE_NONNEG: return _("zero or more");
	case OPT_RANGE_UNIT: return _("in [0, 1)");
	case OPT_RANGE_COUNT: return _("a whole number from 1 to 100");
	}
	return "";
}

size_t
opt_count(void)
{
	return NOPT;
}

const struct optimizer *
opt_find(const char *name)
{
	size_t i;

	for (i = 0; i < NOPT; i++)
		if (strcmp(opt_table[i]->name, name) == 0)
			return opt_table[i];
	return NULL;
}

const char *const *
opt_names(void)
{
	static const char *names[NOPT + 1];     /* the last stays NULL */
	size_t i;

	for (i = 0; i < NOPT; i++)
		names[i] = opt_table[i]->name;
	return names;
}

size_t
opt_names_text(char *buf, size_t size, const char *last_sep)
{
	return names_text(buf, size, opt_names(), last_sep);
}

int
opt_uses(const struct optimizer *o, const char *param)
{
	size_t len = strlen(param);
	const char *p = o->params;

	if (len == 0)
		return 0;
	while ((p = strstr(p, param)) != NULL) {
		if ((p == o->params || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}
