/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-plot-data.c - `descent plot --data ... --model ...`: a model's
 * landscape, which has as many dimensions as parameters, drawn on a line
 * or a plane through it (objective_slice), after a run of descent run's
 * settings:
 *   --line start       from the run's start (t = 0) to its end (t = 1);
 *   --line swap:L:J:K  from the end to its copy with hidden units J and K
 *                      of layer L swapped: the same loss at both ends, and
 *                      between them, often, a barrier;
 *   --line seed:S      from the end to the end of the same run from seed S;
 *   --slice random     the plane through the end along two random
 *                      directions normalized unit by unit (Li et al.);
 *   --slice hessian    along the Hessian's top two eigenvectors;
 *   --slice pca        along the trajectory's two principal components;
 * with the run's trajectory projected on the plane.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/plot.h"
#include "descent/util.h"

enum { OPT_LINE = CMD_OPT_OWN, OPT_SLICE, OPT_FIT, OPT_CURVE, OPT_DESCRIBE };

#define MAX_CURVES 4

struct plot_data_opts {
	struct cmd_settings set;
	struct cmd_data data;
	struct cmd_figure fig;
	struct plot_opts p;             /* fig.p once checked */
	const char *x, *y, *line, *slice;
	int fit;
	const char *curve[MAX_CURVES];
	int ncurves;
	int describe;                   /* sentences instead of the picture */
};

static int
data_option(int opt, const char *arg, void *p)
{
	struct plot_data_opts *o = p;
	int s = cmd_run_option(&o->set, &o->data, opt, arg);

	if (s >= 0)
		return s;
	if ((s = cmd_figure_option(&o->fig, opt, arg)) >= 0)
		return s;
	switch (opt) {
	case OPT_LINE: o->line = arg; return 0;
	case OPT_SLICE: o->slice = arg; return 0;
	case OPT_FIT: o->fit = 1; return 0;
	case OPT_DESCRIBE: o->describe = 1; return 0;
	case OPT_CURVE:
		if (o->ncurves == MAX_CURVES)
			return cmd_value_error(&cmd_plot, "at most %d --curve", MAX_CURVES);
		o->curve[o->ncurves++] = arg;
		return 0;
	}
	return EXIT_USAGE;
}

/* The end of the run of c from start on obj into end (n values); 0 or a status. */
static int
run_to_end(struct objective *obj, const struct run_config *c, const double *start,
	   double *end, struct run **keep)
{
	struct diag err;
	struct run *r = run_new(obj, c, start, &err);

	if (r == NULL)
		return cmd_value_error(&cmd_plot, "%s", err.message);
	run_all(r);
	memcpy(end, run_point(r), (size_t)objective_dim(obj) * sizeof *end);
	if (keep != NULL)
		*keep = r;
	else
		run_free(r);
	return 0;
}

/*
 * Renders fig, or with --describe says in sentences what it shows
 * (plot_fig_describe: the ranges, the critical points, the slope).
 */
static void
render(struct plot_fig *fig, const struct plot_data_opts *o)
{
	char *text;

	if (!o->describe) {
		plot_render_text(plot_fig_canvas(fig), stdout, o->p.color);
		return;
	}
	text = plot_fig_describe(fig, NULL, 0, 0);
	cmd_print_paragraphs(stdout, text, o->p.width, o->p.enc != PLOT_ENC_ASCII);
	free(text);
}

/*
 * The loss curves in sentences, for --describe: each run's f at its
 * start and its end, its lowest and where, and whether it ended above
 * its lowest; its test loss too.
 */
