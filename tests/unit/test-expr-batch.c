/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-expr-batch.c - checks the batch entry of compiled programs against
 * the scalar entry.  expr.h promises the two are bit-identical, so every
 * output of expr_eval_batch is compared with memcmp to expr_eval at the same
 * point (a nan must be the same nan), for many expressions (every function,
 * the classic test functions, constants, 1 to 5 variables), for f alone, f
 * and the gradient, and f, gradient and Hessian, at batch sizes that are not
 * multiples of any block size, under every kernel set the CPU runs
 * (instruction sets and vector math), with inputs that mix ordinary values with
 * inf, nan, signed zeros, huge, tiny and subnormal numbers.  It also checks
 * that neither entry writes outside its outputs (sentinels around them),
 * that the inputs are left alone, that misaligned and shared input arrays
 * work, and that division by zero, logs and roots of negatives and overflow
 * give inf and nan instead of trapping.  Inputs come from a fixed-seed
 * splitmix64, so runs repeat.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/expr.h"
#include "descent/rng.h"

#define MAXV 5
#define MAXOUT (1 + MAXV + MAXV * MAXV)
#define PRE 3                   /* sentinels before each output array */
#define POST 4                  /* and after it */

static const char *const var_names[MAXV] = { "x", "y", "z", "u", "v" };

static const uint64_t sentinel_bits = 0xfff5a5a5a5a5a5a5ULL;
static const uint64_t garbage_bits = 0x7ff0deadbeef0001ULL;

/* One input: mostly ordinary numbers, often an awkward one. */
static double gen_input(struct rng *s)
{
	static const double specials[] = {
		0.0, -0.0, INFINITY, -INFINITY, NAN, -NAN, DBL_MAX, -DBL_MAX,
		1e300, -1e300, DBL_MIN, -DBL_MIN, 4.9406564584124654e-324,
		-4.9406564584124654e-324, 1e-300, -1e-310, 1, -1, 2, 0.5, 710,
		-745, 1e16, -1e22, 3e9, 1.3407807929942596e154,
	};
	uint64_t r = rng_next(s);
	double m;

	switch (r & 7) {
	case 0:
	case 1:
		return specials[(r >> 8) % (sizeof specials / sizeof specials[0])];
	case 2:         /* any magnitude */
		m = pow(10.0, 600 * rng_unit(s) - 300);
		return (r & 8) ? -m : m;
	default:
		return 8 * rng_unit(s) - 4;
	}
}

static void put_bits(double *d, uint64_t bits) { memcpy(d, &bits, sizeof *d); }
static int has_bits(const double *d, uint64_t bits) { return memcmp(d, &bits, sizeof *d) == 0; }

static const char *what_name(unsigned what)
{
	return what == 0 ? "f" : what == EXPR_GRAD ? "GRAD" : "GRAD|HESS";
}

/* "f", "d/dy" or "H[x][z]" for output k of a program over nv variables. */
static void out_name(char *buf, size_t size, int k, int nv)
{
	if (k == 0)
		snprintf(buf, size, "f");
	else if (k <= nv)
		snprintf(buf, size, "d/d%s", var_names[k - 1]);
	else
		snprintf(buf, size, "H[%s][%s]", var_names[(k - 1 - nv) / nv],
			 var_names[(k - 1 - nv) % nv]);
}

static void fmt_point(char *buf, size_t size, const double *x, int nv)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < nv && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s=%.17g (%a)",
					i ? ", " : "", var_names[i], x[i], x[i]);
}

static struct expr_program *build(const char *src, int nvars, unsigned what,
				  struct expr **ep)
{
	struct diag err = { 0 };
	struct expr_program *p;
	int nout = 1 + (what ? nvars : 0) + ((what & EXPR_HESS) ? nvars * nvars : 0);

	*ep = expr_parse(src, var_names, nvars, &err);
	cr_assert(*ep != NULL, "parsing \"%s\" failed: column %d: %s",
		  src, err.column, err.message);
	p = expr_compile(*ep, what, &err);
	cr_assert(p != NULL, "compiling \"%s\" (%s) failed: %s", src,
		  what_name(what), err.message);
	cr_assert(expr_program_nvars(p) == nvars && expr_program_nout(p) == nout,
		  "\"%s\" (%s): nvars %d nout %d, expected %d and %d", src,
		  what_name(what), expr_program_nvars(p), expr_program_nout(p),
		  nvars, nout);
	return p;
}

