/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-compile.c - compiles an expression and its derivatives into one
 * register program for the VM.
 *
 * The outputs (f, the gradient, the Hessian) are nodes of one DAG, so
 * every subexpression they share is computed once.  Compilation walks the
 * needed nodes in index order (children first) in four passes:
 *   1. select: pick an instruction per node, fusing a child used only by
 *      its parent into the parent's instruction (a*b + c, (a - b)^2, ...);
 *   2. emit: write instructions whose operands are value ids (nodes, or
 *      temporaries of an expanded integer power);
 *   3. liveness: the last instruction that reads each value;
 *   4. allocate: registers, reusing a temporary once its last reader has
 *      run, never giving an instruction the register of its own operand.
 * Constants become immediates (the K forms) where an instruction has one,
 * and constant registers filled once otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/util.h"
#include "expr-int.h"

/* Integer powers up to this exponent become multiplications. */
#define MAX_INT_POWER 64

/* pattern[] values besides opcodes */
enum {
	PAT_NONE = -1,
	PAT_SQUARED = -2,       /* x^2 done by the SQ flag of x's instruction */
	PAT_POWI = -3,          /* x^n expanded into multiplications */
};

struct compiler {
	struct expr *e;
	int nnodes;
	char *needed;
	int *uses;
	int *outof;             /* first output of a node, or -1 */
	int *pattern;           /* opcode chosen for a node, or PAT_* */
	int *fusedchild;        /* child absorbed by the node, or -1 */
	int *sqinto;            /* the x^2 node whose square x's instruction does */
	char *fused;            /* node absorbed by its parent */
	struct instr *code;     /* operands are value ids here */
	int ncode, capcode;
	int nvalues;            /* value ids: nodes, then temporaries */
};

#define ND(n) (&c->e->nodes[(n)])
#define ISK(n) (ND(n)->op == N_CONST)
#define KV(n) (ND(n)->v)

static int
is_square(const struct compiler *c, int n)
{
	return ND(n)->op == N_POW && ISK(ND(n)->b) && KV(ND(n)->b) == 2;
}

static int
is_int_power(const struct compiler *c, int n)
{
	double k;

	if (ND(n)->op != N_POW || !ISK(ND(n)->b))
		return 0;
	k = KV(ND(n)->b);
	return k >= -MAX_INT_POWER && k <= MAX_INT_POWER && k == (int)k &&
	       (k >= 2 || k <= -1);
}

/* Whether child, used by its parent only, may be absorbed into it. */
static int
absorbable(const struct compiler *c, int child)
{
	return c->uses[child] == 1 && c->outof[child] < 0 &&
	       c->fusedchild[child] < 0 && c->sqinto[child] < 0;
}

static int
fusable(const struct compiler *c, int child, int op)
{
	return absorbable(c, child) && c->pattern[child] == op;
}

/* A product a*b, or a square a*a, that a parent may absorb. */
static int
fusable_mul(const struct compiler *c, int child)
{
	return fusable(c, child, OP_MUL) ||
	       (fusable(c, child, OP_SQR) && is_square(c, child));
}

static void
mul_operands(const struct compiler *c, int child, int *x, int *y)
{
	*x = ND(child)->a;
	*y = is_square(c, child) ? ND(child)->a : ND(child)->b;
}

static void
fuse(struct compiler *c, int parent, int child, int op)
{
	c->pattern[parent] = op;
	c->fusedchild[parent] = child;
	c->fused[child] = 1;
}

static enum opcode
func_opcode(enum node_op op)
{
	switch (op) {
	case N_NEG: return OP_NEG;
	case N_SIN: return OP_SIN;
	case N_COS: return OP_COS;
	case N_TAN: return OP_TAN;
	case N_EXP: return OP_EXP;
	case N_LOG: return OP_LOG;
	case N_SQRT: return OP_SQRT;
	case N_ABS: return OP_ABS;
	case N_TANH: return OP_TANH;
	case N_SIGMOID: return OP_SIGMOID;
	case N_RELU: return OP_RELU;
	case N_SOFTPLUS: return OP_SOFTPLUS;
	case N_SIGN: return OP_SIGN;
	case N_STEP: return OP_STEP;
	case N_MIN: return OP_MIN;
	case N_MAX: return OP_MAX;
	case N_SELECT: return OP_SELECT;
	default: fatal("func_opcode: bad op %d", (int)op);
	}
}

/*
 * Pass 1: the instruction of node i, possibly absorbing a child that
 * only it uses (children were decided before: lower indices).
 */
