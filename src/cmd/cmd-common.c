/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-common.c - the table of subcommands and what they share: usage
 * errors, the version line, the printing of numbers.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <getopt.h>
#include <math.h>
#include <string.h>

#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/i18n.h"
#include "descent/expr.h"
#include "descent/lesson.h"
#include "descent/plot.h"
#include "descent/util.h"

const struct cmd *const cmd_table[] = {
	&cmd_eval,
	&cmd_diff,
	&cmd_run,
	&cmd_map,
	&cmd_replay,
	&cmd_analyze,
	&cmd_plot,
	&cmd_learn,
	&cmd_lessons,
	&cmd_play,
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
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'descent %s --help' for more.\n"), cmd->name);
	return EXIT_USAGE;
}

int
cmd_value_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "descent %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
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

/*
 * The option of lo that arg, "--NAME" or "--NAME=VALUE", names: the one
 * called NAME, or else the only one whose name starts with NAME (several
 * entries of the same option count as one), as getopt_long reads it.
 * Returns NULL when there is none, and sets *ambiguous when NAME starts
 * the names of several options.
 */
static const struct option *
long_match(const struct option *lo, const char *arg, int *ambiguous)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	const struct option *l, *found = NULL;

	*ambiguous = 0;
	for (l = lo; l->name != NULL; l++) {
		if (strncmp(l->name, name, len) != 0)
			continue;
		if (l->name[len] == '\0')
			return l;
		if (found == NULL)
			found = l;
		else if (found->has_arg != l->has_arg || found->flag != l->flag ||
			 found->val != l->val)
			*ambiguous = 1;
	}
	if (*ambiguous)
		return NULL;
	return found;
}

/* Reports arg as an abbreviation of several options, which it lists. */
static int
ambiguous_option(const struct cmd *cmd, const struct option *lo, const char *arg)
{
	char list[1024];
	size_t len = strcspn(arg + 2, "="), used = 0;
	const struct option *l;

	list[0] = '\0';
	for (l = lo; l->name != NULL && used < sizeof list; l++)
		if (strncmp(l->name, arg + 2, len) == 0)
			used += snprintf(list + used, sizeof list - used, "%s--%s",
					 used > 0 ? ", " : "", l->name);
	return cmd_usage_error(cmd, "option '%s' is ambiguous: %s", arg, list);
}

/*
 * The first of -h, --help, -V and --version (or an abbreviation) among the
 * options of argv, before "--": 'h', 'V', or 0.  The values of options
 * are skipped, so that "--wrt -h" is not a request for help.
 */
static int
help_or_version(int argc, char **argv, const char *shortopts, const struct option *lo)
{
	int i, ambiguous;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i], *s;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] == '-') {
			const struct option *l = long_match(lo, a, &ambiguous);
			if (l == NULL || strchr(a, '=') != NULL)
				continue;
			if (l->val == 'h' || l->val == 'V')
				return l->val;
			if (l->has_arg == required_argument)
				i++;
			continue;
		}
		for (s = a + 1; *s != '\0'; s++) {
			const char *o = *s != ':' ? strchr(shortopts, *s) : NULL;
			if (o == NULL)
				break;          /* an unknown option: reported later */
			if (*s == 'h' || *s == 'V')
				return *s;
			if (o[1] == ':') {
				if (s[1] == '\0')
					i++;    /* "-w x": skip the argument */
				break;
			}
		}
	}
	return 0;
}

/* Prints where to report bugs: the last line of every --help. */
void
cmd_bug_report(FILE *fp)
{
	if (PACKAGE_BUGREPORT[0] != '\0')
		fprintf(fp, _("\nReport bugs to <%s>.\n"), PACKAGE_BUGREPORT);
	else
		fputs(_("\nReport bugs: see the BUGS section of descent(1).\n"), fp);
}

static void
print_help(const struct cmd *cmd)
{
	/* TRANSLATORS: the first line of "descent NAME --help": the name, then
	 * its synopsis */
	printf(_("usage: descent %s %s\n\n"), cmd->name, _(cmd->usage));
	fputs(_(cmd->help), stdout);
	cmd_bug_report(stdout);
}

/*
 * Prints the options of lo for scripts (shell completion), a line each:
 * "--NAME", then "=" when it takes a value ("[=]" when the value is
 * optional), then a tab and "-X" when it has a short form in shortopts.
 */
void
cmd_list_options(const char *shortopts, const struct option *lo)
{
	const struct option *l;

	for (l = lo; l->name != NULL; l++) {
		printf("--%s%s", l->name, l->has_arg == required_argument ? "=" :
		       l->has_arg == optional_argument ? "[=]" : "");
		if (l->flag == NULL && l->val > 0 && l->val < 128 && l->val != ':' &&
		    strchr(shortopts, l->val) != NULL)
			printf("\t-%c", l->val);
		putchar('\n');
	}
}

