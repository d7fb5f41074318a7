/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-node.c - the node arena and the smart constructors.
 *
 * Every node is built through expr_const, expr_var, expr_unary or
 * expr_binary, which fold constants, apply the identities of
 * descent-expr(7) (0*a = 0, 1*a = a, a+0 = a, a^1 = a, a^0 = 1, a-a = 0,
 * constants collected to the left of a product, ...) and hash-cons the
 * result, so that equal subexpressions are one node.  Simplification is
 * therefore never a separate pass: derivatives come out simplified.
 *
 * The rewrites only ever replace an expression by one that computes the
 * same value for every finite input, the sign of a zero included: a+0 is
 * not a, since -0 + 0 is +0, but a + (-0) is; a-a = 0 differs for
 * infinite or nan a, as every computer algebra system's does.
 *
 * Derivatives (e->deriv, set by expr_diff) are built more loosely: the
 * sign of a zero derivative means nothing, and the product rule's x*0
 * terms must vanish, so there 0*a = 0, 0/a = 0, a+0 = a, 0-a = -a and
 * -(x-y) = y-x apply, and every constant zero is +0.  Nodes of f that a
 * derivative reuses keep their exact meaning.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "expr-int.h"
#include "expr-kernels.h"

const struct expr_func expr_funcs[] = {
	{ "sin", 1, N_SIN },         { "cos", 1, N_COS },
	{ "tan", 1, N_TAN },         { "exp", 1, N_EXP },
	{ "log", 1, N_LOG },         { "ln", 1, N_LOG },
	{ "sqrt", 1, N_SQRT },       { "abs", 1, N_ABS },
	{ "tanh", 1, N_TANH },       { "sigmoid", 1, N_SIGMOID },
	{ "relu", 1, N_RELU },       { "softplus", 1, N_SOFTPLUS },
	{ "sign", 1, N_SIGN },       { "step", 1, N_STEP },
	{ "min", 2, N_MIN },         { "max", 2, N_MAX },
	{ "select", 3, N_SELECT },
	{ NULL, 0, N_CONST },
};

const struct expr_constant expr_constants[] = {
	{ "pi", M_PI }, { "e", M_E },
	{ NULL, 0 },
};

const struct expr_func *
expr_func_find(const char *name, size_t len)
{
	const struct expr_func *f;

	for (f = expr_funcs; f->name != NULL; f++)
		if (strlen(f->name) == len && strncmp(f->name, name, len) == 0)
			return f;
	return NULL;
}

const struct expr_constant *
expr_constant_find(const char *name, size_t len)
{
	const struct expr_constant *k;

	for (k = expr_constants; k->name != NULL; k++)
		if (strlen(k->name) == len && strncmp(k->name, name, len) == 0)
			return k;
	return NULL;
}

int
expr_is_reserved(const char *name, size_t len, const char **what)
{
	const char *w = NULL;

	if (expr_func_find(name, len) != NULL)
		w = N_("function");     /* shown with _() */
	else if (expr_constant_find(name, len) != NULL)
		w = N_("constant");
	if (w != NULL && what != NULL)
		*what = w;
	return w != NULL;
}

const struct expr_func *
expr_func_by_op(enum node_op op)
{
	const struct expr_func *f;

	for (f = expr_funcs; f->name != NULL; f++)
		if (f->op == op)
			return f;
	return NULL;
}

double
expr_apply(enum node_op op, double a, double b)
{
	switch (op) {
	case N_ADD: return a + b;
	case N_SUB: return a - b;
	case N_MUL: return a * b;
	case N_DIV: return a / b;
	case N_POW: return expr_vm_fn(VM_FN_POW, a, b);
	case N_NEG: return -a;
	case N_SIN: return expr_vm_fn(VM_FN_SIN, a, 0);
	case N_COS: return expr_vm_fn(VM_FN_COS, a, 0);
	case N_TAN: return expr_vm_fn(VM_FN_TAN, a, 0);
	case N_EXP: return expr_vm_fn(VM_FN_EXP, a, 0);
	case N_LOG: return expr_vm_fn(VM_FN_LOG, a, 0);
	case N_SQRT: return sqrt(a);
	case N_ABS: return fabs(a);
	case N_TANH: return expr_vm_fn(VM_FN_TANH, a, 0);
	case N_SIGMOID: return expr_sigmoid(a);
	case N_RELU: return expr_relu(a);
	case N_SOFTPLUS: return expr_softplus(a);
	case N_SIGN: return expr_sign(a);
	case N_STEP: return expr_step(a);
	case N_MIN: return expr_min(a, b);
	case N_MAX: return expr_max(a, b);
	default: fatal("expr_apply: op %d is not a function", (int)op);
	}
}

