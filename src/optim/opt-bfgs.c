/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-bfgs.c - BFGS: d = -B g, with B an approximation of the inverse
 * Hessian kept in each lane's state (n*n values), and a step along d that
 * meets the strong Wolfe conditions (opt-wolfe.c).  B starts as the
 * identity; after the first step it is scaled to y.s/y.y, the curvature
 * seen along that step (Nocedal and Wright, 6.20), then each step's
 * s = w_new - w and y = g_new - g update it:
 *
 *   B = (I - rho s y^T) B (I - rho y s^T) + rho s s^T,   rho = 1/(y.s)
 *
 * which keeps B positive definite as long as y.s > 0, which the Wolfe
 * conditions guarantee (a step where it is not skips the update).  The
 * learning rate scales the first step tried: 1, the quasi-Newton step,
 * by default, and 1/|g| at most on the first step, whose B knows nothing
 * of the scale.  A step that finds no good point starts B again from the
 * identity, and is flagged.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "opt-wolfe.h"

static size_t
bfgs_state_size(int n, const struct opt_params *p)
{
	(void)p;
	return (size_t)n * (size_t)n;
}

/* B = the identity times c. */
static void
scaled_identity(int n, double *b, double c)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			b[i * n + j] = i == j ? c : 0;
}

/* The update with the step s and the change of gradient y, y.s = sy > 0. */
static void
update(int n, double *b, const double *s, const double *y, double sy, double *by)
{
	double rho = 1 / sy, yby;
	int i, j;

	for (i = 0; i < n; i++) {
		by[i] = 0;
		for (j = 0; j < n; j++)
			by[i] += b[i * n + j] * y[j];
	}
	yby = la_dot(n, y, by);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			b[i * n + j] += -rho * (s[i] * by[j] + by[i] * s[j]) +
					(rho * rho * yby + rho) * s[i] * s[j];
}

/* One lane's step; work holds n*n + 7n doubles. */
static void
bfgs_lane(const struct opt_step *s, size_t lane, double *work)
{
	int n = s->n, i, j;
	double *b = work, *x = b + n * n, *g = x + n, *d = g + n, *xn = d + n, *gn = xn + n;
	double *y = gn + n, *by = y + n, fn, a, slope, sy, gmax = 0;

	for (i = 0; i < n; i++) {
		x[i] = s->w[i][lane];
		g[i] = s->g[i][lane];
		gmax = fmax(gmax, fabs(g[i]));
		for (j = 0; j < n; j++)
			b[i * n + j] = s->state[i * n + j][lane];
	}
	if (s->t == 1)
		scaled_identity(n, b, 1);
	for (i = 0; i < n; i++) {
		d[i] = 0;
		for (j = 0; j < n; j++)
			d[i] -= b[i * n + j] * g[j];
	}
	slope = la_dot(n, g, d);
	if (!(slope < 0)) {     /* B lost its way: start again from the gradient */
		scaled_identity(n, b, 1);
		for (i = 0; i < n; i++)
			d[i] = -g[i];
		s->flag[lane] = 1;
	}
	if (wolfe_search(s, lane, x, s->f[lane], g, d,
			 s->lr * (s->t == 1 && gmax > 1 ? 1 / gmax : 1), &a, xn, &fn, gn) < 0)
		s->flag[lane] = 1;
	if (a == 0) {
		scaled_identity(n, b, 1);
	} else {
		for (i = 0; i < n; i++) {
			y[i] = gn[i] - g[i];
			xn[i] -= x[i];          /* now s, the step */
		}
		sy = la_dot(n, xn, y);
		if (sy > 0 && isfinite(sy)) {
			if (s->t == 1)
				scaled_identity(n, b, sy / la_dot(n, y, y));
			update(n, b, xn, y, sy, by);
		}
		for (i = 0; i < n; i++)
			s->w[i][lane] = x[i] + xn[i];
	}
	for (i = 0; i < n * n; i++)
		s->state[i][lane] = b[i];
}

static void
bfgs_step(const struct opt_step *s)
{
	double *work = xmalloc(((size_t)s->n * (size_t)s->n + 7 * (size_t)s->n) * sizeof *work);
	size_t lane;

	for (lane = 0; lane < s->m; lane++)
		bfgs_lane(s, lane, work);
	free(work);
}

/* In 2D, "eig(B) 0.05, 0.5": 1 over the curvatures B believes in. */
static void
bfgs_state_text(int n, const struct opt_params *p, const double *state, char *buf,
		size_t size)
{
	double lambda[2];

	(void)p;
	if (n == 2 && state[0] == 0 && state[1] == 0 && state[3] == 0) {
		snprintf(buf, size, "%s", _("B = I until the first step"));
		return;
	}
	if (n != 2 || la_eigsym(2, state, lambda, NULL) < 0) {
		snprintf(buf, size, "B: %d x %d", n, n);
		return;
	}
	snprintf(buf, size, "eig(B) %.3g, %.3g", lambda[0], lambda[1]);
}

const struct optimizer opt_bfgs = {
	.name = "bfgs",
	.rule = N_("d = -B g; w += a*d, a by a Wolfe line search; B updated with s, y"),
	.params = "lr",
	.state_size = bfgs_state_size,
	.line_search = 1,
	.extra_evals = WOLFE_EVALS,
	.defaults = { .lr = 1.0 },
	.step = bfgs_step,
	.state_text = bfgs_state_text,
};
