/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objective.c - evaluating expression and data objectives (objective.h);
 * objective-data.c builds data objectives, objective-slice.c slices.
 *
 * An expression objective compiles three programs lazily (f; f and the
 * gradient; f, gradient and Hessian) and evaluates many points at once
 * through the batch entry, the points' coordinates being its inputs.
 *
 * A data objective builds the per-example loss as an expression in the
 * parameters and the data columns (mse: (m - y)^2; cross entropy:
 * softplus(m) - y*m, the stable form of -(y log s(m) + (1-y) log(1-s(m)))
 * with s the sigmoid; hinge: relu(1 - t*m)), differentiates it with
 * respect to the parameters only, and evaluates it with one lane per
 * example, then averages.  One point goes through the mixed batch entry
 * (the parameters the same in every lane, the columns read in place).
 * Many points go together, a group of points per batch call with one lane
 * per point and example, point-major (lane q*n + i is example i of point
 * q), so that a point's examples are contiguous and averaged in the same
 * order as alone: every lane is what expr_eval gives, so each point's
 * value is bit-identical to its own evaluation.  A few examples per point
 * (the course's data sets have three) then make whole blocks for the VM
 * rather than one short block per point.  Points on examples of their
 * own (objective_eval_subsets: each run of a map over data on its
 * mini-batch) go the same way, each point's examples gathered in its
 * lanes.  One point's examples go through the VM in chunks whose
 * outputs stay in cache, each chunk added to running sums, in order.
 * Past EXPR_FORWARD_MAX parameters the Hessian is assembled from
 * Hessian-vector products (the EXPR_HVP program), one per unit vector.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/objective.h"
#include "descent/util.h"
#include "optim-int.h"


static const char *const loss_names[] = { "mse", "cross_entropy", "hinge" };

int
loss_from_name(const char *name)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(name, loss_names[i]) == 0)
			return i;
	return -1;
}

const char *
loss_name(enum loss loss)
{
	return loss_names[loss];
}

struct objective *
objective_new(struct expr *e, int dim, int products)
{
	struct objective *o = xcalloc(1, sizeof *o);
	size_t nin = (size_t)expr_nvars(e) + (size_t)dim;

	o->e = e;
	o->dim = dim;
	o->products = products;
	o->nvars = expr_nvars(e);
	o->out = xcalloc(1 + dim + (products ? (size_t)dim : (size_t)dim * dim),
			 sizeof *o->out);
	o->in = xcalloc(nin, sizeof *o->in);
	o->scalars = xcalloc(nin, sizeof *o->scalars);
	o->x = xcalloc((size_t)dim + 1, sizeof *o->x);
	return o;
}

struct objective *
objective_expr(const char *src, const char *const *vars, int nvars,
	       struct diag *err)
{
	struct expr *e = expr_parse(src, vars, nvars, err);
	struct expr_program *p;
	struct objective *o;

	if (e == NULL)
		return NULL;
	/* compiled now, so that derivatives past the limits are an error here */
	p = expr_compile(e, EXPR_HESS, err);
	if (p == NULL) {
		expr_free(e);
		return NULL;
	}
	o = objective_new(e, expr_nvars(e), 0);
	o->prog[2] = p;
	return o;
}

void
objective_free(struct objective *o)
{
	int i;

	if (o == NULL)
		return;
	for (i = 0; i < 4; i++)
		expr_program_free(o->prog[i]);
	expr_free(o->e);
	free(o->out);
	free(o->in);
	free(o->scalars);
	free(o->x);
	free(o->sums);
	free(o->origin);
	free(o->dirs);
	free(o->names[0]);
	free(o->names[1]);
	expr_program_free(o->view);
	expr_free(o->view_e);
	free(o->zeros);
	free(o->use);
	free(o->gathered);
	free(o->perex);
	free(o->tile);
	free(o->lanes);
	free(o->fsink);
	free(o->sub);
	dataset_free(o->owned);
	free(o);
}

void
objective_take_data(struct objective *o, struct dataset *d)
{
	o->owned = d;
}

const struct dataset *
objective_dataset(const struct objective *o)
{
	return o->data;
}

int
objective_dim(const struct objective *o)
{
	return o->dim;
}

