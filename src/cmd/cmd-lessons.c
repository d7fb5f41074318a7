/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-lessons.c - `descent lessons`: the chapters with the learner's
 * progress; --check loads every chapter (or the files given), reports
 * every problem as FILE:LINE:COLUMN and proves the claims; --key prints
 * the answer key of every question; --reset forgets the progress after a
 * confirmation.
 */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"

enum { OPT_CHECK = 256, OPT_KEY, OPT_RESET, OPT_YES, OPT_LESSONS, OPT_LESSONS_ONLY, OPT_PROGRESS,
       OPT_IDS };

struct lessons_opts {
	int check, key, reset, yes, ids;
	struct cmd_dirs dirs;
	const char *progress;
};

static int
lessons_option(int opt, const char *arg, void *data)
{
	struct lessons_opts *o = data;

	switch (opt) {
	case OPT_CHECK: o->check = 1; return 0;
	case OPT_IDS: o->ids = 1; return 0;
	case OPT_KEY: o->key = 1; return 0;
	case OPT_RESET: o->reset = 1; return 0;
	case OPT_YES: o->yes = 1; return 0;
	case OPT_LESSONS: return cmd_lessons_dir(&cmd_lessons, &o->dirs, arg, 0);
	case OPT_LESSONS_ONLY: return cmd_lessons_dir(&cmd_lessons, &o->dirs, arg, 1);
	case OPT_PROGRESS: o->progress = arg; return 0;
	}
	return EXIT_USAGE;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends name (owned) to the list v of *n names, *cap of room. */
static char **
push(char **v, int *n, int *cap, char *name)
{
	if (*n == *cap)
		v = xreallocarray(v, (size_t)(*cap = *cap ? 2 * *cap : 16), sizeof *v);
	v[(*n)++] = name;
	return v;
}

/*
 * The files to check: each argument, or for a directory the *.json files
 * in it, in the order of their names.  Returns how many; *out is freed by
 * the caller, each name too.
 */
static int
expand(char **args, int nargs, char ***out)
{
	char **v = NULL;
	int n = 0, cap = 0, i;

	for (i = 0; i < nargs; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		int first = n;
		if (stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode) ||
		    (d = opendir(args[i])) == NULL) {
			v = push(v, &n, &cap, xstrdup(args[i]));  /* a file, or what says why not */
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			char *path;
			if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
				continue;
			path = path_in_dir(args[i], e->d_name);
			v = push(v, &n, &cap, path);
		}
		closedir(d);
		if (n > first)
			qsort(v + first, (size_t)(n - first), sizeof *v, by_name);
	}
	*out = v;
	return n;
}

/*
 * The chapters of the files args (or the directories'), or of the course
 * when nargs is 0, into co, their problems into ds: the originals, not
 * the translations a learner would read (check() takes those one language
 * at a time).  Returns 0, or EXIT_USER when the arguments name no chapter
 * file (said on stderr).
 */
static int
load_course(const struct lessons_opts *o, char **args, int nargs, struct lesson_course *co,
	    struct diags *ds)
{
	struct lesson_dirs dirs;
	char **files = NULL;
	int i, nfiles = 0;

	if (nargs > 0)
		nfiles = expand(args, nargs, &files);
	if (nargs > 0 && nfiles == 0) {
		char *safe = text_safe(nargs == 1 ? args[0] : _("the directories given"));
		fprintf(stderr, _("descent: no *.json files in %s\n"), safe);
		free(safe);
		free(files);
		return EXIT_USER;
	}
	cmd_lessons_path(&o->dirs, &dirs);
	dirs.nlang = 0;
	if (nfiles > 0)
		lesson_course_load(co, NULL, (const char *const *)files, nfiles, ds);
	else
		lesson_course_load_dirs(co, &dirs, ds);
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	lesson_dirs_done(&dirs);
	return 0;
}

/* What lessons --check counts. */
struct tally {
	int chapters, broken, pages, claims, wrongs, questions, verified;
};

