/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data.h - small data sets for data objectives: named columns of numbers,
 * read from CSV text with a header row.
 */
#ifndef DESCENT_DATA_H
#define DESCENT_DATA_H

#include <stddef.h>

#include "descent/diag.h"

/* Limits, past which loading fails with a clear error. */
#define DATA_MAX_COLUMNS 64
#define DATA_MAX_ROWS 1000000
#define DATA_MAX_NAME 63

/*
 * A data set: ncols columns named by valid expression names (letters,
 * digits, '_', not starting with a digit, not "pi" or "e" or a function
 * name), each with nrows values.  col[j][i] is row i of column j.
 */
struct dataset {
	int ncols;
	size_t nrows;
	char **names;
	double **col;
};

/*
 * Parses CSV text: a header row of column names, then one row of numbers
 * per line.  Fields are separated by commas; spaces and tabs around a
 * field are ignored; lines may end with \n or \r\n; blank lines and lines
 * whose first non-blank character is '#' are skipped; ';' also ends a row,
 * so that a whole data set fits on a command line ("x,y;1,2;2,3.5").
 * Numbers are decimal as in C (strtod), but not hex, inf or nan.  Errors:
 * an empty text or header, a bad or repeated column name, a row with
 * the wrong number of fields (a ragged row), a field that is not a
 * number, too many rows or columns, no data rows.  Every error names the
 * line and column of the offending field.  name is used in messages
 * (e.g. the file name, or "--data-inline").  Returns NULL and fills err
 * on error; free the result with dataset_free.
 */
struct dataset *dataset_parse_csv(const char *text, size_t len, const char *name,
				  struct diag *err);

/* Reads and parses a CSV file; a file that cannot be read is an error too. */
struct dataset *dataset_load_csv(const char *path, struct diag *err);

void dataset_free(struct dataset *d);

/* The index of the column named name, or -1. */
int dataset_column(const struct dataset *d, const char *name);

#endif
