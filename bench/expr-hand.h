/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-hand.h - the benchmark functions of expr_bench written by hand in C,
 * the yardstick the expression engine is measured against.
 *
 * For each function NAME there are three entries:
 *   hand_NAME(x, y)            f at one point; never inlined, so that a
 *                              loop calling it pays a real call, as the
 *                              engine's scalar entry does;
 *   hand_NAME_f(n, x, y, f)    f over n points, the formula inline in the
 *                              loop;
 *   hand_NAME_fg(n, x, y, f, dx, dy)
 *                              f and its analytic gradient over n points.
 * The output arrays must not overlap the inputs (the engine's batch entry
 * has the same contract).
 */
#ifndef DESCENT_EXPR_HAND_H
#define DESCENT_EXPR_HAND_H

#include <stddef.h>

#define HAND_DECLARE(name)                                               \
	double hand_##name(double x, double y);                          \
	void hand_##name##_f(size_t n, const double *restrict x,         \
			     const double *restrict y, double *restrict f); \
	void hand_##name##_fg(size_t n, const double *restrict x,        \
			      const double *restrict y, double *restrict f, \
			      double *restrict dx, double *restrict dy);

HAND_DECLARE(rosen)
HAND_DECLARE(himmel)
HAND_DECLARE(rastrigin)
HAND_DECLARE(beale)
HAND_DECLARE(camel)

#undef HAND_DECLARE

#endif
