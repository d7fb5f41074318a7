/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd.h - the subcommands of the command line.  Each lives in its own
 * file (cmd-NAME.c) and exports one const struct cmd, listed in
 * cmd_table[] (cmd-common.c); cmd_main (cmd-main.c) dispatches on the name.
 */
#ifndef DESCENT_CMD_H
#define DESCENT_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "descent/optim.h"
#include "descent/plot.h"

struct cmd {
	const char *name;
	const char *usage;      /* the synopsis after "descent NAME" */
	const char *summary;    /* one line for "descent --help" */
	const char *help;       /* the rest of "descent NAME --help" */
	/* argv[0] is the command's name; returns the exit status */
	int (*run)(int argc, char **argv);
};

extern const struct cmd cmd_eval;
extern const struct cmd cmd_diff;
extern const struct cmd cmd_run;
extern const struct cmd cmd_analyze;
extern const struct cmd cmd_plot;
extern const struct cmd cmd_lessons;
extern const struct cmd cmd_learn;
extern const struct cmd cmd_play;
extern const struct cmd cmd_map;
extern const struct cmd cmd_replay;
extern const struct cmd *const cmd_table[];     /* ends with NULL */

const struct cmd *cmd_find(const char *name);

/*
 * The program, all but its process: sets the locale, reads the global options
 * of argv (--help, --version, --ascii), and runs the command argv[1]
 * names, or the course when there is none.  Returns the exit status;
 * leaves stdout open (main closes it, to report write errors).  The
 * getopt state is reset by each command, so it can be called again.
 */
int cmd_main(int argc, char **argv);

struct plot_opts;
/*
 * The plot options that depend on the terminal: braille in a UTF-8
 * locale (else ASCII); the size of the terminal when stdout is one (else
 * 80x24); colour per when ("auto": on a terminal unless NO_COLOR is set
 * or TERM is dumb; "always"; "never"), 256 colours when TERM says so.
 * Returns 0, or -1 when `when` is none of those words.
 */
int cmd_plot_defaults(struct plot_opts *o, const char *when, int size_given);

/* Exit statuses (descent(1)). */
enum { EXIT_USER = 1, EXIT_USAGE = 2 };

/*
 * Reports a usage error of cmd ("descent NAME: MESSAGE" and a pointer to
 * --help) and returns EXIT_USAGE.
 */
