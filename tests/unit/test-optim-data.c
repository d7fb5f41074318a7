/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-data.c - data objectives and the runs on them.  Least
 * squares on the course's three points (1,2), (2,3.5), (3,6) with the
 * model w0 + w1*x: the normal equations' solution (-1/6, 2) has a zero
 * gradient and the cost 1/18 worked out by hand, gradient descent reaches
 * it and Newton lands on it in one step; the per-example losses are the
 * squared residuals.  Parameters come in order of first appearance or in
 * the order asked for.  Every refusal of objective_data says what is
 * wrong.  Cross entropy and hinge on tests/data/logistic.csv have the
 * gradients of their formulas, computed here from the columns, and agree
 * with finite differences of the cost.  Mini-batch SGD is reproducible by
 * its seed and visibly noisier than the full batch; a mini-batch on an
 * expression is refused.  Many points evaluated together give, bit for
 * bit, what each point gives alone.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/data.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/rng.h"

#define DATA_DIR SRCDIR "/tests/data/"
#define LINE_INLINE "x,y;1,2;2,3.5;3,6"
#define W0 (-1.0 / 6)
#define W1 2.0


static struct dataset *
load(const char *path)
{
	struct diag err;
	struct dataset *d = dataset_load_csv(path, &err);

	cr_assert_not_null(d, "dataset_load_csv(%s): expected a data set, got NULL (%s)",
			   path, err.message);
	return d;
}

static struct objective *
data_objective(const struct dataset *d, const char *model, enum loss loss)
{
	struct diag err;
	struct objective *o = objective_data(d, model, loss, NULL, NULL, 0, &err);

	cr_assert_not_null(o, "objective_data(\"%s\", %s): expected an objective, got NULL (%s)",
			   model, loss_name(loss), err.message);
	return o;
}

/* f, gradient and Hessian of o at the point w (dim <= 3). */
static void
eval_at(struct objective *o, const double *w, double *f, double *g, double *h)
{
	int n = objective_dim(o), k;
	const double *wp[3];
	double *gp[3], *hp[9];

	for (k = 0; k < n; k++) {
		wp[k] = &w[k];
		gp[k] = &g[k];
	}
	for (k = 0; k < n * n; k++)
		hp[k] = &h[k];
	objective_eval(o, 1, wp, f, g ? gp : NULL, h ? hp : NULL);
}

static double
cost_at(struct objective *o, const double *w)
{
	double f;

	eval_at(o, w, &f, NULL, NULL);
	return f;
}

/* The least-squares facts of the line data, for d from any source. */
static void
check_line(const struct dataset *d, const char *from)
{
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	double w[2] = { W0, W1 }, f, g[2], h[4];
	/* residuals w0 + w1*x - y at the solution, by hand: -1/6, 1/3, -1/6 */
	double r1 = -1.0 / 6, r2 = 1.0 / 3, r3 = -1.0 / 6;
	double want = (r1 * r1 + r2 * r2 + r3 * r3) / 3;       /* = 1/18 */
	/* the Hessian (2/N) X^T X with X = [1 x] */
	double hwant[4] = { 2.0, 4.0, 4.0, 2.0 * 14 / 3 };
	int k;

	cr_assert_eq(objective_dim(o), 2, "%s: expected 2 parameters, got %d", from, objective_dim(o));
	cr_expect_eq(objective_nexamples(o), 3, "%s: expected 3 examples, got %zu", from,
		     objective_nexamples(o));
	cr_expect_null(objective_expression(o), "%s: a data objective: expected no expression, got one",
		       from);
	eval_at(o, w, &f, g, h);
	cr_expect(fabs(g[0]) <= 1e-12 && fabs(g[1]) <= 1e-12,
		  "%s: gradient at (-1/6, 2): expected (0, 0), got (%g, %g)", from, g[0], g[1]);
	cr_expect(rel_close(f, want, 1e-14) && rel_close(f, 1.0 / 18, 1e-14),
		  "%s: cost at (-1/6, 2): expected 1/18 = %.17g, got %.17g", from, 1.0 / 18, f);
	for (k = 0; k < 4; k++)
		cr_expect(rel_close(h[k], hwant[k], 1e-14), "%s: Hessian[%d]: expected %.17g, got %.17g",
			  from, k, hwant[k], h[k]);
	objective_free(o);
}

Test(optim_data, least_squares_solution)
{
	struct dataset *a = make_dataset(LINE_INLINE), *b = load(DATA_DIR "line.csv");

	check_line(a, "inline");
	check_line(b, "line.csv");
	dataset_free(a);
	dataset_free(b);
}

