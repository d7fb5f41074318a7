/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-view.c - the view of a page: the one place that turns the page
 * the runner is on into what its figure shows (the region, the overlays,
 * the tangent, the rolling ball's tangent, the caption) and into the runs
 * drawn on it.  The full screen (src/ui) and learn --plain both build
 * their figures here, so the two cannot disagree; they bring only what is
 * theirs (the size, the encoding, colour, the learner's toggles).  How
 * overlays combine is plot's policy (plot_overlays), not restated here.
 */
#include "config.h"

#include <stddef.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "lesson-int.h"

int
lesson_page_view(const struct lesson_runner *r, struct plot_opts *po, char *caption,
		 size_t size)
{
	const struct lesson_page *p;
	const struct page_kind_def *pk;
	unsigned want = 0;
	int n;

	if (size > 0)
		caption[0] = '\0';
	if (r->page < 0 || r->page >= r->c->npages || r->obj == NULL ||
	    (n = objective_dim(r->obj)) < 1 || n > 2)
		return -1;
	p = &r->c->pages[r->page];
	pk = page_kind_of(p->kind);
	po->x0 = p->x[0];
	po->x1 = p->x[1];
	if (n == 2) {
		/* the region the lesson chose, whole and no wider: a short
		 * figure with square units would show a sliver of it */
		po->y0 = p->y[0];
		po->y1 = p->y[1];
		po->aspect = 0;
	} else {
		po->y0 = po->y1 = 0;    /* f's range: automatic */
	}
	/* what the page asks to show, through its kind (a locate page asks
	 * for nothing: it does not give its answer away) */
	po->tangent_x = 0;
	if (pk->show != NULL)
		want = pk->show(p, &po->tangent_x);
	/* the contour levels the page names, whatever its kind */
	po->level_values = p->nlevels > 0 ? p->levels : NULL;
	po->nlevel_values = p->nlevels;
	/* with colour, the landscape is shaded (under a fill the page asks for) */
	if (po->color)
		want |= PLOT_OV_SHADE;
	po->overlays = want;
	/* runs in 1D: the ball rolls with its tangent */
	po->ball_tangent = (pk->flags & PK_ROLLS) != 0;
	runner_caption(r, caption, size);
	po->title = size > 0 && caption[0] != '\0';
	return 0;
}

void
lesson_view_runs(const struct lesson_runner *r, struct plot_fig *fig)
{
	const struct page_kind_def *pk;
	int i;

	if (r->page >= 0 && r->page < r->c->npages &&
	    (pk = page_kind_of(r->c->pages[r->page].kind))->view != NULL)
		pk->view(&r->c->pages[r->page], fig);
	if (r->page >= 0 && r->page < r->c->npages && r->c->pages[r->page].kind == PAGE_PLOT &&
	    r->c->pages[r->page].plot.live_chord)
		plot_fig_chord(fig, r->chord[0], r->chord[1]);
	for (i = 0; i < r->nruns; i++)
		plot_fig_run(fig, i, r->runs[i], r->labels[i]);
	if (r->challenge != NULL)
		/* TRANSLATORS: the learner's run on a challenge page, in the figure's legend */
		plot_fig_run(fig, 0, r->challenge, _("your attempt"));
}

char *
lesson_view_describe(const struct lesson_runner *r, struct plot_fig *fig)
{
	struct plot_run_desc d[LESSON_MAX_RUNS + 1];
	int n = 0, i, asks = 0;

	for (i = 0; i < r->nruns && i < LESSON_MAX_RUNS; i++) {
		d[n].traj = run_trajectory(r->runs[i]);
		d[n++].label = r->labels[i];
	}
	if (r->challenge != NULL) {
		d[n].traj = run_trajectory(r->challenge);
		d[n++].label = _("your attempt");
	}
	if (r->page >= 0 && r->page < r->c->npages)
		asks = (page_kind_of(r->c->pages[r->page].kind)->flags & PK_ASKS) != 0;
	return plot_fig_describe(fig, d, n, asks);
}