struct expr *
expr_new(void)
{
	struct expr *e = xcalloc(1, sizeof *e);

	e->capnodes = 64;
	e->nodes = xmalloc(e->capnodes * sizeof *e->nodes);
	e->caphash = 128;
	e->hash = xmalloc(e->caphash * sizeof *e->hash);
	memset(e->hash, 0xff, e->caphash * sizeof *e->hash);
	e->root = -1;
	return e;
}

void
expr_free(struct expr *e)
{
	int i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nvars; i++) {
		free(e->vars[i]);
		free(e->dmemo[i]);
	}
	free(e->vars);
	free(e->dmemo);
	free(e->dmemo_len);
	free(e->nodes);
	free(e->hash);
	free(e);
}

int
expr_add_var(struct expr *e, const char *name, size_t len)
{
	int i = e->nvars;

	if (e->nvars == e->capvars) {
		e->capvars = e->capvars == 0 ? 8 : 2 * e->capvars;
		e->vars = xreallocarray(e->vars, e->capvars, sizeof *e->vars);
		e->dmemo = xreallocarray(e->dmemo, e->capvars, sizeof *e->dmemo);
		e->dmemo_len = xreallocarray(e->dmemo_len, e->capvars, sizeof *e->dmemo_len);
	}
	e->vars[i] = xmalloc(len + 1);
	memcpy(e->vars[i], name, len);
	e->vars[i][len] = '\0';
	e->dmemo[i] = NULL;
	e->dmemo_len[i] = 0;
	e->nvars++;
	return i;
}

int
expr_nvars(const struct expr *e)
{
	return e->nvars - e->nhidden;
}

const char *
expr_var_name(const struct expr *e, int i)
{
	return i >= 0 && i < e->nvars - e->nhidden ? e->vars[i] : NULL;
}

int
expr_var_index(const struct expr *e, const char *name)
{
	int i;

	for (i = 0; i < e->nvars - e->nhidden; i++)
		if (strcmp(e->vars[i], name) == 0)
			return i;
	return -1;
}

int
expr_root(const struct expr *e)
{
	return e->root;
}

int
expr_is_const(const struct expr *e, int n, double *value)
{
	if (e->nodes[n].op != N_CONST)
		return 0;
	if (value != NULL)
		*value = e->nodes[n].v;
	return 1;
}

static uint64_t
node_hash(const struct node *n)
{
	uint64_t bits, h;

	memcpy(&bits, &n->v, sizeof bits);
	h = n->op;
	h = h * 0x9E3779B97F4A7C15u ^ (uint32_t)n->a;
	h = h * 0x9E3779B97F4A7C15u ^ (uint32_t)n->b;
	h = h * 0x9E3779B97F4A7C15u ^ (uint32_t)n->c;
	h = h * 0x9E3779B97F4A7C15u ^ bits;
	h ^= h >> 29;
	return h * 0xBF58476D1CE4E5B9u;
}

static int
node_equal(const struct node *x, const struct node *y)
{
	return x->op == y->op && x->a == y->a && x->b == y->b && x->c == y->c &&
	       memcmp(&x->v, &y->v, sizeof x->v) == 0;
}

static void
rehash(struct expr *e)
{
	int i;
	size_t mask;

	e->caphash *= 2;
	free(e->hash);
	e->hash = xmalloc(e->caphash * sizeof *e->hash);
	memset(e->hash, 0xff, e->caphash * sizeof *e->hash);
	mask = (size_t)e->caphash - 1;
	for (i = 0; i < e->nnodes; i++) {
		size_t h = node_hash(&e->nodes[i]) & mask;

		while (e->hash[h] >= 0)
			h = (h + 1) & mask;
		e->hash[h] = i;
	}
}

/*
 * Looks for a node equal to *n: returns its index, or -1 with *slot set
 * to the free hash slot where it belongs.
 */
