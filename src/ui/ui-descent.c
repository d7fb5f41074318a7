/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-descent.c - a descent page on the full screen: its runs played live
 * (space, s, r) at the page's pace (+ and - double and halve it), a line
 * for each saying how far it is and where, as
 * learn --plain says it; t hides the trail, g shows the gradient arrow.
 * On an interactive page the learner turns the settings the page offers
 * as controls (run_setting: [ ] the rate, { } beta, ( ) beta2, < > the
 * noise, , . the batch), of every run or of the one Tab chose, and starts
 * the runs elsewhere (a click, or the cursor and Enter).
 */
#include "config.h"

#include "descent/i18n.h"
#include "ui-reader.h"

/* Whether the learner may change the page's runs (bit: a control, or any). */
static int
offers(struct ui *u, const struct lesson_page *p, unsigned bit)
{
	return (p->descent.controls & bit) && u->runner.obj != NULL &&
	       objective_dim(u->runner.obj) > 0;
}

/* Whether the page offers a setting of the runs, not just the start. */
static int
has_settings(struct ui *u, const struct lesson_page *p)
{
	return offers(u, p, LESSON_CONTROL_START - 1);
}

double
ui_descent_pace(const struct lesson_page *p, double lo, double hi)
{
	double pace = (double)p->descent.steps / 10;

	if (p->descent.pace > 0)
		return (double)p->descent.pace;
	return pace < lo ? lo : pace > hi ? hi : pace;
}

static void
descent_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	u->timeout_ms = 40;             /* the animation's tick */
	rd->pace = ui_descent_pace(p, 10, 250);
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
		 going && !playing ? _(" (space plays)") : "");
}

/*
 * The line of what the learner may change: "Yours to try (all runs): [ ]
 * lr; { } beta; Tab: one run; click (or c, Enter): start".
 */
static void
controls_line(struct ui *u, const struct reader *rd, const struct lesson_page *p, char *buf,
	      size_t size)
{
	size_t len;
	int k;

	if (p->descent.nruns > 1 && has_settings(u, p) && rd->sel > 0)
		len = (size_t)snprintf(buf, size, _("Yours to try (run %s): "),
				       u->runner.labels[rd->sel - 1]);
	else if (p->descent.nruns > 1 && has_settings(u, p))
		len = (size_t)snprintf(buf, size, "%s", _("Yours to try (all runs): "));
	else
		len = (size_t)snprintf(buf, size, "%s", _("Yours to try: "));
	for (k = 0; k < RUN_SET_COUNT && len < size; k++) {
		/* with its value, when it is one run's */
		int one = u->runner.nruns == 1 ? 0 : rd->sel - 1;
		const struct run_config *c = one >= 0 ? &u->runner.cfg[one] : NULL;
		const char *param = c != NULL ? run_setting_param(c, k, runner_examples(&u->runner))
				    : NULL;
		if (!(p->descent.controls & (1u << k)))
			continue;
		/* TRANSLATORS: this message and the next two: a setting's keys, its
		 * name and value, in the list of the learner's controls */
		if (param != NULL && k == RUN_SET_BATCH && c->batch == 0)
			len += (size_t)snprintf(buf + len, size - len, _("%s batch all; "),
						ui_setting_keys(k));
		else if (param != NULL)
			len += (size_t)snprintf(buf + len, size - len, _("%s %s %g; "), ui_setting_keys(k),
						param, run_setting_get(c, k,
								       runner_examples(&u->runner)));
		else
			len += (size_t)snprintf(buf + len, size - len, _("%s %s; "), ui_setting_keys(k),
						run_setting_name(k));
	}
	if (p->descent.nruns > 1 && has_settings(u, p) && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s",
					rd->sel == p->descent.nruns ? _("Tab: all runs; ") :
					rd->sel > 0 ? _("Tab: the next run; ") : _("Tab: one run; "));
	if ((p->descent.controls & LESSON_CONTROL_START) && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s",
					_("click (or c, Enter): start"));
	else if (len >= 2 && len < size)
		buf[len - 2] = '\0';   /* no "; " at the end */
}

/*
 * Each run in one or two rows: two when its longest line would wrap, a
 * run that ended at a point of a kind far out, so that the rows do not
 * grow (and the figure shrink) when a run ends.
 */
static int
descent_rows(struct ui *u, const struct lesson_page *p)
{
	char buf[480];
	const struct reader *rd = u->state;
	int i, rows = 1;

	for (i = 0; i < u->runner.nruns; i++) {
		int n, worst;
		run_line(u, i, 0, buf, sizeof buf);
		n = ui_text(u, buf, 0, 0, u->cols - 4, 0, 0);
		/* TRANSLATORS: never shown, only measured: as long as the longest
		 * line of a run that converged, as the lessons' messages say it */
		snprintf(buf, sizeof buf, _("%s: converged at step %ld to a saddle point, at "
			 "(-0.000123457, -0.000123457), f = -0.000123457"), u->runner.labels[i],
			 p->descent.steps);
		worst = ui_text(u, buf, 0, 0, u->cols - 4, 0, 0);
		if (worst > n)
			n = worst;
		rows += n > 2 ? 2 : n < 1 ? 1 : n;
	}
	if (offers(u, p, ~0u) && rd != NULL) {
		controls_line(u, rd, p, buf, sizeof buf);
		rows += ui_text(u, buf, 0, 0, u->cols - 4, 0, 0);
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
		if (rd->sel == i + 1) {
			/* the run that the settings' keys turn */
			attron(A_BOLD);
			mvaddch(y, 0, '>');
			attroff(A_BOLD);
		}
		y += ui_text(u, buf, y, 2, u->cols - 4, 2, 0) > 1 ? 2 : 1;
	}
	if (offers(u, p, ~0u) && y < u->rows - 1) {
		/* the page is the learner's to change */
		controls_line(u, rd, p, buf, sizeof buf);
		attron(A_DIM);
		y += ui_text(u, buf, y, 2, u->cols - 4, u->rows - 1 - y, 0);
		attroff(A_DIM);
	}
	return y;
}

