/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-wolfe.h - the line search of the quasi-Newton family (opt-wolfe.c),
 * for the rules of opt-bfgs.c, opt-lbfgs.c and opt-cg.c.
 */
#ifndef DESCENT_OPT_WOLFE_H
#define DESCENT_OPT_WOLFE_H

#include <stddef.h>

#include "descent/optim.h"

#define WOLFE_C1 1e-4           /* sufficient decrease */
#define WOLFE_C2 0.9            /* curvature */
#define WOLFE_EVALS 30          /* evaluations a search may ask for */

/*
 * A step a along the direction d (n values) from x, where f is f0 and the
 * gradient g0, meeting the strong Wolfe conditions
 *
 *   f(x + a d) <= f0 + c1 a g0.d      |g(x + a d).d| <= c2 |g0.d|
 *
 * (Nocedal and Wright's algorithm 3.5: the first trial is a0, doubled
 * while the conditions allow it, then a bracket zoomed in on with safe
 * cubic interpolation).  The evaluations go through s->eval for lane
 * `lane`.  Returns 0 with the step in *a, the point x + a d in xn and f
 * and the gradient there in *fn and gn.  When d does not go downhill or
 * no such step is found in WOLFE_EVALS evaluations, returns -1 with the
 * lowest point found that decreases f enough, or a = 0 and x itself.
 */
int wolfe_search(const struct opt_step *s, size_t lane, const double *x, double f0,
		 const double *g0, const double *d, double a0, double *a, double *xn,
		 double *fn, double *gn);

#endif
