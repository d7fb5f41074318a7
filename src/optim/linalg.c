/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linalg.c - symmetric eigen-decomposition by cyclic Jacobi rotations
 * for small matrices (larger ones go to linalg-tridiag.c), Cholesky
 * solves, and overflow-safe norms.
 *
 * Up to LA_MAX_N x LA_MAX_N, the work copies live on the stack (32 KiB
 * each) and nothing allocates; a larger Cholesky factor is allocated
 * (xmalloc) and freed before la_solve_spd returns.  Only the upper
 * triangle of a symmetric input is read.  Jacobi is chosen over QR for
 * the small sizes for its simplicity and its accuracy: every rotation is
 * orthogonal, the eigenvectors come out orthonormal to a few ulps, and
 * the whole thing is deterministic (fixed sweep order, no data-dependent
 * pivoting); but each sweep costs O(n^3) and it takes several, so above
 * LA_MAX_N la_eigsym reduces to tridiagonal form instead, and the
 * callers of the small sizes keep Jacobi's numbers, bit for bit.  Before
 * rotating, the matrix is scaled by a power of two (exact) so that its
 * largest entry is in [0.5, 1): sums of squares then neither overflow
 * nor underflow, whatever the magnitude of the input.
 *
 * Most calls are for n = 1 or 2 (a Hessian per lane per Newton step of
 * the critical-point search), and for those the full machinery (a 32
 * KiB frame, frexp and ldexp on every entry, sweeps) costs far more than
 * the answer.  A 2 x 2 matrix needs exactly one Jacobi rotation, so
 * eigsym2 does that rotation in closed form, with Jacobi's own
 * arithmetic, and skips the scaling when the entries are of moderate
 * size: the result is the one la_eigsym_jacobi gives, bit for bit,
 * except in the last bits of subnormal intermediates.  Keeping Jacobi's
 * numbers (rather than, say, the half-trace plus or minus a hypot) keeps
 * the eigenvectors' signs and order, which the convexity chord prints,
 * and Jacobi's small eigenvalue a - t b is accurate relative to b, where
 * the half-trace formula loses the small eigenvalue of a graded matrix
 * (diag(1e-10, 1)) to cancellation.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "descent/linalg.h"
#include "descent/util.h"

#define LA_MAX_SWEEPS 100
#define LA_TOL 1e-15            /* off-diagonal norm / Frobenius norm */

/* The e with max |a_ij| = f 2^e, f in [0.5, 1), over the upper triangle (0 for 0). */
static int
upper_exponent(int n, const double *a)
{
	double amax = 0;
	int i, j, e = 0;

	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			if (fabs(a[i * n + j]) > amax)
				amax = fabs(a[i * n + j]);
	if (amax > 0)
		frexp(amax, &e);
	return e;
}

/* Whether the upper triangle of a is finite. */
static int
upper_finite(int n, const double *a)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			if (!isfinite(a[i * n + j]))
				return 0;
	return 1;
}

/*
 * The Jacobi rotation that zeroes an off-diagonal apq, where theta is
 * (a_qq - a_pp) / (2 a_pq): its cosine, sine, tau = s / (1 + c), and h,
 * what a_pp loses and a_qq gains.  t is the smaller root of
 * t^2 + 2 t theta - 1 = 0; for huge theta, theta^2 would overflow, and
 * t = 1/(2 theta) to working precision.  One function for Jacobi and
 * the closed form of n = 2, which must agree bit for bit.
 */
static void
rotation(double theta, double apq, double *c, double *s, double *tau, double *h)
{
	double t;

	if (fabs(theta) > 1e150)
		t = 0.5 / theta;
	else
		t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
	*c = 1 / sqrt(t * t + 1);
	*s = t * *c;
	*tau = *s / (1 + *c);
	*h = t * apq;
}

/*
 * One Jacobi rotation in the (p, q) plane of the full symmetric work
 * matrix w (leading dimension n), chosen to zero w[p][q], and applied to
 * the columns of v when v is not NULL.
 */
