/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linalg-tridiag.c - the symmetric eigenproblem beyond what Jacobi is
 * quick for: Householder reduction to tridiagonal form, the implicit QL
 * algorithm with Wilkinson shifts on the tridiagonal matrix, and Lanczos
 * for the extremes of an operator known only by its products (whose
 * small tridiagonal matrix goes through the same QL).
 *
 * The dense path works on one n x n copy of the matrix, scaled by a
 * power of two (exact) so that its largest entry is in [0.5, 1): no
 * square or product then overflows or underflows to a loss of accuracy,
 * whatever the magnitude of the input.  The reduction reads and updates
 * only the upper triangle and keeps each reflector in the row it
 * cleared; the same n x n space then holds Q^T, the product of the
 * reflectors, built from the last one back, and the QL rotations turn
 * its rows (contiguous, so the O(n^3) part of the work runs along
 * memory) into the eigenvectors, transposed into columns at the end.
 * When the caller wants eigenvectors, that space is the caller's vec;
 * otherwise it is allocated, with 5n doubles of vectors in both cases.
 * Everything is deterministic: fixed order of operations, no threads,
 * and the target clones of the row loops compute the same bits (they
 * work element by element; the one sum, dot4, has no clones).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "descent/clones.h"
#include "descent/linalg.h"
#include "descent/rng.h"
#include "descent/util.h"

#define QL_ITER_PER_N 30        /* QL iterations per eigenvalue, on average, at most */
#define LANCZOS_TINY 1e-12      /* a new direction this small (relative) ends Lanczos */

/*
 * Whether the upper triangle of a is finite; and if so, the e with
 * max |a_ij| = f 2^e, f in [0.5, 1) (0 for a zero matrix), in *e.
 */
static int
upper_scan(int n, const double *a, int *e)
{
	double amax = 0;
	int i, j;

	*e = 0;
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++) {
			double x = fabs(a[(size_t)i * n + j]);

			if (!(x <= DBL_MAX))
				return 0;
			if (x > amax)
				amax = x;
		}
	if (amax > 0)
		frexp(amax, e);
	return 1;
}

/* y += a x, for n-vectors. */
static DESCENT_CLONES void
axpy_add(int n, double a, const double *restrict x, double *restrict y)
{
	int i;

	for (i = 0; i < n; i++)
		y[i] += a * x[i];
}

/* row -= a x + b y, for n-vectors: the rank-two update of a row. */
static DESCENT_CLONES void
sub_rank2(int n, double *restrict row, double a, const double *restrict x, double b,
    const double *restrict y)
{
	int i;

	for (i = 0; i < n; i++)
		row[i] -= a * x[i] + b * y[i];
}

/*
 * The dot product of n-vectors in four interleaved partial sums, so that
 * each addition need not wait for the one before (a plain sum is bound
 * by the latency of addition, and the compiler may not reorder it).
 */
static double
dot4(int n, const double *x, const double *y)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	int i;

	for (i = 0; i + 4 <= n; i += 4) {
		s0 += x[i] * y[i];
		s1 += x[i + 1] * y[i + 1];
		s2 += x[i + 2] * y[i + 2];
		s3 += x[i + 3] * y[i + 3];
	}
	for (; i < n; i++)
		s0 += x[i] * y[i];
	return (s0 + s1) + (s2 + s3);
}

/* y -= a x (not y += -a x: the Lanczos sums read as written). */
static void
axpy_sub(int n, double a, const double *restrict x, double *restrict y)
{
	int i;

	for (i = 0; i < n; i++)
		y[i] -= a * x[i];
}

/*
 * Householder reduction of the symmetric w (upper triangle, leading
 * dimension n) to the tridiagonal Q^T w Q with diagonal d and
 * off-diagonal e (e[k] couples k and k+1).  Step k takes the part x of
 * row k right of the diagonal and reflects it onto the first axis by
 * H = I - u u^T / h, u = x - alpha e_1, alpha = -sign(x_0) |x| (the sign
 * that avoids cancellation); the trailing block B becomes
 * H B H = B - u q^T - q u^T with p = B u / h, q = p - (u.p / 2h) u.  x is
 * first scaled by a power of two near its largest entry, so |x|^2 is
 * safe, and u is left in row k for the accumulation, with h in h[k] (0
 * when x is already along e_1 and there is nothing to reflect).  p is
 * work space of n doubles.
 */
