/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-map.c - map pages: the runner computes the map of the page
 * and judges a cell against it (the fewest steps, or the edge of a row,
 * within the tolerance), with feedback that says where the answer is;
 * a typed answer picks the nearest cell; the cursor's cell has its run;
 * the check refuses a map without its target; bad members are located.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"

static const char chapter[] =
	"{\"id\": \"maps\", \"title\": \"Maps\", \"order\": 1, \"summary\": \"Maps.\",\n"
	" \"pages\": [\n"
	"  {\"kind\": \"map\", \"function\": \"x^2 + 10*y^2\", \"start\": [1, 1],\n"
	"   \"optimizer\": \"gd\", \"over\": {\"lr\": [0.01, 0.2]}, \"log\": true,\n"
	"   \"cells\": [30], \"question\": \"Fastest?\", \"target\": \"fastest\"},\n"
	"  {\"kind\": \"map\", \"function\": \"x^2 + 10*y^2\", \"start\": [1, 1],\n"
	"   \"optimizer\": \"momentum\", \"over\": {\"lr\": [0.01, 0.5], \"beta\": [0, 0.9]},\n"
	"   \"cells\": [20, 10], \"question\": \"Edge?\", \"target\": \"edge\", \"tolerance\": 0}\n"
	" ]}\n";

static struct lesson_chapter *
load(const char *text, struct diags *ds)
{
	struct lesson_chapter *c = lesson_parse(text, strlen(text), "maps.json", ds);

	if (c == NULL)
		diags_print(ds, stderr);
	return c;
}

Test(lesson_map, fastest_is_judged_against_the_engine)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	int bi = -1, bj = -1;
	long best;

	diags_init(&ds);
	c = load(chapter, &ds);
	cr_assert_not_null(c);
	cr_expect_eq(lesson_check(c, &ds), 0);
	runner_init(&r, c, NULL, &ds);
	runner_goto(&r, 0);
	cr_assert(r.map.nx == 30 && r.map.ny == 1, "the map is %d x %d", r.map.nx, r.map.ny);
	cr_expect_eq(r.nruns, 1, "the cursor's cell has its run");
	best = map_fastest(&r.map, &bi, &bj);
	cr_assert_gt(best, 0);
	/* the fastest rate of gd is 2/(2 + 20), within a cell */
	cr_expect(fabs(log(0.01 * pow(20.0, bi / 29.0) / (2.0 / 22))) < log(20.0) / 29,
		  "the fastest cell is %d", bi);
	runner_map_select(&r, bi + 1, 0);
	cr_expect_eq(runner_map(&r), ANSWER_RIGHT, "a cell off is within the tolerance");
	runner_map_select(&r, bi - 4, 0);
	cr_expect_eq(runner_map(&r), ANSWER_WRONG);
	cr_expect(strstr(r.feedback, "the fastest setting takes") != NULL, "%s", r.feedback);
	/* typed: the nearest cell to 2/22 */
	cr_expect_eq(runner_answer_text(&r, "0.0909"), ANSWER_RIGHT, "%s", r.feedback);
	cr_expect_eq(runner_answer_text(&r, "0.09,0.5"), ANSWER_INVALID, "one setting");
	{
		char buf[200];
		runner_map_select(&r, 0, 0);
		runner_map_cell_text(&r, buf, sizeof buf);
		cr_expect_str_eq(buf, "lr 0.01: converged in 719 steps");
		runner_map_select(&r, 29, 0);
		runner_map_cell_text(&r, buf, sizeof buf);
		cr_expect(strncmp(buf, "lr 0.2: diverged at step ", 25) == 0, "%s", buf);
	}
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_map, edge_is_the_rows_own)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	int i, e = -1, j = 5;

	diags_init(&ds);
	c = load(chapter, &ds);
	cr_assert_not_null(c);
	runner_init(&r, c, NULL, &ds);
	runner_goto(&r, 1);
	cr_assert(r.map.nx == 20 && r.map.ny == 10);
	for (i = r.map.nx; i > 0 && r.map.outcome[j * 20 + i - 1] == RUN_DIVERGED; i--)
		e = i - 1;
	cr_assert_gt(e, 0, "row %d has an edge", j);
	runner_map_select(&r, e, j);
	cr_expect_eq(runner_map(&r), ANSWER_RIGHT);
	runner_map_select(&r, e - 1, j);
	cr_expect_eq(runner_map(&r), ANSWER_RIGHT, "the cell before the edge");
	runner_map_select(&r, e - 3, j);
	cr_expect_eq(runner_map(&r), ANSWER_WRONG);
	cr_expect(strstr(r.feedback, "the edge is at a larger lr") != NULL, "%s", r.feedback);
	if (e + 2 < r.map.nx) {
		runner_map_select(&r, e + 2, j);
		cr_expect_eq(runner_map(&r), ANSWER_WRONG);
		cr_expect(strstr(r.feedback, "smaller lr") != NULL, "%s", r.feedback);
	}
	/* the edge of momentum moves with beta: 2(1 + beta)/20 */
	cr_expect(runner_answer_text(&r, "0.1,0") == ANSWER_RIGHT ||
		  runner_answer_text(&r, "0.11,0") == ANSWER_RIGHT, "%s", r.feedback);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* The check computes the map: a target it lacks is an error at "target". */
