/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-objective.c - the objective of a page: an expression in one or
 * more named variables ("function", with "variables" to fix their
 * order), or a data objective ("data": columns, points, a model and a
 * loss).  Read and checked here, by compiling it as the engine will, so
 * that a page that loads always has an objective the engine can run.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

/* The target of a data objective: the column "y", else the last one. */
static const char *
data_target(const struct lesson_objective *o)
{
	int j;

	for (j = 0; j < o->ncolumns; j++)
		if (strcmp(o->columns[j], "y") == 0)
			return "y";
	return o->columns[o->ncolumns - 1];
}

int
lesson_name_kind(const char *s)
{
	struct diag err;
	struct expr *e = expr_parse(s, (const char *const[]){ NULL }, 0, &err);
	int ok;

	if (e != NULL) {                /* a constant or a number: no name */
		expr_free(e);
		return NAME_TAKEN;
	}
	e = expr_parse(s, NULL, 0, &err);
	ok = e != NULL && expr_nvars(e) == 1 && strcmp(expr_var_name(e, 0), s) == 0;
	expr_free(e);
	return ok ? NAME_OK : NAME_BAD;
}

/*
 * The model and loss of a data objective whose columns and points o has:
 * read, and built once to check the model, the columns and the labels.
 * pts is where to point at for bad labels.
 */
static int
data_model(struct loader *L, const cJSON *data, const cJSON *model, const cJSON *pts,
	   struct lesson_objective *o, int *dim)
{
	struct dataset d;
	struct objective *obj;
	struct diag err;
	char *loss;
	size_t r;
	int j, l;

		if (!cJSON_IsString(model)) {
		lesson_error(L, AT(model), "\"model\" must be a string, not %s",
			     json_type_name(model));
		return -1;
	}
	o->model = xstrdup(model->valuestring);
	o->fline = AT(model).line;
	o->fcolumn = AT(model).column;
	o->loss = LOSS_MSE;
	/* TRANSLATORS: the member "data" of a page, named in messages: keep the name */
	loss = get_string(L, data, "loss", 0, _("\"data\""));
	if (loss != NULL) {
		l = loss_from_name(loss);
		if (l < 0)
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(data, "loss")), "unknown loss \"%s\": use mse, cross_entropy or hinge", loss);
		else
			o->loss = (enum loss)l;
		free(loss);
		if (l < 0)
			return -1;
	}
	if (get_number(L, data, "l2", 0, _("\"data\""), &o->l2) && !(o->l2 >= 0 && o->l2 < 1e6)) {
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(data, "l2")), "\"l2\" is a "
			     "penalty of 0 or more, below 1e6, not %g", o->l2);
		return -1;
	}
	{
		const cJSON *sp = cJSON_GetObjectItemCaseSensitive(data, "split");
		if (sp != NULL) {
			struct dataset whole = { 0 }, *tr, *va, *te;
			char *names[1] = { "i" };
			double *col[1];
			if (get_numbers(L, sp, "split", 2, 2, o->split) < 0)
				return -1;
			/* the fractions checked on as many rows, whatever the seed */
			whole.ncols = 1;
			whole.nrows = o->npoints;
			whole.names = names;
			col[0] = xcalloc(o->npoints, sizeof *col[0]);
			whole.col = col;
			if (dataset_split(&whole, o->split[0], o->split[1], 0, &tr, &va, &te,
					  &err) != 0) {
				lesson_error(L, AT(sp), "\"split\" is [validation, test], two "
					     "fractions of the points: %s", err.message);
				free(col[0]);
				return -1;
			}
			free(col[0]);
			dataset_free(tr);
			dataset_free(va);
			dataset_free(te);
			o->has_split = 1;
		}
	}
	/* build it once to check the model, the columns and the labels */
	d.ncols = o->ncolumns;
	d.nrows = o->npoints;
	d.names = o->columns;
	d.col = xcalloc(d.ncols, sizeof *d.col);
	for (j = 0; j < d.ncols; j++) {
		d.col[j] = xmalloc(d.nrows * sizeof **d.col);
		for (r = 0; r < d.nrows; r++)
			d.col[j][r] = o->points[r * o->ncolumns + j];
	}
	obj = objective_data(&d, o->model, o->loss, data_target(o), NULL, 0, &err);
	for (j = 0; j < d.ncols; j++)
		free(d.col[j]);
	free(d.col);
	if (obj == NULL) {
		if (err.column > 0)
			/* TRANSLATORS: a member of the file, as in "in \"model\": ...": keep the name */
			expr_error_at(L, model, _("\"model\""), &err);
		else if (strstr(err.message, "labels") != NULL)
			lesson_error(L, AT(pts), "in \"points\": %s", err.message);
		else
			lesson_error(L, AT(model), "in \"model\": %s", err.message);
		return -1;
	}
	*dim = objective_dim(obj);
	{
		/* the parameters, for messages about their number */
		size_t len = 0;
		int q;
		L->params[0] = '\0';
		for (q = 0; q < *dim && len < sizeof L->params - 40; q++)
			len += snprintf(L->params + len, sizeof L->params - len, "%s%s",
					q ? ", " : "", objective_param(obj, q));
	}
	objective_free(obj);
	return 0;
}

