/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-plot-fig.c - what a figure does with the runs drawn on it: a
 * trajectory given point by point (as the live descent draws it) looks
 * the same as one given whole, in every encoding; without the trail only
 * the start and the end are shown; and in 1D the rolling ball's tangent
 * goes through the ball with the slope's sign, and moves with it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/plot.h"
#include "unit-helpers.h"

#define NPTS 14

/* Gradient descent on x^2 + 3y^2 from (2, 1.5), rate 0.03: NPTS points. */
static void
descent_points(double *xs)
{
	double x = 2, y = 1.5;
	int k;

	for (k = 0; k < NPTS; k++) {
		xs[2 * k] = x;
		xs[2 * k + 1] = y;
		x -= 0.03 * 2 * x;
		y -= 0.03 * 6 * y;
	}
}

/* A figure of o, w x h, without a caption, for the options set by the caller. */
static struct plot_fig *
new_fig(struct objective *o, struct plot_opts *po, int w, int h)
{
	struct plot_fig *f;
	struct diag err = { .message = "" };

	po->width = w;
	po->height = h;
	po->title = 0;
	f = plot_fig_new(o, po, NULL, &err);
	cr_assert_not_null(f, "%s", err.message);
	return f;
}

static struct plot_fig *
bowl_fig(struct objective *o, enum plot_enc enc, int color, int trail)
{
	struct plot_opts po;

	plot_opts_init(&po);
	po.enc = enc;
	po.color = color;
	po.x0 = -2.5;
	po.x1 = 2.5;
	po.y0 = -2;
	po.y1 = 2;
	po.overlays = PLOT_OV_CRITICAL | (color ? PLOT_OV_SHADE : 0);
	po.trail = trail;
	return new_fig(o, &po, 54, 22);
}

static int
same_cell(struct plot_cell a, struct plot_cell b)
{
	return a.ch == b.ch && a.fg == b.fg && a.bg == b.bg && a.attr == b.attr;
}

/* The cells of the plot area where two figures of the same size differ. */
static int
diff_cells(struct plot_fig *a, struct plot_fig *b, int (*cells)[2], int max)
{
	const struct plot_canvas *ca = plot_fig_canvas(a), *cb = plot_fig_canvas(b);
	int cx, cy, n = 0;

	for (cy = 0; cy < plot_canvas_height(ca); cy++)
		for (cx = 0; cx < plot_canvas_width(ca); cx++) {
			double x[2];
			if (plot_fig_point(a, cx, cy, x) < 0)
				continue;
			if (same_cell(plot_canvas_cell(ca, cx, cy), plot_canvas_cell(cb, cx, cy)))
				continue;
			if (n < max) {
				cells[n][0] = cx;
				cells[n][1] = cy;
			}
			n++;
		}
	return n;
}

/* A trajectory drawn a point at a time is the one drawn whole: in glyphs
 * too, where each step's last cell is '@' until the next step. */
Test(plot_fig, trajectory_by_steps_is_the_whole_one)
{
	static const enum plot_enc encs[] = { PLOT_ENC_ASCII, PLOT_ENC_BRAILLE, PLOT_ENC_BLOCKS };
	struct objective *o = make_objective("x^2 + 3*y^2");
	double xs[2 * NPTS], ys[2 * NPTS];
	size_t e, k;
	int color;

	descent_points(xs);
	for (k = 0; k < NPTS; k++) {    /* a second run, mirrored in x */
		ys[2 * k] = -xs[2 * k];
		ys[2 * k + 1] = xs[2 * k + 1];
	}
	for (e = 0; e < sizeof encs / sizeof encs[0]; e++) {
		for (color = 0; color <= 1; color++) {
			struct plot_fig *whole = bowl_fig(o, encs[e], color, 1);
			struct plot_fig *steps = bowl_fig(o, encs[e], color, 1);
			const struct plot_canvas *cw = plot_fig_canvas(whole);
			const struct plot_canvas *cs = plot_fig_canvas(steps);
			int cx, cy, marks = 0;
			plot_fig_trajectory(whole, 0, xs, NPTS, "gd");
			plot_fig_trajectory(whole, 1, ys, NPTS, "gd too");
			for (k = 1; k <= NPTS; k++) {
				plot_fig_trajectory(steps, 0, xs, k, "gd");
				plot_fig_trajectory(steps, 1, ys, k, "gd too");
			}
			for (cy = 0; cy < plot_canvas_height(cw); cy++)
				for (cx = 0; cx < plot_canvas_width(cw); cx++) {
					struct plot_cell a = plot_canvas_cell(cw, cx, cy);
					struct plot_cell b = plot_canvas_cell(cs, cx, cy);
					cr_assert(same_cell(a, b),
						  "encoding %zu, colour %d: cell (%d, %d) is U+%04X "
						  "drawn whole, U+%04X drawn step by step", e, color,
						  cx, cy, (unsigned)a.ch, (unsigned)b.ch);
					marks += a.ch == '*' || a.ch == '&';
				}
			if (encs[e] == PLOT_ENC_ASCII || !color)
				cr_assert_gt(marks, 2 * 4, "the trails are drawn in their glyphs "
					     "(%d marks)", marks);
			plot_fig_free(whole);
			plot_fig_free(steps);
		}
	}
	objective_free(o);
}

