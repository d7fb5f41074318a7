/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-record.c - recorded runs: a run written as JSON lines (a header
 * with everything that made the run, then one line per step, then an
 * end line), read back with every problem at its file:line:column, and
 * replayed to see whether this program, on this machine, makes the same
 * run bit for bit.  The format is descent(1)'s RECORDED RUNS.  Numbers
 * are written in the shortest text that reads back exactly; JSON has no
 * infinities or NaN, so those are the strings "inf", "-inf" and "nan".
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

/* --- writing ----------------------------------------------------------- */

/* v exactly, -0 included (num_exact writes it as 0): a replay compares bits. */
static void
exact(char *buf, size_t size, double v)
{
	if (v == 0 && signbit(v))
		snprintf(buf, size, "-0");
	else
		num_exact(buf, size, v);
}

static void
put_number(FILE *fp, double v)
{
	char buf[40];

	exact(buf, sizeof buf, v);
	if (isfinite(v))
		fputs(buf, fp);
	else
		fprintf(fp, "\"%s\"", buf);
}

static void
put_numbers(FILE *fp, const double *v, int n)
{
	int k;

	fputc('[', fp);
	for (k = 0; k < n; k++) {
		if (k)
			fputs(", ", fp);
		put_number(fp, v[k]);
	}
	fputc(']', fp);
}

static const char *const sched_kinds[] = { "constant", "step", "exp", "cosine", NULL };
static const char *const outcome_keys[] = { "running", "converged", "max_steps", "diverged",
					    NULL };

