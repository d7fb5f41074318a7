/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-rules.c - the update rules of the optimizers and the
 * learning-rate schedules.  The first steps of every optimizer, taken by
 * the runner on x^4 (1D) and x^2 + 10*y^2 (2D), are compared (to 1e-14
 * relative) with the same steps worked out here by hand from the rule
 * written in optim.h, with gradients and Hessians written out in C, so
 * that nothing but the arithmetic is shared with the library.  The
 * opt_step interface is driven directly on several lanes at once, which
 * must give bit for bit what one lane at a time gives.  Newton lands on
 * the minimum of a positive definite quadratic in one step, is flagged
 * and still goes downhill at a saddle, and damping is (H + damping I)^-1.
 * The schedules give their documented rates, and sched_parse accepts
 * the documented forms and refuses bad ones with a message naming the
 * fault.  opt_find and opt_uses find what the table holds; the
 * parameter table covers every optimizer's parameters and reaches each
 * field, opt_names_text never writes past its buffer, and each optimizer
 * names its nstate state vectors.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/objective.h"
#include "descent/optim.h"

#define REL 1e-14
#define NSTEPS 3

/*
 * The test functions, by hand: f, gradient g (n values) and Hessian h
 * (n*n, row-major) at w.
 */
struct testfn {
	const char *src;
	int n;
	void (*eval)(const double *w, double *f, double *g, double *h);
	double start[2];
};

static void
quartic(const double *w, double *f, double *g, double *h)
{
	double x = w[0];

	*f = x * x * x * x;
	g[0] = 4 * x * x * x;
	h[0] = 12 * x * x;
}

static void
bowl(const double *w, double *f, double *g, double *h)
{
	double x = w[0], y = w[1];

	*f = x * x + 10 * y * y;
	g[0] = 2 * x;
	g[1] = 20 * y;
	h[0] = 2;
	h[1] = 0;
	h[2] = 0;
	h[3] = 20;
}

static const struct testfn functions[] = {
	{ "x^4", 1, quartic, { 1.5, 0 } },
	{ "x^2 + 10*y^2", 2, bowl, { 1.0, -0.7 } },
};

/* Parameters away from the defaults, so that each one is seen to matter. */
static struct opt_params
test_params(void)
{
	struct opt_params p = {
		.lr = 0.03, .beta = 0.8, .rho = 0.85, .beta1 = 0.85, .beta2 = 0.99,
		.eps = 1e-3, .damping = 0.25,
	};
	return p;
}

/*
 * One step of the optimizer named name, by hand, on the n parameters w
 * with gradient g and Hessian h; s1 and s2 are its state, t the step from
 * 1.  Newton is written for n <= 2 with a positive definite H + damping I.
 */
static void
hand_step(const char *name, int n, double *w, const double *g, const double *h,
	  double *s1, double *s2, long t, const struct opt_params *p)
{
	int k;

	if (strcmp(name, "newton") == 0) {
		if (n == 1) {
			w[0] -= p->lr * g[0] / (h[0] + p->damping);
		} else {
			double a = h[0] + p->damping, b = h[1], c = h[3] + p->damping;
			double det = a * c - b * b;
			double d0 = (c * g[0] - b * g[1]) / det;
			double d1 = (a * g[1] - b * g[0]) / det;
			w[0] -= p->lr * d0;
			w[1] -= p->lr * d1;
		}
		return;
	}
	for (k = 0; k < n; k++) {
		if (strcmp(name, "gd") == 0) {
			w[k] -= p->lr * g[k];
		} else if (strcmp(name, "momentum") == 0) {
			s1[k] = p->beta * s1[k] + g[k];
			w[k] -= p->lr * s1[k];
		} else if (strcmp(name, "nesterov") == 0) {
			s1[k] = p->beta * s1[k] + g[k];
			w[k] -= p->lr * (g[k] + p->beta * s1[k]);
		} else if (strcmp(name, "adagrad") == 0) {
			s1[k] += g[k] * g[k];
			w[k] -= p->lr * g[k] / (sqrt(s1[k]) + p->eps);
		} else if (strcmp(name, "rmsprop") == 0) {
			s1[k] = p->rho * s1[k] + (1 - p->rho) * g[k] * g[k];
			w[k] -= p->lr * g[k] / (sqrt(s1[k]) + p->eps);
		} else if (strcmp(name, "adam") == 0) {
			double mhat, vhat;
			s1[k] = p->beta1 * s1[k] + (1 - p->beta1) * g[k];
			s2[k] = p->beta2 * s2[k] + (1 - p->beta2) * g[k] * g[k];
			mhat = s1[k] / (1 - pow(p->beta1, (double)t));
			vhat = s2[k] / (1 - pow(p->beta2, (double)t));
			w[k] -= p->lr * mhat / (sqrt(vhat) + p->eps);
		} else {
			cr_assert_fail("hand_step: expected an optimizer with a rule written here, got \"%s\"",
				       name);
		}
	}
}

static const char *const all_names[] = {
	"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton", "bfgs", "lbfgs",
	"cg",
};
#define NOPT (sizeof all_names / sizeof all_names[0])

