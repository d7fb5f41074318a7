/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-budget.c - the budget of lesson_check.  Every check is
 * charged what descent-lessons(5) says under Limits, at its worst and
 * before it is done, so the counts here are exact; a chapter may spend
 * the whole budget and not one evaluation more; past it, one error at
 * the page or claim, and nothing more of the chapter is checked.  And
 * the shipped course stays well under it.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

/* A chapter of these pages (JSON, comma-separated). */
static struct lesson_chapter *
chapter(const char *pages)
{
	static const char fmt[] = "{\"id\": \"b\", \"title\": \"B\", \"order\": 1, "
				  "\"summary\": \"s\", \"pages\": [%s]}";
	size_t size = strlen(fmt) + strlen(pages);
	char *text = xmalloc(size);
	struct diags ds;
	struct lesson_chapter *c;

	snprintf(text, size, fmt, pages);
	diags_init(&ds);
	c = lesson_parse(text, strlen(text), "b.json", &ds);
	cr_assert_not_null(c, "the chapter does not load: %s", ds.n ? ds.d[0].message : "");
	diags_done(&ds);
	free(text);
	return c;
}

/* Checks pages; returns the evaluations charged, the errors in ds. */
static unsigned long long
spend(const char *pages, struct diags *ds)
{
	struct lesson_chapter *c = chapter(pages);
	unsigned long long spent = 0;

	lesson_check_spent(c, ds, &spent);
	lesson_chapter_free(c);
	return spent;
}

/* What checking pages costs, when it proves them all. */
static unsigned long long
cost(const char *pages)
{
	struct diags ds;
	unsigned long long spent;

	diags_init(&ds);
	spent = spend(pages, &ds);
	cr_expect_eq(ds.errors, 0, "%s", ds.n ? ds.d[0].message : "");
	diags_done(&ds);
	return spent;
}

/* A descent page of x^2 whose Newton run converges at once, with n run claims. */
static size_t
newton_page(char *buf, size_t size, int nclaims)
{
	size_t len = (size_t)snprintf(buf, size, "{\"kind\": \"descent\", \"function\": \"x^2\", "
				      "\"start\": [1], \"steps\": 100000, \"runs\": "
				      "[{\"optimizer\": \"newton\"}], \"check\": [");
	int i;

	for (i = 0; i < nclaims && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s{\"converges_to\": [0]}",
					i ? ", " : "");
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len, "]}");
	return len;
}

Test(budget, work_saturates)
{
	cr_expect_eq(work_mul(3, 4), 12);
	cr_expect_eq(work_mul(0, ULLONG_MAX), 0);
	cr_expect_eq(work_mul(ULLONG_MAX / 2, 3), ULLONG_MAX);
	cr_expect_eq(work_mul(1ULL << 32, 1ULL << 32), ULLONG_MAX);
}

/* Each check costs what the man page says, in one or two variables. */
Test(budget, each_check_costs_its_documented_count)
{
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2\", \"check\": "
			  "[{\"value\": {\"at\": [1], \"f\": 1}}]}"), 1);
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2\", \"check\": "
			  "[{\"convex\": true}]}"), 401 + 2000);
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2 + y^2\", \"check\": "
			  "[{\"convex\": true}]}"), 61 * 61 + 2000);
	/* one search for the page, whatever asks for it: its budget and the
	 * grid of the region for its global minima */
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2\", \"check\": "
			  "[{\"critical_points\": [{\"at\": [0], \"kind\": \"minimum\"}]}, "
			  "{\"critical_points\": [{\"at\": [0]}]}]}"), 100000 + 2001);
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2 + y^2\", \"check\": "
			  "[{\"global_minimum\": {\"at\": [0, 0], \"f\": 0}}]}"),
		     500000 + 201 * 201 + 201 * 201 + 1);
	cr_expect_eq(cost("{\"kind\": \"locate\", \"function\": \"x^2 - y^2\", "
			  "\"target\": \"saddle\"}"), 500000 + 201 * 201);
	cr_expect_eq(cost("{\"kind\": \"numeric\", \"question\": \"q\", \"function\": \"x^2\", "
			  "\"answer\": 0, \"verify\": {\"global_minimum\": true}}"),
		     100000 + 2001 + 2001 + 1);
	cr_expect_eq(cost("{\"kind\": \"numeric\", \"question\": \"q\", \"function\": \"x^2\", "
			  "\"answer\": 4, \"verify\": {\"value_at\": [2]}}"), 1);
	/* nothing to evaluate */
	cr_expect_eq(cost("{\"kind\": \"plot\", \"function\": \"x^2\"}, "
			  "{\"kind\": \"locate\", \"function\": \"x^2\", "
			  "\"target\": {\"point\": [1]}}"), 0);
}

