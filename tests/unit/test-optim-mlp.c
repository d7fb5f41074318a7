/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-mlp.c - the mlp: networks: their specs and parameter names,
 * the expansion against a network written by hand, gradients and
 * Hessians (from products) against central differences, the symmetry of
 * swapped hidden units, the initializations, and the size of reverse
 * mode's programs.
 */
#include "config.h"

#include <criterion/criterion.h>

#include "unit-helpers.h"

#include "descent/analysis.h"
#include "descent/expr.h"
#include "descent/optim.h"

static struct expr_mlp
net(const char *spec)
{
	struct expr_mlp m;
	struct diag err;

	cr_assert_eq(expr_mlp_parse(spec, &m, &err), 0, "%s: %s", spec, err.message);
	return m;
}

static struct objective *
net_objective(const struct dataset *d, const char *spec, enum loss loss)
{
	struct diag err;
	struct objective *o = objective_data(d, spec, loss, NULL, NULL, 0, &err);

	cr_assert_not_null(o, "objective_data(%s): %s", spec, err.message);
	return o;
}

/* Parameters drawn from seed, uniform in [-a, a]. */
static void
random_params(double *theta, int n, double a, uint64_t seed)
{
	struct rng r;
	int k;

	rng_init(&r, seed);
	for (k = 0; k < n; k++)
		theta[k] = rng_uniform(&r, -a, a);
}

Test(mlp, specs)
{
	struct expr_mlp m = net("mlp:2-32-32-1:tanh");

	cr_assert_eq(m.nlayers, 3);
	cr_assert_eq(m.sizes[0], 2);
	cr_assert_eq(m.sizes[2], 32);
	cr_assert_eq(m.act, EXPR_ACT_TANH);
	cr_assert_eq(expr_mlp_nparams(&m), 32 * 3 + 32 * 33 + 33);
	cr_assert_eq(expr_mlp_nparams(&m), 1185);
	m = net("mlp:1-3-1:relu");
	cr_assert_eq(m.act, EXPR_ACT_RELU);
	cr_assert_eq(expr_mlp_nparams(&m), 10);
	m = net("mlp:1-3-1");
	cr_assert_eq(m.act, EXPR_ACT_TANH, "tanh when no activation is given");
	cr_assert_eq(net("mlp:3-4-1:softplus").act, EXPR_ACT_SOFTPLUS);
	cr_assert_eq(net("mlp:3-4-1:sigmoid").act, EXPR_ACT_SIGMOID);
}

