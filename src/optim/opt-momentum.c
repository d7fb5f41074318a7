/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-momentum.c - momentum, the heavy ball: v = beta*v + g; w -= lr*v.
 * The velocity accumulates past gradients, so the descent keeps going
 * through flat stretches and damps the zigzag across a narrow valley.
 */
#include "config.h"

#include "descent/clones.h"
#include "descent/optim.h"

static DESCENT_CLONES void
momentum_step(const struct opt_step *s)
{
	double beta = s->p->beta;
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k], *restrict v = s->s1[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++) {
			v[i] = beta * v[i] + g[i];
			w[i] -= s->lr * v[i];
		}
	}
}

const struct optimizer opt_momentum = {
	.name = "momentum",
	.rule = "v = beta*v + g;  w -= lr*v",
	.params = "lr,beta",
	.nstate = 1,
	.state_names = { "v" },
	.defaults = { .lr = 0.01, .beta = 0.9 },
	.step = momentum_step,
};
