/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * descent/clones.h - the target clones of the hot loops, in one place:
 * the runner's per-lane passes (opt-run.c), the optimizers' updates
 * (opt-*.c) and the large eigen-solver's row rotations and updates
 * (linalg-tridiag.c) are marked with DESCENT_CLONES, and so are the
 * benchmarks' hand-written baselines, so that they are all built alike and cannot
 * drift apart (the flags are shared the same way, through Makefile.am's
 * EXPRVM_CFLAGS).  The VM's batch block is built for the same three
 * instruction sets by hand (expr-vm.c), since each set's block calls
 * the vector math of its own width.
 *
 * With GCC on x86-64, each function so marked is compiled three times,
 * for AVX-512 (avx512f), for AVX2 and for the default target, and the
 * dynamic loader picks one for the CPU, as the VM picks its block.  The clones compute the same
 * bits: their loops are element by element, built without contraction
 * (-ffp-contract=off), and the only reductions are maxima, which are
 * exact.  Sanitizer builds and clang get a single version.
 */
#ifndef DESCENT_CLONES_H
#define DESCENT_CLONES_H

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
	!defined(__SANITIZE_ADDRESS__) && defined(HAVE_TARGET_CLONES)
#define DESCENT_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
/* The clones, and the one this CPU runs, as the benchmarks print them. */
#define DESCENT_CLONE_NAMES "avx512f, avx2, default"
#define DESCENT_CLONE_IN_USE() \
	(__builtin_cpu_supports("avx512f") ? "avx512f" : \
	 __builtin_cpu_supports("avx2") ? "avx2" : "default")
#else
#define DESCENT_CLONES
#define DESCENT_CLONE_NAMES NULL
#define DESCENT_CLONE_IN_USE() NULL
#endif

#endif
