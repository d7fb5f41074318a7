/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-play.c - descent play: the playground, full screen.  The options
 * set what it starts with; every one of them can be changed there.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "descent/ui.h"

enum { OPT_LR = 256, OPT_ASCII, OPT_X, OPT_Y, OPT_REPLAY };
/* the network trainer's own, past the settings' and the data's (cmd.h) */
enum { OPT_NET_ASCII = CMD_OPT_OWN };

struct play_opts {
	struct ui_play_args a;
	int has_x, has_y;
	const char *replay;
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
			/* TRANSLATORS: before the last of a list of names: "gd, adam or newton" */
			opt_names_text(names, sizeof names, _(" or "));
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
					       _(opt_param_range_text(OPT_PARAM_LR)), arg);
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
	case OPT_REPLAY:
		o->replay = arg;
		return 0;
	}
	return EXIT_USAGE;
}

/*
 * Reads the record path for the playground: a run on a function of one or
 * two variables, which the playground names as the record does.  0, or
 * EXIT_USER after the messages.
 */
static int
load_record(const char *path, struct run_record *rec)
{
	struct diags ds;
	struct diag err;
	struct objective *o;
	int k, same = 1;

	diags_init(&ds);
	if (record_read(path, rec, &ds) < 0) {
		diags_print(&ds, stderr);
		diags_done(&ds);
		return EXIT_USER;
	}
	diags_done(&ds);
	if (rec->function == NULL || rec->n > 2) {
		char *safe = text_safe(path);
		fprintf(stderr, rec->function == NULL ?
			_("descent play: %s is a run on data; the playground shows runs on a "
			  "function of one or two variables (descent replay replays any)\n") :
			_("descent play: %s is a run on more than two variables; the playground "
			  "shows runs on a function of one or two variables (descent replay "
			  "replays any)\n"), safe);
		free(safe);
		run_record_free(rec);
		return EXIT_USER;
	}
	/* the playground takes the variables in the expression's own order */
	o = objective_expr(rec->function, NULL, 0, &err);
	for (k = 0; o != NULL && k < rec->n; k++)
		same &= k < objective_dim(o) && strcmp(objective_param(o, k), rec->vars[k]) == 0;
	if (o == NULL || !same || objective_dim(o) != rec->n) {
		char *safe = text_safe(path);
		fprintf(stderr, _("descent play: %s names its variables in another order than "
				  "the playground does; descent replay replays it\n"), safe);
		free(safe);
		objective_free(o);
		run_record_free(rec);
		return EXIT_USER;
	}
	objective_free(o);
	return 0;
}

/* descent play --data ... --model ...: the network trainer's options. */
struct play_data_opts {
	struct cmd_settings set;
	struct cmd_data data;
	const char *start;
	int ascii;
};

static int
play_data_option(int opt, const char *arg, void *p)
{
	struct play_data_opts *o = p;
	int s = cmd_run_option(&o->set, &o->data, opt, arg);

	if (s >= 0)
		return s;
	switch (opt) {
	case 's': o->start = arg; return 0;
	case OPT_NET_ASCII: o->ascii = 1; return 0;
	}
	return EXIT_USAGE;
}

/* Says why the terminal cannot show the UI; the exit status. */
static int
no_terminal(void)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		fputs(_("descent: play needs a terminal, and its input or output is not "
			"one; try 'descent run' or 'descent plot' for output as text\n"), stderr);
	else
		fprintf(stderr, _("descent: play cannot draw on the terminal '%s' (TERM); "
				  "set TERM to one it knows, such as xterm-256color, or try "
				  "'descent run' or 'descent plot'\n"), term != NULL ? term : "");
	return EXIT_USER;
}

/*
 * The network trainer: a data objective (a network, say) trained live,
 * with descent run's settings and data options.
 */