/* Turns setting k of the chosen run, or of all; says why not. */
static void
turn(struct ui *u, struct reader *rd, const struct lesson_page *p, int k, int dir)
{
	int e = runner_descent_turn(&u->runner, rd->sel - 1, k, dir);
	const char *who = rd->sel > 0 ? p->descent.runs[rd->sel - 1].opt->name : _("no run");

	if (e == 0)
		ui_reader_restart_runs(u, rd);
	else if (e == -1)
		snprintf(u->message, sizeof u->message, _("This page keeps its %s as it is."),
			 run_setting_name(k));
	else if (e == -2)
		snprintf(u->message, sizeof u->message, _("%s has no %s."), who,
			 run_setting_name(k));
	else if (k == RUN_SET_LR)
		snprintf(u->message, sizeof u->message, "%s",
			 _("The rates go from 1/64 to 64 times the page's."));
	else
		snprintf(u->message, sizeof u->message, dir > 0 ? _("The %s is at its largest.") :
			 _("The %s is at its smallest."), run_setting_name(k));
}

/*
 * Every run has ended: the explanation, which says what the runs showed,
 * follows the text (x shows it sooner, and hides it).
 */
static void
runs_ended(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	if (p->explain == NULL || rd->answered)
		return;
	rd->answered = 1;
	rd->to_explain = 1;
	snprintf(u->message, sizeof u->message, "%s",
		 _("Every run has ended.  (the explanation: above)"));
}

int
ui_descent_play_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	switch (ch) {
	case ' ':
		rd->playing = !rd->playing;
		return 1;
	case 's':
		rd->playing = 0;
		if (runner_descent_step(&u->runner) == 0)
			runs_ended(u, rd, p);
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
	default:
		return 0;
	}
}

static int
descent_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	if (ch != KEY_MOUSE && !rd->at_end)
		u->message[0] = '\0';  /* a page that asks nothing: a message lasts a key */
	if (ui_descent_play_key(u, rd, p, ch))
		return 1;
	switch (ch) {
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
	case '\t':
		/* all runs, then each in turn: the one the settings' keys turn */
		if (p->descent.nruns > 1 && has_settings(u, p)) {
			rd->sel = (rd->sel + 1) % (p->descent.nruns + 1);
			return 1;
		}
		return 0;
	case '\n': case '\r': case KEY_ENTER:
		if (!offers(u, p, LESSON_CONTROL_START) || !rd->reading)
			return 0;
		/* the runs start again from the cursor */
		if (runner_descent_start(&u->runner, rd->cursor) == 0)
			ui_reader_restart_runs(u, rd);
		return 1;
	case '[': case ']': case '{': case '}': case '(': case ')': case '<': case '>':
	case ',': case '.': {
		int dir, k = ui_setting_key(ch, &dir);
		if (!offers(u, p, ~0u))
			return 0;
		turn(u, rd, p, k, dir);
		return 1;
	}
	default:
		return ui_reader_figure_keys(rd, ch);
	}
}

/* On an interactive page, a click on the plot starts the runs again from there. */
static int
descent_mouse(struct ui *u, struct reader *rd, const struct lesson_page *p, const MEVENT *ev)
{
	double at[2];

	if (!offers(u, p, LESSON_CONTROL_START) || rd->reading || u->fig == NULL)
		return 0;
	if (ui_click(ev) && plot_fig_point(u->fig, ev->x, ev->y - rd->fig_y, at) == 0 &&
	    runner_descent_start(&u->runner, at) == 0)
		ui_reader_restart_runs(u, rd);
	return 1;
}

/*
 * The steps due at the pace, a tick of 40 ms at a time: at 10 steps a
 * second, a step every fourth tick.  A slow screen plays slower, never
 * faster.
 */
void
ui_descent_tick(struct ui *u, struct reader *rd)
{
	if (!rd->playing)
		return;
	rd->due += rd->pace * u->timeout_ms / 1000.0;
	for (; rd->playing && rd->due >= 1; rd->due -= 1)
		if (runner_descent_step(&u->runner) == 0) {
			rd->playing = 0;
			runs_ended(u, rd, &u->chapter->pages[u->runner.page]);
		}
	if (!rd->playing)
		rd->due = 0;
}

/* The keys, with the pace: "+-:speed 100/s" */
static const char *
descent_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	(void)u;
	/* TRANSLATORS: at most 53 columns with the pace: the status line of a descent */
	snprintf(buf, size, _("space:play s:step +-:speed %.3g/s c:cursor ?:keys q:map"),
		 rd->pace);
	return buf;
}

const struct ui_page_kind ui_kind_descent = {
	/* TRANSLATORS: at most 53 columns: the status line of a descent */
	.keys = N_("space:play s:step +-:speed c:cursor ?:keys q:map"),
	.status = descent_status,
	.flags = UI_READOUT,
	.feedback_rows = 2,
	.enter = descent_enter,
	.rows = descent_rows,
	.draw = descent_draw,
	.key = descent_key,
	.mouse = descent_mouse,
	.tick = ui_descent_tick,
};
