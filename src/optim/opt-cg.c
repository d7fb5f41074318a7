/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-cg.c - nonlinear conjugate gradients: d = -g + beta*d_prev, with
 * Polak and Ribiere's beta = g.(g - g_prev)/(g_prev.g_prev), never below
 * 0, and 0 every n steps (a restart) or when d would not go downhill;
 * then a step along d that meets the strong Wolfe conditions
 * (opt-wolfe.c).  The first step tried is the exact one of a quadratic,
 * -g.d/(d.Hd), with d.Hd measured by the gradient a short probe along d
 * away (one evaluation more): on a quadratic of n variables the method
 * then ends in n steps, the exactness of conjugate gradients, and
 * elsewhere it starts the search near the minimum along d.  The learning
 * rate scales that first trial, 1 by default.  A lane's state is g_prev,
 * d_prev and the last beta.
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
cg_state_size(int n, const struct opt_params *p)
{
	(void)p;
	return 2 * (size_t)n + 1;
}

/*
 * The step to the minimum along d of the quadratic that has f's slope
 * there, -g.d/(d.Hd), d.Hd from the gradient gp at x + h d; 0 when the
 * curvature is not positive.
 */
static double
exact_step(const struct opt_step *s, size_t lane, const double *x, const double *g,
	   const double *d, double *xp, double *gp)
{
	int n = s->n, k;
	double dn = sqrt(la_dot(n, d, d)), xn = sqrt(la_dot(n, x, x)), h, fp, curv = 0;

	if (!(dn > 0) || !isfinite(dn))
		return 0;
	h = 1e-3 * fmax(1, xn) / dn;
	for (k = 0; k < n; k++)
		xp[k] = x[k] + h * d[k];
	s->eval(s->ctx, lane, xp, &fp, gp);
	for (k = 0; k < n; k++)
		curv += d[k] * (gp[k] - g[k]);
	curv /= h;
	return curv > 0 && isfinite(curv) ? -la_dot(n, g, d) / curv : 0;
}

/* One lane's step; work holds 6n doubles. */
static void
cg_lane(const struct opt_step *s, size_t lane, double *work)
{
	int n = s->n, k;
	double *x = work, *g = x + n, *d = g + n, *xn = d + n, *gn = xn + n, *gp = gn + n;
	double beta = 0, gg, fn, a, a0;

	for (k = 0; k < n; k++) {
		x[k] = s->w[k][lane];
		g[k] = s->g[k][lane];
		gp[k] = s->state[k][lane];
	}
	gg = la_dot(n, gp, gp);
	if ((s->t - 1) % n != 0 && gg > 0) {
		for (k = 0; k < n; k++)
			beta += g[k] * (g[k] - gp[k]);
		beta = fmax(0, beta / gg);
	}
	for (k = 0; k < n; k++)
		d[k] = -g[k] + beta * s->state[n + k][lane];
	if (!(la_dot(n, g, d) < 0) || !isfinite(beta)) {
		beta = 0;
		for (k = 0; k < n; k++)
			d[k] = -g[k];
	}
	a0 = exact_step(s, lane, x, g, d, xn, gn);
	if (!(a0 > 0))
		a0 = 1 / fmax(1, sqrt(la_dot(n, g, g)));
	if (wolfe_search(s, lane, x, s->f[lane], g, d, s->lr * a0, &a, xn, &fn, gn) < 0)
		s->flag[lane] = 1;
	for (k = 0; k < n; k++) {
		s->state[k][lane] = g[k];
		s->state[n + k][lane] = d[k];
		s->w[k][lane] = xn[k];
	}
	s->state[2 * n][lane] = beta;
}

static void
cg_step(const struct opt_step *s)
{
	double *work = xmalloc(6 * (size_t)s->n * sizeof *work);
	size_t lane;

	for (lane = 0; lane < s->m; lane++)
		cg_lane(s, lane, work);
	free(work);
}

static void
cg_state_text(int n, const struct opt_params *p, const double *state, char *buf, size_t size)
{
	(void)p;
	snprintf(buf, size, _("beta %.3g (0 every %d steps)"), state[2 * n], n);
}

const struct optimizer opt_cg = {
	.name = "cg",
	.rule = N_("d = -g + beta*d_prev, beta = max(0, g.(g - g_prev)/|g_prev|^2); w += a*d, "
		   "a by a Wolfe line search"),
	.params = "lr",
	.state_size = cg_state_size,
	.line_search = 1,
	.extra_evals = WOLFE_EVALS + 1,        /* and the probe of the curvature */
	.defaults = { .lr = 1.0 },
	.step = cg_step,
	.state_text = cg_state_text,
};