/* Runs name on fn through the runner and compares NSTEPS steps with hand_step. */
static void
check_rule(const char *name, const struct testfn *fn)
{
	const struct optimizer *opt = opt_find(name);
	struct objective *o;
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double w[2], s1[2] = { 0, 0 }, s2[2] = { 0, 0 }, f, g[2], h[4];
	struct diag err = { .message = "" };
	int k, i;

	cr_assert_not_null(opt, "opt_find(\"%s\"): expected the optimizer, got NULL", name);
	o = make_objective(fn->src);
	cr_assert_eq(objective_dim(o), fn->n, "%s: expected %d parameters, got %d",
		     fn->src, fn->n, objective_dim(o));
	run_config_init(&c, opt);
	c.params = test_params();
	c.tol = 0;
	r = run_new(o, &c, fn->start, &err);
	cr_assert_not_null(r, "run_new(%s on %s): expected a run, got NULL (%s)",
			   name, fn->src, err.message);
	for (k = 0; k <= NSTEPS; k++) {
		enum run_outcome out = run_step(r);
		cr_assert_eq(out, RUN_RUNNING, "%s on %s: step %d: expected running, got %s",
			     name, fn->src, k, run_outcome_name(out));
	}
	tr = run_trajectory(r);
	cr_assert_eq(tr->len, (size_t)NSTEPS + 1, "%s on %s: expected %d points, got %zu",
		     name, fn->src, NSTEPS + 1, tr->len);
	cr_assert_eq(tr->n, fn->n, "%s on %s: trajectory n: expected %d, got %d",
		     name, fn->src, fn->n, tr->n);
	memcpy(w, fn->start, sizeof w);
	for (k = 0; k <= NSTEPS; k++) {
		double gn = 0;
		fn->eval(w, &f, g, h);
		for (i = 0; i < fn->n; i++) {
			double got = tr->w[(size_t)k * fn->n + i];
			gn += g[i] * g[i];
			cr_expect(rel_close(got, w[i], REL),
				  "%s on %s: point %d, w[%d]: expected %.17g, got %.17g",
				  name, fn->src, k, i, w[i], got);
		}
		cr_expect(rel_close(tr->f[k], f, REL),
			  "%s on %s: point %d: f expected %.17g, got %.17g",
			  name, fn->src, k, f, tr->f[k]);
		cr_expect(rel_close(tr->gnorm[k], sqrt(gn), REL),
			  "%s on %s: point %d: |grad| expected %.17g, got %.17g",
			  name, fn->src, k, sqrt(gn), tr->gnorm[k]);
		cr_expect_eq(tr->lr[k], c.params.lr,
			     "%s on %s: point %d: lr expected %g (constant), got %g",
			     name, fn->src, k, c.params.lr, tr->lr[k]);
		cr_expect_eq(tr->flag[k], 0,
			     "%s on %s: point %d: expected no flag (H is positive definite), got %d",
			     name, fn->src, k, tr->flag[k]);
		hand_step(name, fn->n, w, g, h, s1, s2, k + 1, &c.params);
	}
	/* the state the runner keeps is the one of the rule */
	for (i = 0; i < opt->nstate; i++) {
		const double *st = run_state(r, i), *want = i == 0 ? s1 : s2;
		int j;
		cr_assert_not_null(st, "%s: run_state(%d): expected state, got NULL", name, i);
		for (j = 0; j < fn->n; j++)
			cr_expect(rel_close(st[j], want[j], REL),
				  "%s on %s: state %d[%d] after %d steps: expected %.17g, got %.17g",
				  name, fn->src, i, j, NSTEPS + 1, want[j], st[j]);
	}
	run_free(r);
	objective_free(o);
}

Test(optim_rules, gd)
{
	check_rule("gd", &functions[0]);
	check_rule("gd", &functions[1]);
}

Test(optim_rules, momentum)
{
	check_rule("momentum", &functions[0]);
	check_rule("momentum", &functions[1]);
}

Test(optim_rules, nesterov)
{
	check_rule("nesterov", &functions[0]);
	check_rule("nesterov", &functions[1]);
}

Test(optim_rules, adagrad)
{
	check_rule("adagrad", &functions[0]);
	check_rule("adagrad", &functions[1]);
}

Test(optim_rules, rmsprop)
{
	check_rule("rmsprop", &functions[0]);
	check_rule("rmsprop", &functions[1]);
}

Test(optim_rules, adam)
{
	check_rule("adam", &functions[0]);
	check_rule("adam", &functions[1]);
}

Test(optim_rules, newton)
{
	check_rule("newton", &functions[0]);
	check_rule("newton", &functions[1]);
}

/* Adam's first two steps spelled out as in the issue, on x^2 from 1. */
Test(optim_rules, adam_two_steps_spelled_out)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1, x0 = 1, start = x0;
	double g1, m1, v1, x1, g2, m2, v2, x2;
	struct diag err = { .message = "" };

	run_config_init(&c, &opt_adam);
	c.params.lr = lr;
	c.tol = 0;
	cr_assert_eq(c.params.beta1, b1, "adam's default beta1: expected %g, got %g", b1, c.params.beta1);
	cr_assert_eq(c.params.beta2, b2, "adam's default beta2: expected %g, got %g", b2, c.params.beta2);
	cr_assert_eq(c.params.eps, eps, "adam's default eps: expected %g, got %g", eps, c.params.eps);
	r = run_new(o, &c, &start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_step(r);
	run_step(r);
	run_step(r);
	tr = run_trajectory(r);

	g1 = 2 * x0;
	m1 = (1 - b1) * g1;
	v1 = (1 - b2) * g1 * g1;
	x1 = x0 - lr * (m1 / (1 - b1)) / (sqrt(v1 / (1 - b2)) + eps);
	g2 = 2 * x1;
	m2 = b1 * m1 + (1 - b1) * g2;
	v2 = b2 * v1 + (1 - b2) * g2 * g2;
	x2 = x1 - lr * (m2 / (1 - b1 * b1)) / (sqrt(v2 / (1 - b2 * b2)) + eps);
	cr_assert_eq(tr->len, 3, "expected 3 points, got %zu", tr->len);
	cr_expect(rel_close(tr->w[1], x1, REL), "adam x1: expected %.17g, got %.17g", x1, tr->w[1]);
	cr_expect(rel_close(tr->w[2], x2, REL), "adam x2: expected %.17g, got %.17g", x2, tr->w[2]);
	run_free(r);
	objective_free(o);
}

/*
 * The opt_step interface on several lanes at once: lanes with different
 * points, gradients and Hessians must each move exactly as they would
 * alone, and a newton lane at a saddle is flagged without flagging its
 * neighbours.
 */
#define LANES 4

