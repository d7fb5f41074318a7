/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-diff.c - exact symbolic derivatives.
 *
 * The derivative of every node with respect to a variable is memoised in
 * e->dmemo[var].  Since the arena is in topological order, the memo is
 * filled by one loop over node indices, children before parents: no
 * recursion, so no depth limit, and each shared subexpression is
 * differentiated once.  The smart constructors simplify as the
 * derivative is built.
 *
 * Many variables go in reverse mode (expr_gradient): the adjoint of every
 * node, from the root down, each the sum of what its parents send it, so
 * that the whole gradient is a DAG a few times the function's size
 * rather than one derivative per variable.  Second derivatives go
 * forward over that (expr_tangent): the derivative of the gradient's
 * nodes along a direction made of variables, a Hessian-vector product.
 *
 * Non-smooth functions get the subgradients of descent-expr(7):
 * abs' = sign (0 at 0), relu' = step (0 at 0), min and max follow their
 * first argument on ties.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "descent/util.h"
#include "expr-int.h"

#define K(v) expr_const(e, (v))
#define ADD(a, b) expr_binary(e, N_ADD, (a), (b))
#define SUB(a, b) expr_binary(e, N_SUB, (a), (b))
#define MUL(a, b) expr_binary(e, N_MUL, (a), (b))
#define DIV(a, b) expr_binary(e, N_DIV, (a), (b))
#define POW(a, b) expr_binary(e, N_POW, (a), (b))
#define FN(op, a) expr_unary(e, (op), (a))

/*
 * The derivative of node i, given the derivatives of its children: with
 * respect to variable var, or, when seed is not NULL, along the direction
 * whose component for variable v is node seed[v] (-1: zero).
 */
static int
diff_node(struct expr *e, int i, int var, const int *seed, const int *d)
{
	struct node n = e->nodes[i];    /* a copy: constructors may move nodes */
	int a = n.a, b = n.b;
	/* children, but not a variable's index, which is no node */
	int leaf = n.op == N_CONST || n.op == N_VAR;
	int da = !leaf && a >= 0 ? d[a] : -1, db = !leaf && b >= 0 ? d[b] : -1;
	int zero = K(0.0);

	switch ((enum node_op)n.op) {
	case N_CONST:
		return zero;
	case N_VAR:
		if (seed != NULL)
			return seed[n.a] >= 0 ? seed[n.a] : zero;
		return K(n.a == var ? 1.0 : 0.0);
	case N_ADD:
		return ADD(da, db);
	case N_SUB:
		return SUB(da, db);
	case N_NEG:
		return FN(N_NEG, da);
	case N_MUL:
		return ADD(MUL(da, b), MUL(a, db));
	case N_DIV:
		if (db == zero)
			return DIV(da, b);
		if (e->nodes[b].op == N_POW && expr_is_const(e, e->nodes[b].b, NULL)) {
			/* a/u^p: da/u^p - p*a*du/u^(p+1), not over u^(2p) */
			int u = e->nodes[b].a;
			double q = e->nodes[e->nodes[b].b].v;
			int du = d[u];
			return SUB(DIV(da, b), DIV(MUL(MUL(K(q), a), du), POW(u, K(q + 1))));
		}
		return DIV(SUB(MUL(da, b), MUL(a, db)), POW(b, K(2.0)));
	case N_POW:
		if (expr_is_const(e, b, NULL))
			return MUL(MUL(b, POW(a, K(e->nodes[b].v - 1.0))), da);
		if (expr_is_const(e, a, NULL))
			return MUL(MUL(i, FN(N_LOG, a)), db);
		return MUL(i, ADD(MUL(db, FN(N_LOG, a)), DIV(MUL(b, da), a)));
	case N_SIN:
		return MUL(FN(N_COS, a), da);
	case N_COS:
		return FN(N_NEG, MUL(FN(N_SIN, a), da));
	case N_TAN:
		return DIV(da, POW(FN(N_COS, a), K(2.0)));
	case N_EXP:
		return MUL(i, da);
	case N_LOG:
		return DIV(da, a);
	case N_SQRT:
		return DIV(da, MUL(K(2.0), i));
	case N_ABS:
		return MUL(FN(N_SIGN, a), da);
	case N_TANH:
		return MUL(SUB(K(1.0), POW(i, K(2.0))), da);
	case N_SIGMOID:
		return MUL(MUL(i, SUB(K(1.0), i)), da);
	case N_RELU:
		return MUL(FN(N_STEP, a), da);
	case N_SOFTPLUS:
		return MUL(FN(N_SIGMOID, a), da);
	case N_SIGN:
	case N_STEP:
		return zero;
	case N_MIN:     /* a' where a <= b, else b' */
		return expr_select(e, SUB(b, a), da, db);
	case N_MAX:     /* a' where a >= b, else b' */
		return expr_select(e, SUB(a, b), da, db);
	case N_SELECT:  /* the jump of the condition is ignored */
		return expr_select(e, n.c, da, db);
	case N__COUNT:
		break;
	}
	fatal("diff_node: bad op %d", n.op);
}

