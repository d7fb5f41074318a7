/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-mlp.c - small neural networks as expressions: the `mlp:` models
 * (descent-expr(7)), built node by node (never as text, so that no text
 * limit applies), their parameter names, hidden-unit swaps and
 * initializations; and grafting one expression into another, which data
 * objectives use to wrap a model into its loss.
 *
 * A network mlp:IN-H1-...-1:ACT has layers of weights l = 1..L (L is the
 * number of sizes less one).  Unit j of layer l computes
 *
 *     z = w<l>_<j>_1 * a_1 + ... + w<l>_<j>_<n> * a_n + b<l>_<j>
 *
 * from the n values a of the layer below (the inputs for l = 1), and
 * gives ACT(z), or z itself in the last layer (linear: a value for mse,
 * a logit for cross_entropy and hinge).  The parameters come layer by
 * layer, unit by unit, each unit's incoming weights then its bias: the
 * order of the names above.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/rng.h"
#include "descent/util.h"
#include "expr-int.h"

static const char *const act_names[EXPR_ACT_COUNT] = {
	"tanh", "sigmoid", "relu", "softplus",
};
static const enum node_op act_ops[EXPR_ACT_COUNT] = {
	N_TANH, N_SIGMOID, N_RELU, N_SOFTPLUS,
};

const char *
expr_act_name(enum expr_act act)
{
	return act_names[act];
}

int
expr_is_mlp(const char *spec)
{
	return strncmp(spec, "mlp:", 4) == 0;
}

/* The error at byte `at` of spec (0-based), with what to do; what is translated. */
static int
spec_error(struct diag *err, const char *spec, size_t at, const char *what)
{
	return diag_set(err, NULL, 0, (int)at + 1, "%s in '%s': write mlp:IN-H1[-H2...]-1:ACT, "
			"e.g. mlp:1-8-1:tanh", what, spec);
}

int
expr_mlp_parse(const char *spec, struct expr_mlp *m, struct diag *err)
{
	const char *s = spec + 4, *colon;
	int n = 0, a;

	memset(m, 0, sizeof *m);
	diag_set(err, NULL, 0, 0, "%s", "");
	if (!expr_is_mlp(spec))
		return spec_error(err, spec, 0, _("a network starts with 'mlp:'"));
	for (;;) {
		char *end;
		long v;
		if (*s < '0' || *s > '9')
			return spec_error(err, spec, (size_t)(s - spec), _("expected a layer size"));
		v = strtol(s, &end, 10);
		if (v < 1 || v > EXPR_MLP_MAX_WIDTH) {
			char what[96];
			snprintf(what, sizeof what, v < 1 ? _("a layer of 0 units (from 1 to %d)") :
				 _("a layer of too many units (from 1 to %d)"), EXPR_MLP_MAX_WIDTH);
			return spec_error(err, spec, (size_t)(s - spec), what);
		}
		if (n == EXPR_MLP_MAX_LAYERS + 1) {
			char what[64];
			snprintf(what, sizeof what, _("more than %d hidden layers"),
				 EXPR_MLP_MAX_LAYERS - 1);
			return spec_error(err, spec, (size_t)(s - spec), what);
		}
		m->sizes[n++] = (int)v;
		s = end;
		if (*s != '-')
			break;
		s++;
	}
	if (n < 3)
		return spec_error(err, spec, (size_t)(s - spec),
				  _("a network needs an input size, hidden sizes and the output 1"));
	if (m->sizes[n - 1] != 1) {
		size_t at = (size_t)(s - spec);
		while (at > 0 && spec[at - 1] != '-')
			at--;
		return spec_error(err, spec, at, _("the output layer has 1 unit"));
	}
	m->nlayers = n - 1;
	m->act = EXPR_ACT_TANH;
	if (*s == '\0')
		return 0;
	if (*s != ':')
		return spec_error(err, spec, (size_t)(s - spec), _("expected '-' or ':'"));
	colon = s + 1;
	for (a = 0; a < EXPR_ACT_COUNT; a++) {
		if (strcmp(colon, act_names[a]) == 0) {
			m->act = (enum expr_act)a;
			return 0;
		}
	}
	return diag_set(err, NULL, 0, (int)(colon - spec) + 1, "unknown activation '%s' in '%s': "
			"the activations are tanh, sigmoid, relu and softplus", colon, spec);
}

