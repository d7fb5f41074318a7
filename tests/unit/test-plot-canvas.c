/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-plot-canvas.c - the canvas: dot layouts per encoding, the ASCII
 * glyph table, lines and their clipping, layer priority, text (UTF-8,
 * widths, collisions) and the plain-text sink, with golden strings for
 * each encoding and for the colour escapes.  Dots are read back from
 * braille cells, where every dot has its own bit.
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/plot.h"

/* Whether dot (x, y) of a braille canvas holding only dots is on. */
static int
dot_on(const struct plot_canvas *c, int x, int y)
{
	static const unsigned bit[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
	};
	struct plot_cell cell = plot_canvas_cell(c, x / 2, y / 4);

	if (cell.ch < 0x2800 || cell.ch > 0x28ff)
		return 0;
	return ((cell.ch - 0x2800) & bit[y % 4][x % 2]) != 0;
}

static int
count_dots(const struct plot_canvas *c)
{
	int x, y, n = 0;

	for (y = 0; y < plot_canvas_height(c) * 4; y++)
		for (x = 0; x < plot_canvas_width(c) * 2; x++)
			n += dot_on(c, x, y);
	return n;
}

/* The canvas as plot_render_text writes it; free the result. */
static char *
render(const struct plot_canvas *c, int color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	plot_render_text(c, fp, color);
	fclose(fp);
	return buf;
}

static void
expect_render(const struct plot_canvas *c, int color, const char *want)
{
	char *got = render(c, color);

	cr_assert_str_eq(got, want, "rendered (color %d):\n%s\nwanted:\n%s", color,
			 got, want);
	free(got);
}

static void
utf8_locale(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL)
		cr_skip_test("no C.UTF-8 locale");
}

/* --- the canvas ---------------------------------------------------- */

Test(plot_canvas, sizes_and_dots_per_cell)
{
	struct plot_canvas *c = plot_canvas_new(10, 5, PLOT_ENC_BRAILLE);

	cr_assert_eq(plot_canvas_width(c), 10);
	cr_assert_eq(plot_canvas_height(c), 5);
	cr_assert_eq(plot_canvas_enc(c), PLOT_ENC_BRAILLE);
	cr_assert_eq(plot_dots_x(c), 2);
	cr_assert_eq(plot_dots_y(c), 4);
	plot_canvas_free(c);
	c = plot_canvas_new(3, 2, PLOT_ENC_BLOCKS);
	cr_assert_eq(plot_dots_x(c), 1);
	cr_assert_eq(plot_dots_y(c), 2);
	plot_canvas_free(c);
	c = plot_canvas_new(3, 2, PLOT_ENC_ASCII);
	cr_assert_eq(plot_dots_x(c), 3);
	cr_assert_eq(plot_dots_y(c), 3);
	plot_canvas_free(c);
	plot_canvas_free(NULL);
}

Test(plot_canvas, sizes_are_clamped)
{
	struct plot_canvas *c = plot_canvas_new(0, -5, PLOT_ENC_ASCII);

	cr_assert_eq(plot_canvas_width(c), 1);
	cr_assert_eq(plot_canvas_height(c), 1);
	plot_canvas_free(c);
	c = plot_canvas_new(100000, 1, PLOT_ENC_ASCII);
	cr_assert_eq(plot_canvas_width(c), 4096);
	plot_canvas_free(c);
}

Test(plot_canvas, braille_bit_layout)
{
	static const struct { int x, y; uint32_t ch; } dots[] = {
		{ 0, 0, 0x2801 }, { 0, 1, 0x2802 }, { 0, 2, 0x2804 },
		{ 1, 0, 0x2808 }, { 1, 1, 0x2810 }, { 1, 2, 0x2820 },
		{ 0, 3, 0x2840 }, { 1, 3, 0x2880 },
	};
	struct plot_canvas *c = plot_canvas_new(2, 2, PLOT_ENC_BRAILLE);
	size_t i;

	for (i = 0; i < sizeof dots / sizeof dots[0]; i++) {
		plot_canvas_clear(c);
		plot_dot(c, PLOT_LAYER_CURVE, dots[i].x, dots[i].y, 0);
		cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, dots[i].ch, "dot (%d, %d)",
			     dots[i].x, dots[i].y);
		/* the same dot one cell right and down */
		plot_canvas_clear(c);
		plot_dot(c, PLOT_LAYER_CURVE, dots[i].x + 2, dots[i].y + 4, 0);
		cr_assert_eq(plot_canvas_cell(c, 1, 1).ch, dots[i].ch);
		cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	}
	for (i = 0; i < 8; i++)
		plot_dot(c, PLOT_LAYER_CURVE, dots[i].x, dots[i].y, 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 0x28ff);
	plot_canvas_free(c);
}

