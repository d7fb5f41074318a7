/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot.h - pictures of functions on a character canvas, for a terminal
 * window or for stdout.  plot knows nothing of ncurses: the canvas is
 * plain memory, and a sink (plot_render_text here, a window in the UI)
 * shows it.
 *
 * The canvas is a grid of cells.  Drawing happens on a finer grid of
 * sub-cell "dots" (2x4 per cell in braille, 1x2 in half blocks, 3x3 in
 * ASCII, where each cell shows the ASCII glyph whose shape best matches
 * its dots), in layers with a fixed priority: shading < contours < curve
 * < trajectories < markers and text.  Nothing overwrites a higher layer,
 * and drawing outside the canvas is clipped silently.
 */
#ifndef DESCENT_PLOT_H
#define DESCENT_PLOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "descent/objective.h"

/* Cell encodings. */
enum plot_enc {
	PLOT_ENC_ASCII,         /* 3x3 dots per cell, shown as - | / \ _ . ' : ... */
	PLOT_ENC_BRAILLE,       /* 2x4 dots per cell, U+2800..U+28FF */
	PLOT_ENC_BLOCKS,        /* 1x2 dots per cell, the half blocks */
};

/* Layers, lowest first. */
enum plot_layer {
	PLOT_LAYER_SHADE,       /* heatmap / region shading, per cell */
	PLOT_LAYER_GRID,        /* axes and the zero lines */
	PLOT_LAYER_CONTOUR,
	PLOT_LAYER_CURVE,
	PLOT_LAYER_TRAJ,
	PLOT_LAYER_ARROW,       /* the gradient arrow at a run's current point */
	PLOT_LAYER_COUNT,       /* dot layers end here; text is above them all */
};

/*
 * Colours: 0 is the terminal's default; 1-8 the ANSI colours (red,
 * green, yellow, blue, magenta, cyan, white, and 8 bright black), and
 * 16-255 the xterm 256-colour cube and greys.
 */
enum {
	PLOT_DEFAULT = 0, PLOT_RED = 1, PLOT_GREEN = 2, PLOT_YELLOW = 3, PLOT_BLUE = 4,
	PLOT_MAGENTA = 5, PLOT_CYAN = 6, PLOT_WHITE = 7, PLOT_GREY = 8,
};

/* Text attributes. */
enum { PLOT_BOLD = 1, PLOT_DIM = 2, PLOT_REVERSE = 4 };

/* What a sink shows in one cell. */
struct plot_cell {
	/* a code point; a wide one (two columns) is followed by a cell of
	 * ch 0, which a sink leaves out: the wide one covers it */
	uint32_t ch;
	uint8_t fg, bg;         /* colours */
	uint8_t attr;
};

struct plot_canvas;

/* A canvas of w x h cells; free with plot_canvas_free. */
struct plot_canvas *plot_canvas_new(int w, int h, enum plot_enc enc);
void plot_canvas_free(struct plot_canvas *c);
/* Clears every layer (or one: plot_canvas_clear_layer). */
void plot_canvas_clear(struct plot_canvas *c);
void plot_canvas_clear_layer(struct plot_canvas *c, enum plot_layer layer);
int plot_canvas_width(const struct plot_canvas *c);
int plot_canvas_height(const struct plot_canvas *c);
enum plot_enc plot_canvas_enc(const struct plot_canvas *c);
/* Dots per cell across and down (2, 4 in braille). */
int plot_dots_x(const struct plot_canvas *c);
int plot_dots_y(const struct plot_canvas *c);
/*
 * The plot area (cells), where the dots are: in braille, its blank cells
 * may show U+2800 instead of a space (off by default), which keeps some
 * terminals' fonts from shifting the dots.
 */
void plot_canvas_set_area(struct plot_canvas *c, int x0, int y0, int w, int h);
void plot_canvas_set_braille_blank(struct plot_canvas *c, int on);

/* Dots: (x, y) in dots, from the top left; outside is clipped. */
void plot_dot(struct plot_canvas *c, enum plot_layer layer, int x, int y, uint8_t color);
/* A line between two dots (Bresenham), clipped to the canvas. */
void plot_line(struct plot_canvas *c, enum plot_layer layer, int x0, int y0, int x1,
	       int y1, uint8_t color);

/* Per-cell shading: level 0 (none) to 9 (darkest), and a colour. */
void plot_shade(struct plot_canvas *c, int cx, int cy, int level, uint8_t color);

/*
 * Text in cells (markers, labels, legends), above every dot layer.
 * plot_text writes s (UTF-8; each code point must be of single width)
 * from cell (cx, cy) when every cell it needs is free of other text, and
 * returns 1; otherwise it writes nothing and returns 0, so labels never
 * overwrite each other silently.  plot_mark writes one glyph, replacing
 * any text there (markers win over labels).
 */
