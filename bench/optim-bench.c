/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim-bench.c - the optimizers' and the analysis' engine against
 * hand-written C, in one run:
 *   1. the basin map of Himmelblau's function on a 200x60 grid of starts,
 *      300 gradient-descent steps each (lr 0.01, every lane runs all 300:
 *      tol 0), through run_lanes and the batch evaluator, against the same
 *      map by a plain C loop with the analytic gradient; total time, and
 *      nanoseconds per gradient evaluation;
 *   2. the critical-point search of Himmelblau on [-5,5]^2 (24x24 Newton
 *      starts), and of the six-hump camel on [-3,3]x[-2,2].
 * Before timing, it checks that the two basin maps agree (each start
 * ends at the same minimum), and that the search finds the 9 critical
 * points of Himmelblau; a failure exits 1.  Timings are the best of
 * several interleaved repetitions.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "descent/analysis.h"
#include "descent/objective.h"
#include "descent/optim.h"

#define NX 200
#define NY 60
#define STEPS 300
#define LR 0.01
#define ROUNDS 5

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The hand-written map: 300 steps of gd from every start, final points out. */
__attribute__((noinline)) static void
hand_basins(const double *sx, const double *sy, double *fx, double *fy, size_t m)
{
	size_t i;
	int t;

	for (i = 0; i < m; i++) {
		double x = sx[i], y = sy[i];
		for (t = 0; t < STEPS; t++) {
			double a = x * x + y - 11, b = x + y * y - 7;
			double gx = 4 * a * x + 2 * b, gy = 2 * a + 4 * b * y;
			x -= LR * gx;
			y -= LR * gy;
		}
		fx[i] = x;
		fy[i] = y;
	}
}

static void
grid(double *sx, double *sy)
{
	size_t i, m = (size_t)NX * NY;

	for (i = 0; i < m; i++) {
		size_t ix = i % NX, iy = i / NX;
		sx[i] = -5 + 10 * ((double)ix + 0.5) / NX;
		sy[i] = -5 + 10 * ((double)iy + 0.5) / NY;
	}
}

/* The index of the minimum nearest (x, y), or -1 beyond 1e-3. */
static int
nearest(const struct critical_point *cp, int n, double x, double y)
{
	int j, best = -1;
	double bestd = 1e-3 * hypot(10, 10);

	for (j = 0; j < n; j++) {
		double d = hypot(x - cp[j].x[0], y - cp[j].x[1]);
		if (cp[j].kind == CP_MINIMUM && d <= bestd) {
			best = j;
			bestd = d;
		}
	}
	return best;
}

int
main(void)
{
	struct diag err;
	struct objective *o = objective_expr("(x^2+y-11)^2+(x+y^2-7)^2", NULL, 0, &err);
	struct objective *camel = objective_expr("(4-2.1*x^2+x^4/3)*x^2+x*y+(-4+4*y^2)*y^2",
						 NULL, 0, &err);
	struct region r = { 2, { -5, -5 }, { 5, 5 } }, rc = { 2, { -3, -2 }, { 3, 2 } };
	struct critical_point cp[64];
	struct run_config c;
	size_t m = (size_t)NX * NY, i, agree = 0;
	double *buf = malloc(m * 8 * sizeof *buf);
	double *sx = buf, *sy = buf + m, *hx = buf + 2 * m, *hy = buf + 3 * m;
	double *ex = buf + 4 * m, *ey = buf + 5 * m;
	const double *starts[2] = { sx, sy };
	double *final[2] = { ex, ey };
	enum run_outcome *outcome = malloc(m * sizeof *outcome);
	long *steps = malloc(m * sizeof *steps);
	double best_engine = INFINITY, best_hand = INFINITY, best_cp = INFINITY;
	double best_camel = INFINITY, t0;
	int ncp, ncamel = 0, round, nmin = 0;

	if (o == NULL || camel == NULL || buf == NULL || outcome == NULL || steps == NULL) {
		fprintf(stderr, "optim_bench: setup failed\n");
		return 1;
	}
	grid(sx, sy);
	run_config_init(&c, &opt_gd);
	c.params.lr = LR;
	c.max_steps = STEPS;
	c.tol = 0;                      /* every lane runs all its steps */

	/* checks */
	ncp = analysis_critical_points(o, &r, 0, cp, 64);
	for (i = 0; i < (size_t)ncp; i++)
		nmin += cp[i].kind == CP_MINIMUM;
	if (ncp != 9 || nmin != 4) {
		fprintf(stderr, "optim_bench: Himmelblau has 9 critical points (4 minima); "
			"found %d (%d minima)\n", ncp, nmin);
		return 1;
	}
	run_lanes(o, &c, m, starts, final, outcome, steps);
	hand_basins(sx, sy, hx, hy, m);
	for (i = 0; i < m; i++)
		agree += nearest(cp, ncp, ex[i], ey[i]) == nearest(cp, ncp, hx[i], hy[i]);
	if (agree < m) {
		fprintf(stderr, "optim_bench: the maps differ at %zu of %zu starts\n",
			m - agree, m);
		return 1;
	}

	for (round = 0; round < ROUNDS; round++) {
		t0 = now();
		run_lanes(o, &c, m, starts, final, outcome, steps);
		best_engine = fmin(best_engine, now() - t0);
		t0 = now();
		hand_basins(sx, sy, hx, hy, m);
		best_hand = fmin(best_hand, now() - t0);
		t0 = now();
		ncp = analysis_critical_points(o, &r, 0, cp, 64);
		best_cp = fmin(best_cp, now() - t0);
		t0 = now();
		ncamel = analysis_critical_points(camel, &rc, 0, cp, 64);
		best_camel = fmin(best_camel, now() - t0);
	}
	printf("optim_bench: best of %d runs\n\n", ROUNDS);
	printf("basin map of Himmelblau, %dx%d starts, %d gd steps each "
	       "(%.1f million gradients)\n", NX, NY, STEPS, (double)m * STEPS / 1e6);
	printf("  descent (run_lanes)   %8.2f ms  %6.2f ns/gradient\n", best_engine * 1e3,
	       best_engine * 1e9 / ((double)m * STEPS));
	printf("  hand-written C        %8.2f ms  %6.2f ns/gradient\n", best_hand * 1e3,
	       best_hand * 1e9 / ((double)m * STEPS));
	printf("  ratio                 %8.2fx     (target <= 2x, and < 100 ms)\n",
	       best_engine / best_hand);
	printf("  the two maps agree at all %zu starts\n\n", m);
	printf("critical points (multistart Newton, 24x24 starts)\n");
	printf("  Himmelblau on [-5,5]^2       %6.2f ms  %d points  (target < 50 ms)\n",
	       best_cp * 1e3, ncp);
	printf("  six-hump camel on [-3,3]x[-2,2] %6.2f ms  %d points\n", best_camel * 1e3,
	       ncamel);
	objective_free(o);
	objective_free(camel);
	free(buf);
	free(outcome);
	free(steps);
	return 0;
}