static int
probe(const struct expr *e, const struct node *n, size_t *slot)
{
	size_t mask = (size_t)e->caphash - 1;
	size_t h = node_hash(n) & mask;
	int i;

	while ((i = e->hash[h]) >= 0) {
		if (node_equal(&e->nodes[i], n))
			return i;
		h = (h + 1) & mask;
	}
	*slot = h;
	return -1;
}

/*
 * Returns the index of a node equal to *n, adding it when new.  Past
 * EXPR_MAX_NODES it sets e->overflow and returns node 0, which keeps the
 * caller's indices valid; the public entry points check the flag.
 */
static int
intern(struct expr *e, const struct node *n)
{
	size_t slot;
	int i = probe(e, n, &slot);

	if (i >= 0)
		return i;
	if (e->nnodes >= EXPR_MAX_NODES) {
		e->overflow = 1;
		return 0;
	}
	if (e->nnodes == e->capnodes) {
		e->capnodes *= 2;
		e->nodes = xreallocarray(e->nodes, e->capnodes, sizeof *e->nodes);
	}
	i = e->nnodes++;
	e->nodes[i] = *n;
	e->hash[slot] = i;
	if ((size_t)e->nnodes * 2 > (size_t)e->caphash)
		rehash(e);
	return i;
}

static int
lookup(const struct expr *e, const struct node *n)
{
	size_t slot;

	return probe(e, n, &slot);
}

static void
node_init(struct node *n, enum node_op op, int a, int b, int c, double v)
{
	memset(n, 0, sizeof *n);        /* padding must not differ */
	n->op = op;
	n->a = a;
	n->b = b;
	n->c = c;
	n->v = v;
}

int
expr_lookup(const struct expr *e, enum node_op op, int a, int b)
{
	struct node n;

	node_init(&n, op, a, b, -1, 0.0);
	return lookup(e, &n);
}

int
expr_lookup_const(const struct expr *e, double v)
{
	struct node n;

	node_init(&n, N_CONST, -1, -1, -1, v == 0 ? 0.0 : v);
	return lookup(e, &n);
}

static int
make3(struct expr *e, enum node_op op, int a, int b, int c, double v)
{
	struct node n;

	node_init(&n, op, a, b, c, v);
	return intern(e, &n);
}

static int
make(struct expr *e, enum node_op op, int a, int b, double v)
{
	return make3(e, op, a, b, -1, v);
}

int
expr_const(struct expr *e, double v)
{
	if (v == 0 && e->deriv)
		v = 0.0;        /* a zero derivative has no sign */
	return make(e, N_CONST, -1, -1, v);
}

int
expr_var(struct expr *e, int index)
{
	return make(e, N_VAR, index, -1, 0.0);
}

/* Shorthands for the rewrites below. */
#define OP(n) (e->nodes[(n)].op)
#define A(n) (e->nodes[(n)].a)
#define B(n) (e->nodes[(n)].b)
#define V(n) (e->nodes[(n)].v)
#define ISK(n) (OP(n) == N_CONST)
#define ISV(n, x) (ISK(n) && V(n) == (x))
/* +0 and -0, told apart; either zero while building derivatives */
#define ISPZ(n) (ISV(n, 0) && (e->deriv || !signbit(V(n))))
#define ISNZ(n) (ISV(n, 0) && (e->deriv || signbit(V(n))))

static int negated(struct expr *e, int n);

static int
is_integer(double v)
{
	return isfinite(v) && v == nearbyint(v);
}

int
expr_unary(struct expr *e, enum node_op op, int a)
{
	if (e->overflow)
		return 0;
	if (ISK(a))
		return expr_const(e, expr_apply(op, V(a), 0.0));
	switch (op) {
	case N_NEG: {
		int t = negated(e, a);
		if (t >= 0)                     /* -(-x) = x, -(-2*y) = 2*y */
			return t;
		if (OP(a) == N_SUB && e->deriv) /* -(x - y) = y - x, but -(1-1) is -0 */
			return expr_binary(e, N_SUB, B(a), A(a));
		if (OP(a) == N_MUL && ISK(A(a)))        /* -(c*y) = (-c)*y */
			return expr_binary(e, N_MUL, expr_const(e, -V(A(a))), B(a));
		break;
	}
	case N_ABS:
		if (OP(a) == N_ABS)
			return a;
		if (OP(a) == N_NEG)
			return expr_unary(e, N_ABS, A(a));
		break;
	case N_SQRT:
		break;
	case N_LOG:
		if (OP(a) == N_EXP)             /* log(exp(x)) = x */
			return A(a);
		break;
	case N_SIGN: case N_STEP:
		if (OP(a) == N_EXP)             /* exp(x) > 0 */
			return expr_const(e, 1.0);
		break;
	default:
		break;
	}
	return make(e, op, a, -1, 0.0);
}

