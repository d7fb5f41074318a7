/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-quiz.c - a multiple-choice question: two to sixteen choices, one
 * or several of them right.  Picking some of the right ones, not all, is
 * said to be so.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/util.h"
#include "lesson-int.h"

static void
quiz_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_quiz *q = &p->quiz;
	const cJSON *ch, *ans, *e;

	p->question = get_string(L, po, "question", 1, what);
	ch = member(L, po, "choices", 1, what);
	ans = member(L, po, "answer", 1, what);
	if (ch != NULL) {
		if (!cJSON_IsArray(ch) || cJSON_GetArraySize(ch) < 2 ||
		    cJSON_GetArraySize(ch) > LESSON_MAX_CHOICES) {
			lesson_error(L, AT(ch), "\"choices\" must be an array of 2 to %d strings",
				     LESSON_MAX_CHOICES);
		} else {
			for (e = ch->child; e != NULL; e = e->next) {
				if (!cJSON_IsString(e)) {
					lesson_error(L, AT(e), "a choice is a string, not %s",
						     json_type_name(e));
					continue;
				}
				q->choices[q->nchoices++] = xstrdup(e->valuestring);
			}
		}
	}
	if (ans != NULL && q->nchoices > 0) {
		const cJSON *one = cJSON_IsArray(ans) ? ans->child : ans;
		if (cJSON_IsArray(ans) && one == NULL)
			lesson_error(L, AT(ans), "\"answer\" lists no choice");
		for (; one != NULL; one = cJSON_IsArray(ans) ? one->next : NULL) {
			double v = 0;
			if (cJSON_IsNumber(one))
				v = one->valuedouble;
			if (!cJSON_IsNumber(one) || v != floor(v)) {
				lesson_error(L, AT(one), "\"answer\" is the number of the right "
					     "choice (counting from 0), or an array of them");
				break;
			}
			if (v < 0 || v >= q->nchoices) {
				lesson_error(L, AT(one), "answer %g is out of range: the quiz has %d "
					     "choices, numbered from 0 to %d", v, q->nchoices,
					     q->nchoices - 1);
				break;
			}
			q->answers |= 1u << (int)v;
		}
	}
}

static void
quiz_free(struct lesson_page *p)
{
	int i;

	for (i = 0; i < p->quiz.nchoices; i++)
		free(p->quiz.choices[i]);
}

enum answer
runner_quiz(struct lesson_runner *r, unsigned choices)
{
	const struct lesson_page *p;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_QUIZ || choices == 0 ||
	    (choices >> p->quiz.nchoices) != 0)
		return ANSWER_INVALID;
	if (choices == p->quiz.answers)
		return runner_judge(r, 1, "");
	if ((choices & p->quiz.answers) != 0 && __builtin_popcount(p->quiz.answers) > 1)
		return runner_judge(r, 0, "Some of your choices are right, not all of them.");
	return runner_judge(r, 0, "");
}

static int
quiz_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;

	snprintf(buf, size, "Your answer%s (1-%d; h hint, s skip, q quit): ",
		 __builtin_popcount(q->answers) > 1 ? "s" : "", q->nchoices);
	return 1;
}

/* "2" or "1, 3": the choices, counted from 1. */
static enum answer
quiz_answer_text(struct lesson_runner *r, const char *line)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;
	char buf[256], *tok, *save = NULL;
	unsigned mask = 0;

	snprintf(buf, sizeof buf, "%s", line);
	for (tok = strtok_r(buf, " ,", &save); tok != NULL; tok = strtok_r(NULL, " ,", &save)) {
		char *end;
		long c = strtol(tok, &end, 10);
		if (*end != '\0' || c < 1 || c > q->nchoices)
			return ANSWER_INVALID;
		mask |= 1u << (c - 1);
	}
	return runner_quiz(r, mask);
}

/* "  1) " and each choice wrapped under itself. */
static size_t
quiz_page_text(const struct lesson_runner *r, int width, int utf8, char *out, size_t size)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;
	size_t len = 0;
	int i;

	if (size > 0)
		out[0] = '\0';
	for (i = 0; i < q->nchoices; i++) {
		size_t n = text_wrap(q->choices[i], width - 5, utf8, NULL, 0);
		char *buf = xmalloc(n + 1), *line, *nl;
		text_wrap(q->choices[i], width - 5, utf8, buf, n + 1);
		for (line = buf; *line != '\0'; line = nl + 1) {
			char head[16];
			nl = strchr(line, '\n');
			if (nl == NULL)
				nl = line + strlen(line) - 1;
			if (line == buf)
				snprintf(head, sizeof head, "  %d) ", i + 1);
			else
				snprintf(head, sizeof head, "%5s", "");
			len += (size_t)snprintf(len < size ? out + len : NULL,
						len < size ? size - len : 0, "%s%.*s", head,
						(int)(nl - line) + 1, line);
		}
		free(buf);
	}
	return len;
}

const struct page_kind_def page_kind_quiz = {
	.name = "quiz",
	.members = (const char *const[]){ "question", "choices", "answer", NULL },
	.flags = PK_ASKS,
	.read = quiz_read,
	.free = quiz_free,
	.prompt = quiz_prompt,
	.answer_text = quiz_answer_text,
	.page_text = quiz_page_text,
};
