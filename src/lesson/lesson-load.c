/*
 * lesson-load.c - reads a chapter: JSON syntax (lesson-json.c), then the
 * schema of descent-lessons(5), then the expressions inside it.  Every
 * problem is reported at its FILE:LINE:COLUMN in a plain sentence, all of
 * them rather than the first: a teacher fixes a file in one pass.  A
 * member name that is unknown but close to a known one gets a "did you
 * mean".
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/expr.h"
#include "descent/util.h"
#include "lesson-int.h"

struct loader {
	char params[160];               /* a data objective's parameters, for messages */
	const char *file;
	const char *text;               /* the file's text, for raw positions */
	struct json_index ix;
	struct lesson_diags *ds;
	size_t errors;
};

__attribute__((format(printf, 4, 5))) static void
error_at(struct loader *L, struct json_pos p, int dummy, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	(void)dummy;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lesson_diag_add(L->ds, L->file, p.line, p.column, LESSON_ERROR, "%s", msg);
	L->errors++;
}

#define AT(item) json_pos_of(&L->ix, (item))
#define KEY_AT(item) json_key_pos_of(&L->ix, (item))

const char *
page_kind_name(enum page_kind k)
{
	static const char *const names[PAGE_KIND_COUNT] = {
		"text", "plot", "descent", "quiz", "numeric", "locate", "challenge",
	};
	return k < PAGE_KIND_COUNT ? names[k] : "?";
}

int
page_kind_asks(enum page_kind k)
{
	return k == PAGE_QUIZ || k == PAGE_NUMERIC || k == PAGE_LOCATE || k == PAGE_CHALLENGE;
}

static const char *
type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return "null";
}

/* The name of names nearest to s, when near enough, or NULL. */
static const char *
nearest(const char *s, const char *const *names)
{
	const char *best = NULL;
	int bestd = strlen(s) <= 4 ? 1 : 2, i;

	for (i = 0; names[i] != NULL; i++) {
		int d = edit_distance(s, strlen(s), names[i], strlen(names[i]));
		if (d <= bestd && (best == NULL || d < bestd)) {
			best = names[i];
			bestd = d;
		}
	}
	return best;
}

/*
 * Checks the members of obj: every name must be in allowed (a NULL-ended
 * list), and none may appear twice.  `what` names the object in messages.
 */
static void
check_members(struct loader *L, const cJSON *obj, const char *const *allowed,
	      const char *what)
{
	const cJSON *m, *n;

	for (m = obj->child; m != NULL; m = m->next) {
		int i, ok = 0;
		for (i = 0; allowed[i] != NULL; i++)
			ok |= strcmp(m->string, allowed[i]) == 0;
		if (!ok) {
			static const char *const synonyms[][2] = {
				{ "learning_rate", "lr" }, { "learningrate", "lr" },
				{ "step_size", "lr" }, { "alpha", "lr" }, { "momentum", "beta" },
				{ "iterations", "steps" }, { "epochs", "steps" },
				{ "expression", "function" }, { "f", "function" },
				{ "type", "kind" }, { "text", "body" }, { "options", "choices" },
				{ "correct", "answer" }, { "claims", "check" }, { "checks", "check" },
			};
			const char *near = nearest(m->string, allowed);
			size_t q;
			for (q = 0; near == NULL && q < sizeof synonyms / sizeof synonyms[0]; q++)
				if (strcmp(m->string, synonyms[q][0]) == 0) {
					int a;
					for (a = 0; allowed[a] != NULL; a++)
						if (strcmp(allowed[a], synonyms[q][1]) == 0)
							near = allowed[a];
				}
			if (near != NULL)
				error_at(L, KEY_AT(m), 0, "unknown member \"%s\" in %s: did you mean "
					 "\"%s\"?", m->string, what, near);
			else
				error_at(L, KEY_AT(m), 0, "unknown member \"%s\" in %s",
					 m->string, what);
		}
		for (n = obj->child; n != m; n = n->next)
			if (strcmp(n->string, m->string) == 0) {
				error_at(L, KEY_AT(m), 0, "\"%s\" appears twice in %s (first at "
					 "line %d, column %d)", m->string, what, KEY_AT(n).line,
					 KEY_AT(n).column);
				break;
			}
	}
}

/* The member name of obj, or NULL; with `required`, its absence is an error. */
static const cJSON *
member(struct loader *L, const cJSON *obj, const char *name, int required, const char *what)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL && required)
		error_at(L, AT(obj), 0, "%s has no \"%s\": it is required", what, name);
	return m;
}

/* A string member, copied; NULL when absent or wrong (with an error). */
static char *
get_string(struct loader *L, const cJSON *obj, const char *name, int required,
	   const char *what)
{
	const cJSON *m = member(L, obj, name, required, what);

	if (m == NULL)
		return NULL;
	if (!cJSON_IsString(m)) {
		error_at(L, AT(m), 0, "\"%s\" must be a string, not %s", name, type_name(m));
		return NULL;
	}
	return xstrdup(m->valuestring);
}

/* A number member; returns 1 when present and valid, 0 when absent. */
static int
get_number(struct loader *L, const cJSON *obj, const char *name, int required,
	   const char *what, double *v)
{
	const cJSON *m = member(L, obj, name, required, what);

	if (m == NULL)
		return 0;
	if (!cJSON_IsNumber(m)) {
		error_at(L, AT(m), 0, "\"%s\" must be a number, not %s", name, type_name(m));
		return 0;
	}
	*v = m->valuedouble;
	return 1;
}

/* A whole number member in [lo, hi]. */
static int
get_count(struct loader *L, const cJSON *obj, const char *name, int required,
	  const char *what, double lo, double hi, long *v)
{
	double d;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!get_number(L, obj, name, required, what, &d))
		return 0;
	if (d != floor(d) || d < lo || d > hi) {
		error_at(L, AT(m), 0, "\"%s\" must be a whole number from %.0f to %.0f, not %g",
			 name, lo, hi, d);
		return 0;
	}
	*v = (long)d;
	return 1;
}

static int
get_bool(struct loader *L, const cJSON *obj, const char *name, int *v)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL)
		return 0;
	if (!cJSON_IsBool(m)) {
		error_at(L, AT(m), 0, "\"%s\" must be true or false, not %s", name, type_name(m));
		return 0;
	}
	*v = cJSON_IsTrue(m);
	return 1;
}

/*
 * An array of n numbers (n = 0: any count up to max); returns the count,
 * or -1 with an error.
 */
