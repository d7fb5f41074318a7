/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-map.c - "put the cursor on the fastest learning rate": a
 * hyperparameter map of the page's optimizer, over one or two of its
 * settings, each cell the run of its settings from the page's start.  The
 * learner moves a cursor over the cells and sees each one's run on the
 * landscape; the answer, a cell, is judged against the map the engine
 * computes (the fewest steps, or the first cell of a row from which every
 * larger setting diverges), within the page's tolerance in cells.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/plot.h"
#include "descent/util.h"
#include "lesson-int.h"

/*
 * "over": {"lr": [0.001, 0.2], "beta": [0, 0.99]}: the axes, across then
 * down.  Returns the number of errors, each setting judged.
 */
static int
read_over(struct loader *L, const cJSON *po, struct page_map *q, int log)
{
	/* TRANSLATORS: names the page in the messages of a lesson file's errors */
	const cJSON *over = member(L, po, "over", 1, _("a map page")), *e;
	size_t before = L->errors, mark;
	int seen = 0;

	if (over == NULL)
		return 1;
	if (!cJSON_IsObject(over) || over->child == NULL) {
		lesson_error(L, AT(over), "\"over\" must be an object of one or two settings, like "
			     "{\"lr\": [0.001, 0.2], \"beta\": [0, 0.99]}");
		return 1;
	}
	for (e = over->child; e != NULL; e = e->next) {
		int k = opt_param_find(e->string);
		struct map_axis *a = &q->axis[q->naxes];
		double r[2];

		if (++seen > 2) {
			lesson_error(L, KEY_AT(e), "a map covers two settings at most");
			break;
		}
		if (k < 0 || (q->opt != NULL && !opt_uses(q->opt, e->string))) {
			if (q->opt != NULL)
				lesson_error(L, KEY_AT(e), "%s has no setting \"%s\" (it has %s)",
					     q->opt->name, e->string, q->opt->params);
			else
				lesson_error(L, KEY_AT(e), "the optimizer has no setting \"%s\"",
					     e->string);
			continue;
		}
		if (q->naxes == 1 && q->axis[0].param == k) {
			lesson_error(L, KEY_AT(e), "\"%s\" is over the map twice", e->string);
			continue;
		}
		mark = L->errors;
		if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2 ||
		    get_numbers(L, e, e->string, 2, 2, r) != 2) {
			if (L->errors == mark)
				lesson_error(L, AT(e), "\"%s\" is an array of its lowest and highest "
					     "value, like [0.001, 0.2]", e->string);
			continue;
		}
		if (!(r[0] < r[1]) || !opt_param_in_range(k, r[0]) || !opt_param_in_range(k, r[1])) {
			lesson_error(L, AT(e), "\"%s\" goes from a lower to a higher value, each %s",
				     e->string, opt_param_range_text(k));
			continue;
		}
		a->param = k;
		a->lo = r[0];
		a->hi = r[1];
		a->log = log && (k == OPT_PARAM_LR || k == OPT_PARAM_EPS);
		a->n = q->naxes == 0 ? 40 : 16;
		q->naxes++;
	}
	return (int)(L->errors - before);
}

