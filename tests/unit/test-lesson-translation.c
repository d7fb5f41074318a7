/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-translation.c - chapters in the learner's language: the
 * languages read from a locale and $LANGUAGE, a language directory's
 * chapters replacing their originals in the course (and only for a
 * learner who reads that language), and the comparison of a translation
 * with its original that lessons --check makes, a difference of each
 * kind: the pages, their order and kinds, claims, answers, settings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "descent/diag.h"
#include "descent/lesson.h"

static const char original[] =
	"{\"id\": \"tr\", \"title\": \"Title\", \"order\": 1, \"summary\": \"S.\", \"pages\": [\n"
	" {\"kind\": \"text\", \"id\": \"a\", \"title\": \"A\", \"body\": \"Text.\"},\n"
	" {\"kind\": \"numeric\", \"id\": \"b\", \"title\": \"B\", \"question\": \"f(1)?\",\n"
	"  \"function\": \"x^2\", \"x\": [-2, 2], \"answer\": 1, \"tolerance\": 0.01,\n"
	"  \"verify\": {\"value_at\": [1]}, \"check\": [{\"value\": {\"at\": [1], \"f\": 1}}]},\n"
	" {\"kind\": \"quiz\", \"id\": \"c\", \"title\": \"C\", \"question\": \"Q?\",\n"
	"  \"choices\": [\"yes\", {\"text\": \"no\", \"feedback\": \"F.\"}], \"answer\": 0}\n"
	"]}\n";

static char dir[64];

static void
write_file(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	cr_assert_not_null(fp, "cannot write %s", path);
	fputs(text, fp);
	fclose(fp);
}

/* The original with the first from replaced by to (which must be there). */
static char *
edited(const char *from, const char *to)
{
	const char *at = strstr(original, from);
	char *s;

	cr_assert_not_null(at, "\"%s\" is not in the original", from);
	s = malloc(sizeof original + strlen(to));
	memcpy(s, original, (size_t)(at - original));
	strcpy(s + (at - original), to);
	strcat(s, at + strlen(from));
	return s;
}

