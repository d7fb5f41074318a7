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

enum { OPT_AT = CMD_OPT_OWN, OPT_SWAP, OPT_ALL };

#define SHOWN 8                 /* eigenvalues shown at each end, without --eigenvalues */

struct analyze_data_opts {
	struct cmd_settings set;
	struct cmd_data data;
	const char *at, *swap;
	int all;
};

static int
data_option(int opt, const char *arg, void *p)
{
	struct analyze_data_opts *o = p;
	int s = cmd_settings_option(&o->set, opt, arg);

	if (s >= 0)
		return s;
	if (cmd_data_option(&o->data, opt, arg) == 0)
		return 0;
	switch (opt) {
	case OPT_AT: o->at = arg; return 0;
	case OPT_SWAP: o->swap = arg; return 0;
	case OPT_ALL: o->all = 1; return 0;
	}
	return EXIT_USAGE;
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
	struct expr_mlp net;
	struct run *run = NULL;
	struct diag err;
	double *w = NULL;
	const char *loss;
	int first, status, n, l = 0, j = 0, k = 0;

	memset(&o, 0, sizeof o);
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
	obj = cmd_objective(&cmd_analyze, &o.data, NULL, !isnan(o.set.batch), &data, &status);
	if (obj == NULL)
		goto done;
	n = objective_dim(obj);
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
	printf("the %s of %s on %zu examples, %d parameters\n", loss, o.data.model,
	       data->nrows, n);
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
	objective_free(obj);
	dataset_free(data);
	return status;
}
