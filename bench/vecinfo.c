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

/* Splits a place into its file (the first *flen bytes), line and column. */
static void
place_split(const char *where, size_t *flen, long *line, long *col)
{
	const char *base = strrchr(where, '/');
	const char *colon = strchr(base != NULL ? base : where, ':');
	char *end;

	*flen = colon != NULL ? (size_t)(colon - where) : strlen(where);
	*line = *col = 0;
	if (colon == NULL)
		return;
	*line = strtol(colon + 1, &end, 10);
	if (*end == ':')
		*col = strtol(end + 1, NULL, 10);
}

/* Orders loops by file, then line, then column. */
static int
place_cmp(const void *pa, const void *pb)
{
	const struct vecinfo_loop *a = pa, *b = pb;
	size_t alen, blen;
	long aline, acol, bline, bcol;
	int c;

	place_split(a->where, &alen, &aline, &acol);
	place_split(b->where, &blen, &bline, &bcol);
	c = memcmp(a->where, b->where, alen < blen ? alen : blen);
	if (c != 0)
		return c;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	if (aline != bline)
		return aline < bline ? -1 : 1;
	return (acol > bcol) - (acol < bcol);
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
	qsort(vi->loop, (size_t)vi->nloops, sizeof vi->loop[0], place_cmp);
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

/*
 * Appends the place of where: "file:line", without the directory and the
 * column, or only the line when the file is the one of the place before
 * (*file, its length *flen, updated).
 */
static void
append_place(char *buf, size_t size, size_t *len, const char *where,
	     const char **file, int *flen)
{
	const char *base = strrchr(where, '/'), *colon, *end;
	int n;

	base = base != NULL ? base + 1 : where;
	colon = strchr(base, ':');
	end = colon != NULL ? strchr(colon + 1, ':') : NULL;
	if (end == NULL)
		end = base + strlen(base);
	if (colon == NULL) {
		append(buf, size, len, "%.*s", (int)(end - base), base);
		return;
	}
	n = (int)(colon - base);
	if (*file == NULL || *flen != n || memcmp(*file, base, (size_t)n) != 0)
		append(buf, size, len, "%.*s:", n, base);
	append(buf, size, len, "%.*s", (int)(end - colon - 1), colon + 1);
	*file = base;
	*flen = n;
}

/* Appends the places of the loops vectorized (want 1) or not (want 0). */
static void
append_places(char *buf, size_t size, size_t *len, const struct vecinfo *vi,
	      int want, const char *intro, const char **file, int *flen)
{
	int i, first = 1;

	for (i = 0; i < vi->nloops; i++) {
		if ((vi->loop[i].vectorized > 0) != want)
			continue;
		append(buf, size, len, "%s", first ? intro : ", ");
		append_place(buf, size, len, vi->loop[i].where, file, flen);
		first = 0;
	}
}

void
vecinfo_summary(const struct vecinfo *vi, char *buf, size_t size)
{
	size_t len = 0;
	const char *file = NULL;
	int flen = 0, nvec = vecinfo_vectorized(vi);

	if (size == 0)
		return;
	buf[0] = '\0';
	append(buf, size, &len, "%d of %d loop%s vectorized", nvec, vi->nloops,
	       vi->nloops == 1 ? "" : "s");
	if (nvec > 0)
		append(buf, size, &len, " (up to %d-byte vectors)",
		       vecinfo_max_bytes(vi));
	append_places(buf, size, &len, vi, 1, ": at ", &file, &flen);
	file = NULL;    /* each list names its first file */
	append_places(buf, size, &len, vi, 0, nvec > 0 ? "; not at " : ": not at ",
		      &file, &flen);
}

void
vecinfo_describe(const char *path, char *buf, size_t size)
{
	struct vecinfo vi;

	if (path == NULL)
		snprintf(buf, size, "vectorized loops not known (no report given)");
	else if (vecinfo_load(path, &vi) < 0)
		snprintf(buf, size, "vectorized loops not known (%s: cannot read it)",
			 path);
	else
		vecinfo_summary(&vi, buf, size);
}
