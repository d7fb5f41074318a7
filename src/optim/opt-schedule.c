/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-schedule.c - learning-rate schedules: constant, step, exponential
 * and cosine, each with an optional linear warmup, and their text form
 * for the command line and lessons ("cosine:period=200,min=1e-4").
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/optim.h"
#include "descent/util.h"

void
sched_init(struct schedule *s)
{
	memset(s, 0, sizeof *s);
	s->kind = SCHED_CONSTANT;
	s->factor = 0.5;
	s->every = 100;
	s->decay = 0.99;
	s->period = 1000;
}

void
sched_text(const struct schedule *s, char *buf, size_t size)
{
	char a[40], b[40];
	size_t len;

	switch (s->kind) {
	case SCHED_STEP:
		num_exact(a, sizeof a, s->factor);
		len = (size_t)snprintf(buf, size, "step:every=%ld,factor=%s", s->every, a);
		break;
	case SCHED_EXP:
		num_exact(a, sizeof a, s->decay);
		len = (size_t)snprintf(buf, size, "exp:decay=%s", a);
		break;
	case SCHED_COSINE:
		num_exact(b, sizeof b, s->min);
		len = (size_t)snprintf(buf, size, "cosine:period=%ld,min=%s", s->period, b);
		break;
	default:
		len = (size_t)snprintf(buf, size, "constant");
		break;
	}
	if (s->warmup > 0 && len < size)
		snprintf(buf + len, size - len, ",warmup=%ld", s->warmup);
}

double
sched_lr(const struct schedule *s, double lr, long t)
{
	double r = lr;

	if (s->warmup > 0 && t < s->warmup)
		return lr * (double)(t + 1) / (double)s->warmup;
	t -= s->warmup;
	switch (s->kind) {
	case SCHED_CONSTANT:
		break;
	case SCHED_STEP:
		r = lr * pow(s->factor, (double)(t / s->every));
		break;
	case SCHED_EXP:
		r = lr * pow(s->decay, (double)t);
		break;
	case SCHED_COSINE:
		if (t >= s->period)
			r = s->min;
		else
			r = s->min + (lr - s->min) * 0.5 *
			    (1 + cos(M_PI * (double)t / (double)s->period));
		break;
	}
	return r;
}

/* Reads a number for key; returns 0 or -1 with err filled. */
static int
number(const char *key, const char *val, double *out, struct diag *err)
{
	char *end;

	errno = 0;
	*out = strtod(val, &end);
	if (end == val || *end != '\0' || errno == ERANGE || !isfinite(*out)) {
		diag_set(err, NULL, 0, 0, "'%s' is not a number (in %s=%s)", val, key, val);
		return -1;
	}
	return 0;
}

static int
count(const char *key, const char *val, long *out, struct diag *err)
{
	double v;

	if (number(key, val, &v, err) < 0)
		return -1;
	if (v < 1 || v != floor(v) || v > 1e12) {
		diag_set(err, NULL, 0, 0, "%s must be a whole number of steps, at least 1, not %s",
			 key, val);
		return -1;
	}
	*out = (long)v;
	return 0;
}

int
sched_parse(const char *text, struct schedule *s, struct diag *err)
{
	static const char *const kinds[] = { "constant", "step", "exp", "cosine" };
	static const char *const keys[] = { "", "every, factor", "decay", "period, min" };
	char buf[256], *opts, *item, *save = NULL;
	size_t klen;
	int k;

	sched_init(s);
	if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf) {
		diag_set(err, NULL, 0, 0, "the schedule is too long");
		return -1;
	}
	opts = strpbrk(buf, ":,");     /* "step:every=10", "constant,warmup=5" */
	if (opts != NULL)
		*opts++ = '\0';
	klen = strlen(buf);
	for (k = 0; k < 4; k++)
		if (strcmp(buf, kinds[k]) == 0 || (k == 2 && strcmp(buf, "exponential") == 0))
			break;
	if (k == 4 || klen == 0) {
		diag_set(err, NULL, 0, 0, "unknown schedule '%s': use constant, step, exp or cosine",
			 buf);
		return -1;
	}
	s->kind = (enum sched_kind)k;
	for (item = opts ? strtok_r(opts, ",", &save) : NULL; item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		double v;
		int ok = -1;

		if (eq == NULL) {
			diag_set(err, NULL, 0, 0, "'%s' in the schedule: write KEY=VALUE", item);
			return -1;
		}
		*eq++ = '\0';
		if (strcmp(item, "warmup") == 0)
			ok = count(item, eq, &s->warmup, err);
		else if (k == SCHED_STEP && strcmp(item, "every") == 0)
			ok = count(item, eq, &s->every, err);
		else if (k == SCHED_STEP && strcmp(item, "factor") == 0)
			ok = number(item, eq, &s->factor, err);
		else if (k == SCHED_EXP && strcmp(item, "decay") == 0)
			ok = number(item, eq, &s->decay, err);
		else if (k == SCHED_COSINE && strcmp(item, "period") == 0)
			ok = count(item, eq, &s->period, err);
		else if (k == SCHED_COSINE && strcmp(item, "min") == 0)
			ok = number(item, eq, &s->min, err);
		else {
			if (*keys[k] != '\0')
				diag_set(err, NULL, 0, 0, "the %s schedule has no '%s' (it takes "
					 "%s and warmup)", kinds[k], item, keys[k]);
			else
				diag_set(err, NULL, 0, 0, "the %s schedule has no '%s' (it takes "
					 "only warmup)", kinds[k], item);
			return -1;
		}
		if (ok < 0)
			return -1;
		v = k == SCHED_STEP ? s->factor : k == SCHED_EXP ? s->decay : 0.5;
		if (!(v > 0 && v <= 1)) {
			diag_set(err, NULL, 0, 0, "the %s must be in (0, 1], not %g",
				 k == SCHED_STEP ? "factor" : "decay", v);
			return -1;
		}
		if (k == SCHED_COSINE && s->min < 0) {
			diag_set(err, NULL, 0, 0, "min must not be negative, not %g", s->min);
			return -1;
		}
	}
	return 0;
}