/*
 * Scalar evaluation at x into out, checking that expr_eval writes nothing
 * past its nout outputs.
 */
static void eval_scalar(struct expr_program *p, const char *src,
			const double *x, double *out)
{
	double buf[MAXOUT + POST];
	int nout = expr_program_nout(p);

	for (int k = 0; k < nout + POST; k++)
		put_bits(&buf[k], sentinel_bits);
	expr_eval(p, x, buf);
	for (int k = nout; k < nout + POST; k++)
		cr_assert(has_bits(&buf[k], sentinel_bits), "\"%s\": expr_eval "
			  "wrote past its %d outputs (slot %d)", src, nout, k);
	memcpy(out, buf, (size_t)nout * sizeof *out);
}

/*
 * Evaluates p at n points in a batch and one by one, and checks the
 * results are the same bits, the sentinels around the outputs are intact
 * and the inputs unchanged.  in[v] are the inputs (n values each, perhaps
 * shared or misaligned).  With any_nan, two nans count as the same value
 * whatever their sign and payload (to tell those apart from numeric
 * differences).  Reports the first mismatch; returns 1 when all is well.
 */
static int compare_batch_how(struct expr_program *p, const char *src,
			     unsigned what, size_t n, const double *const *in,
			     int any_nan)
{
	int nv = expr_program_nvars(p), nout = expr_program_nout(p);
	double *outbuf[MAXOUT], *out[MAXOUT], *copy[MAXV];
	char pt[600], on[32];
	int ok = 1;

	for (int v = 0; v < nv; v++) {
		copy[v] = malloc((n + 1) * sizeof(double));
		cr_assert(copy[v] != NULL);
		memcpy(copy[v], in[v], n * sizeof(double));
	}
	for (int k = 0; k < nout; k++) {
		outbuf[k] = malloc((n + PRE + POST) * sizeof(double));
		cr_assert(outbuf[k] != NULL);
		for (size_t i = 0; i < n + PRE + POST; i++)
			put_bits(&outbuf[k][i], i < PRE || i >= n + PRE
				 ? sentinel_bits : garbage_bits);
		out[k] = outbuf[k] + PRE;
	}

	expr_eval_batch(p, n, in, out);

	for (int v = 0; v < nv && ok; v++) {
		ok = memcmp(copy[v], in[v], n * sizeof(double)) == 0;
		cr_expect(ok, "\"%s\" (%s, n=%zu, %s kernels): the batch entry modified the "
			  "inputs of %s", src, what_name(what), n, expr_kernels(), var_names[v]);
	}
	for (int k = 0; k < nout && ok; k++) {
		for (size_t i = 0; i < PRE + POST && ok; i++) {
			size_t j = i < PRE ? i : n + i;

			ok = has_bits(&outbuf[k][j], sentinel_bits);
			out_name(on, sizeof on, k, nv);
			cr_expect(ok, "\"%s\" (%s, n=%zu, %s kernels): the batch entry wrote "
				  "outside output %s, at index %td", src,
				  what_name(what), n, expr_kernels(), on, (ptrdiff_t)j - PRE);
		}
	}
	for (size_t i = 0; i < n && ok; i++) {
		double x[MAXV], s[MAXOUT];

		for (int v = 0; v < nv; v++)
			x[v] = in[v][i];
		eval_scalar(p, src, x, s);
		for (int k = 0; k < nout && ok; k++) {
			if (memcmp(&s[k], &out[k][i], sizeof(double)) == 0 ||
			    (any_nan && isnan(s[k]) && isnan(out[k][i])))
				continue;
			ok = 0;
			out_name(on, sizeof on, k, nv);
			fmt_point(pt, sizeof pt, x, nv);
			cr_expect(ok, "\"%s\" (%s, n=%zu, %s kernels): point %zu (%s), output %s: "
				  "batch %.17g (%a), scalar %.17g (%a)", src,
				  what_name(what), n, expr_kernels(), i, pt, on, out[k][i],
				  out[k][i], s[k], s[k]);
		}
	}
	for (int k = 0; k < nout; k++)
		free(outbuf[k]);
	for (int v = 0; v < nv; v++)
		free(copy[v]);
	return ok;
}

