/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-wolfe.c - the strong Wolfe line search of the quasi-Newton family
 * (opt-wolfe.h): Nocedal and Wright, Numerical Optimization, algorithms
 * 3.5 (grow the step until a bracket holds a good one) and 3.6 (zoom in
 * on the bracket), with the cubic that matches f and its slope at both
 * ends, kept a tenth of the bracket away from them, a quadratic when the
 * cubic has no minimum there, and the middle when neither does.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/linalg.h"
#include "descent/util.h"
#include "opt-wolfe.h"

/* A step tried: a, f there (phi) and the slope along d (dphi). */
struct trial {
	double a, phi, dphi;
};

/* Evaluates x + a d into xn, fn and gn, and t. */
static void
probe(const struct opt_step *s, size_t lane, const double *x, const double *d, double a,
      double *xn, double *fn, double *gn, struct trial *t)
{
	int k;

	for (k = 0; k < s->n; k++)
		xn[k] = x[k] + a * d[k];
	s->eval(s->ctx, lane, xn, fn, gn);
	t->a = a;
	t->phi = *fn;
	t->dphi = la_dot(s->n, gn, d);
}

/* Where to try next between lo (f low enough there) and hi. */
static double
interpolate(const struct trial *lo, const struct trial *hi)
{
	double amin = fmin(lo->a, hi->a), amax = fmax(lo->a, hi->a), w = amax - amin, a;
	double span = hi->a - lo->a;

	if (isfinite(hi->phi) && isfinite(hi->dphi)) {
		double d1 = lo->dphi + hi->dphi - 3 * (lo->phi - hi->phi) / (lo->a - hi->a);
		double disc = d1 * d1 - lo->dphi * hi->dphi;
		if (disc >= 0) {
			double d2 = copysign(sqrt(disc), span);
			a = hi->a - span * (hi->dphi + d2 - d1) / (hi->dphi - lo->dphi + 2 * d2);
			if (a >= amin + 0.1 * w && a <= amax - 0.1 * w)
				return a;
		}
	}
	if (isfinite(hi->phi)) {
		double q = hi->phi - lo->phi - lo->dphi * span;
		if (q > 0) {
			a = lo->a - lo->dphi * span * span / (2 * q);
			if (a >= amin + 0.1 * w && a <= amax - 0.1 * w)
				return a;
		}
	}
	return lo->a + span / 2;
}

/* wolfe_search with the gradients at the bracket's ends kept in gprev and glo (n each). */
static int
search(const struct opt_step *s, size_t lane, const double *x, double f0, const double *g0,
       const double *d, double a0, double *a, double *xn, double *fn, double *gn,
       double *gprev, double *glo)
{
	int n = s->n, evals = 0, k;
	double slope = la_dot(n, g0, d);
	struct trial prev = { 0, f0, slope }, cur = { a0, 0, 0 }, lo = prev, hi;

	memcpy(gprev, g0, (size_t)n * sizeof *g0);
	memcpy(glo, g0, (size_t)n * sizeof *g0);
	if (!(slope < 0) || !(a0 > 0) || !isfinite(a0))
		goto none;
	for (;;) {             /* grow the step until a bracket holds a good one */
		probe(s, lane, x, d, cur.a, xn, fn, gn, &cur);
		evals++;
		if (!(cur.phi <= f0 + WOLFE_C1 * cur.a * slope) ||
		    (evals > 1 && cur.phi >= prev.phi)) {
			lo = prev;
			memcpy(glo, gprev, (size_t)n * sizeof *glo);
			hi = cur;
			break;
		}
		if (fabs(cur.dphi) <= -WOLFE_C2 * slope) {
			*a = cur.a;
			return 0;
		}
		if (cur.dphi >= 0) {
			lo = cur;
			memcpy(glo, gn, (size_t)n * sizeof *glo);
			hi = prev;
			break;
		}
		prev = cur;
		memcpy(gprev, gn, (size_t)n * sizeof *gprev);
		lo = prev;
		memcpy(glo, gprev, (size_t)n * sizeof *glo);
		if (evals >= WOLFE_EVALS)
			goto fail;
		cur.a *= 2;
	}
	while (evals < WOLFE_EVALS) {   /* zoom in on the bracket */
		probe(s, lane, x, d, interpolate(&lo, &hi), xn, fn, gn, &cur);
		evals++;
		if (!(cur.phi <= f0 + WOLFE_C1 * cur.a * slope) || cur.phi >= lo.phi) {
			hi = cur;
			continue;
		}
		if (fabs(cur.dphi) <= -WOLFE_C2 * slope) {
			*a = cur.a;
			return 0;
		}
		if (cur.dphi * (hi.a - lo.a) >= 0)
			hi = lo;
		lo = cur;
		memcpy(glo, gn, (size_t)n * sizeof *glo);
	}
fail:
	if (lo.a > 0) {         /* the lowest point that decreased f enough */
		*a = lo.a;
		for (k = 0; k < n; k++)
			xn[k] = x[k] + lo.a * d[k];
		*fn = lo.phi;
		memcpy(gn, glo, (size_t)n * sizeof *gn);
		return -1;
	}
none:
	*a = 0;
	memcpy(xn, x, (size_t)n * sizeof *xn);
	*fn = f0;
	memcpy(gn, g0, (size_t)n * sizeof *gn);
	return -1;
}

int
wolfe_search(const struct opt_step *s, size_t lane, const double *x, double f0,
	     const double *g0, const double *d, double a0, double *a, double *xn,
	     double *fn, double *gn)
{
	double *work = xmalloc(2 * (size_t)s->n * sizeof *work);
	int status = search(s, lane, x, f0, g0, d, a0, a, xn, fn, gn, work, work + s->n);

	free(work);
	return status;
}
