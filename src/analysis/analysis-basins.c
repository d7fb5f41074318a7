/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-basins.c - basins of attraction: which minimum an optimizer
 * reaches from every start of a grid.  All starts run in lockstep
 * (run_lanes), one lane each, through the batch evaluator; a final point
 * within a thousandth of the region's size of a minimum reached it, even
 * at the step limit, so that a map with few steps still shows where each
 * start is heading.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "descent/analysis.h"
#include "descent/util.h"

int
analysis_basins(struct objective *o, const struct region *r, int nx, int ny,
		const struct run_config *c, const struct critical_point *cp,
		int ncp, int *label)
{
	int n = objective_dim(o), k, j;
	size_t m, i;
	double *buf, *start[2], *final[2], diam = 0;
	enum run_outcome *outcome;
	long *steps;

	if (n < 1 || n > 2 || r->n != n || nx < 1)
		return -1;
	if (n == 1)
		ny = 1;
	m = (size_t)nx * (size_t)(ny > 0 ? ny : 1);
	buf = xmalloc(m * 4 * sizeof *buf);
	start[0] = buf;
	start[1] = buf + m;
	final[0] = buf + 2 * m;
	final[1] = buf + 3 * m;
	outcome = xmalloc(m * sizeof *outcome);
	steps = xmalloc(m * sizeof *steps);
	for (k = 0; k < n; k++)
		diam = hypot(diam, r->hi[k] - r->lo[k]);
	for (i = 0; i < m; i++) {
		/* cell centres, like the cells of a map */
		size_t ix = i % (size_t)nx, iy = i / (size_t)nx;
		start[0][i] = r->lo[0] + (r->hi[0] - r->lo[0]) * ((double)ix + 0.5) / nx;
		start[1][i] = n == 2 ? r->lo[1] + (r->hi[1] - r->lo[1]) * ((double)iy + 0.5) / ny : 0;
	}
	run_lanes(o, c, m, (const double *const *)start, final, outcome, steps);
	for (i = 0; i < m; i++) {
		int best = -1;
		double bestd = 1e-3 * diam;
		if (outcome[i] == RUN_DIVERGED) {
			label[i] = BASIN_DIVERGED;
			continue;
		}
		for (j = 0; j < ncp; j++) {
			double d = 0;
			if (cp[j].kind != CP_MINIMUM)
				continue;
			for (k = 0; k < n; k++)
				d = hypot(d, final[k][i] - cp[j].x[k]);
			if (d <= bestd) {
				best = j;
				bestd = d;
			}
		}
		if (best >= 0)
			label[i] = best;
		else
			label[i] = outcome[i] == RUN_MAX_STEPS ? BASIN_NOT_CONVERGED : BASIN_OTHER;
	}
	free(steps);
	free(outcome);
	free(buf);
	return 0;
}