const char *
objective_param(const struct objective *o, int k)
{
	if (o->base != NULL)
		return k >= 0 && k < o->dim ? o->names[k] : NULL;
	return expr_var_name(o->e, k);
}

struct expr *
objective_expression(const struct objective *o)
{
	return o->data == NULL && o->base == NULL ? o->e : NULL;
}

size_t
objective_nexamples(const struct objective *o)
{
	return o->data != NULL ? o->data->nrows : 0;
}

/*
 * The program computing what is asked for: 0 f, 1 gradient, 2 Hessian,
 * 3 the Hessian times a direction (for objectives with products).
 */
static struct expr_program *
program(struct objective *o, int level)
{
	static const unsigned what[4] = { 0, EXPR_GRAD, EXPR_HESS, EXPR_HVP };
	struct diag err;

	if (o->prog[level] == NULL) {
		/* cannot fail: the program of the second derivatives, which
		 * contains the others, was compiled when the objective was made */
		o->prog[level] = expr_compile_wrt(o->e, what[level], o->dim, &err);
		if (o->prog[level] == NULL)
			fatal("objective: %s", err.message);
	}
	return o->prog[level];
}

/* Mean of the n values of x. */
static double
mean(const double *x, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i];
	return s / (double)n;
}

/*
 * Adds lanes [0, m) of every output of o->out to sums (nout values), each
 * in order: the sums of mean, bit for bit, chunk after chunk.  Four
 * outputs at a time, whose additions do not wait on each other (a
 * gradient's sums are most of a network's step on few examples).
 */
static void
accumulate(struct objective *o, int nout, size_t m, double *sums)
{
	int k = 0;
	size_t i;

	for (; k + 4 <= nout; k += 4) {
		const double *a = o->out[k], *b = o->out[k + 1], *c = o->out[k + 2],
			     *d = o->out[k + 3];
		double sa = sums[k], sb = sums[k + 1], sc = sums[k + 2], sd = sums[k + 3];
		for (i = 0; i < m; i++) {
			sa += a[i];
			sb += b[i];
			sc += c[i];
			sd += d[i];
		}
		sums[k] = sa;
		sums[k + 1] = sb;
		sums[k + 2] = sc;
		sums[k + 3] = sd;
	}
	for (; k < nout; k++)
		for (i = 0; i < m; i++)
			sums[k] += o->out[k][i];
}

/*
 * Lanes per batch call of one point's examples: the outputs of a call
 * (nout arrays of that many lanes) kept to about 256 KiB, which stays in
 * the second-level cache while they are summed, however many outputs a
 * network's gradient has.
 */
static size_t
chunk_lanes(int nout)
{
	size_t c = (size_t)32768 / (size_t)nout;

	c = c / 8 * 8;
	return c < 32 ? 32 : c > 4096 ? 4096 : c;
}

/*
 * The sums over the n examples whose columns are col[j] of every output
 * of p, into o->sums (nout values), the inputs other than the columns
 * set by the caller (o->in, o->scalars); the examples go chunk by chunk
 * (chunk_lanes), each chunk's outputs added to the sums in order.  When
 * losses is not NULL, it receives output 0 (f) of every example.
 */
static void
sums_on(struct objective *o, struct expr_program *p, const double *const *col, size_t n,
	double *losses)
{
	const struct dataset *d = o->data;
	int nout = expr_program_nout(p), dim = o->dim, k, j;
	size_t chunk = chunk_lanes(nout), off;

	if (o->perex_cap < (size_t)nout * chunk) {
		o->perex_cap = (size_t)nout * chunk;
		o->perex = xreallocarray(o->perex, o->perex_cap, sizeof *o->perex);
	}
	if (o->nsums < nout) {
		o->nsums = nout;
		o->sums = xreallocarray(o->sums, (size_t)nout, sizeof *o->sums);
	}
	for (k = 0; k < nout; k++) {
		o->out[k] = o->perex + (size_t)k * chunk;
		o->sums[k] = 0;
	}
	for (off = 0; off < n; off += chunk) {
		size_t m = n - off < chunk ? n - off : chunk;
		for (j = 0; j < d->ncols; j++)
			o->in[dim + j] = col[j] + off;
		expr_eval_batch_mixed(p, m, o->in, o->scalars, o->out);
		accumulate(o, nout, m, o->sums);
		if (losses != NULL)
			memcpy(losses + off, o->out[0], m * sizeof *losses);
	}
}

