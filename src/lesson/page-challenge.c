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
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/i18n.h"
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
			if (k == OPT_PARAM_LR)
				lesson_error(L, KEY_AT(e), "the rate is the learner's choice: "
					     "\"lr\" of the page gives its range");
			else
				lesson_error(L, KEY_AT(e), "there is no optimizer parameter \"%s\"",
					     e->string);
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

/*
 * A goal of loss: {"loss": 0.05, "on": "test", "steps": 500}, and the
 * settings the learner chooses besides the optimizer and its rate:
 * "batches": [1, 8, 100] and, for a network, "inits": ["zeros", "glorot"]
 * (the first of each is the preset's), drawn from the page's "seed".
 */
static void
read_loss_goal(struct loader *L, const cJSON *po, const cJSON *goal, struct lesson_page *p,
	       const char *what)
{
	static const char *const on[] = { "train", "val", "test" };
	struct page_challenge *q = &p->challenge;
	const cJSON *m, *e;
	struct expr_mlp net;
	char *s;
	long seed = 0;
	int i;

	q->loss_goal = 1;
	if (p->obj.model == NULL) {
		lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(goal, "loss")), "a goal "
			     "of \"loss\" is for a model fitted to data (a \"data\" member)");
		return;
	}
	if (get_number(L, goal, "loss", 1, "\"goal\"", &q->goal_loss) && !(q->goal_loss > 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(goal, "loss")), "the goal's "
			     "\"loss\" must be positive");
	q->on = p->obj.has_split ? CHALLENGE_ON_TEST : CHALLENGE_ON_TRAIN;
	s = get_string(L, goal, "on", 0, "\"goal\"");
	if (s != NULL) {
		for (i = 0; i < 3 && strcmp(s, on[i]) != 0; i++)
			;
		m = cJSON_GetObjectItemCaseSensitive(goal, "on");
		if (i == 3)
			lesson_error(L, AT(m), "\"on\" is \"train\", \"val\" or \"test\": the "
				     "part of the data whose loss the goal is");
		else if (i > 0 && lesson_part_points(&p->obj, i) == 0)
			lesson_error(L, AT(m), "\"%s\" is a held-out part: the page's \"data\" "
				     "needs a \"split\" that holds some points out for it", s);
		else
			q->on = i;
		free(s);
	}
	for (i = 0; i < 2; i++) {
		static const char *const pointy[] = { "point", "within" };
		if ((m = cJSON_GetObjectItemCaseSensitive(goal, pointy[i])) != NULL)
			lesson_error(L, KEY_AT(m), "a goal is a \"loss\" or a \"point\", not "
				     "both");
	}
	get_count(L, po, "seed", 0, what, 0, 9e15, &seed);
	q->seed = (uint64_t)seed;
	p->obj.seed = q->seed;          /* a "split" of its data is seeded so */
	/* the batch sizes, or every example */
	q->batches[0] = 0;
	q->nbatches = 1;
	if ((m = cJSON_GetObjectItemCaseSensitive(po, "batches")) != NULL) {
		double b[CHALLENGE_MAX_CHOICES];
		int n = get_numbers(L, m, "batches", 0, CHALLENGE_MAX_CHOICES, b);
		for (i = 0; i < n; i++) {
			if (!(b[i] >= 1 && b[i] == floor(b[i]) && b[i] <= 1e9)) {
				lesson_error(L, AT(m), "\"batches\" are whole numbers of examples, 1 "
					     "or more (as many as the data has: every one)");
				break;
			}
			/* as many as the training points, or more: every one */
			q->batches[i] = (size_t)b[i] >= lesson_part_points(&p->obj, 0) ? 0 :
					(size_t)b[i];
		}
		q->nbatches = n > 0 ? n : 1;
	}
	/* the inits, for a network */
	if (lesson_page_network(p, &net) && (e = cJSON_GetObjectItemCaseSensitive(po, "start")) != NULL) {
		lesson_error(L, KEY_AT(e), "a network's challenge starts from its \"inits\" "
			     "(glorot when it lists none), not a \"start\"");
		return;
	}
	if ((m = cJSON_GetObjectItemCaseSensitive(po, "inits")) == NULL) {
		if (lesson_page_network(p, &net)) {
			q->inits[0] = xstrdup("glorot");
			q->ninits = 1;
		} else {
			get_page_start(L, po, p, 1, what);
		}
		return;
	}
	if (!lesson_page_network(p, &net)) {
		lesson_error(L, KEY_AT(m), "\"inits\" draw a network's first weights: the model "
			     "is not a network (mlp:...); give a \"start\"");
		return;
	}
	if (!cJSON_IsArray(m) || cJSON_GetArraySize(m) < 1 ||
	    cJSON_GetArraySize(m) > CHALLENGE_MAX_CHOICES) {
		lesson_error(L, AT(m), "\"inits\" is an array of 1 to %d inits, like [\"zeros\", "
			     "\"glorot\"]", CHALLENGE_MAX_CHOICES);
		return;
	}
	for (e = m->child; e != NULL; e = e->next) {
		struct diag err;
		double *w = xcalloc((size_t)p->dim + 1, sizeof *w);
		if (!cJSON_IsString(e) || expr_mlp_init(&net, e->valuestring, 0, w, &err) != 0)
			lesson_error(L, AT(e), "\"inits\": %s", cJSON_IsString(e) ? err.message :
				     _("an init is a string, like \"glorot\""));
		else
			q->inits[q->ninits++] = xstrdup(e->valuestring);
		free(w);
	}
}

