/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-course.c - the course: every chapter of the directories of the
 * lesson search path, loaded one by one so that a broken file never hides
 * the others, sorted by their order, with ids and orders that two
 * chapters share reported (an id found again in a later directory is
 * shadowed, not an error); and where the lessons are found.
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/i18n.h"
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
	if (n > 1)
		qsort(names, n, sizeof *names, by_name);
	*out = names;
	return n;
}

/*
 * Adds the chapter of path to co (or to its broken files or its shadowed
 * chapters), as read from directory k of the search path.
 */
static void
add_file(struct lesson_course *co, const char *path, int k, const char *lang,
	 struct diags *ds)
{
	struct lesson_chapter *c = lesson_load(path, ds);
	int j;

	if (c == NULL) {
		co->broken[co->nbroken++] = xstrdup(path);
		return;
	}
	snprintf(c->lang, sizeof c->lang, "%s", lang != NULL ? lang : "");
	for (j = 0; j < co->n; j++)
		if (strcmp(co->chapters[j]->id, c->id) == 0 && co->from[j] == k &&
		    co->chapters[j]->lang[0] != '\0') {
			/* its translation, in a language the learner prefers, is taken */
			lesson_chapter_free(c);
			return;
		}
	for (j = 0; j < co->n; j++)
		if (strcmp(co->chapters[j]->id, c->id) == 0 && co->from[j] < k) {
			/* an earlier directory has it: this one is shadowed */
			struct lesson_shadow *sh = &co->shadowed[co->nshadowed++];
			sh->id = xstrdup(c->id);
			sh->file = xstrdup(path);
			sh->by = xstrdup(co->chapters[j]->file);
			lesson_chapter_free(c);
			return;
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
		return;
	}
	co->from[co->n] = k;
	co->chapters[co->n++] = c;
}

/* Room in co for n more files. */
static void
make_room(struct lesson_course *co, int have, int n)
{
	size_t size = (size_t)have + (size_t)n + 1;

	co->chapters = xreallocarray(co->chapters, size, sizeof *co->chapters);
	co->broken = xreallocarray(co->broken, size, sizeof *co->broken);
	co->shadowed = xreallocarray(co->shadowed, size, sizeof *co->shadowed);
	co->from = xreallocarray(co->from, size, sizeof *co->from);
}

/* Sorts the chapters by order, their directories with them. */
static void
sort_course(struct lesson_course *co)
{
	int i, j;

	/* an insertion sort keeps from[] beside its chapter; courses are short */
	for (i = 1; i < co->n; i++) {
		struct lesson_chapter *c = co->chapters[i];
		int f = co->from[i];
		for (j = i; j > 0 && by_order(&co->chapters[j - 1], &c) > 0; j--) {
			co->chapters[j] = co->chapters[j - 1];
			co->from[j] = co->from[j - 1];
		}
		co->chapters[j] = c;
		co->from[j] = f;
	}
}

int
lesson_course_load(struct lesson_course *co, const char *dir, const char *const *files,
		   int nfiles, struct diags *ds)
{
	int i;

	if (files == NULL) {
		struct lesson_dirs d;
		memset(&d, 0, sizeof d);
		d.dir[0] = (char *)dir;
		d.required[0] = 1;
		d.n = 1;
		return lesson_course_load_dirs(co, &d, ds);
	}
	memset(co, 0, sizeof *co);
	make_room(co, 0, nfiles);
	for (i = 0; i < nfiles; i++)
		add_file(co, files[i], 0, NULL, ds);
	sort_course(co);
	return 0;
}

/*
 * Adds the chapters of dir, directory k of the search path, or of its
 * language directory lang.  Returns 0, or -1 when dir cannot be read.
 */
static int
add_dir(struct lesson_course *co, int *have, const char *dir, int k, const char *lang,
	struct diags *ds)
{
	char **names = NULL, *sub = lang != NULL ? path_in_dir(dir, lang) : NULL;
	int n = list_dir(sub != NULL ? sub : dir, &names), i;

	free(sub);
	if (n < 0)
		return -1;
	make_room(co, *have, n);
	*have += n;
	for (i = 0; i < n; i++) {
		add_file(co, names[i], k, lang, ds);
		free(names[i]);
	}
	free(names);
	return 0;
}

int
lesson_course_load_dirs(struct lesson_course *co, const struct lesson_dirs *d,
			struct diags *ds)
{
	int k, l, have = 0, read = 0;

	memset(co, 0, sizeof *co);
	make_room(co, 0, 0);
	for (k = 0; k < d->n; k++) {
		/* the translations first: they replace the chapters of their ids */
		for (l = 0; l < d->nlang; l++)
			add_dir(co, &have, d->dir[k], k, d->lang[l], ds);
		if (add_dir(co, &have, d->dir[k], k, NULL, ds) < 0) {
			if (d->required[k])
				diags_add(ds, d->dir[k], 0, 0, DIAG_ERROR, "cannot read the "
					  "lessons' directory");
			continue;
		}
		read++;
	}
	sort_course(co);
	return read > 0 ? 0 : -1;
}