/*
 * A data objective at one point w (dim values), on the n examples whose
 * columns are col[j] (n values each); losses as sums_on.  An objective
 * with products assembles the Hessian from dim of them, one per unit
 * vector, each column the mean of its examples', and the whole made
 * symmetric (the mean of h_ij and h_ji).
 */
static void
data_eval_on(struct objective *o, const double *w, double *f, double *g, double *h,
	     int level, const double *const *col, size_t n, double *losses)
{
	int products = level == 2 && o->products;
	struct expr_program *p = program(o, products ? 3 : level);
	int dim = o->dim, k, j, dir;

	for (k = 0; k < dim; k++) {
		o->in[k] = NULL;
		o->scalars[k] = w[k];
	}
	for (k = 0; products && k < dim; k++) {
		o->in[o->nvars + k] = NULL;
		o->scalars[o->nvars + k] = 0;
	}
	for (dir = 0; dir < (products ? dim : 1); dir++) {
		if (products) {
			o->scalars[o->nvars + dir] = 1;
			if (dir > 0)
				o->scalars[o->nvars + dir - 1] = 0;
		}
		sums_on(o, p, col, n, dir == 0 ? losses : NULL);
		for (k = 0; products && k < dim; k++)
			h[k * dim + dir] = o->sums[1 + dim + k] / (double)n;
		if (dir > 0)
			continue;
		if (f != NULL)
			*f = o->sums[0] / (double)n;
		for (k = 0; g != NULL && k < dim; k++)
			g[k] = o->sums[1 + k] / (double)n;
	}
	for (k = 0; products && k < dim; k++) {
		for (j = k + 1; j < dim; j++) {
			double s = (h[k * dim + j] + h[j * dim + k]) / 2;
			h[k * dim + j] = h[j * dim + k] = s;
		}
	}
	for (k = 0; !products && h != NULL && k < dim * dim; k++)
		h[k] = o->sums[1 + dim + k] / (double)n;
}

/* A data objective at one point w, on the examples in use; losses as sums_on. */
static void
data_eval(struct objective *o, const double *w, double *f, double *g, double *h,
	  int level, double *losses)
{
	const struct dataset *d = o->data;
	const double *col[DATA_MAX_COLUMNS];
	int j;

	for (j = 0; j < d->ncols; j++)
		col[j] = o->use == NULL ? d->col[j] : o->gathered + (size_t)j * o->nuse;
	data_eval_on(o, w, f, g, h, level, col, o->nuse, losses);
}

/*
 * The lanes of one batch call of data_eval_many: at most DATA_LANES, and
 * the buffers of one call (parameters, outputs, columns) at most
 * DATA_DOUBLES values, whatever the number of outputs.
 */
#define DATA_LANES 2048
#define DATA_DOUBLES (1 << 17)

/* Points per batch call for a data objective evaluated with p; < 2: one by one. */
static size_t
group_points(const struct objective *o, const struct expr_program *p)
{
	size_t per_lane = (size_t)o->dim + (size_t)expr_program_nout(p) + (size_t)o->data->ncols,
	       lanes = DATA_DOUBLES / per_lane;

	if (lanes > DATA_LANES)
		lanes = DATA_LANES;
	return o->nuse == 0 ? 0 : lanes / o->nuse;
}

/*
 * The columns in use repeated for npoints points (lane q*n + i holds
 * example i), kept until the examples in use change.
 */
static void
tile_columns(struct objective *o, size_t npoints)
{
	const struct dataset *d = o->data;
	size_t n = o->nuse, q, i;
	int j;

	if (o->tile_points >= npoints)
		return;
	if (o->tile_cap < npoints * n) {
		o->tile_cap = npoints * n;
		free(o->tile);
		o->tile = xmalloc(o->tile_cap * (size_t)d->ncols * sizeof *o->tile);
	}
	for (j = 0; j < d->ncols; j++) {
		const double *src = o->use == NULL ? d->col[j] : o->gathered + (size_t)j * n;
		double *dst = o->tile + (size_t)j * o->tile_cap;
		for (q = 0; q < npoints; q++)
			for (i = 0; i < n; i++)
				dst[q * n + i] = src[i];
	}
	o->tile_points = npoints;
}

