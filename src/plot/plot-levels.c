/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-levels.c - what part of a function's values to show: the range
 * of a curve's y axis and the levels of a contour plot.  Both look at the
 * sorted finite values (a copy; the input is not changed) through their
 * percentiles, so that a pole, a spike or a far corner of the region does
 * not decide the whole picture.
 *
 * Percentiles interpolate linearly between the sorted values: the p-th
 * of m values is at index p * (m - 1).
 *
 * The range: min to max, unless the 2nd to 98th percentiles cover less
 * than a twentieth of that; then those percentiles, widened by a tenth
 * of their width each side (never beyond min and max).  A range of one
 * value v becomes [v - 1, v + 1], or v -+ |v|/10 when that is wider.
 * For 1/x sampled evenly over [-1, 1], the percentile range is about
 * 50/n of the full one, so it is clipped from about n = 1000 samples on.
 *
 * The levels go from the minimum to vhi, the 95th percentile (or the
 * maximum when 95% of the values sit at the minimum).  Linear levels are
 * min + (vhi - min) * (i + 1) / (n + 1), strictly inside; log levels are
 * min + (vhi - min) * 10^(-3 (n - 1 - i) / (n - 1)), from a thousandth of
 * the span above the minimum up to vhi.  AUTO chooses log when the
 * median is less than 0.15 of the span above the minimum: Rosenbrock
 * gives 0.08 to 0.145 on its usual windows, quadratics (booth, matyas,
 * x^2 + y^2, x^2 + 10y^2 on squares around their minimum) 0.15 to 0.45,
 * and Himmelblau on [-5,5]^2 0.29, so it gets linear levels, which show
 * its four basins and the hump between them.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "descent/plot.h"
#include "descent/util.h"

/* The percentile range must cover this much of the full range, or be used. */
#define RANGE_SLIVER (1.0 / 5)
#define RANGE_LOW 0.02
#define RANGE_HIGH 0.98
/* The clipped range is widened by this fraction of itself each side. */
#define RANGE_MARGIN 0.10

/* The levels end at this percentile, not at the maximum (a far corner). */
#define LEVELS_HIGH 0.95
/* Log levels span this many decades below the high value. */
#define LEVELS_DECADES 3.0

/* AUTO picks log levels when the median is this close to the minimum. */
#define LEVELS_SKEW 0.15

/*
 * The finite values of v, copied (the caller frees), with their count,
 * minimum and maximum.  Not sorted: percentiles select in linear time,
 * which keeps a frame's levels cheap (a 200x60 braille view has 100k
 * values).
 */
static double *
finite_copy(const double *v, size_t n, size_t *m, double *vmin, double *vmax)
{
	double *s = xmalloc((n > 0 ? n : 1) * sizeof *s);
	size_t i;

	*m = 0;
	*vmin = INFINITY;
	*vmax = -INFINITY;
	for (i = 0; i < n; i++)
		if (isfinite(v[i])) {
			s[(*m)++] = v[i];
			if (v[i] < *vmin)
				*vmin = v[i];
			if (v[i] > *vmax)
				*vmax = v[i];
		}
	return s;
}

static void
swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/*
 * Moves the k-th smallest of s[0..m) to s[k], smaller ones before it and
 * larger after (quickselect, median-of-three pivots; deterministic).
 */
