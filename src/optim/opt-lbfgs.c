/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt-lbfgs.c - L-BFGS: BFGS's direction d = -B g without B, from the
 * last `memory` pairs (s, y) of steps and changes of gradient alone, by
 * the two-loop recursion (Nocedal and Wright, algorithm 7.4), B's start
 * being the identity times y.s/y.y of the newest pair; then a step along
 * d that meets the strong Wolfe conditions (opt-wolfe.c).  A lane's state
 * is memory*n values of s, as many of y, memory of 1/(y.s), the number
 * of pairs kept and the slot of the next one: O(memory*n) where BFGS
 * keeps n*n.  A pair with y.s <= 0 is not kept; a direction that does
 * not go downhill, or a search that finds no good point, forgets the
 * pairs and is flagged.  The learning rate scales the first step tried,
 * as for bfgs.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "descent/i18n.h"
#include "descent/linalg.h"
#include "descent/optim.h"
#include "descent/util.h"
#include "opt-wolfe.h"

static size_t
lbfgs_state_size(int n, const struct opt_params *p)
{
	size_t m = (size_t)p->memory;

	return 2 * m * (size_t)n + m + 2;
}

/* The state of one lane, gathered: s and y (memory*n each), rho, count, next. */
struct pairs {
	int n, m, count, next;
	double *s, *y, *rho;
};

/* Direction d = -H g by the two-loop recursion over the pairs, oldest last. */
static void
two_loop(const struct pairs *p, const double *g, double *d, double *alpha)
{
	int n = p->n, i, k, j;
	double gamma = 1;

	for (k = 0; k < n; k++)
		d[k] = g[k];
	for (i = 0; i < p->count; i++) {        /* newest first */
		j = (p->next - 1 - i + p->m) % p->m;
		alpha[j] = p->rho[j] * la_dot(n, p->s + j * n, d);
		for (k = 0; k < n; k++)
			d[k] -= alpha[j] * p->y[j * n + k];
	}
	if (p->count > 0) {
		j = (p->next - 1 + p->m) % p->m;
		gamma = la_dot(n, p->s + j * n, p->y + j * n) / la_dot(n, p->y + j * n, p->y + j * n);
	}
	for (k = 0; k < n; k++)
		d[k] *= gamma;
	for (i = p->count - 1; i >= 0; i--) {   /* oldest first */
		double beta;
		j = (p->next - 1 - i + p->m) % p->m;
		beta = p->rho[j] * la_dot(n, p->y + j * n, d);
		for (k = 0; k < n; k++)
			d[k] += p->s[j * n + k] * (alpha[j] - beta);
	}
	for (k = 0; k < n; k++)
		d[k] = -d[k];
}

/* One lane's step; work holds the lane's state and 6n + memory doubles. */
static void
lbfgs_lane(const struct opt_step *s, size_t lane, double *work, size_t ns)
{
	int n = s->n, m = (int)s->p->memory, k;
	size_t i;
	double *st = work, *x = st + ns, *g = x + n, *d = g + n, *xn = d + n, *gn = xn + n;
	double *y = gn + n, *alpha = y + n, fn, a, sy, gmax = 0;
	struct pairs p;

	for (i = 0; i < ns; i++)
		st[i] = s->state[i][lane];
	p.n = n;
	p.m = m;
	p.s = st;
	p.y = st + (size_t)m * n;
	p.rho = p.y + (size_t)m * n;
	p.count = (int)p.rho[m];
	p.next = (int)p.rho[m + 1];
	for (k = 0; k < n; k++) {
		x[k] = s->w[k][lane];
		g[k] = s->g[k][lane];
		gmax = fmax(gmax, fabs(g[k]));
	}
	two_loop(&p, g, d, alpha);
	if (!(la_dot(n, g, d) < 0)) {
		p.count = p.next = 0;
		for (k = 0; k < n; k++)
			d[k] = -g[k];
		s->flag[lane] = 1;
	}
	if (wolfe_search(s, lane, x, s->f[lane], g, d,
			 s->lr * (p.count == 0 && gmax > 1 ? 1 / gmax : 1), &a, xn, &fn, gn) < 0)
		s->flag[lane] = 1;
	if (a == 0) {
		p.count = p.next = 0;
	} else {
		double *sn = p.s + (size_t)p.next * n, *yn = p.y + (size_t)p.next * n;
		for (k = 0; k < n; k++) {
			y[k] = gn[k] - g[k];
			xn[k] -= x[k];          /* now s, the step */
		}
		sy = la_dot(n, xn, y);
		if (sy > 0 && isfinite(sy)) {
			for (k = 0; k < n; k++) {
				sn[k] = xn[k];
				yn[k] = y[k];
			}
			p.rho[p.next] = 1 / sy;
			p.next = (p.next + 1) % m;
			p.count += p.count < m;
		}
		for (k = 0; k < n; k++)
			s->w[k][lane] = x[k] + xn[k];
	}
	p.rho[m] = p.count;
	p.rho[m + 1] = p.next;
	for (i = 0; i < ns; i++)
		s->state[i][lane] = st[i];
}

static void
lbfgs_step(const struct opt_step *s)
{
	size_t ns = lbfgs_state_size(s->n, s->p), lane;
	double *work = xmalloc((ns + 6 * (size_t)s->n + (size_t)s->p->memory) * sizeof *work);

	for (lane = 0; lane < s->m; lane++)
		lbfgs_lane(s, lane, work, ns);
	free(work);
}

static void
lbfgs_state_text(int n, const struct opt_params *p, const double *state, char *buf,
		 size_t size)
{
	size_t m = (size_t)p->memory;

	snprintf(buf, size, _("pairs %d of %zu"), (int)state[2 * m * (size_t)n + m], m);
}

const struct optimizer opt_lbfgs = {
	.name = "lbfgs",
	.rule = N_("d = -H g from the last `memory` pairs (s, y); w += a*d, a by a Wolfe "
		   "line search"),
	.params = "lr,memory",
	.state_size = lbfgs_state_size,
	.line_search = 1,
	.extra_evals = WOLFE_EVALS,
	.defaults = { .lr = 1.0, .memory = 10 },
	.step = lbfgs_step,
	.state_text = lbfgs_state_text,
};
