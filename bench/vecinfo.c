/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vecinfo.c - reads GCC's -fopt-info-vec report back (vecinfo.h), so that
 * a benchmark can say how many of its baseline's loops were vectorized
 * from what the compiler did, not from what we expect it to do.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vecinfo.h"

#define VEC_DONE ": optimized: loop vectorized using "
#define VEC_MISSED ": missed: couldn't vectorize loop"

/* The loop at where (len bytes), added when new; NULL when there is no room. */
static struct vecinfo_loop *
vecinfo_find(struct vecinfo *vi, const char *where, size_t len)
{
	struct vecinfo_loop *l;
	int i;

	for (i = 0; i < vi->nloops; i++) {
		l = &vi->loop[i];
		if (strlen(l->where) == len && memcmp(l->where, where, len) == 0)
			return l;
	}
	if (vi->nloops == VECINFO_MAX_LOOPS || len >= sizeof l->where)
		return NULL;
	l = &vi->loop[vi->nloops++];
	memset(l, 0, sizeof *l);
	memcpy(l->where, where, len);
	return l;
}

int
vecinfo_read(FILE *fp, struct vecinfo *vi)
{
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	vi->nloops = 0;
	while (getline(&line, &cap, fp) != -1) {
		struct vecinfo_loop *l;
		char *done = strstr(line, VEC_DONE);
		char *missed = strstr(line, VEC_MISSED);
		char *end = done != NULL ? done : missed;

		if (end == NULL || end == line)
			continue;
		l = vecinfo_find(vi, line, (size_t)(end - line));
		if (l == NULL) {
			ret = -1;
			break;
		}
		if (done != NULL) {
			int bytes = atoi(done + strlen(VEC_DONE));

			l->vectorized++;
			if (bytes > l->bytes)
				l->bytes = bytes;
		} else {
			l->missed++;
		}
	}
	if (ferror(fp))
		ret = -1;
	free(line);
	return ret;
}

int
vecinfo_load(const char *path, struct vecinfo *vi)
{
	FILE *fp = fopen(path, "r");
	int ret;

	vi->nloops = 0;
	if (fp == NULL)
		return -1;
	ret = vecinfo_read(fp, vi);
	fclose(fp);
	return ret;
}

int
vecinfo_vectorized(const struct vecinfo *vi)
{
	int i, n = 0;

	for (i = 0; i < vi->nloops; i++)
		n += vi->loop[i].vectorized > 0;
	return n;
}

int
vecinfo_max_bytes(const struct vecinfo *vi)
{
	int i, bytes = 0;

	for (i = 0; i < vi->nloops; i++)
		if (vi->loop[i].bytes > bytes)
			bytes = vi->loop[i].bytes;
	return bytes;
}

/* Appends to buf (of size bytes, *len used so far) what printf would print. */
__attribute__((format(printf, 4, 5)))
static void
append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	if (*len < size)
		k = vsnprintf(buf + *len, size - *len, fmt, ap);
	else
		k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		*len += (size_t)k;
}

/* Appends "file:line" of where: without the directory and the column. */
static void
append_place(char *buf, size_t size, size_t *len, const char *where)
{
	const char *base = strrchr(where, '/'), *colon, *end;

	base = base != NULL ? base + 1 : where;
	colon = strchr(base, ':');
	end = colon != NULL ? strchr(colon + 1, ':') : NULL;
	if (end == NULL)
		end = base + strlen(base);
	append(buf, size, len, "%.*s", (int)(end - base), base);
}

void
vecinfo_summary(const struct vecinfo *vi, char *buf, size_t size)
{
	size_t len = 0;
	int i, first = 1, nvec = vecinfo_vectorized(vi);

	if (size == 0)
		return;
	buf[0] = '\0';
	append(buf, size, &len, "%d of %d loop%s vectorized", nvec, vi->nloops,
	       vi->nloops == 1 ? "" : "s");
	if (nvec > 0)
		append(buf, size, &len, " (up to %d-byte vectors)",
		       vecinfo_max_bytes(vi));
	for (i = 0; i < vi->nloops; i++) {
		if (vi->loop[i].vectorized > 0)
			continue;
		append(buf, size, &len, "%s", first ? "; not: " : ", ");
		append_place(buf, size, &len, vi->loop[i].where);
		first = 0;
	}
}
