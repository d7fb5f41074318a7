/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-traj.c - runs drawn over a figure: each one's trail, its start S
 * and its end @, the descent direction at its end (an arrow) and, in 1D,
 * the tangent under the ball.  A step draws only its new segment.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "descent/util.h"
#include "plot-int.h"

/* Trajectory glyphs: none of the shading ramp's, markers' or axes' */
const char plot_traj_glyph[PLOT_MAX_TRAJ] = { '*', '&', '$', '~', '!', '"', ';', ',' };

/*
 * Their colours: bright, and none that the contours (greys, white on 8
 * colours) or the shading (the cube's dark blues and teals) use.  The
 * last three are bright blue, red and magenta (9 to 15, the brighter
 * eight), which an 8-colour terminal shows as blue, red and magenta: the
 * glyphs in the legend still tell those apart.
 */
const uint8_t plot_traj_color[PLOT_MAX_TRAJ] = {
	PLOT_RED, PLOT_CYAN, PLOT_YELLOW, PLOT_MAGENTA, PLOT_GREEN, 12, 9, 13,
};

void
plot_traj_style(int index, char *glyph, uint8_t *color)
{
	index = index < 0 ? 0 : index % PLOT_MAX_TRAJ;
	*glyph = plot_traj_glyph[index];
	*color = plot_traj_color[index];
}

/* A trajectory's point x in data coordinates of the picture. */
static void
traj_point(struct plot_fig *f, const double *x, double *p)
{
	p[0] = x[0];
	if (f->n == 2)
		p[1] = x[1];
	else
		objective_eval_point(f->o, x, &p[1], NULL, NULL);
}

/*
 * The descent direction at a trajectory's last point: -grad, drawn as a
 * line of a fixed length on the screen (so a flat spot still shows which
 * way is down) from the '@'.  In 1D the point is (x, f(x)) and the arrow
 * points along the tangent, downhill.  Arrows live on their own layer,
 * redrawn whole when a run moves.
 */
