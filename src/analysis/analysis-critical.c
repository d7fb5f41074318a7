/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-critical.c - the critical points of a function of one or two
 * variables in a region: Newton's method on the gradient (which, unlike a
 * descent, converges to saddles and maxima too) from grids of starts, all
 * starts of a grid run in lockstep through the batch evaluator.
 *
 * How many starts?  A probe grid counts the sign changes of each partial
 * derivative along the rows and columns of the region: each one brackets
 * a critical curve, so the first grid gets four starts per sign change
 * (sin on [-1000, 1000]: 636 of them, so 2548 starts; Rastrigin on
 * [-5, 5]^2: 21 per axis, so 88 by 88).  Then a grid twice as dense per
 * axis, and again, until one finds no point the earlier grids missed:
 * the search is then called conclusive.  That is a heuristic, not a
 * proof (a point whose basin under Newton is thinner than the densest
 * grid's cells can still hide), and descent-lessons(5) says so; when the
 * evaluation budget or the size cap runs out first, the search is not
 * conclusive and says how many starts it used.
 *
 * Degenerate points (x^4 at 0) attract Newton only linearly, so a start
 * ends near them rather than on them; a coordinate within a hair of 0 is
 * put on 0 when the gradient there is as small.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/util.h"

#define NEWTON_ITERATIONS 80
#define PROBE_1D 16385                  /* probe points, one dimension */
#define PROBE_2D 257                    /* probe points per axis, two */
#define STARTS_1D 200                   /* the least first grid */
#define STARTS_2D 24
#define MAX_STARTS_1D (1 << 17)         /* the largest grid: memory */
#define MAX_STARTS_2D 512
#define PER_SIGN_CHANGE 4
#define GRID_CHUNK 2048                 /* grid points per evaluation, */
					/* a multiple of EXPR_BLOCK */

/* The starts of one grid, compacted as they finish: lanes [0, m) run. */
struct lanes {
	size_t m;
	double *buf;
	double *w[2], *g[2], *h[4], *f;
};

static void
lanes_init(struct lanes *l, size_t m)
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
		if (fabs(lambda[k]) > big)      /* finite: no fmax needed */
			big = fabs(lambda[k]);
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

/*
 * Points [q, q + len) (row-major, px per row) of a grid of the region,
 * edges included, into x and y.
 */
static void
grid_points(const struct region *r, int px, int py, size_t q, size_t len, double *x, double *y)
{
	int i = (int)(q % (size_t)px), j = (int)(q / (size_t)px);
	double row = r->n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * j / (py - 1) : 0;
	size_t t;

	for (t = 0; t < len; t++) {
		x[t] = r->lo[0] + (r->hi[0] - r->lo[0]) * i / (px - 1);
		y[t] = row;
		if (++i == px) {
			i = 0;
			j++;
			row = r->n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * j / (py - 1) : 0;
		}
	}
}

/* Through the evaluator GRID_CHUNK points at a time, as the probe is. */
double
analysis_region_min(struct objective *o, const struct region *r, double *where)
{
	int n = r->n, m1 = n == 1 ? 2001 : 201;
	size_t m = n == 1 ? (size_t)m1 : (size_t)m1 * m1, q0, t, best = 0;
	double *buf = xmalloc(GRID_CHUNK * 3 * sizeof *buf), *x = buf, *y = buf + GRID_CHUNK,
	       *f = buf + 2 * GRID_CHUNK;
	const double *in[2] = { x, y };
	double low = INFINITY;

	for (q0 = 0; q0 < m; q0 += GRID_CHUNK) {
		size_t len = m - q0 < GRID_CHUNK ? m - q0 : GRID_CHUNK;
		grid_points(r, m1, m1, q0, len, x, y);
		objective_eval(o, len, in, f, NULL, NULL);
		for (t = 0; t < len; t++)
			if (f[t] < low) {
				low = f[t];
				best = q0 + t;
			}
	}
	if (where != NULL)
		grid_points(r, m1, m1, best, 1, &where[0], &where[1]);  /* y 0 in 1D */
	free(buf);
	return low;
}

/*
 * The points found so far, with a hash of cells as wide as the distance
 * under which two points are one, so that a search with many points
 * (a curve of them) stays linear.
 */
struct pointset {
	struct critical_point *p;
	int n, cap;
	int *head, *next;       /* chains of points by cell */
	size_t nbuckets;
	double tol, lo[2];
};

static void
pointset_init(struct pointset *s, const struct region *r, double tol)
{
	memset(s, 0, sizeof *s);
	s->tol = tol;
	s->lo[0] = r->lo[0];
	s->lo[1] = r->n == 2 ? r->lo[1] : 0;
}

static void
pointset_free(struct pointset *s)
{
	free(s->head);
	free(s->next);
}

static int64_t
cell_of(const struct pointset *s, double x, int k)
{
	double c = floor((x - s->lo[k]) / s->tol);

	return c > 1e15 ? (int64_t)1e15 : c < -1e15 ? (int64_t)-1e15 : (int64_t)c;
}

static size_t
bucket(const struct pointset *s, int64_t cx, int64_t cy)
{
	uint64_t h = (uint64_t)cx * 0x9e3779b97f4a7c15u ^ (uint64_t)cy * 0xc2b2ae3d27d4eb4fu;

	return (size_t)((h ^ h >> 29) & (s->nbuckets - 1));
}

static void
pointset_link(struct pointset *s, int i)
{
	size_t b = bucket(s, cell_of(s, s->p[i].x[0], 0), cell_of(s, s->p[i].x[1], 1));

	s->next[i] = s->head[b];
	s->head[b] = i;
}

/* Whether a point within tol of x is in s. */
static int
pointset_has(const struct pointset *s, const double *x)
{
	int64_t cx = cell_of(s, x[0], 0), cy = cell_of(s, x[1], 1), a, b;

	if (s->n == 0)
		return 0;
	for (a = cx - 1; a <= cx + 1; a++)
		for (b = cy - 1; b <= cy + 1; b++) {
			int i;
			for (i = s->head[bucket(s, a, b)]; i >= 0; i = s->next[i])
				if (hypot(x[0] - s->p[i].x[0], x[1] - s->p[i].x[1]) < s->tol)
					return 1;
		}
	return 0;
}

static void
pointset_add(struct pointset *s, const struct critical_point *p)
{
	int i;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->p = xreallocarray(s->p, (size_t)s->cap, sizeof *s->p);
		s->next = xreallocarray(s->next, (size_t)s->cap, sizeof *s->next);
		free(s->head);
		s->nbuckets = 2 * (size_t)s->cap;
		s->head = xmalloc(s->nbuckets * sizeof *s->head);
		for (i = 0; i < (int)s->nbuckets; i++)
			s->head[i] = -1;
		for (i = 0; i < s->n; i++)
			pointset_link(s, i);
	}
	s->p[s->n] = *p;
	pointset_link(s, s->n++);
}

