/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net-hand.h - a tanh network trained by full-batch Adam on the mean
 * squared error, written by hand in C as a careful programmer would: the
 * forward pass and backpropagation with the derivatives derived by hand,
 * the parameters in descent's order (layer by layer, unit by unit, the
 * weights then the bias), so that net_bench can start both from the same
 * point and check they train the same.  Two loop orders, for the
 * benchmark to take the fastest as its baseline:
 *   per_example  each example forward and back in turn, its gradient
 *                added to the sum (the textbook loop);
 *   layers       each layer for all examples at once, the examples the
 *                inner loop (which vectorizes, tanh by glibc's vector
 *                math where the VM uses it).
 * Built with the VM's flags and target clones (Makefile.am).
 */
#ifndef DESCENT_NET_HAND_H
#define DESCENT_NET_HAND_H

#include <stddef.h>

#define HAND_NET_MAX_LAYERS 4

struct hand_net {
	int nlayers;                            /* layers of weights */
	int sizes[HAND_NET_MAX_LAYERS + 1];     /* inputs, hidden..., 1 */
};

/*
 * steps steps of Adam (lr, beta1, beta2, eps as descent's adam) on the
 * mean of (m - y)^2 over the n examples x[i*n + p] (input i of example
 * p), y[p]; theta (the parameters) is updated in place; returns f at the
 * last point (before its step, as a run records it).
 */
typedef double hand_train_fn(const struct hand_net *net, size_t n, const double *x,
			     const double *y, double *theta, long steps, double lr,
			     double beta1, double beta2, double eps);

struct hand_nets {
	const char *cflags;     /* how it was compiled (warnings left out) */
	const char *clones;     /* the loops' target clones, NULL when none */
	hand_train_fn *per_example, *layers;
};

extern const struct hand_nets hand_nets_vm;

#endif
