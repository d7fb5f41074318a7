/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-data-csv.c - data sets read from CSV: good files and inline text
 * give exact values; every kind of bad input gives its exact message at
 * its line and column; the limits give errors, never crashes; a thousand
 * generated rows survive printing and reading back bit for bit.
 *
 * The files are in tests/data/: line.csv is the course's worked example
 * (x,y: 1,2 / 2,3.5 / 3,6), logistic.csv two classes (x1,x2,y with y 0 or
 * 1, 20 rows, separable but for two points), messy.csv everything a valid
 * file may contain (comments, blank lines, CRLF, blanks), bad-*.csv one
 * error each.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include "descent/data.h"
#include "descent/expr.h"
#include "descent/rng.h"

#define DATA_DIR SRCDIR "/tests/data/"

/* A text that must fail, and where and how. */
struct bad {
	const char *text;
	int line, column;
	const char *message;
};

static struct dataset *
parse(const char *text, struct diag *err)
{
	return dataset_parse_csv(text, strlen(text), "--data-inline", err);
}

static void
expect_bad(const struct bad *b)
{
	struct diag err;
	struct dataset *d = parse(b->text, &err);

	cr_expect_null(d, "accepted: \"%s\"", b->text);
	dataset_free(d);
	cr_expect_str_eq(err.file, "--data-inline", "for \"%s\"", b->text);
	cr_expect_str_eq(err.message, b->message, "for \"%s\"", b->text);
	cr_expect_eq(err.line, b->line, "for \"%s\": line %d, not %d",
		     b->text, err.line, b->line);
	cr_expect_eq(err.column, b->column, "for \"%s\": column %d, not %d",
		     b->text, err.column, b->column);
}

static void
expect_bad_all(const struct bad *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expect_bad(&b[i]);
}

/* Checks that column j is named name and holds exactly the n values. */
static void
expect_column(const struct dataset *d, int j, const char *name,
	      const double *v, size_t n)
{
	size_t i;

	cr_assert_lt(j, d->ncols);
	cr_assert_str_eq(d->names[j], name);
	cr_assert_eq(d->nrows, n);
	for (i = 0; i < n; i++)
		cr_expect_eq(d->col[j][i], v[i], "%s[%zu] = %.17g, not %.17g",
			     name, i, d->col[j][i], v[i]);
}

/* --- good input ---------------------------------------------------------- */