/* Without the trail: the S and the @, and nothing else on the plot. */
Test(plot_fig, no_trail_keeps_start_and_end)
{
	struct objective *o = make_objective("x^2 + 3*y^2");
	double xs[2 * NPTS];
	int cells[64][2], color, k;

	descent_points(xs);
	for (color = 0; color <= 1; color++) {
		struct plot_fig *bare = bowl_fig(o, PLOT_ENC_BRAILLE, color, 1);
		struct plot_fig *none = bowl_fig(o, PLOT_ENC_BRAILLE, color, 0);
		struct plot_fig *full = bowl_fig(o, PLOT_ENC_BRAILLE, color, 1);
		struct plot_canvas *c = plot_fig_canvas(none);
		int n, i, s = 0, at = 0;
		for (k = 1; k <= NPTS; k++) {
			plot_fig_trajectory(none, 0, xs, (size_t)k, "gd");
			plot_fig_trajectory(full, 0, xs, (size_t)k, "gd");
		}
		n = diff_cells(none, bare, cells, 64);
		cr_assert_eq(n, 2, "colour %d: %d cells differ from the bare figure, "
			     "not the S and the @", color, n);
		for (i = 0; i < n; i++) {
			uint32_t ch = plot_canvas_cell(c, cells[i][0], cells[i][1]).ch;
			s += ch == 'S';
			at += ch == '@';
		}
		cr_assert(s == 1 && at == 1, "the two cells are S and @");
		n = diff_cells(full, bare, cells, 64);
		cr_assert_gt(n, 6, "colour %d: the trail is drawn when asked for (%d cells)",
			     color, n);
		plot_fig_free(bare);
		plot_fig_free(none);
		plot_fig_free(full);
	}
	objective_free(o);
}

static struct plot_fig *
parabola_fig(struct objective *o, int tangent)
{
	struct plot_opts po;

	plot_opts_init(&po);
	po.x0 = -2;
	po.x1 = 2;
	po.ball_tangent = tangent;
	po.trail = 0;
	return new_fig(o, &po, 60, 20);
}

/*
 * The tangent's cells, against a figure without it: on both sides of
 * the ball, rising to the right when slope > 0 and falling when < 0.
 */
static void
expect_tangent(struct plot_fig *with, struct plot_fig *without, double x, double slope)
{
	int cells[256][2], n, i, left = 0, right = 0, bx, by;
	double p[2] = { x, x * x };

	cr_assert_eq(plot_fig_cell(with, p, &bx, &by), 0);
	n = diff_cells(with, without, cells, 256);
	cr_assert_gt(n, 6, "the tangent at x = %g has %d cells", x, n);
	cr_assert_leq(n, 256);
	for (i = 0; i < n; i++) {
		int dx = cells[i][0] - bx, dy = cells[i][1] - by;
		/* screen rows grow downwards: rising to the right is dy < 0 */
		if (dx < 0) {
			left++;
			cr_assert(slope > 0 ? dy >= 0 : dy <= 0,
				  "x = %g: cell (%d, %d) left of the ball at (%d, %d) is on the "
				  "wrong side for a slope of %g", x, cells[i][0], cells[i][1], bx,
				  by, slope);
		} else if (dx > 0) {
			right++;
			cr_assert(slope > 0 ? dy <= 0 : dy >= 0,
				  "x = %g: cell (%d, %d) right of the ball at (%d, %d) is on the "
				  "wrong side for a slope of %g", x, cells[i][0], cells[i][1], bx,
				  by, slope);
		}
	}
	cr_assert(left >= 3 && right >= 3, "the tangent runs both ways (%d left, %d right)",
		  left, right);
}

Test(plot_fig, ball_tangent_moves_with_the_ball)
{
	struct objective *o = make_objective("x^2");
	struct plot_fig *with = parabola_fig(o, 1), *without = parabola_fig(o, 0);
	double xs[3] = { 1, -1, 0 };

	plot_fig_trajectory(with, 0, xs, 1, "gd");
	plot_fig_trajectory(without, 0, xs, 1, "gd");
	expect_tangent(with, without, 1, 2);
	/* the ball moves to x = -1: the old tangent goes, a new one comes */
	plot_fig_trajectory(with, 0, xs, 2, "gd");
	plot_fig_trajectory(without, 0, xs, 2, "gd");
	expect_tangent(with, without, -1, -2);
	plot_fig_free(with);
	plot_fig_free(without);
	objective_free(o);
}

/*
 * Coarse sampling (a cell's corners, the dots between interpolated) is
 * exact where f is bilinear: the figure is the one sampled at every dot.
 * On a bowl it differs in few cells, and it makes 8 times fewer
 * evaluations in braille.
 */
static struct plot_fig *
sampled_fig(struct objective *o, int coarse)
{
	struct plot_opts po;

	plot_opts_init(&po);
	po.enc = PLOT_ENC_BRAILLE;
	po.x0 = -2;
	po.x1 = 2;
	po.y0 = -1.5;
	po.y1 = 1.5;
	po.contours = 6;
	po.coarse = coarse;
	return new_fig(o, &po, 60, 20);
}

Test(plot_fig, coarse_sampling)
{
	struct objective *o = make_objective("x + 2*y + 0.5*x*y");
	struct plot_fig *a = sampled_fig(o, 0), *b = sampled_fig(o, 1);
	static int cells[1200][2];

	cr_expect_eq(diff_cells(a, b, cells, 1200), 0, "a bilinear function");
	plot_fig_free(a);
	plot_fig_free(b);
	objective_free(o);
	o = make_objective("x^2 + 3*y^2");
	a = sampled_fig(o, 0);
	b = sampled_fig(o, 1);
	{
		int n = diff_cells(a, b, cells, 1200);
		cr_expect(n > 0 && n < 120, "a bowl: %d cells differ", n);
	}
	plot_fig_free(a);
	plot_fig_free(b);
	objective_free(o);
}
