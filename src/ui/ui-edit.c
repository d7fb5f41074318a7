/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-edit.c - a one-line editor for a function, as the playground's e
 * opens it: the line "f = ..." above the status line, with the cursor
 * keys, Home, End, Backspace, Delete and Ctrl-U; a line wider than the
 * screen scrolls so that the cursor, or the column of an error, stays in
 * view.  The caller owns the struct ui_edit, says what Enter and Esc do,
 * and fills in the error of a line it refused.  ASCII only: the
 * expression language is.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-int.h"

void
ui_edit_set(struct ui_edit *e, const char *s)
{
	snprintf(e->line, sizeof e->line, "%s", s);
	e->len = e->at = strlen(e->line);
}

int
ui_edit_key(struct ui_edit *e, int ch)
{
	if (ch == 27) {
		return UI_EDIT_CANCEL;
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		return UI_EDIT_ENTER;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (e->at > 0) {
			memmove(e->line + e->at - 1, e->line + e->at, e->len - e->at + 1);
			e->at--;
			e->len--;
		}
	} else if (ch == KEY_DC) {
		if (e->at < e->len) {
			memmove(e->line + e->at, e->line + e->at + 1, e->len - e->at);
			e->len--;
		}
	} else if (ch == KEY_LEFT) {
		if (e->at > 0)
			e->at--;
	} else if (ch == KEY_RIGHT) {
		if (e->at < e->len)
			e->at++;
	} else if (ch == KEY_HOME || ch == 1) {
		e->at = 0;
	} else if (ch == KEY_END || ch == 5) {
		e->at = e->len;
	} else if (ch == 21) {          /* Ctrl-U */
		e->len = e->at = 0;
		e->line[0] = '\0';
	} else if (ch >= 32 && ch < 127 && e->len + 1 < sizeof e->line) {
		memmove(e->line + e->at + 1, e->line + e->at, e->len - e->at + 1);
		e->line[e->at++] = (char)ch;
		e->len++;
	}
	return 0;
}

void
ui_edit_draw(struct ui *u, const struct ui_edit *e, int y, const char *hint)
{
	int room = u->cols - 5, off = 0;

	/* a line longer than the screen scrolls: the cursor stays in view,
	 * and so does the column of an error */
	if ((int)e->at > room - 1)
		off = (int)e->at - (room - 1);
	else if (e->err[0] != '\0' && e->errcol > room)
		off = e->errcol - room;
	move(y, 0);
	clrtoeol();
	move(y + 1, 0);
	clrtoeol();
	mvaddstr(y, 0, off > 0 ? "f < " : "f = ");
	move(y, 4);
	addnstr(e->line + off, room);
	if (e->err[0] != '\0') {
		/* the caret under the column of the error, the message below */
		int col = e->errcol - off;
		if (col > 0 && col + 4 < u->cols)
			mvaddch(y + 1, 4 + col - 1, '^');
		attron(A_BOLD);
		move(u->rows - 1, 0);
		ui_put_utf8(e->err, strlen(e->err), u->cols, 0);
		hline(' ', u->cols);
		attroff(A_BOLD);
	} else {
		ui_status(u, "%s", hint);
	}
	curs_set(1);
	move(y, 4 + (int)e->at - off);
}