Test(data_good, line_file)
{
	static const double x[] = { 1, 2, 3 }, y[] = { 2, 3.5, 6 };
	struct diag err;
	struct dataset *d = dataset_load_csv(DATA_DIR "line.csv", &err);

	cr_assert_not_null(d, "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
	cr_assert_eq(d->ncols, 2);
	expect_column(d, 0, "x", x, 3);
	expect_column(d, 1, "y", y, 3);
	dataset_free(d);
}

Test(data_good, logistic_file)
{
	struct diag err;
	struct dataset *d = dataset_load_csv(DATA_DIR "logistic.csv", &err);
	size_t i, ones = 0;

	cr_assert_not_null(d, "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
	cr_assert_eq(d->ncols, 3);
	cr_assert_eq(d->nrows, 20);
	cr_assert_str_eq(d->names[0], "x1");
	cr_assert_str_eq(d->names[1], "x2");
	cr_assert_str_eq(d->names[2], "y");
	for (i = 0; i < d->nrows; i++) {
		cr_assert(d->col[2][i] == 0 || d->col[2][i] == 1);
		ones += d->col[2][i] == 1;
		cr_assert(fabs(d->col[0][i]) < 5 && fabs(d->col[1][i]) < 5);
	}
	cr_assert_eq(ones, 10);
	/* the first row, exactly */
	cr_assert_eq(d->col[0][0], 0.9);
	cr_assert_eq(d->col[1][0], -0.8);
	cr_assert_eq(d->col[2][0], 0);
	dataset_free(d);
}

Test(data_good, messy_file)
{
	static const double x[] = { 1, -0.5, 0.25, 7 }, y[] = { 2, 300, -0.1, 8 };
	struct diag err;
	struct dataset *d = dataset_load_csv(DATA_DIR "messy.csv", &err);

	cr_assert_not_null(d, "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
	cr_assert_eq(d->ncols, 2);
	expect_column(d, 0, "x", x, 4);
	expect_column(d, 1, "y_1", y, 4);
	dataset_free(d);
}

Test(data_good, inline_with_semicolons)
{
	static const double x[] = { 1, 2, 3 }, y[] = { 2, 3.5, 6 };
	struct diag err;
	struct dataset *d = parse("x,y;1,2;2,3.5;3,6", &err);

	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->ncols, 2);
	expect_column(d, 0, "x", x, 3);
	expect_column(d, 1, "y", y, 3);
	dataset_free(d);
}

Test(data_good, line_ends_and_blanks)
{
	static const char *const texts[] = {
		"x,y\n1,2\n2,3.5\n3,6\n",
		"x,y\r\n1,2\r\n2,3.5\r\n3,6\r\n",
		"x,y\r1,2\r2,3.5\r3,6",                 /* old Mac */
		"x,y;1,2;;2,3.5;\n3,6;",                /* empty rows skipped */
		"\n\n  x\t, y  \n\n 1 ,2\t\n\t2,\t3.5\n   3   ,   6   \n\n",
		"# header next\nx,y\n  # indented comment\n1,2\n#\n2,3.5\n3,6\n# end",
		"\xef\xbb\xbfx,y\n1,2\n2,3.5\n3,6\n",   /* a UTF-8 byte order mark */
		"x,y\n1,2\n2,3.5\n3,6\n\n\n   \n",
	};
	static const double x[] = { 1, 2, 3 }, y[] = { 2, 3.5, 6 };
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct dataset *d = parse(texts[i], &err);
		cr_assert_not_null(d, "text %zu: %d:%d: %s", i, err.line, err.column,
				   err.message);
		expect_column(d, 0, "x", x, 3);
		expect_column(d, 1, "y", y, 3);
		dataset_free(d);
	}
}

Test(data_good, number_forms)
{
	static const double v[] = {
		1, 1, -0.5, 0.5, 2, 1000, 1000, -0.001, 0, 0, 123.456, 1e-320,
		0, 1, 1.5e308,
	};
	const char *text = "v\n1\n+1\n-.5\n.5\n2.\n1e3\n1E+3\n-1e-3\n0\n-0\n"
			   "0123.4560\n1e-320\n1e-999\n"
			   "1.00000000000000000000000000000000000000000000000000"
			   "00000000000000000000000000000000000000000000000000\n"
			   "1.5e308\n";
	struct diag err;
	struct dataset *d = parse(text, &err);

	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	expect_column(d, 0, "v", v, sizeof v / sizeof v[0]);
	cr_assert(signbit(d->col[0][9]), "-0 keeps its sign");
	dataset_free(d);
}

Test(data_good, length_is_respected)
{
	/* the text is not NUL-terminated: ASan catches a read past len */
	const char *src = "x,y;1,2;3,4garbage that must not be read";
	size_t len = strlen("x,y;1,2;3,4");
	char *text = malloc(len);
	struct diag err;
	struct dataset *d;

	memcpy(text, src, len);
	d = dataset_parse_csv(text, len, "buf", &err);
	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->nrows, 2);
	cr_assert_eq(d->col[1][1], 4);
	dataset_free(d);
	/* nothing at all, even with a NULL text */
	cr_assert_null(dataset_parse_csv(NULL, 0, "null", &err));
	cr_assert_str_eq(err.message, "the data is empty: expected a header row of column names");
	cr_assert_str_eq(err.file, "null");
	free(text);
}

