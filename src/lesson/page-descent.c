/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-descent.c - a descent page: one or more runs (an optimizer and its
 * parameters each) from the page's start or their own, played step by
 * step in front of the learner.  Claims about runs (converges_to,
 * diverges, stops_at) belong here.  An interactive page lets the learner
 * scale the rates and move the start.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

/*
 * One run of a descent page p: {"optimizer": "gd", "lr": 0.01, ...}, with
 * its own "start" (p->dim numbers), "noise", "seed" and "batch" when it
 * has them.
 */
static int
get_run(struct loader *L, const cJSON *r, const struct lesson_page *p, struct lesson_run *run)
{
	const char *fields[OPT_PARAM_COUNT + 8];
	int dim = p->dim;
	const cJSON *m;
	char *label;
	int k, n = 0;

	fields[n++] = "optimizer";
	for (k = 0; k < OPT_PARAM_COUNT; k++)
		fields[n++] = opt_params_table[k].name;
	fields[n++] = "label";
	fields[n++] = "start";
	fields[n++] = "noise";
	fields[n++] = "seed";
	fields[n++] = "batch";
	if (page_kind_of(p->kind)->flags & PK_NETWORK)
		fields[n - 4] = "init";         /* a network's runs start from an init */
	fields[n] = NULL;
	if (!cJSON_IsObject(r)) {
		lesson_error(L, AT(r), "a run is an object like {\"optimizer\": \"gd\", \"lr\": "
			     "0.01}, not %s", json_type_name(r));
		return -1;
	}
	/* TRANSLATORS: names the object in the messages of a lesson file's
	 * errors ("a run has no member ...") */
	check_members(L, r, fields, _("a run"));
	m = member(L, r, "optimizer", 1, _("a run"));
	if (m == NULL || (run->opt = get_optimizer(L, m)) == NULL)
		return -1;
	run->params = run->opt->defaults;
	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		const char *name = opt_params_table[k].name;
		const cJSON *pv = cJSON_GetObjectItemCaseSensitive(r, name);
		double v;
		if (!get_number(L, r, name, 0, _("a run"), &v))
			continue;
		if (!opt_uses(run->opt, name)) {
			lesson_error(L, KEY_AT(pv), "%s has no parameter \"%s\" (it uses %s)",
				     run->opt->name, name, run->opt->params);
			return -1;
		}
		if (!opt_param_in_range(k, v)) {
			lesson_error(L, AT(pv), "\"%s\" must be %s, not %g", name,
				     opt_param_range_text(k), v);
			return -1;
		}
		*opt_param_slot(&run->params, k) = v;
	}
	run->nstart = 0;
	m = cJSON_GetObjectItemCaseSensitive(r, "start");
	if (m != NULL) {
		int got = get_numbers(L, m, "start", dim > 0 ? dim : 0, 8, run->start);
		if (got < 0)
			return -1;
		run->nstart = got;
	}
	run->has_noise = get_number(L, r, "noise", 0, _("a run"), &run->noise);
	if (run->has_noise && !(run->noise >= 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(r, "noise")),
			     "\"noise\" must not be negative");
	{
		long v = 0;
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(r, "batch");
		run->has_seed = get_count(L, r, "seed", 0, _("a run"), 0, 9e15, &v);
		run->seed = (uint64_t)v;
		if (b != NULL && p->obj.model == NULL) {
			lesson_error(L, KEY_AT(b), "\"batch\" is for a model fitted to data (a "
				     "\"data\" member): a function has no examples");
		} else if (b != NULL) {
			size_t train = lesson_part_points(&p->obj, 0);
			run->has_batch = get_count(L, r, "batch", 0, _("a run"), 1,
						   (double)(train > 0 ? train : 1), &v);
			/* as many as the data has: every example */
			run->batch = (size_t)v >= train ? 0 : (size_t)v;
		}
	}
	run->init = get_string(L, r, "init", 0, _("a run"));
	label = get_string(L, r, "label", 0, _("a run"));
	if (label != NULL) {
		snprintf(run->label, sizeof run->label, "%s", label);
		free(label);
	} else {
		size_t len = (size_t)snprintf(run->label, sizeof run->label, "%s", run->opt->name);
		if (opt_uses(run->opt, "lr") && len < sizeof run->label)
			len += (size_t)snprintf(run->label + len, sizeof run->label - len, ",lr=%g",
						run->params.lr);
		if (run->has_batch && len < sizeof run->label)
			len += (size_t)snprintf(run->label + len, sizeof run->label - len,
						run->batch ? ",batch=%zu" : ",batch=all", run->batch);
		if (run->has_noise && len < sizeof run->label)
			snprintf(run->label + len, sizeof run->label - len, ",noise=%g",
				 run->noise);
	}
	return 0;
}

