/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-plot.c - `descent plot`: a function of one or two variables drawn
 * to stdout, with its critical points, a tangent, and the runs of
 * optimizers over it.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/plot.h"

#define MAX_TRAJ 8

enum {
	OPT_MARK = CMD_OPT_OWN, OPT_TANGENT, OPT_TRAJECTORY, OPT_START, OPT_STEPS, OPT_BASINS,
	OPT_CONVEXITY, OPT_ARROW, OPT_BRAILLE_BLANK, OPT_SIGNS, OPT_DESCRIBE,
};

struct plot_cli {
	struct cmd_figure fig;
	struct plot_opts p;             /* fig.p once checked, then the function's own */
	const char *start;
	const char *traj[MAX_TRAJ];
	int ntraj;
	double tangent, steps;
	int describe;                   /* sentences instead of the picture */
};

static int
plot_option(int opt, const char *arg, void *data)
{
	struct plot_cli *o = data;
	int s = cmd_figure_option(&o->fig, opt, arg);

	if (s >= 0)
		return s;
	switch (opt) {
	case OPT_MARK:
		if (strcmp(arg, "critical") != 0)
			return cmd_value_error(&cmd_plot, "--mark takes 'critical', not '%s'", arg);
		o->fig.p.overlays |= PLOT_OV_CRITICAL;
		return 0;
	case OPT_TANGENT:
		o->fig.p.overlays |= PLOT_OV_TANGENT;
		return cmd_constant("--tangent", arg, &o->tangent);
	case OPT_TRAJECTORY:
		if (o->ntraj == MAX_TRAJ)
			return cmd_value_error(&cmd_plot, "at most %d trajectories", MAX_TRAJ);
		o->traj[o->ntraj++] = arg;
		return 0;
	case OPT_START: o->start = arg; return 0;
	case OPT_BASINS: o->fig.p.overlays |= PLOT_OV_BASINS; return 0;
	case OPT_CONVEXITY: o->fig.p.overlays |= PLOT_OV_CONVEXITY; return 0;
	case OPT_ARROW: o->fig.p.arrow = 1; return 0;
	case OPT_BRAILLE_BLANK: o->fig.p.braille_blank = 1; return 0;
	case OPT_SIGNS: o->fig.p.step_signs = 1; return 0;
	case OPT_DESCRIBE: o->describe = 1; return 0;
	case OPT_STEPS: return cmd_constant("--steps", arg, &o->steps);
	}
	return EXIT_USAGE;
}

