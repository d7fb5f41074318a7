/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.h - the full-screen terminal UI (ncursesw).  These are its only
 * entry points; nothing else of the program includes <curses.h>.
 */
#ifndef DESCENT_UI_H
#define DESCENT_UI_H

struct lesson_course;
struct progress;
struct run_config;

/*
 * Opens the course co (loaded, with at least one chapter) in the
 * terminal: the course map, or the chapter `chapter` (an id, a prefix or
 * a number, which must exist) when given, at page `page` (from 0; -1:
 * where the learner left it).  The progress prog is recorded as the
 * learner goes; both stay the caller's.  Returns the exit status; the
 * terminal is restored on every path, and the progress saved, signals
 * included.
 */
int ui_course(struct lesson_course *co, struct progress *prog, const char *chapter, int page,
	      int ascii);

/* What the playground starts with. */
struct ui_play_args {
	const char *expr;       /* NULL: pick one of the classic functions from a list;
				 * the name of one ("rosenbrock"): that one */
	const char *optimizer;  /* NULL: gd */
	double lr;              /* <= 0: the optimizer's default */
	int has_start;
	double start[2];
	int has_view;
	double view[4];         /* x0, x1, y0, y1 */
	int ascii;              /* ASCII only, even in a UTF-8 locale */
	/*
	 * A recorded run to show (descent play --replay): the whole
	 * configuration of the first racer, instead of optimizer and lr,
	 * and the record's name for the status line; NULL when none.
	 */
	const struct run_config *config;
	const char *record;
};

/*
 * The playground: the live descent of a function, step by step, with
 * the optimizers' state and outcome.  Returns the exit status; the
 * terminal is restored on every path, signals included.
 */
int ui_play(const struct ui_play_args *a);

/* What the network trainer starts with (descent play --data ... --model ...). */
struct objective;
struct dataset;
struct ui_net_args {
	struct objective *obj;          /* a data objective (borrowed) */
	const struct dataset *data;     /* its data */
	const char *model;              /* its model, as given */
	const char *loss;               /* its loss's name; NULL: mse */
	const char *target;             /* its target column; NULL: y */
	const struct run_config *config;
	const double *start;            /* the objective's dimension of values */
	int ascii;
};

/*
 * The network trainer: a model of many parameters (a network) trained
 * live, with what it learned or its landscape on a plane, its loss curve,
 * and the Hessian's sharpness and index.  Returns the exit status; the
 * terminal is restored on every path, signals included.
 */
int ui_net(const struct ui_net_args *a);

/* Whether the terminal can show the full-screen UI (a TERM ncurses knows). */
int ui_available(void);

#endif
