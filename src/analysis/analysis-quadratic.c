/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-quadratic.c - the rates of gradient descent and of the heavy
 * ball (momentum) on a quadratic bowl, from its Hessian's extreme
 * eigenvalues lmin and lmax, as Goh's "Why Momentum Really Works" derives
 * them: gradient descent converges for lr < 2/lmax and is fastest at
 * lr = 2/(lmin + lmax); the heavy ball w -= lr*g + beta*(previous step)
 * (descent's momentum, v = beta*v + g, w -= lr*v, is the same recurrence)
 * is fastest at lr = (2/(sqrt(lmin) + sqrt(lmax)))^2 with
 * beta = ((sqrt(k) - 1)/(sqrt(k) + 1))^2, k = lmax/lmin, and converges
 * for any 0 <= beta < 1 when lr < 2(1 + beta)/lmax (the roots of its
 * recurrence z^2 - (1 + beta - lr*l)z + beta stay inside the unit circle
 * for each eigenvalue l).
 *
 * A function is taken as a quadratic when its Hessian is the same, to
 * 1e-9 relative, at the middle of the region and at each of its corners.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/objective.h"

static int
near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1, fmax(fabs(a), fabs(b)));
}

void
analysis_point_text(char *buf, size_t size, const double *x, int n)
{
	size_t len = 0;
	int i;

	for (i = 0; i < n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%.6g", i == 0 ? (n > 1 ? "(" : "") : ", ",
				fabs(x[i]) < 1e-9 ? 0 : x[i]);
	if (n > 1 && len < size)
		snprintf(buf + len, size - len, ")");
}

int
analysis_quadratic(struct objective *o, const struct region *r, struct quadratic *q,
		   char *why, size_t size)
{
	double mid[2], x[2], f, g[2], h0[4], h[4], lambda[2], sk;
	int n = objective_dim(o), c, i;

	if (n < 1 || n > 2) {
		snprintf(why, size, "%s", _("rates are proved for functions of one or two "
					   "variables"));
		return -1;
	}
	for (i = 0; i < n; i++)
		mid[i] = (r->lo[i] + r->hi[i]) / 2;
	objective_eval_point(o, mid, &f, g, h0);
	for (c = 0; c < (1 << n); c++) {
		for (i = 0; i < n; i++)
			x[i] = (c >> i) & 1 ? r->hi[i] : r->lo[i];
		objective_eval_point(o, x, &f, g, h);
		for (i = 0; i < n * n; i++)
			if (!near(h[i], h0[i], 1e-9)) {
				char a[64];
				analysis_point_text(a, sizeof a, x, n);
				snprintf(why, size, _("the function is not a quadratic (its "
						      "Hessian at %s differs from the one at the "
						      "middle of the region)"), a);
				return -1;
			}
	}
	la_eigsym(n, h0, lambda, NULL);
	if (!(lambda[0] > 0)) {
		snprintf(why, size, _("the quadratic is not a bowl (its smallest curvature is "
				      "%.6g), so gradient descent has no such rates"),
			 fabs(lambda[0]) < 1e-9 ? 0 : lambda[0]);
		return -1;
	}
	q->lmin = lambda[0];
	q->lmax = lambda[n - 1];
	q->condition = q->lmax / q->lmin;
	q->gd_limit = 2 / q->lmax;
	q->gd_best = 2 / (q->lmin + q->lmax);
	q->hb_lr = pow(2 / (sqrt(q->lmin) + sqrt(q->lmax)), 2);
	sk = sqrt(q->condition);
	q->hb_beta = pow((sk - 1) / (sk + 1), 2);
	return 0;
}