/* How a line's sign changes are counted: c so far, s the last nonzero sign. */
struct line_signs {
	int c, s;
};

static void
line_signs_add(struct line_signs *l, double v)
{
	int sv = v > 0 ? 1 : v < 0 ? -1 : 0;

	if (sv != 0 && l->s != 0 && sv != l->s)
		l->c++;
	if (sv != 0)
		l->s = sv;
}

/*
 * The probe: f' (1D) or the gradient (2D) on a grid of the region, edges
 * included.  Gives the largest gradient seen (the scale of "zero") and
 * the most sign changes of df/dx along a row and of df/dy along a column.
 * The grid goes through the evaluator GRID_CHUNK points at a time, row by
 * row, each row's count and each column's carried from chunk to chunk:
 * 64 KiB of buffers that stay in the cache, rather than 2.6 MB (in 2D)
 * that the kernel had to fault in afresh for every search.  The chunks
 * are whole blocks of the evaluator, and its lanes are independent, so
 * every value is the one a single call would give.  f is not asked for
 * (a data objective then skips its mean).
 */
static double
probe(struct objective *o, const struct region *r, int *changes, long long *work)
{
	int n = r->n, px = n == 1 ? PROBE_1D : PROBE_2D, py = n == 1 ? 1 : PROBE_2D;
	size_t m = (size_t)px * (size_t)py, q0, t, i = 0, j = 0;
	double *buf = xmalloc(GRID_CHUNK * 4 * sizeof *buf), *w[2] = { buf, buf + GRID_CHUNK },
	       *g[2] = { buf + 2 * GRID_CHUNK, buf + 3 * GRID_CHUNK }, scale = 0;
	struct line_signs row = { 0, 0 }, *col = xcalloc((size_t)px, sizeof *col);

	changes[0] = changes[1] = 0;
	for (q0 = 0; q0 < m; q0 += GRID_CHUNK) {
		size_t len = m - q0 < GRID_CHUNK ? m - q0 : GRID_CHUNK;
		grid_points(r, px, py, q0, len, w[0], w[1]);
		objective_eval(o, len, (const double *const *)w, NULL, g, NULL);
		for (t = 0; t < len; t++) {
			double ax = fabs(g[0][t]), ay = n == 1 ? 0 : fabs(g[1][t]), glen;
			/* df/dx along the rows, df/dy along the columns */
			if (i == 0)
				row.c = row.s = 0;
			line_signs_add(&row, g[0][t]);
			if (i == (size_t)px - 1 && row.c > changes[0])
				changes[0] = row.c;
			if (n == 2) {
				line_signs_add(&col[i], g[1][t]);
				if (j == (size_t)py - 1 && col[i].c > changes[1])
					changes[1] = col[i].c;
			}
			/* hypot <= sqrt(2) max(|gx|, |gy|) (and within an ulp of
			 * it): no need to ask when that cannot exceed the largest */
			if (!((ax > ay ? ax : ay) * 1.5 < scale)) {
				glen = n == 1 ? ax : hypot(g[0][t], g[1][t]);
				if (isfinite(glen) && glen > scale)
					scale = glen;
			}
			if (++i == (size_t)px) {
				i = 0;
				j++;
			}
		}
	}
	*work += (long long)m;
	free(col);
	free(buf);
	return scale;
}

