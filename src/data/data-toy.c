/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data-toy.c - the built-in toy data sets (line, sine, xor, moons,
 * circles), drawn from a seed, so that a lesson or a command line can
 * say "moons,n=100" instead of shipping a CSV file.
 *
 * How a set is drawn, so that a reader can redo it: one struct rng,
 * seeded with rng_init(&r, seed); then for each row i = 0, 1, ..., n-1 in
 * turn, the calls below in the order given (rng_normal hands out its
 * normals in pairs, the second kept for the next call, so that a row may
 * start with the spare of the one before).  e1 and e2 are standard
 * normals, pi is the double nearest to it (M_PI), and y = i % 2 for the
 * three classifiers (the classes alternate; an odd n gives class 0 one
 * point more).
 *
 *   line     x = rng_uniform(-1, 1); e1 = rng_normal
 *            y = 2 * x - 0.5 + noise * e1
 *   sine     x = rng_uniform(-3, 3); e1 = rng_normal
 *            y = sin(x) + noise * e1
 *   xor      e1 = rng_normal; e2 = rng_normal; (cx, cy) is corner i % 4 of
 *            (-1, -1), (-1, 1), (1, 1), (1, -1), in this order
 *            x1 = cx + noise * e1, x2 = cy + noise * e2
 *   moons    t = rng_uniform(0, pi); e1 = rng_normal; e2 = rng_normal
 *            y = 0: x1 = cos(t) + noise * e1,     x2 = sin(t) + noise * e2
 *            y = 1: x1 = 1 - cos(t) + noise * e1, x2 = 0.5 - sin(t) + noise * e2
 *   circles  t = rng_uniform(0, 2 * pi); e1 = rng_normal; e2 = rng_normal;
 *            R = 1 when y = 0, factor when y = 1
 *            x1 = R * cos(t) + noise * e1, x2 = R * sin(t) + noise * e2
 *
 * The draws never depend on noise (noise 0 draws its normals too), so a
 * seed keeps its points while the noise changes, and noise 0 puts them
 * exactly on their line, curve or circle.  The uniform and normal draws
 * are the same on every machine; sin and cos come from the C library.
 *
 * The spec is parsed in place; every error points at the byte column of
 * its part, for diag_print_source's caret.  Numbers follow the CSV
 * grammar (data_is_decimal), which assumes that LC_NUMERIC is "C".
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/rng.h"
#include "descent/util.h"

#include "data-int.h"

#define NOISE_MAX 1000          /* keeps every value finite, and far from overflow */

/* What a spec sets, and the keys that set it. */
struct toy_params {
	size_t n;
	double noise, factor;
	uint64_t seed;
};

enum toy_key { KEY_N, KEY_NOISE, KEY_SEED, KEY_FACTOR, NKEYS };

static const char *const key_names[NKEYS] = { "n", "noise", "seed", "factor" };

/* Writes row i (ncols values) from the draws the file's comment lists. */
typedef void toy_draw_fn(struct rng *r, size_t i, const struct toy_params *p, double *row);

struct toy_set {
	struct dataset_toy_info info;
	int ncols;
	const char *cols[3];
	int has_factor;         /* takes the key factor */
	toy_draw_fn *draw;
};

static void
draw_line(struct rng *r, size_t i, const struct toy_params *p, double *row)
{
	double x = rng_uniform(r, -1, 1), e1 = rng_normal(r);

	(void)i;
	row[0] = x;
	row[1] = 2 * x - 0.5 + p->noise * e1;
}

static void
draw_sine(struct rng *r, size_t i, const struct toy_params *p, double *row)
{
	double x = rng_uniform(r, -3, 3), e1 = rng_normal(r);

	(void)i;
	row[0] = x;
	row[1] = sin(x) + p->noise * e1;
}

static void
draw_xor(struct rng *r, size_t i, const struct toy_params *p, double *row)
{
	static const double corner[4][2] = { { -1, -1 }, { -1, 1 }, { 1, 1 }, { 1, -1 } };
	double e1 = rng_normal(r), e2 = rng_normal(r);

	row[0] = corner[i % 4][0] + p->noise * e1;
	row[1] = corner[i % 4][1] + p->noise * e2;
	row[2] = (double)(i % 2);
}

static void
draw_moons(struct rng *r, size_t i, const struct toy_params *p, double *row)
{
	double t = rng_uniform(r, 0, M_PI), e1 = rng_normal(r), e2 = rng_normal(r);

	if (i % 2 == 0) {
		row[0] = cos(t) + p->noise * e1;
		row[1] = sin(t) + p->noise * e2;
	} else {
		row[0] = 1 - cos(t) + p->noise * e1;
		row[1] = 0.5 - sin(t) + p->noise * e2;
	}
	row[2] = (double)(i % 2);
}