Test(optim_data, gd_reaches_the_solution)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct run_config c;
	struct run *r;
	double start[2] = { 0, 0 };
	struct diag err = { .message = "" };
	enum run_outcome out;
	const double *w;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.1;
	c.tol = 1e-10;
	c.max_steps = 20000;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	out = run_all(r);
	w = run_point(r);
	cr_expect_eq(out, RUN_CONVERGED, "gd lr 0.1: expected converged, got %s (after %ld steps)",
		     run_outcome_name(out), run_trajectory(r)->step);
	cr_expect(fabs(w[0] - W0) <= 1e-6 && fabs(w[1] - W1) <= 1e-6,
		  "gd: expected (w0, w1) = (-1/6, 2) within 1e-6, got (%.12g, %.12g)", w[0], w[1]);
	run_free(r);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, newton_in_one_step)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[2] = { 5, -3 };
	struct diag err = { .message = "" };
	enum run_outcome out;

	run_config_init(&c, &opt_newton);
	c.tol = 1e-10;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	out = run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(out, RUN_CONVERGED, "newton: expected converged, got %s", run_outcome_name(out));
	cr_expect_eq(tr->step, 1, "newton: expected to converge at step 1, got %ld", tr->step);
	cr_expect(tr->len >= 2 && fabs(tr->w[2] - W0) <= 1e-12 && fabs(tr->w[3] - W1) <= 1e-12,
		  "newton: expected (-1/6, 2) within 1e-12 after one step, got (%.17g, %.17g)",
		  tr->len >= 2 ? tr->w[2] : NAN, tr->len >= 2 ? tr->w[3] : NAN);
	run_free(r);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, example_losses)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	double sol[2] = { W0, W1 }, other[2] = { 0, 1 }, loss[3];
	double want_sol[3] = { 1.0 / 36, 1.0 / 9, 1.0 / 36 }, want_other[3] = { 1, 2.25, 9 };
	size_t only[1] = { 2 };
	int i;

	objective_example_losses(o, sol, loss);
	for (i = 0; i < 3; i++)
		cr_expect(rel_close(loss[i], want_sol[i], 1e-14),
			  "loss of example %d at (-1/6, 2): expected %.17g, got %.17g", i, want_sol[i], loss[i]);
	/* residuals 0 + 1*x - y: -1, -1.5, -3 */
	objective_example_losses(o, other, loss);
	for (i = 0; i < 3; i++)
		cr_expect_eq(loss[i], want_other[i], "loss of example %d at (0, 1): expected %g, got %.17g",
			     i, want_other[i], loss[i]);
	/* every example even under a mini-batch, which stays in force after */
	objective_use_examples(o, only, 1);
	objective_example_losses(o, other, loss);
	for (i = 0; i < 3; i++)
		cr_expect_eq(loss[i], want_other[i],
			     "under a mini-batch, loss of example %d at (0, 1): expected %g, got %.17g",
			     i, want_other[i], loss[i]);
	cr_expect_eq(cost_at(o, other), 9.0, "cost on the mini-batch {2} at (0, 1): expected 9, got %.17g",
		     cost_at(o, other));
	objective_use_examples(o, NULL, 0);
	cr_expect(rel_close(cost_at(o, other), (1 + 2.25 + 9) / 3, 1e-15),
		  "cost on all examples at (0, 1): expected %.17g, got %.17g", (1 + 2.25 + 9) / 3,
		  cost_at(o, other));
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, parameter_order)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w1*x + w0", LOSS_MSE);
	static const char *const order[] = { "w0", "w1" };
	struct diag err;
	double zero[2] = { 0, 0 }, f, g[2];

	cr_assert_eq(objective_dim(o), 2, "expected 2 parameters, got %d", objective_dim(o));
	cr_expect_str_eq(objective_param(o, 0), "w1", "first appearance: parameter 0 expected w1, got %s",
			 objective_param(o, 0));
	cr_expect_str_eq(objective_param(o, 1), "w0", "first appearance: parameter 1 expected w0, got %s",
			 objective_param(o, 1));
	/* at 0 the residuals are -y: gradient mean(2r) = -23/3, mean(2rx) = -18 */
	eval_at(o, zero, &f, g, NULL);
	cr_expect(rel_close(g[0], -18, 1e-14) && rel_close(g[1], -23.0 / 3, 1e-14),
		  "order (w1, w0): gradient at 0 expected (-18, -23/3), got (%.17g, %.17g)", g[0], g[1]);
	objective_free(o);

	o = objective_data(d, "w1*x + w0", LOSS_MSE, "y", order, 2, &err);
	cr_assert_not_null(o, "params (w0, w1): expected an objective, got NULL (%s)", err.message);
	cr_expect_str_eq(objective_param(o, 0), "w0", "params list: parameter 0 expected w0, got %s",
			 objective_param(o, 0));
	cr_expect_str_eq(objective_param(o, 1), "w1", "params list: parameter 1 expected w1, got %s",
			 objective_param(o, 1));
	eval_at(o, zero, &f, g, NULL);
	cr_expect(rel_close(g[0], -23.0 / 3, 1e-14) && rel_close(g[1], -18, 1e-14),
		  "order (w0, w1): gradient at 0 expected (-23/3, -18), got (%.17g, %.17g)", g[0], g[1]);
	objective_free(o);
	dataset_free(d);
}

