/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-main.c - the program without its process: the global options, then
 * a subcommand from cmd_table[].  main.c calls it and closes stdout; the
 * command-line fuzzer (tests/fuzz/fuzz-cmd.c) calls it once per input.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"

static void
usage(FILE *fp)
{
	int i;

	/* TRANSLATORS: lines of at most 80 columns */
	fputs(_("usage: descent [--help] [--version] [--ascii] [COMMAND [ARGS...]]\n\n"
		"descent is an interactive course on the optimization behind machine\n"
		"learning, for the terminal.  Without a command, it opens the course\n"
		"where you left off (with --ascii, in ASCII only).  Commands:\n\n"), fp);
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(fp, "  %-8s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
	fputs(_("\n'descent COMMAND --help' describes a command; descent(1) and\n"
		"descent-expr(7) are the manuals.\n"), fp);
	cmd_bug_report(fp);
}

/*
 * DESCENT_KERNELS names the VM's kernel set to use instead of the best
 * this CPU runs (descent(1), ENVIRONMENT): to compare the kernels'
 * results, or to time them.  Returns 0, or EXIT_USAGE after a message.
 */
static int
use_kernels(void)
{
	const char *want = getenv("DESCENT_KERNELS"), *names[8];
	char list[160], *safe;
	int n = 0;

	if (want == NULL || *want == '\0' || expr_use_kernels(want) == 0)
		return 0;
	while (n < 7 && (names[n] = expr_kernels_usable(n)) != NULL)
		n++;
	names[n] = NULL;
	/* TRANSLATORS: between the last two names of a list: "sse2 or generic" */
	names_text(list, sizeof list, names, _(" or "));
	safe = text_safe(want);
	fprintf(stderr, _("descent: DESCENT_KERNELS=%s is not a kernel set of this "
			  "program on this CPU; set it to %s, or unset it\n"), safe, list);
	free(safe);
	return EXIT_USAGE;
}

int
cmd_main(int argc, char **argv)
{
	const struct cmd *cmd;
	int i;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");     /* numbers read and print with '.' */
	i18n_init();
	if (use_kernels() != 0)
		return EXIT_USAGE;
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
	/* for scripts (shell completion): the commands, and these options */
	if (argc == 2 && strcmp(argv[1], "--list-commands") == 0) {
		for (i = 0; cmd_table[i] != NULL; i++)
			puts(cmd_table[i]->name);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--list-options") == 0) {
		static const struct option global[] = {
			{ "help", no_argument, NULL, 'h' },
			{ "version", no_argument, NULL, 'V' },
			{ "ascii", no_argument, NULL, 1 },
			{ NULL, 0, NULL, 0 },
		};
		cmd_list_options("hV", global);
		return 0;
	}
	if (strcmp(argv[1], "--ascii") == 0) {
		/* descent --ascii: the course, in ASCII */
		char *args[] = { "learn", "--ascii", NULL };
		if (argc > 2) {
			fputs(_("descent: --ascii takes no arguments; for a chapter, "
				"use descent learn --ascii CHAPTER\n"), stderr);
			return EXIT_USAGE;
		}
		return cmd_learn.run(2, args);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, _("descent: unknown option '%s'\n"), argv[1]);
		fputs(_("Try 'descent --help' for the commands.\n"), stderr);
		return EXIT_USAGE;
	}
	cmd = cmd_find(argv[1]);
	if (cmd == NULL) {
		fprintf(stderr, _("descent: unknown command '%s'\n"), argv[1]);
		fputs(_("Try 'descent --help' for the commands.\n"), stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