/*
 * When n visibly carries a minus sign (-x, a negative constant, (-c)*y,
 * (-c)/y), the node of -n, built without a new minus; else -1.  Sums use
 * it to write a - b rather than a + (-b); the negation is exact.
 */
static int
negated_at(struct expr *e, int n, int depth)
{
	int t;

	switch (OP(n)) {
	case N_NEG:
		return A(n);
	case N_CONST:
		return V(n) < 0 ? expr_const(e, -V(n)) : -1;
	case N_MUL: case N_DIV:
		/* the sign of a product is its first factor's */
		if (depth > 16)
			return -1;
		t = negated_at(e, A(n), depth + 1);
		return t >= 0 ? expr_binary(e, OP(n), t, B(n)) : -1;
	default:
		return -1;
	}
}

static int
negated(struct expr *e, int n)
{
	return negated_at(e, n, 0);
}

/* a + b, a - b: constants right of a sum, negations turned around. */
static int
mk_add(struct expr *e, int a, int b)
{
	int t;

	if (ISK(a) && ISK(b))
		return expr_const(e, V(a) + V(b));
	if (ISNZ(a))                    /* a + (-0) = a; a + 0 is not: -0 + 0 = +0 */
		return b;
	if (ISNZ(b))
		return a;
	if (ISK(a)) {                   /* 1 + x -> x + 1 */
		t = a;
		a = b;
		b = t;
	}
	if ((t = negated(e, b)) >= 0)           /* a + (-b) = a - b */
		return expr_binary(e, N_SUB, a, t);
	if (OP(a) == N_NEG)                     /* -a + b = b - a */
		return expr_binary(e, N_SUB, b, A(a));
	if (a == b)
		return expr_binary(e, N_MUL, expr_const(e, 2.0), a);
	return make(e, N_ADD, a, b, 0.0);
}

static int
mk_sub(struct expr *e, int a, int b)
{
	int t;

	if (ISK(a) && ISK(b))
		return expr_const(e, V(a) - V(b));
	if (ISPZ(b))                    /* a - 0 = a; a - (-0) is a + 0 */
		return a;
	if (ISNZ(a))                    /* -0 - b = -b; 0 - b is not: 0 - 0 = +0 */
		return expr_unary(e, N_NEG, b);
	if (a == b)
		return expr_const(e, 0.0);
	if ((t = negated(e, b)) >= 0)           /* a - (-b) = a + b */
		return expr_binary(e, N_ADD, a, t);
	return make(e, N_SUB, a, b, 0.0);
}

static int
mk_mul(struct expr *e, int a, int b)
{
	if (ISK(a) && ISK(b))
		return expr_const(e, V(a) * V(b));
	if (ISK(b)) {                   /* constants to the left */
		int t = a;
		a = b;
		b = t;
	}
	if (ISK(a)) {
		if (V(a) == 0 && e->deriv)      /* 0*x: -0 for x < 0 */
			return expr_const(e, 0.0);
		if (V(a) == 1)
			return b;
		if (V(a) == -1)
			return expr_unary(e, N_NEG, b);
		if (OP(b) == N_MUL && ISK(A(b)))        /* c*(d*y) = (c*d)*y */
			return expr_binary(e, N_MUL, expr_const(e, V(a) * V(A(b))), B(b));
		if (OP(b) == N_DIV && ISK(A(b)))        /* c*(d/y) = (c*d)/y */
			return expr_binary(e, N_DIV, expr_const(e, V(a) * V(A(b))), B(b));
		if (OP(b) == N_NEG)
			return expr_binary(e, N_MUL, expr_const(e, -V(a)), A(b));
	}
	if (OP(a) == N_NEG)
		return expr_unary(e, N_NEG, expr_binary(e, N_MUL, A(a), b));
	if (OP(b) == N_NEG)
		return expr_unary(e, N_NEG, expr_binary(e, N_MUL, a, A(b)));
	if (!ISK(a) && OP(b) == N_MUL && ISK(A(b)))     /* x*(c*y) = c*(x*y) */
		return expr_binary(e, N_MUL, A(b), expr_binary(e, N_MUL, a, B(b)));
	if (OP(a) == N_MUL && ISK(A(a)))                /* (c*x)*y = c*(x*y) */
		return expr_binary(e, N_MUL, A(a), expr_binary(e, N_MUL, B(a), b));
	if (OP(a) == N_DIV && ISV(A(a), 1))             /* (1/x)*y = y/x */
		return expr_binary(e, N_DIV, b, B(a));
	if (OP(b) == N_DIV && ISV(A(b), 1))             /* x*(1/y) = x/y */
		return expr_binary(e, N_DIV, a, B(b));
	/* powers of one base: x*x, x^p*x, x*x^p, x^p*x^q */
	{
		int ba = OP(a) == N_POW && ISK(B(a)) ? A(a) : a;
		int bb = OP(b) == N_POW && ISK(B(b)) ? A(b) : b;
		if (ba == bb && !ISK(ba)) {
			double pa = ba == a ? 1.0 : V(B(a));
			double pb = bb == b ? 1.0 : V(B(b));
			return expr_binary(e, N_POW, ba, expr_const(e, pa + pb));
		}
	}
	return make(e, N_MUL, a, b, 0.0);
}

