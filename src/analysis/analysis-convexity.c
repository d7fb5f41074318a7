/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-convexity.c - where a function of one or two variables is
 * convex: the sign of its Hessian on a grid (the data of a "convex here /
 * not here" map), a verdict, and, when it is not convex, a concrete chord
 * that breaks Jensen's inequality, f(a*p + (1-a)*q) > a*f(p) + (1-a)*f(q).
 *
 * The chord is found where the Hessian is most negative: along an
 * eigenvector v of a negative eigenvalue at c, the midpoint of p = c + s*v
 * and q = c - s*v lies above the chord for small s (the second difference
 * is about lambda*s^2 < 0); s starts at a quarter of the region and is
 * halved until the inequality holds with a margin beyond rounding.  A
 * grid verdict is evidence, not proof: the map says where it looked.
 *
 * A grid where f, its gradient or its Hessian is not finite at (almost)
 * every point gives no verdict: sqrt(-x^2-1) is undefined everywhere and
 * x^4 on [-1e300, 1e300] overflows, and neither is "not convex".
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/util.h"

/* The names stay English (tests compare them); shown, they go through _(). */
const char *
hess_sign_name(enum hess_sign s)
{
	static const char *const names[] = {
		N_("positive definite"), N_("positive semidefinite"), N_("indefinite"),
		N_("negative semidefinite"), N_("negative definite"), N_("not finite"),
	};
	return names[s];
}

const char *
convexity_verdict_name(enum convexity_verdict v)
{
	static const char *const names[] = {
		N_("convex"), N_("not convex"), N_("undefined on the region"),
		N_("could not be decided (values overflow)"),
	};
	return names[v];
}

/*
 * Whether so few of m grid points are finite that the grid decides
 * nothing: at most 1%.
 */
static int
almost_none_finite(size_t m, size_t bad)
{
	return bad > 0 && (m - bad) * 100 <= m;
}

static double
f_at(struct objective *o, const double *x)
{
	double f;

	objective_eval_point(o, x, &f, NULL, NULL);
	return f;
}

static int
in_region(const struct region *r, const double *x)
{
	int k;

	for (k = 0; k < r->n; k++)
		if (!(x[k] >= r->lo[k] && x[k] <= r->hi[k]))
			return 0;
	return 1;
}

/* Tries the chord through c along v; returns 1 and fills c when found. */
static int
try_chord(struct objective *o, const struct region *r, const double *mid,
	  const double *v, struct convexity *cv)
{
	double s = 0, fmid = f_at(o, mid);
	int i, k;

	for (k = 0; k < r->n; k++)
		s = fmax(s, (r->hi[k] - r->lo[k]) / 4);
	for (i = 0; i < 40; i++, s /= 2) {
		double p[2] = { 0, 0 }, q[2] = { 0, 0 }, fp, fq, rhs;
		for (k = 0; k < r->n; k++) {
			p[k] = mid[k] + s * v[k];
			q[k] = mid[k] - s * v[k];
		}
		if (!in_region(r, p) || !in_region(r, q))
			continue;
		fp = f_at(o, p);
		fq = f_at(o, q);
		rhs = 0.5 * fp + 0.5 * fq;
		if (isfinite(fmid) && isfinite(rhs) &&
		    fmid > rhs + 1e-9 * (fabs(fmid) + fabs(rhs) + 1e-300)) {
			/* the midpoint of the chord's ends is mid: recompute it
			 * from p and q so the printed sides are what we test */
			double m2[2] = { 0.5 * p[0] + 0.5 * q[0], 0.5 * p[1] + 0.5 * q[1] };
			double lhs = f_at(o, m2);
			if (!(lhs > rhs))
				continue;
			memcpy(cv->p, p, sizeof p);
			memcpy(cv->q, q, sizeof q);
			cv->alpha = 0.5;
			cv->lhs = lhs;
			cv->rhs = rhs;
			cv->has_chord = 1;
			return 1;
		}
	}
	return 0;
}

int
analysis_convexity(struct objective *o, const struct region *r, int nx, int ny,
		   struct convexity *cv)
{
	int n = objective_dim(o), k, tries;
	size_t m, i;
	double *buf, *w[2], *f, *g[2], *h[4], big = 1, tol;
	double *minlam;

	if (n < 1 || n > 2 || r->n != n || nx < 2)
		return -1;
	if (n == 1 || ny < 2)
		ny = 1;
	if (n == 2 && ny < 2)
		ny = 2;
	memset(cv, 0, sizeof *cv);
	cv->nx = nx;
	cv->ny = ny;
	m = (size_t)nx * (size_t)ny;
	buf = xmalloc(m * 10 * sizeof *buf);
	w[0] = buf;
	w[1] = buf + m;
	f = buf + 2 * m;
	g[0] = buf + 3 * m;
	g[1] = buf + 4 * m;
	for (k = 0; k < 4; k++)
		h[k] = buf + (5 + (size_t)k) * m;
	minlam = buf + 9 * m;
	for (i = 0; i < m; i++) {
		size_t ix = i % (size_t)nx, iy = i / (size_t)nx;
		w[0][i] = r->lo[0] + (r->hi[0] - r->lo[0]) * (double)ix / (nx - 1);
		w[1][i] = n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * (double)iy / (ny - 1) : 0;
	}
	objective_eval(o, m, (const double *const *)w, f, g, h);
	cv->sign = xmalloc(m);
	for (i = 0; i < m; i++) {
		double hh[4], lam[2];
		int nan = isnan(f[i]), inf = isinf(f[i]);
		for (k = 0; k < n; k++) {
			nan |= isnan(g[k][i]);
			inf |= isinf(g[k][i]);
		}
		for (k = 0; k < n * n; k++) {
			nan |= isnan(h[k][i]);
			inf |= isinf(h[k][i]);
		}
		if (inf)
			cv->ninf++;     /* inf - inf makes nans of an overflow */
		else if (nan)
			cv->nnan++;
		for (k = 0; k < n * n; k++)
			hh[k] = h[k][i];
		if (la_eigsym(n, hh, lam, NULL) < 0) {
			minlam[i] = NAN;
			continue;
		}
		minlam[i] = lam[0];
		big = fmax(big, fmax(fabs(lam[0]), fabs(lam[n - 1])));
		h[0][i] = lam[0];               /* keep both eigenvalues */
		h[1][i] = lam[n - 1];
	}
	tol = 1e-9 * big;
	cv->convex = 1;
	for (i = 0; i < m; i++) {
		double lo = h[0][i], hi = h[1][i];
		enum hess_sign s;
		if (isnan(minlam[i]))
			s = HESS_UNDEFINED;
		else if (lo > tol)
			s = HESS_POSDEF;
		else if (lo >= -tol && hi > tol)
			s = HESS_POSSEMI;
		else if (lo >= -tol && hi >= -tol)
			s = HESS_POSSEMI;       /* zero Hessian: flat, still convex */
		else if (hi > tol)
			s = HESS_INDEFINITE;
		else if (hi >= -tol)
			s = HESS_NEGSEMI;
		else
			s = HESS_NEGDEF;
		cv->sign[i] = (unsigned char)s;
		cv->counts[s]++;
		if (s != HESS_POSDEF && s != HESS_POSSEMI)
			cv->convex = 0;
	}
	/*
	 * A chord: first through the non-convex point nearest the centre
	 * (its ends fit in the region best), then from the most negative
	 * curvature up.
	 */
	for (tries = 0; !cv->convex && !cv->has_chord && tries < 16; tries++) {
		size_t best = m;
		double hh[4], lam[2], v[4], mid[2] = { 0, 0 }, dir[2], bestd = INFINITY;
		for (i = 0; i < m; i++) {
			double d = 0;
			if (isnan(minlam[i]) || !(minlam[i] < -tol))
				continue;
			for (k = 0; k < n; k++)
				d = hypot(d, (w[k][i] - (r->lo[k] + r->hi[k]) / 2) /
					  (r->hi[k] - r->lo[k]));
			if (tries == 0 ? d < bestd : best == m || minlam[i] < minlam[best]) {
				best = i;
				bestd = d;
			}
		}
		if (best == m)
			break;
		mid[0] = w[0][best];
		mid[1] = w[1][best];
		minlam[best] = NAN;             /* not again */
		{
			double fm;
			objective_eval_point(o, mid, &fm, NULL, hh);
		}
		if (la_eigsym(n, hh, lam, v) < 0)
			continue;
		dir[0] = v[0];
		dir[1] = n == 2 ? v[2] : 0;
		try_chord(o, r, mid, dir, cv);
	}
	/* a chord proves "not convex" wherever it was found; else a grid of
	 * (almost) nothing finite decides nothing, even with f'' >= 0 */
	if (!cv->has_chord && almost_none_finite(m, cv->nnan + cv->ninf))
		cv->verdict = cv->ninf >= cv->nnan ? CONVEXITY_OVERFLOW : CONVEXITY_UNDEFINED;
	else
		cv->verdict = cv->convex ? CONVEXITY_CONVEX : CONVEXITY_NOT_CONVEX;
	cv->convex = cv->verdict == CONVEXITY_CONVEX;
	free(buf);
	return 0;
}
