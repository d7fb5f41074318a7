/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-canvas.c - the canvas: cells in plain memory, dots drawn in
 * layers on a finer grid, per-cell shading and text, and the step that
 * composes each cell into one glyph (the way Redis' lolwut packs its
 * pixels into braille).
 *
 * Every layer keeps, per cell, a mask of its dots (bit row * dots_x +
 * col, at most 9 bits) and the colour of the last dot drawn there; the
 * encoding only matters when a cell is composed.  A higher layer with a
 * dot in a cell fully owns that cell's glyph, so a trajectory is never
 * garbled by the contours under it.  Everything clips silently: drawing
 * outside the canvas, an unknown layer or an unprintable code point does
 * nothing.  Text may hold wide characters, two cells each (the second a
 * cell of code point 0 for the sinks); what is printable beyond ASCII is
 * the locale's LC_CTYPE's to say (wcwidth), and a character's width is
 * the program's own (char_columns).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "descent/plot.h"
#include "descent/util.h"
#include "plot-int.h"

#define CANVAS_MAX 4096         /* cells across and down, at most */
#define COORD_SAFE (1LL << 28)   /* |coordinate| below which lines are exact */

struct plot_canvas {
	int w, h;
	enum plot_enc enc;
	int dx, dy;                     /* dots per cell */
	int ax, ay, aw, ah;             /* the plot area, in cells */
	int braille_blank;
	uint16_t *mask[PLOT_LAYER_COUNT];       /* dots per cell and layer */
	uint8_t *color[PLOT_LAYER_COUNT];       /* colour of the last dot */
	uint8_t *shade, *shade_color;           /* level 0-9 and colour */
	uint32_t *text;                         /* 0 where there is none */
	uint8_t *text_fg, *text_attr;
};

/* The ramp for shading levels 0-9, lightest first. */
static const char shade_ramp[] = " .:-=+*#%@";

/*
 * The ASCII glyphs and the ideal 3x3 masks they stand for (bit 3*row +
 * col):
 *
 *	0 1 2
 *	3 4 5
 *	6 7 8
 *
 * plot_ascii_glyph picks the entry nearest the mask in Hamming distance,
 * the first one on a tie, so the order is the priority: dense shapes,
 * then whole strokes (a line across the cell, in any row or column,
 * or along a diagonal) and their crossing, then the rounded corners of
 * ASCII boxes (".--." over "'--'") and ':', and last the single dots, so
 * that every lone dot is exact and any two dots along a stroke read as
 * the stroke.
 * ASCII has no overline: the top row is a '-' too, which keeps a
 * horizontal line continuous from cell to cell.
 */
static const struct {
	char glyph;
	uint16_t mask;
} ascii_shapes[] = {
	{ '#', 0x1ff },         /* everything */
	{ '+', 0x0ba },         /* 1 3 4 5 7: a cross */
	{ '-', 0x038 },         /* 3 4 5: the middle row */
	{ '_', 0x1c0 },         /* 6 7 8: the bottom row */
	{ '-', 0x007 },         /* 0 1 2: the top row */
	{ '|', 0x092 },         /* 1 4 7: the middle column */
	{ '|', 0x049 },         /* 0 3 6: the left column */
	{ '|', 0x124 },         /* 2 5 8: the right column */
	{ '/', 0x054 },         /* 2 4 6: the anti-diagonal */
	{ '\\', 0x111 },        /* 0 4 8: the diagonal */
	{ 'X', 0x155 },         /* 0 2 4 6 8: both diagonals */
	{ '.', 0x0b0 },         /* 4 5 7: a corner opening down and right */
	{ '.', 0x098 },         /* 3 4 7: down and left */
	{ '\'', 0x032 },        /* 1 4 5: up and right */
	{ '\'', 0x01a },        /* 1 3 4: up and left */
	{ ':', 0x082 },         /* 1 7 */
	{ '`', 0x001 },         /* the single dots */
	{ '\'', 0x002 },
	{ '\'', 0x004 },
	{ '-', 0x008 },
	{ '-', 0x010 },
	{ '-', 0x020 },
	{ '.', 0x040 },
	{ '.', 0x080 },
	{ '.', 0x100 },
};

