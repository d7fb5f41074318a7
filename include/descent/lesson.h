/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson.h - the course: chapters read from JSON files (the format is in
 * descent-lessons(5)), validated with exact file:line:column locations,
 * their claims proved by the engine; the page runner that the terminal UI
 * and the plain-text mode both drive; the learner's progress, kept on
 * disk atomically; and the text of pages, wrapped and shown in ASCII when
 * the terminal cannot show Unicode.
 *
 * Nothing here knows of ncurses.
 */
#ifndef DESCENT_LESSON_H
#define DESCENT_LESSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "descent/analysis.h"
#include "descent/diag.h"
#include "descent/optim.h"
#include "descent/plot.h"

/* --- the model -------------------------------------------------------- */

/*
 * Page kinds.  A kind is one entry of the table in src/lesson/lesson-kind.c
 * (its name, its members, its reader, the checker of its claims, its
 * question) with its own file src/lesson/page-NAME.c, and one entry of the
 * matching table of the terminal UI.  To add a kind:
 *   1. a line in include/descent/page-kinds.def;
 *   2. its data, when it has any, as a struct below and a member of the
 *      union of struct lesson_page;
 *   3. src/lesson/page-NAME.c, exporting `const struct page_kind_def
 *      page_kind_NAME` (src/lesson/lesson-int.h says what it fills);
 *   4. its side of the terminal UI (src/ui);
 *   5. its members in descent-lessons(5).
 * Nothing else switches on kinds.
 */
enum page_kind {
#define PAGE_KIND(K, name) PAGE_##K,
#include "descent/page-kinds.def"
#undef PAGE_KIND
	PAGE_KIND_COUNT
};
/* The kind's name in lesson files ("quiz"), or "?". */
const char *page_kind_name(enum page_kind k);
/* Whether pages of kind k ask a question (and count in "1/3 right"). */
int page_kind_asks(enum page_kind k);
/* Whether pages of kind k show their objective as a figure. */
int page_kind_has_figure(enum page_kind k);


/*
 * The objective of a page: an expression in named variables, or a data
 * objective (points with named columns, a model and a loss).
 */
struct lesson_objective {
	char *function;                 /* the expression, or NULL */
	char *vars[2];                  /* declared variables, or NULL: collected */
	int nvars;
	/* a data objective */
	char *model;                    /* NULL unless data */
	char *columns[8];
	int ncolumns;
	double *points;                 /* npoints rows of ncolumns */
	size_t npoints;
	enum loss loss;
	int fline, fcolumn;             /* where "function" (or "model") starts */
	/* a data objective's "l2" penalty and "split" into training, validation
	 * and test parts (fractions of the points), seeded by seed: the page's */
	double l2;
	double split[2];
	int has_split;
	uint64_t seed;
	char *set;                      /* the built-in set it was drawn from, or NULL */
};

/* One run of a descent page: an optimizer and its parameters. */
struct lesson_run {
	const struct optimizer *opt;
	struct opt_params params;
	char label[64];
	double start[8];                /* its own start, when nstart > 0 (else the page's) */
	int nstart;
	/* its own noise, seed and mini-batch size, when has_* (else the page's) */
	int has_noise, has_seed, has_batch;
	double noise;
	uint64_t seed;
	size_t batch;                   /* 0: every example */
	/* a network page: its "init" (or NULL: the page's), and where it starts
	 * (the model's dimension), drawn from its init and seed when loaded */
	char *init;
	double *wstart;
};

/*
 * The rates of a quadratic bowl that a "rates" claim states and a numeric
 * answer may be: "limit" (2/lmax), "best" (2/(lmin + lmax)), "condition"
 * (lmax/lmin), "momentum_lr" ((2/(sqrt(lmin) + sqrt(lmax)))^2) and
 * "momentum_beta" (((sqrt(k) - 1)/(sqrt(k) + 1))^2, k the condition): the
 * heavy ball's fastest pair.
 */
#define LESSON_RATES 5
extern const char *const lesson_rate_names[LESSON_RATES];

/* A claim that a page makes, which lesson_check proves. */
enum claim_kind {
	CLAIM_CRITICAL_POINTS,  /* exactly these points, kinds and values */
	CLAIM_GLOBAL_MINIMUM,   /* the lowest minimum is here, with this value */
	CLAIM_CONVEX,           /* convex, or not, on the region */
	CLAIM_CONVERGES_TO,     /* the page's run (runs[0]) converges to a point */
	CLAIM_DIVERGES,         /* the page's run diverges */
	CLAIM_STOPS_AT,         /* the run converges to a point of a kind */
	CLAIM_VALUE,            /* f at a point has this value */
	CLAIM_GRADIENT,         /* the gradient (f' in 1D) at a point */
	CLAIM_EIGENVALUES,      /* the Hessian's eigenvalues at a point */
	CLAIM_RATES,            /* a quadratic's rate limit, best rate, condition */
	CLAIM_FINAL_VALUE,      /* the run ends (not diverged) where f has this value */
	CLAIM_CONVERGES_IN,     /* the run converges at exactly this step */
	CLAIM_AT_STEP,          /* the run's point, f and |grad f| after a step: a row */
	/* network pages */
	CLAIM_FINAL_LOSS,       /* the run's training, validation and test losses at its end */
	CLAIM_SHARPNESS,        /* the largest eigenvalue of the Hessian where the run ends */
	CLAIM_CENSUS,           /* the critical points found from starts: counts as ranges */
	CLAIM_BARRIER,          /* the highest point on a line from the run's end, above its ends */
	CLAIM_LOWEST_VAL,       /* the step where the run's validation loss is lowest, and it */
};

/* The ranges of a census claim: counts of minima, saddles and maxima, the
 * minima's losses, the saddles' indices. */
enum { CENSUS_MINIMA, CENSUS_SADDLES, CENSUS_MAXIMA, CENSUS_LOSS, CENSUS_INDEX,
       CENSUS_RANGES };
