/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-reader.c - the page reader: a page's header, its text (wrapped,
 * scrolled), its figure (the page's objective, its runs, a cursor), the
 * lines of its question, the feedback and the status line; and the keys
 * every page has.  What depends on the page's kind is in the kind's entry
 * of the table below (ui-quiz.c, ui-answer.c, ui-locate.c, ui-descent.c,
 * ui-challenge.c; text and plot pages are here), which the reader asks
 * first.  Answers are judged and recorded by the page runner of
 * src/lesson.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/objective.h"
#include "descent/util.h"
#include "ui-reader.h"

const struct ui_page_kind ui_kind_text = {
	/* TRANSLATORS: at most 53 columns: the status line of a page */
	.keys = N_("n:next page p:previous ?:keys q:map"),
	.feedback_rows = 2,
};

/* The kinds of page-kinds.def; a kind registered at run time reads as text. */

/* The tries after which x shows the explanation of a question not yet answered right. */
#define UI_TRIES 2

static const struct ui_page_kind *const kinds[PAGE_KIND_COUNT] = {
#define PAGE_KIND(K, name) [PAGE_##K] = &ui_kind_##name,
#include "descent/page-kinds.def"
#undef PAGE_KIND
};

static const struct ui_page_kind *
kind_of(const struct lesson_page *p)
{
	return (unsigned)p->kind < PAGE_KIND_COUNT ? kinds[p->kind] : &ui_kind_text;
}

int
ui_click(const MEVENT *ev)
{
	return (ev->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}

void
ui_reader_line_add(struct reader *rd, int ch)
{
	if (rd->len + 1 < sizeof rd->line) {
		rd->line[rd->len++] = (char)ch;
		rd->line[rd->len] = '\0';
	}
}

void
ui_reader_line_back(struct reader *rd)
{
	/* a whole character: the continuation bytes of UTF-8 with it */
	while (rd->len > 0 && ((unsigned char)rd->line[rd->len - 1] & 0xc0) == 0x80)
		rd->line[--rd->len] = '\0';
	if (rd->len > 0)
		rd->line[--rd->len] = '\0';
}

/*
 * Whether the page draws a figure: a function of one or two variables,
 * or a figure of its kind's own.
 */
static int
has_figure(const struct ui *u)
{
	return u->runner.obj != NULL && (objective_dim(u->runner.obj) <= 2 ||
					 kind_of(&u->chapter->pages[u->runner.page])->figure != NULL);
}

int
ui_reader_loss(const struct ui *u, const struct reader *rd)
{
	return rd->loss > 0 || (rd->loss == 0 && ui_loss_beside(u->cols) > 0);
}

int
ui_reader_figure_keys(struct reader *rd, int ch)
{
	if (ch != 't' && ch != 'g')
		return 0;
	if (ch == 't')
		rd->notrail = !rd->notrail;
	else
		rd->arrow = !rd->arrow;
	rd->shown_fig_page = -1;        /* a new background, runs redrawn */
	return 1;
}

static struct reader *
reader_of(struct ui *u)
{
	if (u->state == NULL) {
		struct reader *r = xcalloc(1, sizeof *r);
		r->shown_fig_page = -1;
		u->state = r;
	}
	return u->state;
}

/* Fresh state for the page the runner is on. */
static void
enter_page(struct ui *u)
{
	struct reader *rd = reader_of(u);
	const struct lesson_page *p = &u->chapter->pages[u->runner.page];
	/* the learner's choices stay from page to page */
	int bigfig = rd->bigfig, loss = rd->loss;

	memset(rd, 0, sizeof *rd);
	rd->bigfig = bigfig;
	rd->loss = loss;
	rd->shown_fig_page = -1;
	u->message[0] = '\0';
	rd->cursor[0] = (p->x[0] + p->x[1]) / 2;
	rd->cursor[1] = (p->y[0] + p->y[1]) / 2;
	u->timeout_ms = 250;
	if (kind_of(p)->enter != NULL)
		kind_of(p)->enter(u, rd, p);
	if (page_kind_asks(p->kind) &&
	    progress_page_of(u->prog, u->chapter, u->runner.page)->correct)
		/* back on a question answered right: say so; it may be tried again */
		snprintf(u->message, sizeof u->message, "%s", p->explain != NULL ?
			 _("You answered this right before (x: the explanation).") :
			 _("You answered this right before."));
	progress_save(u->prog, &u->ds);
}

void
ui_reader_open(struct ui *u, const struct lesson_chapter *c, int page)
{
	if (u->has_runner)
		runner_done(&u->runner);
	u->chapter = c;
	runner_init(&u->runner, c, u->prog, &u->ds);
	u->runner.course = u->course;   /* a results page looks back over it */
	u->has_runner = 1;
	ui_switch(u, UI_SCREEN_PAGE);
	runner_goto(&u->runner, page);
	enter_page(u);
}

/*
 * Builds the page's figure (its background) from the page's view, with
 * this terminal's size, encoding and colour and the learner's toggles,
 * and draws its runs onto it.
 */
static void
page_fig(struct ui *u, struct reader *rd, int w, int h)
{
	struct lesson_runner *r = &u->runner;
	struct plot_opts po;
	char caption[256];
	struct diag err;

	if (u->fig == NULL || rd->shown_fig_page != r->page ||
	    plot_canvas_width(plot_fig_canvas(u->fig)) != w ||
	    plot_canvas_height(plot_fig_canvas(u->fig)) != h) {
		plot_fig_free(u->fig);
		u->fig = NULL;
		ui_plot_opts(u, &po, w, h);
		po.trail = !rd->notrail;
		po.arrow = rd->arrow;
		rd->shown_fig_page = r->page;
		if (lesson_page_view(r, &po, caption, sizeof caption) < 0)
			return;
		u->fig = plot_fig_new(r->obj, &po, caption, &err);
		if (u->fig == NULL)
			return;
	}
	lesson_view_runs(r, u->fig);
}

/* Longer lines are hard to read (the figure takes the whole width). */
int
ui_reader_text_width(const struct ui *u)
{
	return u->cols - 2 > 100 ? 100 : u->cols - 2;
}

/* The question, and the lines of its kind under it: choices, the answer line... */
static int
draw_question(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	if (p->question != NULL) {
		attron(A_BOLD);
		y += ui_text(u, p->question, y, 1, ui_reader_text_width(u), u->rows - 1 - y, 0);
		attroff(A_BOLD);
	}
	if (kind_of(p)->draw != NULL)
		y = kind_of(p)->draw(u, rd, p, y);
	return y;
}

/*
 * What the cursor reads out: where it is, f, the slope, and how the
 * function curves there (the Hessian's eigenvalues, in 2D).
 */
static int
draw_readout(struct ui *u, struct reader *rd, int y)
{
	struct objective *o = u->runner.obj;
	int n = objective_dim(o);
	double w0 = rd->cursor[0], w1 = rd->cursor[1], f, g[2] = { 0, 0 }, h[4], lambda[2];
	char buf[240];
	const char *shape;

	/* the page's names: w0, w1 and J on a page about a model's cost */
	const char *fn = runner_function_name(&u->runner);

	objective_eval_point(o, rd->cursor, &f, g, h);
	/* no "-0" on the screen; the tests below read -0 as 0 anyway */
	w0 = ui_shown(w0);
	w1 = ui_shown(w1);
	f = ui_shown(f);
	g[0] = ui_shown(g[0]);
	g[1] = ui_shown(g[1]);
	h[0] = ui_shown(h[0]);
	if (n == 1) {
		snprintf(buf, sizeof buf, "%s %.4g   %s %.6g   %s' %.4g   %s'' %.4g",
			 objective_param(o, 0), w0, fn, f, fn, g[0], fn, h[0]);
		move(y++, 2);
		ui_put_utf8(buf, strlen(buf), u->cols - 4, 0);
		shape = fabs(g[0]) < 1e-6 ? (h[0] > 0 ? _("a critical point: a minimum") :
					    h[0] < 0 ? _("a critical point: a maximum") :
					    _("a critical point, flat")) :
			h[0] > 0 ? _("curving up (convex here)") : h[0] < 0 ? _("curving down") :
			_("not curving");
		/* TRANSLATORS: the readout of a cursor on the curve of f, with
		 * how it curves there (the messages above) */
		snprintf(buf, sizeof buf, fabs(g[0]) < 1e-6 ? "%s" : g[0] > 0 ? _("rising, %s") :
			 _("falling, %s"), shape);
	} else {
		double gn = sqrt(g[0] * g[0] + g[1] * g[1]);
		enum cp_kind k = analysis_classify(2, h, lambda);
		lambda[0] = ui_shown(lambda[0]);
		lambda[1] = ui_shown(lambda[1]);
		snprintf(buf, sizeof buf, "%s %.4g  %s %.4g   %s %.6g   grad (%.3g, %.3g)",
			 objective_param(o, 0), w0, objective_param(o, 1), w1, fn, f,
			 g[0], g[1]);
		move(y++, 2);
		ui_put_utf8(buf, strlen(buf), u->cols - 4, 0);
		if (gn < 1e-6)
			/* TRANSLATORS: the readout of a cursor on a surface, with
			 * the kind of the point (cp_kind_name): at most 76 columns
			 * with the numbers, as the next three */
			snprintf(buf, sizeof buf, k == CP_MINIMUM ? _("Hessian eigenvalues %.4g, "
				 "%.4g: a critical point, the kind: minimum") :
				 k == CP_MAXIMUM ? _("Hessian eigenvalues %.4g, %.4g: a critical "
				 "point, the kind: maximum") :
				 k == CP_SADDLE ? _("Hessian eigenvalues %.4g, %.4g: a critical "
				 "point, the kind: saddle") :
				 _("Hessian eigenvalues %.4g, %.4g: a critical point, the kind: "
				   "degenerate"), lambda[0], lambda[1]);
		else
			/* TRANSLATORS: at most 76 columns with the numbers and the
			 * next messages, the surface's shape */
			snprintf(buf, sizeof buf, _("Hessian eigenvalues %.4g, %.4g: %s"), lambda[0],
				 lambda[1], k == CP_MINIMUM ? _("curving up both ways") :
				 k == CP_MAXIMUM ? _("curving down both ways") :
				 k == CP_SADDLE ? _("saddle-shaped") : _("flat one way"));
	}
	move(y++, 2);
	ui_put_utf8(buf, strlen(buf), u->cols - 4, 0);
	return y;
}

/*
 * The page's text: its body, and its explanation once it is shown on a
 * page with a figure (a descent's when its runs have ended, or on x; a
 * page without a question or runs shows it always), into *owned when both
 * are there.  *body_lines is the body's length in rows.
 */
static const char *
page_text(struct ui *u, struct reader *rd, const struct lesson_page *p, int has_fig,
	  char **owned, int *body_lines)
{
	const char *body = p->body != NULL ? p->body : "";
	int explain;
	size_t n;

	if (rd->words) {
		/* w: the figure in words, in the text's region */
		*owned = NULL;
		*body_lines = 0;
		return rd->words_text;
	}
	explain = p->explain != NULL &&
		      (page_kind_asks(p->kind) ? rd->answered && has_fig :
		       p->kind == PAGE_DESCENT || p->kind == PAGE_NETWORK ? rd->answered :
		       p->question == NULL);

	*owned = NULL;
	*body_lines = body[0] != '\0' ? ui_text(u, body, 0, 0, ui_reader_text_width(u), 0, 0) : 0;
	if (!explain)
		return body;
	if (body[0] == '\0')
		return p->explain;
	n = strlen(body) + strlen(p->explain) + 3;
	*owned = xmalloc(n);
	snprintf(*owned, n, "%s\n\n%s", body, p->explain);
	return *owned;
}

/*
 * The page from the top: the header; the text in a region of its own,
 * which scrolls; the figure under it, where scrolling never moves it;
 * the cursor's readout; the question with its kind's lines; the
 * feedback; the status line.  The figure has 12 rows at least (8 of
 * plot, half a 24-row screen) while the text keeps 4, and every row the
 * text does not need; the text region's height depends on the page, not
 * on how far it is scrolled.  The explanation, once shown, follows the
 * body in the text region, which scrolls to it; on a page without a
 * figure, it follows the feedback, as the question follows the text.
 */
static void
page_draw(struct ui *u)
{
	struct reader *rd = reader_of(u);
	const struct lesson_chapter *c = u->chapter;
	const struct lesson_page *p = &c->pages[u->runner.page];
	const struct ui_page_kind *kind = kind_of(p);
	int has_fig = has_figure(u);
	int y, text_rows, fig_h = 0, qlines = 0, body_lines, max_scroll;
	char head[200], kbuf[96], *owned;
	const char *keys, *text;

	snprintf(head, sizeof head, _("  |  page %d of %d: %s"), u->runner.page + 1, c->npages,
		 p->title != NULL ? p->title : "");
	attron(A_BOLD);
	move(0, 0);
	{
		int tw = ui_chars(c->title, strlen(c->title)), hw = ui_chars(head, strlen(head));
		if (tw + hw <= u->cols) {
			ui_put(u, c->title, u->cols);
			ui_put(u, head, u->cols - tw);
		} else {
			/* too long: the chapter's title gives way, the page's stays whole */
			int room = u->cols - hw < 12 ? 12 : u->cols - hw;
			ui_put(u, c->title, room);
			ui_put(u, head, u->cols - room);
		}
	}
	attroff(A_BOLD);
	/* the room: the question's lines and the figure; the text gets the
	 * rest, and scrolls when it needs more */
	if (p->question != NULL)
		qlines = ui_text(u, p->question, 0, 0, ui_reader_text_width(u), 0, 0);
	if (kind->rows != NULL)
		qlines += kind->rows(u, p);
	if (rd->reading)
		qlines += 2;            /* the cursor's readout */
	if (!page_kind_asks(p->kind) && u->message[0] != '\0')
		/* a message on a page that asks nothing, after a blank row */
		qlines += 1 + ui_text(u, u->message, 0, 0, ui_reader_text_width(u), 0, 0);
	else if (u->message[0] != '\0') {
		/* longer feedback takes its rows from the figure and the text
		 * (counted above: one row of feedback for a quiz, two for the
		 * others), and so does the explanation under it, without a
		 * figure */
		int more = ui_text(u, u->message, 0, 0, ui_reader_text_width(u), 0, 0) -
			   kind->feedback_rows;
		if (!has_fig && rd->answered && p->explain != NULL)
			more += ui_text(u, p->explain, 0, 0, ui_reader_text_width(u), 0, 0);
		if (more > 0)
			qlines += more;
	}
	text = page_text(u, rd, p, has_fig, &owned, &body_lines);
	rd->textlines = text[0] != '\0' ? ui_text(u, text, 0, 0, ui_reader_text_width(u), 0, 0) : 0;
	text_rows = u->rows - 3 - qlines;
	if (has_fig) {
		/* the figure: 12 rows at least (8 of plot), as long as the text
		 * keeps 4; with f, or a descent's loss curve, all but 2 rows of
		 * text */
		int big = rd->bigfig ||
			  (p->kind == PAGE_DESCENT && ui_reader_loss(u, rd) && !ui_loss_beside(u->cols));
		int min_fig = big ? text_rows - 2 : text_rows - 4 < 12 ? text_rows - 4 : 12;
		int want;
		if (min_fig < 8)
			min_fig = 8;
		want = rd->textlines < text_rows - min_fig ? rd->textlines : text_rows - min_fig;
		fig_h = text_rows - (want > 0 ? want : 0);
		text_rows -= fig_h;
	}
	else if (rd->textlines < text_rows)
		text_rows = rd->textlines;      /* the question right under the text */
	if (text_rows < 0)
		text_rows = 0;
	rd->text_rows = text_rows;
	/* no scrolling past the end: the last rows of text fill the region */
	max_scroll = rd->textlines > text_rows ? rd->textlines - text_rows : 0;
	if (rd->to_explain) {
		/* the explanation was just shown: its first row at the top */
		rd->scroll = body_lines > 0 ? body_lines + 1 : 0;
		rd->to_explain = 0;
	}
	if (rd->scroll > max_scroll)
		rd->scroll = max_scroll;
	if (text_rows > 0)
		ui_text(u, text, 2, 1, ui_reader_text_width(u), text_rows, rd->scroll);
	free(owned);
	y = 2 + text_rows;
	if (has_fig && fig_h >= 8 && kind->figure != NULL && kind->figure(u, rd, p, y, fig_h)) {
		y += fig_h;
	} else if (has_fig && fig_h >= 8 && objective_dim(u->runner.obj) <= 2) {
		/* a figure has 8 rows at least */
		/* a descent's loss curve: beside the plot on a wide screen, else
		 * the figure's last 7 rows when 8 are left for the plot */
		int lh = 0, lw = 0, left = 0;
		if (p->kind == PAGE_DESCENT && ui_reader_loss(u, rd)) {
			lw = ui_loss_beside(u->cols);
			if (lw == 0 && fig_h >= 15)
				lh = 7;
		}
		/* a kind's own picture at the left (a map), the run's loss under
		 * the figure beside it when there is room */
		if (kind->left != NULL && (left = kind->left(u, rd, p, y, fig_h)) > 0)
			lh = fig_h >= 16 ? 6 : rd->loss > 0 ? fig_h : 0;
		if (fig_h - lh >= 8) {
			page_fig(u, rd, u->cols - lw - left, fig_h - lh);
		} else {                /* l: the loss curve instead of the figure */
			plot_fig_free(u->fig);
			u->fig = NULL;
			rd->shown_fig_page = -1;
		}
		if (lh > 0 || lw > 0) {
			const char *names[LESSON_MAX_RUNS];
			int i;
			for (i = 0; i < u->runner.nruns; i++)
				names[i] = u->runner.labels[i];
			if (lw > 0)
				ui_draw_loss(u, u->runner.runs, names, u->runner.nruns, y,
					     u->cols - lw + 1, lw - 1, fig_h);
			else
				ui_draw_loss(u, u->runner.runs, names, u->runner.nruns,
					     y + fig_h - lh, left, u->cols - left, lh);
		}
		if (u->fig != NULL) {
			ui_draw_canvas(u, plot_fig_canvas(u->fig), y, left);
			rd->fig_y = y;
			rd->fig_x = left;
			if ((kind->flags & UI_CURSOR) || rd->reading) {
				int cx, cy;
				double at[2] = { rd->cursor[0], rd->cursor[1] };
				if (objective_dim(u->runner.obj) == 1)   /* on the curve */
					objective_eval_point(u->runner.obj, rd->cursor, &at[1],
							     NULL, NULL);
				if (plot_fig_cell(u->fig, at, &cx, &cy) == 0) {
					attron(A_BOLD | A_REVERSE);
					mvaddch(y + cy, left + cx, '+');
					attroff(A_BOLD | A_REVERSE);
				}
			}
		}
		y += fig_h;
	}
	if (rd->reading)
		y = draw_readout(u, rd, y);
	y = draw_question(u, rd, p, y) + 1;
	if (u->message[0] != '\0' && y < u->rows - 1) {
		/* the feedback, and without a figure the explanation */
		attron(A_BOLD);
		y += ui_text(u, u->message, y, 1, ui_reader_text_width(u), u->rows - 1 - y, 0);
		attroff(A_BOLD);
		if (!has_fig && rd->answered && p->explain != NULL && y < u->rows - 1)
			ui_text(u, p->explain, y, 1, ui_reader_text_width(u), u->rows - 1 - y, 0);
	}
	keys = kind->status != NULL ? kind->status(u, rd, kbuf, sizeof kbuf) : _(kind->keys);
	if (rd->scroll < max_scroll)
		/* TRANSLATORS: %s is a page's keys, of 53 columns at most: 70 in all */
		ui_status(u, "%s  (down: more)", keys);
	else
		ui_status(u, "%s", keys);
}

static void
page_tick(struct ui *u)
{
	const struct ui_page_kind *kind = kind_of(&u->chapter->pages[u->runner.page]);

	if (kind->tick != NULL)
		kind->tick(u, reader_of(u));
}

void
ui_reader_judge(struct ui *u, struct reader *rd, enum answer a)
{
	if (a == ANSWER_INVALID) {
		if (u->runner.feedback[0] == '\0')
			snprintf(u->message, sizeof u->message, "%s",
				 _("That is not an answer to this question."));
		else
			snprintf(u->message, sizeof u->message, "%s", u->runner.feedback);
		return;
	}
	if (u->chapter->pages[u->runner.page].explain == NULL ||
	    (a == ANSWER_RIGHT && !has_figure(u)))
		/* (without a figure, the explanation is right under the feedback) */
		snprintf(u->message, sizeof u->message, "%s", u->runner.feedback);
	else if (a == ANSWER_RIGHT)
		snprintf(u->message, sizeof u->message, _("%.290s  (the explanation: above)"),
			 u->runner.feedback);
	else if (progress_page_of(u->prog, u->chapter, u->runner.page)->attempts < UI_TRIES)
		/* one more try first: the explanation gives the answer away */
		snprintf(u->message, sizeof u->message, "%s", u->runner.feedback);
	else
		snprintf(u->message, sizeof u->message, _("%.290s  (x: the explanation)"),
			 u->runner.feedback);
	rd->answered = a == ANSWER_RIGHT;
	rd->to_explain = rd->answered;
	progress_save(u->prog, &u->ds);
}

/* The chapter after the current one in the course, or NULL. */
static const struct lesson_chapter *
next_chapter(struct ui *u)
{
	int i;

	for (i = 0; i + 1 < u->course->n; i++)
		if (u->course->chapters[i] == u->chapter)
			return u->course->chapters[i + 1];
	return NULL;
}

void
ui_reader_restart_runs(struct ui *u, struct reader *rd)
{
	rd->playing = 0;
	plot_fig_free(u->fig);
	u->fig = NULL;
}

static void
go_page(struct ui *u, int n)
{
	struct reader *rd = reader_of(u);

	if (n >= u->chapter->npages) {
		/* past the last page: say so, and a second step goes on to the
		 * next chapter */
		const struct lesson_chapter *c = next_chapter(u);
		if (rd->at_end && c != NULL) {
			int i;
			for (i = 0; i < u->course->n; i++)
				if (u->course->chapters[i] == c)
					u->map_sel = i;
			ui_reader_open(u, c, ui_course_resume_page(u, c));
			return;
		}
		rd->at_end = 1;
		if (c != NULL)
			snprintf(u->message, sizeof u->message, _("The end of the chapter. n again: "
				 "the next one, %.200s; q: the map."), c->title);
		else
			snprintf(u->message, sizeof u->message, "%s",
				 _("The end of the chapter, and of the course. q: the map."));
		return;
	}
	if (n < 0)
		return;
	runner_goto(&u->runner, n);
	enter_page(u);
}

static int
page_key(struct ui *u, int ch)
{
	struct reader *rd = reader_of(u);
	const struct lesson_page *p = &u->chapter->pages[u->runner.page];
	const struct ui_page_kind *kind = kind_of(p);
	int dim = u->runner.obj != NULL ? objective_dim(u->runner.obj) : 0;
	int cursor = (kind->flags & UI_CURSOR) || rd->reading;

	if (ch == KEY_MOUSE) {
		MEVENT ev;
		double at[2];
		if (getmouse(&ev) != OK)
			return 0;
		if (kind->mouse != NULL && kind->mouse(u, rd, p, &ev))
			return 0;
		/* a click on the plot puts the cursor there */
		if (cursor && u->fig != NULL && ui_click(&ev) &&
		    plot_fig_point(u->fig, ev.x - rd->fig_x, ev.y - rd->fig_y, at) == 0) {
			rd->cursor[0] = at[0];
			if (dim == 2)
				rd->cursor[1] = at[1];
		}
		return 0;
	}
	if (kind->key != NULL && kind->key(u, rd, p, ch))
		return 0;
	if (ch == 'c' && (kind->flags & UI_READOUT) && dim > 0) {
		rd->reading = !rd->reading;
		return 0;
	}
	if (cursor) {
		double sx = (p->x[1] - p->x[0]) / 40, sy = (p->y[1] - p->y[0]) / 20;
		int moved = 1;
		switch (ch) {
		case KEY_LEFT: rd->cursor[0] -= sx; break;
		case KEY_RIGHT: rd->cursor[0] += sx; break;
		case KEY_UP: if (dim == 2) rd->cursor[1] += sy; break;
		case KEY_DOWN: if (dim == 2) rd->cursor[1] -= sy; break;
		default: moved = 0; break;
		}
		if (moved) {
			/* the cursor stays on the plot's region */
			rd->cursor[0] = fmin(fmax(rd->cursor[0], p->x[0]), p->x[1]);
			if (dim == 2)
				rd->cursor[1] = fmin(fmax(rd->cursor[1], p->y[0]), p->y[1]);
			/* three steps of 0.2 up and three down are 5.6e-17, not 0:
			 * rounding noise that would read "5.551e-17" */
			if (fabs(rd->cursor[0]) < 1e-9 * sx)
				rd->cursor[0] = 0;
			if (fabs(rd->cursor[1]) < 1e-9 * sy)
				rd->cursor[1] = 0;
			return 0;
		}
	}
	switch (ch) {
	case 'q':
		ui_switch(u, UI_SCREEN_MAP);
		return 1;
	case KEY_RIGHT: case 'n': case KEY_NPAGE:
		go_page(u, u->runner.page + 1);
		break;
	case KEY_LEFT: case 'p': case KEY_PPAGE:
		go_page(u, u->runner.page - 1);
		break;
	case KEY_DOWN: case 'j':
		if (rd->scroll + rd->text_rows < rd->textlines)
			rd->scroll++;
		break;
	case KEY_UP: case 'k':
		if (rd->scroll > 0)
			rd->scroll--;
		break;
	case 'h': {
		const char *h = runner_hint(&u->runner);
		snprintf(u->message, sizeof u->message, _("Hint: %s"),
			 h != NULL ? h : _("there is no hint on this page."));
		progress_save(u->prog, &u->ds);
		break;
	}
	case 'x':
		/* the explanation, once the learner has tried, after the
		 * text; x again hides it.  A descent's, at any time. */
		if ((p->kind == PAGE_DESCENT || p->kind == PAGE_NETWORK) && p->explain != NULL) {
			rd->answered = !rd->answered;
			rd->to_explain = rd->answered;
			break;
		}
		if (!page_kind_asks(p->kind))
			break;
		if (rd->answered) {
			rd->answered = 0;
			if (u->runner.feedback[0] != '\0')
				snprintf(u->message, sizeof u->message,
					 _("%.290s  (x: the explanation)"), u->runner.feedback);
		} else if (p->explain == NULL) {
			snprintf(u->message, sizeof u->message, "%s",
				 _("This page has no explanation."));
		} else if (progress_page_of(u->prog, u->chapter, u->runner.page)->attempts >=
			   UI_TRIES ||
			   progress_page_of(u->prog, u->chapter, u->runner.page)->correct) {
			rd->answered = 1;
			rd->to_explain = 1;
			if (u->message[0] == '\0')
				snprintf(u->message, sizeof u->message, "%s", _("The explanation:"));
		} else {
			snprintf(u->message, sizeof u->message, "%s", _("Try twice first (h gives a "
				 "hint); then x shows the explanation."));
		}
		break;
	case 'f':
		if (u->runner.obj != NULL) {
			rd->bigfig = !rd->bigfig;
			rd->scroll = 0;
		}
		break;
	case 'w':
		/* the figure in words, as it is now (w again: the text) */
		if (rd->words) {
			rd->words = 0;
		} else if (u->fig != NULL && rd->shown_fig_page == u->runner.page) {
			/* (the figure of this page: a network's is drawn by its kind) */
			char *text = lesson_view_describe(&u->runner, u->fig);
			size_t k;
			/* TRANSLATORS: *...* is shown in bold */
			k = (size_t)snprintf(rd->words_text, sizeof rd->words_text, "%s\n\n",
					     _("*The figure in words* (w: the page's text)"));
			if (k < sizeof rd->words_text)
				ui_paragraphs(rd->words_text + k, sizeof rd->words_text - k, text);
			free(text);
			rd->words = 1;
		} else {
			snprintf(u->message, sizeof u->message, "%s",
				 _("This page has no figure that w can put in words."));
		}
		rd->scroll = 0;
		break;
	case '\n': case '\r': case KEY_ENTER:
		go_page(u, u->runner.page + 1);
		break;
	default:
		break;
	}
	return 0;
}

const struct ui_screen ui_page_screen = {
	.name = N_("page reader"),
	/* the keys of every screen fit the smallest one, 70x20: 13 lines of 62 */
	/* TRANSLATORS: the reader's key help: 13 lines at most, of 62 columns at most */
	.help = N_("n, right, PgDn: next page   p, left, PgUp: previous page\n"
		"up/down, j k: scroll the text   f: a larger figure, or not\n"
		"h: a hint   x: the explanation (after a try or a run), or not\n"
		"quiz: arrows, 1-9, a click choose; space picks, Enter answers\n"
		"numeric, formula: type it, Enter; Esc: the page's keys\n"
		"challenge: o optimizer, [ ] rate, , . batch, i init, Enter\n"
		"descent: space play/pause, s step, N back, r reset, + - speed,\n"
		"   l the loss curve; and with challenge, t trail, g gradient;\n"
		"   the page's controls: Tab a run, [ ] { } ( ) < > , . turn it\n"
		"network: as descent, v a slice, e the Hessian; locate: arrows\n"
		"plot, descent: c a cursor that reads out f, the slope and the\n"
		"   curvature; arrows move it (use n and p for the pages)\n"
		"q: back to the course map   w: the figure in words, or not\n"),
	.draw = page_draw,
	.key = page_key,
	.tick = page_tick,
};
