/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-run.c - the runner: what it records and how it decides that
 * a run has ended.  Gradient descent on x^2 follows x_k = 0.8^k x_0; past
 * lr = 1 it diverges at the step computed here by hand from the bound
 * (the default 1e8 and a small one, on |f| and on the point); a run
 * converges where the hand-run recurrence says it does; the step limit,
 * a non-finite f and a non-finite gradient each end a run with their
 * outcome and reason, and a run that ended stays ended.  Gradient noise
 * is reproducible by its seed; the Armijo line search rescues a rate that
 * diverges without it; run_lanes gives each lane what a run of it alone
 * gives, diverging lanes included, wherever they sit among the lanes;
 * run_state shows the optimizer's state.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/objective.h"
#include "descent/optim.h"

#define REL 1e-14

static struct run *
start_run(struct objective *o, const struct run_config *c, const double *start)
{
	struct diag err = { .message = "" };
	struct run *r = run_new(o, c, start, &err);

	cr_assert_not_null(r, "run_new(%s): expected a run, got NULL (%s)", c->opt->name, err.message);
	return r;
}

/* Runs c on src from start to its end; the caller frees the run. */
static struct run *
run_to_end(struct objective *o, const struct run_config *c, const double *start)
{
	struct run *r = start_run(o, c, start);

	run_all(r);
	return r;
}

Test(optim_run, gd_on_x2_is_geometric)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double x0 = 3;
	int k;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.max_steps = 19;
	c.tol = 0;
	r = run_to_end(o, &c, &x0);
	tr = run_trajectory(r);
	cr_assert_eq(tr->len, 20, "expected 20 points, got %zu", tr->len);
	for (k = 0; k < 20; k++) {
		double want = pow(0.8, k) * x0;
		cr_expect(rel_close(tr->w[k], want, REL), "x_%d: expected 0.8^%d * 3 = %.17g, got %.17g",
			  k, k, want, tr->w[k]);
		cr_expect(rel_close(tr->f[k], want * want, 4 * REL), "f_%d: expected %.17g, got %.17g",
			  k, want * want, tr->f[k]);
		cr_expect(rel_close(tr->gnorm[k], 2 * want, REL), "|grad|_%d: expected %.17g, got %.17g",
			  k, 2 * want, tr->gnorm[k]);
	}
	run_free(r);
	objective_free(o);
}

/*
 * lr = 1.1 on x^2 from x0: x_k = (-1.2)^k x0, f_k = 1.44^k x0^2.  The
 * first k with f_k or |x_k| past the bound, computed from the closed
 * form, with a check that neither is within 1% of the bound (so rounding
 * cannot move it).
 */
static long
first_past(double x0, double bound, const char **why)
{
	long k;

	for (k = 0; k < 1000; k++) {
		double x = pow(1.2, (double)k) * fabs(x0), f = x * x;
		if (x > bound || f > bound) {
			double xp = x / 1.2, fp = xp * xp;
			cr_assert(fabs(x / bound - 1) > 0.01 && fabs(f / bound - 1) > 0.01 &&
				  xp < 0.99 * bound && fp < 0.99 * bound,
				  "test setup: expected |x| and f at steps %ld and %ld at least 1%% from "
				  "the bound %g, got |x| = %g, f = %g and |x| = %g, f = %g",
				  k - 1, k, bound, xp, fp, x, f);
			*why = x > bound ? "the point" : "|f|";
			return k;
		}
	}
	cr_assert_fail("test setup: expected the bound %g passed within 1000 steps, got never", bound);
	return -1;
}

static void
check_diverges(double x0, double bound, long want_step, const char *want_why)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	const char *why = NULL;
	long k = first_past(x0, bound, &why);
	enum run_outcome out;

	cr_assert_eq(k, want_step, "test setup: expected the hand count to give step %ld, got %ld",
		     want_step, k);
	cr_assert_str_eq(why, want_why, "test setup: expected %s past the bound, got %s", want_why, why);
	run_config_init(&c, &opt_gd);
	c.params.lr = 1.1;
	c.bound = bound;
	r = start_run(o, &c, &x0);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_DIVERGED, "lr 1.1, bound %g: expected diverged, got %s", bound,
		     run_outcome_name(out));
	cr_expect_eq(tr->outcome, RUN_DIVERGED, "trajectory outcome: expected diverged, got %s",
		     run_outcome_name(tr->outcome));
	cr_expect_eq(tr->step, k, "lr 1.1, bound %g: expected to diverge at step %ld, got %ld",
		     bound, k, tr->step);
	cr_expect_eq(tr->len, (size_t)k + 1, "expected %ld points, got %zu", k + 1, tr->len);
	cr_expect(strstr(tr->reason, why) != NULL, "reason: expected it to name %s, got \"%s\"",
		  why, tr->reason);
	if (tr->len >= 2) {
		double last = tr->w[tr->len - 1], prev = tr->w[tr->len - 2];
		cr_expect(fabs(last) > bound || last * last > bound,
			  "the last point: expected past the bound %g, got x = %g", bound, last);
		cr_expect(fabs(prev) <= bound && prev * prev <= bound,
			  "the point before: expected within the bound %g, got x = %g", bound, prev);
	}
	run_free(r);
	objective_free(o);
}

