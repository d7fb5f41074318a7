/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-runner.c - a chapter driven headless: every page kind
 * loaded, and the page runner judging answers right and wrong, hints,
 * locate within and outside the tolerance, a challenge met and missed,
 * descent pages stepped, all recorded in the progress; and the claims of
 * a page proved, or refused with their location.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"

static const char chapter[] =
	"{\n"
	"  \"id\": \"wells\", \"title\": \"Wells\", \"order\": 3, \"summary\": \"Two wells.\",\n"
	"  \"pages\": [\n"
	"    {\"kind\": \"text\", \"title\": \"T\", \"body\": \"Hello *there*.\", \"hint\": \"h0\"},\n"
	"    {\"kind\": \"plot\", \"function\": \"x^4 - 8*x^2 + 5\", \"x\": [-3, 3],\n"
	"     \"show\": [\"critical\", \"tangent\"], \"tangent\": 1,\n"
	"     \"check\": [{\"critical_points\": [{\"at\": [-2], \"kind\": \"minimum\", \"f\": -11},\n"
	"                 {\"at\": [0], \"kind\": \"maximum\", \"f\": 5},\n"
	"                 {\"at\": [2], \"kind\": \"minimum\", \"f\": -11}]},\n"
	"                {\"global_minimum\": {\"at\": [2], \"f\": -11}},\n"
	"                {\"convex\": false}, {\"value\": {\"at\": [1], \"f\": -2}}]},\n"
	"    {\"kind\": \"descent\", \"function\": \"x^2\", \"start\": [1],\n"
	"     \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.1}, {\"optimizer\": \"momentum\"}],\n"
	"     \"steps\": 500, \"check\": [{\"converges_to\": [0]}, {\"stops_at\": \"minimum\"}]},\n"
	"    {\"kind\": \"quiz\", \"question\": \"Q?\", \"choices\": [\"a\", \"b\", \"c\"],\n"
	"     \"answer\": [0, 2], \"hint\": \"two of them\", \"explain\": \"because\"},\n"
	"    {\"kind\": \"numeric\", \"question\": \"f(2)?\", \"answer\": -11, \"tolerance\": 0.5,\n"
	"     \"function\": \"x^4 - 8*x^2 + 5\", \"verify\": {\"value_at\": [2]}},\n"
	"    {\"kind\": \"locate\", \"function\": \"x^2 - y^2 + 0.1*x^4 + 0.1*y^4\",\n"
	"     \"x\": [-4, 4], \"y\": [-4, 4], \"target\": \"saddle\", \"tolerance\": 0.3},\n"
	"    {\"kind\": \"challenge\", \"function\": \"(x^2+y-11)^2+(x+y^2-7)^2\",\n"
	"     \"start\": [0, 0], \"optimizers\": [\"gd\"], \"lr\": [0.0001, 0.02],\n"
	"     \"goal\": {\"point\": [3, 2], \"within\": 0.05, \"steps\": 300}},\n"
	"    {\"kind\": \"descent\", \"function\": \"x^2\", \"start\": [1],\n"
	"     \"runs\": [{\"optimizer\": \"gd\", \"lr\": 1.5}], \"check\": [{\"diverges\": true}]}\n"
	"  ]\n"
	"}\n";

static struct lesson_chapter *
load(const char *text, struct diags *ds)
{
	return lesson_parse(text, strlen(text), "wells.json", ds);
}