static void
setup(void)
{
	char fr[80];

	snprintf(dir, sizeof dir, "/tmp/descent-tr-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(fr, sizeof fr, "%s/fr", dir);
	cr_assert_eq(mkdir(fr, 0700), 0);
	write_file("01-tr.json", original);
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* The warnings of comparing fr/01-tr.json, written as text, with the original. */
static int
compare(const char *text, struct diags *ds)
{
	char path[128];

	write_file("fr/01-tr.json", text);
	snprintf(path, sizeof path, "%s/fr/01-tr.json", dir);
	diags_init(ds);
	return lesson_translation_compare(path, ds);
}

Test(translation, language_directory_names)
{
	cr_assert(lesson_is_language("fr"));
	cr_assert(lesson_is_language("pt_BR"));
	cr_assert(lesson_is_language("ast"));
	cr_assert_not(lesson_is_language("examples"));
	cr_assert_not(lesson_is_language("f"));
	cr_assert_not(lesson_is_language("fr_fr"));
	cr_assert_not(lesson_is_language(".."));
	cr_assert_not(lesson_is_language("fr/"));
	cr_assert_not(lesson_is_language(""));
}

Test(translation, languages_of_a_locale)
{
	char lang[8][16];
	int n;

	cr_assert_eq(lesson_languages_of("C", "fr", lang, 8), 0, "C: English, whatever $LANGUAGE");
	cr_assert_eq(lesson_languages_of("C.UTF-8", NULL, lang, 8), 0);
	cr_assert_eq(lesson_languages_of("POSIX", NULL, lang, 8), 0);
	n = lesson_languages_of("fr_FR.UTF-8", NULL, lang, 8);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(lang[0], "fr_FR");
	cr_assert_str_eq(lang[1], "fr");
	n = lesson_languages_of("fr_CA.UTF-8@euro", "de:pt_BR::fr", lang, 8);
	cr_assert_eq(n, 5, "$LANGUAGE first, then the locale, each once: %d", n);
	cr_assert_str_eq(lang[0], "de");
	cr_assert_str_eq(lang[1], "pt_BR");
	cr_assert_str_eq(lang[2], "pt");
	cr_assert_str_eq(lang[3], "fr");
	cr_assert_str_eq(lang[4], "fr_CA");
}

Test(translation, hostile_names_are_left_out)
{
	char lang[8][16];

	cr_assert_eq(lesson_languages_of("../../etc", "../x:fr/..:" "abcdefghijklmnopqrstuvwxyz",
					 lang, 8), 0);
	cr_assert_eq(lesson_languages_of("fr_FR", NULL, lang, 1), 1, "at most max");
}

Test(translation, a_translation_replaces_its_original, .init = setup, .fini = teardown)
{
	struct lesson_dirs d;
	struct lesson_course co;
	struct diags ds;
	char *t = edited("\"title\": \"Title\"", "\"title\": \"Titre\"");

	write_file("fr/01-tr.json", t);
	free(t);
	memset(&d, 0, sizeof d);
	d.dir[0] = dir;
	d.required[0] = 1;
	d.n = 1;
	diags_init(&ds);
	cr_assert_eq(lesson_course_load_dirs(&co, &d, &ds), 0);
	cr_assert_eq(co.n, 1);
	cr_assert_str_eq(co.chapters[0]->title, "Title", "no language: the original");
	cr_assert_str_eq(co.chapters[0]->lang, "");
	lesson_course_done(&co);

	d.nlang = 2;
	strcpy(d.lang[0], "de");
	strcpy(d.lang[1], "fr");
	cr_assert_eq(lesson_course_load_dirs(&co, &d, &ds), 0);
	cr_assert_eq(co.n, 1, "the original is replaced, not shadowed nor an error");
	cr_assert_eq(co.nshadowed, 0);
	cr_assert_str_eq(co.chapters[0]->title, "Titre");
	cr_assert_str_eq(co.chapters[0]->lang, "fr");
	cr_assert_eq(ds.errors, 0);
	lesson_course_done(&co);
	diags_done(&ds);
}

Test(translation, a_broken_translation_falls_back, .init = setup, .fini = teardown)
{
	struct lesson_dirs d;
	struct lesson_course co;
	struct diags ds;

	write_file("fr/01-tr.json", "{ \"id\": ");
	memset(&d, 0, sizeof d);
	d.dir[0] = dir;
	d.required[0] = 1;
	d.n = 1;
	d.nlang = 1;
	strcpy(d.lang[0], "fr");
	diags_init(&ds);
	lesson_course_load_dirs(&co, &d, &ds);
	cr_assert_eq(co.n, 1);
	cr_assert_str_eq(co.chapters[0]->lang, "", "the original, since the translation is broken");
	cr_assert_eq(co.nbroken, 1, "and the broken file is reported");
	lesson_course_done(&co);
	diags_done(&ds);
}

Test(translation, the_text_may_change, .init = setup, .fini = teardown)
{
	struct diags ds;
	char *t = edited("\"question\": \"f(1)?\"", "\"question\": \"f(1) ?\", \"hint\": \"Carré.\"");
	char *u = edited("[\"yes\", {\"text\": \"no\", \"feedback\": \"F.\"}]",
			 "[\"oui\", {\"text\": \"non\", \"feedback\": \"R.\"}]");

	cr_assert_eq(compare(t, &ds), 0);
	cr_assert_eq(ds.n, 0);
	diags_done(&ds);
	cr_assert_eq(compare(u, &ds), 0, "a choice's text, plain or in an object");
	diags_done(&ds);
	free(t);
	free(u);
}

static void
expect(const char *from, const char *to, const char *says, int want)
{
	struct diags ds;
	char *t = edited(from, to);
	int n = compare(t, &ds);

	cr_assert_eq(n, want, "%s -> %s: %d warnings, not %d", from, to, n, want);
	cr_assert_eq(ds.n, (size_t)want);
	cr_assert_eq(ds.d[0].level, DIAG_WARNING);
	cr_assert_not_null(strstr(ds.d[0].message, says), "\"%s\" not in \"%s\"", says,
			   ds.d[0].message);
	cr_assert_gt(ds.d[0].line, 0);
	diags_done(&ds);
	free(t);
}

Test(translation, each_difference_is_said, .init = setup, .fini = teardown)
{
	expect("\"answer\": 1,", "\"answer\": 2,", "its answers (\"answer\")", 1);
	expect("\"f\": 1}", "\"f\": 1.5}", "its claims (\"check\")", 1);
	expect("\"verify\": {\"value_at\": [1]}", "\"verify\": {\"value_at\": [0]}",
	       "its claims (\"verify\")", 1);
	expect("\"x\": [-2, 2]", "\"x\": [-3, 3]", "its \"x\"", 1);
	expect("\"kind\": \"text\"", "\"kind\": \"note\"", "a note page here but a text page", 1);
	expect("\"order\": 1", "\"order\": 2", "the chapter's \"order\"", 1);
	expect("\"id\": \"a\"", "\"id\": \"z\"", "page \"z\" is not in the original", 2);
	expect("[\"yes\", {", "[\"yes\", \"maybe\", {", "its answers (\"choices\")", 1);
	expect("\"answer\": 0}", "\"answer\": 1}", "its answers (\"answer\")", 1);
}

Test(translation, missing_and_moved_pages, .init = setup, .fini = teardown)
{
	struct diags ds;
	const char *a = strstr(original, " {\"kind\": \"text\""), *b = strstr(original, " {\"kind\": \"numeric\"");
	const char *end = strstr(original, ",\n {\"kind\": \"quiz\"");
	char swapped[sizeof original + 8], *cut;

	/* the pages in the other order */
	snprintf(swapped, sizeof swapped, "%.*s%.*s,\n%.*s%s", (int)(a - original), original,
		 (int)(end - b), b, (int)(b - a - 2), a, end);
	cr_assert_eq(compare(swapped, &ds), 1, "%s", swapped);
	cr_assert_not_null(strstr(ds.d[0].message, "not in the original's order"));
	diags_done(&ds);

	/* the text page left out */
	cut = edited(" {\"kind\": \"text\", \"id\": \"a\", \"title\": \"A\", \"body\": \"Text.\"},\n", "");
	cr_assert_eq(compare(cut, &ds), 1);
	cr_assert_not_null(strstr(ds.d[0].message, "the original's page \"a\""));
	cr_assert_not_null(strstr(ds.d[0].message, "is missing here"));
	diags_done(&ds);
	free(cut);
}

Test(translation, no_original_no_comparison, .init = setup, .fini = teardown)
{
	struct diags ds;
	char path[128];

	snprintf(path, sizeof path, "%s/01-tr.json", dir);
	diags_init(&ds);
	cr_assert_eq(lesson_translation_compare(path, &ds), 0, "not in a language directory");
	write_file("fr/02-other.json", original);
	snprintf(path, sizeof path, "%s/fr/02-other.json", dir);
	cr_assert_eq(lesson_translation_compare(path, &ds), 0, "no original of that name");
	cr_assert_eq(ds.n, 0);
	diags_done(&ds);
}
