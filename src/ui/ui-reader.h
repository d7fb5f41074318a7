/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-reader.h - what the page reader (ui-reader.c) shares with the files
 * of the page kinds' screens (ui-quiz.c, ui-answer.c, ui-locate.c,
 * ui-descent.c, ui-challenge.c, ui-mappage.c): the reader's state, and the table entry
 * each kind fills.  The reader draws what every page has (the header, the
 * text, the figure, the cursor, the feedback, the status line) and takes
 * the keys every page has (pages, scrolling, hint, explanation, figure
 * size); a kind draws its question's lines and takes its own keys first.
 */
#ifndef DESCENT_UI_READER_H
#define DESCENT_UI_READER_H

#include "ui-int.h"

/* The page reader's own state. */
struct reader {
	int scroll;                     /* the text's first line shown */
	int textlines;                  /* the text's length, at the last draw */
	int text_rows;                  /* the rows of its region, at the last draw */
	int to_explain;                 /* the explanation was just shown: scroll to it */
	unsigned picked;                /* quiz: the choices picked */
	int choice;                     /* quiz: the choice under the cursor */
	char line[128];                 /* numeric, formula: the answer being typed */
	size_t len;
	int typing;                     /* formula: the answer line takes the keys */
	int errcol;                     /* formula: the column of its error, from 1, */
	char err[240];                  /*   and the error */
	double cursor[2];               /* locate: the point under the cursor */
	int opt;                        /* challenge: the optimizer (index in allowed), */
	int batch, init;                /*   the batch size and init (in the page's lists) */
	double lr;
	int playing;                    /* descent: the animation runs */
	double pace, due;               /* descent: steps a second, and those due */
	int sel;                        /* descent: the run the controls turn, from 1; 0: all */
	int loss;                       /* descent: the loss curve shown (1), hidden (-1) by l, */
					/*   or 0: shown beside a figure on a wide screen */
	int notrail, arrow;             /* descent: the trail hidden, the gradient arrow */
	int answered;                   /* right, or x after a try: the explanation is shown */
	int shown_fig_page;             /* the page the figure was built for, or -1 */
	int reading;                    /* plot and descent pages: the cursor reads out */
	int bigfig;                     /* f: the figure takes the room of the text */
	int fig_y, fig_x;               /* the screen row of the figure's top, its column */
	int choice_y;                   /* quiz: the screen row of the first choice */
	int at_end;                     /* the last page was passed once: n opens the next chapter */
	int slice;                      /* network: v shows the landscape on a plane */
	int words;                      /* w: the figure in words, instead of the text */
	char words_text[8192];          /*   as it was when w was pressed */
};

/*
 * A kind of page on the full screen: one entry of the table in
 * ui-reader.c, in its own file.  Every hook may be NULL.
 */
struct ui_page_kind {
	/* its main keys, for the status line: 53 columns at most */
	const char *keys;
	/* or the same with what changes (a pace), into buf; NULL: keys */
	const char *(*status)(struct ui *u, const struct reader *rd, char *buf, size_t size);
	unsigned flags;                 /* UI_* */
	/* rows of feedback the page's question lines already count */
	int feedback_rows;
	/* sets the reader up on entering a page of the kind */
	void (*enter)(struct ui *u, struct reader *rd, const struct lesson_page *p);
	/* the rows its lines under the question take */
	int (*rows)(struct ui *u, const struct lesson_page *p);
	/* draws those lines from row y; returns the next row */
	int (*draw)(struct ui *u, struct reader *rd, const struct lesson_page *p, int y);
	/* takes a key before the reader; returns 1 when it did */
	int (*key)(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch);
	/* takes a click before the reader; returns 1 when it did */
	int (*mouse)(struct ui *u, struct reader *rd, const struct lesson_page *p,
		     const MEVENT *ev);
	/* the animation, when no key came */
	void (*tick)(struct ui *u, struct reader *rd);
	/*
	 * draws a picture of its own at the left of the figure's rows y to
	 * y + h (a map page's map) and returns the columns it took; the
	 * figure gets the rest
	 */
	int (*left)(struct ui *u, struct reader *rd, const struct lesson_page *p, int y, int h);
	/*
	 * draws the figure's rows y to y + h itself (a network page: loss
	 * curves and what the model learned), for an objective of any size;
	 * returns 0 to leave the figure to the reader
	 */
	int (*figure)(struct ui *u, struct reader *rd, const struct lesson_page *p, int y,
		      int h);
};

enum {
	UI_CURSOR = 1 << 0,             /* the page always has a cursor on its figure */
	UI_READOUT = 1 << 1,            /* c shows a cursor that reads out f, the slope... */
};

#define PAGE_KIND(K, name) extern const struct ui_page_kind ui_kind_##name;
#include "descent/page-kinds.def"
#undef PAGE_KIND

/* The width of the page's text: the screen's, but 100 columns at most. */
int ui_reader_text_width(const struct ui *u);
/* Shows what answer a deserved (the runner's feedback), and records it. */
void ui_reader_judge(struct ui *u, struct reader *rd, enum answer a);
/* The runs were changed by the learner: paused, and drawn afresh. */
void ui_reader_restart_runs(struct ui *u, struct reader *rd);
/* The answer being typed (numeric, formula): a byte more, a character less. */
void ui_reader_line_add(struct reader *rd, int ch);
void ui_reader_line_back(struct reader *rd);
/* Whether a descent page shows its loss curve (rd->loss, or a wide screen). */
int ui_reader_loss(const struct ui *u, const struct reader *rd);
/* t hides the trail, g shows the gradient arrow: 1 when ch was one of them. */
int ui_reader_figure_keys(struct reader *rd, int ch);
/* Whether a click is the first button's. */
int ui_click(const MEVENT *ev);
/*
 * What descent and network pages share (ui-descent.c): space plays or
 * pauses the runs, s steps them, + and - change the pace, r starts them
 * again (1 when ch was one of these); and the tick that plays them at the
 * pace, the explanation shown when every run has ended.
 */
int ui_descent_play_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch);
/*
 * The page's pace, or one that plays its step limit in about 10 s (a
 * tenth of it a second), within lo and hi steps a second.
 */
double ui_descent_pace(const struct lesson_page *p, double lo, double hi);
void ui_descent_tick(struct ui *u, struct reader *rd);
/*
 * What a model of data has learned (ui-network.c), in rows y to y + h:
 * the loss curves s (n of them) at the left, when there are any, and at
 * the right the curve or regions of page p's model
 * at the parameters theta, titled "what WHO learned" (or "the model at
 * its start" when who is NULL).
 */
void ui_network_figure(struct ui *u, const struct plot_series *s, int n, const double *theta,
		       const char *who, const struct lesson_page *p, int y, int h);

#endif
