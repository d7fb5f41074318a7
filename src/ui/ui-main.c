/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-main.c - the terminal UI's frame: ncursesw set up and always torn
 * down (on q, Ctrl-C, Ctrl-\, SIGTERM, SIGHUP after saving the progress,
 * and a fatal error, whose message comes after the screen is restored;
 * on a crash, SIGABRT, SIGSEGV, SIGBUS or SIGFPE, only the terminal is
 * put back, by what is safe in a signal handler), the
 * loop that dispatches keys to the current screen, redraws after a
 * resize, and ticks animations, the help overlay, and the switch between
 * screens.  The frame is redrawn whole each time, into ncurses' buffer:
 * ncurses sends only the cells that changed.  The drawing helpers the
 * screens use are in ui-draw.c.
 */
#include "config.h"

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "descent/i18n.h"
#include "descent/ui.h"
#include "descent/util.h"
#include "ui-int.h"
#include <term.h>       /* after the headers: it defines names such as columns */

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t curses_on;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/*
 * A crash cannot call endwin, which is not async-signal-safe: it writes
 * what undoes ncurses' set-up, prepared while the UI starts, and puts
 * back the terminal's modes from before initscr with tcsetattr, which is
 * safe; then the signal ends the program as it would have (its exit
 * status, a core file), through the action it had before ours.
 */
static const int crash_signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
static struct sigaction crash_old[sizeof crash_signals / sizeof crash_signals[0]];
static struct termios shell_modes;
static int have_shell_modes;
static char undo[256];
static size_t undo_len;

static void
on_crash(int sig)
{
	size_t i;

	if (curses_on) {
		curses_on = 0;
		if (undo_len > 0 && write(STDOUT_FILENO, undo, undo_len) < 0) {
			/* nothing more can be done */
		}
		if (have_shell_modes)
			tcsetattr(STDOUT_FILENO, TCSADRAIN, &shell_modes);
	}
	for (i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &crash_old[i], NULL);
	raise(sig);     /* delivered on return, when the signal is no longer blocked */
}

/* Appends a terminfo string to undo, without its padding ($<5>). */
static void
undo_add(const char *cap)
{
	if (cap == NULL || cap == (const char *)-1)
		return;
	for (; *cap != '\0' && undo_len < sizeof undo; cap++) {
		if (cap[0] == '$' && cap[1] == '<' && strchr(cap, '>') != NULL) {
			cap = strchr(cap, '>');
			continue;
		}
		undo[undo_len++] = *cap;
	}
}

/*
 * What endwin would send: colours and attributes off, no mouse reports,
 * the cursor keys as normal, the cursor shown, out of the alternate screen
 * (or, without one, the screen cleared, as restore leaves it).
 */
static void
undo_prepare(int mouse)
{
	undo_len = 0;
	undo_add(exit_attribute_mode);
	if (mouse) {
		const char *xm = tigetstr("XM");

		if (xm != NULL && xm != (const char *)-1)
			undo_add(tiparm(xm, 0));
		else
			undo_add("\033[?1000l");
	}
	undo_add(keypad_local);
	undo_add(cursor_normal);
	if (enter_ca_mode == NULL || *enter_ca_mode == '\0')
		undo_add(clear_screen);
	else
		undo_add(exit_ca_mode);
}

/* Catches the crash signals once, unless they were ignored when we started. */
static void
catch_crashes(void)
{
	static int done;
	struct sigaction sa;
	size_t i;

	if (done)
		return;
	done = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
		if (sigaction(crash_signals[i], NULL, &crash_old[i]) < 0 ||
		    crash_old[i].sa_handler == SIG_IGN)
			continue;
		sigaction(crash_signals[i], &sa, NULL);
	}
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

/* --- the screens ---------------------------------------------------------- */

/*
 * Each screen's file exports its struct ui_screen, and only this table
 * names them: a screen goes to another by its id (ui_switch).  A new
 * screen is a file, an id in ui-int.h and an entry here.
 */
extern const struct ui_screen ui_map_screen, ui_page_screen, ui_play_screen, ui_pick_screen,
	ui_net_screen;

static const struct ui_screen *const screens[] = {
	[UI_SCREEN_MAP] = &ui_map_screen,
	[UI_SCREEN_PAGE] = &ui_page_screen,
	[UI_SCREEN_PLAY] = &ui_play_screen,
	[UI_SCREEN_PICK] = &ui_pick_screen,
	[UI_SCREEN_NET] = &ui_net_screen,
};
_Static_assert(sizeof screens / sizeof screens[0] == UI_SCREEN_COUNT,
	       "every screen id has its entry in the table");

