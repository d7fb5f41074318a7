/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-json.c - the positions the JSON scanner records.  Every
 * line:column is compared with a count made from scratch (characters
 * from the start of the line, UTF-8 continuation bytes not counting),
 * and the work of the column computation is counted to prove it linear:
 * a 1 MB lesson on one line (a data page of some 40000 points) once took
 * minutes, each value's column being recounted from the line's start.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

/* The position of byte off of text, counted from scratch. */
static struct json_pos
naive_pos(const char *text, size_t len, size_t off)
{
	struct json_pos p = { 1, 1, off };
	size_t i, start = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			p.line++;
			start = i + 1;
		}
	for (i = start; i < off; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			p.column++;
	return p;
}

static void
expect_pos(const char *text, size_t len, struct json_pos got, const char *what, size_t k)
{
	struct json_pos want = naive_pos(text, len, got.off);

	cr_expect_eq(got.line, want.line, "%s %zu at byte %zu: line %d, want %d", what, k,
		     got.off, got.line, want.line);
	cr_expect_eq(got.column, want.column, "%s %zu at byte %zu: column %d, want %d", what,
		     k, got.off, got.column, want.column);
}

/* Checks every recorded position of text (one in `every` of them). */
static void
expect_positions(const char *text, size_t len, const struct json_index *ix, size_t every)
{
	size_t k;

	for (k = 0; k < ix->n; k += every) {
		expect_pos(text, len, ix->val[k], "value", k);
		if (ix->key[k].line > 0)
			expect_pos(text, len, ix->key[k], "key", k);
	}
}

Test(json_scan, columns_in_characters)
{
	static const char text[] =
		"\xef\xbb\xbf{\"id\": \"caf\xc3\xa9\", \"t\": \"\xe2\x82\x80\xe2\x82\x81\", "
		"\"n\": [1, -2.5e3, true, null],\r\n"
		"\t\"s\": \"\\u00e9\\n \xf0\x9f\x98\x80\", \"o\": {\"\xc3\xa9\": [[], {}]},\n"
		"  \"z\":\n\n      \"\xce\xbb\"   }\n";
	struct json_index ix;
	struct diag err;
	size_t len = sizeof text - 1;

	cr_assert_eq(json_scan(text, len, "t.json", &ix, &err), 0, "%s", err.message);
	cr_assert_eq(ix.n, 14, "%zu values", ix.n);
	expect_positions(text, len, &ix, 1);
	/* a few by hand: "t"'s value after two 2-byte and 3-byte characters */
	cr_expect_eq(ix.val[2].line, 1);
	cr_expect_eq(ix.val[2].column, 21);
	cr_expect_eq(ix.key[13].line, 3);
	cr_expect_eq(ix.key[13].column, 3);
	cr_expect_eq(ix.val[13].line, 5);
	cr_expect_eq(ix.val[13].column, 7);
	json_index_done(&ix);
}

Test(json_scan, error_columns_in_characters)
{
	static const char text[] = "{\"a\": \"\xc3\xa9\xc3\xa9\xc3\xa9\", \"b\": [1, 2,, 3]}";
	struct json_index ix;
	struct diag err;

	cr_assert_eq(json_scan(text, sizeof text - 1, "t.json", &ix, &err), -1);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 25, "column %d", err.column);
	json_index_done(&ix);
}

/*
 * A chapter of data pages on one line, just under LESSON_MAX_FILE bytes:
 * a new page every LESSON_MAX_ROWS points, as many as a data set may
 * have.
 */
static char *
one_line_lesson(size_t *len, int *npoints, int *npages)
{
	static const char head[] =
		"{\"id\": \"big\", \"title\": \"Many points\", \"order\": 1, \"summary\": "
		"\"Data pages of \xc3\xa9normous size.\", \"pages\": [";
	static const char page[] = "{\"kind\": \"plot\", \"title\": \"Many\", \"data\": "
		"{\"columns\": [\"x\", \"y\"], \"points\": [";
	static const char page_end[] = "], \"model\": \"w0 + w1*x\", \"loss\": \"mse\"}, "
		"\"x\": [0, 4], \"y\": [-1, 4]}";
	char *s = xmalloc(LESSON_MAX_FILE + 1);
	size_t n = 0;
	int i;

	memcpy(s, head, sizeof head - 1);
	n = sizeof head - 1;
	*npages = 0;
	for (i = 0;; i++) {
		double x = 4.0 * i / 40000;
		/* room for the point (at most 40 bytes) and the ends */
		size_t need = 40 + sizeof page_end + 2;
		if (i % LESSON_MAX_ROWS == 0)
			need += sizeof page_end + sizeof page;
		if (n + need >= LESSON_MAX_FILE)
			break;
		if (i % LESSON_MAX_ROWS == 0) {
			if (i > 0)
				n += (size_t)snprintf(s + n, LESSON_MAX_FILE - n, "%s, ", page_end);
			n += (size_t)snprintf(s + n, LESSON_MAX_FILE - n, "%s", page);
			++*npages;
		}
		n += (size_t)snprintf(s + n, LESSON_MAX_FILE - n, "%s[%.6f, %.6f]",
				      i % LESSON_MAX_ROWS > 0 ? ", " : "", x,
				      2 * x + 1 + (i * 7919 % 1000) / 1e3 - 0.5);
	}
	n += (size_t)snprintf(s + n, LESSON_MAX_FILE + 1 - n, "%s]}", page_end);
	*len = n;
	*npoints = i;
	return s;
}

