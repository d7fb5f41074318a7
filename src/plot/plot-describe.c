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

#include "descent/i18n.h"
#include "descent/util.h"
#include "plot-int.h"

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
		snprintf(buf, 80, "%s = %s", d->var0, words_num(a, x[0], d->span[0]));
	else
		snprintf(buf, 80, "(%s, %s)", words_num(a, x[0], d->span[0]), words_num(b, x[1], d->span[1]));
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

/* What is drawn, over which ranges, and f's range there. */
static void
describe_what(struct words *t, struct desc *d)
{
	struct plot_fig *f = d->f;
	char a[32], b[32], c[32], e[32], l0[32], l1[32];
	/* TRANSLATORS: what a plot shows when it has no title */
	const char *what = f->title[0] != '\0' ? f->title : _("the function");

	if (d->n == 1) {
		/*
		 * TRANSLATORS: the sentences that describe a plot in words
		 * (descent plot --describe), for a screen reader.  @f, @x and @y
		 * stand for the names of the function and of its variables (f,
		 * x and y, or a model's w0 and w1): keep them as they are, like
		 * the %s and %d.  A %s is a number, a point such as "(3, 2)" or
		 * "x = 2", or a phrase whose message comes with it.  The numbers
		 * keep their decimal point.
		 */
		words_say(t, _("The curve of %s, for @x from %s to %s."), what,
		    words_num(a, f->x0, d->span[0]), words_num(b, f->x1, d->span[0]));
	} else {
		words_num(a, f->x0, d->span[0]);
		words_num(b, f->x1, d->span[0]);
		words_num(c, f->y0, d->span[1]);
		words_num(e, f->y1, d->span[1]);
		if (fig_has(f, PLOT_OV_CONTOURS) && f->nlevels > 0) {
			words_num(l0, f->levels[0], d->fscale);
			words_num(l1, f->levels[f->nlevels - 1], d->fscale);
		}
		if (!fig_has(f, PLOT_OV_CONTOURS))
			words_say(t, _("A map of %s, for @x from %s to %s and @y from %s to %s."), what,
			    a, b, c, e);
		else if (f->nlevels <= 0)
			words_say(t, _("Contour lines of %s, for @x from %s to %s and @y from %s to %s."),
			    what, a, b, c, e);
		else if (f->kind == PLOT_LEVELS_LOG)
			words_say(t, _("Contour lines of %s, for @x from %s to %s and @y from %s to %s, "
				 "at %d levels of @f from %s to %s, closer together near the "
				 "minimum."), what, a, b, c, e, f->nlevels, l0, l1);
		else
			words_say(t, _("Contour lines of %s, for @x from %s to %s and @y from %s to %s, "
				 "at %d levels of @f from %s to %s, evenly spaced."), what, a, b, c,
			    e, f->nlevels, l0, l1);
	}
	if (isfinite(d->flo) && !d->drawn_only) {
		words_num(a, d->flo, d->fscale);
		words_num(b, d->fhi, d->fscale);
		if (d->nonfinite > 0)
			words_say(t, _("@f goes from %s to %s at the points sampled."), a, b);
		else
			words_say(t, _("@f goes from %s to %s there."), a, b);
	}
	if (d->nonfinite > 0) {
		char p[80];
		words_say(t, _("@f has no finite value at %zu of the %zu points sampled, such as %s."),
		    d->nonfinite, d->nsamples, point(p, d, d->nonfinite_x));
	}
	if (f->tangent_drawn) {
		double x0 = f->opt.tangent_x, v, g;
		objective_eval_point(f->o, &x0, &v, &g, NULL);
		words_num(a, x0, d->span[0]);
		if (d->drawn_only)
			words_say(t, _("A tangent line touches the curve at @x = %s."), a);
		else
			words_say(t, _("A tangent line touches the curve at @x = %s, where @f = %s and "
				 "the slope is %s."), a, words_num(b, v, d->fscale),
			    words_num(c, g, d->fscale / d->span[0]));
	}
	if (f->chord) {
		double fa, fb;
		objective_eval_point(f->o, &f->chord_x[0], &fa, NULL, NULL);
		objective_eval_point(f->o, &f->chord_x[1], &fb, NULL, NULL);
		words_num(a, f->chord_x[0], d->span[0]);
		words_num(b, f->chord_x[1], d->span[0]);
		if (d->drawn_only)
			words_say(t, _("A chord joins A, at @x = %s, and B, at @x = %s."), a, b);
		else
			words_say(t, _("A chord joins A, at @x = %s, and B, at @x = %s, where @f = %s "
				 "at A and %s at B."), a, b, words_num(c, fa, d->fscale),
			    words_num(e, fb, d->fscale));
	}
	{
		int i;
		for (i = 0; i < f->nmarks; i++) {
			char p[80];
			point(p, d, f->marks[i].x);
			/* TRANSLATORS: a glyph on the plot, and the point it marks */
			if (f->marks[i].label[0] != '\0')
				words_say(t, _("%c marks %s: %s."), f->marks[i].glyph, p, f->marks[i].label);
			else
				words_say(t, _("%c marks %s."), f->marks[i].glyph, p);
		}
	}
	if (fig_has(f, PLOT_OV_SHADE))
		words_say(t, _("The bands between the levels are shaded, denser where @f is higher."));
	if (fig_has(f, PLOT_OV_BASINS))
		/* TRANSLATORS: %s is a run's settings, such as "momentum,lr=0.005,beta=0.9",
		 * or "gradient descent" */
		words_say(t, _("The shading shows the basin of each minimum: where %s goes from each "
			 "start."), f->opt.basin_label != NULL ? f->opt.basin_label :
		    _("gradient descent"));
	words_put(t, "\n");
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

/* The pieces of the curve's way to each kind of critical point. */
static const char *const shape_rises[] = {
	N_("rises to a minimum at %s (@f = %s)"), N_("rises to a maximum at %s (@f = %s)"),
	N_("rises to a saddle point at %s (@f = %s)"), N_("rises to a flat point at %s (@f = %s)"),
};
static const char *const shape_falls[] = {
	N_("falls to a minimum at %s (@f = %s)"), N_("falls to a maximum at %s (@f = %s)"),
	N_("falls to a saddle point at %s (@f = %s)"), N_("falls to a flat point at %s (@f = %s)"),
};

/*
 * 1D: the way the curve goes, end to end, through its critical points;
 * or, where it breaks (a pole, a step), where it jumps.
 */
static void
describe_shape(struct words *t, struct desc *d)
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
		if (big > 0.25 * (d->fhi - d->flo)) {
			/* TRANSLATORS: "it" is the curve, here and below */
			words_say(t, _("It breaks between @x = %s and @x = %s, where @f jumps from %s to %s."),
			    words_num(a, ja, d->span[0]), words_num(b, jb, d->span[0]), words_num(c, fa, d->fscale),
			    words_num(e, fb, d->fscale));
			words_put(t, "\n");
		}
		return;
	}
	if (d->ncp == 0) {
		words_num(a, f0, d->fscale);
		words_num(b, x0, d->span[0]);
		words_num(c, f1, d->fscale);
		words_num(e, x1, d->span[0]);
		if (f1 > f0)
			words_say(t, _("It rises all the way, from @f = %s at @x = %s to @f = %s at "
				 "@x = %s."), a, b, c, e);
		else
			words_say(t, _("It falls all the way, from @f = %s at @x = %s to @f = %s at "
				 "@x = %s."), a, b, c, e);
		words_put(t, "\n");
		return;
	}
	/*
	 * TRANSLATORS: the way of the curve, a sentence in pieces: this
	 * beginning, then for each critical point a ", "-separated piece
	 * ("falls to a minimum at x = -2 (f = -11)"), then its end (", and
	 * rises to x = 3, where f = 14.")
	 */
	words_say(t, _("From @x = %s, where @f = %s, it"), words_num(a, x0, d->span[0]),
	    words_num(b, f0, d->fscale));
	for (i = 0; i < d->ncp; i++) {
		const struct critical_point *cp = &d->cp[i];
		double before = i == 0 ? f0 : d->cp[i - 1].f;
		words_put(t, i == 0 ? " " : ", ");
		words_put(t, _(cp->f > before ? shape_rises[cp->kind] : shape_falls[cp->kind]),
		    point(p, d, cp->x), words_num(a, cp->f, d->fscale));
	}
	words_num(a, x1, d->span[0]);
	words_num(b, f1, d->fscale);
	if (f1 > d->cp[d->ncp - 1].f)
		words_put(t, _(", and rises to @x = %s, where @f = %s."), a, b);
	else
		words_put(t, _(", and falls to @x = %s, where @f = %s."), a, b);
	words_put(t, "\n");
}