/* objective_data must refuse, with each of the words in its message. */
static void
expect_refused(const char *data, const char *model, enum loss loss, const char *target,
	       const char *const *params, int nparams, const char *w1, const char *w2)
{
	struct dataset *d = make_dataset(data);
	struct diag err;
	struct objective *o;

	memset(&err, 0, sizeof err.message);
	o = objective_data(d, model, loss, target, params, nparams, &err);
	cr_expect_null(o, "data \"%s\", model \"%s\", %s: expected NULL, got an objective",
		       data, model, loss_name(loss));
	cr_expect(strstr(err.message, w1) != NULL,
		  "data \"%s\", model \"%s\": expected a message with \"%s\", got \"%s\"",
		  data, model, w1, err.message);
	if (w2 != NULL)
		cr_expect(strstr(err.message, w2) != NULL,
			  "data \"%s\", model \"%s\": expected a message with \"%s\", got \"%s\"",
			  data, model, w2, err.message);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, refusals)
{
	static const char *const one[] = { "w0" }, *const wrong[] = { "w0", "b" };
	static const char *const three[] = { "w0", "w1", "w2" };

	expect_refused(LINE_INLINE, "2*x + 1", LOSS_MSE, NULL, NULL, 0, "no parameters", NULL);
	expect_refused(LINE_INLINE, "w0 + w1*y", LOSS_MSE, NULL, NULL, 0, "target", "y");
	expect_refused(LINE_INLINE, "w0 + w1*x", LOSS_MSE, "z", NULL, 0, "no column", "z");
	expect_refused("x,t;1,2", "w0 + w1*x", LOSS_MSE, NULL, NULL, 0, "no column", "y");
	expect_refused(LINE_INLINE, "w0 + w1*x", LOSS_MSE, NULL, one, 1, "1", "2");
	expect_refused(LINE_INLINE, "w0 + w1*x", LOSS_MSE, NULL, wrong, 2, "'b'", "not a parameter");
	expect_refused(LINE_INLINE, "w0 + w1*x", LOSS_MSE, NULL, three, 3, "w2", "not a parameter");
	expect_refused(LINE_INLINE, "w0 + w1*(x", LOSS_MSE, NULL, NULL, 0, "missing ')'", NULL);
	expect_refused("x,y;1,0;2,2;3,1", "w0 + w1*x", LOSS_CROSS_ENTROPY, NULL, NULL, 0,
		       "between 0 and 1", "2");
	expect_refused("x,y;1,0;2,-0.5", "w0 + w1*x", LOSS_CROSS_ENTROPY, NULL, NULL, 0,
		       "cross_entropy", "-0.5");
	expect_refused("x,y;1,0;2,0.5;3,1", "w0 + w1*x", LOSS_HINGE, NULL, NULL, 0,
		       "hinge", "labels");
	expect_refused("x,y;1,-1;2,0;3,1", "w0 + w1*x", LOSS_HINGE, NULL, NULL, 0,
		       "hinge", "-1 and 1");
}

/* An error in the model text has its column in that text. */
Test(optim_data, model_error_column)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct diag err;
	struct objective *o;

	memset(&err, 0, sizeof err.message);
	o = objective_data(d, "w0 + w1*(x", LOSS_MSE, NULL, NULL, 0, &err);
	cr_expect_null(o, "model \"w0 + w1*(x\": expected NULL, got an objective");
	cr_expect_eq(err.column, 11, "model \"w0 + w1*(x\": expected the error at column 11 (the end), "
		     "got column %d (%s)", err.column, err.message);
	objective_free(o);
	memset(&err, 0, sizeof err.message);
	o = objective_data(d, "w0 + w1*x", LOSS_MSE, "z", NULL, 0, &err);
	cr_expect_eq(err.column, 0, "a missing target column: expected column 0 (not in the model), got %d",
		     err.column);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, accepted_labels)
{
	static const struct {
		const char *data;
		enum loss loss;
	} ok[] = {
		{ "x,y;1,0;2,1", LOSS_CROSS_ENTROPY },
		{ "x,y;1,0.25;2,1;3,0", LOSS_CROSS_ENTROPY },
		{ "x,y;1,-1;2,1", LOSS_HINGE },
		{ "x,y;1,0;2,1", LOSS_HINGE },
		{ "x,y;1,-7;2,1e6", LOSS_MSE },
	};
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct dataset *d = make_dataset(ok[i].data);
		struct diag err;
		struct objective *o = objective_data(d, "w0 + w1*x", ok[i].loss, NULL, NULL, 0, &err);
		cr_expect_not_null(o, "data \"%s\" with %s: expected an objective, got NULL (%s)",
				   ok[i].data, loss_name(ok[i].loss), err.message);
		objective_free(o);
		dataset_free(d);
	}
	cr_expect_eq(loss_from_name("mse"), LOSS_MSE, "loss_from_name(mse): expected %d, got %d",
		     LOSS_MSE, loss_from_name("mse"));
	cr_expect_eq(loss_from_name("cross_entropy"), LOSS_CROSS_ENTROPY,
		     "loss_from_name(cross_entropy): expected %d, got %d", LOSS_CROSS_ENTROPY,
		     loss_from_name("cross_entropy"));
	cr_expect_eq(loss_from_name("hinge"), LOSS_HINGE, "loss_from_name(hinge): expected %d, got %d",
		     LOSS_HINGE, loss_from_name("hinge"));
	cr_expect_eq(loss_from_name("l2"), -1, "loss_from_name(l2): expected -1, got %d",
		     loss_from_name("l2"));
}

