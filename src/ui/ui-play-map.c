/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-play-map.c - the playground's map of settings (key m): a
 * hyperparameter map of the selected racer's optimizer from the start
 * point, over its learning rate (from a thirtieth to thirty times the
 * racer's, evenly in the logarithm) and its decay (beta, rho or beta1,
 * from 0 to 0.99) when it has one, each cell a run of up to 1000 steps.
 * The map takes the left of the screen, the landscape the right with the
 * run of the cell under the cursor, and a line says how that run ended.
 * Enter gives the racer the cell's settings; m or Esc goes back as it was.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-play-int.h"

#define MAP_STEPS 1000
#define PLAY_MAP_CELLS 100      /* per axis */

struct play_map {
	struct run_config cfg;          /* the racer's, MAP_STEPS at most */
	struct map_axis axis[2];
	int naxes;
	struct map_result res;
	int cell[2];
	struct run *run;                /* the cursor cell's run */
	int stale;                      /* the landscape must be drawn again */
};

/* The map's width: half the screen. */
static int
map_width(const struct ui *u)
{
	return u->cols / 2;
}

/* The cell's settings into m->cfg's copy c, and its run from p's start. */
static void
select_cell(struct play *p, struct play_map *m, int i, int j)
{
	struct run_config c = m->cfg;
	struct diag err;
	int k;

	m->cell[0] = i < 0 ? 0 : i >= m->res.nx ? m->res.nx - 1 : i;
	m->cell[1] = j < 0 ? 0 : j >= m->res.ny ? m->res.ny - 1 : j;
	for (k = 0; k < m->naxes; k++)
		*opt_param_slot(&c.params, m->axis[k].param) = map_axis_value(&m->axis[k],
									      m->cell[k]);
	run_free(m->run);
	m->run = run_new(p->obj, &c, p->start, &err);
	if (m->run != NULL)
		run_all(m->run);
	m->stale = 1;
}

struct play_map *
ui_play_map_new(struct ui *u, struct play *p)
{
	static const int decays[] = { OPT_PARAM_BETA, OPT_PARAM_RHO, OPT_PARAM_BETA1 };
	struct play_map *m;
	struct plot_opts po;
	struct plot_map_axis px, py = { NULL, 0, 0, 0, 0 };
	struct diag err;
	double lr = p->r[p->cur].cfg.params.lr;
	int w, h, k;

	if (p->obj == NULL)
		return NULL;
	m = xcalloc(1, sizeof *m);
	m->cfg = p->r[p->cur].cfg;
	if (m->cfg.max_steps > MAP_STEPS)
		m->cfg.max_steps = MAP_STEPS;
	m->axis[0] = (struct map_axis){ OPT_PARAM_LR, lr / 30, lr * 30, 2, 1 };
	m->naxes = 1;
	for (k = 0; k < 3; k++)
		if (opt_uses(m->cfg.opt, opt_params_table[decays[k]].name)) {
			m->axis[1] = (struct map_axis){ decays[k], 0, 0.99, 2, 0 };
			m->naxes = 2;
			break;
		}
	/* one cell of the map a cell of the screen */
	ui_plot_opts(u, &po, map_width(u) - 1, u->rows - 2);
	px = (struct plot_map_axis){ "lr", m->axis[0].lo, m->axis[0].hi, 0, 1 };
	if (m->naxes == 2)
		py = (struct plot_map_axis){ "", 0, 0.99, 2, 0 };
	plot_map_area(&po, &px, &py, &w, &h);
	/* at most 100 x 100 cells, however large the screen: a second or so */
	m->axis[0].n = w < 2 ? 2 : w > PLAY_MAP_CELLS ? PLAY_MAP_CELLS : w;
	if (m->naxes == 2)
		m->axis[1].n = h < 2 ? 2 : h > PLAY_MAP_CELLS ? PLAY_MAP_CELLS : h;
	if (analysis_map(p->obj, &m->cfg, p->start, &m->axis[0], m->naxes == 2 ? &m->axis[1] :
			 NULL, &m->res, &err) < 0) {
		snprintf(u->message, sizeof u->message, _("no map: %.300s"), err.message);
		free(m);
		return NULL;
	}
	/* the cursor on the racer's own settings */
	select_cell(p, m, map_axis_nearest(&m->axis[0], lr), m->naxes == 2 ?
		    map_axis_nearest(&m->axis[1], opt_param_get(&m->cfg.params, m->axis[1].param)) :
		    0);
	return m;
}