static int
play_data(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, 's' },
		{ "steps", required_argument, NULL, 'n' },
		{ "tol", required_argument, NULL, CMD_OPT_TOL },
		{ "seed", required_argument, NULL, CMD_OPT_SEED },
		{ "batch", required_argument, NULL, CMD_OPT_BATCH },
		{ "noise", required_argument, NULL, CMD_OPT_NOISE },
		{ "schedule", required_argument, NULL, CMD_OPT_SCHEDULE },
		{ "ascii", no_argument, NULL, OPT_NET_ASCII },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_DATA_OPTIONS + OPT_PARAM_COUNT];
	struct play_data_opts o;
	struct run_config c;
	struct objective *obj = NULL;
	struct dataset *data = NULL;
	struct ui_net_args a;
	double *start = NULL;
	int first, status;

	memset(&o, 0, sizeof o);
	cmd_settings_init(&o.set);
	cmd_settings_longopts(longopts, fixed_longopts, 1);
	status = cmd_getopt(&cmd_play, argc, argv, "o:s:n:hV", longopts, play_data_option, &o,
			    &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first < argc)
		return cmd_usage_error(&cmd_play, "an expression or --data with --model, not both");
	if ((status = cmd_settings_config(&cmd_play, &o.set, &c)) != 0)
		return status;
	obj = cmd_objective(&cmd_play, &o.data, NULL, !isnan(o.set.batch), &data, &status);
	if (obj == NULL)
		goto done;
	start = cmd_start(&cmd_play, obj, &o.data, o.start, c.seed, &status);
	if (start == NULL)
		goto done;
	{
		/* settings that cannot run are said here, not on the screen */
		struct diag err;
		if (run_config_check(&c, objective_nexamples(obj), &err) < 0) {
			status = cmd_value_error(&cmd_play, "%s", err.message);
			goto done;
		}
		if (c.opt->needs_hessian && objective_dim(obj) > OPT_MAX_HESSIAN) {
			status = cmd_value_error(&cmd_play, "%s needs the Hessian, which descent "
						 "gives up to %d parameters, and this has %d: take "
						 "lbfgs instead", c.opt->name, OPT_MAX_HESSIAN,
						 objective_dim(obj));
			goto done;
		}
	}
	if (!ui_available()) {
		status = no_terminal();
		goto done;
	}
	memset(&a, 0, sizeof a);
	a.obj = obj;
	a.data = data;
	a.model = o.data.model;
	a.loss = o.data.loss;
	a.target = o.data.target;
	a.config = &c;
	a.start = start;
	a.ascii = o.ascii;
	status = ui_net(&a);
done:
	free(start);
	objective_free(obj);
	dataset_free(data);
	return status;
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
		{ "replay", required_argument, NULL, OPT_REPLAY },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct play_opts o;
	struct run_record rec;
	int first, status;

	for (first = 1; first < argc && strcmp(argv[first], "--") != 0; first++)
		if (strncmp(argv[first], "--data", 6) == 0 || strncmp(argv[first], "--model", 7) == 0)
			return play_data(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&rec, 0, sizeof rec);
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
	if (o.replay != NULL) {
		if (o.a.expr != NULL || o.a.optimizer != NULL || o.a.lr > 0 || o.a.has_start)
			return cmd_usage_error(&cmd_play, "--replay takes the function, the "
					       "optimizer, its settings and the start from the record");
		if ((status = load_record(o.replay, &rec)) != 0)
			return status;
		o.a.expr = rec.function;
		o.a.config = &rec.config;
		o.a.record = o.replay;
		o.a.has_start = 1;
		o.a.start[0] = rec.start[0];
		o.a.start[1] = rec.n > 1 ? rec.start[1] : 0;
	}
	if (!ui_available()) {
		run_record_free(&rec);
		return no_terminal();
	}
	status = ui_play(&o.a);
	run_record_free(&rec);
	return status;
}

const struct cmd cmd_play = {
	.name = "play",
	.usage = N_("[EXPR] [--optimizer NAME] [--lr X] [--start X[,Y]] [--x A:B]\n"
		    "                   [--y C:D] [--ascii]\n"
		    "   or: descent play --replay FILE [--x A:B] [--y C:D] [--ascii]\n"
		    "   or: descent play --data FILE --model MODEL [run's options] [--ascii]"),
	.summary = N_("descend a function live, full screen (the playground)"),
	.help = N_(
	"Draws EXPR (of x, or of x and y), or a classic function picked from a\n"
	"list or named (rosenbrock, himmelblau, \"six-hump camel\"...), and\n"
	"descends it step by step, live: the trajectory grows on the\n"
	"plot while a panel shows the step, the point, f, |grad|, the learning\n"
	"rate, the optimizer's state and the outcome.  Press ? there for the keys.\n\n"
	"  -o, --optimizer NAME  gd, momentum, nesterov, adagrad, rmsprop, adam, newton,\n"
	"                        bfgs, lbfgs, cg\n"
	"      --lr X            the learning rate\n"
	"  -s, --start X[,Y]     the start point\n"
	"      --x A:B, --y C:D  the view\n"
	"      --ascii           ASCII only, even in a UTF-8 locale\n"
	"      --replay FILE     the run recorded in FILE (descent run --record, or\n"
	"                        the key w here), with all its settings\n\n"
	"With --data and --model (and descent run's settings and data options), the\n"
	"network trainer: the model trained live, what it learned (or, on v, its\n"
	"landscape on a plane), its loss curve, and the Hessian's sharpness and\n"
	"index in the panel.\n"),
	.run = play_run,
};