/*
 * A data objective drawn from a built-in set ("set": "moons,n=60"), as
 * descent run --data draws it: its columns and points become the page's.
 */
static int
data_set(struct loader *L, const cJSON *data, const cJSON *set, struct lesson_objective *o,
	 int *dim)
{
	struct dataset *d;
	struct diag err;
	const cJSON *model;
	size_t r;
	int j;

	if (cJSON_GetObjectItemCaseSensitive(data, "columns") != NULL ||
	    cJSON_GetObjectItemCaseSensitive(data, "points") != NULL) {
		lesson_error(L, KEY_AT(set), "\"data\" has a \"set\" or \"columns\" and "
			     "\"points\", not both");
		return -1;
	}
	if (!cJSON_IsString(set)) {
		lesson_error(L, AT(set), "\"set\" must be a string naming a built-in data set, "
			     "like \"moons,n=60\", not %s", json_type_name(set));
		return -1;
	}
	o->set = xstrdup(set->valuestring);
	d = dataset_toy(set->valuestring, &err);
	if (d == NULL) {
		/* TRANSLATORS: a member of the file, as in "in \"set\": ...": keep the name */
		expr_error_at(L, set, _("\"set\""), &err);
		return -1;
	}
	if (d->nrows > LESSON_MAX_ROWS) {
		lesson_error(L, AT(set), "a lesson's data set has at most %d points, and this one "
			     "has %zu: take fewer (n=)", LESSON_MAX_ROWS, d->nrows);
		dataset_free(d);
		return -1;
	}
	for (j = 0; j < d->ncols; j++)
		o->columns[o->ncolumns++] = xstrdup(d->names[j]);
	o->npoints = d->nrows;
	o->points = xcalloc(o->npoints * (size_t)o->ncolumns, sizeof *o->points);
	for (r = 0; r < d->nrows; r++)
		for (j = 0; j < d->ncols; j++)
			o->points[r * (size_t)o->ncolumns + j] = d->col[j][r];
	dataset_free(d);
	model = member(L, data, "model", 1, _("\"data\""));
	if (model == NULL)
		return -1;
	return data_model(L, data, model, set, o, dim);
}