/* A run counts its step limit, however soon it converges; a data point counts each time. */
Test(budget, a_run_counts_its_steps_times_the_data_points)
{
	cr_expect_eq(cost("{\"kind\": \"descent\", \"function\": \"x^2\", \"start\": [1], "
			  "\"steps\": 5000, \"runs\": [{\"optimizer\": \"newton\"}], "
			  "\"check\": [{\"converges_to\": [0]}, {\"stops_at\": \"minimum\"}]}"),
		     2 * 5000);
	cr_expect_eq(cost("{\"kind\": \"descent\", \"start\": [0, 0], \"data\": {\"columns\": "
			  "[\"x\", \"y\"], \"model\": \"w0 + w1*x\", \"points\": [[0, 1], [1, 3], "
			  "[2, 5]]}, \"steps\": 500, \"runs\": [{\"optimizer\": \"newton\"}], "
			  "\"check\": [{\"converges_to\": [1, 2]}]}"), 500 * 3);
}

/* A challenge counts its preset and all its tries, though one soon wins. */
Test(budget, a_challenge_counts_every_try)
{
	cr_expect_eq(cost("{\"kind\": \"challenge\", \"function\": \"x^2\", \"start\": [1], "
			  "\"optimizers\": [\"gd\", \"momentum\"], \"lr\": [0.1, 0.5], "
			  "\"goal\": {\"point\": [0], \"within\": 1e-9, \"steps\": 1000}}"),
		     (2 * 17 + 1) * 1000);
}

/*
 * 200 claims of a run of 100000 steps spend the budget to the last
 * evaluation and are all proved; one value claim more is one error at
 * it, and the chapter's last page, whose claim is wrong, is not checked.
 */
Test(budget, the_whole_budget_and_not_one_evaluation_more)
{
	size_t size = 64 * 1024, len = 0;
	char *pages = xmalloc(size);
	struct diags ds;
	int i;

	cr_assert_eq(LESSON_CHECK_BUDGET, 200 * 100000ULL);
	for (i = 0; i < 7; i++) {
		len += newton_page(pages + len, size - len, i < 6 ? LESSON_MAX_CLAIMS : 8);
		len += (size_t)snprintf(pages + len, size - len, ", ");
	}
	cr_assert_lt(len, size);
	pages[len - 2] = '\0';
	cr_expect_eq(cost(pages), LESSON_CHECK_BUDGET);

	snprintf(pages + len - 2, size - len + 2, ", {\"kind\": \"plot\", \"function\": \"x^2\", "
		 "\"check\": [{\"value\": {\"at\": [1], \"f\": 1}}]}, {\"kind\": \"plot\", "
		 "\"function\": \"x^2\", \"check\": [{\"convex\": false}]}");
	diags_init(&ds);
	cr_expect_eq(spend(pages, &ds), LESSON_CHECK_BUDGET);
	cr_assert_eq(ds.n, 1, "%zu errors", ds.n);
	cr_expect_eq(ds.d[0].line, 1);
	cr_expect_str_eq(ds.d[0].message, "checking this claim would pass the checker's budget "
			 "of 20000000 evaluations per chapter: f at a point needs 1 evaluation "
			 "(1 evaluation, after 20000000 before it); split the chapter");
	diags_done(&ds);
	free(pages);
}

/* The optimizers whose steps are one evaluation each. */
#define SEVEN "[\"gd\", \"momentum\", \"nesterov\", \"adagrad\", \"rmsprop\", \"adam\", " \
	"\"newton\"]"

/*
 * Work that would pass the budget is not done, and nothing after it:
 * two challenges of 12000000 evaluations each, their preset and 119 tries
 * (the first is won at its last rate, and counts them all), are one too
 * many.
 */
