/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-kernels.h - the VM's kernels: the instruction sets its batch
 * loops are built for, and the math functions with vector forms.
 *
 * A kernel set (expr-vm.c) is one instruction set for the arithmetic
 * loops and one implementation of sin, cos, tan, exp, log, tanh and pow:
 * glibc's vector math library (libmvec) at the set's width, 8 lanes with
 * AVX-512, 4 with AVX2, 2 with SSE2, or the scalar libm.  One set is in
 * use at a time, chosen once for the CPU, and the scalar entry, the
 * batch entry and constant folding all call its math, so that they agree
 * bit for bit: libmvec's results differ from libm's by up to 4 ulp, and
 * its 2-, 4- and 8-lane forms differ from each other.
 */
#ifndef EXPR_KERNELS_H
#define EXPR_KERNELS_H

/* The functions the kernel sets provide, unary ones first. */
enum vm_fn {
	VM_FN_SIN, VM_FN_COS, VM_FN_TAN, VM_FN_EXP, VM_FN_LOG, VM_FN_TANH,
	VM_FN_POW,      /* the only binary one */
	VM_FN__COUNT
};

/*
 * fn of a (and b, for pow) with the kernel set in use: what the VM's
 * instructions and constant folding compute.
 */
double expr_vm_fn(enum vm_fn fn, double a, double b);

#endif
