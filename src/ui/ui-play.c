/*
 * ui-play.c - the live descent screen and the list of classic functions
 * it starts from (descent play).  The figure's background (samples,
 * contours, shading, basins) is computed when the view changes: the
 * function, the range, an overlay, or a reset; each step then adds only
 * the new segment of each trajectory, and ncurses sends only the cells
 * that changed.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/expr.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "ui-int.h"

#define MAX_RACERS 4
#define COMPACT_RACERS 3        /* from this many racers, 3 lines each */
#define FULL_BLOCK 8            /* a racer's lines in full: name, step, point, f, |grad|,
				 * eig(H), outcome and a blank (the state: one racer only) */
#define PANEL_W 25

/* The classic functions of the list, with a view and a start that show them well. */
static const struct classic {
	const char *name, *expr;
	double x0, x1, y0, y1;          /* y1 <= y0: automatic (1D: of f) */
	double start[2];
	const char *opt;
	double lr;
} classics[] = {
	{ "Rosenbrock", "(1-x)^2 + 100*(y-x^2)^2", -2, 2, -1, 3, { -1.5, 2 }, "gd", 0.001 },
	{ "Himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", -5, 5, -5, 5, { 0, 0 }, "gd", 0.01 },
	{ "Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", -5.12, 5.12, -5.12,
	  5.12, { 2.2, 1.8 }, "gd", 0.002 },
	{ "Beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", -4.5, 4.5, -4.5, 4.5,
	  { 1, 1.5 }, "adam", 0.05 },
	{ "Booth", "(x+2*y-7)^2 + (2*x+y-5)^2", -10, 10, -10, 10, { -6, 6 }, "gd", 0.05 },
	{ "six-hump camel", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (4*y^2-4)*y^2", -2, 2, -1, 1,
	  { 1.2, 0.6 }, "gd", 0.01 },
	{ "saddle", "x^2 - y^2", -2, 2, -2, 2, { 1.5, 0.01 }, "gd", 0.1 },
	{ "monkey saddle", "x^3 - 3*x*y^2", -1.5, 1.5, -1.5, 1.5, { 1, 0.2 }, "gd", 0.05 },
	{ "double well (1D)", "x^4 - 2*x^2 + 0.5*x", -2, 2, 0, 0, { 1.5, 0 }, "gd", 0.05 },
	{ "bowl (1D)", "(x-1)^2 + 1", -3, 4, 0, 0, { -2.5, 0 }, "gd", 0.3 },
	{ "plateau (1D)", "1 - exp(-x^2)", -4, 4, 0, 0, { 3, 0 }, "gd", 0.5 },
};
#define NCLASSICS (sizeof classics / sizeof classics[0])

struct racer {
	struct run_config cfg;
	struct run *run;
};

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
	int rebuild;                    /* the figure's background is stale */
	/* the line editor of 'e' */
	int editing;
	char line[512];
	size_t len, at;
	char err[256];
	int errcol;
	int pick;                       /* the pick screen's cursor */
};

static const double lr_ladder[] = { 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3,
				    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5 };

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
		char err[200];
		p->r[i].run = run_new(p->obj, &p->r[i].cfg, p->start, err, sizeof err);
		if (p->r[i].run == NULL)
			snprintf(u->message, sizeof u->message, "%s", err);
	}
	p->playing = 0;
	p->rebuild = 1;
}

/*
 * Takes expr as the function (1 or 2 variables); on an error, fills
 * p->err and p->errcol and keeps the current one.
 */