/* 1.44^50 = 8.3e7 < 1e8 < 1.44^51 = 1.2e8: |f| passes the default bound at 51. */
Test(optim_run, diverges_past_default_bound)
{
	struct run_config c;

	run_config_init(&c, &opt_gd);
	cr_assert_eq(c.bound, 1e8, "the default bound: expected 1e8, got %g", c.bound);
	cr_assert_eq(c.max_steps, 1000, "the default step limit: expected 1000, got %ld", c.max_steps);
	cr_assert_eq(c.tol, 1e-6, "the default tolerance: expected 1e-6, got %g", c.tol);
	check_diverges(1, 1e8, 51, "|f|");
}

/* 1.44^12 = 79 < 100 < 1.44^13 = 114. */
Test(optim_run, diverges_past_small_bound_on_f)
{
	check_diverges(1, 100, 13, "|f|");
}

/* From 0.01: |x| = 0.01*1.2^k passes 0.5 at k = 22 while f = 0.3 is within. */
Test(optim_run, diverges_past_small_bound_on_the_point)
{
	check_diverges(0.01, 0.5, 22, "the point");
}

Test(optim_run, converges)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[2] = { 1, 1 }, x = 1, y = 1;
	long want = 0;
	enum run_outcome out;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.03;
	/*
	 * by hand: x *= 0.94, y *= 0.4 until |(2x, 20y)| < tol, which is at
	 * step 235, where |grad| is 3% below tol (no rounding can move it)
	 */
	while (!(hypot(2 * x, 20 * y) < c.tol)) {
		x -= 0.03 * 2 * x;
		y -= 0.03 * 20 * y;
		want++;
	}
	cr_assert(want == 235 && hypot(2 * x, 20 * y) < 0.98 * c.tol,
		  "test setup: expected convergence at step 235 by a margin, got step %ld, |grad| %g",
		  want, hypot(2 * x, 20 * y));
	r = start_run(o, &c, start);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_CONVERGED, "expected converged, got %s", run_outcome_name(out));
	cr_expect_eq(tr->step, want, "expected to converge at step %ld, got %ld", want, tr->step);
	cr_assert_eq(tr->len, (size_t)tr->step + 1, "expected %ld points, got %zu", tr->step + 1, tr->len);
	cr_expect(tr->gnorm[tr->len - 1] < c.tol, "final |grad|: expected < %g, got %g",
		  c.tol, tr->gnorm[tr->len - 1]);
	cr_expect(tr->gnorm[tr->len - 2] >= c.tol, "|grad| one step before: expected >= %g, got %g",
		  c.tol, tr->gnorm[tr->len - 2]);
	cr_expect_str_eq(tr->reason, "", "a converged run: expected no reason, got \"%s\"", tr->reason);
	cr_expect(fabs(run_point(r)[0]) < 1e-6 && fabs(run_point(r)[1]) < 1e-6,
		  "run_point: expected near (0,0), got (%g, %g)", run_point(r)[0], run_point(r)[1]);
	run_free(r);
	objective_free(o);
}

Test(optim_run, step_limit)
{
	struct objective *o = make_objective("x^2 + y^2");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[2] = { 1, -2 };
	enum run_outcome out;
	int k;

	run_config_init(&c, &opt_gd);
	c.max_steps = 5;
	r = start_run(o, &c, start);
	for (k = 0; k < 5; k++) {
		out = run_step(r);
		cr_expect_eq(out, RUN_RUNNING, "step %d: expected running, got %s", k, run_outcome_name(out));
	}
	out = run_step(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_MAX_STEPS, "expected the step limit, got %s", run_outcome_name(out));
	cr_expect_eq(tr->len, 6, "expected 6 points, got %zu", tr->len);
	cr_expect_eq(tr->step, 5, "expected to end at step 5, got %ld", tr->step);
	/* an ended run stays ended and records nothing more */
	out = run_step(r);
	cr_expect_eq(out, RUN_MAX_STEPS, "run_step after the end: expected the step limit, got %s",
		     run_outcome_name(out));
	cr_expect_eq(tr->len, 6, "run_step after the end: expected still 6 points, got %zu", tr->len);
	out = run_all(r);
	cr_expect_eq(out, RUN_MAX_STEPS, "run_all after the end: expected the step limit, got %s",
		     run_outcome_name(out));
	run_free(r);
	objective_free(o);
}

