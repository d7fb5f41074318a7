/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-network.c - a network page on the full screen: its runs trained live
 * (space, s, r, + and - as on a descent page).  The figure is the loss
 * curves of the runs at the left, and at the right what one run has
 * learned so far (its curve over the examples, or a classifier's regions
 * and classes), redrawn as it trains; Tab shows the next run's.  v shows
 * instead the landscape on a plane through that run's point (two random
 * directions normalized unit by unit, after Li et al. 2018) with the runs
 * projected on it as they go; e tells the Hessian's sharpness and index
 * where that run is.  Under the figure, a line for each run: how far it
 * is, its training cost and, with a split, its validation and test
 * losses, as learn --plain says them.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-reader.h"

/*
 * The plane of v: through a run's point when v was pressed, on the page
 * it was pressed on.  Its slice is made afresh at each draw (it borrows
 * the page's objective, which goes with the page).
 */
static struct {
	int page, n;
	double *origin, *dirs;
} plane = { -1, 0, NULL, NULL };

static void
new_plane(struct ui *u, const struct lesson_page *p, const double *at)
{
	struct expr_mlp net;
	int n = objective_dim(u->runner.obj);
	int isnet = lesson_page_network(p, &net);

	free(plane.origin);
	free(plane.dirs);
	plane.origin = xmalloc((size_t)n * sizeof *plane.origin);
	plane.dirs = xmalloc(2 * (size_t)n * sizeof *plane.dirs);
	memcpy(plane.origin, at, (size_t)n * sizeof *plane.origin);
	analysis_random_directions(isnet ? &net : NULL, plane.origin, n, 1, plane.dirs,
				   plane.dirs + n);
	plane.page = u->runner.page;
	plane.n = n;
}

/* The landscape on the plane, the runs projected on it, in w x h at (y, x). */
static void
draw_plane(struct ui *u, int y, int x, int w, int h)
{
	static const char *const names[] = { "a", "b" };
	struct objective *slice = objective_slice(u->runner.obj, plane.origin, plane.dirs, 2,
						  names);
	struct plot_opts o;
	struct plot_fig *fig;
	struct diag err;
	int i;

	ui_plot_opts(u, &o, w, h);
	o.x0 = o.y0 = -1;
	o.x1 = o.y1 = 1;
	o.coarse = 1;
	fig = plot_fig_new(slice, &o, _("the landscape on a plane"), &err);
	for (i = 0; fig != NULL && i < u->runner.nruns; i++) {
		const struct trajectory *t = run_trajectory(u->runner.runs[i]);
		double *xs = xmalloc((2 * t->len + 2) * sizeof *xs);
		size_t k;
		for (k = 0; k < t->len; k++)
			analysis_project(plane.n, plane.origin, plane.dirs, plane.dirs + plane.n,
					 t->w + k * (size_t)plane.n, xs + 2 * k);
		if (t->len > 0)
			plot_fig_trajectory(fig, i, xs, t->len, u->runner.labels[i]);
		free(xs);
	}
	if (fig != NULL) {
		ui_draw_canvas(u, plot_fig_canvas(fig), y, x);
		plot_fig_free(fig);
	}
	objective_free(slice);
}

static void
network_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	u->timeout_ms = 40;
	/* its steps in about 10 s, 20 to 500 a second */
	rd->pace = ui_descent_pace(p, 20, 500);
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
		/* TRANSLATORS: never shown, only measured: as long as the longest
		 * line of a run, as the lessons' messages say it */
		snprintf(buf, sizeof buf, _("%s: stopped at the step limit (%ld steps), J = "
			 "-0.000123457%s"), u->runner.labels[i], p->descent.steps,
			 u->runner.val != NULL || u->runner.test != NULL ?
			 _(", validation -0.000123457, test -0.000123457") : "");
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

void
ui_network_figure(struct ui *u, const struct plot_series *s, int n, const double *theta,
		  const char *who, const struct lesson_page *p, int y, int h)
{
	const struct dataset *d = objective_dataset(u->runner.obj);
	struct objective *view;
	struct plot_opts o;
	struct plot_fig *fig = NULL;
	struct diag err;
	char title[120];
	int lw, target;

	view = objective_model_view(u->runner.obj, p->obj.model, theta, &err);
	lw = n == 0 ? 0 : view != NULL ? u->cols / 2 : u->cols;
	if (n > 0)
		ui_draw_series(u, s, n, y, 0, lw - 1, h);
	if (view == NULL || d == NULL) {
		objective_free(view);
		return;
	}
	target = dataset_column(d, "y");
	if (target < 0)
		target = d->ncols - 1;
	ui_plot_opts(u, &o, u->cols - lw, h);
	if (who != NULL)
		snprintf(title, sizeof title, _("what %s learned"), who);
	else
		snprintf(title, sizeof title, "%s", _("the model at its start"));
	fig = plot_fig_fit(view, d, target, p->obj.loss != LOSS_MSE, &o, title, &err);
	if (fig != NULL) {
		ui_draw_canvas(u, plot_fig_canvas(fig), y, lw);
		plot_fig_free(fig);
	}
	objective_free(view);
}