Test(plot_canvas, half_blocks)
{
	struct plot_canvas *c = plot_canvas_new(3, 1, PLOT_ENC_BLOCKS);

	plot_dot(c, PLOT_LAYER_CURVE, 0, 0, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 1, 1, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 2, 0, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 2, 1, 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 0x2580);
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, 0x2584);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 0x2588);
	plot_canvas_free(c);
}

Test(plot_canvas, dots_outside_are_clipped)
{
	struct plot_canvas *c = plot_canvas_new(2, 2, PLOT_ENC_BRAILLE);

	plot_dot(c, PLOT_LAYER_CURVE, -1, 0, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 0, -1, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 4, 0, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 0, 8, 0);
	plot_dot(c, PLOT_LAYER_CURVE, INT_MAX, INT_MIN, 0);
	plot_dot(c, PLOT_LAYER_COUNT, 0, 0, 0);
	plot_dot(c, (enum plot_layer)-1, 0, 0, 0);
	plot_shade(c, -1, 0, 5, 1);
	plot_shade(c, 2, 0, 5, 1);
	plot_mark(c, 2, 0, 'x', 0, 0);
	cr_assert_eq(count_dots(c), 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 1, 0).bg, 0);
	cr_assert_eq(plot_canvas_cell(c, -1, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 5, 5).ch, ' ');
	plot_canvas_free(c);
}

/* --- the ASCII glyphs ---------------------------------------------- */

Test(plot_ascii, every_mask_is_printable)
{
	unsigned m;

	cr_assert_eq(plot_ascii_glyph(0), ' ');
	for (m = 1; m < 512; m++) {
		char g = plot_ascii_glyph(m);

		cr_assert(g > ' ' && g < 0x7f, "mask %#x gives %#x", m, g);
		cr_assert_eq(g, plot_ascii_glyph(m), "deterministic");
	}
}

Test(plot_ascii, ideal_shapes)
{
	cr_assert_eq(plot_ascii_glyph(0x038), '-');     /* middle row */
	cr_assert_eq(plot_ascii_glyph(0x1c0), '_');     /* bottom row */
	cr_assert_eq(plot_ascii_glyph(0x092), '|');     /* middle column */
	cr_assert_eq(plot_ascii_glyph(0x049), '|');
	cr_assert_eq(plot_ascii_glyph(0x124), '|');
	cr_assert_eq(plot_ascii_glyph(0x054), '/');     /* 2 4 6 */
	cr_assert_eq(plot_ascii_glyph(0x111), '\\');    /* 0 4 8 */
	cr_assert_eq(plot_ascii_glyph(0x0ba), '+');
	cr_assert_eq(plot_ascii_glyph(0x155), 'X');
	cr_assert_eq(plot_ascii_glyph(0x1ff), '#');
	cr_assert_eq(plot_ascii_glyph(0x082), ':');
	cr_assert_eq(plot_ascii_glyph(0x080), '.');
	cr_assert_eq(plot_ascii_glyph(0x002), '\'');
	cr_assert_eq(plot_ascii_glyph(0x0b0), '.');     /* box corners */
	cr_assert_eq(plot_ascii_glyph(0x032), '\'');
}

Test(plot_ascii, partial_strokes)
{
	cr_assert_eq(plot_ascii_glyph(0x050), '/');     /* bottom left, centre */
	cr_assert_eq(plot_ascii_glyph(0x014), '/');     /* centre, top right */
	cr_assert_eq(plot_ascii_glyph(0x011), '\\');
	cr_assert_eq(plot_ascii_glyph(0x110), '\\');
	cr_assert_eq(plot_ascii_glyph(0x018), '-');
	cr_assert_eq(plot_ascii_glyph(0x030), '-');
	cr_assert_eq(plot_ascii_glyph(0x012), '|');
	cr_assert_eq(plot_ascii_glyph(0x090), '|');
	cr_assert_eq(plot_ascii_glyph(0x0c0), '_');
	cr_assert_eq(plot_ascii_glyph(0x0ff), '#');     /* eight dots */
	cr_assert_eq(plot_ascii_glyph(0x200 | 0x038), '-');     /* extra bits ignored */
}

