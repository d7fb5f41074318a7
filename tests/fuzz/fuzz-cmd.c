/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-cmd.c - libFuzzer target for the command line: each input becomes
 * an argv that cmd_main, the program's own entry, runs in process, so
 * that the subcommands' option parsing, checks and output are reached.
 *
 * An input is one byte choosing the command (cmd_table[byte % (n + 1)],
 * or none when it is n: then the first word is argv[1] itself, for the
 * global options and unknown commands), then at most MAX_ARGS words
 * separated by NUL or newline bytes, each at most MAX_ARG bytes.
 *
 * What the process must not do is kept out:
 * - the full screen: stdin is /dev/null, stdout goes to /dev/null and
 *   TERM is dumb, so ui_available() says no (checked once) and learn and
 *   play take their text paths;
 * - writing files elsewhere: the progress lives in a temporary
 *   XDG_STATE_HOME, emptied before each run, and inputs naming another
 *   progress file (--progress and its abbreviations) are skipped, as are
 *   words naming files in /proc, /sys or /dev (reading those may not end);
 * - long runs: an input is skipped when a word holds a constant above
 *   MAX_NUMBER (step counts, plot sizes, grids), read as the program reads
 *   it, so "--steps 2^30" is skipped too.
 * The course is tests/fuzz/course-cmd, one chapter and one broken file:
 * the real course takes seconds per run to load and prove under ASan.
 * Output goes to /dev/null through the stdout and stderr streams only:
 * libFuzzer and the sanitizers keep writing to the real stderr.
 *
 * Build with `make fuzz`; run e.g.
 *   tests/fuzz/fuzz-cmd -max_total_time=300 -timeout=20 tests/fuzz/corpus-cmd
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/expr.h"
#include "descent/ui.h"

#define MAX_ARGS 16
#define MAX_ARG 256
#define MAX_NUMBER 300

static char state_dir[] = "/tmp/fuzz-cmd-XXXXXX";
static char progress_dir[sizeof state_dir + 16];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Empties the progress folder, so that each run starts from no progress. */
static void
forget_progress(void)
{
	DIR *d = opendir(progress_dir);
	struct dirent *de;
	char path[sizeof progress_dir + 256];

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", progress_dir, de->d_name);
		unlink(path);
	}
	closedir(d);
}

/* Removes the temporary XDG_STATE_HOME when libFuzzer exits. */
static void
remove_state(void)
{
	forget_progress();
	rmdir(progress_dir);
	rmdir(state_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (mkdtemp(state_dir) == NULL) {
		perror("fuzz-cmd: mkdtemp");
		abort();
	}
	snprintf(progress_dir, sizeof progress_dir, "%s/descent", state_dir);
	atexit(remove_state);
	setenv("XDG_STATE_HOME", state_dir, 1);
	setenv("TERM", "dumb", 1);
	setenv("NO_COLOR", "1", 1);
	setenv("DESCENT_LESSONS", FUZZ_SRCDIR "/tests/fuzz/course-cmd", 1);
	if (freopen("/dev/null", "r", stdin) == NULL || freopen("/dev/null", "w", stdout) == NULL) {
		perror("fuzz-cmd: /dev/null");
		abort();
	}
	/* glibc's stderr is a plain variable: the commands write to this,
	 * libFuzzer to the stream it took at startup */
	stderr = fopen("/dev/null", "w");
	if (stderr == NULL || ui_available())
		abort();
	return 0;
}

/* True when text is a constant above MAX_NUMBER. */
static int
too_big(const char *text)
{
	struct diag err;
	struct expr *e;
	double v;
	int big = 0;

	if (*text == '\0')
		return 0;
	e = expr_parse(text, (const char *const[]){ NULL }, 0, &err);
	if (e != NULL && expr_is_const(e, expr_root(e), &v) && v > MAX_NUMBER)
		big = 1;
	expr_free(e);
	return big;
}

/*
 * True when a part of word is a constant above MAX_NUMBER: the word, the
 * value after '=' of a long option, what follows each letter of a cluster
 * of short options ("-n5000"), and each item of a list or range
 * ("1,2", "-5:5", "80x24").
 */
static int
asks_too_much(const char *word)
{
	char buf[MAX_ARG + 1], *item, *save;
	const char *p;

	if (word[0] == '-' && word[1] == '-' && (p = strchr(word, '=')) != NULL)
		return asks_too_much(p + 1);
	if (word[0] == '-' && word[1] != '-')
		for (p = word + 1; isalpha((unsigned char)*p); p++)
			if (too_big(p + 1))
				return 1;
	if (too_big(word))
		return 1;
	snprintf(buf, sizeof buf, "%s", word);
	for (item = strtok_r(buf, ",:x;=", &save); item != NULL; item = strtok_r(NULL, ",:x;=", &save))
		if (too_big(item))
			return 1;
	return 0;
}

/* True when word names a progress file of its own: --progress, abbreviated. */
static int
names_progress(const char *word)
{
	size_t len;

	if (strncmp(word, "--pr", 4) != 0)
		return 0;
	len = strcspn(word + 2, "=");
	return strncmp(word + 2, "progress", len) == 0 && len <= strlen("progress");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 3], *buf;
	int argc = 0, ncmds, pick, diff, i;
	size_t start, end;

	if (size < 1)
		return 0;
	for (ncmds = 0; cmd_table[ncmds] != NULL; ncmds++)
		;
	pick = data[0] % (ncmds + 1);
	argv[argc++] = "descent";
	if (pick < ncmds)
		argv[argc++] = (char *)cmd_table[pick]->name;
	buf = malloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	for (start = 0; start < size - 1; start = end + 1) {
		end = start;
		while (end < size - 1 && buf[end] != '\0' && buf[end] != '\n')
			end++;
		buf[end] = '\0';
		if (argc == MAX_ARGS + 2 || end - start > MAX_ARG)
			goto skip;
		argv[argc++] = buf + start;
	}
	argv[argc] = NULL;
	diff = argc > 1 && strcmp(argv[1], "diff") == 0;
	for (i = 1; i < argc; i++)
		if (asks_too_much(argv[i]) || (!diff && names_progress(argv[i])) ||
		    strstr(argv[i], "proc/") != NULL || strstr(argv[i], "sys/") != NULL ||
		    strstr(argv[i], "dev/") != NULL)
			goto skip;
	forget_progress();
	optind = 0;
	cmd_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	clearerr(stdout);
	clearerr(stderr);
skip:
	free(buf);
	return 0;
}
