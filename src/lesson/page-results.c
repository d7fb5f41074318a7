/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-results.c - a results page: what the learner has done in the
 * course so far, from the progress store.  A table with a row for each
 * chapter, its questions answered right at the first try and its
 * challenges met, of those it has, then the totals: the course's last
 * page looks back with the learner.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

#define put page_put

/*
 * s in w columns, padded with spaces; a title too long for them is cut
 * after its last whole word that fits (a word longer than w, at w).
 */
static void
put_cell(char *out, size_t size, size_t *len, const char *s, int w)
{
	const char *e = s, *word = NULL;
	int n = 0, at = 0;

	while (*e != '\0' && n < w) {
		e++;
		while (((unsigned char)*e & 0xc0) == 0x80)
			e++;
		n++;
		if (*e == ' ') {
			word = e;
			at = n;
		}
	}
	if (*e != '\0' && *e != ' ' && word != NULL) {
		e = word;               /* no word cut in two */
		n = at;
	}
	put(out, size, len, "%.*s%*s", (int)(e - s), s, w - n, "");
}

/* s right-aligned in w columns (characters, not bytes: a heading may have accents). */
static void
put_right(char *out, size_t size, size_t *len, const char *s, int w)
{
	int n = (int)utf8_columns(s, strlen(s));

	put(out, size, len, "%*s%s", w > n ? w - n : 0, "", s);
}

/* "3/5", or "-" when there are none. */
static void
fraction(char *buf, size_t size, int k, int n)
{
	if (n == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d/%d", k, n);
}

size_t
runner_results_text(const struct lesson_runner *r, int width, char *out, size_t size)
{
	const struct lesson_chapter *const *cs = r->course != NULL ?
		(const struct lesson_chapter *const *)r->course->chapters : &r->c;
	int nc = r->course != NULL ? r->course->n : 1, i, j;
	int tq = 0, tf = 0, tc = 0, tm = 0;
	/* "  12  Title ... first try challenges met" */
	int tw = (width < 40 ? 40 : width) - 4 - 2 - 10 - 15;
	char a[32], b[32];
	size_t len = 0;

	if (size > 0)
		out[0] = '\0';
	put(out, size, &len, "%4s  ", "");
	/* TRANSLATORS: the heading of the results table's first column */
	put_cell(out, size, &len, _("Chapter"), tw);
	/* TRANSLATORS: questions right at the first try: at most 9 columns */
	put_right(out, size, &len, _("first try"), 10);
	/* TRANSLATORS: at most 14 columns */
	put_right(out, size, &len, _("challenges met"), 15);
	put(out, size, &len, "\n");
	for (i = 0; i < nc; i++) {
		const struct lesson_chapter *c = cs[i];
		int q = 0, f = 0, ch = 0, met = 0;
		for (j = 0; j < c->npages; j++) {
			const struct page_progress *pp;
			if (!page_kind_asks(c->pages[j].kind))
				continue;
			pp = r->prog != NULL ? progress_page_of(r->prog, c, j) : NULL;
			if (c->pages[j].kind == PAGE_CHALLENGE) {
				ch++;
				met += pp != NULL && pp->correct;
			} else {
				q++;
				f += pp != NULL && pp->first;
			}
		}
		fraction(a, sizeof a, f, q);
		fraction(b, sizeof b, met, ch);
		put(out, size, &len, "%4d  ", i + 1);
		put_cell(out, size, &len, c->title != NULL ? c->title : c->id, tw);
		put(out, size, &len, "%10s%15s\n", a, b);
		tq += q;
		tf += f;
		tc += ch;
		tm += met;
	}
	fraction(a, sizeof a, tf, tq);
	fraction(b, sizeof b, tm, tc);
	put(out, size, &len, "%4s  ", "");
	put_cell(out, size, &len, nc == 1 ? _("This chapter") : _("All the chapters"), tw);
	put(out, size, &len, "%10s%15s\n", a, b);
	return len;
}

/* learn --plain: the table, in ASCII when the terminal is not UTF-8. */
static size_t
results_page_text(const struct lesson_runner *r, int width, int utf8, char *out, size_t size)
{
	size_t n = runner_results_text(r, width, NULL, 0), k;
	char *buf = xmalloc(n + 1), *text;

	runner_results_text(r, width, buf, n + 1);
	text = utf8 ? buf : text_ascii(buf);
	k = strlen(text);
	if (size > 0) {
		size_t c = k < size - 1 ? k : size - 1;
		memcpy(out, text, c);
		out[c] = '\0';
	}
	if (text != buf)
		free(text);
	free(buf);
	return k;
}

static void
results_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	(void)L;
	(void)po;
	(void)p;
	(void)what;
}

const struct page_kind_def page_kind_results = {
	.name = "results",
	.members = (const char *const[]){ NULL },
	.read = results_read,
	.page_text = results_page_text,
};
