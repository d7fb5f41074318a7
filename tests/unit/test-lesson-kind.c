/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-kind.c - the table of page kinds.  A throw-away kind, made
 * here and registered at run time, is read, validated, checked, entered,
 * asked and freed by the library without a change anywhere else: the
 * proof that a kind is one entry of the table and one file.  And the
 * built-in kinds' entries are consistent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

/* --- the throw-away kind: a remark, and a yes-or-no question on it --- */

struct aside {
	char *remark;
	int yes;                        /* the right answer */
};

static int entered;

static void
aside_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct aside *n = xcalloc(1, sizeof *n);

	p->data = n;
	n->remark = get_string(L, po, "remark", 1, what);
	get_bool(L, po, "yes", &n->yes);
	p->question = get_string(L, po, "question", 0, what);
}

static void
aside_free(struct lesson_page *p)
{
	struct aside *n = p->data;

	if (n != NULL)
		free(n->remark);
	free(n);
}

/* A remark must say something: a check the kind makes of its own. */
static void
aside_check(struct checker *k, const struct lesson_page *p, const struct check_env *e)
{
	const struct aside *n = p->data;

	(void)e;
	if (n->remark != NULL && n->remark[0] == '\0')
		check_wrong(k, p->line, p->column, "the remark is empty");
}

static void
aside_enter(struct lesson_runner *r)
{
	(void)r;
	entered++;
}

static int
aside_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	(void)r;
	snprintf(buf, size, "yes or no? ");
	return 1;
}

static enum answer
aside_answer_text(struct lesson_runner *r, const char *line)
{
	const struct aside *n = RUNNER_PAGE(r)->data;

	if (strcmp(line, "yes") != 0 && strcmp(line, "no") != 0)
		return ANSWER_INVALID;
	return runner_judge(r, (strcmp(line, "yes") == 0) == n->yes, "");
}

static const struct page_kind_def page_kind_aside = {
	.name = "aside",
	.members = (const char *const[]){ "remark", "yes", "question", "function", NULL },
	.flags = PK_ASKS | PK_MAY_OBJECTIVE,
	.read = aside_read,
	.free = aside_free,
	.check = aside_check,
	.enter = aside_enter,
	.prompt = aside_prompt,
	.answer_text = aside_answer_text,
};

static int
aside_kind(void)
{
	int k = page_kind_register(&page_kind_aside);

	return k >= 0 ? k : page_kind_find("aside");
}

static struct lesson_chapter *
parse(const char *pages, struct diags *ds)
{
	char text[2048];

	snprintf(text, sizeof text, "{\"id\": \"notes\", \"title\": \"Notes\", \"order\": 1,\n"
		 "\"summary\": \"s\", \"pages\": [\n%s\n]}\n", pages);
	return lesson_parse(text, strlen(text), "notes.json", ds);
}