static void
describe_curves(const struct plot_data_opts *o, const struct plot_series *s, int ns)
{
	char *text = NULL, a[40], b[40], lo[40], line[600];
	size_t len = 0, i, low;
	int k;

	for (k = 0; k < ns; k++) {
		const double *v = s[k].v;
		size_t n = s[k].n;
		if (n == 0)
			continue;
		for (i = 1, low = 0; i < n; i++)
			if (v[i] < v[low])
				low = i;
		cmd_format_number(a, sizeof a, v[0], 4);
		cmd_format_number(b, sizeof b, v[n - 1], 4);
		cmd_format_number(lo, sizeof lo, v[low], 4);
		if (low + 1 < n && v[n - 1] > v[low])
			/* TRANSLATORS: a loss curve in words: "adam,lr=0.01: from 1.2 at
			 * step 0 to 0.3 at step 500, after its lowest, 0.25 at step 310." */
			snprintf(line, sizeof line, _("%s: from %s at step 0 to %s at step %zu, "
						      "after its lowest, %s at step %zu.\n"),
				 s[k].name, a, b, n - 1, lo, low);
		else
			/* TRANSLATORS: "adam,lr=0.01: from 1.2 at step 0 down to 0.3 at
			 * step 500, its lowest." */
			snprintf(line, sizeof line, _("%s: from %s at step 0 down to %s at step "
						      "%zu, its lowest.\n"), s[k].name, a, b, n - 1);
		text = xrealloc(text, len + strlen(line) + 1);
		memcpy(text + len, line, strlen(line) + 1);
		len += strlen(line);
	}
	if (text != NULL)
		cmd_print_paragraphs(stdout, text, o->p.width, o->p.enc != PLOT_ENC_ASCII);
	free(text);
}

static int
draw_line(struct plot_data_opts *o, struct objective *obj, const struct run_config *c,
	  const double *start, const double *end, const char *what)
{
	static const char *const names[] = { "t" };
	int n = objective_dim(obj), k, l, j, u, status = 0;
	double *other = xmalloc((size_t)n * sizeof *other), *origin, *dir;
	struct objective *line;
	struct plot_fig *fig;
	struct barrier b;
	struct diag err;
	char title[400], a[40], bb[40], cc[40];
	double t;
	unsigned long long seed;
	char extra;

	dir = xmalloc((size_t)n * sizeof *dir);
	origin = (double *)end;
	if (strcmp(o->line, "start") == 0) {
		origin = (double *)start;
		memcpy(other, end, (size_t)n * sizeof *other);
		/* TRANSLATORS: %s is "the mse of mlp:1-4-1 after 200 steps of adam" */
		snprintf(title, sizeof title, _("%s:\nfrom its start (t = 0) to its end (t = 1)"),
			 what);
	} else if (sscanf(o->line, "swap:%d:%d:%d%c", &l, &j, &u, &extra) == 3) {
		struct expr_mlp net;
		if (!expr_is_mlp(o->data.model) || expr_mlp_parse(o->data.model, &net, &err) != 0) {
			status = cmd_value_error(&cmd_plot, "--line swap goes with a network "
						 "(--model mlp:...)");
			goto done;
		}
		if (l < 1 || l >= net.nlayers || j < 1 || u < 1 || j > net.sizes[l] ||
		    u > net.sizes[l] || j == u) {
			status = cmd_value_error(&cmd_plot, "--line swap:L:J:K: two different units "
						 "J and K of a hidden layer L (1 to %d)",
						 net.nlayers - 1);
			goto done;
		}
		memcpy(other, end, (size_t)n * sizeof *other);
		expr_mlp_swap(&net, l, j, u, other);
		snprintf(title, sizeof title, _("%s:\nits end (t = 0) and the end with units %d "
						"and %d of layer %d swapped (t = 1)"), what, j, u, l);
	} else if (sscanf(o->line, "seed:%llu%c", &seed, &extra) == 1) {
		struct run_config c2 = *c;
		double *start2;
		c2.seed = seed;
		start2 = cmd_start(&cmd_plot, obj, &o->data, NULL, seed, &status);
		if (start2 == NULL)
			goto done;
		status = run_to_end(obj, &c2, start2, other, NULL);
		free(start2);
		if (status != 0)
			goto done;
		snprintf(title, sizeof title, _("%s:\nits end (t = 0) and the end of the run from "
						"seed %llu (t = 1)"), what, seed);
	} else {
		status = cmd_value_error(&cmd_plot, "--line takes start, swap:L:J:K or seed:S, "
					 "not '%s'", o->line);
		goto done;
	}
	for (k = 0; k < n; k++)
		dir[k] = other[k] - origin[k];
	line = objective_slice(obj, origin, dir, 1, names);
	if (o->x == NULL) {
		o->p.x0 = -0.5;
		o->p.x1 = 1.5;
	}
	/* TRANSLATORS: a plot's title */
	fig = plot_fig_new(line, &o->p, _("f along the line"), &err);
	if (fig == NULL) {
		objective_free(line);
		status = cmd_value_error(&cmd_plot, "%s", err.message);
		goto done;
	}
	t = 0;
	plot_fig_marker(fig, &t, 'A', "t = 0");
	t = 1;
	plot_fig_marker(fig, &t, 'B', "t = 1");
	printf("%s\n", title);
	render(fig, o);
	analysis_barrier(line, &b);
	cmd_format_number(a, sizeof a, b.f0, 6);
	cmd_format_number(bb, sizeof bb, b.f1, 6);
	printf("f(0) = %s, f(1) = %s\n", a, bb);
	cmd_format_number(a, sizeof a, b.f, 6);
	cmd_format_number(bb, sizeof bb, b.t, 3);
	cmd_format_number(cc, sizeof cc, b.height, 4);
	if (b.height > 0)
		printf(_("between them the highest f is %s, at t = %s: a barrier %s above\n"
			 "the higher end\n"), a, bb, cc);
	else
		fputs(_("between them no point is above the higher end: no barrier on this "
			"line\n"), stdout);
	plot_fig_free(fig);
	objective_free(line);
done:
	free(other);
	free(dir);
	return status;
}

