/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-net.c - the network trainer (descent play --data ... --model ...): a
 * model of many parameters trained live.  The figure shows what the model
 * has learned (its curve over the examples, or a classifier's regions),
 * or, on v, its landscape on a plane through the point where v was
 * pressed, along two random directions normalized unit by unit, with the
 * run projected on it as it goes; under it the loss curve grows; the
 * panel gives the step, f, |grad|, the optimizer and its rate, and the
 * Hessian's sharpness (its largest eigenvalue) and index (its negative
 * eigenvalues) where the run is.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/objective.h"
#include "descent/util.h"
#include "ui-int.h"

#define PANEL_W 25
#define LOSS_H 7
#define NET_MAX_STEPS 100000
/* The Hessian is taken every this many steps while playing, up to this size. */
#define HESS_EVERY 50
#define HESS_LIVE_MAX 300

struct net {
	struct ui_net_args a;
	struct run_config cfg;
	struct run *run;
	int dim;
	int playing, speed;
	int slice;                      /* v: the landscape instead of the fit */
	struct objective *plane;        /* the slice's objective, while shown */
	struct objective *fit;          /* the model's view that u->fig draws */
	double *origin, *dirs;          /* its plane: origin + a d1 + b d2 */
	int rebuild;
	/* the Hessian where the run was at step hess_step (-1: not yet) */
	long hess_step;
	double sharpness;
	int index, has_index;
	int classifier, in[2], nin, target;
	char why[512];                  /* why the run could not start, when run is NULL */
};

static struct net *
net_of(struct ui *u)
{
	return u->state;
}

static void
restart(struct ui *u, struct net *n)
{
	struct diag err;

	run_free(n->run);
	n->run = run_new(n->a.obj, &n->cfg, n->a.start, &err);
	n->why[0] = '\0';
	if (n->run == NULL)
		snprintf(n->why, sizeof n->why, "%s", err.message);
	(void)u;
	n->hess_step = -1;
	n->rebuild = 1;
}

static void
net_leave(struct ui *u)
{
	struct net *n = net_of(u);

	run_free(n->run);
	/* the figure borrows these: it goes first */
	plot_fig_free(u->fig);
	u->fig = NULL;
	objective_free(n->plane);
	objective_free(n->fit);
	free(n->origin);
	free(n->dirs);
}

/* The Hessian at the run's point: its sharpness and index. */
static void
hessian(struct net *n)
{
	struct point_report r;
	const struct trajectory *t = run_trajectory(n->run);

	if (analysis_point(n->a.obj, run_point(n->run), n->cfg.tol, &r) == 0) {
		n->sharpness = r.lmax;
		n->index = r.index;
		n->has_index = r.lambda != NULL;
		analysis_point_done(&r);
	}
	/* the run is at step len while it runs (its records are 0 to len - 1),
	 * and at its last record once it has ended */
	n->hess_step = t->outcome == RUN_RUNNING ? (long)t->len : t->step;
}

/* The plane of the slice: through the run's point now, random directions. */
static void
new_plane(struct ui *u, struct net *n)
{
	static const char *const names[] = { "a", "b" };
	struct expr_mlp net;
	struct diag err;
	int isnet = expr_is_mlp(n->a.model) && expr_mlp_parse(n->a.model, &net, &err) == 0;

	objective_free(n->plane);
	free(n->origin);
	free(n->dirs);
	n->origin = xmalloc((size_t)n->dim * sizeof *n->origin);
	n->dirs = xmalloc(2 * (size_t)n->dim * sizeof *n->dirs);
	memcpy(n->origin, run_point(n->run), (size_t)n->dim * sizeof *n->origin);
	analysis_random_directions(isnet ? &net : NULL, n->origin, n->dim,
				   (uint64_t)run_trajectory(n->run)->len + 1, n->dirs,
				   n->dirs + n->dim);
	n->plane = objective_slice(n->a.obj, n->origin, n->dirs, 2, names);
	n->rebuild = 1;
	(void)u;
}

/* The figure of what the model has learned, at the run's point. */
static void
build_fit(struct ui *u, struct net *n, int w, int h)
{
	struct plot_opts o;
	struct diag err;

	objective_free(n->fit);         /* the last figure, which borrowed it, is gone */
	n->fit = objective_model_view(n->a.obj, n->a.model, run_point(n->run), &err);
	if (n->fit == NULL) {
		snprintf(u->message, sizeof u->message, "%s", err.message);
		return;
	}
	ui_plot_opts(u, &o, w, h);
	u->fig = plot_fig_fit(n->fit, n->a.data, n->target, n->classifier, &o,
			      n->classifier && n->nin == 2 ? _("the classes") : _("what it learned"),
			      &err);
	if (u->fig == NULL)
		snprintf(u->message, sizeof u->message, "%s", err.message);
}

/* The figure of the landscape on the plane, the run projected on it. */
static void
build_slice(struct ui *u, struct net *n, int w, int h)
{
	struct plot_opts o;
	struct diag err;

	ui_plot_opts(u, &o, w, h);
	o.x0 = o.y0 = -1;
	o.x1 = o.y1 = 1;
	o.coarse = 1;
	u->fig = plot_fig_new(n->plane, &o, _("the landscape on a plane"), &err);
	if (u->fig == NULL)
		snprintf(u->message, sizeof u->message, "%s", err.message);
}

