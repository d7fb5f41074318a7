/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-schema.c - the schema reader: typed getters over the JSON tree
 * that report every problem at its FILE:LINE:COLUMN in a plain sentence,
 * all of them rather than the first, so that a teacher fixes a file in
 * one pass.  A member name that is unknown but close to a known one gets
 * a "did you mean".  The kinds of pages read their members with these.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

void
lesson_error(struct loader *L, struct json_pos p, const char *fmt, ...)
{
	char msg[sizeof ((struct diag *)0)->message];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	diags_add(L->ds, L->file, p.line, p.column, DIAG_ERROR, "%s", msg);
	L->errors++;
}

const char *
json_type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return _("a string");
	if (cJSON_IsNumber(v))
		return _("a number");
	if (cJSON_IsObject(v))
		return _("an object");
	if (cJSON_IsArray(v))
		return _("an array");
	/* JSON's literals, as the file writes them */
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return "null";
}

const char *
lesson_nearest(const char *s, const char *const *names)
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

void
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
			const char *near = lesson_nearest(m->string, allowed);
			size_t q;
			for (q = 0; near == NULL && q < sizeof synonyms / sizeof synonyms[0]; q++)
				if (strcmp(m->string, synonyms[q][0]) == 0) {
					int a;
					for (a = 0; allowed[a] != NULL; a++)
						if (strcmp(allowed[a], synonyms[q][1]) == 0)
							near = allowed[a];
				}
			if (near != NULL)
				lesson_error(L, KEY_AT(m), "unknown member \"%s\" in %s: did you mean "
					     "\"%s\"?", m->string, what, near);
			else
				lesson_error(L, KEY_AT(m), "unknown member \"%s\" in %s",
					     m->string, what);
		}
		for (n = obj->child; n != m; n = n->next)
			if (strcmp(n->string, m->string) == 0) {
				lesson_error(L, KEY_AT(m), "\"%s\" appears twice in %s (first at "
					     "line %d, column %d)", m->string, what, KEY_AT(n).line,
					     KEY_AT(n).column);
				break;
			}
	}
}

const cJSON *
member(struct loader *L, const cJSON *obj, const char *name, int required, const char *what)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL && required)
		lesson_error(L, AT(obj), "%s has no \"%s\": it is required", what, name);
	return m;
}

char *
get_string(struct loader *L, const cJSON *obj, const char *name, int required,
	   const char *what)
{
	const cJSON *m = member(L, obj, name, required, what);

	if (m == NULL)
		return NULL;
	if (!cJSON_IsString(m)) {
		lesson_error(L, AT(m), "\"%s\" must be a string, not %s", name, json_type_name(m));
		return NULL;
	}
	return xstrdup(m->valuestring);
}

char *
get_text(struct loader *L, const cJSON *obj, const char *name, int required, const char *what)
{
	const cJSON *m = member(L, obj, name, required, what), *e;
	size_t len = 0, k;
	char *s;
	int i = 0;

	if (m == NULL)
		return NULL;
	if (cJSON_IsString(m))
		return xstrdup(m->valuestring);
	if (!cJSON_IsArray(m)) {
		lesson_error(L, AT(m), "\"%s\" must be a string or an array of strings (its lines), "
			     "not %s", name, json_type_name(m));
		return NULL;
	}
	cJSON_ArrayForEach(e, m) {
		i++;
		if (!cJSON_IsString(e)) {
			lesson_error(L, AT(e), "line %d of \"%s\" must be a string, not %s", i, name,
				     json_type_name(e));
			return NULL;
		}
		len += strlen(e->valuestring) + 1;
	}
	s = xmalloc(len + 1);
	k = 0;
	cJSON_ArrayForEach(e, m) {
		size_t n = strlen(e->valuestring);

		if (k > 0)
			s[k++] = '\n';
		memcpy(s + k, e->valuestring, n);
		k += n;
	}
	s[k] = '\0';
	return s;
}

int
get_wrong_answers(struct loader *L, const cJSON *po, const char *like,
		  int (*take)(struct loader *L, const cJSON *answer, int n, void *ctx),
		  void *ctx, char **feedback, int *line, int *column)
{
	static const char *const members[] = { "answer", "feedback", NULL };
	const cJSON *wr = cJSON_GetObjectItemCaseSensitive(po, "wrong"), *e, *a;
	int n = 0;

	if (wr == NULL)
		return 0;
	if (!cJSON_IsArray(wr) || cJSON_GetArraySize(wr) > LESSON_MAX_CHOICES) {
		lesson_error(L, AT(wr), "\"wrong\" must be an array of at most %d expected wrong "
			     "answers, like [{\"answer\": %s, \"feedback\": \"...\"}]",
			     LESSON_MAX_CHOICES, like);
		return 0;
	}
	cJSON_ArrayForEach(e, wr) {
		if (!cJSON_IsObject(e)) {
			lesson_error(L, AT(e), "an expected wrong answer is an object like "
				     "{\"answer\": %s, \"feedback\": \"...\"}", like);
			continue;
		}
		check_members(L, e, members, _("a wrong answer"));
		a = member(L, e, "answer", 1, _("a wrong answer"));
		if (a == NULL || take(L, a, n, ctx) < 0)
			continue;
		feedback[n] = get_text(L, e, "feedback", 1, _("a wrong answer"));
		line[n] = AT(a).line;
		column[n] = AT(a).column;
		n++;
	}
	return n;
}

