/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-diff.c - `descent diff EXPR [--wrt NAME] [--hessian] [--program]`:
 * the simplified symbolic derivatives of an expression, or the compiled
 * program that computes them.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"

/* Longest derivative printed, in bytes. */
#define MAX_PRINT (1 << 20)

struct diff_opts {
	const char *wrt, *model;
	int hessian, program;
};

static int
diff_option(int opt, const char *arg, void *data)
{
	struct diff_opts *o = data;

	switch (opt) {
	case 'w':
		o->wrt = arg;
		return 0;
	case 'H':
		o->hessian = 1;
		return 0;
	case 'p':
		o->program = 1;
		return 0;
	case 'm':
		o->model = arg;
		return 0;
	}
	return EXIT_USAGE;
}

/* Prints "LABEL = DERIVATIVE"; returns 0 or an exit status. */
static int
print_derivative(struct expr *e, const char *label, int node, const char *src)
{
	struct diag err;
	char *text;

	if (node < 0)
		return EXIT_USER;
	text = expr_to_string(e, node, MAX_PRINT, &err);
	if (text == NULL) {
		fprintf(stderr, _("descent: error: %s: %s\n"), label, err.message);
		return EXIT_USER;
	}
	printf("%s = %s\n", label, text);
	free(text);
	(void)src;
	return 0;
}

/*
 * descent diff --model mlp:...: the network's expansion, its inputs
 * (x, or x1, x2, ...) and its parameters in order; with --wrt, the
 * derivative of its output m with respect to one of them.
 */
static int
diff_model(const struct diff_opts *o)
{
	static const char *const one[] = { "x" };
	char **names = NULL, label[160], prefix[200], nins[64], layers[64];
	struct expr_mlp net;
	struct diag err;
	struct expr *e;
	int *inputs, nin, np, i, status = 0, col = 0;

	if (o->hessian || o->program)
		return cmd_value_error(&cmd_diff, "--model shows a network and one derivative "
				       "(--wrt); --hessian and --program take an expression");
	if (expr_mlp_parse(o->model, &net, &err) != 0) {
		snprintf(prefix, sizeof prefix, _("descent: in %s"), "--model");
		diag_print_source(stderr, prefix, o->model, &err);
		return EXIT_USER;
	}
	nin = net.sizes[0];
	np = expr_mlp_nparams(&net);
	inputs = xmalloc((size_t)nin * sizeof *inputs);
	names = xmalloc((size_t)nin * sizeof *names);
	for (i = 0; i < nin; i++) {
		inputs[i] = i;
		names[i] = xmalloc(16);
		snprintf(names[i], 16, "x%d", i + 1);
	}
	e = expr_mlp_build(&net, nin == 1 ? one : (const char *const *)names, nin, inputs, &err);
	for (i = 0; i < nin; i++)
		free(names[i]);
	free(names);
	free(inputs);
	if (e == NULL) {
		fprintf(stderr, _("descent: error: %s\n"), err.message);
		return EXIT_USER;
	}
	if (o->wrt != NULL && expr_var_index(e, o->wrt) < 0) {
		expr_free(e);
		return cmd_value_error(&cmd_diff, "--wrt: %s is no parameter or input of %s",
				       o->wrt, o->model);
	}
	if (nin == 1)
		snprintf(label, sizeof label, "x");
	else if (nin == 2)
		snprintf(label, sizeof label, "x1, x2");
	else
		/* TRANSLATORS: the inputs of a network, as in "x1 to x5" */
		snprintf(label, sizeof label, _("x1 to x%d"), nin);
	snprintf(nins, sizeof nins, P_("%d input", "%d inputs", nin), nin);
	snprintf(layers, sizeof layers, P_("%d hidden layer", "%d hidden layers",
					   net.nlayers - 1), net.nlayers - 1);
	/* TRANSLATORS: "mlp:1-2-1:tanh: 1 input (x), 1 hidden layer of tanh, a
	 * linear output m"; the last %s is the activation */
	printf(_("%s: %s (%s), %s of %s, a linear output m\n"), o->model, nins, label,
	       layers, expr_act_name(net.act));
	printf(P_("%d parameter, in order:\n", "%d parameters, in order:\n", np), np);
	putchar(' ');
	for (i = 0; i < np; i++) {
		const char *name = expr_var_name(e, i);
		if (col + 1 + (int)strlen(name) > 78) {
			printf("\n ");
			col = 0;
		}
		col += printf(" %s", name);
	}
	putchar('\n');
	status = print_derivative(e, "m", expr_root(e), o->model);
	if (status == 0 && o->wrt != NULL) {
		int v = expr_var_index(e, o->wrt), g;
		g = expr_diff(e, expr_root(e), v, &err);
		snprintf(label, sizeof label, "dm/d%s", o->wrt);
		if (g < 0) {
			fprintf(stderr, _("descent: error: %s\n"), err.message);
			status = EXIT_USER;
		} else {
			status = print_derivative(e, label, g, o->model);
		}
	}
	expr_free(e);
	return status;
}

