/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-runner.c - the page runner: where a learner is in a chapter and
 * what their answers deserve.  It is the one place that judges answers,
 * so the terminal UI and the plain-text mode agree, and tests can drive
 * a chapter without a terminal.
 *
 * Each kind judges its own answers (page-NAME.c); the runner keeps the
 * record, and asks a page's question on a line of text through its kind.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

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
	return progress_page_of(r->prog, r->c, r->page);
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
	objective_free(r->val);
	objective_free(r->test);
	r->val = r->test = NULL;
	for (i = 0; i < LESSON_MAX_RUNS; i++) {
		free(r->curve[i]);
		r->curve[i] = NULL;
		r->ncurve[i] = 0;
	}
	free(r->cp);
	r->cp = NULL;
	r->ncp = 0;
	map_result_free(&r->map);
	r->map.nx = r->map.ny = 0;
	r->map_cell[0] = r->map_cell[1] = 0;
}

void
runner_init(struct lesson_runner *r, const struct lesson_chapter *c,
	    struct progress *prog, struct diags *ds)
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

int
runner_goto(struct lesson_runner *r, int n)
{
	const struct lesson_page *p;
	struct diag err;

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
	if (p->obj.function != NULL || p->obj.model != NULL)
		r->obj = lesson_objective(p, &err);
	r->invalid[0] = '\0';
	if (page_kind_of(p->kind)->enter != NULL)
		page_kind_of(p->kind)->enter(r);
	record(r)->seen = 1;
	if (r->prog != NULL)
		progress_set_last(r->prog, r->c->id, n);
	save(r);
	return n;
}