static void
select_node(struct compiler *c, int i)
{
	const struct node *n = ND(i);
	int a = n->a, b = n->b;

	switch ((enum node_op)n->op) {
	case N_ADD:
		/* a product absorbed wins over an immediate: x^2 + 20 is one
		 * MULADD reading 20 from a constant register */
		if (fusable_mul(c, a) || fusable(c, a, OP_MULK))
			fuse(c, i, a, c->pattern[a] == OP_MULK ? OP_KMULADD : OP_MULADD);
		else if (fusable_mul(c, b) || fusable(c, b, OP_MULK))
			fuse(c, i, b, c->pattern[b] == OP_MULK ? OP_KMULADD : OP_MULADD);
		else if (ISK(a) || ISK(b))
			c->pattern[i] = OP_ADDK;
		else if (fusable(c, a, OP_ADD))
			fuse(c, i, a, OP_ADDADD);
		else if (fusable(c, b, OP_ADD))
			fuse(c, i, b, OP_ADDADD);
		else if (fusable(c, a, OP_SUB))
			fuse(c, i, a, OP_SUBADD);
		else if (fusable(c, b, OP_SUB))
			fuse(c, i, b, OP_SUBADD);
		else
			c->pattern[i] = OP_ADD;
		return;
	case N_SUB:
		if (fusable_mul(c, a) || fusable(c, a, OP_MULK))
			fuse(c, i, a, c->pattern[a] == OP_MULK ? OP_KMULSUB : OP_MULSUB);
		else if (fusable_mul(c, b) || fusable(c, b, OP_MULK))
			fuse(c, i, b, c->pattern[b] == OP_MULK ? OP_SUBKMUL : OP_SUBMUL);
		else if (ISK(b))
			c->pattern[i] = OP_SUBK;
		else if (ISK(a))
			c->pattern[i] = OP_KSUB;
		else if (fusable(c, a, OP_ADD))
			fuse(c, i, a, OP_ADDSUB);
		else
			c->pattern[i] = OP_SUB;
		return;
	case N_MUL:
		if (ISK(a) || ISK(b)) {
			int x = ISK(a) ? b : a;
			if (fusable_mul(c, x))
				fuse(c, i, x, OP_KMULMUL);
			else
				c->pattern[i] = OP_MULK;
		} else if (fusable_mul(c, a)) {
			fuse(c, i, a, OP_MULMUL);
		} else if (fusable_mul(c, b)) {
			fuse(c, i, b, OP_MULMUL);
		} else {
			c->pattern[i] = OP_MUL;
		}
		return;
	case N_DIV:
		c->pattern[i] = ISK(b) ? OP_DIVK : ISK(a) ? OP_KDIV : OP_DIV;
		return;
	case N_POW:
		if (is_square(c, i)) {
			/* (anything)^2: the child's instruction squares its result */
			if (!ISK(a) && ND(a)->op != N_VAR && absorbable(c, a) &&
			    c->pattern[a] != PAT_SQUARED) {
				c->sqinto[a] = i;
				c->pattern[i] = PAT_SQUARED;
			} else {
				c->pattern[i] = OP_SQR;
			}
		} else if (is_int_power(c, i)) {
			c->pattern[i] = PAT_POWI;
		} else {
			c->pattern[i] = ISK(b) ? OP_POWK : ISK(a) ? OP_KPOW : OP_POW;
		}
		return;
	case N_CONST: case N_VAR: case N__COUNT:
		break;
	default:
		c->pattern[i] = func_opcode(n->op);
		return;
	}
	fatal("select_node: bad op %d", n->op);
}

static void
emit(struct compiler *c, int op, int d, int a, int b, int cc, double k)
{
	struct instr *in;

	if (c->ncode == c->capcode) {
		c->capcode = c->capcode ? 2 * c->capcode : 64;
		c->code = xreallocarray(c->code, c->capcode, sizeof *c->code);
	}
	in = &c->code[c->ncode++];
	in->op = op;
	in->flags = 0;
	in->d = d;
	in->a = a;
	in->b = b;
	in->c = cc;
	in->k = k;
}

/* The node x^m when it exists and its value is computed before node i. */
static int
power_before(const struct compiler *c, int x, int m, int i)
{
	int k = expr_lookup_const(c->e, (double)m), j;

	if (k < 0)
		return -1;
	j = expr_lookup(c->e, N_POW, x, k);
	if (j < 0 || j >= i || !c->needed[j] || c->fused[j])
		return -1;
	return j;
}

