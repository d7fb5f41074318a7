/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-data-toy.c - the built-in toy data sets and the seeded split.
 * Each set has its columns, its size and its defaults; with noise 0 its
 * points lie exactly on their line, curve or circles; its draws are the
 * ones data-toy.c documents, redone here call by call; a seed gives the
 * same bits and another seed other bits.  Every bad spec gives its exact
 * message at its column.  A split has the documented sizes, is disjoint,
 * covers every row, keeps the order, and follows its seed.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/data.h"
#include "descent/rng.h"
#include "unit-helpers.h"

#define NSETS 5

static const char *const set_names[NSETS] = { "line", "sine", "xor", "moons", "circles" };

static struct dataset *
toy(const char *spec)
{
	struct diag err;
	struct dataset *d = dataset_toy(spec, &err);

	cr_assert_not_null(d, "dataset_toy(\"%s\"): column %d: %s", spec, err.column,
			   err.message);
	return d;
}

/* Whether a and b hold the same names and the same values, bit for bit. */
static int
same_data(const struct dataset *a, const struct dataset *b)
{
	size_t i;
	int j;

	if (a->ncols != b->ncols || a->nrows != b->nrows)
		return 0;
	for (j = 0; j < a->ncols; j++) {
		if (strcmp(a->names[j], b->names[j]) != 0)
			return 0;
		for (i = 0; i < a->nrows; i++)
			if (!same_bits(a->col[j][i], b->col[j][i]))
				return 0;
	}
	return 1;
}

static int
is_classifier(const char *name)
{
	return strcmp(name, "line") != 0 && strcmp(name, "sine") != 0;
}

/* --- the sets ------------------------------------------------------------ */

Test(toy_sets, columns_sizes_and_defaults)
{
	static const size_t n[NSETS] = { 50, 100, 200, 200, 200 };
	static const double noise[NSETS] = { 0.1, 0.1, 0.2, 0.1, 0.05 };
	char spec[128];
	int s;

	for (s = 0; s < NSETS; s++) {
		const struct dataset_toy_info *info = dataset_toy_info(set_names[s]);
		struct dataset *d = toy(set_names[s]), *e;
		int cls = is_classifier(set_names[s]);

		cr_assert_not_null(info, "%s", set_names[s]);
		cr_expect_str_eq(info->name, set_names[s]);
		cr_expect_eq(info->n, n[s], "%s: default n %zu", set_names[s], info->n);
		cr_expect_eq(info->noise, noise[s], "%s: default noise %g", set_names[s],
			     info->noise);
		cr_expect_gt(strlen(info->summary), 10);
		cr_expect_str_eq(info->keys, strcmp(set_names[s], "circles") == 0 ?
				 "n, noise, factor or seed" : "n, noise or seed");
		cr_assert_eq(d->nrows, n[s], "%s: %zu rows", set_names[s], d->nrows);
		cr_assert_eq(d->ncols, cls ? 3 : 2, "%s: %d columns", set_names[s], d->ncols);
		if (cls) {
			cr_expect_str_eq(d->names[0], "x1");
			cr_expect_str_eq(d->names[1], "x2");
			cr_expect_str_eq(d->names[2], "y");
		} else {
			cr_expect_str_eq(d->names[0], "x");
			cr_expect_str_eq(d->names[1], "y");
		}
		/* the defaults, spelt out, give the same bits */
		snprintf(spec, sizeof spec, "%s,n=%zu,noise=%.17g,seed=1%s", set_names[s],
			 n[s], noise[s], strcmp(set_names[s], "circles") == 0 ?
			 ",factor=0.5" : "");
		e = toy(spec);
		cr_expect(same_data(d, e), "%s differs from %s", set_names[s], spec);
		dataset_free(e);
		/* and n sets the size */
		snprintf(spec, sizeof spec, "%s,n=7", set_names[s]);
		e = toy(spec);
		cr_expect_eq(e->nrows, 7);
		cr_expect_eq(e->ncols, d->ncols);
		dataset_free(e);
		dataset_free(d);
	}
}