static int
get_numbers(struct loader *L, const cJSON *arr, const char *name, int n, int max, double *v)
{
	const cJSON *e;
	int k = 0;

	if (!cJSON_IsArray(arr)) {
		error_at(L, AT(arr), 0, "\"%s\" must be an array of numbers, not %s", name,
			 type_name(arr));
		return -1;
	}
	for (e = arr->child; e != NULL; e = e->next, k++) {
		if (!cJSON_IsNumber(e)) {
			error_at(L, AT(e), 0, "\"%s\" must hold numbers, not %s", name, type_name(e));
			return -1;
		}
		if (k < max)
			v[k] = e->valuedouble;
	}
	if ((n > 0 && k != n) || k > max || k == 0) {
		if (n > 0)
			error_at(L, AT(arr), 0, "\"%s\" must have %d number%s, not %d", name, n,
				 n == 1 ? "" : "s", k);
		else
			error_at(L, AT(arr), 0, "\"%s\" must have from 1 to %d numbers, not %d",
				 name, max, k);
		return -1;
	}
	return k;
}

/* A range [a, b] with a < b. */
static int
get_range(struct loader *L, const cJSON *obj, const char *name, double *r)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL)
		return 0;
	if (get_numbers(L, m, name, 2, 2, r) < 0)
		return 0;
	if (!(r[0] < r[1])) {
		error_at(L, AT(m), 0, "the range \"%s\" is empty: [%g, %g] must go from low to "
			 "high", name, r[0], r[1]);
		return 0;
	}
	return 1;
}

/*
 * The number of characters of the file between the opening quote of the
 * string at off and its decoded byte k: escapes (\u0078, \n) are longer
 * in the file than in the string.
 */
static int
raw_chars(const char *text, size_t off, int k)
{
	const char *s = text + off + 1;
	int done = 0, cols = 0;

	while (done < k && *s != '"' && *s != '\0') {
		if (*s == '\\') {
			if (s[1] == 'u') {
				unsigned long u = strtoul((char[]){ s[2], s[3], s[4], s[5], 0 },
							  NULL, 16);
				int bytes = u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
				s += 6;
				cols += 6;
				if (u >= 0xd800 && u <= 0xdbff && s[0] == '\\' && s[1] == 'u') {
					s += 6;         /* the pair is one 4-byte character */
					cols += 6;
					bytes = 4;
				}
				done += bytes;
			} else {
				s += 2;
				cols += 2;
				done++;
			}
		} else {
			int n = 1;
			while ((s[n] & 0xc0) == 0x80)
				n++;
			s += n;
			cols++;
			done += n;
		}
	}
	return cols;
}

/*
 * Reports an expression error at its place in the file: the string's
 * opening quote, plus the column inside the expression, counted in the
 * file's characters.
 */
static void
expr_error_at(struct loader *L, const cJSON *str, const char *what,
	      const struct expr_error *err)
{
	struct json_pos p = AT(str);

	if (err->column > 0 && p.line > 0)
		p.column += 1 + raw_chars(L->text, p.off, err->column - 1);
	error_at(L, p, 0, "in %s: %s", what, err->message);
}

/* The target of a data objective: the column "y", else the last one. */
static const char *
data_target(const struct lesson_objective *o)
{
	int j;

	for (j = 0; j < o->ncolumns; j++)
		if (strcmp(o->columns[j], "y") == 0)
			return "y";
	return o->columns[o->ncolumns - 1];
}