static int
draw_slice(struct plot_data_opts *o, struct objective *obj, const struct run *r,
	   const double *end, const char *what)
{
	static const char *const names[] = { "a", "b" };
	int n = objective_dim(obj), status = 0;
	const struct trajectory *tr = run_trajectory(r);
	double *dirs = xmalloc(2 * (size_t)n * sizeof *dirs), *d1 = dirs, *d2 = dirs + n;
	double *xs = NULL;
	struct objective *plane;
	struct plot_fig *fig;
	struct diag err;
	char title[600], how[200], a[40], b[40];
	size_t i;

	if (strcmp(o->slice, "random") == 0) {
		struct expr_mlp net;
		int isnet = expr_is_mlp(o->data.model) &&
			    expr_mlp_parse(o->data.model, &net, &err) == 0;
		analysis_random_directions(isnet ? &net : NULL, end, n, 1, d1, d2);
		snprintf(how, sizeof how, "%s", _("two random directions (seed 1), each unit's "
						   "scaled to its weights' norm"));
	} else if (strcmp(o->slice, "hessian") == 0) {
		double l1, l2;
		if (analysis_hessian_directions(obj, end, d1, d2, &l1, &l2) != 0) {
			status = cmd_value_error(&cmd_plot, "--slice hessian needs the Hessian, "
						 "which descent gives up to %d parameters",
						 OPT_MAX_HESSIAN);
			goto done;
		}
		cmd_format_number(a, sizeof a, l1, 4);
		cmd_format_number(b, sizeof b, l2, 4);
		snprintf(how, sizeof how, _("the Hessian's eigenvectors of its largest "
					    "eigenvalues, %s (a) and %s (b)"), a, b);
	} else if (strcmp(o->slice, "pca") == 0) {
		double explained[2];
		if (analysis_pca_directions(tr->w, tr->len, n, end, d1, d2, explained) != 0) {
			status = cmd_value_error(&cmd_plot, "--slice pca: the run has too few steps "
						 "(or they lie on a line) for two components");
			goto done;
		}
		snprintf(how, sizeof how, _("the trajectory's two principal components, %.0f%% "
					    "and %.0f%% of its variance"), 100 * explained[0],
			 100 * explained[1]);
	} else {
		status = cmd_value_error(&cmd_plot, "--slice takes random, hessian or pca, not "
					 "'%s'", o->slice);
		goto done;
	}
	plane = objective_slice(obj, end, dirs, 2, names);
	o->p.coarse = 1;                /* a cell's corners, not its every dot: smooth */
	xs = xmalloc(2 * tr->len * sizeof *xs);
	for (i = 0; i < tr->len; i++)
		analysis_project(n, end, d1, d2, tr->w + i * (size_t)n, xs + 2 * i);
	if (o->x == NULL) {
		/* -1 to 1: a random direction is as long as the weights; the
		 * principal components' plane is where the run went */
		double ext = 1;
		if (strcmp(o->slice, "pca") == 0)
			for (i = 0, ext = 0; i < tr->len; i++)
				ext = fmax(ext, 1.2 * fabs(xs[2 * i]));
		o->p.x0 = -ext;
		o->p.x1 = ext;
	}
	if (o->y == NULL) {
		double ext = 1;
		if (strcmp(o->slice, "pca") == 0)
			for (i = 0, ext = 0.2 * o->p.x1; i < tr->len; i++)
				ext = fmax(ext, 1.2 * fabs(xs[2 * i + 1]));
		o->p.y0 = -ext;
		o->p.y1 = ext;
	}
	/* TRANSLATORS: the run, then how the plane was chosen */
	snprintf(title, sizeof title, _("%s, on the plane through its end along\n%s"), what,
		 how);
	/* TRANSLATORS: a plot's title */
	fig = plot_fig_new(plane, &o->p, _("f on the plane (a, b)"), &err);
	if (fig == NULL) {
		objective_free(plane);
		status = cmd_value_error(&cmd_plot, "%s", err.message);
		goto done;
	}
	/* TRANSLATORS: the legend of the run's trajectory */
	plot_fig_trajectory(fig, 0, xs, tr->len, _("the run, projected"));
	printf("%s\n", title);
	render(fig, o);
	plot_fig_free(fig);
	objective_free(plane);
done:
	free(dirs);
	free(xs);
	return status;
}