/* The data set as CSV text with exact numbers (the caller frees it). */
static char *
data_csv(const struct dataset *d)
{
	char *buf = NULL, num[40];
	size_t size = 0, i;
	FILE *fp = open_memstream(&buf, &size);
	int j;

	if (fp == NULL)
		return NULL;
	for (j = 0; j < d->ncols; j++)
		fprintf(fp, "%s%s", j ? "," : "", d->names[j]);
	fputc('\n', fp);
	for (i = 0; i < d->nrows; i++) {
		for (j = 0; j < d->ncols; j++) {
			exact(num, sizeof num, d->col[j][i]);
			fprintf(fp, "%s%s", j ? "," : "", num);
		}
		fputc('\n', fp);
	}
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
record_write(FILE *fp, const struct record_objective *ro, struct objective *o,
	     const struct run_config *c, const double *start, const struct trajectory *tr)
{
	int n = objective_dim(o), k, first = 1;
	const struct schedule *s = &c->sched;
	size_t i;

	fprintf(fp, "{\"format\": \"descent-record\", \"version\": %d, \"program\": ",
		RECORD_FORMAT);
	json_put_string(fp, "descent " PACKAGE_VERSION);
	fputs(", \"kernels\": ", fp);
	json_put_string(fp, expr_kernels());
	fputs(", \"math\": ", fp);
	json_put_string(fp, expr_kernels_math());
	if (ro->function != NULL) {
		fputs(", \"function\": ", fp);
		json_put_string(fp, ro->function);
	} else {
		char *csv = data_csv(ro->data);
		if (csv == NULL)
			return -1;
		fputs(", \"data\": ", fp);
		json_put_string(fp, csv);
		free(csv);
		fputs(", \"model\": ", fp);
		json_put_string(fp, ro->model);
		fprintf(fp, ", \"loss\": \"%s\", \"target\": ", loss_name(ro->loss));
		json_put_string(fp, ro->target);
		if (objective_l2(o) > 0) {
			fputs(", \"l2\": ", fp);
			put_number(fp, objective_l2(o));
		}
	}
	fputs(", \"variables\": [", fp);
	for (k = 0; k < n; k++) {
		if (k)
			fputs(", ", fp);
		json_put_string(fp, objective_param(o, k));
	}
	fprintf(fp, "], \"optimizer\": \"%s\", \"params\": {", c->opt->name);
	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		if (!opt_uses(c->opt, opt_params_table[k].name))
			continue;
		fprintf(fp, "%s\"%s\": ", first ? "" : ", ", opt_params_table[k].name);
		put_number(fp, opt_param_get(&c->params, k));
		first = 0;
	}
	fprintf(fp, "}, \"schedule\": {\"kind\": \"%s\", \"every\": %ld, \"factor\": ",
		sched_kinds[s->kind], s->every);
	put_number(fp, s->factor);
	fputs(", \"decay\": ", fp);
	put_number(fp, s->decay);
	fprintf(fp, ", \"period\": %ld, \"min\": ", s->period);
	put_number(fp, s->min);
	fprintf(fp, ", \"warmup\": %ld}, \"steps\": %ld, \"tol\": ", s->warmup, c->max_steps);
	put_number(fp, c->tol);
	fputs(", \"bound\": ", fp);
	put_number(fp, c->bound);
	fprintf(fp, ", \"line_search\": %s, \"noise\": ", c->line_search ? "true" : "false");
	put_number(fp, c->noise);
	fprintf(fp, ", \"seed\": %llu, \"batch\": %zu, \"start\": ",
		(unsigned long long)c->seed, c->batch);
	put_numbers(fp, start, n);
	fputs("}\n", fp);
	for (i = 0; i < tr->len; i++) {
		fprintf(fp, "{\"step\": %zu, \"point\": ", i);
		put_numbers(fp, tr->w + i * (size_t)n, n);
		fputs(", \"f\": ", fp);
		put_number(fp, tr->f[i]);
		fputs(", \"grad_norm\": ", fp);
		put_number(fp, tr->gnorm[i]);
		fputs(", \"lr\": ", fp);
		put_number(fp, tr->lr[i]);
		fprintf(fp, ", \"modified\": %s}\n", tr->flag[i] ? "true" : "false");
	}
	fprintf(fp, "{\"end\": \"%s\", \"step\": %ld, \"reason\": ", outcome_keys[tr->outcome],
		tr->step);
	json_put_string(fp, tr->reason);
	fputs("}\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* --- reading ----------------------------------------------------------- */

/* A number, or one of the strings "inf", "-inf" and "nan", into *v; 1 when it is one. */
static int
value_of(const cJSON *m, double *v)
{
	if (cJSON_IsNumber(m))
		*v = m->valuedouble;
	else if (cJSON_IsString(m) && strcmp(m->valuestring, "inf") == 0)
		*v = INFINITY;
	else if (cJSON_IsString(m) && strcmp(m->valuestring, "-inf") == 0)
		*v = -INFINITY;
	else if (cJSON_IsString(m) && strcmp(m->valuestring, "nan") == 0)
		*v = NAN;
	else
		return 0;
	return 1;
}

/* The member name, a value (value_of); 1 when valid. */
static int
get_value(struct loader *L, const cJSON *obj, const char *name, const char *what, double *v)
{
	const cJSON *m = member(L, obj, name, 1, what);

	if (m == NULL)
		return 0;
	if (value_of(m, v))
		return 1;
	lesson_error(L, AT(m), "\"%s\" must be a number (or \"inf\", \"-inf\", \"nan\"), not %s",
		     name, json_type_name(m));
	return 0;
}

/* An array of exactly n values (value_of); 1 when valid. */
static int
get_values(struct loader *L, const cJSON *obj, const char *name, const char *what, int n,
	   double *v)
{
	const cJSON *arr = member(L, obj, name, 1, what), *e;
	int k = 0;

	if (arr == NULL)
		return 0;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != n) {
		lesson_error(L, AT(arr), P_("\"%s\" must be an array of %d number, one per "
					    "variable",
					    "\"%s\" must be an array of %d numbers, one per "
					    "variable", n), name, n);
		return 0;
	}
	for (e = arr->child; e != NULL; e = e->next, k++)
		if (!value_of(e, &v[k])) {
			lesson_error(L, AT(e), "the values of \"%s\" must be numbers, not %s", name,
				     json_type_name(e));
			return 0;
		}
	return 1;
}

/* The index of s in names (NULL-ended), or -1. */
static int
name_index(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* The reader of one record: the loader of the line at hand. */
struct reader {
	struct loader L;
	struct diags *ds;
	const char *name;
	int lineno;
};

/*
 * Scans and parses line (len bytes) as JSON into *root, positions
 * attached; -1 after an error at its place (in the line: record_parse
 * moves it to the file's line).
 */
static int
parse_line(struct reader *R, const char *line, size_t len, cJSON **root)
{
	struct loader *L = &R->L;
	struct diag err;
	size_t before = R->ds->n;

	json_index_done(&L->ix);
	memset(&L->ix, 0, sizeof L->ix);
	L->file = R->name;
	L->text = line;
	L->ds = R->ds;
	*root = NULL;
	if (json_scan(line, len, R->name, &L->ix, &err) < 0) {
		diags_add_diag(R->ds, &err);
	} else if ((*root = cJSON_ParseWithLength(line, len)) == NULL) {
		diags_add(R->ds, R->name, 1, 1, DIAG_ERROR, "this line is not valid JSON");
	} else {
		json_index_attach(&L->ix, *root);
		if (!cJSON_IsObject(*root))
			lesson_error(L, AT(*root), "each line of a record is a JSON object, "
				     "{...}, not %s", json_type_name(*root));
	}
	return R->ds->n > before ? -1 : 0;
}

static int
read_schedule(struct loader *L, const cJSON *h, struct schedule *s)
{
	static const char *const fields[] = { "kind", "every", "factor", "decay", "period", "min",
					      "warmup", NULL };
	/* TRANSLATORS: the first line of a record, named in messages */
	const cJSON *o = member(L, h, "schedule", 0, _("the header")), *kind;
	int k;

	sched_init(s);
	if (o == NULL)
		return 0;
	if (!cJSON_IsObject(o)) {
		lesson_error(L, AT(o), "\"schedule\" must be an object, {\"kind\": ...}, not %s",
			     json_type_name(o));
		return -1;
	}
	check_members(L, o, fields, _("the schedule"));
	kind = member(L, o, "kind", 1, _("the schedule"));
	if (kind == NULL)
		return -1;
	k = cJSON_IsString(kind) ? name_index(sched_kinds, kind->valuestring) : -1;
	if (k < 0) {
		lesson_error(L, AT(kind), "the schedule's \"kind\" must be \"constant\", \"step\", "
			     "\"exp\" or \"cosine\"");
		return -1;
	}
	s->kind = (enum sched_kind)k;
	get_count(L, o, "every", 0, _("the schedule"), 0, 1e12, &s->every);
	get_count(L, o, "period", 0, _("the schedule"), 0, 1e12, &s->period);
	get_count(L, o, "warmup", 0, _("the schedule"), 0, 1e12, &s->warmup);
	get_number(L, o, "factor", 0, _("the schedule"), &s->factor);
	get_number(L, o, "decay", 0, _("the schedule"), &s->decay);
	get_number(L, o, "min", 0, _("the schedule"), &s->min);
	if (!(s->factor > 0 && s->factor <= 1) || !(s->decay > 0 && s->decay <= 1) ||
	    !(s->min >= 0)) {
		lesson_error(L, AT(o), "the schedule's factor and decay must be in (0, 1], "
			     "and its min not negative");
		return -1;
	}
	return 0;
}

/* The header, line 1: what made the run. */
static int
read_header(struct reader *R, const cJSON *h, struct run_record *rec)
{
	static const char *const fields[] = {
		"format", "version", "program", "kernels", "math", "function", "data", "model",
		"loss", "target", "variables", "optimizer", "params", "schedule", "steps", "tol",
		"bound", "line_search", "noise", "seed", "batch", "start", "l2", NULL,
	};
	struct loader *L = &R->L;
	const cJSON *fm = cJSON_GetObjectItemCaseSensitive(h, "format");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(h, "version");
	const cJSON *vars, *opt, *params, *e;
	struct run_config *c = &rec->config;
	long version = 0, seed = 0, batch = 0;
	char *loss = NULL;

	if (fm == NULL || !cJSON_IsString(fm) || strcmp(fm->valuestring, "descent-record") != 0) {
		lesson_error(L, AT(h), "this is not a record of descent: its first line must be "
			     "its header, {\"format\": \"descent-record\", ...}");
		return -1;
	}
	if (ver != NULL && cJSON_IsNumber(ver) && ver->valuedouble > RECORD_FORMAT &&
	    ver->valuedouble == floor(ver->valuedouble)) {
		lesson_error(L, AT(ver), "this record is written in version %.0f of the format, "
			     "and this descent reads version %d at most: update descent to read it",
			     ver->valuedouble, RECORD_FORMAT);
		return -1;
	}
	if (!get_count(L, h, "version", 1, _("the header"), 1, RECORD_FORMAT, &version))
		return -1;
	check_members(L, h, fields, _("the header"));
	rec->program = get_string(L, h, "program", 0, _("the header"));
	rec->kernels = get_string(L, h, "kernels", 0, _("the header"));
	rec->math = get_string(L, h, "math", 0, _("the header"));
	rec->function = get_string(L, h, "function", 0, _("the header"));
	e = cJSON_GetObjectItemCaseSensitive(h, "data");
	if ((rec->function == NULL) == (e == NULL)) {
		lesson_error(L, AT(h), "a record's header needs a \"function\" or \"data\" (with "
			     "\"model\"), one of them");
		return -1;
	}
	if (e != NULL) {
		struct diag err;
		char *csv = get_string(L, h, "data", 1, _("the header"));
		rec->model = get_string(L, h, "model", 1, _("the header"));
		rec->target = get_string(L, h, "target", 1, _("the header"));
		loss = get_string(L, h, "loss", 1, _("the header"));
		if (csv == NULL || rec->model == NULL || rec->target == NULL || loss == NULL) {
			free(csv);
			free(loss);
			return -1;
		}
		/* TRANSLATORS: where a data set comes from, in its messages */
		rec->data = dataset_parse_csv(csv, strlen(csv), _("the record's data"), &err);
		free(csv);
		if (rec->data == NULL) {
			lesson_error(L, AT(e), "in \"data\": %s", err.message);
			free(loss);
			return -1;
		}
		if (loss_from_name(loss) < 0) {
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(h, "loss")), "\"loss\" "
				     "must be \"mse\", \"cross_entropy\" or \"hinge\"");
			free(loss);
			return -1;
		}
		rec->loss = (enum loss)loss_from_name(loss);
		free(loss);
		get_number(L, h, "l2", 0, _("the header"), &rec->l2);
		if (!(rec->l2 >= 0) || !isfinite(rec->l2)) {
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(h, "l2")), "\"l2\" is a "
				     "penalty of 0 or more");
			return -1;
		}
	}
	vars = member(L, h, "variables", 1, _("the header"));
	if (vars == NULL)
		return -1;
	if (!cJSON_IsArray(vars) || cJSON_GetArraySize(vars) < 1 ||
	    cJSON_GetArraySize(vars) > EXPR_MAX_VARS) {
		lesson_error(L, AT(vars), "\"variables\" must be an array of 1 to %d names",
			     EXPR_MAX_VARS);
		return -1;
	}
	for (e = vars->child; e != NULL; e = e->next) {
		int k;
		if (!cJSON_IsString(e)) {
			lesson_error(L, AT(e), "a variable is a name in a string, not %s",
				     json_type_name(e));
			return -1;
		}
		if (lesson_name_kind(e->valuestring) != NAME_OK) {
			char *safe = text_safe(e->valuestring);
			lesson_error(L, AT(e), "\"%s\" cannot name a variable: a name is made of "
				     "letters, digits and '_', and is not a constant's or a "
				     "function's", safe);
			free(safe);
			return -1;
		}
		for (k = 0; k < rec->n; k++)
			if (strcmp(rec->vars[k], e->valuestring) == 0) {
				lesson_error(L, AT(e), "the variable %s is named twice", rec->vars[k]);
				return -1;
			}
		rec->vars[rec->n++] = xstrdup(e->valuestring);
	}
	opt = member(L, h, "optimizer", 1, _("the header"));
	if (opt == NULL || (c->opt = get_optimizer(L, opt)) == NULL)
		return -1;
	run_config_init(c, c->opt);
	params = member(L, h, "params", 0, _("the header"));
	if (params != NULL && !cJSON_IsObject(params)) {
		lesson_error(L, AT(params), "\"params\" must be an object, {\"lr\": 0.1, ...}");
		return -1;
	}
	for (e = params != NULL ? params->child : NULL; e != NULL; e = e->next) {
		int k = opt_param_find(e->string);
		if (k < 0 || !opt_uses(c->opt, e->string)) {
			lesson_error(L, KEY_AT(e), "%s has no parameter \"%s\" (it uses %s)",
				     c->opt->name, e->string, c->opt->params);
			return -1;
		}
		if (!cJSON_IsNumber(e) || !opt_param_in_range(k, e->valuedouble)) {
			lesson_error(L, AT(e), "\"%s\" must be a number %s", e->string,
				     opt_param_range_text(k));
			return -1;
		}
		*opt_param_slot(&c->params, k) = e->valuedouble;
	}
	if (read_schedule(L, h, &c->sched) < 0)
		return -1;
	get_count(L, h, "steps", 1, _("the header"), 0, 1e9, &c->max_steps);
	get_number(L, h, "tol", 0, _("the header"), &c->tol);
	get_number(L, h, "bound", 0, _("the header"), &c->bound);
	get_bool(L, h, "line_search", &c->line_search);
	get_number(L, h, "noise", 0, _("the header"), &c->noise);
	get_count(L, h, "seed", 0, _("the header"), 0, 9007199254740992.0, &seed);
	get_count(L, h, "batch", 0, _("the header"), 0, 1e9, &batch);
	c->seed = (uint64_t)seed;
	c->batch = (size_t)batch;
	if (!(c->tol >= 0) || !(c->bound > 0) || !(c->noise >= 0)) {
		lesson_error(L, AT(h), "the header's tol and noise must not be negative, and its "
			     "bound must be positive");
		return -1;
	}
	if (L->errors > 0)
		return -1;
	return get_values(L, h, "start", _("the header"), rec->n, rec->start) ? 0 : -1;
}

