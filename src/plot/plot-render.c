/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-render.c - the plain-text sink: the canvas as lines of UTF-8 on a
 * stdio stream, optionally with ANSI colour escapes.  It reads the
 * canvas only through plot_canvas_cell, like any other sink.
 *
 * Escapes are minimal but self-contained: one is written only where the
 * attributes change from the previous cell, and it always restates the
 * whole state after a reset ("\033[0;1;31;44m", or "\033[0m" back to the
 * defaults), so no line depends on what an earlier one left set; a line
 * that ends with anything set ends with "\033[0m".  A cell whose glyph is
 * in its own background colour (as shading is) could not be seen: in
 * colour it is written as a space on that colour.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "descent/plot.h"

struct sgr {
	uint8_t fg, bg, attr;
};

static int
sgr_same(struct sgr a, struct sgr b)
{
	return a.fg == b.fg && a.bg == b.bg && a.attr == b.attr;
}

/*
 * The 8-colour code of a colour (the foreground one; a background adds
 * 10): 1-7 are 31-37, 8 is bright black (90), 9-15 the other bright ones,
 * and the 256-colour cube and greys fall to the nearest of those.
 */
static int
ansi8(uint8_t c)
{
	int n, bits;

	if (c <= 7)
		return 30 + c;
	if (c <= 15)
		return 90 + (c - 8);
	if (c >= 232)
		return c < 244 ? 90 : 37;
	n = c - 16;
	bits = (n / 36 >= 3) | (n / 6 % 6 >= 3) << 1 | (n % 6 >= 3) << 2;
	return bits == 0 ? 90 : 30 + bits;
}

static void
put_color(FILE *fp, uint8_t c, int bg, int mode)
{
	if (mode == 2 && c > PLOT_GREY)
		fprintf(fp, ";%d;5;%u", bg ? 48 : 38, (unsigned)c);
	else
		fprintf(fp, ";%d", ansi8(c) + (bg ? 10 : 0));
}

static void
put_sgr(FILE *fp, struct sgr s, int mode)
{
	fputs("\033[0", fp);
	if (s.attr & PLOT_BOLD)
		fputs(";1", fp);
	if (s.attr & PLOT_DIM)
		fputs(";2", fp);
	if (s.attr & PLOT_REVERSE)
		fputs(";7", fp);
	if (s.fg != 0)
		put_color(fp, s.fg, 0, mode);
	if (s.bg != 0)
		put_color(fp, s.bg, 1, mode);
	putc_unlocked('m', fp);
}

static void
put_utf8(FILE *fp, uint32_t ch)
{
	if (ch < 0x80) {
		putc_unlocked((int)ch, fp);
	} else if (ch < 0x800) {
		putc_unlocked((int)(0xc0 | ch >> 6), fp);
		putc_unlocked((int)(0x80 | (ch & 0x3f)), fp);
	} else if (ch < 0x10000) {
		putc_unlocked((int)(0xe0 | ch >> 12), fp);
		putc_unlocked((int)(0x80 | (ch >> 6 & 0x3f)), fp);
		putc_unlocked((int)(0x80 | (ch & 0x3f)), fp);
	} else {
		putc_unlocked((int)(0xf0 | ch >> 18), fp);
		putc_unlocked((int)(0x80 | (ch >> 12 & 0x3f)), fp);
		putc_unlocked((int)(0x80 | (ch >> 6 & 0x3f)), fp);
		putc_unlocked((int)(0x80 | (ch & 0x3f)), fp);
	}
}

/* The cell as this sink shows it: attributes dropped without colour. */
static struct plot_cell
shown(const struct plot_canvas *c, int x, int y, int mode)
{
	struct plot_cell cell = plot_canvas_cell(c, x, y);

	if (mode == 0) {
		cell.fg = cell.bg = cell.attr = 0;
	} else if (cell.bg != 0 && cell.fg == cell.bg) {
		cell.ch = ' ';
		cell.fg = 0;
	}
	return cell;
}

/* A space that shows nothing: trailing ones are trimmed. */
static int
blank(struct plot_cell cell)
{
	return cell.ch == ' ' && cell.bg == 0 && !(cell.attr & PLOT_REVERSE);
}

void
plot_render_text(const struct plot_canvas *c, FILE *fp, int color)
{
	int mode = color <= 0 ? 0 : color == 1 ? 1 : 2;
	int w = plot_canvas_width(c), h = plot_canvas_height(c);
	struct sgr none = { 0, 0, 0 }, cur, want;
	struct plot_cell cell;
	int x, y, end;

	flockfile(fp);          /* one lock for the frame, then putc_unlocked */
	for (y = 0; y < h; y++) {
		for (end = w; end > 0 && blank(shown(c, end - 1, y, mode)); end--)
			;
		cur = none;
		for (x = 0; x < end; x++) {
			cell = shown(c, x, y, mode);
			want.fg = cell.fg;
			want.bg = cell.bg;
			want.attr = cell.attr & (PLOT_BOLD | PLOT_DIM | PLOT_REVERSE);
			if (!sgr_same(want, cur)) {
				put_sgr(fp, want, mode);
				cur = want;
			}
			if (cell.ch != 0)       /* 0: the rest of a wide character */
				put_utf8(fp, cell.ch);
		}
		if (!sgr_same(cur, none))
			fputs("\033[0m", fp);
		putc_unlocked('\n', fp);
	}
	funlockfile(fp);
}