void
ui_play_map_free(struct play_map *m)
{
	if (m == NULL)
		return;
	run_free(m->run);
	map_result_free(&m->res);
	free(m);
}

/* "lr 0.0909, beta 0.27: converged in 31 steps" */
static void
cell_text(const struct play_map *m, char *buf, size_t size)
{
	map_cell_text(buf, size, &m->res, m->axis, m->naxes, m->cell[0], m->cell[1],
		      m->cfg.max_steps);
}

void
ui_play_map_draw(struct ui *u, struct play *p, struct play_map *m)
{
	struct plot_map pm;
	struct plot_opts po;
	struct plot_canvas *c;
	long *steps = plot_map_steps(&m->res);
	int mw = map_width(u), cx, cy;
	char title[160], line[200];

	memset(&pm, 0, sizeof pm);
	pm.x = (struct plot_map_axis){ "lr", m->axis[0].lo, m->axis[0].hi, m->axis[0].n, 1 };
	if (m->naxes == 2)
		pm.y = (struct plot_map_axis){ opt_params_table[m->axis[1].param].name, 0, 0.99,
					       m->axis[1].n, 0 };
	pm.steps = steps;
	pm.limit = m->cfg.max_steps;
	snprintf(title, sizeof title, _("%s: steps to converge"), m->cfg.opt->name);
	ui_plot_opts(u, &po, mw - 1, u->rows - 2);
	c = plot_map(&po, &pm, title);
	ui_draw_canvas(u, c, 0, 0);
	if (plot_map_locate(&po, &pm, title, map_axis_value(&m->axis[0], m->cell[0]),
			    m->naxes == 2 ? map_axis_value(&m->axis[1], m->cell[1]) : 0, &cx,
			    &cy) == 0) {
		if (m->naxes == 2) {
			mvchgat(cy, cx, 1, A_REVERSE | A_BOLD, 0, NULL);
		} else {
			attron(A_REVERSE | A_BOLD);
			mvaddch(cy, cx, '^');
			attroff(A_REVERSE | A_BOLD);
		}
	}
	plot_canvas_free(c);
	free(steps);
	/* the landscape, with the cell's run alone */
	if (m->stale || u->fig == NULL ||
	    plot_canvas_width(plot_fig_canvas(u->fig)) != u->cols - mw ||
	    plot_canvas_height(plot_fig_canvas(u->fig)) != u->rows - 2) {
		ui_play_build_fig(u, p, u->cols - mw, u->rows - 2);
		m->stale = 0;
		if (u->fig != NULL && m->run != NULL)
			plot_fig_run(u->fig, 0, m->run, m->cfg.opt->name);
		p->rebuild = 1;         /* the live descent draws its own again */
	}
	if (u->fig != NULL)
		ui_draw_canvas(u, plot_fig_canvas(u->fig), 0, mw);
	cell_text(m, line, sizeof line);
	move(u->rows - 2, 0);
	clrtoeol();
	move(u->rows - 2, 0);
	ui_put_utf8(line, strlen(line), u->cols, 0);
	/* TRANSLATORS: at most 70 columns: the map of settings' status line */
	ui_status(u, "arrows:cell Enter:take these settings m/Esc:back ?:keys");
}

int
ui_play_map_key(struct ui *u, struct play *p, struct play_map *m, int ch,
		struct run_config *cfg)
{
	int i = m->cell[0], j = m->cell[1], k, step = 1;

	(void)u;
	switch (ch) {
	case '\n': case '\r': case KEY_ENTER:
		for (k = 0; k < m->naxes; k++)
			*opt_param_slot(&cfg->params, m->axis[k].param) =
				map_axis_value(&m->axis[k], m->cell[k]);
		return 2;
	case 'm': case 27: case 'q':
		return 1;
	case KEY_SLEFT: case 'H': step = 5; /* fall through */
	case KEY_LEFT: case 'h':
		i -= step;
		break;
	case KEY_SRIGHT: case 'L': step = 5; /* fall through */
	case KEY_RIGHT: case 'l':
		i += step;
		break;
	case KEY_UP: case 'k':
		j++;
		break;
	case KEY_DOWN: case 'j':
		j--;
		break;
	default:
		return 0;
	}
	select_cell(p, m, i, j);
	return 0;
}
