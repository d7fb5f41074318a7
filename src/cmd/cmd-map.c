/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-map.c - `descent map`: a hyperparameter map.  For every cell of a
 * grid of settings (a learning rate, and perhaps momentum's beta), the
 * run of those settings from one start, all run together as lanes
 * (analysis_map); drawn as a heat map or, for one setting, a curve of the
 * steps against it, with what the theory says for a quadratic bowl
 * marked on it; or written as CSV.
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
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/plot.h"

enum {
	OPT_OVER = CMD_OPT_OWN, OPT_CELLS, OPT_LOG, OPT_FORMAT, OPT_SIZE, OPT_ASCII,
	OPT_UNICODE, OPT_COLOR, OPT_SEEDS, OPT_GOAL,
};

struct map_cli {
	struct cmd_settings set;
	struct cmd_data data;
	double seeds, goal;
	struct plot_opts p;
	const char *start, *over, *cells, *size, *color;
	int log, csv;
};

static int
map_option(int opt, const char *arg, void *data)
{
	struct map_cli *o = data;
	int s = cmd_run_option(&o->set, &o->data, opt, arg);

	if (s >= 0)
		return s;
	switch (opt) {
	case 's': o->start = arg; return 0;
	case OPT_OVER: o->over = arg; return 0;
	case OPT_CELLS: o->cells = arg; return 0;
	case OPT_LOG: o->log = 1; return 0;
	case OPT_SIZE: o->size = arg; return 0;
	case OPT_ASCII: o->p.enc = PLOT_ENC_ASCII; return 0;
	case OPT_UNICODE: o->p.enc = PLOT_ENC_BRAILLE; return 0;
	case OPT_COLOR: o->color = arg ? arg : "always"; return 0;
	case OPT_SEEDS: return cmd_constant("--seeds", arg, &o->seeds);
	case OPT_GOAL: return cmd_constant("--goal", arg, &o->goal);
	case OPT_FORMAT:
		if (strcmp(arg, "plot") == 0)
			o->csv = 0;
		else if (strcmp(arg, "csv") == 0)
			o->csv = 1;
		else
			return cmd_value_error(&cmd_map, "unknown format '%s': use plot or csv",
					       arg);
		return 0;
	}
	return EXIT_USAGE;
}

/*
 * --over "lr=A:B[,beta=C:D]" into the axes; *ny = 0 without a second.
 * Log spacing for learning rates (and eps) with --log.
 */
static int
parse_over(const struct optimizer *opt, const char *spec, int log, struct map_axis *x,
	   struct map_axis *y, int *naxes, long *batch)
{
	char buf[256], *item, *save = NULL;
	struct map_axis *a;

	*naxes = 0;
	batch[0] = batch[1] = 0;
	if (snprintf(buf, sizeof buf, "%s", spec) >= (int)sizeof buf)
		return cmd_value_error(&cmd_map, "--over is too long");
	for (item = strtok_r(buf, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '='), what[64];
		int k, s;

		if (*naxes == 2)
			return cmd_value_error(&cmd_map, "--over takes two settings at most, "
					       "as in lr=0.001:0.1,beta=0:0.99");
		if (eq == NULL)
			return cmd_value_error(&cmd_map, "--over: '%s': write NAME=FROM:TO, as "
					       "in lr=0.001:0.1", item);
		*eq = '\0';
		if (strcmp(item, "batch") == 0) {
			/* a data map's rows: whole batch sizes, after the rate */
			double b[2];
			if (*naxes != 1 || x->param != OPT_PARAM_LR)
				return cmd_value_error(&cmd_map, "--over: the batch size goes down "
						       "a map of the rate: lr=A:B,batch=C:D");
			if ((s = cmd_range(&cmd_map, "--over batch", eq + 1, &b[0], &b[1])) != 0)
				return s;
			if (b[0] != floor(b[0]) || b[1] != floor(b[1]) || b[0] < 1 || b[1] > 1e9)
				return cmd_value_error(&cmd_map, "--over batch: whole sizes from 1, "
						       "not %g:%g", b[0], b[1]);
			batch[0] = (long)b[0];
			batch[1] = (long)b[1];
			++*naxes;
			continue;
		}
		k = opt_param_find(item);
		if (k < 0 || !opt_uses(opt, item))
			return cmd_value_error(&cmd_map, "--over: %s has no parameter %s (it "
					       "uses %s)", opt->name, item, opt->params);
		a = *naxes == 0 ? x : y;
		a->param = k;
		a->log = log && (k == OPT_PARAM_LR || k == OPT_PARAM_EPS);
		snprintf(what, sizeof what, "--over %s", item);
		if ((s = cmd_range(&cmd_map, what, eq + 1, &a->lo, &a->hi)) != 0)
			return s;
		++*naxes;
	}
	if (*naxes == 0)
		return cmd_value_error(&cmd_map, "--over needs a setting, as in lr=0.001:0.1");
	if (*naxes == 2 && batch[0] == 0 && x->param == y->param)
		return cmd_value_error(&cmd_map, "--over gives %s twice",
				       opt_params_table[x->param].name);
	return 0;
}

/* --cells "N" or "NxM" over the defaults in x->n and y->n. */
static int
parse_cells(const char *text, struct map_axis *x, struct map_axis *y, int naxes)
{
	char *end;
	long nx, ny = y->n;

	nx = strtol(text, &end, 10);
	if (end != text && (*end == 'x' || *end == 'X') && naxes == 2) {
		const char *rest = end + 1;
		ny = strtol(rest, &end, 10);
		if (end == rest)
			ny = -1;
	}
	if (end == text || *end != '\0' || nx < 2 || nx > MAP_MAX_CELLS ||
	    (naxes == 2 && (ny < 2 || ny > MAP_MAX_CELLS)))
		return cmd_value_error(&cmd_map, naxes == 2 ?
				       N_("--cells '%s': give N or NxM cells (across by down), "
					  "each from 2 to %d") :
				       N_("--cells '%s': a map of one setting takes N cells, "
					  "from 2 to %d"), text, MAP_MAX_CELLS);
	x->n = (int)nx;
	y->n = (int)ny;
	return 0;
}

static const char *
param_name(const struct map_axis *a)
{
	return opt_params_table[a->param].name;
}

/* What the theory says of a quadratic bowl, marked on the map and printed. */
struct theory {
	int have;
	struct quadratic q;
	struct plot_map_mark marks[2];
	int nmarks;
	double *line;           /* the edge of divergence, row by row */
};

/* Momentum's edge: the largest lr that converges for beta (heavy ball). */
static double
hb_edge_lr(const struct quadratic *q, double beta)
{
	return 2 * (1 + beta) / q->lmax;
}

static void
theory_marks(struct theory *t, const struct run_config *c, const struct map_axis *x,
	     const struct map_axis *y, int naxes)
{
	const char *name = c->opt->name;
	int j;

	t->nmarks = 0;
	t->line = NULL;
	if (!t->have)
		return;
	if (strcmp(name, "gd") == 0 && naxes == 1) {
		/* TRANSLATORS: the keys of the marks under a map, short */
		t->marks[0] = (struct plot_map_mark){ t->q.gd_best, 0, 'B', _("theory's best") };
		t->marks[1] = (struct plot_map_mark){ t->q.gd_limit, 0, 'E', _("theory's edge") };
		t->nmarks = 2;
	} else if (strcmp(name, "momentum") == 0 && naxes == 1 && x->param == OPT_PARAM_LR) {
		t->marks[0] = (struct plot_map_mark){ hb_edge_lr(&t->q, c->params.beta), 0, 'E',
						      _("theory's edge") };
		t->nmarks = 1;
	} else if (strcmp(name, "momentum") == 0 && naxes == 2) {
		int lr_x = x->param == OPT_PARAM_LR;
		t->marks[0] = (struct plot_map_mark){ lr_x ? t->q.hb_lr : t->q.hb_beta,
						      lr_x ? t->q.hb_beta : t->q.hb_lr, 'O',
						      _("theory's best") };
		t->nmarks = 1;
		t->line = malloc((size_t)y->n * sizeof *t->line);
		for (j = 0; t->line != NULL && j < y->n; j++) {
			double v = map_axis_value(y, j);
			/* lr = 2(1 + beta)/lmax, or beta = lr*lmax/2 - 1 */
			t->line[j] = lr_x ? hb_edge_lr(&t->q, v) : v * t->q.lmax / 2 - 1;
			if (!lr_x && !(t->line[j] >= 0 && t->line[j] < 1))
				t->line[j] = NAN;
		}
	}
}

/* The setting of cell i of axis a, as the summary writes it. */
static void
setting_text(char *buf, size_t size, const struct map_axis *a, int i)
{
	char v[40];

	cmd_format_number(v, sizeof v, map_axis_value(a, i), 4);
	snprintf(buf, size, "%s = %s", param_name(a), v);
}

/* The lines under the map: what it found, then what the theory says. */
static void
print_summary(const struct run_config *c, const struct map_axis *x, const struct map_axis *y,
	      int naxes, const struct map_result *res, const struct theory *t)
{
	size_t cells = (size_t)res->nx * (size_t)res->ny, i, div = 0, slow = 0;
	int ix = 0, iy = 0;
	long best = map_fastest(res, &ix, &iy);
	char a[64], b[64], l1[40], l2[40], l3[40], n1[64], n2[64], n3[64], from_on[96] = "";
	char undone[160];

	for (i = 0; i < cells; i++) {
		div += res->outcome[i] == RUN_DIVERGED;
		slow += res->outcome[i] == RUN_MAX_STEPS;
	}
	snprintf(n3, sizeof n3, P_("%ld step", "%ld steps", c->max_steps), c->max_steps);
	if (best >= 0) {
		setting_text(a, sizeof a, x, ix);
		snprintf(n1, sizeof n1, P_("%ld step", "%ld steps", best), best);
		if (naxes == 2) {
			setting_text(b, sizeof b, y, iy);
			/* TRANSLATORS: "fastest: 12 steps, at lr = 0.1, beta = 0.5" */
			printf(_("fastest: %s, at %s, %s\n"), n1, a, b);
		} else {
			/* TRANSLATORS: "fastest: 12 steps, at lr = 0.1" */
			printf(_("fastest: %s, at %s\n"), n1, a);
		}
	} else {
		/* TRANSLATORS: %s is a number of steps: "1000 steps" */
		printf(_("fastest: none converged in %s\n"), n3);
	}
	if (naxes == 1 && div > 0) {
		/* the first cell from which every larger setting diverged */
		int from = res->nx;
		while (from > 0 && res->outcome[from - 1] == RUN_DIVERGED)
			from--;
		if (from < res->nx) {
			setting_text(a, sizeof a, x, from);
			/* TRANSLATORS: after "10 diverged": " (from lr = 0.1 on)" */
			snprintf(from_on, sizeof from_on, _(" (from %s on)"), a);
		}
	}
	snprintf(n1, sizeof n1, P_("of %zu cell", "of %zu cells", cells), cells);
	snprintf(n2, sizeof n2, P_("%zu diverged", "%zu diverged", div), div);
	/* TRANSLATORS: "27 not done in 1000 steps" (%s: the steps) */
	snprintf(undone, sizeof undone, P_("%zu not done in %s", "%zu not done in %s", slow), slow,
		 n3);
	/* TRANSLATORS: "of 72 cells: 10 diverged (from lr = 0.1 on), 27 not done in
	 * 1000 steps", of the pieces above */
	printf(_("%s: %s%s, %s\n"), n1, n2, from_on, undone);
	if (!t->have)
		return;
	cmd_format_number(l1, sizeof l1, t->q.lmin, 4);
	cmd_format_number(l2, sizeof l2, t->q.lmax, 4);
	cmd_format_number(l3, sizeof l3, t->q.condition, 4);
	/* TRANSLATORS: this line and the next at most 80 columns */
	printf(_("theory: a quadratic bowl, lmin = %s, lmax = %s, k = lmax/lmin = %s:\n"), l1,
	       l2, l3);
	if (strcmp(c->opt->name, "gd") == 0) {
		cmd_format_number(l1, sizeof l1, t->q.gd_best, 4);
		cmd_format_number(l2, sizeof l2, t->q.gd_limit, 4);
		printf(_("  fastest at lr = 2/(lmin + lmax) = %s, diverges from lr = 2/lmax = %s\n"),
		       l1, l2);
		if (c->line_search)
			printf(_("  (without a line search: the search halves the steps that would "
				 "not decrease f)\n"));
	} else if (naxes == 2) {
		cmd_format_number(l1, sizeof l1, t->q.hb_lr, 4);
		cmd_format_number(l2, sizeof l2, t->q.hb_beta, 4);
		printf(_("  fastest at lr = %s, beta = %s; diverges from lr = 2(1 + beta)/lmax\n"),
		       l1, l2);
	} else {
		cmd_format_number(l1, sizeof l1, c->params.beta, 4);
		cmd_format_number(l2, sizeof l2, hb_edge_lr(&t->q, c->params.beta), 4);
		printf(_("  with beta = %s, diverges from lr = 2(1 + beta)/lmax = %s\n"), l1, l2);
	}
}

static void
print_csv(const struct map_axis *x, const struct map_axis *y, int naxes,
	  const struct map_result *res)
{
	int i, j;
	char v[40];

	printf("%s%s%s,outcome,steps\n", param_name(x), naxes == 2 ? "," : "",
	       naxes == 2 ? param_name(y) : "");
	for (j = 0; j < res->ny; j++)
		for (i = 0; i < res->nx; i++) {
			size_t cell = (size_t)j * (size_t)res->nx + (size_t)i;
			enum run_outcome o = res->outcome[cell];
			cmd_format_exact(v, sizeof v, map_axis_value(x, i));
			printf("%s", v);
			if (naxes == 2) {
				cmd_format_exact(v, sizeof v, map_axis_value(y, j));
				printf(",%s", v);
			}
			printf(",%s,%ld\n", o == RUN_CONVERGED ? "converged" :
			       o == RUN_DIVERGED ? "diverged" : "max_steps", res->steps[cell]);
		}
}

static void
draw(const struct map_cli *o, const struct run_config *c, const char *expr,
     const double *start, int n, const struct map_axis *x, const struct map_axis *y,
     int naxes, const struct map_result *res, const struct theory *t)
{
	struct plot_map m;
	long *steps = plot_map_steps(res);
	struct plot_canvas *canvas;
	struct plot_map_mark marks[3];
	char title[512], pt[128], fixed[128] = "";
	size_t len = 0;
	int k, ix = 0, iy = 0, nmarks = 0;

	/* the settings that stay fixed, in the title */
	for (k = 0; k < OPT_PARAM_COUNT && len < sizeof fixed - 40; k++) {
		char v[40];
		if (!opt_uses(c->opt, opt_params_table[k].name) || k == x->param ||
		    (naxes == 2 && k == y->param))
			continue;
		cmd_format_number(v, sizeof v, opt_param_get(&c->params, k), 4);
		len += (size_t)snprintf(fixed + len, sizeof fixed - len, "%s%s = %s",
					len ? ", " : " (", opt_params_table[k].name, v);
	}
	if (len > 0)
		snprintf(fixed + len, sizeof fixed - len, ")");
	analysis_point_text(pt, sizeof pt, start, n);
	/* TRANSLATORS: "momentum (beta = 0.5) on x^2 from 1" */
	snprintf(title, sizeof title, _("%s%s on %s from %s"), c->opt->name, fixed, expr, pt);
	memset(&m, 0, sizeof m);
	m.x = (struct plot_map_axis){ param_name(x), x->lo, x->hi, x->n, x->log };
	if (naxes == 2)
		m.y = (struct plot_map_axis){ param_name(y), y->lo, y->hi, y->n, y->log };
	m.steps = steps;
	m.limit = c->max_steps;
	/* on a heat map, the fastest cell found, then the theory's marks over it */
	if (naxes == 2 && map_fastest(res, &ix, &iy) >= 0)
		marks[nmarks++] = (struct plot_map_mark){ map_axis_value(x, ix),
							  map_axis_value(y, iy), 'F',
							  _("fastest") };
	for (k = 0; k < t->nmarks; k++)
		marks[nmarks++] = t->marks[k];
	m.marks = marks;
	m.nmarks = nmarks;
	m.line_x = t->line;
	m.line_glyph = '|';
	m.line_label = _("theory's edge");
	canvas = plot_map(&o->p, &m, title);
	plot_render_text(canvas, stdout, o->p.color);
	plot_canvas_free(canvas);
	free(steps);
}

static int
map_run(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, 's' },
		{ "steps", required_argument, NULL, 'n' },
		{ "tol", required_argument, NULL, CMD_OPT_TOL },
		{ "bound", required_argument, NULL, CMD_OPT_BOUND },
		{ "schedule", required_argument, NULL, CMD_OPT_SCHEDULE },
		{ "line-search", no_argument, NULL, CMD_OPT_LINE_SEARCH },
		{ "over", required_argument, NULL, OPT_OVER },
		{ "cells", required_argument, NULL, OPT_CELLS },
		{ "log", no_argument, NULL, OPT_LOG },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "unicode", no_argument, NULL, OPT_UNICODE },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "colour", optional_argument, NULL, OPT_COLOR },
		{ "noise", required_argument, NULL, CMD_OPT_NOISE },
		{ "seed", required_argument, NULL, CMD_OPT_SEED },
		{ "seeds", required_argument, NULL, OPT_SEEDS },
		{ "goal", required_argument, NULL, OPT_GOAL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_DATA_OPTIONS + OPT_PARAM_COUNT];
	struct map_cli o;
	struct run_config c;
	struct objective *obj = NULL;
	struct map_axis x = { 0 }, y = { 0 };
	struct dataset *data = NULL;
	long batch[2];
	struct map_result res = { 0 };
	struct theory t = { 0 };
	struct diag err;
	double start[EXPR_MAX_VARS] = { 0 }, *dstart = NULL;
	int first, status, n, nstart = 0, naxes = 0, w, h, nsum;
	enum plot_enc enc;

	memset(&o, 0, sizeof o);
	cmd_settings_init(&o.set);
	o.seeds = o.goal = NAN;
	plot_opts_init(&o.p);
	o.p.enc = (enum plot_enc)-1;
	cmd_settings_longopts(longopts, fixed_longopts, 1);
	status = cmd_getopt(&cmd_map, argc, argv, "o:s:n:hV", longopts, map_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first >= argc && o.data.file == NULL && o.data.inline_csv == NULL)
		return cmd_usage_error(&cmd_map, "missing the expression (or --data with --model)");
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_map, "one expression only (quote it: "
				       "descent map 'x^2 + 10*y^2' ...)");
	if ((status = cmd_settings_config(&cmd_map, &o.set, &c)) != 0)
		return status;
	if (o.over == NULL)
		return cmd_usage_error(&cmd_map, "--over is missing: which settings should "
				       "the map cover? e.g. --over lr=0.001:0.2");
	if ((status = parse_over(c.opt, o.over, o.log, &x, &y, &naxes, batch)) != 0)
		return status;
	if (o.size != NULL) {
		char extra;
		if (sscanf(o.size, "%dx%d%c", &o.p.width, &o.p.height, &extra) != 2 ||
		    o.p.width < 40 || o.p.height < 16 || o.p.width > 1000 || o.p.height > 500)
			return cmd_value_error(&cmd_map, "--size takes WIDTHxHEIGHT from 40x16 to "
					       "1000x500, as in 80x24, not '%s'", o.size);
	}
	enc = o.p.enc;
	if (cmd_plot_defaults(&o.p, o.color, o.size != NULL) < 0)
		return cmd_value_error(&cmd_map, "--color takes auto, always or never, not '%s'",
				       o.color);
	if ((int)enc >= 0)
		o.p.enc = enc;
	obj = cmd_objective(&cmd_map, &o.data, first < argc ? argv[first] : NULL, batch[0] > 0,
			    &data, &status);
	if (obj == NULL) {
		dataset_free(data);
		return status;
	}
	n = objective_dim(obj);
	status = EXIT_USAGE;
	if (data != NULL && naxes == 2 && batch[0] == 0) {
		cmd_value_error(&cmd_map, "a map of data goes across the learning rate and down "
				"the batch size: --over lr=A:B[,batch=C:D]");
		goto done;
	}
	if (data != NULL) {
		struct map_data_args a = { &o.p, &c, obj, data, o.data.model, o.data.loss, &x,
					   batch[0], batch[1], 0, o.goal, o.cells, o.csv, NULL };
		dstart = cmd_start(&cmd_map, obj, &o.data, o.start, c.seed, &status);
		if (dstart == NULL)
			goto done;
		status = EXIT_USAGE;
		a.start = dstart;
		a.seeds = isnan(o.seeds) ? (batch[0] > 0 || c.noise > 0 ? 3 : 1) : -1;
		if (!isnan(o.seeds)) {
			long k = 0;
			if ((status = cmd_count(&cmd_map, o.seeds, "seeds", 1, 100, &k)) != 0)
				goto done;
			a.seeds = (int)k;
		}
		if (!isnan(o.goal) && !(o.goal > 0)) {
			status = cmd_value_error(&cmd_map, "--goal is a loss to reach, above 0, "
						 "not %g", o.goal);
			goto done;
		}
		status = cmd_map_data(&a);
		goto done;
	}
	if (batch[0] > 0 || c.noise > 0 || !isnan(o.seeds) || !isnan(o.goal)) {
		cmd_value_error(&cmd_map, "the batch size, --noise, --seeds and --goal go with a "
				"data objective (--data with --model)");
		goto done;
	}
	if (o.start == NULL) {
		cmd_value_error(&cmd_map, "--start is missing: where should each run start? "
				"e.g. --start %s", n == 1 ? "1" : n == 2 ? "1,1" : "1,1,...");
		goto done;
	}
	if (cmd_vector("--start", o.start, start, EXPR_MAX_VARS, &nstart) != 0)
		goto done;
	if (nstart != n) {
		char have[64], need[64];
		snprintf(have, sizeof have, P_("%d coordinate", "%d coordinates", nstart), nstart);
		snprintf(need, sizeof need, P_("%d variable", "%d variables", n), n);
		cmd_value_error(&cmd_map, "--start has %s, but the expression has %s", have, need);
		goto done;
	}
	if (n >= 1 && n <= 2) {
		struct region r = { n, { -5, -5 }, { 5, 5 } };
		char why[160];
		t.have = analysis_quadratic(obj, &r, &t.q, why, sizeof why) == 0 &&
			 (strcmp(c.opt->name, "gd") == 0 || strcmp(c.opt->name, "momentum") == 0);
	}
	/* the figure and the lines under it fill the size together */
	nsum = 2 + (t.have ? 2 : 0);
	o.p.height -= nsum;
	{
		struct plot_map_axis px = { param_name(&x), x.lo, x.hi, 0, x.log };
		struct plot_map_axis py = { naxes == 2 ? param_name(&y) : "", y.lo, y.hi,
					    naxes == 2 ? 2 : 0, y.log };
		plot_map_area(&o.p, &px, &py, &w, &h);
	}
	x.n = w < 2 ? 2 : w > MAP_MAX_CELLS ? MAP_MAX_CELLS : w;
	y.n = naxes == 2 ? (h < 2 ? 2 : h > MAP_MAX_CELLS ? MAP_MAX_CELLS : h) : 0;
	if (o.cells != NULL && parse_cells(o.cells, &x, &y, naxes) != 0)
		goto done;
	if (analysis_map(obj, &c, start, &x, naxes == 2 ? &y : NULL, &res, &err) < 0) {
		cmd_value_error(&cmd_map, "%s", err.message);
		goto done;
	}
	status = 0;
	if (o.csv) {
		print_csv(&x, &y, naxes, &res);
		goto done;
	}
	theory_marks(&t, &c, &x, &y, naxes);
	draw(&o, &c, argv[first], start, n, &x, &y, naxes, &res, &t);
	print_summary(&c, &x, &y, naxes, &res, &t);
