/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-hand.h - the benchmark functions of expr_bench written by hand in C,
 * the yardstick the expression engine is measured against.
 *
 * expr-hand.c is compiled twice, into two tables: hand_vm, with exactly
 * the VM's flags (EXPRVM_CFLAGS) and target clones (descent/clones.h), and
 * hand_native, at -O3 -march=native without clones.  For each function
 * there are three entries:
 *   point(x, y)                f at one point; never inlined, so that a
 *                              loop calling it pays a real call, as the
 *                              engine's scalar entry does;
 *   f(n, x, y, f)              f over n points, the formula inline in the
 *                              loop;
 *   fg(n, x, y, f, dx, dy)     f and its analytic gradient over n points.
 * The output arrays must not overlap the inputs (the engine's batch entry
 * has the same contract).
 */
#ifndef DESCENT_EXPR_HAND_H
#define DESCENT_EXPR_HAND_H

#include <stddef.h>

enum hand_id { HAND_ROSEN, HAND_HIMMEL, HAND_RASTRIGIN, HAND_BEALE, HAND_CAMEL, HAND_NFNS };

struct hand_fn {
	double (*point)(double x, double y);
	void (*f)(size_t n, const double *restrict x, const double *restrict y,
		  double *restrict f);
	void (*fg)(size_t n, const double *restrict x, const double *restrict y,
		   double *restrict f, double *restrict dx, double *restrict dy);
};

struct hand_build {
	const char *cflags;     /* how this copy was compiled (warnings left out) */
	const char *clones;     /* its loops' target clones, NULL when none */
	struct hand_fn fn[HAND_NFNS];   /* by enum hand_id */
};

extern const struct hand_build hand_vm, hand_native;

#endif