static void
challenge_free(struct lesson_page *p)
{
	int i;

	for (i = 0; i < p->challenge.ninits; i++)
		free(p->challenge.inits[i]);
}

static void
challenge_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_challenge *q = &p->challenge;
	const cJSON *ops, *goal, *e;
	double lr[2] = { 1e-4, 1 };
	int dim = p->dim, nopt = (int)opt_count();

	goal = cJSON_GetObjectItemCaseSensitive(po, "goal");
	if (goal != NULL && cJSON_IsObject(goal) &&
	    cJSON_GetObjectItemCaseSensitive(goal, "loss") != NULL)
		read_loss_goal(L, po, goal, p, what);
	else {
		static const char *const own[] = { "batches", "inits", "seed" };
		size_t k;
		get_page_start(L, po, p, 1, what);
		for (k = 0; k < sizeof own / sizeof own[0]; k++)
			if ((e = cJSON_GetObjectItemCaseSensitive(po, own[k])) != NULL)
				lesson_error(L, KEY_AT(e), "\"%s\" goes with a goal of \"loss\"",
					     own[k]);
	}
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
	if (q->loss_goal) {
		/* the quasi-Newton family searches with the true f: no mini-batches */
		int i, j, mini = 0;
		for (j = 0; j < q->nbatches; j++)
			mini |= q->batches[j] != 0;
		for (i = 0; i < q->nallowed && mini; i++)
			if (q->allowed[i]->line_search)
				lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "batches")),
					     "%s searches along its direction with every example: it "
					     "takes no mini-batches; allow other \"optimizers\", or "
					     "list only the full batch", q->allowed[i]->name);
	}
	if (goal != NULL && q->loss_goal) {
		static const char *const gf[] = { "loss", "on", "steps", "point", "within", NULL };
		p->aline = AT(goal).line;
		p->acolumn = AT(goal).column;
		check_members(L, goal, gf, "\"goal\"");
		q->max_steps = 1000;
		get_count(L, goal, "steps", 0, "\"goal\"", 1, LESSON_MAX_STEPS, &q->max_steps);
	} else if (goal != NULL) {
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


/*
 * A run of opt at rate lr from the page's start (or with a loss goal,
 * from init number init drawn from the page's seed, in batches of size
 * number batch), ended; NULL when it cannot start.
 */
static struct run *
attempt(const struct lesson_page *p, struct objective *o, const struct optimizer *opt,
	double lr, int batch, int init)
{
	const struct page_challenge *q = &p->challenge;
	struct run_config c;
	struct run *r;
	struct diag err;
	struct expr_mlp net;
	double *w = NULL;
	const double *start = p->start;

	run_config_init(&c, opt);
	challenge_params(p, &c);
	c.params.lr = lr;
	c.max_steps = q->max_steps;
	if (q->loss_goal) {
		c.batch = q->batches[batch];
		c.seed = q->seed;
		if (q->ninits > 0 && lesson_page_network(p, &net)) {
			w = xcalloc((size_t)objective_dim(o) + 1, sizeof *w);
			expr_mlp_init(&net, q->inits[init], q->seed, w, &err);
			start = w;
		}
	}
	r = run_new(o, &c, start, &err);
	free(w);
	if (r != NULL)
		run_all(r);
	return r;
}

/* How far the end of run r is from the goal point. */
static double
miss(const struct lesson_page *p, const struct run *r)
{
	const struct trajectory *tr = run_trajectory(r);
	int n = tr->n;

	return hypot(tr->w[(tr->len - 1) * n] - p->challenge.goal[0],
		     n > 1 ? tr->w[(tr->len - 1) * n + 1] - p->challenge.goal[1] : 0);
}

/* A loss goal's loss where run r ends: on the training part, or a held-out one. */
static double
loss_at_end(const struct lesson_page *p, const struct run *r, struct objective *val,
	    struct objective *test)
{
	const struct trajectory *tr = run_trajectory(r);
	struct objective *part = p->challenge.on == CHALLENGE_ON_VAL ? val : test;

	if (p->challenge.on == CHALLENGE_ON_TRAIN || part == NULL)
		return tr->f[tr->len - 1];
	return check_value_at(part, tr->w + (tr->len - 1) * (size_t)tr->n);
}

/* Whether run r meets the page's goal. */
static int
meets(const struct lesson_page *p, const struct run *r, struct objective *val,
      struct objective *test)
{
	const struct page_challenge *q = &p->challenge;

	if (r == NULL || run_trajectory(r)->outcome == RUN_DIVERGED)
		return 0;
	return q->loss_goal ? loss_at_end(p, r, val, test) <= q->goal_loss :
	       miss(p, r) <= q->within;
}

/* "training loss": the loss of the part of the data a loss goal is on */
static const char *
part_loss(const struct page_challenge *q)
{
	/* TRANSLATORS: in "its training loss is 0.05" and "ends with a
	 * training loss of 0.05 or less" */
	return q->on == CHALLENGE_ON_TRAIN ? _("training loss") : q->on == CHALLENGE_ON_VAL ?
	       _("validation loss") : _("test loss");
}

/* the learning rates the check tries, per optimizer */
#define CHECK_RATES 17

/* A setting of a challenge: an optimizer, a rate, a batch size and an init (by index). */
struct setting {
	const struct optimizer *opt;
	double lr;
	int batch, init;
};

/*
 * The first allowed setting that meets the goal, of 17 rates per
 * optimizer, log-spaced, with each batch size and init the page lists:
 * 0 with it in *s, or -1 when none does.
 */
static int
winner(const struct lesson_page *p, struct objective *o, struct objective *val,
       struct objective *test, struct setting *s)
{
	const struct page_challenge *q = &p->challenge;
	int i, j, nb = q->loss_goal ? q->nbatches : 1, ni = q->ninits > 0 ? q->ninits : 1;

	for (i = 0; i < q->nallowed; i++)
		for (j = 0; j < CHECK_RATES; j++)
			for (s->batch = 0; s->batch < nb; s->batch++)
				for (s->init = 0; s->init < ni; s->init++) {
					struct run *r;
					int met;
					s->opt = q->allowed[i];
					s->lr = q->lr_min * pow(q->lr_max / q->lr_min,
								j / (CHECK_RATES - 1.0));
					/* as a learner may type it */
					s->lr = s->lr > q->lr_max ? q->lr_max : s->lr;
					r = attempt(p, o, s->opt, s->lr, s->batch, s->init);
					met = meets(p, r, val, test);
					run_free(r);
					if (met)
						return 0;
				}
	return -1;
}

/* Some allowed setting must meet the goal (winner), and the preset must not. */
static void
challenge_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_challenge *q = &p->challenge;
	struct objective *val = NULL, *test = NULL;
	struct check_work w;
	struct setting win;
	struct diag err;
	int i, evals = 1;
	long tries;

	if (!q->loss_goal && (p->nstart != e->n || e->n > 2))
		return;
	if (q->loss_goal && lesson_objective_parts(p, &val, &test, &err) < 0) {
		check_wrong(k, p->line, p->column, "%s", err.message);
		return;
	}
	/* the preset, and every try, at the step limit, even when an early
	 * one will win */
	for (i = 0; i < q->nallowed; i++)
		evals = evals > opt_step_evals(q->allowed[i]) ? evals : opt_step_evals(q->allowed[i]);
	tries = (long)q->nallowed * CHECK_RATES;
	if (q->loss_goal)
		tries *= (long)q->nbatches * (q->ninits > 0 ? q->ninits : 1);
	work_runs(&w, p, tries + 1, q->max_steps, evals);
	/* TRANSLATORS: in "checking this challenge would pass the checker's
	 * budget ...; lower "steps" in "goal", or ..." (advice) */
	if (check_charge(k, p->line, p->column, _("this challenge"), &w,
			 _("lower \"steps\" in \"goal\""),
			 q->nallowed > 1 ? _("allow fewer \"optimizers\"") : q->loss_goal ?
			 _("list fewer \"batches\" or \"inits\"") : NULL) < 0)
		goto done;
	/* the setting the learner starts from must not win already */
	{
		struct run *r = attempt(p, e->o, q->allowed[q->preset], q->preset_lr, 0, 0);
		int met = meets(p, r, val, test);
		run_free(r);
		if (met && q->loss_goal && (q->nbatches > 1 || q->ninits > 1))
			check_wrong(k, p->aline, p->acolumn, "this challenge is won by its preset, "
				    "%s at %g with the first batch size and init, before the learner "
				    "changes anything: set \"preset\" to a setting that misses, lower "
				    "\"steps\" in \"goal\" or narrow \"lr\"",
				    q->allowed[q->preset]->name, q->preset_lr);
		else if (met)
			check_wrong(k, p->aline, p->acolumn, "this challenge is won by its preset, "
				    "%s at %g, before the learner changes anything: set \"preset\" "
				    "to a setting that misses, lower \"steps\" in \"goal\" or "
				    "narrow \"lr\"", q->allowed[q->preset]->name, q->preset_lr);
	}
	if (winner(p, e->o, val, test, &win) == 0) {
		check_verified(k);
		goto done;
	}
	if (q->loss_goal && (q->nbatches > 1 || q->ninits > 1))
		check_wrong(k, p->aline, p->acolumn, "this challenge cannot be met: no allowed "
			    "optimizer with a learning rate from %g to %g, batch size and init ends "
			    "with a %s of %g or less in %ld steps", q->lr_min, q->lr_max,
			    part_loss(q), q->goal_loss, q->max_steps);
	else if (q->loss_goal)
		check_wrong(k, p->aline, p->acolumn, "this challenge cannot be met: no allowed "
			    "optimizer with a learning rate from %g to %g ends with a %s of %g or "
			    "less in %ld steps", q->lr_min, q->lr_max, part_loss(q), q->goal_loss,
			    q->max_steps);
	else
		check_wrong(k, p->aline, p->acolumn, "this challenge cannot be met: no allowed "
			    "optimizer with a learning rate from %g to %g ends within %g of the "
			    "goal in %ld steps", q->lr_min, q->lr_max, q->within, q->max_steps);
done:
	objective_free(val);
	objective_free(test);
}

