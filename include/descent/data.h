/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data.h - small data sets for data objectives: named columns of numbers,
 * read from CSV text with a header row, or drawn from a seed as one of
 * the built-in toy sets; and a seeded split into training, validation and
 * test parts.
 */
#ifndef DESCENT_DATA_H
#define DESCENT_DATA_H

#include <stddef.h>
#include <stdint.h>

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

/* The limits of a toy set's n (its number of points). */
#define DATA_TOY_MIN_N 2
#define DATA_TOY_MAX_N 100000

/*
 * A built-in toy set, for help texts and completion: its name, what it
 * holds in one line, the keys of its spec, and its defaults.
 */
struct dataset_toy_info {
	const char *name;               /* "moons" */
	const char *summary;            /* one line, no final period */
	const char *keys;               /* "n, noise or seed" */
	size_t n;                       /* the default number of points */
	double noise;                   /* the default noise */
};

/*
 * Draws a built-in toy set from its spec, NAME or NAME,KEY=VALUE,...:
 *
 *   line     x, y      y = 2x - 0.5 + noise, x uniform in [-1, 1)
 *   sine     x, y      y = sin(x) + noise, x uniform in [-3, 3)
 *   xor      x1, x2, y clusters at the corners (+-1, +-1); y = 1 where
 *                      the corner's signs differ, else 0
 *   moons    x1, x2, y two interleaving half circles, y 0 (upper) or 1
 *   circles  x1, x2, y a circle of radius 1 (y = 0) around one of radius
 *                      factor (y = 1)
 *
 * Keys: n, the number of points (DATA_TOY_MIN_N to DATA_TOY_MAX_N; 50 for
 * line, 100 for sine, 200 for the others); noise, the deviation of the
 * Gaussian noise (0 to 1000; 0.1 for line, sine and moons, 0.2 for xor,
 * 0.05 for circles); seed (a whole number from 0 to 2^64 - 1; 1); and for
 * circles, factor (between 0 and 1, both excluded; 0.5).  Blanks around
 * the name, keys and values are ignored.  The rows of the classes
 * alternate: row i has y = i % 2, so an odd n has one more point of class
 * 0.  A seed gives the same draws on every machine (data-toy.c says in
 * which order, so that a reader can redo them); the values are the same
 * bit for bit wherever the C library's sin and cos round alike.
 *
 * Errors (an empty spec, no name, an unknown name or key, an item that
 * is not KEY=VALUE, an empty item, a bad number, a value out of range, a
 * repeated key) fill err with the 1-based byte column of the offending
 * part of spec (line 0, no file).  Returns NULL on error; free the result
 * with dataset_free.
 */
struct dataset *dataset_toy(const char *spec, struct diag *err);

/*
 * Whether spec names a built-in set: whether its part before the first
 * comma, blanks around it ignored, is one of the names (exactly: "Moons",
 * "moons.csv" and "./moons" are not).  Callers use it to choose between a
 * file and a toy set, so a file named like a set is read as "./moons".
 */
int dataset_toy_is_name(const char *spec);

/* The names of the built-in sets, in a fixed order, NULL-ended. */
const char *const *dataset_toy_names(void);

/* The set named name (exactly), or NULL; borrowed, static. */
const struct dataset_toy_info *dataset_toy_info(const char *name);

/*
 * Splits d into training, validation and test parts, seeded: the row
 * indices 0..n-1 are shuffled with rng_shuffle (an rng seeded with
 * rng_init(seed)); the first round(ftest * n) go to the test part, the
 * next round(fval * n) to the validation part, the rest to training (C's
 * round: halves away from zero, so 0.25 of 10 rows is 3).
 * Each part keeps the rows in their order in d, and every column with
 * its name: it is a deep copy, to free with dataset_free.  A part with no
 * rows is NULL (with fval or ftest 0, or a fraction too small for n).
 * fval and ftest must be in [0, 1), fval + ftest below 1, and the
 * training part must keep at least one row; otherwise returns -1, fills
 * err (no line or column) and sets the three parts to NULL.  Returns 0 on
 * success.  d, train, val and test must not be NULL.
 */
int dataset_split(const struct dataset *d, double fval, double ftest, uint64_t seed,
		  struct dataset **train, struct dataset **val, struct dataset **test,
		  struct diag *err);

#endif
