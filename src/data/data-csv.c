/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data-csv.c - small data sets read from CSV text: a header row of column
 * names, then rows of decimal numbers.
 *
 * The text is given with its length: it need not end with a NUL, and must
 * not contain one.  A row ends at '\n', "\r\n", a lone '\r' (old Mac
 * files) or ';'; rows separated by ';' share their line number, and
 * columns are 1-based byte offsets in the line, so that every error points
 * at its field.  A UTF-8 byte order mark before the header is skipped.
 * The header is checked in place before anything is allocated; data rows
 * then go straight into columns that grow by doubling.  Numbers must match
 * a strict decimal pattern before strtod reads them, which assumes that
 * LC_NUMERIC is "C" (main.c sets it).
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"

#include "data-int.h"

#define DATA_MAX_FILE_MB 64     /* what dataset_load_csv reads, at most */

/* A field of a row, [start, end) in the text, blanks around it removed. */
struct span {
	size_t start, end;
};

/* A row: its span, and the line it is on (for error positions). */
struct row {
	size_t start, end;
	size_t linestart;       /* offset of the first byte of its line */
	int line;
};

/* The fields of a row, one by one. */
struct fields {
	size_t pos, end;
	int done;
};

struct csv {
	const char *text;
	size_t len;
	size_t pos;             /* the next byte to read */
	size_t linestart;       /* offset of the current line's first byte */
	int line;               /* 1-based number of the current line */
	struct diag *err;
};

/* Lines and columns are ints: a monstrous text saturates them, never wraps. */
static int
clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* The 1-based byte column of offset off in the row's line. */
static int
row_column(const struct row *r, size_t off)
{
	return clamp_int(off - r->linestart + 1);
}

/* Fills err's place and message (err->file is set once, on entry). */
DESCENT_PRINTF(4, 5) static void
set_error(struct diag *err, int line, int column, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof err->message], file[sizeof err->file];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(file, err->file, sizeof file);
	diag_set(err, file, line, column, "%s", msg);
}

/* Field f of the text, quoted for a message (data_quote). */
static const char *
quote(char *buf, size_t size, const char *text, struct span f)
{
	return data_quote(buf, size, text + f.start, f.end - f.start);
}

/* Blanks around fields are ignored, as the header promises. */
static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* '\n' and '\r' both end a line; "\r\n" is one end (see csv_end_row). */
static int
is_line_end(char ch)
{
	return ch == '\n' || ch == '\r';
}

/* Moves past the end of a row at e: ';', a line end, or the end of the text. */
static void
csv_end_row(struct csv *c, size_t e)
{
	if (e >= c->len) {
		c->pos = c->len;
		return;
	}
	if (c->text[e] == '\r' && e + 1 < c->len && c->text[e + 1] == '\n')
		e++;
	c->pos = e + 1;
	if (c->text[e] == ';')
		return;
	c->linestart = c->pos;
	if (c->line < INT_MAX)
		c->line++;
}

/*
 * Finds the next row that is neither blank nor a comment; returns 0 at
 * the end of the text.  A comment is a line whose first non-blank byte is
 * '#', and runs to the end of the line (a ';' does not end it).
 */
static int
csv_next_row(struct csv *c, struct row *r)
{
	const char *t = c->text;

	while (c->pos < c->len) {
		int comment = 0;
		size_t p = c->pos, e;

		while (p < c->len && is_blank(t[p]))
			p++;
		if (c->pos == c->linestart && p < c->len && t[p] == '#')
			comment = 1;
		for (e = p; e < c->len; e++)
			if (is_line_end(t[e]) || (!comment && t[e] == ';'))
				break;
		r->start = p;
		r->end = e;
		r->line = c->line;
		r->linestart = c->linestart;
		while (r->end > r->start && is_blank(t[r->end - 1]))
			r->end--;
		csv_end_row(c, e);
		if (!comment && r->end > r->start)
			return 1;
	}
	return 0;
}

