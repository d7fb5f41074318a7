/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-challenge.c - "reach the goal within 100 steps": the learner
 * chooses an optimizer (of those the page allows) and a learning rate
 * (in its range), and the run from the page's start is judged by where
 * it ends.  lessons --check proves that some allowed setting wins.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/plot.h"
#include "descent/util.h"
#include "lesson-int.h"

/*
 * "preset": {"optimizer": "gd", "lr": 0.001}, the setting the learner
 * starts from: by default the first optimizer allowed at the lowest rate.
 */
static void
read_preset(struct loader *L, const cJSON *po, struct page_challenge *q)
{
	static const char *const pf[] = { "optimizer", "lr", NULL };
	const cJSON *pre = cJSON_GetObjectItemCaseSensitive(po, "preset"), *m;
	int i;

	q->preset = 0;
	q->preset_lr = q->lr_min;
	if (pre == NULL)
		return;
	if (!cJSON_IsObject(pre)) {
		lesson_error(L, AT(pre), "\"preset\" must be an object like {\"optimizer\": "
			     "\"gd\", \"lr\": 0.001}");
		return;
	}
	check_members(L, pre, pf, "\"preset\"");
	if ((m = cJSON_GetObjectItemCaseSensitive(pre, "optimizer")) != NULL) {
		const struct optimizer *o = get_optimizer(L, m);
		for (i = 0; o != NULL && i < q->nallowed && q->allowed[i] != o; i++)
			;
		if (o != NULL && i == q->nallowed)
			lesson_error(L, AT(m), "the preset optimizer \"%s\" is not one of the "
				     "page's \"optimizers\"", o->name);
		else if (o != NULL)
			q->preset = i;
	}
	if (get_number(L, pre, "lr", 0, "\"preset\"", &q->preset_lr) &&
	    !(q->preset_lr >= q->lr_min && q->preset_lr <= q->lr_max))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(pre, "lr")), "the preset "
			     "learning rate %g is outside the page's \"lr\", %g to %g",
			     q->preset_lr, q->lr_min, q->lr_max);
}

/* The page's settings besides the rate, for the optimizers that have them. */
void
challenge_params(const struct lesson_page *p, struct run_config *c)
{
	int k;

	for (k = 0; k < OPT_PARAM_COUNT; k++)
		if ((p->challenge.params_set & (1u << k)) &&
		    opt_uses(c->opt, opt_params_table[k].name))
			*opt_param_slot(&c->params, k) = opt_param_get(&p->challenge.params, k);
}

/*
 * "params": {"beta": 0.5}: a setting of the optimizers besides the rate,
 * for each allowed optimizer that has it (one of them at least must).
 */
static void
read_params(struct loader *L, const cJSON *po, struct page_challenge *q)
{
	const cJSON *pa = cJSON_GetObjectItemCaseSensitive(po, "params"), *e;

	if (pa == NULL)
		return;
	if (!cJSON_IsObject(pa)) {
		lesson_error(L, AT(pa), "\"params\" must be an object like {\"beta\": 0.5}");
		return;
	}
	for (e = pa->child; e != NULL; e = e->next) {
		int k = opt_param_find(e->string), i, used = 0;
		if (k < 0 || k == OPT_PARAM_LR) {
			lesson_error(L, KEY_AT(e), k == OPT_PARAM_LR ? "the rate is the learner's "
				     "choice: \"lr\" of the page gives its range" :
				     "there is no optimizer parameter \"%s\"", e->string);
			continue;
		}
		if (!cJSON_IsNumber(e) || !opt_param_in_range(k, e->valuedouble)) {
			lesson_error(L, AT(e), "\"%s\" must be %s", e->string,
				     opt_param_range_text(k));
			continue;
		}
		for (i = 0; i < q->nallowed; i++)
			used |= opt_uses(q->allowed[i], e->string);
		if (!used)
			lesson_error(L, KEY_AT(e), "no optimizer of the page has \"%s\"", e->string);
		*opt_param_slot(&q->params, k) = e->valuedouble;
		q->params_set |= 1u << k;
	}
}

