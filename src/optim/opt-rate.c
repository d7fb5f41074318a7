/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-rate.c - a learning rate for an optimizer that joins a race, read
 * from the function at the start point, so that a race compares the
 * optimizers and not the rates they happen to be given.
 *
 * One rate cannot suit every optimizer: gd's step is lr*g, so its scale
 * is a curvature (stable below 2/lambda_max on a quadratic), while
 * adagrad, rmsprop and adam divide g by its own size, so that their step
 * is about lr in each coordinate and lr is a length.  Each optimizer is
 * therefore given a rate that is the same safe share of its own limit:
 *
 *   gd        1/lambda                   half of the limit 2/lambda
 *   momentum  (1+beta)/(2 lambda)        a quarter of heavy ball's 2(1+beta)/lambda
 *   nesterov  (1+beta)/(2(1+2 beta) lambda)   a quarter of its 2(1+beta)/((1+2 beta) lambda)
 *   adagrad   d/2
 *   rmsprop   d/4 * sqrt(1-rho)          its first step is lr/sqrt(1-rho)
 *   adam      d/4
 *   newton    1                          the step to the quadratic model's minimum
 *
 * where lambda is the largest eigenvalue of the Hessian at the start and
 * d = |g|/lambda, the length of gd's first step at 1/lambda: the distance
 * over which the gradient, at that curvature, would change by as much as
 * it is, which is the scale of the start's distance to the nearest
 * feature (on a round bowl, exactly the distance to its bottom).  The
 * momentum methods keep less of their limit than gd because their
 * velocity carries them into steeper ground than the start's; the
 * adaptive ones travel about lr every step whatever the slope, so a
 * share of d lets them cross the distance in a few steps without leaping
 * past what is there.
 *
 * Where the curvature says nothing (lambda_max <= 0: a maximum or a
 * saddle without an upward direction; not finite; or a flat start where
 * d is 0), the optimizer's default rate stands.  The rate is rounded to
 * two significant digits, to read well, and kept within [1e-6, 1e3].
 */
#include "config.h"

#include <math.h>

#include "descent/linalg.h"
#include "descent/optim.h"

#define LR_MIN 1e-6
#define LR_MAX 1e3
#define PROBES 8        /* Hessians along the first steps' reach */

/* x rounded to two significant digits (x > 0 and finite). */
static double
two_digits(double x)
{
	double unit = pow(10, floor(log10(x)) - 1);

	return round(x / unit) * unit;
}

/* The largest eigenvalue of the Hessian of obj at x (n values), or nan. */
static double
lambda_max(struct objective *obj, int n, const double *x, double *g)
{
	double f, h[LA_MAX_N * LA_MAX_N], lambda[LA_MAX_N];

	objective_eval_point(obj, x, &f, g, h);
	if (la_eigsym(n, h, lambda, NULL) < 0 || !isfinite(lambda[n - 1]))
		return NAN;
	return lambda[n - 1];
}

double
opt_suggest_lr(const struct optimizer *o, const struct opt_params *p,
	       struct objective *obj, const double *start)
{
	int n = objective_dim(obj), i, k;
	double g[LA_MAX_N], g1[LA_MAX_N], x[LA_MAX_N];
	double lmax, gnorm, d, lr;

	if (p == NULL)
		p = &o->defaults;
	if (o == &opt_newton)
		return 1;
	if (n < 1 || n > LA_MAX_N)
		return o->defaults.lr;
	lmax = lambda_max(obj, n, start, g);
	if (!(lmax > 0))
		return o->defaults.lr;
	gnorm = 0;
	for (k = 0; k < n; k++)
		gnorm += g[k] * g[k];
	gnorm = sqrt(gnorm);
	d = gnorm / lmax;
	/*
	 * The curvature that matters is the one the first steps meet: a
	 * start on a gentle slope above a narrow well (Rastrigin) would be
	 * given a rate that bounces in the well forever.  Look along the
	 * steepest descent out to 2d and keep the largest.
	 */
	for (i = 1; i <= PROBES && d > 0 && isfinite(d); i++) {
		double l;
		for (k = 0; k < n; k++)
			x[k] = start[k] - 2 * d * i / PROBES * g[k] / gnorm;
		l = lambda_max(obj, n, x, g1);
		if (l > lmax)
			lmax = l;
	}
	d = gnorm / lmax;
	if (o == &opt_gd)
		lr = 1 / lmax;
	else if (o == &opt_momentum)
		lr = (1 + p->beta) / (2 * lmax);
	else if (o == &opt_nesterov)
		lr = (1 + p->beta) / (2 * (1 + 2 * p->beta) * lmax);
	else if (o == &opt_adagrad)
		lr = d;
	else if (o == &opt_rmsprop)
		lr = d / 4 * sqrt(1 - p->rho);
	else if (o == &opt_adam)
		lr = d / 4;
	else
		return o->defaults.lr;
	if (!(lr > 0) || !isfinite(lr))
		return o->defaults.lr;
	return two_digits(fmin(fmax(lr, LR_MIN), LR_MAX));
}