static int
diff_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wrt", required_argument, NULL, 'w' },
		{ "hessian", no_argument, NULL, 'H' },
		{ "program", no_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct diff_opts o = { NULL, NULL, 0, 0 };
	struct diag err;
	struct expr *e;
	const char *src;
	int first, status, nv, i, j;

	status = cmd_getopt(&cmd_diff, argc, argv, "w:Hpm:hV", longopts, diff_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (o.model != NULL) {
		if (first < argc)
			return cmd_usage_error(&cmd_diff, "an expression or --model, not both");
		return diff_model(&o);
	}
	if (first >= argc)
		return cmd_usage_error(&cmd_diff, "missing the expression");
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_diff, "one expression only (quote it: "
				       "descent diff 'x^2 + y^2')");
	src = argv[first];
	e = expr_parse(src, NULL, 0, &err);
	if (e == NULL) {
		diag_print_source(stderr, "descent", src, &err);
		return EXIT_USER;
	}
	if (o.wrt != NULL && expr_var_index(e, o.wrt) < 0) {
		/* a name the expression does not use: the derivative is 0,
		 * unless it is not a name at all */
		struct expr *w = expr_parse(o.wrt, NULL, 0, &err);
		int isname = w != NULL && expr_nvars(w) == 1 &&
			     strcmp(expr_var_name(w, 0), o.wrt) == 0;
		expr_free(w);
		expr_free(e);
		if (!isname)
			return cmd_value_error(&cmd_diff, "--wrt takes a variable name, "
					       "not '%s'", o.wrt);
		printf("d/d%s = 0\n", o.wrt);
		if (o.hessian)
			printf("d2/d%s2 = 0\n", o.wrt);
		return 0;
	}
	nv = expr_nvars(e);
	status = 0;
	if (o.program) {
		struct expr_program *p = expr_compile(e, o.hessian ? EXPR_HESS : EXPR_GRAD, &err);
		if (p == NULL) {
			diag_print_source(stderr, "descent", NULL, &err);
			expr_free(e);
			return EXIT_USER;
		}
		printf("; %s\n; outputs: out0 = f", src);
		for (i = 0; i < nv; i++)
			printf(", out%d = d/d%s", 1 + i, expr_var_name(e, i));
		if (o.hessian)
			printf(", then the Hessian row by row");
		printf("\n; inputs:");
		for (i = 0; i < nv; i++)
			printf(" in%d = %s", i, expr_var_name(e, i));
		putchar('\n');
		expr_program_dump(p, stdout);
		expr_program_free(p);
		expr_free(e);
		return 0;
	}
	if (nv == 0)
		fputs(_("the expression has no variables: every derivative is 0\n"), stdout);
	for (i = 0; i < nv && status == 0; i++) {
		char label[160];
		int g;

		if (o.wrt != NULL && strcmp(o.wrt, expr_var_name(e, i)) != 0)
			continue;
		g = expr_diff(e, expr_root(e), i, &err);
		if (g < 0) {
			fprintf(stderr, _("descent: error: %s\n"), err.message);
			status = EXIT_USER;
			break;
		}
		snprintf(label, sizeof label, "d/d%s", expr_var_name(e, i));
		status = print_derivative(e, label, g, src);
		for (j = 0; o.hessian && status == 0 && j < nv; j++) {
			int h;
			if (o.wrt == NULL && j < i)
				continue;       /* symmetric: printed once */
			h = expr_diff(e, g, j, &err);
			if (h < 0) {
				fprintf(stderr, _("descent: error: %s\n"), err.message);
				status = EXIT_USER;
				break;
			}
			if (i == j)
				snprintf(label, sizeof label, "d2/d%s2", expr_var_name(e, i));
			else
				snprintf(label, sizeof label, "d2/d%sd%s",
					 expr_var_name(e, i), expr_var_name(e, j));
			status = print_derivative(e, label, h, src);
		}
	}
	expr_free(e);
	return status;
}

const struct cmd cmd_diff = {
	.name = "diff",
	/* TRANSLATORS: "or:" lines up under "usage:" */
	.usage = N_("EXPR [--wrt NAME] [--hessian] [--program]\n"
		    "   or: descent diff --model mlp:IN-H1[-H2...]-1[:ACT] [--wrt NAME]"),
	.summary = N_("exact derivatives of an expression, simplified"),
	/* TRANSLATORS: lines of at most 80 columns */
	.help = N_(
	"Prints the exact derivatives of EXPR, simplified, one per line; or, with\n"
	"--model, a network written out as an expression, and its parameters.\n\n"
	"  -w, --wrt NAME  only the derivatives with respect to NAME\n"
	"  -H, --hessian   also the second derivatives\n"
	"  -p, --program   print the compiled program (bytecode) instead\n"
	"  -m, --model SPEC  a network: its expansion m and its parameters\n"
	"  -h, --help      show this help\n"
	"  -V, --version   show the version\n\n"
	"Example: descent diff 'x^4 - 8x^2 + 5' --hessian\n"
	"         descent diff --model mlp:1-2-1:tanh --wrt w1_1_1\n"
	"The language is described in descent-expr(7).\n"),
	.run = diff_run,
};
