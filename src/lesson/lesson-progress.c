/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-progress.c - what the learner did (pages seen, answers, hints,
 * where they left off), kept in one small JSON file that a dropped SSH
 * connection can neither lose nor corrupt.
 *
 * The file is $XDG_STATE_HOME/descent/progress.json, or
 * $HOME/.local/state/descent/progress.json when XDG_STATE_HOME is unset,
 * empty or relative (the XDG spec says to ignore a relative one), or the
 * path given to progress_load.  Missing directories are made with mode
 * 0700; the file is written with mode 0600.  Its format, version 2:
 *
 *	{"version": 2,
 *	 "last": {"chapter": "gradient", "page": 3},
 *	 "chapters": {
 *	   "gradient": {"pages": [{"seen": true},
 *	                          {},
 *	                          {"seen": true, "attempts": 2, "correct": true, "hints": 1}],
 *	                "ids": {"normal-equations": {"seen": true, "correct": true}}}}}
 *
 * "ids" keeps the pages that have an id in their chapter, under it (a
 * record moves there from "pages" when its page gets an id:
 * progress_page_of); version 1, written before page ids, is the same
 * without "ids", and is read as it is.  A descent that knew version 1
 * only would drop "ids" when saving, so version 2 keeps it away.
 * "pages" is indexed by page number; an entry with nothing recorded is {}
 * (null is read too), a field that is zero or false is left out, and a
 * chapter with nothing recorded is left out.  When reading, unknown
 * fields are ignored (a later descent may add some without changing the
 * version), negative counts read as 0, pages after index MAX_PAGE
 * (10000) are dropped and a larger "last" page reads as 0; a known field
 * of the wrong type, or anything but an object where one belongs, makes
 * the file corrupted, and so does anything but white space after the
 * object.  A larger version is a newer descent's file: we start fresh
 * and never write over it.  In a directory we cannot write in, the file
 * is still read, and never written.  A file larger than MAX_FILE (16 MB)
 * is refused unread, as unreadable.
 *
 * Nothing here ever loses what is on disk: a corrupted or unreadable file
 * is renamed aside to progress.json.bad-YYYYMMDD-HHMMSS (local time, then
 * -2, -3, ... when that name is taken) before a fresh start, and saving
 * writes a temporary file progress.json.XXXXXX in the same directory,
 * syncs it, renames it over the old file and syncs the directory, so the
 * file is always either the old one or the new one, whole.  Temporary
 * files that a crash left behind are not removed: another descent may be
 * writing one at this moment.  Problems are warnings in the caller's
 * diagnostics, never errors: the course runs without saving when it must.
 *
 * progress_page returns a pointer into an array that the next
 * progress_page call on the same progress may move.  Chapters are found
 * through a hash index over their ids (struct progress in lesson.h), so
 * that a file of many thousand chapters loads in one pass: each lookup
 * compares ids only with those of the same hash slot run.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

#define PROGRESS_VERSION 2
#define MAX_PAGE 10000                  /* the largest page index kept */
#define MAX_FILE (16 << 20)             /* a larger file is corrupted */

/* A file's text, or why there is none: missing, or a reason to print. */
struct read_result {
	char *text;
	size_t len;
	int missing;
	char reason[128];
};

/* Ids compared by lookups (lesson-int.h), which the tests count. */
unsigned long progress_id_compares;

/* Everything recorded goes; the file name and the warned flag stay. */
static void
progress_forget(struct progress *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		int j;
		free(p->chapters[i].id);
		free(p->chapters[i].pages);
		for (j = 0; j < p->chapters[i].nbyid; j++)
			free(p->chapters[i].byid[j].id);
		free(p->chapters[i].byid);
	}
	free(p->chapters);
	p->chapters = NULL;
	p->n = p->cap = 0;
	free(p->index);
	p->index = NULL;
	p->nindex = 0;
	free(p->last_chapter);
	p->last_chapter = NULL;
	p->last_page = 0;
}

/*
 * Reads the whole file into r->text (NUL-terminated; the caller frees
 * it).  Returns 0; or -1 with r->missing set when there is no file, or
 * with r->reason when it cannot be read (a directory, a FIFO and an
 * enormous file cannot, so that nothing here blocks or eats the memory).
 */
