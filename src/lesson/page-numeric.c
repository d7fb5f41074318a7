/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-numeric.c - a question whose answer is a number, right within a
 * tolerance.  When the page has a function, the engine can compute the
 * answer ("verify": f at a point, or the global minimum's value), and
 * lessons --check proves the author's number.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/util.h"
#include "lesson-int.h"

/* An expected wrong answer of a numeric page: a number, kept as wrong[n]. */
static int
take_number(struct loader *L, const cJSON *a, int n, void *ctx)
{
	struct page_numeric *q = ctx;

	if (!cJSON_IsNumber(a)) {
		lesson_error(L, AT(a), "\"answer\" is a number here, not %s", json_type_name(a));
		return -1;
	}
	q->wrong[n] = a->valuedouble;
	return 0;
}

static void
numeric_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_numeric *q = &p->numeric;
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(po, "verify");
	const cJSON *an = cJSON_GetObjectItemCaseSensitive(po, "answer");
	int dim = p->dim;

	p->question = get_text(L, po, "question", 1, what);
	get_number(L, po, "answer", 1, what, &q->answer);
	if (an != NULL) {
		p->aline = AT(an).line;
		p->acolumn = AT(an).column;
	}
	q->tolerance = 1e-3 * fmax(1, fabs(q->answer));
	if (get_number(L, po, "tolerance", 0, what, &q->tolerance) && !(q->tolerance >= 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "tolerance")),
			     "\"tolerance\" must not be negative");
	/* expected wrong answers: told what they reveal (within the tolerance) */
	q->nwrong = get_wrong_answers(L, po, "12.25", take_number, q, q->wrong_feedback,
				      q->wrong_line, q->wrong_column);
	if (ver != NULL) {
		static const char *const vf[] = { "value_at", "global_minimum", "derivative_at",
						  "component", "eigenvalue_at", "which", "rate",
						  NULL };
		const cJSON *va;
		if (p->obj.function == NULL && p->obj.model == NULL) {
			lesson_error(L, KEY_AT(ver), "\"verify\" needs a \"function\" on the page");
		} else if (!cJSON_IsObject(ver)) {
			lesson_error(L, AT(ver), "\"verify\" must be an object like "
				     "{\"value_at\": [2]}");
		} else {
			const cJSON *comp = cJSON_GetObjectItemCaseSensitive(ver, "component");
			const cJSON *which = cJSON_GetObjectItemCaseSensitive(ver, "which");
			check_members(L, ver, vf, "\"verify\"");
			q->verify = 1;
			if ((va = cJSON_GetObjectItemCaseSensitive(ver, "value_at")) != NULL) {
				if (get_numbers(L, va, "value_at", dim, 8, q->verify_at) < 0)
					q->verify = 0;
			} else if ((va = cJSON_GetObjectItemCaseSensitive(ver, "derivative_at")) !=
				   NULL) {
				/* a component of the gradient, named by its variable */
				q->verify_kind = VERIFY_DERIVATIVE;
				if (get_numbers(L, va, "derivative_at", dim, 8, q->verify_at) < 0)
					q->verify = 0;
				if (comp != NULL && !cJSON_IsString(comp))
					lesson_error(L, AT(comp), "\"component\" is a variable's name");
				else if (comp != NULL)
					q->verify_component = xstrdup(comp->valuestring);
				else if (dim > 1)
					lesson_error(L, AT(va), "with more than one variable, "
						     "\"component\" says which derivative");
			} else if ((va = cJSON_GetObjectItemCaseSensitive(ver, "eigenvalue_at")) !=
				   NULL) {
				/* the smallest or the largest curvature there */
				q->verify_kind = VERIFY_EIGENVALUE;
				q->verify_which = 1;
				if (get_numbers(L, va, "eigenvalue_at", dim, 8, q->verify_at) < 0)
					q->verify = 0;
				if (which != NULL && (!cJSON_IsString(which) ||
				    (strcmp(which->valuestring, "smallest") != 0 &&
				     strcmp(which->valuestring, "largest") != 0)))
					lesson_error(L, AT(which), "\"which\" is \"smallest\" or "
						     "\"largest\"");
				else if (which != NULL)
					q->verify_which = strcmp(which->valuestring, "largest") == 0;
			} else if ((va = cJSON_GetObjectItemCaseSensitive(ver, "rate")) != NULL) {
				int i;
				q->verify_kind = VERIFY_RATE;
				for (i = 0; i < LESSON_RATES && !(cJSON_IsString(va) &&
						strcmp(va->valuestring, lesson_rate_names[i]) == 0); i++)
					;
				if (i == LESSON_RATES)
					lesson_error(L, AT(va), "\"rate\" is \"limit\" (2/lmax), "
						     "\"best\" (2/(lmin + lmax)), \"condition\" "
						     "(lmax/lmin), \"momentum_lr\" or \"momentum_beta\"");
				q->verify_which = i;
				if (dim < 1 || dim > 2)
					lesson_error(L, AT(va), "rates are computed for functions of one "
						     "or two variables");
			} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ver,
								"global_minimum"))) {
				q->verify_kind = VERIFY_GLOBAL_MINIMUM;
				if (dim < 1 || dim > 2)
					lesson_error(L, AT(ver), "the global minimum is found for "
						     "functions of one or two variables");
				/* with "component": where it is, that coordinate */
				if (comp != NULL && !cJSON_IsString(comp))
					lesson_error(L, AT(comp), "\"component\" is a variable's name");
				else if (comp != NULL)
					q->verify_component = xstrdup(comp->valuestring);
			} else {
				lesson_error(L, AT(ver), "\"verify\" takes \"value_at\", "
					     "\"global_minimum\", \"derivative_at\", "
					     "\"eigenvalue_at\" or \"rate\"");
			}
			if (comp != NULL && q->verify_kind != VERIFY_DERIVATIVE &&
			    q->verify_kind != VERIFY_GLOBAL_MINIMUM)
				lesson_error(L, KEY_AT(comp), "\"component\" goes with derivative_at "
					     "or global_minimum");
			if (which != NULL && q->verify_kind != VERIFY_EIGENVALUE)
				lesson_error(L, KEY_AT(which), "\"which\" goes with eigenvalue_at");
		}
	}
}