Test(toy_sets, classes_alternate)
{
	char spec[64];
	int s, k;

	for (s = 0; s < NSETS; s++) {
		if (!is_classifier(set_names[s]))
			continue;
		for (k = 0; k < 2; k++) {
			size_t n = k == 0 ? 200 : 7, i, ones = 0;
			struct dataset *d;
			snprintf(spec, sizeof spec, "%s,n=%zu,seed=%d", set_names[s], n, 5 + k);
			d = toy(spec);
			for (i = 0; i < n; i++) {
				double y = d->col[2][i];
				cr_assert(y == 0 || y == 1, "%s: y[%zu] = %g", spec, i, y);
				cr_expect_eq(y, (double)(i % 2), "%s: row %zu", spec, i);
				ones += y == 1;
			}
			cr_expect_eq(ones, n / 2, "%s: %zu of class 1", spec, ones);
			dataset_free(d);
		}
	}
}

Test(toy_sets, line_and_sine_without_noise)
{
	struct dataset *l = toy("line,noise=0,n=1000"), *s = toy("sine,noise=0,n=1000,seed=9");
	double lo = 1, hi = -1;
	size_t i;

	for (i = 0; i < 1000; i++) {
		double x = l->col[0][i];
		cr_assert(x >= -1 && x < 1, "line x = %g", x);
		cr_assert_eq(l->col[1][i], 2 * x - 0.5, "line row %zu", i);
		x = s->col[0][i];
		cr_assert(x >= -3 && x < 3, "sine x = %g", x);
		cr_assert_eq(s->col[1][i], sin(x), "sine row %zu", i);
		lo = fmin(lo, l->col[0][i]);
		hi = fmax(hi, l->col[0][i]);
	}
	/* uniform: the points spread over the interval */
	cr_expect_lt(lo, -0.95);
	cr_expect_gt(hi, 0.95);
	dataset_free(l);
	dataset_free(s);
}

Test(toy_sets, xor_corners)
{
	struct dataset *d = toy("xor,noise=0,n=8"), *e = toy("xor,n=400,seed=3");
	static const double x1[] = { -1, -1, 1, 1 }, x2[] = { -1, 1, 1, -1 };
	size_t i, agree = 0;

	for (i = 0; i < 8; i++) {
		cr_expect_eq(d->col[0][i], x1[i % 4], "row %zu", i);
		cr_expect_eq(d->col[1][i], x2[i % 4], "row %zu", i);
		cr_expect_eq(d->col[2][i], (double)(d->col[0][i] * d->col[1][i] < 0));
	}
	/* with the default noise, the points stay near their corners */
	for (i = 0; i < e->nrows; i++) {
		cr_expect_lt(fabs(fabs(e->col[0][i]) - 1), 1.2);
		agree += e->col[2][i] == (double)(e->col[0][i] * e->col[1][i] < 0);
	}
	cr_expect_gt(agree, 390, "%zu of 400 points on their corner's side", agree);
	dataset_free(d);
	dataset_free(e);
}

Test(toy_sets, moons_on_their_half_circles)
{
	struct dataset *d = toy("moons,noise=0,n=1001,seed=4");
	size_t i;

	cr_assert_eq(d->nrows, 1001);
	for (i = 0; i < d->nrows; i++) {
		double x1 = d->col[0][i], x2 = d->col[1][i];
		if (d->col[2][i] == 0) {
			cr_assert_lt(fabs(hypot(x1, x2) - 1), 1e-14, "row %zu", i);
			cr_assert(x2 >= 0 && x1 >= -1 && x1 <= 1, "row %zu: (%g, %g)", i, x1, x2);
		} else {
			cr_assert_lt(fabs(hypot(1 - x1, 0.5 - x2) - 1), 1e-14, "row %zu", i);
			cr_assert(x2 <= 0.5 && x1 >= 0 && x1 <= 2, "row %zu: (%g, %g)", i, x1, x2);
		}
	}
	dataset_free(d);
}

Test(toy_sets, circles_radius_and_factor)
{
	static const char *const specs[] = { "circles,noise=0", "circles,noise=0,factor=0.3,seed=8" };
	static const double factor[] = { 0.5, 0.3 };
	size_t i, k;

	for (k = 0; k < 2; k++) {
		struct dataset *d = toy(specs[k]);
		for (i = 0; i < d->nrows; i++) {
			double r = hypot(d->col[0][i], d->col[1][i]);
			double want = d->col[2][i] == 0 ? 1 : factor[k];
			cr_assert_lt(fabs(r - want), 1e-14, "%s row %zu: radius %.17g",
				     specs[k], i, r);
		}
		dataset_free(d);
	}
}

