/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-quiz.c - a quiz on the full screen: the choices under the question,
 * picked with the arrows and space, their numbers, or a click; Enter
 * answers.  With one right choice the choices are radio buttons, ( ) and
 * (*): a pick replaces the last.  With several they are boxes, [ ] and
 * [x], a line says to tick every right one, and a pick toggles its box.
 */
#include "config.h"

#include "descent/i18n.h"
#include "ui-reader.h"

static int
several(const struct lesson_page *p)
{
	return __builtin_popcount(p->quiz.answers) > 1;
}

static int
quiz_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	return p->quiz.nchoices + 2 + several(p);
}

static int
quiz_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	int i, multi = several(p);

	if (multi && y < u->rows - 2) {
		attron(A_DIM);
		move(y++, 2);
		ui_put(u, _("Several are right: tick every one (space), then Enter."), u->cols - 4);
		attroff(A_DIM);
	}
	rd->choice_y = y;
	for (i = 0; i < p->quiz.nchoices && y < u->rows - 2; i++) {
		attr_t a = i == rd->choice ? A_REVERSE : 0;
		int on = (rd->picked & (1u << i)) != 0;
		attron(a);
		if (multi)
			mvprintw(y, 2, "[%c] %d) ", on ? 'x' : ' ', i + 1);
		else
			mvprintw(y, 2, "(%c) %d) ", on ? '*' : ' ', i + 1);
		ui_put(u, p->quiz.choices[i], u->cols - 12);
		attroff(a);
		y++;
	}
	return y;
}

/* Choice i, by its number, space or a click: toggled, or the one picked. */
static void
pick(struct reader *rd, const struct lesson_page *p, int i)
{
	rd->choice = i;
	if (several(p))
		rd->picked ^= 1u << rd->choice;
	else
		rd->picked = 1u << rd->choice;
}

static int
quiz_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	switch (ch) {
	case KEY_UP:            /* the arrows choose; space or Enter then picks */
		if (rd->choice > 0)
			rd->choice--;
		return 1;
	case KEY_DOWN:
		if (rd->choice + 1 < p->quiz.nchoices)
			rd->choice++;
		return 1;
	case ' ':
		pick(rd, p, rd->choice);
		return 1;
	case '\n': case '\r': case KEY_ENTER:
		if (rd->picked == 0)
			rd->picked = 1u << rd->choice;
		ui_reader_judge(u, rd, runner_quiz(&u->runner, rd->picked));
		return 1;
	default:
		if (ch >= '1' && ch <= '9' && ch - '1' < p->quiz.nchoices) {
			pick(rd, p, ch - '1');
			return 1;
		}
		return 0;
	}
}

/* A click on a choice picks it, as its number does. */
static int
quiz_mouse(struct ui *u, struct reader *rd, const struct lesson_page *p, const MEVENT *ev)
{
	(void)u;
	if (ui_click(ev) && ev->y >= rd->choice_y && ev->y < rd->choice_y + p->quiz.nchoices &&
	    ev->y - rd->choice_y < 9)
		pick(rd, p, ev->y - rd->choice_y);
	return 1;
}

const struct ui_page_kind ui_kind_quiz = {
	/* TRANSLATORS: at most 53 columns: the status line of a quiz */
	.keys = N_("up/down,1-9:choose Enter:answer h:hint n/p:page q:map"),
	.feedback_rows = 1,
	.rows = quiz_rows,
	.draw = quiz_draw,
	.key = quiz_key,
	.mouse = quiz_mouse,
};
