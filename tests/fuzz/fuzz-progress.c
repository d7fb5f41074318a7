/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-progress.c - libFuzzer target for the progress store: any bytes
 * are written as a progress.json and loaded (a corrupted file is moved
 * aside with one warning and a fresh start); every chapter is then found
 * again, described and recorded in, "last" is set, and the progress is
 * saved and loaded back.  A saved file must load back without a warning
 * and equal, page by page, and saving that gives the same text again.
 *
 * The files live in a directory of its own, made once (in /dev/shm when
 * it can, where syncing costs nothing) and emptied before each input.
 *
 *   tests/fuzz/fuzz-progress -max_total_time=600 tests/fuzz/corpus-progress
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descent/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], file[96];

static void fresh_dir(void);

/* At exit: the directory goes, with what is in it. */
static void
remove_dir(void)
{
	fresh_dir();
	rmdir(dir);
}

/* Makes the directory once, and empties it. */
static void
fresh_dir(void)
{
	DIR *d;
	struct dirent *e;
	char path[512];

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "%s/fuzz-progress-XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(file, sizeof file, "%s/progress.json", dir);
		atexit(remove_dir);
	}
	d = opendir(dir);
	if (d == NULL)
		abort();
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (unlink(path) < 0)
			abort();
	}
	closedir(d);
}

/* The whole of path, NUL-terminated (the caller frees it). */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) < 0 || (n = ftell(fp)) < 0)
		abort();
	rewind(fp);
	s = malloc((size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, fp) != (size_t)n)
		abort();
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* The record of page i of chapter id in p, or an empty one; adds nothing. */
static struct page_progress
rec(const struct progress *p, const char *id, int i)
{
	static const struct page_progress none;
	int k;

	for (k = 0; k < p->n; k++)
		if (strcmp(p->chapters[k].id, id) == 0)
			return i < p->chapters[k].npages ? p->chapters[k].pages[i] : none;
	return none;
}

static int
same_record(struct page_progress a, struct page_progress b)
{
	return !a.seen == !b.seen && !a.correct == !b.correct &&
	       (a.attempts > 0 ? a.attempts : 0) == (b.attempts > 0 ? b.attempts : 0) &&
	       (a.hints > 0 ? a.hints : 0) == (b.hints > 0 ? b.hints : 0);
}

/* Every page of p is in q, and every page of q in p. */
static void
expect_same(const struct progress *p, const struct progress *q)
{
	const struct progress *a = p, *b = q;
	int round, k, i;

	for (round = 0; round < 2; round++, a = q, b = p)
		for (k = 0; k < a->n; k++)
			for (i = 0; i < a->chapters[k].npages; i++)
				if (!same_record(a->chapters[k].pages[i],
						 rec(b, a->chapters[k].id, i)))
					abort();
	if ((p->last_chapter == NULL) != (q->last_chapter == NULL))
		abort();
	if (p->last_chapter != NULL && (strcmp(p->last_chapter, q->last_chapter) != 0 ||
					p->last_page != q->last_page))
		abort();
}

/* Finds every chapter again and describes it; nothing is added. */
static void
walk(struct progress *p)
{
	static struct lesson_page pages[12];
	struct lesson_chapter c;
	char buf[24];
	int n = p->n, k, j;

	for (j = 0; j < 12; j++)
		pages[j].kind = (enum page_kind)(j % PAGE_KIND_COUNT);
	for (k = 0; k < p->n; k++) {
		struct chapter_progress *cp = &p->chapters[k];
		int had = cp->npages;

		if (progress_page(p, cp->id, 0) != &p->chapters[k].pages[0] || p->n != n)
			abort();
		if (had == 0 && p->chapters[k].npages != 1)
			abort();
		memset(&c, 0, sizeof c);
		c.id = p->chapters[k].id;
		c.pages = pages;
		c.npages = (int)(p->chapters[k].npages % 12);
		progress_chapter_text(p, &c, buf, sizeof buf);
		if (strlen(buf) >= sizeof buf || p->n != n)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags ds;
	struct progress p, q;
	char *text1, *text2, id[16];
	FILE *fp;
	size_t i, warnings;
	uint32_t u = 0;
	int page;

	if (size > 65536)
		return 0;
	fresh_dir();
	fp = fopen(file, "wb");
	if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	diags_init(&ds);
	progress_load(&p, file, &ds);
	if (ds.n > 1 || (ds.n == 1 && (p.n != 0 || p.last_chapter != NULL)))
		abort();
	walk(&p);

	/* record something under an id and a page taken from the input's end */
	for (i = 0; i < sizeof id - 1 && i < size; i++)
		id[i] = (char)data[size - 1 - i];
	id[i] = '\0';
	for (i = 0; i < 4 && i < size; i++)
		u = u * 256 + data[i];
	/* negative, usual, or now and then past the last page kept (10000) */
	page = size > 0 && data[0] >= 0xf0 ? (int)(u % 30000) - 1000 : (int)(u % 64) - 8;
	progress_page(&p, id, page)->attempts++;
	progress_page(&p, id, page)->seen = 1;
	progress_set_last(&p, p.last_chapter, p.last_page);     /* its own id */
	if (size % 3 == 0)
		progress_set_last(&p, id, page);
	walk(&p);

	if (p.path == NULL) {           /* a newer descent's file: never written */
		if (ds.n != 1 || progress_save(&p, NULL) != -1)
			abort();
		goto done;
	}
	if (progress_save(&p, &ds) != 0)
		abort();
	text1 = slurp(file);
	warnings = ds.n;
	progress_load(&q, file, &ds);
	if (ds.n != warnings)           /* what we saved must load without a word */
		abort();
	expect_same(&p, &q);
	if (progress_save(&q, &ds) != 0)
		abort();
	text2 = slurp(file);
	if (strcmp(text1, text2) != 0)
		abort();
	free(text1);
	free(text2);
	progress_done(&q);
done:
	progress_done(&p);
	diags_done(&ds);
	return 0;
}
