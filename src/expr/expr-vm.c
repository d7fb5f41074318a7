/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-vm.c - runs compiled programs: the scalar entry (one point, a
 * switch per instruction) and the batch entry (one instruction over a
 * block of EXPR_BLOCK lanes at a time, so each instruction is a plain loop
 * over arrays that the compiler vectorizes).
 *
 * Both entries expand opcodes.def into the same C expressions, VM_<NAME>
 * below, and this file is compiled without floating-point contraction
 * (-ffp-contract=off), so their results are bit-identical; nan outputs
 * are made canonical (the CANON flag), since C leaves a nan's sign to the
 * order of the operands.  No allocation, no recursion, no traps: IEEE
 * arithmetic decides what 1/0 or log(-1) is.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "descent/clones.h"
#include "expr-int.h"

/*
 * Each opcode's value, from operands A, B, C and the immediate K: one
 * VM_<NAME> per OPCODE(NAME, ...) of opcodes.def.  The dispatch tables
 * and switches below are made by expanding opcodes.def itself, so they
 * have one entry per opcode and no other; an opcode added there without
 * its VM_<NAME> here fails to compile ("'VM_<NAME>' undeclared").
 */
#define VM_MOV      A
#define VM_ADD      (A + B)
#define VM_SUB      (A - B)
#define VM_MUL      (A * B)
#define VM_DIV      (A / B)
#define VM_NEG      (-A)
#define VM_ADDK     (A + K)
#define VM_SUBK     (A - K)
#define VM_KSUB     (K - A)
#define VM_MULK     (K * A)
#define VM_DIVK     (A / K)
#define VM_KDIV     (K / A)
#define VM_SQR      (A * A)
#define VM_MULADD   (A * B + C)
#define VM_MULSUB   (A * B - C)
#define VM_SUBMUL   (C - A * B)
#define VM_KMULADD  (K * A + B)
#define VM_KMULSUB  (K * A - B)
#define VM_SUBKMUL  (B - K * A)
#define VM_MULMUL   ((A * B) * C)
#define VM_KMULMUL  (K * (A * B))
#define VM_ADDADD   ((A + B) + C)
#define VM_ADDSUB   ((A + B) - C)
#define VM_SUBADD   ((A - B) + C)
#define VM_POW      pow(A, B)
#define VM_POWK     pow(A, K)
#define VM_KPOW     pow(K, A)
#define VM_SIN      sin(A)
#define VM_COS      cos(A)
#define VM_TAN      tan(A)
#define VM_EXP      exp(A)
#define VM_LOG      log(A)
#define VM_SQRT     sqrt(A)
#define VM_ABS      fabs(A)
#define VM_TANH     tanh(A)
#define VM_SIGMOID  expr_sigmoid(A)
#define VM_RELU     expr_relu(A)
#define VM_SOFTPLUS expr_softplus(A)
#define VM_SIGN     expr_sign(A)
#define VM_STEP     expr_step(A)
#define VM_MIN      expr_min(A, B)
#define VM_MAX      expr_max(A, B)
#define VM_SELECT   expr_select_value(A, B, C)

/* The flags applied to a value t (opcodes.def). */
#define SQ(t) ((t) * (t))
#define CANON(t) ((t) == (t) ? (t) : NAN)

/* Dispatch on the opcode and the flags together. */
#define KEY(op, flags) ((op) * 4 + (flags))

#define A r[in->a]
#define B r[in->b]
#define C r[in->c]
#define K in->k

#if defined(__GNUC__)
/*
 * Direct threading: expr_vm_link stores each instruction's handler
 * address in the instruction, and each handler jumps straight to the
 * next one; a final HALT returns.  One indirect jump per instruction,
 * with no table lookup and no end test (GCC's labels as values; the
 * switch below is the portable fallback).
 */