Test(data_good, one_column_and_lookup)
{
	struct diag err;
	struct dataset *d = parse("_,y_2,Alpha;4,5,6", &err);

	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(dataset_column(d, "_"), 0);
	cr_assert_eq(dataset_column(d, "y_2"), 1);
	cr_assert_eq(dataset_column(d, "Alpha"), 2);
	cr_assert_eq(dataset_column(d, "alpha"), -1);
	cr_assert_eq(dataset_column(d, "y"), -1);
	cr_assert_eq(dataset_column(d, ""), -1);
	dataset_free(d);

	d = parse("y\n1\n2\n", &err);
	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->ncols, 1);
	cr_assert_eq(d->nrows, 2);
	cr_assert_eq(d->col[0][1], 2);
	dataset_free(d);
	dataset_free(NULL);
}

Test(data_good, round_trip_1000_rows)
{
	static const char *const ends[] = { "\n", "\r\n", ";", "\n\n", "\n# c\n" };
	enum { N = 1000, C = 4 };
	double v[C][N];
	struct diag err;
	struct dataset *d;
	struct rng r;
	size_t size = 64 + (size_t)N * C * 40, len = 0;
	char *text = malloc(size);
	int i, j;

	rng_init(&r, 2024);
	len += snprintf(text + len, size - len, "a, b1,\t_c ,D\n");
	for (i = 0; i < N; i++) {
		for (j = 0; j < C; j++) {
			switch (rng_below(&r, 5)) {
			case 0: v[j][i] = (double)(int64_t)rng_below(&r, 2001) - 1000; break;
			case 1: v[j][i] = rng_normal(&r); break;
			case 2: v[j][i] = rng_normal(&r) * pow(10, rng_uniform(&r, -300, 300)); break;
			case 3: v[j][i] = rng_uniform(&r, 0, 1) * 1e-310; break;  /* subnormal */
			default: v[j][i] = rng_uniform(&r, -1, 1); break;
			}
			len += snprintf(text + len, size - len,
					rng_below(&r, 2) ? "%s%.17g" : "%s %.16e\t",
					j > 0 ? "," : "", v[j][i]);
		}
		len += snprintf(text + len, size - len, "%s", ends[rng_below(&r, 5)]);
	}
	cr_assert_lt(len, size);
	d = dataset_parse_csv(text, len, "round-trip", &err);
	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->ncols, C);
	cr_assert_eq(d->nrows, N);
	cr_assert_str_eq(d->names[1], "b1");
	cr_assert_str_eq(d->names[2], "_c");
	for (j = 0; j < C; j++)
		for (i = 0; i < N; i++)
			cr_assert_eq(d->col[j][i], v[j][i], "col %d row %d: %.17g, not %.17g",
				     j, i, d->col[j][i], v[j][i]);
	dataset_free(d);
	free(text);
}

Test(data_good, names_agree_with_the_expression_parser)
{
	/* the reserved names are not variables of the expression language ... */
	static const char *const reserved[] = {
		"pi", "e", "sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs",
		"tanh", "sigmoid", "relu", "softplus", "sign", "step", "min", "max",
		"select",
	};
	/* ... and every accepted name is one */
	static const char *const accepted[] = {
		"x", "_", "_x", "E", "PI", "Pi", "e1", "exp2", "sinh", "Sin", "x_1_",
		"select_", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
	};
	struct diag ee;
	struct diag err;
	char text[128];
	size_t i;

	for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		struct expr *e = expr_parse(reserved[i], NULL, 0, &ee);
		cr_expect(e == NULL || expr_nvars(e) == 0, "%s is a variable", reserved[i]);
		expr_free(e);
		snprintf(text, sizeof text, "x,%s\n1,2\n", reserved[i]);
		cr_expect_null(parse(text, &err), "%s accepted", reserved[i]);
		cr_expect_eq(err.column, 3);
	}
	for (i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		struct expr *e = expr_parse(accepted[i], NULL, 0, &ee);
		struct dataset *d;
		cr_assert_not_null(e, "%s: %s", accepted[i], ee.message);
		cr_expect_eq(expr_nvars(e), 1, "%s is not a variable", accepted[i]);
		expr_free(e);
		snprintf(text, sizeof text, "%s\n1\n", accepted[i]);
		d = parse(text, &err);
		cr_expect_not_null(d, "%s: %s", accepted[i], err.message);
		dataset_free(d);
	}
}