/* The columns of logistic.csv. */
struct logistic {
	struct dataset *d;
	const double *x1, *x2, *y;
	size_t n;
};

static void
logistic_load(struct logistic *l)
{
	int j1, j2, jy;

	l->d = load(DATA_DIR "logistic.csv");
	j1 = dataset_column(l->d, "x1");
	j2 = dataset_column(l->d, "x2");
	jy = dataset_column(l->d, "y");
	cr_assert(j1 >= 0 && j2 >= 0 && jy >= 0, "logistic.csv: expected columns x1, x2, y, got %d, %d, %d",
		  j1, j2, jy);
	l->x1 = l->d->col[j1];
	l->x2 = l->d->col[j2];
	l->y = l->d->col[jy];
	l->n = l->d->nrows;
	cr_assert_eq(l->n, 20, "logistic.csv: expected 20 rows, got %zu", l->n);
}

/* Central differences of the cost, each component within tol of g. */
static void
check_fd(struct objective *o, const double *w, const double *g, double step, double tol,
	 const char *what)
{
	int n = objective_dim(o), k;

	for (k = 0; k < n; k++) {
		double wp[3], wm[3], fd;
		memcpy(wp, w, n * sizeof *w);
		memcpy(wm, w, n * sizeof *w);
		wp[k] += step;
		wm[k] -= step;
		fd = (cost_at(o, wp) - cost_at(o, wm)) / (wp[k] - wm[k]);
		cr_expect(fabs(fd - g[k]) <= tol, "%s: d/d%s: expected the finite difference %.12g, got %.12g",
			  what, objective_param(o, k), fd, g[k]);
	}
}

Test(optim_data, cross_entropy_gradient)
{
	struct logistic l;
	struct objective *o;
	double w[3] = { 0.2, 0.8, -0.5 }, f, g[3], want[3] = { 0, 0, 0 }, fwant = 0;
	size_t i;
	int k;

	logistic_load(&l);
	o = data_objective(l.d, "b + w1*x1 + w2*x2", LOSS_CROSS_ENTROPY);
	cr_assert_eq(objective_dim(o), 3, "expected 3 parameters, got %d", objective_dim(o));
	cr_expect(strcmp(objective_param(o, 0), "b") == 0 && strcmp(objective_param(o, 1), "w1") == 0 &&
		  strcmp(objective_param(o, 2), "w2") == 0,
		  "expected parameters b, w1, w2, got %s, %s, %s", objective_param(o, 0),
		  objective_param(o, 1), objective_param(o, 2));
	eval_at(o, w, &f, g, NULL);
	/* by hand: -(y log s + (1-y) log(1-s)), gradient mean((s - y) * (1, x1, x2)) */
	for (i = 0; i < l.n; i++) {
		double m = w[0] + w[1] * l.x1[i] + w[2] * l.x2[i], s = 1 / (1 + exp(-m));
		fwant += -(l.y[i] * log(s) + (1 - l.y[i]) * log(1 - s));
		want[0] += (s - l.y[i]);
		want[1] += (s - l.y[i]) * l.x1[i];
		want[2] += (s - l.y[i]) * l.x2[i];
	}
	fwant /= (double)l.n;
	cr_expect(rel_close(f, fwant, 1e-12), "cross entropy cost: expected %.17g, got %.17g", fwant, f);
	for (k = 0; k < 3; k++) {
		want[k] /= (double)l.n;
		cr_expect(fabs(g[k] - want[k]) <= 1e-12,
			  "cross entropy d/d%s: expected mean((sigmoid(m) - y) * feature) = %.17g, got %.17g",
			  objective_param(o, k), want[k], g[k]);
	}
	check_fd(o, w, g, 1e-5, 1e-6, "cross entropy");
	objective_free(o);
	dataset_free(l.d);
}