/* Braille dot bits by (row, col) in the 2x4 cell (ISO 11548-1 order). */
static const uint8_t braille_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

static int
popcount9(unsigned v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

char
plot_ascii_glyph(unsigned mask)
{
	size_t i, best = 0;
	int d, best_d = 10;

	mask &= 0x1ff;
	if (mask == 0)
		return ' ';
	for (i = 0; i < sizeof ascii_shapes / sizeof ascii_shapes[0]; i++) {
		d = popcount9(mask ^ ascii_shapes[i].mask);
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return ascii_shapes[best].glyph;
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

struct plot_canvas *
plot_canvas_new(int w, int h, enum plot_enc enc)
{
	struct plot_canvas *c = xcalloc(1, sizeof *c);
	size_t n;
	int i;

	c->w = clampi(w, 1, CANVAS_MAX);
	c->h = clampi(h, 1, CANVAS_MAX);
	switch (enc) {
	case PLOT_ENC_BRAILLE:
		c->enc = enc;
		c->dx = 2;
		c->dy = 4;
		break;
	case PLOT_ENC_BLOCKS:
		c->enc = enc;
		c->dx = 1;
		c->dy = 2;
		break;
	default:
		c->enc = PLOT_ENC_ASCII;
		c->dx = 3;
		c->dy = 3;
		break;
	}
	c->aw = c->w;
	c->ah = c->h;
	n = (size_t)c->w * (size_t)c->h;
	for (i = 0; i < PLOT_LAYER_COUNT; i++) {
		c->mask[i] = xcalloc(n, sizeof *c->mask[i]);
		c->color[i] = xcalloc(n, 1);
	}
	c->shade = xcalloc(n, 1);
	c->shade_color = xcalloc(n, 1);
	c->text = xcalloc(n, sizeof *c->text);
	c->text_fg = xcalloc(n, 1);
	c->text_attr = xcalloc(n, 1);
	return c;
}

void
plot_canvas_free(struct plot_canvas *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < PLOT_LAYER_COUNT; i++) {
		free(c->mask[i]);
		free(c->color[i]);
	}
	free(c->shade);
	free(c->shade_color);
	free(c->text);
	free(c->text_fg);
	free(c->text_attr);
	free(c);
}

static size_t
ncells(const struct plot_canvas *c)
{
	return (size_t)c->w * (size_t)c->h;
}

/* The shade layer's dots and its per-cell shading go together. */
void
plot_canvas_clear_layer(struct plot_canvas *c, enum plot_layer layer)
{
	size_t n;

	if (c == NULL || (int)layer < 0 || layer >= PLOT_LAYER_COUNT)
		return;
	n = ncells(c);
	memset(c->mask[layer], 0, n * sizeof *c->mask[layer]);
	memset(c->color[layer], 0, n);
	if (layer == PLOT_LAYER_SHADE) {
		memset(c->shade, 0, n);
		memset(c->shade_color, 0, n);
	}
}

void
plot_canvas_clear(struct plot_canvas *c)
{
	int i;
	size_t n;

	if (c == NULL)
		return;
	for (i = 0; i < PLOT_LAYER_COUNT; i++)
		plot_canvas_clear_layer(c, (enum plot_layer)i);
	n = ncells(c);
	memset(c->text, 0, n * sizeof *c->text);
	memset(c->text_fg, 0, n);
	memset(c->text_attr, 0, n);
}

int
plot_canvas_width(const struct plot_canvas *c)
{
	return c->w;
}

int
plot_canvas_height(const struct plot_canvas *c)
{
	return c->h;
}

enum plot_enc
plot_canvas_enc(const struct plot_canvas *c)
{
	return c->enc;
}

int
plot_dots_x(const struct plot_canvas *c)
{
	return c->dx;
}

int
plot_dots_y(const struct plot_canvas *c)
{
	return c->dy;
}

/* Kept as given; composition intersects it with the canvas. */
void
plot_canvas_set_area(struct plot_canvas *c, int x0, int y0, int w, int h)
{
	c->ax = x0;
	c->ay = y0;
	c->aw = w;
	c->ah = h;
}

void
plot_canvas_set_braille_blank(struct plot_canvas *c, int on)
{
	c->braille_blank = on != 0;
}

/* A dot known to be on the canvas. */
static void
dot_at(struct plot_canvas *c, int layer, int x, int y, uint8_t color)
{
	size_t i = (size_t)(y / c->dy) * (size_t)c->w + (size_t)(x / c->dx);

	c->mask[layer][i] |= (uint16_t)(1u << ((y % c->dy) * c->dx + x % c->dx));
	c->color[layer][i] = color;
}

void
plot_dot(struct plot_canvas *c, enum plot_layer layer, int x, int y, uint8_t color)
{
	if ((int)layer < 0 || layer >= PLOT_LAYER_COUNT)
		return;
	if (x < 0 || y < 0 || x >= c->w * c->dx || y >= c->h * c->dy)
		return;
	dot_at(c, (int)layer, x, y, color);
}

int
plot_clip_segment(double *x0, double *y0, double *x1, double *y1, double xmax,
	     double ymax)
{
	double dx = *x1 - *x0, dy = *y1 - *y0;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { *x0, xmax - *x0, *y0, ymax - *y0 };
	double t0 = 0, t1 = 1, t;
	int i;

	for (i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		t = q[i] / p[i];
		if (p[i] < 0) {
			if (t > t1)
				return 0;
			if (t > t0)
				t0 = t;
		} else {
			if (t < t0)
				return 0;
			if (t < t1)
				t1 = t;
		}
	}
	*x1 = *x0 + t1 * dx;
	*y1 = *y0 + t1 * dy;
	*x0 = *x0 + t0 * dx;
	*y0 = *y0 + t0 * dy;
	return 1;
}

/*
 * The dots of the segment, one per step along its major axis, the other
 * coordinate rounded to nearest (halves away from the start).  That is
 * the set Bresenham's loop draws, computed directly so that only the
 * visible steps cost anything; the endpoints are ordered first, so a
 * reversed segment gives the same dots.  |coordinates| < COORD_SAFE keeps
 * the products below 2^61.
 */
static void
line_exact(struct plot_canvas *c, int layer, long long x0, long long y0,
	   long long x1, long long y1, uint8_t color)
{
	long long W = (long long)c->w * c->dx, H = (long long)c->h * c->dy;
	long long dmaj, dmin, m, lo, hi, v, t;
	int steep = llabs(y1 - y0) > llabs(x1 - x0);

	if (steep) {            /* walk along y: swap the roles */
		t = x0; x0 = y0; y0 = t;
		t = x1; x1 = y1; y1 = t;
		t = W; W = H; H = t;
	}
	if (x0 > x1) {
		t = x0; x0 = x1; x1 = t;
		t = y0; y0 = y1; y1 = t;
	}
	dmaj = x1 - x0;
	dmin = llabs(y1 - y0);
	lo = x0 < 0 ? 0 : x0;
	hi = x1 > W - 1 ? W - 1 : x1;
	for (m = lo; m <= hi; m++) {
		v = dmaj == 0 ? 0 : (2 * (m - x0) * dmin + dmaj) / (2 * dmaj);
		v = y1 >= y0 ? y0 + v : y0 - v;
		if (v < 0 || v >= H)
			continue;
		if (steep)
			dot_at(c, layer, (int)v, (int)m, color);
		else
			dot_at(c, layer, (int)m, (int)v, color);
	}
}

void
plot_line(struct plot_canvas *c, enum plot_layer layer, int x0, int y0, int x1,
	  int y1, uint8_t color)
{
	double fx0 = x0, fy0 = y0, fx1 = x1, fy1 = y1;

	if ((int)layer < 0 || layer >= PLOT_LAYER_COUNT)
		return;
	if (llabs(x0) < COORD_SAFE && llabs(y0) < COORD_SAFE &&
	    llabs(x1) < COORD_SAFE && llabs(y1) < COORD_SAFE) {
		line_exact(c, (int)layer, x0, y0, x1, y1, color);
		return;
	}
	/* far away: clip first, then draw what is left */
	if (!plot_clip_segment(&fx0, &fy0, &fx1, &fy1, (double)c->w * c->dx - 1,
			  (double)c->h * c->dy - 1))
		return;
	line_exact(c, (int)layer, llround(fx0), llround(fy0), llround(fx1),
		   llround(fy1), color);
}

void
plot_shade(struct plot_canvas *c, int cx, int cy, int level, uint8_t color)
{
	size_t i;

	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
		return;
	i = (size_t)cy * (size_t)c->w + (size_t)cx;
	c->shade[i] = (uint8_t)clampi(level, 0, 9);
	c->shade_color[i] = c->shade[i] ? color : 0;
}

/*
 * The cells ch takes in text: 1 for printable ASCII and a single-width
 * character this locale prints, 2 for a wide one it prints as wide, 0
 * for what cannot be text (a control, a combining mark, a surrogate, a
 * character the locale cannot print or sees another width for).
 */
static int
text_cells(uint32_t ch)
{
	int w;

	if (ch >= 0x20 && ch < 0x7f)
		return 1;
	if (ch < 0xa0 || ch > 0x10ffff || (ch >= 0xd800 && ch < 0xe000))
		return 0;
	w = char_columns(ch);
	return w >= 1 && wcwidth((wchar_t)ch) == w ? w : 0;
}

/* The text cell after a wide character: nothing of its own. */
#define WIDE_REST 0xffffffffu

/* Clears the text of cell i, and of the other half of a wide character there. */
static void
text_clear(struct plot_canvas *c, size_t i, size_t rowstart, size_t rowend)
{
	if (c->text[i] == WIDE_REST && i > rowstart)
		c->text[i - 1] = 0;
	else if (i + 1 < rowend && c->text[i + 1] == WIDE_REST)
		c->text[i + 1] = 0;
	c->text[i] = 0;
}

size_t
plot_text_bytes(const char *s, int cols)
{
	return utf8_fit(s, strlen(s), cols < 0 ? 0 : (size_t)cols, NULL);
}

void
plot_text_cut(char *s, int width)
{
	s[plot_text_bytes(s, width < 0 ? 0 : width)] = '\0';
}

int
plot_text_width(const char *s)
{
	return (int)utf8_columns(s, strlen(s));
}

/*
 * Two passes: the first checks the whole string (valid UTF-8, single
 * width, on the canvas, no other text in the way), the second writes.
 * A label's spaces are text too: they hide the dots under them.  The
 * empty string needs no cell and always succeeds.
 */
int
plot_text(struct plot_canvas *c, int cx, int cy, const char *s, uint8_t fg,
	  uint8_t attr)
{
	const char *p;
	uint32_t ch;
	size_t row, n;
	int len, x, w, k;

	if (s == NULL)
		return 0;
	if (*s == '\0')
		return 1;
	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
		return 0;
	row = (size_t)cy * (size_t)c->w;
	n = strlen(s);
	for (p = s, x = cx; *p != '\0'; p += len, x += w) {
		if ((len = (int)utf8_decode(p, n - (size_t)(p - s), &ch)) == 0 ||
		    (w = text_cells(ch)) == 0)
			return 0;
		for (k = 0; k < w; k++)
			if (x + k >= c->w || c->text[row + (size_t)(x + k)] != 0)
				return 0;
	}
	for (p = s, x = cx; *p != '\0'; p += len, x += w) {
		len = (int)utf8_decode(p, n - (size_t)(p - s), &ch);
		w = text_cells(ch);
		for (k = 0; k < w; k++) {
			c->text[row + (size_t)(x + k)] = k == 0 ? ch : WIDE_REST;
			c->text_fg[row + (size_t)(x + k)] = fg;
			c->text_attr[row + (size_t)(x + k)] = attr;
		}
	}
	return 1;
}

void
plot_mark(struct plot_canvas *c, int cx, int cy, uint32_t ch, uint8_t fg,
	  uint8_t attr)
{
	size_t i;

	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h || text_cells(ch) != 1)
		return;
	i = (size_t)cy * (size_t)c->w + (size_t)cx;
	text_clear(c, i, (size_t)cy * (size_t)c->w, (size_t)(cy + 1) * (size_t)c->w);
	c->text[i] = ch;
	c->text_fg[i] = fg;
	c->text_attr[i] = attr;
}

void
plot_unmark(struct plot_canvas *c, int cx, int cy)
{
	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
		return;
	text_clear(c, (size_t)cy * (size_t)c->w + (size_t)cx, (size_t)cy * (size_t)c->w,
		   (size_t)(cy + 1) * (size_t)c->w);
}

/* The glyph of one layer's dots in a cell, in the canvas' encoding. */
static uint32_t
dots_glyph(const struct plot_canvas *c, unsigned mask)
{
	uint32_t b = 0;
	int row, col;

	switch (c->enc) {
	case PLOT_ENC_BRAILLE:
		for (row = 0; row < 4; row++)
			for (col = 0; col < 2; col++)
				if (mask & (1u << (row * 2 + col)))
					b |= braille_bit[row][col];
		return 0x2800 + b;
	case PLOT_ENC_BLOCKS:
		return (mask & 3) == 3 ? 0x2588 : (mask & 1) ? 0x2580 : 0x2584;
	default:
		return (uint32_t)(unsigned char)plot_ascii_glyph(mask);
	}
}

static int
in_area(const struct plot_canvas *c, int cx, int cy)
{
	return cx >= c->ax && cy >= c->ay &&
	    (long long)cx < (long long)c->ax + c->aw &&
	    (long long)cy < (long long)c->ay + c->ah;
}

/*
 * Text first, then the highest dot layer with a dot in the cell, then
 * the shading (its ramp glyph, drawn in the shade colour on the shade
 * colour: a colour sink shows a solid cell, a monochrome one the ramp),
 * then a blank.  The shade colour is the background under all of them.
 */
struct plot_cell
plot_canvas_cell(const struct plot_canvas *c, int cx, int cy)
{
	struct plot_cell cell = { ' ', 0, 0, 0 };
	size_t i;
	int l;

	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
		return cell;
	i = (size_t)cy * (size_t)c->w + (size_t)cx;
	cell.bg = c->shade_color[i];
	if (c->text[i] != 0) {
		cell.ch = c->text[i] == WIDE_REST ? 0 : c->text[i];
		cell.fg = c->text_fg[i];
		cell.attr = c->text_attr[i];
		return cell;
	}
	for (l = PLOT_LAYER_COUNT - 1; l >= 0; l--) {
		if (c->mask[l][i] != 0) {
			cell.ch = dots_glyph(c, c->mask[l][i]);
			cell.fg = c->color[l][i];
			return cell;
		}
	}
	if (c->shade[i] != 0) {
		cell.ch = (uint32_t)shade_ramp[c->shade[i]];
		cell.fg = c->shade_color[i];
		return cell;
	}
	if (c->enc == PLOT_ENC_BRAILLE && c->braille_blank && in_area(c, cx, cy))
		cell.ch = 0x2800;
	return cell;
}