/* Proves the claims of chapter c, and checks its numbers, into t. */
static void
tally_chapter(const struct lesson_chapter *c, struct diags *ds, struct tally *t)
{
	struct lesson_check_stats st;
	int j;

	t->wrongs += lesson_check_stats(c, ds, &st) > 0;
	lesson_check_numbers(c, ds);
	t->questions += st.questions;
	t->verified += st.verified;
	t->pages += c->npages;
	for (j = 0; j < c->npages; j++)
		t->claims += c->pages[j].nclaims;
	t->chapters++;
}

/* The file of a chapter that did not load: the claims of its pages that did are proved. */
static void
tally_broken(const char *file, struct diags *ds, struct tally *t)
{
	struct diags again;
	struct lesson_chapter *c;

	diags_init(&again);
	c = lesson_load_partial(file, &again);
	diags_done(&again);
	if (c != NULL) {
		t->wrongs += lesson_check_stats(c, ds, NULL) > 0;
		lesson_chapter_free(c);
	}
	t->broken++;
}

/* Checks the chapters of co, each held to its original when it is a translation. */
static void
tally_course(const struct lesson_course *co, struct diags *ds, struct tally *t)
{
	int i;

	for (i = 0; i < co->n; i++) {
		tally_chapter(co->chapters[i], ds, t);
		lesson_translation_compare(co->chapters[i]->file, ds);
	}
	for (i = 0; i < co->nbroken; i++) {
		tally_broken(co->broken[i], ds, t);
		lesson_translation_compare(co->broken[i], ds);
	}
}

/*
 * The translations of the course's directories (DIR/LANG/), a language
 * directory at a time, in the order of their names.
 */
static void
tally_translations(const struct lessons_opts *o, struct diags *ds, struct tally *t)
{
	struct lesson_dirs dirs;
	int k, i;

	cmd_lessons_path(&o->dirs, &dirs);
	for (k = 0; k < dirs.n; k++) {
		DIR *d = opendir(dirs.dir[k]);
		struct dirent *e;
		char **langs = NULL;
		int n = 0, cap = 0;
		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			char *path;
			struct stat st;
			if (!lesson_is_language(e->d_name))
				continue;
			path = path_in_dir(dirs.dir[k], e->d_name);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				langs = push(langs, &n, &cap, path);
			else
				free(path);
		}
		closedir(d);
		if (n > 1)
			qsort(langs, (size_t)n, sizeof *langs, by_name);
		for (i = 0; i < n; i++) {
			struct lesson_course tco;
			lesson_course_load(&tco, langs[i], NULL, 0, ds);
			tally_course(&tco, ds, t);
			lesson_course_done(&tco);
			free(langs[i]);
		}
		free(langs);
	}
	lesson_dirs_done(&dirs);
}

static int
check(const struct lessons_opts *o, char **args, int nargs)
{
	struct diags ds;
	struct lesson_course co;
	struct tally t = { 0 };
	int status, nc;
	char n1[64], n2[64], n3[64], n4[64], n5[64], n6[64];

	diags_init(&ds);
	if (load_course(o, args, nargs, &co, &ds) != 0) {
		diags_done(&ds);
		return EXIT_USER;
	}
	tally_course(&co, &ds, &t);
	if (nargs == 0)
		tally_translations(o, &ds, &t);
	diags_print(&ds, stderr);
	if (ds.errors == 0) {
		snprintf(n1, sizeof n1, P_("%d chapter", "%d chapters", t.chapters), t.chapters);
		snprintf(n2, sizeof n2, P_("%d page", "%d pages", t.pages), t.pages);
		snprintf(n3, sizeof n3, P_("%d claim", "%d claims", t.claims), t.claims);
		snprintf(n4, sizeof n4, P_("%d question", "%d questions", t.questions), t.questions);
		snprintf(n5, sizeof n5, P_("%d verified by the engine", "%d verified by the engine",
					   t.verified), t.verified);
		snprintf(n6, sizeof n6, P_("%d not verifiable", "%d not verifiable",
					   t.questions - t.verified), t.questions - t.verified);
		/* TRANSLATORS: "3 chapters, 40 pages, 12 claims: all proved; 20 questions:
		 * 18 verified by the engine, 2 not verifiable", of the pieces above */
		printf(_("%s, %s, %s: all proved; %s: %s, %s\n"), n1, n2, n3, n4, n5, n6);
	} else {
		nc = t.chapters + t.broken;
		snprintf(n1, sizeof n1, P_("%d chapter checked", "%d chapters checked", nc), nc);
		snprintf(n2, sizeof n2, P_("%d broken", "%d broken", t.broken), t.broken);
		snprintf(n3, sizeof n3, P_("%d with wrong claims", "%d with wrong claims", t.wrongs),
			 t.wrongs);
		snprintf(n4, sizeof n4, P_("%zu error", "%zu errors", ds.errors), ds.errors);
		/* TRANSLATORS: "1 chapter checked: 1 broken, 0 with wrong claims; 1 error",
		 * of the pieces above */
		printf(_("%s: %s, %s; %s\n"), n1, n2, n3, n4);
	}
	status = ds.errors > 0 ? EXIT_USER : 0;
	lesson_course_done(&co);
	diags_done(&ds);
	return status;
}

