/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-quiz.c - a multiple-choice question: two to sixteen choices, one
 * or several of them right.  With one right choice the learner picks one;
 * with several, every right one (and is told so when only some are).  A
 * choice may carry feedback, the misconception that picking it reveals,
 * shown when it is picked wrongly.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

#define QUIZ_MAX_FEEDBACK 240           /* it follows "Not quite. " in 320 */

static void
quiz_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_quiz *q = &p->quiz;
	const cJSON *ch, *ans, *e;

	p->question = get_text(L, po, "question", 1, what);
	ch = member(L, po, "choices", 1, what);
	ans = member(L, po, "answer", 1, what);
	if (ch != NULL) {
		if (!cJSON_IsArray(ch) || cJSON_GetArraySize(ch) < 2 ||
		    cJSON_GetArraySize(ch) > LESSON_MAX_CHOICES) {
			lesson_error(L, AT(ch), "\"choices\" must be an array of 2 to %d strings",
				     LESSON_MAX_CHOICES);
		} else {
			for (e = ch->child; e != NULL; e = e->next) {
				static const char *const cf[] = { "text", "feedback", NULL };
				char *text, *fb;       /* get_string's copies: ours */
				if (cJSON_IsString(e)) {
					q->choices[q->nchoices++] = xstrdup(e->valuestring);
					continue;
				}
				if (!cJSON_IsObject(e)) {
					lesson_error(L, AT(e), "a choice is a string, or an object "
						     "{\"text\": ..., \"feedback\": ...}, not %s",
						     json_type_name(e));
					continue;
				}
				/* TRANSLATORS: names the object in the messages of a lesson
				 * file's errors ("a choice has no member ...") */
				check_members(L, e, cf, _("a choice"));
				text = get_string(L, e, "text", 1, _("a choice"));
				fb = get_text(L, e, "feedback", 0, _("a choice"));
				if (text == NULL) {
					free(fb);
					continue;
				}
				if (fb != NULL && strlen(fb) > QUIZ_MAX_FEEDBACK) {
					lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(e,
						     "feedback")), "a choice's feedback is at most %d "
						     "bytes: one sentence on the mistake; the rest "
						     "goes in \"explain\"", QUIZ_MAX_FEEDBACK);
					free(fb);
					fb = NULL;
				}
				q->feedback[q->nchoices] = fb;
				q->choices[q->nchoices++] = text;
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

	for (i = 0; i < p->quiz.nchoices; i++) {
		free(p->quiz.choices[i]);
		free(p->quiz.feedback[i]);
	}
}

enum answer
runner_quiz(struct lesson_runner *r, unsigned choices)
{
	const struct lesson_page *p;
	int i;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_QUIZ || choices == 0 ||
	    (choices >> p->quiz.nchoices) != 0)
		return ANSWER_INVALID;
	if (choices == p->quiz.answers)
		return runner_judge(r, 1, "");
	/* one right choice, one pick */
	if (__builtin_popcount(p->quiz.answers) == 1 && __builtin_popcount(choices) > 1)
		return ANSWER_INVALID;
	/* the misconception of the first wrong choice picked, when it has one */
	for (i = 0; i < p->quiz.nchoices; i++)
		if ((choices & ~p->quiz.answers & 1u << i) && p->quiz.feedback[i] != NULL)
			return runner_judge(r, 0, p->quiz.feedback[i]);
	if ((choices & p->quiz.answers) != 0 && __builtin_popcount(p->quiz.answers) > 1)
		return runner_judge(r, 0, _("Some of your choices are right, not all of them."));
	return runner_judge(r, 0, "");
}

static int
quiz_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;

	if (__builtin_popcount(q->answers) > 1)
		/* TRANSLATORS: the keys h, s and q stay as they are */
		snprintf(buf, size, _("Several are right: all of them (like 1,3; h hint, s skip, "
				      "q quit): "));
	else
		snprintf(buf, size, _("Your answer (1-%d; h hint, s skip, q quit): "), q->nchoices);
	return 1;
}

static void
quiz_invalid_text(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;

	if (__builtin_popcount(q->answers) == 1)
		snprintf(buf, size, _("One choice is right: give one number, from 1 to %d."),
			 q->nchoices);
	else
		snprintf(buf, size, _("Give the numbers of the right choices, from 1 to %d, "
				      "like 1,3."), q->nchoices);
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

/* The right choices, "1,3", and the first wrong one. */
static int
quiz_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct page_quiz *q = &RUNNER_PAGE(r)->quiz;
	size_t len = 0;
	int i;

	for (i = 0; i < q->nchoices && len < rsize; i++)
		if (q->answers & 1u << i)
			len += (size_t)snprintf(right + len, rsize - len, "%s%d", len ? "," : "",
						i + 1);
	for (i = 0; i < q->nchoices; i++)
		if (!(q->answers & 1u << i)) {
			snprintf(wrong, wsize, "%d", i + 1);
			return 0;
		}
	return -1;
}

const struct page_kind_def page_kind_quiz = {
	.name = "quiz",
	.members = (const char *const[]){ "question", "choices", "answer", NULL },
	.flags = PK_ASKS,
	.read = quiz_read,
	.free = quiz_free,
	.prompt = quiz_prompt,
	.answer_text = quiz_answer_text,
	.invalid_text = quiz_invalid_text,
	.page_text = quiz_page_text,
	.key = quiz_key,
};