Test(mlp, spec_errors)
{
	static const struct {
		const char *spec, *message;
		int column;
	} cases[] = {
		{ "mlp:", "expected a layer size", 5 },
		{ "mlp:1-3", "a network needs an input size, hidden sizes and the output 1", 8 },
		{ "mlp:1-3-2", "the output layer has 1 unit", 9 },
		{ "mlp:1-0-1", "a layer of 0 units (from 1 to 1024)", 7 },
		{ "mlp:1-2000-1", "a layer of too many units (from 1 to 1024)", 7 },
		{ "mlp:1-3-1:swish", "unknown activation 'swish'", 11 },
		{ "mlp:1-3-1x", "expected '-' or ':'", 10 },
		{ "mlp:1--1", "expected a layer size", 7 },
		{ "mlp:1-2-2-2-2-2-2-2-2-1", "more than 7 hidden layers", 23 },
		{ "net:1-3-1", "a network starts with 'mlp:'", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct expr_mlp m;
		struct diag err;
		cr_assert_eq(expr_mlp_parse(cases[i].spec, &m, &err), -1, "%s", cases[i].spec);
		cr_expect(strstr(err.message, cases[i].message) != NULL,
			  "%s: expected '%s' in '%s'", cases[i].spec, cases[i].message, err.message);
		cr_expect_eq(err.column, cases[i].column, "%s: column %d, expected %d (%s)",
			     cases[i].spec, err.column, cases[i].column, err.message);
	}
}

Test(mlp, names_in_layer_order)
{
	static const char *const want[] = {
		"w1_1_1", "w1_1_2", "b1_1", "w1_2_1", "w1_2_2", "b1_2",
		"w2_1_1", "w2_1_2", "b2_1",
	};
	struct expr_mlp m = net("mlp:2-2-1:tanh");
	int k;

	cr_assert_eq(expr_mlp_nparams(&m), 9);
	for (k = 0; k < 9; k++) {
		char name[32];
		expr_mlp_param_name(&m, k, name, sizeof name);
		cr_expect_str_eq(name, want[k], "parameter %d", k);
	}
	cr_assert_eq(expr_mlp_param(&m, 1, 2, 1), 3);
	cr_assert_eq(expr_mlp_param(&m, 1, 2, 0), 5, "the bias of unit 2");
	cr_assert_eq(expr_mlp_param(&m, 2, 1, 2), 7);
}

Test(mlp, expansion_prints_as_the_network)
{
	static const char *const vars[] = { "x", "y" };
	static const int inputs[] = { 0 };
	struct expr_mlp m = net("mlp:1-2-1:sigmoid");
	struct diag err;
	struct expr *e = expr_mlp_build(&m, vars, 2, inputs, &err);
	char *text;

	cr_assert_not_null(e, "%s", err.message);
	cr_assert_eq(expr_nvars(e), 7 + 2);
	cr_assert_str_eq(expr_var_name(e, 7), "x");
	text = expr_to_string(e, expr_root(e), 4096, &err);
	cr_assert_not_null(text);
	cr_expect_str_eq(text, "w2_1_1*sigmoid(w1_1_1*x + b1_1) + w2_1_2*sigmoid(w1_2_1*x + "
			 "b1_2) + b2_1");
	free(text);
	expr_free(e);
}

/* The network, the same as a model written by hand, value and gradient. */
Test(mlp, same_as_written_by_hand)
{
	struct dataset *d = generated_data(40, 0, 7);
	struct objective *a = net_objective(d, "mlp:2-3-1:tanh", LOSS_MSE);
	struct diag err;
	struct objective *b;
	char model[1024] = "", term[128];
	double theta[13], fa, fb, ga[13], gb[13];
	int j, k;

	/* the columns are x, z, y: inputs x and z */
	for (j = 1; j <= 3; j++) {
		snprintf(term, sizeof term, "%sw2_1_%d*tanh(w1_%d_1*x + w1_%d_2*z + b1_%d)",
			 j > 1 ? " + " : "", j, j, j, j);
		strcat(model, term);
	}
	strcat(model, " + b2_1");
	{
		static const char *const params[] = {
			"w1_1_1", "w1_1_2", "b1_1", "w1_2_1", "w1_2_2", "b1_2",
			"w1_3_1", "w1_3_2", "b1_3", "w2_1_1", "w2_1_2", "w2_1_3", "b2_1",
		};
		b = objective_data(d, model, LOSS_MSE, NULL, params, 13, &err);
		cr_assert_not_null(b, "%s", err.message);
	}
	cr_assert_eq(objective_dim(a), 13);
	for (k = 0; k < 13; k++)
		cr_assert_str_eq(objective_param(a, k), objective_param(b, k));
	random_params(theta, 13, 1.5, 3);
	objective_eval_point(a, theta, &fa, ga, NULL);
	objective_eval_point(b, theta, &fb, gb, NULL);
	cr_expect(rel_close(fa, fb, 1e-14), "f: network %.17g, by hand %.17g", fa, fb);
	for (k = 0; k < 13; k++)
		cr_expect(rel_close(ga[k], gb[k], 1e-12) || fabs(ga[k] - gb[k]) < 1e-15,
			  "d/d%s: network %.17g, by hand %.17g", objective_param(a, k), ga[k], gb[k]);
	objective_free(a);
	objective_free(b);
	dataset_free(d);
}

/*
 * The gradient against central differences of f, and the Hessian (from
 * products past 8 parameters) against central differences of the
 * gradient, for every activation and loss.
 */
static void
check_derivatives(const char *spec, int binary, enum loss loss, uint64_t seed)
{
	struct dataset *d = generated_data(30, binary, seed);
	struct objective *o = net_objective(d, spec, loss);
	int n = objective_dim(o), i, k;
	double *x = calloc(n, sizeof *x), *g = calloc(n, sizeof *g), *h = calloc(n * n, sizeof *h);
	double *gp = calloc(n, sizeof *gp), *gm = calloc(n, sizeof *gm), f, fp, fm;

	random_params(x, n, 1.0, seed + 1);
	objective_eval_point(o, x, &f, g, h);
	for (k = 0; k < n; k++) {
		double xk = x[k], step = 1e-5 * fmax(1, fabs(xk));
		x[k] = xk + step;
		objective_eval_point(o, x, &fp, gp, NULL);
		x[k] = xk - step;
		objective_eval_point(o, x, &fm, gm, NULL);
		x[k] = xk;
		cr_expect(fabs((fp - fm) / (2 * step) - g[k]) < 1e-6 * fmax(1, fabs(g[k])),
			  "%s: d/d%s: %.12g, differences %.12g", spec, objective_param(o, k), g[k],
			  (fp - fm) / (2 * step));
		for (i = 0; i < n; i++) {
			double fd = (gp[i] - gm[i]) / (2 * step);
			cr_expect(fabs(fd - h[i * n + k]) < 1e-5 * fmax(1, fabs(fd)),
				  "%s: H[%d][%d] = %.12g, differences %.12g", spec, i, k,
				  h[i * n + k], fd);
			cr_expect(h[i * n + k] == h[k * n + i], "%s: H is not symmetric", spec);
		}
	}
	free(x);
	free(g);
	free(h);
	free(gp);
	free(gm);
	objective_free(o);
	dataset_free(d);
}

Test(mlp, derivatives_against_differences)
{
	check_derivatives("mlp:2-3-1:tanh", 0, LOSS_MSE, 11);          /* 13: products */
	check_derivatives("mlp:2-4-3-1:tanh", 0, LOSS_MSE, 12);        /* 31 */
	check_derivatives("mlp:2-3-1:sigmoid", 1, LOSS_CROSS_ENTROPY, 13);
	check_derivatives("mlp:2-3-1:softplus", 1, LOSS_CROSS_ENTROPY, 14);
	check_derivatives("mlp:2-2-1:tanh", 0, LOSS_MSE, 15);          /* 9 */
	check_derivatives("mlp:2-1-1:tanh", 0, LOSS_MSE, 16);          /* 5: compiled */
}

/* A swap of two hidden units leaves the loss as it was. */
Test(mlp, swapped_units_give_the_same_loss)
{
	struct dataset *d = generated_data(50, 1, 21);
	struct objective *o = net_objective(d, "mlp:2-5-4-1:tanh", LOSS_CROSS_ENTROPY);
	struct expr_mlp m = net("mlp:2-5-4-1:tanh");
	int n = objective_dim(o);
	double *theta = calloc(n, sizeof *theta), *moved = calloc(n, sizeof *moved), f0, f1;
	int differs = 0, k;

	random_params(theta, n, 1.0, 22);
	memcpy(moved, theta, n * sizeof *theta);
	expr_mlp_swap(&m, 1, 2, 5, moved);
	expr_mlp_swap(&m, 2, 1, 3, moved);
	for (k = 0; k < n; k++)
		differs += moved[k] != theta[k];
	cr_assert_gt(differs, 20, "the swap moved %d parameters", differs);
	objective_eval_point(o, theta, &f0, NULL, NULL);
	objective_eval_point(o, moved, &f1, NULL, NULL);
	cr_expect(rel_close(f0, f1, 1e-12), "loss %.17g, swapped %.17g", f0, f1);
	/* and swapping back gives the parameters again */
	expr_mlp_swap(&m, 2, 1, 3, moved);
	expr_mlp_swap(&m, 1, 2, 5, moved);
	cr_expect(memcmp(moved, theta, n * sizeof *theta) == 0);
	free(theta);
	free(moved);
	objective_free(o);
	dataset_free(d);
}

/* Gradient descent from an initialization, 50 steps. */
static void
train(struct objective *o, const double *start, double *end)
{
	struct run_config c;
	struct diag err;
	struct run *r;

	run_config_init(&c, opt_find("gd"));
	c.params.lr = 0.1;
	c.max_steps = 50;
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r, "%s", err.message);
	run_all(r);
	memcpy(end, run_point(r), objective_dim(o) * sizeof *end);
	run_free(r);
}

