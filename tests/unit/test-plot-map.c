/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-plot-map.c - the picture of a hyperparameter map: steps binned at
 * round numbers with the denser glyph the faster, 'x' where a run
 * diverged and a blank where it did not finish; one map cell a screen
 * cell when the grid is plot_map_area's; a mark hidden under another is
 * said so in the legend; on a curve, the cells that did not converge
 * are marked above it and the marks sit on the axis.
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "descent/plot.h"

/* Row cy of the canvas as ASCII text (the map's glyphs are ASCII). */
static void
row_text(const struct plot_canvas *c, int cy, char *buf, size_t size)
{
	int cx, w = plot_canvas_width(c);

	for (cx = 0; cx < w && (size_t)cx + 1 < size; cx++) {
		uint32_t ch = plot_canvas_cell(c, cx, cy).ch;
		buf[cx] = ch < 128 ? (char)ch : '?';
	}
	buf[cx] = '\0';
	while (cx > 0 && buf[cx - 1] == ' ')
		buf[--cx] = '\0';
}

/* How many cells of the canvas show ch. */
static int
count_glyph(const struct plot_canvas *c, uint32_t ch)
{
	int cx, cy, n = 0;

	for (cy = 0; cy < plot_canvas_height(c); cy++)
		for (cx = 0; cx < plot_canvas_width(c); cx++)
			n += plot_canvas_cell(c, cx, cy).ch == ch;
	return n;
}

static void
ascii_opts(struct plot_opts *o, int w, int h)
{
	plot_opts_init(o);
	o->enc = PLOT_ENC_ASCII;
	o->color = 0;
	o->width = w;
	o->height = h;
}

/* Bins at 1-2-5 round numbers from the fastest up, densest first. */
Test(plot_map, bins_read_in_round_numbers)
{
	static const long steps[10] = { 5, 15, 40, 90, 900, 5, 5, 5, 5, 5 };
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	char row[200];
	int cy, found = 0;

	ascii_opts(&o, 80, 16);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.1, 0.5, 5, 0 };
	m.y = (struct plot_map_axis){ "beta", 0, 0.5, 2, 0 };
	m.steps = steps;
	m.limit = 1000;
	c = plot_map(&o, &m, NULL);
	row_text(c, 14, row, sizeof row);
	cr_expect_str_eq(row, "steps to converge, at most: @ 5 % 10 # 20 * 50 = 100 - 200 "
			 ": 500 . 1000");
	/* the bottom row of cells (beta = 0) holds 5, 15, 40, 90, 900 steps */
	for (cy = 0; cy < 16; cy++) {
		row_text(c, cy, row, sizeof row);
		if (strstr(row, "@@@@@@@@@@######") != NULL)
			found |= 1;
		if (strstr(row, "**********==========") != NULL)
			found |= 2;
		if (strstr(row, "==........") != NULL)
			found |= 4;
	}
	cr_expect_eq(found, 7, "the rows of the map: %d", found);
	plot_canvas_free(c);
}

/* With the grid of plot_map_area, every map cell is one screen cell. */
Test(plot_map, one_cell_a_cell)
{
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	long steps[2000];
	int w, h, i;

	ascii_opts(&o, 80, 20);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.001, 0.1, 0, 1 };
	m.y = (struct plot_map_axis){ "beta", 0, 0.9, 2, 0 };
	plot_map_area(&o, &m.x, &m.y, &w, &h);
	cr_assert(w * h <= 2000 && w > 40 && h > 8, "the area is %d x %d", w, h);
	m.x.n = w;
	m.y.n = h;
	for (i = 0; i < w * h; i++)
		steps[i] = PLOT_MAP_DIVERGED;
	steps[(h - 1) * w] = 3;         /* the top left cell */
	m.steps = steps;
	m.limit = 1000;
	c = plot_map(&o, &m, "a title");
	/* every cell diverged but one, and the legend's own "x diverged" */
	cr_expect_eq(count_glyph(c, 'x'), w * h - 1 + 1);
	cr_expect_eq(count_glyph(c, '@'), 1 + 1, "the converged cell and its key");
	plot_canvas_free(c);
}

