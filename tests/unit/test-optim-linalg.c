/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-optim-linalg.c - the dense linear algebra: Jacobi eigenvalues on
 * matrices with known spectra (exactly where the arithmetic allows it),
 * on random symmetric matrices checked by their defining properties
 * (A v = lambda v, V^T V = I, trace, order), on inputs that are
 * non-finite, huge or tiny; the closed forms for n = 1 and 2 against
 * Jacobi (la_eigsym_jacobi), bit for bit, on matrices of every kind and
 * scale; Cholesky solves on random SPD matrices and their refusals;
 * norms that must not overflow.  Above LA_MAX_N, the tridiagonal QL path
 * (la_eigsym_tridiag) on random matrices up to n = 1000 by the same
 * defining properties, against Jacobi where both apply, and on spectra
 * that are known (diagonal, zero, clustered, graded, huge, tiny); the
 * solve up to n = 200; and Lanczos (la_lanczos_extremes) on operators
 * whose extremes are known.  Random matrices come from a local
 * splitmix64, so the tests depend on nothing but linalg.c (and
 * linalg-tridiag.c).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/linalg.h"

#define N LA_MAX_N
#define EPS DBL_EPSILON

/* splitmix64: a deterministic stream, the same on every machine. */
static uint64_t
next_u64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [-1, 1), 53 bits. */
static double
next_unif(uint64_t *x)
{
	return (double)(next_u64(x) >> 11) * 0x1p-52 - 1;
}

/* A random symmetric n x n matrix with entries in [-1, 1). */
static void
random_sym(int n, uint64_t seed, double *a)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			a[i * n + j] = a[j * n + i] = next_unif(&seed);
}

/* The Frobenius norm of the n x n matrix a. */
static double
frobenius(int n, const double *a)
{
	return la_norm(n * n, a);
}

/* Whether x and y are within k units in the last place of each other. */
static int
within_ulps(double x, double y, int k)
{
	int i;

	for (i = 0; i < k && x != y; i++)
		x = nextafter(x, y);
	return x == y;
}

/*
 * Checks that (lambda, vec) is an eigen-decomposition of the symmetric a:
 * residuals |A v_k - lambda_k v_k| and the trace within tol |A|_F,
 * V^T V = I within orth, lambda increasing.
 */
static void
check_eigen(int n, const double *a, const double *lambda, const double *vec,
    double tol, double orth)
{
	double norm = frobenius(n, a), trace = 0, sum = 0;
	double r[N];
	int i, j, k;

	for (k = 0; k < n; k++) {
		for (i = 0; i < n; i++) {
			r[i] = -lambda[k] * vec[i * n + k];
			for (j = 0; j < n; j++)
				r[i] += a[i * n + j] * vec[j * n + k];
		}
		cr_assert_leq(la_norm(n, r), tol * norm,
		    "n=%d: |A v - lambda v| = %g for eigenvalue %d (|A| = %g)",
		    n, la_norm(n, r), k, norm);
	}
	for (k = 0; k < n; k++)
		for (j = 0; j < n; j++) {
			double s = 0;

			for (i = 0; i < n; i++)
				s += vec[i * n + k] * vec[i * n + j];
			cr_assert_leq(fabs(s - (j == k)), orth,
			    "n=%d: (V^T V)[%d][%d] = %.17g", n, k, j, s);
		}
	for (i = 0; i < n; i++) {
		trace += a[i * n + i];
		sum += lambda[i];
	}
	cr_assert_leq(fabs(trace - sum), tol * norm,
	    "n=%d: trace %.17g, sum of eigenvalues %.17g", n, trace, sum);
	for (i = 1; i < n; i++)
		cr_assert_leq(lambda[i - 1], lambda[i], "n=%d: not sorted at %d", n, i);
}

/* Whether column k of the n x n vec is +-u (u a unit vector) within tol. */
static int
column_is(int n, const double *vec, int k, const double *u, double tol)
{
	double plus = 0, minus = 0;
	int i;

	for (i = 0; i < n; i++) {
		plus = fmax(plus, fabs(vec[i * n + k] - u[i]));
		minus = fmax(minus, fabs(vec[i * n + k] + u[i]));
	}
	return fmin(plus, minus) <= tol;
}

Test(eigsym, diagonal_is_exact)
{
	const double a[16] = {
		3, 0, 0, 0,
		0, -1, 0, 0,
		0, 0, 2, 0,
		0, 0, 0, 0,
	};
	const double want[4] = { -1, 0, 2, 3 };
	const int from[4] = { 1, 3, 2, 0 };     /* eigenvector k is e_from[k] */
	double lambda[4], vec[16];
	int i, k;

	cr_assert_eq(la_eigsym(4, a, lambda, vec), 0);
	for (k = 0; k < 4; k++) {
		cr_assert_eq(lambda[k], want[k]);
		for (i = 0; i < 4; i++)
			cr_assert_eq(vec[i * 4 + k], i == from[k]);
	}
}

Test(eigsym, one_by_one)
{
	const double cases[] = { 5, -1e300, 0, 4.9e-324, -0.1 };
	double lambda, vec;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_assert_eq(la_eigsym(1, &cases[i], &lambda, &vec), 0);
		cr_assert_eq(lambda, cases[i]);
		cr_assert_eq(vec, 1);
	}
}