static int compare_batch(struct expr_program *p, const char *src, unsigned what,
			 size_t n, const double *const *in)
{
	return compare_batch_how(p, src, what, n, in, 0);
}

struct bcase {
	const char *src;
	int nvars;              /* the first nvars of x, y, z, u, v */
};

static const struct bcase bcases[] = {
	{ "sin(x)", 1 }, { "cos(x)", 1 }, { "tan(x)", 1 }, { "exp(x)", 1 },
	{ "log(x)", 1 }, { "ln(x)", 1 }, { "sqrt(x)", 1 }, { "abs(x)", 1 },
	{ "tanh(x)", 1 }, { "sigmoid(x)", 1 }, { "relu(x)", 1 },
	{ "softplus(x)", 1 }, { "sign(x)", 1 }, { "step(x)", 1 },
	{ "min(x, y)", 2 }, { "max(x, y)", 2 },
	{ "x + y", 2 }, { "x - y", 2 }, { "x*y", 2 }, { "x/y", 2 },
	{ "x^y", 2 }, { "x**3", 1 }, { "x^-2", 1 }, { "x^0.5", 1 },
	{ "2^x", 1 }, { "-x^2", 1 }, { "1/x", 1 },
	{ "pi*x + e^x", 1 }, { "2x^2 + 3(x + 1)", 1 },
	/* Rosenbrock, Himmelblau, Rastrigin, Beale, six-hump camel */
	{ "(1 - x)^2 + 100*(y - x^2)^2", 2 },
	{ "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 2 },
	{ "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", 2 },
	{ "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", 2 },
	{ "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", 2 },
	/* compositions over 1, 2, 3 and 5 variables */
	{ "sigmoid(tanh(x)*3) + softplus(-x)*relu(x - 1)", 1 },
	{ "exp(sin(x)*y) + sqrt(x^2 + y^2) - log(1 + abs(x*y))", 2 },
	{ "max(x, y)*min(x, y) + sign(x - y)*step(y)", 2 },
	{ "x*y*z + exp(-(x^2 + y^2 + z^2)/2)", 3 },
	{ "tanh(x*y + z)^3 + min(x, max(y, z))", 3 },
	{ "x*y + z^2 - sin(u*v) + log(1 + x^2) + sqrt(y^2 + z^2 + 1) "
	  "+ max(u, v)*min(x, z)", 5 },
	{ "(x - 1)^2 + (y - 2)^2 + (z - 3)^2 + (u - 4)^2 + (v - 5)^2", 5 },
	{ "softplus(x*y*z*u*v) / (1 + u^2) + tan(v)*cos(x)", 5 },
	/* constant outputs, outputs equal to an input or to each other */
	{ "2 + 3", 0 }, { "pi*e - 1", 0 }, { "2 + 3", 1 }, { "sqrt(2)", 3 },
	{ "x^2/2", 1 }, { "x", 2 }, { "x + 0*y", 2 },
};

#define NBCASES (sizeof bcases / sizeof bcases[0])

static const size_t sizes[] = { 1, 7, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 4099 };
static const unsigned whats[] = { 0, EXPR_GRAD, EXPR_GRAD | EXPR_HESS };

/* Fresh inputs for nv variables, each array one double off malloc's alignment. */
static void make_inputs(struct rng *seed, int nv, size_t n, double **buf,
			const double **in)
{
	for (int v = 0; v < nv; v++) {
		buf[v] = malloc((n + 1) * sizeof(double));
		cr_assert(buf[v] != NULL);
		buf[v][0] = 0;
		for (size_t i = 0; i < n; i++)
			buf[v][1 + i] = gen_input(seed);
		in[v] = buf[v] + 1;
	}
}

static void free_inputs(int nv, double **buf)
{
	for (int v = 0; v < nv; v++)
		free(buf[v]);
}

static void run_all_cases(int any_nan)
{
	struct rng seed;

	rng_init(&seed, 0xba7c0001);

	for (size_t c = 0; c < NBCASES; c++) {
		const struct bcase *bc = &bcases[c];

		for (size_t w = 0; w < sizeof whats / sizeof whats[0]; w++) {
			struct expr *e;
			struct expr_program *p = build(bc->src, bc->nvars, whats[w], &e);

			for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
				double *buf[MAXV];
				const double *in[MAXV] = { NULL };
				int ok;

				make_inputs(&seed, bc->nvars, sizes[s], buf, in);
				ok = compare_batch_how(p, bc->src, whats[w], sizes[s],
						       in, any_nan);
				free_inputs(bc->nvars, buf);
				if (!ok)
					break;
			}
			expr_program_free(p);
			expr_free(e);
		}
	}
}

