/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-figure.c - the options of a figure that descent plot's forms share
 * (a function's, a model's): its ranges, size, glyphs, colour, contour
 * levels and shading.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const struct option cmd_figure_longopts[] = {
	{ "x", required_argument, NULL, CMD_OPT_FIG_X },
	{ "y", required_argument, NULL, CMD_OPT_FIG_Y },
	{ "size", required_argument, NULL, CMD_OPT_FIG_SIZE },
	{ "ascii", no_argument, NULL, CMD_OPT_FIG_ASCII },
	{ "unicode", no_argument, NULL, CMD_OPT_FIG_UNICODE },
	{ "blocks", no_argument, NULL, CMD_OPT_FIG_BLOCKS },
	{ "color", optional_argument, NULL, CMD_OPT_FIG_COLOR },
	{ "colour", optional_argument, NULL, CMD_OPT_FIG_COLOR },
	{ "contours", required_argument, NULL, CMD_OPT_FIG_CONTOURS },
	{ "levels", required_argument, NULL, CMD_OPT_FIG_LEVELS },
	{ "shade", no_argument, NULL, CMD_OPT_FIG_SHADE },
};
_Static_assert(sizeof cmd_figure_longopts / sizeof cmd_figure_longopts[0] == CMD_FIGURE_OPTIONS,
	       "CMD_FIGURE_OPTIONS counts them");

void
cmd_figure_init(struct cmd_figure *f)
{
	memset(f, 0, sizeof *f);
	plot_opts_init(&f->p);
	f->contours = NAN;
}

int
cmd_figure_option(struct cmd_figure *f, int opt, const char *arg)
{
	switch (opt) {
	case CMD_OPT_FIG_X: f->x = arg; return 0;
	case CMD_OPT_FIG_Y: f->y = arg; return 0;
	case CMD_OPT_FIG_SIZE: f->size = arg; return 0;
	case CMD_OPT_FIG_ASCII: f->p.enc = PLOT_ENC_ASCII; f->enc_given = 1; return 0;
	case CMD_OPT_FIG_UNICODE: f->p.enc = PLOT_ENC_BRAILLE; f->enc_given = 1; return 0;
	case CMD_OPT_FIG_BLOCKS: f->p.enc = PLOT_ENC_BLOCKS; f->enc_given = 1; return 0;
	case CMD_OPT_FIG_COLOR: f->color = arg ? arg : "always"; return 0;
	case CMD_OPT_FIG_CONTOURS: return cmd_constant("--contours", arg, &f->contours);
	case CMD_OPT_FIG_LEVELS: f->levels = arg; return 0;
	case CMD_OPT_FIG_SHADE: f->p.overlays |= PLOT_OV_SHADE; return 0;
	}
	return -1;
}

int
cmd_figure_finish(const struct cmd *cmd, struct cmd_figure *f)
{
	enum plot_enc enc = f->p.enc;
	int status;

	if (f->size != NULL) {
		char extra;
		if (sscanf(f->size, "%dx%d%c", &f->p.width, &f->p.height, &extra) != 2 ||
		    f->p.width < 20 || f->p.height < 8 || f->p.width > 1000 || f->p.height > 500)
			return cmd_value_error(cmd, "--size takes WIDTHxHEIGHT from 20x8 to "
					       "1000x500, as in 80x24, not '%s'", f->size);
	}
	if (cmd_plot_defaults(&f->p, f->color, f->size != NULL) < 0)
		return cmd_value_error(cmd, "--color takes auto, always or never, not '%s'",
				       f->color);
	if (f->enc_given)
		f->p.enc = enc;
	if (f->levels != NULL) {
		if (strcmp(f->levels, "auto") == 0)
			f->p.levels = PLOT_LEVELS_AUTO;
		else if (strcmp(f->levels, "linear") == 0)
			f->p.levels = PLOT_LEVELS_LINEAR;
		else if (strcmp(f->levels, "log") == 0)
			f->p.levels = PLOT_LEVELS_LOG;
		else
			return cmd_value_error(cmd, "--levels takes auto, linear or log, not '%s'",
					       f->levels);
	}
	if (!isnan(f->contours)) {
		if (f->contours != floor(f->contours) || f->contours < 1 || f->contours > 16)
			return cmd_value_error(cmd, "--contours must be a whole number from 1 to "
					       "16, not %g", f->contours);
		f->p.contours = (int)f->contours;
		f->p.overlays |= PLOT_OV_CONTOURS;      /* asked for: drawn under any fill */
	}
	f->p.x0 = f->p.x1 = f->p.y0 = f->p.y1 = 0;
	if (f->x != NULL && (status = cmd_range(cmd, "--x", f->x, &f->p.x0, &f->p.x1)) != 0)
		return status;
	if (f->y != NULL && (status = cmd_range(cmd, "--y", f->y, &f->p.y0, &f->p.y1)) != 0)
		return status;
	return 0;
}

void
cmd_longopts_add(struct option *lo, const struct option *add, int n)
{
	int end = 0, k;

	while (lo[end].name != NULL)
		end++;
	for (k = 0; k < n; k++)
		lo[end + k] = add[k];
	memset(&lo[end + n], 0, sizeof lo[end + n]);
}
