/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-json.c - a JSON scanner that knows where things are.
 *
 * Lesson files are written by hand, so a mistake in them must be shown
 * where it is.  cJSON builds the tree but keeps no positions and says
 * little about syntax errors; this scanner reads the text first, checks
 * it strictly (RFC 8259: no trailing commas, no comments, valid UTF-8,
 * escapes, numbers), says what is wrong in a sentence at the exact line
 * and column (in characters), and records the position of every value in
 * document order.  json_index_attach then pairs those positions with
 * cJSON's items, visited in the same order.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

struct scan {
	const char *s;
	size_t len, i;
	int line;
	size_t line_start;      /* byte offset where the line starts */
	size_t col_off;         /* a byte of the line whose column is known, */
	int col;                /*   that column */
	int depth;
	struct json_index *ix;
	const char *name;       /* the file, for err */
	struct diag *err;
	int failed;
};

/*
 * The column of the cursor, in characters (UTF-8 continuation bytes do
 * not count).  The scanner only moves forward, so the count goes on from
 * the last byte counted on the same line: a line is counted once,
 * however many values it holds, and a 1 MB line costs 1 MB, not a pass
 * per value.
 */
static int
column_here(struct scan *sc)
{
	if (sc->col_off < sc->line_start || sc->col_off > sc->i) {
		sc->col_off = sc->line_start;
		sc->col = 1;
	}
	sc->ix->column_work += sc->i - sc->col_off;
	for (; sc->col_off < sc->i; sc->col_off++)
		if (((unsigned char)sc->s[sc->col_off] & 0xc0) != 0x80)
			sc->col++;
	return sc->col;
}

static struct json_pos
here(struct scan *sc)
{
	struct json_pos p;

	p.line = sc->line;
	p.column = column_here(sc);
	p.off = sc->i;
	return p;
}

__attribute__((format(printf, 3, 4))) static int
fail_at(struct scan *sc, struct json_pos p, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof sc->err->message];

	if (sc->failed)
		return -1;
	sc->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(sc->err, sc->name, p.line, p.column, "%s", msg);
	return -1;
}

/* The length of a valid UTF-8 sequence at s (at most n bytes), or 0. */
static int
utf8_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	int len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

static void
skip_space(struct scan *sc)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if (c == '\n') {
			sc->line++;
			sc->line_start = ++sc->i;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			sc->i++;
		} else {
			break;
		}
	}
}

static void
record(struct scan *sc, struct json_pos val, struct json_pos key)
{
	struct json_index *ix = sc->ix;

	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? 2 * ix->cap : 64;
		ix->val = xreallocarray(ix->val, ix->cap, sizeof *ix->val);
		ix->key = xreallocarray(ix->key, ix->cap, sizeof *ix->key);
	}
	ix->val[ix->n] = val;
	ix->key[ix->n] = key;
	ix->n++;
}

/* A description of the character at the cursor, for messages. */
static const char *
what_is_here(const struct scan *sc, char *buf, size_t size)
{
	unsigned char c;

	if (sc->i >= sc->len)
		return _("the end of the file");
	c = (unsigned char)sc->s[sc->i];
	if (c >= 0x20 && c < 0x7f)
		/* TRANSLATORS: a character of the file, quoted, as in "not 'x'" */
		snprintf(buf, size, _("'%c'"), c);
	else if (c >= 0x80 && utf8_len((const unsigned char *)sc->s + sc->i, sc->len - sc->i) > 0)
		/* TRANSLATORS: a character of the file (its UTF-8 bytes), quoted */
		snprintf(buf, size, _("'%.*s'"), utf8_len((const unsigned char *)sc->s + sc->i,
							 sc->len - sc->i), sc->s + sc->i);
	else
		snprintf(buf, size, _("the byte 0x%02x"), c);
	return buf;
}

static int scan_value(struct scan *sc, struct json_pos key);

