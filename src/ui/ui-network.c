/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-network.c - a network page on the full screen: its runs trained live
 * (space, s, r, + and - as on a descent page).  The figure is the loss
 * curves of the runs at the left, and at the right what one run has
 * learned so far (its curve over the examples, or a classifier's regions
 * and classes), redrawn as it trains; Tab shows the next run's.  Under
 * it, a line for each run: how far it is, its training cost and, with a
 * split, its validation and test losses, as learn --plain says them.
 */
#include "config.h"

#include <math.h>

#include "descent/data.h"
#include "ui-reader.h"

/* The pace of a page: its own, or its steps in about 10 s (20 to 500 a second). */
static double
pace_of(const struct lesson_page *p)
{
	double pace = (double)p->descent.steps / 10;

	if (p->descent.pace > 0)
		return (double)p->descent.pace;
	return pace < 20 ? 20 : pace > 500 ? 500 : pace;
}

static void
network_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	u->timeout_ms = 40;
	rd->pace = pace_of(p);
	rd->due = 0;
	rd->sel = 0;                    /* the run whose fit is shown */
}

/* Run i's line, as learn --plain says it (the status line says space plays). */
static void
run_line(struct ui *u, int i, char *buf, size_t size)
{
	char head[240], tail[200];

	runner_run_text(&u->runner, i, -1, head, sizeof head, tail, sizeof tail);
	snprintf(buf, size, "%s%s%s", head, tail[0] ? " " : "", tail);
}

/* A row for each run, two when its line would wrap: as wide as it will get. */
static int
network_rows(struct ui *u, const struct lesson_page *p)
{
	char buf[480];
	int i, rows = 1;

	for (i = 0; i < u->runner.nruns; i++) {
		snprintf(buf, sizeof buf, "%s: stopped at the step limit (%ld steps), J = "
			 "-0.000123457%s", u->runner.labels[i], p->descent.steps,
			 u->runner.val != NULL || u->runner.test != NULL ?
			 ", validation -0.000123457, test -0.000123457" : "");
		rows += ui_text(u, buf, 0, 0, u->cols - 4, 0, 0) > 1 ? 2 : 1;
	}
	return rows;
}

static int
network_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char buf[480];
	int i;

	(void)p;
	for (i = 0; i < u->runner.nruns && y < u->rows - 1; i++) {
		run_line(u, i, buf, sizeof buf);
		if (u->runner.nruns > 1 && rd->sel == i) {
			attron(A_BOLD);
			mvaddch(y, 0, '>');     /* the run whose fit is drawn */
			attroff(A_BOLD);
		}
		y += ui_text(u, buf, y, 2, u->cols - 4, 2, 0) > 1 ? 2 : 1;
	}
	return y;
}

/*
 * The figure: the loss curves at the left, the selected run's fit at the
 * right (or the curves alone, when the model has not 1 or 2 inputs).
 */
static void
network_figure(struct ui *u, struct reader *rd, const struct lesson_page *p, int y, int h)
{
	const char *names[LESSON_MAX_RUNS];
	const struct dataset *d;
	struct objective *view;
	struct plot_opts o;
	struct plot_fig *fig = NULL;
	struct diag err;
	int i, lw, sel = rd->sel < u->runner.nruns ? rd->sel : 0;
	char title[120];

	for (i = 0; i < u->runner.nruns; i++)
		names[i] = u->runner.labels[i];
	if (u->runner.nruns == 0 || u->runner.obj == NULL)
		return;
	d = objective_dataset(u->runner.obj);
	view = objective_model_view(u->runner.obj, p->obj.model, run_point(u->runner.runs[sel]),
				    &err);
	lw = view != NULL ? u->cols / 2 : u->cols;
	ui_draw_loss(u, u->runner.runs, names, u->runner.nruns, y, 0, lw - 1, h);
	if (view == NULL || d == NULL) {
		objective_free(view);
		return;
	}
	{
		int target = dataset_column(d, "y");
		if (target < 0)
			target = d->ncols - 1;
		ui_plot_opts(u, &o, u->cols - lw, h);
		snprintf(title, sizeof title, "what %s learned", u->runner.labels[sel]);
		fig = plot_fig_fit(view, d, target, p->obj.loss != LOSS_MSE, &o, title, &err);
	}
	if (fig != NULL) {
		ui_draw_canvas(u, plot_fig_canvas(fig), y, lw);
		plot_fig_free(fig);
	}
	objective_free(view);
}

/* Every run has ended: the explanation follows the text. */
static void
runs_ended(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	if (p->explain == NULL || rd->answered)
		return;
	rd->answered = 1;
	rd->to_explain = 1;
	snprintf(u->message, sizeof u->message, "Every run has ended.  (the explanation: above)");
}

static int
network_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	if (!rd->at_end)
		u->message[0] = '\0';
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
		double pace = ch == '-' ? rd->pace / 2 : rd->pace * 2;
		if (pace >= 1 && pace <= LESSON_MAX_PACE)
			rd->pace = pace;
		return 1;
	}
	case 'r':
		rd->playing = 0;
		runner_descent_reset(&u->runner);
		return 1;
	case '\t':
		if (u->runner.nruns > 1) {
			rd->sel = (rd->sel + 1) % u->runner.nruns;
			return 1;
		}
		return 0;
	default:
		return 0;
	}
}

static void
network_tick(struct ui *u, struct reader *rd)
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

static const char *
network_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	snprintf(buf, size, "space:play s:step +-:speed %.3g/s%s ?:keys q:map", rd->pace,
		 u->runner.nruns > 1 ? " Tab:fit" : "");
	return buf;
}

const struct ui_page_kind ui_kind_network = {
	.keys = "space:play s:step +-:speed Tab:fit ?:keys q:map",
	.status = network_status,
	.feedback_rows = 2,
	.enter = network_enter,
	.rows = network_rows,
	.draw = network_draw,
	.key = network_key,
	.tick = network_tick,
	.figure = network_figure,
};