/*
 * "controls": ["lr", "beta", "noise", "start"], what the learner may
 * change on the page; each setting must apply to one of its runs at
 * least.  "interactive": true is ["lr", "start"].
 */
static void
read_controls(struct loader *L, const cJSON *po, struct lesson_page *p)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(po, "controls"), *e;
	struct page_descent *d = &p->descent;

	if (a == NULL)
		return;
	if (!cJSON_IsArray(a)) {
		lesson_error(L, AT(a), "\"controls\" must be an array of names, like [\"lr\", "
			     "\"beta\", \"start\"]");
		return;
	}
	d->controls = 0;
	for (e = a->child; e != NULL; e = e->next) {
		int k, i, applies = 0;
		if (!cJSON_IsString(e)) {
			lesson_error(L, AT(e), "a control is a name in quotes: lr, beta, beta2, "
				     "noise, batch or start");
			continue;
		}
		if (strcmp(e->valuestring, "start") == 0) {
			d->controls |= LESSON_CONTROL_START;
			continue;
		}
		k = run_setting_find(e->valuestring);
		if (k < 0) {
			lesson_error(L, AT(e), "there is no control \"%s\": the controls are lr, "
				     "beta, beta2, noise, batch and start", e->valuestring);
			continue;
		}
		for (i = 0; i < d->nruns; i++) {
			struct run_config c;
			lesson_run_config(p, i, &c);
			applies |= run_setting_param(&c, k, p->obj.npoints) != NULL;
		}
		if (!applies && d->nruns > 0)
			/* TRANSLATORS: these end "no run of the page has the control
			 * \"beta\"" */
			lesson_error(L, AT(e), "no run of the page has the control \"%s\"%s",
				     e->valuestring, k == RUN_SET_BATCH ?
				     _(": a batch needs a model fitted to data") :
				     k == RUN_SET_BETA ?
				     _(" (momentum and nesterov have beta, rmsprop rho, adam beta1)")
				     : k == RUN_SET_BETA2 ? _(" (adam has beta2)") : "");
		d->controls |= 1u << k;
	}
}

/*
 * "record": "runs/momentum.jsonl", a recorded run (descent run --record,
 * or the playground's w) beside the chapter: its run is the page's only
 * one, with its start and every setting.  The path is relative to the
 * chapter's directory, and stays in it.
 */
