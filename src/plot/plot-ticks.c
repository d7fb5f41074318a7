/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-ticks.c - the ticks of an axis and their labels.
 *
 * A step is m * 10^e with m in {1, 2, 5}.  plot_ticks tries the steps
 * from the power of ten above the width of the range downwards and keeps
 * the first (the largest) that puts min_ticks ticks in the range, so
 * [0, 10] with at least 3 ticks is 0 5 10, not 0 2 4 6 8 10.  When that
 * step gives more than max_ticks, the next larger step is used (fewer
 * than min_ticks, but at least one); when even that has none, the
 * max_ticks ticks nearest the middle.  A range of one value (lo == hi,
 * or narrower than its numbers resolve) is first widened to a unit range
 * around it (a tenth of the value each side when that is wider); lo > hi
 * or a non-finite end gives no ticks.
 *
 * A tick is the integer k * m times 10^e, correctly rounded (one exact
 * division for e < 0; strtod beyond the powers of ten a double holds),
 * never a sum of steps, so 3 * 0.1 gives exactly the double 0.3 and a
 * tick at 0 is +0.
 *
 * plot_tick_label takes its number of digits from the step alone, so
 * every tick of one axis gets the same number of decimals; only the
 * exponent form (|v| >= 1e6, or 0 < |v| < 1e-4) and "0" differ.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/plot.h"

/* A tick within TICK_TOL steps outside the range still counts. */
#define TICK_TOL 1e-9
/* Beyond 2^50 steps from 0, k * m (m <= 5) might exceed 2^53, inexact. */
#define TICK_K_MAX 1125899906842624.0
/* How many decades below the range the search may go. */
#define TICK_DECADES 40

static const int nice_m[3] = { 5, 2, 1 };

/* 10^e, exact for |e| <= 22 (the powers of ten that doubles hold). */
static double
pow10i(int e)
{
	double p = 1;
	int i, a = e < 0 ? -e : e;

	if (a > 22)
		return pow(10, e);
	for (i = 0; i < a; i++)
		p *= 10;
	return e < 0 ? 1 / p : p;
}

/*
 * The number k * m * 10^e, correctly rounded (k * m is an exact integer):
 * one exact operation while 10^e is exact, else by strtod.
 */
static double
tick_value(long long k, int m, int e)
{
	char buf[48];

	if (e >= -22 && e <= 22)
		return e < 0 ? (double)(k * m) / pow10i(-e) : (double)(k * m) * pow10i(e);
	snprintf(buf, sizeof buf, "%llde%d", k * m, e);
	return strtod(buf, NULL);
}

/* The first and last k with k * step in [lo, hi]; 0 when too many to count. */
static int
tick_span(double lo, double hi, double step, double *k0, double *k1)
{
	*k0 = ceil(lo / step - TICK_TOL);
	*k1 = floor(hi / step + TICK_TOL);
	if (!isfinite(*k0) || !isfinite(*k1) || fabs(*k0) > TICK_K_MAX ||
	    fabs(*k1) > TICK_K_MAX)
		return 0;
	return 1;
}

/* How many multiples of step lie in [lo, hi], or -1 when too many. */
static double
tick_count(double lo, double hi, double step)
{
	double k0, k1;

	if (!tick_span(lo, hi, step, &k0, &k1))
		return -1;
	return k1 >= k0 ? k1 - k0 + 1 : 0;
}

/* Writes up to max ticks of step m * 10^e in [lo, hi], centred when cut. */
static int
tick_write(double lo, double hi, int m, int e, int max, double *ticks)
{
	double k0, k1, step = tick_value(1, m, e);
	long long k, first, last;
	int n = 0;

	if (!tick_span(lo, hi, step, &k0, &k1) || k1 < k0)
		return 0;
	first = (long long)k0;
	last = (long long)k1;
	if (last - first + 1 > max) {
		first += (last - first + 1 - max) / 2;
		last = first + max - 1;
	}
	for (k = first; k <= last; k++)
		ticks[n++] = tick_value(k, m, e);
	return n;
}

/* The j-th candidate step, largest first: 10^(e0+1), then 5, 2, 1 x 10^e0... */
static void
nice_step(int e0, int j, int *m, int *e)
{
	if (j == 0) {
		*m = 1;
		*e = e0 + 1;
	} else {
		*m = nice_m[(j - 1) % 3];
		*e = e0 - (j - 1) / 3;
	}
}