const char *
runner_function_name(const struct lesson_runner *r)
{
	if (r->page >= 0 && r->page < r->c->npages && r->c->pages[r->page].obj.model != NULL)
		return "J";     /* a model's cost over its data */
	return "f";
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
	len = (size_t)snprintf(buf, size, "%s(", runner_function_name(r));
	for (k = 0; k < n && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ", " : "",
					objective_param(r->obj, k));
	if (len >= size)
		return;
	if (lo->model != NULL)
		/* TRANSLATORS: ends a figure's caption "J(w, b) = mse of
		 * w*x + b over 20 points": the loss, the model, the count */
		snprintf(buf + len, size - len, P_(") = %s of %s over %zu point",
						   ") = %s of %s over %zu points", lo->npoints),
			 loss_name(lo->loss), lo->model, lo->npoints);
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

enum answer
runner_judge(struct lesson_runner *r, int right, const char *why)
{
	struct page_progress *pp = record(r);

	if (pp->attempts == 0 && right)
		pp->first = 1;          /* right at the first try */
	pp->attempts++;
	if (right)
		pp->correct = 1;
	snprintf(r->feedback, sizeof r->feedback, "%s%s%s", right ? _("Right.") : _("Not quite."),
		 *why ? " " : "", why);
	save(r);
	return right ? ANSWER_RIGHT : ANSWER_WRONG;
}

void
runner_run_text(struct lesson_runner *r, int i, long left, char *head, size_t hsize,
		char *tail, size_t tsize)
{
	const struct trajectory *tr;
	const double *w;
	double f;
	size_t len;
	int k;
	char out[48] = "", words[160];

	head[0] = tail[0] = '\0';
	if (i < 0 || i >= r->nruns)
		return;
	tr = run_trajectory(r->runs[i]);
	w = run_point(r->runs[i]);
	/* the words every screen uses; where it left the view goes before
	 * the reason of a divergence, which is what a narrow screen may cut */
	analysis_outcome(r->obj, tr, words, sizeof words);
	if (left > 0)
		/* TRANSLATORS: follows how a run ended ("converged at step 40") */
		snprintf(out, sizeof out, _(" (left the view at step %ld)"), left);
	switch (tr->outcome) {
	case RUN_CONVERGED: case RUN_MAX_STEPS:
		snprintf(head, hsize, "%s: %s%s,", r->labels[i], words, out);
		break;
	case RUN_DIVERGED: {
		char *colon = strchr(words, ':');
		if (colon != NULL)
			*colon = '\0';
		snprintf(head, hsize, "%s: %s%s%s%s", r->labels[i], words, out,
			 colon != NULL ? ":" : "", colon != NULL ? colon + 1 : "");
		return;
	}
	default:
		/* TRANSLATORS: a run still going: its label, its step, and
		 * " (left the view at step 12)" or nothing */
		snprintf(head, hsize, _("%s: step %zu%s,"), r->labels[i], tr->len, out);
		break;
	}
	if (page_kind_of(RUNNER_PAGE(r)->kind)->flags & PK_NETWORK) {
		/* a network's point has too many numbers: its losses instead */
		double loss[3];
		runner_network_losses(r, i, loss);
		len = (size_t)snprintf(tail, tsize, "%s = %.6g", runner_function_name(r), loss[0]);
		if (!isnan(loss[1]) && len < tsize)
			len += (size_t)snprintf(tail + len, tsize - len, _(", validation %.6g"),
						loss[1]);
		if (!isnan(loss[2]) && len < tsize)
			snprintf(tail + len, tsize - len, _(", test %.6g"), loss[2]);
		return;
	}
	/* an ended run's last record is its point; a running one's point is
	 * the next to record */
	if (tr->outcome != RUN_RUNNING && tr->len > 0)
		f = tr->f[tr->len - 1];
	else
		objective_eval_point(r->obj, w, &f, NULL, NULL);
	/* TRANSLATORS: where a run is, "at (1.5, -2), f = 0.25" */
	len = (size_t)snprintf(tail, tsize, _("at ("));
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

int
runner_descent_back(struct lesson_runner *r)
{
	int i, back = 0;

	r->gen++;                       /* new runs: the curves start again */
	for (i = 0; i < r->nruns; i++) {
		struct diag err;
		struct run *b = run_back(r->runs[i], &err);
		if (b == NULL)
			continue;       /* at its start */
		run_free(r->runs[i]);
		r->runs[i] = b;
		back++;
	}
	return back;
}

int
runner_read_vector(struct lesson_runner *r, const char *text, double *v, int max, int *n)
{
	const char *p = text;

	*n = 0;
	r->invalid[0] = '\0';
	for (;;) {
		size_t len = list_item_len(p);
		const char *q = p + len;
		char item[512];
		struct diag err;
		struct expr *e;
		if (*n == max || len >= sizeof item)
			return -1;
		memcpy(item, p, len);
		item[len] = '\0';
		e = expr_parse(item, (const char *const[]){ NULL }, 0, &err);
		if (e == NULL) {
			snprintf(r->invalid, sizeof r->invalid, "%s", err.message);
			return -1;
		}
		if (!expr_is_const(e, expr_root(e), &v[*n])) {
			snprintf(r->invalid, sizeof r->invalid, _("'%.150s' is not a number"), item);
			expr_free(e);
			return -1;
		}
		expr_free(e);
		(*n)++;
		if (*q == '\0')
			return 0;
		p = q + 1;
	}
}

int
runner_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_kind_def *pk;

	if (size > 0)
		buf[0] = '\0';
	if (r->page < 0 || (pk = page_kind_of(RUNNER_PAGE(r)->kind))->prompt == NULL)
		return 0;
	return pk->prompt(r, buf, size);
}

enum answer
runner_answer_text(struct lesson_runner *r, const char *line)
{
	const struct page_kind_def *pk;

	r->invalid[0] = '\0';
	if (r->page < 0 || (pk = page_kind_of(RUNNER_PAGE(r)->kind))->answer_text == NULL)
		return ANSWER_INVALID;
	return pk->answer_text(r, line);
}

void
key_number(char *buf, size_t size, double v)
{
	num_exact(buf, size, v);
	if (strchr(buf, 'e') != NULL && fabs(v) >= 1 && fabs(v) < 1e15 && v == trunc(v))
		snprintf(buf, size, "%.0f", v);         /* 100, not 1e+02 */
}

int
runner_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct page_kind_def *pk;
	int ok;

	right[0] = wrong[0] = '\0';
	if (r->page < 0 || (pk = page_kind_of(RUNNER_PAGE(r)->kind))->key == NULL ||
	    pk->key(r, right, rsize, wrong, wsize) < 0)
		return -1;
	/* the key is what the page's own judge says of it */
	ok = runner_answer_text(r, right) == ANSWER_RIGHT &&
	     runner_answer_text(r, wrong) == ANSWER_WRONG;
	r->feedback[0] = '\0';
	return ok ? 0 : -1;
}

void
runner_invalid_text(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_kind_def *pk;

	if (size == 0)
		return;
	if (r->page >= 0 && (pk = page_kind_of(RUNNER_PAGE(r)->kind))->invalid_text != NULL)
		pk->invalid_text(r, buf, size);
	else if (r->invalid[0] != '\0')
		snprintf(buf, size, _("That is not an answer to this question: %s."), r->invalid);
	else
		snprintf(buf, size, _("That is not an answer to this question."));
}

size_t
runner_page_text(const struct lesson_runner *r, int width, int utf8, char *out,
		     size_t size)
{
	const struct page_kind_def *pk;

	if (size > 0)
		out[0] = '\0';
	if (r->page < 0 || (pk = page_kind_of(RUNNER_PAGE(r)->kind))->page_text == NULL)
		return 0;
	return pk->page_text(r, width, utf8, out, size);
}
