/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-record.c - recorded runs: record, read back and replay
 * gives every step bit for bit, for every optimizer, with schedules, the
 * line search, gradient noise and mini-batches; a step changed in the
 * record is found, with its coordinate; a broken record is refused at
 * its line and column, and so is a record of a newer version.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/data.h"
#include "descent/lesson.h"
#include "unit-helpers.h"

/* Runs c on o from start and writes its record into a string (the caller frees it). */
static char *
record_text(struct objective *o, const struct record_objective *ro,
	    const struct run_config *c, const double *start, size_t *len)
{
	struct diag err = { .message = "" };
	struct run *r = run_new(o, c, start, &err);
	char *buf = NULL;
	FILE *fp;

	cr_assert_not_null(r, "%s", err.message);
	run_all(r);
	fp = open_memstream(&buf, len);
	cr_assert_not_null(fp);
	cr_assert_eq(record_write(fp, ro, o, c, start, run_trajectory(r)), 0);
	cr_assert_eq(fclose(fp), 0);
	run_free(r);
	return buf;
}

/* Reads text as a record; asserts that it is one. */
static void
parse_ok(const char *text, size_t len, struct run_record *rec)
{
	struct diags ds;

	diags_init(&ds);
	if (record_parse(text, len, "rec", rec, &ds) < 0) {
		diags_print(&ds, stderr);
		cr_assert_fail("the record does not read back");
	}
	diags_done(&ds);
}

/* Record, read back, replay: the same run, bit for bit. */
static void
round_trip(struct objective *o, const struct record_objective *ro, const struct run_config *c,
	   const double *start, const char *what)
{
	struct run_record rec;
	struct record_diff d;
	struct diag err = { .message = "" };
	size_t len;
	char *text = record_text(o, ro, c, start, &len);

	parse_ok(text, len, &rec);
	cr_assert_eq(record_replay(&rec, &d, &err), 0, "%s: %s", what, err.message);
	cr_expect_eq(d.step, -1, "%s: step %ld differs (%d): %.17g recorded, %.17g replayed",
		     what, d.step, d.what, d.recorded, d.replayed);
	cr_expect_gt(d.len_recorded, 2, "%s: %zu steps", what, d.len_recorded);
	cr_expect_eq(d.len_recorded, d.len_replayed, "%s", what);
	run_record_free(&rec);
	free(text);
}

Test(record, every_optimizer_replays_bit_for_bit)
{
	struct objective *o = make_objective("(1 - x)^2 + 100*(y - x^2)^2 + sin(3*x)*exp(-y^2)");
	struct record_objective ro = { "(1 - x)^2 + 100*(y - x^2)^2 + sin(3*x)*exp(-y^2)",
				       NULL, NULL, LOSS_MSE, NULL };
	double start[2] = { -1.2, 1 };
	int i;

	for (i = 0; opt_table[i] != NULL; i++) {
		struct run_config c;
		run_config_init(&c, opt_table[i]);
		c.params.lr = strcmp(opt_table[i]->name, "newton") == 0 ? 1 :
			      strcmp(opt_table[i]->name, "adagrad") == 0 ? 0.1 : 0.0005;
		c.max_steps = 300;
		round_trip(o, &ro, &c, start, opt_table[i]->name);
		if (opt_table[i]->line_search)
			continue;       /* the quasi-Newton family takes no noise */
		c.noise = 0.3;          /* gradient noise from a seed */
		c.seed = 42;
		round_trip(o, &ro, &c, start, opt_table[i]->name);
	}
	objective_free(o);
}

Test(record, schedules_and_the_line_search_replay)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct record_objective ro = { "x^2 + 10*y^2", NULL, NULL, LOSS_MSE, NULL };
	struct diag err;
	double start[2] = { 1, 1 };
	struct run_config c;

	run_config_init(&c, opt_find("momentum"));
	cr_assert_eq(sched_parse("cosine:period=50,min=0.001,warmup=5", &c.sched, &err), 0);
	round_trip(o, &ro, &c, start, "momentum, cosine schedule with warmup");
	run_config_init(&c, opt_find("gd"));
	c.params.lr = 0.5;
	c.line_search = 1;
	round_trip(o, &ro, &c, start, "gd, line search");
	run_config_init(&c, opt_find("gd"));
	c.params.lr = 0.3;      /* past 2/20: diverges */
	round_trip(o, &ro, &c, start, "gd, diverging");
	objective_free(o);
}