/* The objective of a page: "function" (+ "variables") or "data". */
static int
get_objective(struct loader *L, const cJSON *page, struct lesson_objective *o, int *dim)
{
	const cJSON *fn = cJSON_GetObjectItemCaseSensitive(page, "function");
	const cJSON *vars = cJSON_GetObjectItemCaseSensitive(page, "variables");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(page, "data");
	struct expr_error err;

	if (fn == NULL && data == NULL) {
		error_at(L, AT(page), 0, "this page needs a \"function\" (or \"data\" with a "
			 "model)");
		return -1;
	}
	if (fn != NULL && data != NULL) {
		error_at(L, KEY_AT(data), 0, "a page has a \"function\" or \"data\", not both");
		return -1;
	}
	if (vars != NULL && data != NULL) {
		error_at(L, KEY_AT(vars), 0, "\"variables\" goes with \"function\": a data "
			 "objective's parameters are the names of its model");
		return -1;
	}
	if (vars != NULL) {
		const cJSON *e;
		if (!cJSON_IsArray(vars) || cJSON_GetArraySize(vars) < 1 ||
		    cJSON_GetArraySize(vars) > 2) {
			error_at(L, AT(vars), 0, "\"variables\" must be an array of one or two "
				 "names, like [\"x\", \"y\"]");
			return -1;
		}
		for (e = vars->child; e != NULL; e = e->next) {
			if (!cJSON_IsString(e)) {
				error_at(L, AT(e), 0, "a variable is a name in a string, not %s",
					 type_name(e));
				return -1;
			}
			o->vars[o->nvars++] = xstrdup(e->valuestring);
		}
	}
	if (fn != NULL) {
		struct expr *e;
		if (!cJSON_IsString(fn)) {
			error_at(L, AT(fn), 0, "\"function\" must be a string, not %s", type_name(fn));
			return -1;
		}
		o->function = xstrdup(fn->valuestring);
		o->fline = AT(fn).line;
		o->fcolumn = AT(fn).column;
		if (o->nvars > 0) {
			const char *names[2] = { o->vars[0], o->nvars > 1 ? o->vars[1] : NULL };
			struct expr *check;
			int i;
			for (i = 0; i < o->nvars; i++) {
				check = expr_parse(names[i], (const char *const[]){ NULL }, 0, &err);
				if (check != NULL) {    /* a constant or a number: no name */
					expr_free(check);
					error_at(L, AT(vars), 0, "\"%s\" cannot name a variable", names[i]);
					return -1;
				}
				check = expr_parse(names[i], NULL, 0, &err);
				if (check == NULL || expr_nvars(check) != 1 ||
				    strcmp(expr_var_name(check, 0), names[i]) != 0) {
					expr_free(check);
					error_at(L, AT(vars), 0, "\"%s\" is not a name: use letters, "
						 "digits and '_'", names[i]);
					return -1;
				}
				expr_free(check);
			}
			e = expr_parse(o->function, names, o->nvars, &err);
		} else {
			e = expr_parse(o->function, NULL, 0, &err);
		}
		if (e == NULL) {
			expr_error_at(L, fn, "\"function\"", &err);
			return -1;
		}
		*dim = expr_nvars(e);
		{
			/* the derivatives must fit: compile as the engine will */
			struct expr_program *p = expr_compile(e, EXPR_HESS, &err);
			if (p == NULL) {
				error_at(L, AT(fn), 0, "in \"function\": %s", err.message);
				expr_free(e);
				return -1;
			}
			expr_program_free(p);
		}
		expr_free(e);
		return 0;
	}
	/* a data objective */
	{
		static const char *const data_fields[] = { "columns", "points", "model", "loss",
							   NULL };
		const cJSON *cols, *pts, *model, *row;
		struct dataset d;
		struct objective *obj;
		char *loss;
		size_t r;
		int j, l;

		if (!cJSON_IsObject(data)) {
			error_at(L, AT(data), 0, "\"data\" must be an object with \"columns\", "
				 "\"points\" and \"model\", not %s", type_name(data));
			return -1;
		}
		check_members(L, data, data_fields, "\"data\"");
		cols = member(L, data, "columns", 1, "\"data\"");
		pts = member(L, data, "points", 1, "\"data\"");
		model = member(L, data, "model", 1, "\"data\"");
		if (cols == NULL || pts == NULL || model == NULL)
			return -1;
		if (!cJSON_IsArray(cols) || cJSON_GetArraySize(cols) < 2 ||
		    cJSON_GetArraySize(cols) > 8) {
			error_at(L, AT(cols), 0, "\"columns\" must name from 2 to 8 columns, "
				 "like [\"x\", \"y\"]");
			return -1;
		}
		for (row = cols->child; row != NULL; row = row->next) {
			if (!cJSON_IsString(row)) {
				error_at(L, AT(row), 0, "a column is a name in a string, not %s",
					 type_name(row));
				return -1;
			}
			o->columns[o->ncolumns++] = xstrdup(row->valuestring);
		}
		if (!cJSON_IsArray(pts) || cJSON_GetArraySize(pts) < 1) {
			error_at(L, AT(pts), 0, "\"points\" must be an array of rows, like "
				 "[[1, 2], [2, 3.5]]");
			return -1;
		}
		o->npoints = (size_t)cJSON_GetArraySize(pts);
		o->points = xcalloc(o->npoints * o->ncolumns, sizeof *o->points);
		for (r = 0, row = pts->child; row != NULL; row = row->next, r++) {
			if (cJSON_IsArray(row) && cJSON_GetArraySize(row) != o->ncolumns) {
				error_at(L, AT(row), 0, "row %zu of \"points\" has %d number%s; it "
					 "needs %d, one per column", r + 1, cJSON_GetArraySize(row),
					 cJSON_GetArraySize(row) == 1 ? "" : "s", o->ncolumns);
				return -1;
			}
			if (get_numbers(L, row, "points", o->ncolumns, o->ncolumns,
					o->points + r * o->ncolumns) < 0)
				return -1;
		}
		if (!cJSON_IsString(model)) {
			error_at(L, AT(model), 0, "\"model\" must be a string, not %s",
				 type_name(model));
			return -1;
		}
		o->model = xstrdup(model->valuestring);
		o->fline = AT(model).line;
		o->fcolumn = AT(model).column;
		o->loss = LOSS_MSE;
		loss = get_string(L, data, "loss", 0, "\"data\"");
		if (loss != NULL) {
			l = loss_from_name(loss);
			if (l < 0)
				error_at(L, AT(cJSON_GetObjectItemCaseSensitive(data, "loss")), 0,
					 "unknown loss \"%s\": use mse, cross_entropy or hinge", loss);
			else
				o->loss = (enum loss)l;
			free(loss);
			if (l < 0)
				return -1;
		}
		/* build it once to check the model, the columns and the labels */
		d.ncols = o->ncolumns;
		d.nrows = o->npoints;
		d.names = o->columns;
		d.col = xcalloc(d.ncols, sizeof *d.col);
		for (j = 0; j < d.ncols; j++) {
			d.col[j] = xmalloc(d.nrows * sizeof **d.col);
			for (r = 0; r < d.nrows; r++)
				d.col[j][r] = o->points[r * o->ncolumns + j];
		}
		obj = objective_data(&d, o->model, o->loss, data_target(o), NULL, 0, &err);
		for (j = 0; j < d.ncols; j++)
			free(d.col[j]);
		free(d.col);
		if (obj == NULL) {
			if (err.column > 0)
				expr_error_at(L, model, "\"model\"", &err);
			else if (strstr(err.message, "labels") != NULL)
				error_at(L, AT(pts), 0, "in \"points\": %s", err.message);
			else
				error_at(L, AT(model), 0, "in \"model\": %s", err.message);
			return -1;
		}
		*dim = objective_dim(obj);
		{
			/* the parameters, for messages about their number */
			size_t len = 0;
			int q;
			L->params[0] = '\0';
			for (q = 0; q < *dim && len < sizeof L->params - 40; q++)
				len += snprintf(L->params + len, sizeof L->params - len, "%s%s",
						q ? ", " : "", objective_param(obj, q));
		}
		objective_free(obj);
		return 0;
	}
}

static const struct optimizer *
get_optimizer(struct loader *L, const cJSON *v)
{
	static const char *const names[] = { "gd", "momentum", "nesterov", "adagrad",
					     "rmsprop", "adam", "newton", NULL };
	const struct optimizer *opt;

	if (!cJSON_IsString(v)) {
		error_at(L, AT(v), 0, "an optimizer is a name in a string, not %s", type_name(v));
		return NULL;
	}
	opt = opt_find(v->valuestring);
	if (opt == NULL) {
		const char *near = nearest(v->valuestring, names);
		if (near != NULL)
			error_at(L, AT(v), 0, "unknown optimizer \"%s\": did you mean \"%s\"?",
				 v->valuestring, near);
		else
			error_at(L, AT(v), 0, "unknown optimizer \"%s\": use gd, momentum, "
				 "nesterov, adagrad, rmsprop, adam or newton", v->valuestring);
	}
	return opt;
}

/*
 * One run of a descent page: {"optimizer": "gd", "lr": 0.01, ...}, with
 * its own "start" (dim numbers) when it has one.
 */
static int
get_run(struct loader *L, const cJSON *r, int dim, struct lesson_run *run)
{
	static const char *const fields[] = { "optimizer", "lr", "beta", "rho", "beta1",
					      "beta2", "eps", "damping", "label", "start", NULL };
	static const char *const params[] = { "lr", "beta", "rho", "beta1", "beta2", "eps",
					      "damping" };
	const cJSON *m;
	char *label;
	int k;

	if (!cJSON_IsObject(r)) {
		error_at(L, AT(r), 0, "a run is an object like {\"optimizer\": \"gd\", \"lr\": "
			 "0.01}, not %s", type_name(r));
		return -1;
	}
	check_members(L, r, fields, "a run");
	m = member(L, r, "optimizer", 1, "a run");
	if (m == NULL || (run->opt = get_optimizer(L, m)) == NULL)
		return -1;
	run->params = run->opt->defaults;
	for (k = 0; k < 7; k++) {
		double v;
		const cJSON *pv = cJSON_GetObjectItemCaseSensitive(r, params[k]);
		double *slot[7] = { &run->params.lr, &run->params.beta, &run->params.rho,
				    &run->params.beta1, &run->params.beta2, &run->params.eps,
				    &run->params.damping };
		if (!get_number(L, r, params[k], 0, "a run", &v))
			continue;
		if (!opt_uses(run->opt, params[k])) {
			error_at(L, KEY_AT(pv), 0, "%s has no parameter \"%s\" (it uses %s)",
				 run->opt->name, params[k], run->opt->params);
			return -1;
		}
		if ((k == 0 || k == 5) ? !(v > 0) : (k == 6) ? !(v >= 0) : !(v >= 0 && v < 1)) {
			error_at(L, AT(pv), 0, "\"%s\" must be %s, not %g", params[k],
				 (k == 0 || k == 5) ? "positive" : k == 6 ? "zero or more" :
				 "from 0 to below 1", v);
			return -1;
		}
		*slot[k] = v;
	}
	run->nstart = 0;
	m = cJSON_GetObjectItemCaseSensitive(r, "start");
	if (m != NULL) {
		int n = get_numbers(L, m, "start", dim > 0 ? dim : 0, 8, run->start);
		if (n < 0)
			return -1;
		run->nstart = n;
	}
	label = get_string(L, r, "label", 0, "a run");
	if (label != NULL) {
		snprintf(run->label, sizeof run->label, "%s", label);
		free(label);
	} else {
		int len = snprintf(run->label, sizeof run->label, "%s", run->opt->name);
		if (opt_uses(run->opt, "lr"))
			snprintf(run->label + len, sizeof run->label - len, ",lr=%g",
				 run->params.lr);
	}
	return 0;
}

