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
#include <stdio.h>
#include <stdlib.h>

#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/plot.h"
#include "descent/util.h"
#include "plot-int.h"

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

char *
plot_fit_describe(struct objective *view, const struct dataset *d, int target,
		  int classifier)
{
	int dim = objective_dim(view), a = dataset_column(d, objective_param(view, 0));
	int b = dim == 2 ? dataset_column(d, objective_param(view, 1)) : -1;
	size_t n = d->nrows, i, worst = 0, right = 0, ones = 0;
	int wrong = 0;
	double *p, err = 0, lo[2], hi[2], tlo, thi;
	const double *w[2];
	char s[8][32];
	struct words t = { 0 };
	const char *xn = objective_param(view, 0), *yn = dim == 2 ? objective_param(view, 1) : "";

	if (a < 0 || (dim == 2 && b < 0) || dim > 2 || n == 0 || target < 0)
		return xstrdup("");
	p = xmalloc(n * sizeof *p);
	w[0] = d->col[a];
	w[1] = b >= 0 ? d->col[b] : NULL;
	objective_eval(view, n, w, p, NULL, NULL);
	for (i = 0; i < (size_t)dim; i++) {
		size_t k;
		const double *c = d->col[i == 0 ? a : b];
		lo[i] = hi[i] = c[0];
		for (k = 1; k < n; k++) {
			lo[i] = fmin(lo[i], c[k]);
			hi[i] = fmax(hi[i], c[k]);
		}
	}
	tlo = thi = d->col[target][0];
	for (i = 0; i < n; i++) {
		double y = d->col[target][i], e = p[i] - y;
		int ok = (p[i] > 0) == (y > 0);
		tlo = fmin(tlo, y);
		thi = fmax(thi, y);
		ones += y > 0;
		right += ok;
		err += e * e;
		/* a regression's largest error; a classifier's surest mistake */
		if (!classifier) {
			if (fabs(e) > fabs(p[worst] - d->col[target][worst]))
				worst = i;
		} else if (!ok && (!wrong || fabs(p[i]) > fabs(p[worst]))) {
			worst = i;
			wrong = 1;
		}
	}
	err /= (double)n;
	/* the examples (N for a number of four digits, no scale: 0 is 0) */
#define N(k, v) words_num(s[k], (v), 0)
	if (classifier && dim == 1)
		words_say(&t, P_("%zu example, for %s from %s to %s: %zu of class 1, %zu of class 0.",
				 "%zu examples, for %s from %s to %s: %zu of class 1, %zu of class 0.",
				 n), n, xn, N(0, lo[0]), N(1, hi[0]), ones, n - ones);
	else if (classifier)
		words_say(&t, P_("%zu example, for %s from %s to %s and %s from %s to %s: %zu of "
				 "class 1, %zu of class 0.",
				 "%zu examples, for %s from %s to %s and %s from %s to %s: %zu of "
				 "class 1, %zu of class 0.", n), n, xn, N(0, lo[0]), N(1, hi[0]),
			  yn, N(2, lo[1]), N(3, hi[1]), ones, n - ones);
	else if (dim == 1)
		words_say(&t, P_("%zu example, for %s from %s to %s, where the target goes from %s "
				 "to %s.", "%zu examples, for %s from %s to %s, where the target "
				 "goes from %s to %s.", n), n, xn, N(0, lo[0]), N(1, hi[0]),
			  N(2, tlo), N(3, thi));
	else
		words_say(&t, P_("%zu example, for %s from %s to %s and %s from %s to %s, where "
				 "the target goes from %s to %s.", "%zu examples, for %s from %s "
				 "to %s and %s from %s to %s, where the target goes from %s to %s.",
				 n), n, xn, N(0, lo[0]), N(1, hi[0]), yn, N(2, lo[1]), N(3, hi[1]),
			  N(4, tlo), N(5, thi));
	words_put(&t, "\n");
	/* what the model does with them */
	if (classifier) {
		words_say(&t, P_("The model puts %zu of the %zu example on its side, where its "
				 "logit has the sign of its class (%s%%).",
				 "The model puts %zu of the %zu examples on their side, where its "
				 "logit has the sign of their class (%s%%).", n), right, n,
			  N(0, 100.0 * (double)right / (double)n));
		if (right < n && dim == 1)
			words_say(&t, _("The farthest on the wrong side is the example at %s = %s, "
					"of class %d, where the logit is %s."), xn,
				  N(0, d->col[a][worst]), d->col[target][worst] > 0, N(1, p[worst]));
		else if (right < n)
			words_say(&t, _("The farthest on the wrong side is the example at (%s, %s), "
					"of class %d, where the logit is %s."), N(0, d->col[a][worst]),
				  N(1, d->col[b][worst]), d->col[target][worst] > 0, N(2, p[worst]));
	} else {
		words_say(&t, _("The model's mean squared error on them is %s."), N(0, err));
		if (dim == 1)
			words_say(&t, _("The farthest from it is the example at %s = %s, whose "
					"target is %s where the model gives %s."), xn,
				  N(0, d->col[a][worst]), N(1, d->col[target][worst]), N(2, p[worst]));
		else
			words_say(&t, _("The farthest from it is the example at (%s, %s), whose "
					"target is %s where the model gives %s."), N(0, d->col[a][worst]),
				  N(1, d->col[b][worst]), N(2, d->col[target][worst]), N(3, p[worst]));
	}
#undef N
	words_put(&t, "\n");
	free(p);
	return t.s;
}
