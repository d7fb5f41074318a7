/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-overlay.c - what the analysis adds to a figure: the overlays by
 * name and the policy that combines them, the markers' glyphs of the
 * critical points, the basins of attraction and the convexity map, and
 * the 1D zoom onto the critical points.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "descent/util.h"
#include "plot-int.h"

const char *const plot_overlay_names[] = {
	"critical", "tangent", "contours", "shade", "basins", "convexity", NULL,
};
_Static_assert(sizeof plot_overlay_names / sizeof plot_overlay_names[0] - 1 ==
	       __builtin_popcount(PLOT_OV_ALL), "every overlay fig_has its name");

unsigned
plot_overlay_find(const char *name)
{
	unsigned i;

	for (i = 0; plot_overlay_names[i] != NULL; i++)
		if (strcmp(plot_overlay_names[i], name) == 0)
			return 1u << i;
	return 0;
}

unsigned
plot_overlays(unsigned want, int dim, int color)
{
	unsigned on = want & PLOT_OV_ALL;

	if (dim == 1)
		on &= ~(unsigned)(PLOT_OV_CONTOURS | PLOT_OV_SHADE);
	else
		on &= ~(unsigned)PLOT_OV_TANGENT;
	/* one fill, the highest wanted */
	if (on & PLOT_OV_CONVEXITY)
		on &= ~(unsigned)(PLOT_OV_BASINS | PLOT_OV_SHADE);
	else if (on & PLOT_OV_BASINS)
		on &= ~(unsigned)PLOT_OV_SHADE;
	if (dim == 2 && (color || !(on & (PLOT_OV_BASINS | PLOT_OV_CONVEXITY))))
		on |= PLOT_OV_CONTOURS;
	return on;
}

uint32_t
fig_cp_glyph(enum cp_kind k)
{
	switch (k) {
	case CP_MINIMUM: return 'o';
	case CP_MAXIMUM: return '^';
	case CP_SADDLE: return 'x';
	case CP_DEGENERATE: return '?';
	}
	return '?';
}

/* Shades the cell (cx, cy) of the area, or its whole column in 1D. */
void
fig_shade_area(struct plot_fig *f, int cx, int cy, int level, uint8_t color)
{
	int y;

	if (f->n == 2) {
		plot_shade(f->c, f->ax + cx, f->ay + cy, level, color);
		return;
	}
	for (y = 0; y < f->ah; y++)
		plot_shade(f->c, f->ax + cx, f->ay + y, level, color);
}

/* The overlay legend's glyph at byte at stands for shade colour c. */
static void
swatch(struct plot_fig *f, int at, uint8_t c)
{
	if (f->nswatch < (int)(sizeof f->swatch_at / sizeof f->swatch_at[0])) {
		f->swatch_at[f->nswatch] = at;
		f->swatch_color[f->nswatch++] = c;
	}
}

/*
 * The words of the overlays' legends, translated where they are shown
 * (entries two blanks apart, the way overlay_wrap breaks them).
 */
/* TRANSLATORS: a legend: basins of attraction of the run's settings, such as "gd,lr=0.01" */
static const char *const basins_key = N_("basins (%s)");
/* TRANSLATORS: a legend key, after its glyph: where the runs diverged */
static const char *const diverged_key = N_("diverged");
/* TRANSLATORS: a legend: cells left blank are where f is convex; the
 * glyphs '=' and ':' then mark the concave and saddle-shaped cells */
static const char *const convexity_key = N_("convexity: blank convex");
static const char *const concave_key = N_("concave");
static const char *const saddle_key = N_("saddle-shaped");
static const char *const everywhere_key = N_("(convex everywhere here)");

/* The columns the translation of en takes more than en (less: negative). */
static int
longer(const char *en)
{
	return plot_text_width(_(en)) - (int)strlen(en);
}

int
fig_overlay_longer(const struct plot_fig *f)
{
	if (fig_has(f, PLOT_OV_BASINS))
		return longer(basins_key) + longer(diverged_key);
	return longer(convexity_key) + longer(concave_key) + longer(everywhere_key) +
	       (f->n == 2 ? longer(saddle_key) : 0);
}

/* Basins: the ramp glyph and background of each minimum's basin. */
/* Basins: ramp levels without 6, whose '*' is the first trajectory's */
static const int basin_level[8] = { 1, 3, 5, 7, 2, 4, 8, 1 };

static const uint8_t basin_color[8] = { 17, 22, 53, 23, 58, 52, 54, 24 };