/* const:C: the hidden units move, and stay the same as each other. */
static void
check_symmetry(const char *spec)
{
	struct dataset *d = generated_data(30, 0, 31);
	struct objective *o = net_objective(d, spec, LOSS_MSE);
	struct expr_mlp m = net(spec);
	int n = objective_dim(o), j, i;
	double *theta = calloc(n, sizeof *theta), *end = calloc(n, sizeof *end);
	struct diag err;

	cr_assert_eq(expr_mlp_init(&m, "const:0.3", 1, theta, &err), 0, "%s", err.message);
	cr_assert_eq(theta[expr_mlp_param(&m, 1, 2, 1)], 0.3);
	cr_assert_eq(theta[expr_mlp_param(&m, 1, 2, 0)], 0, "biases start at 0");
	train(o, theta, end);
	for (j = 2; j <= m.sizes[1]; j++) {
		for (i = 0; i <= m.sizes[0]; i++) {
			double a = end[expr_mlp_param(&m, 1, 1, i)], b = end[expr_mlp_param(&m, 1, j, i)];
			cr_expect(a == b, "%s: unit %d differs from unit 1 (%.17g, %.17g)", spec, j,
				  b, a);
		}
		cr_expect(end[expr_mlp_param(&m, 2, 1, j)] == end[expr_mlp_param(&m, 2, 1, 1)]);
	}
	cr_expect(end[expr_mlp_param(&m, 1, 1, 1)] != 0.3, "%s: the units did not move", spec);
	free(theta);
	free(end);
	objective_free(o);
	dataset_free(d);
}

Test(mlp, equal_weights_keep_units_equal)
{
	check_symmetry("mlp:2-4-1:tanh");
	check_symmetry("mlp:2-4-1:sigmoid");
}