static int
cp_kind_from(const char *s)
{
	static const char *const kinds[] = { "minimum", "maximum", "saddle", "degenerate" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, kinds[i]) == 0)
			return i;
	return -1;
}

/* A point {"at": [...], "kind": ..., "f": ...} of a claim. */
static int
get_claim_point(struct loader *L, const cJSON *o, struct claim *c, int i, int dim,
		int with_kind)
{
	static const char *const fields[] = { "at", "kind", "f", NULL };
	const cJSON *at, *kind;

	if (!cJSON_IsObject(o)) {
		error_at(L, AT(o), 0, "a point of a claim is an object like {\"at\": [2], "
			 "\"kind\": \"minimum\", \"f\": -11}, not %s", type_name(o));
		return -1;
	}
	check_members(L, o, fields, "a point of a claim");
	c->pline[i] = AT(o).line;
	c->pcolumn[i] = AT(o).column;
	at = member(L, o, "at", 1, "a point of a claim");
	if (at == NULL || get_numbers(L, at, "at", dim, 2, c->x[i]) < 0)
		return -1;
	c->has_f[i] = get_number(L, o, "f", 0, "a point", &c->f[i]);
	c->cpkind[i] = -1;
	kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	if (kind != NULL) {
		if (!with_kind) {
			error_at(L, KEY_AT(kind), 0, "this claim has no \"kind\"");
			return -1;
		}
		if (!cJSON_IsString(kind) || (c->cpkind[i] = cp_kind_from(kind->valuestring)) < 0) {
			error_at(L, AT(kind), 0, "\"kind\" must be \"minimum\", \"maximum\", "
				 "\"saddle\" or \"degenerate\"");
			return -1;
		}
	}
	return 0;
}

/* The claims of a page: "check": [{...}, ...]. */
static void
get_claims(struct loader *L, const cJSON *page, struct lesson_page *p, int dim, int has_obj)
{
	static const char *const fields[] = { "critical_points", "global_minimum", "convex",
					      "converges_to", "diverges", "stops_at", "value",
					      "tolerance", "run", NULL };
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(page, "check"), *e;

	if (arr == NULL)
		return;
	if (!cJSON_IsArray(arr)) {
		error_at(L, AT(arr), 0, "\"check\" must be an array of claims, not %s",
			 type_name(arr));
		return;
	}
	if (!has_obj) {
		error_at(L, KEY_AT(arr), 0, "claims need a page with a \"function\" or \"data\"");
		return;
	}
	p->claims = xcalloc(cJSON_GetArraySize(arr) + 1, sizeof *p->claims);
	for (e = arr->child; e != NULL; e = e->next) {
		struct claim *c = &p->claims[p->nclaims];
		const cJSON *m;
		int n = 0;

		memset(c, 0, sizeof *c);
		c->line = AT(e).line;
		c->column = AT(e).column;
		c->tolerance = 1e-4;
		if (!cJSON_IsObject(e)) {
			error_at(L, AT(e), 0, "a claim is an object like {\"convex\": false}, not %s",
				 type_name(e));
			continue;
		}
		check_members(L, e, fields, "a claim");
		if (get_number(L, e, "tolerance", 0, "a claim", &c->tolerance) &&
		    !(c->tolerance > 0 && c->tolerance < 1))
			error_at(L, AT(cJSON_GetObjectItemCaseSensitive(e, "tolerance")), 0,
				 "a claim's \"tolerance\" is relative: it must be above 0 and "
				 "below 1, not %g", c->tolerance);
		{
			long run = 0;
			const cJSON *rm = cJSON_GetObjectItemCaseSensitive(e, "run");
			if (get_count(L, e, "run", 0, "a claim", 0, LESSON_MAX_RUNS - 1, &run) &&
			    run >= p->nruns && p->kind == PAGE_DESCENT)
				error_at(L, AT(rm), 0, "\"run\": %ld names no run: the page has %d, "
					 "numbered from 0", run, p->nruns);
			c->run = (int)run;
		}
		for (m = e->child; m != NULL; m = m->next)
			n += strcmp(m->string, "tolerance") != 0 && strcmp(m->string, "run") != 0;
		if (n != 1) {
			error_at(L, AT(e), 0, "a claim states one thing: %s", n == 0 ?
				 "this one states nothing" : "split it into several claims");
			continue;
		}
		if ((m = cJSON_GetObjectItemCaseSensitive(e, "critical_points")) != NULL) {
			const cJSON *q;
			c->kind = CLAIM_CRITICAL_POINTS;
			if (!cJSON_IsArray(m)) {
				error_at(L, AT(m), 0, "\"critical_points\" must be an array of points");
				continue;
			}
			if (dim > 2) {
				error_at(L, AT(m), 0, "critical points are found for functions of "
					 "one or two variables");
				continue;
			}
			if (cJSON_GetArraySize(m) > CLAIM_MAX_POINTS) {
				error_at(L, AT(m), 0, "a claim lists at most %d critical points; "
					 "narrow the region", CLAIM_MAX_POINTS);
				continue;
			}
			for (q = m->child; q != NULL && c->npoints < CLAIM_MAX_POINTS; q = q->next)
				if (get_claim_point(L, q, c, c->npoints++, dim, 1) < 0)
					break;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "global_minimum")) != NULL) {
			c->kind = CLAIM_GLOBAL_MINIMUM;
			c->npoints = 1;
			if (dim > 2)
				error_at(L, AT(m), 0, "the global minimum is found for functions of "
					 "one or two variables");
			else if (get_claim_point(L, m, c, 0, dim, 0) < 0)
				continue;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "value")) != NULL) {
			c->kind = CLAIM_VALUE;
			c->npoints = 1;
			if (get_claim_point(L, m, c, 0, dim, 0) < 0)
				continue;
			if (!c->has_f[0])
				error_at(L, AT(m), 0, "a value claim needs \"f\"");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "convex")) != NULL) {
			c->kind = CLAIM_CONVEX;
			if (!cJSON_IsBool(m))
				error_at(L, AT(m), 0, "\"convex\" must be true or false");
			else if (dim > 2)
				error_at(L, AT(m), 0, "convexity is checked for functions of one or "
					 "two variables; this one has %d", dim);
			c->convex = cJSON_IsTrue(m);
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "converges_to")) != NULL) {
			c->kind = CLAIM_CONVERGES_TO;
			c->npoints = 1;
			if (dim > 2) {
				error_at(L, AT(m), 0, "\"converges_to\" is for functions of one or "
					 "two variables");
				continue;
			}
			if (get_numbers(L, m, "converges_to", dim, 2, c->x[0]) < 0)
				continue;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "diverges")) != NULL) {
			c->kind = CLAIM_DIVERGES;
			if (!cJSON_IsTrue(m))
				error_at(L, AT(m), 0, "\"diverges\" must be true (a run that does not "
					 "diverge is claimed with converges_to or stops_at)");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "stops_at")) != NULL) {
			c->kind = CLAIM_STOPS_AT;
			if (!cJSON_IsString(m) || (c->cpkind[0] = cp_kind_from(m->valuestring)) < 0) {
				error_at(L, AT(m), 0, "\"stops_at\" must be \"minimum\", \"maximum\", "
					 "\"saddle\" or \"degenerate\"");
				continue;
			}
		}
		if ((c->kind == CLAIM_CONVERGES_TO || c->kind == CLAIM_DIVERGES ||
		     c->kind == CLAIM_STOPS_AT) && p->kind != PAGE_DESCENT)
			error_at(L, AT(e), 0, "a claim about a run belongs on a descent page");
		p->nclaims++;
	}
}

