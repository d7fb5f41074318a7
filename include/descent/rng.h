/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rng.h - a small deterministic random number generator (xoshiro256**,
 * seeded through splitmix64), so that a seeded run of descent is the same
 * on every machine: gradient noise, mini-batch shuffles, test points.
 */
#ifndef DESCENT_RNG_H
#define DESCENT_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
	double spare;           /* the second normal of a pair */
	int has_spare;
};

/* Seeds r; any seed, 0 included, gives a good state. */
void rng_init(struct rng *r, uint64_t seed);
/* 64 random bits. */
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1), 53 bits. */
double rng_unit(struct rng *r);
/* Uniform in [lo, hi). */
double rng_uniform(struct rng *r, double lo, double hi);
/* Standard normal (mean 0, deviation 1). */
double rng_normal(struct rng *r);
/* Uniform integer in [0, n), without modulo bias; n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Shuffles idx[0..n) in place (Fisher-Yates). */
void rng_shuffle(struct rng *r, size_t *idx, size_t n);

#endif
