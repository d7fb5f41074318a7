/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-map-data.c - the maps of data objectives, for descent map: the
 * learning rate across and the mini-batch size down (the powers of two,
 * then the size asked for last), each cell the mean over a few seeds of
 * its runs' final loss, or of the steps they took to bring the loss down
 * to a goal.  Drawn as a heat map whose rows are the batch sizes, or
 * written as CSV.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "descent/analysis.h"
#include "descent/data.h"
#include "descent/i18n.h"
#include "descent/objective.h"
#include "descent/plot.h"

/*
 * "1", "64", or "all" for the whole data set (a batch of 0 or of every
 * example): in the learner's language, unless csv.
 */
static void
batch_text(char *buf, size_t size, long b, size_t nex, int csv)
{
	if (b <= 0 || (size_t)b >= nex)
		/* TRANSLATORS: a batch of the whole data set, a row's label: short */
		snprintf(buf, size, "%s", csv ? "all" : _("all"));
	else
		snprintf(buf, size, "%ld", b);
}

static void
print_csv(const struct data_map *m, const struct map_axis *lr, size_t nex)
{
	int i, j;
	char v[40], b[24];

	printf("lr,batch,loss%s\n", m->steps != NULL ? ",steps" : "");
	for (j = 0; j < m->ny; j++)
		for (i = 0; i < m->nx; i++) {
			size_t cell = (size_t)j * (size_t)m->nx + (size_t)i;
			cmd_format_exact(v, sizeof v, map_axis_value(lr, i));
			batch_text(b, sizeof b, m->batch[j], nex, 1);
			printf("%s,%s,", v, b);
			cmd_format_exact(v, sizeof v, m->loss[cell]);
			printf("%s", v);
			if (m->steps != NULL) {
				cmd_format_exact(v, sizeof v, m->steps[cell]);
				printf(",%s", v);
			}
			putchar('\n');
		}
}

/* The best cell: the lowest value (loss or steps), or -1 when none is finite. */
static long
best_cell(const double *v, size_t cells)
{
	long best = -1;
	size_t i;

	for (i = 0; i < cells; i++)
		if (isfinite(v[i]) && (best < 0 || v[i] < v[best]))
			best = (long)i;
	return best;
}

int
cmd_map_data(const struct map_data_args *a)
{
	struct data_map m;
	struct diag err;
	struct map_axis lr = *a->lr;
	size_t nex = a->data->nrows, cells, i, div = 0;
	int goal = !isnan(a->goal), j;
	char labels[DATA_MAP_MAX_ROWS][24], title[512], name[64], blank[96], note[48], v[40];
	char n1[64], n2[64];
	const char *ylabels[DATA_MAP_MAX_ROWS];
	struct plot_opts o = *a->o;
	struct plot_map pm;
	struct plot_canvas *canvas;
	long best;

	if (lr.param != OPT_PARAM_LR)
		return cmd_value_error(&cmd_map, "a map of data goes across the learning rate: "
				       "--over lr=A:B[,batch=C:D]");
	lr.n = 40;
	if (a->cells != NULL) {
		char *end;
		long n = strtol(a->cells, &end, 10);
		if (end == a->cells || *end != '\0' || n < 2 || n > MAP_MAX_CELLS)
			return cmd_value_error(&cmd_map, "--cells '%s': a map of data takes N cells "
					       "across, from 2 to %d (its rows are the batch sizes)",
					       a->cells, MAP_MAX_CELLS);
		lr.n = (int)n;
	}
	if (analysis_data_map(a->obj, a->c, a->start, &lr, a->batch_lo, a->batch_hi, a->seeds,
			      goal ? a->goal : 0, &m, &err) < 0)
		return cmd_value_error(&cmd_map, "%s", err.message);
	if (a->csv) {
		print_csv(&m, &lr, nex);
		data_map_free(&m);
		return 0;
	}
	cells = (size_t)m.nx * (size_t)m.ny;
	for (j = 0; j < m.ny; j++) {
		batch_text(labels[j], sizeof labels[j], m.batch[j], nex, 0);
		ylabels[j] = labels[j];
	}
	for (i = 0; i < cells; i++)
		div += isinf(m.loss[i]);
	if (goal) {
		cmd_format_number(v, sizeof v, a->goal, 4);
		/* TRANSLATORS: what a map's cells show, short */
		snprintf(name, sizeof name, _("steps to loss %s"), v);
		snprintf(blank, sizeof blank, P_("loss %s not reached in %ld step",
						 "loss %s not reached in %ld steps", a->c->max_steps),
			 v, a->c->max_steps);
	} else {
		/* TRANSLATORS: what a map's cells show, short */
		snprintf(name, sizeof name, "%s", _("final loss"));
		blank[0] = '\0';
	}
	snprintf(note, sizeof note, P_("(mean of %d seed)", "(mean of %d seeds)", m.seeds),
		 m.seeds);
	snprintf(n1, sizeof n1, P_("%zu example", "%zu examples", nex), nex);
	snprintf(n2, sizeof n2, P_("%ld step", "%ld steps", a->c->max_steps), a->c->max_steps);
	/* TRANSLATORS: "adam on the mse of mlp:1-4-1, 40 examples, 50 steps": the
	 * optimizer, the loss, the model, then the two counts above */
	snprintf(title, sizeof title, _("%s on the %s of %s, %s, %s"), a->c->opt->name,
		 a->loss != NULL ? a->loss : "mse", a->model, n1, n2);
	memset(&pm, 0, sizeof pm);
	pm.x = (struct plot_map_axis){ "lr", lr.lo, lr.hi, lr.n, lr.log };
	pm.y = (struct plot_map_axis){ "batch", 0, 1, m.ny, 0 };
	pm.value = goal ? m.steps : m.loss;
	pm.value_name = name;
	pm.blank_label = goal ? blank : NULL;
	pm.note = note;
	pm.ylabels = ylabels;
	o.height -= 2;                  /* the lines under it */
	canvas = plot_map(&o, &pm, title);
	plot_render_text(canvas, stdout, o.color);
	plot_canvas_free(canvas);
	best = best_cell(pm.value, cells);
	if (best >= 0) {
		char lrt[40], bt[24];
		cmd_format_number(v, sizeof v, pm.value[best], 4);
		cmd_format_number(lrt, sizeof lrt, map_axis_value(&lr, (int)(best % m.nx)), 4);
		batch_text(bt, sizeof bt, m.batch[best / m.nx], nex, 0);
		/* TRANSLATORS: "... 0.01, at lr = 0.1, batch 16 (mean of 3 seeds)" */
		printf(goal ? _("fewest steps: %s, at lr = %s, batch %s %s\n") :
		       _("lowest final loss: %s, at lr = %s, batch %s %s\n"), v, lrt, bt, note);
	} else {
		fputs(goal ? _("fewest steps: none\n") : _("lowest final loss: none\n"), stdout);
	}
	snprintf(n1, sizeof n1, P_("of %zu cell", "of %zu cells", cells), cells);
	snprintf(n2, sizeof n2, P_("%zu diverged", "%zu diverged", div), div);
	/* TRANSLATORS: "of 120 cells, 3 diverged", of the two pieces */
	printf(_("%s, %s\n"), n1, n2);
	data_map_free(&m);
	return 0;
}