void
fig_draw_basins(struct plot_fig *f)
{
	struct region r = { f->n, { f->x0, f->y0 }, { f->x1, f->y1 } };
	struct run_config c;
	int ny = f->n == 2 ? f->ah : 1, *label = xmalloc((size_t)f->aw * ny * sizeof *label);
	int cx, iy, k, mins = 0, *idx = xmalloc(((size_t)f->ncp + 1) * sizeof *idx);
	size_t len;

	if (f->opt.basin_run != NULL) {
		c = *f->opt.basin_run;
	} else {
		run_config_init(&c, &opt_gd);
	}
	/* the minima get basins 0, 1, ... in the order of the points */
	for (k = 0; k < f->ncp; k++)
		idx[k] = f->cp[k].kind == CP_MINIMUM ? mins++ : -1;
	analysis_basins(f->o, &r, f->aw, ny, &c, f->cp, f->ncp, label);
	for (iy = 0; iy < ny; iy++)
		for (cx = 0; cx < f->aw; cx++) {
			int l = label[(size_t)iy * f->aw + cx], cy = f->ah - 1 - iy;
			if (l >= 0 && l < f->ncp && idx[l] >= 0)
				fig_shade_area(f, cx, cy, basin_level[idx[l] % 8],
					   basin_color[idx[l] % 8]);
			else if (l == BASIN_DIVERGED)
				fig_shade_area(f, cx, cy, 9, 88);
		}
	free(label);
	len = snprintf(f->overlay, sizeof f->overlay, _(basins_key),
		       f->opt.basin_label ? f->opt.basin_label : c.opt->name);
	for (k = 0; k < f->ncp && len < sizeof f->overlay - 40; k++) {
		char a[24], b[24];
		if (idx[k] < 0)
			continue;
		snprintf(a, sizeof a, "%.2g", f->cp[k].x[0]);
		snprintf(b, sizeof b, "%.2g", f->cp[k].x[1]);
		swatch(f, (int)len + 2, basin_color[idx[k] % 8]);
		if (f->n == 2)
			len += snprintf(f->overlay + len, sizeof f->overlay - len, "  %c(%s,%s)",
					" .:-=+*#%@"[basin_level[idx[k] % 8]], a, b);
		else
			len += snprintf(f->overlay + len, sizeof f->overlay - len, "  %c%s",
					" .:-=+*#%@"[basin_level[idx[k] % 8]], a);
	}
	if (len < sizeof f->overlay - 16) {
		swatch(f, (int)len + 2, 88);
		snprintf(f->overlay + len, sizeof f->overlay - len, "  @ %s", _(diverged_key));
	}
	free(idx);
}

int
fig_convexity(struct plot_fig *f, struct region *r, struct convexity *cv)
{
	double hx = (f->x1 - f->x0) / f->aw / 2, hy = (f->y1 - f->y0) / f->ah / 2;

	/* the grid of the analysis runs corner to corner: give it the cell
	 * centres */
	r->n = f->n;
	r->lo[0] = f->x0 + hx;
	r->hi[0] = f->x1 - hx;
	r->lo[1] = f->y0 + hy;
	r->hi[1] = f->y1 - hy;
	if (f->n == 1) {
		r->lo[1] = f->y0;
		r->hi[1] = f->y1;
	}
	return analysis_convexity(f->o, r, f->aw, f->n == 2 ? f->ah : 1, cv);
}

void
fig_draw_convexity(struct plot_fig *f)
{
	struct region r;
	struct convexity cv;
	int cx, iy;
	size_t len;

	if (fig_convexity(f, &r, &cv) < 0)
		return;
	for (iy = 0; iy < cv.ny; iy++)
		for (cx = 0; cx < cv.nx; cx++) {
			enum hess_sign s = cv.sign[(size_t)iy * cv.nx + cx];
			int cy = f->ah - 1 - iy;
			if (s == HESS_INDEFINITE)
				fig_shade_area(f, cx, cy, 2, 58);
			else if (s == HESS_NEGDEF || s == HESS_NEGSEMI)
				fig_shade_area(f, cx, cy, 4, 52);
		}
	free(cv.sign);
	/* "convexity: blank convex  : saddle-shaped  = concave (convex everywhere here)" */
	len = (size_t)snprintf(f->overlay, sizeof f->overlay, "%s", _(convexity_key));
	if (f->n == 2 && len < sizeof f->overlay) {
		swatch(f, (int)len + 2, 58);
		len += (size_t)snprintf(f->overlay + len, sizeof f->overlay - len, "  : %s",
					_(saddle_key));
	}
	if (len < sizeof f->overlay) {
		swatch(f, (int)len + 2, 52);
		len += (size_t)snprintf(f->overlay + len, sizeof f->overlay - len, "  = %s",
					_(concave_key));
	}
	if (cv.convex && len < sizeof f->overlay)
		snprintf(f->overlay + len, sizeof f->overlay - len, " %s", _(everywhere_key));
}

/*
 * 1D without a range: -5..5, narrowed to the critical points found there
 * with a margin, so that x^4 - 8x^2 + 5 shows its two wells and not
 * mostly the walls beyond them.
 */
void
fig_zoom_to_critical(struct plot_fig *f)
{
	struct region r = { 1, { -5, 0 }, { 5, 0 } };
	struct cp_search s;
	double lo = INFINITY, hi = -INFINITY, d;
	int i;

	/* not when there may be more points (a constant: all of them) */
	if (analysis_critical_search(f->o, &r, NULL, &s) > 0 && s.conclusive) {
		for (i = 0; i < s.found; i++) {
			lo = fmin(lo, s.cp[i].x[0]);
			hi = fmax(hi, s.cp[i].x[0]);
		}
		d = fmax(1, 0.3 * (hi - lo));
		f->x0 = fmax(-5, lo - d);
		f->x1 = fmin(5, hi + d);
	}
	cp_search_free(&s);
}