static const char *const common_fields[] = { "kind", "title", "body", "hint", "explain",
					     "check" };

/* The allowed members of a page of kind k, into out (NULL-ended). */
static void
page_fields(enum page_kind k, const char **out)
{
	static const char *const extra[PAGE_KIND_COUNT][16] = {
		[PAGE_TEXT] = { NULL },
		[PAGE_PLOT] = { "function", "variables", "data", "x", "y", "show", "tangent", NULL },
		[PAGE_DESCENT] = { "function", "variables", "data", "x", "y", "runs", "start",
				   "steps", "schedule", "noise", "seed", "interactive", NULL },
		[PAGE_QUIZ] = { "question", "choices", "answer", NULL },
		[PAGE_NUMERIC] = { "question", "answer", "tolerance", "verify", "function",
				   "variables", "data", "x", "y", NULL },
		[PAGE_LOCATE] = { "function", "variables", "data", "x", "y", "target",
				  "tolerance", "question", NULL },
		[PAGE_CHALLENGE] = { "function", "variables", "data", "x", "y", "start",
				     "optimizers", "lr", "goal", "question", NULL },
	};
	int i, n = 0;

	for (i = 0; i < 6; i++)
		out[n++] = common_fields[i];
	for (i = 0; extra[k][i] != NULL; i++)
		out[n++] = extra[k][i];
	out[n] = NULL;
}

static int
kind_from(const char *s)
{
	int k;

	for (k = 0; k < PAGE_KIND_COUNT; k++)
		if (strcmp(s, page_kind_name((enum page_kind)k)) == 0)
			return k;
	return -1;
}