static void
numeric_free(struct lesson_page *p)
{
	int i;

	free(p->numeric.verify_component);
	for (i = 0; i < p->numeric.nwrong; i++)
		free(p->numeric.wrong_feedback[i]);
}

static int
numeric_needs_points(const struct lesson_page *p)
{
	return p->numeric.verify && p->numeric.verify_kind == VERIFY_GLOBAL_MINIMUM;
}

/*
 * The variable "component" names (the first when it names none): its
 * index, or -1 after an error when the function has no such variable.
 */
static int
component(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const char *name = p->numeric.verify_component;
	int i;

	if (name == NULL)
		return 0;
	for (i = 0; i < e->n; i++)
		if (strcmp(objective_param(e->o, i), name) == 0)
			return i;
	check_wrong(k, p->aline, p->acolumn, "the answer cannot be verified: the function has "
		    "no variable %s", name);
	return -1;
}

/* The engine's answer must be the author's; no expected wrong answer may be right. */
static void
numeric_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_numeric *q = &p->numeric;
	struct check_work w;
	double v = NAN;
	char what[160];
	int j;

	for (j = 0; j < q->nwrong; j++)
		if (fabs(q->wrong[j] - q->answer) <= q->tolerance)
			check_wrong(k, q->wrong_line[j], q->wrong_column[j], "this wrong answer is "
				    "within the tolerance %g of the answer %g: a learner who gives it "
				    "is told it is right", q->tolerance, q->answer);
	if (!q->verify)
		return;
	if (q->verify_kind != VERIFY_GLOBAL_MINIMUM)
		work_value(&w, p);
	else
		work_region_min(&w, p, e->n);
	/* TRANSLATORS: in "checking this answer would pass the checker's budget" */
	if (check_charge(k, p->aline, p->acolumn, _("this answer"), &w, NULL, NULL) < 0)
		return;
	if (q->verify_kind == VERIFY_VALUE) {
		char pt[64];
		v = check_value_at(e->o, q->verify_at);
		check_fmt_point(pt, sizeof pt, q->verify_at, e->n);
		/* TRANSLATORS: what the engine computes, in "the engine computes
		 * f at (1, 2) = 5" and "f at (1, 2) is not a number" */
		snprintf(what, sizeof what, _("f at %s"), pt);
	} else if (q->verify_kind == VERIFY_DERIVATIVE || q->verify_kind == VERIFY_EIGENVALUE) {
		double g[8], lambda[8];
		char pt[64];
		int i;
		if (e->n < 1 || e->n > 8 || (i = component(k, p, e)) < 0)
			return;
		check_point_derivs(e->o, q->verify_at, e->n, g, lambda);
		check_fmt_point(pt, sizeof pt, q->verify_at, e->n);
		if (q->verify_kind == VERIFY_DERIVATIVE) {
			v = g[i];
			snprintf(what, sizeof what, _("the derivative in %s at %s"),
				 objective_param(e->o, i), pt);
		} else {
			v = lambda[q->verify_which ? e->n - 1 : 0];
			if (q->verify_which)
				snprintf(what, sizeof what,
					 _("the largest eigenvalue of the Hessian at %s"), pt);
			else
				snprintf(what, sizeof what,
					 _("the smallest eigenvalue of the Hessian at %s"), pt);
		}
	} else if (q->verify_kind == VERIFY_RATE) {
		double r[LESSON_RATES + 2];
		char why[200];
		if (check_quadratic_rates(e->o, &e->r, r, why, sizeof why) < 0) {
			check_wrong(k, p->aline, p->acolumn, "the answer cannot be verified: %s", why);
			return;
		}
		v = r[q->verify_which];
		/* TRANSLATORS: %s is a rate in words and its formula, "best rate
		 * 2/(lmin + lmax)" */
		snprintf(what, sizeof what, _("the %s"), _(rate_texts[q->verify_which]));
	} else if (e->n >= 1 && e->n <= 2) {
		/* the lowest value in the region: a critical point's, or an edge's */
		double where[2];
		int best = check_lowest_critical(e->cp, e->ncp), i;
		v = analysis_region_min(e->o, &e->r, where);
		if (best >= 0 && e->cp[best].f < v) {
			v = e->cp[best].f;
			where[0] = e->cp[best].x[0];
			where[1] = e->cp[best].x[1];
		}
		snprintf(what, sizeof what, _("the global minimum's value"));
		if (q->verify_component != NULL && !isnan(v)) {
			char pt[64];
			if ((i = component(k, p, e)) < 0)
				return;
			check_fmt_point(pt, sizeof pt, where, e->n);
			/* TRANSLATORS: a variable's value there: "x at the global
			 * minimum, (1, 2)" */
			snprintf(what, sizeof what, _("%s at the global minimum, %s"),
				 q->verify_component, pt);
			v = where[i];
		}
	}
	check_verified(k);
	/* an answer above a value seen is wrong; below it, or equal, it holds
	 * only if the search missed no lower minimum */
	if (isnan(v) && q->verify_kind == VERIFY_GLOBAL_MINIMUM)
		check_wrong(k, p->aline, p->acolumn, "the answer cannot be verified: there is no "
			    "minimum in the region");
	else if (isnan(v))
		check_wrong(k, p->aline, p->acolumn, "the answer cannot be verified: %s is not a "
			    "number", what);
	else if (q->verify_kind == VERIFY_GLOBAL_MINIMUM && e->search != NULL &&
		 !e->search->conclusive &&
		 !(q->answer > v + q->tolerance))
		check_inconclusive(k, p->aline, p->acolumn, _("the answer"), e->search);
	else if (!(fabs(v - q->answer) <= q->tolerance))
		check_wrong(k, p->aline, p->acolumn, "the answer %g is wrong: the engine computes "
			    "%s = %.6g", q->answer, what, check_fmt_value(v));
}

