/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-progress.c - the learner's progress on disk: what is saved
 * loads back the same; the file is 0600 in a 0700 directory found through
 * XDG_STATE_HOME or HOME; a crash half-way through a save leaves the old
 * file whole; a corrupted, unreadable or newer file is never lost nor
 * overwritten; an unwritable directory costs one warning, not the course.
 *
 * Lookups are counted, not timed: 80,000 chapters cost a few id
 * comparisons each.  Trailing junk is corruption; the 16 MB cap is real.
 *
 * Every test works in its own temporary directory, made by the suite's
 * init and removed by its fini (Criterion runs each test in its own
 * process, so setenv stays inside the test).  Tests that rely on
 * permissions skip themselves when run as root, whom permissions do not
 * stop.
 */
#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>
#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "lesson-int.h"             /* progress_id_compares */

static char tmpdir[256];

/* Makes the rest of the tree removable: u+rwx on directories, u+rw on files. */
static int
unlock_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D || flag == FTW_DNR)
		chmod(path, 0700);
	else if (flag == FTW_F)
		chmod(path, 0600);
	(void)st;
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/descent-progress-XXXXXX",
		 getenv("TMPDIR") != NULL && getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR")
									: "/tmp");
	cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp: %s", strerror(errno));
	umask(022);
}

static void
teardown(void)
{
	chmod(tmpdir, 0700);
	nftw(tmpdir, unlock_one, 16, FTW_PHYS);
	nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(progress, .init = setup, .fini = teardown);

/* Criterion does not run .fini after cr_skip_test: clean up first. */
#define SKIP_IF_ROOT(why)                                       \
	do {                                                    \
		if (geteuid() == 0) {                           \
			teardown();                             \
			cr_skip_test("as root: %s", why);       \
		}                                               \
	} while (0)

/* tmpdir/name, in one of many rotating buffers (a test uses fewer). */
static const char *
in_tmp(const char *name)
{
	static char buf[64][1024];
	static int k;
	char *b = buf[k++ % 64];

	snprintf(b, sizeof buf[0], "%s/%s", tmpdir, name);
	return b;
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	cr_assert_not_null(fp, "%s: %s", path, strerror(errno));
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
}

/* The whole file (the caller frees it), or NULL when it cannot be read. */
static char *
read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	cr_assert_not_null(s);
	cr_assert_eq(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* How many entries of dir start with prefix; the last one's name in found. */
static int
count_entries(const char *dir, const char *prefix, char *found, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		n++;
		if (found != NULL)
			snprintf(found, size, "%s", e->d_name);
	}
	closedir(d);
	return n;
}

/* The saved file parses as a complete version 2 object. */
static void
expect_valid_json(const char *path)
{
	char *text = read_text(path);
	cJSON *root, *v;

	cr_assert_not_null(text, "%s is missing", path);
	root = cJSON_Parse(text);
	cr_assert_not_null(root, "not JSON: %s", text);
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	cr_expect(cJSON_IsNumber(v) && v->valuedouble == 2, "%s", text);
	cr_expect(text[strlen(text) - 1] == '\n');
	cJSON_Delete(root);
	free(text);
}

static int
is_empty(const struct progress *p)
{
	return p->n == 0 && p->chapters == NULL && p->last_chapter == NULL &&
	       p->last_page == 0;
}

/* A few chapters, counts and a last position. */
static void
fill(struct progress *p)
{
	struct page_progress *r;

	progress_page(p, "intro", 0)->seen = 1;
	progress_page(p, "intro", 1)->seen = 1;
	r = progress_page(p, "gradient", 3);
	r->seen = 1;
	r->attempts = 2;
	r->correct = 1;
	r->hints = 1;
	r = progress_page(p, "newton", 0);
	r->attempts = 5;
	progress_page(p, "empty", 4);           /* nothing recorded */
	progress_set_last(p, "gradient", 3);
}

/* The record of a page, or an empty one: looking does not add anything. */
static struct page_progress
rec(const struct progress *p, const char *id, int page)
{
	static const struct page_progress none;
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->chapters[i].id, id) == 0 && page < p->chapters[i].npages)
			return p->chapters[i].pages[page];
	return none;
}

static void
expect_filled(const struct progress *p)
{
	struct page_progress r;

	cr_assert_str_eq(p->last_chapter, "gradient");
	cr_expect_eq(p->last_page, 3);
	r = rec(p, "intro", 0);
	cr_expect(r.seen && !r.attempts && !r.correct && !r.hints);
	cr_expect(rec(p, "intro", 1).seen);
	r = rec(p, "gradient", 3);
	cr_expect(r.seen && r.attempts == 2 && r.correct && r.hints == 1);
	r = rec(p, "gradient", 1);
	cr_expect(!r.seen && !r.attempts && !r.correct && !r.hints);
	r = rec(p, "newton", 0);
	cr_expect(!r.seen && r.attempts == 5);
}

Test(progress, round_trip)
{
	struct diags ds;
	struct progress p, q;
	const char *file = in_tmp("progress.json");
	int i, found = 0;

	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 0);
	cr_assert(is_empty(&p));
	cr_assert_str_eq(p.path, file);
	fill(&p);
	cr_assert_eq(progress_save(&p, &ds), 0);
	cr_assert_eq(ds.n, 0, "%s", ds.d[0].message);
	expect_valid_json(file);
	progress_done(&p);
	cr_expect(is_empty(&p) && p.path == NULL);

	progress_load(&q, file, &ds);
	cr_assert_eq(ds.n, 0);
	expect_filled(&q);
	for (i = 0; i < q.n; i++)
		if (strcmp(q.chapters[i].id, "empty") == 0)
			found = 1;
	cr_expect(!found, "a chapter with nothing recorded was saved");
	/* saved again, it reads back the same */
	cr_assert_eq(progress_save(&q, &ds), 0);
	progress_done(&q);
	progress_load(&q, file, &ds);
	expect_filled(&q);
	cr_expect_eq(count_entries(tmpdir, "", NULL, 0), 1, "stray files");
	progress_done(&q);
	diags_done(&ds);
}