/* Four hexadecimal digits at s[i..i+4) into *u; -1 when they are not. */
static int
hex4(const struct scan *sc, size_t i, unsigned long *u)
{
	int k;

	*u = 0;
	for (k = 0; k < 4; k++) {
		char c;
		if (i + k >= sc->len || !isxdigit((unsigned char)(c = sc->s[i + k])))
			return -1;
		*u = *u * 16 + (unsigned long)(isdigit((unsigned char)c) ? c - '0' :
					       (tolower((unsigned char)c) - 'a' + 10));
	}
	return 0;
}

static int
scan_string(struct scan *sc)
{
	struct json_pos start = here(sc);

	sc->i++;                        /* the opening quote */
	while (sc->i < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		int n;
		if (c == '"') {
			sc->i++;
			return 0;
		}
		if (c == '\n')
			return fail_at(sc, start, _("this string is not closed on its line: "
				       "a string ends with '\"' before the end of the line "
				       "(write \\n for a newline)"));
		if (c < 0x20)
			return fail_at(sc, here(sc), _("a control character (0x%02x) in a string: "
				       "write it as an escape, like \\t"), c);
		if (c == '\\') {
			struct json_pos at = here(sc);
			char e = sc->i + 1 < sc->len ? sc->s[sc->i + 1] : '\0';
			if (strchr("\"\\/bfnrt", e) != NULL && e != '\0') {
				sc->i += 2;
				continue;
			}
			if (e == 'u') {
				unsigned long u, v;
				if (hex4(sc, sc->i + 2, &u) < 0)
					return fail_at(sc, at, _("\\u must be followed by four "
						       "hexadecimal digits"));
				sc->i += 6;
				if (u >= 0xdc00 && u <= 0xdfff)
					return fail_at(sc, at, _("\\u%04lx is the second half of a "
						       "surrogate pair, alone: a pair is \\ud800-\\udbff "
						       "then \\udc00-\\udfff"), u);
				if (u >= 0xd800 && u <= 0xdbff &&
				    (sc->i + 1 >= sc->len || sc->s[sc->i] != '\\' ||
				     sc->s[sc->i + 1] != 'u' || hex4(sc, sc->i + 2, &v) < 0 ||
				     v < 0xdc00 || v > 0xdfff))
					return fail_at(sc, at, _("\\u%04lx is the first half of a "
						       "surrogate pair: it must be followed by \\udc00 "
						       "to \\udfff"), u);
				if (u >= 0xd800 && u <= 0xdbff)
					sc->i += 6;     /* the pair's second half, checked */
				if (u == 0)
					return fail_at(sc, at, _("\\u0000 (a NUL) cannot be in a "
						       "lesson's text"));
				continue;
			}
			if (e == '\0' || e == '\n')
				return fail_at(sc, at, _("a '\\' ends the string's line: write \\\\ "
					       "for a backslash"));
			return fail_at(sc, at, _("'\\%c' is not an escape of JSON: write \\\\ for "
				       "a backslash"), e);
		}
		n = utf8_len((const unsigned char *)sc->s + sc->i, sc->len - sc->i);
		if (n == 0)
			return fail_at(sc, here(sc), _("invalid UTF-8 (the byte 0x%02x): save the "
				       "file as UTF-8"), c);
		sc->i += n;
	}
	return fail_at(sc, start, _("this string is not closed: a string ends with '\"'"));
}

