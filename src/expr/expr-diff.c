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

/* The derivative of node i, given the derivatives of its children. */
static int
diff_node(struct expr *e, int i, int var, const int *d)
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
			int di = diff_node(e, i, var, e->dmemo[var]);
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
	if (err != NULL) {
		diag_set(err, NULL, 0, 0, "the derivatives are too large (more than %d nodes)",
			 EXPR_MAX_NODES);
	}
	return -1;
}
