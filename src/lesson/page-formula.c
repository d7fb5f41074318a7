/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page-formula.c - a question whose answer is a formula: the derivative
 * of f, a component of its gradient, one step of gradient descent, or
 * any expression the lesson gives.  The learner's expression is right
 * when it is equivalent to the lesson's by this rule (descent-lessons(5)):
 *
 *   the two are evaluated at FORMULA_POINTS points of the variables'
 *   intervals, small integers first, then a Halton sequence; points
 *   where the lesson's answer is not finite are skipped; they agree when
 *   |a - b| <= 1e-9 (1 + |a| + |b|) at every other point, where the
 *   learner's must be finite too.
 *
 * An expected wrong answer is matched by the same rule, and shows what
 * it reveals; any other wrong answer gets the first point where it
 * differs.  lessons --check proves the lesson's answer equivalent to the
 * engine's own (a derivative taken by expr_diff), every expected wrong
 * answer not equivalent to it, and that FORMULA_MIN_POINTS points at
 * least are usable.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

/* --- the points, and the comparison ----------------------------------------- */

/*
 * Point i of the page's sequence, into x (one value per variable): the
 * first 8 take small integers of each interval (0, 1, -1, 2, -2 ...,
 * shifted from one variable to the next so that they differ), or its
 * middle when it holds none; the others a Halton sequence, base the
 * variable's prime.
 */
static void
sample_point(const struct page_formula *f, int i, double *x)
{
	static const int primes[FORMULA_MAX_VARS] = { 2, 3, 5, 7, 11, 13, 17, 19 };
	int v;

	for (v = 0; v < f->nvars; v++) {
		double lo = f->lo[v], hi = f->hi[v];
		if (i < 8) {
			double cand[5];
			int n = 0, k;
			for (k = 0; k < 9 && n < 5; k++) {
				/* 0, 1, -1, 2, -2, 3, -3, 4, -4 */
				double c = k == 0 ? 0 : (k % 2 ? (k + 1) / 2 : -(k / 2));
				if (c >= lo && c <= hi)
					cand[n++] = c;
			}
			x[v] = n > 0 ? cand[(i + v) % n] : (lo + hi) / 2;
		} else {
			/* the radical inverse of i - 7 in base p */
			double h = 0, scale = 1.0 / primes[v];
			int j = i - 7;
			for (; j > 0; j /= primes[v], scale /= primes[v])
				h += (j % primes[v]) * scale;
			x[v] = lo + h * (hi - lo);
		}
	}
}

/* The variables' names, then their other spellings: what answers may use. */
static int
all_names(const struct page_formula *f, const char **names)
{
	int i, n = 0;

	for (i = 0; i < f->nvars; i++)
		names[n++] = f->vars[i];
	for (i = 0; i < f->naliases; i++)
		names[n++] = f->alias[i];
	return n;
}

/* Parses text over the page's names and compiles it; NULL with err filled. */
static struct expr_program *
compile_answer(const struct page_formula *f, const char *text, struct diag *err)
{
	const char *names[FORMULA_MAX_VARS + FORMULA_MAX_ALIASES];
	int n = all_names(f, names);
	struct expr *e = expr_parse_flags(text, names, n, EXPR_PARSE_PRODUCTS, err);
	struct expr_program *prog;

	if (e == NULL)
		return NULL;
	prog = expr_compile(e, 0, err);
	expr_free(e);
	return prog;
}

/* p at point x of the variables (the aliases take their variables' values). */
static double
eval_at(const struct page_formula *f, struct expr_program *p, const double *x)
{
	double in[FORMULA_MAX_VARS + FORMULA_MAX_ALIASES], out;
	int i;

	for (i = 0; i < f->nvars; i++)
		in[i] = x[i];
	for (i = 0; i < f->naliases; i++)
		in[f->nvars + i] = x[f->alias_of[i]];
	expr_eval(p, in, &out);
	return out;
}

enum verdict { SAME, DIFFERS, NOT_FINITE };

