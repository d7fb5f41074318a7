/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-util-width.c - text's width on a terminal (width.c): a combining
 * mark none, a wide character two, the rest one; invalid bytes one each;
 * and the longest start of a text that fits in a number of columns,
 * which never cuts a character in two.
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "descent/util.h"

Test(width, of_characters)
{
	cr_assert_eq(char_columns('a'), 1);
	cr_assert_eq(char_columns(0xe9), 1, "é");
	cr_assert_eq(char_columns(0x03b8), 1, "θ");
	cr_assert_eq(char_columns(0x2192), 1, "→");
	cr_assert_eq(char_columns(0x0301), 0, "a combining acute accent");
	cr_assert_eq(char_columns(0x200b), 0, "a zero-width space");
	cr_assert_eq(char_columns(0xfe0f), 0, "a variation selector");
	cr_assert_eq(char_columns(0x4e2d), 2, "中");
	cr_assert_eq(char_columns(0x3002), 2, "。");
	cr_assert_eq(char_columns(0xac00), 2, "가");
	cr_assert_eq(char_columns(0x30a2), 2, "ア");
	cr_assert_eq(char_columns(0xff21), 2, "a fullwidth A");
	cr_assert_eq(char_columns(0x1f600), 2, "an emoji");
	cr_assert_eq(char_columns(0x20000), 2, "CJK extension B");
	cr_assert_eq(char_columns(0xff61), 1, "a halfwidth ideographic full stop");
}

Test(width, of_text)
{
	const char *s = "J(θ) = 中文 e\xcc\x81";     /* e and a combining acute */

	cr_assert_eq(utf8_columns(s, strlen(s)), 13);
	cr_assert_eq(utf8_columns("\xff\xfe" "ab", 4), 4, "a bad byte is one column");
	cr_assert_eq(utf8_columns("\xe4\xb8", 2), 2, "a cut sequence: a column a byte");
	cr_assert_eq(utf8_columns("", 0), 0);
}

Test(width, decoding)
{
	uint32_t c;

	cr_assert_eq(utf8_next("\xe4\xb8\xad", 3, &c), 3);
	cr_assert_eq(c, 0x4e2d);
	cr_assert_eq(utf8_next("\xc0\xaf", 2, &c), 1, "overlong");
	cr_assert_eq(c, 0xfffd);
	cr_assert_eq(utf8_next("\xed\xa0\x80", 3, &c), 1, "a surrogate");
	cr_assert_eq(utf8_next("\xf4\x90\x80\x80", 4, &c), 1, "past U+10FFFF");
	cr_assert_eq(utf8_next("a", 0, &c), 0);
}

Test(width, fitting)
{
	const char *s = "ab中文cd";
	size_t used;

	cr_assert_eq(utf8_fit(s, strlen(s), 3, &used), 2, "中 would take columns 3 and 4");
	cr_assert_eq(used, 2);
	cr_assert_eq(utf8_fit(s, strlen(s), 4, &used), 5);
	cr_assert_eq(used, 4);
	cr_assert_eq(utf8_fit(s, strlen(s), 100, &used), strlen(s));
	cr_assert_eq(used, 8);
	cr_assert_eq(utf8_fit(s, strlen(s), 0, NULL), 0);
	cr_assert_eq(utf8_fit("e\xcc\x81x", 4, 1, &used), 3, "the mark goes with its letter");
	cr_assert_eq(used, 1);
}
