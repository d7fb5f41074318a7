/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-load.c - reads a chapter: JSON syntax (lesson-json.c), then the
 * chapter's members and each page's common ones (the schema reader of
 * lesson-schema.c), its objective and region, the members of its kind
 * (page-NAME.c, through the table of lesson-kind.c) and its claims.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

static const char *const common_fields[] = { "kind", "id", "title", "body", "hint",
					     "explain", "check", "unproved", "levels" };

/* The allowed members of a page of kind k, into out (NULL-ended, room for 48). */
static void
page_fields(const struct page_kind_def *k, const char **out)
{
	int i, n = 0;

	for (i = 0; i < (int)(sizeof common_fields / sizeof common_fields[0]); i++)
		out[n++] = common_fields[i];
	for (i = 0; k->members[i] != NULL && n < 47; i++)
		out[n++] = k->members[i];
	out[n] = NULL;
}

/* Whether a page id is 1 to 64 of [a-z0-9-], not starting with '-'. */
static int
id_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* "levels": [0, 2, 8], the contours a text speaks of: increasing, in 2D */
static void
read_levels(struct loader *L, const cJSON *po, struct lesson_page *p, int has_obj)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(po, "levels");
	int n, i;

	if (m == NULL)
		return;
	if (!has_obj || p->dim != 2) {
		lesson_error(L, AT(m), "\"levels\" are contour levels, for a figure of a "
			     "function of two variables");
		return;
	}
	n = get_numbers(L, m, "levels", 0, 16, p->levels);
	for (i = 1; i < n; i++)
		if (!(p->levels[i] > p->levels[i - 1])) {
			lesson_error(L, AT(m), "\"levels\" must increase, like [0, 2, 8]");
			return;
		}
	if (n > 0)
		p->nlevels = n;
}

static void
get_page(struct loader *L, const cJSON *po, struct lesson_page *p, int index)
{
	const struct page_kind_def *pk;
	const char *fields[48];
	char what[48];
	const cJSON *kind;
	int k, has_obj = 0;

	/* TRANSLATORS: a page of a chapter, in messages ("unknown member \"x\" in page 2") */
	snprintf(what, sizeof what, _("page %d"), index + 1);
	p->line = AT(po).line;
	p->column = AT(po).column;
	if (!cJSON_IsObject(po)) {
		lesson_error(L, AT(po), "a page is an object like {\"kind\": \"text\", \"body\": "
			     "\"...\"}, not %s", json_type_name(po));
		return;
	}
	kind = member(L, po, "kind", 1, what);
	if (kind == NULL)
		return;
	if (!cJSON_IsString(kind)) {
		lesson_error(L, AT(kind), "\"kind\" must be a string, not %s",
			     json_type_name(kind));
		return;
	}
	k = page_kind_find(kind->valuestring);
	if (k < 0) {
		const char *near = lesson_nearest(kind->valuestring, page_kind_names());
		char list[256];
		/* TRANSLATORS: between the last two names of a list, as in "a, b or c" */
		names_text(list, sizeof list, page_kind_names(), _(" or "));
		if (near != NULL)
			lesson_error(L, AT(kind), "unknown page kind \"%s\": did you mean \"%s\"?",
				     kind->valuestring, near);
		else
			lesson_error(L, AT(kind), "unknown page kind \"%s\": use %s",
				     kind->valuestring, list);
		return;
	}
	p->kind = (enum page_kind)k;
	pk = page_kind_of(k);
	page_fields(pk, fields);
	if (strchr("aeiou", pk->name[0]) != NULL)
		/* TRANSLATORS: a page of the kind %s (as the file names it), in messages */
		snprintf(what, sizeof what, _("an %s page"), pk->name);
	else
		/* TRANSLATORS: a page of the kind %s (as the file names it), in messages */
		snprintf(what, sizeof what, _("a %s page"), pk->name);
	check_members(L, po, fields, what);
	p->title = get_string(L, po, "title", 0, what);
	{
		/* the numbers of its text that need no proof */
		const cJSON *un = cJSON_GetObjectItemCaseSensitive(po, "unproved");
		if (un != NULL) {
			p->unproved = xcalloc(64, sizeof *p->unproved);
			p->nunproved = get_numbers(L, un, "unproved", 0, 64, p->unproved);
			if (p->nunproved < 0)
				p->nunproved = 0;
		}
	}
	p->id = get_string(L, po, "id", 0, what);
	if (p->id != NULL && !id_ok(p->id)) {
		lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "id")), "the page id "
			     "\"%s\" must be 1 to 64 lower-case letters, digits and '-' (like "
			     "\"normal-equations\"): the learner's progress is kept under it", p->id);
		free(p->id);
		p->id = NULL;
	}
	p->body = get_text(L, po, "body", (pk->flags & PK_BODY) != 0, what);
	p->hint = get_text(L, po, "hint", 0, what);
	p->explain = get_text(L, po, "explain", 0, what);
	p->x[0] = p->y[0] = -5;
	p->x[1] = p->y[1] = 5;

	if ((pk->flags & PK_OBJECTIVE) ||
	    ((pk->flags & PK_MAY_OBJECTIVE) &&
	     (cJSON_GetObjectItemCaseSensitive(po, "function") != NULL ||
	      cJSON_GetObjectItemCaseSensitive(po, "data") != NULL))) {
		if (get_objective(L, po, &p->obj, &p->dim) < 0)
			return;
		has_obj = 1;
		p->have_x = get_range(L, po, "x", p->x);
		p->have_y = get_range(L, po, "y", p->y);
	}
	read_levels(L, po, p, has_obj);
	if (pk->flags & PK_OBJECTIVE) {
		int dim = p->dim;
		if (p->have_y && dim != 2)
			lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(po, "y")),
				     P_("\"y\" is the range of a second variable, and this "
					"function has %d variable",
					"\"y\" is the range of a second variable, and this "
					"function has %d variables", dim), dim);
		if (!(pk->flags & PK_ANY_DIM) && (dim < 1 || dim > 2)) {
			if (p->obj.model != NULL)
				lesson_error(L, AT(po), "%s shows a cost of one or two "
					     "parameters; the model \"%s\" has %d (%s): is a column "
					     "misspelled?", what, p->obj.model, dim, L->params);
			else
				lesson_error(L, AT(po), "%s shows a function of one or two "
					     "variables; this one has %d", what, dim);
		}
	}
	pk->read(L, po, p, what);
	get_claims(L, po, p, p->dim, has_obj);
}

