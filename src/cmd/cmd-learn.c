/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-learn.c - `descent learn [--plain] [CHAPTER]`: the course.  On a
 * terminal that ncurses knows, it opens the full-screen course (src/ui);
 * else, or with --plain or --ask, it reads a chapter page by page as
 * plain text, with its plots, for pipes, screen readers and dumb
 * terminals.  When the input is a terminal (or with --ask) the plain mode
 * asks the questions as prompts, judges the answers with the page runner
 * and records them in the progress, as the full-screen course does.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/plot.h"
#include "descent/ui.h"
#include "descent/util.h"

enum { OPT_PLAIN = 256, OPT_LESSONS, OPT_LESSONS_ONLY, OPT_PROGRESS, OPT_ASK, OPT_WIDTH,
       OPT_FROM, OPT_ASCII };

struct learn_opts {
	int plain, ask, ascii, utf8, width, color;
	double from;
	struct cmd_dirs dirs;
	const char *progress;
	enum plot_enc enc;
};

static int
learn_option(int opt, const char *arg, void *data)
{
	struct learn_opts *o = data;
	double w;
	int s;

	switch (opt) {
	case OPT_PLAIN: o->plain = 1; return 0;
	case OPT_ASK: o->ask = 1; return 0;
	case OPT_ASCII: o->ascii = 1; return 0;
	case OPT_LESSONS: return cmd_lessons_dir(&cmd_learn, &o->dirs, arg, 0);
	case OPT_LESSONS_ONLY: return cmd_lessons_dir(&cmd_learn, &o->dirs, arg, 1);
	case OPT_PROGRESS: o->progress = arg; return 0;
	case OPT_FROM: return cmd_constant("--page", arg, &o->from);
	case OPT_WIDTH:
		if ((s = cmd_constant("--width", arg, &w)) != 0)
			return s;
		if (w != floor(w) || w < 40 || w > 400)
			return cmd_value_error(&cmd_learn, "--width must be a whole number from 40 "
					       "to 400, not %g", w);
		o->width = (int)w;
		return 0;
	}
	return EXIT_USAGE;
}

/* Prints text wrapped to the width, in ASCII when the terminal is not UTF-8. */
static void
put_text(const struct learn_opts *o, const char *text)
{
	size_t n = text_wrap(text, o->width, o->utf8, NULL, 0);
	char *buf = malloc(n + 1);

	if (buf == NULL)
		return;
	text_wrap(text, o->width, o->utf8, buf, n + 1);
	fputs(buf, stdout);
	free(buf);
}

/* A heading line: "== Page 2 of 9: Title ==". */
static void
heading(const struct learn_opts *o, const struct lesson_chapter *c, int n)
{
	const struct lesson_page *p = &c->pages[n];
	char line[400];

	if (p->title != NULL)
		snprintf(line, sizeof line, _("== Page %d of %d: %s =="), n + 1, c->npages,
			 p->title);
	else
		snprintf(line, sizeof line, _("== Page %d of %d =="), n + 1, c->npages);
	putchar('\n');
	put_text(o, line);              /* wrapped, like every line, to the width */
}

/*
 * Draws the page's view (its function and runs) as a figure, as wide as
 * the text and a quarter as tall, with the page's runs on it.
 */
static void
draw(const struct learn_opts *o, struct lesson_runner *r, long *left, int nleft)
{
	struct plot_opts po;
	struct plot_fig *fig;
	char caption[256];
	struct diag err;
	int i;

	plot_opts_init(&po);
	po.width = o->width;
	po.height = o->width / 4 + 2;
	po.enc = o->enc;
	po.color = o->color;
	if (lesson_page_view(r, &po, caption, sizeof caption) < 0)
		return;
	fig = plot_fig_new(r->obj, &po, caption, &err);
	if (fig == NULL)
		return;
	lesson_view_runs(r, fig);
	for (i = 0; i < nleft; i++)
		left[i] = plot_fig_left_view(fig, i);
	putchar('\n');
	plot_render_text(plot_fig_canvas(fig), stdout, po.color);
	/* and in words, for a screen reader or a braille display */
	{
		char *text = lesson_view_describe(r, fig);
		printf("\n%s\n", _("The figure in words:"));
		cmd_print_paragraphs(stdout, text, o->width, o->utf8);
		free(text);
	}
	plot_fig_free(fig);
}