static void
jacobi_rotate(int n, double *w, double *v, int p, int q)
{
	double apq = w[p * n + q];
	double theta, c, s, tau, h;
	int r;

	theta = (w[q * n + q] - w[p * n + p]) / (2 * apq);
	rotation(theta, apq, &c, &s, &tau, &h);

	w[p * n + p] -= h;
	w[q * n + q] += h;
	w[p * n + q] = w[q * n + p] = 0;
	for (r = 0; r < n; r++) {
		double g, k;

		if (r == p || r == q)
			continue;
		g = w[r * n + p];
		k = w[r * n + q];
		w[r * n + p] = w[p * n + r] = g - s * (k + g * tau);
		w[r * n + q] = w[q * n + r] = k + s * (g - k * tau);
	}
	if (v == NULL)
		return;
	for (r = 0; r < n; r++) {
		double g = v[r * n + p], k = v[r * n + q];

		v[r * n + p] = g - s * (k + g * tau);
		v[r * n + q] = k + s * (g - k * tau);
	}
}

/* The sum of squares of the strictly upper triangle of w. */
static double
off_diagonal2(int n, const double *w)
{
	double off = 0;
	int p, q;

	for (p = 0; p < n; p++)
		for (q = p + 1; q < n; q++)
			off += w[p * n + q] * w[p * n + q];
	return off;
}

/* Sorts lambda increasingly, carrying the columns of v (if not NULL) along. */
static void
sort_eigen(int n, double *lambda, double *v)
{
	int i, j, k;

	for (i = 0; i < n - 1; i++) {
		double tmp;

		k = i;
		for (j = i + 1; j < n; j++)
			if (lambda[j] < lambda[k])
				k = j;
		if (k == i)
			continue;
		tmp = lambda[i];
		lambda[i] = lambda[k];
		lambda[k] = tmp;
		if (v == NULL)
			continue;
		for (j = 0; j < n; j++) {
			tmp = v[j * n + i];
			v[j * n + i] = v[j * n + k];
			v[j * n + k] = tmp;
		}
	}
}

/* Rescales the columns of v to unit length, undoing the drift of rotations. */
static void
normalize_columns(int n, double *v)
{
	int i, k;

	for (k = 0; k < n; k++) {
		double s = 0;

		for (i = 0; i < n; i++)
			s += v[i * n + k] * v[i * n + k];
		s = sqrt(s);
		for (i = 0; i < n; i++)
			v[i * n + k] /= s;
	}
}

/*
 * The Jacobi iteration proper.  Sweeps visit (p, q) row by row over the
 * upper triangle and stop once the off-diagonal norm is below LA_TOL
 * times the Frobenius norm (which rotations preserve).  Rounding in a
 * rotation only perturbs off-diagonal entries relative to off-diagonal
 * entries, so the off-diagonal norm keeps shrinking quadratically and
 * the bound on sweeps is a safety net, not a stopping rule.  Not static,
 * so that it is not inlined into la_eigsym, whose small cases would then
 * pay for its frame; and it is the tests' reference.
 */
int
la_eigsym_jacobi(int n, const double *a, double *lambda, double *vec)
{
	double w[LA_MAX_N * LA_MAX_N];
	double frob2, off2;
	int i, j, e, p, q, sweep;

	if (n < 0 || n > LA_MAX_N)
		return -1;
	if (!upper_finite(n, a)) {
		for (i = 0; i < n; i++)
			lambda[i] = NAN;
		return -1;
	}
	e = upper_exponent(n, a);
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			w[i * n + j] = w[j * n + i] = ldexp(a[i * n + j], -e);
	if (vec != NULL)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				vec[i * n + j] = i == j;

	off2 = off_diagonal2(n, w);
	frob2 = 2 * off2;
	for (i = 0; i < n; i++)
		frob2 += w[i * n + i] * w[i * n + i];
	for (sweep = 0; sweep < LA_MAX_SWEEPS; sweep++) {
		if (off2 == 0 || 2 * off2 <= LA_TOL * LA_TOL * frob2)
			break;
		for (p = 0; p < n; p++)
			for (q = p + 1; q < n; q++)
				if (w[p * n + q] != 0)
					jacobi_rotate(n, w, vec, p, q);
		off2 = off_diagonal2(n, w);
	}

	for (i = 0; i < n; i++)
		lambda[i] = ldexp(w[i * n + i], e);
	if (vec != NULL)
		normalize_columns(n, vec);
	sort_eigen(n, lambda, vec);
	return 0;
}

