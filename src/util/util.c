/*
 * util.c - fatal errors and allocation wrappers.  Out of memory is not a
 * user error: there is nothing sensible to continue with, so we restore
 * the terminal (through the registered hook) and exit.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	fputs("descent: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
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
