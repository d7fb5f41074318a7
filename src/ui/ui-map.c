/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-map.c - the course map: the chapters in order with the learner's
 * progress, scrolled so that the chosen one is always shown; Enter (or a
 * second click) opens a chapter where the learner left it, in the page
 * reader (ui-reader.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"
#include "ui-int.h"

/* The rows of chapter i on the map: its title, its summary (two rows at most), a blank. */
static int
map_entry_rows(struct ui *u, int i)
{
	const struct lesson_chapter *c = u->course->chapters[i];
	int lines = c->summary != NULL ? ui_text(u, c->summary, 0, 6, u->cols - 8, 0, 0) : 0;

	return 1 + (lines > 2 ? 2 : lines) + 1;
}

/*
 * Whether the chapters from top to the selected one fit in rows, with a
 * row above them when top > 0 and one below when more chapters follow.
 */
static int
map_fits(const struct ui *u, const int *height, int top, int rows)
{
	int need = top > 0, k;

	for (k = top; k <= u->map_sel; k++)
		need += height[k];
	return need <= rows - (u->map_sel + 1 < u->course->n);
}

static void
map_draw(struct ui *u)
{
	int i, k, y = 2, bottom = u->rows - 1, rows, n = u->course->n, *height;
	int langs = lesson_course_lang_width(u->course);        /* 0: no translation read */
	char buf[160];

	attron(A_BOLD);
	mvaddstr(0, 2, _("descent: the course"));
	attroff(A_BOLD);
	if (u->prog != NULL) {
		/* how far the learner has got, at the right */
		int w;
		progress_course_text(u->prog, u->course, buf, sizeof buf);
		w = ui_chars(buf, strlen(buf));
		if (w <= u->cols - 25) {
			move(0, u->cols - 1 - w);
			ui_put(u, buf, w);
		}
	}
	memset(u->map_hit, 0, sizeof u->map_hit);
	if (u->course->nbroken > 0) {
		/* lesson files that did not load: one row, above the status */
		bottom--;
		snprintf(buf, sizeof buf,
			 P_("%d lesson file is broken and left out: descent lessons --check says why",
			    "%d lesson files are broken and left out: descent lessons --check says why",
			    u->course->nbroken), u->course->nbroken);
		attron(A_BOLD | ui_color_attr(u, PLOT_RED, 0));
		move(bottom, 2);
		ui_put(u, buf, u->cols - 4);
		attroff(A_BOLD | ui_color_attr(u, PLOT_RED, 0));
	}
	/* the rows for chapters, and the first one shown: the selected one is
	 * always on the screen, and a row says what lies above or below */
	rows = bottom - y;
	if (u->map_sel < u->map_top)
		u->map_top = u->map_sel;
	height = xmalloc((size_t)n * sizeof *height);    /* each wrapped once a frame */
	for (i = 0; i < n; i++)
		height[i] = map_entry_rows(u, i);
	while (u->map_top < u->map_sel && !map_fits(u, height, u->map_top, rows))
		u->map_top++;
	while (u->map_top > 0 && map_fits(u, height, u->map_top - 1, rows))
		u->map_top--;           /* a taller terminal: show more above */
	if (u->map_top > 0) {
		attron(A_DIM);
		snprintf(buf, sizeof buf, P_("(%d more above)", "(%d more above)", u->map_top),
			 u->map_top);
		mvaddstr(y++, 6, buf);
		attroff(A_DIM);
	}
	for (i = u->map_top; i < n; i++) {
		const struct lesson_chapter *c = u->course->chapters[i];
		int h = height[i];
		/* the last chapter needs its title and summary; another, a row
		 * after its blank for the line that says more lie below */
		if (i > u->map_sel && (i + 1 < n ? y + h > bottom - 1 : y + h - 2 > bottom - 1)) {
			attron(A_DIM);
			snprintf(buf, sizeof buf, P_("(%d more below)", "(%d more below)", n - i),
				 n - i);
			mvaddstr(y, 6, buf);
			attroff(A_DIM);
			break;
		}
		progress_chapter_text(u->prog, c, buf, sizeof buf);
		for (k = y; k < y + h - 1 && k < (int)(sizeof u->map_hit / sizeof u->map_hit[0]); k++)
			u->map_hit[k] = (short)(i + 1);     /* its title and summary take a click */
		if (i == u->map_sel)
			attron(A_REVERSE);
		move(y, 2);
		hline(' ', u->cols - 4);
		mvprintw(y, 2, "%2d  ", i + 1);
		if (langs > 0)  /* its language, when a translation is read */
			printw("%-*s  ", langs, lesson_chapter_lang(c));
		ui_put(u, c->title, u->cols - 35 - (langs > 0 ? langs + 2 : 0));
		move(y, u->cols - 28);
		ui_put_utf8(buf, strlen(buf), 26, 0);
		if (i == u->map_sel)
			attroff(A_REVERSE);
		y++;
		if (c->summary != NULL && h > 2) {
			attron(A_DIM);
			ui_text(u, c->summary, y, 6, u->cols - 8, h - 2, 0);
			attroff(A_DIM);
		}
		y += h - 1;
	}
	free(height);
	if (u->prog->last_chapter != NULL &&
	    lesson_course_find(u->course, u->prog->last_chapter) != NULL)
		/* TRANSLATORS: at most 70 columns with a chapter's id (20 or so) */
		ui_status(u, "Enter: open (you left off in %s, page %d)  ?:keys q:quit",
			  u->prog->last_chapter, u->prog->last_page + 1);
	else
		/* TRANSLATORS: at most 70 columns: the course map's status line */
		ui_status(u, "up/down: choose  Enter: open the chapter  ?: keys  q: quit");
}

int
ui_course_resume_page(struct ui *u, const struct lesson_chapter *c)
{
	int j;

	if (u->prog->last_chapter != NULL && strcmp(u->prog->last_chapter, c->id) == 0)
		return u->prog->last_page;
	for (j = 0; j < c->npages; j++)
		if (!progress_page_of(u->prog, c, j)->seen)
			return j;
	return 0;
}

static int
map_key(struct ui *u, int ch)
{
	switch (ch) {
	case 'q':
		u->quit = 1;
		return 1;
	case KEY_UP: case 'k':
		if (u->map_sel > 0)
			u->map_sel--;
		break;
	case KEY_DOWN: case 'j':
		if (u->map_sel + 1 < u->course->n)
			u->map_sel++;
		break;
	case KEY_MOUSE: {
		/* a click selects a chapter, and a click on the selected one opens it */
		MEVENT ev;
		int hit;
		if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) ||
		    ev.y < 0 || ev.y >= (int)(sizeof u->map_hit / sizeof u->map_hit[0]) ||
		    (hit = u->map_hit[ev.y]) == 0)
			break;
		if (hit - 1 != u->map_sel)
			u->map_sel = hit - 1;
		else
			ui_reader_open(u, u->course->chapters[hit - 1],
				       ui_course_resume_page(u, u->course->chapters[hit - 1]));
		break;
	}
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: case 'l': {
		const struct lesson_chapter *c = u->course->chapters[u->map_sel];
		ui_reader_open(u, c, ui_course_resume_page(u, c));
		break;
	}
	default:
		if (ch >= '1' && ch <= '9' && ch - '1' < u->course->n)
			u->map_sel = ch - '1';
		break;
	}
	return 0;
}

const struct ui_screen ui_map_screen = {
	.name = N_("course map"),
	/* TRANSLATORS: the course map's key help: at most 62 columns a line */
	.help = N_("up/down, j k, 1-9, a click: choose a chapter\n"
		"Enter, right, l, a click on the chosen one: open it where\n"
		"   you left off\n"
		"q: quit (your progress is saved as you go)\n"),
	.draw = map_draw,
	.key = map_key,
};

void
ui_course_open(struct ui *u, const char *chapter, int page)
{
	const struct lesson_chapter *c = NULL;
	int i;

	ui_switch(u, UI_SCREEN_MAP);
	if (chapter != NULL || u->prog->last_chapter != NULL)
		c = lesson_course_find(u->course, chapter != NULL ? chapter : u->prog->last_chapter);
	for (i = 0; c != NULL && i < u->course->n; i++)
		if (u->course->chapters[i] == c)
			u->map_sel = i;
	if (c != NULL && chapter != NULL) {
		ui_reader_open(u, c, page >= 0 ? page : ui_course_resume_page(u, c));
	}
}
