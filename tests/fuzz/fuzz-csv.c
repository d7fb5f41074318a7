/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-csv.c - libFuzzer target for the CSV data loader and the data
 * objective built on it: any bytes are parsed; a data set that loads is
 * checked (rectangular, finite numbers, valid names) and, when it has a
 * column y, fitted with a line model for a few gradient steps.  Errors
 * must have a line and column inside the text.
 *
 *   tests/fuzz/fuzz-csv -max_total_time=300 tests/fuzz/corpus-csv
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/objective.h"
#include "descent/optim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag err;
	struct dataset *d;
	size_t i, lines = 1;
	int j;

	if (size > 4096)
		return 0;
	for (i = 0; i < size; i++)     /* \n, \r\n and a lone \r end a line */
		lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	d = dataset_parse_csv((const char *)data, size, "fuzz", &err);
	if (d == NULL) {
		if (err.line < 0 || (size_t)err.line > lines || err.column < 0 ||
		    (size_t)err.column > size + 1 || err.message[0] == '\0')
			abort();
		return 0;
	}
	for (j = 0; j < d->ncols; j++)
		for (i = 0; i < d->nrows; i++)
			if (!isfinite(d->col[j][i]))
				abort();
	if (dataset_column(d, "y") >= 0 && d->ncols >= 2) {
		char model[128];
		struct diag eerr;
		struct objective *o;
		const char *x = strcmp(d->names[0], "y") == 0 ? d->names[1] : d->names[0];

		snprintf(model, sizeof model, "w0 + w1*%s", x);
		o = objective_data(d, model, LOSS_MSE, NULL, NULL, 0, &eerr);
		if (o != NULL) {
			struct run_config c;
			double start[2] = { 0, 0 };
			struct diag e;
			struct run *r;
			run_config_init(&c, &opt_adam);
			c.max_steps = 5;
			r = run_new(o, &c, start, &e);
			if (r != NULL)
				run_all(r);
			run_free(r);
			objective_free(o);
		}
	}
	dataset_free(d);
	return 0;
}