Test(lesson_load, every_page_kind)
{
	struct diags ds;
	struct lesson_chapter *c;

	diags_init(&ds);
	c = load(chapter, &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c, "the chapter must load");
	cr_assert_str_eq(c->id, "wells");
	cr_assert_eq(c->order, 3);
	cr_assert_eq(c->npages, 8);
	cr_assert_eq(c->pages[0].kind, PAGE_TEXT);
	cr_assert_str_eq(c->pages[0].body, "Hello *there*.");
	cr_assert_eq(c->pages[1].kind, PAGE_PLOT);
	cr_assert_eq(c->pages[1].plot.show, PLOT_OV_CRITICAL | PLOT_OV_TANGENT);
	cr_assert_eq(c->pages[1].plot.tangent, 1);
	cr_assert_eq(c->pages[1].x[0], -3);
	cr_assert_eq(c->pages[1].nclaims, 4);
	cr_assert_eq(c->pages[2].descent.nruns, 2);
	cr_assert_eq(c->pages[2].descent.runs[0].opt, &opt_gd);
	cr_assert_eq(c->pages[2].descent.runs[0].params.lr, 0.1);
	cr_assert_eq(c->pages[2].descent.runs[1].params.beta, 0.9, "defaults fill the rest");
	cr_assert_eq(c->pages[2].descent.steps, 500);
	cr_assert_eq(c->pages[3].quiz.answers, 5u);
	cr_assert_eq(c->pages[3].quiz.nchoices, 3);
	cr_assert_eq(c->pages[4].numeric.answer, -11);
	cr_assert_eq(c->pages[5].locate.target, TARGET_SADDLE);
	cr_assert_eq(c->pages[6].challenge.nallowed, 1);
	cr_assert_eq(c->pages[6].challenge.max_steps, 300);
	cr_assert_eq(ds.errors, 0);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_check, true_claims_are_proved)
{
	struct diags ds;
	struct lesson_chapter *c;

	diags_init(&ds);
	c = load(chapter, &ds);
	cr_assert_not_null(c);
	cr_assert_eq(lesson_check(c, &ds), 0);
	diags_print(&ds, stderr);
	cr_assert_eq(ds.errors, 0);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_check, wrong_claims_are_located)
{
	struct diags ds;
	struct lesson_chapter *c;
	char *bad = strdup(chapter), *at;

	/* f(1) = -2 becomes -3: the value claim is wrong, at line 11 */
	at = strstr(bad, "\"f\": -2}");
	cr_assert_not_null(at);
	at[6] = '3';
	diags_init(&ds);
	c = load(bad, &ds);
	cr_assert_not_null(c);
	cr_assert_eq(lesson_check(c, &ds), 1);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.d[0].line, 11);
	cr_assert_eq(ds.d[0].column, 36);
	cr_assert_str_eq(ds.d[0].message, "the claim is wrong: f at 1 is -2, not -3");
	lesson_chapter_free(c);
	diags_done(&ds);
	free(bad);
}

Test(lesson_runner, answers_hints_and_progress)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	struct progress prog;
	char dir[] = "/tmp/descent-runner-XXXXXX", path[256];
	const struct page_progress *pp;
	double right[2] = { 0, 0 }, off[2] = { 0, 1.5 }, far[1] = { 2.2 }, near[1] = { 2.3 };

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/progress.json", dir);
	diags_init(&ds);
	c = load(chapter, &ds);
	cr_assert_not_null(c);
	progress_load(&prog, path, &ds);
	runner_init(&r, c, &prog, &ds);

	cr_assert_eq(runner_goto(&r, 0), 0);
	cr_assert_str_eq(runner_hint(&r), "h0");
	cr_assert_eq(progress_page(&prog, "wells", 0)->hints, 1);

	/* the quiz: two right choices of three */
	runner_goto(&r, 3);
	cr_assert_eq(runner_quiz(&r, 1u), ANSWER_WRONG);
	cr_assert_str_eq(r.feedback, "Not quite. Some of your choices are right, not all of them.");
	cr_assert_eq(runner_quiz(&r, 2u), ANSWER_WRONG);
	cr_assert_eq(runner_quiz(&r, 8u), ANSWER_INVALID, "there is no fourth choice");
	cr_assert_eq(runner_quiz(&r, 5u), ANSWER_RIGHT);
	pp = progress_page(&prog, "wells", 3);
	cr_assert_eq(pp->attempts, 3);
	cr_assert(pp->correct && pp->seen);

	/* numeric, within and outside the tolerance */
	runner_goto(&r, 4);
	cr_assert_eq(runner_numeric(&r, -10), ANSWER_WRONG);
	cr_assert_eq(runner_numeric(&r, -11.4), ANSWER_RIGHT);
	cr_assert_eq(runner_numeric(&r, NAN), ANSWER_INVALID);

	/* locate the saddle at (0, 0); (0, 1.5) is near no point */
	runner_goto(&r, 5);
	cr_assert_eq(runner_locate(&r, off), ANSWER_WRONG);
	cr_assert_eq(runner_locate(&r, right), ANSWER_RIGHT);

	/* a challenge missed, then met */
	runner_goto(&r, 6);
	cr_assert_eq(runner_challenge(&r, &opt_momentum, 0.01), ANSWER_INVALID);
	cr_assert_eq(runner_challenge(&r, &opt_gd, 0.5), ANSWER_INVALID, "lr out of range");
	cr_assert_eq(runner_challenge(&r, &opt_gd, 0.0001), ANSWER_WRONG);
	cr_assert_not_null(strstr(r.feedback, "still"), "%s", r.feedback);
	cr_assert_eq(runner_challenge(&r, &opt_gd, 0.01), ANSWER_RIGHT);
	cr_assert(progress_page(&prog, "wells", 6)->correct);

	/* descent pages: two runs stepped to their ends */
	runner_goto(&r, 2);
	cr_assert_eq(r.nruns, 2);
	while (runner_descent_step(&r) > 0)
		;
	cr_assert_eq(run_trajectory(r.runs[0])->outcome, RUN_CONVERGED);
	cr_assert_eq(run_trajectory(r.runs[1])->outcome, RUN_CONVERGED);
	runner_descent_reset(&r);
	cr_assert_eq(run_trajectory(r.runs[0])->len, 0, "reset starts again");

	/* the locate page of a 1D function: near a minimum is not the maximum */
	(void)far;
	(void)near;
	runner_done(&r);

	/* everything was saved: load it again */
	{
		struct progress again;
		progress_load(&again, path, &ds);
		cr_assert_str_eq(again.last_chapter, "wells");
		cr_assert_eq(again.last_page, 2);
		cr_assert_eq(progress_page(&again, "wells", 3)->attempts, 3);
		cr_assert_eq(progress_page(&again, "wells", 0)->hints, 1);
		progress_done(&again);
	}
	cr_assert_eq(ds.errors, 0);
	progress_reset(&prog, &ds);
	progress_done(&prog);
	lesson_chapter_free(c);
	diags_done(&ds);
	rmdir(dir);
}

