/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-map.c - the picture of a hyperparameter map: for a grid of
 * settings, how many steps each run took to converge, or that it diverged
 * or did not finish.  Two settings make a heat map (one map cell a screen
 * cell when the grid fits the area, else the nearest cell), one makes a
 * curve of the steps against the setting.  Steps are binned at 1-2-5
 * multiples of powers of ten, so that the legend reads in round numbers.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "plot-int.h"

#define MAX_BINS 9

/* 256 colours, fastest first: bright yellow through green to dark blue. */
static const uint8_t bin_color256[MAX_BINS] = { 226, 190, 154, 112, 71, 36, 30, 24, 18 };

/* An axis's coordinate for a setting: the setting, or its log10. */
static double
axis_u(const struct plot_map_axis *a, double v)
{
	return a->log ? log10(v) : v;
}

/* Cell i's setting, as analysis_map spaces them. */
static double
axis_value(const struct plot_map_axis *a, int i)
{
	const struct map_axis m = { 0, a->lo, a->hi, a->n, a->log };

	return map_axis_value(&m, i);
}

long *
plot_map_steps(const struct map_result *res)
{
	size_t cells = (size_t)res->nx * (size_t)res->ny, i;
	long *steps = xmalloc((cells ? cells : 1) * sizeof *steps);

	for (i = 0; i < cells; i++)
		steps[i] = res->outcome[i] == RUN_CONVERGED ? res->steps[i] :
			   res->outcome[i] == RUN_DIVERGED ? PLOT_MAP_DIVERGED :
			   PLOT_MAP_UNFINISHED;
	return steps;
}

/* The range of axis a: its cells' centres, with half a cell beyond each end when cells. */
static void
axis_range(const struct plot_map_axis *a, int cells, double *u0, double *u1)
{
	double lo = axis_u(a, a->lo), hi = axis_u(a, a->hi);
	double half = cells && a->n > 1 ? (hi - lo) / (a->n - 1) / 2 : 0;

	*u0 = lo - half;
	*u1 = hi + half;
	if (!(*u1 > *u0)) {
		*u0 -= 0.5;
		*u1 += 0.5;
	}
}

/* The rows above the area (the title, the y axis's name) and below it. */
static int
rows_above(const struct plot_opts *o, const char *title)
{
	return (o->title && title != NULL ? 1 : 0) + 1;
}
#define ROWS_BELOW 4            /* the x axis, its labels, two rows of legend */

/* The frame of a map: its area and ranges (y of the curve: filled later). */
static void
map_frame(const struct plot_opts *o, const struct plot_map_axis *x,
	  const struct plot_map_axis *y, const char *const *ylabels, const char *title,
	  struct plot_frame *fr)
{
	double ticks[PLOT_MAX_TICKS];
	char labels[PLOT_MAX_TICKS][24];
	int w = 5;              /* a curve's steps: "1e+06" at most */

	memset(fr, 0, sizeof *fr);
	fr->width = o->width;
	fr->ay = rows_above(o, title);
	fr->ah = o->height - fr->ay - ROWS_BELOW;
	if (fr->ah < 2)
		fr->ah = 2;
	axis_range(x, y->n > 0, &fr->x0, &fr->x1);
	fr->logx = x->log;
	if (y->n > 0 && ylabels != NULL) {
		/* rows of categories: their labels, one a band of rows */
		int k;
		fr->y0 = 0;
		fr->y1 = y->n;
		fr->ylabels = ylabels;
		fr->nylabels = y->n;
		for (w = 1, k = 0; k < y->n; k++)
			if ((int)strlen(ylabels[k]) > w)
				w = (int)strlen(ylabels[k]);
	} else if (y->n > 0) {
		axis_range(y, 1, &fr->y0, &fr->y1);
		fr->logy = y->log;
		plot_y_ticks(fr->y0, fr->y1, fr->ah, fr->logy, ticks, labels, &w);
	}
	fr->ax = w + 2;
	fr->aw = o->width - fr->ax - 1;
	if (fr->aw < 4)
		fr->aw = 4;
}

static int x_cell(const struct plot_frame *fr, const struct plot_map_axis *a, double v);
static int y_cell(const struct plot_frame *fr, const struct plot_map_axis *a, double v);