/* Reads a line of input; returns NULL at the end of the input. */
static char *
ask(const char *prompt, char *buf, size_t size)
{
	char *nl;

	printf("%s", prompt);
	fflush(stdout);
	if (fgets(buf, (int)size, stdin) == NULL) {
		putchar('\n');
		return NULL;
	}
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	return buf;
}

/* The after-answer text: the feedback, then the explanation when right. */
static void
after(const struct learn_opts *o, struct lesson_runner *r, enum answer a)
{
	const struct lesson_page *p = &r->c->pages[r->page];

	put_text(o, r->feedback);
	if (a == ANSWER_RIGHT && p->explain != NULL) {
		putchar('\n');
		put_text(o, p->explain);
	}
}

/*
 * Asks the page's question until it is answered right, skipped, or the
 * input ends.  Returns -1 when the learner quits.
 */
static int
question(const struct learn_opts *o, struct lesson_runner *r)
{
	char buf[256], prompt[256];

	if (!runner_prompt(r, prompt, sizeof prompt))
		return 0;
	for (;;) {
		enum answer a;

		if (ask(prompt, buf, sizeof buf) == NULL)
			return -1;
		if (strcmp(buf, "q") == 0)
			return -1;
		if (strcmp(buf, "s") == 0 || buf[0] == '\0')
			return 0;
		if (strcmp(buf, "h") == 0) {
			const char *h = runner_hint(r);
			put_text(o, h ? h : _("There is no hint on this page."));
			continue;
		}
		a = runner_answer_text(r, buf);
		if (a == ANSWER_INVALID) {
			char why[400], *rest, *c;
			runner_invalid_text(r, why, sizeof why);
			/* the reason, wrapped; then lines as they are (a formula
			 * and the caret under its error), control characters shown
			 * as '?' */
			rest = strchr(why, '\n');
			if (rest != NULL)
				*rest++ = '\0';
			put_text(o, why);
			for (c = rest; c != NULL && *c != '\0'; c++)
				if ((unsigned char)*c < 32 && *c != '\n')
					*c = '?';
			if (rest != NULL)
				printf("%s\n", rest);
			continue;
		}
		after(o, r, a);
		if (a == ANSWER_RIGHT)
			return 0;
	}
}

/* The outcome of each run of a descent page, in a sentence. */
static void
outcomes(const struct learn_opts *o, struct lesson_runner *r, const long *left)
{
	int i;

	for (i = 0; i < r->nruns; i++) {
		char head[240], tail[200], line[450];
		runner_run_text(r, i, i < LESSON_MAX_RUNS ? left[i] : -1, head, sizeof head, tail,
				sizeof tail);
		snprintf(line, sizeof line, "%s%s%s", head, tail[0] ? " " : "", tail);
		put_text(o, line);
	}
}