Test(lesson_runner, without_progress)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;

	diags_init(&ds);
	c = load(chapter, &ds);
	runner_init(&r, c, NULL, NULL);
	cr_assert_eq(runner_goto(&r, 99), 7, "clamped to the last page");
	cr_assert_eq(runner_quiz(&r, 1u), ANSWER_INVALID, "not a quiz page");
	runner_goto(&r, 3);
	cr_assert_eq(runner_quiz(&r, 5u), ANSWER_RIGHT);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* The caption of a page's figure: the function, or the cost of the data. */
Test(lesson_runner, captions)
{
	static const char data_chapter[] =
		"{\"id\": \"fit\", \"title\": \"Fit\", \"order\": 1, \"summary\": \"A line.\",\n"
		" \"pages\": [\n"
		" {\"kind\": \"plot\", \"x\": [-3, 3], \"y\": [0, 4],\n"
		"  \"data\": {\"columns\": [\"x\", \"y\"], \"points\": [[1, 2], [2, 3.5], [3, 6]],\n"
		"           \"model\": \"w0 + w1*x\", \"loss\": \"mse\"}}]}\n";
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char buf[256];

	diags_init(&ds);
	c = load(chapter, &ds);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	runner_caption(&r, buf, sizeof buf);
	cr_assert_str_eq(buf, "", "a text page has no figure");
	runner_goto(&r, 1);
	runner_caption(&r, buf, sizeof buf);
	cr_assert_str_eq(buf, "f(x) = x^4 - 8*x^2 + 5");
	runner_goto(&r, 5);
	runner_caption(&r, buf, sizeof buf);
	cr_assert_str_eq(buf, "f(x, y) = x^2 - y^2 + 0.1*x^4 + 0.1*y^4");
	runner_caption(&r, buf, 8);
	cr_assert_str_eq(buf, "f(x, y)", "cut to the buffer");
	buf[0] = 'X';
	runner_caption(&r, buf, 0);
	cr_assert_eq(buf[0], 'X', "a buffer of size 0 is not written");
	runner_done(&r);
	lesson_chapter_free(c);

	c = lesson_parse(data_chapter, strlen(data_chapter), "fit.json", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	runner_caption(&r, buf, sizeof buf);
	cr_assert_str_eq(buf, "J(w0, w1) = mse of w0 + w1*x over 3 points");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* A run of a descent page in words: going, ended, diverged. */
Test(lesson_runner, run_text)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char head[200], tail[200];

	diags_init(&ds);
	c = load(chapter, &ds);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 2);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,lr=0.1: step 0,");
	cr_assert_str_eq(tail, "at (1), f = 1");
	runner_descent_step(&r);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,lr=0.1: step 1,");
	cr_assert_str_eq(tail, "at (0.8), f = 0.64");
	while (runner_descent_step(&r) > 0)
		;
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert(strncmp(head, "gd,lr=0.1: converged at step ", 29) == 0, "%s", head);
	cr_assert(strncmp(tail, "at (4.01735e-07), f = 1.6", 25) == 0,
		  "converged where |grad| < 1e-6: %s", tail);
	runner_goto(&r, 7);
	while (runner_descent_step(&r) > 0)
		;
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert(strncmp(head, "gd,lr=1.5: diverged at step ", 28) == 0, "%s", head);
	cr_assert_str_eq(tail, "");
	/* where the run left the view: after its step, before the reason */
	runner_run_text(&r, 0, 3, head, sizeof head, tail, sizeof tail);
	cr_assert(strstr(head, " (left the view at step 3): ") != NULL &&
		  strncmp(head, "gd,lr=1.5: diverged at step ", 28) == 0, "%s", head);
	runner_run_text(&r, 5, -1, head, sizeof head, tail, sizeof tail);
	cr_assert(head[0] == '\0' && tail[0] == '\0', "no such run");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* An interactive descent page: the learner's start and rates; others refuse them. */
Test(lesson_runner, interactive_descent)
{
	static const char play[] =
		"{\"id\": \"play\", \"title\": \"Play\", \"order\": 1, \"summary\": \"S.\",\n"
		" \"pages\": [\n"
		"  {\"kind\": \"descent\", \"function\": \"x^2 + 3*y^2\", \"start\": [1, 1],\n"
		"   \"interactive\": true, \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.1},\n"
		"   {\"optimizer\": \"momentum\", \"lr\": 0.05, \"label\": \"heavy ball\"}]},\n"
		"  {\"kind\": \"descent\", \"function\": \"x^2\", \"start\": [1],\n"
		"   \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.1}]}]}\n";
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char head[200], tail[200];
	double at[2] = { -2, 0.5 };
	int i;

	diags_init(&ds);
	c = lesson_parse(play, strlen(play), "play.json", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "heavy ball: step 0,", "the page's own label");
	cr_assert_eq(runner_descent_start(&r, at), 0);
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, 1), 0, "every rate doubled");
	cr_assert_eq(r.nruns, 2);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,lr=0.2: step 0,", "the rate doubled, and said");
	cr_assert_str_eq(tail, "at (-2, 0.5), f = 4.75", "from the learner's start");
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "momentum,lr=0.1: step 0,", "a label with the rate it runs at");
	runner_descent_step(&r);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(tail, "at (-1.2, -0.1), f = 1.47", "one step at lr 0.2: %s", tail);
	for (i = 0; i < 5; i++)
		cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, 1), 0);
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, 1), -3, "128 times is too much");
	for (i = 0; i < 6; i++)
		cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, -1), 0);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,lr=0.1: step 0,", "back at the page's rate: %s", head);
	cr_assert_str_eq(tail, "at (-2, 0.5), f = 4.75", "the start stays the learner's");
	cr_assert_eq(runner_descent_turn(&r, 0, RUN_SET_NOISE, 1), -1,
		     "interactive: true offers the rates and the start only");
	runner_goto(&r, 1);
	cr_assert_eq(runner_descent_start(&r, at), -1, "a page that is not interactive");
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, 1), -1, "nor its rates");
	runner_goto(&r, 0);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(tail, "at (1, 1), f = 4", "back on the page: its own start");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* Runs with their own starts: each is drawn, told and checked from its start. */