/*
 * The buffers of one batch call of cap lanes: the parameters, then the
 * outputs, in o->lanes (into in and o->out), and the data's columns from
 * cols, stride values apart (into in).
 */
static void
many_buffers(struct objective *o, size_t cap, int nout, const double *cols, size_t stride,
	     const double **in)
{
	int dim = o->dim, k, j;

	if (o->lanes_cap < cap * (size_t)(dim + nout)) {
		o->lanes_cap = cap * (size_t)(dim + nout);
		free(o->lanes);
		o->lanes = xmalloc(o->lanes_cap * sizeof *o->lanes);
	}
	for (k = 0; k < dim; k++)
		in[k] = o->lanes + (size_t)k * cap;
	for (j = 0; j < o->data->ncols; j++)
		in[dim + j] = cols + (size_t)j * stride;
	for (k = 0; k < nout; k++)
		o->out[k] = o->lanes + (size_t)(dim + k) * cap;
}

/*
 * A data objective at m points (as objective_eval), group points at a
 * time in one batch call each (group >= 2, from group_points).
 */
static void
data_eval_many(struct objective *o, size_t m, const double *const *w, double *f,
	       double *const *g, double *const *h, int level, size_t group)
{
	struct expr_program *p = program(o, level);
	int nout = expr_program_nout(p), dim = o->dim, k;
	size_t n = o->nuse, cap, p0, q, i;
	const double **in = o->in;

	/* as many calls as needed, and as even: no short call at the end */
	group = (m + (m + group - 1) / group - 1) / ((m + group - 1) / group);
	tile_columns(o, group);
	cap = group * n;
	many_buffers(o, cap, nout, o->tile, o->tile_cap, in);
	for (p0 = 0; p0 < m; p0 += group) {
		size_t np = m - p0 < group ? m - p0 : group;
		for (k = 0; k < dim; k++) {
			double *dst = o->lanes + (size_t)k * cap;
			for (q = 0; q < np; q++)
				for (i = 0; i < n; i++)
					dst[q * n + i] = w[k][p0 + q];
		}
		expr_eval_batch(p, np * n, in, o->out);
		for (q = 0; q < np; q++) {
			if (f != NULL)
				f[p0 + q] = mean(o->out[0] + q * n, n);
			for (k = 0; level >= 1 && k < dim; k++)
				g[k][p0 + q] = mean(o->out[1 + k] + q * n, n);
			for (k = 0; level == 2 && k < dim * dim; k++)
				h[k][p0 + q] = mean(o->out[1 + dim + k] + q * n, n);
		}
	}
}

/*
 * The L2 penalty of lane q (w[k][q]) added to its f, g and h: l2/2 |w|^2,
 * l2 w and l2 I.  The one-point path (penalize_point) does the same
 * arithmetic in the same order.
 */
static void
penalize(const struct objective *o, size_t q, const double *const *w, double *f,
	 double *const *g, double *const *h, int level)
{
	double s = 0;
	int k, dim = o->dim;

	if (o->l2 == 0)
		return;
	for (k = 0; k < dim; k++)
		s += w[k][q] * w[k][q];
	if (f != NULL)
		f[q] += 0.5 * o->l2 * s;
	for (k = 0; level >= 1 && k < dim; k++)
		g[k][q] += o->l2 * w[k][q];
	for (k = 0; level == 2 && k < dim; k++)
		h[k * dim + k][q] += o->l2;
}

static void
penalize_point(const struct objective *o, const double *w, double *f, double *g, double *h)
{
	double s = 0;
	int k, dim = o->dim;

	if (o->l2 == 0)
		return;
	for (k = 0; k < dim; k++)
		s += w[k] * w[k];
	if (f != NULL)
		*f += 0.5 * o->l2 * s;
	for (k = 0; g != NULL && k < dim; k++)
		g[k] += o->l2 * w[k];
	for (k = 0; h != NULL && k < dim; k++)
		h[(size_t)k * dim + k] += o->l2;
}