static void
draw_run_on_plane(struct ui *u, struct net *n)
{
	const struct trajectory *t = run_trajectory(n->run);
	double *xs = xmalloc((2 * t->len + 2) * sizeof *xs);
	size_t i;

	for (i = 0; i < t->len; i++)
		analysis_project(n->dim, n->origin, n->dirs, n->dirs + n->dim,
				 t->w + i * (size_t)n->dim, xs + 2 * i);
	if (t->len > 0)
		plot_fig_trajectory(u->fig, 0, xs, t->len, n->cfg.opt->name);
	free(xs);
}

static void
draw_panel(struct ui *u, struct net *n, int x, int width)
{
	const struct trajectory *t = run_trajectory(n->run);
	char buf[128];
	int y = 0;
	size_t last = t->len > 0 ? t->len - 1 : 0;

	attron(A_BOLD);
	mvprintw(y++, x, "%-9s lr %-8g", n->cfg.opt->name, ui_shown(n->cfg.params.lr));
	attroff(A_BOLD);
	/* TRANSLATORS: this message and the next ones to "playing": the
	 * side panel, 25 columns */
	snprintf(buf, sizeof buf, P_("%d parameter", "%d parameters", n->dim), n->dim);
	mvaddnstr(y++, x, buf, width);
	snprintf(buf, sizeof buf, P_("%zu example", "%zu examples", n->a.data->nrows),
		 n->a.data->nrows);
	mvaddnstr(y++, x, buf, width);
	y++;
	snprintf(buf, sizeof buf, _("step %ld"), t->outcome == RUN_RUNNING ? (long)t->len :
		 t->step);
	mvaddnstr(y++, x, buf, width);
	{
		/* where the run is now: past its last record while it runs */
		double f, gn;
		if (t->outcome == RUN_RUNNING) {
			double *g = xmalloc((size_t)n->dim * sizeof *g);
			objective_eval_point(n->a.obj, run_point(n->run), &f, g, NULL);
			gn = la_norm(n->dim, g);
			free(g);
		} else {
			f = t->f[last];
			gn = t->gnorm[last];
		}
		snprintf(buf, sizeof buf, "f %.6g", ui_shown(f));
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, "|grad| %.4g", ui_shown(gn));
		mvaddnstr(y++, x, buf, width);
	}
	y++;
	if (n->hess_step >= 0 && n->has_index) {
		snprintf(buf, sizeof buf, _("sharpness %.4g"), ui_shown(n->sharpness));
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, _("index %d"), n->index);
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, _("(the Hessian at step %ld)"), n->hess_step);
		mvaddnstr(y++, x, buf, width);
	} else if (n->hess_step >= 0) {
		snprintf(buf, sizeof buf, _("sharpness ~%.4g"), ui_shown(n->sharpness));
		mvaddnstr(y++, x, buf, width);
		/* TRANSLATORS: two lines of the side panel, 25 columns each */
		mvaddnstr(y++, x, _("index: too many"), width);
		mvaddnstr(y++, x, _("parameters to tell"), width);
	} else {
		mvaddnstr(y++, x, _("h: the Hessian here"), width);
	}
	y++;
	if (t->outcome != RUN_RUNNING) {
		analysis_outcome(n->a.obj, t, buf, sizeof buf);
		attron(A_BOLD);
		ui_text(u, buf, y, x, width, 3, 0);
		attroff(A_BOLD);
	} else if (n->playing) {
		snprintf(buf, sizeof buf, P_("playing, %d step a tick", "playing, %d steps a tick",
					     n->speed), n->speed);
		mvaddnstr(y, x, buf, width);
	}
}

static void
net_draw(struct ui *u)
{
	struct net *n = net_of(u);
	int pw = u->cols - PANEL_W - 1, ph = u->rows - 2 - LOSS_H;
	static const char *const names[] = { "f" };
	struct run *runs[1];

	curs_set(0);
	if (n->run == NULL) {
		attron(A_BOLD);
		ui_text(u, n->why, 0, 0, u->cols, u->rows - 2, 0);
		attroff(A_BOLD);
		ui_status(u, "o: another optimizer   q: quit");
		return;
	}
	runs[0] = n->run;
	/* the fit changes with every step; the plane's background does not */
	if (!n->slice || u->fig == NULL || n->rebuild ||
	    plot_canvas_width(plot_fig_canvas(u->fig)) != pw ||
	    plot_canvas_height(plot_fig_canvas(u->fig)) != ph) {
		plot_fig_free(u->fig);
		u->fig = NULL;
		if (n->slice)
			build_slice(u, n, pw, ph);
		else
			build_fit(u, n, pw, ph);
		n->rebuild = 0;
	}
	if (u->fig != NULL) {
		if (n->slice)
			draw_run_on_plane(u, n);
		ui_draw_canvas(u, plot_fig_canvas(u->fig), 0, 0);
	}
	ui_draw_loss(u, runs, names, 1, ph, 0, pw, LOSS_H);
	draw_panel(u, n, pw + 1, PANEL_W);
	if (u->message[0] != '\0')
		ui_status(u, "%s", u->message);
	else if (n->slice)
		/* TRANSLATORS: at most 70 columns: the network trainer's status line */
		ui_status(u, "space:play n:step [ ]:lr o:optimizer v:fit h:Hessian ?:keys q:quit");
	else
		/* TRANSLATORS: at most 70 columns: the network trainer's status line */
		ui_status(u, "space:play n:step [ ]:lr o:optimizer v:landscape h:Hessian ?:keys "
			  "q:quit");
}

