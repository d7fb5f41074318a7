/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-settings.c - the settings of a descent as the command line gives
 * them (--optimizer, --lr and the other parameters, --steps, --tol, ...),
 * and its objective (an expression, or --data with --model), read and
 * checked once for the commands that run optimizers: run, map.
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
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/util.h"

void
cmd_settings_init(struct cmd_settings *s)
{
	int k;

	memset(s, 0, sizeof *s);
	s->optimizer = "gd";
	for (k = 0; k < OPT_PARAM_COUNT; k++)
		s->param[k] = NAN;
	s->steps = s->tol = s->bound = s->noise = s->seed = s->batch = NAN;
}

static int
set_value(double *slot, const char *name, const char *arg)
{
	char what[64];

	snprintf(what, sizeof what, "--%s", name);
	return cmd_constant(what, arg, slot);
}

int
cmd_settings_option(struct cmd_settings *s, int opt, const char *arg)
{
	int k = opt - CMD_OPT_PARAM;

	if (k >= 0 && k < OPT_PARAM_COUNT)
		return set_value(&s->param[k], opt_params_table[k].name, arg);
	switch (opt) {
	case 'o': s->optimizer = arg; return 0;
	case 'n': return set_value(&s->steps, "steps", arg);
	case CMD_OPT_TOL: return set_value(&s->tol, "tol", arg);
	case CMD_OPT_BOUND: return set_value(&s->bound, "bound", arg);
	case CMD_OPT_NOISE: return set_value(&s->noise, "noise", arg);
	case CMD_OPT_SEED: return set_value(&s->seed, "seed", arg);
	case CMD_OPT_BATCH: return set_value(&s->batch, "batch", arg);
	case CMD_OPT_SCHEDULE: s->schedule = arg; return 0;
	case CMD_OPT_LINE_SEARCH: s->line_search = 1; return 0;
	}
	return -1;
}

int
cmd_count(const struct cmd *cmd, double v, const char *name, double lo, double hi,
	  long *out)
{
	if (isnan(v))
		return 0;
	if (v != floor(v) || v < lo || v > hi)
		return cmd_value_error(cmd, "--%s must be a whole number from %g to %g, not %g",
				       name, lo, hi, v);
	*out = (long)v;
	return 0;
}

/*
 * Sets the optimizer parameters given on the command line, in the
 * table's order, checking that the optimizer uses each and that it is in
 * range.
 */
static int
check_params(const struct cmd *cmd, const struct optimizer *opt, const double *given,
	     struct opt_params *p)
{
	int k;

	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		const char *name = opt_params_table[k].name;
		double v = given[k];
		if (isnan(v))
			continue;
		if (!opt_uses(opt, name))
			return cmd_value_error(cmd, "%s has no parameter %s (it uses %s)",
					       opt->name, name, opt->params);
		if (!opt_param_in_range(k, v))
			return cmd_value_error(cmd, "--%s must be %s, not %g", name,
					       _(opt_param_range_text(k)), v);
		*opt_param_slot(p, k) = v;
	}
	return 0;
}

int
cmd_settings_config(const struct cmd *cmd, const struct cmd_settings *s,
		    struct run_config *c)
{
	const struct optimizer *opt = opt_find(s->optimizer);
	int st;
	long seed = 0;