/*
 * run_all_cases under each kernel set this CPU runs (expr_kernels_usable):
 * each instruction set's block and each width of vector math, against the
 * scalar entry with the same set.  The programs are compiled after the
 * switch, so their folded constants are the set's too.
 */
static void run_all_kernels(int any_nan)
{
	const char *name, *best = expr_kernels();

	for (int i = 0; (name = expr_kernels_usable(i)) != NULL; i++) {
		cr_assert(expr_use_kernels(name) == 0, "kernel set %s", name);
		run_all_cases(any_nan);
	}
	cr_assert(expr_use_kernels(best) == 0);
}

Test(expr_batch, bit_identical_to_scalar)
{
	run_all_kernels(0);
}

/*
 * The same comparison with every nan equal to every other: a failure here
 * is a numeric difference, not only a nan of another sign or payload.
 */
Test(expr_batch, identical_to_scalar_up_to_nan_bits)
{
	run_all_kernels(1);
}

/*
 * A random expression over x, y and z into buf (at least 2048 bytes):
 * every function and operator of the language, integer and real powers,
 * constants of all sizes, nested up to depth levels.
 */
static void gen_expr(struct rng *r, int depth, char *buf, size_t size)
{
	static const char *const unary[] = {
		"sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "tanh",
		"sigmoid", "relu", "softplus", "sign", "step", "-",
	};
	static const char *const binary[] = { "+", "-", "*", "/", "^" };
	static const char *const leaves[] = {
		"x", "y", "z", "x", "y", "pi", "e", "2", "0.5", "3", "1e-3", "100",
		"0", "1", "-1", "7.25",
	};
	char a[1024], b[1024];
	uint64_t k = rng_below(r, depth <= 0 ? 1 : 10);
	int n;

	if (k == 0) {
		snprintf(buf, size, "%s", leaves[rng_below(r, sizeof leaves / sizeof leaves[0])]);
		return;
	}
	gen_expr(r, depth - 1, a, sizeof a);
	if (k <= 3) {
		const char *f = unary[rng_below(r, sizeof unary / sizeof unary[0])];
		if (f[0] == '-')
			snprintf(buf, size, "-(%s)", a);
		else
			snprintf(buf, size, "%s(%s)", f, a);
		return;
	}
	if (k == 4) {           /* a power with a constant exponent */
		static const char *const exps[] = { "2", "3", "-2", "0.5", "1.5", "7", "-0.25" };
		snprintf(buf, size, "(%s)^%s", a, exps[rng_below(r, sizeof exps / sizeof exps[0])]);
		return;
	}
	gen_expr(r, depth - 1, b, sizeof b);
	if (k == 5)
		n = snprintf(buf, size, "%s(%s, %s)", rng_below(r, 2) ? "min" : "max", a, b);
	else
		n = snprintf(buf, size, "(%s) %s (%s)", a,
			     binary[rng_below(r, sizeof binary / sizeof binary[0])], b);
	cr_assert(n >= 0 && (size_t)n < size, "a random expression too long for its buffer");
}

/*
 * Random expressions, batch against scalar, bit for bit, under every
 * kernel set: what the fixed cases above may not think of (the fuzzer,
 * tests/fuzz/fuzz-expr.c, does the same without end).
 */
static void run_random(void)
{
	struct rng r, seed;
	static const size_t rsizes[] = { 1, 9, 257 };

	rng_init(&r, 0xe4b7001);
	rng_init(&seed, 0xe4b7002);
	for (int t = 0; t < 400; t++) {
		char src[2048];
		struct expr *e;
		struct diag err = { 0 };

		gen_expr(&r, 4, src, sizeof src);
		e = expr_parse(src, var_names, 3, &err);
		cr_assert(e != NULL, "\"%s\": %s", src, err.message);
		for (size_t w = 0; w < sizeof whats / sizeof whats[0]; w++) {
			struct expr_program *p = expr_compile(e, whats[w], &err);

			cr_assert(p != NULL, "\"%s\": %s", src, err.message);
			for (size_t z = 0; z < sizeof rsizes / sizeof rsizes[0]; z++) {
				double *buf[MAXV];
				const double *in[MAXV] = { NULL };
				int ok;

				make_inputs(&seed, 3, rsizes[z], buf, in);
				ok = compare_batch(p, src, whats[w], rsizes[z], in);
				free_inputs(3, buf);
				if (!ok)
					break;
			}
			expr_program_free(p);
		}
		expr_free(e);
	}
}

