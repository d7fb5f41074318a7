/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-play-view.c - what the playground shows of its racers: the figure
 * (the function's background, built again only when the view is stale,
 * and each racer's trajectory on it) and the side panel (each racer's
 * step, point, f, |grad|, curvature, the optimizer's own state and the
 * outcome).  It reads the playground's state (ui-play-int.h) and changes
 * nothing in it but, on a build, the stale mark and the automatic view
 * it remembers for zooming.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "ui-int.h"
#include "ui-play-int.h"

#define COMPACT_RACERS 3        /* from this many racers, 3 lines each */
#define FULL_BLOCK 9            /* a racer's lines in full: name, step, point, f, |grad|,
				 * eig(H), the outcome (two lines) and a blank (the state:
				 * one racer only) */

/*
 * Every number of the panel goes through ui_shown: a value like -x^4 at
 * 0, or an eigenvalue of a Hessian of zeros, is -0 and must read 0.
 */

/* f and |grad| at the current point of a run. */
static void
eval_at(struct play *p, const double *w, double *f, double *gnorm)
{
	double g[2] = { 0, 0 };

	objective_eval_point(p->obj, w, f, g, NULL);
	*gnorm = sqrt(g[0] * g[0] + g[1] * g[1]);
}

/* Whether another racer runs racer i's optimizer. */
static int
shares_optimizer(const struct play *p, int i)
{
	int j;

	for (j = 0; j < p->nr; j++)
		if (j != i && p->r[j].cfg.opt == p->r[i].cfg.opt)
			return 1;
	return 0;
}

/*
 * Whether the legend's row has room for every racer's rate: each label
 * "name,lr=X" after its glyph, the key to S and @, and about a min and a
 * saddle of the function's own.
 */
static int
rates_fit(struct ui *u, const struct play *p)
{
	char label[64];
	int i, len = 16 + 20;

	for (i = 0; i < p->nr; i++)
		len += 3 + snprintf(label, sizeof label, "%s,lr=%g", p->r[i].cfg.opt->name,
				    p->r[i].cfg.params.lr);
	return len <= plot_canvas_width(plot_fig_canvas(u->fig));
}

/*
 * The loss curve, rows y to y + h: f against the step for every racer, in
 * its glyph and colour, growing as they run (log scale over decades).
 */
void
ui_play_draw_loss(struct ui *u, struct play *p, int y, int x, int w, int h)
{
	struct run *runs[MAX_RACERS];
	const char *names[MAX_RACERS];
	int i;

	for (i = 0; i < p->nr; i++) {
		runs[i] = p->r[i].run;
		names[i] = p->r[i].cfg.opt->name;
	}
	ui_draw_loss(u, runs, names, p->nr, y, x, w, h);
}

void
ui_play_draw_runs(struct ui *u, struct play *p)
{
	int i, rates = rates_fit(u, p);

	for (i = 0; i < p->nr; i++) {
		char label[64];
		if (p->r[i].run == NULL)
			continue;
		if (p->nr == 1 || rates || shares_optimizer(p, i))
			snprintf(label, sizeof label, "%s,lr=%g", p->r[i].cfg.opt->name,
				 p->r[i].cfg.params.lr);
		else    /* the panel gives the rates: a short legend for a narrow race */
			snprintf(label, sizeof label, "%s", p->r[i].cfg.opt->name);
		plot_fig_run(u->fig, i, p->r[i].run, label);
	}
}

