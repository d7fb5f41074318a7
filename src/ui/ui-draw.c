/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-draw.c - the drawing helpers every screen uses: a plot canvas into
 * cells (its colours as curses pairs, made on first use), UTF-8 text cut
 * with an ellipsis or wrapped with *emphasis* and `code`, the status line,
 * and the plot options that fit this terminal.  They draw into ncurses'
 * buffer at the given place and clip at the screen's edge; the frame
 * (ui-main.c) decides when the buffer is sent.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "descent/optim.h"
#include "ui-int.h"

/* --- colour ---------------------------------------------------------- */

static short pair_of[256][256];
static short next_pair = 1;

/* A plot colour as a curses colour (-1: the default). */
static short
curses_color(int c)
{
	if (c <= 0)
		return -1;
	if (c <= 7)
		return (short)c;        /* ANSI and curses agree on 1-7 */
	if (c == PLOT_GREY)
		return COLORS >= 16 ? 8 : COLOR_WHITE;
	if (c <= 15)                    /* the brighter eight */
		return (short)(COLORS >= 16 ? c : c - 8);
	if (COLORS >= 256)
		return (short)c;
	if (c >= 232)                   /* the greys of contours */
		return c < 244 && COLORS >= 16 ? 8 : COLOR_WHITE;
	return COLOR_BLUE;              /* a shade without 256 colours */
}

attr_t
ui_color_attr(struct ui *u, int fg, int bg)
{
	short p;

	if (!u->color || (fg == 0 && bg == 0))
		return 0;
	p = pair_of[fg & 255][bg & 255];
	if (p == 0) {
		if (next_pair >= COLOR_PAIRS)
			return 0;
		p = next_pair++;
		init_pair(p, curses_color(fg), curses_color(bg));
		pair_of[fg & 255][bg & 255] = p;
	}
	return COLOR_PAIR(p);
}

/* --- drawing ------------------------------------------------------------ */

void
ui_draw_loss(struct ui *u, struct run *const *runs, const char *const *names, int n,
	     int y, int x, int w, int h)
{
	struct plot_series s[8];        /* plot_series draws 8 at most */
	int i, k = 0;

	for (i = 0; i < n && k < (int)(sizeof s / sizeof s[0]); i++) {
		const struct trajectory *t;
		if (runs[i] == NULL)
			continue;
		t = run_trajectory(runs[i]);
		s[k].name = names[i];
		s[k].v = t->f;
		s[k].n = t->len;
		plot_traj_style(i, &s[k].glyph, &s[k].color);
		k++;
	}
	ui_draw_series(u, s, k, y, x, w, h);
}

void
ui_draw_series(struct ui *u, const struct plot_series *s, int n, int y, int x, int w, int h)
{
	struct plot_opts o;
	struct plot_canvas *c;

	ui_plot_opts(u, &o, w, h);
	o.steady = 1;           /* it grows live: a frame that rarely moves */
	c = plot_series(&o, s, n, -1, NULL);
	ui_draw_canvas(u, c, y, x);
	plot_canvas_free(c);
}

static const char setting_keys[RUN_SET_COUNT][3] = { "[]", "{}", "()", "<>", ",." };

int
ui_setting_key(int ch, int *dir)
{
	int k;

	for (k = 0; k < RUN_SET_COUNT; k++)
		if (ch == setting_keys[k][0] || ch == setting_keys[k][1]) {
			*dir = ch == setting_keys[k][0] ? -1 : 1;
			return k;
		}
	return -1;
}

const char *
ui_setting_keys(int k)
{
	static const char *const text[RUN_SET_COUNT] = { "[ ]", "{ }", "( )", "< >", ", ." };

	return k >= 0 && k < RUN_SET_COUNT ? text[k] : "";
}

int
ui_loss_beside(int w)
{
	return w >= 140 ? w / 3 : 0;
}

void
ui_draw_canvas(struct ui *u, const struct plot_canvas *c, int y, int x)
{
	int w = plot_canvas_width(c), h = plot_canvas_height(c), cx, cy;

	for (cy = 0; cy < h && y + cy < u->rows; cy++) {
		for (cx = 0; cx < w && x + cx < u->cols; cx++) {
			struct plot_cell pc = plot_canvas_cell(c, cx, cy);
			wchar_t wc[2] = { (wchar_t)pc.ch, 0 };
			if (pc.ch == 0)
				continue;       /* the rest of a wide character */
			attr_t a = ui_color_attr(u, pc.fg, pc.fg == pc.bg && u->color ? 0 : pc.bg);
			cchar_t cc;
			if (pc.attr & PLOT_BOLD)
				a |= A_BOLD;
			if (pc.attr & PLOT_DIM)
				a |= A_DIM;
			if (pc.attr & PLOT_REVERSE)
				a |= A_REVERSE;
			if (u->color && pc.fg == pc.bg && pc.bg != 0) {
				/* a shaded cell: a blank on the shade's colour */
				wc[0] = L' ';
				a = ui_color_attr(u, 0, pc.bg);
			}
			setcchar(&cc, wc, a & ~A_COLOR, PAIR_NUMBER(a), NULL);
			mvadd_wch(y + cy, x + cx, &cc);
		}
	}
}

int
ui_put_utf8(const char *s, size_t len, int room, attr_t a)
{
	size_t i = 0, n;
	int cols = 0, w;
	uint32_t c;

	while (i < len) {
		cchar_t cc;
		wchar_t w2[2];
		n = utf8_next(s + i, len - i, &c);
		w = char_columns(c);
		if (cols + w > room)
			break;
		if (c == 0xfffd || c < ' ' || c == 0x7f)
			c = '?';
		w2[0] = (wchar_t)c;
		w2[1] = 0;
		/* a combining mark joins the character before it (X/Open add_wch) */
		setcchar(&cc, w2, a, 0, NULL);
		add_wch(&cc);
		i += n;
		cols += w;
	}
	return cols;
}