void
ui_switch(struct ui *u, enum ui_screen_id id)
{
	if (u->screen != NULL && u->screen->leave != NULL)
		u->screen->leave(u);
	plot_fig_free(u->fig);
	u->fig = NULL;
	free(u->state);
	u->state = NULL;
	free(u->overlay);
	u->overlay = NULL;
	u->message[0] = '\0';
	u->screen = screens[id];
	u->typing = 0;
	u->timeout_ms = 250;
}

/* A character of the help's frame: a line-drawing one in UTF-8, else ASCII. */
static void
frame_char(struct ui *u, int y, int x, const cchar_t *wide, chtype ascii)
{
	if (u->utf8 && !u->ascii)
		mvadd_wch(y, x, wide);
	else
		mvaddch(y, x, ascii);
}

/* The width of the help's frame, and of any overlay's. */
static int
box_width(const struct ui *u)
{
	return u->cols > 80 ? 76 : u->cols - 4;
}

/*
 * Lines of text over the current screen: in a frame, with a blank margin
 * of one cell around it, so that the page does not run into it.
 */
static void
draw_box(struct ui *u, const char *text)
{
	int w = box_width(u), y0 = u->rows > 24 ? 2 : 1;
	int x0 = (u->cols - w) / 2, h, i;

	h = 0;
	for (i = 0; text[i] != '\0'; i++)
		h += text[i] == '\n';
	h += 2;                         /* the frame's top and bottom */
	if (h > u->rows - 1 - y0)
		h = u->rows - 1 - y0;
	/* the margin and the inside, cleared (not the screen's title row) */
	for (i = y0 > 1 ? y0 - 1 : y0; i <= y0 + h && i < u->rows - 1; i++) {
		int x = x0 > 0 ? x0 - 1 : 0, right = x0 + w < u->cols ? x0 + w + 1 : u->cols;
		if (i < 0)
			continue;
		move(i, x);
		hline(' ', right - x);
	}
	attron(A_BOLD);
	for (i = 1; i < w - 1; i++) {
		frame_char(u, y0, x0 + i, WACS_HLINE, '-');
		frame_char(u, y0 + h - 1, x0 + i, WACS_HLINE, '-');
	}
	for (i = 1; i < h - 1; i++) {
		frame_char(u, y0 + i, x0, WACS_VLINE, '|');
		frame_char(u, y0 + i, x0 + w - 1, WACS_VLINE, '|');
	}
	frame_char(u, y0, x0, WACS_ULCORNER, '+');
	frame_char(u, y0, x0 + w - 1, WACS_URCORNER, '+');
	frame_char(u, y0 + h - 1, x0, WACS_LLCORNER, '+');
	frame_char(u, y0 + h - 1, x0 + w - 1, WACS_LRCORNER, '+');
	attroff(A_BOLD);
	{
		const char *line = text, *nl;
		int row = y0 + 1;
		while (*line != '\0' && row < y0 + h - 1) {
			nl = strchr(line, '\n');
			move(row++, x0 + 2);
			ui_put_utf8(line, nl ? (size_t)(nl - line) : strlen(line), w - 4, 0);
			if (nl == NULL)
				break;
			line = nl + 1;
		}
	}
}

/* The keys of the current screen, over it. */
static void
draw_help(struct ui *u)
{
	/* TRANSLATORS: the last line of every key help: at most 62 columns */
	static const char common[] = N_("?: these keys (any key closes them)\n");
	char text[1600], title[160];

	/* TRANSLATORS: the title of a key help; %s is the screen's name */
	snprintf(title, sizeof title, _("Keys of the %s"), _(u->screen->name));
	snprintf(text, sizeof text, "%s\n\n%s%s", title, _(u->screen->help), _(common));
	draw_box(u, text);
}

