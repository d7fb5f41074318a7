/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-bench.c - how close the expression engine runs to hand-written C.
 *
 * For five classic test functions, on a 400x200 grid (80000 points,
 * flattened row-major), it times in nanoseconds per point:
 *   1. f alone through the batch entry, against a hand-written loop;
 *   2. f and the gradient through the batch entry, against a hand-written
 *      loop with the analytic gradient (and batch f+grad against batch f);
 *   3. the scalar entry called once per point, against a hand-written
 *      function called once per point.
 * Both sides read the same input arrays and write output arrays of the
 * same size, so memory traffic is equal.
 *
 * Before timing anything it checks that the engine agrees with the hand
 * code (so a wrong hand gradient cannot make a bad comparison) and that
 * the batch entry is bit-identical to the scalar entry; either failure
 * exits 1.  Missing a speed target only prints so: timings on a shared
 * machine are not a test.
 *
 * Timing: each measurement is repeated for a while in each of several
 * rounds, engine and hand-written alternately (the order flips from round
 * to round), and the best repetition counts: on a noisy machine the
 * minimum is the robust estimator, and interleaving spreads drift over
 * both sides.  The whole run takes about 10 seconds.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "descent/expr.h"
#include "expr-hand.h"

#define GRID_NX 400
#define GRID_NY 200
#define NPOINTS ((size_t)GRID_NX * GRID_NY)

#ifndef ROUNDS
#define ROUNDS 5                /* interleaved rounds per measurement */
#endif
#ifndef ROUND_SECONDS
#define ROUND_SECONDS 0.05      /* minimum time per measurement per round */
#endif

/* Agreement required between the engine and the hand-written code. */
#define MAX_REL_DIFF 1e-9

/* Speed targets, as ratios engine / hand-written (or f+grad / f). */
#define TARGET_BATCH_F 1.5
#define TARGET_GRAD_OVER_F 3.0
#define TARGET_SCALAR 5.0

struct bench_fn {
	const char *name;
	const char *src;
	double x0, x1, y0, y1;
	double (*hand)(double, double);
	void (*hand_f)(size_t, const double *restrict,
		       const double *restrict, double *restrict);
	void (*hand_fg)(size_t, const double *restrict,
			const double *restrict, double *restrict,
			double *restrict, double *restrict);
};

static const struct bench_fn bench_fns[] = {
	{
		.name = "rosenbrock",
		.src = "(1-x)^2+100*(y-x^2)^2",
		.x0 = -2, .x1 = 2, .y0 = -1, .y1 = 3,
		.hand = hand_rosen, .hand_f = hand_rosen_f,
		.hand_fg = hand_rosen_fg,
	},
	{
		.name = "himmelblau",
		.src = "(x^2+y-11)^2+(x+y^2-7)^2",
		.x0 = -5, .x1 = 5, .y0 = -5, .y1 = 5,
		.hand = hand_himmel, .hand_f = hand_himmel_f,
		.hand_fg = hand_himmel_fg,
	},
	{
		.name = "rastrigin",
		.src = "20+x^2-10*cos(2*pi*x)+y^2-10*cos(2*pi*y)",
		.x0 = -5.12, .x1 = 5.12, .y0 = -5.12, .y1 = 5.12,
		.hand = hand_rastrigin, .hand_f = hand_rastrigin_f,
		.hand_fg = hand_rastrigin_fg,
	},
	{
		.name = "beale",
		.src = "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2",
		.x0 = -4.5, .x1 = 4.5, .y0 = -4.5, .y1 = 4.5,
		.hand = hand_beale, .hand_f = hand_beale_f,
		.hand_fg = hand_beale_fg,
	},
	{
		.name = "camel6",
		.src = "(4-2.1*x^2+x^4/3)*x^2+x*y+(-4+4*y^2)*y^2",
		.x0 = -3, .x1 = 3, .y0 = -2, .y1 = 2,
		.hand = hand_camel, .hand_f = hand_camel_f,
		.hand_fg = hand_camel_fg,
	},
};
#define NFNS (sizeof(bench_fns) / sizeof(bench_fns[0]))