static void
map_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	static const char *const targets[] = { "fastest", "edge", NULL };
	struct page_map *q = &p->map;
	const cJSON *opt = member(L, po, "optimizer", 1, what), *t, *cells, *pa, *e;
	int log = 0, i, bad_over;

	q->opt = opt != NULL ? get_optimizer(L, opt) : NULL;
	if (q->opt != NULL)
		q->params = q->opt->defaults;
	get_bool(L, po, "log", &log);
	bad_over = read_over(L, po, q, log);
	pa = cJSON_GetObjectItemCaseSensitive(po, "params");
	if (pa != NULL && !cJSON_IsObject(pa))
		lesson_error(L, AT(pa), "\"params\" must be an object like {\"beta\": 0.9}");
	for (e = pa != NULL && cJSON_IsObject(pa) ? pa->child : NULL; e != NULL; e = e->next) {
		int k = opt_param_find(e->string);
		if (k < 0 || q->opt == NULL || !opt_uses(q->opt, e->string)) {
			if (q->opt != NULL)
				lesson_error(L, KEY_AT(e), "%s has no setting \"%s\"", q->opt->name,
					     e->string);
			else
				lesson_error(L, KEY_AT(e), "the optimizer has no setting \"%s\"",
					     e->string);
			continue;
		}
		if (!cJSON_IsNumber(e) || !opt_param_in_range(k, e->valuedouble)) {
			lesson_error(L, AT(e), "\"%s\" must be %s", e->string,
				     opt_param_range_text(k));
			continue;
		}
		*opt_param_slot(&q->params, k) = e->valuedouble;
	}
	cells = cJSON_GetObjectItemCaseSensitive(po, "cells");
	if (cells != NULL && !bad_over) {
		double c[2] = { 0, 0 };
		int n = cJSON_IsArray(cells) ? cJSON_GetArraySize(cells) : 0;
		if (n != q->naxes || get_numbers(L, cells, "cells", n, 2, c) != n) {
			lesson_error(L, AT(cells), "\"cells\" gives the cells of each setting of "
				     "\"over\", in its order, like [40, 16]");
		} else {
			for (i = 0; i < n; i++) {
				if (c[i] != floor(c[i]) || c[i] < 2 || c[i] > LESSON_MAP_CELLS)
					lesson_error(L, AT(cells), "each of \"cells\" is a whole "
						     "number from 2 to %d", LESSON_MAP_CELLS);
				else
					q->axis[i].n = (int)c[i];
			}
		}
	}
	q->steps = 1000;
	get_count(L, po, "steps", 0, what, 1, LESSON_MAX_STEPS, &q->steps);
	{
		/* opening the page computes the map: bounded work, as the check's */
		double work = (double)q->steps;
		const cJSON *at = cells != NULL ? cells :
				  cJSON_GetObjectItemCaseSensitive(po, "steps");

		for (i = 0; i < q->naxes; i++)
			work *= q->axis[i].n;
		if (q->naxes > 0 && work > LESSON_MAP_WORK)
			lesson_error(L, AT(at != NULL ? at : po), "this map's runs take up to %.0f "
				     "steps (its cells times \"steps\"), past the %d a map may take: "
				     "fewer \"cells\" or \"steps\"", work, LESSON_MAP_WORK);
	}
	get_page_start(L, po, p, 1, what);
	p->question = get_text(L, po, "question", 1, what);
	t = member(L, po, "target", 1, what);
	if (t != NULL) {
		p->aline = AT(t).line;
		p->acolumn = AT(t).column;
		for (i = 0; targets[i] != NULL && !(cJSON_IsString(t) &&
						    strcmp(t->valuestring, targets[i]) == 0); i++)
			;
		if (targets[i] == NULL)
			lesson_error(L, AT(t), "\"target\" is \"fastest\" (the setting that "
				     "converges in the fewest steps) or \"edge\" (where runs start "
				     "to diverge)");
		else
			q->target = (enum map_target)i;
	}
	{
		long tol = 1;
		get_count(L, po, "tolerance", 0, what, 0, LESSON_MAP_CELLS, &tol);
		q->tolerance = (int)tol;
	}
}

/* The run configuration of cell (i, j). */
static void
cell_config(const struct lesson_page *p, int i, int j, struct run_config *c)
{
	const struct page_map *q = &p->map;

	run_config_init(c, q->opt);
	c->params = q->params;
	c->max_steps = q->steps;
	*opt_param_slot(&c->params, q->axis[0].param) = map_axis_value(&q->axis[0], i);
	if (q->naxes == 2)
		*opt_param_slot(&c->params, q->axis[1].param) = map_axis_value(&q->axis[1], j);
}

/* The map of the page on objective o into res; 0, or -1 (err). */
static int
compute(const struct lesson_page *p, struct objective *o, struct map_result *res,
	struct diag *err)
{
	const struct page_map *q = &p->map;
	struct run_config c;