#define SCALAR_LABELS(name, expr) \
	[KEY(OP_##name, 0)] = &&L_##name##_0, \
	[KEY(OP_##name, INSTR_SQ)] = &&L_##name##_1, \
	[KEY(OP_##name, INSTR_CANON)] = &&L_##name##_2, \
	[KEY(OP_##name, INSTR_SQ | INSTR_CANON)] = &&L_##name##_3,
#define NEXT goto *(++in)->handler
#define SCALAR_HANDLERS(name, expr) \
	L_##name##_0: r[in->d] = (expr); NEXT; \
	L_##name##_1: { double t = (expr); r[in->d] = SQ(t); } NEXT; \
	L_##name##_2: { double t = (expr); r[in->d] = CANON(t); } NEXT; \
	L_##name##_3: { double t = (expr); t = SQ(t); r[in->d] = CANON(t); } NEXT;

/*
 * Runs code (which ends with a HALT) on r.  Called with code NULL, it
 * returns its table of handlers instead, for expr_vm_link.
 */
static const void *const *
run_scalar_threaded(const struct instr *code, double *r)
{
	static const void *const labels[OP__COUNT * 4 + 1] = {
#define OPCODE(name, form, meaning) SCALAR_LABELS(name, VM_##name)
#include "opcodes.def"
#undef OPCODE
		[OP__COUNT * 4] = &&L_HALT,
	};
	const struct instr *in = code;

	if (code == NULL)
		return labels;
	goto *in->handler;
#define OPCODE(name, form, meaning) SCALAR_HANDLERS(name, VM_##name)
#include "opcodes.def"
#undef OPCODE
L_HALT:
	return NULL;
}

void
expr_vm_link(struct instr *code, int ncode)
{
	const void *const *labels = run_scalar_threaded(NULL, NULL);
	int i;

	for (i = 0; i < ncode; i++)
		code[i].handler = labels[KEY(code[i].op, code[i].flags)];
	code[ncode].handler = labels[OP__COUNT * 4];    /* HALT */
}

static inline void
run_scalar(const struct instr *code, int ncode, double *r)
{
	(void)ncode;
	run_scalar_threaded(code, r);
}
#else
#define SCALAR_CASES(name, expr) \
	case KEY(OP_##name, 0): r[in->d] = (expr); break; \
	case KEY(OP_##name, INSTR_SQ): { double t = (expr); r[in->d] = SQ(t); break; } \
	case KEY(OP_##name, INSTR_CANON): { double t = (expr); r[in->d] = CANON(t); break; } \
	case KEY(OP_##name, INSTR_SQ | INSTR_CANON): { \
		double t = (expr); t = SQ(t); r[in->d] = CANON(t); break; }

void
expr_vm_link(struct instr *code, int ncode)
{
	(void)code;
	(void)ncode;
}

static inline void
run_scalar(const struct instr *code, int ncode, double *r)
{
	const struct instr *in, *end = code + ncode;

	for (in = code; in < end; in++) {
		switch (KEY(in->op, in->flags)) {
#define OPCODE(name, form, meaning) SCALAR_CASES(name, VM_##name)
#include "opcodes.def"
#undef OPCODE
		default: r[in->d] = NAN; break;  /* cannot happen */
		}
	}
}
#endif
#undef A
#undef B
#undef C
#undef K

void
expr_vm_scalar(const struct instr *code, int ncode, double *r)
{
	run_scalar(code, ncode, r);
}

/*
 * One block of n lanes.  The compiler never gives an instruction the
 * register of one of its operands, so d never aliases a, b or c.
 */
#define LOOP(expr) \
	do { \
		for (size_t i = 0; i < n; i++) \
			d[i] = (expr); \
	} while (0)

#if defined(__GNUC__)
__attribute__((always_inline))  /* into each clone of expr_vm_block */
#endif
static inline void
run_block(const struct instr *code, int ncode, double *const *ptr, size_t n)
{
	const struct instr *in, *end = code + ncode;

#define A a[i]
#define B b[i]
#define C c[i]
#define K k
#define BLOCK_CASES(name, expr) \
	case KEY(OP_##name, 0): LOOP(expr); break; \
	case KEY(OP_##name, INSTR_SQ): LOOP(SQ(expr)); break; \
	case KEY(OP_##name, INSTR_CANON): LOOP(CANON(expr)); break; \
	case KEY(OP_##name, INSTR_SQ | INSTR_CANON): LOOP(CANON(SQ(expr))); break;

	for (in = code; in < end; in++) {
		double *restrict d = ptr[in->d];
		const double *restrict a = ptr[in->a];
		const double *restrict b = ptr[in->b];
		const double *restrict c = ptr[in->c];
		const double k = in->k;

		(void)a; (void)b; (void)c; (void)k;
		switch (KEY(in->op, in->flags)) {
#define OPCODE(name, form, meaning) BLOCK_CASES(name, VM_##name)
#include "opcodes.def"
#undef OPCODE
		default: LOOP(NAN); break;
		}
	}
#undef A
#undef B
#undef C
#undef K
}

/*
 * A full block has a constant trip count, which lets the compiler drop
 * the remainder loops; x86-64 gets an AVX2 clone chosen at load time
 * (descent/clones.h, shared with the benchmarks' baselines).
 */
DESCENT_CLONES
void
expr_vm_block(const struct instr *code, int ncode, double *const *ptr, size_t n)
{
	if (n == EXPR_BLOCK)
		run_block(code, ncode, ptr, EXPR_BLOCK);
	else
		run_block(code, ncode, ptr, n);
}

void
expr_eval(struct expr_program *p, const double *x, double *out)
{
	double *r = p->sregs;

	/* one and two variables, and f alone, are the common calls */
	switch (p->nvars) {
	case 2: r[1] = x[1]; /* fall through */
	case 1: r[0] = x[0]; /* fall through */
	case 0: break;
	default: memcpy(r, x, p->nvars * sizeof *r); break;
	}
	run_scalar(p->code, p->ncode, r);
	if (p->nout == 1)
		out[0] = r[p->nvars];
	else
		memcpy(out, r + p->nvars, p->nout * sizeof *r);
}

void
expr_eval_batch_mixed(struct expr_program *p, size_t n, const double *const *in,
		      const double *scalars, double *const *out)
{
	double **ptr = p->ptr;
	size_t off, i;
	int v, k;

	for (v = 0; v < p->nvars; v++) {
		if (in[v] != NULL)
			continue;
		for (i = 0; i < EXPR_BLOCK; i++)
			p->uniform[(size_t)v * EXPR_BLOCK + i] = scalars[v];
		ptr[v] = p->uniform + (size_t)v * EXPR_BLOCK;
	}
	for (off = 0; off < n; off += EXPR_BLOCK) {
		size_t m = n - off < EXPR_BLOCK ? n - off : EXPR_BLOCK;
		for (v = 0; v < p->nvars; v++)
			if (in[v] != NULL)
				ptr[v] = (double *)(in[v] + off);       /* read only */
		for (k = 0; k < p->nout; k++)
			ptr[p->nvars + k] = out[k] + off;
		expr_vm_block(p->code, p->ncode, ptr, m);
	}
}

void
expr_eval_batch(struct expr_program *p, size_t n, const double *const *in,
		double *const *out)
{
	double **ptr = p->ptr;
	size_t off;
	int v, k;

	for (off = 0; off < n; off += EXPR_BLOCK) {
		size_t m = n - off < EXPR_BLOCK ? n - off : EXPR_BLOCK;
		for (v = 0; v < p->nvars; v++)
			ptr[v] = (double *)(in[v] + off);       /* read only */
		for (k = 0; k < p->nout; k++)
			ptr[p->nvars + k] = out[k] + off;
		expr_vm_block(p->code, p->ncode, ptr, m);
	}
}
