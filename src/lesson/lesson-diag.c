/*
 * lesson-diag.c - the list of problems found in lessons, printed the way
 * compilers print theirs: "FILE:LINE:COLUMN: error: MESSAGE", so that
 * editors jump to them.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"
#include "descent/util.h"

void
lesson_diags_init(struct lesson_diags *ds)
{
	memset(ds, 0, sizeof *ds);
}

void
lesson_diags_done(struct lesson_diags *ds)
{
	free(ds->d);
	memset(ds, 0, sizeof *ds);
}

void
lesson_diag_add(struct lesson_diags *ds, const char *file, int line, int column,
		enum lesson_level level, const char *fmt, ...)
{
	struct lesson_diag *d;
	va_list ap;

	if (ds == NULL)
		return;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? 2 * ds->cap : 16;
		ds->d = xreallocarray(ds->d, ds->cap, sizeof *ds->d);
	}
	d = &ds->d[ds->n++];
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->column = column;
	d->level = level;
	va_start(ap, fmt);
	vsnprintf(d->message, sizeof d->message, fmt, ap);
	va_end(ap);
	if (level == LESSON_ERROR)
		ds->errors++;
}

/*
 * The order problems are printed in: files in the order they were first
 * reported, and within a file by line and column, the way an editor
 * walks them (claims are proved after the schema is read).
 */
static int
diag_before(const struct lesson_diags *ds, size_t a, size_t b)
{
	const struct lesson_diag *x = &ds->d[a], *y = &ds->d[b];
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
lesson_diags_print(const struct lesson_diags *ds, FILE *fp)
{
	size_t i, j, *order = xmalloc((ds->n ? ds->n : 1) * sizeof *order);

	/* a stable insertion sort: the lists are short */
	for (i = 0; i < ds->n; i++) {
		for (j = i; j > 0 && diag_before(ds, i, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (j = 0; j < ds->n; j++) {
		const struct lesson_diag *d = &ds->d[order[j]];
		const char *lv = d->level == LESSON_ERROR ? "error" : "warning";
		if (d->line > 0 && d->column > 0)
			fprintf(fp, "%s:%d:%d: %s: %s\n", d->file, d->line, d->column, lv, d->message);
		else if (d->line > 0)
			fprintf(fp, "%s:%d: %s: %s\n", d->file, d->line, lv, d->message);
		else if (d->file[0] != '\0')
			fprintf(fp, "%s: %s: %s\n", d->file, lv, d->message);
		else
			fprintf(fp, "descent: %s: %s\n", lv, d->message);
	}
	free(order);
}