Test(progress, format_is_small_and_documented)
{
	struct progress p;
	const char *file = in_tmp("progress.json");
	char *text;

	progress_load(&p, file, NULL);
	progress_page(&p, "a", 2)->seen = 1;
	progress_set_last(&p, "a", 2);
	cr_assert_eq(progress_save(&p, NULL), 0);
	text = read_text(file);
	cr_expect_str_eq(text, "{\"version\":2,\"last\":{\"chapter\":\"a\",\"page\":2},"
			 "\"chapters\":{\"a\":{\"pages\":[{},{},{\"seen\":true}]}}}\n");
	free(text);
	progress_done(&p);
}

/* Chapter ids are JSON strings: quotes, backslashes and UTF-8 survive. */
Test(progress, odd_ids)
{
	static const char *const ids[] = { "a \"quoted\" id", "back\\slash", "gr\u00e4dient ∇",
					    "", "tab\there" };
	struct progress p;
	const char *file = in_tmp("progress.json");
	size_t i;

	progress_load(&p, file, NULL);
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		progress_page(&p, ids[i], (int)i)->attempts = (int)i + 1;
	progress_set_last(&p, ids[0], 0);
	cr_assert_eq(progress_save(&p, NULL), 0);
	progress_done(&p);
	progress_load(&p, file, NULL);
	cr_assert_eq(p.n, (int)(sizeof ids / sizeof ids[0]));
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		cr_expect_eq(rec(&p, ids[i], (int)i).attempts, (int)i + 1, "%s", ids[i]);
	cr_expect_str_eq(p.last_chapter, ids[0]);
	progress_done(&p);
}

