/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim-hand.c - gradient descent on Himmelblau's function from many
 * starts, as a C programmer would write it, in three loop orders
 * (optim-hand.h).  The gradient is the analytic one:
 *   a = x^2 + y - 11, b = x + y^2 - 7,
 *   df/dx = 4*a*x + 2*b, df/dy = 2*a + 4*b*y.
 * Kept apart from the benchmark, and built as the VM is (Makefile.am
 * defines HAND_CFLAGS, the flags, for the benchmark to print).
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "descent/clones.h"
#include "optim-hand.h"

#ifndef HAND_CFLAGS
#error "optim-hand.c is built by Makefile.am's rules, which define HAND_CFLAGS"
#endif

/* Starts per block: x and y of 256 starts are 4 KB, at home in L1. */
#define BLOCK 256

static DESCENT_CLONES void
basins_per_start(size_t m, long steps, double lr, const double *restrict sx,
		 const double *restrict sy, double *restrict x, double *restrict y)
{
	for (size_t i = 0; i < m; i++) {
		double xi = sx[i], yi = sy[i];

		for (long t = 0; t < steps; t++) {
			double a = xi * xi + yi - 11, b = xi + yi * yi - 7;
			double gx = 4 * a * xi + 2 * b, gy = 2 * a + 4 * b * yi;

			xi -= lr * gx;
			yi -= lr * gy;
		}
		x[i] = xi;
		y[i] = yi;
	}
}

/* Each function has its loops written out, so GCC's report names each once. */
static DESCENT_CLONES void
basins_lanes(size_t m, long steps, double lr, const double *restrict sx,
	     const double *restrict sy, double *restrict x, double *restrict y)
{
	memcpy(x, sx, m * sizeof *x);
	memcpy(y, sy, m * sizeof *y);
	for (long t = 0; t < steps; t++)
		for (size_t i = 0; i < m; i++) {
			double a = x[i] * x[i] + y[i] - 11;
			double b = x[i] + y[i] * y[i] - 7;
			double gx = 4 * a * x[i] + 2 * b, gy = 2 * a + 4 * b * y[i];

			x[i] -= lr * gx;
			y[i] -= lr * gy;
		}
}

static DESCENT_CLONES void
basins_blocked(size_t m, long steps, double lr, const double *restrict sx,
	       const double *restrict sy, double *restrict x, double *restrict y)
{
	memcpy(x, sx, m * sizeof *x);
	memcpy(y, sy, m * sizeof *y);
	for (size_t lo = 0; lo < m; lo += BLOCK) {
		size_t hi = lo + BLOCK < m ? lo + BLOCK : m;

		for (long t = 0; t < steps; t++)
			for (size_t i = lo; i < hi; i++) {
				double a = x[i] * x[i] + y[i] - 11;
				double b = x[i] + y[i] * y[i] - 7;
				double gx = 4 * a * x[i] + 2 * b;
				double gy = 2 * a + 4 * b * y[i];

				x[i] -= lr * gx;
				y[i] -= lr * gy;
			}
	}
}

const struct hand_basins hand_basins_vm = {
	.cflags = HAND_CFLAGS,
	.clones = DESCENT_CLONE_NAMES,
	.per_start = basins_per_start,
	.lanes = basins_lanes,
	.blocked = basins_blocked,
};