Test(plot_ascii, single_dots)
{
	int b;

	for (b = 0; b < 9; b++) {
		char g = plot_ascii_glyph(1u << b);

		if (b < 3)
			cr_assert(g == '\'' || g == '`', "bit %d: %c", b, g);
		else if (b < 6)
			cr_assert_eq(g, '-', "bit %d: %c", b, g);
		else
			cr_assert(g == '.' || g == '_', "bit %d: %c", b, g);
	}
}

Test(plot_ascii, canvas_uses_the_table)
{
	struct plot_canvas *c = plot_canvas_new(2, 1, PLOT_ENC_ASCII);
	unsigned m;
	int b;

	for (m = 0; m < 512; m++) {
		plot_canvas_clear(c);
		for (b = 0; b < 9; b++)
			if (m & (1u << b))
				plot_dot(c, PLOT_LAYER_CONTOUR, 3 + b % 3, b / 3, 0);
		cr_assert_eq(plot_canvas_cell(c, 1, 0).ch,
			     (uint32_t)plot_ascii_glyph(m), "mask %#x", m);
		cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	}
	plot_canvas_free(c);
}

/* --- lines --------------------------------------------------------- */

Test(plot_line, horizontal_and_vertical)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	int i;

	plot_line(c, PLOT_LAYER_CURVE, 1, 2, 6, 2, 0);
	for (i = 1; i <= 6; i++)
		cr_assert(dot_on(c, i, 2));
	cr_assert_eq(count_dots(c), 6);
	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 3, 7, 3, 0, 0);
	for (i = 0; i <= 7; i++)
		cr_assert(dot_on(c, 3, i));
	cr_assert_eq(count_dots(c), 8);
	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 5, 5, 5, 5, 0);
	cr_assert(dot_on(c, 5, 5));
	cr_assert_eq(count_dots(c), 1);
	plot_canvas_free(c);
}

Test(plot_line, diagonal)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	int i;

	plot_line(c, PLOT_LAYER_CURVE, 0, 0, 7, 7, 0);
	for (i = 0; i <= 7; i++)
		cr_assert(dot_on(c, i, i));
	cr_assert_eq(count_dots(c), 8);
	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 7, 0, 0, 7, 0);
	for (i = 0; i <= 7; i++)
		cr_assert(dot_on(c, 7 - i, i));
	cr_assert_eq(count_dots(c), 8);
	plot_canvas_free(c);
}

Test(plot_line, shallow_and_steep)
{
	/* y = 2x/7 rounded to nearest, halves up: 0 0 1 1 1 1 2 2 */
	static const int ys[8] = { 0, 0, 1, 1, 1, 1, 2, 2 };
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	int i;

	plot_line(c, PLOT_LAYER_CURVE, 0, 0, 7, 2, 0);
	for (i = 0; i <= 7; i++)
		cr_assert(dot_on(c, i, ys[i]), "x %d", i);
	cr_assert_eq(count_dots(c), 8);
	/* the same line turned on its side: one dot per row */
	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 0, 0, 2, 7, 0);
	for (i = 0; i <= 7; i++)
		cr_assert(dot_on(c, ys[i], i), "y %d", i);
	cr_assert_eq(count_dots(c), 8);
	plot_canvas_free(c);
}

Test(plot_line, reversed_gives_the_same_dots)
{
	static const int seg[][4] = {
		{ 0, 0, 7, 2 }, { 0, 0, 2, 7 }, { 1, 6, 6, 1 }, { 0, 7, 7, 4 },
		{ 3, 0, 4, 7 }, { 0, 1, 7, 2 }, { 0, 0, 7, 4 }, { 2, 5, 6, 3 },
		{ -3, 2, 9, 5 }, { 1, -4, 6, 11 }, { -20, -7, 30, 15 },
	};
	struct plot_canvas *a = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	struct plot_canvas *b = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	size_t i;
	int x, y;

	for (i = 0; i < sizeof seg / sizeof seg[0]; i++) {
		plot_canvas_clear(a);
		plot_canvas_clear(b);
		plot_line(a, PLOT_LAYER_CURVE, seg[i][0], seg[i][1], seg[i][2], seg[i][3], 0);
		plot_line(b, PLOT_LAYER_CURVE, seg[i][2], seg[i][3], seg[i][0], seg[i][1], 0);
		cr_assert_gt(count_dots(a), 0, "segment %zu", i);
		for (y = 0; y < 2; y++)
			for (x = 0; x < 4; x++)
				cr_assert_eq(plot_canvas_cell(a, x, y).ch,
					     plot_canvas_cell(b, x, y).ch,
					     "segment %zu, cell (%d, %d)", i, x, y);
	}
	plot_canvas_free(a);
	plot_canvas_free(b);
}

