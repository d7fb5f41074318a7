/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-util-rng.c - the deterministic generator: its stream is pinned
 * (a seeded run must give the same trajectory on every machine and in
 * every version), and its distributions have the right moments.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "descent/rng.h"

Test(rng, stream_is_pinned)
{
	/* xoshiro256** seeded by splitmix64; checked against an independent
	 * implementation of the published algorithm */
	struct rng r;

	rng_init(&r, 42);
	cr_assert_eq(rng_next(&r), 0x15780b2e0c2ec716u);
	cr_assert_eq(rng_next(&r), 0x6104d9866d113a7eu);
	cr_assert_eq(rng_next(&r), 0xae17533239e499a1u);
	rng_init(&r, 0);
	cr_assert_eq(rng_next(&r), 0x99ec5f36cb75f2b4u);
}

Test(rng, same_seed_same_stream_other_seed_other_stream)
{
	struct rng a, b, c;
	int i, differ = 0;

	rng_init(&a, 7);
	rng_init(&b, 7);
	rng_init(&c, 8);
	for (i = 0; i < 1000; i++) {
		uint64_t x = rng_next(&a);
		cr_assert_eq(x, rng_next(&b));
		differ += x != rng_next(&c);
	}
	cr_assert_eq(differ, 1000);
}

Test(rng, uniform_moments_and_range)
{
	struct rng r;
	double sum = 0, sum2 = 0;
	int i, n = 200000;

	rng_init(&r, 1);
	for (i = 0; i < n; i++) {
		double u = rng_uniform(&r, -2, 6);
		cr_assert(u >= -2 && u < 6);
		sum += u;
		sum2 += u * u;
	}
	/* mean 2, variance 64/12; tolerances are 6 standard errors */
	cr_assert_float_eq(sum / n, 2.0, 6 * sqrt(64.0 / 12 / n));
	cr_assert_float_eq(sum2 / n - (sum / n) * (sum / n), 64.0 / 12, 0.05);
}

Test(rng, normal_moments)
{
	struct rng r;
	double sum = 0, sum2 = 0, sum4 = 0;
	int i, n = 200000;

	rng_init(&r, 2);
	for (i = 0; i < n; i++) {
		double z = rng_normal(&r);
		sum += z;
		sum2 += z * z;
		sum4 += z * z * z * z;
	}
	cr_assert_float_eq(sum / n, 0.0, 6 / sqrt(n));
	cr_assert_float_eq(sum2 / n, 1.0, 0.02);
	cr_assert_float_eq(sum4 / n, 3.0, 0.1);        /* normal kurtosis */
}

Test(rng, below_is_in_range_and_covers_it)
{
	struct rng r;
	int count[7] = { 0 }, i;

	rng_init(&r, 3);
	for (i = 0; i < 70000; i++) {
		uint64_t k = rng_below(&r, 7);
		cr_assert_lt(k, 7);
		count[k]++;
	}
	for (i = 0; i < 7; i++)
		cr_assert(count[i] > 9500 && count[i] < 10500, "count[%d] = %d", i, count[i]);
	cr_assert_eq(rng_below(&r, 1), 0);
}

Test(rng, shuffle_is_a_permutation_and_moves_things)
{
	struct rng r;
	size_t idx[100], seen[100] = { 0 }, i, moved = 0;

	rng_init(&r, 4);
	for (i = 0; i < 100; i++)
		idx[i] = i;
	rng_shuffle(&r, idx, 100);
	for (i = 0; i < 100; i++) {
		cr_assert_lt(idx[i], 100);
		seen[idx[i]]++;
		moved += idx[i] != i;
	}
	for (i = 0; i < 100; i++)
		cr_assert_eq(seen[i], 1);
	cr_assert_gt(moved, 80);
	rng_shuffle(&r, idx, 0);        /* empty and single are fine */
	rng_shuffle(&r, idx, 1);
}