struct comparison {
	enum verdict v;
	int used;                       /* points where ref is finite */
	double at[FORMULA_MAX_VARS];    /* DIFFERS, NOT_FINITE: the first such point */
	double mine, ref;               /*   and the values there */
};

/* Compares mine with ref at the page's points. */
static void
compare(const struct page_formula *f, struct expr_program *ref, struct expr_program *mine,
	struct comparison *c)
{
	double x[FORMULA_MAX_VARS];
	int i;

	c->v = SAME;
	c->used = 0;
	for (i = 0; i < FORMULA_POINTS; i++) {
		double a, b;
		sample_point(f, i, x);
		a = eval_at(f, ref, x);
		if (!isfinite(a))
			continue;
		c->used++;
		b = eval_at(f, mine, x);
		if (c->v == SAME && (!isfinite(b) || !(fabs(a - b) <= 1e-9 * (1 + fabs(a) + fabs(b))))) {
			c->v = isfinite(b) ? DIFFERS : NOT_FINITE;
			memcpy(c->at, x, sizeof x);
			c->mine = b;
			c->ref = a;
		}
	}
}

/* "x = 1, y = 2" */
static void
fmt_at(const struct page_formula *f, const double *x, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < f->nvars && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s = %g", i ? ", " : "",
					f->vars[i], x[i] == 0 ? 0.0 : x[i]);
}

/* What the answer is, in words: "the derivative", "∂f/∂y"... */
static void
answer_name(const struct lesson_page *p, char *buf, size_t size)
{
	const struct page_formula *f = &p->formula;

	switch (f->of) {
	case FORMULA_DERIVATIVE:
		/* TRANSLATORS: what a formula answer is, in "At x = 1 yours gives
		 * 3; the derivative is 2." */
		snprintf(buf, size, _("the derivative"));
		break;
	case FORMULA_GRADIENT:
		snprintf(buf, size, _("the gradient's %s component"), f->vars[f->component]);
		break;
	case FORMULA_GD_STEP:
		/* TRANSLATORS: %s is a variable: the value one step of gradient
		 * descent gives it */
		snprintf(buf, size, _("the step's new %s"), f->vars[f->component]);
		break;
	case FORMULA_COST:
		snprintf(buf, size, _("the cost"));
		break;
	default:
		snprintf(buf, size, _("the answer"));
		break;
	}
}

/* --- reading ------------------------------------------------------------------ */

/* Adds name as variable of the formula, unless it is one already; its index or -1. */
static int
add_var(struct page_formula *f, const char *name)
{
	int i;

	for (i = 0; i < f->nvars; i++)
		if (strcmp(f->vars[i], name) == 0)
			return i;
	if (f->nvars == FORMULA_MAX_VARS)
		return -1;
	f->vars[f->nvars] = xstrdup(name);
	f->lo[f->nvars] = -2;
	f->hi[f->nvars] = 2;
	return f->nvars++;
}

/* The variables of expression text (NULL names: collected), added to f. */
static int
add_vars_of(struct loader *L, const cJSON *str, struct page_formula *f, const char *what)
{
	struct diag err;
	struct expr *e = expr_parse(str->valuestring, NULL, 0, &err);
	int i, ok = 0;

	if (e == NULL) {
		expr_error_at(L, str, what, &err);
		return -1;
	}
	for (i = 0; i < expr_nvars(e); i++)
		if (add_var(f, expr_var_name(e, i)) < 0) {
			lesson_error(L, AT(str), "%s has more than %d variables", what,
				     FORMULA_MAX_VARS);
			ok = -1;
			break;
		}
	expr_free(e);
	return ok;
}