static int
mk_div(struct expr *e, int a, int b)
{
	if (ISK(a) && ISK(b))
		return expr_const(e, V(a) / V(b));
	if (ISV(b, 1))
		return a;
	if (ISV(b, -1))
		return expr_unary(e, N_NEG, a);
	if (ISV(a, 0) && e->deriv)      /* 0/x: -0 for x < 0 */
		return expr_const(e, 0.0);
	if (OP(a) == N_NEG)
		return expr_unary(e, N_NEG, expr_binary(e, N_DIV, A(a), b));
	if (ISK(b) && OP(a) == N_MUL && ISK(A(a))) {    /* (c*y)/d = (c/d)*y when exact */
		double q = V(A(a)) / V(b);
		if (isfinite(q) && q * V(b) == V(A(a)) && fma(q, V(b), -V(A(a))) == 0)
			return expr_binary(e, N_MUL, expr_const(e, q), B(a));
	}
	return make(e, N_DIV, a, b, 0.0);
}

static int
mk_pow(struct expr *e, int a, int b)
{
	if (ISK(a) && ISK(b))
		return expr_const(e, expr_vm_fn(VM_FN_POW, V(a), V(b)));
	if (ISV(b, 1))
		return a;
	if (ISV(b, 0))
		return expr_const(e, 1.0);
	if (ISV(a, 1))
		return expr_const(e, 1.0);
	if (ISV(a, M_E))
		return expr_unary(e, N_EXP, b);
	if (OP(a) == N_POW && ISK(B(a)) && ISK(b) &&
	    is_integer(V(B(a))) && is_integer(V(b)))    /* (x^2)^3 = x^6 */
		return expr_binary(e, N_POW, A(a), expr_const(e, V(B(a)) * V(b)));
	return make(e, N_POW, a, b, 0.0);
}

static int
mk_minmax(struct expr *e, enum node_op op, int a, int b)
{
	if (ISK(a) && ISK(b))
		return expr_const(e, expr_apply(op, V(a), V(b)));
	if (a == b)
		return a;
	return make(e, op, a, b, 0.0);
}

int
expr_select(struct expr *e, int c, int a, int b)
{
	if (e->overflow)
		return 0;
	if (ISK(c))
		return V(c) >= 0 ? a : V(c) < 0 ? b : c;
	if (a == b)
		return a;
	return make3(e, N_SELECT, a, b, c, 0.0);
}

int
expr_binary(struct expr *e, enum node_op op, int a, int b)
{
	if (e->overflow)
		return 0;
	switch (op) {
	case N_ADD: return mk_add(e, a, b);
	case N_SUB: return mk_sub(e, a, b);
	case N_MUL: return mk_mul(e, a, b);
	case N_DIV: return mk_div(e, a, b);
	case N_POW: return mk_pow(e, a, b);
	case N_MIN: case N_MAX: return mk_minmax(e, op, a, b);
	default: fatal("expr_binary: op %d is not binary", (int)op);
	}
}