Test(lesson_kind, a_registered_kind_is_read_checked_run_and_freed)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	struct progress prog;
	char prompt[64], list[64];
	int k = aside_kind();

	cr_assert_geq(k, PAGE_KIND_COUNT, "a registered kind comes after the built-in ones");
	cr_assert_str_eq(page_kind_name((enum page_kind)k), "aside");
	cr_assert(page_kind_asks((enum page_kind)k));
	cr_assert(!page_kind_has_figure((enum page_kind)k));

	diags_init(&ds);
	c = parse("{\"kind\": \"text\", \"body\": \"b\"},\n"
		  "{\"kind\": \"aside\", \"remark\": \"Saddles are common.\", \"yes\": true,\n"
		  " \"question\": \"In high dimension?\", \"function\": \"x^2\",\n"
		  " \"check\": [{\"value\": {\"at\": [3], \"f\": 9}}]}", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	cr_assert_eq((int)c->pages[1].kind, k);
	cr_assert_str_eq(((struct aside *)c->pages[1].data)->remark, "Saddles are common.");
	cr_assert_eq(c->pages[1].nclaims, 1, "the common members work on the new kind");
	cr_assert_eq(lesson_check(c, &ds), 0);

	memset(&prog, 0, sizeof prog);
	runner_init(&r, c, &prog, NULL);
	entered = 0;
	runner_goto(&r, 1);
	cr_assert_eq(entered, 1, "the runner entered the page through its kind");
	cr_assert_not_null(r.obj, "the page's objective was built");
	cr_assert(runner_prompt(&r, prompt, sizeof prompt));
	cr_assert_str_eq(prompt, "yes or no? ");
	cr_assert_eq(runner_answer_text(&r, "maybe"), ANSWER_INVALID);
	runner_invalid_text(&r, list, sizeof list);
	cr_assert_str_eq(list, "That is not an answer to this question.");
	cr_assert_eq(runner_answer_text(&r, "no"), ANSWER_WRONG);
	cr_assert_eq(runner_answer_text(&r, "yes"), ANSWER_RIGHT);
	cr_assert_eq(progress_page(&prog, "notes", 1)->attempts, 2);
	{
		char words[64];
		progress_chapter_text(&prog, c, words, sizeof words);
		cr_assert_str_eq(words, "1/2 pages, 1/1 right", "it counts as a question: %s",
				 words);
	}
	runner_done(&r);
	progress_done(&prog);
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_kind, a_registered_kind_is_validated_like_the_others)
{
	struct diags ds;
	struct lesson_chapter *c;

	aside_kind();
	diags_init(&ds);
	c = parse("{\"kind\": \"aside\", \"remak\": \"x\"},\n"
		  "{\"kind\": \"asida\", \"remark\": \"x\"},\n"
		  "{\"kind\": \"aside\", \"remark\": \"\"},\n"
		  "{\"kind\": \"spline\"}", &ds);
	cr_assert_null(c);
	cr_assert_eq(ds.n, 4);
	cr_assert_str_eq(ds.d[0].message, "unknown member \"remak\" in an aside page: did you "
			 "mean \"remark\"?");
	cr_assert_eq(ds.d[0].line, 3);
	cr_assert_str_eq(ds.d[1].message, "an aside page has no \"remark\": it is required");
	cr_assert_str_eq(ds.d[2].message, "unknown page kind \"asida\": did you mean \"aside\"?");
	cr_assert_str_eq(ds.d[3].message, "unknown page kind \"spline\": use text, note, plot, "
			 "descent, quiz, numeric, locate, challenge, formula, map, network, results or aside");
	diags_done(&ds);

	/* the kind's own check: an empty remark is refused by lessons --check */
	diags_init(&ds);
	c = parse("{\"kind\": \"aside\", \"remark\": \"\", \"function\": \"x\"}", &ds);
	cr_assert_not_null(c);
	cr_assert_eq(lesson_check(c, &ds), 1);
	cr_assert_str_eq(ds.d[0].message, "the remark is empty");
	lesson_chapter_free(c);
	diags_done(&ds);
}

Test(lesson_kind, the_table_refuses_a_name_twice_and_has_a_limit)
{
	static struct page_kind_def more[PAGE_KIND_MAX];
	static char names[PAGE_KIND_MAX][16];
	int i, added = 0;

	cr_assert_eq(page_kind_register(&page_kind_quiz), -1, "quiz is taken");
	cr_assert_eq(page_kind_register(NULL), -1);
	for (i = 0; i < PAGE_KIND_MAX; i++) {
		snprintf(names[i], sizeof names[i], "extra%d", i);
		more[i] = page_kind_aside;
		more[i].name = names[i];
		added += page_kind_register(&more[i]) >= 0;
	}
	cr_assert_eq(added, PAGE_KIND_MAX - PAGE_KIND_COUNT, "room for %d kinds, got %d",
		     PAGE_KIND_MAX - PAGE_KIND_COUNT, added);
	cr_assert_null(page_kind_of(PAGE_KIND_MAX));
	cr_assert_null(page_kind_of(-1));
}