Test(progress, modes)
{
	struct progress p;
	const char *file = in_tmp("state/descent/progress.json");
	struct stat st;

	umask(0);       /* the modes must not depend on the umask */
	progress_load(&p, file, NULL);
	cr_assert_not_null(p.path);
	/* reading makes nothing: the directories come with the first save */
	cr_assert_neq(stat(in_tmp("state"), &st), 0, "loading made the state directory");
	progress_page(&p, "x", 0)->seen = 1;
	cr_assert_eq(progress_save(&p, NULL), 0);
	cr_assert_eq(stat(in_tmp("state"), &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0700, "parent: %o", st.st_mode & 07777);
	cr_assert_eq(stat(in_tmp("state/descent"), &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0700, "directory: %o", st.st_mode & 07777);
	cr_assert_eq(stat(file, &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0600, "file: %o", st.st_mode & 07777);
	progress_done(&p);

	/* an old file readable by all is replaced by a private one */
	chmod(file, 0644);
	progress_load(&p, file, NULL);
	cr_assert_eq(progress_save(&p, NULL), 0);
	cr_assert_eq(stat(file, &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0600, "file: %o", st.st_mode & 07777);
	progress_done(&p);
}

Test(progress, xdg_state_home)
{
	struct progress p;
	char want[PATH_MAX + 64];
	struct stat st;

	setenv("HOME", in_tmp("home"), 1);
	setenv("XDG_STATE_HOME", in_tmp("state/"), 1);
	snprintf(want, sizeof want, "%s/state/descent/progress.json", tmpdir);
	progress_load(&p, NULL, NULL);
	cr_assert_not_null(p.path);
	cr_expect_str_eq(p.path, want);
	progress_set_last(&p, "intro", 1);
	cr_assert_eq(progress_save(&p, NULL), 0);
	cr_expect_eq(stat(want, &st), 0);
	cr_expect_neq(stat(in_tmp("home"), &st), 0, "HOME was used");
	progress_done(&p);
	progress_load(&p, NULL, NULL);
	cr_expect_str_eq(p.last_chapter, "intro");
	cr_expect_eq(p.last_page, 1);
	progress_done(&p);
}

/* HOME when XDG_STATE_HOME is unset, empty or relative. */
static void
expect_home(const char *xdg)
{
	struct progress p;
	char want[PATH_MAX + 64];
	struct stat st;

	setenv("HOME", in_tmp("home"), 1);
	if (xdg == NULL)
		unsetenv("XDG_STATE_HOME");
	else
		setenv("XDG_STATE_HOME", xdg, 1);
	snprintf(want, sizeof want, "%s/home/.local/state/descent/progress.json", tmpdir);
	progress_load(&p, NULL, NULL);
	cr_assert_not_null(p.path, "XDG_STATE_HOME=%s", xdg ? xdg : "(unset)");
	cr_expect_str_eq(p.path, want);
	cr_assert_eq(progress_save(&p, NULL), 0);
	cr_expect_eq(stat(want, &st), 0);
	cr_assert_eq(stat(in_tmp("home/.local/state/descent"), &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0700);
	progress_done(&p);
}

Test(progress, home_when_xdg_unset)
{
	expect_home(NULL);
}

Test(progress, home_when_xdg_empty)
{
	expect_home("");
}

Test(progress, home_when_xdg_relative)
{
	cr_assert_eq(chdir(tmpdir), 0);
	expect_home("relative/state");
	cr_expect_eq(access(in_tmp("relative"), F_OK), -1, "a relative XDG_STATE_HOME was used");
}

/*
 * A crash during a save leaves a temporary file, whole or half written,
 * beside the real one, and never touches the real one: it loads as it
 * was, and the next save works.
 */
Test(progress, crash_mid_write)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char *before, *after, *full;
	int fd;

	diags_init(&ds);
	progress_load(&p, file, &ds);
	fill(&p);
	cr_assert_eq(progress_save(&p, &ds), 0);
	progress_done(&p);
	before = read_text(file);
	cr_assert_not_null(before);

	/* an empty stale temporary file, and a half-written one */
	fd = open(in_tmp("progress.json.Ab12Cd"), O_WRONLY | O_CREAT | O_EXCL, 0600);
	cr_assert_geq(fd, 0);
	close(fd);
	full = read_text(file);
	cr_assert_not_null(full);
	full[strlen(full) / 2] = '\0';
	write_text(in_tmp("progress.json.Zz9Yy8"), full);
	free(full);

	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 0);
	expect_filled(&p);
	progress_page(&p, "more", 0)->seen = 1;
	cr_assert_eq(progress_save(&p, &ds), 0);
	expect_valid_json(file);
	progress_done(&p);
	progress_load(&p, file, &ds);
	expect_filled(&p);
	cr_expect(progress_page(&p, "more", 0)->seen);
	cr_expect_eq(ds.n, 0);
	progress_done(&p);
	after = read_text(file);
	cr_expect_str_neq(before, after);
	/* the stale ones are left (another descent may own them) */
	cr_expect_eq(count_entries(tmpdir, "progress.json.", NULL, 0), 2);
	free(before);
	free(after);
	diags_done(&ds);
}

/* Every save leaves a complete file and no temporary one. */
Test(progress, saves_are_always_complete)
{
	struct progress p;
	const char *file = in_tmp("progress.json");
	int i;

	progress_load(&p, file, NULL);
	for (i = 0; i < 50; i++) {
		struct page_progress *r = progress_page(&p, i % 2 ? "odd" : "even", i);

		r->seen = 1;
		r->attempts = i;
		progress_set_last(&p, p.chapters[0].id, i);
		cr_assert_eq(progress_save(&p, NULL), 0);
		expect_valid_json(file);
		cr_assert_eq(count_entries(tmpdir, "", NULL, 0), 1);
	}
	progress_done(&p);
	progress_load(&p, file, NULL);
	cr_expect_eq(progress_page(&p, "odd", 49)->attempts, 49);
	cr_expect_eq(p.last_page, 49);
	cr_expect_str_eq(p.last_chapter, "even");
	progress_done(&p);
}

/*
 * A corrupted file is kept aside with its content, said so, and the
 * course starts fresh and saves again.
 */
static void
expect_recovery(const char *content)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char backup[256], want[320], *old;
	const char *prefix = "progress.json was unreadable; kept as progress.json.bad-";

	write_text(file, content);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1, "content: %s", content);
	cr_expect_eq(ds.d[0].level, DIAG_WARNING);
	cr_expect_str_eq(ds.d[0].file, file);
	cr_assert_eq(count_entries(tmpdir, "progress.json.bad-", backup, sizeof backup), 1);
	snprintf(want, sizeof want, "progress.json was unreadable; kept as %s and starting fresh",
		 backup);
	cr_expect_str_eq(ds.d[0].message, want);
	cr_expect_eq(strncmp(ds.d[0].message, prefix, strlen(prefix)), 0);
	/* progress.json.bad-YYYYMMDD-HHMMSS */
	cr_expect_eq(strlen(backup), strlen("progress.json.bad-20240101-120000"), "%s", backup);
	old = read_text(in_tmp(backup));
	cr_assert_not_null(old);
	cr_expect_str_eq(old, content);
	free(old);
	cr_expect_eq(access(file, F_OK), -1);
	cr_expect(is_empty(&p));
	cr_assert_not_null(p.path);

	progress_page(&p, "intro", 0)->seen = 1;
	cr_assert_eq(progress_save(&p, &ds), 0);
	cr_expect_eq(ds.n, 1);
	expect_valid_json(file);
	progress_done(&p);
	progress_load(&p, file, &ds);
	cr_expect_eq(ds.n, 1);
	cr_expect(progress_page(&p, "intro", 0)->seen);
	progress_done(&p);
	cr_expect_eq(count_entries(tmpdir, "progress.json.bad-", NULL, 0), 1);
	diags_done(&ds);
}

/* expect_recovery for each of n texts, each in a clean directory. */
static void
expect_recovery_each(const char *const *bad, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char name[256];

		expect_recovery(bad[i]);
		while (count_entries(tmpdir, "", name, sizeof name) > 0)
			cr_assert_eq(unlink(in_tmp(name)), 0);
	}
}

Test(progress, corrupted_garbage)
{
	expect_recovery("\x01\x02 this is not JSON {{{");
}

Test(progress, corrupted_truncated)
{
	expect_recovery("{\"version\":1,\"chapters\":{\"a\":{\"pages\":[{\"seen\":tr");
}

Test(progress, corrupted_empty)
{
	expect_recovery("");
}

