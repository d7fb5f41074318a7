/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-play.c - descent play: the playground, full screen.  The options
 * set what it starts with; every one of them can be changed there.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/optim.h"
#include "descent/ui.h"

enum { OPT_LR = 256, OPT_ASCII, OPT_X, OPT_Y };

struct play_opts {
	struct ui_play_args a;
	int has_x, has_y;
};

static int
play_option(int opt, const char *arg, void *data)
{
	struct play_opts *o = data;
	int n, s;

	switch (opt) {
	case 'o':
		if (opt_find(arg) == NULL) {
			char names[160];
			opt_names_text(names, sizeof names, " or ");
			return cmd_value_error(&cmd_play, "unknown optimizer '%s': use %s",
					       arg, names);
		}
		o->a.optimizer = arg;
		return 0;
	case 's':
		if ((s = cmd_vector("--start", arg, o->a.start, 2, &n)) != 0)
			return s;
		if (n == 1)
			o->a.start[1] = 0;
		o->a.has_start = 1;
		return 0;
	case OPT_LR:
		if ((s = cmd_constant("--lr", arg, &o->a.lr)) != 0)
			return s;
		if (!opt_param_in_range(OPT_PARAM_LR, o->a.lr))
			return cmd_value_error(&cmd_play, "--lr must be %s, not %s",
					       opt_param_range_text(OPT_PARAM_LR), arg);
		return 0;
	case OPT_X:
		o->has_x = 1;
		return cmd_range(&cmd_play, "--x", arg, &o->a.view[0], &o->a.view[1]);
	case OPT_Y:
		o->has_y = 1;
		return cmd_range(&cmd_play, "--y", arg, &o->a.view[2], &o->a.view[3]);
	case OPT_ASCII:
		o->a.ascii = 1;
		return 0;
	}
	return EXIT_USAGE;
}

static int
play_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, 's' },
		{ "lr", required_argument, NULL, OPT_LR },
		{ "x", required_argument, NULL, OPT_X },
		{ "y", required_argument, NULL, OPT_Y },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct play_opts o;
	int first, status;

	memset(&o, 0, sizeof o);
	status = cmd_getopt(&cmd_play, argc, argv, "hVo:s:", longopts, play_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_play, "one expression at a time (quote it)");
	if (o.has_x != o.has_y && o.has_y)
		return cmd_usage_error(&cmd_play, "--y needs --x");
	if (o.has_x && !o.has_y) {      /* a 1D view, or y as x */
		o.a.view[2] = o.a.view[0];
		o.a.view[3] = o.a.view[1];
	}
	o.a.has_view = o.has_x;
	o.a.expr = first < argc ? argv[first] : NULL;
	if (!ui_available()) {
		const char *term = getenv("TERM");
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			fputs("descent: play needs a terminal, and its input or output is not "
			      "one; try 'descent run' or 'descent plot' for output as text\n", stderr);
		else
			fprintf(stderr, "descent: play cannot draw on the terminal '%s' (TERM); "
				"set TERM to one it knows, such as xterm-256color, or try "
				"'descent run' or 'descent plot'\n", term != NULL ? term : "");
		return EXIT_USER;
	}
	return ui_play(&o.a);
}

const struct cmd cmd_play = {
	.name = "play",
	.usage = "[EXPR] [--optimizer NAME] [--lr X] [--start X[,Y]] [--x A:B]\n"
		 "                   [--y C:D] [--ascii]",
	.summary = "descend a function live, full screen (the playground)",
	.help =
	"Draws EXPR (of x, or of x and y), or a classic function picked from a\n"
	"list or named (rosenbrock, himmelblau, \"six-hump camel\"...), and\n"
	"descends it step by step, live: the trajectory grows on the\n"
	"plot while a panel shows the step, the point, f, |grad|, the learning\n"
	"rate, the optimizer's state and the outcome.  Press ? there for the keys.\n\n"
	"  -o, --optimizer NAME  gd, momentum, nesterov, adagrad, rmsprop, adam, newton\n"
	"      --lr X            the learning rate\n"
	"  -s, --start X[,Y]     the start point\n"
	"      --x A:B, --y C:D  the view\n"
	"      --ascii           ASCII only, even in a UTF-8 locale\n",
	.run = play_run,
};