Test(lesson_kind, the_built_in_kinds_are_consistent)
{
	static const char *const common[] = { "kind", "title", "body", "hint", "explain",
					       "check" };
	const char *const *names = page_kind_names();
	int k, i, j;

	for (k = 0; k < PAGE_KIND_COUNT; k++) {
		const struct page_kind_def *pk = page_kind_of(k);
		cr_assert_not_null(pk);
		cr_assert_str_eq(names[k], pk->name);
		cr_assert_eq(page_kind_find(pk->name), k);
		cr_assert_not_null(pk->read, "%s has a reader", pk->name);
		/* a kind that asks has a question for the plain mode */
		if (pk->flags & PK_ASKS)
			cr_assert(pk->prompt != NULL && pk->answer_text != NULL, "%s", pk->name);
		for (i = 0; pk->members[i] != NULL; i++) {
			for (j = 0; j < 6; j++)
				cr_assert_str_neq(pk->members[i], common[j], "%s lists %s again",
						  pk->name, common[j]);
			for (j = 0; j < i; j++)
				cr_assert_str_neq(pk->members[i], pk->members[j], "%s: %s twice",
						  pk->name, pk->members[i]);
		}
	}
	cr_assert_null(names[PAGE_KIND_COUNT]);
	cr_assert_str_eq(page_kind_name(PAGE_QUIZ), "quiz");
	cr_assert_str_eq(page_kind_name((enum page_kind)PAGE_KIND_MAX), "?");
}

/* --- the note, a real kind: a remark in a box ------------------------------ */

Test(lesson_kind, a_note_boxes_its_remark_for_the_plain_mode)
{
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
	char out[1024], q[64];
	size_t n;

	diags_init(&ds);
	c = parse("{\"kind\": \"note\", \"body\": \"b\", \"label\": \"Key idea\",\n"
		  " \"remark\": \"A saddle has f' = 0 too, and ∇f = 0 in 2D.\"},\n"
		  "{\"kind\": \"note\", \"body\": \"b\", \"remark\": \"Short.\"}", &ds);
	diags_print(&ds, stderr);
	cr_assert_not_null(c);
	cr_assert_eq(c->pages[0].kind, PAGE_NOTE);
	cr_assert(!page_kind_asks(PAGE_NOTE));
	runner_init(&r, c, NULL, NULL);
	runner_goto(&r, 0);
	cr_assert_eq(runner_prompt(&r, q, sizeof q), 0, "a note asks nothing");
	n = runner_page_text(&r, 30, 0, out, sizeof out);
	cr_assert_eq(n, strlen(out));
	cr_assert_str_eq(out,
			 "+- Key idea -----------------+\n"
			 "| A saddle has f' = 0 too,   |\n"
			 "| and grad f = 0 in 2D.      |\n"
			 "+----------------------------+\n");
	runner_page_text(&r, 20, 1, out, sizeof out);
	cr_assert_str_eq(out,
			 "┌─ Key idea ───────┐\n"
			 "│ A saddle has f'  │\n"
			 "│ = 0 too, and ∇f  │\n"
			 "│ = 0 in 2D.       │\n"
			 "└──────────────────┘\n");
	runner_goto(&r, 1);
	runner_page_text(&r, 16, 0, out, sizeof out);
	cr_assert_str_eq(out, "+- Note -------+\n| Short.       |\n+--------------+\n",
			 "the label is Note by default");
	/* a small buffer gets what fits, and the length it would take */
	cr_assert_eq(runner_page_text(&r, 16, 0, q, 10), 51);
	cr_assert_str_eq(q, "+- Note -");
	runner_done(&r);
	lesson_chapter_free(c);
	diags_done(&ds);

	diags_init(&ds);
	c = parse("{\"kind\": \"note\", \"remark\": \"r\", \"label\": \"A label longer than a title\"},\n"
		  "{\"kind\": \"note\", \"body\": \"b\"}", &ds);
	cr_assert_null(c);
	cr_assert_eq(ds.n, 2);
	cr_assert_str_eq(ds.d[0].message, "\"label\" is a short title on one line, from 1 to 24 "
			 "characters, like \"Key idea\"");
	cr_assert_eq(ds.d[0].line, 3);
	cr_assert_str_eq(ds.d[1].message, "a note page has no \"remark\": it is required");
	diags_done(&ds);
}
