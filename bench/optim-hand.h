/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim-hand.h - the basin map of optim_bench written by hand in C: m
 * starts (sx[i], sy[i]), steps steps of gradient descent with rate lr on
 * Himmelblau's function from each, the final points into x and y.  Three
 * loop orders, for the benchmark to take the fastest as its baseline:
 *   per_start  one start after the other, its steps a chain of dependent
 *              operations (the slowest order, and the old baseline);
 *   lanes      one step of every start at a time: the starts are the inner
 *              loop, which vectorizes;
 *   blocked    the same in blocks of starts small enough to stay in the
 *              first-level cache for all their steps.
 * Built with the VM's flags and target clones (Makefile.am), as the
 * engine it is compared with is.
 */
#ifndef DESCENT_OPTIM_HAND_H
#define DESCENT_OPTIM_HAND_H

#include <stddef.h>

typedef void hand_basins_fn(size_t m, long steps, double lr,
			    const double *restrict sx, const double *restrict sy,
			    double *restrict x, double *restrict y);

struct hand_basins {
	const char *cflags;     /* how it was compiled (warnings left out) */
	const char *clones;     /* the loops' target clones, NULL when none */
	hand_basins_fn *per_start, *lanes, *blocked;
};

extern const struct hand_basins hand_basins_vm;

#endif