/*
 * --fit: what the model learned, at the end of the run.  One input: the
 * examples and the fitted curve.  Two: the model's value in contours
 * over the examples, and for a classifier (cross_entropy, hinge) its
 * decision boundary, the level 0 of its logit, with the regions shaded
 * and each class's examples in their own glyph.
 */
static int
draw_fit(struct plot_data_opts *o, struct objective *obj, const struct dataset *d,
	 const double *end, const char *what)
{
	struct diag err;
	struct objective *view = objective_model_view(obj, o->data.model, end, &err);
	struct plot_fig *fig;
	int t = dataset_column(d, o->data.target != NULL ? o->data.target : "y");
	int classifier = o->data.loss != NULL && strcmp(o->data.loss, "mse") != 0;
	const char *legend;
	char title[400];

	if (view == NULL)
		return cmd_value_error(&cmd_plot, "--fit: %s", err.message);
	if (objective_dim(view) == 1 && classifier)
		/* TRANSLATORS: the last %s is the model's input, "x" */
		snprintf(title, sizeof title, _("%s:\nthe examples and the model's logit against "
						"%s"), what, objective_param(view, 0));
	else if (objective_dim(view) == 1)
		snprintf(title, sizeof title, _("%s:\nthe examples and the model's curve against "
						"%s"), what, objective_param(view, 0));
	else if (classifier)
		snprintf(title, sizeof title, _("%s:\nthe examples of each class, and the regions "
						"where the logit is below and above 0"), what);
	else
		snprintf(title, sizeof title, _("%s:\nthe examples, and the model's value in "
						"contours"), what);
	if (objective_dim(view) == 2 && classifier)
		/* TRANSLATORS: the legend of the model's regions */
		legend = _("the model's classes");
	else
		/* TRANSLATORS: the legend of the model's curve or contours */
		legend = _("the model");
	fig = plot_fig_fit(view, d, t, classifier, &o->p, legend, &err);
	if (fig == NULL) {
		objective_free(view);
		return cmd_value_error(&cmd_plot, "%s", err.message);
	}
	printf("%s\n", title);
	if (o->describe) {
		char *text = plot_fit_describe(view, d, t, classifier);
		cmd_print_paragraphs(stdout, text, o->p.width, o->p.enc != PLOT_ENC_ASCII);
		free(text);
	} else {
		render(fig, o);
	}
	plot_fig_free(fig);
	objective_free(view);
	return 0;
}