static void
get_page(struct loader *L, const cJSON *po, struct lesson_page *p, int index)
{
	static const char *const kinds[] = { "text", "plot", "descent", "quiz", "numeric",
					     "locate", "challenge", NULL };
	const char *fields[32];
	char what[32];
	const cJSON *kind, *m;
	int k, dim = 0, has_obj = 0;
	size_t before = L->errors;

	snprintf(what, sizeof what, "page %d", index + 1);
	p->line = AT(po).line;
	p->column = AT(po).column;
	if (!cJSON_IsObject(po)) {
		error_at(L, AT(po), 0, "a page is an object like {\"kind\": \"text\", \"body\": "
			 "\"...\"}, not %s", type_name(po));
		return;
	}
	kind = member(L, po, "kind", 1, what);
	if (kind == NULL)
		return;
	if (!cJSON_IsString(kind)) {
		error_at(L, AT(kind), 0, "\"kind\" must be a string, not %s", type_name(kind));
		return;
	}
	k = kind_from(kind->valuestring);
	if (k < 0) {
		const char *near = nearest(kind->valuestring, kinds);
		if (near != NULL)
			error_at(L, AT(kind), 0, "unknown page kind \"%s\": did you mean \"%s\"?",
				 kind->valuestring, near);
		else
			error_at(L, AT(kind), 0, "unknown page kind \"%s\": use text, plot, "
				 "descent, quiz, numeric, locate or challenge", kind->valuestring);
		return;
	}
	p->kind = (enum page_kind)k;
	page_fields(p->kind, fields);
	snprintf(what, sizeof what, "a %s page", kind->valuestring);
	check_members(L, po, fields, what);
	p->title = get_string(L, po, "title", 0, what);
	p->body = get_string(L, po, "body", p->kind == PAGE_TEXT, what);
	p->hint = get_string(L, po, "hint", 0, what);
	p->explain = get_string(L, po, "explain", 0, what);
	p->x[0] = p->y[0] = -5;
	p->x[1] = p->y[1] = 5;

	switch (p->kind) {
	case PAGE_TEXT:
		break;
	case PAGE_PLOT: case PAGE_DESCENT: case PAGE_LOCATE: case PAGE_CHALLENGE:
		if (get_objective(L, po, &p->obj, &dim) < 0)
			return;
		has_obj = 1;
		p->have_x = get_range(L, po, "x", p->x);
		p->have_y = get_range(L, po, "y", p->y);
		if (p->have_y && dim != 2)
			error_at(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(po, "y")), 0,
				 "\"y\" is the range of a second variable, and this function "
				 "has %d variable%s", dim, dim == 1 ? "" : "s");
		if (p->kind != PAGE_DESCENT && p->kind != PAGE_CHALLENGE && (dim < 1 || dim > 2)) {
			if (p->obj.model != NULL)
				error_at(L, AT(po), 0, "a %s page shows a cost of one or two "
					 "parameters; the model \"%s\" has %d (%s): is a column "
					 "misspelled?", page_kind_name(p->kind), p->obj.model, dim,
					 L->params);
			else
				error_at(L, AT(po), 0, "a %s page shows a function of one or two "
					 "variables; this one has %d", page_kind_name(p->kind), dim);
		}
		break;
	case PAGE_NUMERIC:
		if (cJSON_GetObjectItemCaseSensitive(po, "function") != NULL ||
		    cJSON_GetObjectItemCaseSensitive(po, "data") != NULL) {
			if (get_objective(L, po, &p->obj, &dim) < 0)
				return;
			has_obj = 1;
			p->have_x = get_range(L, po, "x", p->x);
			p->have_y = get_range(L, po, "y", p->y);
		}
		break;
	default:
		break;
	}

	if (p->kind == PAGE_PLOT) {
		const cJSON *show = cJSON_GetObjectItemCaseSensitive(po, "show"), *e;
		static const char *const shows[] = { "critical", "tangent", "contours", "shade",
						     "basins", "convexity", NULL };
		if (show != NULL) {
			if (!cJSON_IsArray(show)) {
				error_at(L, AT(show), 0, "\"show\" must be an array of names, like "
					 "[\"critical\", \"tangent\"]");
			} else {
				for (e = show->child; e != NULL; e = e->next) {
					int i, found = -1;
					for (i = 0; cJSON_IsString(e) && shows[i] != NULL; i++)
						if (strcmp(e->valuestring, shows[i]) == 0)
							found = i;
					if (found < 0) {
						const char *near = cJSON_IsString(e) ?
							nearest(e->valuestring, shows) : NULL;
						error_at(L, AT(e), 0, "\"show\" takes critical, tangent, "
							 "contours, shade, basins or convexity%s%s%s",
							 near ? ": did you mean \"" : "", near ? near : "",
							 near ? "\"?" : "");
					} else {
						p->show |= 1u << found;
					}
				}
			}
		}
		if (get_number(L, po, "tangent", 0, what, &p->tangent))
			p->show |= SHOW_TANGENT;
		else if (p->show & SHOW_TANGENT)
			error_at(L, AT(po), 0, "\"show\" has \"tangent\": give its point in "
				 "\"tangent\": X");
		if ((p->show & SHOW_TANGENT) && dim != 1)
			error_at(L, AT(po), 0, "a tangent is drawn for functions of one variable");
	}
	if (p->kind == PAGE_DESCENT || p->kind == PAGE_CHALLENGE) {
		/* a descent's runs may each have their own start instead */
		m = member(L, po, "start", p->kind == PAGE_CHALLENGE, what);
		if (m != NULL) {
			p->nstart = get_numbers(L, m, "start", dim > 0 ? dim : 0, 8, p->start);
			if (p->nstart < 0)
				p->nstart = 0;
		}
	}
	if (p->kind == PAGE_DESCENT) {
		const cJSON *runs = member(L, po, "runs", 1, what), *e;
		char *sched;
		p->steps = 200;
		get_count(L, po, "steps", 0, what, 1, 1e6, &p->steps);
		if (runs != NULL && (!cJSON_IsArray(runs) || cJSON_GetArraySize(runs) == 0 ||
				     cJSON_GetArraySize(runs) > LESSON_MAX_RUNS)) {
			error_at(L, AT(runs), 0, "\"runs\" must be an array of 1 to %d runs, like "
				 "[{\"optimizer\": \"gd\", \"lr\": 0.01}]", LESSON_MAX_RUNS);
		} else if (runs != NULL) {
			for (e = runs->child; e != NULL; e = e->next)
				if (get_run(L, e, dim, &p->runs[p->nruns]) == 0) {
					if (cJSON_GetObjectItemCaseSensitive(po, "start") == NULL &&
					    p->runs[p->nruns].nstart == 0)
						error_at(L, AT(e), 0, "this run has no \"start\", and the "
							 "page neither: give the page one, or each run "
							 "its own");
					p->nruns++;
				}
		}
		sched = get_string(L, po, "schedule", 0, what);
		if (sched != NULL) {
			struct schedule s;
			char err[200];
			if (sched_parse(sched, &s, err, sizeof err) < 0)
				error_at(L, AT(cJSON_GetObjectItemCaseSensitive(po, "schedule")), 0,
					 "\"schedule\": %s", err);
			p->schedule = sched;
		}
		if (get_number(L, po, "noise", 0, what, &p->noise) && !(p->noise >= 0))
			error_at(L, AT(cJSON_GetObjectItemCaseSensitive(po, "noise")), 0,
				 "\"noise\" must not be negative");
		{
			long seed = 0;
			get_count(L, po, "seed", 0, what, 0, 9e15, &seed);
			p->seed = (uint64_t)seed;
		}
		get_bool(L, po, "interactive", &p->interactive);
	}
	if (p->kind == PAGE_QUIZ || p->kind == PAGE_NUMERIC)
		p->question = get_string(L, po, "question", 1, what);
	else if (p->kind == PAGE_LOCATE || p->kind == PAGE_CHALLENGE)
		p->question = get_string(L, po, "question", 0, what);
	if (p->kind == PAGE_QUIZ) {
		const cJSON *ch = member(L, po, "choices", 1, what), *e;
		const cJSON *ans = member(L, po, "answer", 1, what);
		if (ch != NULL) {
			if (!cJSON_IsArray(ch) || cJSON_GetArraySize(ch) < 2 ||
			    cJSON_GetArraySize(ch) > LESSON_MAX_CHOICES) {
				error_at(L, AT(ch), 0, "\"choices\" must be an array of 2 to %d "
					 "strings", LESSON_MAX_CHOICES);
			} else {
				for (e = ch->child; e != NULL; e = e->next) {
					if (!cJSON_IsString(e)) {
						error_at(L, AT(e), 0, "a choice is a string, not %s",
							 type_name(e));
						continue;
					}
					p->choices[p->nchoices++] = xstrdup(e->valuestring);
				}
			}
		}
		if (ans != NULL && p->nchoices > 0) {
			const cJSON *one = cJSON_IsArray(ans) ? ans->child : ans;
			if (cJSON_IsArray(ans) && one == NULL)
				error_at(L, AT(ans), 0, "\"answer\" lists no choice");
			for (; one != NULL; one = cJSON_IsArray(ans) ? one->next : NULL) {
				double v = 0;
				if (cJSON_IsNumber(one))
					v = one->valuedouble;
				if (!cJSON_IsNumber(one) || v != floor(v)) {
					error_at(L, AT(one), 0, "\"answer\" is the number of the right "
						 "choice (counting from 0), or an array of them");
					break;
				}
				if (v < 0 || v >= p->nchoices) {
					error_at(L, AT(one), 0, "answer %g is out of range: the quiz "
						 "has %d choices, numbered from 0 to %d", v, p->nchoices,
						 p->nchoices - 1);
					break;
				}
				p->answers |= 1u << (int)v;
			}
		}
	}
	if (p->kind == PAGE_NUMERIC) {
		const cJSON *ver = cJSON_GetObjectItemCaseSensitive(po, "verify");
		const cJSON *an = cJSON_GetObjectItemCaseSensitive(po, "answer");
		get_number(L, po, "answer", 1, what, &p->answer);
		if (an != NULL) {
			p->aline = AT(an).line;
			p->acolumn = AT(an).column;
		}
		p->tolerance = 1e-3 * fmax(1, fabs(p->answer));
		if (get_number(L, po, "tolerance", 0, what, &p->tolerance) && !(p->tolerance >= 0))
			error_at(L, AT(cJSON_GetObjectItemCaseSensitive(po, "tolerance")), 0,
				 "\"tolerance\" must not be negative");
		if (ver != NULL) {
			static const char *const vf[] = { "value_at", "global_minimum", NULL };
			const cJSON *va;
			if (!has_obj) {
				error_at(L, KEY_AT(ver), 0, "\"verify\" needs a \"function\" on the page");
			} else if (!cJSON_IsObject(ver)) {
				error_at(L, AT(ver), 0, "\"verify\" must be an object like "
					 "{\"value_at\": [2]}");
			} else {
				check_members(L, ver, vf, "\"verify\"");
				p->verify = 1;
				if ((va = cJSON_GetObjectItemCaseSensitive(ver, "value_at")) != NULL) {
					if (get_numbers(L, va, "value_at", dim, 2, p->verify_at) < 0)
						p->verify = 0;
				} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ver,
							"global_minimum"))) {
					p->verify_kind = 1;
					if (dim < 1 || dim > 2)
						error_at(L, AT(ver), 0, "the global minimum is found for "
							 "functions of one or two variables");
				} else {
					error_at(L, AT(ver), 0, "\"verify\" takes \"value_at\": [X] or "
						 "\"global_minimum\": true");
				}
			}
		}
	}
	if (p->kind == PAGE_LOCATE) {
		const cJSON *t = member(L, po, "target", 1, what);
		double diag = hypot(p->x[1] - p->x[0], dim == 2 ? p->y[1] - p->y[0] : 0);
		p->tolerance = 0.05 * diag;
		if (t != NULL) {
			p->aline = AT(t).line;
			p->acolumn = AT(t).column;
			static const char *const targets[] = { "minimum", "global minimum",
							       "maximum", "saddle", NULL };
			static const enum locate_target tv[] = { TARGET_MINIMUM,
				TARGET_GLOBAL_MINIMUM, TARGET_MAXIMUM, TARGET_SADDLE };
			if (cJSON_IsString(t)) {
				int i, found = -1;
				for (i = 0; targets[i] != NULL; i++)
					if (strcmp(t->valuestring, targets[i]) == 0)
						found = i;
				if (found < 0)
					error_at(L, AT(t), 0, "\"target\" is \"minimum\", \"global "
						 "minimum\", \"maximum\", \"saddle\", or {\"point\": [X, Y]}");
				else
					p->target = tv[found];
			} else if (cJSON_IsObject(t)) {
				static const char *const tf[] = { "point", NULL };
				const cJSON *pt;
				check_members(L, t, tf, "\"target\"");
				pt = member(L, t, "point", 1, "\"target\"");
				p->target = TARGET_POINT;
				if (pt != NULL)
					get_numbers(L, pt, "point", dim, 2, p->target_point);
			} else {
				error_at(L, AT(t), 0, "\"target\" is \"minimum\", \"global minimum\", "
					 "\"maximum\", \"saddle\", or {\"point\": [X, Y]}");
			}
		}
		if (get_number(L, po, "tolerance", 0, what, &p->tolerance) && !(p->tolerance > 0))
			error_at(L, AT(cJSON_GetObjectItemCaseSensitive(po, "tolerance")), 0,
				 "\"tolerance\" must be positive");
	}
	if (p->kind == PAGE_CHALLENGE) {
		const cJSON *ops = cJSON_GetObjectItemCaseSensitive(po, "optimizers"), *e;
		const cJSON *goal = member(L, po, "goal", 1, what);
		double lr[2] = { 1e-4, 1 };
		if (ops != NULL) {
			if (!cJSON_IsArray(ops) || cJSON_GetArraySize(ops) < 1 ||
			    cJSON_GetArraySize(ops) > 7)
				error_at(L, AT(ops), 0, "\"optimizers\" must be an array of names, "
					 "like [\"gd\", \"momentum\"]");
			else
				for (e = ops->child; e != NULL; e = e->next) {
					const struct optimizer *o = get_optimizer(L, e);
					if (o != NULL)
						p->allowed[p->nallowed++] = o;
				}
		} else {
			int i;
			for (i = 0; opt_table[i] != NULL && i < 7; i++)
				p->allowed[p->nallowed++] = opt_table[i];
		}
		if (get_range(L, po, "lr", lr) && !(lr[0] > 0))
			error_at(L, AT(cJSON_GetObjectItemCaseSensitive(po, "lr")), 0,
				 "the learning rates of \"lr\" must be positive");
		p->lr_min = lr[0];
		p->lr_max = lr[1];
		if (goal != NULL) {
			static const char *const gf[] = { "point", "within", "steps", NULL };
			p->aline = AT(goal).line;
			p->acolumn = AT(goal).column;
			const cJSON *pt;
			if (!cJSON_IsObject(goal)) {
				error_at(L, AT(goal), 0, "\"goal\" must be an object like {\"point\": "
					 "[3, 2], \"within\": 0.1, \"steps\": 100}");
			} else {
				check_members(L, goal, gf, "\"goal\"");
				pt = member(L, goal, "point", 1, "\"goal\"");
				if (pt != NULL)
					get_numbers(L, pt, "point", dim > 0 && dim <= 2 ? dim : 0, 2,
						    p->goal);
				p->within = 0.1;
				if (get_number(L, goal, "within", 0, "\"goal\"", &p->within) &&
				    !(p->within > 0))
					error_at(L, AT(cJSON_GetObjectItemCaseSensitive(goal, "within")),
						 0, "\"within\" must be positive");
				p->max_steps = 1000;
				get_count(L, goal, "steps", 0, "\"goal\"", 1, 1e6, &p->max_steps);
			}
			if (dim > 2)
				error_at(L, AT(po), 0, "a challenge's goal is a point of one or two "
					 "variables; this function has %d", dim);
		}
	}
	if (L->errors == before)
		get_claims(L, po, p, dim, has_obj);
	else if (cJSON_GetObjectItemCaseSensitive(po, "check") != NULL)
		get_claims(L, po, p, dim, has_obj);
}