static void
too_large(struct diag *err)
{
	if (err != NULL) {
		diag_set(err, NULL, 0, 0, "the derivatives are too large (more than %d nodes)",
			 EXPR_MAX_NODES);
	}
}

int
expr_diff(struct expr *e, int n, int var, struct diag *err)
{
	int i;

	if (var < 0 || var >= e->nvars || n < 0 || n >= e->nnodes)
		fatal("expr_diff: node %d or variable %d out of range", n, var);
	if (e->dmemo_len[var] <= n) {
		/* Room for every node that exists now; derivatives are only
		 * needed for nodes up to n, which all exist. */
		e->dmemo[var] = xreallocarray(e->dmemo[var], (size_t)n + 1, sizeof(int));
		e->deriv = 1;           /* the loose rewrites of expr-node.c */
		for (i = e->dmemo_len[var]; i <= n && !e->overflow; i++) {
			int di = diff_node(e, i, var, NULL, e->dmemo[var]);
			e->dmemo[var][i] = di;
		}
		e->deriv = 0;
		if (e->overflow) {
			/* The memo may hold node 0 for failed entries: drop them. */
			e->dmemo_len[var] = 0;
			goto overflow;
		}
		e->dmemo_len[var] = n + 1;
	}
	return e->dmemo[var][n];
overflow:
	too_large(err);
	return -1;
}

/*
 * The nodes [0, top] that the nodes[0..n) depend on, marked 1 in a new
 * array of top + 1 bytes.
 */
static char *
reachable(const struct expr *e, const int *nodes, int n, int top)
{
	char *need = xcalloc((size_t)top + 1, 1);
	int i;

	for (i = 0; i < n; i++)
		need[nodes[i]] = 1;
	for (i = top; i >= 0; i--) {
		const struct node *nd = &e->nodes[i];
		if (!need[i] || nd->op == N_CONST || nd->op == N_VAR)
			continue;
		need[nd->a] = 1;
		if (nd->b >= 0)
			need[nd->b] = 1;
		if (nd->c >= 0)
			need[nd->c] = 1;
	}
	return need;
}

/* Adds the contribution t to the adjoint of node a. */
static void
accumulate(struct expr *e, int *adj, int a, int t)
{
	adj[a] = adj[a] < 0 ? t : ADD(adj[a], t);
}

/* Sends child the contribution t, not built for a constant, which has no use of it. */
#define TO(child, t) \
	do { \
		if (e->nodes[child].op != N_CONST) \
			accumulate(e, adj, (child), (t)); \
	} while (0)

/*
 * Sends the adjoint w of node i to its children: each gets w times the
 * partial derivative of i with respect to it (the rules of diff_node).
 */