Test(json_scan, linear_on_one_long_line)
{
	struct json_index ix;
	struct diag err;
	struct diags ds;
	struct lesson_chapter *c;
	size_t len;
	int npoints, npages, i;
	char *text = one_line_lesson(&len, &npoints, &npages);

	cr_assert_leq(len, LESSON_MAX_FILE);
	cr_assert_gt(len, LESSON_MAX_FILE - 100);
	cr_assert_gt(npoints, 35000);
	cr_assert_eq(json_scan(text, len, "big.json", &ix, &err), 0, "%s", err.message);
	/* the chapter's 6 values, a page's 16 and 3 per point */
	cr_assert_eq(ix.n, 6 + 16 * (size_t)npages + 3 * (size_t)npoints, "%zu values", ix.n);
	/* each byte of the line is counted about once, not once per value */
	cr_expect_lt(ix.column_work, 4 * len, "%zu bytes examined for a line of %zu",
		     ix.column_work, len);
	expect_positions(text, len, &ix, 997);
	expect_pos(text, len, ix.val[ix.n - 1], "value", ix.n - 1);
	json_index_done(&ix);
	/* and the whole chapter loads */
	diags_init(&ds);
	c = lesson_parse(text, len, "big.json", &ds);
	cr_assert_not_null(c, "%s", ds.n > 0 ? ds.d[0].message : "");
	cr_expect_eq(c->npages, npages);
	for (i = 0; i < c->npages; i++)
		cr_expect_eq(c->pages[i].obj.npoints, i < npages - 1 ? (size_t)LESSON_MAX_ROWS :
			     (size_t)(npoints - (npages - 1) * LESSON_MAX_ROWS), "page %d", i + 1);
	lesson_chapter_free(c);
	diags_done(&ds);
	free(text);
}

/* A character beyond U+FFFF written as an escaped surrogate pair is one character. */
Test(json_scan, an_escaped_surrogate_pair_is_one_character)
{
	static const char good[] =
		"{\"id\": \"e\", \"title\": \"A \\ud83d\\ude00 smile\", \"order\": 1,\n"
		" \"summary\": \"s\", \"pages\": [{\"kind\": \"text\", \"body\": \"b\"}]}\n";
	static const char bad[] =
		"{\"id\": \"e\", \"title\": \"\\ud83d\\ude00\", \"order\": 1, \"oops\": 2,\n"
		" \"summary\": \"s\", \"pages\": [{\"kind\": \"text\", \"body\": \"b\"}]}\n";
	struct diags ds;
	struct lesson_chapter *c;

	diags_init(&ds);
	c = lesson_parse(good, strlen(good), "pair.json", &ds);
	cr_assert_not_null(c, "a valid pair: %s", ds.n ? ds.d[0].message : "");
	cr_assert_str_eq(c->title, "A \xf0\x9f\x98\x80 smile");
	lesson_chapter_free(c);
	diags_done(&ds);

	/* the columns after a pair count it as the 12 characters it is in the file */
	diags_init(&ds);
	c = lesson_parse(bad, strlen(bad), "pair.json", &ds);
	cr_assert_null(c);
	cr_assert_eq(ds.n, 1);
	cr_assert_str_eq(ds.d[0].message, "unknown member \"oops\" in the chapter");
	cr_assert_eq(ds.d[0].line, 1);
	cr_assert_eq(ds.d[0].column, 50);
	diags_done(&ds);
}

/* A text member may be an array of its lines, joined with newlines. */
Test(json_scan, text_members_as_arrays_of_lines)
{
	static const char text[] =
		"{\"id\": \"e\", \"title\": \"T\", \"order\": 1, \"summary\": [\"a\", \"b\"],\n"
		" \"pages\": [{\"kind\": \"text\", \"body\": [\"one\", \"\", \"- two\", \"\"],\n"
		"   \"hint\": [], \"explain\": [\"x\"]}]}\n";
	struct diags ds;
	struct lesson_chapter *c;

	diags_init(&ds);
	c = lesson_parse(text, strlen(text), "lines.json", &ds);
	cr_assert_not_null(c, "%s", ds.n ? ds.d[0].message : "");
	cr_expect_str_eq(c->summary, "a\nb");
	cr_expect_str_eq(c->pages[0].body, "one\n\n- two\n");
	cr_expect_str_eq(c->pages[0].hint, "");
	cr_expect_str_eq(c->pages[0].explain, "x");
	lesson_chapter_free(c);
	diags_done(&ds);
}