/* zeros: a tanh network at 0 moves nothing but its output's bias. */
Test(mlp, zeros_do_not_move)
{
	struct dataset *d = generated_data(30, 0, 41);
	struct objective *o = net_objective(d, "mlp:2-4-1:tanh", LOSS_MSE);
	struct expr_mlp m = net("mlp:2-4-1:tanh");
	int n = objective_dim(o), k, bias = expr_mlp_param(&m, 2, 1, 0);
	double *theta = calloc(n, sizeof *theta), *end = calloc(n, sizeof *end);
	struct diag err;

	cr_assert_eq(expr_mlp_init(&m, "zeros", 1, theta, &err), 0);
	train(o, theta, end);
	for (k = 0; k < n; k++)
		if (k != bias)
			cr_expect(end[k] == 0, "%s moved to %g", objective_param(o, k), end[k]);
	cr_expect(end[bias] != 0, "the output's bias did not move");
	free(theta);
	free(end);
	objective_free(o);
	dataset_free(d);
}

Test(mlp, glorot)
{
	struct expr_mlp m = net("mlp:2-32-32-1:tanh");
	int n = expr_mlp_nparams(&m), l, j, i;
	double *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
	struct diag err;

	cr_assert_eq(expr_mlp_init(&m, "glorot", 5, a, &err), 0);
	cr_assert_eq(expr_mlp_init(&m, "glorot", 5, b, &err), 0);
	cr_assert(memcmp(a, b, n * sizeof *a) == 0, "the same seed, other numbers");
	cr_assert_eq(expr_mlp_init(&m, "glorot", 6, b, &err), 0);
	cr_assert(memcmp(a, b, n * sizeof *a) != 0, "another seed, the same numbers");
	for (l = 1; l <= m.nlayers; l++) {
		double lim = sqrt(6.0 / (m.sizes[l - 1] + m.sizes[l])), s2 = 0;
		int count = 0;
		for (j = 1; j <= m.sizes[l]; j++) {
			cr_expect_eq(a[expr_mlp_param(&m, l, j, 0)], 0, "biases are 0");
			for (i = 1; i <= m.sizes[l - 1]; i++) {
				double w = a[expr_mlp_param(&m, l, j, i)];
				cr_expect(fabs(w) <= lim && w != 0, "layer %d: %g outside (0, %g]", l, w,
					  lim);
				s2 += w * w;
				count++;
			}
		}
		if (count >= 500)       /* the variance of U(-a, a) is a^2/3 */
			cr_expect(rel_close(s2 / count, lim * lim / 3, 0.15),
				  "layer %d: variance %g, expected %g", l, s2 / count, lim * lim / 3);
	}
	cr_expect_eq(expr_mlp_init(&m, "const:0", 1, a, &err), -1);
	cr_expect(strstr(err.message, "other than 0") != NULL, "%s", err.message);
	cr_expect_eq(expr_mlp_init(&m, "he", 1, a, &err), -1);
	cr_expect(strstr(err.message, "glorot, glorot:K, const:C and zeros") != NULL, "%s",
		  err.message);
	cr_expect_eq(expr_mlp_init(&m, "glorot:0", 1, a, &err), -1);
	cr_expect(strstr(err.message, "above 0") != NULL, "%s", err.message);
	/* glorot:K: the same draws, K times wider */
	cr_assert_eq(expr_mlp_init(&m, "glorot", 9, a, &err), 0);
	cr_assert_eq(expr_mlp_init(&m, "glorot:4", 9, b, &err), 0);
	for (l = 0; l < n; l++)
		cr_expect(b[l] == 4 * a[l] || rel_close(b[l], 4 * a[l], 1e-15), "%d: %g, %g", l, b[l],
			  a[l]);
	free(a);
	free(b);
}

/* Reverse mode: the gradient's program a few times f's, for 1185 parameters. */
Test(mlp, reverse_mode_programs_are_small)
{
	static const char *const vars[] = { "x1", "x2", "y" };
	static const int inputs[] = { 0, 1 };
	struct expr_mlp m = net("mlp:2-32-32-1:tanh");
	struct diag err;
	struct expr *e = expr_mlp_build(&m, vars, 3, inputs, &err);
	struct expr_program *f, *g, *hv;
	int nf, ng, nh;

	cr_assert_not_null(e, "%s", err.message);
	cr_assert_eq(expr_nvars(e), 1185 + 3);
	f = expr_compile_wrt(e, 0, 1185, &err);
	g = expr_compile_wrt(e, EXPR_GRAD, 1185, &err);
	cr_assert_not_null(g, "%s", err.message);
	hv = expr_compile_wrt(e, EXPR_HVP, 1185, &err);
	cr_assert_not_null(hv, "%s", err.message);
	cr_assert_eq(expr_nvars(e), 1185 + 3, "the directions are hidden");
	cr_assert_eq(expr_program_nvars(hv), 2 * 1185 + 3);
	cr_assert_eq(expr_program_nout(hv), 1 + 2 * 1185);
	nf = expr_program_ninstr(f);
	ng = expr_program_ninstr(g);
	nh = expr_program_ninstr(hv);
	cr_expect(ng <= 4 * nf, "the gradient takes %d instructions, f %d", ng, nf);
	cr_expect(nh <= 4 * ng, "the product takes %d instructions, the gradient %d", nh, ng);
	expr_program_free(f);
	expr_program_free(g);
	expr_program_free(hv);
	expr_free(e);
}