static void
challenge_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_challenge *q = &p->challenge;
	const cJSON *ops, *goal, *e;
	double lr[2] = { 1e-4, 1 };
	int dim = p->dim, nopt = (int)opt_count();

	get_page_start(L, po, p, 1, what);
	p->question = get_text(L, po, "question", 0, what);
	ops = cJSON_GetObjectItemCaseSensitive(po, "optimizers");
	goal = member(L, po, "goal", 1, what);
	if (ops != NULL) {
		if (!cJSON_IsArray(ops) || cJSON_GetArraySize(ops) < 1 ||
		    cJSON_GetArraySize(ops) > nopt)
			lesson_error(L, AT(ops), "\"optimizers\" must be an array of names, "
				     "like [\"gd\", \"momentum\"]");
		else
			for (e = ops->child; e != NULL; e = e->next) {
				const struct optimizer *o = get_optimizer(L, e);
				if (o != NULL)
					q->allowed[q->nallowed++] = o;
			}
	} else {
		int i;
		for (i = 0; i < nopt && i < (int)(sizeof q->allowed / sizeof q->allowed[0]); i++)
			q->allowed[q->nallowed++] = opt_table[i];
	}
	if (get_range(L, po, "lr", lr) && !(lr[0] > 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "lr")),
			     "the learning rates of \"lr\" must be positive");
	q->lr_min = lr[0];
	q->lr_max = lr[1];
	read_preset(L, po, q);
	read_params(L, po, q);
	if (goal != NULL) {
		static const char *const gf[] = { "point", "within", "steps", NULL };
		const cJSON *pt;
		p->aline = AT(goal).line;
		p->acolumn = AT(goal).column;
		if (!cJSON_IsObject(goal)) {
			lesson_error(L, AT(goal), "\"goal\" must be an object like {\"point\": "
				     "[3, 2], \"within\": 0.1, \"steps\": 100}");
		} else {
			check_members(L, goal, gf, "\"goal\"");
			pt = member(L, goal, "point", 1, "\"goal\"");
			if (pt != NULL)
				get_numbers(L, pt, "point", dim > 0 && dim <= 2 ? dim : 0, 2, q->goal);
			q->within = 0.1;
			if (get_number(L, goal, "within", 0, "\"goal\"", &q->within) &&
			    !(q->within > 0))
				lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(goal, "within")),
					     "\"within\" must be positive");
			q->max_steps = 1000;
			get_count(L, goal, "steps", 0, "\"goal\"", 1, LESSON_MAX_STEPS,
				  &q->max_steps);
		}
		if (dim > 2)
			lesson_error(L, AT(po), "a challenge's goal is a point of one or two "
				     "variables; this function has %d", dim);
	}
}


/* A run of opt at rate lr from the page's start, ended; NULL when it cannot start. */
static struct run *
attempt(const struct lesson_page *p, struct objective *o, const struct optimizer *opt,
	double lr)
{
	struct run_config c;
	struct run *r;
	struct diag err;

	run_config_init(&c, opt);
	challenge_params(p, &c);
	c.params.lr = lr;
	c.max_steps = p->challenge.max_steps;
	r = run_new(o, &c, p->start, &err);
	if (r != NULL)
		run_all(r);
	return r;
}

/* How far the end of run r is from the goal. */
static double
miss(const struct lesson_page *p, const struct run *r)
{
	const struct trajectory *tr = run_trajectory(r);
	int n = tr->n;

	return hypot(tr->w[(tr->len - 1) * n] - p->challenge.goal[0],
		     n > 1 ? tr->w[(tr->len - 1) * n + 1] - p->challenge.goal[1] : 0);
}

/* the learning rates the check tries, per optimizer */
#define CHECK_RATES 17

/*
 * The first allowed setting that meets the goal, of 17 rates per
 * optimizer, log-spaced: 0 with it in *opt and *lr, or -1 when none does.
 */
static int
winner(const struct lesson_page *p, struct objective *o, const struct optimizer **opt,
       double *lr)
{
	const struct page_challenge *q = &p->challenge;
	int i, j;

	for (i = 0; i < q->nallowed; i++)
		for (j = 0; j < CHECK_RATES; j++) {
			struct run *r;
			int met;
			*opt = q->allowed[i];
			*lr = q->lr_min * pow(q->lr_max / q->lr_min, j / (CHECK_RATES - 1.0));
			*lr = *lr > q->lr_max ? q->lr_max : *lr;        /* as a learner may type it */
			if ((r = attempt(p, o, *opt, *lr)) == NULL)
				continue;
			met = run_trajectory(r)->outcome != RUN_DIVERGED && miss(p, r) <= q->within;
			run_free(r);
			if (met)
				return 0;
		}
	return -1;
}

/* Some allowed setting must meet the goal (winner). */
static void
challenge_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_challenge *q = &p->challenge;
	struct check_work w;
	const struct optimizer *opt;
	double lr;
	int i, evals = 1;

	if (p->nstart != e->n || e->n > 2)
		return;
	/* the preset, and every try, at the step limit, even when an early
	 * one will win */
	for (i = 0; i < q->nallowed; i++)
		evals = evals > opt_step_evals(q->allowed[i]) ? evals : opt_step_evals(q->allowed[i]);
	work_runs(&w, p, (long)q->nallowed * CHECK_RATES + 1, q->max_steps, evals);
	if (check_charge(k, p->line, p->column, "this challenge", &w,
			 "lower \"steps\" in \"goal\"",
			 q->nallowed > 1 ? "allow fewer \"optimizers\"" : NULL) < 0)
		return;
	/* the setting the learner starts from must not win already */
	{
		struct run *r = attempt(p, e->o, q->allowed[q->preset], q->preset_lr);
		int met = r != NULL && run_trajectory(r)->outcome != RUN_DIVERGED &&
			  miss(p, r) <= q->within;
		run_free(r);
		if (met)
			check_wrong(k, p->aline, p->acolumn, "this challenge is won by its preset, "
				    "%s at %g, before the learner changes anything: set \"preset\" "
				    "to a setting that misses, lower \"steps\" in \"goal\" or "
				    "narrow \"lr\"", q->allowed[q->preset]->name, q->preset_lr);
	}
	if (winner(p, e->o, &opt, &lr) == 0) {
		check_verified(k);
		return;
	}
	check_wrong(k, p->aline, p->acolumn, "this challenge cannot be met: no allowed "
		    "optimizer with a learning rate from %g to %g ends within %g of the goal in "
		    "%ld steps", q->lr_min, q->lr_max, q->within, q->max_steps);
}

