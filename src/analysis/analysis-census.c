/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-census.c - the critical points an objective of any dimension
 * shows from many starts, found as the zeros of its gradient (so that
 * saddles and maxima are found too, not only the minima a descent ends
 * in), told apart by position, and named by their Hessians: minima,
 * saddles of each index, maxima, degenerate points.
 *
 * From each start, Levenberg-Marquardt on the gradient: the step d
 * minimizes |g + H d|^2 + mu |d|^2, that is d = -(H^2 + mu I)^-1 H g,
 * taken on the Hessian's eigenvectors (d = -sum lambda/(lambda^2 + mu)
 * (v.g) v), so that it is Newton's step on the gradient where mu is
 * small and a short step along -H g where it is large.  A step is kept
 * when |g| falls (mu then shrinks threefold) and retried with four times
 * the mu when it does not.  Newton on the gradient is drawn to every
 * critical point alike, which is what a census needs.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/util.h"

#define MU_TRIES 30             /* retries of a step with a larger mu */

/* The step d from the eigen-decomposition of H (lambda, v) and g, for mu. */
static void
lm_step(int n, const double *lambda, const double *v, const double *vg, double mu,
	double *d)
{
	int i, k;

	for (i = 0; i < n; i++)
		d[i] = 0;
	for (k = 0; k < n; k++) {
		double c = -lambda[k] / (lambda[k] * lambda[k] + mu) * vg[k];
		for (i = 0; i < n; i++)
			d[i] += c * v[(size_t)i * n + k];
	}
}

/*
 * From x (n values, moved in place), Levenberg-Marquardt on the gradient
 * until |grad| < tol: 1, or 0 when it stalls, diverges or runs out of
 * iterations.
 */
static int
descend_gradient(struct objective *o, double *x, const struct census_options *opt)
{
	int n = objective_dim(o), it, i, k;
	size_t nn = (size_t)n * (size_t)n;
	double *g = xmalloc((size_t)n * 6 * sizeof *g), *gt = g + n, *d = gt + n, *xt = d + n;
	double *lambda = xt + n, *vg = lambda + n;
	double *h = xmalloc(nn * sizeof *h), *v = xmalloc(nn * sizeof *v);
	double f, gn, mu = -1;
	int found = 0;

	for (it = 0; it < opt->max_iter; it++) {
		double big = 0;
		int kept = 0;
		objective_eval_point(o, x, &f, g, h);
		gn = la_norm(n, g);
		if (!isfinite(f) || !isfinite(gn))
			break;
		if (gn < opt->tol) {
			found = 1;
			break;
		}
		if (la_eigsym(n, h, lambda, v) < 0)
			break;
		for (k = 0; k < n; k++) {
			double s = 0;
			for (i = 0; i < n; i++)
				s += v[(size_t)i * n + k] * g[i];
			vg[k] = s;
			big = fmax(big, fabs(lambda[k]));
		}
		if (mu < 0)
			mu = 1e-6 * big * big;
		for (int t = 0; t < MU_TRIES && !kept; t++) {
			double gtn;
			lm_step(n, lambda, v, vg, mu, d);
			for (i = 0; i < n; i++)
				xt[i] = x[i] + d[i];
			objective_eval_point(o, xt, &f, gt, NULL);
			gtn = la_norm(n, gt);
			if (isfinite(f) && gtn < gn) {
				memcpy(x, xt, (size_t)n * sizeof *x);
				mu /= 3;
				kept = 1;
			} else {
				mu = mu * 4 + 1e-300;
			}
		}
		if (!kept)
			break;
		for (i = 0; i < n; i++)
			if (!(fabs(x[i]) <= opt->bound))
				goto out;
	}
out:
	free(g);
	free(h);
	free(v);
	return found;
}

/* The point of c within the same-point tolerance of x, or -1. */
static int
known(const struct census *c, int n, const double *x, double tol)
{
	for (int p = 0; p < c->npoints; p++) {
		double dist = 0, size = 0;
		for (int i = 0; i < n; i++) {
			double e = c->points[p].x[i] - x[i];
			dist += e * e;
			size += x[i] * x[i];
		}
		if (sqrt(dist) <= tol * (1 + sqrt(size)))
			return p;
	}
	return -1;
}

int
analysis_census(struct objective *o, size_t m, const double *starts,
		const struct census_options *opt, struct census *c)
{
	int n = objective_dim(o);
	double *x = xmalloc((size_t)n * sizeof *x);
	size_t s;

	memset(c, 0, sizeof *c);
	if (n > OPT_MAX_HESSIAN) {
		free(x);
		return -1;
	}
	for (s = 0; s < m; s++) {
		struct point_report r;
		int p;
		memcpy(x, starts + s * (size_t)n, (size_t)n * sizeof *x);
		c->starts++;
		if (!descend_gradient(o, x, opt)) {
			c->failed++;
			continue;
		}
		p = known(c, n, x, opt->same);
		if (p >= 0) {
			c->points[p].hits++;
			continue;
		}
		if (analysis_point(o, x, opt->tol, &r) != 0) {
			c->failed++;
			continue;
		}
		if (c->npoints == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->points = xreallocarray(c->points, (size_t)c->cap, sizeof *c->points);
		}
		c->points[c->npoints].x = xmalloc((size_t)n * sizeof *x);
		memcpy(c->points[c->npoints].x, x, (size_t)n * sizeof *x);
		c->points[c->npoints].f = r.f;
		c->points[c->npoints].kind = r.kind;
		c->points[c->npoints].index = r.index;
		c->points[c->npoints].zeros = r.zeros;
		c->points[c->npoints].lmax = r.lmax;
		c->points[c->npoints].hits = 1;
		c->npoints++;
		analysis_point_done(&r);
	}
	free(x);
	return 0;
}

void
analysis_census_done(struct census *c)
{
	for (int p = 0; p < c->npoints; p++)
		free(c->points[p].x);
	free(c->points);
	memset(c, 0, sizeof *c);
}

void
census_options_init(struct census_options *opt)
{
	opt->tol = 1e-8;
	opt->max_iter = 200;
	opt->bound = 1e6;
	opt->same = 1e-5;
}
