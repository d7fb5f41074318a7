/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-clones.h - the target clones of the VM's batch loops, in one place:
 * expr-vm.c puts EXPR_VM_CLONES on its block function, and the benchmarks'
 * hand-written baselines put it on their loops, so that the two are built
 * alike and cannot drift apart (the flags are shared the same way, through
 * Makefile.am's EXPRVM_CFLAGS).
 *
 * With GCC on x86-64, each function so marked is compiled twice, for AVX2
 * and for the default target, and the dynamic loader picks one for the CPU.
 * Sanitizer builds and clang get a single version, as the VM always has.
 */
#ifndef DESCENT_EXPR_CLONES_H
#define DESCENT_EXPR_CLONES_H

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
	!defined(__SANITIZE_ADDRESS__) && defined(HAVE_TARGET_CLONES)
#define EXPR_VM_CLONES __attribute__((target_clones("avx2", "default")))
/* The clones, and the one this CPU runs, as the benchmarks print them. */
#define EXPR_VM_CLONE_NAMES "avx2, default"
#define EXPR_VM_CLONE_IN_USE() (__builtin_cpu_supports("avx2") ? "avx2" : "default")
#else
#define EXPR_VM_CLONES
#define EXPR_VM_CLONE_NAMES NULL
#define EXPR_VM_CLONE_IN_USE() NULL
#endif

#endif