/* Redoes the draws of data-toy.c's comment, call by call. */
static void
redo_draws(const char *name, size_t n, double noise, double factor, uint64_t seed,
	   double (*v)[3])
{
	struct rng r;
	size_t i;

	rng_init(&r, seed);
	for (i = 0; i < n; i++) {
		double y = (double)(i % 2), t, e1, e2, rad;
		if (strcmp(name, "line") == 0) {
			v[i][0] = rng_uniform(&r, -1, 1);
			v[i][1] = 2 * v[i][0] - 0.5 + noise * rng_normal(&r);
		} else if (strcmp(name, "sine") == 0) {
			v[i][0] = rng_uniform(&r, -3, 3);
			v[i][1] = sin(v[i][0]) + noise * rng_normal(&r);
		} else if (strcmp(name, "xor") == 0) {
			static const double cx[] = { -1, -1, 1, 1 }, cy[] = { -1, 1, 1, -1 };
			e1 = rng_normal(&r);
			e2 = rng_normal(&r);
			v[i][0] = cx[i % 4] + noise * e1;
			v[i][1] = cy[i % 4] + noise * e2;
			v[i][2] = y;
		} else if (strcmp(name, "moons") == 0) {
			t = rng_uniform(&r, 0, M_PI);
			e1 = rng_normal(&r);
			e2 = rng_normal(&r);
			v[i][0] = (y == 0 ? cos(t) : 1 - cos(t)) + noise * e1;
			v[i][1] = (y == 0 ? sin(t) : 0.5 - sin(t)) + noise * e2;
			v[i][2] = y;
		} else {
			t = rng_uniform(&r, 0, 2 * M_PI);
			e1 = rng_normal(&r);
			e2 = rng_normal(&r);
			rad = y == 0 ? 1 : factor;
			v[i][0] = rad * cos(t) + noise * e1;
			v[i][1] = rad * sin(t) + noise * e2;
			v[i][2] = y;
		}
	}
}

Test(toy_sets, draws_as_documented)
{
	enum { N = 31 };
	double v[N][3];
	char spec[128];
	int s, j;
	size_t i;

	for (s = 0; s < NSETS; s++) {
		struct dataset *d;
		snprintf(spec, sizeof spec, "%s,n=%d,noise=0.3,seed=77%s", set_names[s], N,
			 strcmp(set_names[s], "circles") == 0 ? ",factor=0.25" : "");
		d = toy(spec);
		redo_draws(set_names[s], N, 0.3, 0.25, 77, v);
		for (j = 0; j < d->ncols; j++)
			for (i = 0; i < N; i++)
				cr_assert(same_bits(d->col[j][i], v[i][j]), "%s: %s[%zu] = %.17g, "
					  "not %.17g", spec, d->names[j], i, d->col[j][i], v[i][j]);
		dataset_free(d);
	}
}

Test(toy_sets, seeds)
{
	char spec[64];
	int s;

	for (s = 0; s < NSETS; s++) {
		struct dataset *a, *b, *c, *z, *w;
		size_t i, differ = 0, n;
		int j;
		snprintf(spec, sizeof spec, "%s,seed=42", set_names[s]);
		a = toy(spec);
		b = toy(spec);
		snprintf(spec, sizeof spec, "%s,seed=43", set_names[s]);
		c = toy(spec);
		cr_expect(same_data(a, b), "%s: seed 42 twice differs", set_names[s]);
		n = a->nrows;
		for (i = 0; i < n; i++)
			differ += !same_bits(a->col[0][i], c->col[0][i]);
		cr_expect_gt(differ, n * 9 / 10, "%s: seeds 42 and 43 share %zu of %zu x",
			     set_names[s], n - differ, n);
		/* the seed by default is 1, and seed 0 is a seed like any other */
		snprintf(spec, sizeof spec, "%s,seed=1", set_names[s]);
		z = toy(set_names[s]);
		w = toy(spec);
		cr_expect(same_data(z, w), "%s: the default seed is not 1", set_names[s]);
		dataset_free(w);
		snprintf(spec, sizeof spec, "%s,seed=0", set_names[s]);
		w = toy(spec);
		cr_expect(!same_data(z, w), "%s: seeds 0 and 1 give the same data", set_names[s]);
		/* the draws do not depend on the noise: noise 0 has the same t or x */
		dataset_free(w);
		snprintf(spec, sizeof spec, "%s,noise=0", set_names[s]);
		w = toy(spec);
		for (j = 0; j < z->ncols; j++)
			for (i = 0; i < n; i++)
				cr_expect_lt(fabs(z->col[j][i] - w->col[j][i]), 2,
					     "%s: %s[%zu]", set_names[s], z->names[j], i);
		if (!is_classifier(set_names[s]))
			for (i = 0; i < n; i++)
				cr_expect(same_bits(z->col[0][i], w->col[0][i]));
		dataset_free(a);
		dataset_free(b);
		dataset_free(c);
		dataset_free(z);
		dataset_free(w);
	}
}

