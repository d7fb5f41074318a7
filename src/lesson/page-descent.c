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

#include "descent/util.h"
#include "lesson-int.h"

/*
 * One run of a descent page: {"optimizer": "gd", "lr": 0.01, ...}, with
 * its own "start" (dim numbers) when it has one.
 */
static int
get_run(struct loader *L, const cJSON *r, int dim, struct lesson_run *run)
{
	const char *fields[OPT_PARAM_COUNT + 4];
	const cJSON *m;
	char *label;
	int k, n = 0;

	fields[n++] = "optimizer";
	for (k = 0; k < OPT_PARAM_COUNT; k++)
		fields[n++] = opt_params_table[k].name;
	fields[n++] = "label";
	fields[n++] = "start";
	fields[n] = NULL;
	if (!cJSON_IsObject(r)) {
		lesson_error(L, AT(r), "a run is an object like {\"optimizer\": \"gd\", \"lr\": "
			     "0.01}, not %s", json_type_name(r));
		return -1;
	}
	check_members(L, r, fields, "a run");
	m = member(L, r, "optimizer", 1, "a run");
	if (m == NULL || (run->opt = get_optimizer(L, m)) == NULL)
		return -1;
	run->params = run->opt->defaults;
	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		const char *name = opt_params_table[k].name;
		const cJSON *pv = cJSON_GetObjectItemCaseSensitive(r, name);
		double v;
		if (!get_number(L, r, name, 0, "a run", &v))
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
	label = get_string(L, r, "label", 0, "a run");
	if (label != NULL) {
		snprintf(run->label, sizeof run->label, "%s", label);
		free(label);
	} else {
		int len = snprintf(run->label, sizeof run->label, "%s", run->opt->name);
		if (opt_uses(run->opt, "lr"))
			snprintf(run->label + len, sizeof run->label - len, ",lr=%g",
				 run->params.lr);
	}
	return 0;
}

static void
descent_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_descent *d = &p->descent;
	const cJSON *runs, *e;
	char *sched;

	/* a descent's runs may each have their own start instead */
	get_page_start(L, po, p, 0, what);
	runs = member(L, po, "runs", 1, what);
	d->steps = 200;
	get_count(L, po, "steps", 0, what, 1, LESSON_MAX_STEPS, &d->steps);
	if (runs != NULL && (!cJSON_IsArray(runs) || cJSON_GetArraySize(runs) == 0 ||
			     cJSON_GetArraySize(runs) > LESSON_MAX_RUNS)) {
		lesson_error(L, AT(runs), "\"runs\" must be an array of 1 to %d runs, like "
			     "[{\"optimizer\": \"gd\", \"lr\": 0.01}]", LESSON_MAX_RUNS);
	} else if (runs != NULL) {
		for (e = runs->child; e != NULL; e = e->next)
			if (get_run(L, e, p->dim, &d->runs[d->nruns]) == 0) {
				if (cJSON_GetObjectItemCaseSensitive(po, "start") == NULL &&
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
	}
	get_bool(L, po, "interactive", &d->interactive);
	get_count(L, po, "pace", 0, what, 1, LESSON_MAX_PACE, &d->pace);
}

static void
descent_free(struct lesson_page *p)
{
	free(p->descent.schedule);
}

struct run *
lesson_run_new(const struct lesson_page *p, int i, struct objective *o, double lr_factor,
	       const double *start)
{
	const struct lesson_run *lr = &p->descent.runs[i];
	struct run_config c;
	struct diag err;

	run_config_init(&c, lr->opt);
	c.params = lr->params;
	c.params.lr *= lr_factor;
	c.max_steps = p->descent.steps;
	c.noise = p->descent.noise;
	c.seed = p->descent.seed;
	if (p->descent.schedule != NULL)
		sched_parse(p->descent.schedule, &c.sched, &err);
	if (start == NULL)
		start = lr->nstart > 0 ? lr->start : p->start;
	return run_new(o, &c, start, &err);
}

void
runner_descent_reset(struct lesson_runner *r)
{
	const struct lesson_page *p;
	int i;

	if (r->page < 0 || r->obj == NULL)
		return;
	p = &r->c->pages[r->page];
	for (i = 0; i < r->nruns; i++)
		run_free(r->runs[i]);
	r->nruns = 0;
	if (p->kind != PAGE_DESCENT)
		return;
	for (i = 0; i < p->descent.nruns; i++) {
		if (r->lr_factor != 1)  /* the learner's rates: the label says them */
			snprintf(r->labels[r->nruns], sizeof r->labels[0], "%s,lr=%g",
				 p->descent.runs[i].opt->name, p->descent.runs[i].params.lr * r->lr_factor);
		else
			snprintf(r->labels[r->nruns], sizeof r->labels[0], "%s", p->descent.runs[i].label);
		/* its own start, unless the learner chose one for all */
		r->runs[r->nruns] = lesson_run_new(p, i, r->obj, r->lr_factor,
						   r->own_start ? r->start : NULL);
		if (r->runs[r->nruns] != NULL)
			r->nruns++;
	}
}

int
runner_descent_set(struct lesson_runner *r, const double *start, double lr_factor)
{
	const struct lesson_page *p;

	if (r->page < 0 || r->obj == NULL)
		return -1;
	p = &r->c->pages[r->page];
	if (p->kind != PAGE_DESCENT || !p->descent.interactive || !(lr_factor >= 1.0 / 64) ||
	    !(lr_factor <= 64))
		return -1;
	if (start != NULL) {
		memcpy(r->start, start, (size_t)objective_dim(r->obj) * sizeof *start);
		r->own_start = 1;
	}
	r->lr_factor = lr_factor;
	runner_descent_reset(r);
	return 0;
}

const struct page_kind_def page_kind_descent = {
	.name = "descent",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "runs",
					  "start", "steps", "schedule", "noise", "seed",
					  "interactive", "pace", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_RUNS | PK_ANY_DIM | PK_ROLLS,
	.read = descent_read,
	.free = descent_free,
	.enter = runner_descent_reset,
};