#define CENSUS_MAX_STARTS 64

/*
 * The limits of a lesson file, which the loader enforces with an error at
 * the member that passes one, so that opening or checking a chapter is
 * bounded work (descent-lessons(5), Limits).  LESSON_MAX_FILE is with
 * lesson_load, LESSON_CHECK_BUDGET with lesson_check.
 */
#define CLAIM_MAX_POINTS 32             /* points of a claim */
#define LESSON_MAX_CLAIMS 32            /* claims of a page */
#define LESSON_MAX_STEPS 100000         /* a descent's "steps", a challenge's goal "steps" */
#define LESSON_MAX_PACE 4000          /* a descent's "pace", steps a second */
#define LESSON_MAX_ROWS 10000           /* points of a data objective */

struct claim {
	enum claim_kind kind;
	int line, column;
	int npoints;
	double x[CLAIM_MAX_POINTS][8];  /* points: up to 8 coordinates */
	double f[CLAIM_MAX_POINTS];
	int has_f[CLAIM_MAX_POINTS];
	int cpkind[CLAIM_MAX_POINTS];   /* enum cp_kind, or -1: any */
	int pline[CLAIM_MAX_POINTS], pcolumn[CLAIM_MAX_POINTS]; /* each point's place */
	int convex;
	double tolerance;
	int run;                        /* run claims: which run of the page */
	double at[8];                   /* gradient, eigenvalues: the point, */
	double vals[8];                 /*   and the values claimed there */
	int nvals;
	long steps;                     /* converges_in, at_step: the step */
	int has_at, has_gnorm;          /* at_step: the point given; |grad f| given */
	double gnorm;                   /*   |grad f| there */
	double rate[LESSON_RATES];      /* rates (lesson_rate_names): 2/lmax, */
	int has_rate[LESSON_RATES];     /*   2/(lmin + lmax), lmax/lmin, momentum's */
					/*   best lr and beta; those claimed */
	double loss[3];                 /* final_loss: training, validation, test, */
	int has_loss[3];                /*   those claimed (lowest_val: at its step) */
	double range[CENSUS_RANGES][2]; /* census: its ranges (starts in steps), */
	int has_range[CENSUS_RANGES];   /*   those claimed */
	char to[32];                    /* barrier: "start", "swap:L:J:K" or "run:K" */
};

/* Locate targets. */
enum locate_target {
	TARGET_MINIMUM, TARGET_GLOBAL_MINIMUM, TARGET_MAXIMUM, TARGET_SADDLE, TARGET_POINT,
};

#define LESSON_MAX_RUNS 8               /* runs of a descent page */
#define LESSON_MAX_CHOICES 16

/* What each kind of page holds of its own (the union of struct lesson_page). */
struct page_note {
	char *label;                    /* the box's title, or NULL: "Note" */
	char *remark;                   /* the boxed text */
};

struct page_plot {
	unsigned show;                  /* the overlays asked for: PLOT_OV_* bits (plot.h) */
	double tangent;                 /* where the tangent touches, with PLOT_OV_TANGENT */
	double chord[2];                /* 1D: a chord from chord[0] to chord[1] */
	int has_chord;
	int live_chord;                 /*   "controls": ["chord"]: the learner moves it */
};

struct page_descent {
	struct lesson_run runs[LESSON_MAX_RUNS];
	int nruns;
	long steps;
	char *schedule;                 /* as sched_parse reads it, or NULL */
	double noise;
	uint64_t seed;
	size_t batch;                   /* data objectives: the mini-batch size; 0: all */
	unsigned controls;              /* what the learner may change: bit k for */
					/*   run_setting k, LESSON_CONTROL_START the start */
	int interactive;                /* controls is not 0 */
	long pace;                      /* steps a second when played; 0: from steps */
	/* "record": a recorded run beside the chapter gives runs[0], its start and settings */
	char *record;                   /* its path, or NULL */
	double record_end[8];           /*   where its run ended, */
	enum run_outcome record_outcome;        /*   how, */
	long record_step;               /*   and at which step */
	/* a network page: how its runs start ("glorot", "const:0.5"...; NULL:
	 * glorot), or the start it gives ("start": any length), in wstart */
	char *init;
	double *wstart;
};

/* The bit of a descent page's controls for the start point. */
#define LESSON_CONTROL_START (1u << RUN_SET_COUNT)

struct page_quiz {
	char *choices[LESSON_MAX_CHOICES];
	char *feedback[LESSON_MAX_CHOICES];     /* what picking choice i reveals, or NULL */
	int nchoices;
	unsigned answers;               /* bit i for a right choice i */
};

struct page_numeric {
	double answer, tolerance;
	int verify;                     /* the engine computes the answer: */
	double verify_at[8];            /*   at this point ... */
	int verify_kind;                /*   VERIFY_* */
	int verify_which;               /*   eigenvalue: 0 smallest, 1 largest; rate: 0-4 */
	char *verify_component;         /*   derivative: the variable, or NULL (the first) */
	double wrong[LESSON_MAX_CHOICES];       /* expected wrong answers, */
	char *wrong_feedback[LESSON_MAX_CHOICES];       /*   what each reveals */
	int wrong_line[LESSON_MAX_CHOICES], wrong_column[LESSON_MAX_CHOICES];
	int nwrong;
};

enum {
	VERIFY_VALUE,                   /* f at a point */
	VERIFY_GLOBAL_MINIMUM,          /* the lowest minimum's value */
	VERIFY_DERIVATIVE,              /* a component of the gradient at a point */
	VERIFY_EIGENVALUE,              /* the Hessian's smallest or largest eigenvalue */
	VERIFY_RATE,                    /* a quadratic bowl's limit, best rate or condition */
};

struct page_locate {
	enum locate_target target;
	double point[2];                /* TARGET_POINT */
	double tolerance;               /* how near the cursor must be */
};

