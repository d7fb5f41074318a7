/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim-bench.c - the optimizers' and the analysis' engine against
 * hand-written C, in one run:
 *   1. the basin map of Himmelblau's function on a 200x60 grid of starts,
 *      300 gradient-descent steps each (lr 0.01, every lane runs all 300:
 *      tol 0), through run_lanes and the batch evaluator, against the same
 *      map in plain C with the analytic gradient (optim-hand.c, built with
 *      the VM's flags and clones).  The baseline is the fastest, in this
 *      run, of three loop orders a C programmer might write: one start
 *      after the other, the starts as the inner loop (which vectorizes),
 *      and the same in cache-sized blocks.  run_lanes' time is then split:
 *      the same evaluations alone, the evaluations and the optimizer's
 *      steps alone (objective_eval and opt_gd.step called directly, on
 *      the same blocks of starts as run_lanes takes, each block through
 *      all its steps before the next), and the rest, the runner's own
 *      bookkeeping (outcomes, packing);
 *   2. the critical-point search of Himmelblau on [-5,5]^2 (24x24 Newton
 *      starts), and of the six-hump camel on [-3,3]x[-2,2];
 *   3. data objectives at many points (the gradient at 2048 points, as
 *      the probe of the search asks for it): one objective_eval call,
 *      which puts a group of points in one batch call, against one
 *      objective_eval_point per point, the one-point path every point
 *      took before; on the course's line (3 examples) and on 200
 *      generated examples; and the search on the line's cost;
 *   4. a hyperparameter map (60x20 cells of momentum, up to 1000 steps):
 *      the cells as lanes of run_lanes_vary, against one run after
 *      another, which must end the same, cell by cell;
 *   5. a map over data (40 learning rates by 7 batch sizes, 3 seeds a
 *      cell, up to 1000 steps of momentum on 64 examples): the runs as
 *      lanes of run_lanes_data, their mini-batch gradients one evaluator
 *      lane per (run, example), against the runs one after another
 *      (run_new, run_all), which must end the same, run by run.
 * Before timing, it checks that the two basin maps agree (each start
 * ends at the same minimum), that the evaluations and steps alone end
 * where run_lanes does, bit for bit (so they are the same work), and that
 * the search finds the 9 critical points of Himmelblau, and that the two
 * paths of the data objectives agree bit for bit; a failure exits
 * 1.  Timings are the best of several interleaved repetitions; the ratios
 * are the figures, and the targets (issue 13) are printed beside them.
 * The argument is GCC's report on the hand-written loops (make bench
 * gives it), to print how many it vectorized.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/clones.h"
#include "optim-hand.h"
#include "vecinfo.h"

#define NX 200
#define NY 60
#define STEPS 300
#define LR 0.01
#define ROUNDS 9

/* Targets (issue 13): run_lanes / the fastest hand loop, bookkeeping share. */
#define TARGET_RATIO 4.0
#define TARGET_BOOKKEEPING 0.25

/* The measurements of the basin map, timed in turn each round. */
enum {
	B_PER_START, B_LANES, B_BLOCKED,        /* hand-written */
	B_RUN_LANES, B_EVAL, B_EVAL_STEP,       /* descent */
	B_COUNT
};
static const char *const b_names[B_COUNT] = {
	"hand, one start after the other (old baseline)",
	"hand, starts as the inner loop",
	"hand, starts inner, blocks of 256",
	"descent run_lanes",
	"  its evaluations alone",
	"  its evaluations and gd steps alone",
};