void
plot_map_area(const struct plot_opts *o, const struct plot_map_axis *x,
	      const struct plot_map_axis *y, int *w, int *h)
{
	struct plot_frame fr;
	struct plot_map_axis none = { NULL, 0, 0, 0, 0 };

	map_frame(o, x, y != NULL ? y : &none, NULL, "", &fr);     /* room for a title */
	*w = fr.aw;
	*h = fr.ah;
}

int
plot_map_locate(const struct plot_opts *o, const struct plot_map *m, const char *title,
		double x, double y, int *cx, int *cy)
{
	struct plot_frame fr;

	map_frame(o, &m->x, &m->y, m->ylabels, title, &fr);
	*cx = x_cell(&fr, &m->x, x);
	*cy = m->y.n > 0 ? y_cell(&fr, &m->y, y) : fr.ay + fr.ah;
	return *cx < 0 || *cy < 0 ? -1 : 0;
}

/*
 * The bins' upper ends for steps from lo to hi: 1-2-5 multiples of powers
 * of ten, or 1-3 ones, or powers of ten, or of a hundred, the first of
 * these that needs MAX_BINS bins or fewer, from the first end at lo or
 * above to the first at hi or above.  Returns their number.
 */
static int
make_bins(double lo, double hi, double *edge)
{
	static const double mult[4][3] = { { 1, 2, 5 }, { 1, 3, 0 }, { 1, 0, 0 }, { 1, 0, 0 } };
	static const double decade[4] = { 10, 10, 10, 100 };
	int s, n, k;
	double p, p0;

	if (!(lo > 0))
		lo = hi > 0 ? hi : 1;
	p0 = pow(10, floor(log10(lo)));
	for (s = 0; s < 4; s++) {
		n = 0;
		for (p = p0; p < 1e300; p *= decade[s])
			for (k = 0; k < 3 && mult[s][k] > 0; k++) {
				double e = mult[s][k] * p;
				if (e < lo * (1 - 1e-12))
					continue;
				if (n == MAX_BINS)
					goto next;
				edge[n++] = e;
				if (e >= hi * (1 - 1e-12))
					return n;
			}
next:		;
	}
	edge[0] = hi;           /* beyond 1e300: one bin */
	return 1;
}

/* The bin of the value (steps) s. */
static int
bin_of(double s, const double *edge, int n)
{
	int b;

	for (b = 0; b < n - 1 && s > edge[b] * (1 + 1e-12); b++)
		;
	return b;
}

/* The shade level (9 densest) of bin b of n: the fastest 9, the slowest 1. */
static int
bin_level(int b, int n)
{
	return n > 1 ? 9 - (int)lround(8.0 * b / (n - 1)) : 9;
}

/* A bin's upper end as the legend writes it: "20", "5000", "1e+06". */
static void
edge_text(double e, char *buf, size_t size)
{
	if (e >= 1 && e < 1e5)
		snprintf(buf, size, "%.0f", e);
	else
		snprintf(buf, size, "%.3g", e);
}

/* The column of setting v on the x axis, or -1 outside the area. */
static int
x_cell(const struct plot_frame *fr, const struct plot_map_axis *a, double v)
{
	double u = axis_u(a, v), t = (u - fr->x0) / (fr->x1 - fr->x0);

	if (!(t >= 0 && t <= 1))
		return -1;
	return fr->ax + (t >= 1 ? fr->aw - 1 : (int)floor(t * fr->aw));
}

/* The row of setting v on the y axis of a heat map, or -1 outside. */
static int
y_cell(const struct plot_frame *fr, const struct plot_map_axis *a, double v)
{
	double u = axis_u(a, v), t = (fr->y1 - u) / (fr->y1 - fr->y0);

	if (!(t >= 0 && t <= 1))
		return -1;
	return fr->ay + (t >= 1 ? fr->ah - 1 : (int)floor(t * fr->ah));
}

/* Appends "G label" keys to a legend line, two blanks between. */
static void
key(char *buf, size_t size, size_t *len, char glyph, const char *label)
{
	if (*len < size)
		*len += (size_t)snprintf(buf + *len, size - *len, "%s%c %s", *len ? "  " : "",
					 glyph, label);
}

/* A legend row, cut to the width. */
static void
legend_row(struct plot_canvas *c, int row, char *text, int width)
{
	plot_text_cut(text, width);
	plot_text(c, 0, row, text, PLOT_DEFAULT, 0);
}

/*
 * The legend of the bins in row: what they count, then each bin's glyph
 * (on its colour, in 256 colours) and its upper end ("more" for an open
 * one).  Returns the columns it takes.
 */
