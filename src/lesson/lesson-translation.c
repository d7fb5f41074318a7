/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-translation.c - chapters in the learner's language: which
 * languages the learner reads (from the locale, as gettext decides), and
 * how a translation is held to its original, page by page, for
 * lessons --check.  A translation changes the text and nothing else, so
 * its claims stay proved and its answers stay the original's.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "descent/diag.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

int
lesson_is_language(const char *name)
{
	size_t i = 0;

	while (name[i] >= 'a' && name[i] <= 'z')
		i++;
	if (i < 2 || i > 3)
		return 0;
	if (name[i] == '\0')
		return 1;
	return name[i] == '_' && name[i + 1] >= 'A' && name[i + 1] <= 'Z' &&
	       name[i + 2] >= 'A' && name[i + 2] <= 'Z' && name[i + 3] == '\0';
}

/* Adds "ll_CC" and "ll" of the locale name s ("fr_FR.UTF-8@euro"), once each. */
static int
add_language(char (*lang)[16], int n, int max, const char *s, size_t len)
{
	char name[16], ll[4];
	size_t cut = strcspn(s, ".@");
	int i, k;

	if (cut > len)
		cut = len;
	if (cut == 0 || cut >= sizeof name)
		return n;
	memcpy(name, s, cut);
	name[cut] = '\0';
	if (!lesson_is_language(name))
		return n;
	snprintf(ll, sizeof ll, "%.*s", (int)strcspn(name, "_"), name);
	for (k = 0; k < 2; k++) {
		const char *add = k == 0 ? name : ll;
		for (i = 0; i < n && strcmp(lang[i], add) != 0; i++)
			;
		if (i == n && n < max)
			snprintf(lang[n++], sizeof lang[0], "%s", add);
	}
	return n;
}

int
lesson_languages_of(const char *loc, const char *list, char (*lang)[16], int max)
{
	const char *p;
	int n = 0;

	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 ||
	    strncmp(loc, "C.", 2) == 0)
		return 0;
	/* $LANGUAGE first, as gettext reads it: "fr:de" */
	for (p = list != NULL ? list : ""; *p != '\0'; p += strcspn(p, ":")) {
		if (*p == ':')
			p++;
		n = add_language(lang, n, max, p, strcspn(p, ":"));
	}
	return add_language(lang, n, max, loc, strlen(loc));
}

int
lesson_languages(char (*lang)[16], int max)
{
	return lesson_languages_of(setlocale(LC_MESSAGES, NULL), getenv("LANGUAGE"), lang, max);
}

/* --- a translation beside its original ------------------------------- */

/* A chapter file as JSON, with the positions of its values. */
struct doc {
	char *text;
	cJSON *root;
	struct json_index ix;
};

static int
doc_read(struct doc *d, const char *path)
{
	struct file_error fe;
	struct diag err;
	size_t len;

	memset(d, 0, sizeof *d);
	if ((d->text = read_whole_file(path, LESSON_MAX_FILE, &len, &fe)) == NULL)
		return -1;
	if (json_scan(d->text, len, path, &d->ix, &err) < 0 ||
	    (d->root = cJSON_ParseWithLength(d->text, len)) == NULL ||
	    !cJSON_IsObject(d->root)) {
		cJSON_Delete(d->root);
		json_index_done(&d->ix);
		free(d->text);
		return -1;
	}
	json_index_attach(&d->ix, d->root);
	return 0;
}

static void
doc_done(struct doc *d)
{
	cJSON_Delete(d->root);
	json_index_done(&d->ix);
	free(d->text);
}

/* The members a translator translates: every other one is the original's. */
static int
is_text(const char *key)
{
	static const char *const text[] = {
		"title", "summary", "body", "question", "hint", "explain",
		"feedback", "remark", "label", "text", NULL,
	};
	int i;

	for (i = 0; text[i] != NULL; i++)
		if (strcmp(key, text[i]) == 0)
			return 1;
	return 0;
}

static int same(const cJSON *a, const cJSON *b, int depth);

/* A quiz's choices: the same number, a plain string being text. */
static int
same_choices(const cJSON *a, const cJSON *b, int depth)
{
	const cJSON *x, *y;

	if (!cJSON_IsArray(a) || !cJSON_IsArray(b))
		return same(a, b, depth);
	for (x = a->child, y = b->child; x != NULL && y != NULL; x = x->next, y = y->next)
		if (!(cJSON_IsString(x) && cJSON_IsString(y)) && !same(x, y, depth + 1))
			return 0;
	return x == NULL && y == NULL;
}