Test(expr_batch, random_expressions_bit_identical)
{
	const char *name, *best = expr_kernels();

	for (int i = 0; (name = expr_kernels_usable(i)) != NULL; i++) {
		cr_assert(expr_use_kernels(name) == 0);
		run_random();
	}
	cr_assert(expr_use_kernels(best) == 0);
}

Test(expr_batch, empty_batch_writes_nothing)
{
	struct expr *e;
	struct expr_program *p = build("x*y + sin(x)", 2, EXPR_GRAD | EXPR_HESS, &e);
	double one[1] = { 1 };
	const double *in[2] = { one, one };

	compare_batch(p, "x*y + sin(x)", EXPR_GRAD | EXPR_HESS, 0, in);
	expr_program_free(p);
	expr_free(e);
}

Test(expr_batch, shared_input_arrays)
{
	static const char *const srcs[] = { "x*y + x - y", "max(x, y) - min(y, x)",
					    "x^y" };
	struct rng seed;

	rng_init(&seed, 0xba7c0002);

	for (size_t c = 0; c < sizeof srcs / sizeof srcs[0]; c++) {
		struct expr *e;
		struct expr_program *p = build(srcs[c], 2, EXPR_GRAD | EXPR_HESS, &e);
		double *buf[1];
		const double *in[2];

		make_inputs(&seed, 1, 1000, buf, in);
		in[1] = in[0];
		compare_batch(p, srcs[c], EXPR_GRAD | EXPR_HESS, 1000, in);
		free_inputs(1, buf);
		expr_program_free(p);
		expr_free(e);
	}
}

/* Runs src over nv variables in a batch of n random points; out[k] filled. */
static void run_batch(const char *src, int nv, unsigned what, size_t n,
		      struct rng *seed, double **buf, const double **in,
		      double **out, struct expr_program **pp, struct expr **ep)
{
	int nout;

	*pp = build(src, nv, what, ep);
	nout = expr_program_nout(*pp);
	make_inputs(seed, nv, n, buf, in);
	for (int k = 0; k < nout; k++) {
		out[k] = malloc(n * sizeof(double));
		cr_assert(out[k] != NULL);
	}
	expr_eval_batch(*pp, n, in, (double *const *)out);
	cr_assert(compare_batch(*pp, src, what, n, in));
}

static void done_batch(int nv, double **buf, double **out,
		       struct expr_program *p, struct expr *e)
{
	int nout = expr_program_nout(p);

	for (int k = 0; k < nout; k++)
		free(out[k]);
	free_inputs(nv, buf);
	expr_program_free(p);
	expr_free(e);
}

Test(expr_batch, constant_outputs)
{
	static const struct { const char *src; int nv; double f; } cs[] = {
		{ "2 + 3", 0, 5 }, { "2 + 3", 1, 5 }, { "10 - 2 - 3", 2, 5 },
		{ "sqrt(2)", 3, 1.4142135623730951 }, { "2^3^2", 5, 512 },
	};
	struct rng seed;

	rng_init(&seed, 0xba7c0003);

	for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
		struct expr *e;
		struct expr_program *p;
		double *buf[MAXV], *out[MAXOUT];
		const double *in[MAXV] = { NULL };
		size_t n = 129;
		int nv = cs[c].nv, nout;

		run_batch(cs[c].src, nv, EXPR_GRAD | EXPR_HESS, n, &seed, buf, in,
			  out, &p, &e);
		nout = expr_program_nout(p);
		for (size_t i = 0; i < n; i++) {
			cr_assert(out[0][i] == cs[c].f, "\"%s\" over %d variables: f at "
				  "point %zu is %.17g, expected %.17g", cs[c].src, nv,
				  i, out[0][i], cs[c].f);
			for (int k = 1; k < nout; k++)
				cr_assert(out[k][i] == 0, "\"%s\" over %d variables: "
					  "output %d at point %zu is %.17g, expected 0",
					  cs[c].src, nv, k, i, out[k][i]);
		}
		done_batch(nv, buf, out, p, e);
	}
}

