/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-qn.c - the quasi-Newton family (bfgs, lbfgs, cg): their
 * steps meet the strong Wolfe conditions, they reach Rosenbrock's minimum
 * in as few iterations as the textbooks say, conjugate gradients end on a
 * quadratic of n variables in n steps, their state is what their rules
 * keep, and they refuse what their line search cannot use.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/linalg.h"
#include "descent/objective.h"
#include "descent/optim.h"

#define ROSENBROCK "(1 - x)^2 + 100*(y - x^2)^2"

static struct run *
run_of(struct objective *o, const struct optimizer *opt, const double *start, double tol,
       long steps)
{
	struct run_config c;
	struct diag err = { .message = "" };
	struct run *r;

	run_config_init(&c, opt);
	c.tol = tol;
	c.max_steps = steps;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new(%s): %s", opt->name, err.message);
	run_all(r);
	return r;
}

/*
 * Every step of the trajectory, p = w_{k+1} - w_k, against the strong
 * Wolfe conditions with g and g' the gradients at both ends:
 * f_{k+1} <= f_k + c1 g.p and |g'.p| <= c2 |g.p| (the same as along d,
 * p being a positive multiple of it); and no step flagged.  Returns the
 * steps checked.
 */
static int
expect_wolfe(struct objective *o, const struct run *r, const char *what)
{
	const struct trajectory *tr = run_trajectory(r);
	int n = tr->n, k, bad = 0;
	size_t t;

	for (t = 0; t + 1 < tr->len && bad < 3; t++) {
		const double *w = tr->w + t * (size_t)n, *wn = w + n;
		double g[LA_MAX_N], gn[LA_MAX_N], p[LA_MAX_N], f, fn, gp, gnp;
		objective_eval_point(o, w, &f, g, NULL);
		objective_eval_point(o, wn, &fn, gn, NULL);
		for (k = 0; k < n; k++)
			p[k] = wn[k] - w[k];
		gp = la_dot(n, g, p);
		gnp = la_dot(n, gn, p);
		if (!(gp < 0 && fn <= f + 1e-4 * gp && fabs(gnp) <= 0.9 * fabs(gp)) ||
		    tr->flag[t]) {
			cr_expect(0, "%s, step %zu: f %.17g -> %.17g, g.p %.6g, g'.p %.6g, flag %d: "
				  "not a strong Wolfe step", what, t, f, fn, gp, gnp, tr->flag[t]);
			bad++;
		}
	}
	return (int)t;
}

/* From (-1.2, 1), |grad| < 1e-8 in at most 60 iterations for bfgs, 80 for lbfgs. */
Test(optim_qn, rosenbrock_from_the_classic_start)
{
	struct objective *o = make_objective(ROSENBROCK);
	static const struct {
		const struct optimizer *opt;
		long most;
	} cases[] = { { &opt_bfgs, 60 }, { &opt_lbfgs, 80 }, { &opt_cg, 200 } };
	double start[2] = { -1.2, 1 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run *r = run_of(o, cases[i].opt, start, 1e-8, 1000);
		const struct trajectory *tr = run_trajectory(r);
		const double *w = run_point(r);
		cr_expect_eq(tr->outcome, RUN_CONVERGED, "%s: %s", cases[i].opt->name,
			     run_outcome_name(tr->outcome));
		cr_expect_leq(tr->step, cases[i].most, "%s: %ld iterations, at most %ld expected",
			      cases[i].opt->name, tr->step, cases[i].most);
		cr_expect(fabs(w[0] - 1) < 1e-8 && fabs(w[1] - 1) < 1e-8, "%s: ends at (%.17g, %.17g)",
			  cases[i].opt->name, w[0], w[1]);
		cr_expect_gt(tr->evals, tr->step, "%s: the line search's evaluations are counted",
			     cases[i].opt->name);
		expect_wolfe(o, r, cases[i].opt->name);
		run_free(r);
	}
	objective_free(o);
}

/*
 * Conjugate gradients with its exact first trial on quadratics of 2 to 6
 * variables (a diagonal one, and coupled ones): at most n steps; and
 * the others on a few functions, every step a strong Wolfe step.
 */
Test(optim_qn, cg_ends_a_quadratic_in_n_steps)
{
	static const struct {
		const char *f;
		int n;
	} quads[] = {
		{ "x^2 + 10*y^2", 2 },
		{ "3*x^2 + x*y + 2*y^2 - x + 4*y", 2 },
		{ "x^2 + 2*y^2 + 3*z^2 + x*y - y*z", 3 },
		{ "a^2 + 2*b^2 + 4*c^2 + 8*d^2 + a*b + b*c + c*d", 4 },
		{ "a^2 + 2*b^2 + 3*c^2 + 4*d^2 + 5*e^2 + 6*f^2 + a*f - b*e + c*d", 6 },
	};
	double start[6] = { 1, -2, 0.5, 3, -1, 2 };
	size_t i;

	for (i = 0; i < sizeof quads / sizeof quads[0]; i++) {
		struct objective *o = make_objective(quads[i].f);
		struct run *r = run_of(o, &opt_cg, start, 1e-6, 100);
		const struct trajectory *tr = run_trajectory(r);
		cr_expect_eq(tr->outcome, RUN_CONVERGED, "%s: %s", quads[i].f,
			     run_outcome_name(tr->outcome));
		cr_expect_leq(tr->step, quads[i].n, "cg on %s: %ld steps, at most %d expected",
			      quads[i].f, tr->step, quads[i].n);
		expect_wolfe(o, r, quads[i].f);
		run_free(r);
		objective_free(o);
	}
}

