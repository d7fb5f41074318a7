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
 * largest eigenvalue.  Returns 0, or -1 when a is not finite (then
 * lambda is filled with nan).
 */
int la_eigsym(int n, const double *a, double *lambda, double *vec);

/*
 * Solves a x = b for symmetric positive definite a by Cholesky.  Returns
 * 0, or -1 when a is not (numerically) positive definite; x may be b.
 */
int la_solve_spd(int n, const double *a, const double *b, double *x);

/* Euclidean norm and dot product of n-vectors. */
double la_norm(int n, const double *x);
double la_dot(int n, const double *x, const double *y);

#endif