static int
scan_number(struct scan *sc)
{
	struct json_pos start = here(sc);
	size_t b = sc->i;
	char buf[128];
	double v;

	if (sc->s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->len && sc->s[sc->i] == '0') {
		sc->i++;
		if (sc->i < sc->len && isdigit((unsigned char)sc->s[sc->i])) {
			size_t e = sc->i;
			while (e < sc->len && isdigit((unsigned char)sc->s[e]))
				e++;
			return fail_at(sc, start, _("a number cannot start with 0 (%.*s): "
				       "write %.*s"), (int)(e - b > 20 ? 20 : e - b), sc->s + b,
				       (int)(e - sc->i > 20 ? 20 : e - sc->i), sc->s + sc->i);
		}
	} else if (sc->i < sc->len && isdigit((unsigned char)sc->s[sc->i])) {
		while (sc->i < sc->len && isdigit((unsigned char)sc->s[sc->i]))
			sc->i++;
	} else {
		return fail_at(sc, start, _("'-' must be followed by digits"));
	}
	if (sc->i < sc->len && sc->s[sc->i] == '.') {
		sc->i++;
		if (sc->i >= sc->len || !isdigit((unsigned char)sc->s[sc->i]))
			return fail_at(sc, start, _("a '.' in a number must be followed by "
				       "digits (write 1.0, not 1.)"));
		while (sc->i < sc->len && isdigit((unsigned char)sc->s[sc->i]))
			sc->i++;
	}
	if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
			sc->i++;
		if (sc->i >= sc->len || !isdigit((unsigned char)sc->s[sc->i]))
			return fail_at(sc, start, _("an exponent in a number must have digits "
				       "(write 1e-3)"));
		while (sc->i < sc->len && isdigit((unsigned char)sc->s[sc->i]))
			sc->i++;
	}
	if (sc->i - b >= sizeof buf)
		return fail_at(sc, start, _("this number is too long (%zu characters)"), sc->i - b);
	memcpy(buf, sc->s + b, sc->i - b);
	buf[sc->i - b] = '\0';
	errno = 0;
	v = strtod(buf, NULL);
	if (isinf(v))
		return fail_at(sc, start, _("the number %s is too large"), buf);
	return 0;
}

static int
scan_literal(struct scan *sc)
{
	static const char *const words[] = { "true", "false", "null" };
	struct json_pos start = here(sc);
	size_t n = 0, k;
	char buf[32];

	while (sc->i + n < sc->len && isalpha((unsigned char)sc->s[sc->i + n]) && n < 20)
		n++;
	for (k = 0; k < 3; k++)
		if (strlen(words[k]) == n && strncmp(sc->s + sc->i, words[k], n) == 0) {
			sc->i += n;
			return 0;
		}
	snprintf(buf, sizeof buf, "%.*s", (int)n, sc->s + sc->i);
	return fail_at(sc, start, _("unexpected '%s': a value is a \"string\", a number, "
		       "an object, an array, true, false or null"), buf);
}

/*
 * After a member or an element: reads a ',' (noting where it is in
 * *comma) and returns 1, or the closing `close` and returns 0; returns
 * -1, having read nothing, when neither comes.
 */
static int
next_item(struct scan *sc, char close, struct json_pos *comma)
{
	skip_space(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ',') {
		*comma = here(sc);
		sc->i++;
		return 1;
	}
	if (sc->i < sc->len && sc->s[sc->i] == close) {
		sc->i++;
		return 0;
	}
	return -1;
}

