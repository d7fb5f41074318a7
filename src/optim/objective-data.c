/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objective-data.c - building data objectives (objective_data): the
 * per-example loss of a model written as text, or of a network (mlp:)
 * built as nodes with its loss grafted on, checked against the data.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "optim-int.h"

/* Checks the labels for the loss; returns 0, or -1 with err filled. */
static int
check_labels(const struct dataset *d, int target, enum loss loss, int *pm_one,
	     struct diag *err)
{
	int zero_one = 1, minus_one = 1;
	size_t i;

	for (i = 0; i < d->nrows; i++) {
		double y = d->col[target][i];
		if (y != 0 && y != 1)
			zero_one = 0;
		if (y != -1 && y != 1)
			minus_one = 0;
		if (loss == LOSS_CROSS_ENTROPY && !(y >= 0 && y <= 1)) {
			char row[64], val[64];
			snprintf(row, sizeof row, "%zu", i + 1);
			snprintf(val, sizeof val, "%g", y);
			diag_set(err, NULL, 0, 0, "cross_entropy needs labels between 0 and 1, "
				 "but row %s of %s is %s", row, d->names[target], val);
			return -1;
		}
	}
	if (loss == LOSS_HINGE && !zero_one && !minus_one) {
		diag_set(err, NULL, 0, 0, "hinge needs labels -1 and 1 (or 0 and 1) in %s",
			 d->names[target]);
		return -1;
	}
	*pm_one = minus_one;
	return 0;
}

/* The per-example loss of a model m against a target t, as text in m and t. */
static const char *
loss_template(enum loss loss, int pm_one)
{
	switch (loss) {
	case LOSS_MSE:
		return "(m - t)^2";
	case LOSS_CROSS_ENTROPY:
		return "softplus(m) - t*m";
	case LOSS_HINGE:
		return pm_one ? "relu(1 - t*m)" : "relu(1 - (2*t - 1)*m)";
	}
	return NULL;
}

/*
 * A data objective whose model is a network (expr_mlp_build): its inputs
 * are the columns other than the target, in order.  The loss is grafted
 * onto the network's nodes, never written as text.
 */
static struct objective *
objective_mlp(const struct dataset *d, const char *model, enum loss loss, int t,
	      const char *const *params, int nparams, struct diag *err)
{
	static const char *const lvars[2] = { "m", "t" };
	struct expr_mlp net;
	struct expr *e = NULL, *tl = NULL;
	struct expr_program *p;
	struct objective *o;
	int inputs[DATA_MAX_COLUMNS], nin = 0, np, j, map[2], pm_one = 0, root;

	if (expr_mlp_parse(model, &net, err) != 0)
		return NULL;
	np = expr_mlp_nparams(&net);
	for (j = 0; params != NULL && j < np; j++) {
		char name[48];
		expr_mlp_param_name(&net, j, name, sizeof name);
		if (j >= nparams || strcmp(params[j], name) != 0)
			break;
	}
	if (params != NULL && (j < np || nparams != np)) {
		diag_set(err, NULL, 0, 0, "a network names its own parameters: leave out "
			 "--params (descent diff --model %s lists them)", model);
		return NULL;
	}
	for (j = 0; j < d->ncols; j++)
		if (j != t)
			inputs[nin++] = j;
	if (nin != net.sizes[0]) {
		char a[48], b[48];
		snprintf(a, sizeof a, P_("%d input", "%d inputs", net.sizes[0]), net.sizes[0]);
		snprintf(b, sizeof b, P_("%d column", "%d columns", nin), nin);
		/* TRANSLATORS: "mlp:2-8-1 takes 2 inputs, but the data has 1 column
		 * besides the target y" */
		diag_set(err, NULL, 0, 5, "%s takes %s, but the data has %s besides the target %s",
			 model, a, b, d->names[t]);
		return NULL;
	}
	if (loss != LOSS_MSE && check_labels(d, t, loss, &pm_one, err) < 0)
		return NULL;
	e = expr_mlp_build(&net, (const char *const *)d->names, d->ncols, inputs, err);
	if (e == NULL)
		return NULL;
	tl = expr_parse(loss_template(loss, pm_one), lvars, 2, err);
	if (tl == NULL)
		fatal("objective_mlp: the loss does not parse: %s", err->message);
	map[0] = expr_root(e);
	map[1] = expr_var_node(e, np + t);
	root = expr_graft(e, tl, map, err);
	expr_free(tl);
	if (root < 0)
		goto fail;
	expr_set_root(e, root);
	/* the gradient must fit in the engine's limits: compile it now, and
	 * past EXPR_FORWARD_MAX parameters the Hessian's products too */
	p = expr_compile_wrt(e, np > EXPR_FORWARD_MAX ? EXPR_HVP : EXPR_HESS, np, err);
	if (p == NULL) {
		diag_set(err, NULL, 0, 0, "%s has %d parameters, and its derivatives are too "
			 "large for descent (more than %d nodes): take fewer or narrower layers",
			 model, np, EXPR_MAX_NODES);
		goto fail;
	}
	o = objective_new(e, np, np > EXPR_FORWARD_MAX);
	o->prog[np > EXPR_FORWARD_MAX ? 3 : 2] = p;
	o->data = d;
	o->target = t;
	o->nuse = d->nrows;
	return o;
fail:
	expr_free(e);
	return NULL;
}