/* Appends step line s to the record's trajectory. */
static int
read_step(struct reader *R, const cJSON *s, struct run_record *rec)
{
	static const char *const fields[] = { "step", "point", "f", "grad_norm", "lr", "modified",
					      NULL };
	struct loader *L = &R->L;
	struct trajectory *tr = &rec->tr;
	long step = -1;
	double f = 0, g = 0, lr = 0;
	int modified = 0, n = rec->n;

	check_members(L, s, fields, _("a step"));
	if (!get_count(L, s, "step", 1, _("a step"), 0, 1e9, &step))
		return -1;
	if ((size_t)step != tr->len) {
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(s, "step")), "step %ld where "
			     "step %zu was due: the steps go 0, 1, 2, ... one a line", step, tr->len);
		return -1;
	}
	if (tr->len > (size_t)rec->config.max_steps) {
		lesson_error(L, AT(s), "more steps than the header's limit of %ld",
			     rec->config.max_steps);
		return -1;
	}
	if (tr->len == tr->cap) {
		tr->cap = tr->cap ? 2 * tr->cap : 64;
		tr->w = xreallocarray(tr->w, tr->cap * (size_t)n, sizeof *tr->w);
		tr->f = xreallocarray(tr->f, tr->cap, sizeof *tr->f);
		tr->gnorm = xreallocarray(tr->gnorm, tr->cap, sizeof *tr->gnorm);
		tr->lr = xreallocarray(tr->lr, tr->cap, sizeof *tr->lr);
		tr->flag = xreallocarray(tr->flag, tr->cap, 1);
	}
	if (!get_values(L, s, "point", _("a step"), n, tr->w + tr->len * (size_t)n) ||
	    !get_value(L, s, "f", _("a step"), &f) || !get_value(L, s, "grad_norm", _("a step"), &g) ||
	    !get_value(L, s, "lr", _("a step"), &lr))
		return -1;
	get_bool(L, s, "modified", &modified);
	if (L->errors > 0)
		return -1;
	tr->f[tr->len] = f;
	tr->gnorm[tr->len] = g;
	tr->lr[tr->len] = lr;
	tr->flag[tr->len] = (unsigned char)modified;
	tr->len++;
	return 0;
}

