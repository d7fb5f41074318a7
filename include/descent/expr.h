/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr.h - the expression language of descent: parse, differentiate,
 * simplify, print, compile and evaluate.
 *
 * A parsed expression is a DAG of hash-consed nodes, so equal
 * subexpressions are one node and derivatives share everything they can.
 * Derivatives are exact (symbolic) and simplified as they are built.
 * A compiled program computes f, optionally the gradient and the Hessian,
 * in one pass over a register bytecode; it has a scalar entry (one point)
 * and a batch entry (many points, one instruction over a block of lanes),
 * and the two give bit-identical results.
 *
 * The language is documented in descent-expr(7).
 */
#ifndef DESCENT_EXPR_H
#define DESCENT_EXPR_H

#include <stddef.h>
#include <stdio.h>

#include "descent/diag.h"

/* Limits: past these, parsing fails with a clear error. */
#define EXPR_MAX_LENGTH 4096    /* bytes of source text */
#define EXPR_MAX_DEPTH 200      /* nesting of parentheses, calls, unary ops */
#define EXPR_MAX_VARS 64        /* distinct variables */
#define EXPR_MAX_NODES (1 << 20) /* nodes after differentiation */

/*
 * Every function that can fail on the user's text fills a struct diag
 * (diag.h), the caller's: its column is 1-based and counts bytes of the
 * source text, 0 when the error has no place in it; diag_print_source
 * prints it with a caret.
 */

struct expr;            /* a parsed expression; free with expr_free */
struct expr_program;    /* a compiled program; free with expr_program_free */

/*
 * Parses src.  When vars is NULL, every name that is not a constant or a
 * function becomes a variable, numbered in order of first appearance.
 * When vars is given (nvars names), those are the variables in that order,
 * and any other name is an error ("a variable the caller did not declare");
 * declared variables need not all appear.  Returns NULL and fills err on
 * error.  The result is the caller's; free with expr_free.
 */
struct expr *expr_parse(const char *src, const char *const *vars, int nvars,
			struct diag *err);
/*
 * expr_parse with flags: EXPR_PARSE_PRODUCTS lets any two factors side by
 * side multiply, as people write them by hand: a name or a closing
 * parenthesis before a name or an opening parenthesis, as in 4x(x^2-4),
 * (2x)(2x^2-8) or x y; a function's name before '(' is still a call.  For
 * answers typed by a learner; the lessons' own expressions keep the
 * stricter rule, under which a misspelt function is an error.
 */
#define EXPR_PARSE_PRODUCTS 1u
struct expr *expr_parse_flags(const char *src, const char *const *vars, int nvars,
			      unsigned flags, struct diag *err);
void expr_free(struct expr *e);

/*
 * Whether the len bytes at name are a word of the language (a function
 * or a constant), which no variable can be called.  Returns 1 and sets
 * *what (when what is not NULL) to the borrowed "function" or
 * "constant", else 0.  The language's own tables decide, so users of the
 * names (the CSV reader) never keep a copy.
 */
int expr_is_reserved(const char *name, size_t len, const char **what);

/* Number of variables, and the name of variable i (borrowed). */
int expr_nvars(const struct expr *e);
const char *expr_var_name(const struct expr *e, int i);
/* The index of variable name, or -1. */
int expr_var_index(const struct expr *e, const char *name);

/*
 * A node of the expression's DAG is named by an int handle, valid for the
 * lifetime of the expression.  expr_root is the parsed function itself.
 */
int expr_root(const struct expr *e);

/*
 * The simplified partial derivative of node n with respect to variable
 * var, as a new node of e (exact; subgradients at non-smooth points are
 * documented in descent-expr(7)).  Returns -1 and fills err when the
 * expression grows past EXPR_MAX_NODES.
 */
int expr_diff(struct expr *e, int n, int var, struct diag *err);

/*
 * Prints node n as text with the fewest parentheses that keep its
 * meaning; the text parses back to the same function.  Returns a string
 * that is the caller's (free it), or NULL with err filled when the text
 * would be longer than maxlen bytes (derivatives can be large).
 */
char *expr_to_string(const struct expr *e, int n, size_t maxlen,
		     struct diag *err);