static int
plot_run(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "mark", required_argument, NULL, OPT_MARK },
		{ "tangent", required_argument, NULL, OPT_TANGENT },
		{ "trajectory", required_argument, NULL, OPT_TRAJECTORY },
		{ "start", required_argument, NULL, OPT_START },
		{ "steps", required_argument, NULL, OPT_STEPS },
		{ "basins", no_argument, NULL, OPT_BASINS },
		{ "convexity", no_argument, NULL, OPT_CONVEXITY },
		{ "arrow", no_argument, NULL, OPT_ARROW },
		{ "braille-blank", no_argument, NULL, OPT_BRAILLE_BLANK },
		{ "step-signs", no_argument, NULL, OPT_SIGNS },
		{ "describe", no_argument, NULL, OPT_DESCRIBE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_FIGURE_OPTIONS];
	struct plot_cli o;
	struct diag err;
	struct objective *obj = NULL;
	struct plot_fig *fig = NULL;
	struct run *runs[MAX_TRAJ] = { NULL };
	char labels[MAX_TRAJ][128];
	double start[2] = { 0, 0 };
	struct run_config basin_cfg;
	char title[600], basin_label[128];
	int first, status, n, i, nstart = 0;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strncmp(argv[i], "--data", 6) == 0 || strncmp(argv[i], "--model", 7) == 0)
			return cmd_plot_data(argc, argv);
	memset(&o, 0, sizeof o);
	cmd_figure_init(&o.fig);
	o.steps = NAN;
	memcpy(longopts, fixed_longopts, sizeof fixed_longopts);
	cmd_longopts_add(longopts, cmd_figure_longopts, CMD_FIGURE_OPTIONS);
	status = cmd_getopt(&cmd_plot, argc, argv, "hV", longopts, plot_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first >= argc)
		return cmd_usage_error(&cmd_plot, "missing the expression");
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_plot, "one expression only (quote it)");
	if ((status = cmd_figure_finish(&cmd_plot, &o.fig)) != 0)
		return status;
	o.p = o.fig.p;
	if (!isnan(o.steps) && (o.steps != floor(o.steps) || o.steps < 0 || o.steps > 1e6))
		return cmd_value_error(&cmd_plot, "--steps must be a whole number from 0 to "
				       "1000000, not %g", o.steps);
	o.p.tangent_x = o.tangent;

	obj = objective_expr(argv[first], NULL, 0, &err);
	if (obj == NULL) {
		diag_print_source(stderr, "descent", argv[first], &err);
		return EXIT_USER;
	}
	n = objective_dim(obj);
	status = EXIT_USAGE;
	if (n < 1 || n > 2) {
		cmd_value_error(&cmd_plot, "a plot shows a function of 1 or 2 variables; this "
				"one has %d", n);
		goto done;
	}
	if (n == 2 && (o.p.overlays & PLOT_OV_TANGENT)) {
		cmd_value_error(&cmd_plot, "--tangent is for functions of one variable");
		goto done;
	}
	if (n == 1 && ((o.p.overlays & PLOT_OV_SHADE) || !isnan(o.fig.contours) ||
		       o.fig.levels != NULL)) {
		cmd_value_error(&cmd_plot, "--contours, --levels and --shade are for functions "
				"of two variables");
		goto done;
	}
	if ((plot_overlays(o.p.overlays, n, o.p.color) & PLOT_OV_FILL) !=
	    (o.p.overlays & PLOT_OV_FILL)) {
		/* the policy would drop one: say so rather than choose */
		cmd_value_error(&cmd_plot, "--basins, --convexity and --shade all shade the "
				"plot: one at a time");
		goto done;
	}
	if (o.p.overlays & PLOT_OV_BASINS) {
		/* the basins of the first trajectory's optimizer, or of gd */
		if (o.ntraj > 0) {
			if ((status = cmd_run_spec(&cmd_plot, "--trajectory", o.traj[0], 0,
						 &basin_cfg, basin_label, sizeof basin_label)) != 0)
				goto done;
		} else {
			run_config_init(&basin_cfg, &opt_gd);
			snprintf(basin_label, sizeof basin_label, "%s,lr=%g", basin_cfg.opt->name,
				 basin_cfg.params.lr);
		}
		if (!isnan(o.steps))
			basin_cfg.max_steps = (long)o.steps;
		o.p.basin_run = &basin_cfg;
		o.p.basin_label = basin_label;
		status = EXIT_USAGE;
	}
	if (o.p.arrow && o.ntraj == 0) {
		cmd_value_error(&cmd_plot, "--arrow goes with --trajectory");
		goto done;
	}
	if (o.ntraj > 0 || o.start != NULL) {
		if (o.start == NULL) {
			cmd_value_error(&cmd_plot, "--trajectory needs --start");
			goto done;
		}
		if (o.ntraj == 0) {
			cmd_value_error(&cmd_plot, "--start goes with --trajectory");
			goto done;
		}
		if (cmd_vector("--start", o.start, start, 2, &nstart) != 0)
			goto done;
		if (nstart != n) {
			char coords[64], vars[64];
			snprintf(coords, sizeof coords, P_("%d coordinate", "%d coordinates",
							   nstart), nstart);
			snprintf(vars, sizeof vars, P_("%d variable", "%d variables", n), n);
			/* TRANSLATORS: "--start has 2 coordinates, but the expression has
			 * 1 variable" */
			cmd_value_error(&cmd_plot, "--start has %s, but the expression has %s",
					coords, vars);
			goto done;
		}
	}
	{
		const char *names = n == 1 ? expr_var_name(objective_expression(obj), 0) : NULL;
		if (n == 1)
			snprintf(title, sizeof title, "f(%s) = %s", names, argv[first]);
		else
			snprintf(title, sizeof title, "f(%s, %s) = %s",
				 expr_var_name(objective_expression(obj), 0),
				 expr_var_name(objective_expression(obj), 1), argv[first]);
	}
	fig = plot_fig_new(obj, &o.p, title, &err);
	if (fig == NULL) {
		cmd_value_error(&cmd_plot, "%s", err.message);
		goto done;
	}
	for (i = 0; i < o.ntraj; i++) {
		struct run_config c;
		struct run *r;
		if ((status = cmd_run_spec(&cmd_plot, "--trajectory", o.traj[i], 0, &c, labels[i],
						 sizeof labels[i])) != 0)
			goto done;
		if (!isnan(o.steps))
			c.max_steps = (long)o.steps;
		r = runs[i] = run_new(obj, &c, start, &err);
		if (r == NULL) {
			status = cmd_value_error(&cmd_plot, "%s", err.message);
			goto done;
		}
		run_all(r);
		plot_fig_trajectory(fig, i, run_trajectory(r)->w, run_trajectory(r)->len, labels[i]);
	}
	if (o.describe) {
		struct plot_run_desc desc[MAX_TRAJ];
		char *text;
		for (i = 0; i < o.ntraj; i++) {
			desc[i].traj = run_trajectory(runs[i]);
			desc[i].label = labels[i];
		}
		text = plot_fig_describe(fig, desc, o.ntraj, 0);
		cmd_print_paragraphs(stdout, text, o.p.width, o.p.enc != PLOT_ENC_ASCII);
		free(text);
	} else {
		plot_render_text(plot_fig_canvas(fig), stdout, o.p.color);
	}
	status = 0;