/* Starts iterating over the fields of row r. */
static void
fields_init(struct fields *it, const struct row *r)
{
	it->pos = r->start;
	it->end = r->end;
	it->done = 0;
}

/* The next comma-separated field of the row, blanks removed; 0 after the last. */
static int
fields_next(const char *t, struct fields *it, struct span *f)
{
	size_t s = it->pos, e;

	if (it->done)
		return 0;
	while (s < it->end && is_blank(t[s]))
		s++;
	for (e = s; e < it->end && t[e] != ','; e++)
		;
	if (e == it->end)
		it->done = 1;
	it->pos = e + 1;
	f->start = s;
	while (e > s && is_blank(t[e - 1]))
		e--;
	f->end = e;
	return 1;
}

/* The number of fields of a row: one more than its commas. */
static size_t
row_nfields(const char *t, const struct row *r)
{
	size_t n = 1, i;

	for (i = r->start; i < r->end; i++)
		n += t[i] == ',';
	return n;
}

/* ASCII only, whatever the locale: the expression lexer's idea of a name. */
static int
is_name_char(char ch, int first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
	       (!first && ch >= '0' && ch <= '9');
}

/* True when two fields have the same text. */
static int
span_eq(const char *t, struct span a, struct span b)
{
	size_t n = a.end - a.start;

	return n == b.end - b.start && memcmp(t + a.start, t + b.start, n) == 0;
}

/* Checks header field i (names[0..i) already good); 0 and err filled if bad. */
static int
check_name(struct csv *c, const struct row *r, const struct span *names, int i)
{
	const char *t = c->text;
	struct span f = names[i];
	int col = row_column(r, f.start);
	size_t n = f.end - f.start, k;
	const char *what;
	char q[64];
	int j;

	if (n == 0) {
		set_error(c->err, r->line, col,
			  _("empty column name: every column needs a name in the header row"));
		return 0;
	}
	if (data_is_decimal(t + f.start, n)) {
		set_error(c->err, r->line, col, _("column name %s is a number: the first "
			  "row must name the columns (e.g. x,y)"), quote(q, sizeof q, t, f));
		return 0;
	}
	for (k = 0; k < n; k++)
		if (!is_name_char(t[f.start + k], k == 0))
			break;
	if (k < n) {
		set_error(c->err, r->line, col, _("column name %s is not a name: use "
			  "letters, digits and '_', starting with a letter"),
			  quote(q, sizeof q, t, f));
		return 0;
	}
	if (n > DATA_MAX_NAME) {
		set_error(c->err, r->line, col, _("column name %s is too long "
			  "(%zu bytes; the limit is %d)"), quote(q, sizeof q, t, f),
			  n, DATA_MAX_NAME);
		return 0;
	}
	/* a column named so could never be used in an objective */
	if (expr_is_reserved(t + f.start, n, &what)) {
		/* what is "function" or "constant" (expr_is_reserved) */
		set_error(c->err, r->line, col, strcmp(what, "function") == 0 ?
			  _("'%.*s' is a function of the expression language and cannot "
			    "name a column") :
			  _("'%.*s' is a constant of the expression language and cannot "
			    "name a column"), (int)n, t + f.start);
		return 0;
	}
	for (j = 0; j < i; j++)
		if (span_eq(t, names[j], f)) {
			set_error(c->err, r->line, col, _("column %s appears twice "
				  "(columns %d and %d)"), quote(q, sizeof q, t, f),
				  j + 1, i + 1);
			return 0;
		}
	return 1;
}

/* Reads the header row into names[]; returns the column count, or 0 on error. */
static int
read_header(struct csv *c, const struct row *r, struct span *names)
{
	struct fields it;
	struct span f;
	int n = 0;

	fields_init(&it, r);
	while (fields_next(c->text, &it, &f)) {
		if (n == DATA_MAX_COLUMNS) {
			set_error(c->err, r->line, row_column(r, f.start),
				  _("too many columns: the limit is %d"), DATA_MAX_COLUMNS);
			return 0;
		}
		names[n] = f;
		if (!check_name(c, r, names, n))
			return 0;
		n++;
	}
	return n;
}

