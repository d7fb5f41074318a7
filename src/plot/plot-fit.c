/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-fit.c - what a model has learned, drawn over its examples
 * (plot_fig_fit): a model of one input as its curve through the
 * examples; of two, its value in contours over them, or for a classifier
 * its decision boundary (the logit's level 0) with the regions shaded and
 * each class's examples in their own glyph.  descent plot --fit and the
 * network trainer draw it the same way.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/plot.h"
#include "descent/util.h"

#define CURVE_SAMPLES 201

/* The finite values' range, widened by a tenth of it on each side. */
static void
span(const double *v, size_t n, double *lo, double *hi)
{
	double w;
	size_t i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		*lo = fmin(*lo, v[i]);
		*hi = fmax(*hi, v[i]);
	}
	if (!(*lo < *hi)) {
		*lo = isfinite(*lo) ? *lo - 1 : -1;
		*hi = isfinite(*hi) ? *hi + 1 : 1;
	}
	w = *hi - *lo;
	*lo -= 0.1 * w;
	*hi += 0.1 * w;
}

/* The examples of two inputs a and b, split by class (or all in one set). */
static void
class_points(struct plot_fig *f, const struct dataset *d, int a, int b, int target,
	     int classifier)
{
	double *x0 = xmalloc(4 * (d->nrows ? d->nrows : 1) * sizeof *x0);
	double *y0 = x0 + d->nrows, *x1 = y0 + d->nrows, *y1 = x1 + d->nrows;
	size_t i, n0 = 0, n1 = 0;

	for (i = 0; i < d->nrows; i++) {
		if (classifier && !(d->col[target][i] > 0)) {
			x0[n0] = d->col[a][i];
			y0[n0++] = d->col[b][i];
		} else {
			x1[n1] = d->col[a][i];
			y1[n1++] = d->col[b][i];
		}
	}
	if (classifier) {
		plot_fig_points(f, x0, y0, n0, 'o', PLOT_YELLOW, "y = 0");
		plot_fig_points(f, x1, y1, n1, 'x', PLOT_RED, "y = 1");
	} else {
		/* TRANSLATORS: a legend key: a point of the data */
		plot_fig_points(f, x1, y1, n1, '.', PLOT_YELLOW, _("an example"));
	}
	free(x0);
}

struct plot_fig *
plot_fig_fit(struct objective *view, const struct dataset *d, int target, int classifier,
	     const struct plot_opts *opts, const char *title, struct diag *err)
{
	struct plot_opts o = *opts;
	struct plot_fig *f;
	const double zero = 0;
	int a = dataset_column(d, objective_param(view, 0)), b = -1;
	double lo, hi;

	if (objective_dim(view) == 2)
		b = dataset_column(d, objective_param(view, 1));
	if (a < 0 || (objective_dim(view) == 2 && b < 0) || objective_dim(view) > 2) {
		diag_set(err, NULL, 0, 0, "plot_fig_fit: the model's inputs are not columns "
			 "of the data");
		return NULL;
	}
	if (!(o.x1 > o.x0)) {
		span(d->col[a], d->nrows, &o.x0, &o.x1);
	}
	if (b < 0) {
		/* the f axis holds the examples' targets and the curve between */
		double xs[CURVE_SAMPLES], fs[CURVE_SAMPLES], ylo, yhi;
		const double *xp = xs;
		int i;
		for (i = 0; i < CURVE_SAMPLES; i++)
			xs[i] = o.x0 + (o.x1 - o.x0) * i / (CURVE_SAMPLES - 1);
		objective_eval(view, CURVE_SAMPLES, &xp, fs, NULL, NULL);
		span(d->col[target], d->nrows, &ylo, &yhi);
		span(fs, CURVE_SAMPLES, &lo, &hi);
		if (!(o.y1 > o.y0)) {
			o.y0 = fmin(lo, ylo);
			o.y1 = fmax(hi, yhi);
		}
	} else {
		if (!(o.y1 > o.y0))
			span(d->col[b], d->nrows, &o.y0, &o.y1);
		o.coarse = 1;
		if (classifier) {
			o.level_values = &zero;
			o.nlevel_values = 1;
			o.overlays |= PLOT_OV_SHADE;
		}
	}
	f = plot_fig_new(view, &o, title, err);
	if (f == NULL)
		return NULL;
	if (b < 0)
		plot_fig_points(f, d->col[a], d->col[target], d->nrows, 'o', PLOT_YELLOW,
				_("an example"));
	else
		class_points(f, d, a, b, target, classifier);
	return f;
}