static int
read_end(struct reader *R, const cJSON *e, struct run_record *rec)
{
	static const char *const fields[] = { "end", "step", "reason", NULL };
	struct loader *L = &R->L;
	const cJSON *end = cJSON_GetObjectItemCaseSensitive(e, "end");
	int k = cJSON_IsString(end) ? name_index(outcome_keys, end->valuestring) : -1;
	char *reason;

	check_members(L, e, fields, _("the end line"));
	if (k < 0) {
		lesson_error(L, AT(end), "\"end\" must be \"converged\", \"max_steps\", "
			     "\"diverged\" or \"running\"");
		return -1;
	}
	rec->tr.outcome = (enum run_outcome)k;
	get_count(L, e, "step", 1, _("the end line"), 0, 1e9, &rec->tr.step);
	reason = get_string(L, e, "reason", 0, _("the end line"));
	if (reason != NULL)
		snprintf(rec->tr.reason, sizeof rec->tr.reason, "%s", reason);
	free(reason);
	return L->errors > 0 ? -1 : 0;
}

int
record_parse(const char *text, size_t len, const char *name, struct run_record *rec,
	     struct diags *ds)
{
	struct reader R;
	const char *p = text, *end = text + len;
	int status = 0, ended = 0, header = 0;
	size_t before, i;