void
lesson_chapter_free(struct lesson_chapter *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->npages; i++) {
		struct lesson_page *p = &c->pages[i];
		const struct page_kind_def *pk = page_kind_of(p->kind);
		if (pk != NULL && pk->free != NULL)
			pk->free(p);
		free(p->title);
		free(p->id);
		free(p->unproved);
		free(p->body);
		free(p->hint);
		free(p->explain);
		free(p->question);
		free(p->claims);
		lesson_objective_done(&p->obj);
	}
	free(c->pages);
	free(c->file);
	free(c->id);
	free(c->title);
	free(c->summary);
	free(c);
}

/* The pages of a chapter by id, then by number: the order that finds twins. */
static const struct lesson_page *id_pages;
static int
by_page_id(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	int d = strcmp(id_pages[i].id, id_pages[j].id);

	return d != 0 ? d : (i > j) - (i < j);
}

/* Two pages may not share an id, or their progress would mix. */
static void
unique_page_ids(struct loader *L, const cJSON *pages, const struct lesson_chapter *c)
{
	int *ix = xcalloc((size_t)c->npages + 1, sizeof *ix), n = 0, i;

	for (i = 0; i < c->npages; i++)
		if (c->pages[i].id != NULL)
			ix[n++] = i;
	id_pages = c->pages;
	qsort(ix, (size_t)n, sizeof *ix, by_page_id);
	for (i = 1; i < n; i++)
		if (strcmp(c->pages[ix[i]].id, c->pages[ix[i - 1]].id) == 0) {
			const cJSON *p = cJSON_GetArrayItem(pages, ix[i]);
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(p, "id")), "page %d has "
				     "the id \"%s\" of page %d: a page id names one page", ix[i] + 1,
				     c->pages[ix[i]].id, ix[i - 1] + 1);
		}
	free(ix);
}

static struct lesson_chapter *parse(const char *text, size_t len, const char *name,
				    struct diags *ds, int partial);

struct lesson_chapter *
lesson_parse(const char *text, size_t len, const char *name, struct diags *ds)
{
	return parse(text, len, name, ds, 0);
}

struct lesson_chapter *
lesson_parse_partial(const char *text, size_t len, const char *name, struct diags *ds)
{
	return parse(text, len, name, ds, 1);
}