int
expr_mlp_nparams(const struct expr_mlp *m)
{
	int l, n = 0;

	for (l = 1; l <= m->nlayers; l++)
		n += m->sizes[l] * (m->sizes[l - 1] + 1);
	return n;
}

/* The index of layer l's first parameter (l from 1). */
static int
layer_start(const struct expr_mlp *m, int l)
{
	int k, n = 0;

	for (k = 1; k < l; k++)
		n += m->sizes[k] * (m->sizes[k - 1] + 1);
	return n;
}

int
expr_mlp_param(const struct expr_mlp *m, int l, int j, int i)
{
	int fan = m->sizes[l - 1];

	return layer_start(m, l) + (j - 1) * (fan + 1) + (i == 0 ? fan : i - 1);
}

void
expr_mlp_param_name(const struct expr_mlp *m, int k, char *buf, size_t size)
{
	int l, fan, j, i;

	for (l = 1; l < m->nlayers && k >= layer_start(m, l + 1); l++)
		;
	k -= layer_start(m, l);
	fan = m->sizes[l - 1];
	j = k / (fan + 1) + 1;
	i = k % (fan + 1) + 1;
	if (i > fan)
		snprintf(buf, size, "b%d_%d", l, j);
	else
		snprintf(buf, size, "w%d_%d_%d", l, j, i);
}

struct expr *
expr_mlp_build(const struct expr_mlp *m, const char *const *vars, int nvars,
	       const int *inputs, struct diag *err)
{
	struct expr *e = expr_new();
	int np = expr_mlp_nparams(m), k, l, j, i;
	int *below, *above, width = 0;

	for (l = 0; l <= m->nlayers; l++)
		if (m->sizes[l] > width)
			width = m->sizes[l];
	for (k = 0; k < np; k++) {
		char name[48];
		expr_mlp_param_name(m, k, name, sizeof name);
		expr_add_var(e, name, strlen(name));
	}
	for (k = 0; k < nvars; k++) {
		if (expr_var_index(e, vars[k]) >= 0) {
			diag_set(err, NULL, 0, 0, "the column %s has the name of a parameter of "
				 "the network: rename it", vars[k]);
			expr_free(e);
			return NULL;
		}
		expr_add_var(e, vars[k], strlen(vars[k]));
	}
	below = xmalloc((size_t)width * sizeof *below);
	above = xmalloc((size_t)width * sizeof *above);
	for (i = 0; i < m->sizes[0]; i++)
		below[i] = expr_var(e, np + inputs[i]);
	for (l = 1; l <= m->nlayers; l++) {
		int fan = m->sizes[l - 1];
		for (j = 1; j <= m->sizes[l]; j++) {
			int z = -1, p = expr_mlp_param(m, l, j, 1);
			for (i = 0; i < fan; i++) {
				int t = expr_binary(e, N_MUL, expr_var(e, p + i), below[i]);
				z = z < 0 ? t : expr_binary(e, N_ADD, z, t);
			}
			z = expr_binary(e, N_ADD, z, expr_var(e, p + fan));
			above[j - 1] = l < m->nlayers ? expr_unary(e, act_ops[m->act], z) : z;
		}
		memcpy(below, above, (size_t)m->sizes[l] * sizeof *below);
	}
	e->root = below[0];
	free(below);
	free(above);
	if (e->overflow) {
		diag_set(err, NULL, 0, 0, "the network is too large for descent (more than %d "
			 "nodes): take fewer or narrower layers", EXPR_MAX_NODES);
		expr_free(e);
		return NULL;
	}
	return e;
}

void
expr_mlp_swap(const struct expr_mlp *m, int l, int j, int k, double *theta)
{
	int fan = m->sizes[l - 1], i, u;
	int pj = expr_mlp_param(m, l, j, 1), pk = expr_mlp_param(m, l, k, 1);

	for (i = 0; i <= fan; i++) {
		double t = theta[pj + i];
		theta[pj + i] = theta[pk + i];
		theta[pk + i] = t;
	}
	for (u = 1; u <= m->sizes[l + 1]; u++) {
		int a = expr_mlp_param(m, l + 1, u, j), b = expr_mlp_param(m, l + 1, u, k);
		double t = theta[a];
		theta[a] = theta[b];
		theta[b] = t;
	}
}