/* The objective of a page: "function" (+ "variables") or "data". */
int
get_objective(struct loader *L, const cJSON *page, struct lesson_objective *o, int *dim)
{
	const cJSON *fn = cJSON_GetObjectItemCaseSensitive(page, "function");
	const cJSON *vars = cJSON_GetObjectItemCaseSensitive(page, "variables");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(page, "data");
	struct diag err;

	if (fn == NULL && data == NULL) {
		lesson_error(L, AT(page), "this page needs a \"function\" (or \"data\" with a "
			     "model)");
		return -1;
	}
	if (fn != NULL && data != NULL) {
		lesson_error(L, KEY_AT(data), "a page has a \"function\" or \"data\", not both");
		return -1;
	}
	if (vars != NULL && data != NULL) {
		lesson_error(L, KEY_AT(vars), "\"variables\" goes with \"function\": a data "
			     "objective's parameters are the names of its model");
		return -1;
	}
	if (vars != NULL) {
		const cJSON *e;
		if (!cJSON_IsArray(vars) || cJSON_GetArraySize(vars) < 1 ||
		    cJSON_GetArraySize(vars) > 2) {
			lesson_error(L, AT(vars), "\"variables\" must be an array of one or two "
				     "names, like [\"x\", \"y\"]");
			return -1;
		}
		for (e = vars->child; e != NULL; e = e->next) {
			if (!cJSON_IsString(e)) {
				lesson_error(L, AT(e), "a variable is a name in a string, not %s",
					     json_type_name(e));
				return -1;
			}
			o->vars[o->nvars++] = xstrdup(e->valuestring);
		}
	}
	if (fn != NULL) {
		struct expr *e;
		if (!cJSON_IsString(fn)) {
			lesson_error(L, AT(fn), "\"function\" must be a string, not %s", json_type_name(fn));
			return -1;
		}
		o->function = xstrdup(fn->valuestring);
		o->fline = AT(fn).line;
		o->fcolumn = AT(fn).column;
		if (o->nvars > 0) {
			const char *names[2] = { o->vars[0], o->nvars > 1 ? o->vars[1] : NULL };
			int i;
			for (i = 0; i < o->nvars; i++) {
				int kind = lesson_name_kind(names[i]);
				if (kind == NAME_TAKEN) {
					lesson_error(L, AT(vars), "\"%s\" cannot name a variable", names[i]);
					return -1;
				}
				if (kind == NAME_BAD) {
					lesson_error(L, AT(vars), "\"%s\" is not a name: use letters, "
						     "digits and '_'", names[i]);
					return -1;
				}
			}
			e = expr_parse(o->function, names, o->nvars, &err);
		} else {
			e = expr_parse(o->function, NULL, 0, &err);
		}
		if (e == NULL) {
			/* TRANSLATORS: a member of the file, as in "in \"function\": ...": keep the name */
			expr_error_at(L, fn, _("\"function\""), &err);
			return -1;
		}
		*dim = expr_nvars(e);
		{
			/* the derivatives must fit: compile as the engine will */
			struct expr_program *p = expr_compile(e, EXPR_HESS, &err);
			if (p == NULL) {
				lesson_error(L, AT(fn), "in \"function\": %s", err.message);
				expr_free(e);
				return -1;
			}
			expr_program_free(p);
		}
		expr_free(e);
		return 0;
	}
	/* a data objective */
	{
		static const char *const data_fields[] = { "columns", "points", "set", "model",
							   "loss", "l2", "split", NULL };
		const cJSON *cols, *pts, *model, *row, *set;
		size_t r;

		if (!cJSON_IsObject(data)) {
			lesson_error(L, AT(data), "\"data\" must be an object with \"columns\", "
				     "\"points\" (or a \"set\") and \"model\", not %s",
				     json_type_name(data));
			return -1;
		}
		check_members(L, data, data_fields, _("\"data\""));
		set = cJSON_GetObjectItemCaseSensitive(data, "set");
		if (set != NULL)
			return data_set(L, data, set, o, dim);
		cols = member(L, data, "columns", 1, _("\"data\""));
		pts = member(L, data, "points", 1, _("\"data\""));
		model = member(L, data, "model", 1, _("\"data\""));
		if (cols == NULL || pts == NULL || model == NULL)
			return -1;
		if (!cJSON_IsArray(cols) || cJSON_GetArraySize(cols) < 2 ||
		    cJSON_GetArraySize(cols) > 8) {
			lesson_error(L, AT(cols), "\"columns\" must name from 2 to 8 columns, "
				     "like [\"x\", \"y\"]");
			return -1;
		}
		for (row = cols->child; row != NULL; row = row->next) {
			if (!cJSON_IsString(row)) {
				lesson_error(L, AT(row), "a column is a name in a string, not %s",
					     json_type_name(row));
				return -1;
			}
			o->columns[o->ncolumns++] = xstrdup(row->valuestring);
		}
		if (!cJSON_IsArray(pts) || cJSON_GetArraySize(pts) < 1) {
			lesson_error(L, AT(pts), "\"points\" must be an array of rows, like "
				     "[[1, 2], [2, 3.5]]");
			return -1;
		}
		if (cJSON_GetArraySize(pts) > LESSON_MAX_ROWS) {
			lesson_error(L, AT(pts), "a lesson's data set has at most %d points, and "
				     "this one has %d: keep a sample of them", LESSON_MAX_ROWS,
				     cJSON_GetArraySize(pts));
			return -1;
		}
		o->npoints = (size_t)cJSON_GetArraySize(pts);
		o->points = xcalloc(o->npoints * o->ncolumns, sizeof *o->points);
		for (r = 0, row = pts->child; row != NULL; row = row->next, r++) {
			if (cJSON_IsArray(row) && cJSON_GetArraySize(row) != o->ncolumns) {
				lesson_error(L, AT(row), P_("row %zu of \"points\" has %d number; "
							    "it needs %d, one per column",
							    "row %zu of \"points\" has %d numbers; "
							    "it needs %d, one per column",
							    cJSON_GetArraySize(row)),
					     r + 1, cJSON_GetArraySize(row), o->ncolumns);
				return -1;
			}
			if (get_numbers(L, row, "points", o->ncolumns, o->ncolumns,
					o->points + r * o->ncolumns) < 0)
				return -1;
		}
		return data_model(L, data, model, pts, o, dim);
	}
}