/* Reads field f as a number into *v; 0 and err filled if it is not one. */
static int
read_number(struct csv *c, const struct row *r, struct span f, double *v)
{
	const char *t = c->text;
	size_t n = f.end - f.start;
	int col = row_column(r, f.start);
	char small[64], *buf = small, *end, q[64];

	if (n == 0) {
		set_error(c->err, r->line, col, _("empty field: expected a number"));
		return 0;
	}
	if (!data_is_decimal(t + f.start, n)) {
		set_error(c->err, r->line, col, memchr(t + f.start, '#', n) != NULL ?
			  _("%s is not a number (a comment must be on a line of its own)") :
			  _("%s is not a number"), quote(q, sizeof q, t, f));
		return 0;
	}
	if (n >= sizeof small)
		buf = xmalloc(n + 1);
	memcpy(buf, t + f.start, n);
	buf[n] = '\0';
	*v = strtod(buf, &end);
	if (end != buf + n)
		fatal("strtod stopped early in '%s': LC_NUMERIC must be \"C\"", buf);
	if (buf != small)
		free(buf);
	if (isinf(*v)) {
		set_error(c->err, r->line, col, _("%s is too large"),
			  quote(q, sizeof q, t, f));
		return 0;
	}
	return 1;
}

/* Reads one data row into row d->nrows of the columns; 0 and err filled if bad. */
static int
read_row(struct csv *c, const struct row *r, struct dataset *d)
{
	size_t nf = row_nfields(c->text, r);
	struct fields it;
	struct span f;
	int j;

	fields_init(&it, r);
	if (nf != (size_t)d->ncols) {
		size_t col = r->start;
		for (j = 0; fields_next(c->text, &it, &f); j++)
			if (j == d->ncols) {
				col = f.start;
				break;
			}
		set_error(c->err, r->line, row_column(r, col),
			  P_("row has %zu field, but the header has %d",
			     "row has %zu fields, but the header has %d", nf), nf, d->ncols);
		return 0;
	}
	for (j = 0; fields_next(c->text, &it, &f); j++)
		if (!read_number(c, r, f, &d->col[j][d->nrows]))
			return 0;
	return 1;
}

/* Finds the first NUL byte of the text; 0 and err filled when there is one. */
static int
check_no_nul(struct csv *c)
{
	const char *nul = memchr(c->text + c->pos, '\0', c->len - c->pos);
	size_t off, i, linestart = c->pos;
	int line = 1;

	if (nul == NULL)
		return 1;
	off = (size_t)(nul - c->text);
	for (i = c->pos; i < off; i++)
		if (c->text[i] == '\n' ||
		    (c->text[i] == '\r' && c->text[i + 1] != '\n')) {
			linestart = i + 1;
			if (line < INT_MAX)
				line++;
		}
	set_error(c->err, line, clamp_int(off - linestart + 1), _("unexpected NUL byte"));
	return 0;
}

