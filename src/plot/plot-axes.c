/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-axes.c - the axes of a figure: nice ticks on both, labels in the
 * gutters (never over the plot area), and a logarithmic y axis for
 * series that span decades (ticks at powers of ten, with 2 and 5 between
 * them when fewer than three decades show).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot-int.h"

/* A power of ten's label: "0.001", "1", "1000", "1e+06". */
static void
log_label(double e, char *buf, size_t size)
{
	double v = pow(10, e);

	if (fabs(e) < 4)
		snprintf(buf, size, "%.4g", v);
	else
		snprintf(buf, size, "%.0e", v);
}

int
plot_axis_ticks(double lo, double hi, int max, int log, double *ticks, char labels[][24])
{
	int n = 0, i;
	double step;

	if (max > PLOT_MAX_TICKS)
		max = PLOT_MAX_TICKS;
	if (log) {
		double e, every = ceil((floor(hi + 1e-9) - ceil(lo - 1e-9) + 1) / max);
		/* every k-th power of ten, k chosen so that they fit */
		if (every < 1)
			every = 1;
		for (e = ceil(ceil(lo - 1e-9) / every) * every; e <= hi + 1e-9 && n < max;
		     e += every)
			ticks[n++] = e;
		if (n < 3) {
			/* a decade or two: 1, 2, 5 times the powers of ten */
			static const double sub[3] = { 0, 0.30102999566398120, 0.69897000433601886 };
			n = 0;
			for (e = floor(lo) ; e <= hi && n < max; e++)
				for (i = 0; i < 3 && n < max; i++)
					if (e + sub[i] >= lo - 1e-9 && e + sub[i] <= hi + 1e-9)
						ticks[n++] = e + sub[i];
		}
		for (i = 0; i < n; i++)
			log_label(ticks[i], labels[i], 24);
	} else {
		n = plot_ticks(lo, hi, 3, max, ticks, &step);
		for (i = 0; i < n; i++)
			plot_tick_label(ticks[i], step, labels[i], 24);
	}
	return n;
}

int
plot_y_ticks(double y0, double y1, int ah, int logy, double *ticks, char labels[][24],
	     int *width)
{
	int n = plot_axis_ticks(y0, y1, ah / 2 > 3 ? ah / 2 : 3, logy, ticks, labels), i;

	*width = 1;
	for (i = 0; i < n; i++)
		if ((int)strlen(labels[i]) > *width)
			*width = (int)strlen(labels[i]);
	return n;
}

/*
 * The cell of v among n cells spanning lo..hi: n - 1 at most, -1 when v is
 * below lo or NaN.  Works in double, since a tick may lie far outside a
 * range that is tiny next to its values (f = x - 2 + -x is -2 give or
 * take rounding) and would overflow an int.
 */
static int
tick_cell(double v, double lo, double hi, int n)
{
	double k = floor((v - lo) / (hi - lo) * n + 1e-3);

	if (!(k >= 0))
		return -1;
	return k >= n ? n - 1 : (int)k;
}

void
plot_axes_draw(const struct plot_frame *fr)
{
	double ticks[PLOT_MAX_TICKS], xt[PLOT_MAX_TICKS];
	char labels[PLOT_MAX_TICKS][24], xl[PLOT_MAX_TICKS][24];
	int nt, i, w, row, col, maxw = 1, mt;
	struct plot_canvas *c = fr->c;

	nt = fr->ylabels != NULL ? 0 : plot_y_ticks(fr->y0, fr->y1, fr->ah, fr->logy, ticks,
						      labels, &w);
	/* the y axis, with '+' at the ticks */
	for (row = fr->ay; row < fr->ay + fr->ah; row++)
		plot_text(c, fr->ax - 1, row, "|", PLOT_DEFAULT, PLOT_DIM);
	for (i = 0; fr->ylabels != NULL && i < fr->nylabels; i++) {
		/* category i (bottom up) in the middle of its band of rows */
		row = fr->ay + fr->ah - 1 - (int)((i + 0.5) * fr->ah / fr->nylabels);
		plot_mark(c, fr->ax - 1, row, '+', PLOT_DEFAULT, PLOT_DIM);
		plot_text(c, fr->ax - 1 - (int)strlen(fr->ylabels[i]), row, fr->ylabels[i],
			  PLOT_DEFAULT, 0);
	}
	for (i = 0; i < nt; i++) {
		/* rows count down from y1 */
		row = tick_cell(-ticks[i], -fr->y1, -fr->y0, fr->ah);
		if (row < 0)
			continue;
		row += fr->ay;
		plot_mark(c, fr->ax - 1, row, '+', PLOT_DEFAULT, PLOT_DIM);
		plot_text(c, fr->ax - 1 - (int)strlen(labels[i]), row, labels[i], PLOT_DEFAULT, 0);
	}
	/* the x axis and its labels, as many as fit with two blanks between */
	row = fr->ay + fr->ah;
	for (col = fr->ax - 1; col < fr->ax + fr->aw; col++)
		plot_text(c, col, row, "-", PLOT_DEFAULT, PLOT_DIM);
	plot_mark(c, fr->ax - 1, row, '+', PLOT_DEFAULT, PLOT_DIM);
	nt = plot_axis_ticks(fr->x0, fr->x1, PLOT_MAX_TICKS, fr->logx, xt, xl);
	for (i = 0; i < nt; i++)
		if ((int)strlen(xl[i]) > maxw)
			maxw = (int)strlen(xl[i]);
	mt = fr->aw / (maxw + 2);
	if (mt < 3)
		mt = 3;
	nt = plot_axis_ticks(fr->x0, fr->x1, mt, fr->logx, xt, xl);
	for (i = 0; i < nt; i++) {
		int len = (int)strlen(xl[i]);
		col = fr->ax + tick_cell(xt[i], fr->x0, fr->x1, fr->aw);
		plot_mark(c, col, row, '+', PLOT_DEFAULT, PLOT_DIM);
		col -= len / 2;
		if (col + len > fr->width)
			col = fr->width - len;
		plot_text(c, col, row + 1, xl[i], PLOT_DEFAULT, 0);
	}
}
