/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-numbers.c - the numbers a chapter's text states, held against
 * what the chapter proves or sets: a number written in a page's text
 * (body, question, hint, explanation, remark, choices, feedback) that no
 * value of the chapter covers gets a warning, so that an author sees the
 * number a claim is missing for.
 *
 * The values of a chapter are those its claims state (points, values,
 * gradients, eigenvalues, rates, steps), its answers and their expected
 * mistakes, what its pages set (regions, starts, rates, steps, levels,
 * chords, goals, data points) and the numbers written in its
 * expressions; a number written with d decimals is covered by a value
 * that rounds to it at d decimals, whatever its sign.  Whole numbers from
 * 0 to 10 are counts and small coefficients, taken as they are; a page
 * lists the numbers that need no proof (a year, a page count) in
 * "unproved".  Numbers are found in the text as written: a digit run
 * that follows a letter, a digit or '_' (w0, x2) is not one.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/util.h"
#include "lesson-int.h"

struct values {
	double *v;
	size_t n, cap;
};

static void
add(struct values *vs, double v)
{
	if (!isfinite(v))
		return;
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 256;
		vs->v = xreallocarray(vs->v, vs->cap, sizeof *vs->v);
	}
	vs->v[vs->n++] = fabs(v);
}

static void
add_n(struct values *vs, const double *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		add(vs, v[i]);
}

/*
 * The number at s, when one starts there (a digit, or a '.' and a digit,
 * not after a letter, a digit, '_' or '.'): its value, its decimals, and
 * its length; 0 when none does.
 */
static size_t
number_at(const char *text, const char *s, double *v, int *decimals)
{
	const char *p = s;
	char buf[64];
	size_t n;

	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return 0;
	if (s > text && (isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '.'))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	*decimals = 0;
	if (*p == '.' && isdigit((unsigned char)p[1])) {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			++*decimals;
		}
	}
	n = (size_t)(p - s);
	if (n >= sizeof buf)
		return n;       /* a run of digits too long to be a number of the text */
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return n;
}

/* Adds every number written in the text s (an expression, say). */
static void
add_text(struct values *vs, const char *s)
{
	const char *p;

	for (p = s; p != NULL && *p != '\0'; ) {
		double v;
		int d;
		size_t n = number_at(s, p, &v, &d);
		if (n > 0) {
			add(vs, v);
			p += n;
		} else {
			p++;
		}
	}
}

/* Whether some value rounds to x, written with d decimals. */
static int
covered(const struct values *vs, double x, int d)
{
	double half = 0.5 * pow(10, -d) * (1 + 1e-9);
	size_t i;

	for (i = 0; i < vs->n; i++)
		if (fabs(vs->v[i] - x) <= half || fabs(vs->v[i] - x) <= 1e-12 * fabs(x))
			return 1;
	return 0;
}

