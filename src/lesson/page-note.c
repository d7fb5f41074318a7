/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-note.c - a note: a page of text with a remark set apart in a box
 * under the body, headed by its label ("Note", "Key idea", "Pitfall"), for
 * what the learner should keep from a page or watch out for.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

#define NOTE_MAX_LABEL 24

static void
note_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_note *n = &p->note;
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(po, "label");

	n->remark = get_text(L, po, "remark", 1, what);
	n->label = get_string(L, po, "label", 0, what);
	if (n->label != NULL) {
		size_t len = utf8_columns(n->label, strlen(n->label));  /* columns, not bytes */
		if (len == 0 || len > NOTE_MAX_LABEL || strchr(n->label, '\n') != NULL)
			lesson_error(L, AT(label), "\"label\" is a short title on one line, from 1 "
				     "to %d characters, like \"Key idea\"", NOTE_MAX_LABEL);
	}
}

static void
note_free(struct lesson_page *p)
{
	free(p->note.label);
	free(p->note.remark);
}

void
page_put(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*len < size ? out + *len : NULL, *len < size ? size - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

size_t
page_give(char *buf, size_t n, char *out, size_t size)
{
	if (buf == NULL)
		return 0;
	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(out, buf, k);
		out[k] = '\0';
	}
	free(buf);
	return n;
}

#define put page_put

/* n times the string s (one character). */
static void
repeat(char *out, size_t size, size_t *len, const char *s, int n)
{
	while (n-- > 0)
		put(out, size, len, "%s", s);
}

/* The remark in a box of width columns, its label in the top border. */
static size_t
note_box(const char *label, const char *remark, int width, int utf8, char *out, size_t size)
{
	const char *h = utf8 ? "\u2500" : "-", *v = utf8 ? "\u2502" : "|";
	int inner = width - 4, llen = 0;
	size_t len = 0, n;
	char *text, *line, *nl, *safe;

	if (size > 0)
		out[0] = '\0';
	if (inner < 8)
		inner = 8;
	/* the label as the remark is shown: made safe, and in ASCII unless utf8 */
	safe = text_safe(label);
	if (!utf8) {
		char *ascii = text_ascii(safe);
		free(safe);
		safe = ascii;
	}
	label = safe;
	llen = (int)utf8_columns(label, strlen(label));
	/* the top: the label in the border */
	put(out, size, &len, "%s%s %s ", utf8 ? "\u250c" : "+", h, label);
	repeat(out, size, &len, h, inner + 1 - llen - 2 > 0 ? inner + 1 - llen - 2 : 1);
	put(out, size, &len, "%s\n", utf8 ? "\u2510" : "+");
	n = text_wrap(remark, inner, utf8, NULL, 0);
	text = xmalloc(n + 1);
	text_wrap(remark, inner, utf8, text, n + 1);
	for (line = text; *line != '\0'; line = nl + 1) {
		int chars = 0;
		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line);
		chars = (int)utf8_columns(line, (size_t)(nl - line));
		put(out, size, &len, "%s %.*s", v, (int)(nl - line), line);
		repeat(out, size, &len, " ", inner - chars > 0 ? inner - chars : 0);
		put(out, size, &len, " %s\n", v);
		if (*nl == '\0')
			break;
	}
	free(text);
	put(out, size, &len, "%s", utf8 ? "\u2514" : "+");
	repeat(out, size, &len, h, inner + 2);
	put(out, size, &len, "%s\n", utf8 ? "\u2518" : "+");
	free(safe);
	return len;
}

static size_t
note_page_text(const struct lesson_runner *r, int width, int utf8, char *out, size_t size)
{
	const struct page_note *n = &RUNNER_PAGE(r)->note;

	/* TRANSLATORS: the label of a note's box when the lesson gives none */
	return note_box(n->label != NULL ? n->label : _("Note"), n->remark, width, utf8, out,
			size);
}

const struct page_kind_def page_kind_note = {
	.name = "note",
	.members = (const char *const[]){ "remark", "label", NULL },
	.read = note_read,
	.free = note_free,
	.page_text = note_page_text,
};