static void
householder(int n, double *w, double *d, double *e, double *h, double *p)
{
	int i, k;

	for (k = 0; k < n - 2; k++) {
		int m = n - k - 1, ex;
		double *u = w + (size_t)k * n + k + 1;
		double *b = u + n;      /* B: rows and columns k+1 .. n-1 */
		double amax, tail = 0, sigma = 0, alpha, hh, half;

		d[k] = w[(size_t)k * n + k];
		for (i = 1; i < m; i++)
			if (fabs(u[i]) > tail)
				tail = fabs(u[i]);
		if (tail == 0) {
			e[k] = u[0];
			h[k] = 0;
			continue;
		}
		amax = fabs(u[0]) > tail ? fabs(u[0]) : tail;
		frexp(amax, &ex);
		for (i = 0; i < m; i++) {
			u[i] = ldexp(u[i], -ex);
			sigma += u[i] * u[i];
		}
		alpha = -copysign(sqrt(sigma), u[0]);
		hh = sigma - u[0] * alpha;
		u[0] -= alpha;
		e[k] = ldexp(alpha, ex);
		h[k] = hh;

		/* p = B u / h, from the upper triangle of B, row by row:
		 * row i's part right of the diagonal counts once along the
		 * row (a sum) and once down its column (added to p) */
		for (i = 0; i < m; i++)
			p[i] = 0;
		for (i = 0; i < m; i++) {
			const double *row = b + (size_t)i * n;

			p[i] += dot4(m - i, row + i, u + i);
			axpy_add(m - i - 1, u[i], row + i + 1, p + i + 1);
		}
		half = 0;
		for (i = 0; i < m; i++) {
			p[i] /= hh;
			half += u[i] * p[i];
		}
		half /= 2 * hh;
		for (i = 0; i < m; i++)
			p[i] -= half * u[i];
		for (i = 0; i < m; i++)
			sub_rank2(m - i, b + (size_t)i * n + i, u[i], p + i, p[i], u + i);
	}
	if (n >= 2) {
		d[n - 2] = w[(size_t)(n - 2) * n + n - 2];
		e[n - 2] = w[(size_t)(n - 2) * n + n - 1];
	}
	d[n - 1] = w[(size_t)n * n - 1];
}

/*
 * Overwrites w (after householder) with Q = H_0 H_1 ... H_{n-3}, built
 * as H_0 (H_1 (... H_{n-3})) from the last reflector back: before step
 * k the product is the identity outside rows and columns k+2 .. n-1, so
 * H_k (which acts on k+1 .. n-1) only changes that block grown by one,
 * and the reflectors still to come (in rows 0 .. k) are not overwritten.
 * H_k B = B - u (u^T B) / h takes two passes over the rows of the block,
 * each adding a multiple of one row to another (no sums along a row,
 * which the compiler could not vectorize without reordering them); r is
 * work space of n doubles.
 */
static void
accumulate(int n, double *w, const double *h, double *r)
{
	int i, j, k, lo = n >= 2 ? n - 2 : 0;

	for (i = lo; i < n; i++)
		for (j = lo; j < n; j++)
			w[(size_t)i * n + j] = i == j;
	for (k = n - 3; k >= 0; k--) {
		int m = n - k - 1;
		const double *u = w + (size_t)k * n + k + 1;
		double *b = w + (size_t)(k + 1) * n + k + 1;

		for (j = 0; j < m; j++)
			b[j] = b[(size_t)j * n] = j == 0;
		if (h[k] == 0)
			continue;
		for (j = 0; j < m; j++)
			r[j] = 0;
		for (i = 0; i < m; i++)
			axpy_add(m, u[i], b + (size_t)i * n, r);
		for (i = 0; i < m; i++)
			axpy_add(m, -u[i] / h[k], r, b + (size_t)i * n);
	}
	for (j = 0; j < n; j++)
		w[j] = w[(size_t)j * n] = j == 0;
}

