/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objective-slice.c - views of a many-parameter objective that the plots
 * of one or two variables can draw: slices through its landscape
 * (objective_slice), the objective that a line or a plane through the
 * parameters gives; and a data objective's model at given parameters
 * against its inputs (objective_model_view): the fitted curve, or a
 * classifier's regions.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/util.h"
#include "optim-int.h"

struct objective *
objective_slice(struct objective *base, const double *origin, const double *dirs, int k,
		const char *const *names)
{
	struct objective *o = xcalloc(1, sizeof *o);
	size_t bd = (size_t)base->dim;
	int j;

	if (k < 1 || k > 2)
		fatal("objective_slice: %d directions", k);
	o->dim = k;
	o->base = base;
	o->origin = xmalloc(bd * sizeof *o->origin);
	o->dirs = xmalloc((size_t)k * bd * sizeof *o->dirs);
	memcpy(o->origin, origin, bd * sizeof *o->origin);
	memcpy(o->dirs, dirs, (size_t)k * bd * sizeof *o->dirs);
	for (j = 0; j < k; j++)
		o->names[j] = xstrdup(names[j]);
	o->x = xcalloc(bd + 1, sizeof *o->x);
	return o;
}

/*
 * A slice at m points: the base at origin + sum t_j d_j, all m points in
 * one evaluation of the base; the gradient's components along the
 * directions (d_j . grad); the Hessian's, d_j . H d_l, from Hessian-vector
 * products of the base, one per direction and point.
 */
void
slice_eval(struct objective *o, size_t m, const double *const *w, double *f,
	   double *const *g, double *const *h)
{
	struct objective *b = o->base;
	int bd = b->dim, k = o->dim, i, j, l;
	double *th = xmalloc((size_t)bd * m * sizeof *th), *gb = NULL, *hv = NULL;
	double **thp = xmalloc((size_t)bd * sizeof *thp), **gbp = NULL;
	double *fs = f != NULL ? f : xmalloc(m * sizeof *fs);
	size_t q;

	for (i = 0; i < bd; i++) {
		thp[i] = th + (size_t)i * m;
		for (q = 0; q < m; q++) {
			double v = o->origin[i];
			for (j = 0; j < k; j++)
				v += w[j][q] * o->dirs[(size_t)j * bd + i];
			thp[i][q] = v;
		}
	}
	if (g != NULL || h != NULL) {
		gb = xmalloc((size_t)bd * m * sizeof *gb);
		gbp = xmalloc((size_t)bd * sizeof *gbp);
		for (i = 0; i < bd; i++)
			gbp[i] = gb + (size_t)i * m;
	}
	objective_eval(b, m, (const double *const *)thp, fs, gbp, NULL);
	for (j = 0; g != NULL && j < k; j++) {
		for (q = 0; q < m; q++) {
			double s = 0;
			for (i = 0; i < bd; i++)
				s += o->dirs[(size_t)j * bd + i] * gbp[i][q];
			g[j][q] = s;
		}
	}
	if (h != NULL) {
		hv = xmalloc((size_t)bd * sizeof *hv);
		for (q = 0; q < m; q++) {
			for (i = 0; i < bd; i++)
				o->x[i] = thp[i][q];
			for (j = 0; j < k; j++) {
				objective_hvp(b, o->x, o->dirs + (size_t)j * bd, NULL, NULL, hv);
				for (l = 0; l < k; l++) {
					double s = 0;
					for (i = 0; i < bd; i++)
						s += o->dirs[(size_t)l * bd + i] * hv[i];
					h[l * k + j][q] = s;
				}
			}
		}
	}
	if (fs != f)
		free(fs);
	free(th);
	free(thp);
	free(gb);
	free(gbp);
	free(hv);
}

struct objective *
objective_model_view(struct objective *data, const char *model, const double *theta,
		     struct diag *err)
{
	const struct dataset *d = data->data;
	int np = data->dim, nin = 0, j, k;
	const char **names;
	struct objective *o;
	struct expr *e;
	int inputs[DATA_MAX_COLUMNS];

	if (d == NULL) {
		diag_set(err, NULL, 0, 0, "a model view needs a data objective");
		return NULL;
	}
	for (j = 0; j < d->ncols; j++)
		if (j != data->target)
			inputs[nin++] = j;
	if (nin < 1 || nin > 2) {
		diag_set(err, NULL, 0, 0, "a model is drawn against 1 or 2 inputs, and this one "
			 "has %d", nin);
		return NULL;
	}
	if (expr_is_mlp(model)) {
		struct expr_mlp net;
		if (expr_mlp_parse(model, &net, err) != 0)
			return NULL;
		e = expr_mlp_build(&net, (const char *const *)d->names, d->ncols, inputs, err);
	} else {
		names = xmalloc((size_t)(np + d->ncols) * sizeof *names);
		for (k = 0; k < np; k++)
			names[k] = objective_param(data, k);
		for (j = 0; j < d->ncols; j++)
			names[np + j] = d->names[j];
		e = expr_parse(model, names, np + d->ncols, err);
		free(names);
	}
	if (e == NULL)
		return NULL;
	o = xcalloc(1, sizeof *o);
	o->dim = nin;
	o->base = data;
	o->view_e = e;
	o->view = expr_compile_wrt(e, 0, 0, err);
	if (o->view == NULL) {
		expr_free(e);
		free(o);
		return NULL;
	}
	o->origin = xmalloc((size_t)np * sizeof *o->origin);
	memcpy(o->origin, theta, (size_t)np * sizeof *o->origin);
	for (k = 0; k < nin; k++) {
		o->view_in[k] = inputs[k];
		o->names[k] = xstrdup(d->names[inputs[k]]);
	}
	o->scalars = xcalloc((size_t)np + (size_t)d->ncols, sizeof *o->scalars);
	o->in = xcalloc((size_t)np + (size_t)d->ncols, sizeof *o->in);
	o->out = xcalloc(1, sizeof *o->out);
	return o;
}

/*
 * A model view at m points: the model at the fixed parameters (the
 * uniform inputs), its inputs the points, any other column 0.  The
 * derivatives are not offered: g and h, when asked for, are nan.
 */
void
view_eval(struct objective *o, size_t m, const double *const *w, double *f,
	  double *const *g, double *const *h)
{
	const struct dataset *d = o->base->data;
	int np = o->base->dim, j, k;
	double *fs = f != NULL ? f : xmalloc((m ? m : 1) * sizeof *fs);
	size_t q;

	if (o->zeros_cap < m) {
		free(o->zeros);
		o->zeros = xcalloc(m, sizeof *o->zeros);
		o->zeros_cap = m;
	}
	for (k = 0; k < np; k++) {
		o->in[k] = NULL;
		o->scalars[k] = o->origin[k];
	}
	for (j = 0; j < d->ncols; j++)
		o->in[np + j] = o->zeros;
	for (k = 0; k < o->dim; k++)
		o->in[np + o->view_in[k]] = w[k];
	o->out[0] = fs;
	expr_eval_batch_mixed(o->view, m, o->in, o->scalars, o->out);
	for (k = 0; g != NULL && k < o->dim; k++)
		for (q = 0; q < m; q++)
			g[k][q] = NAN;
	for (k = 0; h != NULL && k < o->dim * o->dim; k++)
		for (q = 0; q < m; q++)
			h[k][q] = NAN;
	if (fs != f)
		free(fs);
}