Test(lesson_map, the_check_wants_its_target)
{
	static const char no_edge[] =
		"{\"id\": \"m\", \"title\": \"M\", \"order\": 1, \"summary\": \"M.\", \"pages\": [\n"
		"  {\"kind\": \"map\", \"function\": \"x^2\", \"start\": [1], \"optimizer\": \"gd\",\n"
		"   \"over\": {\"lr\": [0.01, 0.5]}, \"question\": \"Edge?\", \"target\": \"edge\"}]}\n";
	static const char no_fastest[] =
		"{\"id\": \"m\", \"title\": \"M\", \"order\": 1, \"summary\": \"M.\", \"pages\": [\n"
		"  {\"kind\": \"map\", \"function\": \"x^2\", \"start\": [1], \"optimizer\": \"gd\",\n"
		"   \"over\": {\"lr\": [0.0001, 0.001]}, \"steps\": 10, \"question\": \"Q?\",\n"
		"   \"target\": \"fastest\"}]}\n";
	struct diags ds;
	struct lesson_chapter *c;

	diags_init(&ds);
	c = load(no_edge, &ds);
	cr_assert_not_null(c);
	cr_expect_eq(lesson_check(c, &ds), 1);
	cr_expect(ds.n == 1 && ds.d[0].line == 3 && ds.d[0].column == 64 &&
		  strstr(ds.d[0].message, "no edge of divergence") != NULL, "%d:%d: %s",
		  ds.n ? ds.d[0].line : 0, ds.n ? ds.d[0].column : 0, ds.n ? ds.d[0].message : "");
	lesson_chapter_free(c);
	diags_done(&ds);
	diags_init(&ds);
	c = load(no_fastest, &ds);
	cr_assert_not_null(c);
	cr_expect_eq(lesson_check(c, &ds), 1);
	cr_expect(ds.n == 1 && strstr(ds.d[0].message, "no cell of the map converges in 10 "
				      "steps") != NULL, "%s", ds.n ? ds.d[0].message : "");
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_map, bad_members_are_located)
{
	static const struct {
		const char *page, *message;
	} cases[] = {
		{ "\"optimizer\": \"gd\", \"over\": {\"beta\": [0, 0.9]}, \"target\": \"fastest\"",
		  "gd has no setting \"beta\" (it has lr)" },
		{ "\"optimizer\": \"gd\", \"over\": {\"lr\": [0.1, 0.01]}, \"target\": \"fastest\"",
		  "\"lr\" goes from a lower to a higher value" },
		{ "\"optimizer\": \"gd\", \"over\": {\"lr\": [0.01, 0.1]}, \"target\": \"slowest\"",
		  "\"target\" is \"fastest\"" },
		{ "\"optimizer\": \"gd\", \"over\": {\"lr\": [0.01, 0.1]}, \"target\": \"edge\", "
		  "\"cells\": [1]", "each of \"cells\" is a whole number from 2 to 200" },
		{ "\"optimizer\": \"momentum\", \"over\": {\"lr\": [0.01, 0.1], \"beta\": [0, 0.5], "
		  "\"rho\": [0, 1]}, \"target\": \"edge\"", "a map covers two settings at most" },
		{ "\"optimizer\": \"momentum\", \"over\": {\"lr\": [0.01, 0.1]}, \"target\": \"edge\", "
		  "\"cells\": [10, 10]", "\"cells\" gives the cells of each setting" },
		{ "\"optimizer\": \"gd\", \"over\": {}, \"target\": \"edge\"",
		  "\"over\" must be an object of one or two settings" },
		{ "\"optimizer\": \"momentum\", \"over\": {\"lr\": [0.01, 0.1], \"beta\": [0, 0.5]}, "
		  "\"target\": \"edge\", \"cells\": [200, 200], \"steps\": 1000",
		  "this map's runs take up to 40000000 steps (its cells times \"steps\"), past the "
		  "4000000" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		struct diags ds;
		struct lesson_chapter *c;

		snprintf(text, sizeof text, "{\"id\": \"m\", \"title\": \"M\", \"order\": 1, "
			 "\"summary\": \"M.\", \"pages\": [{\"kind\": \"map\", \"function\": "
			 "\"x^2\", \"start\": [1], \"question\": \"Q?\", %s}]}", cases[i].page);
		diags_init(&ds);
		c = lesson_parse(text, strlen(text), "m.json", &ds);
		cr_expect_null(c, "case %zu loaded", i);
		cr_expect(ds.n >= 1 && strstr(ds.d[0].message, cases[i].message) != NULL &&
			  ds.d[0].line == 1 && ds.d[0].column > 100, "case %zu: %d:%d: %s", i,
			  ds.n ? ds.d[0].line : 0, ds.n ? ds.d[0].column : 0,
			  ds.n ? ds.d[0].message : "(none)");
		lesson_chapter_free(c);
		diags_done(&ds);
	}
}