Test(record, mini_batches_with_noise_replay)
{
	static const char csv[] = "x,y\n0,1\n1,2.9\n2,5.2\n3,7\n4,9.1\n5,10.8\n6,13.2\n";
	struct diag err = { .message = "" };
	struct dataset *d = dataset_parse_csv(csv, strlen(csv), "data", &err);
	struct objective *o;
	struct record_objective ro = { NULL, NULL, "w*x + b", LOSS_MSE, "y" };
	double start[2] = { 0, 0 };
	struct run_config c;

	cr_assert_not_null(d, "%s", err.message);
	ro.data = d;
	o = objective_data(d, "w*x + b", LOSS_MSE, NULL, NULL, 0, &err);
	cr_assert_not_null(o, "%s", err.message);
	run_config_init(&c, opt_find("adam"));
	c.params.lr = 0.05;
	c.batch = 3;
	c.noise = 0.05;
	c.seed = 9;
	c.max_steps = 400;
	round_trip(o, &ro, &c, start, "adam, batches of 3, noise");
	run_config_init(&c, opt_find("momentum"));
	c.params.lr = 0.01;
	c.batch = 2;
	c.seed = 1234567;
	round_trip(o, &ro, &c, start, "momentum, batches of 2");
	objective_free(o);
	dataset_free(d);
}

/* One coordinate changed by one ulp in the record: found, at its step. */
Test(record, a_changed_step_is_found)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct record_objective ro = { "x^2 + 10*y^2", NULL, NULL, LOSS_MSE, NULL };
	double start[2] = { 1, 1 };
	struct run_config c;
	struct run_record rec;
	struct record_diff d;
	struct diag err;
	size_t len;
	char *text;

	run_config_init(&c, opt_find("gd"));
	c.params.lr = 0.05;
	text = record_text(o, &ro, &c, start, &len);
	parse_ok(text, len, &rec);
	rec.tr.w[17 * 2 + 1] = nextafter(rec.tr.w[17 * 2 + 1], INFINITY);
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect_eq(d.step, 17);
	cr_expect_eq(d.what, 1, "the coordinate y");
	cr_expect_eq(d.recorded, nextafter(d.replayed, INFINITY));
	rec.tr.w[17 * 2 + 1] = d.replayed;
	rec.tr.gnorm[30] *= 2;
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect(d.step == 30 && d.what == 3, "|grad| at step 30: %ld, %d", d.step, d.what);
	rec.tr.gnorm[30] /= 2;
	rec.tr.len -= 5;        /* cut short, yet an end line */
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect(d.step == (long)rec.tr.len && d.what == -1, "the end: %ld, %d", d.step, d.what);
	rec.tr.len += 5;
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect_eq(d.step, -1);
	run_record_free(&rec);
	free(text);
	objective_free(o);
}

/* A run kept while it went on: its steps replay, however it would end. */
Test(record, a_run_still_going_replays_its_steps)
{
	struct objective *o = make_objective("x^2 + 10*y^2");
	struct record_objective ro = { "x^2 + 10*y^2", NULL, NULL, LOSS_MSE, NULL };
	double start[2] = { 1, 1 };
	struct run_config c;
	struct run_record rec;
	struct record_diff d;
	struct diag err;
	struct run *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	run_config_init(&c, opt_find("adam"));
	r = run_new(o, &c, start, &err);
	cr_assert_not_null(r);
	for (i = 0; i < 40; i++)
		run_step(r);
	cr_assert_eq(run_trajectory(r)->outcome, RUN_RUNNING);
	fp = open_memstream(&buf, &len);
	cr_assert_eq(record_write(fp, &ro, o, &c, start, run_trajectory(r)), 0);
	fclose(fp);
	cr_expect(strstr(buf, "{\"end\": \"running\", \"step\": ") != NULL);
	parse_ok(buf, len, &rec);
	cr_expect_eq(rec.tr.len, 40);
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect(d.step == -1 && d.len_replayed == 40, "step %ld, %zu replayed", d.step,
		  d.len_replayed);
	rec.tr.w[39 * 2] += 1;
	cr_assert_eq(record_replay(&rec, &d, &err), 0);
	cr_expect(d.step == 39 && d.what == 0, "the last step: %ld, %d", d.step, d.what);
	run_record_free(&rec);
	run_free(r);
	free(buf);
	objective_free(o);
}

/* Non-finite values are strings, and read back. */
Test(record, infinities_read_back)
{
	static const char text[] =
		"{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x^2\", "
		"\"variables\": [\"x\"], \"optimizer\": \"gd\", \"steps\": 10, \"start\": [1]}\n"
		"{\"step\": 0, \"point\": [\"-inf\"], \"f\": \"inf\", \"grad_norm\": \"nan\", "
		"\"lr\": 0.1}\n"
		"{\"end\": \"diverged\", \"step\": 0}\n";
	struct run_record rec;

	parse_ok(text, strlen(text), &rec);
	cr_expect(isinf(rec.tr.w[0]) && rec.tr.w[0] < 0);
	cr_expect(isinf(rec.tr.f[0]) && rec.tr.f[0] > 0);
	cr_expect(isnan(rec.tr.gnorm[0]));
	cr_expect_eq(rec.tr.outcome, RUN_DIVERGED);
	run_record_free(&rec);
}