Test(optim_data, hinge_subgradient)
{
	struct logistic l;
	struct objective *o;
	double w[3] = { 0.1, 0.7, 0.9 }, f, g[3], want[3] = { 0, 0, 0 }, fwant = 0, away = INFINITY;
	size_t i, active = 0;
	int k;

	logistic_load(&l);
	o = data_objective(l.d, "b + w1*x1 + w2*x2", LOSS_HINGE);
	eval_at(o, w, &f, g, NULL);
	/* by hand: t = 2y - 1, loss max(0, 1 - t m), subgradient -t (1, x1, x2) where 1 - t m > 0 */
	for (i = 0; i < l.n; i++) {
		double m = w[0] + w[1] * l.x1[i] + w[2] * l.x2[i], t = 2 * l.y[i] - 1;
		double margin = 1 - t * m;
		away = fmin(away, fabs(margin));
		if (margin > 0) {
			active++;
			fwant += margin;
			want[0] -= t;
			want[1] -= t * l.x1[i];
			want[2] -= t * l.x2[i];
		}
	}
	cr_assert(away > 1e-3, "test setup: expected every 1 - t*m at least 1e-3 from the kink 0, got %g",
		  away);
	cr_assert(active > 0 && active < l.n,
		  "test setup: expected some examples inside the margin and some outside, got %zu of %zu",
		  active, l.n);
	fwant /= (double)l.n;
	cr_expect(rel_close(f, fwant, 1e-14), "hinge cost: expected %.17g, got %.17g", fwant, f);
	for (k = 0; k < 3; k++) {
		want[k] /= (double)l.n;
		cr_expect(fabs(g[k] - want[k]) <= 1e-14,
			  "hinge d/d%s: expected mean(-t * feature over active examples) = %.17g, got %.17g",
			  objective_param(o, k), want[k], g[k]);
	}
	check_fd(o, w, g, 1e-6, 1e-8, "hinge");
	objective_free(o);
	dataset_free(l.d);
}

/* Hinge with -1/1 labels is relu(1 - y m), without the 2y - 1. */
Test(optim_data, hinge_minus_one_labels)
{
	struct dataset *d = make_dataset("x,y;1,-1;2,1;-1,1");
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_HINGE);
	double w[2] = { 0.25, 0.5 }, loss[3];
	/* m = 0.75, 1.25, -0.25: losses relu(1 + 0.75), relu(1 - 1.25), relu(1 + 0.25) */
	double want[3] = { 1.75, 0, 1.25 };
	int i;

	objective_example_losses(o, w, loss);
	for (i = 0; i < 3; i++)
		cr_expect_eq(loss[i], want[i], "hinge, -1/1 labels, example %d: expected %g, got %.17g",
			     i, want[i], loss[i]);
	objective_free(o);
	dataset_free(d);
}

/* An SGD run on the line data: gd, lr, batch, seed, 200 steps. */
static struct run *
sgd_run(struct objective *o, size_t batch, uint64_t seed, double lr)
{
	struct run_config c;
	struct run *r;
	double start[2] = { 0, 0 };
	struct diag err = { .message = "" };

	run_config_init(&c, &opt_gd);
	c.params.lr = lr;
	c.batch = batch;
	c.seed = seed;
	c.tol = 0;
	c.max_steps = 200;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new(batch %zu): expected a run, got NULL (%s)", batch, err.message);
	run_all(r);
	return r;
}

static int
same_trajectory(const struct trajectory *a, const struct trajectory *b)
{
	return a->len == b->len && a->n == b->n &&
	       memcmp(a->w, b->w, a->len * (size_t)a->n * sizeof *a->w) == 0 &&
	       memcmp(a->f, b->f, a->len * sizeof *a->f) == 0;
}

/* The total variation of f over the last 100 recorded points. */
static double
spread(const struct trajectory *tr)
{
	double s = 0;
	size_t k;

	for (k = tr->len - 100; k < tr->len; k++)
		s += fabs(tr->f[k] - tr->f[k - 1]);
	return s;
}

