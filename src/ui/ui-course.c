/*
 * ui-course.c - the course, full screen: the map of chapters with the
 * learner's progress, and the page reader that shows a page's text, its
 * plot or live descent, and takes the answers of its question, all
 * through the page runner of src/lesson (which judges and records).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/expr.h"
#include "descent/lesson.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "ui-int.h"

/* The page reader's own state. */
struct reader {
	int scroll;                     /* the text's first line shown */
	int textlines;                  /* the text's length, at the last draw */
	unsigned picked;                /* quiz: the choices picked */
	int choice;                     /* quiz: the choice under the cursor */
	char line[128];                 /* numeric: the answer being typed */
	size_t len;
	double cursor[2];               /* locate: the point under the cursor */
	int opt;                        /* challenge: the optimizer (index in allowed) */
	double lr;
	int playing;                    /* descent: the animation runs */
	int notrail, arrow;             /* descent: the trail hidden, the gradient arrow */
	int answered;                   /* right, or x after a try: the explanation is shown */
	int shown_fig_page;             /* the page the figure was built for, or -1 */
	int reading;                    /* plot and descent pages: the cursor reads out */
	int bigfig;                     /* f: the figure takes the room of the text */
	int fig_y;                      /* the screen row of the figure's top */
	int choice_y;                   /* quiz: the screen row of the first choice */
	int at_end;                     /* the last page was passed once: n opens the next chapter */
};

/* --- the course map ------------------------------------------------------- */

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
	char buf[160];

	attron(A_BOLD);
	mvaddstr(0, 2, "descent: the course");
	attroff(A_BOLD);
	memset(u->map_hit, 0, sizeof u->map_hit);
	if (u->course->nbroken > 0) {
		/* lesson files that did not load: one row, above the status */
		bottom--;
		snprintf(buf, sizeof buf, u->course->nbroken == 1 ?
			 "%d lesson file is broken and left out: descent lessons --check says why" :
			 "%d lesson files are broken and left out: descent lessons --check says why",
			 u->course->nbroken);
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
		snprintf(buf, sizeof buf, "(%d more above)", u->map_top);
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
			snprintf(buf, sizeof buf, "(%d more below)", n - i);
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
		ui_put(u, c->title, u->cols - 35);
		mvaddnstr(y, u->cols - 28, buf, 26);
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
		ui_status(u, "Enter: open (you left off in %s, page %d)  ?:keys q:quit",
			  u->prog->last_chapter, u->prog->last_page + 1);
	else
		ui_status(u, "up/down: choose  Enter: open the chapter  ?: keys  q: quit");
}

static void enter_page(struct ui *u);

static void
open_chapter(struct ui *u, const struct lesson_chapter *c, int page)
{
	if (u->has_runner)
		runner_done(&u->runner);
	u->chapter = c;
	runner_init(&u->runner, c, u->prog, &u->ds);
	u->has_runner = 1;
	ui_switch(u, &ui_page_screen);
	runner_goto(&u->runner, page);
	enter_page(u);
}

/* The page to resume a chapter at: where the learner left it, or its first unseen page. */
static int
resume_page(struct ui *u, const struct lesson_chapter *c)
{
	int j;

	if (u->prog->last_chapter != NULL && strcmp(u->prog->last_chapter, c->id) == 0)
		return u->prog->last_page;
	for (j = 0; j < c->npages; j++)
		if (!progress_page(u->prog, c->id, j)->seen)
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
			open_chapter(u, u->course->chapters[hit - 1],
				     resume_page(u, u->course->chapters[hit - 1]));
		break;
	}
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: case 'l': {
		const struct lesson_chapter *c = u->course->chapters[u->map_sel];
		open_chapter(u, c, resume_page(u, c));
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
	.name = "course map",
	.help = "up/down, j k, 1-9, a click: choose a chapter\n"
		"Enter, right, l, a click on the chosen one: open it where\n"
		"   you left off\n"
		"q: quit (your progress is saved as you go)\n",
	.draw = map_draw,
	.key = map_key,
};