	run_config_init(&c, q->opt);
	c.params = q->params;
	c.max_steps = q->steps;
	return analysis_map(o, &c, p->start, &q->axis[0], q->naxes == 2 ? &q->axis[1] : NULL,
			    res, err);
}

#define CELL(res, i, j) ((size_t)(j) * (size_t)(res)->nx + (size_t)(i))

/* The edge in row j: the first cell from which every larger one diverged, or -1. */
static int
row_edge(const struct map_result *res, int j)
{
	int i = res->nx;

	while (i > 0 && res->outcome[CELL(res, i - 1, j)] == RUN_DIVERGED)
		i--;
	return i < res->nx && i > 0 ? i : -1;
}

static void
map_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_map *q = &p->map;
	struct map_result res;
	struct check_work w;
	struct diag err;
	int ix, iy, j, edges = 0;
	long cells = (long)q->axis[0].n * (q->naxes == 2 ? q->axis[1].n : 1);

	if (q->opt == NULL || p->nstart != e->n)
		return;
	work_runs(&w, p, cells, q->steps, opt_step_evals(q->opt));
	/* TRANSLATORS: in "checking this map would pass the checker's budget
	 * ...: lower "steps", fewer "cells" ..." */
	if (check_charge(k, p->line, p->column, _("this map"), &w, _("lower \"steps\""),
			 _("fewer \"cells\"")) < 0)
		return;
	if (compute(p, e->o, &res, &err) < 0) {
		check_wrong(k, p->line, p->column, "%s", err.message);
		return;
	}
	check_verified(k);
	if (q->target == MAP_TARGET_FASTEST && map_fastest(&res, &ix, &iy) < 0)
		check_wrong(k, p->aline, p->acolumn, "no cell of the map converges in %ld steps: "
			    "there is no fastest setting to point at", q->steps);
	for (j = 0; j < res.ny; j++)
		edges += row_edge(&res, j) >= 0;
	if (q->target == MAP_TARGET_EDGE && edges == 0 && q->naxes == 2)
		check_wrong(k, p->aline, p->acolumn, "no row of the map ends in cells that all "
			    "diverge: there is no edge of divergence to point at");
	else if (q->target == MAP_TARGET_EDGE && edges == 0)
		check_wrong(k, p->aline, p->acolumn, "no part of the map ends in cells that all "
			    "diverge: there is no edge of divergence to point at");
	map_result_free(&res);
}

int
runner_map_select(struct lesson_runner *r, int i, int j)
{
	const struct lesson_page *p;
	struct run_config c;
	struct diag err;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_MAP || r->obj == NULL ||
	    r->map.outcome == NULL)
		return -1;
	i = i < 0 ? 0 : i >= r->map.nx ? r->map.nx - 1 : i;
	j = j < 0 ? 0 : j >= r->map.ny ? r->map.ny - 1 : j;
	r->map_cell[0] = i;
	r->map_cell[1] = j;
	if (r->nruns > 0)
		run_free(r->runs[0]);
	r->nruns = 0;
	cell_config(p, i, j, &c);
	r->runs[0] = run_new(r->obj, &c, p->start, &err);
	if (r->runs[0] == NULL)
		return -1;
	run_all(r->runs[0]);
	r->nruns = 1;
	r->cfg[0] = c;
	snprintf(r->labels[0], sizeof r->labels[0], "%s", p->map.opt->name);
	return 0;
}

static void
map_enter(struct lesson_runner *r)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	struct diag err;

	if (r->obj == NULL || p->map.opt == NULL || compute(p, r->obj, &r->map, &err) < 0)
		return;
	/* the cursor starts in the middle, far from any answer's edge */
	runner_map_select(r, r->map.nx / 2, r->map.ny / 2);
}