static int
bins_legend(struct plot_canvas *c, const struct plot_opts *o, int row, const char *what,
	    const double *edge, int nb)
{
	char line[512], text[64];
	size_t len = (size_t)snprintf(line, sizeof line, "%s", what);
	int at[MAX_BINS], k;

	for (k = 0; k < nb && len < sizeof line - 32; k++) {
		if (isinf(edge[k]))
			/* TRANSLATORS: the upper end of the last bin of a map's legend */
			snprintf(text, sizeof text, "%s", _("more"));
		else
			edge_text(edge[k], text, sizeof text);
		at[k] = (int)utf8_columns(line, len) + 1;
		len += (size_t)snprintf(line + len, sizeof line - len, " %c %s",
					" .:-=+*#%@"[bin_level(k, nb)], text);
	}
	legend_row(c, row, line, o->width);
	for (k = 0; k < nb; k++)
		if (at[k] < o->width)
			plot_shade(c, at[k], row, bin_level(k, nb),
				   o->color == 2 ? bin_color256[k] : PLOT_DEFAULT);
	return plot_text_width(line);
}

/*
 * The keys of line ("G label", two blanks apart) under the bins' row,
 * whose text takes `used` columns.  When they do not fit on their own
 * row, the first ones that fit go at the end of the bins' row and the
 * others below; a row still too wide has its keys one blank apart, then
 * is cut.
 */
static void
legend_keys(struct plot_canvas *c, int row, int used, char *line, int width)
{
	char above[512] = "", below[512] = "";
	size_t na = 0, nb = 0, i, j;
	const char *k = line, *next;
	int at = used, spill = plot_text_width(line) > width;

	/* widths in columns: a translated key may have accents */
	while (k != NULL && *k != '\0') {
		size_t kl;
		next = strstr(k, "  ");
		kl = next != NULL ? (size_t)(next - k) : strlen(k);
		if (spill && nb == 0 && used + 2 + (int)utf8_columns(k, kl) <= width &&
		    na < sizeof above)
			na += (size_t)snprintf(above + na, sizeof above - na, "  %.*s", (int)kl, k);
		else if (nb < sizeof below)
			nb += (size_t)snprintf(below + nb, sizeof below - nb, "%s%.*s",
					       nb ? "  " : "", (int)kl, k);
		used = at + (int)utf8_columns(above, na < sizeof above ? na : sizeof above - 1);
		k = next != NULL ? next + 2 : NULL;
	}
	if (na > 0)
		plot_text(c, at, row, above, PLOT_DEFAULT, 0);
	if (plot_text_width(below) > width) {   /* one blank between keys */
		for (i = j = 0; below[i] != '\0'; i++)
			if (!(below[i] == ' ' && below[i + 1] == ' '))
				below[j++] = below[i];
		below[j] = '\0';
	}
	if (below[0] != '\0')
		legend_row(c, row + 1, below, width);
}

/*
 * The heat map, its line and its marks; under[k] is set to the glyph of
 * a later mark drawn over mark k (0 when none), for the legend.
 */
static void
draw_heat(struct plot_canvas *c, const struct plot_opts *o, const struct plot_frame *fr,
	  const struct plot_map *m, const double *edge, int nb, char *under)
{
	int cx, cy, k, at[2 * PLOT_MAX_MARKS];

	for (cy = fr->ay; cy < fr->ay + fr->ah; cy++) {
		int j = m->y.n - 1 - (int)floor((cy - fr->ay + 0.5) / fr->ah * m->y.n);
		for (cx = fr->ax; cx < fr->ax + fr->aw; cx++) {
			int i = (int)floor((cx - fr->ax + 0.5) / fr->aw * m->x.n);
			long s = m->steps[(size_t)j * (size_t)m->x.n + (size_t)i];
			if (s == PLOT_MAP_DIVERGED) {
				plot_mark(c, cx, cy, 'x', o->color ? PLOT_RED : PLOT_DEFAULT, 0);
			} else if (s >= 0) {
				int b = bin_of((double)s, edge, nb);
				plot_shade(c, cx, cy, bin_level(b, nb),
					   o->color == 2 ? bin_color256[b] : PLOT_DEFAULT);
			}
		}
	}
	if (m->line_x != NULL) {
		int j;
		for (j = 0; j < m->y.n; j++) {
			int col = x_cell(fr, &m->x, m->line_x[j]);
			int row = y_cell(fr, &m->y, axis_value(&m->y, j));
			if (col >= 0 && row >= 0)
				plot_mark(c, col, row, (uint32_t)m->line_glyph, PLOT_DEFAULT,
					  PLOT_BOLD);
		}
	}
	for (k = 0; k < m->nmarks && k < PLOT_MAX_MARKS; k++) {
		const struct plot_map_mark *mk = &m->marks[k];
		int col = x_cell(fr, &m->x, mk->x), row = y_cell(fr, &m->y, mk->y), e;
		if (col < 0 || row < 0)
			continue;
		for (e = 0; e < k; e++)
			if (at[2 * e] == col && at[2 * e + 1] == row)
				under[e] = mk->glyph;
		at[2 * k] = col;
		at[2 * k + 1] = row;
		plot_mark(c, col, row, (uint32_t)mk->glyph, PLOT_DEFAULT, PLOT_BOLD);
	}
}

