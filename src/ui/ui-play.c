/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-play.c - the playground's live descent (descent play): the function,
 * its racers (an optimizer each, from one start point), the keys that
 * change them, and the animation that steps them.  A change of the view
 * (the function, the range, an overlay, or a reset) marks the figure's
 * background stale, and ui-play-view.c builds it again; each step then
 * adds only the new segment of each trajectory, and ncurses sends only the
 * cells that changed.  The classic functions it can start from are listed
 * here too, for the list of functions (ui-pick.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "ui-int.h"
#include "ui-play-int.h"

#define PANEL_W 25

/*
 * The classic functions of the list, with a view and a start that show
 * them well.  Their names are the ones descent play takes; the list shows
 * them translated (at most 18 columns).
 */
const struct ui_classic ui_classics[] = {
	{ "Rosenbrock", "(1-x)^2 + 100*(y-x^2)^2", -2, 2, -1, 3, { -1.5, 2 }, "gd", 0.001 },
	{ "Himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", -5, 5, -5, 5, { 0, 0 }, "gd", 0.01 },
	{ "Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", -5.12, 5.12, -5.12,
	  5.12, { 2.2, 1.8 }, "gd", 0.002 },
	{ "Beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", -4.5, 4.5, -4.5, 4.5,
	  { 1, 1.5 }, "adam", 0.05 },
	{ "Booth", "(x+2*y-7)^2 + (2*x+y-5)^2", -10, 10, -10, 10, { -6, 6 }, "gd", 0.05 },
	{ N_("six-hump camel"), "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (4*y^2-4)*y^2", -2, 2, -1, 1,
	  { 1.2, 0.6 }, "gd", 0.01 },
	{ N_("saddle"), "x^2 - y^2", -2, 2, -2, 2, { 1.5, 0.01 }, "gd", 0.1 },
	{ N_("monkey saddle"), "x^3 - 3*x*y^2", -1.5, 1.5, -1.5, 1.5, { 1, 0.2 }, "gd", 0.05 },
	{ N_("double well (1D)"), "x^4 - 2*x^2 + 0.5*x", -2, 2, 0, 0, { 1.5, 0 }, "gd", 0.05 },
	{ N_("bowl (1D)"), "(x-1)^2 + 1", -3, 4, 0, 0, { -2.5, 0 }, "gd", 0.3 },
	{ N_("plateau (1D)"), "1 - exp(-x^2)", -4, 4, 0, 0, { 3, 0 }, "gd", 0.5 },
};
const size_t ui_nclassics = sizeof ui_classics / sizeof ui_classics[0];



static void keep_run(struct ui *u, struct play *p);
static void in_words(struct ui *u, struct play *p);

static struct play *
play_of(struct ui *u)
{
	if (u->state == NULL)
		u->state = xcalloc(1, sizeof(struct play));
	return u->state;
}

static void
free_runs(struct play *p)
{
	int i;

	for (i = 0; i < p->nr; i++) {
		run_free(p->r[i].run);
		p->r[i].run = NULL;
	}
}

/* Restarts every racer from the start point; the figure is redrawn. */
static void
reset_runs(struct ui *u, struct play *p)
{
	int i;

	free_runs(p);
	for (i = 0; i < p->nr; i++) {
		struct diag err;
		p->r[i].run = run_new(p->obj, &p->r[i].cfg, p->start, &err);
		if (p->r[i].run == NULL)
			snprintf(u->message, sizeof u->message, "%s", err.message);
	}
	p->playing = 0;
	p->rebuild = 1;
}

/*
 * Takes expr as the function (1 or 2 variables); on an error, fills
 * p->ed.err and p->ed.errcol and keeps the current one.
 */
static int
set_function(struct ui *u, struct play *p, const char *expr)
{
	struct diag e;
	struct objective *o = objective_expr(expr, NULL, 0, &e);

	p->ed.err[0] = '\0';
	p->ed.errcol = 0;
	if (o == NULL) {
		snprintf(p->ed.err, sizeof p->ed.err, "%s", e.message);
		p->ed.errcol = e.column;
		return -1;
	}
	if (objective_dim(o) < 1 || objective_dim(o) > 2) {
		snprintf(p->ed.err, sizeof p->ed.err,
			 _("the playground draws functions of 1 or 2 variables; this one has %d"),
			 objective_dim(o));
		objective_free(o);
		return -1;
	}
	free_runs(p);
	objective_free(p->obj);
	p->obj = o;
	p->dim = objective_dim(o);
	snprintf(p->expr, sizeof p->expr, "%s", expr);
	if (p->dim == 1)
		p->start[1] = 0;
	p->x1 = p->x0;                  /* an automatic view */
	p->y1 = p->y0;
	reset_runs(u, p);
	return 0;
}

static void
play_leave(struct ui *u)
{
	struct play *p = u->state;

	if (p == NULL)
		return;
	free_runs(p);
	ui_play_map_free(p->map);
	p->map = NULL;
	objective_free(p->obj);
	p->obj = NULL;
}

/* Whether the loss curve is shown: f shows or hides it, a wide screen shows it. */
static int
loss_shown(const struct ui *u, const struct play *p)
{
	return p->loss > 0 || (p->loss == 0 && ui_loss_beside(u->cols - PANEL_W - 1) > 0);
}

static void draw_picker(struct ui *u, struct play *p, int x, int width, int rows);
static int picker_key(struct ui *u, struct play *p, int ch);

static void
play_draw(struct ui *u)
{
	struct play *p = play_of(u);
	int pw = u->cols - PANEL_W - 1, ph = u->rows - 2, lh = 0, lw = 0;

	curs_set(0);
	if (p->map != NULL) {
		ui_play_map_draw(u, p, p->map);
		return;
	}
	if (loss_shown(u, p) && p->obj != NULL) {
		/* the loss curve beside the plot on a wide screen, else under
		 * it: a third of the rows, 7 at least */
		lw = ui_loss_beside(pw);
		if (lw == 0) {
			lh = ph / 3 < 7 ? 7 : ph / 3;
			ph -= lh;
		}
	}
	u->typing = p->editing;
	if (p->obj != NULL) {
		if (u->fig == NULL || p->rebuild ||
		    plot_canvas_width(plot_fig_canvas(u->fig)) != pw - lw ||
		    plot_canvas_height(plot_fig_canvas(u->fig)) != ph)
			ui_play_build_fig(u, p, pw - lw, ph);
		if (u->fig != NULL) {
			ui_play_draw_runs(u, p);
			ui_draw_canvas(u, plot_fig_canvas(u->fig), 0, 0);
		}
		if (lw > 0)
			ui_play_draw_loss(u, p, 0, pw - lw + 1, lw - 1, ph);
		else if (lh > 0)
			ui_play_draw_loss(u, p, ph, 0, pw, lh);
		ui_play_draw_panel(u, p, pw + 1, PANEL_W, ph + lh);
		if (p->picking)
			draw_picker(u, p, pw + 1, PANEL_W, ph + lh);
	}
	mvaddnstr(u->rows - 2, 0, "f = ", u->cols);
	addnstr(p->expr, u->cols - 5);
	if (p->editing) {
		/* TRANSLATORS: at most 70 columns: the status line of the editor */
		ui_edit_draw(u, &p->ed, u->rows - 3,
			     _("Enter: use it   Esc: cancel   a function of x, or of x and y"));
		return;
	}
	if (p->picking)
		/* TRANSLATORS: at most 70 columns: the status line of the list of optimizers */
		ui_status(u, "up/down:an optimizer Enter:take it 1-9 0:by number Esc:cancel");
	else if (u->message[0] != '\0')
		ui_status(u, "%s", u->message);
	else
		/* TRANSLATORS: at most 70 columns: the playground's status line */
		ui_status(u, "space:play n:step [ ]:lr o:optimizer a:race e:edit ?:keys q:quit");
}

static void
step_all(struct play *p)
{
	int i, running = 0;

	for (i = 0; i < p->nr; i++) {
		if (p->r[i].run == NULL)
			continue;
		if (run_trajectory(p->r[i].run)->outcome == RUN_RUNNING &&
		    run_step(p->r[i].run) == RUN_RUNNING)
			running = 1;
	}
	if (!running)
		p->playing = 0;
}

static void
play_tick(struct ui *u)
{
	struct play *p = play_of(u);
	int i;

	if (!p->playing || p->obj == NULL)
		return;
	for (i = 0; i < p->speed && p->playing; i++)
		step_all(p);
}

/* Turns setting k of the racer the keys change one step (dir); says why not. */
static void
turn(struct ui *u, struct play *p, int k, int dir)
{
	struct racer *r = &p->r[p->cur];
	int e = run_setting_step(&r->cfg, k, dir, 0);

	if (e == -1)
		snprintf(u->message, sizeof u->message, k == RUN_SET_BATCH ?
			 _("%s has no %s: a function has no examples") :
			 _("%s has no %s (Tab: the next racer, o: another optimizer)"),
			 r->cfg.opt->name, run_setting_name(k));
	else if (e == -2)
		snprintf(u->message, sizeof u->message, dir > 0 ? _("%s %s is at its largest") :
			 _("%s %s is at its smallest"), r->cfg.opt->name,
			 run_setting_param(&r->cfg, k, 0));
	else
		reset_runs(u, p);
}

/*
 * A racer that takes up optimizer opt gets the rate suggested for opt at
 * the start, not the rate of the optimizer it replaces or copies: gd's
 * rate is a curvature and adam's a length, and a copied one makes the
 * race about the rate (adagrad at gd's 0.01 is still far up Rosenbrock's
 * valley when the others have arrived).
 */
void
ui_play_join(struct play *p, int i, const struct optimizer *opt)
{
	struct racer *r = &p->r[i];

	run_config_init(&r->cfg, opt);
	r->cfg.params.lr = opt_suggest_lr(opt, NULL, p->obj, p->start);
	r->cfg.max_steps = PLAY_MAX_STEPS;
}

/*
 * 'O': the list of every optimizer over the panel, numbered as the digits
 * take them (0 the tenth), the cursor on one; the racer's is marked.
 */
static void
draw_picker(struct ui *u, struct play *p, int x, int width, int rows)
{
	char line[64];
	int i, y;

	for (y = 0; y < rows && y < u->rows - 2; y++) {
		move(y, x);
		hline(' ', width);
	}
	attron(A_BOLD);
	/* TRANSLATORS: the title of the list over the side panel: 25 columns */
	snprintf(line, sizeof line, _("Optimizer of racer %d"), p->cur + 1);
	mvaddnstr(0, x, line, width);
	attroff(A_BOLD);
	for (i = 0; opt_table[i] != NULL && i + 2 < rows; i++) {
		snprintf(line, sizeof line, "%c %c  %s", opt_table[i] == p->r[p->cur].cfg.opt ?
			 '>' : ' ', i < 9 ? '1' + i : i == 9 ? '0' : ' ', opt_table[i]->name);
		if (i == p->pick)
			attron(A_REVERSE);
		mvaddnstr(i + 2, x, line, width);
		if (i == p->pick)
			attroff(A_REVERSE);
	}
}

/* The list's keys: move, take one (Enter or its number), or leave it. */
static int
picker_key(struct ui *u, struct play *p, int ch)
{
	int n = (int)opt_count(), take = -1;

	switch (ch) {
	case KEY_UP: case 'k':
		p->pick = (p->pick + n - 1) % n;
		break;
	case KEY_DOWN: case 'j':
		p->pick = (p->pick + 1) % n;
		break;
	case '\n': case '\r': case KEY_ENTER:
		take = p->pick;
		break;
	case 27: case 'O': case 'q':
		p->picking = 0;
		break;
	default:
		if (ch >= '0' && ch <= '9' && (ch == '0' ? 9 : ch - '1') < n)
			take = ch == '0' ? 9 : ch - '1';
		break;
	}
	if (take >= 0) {
		p->picking = 0;
		ui_play_join(p, p->cur, opt_table[take]);
		reset_runs(u, p);
	}
	return 0;
}

/* The line editor's keys: Enter tries the function, Esc leaves it. */
static int
edit_key(struct ui *u, struct play *p, int ch)
{
	switch (ui_edit_key(&p->ed, ch)) {
	case UI_EDIT_CANCEL:
		p->editing = 0;
		p->ed.err[0] = '\0';
		curs_set(0);
		if (p->obj == NULL)     /* a bad expression from the command line */
			u->quit = 1;
		break;
	case UI_EDIT_ENTER:
		if (set_function(u, p, p->ed.line) == 0) {
			p->editing = 0;
			u->message[0] = '\0';
			curs_set(0);
		}
		break;
	}
	return 1;
}

/* About a twentieth of a view of width w, as 1, 2 or 5 times a power of ten. */
static double
nice_step(double w)
{
	double d = w / 20, p = pow(10, floor(log10(d)));

	return d >= 5 * p ? 5 * p : d >= 2 * p ? 2 * p : p;
}

/* Moves the start point by about a twentieth of the view. */
static void
move_start(struct ui *u, struct play *p, int dx, int dy)
{
	if (p->x1 > p->x0)
		p->start[0] += dx * nice_step(p->x1 - p->x0);
	if (p->dim == 2 && p->y1 > p->y0)
		p->start[1] += dy * nice_step(p->y1 - p->y0);
	reset_runs(u, p);
}

static void
zoom(struct ui *u, struct play *p, double factor)
{
	double cx = (p->x0 + p->x1) / 2, hx = (p->x1 - p->x0) / 2 * factor;
	double cy = (p->y0 + p->y1) / 2, hy = (p->y1 - p->y0) / 2 * factor;

	if (p->x1 <= p->x0 || hx < 1e-9 || hx > 1e9)
		return;
	p->x0 = cx - hx;
	p->x1 = cx + hx;
	if (p->dim == 2) {
		p->y0 = cy - hy;
		p->y1 = cy + hy;
	}
	(void)u;
	p->rebuild = 1;
}

/* Moves the view by a fifth of its size. */
static void
pan(struct play *p, int dx, int dy)
{
	double w = p->x1 - p->x0, h = p->y1 - p->y0;

	if (!(w > 0))
		return;
	p->x0 += dx * w / 5;
	p->x1 += dx * w / 5;
	if (p->dim == 2 && h > 0) {
		p->y0 += dy * h / 5;
		p->y1 += dy * h / 5;
	}
	p->rebuild = 1;
}

/* Every racer one step back: stepping on repeats the step bit for bit. */
static void
step_back(struct play *p)
{
	int i;

	for (i = 0; i < p->nr; i++) {
		struct diag err;
		struct run *b = p->r[i].run != NULL ? run_back(p->r[i].run, &err) : NULL;
		if (b != NULL) {
			run_free(p->r[i].run);
			p->r[i].run = b;
			p->rebuild = 1;         /* the trails, drawn again from the records */
		}
	}
}

static int
play_key(struct ui *u, int ch)
{
	struct play *p = play_of(u);

	if (p->editing)
		return edit_key(u, p, ch);
	u->message[0] = '\0';
	if (p->obj == NULL) {
		if (ch == 'q')
			u->quit = 1;
		return 0;
	}
	if (p->picking)
		return picker_key(u, p, ch);
	if (p->map != NULL) {
		/* the map of settings takes the keys until it closes */
		struct run_config c = p->r[p->cur].cfg;
		int k = ui_play_map_key(u, p, p->map, ch, &c);
		if (k > 0) {
			ui_play_map_free(p->map);
			p->map = NULL;
			p->rebuild = 1;
			if (k == 2) {
				p->r[p->cur].cfg = c;
				reset_runs(u, p);
			}
		}
		return 0;
	}
	switch (ch) {
	case 'q':
		u->quit = 1;
		return 1;
	case 'm':
		p->playing = 0;
		p->map = ui_play_map_new(u, p);
		break;
	case ' ':
		p->playing = !p->playing;
		break;
	case 'n':
		p->playing = 0;
		step_all(p);
		break;
	case 'N': case KEY_BACKSPACE: case 127: case 8:
		p->playing = 0;
		step_back(p);
		break;
	case 'r':
		reset_runs(u, p);
		break;
	case '+': case '=':
		if (p->speed < 64)
			p->speed *= 2;
		break;
	case '-':
		if (p->speed > 1)
			p->speed /= 2;
		break;
	case '[': case ']': case '{': case '}': case '(': case ')': case '<': case '>':
	case ',': case '.': {
		/* the settings of the racer the keys change */
		int dir, k = ui_setting_key(ch, &dir);
		turn(u, p, k, dir);
		break;
	}
	case 'o': {
		int i;
		for (i = 0; opt_table[i] != NULL && opt_table[i] != p->r[p->cur].cfg.opt; i++)
			;
		ui_play_join(p, p->cur, opt_table[i] != NULL && opt_table[i + 1] != NULL ?
			     opt_table[i + 1] : opt_table[0]);
		reset_runs(u, p);
		break;
	}
	case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
	case '9': case '0':
		/* the optimizers in the table's order, 0 the tenth */
		if ((size_t)(ch == '0' ? 9 : ch - '1') < opt_count()) {
			ui_play_join(p, p->cur, opt_table[ch == '0' ? 9 : ch - '1']);
			reset_runs(u, p);
		}
		break;
	case 'O':
		/* the list of every optimizer, the racer's under the cursor */
		p->picking = 1;
		for (p->pick = 0; opt_table[p->pick] != NULL &&
		     opt_table[p->pick] != p->r[p->cur].cfg.opt; p->pick++)
			;
		if (opt_table[p->pick] == NULL)
			p->pick = 0;
		break;
	case 'a':
		if (p->nr < MAX_RACERS) {
			p->r[p->nr] = p->r[p->cur];
			p->r[p->nr].run = NULL;
			p->cur = p->nr++;
			/* the next optimizer, so that the race is between two */
			play_key(u, 'o');
		} else {
			snprintf(u->message, sizeof u->message, _("%d racers at most; d removes one"),
				 MAX_RACERS);
		}
		break;
	case 'd':
		if (p->nr > 1) {
			run_free(p->r[p->cur].run);
			memmove(&p->r[p->cur], &p->r[p->cur + 1],
				(size_t)(p->nr - p->cur - 1) * sizeof p->r[0]);
			p->nr--;
			if (p->cur >= p->nr)
				p->cur = p->nr - 1;
			reset_runs(u, p);
		}
		break;
	case '\t':
		p->cur = (p->cur + 1) % p->nr;
		break;
	case KEY_MOUSE: {
		MEVENT ev;
		double x[2];
		/* a click on the plot puts the start there */
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
		    u->fig != NULL && plot_fig_point(u->fig, ev.x, ev.y, x) == 0) {
			p->start[0] = x[0];
			if (p->dim == 2)
				p->start[1] = x[1];
			reset_runs(u, p);
		}
		break;
	}
	case KEY_LEFT: case 'h':
		move_start(u, p, -1, 0);
		break;
	case KEY_RIGHT: case 'l':
		move_start(u, p, 1, 0);
		break;
	case KEY_UP: case 'k':
		move_start(u, p, 0, 1);
		break;
	case KEY_DOWN: case 'j':
		move_start(u, p, 0, -1);
		break;
	case 'g':
		p->arrow = !p->arrow;
		p->rebuild = 1;
		break;
	case 'w':
		keep_run(u, p);
		break;
	case 'W':
		in_words(u, p);
		break;
	case 't':
		p->notrail = !p->notrail;
		p->rebuild = 1;
		break;
	case 's':
		p->signs = !p->signs;
		p->rebuild = 1;
		break;
	case 'f':
		p->loss = loss_shown(u, p) ? -1 : 1;
		p->rebuild = 1;
		break;
	case 'b':
		if (p->dim == 2) {
			p->basins = !p->basins;
			p->convexity = 0;
		}
		p->rebuild = 1;
		break;
	case 'c':
		if (p->dim == 2) {
			p->convexity = !p->convexity;
			p->basins = 0;
		}
		p->rebuild = 1;
		break;
	case 'H': case KEY_SLEFT:
		pan(p, -1, 0);
		break;
	case 'L': case KEY_SRIGHT:
		pan(p, 1, 0);
		break;
	case 'K': case KEY_SR:
		pan(p, 0, 1);
		break;
	case 'J': case KEY_SF:
		pan(p, 0, -1);
		break;
	case 'z':
		zoom(u, p, 0.5);
		break;
	case 'Z':
		zoom(u, p, 2);
		break;
	case 'e':
		p->editing = 1;
		p->playing = 0;
		ui_edit_set(&p->ed, p->expr);
		p->ed.err[0] = '\0';
		break;
	default:
		break;
	}
	return 0;
}