Test(lesson_runner, runs_with_their_own_starts)
{
	static const char valleys[] =
		"{\"id\": \"v\", \"title\": \"V\", \"order\": 1, \"summary\": \"S.\",\n"
		" \"pages\": [\n"
		"  {\"kind\": \"descent\", \"function\": \"(x^2+y-11)^2 + (x+y^2-7)^2\",\n"
		"   \"interactive\": true, \"steps\": 2000, \"runs\": [\n"
		"    {\"optimizer\": \"gd\", \"lr\": 0.01, \"start\": [1, 1]},\n"
		"    {\"optimizer\": \"gd\", \"lr\": 0.01, \"start\": [-1, 0]}],\n"
		"   \"check\": [{\"converges_to\": [3, 2]},\n"
		"             {\"converges_to\": [-2.80512, 3.13131], \"run\": 1}]}]}\n";
	static const char missing[] =
		"{\"id\": \"m\", \"title\": \"M\", \"order\": 1, \"summary\": \"S.\",\n"
		" \"pages\": [{\"kind\": \"descent\", \"function\": \"x^2\", \"runs\": [\n"
		"    {\"optimizer\": \"gd\", \"start\": [1]}, {\"optimizer\": \"momentum\"}]}]}\n";
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char head[200], tail[200];
	double at[2] = { -3, -3 };

	diags_init(&ds);
	c = lesson_parse(valleys, strlen(valleys), "v.json", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c, "a page without a start, its runs with theirs");
	cr_assert_eq(c->pages[0].descent.runs[1].nstart, 2);
	cr_assert_eq(lesson_check(c, &ds), 0, "each run's claim is proved from its own start");
	cr_assert_eq(ds.errors, 0);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(tail, "at (1, 1), f = 106");
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(tail, "at (-1, 0), f = 164");
	cr_assert_eq(runner_descent_start(&r, at), 0);
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(tail, "at (-3, -3), f = 26", "the learner's start is every run's");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);

	diags_init(&ds);
	c = lesson_parse(missing, strlen(missing), "m.json", &ds);
	cr_assert_null(c, "a run without a start on a page without one");
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.d[0].line, 3);
	cr_assert_str_eq(ds.d[0].message, "this run has no \"start\", and the page neither: "
			 "give the page one, or each run its own");
	diags_done(&ds);
}