Test(plot_line, one_dot_per_step_and_connected)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	int x, y, n;

	plot_line(c, PLOT_LAYER_CURVE, 0, 1, 7, 6, 0);
	for (x = 0; x <= 7; x++) {
		for (n = 0, y = 0; y < 8; y++)
			n += dot_on(c, x, y);
		cr_assert_eq(n, 1, "column %d", x);
	}
	cr_assert(dot_on(c, 0, 1));
	cr_assert(dot_on(c, 7, 6));
	plot_canvas_free(c);
}

Test(plot_line, far_endpoints_are_clipped, .timeout = 5)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);
	int i, x, y, n;

	plot_line(c, PLOT_LAYER_CURVE, -1000000000, 3, 1000000000, 3, 0);
	for (i = 0; i < 8; i++)
		cr_assert(dot_on(c, i, 3));
	cr_assert_eq(count_dots(c), 8);

	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 2, 2, 1000000000, 2, 0);
	for (i = 2; i < 8; i++)
		cr_assert(dot_on(c, i, 2));
	cr_assert_eq(count_dots(c), 6);

	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, 5, 1000000000, 5, -1000000000, 0);
	cr_assert_eq(count_dots(c), 8);

	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, INT_MIN / 2, INT_MIN / 2, INT_MAX / 2, INT_MAX / 2, 0);
	n = count_dots(c);
	cr_assert(n >= 8 && n <= 16, "%d dots", n);
	for (y = 0; y < 8; y++)
		for (x = 0; x < 8; x++)
			if (dot_on(c, x, y))
				cr_assert_leq(abs(x - y), 1, "dot (%d, %d)", x, y);

	plot_canvas_clear(c);
	plot_line(c, PLOT_LAYER_CURVE, INT_MIN, INT_MIN, INT_MAX, INT_MAX, 0);
	plot_line(c, PLOT_LAYER_CURVE, INT_MAX, INT_MIN, INT_MIN, INT_MAX, 0);
	plot_line(c, PLOT_LAYER_CURVE, INT_MIN, 0, INT_MAX, 1, 0);
	cr_assert_gt(count_dots(c), 0);

	/* a large canvas: the loop only walks the visible part */
	plot_canvas_free(c);
	c = plot_canvas_new(4096, 4, PLOT_ENC_BRAILLE);
	for (i = 0; i < 1000; i++)
		plot_line(c, PLOT_LAYER_CURVE, -200000000, i % 16, 200000000, 15 - i % 16, 0);
	plot_canvas_free(c);
}

Test(plot_line, entirely_outside_draws_nothing, .timeout = 5)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);

	plot_line(c, PLOT_LAYER_CURVE, -10, -10, -1, 100, 0);
	plot_line(c, PLOT_LAYER_CURVE, 8, 0, 1000000000, 7, 0);
	plot_line(c, PLOT_LAYER_CURVE, 0, 8, 7, 8, 0);
	plot_line(c, PLOT_LAYER_CURVE, -5, 3, 3, -5, 0);        /* past a corner */
	plot_line(c, PLOT_LAYER_CURVE, -1000000000, 1000000000, 1000000000, 1000000000, 0);
	plot_line(c, PLOT_LAYER_CURVE, INT_MIN, -1, INT_MAX, -1, 0);
	plot_line(c, PLOT_LAYER_CURVE, -1000000000, -999999990, 1000000000,
		  1000000010, 0);      /* y = x + 10, above the corner */
	plot_line(c, PLOT_LAYER_COUNT, 0, 0, 7, 7, 0);
	cr_assert_eq(count_dots(c), 0);
	plot_canvas_free(c);
}

/* --- layers -------------------------------------------------------- */