int
objective_set_l2(struct objective *o, double l2)
{
	if (o->data == NULL || !(l2 >= 0) || !isfinite(l2))
		return -1;
	o->l2 = l2;
	return 0;
}

double
objective_l2(const struct objective *o)
{
	return o->l2;
}

static void eval_unpenalized(struct objective *o, size_t m, const double *const *w, double *f,
			  double *const *g, double *const *h);

void
objective_eval(struct objective *o, size_t m, const double *const *w,
	       double *f, double *const *g, double *const *h)
{
	int level = h != NULL ? 2 : g != NULL ? 1 : 0;
	size_t q;

	if (o->base != NULL) {
		if (o->view != NULL)
			view_eval(o, m, w, f, g, h);
		else
			slice_eval(o, m, w, f, g, h);
		return;
	}
	eval_unpenalized(o, m, w, f, g, h);
	for (q = 0; o->data != NULL && q < m; q++)
		penalize(o, q, w, f, g, h, level);
}

/* objective_eval without the penalty. */
static void
eval_unpenalized(struct objective *o, size_t m, const double *const *w, double *f,
	      double *const *g, double *const *h)
{
	int level = h != NULL ? 2 : g != NULL ? 1 : 0, dim = o->dim, k;
	size_t lane;

	if (o->data == NULL) {
		struct expr_program *p = program(o, level);
		if (f == NULL && o->fsink_cap < m) {    /* the program writes f anyway */
			o->fsink_cap = m;
			free(o->fsink);
			o->fsink = xmalloc(m * sizeof *o->fsink);
		}
		o->out[0] = f != NULL ? f : o->fsink;
		for (k = 0; level >= 1 && k < dim; k++)
			o->out[1 + k] = g[k];
		for (k = 0; level == 2 && k < dim * dim; k++)
			o->out[1 + dim + k] = h[k];
		expr_eval_batch(p, m, w, o->out);
		return;
	}
	if (m > 1 && !(level == 2 && o->products)) {
		size_t group = group_points(o, program(o, level));
		if (group >= 2) {
			data_eval_many(o, m, w, f, g, h, level, group);
			return;
		}
	}
	for (lane = 0; lane < m; lane++) {
		double *gl = xmalloc((size_t)dim * sizeof *gl), *hl = NULL;
		for (k = 0; k < dim; k++)
			o->x[k] = w[k][lane];
		if (level == 2)
			hl = xmalloc((size_t)dim * dim * sizeof *hl);
		data_eval(o, o->x, f != NULL ? &f[lane] : NULL, level >= 1 ? gl : NULL, hl, level,
			  NULL);
		for (k = 0; level >= 1 && k < dim; k++)
			g[k][lane] = gl[k];
		for (k = 0; level == 2 && k < dim * dim; k++)
			h[k][lane] = hl[k];
		free(gl);
		free(hl);
	}
}

/* Grows sub to hold lanes values in each column of the data. */
static void
sub_reserve(struct objective *o, size_t lanes)
{
	if (o->sub_cap >= lanes)
		return;
	o->sub_cap = lanes;
	free(o->sub);
	o->sub = xmalloc(lanes * (size_t)o->data->ncols * sizeof *o->sub);
}

/* The means of lane q's outputs, its n values from out[k] + at, into f, g and h. */
static void
subset_means(struct objective *o, int level, size_t q, size_t at, size_t n, double *f,
	     double *const *g, double *const *h)
{
	int dim = o->dim, k;

	if (f != NULL)
		f[q] = mean(o->out[0] + at, n);
	for (k = 0; level >= 1 && k < dim; k++)
		g[k][q] = mean(o->out[1 + k] + at, n);
	for (k = 0; level == 2 && k < dim * dim; k++)
		h[k][q] = mean(o->out[1 + dim + k] + at, n);
}

/*
 * Lane q alone on its n examples idx: too many for a batch call of many
 * points, it goes through the one-point path with columns of its own.
 */
