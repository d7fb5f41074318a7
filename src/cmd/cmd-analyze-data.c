/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-analyze-data.c - `descent analyze --data ... --model ...`: what the
 * derivatives say at one point of a model's parameters (a network's, say):
 * the cost, the gradient's norm, the Hessian's eigenvalues, the sharpness
 * and the index, and the kind of point when the gradient is tiny; at a
 * given point, at the start, or after a run from there; with --swap, the
 * same network with two hidden units swapped, which costs the same.
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
#include "descent/linalg.h"
#include "descent/objective.h"
#include "descent/util.h"

enum { OPT_AT = CMD_OPT_OWN, OPT_SWAP, OPT_ALL, OPT_CENSUS };

#define SHOWN 8                 /* eigenvalues shown at each end, without --eigenvalues */


struct analyze_data_opts {
	struct cmd_settings set;
	struct cmd_data data;
	const char *at, *swap;
	int all;
	double census;
};

static int
data_option(int opt, const char *arg, void *p)
{
	struct analyze_data_opts *o = p;
	int s = cmd_run_option(&o->set, &o->data, opt, arg);

	if (s >= 0)
		return s;
	switch (opt) {
	case OPT_AT: o->at = arg; return 0;
	case OPT_SWAP: o->swap = arg; return 0;
	case OPT_ALL: o->all = 1; return 0;
	case OPT_CENSUS: return cmd_constant("--census", arg, &o->census);
	}
	return EXIT_USAGE;
}

/*
 * Prints the objective: "the mse of mlp:1-2-1 on 30 examples, 7 parameters",
 * with ", plus 0.01/2 |w|^2" before the count when it has an L2 penalty.
 */
static void
print_objective(struct objective *obj, const struct analyze_data_opts *o,
		const struct dataset *data)
{
	char l2[40], penalty[80] = "", what[300];
	int n = objective_dim(obj);

	if (objective_l2(obj) != 0) {
		cmd_format_number(l2, sizeof l2, objective_l2(obj), 6);
		snprintf(penalty, sizeof penalty, _(", plus %s/2 |w|^2"), l2);
	}
	snprintf(what, sizeof what, P_("the %s of %s on %zu example", "the %s of %s on %zu examples",
				       data->nrows),
		 o->data.loss != NULL ? o->data.loss : "mse", o->data.model, data->nrows);
	/* TRANSLATORS: "the mse of mlp:1-2-1 on 30 examples", the penalty (or
	 * nothing), then the number of parameters */
	printf(P_("%s%s, %d parameter\n", "%s%s, %d parameters\n", n), what, penalty, n);
}

static void
print_eigenvalues(const struct point_report *r, int all)
{
	int n = r->n, i, col = 0;
	char buf[40];

	printf(P_("  the Hessian's %d eigenvalue, increasing:\n",
		  "  the Hessian's %d eigenvalues, increasing:\n", n), n);
	fputs("   ", stdout);
	for (i = 0; i < n; i++) {
		if (!all && n > 2 * SHOWN && i == SHOWN) {
			printf(_(" ... (%d more: --eigenvalues shows them)"), n - 2 * SHOWN);
			i = n - SHOWN - 1;
			col = 80;
			continue;
		}
		cmd_format_number(buf, sizeof buf, r->lambda[i], 4);
		if (col + 1 + (int)strlen(buf) > 76) {
			printf("\n   ");
			col = 0;
		}
		col += printf(" %s", buf);
	}
	putchar('\n');
}

