/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-rate.c - the learning rate suggested for a racer that joins
 * (opt_suggest_lr, and the playground's ui_play_join that uses it).  On
 * a quadratic bowl each rule gives the share of its limit worked out
 * here by hand; a maximum leaves the default; and every optimizer that
 * joins a race from the start of each classic function of the
 * playground's list runs the playground's step count without blowing
 * up: a run may end "diverged" only where f runs down to -inf, as it
 * does past a saddle of a function unbounded below.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/objective.h"
#include "descent/optim.h"
#include "ui-int.h"
#include "ui-play-int.h"

/* The rate for optimizer name on src from (x, y). */
static double
suggest(const char *name, const char *src, double x, double y)
{
	struct objective *o = make_objective(src);
	double start[2] = { x, y }, lr;

	cr_assert_not_null(opt_find(name), "no optimizer %s", name);
	lr = opt_suggest_lr(opt_find(name), NULL, o, start);
	objective_free(o);
	return lr;
}

/*
 * x^2 + 3y^2 from (1, 1): lambda = 6 everywhere, g = (2, 6), so
 * d = |g|/lambda = sqrt(40)/6 = 1.054; beta and rho are 0.9.
 */
Test(optim_rate, bowl_by_hand)
{
	const char *f = "x^2 + 3*y^2";

	cr_expect_eq(suggest("gd", f, 1, 1), 0.17, "gd: 1/6 = 0.1667 is 0.17, got %g",
		     suggest("gd", f, 1, 1));
	cr_expect(rel_close(suggest("momentum", f, 1, 1), 0.16, 1e-12),
		  "momentum: 1.9/12 = 0.158 is 0.16, got %g", suggest("momentum", f, 1, 1));
	cr_expect(rel_close(suggest("nesterov", f, 1, 1), 0.057, 1e-12),
		  "nesterov: 1.9/(2*2.8*6) = 0.0565 is 0.057, got %g",
		  suggest("nesterov", f, 1, 1));
	cr_expect(rel_close(suggest("adagrad", f, 1, 1), 1.1, 1e-12),
		  "adagrad: d = 1.054 is 1.1, got %g", suggest("adagrad", f, 1, 1));
	cr_expect(rel_close(suggest("rmsprop", f, 1, 1), 0.083, 1e-12),
		  "rmsprop: d/4*sqrt(0.1) = 0.0833 is 0.083, got %g",
		  suggest("rmsprop", f, 1, 1));
	cr_expect(rel_close(suggest("adam", f, 1, 1), 0.26, 1e-12),
		  "adam: d/4 = 0.264 is 0.26, got %g", suggest("adam", f, 1, 1));
	cr_expect_eq(suggest("newton", f, 1, 1), 1, "newton: 1, got %g",
		     suggest("newton", f, 1, 1));
}

/* Where f curves down only, the curvature says nothing: the default stands. */
Test(optim_rate, maximum_keeps_the_default)
{
	size_t i;

	for (i = 0; opt_table[i] != NULL; i++) {
		double lr = suggest(opt_table[i]->name, "-(x^2 + y^2)", 0.5, 0.5);
		cr_expect_eq(lr, opt_table[i]->defaults.lr, "%s at a maximum: %g, not its default %g",
			     opt_table[i]->name, lr, opt_table[i]->defaults.lr);
	}
}

/* A start at a minimum (g = 0) or where f is not finite still gets a valid rate. */
Test(optim_rate, degenerate_starts)
{
	size_t i;

	for (i = 0; opt_table[i] != NULL; i++) {
		double a = suggest(opt_table[i]->name, "x^2 + y^2", 0, 0);
		double b = suggest(opt_table[i]->name, "sqrt(x) + y^2", -1, 0);
		double c = suggest(opt_table[i]->name, "1e-30*(x^2 + y^2)", 1, 1);
		cr_expect(opt_param_in_range(OPT_PARAM_LR, a), "%s at a minimum: %g",
			  opt_table[i]->name, a);
		cr_expect(opt_param_in_range(OPT_PARAM_LR, b), "%s where f is nan: %g",
			  opt_table[i]->name, b);
		cr_expect(c > 0 && c <= 1e3, "%s on a nearly flat bowl: %g", opt_table[i]->name, c);
	}
}

/* Two significant digits: the rate reads as a number a learner can type. */
Test(optim_rate, two_significant_digits)
{
	double lr = suggest("gd", "(1-x)^2 + 100*(y-x^2)^2", -1.5, 2);
	char buf[32];

	snprintf(buf, sizeof buf, "%.2g", lr);
	cr_expect(rel_close(lr, strtod(buf, NULL), 1e-12), "%.17g is not %s", lr, buf);
}

/*
 * Every optimizer joins a race from each classic function's start, and
 * runs as long as the playground lets it.
 */
Test(optim_rate, every_racer_of_every_classic)
{
	size_t c, i;

	for (c = 0; c < ui_nclassics; c++) {
		const struct ui_classic *k = &ui_classics[c];
		struct play p;

		memset(&p, 0, sizeof p);
		p.obj = make_objective(k->expr);
		p.dim = objective_dim(p.obj);
		p.start[0] = k->start[0];
		p.start[1] = p.dim > 1 ? k->start[1] : 0;
		/* the racer of the preset, whom the others join as a does */
		run_config_init(&p.r[0].cfg, opt_find(k->opt));
		p.r[0].cfg.params.lr = k->lr;
		p.r[0].cfg.max_steps = PLAY_MAX_STEPS;
		p.nr = 2;
		for (i = 0; opt_table[i] != NULL; i++) {
			struct diag err = { .message = "" };
			const struct trajectory *t;
			struct run *r;
			enum run_outcome out;
			double f;

			p.r[1] = p.r[0];
			ui_play_join(&p, 1, opt_table[i]);
			cr_assert(opt_param_in_range(OPT_PARAM_LR, p.r[1].cfg.params.lr),
				  "%s, %s: the rate %g", k->name, opt_table[i]->name,
				  p.r[1].cfg.params.lr);
			r = run_new(p.obj, &p.r[1].cfg, p.start, &err);
			cr_assert_not_null(r, "%s, %s: %s", k->name, opt_table[i]->name, err.message);
			out = run_all(r);
			t = run_trajectory(r);
			f = t->len > 0 ? t->f[t->len - 1] : NAN;
			cr_expect(out != RUN_DIVERGED || f < -p.r[1].cfg.bound,
				  "%s from (%g, %g): %s at lr %g diverged at step %ld (f = %g: %s)",
				  k->name, p.start[0], p.start[1], opt_table[i]->name,
				  p.r[1].cfg.params.lr, t->step, f, t->reason);
			cr_expect(out != RUN_RUNNING, "%s, %s: still running", k->name,
				  opt_table[i]->name);
			run_free(r);
		}
		objective_free(p.obj);
	}
}

/* On Rosenbrock the racers are given rates of their own, not one rate. */
Test(optim_rate, rosenbrock_rates_differ)
{
	const char *f = "(1-x)^2 + 100*(y-x^2)^2";
	double gd = suggest("gd", f, -1.5, 2), adam = suggest("adam", f, -1.5, 2);
	double adagrad = suggest("adagrad", f, -1.5, 2);

	cr_expect(gd < 0.002, "gd at %g: past 2/lambda_max, about 0.001, it diverges", gd);
	cr_expect(adam > 10 * gd && adagrad > 10 * gd,
		  "adam (%g) and adagrad (%g) step about lr: they need more than gd's %g",
		  adam, adagrad, gd);
}