static void
read_record(struct loader *L, const cJSON *po, const cJSON *rv, struct lesson_page *p)
{
	struct page_descent *d = &p->descent;
	struct run_record rec;
	struct run_config def;
	char *dir, sched[160];
	const char *path;
	int k;

	if (!cJSON_IsString(rv) || rv->valuestring[0] == '\0') {
		lesson_error(L, AT(rv), "\"record\" is the file of a recorded run, beside the "
			     "chapter, like \"runs/gd.jsonl\"");
		return;
	}
	path = rv->valuestring;
	if (path[0] == '/' || strcmp(path, "..") == 0 || strncmp(path, "../", 3) == 0 ||
	    strstr(path, "/../") != NULL || (strlen(path) >= 3 &&
					     strcmp(path + strlen(path) - 3, "/..") == 0)) {
		lesson_error(L, AT(rv), "\"record\" names a file in the chapter's directory or "
			     "below it, without \"..\"");
		return;
	}
	for (k = 0; k < 2; k++) {
		static const char *const not[] = { "runs", "start" };
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(po, not[k]);
		if (m != NULL) {
			lesson_error(L, KEY_AT(m), "\"%s\" comes from the record: a page with a "
				     "\"record\" has no \"%s\"", not[k], not[k]);
			return;
		}
	}
	dir = state_dir_name(L->file);
	d->record = path_in_dir(dir, path);
	free(dir);
	if (record_read_max(d->record, LESSON_MAX_FILE, &rec, L->ds) < 0) {
		lesson_error(L, AT(rv), "the record %s does not load: its own messages say why",
			     path);
		return;
	}
	run_config_init(&def, rec.config.opt);
	if (rec.function == NULL || p->obj.function == NULL ||
	    strcmp(rec.function, p->obj.function) != 0) {
		if (rec.function != NULL && p->obj.function != NULL)
			lesson_error(L, AT(rv), "the record is a run on %s, and the page's function "
				     "is %s: they must be the same text", rec.function,
				     p->obj.function);
		else if (rec.function != NULL)
			lesson_error(L, AT(rv), "the record is a run on %s, and the page's function "
				     "is none: they must be the same text", rec.function);
		else if (p->obj.function != NULL)
			lesson_error(L, AT(rv), "the record is a run on data, and the page's "
				     "function is %s: they must be the same text", p->obj.function);
		else
			lesson_error(L, AT(rv), "the record is a run on data, and the page's "
				     "function is none: they must be the same text");
	} else if (rec.n != p->dim || rec.n > 8) {
		lesson_error(L, AT(rv), "the record has %d variables, the page's function %d",
			     rec.n, p->dim);
	} else if (rec.config.tol != def.tol || rec.config.bound != def.bound ||
		   rec.config.line_search || rec.config.batch != 0) {
		lesson_error(L, AT(rv), "the record's run has a tolerance, a bound, a line search "
			     "or mini-batches of its own, which a lesson's descent does not set");
	} else if (rec.config.max_steps < 1 || rec.config.max_steps > LESSON_MAX_STEPS) {
		lesson_error(L, AT(rv), "the record's run has a step limit of %ld: a lesson's is "
			     "from 1 to %d", rec.config.max_steps, LESSON_MAX_STEPS);
	} else if (rec.tr.outcome == RUN_RUNNING) {
		lesson_error(L, AT(rv), "the record stops while its run went on: a page shows a "
			     "run to its end");
	} else {
		d->runs[0].opt = rec.config.opt;
		d->runs[0].params = rec.config.params;
		snprintf(d->runs[0].label, sizeof d->runs[0].label, "%s", rec.config.opt->name);
		d->nruns = 1;
		for (k = 0; k < rec.n; k++)
			p->start[k] = rec.start[k];
		p->nstart = rec.n;
		d->steps = rec.config.max_steps;
		d->noise = rec.config.noise;
		d->seed = rec.config.seed;
		sched_text(&rec.config.sched, sched, sizeof sched);
		free(d->schedule);
		d->schedule = xstrdup(sched);
		for (k = 0; k < rec.n; k++)
			d->record_end[k] = rec.tr.w[(rec.tr.len - 1) * (size_t)rec.n + (size_t)k];
		d->record_outcome = rec.tr.outcome;
		d->record_step = rec.tr.step;
	}
	run_record_free(&rec);
}

/* What the learner may do with the runs: "interactive", "controls", "pace". */
static void
read_play(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_descent *d = &p->descent;

	get_bool(L, po, "interactive", &d->interactive);
	if (d->interactive)
		d->controls = 1u << RUN_SET_LR | LESSON_CONTROL_START;
	read_controls(L, po, p);
	d->interactive = d->controls != 0;
	get_count(L, po, "pace", 0, what, 1, LESSON_MAX_PACE, &d->pace);
}

static void
descent_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	const cJSON *rv = cJSON_GetObjectItemCaseSensitive(po, "record");

	if (rv != NULL) {
		/* the run, its start and its settings come from the record */
		static const char *const own[] = { "steps", "schedule", "noise", "seed", "batch" };
		size_t k;
		for (k = 0; k < sizeof own / sizeof own[0]; k++) {
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(po, own[k]);
			if (m != NULL)
				lesson_error(L, KEY_AT(m), "\"%s\" comes from the record: a page "
					     "with a \"record\" has no \"%s\"", own[k], own[k]);
		}
		read_record(L, po, rv, p);
		read_play(L, po, p, what);
		return;
	}
	/* a descent's runs may each have their own start instead */
	get_page_start(L, po, p, 0, what);
	read_runs(L, po, p, what);
	read_play(L, po, p, what);
}