/* Reads chapter c, number `number` of the course (as the map calls it), from page from. */
static int
read_chapter(const struct learn_opts *o, const struct lesson_chapter *c, int number,
	     const struct lesson_course *co, struct progress *prog, int from, struct diags *ds)
{
	struct lesson_runner r;
	int n, i, interactive = o->ask || isatty(STDIN_FILENO), status = 0;
	long left[LESSON_MAX_RUNS];

	runner_init(&r, c, prog, ds);
	r.course = co;          /* a results page looks back over it */
	{
		char line[400];
		snprintf(line, sizeof line, _("Chapter %d: %s"), number, c->title);
		put_text(o, line);
		putchar('\n');
	}
	put_text(o, c->summary);
	for (n = from; n < c->npages; n++) {
		const struct lesson_page *p = &c->pages[n];
		runner_goto(&r, n);
		heading(o, c, n);
		if (p->body != NULL) {
			putchar('\n');
			put_text(o, p->body);
		}
		/* runs are shown where they end */
		while (runner_descent_step(&r) > 0)
			;
		for (i = 0; i < LESSON_MAX_RUNS; i++)
			left[i] = -1;
		if (page_kind_has_figure(p->kind))
			draw(o, &r, left, LESSON_MAX_RUNS);
		outcomes(o, &r, left);
		if (p->question != NULL) {
			putchar('\n');
			put_text(o, p->question);
		}
		{
			/* what the page shows under its body and question (a
			 * quiz's choices right under it, a note's box apart) */
			size_t len = runner_page_text(&r, o->width, o->utf8, NULL, 0);
			char *buf = xmalloc(len + 1);
			runner_page_text(&r, o->width, o->utf8, buf, len + 1);
			if (len > 0 && p->question == NULL)
				putchar('\n');
			fputs(buf, stdout);
			free(buf);
		}
		if (page_kind_asks(p->kind)) {
			if (!interactive) {
				char line[200];
				snprintf(line, sizeof line, _("(Answer it in a terminal: descent learn "
							       "%s --page %d)"), c->id, n + 1);
				put_text(o, line);
				continue;
			}
			if (question(o, &r) < 0) {
				status = 1;
				break;
			}
		} else if (p->explain != NULL) {
			putchar('\n');
			put_text(o, p->explain);
		}
	}
	if (status == 0)
		printf(_("\nEnd of chapter %d.\n"), number);
	runner_done(&r);
	return 0;
}

/* The lesson files that did not load, by name. */
static void
print_broken(const struct lesson_course *co)
{
	int i;

	for (i = 0; i < co->nbroken; i++) {
		char *safe = text_safe(co->broken[i]);
		fprintf(stderr, _("descent: %s is broken and left out: see descent lessons "
				  "--check\n"), safe);
		free(safe);
	}
}

/* Whether arg names a chapter's file (NAME.json, a regular file) rather than an id. */
static int
is_chapter_file(const char *arg)
{
	size_t n = strlen(arg);
	struct stat st;

	return n > 5 && strcmp(arg + n - 5, ".json") == 0 && stat(arg, &st) == 0 &&
	       S_ISREG(st.st_mode);
}

