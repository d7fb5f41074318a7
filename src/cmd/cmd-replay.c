/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-replay.c - `descent replay`: runs a recorded run (descent run
 * --record) again and says whether every step came out the same, bit for
 * bit, or which step first differs, where and by how much.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/analysis.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"

static int
replay_option(int opt, const char *arg, void *data)
{
	(void)opt;
	(void)arg;
	(void)data;
	return EXIT_USAGE;
}

/* The distance of a and b in units in the last place (finite, same sign). */
static uint64_t
ulps(double a, double b)
{
	int64_t ia, ib;

	memcpy(&ia, &a, sizeof ia);
	memcpy(&ib, &b, sizeof ib);
	if (ia < 0)
		ia = INT64_MIN - ia;
	if (ib < 0)
		ib = INT64_MIN - ib;
	return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

/* "momentum (lr = 0.1, beta = 0.9) on x^2 + 10*y^2 from (1, 0.1)" */
static void
describe(const struct run_record *rec)
{
	const struct run_config *c = &rec->config;
	char v[40], pt[160], *what;
	int k, first = 1;

	printf("%s (", c->opt->name);
	for (k = 0; k < OPT_PARAM_COUNT; k++) {
		if (!opt_uses(c->opt, opt_params_table[k].name))
			continue;
		cmd_format_number(v, sizeof v, opt_param_get(&c->params, k), 6);
		printf("%s%s = %s", first ? "" : ", ", opt_params_table[k].name, v);
		first = 0;
	}
	if (c->noise > 0) {
		cmd_format_number(v, sizeof v, c->noise, 6);
		/* TRANSLATORS: items of a list after the optimizer's parameters */
		printf(_(", noise %s"), v);
	}
	if (c->batch > 0)
		printf(_(", batches of %zu"), c->batch);
	if (c->noise > 0 || c->batch > 0)
		printf(_(", seed %llu"), (unsigned long long)c->seed);
	what = text_safe(rec->function != NULL ? rec->function : rec->model);
	printf(")\n  ");
	if (rec->n <= 2) {
		analysis_point_text(pt, sizeof pt, rec->start, rec->n);
		/* TRANSLATORS: "on x^2 + 10*y^2, from (1, 0.1)" */
		printf(rec->data != NULL ? _("on the data, model %s, from %s\n") :
		       _("on %s, from %s\n"), what, pt);
	} else if (rec->data != NULL) {
		printf(P_("on the data, model %s, %d variable\n",
			  "on the data, model %s, %d variables\n", rec->n), what, rec->n);
	} else {
		printf(P_("on %s, %d variable\n", "on %s, %d variables\n", rec->n), what, rec->n);
	}
	free(what);
}

/* How a run ended, and at which step: "converged at step 12". */
static void
outcome_text(char *buf, size_t size, enum run_outcome o, long step)
{
	snprintf(buf, size, o == RUN_CONVERGED ? _("converged at step %ld") :
		 o == RUN_DIVERGED ? _("diverged at step %ld") :
		 o == RUN_MAX_STEPS ? _("stopped at the step limit at step %ld") :
		 _("still running at step %ld"), step);
}

/* The numeric mode of the record and of this program, when they differ. */
static void
numeric_mode(const struct run_record *rec)
{
	const char *k = expr_kernels(), *m = expr_kernels_math();
	char *rk, *rm;
	int i, usable = 0;

	if (rec->kernels == NULL || rec->math == NULL)
		return;
	if (strcmp(rec->kernels, k) == 0 && strcmp(rec->math, m) == 0)
		return;
	rk = text_safe(rec->kernels);
	rm = text_safe(rec->math);
	printf(_("recorded with the kernels %s (%s), replayed with %s (%s):\n"
		 "their vector math may differ in the last bits"), rk, rm, k, m);
	for (i = 0; expr_kernels_usable(i) != NULL; i++)
		usable |= strcmp(expr_kernels_usable(i), rec->kernels) == 0;
	if (usable)
		/* TRANSLATORS: follows "... may differ in the last bits" */
		printf(_("; DESCENT_KERNELS=%s replays with the record's"), rk);
	printf("\n");
	free(rk);
	free(rm);
}

static int
replay_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_record rec;
	struct record_diff d;
	struct diags ds;
	struct diag err;
	char *file, *prog;
	int first, status, n;

	status = cmd_getopt(&cmd_replay, argc, argv, "hV", longopts, replay_option, NULL, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first >= argc)
		return cmd_usage_error(&cmd_replay, "missing the record to replay");
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_replay, "one record at a time");
	diags_init(&ds);
	if (record_read(argv[first], &rec, &ds) < 0) {
		diags_print(&ds, stderr);
		diags_done(&ds);
		return EXIT_USER;
	}
	diags_done(&ds);
	if (record_replay(&rec, &d, &err) < 0) {
		file = text_safe(argv[first]);
		fprintf(stderr, _("descent replay: %s: the run cannot be made again: %s\n"), file,
			err.message);
		free(file);
		run_record_free(&rec);
		return EXIT_USER;
	}
	file = text_safe(argv[first]);
	prog = text_safe(rec.program != NULL ? rec.program : _("an unknown program"));
	printf(_("%s, recorded by %s:\n"), file, prog);
	printf("  ");
	free(file);
	free(prog);
	describe(&rec);
	numeric_mode(&rec);
	n = rec.n;
	status = EXIT_USER;
	if (d.step < 0 && rec.tr.outcome == RUN_RUNNING) {
		printf(P_("every step reproduced bit for bit: the point, f and |grad| of all %zu "
			  "steps;\nthe record ends there, the run still going\n",
			  "every step reproduced bit for bit: the point, f and |grad| of all %zu "
			  "steps;\nthe record ends there, the run still going\n", d.len_recorded),
		       d.len_recorded);
		status = 0;
	} else if (d.step < 0) {
		char end[96];
		outcome_text(end, sizeof end, d.outcome, d.end_step);
		/* TRANSLATORS: %s: "converged at step 12" */
		printf(P_("every step reproduced bit for bit: the point, f and |grad| of all %zu "
			  "steps;\n%s, as recorded\n",
			  "every step reproduced bit for bit: the point, f and |grad| of all %zu "
			  "steps;\n%s, as recorded\n", d.len_recorded), d.len_recorded, end);
		status = 0;
	} else if (d.what < 0) {
		size_t same = d.step < (long)d.len_recorded ? (size_t)d.step : d.len_recorded;
		char end1[96], end2[96];
		outcome_text(end1, sizeof end1, rec.tr.outcome, rec.tr.step);
		outcome_text(end2, sizeof end2, d.outcome, d.end_step);
		printf(P_("the first %zu steps reproduced bit for bit, but the run ends "
			  "differently:\n", "the first %zu steps reproduced bit for bit, but the "
			  "run ends differently:\n", same), same);
		/* TRANSLATORS: "recorded: converged at step 12 (13 steps); replayed: ..." */
		printf(_("recorded: %s (%zu steps); replayed: %s (%zu steps)\n"), end1,
		       d.len_recorded, end2, d.len_replayed);
	} else {
		char a[40], b[40], diff[40], *name;
		name = text_safe(d.what < n ? rec.vars[d.what] : d.what == n ? "f" : "|grad|");
		snprintf(a, sizeof a, "%.17g", d.recorded);
		snprintf(b, sizeof b, "%.17g", d.replayed);
		/* TRANSLATORS: %2$s is a variable's name, f or |grad| */
		printf(d.what < n ? _("step %ld differs, the first that does: the coordinate %s was "
				      "%s in the record,\n%s in the replay") :
		       _("step %ld differs, the first that does: %s was %s in the record,\n"
			 "%s in the replay"), d.step, name, a, b);
		if (isfinite(d.recorded) && isfinite(d.replayed)) {
			cmd_format_number(diff, sizeof diff, d.replayed - d.recorded, 3);
			printf(_(" (a difference of %s"), diff);
			if (signbit(d.recorded) == signbit(d.replayed))
				printf(", %llu ulp", (unsigned long long)ulps(d.recorded, d.replayed));
			printf(")");
		}
		printf("\n");
		free(name);
	}
	run_record_free(&rec);
	return status;
}

const struct cmd cmd_replay = {
	.name = "replay",
	.usage = "FILE",
	.summary = N_("run a recorded run again and compare it, step by step"),
	.help = N_(
	"Runs the run recorded in FILE (descent run --record FILE) again, with the\n"
	"objective, the optimizer, the settings, the seed and the start of the\n"
	"record, and compares every step's point, f and |grad| with the record,\n"
	"bit for bit.  Prints that all were reproduced (exit status 0), or the\n"
	"first step that differs, what differs and by how much (exit status 1).\n"
	"descent(1), RECORDED RUNS, describes the file.\n\n"
	"Example: descent run 'x^2' --start 1 --lr 0.1 --record run.jsonl\n"
	"         descent replay run.jsonl\n"),
	.run = replay_run,
};