static int
set_function(struct ui *u, struct play *p, const char *expr)
{
	struct expr_error e;
	struct objective *o = objective_expr(expr, NULL, 0, &e);

	p->err[0] = '\0';
	p->errcol = 0;
	if (o == NULL) {
		snprintf(p->err, sizeof p->err, "%s", e.message);
		p->errcol = e.column;
		return -1;
	}
	if (objective_dim(o) < 1 || objective_dim(o) > 2) {
		snprintf(p->err, sizeof p->err,
			 "the playground draws functions of 1 or 2 variables; this one has %d",
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
	objective_free(p->obj);
	p->obj = NULL;
}

/* f and |grad| at the current point of a run. */
static void
eval_at(struct play *p, const double *w, double *f, double *gnorm)
{
	double g[2] = { 0, 0 };

	objective_eval_point(p->obj, w, f, g, NULL);
	*gnorm = sqrt(g[0] * g[0] + g[1] * g[1]);
}

/* Whether another racer runs racer i's optimizer. */
static int
shares_optimizer(const struct play *p, int i)
{
	int j;

	for (j = 0; j < p->nr; j++)
		if (j != i && p->r[j].cfg.opt == p->r[i].cfg.opt)
			return 1;
	return 0;
}

static void
draw_trajectories(struct ui *u, struct play *p)
{
	int i;

	for (i = 0; i < p->nr; i++) {
		char label[64];
		if (p->r[i].run == NULL)
			continue;
		if (p->nr == 1 || shares_optimizer(p, i))
			snprintf(label, sizeof label, "%s,lr=%g", p->r[i].cfg.opt->name,
				 p->r[i].cfg.params.lr);
		else    /* the panel gives the rates: a short legend for a race */
			snprintf(label, sizeof label, "%s", p->r[i].cfg.opt->name);
		ui_fig_run(u->fig, i, p->r[i].run, label);
	}
}

static void
build_fig(struct ui *u, struct play *p, int w, int h)
{
	struct plot_opts o;
	char err[200];

	plot_fig_free(u->fig);
	u->fig = NULL;
	ui_plot_opts(u, &o, w, h);
	o.x0 = p->x0;
	o.x1 = p->x1;
	o.y0 = p->y0;
	o.y1 = p->y1;
	o.overlays = PLOT_OV_CRITICAL | (u->color ? PLOT_OV_SHADE : 0) |
		     (p->dim == 2 && p->basins ? PLOT_OV_BASINS : 0) |
		     (p->dim == 2 && p->convexity ? PLOT_OV_CONVEXITY : 0);
	o.arrow = p->arrow;
	o.ball_tangent = 1;             /* 1D: the ball's tangent */
	o.trail = !p->notrail;
	o.basin_run = &p->r[p->cur].cfg;
	o.title = 0;
	u->fig = plot_fig_new(p->obj, &o, NULL, err, sizeof err);
	if (u->fig == NULL) {
		snprintf(u->message, sizeof u->message, "%s", err);
		return;
	}
	if (p->x1 <= p->x0) {           /* remember the automatic view, for zooming */
		plot_fig_view(u->fig, &p->x0, &p->x1, &p->y0, &p->y1);
		if (p->dim == 1)
			p->y1 = p->y0;  /* f's range stays automatic */
	}
	p->rebuild = 0;
}

static const char *
outcome_text(struct play *p, struct racer *r, char *buf, size_t size)
{
	const struct trajectory *t = run_trajectory(r->run);

	switch (t->outcome) {
	case RUN_RUNNING:
		return p->playing ? "running" : "paused";
	case RUN_MAX_STEPS:
		snprintf(buf, size, "step limit (%ld)", t->step);
		return buf;
	case RUN_DIVERGED:
		snprintf(buf, size, "diverged at step %ld", t->step);
		return buf;
	case RUN_CONVERGED: {
		double h[4], lambda[2], f;
		objective_eval_point(p->obj, run_point(r->run), &f, NULL, h);
		snprintf(buf, size, "converged: a %s",
			 cp_kind_name(analysis_classify(p->dim, h, lambda)));
		return buf;
	}
	}
	return "";
}

/* The name of an optimizer's state vector s, as in its rule. */
static const char *
state_name(const struct optimizer *o, int s)
{
	if (o == &opt_adagrad)
		return "G";
	if (o == &opt_rmsprop)
		return "E[g^2]";
	if (o->nstate == 2)
		return s == 0 ? "m" : "v";
	return "v";
}

/* The side panel: each racer's step, point, f, |grad|, state and outcome. */
static void
draw_panel(struct ui *u, struct play *p, int x, int width, int rows)
{
	int i, y = 0;
	char buf[128], ob[64];

	for (i = 0; i < p->nr && y < rows - 1; i++) {
		struct racer *r = &p->r[i];
		const struct trajectory *t;
		const double *w;
		double f, gn;
		/* the trajectory's look: its colour, or its glyph without colour (plot-fig.c) */
		static const char glyph[] = "*&$~";
		static const int color[] = { PLOT_RED, PLOT_CYAN, PLOT_YELLOW, PLOT_MAGENTA };
		if (r->run == NULL)
			continue;
		t = run_trajectory(r->run);
		w = run_point(r->run);
		eval_at(p, w, &f, &gn);
		attron(A_BOLD | ui_color_attr(u, color[i], 0));
		mvaddch(y, x, (chtype)(u->color && !u->ascii && u->utf8 ? '*' : glyph[i]));
		attroff(A_BOLD | ui_color_attr(u, color[i], 0));
		attron(A_BOLD | (i == p->cur && p->nr > 1 ? A_REVERSE : 0));
		mvprintw(y++, x + 2, "%-9s lr %-8g", r->cfg.opt->name, r->cfg.params.lr);
		attroff(A_BOLD | A_REVERSE);
		mvprintw(y++, x, "step %ld", t->outcome == RUN_RUNNING ? (long)t->len : t->step);
		if (p->nr >= COMPACT_RACERS && rows < FULL_BLOCK * p->nr + 2) {
			/* many racers in a small panel: f and the outcome only */
			snprintf(buf, sizeof buf, "f %.6g", f);
			mvaddnstr(y - 1, x + 11, buf, width - 11);
			mvaddnstr(y++, x, outcome_text(p, r, ob, sizeof ob), width);
			continue;
		}
		if (p->dim == 2)
			snprintf(buf, sizeof buf, "x %.6g  y %.6g", w[0], w[1]);
		else
			snprintf(buf, sizeof buf, "x %.6g", w[0]);
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, "f %.6g", f);
		mvaddnstr(y++, x, buf, width);
		snprintf(buf, sizeof buf, "|grad| %.4g", gn);
		mvaddnstr(y++, x, buf, width);
		{
			/* how f curves there: f'', or the Hessian's eigenvalues */
			double h[4], lambda[2], fh;
			objective_eval_point(p->obj, w, &fh, NULL, h);
			analysis_classify(p->dim, h, lambda);
			if (p->dim == 2)
				snprintf(buf, sizeof buf, "eig(H) %.3g, %.3g", lambda[0], lambda[1]);
			else
				snprintf(buf, sizeof buf, "f'' %.4g", lambda[0]);
			mvaddnstr(y++, x, buf, width);
		}
		if (t->len > 0 && t->lr != NULL && sched_lr(&r->cfg.sched, 1, 1) != 1) {
			snprintf(buf, sizeof buf, "lr now %.4g", t->lr[t->len - 1]);
			mvaddnstr(y++, x, buf, width);
		}
		if (r->cfg.opt->nstate > 0 && p->nr == 1) {
			/* the optimizer's own state, under the names of its rule */
			int s;
			for (s = 0; s < r->cfg.opt->nstate; s++) {
				const double *st = run_state(r->run, s);
				const char *nm = state_name(r->cfg.opt, s);
				if (p->dim == 2)
					snprintf(buf, sizeof buf, "%s (%.3g, %.3g)", nm, st[0],
						 st[1]);
				else
					snprintf(buf, sizeof buf, "%s %.4g", nm, st[0]);
				mvaddnstr(y++, x, buf, width);
			}
		}
		mvaddnstr(y++, x, outcome_text(p, r, ob, sizeof ob), width);
		y++;
	}
	if (y < rows - 1) {
		snprintf(buf, sizeof buf, "speed %d step%s/tick", p->speed, p->speed == 1 ? "" : "s");
		mvaddnstr(y++, x, buf, width);
	}
}

static void
draw_editor(struct ui *u, struct play *p)
{
	int y = u->rows - 3, room = u->cols - 5, off = 0;

	/* a line longer than the screen scrolls: the cursor stays in view,
	 * and so does the column of an error */
	if ((int)p->at > room - 1)
		off = (int)p->at - (room - 1);
	else if (p->err[0] != '\0' && p->errcol > room)
		off = p->errcol - room;
	move(y, 0);
	clrtoeol();
	move(y + 1, 0);
	clrtoeol();
	mvaddstr(y, 0, off > 0 ? "f < " : "f = ");
	move(y, 4);
	addnstr(p->line + off, room);
	if (p->err[0] != '\0') {
		/* the caret under the column of the error, the message below */
		int col = p->errcol - off;
		if (col > 0 && col + 4 < u->cols)
			mvaddch(y + 1, 4 + col - 1, '^');
		attron(A_BOLD);
		mvaddnstr(u->rows - 1, 0, p->err, u->cols);
		hline(' ', u->cols);
		attroff(A_BOLD);
	} else {
		ui_status(u, "Enter: use it   Esc: cancel   a function of x, or of x and y");
	}
	curs_set(1);
	move(y, 4 + (int)p->at - off);
}

static void
play_draw(struct ui *u)
{
	struct play *p = play_of(u);
	int pw = u->cols - PANEL_W - 1, ph = u->rows - 2;

	curs_set(0);
	u->typing = p->editing;
	if (p->obj != NULL) {
		if (u->fig == NULL || p->rebuild ||
		    plot_canvas_width(plot_fig_canvas(u->fig)) != pw ||
		    plot_canvas_height(plot_fig_canvas(u->fig)) != ph)
			build_fig(u, p, pw, ph);
		if (u->fig != NULL) {
			draw_trajectories(u, p);
			ui_draw_canvas(u, plot_fig_canvas(u->fig), 0, 0);
		}
		draw_panel(u, p, pw + 1, PANEL_W, ph);
	}
	mvaddnstr(u->rows - 2, 0, "f = ", u->cols);
	addnstr(p->expr, u->cols - 5);
	if (p->editing) {
		draw_editor(u, p);
		return;
	}
	if (u->message[0] != '\0')
		ui_status(u, "%s", u->message);
	else
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

static void
set_lr(struct play *p, int dir)
{
	struct racer *r = &p->r[p->cur];
	size_t i, n = sizeof lr_ladder / sizeof lr_ladder[0];

	if (dir > 0) {
		for (i = 0; i < n && lr_ladder[i] <= r->cfg.params.lr * 1.0001; i++)
			;
		if (i < n)
			r->cfg.params.lr = lr_ladder[i];
	} else {
		for (i = n; i > 0 && lr_ladder[i - 1] >= r->cfg.params.lr * 0.9999; i--)
			;
		if (i > 0)
			r->cfg.params.lr = lr_ladder[i - 1];
	}
}

static void
set_optimizer(struct play *p, const struct optimizer *opt)
{
	struct racer *r = &p->r[p->cur];
	double lr = r->cfg.params.lr;

	run_config_init(&r->cfg, opt);
	r->cfg.params.lr = lr;
	r->cfg.max_steps = 100000;
}

/* The line editor: returns 1 when it took the key. */
static int
edit_key(struct ui *u, struct play *p, int ch)
{
	if (ch == 27) {
		p->editing = 0;
		p->err[0] = '\0';
		curs_set(0);
		if (p->obj == NULL)     /* a bad expression from the command line */
			u->quit = 1;
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		if (set_function(u, p, p->line) == 0) {
			p->editing = 0;
			u->message[0] = '\0';
			curs_set(0);
		}
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (p->at > 0) {
			memmove(p->line + p->at - 1, p->line + p->at, p->len - p->at + 1);
			p->at--;
			p->len--;
		}
	} else if (ch == KEY_DC) {
		if (p->at < p->len) {
			memmove(p->line + p->at, p->line + p->at + 1, p->len - p->at);
			p->len--;
		}
	} else if (ch == KEY_LEFT) {
		if (p->at > 0)
			p->at--;
	} else if (ch == KEY_RIGHT) {
		if (p->at < p->len)
			p->at++;
	} else if (ch == KEY_HOME || ch == 1) {
		p->at = 0;
	} else if (ch == KEY_END || ch == 5) {
		p->at = p->len;
	} else if (ch == 21) {          /* Ctrl-U */
		p->len = p->at = 0;
		p->line[0] = '\0';
	} else if (ch >= 32 && ch < 127 && p->len + 1 < sizeof p->line) {
		memmove(p->line + p->at + 1, p->line + p->at, p->len - p->at + 1);
		p->line[p->at++] = (char)ch;
		p->len++;
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
	switch (ch) {
	case 'q':
		u->quit = 1;
		return 1;
	case ' ':
		p->playing = !p->playing;
		break;
	case 'n':
		p->playing = 0;
		step_all(p);
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
	case ']':
		set_lr(p, 1);
		reset_runs(u, p);
		break;
	case '[':
		set_lr(p, -1);
		reset_runs(u, p);
		break;
	case 'o': {
		int i;
		for (i = 0; opt_table[i] != NULL && opt_table[i] != p->r[p->cur].cfg.opt; i++)
			;
		set_optimizer(p, opt_table[i] != NULL && opt_table[i + 1] != NULL ?
				 opt_table[i + 1] : opt_table[0]);
		reset_runs(u, p);
		break;
	}
	case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
		int i;
		for (i = 0; i < ch - '1' && opt_table[i] != NULL; i++)
			;
		if (opt_table[i] != NULL) {
			set_optimizer(p, opt_table[i]);
			reset_runs(u, p);
		}
		break;
	}
	case 'a':
		if (p->nr < MAX_RACERS) {
			p->r[p->nr] = p->r[p->cur];
			p->r[p->nr].run = NULL;
			p->cur = p->nr++;
			/* the next optimizer, so that the race is between two */
			play_key(u, 'o');
		} else {
			snprintf(u->message, sizeof u->message, "%d racers at most; d removes one",
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
	case 't':
		p->notrail = !p->notrail;
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
		snprintf(p->line, sizeof p->line, "%s", p->expr);
		p->len = p->at = strlen(p->line);
		p->err[0] = '\0';
		break;
	default:
		break;
	}
	return 0;
}

/* Sets up the playground for expr with the given settings. */
static void
play_init(struct ui *u, const char *expr, const char *opt, double lr, const double *start,
	  const double *view)
{
	struct play *p = play_of(u);
	const struct optimizer *o = opt != NULL ? opt_find(opt) : NULL;

	snprintf(u->play_expr, sizeof u->play_expr, "%s", expr);
	p->speed = 1;
	p->nr = 1;
	p->cur = 0;
	run_config_init(&p->r[0].cfg, o != NULL ? o : &opt_gd);
	p->r[0].cfg.max_steps = 100000;
	if (lr > 0)
		p->r[0].cfg.params.lr = lr;
	if (set_function(u, p, expr) < 0) {
		snprintf(u->message, sizeof u->message, "%s", p->err);
		p->editing = 1;
		snprintf(p->line, sizeof p->line, "%s", expr);
		p->len = p->at = strlen(p->line);
		return;
	}
	if (start != NULL) {
		p->start[0] = start[0];
		p->start[1] = p->dim > 1 ? start[1] : 0;
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
ui_play_setup(struct ui *u, const struct ui_play_args *a)
{
	ui_switch(u, &ui_play_screen);
	u->timeout_ms = 60;
	play_init(u, a->expr, a->optimizer, a->lr, a->has_start ? a->start : NULL,
		  a->has_view ? a->view : NULL);
}

const struct ui_screen ui_play_screen = {
	.name = "live descent",
	.help = "space: play or pause   n: one step   r: back to the start\n"
		"+ -: faster, slower   [ ]: a smaller, larger learning rate\n"
		"o, 1-7: the optimizer (gd momentum nesterov adagrad rmsprop\n"
		"        adam newton)\n"
		"a: race another optimizer   d: remove one   Tab: the next\n"
		"arrows, hjkl: move the start point; a click puts it there\n"
		"g: gradient arrow   t: trail   b: basins   c: convexity\n"
		"z Z: zoom in, out   H J K L, shift-arrows: pan the view\n"
		"e: edit the function (Enter uses it, Esc cancels)\n"
		"in 1D the ball rolls down the curve with its tangent\n"
		"q: quit\n",
	.draw = play_draw,
	.key = play_key,
	.tick = play_tick,
	.leave = play_leave,
};

/* --- the list of classic functions ------------------------------------- */

static void
pick_draw(struct ui *u)
{
	struct play *p = play_of(u);
	size_t i;

	attron(A_BOLD);
	mvaddstr(0, 2, "The playground: pick a function");
	attroff(A_BOLD);
	for (i = 0; i < NCLASSICS && (int)i + 2 < u->rows - 1; i++) {
		if ((int)i == p->pick)
			attron(A_REVERSE);
		mvprintw((int)i + 2, 2, "%2zu  %-18s", i + 1, classics[i].name);
		if ((int)i == p->pick)
			attroff(A_REVERSE);
		addnstr(classics[i].expr, u->cols - 26);
	}
	ui_status(u, "up/down: choose   Enter: descend it   e: type your own   q: quit");
}

static int
pick_key(struct ui *u, int ch)
{
	struct play *p = play_of(u);
	const struct classic *c;
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
		if (p->pick + 1 < (int)NCLASSICS)
			p->pick++;
		return 0;
	case 'e':
		memset(&a, 0, sizeof a);
		a.expr = "x^2 + y^2";
		ui_play_setup(u, &a);
		play_key(u, 'e');
		return 0;
	case '\n': case '\r': case KEY_ENTER:
		break;
	default:
		if (ch >= '1' && ch <= '9' && ch - '1' < (int)NCLASSICS) {
			p->pick = ch - '1';
			break;
		}
		return 0;
	}
	c = &classics[p->pick];
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
	.name = "list of functions",
	.help = "up/down, j k: choose\n"
		"Enter: descend it   1-9: descend that one at once\n"
		"e: type a function of your own\n"
		"q: quit\n",
	.draw = pick_draw,
	.key = pick_key,
};
