/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diag.c - the record of a user's error, its list, and the one
 * formatter (diag.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/diag.h"
#include "descent/util.h"

static void
fill(struct diag *d, const char *file, int line, int column, enum diag_level level,
     const char *fmt, va_list ap)
{
	snprintf(d->file, sizeof d->file, "%s", file != NULL ? file : "");
	d->line = line;
	d->column = column;
	d->level = level;
	vsnprintf(d->message, sizeof d->message, _(fmt), ap);
}

int
diag_set(struct diag *d, const char *file, int line, int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fill(d, file, line, column, DIAG_ERROR, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_print(FILE *fp, const struct diag *d)
{
	const char *lv = d->level == DIAG_ERROR ? _("error") : _("warning");
	/* a file's name and a message quote what a file says: made safe */
	char *file = text_safe(d->file), *msg = text_safe(d->message);

	if (file[0] == '\0')
		fprintf(fp, "descent: %s: %s\n", lv, msg);
	else if (d->line > 0 && d->column > 0)
		fprintf(fp, "%s:%d:%d: %s: %s\n", file, d->line, d->column, lv, msg);
	else if (d->line > 0)
		fprintf(fp, "%s:%d: %s: %s\n", file, d->line, lv, msg);
	else
		fprintf(fp, "%s: %s: %s\n", file, lv, msg);
	free(file);
	free(msg);
}

void
diag_print_source(FILE *fp, const char *prefix, const char *src, const struct diag *d)
{
	int i;

	if (prefix == NULL)
		prefix = "descent";
	if (d->column <= 0 || src == NULL || src[strspn(src, " \t\r\n")] == '\0' ||
	    strlen(src) > 200) {
		if (d->column > 0)
			fprintf(fp, _("%s: error at column %d: %s\n"), prefix, d->column, d->message);
		else
			fprintf(fp, _("%s: error: %s\n"), prefix, d->message);
		return;
	}
	fprintf(fp, _("%s: error at column %d: %s\n"), prefix, d->column, d->message);
	fputs("  ", fp);
	for (i = 0; src[i] != '\0'; i++)
		fputc((unsigned char)src[i] < ' ' && src[i] != '\t' ? ' ' : src[i], fp);
	fputs("\n  ", fp);
	/* the caret under byte d->column, past the columns of what it follows */
	for (i = 0; i < d->column - 1 && src[i] != '\0'; ) {
		uint32_t c;
		size_t n = utf8_next(src + i, strlen(src + i), &c);
		if (c == '\t')
			fputc('\t', fp);
		else
			fprintf(fp, "%*s", char_columns(c), "");
		i += (int)n;
	}
	fputs("^\n", fp);
}

void
diags_init(struct diags *ds)
{
	memset(ds, 0, sizeof *ds);
}

void
diags_done(struct diags *ds)
{
	free(ds->d);
	memset(ds, 0, sizeof *ds);
}

static struct diag *
grow(struct diags *ds)
{
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? 2 * ds->cap : 16;
		ds->d = xreallocarray(ds->d, ds->cap, sizeof *ds->d);
	}
	return &ds->d[ds->n++];
}

void
diags_add(struct diags *ds, const char *file, int line, int column, enum diag_level level,
	  const char *fmt, ...)
{
	va_list ap;

	if (ds == NULL)
		return;
	va_start(ap, fmt);
	fill(grow(ds), file, line, column, level, fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		ds->errors++;
}

void
diags_add_diag(struct diags *ds, const struct diag *d)
{
	if (ds == NULL)
		return;
	*grow(ds) = *d;
	if (d->level == DIAG_ERROR)
		ds->errors++;
}

/*
 * The order problems are printed in: files in the order they were first
 * reported, and within a file by line and column, the way an editor
 * walks them (claims are proved after the schema is read).
 */
static int
diag_before(const struct diags *ds, size_t a, size_t b)
{
	const struct diag *x = &ds->d[a], *y = &ds->d[b];
	size_t i, fx = 0, fy = 0;

	for (i = 0; i < ds->n; i++) {
		if (strcmp(ds->d[i].file, x->file) == 0) {
			fx = i;
			break;
		}
	}
	for (i = 0; i < ds->n; i++) {
		if (strcmp(ds->d[i].file, y->file) == 0) {
			fy = i;
			break;
		}
	}
	if (fx != fy)
		return fx < fy;
	if (x->line != y->line)
		return x->line < y->line;
	if (x->column != y->column)
		return x->column < y->column;
	return a < b;
}

void
diags_print(const struct diags *ds, FILE *fp)
{
	size_t i, j, *order = xmalloc((ds->n ? ds->n : 1) * sizeof *order);

	/* a stable insertion sort: the lists are short */
	for (i = 0; i < ds->n; i++) {
		for (j = i; j > 0 && diag_before(ds, i, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (j = 0; j < ds->n; j++)
		diag_print(fp, &ds->d[order[j]]);
	free(order);
}