/* The curve: y of the frame set here, from the converged cells' steps. */
static void
draw_curve(struct plot_canvas *c, const struct plot_opts *o, struct plot_frame *fr,
	   const struct plot_map *m, long lo, long hi)
{
	int dx = plot_dots_x(c), dy = plot_dots_y(c), i, have = 0, px = 0, py = 0;

	fr->logy = lo >= 1 && hi >= 20 * lo;
	fr->y0 = fr->logy ? log10((double)lo) : (double)lo;
	fr->y1 = fr->logy ? log10((double)hi) : (double)hi;
	if (lo < 0) {           /* nothing converged */
		fr->y0 = 0;
		fr->y1 = (double)(m->limit > 0 ? m->limit : 1);
	} else {
		double pad = (fr->y1 - fr->y0) * 0.05;
		if (!(pad > 0))
			pad = fr->logy ? 0.1 : 1;
		fr->y0 -= pad;
		fr->y1 += pad;
	}
	for (i = 0; i < m->x.n; i++) {
		long s = m->steps[i];
		double u = axis_u(&m->x, axis_value(&m->x, i));
		int x = (int)lround((u - fr->x0) / (fr->x1 - fr->x0) * (fr->aw * dx - 1)), y;
		if (s < 0) {
			plot_mark(c, fr->ax + x / dx, fr->ay - 1, s == PLOT_MAP_DIVERGED ? 'x' : '^',
				  s == PLOT_MAP_DIVERGED && o->color ? PLOT_RED : PLOT_DEFAULT, 0);
			have = 0;
			continue;
		}
		y = (int)lround((fr->y1 - (fr->logy ? log10((double)(s > 0 ? s : 1)) : (double)s)) /
				(fr->y1 - fr->y0) * (fr->ah * dy - 1));
		if (have)
			plot_line(c, PLOT_LAYER_CURVE, fr->ax * dx + px, fr->ay * dy + py,
				  fr->ax * dx + x, fr->ay * dy + y, o->color ? PLOT_CYAN : PLOT_DEFAULT);
		else
			plot_dot(c, PLOT_LAYER_CURVE, fr->ax * dx + x, fr->ay * dy + y,
				 o->color ? PLOT_CYAN : PLOT_DEFAULT);
		px = x;
		py = y;
		have = 1;
	}
	for (i = 0; i < m->nmarks && i < PLOT_MAX_MARKS; i++) {
		int col = x_cell(fr, &m->x, m->marks[i].x);
		if (col < 0)
			continue;
		plot_line(c, PLOT_LAYER_GRID, col * dx + dx / 2, fr->ay * dy, col * dx + dx / 2,
			  (fr->ay + fr->ah) * dy - 1, o->color ? PLOT_GREY : PLOT_DEFAULT);
	}
}

/*
 * The bins of values from lo to hi: 1-2-5 multiples of powers of ten from
 * the lowest, fine near it (where the best settings are), the last open
 * ("more") when nine would not reach hi.
 */
static int
value_bins(double lo, double hi, double *edge)
{
	double p, e;
	int n = 0, k;

	if (!(lo > 0))
		lo = hi > 0 ? hi : 1;
	for (p = pow(10, floor(log10(lo))); n < MAX_BINS; p *= 10)
		for (k = 0; k < 3 && n < MAX_BINS; k++) {
			e = (k == 0 ? 1 : k == 1 ? 2 : 5) * p;
			if (e < lo * (1 - 1e-12))
				continue;
			edge[n++] = e;
			if (e >= hi * (1 - 1e-12))
				return n;
		}
	edge[MAX_BINS - 1] = INFINITY;
	return MAX_BINS;
}