Test(plot_layers, trajectory_over_contour_over_shade)
{
	struct plot_canvas *c = plot_canvas_new(1, 1, PLOT_ENC_BRAILLE);
	struct plot_cell cell;

	plot_shade(c, 0, 0, 5, PLOT_BLUE);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, '+');             /* " .:-=+*#%@"[5] */
	cr_assert_eq(cell.bg, PLOT_BLUE);

	plot_dot(c, PLOT_LAYER_GRID, 1, 0, PLOT_GREY);
	plot_dot(c, PLOT_LAYER_CONTOUR, 0, 0, PLOT_GREEN);
	plot_dot(c, PLOT_LAYER_TRAJ, 1, 3, PLOT_RED);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, 0x2880);          /* the trajectory's dot alone */
	cr_assert_eq(cell.fg, PLOT_RED);
	cr_assert_eq(cell.bg, PLOT_BLUE);

	plot_canvas_clear_layer(c, PLOT_LAYER_TRAJ);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, 0x2801);
	cr_assert_eq(cell.fg, PLOT_GREEN);
	cr_assert_eq(cell.bg, PLOT_BLUE);

	plot_canvas_clear_layer(c, PLOT_LAYER_CONTOUR);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, 0x2808);
	cr_assert_eq(cell.fg, PLOT_GREY);

	plot_canvas_clear_layer(c, PLOT_LAYER_GRID);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, '+');
	plot_canvas_clear_layer(c, PLOT_LAYER_SHADE);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, ' ');
	cr_assert_eq(cell.bg, 0);
	plot_canvas_free(c);
}

Test(plot_layers, a_higher_layer_owns_the_cell)
{
	struct plot_canvas *c = plot_canvas_new(1, 1, PLOT_ENC_ASCII);

	plot_line(c, PLOT_LAYER_CONTOUR, 0, 1, 2, 1, PLOT_GREEN);       /* '-' */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, '-');
	plot_dot(c, PLOT_LAYER_TRAJ, 0, 0, PLOT_RED);
	plot_dot(c, PLOT_LAYER_TRAJ, 2, 2, PLOT_YELLOW);
	/* the two dots of the trajectory alone: not merged into the '-' */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, (uint32_t)plot_ascii_glyph(0x101));
	cr_assert_eq(plot_canvas_cell(c, 0, 0).fg, PLOT_YELLOW);   /* the last dot's */
	plot_canvas_free(c);
}

Test(plot_layers, text_over_everything)
{
	struct plot_canvas *c = plot_canvas_new(3, 1, PLOT_ENC_BRAILLE);
	struct plot_cell cell;

	plot_shade(c, 0, 0, 9, PLOT_BLUE);
	plot_line(c, PLOT_LAYER_TRAJ, 0, 0, 5, 3, PLOT_RED);
	cr_assert_eq(plot_text(c, 0, 0, "a b", PLOT_WHITE, PLOT_BOLD), 1);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, 'a');
	cr_assert_eq(cell.fg, PLOT_WHITE);
	cr_assert_eq(cell.bg, PLOT_BLUE);       /* the shading stays under */
	cr_assert_eq(cell.attr, PLOT_BOLD);
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, ' ');   /* a label's space hides dots */
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 'b');

	plot_canvas_clear_layer(c, PLOT_LAYER_TRAJ);     /* text is no dot layer */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 'a');
	plot_canvas_clear(c);
	cell = plot_canvas_cell(c, 0, 0);
	cr_assert_eq(cell.ch, ' ');
	cr_assert_eq(cell.bg, 0);
	cr_assert_eq(cell.attr, 0);
	plot_canvas_free(c);
}

Test(plot_layers, mark_over_text)
{
	struct plot_canvas *c = plot_canvas_new(5, 1, PLOT_ENC_ASCII);

	cr_assert_eq(plot_text(c, 0, 0, "abc", PLOT_GREEN, 0), 1);
	plot_mark(c, 1, 0, '*', PLOT_RED, PLOT_BOLD);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 'a');
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, '*');
	cr_assert_eq(plot_canvas_cell(c, 1, 0).fg, PLOT_RED);
	cr_assert_eq(plot_canvas_cell(c, 1, 0).attr, PLOT_BOLD);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 'c');
	/* and a label cannot cover a marker */
	plot_mark(c, 4, 0, 'o', 0, 0);
	cr_assert_eq(plot_text(c, 3, 0, "xy", 0, 0), 0);
	cr_assert_eq(plot_canvas_cell(c, 3, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 4, 0).ch, 'o');
	plot_canvas_free(c);
}

/* --- text ---------------------------------------------------------- */