static int
read_file(const char *path, struct read_result *r)
{
	struct file_error fe;

	memset(r, 0, sizeof *r);
	r->text = read_whole_file(path, MAX_FILE, &r->len, &fe);
	if (r->text != NULL)
		return 0;
	if (fe.fail == FILE_CANNOT_OPEN && (fe.errnum == ENOENT || fe.errnum == ENOTDIR))
		r->missing = 1;
	else if (fe.fail == FILE_TOO_LARGE)
		snprintf(r->reason, sizeof r->reason, _("larger than %d MB"), MAX_FILE >> 20);
	else
		snprintf(r->reason, sizeof r->reason, "%s", fe.reason);
	return -1;
}

/* An optional true/false (a number is read as C reads it); -1: wrong type. */
static int
read_flag(const cJSON *obj, const char *key, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = 0;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (cJSON_IsBool(v))
		*out = cJSON_IsTrue(v);
	else if (cJSON_IsNumber(v))
		*out = v->valuedouble != 0;
	else
		return -1;
	return 0;
}

/* An optional number, made sane: negative is 0, too large is INT_MAX. */
static int
read_count(const cJSON *obj, const char *key, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = 0;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v))
		return -1;
	if (v->valuedouble >= INT_MAX)
		*out = INT_MAX;
	else if (v->valuedouble > 0)
		*out = (int)v->valuedouble;
	return 0;
}

/* Reads one page's record (an object); returns -1 when the shape is wrong. */
static int
parse_record(const cJSON *e, struct page_progress *r)
{
	if (!cJSON_IsObject(e) || read_flag(e, "seen", &r->seen) < 0 ||
	    read_flag(e, "correct", &r->correct) < 0 ||
	    read_count(e, "attempts", &r->attempts) < 0 ||
	    read_count(e, "hints", &r->hints) < 0 || read_flag(e, "first", &r->first) < 0)
		return -1;
	/* a file from before "first": one attempt, and right */
	if (cJSON_GetObjectItemCaseSensitive(e, "first") == NULL)
		r->first = r->correct && r->attempts == 1;
	return 0;
}

static struct chapter_progress *find_chapter(const struct progress *p, const char *id);
static struct chapter_progress *add_chapter(struct progress *p, const char *id);
static struct page_record *add_record(struct chapter_progress *c, const char *pid);

/* Reads the pages of chapter id; returns -1 when the shape is wrong. */
static int
parse_chapter(struct progress *p, const char *id, const cJSON *c, int version)
{
	const cJSON *pages, *ids, *e;
	int i = 0;

	if (!cJSON_IsObject(c))
		return -1;
	pages = cJSON_GetObjectItemCaseSensitive(c, "pages");
	if (pages != NULL && !cJSON_IsNull(pages)) {
		if (!cJSON_IsArray(pages))
			return -1;
		cJSON_ArrayForEach(e, pages) {
			struct page_progress r;

			if (i > MAX_PAGE)
				break;
			if (cJSON_IsNull(e)) {
				i++;
				continue;
			}
			if (parse_record(e, &r) < 0)
				return -1;
			if (r.seen || r.correct || r.attempts > 0 || r.hints > 0)
				*progress_page(p, id, i) = r;
			i++;
		}
	}
	ids = version >= 2 ? cJSON_GetObjectItemCaseSensitive(c, "ids") : NULL;
	if (ids == NULL || cJSON_IsNull(ids))
		return 0;
	if (!cJSON_IsObject(ids))
		return -1;
	i = 0;
	cJSON_ArrayForEach(e, ids) {
		struct chapter_progress *cp;
		struct page_progress r;

		if (i++ > MAX_PAGE)
			break;
		if (e->string == NULL || parse_record(e, &r) < 0)
			return -1;
		if (!(r.seen || r.correct || r.attempts > 0 || r.hints > 0))
			continue;
		/* appended without a lookup: a repeated id is never found twice */
		cp = find_chapter(p, id);
		if (cp == NULL)
			cp = add_chapter(p, id);
		add_record(cp, e->string)->r = r;
	}
	return 0;
}

/* Reads "last"; returns -1 when the shape is wrong. */
static int
parse_last(struct progress *p, const cJSON *last)
{
	const cJSON *id;
	int n;

	if (last == NULL || cJSON_IsNull(last))
		return 0;
	if (!cJSON_IsObject(last))
		return -1;
	id = cJSON_GetObjectItemCaseSensitive(last, "chapter");
	if (id != NULL && !cJSON_IsNull(id) && !cJSON_IsString(id))
		return -1;
	if (read_count(last, "page", &n) < 0)
		return -1;
	if (cJSON_IsString(id))
		progress_set_last(p, id->valuestring, n);
	return 0;
}