Test(budget, checking_stops_where_the_budget_would_pass)
{
	struct diags ds;

	diags_init(&ds);
	cr_expect_eq(spend("{\"kind\": \"plot\", \"function\": \"x^2\", \"check\": "
			   "[{\"value\": {\"at\": [1], \"f\": 2}}]}, "
			   "{\"kind\": \"challenge\", \"function\": \"x^2\", \"start\": [1], "
			   "\"optimizers\": " SEVEN ", "
			   "\"lr\": [0.1, 0.5], \"goal\": {\"point\": [0], \"within\": 1e-9, "
			   "\"steps\": 100000}}, "
			   "{\"kind\": \"challenge\", \"function\": \"x + y\", \"start\": [0, 0], "
			   "\"optimizers\": " SEVEN ", "
			   "\"goal\": {\"point\": [9, 9], \"steps\": 100000}}, "
			   "{\"kind\": \"plot\", \"function\": \"x^2\", \"check\": "
			   "[{\"convex\": false}]}", &ds), 1 + 12000000);
	cr_assert_eq(ds.n, 2, "%zu errors", ds.n);
	/* the wrong claim before it is reported */
	cr_expect(strstr(ds.d[0].message, "the claim is wrong") != NULL, "%s", ds.d[0].message);
	cr_expect_str_eq(ds.d[1].message, "checking this challenge would pass the checker's "
			 "budget of 20000000 evaluations per chapter: it needs up to 120 runs of "
			 "100000 steps (12000000 evaluations, after 12000001 before it); lower "
			 "\"steps\" in \"goal\", allow fewer \"optimizers\" or split the chapter");
	diags_done(&ds);
}

/* The course as shipped checks well under the budget: half of it at most
 * (each search for critical points is charged its whole allowance). */
Test(budget, the_course_is_well_under_the_budget)
{
	struct lesson_course co;
	struct diags ds;
	int i;

	diags_init(&ds);
	lesson_course_load(&co, SRCDIR "/lessons", NULL, 0, &ds);
	cr_assert_gt(co.n, 0, "no chapters in " SRCDIR "/lessons");
	for (i = 0; i < co.n; i++) {
		unsigned long long spent = 0;
		cr_expect_eq(lesson_check_spent(co.chapters[i], &ds, &spent), 0, "%s",
			     co.chapters[i]->file);
		cr_expect_gt(spent, 0, "%s", co.chapters[i]->file);
		cr_expect_leq(spent, LESSON_CHECK_BUDGET / 2, "%s uses %llu evaluations of "
			      "%llu", co.chapters[i]->file, spent, LESSON_CHECK_BUDGET);
	}
	lesson_course_done(&co);
	diags_done(&ds);
}

/*
 * A step of the quasi-Newton family may ask for a line search's
 * evaluations: a challenge of bfgs is charged 31 a step (its 18 runs of
 * one step, 558: the preset at 0.5 lands halfway, 1 lands on the goal),
 * and says so when it is too much.
 */
Test(budget, line_searches_are_charged_at_their_worst)
{
	struct diags ds;

	diags_init(&ds);
	cr_expect_eq(spend("{\"kind\": \"challenge\", \"function\": \"x^2 + y^2\", "
			   "\"start\": [1, 1], \"optimizers\": [\"bfgs\"], \"lr\": [0.5, 1], "
			   "\"goal\": {\"point\": [0, 0], \"steps\": 1}}", &ds), 558);
	cr_expect_eq(ds.n, 0, "%zu errors: %s", ds.n, ds.n ? ds.d[0].message : "");
	diags_done(&ds);
	diags_init(&ds);
	spend("{\"kind\": \"challenge\", \"function\": \"x^2 + y^2\", \"start\": [1, 1], "
	      "\"optimizers\": [\"cg\"], \"lr\": [0.5, 1], "
	      "\"goal\": {\"point\": [0, 0], \"steps\": 100000}}", &ds);
	cr_assert_eq(ds.n, 1, "%zu errors", ds.n);
	cr_expect_str_eq(ds.d[0].message, "checking this challenge would pass the checker's "
			 "budget of 20000000 evaluations per chapter: it needs up to 18 runs of "
			 "100000 steps of up to 32 evaluations (57600000 evaluations); lower "
			 "\"steps\" in \"goal\"");
	diags_done(&ds);
}
