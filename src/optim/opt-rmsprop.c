/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-rmsprop.c - RMSProp: s = rho*s + (1-rho)*g^2; w -= lr*g/(sqrt(s) + eps).
 * Like AdaGrad with a fading memory, so the step size can grow again.
 */
#include "config.h"

#include <math.h>

#include "descent/clones.h"
#include "descent/optim.h"

static DESCENT_CLONES void
rmsprop_step(const struct opt_step *s)
{
	double rho = s->p->rho, eps = s->p->eps;
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k], *restrict acc = s->s1[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++) {
			acc[i] = rho * acc[i] + (1 - rho) * g[i] * g[i];
			w[i] -= s->lr * g[i] / (sqrt(acc[i]) + eps);
		}
	}
}

const struct optimizer opt_rmsprop = {
	.name = "rmsprop",
	.rule = "E[g^2] = rho*E[g^2] + (1-rho)*g^2;  w -= lr*g/(sqrt(E[g^2]) + eps)",
	.params = "lr,rho,eps",
	.nstate = 1,
	.state_names = { "E[g^2]" },
	.defaults = { .lr = 0.01, .rho = 0.9, .eps = 1e-8 },
	.step = rmsprop_step,
};