/*
 * --curve SPEC...: the loss curves of runs of the model from the same
 * start, one per SPEC (an optimizer and its settings, batch= and seed=),
 * on one plot, logarithmic when they span decades; with --split, each
 * run's test loss beside its training f.
 */
static int
draw_curves(struct plot_data_opts *o, struct objective *obj, const struct run_config *base,
	    const double *start, struct cmd_parts *parts)
{
	struct plot_series s[2 * MAX_CURVES];
	struct run *runs[MAX_CURVES] = { NULL };
	double *test[MAX_CURVES] = { NULL };
	char label[MAX_CURVES][96], tlabel[MAX_CURVES][112];
	struct plot_canvas *cv;
	struct diag err;
	int i, ns = 0, status = 0;

	for (i = 0; i < o->ncurves; i++) {
		struct run_config c;
		const struct trajectory *t;
		if ((status = cmd_run_spec(&cmd_plot, "--curve", o->curve[i], 1, &c, label[i],
					   sizeof label[i])) != 0)
			goto done;
		c.max_steps = base->max_steps;
		c.tol = base->tol;
		if (strstr(o->curve[i], "seed=") == NULL)
			c.seed = base->seed;
		runs[i] = run_new(obj, &c, start, &err);
		if (runs[i] == NULL) {
			status = cmd_value_error(&cmd_plot, "--curve %s: %s", o->curve[i],
						 err.message);
			goto done;
		}
		run_all(runs[i]);
		t = run_trajectory(runs[i]);
		s[ns++] = (struct plot_series){ label[i], t->f, t->len, 0, 0 };
		plot_traj_style(i, &s[ns - 1].glyph, &s[ns - 1].color);
		test[i] = cmd_part_losses(parts->test, t);
	}
	for (i = 0; i < o->ncurves && parts->test != NULL; i++) {
		/* TRANSLATORS: the legend of a run's test loss: "adam,lr=0.01 test" */
		snprintf(tlabel[i], sizeof tlabel[i], _("%.90s test"), label[i]);
		s[ns++] = (struct plot_series){ tlabel[i], test[i], run_trajectory(runs[i])->len,
						0, 0 };
		plot_traj_style(i + o->ncurves, &s[ns - 1].glyph, &s[ns - 1].color);
	}
	if (parts->test != NULL)
		/* TRANSLATORS: "the mse of mlp:1-4-1 from one start, training f and test
		 * loss": the loss, the model */
		printf(_("the %s of %s from one start, training f and test loss\n"),
		       o->data.loss != NULL ? o->data.loss : "mse", o->data.model);
	else
		printf(_("the %s of %s from one start, training f\n"),
		       o->data.loss != NULL ? o->data.loss : "mse", o->data.model);
	if (o->describe) {
		describe_curves(o, s, ns);
	} else {
		cv = plot_series(&o->p, s, ns, -1, _("the losses against the step"));
		plot_render_text(cv, stdout, o->p.color);
		plot_canvas_free(cv);
	}
	for (i = 0; i < o->ncurves; i++) {
		const struct trajectory *t = run_trajectory(runs[i]);
		char f[40], ts[40];
		cmd_format_number(f, sizeof f, t->f[t->len - 1], 6);
		if (test[i] != NULL) {
			cmd_format_number(ts, sizeof ts, test[i][t->len - 1], 6);
			/* TRANSLATORS: "gd,lr=0.1: f 0.05 at step 300, test loss 0.1" */
			printf(_("%s: f %s at step %ld, test loss %s\n"), label[i], f,
			       (long)t->len - 1, ts);
		} else {
			printf(_("%s: f %s at step %ld\n"), label[i], f, (long)t->len - 1);
		}
	}
done:
	for (i = 0; i < MAX_CURVES; i++) {
		run_free(runs[i]);
		free(test[i]);
	}
	return status;
}