/* log(x) from 1 with lr 2: x1 = 1 - 2*1 = -1, log(-1) is nan. */
Test(optim_run, f_not_finite)
{
	struct objective *o = make_objective("log(x)");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double x0 = 1;
	enum run_outcome out;

	run_config_init(&c, &opt_gd);
	c.params.lr = 2;
	r = start_run(o, &c, &x0);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_DIVERGED, "expected diverged, got %s", run_outcome_name(out));
	cr_expect_eq(tr->step, 1, "expected to end at step 1, got %ld", tr->step);
	cr_expect_eq(tr->len, 2, "expected 2 points, got %zu", tr->len);
	cr_expect(tr->len == 2 && tr->w[1] == -1, "expected x1 = -1, got %g", tr->len == 2 ? tr->w[1] : NAN);
	cr_expect(tr->len == 2 && isnan(tr->f[1]), "expected f1 = nan, got %g", tr->len == 2 ? tr->f[1] : 0);
	cr_expect(tr->reason[0] != '\0', "expected a reason, got \"\"");
	cr_expect(strstr(tr->reason, "f") != NULL && strstr(tr->reason, "finite") != NULL,
		  "expected a reason like \"f is not finite\", got \"%s\"", tr->reason);
	run_free(r);
	objective_free(o);
}

/* sqrt(x) at 0: f = 0 is finite, the gradient 1/(2 sqrt(x)) is not. */
Test(optim_run, gradient_not_finite)
{
	struct objective *o = make_objective("sqrt(x)");
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double x0 = 0;
	enum run_outcome out;

	run_config_init(&c, &opt_gd);
	r = start_run(o, &c, &x0);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_DIVERGED, "expected diverged, got %s", run_outcome_name(out));
	cr_expect_eq(tr->step, 0, "expected to end at step 0, got %ld", tr->step);
	cr_expect_eq(tr->f[0], 0.0, "f at 0: expected 0, got %g", tr->f[0]);
	cr_expect(strstr(tr->reason, "gradient") != NULL,
		  "expected a reason naming the gradient, got \"%s\"", tr->reason);
	run_free(r);
	objective_free(o);
}

Test(optim_run, outcome_names)
{
	static const struct {
		enum run_outcome o;
		const char *name;
	} names[] = {
		{ RUN_RUNNING, "running" }, { RUN_CONVERGED, "converged" },
		{ RUN_MAX_STEPS, "step limit" }, { RUN_DIVERGED, "diverged" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		cr_expect_str_eq(run_outcome_name(names[i].o), names[i].name,
				 "run_outcome_name(%d): expected \"%s\", got \"%s\"", names[i].o,
				 names[i].name, run_outcome_name(names[i].o));
}

/* Two trajectories are the same, point for point, bit for bit. */
static int
same_trajectory(const struct trajectory *a, const struct trajectory *b)
{
	return a->len == b->len && a->n == b->n && a->outcome == b->outcome &&
	       memcmp(a->w, b->w, a->len * (size_t)a->n * sizeof *a->w) == 0 &&
	       memcmp(a->f, b->f, a->len * sizeof *a->f) == 0;
}

static struct run *
noisy_run(struct objective *o, double noise, uint64_t seed)
{
	struct run_config c;
	double start[2] = { 2, -1 };

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.max_steps = 50;
	c.tol = 0;
	c.noise = noise;
	c.seed = seed;
	return run_to_end(o, &c, start);
}

Test(optim_run, noise_is_reproducible)
{
	struct objective *o = make_objective("x^2 + y^2");
	struct run *a = noisy_run(o, 0.5, 42), *b = noisy_run(o, 0.5, 42);
	struct run *d = noisy_run(o, 0.5, 43);
	struct run *z1 = noisy_run(o, 0, 42), *z2 = noisy_run(o, 0, 7);
	struct run_config c;
	struct run *plain;
	double start[2] = { 2, -1 };
	const struct trajectory *ta = run_trajectory(a), *tp;
	size_t k;

	cr_expect(same_trajectory(ta, run_trajectory(b)),
		  "noise 0.5, seed 42 twice: expected identical trajectories, got different ones");
	cr_expect(!same_trajectory(ta, run_trajectory(d)),
		  "noise 0.5, seeds 42 and 43: expected different trajectories, got identical ones");
	cr_expect(same_trajectory(run_trajectory(z1), run_trajectory(z2)),
		  "noise 0 with seeds 42 and 7: expected identical trajectories, got different ones");
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.max_steps = 50;
	c.tol = 0;
	plain = run_to_end(o, &c, start);
	tp = run_trajectory(plain);
	cr_expect(same_trajectory(run_trajectory(z1), tp),
		  "noise 0: expected the trajectory of a run without noise, got another");
	cr_expect(!same_trajectory(ta, tp),
		  "noise 0.5: expected a trajectory unlike the noiseless one, got the same");
	/* the recorded |grad| is the true one, not the noisy one */
	for (k = 0; k < ta->len; k++) {
		double want = 2 * hypot(ta->w[2 * k], ta->w[2 * k + 1]);
		cr_expect(rel_close(ta->gnorm[k], want, REL),
			  "noisy run, point %zu: recorded |grad| expected the true %.17g, got %.17g",
			  k, want, ta->gnorm[k]);
	}
	run_free(a);
	run_free(b);
	run_free(d);
	run_free(z1);
	run_free(z2);
	run_free(plain);
	objective_free(o);
}

Test(optim_run, line_search_rescues_a_large_rate)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct run *r;
	double x0 = 1;
	enum run_outcome out;

	run_config_init(&c, &opt_gd);
	c.params.lr = 1.5;
	r = start_run(o, &c, &x0);
	out = run_all(r);
	cr_expect_eq(out, RUN_DIVERGED, "gd lr 1.5 on x^2 without line search: expected diverged, got %s",
		     run_outcome_name(out));
	run_free(r);

	c.line_search = 1;
	r = start_run(o, &c, &x0);
	out = run_all(r);
	cr_expect_eq(out, RUN_CONVERGED, "gd lr 1.5 on x^2 with line search: expected converged, got %s",
		     run_outcome_name(out));
	cr_expect(fabs(run_point(r)[0]) < 1e-6, "with line search: expected x near 0, got %g",
		  run_point(r)[0]);
	{
		const struct trajectory *tr = run_trajectory(r);
		size_t k;
		for (k = 1; k < tr->len; k++)
			cr_expect(tr->f[k] < tr->f[k - 1],
				  "with line search: expected f[%zu] < f[%zu] = %g, got %g",
				  k, k - 1, tr->f[k - 1], tr->f[k]);
	}
	run_free(r);
	objective_free(o);
}

Test(optim_run, line_search_only_for_gd_and_newton)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	double x0 = 1;
	struct diag err = { .message = "" };
	struct run *r;

	run_config_init(&c, &opt_adam);
	c.line_search = 1;
	r = run_new(o, &c, &x0, &err);
	cr_expect_null(r, "adam with line search: expected NULL, got a run");
	cr_expect(strstr(err.message, "line search") != NULL && strstr(err.message, "adam") != NULL,
		  "expected a message naming the line search and adam, got \"%s\"", err.message);
	run_free(r);
	run_config_init(&c, &opt_newton);
	c.line_search = 1;
	r = run_new(o, &c, &x0, &err);
	cr_expect_not_null(r, "newton with line search: expected a run, got NULL (%s)", err.message);
	run_free(r);
	objective_free(o);
}