void
read_runs(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_descent *d = &p->descent;
	const cJSON *runs, *e;
	char *sched;
	/* a network's runs start from its init */
	int needs_start = !(page_kind_of(p->kind)->flags & PK_NETWORK);

	runs = member(L, po, "runs", 1, what);
	d->steps = 200;
	get_count(L, po, "steps", 0, what, 1, LESSON_MAX_STEPS, &d->steps);
	if (runs != NULL && (!cJSON_IsArray(runs) || cJSON_GetArraySize(runs) == 0 ||
			     cJSON_GetArraySize(runs) > LESSON_MAX_RUNS)) {
		lesson_error(L, AT(runs), "\"runs\" must be an array of 1 to %d runs, like "
			     "[{\"optimizer\": \"gd\", \"lr\": 0.01}]", LESSON_MAX_RUNS);
	} else if (runs != NULL) {
		for (e = runs->child; e != NULL; e = e->next)
			if (get_run(L, e, p, &d->runs[d->nruns]) == 0) {
				if (needs_start &&
				    cJSON_GetObjectItemCaseSensitive(po, "start") == NULL &&
				    d->runs[d->nruns].nstart == 0)
					lesson_error(L, AT(e), "this run has no \"start\", and the "
						     "page neither: give the page one, or each run "
						     "its own");
				d->nruns++;
			}
	}
	sched = get_string(L, po, "schedule", 0, what);
	if (sched != NULL) {
		struct schedule s;
		struct diag err;
		if (sched_parse(sched, &s, &err) < 0)
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "schedule")),
				     "\"schedule\": %s", err.message);
		d->schedule = sched;
	}
	if (get_number(L, po, "noise", 0, what, &d->noise) && !(d->noise >= 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "noise")),
			     "\"noise\" must not be negative");
	{
		long seed = 0;
		get_count(L, po, "seed", 0, what, 0, 9e15, &seed);
		d->seed = (uint64_t)seed;
		p->obj.seed = d->seed;          /* a "split" of its data is seeded so */
	}
	{
		long batch = 0;
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(po, "batch");
		if (b != NULL && p->obj.model == NULL)
			lesson_error(L, KEY_AT(b), "\"batch\" is for a model fitted to data (a "
				     "\"data\" member): a function has no examples");
		else if (b != NULL)
			get_count(L, po, "batch", 0, what, 1,
				  (double)(lesson_part_points(&p->obj, 0) > 0 ?
					   lesson_part_points(&p->obj, 0) : 1), &batch);
		d->batch = (size_t)batch;
	}
	{
		int i;
		const cJSON *e2 = runs != NULL ? runs->child : NULL;
		/* the quasi-Newton family searches with the true f and gradient */
		for (i = 0; i < d->nruns && e2 != NULL; i++, e2 = e2->next) {
			struct run_config c;
			struct diag err;
			lesson_run_config(p, i, &c);
			/* the rest of run_config_check is the loader's own, above */
			if (!d->runs[i].opt->line_search ||
			    run_config_check(&c, p->obj.npoints, &err) == 0)
				continue;
			if (c.noise > 0 ? d->runs[i].has_noise : d->runs[i].has_batch)
				lesson_error(L, AT(e2), "%s; drop the run's \"%s\" or race another "
					     "optimizer", err.message, c.noise > 0 ? "noise" :
					     "batch");
			else
				lesson_error(L, AT(e2), "%s; drop the page's \"%s\" or race another "
					     "optimizer", err.message, c.noise > 0 ? "noise" :
					     "batch");
		}
	}
}

void
descent_free(struct lesson_page *p)
{
	int i;

	free(p->descent.schedule);
	free(p->descent.record);
	free(p->descent.init);
	free(p->descent.wstart);
	for (i = 0; i < p->descent.nruns; i++) {
		free(p->descent.runs[i].init);
		free(p->descent.runs[i].wstart);
	}
}

