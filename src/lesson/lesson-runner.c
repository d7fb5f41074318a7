/*
 * lesson-runner.c - the page runner: where a learner is in a chapter and
 * what their answers deserve.  It is the one place that judges answers,
 * so the terminal UI and the plain-text mode agree, and tests can drive
 * a chapter without a terminal.
 *
 * A locate answer is judged against the engine's critical points (not
 * the author's numbers): the cursor must be within the page's tolerance
 * of a point of the asked kind.  A challenge is judged by running it.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"
#include "descent/util.h"

#define MAX_CP 64

static void
save(struct lesson_runner *r)
{
	if (r->prog != NULL)
		progress_save(r->prog, r->ds);
}

static struct page_progress *
record(struct lesson_runner *r)
{
	static struct page_progress scratch;

	if (r->prog == NULL) {
		memset(&scratch, 0, sizeof scratch);
		return &scratch;
	}
	return progress_page(r->prog, r->c->id, r->page);
}

static void
leave_page(struct lesson_runner *r)
{
	int i;

	for (i = 0; i < r->nruns; i++)
		run_free(r->runs[i]);
	r->nruns = 0;
	run_free(r->challenge);
	r->challenge = NULL;
	objective_free(r->obj);
	r->obj = NULL;
	free(r->cp);
	r->cp = NULL;
	r->ncp = 0;
}

void
runner_init(struct lesson_runner *r, const struct lesson_chapter *c,
	    struct progress *prog, struct lesson_diags *ds)
{
	memset(r, 0, sizeof *r);
	r->c = c;
	r->prog = prog;
	r->ds = ds;
	r->page = -1;
}

void
runner_done(struct lesson_runner *r)
{
	leave_page(r);
}

void
runner_descent_reset(struct lesson_runner *r)
{
	const struct lesson_page *p;
	int i;

	if (r->page < 0 || r->obj == NULL)
		return;
	p = &r->c->pages[r->page];
	for (i = 0; i < r->nruns; i++)
		run_free(r->runs[i]);
	r->nruns = 0;
	if (p->kind != PAGE_DESCENT)
		return;
	for (i = 0; i < p->nruns; i++) {
		if (r->lr_factor != 1)  /* the learner's rates: the label says them */
			snprintf(r->labels[r->nruns], sizeof r->labels[0], "%s,lr=%g",
				 p->runs[i].opt->name, p->runs[i].params.lr * r->lr_factor);
		else
			snprintf(r->labels[r->nruns], sizeof r->labels[0], "%s", p->runs[i].label);
		/* its own start, unless the learner chose one for all */
		r->runs[r->nruns] = lesson_run_new(p, i, r->obj, r->lr_factor,
						   r->own_start ? r->start : NULL);
		if (r->runs[r->nruns] != NULL)
			r->nruns++;
	}
}

int
runner_descent_set(struct lesson_runner *r, const double *start, double lr_factor)
{
	const struct lesson_page *p;

	if (r->page < 0 || r->obj == NULL)
		return -1;
	p = &r->c->pages[r->page];
	if (p->kind != PAGE_DESCENT || !p->interactive || !(lr_factor >= 1.0 / 64) ||
	    !(lr_factor <= 64))
		return -1;
	if (start != NULL) {
		memcpy(r->start, start, (size_t)objective_dim(r->obj) * sizeof *start);
		r->own_start = 1;
	}
	r->lr_factor = lr_factor;
	runner_descent_reset(r);
	return 0;
}

int
runner_goto(struct lesson_runner *r, int n)
{
	const struct lesson_page *p;
	char err[200];

	if (n < 0)
		n = 0;
	if (n >= r->c->npages)
		n = r->c->npages - 1;
	if (n == r->page)
		return n;
	leave_page(r);
	r->page = n;
	r->feedback[0] = '\0';
	p = &r->c->pages[n];
	r->own_start = 0;
	r->lr_factor = 1;
	if (p->obj.function != NULL || p->obj.model != NULL)
		r->obj = lesson_objective(p, err, sizeof err);
	if (p->kind == PAGE_LOCATE && r->obj != NULL && p->target != TARGET_POINT) {
		struct region reg = { objective_dim(r->obj), { p->x[0], p->y[0] },
				      { p->x[1], p->y[1] } };
		r->cp = xcalloc(MAX_CP, sizeof *r->cp);
		r->ncp = analysis_critical_points(r->obj, &reg, 0, r->cp, MAX_CP);
		if (r->ncp > MAX_CP)
			r->ncp = MAX_CP;
		if (r->ncp < 0)
			r->ncp = 0;
	}
	runner_descent_reset(r);
	record(r)->seen = 1;
	if (r->prog != NULL)
		progress_set_last(r->prog, r->c->id, n);
	save(r);
	return n;
}