enum answer
runner_challenge(struct lesson_runner *r, const struct optimizer *opt, double lr)
{
	return runner_challenge_with(r, opt, lr, 0, 0);
}

enum answer
runner_challenge_with(struct lesson_runner *r, const struct optimizer *opt, double lr,
		      int batch, int init)
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
	if (!allowed || !(lr >= q->lr_min && lr <= q->lr_max) || batch < 0 || init < 0 ||
	    batch >= (q->loss_goal ? q->nbatches : 1) || init >= (q->ninits > 0 ? q->ninits : 1))
		return ANSWER_INVALID;
	run_free(r->challenge);
	r->challenge = attempt(p, r->obj, opt, lr, batch, init);
	if (r->challenge == NULL)
		return ANSWER_INVALID;
	tr = run_trajectory(r->challenge);
	if (tr->outcome == RUN_DIVERGED) {
		snprintf(why, sizeof why, _("The run diverged at step %ld."), tr->step);
		return runner_judge(r, 0, why);
	}
	if (q->loss_goal) {
		const char *part = part_loss(q);
		d = loss_at_end(p, r->challenge, r->val, r->test);
		if (d <= q->goal_loss)
			/* TRANSLATORS: %s is "training loss", "validation loss" or
			 * "test loss" */
			snprintf(why, sizeof why, _("After %ld steps its %s is %.4g (the goal: "
						    "%g or less)."), tr->step, part, d, q->goal_loss);
		else
			snprintf(why, sizeof why, _("After %ld steps its %s is still %.4g (it "
						    "must be %g or less)."), tr->step, part, d,
				 q->goal_loss);
		return runner_judge(r, d <= q->goal_loss, why);
	}
	d = miss(p, r->challenge);
	if (d <= q->within) {
		snprintf(why, sizeof why, _("It ends %.3g from the goal after %ld steps."), d,
			 tr->step);
		return runner_judge(r, 1, why);
	}
	snprintf(why, sizeof why, _("After %ld steps it is still %.3g from the goal (it must "
				    "be within %g)."), tr->step, d, q->within);
	return runner_judge(r, 0, why);
}