static void
draw_circles(struct rng *r, size_t i, const struct toy_params *p, double *row)
{
	double t = rng_uniform(r, 0, 2 * M_PI), e1 = rng_normal(r), e2 = rng_normal(r);
	double radius = i % 2 == 0 ? 1 : p->factor;

	row[0] = radius * cos(t) + p->noise * e1;
	row[1] = radius * sin(t) + p->noise * e2;
	row[2] = (double)(i % 2);
}

/* the keys and summaries are shown translated, with _() */
#define KEYS N_("n, noise or seed")

static const struct toy_set toy_sets[] = {
	{ { "line", N_("y = 2x - 0.5 plus noise, x in [-1, 1] (regression)"), KEYS, 50, 0.1 },
	  2, { "x", "y" }, 0, draw_line },
	{ { "sine", N_("y = sin(x) plus noise, x in [-3, 3] (regression)"), KEYS, 100, 0.1 },
	  2, { "x", "y" }, 0, draw_sine },
	{ { "xor", N_("four clusters at (+-1, +-1), y = 1 where the signs differ (classes 0/1)"),
	    KEYS, 200, 0.2 },
	  3, { "x1", "x2", "y" }, 0, draw_xor },
	{ { "moons", N_("two interleaving half circles (classes 0/1)"), KEYS, 200, 0.1 },
	  3, { "x1", "x2", "y" }, 0, draw_moons },
	{ { "circles", N_("a circle of radius 1 around one of radius factor (classes 0/1)"),
	    N_("n, noise, factor or seed"), 200, 0.05 },
	  3, { "x1", "x2", "y" }, 1, draw_circles },
};

#define NSETS (sizeof toy_sets / sizeof toy_sets[0])
#define FACTOR_DEFAULT 0.5

const char *const *
dataset_toy_names(void)
{
	static const char *names[NSETS + 1];    /* the last stays NULL */
	size_t i;

	for (i = 0; i < NSETS; i++)
		names[i] = toy_sets[i].info.name;
	return names;
}

/* The set whose name is s[0, n), or NULL. */
static const struct toy_set *
find_set(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < NSETS; i++)
		if (strlen(toy_sets[i].info.name) == n &&
		    memcmp(toy_sets[i].info.name, s, n) == 0)
			return &toy_sets[i];
	return NULL;
}

const struct dataset_toy_info *
dataset_toy_info(const char *name)
{
	const struct toy_set *set = name != NULL ? find_set(name, strlen(name)) : NULL;

	return set != NULL ? &set->info : NULL;
}

/* Blanks around the name, keys and values are ignored, as in CSV files. */
static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Narrows [*a, *b) of s to leave out the blanks at both ends. */
static void
trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_blank(s[*a]))
		(*a)++;
	while (*b > *a && is_blank(s[*b - 1]))
		(*b)--;
}

/* The name part of spec: [*a, *b), blanks left out; returns where it ends. */
static size_t
name_part(const char *spec, size_t *a, size_t *b)
{
	const char *comma = strchr(spec, ',');

	*a = 0;
	*b = comma != NULL ? (size_t)(comma - spec) : strlen(spec);
	trim(spec, a, b);
	return comma != NULL ? (size_t)(comma - spec) : strlen(spec);
}

int
dataset_toy_is_name(const char *spec)
{
	size_t a, b;

	if (spec == NULL)
		return 0;
	name_part(spec, &a, &b);
	return find_set(spec + a, b - a) != NULL;
}

/* Fills err for the part of the spec at byte offset off (column off + 1). */
DESCENT_PRINTF(3, 4) static int
toy_error(struct diag *err, size_t off, const char *fmt, ...)
{
	char msg[sizeof err->message];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return diag_set(err, NULL, 0, off >= INT_MAX ? INT_MAX : (int)off + 1, "%s", msg);
}

/* The name in names nearest to s[0, n), for "did you mean", or NULL. */
static const char *
nearest(const char *s, size_t n, const char *const *names)
{
	const char *best = NULL;
	int bestd = n <= 4 ? 1 : 2, i;

	for (i = 0; names[i] != NULL; i++) {
		int d = edit_distance(s, n, names[i], strlen(names[i]));
		if (d <= bestd && (best == NULL || d < bestd)) {
			best = names[i];
			bestd = d;
		}
	}
	return best;
}

/* The set names as "line, sine, xor, moons or circles". */
static const char *
set_list(char *buf, size_t size)
{
	names_text(buf, size, dataset_toy_names(), _(" or "));
	return buf;
}

/* The key named s[0, n) if set takes it, else NKEYS. */
static enum toy_key
find_key(const struct toy_set *set, const char *s, size_t n)
{
	int k;

	for (k = 0; k < NKEYS; k++)
		if (strlen(key_names[k]) == n && memcmp(key_names[k], s, n) == 0)
			break;
	if (k == KEY_FACTOR && !set->has_factor)
		return NKEYS;
	return (enum toy_key)k;
}