/* --- bad input ----------------------------------------------------------- */

Test(data_errors, column_names)
{
	static const struct bad bad[] = {
		{ "2x,y\n1,2", 1, 1, "column name '2x' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "x,y z\n1,2", 1, 3, "column name 'y z' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "x, y-1 \n1,2", 1, 4, "column name 'y-1' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "x,\"y\"\n1,2", 1, 3, "column name '\"y\"' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "x,\xc3\xa9t\xc3\xa9\n1,2", 1, 3, "column name '\xc3\xa9t\xc3\xa9' is "
		  "not a name: use letters, digits and '_', starting with a letter" },
		{ "x,#y\n1,2", 1, 3, "column name '#y' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "# c\n\nx,2y\n1,2", 3, 3, "column name '2y' is not a name: use letters, "
		  "digits and '_', starting with a letter" },
		{ "1,2\n3,4", 1, 1, "column name '1' is a number: the first row must "
		  "name the columns (e.g. x,y)" },
		{ "x,-2.5e3\n3,4", 1, 3, "column name '-2.5e3' is a number: the first row "
		  "must name the columns (e.g. x,y)" },
		{ "x,\n1,2", 1, 3, "empty column name: every column needs a name in the header row" },
		{ " ,y\n1,2", 1, 2, "empty column name: every column needs a name in the header row" },
		{ "x,,y\n1,2,3", 1, 3, "empty column name: every column needs a name in the header row" },
		{ "x,y,x\n1,2,3", 1, 5, "column 'x' appears twice (columns 1 and 3)" },
		{ "a,b,c,d , b\n1,2,3,4,5", 1, 11, "column 'b' appears twice (columns 2 and 5)" },
		{ "pi,y\n1,2", 1, 1, "'pi' is a constant of the expression language and "
		  "cannot name a column" },
		{ "x,e;1,2", 1, 3, "'e' is a constant of the expression language and "
		  "cannot name a column" },
		{ "x,sin\n1,2", 1, 3, "'sin' is a function of the expression language "
		  "and cannot name a column" },
		{ "select,x\n1,2", 1, 1, "'select' is a function of the expression "
		  "language and cannot name a column" },
	};

	expect_bad_all(bad, sizeof bad / sizeof bad[0]);
}

Test(data_errors, every_function_name)
{
	static const char *const funcs[] = {
		"sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "tanh",
		"sigmoid", "relu", "softplus", "sign", "step", "min", "max", "select",
	};
	char text[64], message[128];
	size_t i;

	for (i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
		struct bad b = { text, 1, 4, message };
		snprintf(text, sizeof text, "a, %s\n1,2\n", funcs[i]);
		snprintf(message, sizeof message, "'%s' is a function of the expression "
			 "language and cannot name a column", funcs[i]);
		expect_bad(&b);
	}
}

