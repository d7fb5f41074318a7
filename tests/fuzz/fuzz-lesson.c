/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-lesson.c - libFuzzer target for the lesson loader and validator:
 * any bytes are parsed as a chapter; every problem must have a place
 * inside the text (line and column within it), and a chapter that loads
 * is checked (its claims proved), walked by the page runner (captions
 * and the runs' words included), and freed.
 *
 *   tests/fuzz/fuzz-lesson -max_total_time=300 tests/fuzz/corpus-lesson
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags ds;
	struct lesson_chapter *c;
	size_t i, lines = 1;

	if (size > 8192)
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	diags_init(&ds);
	c = lesson_parse((const char *)data, size, "fuzz.json", &ds);
	for (i = 0; i < ds.n; i++)
		if (ds.d[i].line < 0 || (size_t)ds.d[i].line > lines || ds.d[i].column < 0 ||
		    (size_t)ds.d[i].column > size + 1 || ds.d[i].message[0] == '\0')
			abort();
	if ((c == NULL) != (ds.errors > 0))
		abort();
	{
		/* what --check keeps of a chapter that does not load */
		struct diags pds;
		struct lesson_chapter *pc;
		diags_init(&pds);
		pc = lesson_parse_partial((const char *)data, size, "fuzz.json", &pds);
		if (pc != NULL && (pc->partial != (pds.errors > 0) || pc->npages < 1))
			abort();
		lesson_chapter_free(pc);
		diags_done(&pds);
	}
	if (c != NULL) {
		struct lesson_runner r;
		int p;
		/* claims run optimizers: keep the fuzzer's pages small */
		for (p = 0; p < c->npages; p++)
			if ((c->pages[p].kind == PAGE_DESCENT && c->pages[p].descent.steps > 2000) ||
			    (c->pages[p].kind == PAGE_CHALLENGE &&
			     c->pages[p].challenge.max_steps > 2000))
				goto done;
		lesson_check(c, &ds);
		runner_init(&r, c, NULL, NULL);
		for (p = 0; p < c->npages; p++) {
			char buf[256], tail[64];
			int k;
			runner_goto(&r, p);
			runner_caption(&r, buf, sizeof buf);
			if (strlen(buf) >= sizeof buf)
				abort();
			runner_hint(&r);
			runner_quiz(&r, 1u);
			runner_numeric(&r, 1.0);
			/* the plain mode's question, through the page's kind */
			{
				char q[128], why[400];
				static const char *const typed[] = { "1", "2, 3", "0.5", "0.5, 0.5",
								     "gd 0.01", "x", "", "1,,2" };
				size_t t;
				if (runner_prompt(&r, q, sizeof q) && strlen(q) >= sizeof q)
					abort();
				for (t = 0; t < sizeof typed / sizeof typed[0]; t++)
					if (runner_answer_text(&r, typed[t]) == ANSWER_INVALID)
						runner_invalid_text(&r, why, sizeof why);
				t = runner_page_text(&r, 40, 0, NULL, 0);
				{
					char *out = malloc(t + 1);
					if (out == NULL || runner_page_text(&r, 40, 0, out, t + 1) != t)
						abort();
					free(out);
				}
			}
			{
				double x[2] = { 0.5, 0.5 };
				runner_locate(&r, x);
			}
			for (k = 0; k < r.nruns; k++)
				runner_run_text(&r, k, -1, buf, sizeof buf, tail, sizeof tail);
			while (runner_descent_step(&r) > 0)
				;
			{
				/* the learner's start, and a setting turned each way */
				double at[2] = { 0.25, -0.75 };
				if (runner_descent_start(&r, at) == 0)
					while (runner_descent_step(&r) > 0)
						;
				if (runner_descent_turn(&r, -1, 0, 1) == 0)
					while (runner_descent_step(&r) > 0)
						;
				if (runner_descent_turn(&r, 0, 0, -1) == 0)
					while (runner_descent_step(&r) > 0)
						;
			}
			for (k = 0; k < r.nruns + 1; k++)
				runner_run_text(&r, k, -1, buf, sizeof buf, tail, sizeof tail);
		}
		runner_done(&r);
	}
done:
	lesson_chapter_free(c);
	diags_done(&ds);
	return 0;
}