Test(mlp, data_errors)
{
	struct dataset *d = generated_data(10, 0, 1);
	struct diag err;
	static const char *const params[] = { "a" };

	cr_expect_null(objective_data(d, "mlp:1-3-1:tanh", LOSS_MSE, NULL, NULL, 0, &err));
	cr_expect(strstr(err.message, "mlp:1-3-1:tanh takes 1 input, but the data has 2 "
			 "columns besides the target y") != NULL, "%s", err.message);
	cr_expect_null(objective_data(d, "mlp:2-3-1:tanh", LOSS_MSE, NULL, params, 1, &err));
	cr_expect(strstr(err.message, "leave out --params") != NULL, "%s", err.message);
	cr_expect_null(objective_data(d, "mlp:2-3-1:tanh", LOSS_CROSS_ENTROPY, NULL, NULL, 0,
				      &err));
	cr_expect(strstr(err.message, "cross_entropy needs labels between 0 and 1") != NULL,
		  "%s", err.message);
	cr_expect_null(objective_data(d, "mlp:2-3-1:bad", LOSS_MSE, NULL, NULL, 0, &err));
	cr_expect(strstr(err.message, "unknown activation 'bad'") != NULL, "%s", err.message);
	cr_expect_eq(err.column, 11);
	dataset_free(d);
}

/* objective_hvp: H v without H, against the Hessian times v. */
static void
check_hvp(struct objective *o, uint64_t seed)
{
	int n = objective_dim(o), i, k;
	double *x = calloc(n, sizeof *x), *v = calloc(n, sizeof *v), *h = calloc(n * n, sizeof *h);
	double *hv = calloc(n, sizeof *hv), *g = calloc(n, sizeof *g), *g2 = calloc(n, sizeof *g2);
	double f, f2;

	random_params(x, n, 1.0, seed);
	random_params(v, n, 1.0, seed + 1);
	objective_eval_point(o, x, &f, g, h);
	objective_hvp(o, x, v, &f2, g2, hv);
	cr_expect(f2 == f, "f: %.17g and %.17g", f2, f);
	for (i = 0; i < n; i++) {
		double want = 0, scale = 0;
		for (k = 0; k < n; k++) {
			want += h[i * n + k] * v[k];
			scale += fabs(h[i * n + k] * v[k]);
		}
		cr_expect(fabs(hv[i] - want) <= 1e-12 * fmax(scale, 1e-300), "(Hv)[%d] = %.17g, H*v %.17g",
			  i, hv[i], want);
		cr_expect(rel_close(g2[i], g[i], 1e-14), "g[%d]", i);
	}
	free(x);
	free(v);
	free(h);
	free(hv);
	free(g);
	free(g2);
}

Test(mlp, hessian_vector_products)
{
	struct dataset *d = generated_data(40, 0, 51);
	struct objective *o = net_objective(d, "mlp:2-4-3-1:tanh", LOSS_MSE);

	check_hvp(o, 52);
	objective_use_examples(o, (const size_t[]){ 3, 7, 9 }, 3);
	check_hvp(o, 53);
	objective_free(o);
	o = make_objective("(1-x)^2 + 100*(y-x^2)^2 + sin(x*y*z)");
	check_hvp(o, 54);
	objective_free(o);
	dataset_free(d);
}

/* A network of 5251 parameters trains, and is analysed from products. */
Test(mlp, five_thousand_parameters)
{
	struct diag err;
	struct dataset *d = dataset_toy("xor,n=60,seed=2", &err);
	struct objective *o;
	struct expr_mlp m = net("mlp:2-70-70-1:tanh");
	struct run_config c;
	struct point_report r;
	struct run *run;
	double *theta;
	const struct trajectory *tr;
	int n;

	cr_assert_not_null(d, "%s", err.message);
	o = net_objective(d, "mlp:2-70-70-1:tanh", LOSS_CROSS_ENTROPY);
	n = objective_dim(o);
	cr_assert_eq(n, 5251);
	theta = calloc(n, sizeof *theta);
	cr_assert_eq(expr_mlp_init(&m, "glorot", 1, theta, &err), 0);
	run_config_init(&c, opt_find("adam"));
	c.max_steps = 30;
	run = run_new(o, &c, theta, &err);
	cr_assert_not_null(run, "%s", err.message);
	run_all(run);
	tr = run_trajectory(run);
	cr_expect_lt(tr->f[tr->len - 1], 0.9 * tr->f[0], "30 steps: f %g -> %g", tr->f[0],
		     tr->f[tr->len - 1]);
	cr_assert_eq(analysis_point(o, run_point(run), 1e-6, &r), 0);
	cr_expect_null(r.lambda, "past OPT_MAX_HESSIAN, no spectrum");
	cr_expect_eq(r.index, -1);
	cr_expect(isfinite(r.lmin) && isfinite(r.lmax) && r.lmin < r.lmax, "%g %g", r.lmin,
		  r.lmax);
	cr_expect_gt(r.lmax, 0);
	analysis_point_done(&r);
	cr_expect_null(run_new(o, &(struct run_config){ .opt = opt_find("newton"),
				.max_steps = 1, .params = opt_find("newton")->defaults }, theta,
			       &err));
	cr_expect(strstr(err.message, "newton needs the Hessian") != NULL, "%s", err.message);
	run_free(run);
	free(theta);
	objective_free(o);
	dataset_free(d);
}