/* Whether a and b are the same but for their text members. */
static int
same(const cJSON *a, const cJSON *b, int depth)
{
	const cJSON *x, *y;

	if (a == NULL || b == NULL || depth > JSON_MAX_DEPTH)
		return a == b;
	if ((a->type & 0xff) != (b->type & 0xff))
		return 0;
	if (cJSON_IsNumber(a))
		return a->valuedouble == b->valuedouble;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a)) {
		for (x = a->child, y = b->child; x != NULL && y != NULL; x = x->next, y = y->next)
			if (!same(x, y, depth + 1))
				return 0;
		return x == NULL && y == NULL;
	}
	if (cJSON_IsObject(a)) {
		for (x = a->child; x != NULL; x = x->next) {
			y = cJSON_GetObjectItemCaseSensitive(b, x->string);
			if (is_text(x->string))
				continue;
			if (strcmp(x->string, "choices") == 0 ? !same_choices(x, y, depth + 1) :
			    !same(x, y, depth + 1))
				return 0;
		}
		for (y = b->child; y != NULL; y = y->next)
			if (!is_text(y->string) && !cJSON_HasObjectItem(a, y->string))
				return 0;
	}
	return 1;
}

/* What a member of a page is about, for a message. */
static const char *
role(const char *key)
{
	if (strcmp(key, "check") == 0 || strcmp(key, "verify") == 0 ||
	    strcmp(key, "unproved") == 0)
		return "claims";
	if (strcmp(key, "answer") == 0 || strcmp(key, "wrong") == 0 ||
	    strcmp(key, "tolerance") == 0 || strcmp(key, "choices") == 0)
		return "answers";
	return NULL;
}

static const char *
page_id(const cJSON *page)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(page, "id");

	return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* The page of pages with this id, and its place (from 1) in *at. */
static const cJSON *
find_page(const cJSON *pages, const char *id, int *at)
{
	const cJSON *p;
	int k = 0;

	cJSON_ArrayForEach(p, pages) {
		const char *pid = page_id(p);
		k++;
		if (pid != NULL && strcmp(pid, id) == 0) {
			*at = k;
			return p;
		}
	}
	return NULL;
}

/* One page against its original: the first difference, as a warning. */
static int
compare_page(const struct doc *tr, const cJSON *tp, const struct doc *og, const cJSON *op,
	     const char *path, const char *orig, struct diags *ds)
{
	const cJSON *members[2] = { op, tp }, *m;
	struct json_pos at = json_pos_of(&tr->ix, cJSON_GetObjectItemCaseSensitive(tp, "id"));
	int oline = json_pos_of(&og->ix, op).line, k, found = 0;
	const char *id = page_id(tp), *claims = NULL, *answers = NULL, *other = NULL;

	for (k = 0; k < 2; k++)
		cJSON_ArrayForEach(m, members[k]) {
			const cJSON *there = cJSON_GetObjectItemCaseSensitive(members[1 - k], m->string);
			if (is_text(m->string) || (k == 1 && there != NULL) ||
			    (strcmp(m->string, "choices") == 0 ? same_choices(m, there, 0) :
			     same(m, there, 0)))
				continue;
			found = 1;
			if (strcmp(m->string, "kind") == 0) {
				const cJSON *ok = cJSON_GetObjectItemCaseSensitive(op, "kind");
				const cJSON *tk = cJSON_GetObjectItemCaseSensitive(tp, "kind");
				diags_add(ds, path, at.line, at.column, DIAG_WARNING,
					  "page \"%s\" is a %s page here but a %s page in the "
					  "original (%s:%d): a translation keeps the kinds",
					  id, cJSON_IsString(tk) ? tk->valuestring : "?",
					  cJSON_IsString(ok) ? ok->valuestring : "?", orig, oline);
				return 1;
			}
			if (role(m->string) == NULL) {
				if (other == NULL)
					other = m->string;
			} else if (strcmp(role(m->string), "claims") == 0) {
				claims = m->string;
			} else {
				answers = m->string;
			}
		}
	if (claims != NULL)
		diags_add(ds, path, at.line, at.column, DIAG_WARNING,
			  "page \"%s\": its claims (\"%s\") are not the original's (%s:%d): "
			  "translate the text only", id, claims, orig, oline);
	else if (answers != NULL)
		diags_add(ds, path, at.line, at.column, DIAG_WARNING,
			  "page \"%s\": its answers (\"%s\") are not the original's (%s:%d): "
			  "translate the text only", id, answers, orig, oline);
	else if (other != NULL)
		diags_add(ds, path, at.line, at.column, DIAG_WARNING,
			  "page \"%s\": its \"%s\" is not the original's (%s:%d): "
			  "translate the text only", id, other, orig, oline);
	return found;
}

