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

/* ", plus 0.01/2 |w|^2" for an objective with an L2 penalty. */
static void
print_penalty(struct objective *obj)
{
	char l2[40];

	if (objective_l2(obj) == 0)
		return;
	cmd_format_number(l2, sizeof l2, objective_l2(obj), 6);
	printf(", plus %s/2 |w|^2", l2);
}

static void
print_eigenvalues(const struct point_report *r, int all)
{
	int n = r->n, i, col = 0;
	char buf[40];

	printf("  the Hessian's %d eigenvalue%s, increasing:\n   ", n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		if (!all && n > 2 * SHOWN && i == SHOWN) {
			printf(" ... (%d more: --eigenvalues shows them)", n - 2 * SHOWN);
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
	printf("  |grad| = %s%s%s\n", a, r->gnorm < tol ? " < " : ", not below --tol ", b);
	if (r->lambda == NULL) {
		printf("  the Hessian of %d parameters is past what descent assembles (%d):\n"
		       "  from %d of its products (Lanczos), its extremes are about\n",
		       r->n, OPT_MAX_HESSIAN, ANALYSIS_LANCZOS_STEPS);
		cmd_format_number(a, sizeof a, r->lmin, 4);
		cmd_format_number(b, sizeof b, r->lmax, 4);
		printf("    %s (the smallest) and %s (the largest, the sharpness)\n", a, b);
		printf("  the index and the kind of point are unknown\n");
		return;
	}
	print_eigenvalues(r, all);
	cmd_format_number(a, sizeof a, r->lmax, 6);
	printf("  sharpness (the largest eigenvalue): %s\n", a);
	printf("  index (eigenvalues below 0): %d; zero (within 1e-7 of the largest): %d\n",
	       r->index, r->zeros);
	switch (r->kind) {
	case CP_MINIMUM:
		printf("  a critical point: a minimum\n");
		break;
	case CP_MAXIMUM:
		printf("  a critical point: a maximum\n");
		break;
	case CP_SADDLE:
		printf("  a critical point: a saddle point of index %d\n", r->index);
		break;
	case CP_DEGENERATE:
		printf("  a critical point: degenerate (%d eigenvalue%s 0, the others of "
		       "one sign)\n", r->zeros, r->zeros == 1 ? "" : "s");
		break;
	default:
		printf("  not a critical point: |grad| is not below --tol\n");
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
	printf("census from %ld start%s (%s, seeds %llu to %llu)", nstarts, nstarts == 1 ? "" : "s",
	       o->at != NULL ? "--at" : o->data.init != NULL ? o->data.init :
	       expr_is_mlp(o->data.model) ? "glorot" : "0",
	       (unsigned long long)c->seed, (unsigned long long)(c->seed + nstarts - 1));
	if (c->max_steps > 0)
		printf(", each first %ld steps of %s,\nthen", c->max_steps, c->opt->name);
	else
		printf(":\n");
	printf("%s Newton's method on the gradient (Levenberg-Marquardt) to |grad| < %g;\n"
	       "points closer than %g relative are one\n", c->max_steps > 0 ? "" : "from each,",
	       opt.tol, opt.same);
	printf("  %d critical point%s, from %d start%s; %d start%s found none\n", cs.npoints,
	       cs.npoints == 1 ? "" : "s", found, found == 1 ? "" : "s", cs.failed,
	       cs.failed == 1 ? "" : "s");
	if (cs.npoints > 0)
		printf("  %-26s %6s %7s   %s\n", "kind", "points", "starts",
		       objective_l2(obj) > 0 ? "f (the loss and the penalty)" : "loss");
	for (p = 0; p < cs.npoints; p = q) {
		char kind[48], lo[40], hi[40];
		int hits = 0;
		for (q = p; q < cs.npoints && group_rank(&cs.points[q]) ==
		     group_rank(&cs.points[p]); q++)
			hits += cs.points[q].hits;
		switch (cs.points[p].kind) {
		case CP_MINIMUM: snprintf(kind, sizeof kind, "minimum"); break;
		case CP_MAXIMUM: snprintf(kind, sizeof kind, "maximum"); break;
		case CP_SADDLE:
			snprintf(kind, sizeof kind, "saddle, index %d", cs.points[p].index);
			break;
		default:
			snprintf(kind, sizeof kind, "degenerate, index %d", cs.points[p].index);
			break;
		}
		cmd_format_number(lo, sizeof lo, cs.points[p].f, 4);
		cmd_format_number(hi, sizeof hi, cs.points[q - 1].f, 4);
		printf("  %-26s %6d %7d   %s", kind, q - p, hits, lo);
		if (strcmp(lo, hi) != 0) {
			int values = 1;
			for (int r = p + 1; r < q; r++)
				values += cs.points[r].f - cs.points[r - 1].f >
					  1e-9 * fmax(1, fabs(cs.points[r].f));
			printf(" to %s (%d values)", hi, values);
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
	const char *loss;
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
		printf("the %s of %s on %zu examples", o.data.loss != NULL ? o.data.loss : "mse",
		       o.data.model, data->nrows);
		print_penalty(obj);
		printf(", %d parameters\n", n);
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
	loss = o.data.loss != NULL ? o.data.loss : "mse";
	printf("the %s of %s on %zu examples", loss, o.data.model, data->nrows);
	print_penalty(obj);
	printf(", %d parameters\n", n);
	if (c.max_steps > 0) {
		char lr[40];
		run = run_new(obj, &c, w, &err);
		if (run == NULL) {
			status = cmd_value_error(&cmd_analyze, "%s", err.message);
			goto done;
		}
		run_all(run);
		memcpy(w, run_point(run), (size_t)n * sizeof *w);
		cmd_format_number(lr, sizeof lr, c.params.lr, 6);
		printf("after %ld steps of %s (lr = %s) from ", run_trajectory(run)->step,
		       c.opt->name, lr);
	} else {
		printf("at ");
	}
	/* "after N steps of OPT from " or "at ", then where it started */
	if (o.at != NULL)
		printf("the point given by --at\n");
	else if (expr_is_mlp(o.data.model))
		printf("%s (seed %llu)\n", o.data.init != NULL ? o.data.init : "glorot",
		       (unsigned long long)c.seed);
	else
		printf("0\n");
	status = EXIT_USER;
	if (analysis_point(obj, w, c.tol, &rep) != 0) {
		fprintf(stderr, "descent: error: the Hessian is not finite there\n");
		goto done;
	}
	print_report(&rep, c.tol, o.all);
	if (parts.val != NULL || parts.test != NULL) {
		/* how the point does on the examples it was not trained on */
		double v;
		char a[40];
		printf("  held out (seed %llu):", (unsigned long long)c.seed);
		if (parts.val != NULL) {
			objective_eval_point(parts.val, w, &v, NULL, NULL);
			cmd_format_number(a, sizeof a, v, 6);
			printf(" validation loss %s (%zu examples)%s", a, parts.val_data->nrows,
			       parts.test != NULL ? "," : "");
		}
		if (parts.test != NULL) {
			objective_eval_point(parts.test, w, &v, NULL, NULL);
			cmd_format_number(a, sizeof a, v, 6);
			printf(" test loss %s (%zu examples)", a, parts.test_data->nrows);
		}
		putchar('\n');
	}
	if (o.swap != NULL) {
		double f0 = rep.f, f1, rel;
		char a[40];
		expr_mlp_swap(&net, l, j, k, w);
		objective_eval_point(obj, w, &f1, NULL, NULL);
		rel = f0 == f1 ? 0 : fabs(f1 - f0) / fmax(fabs(f0), fabs(f1));
		cmd_format_number(a, sizeof a, f1, 8);
		printf("with hidden units %d and %d of layer %d swapped: f = %s", j, k, l, a);
		if (rel == 0)
			printf(", the same to the last bit\n");
		else
			printf(", a relative difference of %.1e (rounding)\n", rel);
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