/*
 * Runs the lanes together and each alone, and checks that they agree
 * exactly: final point, outcome and step.
 */
static void
check_lanes_match_runs(struct objective *o, const struct run_config *c, size_t m,
		       const double *const *starts, enum run_outcome *outcome,
		       double *const *final)
{
	int n = objective_dim(o), k;
	long *steps = calloc(m, sizeof *steps);
	size_t i;

	cr_assert_not_null(steps, "calloc: expected memory for %zu steps, got NULL", m);
	run_lanes(o, c, m, starts, final, outcome, steps);
	for (i = 0; i < m; i++) {
		double start[2];
		struct run *r;
		const struct trajectory *tr;
		enum run_outcome out;
		char at[64];
		for (k = 0; k < n; k++)
			start[k] = starts[k][i];
		if (n == 1)
			snprintf(at, sizeof at, "%g", start[0]);
		else
			snprintf(at, sizeof at, "%g, %g", start[0], start[1]);
		r = start_run(o, c, start);
		out = run_all(r);
		tr = run_trajectory(r);
		cr_expect_eq(outcome[i], out, "lane %zu from (%s): outcome expected %s (a run alone), got %s",
			     i, at, run_outcome_name(out), run_outcome_name(outcome[i]));
		cr_expect_eq(steps[i], tr->step, "lane %zu from (%s): step expected %ld (a run alone), got %ld",
			     i, at, tr->step, steps[i]);
		for (k = 0; k < n; k++) {
			double want = run_point(r)[k];
			cr_expect(final[k][i] == want || (isnan(want) && isnan(final[k][i])),
				  "lane %zu from (%s): final[%d] expected %.17g (a run alone), got %.17g",
				  i, at, k, want,
				  final[k][i]);
		}
		run_free(r);
	}
	free(steps);
}

Test(optim_run, lanes_converge)
{
	struct objective *o = make_objective("x^2 + y^2");
	struct run_config c;
	double xs[25], ys[25], fx[25], fy[25];
	const double *starts[2] = { xs, ys };
	double *final[2] = { fx, fy };
	enum run_outcome outcome[25];
	size_t i;

	for (i = 0; i < 25; i++) {
		xs[i] = -3 + 1.5 * (double)(i % 5);
		ys[i] = -2.9 + 1.45 * (double)(i / 5);
	}
	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	check_lanes_match_runs(o, &c, 25, starts, outcome, final);
	for (i = 0; i < 25; i++) {
		cr_expect_eq(outcome[i], RUN_CONVERGED, "lane %zu from (%g, %g): expected converged, got %s",
			     i, xs[i], ys[i], run_outcome_name(outcome[i]));
		cr_expect(2 * hypot(fx[i], fy[i]) < c.tol,
			  "lane %zu: expected |grad| < %g at the end, got (%g, %g)", i, c.tol, fx[i], fy[i]);
	}
	objective_free(o);
}

