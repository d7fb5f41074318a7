/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-critical.c - the critical points of a function of one or two
 * variables in a region: Newton's method on the gradient (which, unlike a
 * descent, converges to saddles and maxima too) from a grid of starts,
 * all starts run in lockstep through the batch evaluator; then the
 * points that converged inside the region are refined, deduplicated,
 * classified by the Hessian, and the lowest minima marked global.
 *
 * Degenerate points (x^4 at 0) attract Newton only linearly, so a start
 * ends near them rather than on them; a coordinate within a hair of 0 is
 * put on 0 when the gradient there is as small.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/util.h"

#define NEWTON_ITERATIONS 80

struct lanes {
	size_t m;
	double *buf;
	double *w[2], *g[2], *h[4], *f;
};

static void
lanes_init(struct lanes *l, int n, size_t m)
{
	int k;

	l->m = m;
	l->buf = xmalloc(m * 9 * sizeof *l->buf);
	for (k = 0; k < 2; k++) {
		l->w[k] = l->buf + (size_t)k * m;
		l->g[k] = l->buf + (size_t)(2 + k) * m;
	}
	for (k = 0; k < 4; k++)
		l->h[k] = l->buf + (size_t)(4 + k) * m;
	l->f = l->buf + 8 * m;
	(void)n;
}

/* Evaluates f, gradient and Hessian of every lane. */
static void
lanes_eval(struct objective *o, struct lanes *l)
{
	objective_eval(o, l->m, (const double *const *)l->w, l->f, l->g, l->h);
}

/*
 * The Newton step d = H^-1 g for one lane, through the eigenvalues so
 * that a singular direction (a degenerate point) gets no step rather
 * than an infinite one.
 */
static void
newton_direction(int n, const double *h, const double *g, double *d)
{
	double lambda[2], v[4], big = 0;
	int i, k;

	d[0] = d[1] = 0;
	if (la_eigsym(n, h, lambda, v) < 0)
		return;
	for (k = 0; k < n; k++)
		big = fmax(big, fabs(lambda[k]));
	for (k = 0; k < n; k++) {
		double c = 0;
		if (fabs(lambda[k]) <= 1e-14 * big || lambda[k] == 0)
			continue;
		for (i = 0; i < n; i++)
			c += v[i * n + k] * g[i];
		for (i = 0; i < n; i++)
			d[i] += v[i * n + k] * c / lambda[k];
	}
}

static int
inside(const struct region *r, const double *x, double margin)
{
	int k;

	for (k = 0; k < r->n; k++) {
		double w = (r->hi[k] - r->lo[k]) * margin;
		if (!(x[k] >= r->lo[k] - w && x[k] <= r->hi[k] + w))
			return 0;
	}
	return 1;
}

static double
diameter(const struct region *r)
{
	double d = 0;
	int k;

	for (k = 0; k < r->n; k++)
		d = hypot(d, r->hi[k] - r->lo[k]);
	return d;
}

static int
compare_points(const void *a, const void *b)
{
	const struct critical_point *p = a, *q = b;

	if (p->x[0] != q->x[0])
		return p->x[0] < q->x[0] ? -1 : 1;
	if (p->x[1] != q->x[1])
		return p->x[1] < q->x[1] ? -1 : 1;
	return 0;
}

double
analysis_region_min(struct objective *o, const struct region *r, double *where)
{
	int n = r->n, m1 = n == 1 ? 2001 : 201, i, j;
	size_t m = n == 1 ? (size_t)m1 : (size_t)m1 * m1, k, best = 0;
	double *buf = xmalloc(m * 3 * sizeof *buf), *x = buf, *y = buf + m, *f = buf + 2 * m;
	const double *in[2] = { x, y };
	double low = INFINITY;

	for (j = 0; j < (n == 1 ? 1 : m1); j++)
		for (i = 0; i < m1; i++) {
			k = (size_t)j * m1 + i;
			x[k] = r->lo[0] + (r->hi[0] - r->lo[0]) * i / (m1 - 1);
			y[k] = n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * j / (m1 - 1) : 0;
		}
	objective_eval(o, m, in, f, NULL, NULL);
	for (k = 0; k < m; k++)
		if (f[k] < low) {
			low = f[k];
			best = k;
		}
	if (where != NULL) {
		where[0] = x[best];
		where[1] = y[best];     /* 0 in 1D */
	}
	free(buf);
	return low;
}