void
runner_map_cell_text(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct lesson_page *p;

	buf[0] = '\0';
	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_MAP || r->map.outcome == NULL)
		return;
	map_cell_text(buf, size, &r->map, p->map.axis, p->map.naxes, r->map_cell[0],
		      r->map_cell[1], p->map.steps);
}

/*
 * Whether cell (ci, cj) answers the page: a cell of the fewest steps
 * within the tolerance, across and down; or within it of its row's edge
 * or the cell before.
 */
static int
cell_right(const struct map_result *res, const struct page_map *q, int ci, int cj)
{
	int tol = q->tolerance, i, j, e;

	if (q->target == MAP_TARGET_FASTEST) {
		int bi = 0, bj = 0;
		long best = map_fastest(res, &bi, &bj);
		for (j = 0; j < res->ny; j++)
			for (i = 0; i < res->nx; i++)
				if (res->outcome[CELL(res, i, j)] == RUN_CONVERGED &&
				    res->steps[CELL(res, i, j)] == best && abs(i - ci) <= tol &&
				    abs(j - cj) <= tol)
					return 1;
		return 0;
	}
	e = row_edge(res, cj);
	return e >= 0 && ci >= e - 1 - tol && ci <= e + tol;
}

enum answer
runner_map(struct lesson_runner *r)
{
	const struct lesson_page *p;
	const struct page_map *q;
	const struct map_result *res = &r->map;
	int ci, cj;
	char why[240], cell[160];

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_MAP || res->outcome == NULL)
		return ANSWER_INVALID;
	q = &p->map;
	ci = r->map_cell[0];
	cj = r->map_cell[1];
	runner_map_cell_text(r, cell, sizeof cell);
	if (cell_right(res, q, ci, cj))
		return runner_judge(r, 1, "");
	if (q->target == MAP_TARGET_FASTEST) {
		int bi = 0, bj = 0;
		long best = map_fastest(res, &bi, &bj);
		/* TRANSLATORS: the cell's run ("lr = 0.05: converges in 37 steps"),
		 * then the fewest steps of any cell */
		snprintf(why, sizeof why, _("Here, %s; the fastest setting takes %ld."), cell,
			 best);
	} else if (row_edge(res, cj) < 0 && q->naxes == 2) {
		snprintf(why, sizeof why, _("Nothing diverges in this row: move to a row where "
					    "some settings do."));
	} else if (row_edge(res, cj) < 0) {
		snprintf(why, sizeof why, _("Nothing diverges in this map: there is no edge."));
	} else if (ci < row_edge(res, cj)) {
		/* TRANSLATORS: the cell's run, then a setting's name, "lr" */
		snprintf(why, sizeof why, _("Here, %s: the edge is at a larger %s."), cell,
			 opt_params_table[q->axis[0].param].name);
	} else {
		snprintf(why, sizeof why, _("Here, %s: the edge is at a smaller %s."), cell,
			 opt_params_table[q->axis[0].param].name);
	}
	return runner_judge(r, 0, why);
}

/* Cell (i, j) as the settings a learner types: "0.1" or "0.1,0.9". */
static void
cell_settings(const struct page_map *q, int i, int j, char *buf, size_t size)
{
	char a[32], b[32];

	key_number(a, sizeof a, map_axis_value(&q->axis[0], i));
	key_number(b, sizeof b, map_axis_value(&q->axis[1], j));
	snprintf(buf, size, "%s%s%s", a, q->naxes == 2 ? "," : "", q->naxes == 2 ? b : "");
}

/*
 * The cells the key gives: a fastest cell, or the first row's edge; and
 * the first cell that is wrong.  (Each test of a cell may look at every
 * cell: the right one is found directly, and the search for a wrong one
 * stops at the first.)
 */
