/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-adagrad.c - AdaGrad: s += g^2; w -= lr*g/(sqrt(s) + eps).  Each
 * parameter gets its own step size, shrinking as its gradients add up.
 */
#include "config.h"

#include <math.h>

#include "descent/clones.h"
#include "descent/optim.h"

static DESCENT_CLONES void
adagrad_step(const struct opt_step *s)
{
	double eps = s->p->eps;
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k], *restrict acc = s->s1[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++) {
			acc[i] += g[i] * g[i];
			w[i] -= s->lr * g[i] / (sqrt(acc[i]) + eps);
		}
	}
}

const struct optimizer opt_adagrad = {
	.name = "adagrad",
	.rule = "G += g^2;  w -= lr*g/(sqrt(G) + eps)",
	.params = "lr,eps",
	.nstate = 1,
	.state_names = { "G" },
	.defaults = { .lr = 0.1, .eps = 1e-8 },
	.step = adagrad_step,
};