int
analysis_critical_points(struct objective *o, const struct region *r,
			 int starts, struct critical_point *cp, int max)
{
	int n = objective_dim(o), it, k, found = 0, ncap = 64;
	size_t m, i, j;
	struct lanes l;
	double diam = diameter(r), gscale = 0;
	struct critical_point *all;
	unsigned char *alive;

	if (n < 1 || n > 2 || r->n != n)
		return -1;
	if (starts <= 0)
		starts = n == 1 ? 200 : 24;
	m = n == 1 ? (size_t)starts : (size_t)starts * (size_t)starts;
	lanes_init(&l, n, m);
	alive = xmalloc(m);
	for (i = 0; i < m; i++) {
		/* cell centres, so that no start sits on the region's edge */
		size_t ix = n == 1 ? i : i % (size_t)starts, iy = n == 1 ? 0 : i / (size_t)starts;
		l.w[0][i] = r->lo[0] + (r->hi[0] - r->lo[0]) * ((double)ix + 0.5) / starts;
		l.w[1][i] = n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * ((double)iy + 0.5) / starts : 0;
		alive[i] = 1;
	}
	for (it = 0; it < NEWTON_ITERATIONS; it++) {
		lanes_eval(o, &l);
		for (i = 0; i < m; i++) {
			double g[2], h[4], d[2], x[2], len;
			if (!alive[i])
				continue;
			for (k = 0; k < n; k++) {
				g[k] = l.g[k][i];
				x[k] = l.w[k][i];
			}
			for (k = 0; k < n * n; k++)
				h[k] = l.h[k][i];
			if (it == 0 && isfinite(la_norm(n, g)))
				gscale = fmax(gscale, la_norm(n, g));
			if (!isfinite(l.f[i]) || !isfinite(la_norm(n, g)) || !inside(r, x, 0.5)) {
				alive[i] = 0;
				continue;
			}
			newton_direction(n, h, g, d);
			len = la_norm(n, d);
			if (len > diam) {       /* no leaps across the region */
				d[0] *= diam / len;
				d[1] *= diam / len;
			}
			for (k = 0; k < n; k++)
				l.w[k][i] = x[k] - d[k];
		}
	}
	lanes_eval(o, &l);
	gscale = fmax(gscale, 1e-300);

	/* the starts that reached a critical point inside the region */
	all = xmalloc(ncap * sizeof *all);
	for (i = 0; i < m; i++) {
		struct critical_point p;
		double g[2] = { 0, 0 }, h[4], y[2], fy, gy[2] = { 0, 0 }, hy[4];
		if (!alive[i])
			continue;
		memset(&p, 0, sizeof p);
		for (k = 0; k < n; k++) {
			p.x[k] = l.w[k][i];
			g[k] = l.g[k][i];
		}
		if (!(la_norm(n, g) <= 1e-7 * gscale) || !inside(r, p.x, 1e-9))
			continue;
		/* a hair from 0: on 0, when it is as critical there */
		memcpy(y, p.x, sizeof y);
		for (k = 0; k < n; k++)
			if (fabs(y[k]) < 1e-7 * diam)
				y[k] = 0;
		objective_eval_point(o, y, &fy, gy, hy);
		if (la_norm(n, gy) <= la_norm(n, g))
			memcpy(p.x, y, sizeof y);
		objective_eval_point(o, p.x, &p.f, g, h);
		p.kind = analysis_classify(n, h, p.lambda);
		/* the same point from another start? */
		for (j = 0; j < (size_t)found; j++) {
			double dx = p.x[0] - all[j].x[0], dy = p.x[1] - all[j].x[1];
			if (hypot(dx, dy) < 1e-5 * diam)
				break;
		}
		if (j < (size_t)found)
			continue;
		if (found == ncap) {
			ncap *= 2;
			all = xreallocarray(all, ncap, sizeof *all);
		}
		all[found++] = p;
	}
	qsort(all, found, sizeof *all, compare_points);
	{
		double low = INFINITY;
		int q;
		for (q = 0; q < found; q++)
			if (all[q].kind == CP_MINIMUM)
				low = fmin(low, all[q].f);
		/* global: no point of the region is lower, edges included (an
		 * edge need not be critical: x^3 - 3x on [-5, 5] is lowest at -5) */
		if (found > 0 && isfinite(low)) {
			double grid = analysis_region_min(o, r, NULL);
			if (grid < low - 1e-9 * (1 + fabs(low)))
				low = -INFINITY;
		}
		for (q = 0; q < found; q++)
			all[q].global = all[q].kind == CP_MINIMUM &&
					all[q].f <= low + 1e-9 * (1 + fabs(low));
		for (q = 0; q < found && q < max; q++)
			cp[q] = all[q];
	}
	free(all);
	free(alive);
	free(l.buf);
	return found;
}
