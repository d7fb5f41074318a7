/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-settings.c - the settings of a descent as the command line gives
 * them (--optimizer, --lr and the other parameters, --steps, --tol, ...),
 * read and checked once for the commands that run optimizers: run, map.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "descent/optim.h"

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
					       opt_param_range_text(k), v);
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
		opt_names_text(names, sizeof names, " or ");
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

void
cmd_settings_longopts(struct option *lo, const struct option *fixed)
{
	int n, k;

	for (n = 0; fixed[n].name != NULL; n++)
		lo[n] = fixed[n];
	for (k = 0; k < OPT_PARAM_COUNT; k++, n++) {
		lo[n].name = opt_params_table[k].name;
		lo[n].has_arg = required_argument;
		lo[n].flag = NULL;
		lo[n].val = CMD_OPT_PARAM + k;
	}
	memset(&lo[n], 0, sizeof lo[n]);
}
