/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-util-diag.c - the one record of a user's error and its formatter:
 * every way a location is printed, the order of a list, and the caret
 * under an expression (one column per character, tabs kept); and the
 * items of a list typed as an answer or an option; a file's path in its
 * directory; and text from a file made safe to print on a terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/diag.h"
#include "descent/util.h"

/* What f printed into a memory stream. */
static char out[2048];

static FILE *
open_out(void)
{
	FILE *fp = fmemopen(out, sizeof out, "w");

	cr_assert_not_null(fp);
	memset(out, 0, sizeof out);
	return fp;
}

Test(util_diag, a_record_prints_the_parts_it_knows)
{
	struct diag d;
	FILE *fp = open_out();

	cr_assert_eq(diag_set(&d, "a.json", 3, 7, "bad %s", "thing"), -1);
	diag_print(fp, &d);
	diag_set(&d, "a.json", 3, 0, "no column");
	diag_print(fp, &d);
	diag_set(&d, "a.json", 0, 0, "no line");
	diag_print(fp, &d);
	diag_set(&d, NULL, 2, 2, "no file");
	d.level = DIAG_WARNING;
	diag_print(fp, &d);
	fclose(fp);
	cr_assert_str_eq(out, "a.json:3:7: error: bad thing\n"
			 "a.json:3: error: no column\n"
			 "a.json: error: no line\n"
			 "descent: warning: no file\n");
}

Test(util_diag, a_list_prints_by_file_then_line_and_column)
{
	struct diags ds;
	FILE *fp = open_out();

	diags_init(&ds);
	diags_add(&ds, "b.json", 9, 1, DIAG_ERROR, "b late");
	diags_add(&ds, "a.json", 5, 2, DIAG_WARNING, "a");
	diags_add(&ds, "b.json", 2, 8, DIAG_ERROR, "b early");
	diags_add(&ds, "b.json", 2, 3, DIAG_ERROR, "b earlier");
	diags_add(NULL, "x", 1, 1, DIAG_ERROR, "kept nowhere");
	cr_assert_eq(ds.n, 4);
	cr_assert_eq(ds.errors, 3, "a warning is not an error");
	diags_print(&ds, fp);
	fclose(fp);
	cr_assert_str_eq(out, "b.json:2:3: error: b earlier\n"
			 "b.json:2:8: error: b early\n"
			 "b.json:9:1: error: b late\n"
			 "a.json:5:2: warning: a\n");
	diags_done(&ds);
	cr_assert_eq(ds.n, 0);
}

Test(util_diag, a_caret_goes_under_the_column_of_the_expression)
{
	struct diag d;
	FILE *fp = open_out();

	diag_set(&d, NULL, 0, 8, "unknown name 'q'");	/* columns count bytes */
	diag_print_source(fp, "descent run", "θ² + q", &d);
	diag_set(&d, NULL, 0, 3, "here");
	diag_print_source(fp, NULL, "x\t+", &d);
	diag_print_source(fp, NULL, "   ", &d);
	diag_set(&d, NULL, 0, 0, "no column");
	diag_print_source(fp, "p", "x", &d);
	diag_set(&d, NULL, 0, 7, "wide");	/* q: byte 7; 中 takes two columns */
	diag_print_source(fp, NULL, "中 + q", &d);
	fclose(fp);
	cr_assert_str_eq(out, "descent run: error at column 8: unknown name 'q'\n"
			 "  θ² + q\n"
			 "       ^\n"
			 "descent: error at column 3: here\n"
			 "  x\t+\n"
			 "   \t^\n"
			 "descent: error at column 3: here\n"
			 "p: error: no column\n"
			 "descent: error at column 7: wide\n"
			 "  中 + q\n"
			 "       ^\n");
}

/* The items of a typed list: a comma inside a call belongs to it. */
Test(util_list, an_item_ends_at_a_comma_outside_parentheses)
{
	cr_assert_eq(list_item_len("1.5, -2"), 3);
	cr_assert_eq(list_item_len("max(1, 2), 3"), 9);
	cr_assert_eq(list_item_len("f(g(1, 2), 3),4"), 13);
	cr_assert_eq(list_item_len("pi/2"), 4);
	cr_assert_eq(list_item_len(""), 0);
	cr_assert_eq(list_item_len(",x"), 0);
}

/* A file of a directory: one slash between them, however the directory ends. */
Test(util_path, a_name_in_a_directory_gets_one_slash)
{
	char *p;

	p = path_in_dir("lessons", "01.json");
	cr_assert_str_eq(p, "lessons/01.json");
	free(p);
	p = path_in_dir("lessons/", "01.json");
	cr_assert_str_eq(p, "lessons/01.json");
	free(p);
	p = path_in_dir("/", "x.json");
	cr_assert_str_eq(p, "/x.json");
	free(p);
	p = path_in_dir("", "x.json");
	cr_assert_str_eq(p, "x.json");
	free(p);
}

/* What a file says, made safe for a terminal: controls escaped, Unicode kept. */
Test(util_safe, control_characters_and_bad_bytes_are_shown_escaped)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain ∇f θ²", "plain ∇f θ²" },
		{ "\x1b]0;PWNED\x07", "^[]0;PWNED^G" },
		{ "a\tb\nc\rd\x7f", "a^Ib^Jc^Md^?" },
		{ "csi \xc2\x9b" "2J", "csi <U+009B>2J" },
		{ "nbsp \xc2\xa0 ok", "nbsp \xc2\xa0 ok" },
		{ "bad \xff\xfe", "bad <FF><FE>" },
		{ "cut \xe2\x88", "cut <E2><88>" },
		{ "overlong \xc0\xaf", "overlong <C0><AF>" },
		{ "surrogate \xed\xa0\x80", "surrogate <ED><A0><80>" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = text_safe(cases[i].in);
		cr_assert_str_eq(s, cases[i].out, "case %zu", i);
		free(s);
	}
}
