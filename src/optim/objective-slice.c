/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objective-slice.c - slices through a landscape of many parameters
 * (objective_slice): the objective of one or two variables that a line
 * or a plane through the parameters gives, so that the plots of
 * functions of one or two variables draw a network's landscape.
 */
#include "config.h"

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