static void
free_objective(struct lesson_objective *o)
{
	int i;

	free(o->function);
	free(o->model);
	free(o->points);
	for (i = 0; i < o->nvars; i++)
		free(o->vars[i]);
	for (i = 0; i < o->ncolumns; i++)
		free(o->columns[i]);
}

void
lesson_chapter_free(struct lesson_chapter *c)
{
	int i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->npages; i++) {
		struct lesson_page *p = &c->pages[i];
		free(p->title);
		free(p->body);
		free(p->hint);
		free(p->explain);
		free(p->schedule);
		free(p->question);
		for (j = 0; j < p->nchoices; j++)
			free(p->choices[j]);
		free(p->claims);
		free_objective(&p->obj);
	}
	free(c->pages);
	free(c->file);
	free(c->id);
	free(c->title);
	free(c->summary);
	free(c);
}

struct lesson_chapter *
lesson_parse(const char *text, size_t len, const char *name, struct lesson_diags *ds)
{
	static const char *const fields[] = { "id", "title", "order", "summary", "pages", NULL };
	struct loader Ls, *L = &Ls;
	struct json_pos ep;
	char err[256];
	cJSON *root = NULL;
	struct lesson_chapter *c = NULL;
	const cJSON *pages, *p, *id;
	long order = 0;
	int i;

	memset(L, 0, sizeof *L);
	L->file = name;
	L->text = text;
	L->ds = ds;
	if (json_scan(text, len, &L->ix, &ep, err, sizeof err) < 0) {
		lesson_diag_add(ds, name, ep.line, ep.column, LESSON_ERROR, "%s", err);
		json_index_done(&L->ix);
		return NULL;
	}
	root = cJSON_ParseWithLength(text, len);
	if (root == NULL) {             /* cannot happen: the scanner agreed */
		lesson_diag_add(ds, name, 1, 1, LESSON_ERROR, "this is not valid JSON");
		json_index_done(&L->ix);
		return NULL;
	}
	json_index_attach(&L->ix, root);
	if (!cJSON_IsObject(root)) {
		error_at(L, AT(root), 0, "a chapter is a JSON object, { \"id\": ..., \"pages\": "
			 "[...] }, not %s", type_name(root));
		goto done;
	}
	c = xcalloc(1, sizeof *c);
	c->file = xstrdup(name);
	check_members(L, root, fields, "the chapter");
	c->id = get_string(L, root, "id", 1, "the chapter");
	id = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (c->id != NULL) {
		const char *s;
		c->id_line = AT(id).line;
		c->id_column = AT(id).column;
		for (s = c->id; *s != '\0'; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			      (*s == '-' && s != c->id)))
				break;
		if (*s != '\0' || *c->id == '\0')
			error_at(L, AT(id), 0, "the id \"%s\" must be made of lower-case letters, "
				 "digits and '-' (like \"critical-points\"): it names the chapter on "
				 "the command line", c->id);
	}
	c->title = get_string(L, root, "title", 1, "the chapter");
	c->summary = get_string(L, root, "summary", 1, "the chapter");
	if (get_count(L, root, "order", 1, "the chapter", 0, 10000, &order)) {
		c->order = (int)order;
		c->order_line = AT(cJSON_GetObjectItemCaseSensitive(root, "order")).line;
		c->order_column = AT(cJSON_GetObjectItemCaseSensitive(root, "order")).column;
	}
	pages = member(L, root, "pages", 1, "the chapter");
	if (pages != NULL) {
		if (!cJSON_IsArray(pages)) {
			error_at(L, AT(pages), 0, "\"pages\" must be an array of pages, not %s",
				 type_name(pages));
		} else if (cJSON_GetArraySize(pages) == 0) {
			error_at(L, AT(pages), 0, "\"pages\" is empty: a chapter needs at least "
				 "one page");
		} else {
			c->npages = cJSON_GetArraySize(pages);
			c->pages = xcalloc(c->npages, sizeof *c->pages);
			for (i = 0, p = pages->child; p != NULL; p = p->next, i++)
				get_page(L, p, &c->pages[i], i);
		}
	}