Test(lesson_course, broken_files_do_not_hide_others)
{
	struct diags ds;
	struct lesson_course co;
	char dir[] = "/tmp/descent-course-XXXXXX", a[300], b[300], d[300];
	FILE *fp;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(a, sizeof a, "%s/a.json", dir);
	snprintf(b, sizeof b, "%s/b.json", dir);
	snprintf(d, sizeof d, "%s/c.json", dir);
	fp = fopen(a, "w");
	fputs(chapter, fp);
	fclose(fp);
	fp = fopen(b, "w");
	fputs("{\"id\": \"b\",", fp);
	fclose(fp);
	fp = fopen(d, "w");     /* the same id as a.json */
	fputs(chapter, fp);
	fclose(fp);
	diags_init(&ds);
	lesson_course_load(&co, dir, NULL, 0, &ds);
	cr_assert_eq(co.n, 1);
	cr_assert_eq(co.nbroken, 2);
	cr_assert_eq(ds.errors, 2);
	cr_assert_not_null(strstr(ds.d[1].message, "the id \"wells\" is taken by"));
	cr_assert_eq(lesson_course_find(&co, "wel"), co.chapters[0], "a prefix finds it");
	cr_assert_eq(lesson_course_find(&co, "1"), co.chapters[0], "so does its number");
	cr_assert_null(lesson_course_find(&co, "nope"));
	lesson_course_done(&co);
	diags_done(&ds);
	remove(a);
	remove(b);
	remove(d);
	rmdir(dir);
}

/* Found by fuzz-lesson: the comment message read past a buffer that ends
 * at the '/'. The buffer here has no terminator and a non-NUL byte after it. */
Test(lesson_load, comment_at_end_of_buffer)
{
	struct diags ds;
	char buf[3] = { '/', 'X', 'Y' };

	diags_init(&ds);
	cr_assert_null(lesson_parse(buf, 1, "c.json", &ds));
	cr_assert_eq(ds.errors, 1);
	cr_assert_not_null(strstr(ds.d[0].message, "remove the \"/...\""), "%s", ds.d[0].message);
	diags_done(&ds);
}

