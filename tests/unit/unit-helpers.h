/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unit-helpers.h - what several unit test files share.  Include it after
 * <criterion/criterion.h>.
 */
#ifndef DESCENT_UNIT_HELPERS_H
#define DESCENT_UNIT_HELPERS_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/objective.h"
#include "descent/rng.h"

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

/* Whether a and b are the same double, bit for bit. */
static inline int
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* The data set of the CSV text (rows may be separated by ';'), which must parse. */
static inline struct dataset *
make_dataset(const char *text)
{
	struct diag err;
	struct dataset *d = dataset_parse_csv(text, strlen(text), "--data-inline", &err);

	cr_assert_not_null(d, "dataset_parse_csv(\"%s\"): expected a data set, got NULL (%s)",
			   text, err.message);
	return d;
}

/* A data set of rows rows: x, z and a label y (0/1 when binary, else real). */
static inline struct dataset *
generated_data(size_t rows, int binary, uint64_t seed)
{
	struct rng s;
	size_t cap = 64 + rows * 80, len, i;
	char *text = malloc(cap);
	struct dataset *d;

	cr_assert_not_null(text, "out of memory");
	rng_init(&s, seed);
	len = (size_t)snprintf(text, cap, "x,z,y\n");
	for (i = 0; i < rows; i++) {
		double x = rng_uniform(&s, -3, 3), z = rng_uniform(&s, -1, 1);
		double y = binary ? (double)(rng_unit(&s) < 0.5) : sin(x) + 0.3 * z + 0.1 * rng_normal(&s);
		len += (size_t)snprintf(text + len, cap - len, "%.17g,%.17g,%.17g\n", x, z, y);
	}
	d = make_dataset(text);
	free(text);
	return d;
}

#endif