/*
 * 'w': keeps the run of the racer the keys change in a new file of the
 * current directory, descent-run-N.jsonl with the first N free, as
 * descent run --record would (descent replay checks it), and says where.
 */
static void
keep_run(struct ui *u, struct play *p)
{
	struct racer *r = &p->r[p->cur];
	struct record_objective ro = { p->expr, NULL, NULL, LOSS_MSE, NULL };
	char name[64];
	FILE *fp = NULL;
	int i, fd = -1;

	if (r->run == NULL)
		return;
	for (i = 1; i < 1000 && fd < 0; i++) {
		snprintf(name, sizeof name, "descent-run-%d.jsonl", i);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd >= 0)
		fp = fdopen(fd, "w");
	if (fp == NULL) {
		snprintf(u->message, sizeof u->message, _("cannot keep the run here: %s"),
			 fd < 0 && errno == EEXIST ? _("descent-run-1 to 999 are all taken") :
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	i = record_write(fp, &ro, p->obj, &r->cfg, p->start, run_trajectory(r->run)) == 0;
	if (!(fclose(fp) == 0 && i)) {
		snprintf(u->message, sizeof u->message, _("cannot write %s: %s"), name,
			 strerror(errno));
		remove(name);
		return;
	}
	snprintf(u->message, sizeof u->message, _("%s's run is kept in %s (descent replay %s)"),
		 r->cfg.opt->name, name, name);
}

/*
 * Sets up the playground for expr with the given settings, or with the
 * whole configuration config (a recorded run's; then lr is not looked at).
 */
static void
play_init(struct ui *u, const char *expr, const char *opt, double lr, const double *start,
	  const double *view, const struct run_config *config)
{
	struct play *p = play_of(u);
	const struct optimizer *o = opt != NULL ? opt_find(opt) : NULL;

	p->speed = 1;
	p->nr = 1;
	p->cur = 0;
	run_config_init(&p->r[0].cfg, o != NULL ? o : &opt_gd);
	p->r[0].cfg.max_steps = PLAY_MAX_STEPS;
	if (config != NULL) {
		p->r[0].cfg = *config;
		lr = config->params.lr;         /* no rate suggested over it */
	}
	if (lr > 0)
		p->r[0].cfg.params.lr = lr;
	if (set_function(u, p, expr) < 0) {
		snprintf(u->message, sizeof u->message, "%s", p->ed.err);
		p->editing = 1;
		ui_edit_set(&p->ed, expr);
		return;
	}
	if (start != NULL) {
		p->start[0] = start[0];
		p->start[1] = p->dim > 1 ? start[1] : 0;
	}
	if (!(lr > 0)) {
		/* no rate asked for: the default, unless it is too large for
		 * the curvature at the start (gd at 0.01 leaves Rosenbrock's
		 * valley at its fourth step), then the rate a racer would join
		 * with */
		double safe = opt_suggest_lr(p->r[0].cfg.opt, NULL, p->obj, p->start);
		if (safe < p->r[0].cfg.params.lr)
			p->r[0].cfg.params.lr = safe;
	}
	if (view != NULL) {
		p->x0 = view[0];
		p->x1 = view[1];
		p->y0 = p->dim == 2 ? view[2] : 0;
		p->y1 = p->dim == 2 ? view[3] : 0;
	}
	reset_runs(u, p);
}

void
ui_play_edit(struct ui *u)
{
	play_key(u, 'e');
}

void
ui_play_setup(struct ui *u, const struct ui_play_args *a)
{
	ui_switch(u, UI_SCREEN_PLAY);
	u->timeout_ms = 60;
	play_init(u, a->expr, a->optimizer, a->lr, a->has_start ? a->start : NULL,
		  a->has_view ? a->view : NULL, a->config);
	if (a->record != NULL && u->message[0] == '\0') {
		char *safe = text_safe(a->record);
		snprintf(u->message, sizeof u->message, _("the run recorded in %s: space plays it"),
			 safe);
		free(safe);
	}
}

/*
 * W: the figure in words, as it is now (plot_fig_describe, with every
 * racer's run), over the screen until a key.
 */
static void
in_words(struct ui *u, struct play *p)
{
	struct plot_run_desc d[MAX_RACERS];
	char label[MAX_RACERS][64];
	char *text;
	int i, n = 0;

	if (u->fig == NULL)
		return;                 /* not drawn yet: the next W will do */
	for (i = 0; i < p->nr; i++) {
		if (p->r[i].run == NULL)
			continue;
		snprintf(label[n], sizeof label[n], "%s,lr=%g", p->r[i].cfg.opt->name,
			 p->r[i].cfg.params.lr);
		d[n].traj = run_trajectory(p->r[i].run);
		d[n].label = label[n];
		n++;
	}
	text = plot_fig_describe(u->fig, d, n, 0);
	ui_overlay(u, _("The figure in words"), text);
	free(text);
}

const struct ui_screen ui_play_screen = {
	.name = N_("live descent"),
	/* TRANSLATORS: the playground's key help: at most 13 lines of 62 columns */
	.help = N_("space: play or pause   n: a step   N: a step back   r: restart\n"
		"+ -: faster, slower   Tab: the next racer; its settings:\n"
		"  [ ] rate  { } beta, rho, beta1  ( ) beta2  < > noise\n"
		"o: the next optimizer  O: the list of them  1-9, 0: by number\n"
		"  (gd momentum nesterov adagrad rmsprop adam newton bfgs lbfgs cg)\n"
		"a: race another optimizer   d: remove one   w: save the run\n"
		"arrows, hjkl: move the start point; a click puts it there\n"
		"g: gradient arrow   t: trail   s: step signs (+ fell, x rose)\n"
		"b: basins   c: convexity   f: loss curve   m: map of settings\n"
		"z Z: zoom in, out   H J K L, shift-arrows: pan the view\n"
		"e: edit the function (Enter uses it, Esc cancels)\n"
		"W: the figure in words   q: quit\n"),
	.draw = play_draw,
	.key = play_key,
	.tick = play_tick,
	.leave = play_leave,
};