#define CHALLENGE_MAX_CHOICES 8
enum { CHALLENGE_ON_TRAIN, CHALLENGE_ON_VAL, CHALLENGE_ON_TEST };
struct page_challenge {
	const struct optimizer *allowed[16];
	int nallowed;
	double lr_min, lr_max;
	int preset;                     /* the setting shown first: allowed[preset] */
	double preset_lr;               /*   at this rate; it must not win */
	double goal[2];
	double within;
	long max_steps;
	struct opt_params params;       /* the settings besides the rate ("params"), */
	unsigned params_set;            /*   bit k for opt_param k: for the optimizers */
					/*   that have it */
	/*
	 * A goal of loss (a model fitted to data, a network): the run's loss
	 * on a part of the data (CHALLENGE_ON_*) at most goal_loss, from a
	 * start drawn from one of inits (when the model is a network) with
	 * seed, in mini-batches of one of batches (0: all the examples).
	 */
	int loss_goal;
	double goal_loss;
	int on;
	size_t batches[CHALLENGE_MAX_CHOICES];
	int nbatches;
	char *inits[CHALLENGE_MAX_CHOICES];
	int ninits;
	uint64_t seed;
};

/*
 * A map page: a hyperparameter map (analysis_map) of the page's
 * optimizer from its start, over one or two of its settings; the learner
 * moves a cursor over the cells, sees each cell's run, and points at the
 * fastest setting or the edge of divergence.
 */
enum map_target { MAP_TARGET_FASTEST, MAP_TARGET_EDGE };
#define LESSON_MAP_CELLS 200            /* per axis */
#define LESSON_MAP_WORK 4000000         /* a map's cells times its steps */
struct page_map {
	const struct optimizer *opt;
	struct opt_params params;       /* the settings off the axes */
	struct map_axis axis[2];        /* the settings across, and down */
	int naxes;
	long steps;                     /* each run's step limit */
	enum map_target target;
	int tolerance;                  /* how many cells off the answer may be */
};

/*
 * A formula page: the learner types an expression, equivalent to the
 * answer when the two agree at FORMULA_POINTS points of the variables'
 * intervals (page-formula.c has the rule).
 */
#define FORMULA_MAX_VARS 8
#define FORMULA_MAX_ALIASES 16
#define FORMULA_POINTS 64               /* points compared */
#define FORMULA_MIN_POINTS 48           /* of them where the answer is finite */
enum formula_of {
	FORMULA_ANY,                    /* the answer as written */
	FORMULA_DERIVATIVE,             /* f' of a function of one variable */
	FORMULA_GRADIENT,               /* one component of the gradient */
	FORMULA_GD_STEP,                /* one component of a gradient step */
	FORMULA_COST,                   /* the cost of the page's data */
};
struct page_formula {
	char *answer;                   /* the right expression */
	char *vars[FORMULA_MAX_VARS];   /* its variables, */
	int nvars;
	double lo[FORMULA_MAX_VARS], hi[FORMULA_MAX_VARS];      /* sampled in [lo, hi] */
	char *alias[FORMULA_MAX_ALIASES];       /* other spellings, */
	int alias_of[FORMULA_MAX_ALIASES];      /*   of these variables */
	int naliases;
	char *wrong[LESSON_MAX_CHOICES];        /* expected wrong answers, */
	char *wrong_feedback[LESSON_MAX_CHOICES];       /* what each reveals */
	int wrong_line[LESSON_MAX_CHOICES], wrong_column[LESSON_MAX_CHOICES];
	int nwrong;
	enum formula_of of;             /* what the answer is, which --check proves */
	char *engine;                   /*   the engine's own answer, as text */
	int component;                  /*   gradient, step: the variable */
	double lr;                      /*   step: the learning rate */
};

struct lesson_page {
	enum page_kind kind;
	int line, column;               /* where the page's object starts */
	char *id;                       /* its stable id, or NULL: progress by number */
	int broken;                     /* it did not load (a partial chapter's page) */
	double *unproved;               /* numbers its text states that need no proof */
	int nunproved;
	double levels[16];              /* 2D: the contour levels the text names */
	int nlevels;                    /*   (0: chosen by the plot) */
	char *title, *body, *hint, *explain;
	char *question;                 /* the pages that ask one */
	struct lesson_objective obj;    /* pages with a function or data */
	int dim;                        /*   its number of variables (0: none) */
	double x[2], y[2];              /* the region; y unused in 1D */
	int have_x, have_y;
	double start[8];                /* where runs start (descent, challenge) */
	int nstart;
	struct claim *claims;
	int nclaims;
	int aline, acolumn;             /* the answer, target or goal, in the file */
	union {                         /* the kind's own, by p->kind */
		struct page_note note;
		struct page_plot plot;
		struct page_descent descent;
		struct page_quiz quiz;
		struct page_numeric numeric;
		struct page_locate locate;
		struct page_challenge challenge;
		struct page_formula formula;
		struct page_map map;
		void *data;             /* a kind registered outside the library */
	};
};

/* The newest chapter format this descent reads (a chapter's "format"). */
#define LESSON_FORMAT 1
struct lesson_chapter {
	char *file;
	char *id, *title, *summary;
	int order;
	int id_line, id_column, order_line, order_column;
	struct lesson_page *pages;
	int npages;
	int partial;                    /* loaded with errors: some pages are broken */
	char lang[16];                  /* its language directory ("fr"), or "" */
};

/*
 * Reads a chapter from text (len bytes; name is the file name used in
 * messages).  Every problem found is added to ds with its location: JSON
 * syntax, then the schema (missing and unknown fields, with a "did you
 * mean" for near misses, wrong types, values out of range), and the
 * expressions in it.  Returns the chapter, or NULL when there was an
 * error.  Free with lesson_chapter_free.
 */
struct lesson_chapter *lesson_parse(const char *text, size_t len, const char *name,
				    struct diags *ds);
