/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-expr.c - libFuzzer target for the expression engine: parse, print
 * and parse back, differentiate, compile, and evaluate through both
 * entries.  Besides crashes and sanitizer reports, it aborts when an
 * error has a column outside the text, when printed text does not parse
 * back, or when the batch entry differs from the scalar entry in a bit.
 *
 * Inputs up to EXPR_MAX_LENGTH bytes are read (libFuzzer needs
 * -max_len=4096 to make them); long ones are evaluated at fewer points.
 *
 * Build with `make fuzz`; run e.g.
 *   tests/fuzz/fuzz-expr -max_len=4096 -max_total_time=300 tests/fuzz/corpus-expr
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"

#define NPOINTS 5

/*
 * Inputs up to the language's own limit are read; the longer one is, the
 * fewer points it is evaluated at, so that each run stays fast.
 */
static void
check_program(struct expr *e, unsigned what, int npoints, const uint8_t *data, size_t size)
{
	struct diag err;
	struct expr_program *p = expr_compile(e, what, &err);
	int nv = expr_nvars(e), nout, i, k;
	double x[NPOINTS][EXPR_MAX_VARS], *cols[EXPR_MAX_VARS];
	double *outs[NPOINTS], *bout[64 + EXPR_MAX_VARS + 1];

	if (p == NULL)
		return;
	nout = expr_program_nout(p);
	for (i = 0; i < npoints; i++) {
		for (k = 0; k < nv; k++) {
			/* points from the input's bytes: small, large, zero, negative */
			uint8_t b = size ? data[(i * 7 + k * 3) % size] : 0;
			x[i][k] = (b % 2 ? -1.0 : 1.0) * (b / 2) * (b & 64 ? 1e3 : 0.25);
		}
		outs[i] = malloc(nout * sizeof(double));
		expr_eval(p, x[i], outs[i]);
	}
	for (k = 0; k < nv; k++) {
		cols[k] = malloc(NPOINTS * sizeof(double));
		for (i = 0; i < npoints; i++)
			cols[k][i] = x[i][k];
	}
	for (k = 0; k < nout; k++)
		bout[k] = malloc(NPOINTS * sizeof(double));
	expr_eval_batch(p, npoints, (const double *const *)cols, bout);
	for (k = 0; k < nout; k++)
		for (i = 0; i < npoints; i++)
			if (memcmp(&bout[k][i], &outs[i][k], sizeof(double)) != 0) {
				fprintf(stderr, "batch and scalar differ: output %d point %d\n", k, i);
				abort();
			}
	for (k = 0; k < nout; k++)
		free(bout[k]);
	for (k = 0; k < nv; k++)
		free(cols[k]);
	for (i = 0; i < npoints; i++)
		free(outs[i]);
	expr_program_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag err;
	struct expr *e, *back;
	const char *vars[EXPR_MAX_VARS];
	char *src, *text;
	int nv, i;

	if (size > EXPR_MAX_LENGTH)
		return 0;
	src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	e = expr_parse(src, NULL, 0, &err);
	if (e == NULL) {
		if (err.column < 0 || (size_t)err.column > strlen(src) + 1)
			abort();
		free(src);
		return 0;
	}
	nv = expr_nvars(e);
	for (i = 0; i < nv; i++)
		vars[i] = expr_var_name(e, i);
	text = expr_to_string(e, expr_root(e), 1 << 16, &err);
	if (text != NULL) {
		back = expr_parse(text, vars, nv, &err);
		if (back == NULL && strlen(text) <= EXPR_MAX_LENGTH &&
		    strstr(err.message, "nested too deeply") == NULL) {
			fprintf(stderr, "printed text does not parse back:\n%s\n%s\n",
				text, err.message);
			abort();
		}
		expr_free(back);
		free(text);
	}
	check_program(e, nv <= 3 && size <= 200 ? EXPR_HESS : EXPR_GRAD,
		      size <= 400 ? NPOINTS : 2, data, size);
	expr_free(e);
	free(src);
	return 0;
}