/*
 * x^n by multiplications into value d (node i), n >= 2 or n <= -1.
 * A power of x that is computed anyway is reused: x^4 from x^2, x^3
 * from x^2, as polynomials and their derivatives have.
 */
static void
emit_int_power(struct compiler *c, int i, int x, int n)
{
	int m = n < 0 ? -n : n, bit = 1, r = x, j;

	if (m == 1) {
		emit(c, OP_KDIV, i, x, -1, -1, 1.0);
		return;
	}
	if (m == 3) {
		emit(c, OP_MULMUL, c->nvalues++, x, x, x, 0);  /* (x*x)*x */
	} else if (m % 2 == 0 && (j = power_before(c, x, m / 2, i)) >= 0) {
		emit(c, OP_SQR, c->nvalues++, j, -1, -1, 0);
	} else if ((j = power_before(c, x, m - 1, i)) >= 0) {
		emit(c, OP_MUL, c->nvalues++, j, x, -1, 0);
	} else {
		while (bit * 2 <= m)
			bit *= 2;
		for (bit /= 2; bit > 0; bit /= 2) {
			emit(c, OP_SQR, c->nvalues, r, -1, -1, 0);
			r = c->nvalues++;
			if (m & bit) {
				emit(c, OP_MUL, c->nvalues, r, x, -1, 0);
				r = c->nvalues++;
			}
		}
	}
	r = c->code[c->ncode - 1].d;
	if (n > 0)
		c->code[c->ncode - 1].d = i;    /* the last product is x^n */
	else
		emit(c, OP_KDIV, i, r, -1, -1, 1.0);
}

/* Pass 2: the instruction(s) of node i. */
static void
emit_node(struct compiler *c, int i)
{
	const struct node *n = ND(i);
	int a = n->a, b = n->b, op = c->pattern[i], f = c->fusedchild[i];
	int other = f == a ? b : a;     /* the operand that was not absorbed */
	int x = -1, y = -1;

	if (f >= 0 && op != OP_ADDADD && op != OP_SUBADD && op != OP_ADDSUB)
		mul_operands(c, f, &x, &y);
	switch (op) {
	case PAT_SQUARED:
		return;                 /* its child's instruction computes it */
	case PAT_POWI:
		emit_int_power(c, i, a, (int)KV(b));
		break;
	case OP_ADDK: case OP_MULK:
		emit(c, op, i, ISK(a) ? b : a, -1, -1, ISK(a) ? KV(a) : KV(b));
		break;
	case OP_SUBK: case OP_DIVK: case OP_POWK:
		emit(c, op, i, a, -1, -1, KV(b));
		break;
	case OP_KSUB: case OP_KDIV: case OP_KPOW:
		emit(c, op, i, b, -1, -1, KV(a));
		break;
	case OP_MULADD: case OP_MULSUB: case OP_SUBMUL: case OP_MULMUL:
		emit(c, op, i, x, y, other, 0);
		break;
	case OP_KMULADD: case OP_KMULSUB: case OP_SUBKMUL:
		emit(c, op, i, ISK(x) ? y : x, other, -1, ISK(x) ? KV(x) : KV(y));
		break;
	case OP_KMULMUL:
		emit(c, op, i, x, y, -1, ISK(a) ? KV(a) : KV(b));
		break;
	case OP_ADDADD: case OP_SUBADD: case OP_ADDSUB:
		emit(c, op, i, ND(f)->a, ND(f)->b, other, 0);
		break;
	case OP_SQR:
		emit(c, op, i, a, -1, -1, 0);
		break;
	case OP_SELECT:
		emit(c, op, i, n->c, a, b, 0);
		break;
	default:
		emit(c, op, i, a, b, -1, 0);
		break;
	}
	if (c->sqinto[i] >= 0) {
		struct instr *last = &c->code[c->ncode - 1];
		last->d = c->sqinto[i];
		last->flags |= INSTR_SQ;
	}
}

static void
compiler_done(struct compiler *c)
{
	free(c->needed);
	free(c->uses);
	free(c->outof);
	free(c->pattern);
	free(c->fusedchild);
	free(c->sqinto);
	free(c->fused);
	free(c->code);
}

/*
 * Builds the program of the given output nodes: passes 1-4 above, then
 * the register files.
 */