int
lesson_page_network(const struct lesson_page *p, struct expr_mlp *net)
{
	struct diag err;

	return p->obj.model != NULL && expr_is_mlp(p->obj.model) &&
	       expr_mlp_parse(p->obj.model, net, &err) == 0;
}

size_t
lesson_part_points(const struct lesson_objective *o, int part)
{
	/* as dataset_split counts them: round(test n), round(val n), the rest */
	size_t n = o->npoints;
	size_t test = o->has_split ? (size_t)round(o->split[1] * (double)n) : 0;
	size_t val = o->has_split ? (size_t)round(o->split[0] * (double)n) : 0;

	return part == CHALLENGE_ON_TEST ? test : part == CHALLENGE_ON_VAL ? val :
	       n - test - val;
}

void
lesson_objective_done(struct lesson_objective *o)
{
	int i;

	free(o->function);
	free(o->model);
	free(o->set);
	free(o->points);
	for (i = 0; i < o->nvars; i++)
		free(o->vars[i]);
	for (i = 0; i < o->ncolumns; i++)
		free(o->columns[i]);
}

/* The page's points as a data set of its own (the caller frees it). */
static struct dataset *
page_dataset(const struct lesson_objective *o)
{
	struct dataset *d = xcalloc(1, sizeof *d);
	size_t r;
	int j;

	d->ncols = o->ncolumns;
	d->nrows = o->npoints;
	d->names = xcalloc(d->ncols, sizeof *d->names);
	d->col = xcalloc(d->ncols, sizeof *d->col);
	for (j = 0; j < d->ncols; j++) {
		d->names[j] = xstrdup(o->columns[j]);
		d->col[j] = xmalloc(d->nrows * sizeof **d->col);
		for (r = 0; r < d->nrows; r++)
			d->col[j][r] = o->points[r * o->ncolumns + j];
	}
	return d;
}