void
ui_overlay(struct ui *u, const char *title, const char *text)
{
	int width = box_width(u) - 4, utf8 = u->utf8 && !u->ascii;
	/* TRANSLATORS: beside the title of a text shown over the screen */
	const char *close = _("(any key closes this)");
	size_t size = 2 * strlen(text) + 1, n, head;
	char *paras = xmalloc(size);

	ui_paragraphs(paras, size, text);
	n = text_wrap(paras, width, utf8, NULL, 0);
	head = strlen(title) + strlen(close) + 8;
	free(u->overlay);
	u->overlay = xmalloc(head + n + 1);
	snprintf(u->overlay, head, "%s   %s\n\n", title, close);
	text_wrap(paras, width, utf8, u->overlay + strlen(u->overlay), n + 1);
	free(paras);
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
			snprintf(msg, sizeof msg, _("descent needs %dx%d at least; this terminal "
				 "is %dx%d."), UI_MIN_COLS, UI_MIN_ROWS, u->cols, u->rows);
			mvaddnstr(0, 0, msg, u->cols);
		} else {
			u->screen->draw(u);
			if (u->help)
				draw_help(u);
			else if (u->overlay != NULL)
				draw_box(u, u->overlay);
		}
		refresh();
		timeout(u->timeout_ms);
		ch = getch();
		if (ch == ERR) {
			if (terminal_gone()) {
				got_signal = SIGHUP;    /* as a dropped link: saved, then out */
				break;
			}
			if (u->screen->tick != NULL && !u->help && u->overlay == NULL)
				u->screen->tick(u);
			continue;
		}
		if (ch == KEY_RESIZE)
			continue;
		if (u->help) {
			u->help = 0;
			continue;
		}
		if (u->overlay != NULL) {
			free(u->overlay);
			u->overlay = NULL;
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
	int mouse;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);  /* Ctrl-\: no core file, and the progress saved */
	catch_crashes();
	fatal_set_cleanup(restore);
	have_shell_modes = tcgetattr(STDOUT_FILENO, &shell_modes) == 0;
	if (initscr() == NULL)
		return -1;
	curses_on = 1;
	atexit(restore);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mouse = mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL) != 0;
	mouseinterval(0);               /* a press is a click at once */
	undo_prepare(mouse);
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
	free(u->overlay);
	restore();
	diags_print(&u->ds, stderr);
	diags_done(&u->ds);
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
	diags_init(&u.ds);
	u.course = co;
	u.prog = prog;
	if (start(&u, ascii) < 0) {
		fputs(_("descent: cannot open the terminal\n"), stderr);
		diags_done(&u.ds);
		return 1;
	}
	ui_course_open(&u, chapter, page);
	run(&u);
	return finish(&u);
}

/* The letters and digits of s, lower-case, into out: "Six-hump camel" "sixhumpcamel". */
static void
squeeze(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[n++] = *s;
		else if (*s >= 'A' && *s <= 'Z')
			out[n++] = (char)(*s - 'A' + 'a');
	out[n] = '\0';
}

/*
 * The classic function that expr names ("rosenbrock", "six-hump camel",
 * "double well"), or NULL: a name of the list (in English, or as the
 * list shows it), or the start of one,
 * written with letters, spaces and hyphens only (an expression has other
 * characters, or is a variable of that name, which no one plots).
 */
static const struct ui_classic *
classic_named(const char *expr)
{
	char want[64], name[64];
	const char *s;
	size_t i, n;

	for (s = expr; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == ' ' || *s == '-'))
			return NULL;
	squeeze(expr, want, sizeof want);
	n = strlen(want);
	if (n < 4)
		return NULL;
	for (i = 0; i < ui_nclassics; i++) {
		squeeze(ui_classics[i].name, name, sizeof name);
		if (strncmp(name, want, n) == 0)
			return &ui_classics[i];
	}
	/* or its name as the list shows it, in the learner's language */
	for (i = 0; i < ui_nclassics; i++) {
		squeeze(_(ui_classics[i].name), name, sizeof name);
		if (strncmp(name, want, n) == 0)
			return &ui_classics[i];
	}
	return NULL;
}

int
ui_play(const struct ui_play_args *given)
{
	struct ui u;
	struct ui_play_args named;
	const struct ui_play_args *a = given;
	const struct ui_classic *c = given->expr != NULL ? classic_named(given->expr) : NULL;

	if (c != NULL) {
		/* a classic by its name: its view, start and setting, unless given */
		named = *given;
		named.expr = c->expr;
		if (named.optimizer == NULL) {
			named.optimizer = c->opt;
			if (named.lr <= 0)
				named.lr = c->lr;
		}
		if (!named.has_start) {
			named.has_start = 1;
			named.start[0] = c->start[0];
			named.start[1] = c->start[1];
		}
		if (!named.has_view) {
			named.has_view = 1;
			named.view[0] = c->x0;
			named.view[1] = c->x1;
			named.view[2] = c->y0;
			named.view[3] = c->y1;
		}
		a = &named;
	}

	memset(&u, 0, sizeof u);
	diags_init(&u.ds);
	if (start(&u, a->ascii) < 0) {
		fputs(_("descent: cannot open the terminal\n"), stderr);
		return 1;
	}
	if (a->expr != NULL)
		ui_play_setup(&u, a);
	else
		ui_switch(&u, UI_SCREEN_PICK);
	run(&u);
	return finish(&u);
}

int
ui_net(const struct ui_net_args *a)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	diags_init(&u.ds);
	if (start(&u, a->ascii) < 0) {
		fputs(_("descent: cannot open the terminal\n"), stderr);
		return 1;
	}
	ui_net_setup(&u, a);
	run(&u);
	return finish(&u);
}
