/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-bench.c - how close the expression engine runs to hand-written C.
 *
 * Five classic test functions, all on one grid, the one other evaluators'
 * published comparisons use: 400x200 points (flattened row-major), x in
 * [-2, 2], y in [-1, 3], endpoints included.  It times, in nanoseconds
 * per point:
 *   1. f alone through the batch entry, against a hand-written loop;
 *   2. f and the gradient through the batch entry, against a hand-written
 *      loop with the analytic gradient (and batch f+grad against batch f);
 *   3. the scalar entry called once per point, against a hand-written
 *      function called once per point.
 * The hand-written code (expr-hand.c) is built twice: with exactly the
 * VM's flags and target clones (the VM's own instruction sets, and its
 * vector math: expr_kernels), the baseline the targets are judged
 * against, and at -O3 -march=native, a second column.  It prints how each
 * was compiled, and how many of its loops GCC vectorized, read from GCC's
 * reports, whose paths are the arguments (make bench gives them).  Both
 * sides read the same input arrays and write output arrays of the same
 * size, so memory traffic is equal.
 *
 * Before timing anything it checks that the engine agrees with both
 * builds of the hand code (so a wrong hand gradient cannot make a bad
 * comparison) and that the batch entry is bit-identical to the scalar
 * entry; either failure exits 1.  Missing a speed target only prints so:
 * timings on a shared machine are not a test.
 *
 * Timing: each measurement is repeated for a while in each of several
 * rounds, the engine and the baselines in turn (the order rotates from
 * round to round), and the best repetition counts: on a noisy machine the
 * minimum is the robust estimator, and interleaving spreads drift over
 * all sides.  The ratios are the figures; the times are printed beside
 * them.  The whole run takes about 10 seconds.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "descent/expr.h"
#include "descent/clones.h"
#include "expr-hand.h"
#include "vecinfo.h"

#define GRID_NX 400
#define GRID_NY 200
#define GRID_X0 -2.0
#define GRID_X1 2.0
#define GRID_Y0 -1.0
#define GRID_Y1 3.0
#define NPOINTS ((size_t)GRID_NX * GRID_NY)

#ifndef ROUNDS
#define ROUNDS 5                /* interleaved rounds per measurement */
#endif
#ifndef ROUND_SECONDS
#define ROUND_SECONDS 0.05      /* minimum time per measurement per round */
#endif

/* Agreement required between the engine and the hand-written code. */
#define MAX_REL_DIFF 1e-9

/*
 * Speed targets (issue 13), as ratios against the baseline built with the
 * VM's flags: each is judged on the geometric mean of the four polynomial
 * functions and on Rastrigin (whose time is its cosines) separately.
 */
#define TARGET_BATCH_F 1.5      /* batch f / hand loop */
#define TARGET_GRAD_OVER_F 2.0  /* batch f+grad / batch f */
#define TARGET_SCALAR 3.0       /* scalar entry / hand function, per point */

struct bench_fn {
	const char *name;
	const char *src;
	enum hand_id hand;
	int poly;               /* a polynomial: in the geometric mean */
};

/* The polynomials first: their geometric mean is printed below them. */
static const struct bench_fn bench_fns[] = {
	{ "rosenbrock", "(1-x)^2+100*(y-x^2)^2", HAND_ROSEN, 1 },
	{ "himmelblau", "(x^2+y-11)^2+(x+y^2-7)^2", HAND_HIMMEL, 1 },
	{ "beale", "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2",
	  HAND_BEALE, 1 },
	{ "camel6", "(4-2.1*x^2+x^4/3)*x^2+x*y+(-4+4*y^2)*y^2", HAND_CAMEL, 1 },
	{ "rastrigin", "20+x^2-10*cos(2*pi*x)+y^2-10*cos(2*pi*y)",
	  HAND_RASTRIGIN, 0 },
};
#define NFNS (sizeof(bench_fns) / sizeof(bench_fns[0]))