/*
 * x^4 with lr 0.1: from 0.5 it converges (slowly, hence tol 1e-3), from
 * 10 the first step goes to 10 - 0.1*4000 = -390 and it diverges.  The
 * diverging lane first and last: a lane that ends must not disturb the
 * ones still running.
 */
Test(optim_run, lanes_one_diverges)
{
	struct objective *o = make_objective("x^4");
	struct run_config c;
	static const double orders[2][2] = { { 0.5, 10 }, { 10, 0.5 } };
	int which;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.tol = 1e-3;
	c.max_steps = 5000;
	for (which = 0; which < 2; which++) {
		double xs[2] = { orders[which][0], orders[which][1] }, fx[2];
		const double *starts[1] = { xs };
		double *final[1] = { fx };
		enum run_outcome outcome[2];
		int conv = which == 0 ? 0 : 1, div = 1 - conv;
		check_lanes_match_runs(o, &c, 2, starts, outcome, final);
		cr_expect_eq(outcome[conv], RUN_CONVERGED, "x^4 from 0.5 (lane %d): expected converged, got %s",
			     conv, run_outcome_name(outcome[conv]));
		cr_expect(fabs(fx[conv]) < 0.1, "x^4 from 0.5 (lane %d): expected x near 0, got %g",
			  conv, fx[conv]);
		cr_expect_eq(outcome[div], RUN_DIVERGED, "x^4 from 10 (lane %d): expected diverged, got %s",
			     div, run_outcome_name(outcome[div]));
	}
	objective_free(o);
}

/* Many lanes ending at different steps, for momentum (state to keep) and newton. */
Test(optim_run, lanes_mixed_endings)
{
	struct objective *o = make_objective("x^4 - 8*x^2 + 5");
	static const char *const names[] = { "gd", "momentum", "adam", "newton" };
	double xs[9] = { -40, -2.5, -1, 0.5, 30, 1.5, 2.2, -60, 3 }, fx[9];
	const double *starts[1] = { xs };
	double *final[1] = { fx };
	enum run_outcome outcome[9];
	struct run_config c;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		run_config_init(&c, opt_find(names[i]));
		c.params.lr = strcmp(names[i], "newton") == 0 ? 1 : 0.01;
		c.max_steps = 300;
		check_lanes_match_runs(o, &c, 9, starts, outcome, final);
	}
	objective_free(o);
}

Test(optim_run, state_is_the_velocity)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct run_config c;
	struct run *r;
	double start[2] = { 1, -0.5 };
	const double *v;

	run_config_init(&c, &opt_momentum);
	r = start_run(o, &c, start);
	v = run_state(r, 0);
	cr_assert_not_null(v, "momentum: run_state(0): expected the velocity, got NULL");
	cr_expect(v[0] == 0 && v[1] == 0, "momentum before a step: expected v = 0, got (%g, %g)",
		  v[0], v[1]);
	run_step(r);
	v = run_state(r, 0);
	cr_expect(v[0] == 2 && v[1] == -10,
		  "momentum after one step: expected v = g0 = (2, -10), got (%.17g, %.17g)", v[0], v[1]);
	cr_expect_null(run_state(r, 1), "momentum: run_state(1): expected NULL (one state), got a vector");
	run_free(r);

	run_config_init(&c, &opt_gd);
	r = start_run(o, &c, start);
	run_step(r);
	cr_expect_null(run_state(r, 0), "gd: run_state(0): expected NULL (no state), got a vector");
	run_free(r);

	run_config_init(&c, &opt_adam);
	r = start_run(o, &c, start);
	run_step(r);
	cr_expect_not_null(run_state(r, 0), "adam: run_state(0): expected m, got NULL");
	cr_expect_not_null(run_state(r, 1), "adam: run_state(1): expected v, got NULL");
	if (run_state(r, 1) != NULL)
		cr_expect(rel_close(run_state(r, 1)[1], (1 - 0.999) * 100, REL),
			  "adam after one step: v[1] expected (1-beta2)*g^2 = %.17g, got %.17g",
			  (1 - 0.999) * 100, run_state(r, 1)[1]);
	run_free(r);
	objective_free(o);
}