Test(eigsym, two_by_two_known)
{
	const double a[4] = { 2, 1, 1, 2 };
	const double u0[2] = { M_SQRT1_2, -M_SQRT1_2 }, u1[2] = { M_SQRT1_2, M_SQRT1_2 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert(within_ulps(lambda[0], 1, 1), "lambda0 = %.17g", lambda[0]);
	cr_assert(within_ulps(lambda[1], 3, 1), "lambda1 = %.17g", lambda[1]);
	cr_assert(column_is(2, vec, 0, u0, 2 * EPS));
	cr_assert(column_is(2, vec, 1, u1, 2 * EPS));
	check_eigen(2, a, lambda, vec, 4 * EPS, 4 * EPS);
}

Test(eigsym, two_by_two_close_eigenvalues)
{
	/* 1 -+ 1e-9: the gap must not be lost to cancellation */
	const double a[4] = { 1, 1e-9, 1e-9, 1 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert_float_eq(lambda[0], 1 - 1e-9, 2 * EPS);
	cr_assert_float_eq(lambda[1], 1 + 1e-9, 2 * EPS);
	check_eigen(2, a, lambda, vec, 4 * EPS, 4 * EPS);
}

Test(eigsym, tridiagonal_three_by_three)
{
	const double a[9] = { 2, -1, 0, -1, 2, -1, 0, -1, 2 };
	const double want[3] = { 2 - M_SQRT2, 2, 2 + M_SQRT2 };
	const double u[3][3] = {
		{ 0.5, M_SQRT1_2, 0.5 },
		{ M_SQRT1_2, 0, -M_SQRT1_2 },
		{ 0.5, -M_SQRT1_2, 0.5 },
	};
	double lambda[3], vec[9];
	int k;

	cr_assert_eq(la_eigsym(3, a, lambda, vec), 0);
	for (k = 0; k < 3; k++) {
		cr_assert_float_eq(lambda[k], want[k], 16 * EPS,
		    "lambda%d = %.17g", k, lambda[k]);
		cr_assert(column_is(3, vec, k, u[k], 8 * EPS), "eigenvector %d", k);
	}
	check_eigen(3, a, lambda, vec, 4 * EPS, 4 * EPS);
}

Test(eigsym, saddle_hessian)
{
	/* the Hessian of x^2 - y^2: one negative direction, y */
	const double a[4] = { 2, 0, 0, -2 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert_eq(lambda[0], -2);
	cr_assert_eq(lambda[1], 2);
	cr_assert_eq(vec[0 * 2 + 0], 0);
	cr_assert_eq(fabs(vec[1 * 2 + 0]), 1);
	cr_assert_eq(fabs(vec[0 * 2 + 1]), 1);
	cr_assert_eq(vec[1 * 2 + 1], 0);
}

Test(eigsym, identity)
{
	double a[N * N], lambda[N], vec[N * N];
	int i, n;

	for (n = 1; n <= N; n += 7) {
		memset(a, 0, sizeof(a));
		for (i = 0; i < n; i++)
			a[i * n + i] = 1;
		cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
		for (i = 0; i < n; i++)
			cr_assert_eq(lambda[i], 1);
		check_eigen(n, a, lambda, vec, 0, 0);
	}
}

Test(eigsym, rank_one)
{
	/* u u^T: eigenvalue |u|^2 = 30 along u, then 0 three times */
	const double u[4] = { 1, 2, 3, 4 };
	double a[16], lambda[4], vec[16], unit[4];
	int i, j, k;

	for (i = 0; i < 4; i++) {
		unit[i] = u[i] / sqrt(30);
		for (j = 0; j < 4; j++)
			a[i * 4 + j] = u[i] * u[j];
	}
	cr_assert_eq(la_eigsym(4, a, lambda, vec), 0);
	for (k = 0; k < 3; k++) {
		double dot = 0;

		cr_assert_leq(fabs(lambda[k]), 30 * 4 * EPS, "lambda%d = %g", k, lambda[k]);
		for (i = 0; i < 4; i++)
			dot += u[i] * vec[i * 4 + k];
		cr_assert_leq(fabs(dot), 30 * 4 * EPS, "eigenvector %d not orthogonal to u", k);
	}
	cr_assert_float_eq(lambda[3], 30, 30 * 4 * EPS);
	cr_assert(column_is(4, vec, 3, unit, 4 * EPS));
	check_eigen(4, a, lambda, vec, 4 * EPS, 4 * EPS);
}

Test(eigsym, repeated_eigenvalues)
{
	/* Q diag(1, 1, 1, 5, 5) Q^T with Q a product of plane rotations */
	const double d[5] = { 5, 1, 5, 1, 1 };
	double q[25], a[25], lambda[5], vec[25];
	int i, j, k;

	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			q[i * 5 + j] = i == j;
	for (k = 0; k < 4; k++) {
		double c = cos(0.3 + k), s = sin(0.3 + k);

		for (i = 0; i < 5; i++) {
			double x = q[i * 5 + k], y = q[i * 5 + k + 1];

			q[i * 5 + k] = c * x - s * y;
			q[i * 5 + k + 1] = s * x + c * y;
		}
	}
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++) {
			a[i * 5 + j] = 0;
			for (k = 0; k < 5; k++)
				a[i * 5 + j] += q[i * 5 + k] * d[k] * q[j * 5 + k];
		}
	for (i = 0; i < 5; i++)
		for (j = 0; j < i; j++)
			a[i * 5 + j] = a[j * 5 + i];    /* exactly symmetric */
	cr_assert_eq(la_eigsym(5, a, lambda, vec), 0);
	for (k = 0; k < 5; k++)
		cr_assert_float_eq(lambda[k], k < 3 ? 1 : 5, 5 * 16 * EPS,
		    "lambda%d = %.17g", k, lambda[k]);
	check_eigen(5, a, lambda, vec, 8 * EPS, 8 * EPS);
}

Test(eigsym, random_symmetric)
{
	double a[N * N], lambda[N], vec[N * N];
	int n, trial;

	for (n = 1; n <= 12; n++)
		for (trial = 0; trial < 20; trial++) {
			random_sym(n, 1000 * n + trial, a);
			cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
			check_eigen(n, a, lambda, vec, 16 * EPS, 16 * EPS);
		}
	for (trial = 0; trial < 4; trial++) {
		random_sym(N, 77 + trial, a);
		cr_assert_eq(la_eigsym(N, a, lambda, vec), 0);
		check_eigen(N, a, lambda, vec, 64 * EPS, 64 * EPS);
	}
}

Test(eigsym, random_indefinite_graded_scales)
{
	/* entries spanning 1e-6 .. 1e6 by row and column */
	double a[10 * 10], lambda[10], vec[10 * 10];
	int i, j, trial;

	for (trial = 0; trial < 10; trial++) {
		random_sym(10, 500 + trial, a);
		for (i = 0; i < 10; i++)
			for (j = 0; j < 10; j++)
				a[i * 10 + j] *= pow(10, (i + j) * 12 / 18.0 - 6);
		cr_assert_eq(la_eigsym(10, a, lambda, vec), 0);
		check_eigen(10, a, lambda, vec, 16 * EPS, 16 * EPS);
	}
}

Test(eigsym, reads_only_the_upper_triangle)
{
	double a[36], b[36], la[6], lb[6], va[36], vb[36];
	int i, j;

	random_sym(6, 9, a);
	memcpy(b, a, sizeof(a));
	for (i = 0; i < 6; i++)
		for (j = 0; j < i; j++)
			b[i * 6 + j] = i == 5 ? NAN : 1e300;
	cr_assert_eq(la_eigsym(6, a, la, va), 0);
	cr_assert_eq(la_eigsym(6, b, lb, vb), 0);
	cr_assert_arr_eq(la, lb, sizeof(la));
	cr_assert_arr_eq(va, vb, sizeof(va));
}

Test(eigsym, deterministic_and_vec_optional)
{
	double a[N * N], l1[N], l2[N], l3[N], v1[N * N], v2[N * N];

	random_sym(N, 4242, a);
	cr_assert_eq(la_eigsym(N, a, l1, v1), 0);
	cr_assert_eq(la_eigsym(N, a, l2, v2), 0);
	cr_assert_eq(la_eigsym(N, a, l3, NULL), 0);
	cr_assert_arr_eq(l1, l2, sizeof(l1));
	cr_assert_arr_eq(v1, v2, sizeof(v1));
	cr_assert_arr_eq(l1, l3, sizeof(l1));
}

Test(eigsym, huge_and_tiny_matrices)
{
	/* the eigenvalues scale with the matrix; at 2^-1060 the entries are
	 * subnormal and keep only about 14 bits */
	const double scales[] = { 1e300, 1e-300, 1.7e308 / 8, 0x1p-1060 };
	const double tol[] = { 16 * EPS, 16 * EPS, 16 * EPS, 0x1p-10 };
	double a[25], s[25], l1[5], l[5], vec[25];
	size_t k;
	int i;

	random_sym(5, 31, a);
	cr_assert_eq(la_eigsym(5, a, l1, NULL), 0);
	for (k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
		for (i = 0; i < 25; i++)
			s[i] = a[i] * scales[k];
		cr_assert_eq(la_eigsym(5, s, l, vec), 0);
		for (i = 0; i < 5; i++)
			cr_assert_float_eq(l[i] / scales[k], l1[i], tol[k],
			    "scale %g: lambda%d = %g", scales[k], i, l[i]);
		check_eigen(5, s, l, vec, tol[k], 16 * EPS);
	}
}

Test(eigsym, negligible_coupling)
{
	/* theta = 1/(2e-300) overflows theta^2; and a subnormal coupling */
	const double a[4] = { 1, 1e-300, 1e-300, 2 };
	const double b[4] = { 0, 1e-310, 1e-310, 1 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert_eq(lambda[0], 1);
	cr_assert_eq(lambda[1], 2);
	check_eigen(2, a, lambda, vec, EPS, EPS);
	cr_assert_eq(la_eigsym(2, b, lambda, vec), 0);
	cr_assert_leq(fabs(lambda[0]), 1e-300);
	cr_assert_eq(lambda[1], 1);
	check_eigen(2, b, lambda, vec, EPS, EPS);
}

Test(eigsym, non_finite_input)
{
	const double bad[] = { NAN, INFINITY, -INFINITY };
	double a[9], lambda[3];
	size_t k;
	int i, where;

	for (k = 0; k < 3; k++)
		for (where = 0; where < 9; where++) {
			if (where % 3 < where / 3)
				continue;       /* the lower triangle is not read */
			random_sym(3, 5, a);
			a[where] = bad[k];
			for (i = 0; i < 3; i++)
				lambda[i] = 7;
			cr_assert_eq(la_eigsym(3, a, lambda, NULL), -1);
			for (i = 0; i < 3; i++)
				cr_assert(isnan(lambda[i]));
		}
}

Test(eigsym, sizes_out_of_range)
{
	double a[1] = { 1 }, lambda[1] = { 7 };

	cr_assert_eq(la_eigsym(0, a, lambda, NULL), 0);
	cr_assert_eq(lambda[0], 7);
	cr_assert_eq(la_eigsym(-1, a, lambda, NULL), -1);
	cr_assert_eq(la_eigsym(LA_MAX_DIM + 1, a, lambda, NULL), -1);
	cr_assert_eq(lambda[0], 7);
	cr_assert_eq(la_eigsym_tridiag(0, a, lambda, NULL), 0);
	cr_assert_eq(la_eigsym_tridiag(-1, a, lambda, NULL), -1);
	cr_assert_eq(la_eigsym_tridiag(LA_MAX_DIM + 1, a, lambda, NULL), -1);
	cr_assert_eq(la_eigsym_jacobi(LA_MAX_N + 1, a, lambda, NULL), -1);
	cr_assert_eq(lambda[0], 7);
}


/*
 * A 2 x 2 symmetric matrix of kind k (0 random, 1 diagonal, 2 repeated
 * eigenvalue a = c with a coupling, 3 a multiple of the identity, 4
 * nearly equal eigenvalues, 5 a coupling 2^-j of the diagonal, 6
 * graded diagonal, 7 entries of unrelated magnitudes; all at most 1),
 * times scale.
 */
static void
random_sym2(int k, uint64_t *seed, double scale, double *a)
{
	double p = next_unif(seed), q = next_unif(seed), r = next_unif(seed);
	int j = (int)(next_u64(seed) % 60);

	switch (k) {
	case 1: q = 0; break;
	case 2: r = p; break;
	case 3: q = 0; r = p; break;
	case 4: r = p + p * ldexp(next_unif(seed), -j); q = ldexp(q, -j); break;
	case 5: q = ldexp(q, -j); break;
	case 6: p = ldexp(p, -3 * j); break;
	case 7: p = ldexp(p, j - 60); q = ldexp(q, -j); r = ldexp(r, j / 2 - 30); break;
	}
	a[0] = p * scale;
	a[1] = a[2] = q * scale;
	a[3] = r * scale;
}

/*
 * The closed form for n = 2 against Jacobi: the same eigenvalues and
 * eigenvectors to the bit (signs and order included: the convexity
 * chord's ends come from the eigenvector's sign), with or without vec,
 * and an eigen-decomposition within 4 ulps of |A| on its own, from
 * 2^-1000 to 2^1000 and at the two ends of the range.
 */
Test(eigsym, two_by_two_is_jacobi)
{
	const double scales[] = { 1, 1e-300, 1e300, 0x1p-1000, 0x1p1000, 0x1p-400, 0x1p400,
				  0x1p-401, 0x1p401, 1e-10, 1e10, DBL_MAX / 4 };
	uint64_t seed = 2024;
	size_t si;
	int k, trial;

	for (si = 0; si < sizeof(scales) / sizeof(scales[0]); si++)
		for (k = 0; k < 8; k++)
			for (trial = 0; trial < 400; trial++) {
				double a[4], l1[2], l2[2], l3[2], v1[4], v2[4];

				random_sym2(k, &seed, scales[si], a);
				cr_assert_eq(la_eigsym(2, a, l1, v1), 0);
				cr_assert_eq(la_eigsym_jacobi(2, a, l2, v2), 0);
				cr_assert_eq(la_eigsym(2, a, l3, NULL), 0);
				cr_assert(memcmp(l1, l2, sizeof(l1)) == 0 &&
					  memcmp(v1, v2, sizeof(v1)) == 0 &&
					  memcmp(l1, l3, sizeof(l1)) == 0,
				    "kind %d, scale %g: (%a %a %a) gives %a %a, Jacobi %a %a",
				    k, scales[si], a[0], a[1], a[3], l1[0], l1[1], l2[0], l2[1]);
				check_eigen(2, a, l1, v1, 4 * EPS, 4 * EPS);
			}
}

/*
 * Entries near 2^-1040 keep about 34 bits, and the rotation's products
 * are subnormal: only the last bits may differ from Jacobi's, and the
 * decomposition still holds to what the entries hold.
 */
Test(eigsym, two_by_two_subnormal)
{
	uint64_t seed = 7;
	int k, trial;

	for (k = 0; k < 6; k++)
		for (trial = 0; trial < 200; trial++) {
			double a[4], l1[2], l2[2], v1[4], v2[4];

			random_sym2(k, &seed, 0x1p-1040, a);
			cr_assert_eq(la_eigsym(2, a, l1, v1), 0);
			cr_assert_eq(la_eigsym_jacobi(2, a, l2, v2), 0);
			cr_assert_float_eq(l1[0], l2[0], 0x1p-1070);
			cr_assert_float_eq(l1[1], l2[1], 0x1p-1070);
			check_eigen(2, a, l1, v1, 0x1p-20, 4 * EPS);
		}
}

/*
 * The small eigenvalue of a graded matrix to a few ulps of itself, not
 * of the large one: 1e-10 - 1e-26/(1 - 1e-10), where the half-trace
 * minus the half-gap would cancel away six digits.
 */
Test(eigsym, two_by_two_graded)
{
	const double a[4] = { 1e-10, 1e-13, 1e-13, 1 };
	const double small = 1e-10 - 1e-26 / (1 - 1e-10), large = 1 + 1e-26 / (1 - 1e-10);
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert_float_eq(lambda[0], small, 4 * EPS * small, "lambda0 = %.17g", lambda[0]);
	cr_assert_float_eq(lambda[1], large, 2 * EPS, "lambda1 = %.17g", lambda[1]);
	check_eigen(2, a, lambda, vec, 2 * EPS, 2 * EPS);
}

/* Equal eigenvalues with a coupling: eigenvectors at exactly 45 degrees. */
Test(eigsym, two_by_two_equal_diagonal)
{
	const double a[4] = { 3, -2, -2, 3 };
	const double u0[2] = { M_SQRT1_2, M_SQRT1_2 }, u1[2] = { M_SQRT1_2, -M_SQRT1_2 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert(within_ulps(lambda[0], 1, 1), "lambda0 = %.17g", lambda[0]);
	cr_assert(within_ulps(lambda[1], 5, 1), "lambda1 = %.17g", lambda[1]);
	cr_assert(column_is(2, vec, 0, u0, 2 * EPS));
	cr_assert(column_is(2, vec, 1, u1, 2 * EPS));
}

/* No coupling: the identity's columns, in order, with +0 (not -0) off them. */
Test(eigsym, two_by_two_diagonal_signs)
{
	const double a[4] = { 5, 0, 0, -3 }, b[4] = { -3, 0, 0, 5 };
	double lambda[2], vec[4];

	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
	cr_assert_eq(lambda[0], -3);
	cr_assert_eq(lambda[1], 5);
	cr_assert(vec[0] == 0 && !signbit(vec[0]) && vec[1] == 1);
	cr_assert(vec[2] == 1 && vec[3] == 0 && !signbit(vec[3]));
	cr_assert_eq(la_eigsym(2, b, lambda, vec), 0);
	cr_assert(vec[0] == 1 && vec[1] == 0 && !signbit(vec[1]));
	cr_assert(vec[2] == 0 && !signbit(vec[2]) && vec[3] == 1);
}

Test(eigsym, small_non_finite_input)
{
	const double bad[] = { NAN, INFINITY, -INFINITY };
	const int upper[3] = { 0, 1, 3 };
	double a[4], lambda[2], vec[4];
	size_t k;
	int where;

	for (k = 0; k < 3; k++) {
		lambda[0] = 7;
		cr_assert_eq(la_eigsym(1, &bad[k], lambda, vec), -1);
		cr_assert(isnan(lambda[0]));
		for (where = 0; where < 3; where++) {
			a[0] = 1;
			a[1] = a[2] = 2;
			a[3] = 3;
			a[upper[where]] = bad[k];
			lambda[0] = lambda[1] = 7;
			cr_assert_eq(la_eigsym(2, a, lambda, vec), -1);
			cr_assert(isnan(lambda[0]) && isnan(lambda[1]));
		}
	}
	/* and the lower triangle is not read */
	a[0] = 1;
	a[1] = 2;
	a[2] = NAN;
	a[3] = 3;
	cr_assert_eq(la_eigsym(2, a, lambda, vec), 0);
}

/* A random SPD matrix B B^T + n I. */
static void
random_spd(int n, uint64_t seed, double *a)
{
	double b[N * N];
	int i, j, k;

	for (i = 0; i < n * n; i++)
		b[i] = next_unif(&seed);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			a[i * n + j] = i == j ? n : 0;
			for (k = 0; k < n; k++)
				a[i * n + j] += b[i * n + k] * b[j * n + k];
		}
}

/* |a x - b| relative to |a|_F |x|. */
static double
solve_residual(int n, const double *a, const double *x, const double *b)
{
	double r[N];
	int i, j;

	for (i = 0; i < n; i++) {
		r[i] = -b[i];
		for (j = 0; j < n; j++)
			r[i] += a[i * n + j] * x[j];
	}
	return la_norm(n, r) / (frobenius(n, a) * la_norm(n, x));
}

Test(solve_spd, random_spd)
{
	double a[N * N], b[N], x[N];
	uint64_t seed = 3;
	int n, i, trial;

	for (n = 1; n <= N; n += n < 12 ? 1 : N - 12)
		for (trial = 0; trial < 10; trial++) {
			random_spd(n, 100 * n + trial, a);
			for (i = 0; i < n; i++)
				b[i] = next_unif(&seed);
			cr_assert_eq(la_solve_spd(n, a, b, x), 0);
			cr_assert_leq(solve_residual(n, a, x, b), 4 * EPS,
			    "n=%d: relative residual %g", n, solve_residual(n, a, x, b));
		}
}

Test(solve_spd, exact_small)
{
	/* [[4, 2], [2, 3]] x = (2, 1): x = (0.5, 0) */
	const double a[4] = { 4, 2, 2, 3 }, b[2] = { 2, 1 };
	double x[2];

	cr_assert_eq(la_solve_spd(2, a, b, x), 0);
	cr_assert_eq(x[0], 0.5);
	cr_assert_eq(x[1], 0);
}

Test(solve_spd, x_may_be_b)
{
	double a[12 * 12], b[12], x[12];
	uint64_t seed = 8;
	int i;

	random_spd(12, 17, a);
	for (i = 0; i < 12; i++)
		b[i] = next_unif(&seed);
	cr_assert_eq(la_solve_spd(12, a, b, x), 0);
	cr_assert_eq(la_solve_spd(12, a, b, b), 0);
	cr_assert_arr_eq(x, b, sizeof(x));
}

Test(solve_spd, reads_only_the_upper_triangle)
{
	double a[25], c[25], b[5] = { 1, 2, 3, 4, 5 }, x[5], y[5];
	int i, j;

	random_spd(5, 23, a);
	memcpy(c, a, sizeof(a));
	for (i = 0; i < 5; i++)
		for (j = 0; j < i; j++)
			c[i * 5 + j] = NAN;
	cr_assert_eq(la_solve_spd(5, a, b, x), 0);
	cr_assert_eq(la_solve_spd(5, c, b, y), 0);
	cr_assert_arr_eq(x, y, sizeof(x));
}

Test(solve_spd, refuses_what_is_not_positive_definite)
{
	const double saddle[4] = { 2, 0, 0, -2 };
	const double indefinite[4] = { 1, 2, 2, 1 };
	const double singular2[4] = { 1, 2, 2, 4 };
	const double singular3[9] = { 4, 2, 2, 2, 1, 1, 2, 1, 5 };
	const double zero[9] = { 0 };
	const double negative[9] = { -1, 0, 0, 0, 1, 0, 0, 0, 1 };
	const double notfinite[4] = { 1, INFINITY, INFINITY, 1 };
	const double nan[4] = { 1, 0, 0, NAN };
	const double b[3] = { 1, 1, 1 };
	double x[3] = { 7, 7, 7 };
	double a[N * N];
	int i;

	cr_assert_eq(la_solve_spd(2, saddle, b, x), -1);
	cr_assert_eq(la_solve_spd(2, indefinite, b, x), -1);
	cr_assert_eq(la_solve_spd(2, singular2, b, x), -1);
	cr_assert_eq(la_solve_spd(3, singular3, b, x), -1);
	cr_assert_eq(la_solve_spd(3, zero, b, x), -1);
	cr_assert_eq(la_solve_spd(3, negative, b, x), -1);
	cr_assert_eq(la_solve_spd(2, notfinite, b, x), -1);
	cr_assert_eq(la_solve_spd(2, nan, b, x), -1);
	for (i = 0; i < 3; i++)
		cr_assert_eq(x[i], 7, "x was written on failure");

	/* a positive first pivot, then a diagonal of about -20 */
	random_sym(10, 1, a);
	for (i = 0; i < 10; i++)
		a[i * 10 + i] -= 20;
	a[0] = 100;
	cr_assert_eq(la_solve_spd(10, a, b, x), -1);
}

Test(solve_spd, sizes)
{
	double a[1] = { 4 }, b[1] = { 3 }, x[1] = { 7 };

	cr_assert_eq(la_solve_spd(0, a, b, x), 0);
	cr_assert_eq(x[0], 7);
	cr_assert_eq(la_solve_spd(-1, a, b, x), -1);
	cr_assert_eq(la_solve_spd(LA_MAX_DIM + 1, a, b, x), -1);
	cr_assert_eq(la_solve_spd(1, a, b, x), 0);
	cr_assert_eq(x[0], 0.75);
}

Test(norm, does_not_overflow_or_underflow)
{
	const double big[2] = { 3e200, 4e200 }, small[2] = { -3e-200, 4e-200 };
	const double sub[2] = { 0x3p-1074, 0x4p-1074 };
	const double max[3] = { DBL_MAX, DBL_MAX / 2, 0 };
	const double exact[2] = { 3, -4 };

	cr_assert(within_ulps(la_norm(2, big), 5e200, 1), "%.17g", la_norm(2, big));
	cr_assert(within_ulps(la_norm(2, small), 5e-200, 1), "%.17g", la_norm(2, small));
	cr_assert_eq(la_norm(2, sub), 0x5p-1074);
	cr_assert_eq(la_norm(2, exact), 5);
	cr_assert(isinf(la_norm(3, max)), "|(max, max/2)| exceeds DBL_MAX");
	cr_assert(within_ulps(la_norm(2, (double[]){ DBL_MAX / 2, 0 }), DBL_MAX / 2, 0));
}

Test(norm, zero_empty_and_non_finite)
{
	const double zero[3] = { 0, -0.0, 0 };
	const double inf[3] = { 1, -INFINITY, INFINITY };
	const double nan[3] = { INFINITY, NAN, 1 };

	cr_assert_eq(la_norm(3, zero), 0);
	cr_assert_eq(la_norm(0, zero), 0);
	cr_assert(isinf(la_norm(3, inf)) && la_norm(3, inf) > 0);
	cr_assert(isnan(la_norm(3, nan)));
}

Test(norm, agrees_with_the_naive_sum)
{
	double x[N];
	uint64_t seed = 12;
	int i, n;

	for (n = 1; n <= N; n++) {
		double s = 0;

		for (i = 0; i < n; i++) {
			x[i] = next_unif(&seed);
			s += x[i] * x[i];
		}
		cr_assert_float_eq(la_norm(n, x), sqrt(s), 2 * n * EPS * sqrt(s));
	}
}

/*
 * The plain sum of squares and its guard: a vector of moderate entries
 * times 2^k must have the norm of the vector times 2^k, for every k
 * that keeps the entries normal, whichever way la_norm takes (the plain
 * sum from about 2^-484 to 2^511, the scaled pass beyond).
 */
Test(norm, guard_keeps_every_scale)
{
	double x[N], y[N];
	uint64_t seed = 99;
	int i, n, k;

	for (n = 2; n <= N; n += n < 8 ? 1 : 13) {
		double base;

		for (i = 0; i < n; i++)
			x[i] = ldexp(next_unif(&seed) < 0 ? -1 : 1, -(int)(next_u64(&seed) % 20)) *
			       (1 + 0.5 * next_unif(&seed));
		base = la_norm(n, x);
		for (k = -1000; k <= 1000; k += 7) {
			for (i = 0; i < n; i++)
				y[i] = ldexp(x[i], k);
			cr_assert(within_ulps(la_norm(n, y), ldexp(base, k), 1),
			    "n=%d, 2^%d: %a, want %a", n, k, la_norm(n, y), ldexp(base, k));
		}
	}
}

/* Squares that are subnormal or 0 in a sum that is too: the scaled pass. */
Test(norm, tiny_sums_are_not_lost)
{
	const double t[2] = { 1e-160, -1e-160 }, u[4] = { 0x1p-540, 0x1p-540, 0x1p-540, 0x1p-540 };
	const double v[2] = { 0x1p-1074, 0 }, w[3] = { 3e-170, 0, 4e-170 };

	cr_assert(within_ulps(la_norm(2, t), 1e-160 * M_SQRT2, 1), "%a", la_norm(2, t));
	cr_assert_eq(la_norm(4, u), 0x1p-539);
	cr_assert_eq(la_norm(2, v), 0x1p-1074);
	cr_assert(within_ulps(la_norm(3, w), 5e-170, 1), "%a", la_norm(3, w));
}

/* Squares that overflow in a norm that does not. */
Test(norm, huge_sums_are_not_lost)
{
	const double t[3] = { 1e300, -1e300, 1e300 }, u[2] = { DBL_MAX / 2, DBL_MAX / 2 };

	cr_assert(within_ulps(la_norm(3, t), 1e300 * sqrt(3), 1), "%a", la_norm(3, t));
	cr_assert(within_ulps(la_norm(2, u), DBL_MAX / 2 * M_SQRT2, 1), "%a", la_norm(2, u));
}

Test(dot, plain_sum)
{
	const double x[4] = { 1, 2, 3, 4 }, y[4] = { 0.5, -1, 2, 0.25 };

	cr_assert_eq(la_dot(4, x, y), 0.5 - 2 + 6 + 1);
	cr_assert_eq(la_dot(0, x, y), 0);
	cr_assert_eq(la_dot(1, x, x), 1);
}

/* --- above LA_MAX_N: Householder and tridiagonal QL ---------------------- */

/* n x m doubles from the heap, for what the stack would not hold. */
static double *
alloc_doubles(int n, int m)
{
	double *p = malloc((size_t)n * (size_t)m * sizeof(*p));

	cr_assert_not_null(p);
	return p;
}

/* A dot product in four partial sums: the checks at n = 1000 are n^3. */
static double
dot_fast(int n, const double *x, const double *y)
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

/*
 * check_eigen for any n, with the eigenvectors transposed first so that
 * every sum runs along memory: the residual |A v_k - lambda_k v_k| of
 * every pair within tol |A|_F, every entry of V^T V - I within orth, the
 * trace within tol |A|_F, lambda increasing.  A failed comparison (NaN
 * included) fails the test at once.
 */
static void
check_eigen_large(int n, const double *a, const double *lambda, const double *vec,
    double tol, double orth)
{
	double *vt = alloc_doubles(n, n), *r = alloc_doubles(n, 1);
	double norm = frobenius(n, a), trace = 0, sum = 0;
	int i, j, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < n; k++)
			vt[k * n + i] = vec[i * n + k];
	for (k = 0; k < n; k++) {
		double res;

		for (i = 0; i < n; i++)
			r[i] = dot_fast(n, a + (size_t)i * n, vt + (size_t)k * n) - lambda[k] * vt[k * n + i];
		res = la_norm(n, r);
		if (!(res <= tol * norm))
			cr_assert_fail("n=%d: |A v - lambda v| = %g for eigenvalue %d (|A| = %g)",
			    n, res, k, norm);
	}
	for (k = 0; k < n; k++)
		for (j = k; j < n; j++) {
			double s = dot_fast(n, vt + (size_t)k * n, vt + (size_t)j * n) - (j == k);

			if (!(fabs(s) <= orth))
				cr_assert_fail("n=%d: (V^T V - I)[%d][%d] = %g", n, k, j, s);
		}
	for (i = 0; i < n; i++) {
		trace += a[i * n + i];
		sum += lambda[i];
	}
	cr_assert_leq(fabs(trace - sum), tol * norm,
	    "n=%d: trace %.17g, sum of eigenvalues %.17g", n, trace, sum);
	for (i = 1; i < n; i++)
		cr_assert_leq(lambda[i - 1], lambda[i], "n=%d: not sorted at %d", n, i);
	free(r);
	free(vt);
}

/* A random symmetric n x n matrix on the heap, entries in [-1, 1). */
static double *
random_sym_large(int n, uint64_t seed)
{
	double *a = alloc_doubles(n, n);

	random_sym(n, seed, a);
	return a;
}

/* la_eigsym above LA_MAX_N on random matrices, through the tridiagonal path. */
Test(eigsym_large, random_65_100_300)
{
	const int sizes[] = { 65, 100, 300 };
	size_t s;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		double *a = random_sym_large(n, 7000 + n), *vec = alloc_doubles(n, n);
		double *lambda = alloc_doubles(n, 1);

		cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
		check_eigen_large(n, a, lambda, vec, 1e-13, 1e-12);
		free(lambda);
		free(vec);
		free(a);
	}
}

/*
 * The size of a small network's Hessian: the one slow test (about 1 s
 * in a release build, half of it the checks, which are n^3 too).  Built
 * with AddressSanitizer, n = 400: the same paths, without the 20 s that
 * n = 1000 takes there.
 */
#if defined(__SANITIZE_ADDRESS__)
#define LARGE_N 400
#else
#define LARGE_N 1000
#endif
Test(eigsym_large, random_1000)
{
	const int n = LARGE_N;
	double *a = random_sym_large(n, 1000), *vec = alloc_doubles(n, n);
	double *lambda = alloc_doubles(n, 1);

	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	check_eigen_large(n, a, lambda, vec, 1e-13, 1e-12);
	free(lambda);
	free(vec);
	free(a);
}

/*
 * la_eigsym_tridiag where Jacobi applies too: the same eigenvalues to
 * 1e-12 of the largest, and a decomposition of its own, on random and on
 * graded matrices (entries falling from 1 to 1e-16 by row and column).
 */
Test(eigsym_large, tridiag_matches_jacobi)
{
	double a[N * N], l1[N], l2[N], vec[N * N];
	int n, i, j, graded;

	for (graded = 0; graded < 2; graded++)
		for (n = 1; n <= N; n++) {
			double big;

			random_sym(n, 300 + n + 1000 * graded, a);
			if (graded)
				for (i = 0; i < n; i++)
					for (j = 0; j < n; j++)
						a[i * n + j] *= pow(10, -16.0 * (i + j) / (2 * n));
			cr_assert_eq(la_eigsym_tridiag(n, a, l1, vec), 0);
			cr_assert_eq(la_eigsym_jacobi(n, a, l2, NULL), 0);
			big = fmax(fabs(l2[0]), fabs(l2[n - 1]));
			for (i = 0; i < n; i++)
				cr_assert_leq(fabs(l1[i] - l2[i]), 1e-12 * big,
				    "n=%d%s: lambda%d = %.17g, Jacobi %.17g", n,
				    graded ? " graded" : "", i, l1[i], l2[i]);
			check_eigen(n, a, l1, vec, 64 * EPS, 64 * EPS);
		}
}

/* The identity, and a diagonal in shuffled order: exact, with unit vectors. */
Test(eigsym_large, identity_and_diagonal_are_exact)
{
	const int n = 100;
	double *a = alloc_doubles(n, n), *vec = alloc_doubles(n, n);
	double lambda[100];
	int from[100], i, k;
	uint64_t seed = 41;

	memset(a, 0, (size_t)n * n * sizeof(*a));
	for (i = 0; i < n; i++)
		a[i * n + i] = 1;
	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	for (k = 0; k < n; k++) {
		cr_assert_eq(lambda[k], 1);
		for (i = 0; i < n; i++)
			cr_assert_eq(vec[i * n + k], i == k);
	}

	/* diagonal entry (k - 50) / 8 at row from[k], a random permutation */
	for (i = 0; i < n; i++)
		from[i] = i;
	for (i = n - 1; i > 0; i--) {
		int j = (int)(next_u64(&seed) % (uint64_t)(i + 1)), t = from[i];

		from[i] = from[j];
		from[j] = t;
	}
	for (k = 0; k < n; k++)
		a[from[k] * n + from[k]] = (k - 50) / 8.0;
	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	for (k = 0; k < n; k++) {
		cr_assert_eq(lambda[k], (k - 50) / 8.0);
		for (i = 0; i < n; i++)
			cr_assert_eq(fabs(vec[i * n + k]), i == from[k], "eigenvector %d, entry %d", k, i);
	}
	free(vec);
	free(a);
}

Test(eigsym_large, zero_matrix)
{
	const int n = 80;
	double *a = alloc_doubles(n, n), *vec = alloc_doubles(n, n);
	double lambda[80];
	int i;

	memset(a, 0, (size_t)n * n * sizeof(*a));
	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	for (i = 0; i < n; i++)
		cr_assert_eq(lambda[i], 0);
	check_eigen_large(n, a, lambda, vec, 0, 0);
	free(vec);
	free(a);
}

/*
 * H D H for a dense reflector H = I - 2 w w^T / w^T w: the spectrum is
 * D's, with clusters (40 times 1, 20 times 1 + 1e-9, 30 times -3) and
 * ten spread values; each eigenvalue to 1e-12 of the largest.
 */
Test(eigsym_large, clustered_eigenvalues)
{
	const int n = 100;
	double *a = alloc_doubles(n, n), *vec = alloc_doubles(n, n);
	double d[100], want[100], w[100], lambda[100], ww, wdw = 0;
	uint64_t seed = 5;
	int i, j, k;

	for (i = 0; i < n; i++) {
		d[i] = i < 40 ? 1 : i < 60 ? 1 + 1e-9 : i < 90 ? -3 : 5 + (i - 90) / 10.0;
		w[i] = next_unif(&seed);
	}
	ww = dot_fast(n, w, w);
	for (i = 0; i < n; i++)
		wdw += w[i] * d[i] * w[i];
	/* (H D H)_ij = d_i [i=j] - 2 w_i w_j (d_i + d_j) / ww + 4 w_i w_j wdw / ww^2 */
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			a[i * n + j] = a[j * n + i] = (i == j ? d[i] : 0) -
				2 * w[i] * w[j] * (d[i] + d[j]) / ww + 4 * w[i] * w[j] * wdw / (ww * ww);
	/* d is in increasing order but for the spread values: sort a copy */
	memcpy(want, d, sizeof(d));
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (want[k] < want[i]) {
				double t = want[i];

				want[i] = want[k];
				want[k] = t;
			}
	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	for (i = 0; i < n; i++)
		cr_assert_leq(fabs(lambda[i] - want[i]), 1e-12 * 6, "lambda%d = %.17g, want %.17g",
		    i, lambda[i], want[i]);
	check_eigen_large(n, a, lambda, vec, 1e-13, 1e-12);
	free(vec);
	free(a);
}

/* Entries falling from 1 to 1e-16 by row and column, n = 100. */
Test(eigsym_large, graded)
{
	const int n = 100;
	double *a = random_sym_large(n, 77), *vec = alloc_doubles(n, n);
	double lambda[100];
	int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			a[i * n + j] *= pow(10, -16.0 * (i + j) / (2 * n));
	cr_assert_eq(la_eigsym(n, a, lambda, vec), 0);
	check_eigen_large(n, a, lambda, vec, 1e-13, 1e-12);
	free(vec);
	free(a);
}

/*
 * Scaled by a power of two, the results are scaled exactly (the path
 * scales by one itself); scaled by 1e300 or 1e-300, they are the same
 * to rounding, and neither overflows nor underflows on the way.
 */
Test(eigsym_large, huge_and_tiny_matrices)
{
	const double scales[] = { 0x1p1000, 0x1p-1000, 1e300, 1e-300, DBL_MAX / 1024 };
	const int n = 100;
	double *a = random_sym_large(n, 12), *s = alloc_doubles(n, n);
	double *v1 = alloc_doubles(n, n), *v = alloc_doubles(n, n);
	double l1[100], l[100];
	size_t k;
	int i;

	cr_assert_eq(la_eigsym(n, a, l1, v1), 0);
	for (k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
		for (i = 0; i < n * n; i++)
			s[i] = a[i] * scales[k];
		cr_assert_eq(la_eigsym(n, s, l, v), 0);
		if (k < 2) {
			for (i = 0; i < n; i++)
				cr_assert_eq(l[i], l1[i] * scales[k], "scale %a: lambda%d", scales[k], i);
			cr_assert_arr_eq(v, v1, (size_t)n * n * sizeof(*v));
			continue;
		}
		for (i = 0; i < n; i++)
			cr_assert_float_eq(l[i] / scales[k], l1[i], 1e-13 * fabs(l1[n - 1]),
			    "scale %g: lambda%d = %g", scales[k], i, l[i]);
		check_eigen_large(n, s, l, v, 1e-13, 1e-12);
	}
	free(v);
	free(v1);
	free(s);
	free(a);
}

Test(eigsym_large, non_finite_input)
{
	const double bad[] = { NAN, INFINITY, -INFINITY };
	const int where[][2] = { { 0, 0 }, { 3, 50 }, { 99, 99 }, { 0, 99 } };
	const int n = 100;
	double *a = random_sym_large(n, 3), *vec = alloc_doubles(n, n);
	double lambda[100], l2[100];
	size_t b, w;
	int i;

	for (b = 0; b < 3; b++)
		for (w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
			int p = where[w][0] * n + where[w][1];
			double keep = a[p];

			a[p] = bad[b];
			for (i = 0; i < n; i++)
				lambda[i] = 7;
			cr_assert_eq(la_eigsym(n, a, lambda, vec), -1);
			for (i = 0; i < n; i++)
				cr_assert(isnan(lambda[i]));
			cr_assert_eq(la_eigsym_tridiag(n, a, lambda, NULL), -1);
			cr_assert(isnan(lambda[0]) && isnan(lambda[n - 1]));
			a[p] = keep;
		}
	/* the lower triangle is not read */
	cr_assert_eq(la_eigsym(n, a, l2, NULL), 0);
	a[50 * n + 3] = NAN;
	cr_assert_eq(la_eigsym(n, a, lambda, NULL), 0);
	cr_assert_arr_eq(lambda, l2, sizeof(lambda));
	free(vec);
	free(a);
}

/* The eigenvalues do not depend on whether vectors are wanted, nor on the call. */
Test(eigsym_large, deterministic_and_vec_optional)
{
	const int n = 150;
	double *a = random_sym_large(n, 150), *v1 = alloc_doubles(n, n), *v2 = alloc_doubles(n, n);
	double l1[150], l2[150], l3[150];

	cr_assert_eq(la_eigsym(n, a, l1, v1), 0);
	cr_assert_eq(la_eigsym(n, a, l2, v2), 0);
	cr_assert_eq(la_eigsym(n, a, l3, NULL), 0);
	cr_assert_arr_eq(l1, l2, sizeof(l1));
	cr_assert_arr_eq(v1, v2, (size_t)n * n * sizeof(*v1));
	cr_assert_arr_eq(l1, l3, sizeof(l1));
	free(v2);
	free(v1);
	free(a);
}

/* --- la_solve_spd above LA_MAX_N -------------------------------------------- */

/* A random SPD matrix B B^T + n I on the heap. */
static double *
random_spd_large(int n, uint64_t seed)
{
	double *a = alloc_doubles(n, n), *b = alloc_doubles(n, n);
	int i, j;

	for (i = 0; i < n * n; i++)
		b[i] = next_unif(&seed);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			a[i * n + j] = (i == j ? n : 0) + dot_fast(n, b + i * n, b + j * n);
	free(b);
	return a;
}

Test(solve_spd, large)
{
	const int sizes[] = { LA_MAX_N + 1, 200 };
	uint64_t seed = 4;
	size_t s;
	int i, j;

	for (s = 0; s < 2; s++) {
		int n = sizes[s];
		double *a = random_spd_large(n, 99 + n), *b = alloc_doubles(n, 1);
		double *x = alloc_doubles(n, 1), *r = alloc_doubles(n, 1), rel;

		for (i = 0; i < n; i++)
			b[i] = next_unif(&seed);
		cr_assert_eq(la_solve_spd(n, a, b, x), 0);
		for (i = 0; i < n; i++)
			r[i] = dot_fast(n, a + i * n, x) - b[i];
		rel = la_norm(n, r) / (frobenius(n, a) * la_norm(n, x));
		cr_assert_leq(rel, 4 * EPS, "n=%d: relative residual %g", n, rel);

		/* not positive definite: a diagonal entry far below the others */
		a[(n / 2) * n + n / 2] = -1;
		for (j = 0; j < n; j++)
			x[j] = 7;
		cr_assert_eq(la_solve_spd(n, a, b, x), -1);
		for (j = 0; j < n; j++)
			cr_assert_eq(x[j], 7, "x was written on failure");
		free(r);
		free(x);
		free(b);
		free(a);
	}
}

/* --- Lanczos ------------------------------------------------------------------ */

/* A diagonal operator, counting its products. */
struct diag_op {
	const double *d;
	int n, calls;
};

static void
diag_matvec(void *ctx, const double *v, double *out)
{
	struct diag_op *op = ctx;
	int i;

	for (i = 0; i < op->n; i++)
		out[i] = op->d[i] * v[i];
	op->calls++;
}

/* A dense symmetric operator. */
struct dense_op {
	const double *a;
	int n;
};

static void
dense_matvec(void *ctx, const double *v, double *out)
{
	const struct dense_op *op = ctx;
	int i;

	for (i = 0; i < op->n; i++)
		out[i] = dot_fast(op->n, op->a + (size_t)i * op->n, v);
}

/*
 * n = 5000, the spectrum 1 .. 2 with the extremes -2 and 5 apart from
 * it: both found to 1e-12 of the spread in 100 steps (it takes 20), from
 * inside.
 */
Test(lanczos, separated_extremes)
{
	const int n = 5000;
	double *d = alloc_doubles(n, 1), lo, hi;
	struct diag_op op = { d, n, 0 };
	int i;

	for (i = 0; i < n; i++)
		d[i] = 1 + (double)((i * 7919) % n) / n;
	d[1234] = -2;
	d[4321] = 5;
	cr_assert_eq(la_lanczos_extremes(n, diag_matvec, &op, 100, 1, &lo, &hi), 0);
	cr_assert_leq(op.calls, 100);
	cr_assert_float_eq(lo, -2, 5e-12, "lo = %.17g", lo);
	cr_assert_float_eq(hi, 5, 5e-12, "hi = %.17g", hi);
	cr_assert_geq(lo, -2 - 1e-13);
	cr_assert_leq(hi, 5 + 1e-13);
	free(d);
}

/*
 * A dense, evenly spread spectrum 0 .. 1 (n = 5000): 40 steps do not
 * resolve the ends, but the Ritz values stay inside the spectrum and
 * close to its ends.
 */
Test(lanczos, dense_spectrum_from_inside)
{
	const int n = 5000;
	double *d = alloc_doubles(n, 1), lo, hi;
	struct diag_op op = { d, n, 0 };
	int i;

	for (i = 0; i < n; i++)
		d[i] = (double)i / (n - 1);
	cr_assert_eq(la_lanczos_extremes(n, diag_matvec, &op, 40, 9, &lo, &hi), 0);
	cr_assert_geq(lo, -1e-13, "lo = %.17g", lo);
	cr_assert_leq(hi, 1 + 1e-13, "hi = %.17g", hi);
	cr_assert_leq(lo, 0.01, "lo = %.17g", lo);
	cr_assert_geq(hi, 0.99, "hi = %.17g", hi);
	free(d);
}

/* A random n = 300 matrix against its full spectrum from la_eigsym. */
Test(lanczos, random_against_full_spectrum)
{
	const int n = 300;
	double *a = random_sym_large(n, 2718), *lambda = alloc_doubles(n, 1);
	struct dense_op op = { a, n };
	double lo, hi, scale;

	cr_assert_eq(la_eigsym(n, a, lambda, NULL), 0);
	scale = fmax(-lambda[0], lambda[n - 1]);
	/* all of the Krylov space: the extremes to rounding */
	cr_assert_eq(la_lanczos_extremes(n, dense_matvec, &op, n, 3, &lo, &hi), 0);
	cr_assert_float_eq(lo, lambda[0], 1e-12 * scale, "lo = %.17g, want %.17g", lo, lambda[0]);
	cr_assert_float_eq(hi, lambda[n - 1], 1e-12 * scale, "hi = %.17g, want %.17g", hi, lambda[n - 1]);
	/* a third of it: as close (the edges are apart enough), and inside */
	cr_assert_eq(la_lanczos_extremes(n, dense_matvec, &op, 100, 3, &lo, &hi), 0);
	cr_assert_float_eq(lo, lambda[0], 1e-9 * scale, "lo = %.17g, want %.17g", lo, lambda[0]);
	cr_assert_float_eq(hi, lambda[n - 1], 1e-9 * scale, "hi = %.17g, want %.17g", hi, lambda[n - 1]);
	cr_assert_geq(lo, lambda[0] - 1e-12 * scale);
	cr_assert_leq(hi, lambda[n - 1] + 1e-12 * scale);
	free(lambda);
	free(a);
}

/* Three distinct eigenvalues: the Krylov space is exhausted after three products. */
Test(lanczos, stops_when_the_krylov_space_is_exhausted)
{
	const int n = 1000;
	double *d = alloc_doubles(n, 1), lo, hi;
	struct diag_op op = { d, n, 0 };
	int i;

	for (i = 0; i < n; i++)
		d[i] = i % 3 == 0 ? -1.5 : i % 3 == 1 ? 0.25 : 4;
	cr_assert_eq(la_lanczos_extremes(n, diag_matvec, &op, 50, 11, &lo, &hi), 0);
	cr_assert_eq(op.calls, 3);
	cr_assert_float_eq(lo, -1.5, 1e-12 * 4, "lo = %.17g", lo);
	cr_assert_float_eq(hi, 4, 1e-12 * 4, "hi = %.17g", hi);

	/* the zero operator, and n = 1 */
	for (i = 0; i < n; i++)
		d[i] = 0;
	op.calls = 0;
	cr_assert_eq(la_lanczos_extremes(n, diag_matvec, &op, 50, 11, &lo, &hi), 0);
	cr_assert_eq(op.calls, 1);
	cr_assert(lo == 0 && hi == 0);
	d[0] = -3.5;
	op.n = 1;
	cr_assert_eq(la_lanczos_extremes(1, diag_matvec, &op, 50, 11, &lo, &hi), 0);
	cr_assert(lo == -3.5 && hi == -3.5, "lo = %g, hi = %g", lo, hi);
	free(d);
}

/* The same seed, the same numbers; another seed, the same answer to rounding. */
Test(lanczos, deterministic)
{
	const int n = 300;
	double *a = random_sym_large(n, 31), lo1, hi1, lo2, hi2, lo3, hi3;
	struct dense_op op = { a, n };

	cr_assert_eq(la_lanczos_extremes(n, dense_matvec, &op, n, 5, &lo1, &hi1), 0);
	cr_assert_eq(la_lanczos_extremes(n, dense_matvec, &op, n, 5, &lo2, &hi2), 0);
	cr_assert_eq(la_lanczos_extremes(n, dense_matvec, &op, n, 6, &lo3, &hi3), 0);
	cr_assert(lo1 == lo2 && hi1 == hi2);
	cr_assert_float_eq(lo1, lo3, 1e-12 * fabs(lo1));
	cr_assert_float_eq(hi1, hi3, 1e-12 * fabs(hi1));
	free(a);
}

/* A product that is NaN (or infinite) at the third step. */
static void
bad_matvec(void *ctx, const double *v, double *out)
{
	struct diag_op *op = ctx;
	int i;

	for (i = 0; i < op->n; i++)
		out[i] = (i + 1) * v[i];
	if (++op->calls == 3)
		out[op->n / 2] = op->d[0];
}

Test(lanczos, non_finite_products_and_bad_sizes)
{
	const double bad[] = { NAN, INFINITY, -INFINITY };
	struct diag_op op = { NULL, 50, 0 };
	double lo = 7, hi = 7;
	size_t k;

	for (k = 0; k < 3; k++) {
		op.d = &bad[k];
		op.calls = 0;
		lo = hi = 7;
		cr_assert_eq(la_lanczos_extremes(50, bad_matvec, &op, 20, 1, &lo, &hi), -1);
		cr_assert_eq(op.calls, 3);
		cr_assert(isnan(lo) && isnan(hi));
	}
	op.calls = 0;
	lo = hi = 7;
	cr_assert_eq(la_lanczos_extremes(0, bad_matvec, &op, 20, 1, &lo, &hi), -1);
	cr_assert(isnan(lo) && isnan(hi));
	cr_assert_eq(la_lanczos_extremes(50, bad_matvec, &op, 0, 1, &lo, &hi), -1);
	cr_assert_eq(op.calls, 0);
}