/* "controls": each run's settings, turned one run at a time or all together. */
Test(lesson_runner, controls_turn_each_runs_settings)
{
	static const char page[] =
		"{\"id\": \"c\", \"title\": \"C\", \"order\": 1, \"summary\": \"S.\",\n"
		" \"pages\": [\n"
		"  {\"kind\": \"descent\", \"function\": \"x^2 + 3*y^2\", \"start\": [1, 1],\n"
		"   \"controls\": [\"beta\", \"noise\"], \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.1},\n"
		"   {\"optimizer\": \"momentum\", \"lr\": 0.05}]},\n"
		"  {\"kind\": \"descent\", \"data\": {\"model\": \"w*x\", \"columns\": [\"x\", \"y\"],\n"
		"   \"points\": [[1, 2], [2, 4], [3, 6], [4, 8]]}, \"start\": [0], \"batch\": 2, \"controls\": [\"batch\"],\n"
		"   \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.01}]}]}\n";
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char head[200], tail[200];
	double at[2] = { 0, 0 };

	diags_init(&ds);
	c = lesson_parse(page, strlen(page), "c.json", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	cr_assert_eq(runner_descent_start(&r, at), -1, "the start is not one of its controls");
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_LR, 1), -1, "nor the rate");
	cr_assert_eq(runner_descent_turn(&r, 0, RUN_SET_BETA, 1), -2, "gd has no beta");
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_BETA, 1), 0, "momentum has");
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "momentum,beta=0.95: step 0,", "%s", head);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,lr=0.1: step 0,", "gd untouched: %s", head);
	cr_assert_eq(runner_descent_turn(&r, 0, RUN_SET_NOISE, 1), 0, "run 0 alone");
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,noise=0.001: step 0,", "%s", head);
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "momentum,beta=0.95: step 0,", "run 1 keeps its noise: %s", head);
	cr_assert_eq(runner_descent_turn(&r, 0, RUN_SET_NOISE, -1), 0);
	cr_assert_eq(runner_descent_turn(&r, 0, RUN_SET_NOISE, -1), -3, "no less than 0");
	runner_goto(&r, 1);
	cr_assert_eq(runner_examples(&r), 4);
	cr_assert_eq(r.cfg[0].batch, 2, "the page's batch");
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_BATCH, 1), 0);
	runner_run_text(&r, 0, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "gd,batch=0: step 0,", "all four examples: %s", head);
	cr_assert_eq(runner_descent_turn(&r, -1, RUN_SET_BATCH, 1), -3, "all is the most");
	runner_goto(&r, 0);
	runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
	cr_assert_str_eq(head, "momentum,lr=0.05: step 0,", "back on the page: its settings");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* A network page and a challenge of loss, driven as the screen drives them. */
static const char networks[] =
	"{\"id\": \"nets\", \"title\": \"Nets\", \"order\": 1, \"summary\": \"Networks.\",\n"
	" \"pages\": [\n"
	"  {\"kind\": \"network\", \"title\": \"N\", \"seed\": 1, \"steps\": 500,\n"
	"   \"data\": {\"set\": \"sine,n=40\", \"model\": \"mlp:1-8-1:tanh\", \"split\": [0.2, 0.2]},\n"
	"   \"runs\": [{\"optimizer\": \"adam\", \"lr\": 0.05}, {\"optimizer\": \"gd\", \"lr\": 0.1}]},\n"
	"  {\"kind\": \"challenge\", \"title\": \"C\", \"seed\": 1, \"question\": \"Which?\",\n"
	"   \"data\": {\"set\": \"sine,n=40\", \"model\": \"mlp:1-8-1:tanh\", \"split\": [0.2, 0.2]},\n"
	"   \"optimizers\": [\"gd\", \"adam\"], \"lr\": [0.001, 0.3], \"batches\": [4, 24],\n"
	"   \"inits\": [\"zeros\", \"glorot\"], \"goal\": {\"loss\": 0.03, \"on\": \"test\", \"steps\": 300}}\n"
	" ]}\n";