static const char *
ended(enum run_outcome o)
{
	/* TRANSLATORS: how a run ended, in "the record's run converged at step
	 * 40 when it was recorded, and here it diverged at step 12" */
	return o == RUN_CONVERGED ? _("converged") : o == RUN_DIVERGED ? _("diverged") :
	       _("stopped");
}

/*
 * A page's recorded run ends here as it did when it was recorded: the
 * same outcome, at the same step, within 1e-6 (relative) of its last
 * point.  Not bit for bit: the vector math of another CPU may differ in
 * the last bits, and the course must check the same everywhere.
 */
static void
descent_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_descent *d = &p->descent;
	const struct trajectory *tr;
	struct check_work w;
	struct run *r;
	int i, far = 0;

	if (d->record == NULL || d->nruns != 1)
		return;
	work_runs(&w, p, 1, d->steps, opt_step_evals(d->runs[0].opt));
	if (check_charge(k, p->line, p->column, _("this page's record"), &w,
			 _("record a run of fewer steps"), NULL) < 0)
		return;
	r = lesson_run_new(p, 0, e->o, 1, NULL);
	if (r == NULL)
		return;
	run_all(r);
	tr = run_trajectory(r);
	for (i = 0; i < e->n; i++) {
		double a = tr->w[(tr->len - 1) * (size_t)e->n + (size_t)i], b = d->record_end[i];
		far |= !(fabs(a - b) <= 1e-6 * (1 + fabs(b))) && !(isnan(a) && isnan(b)) &&
		       !(a == b);
	}
	if (tr->outcome != d->record_outcome || tr->step != d->record_step || far)
		check_wrong(k, p->line, p->column, "the record's run %s at step %ld when it was "
			    "recorded, and here it %s at step %ld%s", ended(d->record_outcome),
			    d->record_step, ended(tr->outcome), tr->step,
			    far ? _(", at another point") : "");
	run_free(r);
}

void
lesson_run_config(const struct lesson_page *p, int i, struct run_config *c)
{
	const struct lesson_run *lr = &p->descent.runs[i];
	struct diag err;

	run_config_init(c, lr->opt);
	c->params = lr->params;
	c->max_steps = p->descent.steps;
	c->noise = lr->has_noise ? lr->noise : p->descent.noise;
	c->seed = lr->has_seed ? lr->seed : p->descent.seed;
	c->batch = lr->has_batch ? lr->batch : p->descent.batch;
	if (p->descent.schedule != NULL)
		sched_parse(p->descent.schedule, &c->sched, &err);
}

struct run *
lesson_run_new(const struct lesson_page *p, int i, struct objective *o, double lr_factor,
	       const double *start)
{
	struct run_config c;
	struct diag err;

	lesson_run_config(p, i, &c);
	c.params.lr *= lr_factor;
	if (start == NULL)
		start = lesson_run_start(p, i);
	return run_new(o, &c, start, &err);
}

const double *
lesson_run_start(const struct lesson_page *p, int i)
{
	const struct lesson_run *lr = &p->descent.runs[i];

	return lr->wstart != NULL ? lr->wstart : p->descent.wstart != NULL ?
	       p->descent.wstart : lr->nstart > 0 ? lr->start : p->start;
}

size_t
runner_examples(const struct lesson_runner *r)
{
	return r->page >= 0 && r->c->pages[r->page].obj.model != NULL ?
	       r->c->pages[r->page].obj.npoints : 0;
}

/*
 * Run i's label: the page's, or when the learner turned its settings,
 * "gd,lr=0.05,noise=0.01": the optimizer and every setting that differs.
 */
static void
run_label(struct lesson_runner *r, const struct lesson_page *p, int i, char *buf, size_t size)
{
	struct run_config page;
	const struct run_config *c = &r->cfg[i];
	size_t len;
	int k;

	lesson_run_config(p, i, &page);
	len = (size_t)snprintf(buf, size, "%s", c->opt->name);
	for (k = 0; k < RUN_SET_COUNT; k++) {
		double v = run_setting_get(c, k, runner_examples(r));
		const char *param = run_setting_param(c, k, runner_examples(r));
		if (param == NULL || v == run_setting_get(&page, k, runner_examples(r)))
			continue;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, ",%s=%g", param, v);
	}
	if (strchr(buf, ',') == NULL)
		snprintf(buf, size, "%s", p->descent.runs[i].label);
}

