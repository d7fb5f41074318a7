/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-gd.c - gradient descent: w -= lr*g.
 */
#include "config.h"

#include "descent/optim.h"

static void
gd_step(const struct opt_step *s)
{
	int k;
	size_t i;

	for (k = 0; k < s->n; k++) {
		double *restrict w = s->w[k];
		const double *restrict g = s->g[k];
		for (i = 0; i < s->m; i++)
			w[i] -= s->lr * g[i];
	}
}

const struct optimizer opt_gd = {
	.name = "gd",
	.rule = "w -= lr*g",
	.params = "lr",
	.nstate = 0,
	.defaults = { .lr = 0.01 },
	.step = gd_step,
};