/* "2 minima", "1 saddle point": a count of critical points of a kind. */
static void
kind_count(char *buf, size_t size, int kind, int count)
{
	switch (kind) {
	case CP_MINIMUM:
		snprintf(buf, size, P_("%d minimum", "%d minima", count), count);
		break;
	case CP_MAXIMUM:
		snprintf(buf, size, P_("%d maximum", "%d maxima", count), count);
		break;
	case CP_SADDLE:
		snprintf(buf, size, P_("%d saddle point", "%d saddle points", count), count);
		break;
	default:
		snprintf(buf, size, P_("%d flat point", "%d flat points", count), count);
		break;
	}
}

/* Appends text to the list in buf (len bytes used), after sep. */
static void
list_add(char *buf, size_t size, size_t *len, const char *sep, const char *text)
{
	if (*len < size)
		*len += (size_t)snprintf(buf + *len, size - *len, "%s%s", sep, text);
}

/* The critical points in view, by kind, with their values. */
static void
describe_critical(struct words *t, struct desc *d)
{
	char a[32], b[32], p[80], cnt[48], pts[1024], low[1024];
	int kind, i, first = 1;
	/* TRANSLATORS: between the last two items of a list */
	const char *last_sep = _(" and ");

	if (d->ncp == 0) {
		words_say(t, "%s", d->conclusive ? _("There is no critical point in view.") :
		    _("The search found no critical point in view."));
		words_put(t, "\n");
		return;
	}
	if (!d->conclusive)
		/* TRANSLATORS: then the points of each kind, "; " between the kinds */
		words_say(t, P_("The search found %d critical point in view:",
			  "The search found %d critical points in view:", d->ncp), d->ncp);
	else
		words_say(t, P_("There is %d critical point in view:",
			  "There are %d critical points in view:", d->ncp), d->ncp);
	for (kind = CP_MINIMUM; kind <= CP_DEGENERATE; kind++) {
		int count = 0, listed = 0, same = 1, lowest;
		double lo = INFINITY, hi = -INFINITY;
		char v0[32];
		size_t np = 0, nl = 0;
		for (i = 0; i < d->ncp; i++)
			if ((int)d->cp[i].kind == kind) {
				count++;
				lo = fmin(lo, d->cp[i].f);
				hi = fmax(hi, d->cp[i].f);
			}
		if (count == 0)
			continue;
		words_num(v0, lo, d->fscale);
		same = strcmp(v0, words_num(a, hi, d->fscale)) == 0;
		kind_count(cnt, sizeof cnt, kind, count);
		/* the points: "p1, p2 and p3", or the first six "and 3 more" */
		pts[0] = '\0';
		for (i = 0; i < d->ncp; i++) {
			if ((int)d->cp[i].kind != kind)
				continue;
			if (listed == 6 && count > 8) {
				char more[64];
				/* TRANSLATORS: after six points of a list, "and 3 more" */
				snprintf(more, sizeof more, _(" and %d more"), count - listed);
				list_add(pts, sizeof pts, &np, "", more);
				break;
			}
			list_add(pts, sizeof pts, &np, listed == 0 ? "" : listed == count - 1 ?
				 last_sep : ", ", point(p, d, d->cp[i].x));
			listed++;
		}
		lowest = kind == CP_MINIMUM && d->conclusive && isfinite(d->flo) &&
			 lo <= d->flo + 1e-9 * d->fscale;
		/* TRANSLATORS: between the kinds of critical points in a sentence */
		words_put(t, "%s", first ? " " : _("; "));
		first = 0;
		if (count == 1 && lowest)
			/* TRANSLATORS: "2 minima", their points, and the value of f there */
			words_put(t, _("%s, at %s, where @f = %s, the lowest in view"), cnt, pts, v0);
		else if (count == 1)
			words_put(t, _("%s, at %s, where @f = %s"), cnt, pts, v0);
		else if (same && lowest)
			words_put(t, _("%s, at %s, each where @f = %s, the lowest in view"), cnt, pts, v0);
		else if (same)
			words_put(t, _("%s, at %s, each where @f = %s"), cnt, pts, v0);
		else if (!lowest)
			words_put(t, _("%s, at %s, where @f is from %s to %s"), cnt, pts, v0,
			    words_num(b, hi, d->fscale));
		else {
			/* the lowest of them, by their printed values */
			low[0] = '\0';
			for (i = 0; i < d->ncp; i++)
				if ((int)d->cp[i].kind == kind &&
				    strcmp(words_num(a, d->cp[i].f, d->fscale), v0) == 0)
					list_add(low, sizeof low, &nl, nl ? last_sep : "",
						 point(p, d, d->cp[i].x));
			words_put(t, _("%s, at %s, where @f is from %s to %s (the lowest in view: @f = %s "
				 "at %s)"), cnt, pts, v0, words_num(b, hi, d->fscale), v0, low);
		}
	}
	words_put(t, ".\n");
}

