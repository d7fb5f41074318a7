/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-note.c - a note on the full screen: its remark in a box under the
 * body, the same box that learn --plain prints (runner_page_text).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-reader.h"

/* The box, as text; the caller frees it. */
static char *
note_text(struct ui *u)
{
	int width = ui_reader_text_width(u) - 1, utf8 = u->utf8 && !u->ascii;
	size_t n = runner_page_text(&u->runner, width, utf8, NULL, 0);
	char *text = xmalloc(n + 1);

	runner_page_text(&u->runner, width, utf8, text, n + 1);
	return text;
}

static int
note_rows(struct ui *u, const struct lesson_page *p)
{
	char *text = note_text(u), *s;
	int rows = 1;                   /* a blank row above it */

	(void)p;
	for (s = text; *s != '\0'; s++)
		rows += *s == '\n';
	free(text);
	return rows;
}

static int
note_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char *text = note_text(u), *line, *nl;

	(void)rd;
	(void)p;
	y++;
	for (line = text; *line != '\0' && y < u->rows - 1; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		move(y++, 1);
		ui_put(u, line, u->cols - 2);
	}
	free(text);
	return y;
}

const struct ui_page_kind ui_kind_note = {
	/* TRANSLATORS: at most 53 columns: the status line of a page */
	.keys = N_("n:next page p:previous ?:keys q:map"),
	.feedback_rows = 2,
	.rows = note_rows,
	.draw = note_draw,
};
