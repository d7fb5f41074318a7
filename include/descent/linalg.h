/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linalg.h - the little dense linear algebra descent needs: symmetric
 * eigen-decomposition (for classifying critical points and for Newton's
 * method where the Hessian is not positive definite) and solving
 * symmetric positive definite systems.  Matrices are n x n, row-major,
 * n at most LA_MAX_N; nothing allocates.
 */
#ifndef DESCENT_LINALG_H
#define DESCENT_LINALG_H

#define LA_MAX_N 64

/*
 * Eigenvalues and eigenvectors of the symmetric matrix a (n x n, only
 * read; its upper triangle is used).  Writes the eigenvalues to lambda in
 * increasing order and, when vec is not NULL, the matching unit
 * eigenvectors to the columns of vec (vec[i*n + k] is component i of
 * eigenvector k).  Cyclic Jacobi rotations: accurate to a few ulps of the
 * largest eigenvalue; for n = 1 and 2, the one rotation in closed form.
 * Returns 0, or -1 when a is not finite (then lambda is filled with nan).
 */
int la_eigsym(int n, const double *a, double *lambda, double *vec);

/*
 * la_eigsym always by Jacobi sweeps, for any n: what la_eigsym does for
 * n > 2, and the reference its closed forms for n = 1 and 2 give the
 * same numbers as (barring the last bits of subnormal intermediates).
 */
int la_eigsym_jacobi(int n, const double *a, double *lambda, double *vec);

/*
 * Solves a x = b for symmetric positive definite a by Cholesky.  Returns
 * 0, or -1 when a is not (numerically) positive definite; x may be b.
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
