/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-plot.c - a plot page: a function of one or two variables drawn
 * over the page's region, with what "show" asks for (the critical
 * points, a tangent, contours, shading, the basins of attraction, the
 * convexity map).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

/* "chord": [a, b], in 1D, both in the region */
static void
read_chord(struct loader *L, const cJSON *po, struct lesson_page *p)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(po, "chord");
	struct page_plot *pp = &p->plot;

	if (m == NULL)
		return;
	if (p->dim != 1) {
		lesson_error(L, AT(m), "a chord is drawn for functions of one variable");
		return;
	}
	if (get_numbers(L, m, "chord", 2, 2, pp->chord) < 0)
		return;
	if (!(pp->chord[0] < pp->chord[1]) || pp->chord[0] < p->x[0] || pp->chord[1] > p->x[1])
		lesson_error(L, AT(m), "\"chord\" goes from a to b, a < b, both in the "
			     "region [%g, %g]", p->x[0], p->x[1]);
	else
		pp->has_chord = 1;
}

static void
plot_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_plot *pp = &p->plot;
	const cJSON *show = cJSON_GetObjectItemCaseSensitive(po, "show"), *e;

	if (show != NULL) {
		if (!cJSON_IsArray(show)) {
			lesson_error(L, AT(show), "\"show\" must be an array of names, like "
				     "[\"critical\", \"tangent\"]");
		} else {
			for (e = show->child; e != NULL; e = e->next) {
				unsigned bit = cJSON_IsString(e) ? plot_overlay_find(e->valuestring) : 0;
				if (bit == 0) {
					const char *near = cJSON_IsString(e) ?
						lesson_nearest(e->valuestring, plot_overlay_names) : NULL;
					/* TRANSLATORS: before the last of a list: "a, b or c" */
					const char *last = _(" or ");
					char names[160];
					names_text(names, sizeof names, plot_overlay_names, last);
					if (near != NULL)
						lesson_error(L, AT(e), "\"show\" takes %s: did you "
							     "mean \"%s\"?", names, near);
					else
						lesson_error(L, AT(e), "\"show\" takes %s", names);
				} else {
					pp->show |= bit;
				}
			}
		}
	}
	if (get_number(L, po, "tangent", 0, what, &pp->tangent))
		pp->show |= PLOT_OV_TANGENT;
	else if (pp->show & PLOT_OV_TANGENT)
		lesson_error(L, AT(po), "\"show\" has \"tangent\": give its point in "
			     "\"tangent\": X");
	if ((pp->show & PLOT_OV_TANGENT) && p->dim != 1)
		lesson_error(L, AT(po), "a tangent is drawn for functions of one variable");
	if (p->nlevels > 0)
		pp->show |= PLOT_OV_CONTOURS;   /* levels named: contours drawn */
	read_chord(L, po, p);
	{
		/* "controls": ["chord"]: the learner moves the chord's ends */
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(po, "controls"), *c0;
		if (c != NULL && (!cJSON_IsArray(c) || cJSON_GetArraySize(c) != 1 ||
				  !cJSON_IsString(c0 = cJSON_GetArrayItem(c, 0)) ||
				  strcmp(c0->valuestring, "chord") != 0))
			lesson_error(L, AT(c), "a plot page's \"controls\" is [\"chord\"]: the learner "
				     "moves the ends of its chord");
		else if (c != NULL && !pp->has_chord)
			lesson_error(L, AT(c), "\"controls\": [\"chord\"] moves the page's chord: "
				     "give its first ends in \"chord\": [a, b]");
		else if (c != NULL)
			pp->live_chord = 1;
	}
}

/* The learner's chord starts where the page puts it. */
static void
plot_enter(struct lesson_runner *r)
{
	const struct lesson_page *p = RUNNER_PAGE(r);

	r->chord[0] = p->plot.chord[0];
	r->chord[1] = p->plot.chord[1];
}

int
runner_chord_move(struct lesson_runner *r, int end, int dir)
{
	const struct lesson_page *p;
	double step, x;

	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_PLOT || !p->plot.live_chord ||
	    end < 0 || end > 1)
		return -1;
	step = (p->x[1] - p->x[0]) / 40;
	x = r->chord[end] + (dir > 0 ? step : -step);
	if (fabs(x) < 1e-9 * step)
		x = 0;          /* rounding noise, not "5.6e-17" */
	if (x < p->x[0] - 1e-9 * step || x > p->x[1] + 1e-9 * step ||
	    (end == 0 && x >= r->chord[1] - 1e-9 * step) ||
	    (end == 1 && x <= r->chord[0] + 1e-9 * step))
		return -1;
	r->chord[end] = x;
	return 0;
}

void
runner_chord_text(const struct lesson_runner *r, char *buf, size_t size)
{
	double a = r->chord[0], b = r->chord[1], fa, fb, worst = 0, at = a;
	int i;

	buf[0] = '\0';
	if (r->obj == NULL || r->page < 0 || !RUNNER_PAGE(r)->plot.live_chord)
		return;
	objective_eval_point(r->obj, &a, &fa, NULL, NULL);
	objective_eval_point(r->obj, &b, &fb, NULL, NULL);
	for (i = 1; i < 200; i++) {
		double t = i / 200.0, x = a + t * (b - a), fx, gap;
		objective_eval_point(r->obj, &x, &fx, NULL, NULL);
		gap = fx - (fa + t * (fb - fa));
		if (gap > worst) {
			worst = gap;
			at = x;
		}
	}
	if (worst > 1e-9 * (1 + fabs(fa) + fabs(fb)))
		snprintf(buf, size, _("A = %.4g, B = %.4g: the curve rises above the chord, by %.3g "
				      "at x = %.3g: not convex there."), a, b, worst, at);
	else
		snprintf(buf, size, _("A = %.4g, B = %.4g: the chord stays on or above the "
				      "curve."), a, b);
}

static unsigned
plot_show(const struct lesson_page *p, double *tangent_x)
{
	*tangent_x = p->plot.tangent;
	return p->plot.show;
}

static void
plot_view(const struct lesson_page *p, struct plot_fig *fig)
{
	/* (a chord the learner moves is the runner's: lesson_view_runs) */
	if (p->plot.has_chord && !p->plot.live_chord)
		plot_fig_chord(fig, p->plot.chord[0], p->plot.chord[1]);
}

const struct page_kind_def page_kind_plot = {
	.name = "plot",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "show",
					  "tangent", "chord", "controls", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE,
	.read = plot_read,
	.enter = plot_enter,
	.show = plot_show,
	.view = plot_view,
};