int
plot_ticks(double lo, double hi, int min_ticks, int max_ticks, double *ticks,
	   double *step)
{
	double span, mag, count, prev_count = -1;
	int e, e0, j, m, prev_m = 0, prev_e = 0;

	*step = 0;
	if (!isfinite(lo) || !isfinite(hi) || lo > hi || max_ticks < 1)
		return 0;
	if (min_ticks < 1)
		min_ticks = 1;
	if (min_ticks > max_ticks)
		min_ticks = max_ticks;
	/* An empty range, or one below the resolution of its numbers. */
	mag = fmax(fabs(lo), fabs(hi));
	if (hi - lo <= mag * 1e-12) {
		double mid = lo / 2 + hi / 2, h = fmax(0.5, fabs(mid) / 10);

		lo = mid - h;
		hi = mid + h;
	}
	span = hi - lo;
	if (!isfinite(span))
		return 0;

	/* 10^(e0+1) > span: no larger step has more ticks than it. */
	e0 = (int)floor(log10(span));
	for (j = 0; j <= 1 + 3 * TICK_DECADES; j++) {
		nice_step(e0, j, &m, &e);
		count = tick_count(lo, hi, tick_value(1, m, e));
		if (count < 0)
			break;
		if (count >= min_ticks) {
			/* Too many: the larger step, unless it has none. */
			if (count > max_ticks && prev_count > 0) {
				m = prev_m;
				e = prev_e;
			}
			*step = tick_value(1, m, e);
			return tick_write(lo, hi, m, e, max_ticks, ticks);
		}
		prev_count = count;
		prev_m = m;
		prev_e = e;
	}
	/* The steps ran out (or past what a double resolves): keep the last. */
	if (prev_count < 0)
		return 0;
	*step = tick_value(1, prev_m, prev_e);
	return tick_write(lo, hi, prev_m, prev_e, max_ticks, ticks);
}

/*
 * The exponent of the last digit the step needs: -1 for 0.1, 0.2 and
 * 0.5, -2 for 0.25, 5 for 5e5.  The search starts a decade high in case
 * log10 rounds a power of ten down.
 */
static int
step_digit(double step)
{
	int p, p0 = (int)floor(log10(step)) + 1;

	for (p = p0; p > p0 - 18; p--) {
		double q = p < 0 ? step * pow10i(-p) : step / pow10i(p);

		if (q >= 0.5 && fabs(q - nearbyint(q)) <= 1e-9 * q)
			return p;
	}
	return p0 - 17;
}

/* The decimal exponent of a > 0 as printed (1e-7, a hair below, is -7). */
static int
decimal_exponent(double a)
{
	char buf[32];
	const char *e;

	snprintf(buf, sizeof buf, "%.14e", a);
	e = strchr(buf, 'e');
	return e != NULL ? atoi(e + 1) : 0;
}

/* Drops the sign of a label whose digits are all zero ("-0.0"). */
static void
label_unsign(char *buf)
{
	const char *s;

	if (buf[0] != '-')
		return;
	for (s = buf + 1; *s != '\0' && *s != 'e'; s++)
		if (*s != '0' && *s != '.')
			return;
	memmove(buf, buf + 1, strlen(buf));
}

void
plot_tick_label(double v, double step, char *buf, size_t size)
{
	int p, d;
	double a = fabs(v);

	if (size == 0)
		return;
	if (!isfinite(v) || !isfinite(step) || step <= 0) {
		if (isnan(v))
			snprintf(buf, size, "nan");
		else if (v == 0)
			snprintf(buf, size, "0");
		else
			snprintf(buf, size, "%g", v);
		return;
	}
	if (a < step * TICK_TOL) {
		snprintf(buf, size, "0");
		return;
	}
	p = step_digit(step);
	if (a >= 1e6 || a < 1e-4) {
		d = decimal_exponent(a) - p;
		if (d < 0)
			d = 0;
		if (d > 16)
			d = 16;
		snprintf(buf, size, "%.*e", d, v);
	} else {
		d = p < 0 ? -p : 0;
		if (d > 17)
			d = 17;
		snprintf(buf, size, "%.*f", d, v);
	}
	label_unsign(buf);
}