static void
print_report(const struct point_report *r, double tol, int all)
{
	char a[40], b[40];

	cmd_format_number(a, sizeof a, r->f, 8);
	printf("  f = %s\n", a);
	cmd_format_number(a, sizeof a, r->gnorm, 4);
	cmd_format_number(b, sizeof b, tol, 3);
	if (r->gnorm < tol)
		printf("  |grad| = %s < %s\n", a, b);
	else
		printf(_("  |grad| = %s, not below --tol %s\n"), a, b);
	if (r->lambda == NULL) {
		printf(_("  the Hessian of %d parameters is past what descent assembles (%d):\n"
			 "  from %d of its products (Lanczos), its extremes are about\n"),
		       r->n, OPT_MAX_HESSIAN, ANALYSIS_LANCZOS_STEPS);
		cmd_format_number(a, sizeof a, r->lmin, 4);
		cmd_format_number(b, sizeof b, r->lmax, 4);
		printf(_("    %s (the smallest) and %s (the largest, the sharpness)\n"), a, b);
		fputs(_("  the index and the kind of point are unknown\n"), stdout);
		return;
	}
	print_eigenvalues(r, all);
	cmd_format_number(a, sizeof a, r->lmax, 6);
	printf(_("  sharpness (the largest eigenvalue): %s\n"), a);
	printf(_("  index (eigenvalues below 0): %d; zero (within 1e-7 of the largest): %d\n"),
	       r->index, r->zeros);
	switch (r->kind) {
	case CP_MINIMUM:
		fputs(_("  a critical point: a minimum\n"), stdout);
		break;
	case CP_MAXIMUM:
		fputs(_("  a critical point: a maximum\n"), stdout);
		break;
	case CP_SADDLE:
		printf(_("  a critical point: a saddle point of index %d\n"), r->index);
		break;
	case CP_DEGENERATE:
		printf(P_("  a critical point: degenerate (%d eigenvalue 0, the others of "
			  "one sign)\n", "  a critical point: degenerate (%d eigenvalues 0, the "
			  "others of one sign)\n", r->zeros), r->zeros);
		break;
	default:
		fputs(_("  not a critical point: |grad| is not below --tol\n"), stdout);
		break;
	}
}

/* "L:J:K": swap hidden units J and K of layer L; 0 or an exit status. */
static int
parse_swap(const char *text, const struct expr_mlp *net, int *l, int *j, int *k)
{
	char extra;

	if (sscanf(text, "%d:%d:%d%c", l, j, k, &extra) != 3)
		return cmd_value_error(&cmd_analyze, "--swap takes LAYER:UNIT:UNIT, as in 1:1:2, "
				       "not '%s'", text);
	if (*l < 1 || *l >= net->nlayers)
		return cmd_value_error(&cmd_analyze, "--swap: the hidden layers are 1 to %d, "
				       "not %d", net->nlayers - 1, *l);
	if (*j < 1 || *k < 1 || *j > net->sizes[*l] || *k > net->sizes[*l] || *j == *k)
		return cmd_value_error(&cmd_analyze, "--swap: layer %d has units 1 to %d; name "
				       "two different ones", *l, net->sizes[*l]);
	return 0;
}

/* The order of the census table: minima, saddles by index, degenerate, maxima. */
static int
group_rank(const struct census_point *p)
{
	switch (p->kind) {
	case CP_MINIMUM: return 0;
	case CP_SADDLE: return 1 + p->index;
	case CP_DEGENERATE: return 100000 + p->index;
	default: return 200000;
	}
}

static int
by_group(const void *a, const void *b)
{
	const struct census_point *p = a, *q = b;
	int ra = group_rank(p), rb = group_rank(q);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return p->f < q->f ? -1 : p->f > q->f;
}

/*
 * --census N: N starts (the network's --init drawn from seeds seed,
 * seed + 1, ..., or the one start given), Newton on the gradient from
 * each, and the table of what was found, grouped by kind and index.
 */
