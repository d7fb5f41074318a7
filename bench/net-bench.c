/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net-bench.c - training and analysing tiny networks (mlp: models)
 * against hand-written C, in one run:
 *   1. mlp:1-8-1:tanh (25 parameters) on 200 points of a noisy sine,
 *      1000 steps of full-batch Adam: descent's run (run_new, run_all on a
 *      data objective: reverse-mode gradients through the batch VM)
 *      against the same training written by hand (net-hand.c, the
 *      fastest in this run of two loop orders, built with the VM's flags
 *      and target clones); both start from the same Glorot point and
 *      must end at the same loss (to 1e-6, relative: the same arithmetic
 *      in another order);
 *   2. mlp:2-32-32-1:tanh (1185 parameters) on 500 points, the same;
 *   3. on that network and data: one gradient, one Hessian-vector product
 *      (forward over reverse), and the 1185x1185 Hessian assembled from
 *      1185 products, against 1185 products made one by one;
 *   4. a 2D slice of the trained mlp:1-8-1 (two random directions, the
 *      plane through its end) drawn at 200x60 in braille, as descent plot
 *      --slice draws it (f at each cell's corners, the dots between
 *      interpolated), against the same figure sampled at every dot.
 * Times are the best of a few interleaved repetitions; the ratios are the
 * figures, with the targets (issue 18) beside them.  The argument is
 * GCC's report on the hand-written loops (make bench gives it).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "descent/clones.h"
#include "descent/data.h"
#include "descent/expr.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "descent/rng.h"
#include "descent/analysis.h"
#include "net-hand.h"
#include "vecinfo.h"

#define STEPS 1000
#define LR 0.01

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const char *
verdict(int ok)
{
	return ok ? "met" : "NOT met";
}

/*
 * n points: inputs uniform in [-3, 3] (one) or [-1, 1] (two), the target
 * sin(x) or x1*x2 with normal noise 0.1, from seed.  Columns x[, x2], y.
 */
static struct dataset *
points(int nin, size_t n, uint64_t seed)
{
	struct dataset *d = calloc(1, sizeof *d);
	struct rng r;
	size_t p;
	int j;

	d->ncols = nin + 1;
	d->nrows = n;
	d->names = calloc((size_t)d->ncols, sizeof *d->names);
	d->col = calloc((size_t)d->ncols, sizeof *d->col);
	for (j = 0; j < d->ncols; j++) {
		d->names[j] = malloc(8);
		snprintf(d->names[j], 8, j == nin ? "y" : nin == 1 ? "x" : "x%d", j + 1);
		d->col[j] = malloc(n * sizeof *d->col[j]);
	}
	rng_init(&r, seed);
	for (p = 0; p < n; p++) {
		double a = nin == 1 ? rng_uniform(&r, -3, 3) : rng_uniform(&r, -1, 1);
		double b = nin == 1 ? 0 : rng_uniform(&r, -1, 1);
		d->col[0][p] = a;
		if (nin == 2)
			d->col[1][p] = b;
		d->col[nin][p] = (nin == 1 ? sin(a) : a * b) + 0.1 * rng_normal(&r);
	}
	return d;
}

struct training {
	double descent, hand, per_example, layers;      /* seconds, best */
	double f_descent, f_hand;
	int np;
};

