/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-int.h - what the files of the expression module share: the node
 * arena, the smart constructors that simplify as they build, and the
 * scalar math that constant folding and the VM must compute identically.
 *
 * Nodes live in one growing array and are hash-consed: building a node
 * equal to an existing one returns the existing index.  Children always
 * have smaller indices than their parents, so the array is in topological
 * order; differentiation and compilation walk it by index, without
 * recursion.
 */
#ifndef DESCENT_EXPR_INT_H
#define DESCENT_EXPR_INT_H

#include <math.h>
#include <stdint.h>

#include "descent/expr.h"

/* Node kinds.  N_CONST holds .v; N_VAR holds the variable index in .a. */
enum node_op {
	N_CONST, N_VAR,
	N_ADD, N_SUB, N_MUL, N_DIV, N_POW, N_NEG,
	/* one-argument functions, in the order of expr_funcs[] */
	N_SIN, N_COS, N_TAN, N_EXP, N_LOG, N_SQRT, N_ABS, N_TANH,
	N_SIGMOID, N_RELU, N_SOFTPLUS, N_SIGN, N_STEP,
	/* two-argument functions */
	N_MIN, N_MAX,
	/* select(c, a, b): a where c >= 0, else b (nan where c is nan) */
	N_SELECT,
	N__COUNT
};

struct node {
	uint8_t op;
	int a, b, c;            /* children, -1 when absent */
	double v;               /* N_CONST only */
};

/* A function of the language: its name, arity and node kind. */
struct expr_func {
	const char *name;
	int arity;
	enum node_op op;
};
extern const struct expr_func expr_funcs[];     /* ends with .name NULL */
const struct expr_func *expr_func_by_op(enum node_op op);
/* The function named by the len bytes at name, or NULL. */
const struct expr_func *expr_func_find(const char *name, size_t len);

/* A constant of the language: its name and value. */
struct expr_constant {
	const char *name;
	double value;
};
extern const struct expr_constant expr_constants[];    /* ends with .name NULL */
/* The constant named by the len bytes at name, or NULL. */
const struct expr_constant *expr_constant_find(const char *name, size_t len);

struct expr {
	struct node *nodes;
	int nnodes, capnodes;
	int *hash;              /* open addressing: node index or -1 */
	int caphash;
	int overflow;           /* set when a constructor hit EXPR_MAX_NODES */
	int deriv;              /* building derivatives: zeros are unsigned */
	char **vars;            /* the variables' names, then the hidden ones' */
	int nvars, capvars;     /* all variables, the hidden ones included */
	int nhidden;            /* the last nhidden: directions of EXPR_HVP */
	int root;
	int **dmemo;            /* dmemo[var][i]: derivative of node i wrt var */
	int *dmemo_len;         /* nodes [0, len) have dmemo[var] filled */
};

/* Arena (expr-node.c). */
struct expr *expr_new(void);
int expr_const(struct expr *e, double v);
int expr_var(struct expr *e, int index);
int expr_unary(struct expr *e, enum node_op op, int a);
int expr_binary(struct expr *e, enum node_op op, int a, int b);
int expr_select(struct expr *e, int c, int a, int b);
/* The index of an existing node, or -1: never builds one. */
int expr_lookup(const struct expr *e, enum node_op op, int a, int b);
int expr_lookup_const(const struct expr *e, double v);
/* Adds the variable name (copied) and returns its index. */
int expr_add_var(struct expr *e, const char *name, size_t len);
static inline const struct node *
expr_node(const struct expr *e, int n)
{
	return &e->nodes[n];
}
static inline int
expr_node_is_const(const struct expr *e, int n, double v)
{
	return e->nodes[n].op == N_CONST && e->nodes[n].v == v &&
	       signbit(e->nodes[n].v) == signbit(v);
}

/*
 * The math of the language, shared by constant folding and both VM
 * entries so that a folded constant and an evaluated one agree.  They
 * propagate nan where C's would, and never trap.
 */