int plot_text(struct plot_canvas *c, int cx, int cy, const char *s, uint8_t fg,
	      uint8_t attr);
void plot_mark(struct plot_canvas *c, int cx, int cy, uint32_t ch, uint8_t fg,
	       uint8_t attr);
/* Removes the text of cell (cx, cy), if any (a marker that moves on). */
void plot_unmark(struct plot_canvas *c, int cx, int cy);

/* What the cell (cx, cy) shows, all layers composed. */
struct plot_cell plot_canvas_cell(const struct plot_canvas *c, int cx, int cy);

/*
 * Writes the canvas as lines of text: UTF-8 (or ASCII for the ASCII
 * encoding, all of whose glyphs are ASCII), trailing blanks trimmed, with
 * ANSI colour escapes when color is 1 (8 colours) or 2 (256 colours).
 */
void plot_render_text(const struct plot_canvas *c, FILE *fp, int color);

/* The best ASCII glyph for a 3x3 mask of dots (bit 3*row + col). */
char plot_ascii_glyph(unsigned mask);

/* --- the mathematics of pictures ----------------------------------- */

/*
 * "Nice" ticks for [lo, hi]: multiples of 1, 2 or 5 times a power of 10,
 * at least min_ticks of them inside the range when it is not empty, and
 * at most max_ticks.  Writes them to ticks (max_ticks) and returns how
 * many; *step receives the spacing.
 */
int plot_ticks(double lo, double hi, int min_ticks, int max_ticks, double *ticks,
	       double *step);
/* A tick's label with just the digits its step needs ("0.5", "1e+06"). */
void plot_tick_label(double v, double step, char *buf, size_t size);

/*
 * The range to show of n sampled values: robust to poles and spikes (the
 * values beyond the 2nd and 98th percentiles are clipped when they would
 * squeeze the rest into less than a fifth of the range), never empty,
 * ignoring non-finite values.
 * *clipped is set when values were cut off.  Returns -1 when no value is
 * finite.
 */
int plot_value_range(const double *v, size_t n, double *lo, double *hi, int *clipped);

/* Contour levels: linear, or logarithmic above the minimum. */
enum plot_levels { PLOT_LEVELS_AUTO, PLOT_LEVELS_LINEAR, PLOT_LEVELS_LOG };
/*
 * Chooses n levels for the values v (n_v of them): linear levels spread
 * between the low and high values; log levels at min + geometric steps,
 * which show valleys like Rosenbrock's; AUTO picks log when most values
 * crowd near the minimum (a skewed distribution).  Writes n increasing
 * levels and returns the kind used.
 */
enum plot_levels plot_choose_levels(const double *v, size_t n_v, int n,
				    enum plot_levels kind, double *levels);

/*
 * Marching squares on one cell of a grid, corners z[0] top left, z[1]
 * top right, z[2] bottom right, z[3] bottom left, at level: writes up to
 * two segments (x0, y0, x1, y1 in [0,1]^2, y down) to seg and returns
 * their number.  A saddle cell (opposite corners on the same side) is
 * disambiguated by the mean of the corners.
 */
int plot_march(const double z[4], double level, double seg[2][4]);


/* --- figures: a function, its landscape, what runs on it ----------- */


/*
 * Overlays: what a figure draws over its function, as bits of one set.
 * How they combine is decided here, once, by plot_overlays, which
 * plot_fig_new applies to the set it is given (plot_opts.overlays), so
 * that every caller -- descent plot, the playground, the course full
 * screen and learn --plain -- draws the same layers for the same wish:
 *
 *   - One fill of the shading layer at a time, by precedence
 *     convexity > basins > shade: the highest one wanted is drawn and
 *     the others are dropped.
 *   - Critical markers, contours and the tangent combine with anything.
 *   - Of one variable, no contours or shade (they are of two); of two,
 *     no tangent (it is of one).  Basins and convexity fill columns in
 *     one variable, cells in two.
 *   - Of two variables, contours are drawn even when not asked for,
 *     except under basins or convexity without colour, where the
 *     fill's shades and the contours' glyphs would mix; asked for, they
 *     are always drawn.
 */