struct basins {
	struct objective *o;
	struct run_config c;
	size_t m;
	const double *sx, *sy;
	double *x, *y;                  /* final points */
	double *f, *gx, *gy;            /* scratch for the split of run_lanes */
	enum run_outcome *outcome;
	long *steps;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
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

/*
 * What run_lanes does for this map with the bookkeeping taken out, in
 * its order: the starts in blocks of RUN_BLOCK, and in each block an
 * evaluation at each of steps + 1 points (the last decides that the step
 * limit is reached) and, with step set, a gd step after each but the
 * last.
 */
#define RUN_BLOCK 256           /* LANE_BLOCK of opt-run.c */

static void
eval_and_step(struct basins *b, int step)
{
	struct opt_step s;
	unsigned char flag = 0;
	size_t lo;

	memcpy(b->x, b->sx, b->m * sizeof *b->x);
	memcpy(b->y, b->sy, b->m * sizeof *b->y);
	memset(&s, 0, sizeof s);
	s.n = 2;
	s.lr = LR;
	s.p = &b->c.params;
	s.flag = &flag;
	for (lo = 0; lo < b->m; lo += RUN_BLOCK) {
		size_t m = b->m - lo < RUN_BLOCK ? b->m - lo : RUN_BLOCK;
		double *w[2] = { b->x + lo, b->y + lo }, *g[2] = { b->gx + lo, b->gy + lo };

		s.m = m;
		s.w = w;
		s.g = g;
		for (long t = 0; t <= STEPS; t++) {
			objective_eval(b->o, m, (const double *const *)w, b->f + lo, g, NULL);
			if (step && t < STEPS) {
				s.t = t + 1;
				opt_gd.step(&s);
			}
		}
	}
}

/* Runs measurement k once. */
static void
run(struct basins *b, int k)
{
	const double *starts[2] = { b->sx, b->sy };
	double *final[2] = { b->x, b->y };

	switch (k) {
	case B_PER_START:
		hand_basins_vm.per_start(b->m, STEPS, LR, b->sx, b->sy, b->x, b->y);
		break;
	case B_LANES:
		hand_basins_vm.lanes(b->m, STEPS, LR, b->sx, b->sy, b->x, b->y);
		break;
	case B_BLOCKED:
		hand_basins_vm.blocked(b->m, STEPS, LR, b->sx, b->sy, b->x, b->y);
		break;
	case B_RUN_LANES:
		run_lanes(b->o, &b->c, b->m, starts, final, b->outcome, b->steps);
		break;
	case B_EVAL:
		eval_and_step(b, 0);
		break;
	case B_EVAL_STEP:
		eval_and_step(b, 1);
		break;
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

/*
 * Checks the hand-written orders against run_lanes (each start ends at
 * the same minimum) and the split of run_lanes against itself (bit for
 * bit); 0 when all agree.
 */
static int
check(struct basins *b, const struct critical_point *cp, int ncp)
{
	size_t m = b->m, i;
	double *ex = malloc(2 * m * sizeof *ex), *ey = ex + m;
	int k, bad = 0;

	if (ex == NULL) {
		fprintf(stderr, "optim_bench: out of memory\n");
		exit(1);
	}
	run(b, B_RUN_LANES);
	memcpy(ex, b->x, m * sizeof *ex);
	memcpy(ey, b->y, m * sizeof *ey);
	for (i = 0; i < m; i++)
		if (b->outcome[i] != RUN_MAX_STEPS || b->steps[i] != STEPS)
			break;
	if (i < m) {
		fprintf(stderr, "optim_bench: run_lanes stopped start %zu after "
			"%ld steps (%s), not %d\n", i, b->steps[i],
			run_outcome_name(b->outcome[i]), STEPS);
		bad = 1;
	}
	for (k = B_PER_START; k <= B_BLOCKED; k++) {
		size_t agree = 0;

		run(b, k);
		for (i = 0; i < m; i++)
			agree += nearest(cp, ncp, ex[i], ey[i]) ==
			    nearest(cp, ncp, b->x[i], b->y[i]);
		if (agree < m) {
			fprintf(stderr, "optim_bench: %s: the maps differ at %zu "
				"of %zu starts\n", b_names[k], m - agree, m);
			bad = 1;
		}
	}
	run(b, B_EVAL_STEP);
	if (memcmp(ex, b->x, m * sizeof *ex) != 0 ||
	    memcmp(ey, b->y, m * sizeof *ey) != 0) {
		fprintf(stderr, "optim_bench: the evaluations and steps alone do "
			"not end where run_lanes does\n");
		bad = 1;
	}
	free(ex);
	return bad;
}

static const char *
verdict(int ok)
{
	return ok ? "ok" : "MISSED";
}

#define DATA_M 2048

/*
 * One data objective: the gradient at DATA_M points both ways, checked
 * bit for bit, then timed; prints one line.  Returns 0, or 1 when the
 * paths disagree.
 */
static int
data_case(const char *name, const char *csv, const char *model)
{
	struct diag err;
	struct dataset *d = dataset_parse_csv(csv, strlen(csv), name, &err);
	struct objective *o = d != NULL ? objective_data(d, model, LOSS_MSE, NULL, NULL, 0, &err)
					: NULL;
	double *buf = malloc(DATA_M * 6 * sizeof *buf), best_many = INFINITY, best_one = INFINITY;
	double *w[2], *g[2], *g1[2], t0;
	size_t i;
	int round, k;

	if (o == NULL || buf == NULL || objective_dim(o) != 2) {
		fprintf(stderr, "optim_bench: %s: setup failed (%s)\n", name,
			o == NULL ? err.message : "out of memory");
		return 1;
	}
	for (k = 0; k < 2; k++) {
		w[k] = buf + (size_t)k * DATA_M;
		g[k] = buf + (size_t)(2 + k) * DATA_M;
		g1[k] = buf + (size_t)(4 + k) * DATA_M;
	}
	for (i = 0; i < DATA_M; i++) {
		w[0][i] = -3 + 6.0 * (double)(i % 64) / 63;
		w[1][i] = 4.0 * (double)(i / 64) / 31;
	}
	for (round = 0; round < ROUNDS; round++) {
		t0 = now();
		objective_eval(o, DATA_M, (const double *const *)w, NULL, g, NULL);
		best_many = fmin(best_many, now() - t0);
		t0 = now();
		for (i = 0; i < DATA_M; i++) {
			double x[2] = { w[0][i], w[1][i] }, fx, gx[2];
			objective_eval_point(o, x, &fx, gx, NULL);
			g1[0][i] = gx[0];
			g1[1][i] = gx[1];
		}
		best_one = fmin(best_one, now() - t0);
		if (memcmp(g[0], g1[0], DATA_M * sizeof *g[0]) != 0 ||
		    memcmp(g[1], g1[1], DATA_M * sizeof *g[1]) != 0) {
			fprintf(stderr, "optim_bench: %s: the two paths differ\n", name);
			return 1;
		}
	}
	printf("  %-34s %8.3f ms %8.3f ms %7.2fx\n", name, best_many * 1e3, best_one * 1e3,
	       best_one / best_many);
	objective_free(o);
	dataset_free(d);
	free(buf);
	return 0;
}

/*
 * Section 4: a hyperparameter map, 60x20 cells of momentum (lr from 0.001
 * to 1, log-spaced, by beta from 0 to 0.95) on x^2 + 10y^2 from (1, 1),
 * up to 1000 steps each: run_lanes_vary, the cells as lanes, against the
 * same map as one run after another (run_new, run_all), which is also
 * the check: every cell must end where its run alone does.  Returns 0,
 * or 1 when they differ.
 */
static int
map_section(void)
{
	enum { MX = 60, MY = 20, MM = MX * MY };
	static double xs[MM], ys[MM], fx[MM], fy[MM], lr[MM], beta[MM];
	static enum run_outcome out[MM];
	static long steps[MM];
	const double *starts[2] = { xs, ys }, *vary[OPT_PARAM_COUNT] = { NULL };
	double *final[2] = { fx, fy }, best_lanes = INFINITY, best_runs = INFINITY, t0;
	struct run_config c;
	struct diag err;
	struct objective *o = objective_expr("x^2 + 10*y^2", NULL, 0, &err);
	int i, round, bad = 0, conv = 0;

	if (o == NULL)
		return 1;
	for (i = 0; i < MM; i++) {
		xs[i] = ys[i] = 1;
		lr[i] = 0.001 * pow(1000.0, (double)(i % MX) / (MX - 1));
		beta[i] = 0.95 * (double)(i / MX) / (MY - 1);
	}
	vary[OPT_PARAM_LR] = lr;
	vary[OPT_PARAM_BETA] = beta;
	run_config_init(&c, &opt_momentum);
	c.max_steps = 1000;
	for (round = 0; round < ROUNDS; round++) {
		t0 = now();
		run_lanes_vary(o, &c, MM, starts, vary, final, out, steps);
		best_lanes = fmin(best_lanes, now() - t0);
		t0 = now();
		for (i = 0; i < MM; i++) {
			struct run_config ci = c;
			double start[2] = { 1, 1 };
			struct run *r;

			ci.params.lr = lr[i];
			ci.params.beta = beta[i];
			r = run_new(o, &ci, start, &err);
			run_all(r);
			bad |= run_trajectory(r)->outcome != out[i] ||
				run_trajectory(r)->step != steps[i] ||
				memcmp(run_point(r), &fx[i], sizeof fx[i]) != 0;
			run_free(r);
		}
		best_runs = fmin(best_runs, now() - t0);
	}
	objective_free(o);
	if (bad) {
		fprintf(stderr, "optim_bench: the map's cells differ from their runs alone\n");
		return 1;
	}
	for (i = 0; i < MM; i++)
		conv += out[i] == RUN_CONVERGED;
	printf("hyperparameter map: momentum on x^2 + 10y^2, %dx%d cells (lr 0.001 to 1, beta 0 "
	       "to 0.95), up to %ld steps; %d cells converge\n", MX, MY, c.max_steps, conv);
	printf("  the cells as lanes (run_lanes_vary)     %7.2f ms  (target < 100 ms: %s)\n",
	       best_lanes * 1e3, verdict(best_lanes < 0.1));
	printf("  one run after another                   %7.2f ms  %.2fx the lanes' time\n",
	       best_runs * 1e3, best_runs / best_lanes);
	return 0;
}

/*
 * Section 5: a map over data, as `descent map --data ... --over
 * lr=0.001:1,batch=1:64` computes it: momentum on 64 examples of a line
 * (y = 1 + 2x and a wiggle), lr from 0.001 to 1 log-spaced across 40
 * cells, batches of 1, 2, 4 ... 64 down 7 rows, 3 seeds a cell, up to
 * 1000 steps.  run_lanes_data against one run after another with the same
 * settings (run_new, run_all: the way the map went before, and what a
 * careful user of the library writes), which is also the check: every
 * lane must end where its run alone does, bit for bit.  Returns 0, or 1
 * when they differ.
 */
static int
data_map_section(void)
{
	enum { EX = 64, DX = 40, DY = 7, SEEDS = 3, DM = DX * DY * SEEDS };
	static char csv[EX * 48 + 16];
	static double s0[DM], s1[DM], f0[DM], f1[DM], lr[DM], fend[DM];
	static size_t batch[DM];
	static uint64_t seed[DM];
	static enum run_outcome out[DM];
	static long steps[DM];
	const double *starts[2] = { s0, s1 }, *vary[OPT_PARAM_COUNT] = { NULL };
	double *final[2] = { f0, f1 }, best_lanes = INFINITY, best_runs = INFINITY, t0;
	struct lanes_data ld = { batch, seed, fend, NULL, 0 };
	struct run_config c;
	struct diag err;
	struct dataset *d;
	struct objective *o;
	size_t len = 0;
	int i, round, bad = 0, ends[4] = { 0 };

	len += (size_t)snprintf(csv + len, sizeof csv - len, "x,y\n");
	for (i = 0; i < EX; i++) {
		double x = -1 + 2.0 * i / (EX - 1);
		len += (size_t)snprintf(csv + len, sizeof csv - len, "%.6f,%.6f\n", x,
					1 + 2 * x + 0.2 * sin(9 * x));
	}
	d = dataset_parse_csv(csv, len, "line64", &err);
	o = d != NULL ? objective_data(d, "w0 + w1*x", LOSS_MSE, NULL, NULL, 0, &err) : NULL;
	if (o == NULL) {
		fprintf(stderr, "optim_bench: the data map: setup failed\n");
		return 1;
	}
	for (i = 0; i < DM; i++) {
		int cell = i / SEEDS, row = cell / DX;
		s0[i] = s1[i] = 0;
		lr[i] = 0.001 * pow(1000.0, (double)(cell % DX) / (DX - 1));
		batch[i] = row == DY - 1 ? 0 : (size_t)1 << row;
		seed[i] = 1 + (uint64_t)(i % SEEDS);
	}
	vary[OPT_PARAM_LR] = lr;
	run_config_init(&c, &opt_momentum);
	c.max_steps = 1000;
	for (round = 0; round < ROUNDS; round++) {
		t0 = now();
		run_lanes_data(o, &c, DM, starts, vary, &ld, final, out, steps);
		best_lanes = fmin(best_lanes, now() - t0);
		t0 = now();
		for (i = 0; i < DM; i++) {
			struct run_config ci = c;
			double start[2] = { 0, 0 };
			const struct trajectory *tr;
			struct run *r;

			ci.params.lr = lr[i];
			ci.batch = batch[i];
			ci.seed = seed[i];
			r = run_new(o, &ci, start, &err);
			run_all(r);
			tr = run_trajectory(r);
			bad |= tr->outcome != out[i] || tr->step != steps[i] ||
				memcmp(run_point(r), &f0[i], sizeof f0[i]) != 0 ||
				memcmp(run_point(r) + 1, &f1[i], sizeof f1[i]) != 0 ||
				memcmp(&tr->f[tr->len - 1], &fend[i], sizeof fend[i]) != 0;
			run_free(r);
		}
		best_runs = fmin(best_runs, now() - t0);
	}
	objective_free(o);
	dataset_free(d);
	if (bad) {
		fprintf(stderr, "optim_bench: the data map's lanes differ from their runs alone\n");
		return 1;
	}
	for (i = 0; i < DM; i++)
		ends[out[i]]++;
	printf("map over data: momentum, w0 + w1*x on %d examples, %d lr x %d batch sizes x %d "
	       "seeds = %d runs,\n  up to %ld steps; %d converge, %d diverge, %d stop at the limit\n",
	       EX, DX, DY, SEEDS, DM, c.max_steps, ends[RUN_CONVERGED], ends[RUN_DIVERGED],
	       ends[RUN_MAX_STEPS]);
	printf("  the runs as lanes (run_lanes_data)      %7.2f ms\n", best_lanes * 1e3);
	printf("  one run after another                   %7.2f ms  %.2fx the lanes' time\n",
	       best_runs * 1e3, best_runs / best_lanes);
	printf("  (the baseline: run_new and run_all of each run, the library's own path,\n"
	       "   in the same build; every lane checked against its run, bit for bit)\n");
	return 0;
}

/* Section 3; returns 0, or 1 when a check fails. */
static int
data_section(void)
{
	enum { ROWS = 200 };
	static char csv[ROWS * 48 + 16];
	size_t len = 0;
	struct diag err;
	struct dataset *d;
	struct objective *o;
	struct region r = { 2, { -3, 0 }, { 3, 4 } };
	struct critical_point cp[4];
	double best = INFINITY, t0;
	int i, round, ncp = 0;

	len += (size_t)snprintf(csv + len, sizeof csv - len, "x,y\n");
	for (i = 0; i < ROWS; i++) {
		double x = -2 + 4.0 * i / (ROWS - 1);
		len += (size_t)snprintf(csv + len, sizeof csv - len, "%.6f,%.6f\n", x,
					1 + 2 * x + 0.3 * sin(7 * x));
	}
	printf("data objectives, w0 + w1*x with mse: the gradient at %d points\n", DATA_M);
	printf("  %-34s %11s %11s %8s\n", "", "all at once", "one by one", "ratio");
	if (data_case("the course's line, 3 examples", "x,y;1,2;2,3.5;3,6", "w0 + w1*x") ||
	    data_case("200 examples", csv, "w0 + w1*x"))
		return 1;
	d = dataset_parse_csv("x,y;1,2;2,3.5;3,6", 17, "line", &err);
	o = d != NULL ? objective_data(d, "w0 + w1*x", LOSS_MSE, NULL, NULL, 0, &err) : NULL;
	if (o == NULL) {
		fprintf(stderr, "optim_bench: the line: setup failed\n");
		return 1;
	}
	for (round = 0; round < ROUNDS; round++) {
		t0 = now();
		ncp = analysis_critical_points(o, &r, 0, cp, 4);
		best = fmin(best, now() - t0);
	}
	if (ncp != 1) {
		fprintf(stderr, "optim_bench: the line's cost has 1 critical point; found %d\n", ncp);
		return 1;
	}
	printf("  critical points of the line's cost on [-3,3]x[0,4]  %6.2f ms  %d point\n",
	       best * 1e3, ncp);
	objective_free(o);
	dataset_free(d);
	return 0;
}

int
main(int argc, char **argv)
{
	struct diag err;
	struct objective *o = objective_expr("(x^2+y-11)^2+(x+y^2-7)^2", NULL, 0, &err);
	struct objective *camel = objective_expr("(4-2.1*x^2+x^4/3)*x^2+x*y+(-4+4*y^2)*y^2",
						 NULL, 0, &err);
	struct region r = { 2, { -5, -5 }, { 5, 5 } }, rc = { 2, { -3, -2 }, { 3, 2 } };
	struct critical_point cp[64];
	struct basins b;
	size_t m = (size_t)NX * NY;
	double *buf = malloc(m * 7 * sizeof *buf);
	double best[B_COUNT], best_cp = INFINITY, best_camel = INFINITY, t0;
	double hand, whole, bookkeeping, lane_steps = (double)m * STEPS;
	int ncp, ncamel = 0, round, nmin = 0, k, fastest;
	char summary[512];

	if (argc > 2) {
		fprintf(stderr, "usage: optim_bench [REPORT]\n");
		return 2;
	}
	memset(&b, 0, sizeof b);
	b.outcome = malloc(m * sizeof *b.outcome);
	b.steps = malloc(m * sizeof *b.steps);
	if (o == NULL || camel == NULL || buf == NULL || b.outcome == NULL ||
	    b.steps == NULL) {
		fprintf(stderr, "optim_bench: setup failed\n");
		return 1;
	}
	b.o = o;
	b.m = m;
	b.sx = buf;
	b.sy = buf + m;
	b.x = buf + 2 * m;
	b.y = buf + 3 * m;
	b.f = buf + 4 * m;
	b.gx = buf + 5 * m;
	b.gy = buf + 6 * m;
	grid(buf, buf + m);
	run_config_init(&b.c, &opt_gd);
	b.c.params.lr = LR;
	b.c.max_steps = STEPS;
	b.c.tol = 0;                    /* every lane runs all its steps */

	/* checks */
	ncp = analysis_critical_points(o, &r, 0, cp, 64);
	for (k = 0; k < ncp; k++)
		nmin += cp[k].kind == CP_MINIMUM;
	if (ncp != 9 || nmin != 4) {
		fprintf(stderr, "optim_bench: Himmelblau has 9 critical points (4 minima); "
			"found %d (%d minima)\n", ncp, nmin);
		return 1;
	}
	if (check(&b, cp, ncp))
		return 1;

	for (k = 0; k < B_COUNT; k++)
		best[k] = INFINITY;
	for (round = 0; round < ROUNDS; round++) {
		for (int j = 0; j < B_COUNT; j++) {
			k = (round + j) % B_COUNT;      /* rotate the order */
			t0 = now();
			run(&b, k);
			best[k] = fmin(best[k], now() - t0);
		}
		t0 = now();
		ncp = analysis_critical_points(o, &r, 0, cp, 64);
		best_cp = fmin(best_cp, now() - t0);
		t0 = now();
		ncamel = analysis_critical_points(camel, &rc, 0, cp, 64);
		best_camel = fmin(best_camel, now() - t0);
	}
	fastest = B_PER_START;
	for (k = B_LANES; k <= B_BLOCKED; k++)
		if (best[k] < best[fastest])
			fastest = k;
	hand = best[fastest];
	whole = best[B_RUN_LANES];
	bookkeeping = whole - best[B_EVAL_STEP];

	printf("optim_bench: the runner and the analysis against hand-written C\n");
	printf("basin map of Himmelblau: %dx%d starts in [-5,5]^2, %d gd steps "
	       "each (lr %g), %.1f million lane-steps\n", NX, NY, STEPS, LR,
	       lane_steps / 1e6);
	vecinfo_describe(argc > 1 ? argv[1] : NULL, summary, sizeof summary);
	printf("baseline: the fastest in this run of three loop orders of the "
	       "same gd in C (bench/optim-hand.c), built as the VM: %s",
	       hand_basins_vm.cflags);
	if (hand_basins_vm.clones != NULL)
		printf(", target clones (%s) on each loop, %s in use",
		       hand_basins_vm.clones, DESCENT_CLONE_IN_USE());
	printf("; %s (GCC's -fopt-info-vec report)\n", summary);
	printf("the VM: %s kernels (%s); the runner's lane loops: target clones "
	       "(%s), %s in use\n", expr_kernels(), expr_kernels_math(),
	       DESCENT_CLONE_NAMES ? DESCENT_CLONE_NAMES : "none",
	       DESCENT_CLONE_IN_USE() ? DESCENT_CLONE_IN_USE() : "none");
	printf("times: the best of %d repetitions, interleaved, in this run\n\n",
	       ROUNDS);
	printf("%-48s %9s %13s %9s\n", "", "ms", "ns/lane-step", "/ hand");
	for (k = 0; k < B_COUNT; k++) {
		printf("%-48s %9.2f %13.2f %8.2fx", b_names[k], best[k] * 1e3,
		       best[k] * 1e9 / lane_steps, best[k] / hand);
		if (k == fastest)
			printf("   the baseline");
		else if (k == B_RUN_LANES)
			printf("   target <= %.0fx (%s)", TARGET_RATIO,
			       verdict(whole / hand <= TARGET_RATIO));
		putchar('\n');
	}
	printf("%-48s %9.2f %13.2f %8.0f%%   of run_lanes, target < %.0f%% (%s)\n",
	       "  its bookkeeping (run_lanes - evals and steps)",
	       bookkeeping * 1e3, bookkeeping * 1e9 / lane_steps,
	       100 * bookkeeping / whole, 100 * TARGET_BOOKKEEPING,
	       verdict(bookkeeping < TARGET_BOOKKEEPING * whole));
	printf("all the maps agree at the %zu starts; the evaluations and steps "
	       "alone end where run_lanes does, bit for bit\n\n", m);

	printf("critical points (multistart Newton, 24x24 starts)\n");
	printf("  Himmelblau on [-5,5]^2       %6.2f ms  %d points  (target < 50 ms)\n",
	       best_cp * 1e3, ncp);
	printf("  six-hump camel on [-3,3]x[-2,2] %6.2f ms  %d points\n\n", best_camel * 1e3,
	       ncamel);
	if (data_section())
		return 1;
	putchar('\n');
	if (map_section())
		return 1;
	putchar('\n');
	if (data_map_section())
		return 1;
	objective_free(o);
	objective_free(camel);
	free(buf);
	free(b.outcome);
	free(b.steps);
	return 0;
}