/*
 * The parts of the page's data: the training part (all of it without a
 * "split") and, when wanted, the held-out ones (NULL when empty).
 */
static struct dataset *
page_parts(const struct lesson_objective *o, struct dataset **val, struct dataset **test,
	   struct diag *err)
{
	struct dataset *d = page_dataset(o), *train, *v, *t;

	if (!o->has_split) {
		if (val != NULL)
			*val = NULL;
		if (test != NULL)
			*test = NULL;
		return d;
	}
	if (dataset_split(d, o->split[0], o->split[1], o->seed, &train, &v, &t, err) != 0) {
		dataset_free(d);
		return NULL;
	}
	dataset_free(d);
	if (val != NULL)
		*val = v;
	else
		dataset_free(v);
	if (test != NULL)
		*test = t;
	else
		dataset_free(t);
	return train;
}

/* The objective of the page's model on data d, which it takes. */
static struct objective *
part_objective(const struct lesson_objective *o, struct dataset *d, const char *const *params,
	       int nparams, struct diag *err)
{
	struct objective *obj = objective_data(d, o->model, o->loss, data_target(o), params,
					       nparams, err);

	if (obj == NULL) {
		dataset_free(d);
		return NULL;
	}
	objective_take_data(obj, d);
	return obj;
}

struct objective *
lesson_objective(const struct lesson_page *p, struct diag *err)
{
	const struct lesson_objective *o = &p->obj;
	struct objective *obj;
	struct dataset *d;

	if (o->function != NULL) {
		const char *names[2] = { o->vars[0], o->nvars > 1 ? o->vars[1] : NULL };
		return objective_expr(o->function, o->nvars > 0 ? names : NULL, o->nvars, err);
	}
	if (o->model == NULL) {
		diag_set(err, NULL, 0, 0, "this page has no function");
		return NULL;
	}
	/* the objective borrows a data set: give it one to own */
	d = page_parts(o, NULL, NULL, err);
	if (d == NULL)
		return NULL;
	obj = part_objective(o, d, NULL, 0, err);
	if (obj != NULL && o->l2 > 0)
		objective_set_l2(obj, o->l2);
	return obj;
}

int
lesson_objective_parts(const struct lesson_page *p, struct objective **val,
		       struct objective **test, struct diag *err)
{
	const struct lesson_objective *o = &p->obj;
	struct objective *train;
	struct dataset *dv, *dt;
	const char **names;
	int n, k, fail = 0;

	*val = *test = NULL;
	if (o->model == NULL || !o->has_split)
		return 0;
	train = lesson_objective(p, err);
	if (train == NULL)
		return -1;
	dataset_free(page_parts(o, &dv, &dt, err));
	/* the parameters in the training objective's order */
	n = objective_dim(train);
	names = xmalloc((size_t)n * sizeof *names);
	for (k = 0; k < n; k++)
		names[k] = objective_param(train, k);
	if (dv != NULL && (*val = part_objective(o, dv, names, n, err)) == NULL)
		fail = 1;
	if (dt != NULL && fail)
		dataset_free(dt);
	else if (dt != NULL && (*test = part_objective(o, dt, names, n, err)) == NULL)
		fail = 1;
	free(names);
	objective_free(train);
	if (fail) {
		objective_free(*val);
		objective_free(*test);
		*val = *test = NULL;
		return -1;
	}
	return 0;
}

void
get_page_start(struct loader *L, const cJSON *po, struct lesson_page *p, int required,
	       const char *what)
{
	const cJSON *m = member(L, po, "start", required, what);

	if (m != NULL) {
		p->nstart = get_numbers(L, m, "start", p->dim > 0 ? p->dim : 0, 8, p->start);
		if (p->nstart < 0)
			p->nstart = 0;
	}
}