static void
check_lanes(const struct optimizer *opt)
{
	static const double starts[LANES][2] = {
		{ 1.0, -0.7 }, { -2.5, 0.3 }, { 0.25, 4.0 }, { 3.0, 1.0 },
	};
	struct opt_params p = test_params();
	/* all lanes together */
	double w[2][LANES], g[2][LANES], h[4][LANES], s1[2][LANES], s2[2][LANES];
	double *wp[2] = { w[0], w[1] }, *gp[2] = { g[0], g[1] };
	double *hp[4] = { h[0], h[1], h[2], h[3] };
	double *s1p[2] = { s1[0], s1[1] }, *s2p[2] = { s2[0], s2[1] };
	unsigned char flag[LANES];
	/* one lane at a time */
	double w1[LANES][2], g1[2], h1[4], a1[LANES][2], b1[LANES][2];
	unsigned char flag1[LANES];
	long t;
	int k, lane;

	memset(s1, 0, sizeof s1);
	memset(s2, 0, sizeof s2);
	memset(a1, 0, sizeof a1);
	memset(b1, 0, sizeof b1);
	for (lane = 0; lane < LANES; lane++)
		for (k = 0; k < 2; k++)
			w[k][lane] = w1[lane][k] = starts[lane][k];
	for (t = 1; t <= 3; t++) {
		struct opt_step s = {
			.n = 2, .m = LANES, .w = wp, .g = gp, .h = hp, .s1 = s1p, .s2 = s2p,
			.t = t, .lr = p.lr, .p = &p, .flag = flag,
		};
		memset(flag, 0, sizeof flag);
		/* lane 3 sits on the saddle x^2 - y^2, the others in the bowl */
		for (lane = 0; lane < LANES; lane++) {
			double x = w[0][lane], y = w[1][lane];
			int saddle = lane == 3;
			g[0][lane] = 2 * x;
			g[1][lane] = saddle ? -2 * y : 20 * y;
			h[0][lane] = 2;
			h[1][lane] = h[2][lane] = 0;
			h[3][lane] = saddle ? -2 : 20;
		}
		opt->step(&s);
		for (lane = 0; lane < LANES; lane++) {
			double *gl[2] = { &g1[0], &g1[1] }, *hl[4] = { &h1[0], &h1[1], &h1[2], &h1[3] };
			double *wl[2] = { &w1[lane][0], &w1[lane][1] };
			double *al[2] = { &a1[lane][0], &a1[lane][1] }, *bl[2] = { &b1[lane][0], &b1[lane][1] };
			struct opt_step one = {
				.n = 2, .m = 1, .w = wl, .g = gl, .h = hl, .s1 = al, .s2 = bl,
				.t = t, .lr = p.lr, .p = &p, .flag = &flag1[lane],
			};
			int saddle = lane == 3;
			double x = w1[lane][0], y = w1[lane][1];
			g1[0] = 2 * x;
			g1[1] = saddle ? -2 * y : 20 * y;
			h1[0] = 2;
			h1[1] = h1[2] = 0;
			h1[3] = saddle ? -2 : 20;
			flag1[lane] = 0;
			opt->step(&one);
		}
		for (lane = 0; lane < LANES; lane++) {
			for (k = 0; k < 2; k++) {
				cr_expect_eq(w[k][lane], w1[lane][k],
					     "%s, step %ld, lane %d, w[%d]: expected %.17g (the lane alone), got %.17g",
					     opt->name, t, lane, k, w1[lane][k], w[k][lane]);
				cr_expect_eq(s1[k][lane], a1[lane][k],
					     "%s, step %ld, lane %d, s1[%d]: expected %.17g (the lane alone), got %.17g",
					     opt->name, t, lane, k, a1[lane][k], s1[k][lane]);
				cr_expect_eq(s2[k][lane], b1[lane][k],
					     "%s, step %ld, lane %d, s2[%d]: expected %.17g (the lane alone), got %.17g",
					     opt->name, t, lane, k, b1[lane][k], s2[k][lane]);
			}
			if (opt->needs_hessian) {
				int want = lane == 3;
				cr_expect_eq(flag[lane], want,
					     "%s, step %ld, lane %d: flag expected %d, got %d",
					     opt->name, t, lane, want, flag[lane]);
				cr_expect_eq(flag[lane], flag1[lane],
					     "%s, step %ld, lane %d: flag expected %d (the lane alone), got %d",
					     opt->name, t, lane, flag1[lane], flag[lane]);
			}
		}
	}
	/* and the bowl lanes moved as the rule says (newton's saddle lane aside) */
	for (lane = 0; lane < LANES; lane++) {
		double hw[2], hs1[2] = { 0, 0 }, hs2[2] = { 0, 0 }, f, hg[2], hh[4];
		if (lane == 3)
			continue;
		hw[0] = starts[lane][0];
		hw[1] = starts[lane][1];
		for (t = 1; t <= 3; t++) {
			bowl(hw, &f, hg, hh);
			hand_step(opt->name, 2, hw, hg, hh, hs1, hs2, t, &p);
		}
		for (k = 0; k < 2; k++)
			cr_expect(rel_close(w[k][lane], hw[k], REL),
				  "%s, lane %d after 3 steps, w[%d]: expected %.17g (by hand), got %.17g",
				  opt->name, lane, k, hw[k], w[k][lane]);
	}
}

Test(optim_rules, lanes_are_independent)
{
	size_t i;

	/* the quasi-Newton family's steps ask for evaluations: test-optim-qn.c */
	for (i = 0; opt_table[i] != NULL; i++)
		if (!opt_table[i]->line_search)
			check_lanes(opt_table[i]);
	cr_assert_eq(i, NOPT, "opt_table: expected %zu optimizers, got %zu", NOPT, i);
}