/* One point, flat arrays: the same numbers as objective_eval, at any dim. */
Test(objective, eval_point_matches_eval)
{
	static const char *const src[] = {
		"x^3 - 2*x",
		"(1-x)^2 + 100*(y-x^2)^2",
		"a^2 + 2*b^2 + 3*c^2 + a*b*c + d*m + f^3 + g*h + i*j - k",      /* 11 */
	};
	size_t s;

	for (s = 0; s < sizeof src / sizeof src[0]; s++) {
		struct objective *o = make_objective(src[s]);
		int n = objective_dim(o), k;
		double x[16], f1, f2, f3, g1[16], g2[16], h1[256], h2[256], h3[256];
		const double *xp[16];
		double *gp[16], *hp[256];
		cr_assert_eq(n, s == 2 ? 11 : (int)s + 1, "the last has more than 8 variables");
		for (k = 0; k < n; k++) {
			x[k] = 0.3 + 0.1 * k;
			xp[k] = &x[k];
			gp[k] = &g1[k];
		}
		for (k = 0; k < n * n; k++)
			hp[k] = &h1[k];
		objective_eval(o, 1, xp, &f1, gp, hp);
		objective_eval_point(o, x, &f2, g2, h2);
		objective_eval_point(o, x, &f3, NULL, h3);      /* the Hessian alone */
		cr_assert_eq(f1, f2, "%s", src[s]);
		cr_assert_eq(f1, f3, "%s", src[s]);
		for (k = 0; k < n; k++)
			cr_assert_eq(g1[k], g2[k], "%s: g[%d]", src[s], k);
		for (k = 0; k < n * n; k++) {
			cr_assert_eq(h1[k], h2[k], "%s: h[%d]", src[s], k);
			cr_assert_eq(h1[k], h3[k], "%s: h[%d]", src[s], k);
		}
		objective_eval_point(o, x, &f2, NULL, NULL);
		cr_assert_eq(f1, f2);
		objective_free(o);
	}
}

/*
 * A step back, then forward again, is the same step bit for bit, for
 * every optimizer, with gradient noise (the generator is part of the
 * state) and a decaying schedule: the point and the optimizer's state.
 */