/*
 * The figure: the loss curves at the left, the selected run's fit at the
 * right (or the curves alone, when the model has not 1 or 2 inputs).
 */
static int
network_figure(struct ui *u, struct reader *rd, const struct lesson_page *p, int y, int h)
{
	struct plot_series s[8];        /* plot_series draws 8 at most */
	char names[LESSON_MAX_RUNS][80];
	int n, sel = rd->sel < u->runner.nruns ? rd->sel : 0;

	if (u->runner.nruns == 0 || u->runner.obj == NULL)
		return 1;
	/* each run's training cost, and with a split the drawn run's validation loss */
	n = runner_network_series(&u->runner, s, 8, names, sel);
	if (rd->slice && plane.page == u->runner.page &&
	    plane.n == objective_dim(u->runner.obj)) {
		ui_draw_series(u, s, n, y, 0, u->cols / 2 - 1, h);
		draw_plane(u, y, u->cols / 2, u->cols - u->cols / 2, h);
		return 1;
	}
	ui_network_figure(u, s, n, run_point(u->runner.runs[sel]), u->runner.labels[sel], p, y,
			  h);
	return 1;
}

/* e: the Hessian where the chosen run is (its eigenvalues), in the message line. */
static void
tell_hessian(struct ui *u, struct reader *rd)
{
	int sel = rd->sel < u->runner.nruns ? rd->sel : 0;
	const struct trajectory *t = run_trajectory(u->runner.runs[sel]);
	long step = t->outcome == RUN_RUNNING ? (long)t->len : t->step;
	struct point_report rep;

	if (analysis_point(u->runner.obj, run_point(u->runner.runs[sel]), 0, &rep) < 0) {
		snprintf(u->message, sizeof u->message, _("The Hessian of %s at step %ld is not "
			 "finite."), u->runner.labels[sel], step);
		return;
	}
	if (rep.lambda != NULL)
		snprintf(u->message, sizeof u->message, _("The Hessian of %s at step %ld: sharpness "
			 "%.4g (its largest eigenvalue), index %d (how many are negative)."),
			 u->runner.labels[sel], step, rep.lmax, rep.index);
	else
		snprintf(u->message, sizeof u->message, _("The Hessian of %s at step %ld: sharpness "
			 "about %.4g (Lanczos); too many parameters to count its negative "
			 "eigenvalues."), u->runner.labels[sel], step, rep.lmax);
	analysis_point_done(&rep);
}

static int
network_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	if (!rd->at_end)
		u->message[0] = '\0';
	if (ui_descent_play_key(u, rd, p, ch))
		return 1;
	switch (ch) {
	case '\t':
		if (u->runner.nruns > 1) {
			rd->sel = (rd->sel + 1) % u->runner.nruns;
			return 1;
		}
		return 0;
	case 'v':
		/* the landscape on a plane through the chosen run's point, or back */
		rd->slice = !rd->slice;
		if (rd->slice && u->runner.nruns > 0)
			new_plane(u, p, run_point(u->runner.runs[rd->sel < u->runner.nruns ?
								 rd->sel : 0]));
		return 1;
	case 'e':
		if (u->runner.nruns > 0)
			tell_hessian(u, rd);
		return 1;
	default:
		return 0;
	}
}

static const char *
network_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	/* TRANSLATORS: at most 53 columns with the pace and " Tab:run": the
	 * status line of a network page */
	snprintf(buf, size, rd->slice ? _("space:play +-:%.3g/s%s v:fit e:Hessian q:map") :
		 _("space:play +-:%.3g/s%s v:slice e:Hessian q:map"), rd->pace,
		 u->runner.nruns > 1 ? _(" Tab:run") : "");
	return buf;
}

const struct ui_page_kind ui_kind_network = {
	/* TRANSLATORS: at most 53 columns: the status line of a network page */
	.keys = N_("space:play +-:speed Tab:run v:slice e:Hessian q:map"),
	.status = network_status,
	.feedback_rows = 2,
	.enter = network_enter,
	.rows = network_rows,
	.draw = network_draw,
	.key = network_key,
	.tick = ui_descent_tick,
	.figure = network_figure,
};
