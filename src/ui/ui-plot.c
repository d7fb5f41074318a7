/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-plot.c - a plot on the full screen: the figure, and c for a cursor
 * that reads it out.  When the page lets the learner move its chord,
 * [ ] move its end A and { } its end B, and a line under the figure says
 * whether the curve rises above the chord between them: the chord rule
 * of convexity, tried by hand.
 */
#include "config.h"

#include <string.h>

#include "descent/i18n.h"
#include "ui-reader.h"

static int
live(const struct lesson_page *p)
{
	return p->kind == PAGE_PLOT && p->plot.live_chord;
}

static int
plot_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	return live(p) ? 3 : 0;  /* a blank row, and the chord's two */
}

static int
plot_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	char text[200];

	(void)rd;
	if (!live(p) || y + 1 >= u->rows - 1)
		return y;
	runner_chord_text(&u->runner, text, sizeof text);
	y += 1 + ui_text(u, text, y + 1, 1, ui_reader_text_width(u), u->rows - 2 - y, 0);
	return y;
}

static int
plot_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	int end, dir;

	(void)rd;
	if (!live(p))
		return 0;
	switch (ch) {
	case '[': end = 0; dir = -1; break;
	case ']': end = 0; dir = 1; break;
	case '{': end = 1; dir = -1; break;
	case '}': end = 1; dir = 1; break;
	default: return 0;
	}
	if (runner_chord_move(&u->runner, end, dir) == 0) {
		/* the figure is drawn again with the chord where it is now */
		plot_fig_free(u->fig);
		u->fig = NULL;
		u->message[0] = '\0';
	} else {
		/* A toward B, or B toward A: they would cross; else the edge */
		snprintf(u->message, sizeof u->message, "%s",
			 end == 0 ? (dir > 0 ? _("A stays left of B.") : _("A stays in the plot.")) :
			 (dir < 0 ? _("B stays right of A.") : _("B stays in the plot.")));
	}
	return 1;
}

static const char *
plot_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	(void)rd;
	/* TRANSLATORS: at most 53 columns with "[ ]:A { }:B ": the status line of a plot */
	snprintf(buf, size, _("%sc:cursor n:next page p:previous ?:keys q:map"),
		 live(&u->chapter->pages[u->runner.page]) ? "[ ]:A { }:B " : "");
	return buf;
}

const struct ui_page_kind ui_kind_plot = {
	/* TRANSLATORS: at most 53 columns: the status line of a plot */
	.keys = N_("c:cursor n:next page p:previous ?:keys q:map"),
	.status = plot_status,
	.flags = UI_READOUT,
	.feedback_rows = 2,
	.rows = plot_rows,
	.draw = plot_draw,
	.key = plot_key,
};
