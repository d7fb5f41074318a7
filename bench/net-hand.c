/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net-hand.c - the baselines of net_bench (net-hand.h): a tanh network
 * and full-batch Adam written by hand.  tanh is what the VM calls:
 * glibc's vector math (libmvec) when configure found it, declared as an
 * OpenMP SIMD function so that GCC's vectorizer calls its vector form,
 * else glibc's scalar libm.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/clones.h"
#include "net-hand.h"

#ifndef HAND_CFLAGS
#error "net-hand.c is built by Makefile.am's rules, which define HAND_CFLAGS"
#endif

#ifdef HAVE_LIBMVEC
/* glibc declares it only under -ffast-math (bits/math-vector.h) */
#pragma omp declare simd notinbranch
double tanh(double);
#endif

/* The index of layer l's first parameter (l from 1). */
static size_t
layer_start(const struct hand_net *net, int l)
{
	size_t n = 0;

	for (int k = 1; k < l; k++)
		n += (size_t)net->sizes[k] * (size_t)(net->sizes[k - 1] + 1);
	return n;
}

static size_t
nparams(const struct hand_net *net)
{
	return layer_start(net, net->nlayers + 1);
}

/* Adam on every parameter, with descent's arithmetic (opt-adam.c). */
static DESCENT_CLONES void
adam(size_t np, double *restrict theta, const double *restrict g, double *restrict m,
     double *restrict v, long t, double lr, double b1, double b2, double eps)
{
	double c1 = 1 - pow(b1, (double)t), c2 = 1 - pow(b2, (double)t);

	for (size_t k = 0; k < np; k++) {
		m[k] = b1 * m[k] + (1 - b1) * g[k];
		v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
		theta[k] -= lr * (m[k] / c1) / (sqrt(v[k] / c2) + eps);
	}
}

/* The widest layer. */
static int
width(const struct hand_net *net)
{
	int w = 0;

	for (int l = 0; l <= net->nlayers; l++)
		if (net->sizes[l] > w)
			w = net->sizes[l];
	return w;
}

/*
 * One example at a time: a[l] the values of layer l (a[0] the inputs),
 * then back from the output, each unit's delta times its inputs added to
 * the gradient.
 */
static DESCENT_CLONES double
train_per_example(const struct hand_net *net, size_t n, const double *x, const double *y,
		  double *theta, long steps, double lr, double b1, double b2, double eps)
{
	int L = net->nlayers, w = width(net);
	size_t np = nparams(net);
	double *g = calloc(3 * np, sizeof *g), *m = g + np, *v = m + np;
	double *a = malloc((size_t)(L + 1) * w * sizeof *a);
	double *d = malloc(2 * (size_t)w * sizeof *d), *dn = d + w, f = 0;

	for (long t = 0; t <= steps; t++) {
		memset(g, 0, np * sizeof *g);
		f = 0;
		for (size_t p = 0; p < n; p++) {
			for (int i = 0; i < net->sizes[0]; i++)
				a[i] = x[(size_t)i * n + p];
			for (int l = 1; l <= L; l++) {
				int fan = net->sizes[l - 1];
				const double *in = a + (size_t)(l - 1) * w;
				double *out = a + (size_t)l * w;
				const double *th = theta + layer_start(net, l);
				for (int j = 0; j < net->sizes[l]; j++) {
					const double *wj = th + (size_t)j * (fan + 1);
					double z = 0;
					for (int i = 0; i < fan; i++)
						z += wj[i] * in[i];
					z += wj[fan];
					out[j] = l < L ? tanh(z) : z;
				}
			}
			double e = a[(size_t)L * w] - y[p];
			f += e * e;
			d[0] = 2 * e / (double)n;
			for (int l = L; l >= 1; l--) {
				int fan = net->sizes[l - 1];
				const double *in = a + (size_t)(l - 1) * w;
				size_t s = layer_start(net, l);
				for (int i = 0; i < fan; i++)
					dn[i] = 0;
				for (int j = 0; j < net->sizes[l]; j++) {
					const double *wj = theta + s + (size_t)j * (fan + 1);
					double *gj = g + s + (size_t)j * (fan + 1);
					for (int i = 0; i < fan; i++) {
						gj[i] += d[j] * in[i];
						dn[i] += wj[i] * d[j];
					}
					gj[fan] += d[j];
				}
				for (int i = 0; l > 1 && i < fan; i++)
					d[i] = dn[i] * (1 - in[i] * in[i]);
			}
		}
		f /= (double)n;
		if (t < steps)
			adam(np, theta, g, m, v, t + 1, lr, b1, b2, eps);
	}
	free(g);
	free(a);
	free(d);
	return f;
}