static void
adjoint_node(struct expr *e, int i, int w, int *adj)
{
	struct node n = e->nodes[i];    /* a copy: constructors may move nodes */
	int a = n.a, b = n.b, zero = K(0.0);

	switch ((enum node_op)n.op) {
	case N_CONST:
	case N_VAR:
	case N_SIGN:
	case N_STEP:
		return;
	case N_ADD:
		TO(a, w);
		TO(b, w);
		return;
	case N_SUB:
		TO(a, w);
		TO(b, FN(N_NEG, w));
		return;
	case N_NEG:
		TO(a, FN(N_NEG, w));
		return;
	case N_MUL:
		TO(a, MUL(w, b));
		TO(b, MUL(w, a));
		return;
	case N_DIV:     /* d(a/b)/db = -a/b^2, as diff_node: its tangent is exact at poles */
		TO(a, DIV(w, b));
		TO(b, FN(N_NEG, DIV(MUL(w, a), POW(b, K(2.0)))));
		return;
	case N_POW:
		if (expr_is_const(e, b, NULL)) {
			TO(a, MUL(w, MUL(b, POW(a, K(e->nodes[b].v - 1.0)))));
			return;
		}
		if (!expr_is_const(e, a, NULL))
			TO(a, MUL(w, DIV(MUL(b, i), a)));
		TO(b, MUL(w, MUL(i, FN(N_LOG, a))));
		return;
	case N_SIN:
		TO(a, MUL(w, FN(N_COS, a)));
		return;
	case N_COS:
		TO(a, FN(N_NEG, MUL(w, FN(N_SIN, a))));
		return;
	case N_TAN:
		TO(a, DIV(w, POW(FN(N_COS, a), K(2.0))));
		return;
	case N_EXP:
		TO(a, MUL(w, i));
		return;
	case N_LOG:
		TO(a, DIV(w, a));
		return;
	case N_SQRT:
		TO(a, DIV(w, MUL(K(2.0), i)));
		return;
	case N_ABS:
		TO(a, MUL(w, FN(N_SIGN, a)));
		return;
	case N_TANH:
		TO(a, MUL(w, SUB(K(1.0), POW(i, K(2.0)))));
		return;
	case N_SIGMOID:
		TO(a, MUL(w, MUL(i, SUB(K(1.0), i))));
		return;
	case N_RELU:
		TO(a, MUL(w, FN(N_STEP, a)));
		return;
	case N_SOFTPLUS:
		TO(a, MUL(w, FN(N_SIGMOID, a)));
		return;
	case N_MIN:     /* to a where a <= b, else to b */
		TO(a, expr_select(e, SUB(b, a), w, zero));
		TO(b, expr_select(e, SUB(b, a), zero, w));
		return;
	case N_MAX:     /* to a where a >= b, else to b */
		TO(a, expr_select(e, SUB(a, b), w, zero));
		TO(b, expr_select(e, SUB(a, b), zero, w));
		return;
	case N_SELECT:  /* the jump of the condition is ignored */
		TO(a, expr_select(e, n.c, w, zero));
		TO(b, expr_select(e, n.c, zero, w));
		return;
	case N__COUNT:
		break;
	}
	fatal("adjoint_node: bad op %d", n.op);
}

int
expr_gradient(struct expr *e, int root, int nwrt, int *grad, struct diag *err)
{
	char *need;
	int *adj, i, k;

	if (root < 0 || root >= e->nnodes || nwrt < 0 || nwrt > e->nvars)
		fatal("expr_gradient: node %d or %d variables out of range", root, nwrt);
	need = reachable(e, &root, 1, root);
	adj = xmalloc(((size_t)root + 1) * sizeof *adj);
	for (i = 0; i <= root; i++)
		adj[i] = -1;
	adj[root] = K(1.0);
	for (k = 0; k < nwrt; k++)
		grad[k] = -1;
	e->deriv = 1;
	/* parents before children: a node's adjoint is whole when it is sent */
	for (i = root; i >= 0 && !e->overflow; i--) {
		if (!need[i] || adj[i] < 0 || expr_node_is_const(e, adj[i], 0.0))
			continue;
		if (e->nodes[i].op == N_VAR) {
			if (e->nodes[i].a < nwrt)
				grad[e->nodes[i].a] = adj[i];
			continue;
		}
		adjoint_node(e, i, adj[i], adj);
	}
	e->deriv = 0;
	for (k = 0; k < nwrt; k++)
		if (grad[k] < 0)
			grad[k] = K(0.0);
	free(adj);
	free(need);
	if (e->overflow) {
		too_large(err);
		return -1;
	}
	return 0;
}

int
expr_tangent(struct expr *e, const int *nodes, int n, int nwrt, int dir, int *tan,
	     struct diag *err)
{
	int top = -1, *d, *seed, i;
	char *need;

	for (i = 0; i < n; i++)
		if (nodes[i] > top)
			top = nodes[i];
	if (top >= e->nnodes || nwrt < 0 || nwrt > e->nvars || dir + nwrt > e->nvars)
		fatal("expr_tangent: node %d or %d variables out of range", top, nwrt);
	if (top < 0)
		return 0;
	need = reachable(e, nodes, n, top);
	d = xmalloc(((size_t)top + 1) * sizeof *d);
	seed = xmalloc((size_t)e->nvars * sizeof *seed);
	for (i = 0; i < e->nvars; i++)
		seed[i] = i < nwrt ? expr_var(e, dir + i) : -1;
	e->deriv = 1;
	for (i = 0; i <= top && !e->overflow; i++)
		d[i] = need[i] ? diff_node(e, i, -1, seed, d) : -1;
	e->deriv = 0;
	for (i = 0; i < n && !e->overflow; i++)
		tan[i] = d[nodes[i]];
	free(seed);
	free(d);
	free(need);
	if (e->overflow) {
		too_large(err);
		return -1;
	}
	return 0;
}