Test(progress, corrupted_shapes)
{
	static const char *const bad[] = {
		"[1, 2, 3]",
		"null",
		"{}",
		"{\"version\": \"1\"}",
		"{\"version\": 0}",
		"{\"version\": 1, \"chapters\": []}",
		"{\"version\": 1, \"chapters\": {\"a\": 3}}",
		"{\"version\": 1, \"chapters\": {\"a\": {\"pages\": {}}}}",
		"{\"version\": 1, \"chapters\": {\"a\": {\"pages\": [7]}}}",
		"{\"version\": 1, \"chapters\": {\"a\": {\"pages\": [{\"attempts\": \"2\"}]}}}",
		"{\"version\": 1, \"chapters\": {\"a\": {\"pages\": [{\"seen\": \"yes\"}]}}}",
		"{\"version\": 1, \"last\": [\"a\", 2]}",
		"{\"version\": 1, \"last\": {\"chapter\": 5}}",
	};

	expect_recovery_each(bad, sizeof bad / sizeof bad[0]);
}

/* Two bad files within a second: the second backup gets a counter. */
Test(progress, backup_counter)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char name[3][64], want[256], stamp[32];
	time_t t0 = time(NULL), t;
	struct tm tm;
	int i, found = 0;

	/* the names the next two seconds would take are taken */
	for (i = 0; i < 3; i++) {
		t = t0 + i;
		localtime_r(&t, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		snprintf(name[i], sizeof name[i], "progress.json.bad-%s", stamp);
		write_text(in_tmp(name[i]), "older");
	}
	write_text(file, "garbage");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_leq(time(NULL), t0 + 2, "too slow to test");
	for (i = 0; i < 3; i++) {
		char *s;

		snprintf(want, sizeof want, "%s-2", name[i]);
		s = read_text(in_tmp(want));
		if (s != NULL) {
			cr_expect_str_eq(s, "garbage");
			found = 1;
		}
		free(s);
		s = read_text(in_tmp(name[i]));
		cr_expect_str_eq(s, "older");
		free(s);
	}
	cr_expect(found);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "-2 and starting fresh"), "%s",
			   ds.d[0].message);
	progress_done(&p);
	diags_done(&ds);
}

/* Without diagnostics, recovery still happens, silently. */
Test(progress, corrupted_without_diagnostics)
{
	struct progress p;
	const char *file = in_tmp("progress.json");

	write_text(file, "not json");
	progress_load(&p, file, NULL);
	cr_expect(is_empty(&p));
	cr_expect_eq(count_entries(tmpdir, "progress.json.bad-", NULL, 0), 1);
	cr_expect_eq(progress_save(&p, NULL), 0);
	progress_done(&p);
}

Test(progress, not_a_regular_file)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char backup[256];
	struct stat st;

	cr_assert_eq(mkdir(file, 0700), 0);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(count_entries(tmpdir, "progress.json.bad-", backup, sizeof backup), 1);
	cr_expect_not_null(strstr(ds.d[0].message, "not a regular file"), "%s", ds.d[0].message);
	cr_expect_eq(stat(in_tmp(backup), &st), 0);
	cr_expect(S_ISDIR(st.st_mode));
	cr_expect_eq(progress_save(&p, &ds), 0);
	expect_valid_json(file);
	progress_done(&p);
	diags_done(&ds);
}

Test(progress, unreadable_file)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char backup[256], want[400];

	SKIP_IF_ROOT("root reads any file");
	write_text(file, "{\"version\": 1}");
	cr_assert_eq(chmod(file, 0), 0);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(count_entries(tmpdir, "progress.json.bad-", backup, sizeof backup), 1);
	snprintf(want, sizeof want, "progress.json could not be read (%s); kept as %s "
		 "and starting fresh", strerror(EACCES), backup);
	cr_expect_str_eq(ds.d[0].message, want);
	cr_expect(is_empty(&p));
	cr_expect_eq(progress_save(&p, &ds), 0);
	cr_expect_eq(ds.n, 1);
	/* the unreadable one is still there, as it was */
	chmod(in_tmp(backup), 0600);
	{
		char *s = read_text(in_tmp(backup));

		cr_expect_str_eq(s, "{\"version\": 1}");
		free(s);
	}
	progress_done(&p);
	diags_done(&ds);
}

Test(progress, newer_version)
{
	static const char newer[] = "{\"version\": 3, \"lessons\": {\"x\": [1, 2]}}";
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	char *s;

	write_text(file, newer);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_eq(ds.d[0].level, DIAG_WARNING);
	cr_expect_str_eq(ds.d[0].message,
			 "progress.json is from a newer descent; starting fresh without touching it");
	cr_expect_null(p.path);
	cr_expect(is_empty(&p));
	progress_page(&p, "intro", 0)->seen = 1;
	progress_set_last(&p, "intro", 0);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(ds.n, 1, "saving said more");
	cr_expect_eq(progress_reset(&p, &ds), 0);
	s = read_text(file);
	cr_expect_str_eq(s, newer);
	free(s);
	cr_expect_eq(count_entries(tmpdir, "", NULL, 0), 1);
	progress_done(&p);
	diags_done(&ds);
}

/* Values are made sane, unknown fields and nulls ignored. */
Test(progress, sane_values)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	struct page_progress *r;
	char text[2048];

	snprintf(text, sizeof text,
		 "{\"version\": 1, \"future\": {\"x\": 1},"
		 " \"last\": {\"chapter\": \"b\", \"page\": -4, \"scroll\": 9},"
		 " \"chapters\": {"
		 "  \"a\": {\"color\": \"red\", \"pages\": [null, {\"seen\": true,"
		 "   \"attempts\": -3, \"hints\": 1e12, \"correct\": 1, \"time\": 5}, {}]},"
		 "  \"b\": {},"
		 "  \"c\": {\"pages\": null}}}");
	write_text(file, text);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 0, "%s", ds.d[0].message);
	cr_expect_str_eq(p.last_chapter, "b");
	cr_expect_eq(p.last_page, 0);
	r = progress_page(&p, "a", 1);
	cr_expect(r->seen && r->correct);
	cr_expect_eq(r->attempts, 0);
	cr_expect_eq(r->hints, INT_MAX);
	r = progress_page(&p, "a", 0);
	cr_expect(!r->seen && !r->attempts);
	progress_done(&p);
	diags_done(&ds);
}