/* "sample": {"x": [-1, 5]}: each variable's interval, in that order first. */
static void
read_sample(struct loader *L, const cJSON *po, struct lesson_page *p)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(po, "sample"), *e;
	struct page_formula *f = &p->formula;

	if (s == NULL)
		return;
	if (!cJSON_IsObject(s)) {
		lesson_error(L, AT(s), "\"sample\" must be an object like {\"x\": [-2, 2]}: each "
			     "variable's interval");
		return;
	}
	for (e = s->child; e != NULL; e = e->next) {
		double r[2];
		int v;
		if (get_numbers(L, e, e->string, 2, 2, r) < 0)
			continue;
		if (!(r[0] < r[1])) {
			lesson_error(L, AT(e), "the interval of %s must be [a, b] with a < b",
				     e->string);
			continue;
		}
		if ((v = add_var(f, e->string)) < 0) {
			lesson_error(L, KEY_AT(e), "a formula has %d variables at most",
				     FORMULA_MAX_VARS);
			return;
		}
		f->lo[v] = r[0];
		f->hi[v] = r[1];
	}
}

/* "names": {"eta": ["lr", "alpha"]}: other spellings of a variable. */
static void
read_names(struct loader *L, const cJSON *po, struct page_formula *f)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(po, "names"), *e, *a;

	if (s == NULL)
		return;
	if (!cJSON_IsObject(s)) {
		lesson_error(L, AT(s), "\"names\" must be an object like {\"eta\": [\"lr\"]}: "
			     "other spellings of a variable");
		return;
	}
	for (e = s->child; e != NULL; e = e->next) {
		int v, i;
		for (v = 0; v < f->nvars && strcmp(f->vars[v], e->string) != 0; v++)
			;
		if (v == f->nvars) {
			lesson_error(L, KEY_AT(e), "\"%s\" is not a variable of the answer", e->string);
			continue;
		}
		if (!cJSON_IsArray(e)) {
			lesson_error(L, AT(e), "the other spellings of %s are an array of names",
				     e->string);
			continue;
		}
		for (a = e->child; a != NULL; a = a->next) {
			int clash = !cJSON_IsString(a) || expr_is_reserved(a->valuestring,
						strlen(a->valuestring), NULL);
			for (i = 0; !clash && i < f->nvars; i++)
				clash = strcmp(f->vars[i], a->valuestring) == 0;
			for (i = 0; !clash && i < f->naliases; i++)
				clash = strcmp(f->alias[i], a->valuestring) == 0;
			if (clash) {
				lesson_error(L, AT(a), "another spelling must be a name that is not "
					     "already a variable, a function or a constant");
				continue;
			}
			if (f->naliases == FORMULA_MAX_ALIASES) {
				lesson_error(L, AT(a), "%d other spellings at most",
					     FORMULA_MAX_ALIASES);
				return;
			}
			f->alias[f->naliases] = xstrdup(a->valuestring);
			f->alias_of[f->naliases++] = v;
		}
	}
}

/*
 * The engine's own answer for "derivative_of", "gradient_of" (with
 * "component") or "gd_step_of" (with "lr", and "component" with two
 * variables or more), as text over the formula's variables.
 */