/* Fills lambda with NaN and returns -1 (for a matrix that is not finite). */
static int
not_finite(int n, double *lambda)
{
	int i;

	for (i = 0; i < n; i++)
		lambda[i] = NAN;
	return -1;
}

/*
 * The 2 x 2 case as la_eigsym_jacobi does it, step for step: the same
 * test for a negligible coupling, the same rotation (the tangent t the
 * smaller root, so |t| <= 1 and the rotation is at most 45 degrees),
 * the eigenvector entries as the rotation updates the identity, the
 * same normalization and order.  Entries of moderate size (the largest
 * between 2^-400 and 2^400) are not scaled: scaling by a power of two
 * is exact, and within those bounds no square or product of the
 * rotation overflows, and none that decides anything is subnormal.
 */
static int
eigsym2(const double *a, double *lambda, double *vec)
{
	double app = a[0], apq = a[1], aqq = a[3], amax, off2, frob2;
	double s = 0, d = 1;            /* the rotation: d = 1 - s tau, not c */
	int e = 0;

	if (!isfinite(app) || !isfinite(apq) || !isfinite(aqq))
		return not_finite(2, lambda);
	amax = fabs(app) > fabs(aqq) ? fabs(app) : fabs(aqq);     /* no NaN: */
	amax = fabs(apq) > amax ? fabs(apq) : amax;                 /* no fmax */
	if (amax > 0 && (amax < 0x1p-400 || amax > 0x1p400)) {
		frexp(amax, &e);
		app = ldexp(app, -e);
		apq = ldexp(apq, -e);
		aqq = ldexp(aqq, -e);
	}
	off2 = apq * apq;
	frob2 = 2 * off2 + app * app + aqq * aqq;
	if (!(off2 == 0 || 2 * off2 <= LA_TOL * LA_TOL * frob2)) {
		double theta = (aqq - app) / (2 * apq), c, tau, h;

		rotation(theta, apq, &c, &s, &tau, &h);
		app -= h;
		aqq += h;
		d = 1 - s * tau;
	}
	if (e != 0) {
		app = ldexp(app, e);
		aqq = ldexp(aqq, e);
	}
	if (vec != NULL) {
		/* columns (d, -s) for app and (s, d) for aqq, normalized as
		 * normalize_columns does (both have the same length); 0 + s
		 * and 0 - s, as the rotation computes them, are +0 for s = 0 */
		double len = sqrt(d * d + s * s);

		d /= len;
		s /= len;
	}
	if (aqq < app) {
		lambda[0] = aqq;
		lambda[1] = app;
		if (vec != NULL) {
			vec[0] = 0 + s;
			vec[1] = d;
			vec[2] = d;
			vec[3] = 0 - s;
		}
	} else {
		lambda[0] = app;
		lambda[1] = aqq;
		if (vec != NULL) {
			vec[0] = d;
			vec[1] = 0 + s;
			vec[2] = 0 - s;
			vec[3] = d;
		}
	}
	return 0;
}

/* The closed forms for n = 1 and 2, Jacobi up to LA_MAX_N, then tridiagonal QL. */
int
la_eigsym(int n, const double *a, double *lambda, double *vec)
{
	switch (n) {
	case 1:
		if (!isfinite(a[0]))
			return not_finite(1, lambda);
		lambda[0] = a[0];
		if (vec != NULL)
			vec[0] = 1;
		return 0;
	case 2:
		return eigsym2(a, lambda, vec);
	default:
		if (n > LA_MAX_N)
			return la_eigsym_tridiag(n, a, lambda, vec);
		return la_eigsym_jacobi(n, a, lambda, vec);
	}
}