Test(optim_qn, every_step_meets_the_wolfe_conditions)
{
	static const char *const fns[] = {
		ROSENBROCK, "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "log(1 + x^2) + y^4 + x*y/3",
		"exp(x/3) + exp(-x/2) + (y - 1)^2 * (1 + x^2/10)",
	};
	const struct optimizer *opts[] = { &opt_bfgs, &opt_lbfgs, &opt_cg };
	double start[2] = { 2.5, -1.5 };
	size_t i, j;
	int checked = 0;

	for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
		for (j = 0; j < 3; j++) {
			struct objective *o = make_objective(fns[i]);
			struct run *r = run_of(o, opts[j], start, 1e-7, 300);
			char what[160];
			snprintf(what, sizeof what, "%s on %s", opts[j]->name, fns[i]);
			cr_expect_eq(run_trajectory(r)->outcome, RUN_CONVERGED, "%s: %s", what,
				     run_outcome_name(run_trajectory(r)->outcome));
			checked += expect_wolfe(o, r, what);
			run_free(r);
			objective_free(o);
		}
	cr_expect_gt(checked, 50, "only %d steps checked", checked);
}

/*
 * BFGS's B meets the secant equation of its last step, B y = s, and stays
 * positive definite, which the panel shows through its eigenvalues;
 * lbfgs keeps at most `memory` pairs; cg tells its beta.
 */
Test(optim_qn, the_state_is_what_the_rules_keep)
{
	struct objective *o = make_objective("x^2 + 10*y^2 + x*y/10 + x^4/20");
	struct run_config c;
	struct diag err;
	double start[2] = { 3, 1 }, lambda[2], g1[2], g2[2], f, y[2], s[2], by[2];
	const double *b;
	const struct trajectory *tr;
	char text[96], want[96];
	struct run *r;
	int k;

	run_config_init(&c, &opt_bfgs);
	c.max_steps = 2;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r);
	opt_bfgs.state_text(2, &c.params, run_state_all(r), text, sizeof text);
	cr_expect_str_eq(text, "B = I until the first step");
	run_all(r);
	tr = run_trajectory(r);
	cr_assert_eq(tr->len, 3, "two steps: %zu records", tr->len);
	objective_eval_point(o, tr->w + 2, &f, g1, NULL);
	objective_eval_point(o, tr->w + 4, &f, g2, NULL);
	b = run_state_all(r);
	for (k = 0; k < 2; k++) {
		y[k] = g2[k] - g1[k];
		s[k] = tr->w[4 + k] - tr->w[2 + k];
	}
	for (k = 0; k < 2; k++)
		by[k] = b[2 * k] * y[0] + b[2 * k + 1] * y[1];
	cr_expect(rel_close(by[0], s[0], 1e-9) && rel_close(by[1], s[1], 1e-9),
		  "B y = (%.17g, %.17g), s = (%.17g, %.17g)", by[0], by[1], s[0], s[1]);
	cr_assert_eq(la_eigsym(2, b, lambda, NULL), 0);
	cr_expect(lambda[0] > 0, "B is positive definite: eigenvalues %g, %g", lambda[0], lambda[1]);
	snprintf(want, sizeof want, "eig(B) %.3g, %.3g", lambda[0], lambda[1]);
	opt_bfgs.state_text(2, &c.params, b, text, sizeof text);
	cr_expect_str_eq(text, want);
	run_free(r);

	run_config_init(&c, &opt_lbfgs);
	c.params.memory = 3;
	c.max_steps = 6;
	c.tol = 0;
	objective_free(o);
	o = make_objective("(x^2 + y - 11)^2 + (x + y^2 - 7)^2 + x^4/50");
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r);
	run_all(r);
	opt_lbfgs.state_text(2, &c.params, run_state_all(r), text, sizeof text);
	cr_expect_str_eq(text, "pairs 3 of 3");
	run_free(r);

	run_config_init(&c, &opt_cg);
	c.max_steps = 1;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r);
	run_all(r);
	opt_cg.state_text(2, &c.params, run_state_all(r), text, sizeof text);
	cr_expect_str_eq(text, "beta 0 (0 every 2 steps)");
	run_free(r);
	objective_free(o);
}

/* Their line search needs the true f and gradient: no noise, no mini-batches. */
Test(optim_qn, no_noise_no_mini_batches)
{
	struct dataset *d = make_dataset("x,y;1,2;2,3.5;3,6;4,8");
	struct diag err;
	struct objective *o = objective_data(d, "w0 + w1*x", LOSS_MSE, NULL, NULL, 0, &err);
	struct run_config c;
	double start[2] = { 0, 0 };

	cr_assert_not_null(o, "%s", err.message);
	run_config_init(&c, &opt_lbfgs);
	c.noise = 0.1;
	cr_expect_null(run_new(o, &c, start, &err));
	cr_expect_str_eq(err.message, "lbfgs searches along its direction with the true f and "
			 "gradient: it takes no noise");
	c.noise = 0;
	c.batch = 2;
	cr_expect_null(run_new(o, &c, start, &err));
	cr_expect_str_eq(err.message, "lbfgs searches along its direction with the true f and "
			 "gradient: it takes no mini-batches");
	c.batch = 4;                    /* all of them: the full batch */
	{
		struct run *r = run_new(o, &c, start, &err);
		cr_expect_not_null(r, "%s", err.message);
		run_free(r);
	}
	objective_free(o);
	dataset_free(d);
}
