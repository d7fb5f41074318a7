/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-plot.c - a plot page: a function of one or two variables drawn
 * over the page's region, with what "show" asks for (the critical
 * points, a tangent, contours, shading, the basins of attraction, the
 * convexity map).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
					char names[160];
					names_text(names, sizeof names, plot_overlay_names, " or ");
					lesson_error(L, AT(e), "\"show\" takes %s%s%s%s", names,
						     near ? ": did you mean \"" : "", near ? near : "",
						     near ? "\"?" : "");
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
	if (p->plot.has_chord)
		plot_fig_chord(fig, p->plot.chord[0], p->plot.chord[1]);
}

const struct page_kind_def page_kind_plot = {
	.name = "plot",
	.members = (const char *const[]){ "function", "variables", "data", "x", "y", "show",
					  "tangent", "chord", NULL },
	.flags = PK_OBJECTIVE | PK_FIGURE,
	.read = plot_read,
	.show = plot_show,
	.view = plot_view,
};