static void
subset_alone(struct objective *o, int level, size_t q, const double *const *w,
	     const size_t *idx, size_t n, double *f, double *const *g, double *const *h)
{
	const struct dataset *d = o->data;
	const double *col[DATA_MAX_COLUMNS];
	size_t i;
	int j, k;

	sub_reserve(o, n);
	for (j = 0; j < d->ncols; j++) {
		double *dst = o->sub + (size_t)j * o->sub_cap;
		for (i = 0; i < n; i++)
			dst[i] = d->col[j][idx[i]];
		col[j] = dst;
	}
	for (k = 0; k < o->dim; k++)
		o->x[k] = w[k][q];
	/* the sums of its examples, as the one-point path makes them */
	data_eval_on(o, o->x, NULL, NULL, NULL, level, col, n, NULL);
	if (f != NULL)
		f[q] = o->sums[0] / (double)n;
	for (k = 0; level >= 1 && k < o->dim; k++)
		g[k][q] = o->sums[1 + k] / (double)n;
	for (k = 0; level == 2 && k < o->dim * o->dim; k++)
		h[k][q] = o->sums[1 + o->dim + k] / (double)n;
}

void
objective_eval_subsets(struct objective *o, size_t m, const double *const *w,
		       const size_t *const *idx, const size_t *n, double *f,
		       double *const *g, double *const *h)
{
	int level = h != NULL ? 2 : g != NULL ? 1 : 0, dim = o->dim, nout, k, j;
	const struct dataset *d = o->data;
	struct expr_program *p;
	const double **in;
	size_t cap, q = 0;

	if (d == NULL)
		return;
	if (level == 2 && o->products)
		fatal("objective_eval_subsets: no Hessian of %d parameters", dim);
	in = xcalloc((size_t)dim + (size_t)d->ncols, sizeof *in);
	p = program(o, level);
	nout = expr_program_nout(p);
	cap = DATA_DOUBLES / ((size_t)dim + (size_t)nout + (size_t)d->ncols);
	if (cap > DATA_LANES)
		cap = DATA_LANES;
	sub_reserve(o, cap);
	while (q < m) {
		size_t used = 0, end = q, at, r, i;

		if (idx[q] != NULL && n[q] > cap) {
			subset_alone(o, level, q, w, idx[q], n[q], f, g, h);
			q++;
			continue;
		}
		/* the lanes from q whose examples fill one call */
		while (end < m && (idx[end] == NULL || (n[end] <= cap && used + n[end] <= cap))) {
			if (idx[end] != NULL)
				used += n[end];
			end++;
		}
		many_buffers(o, cap, nout, o->sub, o->sub_cap, in);
		for (r = q, at = 0; r < end; r++) {
			if (idx[r] == NULL)
				continue;
			for (k = 0; k < dim; k++)
				for (i = 0; i < n[r]; i++)
					o->lanes[(size_t)k * cap + at + i] = w[k][r];
			for (j = 0; j < d->ncols; j++)
				for (i = 0; i < n[r]; i++)
					o->sub[(size_t)j * o->sub_cap + at + i] = d->col[j][idx[r][i]];
			at += n[r];
		}
		if (used > 0)
			expr_eval_batch(p, used, in, o->out);
		for (r = q, at = 0; r < end; r++) {
			if (idx[r] == NULL)
				continue;
			subset_means(o, level, r, at, n[r], f, g, h);
			at += n[r];
		}
		q = end;
	}
	free(in);
	for (q = 0; q < m; q++)
		if (idx[q] != NULL)
			penalize(o, q, w, f, g, h, level);
}

void
objective_eval_point(struct objective *o, const double *x, double *f, double *g, double *h)
{
	enum { SMALL = 8 };
	int dim = o->dim, k;
	const double *xs[SMALL] = { 0 }, **xp = xs;
	double *gs[SMALL] = { 0 }, *hs[SMALL * SMALL] = { 0 }, **gp = gs, **hp = hs, gl[SMALL],
	       *gown = NULL;

	if (o->data != NULL) {
		data_eval(o, x, f, g, h, h != NULL ? 2 : g != NULL ? 1 : 0, NULL);
		penalize_point(o, x, f, g, h);
		return;
	}
	if (dim > SMALL) {              /* the common case needs no allocation */
		xp = xmalloc((size_t)dim * sizeof *xp);
		gp = xmalloc((size_t)dim * sizeof *gp);
		hp = xmalloc((size_t)dim * (size_t)dim * sizeof *hp);
	}
	if (h != NULL && g == NULL)     /* the Hessian comes with the gradient */
		g = dim > SMALL ? (gown = xmalloc((size_t)dim * sizeof *gown)) : gl;
	for (k = 0; k < dim; k++) {
		xp[k] = &x[k];
		if (g != NULL)
			gp[k] = &g[k];
	}
	for (k = 0; h != NULL && k < dim * dim; k++)
		hp[k] = &h[k];
	objective_eval(o, 1, xp, f, g != NULL ? gp : NULL, h != NULL ? hp : NULL);
	free(gown);
	if (dim > SMALL) {
		free(xp);
		free(gp);
		free(hp);
	}
}