/* Section 1 and 2: one network, descent against the hand loops. */
static int
train(const char *spec, int nin, size_t n, int rounds, struct training *t)
{
	struct dataset *d = points(nin, n, 7);
	struct diag err;
	struct objective *o = objective_data(d, spec, LOSS_MSE, NULL, NULL, 0, &err);
	struct expr_mlp net;
	struct hand_net hn;
	struct run_config c;
	double *start, *theta, *x;
	int l, k;

	if (o == NULL || expr_mlp_parse(spec, &net, &err) != 0) {
		fprintf(stderr, "net_bench: %s: %s\n", spec, err.message);
		return -1;
	}
	t->np = objective_dim(o);
	start = malloc((size_t)t->np * sizeof *start);
	theta = malloc((size_t)t->np * sizeof *theta);
	expr_mlp_init(&net, "glorot", 1, start, &err);
	hn.nlayers = net.nlayers;
	for (l = 0; l <= net.nlayers; l++)
		hn.sizes[l] = net.sizes[l];
	x = malloc((size_t)nin * n * sizeof *x);
	for (k = 0; k < nin; k++)
		memcpy(x + (size_t)k * n, d->col[k], n * sizeof *x);
	run_config_init(&c, opt_find("adam"));
	c.params.lr = LR;
	c.max_steps = STEPS;
	c.tol = 0;
	t->descent = t->per_example = t->layers = INFINITY;
	for (int round = 0; round < rounds; round++) {
		double t0 = now();
		struct run *r = run_new(o, &c, start, &err);
		const struct trajectory *tr;
		run_all(r);
		t->descent = fmin(t->descent, now() - t0);
		tr = run_trajectory(r);
		t->f_descent = tr->f[tr->len - 1];
		run_free(r);
		memcpy(theta, start, (size_t)t->np * sizeof *theta);
		t0 = now();
		t->f_hand = hand_nets_vm.layers(&hn, n, x, d->col[nin], theta, STEPS, LR,
						c.params.beta1, c.params.beta2, c.params.eps);
		t->layers = fmin(t->layers, now() - t0);
		memcpy(theta, start, (size_t)t->np * sizeof *theta);
		t0 = now();
		t->f_hand = hand_nets_vm.per_example(&hn, n, x, d->col[nin], theta, STEPS, LR,
						     c.params.beta1, c.params.beta2,
						     c.params.eps);
		t->per_example = fmin(t->per_example, now() - t0);
	}
	t->hand = fmin(t->per_example, t->layers);
	free(start);
	free(theta);
	free(x);
	objective_free(o);
	dataset_free(d);
	if (!(fabs(t->f_descent - t->f_hand) <= 1e-6 * fabs(t->f_hand))) {
		fprintf(stderr, "net_bench: %s: descent ends at f = %.17g, the hand loops at "
			"%.17g\n", spec, t->f_descent, t->f_hand);
		return -1;
	}
	return 0;
}

static void
print_training(const char *what, const struct training *t, double target)
{
	printf("%s: %d parameters, %d steps of adam (lr %g), f = %.6g at the end (both)\n",
	       what, t->np, STEPS, LR, t->f_descent);
	printf("  %-40s %9.2f ms %8.2fx%s\n", "hand, an example at a time", t->per_example * 1e3,
	       t->per_example / t->hand, t->per_example == t->hand ? "   the baseline" : "");
	printf("  %-40s %9.2f ms %8.2fx%s\n", "hand, a layer at a time", t->layers * 1e3,
	       t->layers / t->hand, t->layers == t->hand ? "   the baseline" : "");
	printf("  %-40s %9.2f ms %8.2fx   target <= %.1fx (%s)\n", "descent run (adam)",
	       t->descent * 1e3, t->descent / t->hand, target,
	       verdict(t->descent / t->hand <= target));
}

/* Section 3: a gradient, a product, the Hessian, on mlp:2-32-32-1. */
static int
products(void)
{
	const int rounds = 2;
	struct dataset *d = points(2, 500, 9);
	struct diag err;
	struct objective *o = objective_data(d, "mlp:2-32-32-1:tanh", LOSS_MSE, NULL, NULL, 0,
					     &err);
	struct expr_mlp net;
	int n, k, i;
	double *w, *v, *g, *hv, *h, f, tg = INFINITY, tp = INFINITY, th = INFINITY,
	       tn = INFINITY, maxdiff = 0;

	if (o == NULL || expr_mlp_parse("mlp:2-32-32-1:tanh", &net, &err) != 0)
		return -1;
	n = objective_dim(o);
	w = malloc((size_t)n * sizeof *w);
	v = calloc((size_t)n, sizeof *v);
	g = malloc((size_t)n * sizeof *g);
	hv = malloc((size_t)n * sizeof *hv);
	h = malloc((size_t)n * (size_t)n * sizeof *h);
	expr_mlp_init(&net, "glorot", 3, w, &err);
	objective_hvp(o, w, v, &f, g, hv);      /* compiled before the clocks */
	for (int round = 0; round < rounds; round++) {
		double t0 = now();
		for (i = 0; i < 20; i++)
			objective_eval_point(o, w, &f, g, NULL);
		tg = fmin(tg, (now() - t0) / 20);
		v[0] = 1;
		t0 = now();
		for (i = 0; i < 20; i++)
			objective_hvp(o, w, v, &f, NULL, hv);
		tp = fmin(tp, (now() - t0) / 20);
		v[0] = 0;
		t0 = now();
		objective_eval_point(o, w, &f, g, h);
		th = fmin(th, now() - t0);
		t0 = now();
		for (k = 0; k < n; k++) {       /* column k, by hand */
			v[k] = 1;
			objective_hvp(o, w, v, NULL, NULL, hv);
			v[k] = 0;
			if (round == 0)
				for (i = 0; i < n; i++)
					maxdiff = fmax(maxdiff, fabs(hv[i] - h[(size_t)i * n + k]) /
						       fmax(1e-300, fabs(h[(size_t)i * n + k]) + 1e-12));
		}
		tn = fmin(tn, now() - t0);
	}
	printf("mlp:2-32-32-1:tanh on 500 points, %d parameters (the best of %d)\n", n, rounds);
	printf("  %-40s %9.3f ms\n", "one gradient", tg * 1e3);
	printf("  %-40s %9.3f ms %8.2fx   target <= 5x (%s)\n", "one Hessian-vector product",
	       tp * 1e3, tp / tg, verdict(tp / tg <= 5));
	printf("  %-40s %9.1f ms\n", "1185 products, one by one", tn * 1e3);
	printf("  %-40s %9.1f ms %8.2fx   target <= 1.5x (%s)\n",
	       "the Hessian assembled from them", th * 1e3, th / tn, verdict(th / tn <= 1.5));
	printf("  (the assembled Hessian is the products' columns made symmetric: they "
	       "differ by %.1e at most, relative)\n", maxdiff);
	free(w);
	free(v);
	free(g);
	free(hv);
	free(h);
	objective_free(o);
	dataset_free(d);
	return 0;
}

