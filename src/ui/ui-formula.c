/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-formula.c - a formula question on the full screen: the learner types
 * an expression on the answer line, which takes every printable key while
 * it is being typed (Esc gives the page's keys back, and so does a right
 * answer; i or Enter types again), and Enter answers.  A formula that does not parse is shown with
 * a caret under the column of its error.
 */
#include "config.h"

#include <string.h>

#include "descent/i18n.h"
#include "ui-reader.h"

static void
formula_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	rd->typing = 1;
}

static int
formula_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	return 5;       /* the answer line, its caret, a blank, two of feedback */
}

static int
formula_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	const char *prompt = _("Your answer: ");
	int pw = ui_chars(prompt, strlen(prompt));      /* its columns */

	(void)p;
	move(y, 2);
	ui_put(u, prompt, u->cols - 2);
	ui_put(u, rd->line, u->cols - 4 - pw);
	if (rd->typing)
		addch('_');
	y++;
	if (rd->errcol > 0 && 2 + pw + rd->errcol - 1 < u->cols) {
		/* under the column of the error */
		attron(A_BOLD);
		mvaddch(y, 2 + pw + rd->errcol - 1, '^');
		attroff(A_BOLD);
	}
	if (rd->err[0] != '\0' && u->message[0] == '\0' && y + 2 < u->rows - 1) {
		/* the error, where the feedback goes, as it is: a formula's
		 * '*' is not the markup of emphasis */
		int room = u->cols - 2;
		size_t fit = ui_bytes(rd->err, room), cut;   /* its first room characters */
		attron(A_BOLD);
		if (rd->err[fit] != '\0' && y + 3 < u->rows - 1) {
			/* on two rows, broken at a space */
			for (cut = fit; cut > 0 && rd->err[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = fit;
			mvaddnstr(y + 2, 1, rd->err, (int)cut);
			move(y + 3, 1);
			ui_put(u, rd->err + cut + (rd->err[cut] == ' '), room);
		} else {
			move(y + 2, 1);
			ui_put(u, rd->err, room);
		}
		attroff(A_BOLD);
	}
	return y + 1;
}

static int
formula_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	(void)p;
	if (!rd->typing) {
		if (ch == 'i' || ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			rd->typing = 1;
			return 1;
		}
		return 0;
	}
	if ((ch >= 32 && ch < 127) || (ch >= 128 && ch < 256)) {
		/* bytes of UTF-8 too: the course's − and · are read as - and * */
		ui_reader_line_add(rd, ch);
		rd->errcol = 0;
		rd->err[0] = '\0';
		u->message[0] = '\0';  /* the last verdict was about another text */
		return 1;
	}
	switch (ch) {
	case KEY_BACKSPACE: case 127: case 8:
		ui_reader_line_back(rd);
		rd->errcol = 0;
		rd->err[0] = '\0';
		u->message[0] = '\0';
		return 1;
	case 27:                /* Esc: the page's keys */
		rd->typing = 0;
		return 1;
	case KEY_LEFT: case KEY_RIGHT:
		return 1;       /* not a page turn in the middle of a formula */
	case '\n': case '\r': case KEY_ENTER: {
		enum answer a = runner_formula(&u->runner, rd->line);
		/* the text as it was read, so that a caret points into it */
		snprintf(rd->line, sizeof rd->line, "%.127s", u->runner.typed);
		rd->len = strlen(rd->line);
		if (a == ANSWER_INVALID) {
			u->message[0] = '\0';
			snprintf(rd->err, sizeof rd->err, _("That is not a formula: %.200s."),
				 u->runner.invalid);
			rd->errcol = u->runner.invalid_column;
		} else {
			rd->errcol = 0;
			rd->err[0] = '\0';
			ui_reader_judge(u, rd, a);
			/* answered right: the page's keys again, n goes on */
			if (a == ANSWER_RIGHT)
				rd->typing = 0;
		}
		return 1;
	}
	default:
		return 0;
	}
}

static const char *
formula_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	(void)u;
	snprintf(buf, size, "%s", rd->typing ?
		 _("type a formula  Enter:answer Esc:page keys PgDn/PgUp:page") :
		 /* TRANSLATORS: at most 53 columns: the status line of a formula question */
		 _("i:type the answer h:hint n/p:page q:map"));
	return buf;
}

const struct ui_page_kind ui_kind_formula = {
	/* TRANSLATORS: at most 53 columns: the status line of a formula being typed */
	.keys = N_("type a formula  Enter:answer Esc:page keys PgDn/PgUp:page"),
	.status = formula_status,
	.feedback_rows = 2,
	.enter = formula_enter,
	.rows = formula_rows,
	.draw = formula_draw,
	.key = formula_key,
};