static int
scan_object(struct scan *sc)
{
	struct json_pos open = here(sc), comma = { 0, 0, 0 };
	char buf[32];
	int first = 1;

	sc->i++;                        /* '{' */
	for (;;) {
		struct json_pos key;
		size_t kb, ke;
		skip_space(sc);
		if (sc->i < sc->len && sc->s[sc->i] == '}') {
			if (!first)
				return fail_at(sc, comma, _("a comma before '}': JSON allows no "
					       "comma after the last member"));
			sc->i++;
			return 0;
		}
		if (sc->i >= sc->len)
			return fail_at(sc, open, _("this object is not closed: a '}' is missing"));
		if (sc->s[sc->i] == '\'')
			return fail_at(sc, here(sc), _("member names are in double quotes in JSON, "
				       "not single"));
		if (sc->s[sc->i] != '"')
			return fail_at(sc, here(sc), _("expected a member name in double quotes, "
				       "not %s"), what_is_here(sc, buf, sizeof buf));
		key = here(sc);
		kb = sc->i;
		if (scan_string(sc) < 0)
			return -1;
		ke = sc->i;
		skip_space(sc);
		if (sc->i >= sc->len || sc->s[sc->i] != ':')
			return fail_at(sc, here(sc), _("expected ':' after the member name %.*s, "
				       "not %s"), (int)(ke - kb > 40 ? 40 : ke - kb), sc->s + kb,
				       what_is_here(sc, buf, sizeof buf));
		sc->i++;
		skip_space(sc);
		if (scan_value(sc, key) < 0)
			return -1;
		switch (next_item(sc, '}', &comma)) {
		case 1:
			first = 0;
			continue;
		case 0:
			return 0;
		}
		if (sc->i >= sc->len)
			return fail_at(sc, open, _("this object is not closed: a '}' is missing"));
		return fail_at(sc, here(sc), _("expected ',' or '}' after the value of %.*s, "
			       "not %s (a comma may be missing)"),
			       (int)(ke - kb > 40 ? 40 : ke - kb), sc->s + kb,
			       what_is_here(sc, buf, sizeof buf));
	}
}

static int
scan_array(struct scan *sc)
{
	struct json_pos open = here(sc), comma = { 0, 0, 0 }, none = { 0, 0, 0 };
	char buf[32];
	int first = 1;

	sc->i++;                        /* '[' */
	for (;;) {
		skip_space(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			if (!first)
				return fail_at(sc, comma, _("a comma before ']': JSON allows no "
					       "comma after the last element"));
			sc->i++;
			return 0;
		}
		if (sc->i >= sc->len)
			return fail_at(sc, open, _("this array is not closed: a ']' is missing"));
		if (scan_value(sc, none) < 0)
			return -1;
		switch (next_item(sc, ']', &comma)) {
		case 1:
			first = 0;
			continue;
		case 0:
			return 0;
		}
		if (sc->i >= sc->len)
			return fail_at(sc, open, _("this array is not closed: a ']' is missing"));
		return fail_at(sc, here(sc), _("expected ',' or ']' in the array, not %s "
			       "(a comma may be missing)"), what_is_here(sc, buf, sizeof buf));
	}
}

static int
scan_value(struct scan *sc, struct json_pos key)
{
	char buf[32];
	int r;

	skip_space(sc);
	if (sc->i >= sc->len)
		return fail_at(sc, here(sc), _("the file ends where a value was expected"));
	record(sc, here(sc), key);
	switch (sc->s[sc->i]) {
	case '{':
	case '[':
		if (++sc->depth > JSON_MAX_DEPTH)
			return fail_at(sc, here(sc), _("nested deeper than %d levels"), JSON_MAX_DEPTH);
		r = sc->s[sc->i] == '{' ? scan_object(sc) : scan_array(sc);
		sc->depth--;
		return r;
	case '"':
		return scan_string(sc);
	case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6':
	case '7': case '8': case '9':
		return scan_number(sc);
	case 't': case 'f': case 'n':
		return scan_literal(sc);
	case '\'':
		return fail_at(sc, here(sc), _("strings are in double quotes in JSON, not single"));
	case '/':
		return fail_at(sc, here(sc), _("JSON has no comments: remove the \"%.*s...\""),
			       sc->len - sc->i < 2 ? (int)(sc->len - sc->i) : 2, sc->s + sc->i);
	default:
		if (isalpha((unsigned char)sc->s[sc->i]))
			return scan_literal(sc);
		if ((unsigned char)sc->s[sc->i] >= 0x80 &&
		    utf8_len((const unsigned char *)sc->s + sc->i, sc->len - sc->i) == 0)
			return fail_at(sc, here(sc), _("invalid UTF-8 (the byte 0x%02x): save the "
				       "file as UTF-8"), (unsigned char)sc->s[sc->i]);
		return fail_at(sc, here(sc), _("expected a value (a \"string\", a number, an "
			       "object, an array, true, false or null), not %s"),
			       what_is_here(sc, buf, sizeof buf));
	}
}