/*
 * Which ninth of the view a point is in, in words, translated: after
 * "toward" (1D and 2D) and "in" (2D).
 */
static const char *
where(const struct desc *d, const double *x)
{
	static const char *const at[3][3] = {
		/* TRANSLATORS: parts of a 2D plot, after "toward" and after "in" */
		{ N_("the lower left"), N_("the bottom"), N_("the lower right") },
		{ N_("the left"), N_("the middle"), N_("the right") },
		{ N_("the upper left"), N_("the top"), N_("the upper right") },
	};
	static const char *const at1[3] = {
		/* TRANSLATORS: parts of a 1D plot, after "toward" */
		N_("the left end"), N_("the middle"), N_("the right end"),
	};
	int i = (int)floor(3 * (x[0] - d->f->x0) / (d->f->x1 - d->f->x0)), j = 1;

	i = i < 0 ? 0 : i > 2 ? 2 : i;
	if (d->n == 1)
		return _(at1[i]);
	j = (int)floor(3 * (x[1] - d->f->y0) / (d->f->y1 - d->f->y0));
	j = j < 0 ? 0 : j > 2 ? 2 : j;
	return _(at[j][i]);
}

/* Where the function is steep and where flat: its gradient over the view. */
static void
describe_slope(struct words *t, struct desc *d)
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
		if (gmax == 0) {
			words_say(t, _("It is flat everywhere: its gradient is 0."));
			words_put(t, "\n");
		}
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
		/* TRANSLATORS: "it" is the function, here and below */
		words_say(t, _("It is steepest at %s, where |@f'| = %s, and flattest on the whole "
			 "toward %s."), point(p, d, gmax_x), words_num(a, gmax, gmax), where(d, x));
	} else {
		double x[2] = { d->f->x0 + (d->f->x1 - d->f->x0) * (low % 3 + 0.5) / 3,
				d->f->y0 + (d->f->y1 - d->f->y0) * (low / 3 + 0.5) / 3 };
		words_say(t, _("It is steepest toward %s, where |grad @f| reaches %s at %s, and "
			 "flattest on the whole in %s."), where(d, gmax_x), words_num(a, gmax, gmax),
		    point(p, d, gmax_x), where(d, x));
	}
	if (total > 0 && lround(100.0 * flat / total) > 0)
		words_say(t, _("The slope is under 2%% of its steepest on %d%% of the view."),
		    (int)lround(100.0 * flat / total));
	words_put(t, "\n");
}

