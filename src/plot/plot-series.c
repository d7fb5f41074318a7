/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-series.c - series against the step: a loss curve, |grad|, the
 * learning rate of a schedule.  A loss that falls over decades reads
 * best on a logarithmic axis, which is chosen automatically.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "plot-int.h"

#define MAX_SERIES 8

static const uint8_t series_color[MAX_SERIES] = {
	PLOT_DEFAULT, PLOT_CYAN, PLOT_YELLOW, PLOT_MAGENTA, PLOT_GREEN, PLOT_BLUE,
	PLOT_RED, PLOT_GREY,
};
static const char series_glyph[MAX_SERIES] = { '.', '*', '&', '$', '~', '!', '"', ';' };

/* Whether a log axis suits the values: all positive, over three decades. */
static int
auto_log(const struct plot_series *s, int ns)
{
	double lo = INFINITY, hi = 0;
	size_t i;
	int k;

	for (k = 0; k < ns; k++)
		for (i = 0; i < s[k].n; i++) {
			double v = s[k].v[i];
			if (!isfinite(v))
				continue;
			if (v <= 0)
				return 0;
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	return hi > 0 && lo < INFINITY && hi / lo > 1e3;
}

/* The least of 1, 2 and 5 times a power of ten that is v or more (v > 0). */
static double
round_up(double v)
{
	double p = pow(10, floor(log10(v)));

	return v <= p * (1 + 1e-12) ? p : v <= 2 * p * (1 + 1e-12) ? 2 * p :
	       v <= 5 * p * (1 + 1e-12) ? 5 * p : 10 * p;
}

struct plot_canvas *
plot_series(const struct plot_opts *o, const struct plot_series *s, int ns, int log,
	    const char *title)
{
	struct plot_canvas *c = plot_canvas_new(o->width, o->height, o->enc);
	struct plot_frame fr;
	size_t total = 0, longest = 1, i, m = 0;
	double *all, lo, hi, pad;
	int k, dx = plot_dots_x(c), dy = plot_dots_y(c), top = o->title && title ? 1 : 0;
	int clipped, w, glyphs = o->enc == PLOT_ENC_ASCII || !o->color;
	double ticks[PLOT_MAX_TICKS];
	char labels[PLOT_MAX_TICKS][24], legend[512];
	int key_at[MAX_SERIES];
	size_t len = 0;

	if (ns > MAX_SERIES)
		ns = MAX_SERIES;
	if (log < 0)
		log = auto_log(s, ns);
	for (k = 0; k < ns; k++) {
		total += s[k].n;
		if (s[k].n > longest)
			longest = s[k].n;
	}
	all = xmalloc((total ? total : 1) * sizeof *all);
	for (k = 0; k < ns; k++)
		for (i = 0; i < s[k].n; i++) {
			double v = s[k].v[i];
			all[m++] = log ? (v > 0 ? log10(v) : NAN) : v;
		}
	if (plot_value_range(all, m, &lo, &hi, &clipped) < 0) {
		lo = 0;
		hi = 1;
	}
	free(all);
	pad = (hi - lo) * 0.05;
	memset(&fr, 0, sizeof fr);
	fr.c = c;
	fr.x0 = 0;
	fr.x1 = longest > 1 ? (double)(longest - 1) : 1;
	if (o->steady) {
		/* a curve that grows step by step: the steps up to 10, 20, 50,
		 * 100..., whole decades in log scale, else round steps of a
		 * quarter of the range, so that the frame (and all that is
		 * drawn on it) changes now and then, not at every step */
		fr.x1 = round_up(fr.x1 < 10 ? 10 : fr.x1);
		if (log) {
			lo = floor(lo);
			hi = ceil(hi) > floor(lo) ? ceil(hi) : floor(lo) + 1;
		} else {
			double q = round_up((hi - lo) / 4 > 0 ? (hi - lo) / 4 : 1);
			lo = floor(lo / q) * q;
			hi = ceil(hi / q) * q;
			if (!(hi > lo))
				hi = lo + q;
		}
		pad = 0;
	}
	fr.y0 = lo - pad;
	fr.y1 = hi + pad;
	fr.logy = log;
	fr.width = o->width;
	fr.ay = top;
	fr.ah = o->height - top - 3;
	if (fr.ah < 2)
		fr.ah = 2;
	plot_y_ticks(fr.y0, fr.y1, fr.ah, log, ticks, labels, &w);
	fr.ax = w + 2;
	fr.aw = o->width - fr.ax - 1;
	if (fr.aw < 4)
		fr.aw = 4;
	plot_canvas_set_area(c, fr.ax, fr.ay, fr.aw, fr.ah);

	for (k = 0; k < ns; k++) {
		int px = 0, py = 0, have = 0;
		enum plot_layer layer = k == 0 ? PLOT_LAYER_CURVE : PLOT_LAYER_TRAJ;
		uint8_t color = !o->color ? PLOT_DEFAULT : s[k].color ? s[k].color : series_color[k];
		/* a series with its own glyph (a racer's) is drawn in it, first or not */
		int mark = glyphs && (k > 0 || s[k].glyph != 0);
		uint32_t glyph = (uint32_t)(s[k].glyph ? s[k].glyph : series_glyph[k]);
		for (i = 0; i < s[k].n; i++) {
			double v = s[k].v[i], y = log ? (v > 0 ? log10(v) : NAN) : v;
			double fx = (double)i / (fr.x1 - fr.x0) * (fr.aw * dx);
			double fy = (fr.y1 - y) / (fr.y1 - fr.y0) * (fr.ah * dy);
			int x, yy;
			if (!isfinite(fy)) {
				have = 0;
				continue;
			}
			/* clipped values sit on the area's edge */
			x = (int)floor(fmin(fx, fr.aw * dx - 1));
			yy = (int)floor(fmax(fmin(fy, fr.ah * dy - 1), 0));
			if (mark) {
				int cx = fr.ax + x / dx, cy = fr.ay + yy / dy;
				if (cy >= fr.ay && cy < fr.ay + fr.ah)
					plot_mark(c, cx, cy, glyph, color, 0);
			} else if (have) {
				plot_line(c, layer, fr.ax * dx + px, fr.ay * dy + py,
					  fr.ax * dx + x, fr.ay * dy + yy, color);
			} else {
				plot_dot(c, layer, fr.ax * dx + x, fr.ay * dy + yy, color);
			}
			px = x;
			py = yy;
			have = 1;
		}
	}
	plot_axes_draw(&fr);
	if (top) {
		char cap[512];
		snprintf(cap, sizeof cap, "%s", title);
		plot_text_cut(cap, o->width);
		plot_text(c, 0, 0, cap, PLOT_DEFAULT, PLOT_BOLD);
	}
	for (k = 0; k < ns && len < sizeof legend - 64; k++) {
		char g = s[k].glyph ? s[k].glyph : k == 0 || !glyphs ? '-' : series_glyph[k];
		key_at[k] = s[k].glyph && o->color ?
			    (int)utf8_columns(legend, len) + (k ? 2 : 0) : -1;
		len += snprintf(legend + len, sizeof legend - len, "%s%c %s", k ? "  " : "", g,
				s[k].name);
	}
	if (log && len < sizeof legend - 32)
		len += snprintf(legend + len, sizeof legend - len, "  %s", _("(log scale)"));
	/* TRANSLATORS: a legend: the values beyond the plot are cut off */
	if (clipped && len < sizeof legend - 32)
		snprintf(legend + len, sizeof legend - len, "  %s", _("(clipped)"));
	plot_text_cut(legend, o->width);
	plot_text(c, 0, o->height - 1, legend, PLOT_DEFAULT, 0);
	for (k = 0; k < ns; k++)        /* a racer's glyph in its colour */
		if (key_at[k] >= 0 && key_at[k] < o->width)
			plot_mark(c, key_at[k], o->height - 1, (uint32_t)s[k].glyph, s[k].color,
				  PLOT_BOLD);
	return c;
}
