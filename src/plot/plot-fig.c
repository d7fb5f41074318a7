/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-fig.c - figures: a function of one or two variables drawn on a
 * canvas with its axes, ticks, caption and legend, and the runs of
 * optimizers drawn over it.
 *
 * Layout, in cells: a caption row (optional), the plot area with a left
 * gutter of tick labels as wide as the widest label plus the axis, then
 * the x axis row, the x labels row, and a legend row.  Everything in the
 * gutters is text; only the plot area holds dots.
 *
 * The background (samples, curve or contours, shading, markers of the
 * critical points) is computed once in plot_fig_new; a trajectory step
 * only draws its new segment and moves its markers (plot-traj.c).  The
 * overlays of the analysis are drawn in plot-overlay.c.
 *
 * In 2D, a cell is about twice as tall as it is wide: with opts.aspect,
 * the range that would be squeezed is widened around its centre so that
 * a unit of x and a unit of y are as long on the screen, and a gradient
 * step looks perpendicular to the contour it leaves.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "descent/util.h"
#include "plot-int.h"

void
plot_opts_init(struct plot_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 80;
	o->height = 24;
	o->enc = PLOT_ENC_BRAILLE;
	o->aspect = 1;
	o->levels = PLOT_LEVELS_AUTO;
	o->title = 1;
	o->trail = 1;
}

void
plot_fig_view(const struct plot_fig *f, double *x0, double *x1, double *y0, double *y1)
{
	*x0 = f->x0;
	*x1 = f->x1;
	*y0 = f->y0;
	*y1 = f->y1;
}

struct plot_canvas *
plot_fig_canvas(struct plot_fig *f)
{
	return f->c;
}

/* f at m points (xs, ys). */
static void
sample(struct objective *o, size_t m, const double *xs, const double *ys, double *out)
{
	const double *in[2] = { xs, ys };

	objective_eval(o, m, in, out, NULL, NULL);
}

/* Data to dots (fractional), x right and y up. */
double
fig_to_dot_x(const struct plot_fig *f, double x)
{
	return (x - f->x0) / (f->x1 - f->x0) * (f->aw * f->dx);
}

double
fig_to_dot_y(const struct plot_fig *f, double y)
{
	return (f->y1 - y) / (f->y1 - f->y0) * (f->ah * f->dy);
}

/*
 * A dot coordinate, kept in int range.  A point within a thousandth of a
 * dot of a boundary counts as on it: round numbers (a minimum at y = 2)
 * often fall exactly on one, and a descent that converged to 1.9999999
 * must land in the same cell as the minimum's marker.
 */
int
fig_clampi(double v)
{
	if (!(v > -1e6))
		return -1000000;
	if (v > 1e6)
		return 1000000;
	return (int)floor(v + 1e-3);
}

int
plot_fig_cell(const struct plot_fig *f, const double *x, int *cx, int *cy)
{
	double px = fig_to_dot_x(f, x[0]);
	double py = fig_to_dot_y(f, f->n == 2 ? x[1] : x[1]);
	int ix = fig_clampi(px), iy = fig_clampi(py);

	if (ix < 0 || iy < 0 || ix >= f->aw * f->dx || iy >= f->ah * f->dy)
		return -1;
	*cx = f->ax + ix / f->dx;
	*cy = f->ay + iy / f->dy;
	return 0;
}

int
plot_fig_point(const struct plot_fig *f, int cx, int cy, double *x)
{
	if (cx < f->ax || cy < f->ay || cx >= f->ax + f->aw || cy >= f->ay + f->ah)
		return -1;
	x[0] = f->x0 + (cx - f->ax + 0.5) / f->aw * (f->x1 - f->x0);
	x[1] = f->y1 - (cy - f->ay + 0.5) / f->ah * (f->y1 - f->y0);
	return 0;
}

/* A dot of the area, on the canvas; nothing outside the area. */
static void
dot(struct plot_fig *f, enum plot_layer layer, int x, int y, uint8_t color)
{
	if (x < 0 || y < 0 || x >= f->aw * f->dx || y >= f->ah * f->dy)
		return;
	plot_dot(f->c, layer, f->ax * f->dx + x, f->ay * f->dy + y, color);
}

/*
 * A line between dots of the area, clipped to the area: a run that
 * diverges leaves it, and must paint neither the caption, nor the axes'
 * labels, nor the legend.  A segment of moderate length is drawn dot by
 * dot, each dot outside the area dropped (the exact Bresenham line of its
 * endpoints); a long one, which would cost a dot per step far outside, is
 * clipped to the area first.
 */