/* The spectrum of a network up to OPT_MAX_HESSIAN: an assembled Hessian past 64. */
Test(mlp, spectrum_past_64)
{
	struct dataset *d = generated_data(30, 0, 61);
	struct objective *o = net_objective(d, "mlp:2-12-5-1:tanh", LOSS_MSE);
	int n = objective_dim(o), k;
	double *theta = calloc(n, sizeof *theta), *v = calloc(n, sizeof *v), *hv = calloc(n, sizeof *hv);
	struct point_report r;

	cr_assert_eq(n, 12 * 3 + 5 * 13 + 6);
	random_params(theta, n, 1.0, 62);
	cr_assert_eq(analysis_point(o, theta, 1e-6, &r), 0);
	cr_assert_not_null(r.lambda);
	for (k = 1; k < n; k++)
		cr_expect_leq(r.lambda[k - 1], r.lambda[k]);
	cr_expect_eq(r.lmax, r.lambda[n - 1]);
	/* the Rayleigh quotient of any direction lies between the extremes */
	random_params(v, n, 1.0, 63);
	objective_hvp(o, theta, v, NULL, NULL, hv);
	{
		double vhv = 0, vv = 0;
		for (k = 0; k < n; k++) {
			vhv += v[k] * hv[k];
			vv += v[k] * v[k];
		}
		cr_expect(vhv / vv <= r.lmax * (1 + 1e-12) && vhv / vv >= r.lmin * (1 + 1e-12) - 1e-12,
			  "%g not in [%g, %g]", vhv / vv, r.lmin, r.lmax);
	}
	analysis_point_done(&r);
	free(theta);
	free(v);
	free(hv);
	objective_free(o);
	dataset_free(d);
}

/* The L2 penalty: l2/2 |w|^2 on f, l2 w on g, l2 I on H, the same on every path. */
Test(mlp, l2_penalty)
{
	struct dataset *d = generated_data(40, 0, 71);
	struct objective *a = net_objective(d, "mlp:2-3-1:tanh", LOSS_MSE);
	struct objective *b = net_objective(d, "mlp:2-3-1:tanh", LOSS_MSE);
	int n = objective_dim(a), k, i;
	double x[13], v[13], fa, fb, ga[13], gb[13], ha[169], hb[169], hva[13], hvb[13], s = 0;
	double f2[2], g2[13][2], *g2p[13];
	const double *w2[13];
	double cols[13][2];

	cr_assert_eq(objective_set_l2(b, 0.3), 0);
	cr_expect_eq(objective_l2(b), 0.3);
	cr_expect_eq(objective_set_l2(b, -1), -1);
	random_params(x, n, 1.0, 72);
	random_params(v, n, 1.0, 73);
	for (k = 0; k < n; k++)
		s += x[k] * x[k];
	objective_eval_point(a, x, &fa, ga, ha);
	objective_eval_point(b, x, &fb, gb, hb);
	cr_expect(rel_close(fb, fa + 0.15 * s, 1e-15), "f %.17g, want %.17g", fb, fa + 0.15 * s);
	for (k = 0; k < n; k++) {
		cr_expect(rel_close(gb[k], ga[k] + 0.3 * x[k], 1e-15));
		for (i = 0; i < n; i++)
			cr_expect(hb[k * n + i] == ha[k * n + i] + (i == k ? 0.3 : 0));
	}
	objective_hvp(a, x, v, NULL, NULL, hva);
	objective_hvp(b, x, v, NULL, NULL, hvb);
	for (k = 0; k < n; k++)
		cr_expect(hvb[k] == hva[k] + 0.3 * v[k]);
	/* two points at once: each the same as alone, bit for bit */
	for (k = 0; k < n; k++) {
		cols[k][0] = x[k];
		cols[k][1] = v[k];
		w2[k] = cols[k];
		g2p[k] = g2[k];
	}
	objective_eval(b, 2, w2, f2, g2p, NULL);
	cr_expect(same_bits(f2[0], fb));
	for (k = 0; k < n; k++)
		cr_expect(same_bits(g2[k][0], gb[k]), "g[%d] of lane 0", k);
	objective_eval_point(b, v, &fb, gb, NULL);
	cr_expect(same_bits(f2[1], fb));
	{
		const size_t idx[] = { 1, 5, 9 }, *idxs[2] = { idx, idx }, ns[2] = { 3, 3 };
		objective_eval_subsets(b, 2, w2, idxs, ns, f2, g2p, NULL);
		objective_use_examples(b, idx, 3);
		objective_eval_point(b, x, &fb, gb, NULL);
		objective_use_examples(b, NULL, 0);
		cr_expect(same_bits(f2[0], fb), "a subset: %.17g and %.17g", f2[0], fb);
		for (k = 0; k < n; k++)
			cr_expect(same_bits(g2[k][0], gb[k]));
	}
	objective_free(a);
	objective_free(b);
	dataset_free(d);
}