static void
read_of(struct loader *L, const cJSON *po, struct lesson_page *p)
{
	static const char *const keys[] = { "derivative_of", "gradient_of", "gd_step_of" };
	struct page_formula *f = &p->formula;
	const cJSON *of = NULL, *comp = cJSON_GetObjectItemCaseSensitive(po, "component");
	struct expr *e;
	struct diag err;
	int k, found = 0, var = 0, node;
	char *d;

	for (k = 0; k < 3; k++)
		if (cJSON_GetObjectItemCaseSensitive(po, keys[k]) != NULL) {
			if (found++)
				lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(po, keys[k])),
					     "a formula page says one thing its answer is: "
					     "derivative_of, gradient_of or gd_step_of");
			else {
				of = cJSON_GetObjectItemCaseSensitive(po, keys[k]);
				f->of = k + 1;
			}
		}
	{
		/* the cost of the page's data: the checker compares with the objective */
		const cJSON *cost = cJSON_GetObjectItemCaseSensitive(po, "cost_of");
		if (cost != NULL && found) {
			lesson_error(L, KEY_AT(cost), "a formula page says one thing its answer is: "
				     "derivative_of, gradient_of, gd_step_of or cost_of");
		} else if (cost != NULL && !cJSON_IsTrue(cost)) {
			lesson_error(L, AT(cost), "\"cost_of\" is true: the answer is the cost of "
				     "the page's \"data\"");
		} else if (cost != NULL && p->obj.model == NULL) {
			lesson_error(L, KEY_AT(cost), "cost_of needs the page's \"data\": the "
				     "examples whose cost the answer is");
		} else if (cost != NULL) {
			f->of = FORMULA_COST;
			if (comp != NULL)
				lesson_error(L, KEY_AT(comp), "\"component\" goes with gradient_of "
					     "or gd_step_of");
			return;
		}
	}
	if (f->of != FORMULA_GD_STEP && cJSON_GetObjectItemCaseSensitive(po, "lr") != NULL)
		lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(po, "lr")),
			     "\"lr\" goes with gd_step_of");
	if (of == NULL) {
		if (comp != NULL)
			lesson_error(L, KEY_AT(comp), "\"component\" goes with gradient_of or "
				     "gd_step_of");
		return;
	}
	if (!cJSON_IsString(of)) {
		lesson_error(L, AT(of), "\"%s\" is the function, as a string", of->string);
		f->of = FORMULA_ANY;
		return;
	}
	if (add_vars_of(L, of, f, of->string) < 0) {
		f->of = FORMULA_ANY;
		return;
	}
	e = expr_parse(of->valuestring, (const char *const *)f->vars, f->nvars, &err);
	if (e == NULL) {
		expr_error_at(L, of, of->string, &err);
		f->of = FORMULA_ANY;
		return;
	}
	if (comp != NULL) {
		if (!cJSON_IsString(comp) || (var = expr_var_index(e, comp->valuestring)) < 0) {
			lesson_error(L, AT(comp), "\"component\" names a variable of the function");
			var = -1;
		}
	} else if (f->of != FORMULA_DERIVATIVE && expr_nvars(e) > 1) {
		lesson_error(L, KEY_AT(of), "with more than one variable, \"component\" says "
			     "which one");
		var = -1;
	}
	if (f->of == FORMULA_DERIVATIVE && comp != NULL)
		lesson_error(L, KEY_AT(comp), "a derivative has no component: for one of the "
			     "gradient, use gradient_of");
	if (f->of == FORMULA_DERIVATIVE) {
		/* a function of one variable: the one it has */
		struct expr *own = expr_parse(of->valuestring, NULL, 0, &err);
		if (own != NULL && expr_nvars(own) > 1)
			lesson_error(L, KEY_AT(of), "derivative_of is for a function of one "
				     "variable: for more, use gradient_of with \"component\"");
		else if (own != NULL && expr_nvars(own) == 1)
			var = expr_var_index(e, expr_var_name(own, 0));
		expr_free(own);
	}
	if (f->of == FORMULA_GD_STEP) {
		if (!get_number(L, po, "lr", 1, _("a gd_step_of formula page"), &f->lr)) {
			var = -1;
		} else if (!(f->lr > 0)) {
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(po, "lr")),
				     "\"lr\" must be positive, not %g", f->lr);
			var = -1;
		}
	}
	if (var < 0) {
		expr_free(e);
		f->of = FORMULA_ANY;
		return;
	}
	f->component = var;
	node = expr_diff(e, expr_root(e), var, &err);
	d = node >= 0 ? expr_to_string(e, node, 1 << 16, &err) : NULL;
	if (d == NULL) {
		lesson_error(L, AT(of), "its derivative cannot be taken: %s", err.message);
		f->of = FORMULA_ANY;
	} else if (f->of == FORMULA_GD_STEP) {
		size_t n = strlen(d) + strlen(f->vars[var]) + 64;
		char lr[32];
		int digits;
		/* the rate in the fewest digits that read back the same */
		for (digits = 6; digits < 17; digits++) {
			snprintf(lr, sizeof lr, "%.*g", digits, f->lr);
			if (strtod(lr, NULL) == f->lr)
				break;
		}
		snprintf(lr, sizeof lr, "%.*g", digits, f->lr);
		f->engine = xmalloc(n);
		snprintf(f->engine, n, "%s - %s*(%s)", f->vars[var], lr, d);
		free(d);
	} else {
		f->engine = d;
	}
	expr_free(e);
}

