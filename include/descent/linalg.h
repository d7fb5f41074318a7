/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linalg.h - the dense linear algebra descent needs: symmetric
 * eigen-decomposition (for classifying critical points, for Newton's
 * method where the Hessian is not positive definite, and for the full
 * spectrum of a small network's Hessian), solving symmetric positive
 * definite systems, and the extreme eigenvalues of an operator known
 * only by its products.  Matrices are n x n, row-major, n at most
 * LA_MAX_DIM.  Up to LA_MAX_N nothing allocates (the work copies are on
 * the stack); above it, the work space is on the heap (xmalloc: out of
 * memory is fatal), freed before returning.
 */
#ifndef DESCENT_LINALG_H
#define DESCENT_LINALG_H

#include <stdint.h>

/*
 * The size up to which la_eigsym and la_solve_spd take the small,
 * allocation-free path (Jacobi, a Cholesky factor on the stack); many
 * callers size stack arrays with it.
 */
#define LA_MAX_N 64
/* The largest n la_eigsym and la_solve_spd accept (a work copy is 128 MiB). */
#define LA_MAX_DIM 4096

/*
 * Eigenvalues and eigenvectors of the symmetric matrix a (n x n, only
 * read; its upper triangle is used).  Writes the eigenvalues to lambda in
 * increasing order and, when vec is not NULL, the matching unit
 * eigenvectors to the columns of vec (vec[i*n + k] is component i of
 * eigenvector k).  For n <= LA_MAX_N, cyclic Jacobi rotations (accurate
 * to a few ulps of the largest eigenvalue; for n = 1 and 2, the one
 * rotation in closed form); above, la_eigsym_tridiag.  Returns 0, or -1
 * when n is out of range (nothing written), or a is not finite, or the
 * QL iteration does not converge (then lambda is filled with nan and
 * vec, if given, is unspecified).
 */
int la_eigsym(int n, const double *a, double *lambda, double *vec);

/*
 * la_eigsym always by Jacobi sweeps, for any n up to LA_MAX_N: what
 * la_eigsym does for 2 < n <= LA_MAX_N, and the reference its closed
 * forms for n = 1 and 2 give the same numbers as (barring the last bits
 * of subnormal intermediates).
 */
int la_eigsym_jacobi(int n, const double *a, double *lambda, double *vec);

/*
 * la_eigsym by Householder reduction to tridiagonal form and the
 * implicit QL algorithm with Wilkinson shifts, for any n up to
 * LA_MAX_DIM: what la_eigsym does above LA_MAX_N.  Normwise backward
 * stable: each eigenvalue is within a small multiple of n eps |A| of
 * the true one (a tiny eigenvalue of a graded matrix is accurate only
 * to that, not relative to itself as Jacobi's can be), the eigenvectors
 * orthonormal to a small multiple of n eps (about 1e-14 at n = 1000).
 * O(n^3): about 0.1 s at n = 500 and 0.5 s at n = 1000 on a 2020s
 * desktop core.  Allocates an n x n work copy when vec is NULL (else it
 * works in vec) and 5n doubles, all freed before it returns.  At most
 * 30 n QL iterations in all (it takes about 2 n), else -1 as for a
 * non-finite a.
 */
int la_eigsym_tridiag(int n, const double *a, double *lambda, double *vec);

/*
 * The smallest and largest eigenvalues of the symmetric operator v ->
 * matvec(ctx, v, out) on n-vectors (out is n doubles apart from v),
 * approximately, by at most maxiter steps of Lanczos (capped at n) with
 * full reorthogonalization, from a start vector drawn from seed (normal
 * entries: the same seed, the same numbers).  One product per step;
 * keeps the Krylov basis, maxiter x n doubles, and O(maxiter^2 n) work
 * for the reorthogonalization.
 *
 * Accuracy: *lo and *hi are the extreme eigenvalues of the small
 * tridiagonal matrix (Ritz values), so they lie inside the spectrum, up
 * to rounding: lo >= lambda_min and hi <= lambda_max.  They approach the
 * extremes from inside, at a rate set by the gap between each extreme
 * and its neighbour relative to the whole spread: an extreme a tenth of
 * the spread away from the rest is found to rounding (1e-14 relative) in
 * 10 to 20 steps; the edges of a random 300 x 300 matrix in 100; but the
 * ends of 5000 evenly spread eigenvalues are still 1e-3 of the spread
 * inside after 20 steps and 1e-6 after 200.  An extreme whose
 * eigenvector the start vector (nearly) lacks is missed.  Nothing
 * estimates the error.  When the Krylov space is exhausted (the new
 * direction is below 1e-12 of the largest |A q| seen: the start vector
 * lies in an invariant subspace) the iteration stops early and the Ritz
 * values are eigenvalues to about that precision.
 *
 * Returns 0, or -1 when n or maxiter is below 1 or a product is not
 * finite (then *lo and *hi are nan).
 */
int la_lanczos_extremes(int n, void (*matvec)(void *ctx, const double *v, double *out),
    void *ctx, int maxiter, uint64_t seed, double *lo, double *hi);

/*
 * Solves a x = b for symmetric positive definite a by Cholesky, n up to
 * LA_MAX_DIM.  Returns 0, or -1 when a is not (numerically) positive
 * definite or n is out of range; x may be b.
 */
int la_solve_spd(int n, const double *a, const double *b, double *x);

/*
 * Euclidean norm and dot product of n-vectors.  The norm neither
 * overflows nor underflows in between: the plain sum of squares, and
 * when that is out of range, a pass scaled by a power of two.
 */
double la_norm(int n, const double *x);
double la_dot(int n, const double *x, const double *y);

#endif