	if (opt == NULL) {
		char names[160];
		/* TRANSLATORS: before the last of a list of names: "gd, adam or newton" */
		opt_names_text(names, sizeof names, _(" or "));
		return cmd_value_error(cmd, "unknown optimizer '%s': use %s", s->optimizer,
				       names);
	}
	run_config_init(c, opt);
	if ((st = check_params(cmd, opt, s->param, &c->params)) != 0)
		return st;
	if ((st = cmd_count(cmd, s->steps, "steps", 0, 1e9, &c->max_steps)) ||
	    (st = cmd_count(cmd, s->seed, "seed", 0, 9e15, &seed)))
		return st;
	c->seed = (uint64_t)seed;
	if (!isnan(s->batch)) {
		long b = 0;
		if ((st = cmd_count(cmd, s->batch, "batch", 1, 1e9, &b)))
			return st;
		c->batch = (size_t)b;
	}
	if (!isnan(s->tol)) {
		if (!(s->tol >= 0))
			return cmd_value_error(cmd, "--tol must not be negative, not %g", s->tol);
		c->tol = s->tol;
	}
	if (!isnan(s->bound)) {
		if (!(s->bound > 0))
			return cmd_value_error(cmd, "--bound must be positive, not %g", s->bound);
		c->bound = s->bound;
	}
	if (!isnan(s->noise)) {
		if (!(s->noise >= 0))
			return cmd_value_error(cmd, "--noise must not be negative, not %g",
					       s->noise);
		c->noise = s->noise;
	}
	if (s->schedule != NULL) {
		struct diag err;
		if (sched_parse(s->schedule, &c->sched, &err) < 0)
			return cmd_value_error(cmd, "--schedule: %s", err.message);
	}
	c->line_search = s->line_search;
	return 0;
}

/* The options of a data objective, for cmd_settings_longopts. */
static const struct option data_longopts[CMD_DATA_OPTIONS] = {
	{ "data", required_argument, NULL, CMD_OPT_DATA },
	{ "data-inline", required_argument, NULL, CMD_OPT_DATA_INLINE },
	{ "model", required_argument, NULL, CMD_OPT_MODEL },
	{ "loss", required_argument, NULL, CMD_OPT_LOSS },
	{ "target", required_argument, NULL, CMD_OPT_TARGET },
	{ "params", required_argument, NULL, CMD_OPT_PARAMS },
	{ "init", required_argument, NULL, CMD_OPT_INIT },
	{ "l2", required_argument, NULL, CMD_OPT_L2 },
	{ "split", required_argument, NULL, CMD_OPT_SPLIT },
};

void
cmd_settings_longopts(struct option *lo, const struct option *fixed, int data)
{
	int n, k;

	for (n = 0; fixed[n].name != NULL; n++)
		lo[n] = fixed[n];
	for (k = 0; data && k < CMD_DATA_OPTIONS; k++)
		lo[n++] = data_longopts[k];
	for (k = 0; k < OPT_PARAM_COUNT; k++, n++) {
		lo[n].name = opt_params_table[k].name;
		lo[n].has_arg = required_argument;
		lo[n].flag = NULL;
		lo[n].val = CMD_OPT_PARAM + k;
	}
	memset(&lo[n], 0, sizeof lo[n]);
}

int
cmd_data_option(struct cmd_data *d, int opt, const char *arg)
{
	switch (opt) {
	case CMD_OPT_DATA: d->file = arg; return 0;
	case CMD_OPT_DATA_INLINE: d->inline_csv = arg; return 0;
	case CMD_OPT_MODEL: d->model = arg; return 0;
	case CMD_OPT_LOSS: d->loss = arg; return 0;
	case CMD_OPT_TARGET: d->target = arg; return 0;
	case CMD_OPT_PARAMS: d->params = arg; return 0;
	case CMD_OPT_INIT: d->init = arg; return 0;
	case CMD_OPT_L2: d->l2 = arg; return 0;
	case CMD_OPT_SPLIT: d->split = arg; return 0;
	}
	return -1;
}

int
cmd_run_option(struct cmd_settings *s, struct cmd_data *d, int opt, const char *arg)
{
	int st = cmd_settings_option(s, opt, arg);

	if (st >= 0)
		return st;
	return cmd_data_option(d, opt, arg) == 0 ? 0 : -1;
}

struct objective *
cmd_objective(const struct cmd *cmd, const struct cmd_data *o, const char *expr, int batch,
	      struct dataset **data, int *status)
{
	return cmd_objective_split(cmd, o, expr, batch, data, NULL, status);
}

void
cmd_parts_free(struct cmd_parts *p)
{
	objective_free(p->val);
	objective_free(p->test);
	dataset_free(p->val_data);
	dataset_free(p->test_data);
	memset(p, 0, sizeof *p);
}

/*
 * --split VAL,TEST: *data split (seeded by o->seed) into its training
 * part, which replaces it, and the held-out parts' objectives.  0, or an
 * exit status after one message.
 */
