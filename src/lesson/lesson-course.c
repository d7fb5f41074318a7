/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-course.c - the course: every chapter of a directory, loaded one
 * by one so that a broken file never hides the others, sorted by their
 * order, with ids and orders that two chapters share reported; and where
 * the lessons are found.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/lesson.h"
#include "descent/util.h"

static int
by_order(const void *a, const void *b)
{
	const struct lesson_chapter *x = *(const struct lesson_chapter *const *)a;
	const struct lesson_chapter *y = *(const struct lesson_chapter *const *)b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.json files of dir, sorted; returns their count (-1: no such dir). */
static int
list_dir(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	int n = 0, cap = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = path_in_dir(dir, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	*out = names;
	return n;
}

int
lesson_course_load(struct lesson_course *co, const char *dir, const char *const *files,
		   int nfiles, struct diags *ds)
{
	char **names = NULL;
	int n, i, j;

	memset(co, 0, sizeof *co);
	if (files != NULL) {
		n = nfiles;
	} else {
		n = list_dir(dir, &names);
		if (n < 0) {
			diags_add(ds, dir, 0, 0, DIAG_ERROR, "cannot read the lessons' "
				  "directory");
			return -1;
		}
	}
	co->chapters = xcalloc(n > 0 ? n : 1, sizeof *co->chapters);
	co->broken = xcalloc(n > 0 ? n : 1, sizeof *co->broken);
	for (i = 0; i < n; i++) {
		const char *path = files != NULL ? files[i] : names[i];
		struct lesson_chapter *c = lesson_load(path, ds);
		if (c == NULL) {
			co->broken[co->nbroken++] = xstrdup(path);
			continue;
		}
		/* an id or order another chapter has: an error at the second */
		for (j = 0; j < co->n; j++) {
			if (strcmp(co->chapters[j]->id, c->id) == 0) {
				diags_add(ds, c->file, c->id_line, c->id_column, DIAG_ERROR,
					  "the id \"%s\" is taken by %s:%d", c->id,
					  co->chapters[j]->file, co->chapters[j]->id_line);
				break;
			}
			if (co->chapters[j]->order == c->order) {
				diags_add(ds, c->file, c->order_line, c->order_column,
					  DIAG_ERROR, "the order %d is taken by %s:%d: two "
					  "chapters cannot share a place", c->order,
					  co->chapters[j]->file, co->chapters[j]->order_line);
				break;
			}
		}
		if (j < co->n) {
			co->broken[co->nbroken++] = xstrdup(path);
			lesson_chapter_free(c);
			continue;
		}
		co->chapters[co->n++] = c;
	}
	qsort(co->chapters, co->n, sizeof *co->chapters, by_order);
	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

void
lesson_course_done(struct lesson_course *co)
{
	int i;

	for (i = 0; i < co->n; i++)
		lesson_chapter_free(co->chapters[i]);
	for (i = 0; i < co->nbroken; i++)
		free(co->broken[i]);
	free(co->chapters);
	free(co->broken);
	memset(co, 0, sizeof *co);
}

struct lesson_chapter *
lesson_course_find(const struct lesson_course *co, const char *id)
{
	size_t len = strlen(id);
	int i, match = -1;
	char *end;
	long k = strtol(id, &end, 10);

	for (i = 0; i < co->n; i++)
		if (strcmp(co->chapters[i]->id, id) == 0)
			return co->chapters[i];
	/* a number: the chapter at that place, from 1 */
	if (*id != '\0' && *end == '\0' && k >= 1 && k <= co->n)
		return co->chapters[k - 1];
	for (i = 0; i < co->n; i++)
		if (strncmp(co->chapters[i]->id, id, len) == 0) {
			if (match >= 0)
				return NULL;    /* ambiguous */
			match = i;
		}
	return match >= 0 ? co->chapters[match] : NULL;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The first line of the regular file path (without its newline) into buf;
 * 0, or -1 when there is none or it does not fit.
 */
static int
read_line(const char *path, char *buf, size_t size)
{
	struct file_error fe;
	size_t len;
	char *text = read_whole_file(path, size, &len, &fe), *nl;
	int ret = -1;

	if (text != NULL && (nl = strchr(text, '\n')) != NULL && nl > text) {
		*nl = '\0';
		snprintf(buf, size, "%s", text);
		ret = 0;
	}
	free(text);
	return ret;
}

char *
lesson_search_path(const char *dir)
{
	const char *env = getenv("DESCENT_LESSONS");

	if (dir != NULL)
		return xstrdup(dir);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	{
		/* run from the build tree: the source tree's lessons, named by
		 * the file descent.srcdir that the build writes beside the
		 * program (an installed program has none beside it) */
		char exe[4096], src[4096];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		char *slash, *lessons;
		if (n > 0) {
			exe[n] = '\0';
			if ((slash = strrchr(exe, '/')) != NULL &&
			    (size_t)(slash - exe) + sizeof "/descent.srcdir" <= sizeof exe) {
				memcpy(slash, "/descent.srcdir", sizeof "/descent.srcdir");
				if (read_line(exe, src, sizeof src) == 0) {
					lessons = path_in_dir(src, "lessons");
					if (is_dir(lessons))
						return lessons;
					free(lessons);
				}
			}
		}
	}
	return xstrdup(DESCENT_PKGDATADIR "/lessons");
}
