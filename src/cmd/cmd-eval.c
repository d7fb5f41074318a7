/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-eval.c - `descent eval EXPR [NAME=VALUE ...]`: the value, gradient
 * and Hessian of an expression at a point.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/expr.h"
#include "descent/i18n.h"

/* Reads "NAME=VALUE" where VALUE is a constant expression. */
static int
parse_assignment(const char *arg, char *name, size_t size, double *value)
{
	const char *eq = strchr(arg, '=');
	struct diag err;
	struct expr *e;
	size_t len;

	if (eq == NULL || eq == arg) {
		fprintf(stderr, _("descent eval: '%s' is not an assignment: write NAME=VALUE, "
				  "as in x=1.5\n"), arg);
		return EXIT_USAGE;
	}
	len = (size_t)(eq - arg);
	if (len >= size) {
		fprintf(stderr, _("descent eval: the name in '%s' is too long\n"), arg);
		return EXIT_USER;
	}
	memcpy(name, arg, len);
	name[len] = '\0';
	e = expr_parse(eq + 1, (const char *const[]){ NULL }, 0, &err);
	if (e == NULL) {
		char prefix[300];
		snprintf(prefix, sizeof prefix, _("descent: in the value of %s"), name);
		diag_print_source(stderr, prefix, eq + 1, &err);
		return EXIT_USER;
	}
	if (!expr_is_const(e, expr_root(e), value)) {
		expr_free(e);
		fprintf(stderr, _("descent: the value of %s is not a constant\n"), name);
		return EXIT_USER;
	}
	expr_free(e);
	return 0;
}

static void
print_vector(const double *v, int n)
{
	int i;

	fputc('(', stdout);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", stdout);
		cmd_print_number(stdout, v[i]);
	}
	fputc(')', stdout);
}

static int
eval_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *src;
	struct diag err;
	struct expr *e = NULL;
	struct expr_program *p = NULL;
	double x[EXPR_MAX_VARS], *out = NULL;
	char given[EXPR_MAX_VARS] = { 0 };
	int first, status, nv, i, j;

	status = cmd_getopt(&cmd_eval, argc, argv, "hV", longopts, NULL, NULL, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first >= argc)
		return cmd_usage_error(&cmd_eval, "missing the expression");
	src = argv[first];
	e = expr_parse(src, NULL, 0, &err);
	if (e == NULL) {
		diag_print_source(stderr, "descent", src, &err);
		return EXIT_USER;
	}
	nv = expr_nvars(e);
	status = EXIT_USER;
	for (i = first + 1; i < argc; i++) {
		char name[64];
		double value;
		int v, s = parse_assignment(argv[i], name, sizeof name, &value);
		if (s != 0) {
			status = s;
			goto done;
		}
		v = expr_var_index(e, name);
		if (v < 0) {
			fprintf(stderr, _("descent: error: '%s' is not a variable of the "
					  "expression\n"), name);
			goto done;
		}
		if (given[v]) {
			fprintf(stderr, _("descent: error: %s is given twice\n"), name);
			goto done;
		}
		given[v] = 1;
		x[v] = value;
	}
	for (i = 0; i < nv; i++) {
		if (!given[i]) {
			fprintf(stderr, _("descent: error: no value for %s: add %s=VALUE\n"),
				expr_var_name(e, i), expr_var_name(e, i));
			goto done;
		}
	}
	p = expr_compile(e, EXPR_HESS, &err);
	if (p == NULL) {
		diag_print_source(stderr, "descent", NULL, &err);
		goto done;
	}
	out = calloc(expr_program_nout(p), sizeof *out);
	if (out == NULL)
		goto done;
	expr_eval(p, x, out);
	fputs("f = ", stdout);
	cmd_print_number(stdout, out[0]);
	fputc('\n', stdout);
	if (nv == 1) {
		const char *n = expr_var_name(e, 0);
		printf("df/d%s = ", n);
		cmd_print_number(stdout, out[1]);
		printf("\nd2f/d%s2 = ", n);
		cmd_print_number(stdout, out[2]);
		fputc('\n', stdout);
	} else if (nv > 1) {
		fputs("grad = ", stdout);
		print_vector(out + 1, nv);
		fputs("\nhessian = [", stdout);
		for (i = 0; i < nv; i++) {
			if (i > 0)
				fputs(", ", stdout);
			fputc('[', stdout);
			for (j = 0; j < nv; j++) {
				if (j > 0)
					fputs(", ", stdout);
				cmd_print_number(stdout, out[1 + nv + i * nv + j]);
			}
			fputc(']', stdout);
		}
		fputs("]\n", stdout);
	}
	status = 0;
done:
	free(out);
	expr_program_free(p);
	expr_free(e);
	return status;
}

const struct cmd cmd_eval = {
	.name = "eval",
	.usage = "EXPR [NAME=VALUE ...]",
	.summary = N_("value, gradient and Hessian of an expression at a point"),
	/* TRANSLATORS: lines of at most 80 columns */
	.help = N_(
	"Evaluates EXPR at the point given by the assignments and prints f,\n"
	"the gradient and the Hessian.  Every variable of EXPR needs a value;\n"
	"a value is a number or a constant expression (x=pi/2).\n\n"
	"  -h, --help     show this help\n"
	"  -V, --version  show the version\n\n"
	"Example: descent eval 'x^2 - 4x + 5' x=2\n"
	"The language is described in descent-expr(7).\n"),
	.run = eval_run,
};