/* Rows x and y of n entries become c x + s y and c y - s x. */
static DESCENT_CLONES void
rotate2(int n, double *restrict x, double *restrict y, double c, double s)
{
	int i;

	for (i = 0; i < n; i++) {
		double t = x[i];

		x[i] = c * t + s * y[i];
		y[i] = c * y[i] - s * t;
	}
}

/*
 * rotate2 on x and y by (c1, s1), then on y and z by (c2, s2), in one
 * pass: each entry of y is read and written once instead of twice.
 */
static DESCENT_CLONES void
rotate3(int n, double *restrict x, double *restrict y, double *restrict z,
    double c1, double s1, double c2, double s2)
{
	int i;

	for (i = 0; i < n; i++) {
		double a = x[i], b = y[i], g = z[i];

		x[i] = c1 * a + s1 * b;
		b = c1 * b - s1 * a;
		y[i] = c2 * b + s2 * g;
		z[i] = c2 * g - s2 * b;
	}
}

/*
 * The rotations of one QL step, k = m down to l + 1, rotation k (c[k],
 * s[k]) on the rows k and k - 1 of zt, two at a time: the same numbers
 * as one at a time, with a third less memory traffic, which is what
 * eigenvectors of a large matrix mostly cost.
 */
static void
rotate_rows(int n, double *zt, int l, int m, const double *c, const double *s)
{
	int k;

	for (k = m; k - 1 > l; k -= 2) {
		double *x = zt + (size_t)k * n;

		rotate3(n, x, x - n, x - 2 * n, c[k], s[k], c[k - 1], s[k - 1]);
	}
	if (k > l)
		rotate2(n, zt + (size_t)k * n, zt + (size_t)(k - 1) * n, c[k], s[k]);
}

/*
 * One implicit QL step on the unreduced block l .. m of the tridiagonal
 * (d, e), with the Wilkinson shift sigma: the eigenvalue of the top 2 x 2
 * block nearer d[l], so that e[l] goes to zero (QL deflates from the
 * top).  The rotation in the plane (m - 1, m) is the one QL of T - sigma I
 * would start with (it zeroes e[m-1] against d[m] - sigma); applied as a
 * similarity it leaves a bulge coupling m - 2 and m, and each following
 * rotation, in the plane (k - 1, k), zeroes the bulge above it and pushes
 * it one row up, until it falls off at l.  The rotation R in the plane
 * (q, p) = (k - 1, k) maps column p to c col_p + s col_q and column q to
 * c col_q - s col_p, and R^T T R is worked out on the few entries it
 * changes.  The rotations go to cs[k] and cs[n + k] when cs is not NULL.
 */
static void
ql_step(int n, int l, int m, double *d, double *e, double *cs)
{
	double delta = (d[l + 1] - d[l]) / 2, el = e[l];
	double sigma = d[l] - el * (el / (delta + copysign(hypot(delta, el), delta)));
	double x = d[m] - sigma, z = e[m - 1];
	int k;

	for (k = m; k > l; k--) {
		double r = hypot(x, z), c = 1, s = 0, app, aqq, apq;

		if (r > 0) {
			c = x / r;
			s = z / r;
		}
		if (k < m)
			e[k] = r;       /* the coupling of k + 1 and k, the bulge gone */
		app = d[k];
		aqq = d[k - 1];
		apq = e[k - 1];
		d[k] = c * c * app + 2 * c * s * apq + s * s * aqq;
		d[k - 1] = s * s * app - 2 * c * s * apq + c * c * aqq;
		e[k - 1] = c * s * (aqq - app) + (c * c - s * s) * apq;
		if (k - 1 > l) {
			z = s * e[k - 2];       /* the new bulge, coupling k - 2 and k */
			e[k - 2] *= c;
			x = e[k - 1];
		}
		if (cs != NULL) {
			cs[k] = c;
			cs[n + k] = s;
		}
	}
}