/* Reads the file path (at most LESSON_MAX_FILE bytes) and parses it. */
#define LESSON_MAX_FILE (1 << 20)
struct lesson_chapter *lesson_load(const char *path, struct diags *ds);
/*
 * For lessons --check: a chapter that does not load, with the pages that
 * did (the others marked broken, c->partial set), so that their claims
 * can be proved in the same pass; NULL when the file is not a chapter at
 * all (not JSON, no pages).  The errors go to ds as with lesson_load.
 */
struct lesson_chapter *lesson_load_partial(const char *path, struct diags *ds);
struct lesson_chapter *lesson_parse_partial(const char *text, size_t len, const char *name,
					    struct diags *ds);
void lesson_chapter_free(struct lesson_chapter *c);

/*
 * Proves the claims of chapter c with the analysis and the optimizers,
 * and checks that each numeric answer that the engine can compute and
 * each locate target exist.  Wrong claims are errors in ds, at the
 * claim.  Returns the number of errors added.
 *
 * The work is counted in evaluations of the objective, a data objective's
 * counting once per data point, and charged before it is done at its
 * worst (a run at its step limit); the work of a chapter may not pass
 * LESSON_CHECK_BUDGET.  The piece of work that would pass it is not done:
 * it is an error at its page or claim, and checking the chapter stops
 * there.  So a chapter gets the same verdict on every machine, and no
 * chapter takes long to check.  lesson_check_spent also tells the work
 * charged, into *spent.
 */
#define LESSON_CHECK_BUDGET 20000000ULL
/*
 * The evaluations a lesson's search for critical points may use (its
 * cp_options.budget), in one variable and in two: the checker charges
 * them before the search, and a locate page's runner searches with the
 * same, so that the learner is judged against the points checked.
 */
#define LESSON_SEARCH_EVALS(n) ((n) == 1 ? 100000LL : 500000LL)
int lesson_check(const struct lesson_chapter *c, struct diags *ds);
int lesson_check_spent(const struct lesson_chapter *c, struct diags *ds,
		       unsigned long long *spent);
/*
 * What lesson_check_stats tells of a chapter besides its errors: the work
 * charged, and its questions (pages that ask), of which the engine
 * verified the answer: a numeric answer with "verify", a formula that
 * says what it is (derivative_of...), a locate target of a kind, a
 * challenge that some allowed setting meets.  The answer of a question
 * that could be verified and is not (a numeric answer without "verify", a
 * formula without what it is, a locate target given as a point) gets a
 * warning in ds; a quiz's cannot be.
 */
/*
 * Warns (in ds) about each number that a page's text states and that no
 * value of the chapter covers: not a claim's, an answer's, a setting of
 * a page or a number of its expressions, nor in the page's "unproved"
 * (lesson-numbers.c has the rule).  Returns the warnings added.
 */
int lesson_check_numbers(const struct lesson_chapter *c, struct diags *ds);
struct lesson_check_stats {
	unsigned long long spent;
	int questions, verified;
};
int lesson_check_stats(const struct lesson_chapter *c, struct diags *ds,
		       struct lesson_check_stats *st);

/*
 * Builds the objective of a page (free with objective_free), or NULL with
 * err filled (a page that was validated does not fail).
 */
struct objective *lesson_objective(const struct lesson_page *p, struct diag *err);
/*
 * Whether page p's model is a network ("mlp:..."): 1 with it read into
 * net, or 0.
 */
struct expr_mlp;
int lesson_page_network(const struct lesson_page *p, struct expr_mlp *net);
/*
 * The held-out parts of a page whose data has a "split": its validation
 * and test objectives (the loss alone, no penalty) into *val and *test,
 * NULL when the page has no split.  0, or -1 with err filled.
 */
int lesson_objective_parts(const struct lesson_page *p, struct objective **val,
			   struct objective **test, struct diag *err);

/*
 * Starts run i of descent page p on o (the page's objective), as the
 * learner watches it and its claims are proved: its optimizer and
 * parameters, the learning rate times lr_factor, the page's steps,
 * schedule, noise and seed, from start, or when start is NULL from its
 * own start or the page's.  Returns NULL when it cannot start.
 */
struct run *lesson_run_new(const struct lesson_page *p, int i, struct objective *o,
			   double lr_factor, const double *start);
/* The settings of run i of descent page p: what lesson_run_new starts it with. */
void lesson_run_config(const struct lesson_page *p, int i, struct run_config *c);

/* --- the course --------------------------------------------------------- */

/* A chapter found again in a later directory of the search path. */
struct lesson_shadow {
	char *id;
	char *file;                     /* the file left out */
	char *by;                       /* the file of the chapter taken */
};

struct lesson_course {
	struct lesson_chapter **chapters;       /* sorted by order */
	int n;
	char **broken;                          /* files that did not load */
	int nbroken;
	struct lesson_shadow *shadowed;         /* ids found twice: the later files */
	int nshadowed;
	int *from;                              /* chapters[i] came from dirs[from[i]] */
};

/*
 * The lesson search path (descent(1), FILES): the directories given
 * (--lessons DIR, each; else those of $DESCENT_LESSONS, separated by
 * ':'), then $XDG_DATA_HOME/descent/lessons (default
 * ~/.local/share/descent/lessons), then descent/lessons under each
 * directory of $XDG_DATA_DIRS (default /usr/local/share:/usr/share),
 * then the course itself: the source tree's lessons/ when the program
 * runs from its build tree, else the installed one.  With only, the
 * given directories alone (--lessons-only).  Directories are taken once,
 * by their real path; the XDG ones are left out when they do not exist,
 * while a given one or the course's must be read (required).
 */