/* The measurements, in groups timed in turn: the engine first, then its baselines. */
enum {
	M_BATCH_F, M_VM_F, M_NATIVE_F,
	M_BATCH_FG, M_VM_FG, M_NATIVE_FG,
	M_SCALAR, M_HAND_SCALAR,
	M_COUNT
};
static const struct { int first, size; } groups[] = {
	{ M_BATCH_F, 3 }, { M_BATCH_FG, 3 }, { M_SCALAR, 2 },
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

struct bench_case {
	const struct bench_fn *fn;
	struct expr *e;
	struct expr_program *pf;        /* what = 0: f */
	struct expr_program *pg;        /* what = EXPR_GRAD: f, df/dx, df/dy */
	double best[M_COUNT];           /* seconds per repetition */
	int reps[M_COUNT];
	double rel_f, rel_fg;           /* worst difference from hand code */
};

static double *xs, *ys;                 /* the grid */
static double *eng_out[3], *hand_out[3]; /* f, df/dx, df/dy */
static double checksum;

static const char *const out_names[3] = { "f", "df/dx", "df/dy" };

static double *
bench_array(void)
{
	double *a = aligned_alloc(64, NPOINTS * sizeof(double));

	if (a == NULL) {
		fprintf(stderr, "expr_bench: out of memory\n");
		exit(1);
	}
	return a;
}

static void
bench_grid(void)
{
	for (size_t j = 0; j < GRID_NY; j++) {
		double y = GRID_Y0 + (GRID_Y1 - GRID_Y0) * (double)j / (GRID_NY - 1);

		for (size_t i = 0; i < GRID_NX; i++) {
			xs[j * GRID_NX + i] = GRID_X0 +
			    (GRID_X1 - GRID_X0) * (double)i / (GRID_NX - 1);
			ys[j * GRID_NX + i] = y;
		}
	}
}

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
bench_batch(struct expr_program *p, double *const *out)
{
	const double *const in[2] = { xs, ys };

	expr_eval_batch(p, NPOINTS, in, out);
}

/* The scalar entry once per point, as a caller without batches uses it. */
static void
bench_scalar(struct expr_program *p, double *out)
{
	for (size_t i = 0; i < NPOINTS; i++) {
		double pt[2] = { xs[i], ys[i] };

		expr_eval(p, pt, &out[i]);
	}
}

static void
bench_hand_scalar(double (*f)(double, double), double *out)
{
	for (size_t i = 0; i < NPOINTS; i++)
		out[i] = f(xs[i], ys[i]);
}

static void
bench_hand_f(const struct hand_build *b, const struct bench_case *c)
{
	b->fn[c->fn->hand].f(NPOINTS, xs, ys, hand_out[0]);
}

static void
bench_hand_fg(const struct hand_build *b, const struct bench_case *c)
{
	b->fn[c->fn->hand].fg(NPOINTS, xs, ys, hand_out[0], hand_out[1],
			      hand_out[2]);
}

/* Runs measurement m of c once; returns the outputs it wrote. */
static double *const *
bench_run(struct bench_case *c, int m)
{
	switch (m) {
	case M_BATCH_F:
		bench_batch(c->pf, eng_out);
		return eng_out;
	case M_VM_F:
		bench_hand_f(&hand_vm, c);
		break;
	case M_NATIVE_F:
		bench_hand_f(&hand_native, c);
		break;
	case M_BATCH_FG:
		bench_batch(c->pg, eng_out);
		return eng_out;
	case M_VM_FG:
		bench_hand_fg(&hand_vm, c);
		break;
	case M_NATIVE_FG:
		bench_hand_fg(&hand_native, c);
		break;
	case M_SCALAR:
		bench_scalar(c->pf, eng_out[0]);
		return eng_out;
	case M_HAND_SCALAR:
		bench_hand_scalar(hand_vm.fn[c->fn->hand].point, hand_out[0]);
		break;
	}
	return hand_out;
}

/* Repeats measurement m for a round, keeping the best repetition. */
static void
bench_time(struct bench_case *c, int m)
{
	double start = bench_now(), t0, t1;
	double *const *out;

	do {
		t0 = bench_now();
		out = bench_run(c, m);
		t1 = bench_now();
		if (c->reps[m] == 0 || t1 - t0 < c->best[m])
			c->best[m] = t1 - t0;
		c->reps[m]++;
	} while (t1 - start < ROUND_SECONDS);
	checksum += out[0][0] + out[0][NPOINTS / 2] + out[0][NPOINTS - 1];
}

/*
 * The worst relative difference between a (engine) and b (hand) over the
 * grid; *where receives its index.  Near a zero of an output, rounding in
 * terms that cancel is not an error, so the denominator is at least a
 * thousandth of the output's range over the grid (and at least 1).
 */
static double
bench_rel_diff(const double *a, const double *b, size_t *where)
{
	double big = 0, worst = 0;

	for (size_t i = 0; i < NPOINTS; i++)
		if (fabs(b[i]) > big)
			big = fabs(b[i]);
	big = fmax(1, 1e-3 * big);
	*where = 0;
	for (size_t i = 0; i < NPOINTS; i++) {
		double d = fabs(a[i] - b[i]) /
		    fmax(big, fmax(fabs(a[i]), fabs(b[i])));

		if (isnan(d))
			d = INFINITY;
		if (d > worst) {
			worst = d;
			*where = i;
		}
	}
	return worst;
}

/* Compares the engine's nout outputs with the hand code's; 0 when they agree. */
static int
bench_check_hand(struct bench_case *c, int nout, const char *what,
		 double *worst)
{
	int bad = 0;

	for (int k = 0; k < nout; k++) {
		size_t i;
		double d = bench_rel_diff(eng_out[k], hand_out[k], &i);

		if (d > *worst)
			*worst = d;
		if (d < MAX_REL_DIFF)
			continue;
		fprintf(stderr, "expr_bench: %s (%s): %s differs from the "
			"hand-written code at (x, y) = (%.17g, %.17g): "
			"engine %.17g, hand %.17g, relative difference %.3g\n",
			c->fn->name, what, out_names[k], xs[i], ys[i],
			eng_out[k][i], hand_out[k][i], d);
		bad = 1;
	}
	return bad;
}

/* Checks that batch results (in eng_out) equal the scalar entry's bit for bit. */
static int
bench_check_bits(struct bench_case *c, struct expr_program *p,
		 const char *what)
{
	int nout = expr_program_nout(p);
	size_t mismatches = 0;

	for (size_t i = 0; i < NPOINTS; i++) {
		double pt[2] = { xs[i], ys[i] }, out[3];

		expr_eval(p, pt, out);
		for (int k = 0; k < nout; k++) {
			if (memcmp(&out[k], &eng_out[k][i], sizeof(double)) == 0)
				continue;
			if (mismatches++ == 0)
				fprintf(stderr, "expr_bench: %s (%s): batch and "
					"scalar %s differ at (x, y) = "
					"(%.17g, %.17g): batch %a, scalar %a\n",
					c->fn->name, what, out_names[k],
					xs[i], ys[i], eng_out[k][i], out[k]);
		}
	}
	if (mismatches > 0)
		fprintf(stderr, "expr_bench: %s (%s): %zu outputs differ "
			"between batch and scalar\n", c->fn->name, what,
			mismatches);
	return mismatches > 0;
}

static struct expr_program *
bench_compile(struct bench_case *c, unsigned what, int nout)
{
	struct diag err;
	struct expr_program *p = expr_compile(c->e, what, &err);

	if (p == NULL) {
		diag_print_source(stderr, "expr_bench", c->fn->src, &err);
		exit(1);
	}
	if (expr_program_nvars(p) != 2 || expr_program_nout(p) != nout) {
		fprintf(stderr, "expr_bench: %s: program has %d variables and "
			"%d outputs, expected 2 and %d\n", c->fn->name,
			expr_program_nvars(p), expr_program_nout(p), nout);
		exit(1);
	}
	return p;
}

/* Parses and compiles c's function and checks the engine; 0 when all is well. */
static int
bench_setup(struct bench_case *c)
{
	static const char *const vars[2] = { "x", "y" };
	const struct hand_build *builds[2] = { &hand_vm, &hand_native };
	struct diag err;
	int bad = 0;

	c->e = expr_parse(c->fn->src, vars, 2, &err);
	if (c->e == NULL) {
		diag_print_source(stderr, "expr_bench", c->fn->src, &err);
		exit(1);
	}
	c->pf = bench_compile(c, 0, 1);
	c->pg = bench_compile(c, EXPR_GRAD, 3);

	bench_run(c, M_BATCH_F);
	bad |= bench_check_bits(c, c->pf, "f");
	for (int b = 0; b < 2; b++) {
		bench_hand_f(builds[b], c);
		bad |= bench_check_hand(c, 1, "f", &c->rel_f);
	}

	bench_run(c, M_BATCH_FG);
	bad |= bench_check_bits(c, c->pg, "f+grad");
	for (int b = 0; b < 2; b++) {
		bench_hand_fg(builds[b], c);
		bad |= bench_check_hand(c, 3, "f+grad", &c->rel_fg);
	}

	/* The per-point hand function must be the same f as the loop. */
	bench_hand_scalar(hand_vm.fn[c->fn->hand].point, eng_out[0]);
	bench_hand_f(&hand_vm, c);
	if (bench_check_hand(c, 1, "hand per-point vs hand loop", &(double){0}))
		bad = 1;
	return bad;
}

static double
ns_per_point(double seconds)
{
	return seconds * 1e9 / (double)NPOINTS;
}

static const char *
verdict(double ratio, double target)
{
	return ratio <= target ? "ok" : "MISSED";
}

/* The line saying what one baseline is and how it was built. */
static void
print_baseline(const char *name, const char *what,
	       const struct hand_build *b, const char *report)
{
	char summary[512];

	printf("baseline %s: %s: %s", name, what, b->cflags);
	if (b->clones != NULL)
		printf(", target clones (%s) on each loop, %s in use",
		       b->clones, DESCENT_CLONE_IN_USE());
	vecinfo_describe(report, summary, sizeof summary);
	printf("; %s\n", summary);
}

/*
 * A table of results: for each function the times of measurements m[0..n)
 * and the ratios of m[0] to each of the others, and, when extra >= 0, to
 * the measurement extra (f+grad / f); the ratio numbered judge (0 for m[0]
 * / m[1], n - 1 for the extra one) is held to the target.
 */
struct table {
	const char *title;
	const char *heads[6];   /* n times, then the ratios */
	int m[3], n, extra, judge;
	const char *target_what;
	double target;
};

static const struct table tables[] = {
	{
		.title = "f alone: batch entry against the hand loops",
		.heads = { "batch", "hand vm", "hand native", "/ vm", "/ native" },
		.m = { M_BATCH_F, M_VM_F, M_NATIVE_F }, .n = 3, .extra = -1,
		.judge = 0, .target_what = "", .target = TARGET_BATCH_F,
	},
	{
		.title = "f and gradient: batch entry against the hand loops, "
			 "and against itself for f alone",
		.heads = { "batch", "hand vm", "hand native", "/ vm", "/ native",
			   "f+g / f" },
		.m = { M_BATCH_FG, M_VM_FG, M_NATIVE_FG }, .n = 3,
		.extra = M_BATCH_F, .judge = 2, .target_what = "f+g/f ",
		.target = TARGET_GRAD_OVER_F,
	},
	{
		.title = "one call per point: scalar entry against a hand "
			 "function (baseline vm)",
		.heads = { "scalar", "hand", "/ hand" },
		.m = { M_SCALAR, M_HAND_SCALAR }, .n = 2, .extra = -1,
		.judge = 0, .target_what = "", .target = TARGET_SCALAR,
	},
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static void
print_target(const struct table *t, double ratio)
{
	printf("   target %s<= %gx (%s)\n", t->target_what, t->target,
	       verdict(ratio, t->target));
}

/*
 * Prints table t: a row per function, and below the polynomials (listed
 * first) the geometric mean of their ratios, held to the target as
 * Rastrigin's ratio is.
 */
static void
print_table(const struct bench_case *cases, const struct table *t)
{
	int nratio = t->n - 1 + (t->extra >= 0), npoly = 0;
	double lsum[4] = { 0 };

	printf("\n%s\n%-16s", t->title, "function");
	for (int k = 0; k < t->n + nratio; k++)
		printf("%12s", t->heads[k]);
	putchar('\n');
	for (size_t f = 0; f < NFNS; f++) {
		const double *b = cases[f].best;
		double ratio[4];

		for (int k = 1; k < t->n; k++)
			ratio[k - 1] = b[t->m[0]] / b[t->m[k]];
		if (t->extra >= 0)
			ratio[t->n - 1] = b[t->m[0]] / b[t->extra];
		printf("%-16s", cases[f].fn->name);
		for (int k = 0; k < t->n; k++)
			printf("%12.2f", ns_per_point(b[t->m[k]]));
		for (int k = 0; k < nratio; k++)
			printf("%11.2fx", ratio[k]);
		if (!cases[f].fn->poly) {
			print_target(t, ratio[t->judge]);
			continue;
		}
		putchar('\n');
		for (int k = 0; k < nratio; k++)
			lsum[k] += log(ratio[k]);
		npoly++;
		if (f + 1 < NFNS && !cases[f + 1].fn->poly) {
			printf("%-16s%*s", "poly. geo. mean", 12 * t->n, "");
			for (int k = 0; k < nratio; k++)
				printf("%11.2fx", exp(lsum[k] / npoly));
			print_target(t, exp(lsum[t->judge] / npoly));
		}
	}
}

/*
 * The scalar entry's time per call of a chain of k dependent
 * instructions (x*y, then (that)*y + x, ... : one MULADD per link),
 * the best of a few rounds over the grid.
 */
static double
chain_time(int k, int *ninstr)
{
	char src[512] = "x*y", next[512];
	struct diag err = { 0 };
	struct expr *e;
	struct expr_program *p;
	double best = 0;

	for (int i = 1; i < k; i++) {
		snprintf(next, sizeof next, "(%s)*y + x", src);
		memcpy(src, next, sizeof src);
	}
	e = expr_parse(src, NULL, 0, &err);
	p = e != NULL ? expr_compile(e, 0, &err) : NULL;
	if (p == NULL) {
		fprintf(stderr, "expr_bench: %s: %s\n", src, err.message);
		exit(1);
	}
	*ninstr = expr_program_ninstr(p);
	for (int r = 0; r < 3 * ROUNDS; r++) {
		double t0 = bench_now(), t;

		bench_scalar(p, eng_out[0]);
		t = bench_now() - t0;
		if (r == 0 || t < best)
			best = t;
	}
	checksum += eng_out[0][NPOINTS / 3];
	expr_program_free(p);
	expr_free(e);
	return best;
}

/*
 * What bounds the ratios, measured: the batch entry's time per
 * instruction and point (each instruction a pass over its operands and
 * result in memory, where the hand loops keep values in registers), and
 * the scalar entry's fixed cost per call and per dependent instruction,
 * from chains of 1 to 8 instructions (a least-squares line).
 */
static void
print_cost_model(const struct bench_case *cases)
{
	enum { NCHAIN = 8 };
	double sx = 0, sy = 0, sxx = 0, sxy = 0, slope, fixed, hand = 0, poly = 0;
	int npoly = 0;

	printf("\nwhat bounds the ratios: the batch entry, ns per point and "
	       "instruction (f alone)\n");
	for (size_t f = 0; f < NFNS; f++) {
		const struct bench_case *c = &cases[f];
		double per = ns_per_point(c->best[M_BATCH_F]) / expr_program_ninstr(c->pf);

		printf("  %-14s %2d instructions  %6.3f ns each\n", c->fn->name,
		       expr_program_ninstr(c->pf), per);
		if (c->fn->poly) {
			poly += per;
			hand += ns_per_point(c->best[M_VM_F]);
			npoly++;
		}
	}
	poly /= npoly;
	hand /= npoly;
	printf("  polynomials: %.3f ns per instruction, the hand loops %.2f ns per "
	       "point: 1.5x allows %.1f instructions per point\n", poly, hand,
	       1.5 * hand / poly);
	printf("the scalar entry, ns per call of k dependent instructions\n ");
	for (int k = 1; k <= NCHAIN; k++) {
		int n;
		double t = ns_per_point(chain_time(k, &n));

		printf(" %d:%.2f", n, t);
		sx += n;
		sy += t;
		sxx += (double)n * n;
		sxy += n * t;
	}
	slope = (NCHAIN * sxy - sx * sy) / (NCHAIN * sxx - sx * sx);
	fixed = (sy - slope * sx) / NCHAIN;
	hand = 0;
	for (size_t f = 0; f < NFNS; f++)
		if (cases[f].fn->poly)
			hand += ns_per_point(cases[f].best[M_HAND_SCALAR]) / npoly;
	printf("\n  %.2f ns per call + %.2f ns per instruction; a hand function "
	       "%.2f ns per call (polynomials' mean): 3x allows %.1f instructions\n",
	       fixed, slope, hand, (3 * hand - fixed) / slope);
}

int
main(int argc, char **argv)
{
	struct bench_case cases[NFNS];
	int bad = 0, minreps = 0;

	if (argc > 3) {
		fprintf(stderr, "usage: expr_bench [VM-REPORT [NATIVE-REPORT]]\n");
		return 2;
	}
	xs = bench_array();
	ys = bench_array();
	for (int k = 0; k < 3; k++) {
		eng_out[k] = bench_array();
		hand_out[k] = bench_array();
	}
	bench_grid();

	memset(cases, 0, sizeof(cases));
	for (size_t f = 0; f < NFNS; f++) {
		cases[f].fn = &bench_fns[f];
		bad |= bench_setup(&cases[f]);
	}
	if (bad) {
		fprintf(stderr, "expr_bench: the engine's results are wrong; "
			"not timing\n");
		return 1;
	}

	for (int r = 0; r < ROUNDS; r++)
		for (size_t f = 0; f < NFNS; f++)
			for (size_t g = 0; g < NGROUPS; g++)
				for (int k = 0; k < groups[g].size; k++)
					bench_time(&cases[f], groups[g].first +
						   (r + k) % groups[g].size);

	for (size_t f = 0; f < NFNS; f++)
		for (int m = 0; m < M_COUNT; m++)
			if (minreps == 0 || cases[f].reps[m] < minreps)
				minreps = cases[f].reps[m];

	printf("expr_bench: the expression VM against the same functions "
	       "written in C\n");
	printf("grid: %dx%d points (%zu), x in [%g, %g], y in [%g, %g], "
	       "endpoints included, for all five functions\n",
	       GRID_NX, GRID_NY, NPOINTS, GRID_X0, GRID_X1, GRID_Y0, GRID_Y1);
	print_baseline("vm", "bench/expr-hand.c built as the VM "
		       "(src/expr/expr-vm.c)", &hand_vm, argc > 1 ? argv[1] : NULL);
	print_baseline("native", "the same source", &hand_native,
		       argc > 2 ? argv[2] : NULL);
	printf("loops counted from GCC's -fopt-info-vec report, each once "
	       "whatever its clones\n");
	printf("the VM: %s kernels (cos and sin from %s); the baselines' cos "
	       "and sin: %s\n", expr_kernels(), expr_kernels_math(),
#ifdef HAVE_LIBMVEC
	       "glibc's libmvec, through GCC's vectorizer (-fopenmp-simd)"
#else
	       "glibc's scalar libm (configured --disable-vector-math, or "
	       "no libmvec)"
#endif
	      );
	printf("times: ns per point, the best of at least %d repetitions in "
	       "%d interleaved rounds, in this run; targets judged against "
	       "the vm baseline\n", minreps, ROUNDS);

	for (size_t t = 0; t < NTABLES; t++)
		print_table(cases, &tables[t]);

	printf("\n%-16s%24s%24s%26s\n", "", "f alone", "f and grad",
	       "rel. diff to hand");
	printf("%-16s%12s%12s%12s%12s%13s%13s\n", "program", "instrs", "regs",
	       "instrs", "regs", "f", "f+grad");
	for (size_t f = 0; f < NFNS; f++) {
		const struct bench_case *c = &cases[f];

		printf("%-16s%12d%12d%12d%12d%13.1e%13.1e\n",
		       c->fn->name,
		       expr_program_ninstr(c->pf), expr_program_nregs(c->pf),
		       expr_program_ninstr(c->pg), expr_program_nregs(c->pg),
		       c->rel_f, c->rel_fg);
	}
	print_cost_model(cases);
	printf("\nchecksum %.17g\n", checksum);

	for (size_t f = 0; f < NFNS; f++) {
		expr_program_free(cases[f].pf);
		expr_program_free(cases[f].pg);
		expr_free(cases[f].e);
	}
	for (int k = 0; k < 3; k++) {
		free(eng_out[k]);
		free(hand_out[k]);
	}
	free(xs);
	free(ys);
	return 0;
}
