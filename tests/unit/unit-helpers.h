/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unit-helpers.h - what several unit test files share.  Include it after
 * <criterion/criterion.h>.
 */
#ifndef DESCENT_UNIT_HELPERS_H
#define DESCENT_UNIT_HELPERS_H

#include <math.h>

#include "descent/objective.h"

/* Whether got is within tol of want, relative to the larger of the two. */
static inline int
rel_close(double got, double want, double tol)
{
	if (got == want)
		return 1;
	return fabs(got - want) <= tol * fmax(fabs(got), fabs(want));
}

/* The objective of src, which must parse. */
static inline struct objective *
make_objective(const char *src)
{
	struct diag err;
	struct objective *o = objective_expr(src, NULL, 0, &err);

	cr_assert_not_null(o, "objective_expr(\"%s\"): expected an objective, got NULL (%s)",
			   src, err.message);
	return o;
}

#endif