void
runner_challenge_clear(struct lesson_runner *r)
{
	run_free(r->challenge);
	r->challenge = NULL;
	r->feedback[0] = '\0';
}

/* Batch size number i of a loss goal, in words: "8", or "all". */
static void
batch_text(const struct page_challenge *q, int i, char *buf, size_t size)
{
	if (q->batches[i] == 0)
		snprintf(buf, size, "all");
	else
		snprintf(buf, size, "%zu", q->batches[i]);
}

void
challenge_setting_text(const struct lesson_page *p, int batch, int init, char *buf,
		       size_t size)
{
	const struct page_challenge *q = &p->challenge;
	char b[32];
	size_t len = 0;

	buf[0] = '\0';
	if (!q->loss_goal)
		return;
	batch_text(q, batch, b, sizeof b);
	if (q->nbatches > 1)
		len = (size_t)snprintf(buf, size, " batch %s", b);
	if (q->ninits > 1 && len < size)
		snprintf(buf + len, size - len, " init %s", q->inits[init]);
}

static int
challenge_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	const struct page_challenge *q = &p->challenge;
	char more[96];

	challenge_setting_text(p, q->nbatches - 1, q->ninits - 1, more, sizeof more);
	if (q->loss_goal && (q->nbatches > 1 || q->ninits > 1))
		/* TRANSLATORS: the example is typed as it is ("adam 0.01 batch 8
		 * init zeros"); the keys h, s and q stay as they are; short: with
		 * the example, the prompt holds 127 bytes */
		snprintf(buf, size, _("Optimizer and learning rate, then the batch and init (like "
				      "%s %.2g%s; h hint, s skip, q quit): "), q->allowed[0]->name,
			 sqrt(q->lr_min * q->lr_max), more);
	else
		snprintf(buf, size, _("Optimizer and learning rate (like %s %.2g%s; h hint, s skip, "
				      "q quit): "), q->allowed[0]->name,
			 sqrt(q->lr_min * q->lr_max), more);
	return 1;
}