static void
select_kth(double *s, size_t m, size_t k)
{
	size_t lo = 0, hi = m - 1;

	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2, i, j;
		double pivot;
		if (s[mid] < s[lo])
			swap(&s[mid], &s[lo]);
		if (s[hi] < s[lo])
			swap(&s[hi], &s[lo]);
		if (s[hi] < s[mid])
			swap(&s[hi], &s[mid]);
		pivot = s[mid];
		i = lo;
		j = hi;
		while (i <= j) {
			while (s[i] < pivot)
				i++;
			while (s[j] > pivot)
				j--;
			if (i <= j) {
				swap(&s[i], &s[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/*
 * The p-th percentile (p in [0, 1]) of the m > 0 values of s (reordered),
 * interpolated between the order statistics around p*(m-1) as with a
 * sorted array.
 */
static double
percentile(double *s, size_t m, double p)
{
	double x = p * (double)(m - 1), f = floor(x), a, b;
	size_t i = (size_t)f, j;

	select_kth(s, m, i);
	a = s[i];
	if (i + 1 >= m)
		return a;
	b = s[i + 1];
	for (j = i + 2; j < m; j++)     /* the next order statistic: the least after */
		if (s[j] < b)
			b = s[j];
	/* Either form may overflow, but not both: -DBL_MAX .. DBL_MAX. */
	if ((a < 0) == (b < 0))
		return a + (b - a) * (x - f);
	return a * (1 - (x - f)) + b * (x - f);
}

/* A range around the single value c: 1 each side, or |c| / 10 when wider. */
static void
around(double c, double *lo, double *hi)
{
	double h = fmax(1, fabs(c) / 10);

	*lo = c - h;
	*hi = c + h;
}

int
plot_value_range(const double *v, size_t n, double *lo, double *hi, int *clipped)
{
	double *s, vmin, vmax, plo, phi, w;
	size_t m;

	*clipped = 0;
	s = finite_copy(v, n, &m, &vmin, &vmax);
	if (m == 0) {
		free(s);
		return -1;
	}
	plo = percentile(s, m, RANGE_LOW);
	phi = percentile(s, m, RANGE_HIGH);
	free(s);

	*lo = vmin;
	*hi = vmax;
	/* Halves, so that -DBL_MAX .. DBL_MAX does not overflow. */
	if (phi / 2 - plo / 2 < (vmax / 2 - vmin / 2) * RANGE_SLIVER) {
		w = (phi / 2 - plo / 2) * (2 * RANGE_MARGIN);
		*lo = fmax(plo - w, vmin);
		*hi = fmin(phi + w, vmax);
		*clipped = 1;
	}
	if (*lo == *hi)
		around(*lo, lo, hi);
	return 0;
}

/* Makes the levels strictly increasing where rounding made two equal. */
static void
levels_separate(double *levels, int n)
{
	int i;

	for (i = 1; i < n; i++)
		if (!(levels[i] > levels[i - 1]))
			levels[i] = nextafter(levels[i - 1], INFINITY);
}

enum plot_levels
plot_choose_levels(const double *v, size_t n_v, int n, enum plot_levels kind,
		   double *levels)
{
	double *s, vmin = 0, vmax = 0, vhi = 0, med = 0, half, f;
	size_t m;
	int i;

	s = finite_copy(v, n_v, &m, &vmin, &vmax);
	if (m > 0) {
		vhi = percentile(s, m, LEVELS_HIGH);
		med = percentile(s, m, 0.5);
		/* Mostly a plateau at the minimum: what rises above it is the picture. */
		if (vhi == vmin)
			vhi = vmax;
	} else {
		vmin = 0;
	}
	free(s);

	/* Half the span, which cannot overflow; level = vmin + 2 * half * f. */
	half = vhi / 2 - vmin / 2;
	if (!(half > 0)) {
		/* Constant, or nothing finite (taken as 0): around the value. */
		around(vmin, &vmin, &vhi);
		half = vhi / 2 - vmin / 2;
		kind = PLOT_LEVELS_LINEAR;
	} else if (kind == PLOT_LEVELS_AUTO) {
		kind = med / 2 - vmin / 2 < LEVELS_SKEW * half ? PLOT_LEVELS_LOG :
		    PLOT_LEVELS_LINEAR;
	}
	for (i = 0; i < n; i++) {
		if (kind == PLOT_LEVELS_LOG)
			f = pow(10, -LEVELS_DECADES * (n - 1 - i) / (n > 1 ? n - 1 : 1));
		else
			f = (double)(i + 1) / (n + 1);
		levels[i] = vmin + half * f + half * f;
	}
	levels_separate(levels, n);
	return kind;
}
