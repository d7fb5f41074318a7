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
 *
 * The batch loops are built once per instruction set (AVX-512, AVX2 and
 * SSE2 on x86-64), and sin, cos, tan, exp, log, tanh and pow come from
 * glibc's vector math at the same width when configure found it: a
 * kernel set (expr-kernels.h), chosen once for the CPU, used by both
 * entries and by constant folding.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "descent/expr.h"
#include "expr-int.h"
#include "expr-kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define VM_X86 1
#define VM_TARGET(isa) __attribute__((target(isa)))
#endif

/*
 * A kernel set: the batch block built for one instruction set, and the
 * math its block and the scalar entry call (one: fn of one point).
 */
struct vm_kernels {
	const char *name;       /* what DESCENT_KERNELS and the benchmarks say */
	const char *math;       /* where its sin, cos... come from */
	int (*usable)(void);    /* whether this CPU runs it */
	void (*block)(const struct instr *code, int ncode, double *const *ptr,
		      size_t n);
	double (*one)(enum vm_fn fn, double a, double b);
};
static const struct vm_kernels *vm_k;   /* in use; see the end of the file */

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
#ifdef HAVE_LIBMVEC
/* the batch entry runs these by the kernel set's lanes (run_block) */
#define VM_POW      vm_k->one(VM_FN_POW, A, B)
#define VM_POWK     vm_k->one(VM_FN_POW, A, K)
#define VM_KPOW     vm_k->one(VM_FN_POW, K, A)
#define VM_SIN      vm_k->one(VM_FN_SIN, A, 0)
#define VM_COS      vm_k->one(VM_FN_COS, A, 0)
#define VM_TAN      vm_k->one(VM_FN_TAN, A, 0)
#define VM_EXP      vm_k->one(VM_FN_EXP, A, 0)
#define VM_LOG      vm_k->one(VM_FN_LOG, A, 0)
#define VM_TANH     vm_k->one(VM_FN_TANH, A, 0)
#else
#define VM_POW      pow(A, B)
#define VM_POWK     pow(A, K)
#define VM_KPOW     pow(K, A)
#define VM_SIN      sin(A)
#define VM_COS      cos(A)
#define VM_TAN      tan(A)
#define VM_EXP      exp(A)
#define VM_LOG      log(A)
#define VM_TANH     tanh(A)
#endif
#define VM_SQRT     sqrt(A)
#define VM_ABS      fabs(A)
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
 * The flags of an instruction applied to its value, in the order the
 * expansions above apply them: for the math instructions, which the
 * batch entry runs by the kernel set's lanes.
 */
static inline double
vm_flags(int flags, double t)
{
	if (flags & INSTR_SQ)
		t = SQ(t);
	if (flags & INSTR_CANON)
		t = CANON(t);
	return t;
}

/* The function an instruction calls, or -1 when it calls none. */
static inline int
vm_fn_of(int op)
{
	switch (op) {
	case OP_SIN: return VM_FN_SIN;
	case OP_COS: return VM_FN_COS;
	case OP_TAN: return VM_FN_TAN;
	case OP_EXP: return VM_FN_EXP;
	case OP_LOG: return VM_FN_LOG;
	case OP_TANH: return VM_FN_TANH;
	case OP_POW: case OP_POWK: case OP_KPOW: return VM_FN_POW;
	default: return -1;
	}
}

/*
 * A math instruction over n lanes (d never aliases a or b), with its
 * flags: the kernel set's lanes function.
 */
typedef void vm_lanes_fn(const struct instr *in, double *restrict d,
			 const double *a, const double *b, size_t n);

/* The libm kernel set's math, one point and n lanes. */
static double
one_libm(enum vm_fn fn, double a, double b)
{
	switch (fn) {
	case VM_FN_SIN: return sin(a);
	case VM_FN_COS: return cos(a);
	case VM_FN_TAN: return tan(a);
	case VM_FN_EXP: return exp(a);
	case VM_FN_LOG: return log(a);
	case VM_FN_TANH: return tanh(a);
	default: return pow(a, b);
	}
}

#ifdef HAVE_LIBMVEC
/*
 * The operands of a math instruction as one lane reads them: x and y,
 * each an array or (the immediate of POWK and KPOW) a constant.
 */
struct vm_operands {
	const double *x, *y;    /* NULL: the constant */
	double kx, ky;
};