/*
 * A layer at a time for all the examples: z[j][p] with p the inner loop,
 * then back the same way, the examples summed last.
 */
static DESCENT_CLONES double
train_layers(const struct hand_net *net, size_t n, const double *x, const double *y,
	     double *theta, long steps, double lr, double b1, double b2, double eps)
{
	int L = net->nlayers, w = width(net);
	size_t np = nparams(net), lw = (size_t)w * n;
	double *g = calloc(3 * np, sizeof *g), *m = g + np, *v = m + np;
	double *a = malloc((size_t)(L + 1) * lw * sizeof *a);
	double *d = malloc(2 * lw * sizeof *d), *dn = d + lw, f = 0;

	memcpy(a, x, (size_t)net->sizes[0] * n * sizeof *a);
	for (long t = 0; t <= steps; t++) {
		for (int l = 1; l <= L; l++) {
			int fan = net->sizes[l - 1];
			const double *in = a + (size_t)(l - 1) * lw;
			double *out = a + (size_t)l * lw;
			const double *th = theta + layer_start(net, l);
			for (int j = 0; j < net->sizes[l]; j++) {
				const double *wj = th + (size_t)j * (fan + 1);
				double *restrict o = out + (size_t)j * n;
				for (size_t p = 0; p < n; p++)
					o[p] = wj[fan];
				for (int i = 0; i < fan; i++) {
					const double *restrict ii = in + (size_t)i * n;
					double wi = wj[i];
					for (size_t p = 0; p < n; p++)
						o[p] += wi * ii[p];
				}
				if (l < L)
					for (size_t p = 0; p < n; p++)
						o[p] = tanh(o[p]);
			}
		}
		f = 0;
		{
			const double *restrict out = a + (size_t)L * lw;
			for (size_t p = 0; p < n; p++) {
				double e = out[p] - y[p];
				f += e * e;
				d[p] = 2 * e / (double)n;
			}
		}
		f /= (double)n;
		for (int l = L; l >= 1; l--) {
			int fan = net->sizes[l - 1];
			const double *in = a + (size_t)(l - 1) * lw;
			size_t s = layer_start(net, l);
			memset(dn, 0, (size_t)fan * n * sizeof *dn);
			for (int j = 0; j < net->sizes[l]; j++) {
				const double *wj = theta + s + (size_t)j * (fan + 1);
				double *gj = g + s + (size_t)j * (fan + 1);
				const double *restrict dj = d + (size_t)j * n;
				double sb = 0;
				for (size_t p = 0; p < n; p++)
					sb += dj[p];
				gj[fan] = sb;
				for (int i = 0; i < fan; i++) {
					const double *restrict ii = in + (size_t)i * n;
					double *restrict di = dn + (size_t)i * n, sw = 0, wi = wj[i];
					for (size_t p = 0; p < n; p++) {
						sw += dj[p] * ii[p];
						di[p] += wi * dj[p];
					}
					gj[i] = sw;
				}
			}
			if (l > 1)
				for (size_t q = 0; q < (size_t)fan * n; q++)
					d[q] = dn[q] * (1 - in[q] * in[q]);
		}
		if (t < steps)
			adam(np, theta, g, m, v, t + 1, lr, b1, b2, eps);
	}
	free(g);
	free(a);
	free(d);
	return f;
}

const struct hand_nets hand_nets_vm = {
	.cflags = HAND_CFLAGS,
	.clones = DESCENT_CLONE_NAMES,
	.per_example = train_per_example,
	.layers = train_layers,
};