static struct expr_program *
build(struct expr *e, const int *outs, int nout, int nv)
{
	struct compiler cc, *c = &cc;
	struct expr_program *p = xcalloc(1, sizeof *p);
	int i, k;
	int *last = NULL, *reg = NULL, *freelist = NULL, nfree = 0;
	int *constof = NULL;

	memset(c, 0, sizeof *c);
	c->e = e;
	c->nnodes = e->nnodes;
	c->needed = xcalloc(c->nnodes, 1);
	c->uses = xcalloc(c->nnodes, sizeof(int));
	c->outof = xmalloc(c->nnodes * sizeof(int));
	c->pattern = xmalloc(c->nnodes * sizeof(int));
	c->fusedchild = xmalloc(c->nnodes * sizeof(int));
	c->sqinto = xmalloc(c->nnodes * sizeof(int));
	c->fused = xcalloc(c->nnodes, 1);
	for (i = 0; i < c->nnodes; i++) {
		c->outof[i] = -1;
		c->pattern[i] = -1;
		c->fusedchild[i] = -1;
		c->sqinto[i] = -1;
	}
	for (k = nout - 1; k >= 0; k--) {
		c->needed[outs[k]] = 1;
		c->outof[outs[k]] = k;
	}
	for (i = c->nnodes - 1; i >= 0; i--) {
		const struct node *n = ND(i);
		if (!c->needed[i] || n->op == N_CONST || n->op == N_VAR)
			continue;
		c->needed[n->a] = 1;
		c->uses[n->a]++;
		if (n->b >= 0) {
			c->needed[n->b] = 1;
			c->uses[n->b]++;
		}
		if (n->c >= 0) {
			c->needed[n->c] = 1;
			c->uses[n->c]++;
		}
	}

	/* 1 and 2: select, then emit (fusion decided before emission) */
	for (i = 0; i < c->nnodes; i++)
		if (c->needed[i] && !ISK(i) && ND(i)->op != N_VAR)
			select_node(c, i);
	c->nvalues = c->nnodes;
	for (i = 0; i < c->nnodes; i++)
		if (c->needed[i] && !ISK(i) && ND(i)->op != N_VAR && !c->fused[i])
			emit_node(c, i);

	/* outputs: an instruction writes the first output of its node;
	 * others, and variables and constants, are copied at the end */
	{
		int nbody = c->ncode;
		char *claimed = xcalloc(c->nnodes, 1);
		for (i = 0; i < nbody; i++)
			if (c->code[i].d < c->nnodes && c->outof[c->code[i].d] >= 0)
				claimed[c->code[i].d] = 1;
		for (k = 0; k < nout; k++) {
			int n = outs[k];
			if (claimed[n] && c->outof[n] == k)
				continue;
			emit(c, OP_MOV, -2 - k, n, -1, -1, 0);  /* -2-k: output k */
		}
		free(claimed);
		for (i = 0; i < c->ncode; i++) {
			int d = c->code[i].d;
			if (d <= -2 || (d < c->nnodes && c->outof[d] >= 0))
				c->code[i].flags |= INSTR_CANON;
		}
	}

	/* 3: liveness */
	last = xmalloc(c->nvalues * sizeof(int));
	reg = xmalloc(c->nvalues * sizeof(int));
	constof = xmalloc(c->nvalues * sizeof(int));
	for (i = 0; i < c->nvalues; i++) {
		last[i] = -1;
		reg[i] = -1;
		constof[i] = -1;
	}
	for (i = 0; i < c->ncode; i++) {
		const struct instr *in = &c->code[i];
		if (in->a >= 0) last[in->a] = i;
		if (in->b >= 0) last[in->b] = i;
		if (in->c >= 0) last[in->c] = i;
	}

	/* constants that need a register */
	p->nvars = nv;
	p->nout = nout;
	for (i = 0; i < c->nnodes; i++)
		if (last[i] >= 0 && ISK(i))
			constof[i] = p->nconst++;

	/* 4: allocate; temporaries come after the constants */
	p->ncode = c->ncode;
	p->code = xcalloc(c->ncode + 1, sizeof *p->code);       /* + HALT */
	freelist = xmalloc(c->nvalues * sizeof(int));
	for (i = 0; i < c->ncode; i++) {
		const struct instr *in = &c->code[i];
		struct instr *out = &p->code[i];
		int vals[3] = { in->a, in->b, in->c }, regs[3], j;
		int base = nv + nout + p->nconst;

		for (j = 0; j < 3; j++) {
			int v = vals[j];
			if (v < 0)
				regs[j] = 0;
			else if (v < c->nnodes && ND(v)->op == N_VAR)
				regs[j] = ND(v)->a;
			else if (v < c->nnodes && ISK(v))
				regs[j] = nv + nout + constof[v];
			else if (reg[v] >= 0)
				regs[j] = reg[v];
			else
				fatal("compile: value %d read before it is written", v);
		}
		*out = *in;
		out->a = regs[0];
		out->b = regs[1];
		out->c = regs[2];
		/* the destination: never the register of a live value */
		if (in->d <= -2) {
			out->d = nv + (-2 - in->d);
		} else if (in->d < c->nnodes && c->outof[in->d] >= 0) {
			out->d = reg[in->d] = nv + c->outof[in->d];
		} else {
			int r = nfree > 0 ? freelist[--nfree] : base + p->ntemp++;
			out->d = reg[in->d] = r;
		}
		/* temporaries whose last reader this is are free again */
		for (j = 0; j < 3; j++) {
			int v = vals[j];
			if (v < 0 || last[v] != i)
				continue;
			if (v < c->nnodes && (ND(v)->op == N_VAR || ISK(v) || c->outof[v] >= 0))
				continue;
			last[v] = -2;   /* freed once, even when read twice */
			freelist[nfree++] = reg[v];
		}
	}

	expr_vm_link(p->code, p->ncode);

	/* register files */
	p->nregs = nv + nout + p->nconst + p->ntemp;
	p->sregs = xcalloc(p->nregs, sizeof(double));
	p->ptr = xcalloc(p->nregs, sizeof(double *));
	{
		/* aligned_alloc wants a multiple of the alignment */
		size_t nb = (size_t)(p->nconst + p->ntemp + 1) * EXPR_BLOCK;
		p->blocks = aligned_alloc(64, nb * sizeof(double));
		if (p->blocks == NULL)
			fatal("out of memory (%zu registers)", nb);
		memset(p->blocks, 0, nb * sizeof(double));
	}
	for (i = 0; i < c->nnodes; i++) {
		if (constof[i] >= 0) {
			int r = nv + nout + constof[i], j;
			p->sregs[r] = KV(i);
			for (j = 0; j < EXPR_BLOCK; j++)
				p->blocks[(size_t)constof[i] * EXPR_BLOCK + j] = KV(i);
		}
	}
	for (i = nv + nout; i < p->nregs; i++)
		p->ptr[i] = p->blocks + (size_t)(i - nv - nout) * EXPR_BLOCK;
	p->uniform = aligned_alloc(64, (size_t)(nv + 1) * EXPR_BLOCK * sizeof(double));
	if (p->uniform == NULL)
		fatal("out of memory (%d variables)", nv);

	free(freelist);
	free(last);
	free(reg);
	free(constof);
	compiler_done(c);
	return p;
}