enum plot_overlay {
	PLOT_OV_CRITICAL = 1 << 0,      /* markers on the critical points */
	PLOT_OV_TANGENT = 1 << 1,       /* 1D: the tangent line at tangent_x */
	PLOT_OV_CONTOURS = 1 << 2,      /* 2D: contour lines */
	PLOT_OV_SHADE = 1 << 3,         /* 2D: fill: heatmap shading between the levels */
	PLOT_OV_BASINS = 1 << 4,        /* fill: which minimum each start reaches */
	PLOT_OV_CONVEXITY = 1 << 5,     /* fill: where the function is not convex */
	PLOT_OV_ALL = (1 << 6) - 1,
};
/* The fills: one of them at most is drawn. */
#define PLOT_OV_FILL (PLOT_OV_SHADE | PLOT_OV_BASINS | PLOT_OV_CONVEXITY)

/*
 * The overlays drawn for the set want (PLOT_OV_* bits), in a figure of
 * a function of dim variables (1 or 2), with colour or not (color as in
 * plot_opts), by the policy above.
 */
unsigned plot_overlays(unsigned want, int dim, int color);
/*
 * The overlays' names, as a lesson's "show" spells them: "critical",
 * "tangent", "contours", "shade", "basins", "convexity", in the order of
 * their bits (bit i is named plot_overlay_names[i]; NULL-ended).
 * plot_overlay_find gives the bit of a name, or 0.
 */
extern const char *const plot_overlay_names[];
unsigned plot_overlay_find(const char *name);

struct run_config;

struct plot_opts {
	int width, height;      /* cells of the whole figure */
	enum plot_enc enc;
	int color;              /* 0 none, 1 eight colours, 2 256 colours */
	double x0, x1;          /* the range of x (x1 <= x0: automatic) */
	double y0, y1;          /* 2D: the range of y; 1D: of f (automatic when y1 <= y0) */
	int aspect;             /* 2D: widen a range so that units are square */
	int steady;             /* plot_series: ranges rounded out, so that a growing */
				/*   curve rescales rarely (a live loss curve) */
	int contours;           /* 2D: number of levels (0: automatic) */
	enum plot_levels levels;
	/*
	 * The overlays wanted (PLOT_OV_* bits); plot_fig_new draws
	 * plot_overlays() of them.  Basins: which minimum each cell's start
	 * reaches under basin_run (borrowed; its optimizer and parameters).
	 * Convexity: the sign of the Hessian (where the function is convex,
	 * saddle-shaped, concave).
	 */
	unsigned overlays;
	double tangent_x;
	int title;              /* a caption line with the expression */
	const struct run_config *basin_run;
	const char *basin_label;        /* for the legend, e.g. "gd,lr=0.01" */
	int arrow;              /* the descent direction -grad at each run's last point */
	/*
	 * 1D: a short tangent through each run's last point (the rolling
	 * ball's slope), moving with it.
	 */
	int ball_tangent;
	int trail;              /* trajectories drawn whole (1, the default), or just S and @ */
	int braille_blank;      /* blank braille cells as U+2800 in the plot area */
	/*
	 * Each step of a trajectory in green, or '+' in glyphs, where f fell,
	 * and in red, or 'x', where it rose: an overshoot shows at a glance.
	 */
	int step_signs;
	/*
	 * 2D: f sampled once per character cell, not per dot, and the dots
	 * between interpolated (bilinear): 8 times fewer evaluations in
	 * braille, for costly functions (a network's landscape) whose
	 * contours are smooth at that scale.
	 */
	int coarse;
	/* 2D: these contour levels (increasing, at most 16), not chosen ones */
	const double *level_values;
	int nlevel_values;
};

/* The defaults: 80x24, braille, no colour, automatic ranges and levels, trails. */
void plot_opts_init(struct plot_opts *o);

struct plot_fig;

/*
 * A figure of the objective o (1 or 2 variables; borrowed): the
 * background (samples, curve or contours, shading, axes, markers) is
 * computed once, here.  title is the caption (may be NULL).  Returns
 * NULL with err filled when o is not of 1 or 2 variables.
 */
struct plot_fig *plot_fig_new(struct objective *o, const struct plot_opts *opts,
			      const char *title, struct diag *err);
void plot_fig_free(struct plot_fig *f);
/* The canvas, to render (borrowed). */
struct plot_canvas *plot_fig_canvas(struct plot_fig *f);

/*
 * A trajectory: n points of dim 1 or 2 (xs[i*dim]), drawn as a polyline
 * in its own glyph and colour (index picks them), the start marked 'S'
 * and the last point '@'.  Adding points to an existing trajectory
 * (same index, more points) redraws only the new segments.  label goes
 * to the legend.  Without opts.trail only the S and the @ are drawn (a
 * figure cannot take a drawn trail back: make a new one to hide it).
 */
void plot_fig_trajectory(struct plot_fig *f, int index, const double *xs, size_t n,
			 const char *label);