/* "momentum 0.01", and with a loss goal "adam 0.01 batch 8 init zeros" */
static enum answer
challenge_answer_text(struct lesson_runner *r, const char *line)
{
	const struct page_challenge *q = &RUNNER_PAGE(r)->challenge;
	char name[32], key[16], val[48];
	double lr;
	int n, batch = 0, init = 0, at = 0, i;

	if (sscanf(line, "%31s %lf%n", name, &lr, &at) != 2)
		return ANSWER_INVALID;
	line += at;
	while (sscanf(line, "%15s %47s%n", key, val, &n) == 2) {
		line += n;
		if (strcmp(key, "batch") == 0) {
			char *end;
			double v = strtod(val, &end);
			/* as many as the training points, or more: all of them */
			if (*end == '\0' && end != val &&
			    v >= (double)lesson_part_points(&RUNNER_PAGE(r)->obj, 0))
				snprintf(val, sizeof val, "all");
			for (i = 0; i < q->nbatches; i++) {
				char b[32];
				batch_text(q, i, b, sizeof b);
				if (strcmp(b, val) == 0)
					break;
			}
			if (!q->loss_goal || i == q->nbatches)
				return ANSWER_INVALID;
			batch = i;
		} else if (strcmp(key, "init") == 0) {
			for (i = 0; i < q->ninits && strcmp(q->inits[i], val) != 0; i++)
				;
			if (i == q->ninits)
				return ANSWER_INVALID;
			init = i;
		} else {
			return ANSWER_INVALID;
		}
	}
	if (sscanf(line, "%15s", key) == 1)
		return ANSWER_INVALID;  /* a word left over */
	return runner_challenge_with(r, opt_find(name), lr, batch, init);
}