static inline double
expr_sigmoid(double a)
{
	if (a >= 0)
		return 1.0 / (1.0 + exp(-a));
	double t = exp(a);
	return t / (1.0 + t);
}

static inline double
expr_softplus(double a)
{
	return a > 0 ? a + log1p(exp(-a)) : log1p(exp(a));
}

static inline double
expr_relu(double a)
{
	return a > 0 ? a : (a <= 0 ? 0.0 : a);
}

static inline double
expr_step(double a)
{
	return a > 0 ? 1.0 : (a <= 0 ? 0.0 : a);
}

static inline double
expr_sign(double a)
{
	return a > 0 ? 1.0 : (a < 0 ? -1.0 : a);
}

static inline double
expr_min(double a, double b)
{
	return a <= b ? a : (b < a ? b : a + b);
}

static inline double
expr_max(double a, double b)
{
	return a >= b ? a : (b > a ? b : a + b);
}

static inline double
expr_select_value(double c, double a, double b)
{
	return c >= 0 ? a : (c < 0 ? b : c);
}

/*
 * Reverse mode (expr-diff.c): grad[k] receives the node of the partial
 * derivative of node root with respect to variable k, for k < nwrt, built
 * by accumulating adjoints from root down to the variables: a DAG a small
 * multiple of root's, however many variables.  Returns 0, or -1 with err
 * filled when the nodes would pass EXPR_MAX_NODES.
 */
int expr_gradient(struct expr *e, int root, int nwrt, int *grad, struct diag *err);
/*
 * Forward mode along a direction: tan[k] receives the node of the
 * derivative of node nodes[k] (k < n) along the direction whose
 * component for variable j < nwrt is the variable dir + j (components of
 * later variables are 0).  Returns 0, or -1 with err filled.
 */
int expr_tangent(struct expr *e, const int *nodes, int n, int nwrt, int dir, int *tan,
		 struct diag *err);

/* expr_compile_wrt with the gradient in reverse mode however few the variables (tests). */
struct expr_program *expr_compile_reverse(struct expr *e, unsigned what, int nwrt,
					  struct diag *err);

/* Applies a one- or two-argument node op to constants (folding). */
double expr_apply(enum node_op op, double a, double b);

/* The VM (expr-compile.c builds programs, expr-vm.c runs them). */
enum opcode {
#define OPCODE(name, form, meaning) OP_##name,
#include "opcodes.def"
#undef OPCODE
	OP__COUNT
};

/* Lanes per block of the batch entry. */
#define EXPR_BLOCK 256

/* Instruction flags (opcodes.def). */
enum { INSTR_SQ = 1, INSTR_CANON = 2 };

struct instr {
	const void *handler;    /* the scalar VM's, set by expr_vm_link */
	int op;
	int flags;
	int d, a, b, c;         /* registers; unused ones are 0 */
	double k;               /* the immediate of the K forms */
};

/*
 * Registers: [0, nvars) the variables, [nvars, nvars + nout) the outputs,
 * then nconst constants, then ntemp temporaries.  The scalar entry keeps
 * them in sregs; the batch entry points ptr[r] at a block of lanes: into
 * the caller's arrays for variables and outputs, into blocks for the
 * rest (constants filled once at compile time).
 */
struct expr_program {
	int nvars, nout, nconst, ntemp, nregs;
	struct instr *code;
	int ncode;
	double *sregs;
	double *blocks;         /* (nconst + ntemp) * EXPR_BLOCK, aligned */
	double *uniform;        /* nvars * EXPR_BLOCK: variables the same in every lane */
	double **ptr;           /* nregs */
};

void expr_vm_scalar(const struct instr *code, int ncode, double *r);
/* Prepares code for the scalar VM; code has room for ncode + 1. */
void expr_vm_link(struct instr *code, int ncode);
void expr_vm_block(const struct instr *code, int ncode, double *const *ptr,
		   size_t n);

#endif