static int
split_data(const struct cmd *cmd, const struct cmd_data *o, struct dataset **data,
	   struct cmd_parts *parts)
{
	double fval, ftest;
	char extra;
	struct dataset *train = NULL;
	struct diag err;

	if (parts == NULL)
		return cmd_value_error(cmd, "--split goes with descent run, analyze and plot "
				       "--curve");
	if (sscanf(o->split, "%lf,%lf%c", &fval, &ftest, &extra) != 2)
		return cmd_value_error(cmd, "--split takes two fractions, for validation and "
				       "test, as in 0.2,0.2, not '%s'", o->split);
	if (dataset_split(*data, fval, ftest, (uint64_t)o->seed, &train, &parts->val_data,
			  &parts->test_data, &err) != 0)
		return cmd_value_error(cmd, "--split: %s", err.message);
	dataset_free(*data);
	*data = train;
	return 0;
}

/*
 * The objectives of the held-out parts, of the same model as obj and
 * with its parameters in its order; 0, or an exit status after a message.
 */
static int
part_objectives(const struct cmd_data *o, int loss, struct objective *obj,
		struct cmd_parts *parts)
{
	int n = objective_dim(obj), k;
	const char **names = xmalloc((size_t)n * sizeof *names);
	struct diag err;

	for (k = 0; k < n; k++)
		names[k] = objective_param(obj, k);
	if (parts->val_data != NULL)
		parts->val = objective_data(parts->val_data, o->model, (enum loss)loss, o->target,
					    names, n, &err);
	if (parts->test_data != NULL && (parts->val_data == NULL || parts->val != NULL))
		parts->test = objective_data(parts->test_data, o->model, (enum loss)loss,
					     o->target, names, n, &err);
	free(names);
	if ((parts->val_data != NULL && parts->val == NULL) ||
	    (parts->test_data != NULL && parts->test == NULL)) {
		fprintf(stderr, _("descent: error: a held-out part of --split: %s\n"),
			err.message);
		return EXIT_USER;
	}
	return 0;
}