Test(data_errors, numbers)
{
	static const struct bad bad[] = {
		{ "x,y\n1,abc\n", 2, 3, "'abc' is not a number" },
		{ "x,y\n1, 5abc\n", 2, 4, "'5abc' is not a number" },
		{ "x,y\n\t1,\tfoo\n", 2, 5, "'foo' is not a number" },
		{ "x,y\n1,2 3", 2, 3, "'2 3' is not a number" },
		{ "x,y\n0x1A,2", 2, 1, "'0x1A' is not a number" },
		{ "x,y\n1,inf", 2, 3, "'inf' is not a number" },
		{ "x,y\n1,-INF", 2, 3, "'-INF' is not a number" },
		{ "x,y\n1,nan", 2, 3, "'nan' is not a number" },
		{ "x,y\n1,1e", 2, 3, "'1e' is not a number" },
		{ "x,y\n1,1e+", 2, 3, "'1e+' is not a number" },
		{ "x,y\n1,.", 2, 3, "'.' is not a number" },
		{ "x,y\n1,-", 2, 3, "'-' is not a number" },
		{ "x,y\n1,+-1", 2, 3, "'+-1' is not a number" },
		{ "x,y\n1,1.2.3", 2, 3, "'1.2.3' is not a number" },
		{ "x,y\n1,1e5.5", 2, 3, "'1e5.5' is not a number" },
		{ "x,y\n1,\"2\"", 2, 3, "'\"2\"' is not a number" },
		{ "x,y\n1,2 # the point\n", 2, 3,
		  "'2 # the point' is not a number (a comment must be on a line of its own)" },
		{ "x,y\n1,\x1b[2J", 2, 3, "'?[2J' is not a number" },
		{ "x,y\n1,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  2, 3, "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a number" },
		/* a cut never splits a UTF-8 character (é is 2 bytes; 40 is inside the 20th) */
		{ "x,y\n1,a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2, 3,
		  "'a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9...' is not a number" },
		{ "x,y\n1,\n", 2, 3, "empty field: expected a number" },
		{ "x,y\n1,   \n", 2, 3, "empty field: expected a number" },
		{ "x,y\n,2\n", 2, 1, "empty field: expected a number" },
		{ "x,y\n  , 2\n", 2, 3, "empty field: expected a number" },
		{ "x,y\n1,1e999\n", 2, 3, "'1e999' is too large" },
		{ "x,y\n-1e999,1\n", 2, 1, "'-1e999' is too large" },
		{ "x,y\n1,1.8e308\n", 2, 3, "'1.8e308' is too large" },
		{ "x,y\r\n1,2\r\n3,z\r\n", 3, 3, "'z' is not a number" },
		{ "x,y\r1,2\r3,z\r", 3, 3, "'z' is not a number" },
		{ "x,y;1,2;3,q", 1, 11, "'q' is not a number" },
		{ "x,y\n1,2;3,4;5,q;7,8\n", 2, 11, "'q' is not a number" },
		{ "# c;d\nx,y\n1,q", 3, 3, "'q' is not a number" },
		{ "\xef\xbb\xbfx,y\n1,q", 2, 3, "'q' is not a number" },
		{ "\xef\xbb\xbfx,2", 1, 3, "column name '2' is a number: the first row "
		  "must name the columns (e.g. x,y)" },
	};

	expect_bad_all(bad, sizeof bad / sizeof bad[0]);
}

Test(data_errors, ragged_rows)
{
	static const struct bad bad[] = {
		{ "x,y\n1,2,3\n", 2, 5, "row has 3 fields, but the header has 2" },
		{ "x,y\n1,2, 3 , 4\n", 2, 6, "row has 4 fields, but the header has 2" },
		{ "x,y\n1,2,\n", 2, 5, "row has 3 fields, but the header has 2" },
		{ "x,y\n1\n", 2, 1, "row has 1 field, but the header has 2" },
		{ "x,y\n   1\n", 2, 4, "row has 1 field, but the header has 2" },
		{ "x,y,z\n1,2\n", 2, 1, "row has 2 fields, but the header has 3" },
		{ "x\n1\n1,2\n", 3, 3, "row has 2 fields, but the header has 1" },
		{ "x,y;1,2;3", 1, 9, "row has 1 field, but the header has 2" },
		{ "x,y\n1,2\n\n# c\n3,4,5,6", 5, 5, "row has 4 fields, but the header has 2" },
	};

	expect_bad_all(bad, sizeof bad / sizeof bad[0]);
}

Test(data_errors, empty_and_header_only)
{
	static const struct bad bad[] = {
		{ "", 0, 0, "the data is empty: expected a header row of column names" },
		{ "  \n\n\t\r\n", 0, 0, "the data is empty: expected a header row of column names" },
		{ "# only\n  # comments\n", 0, 0, "the data is empty: expected a header row of column names" },
		{ ";;\n;", 0, 0, "the data is empty: expected a header row of column names" },
		{ "\xef\xbb\xbf", 0, 0, "the data is empty: expected a header row of column names" },
		{ "x,y", 1, 0, "no data rows after the header" },
		{ "x,y\n", 1, 0, "no data rows after the header" },
		{ "x,y;", 1, 0, "no data rows after the header" },
		{ "\n# c\nx,y\n\n# 1,2\n", 3, 0, "no data rows after the header" },
	};

	expect_bad_all(bad, sizeof bad / sizeof bad[0]);
}

Test(data_errors, nul_bytes)
{
	static const struct {
		const char *text;
		size_t len;
		int line, column;
	} cases[] = {
		{ "x,y\n1,\0", 7, 2, 3 },
		{ "\0x,y\n1,2", 8, 1, 1 },
		{ "# a\0b\nx\n1", 9, 1, 4 },
		{ "x\r\n\0", 4, 2, 1 },
		{ "x\r1\r\n2;3\0", 9, 3, 4 },
	};
	struct diag err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_expect_null(dataset_parse_csv(cases[i].text, cases[i].len, "nul", &err));
		cr_expect_str_eq(err.message, "unexpected NUL byte", "case %zu", i);
		cr_expect_eq(err.line, cases[i].line, "case %zu: line %d", i, err.line);
		cr_expect_eq(err.column, cases[i].column, "case %zu: column %d", i, err.column);
	}
}