/* --- the page reader -------------------------------------------------------- */

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
	int bigfig = rd->bigfig;        /* the learner's choice stays from page to page */

	memset(rd, 0, sizeof *rd);
	rd->bigfig = bigfig;
	rd->shown_fig_page = -1;
	u->message[0] = '\0';
	rd->cursor[0] = (p->x[0] + p->x[1]) / 2;
	rd->cursor[1] = (p->y[0] + p->y[1]) / 2;
	if (p->kind == PAGE_CHALLENGE)
		rd->lr = p->lr_min;     /* the learner finds the rate; [ ] change it */
	u->timeout_ms = p->kind == PAGE_DESCENT ? 40 : 250;
	progress_save(u->prog, &u->ds);
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
	char msg[200], caption[256];

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
		u->fig = plot_fig_new(r->obj, &po, caption, msg, sizeof msg);
		if (u->fig == NULL)
			return;
	}
	lesson_view_runs(r, u->fig);
}

/*
 * The width of the page's text: the screen's, but 100 columns at most,
 * since longer lines are hard to read (the figure takes the whole width).
 */
static int
text_width(const struct ui *u)
{
	return u->cols - 2 > 100 ? 100 : u->cols - 2;
}

/* The question's lines under the text: choices, the answer line, the cursor. */
static int
draw_question(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	int i;
	char buf[440];

	if (p->question != NULL) {
		attron(A_BOLD);
		y += ui_text(u, p->question, y, 1, text_width(u), u->rows - 1 - y, 0);
		attroff(A_BOLD);
	}
	switch (p->kind) {
	case PAGE_QUIZ:
		rd->choice_y = y;
		for (i = 0; i < p->nchoices && y < u->rows - 2; i++) {
			attr_t a = i == rd->choice ? A_REVERSE : 0;
			attron(a);
			mvprintw(y, 2, "[%c] %d) ", rd->picked & (1u << i) ? 'x' : ' ', i + 1);
			ui_put(u, p->choices[i], u->cols - 12);
			attroff(a);
			y++;
		}
		break;
	case PAGE_NUMERIC:
		mvprintw(y++, 2, "Your answer: %s_", rd->line);
		break;
	case PAGE_LOCATE:
		if (objective_dim(u->runner.obj) == 2)
			snprintf(buf, sizeof buf, "The cursor: x %.4g, y %.4g", rd->cursor[0],
				 rd->cursor[1]);
		else
			snprintf(buf, sizeof buf, "The cursor: x %.4g", rd->cursor[0]);
		mvaddnstr(y++, 2, buf, u->cols - 4);
		break;
	case PAGE_CHALLENGE:
		snprintf(buf, sizeof buf, "Optimizer %s, learning rate %.4g", p->allowed[rd->opt]->name,
			 rd->lr);
		mvaddnstr(y++, 2, buf, u->cols - 4);
		break;
	case PAGE_DESCENT:
		/* each run: how far it is, where, and how it ended (as learn
		 * --plain says it) */
		for (i = 0; i < u->runner.nruns && y < u->rows - 1; i++) {
			char head[200], tail[200];
			int going = run_trajectory(u->runner.runs[i])->outcome == RUN_RUNNING;
			runner_run_text(&u->runner, i, head, sizeof head, tail, sizeof tail);
			snprintf(buf, sizeof buf, "%s%s%s%s", head, tail[0] ? " " : "", tail,
				 going && !rd->playing ? " (space plays)" : "");
			move(y++, 2);
			ui_put(u, buf, u->cols - 4);
		}
		if (p->interactive && y < u->rows - 1) {
			/* the page is the learner's to change */
			attron(A_DIM);
			move(y++, 2);
			ui_put(u, "Yours to try: [ ] the rates, a click (or c, arrows, Enter) the start",
			       u->cols - 4);
			attroff(A_DIM);
		}
		break;
	default:
		break;
	}
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

	objective_eval_point(o, rd->cursor, &f, g, h);
	g[0] += 0.0;                    /* no "-0" */
	g[1] += 0.0;
	if (n == 1) {
		snprintf(buf, sizeof buf, "x %.4g   f %.6g   f' %.4g   f'' %.4g", w0, f, g[0], h[0]);
		mvaddnstr(y++, 2, buf, u->cols - 4);
		shape = fabs(g[0]) < 1e-6 ? (h[0] > 0 ? "a critical point: a minimum" :
					    h[0] < 0 ? "a critical point: a maximum" :
					    "a critical point, flat") :
			h[0] > 0 ? "curving up (convex here)" : h[0] < 0 ? "curving down" :
			"not curving";
		snprintf(buf, sizeof buf, "%s%s", fabs(g[0]) < 1e-6 ? "" : g[0] > 0 ? "rising, " :
			 "falling, ", shape);
	} else {
		double gn = sqrt(g[0] * g[0] + g[1] * g[1]);
		enum cp_kind k = analysis_classify(2, h, lambda);
		snprintf(buf, sizeof buf, "x %.4g  y %.4g   f %.6g   grad (%.3g, %.3g)", w0, w1, f,
			 g[0], g[1]);
		mvaddnstr(y++, 2, buf, u->cols - 4);
		if (gn < 1e-6)
			snprintf(buf, sizeof buf, "Hessian eigenvalues %.4g, %.4g: a critical point, "
				 "the kind: %s", lambda[0], lambda[1], cp_kind_name(k));
		else
			snprintf(buf, sizeof buf, "Hessian eigenvalues %.4g, %.4g: %s", lambda[0],
				 lambda[1], k == CP_MINIMUM ? "curving up both ways" :
				 k == CP_MAXIMUM ? "curving down both ways" :
				 k == CP_SADDLE ? "saddle-shaped" : "flat one way");
	}
	mvaddnstr(y++, 2, buf, u->cols - 4);
	return y;
}