static int
census(struct objective *obj, const struct analyze_data_opts *o, const struct run_config *c,
       long nstarts)
{
	int n = objective_dim(obj), p, q;
	double *starts = xmalloc((size_t)nstarts * (size_t)n * sizeof *starts);
	struct census_options opt;
	struct census cs;
	int status = 0, found = 0;
	long s;
	char nst[64], steps[64], points[64], none[64];
	const char *from;

	for (s = 0; s < nstarts; s++) {
		int st;
		double *w = cmd_start(&cmd_analyze, obj, &o->data, o->at, c->seed + (uint64_t)s,
				      &st);
		if (w == NULL) {
			free(starts);
			return st;
		}
		if (c->max_steps > 0) {         /* descend first, then find the point */
			struct diag err;
			struct run *r = run_new(obj, c, w, &err);
			if (r == NULL) {
				free(w);
				free(starts);
				return cmd_value_error(&cmd_analyze, "%s", err.message);
			}
			run_all(r);
			memcpy(w, run_point(r), (size_t)n * sizeof *w);
			run_free(r);
		}
		memcpy(starts + (size_t)s * n, w, (size_t)n * sizeof *w);
		free(w);
	}
	census_options_init(&opt);
	if (!isnan(o->set.tol))
		opt.tol = c->tol;
	if (analysis_census(obj, (size_t)nstarts, starts, &opt, &cs) != 0) {
		free(starts);
		return cmd_value_error(&cmd_analyze, "--census needs the Hessian, which descent "
				       "gives up to %d parameters, and this has %d",
				       OPT_MAX_HESSIAN, n);
	}
	qsort(cs.points, (size_t)cs.npoints, sizeof *cs.points, by_group);
	for (p = 0; p < cs.npoints; p++)
		found += cs.points[p].hits;
	snprintf(nst, sizeof nst, P_("%ld start", "%ld starts", nstarts), nstarts);
	from = o->at != NULL ? "--at" : o->data.init != NULL ? o->data.init :
	       expr_is_mlp(o->data.model) ? "glorot" : "0";
	if (c->max_steps > 0) {
		snprintf(steps, sizeof steps, P_("%ld step", "%ld steps", c->max_steps),
			 c->max_steps);
		/* TRANSLATORS: "census from 10 starts (glorot, seeds 0 to 9), each first
		 * 200 steps of lbfgs,"; lines of at most 80 columns */
		printf(_("census from %s (%s, seeds %llu to %llu), each first %s of %s,\n"
			 "then Newton's method on the gradient (Levenberg-Marquardt) to "
			 "|grad| < %g;\npoints closer than %g relative are one\n"), nst, from,
		       (unsigned long long)c->seed, (unsigned long long)(c->seed + nstarts - 1),
		       steps, c->opt->name, opt.tol, opt.same);
	} else {
		printf(_("census from %s (%s, seeds %llu to %llu):\n"
			 "from each, Newton's method on the gradient (Levenberg-Marquardt) to "
			 "|grad| < %g;\npoints closer than %g relative are one\n"), nst, from,
		       (unsigned long long)c->seed, (unsigned long long)(c->seed + nstarts - 1),
		       opt.tol, opt.same);
	}
	snprintf(points, sizeof points, P_("%d critical point", "%d critical points",
					   cs.npoints), cs.npoints);
	snprintf(nst, sizeof nst, P_("%d start", "%d starts", found), found);
	snprintf(none, sizeof none, P_("%d start found none", "%d starts found none",
				       cs.failed), cs.failed);
	/* TRANSLATORS: "5 critical points, from 10 starts; 0 starts found none" */
	printf(_("  %s, from %s; %s\n"), points, nst, none);
	if (cs.npoints > 0) {
		fputs("  ", stdout);
		/* TRANSLATORS: the headings of the census's columns: the kind of
		 * point (at most 26 columns), the number of points (6), of starts
		 * (7), and the loss */
		cmd_put_column(_("kind"), -26);
		putchar(' ');
		cmd_put_column(_("points"), 6);
		putchar(' ');
		cmd_put_column(_("starts"), 7);
		printf("   %s\n", objective_l2(obj) > 0 ? _("f (the loss and the penalty)") :
		       _("loss"));
	}
	for (p = 0; p < cs.npoints; p = q) {
		char kind[80], lo[40], hi[40];
		int hits = 0;
		for (q = p; q < cs.npoints && group_rank(&cs.points[q]) ==
		     group_rank(&cs.points[p]); q++)
			hits += cs.points[q].hits;
		switch (cs.points[p].kind) {
		/* TRANSLATORS: the kinds of the census's points, at most 26 columns */
		case CP_MINIMUM: snprintf(kind, sizeof kind, "%s", _("minimum")); break;
		case CP_MAXIMUM: snprintf(kind, sizeof kind, "%s", _("maximum")); break;
		case CP_SADDLE:
			/* TRANSLATORS: at most 26 columns */
			snprintf(kind, sizeof kind, _("saddle, index %d"), cs.points[p].index);
			break;
		default:
			/* TRANSLATORS: at most 26 columns */
			snprintf(kind, sizeof kind, _("degenerate, index %d"), cs.points[p].index);
			break;
		}
		cmd_format_number(lo, sizeof lo, cs.points[p].f, 4);
		cmd_format_number(hi, sizeof hi, cs.points[q - 1].f, 4);
		fputs("  ", stdout);
		cmd_put_column(kind, -26);
		printf(" %6d %7d   %s", q - p, hits, lo);
		if (strcmp(lo, hi) != 0) {
			int values = 1;
			for (int r = p + 1; r < q; r++)
				values += cs.points[r].f - cs.points[r - 1].f >
					  1e-9 * fmax(1, fabs(cs.points[r].f));
			/* TRANSLATORS: after the lowest loss of a kind of point: "to
			 * 0.5 (3 values)" */
			printf(_(" to %s (%d values)"), hi, values);
		}
		putchar('\n');
	}
	analysis_census_done(&cs);
	free(starts);
	return status;
}