/*
 * The eigenvalues of the symmetric tridiagonal (d, e) into d, by implicit
 * QL steps, and the rotations applied to the rows of zt when it is not
 * NULL (then cs is work space of 2n doubles).  An off-diagonal e[m] is
 * negligible, and set to zero, when it is below eps (|d[m]| + |d[m+1]|).
 * At most QL_ITER_PER_N n steps in all (it takes about two per
 * eigenvalue): returns 0, or -1 when that is not enough (NaN entries
 * among other things).  e has n entries, the last one only work space.
 */
static int
ql_implicit(int n, double *d, double *e, double *zt, double *cs)
{
	long budget = (long)QL_ITER_PER_N * n;
	int l, m;

	e[n - 1] = 0;
	for (l = 0; l < n; l++)
		for (;;) {
			for (m = l; m < n - 1; m++)
				if (fabs(e[m]) <= DBL_EPSILON * (fabs(d[m]) + fabs(d[m + 1]))) {
					e[m] = 0;
					break;
				}
			if (m == l)
				break;
			if (budget-- == 0)
				return -1;
			ql_step(n, l, m, d, e, zt != NULL ? cs : NULL);
			if (zt != NULL)
				rotate_rows(n, zt, l, m, cs, cs + n);
		}
	return 0;
}

/* Sorts d increasingly, carrying the rows of zt (if not NULL) along. */
static void
sort_rows(int n, double *d, double *zt)
{
	int i, j, k;

	for (i = 0; i < n - 1; i++) {
		double tmp;

		k = i;
		for (j = i + 1; j < n; j++)
			if (d[j] < d[k])
				k = j;
		if (k == i)
			continue;
		tmp = d[i];
		d[i] = d[k];
		d[k] = tmp;
		if (zt == NULL)
			continue;
		for (j = 0; j < n; j++) {
			tmp = zt[(size_t)i * n + j];
			zt[(size_t)i * n + j] = zt[(size_t)k * n + j];
			zt[(size_t)k * n + j] = tmp;
		}
	}
}

/* Transposes the n x n w in place. */
static void
transpose(int n, double *w)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			double t = w[(size_t)i * n + j];

			w[(size_t)i * n + j] = w[(size_t)j * n + i];
			w[(size_t)j * n + i] = t;
		}
}

/* Fills lambda with NaN and returns -1. */
static int
all_nan(int n, double *lambda)
{
	int i;

	for (i = 0; i < n; i++)
		lambda[i] = NAN;
	return -1;
}

/*
 * lambda holds the diagonal throughout; work holds e, h and p, n doubles
 * each, then the rotations of a QL step, 2n.
 */
int
la_eigsym_tridiag(int n, const double *a, double *lambda, double *vec)
{
	double *w, *work;
	int i, j, ex, rc;

	if (n < 0 || n > LA_MAX_DIM)
		return -1;
	if (n == 0)
		return 0;
	if (!upper_scan(n, a, &ex))
		return all_nan(n, lambda);
	w = vec != NULL ? vec : xmalloc((size_t)n * n * sizeof(*w));
	work = xmalloc(5 * (size_t)n * sizeof(*work));
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			w[(size_t)i * n + j] = ldexp(a[(size_t)i * n + j], -ex);

	householder(n, w, lambda, work, work + n, work + 2 * n);
	if (vec != NULL) {
		accumulate(n, w, work + n, work + 2 * n);
		transpose(n, w);
	}
	rc = ql_implicit(n, lambda, work, vec, work + 3 * n);
	if (rc == 0) {
		sort_rows(n, lambda, vec);
		for (i = 0; i < n; i++)
			lambda[i] = ldexp(lambda[i], ex);
		if (vec != NULL)
			transpose(n, vec);
	} else {
		all_nan(n, lambda);
	}
	free(work);
	if (vec == NULL)
		free(w);
	return rc;
}

/*
 * The smallest and largest eigenvalues of the m x m tridiagonal matrix
 * with diagonal alpha and off-diagonal beta (m - 1 entries), which are
 * left alone; d and e are work space of m doubles.  Scaled by a power
 * of two first, as the dense path is.
 */
