/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-text.c - a page of text: a body to read, and nothing to run or
 * answer.
 */
#include "config.h"

#include "lesson-int.h"

static void
text_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	(void)L;
	(void)po;
	(void)p;
	(void)what;
}

const struct page_kind_def page_kind_text = {
	.name = "text",
	.members = (const char *const[]){ NULL },
	.flags = PK_BODY,
	.read = text_read,
};