/* Prints text with its control characters as '?', a tab being a separator here. */
static void
put_field(const char *text)
{
	char *safe = text_safe(text), *c;

	for (c = safe; *c != '\0'; c++)
		if (*c == '\t')
			*c = ' ';
	fputs(safe, stdout);
	free(safe);
}

/*
 * The answer key: for each question of each chapter, a line of the
 * chapter's id, the page's number, its kind, an answer the page judges
 * right and one it judges wrong, separated by tabs.  A question without
 * them (a page the engine cannot answer) is an error at its page.
 */
static int
key(const struct lessons_opts *o, char **args, int nargs)
{
	struct diags ds;
	struct lesson_course co;
	int i, j, missing = 0, status;

	diags_init(&ds);
	if (load_course(o, args, nargs, &co, &ds) != 0) {
		diags_done(&ds);
		return EXIT_USER;
	}
	for (i = 0; i < co.n; i++) {
		const struct lesson_chapter *c = co.chapters[i];
		struct lesson_runner r;
		runner_init(&r, c, NULL, NULL);
		for (j = 0; j < c->npages; j++) {
			char prompt[256], right[512], wrong[512];
			runner_goto(&r, j);
			if (!runner_prompt(&r, prompt, sizeof prompt))
				continue;
			if (runner_key(&r, right, sizeof right, wrong, sizeof wrong) < 0) {
				diags_add(&ds, c->file, c->pages[j].line, c->pages[j].column,
					  DIAG_ERROR, "page %d: no answer key: the engine finds "
					  "no answer that the page judges right and one it judges "
					  "wrong; descent lessons --check says why", j + 1);
				missing++;
				continue;
			}
			put_field(c->id);
			printf("\t%d\t%s\t", j + 1, page_kind_name(c->pages[j].kind));
			put_field(right);
			putchar('\t');
			put_field(wrong);
			putchar('\n');
		}
		runner_done(&r);
	}
	diags_print(&ds, stderr);
	status = ds.errors > 0 || missing > 0 ? EXIT_USER : 0;
	lesson_course_done(&co);
	diags_done(&ds);
	return status;
}

/*
 * --ids: the chapters, a line each, for scripts and shell completion:
 * the number the map gives it, its id and its title, separated by tabs;
 * nothing else on standard output, the problems on standard error.
 */
static int
ids(const struct lessons_opts *o)
{
	struct diags ds;
	struct lesson_course co;
	struct lesson_dirs dirs;
	int i, status = 0;

	diags_init(&ds);
	cmd_lessons_path(&o->dirs, &dirs);
	if (lesson_course_load_dirs(&co, &dirs, &ds) < 0)
		status = EXIT_USER;
	diags_print(&ds, stderr);
	for (i = 0; status == 0 && i < co.n; i++) {
		char *id = text_safe(co.chapters[i]->id);
		char *title = text_safe(co.chapters[i]->title);
		char *t;
		for (t = title; *t != '\0'; t++)
			if (*t == '\t')
				*t = ' ';               /* the separator stays one */
		printf("%d\t%s\t%s\n", i + 1, id, title);
		free(id);
		free(title);
	}
	diags_done(&ds);
	lesson_course_done(&co);
	lesson_dirs_done(&dirs);
	return status;
}