#define LESSON_MAX_DIRS 32
#define LESSON_MAX_LANGS 8
struct lesson_dirs {
	char *dir[LESSON_MAX_DIRS];
	int required[LESSON_MAX_DIRS];
	int n;
	/* the learner's languages, best first (lesson_languages) */
	char lang[LESSON_MAX_LANGS][16];
	int nlang;
};
/* Fills d, with the learner's languages (lesson_languages). */
void lesson_dirs_find(struct lesson_dirs *d, const char *const *given, int ngiven, int only);
void lesson_dirs_done(struct lesson_dirs *d);
/* "A", "A and B", "A, B and C": the directories (text_safe), for messages. */
char *lesson_dirs_text(const struct lesson_dirs *d, const int *used);
/*
 * The learner's languages for chapters, best first, as gettext chooses
 * the messages' (descent-lessons(5), TRANSLATIONS): the entries of
 * $LANGUAGE, then the locale of LC_MESSAGES, each as "ll_CC" and "ll"
 * ("fr_FR.UTF-8" gives "fr_FR", "fr"); none in the C or POSIX locale.
 * A name that is not letters with one '_' is left out.  Returns how many
 * (at most max).
 */
int lesson_languages(char (*lang)[16], int max);
/* The same for the locale name loc and the value list of $LANGUAGE (may be NULL). */
int lesson_languages_of(const char *loc, const char *list, char (*lang)[16], int max);
/* Whether name is a language directory's: "fr", "pt_BR" (2 or 3 letters, an optional _CC). */
int lesson_is_language(const char *name);
/*
 * Compares the translation at path (DIR/LANG/NAME.json) with its original,
 * DIR/NAME.json: the same id and order, the same pages by id, in the same
 * order and of the same kinds, and every member the same but the text
 * (title, summary, body, question, hint, explain, feedback, remark, label,
 * text).  Each difference is a warning in ds, at the translation's page.
 * Returns the number of warnings; 0 too when path is not in a language
 * directory, or its original is missing or is not valid JSON.
 */
int lesson_translation_compare(const char *path, struct diags *ds);

/*
 * Loads the chapters of every directory of d in order, each directory's
 * translations in the learner's languages (DIR/LANG/, for each of
 * d->lang) before its own chapters; a translation replaces the chapter
 * of its id in silence.  A chapter whose id an earlier directory has is
 * shadowed (kept in co->shadowed, with the file that wins), not an error; two of one directory, or two sharing an
 * order, are, as lesson_course_load says.  A required directory that
 * cannot be read is an error; returns -1 when none can be read.
 */
int lesson_course_load_dirs(struct lesson_course *co, const struct lesson_dirs *d,
			    struct diags *ds);

/*
 * Loads every *.json file of dir (or the given files): the chapters that
 * load, sorted by order, and the names of those that did not, with all
 * problems in ds, including ids and orders used twice.  One broken file
 * never hides the others.  Free with lesson_course_done.
 */
int lesson_course_load(struct lesson_course *co, const char *dir, const char *const *files,
		       int nfiles, struct diags *ds);
void lesson_course_done(struct lesson_course *co);
/* The chapter with this id, or whose id starts with it, or NULL. */
struct lesson_chapter *lesson_course_find(const struct lesson_course *co, const char *id);
/*
 * The width of the column of languages that the course map and the list
 * of chapters show when a translation is read: the longest language
 * directory's name among the chapters, or 0 when none is a translation.
 */
int lesson_course_lang_width(const struct lesson_course *co);
/* A chapter's language, as that column says it: its directory's, or "en". */
const char *lesson_chapter_lang(const struct lesson_chapter *c);

/*
 * The course's own directory: the source tree's lessons/ when it exists
 * (running from the build tree), else the installed $(pkgdatadir)/lessons.
 * Returns a string the caller frees.
 */
char *lesson_course_dir(void);

/* --- text ----------------------------------------------------------------- */

/*
 * The markup of page text (descent-lessons(5)): paragraphs separated by
 * blank lines, numbered items ("1. "), tables (lines of "| cells |"),
 * fenced blocks ("```" lines) shown line for line, *emphasis*,
 * `code`, and bullet lists ("- " at the start of a line); mathematics in
 * Unicode (∇ θ ² ≤ α ...).
 *
 * text_wrap wraps text to width columns (as the terminal shows them: a
 * wide character two, utf8_columns) into out (a caller's buffer of size
 * bytes), each line ending with '\n': paragraphs filled and separated by
 * one blank line, single newlines inside a paragraph taken as spaces,
 * bullets as "  - " with a hanging indent, a word longer than the width
 * on a line of its own (with the marks French sets after a space, "vrai
 * ?"), a break between wide characters where CJK text has no spaces, and
 * *emphasis* and `code` kept as written (they read well as plain text, in
 * a pipe or to a screen reader).  When utf8 is 0, Unicode mathematics is
 * spelled in ASCII first (text_ascii).  Returns the length of the result,
 * which was written whole when it is less than size (and then followed by
 * a NUL).
 */
size_t text_wrap(const char *text, int width, int utf8, char *out, size_t size);

/* Text with Unicode mathematics spelled in ASCII; the caller frees it. */
char *text_ascii(const char *text);

/* --- the page runner ---------------------------------------------------- */

/*
 * The state machine of a chapter being read, which the terminal UI and
 * the plain-text mode both drive: the current page, its objective and
 * what the engine knows of it (critical points for locate pages, the
 * runs of a descent page), the answers given.  Every change is recorded
 * in the progress (when one is given) and saved at once.
 */
enum answer { ANSWER_RIGHT, ANSWER_WRONG, ANSWER_INVALID };

