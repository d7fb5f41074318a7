/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-int.h - what the files of the plot module share: the frame of a
 * figure (its plot area on the canvas and the data ranges), the axes
 * drawn around it, and a figure itself, which three files draw: its
 * background, axes and legend (plot-fig.c), its overlays of the analysis
 * (plot-overlay.c) and the runs over it (plot-traj.c).
 */
#ifndef DESCENT_PLOT_INT_H
#define DESCENT_PLOT_INT_H

#include "descent/analysis.h"
#include "descent/plot.h"

#define PLOT_MAX_TICKS 64

struct plot_frame {
	struct plot_canvas *c;
	int ax, ay, aw, ah;     /* the plot area, in cells */
	double x0, x1, y0, y1;  /* the data shown (y in log10 when logy) */
	int logy;
	int width;              /* of the whole figure */
	int logx;               /* x in log10 too (a map's learning rates) */
	/* rows of categories (a map's batch sizes): their labels, bottom up,
	 * instead of the y axis's numbers (NULL: numbers) */
	const char *const *ylabels;
	int nylabels;
};

/*
 * The ticks and labels of the y axis for an area ah rows tall; returns
 * their number, and the width of the widest label in *width.
 */
int plot_y_ticks(double y0, double y1, int ah, int logy, double *ticks,
		 char labels[][24], int *width);
/*
 * The ticks and labels of an axis from lo to hi (log10 of the values
 * when log), at most max of them; returns their number.
 */
int plot_axis_ticks(double lo, double hi, int max, int log, double *ticks,
		    char labels[][24]);
/*
 * Draws the axes of fr: the y axis in the column left of the area, with
 * '+' at the ticks and their labels right-aligned before it; the x axis in
 * the row below the area, with its labels in the next row.
 */
void plot_axes_draw(const struct plot_frame *fr);

/*
 * The bytes that the first cols columns of the UTF-8 text s take (one
 * column a code point), or all of s when it is shorter; and s cut to
 * width columns, at a character's boundary, for a legend or a title
 * whose translation has accents (plot-canvas.c).
 */
size_t plot_text_bytes(const char *s, int cols);
void plot_text_cut(char *s, int width);
/* The columns of the UTF-8 text s. */
int plot_text_width(const char *s);

/*
 * Liang-Barsky: clips the segment to [0, xmax] x [0, ymax] in place and
 * returns 0 when nothing of it is left (plot-canvas.c).
 */
int plot_clip_segment(double *x0, double *y0, double *x1, double *y1, double xmax,
		      double ymax);

/* --- a figure (plot-fig.c, plot-overlay.c, plot-traj.c) --------------- */

#define PLOT_MAX_TRAJ 8
#define PLOT_MAX_LEVELS 16

struct plot_traj {
	size_t drawn;           /* points drawn so far */
	double last[2];         /* the last point, in data */
	double lastf;           /* f there (step signs) */
	uint32_t trail_glyph;   /* the glyph and colour of its last segment */
	uint8_t trail_color;
	int arrow[4];           /* the arrow drawn from it, in dots; [0] < 0: none */
	int lastdx, lastdy;     /* the last point, in dots */
	int lastcx, lastcy;     /* its cell (the '@' marker), -1 none */
	int startcx, startcy;
	int outcx, outcy;       /* where it left the area (the arrow), -1 none */
	uint32_t outglyph;      /* the arrow: the way it went */
	const char *outtext;    /* the same, as text for the legend */
	long left;              /* the step it left at, -1 while in view */
	char label[48];
	int used;
};