static int
list(const struct lessons_opts *o)
{
	struct diags ds, pds;
	struct lesson_course co;
	struct progress prog;
	struct lesson_dirs dirs;
	int i, used[LESSON_MAX_DIRS] = { 0 }, langs;

	diags_init(&ds);
	diags_init(&pds);
	cmd_lessons_path(&o->dirs, &dirs);
	if (lesson_course_load_dirs(&co, &dirs, &ds) < 0) {
		diags_print(&ds, stderr);
		diags_done(&ds);
		lesson_course_done(&co);
		lesson_dirs_done(&dirs);
		return EXIT_USER;
	}
	{
		/* a directory that cannot be read is said, and the others listed;
		 * the broken files are named below */
		struct diags dd;
		size_t k;
		/* the message as lesson_course_load_dirs gives it, translated */
		const char *unread = _("cannot read the lessons' directory");
		diags_init(&dd);
		for (k = 0; k < ds.n; k++)
			if (ds.d[k].line == 0 && strstr(ds.d[k].message, unread))
				diags_add_diag(&dd, &ds.d[k]);
		diags_print(&dd, stderr);
		diags_done(&dd);
	}
	progress_load(&prog, o->progress, &pds);
	diags_print(&pds, stderr);
	{
		/* the directories the chapters come from, or the course's when none */
		char *where;
		for (i = 0; i < co.n; i++)
			used[co.from[i]] = 1;
		if (co.n == 0 && dirs.n > 0)
			used[dirs.n - 1] = 1;
		where = lesson_dirs_text(&dirs, used);
		printf(P_("%d chapter in %s\n", "%d chapters in %s\n", co.n), co.n, where);
		free(where);
	}
	/* the language of each chapter, when a translation is read: its
	 * directory's name, "en" for the course's own */
	langs = lesson_course_lang_width(&co);
	for (i = 0; i < co.n; i++) {
		const struct lesson_chapter *c = co.chapters[i];
		/* the title in 30 columns (26 beside the language), so that a
		 * row with progress fits in 80 */
		char state[80], *t = text_safe(c->title);
		size_t room = langs > 0 ? 26 : 30, shown, fit;
		progress_chapter_text(&prog, c, state, sizeof state);
		printf("%3d  %-18s ", i + 1, c->id);
		if (langs > 0)
			printf("%-*s  ", langs, lesson_chapter_lang(c));
		if (utf8_columns(t, strlen(t)) > room) {
			fit = utf8_fit(t, strlen(t), room - 3, &shown);
			printf("%.*s...%*s ", (int)fit, t, (int)(room - 3 - shown), "");
		} else {
			printf("%s%*s ", t, (int)(room - utf8_columns(t, strlen(t))), "");
		}
		free(t);
		puts(state);
	}
	for (i = 0; i < co.nbroken; i++) {
		char *safe = text_safe(co.broken[i]);
		fprintf(stderr, _("descent: %s is left out: see descent lessons --check\n"), safe);
		free(safe);
	}
	for (i = 0; i < co.nshadowed; i++) {
		char *f = text_safe(co.shadowed[i].file), *by = text_safe(co.shadowed[i].by);
		printf(_("     shadowed: %s (by %s)\n"), f, by);
		free(f);
		free(by);
	}
	if (prog.last_chapter != NULL) {
		char *safe = text_safe(prog.last_chapter);
		/* TRANSLATORS: %1$s and %3$s are the same chapter id */
		printf(_("you left off in %s, page %d: descent learn %s\n"), safe,
		       prog.last_page + 1, safe);
		free(safe);
	}
	progress_done(&prog);
	lesson_course_done(&co);
	diags_done(&ds);
	diags_done(&pds);
	lesson_dirs_done(&dirs);
	return 0;
}

