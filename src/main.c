/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the descent program: global options, then a subcommand from
 * cmd_table[].
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>

#include "cmd.h"

static void
usage(FILE *fp)
{
	int i;

	fputs("usage: descent [--help] [--version] [--ascii] [COMMAND [ARGS...]]\n\n"
	      "descent is an interactive course on the optimization behind machine\n"
	      "learning, for the terminal.  Without a command, it opens the course\n"
	      "where you left off (with --ascii, in ASCII only).  Commands:\n\n", fp);
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(fp, "  %-8s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fputs("\n'descent COMMAND --help' describes a command; descent(1) and\n"
	      "descent-expr(7) are the manuals.\n", fp);
	cmd_bug_report(fp);
}

/*
 * Closes stdout as GNU's close_stdout does, so that a write error (a full
 * disk, /dev/full) fails the program instead of losing output silently.
 * Output is buffered, so most errors show only here.  A stdout that was
 * closed before we started is not an error when nothing was written to it.
 * Returns status, or EXIT_USER after one message when status was 0.
 */
static int
close_stdout(int status)
{
	int failed = ferror(stdout), pending = __fpending(stdout) != 0;

	errno = 0;
	if (fclose(stdout) != 0) {
		if (!failed && !pending && errno == EBADF)
			return status;
		failed = 1;
	}
	if (!failed)
		return status;
	if (errno != 0)
		fprintf(stderr, "descent: write error: %s\n", strerror(errno));
	else
		fputs("descent: write error\n", stderr);
	return status != 0 ? status : EXIT_USER;
}

static int
run(int argc, char **argv)
{
	const struct cmd *cmd;
	int i;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");     /* numbers read and print with '.' */
	if (argc < 2) {
		/* the course, where the learner left off (full screen on a terminal) */
		char *args[] = { "learn", NULL };
		return cmd_learn.run(1, args);
	}
	/* before a command, --help and --version win over the other options */
	for (i = 1; argv[1][0] == '-' && i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
			cmd_version(stdout);
			return 0;
		}
	}
	if (strcmp(argv[1], "--ascii") == 0) {
		/* descent --ascii: the course, in ASCII */
		char *args[] = { "learn", "--ascii", NULL };
		if (argc > 2) {
			fprintf(stderr, "descent: --ascii takes no arguments; for a chapter, "
				"use descent learn --ascii CHAPTER\n");
			return EXIT_USAGE;
		}
		return cmd_learn.run(2, args);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "descent: unknown option '%s'\n", argv[1]);
		fputs("Try 'descent --help' for the commands.\n", stderr);
		return EXIT_USAGE;
	}
	cmd = cmd_find(argv[1]);
	if (cmd == NULL) {
		fprintf(stderr, "descent: unknown command '%s'\n", argv[1]);
		fputs("Try 'descent --help' for the commands.\n", stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}

int
main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
