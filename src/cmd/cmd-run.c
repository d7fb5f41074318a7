/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-run.c - `descent run`: one descent, headless.  The objective is an
 * expression or a data objective (--data/--data-inline, --model, --loss);
 * the trajectory is printed as a table, CSV or JSON, with the outcome:
 * converged (and the kind of point it converged to), stopped at the step
 * limit, or diverged at step k.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/linalg.h"
#include "descent/objective.h"
#include "descent/optim.h"
#include "descent/plot.h"
#include "descent/util.h"

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* The options of run's own; the settings' and the data's are cmd-settings.c's. */
enum {
	OPT_FORMAT = CMD_OPT_OWN, OPT_EVERY, OPT_PLOT, OPT_RECORD, OPT_LIST_OPTIMIZERS,
};

struct run_opts {
	struct cmd_settings set;
	struct cmd_data data;
	const char *start, *record;
	double every;
	int plot, list_optimizers;
	enum format format;
};

static int
run_option(int opt, const char *arg, void *data)
{
	struct run_opts *o = data;
	int s = cmd_run_option(&o->set, &o->data, opt, arg);

	if (s >= 0)
		return s;
	switch (opt) {
	case 's': o->start = arg; return 0;
	case OPT_EVERY: return cmd_constant("--every", arg, &o->every);
	case OPT_PLOT: o->plot = 1; return 0;
	case OPT_LIST_OPTIMIZERS: o->list_optimizers = 1; return 0;
	case OPT_RECORD: o->record = arg; return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "table") == 0)
			o->format = FORMAT_TABLE;
		else if (strcmp(arg, "csv") == 0)
			o->format = FORMAT_CSV;
		else if (strcmp(arg, "json") == 0)
			o->format = FORMAT_JSON;
		else
			return cmd_value_error(&cmd_run, "unknown format '%s': use table, "
					       "csv or json", arg);
		return 0;
	}
	return EXIT_USAGE;
}

/*
 * Writes the run's record to path, through a temporary file beside it
 * renamed at the end, so that a failure leaves what was there; 0, or -1
 * after one message.
 */