int cmd_usage_error(const struct cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Reports a bad option value ("descent NAME: MESSAGE", one line) and
 * returns EXIT_USAGE.
 */
int cmd_value_error(const struct cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Parses the options of cmd with getopt_long (GNU conventions: options
 * and operands in any order, "--" ends the options, a long option may be
 * abbreviated).  -h/--help and -V/--version (which longopts must list,
 * with the values 'h' and 'V') are handled here: anywhere before "--",
 * they win over the other options and their errors, print, and return
 * -1, meaning "done, exit 0".  An ambiguous abbreviation is a usage error
 * that lists the options it could be.  For each other option it calls
 * handle(opt, optarg, data), which returns 0, or an exit status to stop
 * with.  An unknown option is a usage error whose message shows how to
 * pass an expression that starts with '-'.  Returns 0 and sets *first to
 * the index of the first operand (the operands are permuted to the end of
 * argv), or the status.
 */
int cmd_getopt(const struct cmd *cmd, int argc, char **argv,
	       const char *shortopts, const void *longopts,
	       int (*handle)(int opt, const char *arg, void *data), void *data,
	       int *first);
/* Prints the version line, the copyright and the licence. */
void cmd_version(FILE *fp);
/*
 * Prints the long options of lo for scripts, a line each: "--NAME", "="
 * when it takes a value ("[=]" when optional), and a tab and "-X" when
 * shortopts has its short form.  cmd_getopt does it when the last
 * argument is --list-options.
 */
void cmd_list_options(const char *shortopts, const struct option *lo);
/* Prints where to report bugs, after a blank line: the end of a --help. */
void cmd_bug_report(FILE *fp);
/*
 * Prints text, of paragraphs a line each, wrapped to width columns (a
 * character a column), with a blank line between paragraphs; "x = 3"
 * and "(1.5, -2)" stay on one line.  Unless utf8, in ASCII (text_ascii).
 */
void cmd_print_paragraphs(FILE *fp, const char *text, int width, int utf8);
/*
 * Prints s in |width| columns (utf8_columns), padded with spaces on the
 * left (width > 0) or on the right (width < 0), as printf's %*s does
 * with bytes.
 */
void cmd_put_column(const char *s, int width);
/* Prints a number as descent prints values: %.10g, -0 as 0, any NaN as nan. */
void cmd_print_number(FILE *fp, double v);
/* The same into buf, with prec significant digits. */
void cmd_format_number(char *buf, size_t size, double v, int prec);
/*
 * The shortest text that reads back as v ("0.1", not 0.10000000000000001);
 * inf, -inf, and nan for any NaN.
 */
void cmd_format_exact(char *buf, size_t size, double v);

/*
 * Reads a constant expression ("0.5", "1e-3", "pi/4") for the option or
 * operand named what.  On error prints one message (with a caret under
 * the expression) and returns EXIT_USAGE; else 0.
 */
int cmd_constant(const char *what, const char *text, double *v);

/*
 * Reads a list of constants separated by commas ("1,-2.5", "pi/2,0") into
 * v (at most max); sets *n.  Returns 0 or EXIT_USAGE after one message.
 */
int cmd_vector(const char *what, const char *text, double *v, int max, int *n);

/*
 * Reads the range "A:B" (two constants, A < B, both finite) given to the
 * option opt of cmd into lo and hi.  Returns 0, or EXIT_USAGE after one
 * message.
 */
int cmd_range(const struct cmd *cmd, const char *opt, const char *text, double *lo,
	      double *hi);

/*
 * The directories of --lessons DIR and --lessons-only DIR, each of which
 * may be given several times (but not both options): cmd_lessons_dir
 * adds arg; 0, or EXIT_USAGE after one message.  cmd_lessons_path then
 * finds the search path (lesson_dirs_find).
 */
struct cmd_dirs {
	const char *dir[16];
	int n;
	int only;               /* 1: --lessons-only, -1: --lessons, 0: neither */
};
int cmd_lessons_dir(const struct cmd *cmd, struct cmd_dirs *d, const char *arg, int only);
struct lesson_dirs;
void cmd_lessons_path(const struct cmd_dirs *d, struct lesson_dirs *out);

/*
 * The settings of a descent on the command line (cmd-settings.c), for
 * the commands that run optimizers.  Their long options take these
 * values (a command's own start at CMD_OPT_OWN); the optimizer's
 * parameter k (opt_params_table) is the option --NAME with the value
 * CMD_OPT_PARAM + k, which cmd_settings_longopts appends.
 */
enum {
	CMD_OPT_TOL = 256, CMD_OPT_BOUND, CMD_OPT_SCHEDULE, CMD_OPT_LINE_SEARCH,
	CMD_OPT_NOISE, CMD_OPT_SEED, CMD_OPT_BATCH,
	CMD_OPT_DATA, CMD_OPT_DATA_INLINE, CMD_OPT_MODEL, CMD_OPT_LOSS, CMD_OPT_TARGET,
	CMD_OPT_PARAMS, CMD_OPT_INIT, CMD_OPT_L2, CMD_OPT_SPLIT,
	CMD_OPT_OWN = 300,
	/* a figure's (cmd-figure.c), which descent plot's forms share */
	CMD_OPT_FIG_X = 360, CMD_OPT_FIG_Y, CMD_OPT_FIG_SIZE, CMD_OPT_FIG_ASCII,
	CMD_OPT_FIG_UNICODE, CMD_OPT_FIG_BLOCKS, CMD_OPT_FIG_COLOR, CMD_OPT_FIG_CONTOURS,
	CMD_OPT_FIG_LEVELS, CMD_OPT_FIG_SHADE,
	CMD_OPT_PARAM = 400,
};
struct cmd_settings {
	const char *optimizer;  /* -o, --optimizer ("gd") */
	const char *schedule;
	/* values given on the command line (nan: not given) */
	double param[OPT_PARAM_COUNT];
	double steps, tol, bound, noise, seed, batch;
	int line_search;
};
void cmd_settings_init(struct cmd_settings *s);
/*
 * Takes option opt ('o', 'n' for --steps, a CMD_OPT_ value): returns 0,
 * an exit status after one message, or -1 when opt is not a setting.
 */
int cmd_settings_option(struct cmd_settings *s, int opt, const char *arg);
/*
 * The run configuration of the settings s: the optimizer's defaults and
 * what was given, each checked (the parameter is the optimizer's and in
 * its range, counts are whole numbers...).  Returns 0, or EXIT_USAGE
 * after one message naming cmd.
 */
int cmd_settings_config(const struct cmd *cmd, const struct cmd_settings *s,
			struct run_config *c);
/*
 * A count option: v (nan: not given, *out kept) a whole number in
 * [lo, hi] into *out; 0, or EXIT_USAGE after one message.
 */
int cmd_count(const struct cmd *cmd, double v, const char *name, double lo, double hi,
	      long *out);
/* A data objective on the command line: --data or --data-inline, --model, ... */
struct cmd_data {
	const char *file, *inline_csv, *model, *loss, *target, *params, *init, *l2;
	const char *split;              /* --split VAL,TEST */
	unsigned long long seed;        /* the split's: the caller's --seed */
};
/*
 * The held-out parts of a split data set (--split): their objectives (the
 * loss alone, no penalty) and data, the caller's to free with
 * cmd_parts_free.  NULL members when a part is empty.
 */
struct cmd_parts {
	struct objective *val, *test;
	struct dataset *val_data, *test_data;
};
void cmd_parts_free(struct cmd_parts *p);
/*
 * The loss of the held-out part at every point of tr, in one evaluation:
 * a new array of tr->len values, or NULL when part is NULL.
 */
struct trajectory;
double *cmd_part_losses(struct objective *part, const struct trajectory *tr);
/* Takes option opt of a data objective (CMD_OPT_DATA...): 0, or -1 when it is none. */
int cmd_data_option(struct cmd_data *d, int opt, const char *arg);
/*
 * Takes option opt of a run's settings (cmd_settings_option) or of its
 * data objective: 0, an exit status after one message, or -1 when it is
 * neither (a command's own).
 */
int cmd_run_option(struct cmd_settings *s, struct cmd_data *d, int opt, const char *arg);
struct dataset;
/*
 * The objective of expr, or of the data d (when it gives --data or
 * --data-inline; *data receives the data set, the caller frees it):
 * returns it, or NULL after one message with the exit status in
 * *status.  batch says that a batch size was given, which only data take.
 */
struct objective *cmd_objective(const struct cmd *cmd, const struct cmd_data *d,
				const char *expr, int batch, struct dataset **data, int *status);
/*
 * cmd_objective, and with --split, the objective of the training part
 * (*data), the held-out parts into parts (parts NULL: --split is refused).
 */
struct objective *cmd_objective_split(const struct cmd *cmd, const struct cmd_data *d,
				      const char *expr, int batch, struct dataset **data,
				      struct cmd_parts *parts, int *status);
/*
 * Where the runs on obj start: the values of --start (text, or NULL);
 * without it, for a data objective, its network's initialization d->init
 * (glorot when not given, drawn from seed) or zeros for another model.
 * Returns a new array of the objective's dimension, or NULL after one
 * message (the exit status in *status).
 */
double *cmd_start(const struct cmd *cmd, struct objective *obj, const struct cmd_data *d,
		  const char *text, unsigned long long seed, int *status);
/*
 * A map of a data objective (cmd-map-data.c), for descent map: the rate
 * across and the batch sizes down (from batch_lo to batch_hi, or none),
 * each cell the mean of `seeds` runs; drawn in o's size, or as CSV.
 * Returns the exit status, after its messages.
 */
struct map_axis;
struct map_data_args {
	const struct plot_opts *o;
	const struct run_config *c;
	struct objective *obj;
	const struct dataset *data;
	const char *model, *loss;       /* as given (loss: NULL for mse) */
	struct map_axis *lr;
	long batch_lo, batch_hi;
	int seeds;
	double goal;            /* nan: color by the final loss */
	const char *cells;      /* --cells, or NULL */
	int csv;
	const double *start;
};
int cmd_map_data(const struct map_data_args *a);
/*
 * "gd,lr=0.01,beta=0.9" (and when data, batch= and seed=) into c, from
 * the optimizer's defaults; label receives spec.  option names it in
 * messages ("--trajectory").  0, or an exit status after one message.
 */
int cmd_run_spec(const struct cmd *cmd, const char *option, const char *spec, int data,
		 struct run_config *c, char *label, size_t size);

/* descent analyze --data ... (cmd-analyze-data.c): the whole command, its exit status. */
int cmd_analyze_data(int argc, char **argv);
/* descent plot --data ... (cmd-plot-data.c): the whole command, its exit status. */
int cmd_plot_data(int argc, char **argv);
/*
 * fixed (ending with a NULL name), then when data the CMD_DATA_OPTIONS
 * options of a data objective (--data, --data-inline, --model, --loss,
 * --target, --params, --init, --l2, --split), then --lr, --beta, ... into lo.
 */
#define CMD_DATA_OPTIONS 9
struct option;
void cmd_settings_longopts(struct option *lo, const struct option *fixed, int data);

/*
 * The options of a figure (cmd-figure.c): --x, --y, --size, --ascii,
 * --unicode, --blocks, --color (--colour), --contours, --levels and
 * --shade, into f->p once cmd_figure_finish has checked them (and read
 * the terminal's defaults).
 */
struct cmd_figure {
	struct plot_opts p;
	const char *x, *y, *size, *color, *levels;
	int enc_given;
	double contours;                /* nan: not given */
};
#define CMD_FIGURE_OPTIONS 11
struct option;
extern const struct option cmd_figure_longopts[];
void cmd_figure_init(struct cmd_figure *f);
/* Takes a figure's option opt: 0, an exit status after one message, or -1 for another. */
int cmd_figure_option(struct cmd_figure *f, int opt, const char *arg);
/* Checks them into f->p (ranges, size, glyphs, colour, levels): 0 or an exit status. */
int cmd_figure_finish(const struct cmd *cmd, struct cmd_figure *f);
/* Appends the n options add to the list lo (ended by a NULL name), which has room. */
void cmd_longopts_add(struct option *lo, const struct option *add, int n);

#endif
