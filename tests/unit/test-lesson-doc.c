/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-doc.c - descent-lessons(5) documents every member the loader
 * takes: for each kind of page, each of its members is an item (".It Cm
 * NAME", alone or in a list such as ".It Cm function , variables") of
 * that kind's entry in the manual; and each claim is an item of the
 * section Claims.  A member added to a table without its documentation
 * fails here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/util.h"
#include "../../src/lesson/lesson-int.h"

static char *
manual(void)
{
	struct file_error fe;
	size_t len;
	char *text = read_whole_file(SRCDIR "/man/descent-lessons.5.in", 1 << 22, &len, &fe);

	cr_assert_not_null(text, "cannot read the manual: %s", fe.reason);
	return text;
}

/*
 * Whether name is an item of the lines from `from` to `to`: a line
 * ".It Cm A , B , C ..." names A, B and C (up to a Pq or Ql).
 */
static int
documented(const char *from, const char *to, const char *name)
{
	const char *line = from;

	while (line != NULL && line < to) {
		const char *eol = strchr(line, '\n');
		size_t n = eol != NULL ? (size_t)(eol - line) : strlen(line);

		if (n > 7 && strncmp(line, ".It Cm ", 7) == 0) {
			char buf[256], *tok, *save = NULL;
			snprintf(buf, sizeof buf, "%.*s", (int)(n - 7), line + 7);
			for (tok = strtok_r(buf, " ", &save); tok != NULL;
			     tok = strtok_r(NULL, " ", &save)) {
				if (strcmp(tok, "Pq") == 0 || strcmp(tok, "Ql") == 0)
					break;
				if (strcmp(tok, name) == 0)
					return 1;
			}
		}
		line = eol != NULL ? eol + 1 : NULL;
	}
	return 0;
}

/* The entry of a kind of page: from ".It Cm KIND" to the end of its list. */
static void
kind_entry(const char *man, const char *kind, const char **from, const char **to)
{
	char head[64];
	const char *p, *q;
	int depth = 0;

	snprintf(head, sizeof head, "\n.It Cm %s\n", kind);
	p = strstr(strstr(man, "\n.Ss Pages\n"), head);
	cr_assert_not_null(p, "the manual has no entry for the page kind %s", kind);
	*from = p + 1;
	/* its members are the list that follows, to its .El */
	for (q = strstr(p, "\n.Bl "); q != NULL; q = strchr(q + 1, '\n')) {
		if (strncmp(q, "\n.Bl ", 5) == 0)
			depth++;
		else if (strncmp(q, "\n.El", 4) == 0 && --depth == 0)
			break;
	}
	cr_assert_not_null(q, "the entry of %s has no end", kind);
	*to = q;
}

Test(lesson_doc, every_member_of_every_page_kind)
{
	char *man = manual();
	int k, i, missing = 0;

	for (k = 0; k < PAGE_KIND_COUNT; k++) {
		const struct page_kind_def *pk = page_kind_of(k);
		const char *from, *to;

		kind_entry(man, pk->name, &from, &to);
		for (i = 0; pk->members[i] != NULL; i++)
			if (!documented(from, to, pk->members[i])) {
				cr_log_error("%s page: \"%s\" is not documented", pk->name,
					     pk->members[i]);
				missing++;
			}
	}
	cr_expect_eq(missing, 0, "%d members of page kinds are not in descent-lessons(5)",
		     missing);
	free(man);
}

/* Whether the lines from `from` to `to` name it as ".Cm NAME" (in prose, or an item). */
static int
named(const char *from, const char *to, const char *name)
{
	char pat[80];
	const char *p;

	snprintf(pat, sizeof pat, ".Cm %s", name);
	for (p = strstr(from, pat); p != NULL && p < to; p = strstr(p + 1, pat)) {
		char c = p[strlen(pat)];
		if (c == '\n' || c == ' ')
			return 1;
	}
	return 0;
}

Test(lesson_doc, every_claim_and_the_common_members)
{
	static const char *const common[] = { "kind", "id", "title", "body", "hint", "explain",
					      "check", "unproved", "levels" };
	char *man = manual();
	const char *claims = strstr(man, "\n.Ss Claims\n"), *end, *pages, *kinds;
	size_t i;
	int missing = 0;

	cr_assert_not_null(claims);
	end = strstr(claims + 1, "\n.Ss ");
	for (i = 0; lesson_claim_fields[i] != NULL; i++)
		if (!documented(claims, end, lesson_claim_fields[i]) &&
		    !named(claims, end, lesson_claim_fields[i])) {
			cr_log_error("claim member \"%s\" is not documented", lesson_claim_fields[i]);
			missing++;
		}
	/* the members common to every page, before the first kind's entry */
	pages = strstr(man, "\n.Ss Pages\n");
	cr_assert_not_null(pages);
	kinds = strstr(pages, "\n.It Cm text\n");
	cr_assert_not_null(kinds);
	for (i = 0; i < sizeof common / sizeof common[0]; i++)
		if (!documented(pages, kinds, common[i])) {
			cr_log_error("page member \"%s\" is not documented", common[i]);
			missing++;
		}
	cr_expect_eq(missing, 0, "%d members are not in descent-lessons(5)", missing);
	free(man);
}