static int
write_record(const char *path, const struct record_objective *ro, struct objective *obj,
	     const struct run_config *c, const double *start, const struct trajectory *tr)
{
	size_t len = strlen(path) + 16;
	char *tmp = malloc(len);
	FILE *fp;
	int ok;

	if (tmp == NULL) {
		fputs(_("descent run: out of memory\n"), stderr);
		return -1;
	}
	snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
	fp = fopen(tmp, "w");
	if (fp == NULL) {
		fprintf(stderr, _("descent run: cannot write the record %s: %s\n"), path,
			strerror(errno));
		free(tmp);
		return -1;
	}
	ok = record_write(fp, ro, obj, c, start, tr) == 0;
	ok &= fclose(fp) == 0;
	if (ok && rename(tmp, path) != 0)
		ok = 0;
	if (!ok) {
		fprintf(stderr, _("descent run: cannot write the record %s: %s\n"), path,
			strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}

static void
json_number(FILE *fp, double v)
{
	char buf[40];

	if (!isfinite(v)) {
		fputs("null", fp);      /* JSON has no inf or nan */
		return;
	}
	cmd_format_exact(buf, sizeof buf, v);
	fputs(buf, fp);
}

/* A value for CSV: exact, and inf, -inf or nan when it is not finite. */
static void
csv_number(FILE *fp, double v)
{
	char buf[40];

	cmd_format_exact(buf, sizeof buf, v);
	fprintf(fp, ",%s", buf);
}

/* The outcome as a word for machines. */
static const char *
outcome_key(enum run_outcome o)
{
	switch (o) {
	case RUN_CONVERGED: return "converged";
	case RUN_MAX_STEPS: return "max_steps";
	case RUN_DIVERGED: return "diverged";
	case RUN_RUNNING: break;
	}
	return "running";
}

/*
 * The losses of the held-out parts of --split at every recorded step
 * (NULL when a part is empty or there is no split).
 */
struct held_out {
	double *val, *test;
};

/* Past this many parameters, the table and the outcome leave the point out. */
#define TABLE_MAX_PARAMS 6

/* The point w, "x = 1, y = 2", into text (size bytes). */
static void
point_text(char *text, size_t size, struct objective *obj, const double *w)
{
	int n = objective_dim(obj), k;
	size_t len = 0;
	char buf[40];

	if (n > TABLE_MAX_PARAMS) {
		snprintf(text, size, _("a point of %d parameters (--format csv lists them)"), n);
		return;
	}
	text[0] = '\0';
	for (k = 0; k < n && len < size; k++) {
		cmd_format_number(buf, sizeof buf, w[k], 6);
		len += snprintf(text + len, size - len, "%s%s = %s", k ? ", " : "",
				objective_param(obj, k), buf);
	}
}


/* The outcome, in words, for the table. */
static void
print_outcome(struct objective *obj, const struct run_config *c,
	      const struct trajectory *tr)
{
	int n = tr->n, k;
	size_t last = tr->len - 1, flagged = 0, i;
	const double *w = tr->w + last * (size_t)n;
	char f[40], g[40], tol[40], words[160], at[2048];

	cmd_format_number(f, sizeof f, tr->f[last], 6);
	cmd_format_number(g, sizeof g, tr->gnorm[last], 3);
	cmd_format_number(tol, sizeof tol, c->tol, 3);
	/* the words every screen uses, then what only a table has room for */
	analysis_outcome(obj, tr, words, sizeof words);
	switch (tr->outcome) {
	case RUN_CONVERGED: {
		double *lambda = xmalloc((size_t)n * sizeof *lambda);
		int kind = analysis_point_kind(obj, w, lambda);
		printf("%s: |grad| = %s < %s\n", words, g, tol);
		point_text(at, sizeof at, obj, w);
		/* TRANSLATORS: where a run ended: "  at x = 1, y = 2, f = 0.5" */
		printf(_("  at %s, f = %s\n"), at, f);
		if (kind >= 0) {
			char list[400];
			size_t len = 0;
			for (k = 0; k < n && k < 8; k++) {
				char l[40];
				cmd_format_number(l, sizeof l, lambda[k], 4);
				len += snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", l);
			}
			snprintf(list + len, sizeof list - len, "%s", n > 8 ? ", ..." : "");
			/* TRANSLATORS: %s is the list of the eigenvalues: "2, 20" */
			printf(P_("  Hessian eigenvalue %s\n", "  Hessian eigenvalues %s\n", n), list);
		}
		free(lambda);
		break;
	}
	case RUN_MAX_STEPS:
		printf("%s: |grad| = %s\n", words, g);
		point_text(at, sizeof at, obj, w);
		printf(_("  at %s, f = %s\n"), at, f);
		break;
	case RUN_DIVERGED:
		printf("%s\n", words);
		break;
	case RUN_RUNNING:
		break;
	}
	for (i = 0; i < tr->len; i++)
		flagged += tr->flag[i];
	if (c->opt->line_search)
		printf(_("%ld evaluations of f and its gradient, %ld of them by the line "
			 "searches\n"), tr->evals, tr->evals - (long)tr->len);
	if (flagged > 0 && c->opt->line_search)
		/* TRANSLATORS: %s is the optimizer; lines of at most 80 columns */
		printf(P_("%s: at %zu step (marked *) the line search found no step that meets the\n"
			  "Wolfe conditions, or the direction went uphill; it started again from -g.\n",
			  "%s: at %zu steps (marked *) the line search found no step that meets the\n"
			  "Wolfe conditions, or the direction went uphill; it started again from -g.\n",
			  flagged), c->opt->name, flagged);
	else if (flagged > 0)   /* newton */
		/* TRANSLATORS: %s is the optimizer; lines of at most 80 columns */
		printf(P_("%s: the Hessian was not positive definite at %zu step (marked *);\n"
			  "there it used the absolute values of the eigenvalues, to go downhill.\n",
			  "%s: the Hessian was not positive definite at %zu steps (marked *);\n"
			  "there it used the absolute values of the eigenvalues, to go downhill.\n",
			  flagged), c->opt->name, flagged);
}

/*
 * The held-out losses at the end, and where the validation loss was
 * lowest: where early stopping would have stopped.
 */
static void
print_held_out(const struct trajectory *tr, const struct held_out *ho)
{
	char a[40], b[40], c[40];
	size_t i, best = 0;

	if (tr->len == 0 || (ho->val == NULL && ho->test == NULL))
		return;
	cmd_format_number(a, sizeof a, tr->f[tr->len - 1], 6);
	if (ho->val != NULL)
		cmd_format_number(b, sizeof b, ho->val[tr->len - 1], 6);
	if (ho->test != NULL)
		cmd_format_number(c, sizeof c, ho->test[tr->len - 1], 6);
	if (ho->val != NULL && ho->test != NULL)
		printf(_("at the end: training f %s, validation loss %s, test loss %s\n"), a, b, c);
	else if (ho->val != NULL)
		printf(_("at the end: training f %s, validation loss %s\n"), a, b);
	else
		printf(_("at the end: training f %s, test loss %s\n"), a, c);
	if (ho->val == NULL)
		return;
	for (i = 1; i < tr->len; i++)
		if (ho->val[i] < ho->val[best])
			best = i;
	cmd_format_number(a, sizeof a, ho->val[best], 6);
	if (ho->test != NULL) {
		cmd_format_number(b, sizeof b, ho->test[best], 6);
		printf(_("the lowest validation loss, %s, at step %zu (test loss %s there)"), a,
		       best, b);
	} else {
		printf(_("the lowest validation loss, %s, at step %zu"), a, best);
	}
	/* TRANSLATORS: ends the sentence "the lowest validation loss, ..., at step N" */
	printf("%s\n", best + 1 < tr->len ? _(": stopping there is early stopping") : "");
}

static void
print_table(struct objective *obj, const struct run_config *c, const char *what,
	    const struct trajectory *tr, long every, const struct held_out *ho)
{
	int n = tr->n, k;
	size_t i;
	char buf[40];

	if (opt_uses(c->opt, "lr")) {
		cmd_format_number(buf, sizeof buf, c->params.lr, 6);
		/* TRANSLATORS: "gd, lr = 0.1, on x^2": the optimizer, its rate, the objective */
		printf(_("%s, lr = %s, on %s\n"), c->opt->name, buf, what);
	} else {
		printf(_("%s, on %s\n"), c->opt->name, what);
	}
	/* TRANSLATORS: the heading of the column of the step numbers: at most 5 columns */
	cmd_put_column(_("step"), 5);
	for (k = 0; k < n && n <= TABLE_MAX_PARAMS; k++)
		printf(" %12s", objective_param(obj, k));
	printf(" %14s", "f");
	if (ho->val != NULL) {
		putchar(' ');
		/* TRANSLATORS: a column's heading: the validation loss, at most 14 columns */
		cmd_put_column(_("validation"), 14);
	}
	if (ho->test != NULL) {
		putchar(' ');
		/* TRANSLATORS: a column's heading: the test loss, at most 14 columns */
		cmd_put_column(_("test"), 14);
	}
	printf(" %12s\n", "|grad|");
	if (every <= 0)
		every = tr->len <= 41 ? 1 : (long)((tr->len - 2) / 40 + 1);
	for (i = 0; i < tr->len; i++) {
		if (i % (size_t)every != 0 && i != tr->len - 1)
			continue;
		printf("%5zu", i);
		for (k = 0; k < n && n <= TABLE_MAX_PARAMS; k++) {
			cmd_format_number(buf, sizeof buf, tr->w[i * n + k], 6);
			printf(" %12s", buf);
		}
		cmd_format_number(buf, sizeof buf, tr->f[i], 8);
		printf(" %14s", buf);
		if (ho->val != NULL) {
			cmd_format_number(buf, sizeof buf, ho->val[i], 8);
			printf(" %14s", buf);
		}
		if (ho->test != NULL) {
			cmd_format_number(buf, sizeof buf, ho->test[i], 8);
			printf(" %14s", buf);
		}
		cmd_format_number(buf, sizeof buf, tr->gnorm[i], 4);
		printf(" %12s%s\n", buf, tr->flag[i] ? " *" : "");
	}
	print_outcome(obj, c, tr);
	print_held_out(tr, ho);
}

/* The columns of CSV that are not variables, which no variable's may be called. */
static const char *const csv_fixed[] = {
	"step", "f", "grad_norm", "lr", "hessian_modified", NULL,
};

/* Whether s is name after prefixes times "var_". */
static int
is_prefixed(const char *s, int prefixes, const char *name)
{
	for (; prefixes > 0; prefixes--, s += 4)
		if (strncmp(s, "var_", 4) != 0)
			return 0;
	return strcmp(s, name) == 0;
}

/*
 * How many times "var_" goes before the name of variable k in its CSV
 * column: none, unless that name is one of a fixed column; then as many as
 * make the column no fixed column's name and no other variable's.  So f is
 * var_f, and var_var_f when a variable is named var_f.  The columns are
 * unique: a name that gets a prefix is a fixed one, and no fixed name
 * starts with "var_".
 */
static int
csv_prefixes(struct objective *obj, int n, int k)
{
	const char *name = objective_param(obj, k);
	int prefixes, j, clash;

	for (prefixes = 0;; prefixes++) {
		clash = 0;
		for (j = 0; csv_fixed[j] != NULL && !clash; j++)
			clash = is_prefixed(csv_fixed[j], prefixes, name);
		for (j = 0; j < n && !clash && prefixes > 0; j++)
			clash = is_prefixed(objective_param(obj, j), prefixes, name);
		if (!clash)
			return prefixes;
	}
}

static void
print_csv(struct objective *obj, const struct trajectory *tr, const struct held_out *ho)
{
	int n = tr->n, k, p;
	size_t i;

	printf("step");
	for (k = 0; k < n; k++) {
		putchar(',');
		for (p = csv_prefixes(obj, n, k); p > 0; p--)
			fputs("var_", stdout);
		fputs(objective_param(obj, k), stdout);
	}
	printf(",f,grad_norm,lr,hessian_modified%s%s\n", ho->val ? ",val_loss" : "",
	       ho->test ? ",test_loss" : "");
	for (i = 0; i < tr->len; i++) {
		printf("%zu", i);
		for (k = 0; k < n; k++)
			csv_number(stdout, tr->w[i * n + k]);
		csv_number(stdout, tr->f[i]);
		csv_number(stdout, tr->gnorm[i]);
		csv_number(stdout, tr->lr[i]);
		printf(",%d", tr->flag[i]);
		if (ho->val != NULL)
			csv_number(stdout, ho->val[i]);
		if (ho->test != NULL)
			csv_number(stdout, ho->test[i]);
		putchar('\n');
	}
	printf("# %s at step %ld%s%s\n", outcome_key(tr->outcome), tr->step,
	       *tr->reason ? ": " : "", tr->reason);
}

static void
print_json(struct objective *obj, const struct run_config *c, const char *what,
	   const struct trajectory *tr, const struct held_out *ho)
{
	int n = tr->n, k;
	size_t i;
	int first = 1;

	printf("{\"objective\": ");
	json_put_string(stdout, what);
	printf(", \"optimizer\": \"%s\", \"params\": {", c->opt->name);
	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		const char *name = opt_params_table[k].name;
		if (!opt_uses(c->opt, name))
			continue;
		printf("%s\"%s\": ", first ? "" : ", ", name);
		json_number(stdout, opt_param_get(&c->params, k));
		first = 0;
	}
	printf("}, \"variables\": [");
	for (k = 0; k < n; k++) {
		printf("%s", k ? ", " : "");
		json_put_string(stdout, objective_param(obj, k));
	}
	printf("],\n \"steps\": [\n");
	for (i = 0; i < tr->len; i++) {
		printf("  {\"step\": %zu, \"point\": [", i);
		for (k = 0; k < n; k++) {
			printf("%s", k ? ", " : "");
			json_number(stdout, tr->w[i * n + k]);
		}
		printf("], \"f\": ");
		json_number(stdout, tr->f[i]);
		printf(", \"grad_norm\": ");
		json_number(stdout, tr->gnorm[i]);
		printf(", \"lr\": ");
		json_number(stdout, tr->lr[i]);
		if (ho->val != NULL) {
			printf(", \"val_loss\": ");
			json_number(stdout, ho->val[i]);
		}
		if (ho->test != NULL) {
			printf(", \"test_loss\": ");
			json_number(stdout, ho->test[i]);
		}
		printf(", \"hessian_modified\": %s}%s\n", tr->flag[i] ? "true" : "false",
		       i + 1 < tr->len ? "," : "");
	}
	printf(" ],\n \"outcome\": \"%s\", \"final_step\": %ld", outcome_key(tr->outcome),
	       tr->step);
	if (tr->outcome == RUN_DIVERGED) {
		printf(", \"reason\": ");
		json_put_string(stdout, tr->reason);
	}
	if (tr->outcome == RUN_CONVERGED) {
		int kind = analysis_point_kind(obj, tr->w + (tr->len - 1) * (size_t)n, NULL);
		if (kind >= 0)
			printf(", \"kind\": \"%s\"", cp_kind_name((enum cp_kind)kind));
	}
	printf("}\n");
}

/*
 * The loss curve under the table: f against the step, and |grad| too
 * when both are positive and span decades (a logarithmic axis).
 */
static void
plot_loss(const struct trajectory *tr, const struct held_out *ho)
{
	struct plot_opts p;
	struct plot_series s[3] = {
		/* TRANSLATORS: a curve's name in the legend: f on the training data */
		{ ho->val || ho->test ? _("training f") : "f", tr->f, tr->len, 0, 0 },
	};
	struct plot_canvas *c;
	size_t i;
	int positive = 1, ns = 1;

	plot_opts_init(&p);
	cmd_plot_defaults(&p, NULL, 0);
	if (p.height > 18)
		p.height = 18;
	for (i = 0; i < tr->len; i++)
		positive &= tr->f[i] > 0 || !isfinite(tr->f[i]);
	if (ho->val != NULL)
		s[ns++] = (struct plot_series){ _("validation"), ho->val, tr->len, 0, 0 };
	if (ho->test != NULL)
		s[ns++] = (struct plot_series){ _("test"), ho->test, tr->len, 0, 0 };
	if (ns == 1 && positive)        /* no split: the gradient's norm beside f */
		s[ns++] = (struct plot_series){ "|grad|", tr->gnorm, tr->len, 0, 0 };
	c = plot_series(&p, s, ns, -1, ho->val || ho->test ? _("the losses against the step") :
			_("the loss against the step"));
	putchar('\n');
	plot_render_text(c, stdout, p.color);
	plot_canvas_free(c);
}

/* s translated when local, else as it is (for machines). */
static const char *
local_text(int local, const char *s)
{
	return local ? _(s) : s;
}

/*
 * What the run descends, into what: the expression, or the data objective
 * in words, in the learner's language when local (the table), else in
 * English (JSON, which machines read).
 */
static void
describe(char *what, size_t size, int local, const char *expr, const struct run_opts *o,
	 const struct run_config *c, const struct dataset *data, struct objective *obj,
	 const struct cmd_parts *parts)
{
	const char *loss = o->data.loss ? o->data.loss : "mse", *fmt;
	size_t len;

	if (data == NULL) {
		snprintf(what, size, "%s", expr);
		return;
	}
	if (c->batch > 0) {
		/* TRANSLATORS: "the mse of mlp:1-4-1 on 30 examples, mini-batches of 4
		 * (seed 0)": the loss, the model */
		fmt = P_("the %s of %s on %zu example, mini-batches of %zu (seed %llu)",
			 "the %s of %s on %zu examples, mini-batches of %zu (seed %llu)",
			 data->nrows);
		snprintf(what, size, local ? fmt : "the %s of %s on %zu examples, mini-batches "
			 "of %zu (seed %llu)", loss, o->data.model, data->nrows, c->batch,
			 (unsigned long long)c->seed);
	} else {
		/* TRANSLATORS: "the mse of mlp:1-4-1 on 30 examples": the loss, the model */
		fmt = P_("the %s of %s on %zu example", "the %s of %s on %zu examples",
			 data->nrows);
		snprintf(what, size, local ? fmt : "the %s of %s on %zu examples", loss,
			 o->data.model, data->nrows);
	}
	if (objective_l2(obj) > 0) {
		char l2[40];
		len = strlen(what);
		cmd_format_number(l2, sizeof l2, objective_l2(obj), 6);
		/* TRANSLATORS: after "the mse of ... on N examples": the L2 penalty */
		snprintf(what + len, size - len, local_text(local, N_(", plus %s/2 |w|^2")), l2);
	}
	if (o->data.split != NULL) {
		len = strlen(what);
		snprintf(what + len, size - len, local_text(local, N_(" (held out, seed %llu: %zu "
								      "for validation, %zu for "
								      "test)")),
			 (unsigned long long)c->seed,
			 parts->val_data ? parts->val_data->nrows : 0,
			 parts->test_data ? parts->test_data->nrows : 0);
	}
}

static int
run_run(int argc, char **argv)
{
	static const struct option fixed_longopts[] = {
		{ "optimizer", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, 's' },
		{ "steps", required_argument, NULL, 'n' },
		{ "tol", required_argument, NULL, CMD_OPT_TOL },
		{ "bound", required_argument, NULL, CMD_OPT_BOUND },
		{ "schedule", required_argument, NULL, CMD_OPT_SCHEDULE },
		{ "line-search", no_argument, NULL, CMD_OPT_LINE_SEARCH },
		{ "noise", required_argument, NULL, CMD_OPT_NOISE },
		{ "seed", required_argument, NULL, CMD_OPT_SEED },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "every", required_argument, NULL, OPT_EVERY },
		{ "batch", required_argument, NULL, CMD_OPT_BATCH },
		{ "plot", no_argument, NULL, OPT_PLOT },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "list-optimizers", no_argument, NULL, OPT_LIST_OPTIMIZERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct option longopts[sizeof fixed_longopts / sizeof fixed_longopts[0] +
			       CMD_DATA_OPTIONS + OPT_PARAM_COUNT];
	struct run_opts o;
	struct run_config c;
	struct objective *obj = NULL;
	struct dataset *data = NULL;
	struct run *r = NULL;
	double *start = NULL;
	struct cmd_parts parts = { 0 };
	struct held_out ho = { NULL, NULL };
	const char *expr = NULL;
	char what[512];
	struct diag err;
	int first, status;
	long every = 0;

	memset(&o, 0, sizeof o);
	cmd_settings_init(&o.set);
	o.every = NAN;
	cmd_settings_longopts(longopts, fixed_longopts, 1);
	status = cmd_getopt(&cmd_run, argc, argv, "o:s:n:hV", longopts, run_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (o.list_optimizers) {
		/* the optimizer table, a name a line, for scripts and shell completion */
		int i;
		if (first < argc)
			return cmd_usage_error(&cmd_run, "--list-optimizers takes no expression");
		for (i = 0; opt_table[i] != NULL; i++)
			printf("%s\n", opt_table[i]->name);
		return 0;
	}
	if (first < argc)
		expr = argv[first];
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_run, "one expression only (quote it: "
				       "descent run 'x^2 + y^2' ...)");
	if ((status = cmd_settings_config(&cmd_run, &o.set, &c)) != 0)
		return status;
	if ((status = cmd_count(&cmd_run, o.every, "every", 1, 1e9, &every)) != 0)
		return status;
	if (o.plot && o.format != FORMAT_TABLE)
		return cmd_value_error(&cmd_run, "--plot goes with the table format");
	o.data.seed = c.seed;
	obj = cmd_objective_split(&cmd_run, &o.data, expr, !isnan(o.set.batch), &data, &parts,
				  &status);
	if (obj == NULL)
		goto done;
	start = cmd_start(&cmd_run, obj, &o.data, o.start, c.seed, &status);
	if (start == NULL)
		goto done;
	status = EXIT_USAGE;
	if (o.record != NULL && objective_dim(obj) > EXPR_MAX_VARS) {
		/* a record names every parameter, and is read back with at most so many */
		cmd_value_error(&cmd_run, "--record keeps runs of up to %d parameters, and this "
				"model has %d", EXPR_MAX_VARS, objective_dim(obj));
		goto done;
	}
	r = run_new(obj, &c, start, &err);
	if (r == NULL) {
		cmd_value_error(&cmd_run, "%s", err.message);
		goto done;
	}
	run_all(r);
	if (o.record != NULL) {
		struct record_objective ro = { expr, data, o.data.model, LOSS_MSE,
					       NULL };
		if (data != NULL) {
			ro.loss = o.data.loss != NULL ? (enum loss)loss_from_name(o.data.loss) :
				  LOSS_MSE;
			ro.target = o.data.target != NULL ? o.data.target : "y";  /* objective_data's */
		}
		if (write_record(o.record, &ro, obj, &c, start, run_trajectory(r)) != 0) {
			status = EXIT_USER;
			goto done;
		}
	}
	ho.val = cmd_part_losses(parts.val, run_trajectory(r));
	ho.test = cmd_part_losses(parts.test, run_trajectory(r));
	switch (o.format) {
	case FORMAT_TABLE:
		describe(what, sizeof what, 1, expr, &o, &c, data, obj, &parts);
		print_table(obj, &c, what, run_trajectory(r), every, &ho);
		if (o.plot)
			plot_loss(run_trajectory(r), &ho);
		break;
	case FORMAT_CSV: print_csv(obj, run_trajectory(r), &ho); break;
	case FORMAT_JSON:
		describe(what, sizeof what, 0, expr, &o, &c, data, obj, &parts);
		print_json(obj, &c, what, run_trajectory(r), &ho);
		break;
	}
	status = 0;
done:
	run_free(r);
	free(start);
	free(ho.val);
	free(ho.test);
	cmd_parts_free(&parts);
	objective_free(obj);
	dataset_free(data);
	return status;
}

const struct cmd cmd_run = {
	.name = "run",
	/* TRANSLATORS: "or:" lines up under "usage:" */
	.usage = N_("EXPR --start X[,Y...] [--optimizer NAME] [OPTIONS]\n"
		    "   or: descent run --data FILE --model EXPR [--loss NAME] [OPTIONS]\n"
		    "   or: descent run --list-optimizers"),
	.summary = N_("one descent, printed as a table, CSV or JSON"),
	/* TRANSLATORS: lines of at most 80 columns */
	.help = N_(
	"Runs an optimizer on EXPR from the start point and prints the trajectory\n"
	"(step, point, f, |grad|) and the outcome: converged (to which kind of\n"
	"point), stopped at the step limit, or diverged at step k.\n\n"
	"  -o, --optimizer NAME  gd, momentum, nesterov, adagrad, rmsprop, adam, newton,\n"
	"                        bfgs, lbfgs, cg\n"
	"  -s, --start X[,Y...]  the start point, one value per variable\n"
	"      --lr --beta --rho --beta1 --beta2 --eps --damping --memory VALUE\n"
	"                        the optimizer's parameters (descent(1) lists them)\n"
	"  -n, --steps N         the step limit (1000)\n"
	"      --tol T           converged when |grad| < T (1e-6)\n"
	"      --bound B         diverged when |f| or a coordinate passes B (1e8)\n"
	"      --schedule SPEC   constant, step:every=N,factor=F, exp:decay=D,\n"
	"                        cosine:period=N,min=M; each may add ,warmup=N\n"
	"      --line-search     Armijo backtracking (gd and newton)\n"
	"      --noise SIGMA     add normal noise to the gradient ...\n"
	"      --seed S          ... from this seed (0)\n"
	"      --format F        table, csv or json (table)\n"
	"      --every K         print every K-th step of the table\n"
	"      --plot            draw the loss curve under the table\n"
	"      --record FILE     keep the run in FILE, to replay (descent replay)\n"
	"      --list-optimizers the optimizers' names, a line each, for scripts\n\n"
	"Data objectives:\n"
	"      --data FILE       a CSV file with a header row, or a built-in set:\n"
	"                        line, sine, xor, moons, circles (moons,n=100,noise=0.2)\n"
	"      --data-inline CSV the same on the command line: 'x,y;1,2;2,3.5'\n"
	"      --model EXPR      the model, in parameters and columns: 'w0 + w1*x',\n"
	"                        or a network: mlp:2-8-1:tanh\n"
	"      --init HOW        a network's start: glorot (drawn from --seed), glorot:K\n"
	"                        (K times wider), const:C or zeros (glorot)\n"
	"      --loss NAME       mse, cross_entropy or hinge (mse)\n"
	"      --target NAME     the column the model predicts (y)\n"
	"      --params A,B      the parameters' order (of first appearance)\n"
	"      --l2 LAMBDA       add LAMBDA/2 times the sum of squared parameters\n"
	"      --split V,T       hold out fractions V and T of the examples (drawn by\n"
	"                        --seed) and follow their losses: validation and test\n"
	"      --batch N         mini-batch SGD with batches of N, shuffled by --seed\n\n"
	"Example: descent run 'x^2' --start 1 --lr 0.1\n"
	"         descent run --data moons --model mlp:2-8-1 --loss cross_entropy -o adam\n"),
	.run = run_run,
};
