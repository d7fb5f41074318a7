/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-locate.c - a locate question on the full screen: a cursor on the
 * figure, moved with the arrows or a click (the reader moves it), whose
 * place the line under the question says; Enter answers.
 */
#include "config.h"

#include "descent/i18n.h"
#include "ui-reader.h"

static int
locate_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	return 4;                       /* the cursor's line, a blank, two of feedback */
}

static int
locate_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char buf[160];

	(void)p;
	if (objective_dim(u->runner.obj) == 2)
		snprintf(buf, sizeof buf, _("The cursor: x %.4g, y %.4g"), ui_shown(rd->cursor[0]),
			 ui_shown(rd->cursor[1]));
	else
		snprintf(buf, sizeof buf, _("The cursor: x %.4g"), ui_shown(rd->cursor[0]));
	mvaddnstr(y++, 2, buf, u->cols - 4);
	return y;
}

static int
locate_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	(void)p;
	if (ch != '\n' && ch != '\r' && ch != KEY_ENTER)
		return 0;
	ui_reader_judge(u, rd, runner_locate(&u->runner, rd->cursor));
	return 1;
}

const struct ui_page_kind ui_kind_locate = {
	/* TRANSLATORS: at most 53 columns: the status line of a locate question */
	.keys = N_("arrows:move Enter:answer h:hint n/p:page q:map"),
	.flags = UI_CURSOR,
	.feedback_rows = 2,
	.rows = locate_rows,
	.draw = locate_draw,
	.key = locate_key,
};