/*
 * The same for nrec points xs and then the point last: a run's record
 * and its current point, drawn without copying the record.
 */
void plot_fig_trajectory_to(struct plot_fig *f, int index, const double *xs, size_t nrec,
			    const double *last, const char *label);
/*
 * Run r (borrowed) as trajectory index: its points so far and its
 * current one, so that a run that has not stepped shows its start.
 */
struct run;
void plot_fig_run(struct plot_fig *f, int index, const struct run *r, const char *label);
/*
 * A marker of the figure's own (a challenge's start and goal): the ASCII
 * glyph at the data point x (n values; in 1D on the curve, at (x, f(x))),
 * keyed in the legend by label ("G goal"); a label "start" is left to the
 * runs' "S start" once a run is drawn.  At most 4; the runs' S and @ are
 * drawn over them.
 */
#define PLOT_MAX_MARKS 4
void plot_fig_marker(struct plot_fig *f, const double *x, char glyph, const char *label);
/*
 * A set of n data points drawn with the ASCII glyph in colour (0: none),
 * keyed in the legend by label: (x[i], y[i]), y being f's axis in 1D (a
 * data set under a fitted curve) and the second variable in 2D (the
 * examples of each class over a classifier's regions).  Copied; at most
 * PLOT_MAX_SETS, drawn under the runs and the markers.
 */
#define PLOT_MAX_SETS 2
void plot_fig_points(struct plot_fig *f, const double *x, const double *y, size_t n,
		     char glyph, uint8_t color, const char *label);
/*
 * What a model has learned (plot-fit.c): view is the model against its
 * inputs (objective_model_view, borrowed for the figure's life), d its
 * data with the column target.  One input: the model's curve through
 * the examples (o), the f axis holding both.  Two: the model's value in
 * contours over the examples (.), or for a classifier its level 0, the
 * decision boundary, with the regions shaded and the examples of class 0
 * as o and of class 1 as x.  Ranges not set in opts (x1 <= x0) come from
 * the data, a tenth wider on each side.  NULL with err filled on error.
 */
struct dataset;
/*
 * What plot_fig_fit draws, in sentences (plot --fit --describe): the
 * examples and their ranges; for a regression the model's mean squared
 * error on them and the example farthest from it; for a classifier how
 * many it puts on their side, and the one farthest on the wrong side.
 * A paragraph a line; the caller frees it.
 */
char *plot_fit_describe(struct objective *view, const struct dataset *d, int target,
			int classifier);
struct plot_fig *plot_fig_fit(struct objective *view, const struct dataset *d, int target,
			      int classifier, const struct plot_opts *opts, const char *title,
			      struct diag *err);
/*
 * 1D: the chord from (a, f(a)) to (b, f(b)), its ends marked A and B,
 * keyed "A-B chord" in the legend (convexity: a convex function lies
 * under every chord).
 */
void plot_fig_chord(struct plot_fig *f, double a, double b);
/*
 * The glyph and colour of trajectory index (0 to 7), as its trail and the
 * legend draw it: the same in every figure, so a panel beside one can
 * name a racer as the plot does.
 */
void plot_traj_style(int index, char *glyph, uint8_t *color);
/*
 * The step at which trajectory index left the plot area (an arrow marks
 * where, pointing the way it went), or -1 while its last point is in view
 * (or it has none).
 */
long plot_fig_left_view(const struct plot_fig *f, int index);

/* The data shown: x0..x1, and y0..y1 (2D: of y; 1D: of f). */
void plot_fig_view(const struct plot_fig *f, double *x0, double *x1, double *y0, double *y1);

/*
 * The data point at the centre of cell (cx, cy): x[0], and x[1] (y in
 * 2D, f in 1D); -1 when the cell is outside the plot area.
 */
int plot_fig_point(const struct plot_fig *f, int cx, int cy, double *x);

/* A data point's cell, or -1 when outside the plot area. */
int plot_fig_cell(const struct plot_fig *f, const double *x, int *cx, int *cy);

/*
 * The figure f told in sentences, for a reader who cannot see it: what
 * is drawn and over which ranges (and f's range there); in 1D the way
 * the curve goes, end to end; the critical points in view by kind, with
 * their values; where f is steepest and where flattest (its gradient
 * sampled over the view); where it is not convex, when the figure shades
 * that; and for each of the runs drawn on it (runs[0..nruns), their
 * trajectories and labels, borrowed), where it started and ended, how
 * (converged, diverged, the step limit), and what happened on the way:
 * overshoots, zigzags, a saddle it lingered at, the view left.  Numbers
 * have four significant digits.  With drawn_only, only what is drawn
 * and the runs, none of the analysis (for a page that asks a question
 * which the analysis would answer).  A paragraph a line; free the text
 * with free().
 */
