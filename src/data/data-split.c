/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data-split.c - a seeded split of a data set into training, validation
 * and test parts (dataset_split in data.h says which rows go where).
 * Each part is a deep copy, so that it outlives d and is freed with
 * dataset_free like any other data set.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/rng.h"
#include "descent/util.h"

static int
cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/*
 * A copy of the rows idx[0..n) of d, or NULL when n is 0; idx is sorted
 * first, so that the rows keep their order.
 */
static struct dataset *
take_rows(const struct dataset *d, size_t *idx, size_t n)
{
	struct dataset *p;
	size_t i;
	int j;

	if (n == 0)
		return NULL;
	qsort(idx, n, sizeof *idx, cmp_index);
	p = xcalloc(1, sizeof *p);
	p->ncols = d->ncols;
	p->nrows = n;
	p->names = xcalloc((size_t)d->ncols, sizeof *p->names);
	p->col = xcalloc((size_t)d->ncols, sizeof *p->col);
	for (j = 0; j < d->ncols; j++) {
		p->names[j] = xstrdup(d->names[j]);
		p->col[j] = xreallocarray(NULL, n, sizeof **p->col);
		for (i = 0; i < n; i++)
			p->col[j][i] = d->col[j][idx[i]];
	}
	return p;
}

/* Whether f is a fraction that a part may take: in [0, 1). */
static int
is_fraction(double f)
{
	return f >= 0 && f < 1;
}

int
dataset_split(const struct dataset *d, double fval, double ftest, uint64_t seed,
	      struct dataset **train, struct dataset **val, struct dataset **test,
	      struct diag *err)
{
	size_t n, ntest, nval, i, *idx;
	struct diag dummy;
	struct rng r;

	if (train == NULL || val == NULL || test == NULL || d == NULL)
		fatal("dataset_split: no data set or no place for a part");
	*train = *val = *test = NULL;
	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof *err);
	if (!is_fraction(fval))
		return diag_set(err, NULL, 0, 0, "the validation fraction must be at least 0 "
				"and below 1, not %g", fval);
	if (!is_fraction(ftest))
		return diag_set(err, NULL, 0, 0, "the test fraction must be at least 0 "
				"and below 1, not %g", ftest);
	if (fval + ftest >= 1)
		return diag_set(err, NULL, 0, 0, "the validation and test fractions add up "
				"to 1 or more (%g + %g): leave some rows for training",
				fval, ftest);
	n = d->nrows;
	ntest = (size_t)round(ftest * (double)n);
	nval = (size_t)round(fval * (double)n);
	if (ntest + nval >= n) {
		char msg[sizeof err->message];
		snprintf(msg, sizeof msg, P_("no rows are left for training (%zu row: %zu for "
					     "validation, %zu for test): use smaller fractions "
					     "or more rows",
					     "no rows are left for training (%zu rows: %zu for "
					     "validation, %zu for test): use smaller fractions "
					     "or more rows", n), n, nval, ntest);
		return diag_set(err, NULL, 0, 0, "%s", msg);
	}

	idx = xreallocarray(NULL, n, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = i;
	rng_init(&r, seed);
	rng_shuffle(&r, idx, n);
	*test = take_rows(d, idx, ntest);
	*val = take_rows(d, idx + ntest, nval);
	*train = take_rows(d, idx + ntest + nval, n - ntest - nval);
	free(idx);
	return 0;
}