/* Page indices past 10000 are dropped, the ones before kept. */
Test(progress, huge_page_index_ignored)
{
	struct progress p;
	const char *file = in_tmp("progress.json");
	FILE *fp = fopen(file, "w");
	int i;

	cr_assert_not_null(fp);
	fputs("{\"version\":1,\"last\":{\"chapter\":\"a\",\"page\":2000000000},"
	      "\"chapters\":{\"a\":{\"pages\":[", fp);
	for (i = 0; i < 10005; i++)
		fprintf(fp, "%s{\"seen\":%s}", i ? "," : "",
			i == 10000 || i > 10001 ? "true" : "false");
	fputs("]}}}", fp);
	fclose(fp);
	progress_load(&p, file, NULL);
	cr_assert_eq(p.n, 1);
	cr_expect_eq(p.chapters[0].npages, 10001);
	cr_expect(p.chapters[0].pages[10000].seen);
	cr_expect_eq(p.last_page, 0);
	cr_expect_str_eq(p.last_chapter, "a");
	progress_done(&p);
}

Test(progress, page_records)
{
	struct progress p;
	struct page_progress *r;

	progress_load(&p, in_tmp("progress.json"), NULL);
	r = progress_page(&p, "a", -5);
	cr_assert_not_null(r);
	cr_expect_eq(r, progress_page(&p, "a", 0));
	cr_expect_eq(p.n, 1);
	cr_expect_eq(p.chapters[0].npages, 1);
	r->hints = 3;
	r = progress_page(&p, "a", 7);
	cr_expect_eq(p.chapters[0].npages, 8);
	cr_expect(!r->seen && !r->attempts && !r->correct && !r->hints);
	cr_expect_eq(progress_page(&p, "a", 0)->hints, 3);
	progress_page(&p, "b", 2);
	cr_expect_eq(p.n, 2);
	cr_expect_str_eq(p.chapters[1].id, "b");
	cr_expect_eq(p.chapters[1].npages, 3);
	progress_page(&p, "a", 1000000);
	cr_expect_eq(p.chapters[0].npages, 10001);

	progress_set_last(&p, "b", -1);
	cr_expect_str_eq(p.last_chapter, "b");
	cr_expect_eq(p.last_page, 0);
	progress_set_last(&p, p.last_chapter, 4);       /* its own string */
	cr_expect_str_eq(p.last_chapter, "b");
	cr_expect_eq(p.last_page, 4);
	progress_set_last(&p, NULL, 0);
	cr_expect_null(p.last_chapter);
	progress_done(&p);
	progress_done(&p);      /* twice is harmless */
}

/* A directory that cannot be written: one warning, and the course runs. */
Test(progress, unwritable_directory)
{
	struct diags ds;
	struct progress p;
	const char *dir = in_tmp("locked");
	const char *file = in_tmp("locked/progress.json");

	SKIP_IF_ROOT("root writes in any directory");
	cr_assert_eq(mkdir(dir, 0500), 0);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_eq(ds.d[0].level, DIAG_WARNING);
	cr_expect_not_null(strstr(ds.d[0].message, "progress will not be saved"), "%s",
			   ds.d[0].message);
	cr_expect_null(p.path);
	progress_page(&p, "intro", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(progress_reset(&p, &ds), 0);
	cr_expect_eq(ds.n, 1);
	cr_expect_eq(count_entries(dir, "", NULL, 0), 0);
	progress_done(&p);
	diags_done(&ds);
}

/* What is in an unwritable directory is still read, but never written. */
Test(progress, unwritable_directory_still_reads)
{
	struct diags ds;
	struct progress p;
	const char *dir = in_tmp("locked");
	const char *file = in_tmp("locked/progress.json");
	char *before, *after;

	SKIP_IF_ROOT("root writes in any directory");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	fill(&p);
	cr_assert_eq(progress_save(&p, &ds), 0);
	progress_done(&p);
	before = read_text(file);
	cr_assert_eq(chmod(dir, 0500), 0);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "cannot write in the directory"), "%s",
			   ds.d[0].message);
	expect_filled(&p);
	cr_expect_null(p.path);
	progress_page(&p, "more", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(ds.n, 1);
	after = read_text(file);
	cr_expect_str_eq(before, after);
	free(before);
	free(after);
	progress_done(&p);
	diags_done(&ds);
}

Test(progress, directory_cannot_be_made)
{
	struct diags ds;
	struct progress p;

	SKIP_IF_ROOT("root writes in any directory");
	cr_assert_eq(mkdir(in_tmp("locked"), 0500), 0);
	setenv("XDG_STATE_HOME", in_tmp("locked/state"), 1);
	diags_init(&ds);
	progress_load(&p, NULL, &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "cannot make the directory"), "%s",
			   ds.d[0].message);
	cr_expect_null(p.path);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(ds.n, 1);
	progress_done(&p);
	diags_done(&ds);
}