struct lesson_runner {
	const struct lesson_chapter *c;
	struct progress *prog;          /* may be NULL */
	struct diags *ds;        /* warnings of saving, may be NULL */
	int page;
	struct objective *obj;          /* of the current page, or NULL */
	struct critical_point *cp;      /* locate: the engine's points */
	int ncp;
	struct run *runs[LESSON_MAX_RUNS];
	int nruns;
	char labels[LESSON_MAX_RUNS][64];       /* the runs' names, as they run */
	double start[8];                /* descent: the learner's start for every run, */
	int own_start;                  /*   when they chose one on this page */
	struct run_config cfg[LESSON_MAX_RUNS]; /* descent: each run's settings, the */
					/*   page's until the learner turns them */
	struct objective *val, *test;   /* network: the held-out parts, or NULL; */
	double *curve[LESSON_MAX_RUNS]; /*   the validation loss at each record of run i */
	size_t ncurve[LESSON_MAX_RUNS]; /*   (runner_network_curve), */
	unsigned curve_gen[LESSON_MAX_RUNS], gen;       /*   and the runs it is of */
	const struct lesson_course *course;     /* the course, for a results page; or NULL */
	struct run *challenge;          /* the last attempt at a challenge */
	double chord[2];                /* plot: the chord the learner moves */
	char feedback[320];             /* what the last answer deserved, in words */
	char invalid[512];              /* why the last typed answer was none */
	int invalid_column;             /* formula: where in it, from 1 (0: nowhere), */
	char typed[160];                /*   and what was typed, as it was read (− as -) */
	struct map_result map;          /* map: how each cell's run ended, */
	int map_cell[2];                /*   the cell under the cursor (runs[0] is its run) */
};

void runner_init(struct lesson_runner *r, const struct lesson_chapter *c,
		 struct progress *prog, struct diags *ds);
/*
 * A results page's table (page-results.c): for each chapter of the course
 * (r->course, or the runner's chapter alone), its questions answered
 * right at the first try and its challenges met, of those it has, from
 * the progress; then the totals.  Lines of at most width columns; the
 * length, as snprintf.
 */
size_t runner_results_text(const struct lesson_runner *r, int width, char *out, size_t size);
/*
 * A map page: moves the cursor to cell (i, j) of the map (clamped; j is 0
 * with one axis) and makes runs[0] that cell's run, ended.  Returns 0, or
 * -1 on a page that is not a map.
 */
int runner_map_select(struct lesson_runner *r, int i, int j);
/* Answers a map page with the cell under the cursor. */
enum answer runner_map(struct lesson_runner *r);
/*
 * The picture of the page's map (plot_map): m's axes and cells, with
 * steps (x.n * y.n of them, the caller frees them) in plot_map's terms;
 * -1 on a page that is not a map.
 */
int runner_map_plot(const struct lesson_runner *r, struct plot_map *m, long **steps);
/* "lr 0.0909, beta 0.27: converged in 31 steps", the cursor's cell in words. */
void runner_map_cell_text(const struct lesson_runner *r, char *buf, size_t size);
void runner_done(struct lesson_runner *r);
/* Enters page n (clamped to the chapter), marking it seen; returns it. */
int runner_goto(struct lesson_runner *r, int n);
/* The name the page gives its function: "J" for a model's cost, else "f". */
const char *runner_function_name(const struct lesson_runner *r);
/*
 * The caption of the page's function, for its figure: "f(x, y) = EXPR",
 * or for a data objective "J(w0, w1) = mse of MODEL over N points";
 * empty on a page without a function.
 */
void runner_caption(const struct lesson_runner *r, char *buf, size_t size);
/* The hint of the page, recording that it was used, or NULL. */
const char *runner_hint(struct lesson_runner *r);
/* Answers a quiz: choices is a bit mask of the choices picked. */
enum answer runner_quiz(struct lesson_runner *r, unsigned choices);
enum answer runner_numeric(struct lesson_runner *r, double value);
/*
 * Answers a formula page with the text of an expression, the course's
 * − · × ² and Greek letters read as - * ^2 and their names (r->typed is
 * the text read): ANSWER_INVALID when it does not parse (r->invalid says
 * why, r->invalid_column where in r->typed),
 * else right or wrong; a wrong one gets the feedback of the expected
 * wrong answer it is, or the first point where it differs.
 */
enum answer runner_formula(struct lesson_runner *r, const char *text);
/* Puts the cursor at x (1 or 2 coordinates) on a locate page. */
enum answer runner_locate(struct lesson_runner *r, const double *x);
/*
 * Tries a challenge with optimizer opt (allowed by the page) at learning
 * rate lr: runs it from the page's start; the run stays available in
 * r->challenge.  ANSWER_INVALID when the settings are not allowed.
 */
enum answer runner_challenge(struct lesson_runner *r, const struct optimizer *opt,
			     double lr);
/*
 * The same with a batch size and an init of those the page lists, by
 * their index (a page of a loss goal; 0 and 0 elsewhere).
 */
enum answer runner_challenge_with(struct lesson_runner *r, const struct optimizer *opt,
				  double lr, int batch, int init);
/* Forgets the last attempt of a challenge and its verdict (a new setting). */
void runner_challenge_clear(struct lesson_runner *r);
/* A descent page: restarts its runs from the start. */
void runner_descent_reset(struct lesson_runner *r);
/*
 * Run i of a descent page in words, in two parts, as the plain mode and
 * the full screen show it: head "LABEL: converged at step K,", "LABEL:
 * after K steps," or "LABEL: step K," (still going), and tail "at (X, Y),
 * f = F", its point; or the whole "LABEL: diverged at step K: WHY" in
 * head, with an empty tail.  When left > 0, the run left the figure's
 * view at that step (plot_fig_left_view), and " (left the view at step
 * L)" follows its step.
 */
void runner_run_text(struct lesson_runner *r, int i, long left, char *head, size_t hsize,
		     char *tail, size_t tsize);
/*
 * On an interactive descent page, the learner's own runs: they start
 * again from start, every one of them (each run keeps its settings).
 * Returns 0, or -1 when the page does not offer the start as a control.
 */
int runner_descent_start(struct lesson_runner *r, const double *start);
/*
 * Turns setting k (run_setting) of run i, or of every run when i < 0, one
 * step up (dir > 0) or down, and starts the runs again: the learning rate
 * doubles or halves (1/64 to 64 times the page's), the others move along
 * their ladders (run_setting_step); the labels say what changed.  Returns
 * 0; -1 when the page does not offer k; -2 when k applies to none of the
 * runs (gd has no beta); -3 when none can go further that way.
 */
