/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis-classify.c - the kind of a critical point from the signs of
 * its Hessian's eigenvalues, with a tolerance for "zero" that scales with
 * the largest eigenvalue.
 */
#include "config.h"

#include <math.h>

#include "descent/analysis.h"
#include "descent/linalg.h"

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