static void
add_page(struct values *vs, const struct lesson_page *p)
{
	int i, k;

	if (p->obj.function != NULL || p->obj.model != NULL) {
		add_n(vs, p->x, 2);
		if (p->dim == 2)
			add_n(vs, p->y, 2);
	}
	add_n(vs, p->start, p->nstart);
	add_text(vs, p->obj.function);
	add_text(vs, p->obj.model);
	for (i = 0; p->obj.points != NULL && (size_t)i < p->obj.npoints * (size_t)p->obj.ncolumns;
	     i++)
		add(vs, p->obj.points[i]);
	if (p->obj.set != NULL)
		add_text(vs, p->obj.set);
	if (p->obj.has_split)
		for (k = 0; k < 3; k++)         /* the parts' points */
			add(vs, (double)lesson_part_points(&p->obj, k));
	for (i = 0; i < p->nclaims; i++) {
		const struct claim *cl = &p->claims[i];
		add(vs, cl->f[0]);              /* sharpness, barrier: a value, no point */
		for (k = 0; k < cl->npoints && k < CLAIM_MAX_POINTS; k++) {
			add_n(vs, cl->x[k], p->dim > 0 && p->dim <= 8 ? p->dim : 1);
			add(vs, cl->f[k]);
		}
		add_n(vs, cl->at, p->dim > 0 && p->dim <= 8 ? p->dim : 1);
		add_n(vs, cl->vals, cl->nvals);
		add_n(vs, cl->rate, 3);
		add_n(vs, cl->loss, 3);
		for (k = 0; k < CENSUS_RANGES; k++)
			add_n(vs, cl->range[k], 2);
		add(vs, (double)cl->steps);
		add(vs, cl->gnorm);
	}
	switch (p->kind) {
	case PAGE_PLOT:
		add(vs, p->plot.tangent);
		if (p->plot.has_chord)
			add_n(vs, p->plot.chord, 2);
		break;
	case PAGE_DESCENT: case PAGE_NETWORK:
		add_text(vs, p->descent.init);          /* "const:0.5", "glorot:5" */
		for (i = 0; i < p->descent.nruns; i++)
			add_text(vs, p->descent.runs[i].init);
		add(vs, (double)p->descent.steps);
		add(vs, p->descent.noise);
		add(vs, (double)p->descent.batch);
		for (i = 0; i < p->descent.nruns; i++) {
			const struct opt_params *o = &p->descent.runs[i].params;
			add(vs, o->lr);
			add(vs, o->beta);
			add(vs, o->rho);
			add(vs, o->beta1);
			add(vs, o->beta2);
			add_n(vs, p->descent.runs[i].start, p->descent.runs[i].nstart);
		}
		break;
	case PAGE_NUMERIC:
		add(vs, p->numeric.answer);
		add_n(vs, p->numeric.wrong, p->numeric.nwrong);
		add_n(vs, p->numeric.verify_at, p->dim > 0 && p->dim <= 8 ? p->dim : 1);
		break;
	case PAGE_LOCATE:
		if (p->locate.target == TARGET_POINT)
			add_n(vs, p->locate.point, 2);
		break;
	case PAGE_CHALLENGE:
		add(vs, p->challenge.lr_min);
		add(vs, p->challenge.lr_max);
		add(vs, p->challenge.preset_lr);
		add_n(vs, p->challenge.goal, 2);
		add(vs, p->challenge.within);
		add(vs, (double)p->challenge.max_steps);
		add(vs, p->challenge.goal_loss);
		for (i = 0; i < p->challenge.ninits; i++)
			add_text(vs, p->challenge.inits[i]);
		for (i = 0; i < p->challenge.nbatches; i++)
			add(vs, (double)p->challenge.batches[i]);
		break;
	case PAGE_FORMULA:
		add_text(vs, p->formula.answer);
		add_text(vs, p->formula.engine);
		add(vs, p->formula.lr);
		for (i = 0; i < p->formula.nwrong; i++)
			add_text(vs, p->formula.wrong[i]);
		for (i = 0; i < p->formula.nvars; i++) {
			add(vs, p->formula.lo[i]);
			add(vs, p->formula.hi[i]);
		}
		break;
	default:
		break;
	}
	add_n(vs, p->unproved, p->nunproved);
	add_n(vs, p->levels, p->nlevels);
}

/* Warns once for each number of text that vs does not cover. */
static void
scan(const struct lesson_chapter *c, const struct lesson_page *p, const struct values *vs,
     const char *text, const char *what, struct diags *ds, int *said)
{
	const char *s;

	for (s = text; s != NULL && *s != '\0'; ) {
		double v;
		int d;
		size_t n = number_at(text, s, &v, &d);
		if (n == 0) {
			s++;
			continue;
		}
		if (!(d == 0 && v <= 10) && !covered(vs, v, d) && *said < 8) {
			/* TRANSLATORS: the second %s is the part of the page, "hint",
			 * "question"... */
			diags_add(ds, c->file, p->line, p->column, DIAG_WARNING, "the number %.*s "
				  "in the %s is proved by no claim of the chapter: claim it, or list it "
				  "in \"unproved\"", (int)(n < 24 ? n : 24), s, _(what));
			++*said;
		}
		s += n;
	}
}

int
lesson_check_numbers(const struct lesson_chapter *c, struct diags *ds)
{
	struct values vs = { NULL, 0, 0 };
	int i, k, said = 0, total = 0;

	for (i = 0; i < c->npages; i++)
		if (!c->pages[i].broken)
			add_page(&vs, &c->pages[i]);
	for (i = 0; i < c->npages; i++) {
		const struct lesson_page *p = &c->pages[i];
		if (p->broken)
			continue;
		said = 0;
		/* TRANSLATORS: the parts of a page, in "the number 3.5 in the
		 * hint is proved by no claim of the chapter" */
		scan(c, p, &vs, p->body, N_("text"), ds, &said);
		scan(c, p, &vs, p->question, N_("question"), ds, &said);
		scan(c, p, &vs, p->hint, N_("hint"), ds, &said);
		scan(c, p, &vs, p->explain, N_("explanation"), ds, &said);
		if (p->kind == PAGE_NOTE)
			scan(c, p, &vs, p->note.remark, N_("remark"), ds, &said);
		if (p->kind == PAGE_QUIZ)
			for (k = 0; k < p->quiz.nchoices; k++) {
				scan(c, p, &vs, p->quiz.choices[k], N_("choices"), ds, &said);
				scan(c, p, &vs, p->quiz.feedback[k], N_("feedback"), ds, &said);
			}
		if (p->kind == PAGE_NUMERIC)
			for (k = 0; k < p->numeric.nwrong; k++)
				scan(c, p, &vs, p->numeric.wrong_feedback[k], N_("feedback"), ds,
				     &said);
		if (p->kind == PAGE_FORMULA)
			for (k = 0; k < p->formula.nwrong; k++)
				scan(c, p, &vs, p->formula.wrong_feedback[k], N_("feedback"), ds,
				     &said);
		total += said;
	}
	free(vs.v);
	return total;
}