/* --- limits -------------------------------------------------------------- */

/* A header of n columns c0,c1,... and one row of n ones. */
static char *
wide_text(int n, size_t *header_len)
{
	char *text = malloc(16 * (size_t)n + 2), *p = text;
	int j;

	for (j = 0; j < n; j++)
		p += sprintf(p, "%sc%d", j > 0 ? "," : "", j);
	*header_len = (size_t)(p - text);
	*p++ = '\n';
	for (j = 0; j < n; j++)
		p += sprintf(p, "%s1", j > 0 ? "," : "");
	*p = '\0';
	return text;
}

Test(data_limits, columns)
{
	struct diag err;
	struct dataset *d;
	size_t hlen;
	char *text = wide_text(DATA_MAX_COLUMNS, &hlen);

	d = parse(text, &err);
	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->ncols, DATA_MAX_COLUMNS);
	cr_assert_eq(dataset_column(d, "c63"), 63);
	dataset_free(d);
	free(text);

	text = wide_text(DATA_MAX_COLUMNS + 1, &hlen);
	cr_assert_null(parse(text, &err));
	cr_assert_str_eq(err.message, "too many columns: the limit is 64");
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, (int)hlen - 2);        /* the start of "c64" */
	free(text);
}

Test(data_limits, name_length)
{
	char name[DATA_MAX_NAME + 2], text[128];
	struct diag err;
	struct dataset *d;

	memset(name, 'a', DATA_MAX_NAME);
	name[DATA_MAX_NAME] = '\0';
	snprintf(text, sizeof text, "x,%s\n1,2", name);
	d = parse(text, &err);
	cr_assert_not_null(d, "%s", err.message);
	cr_assert_eq(dataset_column(d, name), 1);
	dataset_free(d);

	strcat(name, "a");
	snprintf(text, sizeof text, "x,%s\n1,2", name);
	cr_assert_null(parse(text, &err));
	cr_assert_str_eq(err.message, "column name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' "
			 "is too long (64 bytes; the limit is 63)");
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 3);
}

Test(data_limits, rows)
{
	size_t n = DATA_MAX_ROWS, len = 0;
	char *text = malloc(2 * n + 16);
	struct diag err;
	struct dataset *d;
	size_t i;

	len += sprintf(text, "v\n");
	for (i = 0; i < n; i++) {
		text[len++] = (char)('0' + i % 10);
		text[len++] = '\n';
	}
	d = dataset_parse_csv(text, len, "rows", &err);
	cr_assert_not_null(d, "%d:%d: %s", err.line, err.column, err.message);
	cr_assert_eq(d->nrows, n);
	cr_assert_eq(d->col[0][n - 1], (double)((n - 1) % 10));
	dataset_free(d);

	memcpy(text + len, "  7", 3);
	cr_assert_null(dataset_parse_csv(text, len + 3, "rows", &err));
	cr_assert_str_eq(err.message, "too many data rows: the limit is 1000000");
	cr_assert_eq(err.line, DATA_MAX_ROWS + 2);
	cr_assert_eq(err.column, 3);
	free(text);
}