int runner_descent_turn(struct lesson_runner *r, int i, int k, int dir);
/* The examples of the page's data objective, or 0 for a function. */
size_t runner_examples(const struct lesson_runner *r);
/*
 * A network page's run i where it is now: its training cost (the cost it
 * minimizes, a penalty included), and its validation and test losses
 * (nan without a "split") into loss[0..3).  Returns 0, or -1 when there
 * is no such run.
 */
int runner_network_losses(struct lesson_runner *r, int i, double *loss);
/*
 * A network page's run i with a validation part: the validation loss at
 * each of its records so far (*n of them, borrowed until the runs move
 * on), to draw beside the training cost; NULL without one.
 */
const double *runner_network_curve(struct lesson_runner *r, int i, size_t *n);
/*
 * The loss curves to draw (plot_series, at most max of them): each run's
 * training cost, then with a validation part each one's validation loss
 * (sel < 0), named "LABEL val" (in names, one per run), or run sel's
 * alone, named "val"; "validation" for a page of one run.
 */
int runner_network_series(struct lesson_runner *r, struct plot_series *s, int max,
			  char (*names)[80], int sel);
/*
 * On a plot page whose chord the learner moves: moves its end `end` (0:
 * A, 1: B) a step of a 40th of the region (dir > 0: right); the ends
 * stay in the region and A left of B.  Returns 0, or -1 when the page has
 * no such chord or the end cannot move that way.  runner_chord_text
 * writes what the chord shows: whether the curve rises above it between
 * its ends (the engine's test of the chord rule on 201 points of the
 * chord), where and by how much.
 */
int runner_chord_move(struct lesson_runner *r, int end, int dir);
void runner_chord_text(const struct lesson_runner *r, char *buf, size_t size);
/* Steps every run that is still going; returns how many still are. */
int runner_descent_step(struct lesson_runner *r);
/*
 * Every run one step back (run_back: stepping again repeats the step bit
 * for bit); returns how many moved back (0: all at their start).
 */
int runner_descent_back(struct lesson_runner *r);

/*
 * The page's question for a line of typed text (the plain mode), through
 * its kind: runner_prompt writes the prompt ("Your answer (1-4; h hint, s
 * skip, q quit): ") and returns 1, or returns 0 when the page asks
 * nothing; runner_answer_text judges a typed answer (ANSWER_INVALID when
 * it is not one, with what would be one in runner_invalid_text);
 * runner_page_text writes what the page shows under its body and its
 * question (a quiz's numbered choices, a note's box), wrapped to width,
 * and returns its length, as text_wrap does.
 */
int runner_prompt(const struct lesson_runner *r, char *buf, size_t size);
enum answer runner_answer_text(struct lesson_runner *r, const char *line);
void runner_invalid_text(const struct lesson_runner *r, char *buf, size_t size);
/*
 * The answer key of the page (lessons --key): into right, an answer as
 * the learner would type it that the page judges right (the engine's
 * target, a setting that wins), and into wrong, one it judges wrong (the
 * first of the page's expected wrong answers, when it has some).  Both
 * are put to the page's own judge first, which leaves the runner's
 * feedback empty and records nothing when r has no progress.  Returns 0,
 * or -1 when the page asks nothing or no such answers were found.
 */
int runner_key(struct lesson_runner *r, char *right, size_t rsize, char *wrong, size_t wsize);
size_t runner_page_text(const struct lesson_runner *r, int width, int utf8, char *out,
			    size_t size);

/*
 * The view of the page the runner is on, for the full screen and learn
 * --plain alike (src/lesson/lesson-view.c), so that they draw the same
 * figure.  lesson_page_view takes in po what the front end decides --
 * plot_opts_init, then the size, encoding, colour, trail and arrow --
 * and sets everything the page decides: the region, the overlays wanted
 * (the page's "show"; no critical markers on a locate page, which would
 * give its answer away; shading when po->color), the tangent's point,
 * the ball's tangent on descent and challenge pages, and the caption,
 * written to caption (size bytes; po->title when it is not empty).
 * plot_fig_new then applies the policy of overlays (plot.h).  Returns 0,
 * or -1 when the page has no figure (no objective of 1 or 2 variables).
 * lesson_view_runs draws the page's runs on fig, a figure of that view:
 * the runner's runs with their labels, and a challenge's last attempt
 * as "your attempt", each its points so far and its current one.
 */
struct plot_opts;
struct plot_fig;
int lesson_page_view(const struct lesson_runner *r, struct plot_opts *po, char *caption,
		     size_t size);
void lesson_view_runs(const struct lesson_runner *r, struct plot_fig *fig);
/*
 * The same figure in sentences (plot_fig_describe), with those runs; on
 * a page that asks a question, what is drawn and the runs only, so that
 * the description does not give the answer away.  Free it with free().
 */
char *lesson_view_describe(const struct lesson_runner *r, struct plot_fig *fig);

/* --- progress ---------------------------------------------------------- */

/* What the learner did on one page. */
struct page_progress {
	int seen;
	int attempts;
	int correct;            /* answered right (quiz, numeric, locate) or met (challenge) */
	int hints;
	int first;              /* its first answer was right */
};

/* What the learner did on the page with a stable id. */
struct page_record {
	char *id;
	struct page_progress r;
};

struct chapter_progress {
	char *id;
	struct page_progress *pages;    /* the pages without ids, by number */
	int npages;
	struct page_record *byid;       /* the pages with ids */
	int nbyid, capbyid;
};

/*
 * The chapters are kept in the order they were first recorded (the file's
 * order), in an array that owns their ids and pages; index is a hash
 * table over their ids (open addressing, nindex slots, a power of two at
 * least twice n), each slot 0 or a position in chapters plus one, so that
 * finding a chapter does not scan them all.  It owns nothing but itself.
 */