/* Slices: a line and a plane through a landscape, with their derivatives. */
Test(mlp, slices)
{
	static const char *const names[] = { "a", "b" };
	struct objective *base = make_objective("x^2 + 2*y^2 + 3*z^2 + x*y*z");
	const double origin[3] = { 1, -1, 0.5 }, dirs[6] = { 1, 0, 0, 0, 1, 1 };
	struct objective *s = objective_slice(base, origin, dirs, 2, names);
	double t[2] = { 0.3, -0.7 }, x[3], f, fb, g[2], gb[3], h[4], hb[9];
	struct expr_mlp m = net("mlp:2-3-1:tanh");
	struct dataset *d = generated_data(30, 0, 81);
	struct objective *o, *line;
	double theta[13], swapped[13], dir[13], f0, f1;
	int k;

	cr_assert_eq(objective_dim(s), 2);
	cr_expect_str_eq(objective_param(s, 1), "b");
	cr_expect_null(objective_expression(s));
	x[0] = 1 + 0.3;
	x[1] = -1 - 0.7;
	x[2] = 0.5 - 0.7;
	objective_eval_point(s, t, &f, g, h);
	objective_eval_point(base, x, &fb, gb, hb);
	cr_expect(same_bits(f, fb), "f %.17g and %.17g", f, fb);
	cr_expect(rel_close(g[0], gb[0], 1e-15));
	cr_expect(rel_close(g[1], gb[1] + gb[2], 1e-15));
	cr_expect(rel_close(h[0], hb[0], 1e-14), "h00 %g, %g", h[0], hb[0]);
	cr_expect(rel_close(h[1], hb[1] + hb[2], 1e-14));
	cr_expect(rel_close(h[2], h[1], 1e-14));
	cr_expect(rel_close(h[3], hb[4] + hb[5] + hb[7] + hb[8], 1e-14));
	objective_free(s);
	objective_free(base);
	/* the line from a network to its copy with two units swapped: the same at both ends */
	o = net_objective(d, "mlp:2-3-1:tanh", LOSS_MSE);
	random_params(theta, 13, 1.0, 82);
	memcpy(swapped, theta, sizeof theta);
	expr_mlp_swap(&m, 1, 1, 3, swapped);
	for (k = 0; k < 13; k++)
		dir[k] = swapped[k] - theta[k];
	line = objective_slice(o, theta, dir, 1, names);
	t[0] = 0;
	objective_eval_point(line, t, &f0, NULL, NULL);
	objective_eval_point(o, theta, &fb, NULL, NULL);
	cr_expect(same_bits(f0, fb));
	t[0] = 1;
	objective_eval_point(line, t, &f1, NULL, NULL);
	cr_expect(rel_close(f1, f0, 1e-12), "f(0) %.17g, f(1) %.17g", f0, f1);
	objective_free(line);
	objective_free(o);
	dataset_free(d);
}