/* Whether s to end is JSON white space only. */
static int
only_space(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/*
 * Reads the text of a progress file into p (which is empty); returns 0,
 * -1 when it is corrupted (p is left empty), or 1 when it is a newer
 * version's.  Anything but white space after the object is corruption:
 * it would be lost at the next save.
 */
static int
parse_progress(struct progress *p, const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	const cJSON *v, *chapters, *c;
	int ret = -1;

	if (!cJSON_IsObject(root) || end == NULL || !only_space(end, text + len))
		goto fail;
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(v))
		goto fail;
	if (v->valuedouble > PROGRESS_VERSION) {
		ret = 1;
		goto fail;
	}
	if (v->valuedouble != 1 && v->valuedouble != 2)
		goto fail;
	if (parse_last(p, cJSON_GetObjectItemCaseSensitive(root, "last")) < 0)
		goto fail;
	chapters = cJSON_GetObjectItemCaseSensitive(root, "chapters");
	if (chapters != NULL && !cJSON_IsNull(chapters)) {
		if (!cJSON_IsObject(chapters))
			goto fail;
		cJSON_ArrayForEach(c, chapters)
			if (c->string == NULL ||
			    parse_chapter(p, c->string, c, (int)v->valuedouble) < 0)
				goto fail;
	}
	ret = 0;
fail:
	if (ret != 0)
		progress_forget(p);
	cJSON_Delete(root);
	return ret;
}

/* Reports a full file system or similar to the user once per progress. */
static void
warn_unsaved(struct progress *p, struct diags *ds, const char *what, int err)
{
	if (!p->warned && ds != NULL)
		diags_add(ds, p->path != NULL ? p->path : "progress.json", 0, 0,
			  DIAG_WARNING, "cannot save the progress (%s: %s); "
			  "it will not be kept", what, strerror(err));
	p->warned = 1;
}

/* Stops all saving: the file cannot be written, or must not be. */
static void
no_saving(struct progress *p)
{
	free(p->path);
	p->path = NULL;
	p->warned = 1;
}

void
progress_load(struct progress *p, const char *path, struct diags *ds)
{
	struct read_result r;
	char *file, *dir = NULL, *aside = NULL;
	int writable = 1, res, err = 0;

	memset(p, 0, sizeof *p);
	file = path != NULL ? xstrdup(path) : state_default_path();
	if (file == NULL) {
		if (ds != NULL)
			diags_add(ds, "progress.json", 0, 0, DIAG_WARNING,
				  "neither XDG_STATE_HOME nor HOME is set; "
				  "progress will not be saved");
		p->warned = 1;
		return;
	}
	p->path = file;
	dir = state_dir_name(file);
	if (state_can_make_dirs(dir) < 0) {
		if (ds != NULL)
			diags_add(ds, file, 0, 0, DIAG_WARNING,
				  "cannot make the directory %s (%s); "
				  "progress will not be saved", dir, strerror(errno));
		writable = 0;
		goto fail;      /* there is no file to read */
	}
	if (access(dir, F_OK) == 0 && access(dir, W_OK | X_OK) < 0) {
		err = errno;
		if (ds != NULL)
			diags_add(ds, file, 0, 0, DIAG_WARNING,
				  "cannot write in the directory %s (%s); "
				  "progress will not be saved", dir, strerror(err));
		writable = 0;
	}
	if (read_file(file, &r) < 0) {
		if (r.missing)
			goto fail;
		res = -2;
	} else {
		res = parse_progress(p, r.text, r.len);
		free(r.text);
	}
	if (res == 0)
		goto fail;
	if (res == 1) {
		if (ds != NULL)
			diags_add(ds, file, 0, 0, DIAG_WARNING,
				  "%s is from a newer descent; "
				  "starting fresh without touching it", state_base_name(file));
		writable = 0;
		goto fail;
	}
	/* corrupted (-1) or unreadable (-2): keep it, start fresh */
	if (writable) {
		aside = state_move_aside(file);
		err = errno;
	}
	if (aside == NULL) {
		if (ds != NULL)
			diags_add(ds, file, 0, 0, DIAG_WARNING,
				  "%s was unreadable and could not be kept aside (%s); "
				  "starting fresh without saving", state_base_name(file),
				  strerror(err));
		writable = 0;
	} else if (ds != NULL && res == -1) {
		diags_add(ds, file, 0, 0, DIAG_WARNING,
			  "%s was unreadable; kept as %s and starting fresh",
			  state_base_name(file), state_base_name(aside));
	} else if (ds != NULL) {
		diags_add(ds, file, 0, 0, DIAG_WARNING,
			  "%s could not be read (%s); kept as %s and starting fresh",
			  state_base_name(file), r.reason, state_base_name(aside));
	}
fail:
	if (!writable)
		no_saving(p);
	free(aside);
	free(dir);
}