/* Checks that text (the string str) parses over the page's names. */
static int
parses(struct loader *L, const cJSON *str, const struct page_formula *f, const char *what)
{
	struct diag err;
	struct expr_program *prog = compile_answer(f, str->valuestring, &err);

	if (prog == NULL) {
		expr_error_at(L, str, what, &err);
		return 0;
	}
	expr_program_free(prog);
	return 1;
}

/* An expected wrong answer of a formula page: an expression of its names, kept as wrong[n]. */
static int
take_formula(struct loader *L, const cJSON *a, int n, void *ctx)
{
	struct page_formula *f = ctx;

	if (!cJSON_IsString(a)) {
		lesson_error(L, AT(a), "\"answer\" is an expression in a string");
		return -1;
	}
	/* TRANSLATORS: names the expression in the messages of a lesson file's
	 * errors */
	if (!parses(L, a, f, _("a wrong answer")))
		return -1;
	f->wrong[n] = xstrdup(a->valuestring);
	return 0;
}

static void
formula_read(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what)
{
	struct page_formula *f = &p->formula;
	const cJSON *an = member(L, po, "answer", 1, what);
	int v;

	p->question = get_text(L, po, "question", 1, what);
	/* the variables: those sampled, in order, then the answer's, the function's */
	read_sample(L, po, p);
	if (an != NULL && !cJSON_IsString(an)) {
		lesson_error(L, AT(an), "\"answer\" is an expression in a string, like "
			     "\"2*x - 4\"");
		an = NULL;
	}
	if (an != NULL) {
		p->aline = AT(an).line;
		p->acolumn = AT(an).column;
		if (add_vars_of(L, an, f, _("the answer")) == 0)
			f->answer = xstrdup(an->valuestring);
	}
	read_of(L, po, p);
	/* the plotted variables are sampled on the figure's region, unless
	 * "sample" says otherwise */
	if (p->obj.function != NULL) {
		const cJSON *smp = cJSON_GetObjectItemCaseSensitive(po, "sample");
		struct diag err;
		struct expr *fe = expr_parse(p->obj.function, p->obj.nvars > 0 ?
					     (const char *const *)p->obj.vars : NULL,
					     p->obj.nvars, &err);
		for (v = 0; fe != NULL && v < f->nvars; v++) {
			int pv = expr_var_index(fe, f->vars[v]);
			if (smp != NULL && cJSON_GetObjectItemCaseSensitive(smp, f->vars[v]) != NULL)
				continue;
			if (pv == 0 || pv == 1) {
				f->lo[v] = pv == 0 ? p->x[0] : p->y[0];
				f->hi[v] = pv == 0 ? p->x[1] : p->y[1];
			}
		}
		expr_free(fe);
	}
	read_names(L, po, f);
	if (f->answer != NULL && !parses(L, an, f, _("the answer"))) {
		free(f->answer);
		f->answer = NULL;
	}
	f->nwrong = get_wrong_answers(L, po, "\"2*x\"", take_formula, f, f->wrong_feedback,
				      f->wrong_line, f->wrong_column);
}

static void
formula_free(struct lesson_page *p)
{
	struct page_formula *f = &p->formula;
	int i;

	free(f->answer);
	free(f->engine);
	for (i = 0; i < f->nvars; i++)
		free(f->vars[i]);
	for (i = 0; i < f->naliases; i++)
		free(f->alias[i]);
	for (i = 0; i < f->nwrong; i++) {
		free(f->wrong[i]);
		free(f->wrong_feedback[i]);
	}
}

/* --- proving, judging ---------------------------------------------------------- */