int
expr_mlp_init(const struct expr_mlp *m, const char *how, unsigned long long seed,
	      double *theta, struct diag *err)
{
	int np = expr_mlp_nparams(m), l, j, i;
	double c = 0, scale = 1;
	struct rng r;

	if (strcmp(how, "zeros") == 0) {
		for (i = 0; i < np; i++)
			theta[i] = 0;
		return 0;
	}
	if (strncmp(how, "const:", 6) == 0) {
		char *end;
		c = strtod(how + 6, &end);
		if (end == how + 6 || *end != '\0' || !isfinite(c) || c == 0)
			return diag_set(err, NULL, 0, 7, "'%s': write const:C with a number C "
					"other than 0 (zeros is const:0)", how);
		for (l = 1; l <= m->nlayers; l++)
			for (j = 1; j <= m->sizes[l]; j++)
				for (i = 0; i <= m->sizes[l - 1]; i++)
					theta[expr_mlp_param(m, l, j, i)] = i == 0 ? 0 : c;
		return 0;
	}
	if (strncmp(how, "glorot:", 7) == 0) {
		char *end;
		scale = strtod(how + 7, &end);
		if (end == how + 7 || *end != '\0' || !isfinite(scale) || !(scale > 0))
			return diag_set(err, NULL, 0, 8, "'%s': write glorot:K with a number K "
					"above 0, the factor of Glorot's spread", how);
	} else if (strcmp(how, "glorot") != 0) {
		return diag_set(err, NULL, 0, 1, "unknown initialization '%s': the "
				"initializations are glorot, glorot:K, const:C and zeros", how);
	}
	rng_init(&r, seed);
	for (l = 1; l <= m->nlayers; l++) {
		int fan_in = m->sizes[l - 1], fan_out = m->sizes[l];
		/* Glorot and Bengio (2010): uniform in [-a, a] with variance
		 * 2/(fan_in + fan_out); four times wider for the sigmoid, whose
		 * slope at 0 is a quarter of tanh's; He's sqrt(6/fan_in) for
		 * relu, which zeroes half of its inputs. */
		double a = sqrt(6.0 / (fan_in + fan_out));
		if (l < m->nlayers && m->act == EXPR_ACT_SIGMOID)
			a *= 4;
		if (l < m->nlayers && m->act == EXPR_ACT_RELU)
			a = sqrt(6.0 / fan_in);
		a *= scale;
		for (j = 1; j <= fan_out; j++)
			for (i = 0; i <= fan_in; i++)
				theta[expr_mlp_param(m, l, j, i)] = i == 0 ? 0 : rng_uniform(&r, -a, a);
	}
	return 0;
}

/* The copy of node i of t in e, given the copies of its children. */
static int
graft_node(struct expr *e, const struct expr *t, int i, const int *map, const int *copy)
{
	const struct node *n = &t->nodes[i];

	switch ((enum node_op)n->op) {
	case N_CONST:
		return expr_const(e, n->v);
	case N_VAR:
		return map[n->a];
	case N_SELECT:
		return expr_select(e, copy[n->c], copy[n->a], copy[n->b]);
	default:
		if (n->b < 0)
			return expr_unary(e, (enum node_op)n->op, copy[n->a]);
		return expr_binary(e, (enum node_op)n->op, copy[n->a], copy[n->b]);
	}
}

int
expr_graft(struct expr *e, const struct expr *t, const int *map, struct diag *err)
{
	int *copy = xmalloc((size_t)t->nnodes * sizeof *copy), i, root;

	for (i = 0; i <= t->root && !e->overflow; i++)
		copy[i] = graft_node(e, t, i, map, copy);
	root = e->overflow ? -1 : copy[t->root];
	free(copy);
	if (root < 0)
		diag_set(err, NULL, 0, 0, "the expression is too large (more than %d nodes)",
			 EXPR_MAX_NODES);
	return root;
}

int
expr_var_node(struct expr *e, int i)
{
	return expr_var(e, i);
}

void
expr_set_root(struct expr *e, int n)
{
	e->root = n;
}