/* A share of the view in words: "37%", or "under 1%" for a few cells. */
static void
share(char buf[32], int percent)
{
	if (percent == 0)
		snprintf(buf, 32, "%s", _("under 1%"));
	else
		snprintf(buf, 32, "%d%%", percent);
}

/* The convexity that the figure shades, from the same grid. */
static void
describe_convexity(struct words *t, struct desc *d)
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
		words_say(t, _("The shading shows where @f is not convex: nowhere here, it is convex "
			 "in the whole view."));
		words_put(t, "\n");
	} else if (cv.verdict == CONVEXITY_NOT_CONVEX) {
		size_t saddle = cv.counts[HESS_INDEFINITE];
		size_t concave = cv.counts[HESS_NEGDEF] + cv.counts[HESS_NEGSEMI];
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
				if (c && !in) {
					words_num(b, x, d->span[0]);
				} else if (!c && in) {
					if (k++ == 0)
						/* TRANSLATORS: then the stretches where f
						 * is concave, ", " between them */
						words_say(t, _("The shading shows where @f is not "
							 "convex:"));
					words_put(t, k > 1 ? ", " : " ");
					words_put(t, _("concave from @x = %s to @x = %s"), b,
					    words_num(a, x, d->span[0]));
				}
				in = c;
			}
			if (k == 0)
				words_say(t, _("The shading shows where @f is not convex: nowhere "
					 "concave, yet not convex."));
			else
				words_put(t, ".");
		} else {
			int ps = (int)lround(100.0 * saddle / total);
			int pc = (int)lround(100.0 * concave / total);
			share(a, ps);
			share(b, pc);
			if (saddle > 0 && concave > 0)
				/* TRANSLATORS: a %s is a share, "37%" or "under 1%" */
				words_say(t, _("The shading shows where @f is not convex: saddle-shaped "
					 "on %s of the view and concave on %s."), a, b);
			else if (saddle > 0)
				words_say(t, _("The shading shows where @f is not convex: saddle-shaped "
					 "on %s of the view."), a);
			else if (concave > 0)
				words_say(t, _("The shading shows where @f is not convex: concave on %s "
					 "of the view."), b);
			else {
				words_say(t, _("The shading shows where @f is not convex:"));
				words_put(t, ".");
			}
		}
		if (cv.has_chord)
			words_say(t, _("Between %s and %s the function rises above its chord: at a "
				 "point between them @f = %s, while the chord is at %s."),
			    point(p, d, cv.p), point(q, d, cv.q), words_num(a, cv.lhs, d->fscale),
			    words_num(b, cv.rhs, d->fscale));
		words_put(t, "\n");
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