Test(optim_data, minibatch_reproducible)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct run *a = sgd_run(o, 1, 5, 0.05), *b = sgd_run(o, 1, 5, 0.05);
	struct run *c = sgd_run(o, 1, 6, 0.05), *full = sgd_run(o, 0, 5, 0.05);
	struct run *full2 = sgd_run(o, 3, 9, 0.05);
	const struct trajectory *ta = run_trajectory(a);
	size_t k;

	cr_expect(same_trajectory(ta, run_trajectory(b)),
		  "batch 1, seed 5 twice: expected identical trajectories, got different ones");
	cr_expect(!same_trajectory(ta, run_trajectory(c)),
		  "batch 1, seeds 5 and 6: expected different trajectories, got identical ones");
	cr_expect(same_trajectory(run_trajectory(full), run_trajectory(full2)),
		  "batch 3 of 3 examples: expected the full-batch trajectory, got another");
	/* the recorded f is the cost on every example, not on the mini-batch */
	objective_use_examples(o, NULL, 0);
	for (k = 0; k < ta->len; k += 37) {
		double f = cost_at(o, ta->w + 2 * k);
		cr_expect_eq(ta->f[k], f, "batch 1, point %zu: recorded f expected the full cost %.17g, got %.17g",
			     k, f, ta->f[k]);
	}
	run_free(a);
	run_free(b);
	run_free(c);
	run_free(full);
	run_free(full2);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, minibatch_is_noisier)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct run *noisy = sgd_run(o, 1, 11, 0.05), *full = sgd_run(o, 0, 11, 0.05);
	double sn = spread(run_trajectory(noisy)), sf = spread(run_trajectory(full));

	cr_assert_eq(run_trajectory(noisy)->len, 201, "expected 201 points, got %zu",
		     run_trajectory(noisy)->len);
	cr_expect(sn > 10 * sf,
		  "variation of f over the last 100 steps: expected batch 1 above 10 x the full batch's %g, "
		  "got %g", sf, sn);
	run_free(noisy);
	run_free(full);
	objective_free(o);
	dataset_free(d);
}

/*
 * A mini-batch run borrows the objective: once it is freed, even in the
 * middle of an epoch, a full-batch run on the same objective records the
 * cost on every example (the trajectory's f and |grad| are the true ones).
 */
Test(optim_data, minibatch_run_leaves_the_objective_whole)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *o = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct run_config c;
	struct run *r;
	double start[2] = { 0, 1 }, want = (1 + 2.25 + 9) / 3;  /* residuals -1, -1.5, -3 */
	struct diag err = { .message = "" };
	const struct trajectory *tr;

	run_config_init(&c, &opt_gd);
	c.batch = 1;
	c.seed = 1;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new(batch 1): expected a run, got NULL (%s)", err.message);
	run_step(r);
	run_free(r);
	cr_expect(rel_close(cost_at(o, start), want, 1e-15),
		  "after a freed batch-1 run: cost at (0, 1) expected %.17g (every example), got %.17g",
		  want, cost_at(o, start));
	c.batch = 0;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new(full batch): expected a run, got NULL (%s)", err.message);
	run_step(r);
	tr = run_trajectory(r);
	cr_expect(rel_close(tr->f[0], want, 1e-15),
		  "a full-batch run after a batch-1 run: f[0] at (0, 1) expected %.17g (every example), got %.17g",
		  want, tr->f[0]);
	run_free(r);
	objective_free(o);
	dataset_free(d);
}

Test(optim_data, minibatch_refusals)
{
	struct dataset *d = make_dataset(LINE_INLINE);
	struct objective *data = data_objective(d, "w0 + w1*x", LOSS_MSE);
	struct diag eerr;
	struct objective *expr = objective_expr("x^2 + y^2", NULL, 0, &eerr);
	struct run_config c;
	double start[2] = { 1, 1 };
	struct diag err = { .message = "" };
	struct run *r;

	cr_assert_not_null(expr, "objective_expr: expected an objective, got NULL (%s)", eerr.message);
	cr_expect_eq(objective_nexamples(expr), 0, "an expression: expected 0 examples, got %zu",
		     objective_nexamples(expr));
	run_config_init(&c, &opt_gd);
	c.batch = 2;
	r = run_new(expr, &c, start, &err);
	cr_expect_null(r, "a mini-batch on an expression: expected NULL, got a run");
	cr_expect(strstr(err.message, "mini-batch") != NULL && strstr(err.message, "data") != NULL,
		  "a mini-batch on an expression: expected a message about mini-batches and data, got \"%s\"",
		  err.message);
	run_free(r);
	err.message[0] = '\0';
	c.batch = 4;
	r = run_new(data, &c, start, &err);
	cr_expect_null(r, "batch 4 on 3 examples: expected NULL, got a run");
	cr_expect(strstr(err.message, "4") != NULL && strstr(err.message, "3") != NULL,
		  "batch 4 on 3 examples: expected a message with both sizes, got \"%s\"", err.message);
	run_free(r);
	err.message[0] = '\0';
	c.batch = 1;
	c.line_search = 1;
	r = run_new(data, &c, start, &err);
	cr_expect_null(r, "line search with batch 1: expected NULL, got a run");
	cr_expect(strstr(err.message, "line search") != NULL,
		  "line search with batch 1: expected a message about the line search, got \"%s\"", err.message);
	run_free(r);
	objective_free(expr);
	objective_free(data);
	dataset_free(d);
}

/*
 * Many points at once against each point alone.  objective_eval at m > 1
 * points evaluates a group of points in one batch call (one lane per point
 * and example); objective_eval_point takes one point through the mixed
 * batch entry.  Every value must be the same, bit for bit: f, the
 * gradient and the Hessian, for small and large data sets (a group of
 * many points, of two, of one), point counts that are not multiples of
 * the VM's block, non-finite parameters, and mini-batches that change
 * between calls.
 */



