/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-words.c - the text that tells a figure in sentences (plot-int.h):
 * a paragraph a line, sentences joined by a space so that a translated
 * one carries no blank of its own, the function's and its variables'
 * names for @f, @x and @y, and numbers in four significant digits.
 * plot_fig_describe and plot_fit_describe write with it.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "descent/util.h"
#include "plot-int.h"

static void __attribute__((format(printf, 2, 0)))
words_vput(struct words *t, const char *fmt, va_list ap0)
{
	va_list ap;
	char form[512];
	const char *q;
	size_t k = 0;
	int n;

	/* the names in place of @f, @x and @y (no '%' in them: identifiers) */
	for (q = fmt; *q != '\0' && k + 33 < sizeof form; q++) {
		const char *name = NULL;
		if (q[0] == '@' && (q[1] == 'f' || q[1] == 'x' || q[1] == 'y'))
			name = t->names[q[1] == 'f' ? 0 : q[1] == 'x' ? 1 : 2];
		if (name == NULL) {
			form[k++] = *q;
			continue;
		}
		k += (size_t)snprintf(form + k, sizeof form - k, "%s", name);
		q++;
	}
	form[k] = '\0';
	for (;;) {
		va_copy(ap, ap0);
		n = vsnprintf(t->s + t->len, t->cap - t->len, form, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < t->cap - t->len)
			break;
		t->cap = 2 * t->cap + (size_t)n + 1;
		t->s = xrealloc(t->s, t->cap);
	}
	t->len += (size_t)n;
}

void
words_put(struct words *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	words_vput(t, fmt, ap);
	va_end(ap);
}

void
words_say(struct words *t, const char *fmt, ...)
{
	va_list ap;

	if (t->len > 0 && t->s[t->len - 1] != '\n')
		words_put(t, " ");
	va_start(ap, fmt);
	words_vput(t, fmt, ap);
	va_end(ap);
}

const char *
words_num(char buf[32], double v, double scale)
{
	if (isnan(v))
		return "nan";
	if (isinf(v))
		return v > 0 ? "inf" : "-inf";
	if (fabs(v) <= 1e-9 * scale)
		v = 0;
	snprintf(buf, 32, "%.4g", v);
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}
