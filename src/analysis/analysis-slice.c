/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-slice.c - the lines and planes through a landscape of many
 * parameters that are worth drawing (Li, Xu, Taylor, Studer and
 * Goldstein, "Visualizing the loss landscape of neural nets", 2018):
 * random directions normalized unit by unit, so that a network's units
 * of large and small weights are moved alike; the Hessian's top two
 * eigenvectors; the trajectory's two principal components; a
 * trajectory's projection on a plane; and the barrier along a line.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/rng.h"
#include "descent/util.h"

/*
 * Scales the block [a, b) of d to the norm of the same block of theta
 * (to 0 when theta's is 0: a unit that is all zeros stays put).
 */
static void
normalize_block(double *d, const double *theta, size_t a, size_t b)
{
	double nd = 0, nt = 0;

	for (size_t i = a; i < b; i++) {
		nd += d[i] * d[i];
		nt += theta[i] * theta[i];
	}
	nd = sqrt(nd);
	nt = sqrt(nt);
	for (size_t i = a; i < b; i++)
		d[i] = nd > 0 ? d[i] * nt / nd : 0;
}

void
analysis_random_directions(const struct expr_mlp *net, const double *theta, int n,
			   uint64_t seed, double *d1, double *d2)
{
	struct rng r;
	int k;

	rng_init(&r, seed);
	for (k = 0; k < n; k++)
		d1[k] = rng_normal(&r);
	for (k = 0; k < n; k++)
		d2[k] = rng_normal(&r);
	if (net == NULL) {
		normalize_block(d1, theta, 0, (size_t)n);
		normalize_block(d2, theta, 0, (size_t)n);
		return;
	}
	/* a unit's incoming weights and bias are one block (expr-mlp.c's order) */
	for (int l = 1; l <= net->nlayers; l++) {
		for (int j = 1; j <= net->sizes[l]; j++) {
			size_t a = (size_t)expr_mlp_param(net, l, j, 1);
			size_t b = a + (size_t)net->sizes[l - 1] + 1;
			normalize_block(d1, theta, a, b);
			normalize_block(d2, theta, a, b);
		}
	}
}

int
analysis_hessian_directions(struct objective *o, const double *theta, double *d1,
			    double *d2, double *l1, double *l2)
{
	int n = objective_dim(o), i;
	double f, *h, *lambda, *v;

	if (n < 2 || n > OPT_MAX_HESSIAN)
		return -1;
	h = xmalloc((size_t)n * (size_t)n * sizeof *h);
	v = xmalloc((size_t)n * (size_t)n * sizeof *v);
	lambda = xmalloc((size_t)n * sizeof *lambda);
	objective_eval_point(o, theta, &f, NULL, h);
	if (la_eigsym(n, h, lambda, v) < 0) {
		free(h);
		free(v);
		free(lambda);
		return -1;
	}
	for (i = 0; i < n; i++) {
		d1[i] = v[(size_t)i * n + n - 1];
		d2[i] = v[(size_t)i * n + n - 2];
	}
	*l1 = lambda[n - 1];
	*l2 = lambda[n - 2];
	free(h);
	free(v);
	free(lambda);
	return 0;
}

int
analysis_pca_directions(const double *w, size_t len, int n, const double *end, double *d1,
			double *d2, double *explained)
{
	size_t m = len < ANALYSIS_PCA_POINTS ? len : ANALYSIS_PCA_POINTS, i, j;
	double *t, *g, *lambda, *u, total = 0;
	int k, status = -1;

	if (m < 3 || n < 2)
		return -1;
	/* m points spread over the trajectory, less the end: its rows */
	t = xmalloc(m * (size_t)n * sizeof *t);
	for (i = 0; i < m; i++) {
		size_t at = i * (len - 1) / (m - 1);
		for (k = 0; k < n; k++)
			t[i * n + k] = w[at * (size_t)n + k] - end[k];
	}
	/* the Gram matrix T T^T: its eigenvectors u give T^T u, the components */
	g = xmalloc(m * m * sizeof *g);
	for (i = 0; i < m; i++)
		for (j = i; j < m; j++) {
			double s = 0;
			for (k = 0; k < n; k++)
				s += t[i * n + k] * t[j * n + k];
			g[i * m + j] = g[j * m + i] = s;
		}
	lambda = xmalloc(m * sizeof *lambda);
	u = xmalloc(m * m * sizeof *u);
	if (la_eigsym((int)m, g, lambda, u) == 0 && lambda[m - 2] > 0) {
		for (i = 0; i < m; i++)
			total += fmax(lambda[i], 0);
		for (k = 0; k < n; k++) {
			double a = 0, b = 0;
			for (i = 0; i < m; i++) {
				a += t[i * n + k] * u[i * m + m - 1];
				b += t[i * n + k] * u[i * m + m - 2];
			}
			d1[k] = a / sqrt(lambda[m - 1]);
			d2[k] = b / sqrt(lambda[m - 2]);
		}
		explained[0] = lambda[m - 1] / total;
		explained[1] = lambda[m - 2] / total;
		status = 0;
	}
	free(t);
	free(g);
	free(lambda);
	free(u);
	return status;
}

void
analysis_project(int n, const double *origin, const double *d1, const double *d2,
		 const double *x, double *ab)
{
	double g11 = 0, g12 = 0, g22 = 0, r1 = 0, r2 = 0, det;

	for (int k = 0; k < n; k++) {
		double e = x[k] - origin[k];
		g11 += d1[k] * d1[k];
		g12 += d1[k] * d2[k];
		g22 += d2[k] * d2[k];
		r1 += d1[k] * e;
		r2 += d2[k] * e;
	}
	det = g11 * g22 - g12 * g12;
	if (!(fabs(det) > 1e-300 * fmax(1, g11 * g22))) {
		ab[0] = g11 > 0 ? r1 / g11 : 0;
		ab[1] = 0;
		return;
	}
	ab[0] = (g22 * r1 - g12 * r2) / det;
	ab[1] = (g11 * r2 - g12 * r1) / det;
}

void
analysis_barrier(struct objective *line, struct barrier *b)
{
	enum { STEPS = ANALYSIS_BARRIER_STEPS };
	double t[STEPS + 1], f[STEPS + 1];
	const double *tp = t;
	int i, top = 0;

	for (i = 0; i <= STEPS; i++)
		t[i] = (double)i / STEPS;
	objective_eval(line, STEPS + 1, &tp, f, NULL, NULL);
	for (i = 1; i <= STEPS; i++)
		if (f[i] > f[top])
			top = i;
	b->f0 = f[0];
	b->f1 = f[STEPS];
	b->t = t[top];
	b->f = f[top];
	b->height = f[top] - fmax(f[0], f[STEPS]);
}