void
fig_line(struct plot_fig *f, enum plot_layer layer, int x0, int y0, int x1, int y1,
	 uint8_t color)
{
	int dxl = abs(x1 - x0), dyl = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1;
	int sy = y0 < y1 ? 1 : -1, err = dxl + dyl, guard = 0;

	if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) ||
	    (x0 >= f->aw * f->dx && x1 >= f->aw * f->dx) ||
	    (y0 >= f->ah * f->dy && y1 >= f->ah * f->dy))
		return;
	if (dxl > 4 * f->aw * f->dx || -dyl > 4 * f->ah * f->dy) {
		double a0 = x0, b0 = y0, a1 = x1, b1 = y1;
		int ox = f->ax * f->dx, oy = f->ay * f->dy;
		if (plot_clip_segment(&a0, &b0, &a1, &b1, f->aw * f->dx - 1, f->ah * f->dy - 1))
			plot_line(f->c, layer, ox + (int)lround(a0), oy + (int)lround(b0),
				  ox + (int)lround(a1), oy + (int)lround(b1), color);
		return;
	}
	for (;;) {
		dot(f, layer, x0, y0, color);
		if ((x0 == x1 && y0 == y1) || ++guard > 100000)
			break;
		int e2 = 2 * err;
		if (e2 >= dyl) {
			err += dyl;
			x0 += sx;
		}
		if (e2 <= dxl) {
			err += dxl;
			y0 += sy;
		}
	}
}

/* Whether the figure draws overlay ov (f->opt.overlays: the policy applied). */
int
fig_has(const struct plot_fig *f, unsigned ov)
{
	return (f->opt.overlays & ov) != 0;
}

/*
 * The rows of the overlay's legend: two when its longest text does not
 * fit the width (basins: 8 minima and their points; the convexity's
 * three fills and its verdict), so that it wraps instead of being cut.
 */
static int
overlay_rows(const struct plot_fig *f)
{
	int longest = (fig_has(f, PLOT_OV_BASINS) ? 120 : f->n == 2 ? 78 : 60) +
		      fig_overlay_longer(f);

	if (!fig_has(f, PLOT_OV_BASINS | PLOT_OV_CONVEXITY))
		return 0;
	return f->opt.width >= longest ? 1 : 2;
}

/* How many legend rows the figure fig_has. */
static int
legend_rows(const struct plot_fig *f)
{
	return fig_has(f, PLOT_OV_CONTOURS) + overlay_rows(f) + 1;
}

/*
 * Breaks the overlay's legend into at most max rows of the figure's
 * width (in columns), at the double spaces between its entries: start[i]
 * is the byte where row i begins, start[rows] the end.  Returns the rows.
 */
static int
overlay_wrap(const struct plot_fig *f, int *start, int max)
{
	int len = (int)strlen(f->overlay), rows = 0, s = 0;

	while (s < len && rows < max) {
		int end = s + (int)plot_text_bytes(f->overlay + s, f->opt.width), b;
		start[rows++] = s;
		if (end >= len || rows == max) {
			s = end < len ? end : len;
			break;
		}
		/* the last entry boundary that fits */
		for (b = end; b > s && !(f->overlay[b] == ' ' && f->overlay[b + 1] == ' '); b--)
			;
		if (b == s)
			b = end;        /* one long entry: cut */
		s = b;
		while (s < len && f->overlay[s] == ' ')
			s++;
	}
	start[rows] = s;
	return rows;
}

/* Chooses the layout of the figure in the canvas. */
static void
layout(struct plot_fig *f, int gutter)
{
	int top = f->opt.title ? 1 : 0;

	f->ax = gutter;
	f->ay = top;
	f->aw = f->opt.width - gutter - 1;
	/* the x axis, its labels, and the legend rows: contour levels (2D),
	 * the overlay, then markers and runs */
	f->ah = f->opt.height - top - 2 - legend_rows(f);
	if (f->aw < 4)
		f->aw = 4;
	if (f->ah < 2)
		f->ah = 2;
}

/* The width of the widest y label. */
static int
y_label_width(const struct plot_fig *f)
{
	double ticks[PLOT_MAX_TICKS];
	char labels[PLOT_MAX_TICKS][24];
	int w;

	plot_y_ticks(f->y0, f->y1, f->ah, 0, ticks, labels, &w);
	return w;
}

static void
draw_axes(struct plot_fig *f)
{
	struct plot_frame fr = { f->c, f->ax, f->ay, f->aw, f->ah, f->x0, f->x1, f->y0,
				 f->y1, 0, f->opt.width, 0, NULL, 0 };

	plot_axes_draw(&fr);
}