/* The default of key k, as it would be written in a spec ("n=200"). */
static void
key_example(const struct toy_set *set, enum toy_key k, char *buf, size_t size)
{
	char num[40];

	switch (k) {
	case KEY_N:
		snprintf(buf, size, "n=%zu", set->info.n);
		break;
	case KEY_NOISE:
		num_exact(num, sizeof num, set->info.noise);
		snprintf(buf, size, "noise=%s", num);
		break;
	case KEY_FACTOR:
		num_exact(num, sizeof num, FACTOR_DEFAULT);
		snprintf(buf, size, "factor=%s", num);
		break;
	default:
		snprintf(buf, size, "seed=1");
		break;
	}
}

/*
 * Reads the seed spec[a, b): decimal digits only, at most 2^64 - 1, since
 * a seed of a double would lose its low bits past 2^53.
 */
static int
read_seed(const char *spec, size_t a, size_t b, uint64_t *seed, struct diag *err)
{
	uint64_t v = 0;
	size_t i;
	char q[DATA_SHOW_MAX + 6];

	for (i = a; i < b; i++) {
		unsigned d = (unsigned)(spec[i] - '0');
		if (spec[i] < '0' || spec[i] > '9' || v > (UINT64_MAX - d) / 10)
			break;
		v = 10 * v + d;
	}
	if (i < b)
		return toy_error(err, a, _("%s is not a seed: write a whole number from 0 to "
				 "%ju, e.g. seed=1"), data_quote(q, sizeof q, spec + a, b - a),
				 (uintmax_t)UINT64_MAX);
	*seed = v;
	return 0;
}

/* Reads the number spec[a, b) for key k; 0, or -1 with err filled. */
static int
read_number(const struct toy_set *set, enum toy_key k, const char *spec, size_t a,
	    size_t b, double *v, struct diag *err)
{
	static const char *const what[NKEYS] = {
		N_("the number of points"), N_("the deviation of the noise"), "",
		N_("the inner radius"),
	};
	char small[64], *buf = small, *end, q[DATA_SHOW_MAX + 6], ex[64];
	size_t n = b - a;

	if (!data_is_decimal(spec + a, n)) {
		key_example(set, k, ex, sizeof ex);
		return toy_error(err, a, _("%s is not a number: %s is %s, e.g. %s"),
				 data_quote(q, sizeof q, spec + a, n), key_names[k], _(what[k]), ex);
	}
	if (n >= sizeof small)
		buf = xmalloc(n + 1);
	memcpy(buf, spec + a, n);
	buf[n] = '\0';
	*v = strtod(buf, &end);
	if (end != buf + n)
		fatal("strtod stopped early in '%s': LC_NUMERIC must be \"C\"", buf);
	if (buf != small)
		free(buf);
	return 0;
}

/* Sets key k of p from the value spec[a, b); 0, or -1 with err filled. */
static int
set_key(const struct toy_set *set, enum toy_key k, const char *spec, size_t a, size_t b,
	struct toy_params *p, struct diag *err)
{
	char q[DATA_SHOW_MAX + 6];
	double v = 0;

	if (k == KEY_SEED)
		return read_seed(spec, a, b, &p->seed, err);
	if (read_number(set, k, spec, a, b, &v, err) < 0)
		return -1;
	data_quote(q, sizeof q, spec + a, b - a);
	switch (k) {
	case KEY_N:
		if (!(v >= DATA_TOY_MIN_N && v <= DATA_TOY_MAX_N && v == floor(v)))
			return toy_error(err, a, _("n must be a whole number from %d to %d, not %s"),
					 DATA_TOY_MIN_N, DATA_TOY_MAX_N, q);
		p->n = (size_t)v;
		break;
	case KEY_NOISE:
		if (!(v >= 0 && v <= NOISE_MAX))
			return toy_error(err, a, _("noise must be from 0 to %d, not %s"),
					 NOISE_MAX, q);
		p->noise = v;
		break;
	default:
		if (!(v > 0 && v < 1))
			return toy_error(err, a, _("factor must be between 0 and 1 (both "
					 "excluded), not %s"), q);
		p->factor = v;
		break;
	}
	return 0;
}

/*
 * Reads the items after the name, from the comma at pos on, into p;
 * 0, or -1 with err filled.
 */
static int
read_items(const struct toy_set *set, const char *spec, size_t pos, struct toy_params *p,
	   struct diag *err)
{
	size_t seen[NKEYS] = { 0 };     /* 1 + the offset of each key given */
	size_t len = strlen(spec);
	const char *name = set->info.name, *keys = _(set->info.keys);
	char q[DATA_SHOW_MAX + 6], ex[64];

