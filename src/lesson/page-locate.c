/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-locate.c - "put the cursor on a saddle": the learner points at a
 * point of the plot.  The answer is judged against the engine's critical
 * points (not the author's numbers): the cursor must be within the
 * page's tolerance of a point of the asked kind; near another kind of
 * point, the feedback says which it is.  A target may also be a point
 * the author gives.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"


static void
locate_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	static const char *const targets[] = { "minimum", "global minimum", "maximum", "saddle",
					       NULL };
	static const enum locate_target tv[] = { TARGET_MINIMUM, TARGET_GLOBAL_MINIMUM,
						 TARGET_MAXIMUM, TARGET_SADDLE };
	struct page_locate *q = &p->locate;
	const cJSON *t;
	double diag = hypot(p->x[1] - p->x[0], p->dim == 2 ? p->y[1] - p->y[0] : 0);

	p->question = get_text(L, po, "question", 0, what);
	t = member(L, po, "target", 1, what);
	q->tolerance = 0.05 * diag;
	if (t != NULL) {
		p->aline = AT(t).line;
		p->acolumn = AT(t).column;
		if (cJSON_IsString(t)) {
			int i, found = -1;
			for (i = 0; targets[i] != NULL; i++)
				if (strcmp(t->valuestring, targets[i]) == 0)
					found = i;
			if (found < 0)
				lesson_error(L, AT(t), "\"target\" is \"minimum\", \"global minimum\", "
					     "\"maximum\", \"saddle\", or {\"point\": [X, Y]}");
			else
				q->target = tv[found];
		} else if (cJSON_IsObject(t)) {
			static const char *const tf[] = { "point", NULL };
			const cJSON *pt;
			check_members(L, t, tf, "\"target\"");
			pt = member(L, t, "point", 1, "\"target\"");
			q->target = TARGET_POINT;
			if (pt != NULL)
				get_numbers(L, pt, "point", p->dim, 2, q->point);
		} else {
			lesson_error(L, AT(t), "\"target\" is \"minimum\", \"global minimum\", "
				     "\"maximum\", \"saddle\", or {\"point\": [X, Y]}");
		}
	}
	if (get_number(L, po, "tolerance", 0, what, &q->tolerance) && !(q->tolerance > 0))
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "tolerance")),
			     "\"tolerance\" must be positive");
}

/* Whether critical point c is of the kind the page asks for. */
static int
wanted(const struct page_locate *q, const struct critical_point *c)
{
	return (q->target == TARGET_MINIMUM && c->kind == CP_MINIMUM) ||
	       (q->target == TARGET_GLOBAL_MINIMUM && c->global > 0) ||
	       (q->target == TARGET_MAXIMUM && c->kind == CP_MAXIMUM) ||
	       (q->target == TARGET_SADDLE && c->kind == CP_SADDLE);
}

static int
locate_needs_points(const struct lesson_page *p)
{
	return p->locate.target != TARGET_POINT;
}

/* The target must exist: a point inside the region, or a point of its kind. */
static void
locate_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct page_locate *q = &p->locate;
	char list[400];
	int i;

	if (q->target == TARGET_POINT) {
		int ok = 1;
		for (i = 0; i < e->n; i++)
			ok &= q->point[i] >= (i == 0 ? p->x[0] : p->y[0]) &&
			      q->point[i] <= (i == 0 ? p->x[1] : p->y[1]);
		if (!ok)
			check_wrong(k, p->aline, p->acolumn, "the target point is outside the "
				    "region shown");
	} else if (e->ncp >= 0) {
		int found = 0;
		check_verified(k);
		for (i = 0; i < e->ncp; i++)
			found |= wanted(q, &e->cp[i]);
		if (!found && e->search != NULL && !e->search->conclusive) {
			/* TRANSLATORS: in "the target cannot be proved: ..." */
			check_inconclusive(k, p->aline, p->acolumn, _("the target"), e->search);
		} else if (!found) {
			check_list_points(list, sizeof list, e->cp, e->ncp, e->n);
			if (q->target == TARGET_MINIMUM)
				check_wrong(k, p->aline, p->acolumn, "there is no minimum to locate "
					    "in the region; the engine finds %s", list);
			else if (q->target == TARGET_GLOBAL_MINIMUM)
				check_wrong(k, p->aline, p->acolumn, "there is no global minimum to "
					    "locate in the region; the engine finds %s", list);
			else if (q->target == TARGET_MAXIMUM)
				check_wrong(k, p->aline, p->acolumn, "there is no maximum to locate "
					    "in the region; the engine finds %s", list);
			else
				check_wrong(k, p->aline, p->acolumn, "there is no saddle to locate "
					    "in the region; the engine finds %s", list);
		}
	}
}

/* The engine's critical points of the region, to judge the cursor against. */
static void
locate_enter(struct lesson_runner *r)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	struct region reg;

	if (r->obj == NULL || p->locate.target == TARGET_POINT)
		return;
	reg.n = objective_dim(r->obj);
	reg.lo[0] = p->x[0];
	reg.hi[0] = p->x[1];
	reg.lo[1] = p->y[0];
	reg.hi[1] = p->y[1];
	{
		struct cp_search s;
		struct cp_options opt = { 0, LESSON_SEARCH_EVALS(reg.n) };
		/* all of them (the learner may point at any), as checked */
		r->ncp = analysis_critical_search(r->obj, &reg, &opt, &s);
		r->cp = s.cp;
		if (r->ncp < 0)
			r->ncp = 0;
	}
}

