/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-plot-overlays.c - the one policy of overlays (plot_overlays, as
 * plot.h documents it): every set of the six wanted bits, in one and two
 * variables, with colour and without, resolved as the rules say, each
 * rule checked on its own so that a failure names the rule it breaks;
 * then a few sets written out, and a figure that draws what the policy
 * resolves whatever it is asked (its legend says which fill).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/objective.h"
#include "descent/plot.h"
#include "unit-helpers.h"

static const char *
names(unsigned s, char *buf, size_t size)
{
	static const char *const n[] = { "critical", "tangent", "contours", "shade", "basins",
					 "convexity" };
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 6; i++)
		if (s & (1u << i))
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "", n[i]);
	if (len == 0)
		snprintf(buf, size, "(none)");
	return buf;
}

Test(plot_overlays, every_set_resolves_as_documented)
{
	unsigned want;
	int dim, color;

	for (want = 0; want <= PLOT_OV_ALL; want++)
		for (dim = 1; dim <= 2; dim++)
			for (color = 0; color <= 1; color++) {
				unsigned got = plot_overlays(want, dim, color), fill = got & PLOT_OV_FILL;
				char w[80], g[80];
				names(want, w, sizeof w);
				names(got, g, sizeof g);
				/* nothing is drawn that was not wanted, but the default contours */
				cr_assert_eq(got & ~want & ~(unsigned)PLOT_OV_CONTOURS, 0,
					     "want %s, dim %d, color %d: drew %s", w, dim, color, g);
				/* one fill at most, the highest wanted: convexity > basins > shade */
				cr_assert(fill == 0 || (fill & (fill - 1)) == 0,
					  "want %s, dim %d, color %d: two fills in %s", w, dim, color, g);
				if (want & PLOT_OV_CONVEXITY)
					cr_assert_eq(fill, PLOT_OV_CONVEXITY, "want %s, dim %d: got %s",
						     w, dim, g);
				else if (want & PLOT_OV_BASINS)
					cr_assert_eq(fill, PLOT_OV_BASINS, "want %s, dim %d: got %s", w,
						     dim, g);
				else if ((want & PLOT_OV_SHADE) && dim == 2)
					cr_assert_eq(fill, PLOT_OV_SHADE, "want %s, dim %d: got %s", w,
						     dim, g);
				else
					cr_assert_eq(fill, 0, "want %s, dim %d: got %s", w, dim, g);
				/* markers combine with anything */
				cr_assert_eq(got & PLOT_OV_CRITICAL, want & PLOT_OV_CRITICAL,
					     "want %s, dim %d, color %d: got %s", w, dim, color, g);
				/* the tangent, in one variable only, with anything */
				cr_assert_eq(got & PLOT_OV_TANGENT,
					     dim == 1 ? want & PLOT_OV_TANGENT : 0,
					     "want %s, dim %d, color %d: got %s", w, dim, color, g);
				/* contours: in two variables only; asked for, always; else
				 * unless basins or convexity fill a figure without colour */
				if (dim == 1)
					cr_assert_eq(got & (PLOT_OV_CONTOURS | PLOT_OV_SHADE), 0,
						     "want %s, dim 1: got %s", w, g);
				else if (want & PLOT_OV_CONTOURS)
					cr_assert(got & PLOT_OV_CONTOURS, "want %s, dim 2, color %d: "
						  "got %s", w, color, g);
				else
					cr_assert_eq((got & PLOT_OV_CONTOURS) != 0,
						     color || !(want & (PLOT_OV_BASINS |
									PLOT_OV_CONVEXITY)),
						     "want %s, dim 2, color %d: got %s", w, color, g);
				/* resolving twice changes nothing */
				cr_assert_eq(plot_overlays(got, dim, color), got,
					     "want %s, dim %d, color %d: %s is not a fixed point", w,
					     dim, color, g);
			}
}

Test(plot_overlays, written_out)
{
	/* the full screen's "show": ["shade", "basins"], with and without colour */
	cr_assert_eq(plot_overlays(PLOT_OV_SHADE | PLOT_OV_BASINS, 2, 0), PLOT_OV_BASINS);
	cr_assert_eq(plot_overlays(PLOT_OV_SHADE | PLOT_OV_BASINS, 2, 1),
		     PLOT_OV_BASINS | PLOT_OV_CONTOURS);
	cr_assert_eq(plot_overlays(PLOT_OV_ALL, 2, 0),
		     PLOT_OV_CRITICAL | PLOT_OV_CONTOURS | PLOT_OV_CONVEXITY);
	cr_assert_eq(plot_overlays(PLOT_OV_ALL, 1, 0),
		     PLOT_OV_CRITICAL | PLOT_OV_TANGENT | PLOT_OV_CONVEXITY);
	cr_assert_eq(plot_overlays(0, 2, 0), PLOT_OV_CONTOURS);
	cr_assert_eq(plot_overlays(0, 1, 1), 0);
	cr_assert_eq(plot_overlays(PLOT_OV_SHADE | PLOT_OV_CONTOURS, 1, 1), 0);
	cr_assert_eq(plot_overlays(PLOT_OV_BASINS | PLOT_OV_TANGENT, 1, 0),
		     PLOT_OV_BASINS | PLOT_OV_TANGENT);
	/* bits beyond the six are not overlays */
	cr_assert_eq(plot_overlays(~0u, 1, 0) & ~(unsigned)PLOT_OV_ALL, 0);
}

/* The legend rows of a figure of o wanting overlays, as text. */
static void
legend(struct objective *o, unsigned overlays, char *buf, size_t size)
{
	struct plot_opts po;
	struct plot_fig *f;
	struct diag err = { .message = "" };
	int cx, cy, h = 14, w = 60;
	size_t len = 0;

	plot_opts_init(&po);
	po.width = w;
	po.height = h;
	po.enc = PLOT_ENC_ASCII;
	po.title = 0;
	po.x0 = -2;
	po.x1 = 2;
	po.y0 = -1.5;
	po.y1 = 1.5;
	po.overlays = overlays;
	f = plot_fig_new(o, &po, NULL, &err);
	cr_assert_not_null(f, "%s", err.message);
	for (cy = h - 3; cy < h; cy++) {
		for (cx = 0; cx < w && len + 2 < size; cx++)
			buf[len++] = (char)plot_canvas_cell(plot_fig_canvas(f), cx, cy).ch;
		buf[len++] = '\n';
	}
	buf[len] = '\0';
	plot_fig_free(f);
}

Test(plot_overlays, a_figure_draws_what_the_policy_resolves)
{
	struct objective *o = make_objective("x^4 - 2*x^2 + y^2");
	char all[400], convexity[400], basins[400], both[400];

	legend(o, PLOT_OV_ALL, all, sizeof all);
	legend(o, PLOT_OV_CRITICAL | PLOT_OV_CONTOURS | PLOT_OV_CONVEXITY, convexity,
	       sizeof convexity);
	cr_assert_str_eq(all, convexity, "every overlay wanted is convexity drawn");
	cr_assert_not_null(strstr(all, "convexity:"), "%s", all);
	legend(o, PLOT_OV_SHADE | PLOT_OV_BASINS, both, sizeof both);
	legend(o, PLOT_OV_BASINS, basins, sizeof basins);
	cr_assert_str_eq(both, basins, "shade and basins wanted is basins drawn");
	cr_assert_not_null(strstr(basins, "basins ("), "%s", basins);
	objective_free(o);
}
