/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-nesterov.c - Nesterov momentum, in the form the frameworks use:
 * v = beta*v + g; w -= lr*(g + beta*v).  It looks one step ahead along the
 * velocity, which brakes earlier than plain momentum.
 */
#include "config.h"

#include "descent/clones.h"
#include "descent/optim.h"

static DESCENT_CLONES void
nesterov_step(const struct opt_step *s)
{
	double beta = s->p->beta;
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k], *restrict v = s->s1[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++) {
			v[i] = beta * v[i] + g[i];
			w[i] -= s->lr * (g[i] + beta * v[i]);
		}
	}
}

const struct optimizer opt_nesterov = {
	.name = "nesterov",
	.rule = "v = beta*v + g;  w -= lr*(g + beta*v)",
	.params = "lr,beta",
	.nstate = 1,
	.state_names = { "v" },
	.defaults = { .lr = 0.01, .beta = 0.9 },
	.step = nesterov_step,
};