static int
tridiag_extremes(int m, const double *alpha, const double *beta, double *d, double *e,
    double *lo, double *hi)
{
	double amax = 0;
	int i, ex = 0;

	for (i = 0; i < m; i++) {
		if (fabs(alpha[i]) > amax)
			amax = fabs(alpha[i]);
		if (i < m - 1 && fabs(beta[i]) > amax)
			amax = fabs(beta[i]);
	}
	if (amax > 0)
		frexp(amax, &ex);
	for (i = 0; i < m; i++) {
		d[i] = ldexp(alpha[i], -ex);
		e[i] = i < m - 1 ? ldexp(beta[i], -ex) : 0;
	}
	if (ql_implicit(m, d, e, NULL, NULL) < 0)
		return -1;
	*lo = *hi = d[0];
	for (i = 1; i < m; i++) {
		if (d[i] < *lo)
			*lo = d[i];
		if (d[i] > *hi)
			*hi = d[i];
	}
	*lo = ldexp(*lo, ex);
	*hi = ldexp(*hi, ex);
	return 0;
}

/*
 * Lanczos: q_0 the normalized start vector, then for each j
 *
 *   w = A q_j - alpha_j q_j - beta_{j-1} q_{j-1},   alpha_j = q_j . A q_j,
 *   beta_j = |w|,   q_{j+1} = w / beta_j,
 *
 * so that Q^T A Q is the tridiagonal (alpha, beta).  In floating point
 * the q_j lose their orthogonality as soon as a Ritz value converges,
 * and copies of it appear; so w is also orthogonalized against every
 * q_i kept (modified Gram-Schmidt, twice when the first pass removed
 * most of w: "twice is enough").  The basis takes steps x n doubles.
 */
int
la_lanczos_extremes(int n, void (*matvec)(void *ctx, const double *v, double *out),
    void *ctx, int maxiter, uint64_t seed, double *lo, double *hi)
{
	struct rng rng;
	double *q, *w, *t, anorm = 0, norm;
	int steps, i, j, pass, rc = -1;

	*lo = *hi = NAN;
	if (n < 1 || maxiter < 1)
		return -1;
	steps = maxiter < n ? maxiter : n;
	q = xmalloc((size_t)steps * n * sizeof(*q));
	w = xmalloc((size_t)n * sizeof(*w));
	t = xmalloc(4 * (size_t)steps * sizeof(*t));    /* alpha, beta, d, e */

	rng_init(&rng, seed);
	for (i = 0; i < n; i++)
		q[i] = rng_normal(&rng);
	norm = la_norm(n, q);
	if (norm == 0)
		q[0] = norm = 1;
	for (i = 0; i < n; i++)
		q[i] /= norm;

	for (j = 0; j < steps; j++) {
		double *qj = q + (size_t)j * n, *alpha = t, *beta = t + steps;

		matvec(ctx, qj, w);
		norm = la_norm(n, w);
		if (!isfinite(norm))
			goto done;
		if (norm > anorm)
			anorm = norm;
		alpha[j] = la_dot(n, qj, w);
		axpy_sub(n, alpha[j], qj, w);
		if (j > 0)
			axpy_sub(n, beta[j - 1], qj - n, w);
		for (pass = 0; pass < 2; pass++) {
			double before = la_norm(n, w);

			for (i = 0; i <= j; i++) {
				const double *qi = q + (size_t)i * n;

				axpy_sub(n, la_dot(n, qi, w), qi, w);
			}
			if (la_norm(n, w) > 0.5 * before)
				break;
		}
		beta[j] = la_norm(n, w);
		if (beta[j] <= LANCZOS_TINY * anorm) {
			j++;            /* the Krylov space is exhausted */
			break;
		}
		if (j + 1 < steps)
			for (i = 0; i < n; i++)
				qj[n + i] = w[i] / beta[j];
	}
	rc = tridiag_extremes(j, t, t + steps, t + 2 * steps, t + 3 * steps, lo, hi);
done:
	free(t);
	free(w);
	free(q);
	if (rc < 0)
		*lo = *hi = NAN;
	return rc;
}