/* A positive definite quadratic whose minimum is (24/11, -26/11). */
Test(optim_rules, newton_one_step_on_a_quadratic)
{
	struct objective *o = make_objective("(x-1)^2 + 3*(y+2)^2 + x*y");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[2] = { -4.0, 7.5 }, want[2] = { 24.0 / 11, -26.0 / 11 };
	enum run_outcome out;
	struct diag err = { .message = "" };
	int k;

	run_config_init(&c, &opt_newton);
	cr_assert_eq(c.params.lr, 1.0, "newton's default lr: expected 1, got %g", c.params.lr);
	cr_assert_eq(c.params.damping, 0.0, "newton's default damping: expected 0, got %g",
		     c.params.damping);
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_CONVERGED, "expected converged, got %s", run_outcome_name(out));
	cr_expect_eq(tr->step, 1, "expected to converge at step 1, got step %ld", tr->step);
	cr_assert_eq(tr->len, 2, "expected 2 points (start and minimum), got %zu", tr->len);
	for (k = 0; k < 2; k++)
		cr_expect(fabs(tr->w[2 + k] - want[k]) <= 1e-12,
			  "point 1, w[%d]: expected %.17g, got %.17g", k, want[k], tr->w[2 + k]);
	cr_expect_eq(tr->flag[0], 0, "expected no flag on a positive definite H, got %d", tr->flag[0]);
	run_free(r);
	objective_free(o);
}