struct expr_program *
expr_compile(struct expr *e, unsigned what, struct diag *err)
{
	return expr_compile_wrt(e, what, expr_nvars(e), err);
}

/*
 * The hidden variables of the directions of EXPR_HVP, one per variable
 * of the first nwrt, after the visible ones: made at the first product
 * asked for.  Returns the index of the first.
 */
static int
directions(struct expr *e, int nwrt)
{
	int nvis = expr_nvars(e), k;

	if (e->nhidden == 0) {
		for (k = 0; k < nwrt; k++) {
			char name[80];         /* for the disassembly: cut when long */
			snprintf(name, sizeof name, "dir(%s)", e->vars[k]);
			expr_add_var(e, name, strlen(name));
		}
		e->nhidden = nwrt;
	}
	if (e->nhidden != nwrt)
		fatal("expr_compile_wrt: products along %d and %d variables", e->nhidden, nwrt);
	return nvis;
}

/* The gradient's nodes into grad[0..nv): forward for a few variables, else reverse. */
static int
gradient(struct expr *e, int nv, int reverse, int *grad, struct diag *err)
{
	int i;

	if (reverse || nv > EXPR_FORWARD_MAX)
		return expr_gradient(e, e->root, nv, grad, err);
	for (i = 0; i < nv; i++) {
		grad[i] = expr_diff(e, e->root, i, err);
		if (grad[i] < 0)
			return -1;
	}
	return 0;
}