static void
step(struct net *n)
{
	const struct trajectory *t = run_trajectory(n->run);

	if (t->outcome != RUN_RUNNING || run_step(n->run) != RUN_RUNNING)
		n->playing = 0;
	if (n->dim <= HESS_LIVE_MAX && (!n->playing || (long)t->len % HESS_EVERY == 0))
		hessian(n);
}

static void
net_tick(struct ui *u)
{
	struct net *n = net_of(u);
	int i;

	if (!n->playing || n->run == NULL)
		return;
	for (i = 0; i < n->speed && n->playing; i++)
		step(n);
}

static int
net_key(struct ui *u, int ch)
{
	struct net *n = net_of(u);
	int dir;
	int k = ui_setting_key(ch, &dir);

	u->message[0] = '\0';
	if (ch == 'q') {
		u->quit = 1;
		return 1;
	}
	if (n->run == NULL && ch != 'o')
		return 0;               /* a setting that cannot run: o picks another */
	if (k == RUN_SET_LR) {
		if (run_setting_step(&n->cfg, k, dir, n->a.data->nrows) == -2)
			snprintf(u->message, sizeof u->message, "%s", dir > 0 ?
				 _("the rate is at its largest") : _("the rate is at its smallest"));
		else
			restart(u, n);
		return 0;
	}
	switch (ch) {
	case ' ':
		n->playing = !n->playing;
		break;
	case 'n':
		n->playing = 0;
		step(n);
		break;
	case 'r':
		n->playing = 0;
		restart(u, n);
		break;
	case '+':
		n->speed = n->speed < 512 ? n->speed * 2 : n->speed;
		break;
	case '-':
		n->speed = n->speed > 1 ? n->speed / 2 : 1;
		break;
	case 'h':
		hessian(n);
		break;
	case 'v':
		n->slice = !n->slice;
		if (n->slice)
			new_plane(u, n);
		n->rebuild = 1;
		break;
	case 'o': {
		/* the next optimizer of the table, with its defaults */
		const struct optimizer *next = NULL;
		int i;
		for (i = 0; opt_table[i] != NULL; i++)
			if (opt_table[i] == n->cfg.opt)
				next = opt_table[i + 1] != NULL ? opt_table[i + 1] : opt_table[0];
		if (next == NULL)
			next = opt_table[0];
		if (next->needs_hessian && n->dim > OPT_MAX_HESSIAN)
			next = opt_table[0];
		{
			struct run_config c = n->cfg;
			run_config_init(&n->cfg, next);
			n->cfg.max_steps = c.max_steps;
			n->cfg.seed = c.seed;
			/* the quasi-Newton family takes no mini-batches and no noise */
			n->cfg.batch = next->line_search ? 0 : c.batch;
			n->cfg.noise = next->line_search ? 0 : c.noise;
		}
		n->playing = 0;
		restart(u, n);
		break;
	}
	default:
		break;
	}
	return 0;
}

const struct ui_screen ui_net_screen = {
	.name = N_("network trainer"),
	/* TRANSLATORS: the network trainer's key help: at most 62 columns a line */
	.help = N_("space: play or pause   n: a step   r: restart   + -: faster, slower\n"
		"[ ]: the learning rate   o: the next optimizer (its defaults)\n"
		"v: what the model learned, or its landscape on a plane through\n"
		"   the point where v is pressed, the run projected on it\n"
		"h: the Hessian here: its sharpness (largest eigenvalue) and its\n"
		"   index (how many are negative); live up to 300 parameters\n"
		"q: quit\n"),
	.draw = net_draw,
	.key = net_key,
	.tick = net_tick,
	.leave = net_leave,
};

void
ui_net_setup(struct ui *u, const struct ui_net_args *a)
{
	struct net *n;
	int j;

	ui_switch(u, UI_SCREEN_NET);
	n = xcalloc(1, sizeof *n);
	u->state = n;
	n->a = *a;
	n->cfg = *a->config;
	if (n->cfg.max_steps > NET_MAX_STEPS)
		n->cfg.max_steps = NET_MAX_STEPS;
	n->dim = objective_dim(a->obj);
	n->speed = 4;
	n->classifier = a->loss != NULL && strcmp(a->loss, "mse") != 0;
	n->target = dataset_column(a->data, a->target != NULL ? a->target : "y");
	for (j = 0; j < a->data->ncols && n->nin < 2; j++)
		if (j != n->target)
			n->in[n->nin++] = j;
	u->timeout_ms = 50;
	restart(u, n);
}