/* 1D: the curve, sampled per dot column with its min and max. */
static int
draw_curve(struct plot_fig *f, int autorange)
{
	int cols = f->aw * f->dx, per = 4, j, k;
	size_t m = (size_t)cols * per + 1, i;
	double *xs = xmalloc(m * 2 * sizeof *xs), *v = xs + m;

	for (i = 0; i < m; i++)
		xs[i] = f->x0 + (f->x1 - f->x0) * (double)i / (double)(m - 1);
	sample(f->o, m, xs, NULL, v);
	if (autorange) {
		double lo, hi, pad;
		if (plot_value_range(v, m, &lo, &hi, &f->clipped) < 0) {
			free(xs);
			return -1;
		}
		pad = (hi - lo) * 0.05;
		f->y0 = lo - pad;
		f->y1 = hi + pad;
	}
	/* the zero line on its true row */
	if (f->y0 < 0 && f->y1 > 0 && f->opt.enc == PLOT_ENC_BRAILLE) {
		/* one dot per cell, in its middle column: a light dotted line
		 * (ASCII and half blocks have no light dot: there the tick
		 * labelled 0 marks the row) */
		int zy = fig_clampi(fig_to_dot_y(f, 0));
		for (j = f->dx / 2; j < cols; j += f->dx)
			dot(f, PLOT_LAYER_GRID, j, zy, PLOT_GREY);
	}
	for (j = 0; j < cols; j++) {
		double lo = INFINITY, hi = -INFINITY;
		for (k = 0; k <= per; k++) {
			double y = v[(size_t)j * per + k];
			if (isfinite(y)) {
				lo = fmin(lo, y);
				hi = fmax(hi, y);
			}
		}
		if (lo > hi)
			continue;
		{
			int ya = fig_clampi(fig_to_dot_y(f, hi)), yb = fig_clampi(fig_to_dot_y(f, lo));
			if (ya < 0)
				ya = 0;
			if (yb >= f->ah * f->dy)
				yb = f->ah * f->dy - 1;
			for (k = ya; k <= yb; k++)
				dot(f, PLOT_LAYER_CURVE, j, k, PLOT_DEFAULT);
		}
	}
	free(xs);
	return 0;
}

/*
 * 2D, opt.coarse: v on the nx x ny dot grid from f at the cells' corners
 * (every dx-th dot across, dy-th down), the dots between interpolated
 * bilinearly.
 */
static void
sample_coarse(struct plot_fig *f, int nx, int ny, double *v)
{
	int cx = (nx - 1) / f->dx + 1, cy = (ny - 1) / f->dy + 1, i, j;
	size_t m = (size_t)cx * cy;
	double *xs = xmalloc(m * 3 * sizeof *xs), *ys = xs + m, *c = ys + m;

	for (j = 0; j < cy; j++)
		for (i = 0; i < cx; i++) {
			double di = (double)i * f->dx, dj = (double)j * f->dy;
			xs[(size_t)j * cx + i] = f->x0 + (f->x1 - f->x0) * di / (nx - 1);
			ys[(size_t)j * cx + i] = f->y1 - (f->y1 - f->y0) * dj / (ny - 1);
		}
	sample(f->o, m, xs, ys, c);
	for (j = 0; j < ny; j++) {
		int j0 = j / f->dy, j1 = j0 + 1 < cy ? j0 + 1 : j0;
		double tj = (double)(j - j0 * f->dy) / f->dy;
		for (i = 0; i < nx; i++) {
			int i0 = i / f->dx, i1 = i0 + 1 < cx ? i0 + 1 : i0;
			double ti = (double)(i - i0 * f->dx) / f->dx;
			double a = c[(size_t)j0 * cx + i0], b = c[(size_t)j0 * cx + i1];
			double d = c[(size_t)j1 * cx + i0], e = c[(size_t)j1 * cx + i1];
			v[(size_t)j * nx + i] = ti == 0 && tj == 0 ? a :
				(1 - tj) * ((1 - ti) * a + ti * b) + tj * ((1 - ti) * d + ti * e);
		}
	}
	free(xs);
}