done:
	free(t.line);
	free(dstart);
	map_result_free(&res);
	objective_free(obj);
	dataset_free(data);
	return status;
}

const struct cmd cmd_map = {
	.name = "map",
	.usage = N_("EXPR --over lr=A:B[,beta=C:D] --start X[,Y...] [OPTIONS]\n"
		    "   or: descent map --data FILE --model EXPR --over lr=A:B[,batch=C:D] "
		    "[OPTIONS]"),
	.summary = N_("how the settings decide between slow, fast and divergent"),
	.help = N_(
	"Runs the optimizer on EXPR from the start point once for every cell of a\n"
	"grid of settings, all the runs together, and draws how each ended: the\n"
	"steps it took to converge (the fewer, the denser the glyph), diverged\n"
	"(x), or not done at the step limit (blank).  With one setting, a curve\n"
	"of the steps against it.  For a quadratic bowl, with gd or momentum, the\n"
	"best settings and the edge of divergence that the theory gives are\n"
	"marked and printed.\n\n"
	"  --over NAME=A:B[,NAME=C:D]\n"
	"                        the settings the map covers: one or two of the\n"
	"                        optimizer's parameters (lr, beta, ...), the first\n"
	"                        across, the second down\n"
	"  -o, --optimizer NAME  gd, momentum, nesterov, adagrad, rmsprop, adam, newton,\n"
	"                        bfgs, lbfgs, cg\n"
	"  -s, --start X[,Y...]  where every run starts\n"
	"      --log             space the learning rates evenly in their logarithm\n"
	"      --cells N[xM]     the grid (by default, one cell a character)\n"
	"      --lr --beta --rho --beta1 --beta2 --eps --damping --memory VALUE\n"
	"                        the settings that stay fixed (their defaults)\n"
	"  -n, --steps N         the step limit of each run (1000)\n"
	"      --tol T           converged when |grad| < T (1e-6)\n"
	"      --line-search     Armijo backtracking in every run (gd and newton)\n"
	"      --bound B         diverged when |f| or a coordinate passes B (1e8)\n"
	"      --schedule SPEC   a schedule of the learning rate (see descent run)\n"
	"      --format F        plot or csv (plot): csv writes every cell\n"
	"      --size WxH        the size of the output (the terminal's, or 80x24)\n"
	"      --ascii, --unicode, --color[=WHEN]\n"
	"                        the glyphs and colours, as in descent plot\n\n"
	"Data objectives: the rate across, the mini-batch size down, each cell the\n"
	"mean over a few seeds of its runs' final loss (the lower, the denser):\n"
	"      --data FILE, --data-inline CSV, --model EXPR, --loss NAME,\n"
	"      --target NAME, --params A,B, --init HOW   the objective, as in descent run\n"
	"      --over lr=A:B,batch=C:D\n"
	"                        the batch sizes: the powers of two from C, then D\n"
	"      --seeds K         K runs a cell, seeds S, S+1, ... (3 with mini-batches\n"
	"                        or noise, else 1)\n"
	"      --noise SIGMA, --seed S   gradient noise, and the first seed (0)\n"
	"      --goal LOSS       the steps to bring the loss to LOSS, instead\n\n"
	"Example: descent map 'x^2 + 10*y^2' --start 1,0.1 --over lr=0.001:0.2 --log\n"),
	.run = map_run,
};