static int
learn_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "plain", no_argument, NULL, OPT_PLAIN },
		{ "ask", no_argument, NULL, OPT_ASK },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "lessons", required_argument, NULL, OPT_LESSONS },
		{ "lessons-only", required_argument, NULL, OPT_LESSONS_ONLY },
		{ "progress", required_argument, NULL, OPT_PROGRESS },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "page", required_argument, NULL, OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct learn_opts o;
	struct diags ds, pds;
	struct lesson_course co;
	struct progress prog;
	struct lesson_chapter *c = NULL;
	struct plot_opts po;
	struct lesson_dirs dirs;
	int first, status, from = 0, file;
	const char *cs;

	memset(&o, 0, sizeof o);
	o.from = NAN;
	status = cmd_getopt(&cmd_learn, argc, argv, "hV", longopts, learn_option, &o, &first);
	if (status != 0)
		return status < 0 ? 0 : status;
	if (first + 1 < argc)
		return cmd_usage_error(&cmd_learn, "one chapter at a time");
	cs = nl_langinfo(CODESET);
	o.utf8 = !o.ascii && cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	plot_opts_init(&po);
	cmd_plot_defaults(&po, NULL, 0);
	o.enc = o.ascii ? PLOT_ENC_ASCII : po.enc;
	o.color = po.color;
	if (o.width == 0)
		o.width = po.width > 100 ? 100 : po.width < 40 ? 40 : po.width;
	cmd_lessons_path(&o.dirs, &dirs);
	diags_init(&ds);
	diags_init(&pds);
	/* a chapter's file, opened alone: a teacher trying the one being written */
	file = first < argc && is_chapter_file(argv[first]);
	if ((file ? lesson_course_load(&co, NULL, (const char *const *)&argv[first], 1, &ds) :
	     lesson_course_load_dirs(&co, &dirs, &ds)) < 0 || co.n == 0) {
		diags_print(&ds, stderr);
		if (file)
			fprintf(stderr, _("descent: %s is not a chapter that loads: fix what is "
					  "said above (descent lessons --check %s says it too)\n"),
				argv[first], argv[first]);
		else {
			char *where = lesson_dirs_text(&dirs, NULL);
			fprintf(stderr, _("descent: no chapters in %s\n"), where);
			free(where);
		}
		lesson_course_done(&co);
		diags_done(&ds);
		lesson_dirs_done(&dirs);
		return EXIT_USER;
	}
	progress_load(&prog, o.progress, &pds);
	if (file) {
		c = co.chapters[0];
	} else if (first < argc) {
		c = lesson_course_find(&co, argv[first]);
		if (c == NULL) {
			fprintf(stderr, _("descent: no chapter \"%s\": see descent lessons\n"),
				argv[first]);
			status = EXIT_USER;
			goto done;
		}
	} else if (prog.last_chapter != NULL &&
		   (c = lesson_course_find(&co, prog.last_chapter)) != NULL) {
		from = prog.last_page;          /* where the learner left off */
	} else {
		c = co.chapters[0];
	}
	if (!isnan(o.from)) {
		if (o.from != floor(o.from) || o.from < 1 || o.from > c->npages) {
			status = cmd_value_error(&cmd_learn, "--page must be from 1 to %d",
						 c->npages);
			goto done;
		}
		from = (int)o.from - 1;
	}
	if (from >= c->npages)
		from = 0;
	if (!o.plain && !o.ask && ui_available()) {
		/* the full-screen course, which keeps the progress itself */
		/* the map, unless a chapter or a page is asked for; a chapter
		 * without --page resumes where the learner left it.  The map
		 * says how many files are broken; their names follow the
		 * screen, on stderr */
		status = ui_course(&co, &prog, first < argc || !isnan(o.from) ? c->id : NULL,
				   !isnan(o.from) ? from : -1, o.ascii);
		print_broken(&co);
		goto done;
	}
	print_broken(&co);
	{
		/* the number the map gives it; a file alone, its order */
		int number = c->order, i;
		for (i = 0; !file && i < co.n; i++)
			if (co.chapters[i] == c)
				number = i + 1;
		read_chapter(&o, c, number, file ? NULL : &co, &prog, from, &pds);
	}
	status = 0;
done:
	diags_print(&pds, stderr);
	progress_done(&prog);
	lesson_course_done(&co);
	diags_done(&ds);
	diags_done(&pds);
	lesson_dirs_done(&dirs);
	return status;
}

const struct cmd cmd_learn = {
	.name = "learn",
	.usage = "[--plain] [--ask] [--ascii] [--page N] [--width N]\n"
		 "                    [--lessons DIR | --lessons-only DIR] [--progress FILE]\n"
		 "                    [CHAPTER | FILE.json]",
	.summary = N_("the course: full screen on a terminal, else plain text"),
	.help = N_(
	"Opens the course full screen on a terminal: the map of chapters, or\n"
	"CHAPTER (an id, the start of one, or its number) at the page where you\n"
	"left it; press ? there for the keys.  Elsewhere (a pipe, TERM=dumb), or\n"
	"with --plain or --ask, it reads the chapter page by page as plain text\n"
	"with its plots; when the input is a terminal, it asks the questions and\n"
	"records your answers.  FILE.json opens that chapter's file alone, as a\n"
	"teacher tries the one being written.\n\n"
	"  --plain         plain text, even on a terminal\n"
	"  --ask           ask the questions even when the input is not a terminal\n"
	"  --ascii         ASCII only (plots and text), even in a UTF-8 locale\n"
	"  --page N        start at page N\n"
	"  --width N       wrap the text at N columns (the terminal's, at most 100)\n"
	"  --lessons DIR   a directory of chapters searched before the course's\n"
	"                  (may be given again; see FILES in descent(1))\n"
	"  --lessons-only DIR  the chapters of DIR alone (may be given again)\n"
	"  --progress FILE the progress file\n\n"
	"In plain text, at a question: the answer, h for a hint, s to skip, q to\n"
	"quit.\n"),
	.run = learn_run,
};