void
runner_descent_reset(struct lesson_runner *r)
{
	const struct lesson_page *p;
	int i;
	struct diag err;

	if (r->page < 0 || r->obj == NULL)
		return;
	p = &r->c->pages[r->page];
	for (i = 0; i < r->nruns; i++)
		run_free(r->runs[i]);
	r->nruns = 0;
	r->gen++;                       /* new runs: the curves start again */
	if (!(page_kind_of(p->kind)->flags & PK_RUNS))
		return;
	for (i = 0; i < p->descent.nruns; i++) {
		/* its own start, unless the learner chose one for all */
		const double *start = r->own_start ? r->start : lesson_run_start(p, i);
		run_label(r, p, i, r->labels[r->nruns], sizeof r->labels[0]);
		r->runs[r->nruns] = run_new(r->obj, &r->cfg[i], start, &err);
		if (r->runs[r->nruns] != NULL)
			r->nruns++;
	}
}

/* On entering a descent page: the page's settings, and its runs. */
void
descent_enter(struct lesson_runner *r)
{
	const struct lesson_page *p = &r->c->pages[r->page];
	int i;

	for (i = 0; i < p->descent.nruns; i++)
		lesson_run_config(p, i, &r->cfg[i]);
	runner_descent_reset(r);
}

/* The page, when it is an interactive descent offering control bit, or NULL. */
static const struct lesson_page *
offering(struct lesson_runner *r, unsigned bit)
{
	const struct lesson_page *p;

	if (r->page < 0 || r->obj == NULL)
		return NULL;
	p = &r->c->pages[r->page];
	return p->kind == PAGE_DESCENT && (p->descent.controls & bit) ? p : NULL;
}

int
runner_descent_start(struct lesson_runner *r, const double *start)
{
	if (offering(r, LESSON_CONTROL_START) == NULL)
		return -1;
	memcpy(r->start, start, (size_t)objective_dim(r->obj) * sizeof *start);
	r->own_start = 1;
	runner_descent_reset(r);
	return 0;
}

/* Turns setting k of run i one step; the return of runner_descent_turn. */
static int
turn_one(struct lesson_runner *r, const struct lesson_page *p, int i, int k, int dir)
{
	struct run_config *c = &r->cfg[i];

	if (run_setting_param(c, k, runner_examples(r)) == NULL)
		return -2;
	if (k == RUN_SET_LR) {
		/* twice or half, within 1/64 and 64 times the page's rate */
		double page = p->descent.runs[i].params.lr, lr = c->params.lr * (dir > 0 ? 2 : 0.5);
		if (!(lr <= page * 64 * (1 + 1e-12)) || !(lr >= page / 64 * (1 - 1e-12)))
			return -3;
		c->params.lr = lr;
		return 0;
	}
	return run_setting_step(c, k, dir, runner_examples(r)) == 0 ? 0 : -3;
}

int
runner_descent_turn(struct lesson_runner *r, int i, int k, int dir)
{
	const struct lesson_page *p = k >= 0 && k < RUN_SET_COUNT ? offering(r, 1u << k) : NULL;
	int j, turned = 0, stuck = 0;

	if (p == NULL || i >= p->descent.nruns)
		return -1;
	for (j = i < 0 ? 0 : i; j < (i < 0 ? p->descent.nruns : i + 1); j++) {
		int e = turn_one(r, p, j, k, dir);
		turned |= e == 0;
		stuck |= e == -3;
	}
	if (turned)
		runner_descent_reset(r);
	return turned ? 0 : stuck ? -3 : -2;
}

const struct page_kind_def page_kind_descent = {
	.name = "descent",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "runs",
					  "start", "steps", "schedule", "noise", "seed", "batch",
					  "interactive", "controls", "pace", "record", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_RUNS | PK_ANY_DIM | PK_ROLLS,
	.read = descent_read,
	.free = descent_free,
	.check = descent_check,
	.enter = descent_enter,
};
