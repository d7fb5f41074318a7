/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objective.h - what an optimizer minimizes: a function of n parameters
 * that gives its value, gradient and Hessian, exactly (through the
 * expression engine).  Two kinds:
 *
 *   - an expression in its variables (`(1-x)^2 + 100*(y-x^2)^2`);
 *   - a data objective: a data set, a model expression in parameters and
 *     data columns (`w0 + w1*x`) and a loss; the cost is the mean of the
 *     per-example losses, evaluated through the batch entry with one lane
 *     per example.
 *
 * Points are passed "structure of arrays": w[k][lane] is parameter k of
 * lane `lane`, so that many independent points (the starts of a basin
 * map) are evaluated together.
 */
#ifndef DESCENT_OBJECTIVE_H
#define DESCENT_OBJECTIVE_H

#include <stddef.h>

#include "descent/data.h"
#include "descent/expr.h"

struct objective;

/* The losses of data objectives (descent(1)). */
enum loss {
	LOSS_MSE,               /* (m - y)^2 */
	LOSS_CROSS_ENTROPY,     /* softplus(m) - y*m: logistic, labels in [0, 1] */
	LOSS_HINGE,             /* relu(1 - t*m), t = y for labels -1/1, 2y-1 for 0/1 */
};

/* The loss named name ("mse", "cross_entropy", "hinge"), or -1. */
int loss_from_name(const char *name);
const char *loss_name(enum loss loss);

/*
 * An objective from the expression src.  vars, when not NULL, declares
 * the variables (the parameters, in order); else they are collected in
 * order of appearance.  Returns NULL and fills err; free with
 * objective_free.
 */
struct objective *objective_expr(const char *src, const char *const *vars, int nvars,
				 struct diag *err);

/*
 * A data objective.  d is borrowed and must outlive the objective.  The
 * target is the column named target ("y" when NULL).  The parameters are
 * the names of the model that are not data columns: in order of first
 * appearance, or in the order of params (nparams names) when given, which
 * must then be exactly those names.  Errors (err->column is a column of
 * the model text when the error is in it, else 0): the model does not
 * parse, uses the target, has no parameters, a parameter list that does
 * not match, a missing target column, labels outside the loss's range.
 */
struct objective *objective_data(const struct dataset *d, const char *model,
				 enum loss loss, const char *target,
				 const char *const *params, int nparams,
				 struct diag *err);

void objective_free(struct objective *o);
/*
 * A slice through base's landscape: the objective of k = 1 or 2
 * variables, named names[0..k), t -> base(origin + t_1 d_1 [+ t_2 d_2]),
 * to draw a landscape of many parameters on a line or a plane.  base is
 * borrowed (it must outlive the slice); origin (base's dimension) and
 * dirs (k directions, row-major) are copied.  Its gradient and Hessian
 * are base's along the directions (the Hessian from base's products).
 */
struct objective *objective_slice(struct objective *base, const double *origin,
				  const double *dirs, int k, const char *const *names);
/*
 * A data objective's model (model, as given to objective_data) at the
 * parameters theta, as a function of its inputs: the columns other than
 * the target, which must be 1 or 2 (an error otherwise), named after
 * them; the other columns are 0.  Its value only (a fitted curve, a
 * classifier's logit to shade): the derivatives are nan.  data is
 * borrowed.  NULL with err filled on error.
 */
struct objective *objective_model_view(struct objective *data, const char *model,
				       const double *theta, struct diag *err);
/*
 * An L2 penalty on a data objective's parameters: l2/2 times the sum of
 * their squares is added to the cost (l2 w to the gradient, l2 I to the
 * Hessian), weights and biases alike; 0, the default, is none.  Returns
 * 0, or -1 for an expression objective or an l2 that is negative or not
 * finite.  The per-example losses (objective_example_losses) are the
 * losses alone.
 */
int objective_set_l2(struct objective *o, double l2);
double objective_l2(const struct objective *o);
/* Gives the data set d to o, which frees it with itself (dataset_free). */
void objective_take_data(struct objective *o, struct dataset *d);
/* A data objective's data set (borrowed), or NULL for an expression. */
const struct dataset *objective_dataset(const struct objective *o);

/* Number of parameters, and the name of parameter k (borrowed). */
int objective_dim(const struct objective *o);
const char *objective_param(const struct objective *o, int k);
/* The expression of an expression objective (borrowed), or NULL. */
struct expr *objective_expression(const struct objective *o);
/* Number of examples of a data objective (0 for an expression). */
size_t objective_nexamples(const struct objective *o);

/*
 * Evaluates at m points: w[k][lane] for k < dim, lane < m.  f receives m
 * values (f may be NULL when g is not: the gradient alone); g, when not
 * NULL, dim arrays of m; h, when not NULL, dim*dim arrays of m
 * (row-major).  A data objective gives the mean over the
 * examples in use (objective_use_examples).  Values are exact; nothing
 * traps: a non-finite value is the caller's to judge.
 */
void objective_eval(struct objective *o, size_t m, const double *const *w,
		    double *f, double *const *g, double *const *h);

/*
 * Evaluates at the one point x (dim values): f into *f, and when not NULL
 * the gradient into g (dim values) and the Hessian into h (dim*dim,
 * row-major).
 */
void objective_eval_point(struct objective *o, const double *x, double *f, double *g,
			  double *h);

/*
 * The Hessian at x (dim values) times the direction v (dim values) into
 * hv, without the Hessian: forward mode over the gradient's nodes (a
 * program a few times the gradient's).  f and g (when not NULL) receive
 * f and the gradient.  A data objective takes the examples in use.
 */
void objective_hvp(struct objective *o, const double *x, const double *v, double *f,
		   double *g, double *hv);

/*
 * Restricts a data objective to examples idx[0..k) (a mini-batch), or to
 * all of them when idx is NULL.  idx is copied.
 */
void objective_use_examples(struct objective *o, const size_t *idx, size_t k);

/*
 * A data objective at m points, each on examples of its own: lane q
 * (w[k][q]) on the n[q] >= 1 examples idx[q][0..n[q]), a mini-batch of
 * its own; lanes whose idx[q] is NULL are left alone.  f, g and h as
 * objective_eval (f may be NULL); the examples in use
 * (objective_use_examples) play no part.  The points go together, one
 * lane of the evaluator per (point, example), and each value is the one
 * its point gives alone on those examples, bit for bit.  Does nothing for
 * an expression objective.
 */
void objective_eval_subsets(struct objective *o, size_t m, const double *const *w,
			    const size_t *const *idx, const size_t *n, double *f,
			    double *const *g, double *const *h);

/* The loss of every example at the point w (dim values) into loss. */
void objective_example_losses(struct objective *o, const double *w, double *loss);

#endif