/* True when node n is a constant; *value receives it. */
int expr_is_const(const struct expr *e, int n, double *value);

/* What a program computes, besides f: OR these together. */
enum {
	EXPR_GRAD = 1 << 0,     /* the gradient, one output per variable */
	EXPR_HESS = 1 << 1,     /* the Hessian, row-major n*n (implies GRAD) */
	EXPR_HVP = 1 << 2,      /* the Hessian times a direction (implies GRAD) */
};

/*
 * Gradients with respect to more variables than this are taken in
 * reverse mode: the adjoints of the function's nodes, from the result
 * down to the variables, make a program a few times the function's size
 * whatever the number of variables.  Up to this many, one derivative per
 * variable is cheaper (and gives the numbers descent always gave).
 */
#define EXPR_FORWARD_MAX 8

/*
 * Compiles e into a program whose outputs are, in order: f, then (with
 * EXPR_GRAD) the n partial derivatives, then (with EXPR_HESS) the n*n
 * second derivatives, row-major, or (with EXPR_HVP) the n components of
 * the Hessian times a direction.  A program with EXPR_HVP takes n more
 * inputs after the variables: the direction (forward mode over the
 * gradient's nodes; its size is a few times the gradient's).  Returns
 * NULL and fills err when the derivatives grow past the limits.  Free
 * with expr_program_free.  A program holds its own scratch registers:
 * use one program from one thread at a time.
 */
struct expr_program *expr_compile(struct expr *e, unsigned what,
				  struct diag *err);
void expr_program_free(struct expr_program *p);

/*
 * Like expr_compile, with the derivatives taken with respect to the first
 * nwrt variables only (0 <= nwrt <= nvars): the outputs are f, nwrt
 * partial derivatives, then nwrt*nwrt second derivatives.  A data
 * objective differentiates its loss with respect to the parameters, not
 * the data columns.
 */
struct expr_program *expr_compile_wrt(struct expr *e, unsigned what, int nwrt,
				      struct diag *err);

int expr_program_nvars(const struct expr_program *p);
int expr_program_nout(const struct expr_program *p);

/*
 * Scalar entry: evaluates at the point x (nvars values) and writes the
 * nout outputs to out.  Never traps: division by zero, log of a negative
 * and overflow give inf or nan as C does; callers decide what that means.
 */
void expr_eval(struct expr_program *p, const double *x, double *out);

/*
 * Batch entry: evaluates at n points.  in[v] is the array of the n values
 * of variable v, out[k] the array receiving the n values of output k.
 * The results are bit-identical to n calls of expr_eval.  The inputs are
 * read in place (never copied); the output arrays must not overlap the
 * inputs.
 */
void expr_eval_batch(struct expr_program *p, size_t n,
		     const double *const *in, double *const *out);

/*
 * Batch entry where some variables are the same in every lane: for each
 * variable v, in[v] is an array of n values, or NULL to use scalars[v]
 * in every lane (the parameters of a model evaluated on every example).
 * Bit-identical to expr_eval at each point, like expr_eval_batch.
 */
void expr_eval_batch_mixed(struct expr_program *p, size_t n,
			   const double *const *in, const double *scalars,
			   double *const *out);

/*
 * The VM's kernels: the instruction set its batch loops are built for
 * (avx512f, avx2 or sse2 on x86-64, else generic) and where its sin, cos,
 * tan, exp, log, tanh and pow come from ("libmvec, 8 lanes": glibc's
 * vector math, within 4 ulp of libm; or "libm").  The best set this CPU
 * runs is chosen before main; the scalar entry, the batch entry and
 * constant folding all use the set in use, so they agree bit for bit.
 * expr_kernels_usable(i) names the i-th set this CPU runs, best first,
 * and NULL past the last; expr_use_kernels switches to the set named
 * (0), or returns -1 when there is none such on this CPU.  Switch before
 * parsing or compiling anything: folded constants keep their kernels.
 */
const char *expr_kernels(void);
const char *expr_kernels_math(void);
const char *expr_kernels_usable(int i);
int expr_use_kernels(const char *name);