/* A path through a file cannot be made, even by root. */
Test(progress, directory_is_a_file)
{
	struct diags ds;
	struct progress p;

	write_text(in_tmp("state"), "a file");
	diags_init(&ds);
	progress_load(&p, in_tmp("state/descent/progress.json"), &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "cannot make the directory"), "%s",
			   ds.d[0].message);
	cr_expect_null(p.path);
	progress_page(&p, "a", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(ds.n, 1);
	progress_done(&p);
	diags_done(&ds);
}

/* Saving fails after a good load: one warning, old file and nothing else left. */
Test(progress, save_fails_later)
{
	struct diags ds;
	struct progress p;
	const char *dir = in_tmp("d");
	const char *file = in_tmp("d/progress.json");
	char *before, *after;

	SKIP_IF_ROOT("root writes in any directory");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	fill(&p);
	cr_assert_eq(progress_save(&p, &ds), 0);
	before = read_text(file);
	cr_assert_eq(chmod(dir, 0500), 0);
	progress_page(&p, "more", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_assert_eq(ds.n, 1);
	cr_expect_eq(ds.d[0].level, DIAG_WARNING);
	cr_expect_not_null(strstr(ds.d[0].message, "cannot save the progress"), "%s",
			   ds.d[0].message);
	after = read_text(file);
	cr_expect_str_eq(before, after);
	cr_expect_eq(count_entries(dir, "", NULL, 0), 1);
	free(before);
	free(after);
	progress_done(&p);
	diags_done(&ds);
}

/*
 * The rename fails (a directory took the file's place): the temporary
 * file is removed, and the warning comes once.  Works as root too.
 */
Test(progress, rename_fails)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");

	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(mkdir(file, 0700), 0);
	write_text(in_tmp("progress.json/x"), "keep");
	progress_page(&p, "a", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_expect_eq(progress_save(&p, &ds), -1);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "renaming"), "%s", ds.d[0].message);
	cr_expect_eq(count_entries(tmpdir, "", NULL, 0), 1, "the temporary file was left");
	cr_expect_eq(access(in_tmp("progress.json/x"), F_OK), 0);
	progress_done(&p);
	diags_done(&ds);
}

Test(progress, reset)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");

	diags_init(&ds);
	progress_load(&p, file, &ds);
	fill(&p);
	cr_assert_eq(progress_save(&p, &ds), 0);
	cr_assert_eq(access(file, F_OK), 0);
	cr_expect_eq(progress_reset(&p, &ds), 0);
	cr_expect_eq(access(file, F_OK), -1);
	cr_expect(is_empty(&p));
	cr_expect_not_null(p.path);
	cr_expect_eq(progress_reset(&p, &ds), 0, "a missing file is fine");
	cr_expect_eq(ds.n, 0);
	/* the course goes on saving */
	progress_page(&p, "a", 0)->seen = 1;
	cr_expect_eq(progress_save(&p, &ds), 0);
	progress_done(&p);
	progress_load(&p, file, &ds);
	cr_expect_eq(p.n, 1);
	cr_expect_null(p.last_chapter);
	progress_done(&p);
	diags_done(&ds);
}

Test(progress, reset_fails)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");

	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(mkdir(file, 0700), 0);     /* unlink cannot remove it */
	cr_expect_eq(progress_reset(&p, &ds), -1);
	cr_assert_eq(ds.n, 1);
	cr_expect_eq(ds.d[0].level, DIAG_WARNING);
	cr_expect_eq(strncmp(ds.d[0].message, "cannot remove progress.json (", 29), 0, "%s",
		     ds.d[0].message);
	progress_done(&p);
	diags_done(&ds);
}

/*
 * Lookups do not scan: recording, loading and describing 80,000 chapters
 * (a 3 MB file) compares a few ids per chapter, where a scan of the
 * chapters compared 40,000 on average.  Counted, not timed.
 */
Test(progress, lookups_do_not_scan)
{
	enum { N = 80000, PER = 4 };
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	struct lesson_page pages[3];
	struct lesson_chapter c;
	char id[32], buf[64];
	unsigned long before;
	long i;

	diags_init(&ds);
	progress_load(&p, file, &ds);
	progress_id_compares = 0;
	for (i = 0; i < N; i++) {
		/* a scattered order, and every chapter looked up three times */
		snprintf(id, sizeof id, "chapter-%05ld", i * 7919 % N);
		progress_page(&p, id, 0)->seen = 1;
		progress_page(&p, id, 2)->correct = 1;
		progress_page(&p, id, 1)->attempts = 2;
		if (i % 1000 == 999)
			cr_assert_leq(progress_id_compares, 3UL * PER * (unsigned long)(i + 1),
				      "%lu id comparisons for %ld chapters", progress_id_compares,
				      i + 1);
	}
	cr_assert_eq(p.n, N);
	progress_set_last(&p, "chapter-00042", 2);
	cr_assert_eq(progress_save(&p, &ds), 0);
	progress_done(&p);
	{
		char *text = read_text(file);

		cr_expect_gt(strlen(text), 3000000);
		free(text);
	}

	progress_id_compares = 0;
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 0, "%s", ds.d[0].message);
	cr_assert_eq(p.n, N);
	cr_expect_leq(progress_id_compares, 3UL * PER * N, "load: %lu id comparisons",
		      progress_id_compares);

	memset(pages, 0, sizeof pages);
	pages[0].kind = PAGE_TEXT;
	pages[1].kind = PAGE_QUIZ;
	pages[2].kind = PAGE_NUMERIC;
	memset(&c, 0, sizeof c);
	c.pages = pages;
	c.npages = 3;
	c.id = id;
	before = progress_id_compares;
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "chapter-%05ld", i);
		progress_chapter_text(&p, &c, buf, sizeof buf);
		cr_assert_str_eq(buf, "1/3 pages, 1/2 right", "%s", id);
	}
	cr_expect_leq(progress_id_compares - before, (unsigned long)PER * N,
		      "chapter texts: %lu id comparisons", progress_id_compares - before);
	/* a chapter with no progress is new, and looking at it records nothing */
	snprintf(id, sizeof id, "chapter-%05d", N);
	progress_chapter_text(&p, &c, buf, sizeof buf);
	cr_expect_str_eq(buf, "new");
	cr_expect_eq(p.n, N);
	cr_expect(progress_page(&p, "chapter-12345", 1)->attempts == 2);
	progress_done(&p);
	diags_done(&ds);
}