static int
reset(const struct lessons_opts *o)
{
	struct diags ds;
	struct progress prog;
	int status = 0;

	if (!o->yes) {
		char answer[16];
		if (!isatty(STDIN_FILENO))
			return cmd_value_error(&cmd_lessons, "--reset forgets all your progress: "
					       "confirm with --yes");
		/* TRANSLATORS: y or the language's yes (rpmatch) confirms */
		printf("%s", _("Forget all your progress in the course? [y/N] "));
		fflush(stdout);
		if (fgets(answer, sizeof answer, stdin) == NULL ||
		    (answer[0] != 'y' && answer[0] != 'Y' && rpmatch(answer) != 1)) {
			printf("%s", _("Nothing was forgotten.\n"));
			return 0;
		}
	}
	diags_init(&ds);
	progress_load(&prog, o->progress, &ds);
	if (progress_reset(&prog, &ds) < 0)
		status = EXIT_USER;
	else
		printf("%s", _("Your progress is forgotten.\n"));
	diags_print(&ds, stderr);
	progress_done(&prog);
	diags_done(&ds);
	return status;
}

static int
lessons_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "ids", no_argument, NULL, OPT_IDS },
		{ "key", no_argument, NULL, OPT_KEY },
		{ "reset", no_argument, NULL, OPT_RESET },
		{ "yes", no_argument, NULL, OPT_YES },
		{ "lessons", required_argument, NULL, OPT_LESSONS },
		{ "lessons-only", required_argument, NULL, OPT_LESSONS_ONLY },
		{ "progress", required_argument, NULL, OPT_PROGRESS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct lessons_opts o;
	int first, status;

	memset(&o, 0, sizeof o);
	status = cmd_getopt(&cmd_lessons, argc, argv, "hV", longopts, lessons_option, &o,
			    &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (o.check + o.key + o.reset + o.ids > 1)
		return cmd_value_error(&cmd_lessons, "--check, --key, --reset and --ids: one at a "
				       "time");
	if (first < argc && !o.check && !o.key)
		return cmd_usage_error(&cmd_lessons, "files go with --check or --key");
	if (o.ids)
		return ids(&o);
	if (o.check)
		return check(&o, argv + first, argc - first);
	if (o.key)
		return key(&o, argv + first, argc - first);
	if (o.reset)
		return reset(&o);
	return list(&o);
}

const struct cmd cmd_lessons = {
	.name = "lessons",
	.usage = "[--lessons DIR | --lessons-only DIR]\n"
		 "                       [--check [FILE...] | --key [FILE...] | --reset [--yes] |\n"
		 "                       --ids]",
	.summary = N_("the chapters of the course, checked or with your progress"),
	.help = N_(
	"Lists the chapters of the course with your progress.\n\n"
	"  --check [FILE...]  load every chapter (or the files, or a directory's), report\n"
	"                     every problem as FILE:LINE:COLUMN, and prove the claims\n"
	"                     the pages make\n"
	"  --key [FILE...]    the answer key: for each question, a line of the chapter,\n"
	"                     the page, its kind, an answer judged right and one judged\n"
	"                     wrong, separated by tabs\n"
	"  --reset            forget your progress (asks first, or give --yes)\n"
	"  --ids              the chapters for scripts: a line each, its number, id\n"
	"                     and title separated by tabs\n"
	"  --lessons DIR      a directory of chapters searched before the course's\n"
	"                     (may be given again; else $DESCENT_LESSONS, a list\n"
	"                     separated by ':'); the chapters of\n"
	"                     $XDG_DATA_HOME/descent/lessons and of descent/lessons\n"
	"                     in $XDG_DATA_DIRS come next, then the course's\n"
	"  --lessons-only DIR the chapters of DIR alone (may be given again)\n"
	"  --progress FILE    the progress file (else\n"
	"                     $XDG_STATE_HOME/descent/progress.json)\n\n"
	"The format of a chapter is described in descent-lessons(5).\n"),
	.run = lessons_run,
};
