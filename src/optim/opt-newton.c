/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-newton.c - damped Newton: w -= lr*(H + damping*I)^-1 g.
 *
 * Where H + damping*I is positive definite, that is the Newton step, and
 * on a quadratic bowl with lr = 1 and no damping it lands on the minimum
 * in one step.  Elsewhere (a saddle, a maximum, a flat direction) the
 * plain Newton step would go uphill or towards the saddle; we take the
 * eigen-decomposition H = V diag(lambda) V^T and use |lambda_i| + damping
 * instead of lambda_i (never below 1e-12 times the largest), which keeps
 * Newton's scaling but always goes downhill, and flag the step so the
 * learner sees that the Hessian was modified.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/optim.h"
#include "descent/util.h"

/* Work space for n parameters, in doubles: h and v (n*n each), g, d, lambda. */
#define WORK(n) (2 * (size_t)(n) * (size_t)(n) + 3 * (size_t)(n))
#define SMALL 8                 /* up to this many parameters, on the stack */

/* One lane's step; work holds WORK(n) doubles. */
static void
newton_lane(const struct opt_step *s, size_t lane, double *work)
{
	int n = s->n, i, j, k;
	double *h = work, *v = h + n * n, *g = v + n * n, *d = g + n, *lambda = d + n;

	for (i = 0; i < n; i++) {
		g[i] = s->g[i][lane];
		for (j = 0; j < n; j++)
			h[i * n + j] = s->h[i * n + j][lane] + (i == j ? s->p->damping : 0);
	}
	if (la_solve_spd(n, h, g, d) < 0) {
		double big = 0, floor;
		for (i = 0; i < n; i++)
			h[i * n + i] -= s->p->damping;
		if (la_eigsym(n, h, lambda, v) < 0) {
			for (i = 0; i < n; i++)
				s->w[i][lane] = NAN;    /* reported as divergence */
			return;
		}
		for (k = 0; k < n; k++)
			big = fmax(big, fabs(lambda[k]));
		floor = fmax(1e-12 * big, 1e-300);
		for (i = 0; i < n; i++)
			d[i] = 0;
		for (k = 0; k < n; k++) {
			double c = 0, mu = fmax(fabs(lambda[k]) + s->p->damping, floor);
			for (i = 0; i < n; i++)
				c += v[i * n + k] * g[i];
			for (i = 0; i < n; i++)
				d[i] += v[i * n + k] * c / mu;
		}
		s->flag[lane] = 1;
	}
	for (i = 0; i < n; i++)
		s->w[i][lane] -= s->lr * d[i];
}

/*
 * The work space is sized by n, once per step: two LA_MAX_N^2 matrices
 * per lane (64 KiB of stack, probed page by page) were the old cost.
 */
static void
newton_step(const struct opt_step *s)
{
	double small[WORK(SMALL)], *work = s->n <= SMALL ? small : xmalloc(WORK(s->n) * sizeof *work);
	size_t lane;

	for (lane = 0; lane < s->m; lane++)
		newton_lane(s, lane, work);
	if (work != small)
		free(work);
}

const struct optimizer opt_newton = {
	.name = "newton",
	.rule = N_("w -= lr*(H + damping*I)^-1 g  (|eigenvalues| where H is not positive "
		   "definite)"),
	.params = "lr,damping",
	.nstate = 0,
	.needs_hessian = 1,
	.defaults = { .lr = 1.0, .damping = 0.0 },
	.step = newton_step,
};