int
ui_chars(const char *s, size_t len)
{
	return (int)utf8_columns(s, len);
}

size_t
ui_bytes(const char *s, int n)
{
	return utf8_fit(s, strlen(s), n > 0 ? (size_t)n : 0, NULL);
}

/* An ellipsis at the cursor: "…", or "..." in ASCII; returns its width. */
static int
put_ellipsis(struct ui *u, attr_t a)
{
	return ui_put_utf8(u->utf8 && !u->ascii ? "\xe2\x80\xa6" : "...", 3, 3, a);
}

void
ui_put(struct ui *u, const char *s, int width)
{
	char *a = NULL, *safe = s != NULL ? text_safe(s) : NULL;
	int dots = u->utf8 && !u->ascii ? 1 : 3;

	s = safe;       /* a title from a file: no control reaches the screen */
	if (s != NULL && (!u->utf8 || u->ascii))
		s = a = text_ascii(s);
	if (s != NULL && width > 0) {
		size_t len = strlen(s);
		if (ui_chars(s, len) > width && width > dots) {
			/* cut: the end shows that there is more */
			ui_put_utf8(s, len, width - dots, 0);
			put_ellipsis(u, 0);
		} else {
			ui_put_utf8(s, len, width, 0);
		}
	}
	free(a);
	free(safe);
}

/*
 * Marks in mark[] the asterisks of line that pair up as *emphasis*: an
 * opening one not after a letter or digit and before a character that is
 * not blank, a closing one after a character that is not blank and not
 * before a letter or digit, on the same line and outside `code`.  A lone
 * asterisk (beta* alone, lr*g) is text, shown as written.
 */
static void
emphasis_marks(const char *line, size_t len, char *mark)
{
	size_t i, j;
	int code = 0;

	memset(mark, 0, len + 1);
	for (i = 0; i < len; i++) {
		if (line[i] == '`')
			code = !code;
		if (code || line[i] != '*' || (i > 0 && isalnum((unsigned char)line[i - 1])) ||
		    i + 1 >= len || line[i + 1] == ' ' || line[i + 1] == '*')
			continue;
		for (j = i + 2; j < len && line[j] != '`'; j++)
			if (line[j] == '*' && line[j - 1] != ' ' &&
			    (j + 1 >= len || !isalnum((unsigned char)line[j + 1])))
				break;
		if (j < len && line[j] == '*') {
			mark[i] = mark[j] = 1;
			i = j;
		}
	}
}

int
ui_text(struct ui *u, const char *text, int y, int x, int width, int rows, int skip)
{
	int utf8 = u->utf8 && !u->ascii, dots = utf8 ? 1 : 3;
	size_t n = text_wrap(text, width, utf8, NULL, 0), len;
	char *buf = xmalloc(n + 1), *line, *next, *mark = NULL;
	int count = 0, last = rows < u->rows - 1 - y ? rows - 1 : u->rows - 2 - y;

	text_wrap(text, width, utf8, buf, n + 1);
	for (line = buf; *line != '\0'; line = next) {
		char *nl = strchr(line, '\n');
		int row = count - skip, col = 0, bold = 0, code = 0;
		size_t i, start;
		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		count++;
		if (row < 0 || row >= rows || y + row >= u->rows - 1)
			continue;
		move(y + row, x);
		/* *emphasis* in bold, `code` underlined, the markers not shown */
		len = strlen(line);
		mark = xrealloc(mark, len + 1);
		emphasis_marks(line, len, mark);
		for (i = start = 0;; i++) {
			char ch = line[i];
			int marker = ch == '`' || (ch == '*' && !code && mark[i]);
			if (ch == '\0' || marker) {
				col += ui_put_utf8(line + start, i - start, width - col,
						   (bold ? A_BOLD : 0) | (code ? A_UNDERLINE : 0));
				if (ch == '\0')
					break;
				if (ch == '`')
					code = !code;
				else
					bold = !bold;
				start = i + 1;
			}
		}
		if (row == last && *next != '\0' && width > dots) {
			/* the last row shown, and more text below: an ellipsis ends it */
			if (col > width - dots)
				move(y + row, x + width - dots);
			put_ellipsis(u, 0);
		}
	}
	free(mark);
	free(buf);
	return count;
}

double
ui_shown(double v)
{
	return v == 0 ? 0.0 : v;        /* -x^4 at 0 is -0 */
}

void
ui_status(struct ui *u, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, _(fmt), ap);
	va_end(ap);
	attron(A_REVERSE);
	move(u->rows - 1, 0);
	ui_put_utf8(buf, strlen(buf), u->cols, A_REVERSE);
	hline(' ', u->cols);
	attroff(A_REVERSE);
}

void
ui_plot_opts(struct ui *u, struct plot_opts *o, int w, int h)
{
	plot_opts_init(o);
	o->width = w;
	o->height = h;
	o->enc = u->utf8 && !u->ascii ? PLOT_ENC_BRAILLE : PLOT_ENC_ASCII;
	o->color = u->color ? (COLORS >= 256 ? 2 : 1) : 0;
	o->title = 0;
}

size_t
ui_paragraphs(char *out, size_t size, const char *text)
{
	size_t k = 0, i;

	if (size == 0)
		return 0;
	for (i = 0; text[i] != '\0' && k + 2 < size; i++) {
		out[k++] = text[i];
		if (text[i] == '\n')
			out[k++] = '\n';
	}
	out[k] = '\0';
	return k;
}
