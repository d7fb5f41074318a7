/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-formula.c - formula pages: the equivalence rule (the same
 * function in other spellings is right, another is not, a learner's
 * answer undefined where the lesson's is defined is not), the feedback
 * of expected wrong answers and the counterexample, other spellings of
 * variables, the sampling intervals, parse errors with their column, and
 * what lessons --check proves.
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"

static struct lesson_chapter *
parse(const char *text, struct diags *ds)
{
	diags_init(ds);
	return lesson_parse(text, strlen(text), "f.json", ds);
}

static const char chapter[] =
	"{\"id\": \"f\", \"title\": \"F\", \"order\": 1, \"summary\": \"S.\", \"pages\": [\n"
	" {\"kind\": \"formula\", \"question\": \"Q?\", \"derivative_of\": \"log(x) + x^2\",\n"
	"  \"sample\": {\"x\": [0.5, 4]}, \"answer\": \"1/x + 2*x\",\n"
	"  \"wrong\": [{\"answer\": \"2*x\", \"feedback\": \"log has a derivative too.\"}]},\n"
	" {\"kind\": \"formula\", \"question\": \"Q?\", \"answer\": \"w - eta*2*w\",\n"
	"  \"names\": {\"eta\": [\"lr\"]}, \"sample\": {\"eta\": [0, 1]}}]}\n";

Test(formula, equivalent_spellings_are_right)
{
	struct diags ds;
	struct lesson_chapter *c = parse(chapter, &ds);
	struct lesson_runner r;

	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	cr_assert_eq(lesson_check(c, &ds), 0, "the answer is the derivative");
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	cr_assert_eq(runner_formula(&r, "2x + 1/x"), ANSWER_RIGHT);
	cr_assert_eq(runner_formula(&r, "(2*x^2 + 1)/x"), ANSWER_RIGHT);
	cr_assert_eq(runner_formula(&r, "  x^-1 + x + x"), ANSWER_RIGHT, "leading blanks");
	cr_assert_eq(runner_formula(&r, "2*x"), ANSWER_WRONG);
	cr_assert_str_eq(r.feedback, "Not quite. log has a derivative too.");
	cr_assert_eq(runner_formula(&r, "1/x + 2*x + 1e-6"), ANSWER_WRONG, "1e-6 is seen");
	cr_assert_str_eq(r.feedback, "Not quite. At x = 1 yours gives 3.000001; the derivative is 3.",
			 "%s", r.feedback);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(formula, undefined_where_the_answer_is_defined_is_wrong)
{
	struct diags ds;
	struct lesson_chapter *c = parse(chapter, &ds);
	struct lesson_runner r;

	cr_assert_not_null(c);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	/* equal to the answer on x > 1, not finite below */
	cr_assert_eq(runner_formula(&r, "1/x + 2*x + log(x - 1) - log(x - 1)"), ANSWER_WRONG);
	cr_assert(strstr(r.feedback, "yours is not defined") != NULL, "%s", r.feedback);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(formula, parse_errors_and_unknown_names)
{
	struct diags ds;
	struct lesson_chapter *c = parse(chapter, &ds);
	struct lesson_runner r;

	cr_assert_not_null(c);
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	cr_assert_eq(runner_formula(&r, "2*x +"), ANSWER_INVALID);
	cr_assert_eq(r.invalid_column, 6, "after the '+': %d", r.invalid_column);
	cr_assert_eq(runner_formula(&r, "2*y"), ANSWER_INVALID, "y is no variable here");
	cr_assert(strstr(r.invalid, "'y'") != NULL, "%s", r.invalid);
	cr_assert_eq(runner_formula(&r, ""), ANSWER_INVALID);
	runner_goto(&r, 1);
	cr_assert_eq(runner_formula(&r, "w*(1 - 2*lr)"), ANSWER_RIGHT, "lr spells eta");
	cr_assert_eq(runner_formula(&r, "w*(1 - 2*eta)"), ANSWER_RIGHT);
	cr_assert_eq(runner_formula(&r, "w - lr*w"), ANSWER_WRONG);
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(formula, check_proves_the_answer_and_the_wrong_ones)
{
	static const char bad[] =
		"{\"id\": \"f\", \"title\": \"F\", \"order\": 1, \"summary\": \"S.\", \"pages\": [\n"
		" {\"kind\": \"formula\", \"question\": \"Q?\", \"derivative_of\": \"sin(x)\",\n"
		"  \"answer\": \"-cos(x)\",\n"
		"  \"wrong\": [{\"answer\": \"-sin(x + pi/2) + 0\", \"feedback\": \"F.\"}]},\n"
		" {\"kind\": \"formula\", \"question\": \"Q?\", \"answer\": \"sqrt(x)\"},\n"
		" {\"kind\": \"formula\", \"question\": \"Q?\", \"answer\": \"sqrt(x)\",\n"
		"  \"sample\": {\"x\": [0, 9]}}]}\n";
	struct diags ds;
	struct lesson_chapter *c = parse(bad, &ds);

	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	cr_assert_eq(lesson_check(c, &ds), 3, "the sign, the wrong answer that is right, the "
		     "square root of negative numbers; %d", ds.errors);
	cr_assert(strstr(ds.d[0].message, "is not the derivative, cos(x)") != NULL, "%s",
		  ds.d[0].message);
	cr_assert(strstr(ds.d[1].message, "equivalent to the answer") != NULL);
	cr_assert(strstr(ds.d[2].message, "finite at 33 of the 64") != NULL, "%s",
		  ds.d[2].message);
	lesson_chapter_free(c);
	diags_done(&ds);
}