struct objective *
cmd_objective_split(const struct cmd *cmd, const struct cmd_data *o, const char *expr,
		    int batch, struct dataset **data, struct cmd_parts *parts, int *status)
{
	struct diag err;
	struct objective *obj;

	*status = EXIT_USER;
	if (o->file == NULL && o->inline_csv == NULL) {
		if (o->model != NULL || o->params != NULL || o->target != NULL ||
		    o->loss != NULL || o->init != NULL || o->l2 != NULL || o->split != NULL ||
		    batch) {
			*status = cmd_value_error(cmd, "--model, --loss, --target, --params, "
						  "--init, --l2, --split and a batch size go with "
						  "--data");
			return NULL;
		}
		if (expr == NULL) {
			*status = cmd_usage_error(cmd, "missing the expression (or --data "
						  "with --model)");
			return NULL;
		}
		obj = objective_expr(expr, NULL, 0, &err);
		if (obj == NULL)
			diag_print_source(stderr, "descent", expr, &err);
		return obj;
	} else {
		struct diag derr;
		const char *params[EXPR_MAX_VARS];
		char pbuf[1024], *tok, *save = NULL;
		int np = 0, loss = LOSS_MSE;

		if (expr != NULL) {
			*status = cmd_value_error(cmd, "give either an expression or --data "
						  "with --model, not both");
			return NULL;
		}
		if (o->file != NULL && o->inline_csv != NULL) {
			*status = cmd_value_error(cmd, "--data and --data-inline: one or "
						  "the other");
			return NULL;
		}
		if (o->model == NULL) {
			*status = cmd_value_error(cmd, "--data needs --model, e.g. "
						  "--model 'w0 + w1*x'");
			return NULL;
		}
		if (o->loss != NULL && (loss = loss_from_name(o->loss)) < 0) {
			*status = cmd_value_error(cmd, "unknown loss '%s': use mse, "
						  "cross_entropy or hinge", o->loss);
			return NULL;
		}
		if (o->params != NULL) {
			if (snprintf(pbuf, sizeof pbuf, "%s", o->params) >= (int)sizeof pbuf) {
				*status = cmd_value_error(cmd, "--params is too long");
				return NULL;
			}
			for (tok = strtok_r(pbuf, ",", &save); tok != NULL && np < EXPR_MAX_VARS;
			     tok = strtok_r(NULL, ",", &save))
				params[np++] = tok;
		}
		if (o->file != NULL && dataset_toy_is_name(o->file)) {
			*data = dataset_toy(o->file, &derr);
			if (*data == NULL) {
				diag_print_source(stderr, _("descent: in --data"), o->file, &derr);
				return NULL;
			}
		} else if (o->file != NULL)
			*data = dataset_load_csv(o->file, &derr);
		else
			*data = dataset_parse_csv(o->inline_csv, strlen(o->inline_csv),
						  "--data-inline", &derr);
		if (*data == NULL && o->file != NULL && strpbrk(o->file, "/.,") == NULL &&
		    access(o->file, F_OK) != 0) {
			const char *const *name = dataset_toy_names();
			char sets[160] = "";
			size_t len = 0;
			for (; *name != NULL && len < sizeof sets; name++)
				len += (size_t)snprintf(sets + len, sizeof sets - len, "%s%s",
							len ? ", " : "", *name);
			fprintf(stderr, _("descent: error: no file %s, and no built-in data set "
					  "of that name (%s)\n"), o->file, sets);
			return NULL;
		}
		if (*data == NULL) {
			diag_print(stderr, &derr);
			return NULL;
		}
		if (o->split != NULL) {
			int st = split_data(cmd, o, data, parts);
			if (st != 0) {
				*status = st;
				return NULL;
			}
		}
		if (o->init != NULL && !expr_is_mlp(o->model)) {
			*status = cmd_value_error(cmd, "--init goes with a network "
						  "(--model mlp:...); start another model with "
						  "--start");
			return NULL;
		}
		obj = objective_data(*data, o->model, (enum loss)loss, o->target,
				     o->params != NULL ? params : NULL, np, &err);
		if (obj == NULL) {
			if (err.column > 0)
				diag_print_source(stderr, _("descent: in --model"), o->model, &err);
			else
				fprintf(stderr, _("descent: error: %s\n"), err.message);
		}
		if (obj != NULL && o->split != NULL) {
			int st = part_objectives(o, loss, obj, parts);
			if (st != 0) {
				*status = st;
				objective_free(obj);
				return NULL;
			}
		}
		if (obj != NULL && o->l2 != NULL) {
			double l2;
			int st = cmd_constant("--l2", o->l2, &l2);
			if (st != 0 || objective_set_l2(obj, l2) != 0) {
				if (st == 0)
					cmd_value_error(cmd, "--l2 is a penalty of 0 or more, not %g",
							l2);
				*status = EXIT_USAGE;
				objective_free(obj);
				return NULL;
			}
		}
		return obj;
	}
}

double *
cmd_start(const struct cmd *cmd, struct objective *obj, const struct cmd_data *d,
	  const char *text, unsigned long long seed, int *status)
{
	int n = objective_dim(obj), nstart = 0, k;
	double *start = xcalloc((size_t)n + 1, sizeof *start);
	struct expr_mlp net;
	struct diag err;

	*status = EXIT_USAGE;
	if (text != NULL && d->init != NULL) {
		cmd_value_error(cmd, "--start and --init: one or the other");
		goto fail;
	}
	if (text != NULL) {
		char vars[256] = "", have[64], need[64];
		size_t len = 0;
		if (cmd_vector("--start", text, start, n + 1, &nstart) != 0)
			goto fail;
		if (nstart == n)
			return start;
		for (k = 0; k < n && len < 200; k++)
			len += snprintf(vars + len, sizeof vars - len, "%s%s", k ? ", " : "",
					objective_param(obj, k));
		snprintf(have, sizeof have, P_("%d coordinate", "%d coordinates", nstart), nstart);
		snprintf(need, sizeof need, d->model ? P_("%d parameter", "%d parameters", n) :
			 P_("%d variable", "%d variables", n), n);
		cmd_value_error(cmd, d->model ? N_("--start has %s, but the model has %s (%s%s)") :
				N_("--start has %s, but the expression has %s (%s%s)"), have, need,
				vars, k < n ? ", ..." : "");
		goto fail;
	}
	if (d->model == NULL) {
		cmd_value_error(cmd, "--start is missing: where should the descent start? "
				"e.g. --start %s", n == 1 ? "1" : n == 2 ? "1,1" : "1,1,...");
		goto fail;
	}
	if (!expr_is_mlp(d->model))
		return start;           /* zeros */
	if (expr_mlp_parse(d->model, &net, &err) != 0 ||
	    expr_mlp_init(&net, d->init != NULL ? d->init : "glorot", seed, start, &err) != 0) {
		cmd_value_error(cmd, "--init: %s", err.message);
		goto fail;
	}
	return start;
fail:
	free(start);
	return NULL;
}

