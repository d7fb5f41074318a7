/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-int.h - what the screens of the terminal UI share: the session (the
 * terminal's capabilities, the current screen and view), the struct
 * every screen exports (draw and key, like htop's) and the ids the frame
 * switches by, what the playground offers its list of functions, the line
 * editor (ui-edit.c), and the helpers that draw a plot canvas, marked-up
 * text and the status line (ui-draw.c).
 */
#ifndef DESCENT_UI_INT_H
#define DESCENT_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "descent/lesson.h"
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
	char *overlay;                  /* a text shown as the help is, or NULL (ui_overlay) */
	int typing;                     /* a line editor takes every key, '?' too */
	int quit;
	int timeout_ms;                 /* how long getch waits (the screen sets it) */
	/* the course */
	struct lesson_course *course;   /* the caller's; NULL in the playground */
	struct progress *prog;
	struct diags ds;
	int map_sel;                    /* the chapter under the cursor */
	int map_top;                    /* the first chapter shown (the map scrolls) */
	short map_hit[256];             /* screen row -> the chapter there + 1, or 0 */
	const struct lesson_chapter *chapter;
	struct lesson_runner runner;
	int has_runner;
	/* the view of the current screen */
	struct plot_fig *fig;
	char message[512];              /* the feedback line */
	void *state;                    /* the screen's own */
};

/*
 * The screens, by id.  Each screen file exports its struct ui_screen;
 * only the frame's table (ui-main.c) names them, so that a screen goes
 * to another by its id and no screen file depends on another's.
 */
enum ui_screen_id {
	UI_SCREEN_MAP,                  /* the course map (ui-map.c) */
	UI_SCREEN_PAGE,                 /* the page reader (ui-reader.c) */
	UI_SCREEN_PLAY,                 /* the playground's live descent (ui-play.c) */
	UI_SCREEN_PICK,                 /* the playground's list of functions (ui-pick.c) */
	UI_SCREEN_NET,                  /* the network trainer (ui-net.c) */
	UI_SCREEN_COUNT
};

/*
 * Opens the course map, or the chapter `chapter` (an id, a prefix or a
 * number) at page `page` (-1: where the learner left it).
 */
void ui_course_open(struct ui *u, const char *chapter, int page);
/* The page to resume chapter c at: where the learner left it, or its first unseen page. */
int ui_course_resume_page(struct ui *u, const struct lesson_chapter *c);
/* Opens chapter c at page `page` in the page reader. */
void ui_reader_open(struct ui *u, const struct lesson_chapter *c, int page);

/* Switches to screen id (its state starts afresh). */
void ui_switch(struct ui *u, enum ui_screen_id id);

/* Switches to the network trainer with the settings a. */
void ui_net_setup(struct ui *u, const struct ui_net_args *a);

/* Switches to the playground with the settings a. */
void ui_play_setup(struct ui *u, const struct ui_play_args *a);
/* Opens the playground's line editor on its function, as its key e does. */
void ui_play_edit(struct ui *u);

/* A classic function of the playground's list, with a view and a start that show it well. */
struct ui_classic {
	const char *name, *expr;
	double x0, x1, y0, y1;          /* y1 <= y0: automatic (1D: of f) */
	double start[2];
	const char *opt;
	double lr;
};
extern const struct ui_classic ui_classics[];   /* in ui-play.c */
extern const size_t ui_nclassics;

/*
 * A one-line editor for a function (ui-edit.c): its text and cursor, and
 * the error of the last text its owner refused.
 */
struct ui_edit {
	char line[512];
	size_t len, at;                 /* the text's length; the cursor */
	char err[512];                  /* the refused text's error, or "" */
	int errcol;                     /* its column, from 1 (0: none) */
};

enum {
	UI_EDIT_ENTER = 1,
	UI_EDIT_CANCEL = 2,
};

/* Puts text s in e (cut to its size), the cursor at its end; the error stays. */
void ui_edit_set(struct ui_edit *e, const char *s);
/* Edits e with key ch; returns UI_EDIT_ENTER or UI_EDIT_CANCEL for Enter and Esc, else 0. */
int ui_edit_key(struct ui_edit *e, int ch);
/*
 * Draws e on row y as "f = text" ("f < " when scrolled), and under it the
 * caret at the error's column, with the error in bold on the last row, or
 * the status line hint; leaves the cursor on, at e's cursor.
 */
void ui_edit_draw(struct ui *u, const struct ui_edit *e, int y, const char *hint);

/* Draws canvas c with its top left corner at (y, x). */
void ui_draw_canvas(struct ui *u, const struct plot_canvas *c, int y, int x);
/*
 * The loss curve of runs[0..n) (NULL ones left out) in rows y to y + h,
 * from column x, w columns wide: f against the step, each run in the
 * glyph and colour of its index (plot_traj_style) and named names[i], log
 * scale over decades.
 */
struct run;
void ui_draw_loss(struct ui *u, struct run *const *runs, const char *const *names, int n,
		  int y, int x, int w, int h);
/* The same for series of values already made (plot_series, 8 at most). */
void ui_draw_series(struct ui *u, const struct plot_series *s, int n, int y, int x, int w,
		    int h);
/*
 * The width of a loss curve beside a figure w columns wide, when the
 * screen is wide enough for both (the plot keeps 90 columns and more), or
 * 0: then it goes under the figure.
 */
int ui_loss_beside(int w);
/*
 * The keys that turn the settings of a run (run_setting): [ ] the
 * learning rate, { } beta (rho, beta1), ( ) beta2, < > the noise, , . the
 * batch; the first of each pair lowers it.  ui_setting_key gives the
 * setting a key turns and which way (-1, 1), or -1 for another key.
 */
int ui_setting_key(int ch, int *dir);
/* The two keys of setting k, "[ ]". */
const char *ui_setting_keys(int k);
/* The attribute of plot colours fg on bg (0: the default; none without colour). */
attr_t ui_color_attr(struct ui *u, int fg, int bg);
/*
 * Draws len bytes of UTF-8 at the cursor in attribute a, at most `room`
 * columns (a wide character takes two, a combining mark none:
 * utf8_columns; a bad byte shows as '?'); returns the columns drawn.
 */
int ui_put_utf8(const char *s, size_t len, int room, attr_t a);
/* The columns of len bytes of UTF-8 text (utf8_columns). */
int ui_chars(const char *s, size_t len);
/* The bytes of the first n columns of UTF-8 text s (all of s when it takes fewer: utf8_fit). */
size_t ui_bytes(const char *s, int n);
/* Draws UTF-8 text at the cursor, at most width characters; a cut ends in an ellipsis. */
void ui_put(struct ui *u, const char *s, int width);
/*
 * Draws text wrapped to width columns from row y, column x, with
 * *emphasis* in bold and `code` underlined, skipping the first `skip`
 * lines and drawing at most `rows` (the last one shown ends in an ellipsis
 * when more lines follow); returns the number of lines the text has.
 */
int ui_text(struct ui *u, const char *text, int y, int x, int width, int rows, int skip);
/* The last row: a status line in reverse video. */
void ui_status(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Shows text, of paragraphs a line each (as plot_fig_describe gives
 * them), over the screen in a frame as the key help is, under the title,
 * wrapped to the frame; any key closes it.
 */
void ui_overlay(struct ui *u, const char *title, const char *text);
/*
 * Copies text, of paragraphs a line each, to out (size bytes, cut short
 * when it does not fit) with a blank line between the paragraphs, as
 * text_wrap reads them.  Returns the length written.
 */
size_t ui_paragraphs(char *out, size_t size, const char *text);
/* Plot options for a figure of w x h cells in this terminal. */
void ui_plot_opts(struct ui *u, struct plot_opts *o, int w, int h);
/* v as a number on the screen reads: a negative zero is 0, not "-0". */
double ui_shown(double v);

#endif