void
lesson_course_done(struct lesson_course *co)
{
	int i;

	for (i = 0; i < co->n; i++)
		lesson_chapter_free(co->chapters[i]);
	for (i = 0; i < co->nbroken; i++)
		free(co->broken[i]);
	for (i = 0; i < co->nshadowed; i++) {
		free(co->shadowed[i].id);
		free(co->shadowed[i].file);
		free(co->shadowed[i].by);
	}
	free(co->chapters);
	free(co->broken);
	free(co->shadowed);
	free(co->from);
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

int
lesson_course_lang_width(const struct lesson_course *co)
{
	int i, w = 0;

	for (i = 0; i < co->n; i++)
		if ((int)strlen(co->chapters[i]->lang) > w)
			w = (int)strlen(co->chapters[i]->lang);
	return w;
}

const char *
lesson_chapter_lang(const struct lesson_chapter *c)
{
	return c->lang[0] != '\0' ? c->lang : "en";
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
lesson_course_dir(void)
{
	/* run from the build tree: the source tree's lessons, named by the
	 * file descent.srcdir that the build writes beside the program */
	char *mark = build_tree_file("descent.srcdir"), src[4096], *lessons;

	if (mark != NULL && read_line(mark, src, sizeof src) == 0) {
		lessons = path_in_dir(src, "lessons");
		if (is_dir(lessons)) {
			free(mark);
			return lessons;
		}
		free(lessons);
	}
	free(mark);
	return xstrdup(DESCENT_PKGDATADIR "/lessons");
}

/*
 * Adds dir to the path unless it is there already (by its real path);
 * an optional one only when it is a directory.
 */
static void
dirs_add(struct lesson_dirs *d, const char *dir, int required)
{
	char real[PATH_MAX], other[PATH_MAX];
	int i, known;

	if (d->n == LESSON_MAX_DIRS || *dir == '\0')
		return;
	if (!required && !is_dir(dir))
		return;
	known = realpath(dir, real) != NULL;
	for (i = 0; i < d->n; i++)
		if (strcmp(d->dir[i], dir) == 0 ||
		    (known && realpath(d->dir[i], other) != NULL && strcmp(real, other) == 0))
			return;
	d->dir[d->n] = xstrdup(dir);
	d->required[d->n++] = required;
}

/* Adds each directory of a ':'-separated list, with sub under each when not NULL. */
static void
dirs_add_list(struct lesson_dirs *d, const char *list, const char *sub, int required)
{
	const char *p = list, *colon;

	while (p != NULL && *p != '\0') {
		size_t len;
		char *one, *full;
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		one = xmalloc(len + 1);
		memcpy(one, p, len);
		one[len] = '\0';
		/* the XDG directories are absolute: a relative one is ignored */
		if (len > 0 && (sub == NULL || one[0] == '/')) {
			full = sub != NULL ? path_in_dir(one, sub) : xstrdup(one);
			dirs_add(d, full, required);
			free(full);
		}
		free(one);
		p = colon != NULL ? colon + 1 : NULL;
	}
}

void
lesson_dirs_find(struct lesson_dirs *d, const char *const *given, int ngiven, int only)
{
	const char *env = getenv("DESCENT_LESSONS"), *data = getenv("XDG_DATA_HOME");
	const char *datadirs = getenv("XDG_DATA_DIRS"), *home = getenv("HOME");
	char *course;
	int i;

	memset(d, 0, sizeof *d);
	d->nlang = lesson_languages(d->lang, LESSON_MAX_LANGS);
	for (i = 0; i < ngiven; i++)
		dirs_add(d, given[i], 1);
	if (only)
		return;
	if (ngiven == 0 && env != NULL)
		dirs_add_list(d, env, NULL, 1);
	if (data != NULL && data[0] == '/') {
		dirs_add_list(d, data, "descent/lessons", 0);
	} else if (home != NULL && home[0] == '/') {
		char *share = path_in_dir(home, ".local/share/descent/lessons");
		dirs_add(d, share, 0);
		free(share);
	}
	dirs_add_list(d, datadirs != NULL && *datadirs != '\0' ? datadirs :
		      "/usr/local/share:/usr/share", "descent/lessons", 0);
	course = lesson_course_dir();
	dirs_add(d, course, 1);
	free(course);
}

void
lesson_dirs_done(struct lesson_dirs *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->dir[i]);
	memset(d, 0, sizeof *d);
}

char *
lesson_dirs_text(const struct lesson_dirs *d, const int *used)
{
	/* TRANSLATORS: between the last two of a list: "a, b and c" */
	const char *and = _(" and ");
	char *out = xstrdup(""), *safe;
	int i, k = 0, count = 0;

	for (i = 0; i < d->n; i++)
		count += used == NULL || used[i];
	for (i = 0; i < d->n; i++) {
		size_t len;
		if (used != NULL && !used[i])
			continue;
		safe = text_safe(d->dir[i]);
		len = strlen(out) + strlen(safe) + strlen(and) + 3;
		out = xrealloc(out, len);
		if (k > 0)
			strcat(out, k == count - 1 ? and : ", ");
		strcat(out, safe);
		free(safe);
		k++;
	}
	return out;
}