Test(lesson_runner, network_pages_and_a_challenge_of_loss)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	double loss[3];
	char right[128], wrong[128];

	diags_init(&ds);
	c = lesson_parse(networks, strlen(networks), "nets.json", &ds);
	cr_assert_not_null(c, "%s", ds.n ? ds.d[0].message : "");
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	cr_assert_eq(r.nruns, 2);
	cr_assert_not_null(r.val);
	cr_assert_not_null(r.test);
	/* both runs start from one Glorot draw: the same losses */
	cr_assert_eq(runner_network_losses(&r, 0, loss), 0);
	cr_assert_float_eq(loss[0], 0.38357, 1e-5);
	cr_assert_float_eq(loss[1], 0.499539, 1e-6);
	cr_assert_eq(runner_network_losses(&r, 2, loss), -1, "no third run");
	while (runner_descent_step(&r) > 0)
		;
	/* where they end: the numbers that tests/lessons/networks claims */
	runner_network_losses(&r, 0, loss);
	cr_assert_float_eq(loss[0], 0.0148626, 1e-6);
	cr_assert_float_eq(loss[1], 0.0238878, 1e-6);
	cr_assert_float_eq(loss[2], 0.0107621, 1e-6);
	{
		char head[240], tail[200];
		runner_run_text(&r, 1, -1, head, sizeof head, tail, sizeof tail);
		cr_assert_str_eq(head, "gd,lr=0.1: stopped at the step limit (500 steps),");
		cr_assert_str_eq(tail, "J = 0.0157959, validation 0.0155544, test 0.0109503");
	}

	/* the challenge: the preset (gd, 0.001, batch 4, zeros) misses */
	runner_goto(&r, 1);
	cr_assert_eq(runner_challenge(&r, &opt_gd, 0.001), ANSWER_WRONG);
	cr_assert_str_eq(r.feedback, "Not quite. After 300 steps its test loss is still 0.2876 "
			 "(it must be 0.03 or less).");
	cr_assert_eq(runner_challenge_with(&r, &opt_adam, 0.05, 2, 0), ANSWER_INVALID,
		     "no third batch size");
	cr_assert_eq(runner_challenge_with(&r, &opt_adam, 0.05, 0, 2), ANSWER_INVALID,
		     "no third init");
	/* zeros: a tanh network whose hidden units never move */
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 batch all init zeros"), ANSWER_WRONG);
	cr_assert_not_null(strstr(r.feedback, "After 132 steps"), "%s", r.feedback);
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 batch 4 init glorot"), ANSWER_RIGHT);
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 batch 7"), ANSWER_INVALID);
	/* 24, the training points: all of them */
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 batch 24 init zeros"), ANSWER_WRONG);
	cr_assert_not_null(strstr(r.feedback, "After 132 steps"), "%s", r.feedback);
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 init ones"), ANSWER_INVALID);
	cr_assert_eq(runner_answer_text(&r, "adam 0.05 batch 4 extra"), ANSWER_INVALID);
	/* the key: a setting the check finds, and the preset */
	cr_assert_eq(runner_key(&r, right, sizeof right, wrong, sizeof wrong), 0);
	cr_assert_str_eq(wrong, "gd 0.001 batch 4 init zeros");
	cr_assert_eq(runner_answer_text(&r, right), ANSWER_RIGHT, "%s", right);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

/* What a results page tells: right at the first try, challenges met, kept on disk. */
Test(lesson_runner, results_from_the_progress)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	struct progress prog;
	char dir[] = "/tmp/descent-results-XXXXXX", path[256], buf[1024];
	double right[2] = { 0, 0 };

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/progress.json", dir);
	diags_init(&ds);
	c = load(chapter, &ds);
	cr_assert_not_null(c);
	progress_load(&prog, path, &ds);
	runner_init(&r, c, &prog, &ds);
	runner_results_text(&r, 80, buf, sizeof buf);
	cr_assert_str_eq(buf,
		"      Chapter                                           first try challenges met\n"
		"   1  Wells                                                   0/3            0/1\n"
		"      This chapter                                            0/3            0/1\n");
	/* the quiz wrong, then right: not at the first try */
	runner_goto(&r, 3);
	runner_quiz(&r, 1u);
	runner_quiz(&r, 5u);
	/* the numeric and the locate right at once */
	runner_goto(&r, 4);
	runner_numeric(&r, -11.4);
	runner_numeric(&r, -10);        /* a wrong try after the right one changes nothing */
	runner_goto(&r, 5);
	runner_locate(&r, right);
	/* the challenge missed, then met */
	runner_goto(&r, 6);
	runner_challenge(&r, &opt_gd, 0.0001);
	runner_challenge(&r, &opt_gd, 0.01);
	runner_results_text(&r, 80, buf, sizeof buf);
	cr_assert_not_null(strstr(buf, "   1  Wells                                                   2/3"
				       "            1/1\n"), "%s", buf);
	cr_assert(progress_page(&prog, "wells", 4)->first);
	cr_assert(!progress_page(&prog, "wells", 3)->first);
	runner_done(&r);
	progress_done(&prog);
	/* kept in the file, and read back */
	progress_load(&prog, path, &ds);
	cr_assert(progress_page(&prog, "wells", 4)->first);
	cr_assert(progress_page(&prog, "wells", 5)->first);
	cr_assert(!progress_page(&prog, "wells", 3)->first);
	progress_done(&prog);
	lesson_chapter_free(c);
	diags_done(&ds);
	unlink(path);
	rmdir(dir);
}