static struct lesson_chapter *
parse(const char *text, size_t len, const char *name, struct diags *ds, int partial)
{
	static const char *const fields[] = { "id", "title", "order", "summary", "pages", "format",
					      NULL };
	struct loader Ls, *L = &Ls;
	struct diag err;
	cJSON *root = NULL;
	struct lesson_chapter *c = NULL;
	const cJSON *pages, *p, *id;
	long order = 0;
	int i;

	memset(L, 0, sizeof *L);
	L->file = name;
	L->text = text;
	L->ds = ds;
	if (json_scan(text, len, name, &L->ix, &err) < 0) {
		diags_add_diag(ds, &err);
		json_index_done(&L->ix);
		return NULL;
	}
	root = cJSON_ParseWithLength(text, len);
	if (root == NULL) {             /* cannot happen: the scanner agreed */
		diags_add(ds, name, 1, 1, DIAG_ERROR, "this is not valid JSON");
		json_index_done(&L->ix);
		return NULL;
	}
	json_index_attach(&L->ix, root);
	if (!cJSON_IsObject(root)) {
		lesson_error(L, AT(root), "a chapter is a JSON object, { \"id\": ..., \"pages\": "
			     "[...] }, not %s", json_type_name(root));
		goto done;
	}
	c = xcalloc(1, sizeof *c);
	c->file = xstrdup(name);
	{
		/* a newer format is refused before its members are judged */
		const cJSON *fm = cJSON_GetObjectItemCaseSensitive(root, "format");
		long format = 1;
		if (fm != NULL && cJSON_IsNumber(fm) && fm->valuedouble > LESSON_FORMAT &&
		    fm->valuedouble == floor(fm->valuedouble)) {
			lesson_error(L, AT(fm), "this chapter is written in format %.0f, and this "
				     "descent reads format %d at most: update descent to read it",
				     fm->valuedouble, LESSON_FORMAT);
			goto done;
		}
		get_count(L, root, "format", 0, _("the chapter"), 1, LESSON_FORMAT, &format);
	}
	check_members(L, root, fields, _("the chapter"));
	c->id = get_string(L, root, "id", 1, _("the chapter"));
	id = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (c->id != NULL) {
		const char *s;
		c->id_line = AT(id).line;
		c->id_column = AT(id).column;
		for (s = c->id; *s != '\0'; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			      (*s == '-' && s != c->id)))
				break;
		if (*s != '\0' || *c->id == '\0')
			lesson_error(L, AT(id), "the id \"%s\" must be made of lower-case letters, "
				     "digits and '-' (like \"critical-points\"): it names the chapter on "
				     "the command line", c->id);
	}
	c->title = get_string(L, root, "title", 1, _("the chapter"));
	c->summary = get_text(L, root, "summary", 1, _("the chapter"));
	if (get_count(L, root, "order", 1, _("the chapter"), 0, 10000, &order)) {
		c->order = (int)order;
		c->order_line = AT(cJSON_GetObjectItemCaseSensitive(root, "order")).line;
		c->order_column = AT(cJSON_GetObjectItemCaseSensitive(root, "order")).column;
	}
	pages = member(L, root, "pages", 1, _("the chapter"));
	if (pages != NULL) {
		if (!cJSON_IsArray(pages)) {
			lesson_error(L, AT(pages), "\"pages\" must be an array of pages, not %s",
				     json_type_name(pages));
		} else if (cJSON_GetArraySize(pages) == 0) {
			lesson_error(L, AT(pages), "\"pages\" is empty: a chapter needs at least "
				     "one page");
		} else {
			c->npages = cJSON_GetArraySize(pages);
			c->pages = xcalloc(c->npages, sizeof *c->pages);
			for (i = 0, p = pages->child; p != NULL; p = p->next, i++) {
				size_t before = L->errors;
				get_page(L, p, &c->pages[i], i);
				c->pages[i].broken = L->errors > before;
			}
			unique_page_ids(L, pages, c);
		}
	}
done:
	cJSON_Delete(root);
	json_index_done(&L->ix);
	if (L->errors > 0 && partial && c != NULL && c->npages > 0 && c->id != NULL) {
		c->partial = 1;
		return c;
	}
	if (L->errors > 0) {
		lesson_chapter_free(c);
		return NULL;
	}
	return c;
}

static struct lesson_chapter *load(const char *path, struct diags *ds, int partial);

struct lesson_chapter *
lesson_load(const char *path, struct diags *ds)
{
	return load(path, ds, 0);
}

struct lesson_chapter *
lesson_load_partial(const char *path, struct diags *ds)
{
	return load(path, ds, 1);
}

static struct lesson_chapter *
load(const char *path, struct diags *ds, int partial)
{
	struct file_error fe;
	struct lesson_chapter *c;
	size_t len;
	char *buf = read_whole_file(path, LESSON_MAX_FILE, &len, &fe);

	if (buf == NULL) {
		if (fe.fail == FILE_TOO_LARGE)
			diags_add(ds, path, 1, 1, DIAG_ERROR, "the file is too large: a chapter "
				  "is at most %d bytes (1 MB); split it", LESSON_MAX_FILE);
		else if (fe.fail == FILE_CANNOT_OPEN)
			diags_add(ds, path, 0, 0, DIAG_ERROR, "cannot open the file: %s",
				  fe.reason);
		else
			diags_add(ds, path, 0, 0, DIAG_ERROR, "cannot read the file: %s",
				  fe.reason);
		return NULL;
	}
	c = parse(buf, len, path, ds, partial);
	free(buf);
	return c;
}