/*
 * The lesson's answer must be the cost of the page's data: the two agree
 * at the page's points, by the rule of compare, with the objective's
 * parameters taken from the formula's variables of the same names.
 */
static void
check_cost(struct checker *k, const struct lesson_page *p, struct expr_program *ref,
	   struct objective *o)
{
	const struct page_formula *f = &p->formula;
	double x[FORMULA_MAX_VARS], w[8], a, b;
	int map[8], n = objective_dim(o), i, j, used = 0;
	char at[160];

	for (j = 0; j < n && j < 8; j++) {
		const char *name = objective_param(o, j);
		for (map[j] = -1, i = 0; i < f->nvars && map[j] < 0; i++)
			if (strcmp(f->vars[i], name) == 0)
				map[j] = i;
		for (i = 0; i < f->naliases && map[j] < 0; i++)
			if (strcmp(f->alias[i], name) == 0)
				map[j] = f->alias_of[i];
		if (map[j] < 0) {
			check_wrong(k, p->aline, p->acolumn, "the cost depends on the model's "
				    "parameter %s, which the answer does not use: write the answer "
				    "in it, or name it in \"sample\"", name);
			return;
		}
	}
	check_verified(k);
	for (i = 0; i < FORMULA_POINTS; i++) {
		sample_point(f, i, x);
		for (j = 0; j < n && j < 8; j++)
			w[j] = x[map[j]];
		a = eval_at(f, ref, x);
		objective_eval_point(o, w, &b, NULL, NULL);
		if (!isfinite(b))
			continue;
		used++;
		if (!isfinite(a) || !(fabs(a - b) <= 1e-9 * (1 + fabs(a) + fabs(b)))) {
			fmt_at(f, x, at, sizeof at);
			check_wrong(k, p->aline, p->acolumn, "the answer is not the cost of the "
				    "page's data: at %s it gives %.6g, the engine %.6g", at,
				    check_fmt_value(a), check_fmt_value(b));
			return;
		}
	}
	if (used < FORMULA_MIN_POINTS)
		check_wrong(k, p->aline, p->acolumn, "the cost is finite at %d of the %d sample "
			    "points only, %d needed: give the parameters intervals where it is "
			    "defined (\"sample\")", used, FORMULA_POINTS, FORMULA_MIN_POINTS);
}

static void
formula_check(struct checker *k, const struct lesson_page *p, const struct check_env *env)
{
	const struct page_formula *f = &p->formula;
	struct expr_program *ref, *other;
	struct comparison c;
	struct diag err;
	char at[160], name[64];
	int i;

	if (f->answer == NULL || (ref = compile_answer(f, f->answer, &err)) == NULL)
		return;
	if (f->of == FORMULA_COST && env->o != NULL) {
		check_cost(k, p, ref, env->o);
		expr_program_free(ref);
		return;
	}
	compare(f, ref, ref, &c);
	if (c.used < FORMULA_MIN_POINTS)
		check_wrong(k, p->aline, p->acolumn, "the answer is finite at %d of the %d sample "
			    "points only, %d needed: give its variables intervals where it is "
			    "defined (\"sample\")", c.used, FORMULA_POINTS, FORMULA_MIN_POINTS);
	if (f->engine != NULL && (other = compile_answer(f, f->engine, &err)) != NULL) {
		/* the engine's answer is the reference: the lesson's must match it */
		compare(f, other, ref, &c);
		check_verified(k);
		answer_name(p, name, sizeof name);
		fmt_at(f, c.at, at, sizeof at);
		if (c.v != SAME)
			check_wrong(k, p->aline, p->acolumn, "the answer is not %s, %s: at %s it "
				    "gives %.6g, the engine %.6g", name, f->engine, at,
				    check_fmt_value(c.mine), check_fmt_value(c.ref));
		expr_program_free(other);
	}
	for (i = 0; i < f->nwrong; i++) {
		if ((other = compile_answer(f, f->wrong[i], &err)) == NULL)
			continue;
		compare(f, ref, other, &c);
		if (c.v == SAME)
			check_wrong(k, f->wrong_line[i], f->wrong_column[i], "this wrong answer is "
				    "equivalent to the answer: a learner who gives it is told it is "
				    "right");
		expr_program_free(other);
	}
	expr_program_free(ref);
}

