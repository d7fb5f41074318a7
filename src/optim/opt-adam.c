/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-adam.c - Adam: moving averages of the gradient (m) and of its
 * square (v), corrected for their zero start, give each parameter a step
 * of about lr in the direction the gradient keeps pointing:
 *   m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g^2;
 *   w -= lr*(m/(1-beta1^t)) / (sqrt(v/(1-beta2^t)) + eps)
 */
#include "config.h"

#include <math.h>

#include "descent/clones.h"
#include "descent/optim.h"

static DESCENT_CLONES void
adam_step(const struct opt_step *s)
{
	double b1 = s->p->beta1, b2 = s->p->beta2, eps = s->p->eps;
	double c1 = 1 - pow(b1, (double)s->t), c2 = 1 - pow(b2, (double)s->t);
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k], *restrict m = s->s1[k], *restrict v = s->s2[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++) {
			m[i] = b1 * m[i] + (1 - b1) * g[i];
			v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
			w[i] -= s->lr * (m[i] / c1) / (sqrt(v[i] / c2) + eps);
		}
	}
}

const struct optimizer opt_adam = {
	.name = "adam",
	.rule = "m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;  "
		"w -= lr*(m/(1-b1^t))/(sqrt(v/(1-b2^t)) + eps)",
	.params = "lr,beta1,beta2,eps",
	.nstate = 2,
	.state_names = { "m", "v" },
	.defaults = { .lr = 0.01, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8 },
	.step = adam_step,
};