	memset(rec, 0, sizeof *rec);
	memset(&R, 0, sizeof R);
	R.ds = ds;
	R.name = name;
	rec->tr.outcome = RUN_RUNNING;
	for (R.lineno = 1; p < end && status == 0; R.lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		size_t blank = 0;
		cJSON *root = NULL;

		if (n > 0 && p[n - 1] == '\r')
			n--;
		while (blank < n && (p[blank] == ' ' || p[blank] == '\t'))
			blank++;
		if (blank == n) {
			p = nl != NULL ? nl + 1 : end;
			continue;       /* a blank line */
		}
		R.L.errors = 0;
		before = ds->n;
		if (ended) {
			diags_add(ds, name, 1, 1, DIAG_ERROR, "a line after the end line: a record "
				  "ends with its end line");
			status = -1;
		} else if (parse_line(&R, p, n, &root) < 0) {
			status = -1;
		} else if (!header) {
			status = read_header(&R, root, rec);
			header = 1;
		} else if (cJSON_GetObjectItemCaseSensitive(root, "end") != NULL) {
			status = read_end(&R, root, rec);
			ended = 1;
		} else {
			status = read_step(&R, root, rec);
		}
		/* the messages' places are in the line: make them the file's */
		for (i = before; i < ds->n; i++)
			if (ds->d[i].line > 0)
				ds->d[i].line += R.lineno - 1;
		cJSON_Delete(root);
		p = nl != NULL ? nl + 1 : end;
	}
	json_index_done(&R.L.ix);
	if (status == 0 && !header) {
		diags_add(ds, name, 1, 1, DIAG_ERROR, "an empty record: its first line must be its "
			  "header, {\"format\": \"descent-record\", ...}");
		status = -1;
	} else if (status == 0 && !ended) {
		diags_add(ds, name, R.lineno - 1, 1, DIAG_ERROR, "the record ends without its end "
			  "line, {\"end\": ...}: it was cut short");
		status = -1;
	} else if (status == 0 && rec->tr.len == 0) {
		diags_add(ds, name, R.lineno - 1, 1, DIAG_ERROR, "the record has no steps: a run "
			  "records at least its start, step 0");
		status = -1;
	}
	rec->tr.n = rec->n;
	if (status < 0)
		run_record_free(rec);
	return status;
}

