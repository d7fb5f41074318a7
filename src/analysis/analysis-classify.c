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
#include <string.h>

#include "descent/analysis.h"
#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/util.h"

/*
 * The names stay English: JSON and the lessons' claims use them, and tests
 * compare them.  A message shows them through _().
 */
const char *
cp_kind_name(enum cp_kind k)
{
	switch (k) {
	/* TRANSLATORS: the kinds of a critical point, alone, as in "kind: saddle" */
	case CP_MINIMUM: return N_("minimum");
	case CP_MAXIMUM: return N_("maximum");
	case CP_SADDLE: return N_("saddle");
	case CP_DEGENERATE: return N_("degenerate");
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
	case CP_MINIMUM: return N_("a minimum");
	case CP_MAXIMUM: return N_("a maximum");
	case CP_SADDLE: return N_("a saddle point");
	case CP_DEGENERATE: return N_("a degenerate critical point");
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

/*
 * A run's reason (tr->reason, which stays English for the records and
 * JSON) in the user's language: each reason is a message of opt-run.c,
 * "the point is beyond %g" and "|f| is beyond %g" with their number.
 */
const char *
analysis_reason_text(const char *reason, char *buf, size_t size)
{
	static const char *const beyond[] = {
		N_("the point is beyond %g"), N_("|f| is beyond %g"),
	};
	size_t i, n;

	if (reason[0] == '\0')
		return reason;
	for (i = 0; i < sizeof beyond / sizeof beyond[0]; i++) {
		n = strcspn(beyond[i], "%");
		if (strncmp(reason, beyond[i], n) == 0) {
			snprintf(buf, size, _(beyond[i]), strtod(reason + n, NULL));
			return buf;
		}
	}
	return _(reason);
}

size_t
analysis_outcome(struct objective *o, const struct trajectory *tr, char *buf, size_t size)
{
	/* a whole sentence for each kind of point, as cp_kind_phrase says them */
	static const char *const to_kind[] = {
		N_("converged at step %ld to a minimum"),
		N_("converged at step %ld to a maximum"),
		N_("converged at step %ld to a saddle point"),
		N_("converged at step %ld to a degenerate critical point"),
	};
	char why[sizeof tr->reason + 64];
	int kind;

	switch (tr->outcome) {
	case RUN_CONVERGED:
		kind = tr->len > 0 ? analysis_point_kind(o, tr->w + (tr->len - 1) * (size_t)tr->n,
							 NULL) : -1;
		if (kind < 0 || kind > CP_DEGENERATE)
			return (size_t)snprintf(buf, size, _("converged at step %ld"), tr->step);
		return (size_t)snprintf(buf, size, _(to_kind[kind]), tr->step);
	case RUN_MAX_STEPS:
		return (size_t)snprintf(buf, size, _("stopped at the step limit (%ld steps)"),
					tr->step);
	case RUN_DIVERGED:
		/* TRANSLATORS: lesson screens cut this at its first ':', keeping the
		 * reason after it for a wider line */
		return (size_t)snprintf(buf, size, _("diverged at step %ld: %s"), tr->step,
					analysis_reason_text(tr->reason, why, sizeof why));
	case RUN_RUNNING:
		break;
	}
	if (size > 0)
		buf[0] = '\0';
	return 0;
}
