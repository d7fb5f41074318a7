/*
 * ui-int.h - what the screens of the terminal UI share: the session (the
 * terminal's capabilities, the current screen and view), the screen table
 * every state exports (draw and key, like htop's), and the helpers that
 * draw a plot canvas, marked-up text and the status line.
 */
#ifndef DESCENT_UI_INT_H
#define DESCENT_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "descent/plot.h"
#include "descent/ui.h"

#define UI_MIN_COLS 70
#define UI_MIN_ROWS 20

struct ui;

/* A screen: one state of the UI. */
struct ui_screen {
	const char *name;
	const char *help;               /* its keys, shown by '?' */
	void (*draw)(struct ui *u);
	/* handles a key; returns 0, or 1 to leave the screen */
	int (*key)(struct ui *u, int ch);
	/* called when no key came for a while (animation); may be NULL */
	void (*tick)(struct ui *u);
	/* frees what the screen's state holds, before the state; may be NULL */
	void (*leave)(struct ui *u);
};

struct ui {
	const struct ui_screen *screen;
	int rows, cols;
	int color, utf8, ascii;
	int help;                       /* the help overlay is shown */
	int quit;
	int timeout_ms;                 /* how long getch waits (the screen sets it) */
	/* the view of the current screen */
	struct plot_fig *fig;
	char play_expr[512];
	char message[320];              /* the feedback line */
	void *state;                    /* the screen's own */
};

extern const struct ui_screen ui_play_screen, ui_pick_screen;

/* Switches to screen s (its state starts afresh). */
void ui_switch(struct ui *u, const struct ui_screen *s);

/* Switches to the playground with the settings a. */
void ui_play_setup(struct ui *u, const struct ui_play_args *a);

/* Draws canvas c with its top left corner at (y, x). */
void ui_draw_canvas(struct ui *u, const struct plot_canvas *c, int y, int x);
/* The attribute of plot colours fg on bg (0: the default; none without colour). */
attr_t ui_color_attr(struct ui *u, int fg, int bg);
/* The last row: a status line in reverse video. */
void ui_status(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Plot options for a figure of w x h cells in this terminal. */
void ui_plot_opts(struct ui *u, struct plot_opts *o, int w, int h);

#endif