void
progress_done(struct progress *p)
{
	progress_forget(p);
	free(p->path);
	memset(p, 0, sizeof *p);
}

/* FNV-1a: ids are short and chosen by lesson authors, not by an adversary. */
static size_t
id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

/*
 * The slot of the index where id is, or the empty slot where it would go.
 * The index must exist (nindex > 0) and have an empty slot.
 */
static size_t
index_slot(const struct progress *p, const char *id)
{
	size_t mask = p->nindex - 1, k = id_hash(id) & mask;

	for (; p->index[k] != 0; k = (k + 1) & mask) {
		progress_id_compares++;
		if (strcmp(p->chapters[p->index[k] - 1].id, id) == 0)
			break;
	}
	return k;
}

/* The chapter with this id, or NULL: looking adds nothing. */
static struct chapter_progress *
find_chapter(const struct progress *p, const char *id)
{
	size_t k;

	if (p->nindex == 0)
		return NULL;
	k = index_slot(p, id);
	return p->index[k] != 0 ? &p->chapters[p->index[k] - 1] : NULL;
}

/* Makes the index twice as large (at least 64 slots) and fills it again. */
static void
index_grow(struct progress *p)
{
	size_t size = p->nindex > 0 ? 2 * p->nindex : 64, mask = size - 1, k;
	int i;

	free(p->index);
	p->index = xcalloc(size, sizeof *p->index);
	p->nindex = size;
	for (i = 0; i < p->n; i++) {     /* the ids differ: no need to compare them */
		for (k = id_hash(p->chapters[i].id) & mask; p->index[k] != 0; k = (k + 1) & mask)
			;
		p->index[k] = i + 1;
	}
}

/* A new chapter with nothing recorded, in the array and the index. */
static struct chapter_progress *
add_chapter(struct progress *p, const char *id)
{
	struct chapter_progress *c;

	if (p->n == p->cap) {
		if (p->cap > INT_MAX / 2)
			fatal("progress: too many chapters");
		p->cap = p->cap > 0 ? 2 * p->cap : 16;
		p->chapters = xreallocarray(p->chapters, (size_t)p->cap, sizeof *p->chapters);
	}
	if (2 * (size_t)(p->n + 1) > p->nindex)
		index_grow(p);
	p->index[index_slot(p, id)] = p->n + 1;
	c = &p->chapters[p->n++];
	memset(c, 0, sizeof *c);
	c->id = xstrdup(id);
	return c;
}

/* A new record of page id pid, with nothing recorded. */
static struct page_record *
add_record(struct chapter_progress *c, const char *pid)
{
	struct page_record *r;

	if (c->nbyid == c->capbyid) {
		c->capbyid = c->capbyid > 0 ? 2 * c->capbyid : 8;
		c->byid = xreallocarray(c->byid, (size_t)c->capbyid, sizeof *c->byid);
	}
	r = &c->byid[c->nbyid++];
	memset(r, 0, sizeof *r);
	r->id = xstrdup(pid);
	return r;
}

/* The record of page id pid, or NULL. */
static struct page_record *
find_record(const struct chapter_progress *c, const char *pid)
{
	int i;

	for (i = 0; c != NULL && i < c->nbyid; i++)
		if (strcmp(c->byid[i].id, pid) == 0)
			return &c->byid[i];
	return NULL;
}

struct page_progress *
progress_page(struct progress *p, const char *id, int page)
{
	struct chapter_progress *c;

	if (id == NULL)
		fatal("progress_page: no chapter");
	c = find_chapter(p, id);
	if (c == NULL)
		c = add_chapter(p, id);
	if (page < 0)
		page = 0;
	if (page > MAX_PAGE)
		page = MAX_PAGE;
	if (page >= c->npages) {
		c->pages = xreallocarray(c->pages, (size_t)page + 1, sizeof *c->pages);
		memset(c->pages + c->npages, 0,
		       (size_t)(page + 1 - c->npages) * sizeof *c->pages);
		c->npages = page + 1;
	}
	return &c->pages[page];
}

static int page_empty(const struct page_progress *r);

