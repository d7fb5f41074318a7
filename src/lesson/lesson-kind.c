/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-kind.c - the table of page kinds: the kinds of page-kinds.def,
 * in its order, then those registered at run time (a test adds one).
 * Everything that depends on a page's kind asks this table.
 */
#include "config.h"

#include <string.h>

#include "lesson-int.h"

static const struct page_kind_def *kinds[PAGE_KIND_MAX] = {
#define PAGE_KIND(K, name) [PAGE_##K] = &page_kind_##name,
#include "descent/page-kinds.def"
#undef PAGE_KIND
};
static int nkinds = PAGE_KIND_COUNT;
static const char *names[PAGE_KIND_MAX + 1];

const struct page_kind_def *
page_kind_of(int k)
{
	return k >= 0 && k < nkinds ? kinds[k] : NULL;
}

int
page_kind_find(const char *name)
{
	int k;

	for (k = 0; k < nkinds; k++)
		if (strcmp(kinds[k]->name, name) == 0)
			return k;
	return -1;
}

const char *const *
page_kind_names(void)
{
	int k;

	for (k = 0; k < nkinds; k++)
		names[k] = kinds[k]->name;
	names[nkinds] = NULL;
	return names;
}

int
page_kind_register(const struct page_kind_def *k)
{
	if (nkinds == PAGE_KIND_MAX || k == NULL || k->name == NULL || k->name[0] == '\0' ||
	    k->members == NULL || k->read == NULL || page_kind_find(k->name) >= 0)
		return -1;
	kinds[nkinds] = k;
	return nkinds++;
}

const char *
page_kind_name(enum page_kind k)
{
	const struct page_kind_def *pk = page_kind_of((int)k);

	return pk != NULL ? pk->name : "?";
}

int
page_kind_asks(enum page_kind k)
{
	const struct page_kind_def *pk = page_kind_of((int)k);

	return pk != NULL && (pk->flags & PK_ASKS) != 0;
}

int
page_kind_has_figure(enum page_kind k)
{
	const struct page_kind_def *pk = page_kind_of((int)k);

	return pk != NULL && (pk->flags & PK_FIGURE) != 0;
}
