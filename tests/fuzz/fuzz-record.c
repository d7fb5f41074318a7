/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-record.c - libFuzzer target for recorded runs: any bytes are read
 * as a record.  A record refused says why at least once and is left
 * empty; one accepted has between 1 and its step limit + 1 steps, each of
 * its variables' count, and when its run can be made again, the replay
 * stays within the record's length and a step beyond; written back, it
 * reads back the same, bit for bit.
 *
 *   tests/fuzz/fuzz-record -max_total_time=600 tests/fuzz/corpus-record
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* Writes rec back and reads it again: the same steps and settings. */
static void
write_back(const struct run_record *rec, struct objective *o)
{
	struct record_objective ro = { rec->function, rec->data, rec->model, rec->loss,
				       rec->target };
	struct run_record again;
	struct diags ds;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL || record_write(fp, &ro, o, &rec->config, rec->start, &rec->tr) != 0 ||
	    fclose(fp) != 0)
		abort();
	diags_init(&ds);
	if (record_parse(buf, len, "again", &again, &ds) != 0 || ds.n != 0)
		abort();
	if (again.n != rec->n || again.tr.len != rec->tr.len ||
	    again.tr.outcome != rec->tr.outcome || again.tr.step != rec->tr.step ||
	    again.config.opt != rec->config.opt || again.config.max_steps != rec->config.max_steps)
		abort();
	for (i = 0; i < rec->tr.len * (size_t)rec->n; i++)
		if (!same(again.tr.w[i], rec->tr.w[i]))
			abort();
	for (i = 0; i < rec->tr.len; i++)
		if (!same(again.tr.f[i], rec->tr.f[i]) || !same(again.tr.gnorm[i], rec->tr.gnorm[i]))
			abort();
	run_record_free(&again);
	diags_done(&ds);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run_record rec;
	struct record_diff d;
	struct diags ds;
	struct diag err;
	struct objective *o;

	if (size > 65536)
		return 0;
	diags_init(&ds);
	if (record_parse((const char *)data, size, "fuzz", &rec, &ds) != 0) {
		if (ds.n == 0 || rec.tr.w != NULL || rec.n != 0)
			abort();
		diags_done(&ds);
		return 0;
	}
	if (ds.n != 0 || rec.tr.len < 1 || rec.tr.len > (size_t)rec.config.max_steps + 1 ||
	    rec.n < 1 || rec.n > EXPR_MAX_VARS)
		abort();
	o = record_objective(&rec, &err);
	if (o != NULL) {
		write_back(&rec, o);
		if (rec.tr.len <= 2000 && record_replay(&rec, &d, &err) == 0 &&
		    d.len_replayed > d.len_recorded + 1)
			abort();
		objective_free(o);
	}
	run_record_free(&rec);
	diags_done(&ds);
	return 0;
}