static int
map_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct page_map *q = &RUNNER_PAGE(r)->map;
	const struct map_result *res = &r->map;
	int i, j, bi = -1, bj = 0;

	if (res->outcome == NULL)
		return -1;
	if (q->target == MAP_TARGET_FASTEST && map_fastest(res, &bi, &bj) < 0)
		return -1;
	for (j = 0; q->target == MAP_TARGET_EDGE && j < res->ny && bi < 0; j++)
		if ((bi = row_edge(res, j)) >= 0)
			bj = j;
	if (bi < 0)
		return -1;
	cell_settings(q, bi, bj, right, rsize);
	for (j = 0; j < res->ny; j++)
		for (i = 0; i < res->nx; i++)
			if (!cell_right(res, q, i, j)) {
				cell_settings(q, i, j, wrong, wsize);
				return 0;
			}
	return -1;
}

int
runner_map_plot(const struct lesson_runner *r, struct plot_map *m, long **steps)
{
	const struct lesson_page *p;
	const struct page_map *q;
	const struct map_result *res = &r->map;

	*steps = NULL;
	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_MAP || res->outcome == NULL)
		return -1;
	q = &p->map;
	*steps = plot_map_steps(res);
	memset(m, 0, sizeof *m);
	m->x = (struct plot_map_axis){ opt_params_table[q->axis[0].param].name, q->axis[0].lo,
				       q->axis[0].hi, q->axis[0].n, q->axis[0].log };
	if (q->naxes == 2)
		m->y = (struct plot_map_axis){ opt_params_table[q->axis[1].param].name,
					       q->axis[1].lo, q->axis[1].hi, q->axis[1].n,
					       q->axis[1].log };
	m->steps = *steps;
	m->limit = q->steps;
	return 0;
}

static int
map_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_map *q = &RUNNER_PAGE(r)->map;

	if (q->naxes == 2)
		/* TRANSLATORS: %s are settings' names, "lr", "beta"; the keys h,
		 * s and q stay as they are */
		snprintf(buf, size, _("Which setting? (%s,%s; h hint, s skip, q quit): "),
			 opt_params_table[q->axis[0].param].name,
			 opt_params_table[q->axis[1].param].name);
	else
		snprintf(buf, size, _("Which %s? (h hint, s skip, q quit): "),
			 opt_params_table[q->axis[0].param].name);
	return 1;
}

static enum answer
map_answer_text(struct lesson_runner *r, const char *line)
{
	const struct page_map *q;
	double v[2];
	int n = 0;

	if (r->page < 0 || r->map.outcome == NULL)
		return ANSWER_INVALID;
	q = &RUNNER_PAGE(r)->map;
	if (runner_read_vector(r, line, v, 2, &n) < 0 || n != q->naxes)
		return ANSWER_INVALID;
	runner_map_select(r, map_axis_nearest(&q->axis[0], v[0]),
			  n == 2 ? map_axis_nearest(&q->axis[1], v[1]) : 0);
	return runner_map(r);
}

/* learn --plain: the map, under the question, and the cell its answer picks. */
static size_t
map_page_text(const struct lesson_runner *r, int width, int utf8, char *out, size_t size)
{
	struct plot_map m;
	struct plot_opts o;
	struct plot_canvas *c;
	long *steps;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	if (runner_map_plot(r, &m, &steps) < 0)
		return 0;
	plot_opts_init(&o);
	o.width = width < 40 ? 40 : width;
	o.height = 16;
	o.enc = utf8 ? PLOT_ENC_BRAILLE : PLOT_ENC_ASCII;
	o.color = 0;
	c = plot_map(&o, &m, NULL);
	fp = open_memstream(&buf, &len);
	if (fp != NULL) {
		fputc('\n', fp);
		plot_render_text(c, fp, 0);
		fclose(fp);
	}
	plot_canvas_free(c);
	free(steps);
	return page_give(buf, len, out, size);
}

const struct page_kind_def page_kind_map = {
	.name = "map",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "start",
					  "optimizer", "params", "over", "log", "cells", "steps",
					  "question", "target", "tolerance", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_ASKS,
	.read = map_read,
	.check = map_check,
	.enter = map_enter,
	.prompt = map_prompt,
	.answer_text = map_answer_text,
	.page_text = map_page_text,
	.key = map_key,
};
