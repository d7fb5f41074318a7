/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-describe.c - a figure told in sentences, for a reader who cannot
 * see it (a screen reader, a braille display): what is drawn and over
 * which ranges, the shape of a curve, the critical points with their
 * kinds and values, where the function is steep and where flat, the
 * convexity when the figure shades it, and what each run did.  Every
 * number comes from the figure's own analysis (the same critical-point
 * search, the same convexity grid) or from the function sampled over the
 * view, rounded to four significant digits, and to 0 when it is that
 * close to 0 at the scale of the figure.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/util.h"
#include "plot-int.h"

/*
 * A growing text, of paragraphs a line each; the names of the function
 * and its variables, which a format writes @f, @x and @y.
 */
struct text {
	char *s;
	size_t len, cap;
	char names[3][32];
};

static void __attribute__((format(printf, 2, 3)))
put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char form[512];
	const char *q;
	size_t k = 0;
	int n;

	/* the names in place of @f, @x and @y (no '%' in them: identifiers) */
	for (q = fmt; *q != '\0' && k + 33 < sizeof form; q++) {
		const char *name = NULL;
		if (q[0] == '@' && (q[1] == 'f' || q[1] == 'x' || q[1] == 'y'))
			name = t->names[q[1] == 'f' ? 0 : q[1] == 'x' ? 1 : 2];
		if (name == NULL) {
			form[k++] = *q;
			continue;
		}
		k += (size_t)snprintf(form + k, sizeof form - k, "%s", name);
		q++;
	}
	form[k] = '\0';
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, form, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < t->cap - t->len)
			break;
		t->cap = 2 * t->cap + (size_t)n + 1;
		t->s = xrealloc(t->s, t->cap);
	}
	t->len += (size_t)n;
}

/*
 * v with four significant digits, 0 when |v| is below 1e-9 of scale (the
 * size of the figure's values or coordinates: 1e-13 at a minimum is 0),
 * and never "-0".
 */