void
runner_caption(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct lesson_objective *lo;
	size_t len;
	int k, n;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (r->page < 0 || r->obj == NULL)
		return;
	lo = &r->c->pages[r->page].obj;
	n = objective_dim(r->obj);
	len = (size_t)snprintf(buf, size, "%s(", lo->model != NULL ? "J" : "f");
	for (k = 0; k < n && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ", " : "",
					objective_param(r->obj, k));
	if (len >= size)
		return;
	if (lo->model != NULL)
		snprintf(buf + len, size - len, ") = %s of %s over %zu points", loss_name(lo->loss),
			 lo->model, lo->npoints);
	else
		snprintf(buf + len, size - len, ") = %s", lo->function != NULL ? lo->function : "");
}

const char *
runner_hint(struct lesson_runner *r)
{
	const struct lesson_page *p;

	if (r->page < 0)
		return NULL;
	p = &r->c->pages[r->page];
	if (p->hint == NULL)
		return NULL;
	record(r)->hints++;
	save(r);
	return p->hint;
}

/* Records an attempt and its result, and says so. */
static enum answer
judge(struct lesson_runner *r, int right, const char *why)
{
	struct page_progress *pp = record(r);

	pp->attempts++;
	if (right)
		pp->correct = 1;
	snprintf(r->feedback, sizeof r->feedback, "%s%s%s", right ? "Right." : "Not quite.",
		 *why ? " " : "", why);
	save(r);
	return right ? ANSWER_RIGHT : ANSWER_WRONG;
}

enum answer
runner_quiz(struct lesson_runner *r, unsigned choices)
{
	const struct lesson_page *p;

	if (r->page < 0 || (p = &r->c->pages[r->page])->kind != PAGE_QUIZ ||
	    choices == 0 || (choices >> p->nchoices) != 0)
		return ANSWER_INVALID;
	if (choices == p->answers)
		return judge(r, 1, "");
	if ((choices & p->answers) != 0 && __builtin_popcount(p->answers) > 1)
		return judge(r, 0, "Some of your choices are right, not all of them.");
	return judge(r, 0, "");
}

enum answer
runner_numeric(struct lesson_runner *r, double value)
{
	const struct lesson_page *p;

	if (r->page < 0 || (p = &r->c->pages[r->page])->kind != PAGE_NUMERIC ||
	    !isfinite(value))
		return ANSWER_INVALID;
	return judge(r, fabs(value - p->answer) <= p->tolerance, "");
}

enum answer
runner_locate(struct lesson_runner *r, const double *x)
{
	const struct lesson_page *p;
	int n, i, best = -1;
	double bestd = INFINITY;
	char why[200];

	if (r->page < 0 || (p = &r->c->pages[r->page])->kind != PAGE_LOCATE || r->obj == NULL)
		return ANSWER_INVALID;
	n = objective_dim(r->obj);
	if (p->target == TARGET_POINT) {
		double d = hypot(x[0] - p->target_point[0], n > 1 ? x[1] - p->target_point[1] : 0);
		return judge(r, d <= p->tolerance, "");
	}
	for (i = 0; i < r->ncp; i++) {
		const struct critical_point *c = &r->cp[i];
		int want = (p->target == TARGET_MINIMUM && c->kind == CP_MINIMUM) ||
			   (p->target == TARGET_GLOBAL_MINIMUM && c->global) ||
			   (p->target == TARGET_MAXIMUM && c->kind == CP_MAXIMUM) ||
			   (p->target == TARGET_SADDLE && c->kind == CP_SADDLE);
		double d = hypot(x[0] - c->x[0], n > 1 ? x[1] - c->x[1] : 0);
		if (want && d < bestd) {
			best = i;
			bestd = d;
		}
	}
	if (best >= 0 && bestd <= p->tolerance)
		return judge(r, 1, "");
	/* near another kind of point: say which, that is the lesson */
	why[0] = '\0';
	for (i = 0; i < r->ncp; i++) {
		double d = hypot(x[0] - r->cp[i].x[0], n > 1 ? x[1] - r->cp[i].x[1] : 0);
		if (d <= p->tolerance) {
			snprintf(why, sizeof why, "That is a %s%s.", r->cp[i].global &&
				 p->target == TARGET_GLOBAL_MINIMUM ? "global " :
				 r->cp[i].kind == CP_MINIMUM && p->target == TARGET_GLOBAL_MINIMUM ?
				 "local " : "", cp_kind_name(r->cp[i].kind));
			break;
		}
	}
	return judge(r, 0, why);
}