void
ui_play_build_fig(struct ui *u, struct play *p, int w, int h)
{
	struct plot_opts o;
	struct diag err;

	plot_fig_free(u->fig);
	u->fig = NULL;
	ui_plot_opts(u, &o, w, h);
	o.x0 = p->x0;
	o.x1 = p->x1;
	o.y0 = p->y0;
	o.y1 = p->y1;
	o.overlays = PLOT_OV_CRITICAL | (u->color ? PLOT_OV_SHADE : 0) |
		     (p->dim == 2 && p->basins ? PLOT_OV_BASINS : 0) |
		     (p->dim == 2 && p->convexity ? PLOT_OV_CONVEXITY : 0);
	o.arrow = p->arrow;
	o.ball_tangent = 1;             /* 1D: the ball's tangent */
	o.trail = !p->notrail;
	o.step_signs = p->signs;
	o.basin_run = &p->r[p->cur].cfg;
	o.title = 0;
	u->fig = plot_fig_new(p->obj, &o, NULL, &err);
	if (u->fig == NULL) {
		snprintf(u->message, sizeof u->message, "%s", err.message);
		return;
	}
	if (p->x1 <= p->x0) {           /* remember the automatic view, for zooming */
		plot_fig_view(u->fig, &p->x0, &p->x1, &p->y0, &p->y1);
		if (p->dim == 1)
			p->y1 = p->y0;  /* f's range stays automatic */
	}
	p->rebuild = 0;
}

/* How racer r is doing: running, or how it ended in the program's words. */
static const char *
outcome_text(struct play *p, struct racer *r, char *buf, size_t size)
{
	const struct trajectory *t = run_trajectory(r->run);

	if (t->outcome == RUN_RUNNING)
		/* TRANSLATORS: a racer's state in the side panel, 25 columns */
		return p->playing ? _("running") : _("paused");
	analysis_outcome(p->obj, t, buf, size);
	return buf;
}

/*
 * UTF-8 text from (y, x) in at most lines rows of width columns, broken
 * at spaces; returns the rows used.
 */
