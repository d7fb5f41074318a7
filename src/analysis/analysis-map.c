/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-map.c - hyperparameter maps: for every cell of a grid of
 * settings (a learning rate, and perhaps a second parameter such as
 * momentum's beta), the run of those settings from one start, and how it
 * ended: converged after how many steps, diverged, or still going at the
 * step limit.  The cells are lanes of one run_lanes_vary call, so they
 * are evaluated together, and each is the run its settings make alone.
 *
 * An axis's cells are its grid points, ends included, evenly spaced or
 * (for learning rates, which matter by their order of magnitude) spaced
 * evenly in their logarithm.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/util.h"

double
map_axis_value(const struct map_axis *a, int i)
{
	double t = a->n > 1 ? (double)i / (a->n - 1) : 0;

	if (i == a->n - 1)
		return a->hi;   /* the end exactly, not through rounding */
	return a->log ? a->lo * pow(a->hi / a->lo, t) : a->lo + (a->hi - a->lo) * t;
}

int
map_axis_nearest(const struct map_axis *a, double v)
{
	double t = a->log ? log(v / a->lo) / log(a->hi / a->lo) : (v - a->lo) / (a->hi - a->lo);
	double k = floor(t * (a->n - 1) + 0.5);

	return !(k >= 0) ? 0 : k > a->n - 1 ? a->n - 1 : (int)k;
}

void
map_cell_text(char *buf, size_t size, const struct map_result *res,
	      const struct map_axis *axis, int naxes, int i, int j, long limit)
{
	size_t cell = (size_t)j * (size_t)res->nx + (size_t)i, len = 0;
	int k;

	if (size > 0)
		buf[0] = '\0';
	for (k = 0; k < naxes && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s %.3g", k ? ", " : "",
					opt_params_table[axis[k].param].name,
					map_axis_value(&axis[k], k == 0 ? i : j));
	if (len >= size)
		return;
	if (res->outcome[cell] == RUN_CONVERGED)
		snprintf(buf + len, size - len, ": converged in %ld steps", res->steps[cell]);
	else if (res->outcome[cell] == RUN_DIVERGED)
		snprintf(buf + len, size - len, ": diverged at step %ld", res->steps[cell]);
	else
		snprintf(buf + len, size - len, ": not converged in %ld steps", limit);
}

/* Checks an axis: its parameter, range and size; -1 with err filled if bad. */
static int
check_axis(const struct optimizer *opt, const struct map_axis *a, struct diag *err)
{
	const char *name;

	if (a->param < 0 || a->param >= OPT_PARAM_COUNT)
		return diag_set(err, NULL, 0, 0, "a map's axis needs a parameter");
	name = opt_params_table[a->param].name;
	if (!opt_uses(opt, name))
		return diag_set(err, NULL, 0, 0, "%s has no parameter %s (it takes %s)",
				opt->name, name, opt->params);
	if (a->n < 2 || a->n > MAP_MAX_CELLS)
		return diag_set(err, NULL, 0, 0, "the %s axis needs from 2 to %d cells, not %d",
				name, MAP_MAX_CELLS, a->n);
	if (!(a->lo < a->hi))
		return diag_set(err, NULL, 0, 0, "the %s axis goes from %g to %g: the first "
				"end must be below the second", name, a->lo, a->hi);
	if (!opt_param_in_range(a->param, a->lo) || !opt_param_in_range(a->param, a->hi))
		return diag_set(err, NULL, 0, 0, "the %s axis must stay %s, not go from %g to %g",
				name, opt_param_range_text(a->param), a->lo, a->hi);
	if (a->log && !(a->lo > 0))
		return diag_set(err, NULL, 0, 0, "a log-spaced %s axis must start above 0, "
				"not at %g", name, a->lo);
	return 0;
}

int
analysis_map(struct objective *o, const struct run_config *c, const double *start,
	     const struct map_axis *x, const struct map_axis *y, struct map_result *res,
	     struct diag *err)
{
	int n = objective_dim(o), ny = y != NULL ? y->n : 1, i, j, k;
	size_t m, cell;
	double **starts = NULL, **final = NULL, *vals[2];
	const double *vary[OPT_PARAM_COUNT] = { NULL };

	res->nx = res->ny = 0;
	res->outcome = NULL;
	res->steps = NULL;
	if (check_axis(c->opt, x, err) < 0 || (y != NULL && check_axis(c->opt, y, err) < 0))
		return -1;
	if (y != NULL && y->param == x->param)
		return diag_set(err, NULL, 0, 0, "the map's two axes are both %s",
				opt_params_table[x->param].name);
	m = (size_t)x->n * (size_t)ny;
	starts = xcalloc((size_t)n, sizeof *starts);
	final = xcalloc((size_t)n, sizeof *final);
	for (k = 0; k < n; k++) {
		starts[k] = xmalloc(m * sizeof *starts[k]);
		final[k] = xmalloc(m * sizeof *final[k]);
		for (cell = 0; cell < m; cell++)
			starts[k][cell] = start[k];
	}
	vals[0] = xmalloc(m * sizeof *vals[0]);
	vals[1] = xmalloc(m * sizeof *vals[1]);
	for (j = 0; j < ny; j++)
		for (i = 0; i < x->n; i++) {
			cell = (size_t)j * (size_t)x->n + (size_t)i;
			vals[0][cell] = map_axis_value(x, i);
			vals[1][cell] = y != NULL ? map_axis_value(y, j) : 0;
		}
	vary[x->param] = vals[0];
	if (y != NULL)
		vary[y->param] = vals[1];
	res->nx = x->n;
	res->ny = ny;
	res->outcome = xmalloc(m * sizeof *res->outcome);
	res->steps = xmalloc(m * sizeof *res->steps);
	run_lanes_vary(o, c, m, (const double *const *)starts, vary, final, res->outcome,
		       res->steps);
	for (k = 0; k < n; k++) {
		free(starts[k]);
		free(final[k]);
	}
	free(starts);
	free(final);
	free(vals[0]);
	free(vals[1]);
	return 0;
}

long
map_fastest(const struct map_result *res, int *ix, int *iy)
{
	long best = -1;
	int i, j;

	for (j = 0; j < res->ny; j++)
		for (i = 0; i < res->nx; i++) {
			size_t cell = (size_t)j * (size_t)res->nx + (size_t)i;
			if (res->outcome[cell] != RUN_CONVERGED ||
			    (best >= 0 && res->steps[cell] >= best))
				continue;
			best = res->steps[cell];
			*ix = i;
			*iy = j;
		}
	return best;
}

void
map_result_free(struct map_result *res)
{
	free(res->outcome);
	free(res->steps);
	res->outcome = NULL;
	res->steps = NULL;
}

/*
 * Data maps.  Mini-batches and their noise take a run's own stream of
 * random numbers, so these cells are runs one after another, each the run
 * of its settings and seed.
 */
int
analysis_data_map(struct objective *o, const struct run_config *c, const double *start,
		  const struct map_axis *lr, long batch_lo, long batch_hi, int seeds, double goal,
		  struct data_map *res, struct diag *err)
{
	size_t nex = objective_nexamples(o), cell, k;
	int i, j, s;

	memset(res, 0, sizeof *res);
	if (nex == 0)
		return diag_set(err, NULL, 0, 0, "a map over the batch size needs a data objective");
	if (lr->param != OPT_PARAM_LR)
		return diag_set(err, NULL, 0, 0, "a data map goes across the learning rate");
	if (check_axis(c->opt, lr, err) < 0)
		return -1;
	if (seeds < 1 || seeds > 100)
		return diag_set(err, NULL, 0, 0, "from 1 to 100 seeds a cell, not %d", seeds);
	if (batch_lo == 0) {
		res->batch[res->ny++] = (long)c->batch;
	} else {
		long b;
		if (batch_lo < 1 || batch_hi < batch_lo || (size_t)batch_hi > nex)
			return diag_set(err, NULL, 0, 0, "the batch sizes go from 1 up to the %zu "
					"examples, not from %ld to %ld", nex, batch_lo, batch_hi);
		for (b = batch_lo; b < batch_hi && res->ny < DATA_MAP_MAX_ROWS - 1; b *= 2)
			res->batch[res->ny++] = b;
		res->batch[res->ny++] = batch_hi;
	}
	res->nx = lr->n;
	res->seeds = seeds;
	res->loss = xcalloc((size_t)res->nx * (size_t)res->ny, sizeof *res->loss);
	if (goal > 0)
		res->steps = xcalloc((size_t)res->nx * (size_t)res->ny, sizeof *res->steps);
	for (j = 0; j < res->ny; j++)
		for (i = 0; i < res->nx; i++) {
			double loss = 0, steps = 0;
			int diverged = 0;
			cell = (size_t)j * (size_t)res->nx + (size_t)i;
			for (s = 0; s < seeds; s++) {
				struct run_config rc = *c;
				const struct trajectory *tr;
				struct run *r;
				long reached = -1;

				rc.params.lr = map_axis_value(lr, i);
				rc.batch = (size_t)res->batch[j] >= nex ? 0 : (size_t)res->batch[j];
				rc.seed = c->seed + (uint64_t)s;
				r = run_new(o, &rc, start, err);
				if (r == NULL) {
					data_map_free(res);
					return -1;
				}
				run_all(r);
				tr = run_trajectory(r);
				for (k = 0; goal > 0 && k < tr->len && reached < 0; k++)
					if (tr->f[k] <= goal)
						reached = (long)k;
				diverged |= tr->outcome == RUN_DIVERGED;
				loss += tr->f[tr->len - 1] / seeds;
				steps += reached >= 0 ? (double)reached / seeds : NAN;
				run_free(r);
			}
			/* one diverged run and the cell diverged; one that never
			 * reached the goal and the cell did not */
			res->loss[cell] = diverged ? INFINITY : loss;
			if (res->steps != NULL)
				res->steps[cell] = diverged ? INFINITY : steps;
		}
	return 0;
}

void
data_map_free(struct data_map *m)
{
	free(m->loss);
	free(m->steps);
	m->loss = m->steps = NULL;
}
