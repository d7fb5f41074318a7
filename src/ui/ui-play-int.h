/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-play-int.h - what the playground's files share (ui-play.c, its
 * screen and keys; ui-play-view.c, its figure and side panel;
 * ui-play-map.c, its map of settings): the state of the live descent, its
 * racers, and the drawing of both.
 */
#ifndef DESCENT_UI_PLAY_INT_H
#define DESCENT_UI_PLAY_INT_H

#include <stddef.h>

#include "descent/optim.h"
#include "ui-int.h"

#define MAX_RACERS 4
#define PLAY_MAX_STEPS 100000   /* a racer's step limit */

/* A racer: an optimizer with its settings, and its run from the start point. */
struct racer {
	struct run_config cfg;
	struct run *run;
};

/* The playground's state (u->state of its screen). */
struct play {
	struct objective *obj;
	int dim;
	char expr[512];
	struct racer r[MAX_RACERS];
	int nr, cur;                    /* racers; the one the keys change */
	double start[2];
	double x0, x1, y0, y1;          /* the view (x1 <= x0: automatic) */
	int playing, speed;             /* steps per tick */
	int basins, convexity, arrow;
	int notrail;                    /* 't': just the S and the @ */
	int signs;                      /* 's': each step green where f fell, red where it rose */
	int loss;                       /* f: the loss curve shown (1), hidden (-1), or 0: */
					/*   shown beside the plot on a wide screen */
	int rebuild;                    /* the figure's background is stale */
	int editing;                    /* the line editor of 'e' is open */
	struct ui_edit ed;
	struct play_map *map;           /* 'm': the map of settings shown, or NULL */
	int picking, pick;              /* 'O': the list of optimizers open, its cursor */
};

/*
 * Racer i takes up optimizer opt, with its default parameters but the
 * learning rate opt_suggest_lr gives for it at p's start (keys a, o, O,
 * 1-9 and 0).
 */
void ui_play_join(struct play *p, int i, const struct optimizer *opt);

/*
 * Builds the figure's background for p in w x h cells into u->fig (on an
 * error, u->fig is NULL and u->message says why), and remembers an
 * automatic view in p, for zooming.
 */
void ui_play_build_fig(struct ui *u, struct play *p, int w, int h);
/* Draws each racer's trajectory on u->fig, with its legend. */
void ui_play_draw_runs(struct ui *u, struct play *p);
/* The loss curve of every racer in rows y to y + h, from column x, w wide. */
void ui_play_draw_loss(struct ui *u, struct play *p, int y, int x, int w, int h);
/*
 * The map of settings of racer p->cur (ui-play-map.c): a new one, or NULL
 * with u->message saying why; its drawing over the whole screen; and its
 * keys, which return 0 to stay, 1 to go back as it was, and 2 to go back
 * giving the cell's settings to cfg (the racer's).
 */
struct play_map;
struct play_map *ui_play_map_new(struct ui *u, struct play *p);
void ui_play_map_free(struct play_map *m);
void ui_play_map_draw(struct ui *u, struct play *p, struct play_map *m);
int ui_play_map_key(struct ui *u, struct play *p, struct play_map *m, int ch,
		    struct run_config *cfg);

/* The side panel at column x, width wide and rows high. */
void ui_play_draw_panel(struct ui *u, struct play *p, int x, int width, int rows);

#endif