static void
challenge_invalid_text(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_challenge *q = &RUNNER_PAGE(r)->challenge;
	char names[256];
	size_t len = 0;
	int i;

	names[0] = '\0';
	for (i = 0; i < q->nallowed && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s %s", i ? "," : "",
					q->allowed[i]->name);
	/* TRANSLATORS: %s is the list of optimizers, " gd, momentum"; "batch"
	 * and "init" may follow, as the learner types them */
	len = (size_t)snprintf(buf, size, _("That setting is not allowed here: the optimizers "
					    "are%s, with a learning rate from %g to %g"), names,
			       q->lr_min, q->lr_max);
	if (q->loss_goal && q->nbatches > 1 && len < size) {
		/* TRANSLATORS: "batch" and "init" stay: the learner types them */
		len += (size_t)snprintf(buf + len, size - len, _("; batch"));
		for (i = 0; i < q->nbatches && len < size; i++) {
			char b[32];
			batch_text(q, i, b, sizeof b);
			len += (size_t)snprintf(buf + len, size - len, "%s %s", i ? "," : "", b);
		}
	}
	if (q->loss_goal && q->ninits > 1 && len < size) {
		len += (size_t)snprintf(buf + len, size - len, _("; init"));
		for (i = 0; i < q->ninits && len < size; i++)
			len += (size_t)snprintf(buf + len, size - len, "%s %s", i ? "," : "",
						q->inits[i]);
	}
	if (len < size)
		snprintf(buf + len, size - len, ".");
}

/* The start and the goal on the figure, before any attempt. */
static void
challenge_view(const struct lesson_page *p, struct plot_fig *fig)
{
	if (p->challenge.loss_goal)
		return;
	/* (the legend knows the label "start", translated or not: its runs' S) */
	if (p->nstart >= 1 && p->nstart <= 2)
		plot_fig_marker(fig, p->start, 'S', _("start"));
	/* TRANSLATORS: a challenge's goal, in the figure's legend, "G goal" */
	plot_fig_marker(fig, p->challenge.goal, 'G', _("goal"));
}

/* A setting that wins, as the check finds it, and the preset, which must not. */
static int
challenge_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	const struct page_challenge *q = &p->challenge;
	struct setting win;
	char a[32], b[32], more[96];

	if (r->obj == NULL || winner(p, r->obj, r->val, r->test, &win) < 0)
		return -1;
	key_number(a, sizeof a, win.lr);
	key_number(b, sizeof b, q->preset_lr);
	challenge_setting_text(p, win.batch, win.init, more, sizeof more);
	snprintf(right, rsize, "%s %s%s", win.opt->name, a, more);
	challenge_setting_text(p, 0, 0, more, sizeof more);
	snprintf(wrong, wsize, "%s %s%s", q->allowed[q->preset]->name, b, more);
	return 0;
}

/* On entering the page: a loss goal's held-out parts. */
static void
challenge_enter(struct lesson_runner *r)
{
	struct diag err;

	if (RUNNER_PAGE(r)->challenge.loss_goal &&
	    lesson_objective_parts(RUNNER_PAGE(r), &r->val, &r->test, &err) < 0)
		r->val = r->test = NULL;
}

const struct page_kind_def page_kind_challenge = {
	.name = "challenge",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "start",
					  "optimizers", "lr", "preset", "params", "goal", "question",
					  "batches", "inits", "seed", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_ASKS | PK_ANY_DIM | PK_ROLLS,
	.read = challenge_read,
	.free = challenge_free,
	.view = challenge_view,
	.check = challenge_check,
	.enter = challenge_enter,
	.prompt = challenge_prompt,
	.answer_text = challenge_answer_text,
	.key = challenge_key,
	.invalid_text = challenge_invalid_text,
};
