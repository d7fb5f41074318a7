/*
 * ui-main.c - the terminal UI's frame: ncursesw set up and always torn
 * down (on q, Ctrl-C, SIGTERM, SIGHUP after saving the progress, and a
 * fatal error, whose message comes after the screen is restored), the
 * loop that dispatches keys to the current screen, redraws after a
 * resize, and ticks animations; and the drawing helpers every screen
 * uses.  The frame is redrawn whole each time, into ncurses' buffer:
 * ncurses sends only the cells that changed.
 */
#include "config.h"

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "descent/ui.h"
#include "descent/util.h"
#include "ui-int.h"
#include <term.h>       /* after the headers: it defines names such as columns */

static volatile sig_atomic_t got_signal;
static int curses_on;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* Restores the terminal; safe to call twice, and from fatal(). */
static void
restore(void)
{
	if (curses_on) {
		curses_on = 0;
		if (enter_ca_mode == NULL || *enter_ca_mode == '\0') {
			/* no alternate screen to leave (vt100, the Linux console):
			 * the screen is left blank, not with the UI on it */
			erase();
			refresh();
		}
		endwin();
	}
}

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
	if (COLORS >= 256)
		return (short)c;
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
ui_draw_canvas(struct ui *u, const struct plot_canvas *c, int y, int x)
{
	int w = plot_canvas_width(c), h = plot_canvas_height(c), cx, cy;

	for (cy = 0; cy < h && y + cy < u->rows; cy++) {
		for (cx = 0; cx < w && x + cx < u->cols; cx++) {
			struct plot_cell pc = plot_canvas_cell(c, cx, cy);
			wchar_t wc[2] = { (wchar_t)pc.ch, 0 };
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

/* Draws len bytes of UTF-8 at the cursor, at most `room` characters. */
static int
put_utf8(const char *s, size_t len, int room, attr_t a)
{
	mbstate_t st;
	size_t i = 0;
	int cols = 0;

	memset(&st, 0, sizeof st);
	while (i < len && cols < room) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		cchar_t cc;
		wchar_t w2[2];
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = L'?';
			n = 1;
			memset(&st, 0, sizeof st);
		}
		w2[0] = wc;
		w2[1] = 0;
		setcchar(&cc, w2, a, 0, NULL);
		add_wch(&cc);
		i += n;
		cols++;
	}
	return cols;
}

/* The characters of UTF-8 text (every one a column wide here). */
static int
utf8_chars(const char *s, size_t len)
{
	int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* An ellipsis at the cursor: "…", or "..." in ASCII; returns its width. */
static int
put_ellipsis(struct ui *u, attr_t a)
{
	return put_utf8(u->utf8 && !u->ascii ? "\xe2\x80\xa6" : "...", 3, 3, a);
}

void
ui_put(struct ui *u, const char *s, int width)
{
	char *a = NULL;
	int dots = u->utf8 && !u->ascii ? 1 : 3;

	if (!u->utf8 || u->ascii)
		s = a = text_ascii(s);
	if (s != NULL && width > 0) {
		size_t len = strlen(s);
		if (utf8_chars(s, len) > width && width > dots) {
			/* cut: the end shows that there is more */
			put_utf8(s, len, width - dots, 0);
			put_ellipsis(u, 0);
		} else {
			put_utf8(s, len, width, 0);
		}
	}
	free(a);
}

int
ui_text(struct ui *u, const char *text, int y, int x, int width, int rows, int skip)
{
	int utf8 = u->utf8 && !u->ascii, dots = utf8 ? 1 : 3;
	size_t n = text_wrap(text, width, utf8, NULL, 0);
	char *buf = xmalloc(n + 1), *line, *next;
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
		for (i = start = 0;; i++) {
			char ch = line[i];
			int marker = ch == '`' || (ch == '*' && !code);
			if (ch == '\0' || marker) {
				col += put_utf8(line + start, i - start, width - col,
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
	free(buf);
	return count;
}

void
ui_status(struct ui *u, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	attron(A_REVERSE);
	move(u->rows - 1, 0);
	put_utf8(buf, strlen(buf), u->cols, A_REVERSE);
	hline(' ', u->cols);
	attroff(A_REVERSE);
}

void
ui_fig_run(struct plot_fig *fig, int index, const struct run *r, const char *label)
{
	const struct trajectory *t = run_trajectory(r);

	plot_fig_trajectory_to(fig, index, t->w, t->len, run_point(r), label);
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

void
ui_switch(struct ui *u, const struct ui_screen *s)
{
	if (u->screen != NULL && u->screen->leave != NULL)
		u->screen->leave(u);
	plot_fig_free(u->fig);
	u->fig = NULL;
	free(u->state);
	u->state = NULL;
	u->message[0] = '\0';
	u->screen = s;
	u->typing = 0;
	u->timeout_ms = 250;
}

/* The keys of the current screen, over it. */
static void
draw_help(struct ui *u)
{
	static const char common[] = "?: these keys (any key closes them)\n";
	int w = u->cols > 80 ? 76 : u->cols - 4, y0 = u->rows > 24 ? 2 : 1;
	int x0 = (u->cols - w) / 2, h, i;
	char text[1600];

	snprintf(text, sizeof text, "Keys of the %s\n\n%s%s", u->screen->name, u->screen->help,
		 common);
	h = 0;
	for (i = 0; text[i] != '\0'; i++)
		h += text[i] == '\n';
	h += 2;                         /* the rules above and below */
	if (h > u->rows - 1 - y0)
		h = u->rows - 1 - y0;
	for (i = 0; i < h; i++) {
		move(y0 + i, x0);
		hline(' ', w);
	}
	attron(A_BOLD);
	mvhline(y0, x0, '-', w);
	mvhline(y0 + h - 1, x0, '-', w);
	attroff(A_BOLD);
	{
		char *line = text, *nl;
		int row = y0 + 1;
		while (*line != '\0' && row < y0 + h - 1) {
			nl = strchr(line, '\n');
			move(row++, x0 + 2);
			put_utf8(line, nl ? (size_t)(nl - line) : strlen(line), w - 4, 0);
			if (nl == NULL)
				break;
			line = nl + 1;
		}
	}
}

/*
 * Whether the terminal has hung up.  A process without it as its
 * controlling terminal (under setsid, say) gets no SIGHUP when the link
 * drops: its reads fail at once, and the loop would spin.
 */
static int
terminal_gone(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* The loop: draw, wait for a key or a tick, dispatch. */
static void
run(struct ui *u)
{
	while (!u->quit && !got_signal) {
		int ch;

		getmaxyx(stdscr, u->rows, u->cols);
		erase();
		if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
			char msg[160];
			snprintf(msg, sizeof msg, "descent needs %dx%d at least; this terminal "
				 "is %dx%d.", UI_MIN_COLS, UI_MIN_ROWS, u->cols, u->rows);
			mvaddnstr(0, 0, msg, u->cols);
		} else {
			u->screen->draw(u);
			if (u->help)
				draw_help(u);
		}
		refresh();
		timeout(u->timeout_ms);
		ch = getch();
		if (ch == ERR) {
			if (terminal_gone()) {
				got_signal = SIGHUP;    /* as a dropped link: saved, then out */
				break;
			}
			if (u->screen->tick != NULL && !u->help)
				u->screen->tick(u);
			continue;
		}
		if (ch == KEY_RESIZE)
			continue;
		if (u->help) {
			u->help = 0;
			continue;
		}
		if (ch == '?' && !u->typing) {
			u->help = 1;
			continue;
		}
		if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
			if (ch == 'q' || ch == 27)
				u->quit = 1;
			continue;
		}
		u->screen->key(u, ch);
	}
}

static int
start(struct ui *u, int ascii)
{
	const char *nc = getenv("NO_COLOR"), *cs;
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fatal_set_cleanup(restore);
	if (initscr() == NULL)
		return -1;
	curses_on = 1;
	atexit(restore);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);               /* a press is a click at once */
	u->ascii = ascii;
	cs = setlocale(LC_CTYPE, NULL);
	u->utf8 = cs != NULL && (strstr(cs, "UTF-8") != NULL || strstr(cs, "utf8") != NULL);
	u->color = has_colors() && (nc == NULL || *nc == '\0');
	if (u->color) {
		start_color();
		use_default_colors();
	}
	getmaxyx(stdscr, u->rows, u->cols);
	u->timeout_ms = 250;
	return 0;
}

/* Tears down; says why when a signal ended it. */
static int
finish(struct ui *u)
{
	int sig = got_signal;

	if (u->screen != NULL && u->screen->leave != NULL)
		u->screen->leave(u);
	if (u->has_runner)
		runner_done(&u->runner);
	if (u->prog != NULL)
		progress_save(u->prog, &u->ds);         /* a dropped link loses nothing */
	plot_fig_free(u->fig);
	free(u->state);
	restore();
	lesson_diags_print(&u->ds, stderr);
	lesson_diags_done(&u->ds);
	fatal_set_cleanup(NULL);
	return sig ? 128 + sig : 0;
}

int
ui_available(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0 || !isatty(STDOUT_FILENO) ||
	    !isatty(STDIN_FILENO))
		return 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return 0;
	del_curterm(cur_term);  /* initscr reads the terminal's description again */
	return 1;
}

int
ui_course(struct lesson_course *co, struct progress *prog, const char *chapter, int page,
	  int ascii)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	lesson_diags_init(&u.ds);
	u.course = co;
	u.prog = prog;
	if (start(&u, ascii) < 0) {
		fprintf(stderr, "descent: cannot open the terminal\n");
		lesson_diags_done(&u.ds);
		return 1;
	}
	ui_course_open(&u, chapter, page);
	run(&u);
	return finish(&u);
}

int
ui_play(const struct ui_play_args *a)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	lesson_diags_init(&u.ds);
	if (start(&u, a->ascii) < 0) {
		fprintf(stderr, "descent: cannot open the terminal\n");
		return 1;
	}
	if (a->expr != NULL)
		ui_play_setup(&u, a);
	else
		ui_switch(&u, &ui_pick_screen);
	run(&u);
	return finish(&u);
}