int
cmd_plot_data(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "steps", required_argument, NULL, 'n' },
		{ "tol", required_argument, NULL, CMD_OPT_TOL },
		{ "seed", required_argument, NULL, CMD_OPT_SEED },
		{ "batch", required_argument, NULL, CMD_OPT_BATCH },
		{ "noise", required_argument, NULL, CMD_OPT_NOISE },
		{ "line", required_argument, NULL, OPT_LINE },
		{ "slice", required_argument, NULL, OPT_SLICE },
		{ "fit", no_argument, NULL, OPT_FIT },
		{ "curve", required_argument, NULL, OPT_CURVE },
		{ "describe", no_argument, NULL, OPT_DESCRIBE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_DATA_OPTIONS + OPT_PARAM_COUNT + CMD_FIGURE_OPTIONS];
	struct plot_data_opts o;
	struct run_config c;
	struct objective *obj = NULL;
	struct dataset *data = NULL;
	struct run *r = NULL;
	struct cmd_parts parts = { 0 };
	double *start = NULL, *end = NULL;
	char what[300];
	int first, status;

	memset(&o, 0, sizeof o);
	cmd_settings_init(&o.set);
	cmd_figure_init(&o.fig);
	cmd_settings_longopts(longopts, fixed_longopts, 1);
	cmd_longopts_add(longopts, cmd_figure_longopts, CMD_FIGURE_OPTIONS);
	status = cmd_getopt(&cmd_plot, argc, argv, "o:n:hV", longopts, data_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first < argc)
		return cmd_usage_error(&cmd_plot, "an expression or --data with --model, not both");
	if ((o.line != NULL) + (o.slice != NULL) + o.fit + (o.ncurves > 0) != 1)
		return cmd_value_error(&cmd_plot, "what to draw of the model: --fit (what it "
				       "learned), --curve SPEC (loss curves), or its landscape on a "
				       "line or a plane: --line start|swap:L:J:K|seed:S or --slice "
				       "random|hessian|pca");
	if (o.data.split != NULL && o.ncurves == 0)
		return cmd_value_error(&cmd_plot, "--split goes with --curve: the test losses");
	if ((status = cmd_settings_config(&cmd_plot, &o.set, &c)) != 0)
		return status;
	if ((status = cmd_figure_finish(&cmd_plot, &o.fig)) != 0)
		return status;
	o.p = o.fig.p;
	o.x = o.fig.x;
	o.y = o.fig.y;
	if (o.line != NULL && (o.y != NULL || (o.p.overlays & PLOT_OV_SHADE) ||
			       !isnan(o.fig.contours) || o.fig.levels != NULL))
		return cmd_value_error(&cmd_plot, "--y, --contours, --levels and --shade are for "
				       "--slice, a plane");
	o.data.seed = c.seed;
	obj = cmd_objective_split(&cmd_plot, &o.data, NULL, !isnan(o.set.batch), &data,
				  o.ncurves > 0 ? &parts : NULL, &status);
	if (obj == NULL)
		goto done;
	start = cmd_start(&cmd_plot, obj, &o.data, NULL, c.seed, &status);
	if (start == NULL)
		goto done;
	if (o.ncurves > 0) {
		status = draw_curves(&o, obj, &c, start, &parts);
		goto done;
	}
	end = xmalloc((size_t)objective_dim(obj) * sizeof *end);
	if ((status = run_to_end(obj, &c, start, end, &r)) != 0)
		goto done;
	/* TRANSLATORS: "the mse of mlp:1-4-1 after 200 steps of adam": the loss,
	 * the model, the optimizer */
	snprintf(what, sizeof what, P_("the %s of %s after %ld step of %s",
				       "the %s of %s after %ld steps of %s", run_trajectory(r)->step),
		 o.data.loss != NULL ? o.data.loss : "mse", o.data.model,
		 run_trajectory(r)->step, c.opt->name);
	if (o.fit)
		status = draw_fit(&o, obj, data, end, what);
	else if (o.line != NULL)
		status = draw_line(&o, obj, &c, start, end, what);
	else
		status = draw_slice(&o, obj, r, end, what);
done:
	run_free(r);
	cmd_parts_free(&parts);
	free(start);
	free(end);
	objective_free(obj);
	dataset_free(data);
	return status;
}