done:
	for (i = 0; i < MAX_TRAJ; i++)
		run_free(runs[i]);
	plot_fig_free(fig);
	objective_free(obj);
	return status;
}

const struct cmd cmd_plot = {
	.name = "plot",
	/* TRANSLATORS: "or:" lines up under "usage:" */
	.usage = N_("EXPR [--x A:B] [--y C:D] [--size WxH]\n"
		    "       [--ascii|--unicode|--blocks] [--color[=auto|always|never]]\n"
		    "       [--contours N] [--levels auto|linear|log]\n"
		    "       [--shade] [--mark critical] [--tangent X]\n"
		    "       [--trajectory OPTIMIZER[,lr=..,beta=..]]... [--start X[,Y]] [--steps N]\n"
		    "       [--basins | --convexity] [--arrow] [--step-signs] [--braille-blank]\n"
		    "       [--describe]\n"
		    "   or: descent plot --data FILE --model MODEL [-o OPT -n N ...]\n"
		    "       --fit | --curve SPEC... | --line start|swap:L:J:K|seed:S\n"
		    "       | --slice random|hessian|pca [--describe]"),
	.summary = N_("draw a function (and descents on it) to stdout"),
	/* TRANSLATORS: lines of at most 80 columns */
	.help = N_(
	"Draws EXPR, a function of one variable (a curve) or two (contours), to\n"
	"standard output, at the terminal's size or 80x24.\n\n"
	"  --x A:B, --y C:D   the ranges (-5:5; in 2D one is widened so units are square)\n"
	"  --size WxH         the size in characters\n"
	"  --ascii, --unicode, --blocks\n"
	"                     the glyphs: ASCII, braille dots (the default in a UTF-8\n"
	"                     locale) or half blocks\n"
	"  --color[=WHEN]     auto (on a terminal, unless NO_COLOR is set), always, never\n"
	"  --contours N       2D: the number of contour levels (5 or 6 at 80x24)\n"
	"  --levels KIND      2D: auto, linear, or log (above the minimum, for valleys)\n"
	"  --shade            2D: shade the bands between levels\n"
	"  --mark critical    mark the critical points: o minimum, x saddle, ^ maximum\n"
	"  --tangent X        1D: the tangent line at X\n"
	"  --trajectory SPEC  a descent drawn over the function, e.g. gd,lr=0.01 or\n"
	"                     momentum,lr=0.01,beta=0.9; repeat for a race\n"
	"  --start X[,Y]      where the trajectories start\n"
	"  --steps N          their step limit (1000)\n"
	"  --basins           shade the basin of each minimum: where the first\n"
	"                     trajectory's optimizer (or gd) goes from each cell\n"
	"  --convexity        shade where the function is not convex\n"
	"  --arrow            the descent direction -grad at each run's last point\n"
	"  --step-signs       each step of a run marked by its sign: + (green) where f\n"
	"                     fell, x (red) where it rose\n"
	"  --braille-blank    blank braille cells as U+2800, not spaces\n"
	"  --describe         instead of the picture, what it shows in sentences: the\n"
	"                     ranges, the critical points, the slope, the convexity\n"
	"                     shaded, and what each run did (for a screen reader)\n\n"
	"With --data and --model (and descent run's settings), a run of the model,\n"
	"then what it learned, or its landscape on a line or a plane through its\n"
	"parameters:\n"
	"  --fit               the examples and the fitted curve (one input), or the\n"
	"                      classes' regions (two inputs, cross_entropy or hinge)\n"
	"  --curve SPEC        the loss curve of a run of SPEC (adam,lr=0.01 or\n"
	"                      gd,lr=0.1,batch=8,seed=2); up to 4, on one plot; with\n"
	"                      --split V,T their test losses too\n"
	"  --line start        from the run's start (t = 0) to its end (t = 1)\n"
	"  --line swap:L:J:K   from its end to the same network with hidden units J\n"
	"                      and K of layer L swapped: the same loss, and a barrier\n"
	"  --line seed:S       from its end to the end of the run from seed S\n"
	"  --slice random      the plane through its end along two random directions,\n"
	"                      each unit's scaled to its weights (Li et al., 2018)\n"
	"  --slice hessian     ... along the Hessian's top two eigenvectors\n"
	"  --slice pca         ... along the run's two principal components\n"
	"  --describe          instead of the picture, what it shows in sentences: the\n"
	"                      examples and how well the model fits them; the landscape\n"
	"                      (without the projected run); each curve's ends and low\n\n"
	"Example:\n"
	"  descent plot '(x^2+y-11)^2+(x+y^2-7)^2' --trajectory gd,lr=0.01 --start 0,0\n"
	"  descent plot --data sine --model mlp:1-4-1 -o adam -n 500 --line swap:1:1:2\n"),
	.run = plot_run,
};
