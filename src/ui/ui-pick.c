/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-pick.c - the playground's first screen when no function is given
 * (descent play alone): the list of classic functions (ui_classics, kept
 * with the playground), each with a view, a start and an optimizer that
 * show it well.  Enter or a digit descends one in the playground; e opens
 * the playground's editor on a function of one's own.
 */
#include "config.h"

#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-int.h"

struct pick {
	int pick;                       /* the cursor */
};

static struct pick *
pick_of(struct ui *u)
{
	if (u->state == NULL)
		u->state = xcalloc(1, sizeof(struct pick));
	return u->state;
}

static void
pick_draw(struct ui *u)
{
	struct pick *p = pick_of(u);
	size_t i;

	attron(A_BOLD);
	mvaddstr(0, 2, _("The playground: pick a function"));
	attroff(A_BOLD);
	for (i = 0; i < ui_nclassics && (int)i + 2 < u->rows - 1; i++) {
		/* its name as the list shows it, padded to 18 columns */
		const char *name = _(ui_classics[i].name);
		int pad = 18 - ui_chars(name, strlen(name));
		if ((int)i == p->pick)
			attron(A_REVERSE);
		mvprintw((int)i + 2, 2, "%2zu  %s%*s", i + 1, name, pad > 0 ? pad : 0, "");
		if ((int)i == p->pick)
			attroff(A_REVERSE);
		addnstr(ui_classics[i].expr, u->cols - 26);
	}
	/* TRANSLATORS: at most 70 columns: the list of functions' status line */
	ui_status(u, "up/down: choose   Enter: descend it   e: type your own   q: quit");
}

static int
pick_key(struct ui *u, int ch)
{
	struct pick *p = pick_of(u);
	const struct ui_classic *c;
	struct ui_play_args a;

	switch (ch) {
	case 'q':
		u->quit = 1;
		return 1;
	case KEY_UP: case 'k':
		if (p->pick > 0)
			p->pick--;
		return 0;
	case KEY_DOWN: case 'j':
		if (p->pick + 1 < (int)ui_nclassics)
			p->pick++;
		return 0;
	case 'e':
		memset(&a, 0, sizeof a);
		a.expr = "x^2 + y^2";
		ui_play_setup(u, &a);
		ui_play_edit(u);
		return 0;
	case '\n': case '\r': case KEY_ENTER:
		break;
	default:
		if (ch >= '1' && ch <= '9' && ch - '1' < (int)ui_nclassics) {
			p->pick = ch - '1';
			break;
		}
		return 0;
	}
	c = &ui_classics[p->pick];
	memset(&a, 0, sizeof a);
	a.expr = c->expr;
	a.optimizer = c->opt;
	a.lr = c->lr;
	a.has_start = 1;
	a.start[0] = c->start[0];
	a.start[1] = c->start[1];
	a.has_view = 1;
	a.view[0] = c->x0;
	a.view[1] = c->x1;
	a.view[2] = c->y0;
	a.view[3] = c->y1;
	ui_play_setup(u, &a);
	return 0;
}

const struct ui_screen ui_pick_screen = {
	.name = N_("list of functions"),
	/* TRANSLATORS: the list of functions' key help: at most 62 columns a line */
	.help = N_("up/down, j k: choose\n"
		"Enter: descend it   1-9: descend that one at once\n"
		"e: type a function of your own\n"
		"q: quit\n"),
	.draw = pick_draw,
	.key = pick_key,
};