done:
	cJSON_Delete(root);
	json_index_done(&L->ix);
	if (L->errors > 0) {
		lesson_chapter_free(c);
		return NULL;
	}
	return c;
}

struct lesson_chapter *
lesson_load(const char *path, struct lesson_diags *ds)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	struct lesson_chapter *c = NULL;

	if (fp == NULL) {
		lesson_diag_add(ds, path, 0, 0, LESSON_ERROR, "cannot open the file: %s",
				strerror(errno));
		return NULL;
	}
	do {
		if (len == cap) {
			if (cap > LESSON_MAX_FILE) {
				lesson_diag_add(ds, path, 1, 1, LESSON_ERROR, "the file is too large: "
						"a chapter is at most %d bytes (1 MB); split it",
						LESSON_MAX_FILE);
				goto fail;
			}
			cap = cap ? 2 * cap : 1 << 14;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		lesson_diag_add(ds, path, 0, 0, LESSON_ERROR, "cannot read the file: %s",
				strerror(errno));
		goto fail;
	}
	if (len > LESSON_MAX_FILE) {
		lesson_diag_add(ds, path, 1, 1, LESSON_ERROR, "the file is too large: a chapter "
				"is at most %d bytes (1 MB); split it", LESSON_MAX_FILE);
		goto fail;
	}
	c = lesson_parse(buf, len, path, ds);
fail:
	fclose(fp);
	free(buf);
	return c;
}

struct run *
lesson_run_new(const struct lesson_page *p, int i, struct objective *o, double lr_factor,
	       const double *start)
{
	const struct lesson_run *lr = &p->runs[i];
	struct run_config c;
	char err[200];

	run_config_init(&c, lr->opt);
	c.params = lr->params;
	c.params.lr *= lr_factor;
	c.max_steps = p->steps;
	c.noise = p->noise;
	c.seed = p->seed;
	if (p->schedule != NULL)
		sched_parse(p->schedule, &c.sched, err, sizeof err);
	if (start == NULL)
		start = lr->nstart > 0 ? lr->start : p->start;
	return run_new(o, &c, start, err, sizeof err);
}

struct objective *
lesson_objective(const struct lesson_page *p, char *err, size_t size)
{
	const struct lesson_objective *o = &p->obj;
	struct expr_error e;
	struct objective *obj;

	if (o->function != NULL) {
		const char *names[2] = { o->vars[0], o->nvars > 1 ? o->vars[1] : NULL };
		obj = objective_expr(o->function, o->nvars > 0 ? names : NULL, o->nvars, &e);
		if (obj == NULL)
			snprintf(err, size, "%s", e.message);
		return obj;
	}
	if (o->model != NULL) {
		/* the objective borrows a data set: give it one to own */
		struct dataset *d = xcalloc(1, sizeof *d);
		size_t r;
		int j;
		d->ncols = o->ncolumns;
		d->nrows = o->npoints;
		d->names = xcalloc(d->ncols, sizeof *d->names);
		d->col = xcalloc(d->ncols, sizeof *d->col);
		for (j = 0; j < d->ncols; j++) {
			d->names[j] = xstrdup(o->columns[j]);
			d->col[j] = xmalloc(d->nrows * sizeof **d->col);
			for (r = 0; r < d->nrows; r++)
				d->col[j][r] = o->points[r * o->ncolumns + j];
		}
		obj = objective_data(d, o->model, o->loss, data_target(o), NULL, 0, &e);
		if (obj == NULL) {
			snprintf(err, size, "%s", e.message);
			dataset_free(d);
			return NULL;
		}
		objective_take_data(obj, d);
		return obj;
	}
	snprintf(err, size, "this page has no function");
	return NULL;
}