struct plot_fig {
	struct objective *o;
	struct plot_opts opt;
	int n;
	struct plot_canvas *c;
	int ax, ay, aw, ah;     /* the plot area, in cells */
	int dx, dy;             /* dots per cell */
	double x0, x1, y0, y1;  /* the data shown */
	int clipped;            /* 1D: values cut off */
	double levels[PLOT_MAX_LEVELS];
	int nlevels;
	enum plot_levels kind;
	struct critical_point *cp;      /* all the search found */
	int ncp;
	struct plot_traj traj[PLOT_MAX_TRAJ];
	struct {
		double x[2];
		char glyph;
		char label[24];
	} marks[PLOT_MAX_MARKS];
	int nmarks;
	struct {                /* point sets (plot_fig_points): data on the plot */
		double *x, *y;
		size_t n;
		char glyph;
		uint8_t color;
		char label[32];
	} sets[PLOT_MAX_SETS];
	int nsets;
	int tangent_drawn;      /* the tangent overlay, keyed in the legend */
	int chord;              /* 1D: a chord drawn, keyed in the legend */
	double chord_x[2];      /*   between these x */
	char title[256];
	char overlay[256];      /* the overlay's legend */
	/* its swatches: the byte of each glyph in overlay, and the shade it
	 * stands for, drawn under it in colour (where the plot is solid) */
	int nswatch;
	int swatch_at[12];
	uint8_t swatch_color[12];
};

/* Each run's glyph (in ASCII or without colour) and colour. */
extern const char plot_traj_glyph[PLOT_MAX_TRAJ];
extern const uint8_t plot_traj_color[PLOT_MAX_TRAJ];

/* Data to dots of the area (fractional), x right and y down. */
double fig_to_dot_x(const struct plot_fig *f, double x);
double fig_to_dot_y(const struct plot_fig *f, double y);
/* A dot coordinate in int range (see plot-fig.c for the rounding). */
int fig_clampi(double v);
/* Whether the figure draws overlay ov. */
int fig_has(const struct plot_fig *f, unsigned ov);
/* A line between dots of the area, clipped to it. */
void fig_line(struct plot_fig *f, enum plot_layer layer, int x0, int y0, int x1, int y1,
	      uint8_t color);
/* A glyph on the cell of the data point x, when it is in the area. */
void fig_mark_point(struct plot_fig *f, const double *x, uint32_t glyph, uint8_t color);
/*
 * The convexity that the figure shades (fig_draw_convexity): the grid of
 * the plot area's cells, at their centres (r, filled here).  Returns
 * analysis_convexity's result; free cv->sign.
 */
int fig_convexity(struct plot_fig *f, struct region *r, struct convexity *cv);
/* The markers of the critical points and of the runs' starts and ends. */
void fig_draw_markers(struct plot_fig *f);
void fig_draw_legend(struct plot_fig *f);

/* plot-overlay.c */
uint32_t fig_cp_glyph(enum cp_kind k);
void fig_shade_area(struct plot_fig *f, int cx, int cy, int level, uint8_t color);
void fig_draw_basins(struct plot_fig *f);
void fig_draw_convexity(struct plot_fig *f);
/*
 * The columns that the translation of the overlay's legend takes more than
 * the English one (negative: fewer), for the rows it needs.
 */
int fig_overlay_longer(const struct plot_fig *f);
/* 1D without a range: narrows [-5, 5] to the critical points found there. */
void fig_zoom_to_critical(struct plot_fig *f);

/* --- words: a figure in sentences (plot-words.c) ------------------------ */

/*
 * A growing text, of paragraphs a line each; the names of the function
 * and its variables, which a format writes @f, @x and @y.
 */
struct words {
	char *s;
	size_t len, cap;
	char names[3][32];
};
/* Appends fmt, its @f, @x and @y replaced by the names. */
void words_put(struct words *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * A sentence of a paragraph: after a space unless it starts the
 * paragraph, so that a translation has no blank to keep.
 */
void words_say(struct words *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * v with four significant digits into buf, 0 when |v| is below 1e-9 of
 * scale (the size of the figure's values or coordinates: 1e-13 at a
 * minimum is 0), never "-0"; "nan", "inf", "-inf".
 */
const char *words_num(char buf[32], double v, double scale);

#endif