int
cmd_analyze_data(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "steps", required_argument, NULL, 'n' },
		{ "tol", required_argument, NULL, CMD_OPT_TOL },
		{ "seed", required_argument, NULL, CMD_OPT_SEED },
		{ "batch", required_argument, NULL, CMD_OPT_BATCH },
		{ "at", required_argument, NULL, OPT_AT },
		{ "swap", required_argument, NULL, OPT_SWAP },
		{ "eigenvalues", no_argument, NULL, OPT_ALL },
		{ "census", required_argument, NULL, OPT_CENSUS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_DATA_OPTIONS + OPT_PARAM_COUNT];
	struct analyze_data_opts o;
	struct run_config c;
	struct objective *obj = NULL;
	struct dataset *data = NULL;
	struct point_report rep = { 0 };
	struct cmd_parts parts = { 0 };
	struct expr_mlp net;
	struct run *run = NULL;
	struct diag err;
	double *w = NULL;
	char where[200];
	int first, status, n, l = 0, j = 0, k = 0;

	memset(&o, 0, sizeof o);
	o.census = NAN;
	cmd_settings_init(&o.set);
	cmd_settings_longopts(longopts, fixed_longopts, 1);
	status = cmd_getopt(&cmd_analyze, argc, argv, "o:n:hV", longopts, data_option, &o,
			    &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first < argc)
		return cmd_usage_error(&cmd_analyze, "an expression or --data with --model, "
				       "not both");
	if (isnan(o.set.steps))
		o.set.steps = 0;        /* analyze where it starts, unless told to run */
	if ((status = cmd_settings_config(&cmd_analyze, &o.set, &c)) != 0)
		return status;
	if (o.swap != NULL && (o.data.model == NULL || !expr_is_mlp(o.data.model)))
		return cmd_value_error(&cmd_analyze, "--swap goes with a network (--model mlp:...)");
	o.data.seed = c.seed;
	obj = cmd_objective_split(&cmd_analyze, &o.data, NULL, !isnan(o.set.batch), &data,
				  &parts, &status);
	if (obj == NULL)
		goto done;
	n = objective_dim(obj);
	if (!isnan(o.census)) {
		long count = 0;
		if ((status = cmd_count(&cmd_analyze, o.census, "census", 1, 10000, &count)) != 0)
			goto done;
		if (o.swap != NULL || o.all) {
			status = cmd_value_error(&cmd_analyze, "--census prints a table: no --swap "
						 "or --eigenvalues");
			goto done;
		}
		if (o.at != NULL && count > 1) {
			status = cmd_value_error(&cmd_analyze, "--census from --at is one start: "
						 "--census 1");
			goto done;
		}
		print_objective(obj, &o, data);
		status = census(obj, &o, &c, count);
		goto done;
	}
	if (o.swap != NULL && (expr_mlp_parse(o.data.model, &net, &err) != 0 ||
			       (status = parse_swap(o.swap, &net, &l, &j, &k)) != 0))
		goto done;
	if (o.at != NULL) {
		struct cmd_data d = o.data;
		d.init = NULL;
		if (o.data.init != NULL) {
			status = cmd_value_error(&cmd_analyze, "--at and --init: one or the other");
			goto done;
		}
		w = cmd_start(&cmd_analyze, obj, &d, o.at, c.seed, &status);
	} else {
		w = cmd_start(&cmd_analyze, obj, &o.data, NULL, c.seed, &status);
	}
	if (w == NULL)
		goto done;
	print_objective(obj, &o, data);
	/* where it started: the network's initialization, or 0 (--at's has its own words) */
	if (expr_is_mlp(o.data.model))
		/* TRANSLATORS: a network's initialization: "glorot (seed 0)" */
		snprintf(where, sizeof where, _("%s (seed %llu)"),
			 o.data.init != NULL ? o.data.init : "glorot", (unsigned long long)c.seed);
	else
		snprintf(where, sizeof where, "0");
	if (c.max_steps > 0) {
		char lr[40];
		long steps;
		run = run_new(obj, &c, w, &err);
		if (run == NULL) {
			status = cmd_value_error(&cmd_analyze, "%s", err.message);
			goto done;
		}
		run_all(run);
		memcpy(w, run_point(run), (size_t)n * sizeof *w);
		cmd_format_number(lr, sizeof lr, c.params.lr, 6);
		steps = run_trajectory(run)->step;
		if (o.at != NULL)
			printf(P_("after %ld step of %s (lr = %s) from the point given by --at\n",
				  "after %ld steps of %s (lr = %s) from the point given by --at\n",
				  steps), steps, c.opt->name, lr);
		else
			/* TRANSLATORS: "after 18 steps of lbfgs (lr = 1) from glorot (seed 0)" */
			printf(P_("after %ld step of %s (lr = %s) from %s\n",
				  "after %ld steps of %s (lr = %s) from %s\n", steps), steps,
			       c.opt->name, lr, where);
	} else if (o.at != NULL) {
		fputs(_("at the point given by --at\n"), stdout);
	} else {
		/* TRANSLATORS: "at glorot (seed 0)", "at 0": the point analysed */
		printf(_("at %s\n"), where);
	}
	status = EXIT_USER;
	if (analysis_point(obj, w, c.tol, &rep) != 0) {
		fputs(_("descent: error: the Hessian is not finite there\n"), stderr);
		goto done;
	}
	print_report(&rep, c.tol, o.all);
	if (parts.val != NULL || parts.test != NULL) {
		/* how the point does on the examples it was not trained on */
		double v;
		char a[40], val[120] = "", test[120] = "";
		if (parts.val != NULL) {
			objective_eval_point(parts.val, w, &v, NULL, NULL);
			cmd_format_number(a, sizeof a, v, 6);
			snprintf(val, sizeof val, P_("validation loss %s (%zu example)",
						     "validation loss %s (%zu examples)",
						     parts.val_data->nrows), a, parts.val_data->nrows);
		}
		if (parts.test != NULL) {
			objective_eval_point(parts.test, w, &v, NULL, NULL);
			cmd_format_number(a, sizeof a, v, 6);
			snprintf(test, sizeof test, P_("test loss %s (%zu example)",
						       "test loss %s (%zu examples)",
						       parts.test_data->nrows), a, parts.test_data->nrows);
		}
		if (parts.val != NULL && parts.test != NULL)
			/* TRANSLATORS: "  held out (seed 0): validation loss 0.1 (4
			 * examples), test loss 0.2 (4 examples)" */
			printf(_("  held out (seed %llu): %s, %s\n"), (unsigned long long)c.seed,
			       val, test);
		else
			printf(_("  held out (seed %llu): %s\n"), (unsigned long long)c.seed,
			       parts.val != NULL ? val : test);
	}
	if (o.swap != NULL) {
		double f0 = rep.f, f1, rel;
		char a[40];
		expr_mlp_swap(&net, l, j, k, w);
		objective_eval_point(obj, w, &f1, NULL, NULL);
		rel = f0 == f1 ? 0 : fabs(f1 - f0) / fmax(fabs(f0), fabs(f1));
		cmd_format_number(a, sizeof a, f1, 8);
		if (rel == 0)
			printf(_("with hidden units %d and %d of layer %d swapped: f = %s, the same "
				 "to the last bit\n"), j, k, l, a);
		else
			printf(_("with hidden units %d and %d of layer %d swapped: f = %s, a "
				 "relative difference of %.1e (rounding)\n"), j, k, l, a, rel);
	}
	status = 0;
done:
	analysis_point_done(&rep);
	run_free(run);
	free(w);
	cmd_parts_free(&parts);
	objective_free(obj);
	dataset_free(data);
	return status;
}