struct progress {
	struct chapter_progress *chapters;
	int n, cap;                     /* chapters used, allocated */
	int *index;
	size_t nindex;
	char *last_chapter;     /* where the learner left off, or NULL */
	int last_page;
	char *path;             /* the file, or NULL when it cannot be written */
	int warned;             /* a save failed and said so once */
};

/*
 * Loads the progress from $XDG_STATE_HOME/descent/progress.json (default
 * ~/.local/state/descent/), or from path when not NULL.  A missing file is
 * a fresh start; a corrupted or unreadable one is moved aside to
 * progress.json.bad-TIMESTAMP with a warning in ds (and a fresh start);
 * a state directory that cannot be made or written gives one warning, and
 * the course still runs (saving then does nothing).  Never fails.
 */
void progress_load(struct progress *p, const char *path, struct diags *ds);
void progress_done(struct progress *p);
/* The record of page `page` of chapter id, created when missing (never NULL). */
struct page_progress *progress_page(struct progress *p, const char *id, int page);
/*
 * The record of page `page` of chapter c, created when missing (never
 * NULL): kept under the page's id when it has one, so that the learner's
 * record follows the page when pages are added or moved; else by number.
 * A page with an id that has no record under it takes the record of its
 * number, if any (what a descent before page ids wrote), which then moves
 * under the id: the progress migrates as the learner reads.
 */
struct page_progress *progress_page_of(struct progress *p, const struct lesson_chapter *c,
				       int page);
/*
 * A chapter's progress in words, as the course map and descent lessons
 * show it: "new", "3/10 pages", or "3/10 pages, 1/3 right" when it has
 * questions (quiz, numeric, locate and challenge pages).
 */
void progress_chapter_text(struct progress *p, const struct lesson_chapter *c, char *buf,
			   size_t size);
/*
 * How far the learner has got through the course co, for the course
 * map: "2 of 12 chapters read, 1 begun; 61/246 pages" (a chapter read
 * when every page of it was seen), or "12 chapters, 246 pages" before
 * any page.
 */
struct lesson_course;
void progress_course_text(struct progress *p, const struct lesson_course *co, char *buf,
			  size_t size);
/*
 * Sets where the learner is; a page past the last one kept (10000), or
 * negative, is 0, as the file would read it back.
 */
void progress_set_last(struct progress *p, const char *id, int page);
/*
 * Writes the progress atomically (a temporary file in the same
 * directory, fsync, rename, fsync of the directory), with mode 0600.
 * Returns 0, or -1 with a warning in ds (once per progress).
 */
int progress_save(struct progress *p, struct diags *ds);
/* Forgets everything (the file too). */
int progress_reset(struct progress *p, struct diags *ds);


/* --- recorded runs (lesson-record.c) ---------------------------------- */

/*
 * A run kept in a file, to replay, show or compare later: JSON lines, a
 * header with all that made the run (the program, its numeric mode, the
 * objective, the optimizer and every setting, the seed, the start), one
 * line per step (the point, f, |grad| and the learning rate), and an end
 * line (the outcome).  descent(1), RECORDED RUNS, is its reference.
 */
#define RECORD_FORMAT 1
#define RECORD_MAX_BYTES (256 << 20)

/* What a run to record was on: an expression, or a data objective. */
struct record_objective {
	const char *function;           /* the expression, or NULL for: */
	const struct dataset *data;
	const char *model;
	enum loss loss;
	const char *target;
};

/*
 * Writes the run of c from start on o (described by ro), whose record
 * is tr, to fp; 0, or -1 when writing failed.
 */
int record_write(FILE *fp, const struct record_objective *ro, struct objective *o,
		 const struct run_config *c, const double *start, const struct trajectory *tr);

struct run_record {
	char *program, *kernels, *math;         /* who wrote it (may be NULL) */
	char *function;                         /* the expression, or NULL for: */
	struct dataset *data;
	char *model, *target;
	enum loss loss;
	double l2;                              /* the L2 penalty, 0 for none */
	char *vars[EXPR_MAX_VARS];              /* variables (or parameters), in order */
	int n;
	struct run_config config;
	double start[EXPR_MAX_VARS];
	struct trajectory tr;                   /* the steps and the end, as recorded */
};

/*
 * Reads a record (text of len bytes, named name in messages; or the
 * file path, at most RECORD_MAX_BYTES): 0 with rec filled (free with
 * run_record_free), or -1 with every problem in ds at file:line:column
 * (rec left empty).  A record of a newer version is refused as such.
 */
int record_parse(const char *text, size_t len, const char *name, struct run_record *rec,
		 struct diags *ds);
int record_read(const char *path, struct run_record *rec, struct diags *ds);
/* The same, at most max bytes (a lesson's record: LESSON_MAX_FILE). */
int record_read_max(const char *path, size_t max, struct run_record *rec, struct diags *ds);
void run_record_free(struct run_record *rec);
/* The objective of the record, its variables in the record's order; NULL with err. */
struct objective *record_objective(const struct run_record *rec, struct diag *err);

/* How a replay compares with its record. */
struct record_diff {
	long step;              /* the first step that differs, or -1: none */
	int what;               /* there: coordinate k < n, n for f, n + 1 for |grad|, */
				/*   -1 for where the run ends (the steps agree until then) */
	double recorded, replayed;
	size_t len_recorded, len_replayed;
	enum run_outcome outcome;       /* the replay's end */
	long end_step;
};
/*
 * Runs the record's run again, here, and compares every step (its point,
 * f and |grad|) bit for bit, and how it ends, unless the record ends
 * "running" (kept while the run went on): 0 with d filled, or -1 with err
 * when the run cannot be made (its objective or settings do not fit).
 */
int record_replay(const struct run_record *rec, struct record_diff *d, struct diag *err);

#endif