/* Trailing junk after the object is corruption: the next save would lose it. */
Test(progress, corrupted_trailing_junk)
{
	static const char *const bad[] = {
		"{\"version\": 1}garbage",
		"{\"version\": 1, \"chapters\": {\"a\": {\"pages\": [{\"seen\": true}]}}}\n}",
		"{\"version\": 1}\n{\"version\": 1}\n",
		"{\"version\": 1} x",
		"{\"version\": 1}\f",
	};

	expect_recovery_each(bad, sizeof bad / sizeof bad[0]);
}

/* A NUL byte and junk after the object: still corruption. */
Test(progress, corrupted_nul_then_junk)
{
	static const char text[] = "{\"version\": 1}\0junk";
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");
	FILE *fp = fopen(file, "wb");

	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(text, 1, sizeof text - 1, fp), sizeof text - 1);
	cr_assert_eq(fclose(fp), 0);
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_assert_eq(ds.n, 1);
	cr_expect_not_null(strstr(ds.d[0].message, "was unreadable; kept as progress.json.bad-"),
			   "%s", ds.d[0].message);
	cr_expect_eq(count_entries(tmpdir, "progress.json.bad-", NULL, 0), 1);
	progress_done(&p);
	diags_done(&ds);
}

/* White space after the object is fine (a saved file ends with a newline). */
Test(progress, trailing_space_is_fine)
{
	struct diags ds;
	struct progress p;
	const char *file = in_tmp("progress.json");

	write_text(file, "{\"version\": 1, \"last\": {\"chapter\": \"a\"}} \r\n\t\n\n");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_expect_eq(ds.n, 0, "%s", ds.d[0].message);
	cr_expect_str_eq(p.last_chapter, "a");
	progress_done(&p);
	diags_done(&ds);
}

/* Writes a valid progress file of exactly size bytes (white space at the end). */
static void
write_padded(const char *path, off_t size)
{
	static const char head[] = "{\"version\": 1, \"last\": {\"chapter\": \"big\"}}";
	static char spaces[65536];
	FILE *fp = fopen(path, "wb");
	off_t n;

	memset(spaces, ' ', sizeof spaces);
	cr_assert_not_null(fp);
	fputs(head, fp);
	for (n = (off_t)strlen(head); n < size; n += (off_t)sizeof spaces)
		fwrite(spaces, 1, size - n < (off_t)sizeof spaces ? (size_t)(size - n)
								   : sizeof spaces, fp);
	cr_assert_eq(fclose(fp), 0);
}

/*
 * The 16 MB cap: a file of exactly 16 MB is read; one byte more and it is
 * refused, unread, as unreadable (kept aside, a fresh start).  A sparse
 * file of 64 GB is refused as well, without being read whole (that
 * would run out of memory).
 */
Test(progress, size_cap)
{
	static const off_t sizes[] = { (off_t)16 << 20, ((off_t)16 << 20) + 1, (off_t)64 << 30 };
	const char *file = in_tmp("progress.json");
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct diags ds;
		struct progress p;
		char name[256], want[400];

		if (i == 0) {
			write_padded(file, sizes[i]);
		} else {
			int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

			cr_assert_geq(fd, 0);
			cr_assert_eq(write(fd, "{\"version\": 1}", 14), 14);
			if (ftruncate(fd, sizes[i]) < 0) {
				close(fd);
				cr_log_warn("cannot make a sparse file of %lld bytes: %s",
					    (long long)sizes[i], strerror(errno));
				continue;
			}
			close(fd);
		}
		diags_init(&ds);
		progress_load(&p, file, &ds);
		if (i == 0) {
			cr_expect_eq(ds.n, 0, "%s", ds.d[0].message);
			cr_expect_str_eq(p.last_chapter, "big");
		} else {
			cr_assert_eq(ds.n, 1, "%lld bytes", (long long)sizes[i]);
			cr_assert_eq(count_entries(tmpdir, "progress.json.bad-", name,
						   sizeof name), 1);
			snprintf(want, sizeof want, "progress.json could not be read (larger than "
				 "16 MB); kept as %s and starting fresh", name);
			cr_expect_str_eq(ds.d[0].message, want);
			cr_expect(is_empty(&p));
			cr_expect_not_null(p.path);
		}
		progress_done(&p);
		diags_done(&ds);
		while (count_entries(tmpdir, "", name, sizeof name) > 0)
			cr_assert_eq(unlink(in_tmp(name)), 0);
	}
}

/*
 * "last" past the last page kept is 0 at once, as the file reads it back:
 * what is saved loads back the same (found by tests/fuzz/fuzz-progress).
 */