/* 2D: the levels, contours by marching squares on the dot grid, and shading. */
static void
draw_contours(struct plot_fig *f)
{
	int nx = f->aw * f->dx + 1, ny = f->ah * f->dy + 1, i, j, l;
	size_t m = (size_t)nx * ny;
	double *xs = xmalloc(m * 3 * sizeof *xs), *ys = xs + m, *v = ys + m;
	int n = f->opt.contours;

	if (f->opt.coarse && (f->dx > 1 || f->dy > 1)) {
		sample_coarse(f, nx, ny, v);
	} else {
		for (j = 0; j < ny; j++)
			for (i = 0; i < nx; i++) {
				xs[(size_t)j * nx + i] = f->x0 + (f->x1 - f->x0) * i / (nx - 1);
				ys[(size_t)j * nx + i] = f->y1 - (f->y1 - f->y0) * j / (ny - 1);
			}
		sample(f->o, m, xs, ys, v);
	}
	if (f->opt.nlevel_values > 0) {
		/* the levels the caller names (a text that speaks of f = 0) */
		n = f->opt.nlevel_values < PLOT_MAX_LEVELS ? f->opt.nlevel_values :
		    PLOT_MAX_LEVELS;
		memcpy(f->levels, f->opt.level_values, (size_t)n * sizeof *f->levels);
		f->kind = PLOT_LEVELS_LINEAR;
		f->nlevels = n;
		goto draw;
	}
	if (n <= 0)
		n = f->ah >= 40 ? 10 : f->ah >= 20 ? 6 : 5;
	if (n > PLOT_MAX_LEVELS)
		n = PLOT_MAX_LEVELS;
	f->kind = plot_choose_levels(v, m, n, f->opt.levels, f->levels);
	f->nlevels = n;
draw:
	if (fig_has(f, PLOT_OV_SHADE)) {
		int cx, cy;
		for (cy = 0; cy < f->ah; cy++)
			for (cx = 0; cx < f->aw; cx++) {
				/* the value at the cell's centre dot corner */
				size_t at = (size_t)(cy * f->dy + f->dy / 2) * nx + cx * f->dx + f->dx / 2;
				int band = 0;
				if (!isfinite(v[at]))
					continue;
				while (band < n && v[at] >= f->levels[band])
					band++;
				plot_shade(f->c, f->ax + cx, f->ay + cy, 1 + band * 8 / (n > 0 ? n : 1),
					   (uint8_t)(17 + band * 36 / (n + 1)));
			}
	}
	/*
	 * Marching squares, cell by cell: a level crosses a cell exactly
	 * when it lies in (min, max] of its corners, so only those levels
	 * are marched.  A segment inside one dot cell is that dot.
	 */
	for (j = 0; fig_has(f, PLOT_OV_CONTOURS) && j + 1 < ny; j++)
		for (i = 0; i + 1 < nx; i++) {
			/* greys, light to dark as the level rises: the bright
			 * colours are the runs' (plot_traj_color) */
			static const uint8_t ramp8[6] = { 252, 250, 248, 246, 244, 242 };
			double z[4], seg[2][4], lo, hi;
			z[0] = v[(size_t)j * nx + i];
			z[1] = v[(size_t)j * nx + i + 1];
			z[2] = v[(size_t)(j + 1) * nx + i + 1];
			z[3] = v[(size_t)(j + 1) * nx + i];
			if (isnan(z[0]) || isnan(z[1]) || isnan(z[2]) || isnan(z[3]))
				continue;
			/* comparisons, not fmin: this loop runs for every dot */
			lo = z[0] < z[1] ? z[0] : z[1];
			lo = z[2] < lo ? z[2] : lo;
			lo = z[3] < lo ? z[3] : lo;
			hi = z[0] > z[1] ? z[0] : z[1];
			hi = z[2] > hi ? z[2] : hi;
			hi = z[3] > hi ? z[3] : hi;
			if (!(lo < hi))
				continue;       /* flat */
			for (l = 0; l < n && f->levels[l] <= hi; l++) {
				if (!(f->levels[l] > lo))
					continue;
				if (plot_march(z, f->levels[l], seg) > 0)
					dot(f, PLOT_LAYER_CONTOUR, i, j,
					    f->opt.color ? ramp8[l * 6 / n] : PLOT_DEFAULT);
			}
		}
	free(xs);
}

void
fig_mark_point(struct plot_fig *f, const double *x, uint32_t glyph, uint8_t color)
{
	int cx, cy;

	if (plot_fig_cell(f, x, &cx, &cy) == 0)
		plot_mark(f->c, cx, cy, glyph, color, PLOT_BOLD);
}

