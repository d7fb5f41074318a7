/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-classify.c - the kind of a critical point from the signs of
 * its Hessian's eigenvalues, with a tolerance for "zero" that scales with
 * the largest eigenvalue; and how a run ended, in the words every screen
 * uses, with the kind of point it converged to.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "descent/analysis.h"
#include "descent/linalg.h"
#include "descent/util.h"

const char *
cp_kind_name(enum cp_kind k)
{
	switch (k) {
	case CP_MINIMUM: return "minimum";
	case CP_MAXIMUM: return "maximum";
	case CP_SADDLE: return "saddle";
	case CP_DEGENERATE: return "degenerate";
	}
	return "?";
}

enum cp_kind
analysis_classify(int n, const double *h, double *lambda)
{
	double big = 1, tol;
	int i, pos = 0, neg = 0;

	if (la_eigsym(n, h, lambda, NULL) < 0)
		return CP_DEGENERATE;
	for (i = 0; i < n; i++)
		big = fmax(big, fabs(lambda[i]));
	tol = 1e-7 * big;
	for (i = 0; i < n; i++) {
		pos += lambda[i] > tol;
		neg += lambda[i] < -tol;
	}
	if (pos > 0 && neg > 0)
		return CP_SADDLE;
	if (pos == n)
		return CP_MINIMUM;
	if (neg == n)
		return CP_MAXIMUM;
	return CP_DEGENERATE;
}

const char *
cp_kind_phrase(enum cp_kind k)
{
	switch (k) {
	case CP_MINIMUM: return "a minimum";
	case CP_MAXIMUM: return "a maximum";
	case CP_SADDLE: return "a saddle point";
	case CP_DEGENERATE: return "a degenerate critical point";
	}
	return "?";
}

int
analysis_point_kind(struct objective *o, const double *w, double *lambda)
{
	int n = objective_dim(o);
	double f, *g, *h, *own = NULL;
	enum cp_kind kind;

	if (n < 1 || n > OPT_MAX_HESSIAN)
		return -1;
	if (lambda == NULL)
		lambda = own = xmalloc((size_t)n * sizeof *lambda);
	g = xmalloc((size_t)n * sizeof *g);
	h = xmalloc((size_t)n * (size_t)n * sizeof *h);
	objective_eval_point(o, w, &f, g, h);
	kind = analysis_classify(n, h, lambda);
	free(g);
	free(h);
	free(own);
	return (int)kind;
}

size_t
analysis_outcome(struct objective *o, const struct trajectory *tr, char *buf, size_t size)
{
	int kind;

	switch (tr->outcome) {
	case RUN_CONVERGED:
		kind = tr->len > 0 ? analysis_point_kind(o, tr->w + (tr->len - 1) * (size_t)tr->n,
							 NULL) : -1;
		if (kind < 0)
			return (size_t)snprintf(buf, size, "converged at step %ld", tr->step);
		return (size_t)snprintf(buf, size, "converged at step %ld to %s", tr->step,
					cp_kind_phrase((enum cp_kind)kind));
	case RUN_MAX_STEPS:
		return (size_t)snprintf(buf, size, "stopped at the step limit (%ld steps)",
					tr->step);
	case RUN_DIVERGED:
		return (size_t)snprintf(buf, size, "diverged at step %ld: %s", tr->step,
					tr->reason);
	case RUN_RUNNING:
		break;
	}
	if (size > 0)
		buf[0] = '\0';
	return 0;
}
