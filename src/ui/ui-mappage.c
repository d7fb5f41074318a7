/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-mappage.c - a map page on the full screen: the hyperparameter map
 * on the left of the figure's rows, a cursor on one of its cells (the
 * arrows move it), and the page's landscape on the right with that
 * cell's run on it, and its loss curve under it when there is room (l
 * shows the curve instead of the landscape); Enter answers with the cell.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-reader.h"

static int
map_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	return 4;                       /* the cell's line, a blank, two of feedback */
}

static int
map_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char buf[200];

	(void)rd;
	(void)p;
	runner_map_cell_text(&u->runner, buf, sizeof buf);
	move(y++, 2);
	ui_put_utf8(buf, strlen(buf), u->cols - 4, 0);
	return y;
}

/* The map's width beside the landscape: half the screen, 40 columns at least. */
static int
map_width(const struct ui *u)
{
	return u->cols / 2 < 40 ? 40 : u->cols / 2;
}

/* Draws the map in rows y to y + h at the left; returns the columns it took. */
static int
map_left(struct ui *u, struct reader *rd, const struct lesson_page *p, int y, int h)
{
	struct plot_map m;
	struct plot_opts po;
	struct plot_canvas *c;
	long *steps;
	int w = map_width(u), cx, cy;
	const struct page_map *q = &p->map;
	double sx, sy;

	(void)rd;
	if (w > u->cols - 20 || runner_map_plot(&u->runner, &m, &steps) < 0)
		return 0;
	ui_plot_opts(u, &po, w - 1, h);
	c = plot_map(&po, &m, NULL);
	ui_draw_canvas(u, c, y, 0);
	sx = map_axis_value(&q->axis[0], u->runner.map_cell[0]);
	sy = q->naxes == 2 ? map_axis_value(&q->axis[1], u->runner.map_cell[1]) : 0;
	if (plot_map_locate(&po, &m, NULL, sx, sy, &cx, &cy) == 0) {
		if (q->naxes == 2) {    /* the cell, its glyph in reverse */
			mvchgat(y + cy, cx, 1, A_REVERSE | A_BOLD, 0, NULL);
		} else {                /* on a curve, a mark on the axis under it */
			attron(A_REVERSE | A_BOLD);
			mvaddch(y + cy, cx, '^');
			attroff(A_REVERSE | A_BOLD);
		}
	}
	plot_canvas_free(c);
	free(steps);
	return w;
}

static int
map_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	int i = u->runner.map_cell[0], j = u->runner.map_cell[1], step = 1;

	(void)p;
	switch (ch) {
	case '\n': case '\r': case KEY_ENTER:
		ui_reader_judge(u, rd, runner_map(&u->runner));
		return 1;
	case KEY_SLEFT: case 'H': step = 5; /* fall through */
	case KEY_LEFT:
		i -= step;
		break;
	case KEY_SRIGHT: case 'L': step = 5; /* fall through */
	case KEY_RIGHT:
		i += step;
		break;
	case KEY_UP:
		j++;
		break;
	case KEY_DOWN:
		j--;
		break;
	case 'l':               /* the run's loss curve, or its landscape */
		rd->loss = rd->loss > 0 ? -1 : 1;
		return 1;
	default:
		return 0;
	}
	runner_map_select(&u->runner, i, j);
	rd->shown_fig_page = -1;        /* the landscape again, with this cell's run */
	u->message[0] = '\0';
	return 1;
}

const struct ui_page_kind ui_kind_map = {
	/* TRANSLATORS: at most 53 columns: the status line of a map question */
	.keys = N_("arrows:cell Enter:answer l:loss h:hint n/p:page q:map"),
	.feedback_rows = 2,
	.rows = map_rows,
	.draw = map_draw,
	.key = map_key,
	.left = map_left,
};