/*
 * Runs Newton from an nx by ny grid of starts (cell centres, so that no
 * start sits on the region's edge), adding the critical points it finds
 * to s; returns how many were new, or -1 when the budget ran out first
 * (what was found is kept).
 */
static int
newton_grid(struct objective *o, const struct region *r, int nx, int ny, double gscale,
	    long long budget, long long *work, struct pointset *s)
{
	int n = r->n, it, k, added = 0;
	size_t m = (size_t)nx * (size_t)ny, i;
	struct lanes l;
	double diam = diameter(r);

	lanes_init(&l, m);
	for (i = 0; i < m; i++) {
		size_t ix = i % (size_t)nx, iy = i / (size_t)nx;
		l.w[0][i] = r->lo[0] + (r->hi[0] - r->lo[0]) * ((double)ix + 0.5) / nx;
		l.w[1][i] = n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * ((double)iy + 0.5) / ny : 0;
	}
	for (it = 0; l.m > 0; it++) {
		size_t keep = 0;
		if (*work + (long long)l.m > budget) {
			added = -1;
			break;
		}
		objective_eval(o, l.m, (const double *const *)l.w, l.f, l.g, l.h);
		*work += (long long)l.m;
		for (i = 0; i < l.m; i++) {
			double g[2] = { 0, 0 }, h[4], d[2], x[2] = { 0, 0 }, len, glen;
			int done = it == NEWTON_ITERATIONS;
			for (k = 0; k < n; k++) {
				g[k] = l.g[k][i];
				x[k] = l.w[k][i];
			}
			for (k = 0; k < n * n; k++)
				h[k] = l.h[k][i];
			glen = la_norm(n, g);
			if (!isfinite(l.f[i]) || !isfinite(glen) || !inside(r, x, 0.5))
				continue;       /* gone: out of the region or undefined */
			if (!done) {
				newton_direction(n, h, g, d);
				len = la_norm(n, d);
				done = len <= 1e-13 * diam;
				if (len > diam) {       /* no leaps across the region */
					d[0] *= diam / len;
					d[1] *= diam / len;
				}
			}
			if (done) {
				struct critical_point p;
				double y[2], fy, gy[2] = { 0, 0 }, hy[4];
				if (!(glen <= 1e-7 * gscale) || !inside(r, x, 1e-9) ||
				    pointset_has(s, x))
					continue;
				memset(&p, 0, sizeof p);
				memcpy(p.x, x, sizeof p.x);
				/* a hair from 0: on 0, when it is as critical there */
				memcpy(y, x, sizeof y);
				for (k = 0; k < n; k++)
					if (fabs(y[k]) < 1e-7 * diam)
						y[k] = 0;
				objective_eval_point(o, y, &fy, gy, hy);
				if (la_norm(n, gy) <= glen)
					memcpy(p.x, y, sizeof y);
				objective_eval_point(o, p.x, &p.f, g, h);
				*work += 2;
				p.kind = analysis_classify(n, h, p.lambda);
				if (!pointset_has(s, p.x)) {
					pointset_add(s, &p);
					added++;
				}
				continue;
			}
			for (k = 0; k < n; k++)
				l.w[k][keep] = x[k] - d[k];
			keep++;
		}
		l.m = keep;
	}
	free(l.buf);
	return added;
}