enum answer
runner_challenge(struct lesson_runner *r, const struct optimizer *opt, double lr)
{
	const struct lesson_page *p;
	const struct trajectory *tr;
	struct run_config cfg;
	char err[200], why[200];
	int i, allowed = 0, n;
	double d;

	if (r->page < 0 || (p = &r->c->pages[r->page])->kind != PAGE_CHALLENGE ||
	    r->obj == NULL || opt == NULL)
		return ANSWER_INVALID;
	for (i = 0; i < p->nallowed; i++)
		allowed |= p->allowed[i] == opt;
	if (!allowed || !(lr >= p->lr_min && lr <= p->lr_max))
		return ANSWER_INVALID;
	run_free(r->challenge);
	run_config_init(&cfg, opt);
	cfg.params.lr = lr;
	cfg.max_steps = p->max_steps;
	r->challenge = run_new(r->obj, &cfg, p->start, err, sizeof err);
	if (r->challenge == NULL)
		return ANSWER_INVALID;
	run_all(r->challenge);
	tr = run_trajectory(r->challenge);
	n = tr->n;
	d = hypot(tr->w[(tr->len - 1) * n] - p->goal[0],
		  n > 1 ? tr->w[(tr->len - 1) * n + 1] - p->goal[1] : 0);
	if (tr->outcome == RUN_DIVERGED) {
		snprintf(why, sizeof why, "The run diverged at step %ld.", tr->step);
		return judge(r, 0, why);
	}
	if (d <= p->within) {
		snprintf(why, sizeof why, "It ends %.3g from the goal after %ld steps.", d,
			 tr->step);
		return judge(r, 1, why);
	}
	snprintf(why, sizeof why, "After %ld steps it is still %.3g from the goal (it must "
		 "be within %g).", tr->step, d, p->within);
	return judge(r, 0, why);
}

void
runner_run_text(struct lesson_runner *r, int i, char *head, size_t hsize, char *tail,
		size_t tsize)
{
	const struct trajectory *tr;
	const double *w;
	double f;
	size_t len;
	int k;

	head[0] = tail[0] = '\0';
	if (i < 0 || i >= r->nruns)
		return;
	tr = run_trajectory(r->runs[i]);
	w = run_point(r->runs[i]);
	switch (tr->outcome) {
	case RUN_CONVERGED:
		snprintf(head, hsize, "%s: converged at step %ld,", r->labels[i], tr->step);
		break;
	case RUN_MAX_STEPS:
		snprintf(head, hsize, "%s: after %ld steps,", r->labels[i], tr->step);
		break;
	case RUN_DIVERGED:
		snprintf(head, hsize, "%s: diverged at step %ld: %s", r->labels[i], tr->step,
			 tr->reason);
		return;
	default:
		snprintf(head, hsize, "%s: step %zu,", r->labels[i], tr->len);
		break;
	}
	/* an ended run's last record is its point; a running one's point is
	 * the next to record */
	if (tr->outcome != RUN_RUNNING && tr->len > 0)
		f = tr->f[tr->len - 1];
	else
		objective_eval_point(r->obj, w, &f, NULL, NULL);
	len = (size_t)snprintf(tail, tsize, "at (");
	for (k = 0; k < tr->n && len < tsize; k++)
		len += (size_t)snprintf(tail + len, tsize - len, "%s%.6g", k ? ", " : "",
					fabs(w[k]) < 1e-9 ? 0 : w[k]);
	if (len < tsize)
		snprintf(tail + len, tsize - len, "), f = %.6g", f);
}

int
runner_descent_step(struct lesson_runner *r)
{
	int i, going = 0;

	for (i = 0; i < r->nruns; i++)
		going += run_step(r->runs[i]) == RUN_RUNNING;
	return going;
}
