/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-gd.c - gradient descent: w -= lr*g.
 */
#include "config.h"

#include <stddef.h>

#include "descent/clones.h"
#include "descent/optim.h"

/*
 * One parameter's lanes.  The lanes go by eights, a loop of known length
 * that the compiler vectorizes (descent/clones.h), then the rest one by one; each
 * lane's arithmetic is the same either way.
 */
static DESCENT_CLONES void
gd_lanes(size_t m, double lr, double *restrict w, const double *restrict g)
{
	size_t i = 0;
	int j;

	for (; i + 8 <= m; i += 8)
		for (j = 0; j < 8; j++)
			w[i + j] -= lr * g[i + j];
	for (; i < m; i++)
		w[i] -= lr * g[i];
}

static void
gd_step(const struct opt_step *s)
{
	int k;

	for (k = 0; k < s->n; k++)
		gd_lanes(s->m, s->lr, s->w[k], s->g[k]);
}

const struct optimizer opt_gd = {
	.name = "gd",
	.rule = "w -= lr*g",
	.params = "lr",
	.nstate = 0,
	.defaults = { .lr = 0.01 },
	.step = gd_step,
};