static inline struct vm_operands
vm_operands(const struct instr *in, const double *a, const double *b)
{
	struct vm_operands o = { a, NULL, 0, 0 };

	switch (in->op) {
	case OP_POW: o.y = b; break;
	case OP_POWK: o.ky = in->k; break;
	case OP_KPOW: o.x = NULL; o.kx = in->k; o.y = a; break;
	default: break;         /* unary: y unused */
	}
	return o;
}

static void
lanes_libm(const struct instr *in, double *restrict d, const double *a,
	   const double *b, size_t n)
{
	struct vm_operands o = vm_operands(in, a, b);
	enum vm_fn fn = (enum vm_fn)vm_fn_of(in->op);
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = vm_flags(in->flags, one_libm(fn, o.x ? o.x[i] : o.kx,
						    o.y ? o.y[i] : o.ky));
}

/* lanes_W's loop over whole vectors of a unary function NAME */
#define VM_LANES1(W, P, NAME) \
	for (; i + (W) <= n; i += (W)) { \
		memcpy(&x, a + i, sizeof x); \
		r = _ZGV##P##N##W##v_##NAME(x); \
		r = vm_vflags_##W(in->flags, r); \
		memcpy(d + i, &r, sizeof r); \
	}

/*
 * glibc's vector math at width W (libmvec's ABI: P is b for SSE2, d for
 * AVX2, e for AVX-512), for the instruction set ISA: call_W runs one
 * vector, one_W one point (broadcast to every lane: libmvec computes
 * each lane alone, so the lane's value is the same whatever its
 * neighbours; a test checks it), lanes_W an instruction over n lanes,
 * whole vectors loaded and stored as they are, the last lanes in a
 * vector padded with zeros.
 */
#define VM_VECTOR_MATH(W, P, ISA) \
typedef double vd##W __attribute__((vector_size(8 * (W)))); \
typedef long long vl##W __attribute__((vector_size(8 * (W)))); \
ISA static inline vd##W \
vm_canon_##W(vd##W r)   /* CANON: every nan lane the canonical nan */ \
{ \
	vl##W keep = r == r, bits, nan; \
	vd##W q; \
	int j; \
	for (j = 0; j < (W); j++) \
		q[j] = NAN; \
	memcpy(&nan, &q, sizeof nan); \
	memcpy(&bits, &r, sizeof bits); \
	bits = (bits & keep) | (nan & ~keep); \
	memcpy(&r, &bits, sizeof r); \
	return r; \
} \
ISA vd##W _ZGV##P##N##W##v_sin(vd##W); \
ISA vd##W _ZGV##P##N##W##v_cos(vd##W); \
ISA vd##W _ZGV##P##N##W##v_tan(vd##W); \
ISA vd##W _ZGV##P##N##W##v_exp(vd##W); \
ISA vd##W _ZGV##P##N##W##v_log(vd##W); \
ISA vd##W _ZGV##P##N##W##v_tanh(vd##W); \
ISA vd##W _ZGV##P##N##W##vv_pow(vd##W, vd##W); \
ISA static vd##W \
call_##W(enum vm_fn fn, vd##W x, vd##W y) \
{ \
	switch (fn) { \
	case VM_FN_SIN: return _ZGV##P##N##W##v_sin(x); \
	case VM_FN_COS: return _ZGV##P##N##W##v_cos(x); \
	case VM_FN_TAN: return _ZGV##P##N##W##v_tan(x); \
	case VM_FN_EXP: return _ZGV##P##N##W##v_exp(x); \
	case VM_FN_LOG: return _ZGV##P##N##W##v_log(x); \
	case VM_FN_TANH: return _ZGV##P##N##W##v_tanh(x); \
	default: return _ZGV##P##N##W##vv_pow(x, y); \
	} \
} \
ISA static double \
one_##W(enum vm_fn fn, double a, double b) \
{ \
	vd##W x, y; \
	int j; \
	for (j = 0; j < (W); j++) { \
		x[j] = a; \
		y[j] = b; \
	} \
	return call_##W(fn, x, y)[0]; \
} \
ISA static inline vd##W \
vm_vflags_##W(int flags, vd##W r) \
{ \
	if (flags & INSTR_SQ) \
		r = r * r; \
	if (flags & INSTR_CANON) \
		r = vm_canon_##W(r); \
	return r; \
} \
ISA static void \
whole_##W(const struct instr *in, double *restrict d, const double *a, \
	  const double *b, size_t n) \
{ \
	struct vm_operands o = vm_operands(in, a, b); \
	vd##W x = { 0 }, y = { 0 }, r; \
	size_t i = 0, j; \
	switch ((enum vm_fn)vm_fn_of(in->op)) { \
	case VM_FN_SIN: VM_LANES1(W, P, sin); break; \
	case VM_FN_COS: VM_LANES1(W, P, cos); break; \
	case VM_FN_TAN: VM_LANES1(W, P, tan); break; \
	case VM_FN_EXP: VM_LANES1(W, P, exp); break; \
	case VM_FN_LOG: VM_LANES1(W, P, log); break; \
	case VM_FN_TANH: VM_LANES1(W, P, tanh); break; \
	default: \
		for (; i + (W) <= n; i += (W)) { \
			for (j = 0; j < (W); j++) { \
				x[j] = o.x ? o.x[i + j] : o.kx; \
				y[j] = o.y ? o.y[i + j] : o.ky; \
			} \
			r = _ZGV##P##N##W##vv_pow(x, y); \
			r = vm_vflags_##W(in->flags, r); \
			memcpy(d + i, &r, sizeof r); \
		} \
		break; \
	} \
} \
ISA static void \
lanes_##W(const struct instr *in, double *restrict d, const double *a, \
	  const double *b, size_t n) \
{ \
	size_t whole = n - n % (W), m = n - whole; \
	double ta[W] = { 0 }, tb[W] = { 0 }, td[W]; \
	whole_##W(in, d, a, b, whole); \
	if (m == 0) \
		return; \
	/* the last lanes, padded with zeros to a whole vector */ \
	memcpy(ta, a + whole, m * sizeof *ta); \
	if (in->op == OP_POW) \
		memcpy(tb, b + whole, m * sizeof *tb); \
	whole_##W(in, td, ta, tb, (W)); \
	memcpy(d + whole, td, m * sizeof *td); \
}
#endif

