/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-point.c - what the derivatives say at one point of an
 * objective of any dimension (a network's parameters, say): f, the
 * gradient's norm, the Hessian's whole spectrum, its largest eigenvalue
 * (the sharpness) and its number of negative eigenvalues (the index), and
 * the kind of point when the gradient is tiny.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/util.h"

/* Lanczos's products: the Hessian at the point times v. */
struct hvp_ctx {
	struct objective *o;
	const double *w;
};

static void
hvp(void *ctx, const double *v, double *out)
{
	struct hvp_ctx *c = ctx;

	objective_hvp(c->o, c->w, v, NULL, NULL, out);
}

int
analysis_point(struct objective *o, const double *w, double tol, struct point_report *r)
{
	int n = objective_dim(o), i;
	double *g = xmalloc((size_t)n * sizeof *g), *h = NULL, big = 1, zero;

	r->n = n;
	r->lambda = NULL;
	r->index = -1;
	r->zeros = -1;
	r->kind = -1;
	r->lmin = r->lmax = NAN;
	if (n <= OPT_MAX_HESSIAN)
		h = xmalloc((size_t)n * (size_t)n * sizeof *h);
	objective_eval_point(o, w, &r->f, g, h);
	r->gnorm = la_norm(n, g);
	free(g);
	if (h == NULL) {
		/* past the Hessian descent assembles, its extremes from products */
		struct hvp_ctx c = { o, w };
		if (la_lanczos_extremes(n, hvp, &c, ANALYSIS_LANCZOS_STEPS, 1, &r->lmin,
					&r->lmax) != 0)
			return -1;
		return 0;
	}
	r->lambda = xmalloc((size_t)n * sizeof *r->lambda);
	if (la_eigsym(n, h, r->lambda, NULL) < 0) {
		free(h);
		free(r->lambda);
		r->lambda = NULL;
		return -1;
	}
	free(h);
	r->lmin = r->lambda[0];
	r->lmax = r->lambda[n - 1];
	/* zero within the tolerance of analysis_classify */
	for (i = 0; i < n; i++)
		big = fmax(big, fabs(r->lambda[i]));
	zero = 1e-7 * big;
	r->index = r->zeros = 0;
	for (i = 0; i < n; i++) {
		r->index += r->lambda[i] < -zero;
		r->zeros += fabs(r->lambda[i]) <= zero;
	}
	if (r->gnorm < tol) {
		int pos = n - r->index - r->zeros;
		r->kind = r->index > 0 && pos > 0 ? CP_SADDLE : pos == n ? CP_MINIMUM :
			  r->index == n ? CP_MAXIMUM : CP_DEGENERATE;
	}
	return 0;
}

void
analysis_point_done(struct point_report *r)
{
	free(r->lambda);
	r->lambda = NULL;
}