/* The measurements, in engine/hand-written pairs. */
enum {
	M_BATCH_F, M_HAND_F,
	M_BATCH_FG, M_HAND_FG,
	M_SCALAR, M_HAND_SCALAR,
	M_COUNT
};

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
bench_grid(const struct bench_fn *fn)
{
	for (size_t j = 0; j < GRID_NY; j++) {
		double y = fn->y0 + (fn->y1 - fn->y0) * (double)j / (GRID_NY - 1);

		for (size_t i = 0; i < GRID_NX; i++) {
			xs[j * GRID_NX + i] = fn->x0 +
			    (fn->x1 - fn->x0) * (double)i / (GRID_NX - 1);
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

/* Runs measurement m of c once. */
static void
bench_run(struct bench_case *c, int m)
{
	switch (m) {
	case M_BATCH_F:
		bench_batch(c->pf, eng_out);
		break;
	case M_HAND_F:
		c->fn->hand_f(NPOINTS, xs, ys, hand_out[0]);
		break;
	case M_BATCH_FG:
		bench_batch(c->pg, eng_out);
		break;
	case M_HAND_FG:
		c->fn->hand_fg(NPOINTS, xs, ys, hand_out[0], hand_out[1],
			       hand_out[2]);
		break;
	case M_SCALAR:
		bench_scalar(c->pf, eng_out[0]);
		break;
	case M_HAND_SCALAR:
		bench_hand_scalar(c->fn->hand, hand_out[0]);
		break;
	}
}

/* Repeats measurement m for a round, keeping the best repetition. */
static void
bench_time(struct bench_case *c, int m)
{
	double start = bench_now(), t0, t1;
	double *const *out = (m & 1) ? hand_out : eng_out;

	do {
		t0 = bench_now();
		bench_run(c, m);
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

	*worst = 0;
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
	struct diag err;
	int bad = 0;

	c->e = expr_parse(c->fn->src, vars, 2, &err);
	if (c->e == NULL) {
		diag_print_source(stderr, "expr_bench", c->fn->src, &err);
		exit(1);
	}
	c->pf = bench_compile(c, 0, 1);
	c->pg = bench_compile(c, EXPR_GRAD, 3);

	bench_grid(c->fn);
	bench_run(c, M_BATCH_F);
	c->fn->hand_f(NPOINTS, xs, ys, hand_out[0]);
	bad |= bench_check_hand(c, 1, "f", &c->rel_f);
	bad |= bench_check_bits(c, c->pf, "f");

	c->fn->hand_fg(NPOINTS, xs, ys, hand_out[0], hand_out[1], hand_out[2]);
	bench_run(c, M_BATCH_FG);
	bad |= bench_check_hand(c, 3, "f+grad", &c->rel_fg);
	bad |= bench_check_bits(c, c->pg, "f+grad");

	/* The per-point hand function must be the same f as the loop. */
	bench_hand_scalar(c->fn->hand, eng_out[0]);
	c->fn->hand_f(NPOINTS, xs, ys, hand_out[0]);
	if (bench_check_hand(c, 1, "hand per-point vs hand loop", &(double){0}))
		bad = 1;
	return bad;
}

static double
ns_per_point(double seconds)
{
	return seconds * 1e9 / (double)NPOINTS;
}

/* Prints title centred in a rule of dashes width columns wide. */
static void
print_rule(const char *title, int width)
{
	int len = (int)strlen(title) + 2;
	int left = (width - len) / 2, right = width - len - left;

	printf("%.*s %s %.*s", left > 0 ? left : 0, "--------------------",
	       title, right > 0 ? right : 0, "--------------------");
}

static const char *
verdict(double ratio, double target)
{
	return ratio <= target ? "ok" : "MISSED";
}

int
main(void)
{
	struct bench_case cases[NFNS];
	double lsum[4] = { 0 }, gmean[4];
	int bad = 0, minreps = 0;

	xs = bench_array();
	ys = bench_array();
	for (int k = 0; k < 3; k++) {
		eng_out[k] = bench_array();
		hand_out[k] = bench_array();
	}

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
		for (size_t f = 0; f < NFNS; f++) {
			bench_grid(cases[f].fn);
			for (int m = 0; m < M_COUNT; m += 2) {
				/* Flip the order every round. */
				bench_time(&cases[f], m + (r & 1));
				bench_time(&cases[f], m + !(r & 1));
			}
		}

	for (size_t f = 0; f < NFNS; f++)
		for (int m = 0; m < M_COUNT; m++)
			if (minreps == 0 || cases[f].reps[m] < minreps)
				minreps = cases[f].reps[m];

	printf("expr_bench: %dx%d grid (%zu points), times are the best of "
	       "at least %d runs\n\n", GRID_NX, GRID_NY, NPOINTS, minreps);
	printf("%-12s ", "");
	print_rule("f alone", 24);
	fputs(" | ", stdout);
	print_rule("f and gradient", 32);
	fputs(" | ", stdout);
	print_rule("one call per point", 24);
	putchar('\n');
	printf("%-12s %8s%8s%8s | %8s%8s%8s%8s | %8s%8s%8s\n", "function",
	       "batch", "hand", "ratio", "batch", "hand", "ratio", "f+g/f",
	       "scalar", "hand", "ratio");
	printf("%-12s %8s%8s%8s | %8s%8s%8s%8s | %8s%8s\n", "",
	       "ns/pt", "ns/pt", "", "ns/pt", "ns/pt", "", "",
	       "ns/call", "ns/call");
	for (size_t f = 0; f < NFNS; f++) {
		const double *b = cases[f].best;
		double ratio[4] = {
			b[M_BATCH_F] / b[M_HAND_F],
			b[M_BATCH_FG] / b[M_HAND_FG],
			b[M_BATCH_FG] / b[M_BATCH_F],
			b[M_SCALAR] / b[M_HAND_SCALAR],
		};

		for (int k = 0; k < 4; k++)
			lsum[k] += log(ratio[k]);
		printf("%-12s %8.2f%8.2f%7.2fx | %8.2f%8.2f%7.2fx%7.2fx | "
		       "%8.2f%8.2f%7.2fx\n", cases[f].fn->name,
		       ns_per_point(b[M_BATCH_F]), ns_per_point(b[M_HAND_F]),
		       ratio[0],
		       ns_per_point(b[M_BATCH_FG]), ns_per_point(b[M_HAND_FG]),
		       ratio[1], ratio[2],
		       ns_per_point(b[M_SCALAR]), ns_per_point(b[M_HAND_SCALAR]),
		       ratio[3]);
	}
	for (int k = 0; k < 4; k++)
		gmean[k] = exp(lsum[k] / (double)NFNS);
	printf("%-12s %8s%8s%7.2fx | %8s%8s%7.2fx%7.2fx | %8s%8s%7.2fx\n",
	       "geo. mean", "", "", gmean[0], "", "", gmean[1], gmean[2],
	       "", "", gmean[3]);
	printf("\ntargets (geometric means): batch f <= %.1fx hand (%s), "
	       "f+grad <= %.0fx f alone (%s),\n"
	       "                           scalar <= %.0fx hand (%s)\n",
	       TARGET_BATCH_F, verdict(gmean[0], TARGET_BATCH_F),
	       TARGET_GRAD_OVER_F, verdict(gmean[2], TARGET_GRAD_OVER_F),
	       TARGET_SCALAR, verdict(gmean[3], TARGET_SCALAR));

	printf("\n%-12s ", "");
	print_rule("f alone", 17);
	fputs(" | ", stdout);
	print_rule("f and grad", 17);
	fputs(" | ", stdout);
	print_rule("rel. diff to hand", 21);
	putchar('\n');
	printf("%-12s %8s %8s | %8s %8s | %10s %10s\n", "program",
	       "instrs", "regs", "instrs", "regs", "f", "f+grad");
	for (size_t f = 0; f < NFNS; f++) {
		const struct bench_case *c = &cases[f];

		printf("%-12s %8d %8d | %8d %8d | %10.1e %10.1e\n",
		       c->fn->name,
		       expr_program_ninstr(c->pf), expr_program_nregs(c->pf),
		       expr_program_ninstr(c->pg), expr_program_nregs(c->pg),
		       c->rel_f, c->rel_fg);
	}
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