Test(toy_sets, spec_forms)
{
	struct dataset *a = toy("moons,n=10,seed=3,noise=0.2");
	struct dataset *b = toy("  moons , seed = 3 ,\tnoise=.2, n = 1e1 ");
	struct dataset *c = toy("moons,n=10.0,seed=3,noise=2e-1");
	struct dataset *d, *e;
	size_t i;

	cr_expect(same_data(a, b), "blanks, order and number forms change nothing");
	cr_expect(same_data(a, c));
	d = toy("circles,seed=18446744073709551615,n=2,noise=1000");
	for (i = 0; i < d->nrows; i++)
		cr_expect(isfinite(d->col[0][i]) && isfinite(d->col[1][i]));
	e = toy("line,n=100000,noise=0");
	cr_expect_eq(e->nrows, 100000);
	cr_expect_eq(e->col[1][99999], 2 * e->col[0][99999] - 0.5);
	dataset_free(a);
	dataset_free(b);
	dataset_free(c);
	dataset_free(d);
	dataset_free(e);
}

/* --- bad specs ----------------------------------------------------------- */

struct bad_spec {
	const char *spec;
	int column;
	const char *message;
};

#define SETS "line, sine, xor, moons or circles"

Test(toy_errors, messages_and_columns)
{
	static const struct bad_spec bad[] = {
		{ "", 1, "the data set spec is empty: name a set, one of " SETS
		  " (e.g. moons or moons,n=100)" },
		{ "  \t", 1, "the data set spec is empty: name a set, one of " SETS
		  " (e.g. moons or moons,n=100)" },
		{ ",n=2", 1, "no data set name before ',': start with one of " SETS
		  " (e.g. moons,n=100)" },
		{ " ,n=2", 2, "no data set name before ',': start with one of " SETS
		  " (e.g. moons,n=100)" },
		{ "spiral", 1, "unknown data set 'spiral': use " SETS },
		{ "  mooons,n=5", 3, "unknown data set 'mooons': use " SETS
		  " (did you mean moons?)" },
		{ "Moons", 1, "unknown data set 'Moons': use " SETS " (did you mean moons?)" },
		{ "data.csv", 1, "unknown data set 'data.csv': use " SETS },
		{ "moons,m=3", 7, "moons has no key 'm': use n, noise or seed (did you mean n?)" },
		{ "moons,nosie=1", 7, "moons has no key 'nosie': use n, noise or seed "
		  "(did you mean noise?)" },
		{ "line,factor=0.5", 6, "line has no key 'factor': use n, noise or seed" },
		{ "circles,size=3", 9, "circles has no key 'size': use n, noise, factor or seed" },
		{ "moons,n", 7, "'n' is not KEY=VALUE: write KEY=VALUE with KEY n, noise or "
		  "seed (e.g. n=200)" },
		{ "moons,=3", 7, "no key before '=': write KEY=VALUE with KEY n, noise or seed" },
		{ "moons,n=", 9, "n has no value: write e.g. n=200" },
		{ "sine,noise= ", 12, "noise has no value: write e.g. noise=0.1" },
		{ "moons,n=abc", 9, "'abc' is not a number: n is the number of points, e.g. n=200" },
		{ "line,n=0x10", 8, "'0x10' is not a number: n is the number of points, e.g. n=50" },
		{ "moons,noise=nan", 13, "'nan' is not a number: noise is the deviation of "
		  "the noise, e.g. noise=0.1" },
		{ "moons,n=inf", 9, "'inf' is not a number: n is the number of points, e.g. n=200" },
		{ "circles,factor=half", 16, "'half' is not a number: factor is the inner "
		  "radius, e.g. factor=0.5" },
		{ "moons,n=1", 9, "n must be a whole number from 2 to 100000, not '1'" },
		{ "moons,n=100001", 9, "n must be a whole number from 2 to 100000, not '100001'" },
		{ "moons,n=1e9", 9, "n must be a whole number from 2 to 100000, not '1e9'" },
		{ "moons,n=2.5", 9, "n must be a whole number from 2 to 100000, not '2.5'" },
		{ "moons,n=-200", 9, "n must be a whole number from 2 to 100000, not '-200'" },
		{ "moons,noise=-0.1", 13, "noise must be from 0 to 1000, not '-0.1'" },
		{ "moons,noise=1e400", 13, "noise must be from 0 to 1000, not '1e400'" },
		{ "circles,factor=1", 16, "factor must be between 0 and 1 (both excluded), not '1'" },
		{ "circles,factor=0", 16, "factor must be between 0 and 1 (both excluded), not '0'" },
		{ "moons,seed=-1", 12, "'-1' is not a seed: write a whole number from 0 to "
		  "18446744073709551615, e.g. seed=1" },
		{ "moons,seed=1.5", 12, "'1.5' is not a seed: write a whole number from 0 to "
		  "18446744073709551615, e.g. seed=1" },
		{ "moons,seed=18446744073709551616", 12, "'18446744073709551616' is not a seed: "
		  "write a whole number from 0 to 18446744073709551615, e.g. seed=1" },
		{ "moons,n=5,n=6", 11, "n is given twice (first at column 7): give each key once" },
		{ "moons, seed=2, n=5, seed=2", 21, "seed is given twice (first at column 8): "
		  "give each key once" },
		{ "moons,", 6, "',' at the end with no option after it: remove it" },
		{ "moons,n=5, ", 10, "',' at the end with no option after it: remove it" },
		{ "moons,,n=5", 7, "empty option between two commas: remove the extra ','" },
		{ "moons,n=5, ,seed=2", 12, "empty option between two commas: remove the extra ','" },
		{ "moons,n=\x1b[2J", 9, "'?[2J' is not a number: n is the number of points, "
		  "e.g. n=200" },
	};
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct dataset *d = dataset_toy(bad[i].spec, &err);
		cr_expect_null(d, "accepted: \"%s\"", bad[i].spec);
		dataset_free(d);
		cr_expect_str_eq(err.message, bad[i].message, "for \"%s\"", bad[i].spec);
		cr_expect_eq(err.column, bad[i].column, "for \"%s\": column %d, not %d",
			     bad[i].spec, err.column, bad[i].column);
		cr_expect_eq(err.line, 0);
		cr_expect_str_eq(err.file, "");
		cr_expect_eq(err.level, DIAG_ERROR);
	}
}

