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
#include "descent/i18n.h"
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
	char set[160];          /* the settings: "lr 0.1, beta 0.9" */
	int k;

	if (size > 0)
		buf[0] = '\0';
	set[0] = '\0';
	for (k = 0; k < naxes && len < sizeof set; k++)
		len += (size_t)snprintf(set + len, sizeof set - len, "%s%s %.3g", k ? ", " : "",
					opt_params_table[axis[k].param].name,
					map_axis_value(&axis[k], k == 0 ? i : j));
	if (len >= size) {
		snprintf(buf, size, "%s", set);
		return;
	}
	/* TRANSLATORS: %s is the cell's settings, such as "lr 0.1, beta 0.9" */
	if (res->outcome[cell] == RUN_CONVERGED)
		snprintf(buf, size, _("%s: converged in %ld steps"), set, res->steps[cell]);
	else if (res->outcome[cell] == RUN_DIVERGED)
		snprintf(buf, size, _("%s: diverged at step %ld"), set, res->steps[cell]);
	else
		snprintf(buf, size, _("%s: not converged in %ld steps"), set, limit);
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
	if (run_config_check(c, objective_nexamples(o), err) < 0)
		return -1;
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
 * Data maps.  A cell's runs are lanes of run_lanes_data, each with its
 * seed's mini-batches and noise; the cells go DATA_MAP_LANES lanes at a
 * time, which bounds the memory whatever the number of cells and seeds.
 */
#define DATA_MAP_LANES 4096

/* The lanes' arrays of one call: lanes of the cells of a data map. */
struct data_lanes {
	int n;
	size_t cap;
	double **starts, **final, *lr, *f;
	size_t *batch;
	uint64_t *seed;
	enum run_outcome *outcome;
	long *steps, *reached;
};

static void
data_lanes_init(struct data_lanes *dl, int n, size_t cap, const double *start)
{
	size_t i;
	int k;

	dl->n = n;
	dl->cap = cap;
	dl->starts = xcalloc((size_t)n, sizeof *dl->starts);
	dl->final = xcalloc((size_t)n, sizeof *dl->final);
	for (k = 0; k < n; k++) {
		dl->starts[k] = xmalloc(cap * sizeof *dl->starts[k]);
		dl->final[k] = xmalloc(cap * sizeof *dl->final[k]);
		for (i = 0; i < cap; i++)
			dl->starts[k][i] = start[k];
	}
	dl->lr = xmalloc(cap * sizeof *dl->lr);
	dl->f = xmalloc(cap * sizeof *dl->f);
	dl->batch = xmalloc(cap * sizeof *dl->batch);
	dl->seed = xmalloc(cap * sizeof *dl->seed);
	dl->outcome = xmalloc(cap * sizeof *dl->outcome);
	dl->steps = xmalloc(cap * sizeof *dl->steps);
	dl->reached = xmalloc(cap * sizeof *dl->reached);
}

static void
data_lanes_free(struct data_lanes *dl)
{
	int k;

	for (k = 0; k < dl->n; k++) {
		free(dl->starts[k]);
		free(dl->final[k]);
	}
	free(dl->starts);
	free(dl->final);
	free(dl->lr);
	free(dl->f);
	free(dl->batch);
	free(dl->seed);
	free(dl->outcome);
	free(dl->steps);
	free(dl->reached);
}

/*
 * The cells [c0, c1) of res: their runs as lanes (cell by cell, seed by
 * seed), then each cell the mean of its seeds' runs, in seed order.
 */
static void
data_map_cells(struct objective *o, const struct run_config *c, const struct map_axis *lr,
	       double goal, struct data_map *res, struct data_lanes *dl, size_t c0, size_t c1)
{
	const double *vary[OPT_PARAM_COUNT] = { NULL };
	struct lanes_data d = { dl->batch, dl->seed, dl->f, goal > 0 ? dl->reached : NULL, goal };
	size_t nex = objective_nexamples(o), seeds = (size_t)res->seeds, cell, lane;
	int s;

	for (cell = c0; cell < c1; cell++)
		for (s = 0; s < res->seeds; s++) {
			size_t b = (size_t)res->batch[cell / (size_t)res->nx];
			lane = (cell - c0) * seeds + (size_t)s;
			dl->lr[lane] = map_axis_value(lr, (int)(cell % (size_t)res->nx));
			dl->batch[lane] = b >= nex ? 0 : b;
			dl->seed[lane] = c->seed + (uint64_t)s;
		}
	vary[OPT_PARAM_LR] = dl->lr;
	run_lanes_data(o, c, (c1 - c0) * seeds, (const double *const *)dl->starts, vary, &d,
		       dl->final, dl->outcome, dl->steps);
	for (cell = c0; cell < c1; cell++) {
		double loss = 0, steps = 0;
		int diverged = 0;
		for (s = 0; s < res->seeds; s++) {
			lane = (cell - c0) * seeds + (size_t)s;
			diverged |= dl->outcome[lane] == RUN_DIVERGED;
			loss += dl->f[lane] / res->seeds;
			if (goal > 0)
				steps += dl->reached[lane] >= 0 ?
					(double)dl->reached[lane] / res->seeds : NAN;
		}
		/* one diverged run and the cell diverged; one that never
		 * reached the goal and the cell did not */
		res->loss[cell] = diverged ? INFINITY : loss;
		if (res->steps != NULL)
			res->steps[cell] = diverged ? INFINITY : steps;
	}
}

int
analysis_data_map(struct objective *o, const struct run_config *c, const double *start,
		  const struct map_axis *lr, long batch_lo, long batch_hi, int seeds, double goal,
		  struct data_map *res, struct diag *err)
{
	size_t nex = objective_nexamples(o), ncells, per, c0;
	int j;
	struct data_lanes dl;

	memset(res, 0, sizeof *res);
	if (nex == 0)
		return diag_set(err, NULL, 0, 0, "a map over the batch size needs a data objective");
	if (lr->param != OPT_PARAM_LR)
		return diag_set(err, NULL, 0, 0, "a data map goes across the learning rate");
	if (check_axis(c->opt, lr, err) < 0)
		return -1;
	if (seeds < 1 || seeds > 100)
		return diag_set(err, NULL, 0, 0, "from 1 to 100 seeds a cell, not %d", seeds);
	if (c->line_search)
		return diag_set(err, NULL, 0, 0, "a data map's runs have no line search");
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
	for (j = 0; j < res->ny; j++) {        /* each row's runs as run_new takes them */
		struct run_config rc = *c;
		rc.batch = (size_t)res->batch[j];
		if (run_config_check(&rc, nex, err) < 0) {
			res->ny = 0;
			return -1;
		}
	}
	res->nx = lr->n;
	res->seeds = seeds;
	ncells = (size_t)res->nx * (size_t)res->ny;
	res->loss = xcalloc(ncells, sizeof *res->loss);
	if (goal > 0)
		res->steps = xcalloc(ncells, sizeof *res->steps);
	per = DATA_MAP_LANES / (size_t)seeds;
	if (per > ncells)
		per = ncells;
	data_lanes_init(&dl, objective_dim(o), per * (size_t)seeds, start);
	for (c0 = 0; c0 < ncells; c0 += per)
		data_map_cells(o, c, lr, goal, res, &dl, c0, c0 + per < ncells ? c0 + per : ncells);
	data_lanes_free(&dl);
	return 0;
}

void
data_map_free(struct data_map *m)
{
	free(m->loss);
	free(m->steps);
	m->loss = m->steps = NULL;
}