/*
 * Small neural networks (descent-expr(7)): mlp:IN-H1[-H2...]-1[:ACT], a
 * stack of fully connected layers with the activation ACT (tanh when not
 * given) between them and a linear output.  The parameters, in order:
 * layer by layer (l from 1), unit by unit (j from 1), the unit's weights
 * from each value i of the layer below, named w<l>_<j>_<i>, then its
 * bias b<l>_<j>.
 */
#define EXPR_MLP_MAX_LAYERS 8           /* layers of weights */
#define EXPR_MLP_MAX_WIDTH 1024         /* units of a layer, inputs included */

enum expr_act { EXPR_ACT_TANH, EXPR_ACT_SIGMOID, EXPR_ACT_RELU, EXPR_ACT_SOFTPLUS,
		EXPR_ACT_COUNT };

struct expr_mlp {
	int nlayers;                            /* layers of weights */
	int sizes[EXPR_MLP_MAX_LAYERS + 1];     /* inputs, hidden units..., 1 */
	enum expr_act act;
};

/* Whether spec is written as a network (starts with "mlp:"). */
int expr_is_mlp(const char *spec);
/*
 * Reads "mlp:1-8-1:tanh" into m.  Returns 0, or -1 with err filled (its
 * column is 1-based in spec).
 */
int expr_mlp_parse(const char *spec, struct expr_mlp *m, struct diag *err);
const char *expr_act_name(enum expr_act act);
/* Number of parameters (weights and biases). */
int expr_mlp_nparams(const struct expr_mlp *m);
/* The index of parameter w<l>_<j>_<i>, or of the bias b<l>_<j> when i is 0. */
int expr_mlp_param(const struct expr_mlp *m, int l, int j, int i);
/* The name of parameter k into buf. */
void expr_mlp_param_name(const struct expr_mlp *m, int k, char *buf, size_t size);
/*
 * The network as an expression, built node by node.  Its variables are
 * the parameters, then vars[0..nvars) (the columns of a data set, say),
 * of which inputs[i] is the network's input i.  Fails (NULL, err) when a
 * name of vars is a parameter's or the network passes EXPR_MAX_NODES.
 */
struct expr *expr_mlp_build(const struct expr_mlp *m, const char *const *vars, int nvars,
			    const int *inputs, struct diag *err);
/*
 * Swaps hidden units j and k of layer l (l < nlayers) in the parameter
 * vector theta: their weights and biases, and the weights that read them
 * in layer l + 1.  The network computes the same function.
 */
void expr_mlp_swap(const struct expr_mlp *m, int l, int j, int k, double *theta);
/*
 * Initial parameters into theta: "glorot" (weights uniform with Glorot
 * and Bengio's variance 2/(fan_in + fan_out), four times wider for
 * sigmoid, He's 6/fan_in wide for relu; biases 0; drawn from seed in
 * parameter order), "glorot:K" (the same, K times wider: K = 5 starts a
 * sigmoid network saturated, on a plateau), "const:C" (every weight C,
 * biases 0: every unit of a layer the same) or "zeros".  Returns 0, or -1
 * with err filled.
 */
int expr_mlp_init(const struct expr_mlp *m, const char *how, unsigned long long seed,
		  double *theta, struct diag *err);

/*
 * Grafting: copies the expression t into e, t's variable v becoming the
 * node map[v] of e; returns the node of t's result in e, or -1 with err
 * filled past EXPR_MAX_NODES.  With expr_var_node (the node of e's
 * variable i) and expr_set_root, a model built as nodes is wrapped into a
 * loss written as text.
 */
int expr_graft(struct expr *e, const struct expr *t, const int *map, struct diag *err);
int expr_var_node(struct expr *e, int i);
void expr_set_root(struct expr *e, int n);

/*
 * Writes a disassembly of p to fp, one instruction per line with its
 * meaning (for `descent diff --program` and for debugging).
 */
void expr_program_dump(const struct expr_program *p, FILE *fp);
/* Number of instructions and registers of p, for tests and benchmarks. */
int expr_program_ninstr(const struct expr_program *p);
int expr_program_nregs(const struct expr_program *p);

#endif