Test(progress, last_page_round_trips)
{
	static const int pages[][2] = {
		{ 10000, 10000 }, { 10001, 0 }, { 2000000000, 0 }, { -4, 0 }, { 7, 7 },
	};
	const char *file = in_tmp("progress.json");
	size_t i;

	for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct progress p, q;

		progress_load(&p, file, NULL);
		progress_set_last(&p, "a", pages[i][0]);
		cr_expect_eq(p.last_page, pages[i][1], "set %d", pages[i][0]);
		cr_assert_eq(progress_save(&p, NULL), 0);
		progress_load(&q, file, NULL);
		cr_assert_str_eq(q.last_chapter, "a");
		cr_expect_eq(q.last_page, p.last_page, "set %d", pages[i][0]);
		progress_done(&p);
		progress_done(&q);
	}
}

/* A chapter of n text pages, the ids given (NULL: none), parsed. */
static struct lesson_chapter *
chapter_with_ids(const char *const *ids, int n)
{
	char text[4096];
	size_t len;
	struct diags ds;
	struct lesson_chapter *c;
	int i;

	len = (size_t)snprintf(text, sizeof text, "{\"id\": \"a\", \"title\": \"A\", \"order\": 1, "
			       "\"summary\": \"s\", \"pages\": [");
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(text + len, sizeof text - len, "%s{\"kind\": \"text\", "
					"\"body\": \"b\"", i ? ", " : "");
		if (ids[i] != NULL)
			len += (size_t)snprintf(text + len, sizeof text - len, ", \"id\": \"%s\"",
						ids[i]);
		len += (size_t)snprintf(text + len, sizeof text - len, "}");
	}
	len += (size_t)snprintf(text + len, sizeof text - len, "]}");
	diags_init(&ds);
	c = lesson_parse(text, len, "a.json", &ds);
	cr_assert_not_null(c, "%s", ds.n ? ds.d[0].message : "");
	diags_done(&ds);
	return c;
}

/*
 * A file of version 1 (no page ids) keeps every answer: the pages that
 * now have ids take the records of their numbers, which move under the
 * ids when saved, and then follow their pages when pages are inserted.
 */
Test(progress, page_ids_migrate_and_follow_their_pages)
{
	static const char *const v1[] = { NULL, "loss", "cost" };
	static const char *const v2[] = { NULL, "intro", "loss", "cost" };
	const char *file = in_tmp("progress.json");
	struct lesson_chapter *c = chapter_with_ids(v1, 3), *c2;
	struct progress p;
	char buf[64], *text;

	write_text(file, "{\"version\": 1, \"chapters\": {\"a\": {\"pages\": "
		   "[{\"seen\": true}, {\"seen\": true, \"attempts\": 2}, "
		   "{\"seen\": true, \"correct\": true, \"hints\": 1}]}}}");
	progress_load(&p, file, NULL);
	/* before anything moves, the map counts what the file has */
	progress_chapter_text(&p, c, buf, sizeof buf);
	cr_expect_str_eq(buf, "3/3 pages");
	cr_expect_eq(progress_page_of(&p, c, 1)->attempts, 2);
	cr_expect_eq(progress_page_of(&p, c, 2)->hints, 1);
	cr_expect(progress_page_of(&p, c, 2)->correct);
	cr_expect(progress_page_of(&p, c, 0)->seen);
	cr_assert_eq(progress_save(&p, NULL), 0);
	text = read_text(file);
	cr_expect_str_eq(text, "{\"version\":2,\"chapters\":{\"a\":{\"pages\":[{\"seen\":true}],"
			 "\"ids\":{\"loss\":{\"seen\":true,\"attempts\":2},"
			 "\"cost\":{\"seen\":true,\"correct\":true,\"hints\":1}}}}}\n");
	free(text);
	progress_done(&p);

	/* a page inserted before them: the records stay with their pages */
	c2 = chapter_with_ids(v2, 4);
	progress_load(&p, file, NULL);
	cr_expect_eq(progress_page_of(&p, c2, 1)->seen, 0, "the new page is new");
	cr_expect_eq(progress_page_of(&p, c2, 2)->attempts, 2);
	cr_expect(progress_page_of(&p, c2, 3)->correct);
	progress_chapter_text(&p, c2, buf, sizeof buf);
	cr_expect_str_eq(buf, "3/4 pages");
	progress_done(&p);
	lesson_chapter_free(c);
	lesson_chapter_free(c2);
}

/* "ids" of the wrong shape is corruption; a version 1 file's "ids" is unknown, ignored. */
Test(progress, page_ids_shapes)
{
	const char *file = in_tmp("progress.json");
	static const char *const ids[] = { "x" };
	struct lesson_chapter *c = chapter_with_ids(ids, 1);
	struct progress p;
	struct diags ds;

	write_text(file, "{\"version\": 2, \"chapters\": {\"a\": {\"ids\": [1]}}}");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_expect_eq(ds.n, 1, "a list for ids is corruption");
	progress_done(&p);
	diags_done(&ds);

	write_text(file, "{\"version\": 1, \"chapters\": {\"a\": {\"ids\": {\"x\": {\"seen\": true}}}}}");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_expect_eq(ds.n, 0);
	cr_expect_eq(progress_page_of(&p, c, 0)->seen, 0);
	progress_done(&p);
	diags_done(&ds);

	write_text(file, "{\"version\": 2, \"chapters\": {\"a\": {\"ids\": {\"x\": {\"seen\": true}, "
		   "\"x\": {\"attempts\": 3}}}}}");
	diags_init(&ds);
	progress_load(&p, file, &ds);
	cr_expect_eq(ds.n, 0);
	cr_expect(progress_page_of(&p, c, 0)->seen, "the first of a repeated id");
	progress_done(&p);
	diags_done(&ds);
	lesson_chapter_free(c);
}
