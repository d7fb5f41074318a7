/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analysis.h - naming what the learner sees: the kind of a critical point
 * (from the Hessian's eigenvalues), the critical points of a function of
 * one or two variables in a region, its convexity there (with a chord that
 * breaks Jensen's inequality when it is not convex), and its basins of
 * attraction under an optimizer.
 */
#ifndef DESCENT_ANALYSIS_H
#define DESCENT_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "descent/objective.h"
#include "descent/optim.h"

enum cp_kind {
	CP_MINIMUM,             /* every eigenvalue > 0 */
	CP_MAXIMUM,             /* every eigenvalue < 0 */
	CP_SADDLE,              /* some > 0, some < 0 */
	CP_DEGENERATE,          /* an eigenvalue is 0 (within tolerance), no sign change */
};
const char *cp_kind_name(enum cp_kind k);

/*
 * The kind of a point whose Hessian is h (n x n, row-major), from its
 * eigenvalues, written increasing to lambda (n values).  An eigenvalue is
 * taken as zero when |lambda| <= 1e-7 * max(1, |largest|).  A point with
 * eigenvalues of both signs is a saddle even when another is zero.
 */
enum cp_kind analysis_classify(int n, const double *h, double *lambda);
/* "a minimum", "a saddle point", ...: the kind in a sentence. */
const char *cp_kind_phrase(enum cp_kind k);
/*
 * The kind of the point w of objective o, from its Hessian, with the
 * eigenvalues (increasing) in lambda (n values; NULL when not wanted);
 * -1 when o has more than OPT_MAX_HESSIAN parameters.
 */
int analysis_point_kind(struct objective *o, const double *w, double *lambda);
/*
 * How a run ended, in the one wording that the course, learn --plain, the
 * playground and descent run share: "converged at step 66 to a saddle
 * point", "stopped at the step limit (1000 steps)", "diverged at step 39:
 * |f| is beyond 1e+08"; empty while it runs.  Returns the length, as
 * snprintf.
 */
size_t analysis_outcome(struct objective *o, const struct trajectory *tr, char *buf,
			size_t size);
/*
 * Why a run diverged (tr->reason, which stays English for the records and
 * JSON) in the user's language, into buf when it has a number; returns
 * the text, or "" for none.
 */
const char *analysis_reason_text(const char *reason, char *buf, size_t size);

/*
 * What the derivatives say at a point w of an objective of any dimension:
 * f and |grad|; up to OPT_MAX_HESSIAN parameters, the Hessian's
 * eigenvalues (increasing; the caller frees them with
 * analysis_point_done), its extremes lmin and lmax (lmax is the
 * sharpness), the index (eigenvalues below -zero) and the number of
 * zeros (|lambda| <= zero), zero being analysis_classify's 1e-7 *
 * max(1, |largest|); and where |grad| < tol, the kind of point (else -1):
 * a saddle of that index, a minimum, a maximum, or degenerate.  Past
 * OPT_MAX_HESSIAN, lambda is NULL, index and zeros are unknown (-1), and
 * lmin and lmax are Lanczos's estimates from ANALYSIS_LANCZOS_STEPS
 * Hessian-vector products (inside the spectrum: at or below the true
 * extremes in size).  Returns 0, or -1 when the Hessian is not finite.
 */
#define ANALYSIS_LANCZOS_STEPS 60
struct point_report {
	int n;
	double f, gnorm;
	double *lambda;
	double lmin, lmax;
	int index, zeros;
	int kind;               /* enum cp_kind, or -1 */
};
int analysis_point(struct objective *o, const double *w, double tol, struct point_report *r);
void analysis_point_done(struct point_report *r);

/*
 * A census of critical points (analysis-census.c): from each start,
 * Levenberg-Marquardt on the gradient (Newton's method on grad f = 0,
 * damped), which finds saddles and maxima as readily as minima, until
 * |grad| < tol or max_iter iterations; a coordinate past bound gives up.
 * Points closer than same * (1 + |x|) are one point.  Up to
 * OPT_MAX_HESSIAN parameters (a Hessian and its eigenvectors a step).
 */
struct census_options {
	double tol;             /* |grad| of a critical point (1e-8) */
	int max_iter;           /* per start (200) */
	double bound;           /* (1e6) */
	double same;            /* (1e-5) */
};
void census_options_init(struct census_options *opt);

struct census_point {
	double *x;              /* the point (n values) */
	double f, lmax;
	int kind;               /* enum cp_kind */
	int index, zeros;       /* negative and zero eigenvalues */
	int hits;               /* starts that found it */
};

struct census {
	struct census_point *points;    /* in the order found */
	int npoints, cap;
	int starts, failed;             /* starts tried; those that found nothing */
};

/*
 * The census of o from the m starts (row-major, m * n values).  Returns
 * 0, or -1 past OPT_MAX_HESSIAN parameters.  Free with
 * analysis_census_done.
 */
int analysis_census(struct objective *o, size_t m, const double *starts,
		    const struct census_options *opt, struct census *c);
void analysis_census_done(struct census *c);

/*
 * Lines and planes through a landscape of n parameters (analysis-slice.c),
 * to draw with objective_slice.
 *
 * Two random directions (normal, from seed), each scaled unit by unit to
 * the norm of theta's unit (a network's: a unit's incoming weights and
 * bias; net NULL: the whole vector at once), after Li et al. (2018): a
 * unit of large weights moves as far, relatively, as one of small.
 */
struct expr_mlp;
void analysis_random_directions(const struct expr_mlp *net, const double *theta, int n,
				uint64_t seed, double *d1, double *d2);
/*
 * The Hessian's eigenvectors of the two largest eigenvalues at theta (up
 * to OPT_MAX_HESSIAN parameters), the eigenvalues into l1 >= l2: 0, or -1.
 */
int analysis_hessian_directions(struct objective *o, const double *theta, double *d1,
				double *d2, double *l1, double *l2);
/*
 * The first two principal components of a trajectory's points (len rows
 * of n, w row-major) about the point end, from ANALYSIS_PCA_POINTS of
 * them spread along it: orthonormal directions, and the shares of the
 * variance they explain into explained[0..2).  0, or -1 for fewer than 3
 * points or a trajectory on a line.
 */
#define ANALYSIS_PCA_POINTS 400
int analysis_pca_directions(const double *w, size_t len, int n, const double *end,
			    double *d1, double *d2, double *explained);
/* The coordinates ab[0..2) of x's least-squares projection on origin + a d1 + b d2. */
void analysis_project(int n, const double *origin, const double *d1, const double *d2,
		      const double *x, double *ab);
/*
 * Along a line (a slice of one variable t): f at t = 0 and 1, and the
 * highest f between them, at t, from ANALYSIS_BARRIER_STEPS + 1 points;
 * height is how far it rises above the higher end (<= 0: no barrier).
 */
#define ANALYSIS_BARRIER_STEPS 200
struct barrier {
	double f0, f1, t, f, height;
};
void analysis_barrier(struct objective *line, struct barrier *b);

/* A region: [lo[k], hi[k]] for each of the n <= 2 variables. */
struct region {
	int n;
	double lo[2], hi[2];
};

struct critical_point {
	double x[2];
	double f;
	double lambda[2];       /* the Hessian's eigenvalues, increasing */
	enum cp_kind kind;
	int global;             /* a minimum: 1 when no point of the region is lower
				 * (the search conclusive), 0 when a lower point is
				 * known (local), -1 when the search cannot tell */
};

/*
 * The critical points of a 1- or 2-variable objective in region r, found
 * by Newton's method on the gradient from grids of starts (cell
 * centres), all lanes of a grid in lockstep through the batch evaluator.
 *
 * A probe grid first counts the sign changes of df/dx along rows and of
 * df/dy along columns; the first grid has 4 starts per sign change and
 * axis (at least 200 in 1D, 24 per axis in 2D), or opt->starts per axis.
 * Each next grid is twice as dense per axis (at most the size cap:
 * 131072 starts in 1D, 512 per axis in 2D), until one finds no point the
 * earlier ones missed while the one before had at least the starts the
 * probe asks for (CP_STOP_AGREED: conclusive, a heuristic, not a proof),
 * the budget of evaluations runs out (CP_STOP_BUDGET), or a grid at the
 * cap found new points (CP_STOP_SIZE).
 */
#define CP_BUDGET 4000000LL     /* evaluations of f, gradient and Hessian */

struct cp_options {
	int starts;             /* the first grid's starts per axis; 0: from the probe */
	long long budget;       /* evaluations; 0: CP_BUDGET */
};

enum cp_stop { CP_STOP_AGREED, CP_STOP_BUDGET, CP_STOP_SIZE };

struct cp_search {
	struct critical_point *cp;      /* found points, sorted by x then y */
	int found;
	int conclusive;
	enum cp_stop stop;
	int passes;                     /* grids run */
	int nx, ny;                     /* the last grid's starts per axis */
	int prev[2];                    /* and the one before (0 if none) */
	long long starts;               /* starts of all grids */
	int added;                      /* points new in the last grid (-1: cut short) */
	int sign_changes[2];            /* the probe's, per axis */
	int want[2];                    /* starts per axis the probe asks for */
	long long work;                 /* evaluations: probe, Newton steps, checks */
};

/*
 * Fills s (free it with cp_search_free); opt may be NULL.  Returns the
 * number of points found, or -1 when the objective is not of 1 or 2
 * variables (s is then empty).
 */
int analysis_critical_search(struct objective *o, const struct region *r,
			     const struct cp_options *opt, struct cp_search *s);
void cp_search_free(struct cp_search *s);

/*
 * The same, as a list: writes at most max points to cp (sorted by
 * position); returns how many were found (it may be more than max), or
 * -1 when the objective is not of 1 or 2 variables.  starts as
 * opt->starts above.
 */
int analysis_critical_points(struct objective *o, const struct region *r,
			     int starts, struct critical_point *cp, int max);

/*
 * The lowest value of a 1- or 2-variable objective on a grid of region r
 * that includes its edges (2001 points in 1D, 201 x 201 in 2D), where a
 * global minimum may sit without being a critical point; and where it is,
 * into where (n values) when where is not NULL.
 */
double analysis_region_min(struct objective *o, const struct region *r, double *where);

/*
 * A quadratic bowl's rates (analysis-quadratic.c): gradient descent
 * converges for lr < gd_limit (2/lmax) and is fastest at gd_best
 * (2/(lmin + lmax)); momentum (the heavy ball) with 0 <= beta < 1
 * converges for lr < (1 + beta)*gd_limit and is fastest at hb_lr with
 * hb_beta.
 */
struct quadratic {
	double lmin, lmax;      /* the Hessian's smallest and largest eigenvalues */
	double condition;       /* lmax/lmin */
	double gd_limit, gd_best;
	double hb_lr, hb_beta;  /* (2/(sqrt(lmin) + sqrt(lmax)))^2, ((sqrt(k) - 1)/(sqrt(k) + 1))^2 */
};

/*
 * Fills q when the objective (of 1 or 2 variables) is a quadratic bowl on
 * r: its Hessian the same at the middle and at every corner of r, and
 * positive definite; returns 0.  Otherwise returns -1 and says why in
 * why (size bytes), in words for the learner.
 */
int analysis_quadratic(struct objective *o, const struct region *r, struct quadratic *q,
		       char *why, size_t size);

/*
 * A point of n coordinates as the analysis's messages write it: "x" or
 * "(x, y, ...)", each to 6 significant digits, |values| below 1e-9 as 0.
 */
void analysis_point_text(char *buf, size_t size, const double *x, int n);

/*
 * Hyperparameter maps (analysis-map.c).  An axis is one of the
 * optimizer's parameters (an opt_param_id) over n cells, its grid points
 * from lo to hi, ends included, evenly spaced or (log) evenly in their
 * logarithm.
 */
#define MAP_MAX_CELLS 1000      /* per axis */
struct map_axis {
	int param;
	double lo, hi;
	int n;
	int log;
};
/* The value of cell i of axis a. */
double map_axis_value(const struct map_axis *a, int i);
/* The cell of axis a nearest to v (in the logarithm on a log axis). */
int map_axis_nearest(const struct map_axis *a, double v);

/* How each cell's run ended: ny rows of nx cells (ny = 1 for one axis). */
struct map_result {
	int nx, ny;
	enum run_outcome *outcome;      /* cell (i, j) at j*nx + i */
	long *steps;                    /* the step where it ended */
};

/*
 * Runs c's optimizer from start with each cell's settings (axis x, and y
 * unless NULL; the other settings are c's), the cells together as lanes;
 * fills res (free with map_result_free) and returns 0, or returns -1
 * with err filled when an axis is not one of the optimizer's parameters,
 * leaves its range, or has a bad size.
 */
int analysis_map(struct objective *o, const struct run_config *c, const double *start,
		 const struct map_axis *x, const struct map_axis *y, struct map_result *res,
		 struct diag *err);
/*
 * A map of a data objective (analysis-map.c): across, the learning rate
 * (axis lr); down, the mini-batch size, the powers of two from batch_lo
 * up to batch_hi and batch_hi itself (one row of c's batch when batch_lo
 * is 0).  Each cell is `seeds` runs of c with that rate and batch, seeds
 * c->seed, c->seed + 1, ..., which give it the mean over them of its
 * final loss (the loss of all the data at the last step; +inf when a run
 * diverged) and, when goal > 0, of the steps its runs took to bring the
 * loss to goal or below (NAN when one did not; +inf when one diverged).
 * The runs are lanes of run_lanes_data, each the run alone, bit for bit.
 */
#define DATA_MAP_MAX_ROWS 32
struct data_map {
	int nx, ny;
	long batch[DATA_MAP_MAX_ROWS];  /* each row's batch size (0: all the data) */
	int seeds;
	double *loss;                   /* cell (i, j) at j*nx + i */
	double *steps;                  /* with a goal, else NULL */
};
int analysis_data_map(struct objective *o, const struct run_config *c, const double *start,
		      const struct map_axis *lr, long batch_lo, long batch_hi, int seeds,
		      double goal, struct data_map *res, struct diag *err);
void data_map_free(struct data_map *m);

/*
 * Cell (i, j) of res in words, its settings named by axis (naxes of
 * them) and limit its runs' step limit: "lr 0.0909, beta 0.27: converged
 * in 31 steps", "...: diverged at step 4", "...: not converged in 1000 steps".
 */
void map_cell_text(char *buf, size_t size, const struct map_result *res,
		   const struct map_axis *axis, int naxes, int i, int j, long limit);

/* The fewest steps of a converged cell, at (*ix, *iy); -1 when none converged. */
long map_fastest(const struct map_result *res, int *ix, int *iy);
void map_result_free(struct map_result *res);

/* The convexity of an objective on a region, from a grid of Hessians. */
enum hess_sign {
	HESS_POSDEF,            /* positive definite: strictly convex here */
	HESS_POSSEMI,           /* positive semidefinite (a zero eigenvalue) */
	HESS_INDEFINITE,        /* a saddle shape: not convex */
	HESS_NEGSEMI,
	HESS_NEGDEF,            /* concave here */
	HESS_UNDEFINED,         /* not finite */
};
const char *hess_sign_name(enum hess_sign s);

/*
 * What the grid says: a verdict, or none when f (or its gradient or
 * Hessian) is not finite at (almost) every point: nan there (the function
 * is undefined on the region), or an infinity (its values overflow).
 */
enum convexity_verdict {
	CONVEXITY_CONVEX,
	CONVEXITY_NOT_CONVEX,
	CONVEXITY_UNDEFINED,
	CONVEXITY_OVERFLOW,
};
const char *convexity_verdict_name(enum convexity_verdict v);

struct convexity {
	int nx, ny;             /* the grid (ny = 1 in 1D) */
	unsigned char *sign;    /* nx*ny enum hess_sign, row-major from (lo, lo) */
	int convex;             /* PSD at every grid point */
	enum convexity_verdict verdict;
	size_t nnan, ninf;      /* points where f, its gradient or its Hessian is
				 * nan (and nothing infinite), or infinite */
	size_t counts[6];       /* points of each sign */
	/* when not convex: f(a*p + (1-a)*q) > a*f(p) + (1-a)*f(q) */
	int has_chord;
	double p[2], q[2], alpha, lhs, rhs;
};

/*
 * Fills c for objective o on region r with an nx by ny grid (ny ignored
 * in 1D); when not convex, searches a chord that breaks Jensen's
 * inequality, both ends in the region.  Free c->sign with free().
 * Returns 0, or -1 when the objective is not of 1 or 2 variables.
 */
int analysis_convexity(struct objective *o, const struct region *r, int nx, int ny,
		       struct convexity *c);

/*
 * Basins of attraction: for each start of an nx by ny grid over r, the
 * index in cp[0..ncp) of the minimum the run of c reaches (within a
 * tolerance of its size), or BASIN_DIVERGED, BASIN_NOT_CONVERGED (the
 * step limit), BASIN_OTHER (converged elsewhere, e.g. to a saddle or
 * outside the region).  label has nx*ny entries, row-major.  The starts
 * are run in lockstep through the batch evaluator.
 */
enum { BASIN_DIVERGED = -1, BASIN_NOT_CONVERGED = -2, BASIN_OTHER = -3 };
int analysis_basins(struct objective *o, const struct region *r, int nx, int ny,
		    const struct run_config *c, const struct critical_point *cp,
		    int ncp, int *label);

#endif