/*
 * What point c is, in a sentence (only a minimum is global, analysis
 * says): a global or a local minimum when the page asks for the global one.
 */
static const char *
that_is(const struct critical_point *c, enum locate_target target)
{
	if (c->global > 0 && target == TARGET_GLOBAL_MINIMUM)
		return _("That is a global minimum.");
	if (c->kind == CP_MINIMUM && target == TARGET_GLOBAL_MINIMUM)
		return _("That is a local minimum.");
	switch (c->kind) {
	case CP_MINIMUM: return _("That is a minimum.");
	case CP_MAXIMUM: return _("That is a maximum.");
	case CP_SADDLE: return _("That is a saddle.");
	case CP_DEGENERATE: return _("That is a degenerate.");
	}
	return "";
}

enum answer
runner_locate(struct lesson_runner *r, const double *x)
{
	const struct lesson_page *p;
	const struct page_locate *q;
	int n, i, best = -1;
	double bestd = INFINITY;
	char why[200];

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_LOCATE || r->obj == NULL)
		return ANSWER_INVALID;
	q = &p->locate;
	n = objective_dim(r->obj);
	if (q->target == TARGET_POINT) {
		double d = hypot(x[0] - q->point[0], n > 1 ? x[1] - q->point[1] : 0);
		return runner_judge(r, d <= q->tolerance, "");
	}
	for (i = 0; i < r->ncp; i++) {
		const struct critical_point *c = &r->cp[i];
		double d = hypot(x[0] - c->x[0], n > 1 ? x[1] - c->x[1] : 0);
		if (wanted(q, c) && d < bestd) {
			best = i;
			bestd = d;
		}
	}
	if (best >= 0 && bestd <= q->tolerance)
		return runner_judge(r, 1, "");
	/* near another kind of point: say which, that is the lesson */
	why[0] = '\0';
	for (i = 0; i < r->ncp; i++) {
		double d = hypot(x[0] - r->cp[i].x[0], n > 1 ? x[1] - r->cp[i].x[1] : 0);
		if (d <= q->tolerance) {
			snprintf(why, sizeof why, "%s", that_is(&r->cp[i], q->target));
			break;
		}
	}
	return runner_judge(r, 0, why);
}

static int
locate_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	int n = r->obj ? objective_dim(r->obj) : 0;

	/* TRANSLATORS: %s is how to type a point, "x" or "x,y"; the keys h, s
	 * and q stay as they are */
	snprintf(buf, size, _("Where? (%s; h hint, s skip, q quit): "), n == 1 ? "x" : "x,y");
	return 1;
}

static enum answer
locate_answer_text(struct lesson_runner *r, const char *line)
{
	double x[2];
	int k = 0;

	if (r->obj == NULL || runner_read_vector(r, line, x, 2, &k) < 0 ||
	    k != objective_dim(r->obj))
		return ANSWER_INVALID;
	return runner_locate(r, x);
}

/* Whether x is within the tolerance of a point the page wants. */
static int
near_target(const struct lesson_runner *r, const double *x, int n)
{
	const struct page_locate *q = &RUNNER_PAGE(r)->locate;
	int i;

	if (q->target == TARGET_POINT)
		return hypot(x[0] - q->point[0], n > 1 ? x[1] - q->point[1] : 0) <= q->tolerance;
	for (i = 0; i < r->ncp; i++)
		if (wanted(q, &r->cp[i]) &&
		    hypot(x[0] - r->cp[i].x[0], n > 1 ? x[1] - r->cp[i].x[1] : 0) <= q->tolerance)
			return 1;
	return 0;
}

/* "x" or "x,y", each number as strtod reads it back exactly. */
static void
fmt_point(char *buf, size_t size, const double *x, int n)
{
	char a[32], b[32];

	key_number(a, sizeof a, x[0]);
	key_number(b, sizeof b, n > 1 ? x[1] : 0);
	snprintf(buf, size, "%s%s%s", a, n > 1 ? "," : "", n > 1 ? b : "");
}

/*
 * The target (the first point of the kind wanted), and the first corner
 * or middle of the region, or of its edges, that is far from every one.
 */
static int
locate_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct lesson_page *p = RUNNER_PAGE(r);
	const struct page_locate *q = &p->locate;
	int n = r->obj != NULL ? objective_dim(r->obj) : 0, i, j;

	if (n < 1 || n > 2)
		return -1;
	if (q->target == TARGET_POINT)
		fmt_point(right, rsize, q->point, n);
	for (i = 0; q->target != TARGET_POINT && i < r->ncp && right[0] == '\0'; i++)
		if (wanted(q, &r->cp[i]))
			fmt_point(right, rsize, r->cp[i].x, n);
	for (i = 0; i < 3; i++)
		for (j = 0; j < (n > 1 ? 3 : 1); j++) {
			double x[2] = { p->x[0] + (p->x[1] - p->x[0]) * i / 2,
					p->y[0] + (p->y[1] - p->y[0]) * j / 2 };
			if (!near_target(r, x, n)) {
				fmt_point(wrong, wsize, x, n);
				return right[0] != '\0' ? 0 : -1;
			}
		}
	return -1;
}

const struct page_kind_def page_kind_locate = {
	.name = "locate",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "target",
					  "tolerance", "question", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE | PK_ASKS,
	.read = locate_read,
	.needs_points = locate_needs_points,
	.check = locate_check,
	.enter = locate_enter,
	.prompt = locate_prompt,
	.answer_text = locate_answer_text,
	.key = locate_key,
};