void
objective_hvp(struct objective *o, const double *w, const double *v, double *f, double *g,
	      double *hv)
{
	struct expr_program *p;
	int dim = o->dim, nin, k;

	if (o->base != NULL) {          /* a slice: its own 1x1 or 2x2 Hessian times v */
		double h[4], gl[2];
		objective_eval_point(o, w, f, g != NULL ? g : gl, h);
		for (k = 0; k < dim; k++)
			hv[k] = dim == 1 ? h[0] * v[0] : h[2 * k] * v[0] + h[2 * k + 1] * v[1];
		return;
	}
	p = program(o, 3);
	nin = expr_program_nvars(p);

	if (o->data == NULL) {
		double *x = xmalloc((size_t)(nin + 1 + 2 * dim) * sizeof *x), *out = x + nin;
		memcpy(x, w, (size_t)dim * sizeof *x);
		memcpy(x + dim, v, (size_t)dim * sizeof *x);
		expr_eval(p, x, out);
		if (f != NULL)
			*f = out[0];
		if (g != NULL)
			memcpy(g, out + 1, (size_t)dim * sizeof *g);
		memcpy(hv, out + 1 + dim, (size_t)dim * sizeof *hv);
		free(x);
		return;
	}
	{
		const struct dataset *d = o->data;
		const double *col[DATA_MAX_COLUMNS];
		size_t n = o->nuse;
		int j;
		for (k = 0; k < dim; k++) {
			o->in[k] = NULL;
			o->scalars[k] = w[k];
			o->in[o->nvars + k] = NULL;
			o->scalars[o->nvars + k] = v[k];
		}
		for (j = 0; j < d->ncols; j++)
			col[j] = o->use == NULL ? d->col[j] : o->gathered + (size_t)j * n;
		sums_on(o, p, col, n, NULL);
		if (f != NULL)
			*f = o->sums[0] / (double)n;
		for (k = 0; g != NULL && k < dim; k++)
			g[k] = o->sums[1 + k] / (double)n;
		for (k = 0; k < dim; k++)
			hv[k] = o->sums[1 + dim + k] / (double)n;
		penalize_point(o, w, f, g, NULL);
		for (k = 0; k < dim; k++)
			hv[k] += o->l2 * v[k];
	}
}

void
objective_use_examples(struct objective *o, const size_t *idx, size_t k)
{
	const struct dataset *d = o->data;
	size_t i;
	int j;

	if (d == NULL)
		return;
	free(o->use);
	o->use = NULL;
	o->nuse = d->nrows;
	o->tile_points = 0;
	if (idx == NULL)
		return;
	o->use = xmalloc((k ? k : 1) * sizeof *o->use);
	memcpy(o->use, idx, k * sizeof *idx);
	o->nuse = k;
	o->gathered = xreallocarray(o->gathered, (k ? k : 1) * (size_t)d->ncols,
				    sizeof *o->gathered);
	for (j = 0; j < d->ncols; j++)
		for (i = 0; i < k; i++)
			o->gathered[(size_t)j * k + i] = d->col[j][idx[i]];
}

void
objective_example_losses(struct objective *o, const double *w, double *loss)
{
	double f;
	size_t *saved = o->use, nsaved = o->nuse;

	if (o->data == NULL) {
		objective_eval_point(o, w, loss, NULL, NULL);
		return;
	}
	o->use = NULL;                  /* every example, in order */
	o->nuse = o->data->nrows;
	data_eval(o, w, &f, NULL, NULL, 0, loss);
	o->use = saved;
	o->nuse = nsaved;
}