struct objective *
objective_data(const struct dataset *d, const char *model, enum loss loss,
	       const char *target, const char *const *params, int nparams,
	       struct diag *err)
{
	struct expr *m = NULL, *e = NULL;
	const char *names[EXPR_MAX_VARS];
	char *text = NULL;
	int t, nv, np = 0, i, pm_one = 0;
	size_t len;
	struct objective *o;

	if (target == NULL)
		target = "y";
	t = dataset_column(d, target);
	if (t < 0) {
		if (strcmp(target, "y") == 0)
			diag_set(err, NULL, 0, 0, "the data has no column %s for the target "
				 "(name it with --target)", target);
		else
			diag_set(err, NULL, 0, 0, "the data has no column %s for the target",
				 target);
		return NULL;
	}
	if (expr_is_mlp(model))
		return objective_mlp(d, model, loss, t, params, nparams, err);
	/* the model alone first: its errors have columns in its own text */
	m = expr_parse(model, NULL, 0, err);
	if (m == NULL)
		return NULL;
	nv = expr_nvars(m);
	for (i = 0; i < nv; i++) {
		const char *v = expr_var_name(m, i);
		if (strcmp(v, target) == 0) {
			diag_set(err, NULL, 0, 0, "the model uses the target %s: a model computes "
				 "the target from the other columns", v);
			goto fail;
		}
		if (dataset_column(d, v) < 0)
			names[np++] = v;
	}
	if (np == 0) {
		diag_set(err, NULL, 0, 0, "the model has no parameters: every name in it is a "
			 "data column");
		goto fail;
	}
	if (params != NULL) {
		for (i = 0; i < nparams; i++) {
			int j, found = 0;
			for (j = 0; j < np; j++)
				found |= strcmp(params[i], names[j]) == 0;
			if (!found) {
				diag_set(err, NULL, 0, 0, "'%s' in --params is not a parameter of the "
					 "model", params[i]);
				goto fail;
			}
		}
		if (nparams != np) {
			diag_set(err, NULL, 0, 0, "--params names %d parameters, but the model has %d",
				 nparams, np);
			goto fail;
		}
		for (i = 0; i < np; i++)
			names[i] = params[i];
	}
	if (np + d->ncols > EXPR_MAX_VARS) {
		diag_set(err, NULL, 0, 0, "too many parameters and columns together");
		goto fail;
	}
	if (loss != LOSS_MSE && check_labels(d, t, loss, &pm_one, err) < 0)
		goto fail;
	for (i = 0; i < d->ncols; i++)
		names[np + i] = d->names[i];

	/* the per-example loss as text, parsed with the parameters first */
	len = 3 * strlen(model) + 2 * strlen(target) + 64;
	text = xmalloc(len);
	switch (loss) {
	case LOSS_MSE:
		snprintf(text, len, "((%s) - %s)^2", model, target);
		break;
	case LOSS_CROSS_ENTROPY:
		snprintf(text, len, "softplus(%s) - %s*(%s)", model, target, model);
		break;
	case LOSS_HINGE:
		if (pm_one)
			snprintf(text, len, "relu(1 - %s*(%s))", target, model);
		else
			snprintf(text, len, "relu(1 - (2*%s - 1)*(%s))", target, model);
		break;
	}
	e = expr_parse(text, names, np + d->ncols, err);
	if (e == NULL) {
		err->column = 0;        /* the model parsed alone: a limit */
		goto fail;
	}
	/* the derivatives must fit in the engine's limits: compile now */
	{
		struct expr_program *p = expr_compile_wrt(e, EXPR_HESS, np, err);
		if (p == NULL)
			goto fail;
		o = objective_new(e, np, 0);
		o->prog[2] = p;
	}
	o->data = d;
	o->target = t;
	o->nuse = d->nrows;
	expr_free(m);
	free(text);
	return o;
fail:
	expr_free(m);
	expr_free(e);
	free(text);
	return NULL;
}