/* --- files --------------------------------------------------------------- */

Test(data_files, bad_files)
{
	static const struct {
		const char *file;
		int line, column;
		const char *message;
	} cases[] = {
		{ "bad-number.csv", 3, 3, "'abc' is not a number" },
		{ "bad-ragged.csv", 4, 5, "row has 3 fields, but the header has 2" },
		{ "bad-repeated-name.csv", 1, 5, "column 'x' appears twice (columns 1 and 3)" },
		{ "bad-header-only.csv", 1, 0, "no data rows after the header" },
		{ "bad-empty.csv", 0, 0, "the data is empty: expected a header row of column names" },
	};
	struct diag err;
	char path[512];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(path, sizeof path, "%s%s", DATA_DIR, cases[i].file);
		cr_expect_null(dataset_load_csv(path, &err), "%s", path);
		cr_expect_str_eq(err.file, path);
		cr_expect_str_eq(err.message, cases[i].message, "%s", cases[i].file);
		cr_expect_eq(err.line, cases[i].line, "%s: line %d", cases[i].file, err.line);
		cr_expect_eq(err.column, cases[i].column, "%s: column %d", cases[i].file,
			     err.column);
	}
}

Test(data_files, missing_file)
{
	const char *path = DATA_DIR "no-such-file.csv";
	struct diag err;

	cr_assert_null(dataset_load_csv(path, &err));
	cr_assert_str_eq(err.file, path);
	cr_assert_str_eq(err.message, "cannot open the file: No such file or directory");
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
}

Test(data_files, directory)
{
	struct diag err;

	cr_assert_null(dataset_load_csv(SRCDIR "/tests/data", &err));
	cr_assert_str_eq(err.message, "cannot read the file: not a regular file (a directory)");
	cr_assert_str_eq(err.file, SRCDIR "/tests/data");
	cr_assert_eq(err.line, 0);
}

/* A sparse temporary file of size zero bytes; returns its path (free it). */
static char *
zeros_file(off_t size)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	int fd;

	snprintf(path, 4096, "%s/descent-data-XXXXXX", dir != NULL ? dir : "/tmp");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0, "mkstemp %s", path);
	cr_assert_eq(ftruncate(fd, size), 0);
	close(fd);
	return path;
}

Test(data_files, size_limit)
{
	struct diag err;
	char *path;

	/* 64 MB is read (and then refused for its NUL bytes) ... */
	path = zeros_file((off_t)64 << 20);
	cr_expect_null(dataset_load_csv(path, &err));
	cr_expect_str_eq(err.message, "unexpected NUL byte");
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 1);
	unlink(path);
	free(path);
	/* ... one byte more is not */
	path = zeros_file(((off_t)64 << 20) + 1);
	cr_expect_null(dataset_load_csv(path, &err));
	cr_expect_str_eq(err.message, "file too large: the limit is 64 MB");
	cr_expect_eq(err.line, 0);
	unlink(path);
	free(path);
}

/* --- printing ------------------------------------------------------------ */

Test(data_print, formats, .init = cr_redirect_stderr)
{
	struct diag err = { .file = "data.csv", .line = 3, .column = 5, .message = "boom" };
	struct dataset *d;

	diag_print(stderr, &err);
	err.column = 0;
	diag_print(stderr, &err);
	err.line = 0;
	diag_print(stderr, &err);
	err.file[0] = '\0';
	diag_print(stderr, &err);
	d = parse("x,y;1,2;3,q", &err);
	cr_assert_null(d);
	diag_print(stderr, &err);
	dataset_load_csv(DATA_DIR "no-such-file.csv", &err);
	diag_print(stderr, &err);
	fflush(stderr);
	cr_assert_stderr_eq_str(
		"data.csv:3:5: error: boom\n"
		"data.csv:3: error: boom\n"
		"data.csv: error: boom\n"
		"descent: error: boom\n"
		"--data-inline:1:11: error: 'q' is not a number\n"
		DATA_DIR "no-such-file.csv: error: cannot open the file: "
		"No such file or directory\n");
}