Test(expr_batch, derivative_equal_to_the_variable)
{
	struct expr *e;
	struct expr_program *p;
	double *buf[1], *out[3];
	const double *in[1];
	size_t n = 1000;
	struct rng seed;

	rng_init(&seed, 0xba7c0004);

	run_batch("x^2/2", 1, EXPR_GRAD | EXPR_HESS, n, &seed, buf, in, out, &p, &e);
	for (size_t i = 0; i < n; i++) {
		double x = in[0][i];

		if (!(fabs(x) <= 1e300 && fabs(x) >= 1e-300))
			continue;
		cr_assert(memcmp(&out[1][i], &x, sizeof x) == 0, "\"x^2/2\" at "
			  "x=%.17g: d/dx is %.17g, expected x itself", x, out[1][i]);
		cr_assert(out[2][i] == 1, "\"x^2/2\" at x=%.17g: d2/dx2 is %.17g, "
			  "expected 1", x, out[2][i]);
	}
	done_batch(1, buf, out, p, e);
}

Test(expr_batch, exp_is_its_own_derivative)
{
	struct expr *e;
	struct expr_program *p;
	double *buf[1], *out[3];
	const double *in[1];
	size_t n = 1000;
	struct rng seed;

	rng_init(&seed, 0xba7c0005);

	run_batch("exp(x)", 1, EXPR_GRAD | EXPR_HESS, n, &seed, buf, in, out, &p, &e);
	for (size_t i = 0; i < n; i++) {
		cr_assert(memcmp(&out[0][i], &out[1][i], sizeof(double)) == 0 &&
			  memcmp(&out[0][i], &out[2][i], sizeof(double)) == 0,
			  "\"exp(x)\" at x=%.17g: f %a, f' %a, f'' %a are not the "
			  "same bits", in[0][i], out[0][i], out[1][i], out[2][i]);
	}
	done_batch(1, buf, out, p, e);
}

/*
 * Evaluates src (over nv <= 1 variables) at x with both entries
 * (GRAD|HESS) and checks f is want: nan as nan, anything else exactly and
 * with its sign.
 */
static void check_no_trap(const char *src, int nv, double x, double want)
{
	struct expr *e;
	struct expr_program *p = build(src, nv, EXPR_GRAD | EXPR_HESS, &e);
	int nout = expr_program_nout(p);
	double xs[4] = { x, x, x, x }, s[3], o[3][4];
	double *out[3] = { o[0], o[1], o[2] };
	const double *in[1] = { xs };
	int good;

	eval_scalar(p, src, &x, s);
	if (isnan(want))
		good = isnan(s[0]);
	else
		good = s[0] == want && signbit(s[0]) == signbit(want);
	cr_expect(good, "\"%s\" at x=%g: f is %g, expected %g", src, x, s[0], want);
	expr_eval_batch(p, 4, in, out);
	for (int k = 0; k < nout; k++)
		for (int i = 0; i < 4; i++)
			cr_expect(memcmp(&o[k][i], &s[k], sizeof(double)) == 0,
				  "\"%s\" at x=%g: output %d is %a in a batch, %a "
				  "alone", src, x, k, o[k][i], s[k]);
	expr_program_free(p);
	expr_free(e);
}

Test(expr_batch, evaluation_never_traps)
{
	check_no_trap("1/x", 1, 0.0, INFINITY);
	check_no_trap("1/x", 1, -0.0, -INFINITY);
	check_no_trap("log(x)", 1, -1, NAN);
	check_no_trap("ln(x)", 1, 0, -INFINITY);
	check_no_trap("sqrt(x)", 1, -1, NAN);
	check_no_trap("exp(x)", 1, 1000, INFINITY);
	check_no_trap("x^0.5", 1, -1, NAN);
	check_no_trap("x/x", 1, 0, NAN);
	check_no_trap("x*1e300*1e300", 1, 1, INFINITY);
	check_no_trap("tan(x) + sigmoid(x) + softplus(x)", 1, INFINITY, NAN);
	check_no_trap("sqrt(-1)", 0, 0, NAN);
	check_no_trap("exp(1000)", 0, 0, INFINITY);
	check_no_trap("1/0", 0, 0, INFINITY);
	check_no_trap("log(-1)", 0, 0, NAN);
}
