/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.c - fatal errors, allocation wrappers and the reader of whole
 * files.  Out of memory is not a user error: there is nothing sensible to
 * continue with, so we restore the terminal (through the registered hook)
 * and exit.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/i18n.h"
#include "descent/util.h"

static void (*fatal_cleanup)(void);

void
fatal_set_cleanup(void (*cleanup)(void))
{
	fatal_cleanup = cleanup;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	void (*cleanup)(void) = fatal_cleanup;

	fatal_cleanup = NULL;   /* a fatal error inside the hook must not loop */
	if (cleanup != NULL)
		cleanup();
	fputs(_("descent: fatal: "), stderr);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		fatal("out of memory (%zu bytes)", size);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}

int
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	int d[61][61];
	size_t i, j;

	if (la > 60 || lb > 60)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

size_t
list_item_len(const char *s)
{
	const char *q = s;
	int depth = 0;

	while (*q != '\0' && !(*q == ',' && depth == 0)) {
		depth += *q == '(';
		depth -= *q == ')';
		q++;
	}
	return (size_t)(q - s);
}

size_t
names_text(char *buf, size_t size, const char *const *names, const char *last_sep)
{
	size_t len = 0;
	int i;

	if (size > 0)
		buf[0] = '\0';
	for (i = 0; names[i] != NULL; i++) {
		const char *sep = i == 0 ? "" : names[i + 1] == NULL ? last_sep : ", ";
		int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
				 "%s%s", sep, names[i]);
		if (n > 0)
			len += (size_t)n;
	}
	return len;
}

char *
path_in_dir(const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	int slash = ld > 0 && dir[ld - 1] != '/';
	char *p = xmalloc(ld + (size_t)slash + ln + 1);

	memcpy(p, dir, ld);
	if (slash)
		p[ld] = '/';
	memcpy(p + ld + slash, name, ln + 1);
	return p;
}

void
num_exact(char *buf, size_t size, double v)
{
	int prec;

	if (v == 0)
		v = 0;
	if (isnan(v)) {
		snprintf(buf, size, "nan");
		return;
	}
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, size, "%.17g", v);
}

void
json_put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

char *
text_safe(const char *s)
{
	return text_safe_n(s, strlen(s));
}

char *
text_safe_n(const char *s, size_t size)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + size;
	size_t len = 0, cap = size * 4 + 1;             /* "<U+0080>" is 8 bytes for 2 */
	char *out = xmalloc(cap);

	while (p < end && *p != '\0') {
		uint32_t c;
		int n = (int)utf8_decode((const char *)p, (size_t)(end - p), &c);
		if (n == 1 && (*p < 0x20 || *p == 0x7f)) {
			out[len++] = '^';
			out[len++] = *p == 0x7f ? '?' : (char)(*p + 0x40);
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			len += (size_t)snprintf(out + len, cap - len, "<U+%04X>", p[1]);
		} else if (n == 0) {
			len += (size_t)snprintf(out + len, cap - len, "<%02X>", *p);
			n = 1;
		} else {
			memcpy(out + len, p, (size_t)n);
			len += (size_t)n;
		}
		p += n;
	}
	out[len] = '\0';
	return out;
}

/* Fills fe; returns NULL, for the caller's return. */
static char *
file_fail(struct file_error *fe, int fail, int errnum, const char *reason)
{
	fe->fail = fail;
	fe->errnum = errnum;
	snprintf(fe->reason, sizeof fe->reason, "%s",
		 reason != NULL ? reason : strerror(errnum));
	return NULL;
}

/* What a file that is not regular is, for a message (as strerror, translated). */
static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return _("not a regular file (a directory)");
	if (S_ISFIFO(mode))
		return _("not a regular file (a FIFO)");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("not a regular file (a device)");
	if (S_ISSOCK(mode))
		return _("not a regular file (a socket)");
	return _("not a regular file");
}

/*
 * The file is opened with O_NONBLOCK, so that opening a FIFO without a
 * writer returns at once, and the descriptor itself is checked, so that
 * no other file can take the name in between; O_NONBLOCK is cleared
 * before a regular file is read.
 */
char *
read_whole_file(const char *path, size_t max, size_t *len, struct file_error *fe)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	int fd, flags;

	memset(fe, 0, sizeof *fe);
	*len = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return file_fail(fe, FILE_CANNOT_OPEN, errno, NULL);
	if (fstat(fd, &st) < 0) {
		file_fail(fe, FILE_CANNOT_READ, errno, NULL);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		file_fail(fe, FILE_CANNOT_READ, 0, file_kind(st.st_mode));
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		file_fail(fe, FILE_CANNOT_READ, errno, NULL);
		goto fail;
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > max) {
		file_fail(fe, FILE_TOO_LARGE, 0, _("the file is too large"));
		goto fail;
	}
	/* room for one byte more than its size, to see the end at once */
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t got;

		if (n == cap) {
			if (n > max) {
				file_fail(fe, FILE_TOO_LARGE, 0, _("the file is too large"));
				goto fail;
			}
			cap = cap > max / 2 ? max + 1 : 2 * cap;
			buf = xrealloc(buf, cap + 1);
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			file_fail(fe, FILE_CANNOT_READ, errno, NULL);
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	close(fd);
	free(buf);
	return NULL;
}