/*
 * o at m pseudo-random points (a few non-finite), all at once and one by
 * one, at each level: f alone, with the gradient, with the Hessian; then
 * the gradient without f (level 3).
 */
static void
compare_many(struct objective *o, size_t m, uint64_t seed, const char *what)
{
	enum { MAXD = 3 };
	int dim = objective_dim(o), level, k;
	size_t i, bad = 0;
	double *buf = malloc(m * (size_t)(1 + 2 * MAXD + MAXD * MAXD) * sizeof *buf);
	double *w[MAXD], *g[MAXD], *h[MAXD * MAXD], *f;
	struct rng s;

	cr_assert_not_null(buf, "out of memory");
	cr_assert(dim <= MAXD, "%s: at most %d parameters here, got %d", what, MAXD, dim);
	rng_init(&s, seed);
	for (k = 0; k < dim; k++) {
		w[k] = buf + (size_t)k * m;
		g[k] = buf + (size_t)(MAXD + k) * m;
		for (i = 0; i < m; i++)
			w[k][i] = rng_uniform(&s, -2, 2);
	}
	for (k = 0; k < dim * dim; k++)
		h[k] = buf + (size_t)(2 * MAXD + k) * m;
	f = buf + (size_t)(2 * MAXD + MAXD * MAXD) * m;
	if (m > 2) {
		w[0][1] = NAN;
		w[dim - 1][m - 2] = 1e200;
	}
	for (level = 0; level < 4; level++) {
		if (level == 3)
			for (i = 0; i < m; i++)
				f[i] = -1;
		objective_eval(o, m, (const double *const *)w, level < 3 ? f : NULL,
			       level >= 1 ? g : NULL, level == 2 ? h : NULL);
		for (i = 0; i < m && bad < 5; i++) {
			double x[MAXD], f1, g1[MAXD], h1[MAXD * MAXD];
			for (k = 0; k < dim; k++)
				x[k] = w[k][i];
			objective_eval_point(o, x, &f1, level >= 1 ? g1 : NULL, level == 2 ? h1 : NULL);
			if (level == 3 && f[i] != -1) {
				cr_expect(0, "%s, %zu points: the gradient alone: f[%zu] written (%.17g)",
					  what, m, i, f[i]);
				bad++;
			}
			if (level < 3 && !same_bits(f[i], f1)) {
				cr_expect(0, "%s, %zu points, level %d: f at point %zu: expected %.17g "
					  "(alone), got %.17g", what, m, level, i, f1, f[i]);
				bad++;
			}
			for (k = 0; level >= 1 && k < dim; k++)
				if (!same_bits(g[k][i], g1[k])) {
					cr_expect(0, "%s, %zu points, level %d: d/d%s at point %zu: "
						  "expected %.17g (alone), got %.17g", what, m, level,
						  objective_param(o, k), i, g1[k], g[k][i]);
					bad++;
				}
			for (k = 0; level == 2 && k < dim * dim; k++)
				if (!same_bits(h[k][i], h1[k])) {
					cr_expect(0, "%s, %zu points: Hessian[%d] at point %zu: expected "
						  "%.17g (alone), got %.17g", what, m, k, i, h1[k], h[k][i]);
					bad++;
				}
		}
	}
	free(buf);
}

static const size_t many_counts[] = { 2, 3, 127, 129, 700, 2051 };
static const size_t few_counts[] = { 2, 5, 129, 301 };

Test(optim_data, many_points_bit_identical)
{
	struct dataset *line = make_dataset(LINE_INLINE), *big = generated_data(700, 0, 7),
		       *huge = generated_data(3000, 0, 8), *labels = generated_data(1000, 1, 9);
	struct logistic l;
	struct {
		const struct dataset *d;
		const char *model;
		enum loss loss;
		const size_t *counts;
		size_t ncounts;
	} cases[] = {
		{ line, "w0 + w1*x", LOSS_MSE, many_counts, 6 },
		{ NULL, "b + w1*x1 + w2*x2", LOSS_CROSS_ENTROPY, many_counts, 6 },
		{ NULL, "b + w1*x1 + w2*x2", LOSS_HINGE, many_counts, 6 },
		{ big, "a*sin(b*x) + c*z^2", LOSS_MSE, few_counts, 4 },
		{ labels, "tanh(a*x + b) + c*exp(-z^2)", LOSS_CROSS_ENTROPY, few_counts, 4 },
		{ huge, "a + b*x + c*x*z", LOSS_MSE, few_counts, 3 },
	};
	size_t c, j;

	logistic_load(&l);
	cases[1].d = cases[2].d = l.d;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct objective *o = data_objective(cases[c].d, cases[c].model, cases[c].loss);
		char what[160];
		snprintf(what, sizeof what, "%s, %s, %zu examples", cases[c].model,
			 loss_name(cases[c].loss), cases[c].d->nrows);
		for (j = 0; j < cases[c].ncounts; j++)
			compare_many(o, cases[c].counts[j], 100 + c * 10 + j, what);
		objective_free(o);
	}
	dataset_free(line);
	dataset_free(big);
	dataset_free(huge);
	dataset_free(labels);
	dataset_free(l.d);
}