int
record_read(const char *path, struct run_record *rec, struct diags *ds)
{
	return record_read_max(path, RECORD_MAX_BYTES, rec, ds);
}

int
record_read_max(const char *path, size_t max, struct run_record *rec, struct diags *ds)
{
	struct file_error fe;
	size_t len;
	char *text = read_whole_file(path, max, &len, &fe);
	int status;

	memset(rec, 0, sizeof *rec);
	if (text == NULL) {
		if (fe.fail == FILE_TOO_LARGE)
			diags_add(ds, path, 0, 0, DIAG_ERROR, "a record larger than %zu KiB is not "
				  "read here", max >> 10);
		else
			diags_add(ds, path, 0, 0, DIAG_ERROR, "cannot read it: %s", fe.reason);
		return -1;
	}
	status = record_parse(text, len, path, rec, ds);
	free(text);
	return status;
}

void
run_record_free(struct run_record *rec)
{
	int k;

	free(rec->program);
	free(rec->kernels);
	free(rec->math);
	free(rec->function);
	free(rec->model);
	free(rec->target);
	dataset_free(rec->data);
	for (k = 0; k < rec->n; k++)
		free(rec->vars[k]);
	free(rec->tr.w);
	free(rec->tr.f);
	free(rec->tr.gnorm);
	free(rec->tr.lr);
	free(rec->tr.flag);
	memset(rec, 0, sizeof *rec);
}