static const char *
num(char buf[32], double v, double scale)
{
	if (isnan(v))
		return "nan";
	if (isinf(v))
		return v > 0 ? "inf" : "-inf";
	if (fabs(v) <= 1e-9 * scale)
		v = 0;
	snprintf(buf, 32, "%.4g", v);
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

/* What describe shares: the figure, its scales and samples. */
struct desc {
	struct plot_fig *f;
	int n;
	double span[2];         /* the view's width and height */
	double fscale;          /* the size of f's values in view */
	double flo, fhi;        /* f's lowest and highest value, sampled or critical */
	size_t nonfinite, nsamples;
	double nonfinite_x[2];  /* one point where f is not finite */
	int m, rows;            /* the samples: m across, rows (1 or m) down, */
	double *fv, *gn;        /*   f and |grad f| at each, row by row */
	struct critical_point *cp;
	int ncp, conclusive;
	int drawn_only;         /* what is drawn and the runs, not the analysis */
	const char *var0;       /* the first variable's name */
};

static const char *
point(char buf[80], const struct desc *d, const double *x)
{
	char a[32], b[32];

	if (d->n == 1)
		snprintf(buf, 80, "%s = %s", d->var0, num(a, x[0], d->span[0]));
	else
		snprintf(buf, 80, "(%s, %s)", num(a, x[0], d->span[0]), num(b, x[1], d->span[1]));
	return buf;
}

/* The sample points: 513 across in 1D, 65 by 65 in 2D, corner to corner (the middle among them). */
#define SAMPLES_1D 513
#define SAMPLES_2D 65

static void
sample_point(const struct desc *d, int i, int j, int m, double *x)
{
	x[0] = d->f->x0 + (d->f->x1 - d->f->x0) * i / (m - 1);
	if (d->n == 2)
		x[1] = d->f->y0 + (d->f->y1 - d->f->y0) * j / (m - 1);
}

/*
 * The samples, once for every sentence: f and |grad f| at each point;
 * and f's range over the view.
 */
static void
sample_values(struct desc *d)
{
	int m = d->n == 1 ? SAMPLES_1D : SAMPLES_2D, i, j;

	d->m = m;
	d->rows = d->n == 1 ? 1 : m;
	d->fv = xmalloc((size_t)m * (size_t)d->rows * sizeof *d->fv);
	d->gn = xmalloc((size_t)m * (size_t)d->rows * sizeof *d->gn);
	d->flo = INFINITY;
	d->fhi = -INFINITY;
	for (j = 0; j < d->rows; j++)
		for (i = 0; i < m; i++) {
			double x[2] = { 0, 0 }, g[2] = { 0, 0 }, v;
			sample_point(d, i, j, m, x);
			objective_eval_point(d->f->o, x, &v, g, NULL);
			d->fv[j * m + i] = v;
			d->gn[j * m + i] = d->n == 1 ? fabs(g[0]) : hypot(g[0], g[1]);
			d->nsamples++;
			if (!isfinite(v)) {
				if (d->nonfinite++ == 0)
					memcpy(d->nonfinite_x, x, sizeof x);
				continue;
			}
			d->flo = fmin(d->flo, v);
			d->fhi = fmax(d->fhi, v);
		}
	d->fscale = 0;
	if (isfinite(d->flo))
		d->fscale = fmax(fmax(fabs(d->flo), fabs(d->fhi)), d->fhi - d->flo);
	if (!(d->fscale > 0))
		d->fscale = 1;
}

static const char *const kind_one[] = { "minimum", "maximum", "saddle point", "flat point" };
static const char *const kind_many[] = { "minima", "maxima", "saddle points", "flat points" };

/* What is drawn, over which ranges, and f's range there. */
static void
describe_what(struct text *t, struct desc *d)
{
	struct plot_fig *f = d->f;
	char a[32], b[32], c[32], e[32];
	const char *what = f->title[0] != '\0' ? f->title : "the function";

	if (d->n == 1) {
		put(t, "The curve of %s, for @x from %s to %s.", what, num(a, f->x0, d->span[0]),
		    num(b, f->x1, d->span[0]));
	} else {
		put(t, "%s of %s, for @x from %s to %s and @y from %s to %s",
		    fig_has(f, PLOT_OV_CONTOURS) ? "Contour lines" : "A map", what,
		    num(a, f->x0, d->span[0]), num(b, f->x1, d->span[0]),
		    num(c, f->y0, d->span[1]), num(e, f->y1, d->span[1]));
		if (fig_has(f, PLOT_OV_CONTOURS) && f->nlevels > 0)
			put(t, ", at %d levels of @f from %s to %s%s", f->nlevels,
			    num(a, f->levels[0], d->fscale), num(b, f->levels[f->nlevels - 1], d->fscale),
			    f->kind == PLOT_LEVELS_LOG ? ", closer together near the minimum" :
			    ", evenly spaced");
		put(t, ".");
	}
	if (isfinite(d->flo) && !d->drawn_only)
		put(t, " @f goes from %s to %s %s.", num(a, d->flo, d->fscale),
		    num(b, d->fhi, d->fscale), d->nonfinite > 0 ? "at the points sampled" : "there");
	if (d->nonfinite > 0) {
		char p[80];
		put(t, " @f has no finite value at %zu of the %zu points sampled, such as %s.",
		    d->nonfinite, d->nsamples, point(p, d, d->nonfinite_x));
	}
	if (f->tangent_drawn) {
		double x0 = f->opt.tangent_x, v, g;
		objective_eval_point(f->o, &x0, &v, &g, NULL);
		put(t, " A tangent line touches the curve at @x = %s", num(a, x0, d->span[0]));
		if (!d->drawn_only)
			put(t, ", where @f = %s and the slope is %s", num(b, v, d->fscale),
			    num(c, g, d->fscale / d->span[0]));
		put(t, ".");
	}
	if (f->chord) {
		double fa, fb;
		objective_eval_point(f->o, &f->chord_x[0], &fa, NULL, NULL);
		objective_eval_point(f->o, &f->chord_x[1], &fb, NULL, NULL);
		put(t, " A chord joins A, at @x = %s, and B, at @x = %s", num(a, f->chord_x[0],
		    d->span[0]), num(b, f->chord_x[1], d->span[0]));
		if (!d->drawn_only)
			put(t, ", where @f = %s at A and %s at B", num(c, fa, d->fscale),
			    num(e, fb, d->fscale));
		put(t, ".");
	}
	{
		int i;
		for (i = 0; i < f->nmarks; i++) {
			char p[80];
			put(t, " %c marks %s%s%s.", f->marks[i].glyph, point(p, d, f->marks[i].x),
			    f->marks[i].label[0] != '\0' ? ": " : "", f->marks[i].label);
		}
	}
	if (fig_has(f, PLOT_OV_SHADE))
		put(t, " The bands between the levels are shaded, denser where @f is higher.");
	if (fig_has(f, PLOT_OV_BASINS))
		put(t, " The shading shows the basin of each minimum: where %s goes from each "
		    "start.", f->opt.basin_label != NULL ? f->opt.basin_label : "gradient descent");
	put(t, "\n");
}

static int
by_x(const void *a, const void *b)
{
	const struct critical_point *p = a, *q = b;
	return (p->x[0] > q->x[0]) - (p->x[0] < q->x[0]);
}

/*
 * 1D: whether the samples between x = a and x = b (a < b) go one way,
 * up (dir 1) or down (-1), allowing for rounding.
 */
static int
monotone(const struct desc *d, double a, double b, int dir)
{
	int i;
	double prev = NAN;

	for (i = 0; i < d->m; i++) {
		double x[2] = { 0, 0 }, v = d->fv[i];
		sample_point(d, i, 0, d->m, x);
		if (x[0] < a || x[0] > b)
			continue;
		if (!isfinite(v))
			return 0;
		if (!isnan(prev) && dir * (v - prev) < -1e-9 * d->fscale)
			return 0;
		prev = v;
	}
	return 1;
}

/*
 * 1D: the way the curve goes, end to end, through its critical points;
 * or, where it breaks (a pole, a step), where it jumps.
 */
static void
describe_shape(struct text *t, struct desc *d)
{
	struct plot_fig *f = d->f;
	double x0 = f->x0, x1 = f->x1, f0, f1, prevx = x0, prevf;
	char a[32], b[32], c[32], e[32], p[80];
	int i;

	if (!d->conclusive)
		return;
	objective_eval_point(f->o, &x0, &f0, NULL, NULL);
	objective_eval_point(f->o, &x1, &f1, NULL, NULL);
	prevf = f0;
	for (i = 0; i <= d->ncp; i++) {
		double x = i < d->ncp ? d->cp[i].x[0] : x1, v = i < d->ncp ? d->cp[i].f : f1;
		if (!isfinite(v) || !isfinite(prevf) || !monotone(d, prevx, x, v > prevf ? 1 : -1))
			break;
		prevx = x;
		prevf = v;
	}
	if (i <= d->ncp) {
		/* not one way between critical points: the biggest jump */
		double big = -1, ja = 0, jb = 0, fa = 0, fb = 0, last = NAN, lastx = 0;
		for (i = 0; i < d->m; i++) {
			double x[2] = { 0, 0 }, v = d->fv[i];
			sample_point(d, i, 0, d->m, x);
			if (!isfinite(v))
				continue;       /* a pole: the jump is across it */
			if (isfinite(last) && fabs(v - last) > big) {
				big = fabs(v - last);
				ja = lastx;
				jb = x[0];
				fa = last;
				fb = v;
			}
			last = v;
			lastx = x[0];
		}
		if (big > 0.25 * (d->fhi - d->flo))
			put(t, "It breaks between @x = %s and @x = %s, where @f jumps from %s to %s.\n",
			    num(a, ja, d->span[0]), num(b, jb, d->span[0]), num(c, fa, d->fscale),
			    num(e, fb, d->fscale));
		return;
	}
	if (d->ncp == 0) {
		put(t, "It %s all the way, from @f = %s at @x = %s to @f = %s at @x = %s.\n",
		    f1 > f0 ? "rises" : "falls", num(a, f0, d->fscale), num(b, x0, d->span[0]),
		    num(c, f1, d->fscale), num(e, x1, d->span[0]));
		return;
	}
	put(t, "From @x = %s, where @f = %s, it", num(a, x0, d->span[0]), num(b, f0, d->fscale));
	for (i = 0; i < d->ncp; i++) {
		const struct critical_point *cp = &d->cp[i];
		double before = i == 0 ? f0 : d->cp[i - 1].f;
		const char *verb = cp->f > before ? "rises" : "falls";
		put(t, "%s %s to a %s at %s (@f = %s)", i == 0 ? "" : ",", verb, kind_one[cp->kind],
		    point(p, d, cp->x), num(a, cp->f, d->fscale));
	}
	put(t, ", and %s to @x = %s, where @f = %s.\n",
	    f1 > d->cp[d->ncp - 1].f ? "rises" : "falls", num(a, x1, d->span[0]),
	    num(b, f1, d->fscale));
}

/* The critical points in view, by kind, with their values. */
static void
describe_critical(struct text *t, struct desc *d)
{
	char a[32], b[32], p[80];
	int kind, i, first = 1;

	if (d->ncp == 0) {
		put(t, "%s\n", d->conclusive ? "There is no critical point in view." :
		    "The search found no critical point in view.");
		return;
	}
	put(t, "%s %d critical point%s in view:", !d->conclusive ? "The search found" :
	    d->ncp == 1 ? "There is" : "There are", d->ncp, d->ncp == 1 ? "" : "s");
	for (kind = CP_MINIMUM; kind <= CP_DEGENERATE; kind++) {
		int count = 0, listed = 0, same = 1;
		double lo = INFINITY, hi = -INFINITY;
		char v0[32];
		for (i = 0; i < d->ncp; i++)
			if ((int)d->cp[i].kind == kind) {
				count++;
				lo = fmin(lo, d->cp[i].f);
				hi = fmax(hi, d->cp[i].f);
			}
		if (count == 0)
			continue;
		num(v0, lo, d->fscale);
		same = strcmp(v0, num(a, hi, d->fscale)) == 0;
		put(t, "%s %d %s, at ", first ? "" : ";", count,
		    count == 1 ? kind_one[kind] : kind_many[kind]);
		first = 0;
		for (i = 0; i < d->ncp; i++) {
			if ((int)d->cp[i].kind != kind)
				continue;
			if (listed == 6 && count > 8) {
				put(t, " and %d more", count - listed);
				break;
			}
			put(t, "%s%s", listed == 0 ? "" : listed == count - 1 ? " and " : ", ",
			    point(p, d, d->cp[i].x));
			listed++;
		}
		if (count == 1)
			put(t, ", where @f = %s", v0);
		else if (same)
			put(t, ", each where @f = %s", v0);
		else
			put(t, ", where @f is from %s to %s", v0, num(b, hi, d->fscale));
		if (kind == CP_MINIMUM && d->conclusive && isfinite(d->flo) &&
		    lo <= d->flo + 1e-9 * d->fscale) {
			if (count == 1 || same) {
				put(t, ", the lowest in view");
			} else {
				/* the lowest of them, by their printed values */
				int k2 = 0;
				put(t, " (the lowest in view: @f = %s at ", v0);
				for (i = 0; i < d->ncp; i++)
					if ((int)d->cp[i].kind == kind &&
					    strcmp(num(a, d->cp[i].f, d->fscale), v0) == 0)
						put(t, "%s%s", k2++ ? " and " : "",
						    point(p, d, d->cp[i].x));
				put(t, ")");
			}
		}
	}
	put(t, ".\n");
}

/* Which ninth of the view a point is in, in words. */
static const char *
where(const struct desc *d, const double *x)
{
	static const char *const at[3][3] = {
		{ "the lower left", "the bottom", "the lower right" },
		{ "the left", "the middle", "the right" },
		{ "the upper left", "the top", "the upper right" },
	};
	static const char *const at1[3] = { "the left end", "the middle", "the right end" };
	int i = (int)floor(3 * (x[0] - d->f->x0) / (d->f->x1 - d->f->x0)), j = 1;

	i = i < 0 ? 0 : i > 2 ? 2 : i;
	if (d->n == 1)
		return at1[i];
	j = (int)floor(3 * (x[1] - d->f->y0) / (d->f->y1 - d->f->y0));
	j = j < 0 ? 0 : j > 2 ? 2 : j;
	return at[j][i];
}

/* Where the function is steep and where flat: its gradient over the view. */
static void
describe_slope(struct text *t, struct desc *d)
{
	int m = d->m, i, j, k, flat = 0, total = 0;
	double gmax = -1, gmax_x[2] = { 0, 0 }, sum[9] = { 0 }, cnt[9] = { 0 }, lowest = INFINITY;
	int low = -1;
	char a[32], p[80];

	for (j = 0; j < d->rows; j++)
		for (i = 0; i < m; i++) {
			double x[2] = { 0, 0 }, norm = d->gn[j * m + i];
			sample_point(d, i, j, m, x);
			if (!isfinite(norm))
				continue;
			if (norm > gmax) {
				gmax = norm;
				memcpy(gmax_x, x, sizeof x);
			}
			k = 3 * (d->n == 1 ? 1 : j * 3 / m) + i * 3 / m;
			sum[k] += norm;
			cnt[k]++;
		}
	if (!(gmax > 0)) {
		if (gmax == 0)
			put(t, "It is flat everywhere: its gradient is 0.\n");
		return;
	}
	/* how much of the view is nearly flat, against the steepest */
	for (i = 0; i < m * d->rows; i++)
		if (isfinite(d->gn[i])) {
			total++;
			flat += d->gn[i] < 0.02 * gmax;
		}
	for (k = 0; k < 9; k++)
		if (cnt[k] > 0 && sum[k] / cnt[k] < lowest) {
			lowest = sum[k] / cnt[k];
			low = k;
		}
	if (d->n == 1) {
		double x[2] = { d->f->x0 + (d->f->x1 - d->f->x0) * (low % 3 + 0.5) / 3, 0 };
		put(t, "It is steepest at %s, where |@f'| = %s, and flattest on the whole toward "
		    "%s.", point(p, d, gmax_x), num(a, gmax, gmax), where(d, x));
	} else {
		double x[2] = { d->f->x0 + (d->f->x1 - d->f->x0) * (low % 3 + 0.5) / 3,
				d->f->y0 + (d->f->y1 - d->f->y0) * (low / 3 + 0.5) / 3 };
		put(t, "It is steepest toward %s, where |grad @f| reaches %s at %s, and "
		    "flattest on the whole in %s.", where(d, gmax_x), num(a, gmax, gmax),
		    point(p, d, gmax_x), where(d, x));
	}
	if (total > 0 && lround(100.0 * flat / total) > 0)
		put(t, " The slope is under 2%% of its steepest on %d%% of the view.",
		    (int)lround(100.0 * flat / total));
	put(t, "\n");
}

/* The convexity that the figure shades, from the same grid. */
static void
describe_convexity(struct text *t, struct desc *d)
{
	struct plot_fig *f = d->f;
	struct region r;
	struct convexity cv;
	size_t total;
	char a[32], b[32], p[80], q[80];

	if (fig_convexity(f, &r, &cv) < 0)
		return;
	total = (size_t)cv.nx * (size_t)cv.ny;
	if (cv.verdict == CONVEXITY_CONVEX) {
		put(t, "The shading shows where @f is not convex: nowhere here, it is convex in "
		    "the whole view.\n");
	} else if (cv.verdict == CONVEXITY_NOT_CONVEX) {
		size_t saddle = cv.counts[HESS_INDEFINITE];
		size_t concave = cv.counts[HESS_NEGDEF] + cv.counts[HESS_NEGSEMI];
		put(t, "The shading shows where @f is not convex:");
		if (f->n == 1) {
			/* the concave stretches, left to right, each end halfway
			 * between the grid's points on either side */
			int i, in = 0, k = 0;
			double step = (r.hi[0] - r.lo[0]) / (cv.nx > 1 ? cv.nx - 1 : 1);
			for (i = 0; i <= cv.nx; i++) {
				int c = i < cv.nx && (cv.sign[i] == HESS_NEGDEF ||
						      cv.sign[i] == HESS_NEGSEMI);
				double x = i == 0 ? f->x0 : i == cv.nx ? f->x1 :
					   r.lo[0] + step * (i - 0.5);
				if (c && !in)
					put(t, "%s concave from @x = %s", k++ ? "," : "",
					    num(a, x, d->span[0]));
				else if (!c && in)
					put(t, " to @x = %s", num(a, x, d->span[0]));
				in = c;
			}
			if (k == 0)
				put(t, " nowhere concave, yet not convex");
		} else {
			int ps = (int)lround(100.0 * saddle / total);
			int pc = (int)lround(100.0 * concave / total);
			if (saddle > 0)
				put(t, " saddle-shaped on %s%d%% of the view", ps == 0 ? "under " : "",
				    ps == 0 ? 1 : ps);
			if (concave > 0)
				put(t, "%s concave on %s%d%%%s", saddle > 0 ? " and" : "",
				    pc == 0 ? "under " : "", pc == 0 ? 1 : pc,
				    saddle > 0 ? "" : " of the view");
		}
		put(t, ".");
		if (cv.has_chord)
			put(t, " Between %s and %s the function rises above its chord: at a "
			    "point between them @f = %s, while the chord is at %s.",
			    point(p, d, cv.p), point(q, d, cv.q), num(a, cv.lhs, d->fscale),
			    num(b, cv.rhs, d->fscale));
		put(t, "\n");
	}
	free(cv.sign);
}

/* The critical point within a hair of x, or NULL. */
static const struct critical_point *
near_cp(const struct desc *d, const double *x, double tol)
{
	int i;

	for (i = 0; i < d->ncp; i++) {
		double dx = (x[0] - d->cp[i].x[0]) / d->span[0];
		double dy = d->n == 2 ? (x[1] - d->cp[i].x[1]) / d->span[1] : 0;
		if (hypot(dx, dy) < tol)
			return &d->cp[i];
	}
	return NULL;
}

static int
in_view(const struct desc *d, const double *x)
{
	return x[0] >= d->f->x0 && x[0] <= d->f->x1 &&
	       (d->n == 1 || (x[1] >= d->f->y0 && x[1] <= d->f->y1));
}

/* What a run did: where it started and ended, how, and on the way. */
static void
describe_run(struct text *t, struct desc *d, int index, const struct plot_run_desc *r)
{
	const struct trajectory *tr = r->traj;
	const double *w = tr->w;
	size_t n = tr->len, i, rises = 0, turns = 0, moves = 0, left = 0;
	const struct critical_point *end;
	char a[32], b[32], p[80];
	int k = d->n;

	if (n == 0 || tr->n != d->n)
		return;
	put(t, "Run %d", index + 1);
	if (r->label != NULL && r->label[0] != '\0')
		put(t, ", %s", r->label);
	put(t, ": from %s, where @f = %s, ", point(p, d, w), num(a, tr->f[0], d->fscale));
	end = d->drawn_only ? NULL : near_cp(d, w + (n - 1) * k, 1e-3);
	switch (tr->outcome) {
	case RUN_CONVERGED:
		put(t, "it converged at step %ld", tr->step);
		if (end != NULL)
			put(t, " to the %s at %s, where @f = %s", kind_one[end->kind],
			    point(p, d, end->x), num(a, end->f, d->fscale));
		else
			put(t, " at %s, where @f = %s", point(p, d, w + (n - 1) * k),
			    num(a, tr->f[n - 1], d->fscale));
		break;
	case RUN_DIVERGED:
		put(t, "it diverged at step %ld", tr->step);
		if (tr->reason[0] != '\0')
			put(t, " (%s)", tr->reason);
		break;
	case RUN_MAX_STEPS:
	case RUN_RUNNING:
		put(t, "%s %ld steps, at %s, where @f = %s and ",
		    tr->outcome == RUN_MAX_STEPS ? "it stopped at the step limit," : "it is, after",
		    tr->step, point(p, d, w + (n - 1) * k), num(a, tr->f[n - 1], d->fscale));
		put(t, d->n == 1 ? "|@f'| = %s" : "|grad @f| = %s",
		    num(b, tr->gnorm[n - 1], tr->gnorm[0] > 0 ? tr->gnorm[0] : 1));
		if (end != NULL)
			put(t, ", near the %s at %s", kind_one[end->kind], point(p, d, end->x));
		break;
	}
	put(t, ".");
	/* on the way: overshoots, zigzags, a saddle that held it, the view left */
	for (i = 1; i < n; i++) {
		const double *x = w + i * k, *x0 = w + (i - 1) * k;
		double dot = 0, len = 0;
		int c;
		if (isfinite(tr->f[i]) && tr->f[i] > tr->f[i - 1] + 1e-12 * d->fscale)
			rises++;
		for (c = 0; c < k; c++)
			len += (x[c] - x0[c]) * (x[c] - x0[c]);
		if (len > 0)
			moves++;
		if (i >= 2) {
			const double *xm = w + (i - 2) * k;
			for (c = 0; c < k; c++)
				dot += (x[c] - x0[c]) * (x0[c] - xm[c]);
			turns += dot < 0;
		}
		if (left == 0 && in_view(d, x0) && !in_view(d, x))
			left = i;
	}
	if (rises > 0 && rises == n - 1)
		put(t, " @f rose at every one of its %zu steps.", n - 1);
	else if (rises > 0)
		put(t, " @f rose at %zu of its %zu steps%s.", rises, n - 1,
		    rises * 2 > n - 1 ? "" : ", where it overshot");
	if (moves >= 4 && turns * 4 >= moves)
		put(t, " It zigzagged: %zu of its steps turned back against the one before%s.",
		    turns, d->n == 1 ? ", across the bottom" : ", across a valley");
	for (i = 0; i < (size_t)d->ncp; i++) {
		const struct critical_point *c = &d->cp[i];
		size_t j, near = 0;
		if (d->drawn_only || (c->kind != CP_SADDLE && c->kind != CP_MAXIMUM &&
				      c->kind != CP_DEGENERATE))
			continue;
		if (c == end)
			continue;
		for (j = 0; j < n; j++) {
			const double *x = w + j * k;
			double dx = (x[0] - c->x[0]) / d->span[0];
			double dy = d->n == 2 ? (x[1] - c->x[1]) / d->span[1] : 0;
			near += hypot(dx, dy) < 0.03;
		}
		if (near >= 10)
			put(t, " It lingered near the %s at %s for %zu steps.", kind_one[c->kind],
			    point(p, d, c->x), near);
	}
	if (left > 0)
		put(t, " It left the view at step %zu.", left);
	put(t, "\n");
}

char *
plot_fig_describe(struct plot_fig *f, const struct plot_run_desc *runs, int nruns,
		  int drawn_only)
{
	struct text t = { xmalloc(256), 0, 256, { "", "", "" } };
	struct desc d;
	struct cp_search s;
	int i;

	memset(&d, 0, sizeof d);
	t.s[0] = '\0';
	/* the names: the function's from the title ("J(w0, w1) = ..."), else
	 * f; the variables' from the objective */
	{
		size_t len = strspn(f->title, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
		if (len > 0 && len < sizeof t.names[0] && f->title[len] == '(')
			snprintf(t.names[0], sizeof t.names[0], "%.*s", (int)len, f->title);
		else
			strcpy(t.names[0], "f");
		for (i = 0; i < 2; i++)
			snprintf(t.names[1 + i], sizeof t.names[1 + i], "%s",
				 i < f->n && objective_param(f->o, i) != NULL ?
				 objective_param(f->o, i) : i == 0 ? "x" : "y");
		d.var0 = t.names[1];
	}
	d.f = f;
	d.n = f->n;
	d.span[0] = f->x1 - f->x0;
	d.span[1] = f->n == 2 ? f->y1 - f->y0 : 1;
	sample_values(&d);
	/* the critical points: the search that the figure's markers come
	 * from, on the same region */
	{
		struct region r = { f->n, { f->x0, f->y0 }, { f->x1, f->y1 } };
		d.ncp = analysis_critical_search(f->o, &r, NULL, &s);
		d.cp = s.cp;
		d.conclusive = s.conclusive;
		if (d.ncp < 0)
			d.ncp = 0;
	}
	for (i = 0; i < d.ncp; i++)
		if (isfinite(d.cp[i].f)) {
			d.flo = fmin(d.flo, d.cp[i].f);
			d.fhi = fmax(d.fhi, d.cp[i].f);
		}
	if (d.n == 1 && d.ncp > 1)
		qsort(d.cp, (size_t)d.ncp, sizeof *d.cp, by_x);

	d.drawn_only = drawn_only;
	describe_what(&t, &d);
	if (!drawn_only) {
		if (d.n == 1)
			describe_shape(&t, &d);
		describe_critical(&t, &d);
		describe_slope(&t, &d);
		if (fig_has(f, PLOT_OV_CONVEXITY))
			describe_convexity(&t, &d);
	}
	for (i = 0; i < nruns; i++)
		describe_run(&t, &d, i, &runs[i]);
	if (drawn_only)
		put(&t, "The critical points and the values of @f are left out here.\n");
	free(d.cp);
	free(d.fv);
	free(d.gn);
	return t.s;
}