/* The critical points' markers; trajectories' S and @ go over them. */
void
fig_draw_markers(struct plot_fig *f)
{
	int i, t;

	for (i = 0; i < f->nsets; i++) {
		size_t k;
		for (k = 0; k < f->sets[i].n; k++) {
			double p[2] = { f->sets[i].x[k], f->sets[i].y[k] };
			fig_mark_point(f, p, (uint32_t)f->sets[i].glyph,
				       f->opt.color ? f->sets[i].color : PLOT_DEFAULT);
		}
	}
	for (i = 0; fig_has(f, PLOT_OV_CRITICAL) && i < f->ncp; i++) {
		double p[2] = { f->cp[i].x[0], f->n == 2 ? f->cp[i].x[1] : f->cp[i].f };
		fig_mark_point(f, p, fig_cp_glyph(f->cp[i].kind), PLOT_DEFAULT);
	}
	for (i = 0; f->chord && i < 2; i++) {
		double p[2] = { f->chord_x[i], 0 };
		objective_eval_point(f->o, f->chord_x + i, &p[1], NULL, NULL);
		fig_mark_point(f, p, i ? 'B' : 'A', f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
	}
	for (i = 0; i < f->nmarks; i++) {
		double p[2] = { f->marks[i].x[0], f->marks[i].x[1] };
		if (f->n == 1)
			objective_eval_point(f->o, f->marks[i].x, &p[1], NULL, NULL);
		fig_mark_point(f, p, (uint32_t)f->marks[i].glyph, PLOT_DEFAULT);
	}
	for (t = 0; t < PLOT_MAX_TRAJ; t++) {
		struct plot_traj *tr = &f->traj[t];
		if (!tr->used)
			continue;
		if (tr->startcx >= 0)
			plot_mark(f->c, tr->startcx, tr->startcy, 'S', plot_traj_color[t], PLOT_BOLD);
		if (tr->lastcx >= 0)
			plot_mark(f->c, tr->lastcx, tr->lastcy, '@', plot_traj_color[t], PLOT_BOLD);
		else if (tr->outcx >= 0)
			plot_mark(f->c, tr->outcx, tr->outcy, tr->outglyph, plot_traj_color[t],
				  PLOT_BOLD);
	}
}

/* A level with three significant digits, without an exponent below 1e6. */
static void
level_label(double v, char *buf, size_t size)
{
	if (fabs(v) >= 1000 && fabs(v) < 1e6) {
		double p = pow(10, floor(log10(fabs(v))) - 2);
		snprintf(buf, size, "%.0f", round(v / p) * p);
	} else {
		snprintf(buf, size, "%.3g", v);
	}
}

/* Writes text on the legend row y, clearing it first, cut to the width. */
static void
legend_row(struct plot_fig *f, int y, char *text)
{
	int i;

	plot_text_cut(text, f->opt.width);
	for (i = 0; i < f->opt.width; i++)
		plot_unmark(f->c, i, y);
	plot_text(f->c, 0, y, text, PLOT_DEFAULT, 0);
}

void
fig_draw_legend(struct plot_fig *f)
{
	static const char *const names[] = {
		/* TRANSLATORS: legend keys: a critical point's glyph and kind */
		N_("o min"), N_("^ max"), N_("x saddle"), N_("? degenerate"),
	};
	char buf[512], part[96], lv[24];
	int i, t, kinds[4] = { 0, 0, 0, 0 }, glyph_at[PLOT_MAX_TRAJ], signs_at = -1, rose_at = 0;
	size_t len = 0;

	for (t = 0; t < PLOT_MAX_TRAJ; t++)
		glyph_at[t] = -1;
	int row = f->opt.height - legend_rows(f);

	if (fig_has(f, PLOT_OV_CONTOURS)) {
		/* TRANSLATORS: a legend row, followed by the contour levels */
		len = snprintf(buf, sizeof buf, "%s", f->kind == PLOT_LEVELS_LOG ?
			       _("contours (log) at") : _("contours at"));
		for (i = 0; i < f->nlevels && len < 200; i++) {
			level_label(f->levels[i], lv, sizeof lv);
			len += snprintf(buf + len, sizeof buf - len, " %s", lv);
		}
		legend_row(f, row++, buf);
		len = 0;
	}
	if (overlay_rows(f) > 0) {
		int start[3], rows = overlay_wrap(f, start, overlay_rows(f)), r;
		for (r = 0; r < overlay_rows(f); r++) {
			int n = r < rows ? start[r + 1] - start[r] : 0;
			snprintf(buf, sizeof buf, "%.*s", n, f->overlay + start[r]);
			while (n > 0 && buf[n - 1] == ' ')
				buf[--n] = '\0';
			legend_row(f, row + r, buf);
			/* in colour the fills are solid: each glyph on its colour,
			 * in the column of its byte */
			for (i = 0; f->opt.color && r < rows && i < f->nswatch; i++)
				if (f->swatch_at[i] >= start[r] && f->swatch_at[i] < start[r] + n)
					plot_shade(f->c, (int)utf8_columns(f->overlay + start[r],
									   (size_t)(f->swatch_at[i] -
										    start[r])),
						   row + r, 1, f->swatch_color[i]);
		}
		row += overlay_rows(f);
	}
	buf[0] = '\0';
	if (f->n == 1 && f->clipped)
		len += snprintf(buf + len, sizeof buf - len, "%s",
				_("f clipped to the range shown"));
	for (i = 0; fig_has(f, PLOT_OV_CRITICAL) && i < f->ncp; i++)
		kinds[f->cp[i].kind] = 1;
	for (i = 0; i < 4; i++)
		if (kinds[i])
			len += snprintf(buf + len, sizeof buf - len, "%s%s", len ? "  " : "",
					_(names[i]));
	if (f->chord)
		len += snprintf(buf + len, sizeof buf - len, "%s%s", len ? "  " : "",
				_("A-B chord"));
	if (f->tangent_drawn) {
		/* the '+' where the tangent touches, and the line through it */
		char at[24];
		snprintf(at, sizeof at, "%.4g", f->opt.tangent_x);
		len += snprintf(buf + len, sizeof buf - len, "%s", len ? "  " : "");
		/* TRANSLATORS: a legend: the tangent touches the curve at x = 1.5 */
		len += snprintf(buf + len, sizeof buf - len, _("+ tangent at %s = %s"),
				objective_param(f->o, 0), at);
	}
	for (i = 0; i < f->nsets && len < sizeof buf - 64; i++)
		len += snprintf(buf + len, sizeof buf - len, "%s%c %s", len ? "  " : "",
				f->sets[i].glyph, f->sets[i].label);
	for (i = 0; i < f->nmarks; i++) {
		int runs = 0;
		for (t = 0; t < PLOT_MAX_TRAJ; t++)
			runs |= f->traj[t].used;
		/* a lesson may give the label in English or translated */
		if (runs && (strcmp(f->marks[i].label, "start") == 0 ||
			     strcmp(f->marks[i].label, _("start")) == 0))
			continue;       /* the runs' key says "S start" */
		len += snprintf(buf + len, sizeof buf - len, "%s%c %s", len ? "  " : "",
				f->marks[i].glyph, f->marks[i].label);
	}
	for (t = 0; t < PLOT_MAX_TRAJ && len < sizeof buf - 64; t++) {
		if (!f->traj[t].used)
			continue;
		/* each run's own glyph, in its colour below (its trail's) */
		snprintf(part, sizeof part, "%s%c %s", len ? "  " : "", plot_traj_glyph[t],
			 f->traj[t].label);
		len += snprintf(buf + len, sizeof buf - len, "%s", part);
		glyph_at[t] = (int)len - (int)strlen(f->traj[t].label) - 2;
	}
	for (t = 0; t < PLOT_MAX_TRAJ; t++)
		if (f->traj[t].used) {
			/* the key to S and @, when there is room for it: the runs'
			 * own names come first */
			/* TRANSLATORS: legend keys: S marks where a run starts, @ where it is */
			snprintf(part, sizeof part, "  S %s  @ %s", _("start"), _("end"));
			if (plot_text_width(buf) + plot_text_width(part) <= f->opt.width)
				len += snprintf(buf + len, sizeof buf - len, "%s", part);
			/* TRANSLATORS: legend keys: + marks a step where f fell, x one
			 * where it rose */
			snprintf(part, sizeof part, "  + %s  x %s", _("f fell"), _("f rose"));
			if (f->opt.step_signs &&
			    plot_text_width(buf) + plot_text_width(part) <= f->opt.width) {
				signs_at = (int)len + 2;
				rose_at = 4 + plot_text_width(_("f fell"));
				len += snprintf(buf + len, sizeof buf - len, "%s", part);
			}
			break;
		}
	for (t = 0; t < PLOT_MAX_TRAJ; t++)
		if (f->traj[t].used && f->traj[t].lastcx < 0 && f->traj[t].outcx >= 0) {
			/* and to the arrow of a run that left the view */
			snprintf(part, sizeof part, "  ");
			/* TRANSLATORS: a legend key: %s is the arrow where a run left the plot */
			snprintf(part + 2, sizeof part - 2, _("%s left view"), f->traj[t].outtext);
			if (plot_text_width(buf) + plot_text_width(part) + 4 <= f->opt.width)
				len += snprintf(buf + len, sizeof buf - len, "%s", part);
			break;
		}
	legend_row(f, f->opt.height - 1, buf);
	/* the glyphs in the runs' colours; a column is a byte of buf up to
	 * there, which counts code points when the labels before are ASCII */
	for (t = 0; f->opt.color && t < PLOT_MAX_TRAJ; t++) {
		int col = 0, k;
		if (glyph_at[t] < 0 || glyph_at[t] >= f->opt.width)
			continue;
		for (k = 0; k < glyph_at[t]; k++)
			col += ((unsigned char)buf[k] & 0xc0) != 0x80;
		plot_mark(f->c, col, f->opt.height - 1, (uint32_t)plot_traj_glyph[t],
			  plot_traj_color[t], PLOT_BOLD);
	}
	if (f->opt.color && signs_at >= 0) {
		int col = 0, k;
		for (k = 0; k < signs_at; k++)
			col += ((unsigned char)buf[k] & 0xc0) != 0x80;
		plot_mark(f->c, col, f->opt.height - 1, '+', PLOT_GREEN, PLOT_BOLD);
		plot_mark(f->c, col + rose_at, f->opt.height - 1, 'x', PLOT_RED, PLOT_BOLD);
	}
}

struct plot_fig *
plot_fig_new(struct objective *o, const struct plot_opts *opts, const char *title,
	     struct diag *err)
{
	struct plot_fig *f;
	int n = objective_dim(o), gutter, t;

	if (n < 1 || n > 2) {
		diag_set(err, NULL, 0, 0, "a plot shows a function of 1 or 2 variables, "
			 "not %d", n);
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->o = o;
	f->opt = *opts;
	f->opt.overlays = plot_overlays(opts->overlays, n, opts->color);
	f->n = n;
	if (f->opt.width < 20)
		f->opt.width = 20;
	if (f->opt.height < 8)
		f->opt.height = 8;
	f->c = plot_canvas_new(f->opt.width, f->opt.height, f->opt.enc);
	f->dx = plot_dots_x(f->c);
	f->dy = plot_dots_y(f->c);
	for (t = 0; t < PLOT_MAX_TRAJ; t++) {
		f->traj[t].lastcx = f->traj[t].startcx = f->traj[t].outcx = -1;
		f->traj[t].left = -1;
	}
	f->x0 = opts->x0;
	f->x1 = opts->x1;
	if (!(f->x1 > f->x0)) {
		f->x0 = -5;
		f->x1 = 5;
		if (n == 1)
			fig_zoom_to_critical(f);
	}
	f->y0 = opts->y0;
	f->y1 = opts->y1;
	if (n == 2 && !(f->y1 > f->y0)) {
		f->y0 = -5;
		f->y1 = 5;
	}
	snprintf(f->title, sizeof f->title, "%s", title ? title : "");

	/* the y range decides the gutter, which decides the area: in 1D the
	 * range comes from the samples, so lay out once with a guess */
	layout(f, 8);
	if (n == 1) {
		if (!(f->y1 > f->y0)) {
			/* a first sampling for the range */
			if (draw_curve(f, 1) < 0) {
				f->y0 = -1;
				f->y1 = 1;
			}
			plot_canvas_clear(f->c);
		}
		gutter = y_label_width(f) + 2;
		layout(f, gutter);
		draw_curve(f, 0);
	} else {
		gutter = y_label_width(f) + 2;
		layout(f, gutter);
		if (opts->aspect) {
			/* units per dot equal in x and y: a braille dot is square,
			 * a cell is 1 wide and 2 tall */
			double ux = (f->x1 - f->x0) / f->aw, uy = (f->y1 - f->y0) / (2.0 * f->ah);
			if (ux < uy) {
				double c = (f->x0 + f->x1) / 2, h = uy * f->aw / 2;
				f->x0 = c - h;
				f->x1 = c + h;
			} else if (uy < ux) {
				double c = (f->y0 + f->y1) / 2, h = ux * 2.0 * f->ah / 2;
				f->y0 = c - h;
				f->y1 = c + h;
				gutter = y_label_width(f) + 2;
				layout(f, gutter);
			}
		}
		if (fig_has(f, PLOT_OV_CONTOURS | PLOT_OV_SHADE))
			draw_contours(f);
	}
	plot_canvas_set_area(f->c, f->ax, f->ay, f->aw, f->ah);
	plot_canvas_set_braille_blank(f->c, opts->braille_blank);
	if (fig_has(f, PLOT_OV_CRITICAL | PLOT_OV_BASINS)) {
		struct region r = { n, { f->x0, f->y0 }, { f->x1, f->y1 } };
		struct cp_search s;
		f->ncp = analysis_critical_search(o, &r, NULL, &s);
		f->cp = s.cp;
		if (f->ncp < 0)
			f->ncp = 0;
	}
	if (fig_has(f, PLOT_OV_TANGENT)) {
		/* y = f(a) + f'(a) (x - a), under the curve */
		double fa, ga;
		objective_eval_point(o, &opts->tangent_x, &fa, &ga, NULL);
		if (isfinite(fa) && isfinite(ga)) {
			double ya = fa + ga * (f->x0 - opts->tangent_x);
			double yb = fa + ga * (f->x1 - opts->tangent_x);
			double p[2] = { opts->tangent_x, fa };
			fig_line(f, PLOT_LAYER_CONTOUR, 0, fig_clampi(fig_to_dot_y(f, ya)),
				 f->aw * f->dx - 1, fig_clampi(fig_to_dot_y(f, yb)),
				 f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
			fig_mark_point(f, p, '+', f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
			f->tangent_drawn = 1;
		}
	}
	if (fig_has(f, PLOT_OV_BASINS))
		fig_draw_basins(f);
	else if (fig_has(f, PLOT_OV_CONVEXITY))
		fig_draw_convexity(f);
	if (f->opt.title && f->title[0] != '\0') {
		char cap[512];
		snprintf(cap, sizeof cap, "%s", f->title);
		plot_text_cut(cap, f->opt.width);
		plot_text(f->c, 0, 0, cap, PLOT_DEFAULT, PLOT_BOLD);
	}
	draw_axes(f);
	fig_draw_markers(f);
	fig_draw_legend(f);
	return f;
}

void
plot_fig_chord(struct plot_fig *f, double a, double b)
{
	double fa, fb;

	if (f->n != 1 || f->chord)
		return;
	objective_eval_point(f->o, &a, &fa, NULL, NULL);
	objective_eval_point(f->o, &b, &fb, NULL, NULL);
	if (!isfinite(fa) || !isfinite(fb))
		return;
	fig_line(f, PLOT_LAYER_CONTOUR, fig_clampi(fig_to_dot_x(f, a)),
		 fig_clampi(fig_to_dot_y(f, fa)), fig_clampi(fig_to_dot_x(f, b)),
		 fig_clampi(fig_to_dot_y(f, fb)), f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
	f->chord = 1;
	f->chord_x[0] = a;
	f->chord_x[1] = b;
	fig_draw_markers(f);
	fig_draw_legend(f);
}

void
plot_fig_marker(struct plot_fig *f, const double *x, char glyph, const char *label)
{
	int i;

	/* the same marker again (a view redrawn on the same figure): once */
	for (i = 0; i < f->nmarks; i++)
		if (f->marks[i].glyph == glyph && f->marks[i].x[0] == x[0] &&
		    (f->n == 1 || f->marks[i].x[1] == x[1]))
			return;
	if (f->nmarks >= PLOT_MAX_MARKS || glyph < '!' || glyph > '~')
		return;
	f->marks[f->nmarks].x[0] = x[0];
	f->marks[f->nmarks].x[1] = f->n == 2 ? x[1] : 0;
	f->marks[f->nmarks].glyph = glyph;
	snprintf(f->marks[f->nmarks].label, sizeof f->marks[f->nmarks].label, "%s", label);
	f->nmarks++;
	fig_draw_markers(f);
	fig_draw_legend(f);
}

void
plot_fig_points(struct plot_fig *f, const double *x, const double *y, size_t n, char glyph,
		uint8_t color, const char *label)
{
	int i = f->nsets;

	if (i >= PLOT_MAX_SETS || glyph < '!' || glyph > '~')
		return;
	f->sets[i].x = xmalloc((n ? n : 1) * sizeof *f->sets[i].x);
	f->sets[i].y = xmalloc((n ? n : 1) * sizeof *f->sets[i].y);
	memcpy(f->sets[i].x, x, n * sizeof *x);
	memcpy(f->sets[i].y, y, n * sizeof *y);
	f->sets[i].n = n;
	f->sets[i].glyph = glyph;
	f->sets[i].color = color;
	snprintf(f->sets[i].label, sizeof f->sets[i].label, "%s", label);
	f->nsets++;
	fig_draw_markers(f);
	fig_draw_legend(f);
}

void
plot_fig_free(struct plot_fig *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nsets; i++) {
		free(f->sets[i].x);
		free(f->sets[i].y);
	}
	plot_canvas_free(f->c);
	free(f->cp);
	free(f);
}

