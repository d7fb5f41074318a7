/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-answer.c - a numeric question on the full screen: the learner types
 * a number (or a constant expression such as 1/18 or 2*pi) on the answer
 * line, and Enter answers.
 */
#include "config.h"

#include "descent/expr.h"
#include "descent/i18n.h"
#include "ui-reader.h"

static int
answer_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	return 4;                       /* the answer line, a blank, two of feedback */
}

static int
answer_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	(void)u;
	(void)p;
	mvprintw(y++, 2, _("Your answer: %s_"), rd->line);
	return y;
}

static int
answer_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	(void)p;
	if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '/' || ch == 'e' ||
	    ch == '+' || ch == '*') {
		ui_reader_line_add(rd, ch);
		return 1;
	}
	switch (ch) {
	case KEY_BACKSPACE: case 127: case 8:
		ui_reader_line_back(rd);
		return 1;
	case '\n': case '\r': case KEY_ENTER: {
		struct diag e;
		struct expr *x = expr_parse(rd->line, NULL, 0, &e);
		double v;
		if (x != NULL && expr_is_const(x, expr_root(x), &v))
			ui_reader_judge(u, rd, runner_numeric(&u->runner, v));
		else
			snprintf(u->message, sizeof u->message, "%s",
				 _("Type a number, such as 0.5 or 1/18."));
		expr_free(x);
		return 1;
	}
	default:
		return 0;
	}
}

const struct ui_page_kind ui_kind_numeric = {
	/* TRANSLATORS: at most 53 columns: the status line of a numeric question */
	.keys = N_("type a number  Enter:answer h:hint n/p:page q:map"),
	.feedback_rows = 2,
	.rows = answer_rows,
	.draw = answer_draw,
	.key = answer_key,
};