static void
draw_arrow(struct plot_fig *f, struct plot_traj *tr, uint8_t color)
{
	double g[2], fx, sx, sy, len;
	int x0, y0, steps = 3 * (f->dx > f->dy ? f->dx : f->dy);

	(void)color;

	tr->arrow[0] = -1;
	objective_eval_point(f->o, tr->last, &fx, g, NULL);
	if (!isfinite(g[0]) || (f->n == 2 && !isfinite(g[1])))
		return;
	/* the direction on the screen: dots per unit differ in x and y */
	if (f->n == 2) {
		sx = -g[0] * (f->aw * f->dx) / (f->x1 - f->x0);
		sy = g[1] * (f->ah * f->dy) / (f->y1 - f->y0);
	} else {
		sx = (g[0] > 0 ? -1 : 1) * (f->aw * f->dx) / (f->x1 - f->x0);
		sy = fabs(g[0]) * (f->ah * f->dy) / (f->y1 - f->y0);
	}
	len = hypot(sx, sy);
	if (!(len > 0))
		return;
	x0 = fig_clampi(fig_to_dot_x(f, tr->last[0]));
	y0 = fig_clampi(fig_to_dot_y(f, tr->last[1]));
	tr->arrow[0] = x0;
	tr->arrow[1] = y0;
	tr->arrow[2] = (int)lround(sx / len * steps);
	tr->arrow[3] = (int)lround(sy / len * steps);
	fig_line(f, PLOT_LAYER_ARROW, x0, y0, x0 + tr->arrow[2], y0 + tr->arrow[3],
		 f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
}

/*
 * 1D: the tangent at a trajectory's last point, y = f(a) + f'(a)(x - a),
 * a fixed length on the screen (a sixth of the plot's width each side)
 * whatever its slope, on the arrow layer, redrawn as the point moves.
 */
static void
draw_ball_tangent(struct plot_fig *f, const struct plot_traj *tr)
{
	double fa, ga, sx, sy, len, half = f->aw * f->dx / 6.0;
	int x0, y0, ex, ey;

	objective_eval_point(f->o, tr->last, &fa, &ga, NULL);
	if (!isfinite(fa) || !isfinite(ga))
		return;
	/* one unit of x along the tangent, in dots (y grows downwards) */
	sx = (f->aw * f->dx) / (f->x1 - f->x0);
	sy = -ga * (f->ah * f->dy) / (f->y1 - f->y0);
	len = hypot(sx, sy);
	if (!(len > 0) || !isfinite(len))
		return;
	x0 = fig_clampi(fig_to_dot_x(f, tr->last[0]));
	y0 = fig_clampi(fig_to_dot_y(f, fa));
	ex = (int)lround(sx / len * half);
	ey = (int)lround(sy / len * half);
	fig_line(f, PLOT_LAYER_ARROW, x0 - ex, y0 - ey, x0 + ex, y0 + ey,
		 f->opt.color ? PLOT_GREEN : PLOT_DEFAULT);
}

static int
in_area(const struct plot_fig *f, int x, int y)
{
	return x >= 0 && y >= 0 && x < f->aw * f->dx && y < f->ah * f->dy;
}

/*
 * Step i goes from the last point to dot (px, py): when it leaves the
 * area, an arrow on the edge where it crossed, pointing the way it went;
 * when it comes back, none.
 */
static void
track_exit(struct plot_fig *f, struct plot_traj *tr, int index, size_t i, int px, int py,
	   int glyphs, uint8_t color)
{
	static const uint32_t arrows[2][4] = {
		{ '<', '>', '^', 'v' },
		{ 0x2190, 0x2192, 0x2191, 0x2193 },     /* left, right, up, down */
	};
	static const char *const names[2][4] = {
		{ "<", ">", "^", "v" },
		{ "\u2190", "\u2192", "\u2191", "\u2193" },
	};
	int was = in_area(f, tr->lastdx, tr->lastdy), is = in_area(f, px, py);
	double a0 = tr->lastdx, b0 = tr->lastdy, a1 = px, b1 = py, w, h, d[4];
	int side, k;

	if (was == is)
		return;
	if (tr->outcx >= 0) {
		/* the old arrow's cell shows the trail again */
		if (glyphs && f->opt.trail)
			plot_mark(f->c, tr->outcx, tr->outcy, (uint32_t)plot_traj_glyph[index],
				  color, 0);
		else
			plot_unmark(f->c, tr->outcx, tr->outcy);
		tr->outcx = -1;
	}
	if (is) {
		tr->left = -1;          /* back in view */
		return;
	}
	tr->left = (long)i;
	w = f->aw * f->dx - 1;
	h = f->ah * f->dy - 1;
	if (!plot_clip_segment(&a0, &b0, &a1, &b1, w, h))
		return;
	/* the edge it crossed: the nearest to where the clipped step ends,
	 * among those it was heading for */
	d[0] = px < 0 ? a1 : INFINITY;
	d[1] = px > w ? w - a1 : INFINITY;
	d[2] = py < 0 ? b1 : INFINITY;
	d[3] = py > h ? h - b1 : INFINITY;
	for (side = 0, k = 1; k < 4; k++)
		if (d[k] < d[side])
			side = k;
	tr->outcx = f->ax + (int)floor(fmin(fmax(a1, 0), w) / f->dx);
	tr->outcy = f->ay + (int)floor(fmin(fmax(b1, 0), h) / f->dy);
	tr->outglyph = arrows[f->opt.enc != PLOT_ENC_ASCII][side];
	tr->outtext = names[f->opt.enc != PLOT_ENC_ASCII][side];
}

long
plot_fig_left_view(const struct plot_fig *f, int index)
{
	if (index < 0 || index >= PLOT_MAX_TRAJ || !f->traj[index].used)
		return -1;
	return f->traj[index].left;
}

void
plot_fig_trajectory(struct plot_fig *f, int index, const double *xs, size_t n,
		    const char *label)
{
	if (n > 0)
		plot_fig_trajectory_to(f, index, xs, n - 1, xs + (n - 1) * (size_t)f->n, label);
}

void
plot_fig_trajectory_to(struct plot_fig *f, int index, const double *xs, size_t nrec,
		       const double *last, const char *label)
{
	size_t n = nrec + 1;
	struct plot_traj *tr;
	int glyphs = f->opt.enc == PLOT_ENC_ASCII || !f->opt.color;
	uint8_t color = f->opt.color ? plot_traj_color[index % PLOT_MAX_TRAJ] : PLOT_DEFAULT;
	size_t i;

	if (index < 0 || index >= PLOT_MAX_TRAJ)
		return;
	tr = &f->traj[index];
	if (!tr->used || n < tr->drawn) {
		memset(tr, 0, sizeof *tr);
		tr->used = 1;
		tr->lastcx = tr->startcx = tr->outcx = -1;
		tr->left = -1;
	}
	if (label != NULL)
		snprintf(tr->label, sizeof tr->label, "%s", label);
	if (tr->lastcx >= 0 && n > tr->drawn) {
		/* '@' moves on: its cell shows the trail again (in glyphs, the
		 * trail's own mark; with dots, what is under the text) */
		if (glyphs && f->opt.trail && tr->drawn > 1)
			plot_mark(f->c, tr->lastcx, tr->lastcy, tr->trail_glyph, tr->trail_color, 0);
		else
			plot_unmark(f->c, tr->lastcx, tr->lastcy);
	}
	for (i = tr->drawn; i < n; i++) {
		const double *x = i < nrec ? xs + i * (size_t)f->n : last;
		uint32_t seg_glyph = (uint32_t)plot_traj_glyph[index];
		uint8_t seg_color = color;
		double p[2], fx;
		int px, py;
		traj_point(f, x, p);
		if (f->opt.step_signs) {
			/* the step's sign: f fell (green, +) or rose (red, x) */
			if (f->n == 1)
				fx = p[1];
			else
				objective_eval_point(f->o, x, &fx, NULL, NULL);
			if (i > 0) {
				int fell = fx < tr->lastf;
				seg_glyph = fell ? '+' : 'x';
				seg_color = f->opt.color ? (fell ? PLOT_GREEN : PLOT_RED) : PLOT_DEFAULT;
			}
			tr->lastf = fx;
		}
		px = fig_clampi(fig_to_dot_x(f, p[0]));
		py = fig_clampi(fig_to_dot_y(f, p[1]));
		if (i == 0) {
			int cx, cy;
			if (plot_fig_cell(f, p, &cx, &cy) == 0) {
				tr->startcx = cx;
				tr->startcy = cy;
			} else {
				tr->left = 0;   /* out of view from the start */
			}
		} else {
			track_exit(f, tr, index, i, px, py, glyphs, color);
		}
		if (i == 0) {
			/* the start: nothing to join */
		} else if (!f->opt.trail) {
			/* no trail: the S and the @ only */
		} else if (glyphs) {
			/* the cells along the segment, in the optimizer's glyph */
			int ax = f->ax + (int)floor((double)tr->lastdx / f->dx);
			int ay = f->ay + (int)floor((double)tr->lastdy / f->dy);
			int bx = f->ax + (int)floor((double)px / f->dx);
			int by = f->ay + (int)floor((double)py / f->dy);
			int steps = abs(bx - ax) > abs(by - ay) ? abs(bx - ax) : abs(by - ay), s;
			if (steps > 4 * (f->aw + f->ah))
				steps = 4 * (f->aw + f->ah);
			for (s = 1; s <= steps; s++) {
				int cx = ax + (int)lround((double)(bx - ax) * s / steps);
				int cy = ay + (int)lround((double)(by - ay) * s / steps);
				if (cx >= f->ax && cx < f->ax + f->aw && cy >= f->ay &&
				    cy < f->ay + f->ah)
					plot_mark(f->c, cx, cy, seg_glyph, seg_color, 0);
			}
		} else {
			fig_line(f, PLOT_LAYER_TRAJ, tr->lastdx, tr->lastdy, px, py, seg_color);
		}
		tr->trail_glyph = seg_glyph;
		tr->trail_color = seg_color;
		tr->lastdx = px;
		tr->lastdy = py;
		{
			int cx, cy;
			if (plot_fig_cell(f, p, &cx, &cy) == 0) {
				tr->lastcx = cx;
				tr->lastcy = cy;
			} else {
				tr->lastcx = -1;
			}
		}
	}
	tr->drawn = n;
	traj_point(f, last, tr->last);
	if (f->opt.arrow || (f->n == 1 && f->opt.ball_tangent)) {
		int t;
		plot_canvas_clear_layer(f->c, PLOT_LAYER_ARROW);
		for (t = 0; t < PLOT_MAX_TRAJ; t++) {
			if (!f->traj[t].used)
				continue;
			if (f->n == 1 && f->opt.ball_tangent)
				draw_ball_tangent(f, &f->traj[t]);
			if (f->opt.arrow)
				draw_arrow(f, &f->traj[t], color);
		}
	}
	fig_draw_markers(f);
	fig_draw_legend(f);
}

void
plot_fig_run(struct plot_fig *f, int index, const struct run *r, const char *label)
{
	const struct trajectory *t = run_trajectory(r);

	plot_fig_trajectory_to(f, index, t->w, t->len, run_point(r), label);
}