/*
 * One block of n lanes.  The compiler never gives an instruction the
 * register of one of its operands, so d never aliases a, b or c.  With
 * vector math, the math instructions go to lanes, the kernel set's.
 */
#define LOOP(expr) \
	do { \
		for (size_t i = 0; i < n; i++) \
			d[i] = (expr); \
	} while (0)

#if defined(__GNUC__)
__attribute__((always_inline))  /* into each instruction set's block */
#endif
static inline void
run_block(const struct instr *code, int ncode, double *const *ptr, size_t n,
	  vm_lanes_fn *lanes)
{
	const struct instr *in, *end = code + ncode;

	(void)lanes;
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
#ifdef HAVE_LIBMVEC
		if (vm_fn_of(in->op) >= 0) {
			lanes(in, d, a, b, n);
			continue;
		}
#endif
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
 * A kernel set's block: run_block built for one instruction set, with
 * its lanes.  A full block has a constant trip count, which lets the
 * compiler drop the remainder loops.
 */
#define VM_BLOCK(NAME, ISA, LANES) \
ISA static void \
block_##NAME(const struct instr *code, int ncode, double *const *ptr, size_t n) \
{ \
	if (n == EXPR_BLOCK) \
		run_block(code, ncode, ptr, EXPR_BLOCK, LANES); \
	else \
		run_block(code, ncode, ptr, n, LANES); \
}

/*
 * Each instruction set's lanes, one point's math and the words for their
 * width, as LANES_FN, ONE_FN and WIDTH take them apart.
 */
#if defined(VM_X86) && defined(HAVE_LIBMVEC) && !defined(__clang__)
VM_VECTOR_MATH(8, e, VM_TARGET("avx512f"))
VM_VECTOR_MATH(4, d, VM_TARGET("avx2"))
VM_VECTOR_MATH(2, b, )
#define LANES_8 (lanes_8, one_8, "8 lanes")
#define LANES_4 (lanes_4, one_4, "4 lanes")
#define LANES_2 (lanes_2, one_2, "2 lanes")
#elif defined(VM_X86) && defined(HAVE_LIBMVEC)
/*
 * clang passes 256- and 512-bit vectors to a function in memory unless
 * the whole file is built for AVX (its calling convention follows the
 * command line, not the target attribute), where libmvec expects them in
 * registers: with clang, every set calls the 2-lane forms, whose
 * vectors go in SSE registers on any x86-64.
 */
VM_VECTOR_MATH(2, b, )
#define LANES_8 (lanes_2, one_2, "2 lanes")
#define LANES_4 LANES_8
#define LANES_2 LANES_8
#else
#define LANES_8 (NULL, one_libm, "")
#define LANES_4 LANES_8
#define LANES_2 LANES_8
#endif
#define LANES_FN_(lanes, one, width) lanes
#define ONE_FN_(lanes, one, width) one
#define WIDTH_(lanes, one, width) width
#define LANES_FN(set) LANES_FN_ set
#define ONE_FN(set) ONE_FN_ set
#define WIDTH(set) WIDTH_ set

#ifdef VM_X86
VM_BLOCK(avx512f, VM_TARGET("avx512f"), LANES_FN(LANES_8))
VM_BLOCK(avx2, VM_TARGET("avx2"), LANES_FN(LANES_4))
VM_BLOCK(sse2, , LANES_FN(LANES_2))
#ifdef HAVE_LIBMVEC
VM_BLOCK(libm, , lanes_libm)
#endif
#else
VM_BLOCK(generic, , NULL)
#endif

#ifdef VM_X86
static int
has_avx512f(void)
{
	return __builtin_cpu_supports("avx512f");
}

static int
has_avx2(void)
{
	return __builtin_cpu_supports("avx2");
}
#endif

static int
has_all(void)
{
	return 1;
}

#ifdef HAVE_LIBMVEC
#define VM_MATH(set) "libmvec, " WIDTH(set)
#else
#define VM_MATH(set) "libm"
#endif

/* The kernel sets, the best first: the first this CPU runs is used. */
static const struct vm_kernels vm_sets[] = {
#ifdef VM_X86
	{ "avx512f", VM_MATH(LANES_8), has_avx512f, block_avx512f, ONE_FN(LANES_8) },
	{ "avx2", VM_MATH(LANES_4), has_avx2, block_avx2, ONE_FN(LANES_4) },
	{ "sse2", VM_MATH(LANES_2), has_all, block_sse2, ONE_FN(LANES_2) },
#ifdef HAVE_LIBMVEC
	{ "libm", "libm", has_all, block_libm, one_libm },
#endif
#else
	{ "generic", "libm", has_all, block_generic, one_libm },
#endif
};
enum { VM_NSETS = sizeof vm_sets / sizeof vm_sets[0] };

static const struct vm_kernels *vm_k = &vm_sets[VM_NSETS - 1];

/* Chooses the kernel set before main runs (GCC and clang), else the last. */
#if defined(__GNUC__)
__attribute__((constructor))
#endif
static void
vm_choose(void)
{
	int i;

#ifdef VM_X86
	__builtin_cpu_init();   /* a constructor may run before libgcc's */
#endif
	for (i = 0; i < VM_NSETS; i++)
		if (vm_sets[i].usable()) {
			vm_k = &vm_sets[i];
			return;
		}
}

const char *
expr_kernels(void)
{
	return vm_k->name;
}

const char *
expr_kernels_math(void)
{
	return vm_k->math;
}

const char *
expr_kernels_usable(int i)
{
	int j;

	for (j = 0; j < VM_NSETS; j++)
		if (vm_sets[j].usable() && i-- == 0)
			return vm_sets[j].name;
	return NULL;
}

int
expr_use_kernels(const char *name)
{
	int i;

	for (i = 0; i < VM_NSETS; i++)
		if (strcmp(vm_sets[i].name, name) == 0 && vm_sets[i].usable()) {
			vm_k = &vm_sets[i];
			return 0;
		}
	return -1;
}

double
expr_vm_fn(enum vm_fn fn, double a, double b)
{
	return vm_k->one(fn, a, b);
}

void
expr_vm_block(const struct instr *code, int ncode, double *const *ptr, size_t n)
{
	vm_k->block(code, ncode, ptr, n);
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
	size_t off, i, fill = n < EXPR_BLOCK ? n : EXPR_BLOCK;   /* no lane past n is read */
	int v, k;

	for (v = 0; v < p->nvars; v++) {
		if (in[v] != NULL)
			continue;
		for (i = 0; i < fill; i++)
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