struct page_progress *
progress_page_of(struct progress *p, const struct lesson_chapter *c, int page)
{
	const char *pid = page >= 0 && page < c->npages ? c->pages[page].id : NULL;
	struct chapter_progress *cp;
	struct page_record *rec;

	if (pid == NULL)
		return progress_page(p, c->id, page);
	cp = find_chapter(p, c->id);
	if (cp == NULL)
		cp = add_chapter(p, c->id);
	rec = find_record(cp, pid);
	if (rec != NULL)
		return &rec->r;
	rec = add_record(cp, pid);
	if (page < cp->npages && !page_empty(&cp->pages[page])) {
		/* recorded by number before the page had its id: it moves */
		rec->r = cp->pages[page];
		memset(&cp->pages[page], 0, sizeof cp->pages[page]);
	}
	return &rec->r;
}

/* The record of page j of c as progress_page_of would find it, without making one. */
static const struct page_progress *
page_seen_as(const struct chapter_progress *cp, const struct lesson_chapter *c, int j)
{
	static const struct page_progress none;
	const struct page_record *rec;

	if (cp == NULL)
		return &none;
	if (c->pages[j].id != NULL && (rec = find_record(cp, c->pages[j].id)) != NULL)
		return &rec->r;
	return j < cp->npages ? &cp->pages[j] : &none;
}

void
progress_chapter_text(struct progress *p, const struct lesson_chapter *c, char *buf,
		      size_t size)
{
	const struct chapter_progress *cp = find_chapter(p, c->id);
	int j, seen = 0, questions = 0, right = 0;

	for (j = 0; j < c->npages; j++) {
		const struct page_progress *pp = page_seen_as(cp, c, j);

		seen += pp->seen != 0;
		if (page_kind_asks(c->pages[j].kind)) {
			questions++;
			right += pp->correct != 0;
		}
	}
	if (seen == 0)
		/* TRANSLATORS: a chapter not yet opened, in the course map */
		snprintf(buf, size, _("new"));
	else if (questions == 0)
		snprintf(buf, size, _("%d/%d pages"), seen, c->npages);
	else
		/* TRANSLATORS: a chapter's progress, at most 26 columns (the
		 * course map): pages seen, questions answered right */
		snprintf(buf, size, _("%d/%d pages, %d/%d right"), seen, c->npages, right,
			 questions);
}

void
progress_course_text(struct progress *p, const struct lesson_course *co, char *buf,
		     size_t size)
{
	int i, j, seen = 0, pages = 0, done = 0, begun = 0;

	for (i = 0; i < co->n; i++) {
		const struct lesson_chapter *c = co->chapters[i];
		const struct chapter_progress *cp = find_chapter(p, c->id);
		int k = 0;
		for (j = 0; j < c->npages; j++)
			k += page_seen_as(cp, c, j)->seen != 0;
		seen += k;
		pages += c->npages;
		done += k == c->npages;
		begun += k > 0 && k < c->npages;
	}
	if (seen == 0)
		snprintf(buf, size, _("%d chapters, %d pages"), co->n, pages);
	else
		/* TRANSLATORS: the course's progress, at the top right of the
		 * course map: short, at most 55 columns */
		snprintf(buf, size, _("%d of %d chapters read, %d begun; %d/%d pages"), done,
			 co->n, begun, seen, pages);
}

void
progress_set_last(struct progress *p, const char *id, int page)
{
	char *copy = id != NULL ? xstrdup(id) : NULL;  /* id may be last_chapter */

	free(p->last_chapter);
	p->last_chapter = copy;
	/* past MAX_PAGE is 0, as the file reads it: what is saved loads back the same */
	p->last_page = page < 0 || page > MAX_PAGE ? 0 : page;
}

/* A cJSON node that is not NULL: out of memory is fatal. */
static cJSON *
must(cJSON *x)
{
	if (x == NULL)
		fatal("out of memory (JSON)");
	return x;
}

static int
page_empty(const struct page_progress *r)
{
	return !r->seen && !r->correct && r->attempts <= 0 && r->hints <= 0;
}

/* A page's record into the object e: what is zero or false is left out. */
static void
record_json(cJSON *e, const struct page_progress *r)
{
	if (r->seen)
		must(cJSON_AddTrueToObject(e, "seen"));
	if (r->attempts > 0)
		must(cJSON_AddNumberToObject(e, "attempts", r->attempts));
	if (r->correct)
		must(cJSON_AddTrueToObject(e, "correct"));
	if (r->hints > 0)
		must(cJSON_AddNumberToObject(e, "hints", r->hints));
	if (r->first)
		must(cJSON_AddTrueToObject(e, "first"));
}