/* --- replaying --------------------------------------------------------- */

struct objective *
record_objective(const struct run_record *rec, struct diag *err)
{
	struct objective *o;

	if (rec->function != NULL)
		o = objective_expr(rec->function, (const char *const *)rec->vars, rec->n, err);
	else
		o = objective_data(rec->data, rec->model, rec->loss, rec->target,
				   (const char *const *)rec->vars, rec->n, err);
	if (o != NULL && rec->l2 > 0)
		objective_set_l2(o, rec->l2);
	if (o != NULL && objective_dim(o) != rec->n) {
		diag_set(err, NULL, 0, 0, "the objective has %d variables, the record %d",
			 objective_dim(o), rec->n);
		objective_free(o);
		return NULL;
	}
	return o;
}

/* The same double, bit for bit (any NaN the same: the text keeps no payload). */
static int
same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

int
record_replay(const struct run_record *rec, struct record_diff *d, struct diag *err)
{
	struct objective *o = record_objective(rec, err);
	const struct trajectory *tr, *want = &rec->tr;
	struct run *r;
	size_t i, len;
	int n = rec->n, k;

	memset(d, 0, sizeof *d);
	d->step = -1;
	if (o == NULL)
		return -1;
	r = run_new(o, &rec->config, rec->start, err);
	if (r == NULL) {
		objective_free(o);
		return -1;
	}
	/* as far as the record goes and a step beyond, no farther: a record
	 * that claims a huge step limit costs no more than its own length;
	 * a run recorded while it went on (from the playground), as far */
	while (run_trajectory(r)->len < want->len + (want->outcome == RUN_RUNNING ? 0 : 1) &&
	       run_step(r) == RUN_RUNNING)
		;
	tr = run_trajectory(r);
	d->len_recorded = want->len;
	d->len_replayed = tr->len;
	d->outcome = tr->outcome;
	d->end_step = tr->step;
	len = tr->len < want->len ? tr->len : want->len;
	for (i = 0; i < len && d->step < 0; i++) {
		for (k = 0; k <= n + 1; k++) {
			double a = k < n ? want->w[i * (size_t)n + (size_t)k] :
				   k == n ? want->f[i] : want->gnorm[i];
			double b = k < n ? tr->w[i * (size_t)n + (size_t)k] :
				   k == n ? tr->f[i] : tr->gnorm[i];
			if (!same(a, b)) {
				d->step = (long)i;
				d->what = k;
				d->recorded = a;
				d->replayed = b;
				break;
			}
		}
	}
	if (d->step < 0 && (tr->len != want->len || (want->outcome != RUN_RUNNING &&
						      (tr->outcome != want->outcome ||
						       tr->step != want->step)))) {
		d->step = (long)len;
		d->what = -1;           /* where it ends */
	}
	run_free(r);
	objective_free(o);
	return 0;
}