/* The main keys of a page, for the status line: 53 columns at most, so
 * that "  (x: the figure)" still fits in the narrowest screen (70). */
static const char *
page_keys(const struct lesson_page *p)
{
	switch (p->kind) {
	case PAGE_QUIZ:
		return "up/down,1-9:choose Enter:answer h:hint n/p:page q:map";
	case PAGE_NUMERIC:
		return "type a number  Enter:answer h:hint n/p:page q:map";
	case PAGE_LOCATE:
		return "arrows:move Enter:answer h:hint n/p:page q:map";
	case PAGE_CHALLENGE:
		return "o:optimizer [ ]:rate Enter:try h:hint n/p:page q:map";
	case PAGE_DESCENT:
		return "space:play s:step c:cursor ?:keys n/p:page q:map";
	case PAGE_PLOT:
		return "c:cursor n:next page p:previous ?:keys q:map";
	default:
		return "n:next page p:previous ?:keys q:map";
	}
}

static void
page_draw(struct ui *u)
{
	struct reader *rd = reader_of(u);
	const struct lesson_chapter *c = u->chapter;
	const struct lesson_page *p = &c->pages[u->runner.page];
	int has_fig = u->runner.obj != NULL && objective_dim(u->runner.obj) <= 2;
	int y, text_rows, fig_h = 0, qlines = 0;
	char head[300], *owned = NULL;
	const char *body = p->body != NULL ? p->body : "";

	snprintf(head, sizeof head, "%s  |  page %d of %d: %s", c->title, u->runner.page + 1,
		 c->npages, p->title != NULL ? p->title : "");
	attron(A_BOLD);
	move(0, 0);
	ui_put(u, head, u->cols);
	attroff(A_BOLD);
	/* the room: the question's lines and the figure; the text gets the
	 * rest, and scrolls when it needs more */
	if (p->question != NULL)
		qlines = ui_text(u, p->question, 0, 0, text_width(u), 0, 0);
	if (p->kind == PAGE_QUIZ)
		qlines += p->nchoices + 2;
	else if (p->kind == PAGE_DESCENT)
		qlines += u->runner.nruns + 1 + p->interactive;
	else if (p->kind != PAGE_TEXT && p->kind != PAGE_PLOT)
		qlines += 4;            /* the answer line, a blank, two of feedback */
	if (rd->reading)
		qlines += 2;            /* the cursor's readout */
	if (page_kind_asks(p->kind) && u->message[0] != '\0') {
		/* longer feedback, and the explanation once it is shown, take
		 * their rows from the figure and the text (counted above: one
		 * row of feedback for a quiz, two for the others) */
		int more = ui_text(u, u->message, 0, 0, text_width(u), 0, 0) -
			   (p->kind == PAGE_QUIZ ? 1 : 2);
		if (rd->answered && p->explain != NULL)
			more += ui_text(u, p->explain, 0, 0, text_width(u), 0, 0);
		if (more > 0)
			qlines += more;
	}
	/* a page without a question shows its explanation after the body */
	if (p->explain != NULL && p->question == NULL && p->kind != PAGE_LOCATE &&
	    p->kind != PAGE_CHALLENGE) {
		size_t n = strlen(p->body != NULL ? p->body : "") + strlen(p->explain) + 3;
		body = owned = xmalloc(n);
		snprintf(owned, n, "%s\n\n%s", p->body != NULL ? p->body : "", p->explain);
	}
	rd->textlines = ui_text(u, body, 2, 1, text_width(u), 0, 0);
	text_rows = u->rows - 3 - qlines;
	if (has_fig) {
		/* the figure: 12 rows at least (8 of plot), as long as the text
		 * keeps 4; with f, all but 2 rows of text */
		int min_fig = rd->bigfig ? text_rows - 2 : text_rows - 4 < 12 ? text_rows - 4 : 12;
		int want;
		if (min_fig < 8)
			min_fig = 8;
		want = rd->textlines < text_rows - min_fig ? rd->textlines : text_rows - min_fig;
		fig_h = text_rows - (want > 0 ? want : 0);
		text_rows -= fig_h;
	}
	ui_text(u, body, 2, 1, text_width(u), text_rows, rd->scroll);
	free(owned);
	y = 2 + (rd->textlines - rd->scroll < text_rows ? rd->textlines - rd->scroll : text_rows);
	if (has_fig && fig_h >= 8) {       /* a figure has 8 rows at least */
		page_fig(u, rd, u->cols, fig_h);
		if (u->fig != NULL) {
			ui_draw_canvas(u, plot_fig_canvas(u->fig), y, 0);
			rd->fig_y = y;
			if (p->kind == PAGE_LOCATE || rd->reading) {
				int cx, cy;
				double at[2] = { rd->cursor[0], rd->cursor[1] };
				if (objective_dim(u->runner.obj) == 1)   /* on the curve */
					objective_eval_point(u->runner.obj, rd->cursor, &at[1],
							     NULL, NULL);
				if (plot_fig_cell(u->fig, at, &cx, &cy) == 0) {
					attron(A_BOLD | A_REVERSE);
					mvaddch(y + cy, cx, '+');
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
		/* the feedback, and the explanation once it is right */
		attron(A_BOLD);
		y += ui_text(u, u->message, y, 1, text_width(u), u->rows - 1 - y, 0);
		attroff(A_BOLD);
		if (rd->answered && p->explain != NULL && y < u->rows - 1)
			ui_text(u, p->explain, y, 1, text_width(u), u->rows - 1 - y, 0);
	}
	if (has_fig && fig_h < 8 && rd->answered)
		ui_status(u, "%s  (x: the figure)", page_keys(p));      /* the explanation took it */
	else if (rd->textlines > text_rows + rd->scroll)
		ui_status(u, "%s  (down: more)", page_keys(p));
	else
		ui_status(u, "%s", page_keys(p));
}

static void
page_tick(struct ui *u)
{
	struct reader *rd = reader_of(u);

	int i;

	/* five steps a tick of 40 ms: a run of a thousand steps in 8 s */
	for (i = 0; rd->playing && i < 5; i++)
		if (runner_descent_step(&u->runner) == 0)
			rd->playing = 0;
}

static void
judge(struct ui *u, struct reader *rd, enum answer a)
{
	if (a == ANSWER_INVALID) {
		if (u->runner.feedback[0] == '\0')
			snprintf(u->message, sizeof u->message, "That is not an answer to this question.");
		else
			snprintf(u->message, sizeof u->message, "%s", u->runner.feedback);
		return;
	}
	if (a == ANSWER_RIGHT || u->chapter->pages[u->runner.page].explain == NULL)
		snprintf(u->message, sizeof u->message, "%s", u->runner.feedback);
	else
		snprintf(u->message, sizeof u->message, "%.290s  (x: the explanation)",
			 u->runner.feedback);
	rd->answered = a == ANSWER_RIGHT;
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

/* The runs changed by the learner: paused, and drawn afresh. */
static void
restart_runs(struct ui *u, struct reader *rd)
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
			open_chapter(u, c, resume_page(u, c));
			return;
		}
		rd->at_end = 1;
		if (c != NULL)
			snprintf(u->message, sizeof u->message, "The end of the chapter. n again: "
				 "the next one, %.200s; q: the map.", c->title);
		else
			snprintf(u->message, sizeof u->message,
				 "The end of the chapter, and of the course. q: the map.");
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
	int dim = u->runner.obj != NULL ? objective_dim(u->runner.obj) : 0;
	int interactive = p->kind == PAGE_DESCENT && p->interactive && dim > 0;

	if (p->kind == PAGE_NUMERIC && ((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
					ch == '/' || ch == 'e' || ch == '+' || ch == '*')) {
		if (rd->len + 1 < sizeof rd->line) {
			rd->line[rd->len++] = (char)ch;
			rd->line[rd->len] = '\0';
		}
		return 0;
	}
	if (p->kind == PAGE_QUIZ && (ch == KEY_UP || ch == KEY_DOWN)) {
		/* the arrows choose; space or Enter then picks */
		if (ch == KEY_UP && rd->choice > 0)
			rd->choice--;
		if (ch == KEY_DOWN && rd->choice + 1 < p->nchoices)
			rd->choice++;
		return 0;
	}
	if (ch == 'c' && (p->kind == PAGE_PLOT || p->kind == PAGE_DESCENT) && dim > 0) {
		rd->reading = !rd->reading;
		return 0;
	}
	if (ch == KEY_MOUSE && p->kind == PAGE_QUIZ) {
		/* a click on a choice picks it, as its number does */
		MEVENT ev;
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
		    ev.y >= rd->choice_y && ev.y < rd->choice_y + p->nchoices)
			ch = '1' + (ev.y - rd->choice_y);
		else
			return 0;
	}
	if (ch == KEY_MOUSE && interactive && !rd->reading && u->fig != NULL) {
		/* a click on the plot: the runs start again from there */
		MEVENT ev;
		double at[2];
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
		    plot_fig_point(u->fig, ev.x, ev.y - rd->fig_y, at) == 0 &&
		    runner_descent_set(&u->runner, at, u->runner.lr_factor) == 0)
			restart_runs(u, rd);
		return 0;
	}
	if (ch == KEY_MOUSE && (p->kind == PAGE_LOCATE || rd->reading) && u->fig != NULL) {
		/* a click on the plot puts the cursor there */
		MEVENT ev;
		double at[2];
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
		    plot_fig_point(u->fig, ev.x, ev.y - rd->fig_y, at) == 0) {
			rd->cursor[0] = at[0];
			if (dim == 2)
				rd->cursor[1] = at[1];
		}
		return 0;
	}
	if (p->kind == PAGE_LOCATE || rd->reading) {
		double sx = (p->x[1] - p->x[0]) / 40, sy = (p->y[1] - p->y[0]) / 20;
		switch (ch) {
		case KEY_LEFT: rd->cursor[0] -= sx; return 0;
		case KEY_RIGHT: rd->cursor[0] += sx; return 0;
		case KEY_UP: if (dim == 2) rd->cursor[1] += sy; return 0;
		case KEY_DOWN: if (dim == 2) rd->cursor[1] -= sy; return 0;
		default: break;
		}
	}
	switch (ch) {
	case 'q':
		ui_switch(u, &ui_map_screen);
		return 1;
	case KEY_RIGHT: case 'n': case KEY_NPAGE:
		go_page(u, u->runner.page + 1);
		break;
	case KEY_LEFT: case 'p': case KEY_PPAGE:
		go_page(u, u->runner.page - 1);
		break;
	case KEY_DOWN: case 'j':
		if (rd->scroll + 1 < rd->textlines)
			rd->scroll++;
		break;
	case KEY_UP: case 'k':
		if (rd->scroll > 0)
			rd->scroll--;
		break;
	case 'h': {
		const char *h = runner_hint(&u->runner);
		snprintf(u->message, sizeof u->message, "Hint: %s",
			 h != NULL ? h : "there is no hint on this page.");
		progress_save(u->prog, &u->ds);
		break;
	}
	case KEY_BACKSPACE: case 127: case 8:
		if (rd->len > 0)
			rd->line[--rd->len] = '\0';
		break;
	case ' ':
		if (p->kind == PAGE_QUIZ)
			rd->picked ^= 1u << rd->choice;
		else if (p->kind == PAGE_DESCENT)
			rd->playing = !rd->playing;
		break;
	case 's':
		if (p->kind == PAGE_DESCENT) {
			rd->playing = 0;
			runner_descent_step(&u->runner);
		}
		break;
	case 'r':
		if (p->kind == PAGE_DESCENT) {
			rd->playing = 0;
			runner_descent_reset(&u->runner);
			plot_fig_free(u->fig);
			u->fig = NULL;
		}
		break;
	case 'x':
		/* the explanation, once the learner has tried; x again hides
		 * it, and gives its rows back to the figure */
		if (!page_kind_asks(p->kind))
			break;
		if (rd->answered) {
			rd->answered = 0;
		} else if (p->explain == NULL) {
			snprintf(u->message, sizeof u->message, "This page has no explanation.");
		} else if (progress_page(u->prog, u->chapter->id, u->runner.page)->attempts > 0) {
			rd->answered = 1;
			if (u->message[0] == '\0')
				snprintf(u->message, sizeof u->message, "The explanation:");
		} else {
			snprintf(u->message, sizeof u->message,
				 "Answer once first (h gives a hint); then x shows the explanation.");
		}
		break;
	case 'f':
		if (u->runner.obj != NULL) {
			rd->bigfig = !rd->bigfig;
			rd->scroll = 0;
		}
		break;
	case 't': case 'g':
		if (p->kind == PAGE_DESCENT || p->kind == PAGE_CHALLENGE) {
			if (ch == 't')
				rd->notrail = !rd->notrail;
			else
				rd->arrow = !rd->arrow;
			rd->shown_fig_page = -1;        /* a new background, runs redrawn */
		}
		break;
	case 'o':
		if (p->kind == PAGE_CHALLENGE)
			rd->opt = (rd->opt + 1) % p->nallowed;
		break;
	case '[': case ']':
		if (p->kind == PAGE_CHALLENGE) {
			double lr = ch == ']' ? rd->lr * 1.25 : rd->lr / 1.25;
			if (lr >= p->lr_min * 0.999999 && lr <= p->lr_max * 1.000001)
				rd->lr = lr;
		} else if (interactive) {
			/* the learner's rates: halved or doubled, the runs afresh */
			double f = u->runner.lr_factor * (ch == ']' ? 2 : 0.5);
			if (runner_descent_set(&u->runner, NULL, f) == 0)
				restart_runs(u, rd);
			else
				snprintf(u->message, sizeof u->message,
					 "The rates go from 1/64 to 64 times the page's.");
		}
		break;
	case '\n': case '\r': case KEY_ENTER:
		if (p->kind == PAGE_QUIZ) {
			if (rd->picked == 0)
				rd->picked = 1u << rd->choice;
			judge(u, rd, runner_quiz(&u->runner, rd->picked));
		} else if (p->kind == PAGE_NUMERIC) {
			struct expr_error e;
			struct expr *x = expr_parse(rd->line, NULL, 0, &e);
			double v;
			if (x != NULL && expr_is_const(x, expr_root(x), &v))
				judge(u, rd, runner_numeric(&u->runner, v));
			else
				snprintf(u->message, sizeof u->message,
					 "Type a number, such as 0.5 or 1/18.");
			expr_free(x);
		} else if (p->kind == PAGE_LOCATE) {
			judge(u, rd, runner_locate(&u->runner, rd->cursor));
		} else if (p->kind == PAGE_CHALLENGE) {
			judge(u, rd, runner_challenge(&u->runner, p->allowed[rd->opt], rd->lr));
			plot_fig_free(u->fig);  /* the new attempt replaces the last */
			u->fig = NULL;
		} else if (interactive && rd->reading) {
			/* the runs start again from the cursor */
			if (runner_descent_set(&u->runner, rd->cursor, u->runner.lr_factor) == 0)
				restart_runs(u, rd);
		} else {
			go_page(u, u->runner.page + 1);
		}
		break;
	default:
		if (p->kind == PAGE_QUIZ && ch >= '1' && ch <= '9' && ch - '1' < p->nchoices) {
			rd->choice = ch - '1';
			if (__builtin_popcount(p->answers) > 1)
				rd->picked ^= 1u << rd->choice;
			else
				rd->picked = 1u << rd->choice;
		}
		break;
	}
	return 0;
}