static struct expr_program *
compile(struct expr *e, unsigned what, int nwrt, int reverse, struct diag *err)
{
	int nv = nwrt, nout = 1, nin = expr_nvars(e), i, j;
	int *outs;
	struct expr_program *p;

	if ((what & EXPR_HESS) && (what & EXPR_HVP))
		fatal("expr_compile_wrt: the Hessian and its products together");
	if (what & (EXPR_HESS | EXPR_HVP))
		what |= EXPR_GRAD;
	if (what & EXPR_GRAD)
		nout += nv;
	if (what & EXPR_HESS)
		nout += nv * nv;
	if (what & EXPR_HVP)
		nout += nv;
	if (nwrt < 0 || nwrt > expr_nvars(e))
		fatal("expr_compile_wrt: %d of %d variables", nwrt, expr_nvars(e));
	outs = xmalloc(nout * sizeof(int));
	outs[0] = e->root;
	if ((what & EXPR_GRAD) && gradient(e, nv, reverse, outs + 1, err) != 0)
		goto fail;
	for (i = 0; (what & EXPR_HESS) && i < nv; i++) {
		for (j = i; j < nv; j++) {
			int h = expr_diff(e, outs[1 + i], j, err);
			if (h < 0)
				goto fail;
			outs[1 + nv + i * nv + j] = h;
			outs[1 + nv + j * nv + i] = h;  /* symmetric: one node */
		}
	}
	if (what & EXPR_HVP) {
		int dir = directions(e, nv);
		if (expr_tangent(e, outs + 1, nv, nv, dir, outs + 1 + nv, err) != 0)
			goto fail;
		nin += nv;
	}
	p = build(e, outs, nout, nin);
	free(outs);
	return p;
fail:
	free(outs);
	return NULL;
}

struct expr_program *
expr_compile_wrt(struct expr *e, unsigned what, int nwrt, struct diag *err)
{
	return compile(e, what, nwrt, 0, err);
}

struct expr_program *
expr_compile_reverse(struct expr *e, unsigned what, int nwrt, struct diag *err)
{
	return compile(e, what, nwrt, 1, err);
}

void
expr_program_free(struct expr_program *p)
{
	if (p == NULL)
		return;
	free(p->code);
	free(p->sregs);
	free(p->blocks);
	free(p->uniform);
	free(p->ptr);
	free(p);
}

int expr_program_nvars(const struct expr_program *p) { return p->nvars; }
int expr_program_nout(const struct expr_program *p) { return p->nout; }
int expr_program_ninstr(const struct expr_program *p) { return p->ncode; }
int expr_program_nregs(const struct expr_program *p) { return p->nregs; }

static const struct {
	const char *name, *form, *meaning;
} opinfo[] = {
#define OPCODE(name, form, meaning) { #name, #form, meaning },
#include "opcodes.def"
#undef OPCODE
};

static void
regname(const struct expr_program *p, int r, char *buf, size_t size)
{
	if (r < p->nvars)
		snprintf(buf, size, "in%d", r);
	else if (r < p->nvars + p->nout)
		snprintf(buf, size, "out%d", r - p->nvars);
	else if (r < p->nvars + p->nout + p->nconst)
		snprintf(buf, size, "%.17g", p->sregs[r]);
	else
		snprintf(buf, size, "t%d", r - p->nvars - p->nout - p->nconst);
}

void
expr_program_dump(const struct expr_program *p, FILE *fp)
{
	int i;

	fprintf(fp, "; %d instructions, %d registers (%d inputs, %d outputs, "
		"%d constants, %d temporaries)\n", p->ncode, p->nregs, p->nvars,
		p->nout, p->nconst, p->ntemp);
	for (i = 0; i < p->ncode; i++) {
		const struct instr *in = &p->code[i];
		const char *form = opinfo[in->op].form;
		char d[32], a[32], b[32], c[32], line[160];
		int len;

		regname(p, in->d, d, sizeof d);
		regname(p, in->a, a, sizeof a);
		regname(p, in->b, b, sizeof b);
		regname(p, in->c, c, sizeof c);
		len = snprintf(line, sizeof line, "%4d  %-8s%s %s, %s", i,
			       opinfo[in->op].name, in->flags & INSTR_SQ ? "^2" : "  ", d, a);
		if (strchr(form, 'B'))
			len += snprintf(line + len, sizeof line - len, ", %s", b);
		if (strchr(form, 'C'))
			len += snprintf(line + len, sizeof line - len, ", %s", c);
		if (strchr(form, 'K'))
			len += snprintf(line + len, sizeof line - len, ", K=%.17g", in->k);
		fprintf(fp, "%-46s ; %s%s\n", line, opinfo[in->op].meaning,
			in->flags & INSTR_SQ ? ", squared" : "");
	}
}