/* "DIR/NAME.json" for path "DIR/LANG/NAME.json", or NULL when path is not in a language directory. */
static char *
original_of(const char *path)
{
	const char *name = strrchr(path, '/'), *lang;
	char *orig;
	size_t dirlen;

	if (name == NULL || name == path)
		return NULL;
	for (lang = name - 1; lang > path && lang[-1] != '/'; lang--)
		;
	{
		char buf[16];
		if ((size_t)(name - lang) >= sizeof buf)
			return NULL;
		memcpy(buf, lang, (size_t)(name - lang));
		buf[name - lang] = '\0';
		if (!lesson_is_language(buf))
			return NULL;
	}
	dirlen = (size_t)(lang - path);         /* "DIR/", or "" */
	orig = xmalloc(dirlen + strlen(name + 1) + 1);
	memcpy(orig, path, dirlen);
	strcpy(orig + dirlen, name + 1);
	return orig;
}

int
lesson_translation_compare(const char *path, struct diags *ds)
{
	struct doc tr, og;
	const cJSON *tpages, *opages, *p;
	char *orig = original_of(path);
	int warnings = 0, k, at, order_differs = 0, missing = 0, extra = 0;
	const char *keys[] = { "id", "order", "format" };
	size_t i;

	if (orig == NULL)
		return 0;
	if (doc_read(&og, orig) != 0) {
		free(orig);
		return 0;
	}
	if (doc_read(&tr, path) != 0) {
		doc_done(&og);
		free(orig);
		return 0;
	}
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(og.root, keys[i]);
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(tr.root, keys[i]);
		struct json_pos pos = json_pos_of(&tr.ix, b != NULL ? b : tr.root);
		if (!same(a, b, 0)) {
			diags_add(ds, path, pos.line, pos.column, DIAG_WARNING,
				  "the chapter's \"%s\" is not the original's (%s:%d): a "
				  "translation keeps it", keys[i], orig,
				  json_pos_of(&og.ix, a != NULL ? a : og.root).line);
			warnings++;
		}
	}
	tpages = cJSON_GetObjectItemCaseSensitive(tr.root, "pages");
	opages = cJSON_GetObjectItemCaseSensitive(og.root, "pages");
	if (!cJSON_IsArray(tpages))
		tpages = NULL;
	if (!cJSON_IsArray(opages))
		opages = NULL;
	k = 0;
	cJSON_ArrayForEach(p, tpages) {
		const char *id = page_id(p);
		const cJSON *o;
		struct json_pos pos = json_pos_of(&tr.ix, p);
		k++;
		if (id == NULL)
			continue;
		o = find_page(opages, id, &at);
		if (o == NULL) {
			diags_add(ds, path, pos.line, pos.column, DIAG_WARNING,
				  "page \"%s\" is not in the original, %s: a translation has "
				  "the original's pages", id, orig);
			warnings++;
			extra++;
			continue;
		}
		order_differs |= at != k;
		warnings += compare_page(&tr, p, &og, o, path, orig, ds);
	}
	cJSON_ArrayForEach(p, opages) {
		const char *id = page_id(p);
		if (id != NULL && find_page(tpages, id, &at) == NULL) {
			struct json_pos pos = json_pos_of(&tr.ix, tpages != NULL ? tpages : tr.root);
			diags_add(ds, path, pos.line, pos.column, DIAG_WARNING,
				  "the original's page \"%s\" (%s:%d) is missing here",
				  id, orig, json_pos_of(&og.ix, p).line);
			warnings++;
			missing++;
		}
	}
	if (order_differs && missing == 0 && extra == 0) {
		struct json_pos pos = json_pos_of(&tr.ix, tpages);
		diags_add(ds, path, pos.line, pos.column, DIAG_WARNING,
			  "the pages are not in the original's order (%s): a translation "
			  "keeps it", orig);
		warnings++;
	}
	doc_done(&tr);
	doc_done(&og);
	free(orig);
	return warnings;
}