#define HEAD "{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x^2\", " \
	     "\"variables\": [\"x\"], \"optimizer\": \"gd\", \"steps\": 10, \"start\": [1]}\n"
#define STEP0 "{\"step\": 0, \"point\": [1], \"f\": 1, \"grad_norm\": 2, \"lr\": 0.1}\n"
#define END "{\"end\": \"converged\", \"step\": 0}\n"

/* Broken records: each refused, its first message at its line and column. */
Test(record, broken_records_are_refused_at_their_line)
{
	static const struct {
		const char *text;
		int line, column;
		const char *message;
	} cases[] = {
		{ "", 1, 1, "an empty record" },
		{ "{\"a\": 1}\n", 1, 1, "not a record of descent" },
		{ "[1, 2]\n", 1, 1, "each line of a record is a JSON object" },
		{ "{\"format\": \"descent-record\", \"version\": 3}\n", 1, 41,
		  "version 3 of the format, and this descent reads version 1" },
		{ HEAD STEP0, 2, 1, "ends without its end line" },
		{ HEAD "{\"step\": 0, \"point\": [1, 2], \"f\": 1, \"grad_norm\": 2, \"lr\": 0.1}\n" END,
		  2, 22, "\"point\" must be an array of 1 number" },
		{ HEAD STEP0 "{\"step\": 5, \"point\": [1], \"f\": 1, \"grad_norm\": 2, \"lr\": 0.1}\n"
		  END, 3, 10, "step 5 where step 1 was due" },
		{ HEAD STEP0 "{\"step\": 1, \"point\": [1], \"f\": \"big\", \"grad_norm\": 2, "
		  "\"lr\": 0.1}\n" END, 3, 32, "\"f\" must be a number" },
		{ HEAD STEP0 "{\"step\": 1, \"point\": [1], \"f\": 1, \"grad_norm\": 2, \"lr\": 0.1\n"
		  END, 3, 1, "not closed" },
		{ HEAD STEP0 END STEP0, 4, 1, "a line after the end line" },
		{ HEAD END, 2, 1, "no steps" },
		{ HEAD STEP0 "{\"end\": \"done\", \"step\": 0}\n", 3, 9, "\"end\" must be" },
		{ HEAD STEP0 "{\"end\": 3, \"step\": 0}\n", 3, 9, "\"end\" must be" },
		{ "{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x^2\", "
		  "\"variables\": [\"x\"], \"optimizer\": \"sgd9\", \"steps\": 10, \"start\": [1]}\n"
		  STEP0 END, 1, 96, "sgd9" },
		{ "{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x^2\", "
		  "\"variables\": [\"x\"], \"optimizer\": \"gd\", \"params\": {\"beta\": 0.9}, "
		  "\"steps\": 10, \"start\": [1]}\n" STEP0 END, 1, 113, "gd has no parameter \"beta\"" },
		{ "{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x*y\", "
		  "\"variables\": [\"x\", \"x\"], \"optimizer\": \"gd\", \"steps\": 10, "
		  "\"start\": [1, 1]}\n" STEP0 END, 1, 82, "the variable x is named twice" },
		{ "{\"format\": \"descent-record\", \"version\": 1, \"function\": \"x\", "
		  "\"variables\": [\"pi\"], \"optimizer\": \"gd\", \"steps\": 10, "
		  "\"start\": [1]}\n" STEP0 END, 1, 75, "\"pi\" cannot name a variable" },
		{ "{\"format\": \"descent-record\", \"version\": 1, \"variables\": [\"x\"], "
		  "\"optimizer\": \"gd\", \"steps\": 10, \"start\": [1]}\n" STEP0 END, 1, 1,
		  "needs a \"function\" or \"data\"" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run_record rec;
		struct diags ds;

		diags_init(&ds);
		cr_expect_eq(record_parse(cases[i].text, strlen(cases[i].text), "rec", &rec, &ds),
			     -1, "case %zu was read", i);
		cr_assert_geq(ds.n, 1, "case %zu: no message", i);
		cr_expect(ds.d[0].line == cases[i].line && ds.d[0].column == cases[i].column &&
			  strstr(ds.d[0].message, cases[i].message) != NULL,
			  "case %zu: %d:%d: %s; wanted %d:%d: ...%s...", i, ds.d[0].line,
			  ds.d[0].column, ds.d[0].message, cases[i].line, cases[i].column,
			  cases[i].message);
		cr_expect_null(rec.tr.w, "case %zu: the record is left empty", i);
		diags_done(&ds);
	}
}