/* The first sentence about a run that converged to a critical point. */
static const char *const run_converged_to[] = {
	/* TRANSLATORS: the first sentence about a run: "Run 1, gd,lr=0.01" (the
	 * first %s), where it started and f there, the step it converged at,
	 * and where it ended */
	N_("%s: from %s, where @f = %s, it converged at step %ld to the minimum at %s, "
	   "where @f = %s."),
	N_("%s: from %s, where @f = %s, it converged at step %ld to the maximum at %s, "
	   "where @f = %s."),
	N_("%s: from %s, where @f = %s, it converged at step %ld to the saddle point at %s, "
	   "where @f = %s."),
	N_("%s: from %s, where @f = %s, it converged at step %ld to the flat point at %s, "
	   "where @f = %s."),
};
/* Where a run is, near a critical point. */
static const char *const run_near[] = {
	/* TRANSLATORS: where a run ended, at the end of a sentence */
	N_("near the minimum at %s"), N_("near the maximum at %s"),
	N_("near the saddle point at %s"), N_("near the flat point at %s"),
};

/* What a run did: where it started and ended, how, and on the way. */
static void
describe_run(struct words *t, struct desc *d, int index, const struct plot_run_desc *r)
{
	const struct trajectory *tr = r->traj;
	const double *w = tr->w;
	size_t n = tr->len, i, rises = 0, turns = 0, moves = 0, left = 0;
	const struct critical_point *end;
	char a[32], b[32], gv[32], p[80], q[80], run[96], g[48], nearby[128];
	char why[sizeof tr->reason + 64];
	int k = d->n;

	if (n == 0 || tr->n != d->n)
		return;
	if (r->label != NULL && r->label[0] != '\0')
		/* TRANSLATORS: a run of an optimizer, with its settings ("gd,lr=0.01") */
		snprintf(run, sizeof run, _("Run %d, %s"), index + 1, r->label);
	else
		snprintf(run, sizeof run, _("Run %d"), index + 1);
	point(p, d, w);
	words_num(a, tr->f[0], d->fscale);
	end = d->drawn_only ? NULL : near_cp(d, w + (n - 1) * k, 1e-3);
	switch (tr->outcome) {
	case RUN_CONVERGED:
		if (end != NULL)
			words_say(t, _(run_converged_to[end->kind]), run, p, a, tr->step,
			    point(q, d, end->x), words_num(b, end->f, d->fscale));
		else
			words_say(t, _("%s: from %s, where @f = %s, it converged at step %ld at %s, "
				 "where @f = %s."), run, p, a, tr->step,
			    point(q, d, w + (n - 1) * k), words_num(b, tr->f[n - 1], d->fscale));
		break;
	case RUN_DIVERGED:
		if (tr->reason[0] != '\0')
			/* TRANSLATORS: the last %s is why, such as "f is not finite" */
			words_say(t, _("%s: from %s, where @f = %s, it diverged at step %ld (%s)."), run,
			    p, a, tr->step, analysis_reason_text(tr->reason, why, sizeof why));
		else
			words_say(t, _("%s: from %s, where @f = %s, it diverged at step %ld."), run, p,
			    a, tr->step);
		break;
	case RUN_MAX_STEPS:
	case RUN_RUNNING:
		/* the size of the gradient, as a formula: |f'| or |grad f| */
		snprintf(g, sizeof g, d->n == 1 ? "|%s'|" : "|grad %s|", t->names[0]);
		point(q, d, w + (n - 1) * k);
		words_num(b, tr->f[n - 1], d->fscale);
		words_num(gv, tr->gnorm[n - 1], tr->gnorm[0] > 0 ? tr->gnorm[0] : 1);
		if (end != NULL)
			snprintf(nearby, sizeof nearby, _(run_near[end->kind]), point(p, d, end->x));
		point(p, d, w);
		if (tr->outcome == RUN_MAX_STEPS && end != NULL)
			/* TRANSLATORS: the next to last %s is |f'| or |grad f|, and
			 * the last one "near the minimum at (3, 2)" */
			words_say(t, _("%s: from %s, where @f = %s, it stopped at the step limit, %ld "
				 "steps, at %s, where @f = %s and %s = %s, %s."), run, p, a,
			    tr->step, q, b, g, gv, nearby);
		else if (tr->outcome == RUN_MAX_STEPS)
			words_say(t, _("%s: from %s, where @f = %s, it stopped at the step limit, %ld "
				 "steps, at %s, where @f = %s and %s = %s."), run, p, a, tr->step,
			    q, b, g, gv);
		else if (end != NULL)   /* a run still going: its steps so far */
			words_say(t, _("%s: from %s, where @f = %s, it is, after %ld steps, at %s, "
				 "where @f = %s and %s = %s, %s."), run, p, a, (long)(n - 1), q,
			    b, g, gv, nearby);
		else
			words_say(t, _("%s: from %s, where @f = %s, it is, after %ld steps, at %s, "
				 "where @f = %s and %s = %s."), run, p, a, (long)(n - 1), q, b, g,
			    gv);
		break;
	}
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
		words_say(t, _("@f rose at every one of its %zu steps."), n - 1);
	else if (rises > 0 && rises * 2 > n - 1)
		words_say(t, _("@f rose at %zu of its %zu steps."), rises, n - 1);
	else if (rises > 0)
		words_say(t, _("@f rose at %zu of its %zu steps, where it overshot."), rises, n - 1);
	if (moves >= 4 && turns * 4 >= moves && d->n == 1)
		/* TRANSLATORS: "it" is the run, here and below */
		words_say(t, _("It zigzagged: %zu of its steps turned back against the one before, "
			 "across the bottom."), turns);
	else if (moves >= 4 && turns * 4 >= moves)
		words_say(t, _("It zigzagged: %zu of its steps turned back against the one before, "
			 "across a valley."), turns);
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
		if (near >= 10) {
			snprintf(nearby, sizeof nearby, _(run_near[c->kind]), point(p, d, c->x));
			/* TRANSLATORS: %s is "near the saddle point at (0, 0)" */
			words_say(t, _("It lingered %s for %zu steps."), nearby, near);
		}
	}
	if (left > 0)
		words_say(t, _("It left the view at step %zu."), left);
	words_put(t, "\n");
}

char *
plot_fig_describe(struct plot_fig *f, const struct plot_run_desc *runs, int nruns,
		  int drawn_only)
{
	struct words t = { xmalloc(256), 0, 256, { "", "", "" } };
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
	if (drawn_only) {
		words_say(&t, _("The critical points and the values of @f are left out here."));
		words_put(&t, "\n");
	}
	free(d.cp);
	free(d.fv);
	free(d.gn);
	return t.s;
}
