/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-descent.c - a descent page on the full screen: its runs played live
 * (space, s, r) at the page's pace (+ and - double and halve it), a line
 * for each saying how far it is and where, as
 * learn --plain says it; t hides the trail, g shows the gradient arrow.
 * On an interactive page the learner halves or doubles the rates ([ ])
 * and starts the runs elsewhere (a click, or the cursor and Enter).
 */
#include "config.h"

#include "ui-reader.h"

/* Whether the learner may change the page's runs. */
static int
interactive(struct ui *u, const struct lesson_page *p)
{
	return p->descent.interactive && u->runner.obj != NULL &&
	       objective_dim(u->runner.obj) > 0;
}

/*
 * The page's pace, or one that plays its step limit in about 10 s: 20
 * steps a second for 200 steps, 100 for 1000, within 10 and 250.
 */
static double
default_pace(const struct lesson_page *p)
{
	double pace = (double)p->descent.steps / 10;

	if (p->descent.pace > 0)
		return (double)p->descent.pace;
	return pace < 10 ? 10 : pace > 250 ? 250 : pace;
}

static void
descent_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	u->timeout_ms = 40;             /* the animation's tick */
	rd->pace = default_pace(p);
	rd->due = 0;
}

/* Run i's line, as learn --plain says it, and whether space would play it. */
static void
run_line(struct ui *u, int i, int playing, char *buf, size_t size)
{
	char head[240], tail[200];
	long left = u->fig != NULL ? plot_fig_left_view(u->fig, i) : -1;
	int going = run_trajectory(u->runner.runs[i])->outcome == RUN_RUNNING;

	runner_run_text(&u->runner, i, left, head, sizeof head, tail, sizeof tail);
	snprintf(buf, size, "%s%s%s%s", head, tail[0] ? " " : "", tail,
		 going && !playing ? " (space plays)" : "");
}

/* each run in one or two rows (a run that converged says to what) */
static int
descent_rows(struct ui *u, const struct lesson_page *p)
{
	char buf[480];
	int i, rows = 1 + p->descent.interactive;

	for (i = 0; i < u->runner.nruns; i++) {
		int n;
		run_line(u, i, 0, buf, sizeof buf);
		n = ui_text(u, buf, 0, 0, u->cols - 4, 0, 0);
		rows += n > 2 ? 2 : n < 1 ? 1 : n;
	}
	return rows;
}

static int
descent_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char buf[480];
	int i;

	/* each run: how far it is, where, and how it ended (as learn --plain says it) */
	for (i = 0; i < u->runner.nruns && y < u->rows - 1; i++) {
		run_line(u, i, rd->playing, buf, sizeof buf);
		y += ui_text(u, buf, y, 2, u->cols - 4, 2, 0) > 1 ? 2 : 1;
	}
	if (p->descent.interactive && y < u->rows - 1) {
		/* the page is the learner's to change */
		attron(A_DIM);
		move(y++, 2);
		ui_put(u, "Yours to try: [ ] the rates, a click (or c, arrows, Enter) the start",
		       u->cols - 4);
		attroff(A_DIM);
	}
	return y;
}

static int
descent_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	switch (ch) {
	case ' ':
		rd->playing = !rd->playing;
		return 1;
	case 's':
		rd->playing = 0;
		runner_descent_step(&u->runner);
		return 1;
	case 'l':
		/* the loss curve: under the figure, or beside it on a wide screen */
		rd->loss = ui_reader_loss(u, rd) ? -1 : 1;
		return 1;
	case 'N': case KEY_BACKSPACE: case 127: case 8:
		/* a step back: the figure is drawn again from the runs' records */
		rd->playing = 0;
		if (runner_descent_back(&u->runner) > 0) {
			plot_fig_free(u->fig);
			u->fig = NULL;
		}
		return 1;
	case '+': case '=': case '-': {
		/* twice or half the pace, within 1 and LESSON_MAX_PACE a second */
		double pace = ch == '-' ? rd->pace / 2 : rd->pace * 2;
		if (pace >= 1 && pace <= LESSON_MAX_PACE)
			rd->pace = pace;
		return 1;
	}
	case 'r':
		rd->playing = 0;
		runner_descent_reset(&u->runner);
		plot_fig_free(u->fig);
		u->fig = NULL;
		return 1;
	case '[': case ']':
		if (interactive(u, p)) {
			/* the learner's rates: halved or doubled, the runs afresh */
			double f = u->runner.lr_factor * (ch == ']' ? 2 : 0.5);
			if (runner_descent_set(&u->runner, NULL, f) == 0)
				ui_reader_restart_runs(u, rd);
			else
				snprintf(u->message, sizeof u->message,
					 "The rates go from 1/64 to 64 times the page's.");
		}
		return 1;
	case '\n': case '\r': case KEY_ENTER:
		if (!interactive(u, p) || !rd->reading)
			return 0;
		/* the runs start again from the cursor */
		if (runner_descent_set(&u->runner, rd->cursor, u->runner.lr_factor) == 0)
			ui_reader_restart_runs(u, rd);
		return 1;
	default:
		return ui_reader_figure_keys(rd, ch);
	}
}

/* On an interactive page, a click on the plot starts the runs again from there. */
static int
descent_mouse(struct ui *u, struct reader *rd, const struct lesson_page *p, const MEVENT *ev)
{
	double at[2];

	if (!interactive(u, p) || rd->reading || u->fig == NULL)
		return 0;
	if (ui_click(ev) && plot_fig_point(u->fig, ev->x, ev->y - rd->fig_y, at) == 0 &&
	    runner_descent_set(&u->runner, at, u->runner.lr_factor) == 0)
		ui_reader_restart_runs(u, rd);
	return 1;
}

/*
 * The steps due at the pace, a tick of 40 ms at a time: at 10 steps a
 * second, a step every fourth tick.  A slow screen plays slower, never
 * faster.
 */
static void
descent_tick(struct ui *u, struct reader *rd)
{
	if (!rd->playing)
		return;
	rd->due += rd->pace * u->timeout_ms / 1000.0;
	for (; rd->playing && rd->due >= 1; rd->due -= 1)
		if (runner_descent_step(&u->runner) == 0)
			rd->playing = 0;
	if (!rd->playing)
		rd->due = 0;
}

/* The keys, with the pace: "+-:speed 100/s" */
static const char *
descent_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	(void)u;
	snprintf(buf, size, "space:play s:step +-:speed %.3g/s c:cursor ?:keys q:map", rd->pace);
	return buf;
}

const struct ui_page_kind ui_kind_descent = {
	.keys = "space:play s:step +-:speed c:cursor ?:keys q:map",
	.status = descent_status,
	.flags = UI_READOUT,
	.feedback_rows = 2,
	.enter = descent_enter,
	.rows = descent_rows,
	.draw = descent_draw,
	.key = descent_key,
	.mouse = descent_mouse,
	.tick = descent_tick,
};