enum answer
runner_numeric(struct lesson_runner *r, double value)
{
	const struct lesson_page *p;
	int i;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_NUMERIC || !isfinite(value))
		return ANSWER_INVALID;
	if (fabs(value - p->numeric.answer) <= p->numeric.tolerance)
		return runner_judge(r, 1, "");
	for (i = 0; i < p->numeric.nwrong; i++)
		if (fabs(value - p->numeric.wrong[i]) <= p->numeric.tolerance)
			return runner_judge(r, 0, p->numeric.wrong_feedback[i] != NULL ?
					    p->numeric.wrong_feedback[i] : "");
	return runner_judge(r, 0, "");
}

static int
numeric_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	(void)r;
	/* TRANSLATORS: the keys h, s and q stay as they are */
	snprintf(buf, size, _("Your answer (a number; h hint, s skip, q quit): "));
	return 1;
}

static enum answer
numeric_answer_text(struct lesson_runner *r, const char *line)
{
	double x[2];
	int k = 0;

	if (runner_read_vector(r, line, x, 2, &k) < 0 || k != 1)
		return ANSWER_INVALID;
	return runner_numeric(r, x[0]);
}

/*
 * The answer, and the first expected wrong one, or else a number well
 * outside the tolerance.
 */
static int
numeric_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct page_numeric *q = &RUNNER_PAGE(r)->numeric;

	key_number(right, rsize, q->answer);
	key_number(wrong, wsize, q->nwrong > 0 ? q->wrong[0] :
		  q->answer + 2 * q->tolerance + 1 + fabs(q->answer));
	return 0;
}

const struct page_kind_def page_kind_numeric = {
	.name = "numeric",
	.members = (const char *const[]){ "question", "answer", "tolerance", "verify", "wrong",
					  "function", "variables", "data", "x", "y", NULL },
	.flags = PK_MAY_OBJECTIVE | PK_ASKS | PK_ANY_DIM | PK_CHECKS_ALONE,
	.read = numeric_read,
	.free = numeric_free,
	.needs_points = numeric_needs_points,
	.check = numeric_check,
	.prompt = numeric_prompt,
	.answer_text = numeric_answer_text,
	.key = numeric_key,
};