int
get_number(struct loader *L, const cJSON *obj, const char *name, int required,
	   const char *what, double *v)
{
	const cJSON *m = member(L, obj, name, required, what);

	if (m == NULL)
		return 0;
	if (!cJSON_IsNumber(m)) {
		lesson_error(L, AT(m), "\"%s\" must be a number, not %s", name, json_type_name(m));
		return 0;
	}
	*v = m->valuedouble;
	return 1;
}

int
get_count(struct loader *L, const cJSON *obj, const char *name, int required,
	  const char *what, double lo, double hi, long *v)
{
	double d;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!get_number(L, obj, name, required, what, &d))
		return 0;
	if (d != floor(d) || d < lo || d > hi) {
		lesson_error(L, AT(m), "\"%s\" must be a whole number from %.0f to %.0f, not %.15g",
			     name, lo, hi, d);
		return 0;
	}
	*v = (long)d;
	return 1;
}

int
get_bool(struct loader *L, const cJSON *obj, const char *name, int *v)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL)
		return 0;
	if (!cJSON_IsBool(m)) {
		lesson_error(L, AT(m), "\"%s\" must be true or false, not %s", name, json_type_name(m));
		return 0;
	}
	*v = cJSON_IsTrue(m);
	return 1;
}

int
get_numbers(struct loader *L, const cJSON *arr, const char *name, int n, int max, double *v)
{
	const cJSON *e;
	int k = 0;

	if (!cJSON_IsArray(arr)) {
		lesson_error(L, AT(arr), "\"%s\" must be an array of numbers, not %s", name,
			     json_type_name(arr));
		return -1;
	}
	for (e = arr->child; e != NULL; e = e->next, k++) {
		if (!cJSON_IsNumber(e)) {
			lesson_error(L, AT(e), "\"%s\" must hold numbers, not %s", name, json_type_name(e));
			return -1;
		}
		if (k < max)
			v[k] = e->valuedouble;
	}
	if ((n > 0 && k != n) || k > max || k == 0) {
		if (k > max)
			lesson_error(L, AT(arr), "\"%s\" must have at most %d numbers, not %d", name,
				     max, k);
		else if (n > 0)
			lesson_error(L, AT(arr), P_("\"%s\" must have %d number, not %d",
						    "\"%s\" must have %d numbers, not %d", n),
				     name, n, k);
		else
			lesson_error(L, AT(arr), "\"%s\" must have from 1 to %d numbers, not %d",
				     name, max, k);
		return -1;
	}
	return k;
}

int
get_range(struct loader *L, const cJSON *obj, const char *name, double *r)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (m == NULL)
		return 0;
	if (get_numbers(L, m, name, 2, 2, r) < 0)
		return 0;
	if (!(r[0] < r[1])) {
		lesson_error(L, AT(m), "the range \"%s\" is empty: [%g, %g] must go from low to "
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

void
expr_error_at(struct loader *L, const cJSON *str, const char *what,
	      const struct diag *err)
{
	struct json_pos p = AT(str);

	if (err->column > 0 && p.line > 0)
		p.column += 1 + raw_chars(L->text, p.off, err->column - 1);
	lesson_error(L, p, "in %s: %s", what, err->message);
}

const struct optimizer *
get_optimizer(struct loader *L, const cJSON *v)
{
	const struct optimizer *opt;
	const char *near;
	char names[200];

	if (!cJSON_IsString(v)) {
		lesson_error(L, AT(v), "an optimizer is a name in a string, not %s",
			     json_type_name(v));
		return NULL;
	}
	opt = opt_find(v->valuestring);
	if (opt != NULL)
		return opt;
	near = lesson_nearest(v->valuestring, opt_names());
	/* TRANSLATORS: between the last two names of a list, as in "a, b or c" */
	opt_names_text(names, sizeof names, _(" or "));
	if (near != NULL)
		lesson_error(L, AT(v), "unknown optimizer \"%s\": did you mean \"%s\"?",
			     v->valuestring, near);
	else
		lesson_error(L, AT(v), "unknown optimizer \"%s\": use %s", v->valuestring, names);
	return NULL;
}