/*
 * The course's own mathematics typed back: − as -, · × ⋅ as *, ² ³ as
 * ^2 ^3, subscript digits as digits (w₀ w0), and the Greek letters by
 * their names (α alpha, η eta ...), so
 * that a learner who copies a formula from the text is understood.  Into
 * out (size bytes, always terminated); other bytes are kept.
 */
static void
normalize(const char *in, char *out, size_t size)
{
	static const struct { const char *from, *to; } map[] = {
		{ "\u2212", "-" }, { "\u00b7", "*" }, { "\u00d7", "*" }, { "\u22c5", "*" },
		{ "\u00b2", "^2" }, { "\u00b3", "^3" }, { "\u03b1", "alpha" },
		{ "\u03b2", "beta" }, { "\u03b3", "gamma" }, { "\u03b4", "delta" },
		{ "\u03b5", "epsilon" }, { "\u03b7", "eta" }, { "\u03b8", "theta" },
		{ "\u03bb", "lambda" }, { "\u03bc", "mu" }, { "\u03c1", "rho" },
		{ "\u03c3", "sigma" }, { "\u03c0", "pi" },
		/* subscripts, as the course writes w₀ and w₁ */
		{ "\u2080", "0" }, { "\u2081", "1" }, { "\u2082", "2" }, { "\u2083", "3" },
		{ "\u2084", "4" }, { "\u2085", "5" }, { "\u2086", "6" }, { "\u2087", "7" },
		{ "\u2088", "8" }, { "\u2089", "9" },
	};
	size_t len = 0, i;

	while (*in != '\0' && len + 1 < size) {
		const char *to = NULL;
		size_t skip = 1, n;
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strncmp(in, map[i].from, strlen(map[i].from)) == 0) {
				to = map[i].to;
				skip = strlen(map[i].from);
				break;
			}
		if (to == NULL) {
			out[len++] = *in++;
			continue;
		}
		n = strlen(to);
		if (len + n + 1 > size)
			break;
		memcpy(out + len, to, n);
		len += n;
		in += skip;
	}
	out[len] = '\0';
}

enum answer
runner_formula(struct lesson_runner *r, const char *text)
{
	const struct lesson_page *p;
	const struct page_formula *f;
	struct expr_program *ref, *mine, *w;
	struct comparison c, cw;
	struct diag err;
	char why[400], at[160], name[64];
	int i;

	r->invalid[0] = '\0';
	r->invalid_column = 0;
	if (r->page < 0 || (p = RUNNER_PAGE(r))->kind != PAGE_FORMULA || p->formula.answer == NULL)
		return ANSWER_INVALID;
	f = &p->formula;
	while (*text == ' ')
		text++;
	normalize(text, r->typed, sizeof r->typed);
	text = r->typed;
	if (*text == '\0') {
		/* TRANSLATORS: ends "That is not a formula: type a formula." */
		snprintf(r->invalid, sizeof r->invalid, _("type a formula"));
		return ANSWER_INVALID;
	}
	mine = compile_answer(f, text, &err);
	if (mine == NULL) {
		snprintf(r->invalid, sizeof r->invalid, "%s", err.message);
		r->invalid_column = err.column;
		return ANSWER_INVALID;
	}
	ref = compile_answer(f, f->answer, &err);
	if (ref == NULL) {
		expr_program_free(mine);
		return ANSWER_INVALID;
	}
	compare(f, ref, mine, &c);
	why[0] = '\0';
	if (c.v != SAME) {
		/* an expected wrong answer says what it reveals */
		for (i = 0; i < f->nwrong && why[0] == '\0'; i++) {
			if ((w = compile_answer(f, f->wrong[i], &err)) == NULL)
				continue;
			compare(f, w, mine, &cw);
			if (cw.v == SAME && f->wrong_feedback[i] != NULL)
				snprintf(why, sizeof why, "%s", f->wrong_feedback[i]);
			expr_program_free(w);
		}
		if (why[0] == '\0') {
			answer_name(p, name, sizeof name);
			fmt_at(f, c.at, at, sizeof at);
			if (c.v == NOT_FINITE)
				/* TRANSLATORS: the point ("x = 1, y = 2"), what the
				 * learner's formula gives there, what the answer is
				 * ("the derivative") and its value */
				snprintf(why, sizeof why, _("At %s yours is not defined (it gives "
							    "%g); %s is %.6g."), at, c.mine, name,
					 c.ref);
			else {
				/* in as many digits as it takes to see them differ */
				char a[32], b[32];
				int d;
				for (d = 6; d <= 17; d++) {
					snprintf(a, sizeof a, "%.*g", d, c.mine == 0 ? 0.0 : c.mine);
					snprintf(b, sizeof b, "%.*g", d, c.ref == 0 ? 0.0 : c.ref);
					if (strcmp(a, b) != 0)
						break;
				}
				snprintf(why, sizeof why, _("At %s yours gives %s; %s is %s."), at, a,
					 name, b);
			}
		}
	}
	expr_program_free(ref);
	expr_program_free(mine);
	return runner_judge(r, c.v == SAME, why);
}

