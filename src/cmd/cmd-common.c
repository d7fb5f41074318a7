/*
 * cmd-common.c - the table of subcommands and what they share: usage
 * errors, the version line, the printing of numbers.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const struct cmd *const cmd_table[] = {
	&cmd_eval,
	&cmd_diff,
	NULL,
};

const struct cmd *
cmd_find(const char *name)
{
	int i;

	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

int
cmd_usage_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "descent %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: descent %s %s\n", cmd->name, cmd->usage);
	fprintf(stderr, "Try 'descent %s --help' for more.\n", cmd->name);
	return EXIT_USAGE;
}

static int
bad_option(const struct cmd *cmd, const char *arg)
{
	if (arg[0] == '-' && arg[1] != '-' && strpbrk(arg + 1, "^*/+()0123456789.") != NULL)
		return cmd_usage_error(cmd, "unknown option '%s' (an expression that "
				       "starts with '-' goes after '--': descent %s -- '%s')",
				       arg, cmd->name, arg);
	return cmd_usage_error(cmd, "unknown option '%s'", arg);
}

int
cmd_getopt(const struct cmd *cmd, int argc, char **argv, const char *shortopts,
	   const void *longopts, int (*handle)(int opt, const char *arg, void *data),
	   void *data, int *first)
{
	const struct option *lo = longopts;
	char opts[64];
	int i, opt;

	snprintf(opts, sizeof opts, ":%s", shortopts);  /* ':' reports missing values */
	/* Short options are checked first, so that "-x^2" is reported whole
	 * rather than as the unknown option 'x'. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i], *s;
		if (a[0] != '-' || a[1] == '-' || a[1] == '\0')
			continue;
		for (s = a + 1; *s != '\0'; s++) {
			const char *o = *s != ':' ? strchr(shortopts, *s) : NULL;
			if (o == NULL)
				return bad_option(cmd, a);
			if (o[1] == ':')
				break;          /* the rest is the option's argument */
		}
		if (s[0] != '\0' && s[1] == '\0' && strchr(shortopts, *s)[1] == ':')
			i++;                    /* "-w x": skip the argument */
	}
	optind = 0;                     /* reset: each command parses afresh */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, opts, lo, NULL)) != -1) {
		int status;
		if (opt == '?')
			return bad_option(cmd, argv[optind - 1]);
		if (opt == ':')
			return cmd_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		if (opt == 'h') {
			printf("usage: descent %s %s\n\n%s", cmd->name, cmd->usage, cmd->help);
			return -1;
		}
		if (opt == 'V') {
			cmd_version(stdout);
			return -1;
		}
		status = handle != NULL ? handle(opt, optarg, data) : EXIT_USAGE;
		if (status != 0)
			return status;
	}
	*first = optind;
	return 0;
}

void
cmd_version(FILE *fp)
{
	fprintf(fp, "descent %s\n", PACKAGE_VERSION);
}

void
cmd_print_number(FILE *fp, double v)
{
	if (v == 0)
		v = 0;          /* no "-0" */
	fprintf(fp, "%.10g", v);
}