int
json_scan(const char *text, size_t len, const char *name, struct json_index *ix,
	  struct diag *err)
{
	struct scan sc;
	struct json_pos none = { 0, 0, 0 };
	char buf[32];
	size_t k;

	memset(&sc, 0, sizeof sc);
	memset(ix, 0, sizeof *ix);
	sc.s = text;
	sc.len = len;
	sc.line = 1;
	sc.col = 1;
	sc.ix = ix;
	sc.name = name;
	sc.err = err;
	for (k = 0; k < len; k++)
		if (text[k] == '\0') {
			/* find its line for the message */
			size_t j;
			for (j = 0; j < k; j++)
				if (text[j] == '\n') {
					sc.line++;
					sc.line_start = j + 1;
				}
			sc.i = k;
			return fail_at(&sc, here(&sc), _("a NUL byte: a lesson is a text file"));
		}
	/* a byte order mark is tolerated at the start */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		sc.i = sc.line_start = 3;
	skip_space(&sc);
	if (sc.i >= len) {
		struct json_pos top = { 1, 1, 0 };
		fail_at(&sc, top, _("the file is empty: a chapter is a JSON object, "
			"{ \"id\": ..., \"pages\": [...] }"));
	} else if (scan_value(&sc, none) == 0) {
		skip_space(&sc);
		if (sc.i < len)
			fail_at(&sc, here(&sc), _("unexpected %s after the end of the chapter's "
				"object"), what_is_here(&sc, buf, sizeof buf));
	}
	return sc.failed ? -1 : 0;
}

static size_t
ptr_hash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;

	return (size_t)(h >> 17) & (cap - 1);
}

static void
attach(struct json_index *ix, const cJSON *item, size_t *next)
{
	const cJSON *child;

	if (*next < ix->n)
		ix->item[(*next)++] = item;
	for (child = item->child; child != NULL; child = child->next)
		attach(ix, child, next);
}

void
json_index_attach(struct json_index *ix, const cJSON *root)
{
	size_t next = 0, i;

	ix->item = xcalloc(ix->n ? ix->n : 1, sizeof *ix->item);
	attach(ix, root, &next);
	for (ix->hashcap = 16; ix->hashcap < 2 * ix->n + 2; ix->hashcap *= 2)
		;
	ix->hash = xmalloc(ix->hashcap * sizeof *ix->hash);
	for (i = 0; i < ix->hashcap; i++)
		ix->hash[i] = SIZE_MAX;
	for (i = 0; i < next; i++) {
		size_t h = ptr_hash(ix->item[i], ix->hashcap);
		while (ix->hash[h] != SIZE_MAX)
			h = (h + 1) & (ix->hashcap - 1);
		ix->hash[h] = i;
	}
}

static size_t
index_of(const struct json_index *ix, const cJSON *item)
{
	size_t h;

	if (ix->hash == NULL || item == NULL)
		return SIZE_MAX;
	h = ptr_hash(item, ix->hashcap);
	while (ix->hash[h] != SIZE_MAX) {
		if (ix->item[ix->hash[h]] == item)
			return ix->hash[h];
		h = (h + 1) & (ix->hashcap - 1);
	}
	return SIZE_MAX;
}

struct json_pos
json_pos_of(const struct json_index *ix, const cJSON *item)
{
	struct json_pos none = { 0, 0, 0 };
	size_t i = index_of(ix, item);

	return i == SIZE_MAX ? none : ix->val[i];
}

struct json_pos
json_key_pos_of(const struct json_index *ix, const cJSON *item)
{
	struct json_pos none = { 0, 0, 0 };
	size_t i = index_of(ix, item);

	return i == SIZE_MAX ? none : ix->key[i];
}

void
json_index_done(struct json_index *ix)
{
	free(ix->val);
	free(ix->key);
	free(ix->item);
	free(ix->hash);
	memset(ix, 0, sizeof *ix);
}