enum answer
runner_challenge(struct lesson_runner *r, const struct optimizer *opt, double lr)
{
	const struct lesson_page *p;
	const struct page_challenge *q;
	const struct trajectory *tr;
	char why[200];
	int i, allowed = 0;
	double d;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_CHALLENGE || r->obj == NULL ||
	    opt == NULL)
		return ANSWER_INVALID;
	q = &p->challenge;
	for (i = 0; i < q->nallowed; i++)
		allowed |= q->allowed[i] == opt;
	if (!allowed || !(lr >= q->lr_min && lr <= q->lr_max))
		return ANSWER_INVALID;
	run_free(r->challenge);
	r->challenge = attempt(p, r->obj, opt, lr);
	if (r->challenge == NULL)
		return ANSWER_INVALID;
	tr = run_trajectory(r->challenge);
	d = miss(p, r->challenge);
	if (tr->outcome == RUN_DIVERGED) {
		snprintf(why, sizeof why, "The run diverged at step %ld.", tr->step);
		return runner_judge(r, 0, why);
	}
	if (d <= q->within) {
		snprintf(why, sizeof why, "It ends %.3g from the goal after %ld steps.", d,
			 tr->step);
		return runner_judge(r, 1, why);
	}
	snprintf(why, sizeof why, "After %ld steps it is still %.3g from the goal (it must "
		 "be within %g).", tr->step, d, q->within);
	return runner_judge(r, 0, why);
}

void
runner_challenge_clear(struct lesson_runner *r)
{
	run_free(r->challenge);
	r->challenge = NULL;
	r->feedback[0] = '\0';
}

static int
challenge_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_challenge *q = &RUNNER_PAGE(r)->challenge;

	snprintf(buf, size, "Optimizer and learning rate (like %s %.2g; h hint, s skip, q quit): ",
		 q->allowed[0]->name, sqrt(q->lr_min * q->lr_max));
	return 1;
}

/* "momentum 0.01" */
static enum answer
challenge_answer_text(struct lesson_runner *r, const char *line)
{
	char name[32];
	double lr;

	if (sscanf(line, "%31s %lf", name, &lr) != 2)
		return ANSWER_INVALID;
	return runner_challenge(r, opt_find(name), lr);
}

static void
challenge_invalid_text(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_challenge *q = &RUNNER_PAGE(r)->challenge;
	size_t len = (size_t)snprintf(buf, size, "That setting is not allowed here: the "
				      "optimizers are");
	int i;

	for (i = 0; i < q->nallowed && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s %s", i ? "," : "",
					q->allowed[i]->name);
	if (len < size)
		snprintf(buf + len, size - len, ", with a learning rate from %g to %g.",
			 q->lr_min, q->lr_max);
}

/* The start and the goal on the figure, before any attempt. */
static void
challenge_view(const struct lesson_page *p, struct plot_fig *fig)
{
	if (p->nstart >= 1 && p->nstart <= 2)
		plot_fig_marker(fig, p->start, 'S', "start");
	plot_fig_marker(fig, p->challenge.goal, 'G', "goal");
}

/* A setting that wins, as the check finds it, and the preset, which must not. */
static int
challenge_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	const struct page_challenge *q = &p->challenge;
	const struct optimizer *opt;
	double lr;
	char a[32], b[32];

	if (r->obj == NULL || winner(p, r->obj, &opt, &lr) < 0)
		return -1;

	key_number(a, sizeof a, lr);
	key_number(b, sizeof b, q->preset_lr);
	snprintf(right, rsize, "%s %s", opt->name, a);
	snprintf(wrong, wsize, "%s %s", q->allowed[q->preset]->name, b);
	return 0;
}

const struct page_kind_def page_kind_challenge = {
	.name = "challenge",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "start",
					  "optimizers", "lr", "preset", "params", "goal", "question",
					  NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_ASKS | PK_ANY_DIM | PK_ROLLS,
	.read = challenge_read,
	.view = challenge_view,
	.check = challenge_check,
	.prompt = challenge_prompt,
	.answer_text = challenge_answer_text,
	.key = challenge_key,
	.invalid_text = challenge_invalid_text,
};