/* The file's text, ending with a newline; the caller frees it. */
static char *
progress_json(const struct progress *p)
{
	cJSON *root = must(cJSON_CreateObject()), *chapters, *o, *pages, *e;
	char *json, *text;
	size_t len;
	int i, j, n;

	must(cJSON_AddNumberToObject(root, "version", PROGRESS_VERSION));
	if (p->last_chapter != NULL) {
		o = must(cJSON_AddObjectToObject(root, "last"));
		must(cJSON_AddStringToObject(o, "chapter", p->last_chapter));
		must(cJSON_AddNumberToObject(o, "page", p->last_page));
	}
	chapters = must(cJSON_AddObjectToObject(root, "chapters"));
	for (i = 0; i < p->n; i++) {
		const struct chapter_progress *c = &p->chapters[i];
		int nid = 0;

		for (n = c->npages; n > 0 && page_empty(&c->pages[n - 1]); n--)
			;
		for (j = 0; j < c->nbyid; j++)
			nid += !page_empty(&c->byid[j].r);
		if (n == 0 && nid == 0)
			continue;
		o = must(cJSON_AddObjectToObject(chapters, c->id));
		if (n > 0) {
			pages = must(cJSON_AddArrayToObject(o, "pages"));
			for (j = 0; j < n; j++) {
				e = must(cJSON_CreateObject());
				cJSON_AddItemToArray(pages, e);
				record_json(e, &c->pages[j]);
			}
		}
		if (nid > 0) {
			pages = must(cJSON_AddObjectToObject(o, "ids"));
			for (j = 0; j < c->nbyid; j++) {
				if (page_empty(&c->byid[j].r))
					continue;
				e = must(cJSON_AddObjectToObject(pages, c->byid[j].id));
				record_json(e, &c->byid[j].r);
			}
		}
	}
	json = cJSON_PrintUnformatted(root);
	if (json == NULL)
		fatal("out of memory (JSON)");
	len = strlen(json);
	text = xmalloc(len + 2);
	memcpy(text, json, len);
	memcpy(text + len, "\n", 2);
	cJSON_free(json);
	cJSON_Delete(root);
	return text;
}

int
progress_save(struct progress *p, struct diags *ds)
{
	const char *what = NULL;
	char *text = NULL, *tmp = NULL, *dir = NULL;
	int fd = -1, dfd = -1, made = 0, err = 0, ret = -1;

	if (p->path == NULL) {
		if (!p->warned && ds != NULL)
			diags_add(ds, "progress.json", 0, 0, DIAG_WARNING,
				  "no progress file; progress will not be saved");
		p->warned = 1;
		return -1;
	}
	text = progress_json(p);
	tmp = state_path_join(p->path, ".XXXXXX");
	dir = state_dir_name(p->path);
	/* the directory is made when there is something to keep in it */
	if (state_make_dirs(dir) < 0) {
		/* TRANSLATORS: what failed, in "cannot save the progress
		 * (making its directory: Permission denied)" */
		what = _("making its directory");
		goto fail;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		what = _("creating a temporary file");
		goto fail;
	}
	made = 1;
	if (fchmod(fd, 0600) < 0) {
		what = _("setting its mode");
		goto fail;
	}
	if (state_write_all(fd, text, strlen(text)) < 0) {
		what = _("writing");
		goto fail;
	}
	if (fsync(fd) < 0) {
		what = _("syncing");
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		what = _("closing");
		goto fail;
	}
	fd = -1;
	if (rename(tmp, p->path) < 0) {
		what = _("renaming");
		goto fail;
	}
	made = 0;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* some file systems cannot sync a directory, and say EINVAL */
	if (dfd < 0 || (fsync(dfd) < 0 && errno != EINVAL)) {
		what = _("syncing the directory");
		goto fail;
	}
	ret = 0;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	if (made)
		unlink(tmp);
	if (ret < 0)
		warn_unsaved(p, ds, what, err);
	free(text);
	free(tmp);
	free(dir);
	return ret;
}

int
progress_reset(struct progress *p, struct diags *ds)
{
	progress_forget(p);
	if (p->path == NULL || unlink(p->path) == 0 || errno == ENOENT)
		return 0;
	if (ds != NULL)
		diags_add(ds, p->path, 0, 0, DIAG_WARNING,
			  "cannot remove %s (%s)", state_base_name(p->path), strerror(errno));
	return -1;
}