static int
formula_prompt(const struct lesson_runner *r, char *buf, size_t size)
{
	const struct page_formula *f = &RUNNER_PAGE(r)->formula;
	char vars[120] = "";
	size_t len = 0;
	int i;

	for (i = 0; i < f->nvars && len < sizeof vars; i++)
		len += (size_t)snprintf(vars + len, sizeof vars - len, "%s%s", i == 0 ? "" :
					i + 1 == f->nvars ? _(" and ") : ", ", f->vars[i]);
	/* TRANSLATORS: %s are the variables, "x and y"; the keys h, s and q
	 * stay as they are */
	snprintf(buf, size, _("Your answer (a formula in %s; h hint, s skip, q quit): "), vars);
	return 1;
}

static enum answer
formula_answer_text(struct lesson_runner *r, const char *line)
{
	return runner_formula(r, line);
}

/* The error, then the answer again with a caret under its column. */
static void
formula_invalid_text(const struct lesson_runner *r, char *buf, size_t size)
{
	int col = r->invalid_column;

	if (col > 0 && col <= (int)strlen(r->typed) + 1)
		/* TRANSLATORS: keep the two lines after the first as they are:
		 * the formula and the caret under its error */
		snprintf(buf, size, _("That is not a formula: %s.\n  %s\n  %*s^"), r->invalid,
			 r->typed, col - 1, "");
	else
		snprintf(buf, size, _("That is not a formula: %s."), r->invalid);
}

/* The answer, and the first expected wrong one, or else the answer plus 1. */
static int
formula_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize)
{
	const struct page_formula *f = &RUNNER_PAGE(r)->formula;

	snprintf(right, rsize, "%s", f->answer);
	if (f->nwrong > 0)
		snprintf(wrong, wsize, "%s", f->wrong[0]);
	else
		snprintf(wrong, wsize, "(%s) + 1", f->answer);
	return 0;
}

const struct page_kind_def page_kind_formula = {
	.name = "formula",
	.members = (const char *const[]){ "question", "answer", "wrong", "sample", "names",
					  "cost_of",
					  "derivative_of", "gradient_of", "gd_step_of",
					  "component", "lr", "function", "variables", "data", "x", "y",
					  NULL },
	.flags = PK_MAY_OBJECTIVE | PK_FIGURE | PK_ASKS | PK_CHECKS_ALONE,
	.read = formula_read,
	.free = formula_free,
	.check = formula_check,
	.prompt = formula_prompt,
	.answer_text = formula_answer_text,
	.invalid_text = formula_invalid_text,
	.key = formula_key,
};