/* The directions of slices and the projection on a plane. */
Test(mlp, slice_directions)
{
	struct expr_mlp m = net("mlp:2-3-1:tanh");
	double theta[13], d1[13], d2[13], ab[2], x[13], w[50 * 13], end[13], ex[2], p1[13],
	       p2[13];
	int k, j, i;

	random_params(theta, 13, 2.0, 91);
	analysis_random_directions(&m, theta, 13, 4, d1, d2);
	for (j = 1; j <= 3; j++) {     /* each unit's block as long as theta's */
		int a = expr_mlp_param(&m, 1, j, 1);
		double nd = 0, nt = 0;
		for (k = a; k < a + 3; k++) {
			nd += d1[k] * d1[k];
			nt += theta[k] * theta[k];
		}
		cr_expect(rel_close(sqrt(nd), sqrt(nt), 1e-12), "unit %d: %g and %g", j, nd, nt);
	}
	/* a point on the plane projects to its coordinates */
	for (k = 0; k < 13; k++)
		x[k] = theta[k] + 0.25 * d1[k] - 1.5 * d2[k];
	analysis_project(13, theta, d1, d2, x, ab);
	cr_expect(fabs(ab[0] - 0.25) < 1e-12 && fabs(ab[1] + 1.5) < 1e-12, "(%g, %g)", ab[0], ab[1]);
	/* a trajectory in a plane: its two components span it, orthonormal */
	for (k = 0; k < 13; k++)
		end[k] = theta[k];
	for (i = 0; i < 50; i++)
		for (k = 0; k < 13; k++)
			w[i * 13 + k] = end[k] + (50 - i) * 0.1 * d1[k] + sin(i) * 0.01 * d2[k];
	cr_assert_eq(analysis_pca_directions(w, 50, 13, end, p1, p2, ex), 0);
	{
		double n1 = 0, n2 = 0, dot = 0;
		for (k = 0; k < 13; k++) {
			n1 += p1[k] * p1[k];
			n2 += p2[k] * p2[k];
			dot += p1[k] * p2[k];
		}
		cr_expect(rel_close(n1, 1, 1e-12) && rel_close(n2, 1, 1e-12), "|pc|^2 %g, %g", n1,
			  n2);
		cr_expect(fabs(dot) < 1e-12, "pc1.pc2 = %g", dot);
		cr_expect(ex[0] > 0.99 && ex[0] <= 1 && ex[1] > 0 && ex[0] + ex[1] <= 1 + 1e-12,
			  "explained %g and %g", ex[0], ex[1]);
		/* the first component is the direction d1 the points move along */
		dot = 0;
		for (k = 0, n1 = 0; k < 13; k++) {
			dot += p1[k] * d1[k];
			n1 += d1[k] * d1[k];
		}
		cr_expect(fabs(fabs(dot) / sqrt(n1) - 1) < 1e-3, "cos %g", dot / sqrt(n1));
	}
	/* too few points */
	cr_expect_eq(analysis_pca_directions(w, 2, 13, end, p1, p2, ex), -1);
}

/* The barrier along a line, on a function whose top is known. */
Test(mlp, barrier)
{
	static const char *const names[] = { "t" };
	struct objective *base = make_objective("(x^2 - 1)^2 + y^2");
	const double origin[2] = { -1, 0 }, dir[2] = { 2, 0 };
	struct objective *line = objective_slice(base, origin, dir, 1, names);
	struct barrier b;

	analysis_barrier(line, &b);
	cr_expect_eq(b.f0, 0);
	cr_expect_eq(b.f1, 0);
	cr_expect_eq(b.t, 0.5);
	cr_expect_eq(b.f, 1);
	cr_expect_eq(b.height, 1);
	objective_free(line);
	objective_free(base);
}

/* A model view: the model at fixed parameters against its inputs. */
Test(mlp, model_view)
{
	struct dataset *d = make_dataset("x,y;1,2;2,3;3,5");
	struct diag err;
	static const char *const params[] = { "a", "b" };
	struct objective *o = objective_data(d, "a*x + b", LOSS_MSE, NULL, params, 2, &err);
	const double theta[2] = { 2, -1 }, xs[3] = { 0, 1, 2.5 };
	const double *xp = xs;
	double f[3];
	struct objective *v;
	struct dataset *d3;

	cr_assert_not_null(o, "%s", err.message);
	v = objective_model_view(o, "a*x + b", theta, &err);
	cr_assert_not_null(v, "%s", err.message);
	cr_expect_eq(objective_dim(v), 1);
	cr_expect_str_eq(objective_param(v, 0), "x");
	objective_eval(v, 3, &xp, f, NULL, NULL);
	cr_expect(f[0] == -1 && f[1] == 1 && f[2] == 4, "%g %g %g", f[0], f[1], f[2]);
	objective_free(v);
	objective_free(o);
	/* a network: the view is the network's output, the loss's input */
	o = net_objective(d, "mlp:1-2-1:tanh", LOSS_MSE);
	{
		double th[7] = { 1, 0.5, -1, 0.25, 2, 3, 0.5 }, m;
		v = objective_model_view(o, "mlp:1-2-1:tanh", th, &err);
		cr_assert_not_null(v, "%s", err.message);
		objective_eval(v, 3, &xp, f, NULL, NULL);
		m = 2 * tanh(1 * 2.5 + 0.5) + 3 * tanh(-1 * 2.5 + 0.25) + 0.5;
		cr_expect(rel_close(f[2], m, 1e-15), "%.17g, want %.17g", f[2], m);
		objective_free(v);
	}
	objective_free(o);
	d3 = make_dataset("a,b,c,y;1,2,3,4;2,3,4,5");
	o = net_objective(d3, "mlp:3-2-1", LOSS_MSE);
	cr_expect_null(objective_model_view(o, "mlp:3-2-1", theta, &err));
	cr_expect(strstr(err.message, "1 or 2 inputs, and this one has 3") != NULL, "%s",
		  err.message);
	objective_free(o);
	dataset_free(d3);
	dataset_free(d);
}