static int
put_wrapped(int y, int x, const char *text, int width, int lines)
{
	int used = 0;

	while (*text != '\0' && used < lines && width > 0) {
		/* the bytes of the row's width, and of the row */
		size_t room = ui_bytes(text, width), cut = strlen(text);
		if (text[room] != '\0' && used + 1 < lines) {
			for (cut = room; cut > 0 && text[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = room;
		}
		move(y + used++, x);
		ui_put_utf8(text, cut < room ? cut : room, width, 0);
		text += cut;
		while (*text == ' ')
			text++;
	}
	return used;
}

/* The name of an optimizer's state vector s, as in its rule. */
static const char *
state_name(const struct optimizer *o, int s)
{
	return s < o->nstate && o->state_names[s] != NULL ? o->state_names[s] : "s";
}

/*
 * The settings of the racer the keys change, besides its rate, each with
 * its keys ("{ } beta 0.9"); returns the rows used.
 */
static int
draw_settings(const struct racer *r, int y, int x, int width)
{
	char buf[64];
	int k, rows = 0;

	attron(A_DIM);
	for (k = RUN_SET_BETA; k < RUN_SET_COUNT; k++) {
		const char *param = run_setting_param(&r->cfg, k, 0);
		if (param == NULL)
			continue;
		snprintf(buf, sizeof buf, "%s %s %g", ui_setting_keys(k), param,
			 ui_shown(run_setting_get(&r->cfg, k, 0)));
		mvaddnstr(y + rows++, x + 2, buf, width - 2);
	}
	attroff(A_DIM);
	return rows;
}

/* The side panel: each racer's step, point, f, |grad|, state and outcome. */
void
ui_play_draw_panel(struct ui *u, struct play *p, int x, int width, int rows)
{
	int i, y = 0;
	char buf[128], ob[64];

	for (i = 0; i < p->nr && y < rows - 1; i++) {
		struct racer *r = &p->r[i];
		const struct trajectory *t;
		const double *w;
		double f, gn;
		/* the trajectory's look: its colour, or its glyph without colour (plot-fig.c) */
		char glyph;
		uint8_t color;
		plot_traj_style(i, &glyph, &color);
		if (r->run == NULL)
			continue;
		t = run_trajectory(r->run);
		w = run_point(r->run);
		eval_at(p, w, &f, &gn);
		/* the racer's glyph and colour, as its trail and the legend */
		attron(A_BOLD | ui_color_attr(u, color, 0));
		mvaddch(y, x, (chtype)glyph);
		attroff(A_BOLD | ui_color_attr(u, color, 0));
		attron(A_BOLD | (i == p->cur && p->nr > 1 ? A_REVERSE : 0));
		mvprintw(y++, x + 2, "%-9s lr %-8g", r->cfg.opt->name, ui_shown(r->cfg.params.lr));
		attroff(A_BOLD | A_REVERSE);
		if (i == p->cur)
			y += draw_settings(r, y, x, width);
		/* TRANSLATORS: the side panel's lines: 25 columns */
		mvprintw(y++, x, _("step %ld"), t->outcome == RUN_RUNNING ? (long)t->len : t->step);
		if (p->nr >= COMPACT_RACERS && rows < FULL_BLOCK * p->nr + 2) {
			/* many racers in a small panel: f and the outcome only */
			snprintf(buf, sizeof buf, "f %.6g", ui_shown(f));
			mvaddnstr(y - 1, x + 11, buf, width - 11);
			/* the outcome without its reason: "diverged at step 4" */
			outcome_text(p, r, ob, sizeof ob);
			if (t->outcome != RUN_RUNNING && strchr(ob, ':') != NULL)
				*strchr(ob, ':') = '\0';
			if (t->outcome == RUN_RUNNING)    /* "running", "paused" */
				snprintf(ob, sizeof ob, "%s", outcome_text(p, r, ob, sizeof ob));
			move(y++, x);
			ui_put_utf8(ob, strlen(ob), width, 0);
			continue;
		}
		if (p->dim == 2)
			snprintf(buf, sizeof buf, "x %.6g  y %.6g", ui_shown(w[0]), ui_shown(w[1]));
		else
			snprintf(buf, sizeof buf, "x %.6g", ui_shown(w[0]));
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, "f %.6g", ui_shown(f));
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, "|grad| %.4g", ui_shown(gn));
		mvaddnstr(y++, x, buf, width);
		{
			/* how f curves there: f'', or the Hessian's eigenvalues */
			double h[4], lambda[2], fh;
			objective_eval_point(p->obj, w, &fh, NULL, h);
			analysis_classify(p->dim, h, lambda);
			if (p->dim == 2)
				snprintf(buf, sizeof buf, "eig(H) %.3g, %.3g", ui_shown(lambda[0]),
					 ui_shown(lambda[1]));
			else
				snprintf(buf, sizeof buf, "f'' %.4g", ui_shown(lambda[0]));
			mvaddnstr(y++, x, buf, width);
		}
		if (t->len > 0 && t->lr != NULL && sched_lr(&r->cfg.sched, 1, 1) != 1) {
			snprintf(buf, sizeof buf, _("lr now %.4g"), ui_shown(t->lr[t->len - 1]));
			mvaddnstr(y++, x, buf, width);
		}
		if (r->cfg.opt->nstate > 0 && p->nr == 1) {
			/* the optimizer's own state, under the names of its rule */
			int s;
			for (s = 0; s < r->cfg.opt->nstate; s++) {
				const double *st = run_state(r->run, s);
				const char *nm = state_name(r->cfg.opt, s);
				if (p->dim == 2)
					snprintf(buf, sizeof buf, "%s (%.3g, %.3g)", nm,
						 ui_shown(st[0]), ui_shown(st[1]));
				else
					snprintf(buf, sizeof buf, "%s %.4g", nm, ui_shown(st[0]));
				mvaddnstr(y++, x, buf, width);
			}
		}
		if (r->cfg.opt->state_text != NULL && p->nr == 1) {
			/* a state too big to list: what it says, in words */
			r->cfg.opt->state_text(p->dim, &r->cfg.params, run_state_all(r->run), buf,
					       sizeof buf);
			y += put_wrapped(y, x, buf, width, 2);
		}
		y += put_wrapped(y, x, outcome_text(p, r, ob, sizeof ob), width, 2);
		if (u->fig != NULL && plot_fig_left_view(u->fig, i) > 0) {
			/* its arrow on the plot's edge: from when */
			snprintf(buf, sizeof buf, _("left the view at step %ld"),
				 plot_fig_left_view(u->fig, i));
			mvaddnstr(y++, x, buf, width);
		}
		y++;
	}
	if (y < rows - 1) {
		snprintf(buf, sizeof buf, P_("speed %d step/tick", "speed %d steps/tick", p->speed),
			 p->speed);
		mvaddnstr(y++, x, buf, width);
	}
}