Test(toy_errors, null_spec_and_null_err)
{
	struct diag err;

	cr_expect_null(dataset_toy(NULL, &err));
	cr_expect_eq(err.column, 1);
	cr_expect_str_eq(err.message, "the data set spec is empty: name a set, one of " SETS
			 " (e.g. moons or moons,n=100)");
	cr_expect_null(dataset_toy("moons,n=1", NULL));
	/* a good spec clears an old error */
	dataset_free(dataset_toy("moons", &err));
	cr_expect_str_eq(err.message, "");
	cr_expect_eq(err.column, 0);
}

/* --- names --------------------------------------------------------------- */

Test(toy_names, is_name)
{
	static const char *const yes[] = {
		"line", "sine", "xor", "moons", "circles", "moons,n=100", "circles,factor=0.3",
		" moons ,n=3", "moons,", "moons,bad=key",
	};
	static const char *const no[] = {
		"", "data.csv", "./moons", "moons.csv", "Moons", "moon", ",moons",
		"tests/data/line.csv", "/tmp/line", "line.csv,x", "moonsx", "moons;n=3",
		"moons n=3",
	};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		cr_expect(dataset_toy_is_name(yes[i]), "\"%s\" is a toy set", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		cr_expect(!dataset_toy_is_name(no[i]), "\"%s\" is not a toy set", no[i]);
	cr_expect(!dataset_toy_is_name(NULL));
}

Test(toy_names, the_list)
{
	const char *const *names = dataset_toy_names();
	int i;

	for (i = 0; i < NSETS; i++) {
		struct dataset *d;
		cr_assert_not_null(names[i]);
		cr_expect_str_eq(names[i], set_names[i]);
		cr_expect_eq(dataset_toy_info(names[i])->name, names[i]);
		d = toy(names[i]);
		dataset_free(d);
	}
	cr_expect_null(names[NSETS]);
	cr_expect_null(dataset_toy_info("spiral"));
	cr_expect_null(dataset_toy_info("moons,n=3"));
	cr_expect_null(dataset_toy_info(NULL));
}

/* --- split --------------------------------------------------------------- */

/* The row of d equal to row i of p, value for value, or -1 (rows of toy sets are unique). */
static long
find_row(const struct dataset *d, const struct dataset *p, size_t i)
{
	size_t k;
	int j;

	for (k = 0; k < d->nrows; k++) {
		for (j = 0; j < d->ncols; j++)
			if (!same_bits(d->col[j][k], p->col[j][i]))
				break;
		if (j == d->ncols)
			return (long)k;
	}
	return -1;
}

/* Checks that p's rows are rows of d, in d's order, marking them in used. */
static void
expect_part(const struct dataset *d, const struct dataset *p, int *used, const char *what)
{
	long last = -1;
	size_t i;
	int j;

	cr_assert_eq(p->ncols, d->ncols);
	for (j = 0; j < d->ncols; j++) {
		cr_expect_str_eq(p->names[j], d->names[j]);
		cr_expect_neq(p->names[j], d->names[j], "%s: names are copies", what);
		cr_expect_neq(p->col[j], d->col[j], "%s: columns are copies", what);
	}
	for (i = 0; i < p->nrows; i++) {
		long k = find_row(d, p, i);
		cr_assert_geq(k, 0, "%s: row %zu is not a row of the data", what, i);
		cr_expect_gt(k, last, "%s: row %zu (row %ld of the data) out of order", what, i, k);
		cr_expect_eq(used[k], 0, "%s: row %ld of the data taken twice", what, k);
		used[k]++;
		last = k;
	}
}

Test(data_split, sizes_disjoint_covering_ordered)
{
	struct dataset *d = toy("moons,n=200,seed=11"), *tr, *va, *te;
	struct diag err;
	int used[200] = { 0 }, k;

	cr_assert_eq(dataset_split(d, 0.2, 0.2, 5, &tr, &va, &te, &err), 0, "%s", err.message);
	cr_assert_not_null(tr);
	cr_assert_not_null(va);
	cr_assert_not_null(te);
	cr_expect_eq(tr->nrows, 120);
	cr_expect_eq(va->nrows, 40);
	cr_expect_eq(te->nrows, 40);
	expect_part(d, tr, used, "train");
	expect_part(d, va, used, "validation");
	expect_part(d, te, used, "test");
	for (k = 0; k < 200; k++)
		cr_expect_eq(used[k], 1, "row %d is in %d parts", k, used[k]);
	/* the parts outlive the data set */
	dataset_free(d);
	cr_expect_str_eq(te->names[2], "y");
	dataset_free(tr);
	dataset_free(va);
	dataset_free(te);
}

Test(data_split, the_shuffle_decides)
{
	struct dataset *d = make_dataset("id,v;0,10;1,11;2,12;3,13;4,14;5,15;6,16;7,17;8,18;9,19");
	struct dataset *tr, *va, *te;
	size_t idx[10], want[10], i, k;
	struct rng r;

	/* round(2.5) = 3 for test, round(1.5) = 2 for validation, 5 left */
	cr_assert_eq(dataset_split(d, 0.15, 0.25, 99, &tr, &va, &te, NULL), 0);
	cr_assert_eq(te->nrows, 3);
	cr_assert_eq(va->nrows, 2);
	cr_assert_eq(tr->nrows, 5);
	for (i = 0; i < 10; i++)
		idx[i] = i;
	rng_init(&r, 99);
	rng_shuffle(&r, idx, 10);
	/* test: the first 3 shuffled indices, sorted; then validation, then training */
	{
		const struct dataset *parts[3] = { te, va, tr };
		size_t from[3] = { 0, 3, 5 }, to[3] = { 3, 5, 10 };
		int p;
		for (p = 0; p < 3; p++) {
			size_t m = 0;
			for (k = 0; k < 10; k++)        /* the part's indices, in order */
				for (i = from[p]; i < to[p]; i++)
					if (idx[i] == k)
						want[m++] = k;
			for (i = 0; i < m; i++) {
				cr_expect_eq(parts[p]->col[0][i], (double)want[i],
					     "part %d row %zu", p, i);
				cr_expect_eq(parts[p]->col[1][i], 10 + (double)want[i]);
			}
		}
	}
	dataset_free(tr);
	dataset_free(va);
	dataset_free(te);
	dataset_free(d);
}

Test(data_split, seeded)
{
	struct dataset *d = toy("xor,n=100"), *p[2][3];
	int s;

	for (s = 0; s < 2; s++)
		cr_assert_eq(dataset_split(d, 0.3, 0.1, 7, &p[s][0], &p[s][1], &p[s][2], NULL), 0);
	for (s = 0; s < 3; s++)
		cr_expect(same_data(p[0][s], p[1][s]), "part %d differs with the same seed", s);
	for (s = 0; s < 3; s++)
		dataset_free(p[1][s]);
	cr_assert_eq(dataset_split(d, 0.3, 0.1, 8, &p[1][0], &p[1][1], &p[1][2], NULL), 0);
	cr_expect(!same_data(p[0][1], p[1][1]), "seeds 7 and 8 give the same validation part");
	for (s = 0; s < 3; s++) {
		dataset_free(p[0][s]);
		dataset_free(p[1][s]);
	}
	dataset_free(d);
}

Test(data_split, empty_parts_are_null)
{
	struct dataset *d = toy("line,n=10"), *tr, *va, *te;

	cr_assert_eq(dataset_split(d, 0, 0, 1, &tr, &va, &te, NULL), 0);
	cr_expect_null(va);
	cr_expect_null(te);
	cr_assert_not_null(tr);
	cr_expect(same_data(d, tr), "no split: training is the whole set, in order");
	dataset_free(tr);
	/* 0.04 of 10 rows rounds to none */
	cr_assert_eq(dataset_split(d, 0.5, 0.04, 1, &tr, &va, &te, NULL), 0);
	cr_expect_null(te);
	cr_expect_eq(va->nrows, 5);
	cr_expect_eq(tr->nrows, 5);
	dataset_free(tr);
	dataset_free(va);
	dataset_free(d);
}

Test(data_split, errors)
{
	static const struct {
		double fval, ftest;
		const char *message;
	} bad[] = {
		{ 1, 0, "the validation fraction must be at least 0 and below 1, not 1" },
		{ -0.1, 0.2, "the validation fraction must be at least 0 and below 1, not -0.1" },
		{ NAN, 0.2, "the validation fraction must be at least 0 and below 1, not nan" },
		{ 0.2, 1.5, "the test fraction must be at least 0 and below 1, not 1.5" },
		{ 0.2, -1e-9, "the test fraction must be at least 0 and below 1, not -1e-09" },
		{ 0.5, 0.5, "the validation and test fractions add up to 1 or more (0.5 + 0.5): "
		  "leave some rows for training" },
		{ 0.7, 0.4, "the validation and test fractions add up to 1 or more (0.7 + 0.4): "
		  "leave some rows for training" },
		/* 3 rows: round(1.5) = 2 for test, round(1.2) = 1 for validation */
		{ 0.4, 0.5, "no rows are left for training (3 rows: 1 for validation, 2 for "
		  "test): use smaller fractions or more rows" },
	};
	struct dataset *d = make_dataset("x,y;1,2;3,4;5,6");
	struct dataset *sentinel = d, *tr, *va, *te;
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tr = va = te = sentinel;
		cr_expect_eq(dataset_split(d, bad[i].fval, bad[i].ftest, 1, &tr, &va, &te, &err),
			     -1, "case %zu accepted", i);
		cr_expect_str_eq(err.message, bad[i].message, "case %zu", i);
		cr_expect_eq(err.column, 0);
		cr_expect_null(tr);
		cr_expect_null(va);
		cr_expect_null(te);
	}
	dataset_free(d);
	/* a single row cannot be split, but can be kept whole */
	d = make_dataset("x;1");
	cr_expect_eq(dataset_split(d, 0, 0.5, 1, &tr, &va, &te, &err), -1);
	cr_expect_str_eq(err.message, "no rows are left for training (1 row: 0 for "
			 "validation, 1 for test): use smaller fractions or more rows");
	cr_assert_eq(dataset_split(d, 0, 0.4, 1, &tr, &va, &te, &err), 0);
	cr_expect_eq(tr->nrows, 1);
	dataset_free(tr);
	dataset_free(d);
}