const struct ui_screen ui_page_screen = {
	.name = "page reader",
	/* the keys of every screen fit the smallest one, 70x20: 12 lines of 62 */
	.help = "n, right, PgDn: next page   p, left, PgUp: previous page\n"
		"up/down, j k: scroll the text   f: a larger figure, or not\n"
		"h: a hint   x: the explanation (after an answer), or not\n"
		"quiz: up/down, 1-9 or a click choose, space picks one more,\n"
		"      Enter answers\n"
		"numeric: type the number, Enter answers\n"
		"locate: arrows or a click move the cursor, Enter answers\n"
		"challenge: o optimizer, [ ] learning rate, Enter tries it\n"
		"descent: space play or pause, s one step, r reset; and with\n"
		"   challenge, t the trail, g the gradient arrow\n"
		"plot, descent: c a cursor that reads out f, the slope and the\n"
		"   curvature; arrows move it (use n and p for the pages)\n"
		"q: back to the course map\n",
	.draw = page_draw,
	.key = page_key,
	.tick = page_tick,
};

void
ui_course_open(struct ui *u, const char *chapter, int page)
{
	const struct lesson_chapter *c = NULL;
	int i;

	ui_switch(u, &ui_map_screen);
	if (chapter != NULL || u->prog->last_chapter != NULL)
		c = lesson_course_find(u->course, chapter != NULL ? chapter : u->prog->last_chapter);
	for (i = 0; c != NULL && i < u->course->n; i++)
		if (u->course->chapters[i] == c)
			u->map_sel = i;
	if (c != NULL && chapter != NULL) {
		open_chapter(u, c, page >= 0 ? page : resume_page(u, c));
	}
}