Test(optim_data, many_points_on_mini_batches)
{
	struct dataset *big = generated_data(700, 0, 11);
	struct objective *o = data_objective(big, "a*sin(b*x) + c*z^2", LOSS_MSE);
	size_t idx[333], i;
	struct rng s;

	rng_init(&s, 12);
	for (i = 0; i < 333; i++)
		idx[i] = (size_t)rng_below(&s, 700);
	objective_use_examples(o, idx, 333);
	compare_many(o, 129, 1, "a mini-batch of 333");
	objective_use_examples(o, idx + 100, 3);
	compare_many(o, 2051, 2, "a mini-batch of 3");
	objective_use_examples(o, idx + 7, 3);  /* the same size, other examples */
	compare_many(o, 700, 3, "another mini-batch of 3");
	objective_use_examples(o, NULL, 0);
	compare_many(o, 301, 4, "every example again");
	objective_free(o);
	dataset_free(big);
}

/*
 * Newton past the few parameters its work space keeps on the stack: ten
 * parameters, a least-squares cost, one step to the solution; and with
 * fewer examples than parameters (a singular Hessian), a flagged step
 * downhill (a step's flag is on the record of the point it left).
 */
#define TEN_PARAMS "w0 + w1*x + w2*z + w3*x*z + w4*x^2 + w5*z^2 + w6*x^2*z + w7*x*z^2 + " \
	"w8*x^3 + w9*z^3"

Test(optim_data, newton_with_ten_parameters)
{
	struct dataset *d = generated_data(200, 0, 21), *few = generated_data(4, 0, 22);
	struct objective *o = data_objective(d, TEN_PARAMS, LOSS_MSE);
	struct objective *under = data_objective(few, TEN_PARAMS, LOSS_MSE);
	struct run_config c;
	struct run *r;
	const struct trajectory *tr;
	double start[10] = { 0 };
	struct diag err = { .message = "" };

	cr_assert_eq(objective_dim(o), 10, "expected 10 parameters, got %d", objective_dim(o));
	run_config_init(&c, &opt_newton);
	c.tol = 1e-9;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_all(r);
	tr = run_trajectory(r);
	cr_expect_eq(tr->outcome, RUN_CONVERGED, "newton, 10 parameters: expected converged, got %s",
		     run_outcome_name(tr->outcome));
	cr_expect_eq(tr->step, 1, "newton, 10 parameters: expected to converge at step 1, got %ld",
		     tr->step);
	cr_expect(tr->len >= 1 && !tr->flag[0],
		  "newton, 10 parameters: a positive definite Hessian: expected no flag");
	run_free(r);

	c.max_steps = 1;
	r = run_new(under, &c, start, &err);
	cr_assert_not_null(r, "run_new: expected a run, got NULL (%s)", err.message);
	run_all(r);
	tr = run_trajectory(r);
	cr_assert(tr->len >= 2, "newton, 4 examples: expected a step, got %zu records", tr->len);
	cr_expect(isfinite(tr->f[1]) && tr->f[1] < tr->f[0],
		  "newton, 4 examples: expected f to go down from %.17g, got %.17g", tr->f[0], tr->f[1]);
	cr_expect(tr->flag[0], "newton, 4 examples: a singular Hessian: expected the step flagged");
	run_free(r);
	objective_free(o);
	objective_free(under);
	dataset_free(d);
	dataset_free(few);
}

/* An expression's gradient without f: the same values, f's buffer not needed. */
Test(optim_data, expression_gradient_without_f)
{
	struct diag err;
	struct objective *o = objective_expr("sin(x)*y^2 + exp(x - y)", NULL, 0, &err);
	enum { M = 301 };
	double x[M], y[M], f[M], ga[2][M], gb[2][M];
	const double *w[2] = { x, y };
	double *const pa[2] = { ga[0], ga[1] }, *const pb[2] = { gb[0], gb[1] };
	size_t i;

	cr_assert_not_null(o, "objective_expr: expected an objective, got NULL (%s)", err.message);
	for (i = 0; i < M; i++) {
		x[i] = -3 + 0.02 * (double)i;
		y[i] = 1 - 0.01 * (double)i;
	}
	objective_eval(o, M, w, f, pa, NULL);
	objective_eval(o, M, w, NULL, pb, NULL);
	cr_expect(memcmp(ga, gb, sizeof ga) == 0,
		  "the gradient of an expression without f: expected the same bits as with f");
	objective_free(o);
}