Test(plot_text, collisions_are_refused)
{
	struct plot_canvas *c = plot_canvas_new(8, 2, PLOT_ENC_ASCII);

	cr_assert_eq(plot_text(c, 1, 0, "abc", 0, 0), 1);
	cr_assert_eq(plot_text(c, 3, 0, "xyz", 0, 0), 0);
	cr_assert_eq(plot_text(c, 0, 0, "xy", 0, 0), 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 3, 0).ch, 'c');
	cr_assert_eq(plot_canvas_cell(c, 4, 0).ch, ' ');
	cr_assert_eq(plot_text(c, 4, 0, "xyzw", 0, 0), 1);     /* touching is fine */
	cr_assert_eq(plot_canvas_cell(c, 7, 0).ch, 'w');
	cr_assert_eq(plot_text(c, 1, 1, "abc", 0, 0), 1);      /* another row */
	plot_canvas_free(c);
}

Test(plot_text, off_the_canvas_is_refused)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_ASCII);
	int x, y;

	cr_assert_eq(plot_text(c, 2, 0, "abc", 0, 0), 0);
	cr_assert_eq(plot_text(c, -1, 0, "ab", 0, 0), 0);
	cr_assert_eq(plot_text(c, 0, 2, "ab", 0, 0), 0);
	cr_assert_eq(plot_text(c, 0, -1, "ab", 0, 0), 0);
	cr_assert_eq(plot_text(c, 0, 0, NULL, 0, 0), 0);
	for (y = 0; y < 2; y++)
		for (x = 0; x < 4; x++)
			cr_assert_eq(plot_canvas_cell(c, x, y).ch, ' ');
	cr_assert_eq(plot_text(c, 1, 0, "abc", 0, 0), 1);      /* just fits */
	cr_assert_eq(plot_text(c, 0, 1, "", 0, 0), 1);         /* nothing to place */
	plot_canvas_free(c);
}

Test(plot_text, utf8_multibyte)
{
	struct plot_canvas *c;

	utf8_locale();
	c = plot_canvas_new(6, 1, PLOT_ENC_BRAILLE);
	cr_assert_eq(plot_text(c, 0, 0, "\xc3\xa9\xe2\x86\x92\xc2\xb5x", 0, 0), 1);  /* é→µx */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 0xe9);
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, 0x2192);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 0xb5);
	cr_assert_eq(plot_canvas_cell(c, 3, 0).ch, 'x');
	cr_assert_eq(plot_canvas_cell(c, 4, 0).ch, ' ');
	/* two cells left: two code points fit, however many bytes */
	cr_assert_eq(plot_text(c, 4, 0, "\xe2\x88\x87\xce\xb1", 0, 0), 1);         /* ∇α */
	cr_assert_eq(plot_canvas_cell(c, 5, 0).ch, 0x3b1);
	plot_mark(c, 0, 0, 0x2022, 0, 0);                                   /* • */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 0x2022);
	plot_canvas_free(c);
}

Test(plot_text, invalid_utf8_is_refused)
{
	static const char *bad[] = {
		"\xff", "a\x80", "a\xc3", "\xc3(", "\xc0\xaf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
		"ok\xe2\x82",
	};
	struct plot_canvas *c;
	size_t i;
	int x;

	utf8_locale();
	c = plot_canvas_new(8, 1, PLOT_ENC_ASCII);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_eq(plot_text(c, 0, 0, bad[i], 0, 0), 0, "string %zu", i);
		for (x = 0; x < 8; x++)
			cr_assert_eq(plot_canvas_cell(c, x, 0).ch, ' ', "string %zu", i);
	}
	plot_canvas_free(c);
}

Test(plot_text, wide_characters_take_two_cells)
{
	struct plot_canvas *c;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	utf8_locale();
	c = plot_canvas_new(8, 2, PLOT_ENC_ASCII);
	cr_assert_eq(plot_text(c, 0, 0, "a\xe4\xb8\xad" "b", 0, 0), 1);  /* a中b */
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, 'a');
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, 0x4e2d);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 0, "the rest of the wide one");
	cr_assert_eq(plot_canvas_cell(c, 3, 0).ch, 'b');
	cr_assert_eq(plot_text(c, 3, 0, "x", 0, 0), 0, "no text over text");
	cr_assert_eq(plot_text(c, 7, 1, "\xe4\xb8\xad", 0, 0), 0, "half of it off the canvas");
	cr_assert_eq(plot_text(c, 6, 1, "\xe4\xb8\xad", 0, 0), 1, "the last two cells");
	fp = open_memstream(&out, &len);
	plot_render_text(c, fp, 0);
	fclose(fp);
	cr_assert_str_eq(out, "a\xe4\xb8\xad" "b\n      \xe4\xb8\xad\n",
			 "8 columns a row: [%s]", out);
	free(out);
	/* a mark on either half takes the whole wide character away */
	plot_mark(c, 2, 0, '+', 0, 0);
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, '+');
	plot_unmark(c, 6, 1);
	cr_assert_eq(plot_canvas_cell(c, 6, 1).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 7, 1).ch, ' ');
	plot_canvas_free(c);
}

