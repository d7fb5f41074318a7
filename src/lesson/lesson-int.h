/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-int.h - what the files of the lesson module share, by role, as
 * mandoc splits its parser, validator and formatter:
 *   - the JSON position index (lesson-json.c): cJSON keeps no positions,
 *     so a scanner of our own records where every value starts, and
 *     checks the syntax with precise messages before cJSON builds the tree;
 *   - the schema reader (lesson-schema.c): typed getters that report every
 *     problem at its file:line:column;
 *   - the parts of a page every kind may have: its objective
 *     (lesson-objective.c) and its claims (lesson-claims.c);
 *   - the kinds of pages (lesson-kind.c, and page-NAME.c for each);
 *   - the checker's helpers (lesson-check.c), for the kinds' checks;
 *   - the runner's, for the kinds' questions (lesson-runner.c);
 *   - the progress store's counter of id comparisons, for its tests.
 */
#ifndef DESCENT_LESSON_INT_H
#define DESCENT_LESSON_INT_H

#include <stddef.h>

#include <cJSON.h>

#include "descent/analysis.h"
#include "descent/expr.h"
#include "descent/lesson.h"

#define JSON_MAX_DEPTH 64

struct json_pos {
	int line, column;
	size_t off;             /* byte offset in the text */
};

/*
 * Where the values of a document are, in document order (a value before
 * its members, members in order): for each value its position and, for
 * a member of an object, its key's.
 */
struct json_index {
	struct json_pos *val, *key;
	size_t n, cap;
	/* cJSON items, in the same order, and a hash from item to index */
	const cJSON **item;
	size_t *hash;
	size_t hashcap;
	/* bytes the column computation examined: for the tests, to prove it linear */
	size_t column_work;
};

/*
 * Scans text (len bytes, the file name) as JSON, filling ix; on a syntax
 * error, fills err (at its line and column) and returns -1.
 */
int json_scan(const char *text, size_t len, const char *name, struct json_index *ix,
	      struct diag *err);
/* Pairs the scanned positions with the items of root (its parse). */
void json_index_attach(struct json_index *ix, const cJSON *root);
/* The position of item's value, or of its key (0, 0 when unknown). */
struct json_pos json_pos_of(const struct json_index *ix, const cJSON *item);
struct json_pos json_key_pos_of(const struct json_index *ix, const cJSON *item);
void json_index_done(struct json_index *ix);

/* --- the schema reader (lesson-schema.c) ----------------------------- */

/* The reader of one lesson file. */
struct loader {
	char params[160];               /* a data objective's parameters, for messages */
	const char *file;
	const char *text;               /* the file's text, for raw positions */
	struct json_index ix;
	struct diags *ds;
	size_t errors;
};

#define AT(item) json_pos_of(&L->ix, (item))
#define KEY_AT(item) json_key_pos_of(&L->ix, (item))