/* A mark drawn over another: the legend says which is under which. */
Test(plot_map, a_mark_under_another_is_said)
{
	static const long steps[6] = { 10, 20, PLOT_MAP_UNFINISHED, 30, 40, PLOT_MAP_DIVERGED };
	const struct plot_map_mark marks[2] = {
		{ 0.2, 0.5, 'F', "fastest" }, { 0.2, 0.5, 'O', "theory's best" },
	};
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	char row[200];

	ascii_opts(&o, 80, 16);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.1, 0.3, 3, 0 };
	m.y = (struct plot_map_axis){ "beta", 0, 0.5, 2, 0 };
	m.steps = steps;
	m.limit = 100;
	m.marks = marks;
	m.nmarks = 2;
	c = plot_map(&o, &m, NULL);
	row_text(c, 15, row, sizeof row);
	cr_expect_str_eq(row, "x diverged  blank: >100 steps  F fastest (under O)  "
			 "O theory's best");
	cr_expect_eq(count_glyph(c, 'O'), 3, "the mark, its key and \"(under O)\"");
	cr_expect_eq(count_glyph(c, 'F'), 1, "only its key");
	plot_canvas_free(c);
}

/*
 * Keys too many for their row at 80 columns: the first that fit join the
 * bins' row, the others go below, and no row is cut (the edge line's key
 * was).
 */
Test(plot_map, keys_that_do_not_fit_flow_to_the_row_above)
{
	static const long steps[6] = { 10, 20, PLOT_MAP_UNFINISHED, 300, 400, PLOT_MAP_DIVERGED };
	static const double edge[2] = { 0.25, 0.28 };
	const struct plot_map_mark marks[2] = {
		{ 0.2, 0.5, 'F', "fastest" }, { 0.2, 0.5, 'O', "theory's best" },
	};
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	char row[200];

	ascii_opts(&o, 80, 16);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.1, 0.3, 3, 0 };
	m.y = (struct plot_map_axis){ "beta", 0, 0.5, 2, 0 };
	m.steps = steps;
	m.limit = 1000;
	m.marks = marks;
	m.nmarks = 2;
	m.line_x = edge;
	m.line_glyph = '|';
	m.line_label = "theory's edge";
	c = plot_map(&o, &m, NULL);
	row_text(c, 14, row, sizeof row);
	cr_expect_str_eq(row, "steps to converge, at most: @ 10 # 20 * 50 = 100 - 200 . 500  "
			 "x diverged");
	row_text(c, 15, row, sizeof row);
	cr_expect_str_eq(row, "blank: >1000 steps  F fastest (under O)  O theory's best  "
			 "| theory's edge");
	plot_canvas_free(c);
}

/* A curve: the cells that did not converge above it, the marks on the axis. */
Test(plot_map, curve_marks_what_did_not_converge)
{
	static const long steps[8] = {
		PLOT_MAP_UNFINISHED, 400, 200, 100, 50, 60, PLOT_MAP_DIVERGED, PLOT_MAP_DIVERGED,
	};
	const struct plot_map_mark marks[1] = { { 0.6, 0, 'E', "theory's edge" } };
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	char row[200];
	int cy, axis = -1;

	ascii_opts(&o, 60, 16);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.1, 0.8, 8, 0 };
	m.steps = steps;
	m.limit = 500;
	m.marks = marks;
	m.nmarks = 1;
	c = plot_map(&o, &m, NULL);
	row_text(c, 0, row, sizeof row);
	cr_expect(strncmp(row, "steps", 5) == 0 && strchr(row, '^') != NULL &&
		  strstr(row, "x") != NULL && strchr(row, '^') < strchr(row, 'x'),
		  "the row above the curve: '%s'", row);
	cr_expect_eq(count_glyph(c, '^'), 2, "the cell and its key");
	for (cy = 0; cy < 16; cy++) {
		row_text(c, cy, row, sizeof row);
		if (strstr(row, "+-") != NULL && axis < 0)
			axis = cy;
	}
	cr_assert_geq(axis, 0);
	row_text(c, axis, row, sizeof row);
	cr_expect(strchr(row, 'E') != NULL, "the edge on the axis: '%s'", row);
	row_text(c, 14, row, sizeof row);
	cr_expect_str_eq(row, "- steps to converge  x diverged  ^ not done in 500");
	plot_canvas_free(c);
}

/* Nothing converged: the legend says so. */
Test(plot_map, nothing_converged)
{
	static const long steps[4] = {
		PLOT_MAP_UNFINISHED, PLOT_MAP_UNFINISHED, PLOT_MAP_DIVERGED, PLOT_MAP_DIVERGED,
	};
	struct plot_opts o;
	struct plot_map m;
	struct plot_canvas *c;
	char row[200];

	ascii_opts(&o, 60, 16);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ "lr", 0.1, 0.8, 2, 0 };
	m.y = (struct plot_map_axis){ "beta", 0, 0.5, 2, 0 };
	m.steps = steps;
	m.limit = 50;
	c = plot_map(&o, &m, NULL);
	row_text(c, 14, row, sizeof row);
	cr_expect_str_eq(row, "no setting converged in 50 steps");
	plot_canvas_free(c);
}
