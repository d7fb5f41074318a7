/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-budget.c - what each piece of the checker's work costs, for the
 * budget of lesson_check (lesson-check.c charges it).  The unit is one
 * evaluation of a page's objective at one point, which counts its number
 * of data points for a data objective (every evaluation is a pass over
 * them all) and 1 for a function.  Each piece is counted at its worst,
 * from the file alone -- a run at its step limit, a search with all its
 * starts -- so that the count is known before the work starts, and the
 * same on every machine: it never depends on how a run of floating-point
 * arithmetic turns out.  descent-lessons(5) gives these counts under
 * Limits: a change here is a change there.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>

#include "descent/i18n.h"
#include "lesson-int.h"

unsigned long long
work_mul(unsigned long long a, unsigned long long b)
{
	if (a != 0 && b > ULLONG_MAX / a)
		return ULLONG_MAX;
	return a * b;
}

/* Fills w: count evaluations of p's objective, then its total. */
static void
work_set(struct check_work *w, const struct lesson_page *p, unsigned long long count)
{
	w->per_eval = p->obj.model != NULL && p->obj.npoints > 0 ?
		      (unsigned long long)p->obj.npoints : 1;
	w->evals = work_mul(count, w->per_eval);
}

/* " over 500 data points", or nothing for a function */
static const char *
over(const struct check_work *w, char *buf, size_t size)
{
	if (w->per_eval > 1)
		/* TRANSLATORS: ends what a piece of the checker's work needs:
		 * "... needs up to 2000 evaluations over 500 data points" */
		snprintf(buf, size, _(" over %llu data points"), w->per_eval);
	else
		buf[0] = '\0';
	return buf;
}

/*
 * Every step of a run is one evaluation, or up to evals with a line
 * search: runs * steps * evals.
 */
void
work_runs(struct check_work *w, const struct lesson_page *p, long runs, long steps, int evals)
{
	char o[48], e[48] = "";

	work_set(w, p, work_mul(work_mul((unsigned long long)runs, (unsigned long long)steps),
				(unsigned long long)evals));
	if (evals > 1)
		/* TRANSLATORS: follows "up to 100 steps" (each step's evaluations) */
		snprintf(e, sizeof e, _(" of up to %d evaluations"), evals);
	if (runs == 1)
		/* TRANSLATORS: the %s are " of up to 3 evaluations" and " over
		 * 500 data points", or nothing; at most 127 bytes in all */
		snprintf(w->what, sizeof w->what, _("its run needs up to %ld steps%s%s"), steps, e,
			 over(w, o, sizeof o));
	else
		snprintf(w->what, sizeof w->what, _("it needs up to %ld runs of %ld steps%s%s"),
			 runs, steps, e, over(w, o, sizeof o));
}

/*
 * The search for critical points (analysis_critical_search) stops at its
 * budget, LESSON_SEARCH_EVALS: that many evaluations at most, and then
 * analysis_region_min's grid (2001, or 201 x 201) to tell a global
 * minimum: 102001 and 540401.
 */
void
work_critical_points(struct check_work *w, const struct lesson_page *p, int n)
{
	char o[48];
	unsigned long long count = (unsigned long long)LESSON_SEARCH_EVALS(n) +
				   (n == 1 ? 2001 : 201 * 201);

	work_set(w, p, count);
	snprintf(w->what, sizeof w->what, _("the search for its critical points needs up to "
					    "%llu evaluations%s"), count, over(w, o, sizeof o));
}

/* analysis_region_min's grid (2001, or 201 x 201), and f at the claimed point */
void
work_region_min(struct check_work *w, const struct lesson_page *p, int n)
{
	char o[48];
	unsigned long long count = n == 1 ? 2001 + 1 : 201 * 201 + 1;

	work_set(w, p, count);
	snprintf(w->what, sizeof w->what, _("the search for the lowest value of the region "
					    "needs %llu evaluations%s"), count, over(w, o, sizeof o));
}

/*
 * analysis_convexity: its grid, then at its worst 16 tries of a chord, each
 * a Hessian and 40 halvings of 3 evaluations at most: 1952, rounded up to
 * 2000.
 */
void
work_convexity(struct check_work *w, const struct lesson_page *p, int n, int nx, int ny)
{
	char o[48];
	unsigned long long count = work_mul((unsigned long long)nx,
					    n == 2 ? (unsigned long long)ny : 1) + 2000;

	work_set(w, p, count);
	snprintf(w->what, sizeof w->what, _("the test of convexity needs %llu evaluations%s"),
		 count, over(w, o, sizeof o));
}

void
work_value(struct check_work *w, const struct lesson_page *p)
{
	char o[48];

	work_set(w, p, 1);
	snprintf(w->what, sizeof w->what, _("f at a point needs 1 evaluation%s"),
		 over(w, o, sizeof o));
}