	while (pos < len) {             /* spec[pos] is a comma */
		size_t s = pos + 1, e = s, ka, kb, va, vb;
		const char *eq, *near;
		enum toy_key k;

		while (e < len && spec[e] != ',')
			e++;
		ka = s;
		kb = e;
		trim(spec, &ka, &kb);
		if (ka == kb) {
			if (e == len)
				return toy_error(err, pos, _("',' at the end with no option after "
						 "it: remove it"));
			return toy_error(err, e, _("empty option between two commas: remove "
					 "the extra ','"));
		}
		eq = memchr(spec + ka, '=', kb - ka);
		if (eq == NULL) {
			key_example(set, KEY_N, ex, sizeof ex);
			return toy_error(err, ka, _("%s is not KEY=VALUE: write KEY=VALUE with "
					 "KEY %s (e.g. %s)"),
					 data_quote(q, sizeof q, spec + ka, kb - ka), keys, ex);
		}
		va = (size_t)(eq - spec) + 1;
		vb = kb;
		kb = va - 1;
		trim(spec, &ka, &kb);
		trim(spec, &va, &vb);
		if (ka == kb)
			return toy_error(err, ka, _("no key before '=': write KEY=VALUE with "
					 "KEY %s"), keys);
		k = find_key(set, spec + ka, kb - ka);
		if (k == NKEYS) {
			const char *set_keys[NKEYS + 1];
			int j, m = 0;
			for (j = 0; j < NKEYS; j++)
				if (j != KEY_FACTOR || set->has_factor)
					set_keys[m++] = key_names[j];
			set_keys[m] = NULL;
			near = nearest(spec + ka, kb - ka, set_keys);
			data_quote(q, sizeof q, spec + ka, kb - ka);
			if (near != NULL)
				return toy_error(err, ka, _("%s has no key %s: use %s (did you "
							    "mean %s?)"), name, q, keys, near);
			return toy_error(err, ka, _("%s has no key %s: use %s"), name, q, keys);
		}
		if (seen[k] != 0)
			return toy_error(err, ka, _("%s is given twice (first at column %zu): "
					 "give each key once"), key_names[k], seen[k]);
		seen[k] = ka + 1;
		if (va == vb) {
			key_example(set, k, ex, sizeof ex);
			return toy_error(err, va, _("%s has no value: write e.g. %s"),
					 key_names[k], ex);
		}
		if (set_key(set, k, spec, va, vb, p, err) < 0)
			return -1;
		pos = e;
	}
	return 0;
}

struct dataset *
dataset_toy(const char *spec, struct diag *err)
{
	const struct toy_set *set;
	struct toy_params p;
	struct dataset *d;
	struct diag dummy;
	struct rng r;
	char q[DATA_SHOW_MAX + 6], list[128];
	double row[3];
	size_t a, b, end, i;
	const char *near;
	int j;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof *err);
	if (spec == NULL)
		spec = "";
	end = name_part(spec, &a, &b);
	set_list(list, sizeof list);
	if (a == b) {
		if (spec[end] == '\0')
			toy_error(err, 0, _("the data set spec is empty: name a set, one of %s "
				  "(e.g. moons or moons,n=100)"), list);
		else
			toy_error(err, a, _("no data set name before ',': start with one of %s "
				  "(e.g. moons,n=100)"), list);
		return NULL;
	}
	set = find_set(spec + a, b - a);
	if (set == NULL) {
		near = nearest(spec + a, b - a, dataset_toy_names());
		data_quote(q, sizeof q, spec + a, b - a);
		if (near != NULL)
			toy_error(err, a, _("unknown data set %s: use %s (did you mean %s?)"), q,
				  list, near);
		else
			toy_error(err, a, _("unknown data set %s: use %s"), q, list);
		return NULL;
	}
	p.n = set->info.n;
	p.noise = set->info.noise;
	p.factor = FACTOR_DEFAULT;
	p.seed = 1;
	if (read_items(set, spec, end, &p, err) < 0)
		return NULL;

	d = xcalloc(1, sizeof *d);
	d->ncols = set->ncols;
	d->nrows = p.n;
	d->names = xcalloc((size_t)set->ncols, sizeof *d->names);
	d->col = xcalloc((size_t)set->ncols, sizeof *d->col);
	for (j = 0; j < set->ncols; j++) {
		d->names[j] = xstrdup(set->cols[j]);
		d->col[j] = xreallocarray(NULL, p.n, sizeof **d->col);
	}
	rng_init(&r, p.seed);
	for (i = 0; i < p.n; i++) {
		set->draw(&r, i, &p, row);
		for (j = 0; j < set->ncols; j++)
			d->col[j][i] = row[j];
	}
	return d;
}