Test(plot_text, unprintable_is_refused)
{
	static const char *bad[] = {
		"e\xcc\x81",            /* a combining accent: no width */
		"a\tb", "\x7f", "\xc2\x85",
	};
	struct plot_canvas *c;
	size_t i;

	utf8_locale();
	c = plot_canvas_new(8, 1, PLOT_ENC_ASCII);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_eq(plot_text(c, 0, 0, bad[i], 0, 0), 0, "string %zu", i);
		cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ', "string %zu", i);
	}
	plot_mark(c, 0, 0, 0x4e2d, 0, 0);       /* a mark is one cell: not a wide one */
	plot_mark(c, 1, 0, 0x1f600, 0, 0);
	plot_mark(c, 2, 0, '\n', 0, 0);
	plot_mark(c, 3, 0, 0, 0, 0);
	plot_mark(c, 4, 0, 0xd800, 0, 0);
	for (i = 0; i < 5; i++)
		cr_assert_eq(plot_canvas_cell(c, (int)i, 0).ch, ' ');
	plot_canvas_free(c);
}

Test(plot_text, c_locale_is_ascii_only)
{
	struct plot_canvas *c = plot_canvas_new(8, 1, PLOT_ENC_ASCII);

	cr_assert_not_null(setlocale(LC_CTYPE, "C"));
	cr_assert_eq(plot_text(c, 0, 0, "\xc3\xa9", 0, 0), 0);
	cr_assert_eq(plot_text(c, 0, 0, "x\xe2\x86\x92", 0, 0), 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	plot_mark(c, 0, 0, 0xe9, 0, 0);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	cr_assert_eq(plot_text(c, 0, 0, "x = 1;", 0, 0), 1);
	plot_canvas_free(c);
}

/* --- rendering ----------------------------------------------------- */

Test(plot_render, ascii_golden)
{
	struct plot_canvas *c = plot_canvas_new(8, 3, PLOT_ENC_ASCII);

	plot_line(c, PLOT_LAYER_CURVE, 0, 4, 11, 4, 0);   /* middle of row 1 */
	plot_line(c, PLOT_LAYER_CURVE, 12, 8, 20, 0, 0);  /* up, one cell a row */
	plot_line(c, PLOT_LAYER_CURVE, 21, 0, 23, 2, 0);  /* down */
	plot_line(c, PLOT_LAYER_GRID, 0, 8, 11, 8, 0);    /* the bottom row */
	plot_text(c, 0, 0, "f(x)", 0, 0);
	plot_shade(c, 7, 2, 9, 0);
	expect_render(c, 0,
		"f(x)  /\\\n"
		"---- /\n"
		"____/  @\n");
	plot_canvas_free(c);
}

Test(plot_render, braille_golden)
{
	struct plot_canvas *c = plot_canvas_new(3, 2, PLOT_ENC_BRAILLE);

	plot_line(c, PLOT_LAYER_CURVE, 0, 0, 3, 3, 0);
	plot_line(c, PLOT_LAYER_CURVE, 5, 0, 5, 7, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 0, 7, 0);
	expect_render(c, 0,
		"\xe2\xa0\x91\xe2\xa2\x84\xe2\xa2\xb8\n"        /* ⠑⢄⢸ */
		"\xe2\xa1\x80 \xe2\xa2\xb8\n");                  /* ⡀ ⢸ */
	plot_canvas_free(c);
}

Test(plot_render, blocks_golden)
{
	struct plot_canvas *c = plot_canvas_new(3, 2, PLOT_ENC_BLOCKS);

	plot_line(c, PLOT_LAYER_CURVE, 0, 0, 2, 2, 0);
	plot_dot(c, PLOT_LAYER_CURVE, 2, 3, 0);
	expect_render(c, 0,
		"\xe2\x96\x80\xe2\x96\x84\n"                    /* ▀▄ */
		"  \xe2\x96\x88\n");                            /*   █ */
	plot_canvas_free(c);
}

Test(plot_render, trailing_blanks_are_trimmed)
{
	struct plot_canvas *c = plot_canvas_new(10, 3, PLOT_ENC_ASCII);

	plot_text(c, 0, 0, "ab  ", 0, 0);
	plot_text(c, 2, 2, "c", 0, 0);
	expect_render(c, 0, "ab\n\n  c\n");
	expect_render(c, 1, "ab\n\n  c\n");
	plot_canvas_free(c);
}

Test(plot_render, braille_blank_inside_the_area)
{
	struct plot_canvas *c = plot_canvas_new(4, 2, PLOT_ENC_BRAILLE);

	plot_dot(c, PLOT_LAYER_CURVE, 2, 0, 0);
	plot_canvas_set_area(c, 1, 0, 2, 2);
	expect_render(c, 0, " \xe2\xa0\x81\n\n");      /* off by default */
	plot_canvas_set_braille_blank(c, 1);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 1, 0).ch, 0x2801);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, 0x2800);
	cr_assert_eq(plot_canvas_cell(c, 3, 0).ch, ' ');
	cr_assert_eq(plot_canvas_cell(c, 1, 1).ch, 0x2800);
	expect_render(c, 0,
		" \xe2\xa0\x81\xe2\xa0\x80\n"
		" \xe2\xa0\x80\xe2\xa0\x80\n");
	plot_canvas_set_braille_blank(c, 0);
	cr_assert_eq(plot_canvas_cell(c, 2, 0).ch, ' ');
	plot_canvas_free(c);

	/* only in braille */
	c = plot_canvas_new(2, 1, PLOT_ENC_ASCII);
	plot_canvas_set_braille_blank(c, 1);
	cr_assert_eq(plot_canvas_cell(c, 0, 0).ch, ' ');
	plot_canvas_free(c);
}