int
cmd_run_spec(const struct cmd *cmd, const char *option, const char *spec, int data,
	     struct run_config *c, char *label, size_t size)
{
	char buf[256], *item, *save = NULL, *name;
	const struct optimizer *opt;

	if (snprintf(buf, sizeof buf, "%s", spec) >= (int)sizeof buf)
		return cmd_value_error(cmd, "%s '%s' is too long", option, spec);
	name = strtok_r(buf, ",", &save);
	opt = name ? opt_find(name) : NULL;
	if (opt == NULL) {
		char names[160];
		/* TRANSLATORS: before the last of a list of names: "gd, adam or newton" */
		opt_names_text(names, sizeof names, _(" or "));
		return cmd_value_error(cmd, "%s: unknown optimizer '%s': use %s", option,
				       name ? name : "", names);
	}
	run_config_init(c, opt);
	snprintf(label, size, "%s", spec);
	while ((item = strtok_r(NULL, ",", &save)) != NULL) {
		char *eq = strchr(item, '=');
		double v;
		char what[64];
		int k, s;

		if (eq == NULL)
			return cmd_value_error(cmd, "%s: '%s': write NAME=VALUE, as in lr=0.01",
					       option, item);
		*eq = '\0';
		snprintf(what, sizeof what, "%s %s", option, item);
		if (data && (strcmp(item, "batch") == 0 || strcmp(item, "seed") == 0)) {
			if ((s = cmd_constant(what, eq + 1, &v)) != 0)
				return s;
			if (!(v >= 0 && v <= 9e15 && v == floor(v)))
				return cmd_value_error(cmd, "%s: %s is a whole number, 0 or more, not "
						       "%g", option, item, v);
			if (strcmp(item, "batch") == 0)
				c->batch = (size_t)v;
			else
				c->seed = (uint64_t)v;
			continue;
		}
		k = opt_param_find(item);
		if (k < 0 || !opt_uses(opt, item))
			return cmd_value_error(cmd, data ? N_("%s: %s has no parameter %s (it uses "
							      "%s; a run also takes batch and seed)") :
					       N_("%s: %s has no parameter %s (it uses %s)"), option,
					       opt->name, item, opt->params);
		if ((s = cmd_constant(what, eq + 1, &v)) != 0)
			return s;
		if (!opt_param_in_range(k, v))
			return cmd_value_error(cmd, "%s: %s must be %s, not %g", option, item,
					       _(opt_param_range_text(k)), v);
		*opt_param_slot(&c->params, k) = v;
	}
	return 0;
}

/* The loss of part at every point of tr, all in one evaluation; NULL for no part. */
double *
cmd_part_losses(struct objective *part, const struct trajectory *tr)
{
	int n = tr->n, k;
	size_t i;
	double *loss, *cols, **w;

	if (part == NULL || tr->len == 0)
		return NULL;
	loss = xmalloc(tr->len * sizeof *loss);
	cols = xmalloc(tr->len * (size_t)n * sizeof *cols);
	w = xmalloc((size_t)n * sizeof *w);
	for (k = 0; k < n; k++) {
		w[k] = cols + (size_t)k * tr->len;
		for (i = 0; i < tr->len; i++)
			w[k][i] = tr->w[i * (size_t)n + k];
	}
	objective_eval(part, tr->len, (const double *const *)w, loss, NULL, NULL);
	free(w);
	free(cols);
	return loss;
}
