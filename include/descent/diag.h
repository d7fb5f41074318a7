/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diag.h - the one record of an error a user can cause (in an
 * expression, a CSV file, a lesson file, an option), and the one
 * formatter that prints it the way compilers print theirs, so that
 * editors jump to it:
 *
 *   FILE:LINE:COLUMN: error: MESSAGE
 *
 * or, for an expression typed on the command line, the message with the
 * expression under it and a caret under its column.  A record is the
 * caller's and never allocated, so error paths cannot leak; a list of
 * them (struct diags) collects every problem of a file, so that a teacher
 * fixes a lesson in one pass.
 */
#ifndef DESCENT_DIAG_H
#define DESCENT_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_level level;
	char file[256];                 /* "" for a text given directly */
	int line, column;               /* from 1; 0 when not known */
	char message[512];
};

/*
 * Fills d as an error (printf-style message) at file:line:column; file
 * may be NULL.  Returns -1, for `return diag_set(...)`.
 */
int diag_set(struct diag *d, const char *file, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/*
 * Prints d as "FILE:LINE:COLUMN: LEVEL: MESSAGE", leaving out the parts
 * not known, or "descent: LEVEL: MESSAGE" without a file.
 */
void diag_print(FILE *fp, const struct diag *d);
/*
 * Prints d, an error at column d->column of the text src (an expression
 * as the user typed it): "PREFIX: error at column C: MESSAGE", then src
 * indented by two spaces and a caret under the column.  prefix may be
 * NULL ("descent").  A long or blank src, or no column, gives the first
 * line alone.
 */
void diag_print_source(FILE *fp, const char *prefix, const char *src, const struct diag *d);

/* A growing list of problems; diags_init, then diags_done. */
struct diags {
	struct diag *d;
	size_t n, cap;
	size_t errors;                  /* how many are errors */
};

void diags_init(struct diags *ds);
void diags_done(struct diags *ds);
/* Adds a problem (printf-style message); ds may be NULL (nothing is kept). */
void diags_add(struct diags *ds, const char *file, int line, int column,
	       enum diag_level level, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Adds a copy of d. */
void diags_add_diag(struct diags *ds, const struct diag *d);
/*
 * Prints every problem with diag_print, files in the order they were
 * first reported and, within a file, by line and column, the way an
 * editor walks them.
 */
void diags_print(const struct diags *ds, FILE *fp);

#endif