/* Section 4: the figure of a slice, at each cell's corners and at every dot. */
static int
slice_figure(void)
{
	static const char *const names[] = { "a", "b" };
	struct dataset *d = points(1, 200, 7);
	struct diag err;
	struct objective *o = objective_data(d, "mlp:1-8-1:tanh", LOSS_MSE, NULL, NULL, 0, &err);
	struct expr_mlp net;
	struct run_config c;
	struct run *r;
	double theta[25], dirs[50], best[2] = { INFINITY, INFINITY };

	if (o == NULL || expr_mlp_parse("mlp:1-8-1:tanh", &net, &err) != 0)
		return -1;
	expr_mlp_init(&net, "glorot", 1, theta, &err);
	run_config_init(&c, opt_find("adam"));
	c.max_steps = STEPS;
	r = run_new(o, &c, theta, &err);
	run_all(r);
	analysis_random_directions(&net, run_point(r), 25, 1, dirs, dirs + 25);
	for (int round = 0; round < 5; round++) {
		for (int coarse = 1; coarse >= 0; coarse--) {
			struct objective *plane = objective_slice(o, run_point(r), dirs, 2, names);
			struct plot_opts po;
			struct plot_fig *fig;
			double t0 = now();
			plot_opts_init(&po);
			po.width = 200;
			po.height = 60;
			po.enc = PLOT_ENC_BRAILLE;
			po.x0 = po.y0 = -1;
			po.x1 = po.y1 = 1;
			po.coarse = coarse;
			fig = plot_fig_new(plane, &po, "slice", &err);
			best[coarse] = fmin(best[coarse], now() - t0);
			plot_fig_free(fig);
			objective_free(plane);
		}
	}
	printf("a slice of mlp:1-8-1:tanh on 200 points, drawn at 200x60 in braille "
	       "(the best of 5)\n");
	printf("  %-40s %9.2f ms\n", "f at every dot", best[0] * 1e3);
	printf("  %-40s %9.2f ms %8.2fx   target < 100 ms (%s)\n",
	       "f at each cell's corners (descent plot)", best[1] * 1e3, best[1] / best[0],
	       verdict(best[1] < 0.1));
	run_free(r);
	objective_free(o);
	dataset_free(d);
	return 0;
}

int
main(int argc, char **argv)
{
	struct training small, big;
	char summary[256];

	if (train("mlp:1-8-1:tanh", 1, 200, 7, &small) != 0 ||
	    train("mlp:2-32-32-1:tanh", 2, 500, 3, &big) != 0)
		return 1;
	vecinfo_describe(argc > 1 ? argv[1] : NULL, summary, sizeof summary);
	printf("net_bench: tiny networks against hand-written C\n");
	printf("baseline: the fastest in this run of two loop orders of the same training "
	       "in C (bench/net-hand.c), built as the VM: %s", hand_nets_vm.cflags);
	if (hand_nets_vm.clones != NULL)
		printf(", target clones (%s) on each loop, %s in use", hand_nets_vm.clones,
		       DESCENT_CLONE_IN_USE());
	printf("; %s (GCC's -fopt-info-vec report)\n", summary);
	printf("the VM: %s kernels (%s); times: the best of 7 (small) and 3 (large) "
	       "repetitions, interleaved, in this run\n\n", expr_kernels(), expr_kernels_math());
	print_training("mlp:1-8-1:tanh on 200 points", &small, 1.2);
	print_training("mlp:2-32-32-1:tanh on 500 points", &big, 2.0);
	putchar('\n');
	if (products() != 0)
		return 1;
	putchar('\n');
	if (slice_figure() != 0)
		return 1;
	return 0;
}
