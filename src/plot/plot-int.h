/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-int.h - what the files of the plot module share: the frame of a
 * figure (its plot area on the canvas and the data ranges), and the axes
 * drawn around it.
 */
#ifndef DESCENT_PLOT_INT_H
#define DESCENT_PLOT_INT_H

#include "descent/plot.h"

#define PLOT_MAX_TICKS 64

struct plot_frame {
	struct plot_canvas *c;
	int ax, ay, aw, ah;     /* the plot area, in cells */
	double x0, x1, y0, y1;  /* the data shown (y in log10 when logy) */
	int logy;
	int width;              /* of the whole figure */
};

/*
 * The ticks and labels of the y axis for an area ah rows tall; returns
 * their number, and the width of the widest label in *width.
 */
int plot_y_ticks(double y0, double y1, int ah, int logy, double *ticks,
		 char labels[][24], int *width);
/*
 * Draws the axes of fr: the y axis in the column left of the area, with
 * '+' at the ticks and their labels right-aligned before it; the x axis in
 * the row below the area, with its labels in the next row.
 */
void plot_axes_draw(const struct plot_frame *fr);

#endif