struct trajectory;
struct plot_run_desc {
	const struct trajectory *traj;
	const char *label;
};
char *plot_fig_describe(struct plot_fig *f, const struct plot_run_desc *runs, int nruns,
			int drawn_only);

/* --- series: values against the step --------------------------------- */

struct plot_series {
	const char *name;
	const double *v;
	size_t n;
	/* its glyph and colour, as a run's (plot_traj_style); 0: the table's */
	char glyph;
	uint8_t color;
};

/*
 * A figure of ns series against the step (0 to the longest's n - 1):
 * each in its own colour, or without colour the first as a line and the
 * others in glyphs; a legend; a y axis that is logarithmic when log is 1,
 * linear when 0, and when -1 logarithmic if every finite value is
 * positive and they span more than three decades (a loss curve).
 * Returns a canvas of o->width x o->height; free with plot_canvas_free.
 */
struct plot_canvas *plot_series(const struct plot_opts *o, const struct plot_series *s,
				int ns, int log, const char *title);

/* --- maps: how a run ends for every cell of a grid of settings ------ */

/*
 * A hyperparameter map's picture (plot-map.c).  Each cell holds the steps
 * its run took to converge, or PLOT_MAP_DIVERGED, or PLOT_MAP_UNFINISHED
 * (still going at the step limit).  With two axes it is a heat map, the
 * fewer steps the denser the glyph (or, in 256 colours, the brighter),
 * 'x' where the run diverged and blank where it did not finish; with one
 * (y.n == 0) a curve of the steps against the setting.
 */
enum { PLOT_MAP_DIVERGED = -1, PLOT_MAP_UNFINISHED = -2 };

struct plot_map_axis {
	const char *name;       /* "lr" */
	double lo, hi;          /* the first and last cells' settings */
	int n;                  /* cells (0 for a missing y axis) */
	int log;                /* spaced evenly in the logarithm */
};

/*
 * A marker at the settings (x, y): its glyph over the map (on a curve,
 * a dotted line up from the x axis, the glyph on the axis), keyed in
 * the legend by label.
 */
struct plot_map_mark {
	double x, y;
	char glyph;
	const char *label;      /* "best by theory" */
};

struct plot_map {
	struct plot_map_axis x, y;
	const long *steps;      /* x.n cells of each of the y.n rows, from y.lo */
	long limit;             /* the step limit */
	const struct plot_map_mark *marks;
	int nmarks;             /* at most 4 */
	/*
	 * With two axes, a line through the rows: in row j the glyph
	 * line_glyph at the setting line_x[j] of x (NaN: none), keyed by
	 * line_label (the edge of divergence by theory).  NULL: none.
	 */
	const double *line_x;
	char line_glyph;
	const char *line_label;
	/*
	 * A heat map of values instead of steps (steps NULL): a value for
	 * each cell (a mean final loss), binned at 1-2-5 multiples of powers
	 * of ten, the lower the denser; +inf where a run diverged ('x'), NaN
	 * where there is none (blank, keyed by blank_label).  value_name
	 * names the values in the legend, note follows ("mean of 3 seeds"),
	 * and ylabels (y.n of them, bottom up) name the rows, which are
	 * categories (batch sizes), not numbers.
	 */
	const double *value;
	const char *value_name, *blank_label, *note;
	const char *const *ylabels;
};

/*
 * The steps of the cells of res (analysis_map) in plot_map's terms:
 * converged cells their steps, the others PLOT_MAP_DIVERGED or
 * PLOT_MAP_UNFINISHED; the caller frees the array.
 */
struct map_result;
long *plot_map_steps(const struct map_result *res);

/*
 * The plot area a map of axes x and y (y->n == 0: one axis) has in a
 * figure of o's size: its cells across (*w) and down (*h), which make a
 * good default grid (one cell of the map a cell of the screen; on a curve,
 * one setting a column).
 */
void plot_map_area(const struct plot_opts *o, const struct plot_map_axis *x,
		   const struct plot_map_axis *y, int *w, int *h);
/*
 * The cell of the settings (x, y) in the figure of m (title as given to
 * plot_map): on a heat map, their cell; on a curve, the x axis under x.
 * Returns 0, or -1 when they are outside the plot area.
 */
int plot_map_locate(const struct plot_opts *o, const struct plot_map *m, const char *title,
		    double x, double y, int *cx, int *cy);
/* The figure of m, o->width x o->height; free with plot_canvas_free. */
struct plot_canvas *plot_map(const struct plot_opts *o, const struct plot_map *m,
			     const char *title);

#endif