/* x^2 - y^2 from (1,1): H = diag(2,-2), |H| = 2I, so the step is g/2 = (1,-1). */
Test(optim_rules, newton_at_a_saddle)
{
	struct objective *o = make_objective("x^2 - y^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[2] = { 1, 1 };
	struct diag err = { .message = "" };

	run_config_init(&c, &opt_newton);
	c.tol = 0;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_step(r);
	run_step(r);
	tr = run_trajectory(r);
	cr_assert_eq(tr->len, 2, "expected 2 points, got %zu", tr->len);
	cr_expect_eq(tr->flag[0], 1, "step 0 at a saddle: expected flag 1, got %d", tr->flag[0]);
	cr_expect(tr->f[1] < tr->f[0], "f must decrease at a saddle: expected f1 < f0 = %g, got %g",
		  tr->f[0], tr->f[1]);
	cr_expect(rel_close(tr->w[2], 0.0, REL) && rel_close(tr->w[3], 2.0, REL),
		  "expected (0, 2) after one step, got (%.17g, %.17g)", tr->w[2], tr->w[3]);
	run_free(r);
	objective_free(o);
}

/* Damping: (H + damping I)^-1 g, and |lambda| + damping at a saddle. */
Test(optim_rules, newton_damping)
{
	struct objective *q = make_objective("(x-1)^2 + 3*(y+2)^2 + x*y");
	struct objective *sd = make_objective("x^2 - y^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double zero[2] = { 0, 0 }, one[2] = { 1, 1 };
	double damping = 0.5, a, b, cc, det, g0, g1, want0, want1;
	struct diag err = { .message = "" };

	run_config_init(&c, &opt_newton);
	c.params.damping = damping;
	c.tol = 0;
	r = run_new(q, &c, zero, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_step(r);
	run_step(r);
	tr = run_trajectory(r);
	/* at (0,0): g = (2(x-1) + y, 6(y+2) + x) = (-2, 12); H = [[2,1],[1,6]] */
	g0 = -2;
	g1 = 12;
	a = 2 + damping;
	b = 1;
	cc = 6 + damping;
	det = a * cc - b * b;
	want0 = -(cc * g0 - b * g1) / det;
	want1 = -(a * g1 - b * g0) / det;
	cr_expect(rel_close(tr->w[2], want0, REL) && rel_close(tr->w[3], want1, REL),
		  "damped newton from (0,0): expected (%.17g, %.17g), got (%.17g, %.17g)",
		  want0, want1, tr->w[2], tr->w[3]);
	cr_expect(fabs(tr->w[2] - 24.0 / 11) > 0.1,
		  "with damping: expected a step short of the minimum x = 24/11, got x = %.17g", tr->w[2]);
	cr_expect_eq(tr->flag[0], 0, "H + damping I is positive definite: expected flag 0, got %d",
		     tr->flag[0]);
	run_free(r);

	/* the saddle: mu = |+-2| + 1 = 3, step (2, -2)/3 */
	c.params.damping = 1;
	r = run_new(sd, &c, one, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_step(r);
	run_step(r);
	tr = run_trajectory(r);
	cr_expect(rel_close(tr->w[2], 1.0 / 3, REL) && rel_close(tr->w[3], 5.0 / 3, REL),
		  "damped newton at the saddle from (1,1): expected (1/3, 5/3), got (%.17g, %.17g)",
		  tr->w[2], tr->w[3]);
	cr_expect_eq(tr->flag[0], 1, "at a saddle with damping 1 < 2: expected flag 1, got %d",
		     tr->flag[0]);
	run_free(r);
	objective_free(q);
	objective_free(sd);
}

/* Schedules. */

static void
expect_lr(const struct schedule *s, double lr, long t, double want, const char *what)
{
	double got = sched_lr(s, lr, t);

	cr_expect(rel_close(got, want, REL), "%s: sched_lr(lr=%g, t=%ld): expected %.17g, got %.17g",
		  what, lr, t, want, got);
}

Test(optim_sched, constant)
{
	struct schedule s;
	long t;

	sched_init(&s);
	cr_expect_eq(s.kind, SCHED_CONSTANT, "sched_init: expected the constant kind, got %d", s.kind);
	cr_expect_eq(s.warmup, 0, "sched_init: expected no warmup, got %ld", s.warmup);
	for (t = 0; t < 2000; t += 97)
		expect_lr(&s, 0.3, t, 0.3, "constant");
}

Test(optim_sched, step)
{
	struct schedule s;

	sched_init(&s);
	s.kind = SCHED_STEP;
	s.every = 10;
	s.factor = 0.5;
	expect_lr(&s, 0.2, 0, 0.2, "step every 10 by 0.5");
	expect_lr(&s, 0.2, 9, 0.2, "step every 10 by 0.5");
	expect_lr(&s, 0.2, 10, 0.1, "step every 10 by 0.5");
	expect_lr(&s, 0.2, 25, 0.05, "step every 10 by 0.5");
}

Test(optim_sched, exponential)
{
	struct schedule s;
	long t;

	sched_init(&s);
	s.kind = SCHED_EXP;
	s.decay = 0.9;
	for (t = 0; t <= 5; t++) {
		double want = 0.1;
		long i;
		for (i = 0; i < t; i++)
			want *= 0.9;
		expect_lr(&s, 0.1, t, want, "exp decay 0.9");
	}
}

Test(optim_sched, cosine)
{
	struct schedule s;
	double lr = 0.1, min = 0.001;

	sched_init(&s);
	s.kind = SCHED_COSINE;
	s.period = 100;
	s.min = min;
	expect_lr(&s, lr, 0, lr, "cosine, t = 0");
	expect_lr(&s, lr, 50, (lr + min) / 2, "cosine, t = period/2");
	expect_lr(&s, lr, 100, min, "cosine, t = period");
	expect_lr(&s, lr, 1000, min, "cosine, t past the period");
	expect_lr(&s, lr, 25, min + (lr - min) * 0.5 * (1 + cos(M_PI / 4)), "cosine, t = period/4");
}

Test(optim_sched, warmup)
{
	struct schedule s;
	double lr = 0.4;
	long t;

	sched_init(&s);
	s.warmup = 4;
	expect_lr(&s, lr, 0, lr / 4, "warmup 4, t = 0");
	expect_lr(&s, lr, 1, 2 * lr / 4, "warmup 4, t = 1");
	expect_lr(&s, lr, 2, 3 * lr / 4, "warmup 4, t = 2");
	expect_lr(&s, lr, 3, lr, "warmup 4, t = 3");
	for (t = 4; t < 50; t++)
		expect_lr(&s, lr, t, lr, "warmup 4, after it");
}

/* The runner records the schedule's rate at every step. */
Test(optim_sched, runner_applies_the_schedule)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double x = 1, want = 1;
	struct diag err = { .message = "" };
	size_t k;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.tol = 0;
	c.max_steps = 12;
	c.sched.kind = SCHED_STEP;
	c.sched.every = 5;
	c.sched.factor = 0.5;
	r = run_new(o, &c, &x, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_all(r);
	tr = run_trajectory(r);
	cr_assert_eq(tr->len, 13, "expected 13 points, got %zu", tr->len);
	for (k = 0; k < tr->len; k++) {
		double lr = 0.1 * pow(0.5, (double)(k / 5));
		cr_expect(rel_close(tr->lr[k], lr, REL), "point %zu: lr expected %g, got %.17g",
			  k, lr, tr->lr[k]);
		cr_expect(rel_close(tr->w[k], want, REL), "point %zu: x expected %.17g, got %.17g",
			  k, want, tr->w[k]);
		want -= lr * 2 * want;
	}
	run_free(r);
	objective_free(o);
}

/* A schedule text that must parse. */
static void
expect_parse(const char *text, struct schedule *s)
{
	struct diag err = { .message = "" };
	int rc = sched_parse(text, s, &err);

	cr_assert_eq(rc, 0, "sched_parse(\"%s\"): expected 0, got %d (%s)", text, rc, err.message);
}

Test(optim_sched, parse_documented_forms)
{
	struct schedule s;

	expect_parse("constant", &s);
	cr_expect_eq(s.kind, SCHED_CONSTANT, "constant: kind expected %d, got %d", SCHED_CONSTANT, s.kind);
	cr_expect_eq(s.warmup, 0, "constant: warmup expected 0, got %ld", s.warmup);

	expect_parse("step:every=10,factor=0.25", &s);
	cr_expect_eq(s.kind, SCHED_STEP, "step: kind expected %d, got %d", SCHED_STEP, s.kind);
	cr_expect_eq(s.every, 10, "step: every expected 10, got %ld", s.every);
	cr_expect_eq(s.factor, 0.25, "step: factor expected 0.25, got %g", s.factor);

	expect_parse("exp:decay=0.995", &s);
	cr_expect_eq(s.kind, SCHED_EXP, "exp: kind expected %d, got %d", SCHED_EXP, s.kind);
	cr_expect_eq(s.decay, 0.995, "exp: decay expected 0.995, got %g", s.decay);

	expect_parse("cosine:period=200,min=1e-4", &s);
	cr_expect_eq(s.kind, SCHED_COSINE, "cosine: kind expected %d, got %d", SCHED_COSINE, s.kind);
	cr_expect_eq(s.period, 200, "cosine: period expected 200, got %ld", s.period);
	cr_expect_eq(s.min, 1e-4, "cosine: min expected 1e-4, got %g", s.min);

	expect_parse("constant:warmup=5", &s);
	cr_expect_eq(s.warmup, 5, "constant:warmup=5: warmup expected 5, got %ld", s.warmup);
	expect_parse("step:every=3,factor=0.1,warmup=2", &s);
	cr_expect(s.every == 3 && s.factor == 0.1 && s.warmup == 2,
		  "step:every=3,factor=0.1,warmup=2: expected 3, 0.1, 2, got %ld, %g, %ld",
		  s.every, s.factor, s.warmup);
	expect_parse("exp:decay=0.9,warmup=10", &s);
	cr_expect(s.decay == 0.9 && s.warmup == 10,
		  "exp:decay=0.9,warmup=10: expected 0.9, 10, got %g, %ld", s.decay, s.warmup);
	expect_parse("cosine:warmup=7,period=50,min=0", &s);
	cr_expect(s.period == 50 && s.min == 0 && s.warmup == 7,
		  "cosine:warmup=7,period=50,min=0: expected 50, 0, 7, got %ld, %g, %ld",
		  s.period, s.min, s.warmup);
	expect_parse("step:factor=1", &s);
	cr_expect_eq(s.factor, 1.0, "step:factor=1: factor expected 1 (the closed end), got %g", s.factor);
}

/* A schedule text that must fail, with each of words in the message. */
static void
expect_parse_error(const char *text, const char *w1, const char *w2)
{
	struct schedule s;
	struct diag err = { .message = "" };
	int rc = sched_parse(text, &s, &err);

	cr_expect_eq(rc, -1, "sched_parse(\"%s\"): expected -1, got %d", text, rc);
	cr_expect(strstr(err.message, w1) != NULL, "sched_parse(\"%s\"): expected a message with \"%s\", got \"%s\"",
		  text, w1, err.message);
	if (w2 != NULL)
		cr_expect(strstr(err.message, w2) != NULL,
			  "sched_parse(\"%s\"): expected a message with \"%s\", got \"%s\"", text, w2, err.message);
}

Test(optim_sched, parse_refusals)
{
	expect_parse_error("linear", "unknown", "linear");
	expect_parse_error("", "unknown", NULL);
	expect_parse_error(":every=3", "unknown", NULL);
	expect_parse_error("step:every=10,gamma=0.5", "gamma", "step");
	expect_parse_error("exp:period=10", "period", "exp");
	expect_parse_error("constant:decay=0.5", "decay", "constant");
	expect_parse_error("exp:decay=abc", "not a number", "abc");
	expect_parse_error("cosine:period=100,min=x", "not a number", "min");
	expect_parse_error("step:factor=", "not a number", "factor");
	expect_parse_error("step:factor=1.5", "factor", "(0, 1]");
	expect_parse_error("step:factor=0", "factor", "(0, 1]");
	expect_parse_error("step:factor=-0.5", "factor", "(0, 1]");
	expect_parse_error("exp:decay=1.01", "decay", "(0, 1]");
	expect_parse_error("step:every=2.5", "every", "whole number");
	expect_parse_error("step:every=0", "every", "at least 1");
	expect_parse_error("cosine:period=-3", "period", "whole number");
	expect_parse_error("constant:warmup=1.5", "warmup", "whole number");
	expect_parse_error("step:every", "every", "KEY=VALUE");
	expect_parse_error("cosine:min=-1", "min", "negative");
}

/* The table, opt_find and opt_uses. */
Test(optim_table, find)
{
	size_t i;

	for (i = 0; i < NOPT; i++) {
		const struct optimizer *o = opt_find(all_names[i]);
		cr_expect_not_null(o, "opt_find(\"%s\"): expected the optimizer, got NULL", all_names[i]);
		if (o == NULL)
			continue;
		cr_expect_str_eq(o->name, all_names[i], "opt_find(\"%s\"): expected that name, got \"%s\"",
				 all_names[i], o->name);
		cr_expect_eq(o, opt_table[i], "opt_table[%zu]: expected %s (the course's order), got %s",
			     i, all_names[i], opt_table[i] ? opt_table[i]->name : "NULL");
		cr_expect_not_null(o->step, "%s: expected a step function, got NULL", o->name);
		cr_expect(o->rule != NULL && o->rule[0] != '\0', "%s: expected a rule text, got none", o->name);
		cr_expect_eq(o->needs_hessian, strcmp(o->name, "newton") == 0,
			     "%s: needs_hessian expected %d, got %d", o->name,
			     strcmp(o->name, "newton") == 0, o->needs_hessian);
	}
	cr_expect_null(opt_table[NOPT], "opt_table: expected NULL after %zu entries, got %s",
		       NOPT, opt_table[NOPT] ? opt_table[NOPT]->name : "");
	cr_expect_null(opt_find("sgd"), "opt_find(\"sgd\"): expected NULL, got an optimizer");
	cr_expect_null(opt_find(""), "opt_find(\"\"): expected NULL, got an optimizer");
	cr_expect_null(opt_find("Adam"), "opt_find(\"Adam\"): expected NULL (names are exact), got one");
	cr_expect_null(opt_find("ada"), "opt_find(\"ada\"): expected NULL (no prefixes), got one");
	cr_expect_eq(opt_gd.nstate, 0, "gd nstate: expected 0, got %d", opt_gd.nstate);
	cr_expect_eq(opt_momentum.nstate, 1, "momentum nstate: expected 1, got %d", opt_momentum.nstate);
	cr_expect_eq(opt_nesterov.nstate, 1, "nesterov nstate: expected 1, got %d", opt_nesterov.nstate);
	cr_expect_eq(opt_adagrad.nstate, 1, "adagrad nstate: expected 1, got %d", opt_adagrad.nstate);
	cr_expect_eq(opt_rmsprop.nstate, 1, "rmsprop nstate: expected 1, got %d", opt_rmsprop.nstate);
	cr_expect_eq(opt_adam.nstate, 2, "adam nstate: expected 2, got %d", opt_adam.nstate);
	cr_expect_eq(opt_newton.nstate, 0, "newton nstate: expected 0, got %d", opt_newton.nstate);
}

Test(optim_table, uses)
{
	static const struct {
		const char *opt, *param;
		int uses;
	} cases[] = {
		{ "gd", "lr", 1 }, { "gd", "beta", 0 }, { "gd", "l", 0 }, { "gd", "eps", 0 },
		{ "momentum", "lr", 1 }, { "momentum", "beta", 1 }, { "momentum", "rho", 0 },
		{ "nesterov", "beta", 1 }, { "nesterov", "eps", 0 },
		{ "adagrad", "lr", 1 }, { "adagrad", "eps", 1 }, { "adagrad", "rho", 0 },
		{ "rmsprop", "rho", 1 }, { "rmsprop", "eps", 1 }, { "rmsprop", "beta", 0 },
		{ "adam", "beta1", 1 }, { "adam", "beta2", 1 }, { "adam", "eps", 1 },
		{ "adam", "beta", 0 }, { "adam", "lr", 1 }, { "adam", "damping", 0 },
		{ "newton", "damping", 1 }, { "newton", "lr", 1 }, { "newton", "beta", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct optimizer *o = opt_find(cases[i].opt);
		int got;
		cr_assert_not_null(o, "opt_find(\"%s\"): expected the optimizer, got NULL", cases[i].opt);
		got = opt_uses(o, cases[i].param);
		cr_expect_eq(!!got, cases[i].uses, "opt_uses(%s, \"%s\"): expected %d, got %d",
			     cases[i].opt, cases[i].param, cases[i].uses, got);
	}
}

/*
 * An empty parameter name is no parameter.  opt_uses searches with strstr
 * and advances by the name's length, so "" could loop forever: it runs in
 * a child process that is given a tenth of a second, so that a hang is a
 * failure with a message rather than a stuck suite.
 */
Test(optim_table, uses_empty_name)
{
	pid_t pid = fork();
	int status = 0, i;

	cr_assert(pid >= 0, "fork: expected a child, got an error");
	if (pid == 0)
		_exit(opt_uses(&opt_gd, "") ? 1 : 0);
	for (i = 0; i < 10; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		nanosleep(&ts, NULL);
	}
	if (i == 10) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		cr_assert_fail("opt_uses(gd, \"\"): expected 0 at once, got no answer in 0.1 s "
			       "(it loops forever)");
	}
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "opt_uses(gd, \"\"): expected 0, got %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Every optimizer's params string names only parameters of the table. */
Test(optim_table, params_are_in_the_parameter_table)
{
	size_t i;

	for (i = 0; opt_table[i] != NULL; i++) {
		const struct optimizer *o = opt_table[i];
		char buf[128], *item, *save = NULL;
		int k, named = 0;

		cr_assert_lt(strlen(o->params), sizeof buf, "%s: params too long", o->name);
		strcpy(buf, o->params);
		for (item = strtok_r(buf, ",", &save); item != NULL;
		     item = strtok_r(NULL, ",", &save)) {
			cr_expect_geq(opt_param_find(item), 0, "%s: parameter \"%s\" is not in "
				      "opt_params_table", o->name, item);
			named++;
		}
		/* and opt_uses agrees with the table, parameter by parameter */
		for (k = 0; k < OPT_PARAM_COUNT; k++)
			named -= opt_uses(o, opt_params_table[k].name) != 0;
		cr_expect_eq(named, 0, "%s: \"%s\" names a parameter twice or one "
			     "outside the table", o->name, o->params);
		cr_expect(opt_uses(o, opt_params_table[OPT_PARAM_LR].name),
			  "%s: every optimizer uses lr", o->name);
		/* the defaults of what it uses are in range */
		for (k = 0; k < OPT_PARAM_COUNT; k++)
			if (opt_uses(o, opt_params_table[k].name))
				cr_expect(opt_param_in_range(k, opt_param_get(&o->defaults, k)),
					  "%s: default %s = %g out of range", o->name,
					  opt_params_table[k].name, opt_param_get(&o->defaults, k));
	}
}

/* opt_param_slot and opt_param_get reach each field, and find by name. */
Test(optim_table, param_slots_round_trip)
{
	struct opt_params p;
	double *fields[OPT_PARAM_COUNT] = {
		[OPT_PARAM_LR] = &p.lr, [OPT_PARAM_BETA] = &p.beta,
		[OPT_PARAM_RHO] = &p.rho, [OPT_PARAM_BETA1] = &p.beta1,
		[OPT_PARAM_BETA2] = &p.beta2, [OPT_PARAM_EPS] = &p.eps,
		[OPT_PARAM_DAMPING] = &p.damping, [OPT_PARAM_MEMORY] = &p.memory,
	};
	static const char *const names[OPT_PARAM_COUNT] = {
		"lr", "beta", "rho", "beta1", "beta2", "eps", "damping", "memory",
	};
	int k, j;

	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		const struct opt_param *q = &opt_params_table[k];
		memset(&p, 0, sizeof p);
		cr_expect_eq(opt_param_slot(&p, k), fields[k], "%s: slot is not its field",
			     q->name);
		*opt_param_slot(&p, k) = 0.25 + k;
		for (j = 0; j < OPT_PARAM_COUNT; j++)
			cr_expect_eq(opt_param_get(&p, j), j == k ? 0.25 + k : 0,
				     "after setting %s: %s = %g", q->name,
				     opt_params_table[j].name, opt_param_get(&p, j));
		cr_expect_str_eq(q->name, names[k]);
		cr_expect_eq(opt_param_find(q->name), k, "opt_param_find(\"%s\")", q->name);
		cr_expect(q->meaning != NULL && q->meaning[0] != '\0', "%s: no meaning", q->name);
	}
	cr_expect_eq(opt_param_find("alpha"), -1);
	cr_expect_eq(opt_param_find("bet"), -1);
	cr_expect_eq(opt_param_find(""), -1);
}

Test(optim_table, param_ranges)
{
	static const struct {
		int k;
		double v;
		int ok;
	} cases[] = {
		{ OPT_PARAM_LR, 0.1, 1 }, { OPT_PARAM_LR, 0, 0 }, { OPT_PARAM_LR, -1, 0 },
		{ OPT_PARAM_LR, INFINITY, 0 }, { OPT_PARAM_LR, NAN, 0 },
		{ OPT_PARAM_BETA, 0, 1 }, { OPT_PARAM_BETA, 0.999, 1 }, { OPT_PARAM_BETA, 1, 0 },
		{ OPT_PARAM_BETA2, -0.1, 0 }, { OPT_PARAM_RHO, NAN, 0 },
		{ OPT_PARAM_EPS, 1e-8, 1 }, { OPT_PARAM_EPS, 0, 0 },
		{ OPT_PARAM_DAMPING, 0, 1 }, { OPT_PARAM_DAMPING, 1e9, 1 },
		{ OPT_PARAM_DAMPING, -1e-9, 0 }, { OPT_PARAM_DAMPING, INFINITY, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_eq(opt_param_in_range(cases[i].k, cases[i].v), cases[i].ok,
			     "%s = %g: expected %d", opt_params_table[cases[i].k].name,
			     cases[i].v, cases[i].ok);
	cr_expect_str_eq(opt_param_range_text(OPT_PARAM_LR), "positive");
	cr_expect_str_eq(opt_param_range_text(OPT_PARAM_DAMPING), "zero or more");
	cr_expect_str_eq(opt_param_range_text(OPT_PARAM_BETA1), "in [0, 1)");
	cr_expect_str_eq(opt_param_range_text(OPT_PARAM_MEMORY), "a whole number from 1 to 100");
	cr_expect(opt_param_in_range(OPT_PARAM_MEMORY, 1) && opt_param_in_range(OPT_PARAM_MEMORY, 100),
		  "memory: 1 and 100 are whole numbers in range");
	cr_expect(!opt_param_in_range(OPT_PARAM_MEMORY, 0) &&
		  !opt_param_in_range(OPT_PARAM_MEMORY, 101) &&
		  !opt_param_in_range(OPT_PARAM_MEMORY, 2.5) &&
		  !opt_param_in_range(OPT_PARAM_MEMORY, NAN), "memory: 0, 101, 2.5 and nan are not");
	cr_expect_eq(opt_state_size(&opt_adam, 3, &opt_adam.defaults), 6);
	cr_expect_eq(opt_state_size(&opt_bfgs, 3, &opt_bfgs.defaults), 9);
	cr_expect_eq(opt_state_size(&opt_lbfgs, 3, &opt_lbfgs.defaults), 2 * 10 * 3 + 10 + 2);
	cr_expect_eq(opt_state_size(&opt_cg, 3, &opt_cg.defaults), 7);
}

/* The list of names, whole and cut short; it never writes past size. */
Test(optim_table, names_text)
{
	static const char full[] = "gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, "
		"lbfgs or cg";
	const char *const *names = opt_names();
	char buf[sizeof full + 8];
	size_t size, i;

	cr_expect_eq(opt_count(), NOPT);
	for (i = 0; i < NOPT; i++)
		cr_expect_str_eq(names[i], opt_table[i]->name);
	cr_expect_null(names[NOPT]);
	cr_expect_eq(opt_names_text(buf, sizeof buf, " or "), strlen(full));
	cr_expect_str_eq(buf, full);
	opt_names_text(buf, sizeof buf, ", ");
	cr_expect_str_eq(buf, "gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, lbfgs, cg");
	for (size = 0; size <= sizeof full; size++) {
		memset(buf, '#', sizeof buf);
		cr_expect_eq(opt_names_text(buf, size, " or "), strlen(full), "size %zu", size);
		for (i = size; i < sizeof buf; i++)
			cr_expect_eq(buf[i], '#', "size %zu: byte %zu written", size, i);
		if (size > 0) {
			cr_expect_eq(strlen(buf), size - 1 < strlen(full) ? size - 1 : strlen(full),
				     "size %zu: not terminated in place", size);
			cr_expect_eq(strncmp(buf, full, size - 1), 0, "size %zu: \"%s\"", size, buf);
		}
	}
}

/* Each optimizer names exactly its nstate state vectors. */
Test(optim_table, state_names_match_nstate)
{
	size_t i;
	int s;

	for (i = 0; opt_table[i] != NULL; i++) {
		const struct optimizer *o = opt_table[i];
		cr_expect(o->nstate >= 0 && o->nstate <= 2, "%s: nstate %d", o->name, o->nstate);
		for (s = 0; s < 2; s++) {
			if (s < o->nstate) {
				cr_expect(o->state_names[s] != NULL && o->state_names[s][0] != '\0',
					  "%s: state %d has no name", o->name, s);
				if (o->state_names[s] != NULL)
					cr_expect_not_null(strstr(o->rule, o->state_names[s]),
							   "%s: state %s is not in its rule \"%s\"",
							   o->name, o->state_names[s], o->rule);
			} else {
				cr_expect_null(o->state_names[s], "%s: a name for state %d of %d",
					       o->name, s, o->nstate);
			}
		}
	}
	cr_expect_str_eq(opt_adagrad.state_names[0], "G");
	cr_expect_str_eq(opt_rmsprop.state_names[0], "E[g^2]");
	cr_expect_str_eq(opt_adam.state_names[0], "m");
	cr_expect_str_eq(opt_adam.state_names[1], "v");
	cr_expect_str_eq(opt_momentum.state_names[0], "v");
}

/* sched_text writes what sched_parse reads back as the same schedule, exactly. */
Test(optim_rules, schedule_text_reads_back)
{
	static const char *const specs[] = {
		"constant", "constant,warmup=5", "step:every=7,factor=0.3", "exp:decay=0.99",
		"cosine:period=50,min=0.001,warmup=3", "step:every=1,factor=0.1",
	};
	static const char *const want[] = {
		"constant", "constant,warmup=5", "step:every=7,factor=0.3", "exp:decay=0.99",
		"cosine:period=50,min=0.001,warmup=3", "step:every=1,factor=0.1",
	};
	size_t i;

	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		struct schedule s, t;
		struct diag err;
		char text[160];
		long k;

		cr_assert_eq(sched_parse(specs[i], &s, &err), 0, "%s", specs[i]);
		sched_text(&s, text, sizeof text);
		cr_expect_str_eq(text, want[i]);
		cr_assert_eq(sched_parse(text, &t, &err), 0, "%s: %s", text, err.message);
		for (k = 0; k < 200; k++)
			cr_expect_eq(sched_lr(&s, 0.1, k), sched_lr(&t, 0.1, k), "%s at %ld", text, k);
	}
	{
		struct schedule s;
		char text[160];
		sched_init(&s);
		s.kind = SCHED_EXP;
		s.decay = 0.1 + 0.2;    /* 0.30000000000000004: every digit kept */
		sched_text(&s, text, sizeof text);
		cr_expect_str_eq(text, "exp:decay=0.30000000000000004");
	}
}