struct dataset *
dataset_parse_csv(const char *text, size_t len, const char *name,
		  struct diag *err)
{
	struct span names[DATA_MAX_COLUMNS];
	struct diag dummy;
	struct dataset *d = NULL;
	struct csv c;
	struct row r;
	size_t cap = 0;
	int n, j, header_line;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof *err);
	diag_set(err, name, 0, 0, "%s", "");
	memset(&c, 0, sizeof c);
	c.text = text != NULL ? text : "";
	c.len = text != NULL ? len : 0;
	c.line = 1;
	c.err = err;
	if (c.len >= 3 && memcmp(c.text, "\xef\xbb\xbf", 3) == 0)
		c.pos = c.linestart = 3;
	if (!check_no_nul(&c))
		return NULL;
	if (!csv_next_row(&c, &r)) {
		set_error(err, 0, 0, _("the data is empty: expected a header row of "
			  "column names"));
		return NULL;
	}
	n = read_header(&c, &r, names);
	if (n == 0)
		return NULL;
	header_line = r.line;

	d = xcalloc(1, sizeof *d);
	d->names = xcalloc(n, sizeof *d->names);
	d->col = xcalloc(n, sizeof *d->col);
	d->ncols = n;
	for (j = 0; j < n; j++) {
		size_t k = names[j].end - names[j].start;
		d->names[j] = xmalloc(k + 1);
		memcpy(d->names[j], c.text + names[j].start, k);
		d->names[j][k] = '\0';
	}
	while (csv_next_row(&c, &r)) {
		if (d->nrows == DATA_MAX_ROWS) {
			set_error(err, r.line, row_column(&r, r.start),
				  _("too many data rows: the limit is %d"), DATA_MAX_ROWS);
			goto fail;
		}
		if (d->nrows == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			if (cap > DATA_MAX_ROWS)
				cap = DATA_MAX_ROWS;
			for (j = 0; j < n; j++)
				d->col[j] = xreallocarray(d->col[j], cap, sizeof **d->col);
		}
		if (!read_row(&c, &r, d))
			goto fail;
		d->nrows++;
	}
	if (d->nrows == 0) {
		set_error(err, header_line, 0, _("no data rows after the header"));
		goto fail;
	}
	for (j = 0; j < n; j++)         /* give back the spare capacity */
		d->col[j] = xrealloc(d->col[j], d->nrows * sizeof **d->col);
	return d;
fail:
	dataset_free(d);
	return NULL;
}

struct dataset *
dataset_load_csv(const char *path, struct diag *err)
{
	struct file_error fe;
	struct diag dummy;
	struct dataset *d;
	size_t len;
	char *buf;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof *err);
	if (path == NULL) {
		set_error(err, 0, 0, _("no file name given"));
		return NULL;
	}
	/* the file name is err->file, printed before the message */
	diag_set(err, path, 0, 0, "%s", "");
	buf = read_whole_file(path, (size_t)DATA_MAX_FILE_MB << 20, &len, &fe);
	if (buf == NULL) {
		if (fe.fail == FILE_TOO_LARGE)
			set_error(err, 0, 0, _("file too large: the limit is %d MB"),
				  DATA_MAX_FILE_MB);
		else
			set_error(err, 0, 0, fe.fail == FILE_CANNOT_OPEN ?
				  _("cannot open the file: %s") : _("cannot read the file: %s"),
				  fe.reason);
		return NULL;
	}
	d = dataset_parse_csv(buf, len, path, err);
	free(buf);
	return d;
}

/* Also frees a data set that failed half-way through (NULL entries). */
void
dataset_free(struct dataset *d)
{
	int j;

	if (d == NULL)
		return;
	for (j = 0; j < d->ncols; j++) {
		free(d->names[j]);
		free(d->col[j]);
	}
	free(d->names);
	free(d->col);
	free(d);
}

int
dataset_column(const struct dataset *d, const char *name)
{
	int j;

	if (d == NULL || name == NULL)
		return -1;
	for (j = 0; j < d->ncols; j++)
		if (strcmp(d->names[j], name) == 0)
			return j;
	return -1;
}

int
data_is_decimal(const char *s, size_t n)
{
	size_t i = 0, before = 0, after = 0, nexp = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && isdigit((unsigned char)s[i]))
		i++, before++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, after++;
	}
	if (before == 0 && after == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, nexp++;
		if (nexp == 0)
			return 0;
	}
	return i == n;
}

const char *
data_quote(char *buf, size_t size, const char *s, size_t n)
{
	size_t i, o = 0;
	int cut = n > DATA_SHOW_MAX;

	if (cut) {
		n = DATA_SHOW_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (size < n + 6)       /* quotes, "...", NUL */
		fatal("quote: buffer too small");
	buf[o++] = '\'';
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		buf[o++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	if (cut) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}
