/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim-int.h - what the optim module's files share: the objective
 * itself (objective.c evaluates it, objective-data.c builds data
 * objectives, objective-slice.c slices).
 */
#ifndef DESCENT_OPTIM_INT_H
#define DESCENT_OPTIM_INT_H

#include "descent/objective.h"

struct objective {
	struct expr *e;
	int dim;                        /* parameters: the first dim variables */
	struct expr_program *prog[4];   /* f; f+grad; f+grad+Hessian; f+grad+Hv */
	int products;                   /* the Hessian from dim products (prog[3]) */
	double l2;                      /* the penalty l2/2 |w|^2 of a data objective */
	double **out;                   /* output pointers for the batch entry */
	const double **in;              /* input pointers: variables, directions */
	double *scalars;                /* inputs the same in every lane */
	double *x;                      /* a point (dim) */
	double *sums;                   /* sums over the examples of each output */
	int nsums;
	/* data objectives */
	const struct dataset *data;
	int nvars;                      /* dim + data columns */
	size_t nuse;                    /* examples in use */
	size_t *use;                    /* their indices, or NULL for all */
	double *gathered;               /* the columns of a mini-batch */
	double *perex;                  /* per-example outputs */
	size_t perex_cap;
	/* many points at once (data_eval_many) */
	double *tile;                   /* the columns in use, once per point */
	size_t tile_points;             /* points tiled, 0 when stale */
	size_t tile_cap;                /* lanes of each column of tile */
	double *lanes;                  /* parameters, then outputs, per lane */
	size_t lanes_cap;
	double *fsink;                  /* f of an expression when not asked for */
	size_t fsink_cap;
	/* points on examples of their own (objective_eval_subsets) */
	double *sub;                    /* their columns, lane by lane */
	size_t sub_cap;                 /* lanes of each column of sub */
	struct dataset *owned;          /* freed with the objective */
	/* a slice (objective_slice): base(origin + t1 d1 + t2 d2) */
	struct objective *base;         /* borrowed */
	double *origin, *dirs;          /* base dim; dim * base dim */
	char *names[2];
	/* a data objective's target column */
	int target;
	/* a model view (objective_model_view): the model's value at theta
	 * against its inputs, the columns view_in[0..dim) of base's data */
	struct expr *view_e;
	struct expr_program *view;
	int view_in[2];
	double *zeros;                  /* lanes of a column that is not an input */
	size_t zeros_cap;
};

/* A new objective of e (taken) with dim parameters; products: Hessians from products. */
struct objective *objective_new(struct expr *e, int dim, int products);

/* A slice at m points (objective-slice.c), for objective_eval. */
void slice_eval(struct objective *o, size_t m, const double *const *w, double *f,
		double *const *g, double *const *h);

/* A model view at m points (objective-slice.c), for objective_eval. */
void view_eval(struct objective *o, size_t m, const double *const *w, double *f,
	       double *const *g, double *const *h);

#endif