static struct plot_canvas *
colourful(void)
{
	struct plot_canvas *c = plot_canvas_new(5, 2, PLOT_ENC_ASCII);

	plot_text(c, 0, 0, "ab", PLOT_RED, PLOT_BOLD);
	plot_mark(c, 2, 0, 'c', PLOT_GREY, 0);
	plot_shade(c, 3, 0, 3, PLOT_BLUE);
	plot_shade(c, 0, 1, 5, PLOT_GREEN);
	plot_mark(c, 0, 1, 'x', 0, PLOT_REVERSE | PLOT_DIM);
	plot_line(c, PLOT_LAYER_CONTOUR, 3, 4, 5, 4, PLOT_YELLOW);
	plot_line(c, PLOT_LAYER_CONTOUR, 6, 4, 8, 4, PLOT_YELLOW);
	return c;
}

Test(plot_render, no_colour_no_escapes)
{
	struct plot_canvas *c = colourful();
	char *out = render(c, 0);

	cr_assert_null(strchr(out, '\033'));
	cr_assert_str_eq(out, "abc-\nx--\n");   /* the shading's ramp glyph */
	free(out);
	plot_canvas_free(c);
}

Test(plot_render, ansi_8_colours)
{
	struct plot_canvas *c = colourful();

	expect_render(c, 1,
		"\033[0;1;31mab\033[0;90mc\033[0;44m \033[0m\n"
		"\033[0;2;7;42mx\033[0;33m--\033[0m\n");
	plot_canvas_free(c);
}

Test(plot_render, ansi_256_colours)
{
	struct plot_canvas *c = plot_canvas_new(4, 1, PLOT_ENC_ASCII);

	plot_text(c, 0, 0, "ab", 196, 0);
	plot_shade(c, 1, 0, 1, 21);
	plot_mark(c, 2, 0, 'c', PLOT_RED, 0);
	plot_shade(c, 3, 0, 2, PLOT_GREY);
	expect_render(c, 2,
		"\033[0;38;5;196ma\033[0;38;5;196;48;5;21mb\033[0;31mc"
		"\033[0;100m \033[0m\n");
	/* the same in 8 colours: the cube falls to the nearest */
	expect_render(c, 1,
		"\033[0;31ma\033[0;31;44mb\033[0;31mc\033[0;100m \033[0m\n");
	plot_canvas_free(c);
}

Test(plot_render, plain_cells_need_no_escape)
{
	struct plot_canvas *c = plot_canvas_new(6, 2, PLOT_ENC_ASCII);

	plot_text(c, 0, 0, "plain", 0, 0);
	plot_text(c, 0, 1, "a", 0, 0);
	plot_text(c, 1, 1, "b", PLOT_CYAN, 0);
	plot_text(c, 2, 1, "c", 0, 0);
	expect_render(c, 1, "plain\na\033[0;36mb\033[0mc\n");
	expect_render(c, 2, "plain\na\033[0;36mb\033[0mc\n");
	plot_canvas_free(c);
}