/* Marks the global minima: the lowest, when no point of the region is lower. */
static void
mark_global(struct objective *o, const struct region *r, struct critical_point *cp, int found,
	    int conclusive)
{
	double low = INFINITY, grid = INFINITY;
	int q;

	for (q = 0; q < found; q++)
		if (cp[q].kind == CP_MINIMUM)
			low = fmin(low, cp[q].f);
	/* edges included (an edge need not be critical: x^3 - 3x on [-5, 5]
	 * is lowest at -5) */
	if (found > 0 && isfinite(low))
		grid = analysis_region_min(o, r, NULL);
	for (q = 0; q < found; q++) {
		double f = cp[q].f;
		if (cp[q].kind != CP_MINIMUM)
			cp[q].global = 0;
		else if (f > low + 1e-9 * (1 + fabs(low)) || grid < f - 1e-9 * (1 + fabs(f)))
			cp[q].global = 0;       /* something lower is known: local */
		else
			cp[q].global = conclusive ? 1 : -1;
	}
}

int
analysis_critical_search(struct objective *o, const struct region *r,
			 const struct cp_options *opt, struct cp_search *out)
{
	int n = objective_dim(o), nx, ny, added, cap, want[2], k;
	long long budget = opt != NULL && opt->budget > 0 ? opt->budget : CP_BUDGET;
	double gscale, diam = diameter(r);
	struct pointset s;

	memset(out, 0, sizeof *out);
	if (n < 1 || n > 2 || r->n != n)
		return -1;
	gscale = fmax(probe(o, r, out->sign_changes, &out->work), 1e-300);
	cap = n == 1 ? MAX_STARTS_1D : MAX_STARTS_2D;
	for (k = 0; k < 2; k++) {
		long long w = PER_SIGN_CHANGE * ((long long)out->sign_changes[k] + 1);
		want[k] = k < n ? (int)(w > cap + 1LL ? cap + 1LL : w) : 1;
	}
	if (opt != NULL && opt->starts > 0) {
		nx = ny = opt->starts < cap ? opt->starts : cap;
	} else {
		int least = n == 1 ? STARTS_1D : STARTS_2D;
		nx = want[0] > cap ? cap : want[0] < least ? least : want[0];
		ny = want[1] > cap ? cap : want[1] < least ? least : want[1];
	}
	if (n == 1)
		ny = 1;
	pointset_init(&s, r, 1e-5 * diam);
	for (;;) {
		added = newton_grid(o, r, nx, ny, gscale, budget, &out->work, &s);
		out->passes++;
		out->starts += (long long)nx * ny;
		out->nx = nx;
		out->ny = ny;
		out->added = added;
		if (added < 0) {
			out->stop = CP_STOP_BUDGET;
			break;
		}
		/* agreed, and the grid confirmed was as dense as the probe asks */
		if (out->passes > 1 && added == 0 && out->prev[0] >= want[0] &&
		    out->prev[1] >= want[1]) {
			out->stop = CP_STOP_AGREED;
			break;
		}
		if (nx == cap && ny == (n == 1 ? 1 : cap)) {
			out->stop = CP_STOP_SIZE;
			break;
		}
		out->prev[0] = nx;
		out->prev[1] = ny;
		nx = nx > cap / 2 ? cap : 2 * nx;
		if (n == 2)
			ny = ny > cap / 2 ? cap : 2 * ny;
	}
	out->conclusive = out->stop == CP_STOP_AGREED;
	out->want[0] = want[0];
	out->want[1] = want[1];
	if (s.n > 0)            /* none found: s.p is NULL, which qsort may not take */
		qsort(s.p, (size_t)s.n, sizeof *s.p, compare_points);
	mark_global(o, r, s.p, s.n, out->conclusive);
	out->cp = s.p;
	out->found = s.n;
	pointset_free(&s);
	return s.n;
}

void
cp_search_free(struct cp_search *s)
{
	free(s->cp);
	s->cp = NULL;
	s->found = 0;
}

int
analysis_critical_points(struct objective *o, const struct region *r,
			 int starts, struct critical_point *cp, int max)
{
	struct cp_options opt = { starts, 0 };
	struct cp_search s;
	int found = analysis_critical_search(o, r, &opt, &s), q;

	for (q = 0; q < found && q < max; q++)
		cp[q] = s.cp[q];
	cp_search_free(&s);
	return found;
}