Test(optim_run, a_step_back_then_forward_repeats_the_step)
{
	struct objective *o = make_objective("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
	double start[2] = { 0.5, -0.5 };
	size_t i;

	for (i = 0; opt_table[i] != NULL; i++) {
		struct run_config c;
		struct run *r, *b;
		struct diag err;
		int k, s;
		run_config_init(&c, opt_table[i]);
		c.params.lr = opt_table[i] == &opt_newton ? 0.5 : 0.002;
		/* the quasi-Newton family searches with the true f: no noise */
		c.noise = opt_table[i]->line_search ? 0 : 0.3;
		c.seed = 42;
		r = start_run(o, &c, start);
		for (k = 0; k < 7; k++)
			run_step(r);
		b = run_back(r, &err);
		cr_assert_not_null(b, "%s: no step back: %s", opt_table[i]->name, err.message);
		cr_expect_eq(run_trajectory(b)->len, run_trajectory(r)->len - 1,
			     "%s: one record less", opt_table[i]->name);
		cr_expect(memcmp(run_point(b), run_trajectory(r)->w + 6 * 2, 2 * sizeof(double)) == 0,
			  "%s: back at the point of step 6", opt_table[i]->name);
		run_step(b);
		cr_expect(memcmp(run_point(b), run_point(r), 2 * sizeof(double)) == 0,
			  "%s: forward again: (%.17g, %.17g), not (%.17g, %.17g)", opt_table[i]->name,
			  run_point(b)[0], run_point(b)[1], run_point(r)[0], run_point(r)[1]);
		for (s = 0; s < 2; s++)
			if (run_state(r, s) != NULL)
				cr_expect(memcmp(run_state(b, s), run_state(r, s), 2 * sizeof(double)) == 0,
					  "%s: state %d differs after a step back and forward",
					  opt_table[i]->name, s);
		run_free(b);
		run_free(r);
	}
	objective_free(o);
}

Test(optim_run, no_step_back_from_the_start)
{
	struct objective *o = make_objective("x^2");
	struct run_config c;
	struct diag err;
	double x0 = 1;
	struct run *r;

	run_config_init(&c, &opt_gd);
	r = start_run(o, &c, &x0);
	cr_expect_null(run_back(r, &err), "a run that has not moved has no step back");
	cr_expect_str_eq(err.message, "the run is at its start");
	run_free(r);
	objective_free(o);
}

/* Many lanes' starts and endings, for the tests that run them together. */
enum { LANES = 700 };
static struct {
	double xs[LANES], ys[LANES], fx[LANES], fy[LANES];
	enum run_outcome outcome[LANES];
	long steps[LANES];
} lanes;
static const double *const lane_starts[2] = { lanes.xs, lanes.ys };
static double *const lane_final[2] = { lanes.fx, lanes.fy };

/*
 * Lane i of the last run of lanes against the run that c makes alone
 * from the lane's start: the same outcome, step and final point, bit for
 * bit; marks the lane's outcome in seen.  what names the lane in messages.
 */
static void
expect_lane_is_run(struct objective *o, const struct run_config *c, size_t i,
		   const char *what, int *seen)
{
	double start[2] = { lanes.xs[i], lanes.ys[i] };
	struct run *r = start_run(o, c, start);
	enum run_outcome out = run_all(r);
	const double *p = run_point(r);

	seen[lanes.outcome[i]] = 1;
	cr_expect(lanes.outcome[i] == out && lanes.steps[i] == run_trajectory(r)->step &&
		  memcmp(&lanes.fx[i], &p[0], sizeof p[0]) == 0 &&
		  memcmp(&lanes.fy[i], &p[1], sizeof p[1]) == 0,
		  "%s, lane %zu from (%g, %g): %s at step %ld at (%a, %a); a run alone: %s at "
		  "step %ld at (%a, %a)", what, i, start[0], start[1],
		  run_outcome_name(lanes.outcome[i]), lanes.steps[i], lanes.fx[i], lanes.fy[i],
		  run_outcome_name(out), run_trajectory(r)->step, p[0], p[1]);
	run_free(r);
}

/*
 * Every optimizer over many lanes (more than one block of run_lanes,
 * and not a whole number of them) on x^3 - 3*x + y^2 + x*y/4: starts on
 * the right of the ridge converge, at steps that differ from lane to
 * lane; starts on the left roll off towards -inf and pass the bound at
 * different steps; a short step limit stops the slow ones; a few start
 * past the bound, or at NaN.  Each lane's final point (bit for bit),
 * outcome and step must be a one-lane run's, and each optimizer must
 * see all three endings.
 */
Test(optim_run, lanes_match_runs_every_optimizer)
{
	struct objective *o = make_objective("x^3 - 3*x + y^2 + x*y/4");
	size_t i, j;

	for (i = 0; i < LANES; i++) {
		lanes.xs[i] = -2.2 + 5.0 * (double)(i % 35) / 34;
		lanes.ys[i] = -1.5 + 3.0 * (double)(i / 35) / 19;
	}
	lanes.xs[3] = NAN;
	lanes.ys[401] = NAN;
	lanes.xs[258] = 400;            /* f past the bound at the start */
	for (j = 0; opt_table[j] != NULL; j++) {
		const struct optimizer *opt = opt_table[j];
		struct run_config c;
		int seen[4] = { 0 };

		run_config_init(&c, opt);
		c.params.lr = opt == &opt_newton ? 0.1 : opt->line_search ? 1 : 0.02;
		/* the quasi-Newton family is fast: a shorter limit stops some */
		c.max_steps = opt->line_search ? 5 : 120;
		c.bound = 1e3;
		c.tol = 1e-4;
		run_lanes(o, &c, LANES, lane_starts, lane_final, lanes.outcome, lanes.steps);
		for (i = 0; i < LANES; i++)
			expect_lane_is_run(o, &c, i, opt->name, seen);
		cr_expect(seen[RUN_CONVERGED] && seen[RUN_DIVERGED] && seen[RUN_MAX_STEPS],
			  "%s: expected lanes that converge, diverge and reach the step limit; "
			  "got converged %d, diverged %d, step limit %d", opt->name,
			  seen[RUN_CONVERGED], seen[RUN_DIVERGED], seen[RUN_MAX_STEPS]);
	}
	objective_free(o);
}

/*
 * run_lanes_vary, the cells of a hyperparameter map: 300 lanes from one
 * start, each with its own learning rate and, where the optimizer has
 * one, its own second setting (beta, rho, beta1, damping, or adagrad's
 * eps), some converging, some diverging, some at the step limit.  Each
 * lane must be the run its settings make alone, bit for bit; with no
 * setting varying, run_lanes_vary takes the one-update path and must
 * agree too.
 */
Test(optim_run, lanes_with_their_own_settings_match_runs)
{
	enum { M = 300 };
	struct objective *o = make_objective("x^2 + 10*y^2 + x*y/2");
	static double lrs[M], seconds[M];
	size_t i, j;

	for (i = 0; i < M; i++) {
		lanes.xs[i] = 1;
		lanes.ys[i] = -0.5;
	}
	for (j = 0; opt_table[j] != NULL; j++) {
		const struct optimizer *opt = opt_table[j];
		const double *vary[OPT_PARAM_COUNT] = { NULL };
		int second = opt == &opt_momentum || opt == &opt_nesterov ? OPT_PARAM_BETA
			: opt == &opt_rmsprop ? OPT_PARAM_RHO : opt == &opt_adam ? OPT_PARAM_BETA1
			: opt == &opt_newton ? OPT_PARAM_DAMPING : opt == &opt_adagrad ? OPT_PARAM_EPS
			: opt == &opt_lbfgs ? OPT_PARAM_MEMORY : -1;
		struct run_config c;
		int seen[4] = { 0 }, none[4];
		char what[96];

		run_config_init(&c, opt);
		/* the quasi-Newton family converges in a few steps: 3 stops some */
		c.max_steps = opt->line_search ? 3 : 150;
		c.bound = 1e6;
		c.tol = 1e-5;
		for (i = 0; i < M; i++) {
			/* learning rates from 0.001 to 0.3, log-spaced, 20 per second setting */
			lrs[i] = 0.001 * pow(300.0, (double)(i % 20) / 19);
			if (opt == &opt_newton || opt->line_search)
				lrs[i] = 0.05 + 1.95 * (double)(i % 20) / 19;
			seconds[i] = opt == &opt_newton ? 0.1 * (double)(i / 20)
				: second == OPT_PARAM_MEMORY ? 1 + (double)(i / 20)
				: second == OPT_PARAM_EPS ? 1e-8 * pow(10.0, (double)(i / 20) / 2)
				: 0.05 + 0.9 * (double)(i / 20) / 14;
		}
		vary[OPT_PARAM_LR] = lrs;
		if (second >= 0)
			vary[second] = seconds;
		run_lanes_vary(o, &c, M, lane_starts, vary, lane_final, lanes.outcome, lanes.steps);
		for (i = 0; i < M; i++) {
			struct run_config ci = c;

			ci.params.lr = lrs[i];
			if (second >= 0)
				*opt_param_slot(&ci.params, second) = seconds[i];
			snprintf(what, sizeof what, "%s (lr %g, %s %g)", opt->name, lrs[i],
				 second >= 0 ? opt_params_table[second].name : "-", seconds[i]);
			expect_lane_is_run(o, &ci, i, what, seen);
		}
		cr_expect(seen[RUN_CONVERGED] && seen[RUN_MAX_STEPS],
			  "%s: expected cells that converge and cells that reach the step limit; got "
			  "converged %d, diverged %d, step limit %d", opt->name, seen[RUN_CONVERGED],
			  seen[RUN_DIVERGED], seen[RUN_MAX_STEPS]);
		if (opt == &opt_gd || opt == &opt_momentum)
			cr_expect(seen[RUN_DIVERGED], "%s: expected cells that diverge", opt->name);
		/* nothing varies: the one-update path, and a run alone's result */
		vary[OPT_PARAM_LR] = NULL;
		if (second >= 0)
			vary[second] = NULL;
		run_lanes_vary(o, &c, M, lane_starts, vary, lane_final, lanes.outcome, lanes.steps);
		expect_lane_is_run(o, &c, M - 1, opt->name, none);
	}
	objective_free(o);
}

/*
 * The Armijo search in lanes: gd and newton with c.line_search, rates up
 * to 20 times past gd's edge (where the search halves nearly every
 * step), as cells of run_lanes_vary and as one update over all lanes;
 * each lane must be its run alone, bit for bit, and the search must have
 * rescued rates that diverge without it.
 */
Test(optim_run, lanes_with_the_armijo_search_match_runs)
{
	enum { M = 120 };
	struct objective *o = make_objective("x^2 + 10*y^2 + x*y/2 + x^4/10");
	static double lrs[M];
	const struct optimizer *opts[] = { &opt_gd, &opt_newton };
	size_t i, j;

	for (i = 0; i < M; i++) {
		lanes.xs[i] = 2 - 0.01 * (double)i;
		lanes.ys[i] = -0.5;
		lrs[i] = 0.01 * pow(200.0, (double)i / (M - 1));
	}
	for (j = 0; j < 2; j++) {
		const double *vary[OPT_PARAM_COUNT] = { NULL };
		struct run_config c;
		int seen[4] = { 0 }, none[4];
		char what[96];

		run_config_init(&c, opts[j]);
		c.line_search = 1;
		c.max_steps = 200;
		c.tol = 1e-7;
		vary[OPT_PARAM_LR] = lrs;
		run_lanes_vary(o, &c, M, lane_starts, vary, lane_final, lanes.outcome, lanes.steps);
		for (i = 0; i < M; i++) {
			struct run_config ci = c;
			ci.params.lr = lrs[i];
			snprintf(what, sizeof what, "%s with the search (lr %g)", opts[j]->name, lrs[i]);
			expect_lane_is_run(o, &ci, i, what, seen);
		}
		cr_expect(seen[RUN_CONVERGED] && !seen[RUN_DIVERGED],
			  "%s with the search: every lane converges, none diverges (converged %d, "
			  "diverged %d)", opts[j]->name, seen[RUN_CONVERGED], seen[RUN_DIVERGED]);
		/* one rate for all: the one-update path */
		run_lanes(o, &c, M, lane_starts, lane_final, lanes.outcome, lanes.steps);
		for (i = 0; i < M; i += 7)
			expect_lane_is_run(o, &c, i, opts[j]->name, none);
	}
	objective_free(o);
}