/*
 * Cholesky a = L L^T into l (lower triangle, leading dimension n),
 * reading the upper triangle of a.  Returns -1 on a pivot that is not
 * positive and finite; a NaN or infinite entry always reaches one.
 */
static int
cholesky(int n, const double *a, double *l)
{
	int i, j, k;

	for (j = 0; j < n; j++) {
		double d = a[j * n + j];

		for (k = 0; k < j; k++)
			d -= l[j * n + k] * l[j * n + k];
		if (!(d > 0) || !isfinite(d))
			return -1;
		l[j * n + j] = sqrt(d);
		for (i = j + 1; i < n; i++) {
			double s = a[j * n + i];

			for (k = 0; k < j; k++)
				s -= l[i * n + k] * l[j * n + k];
			l[i * n + j] = s / l[j * n + j];
		}
	}
	return 0;
}

/*
 * Factors first, so x is untouched on failure; substitutes in place in
 * x.  The factor is on the stack up to LA_MAX_N, else on the heap; the
 * arithmetic is the same either way.
 */
int
la_solve_spd(int n, const double *a, const double *b, double *x)
{
	double small[LA_MAX_N * LA_MAX_N], *l = small;
	int i, k;

	if (n < 0 || n > LA_MAX_DIM)
		return -1;
	if (n > LA_MAX_N)
		l = xmalloc((size_t)n * n * sizeof(*l));
	if (cholesky(n, a, l) < 0) {
		if (l != small)
			free(l);
		return -1;
	}
	for (i = 0; i < n; i++) {               /* L y = b */
		double s = b[i];

		for (k = 0; k < i; k++)
			s -= l[i * n + k] * x[k];
		x[i] = s / l[i * n + i];
	}
	for (i = n - 1; i >= 0; i--) {          /* L^T x = y */
		double s = x[i];

		for (k = i + 1; k < n; k++)
			s -= l[k * n + i] * x[k];
		x[i] = s / l[i * n + i];
	}
	if (l != small)
		free(l);
	return 0;
}

/*
 * Two passes: the largest magnitude first, then the sum of squares of
 * the vector scaled by a power of two near it (exact), so no square
 * overflows or underflows to a loss of precision.  A NaN gives NaN, an
 * infinity (and no NaN) gives infinity.
 */
static double
norm_scaled(int n, const double *x)
{
	double amax = 0, s = 0;
	int i, e;

	for (i = 0; i < n; i++) {
		double ax = fabs(x[i]);

		if (isnan(ax))
			return NAN;
		if (ax > amax)
			amax = ax;
	}
	if (amax == 0)
		return 0;
	if (isinf(amax))
		return INFINITY;
	frexp(amax, &e);
	for (i = 0; i < n; i++) {
		double y = ldexp(x[i], -e);

		s += y * y;
	}
	return ldexp(sqrt(s), e);
}

/*
 * The plain sum of squares, which is what norm_scaled computes too
 * (scaling by a power of two is exact), as long as nothing overflowed
 * and the sum is far enough above the subnormals: from 2^-968 up, the
 * squares that did underflow are off by at most n 2^-1075 in all, a
 * negligible n 2^-107 of the sum.  Otherwise (zero, NaN and infinity
 * included), the scaled two passes.
 */
double
la_norm(int n, const double *x)
{
	double s = 0;
	int i;

	if (n == 1)
		return fabs(x[0]);
	for (i = 0; i < n; i++)
		s += x[i] * x[i];
	if (s >= 0x1p-968 && s < INFINITY)
		return sqrt(s);
	return norm_scaled(n, x);
}

/* The plain sum, in index order. */
double
la_dot(int n, const double *x, const double *y)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}
