/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-results.c - a results page on the full screen: under its text, the
 * table of what the learner has done in each chapter of the course
 * (runner_results_text): questions right at the first try, challenges
 * met, and the totals.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-reader.h"

/* The table, as learn --plain prints it, at the screen's width. */
static char *
table(struct ui *u)
{
	int w = u->cols - 4 < 100 ? u->cols - 4 : 100;
	size_t n = runner_results_text(&u->runner, w, NULL, 0);
	char *buf = xmalloc(n + 1);

	runner_results_text(&u->runner, w, buf, n + 1);
	return buf;
}

static int
results_rows(struct ui *u, const struct lesson_page *p)
{
	char *t = table(u), *c;
	int rows = 0;

	(void)p;
	for (c = t; *c != '\0'; c++)
		rows += *c == '\n';
	free(t);
	return rows + 1;                /* a blank row above it */
}

static int
results_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char *t = table(u), *line, *nl;
	int first = 1;

	(void)rd;
	(void)p;
	y++;
	for (line = t; *line != '\0' && y < u->rows - 1; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		/* the header and the totals stand out */
		if (first || strchr(nl + 1, '\n') == NULL)
			attron(A_BOLD);
		move(y++, 2);
		ui_put(u, line, u->cols - 2);
		attroff(A_BOLD);
		first = 0;
	}
	free(t);
	return y;
}

const struct ui_page_kind ui_kind_results = {
	/* TRANSLATORS: at most 53 columns: the status line of a page */
	.keys = N_("n:next page p:previous ?:keys q:map"),
	.feedback_rows = 2,
	.rows = results_rows,
	.draw = results_draw,
};