/* Reports a problem at p (printf-style message). */
void lesson_error(struct loader *L, struct json_pos p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "a string", "an array", "true", ...: what v is, for messages (translated). */
const char *json_type_name(const cJSON *v);
/* The name of names (NULL-ended) nearest to s, when near enough, or NULL. */
const char *lesson_nearest(const char *s, const char *const *names);
/*
 * Checks the members of obj: every name must be in allowed (a NULL-ended
 * list), and none may appear twice.  `what` names the object in messages,
 * as they show it (translated: _("the chapter")); so do the getters'.
 */
void check_members(struct loader *L, const cJSON *obj, const char *const *allowed,
		   const char *what);
/* The member name of obj, or NULL; with `required`, its absence is an error. */
const cJSON *member(struct loader *L, const cJSON *obj, const char *name, int required,
		    const char *what);
/* A string member, copied; NULL when absent or wrong (with an error). */
char *get_string(struct loader *L, const cJSON *obj, const char *name, int required,
		 const char *what);
/*
 * A text member (a body, a question, a hint...): a string, or an array of
 * strings, its lines, joined with newlines (so "" between two strings
 * separates paragraphs); copied, NULL when absent or wrong (with an error).
 */
char *get_text(struct loader *L, const cJSON *obj, const char *name, int required,
	       const char *what);
/*
 * A question's expected wrong answers, "wrong": [{"answer": A, "feedback":
 * "..."}], at most LESSON_MAX_CHOICES: for each, take(L, answer, n, ctx)
 * judges the answer (its errors are its own) and keeps it as wrong answer
 * n, returning 0; then its feedback and its place in the file are kept
 * at n.  `like` is an answer of the page's kind, for the messages
 * ("12.25", "\"2*x\"").  Returns how many were kept.
 */
int get_wrong_answers(struct loader *L, const cJSON *po, const char *like,
		      int (*take)(struct loader *L, const cJSON *answer, int n, void *ctx),
		      void *ctx, char **feedback, int *line, int *column);
/* A number member; returns 1 when present and valid, 0 when absent or wrong. */
int get_number(struct loader *L, const cJSON *obj, const char *name, int required,
	       const char *what, double *v);
/* A whole number member in [lo, hi]. */
int get_count(struct loader *L, const cJSON *obj, const char *name, int required,
	      const char *what, double lo, double hi, long *v);
int get_bool(struct loader *L, const cJSON *obj, const char *name, int *v);
/*
 * An array of n numbers (n = 0: any count up to max); returns the count,
 * or -1 with an error.
 */
int get_numbers(struct loader *L, const cJSON *arr, const char *name, int n, int max,
		double *v);
/* A range [a, b] with a < b; 1 when present and valid. */
int get_range(struct loader *L, const cJSON *obj, const char *name, double *r);
/* An optimizer's name; NULL (with an error) when it names none. */
const struct optimizer *get_optimizer(struct loader *L, const cJSON *v);
/*
 * Reports an expression error at its place in the file: the string's
 * opening quote, plus the column inside the expression, counted in the
 * file's characters.
 */
void expr_error_at(struct loader *L, const cJSON *str, const char *what,
		   const struct diag *err);

/* --- what a page may have (lesson-objective.c, lesson-claims.c) ------- */

/*
 * Whether s can name a variable (lesson-objective.c): NAME_OK, NAME_TAKEN
 * for a number or a constant ("pi"), NAME_BAD for anything else that is
 * not one name of letters, digits and '_'.
 */
enum { NAME_OK, NAME_TAKEN, NAME_BAD };
int lesson_name_kind(const char *s);
/* The objective of a page, "function" (+ "variables") or "data", into o; 0 or -1. */
int get_objective(struct loader *L, const cJSON *page, struct lesson_objective *o, int *dim);
void lesson_objective_done(struct lesson_objective *o);
/* The points of a data objective's part (CHALLENGE_ON_*: training, validation, test). */
size_t lesson_part_points(const struct lesson_objective *o, int part);
/* The page's "start" (p->dim numbers), where its runs start. */
void get_page_start(struct loader *L, const cJSON *po, struct lesson_page *p, int required,
		    const char *what);
/* The claims of a page, "check": [{...}, ...]. */
void get_claims(struct loader *L, const cJSON *page, struct lesson_page *p, int dim,
		int has_obj);
/* "minimum", "maximum", "saddle", "degenerate": enum cp_kind, or -1. */
int cp_kind_from(const char *s);

/*
 * What descent and network pages share (page-descent.c): their "runs",
 * "steps", "schedule", "noise", "seed" and "batch"; freeing them; on
 * entering one, the page's settings and its runs; and where run i starts.
 */
void read_runs(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what);
void descent_free(struct lesson_page *p);
void descent_enter(struct lesson_runner *r);
const double *lesson_run_start(const struct lesson_page *p, int i);

/*
 * Appends fmt to out at *len, bounded by size, counting what it would
 * take (page-note.c): the page_text of kinds, measured then written.
 */
void page_put(char *out, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Gives buf (n bytes, malloc'd; freed here) to out as a string, bounded
 * by size; returns n, or 0 for a NULL buf.
 */
size_t page_give(char *buf, size_t n, char *out, size_t size);

/* --- the checker's helpers (lesson-check.c) --------------------------- */

struct checker;

/* What the checker knows of a page when its kind checks it. */
struct check_env {
	struct objective *o;
	int n;                          /* its dimension */
	struct region r;                /* the page's region */
	const struct critical_point *cp;        /* when the kind needs them, */
	int ncp;                        /*   else -1 */
	const struct cp_search *search; /*   and how they were found (or NULL) */
};

/*
 * The gradient (g, n values) and the Hessian's eigenvalues (lambda, n
 * values, increasing) of o at x; n from 1 to 8.
 */
void check_point_derivs(struct objective *o, const double *x, int n, double *g,
			double *lambda);
/*
 * For a quadratic bowl of 1 or 2 variables on region r (analysis_quadratic):
 * v[0 .. LESSON_RATES) its rates in the order of lesson_rate_names, then
 * lmin and lmax, and 0; or -1 with why ("not a quadratic ...") when it is
 * none.  rate_texts names each in words with its formula (N_(): shown
 * with _()).
 */
extern const char *const rate_texts[LESSON_RATES];
int check_quadratic_rates(struct objective *o, const struct region *r, double *v,
			  char *why, size_t size);
/*
 * A loss goal's batch size and init, by index, as the learner types them
 * after the optimizer and rate: " batch 8 init zeros", the ones the page
 * lets the learner choose; "" for a goal point.
 */
void challenge_setting_text(const struct lesson_page *p, int batch, int init, char *buf,
			    size_t size);
/* A challenge page's settings besides the rate ("params"), into c for its optimizer. */
void challenge_params(const struct lesson_page *p, struct run_config *c);
/* Reports a wrong statement of the file at line:column. */
void check_wrong(struct checker *k, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The members a claim may have, NULL-ended. */
extern const char *const lesson_claim_fields[];
/* The page's kind checked its question's answer against the engine's. */
void check_verified(struct checker *k);
/*
 * Charges the work w to the chapter's budget (LESSON_CHECK_BUDGET) before
 * it is done: 0 when it fits in what is left; else -1 after an error at
 * line:column that says "checking SUBJECT would pass the checker's
 * budget", what w needs and what to change, the first of advice (at most
 * two) and, as they apply, fewer data points and moving pages to another
 * chapter.  Then nothing more of the chapter is checked.  subject and
 * the advice are shown as given: translated (_("this page")).
 */
struct check_work;
int check_charge(struct checker *k, int line, int column, const char *subject,
		 const struct check_work *w, const char *advice0, const char *advice1);
/* Whether a claimed b is a within tol: relative, absolute below 1. */
int check_near(double a, double b, double tol);
/* "(1.5, -2)" or "1.5", with 6 significant digits, and 0 for tiny noise. */
void check_fmt_point(char *buf, size_t size, const double *x, int n);
double check_fmt_value(double v);
/* Lists up to 6 critical points for a message. */
void check_list_points(char *buf, size_t size, const struct critical_point *cp, int n,
		       int dim);
double check_value_at(struct objective *o, const double *x);
/* Reports that what (a claim, an answer: translated) cannot be proved from search s. */
void check_inconclusive(struct checker *k, int line, int column, const char *what,
			const struct cp_search *s);
/* The lowest critical point that may be a minimum, or -1. */
int check_lowest_critical(const struct critical_point *cp, int ncp);

/* --- the checker's budget (lesson-budget.c) --------------------------- */

/*
 * A piece of the checker's work, counted as descent-lessons(5) says
 * under Limits: in evaluations of the page's objective at a point, each
 * counting the number of its data points (1 for a function), at the
 * work's worst, so that the count is known before the work is done and
 * does not depend on its results.  `what` says how it was counted, for
 * the message of check_charge ("it needs up to 119 runs of 100000
 * steps").
 */
struct check_work {
	unsigned long long evals;
	unsigned long long per_eval;    /* data points, or 1 */
	char what[128];
};

/* a * b, or ULLONG_MAX when it overflows */
unsigned long long work_mul(unsigned long long a, unsigned long long b);
/*
 * runs runs of steps steps each (a challenge's tries, a claim's run), each
 * step up to evals evaluations (opt_step_evals of the runs' optimizers)
 */
void work_runs(struct check_work *w, const struct lesson_page *p, long runs, long steps,
	       int evals);
/* analysis_critical_points of an objective of n variables, with its default starts */
void work_critical_points(struct check_work *w, const struct lesson_page *p, int n);
/* analysis_region_min, and f at a point (a global minimum claim, a numeric answer) */
void work_region_min(struct check_work *w, const struct lesson_page *p, int n);
/* analysis_convexity with an nx by ny grid (ny unused when n is 1) */
void work_convexity(struct check_work *w, const struct lesson_page *p, int n, int nx, int ny);
/* f at one point (a value claim, a numeric answer) */
void work_value(struct check_work *w, const struct lesson_page *p);

/* --- the runner's helpers (lesson-runner.c) --------------------------- */

/* Records an attempt on the current page and its result, and says so. */
enum answer runner_judge(struct lesson_runner *r, int right, const char *why);
/*
 * Reads up to max constants separated by commas ("1.5, -2", "pi/2") from
 * a typed answer into v, their count into *n; returns 0, or -1 with the
 * reason kept for runner_invalid_text.
 */
int runner_read_vector(struct lesson_runner *r, const char *text, double *v, int max, int *n);
/* The current page (r->page >= 0). */
#define RUNNER_PAGE(r) (&(r)->c->pages[(r)->page])

/* --- the state directory (lesson-state.c), for the progress store ----- */

/* The part of path after its last '/' (borrowed). */
const char *state_base_name(const char *path);
/* The part of path before its last '/'; the caller frees it. */
char *state_dir_name(const char *path);
/* dir (its trailing slashes dropped), then tail; the caller frees it. */
char *state_path_join(const char *dir, const char *tail);
/* The default progress file, from XDG_STATE_HOME or HOME, or NULL. */
char *state_default_path(void);
/* Makes dir and its parents (mode 0700), like mkdir -p; 0 or -1 (errno). */
int state_make_dirs(const char *dir);
/* Whether dir exists or could be made, making nothing; 0 or -1 (errno). */
int state_can_make_dirs(const char *dir);
/* Writes all of buf to fd; 0 or -1 (errno). */
int state_write_all(int fd, const char *buf, size_t len);
/* Renames path aside to PATH.bad-STAMP[-N]; the new name, or NULL (errno). */
char *state_move_aside(const char *path);

/*
 * v for an answer key: as strtod reads it back exactly, and a whole
 * number in plain digits (100, not 1e+02).
 */
void key_number(char *buf, size_t size, double v);

/* --- page kinds (lesson-kind.c, page-NAME.c) -------------------------- */

/*
 * A kind of page: one entry of the table, in its own file.  Every hook
 * but read may be NULL.
 */
struct page_kind_def {
	const char *name;
	/* its members, beyond kind, title, body, hint, explain and check */
	const char *const *members;
	unsigned flags;                 /* PK_* */
	/*
	 * Reads the kind's own members of po into p, after the common ones
	 * and (with PK_OBJECTIVE or PK_MAY_OBJECTIVE) the objective and the
	 * region; `what` names the page in messages ("a quiz page").
	 */
	void (*read)(struct loader *L, const cJSON *po, struct lesson_page *p, const char *what);
	void (*free)(struct lesson_page *p);
	/* what the page asks its figure to show (PLOT_OV_* bits), and where the tangent touches */
	unsigned (*show)(const struct lesson_page *p, double *tangent_x);
	/* marks what the page states on its figure (a challenge's start and goal) */
	void (*view)(const struct lesson_page *p, struct plot_fig *fig);
	/* whether check needs the engine's critical points of the region */
	int (*needs_points)(const struct lesson_page *p);
	/*
	 * proves what the kind states (an answer, a target, a goal); work
	 * that evaluates the objective beyond e is charged first, with
	 * check_charge, and not done when that fails
	 */
	void (*check)(struct checker *k, const struct lesson_page *p, const struct check_env *e);
	/* the runner enters a page of this kind (r->obj is built) */
	void (*enter)(struct lesson_runner *r);
	/* the question on a line of text (runner_prompt, and so on) */
	int (*prompt)(const struct lesson_runner *r, char *buf, size_t size);
	enum answer (*answer_text)(struct lesson_runner *r, const char *line);
	void (*invalid_text)(const struct lesson_runner *r, char *buf, size_t size);
	size_t (*page_text)(const struct lesson_runner *r, int width, int utf8, char *out,
				size_t size);
	/*
	 * the answer key (runner_key): a typed answer the page judges
	 * right, and one it judges wrong; -1 when there is none
	 */
	int (*key)(struct lesson_runner *r, char *right, size_t rsize, char *wrong,
		   size_t wsize);
};

enum {
	PK_OBJECTIVE = 1 << 0,          /* a "function" or "data" is required */
	PK_MAY_OBJECTIVE = 1 << 1,      /* one is allowed */
	PK_FIGURE = 1 << 2,             /* the page draws its objective */
	PK_ASKS = 1 << 3,               /* it asks a question */
	PK_RUNS = 1 << 4,               /* it has runs that claims may name */
	PK_BODY = 1 << 5,               /* "body" is required */
	PK_ANY_DIM = 1 << 6,            /* its objective may have more than 2 variables */
	PK_ROLLS = 1 << 7,              /* in 1D, its runs roll a ball with its tangent */
	PK_CHECKS_ALONE = 1 << 8,       /* its check proves something without an objective */
	PK_NETWORK = 1 << 9,            /* claims about a network's training belong on it */
};

/*
 * The line of a barrier claim on network page p: "start", "swap:L:J:K"
 * (L a hidden layer of the page's mlp model, J and K two of its units)
 * or "run:K" (a run of the page): 0, or -1 with why (": ...") filled.
 */
int network_line_check(const struct lesson_page *p, const char *to, char *why, size_t size);

/* The kinds of page-kinds.def, then those registered. */
#define PAGE_KIND_MAX (PAGE_KIND_COUNT + 8)
#define PAGE_KIND(K, name) extern const struct page_kind_def page_kind_##name;
#include "descent/page-kinds.def"
#undef PAGE_KIND
/* Kind k's entry, or NULL. */
const struct page_kind_def *page_kind_of(int k);
/* The kind named name, or -1. */
int page_kind_find(const char *name);
/* The names of every kind, NULL-ended, for "did you mean". */
const char *const *page_kind_names(void);
/*
 * Adds a kind to the table (a kind outside the library, as a test
 * makes); its pages keep their own data in p->data.  Returns its number,
 * or -1 when the table is full or the name is taken.
 */
int page_kind_register(const struct page_kind_def *k);

/*
 * The progress store (lesson-progress.c) counts the ids it compares when
 * it looks a chapter up, so that a test can prove lookups do not scan.
 */
extern unsigned long progress_id_compares;

#endif