int
cmd_getopt(const struct cmd *cmd, int argc, char **argv, const char *shortopts,
	   const void *longopts, int (*handle)(int opt, const char *arg, void *data),
	   void *data, int *first)
{
	const struct option *lo = longopts;
	char opts[64];
	int i, opt, ambiguous;

	/* "descent NAME [--data] --list-options": the options, for scripts */
	if (argc >= 2 && strcmp(argv[argc - 1], "--list-options") == 0) {
		cmd_list_options(shortopts, lo);
		return -1;
	}
	/* --help and --version win over every other option and its errors */
	switch (help_or_version(argc, argv, shortopts, lo)) {
	case 'h':
		print_help(cmd);
		return -1;
	case 'V':
		cmd_version(stdout);
		return -1;
	}
	snprintf(opts, sizeof opts, ":%s", shortopts);  /* ':' reports missing values */
	/* Short options are checked first, so that "-x^2" is reported whole
	 * rather than as the unknown option 'x'. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i], *s;
		if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
			/* "--x -3:3", "--sta -1": the value of a long option is
			 * not an option */
			const struct option *l = long_match(lo, a, &ambiguous);
			if (ambiguous)
				return ambiguous_option(cmd, lo, a);
			if (l != NULL && strchr(a, '=') == NULL && l->has_arg == required_argument)
				i++;
			continue;
		}
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
	opterr = 0;                     /* our messages, not getopt_long's */
	while ((opt = getopt_long(argc, argv, opts, lo, NULL)) != -1) {
		int status;
		const char *a = argv[optind - 1];
		if (opt == '?' && a[0] == '-' && a[1] == '-' &&
		    (long_match(lo, a, &ambiguous), ambiguous))
			return ambiguous_option(cmd, lo, a);
		if (opt == '?')
			return bad_option(cmd, a);
		if (opt == ':')
			return cmd_usage_error(cmd, "option '%s' needs a value", a);
		if (opt == 'h') {
			print_help(cmd);
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
	fputs(_("Copyright (C) 2026 the descent authors\n"
		"License GPLv3+: GNU GPL version 3 or later "
		"<https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"), fp);
}

void
cmd_print_paragraphs(FILE *fp, const char *text, int width, int utf8)
{
	char *ascii = utf8 ? NULL : text_ascii(text);
	const char *p = ascii != NULL ? ascii : text;

	if (width < 20)
		width = 20;
	/* a paragraph a line, with a blank line between them; words fill the
	 * lines, and "x = 3" (the spaces around '=') and a point "(1.5, -2)"
	 * are never broken */
	while (*p != '\0') {
		const char *end = p + strcspn(p, "\n");
		size_t col = 0;
		while (p < end) {
			const char *w = p, *q;
			size_t len, wc;
			/* a word, with " = " and what follows it glued on */
			for (q = w;;) {
				q += strcspn(q, " \n");
				if (q > end)
					q = end;
				if (q + 3 <= end && strncmp(q, " = ", 3) == 0) {
					q += 3;
					continue;
				}
				/* and a point "(1.5, -2)" whole */
				if (q < end && *q == ' ' && memchr(w, '(', (size_t)(q - w)) != NULL &&
				    memchr(w, ')', (size_t)(q - w)) == NULL &&
				    memchr(q, ')', (size_t)(end - q)) != NULL) {
					q++;
					continue;
				}
				break;
			}
			len = (size_t)(q - w);
			wc = utf8_columns(w, len);
			if (col > 0 && col + 1 + wc > (size_t)width) {
				fputc('\n', fp);
				col = 0;
			} else if (col > 0) {
				fputc(' ', fp);
				col++;
			}
			fwrite(w, 1, len, fp);
			col += wc;
			p = q;
			while (p < end && *p == ' ')
				p++;
		}
		fputc('\n', fp);
		p = *end == '\n' ? end + 1 : end;
		if (*p != '\0')
			fputc('\n', fp);
	}
	free(ascii);
}

void
cmd_put_column(const char *s, int width)
{
	int pad = abs(width) - (int)utf8_columns(s, strlen(s));

	if (pad < 0)
		pad = 0;
	printf("%*s%s%*s", width > 0 ? pad : 0, "", s, width < 0 ? pad : 0, "");
}

void
cmd_print_number(FILE *fp, double v)
{
	char buf[40];

	cmd_format_number(buf, sizeof buf, v, 10);
	fputs(buf, fp);
}

void
cmd_format_number(char *buf, size_t size, double v, int prec)
{
	if (v == 0)
		v = 0;          /* no "-0" */
	if (isnan(v))
		v = NAN;        /* no "-nan", which x86 makes of inf - inf */
	snprintf(buf, size, "%.*g", prec, v);
}

void
cmd_format_exact(char *buf, size_t size, double v)
{
	num_exact(buf, size, v);
}

int
cmd_constant(const char *what, const char *text, double *v)
{
	struct diag err;
	struct expr *e = expr_parse(text, (const char *const[]){ NULL }, 0, &err);
	char prefix[200];

	/* TRANSLATORS: %s is an option, as in "descent: in --start" */
	snprintf(prefix, sizeof prefix, _("descent: in %s"), what);
	if (e == NULL) {
		diag_print_source(stderr, prefix, text, &err);
		return EXIT_USAGE;
	}
	if (!expr_is_const(e, expr_root(e), v)) {
		expr_free(e);
		fprintf(stderr, _("%s: '%s' is not a constant\n"), prefix, text);
		return EXIT_USAGE;
	}
	expr_free(e);
	return 0;
}

int
cmd_range(const struct cmd *cmd, const char *opt, const char *text, double *lo, double *hi)
{
	const char *colon = strchr(text, ':');
	char a[256];
	int s;

	if (colon == NULL || (size_t)(colon - text) >= sizeof a)
		return cmd_value_error(cmd, "%s takes a range A:B, as in -5:5, not '%s'", opt,
				       text);
	memcpy(a, text, colon - text);
	a[colon - text] = '\0';
	if ((s = cmd_constant(opt, a, lo)) != 0 || (s = cmd_constant(opt, colon + 1, hi)) != 0)
		return s;
	if (!(*lo < *hi) || !isfinite(*lo) || !isfinite(*hi))
		return cmd_value_error(cmd, "the range %s of %s is empty: the start must be "
				       "below the end", text, opt);
	return 0;
}

int
cmd_vector(const char *what, const char *text, double *v, int max, int *n)
{
	char item[512];
	const char *p = text;
	int status;

	*n = 0;
	for (;;) {
		size_t len = list_item_len(p);
		const char *q = p + len;
		if (*n == max) {
			fprintf(stderr, _("descent: %s has more than %d values\n"), what, max);
			return EXIT_USAGE;
		}
		if (len >= sizeof item) {
			fprintf(stderr, _("descent: a value of %s is too long\n"), what);
			return EXIT_USAGE;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		status = cmd_constant(what, item, &v[*n]);
		if (status != 0)
			return status;
		(*n)++;
		if (*q == '\0')
			return 0;
		p = q + 1;
	}
}

int
cmd_plot_defaults(struct plot_opts *o, const char *when, int size_given)
{
	const char *cs = nl_langinfo(CODESET), *term = getenv("TERM");
	const char *nc = getenv("NO_COLOR");
	int tty = isatty(STDOUT_FILENO);

	o->enc = cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0) ?
		 PLOT_ENC_BRAILLE : PLOT_ENC_ASCII;
	if (!size_given && tty) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
		    ws.ws_row >= 9) {
			o->width = ws.ws_col;
			o->height = ws.ws_row - 1;      /* room for the prompt */
		}
	}
	if (when == NULL || strcmp(when, "auto") == 0)
		o->color = tty && (nc == NULL || *nc == '\0') && term != NULL &&
			   strcmp(term, "dumb") != 0;
	else if (strcmp(when, "always") == 0)
		o->color = 1;
	else if (strcmp(when, "never") == 0)
		o->color = 0;
	else
		return -1;
	if (o->color && term != NULL && strstr(term, "256color") != NULL)
		o->color = 2;
	return 0;
}

int
cmd_lessons_dir(const struct cmd *cmd, struct cmd_dirs *d, const char *arg, int only)
{
	if (d->only != 0 && d->only != (only ? 1 : -1))
		return cmd_usage_error(cmd, "--lessons adds to the course and --lessons-only "
				       "replaces it: give one of them");
	if (d->n == (int)(sizeof d->dir / sizeof d->dir[0]))
		return cmd_usage_error(cmd, "at most %d lesson directories",
				       (int)(sizeof d->dir / sizeof d->dir[0]));
	d->only = only ? 1 : -1;
	d->dir[d->n++] = arg;
	return 0;
}

void
cmd_lessons_path(const struct cmd_dirs *d, struct lesson_dirs *out)
{
	lesson_dirs_find(out, d->dir, d->n, d->only == 1);
}