/*
 * A heat map of values (m->value): the lower, the denser; 'x' where a
 * run diverged, blank where there is no value; rows of categories.
 */
static struct plot_canvas *
value_map(struct plot_canvas *c, const struct plot_opts *o, const struct plot_map *m,
	  const char *title)
{
	struct plot_frame fr;
	size_t cells = (size_t)m->x.n * (size_t)m->y.n, i;
	double lo = INFINITY, hi = -INFINITY, edge[MAX_BINS];
	int nb = 0, cx, cy, diverged = 0, blank = 0, row1 = o->height - 2;
	char line[512], text[64];
	size_t len;
	int used = 0;

	map_frame(o, &m->x, &m->y, m->ylabels, title, &fr);
	fr.c = c;
	plot_canvas_set_area(c, fr.ax, fr.ay, fr.aw, fr.ah);
	for (i = 0; i < cells; i++) {
		double v = m->value[i];
		diverged |= isinf(v) && v > 0;
		blank |= isnan(v);
		if (!isfinite(v))
			continue;
		if (v > 0 && v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	if (hi > -INFINITY)
		nb = value_bins(lo < INFINITY ? lo : hi, hi, edge);
	for (cy = fr.ay; cy < fr.ay + fr.ah; cy++) {
		int j = m->y.n - 1 - (int)floor((cy - fr.ay + 0.5) / fr.ah * m->y.n);
		for (cx = fr.ax; cx < fr.ax + fr.aw; cx++) {
			int ci = (int)floor((cx - fr.ax + 0.5) / fr.aw * m->x.n);
			double v = m->value[(size_t)j * (size_t)m->x.n + (size_t)ci];
			if (isinf(v) && v > 0) {
				plot_mark(c, cx, cy, 'x', o->color ? PLOT_RED : PLOT_DEFAULT, 0);
			} else if (isfinite(v) && nb > 0) {
				int b = bin_of(v, edge, nb);
				plot_shade(c, cx, cy, bin_level(b, nb),
					   o->color == 2 ? bin_color256[b] : PLOT_DEFAULT);
			}
		}
	}
	if (plot_text_width(m->x.name) < o->width)
		plot_text(c, o->width - plot_text_width(m->x.name), fr.ay + fr.ah + 1, m->x.name,
			  PLOT_DEFAULT, PLOT_BOLD);
	plot_axes_draw(&fr);
	if (o->title && title != NULL) {
		snprintf(line, sizeof line, "%s", title);
		legend_row(c, 0, line, o->width);
	}
	plot_text(c, 0, fr.ay - 1, m->y.name, PLOT_DEFAULT, PLOT_BOLD);
	if (nb > 0) {
		/* TRANSLATORS: the legend of a map's bins: "loss, at most:" */
		snprintf(text, sizeof text, _("%s, at most:"), m->value_name);
		used = bins_legend(c, o, row1, text, edge, nb);
	} else {
		/* TRANSLATORS: %s is what a map shows, such as "loss" */
		snprintf(line, sizeof line, _("no %s to show"), m->value_name);
		legend_row(c, row1, line, o->width);
		used = plot_text_width(line);
	}
	len = 0;
	line[0] = '\0';
	if (diverged)
		key(line, sizeof line, &len, 'x', _("diverged"));
	if (blank && m->blank_label != NULL && len < sizeof line) {
		len += (size_t)snprintf(line + len, sizeof line - len, "%s", len ? "  " : "");
		/* TRANSLATORS: a legend key: blank cells are those with no value */
		len += (size_t)snprintf(line + len, sizeof line - len, _("blank: %s"),
					m->blank_label);
	}
	if (m->note != NULL && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", len ? "  " : "",
					m->note);
	if (len > 0)
		legend_keys(c, row1, used, line, o->width);
	return c;
}

struct plot_canvas *
plot_map(const struct plot_opts *o, const struct plot_map *m, const char *title)
{
	struct plot_canvas *c = plot_canvas_new(o->width, o->height, o->enc);
	struct plot_frame fr;
	size_t cells = (size_t)m->x.n * (size_t)(m->y.n > 0 ? m->y.n : 1), i;
	long lo = -1, hi = -1;
	double edge[MAX_BINS];
	int nb = 0, k, diverged = 0, unfinished = 0, row1 = o->height - 2;
	char line[512], text[64], under[PLOT_MAX_MARKS] = { 0 };
	size_t len = 0;
	int used = 0;

	if (m->value != NULL)
		return value_map(c, o, m, title);
	map_frame(o, &m->x, &m->y, NULL, title, &fr);
	fr.c = c;
	plot_canvas_set_area(c, fr.ax, fr.ay, fr.aw, fr.ah);
	for (i = 0; i < cells; i++) {
		long s = m->steps[i];
		diverged |= s == PLOT_MAP_DIVERGED;
		unfinished |= s == PLOT_MAP_UNFINISHED;
		if (s < 0)
			continue;
		if (lo < 0 || s < lo)
			lo = s;
		if (s > hi)
			hi = s;
	}
	if (lo >= 0)
		nb = make_bins((double)(lo < 1 ? 1 : lo), (double)hi, edge);
	if (m->y.n > 0)
		draw_heat(c, o, &fr, m, edge, nb, under);
	else
		draw_curve(c, o, &fr, m, lo, hi);
	/* x's name at the end of its labels' row, before them: a label it meets gives way */
	if (plot_text_width(m->x.name) < o->width)
		plot_text(c, o->width - plot_text_width(m->x.name), fr.ay + fr.ah + 1, m->x.name,
			  PLOT_DEFAULT, PLOT_BOLD);
	plot_axes_draw(&fr);
	if (m->y.n == 0)
		for (k = 0; k < m->nmarks && k < PLOT_MAX_MARKS; k++) {
			int col = x_cell(&fr, &m->x, m->marks[k].x);
			if (col >= 0)
				plot_mark(c, col, fr.ay + fr.ah, (uint32_t)m->marks[k].glyph,
					  PLOT_DEFAULT, PLOT_BOLD);
		}
	if (o->title && title != NULL) {
		snprintf(line, sizeof line, "%s", title);
		legend_row(c, 0, line, o->width);
	}
	/* y's name above its labels */
	/* TRANSLATORS: the name of the y axis of a map of the steps each run took */
	plot_text(c, 0, fr.ay - 1, m->y.n > 0 ? m->y.name : _("steps"), PLOT_DEFAULT,
		  PLOT_BOLD);

	/* the legend */
	if (m->y.n > 0 && nb > 0) {
		/* TRANSLATORS: the legend of a map's bins, the short one on narrow maps */
		used = bins_legend(c, o, row1, o->width >= 70 ? _("steps to converge, at most:") :
				   _("steps, at most:"), edge, nb);
		len = 0;
	} else if (m->y.n > 0) {
		snprintf(line, sizeof line, _("no setting converged in %ld steps"), m->limit);
		legend_row(c, row1, line, o->width);
		used = plot_text_width(line);
	} else {
		/* TRANSLATORS: legend keys, two blanks apart: keep one blank inside a key */
		key(line, sizeof line, &len, '-', _("steps to converge"));
		if (diverged)
			key(line, sizeof line, &len, 'x', _("diverged"));
		if (unfinished) {
			snprintf(text, sizeof text, _("not done in %ld"), m->limit);
			key(line, sizeof line, &len, '^', text);
		}
		legend_row(c, row1, line, o->width);
		used = plot_text_width(line);
		len = 0;
	}
	if (m->y.n > 0 && diverged)
		key(line, sizeof line, &len, 'x', _("diverged"));
	if (m->y.n > 0 && unfinished) {
		if (len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s",
						len ? "  " : "");
		/* TRANSLATORS: a legend key: blank cells are runs not done in the steps */
		if (len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len,
						_("blank: >%ld steps"), m->limit);
	}
	for (k = 0; k < m->nmarks && k < PLOT_MAX_MARKS; k++) {
		if (under[k])
			/* TRANSLATORS: a mark's label, and the glyph drawn over it */
			snprintf(text, sizeof text, _("%s (under %c)"), m->marks[k].label,
				 under[k]);
		key(line, sizeof line, &len, m->marks[k].glyph,
		    under[k] ? text : m->marks[k].label);
	}
	if (m->y.n > 0 && m->line_x != NULL && m->line_label != NULL)
		key(line, sizeof line, &len, m->line_glyph, m->line_label);
	if (len > 0)
		legend_keys(c, row1, used, line, o->width);
	return c;
}
