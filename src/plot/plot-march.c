/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-march.c - marching squares on one cell: where the contour at a
 * level crosses the cell, as one or two straight segments.
 *
 * The corners are z[0] (0,0) top left, z[1] (1,0) top right, z[2] (1,1)
 * bottom right and z[3] (0,1) bottom left, y down.  A corner is above
 * the level when z >= level; the case is the four answers as bits,
 * z[0] the highest.  Each edge is crossed where the linear interpolation
 * of its ends meets the level.  Every segment runs with the corners above
 * on its left as seen on the screen, so the cells of one contour agree
 * on its direction.  A saddle (cases 5 and 10) is cut so that the two
 * corners above stay connected through the middle when the mean of the
 * corners is above too, and the two below otherwise.
 */
#include "config.h"

#include <math.h>

#include "descent/plot.h"

/* The edges, each parametrized from its first corner to its second. */
enum edge {
	EDGE_TOP,               /* z[0] -> z[1]: (t, 0) */
	EDGE_RIGHT,             /* z[1] -> z[2]: (1, t) */
	EDGE_BOTTOM,            /* z[3] -> z[2]: (t, 1) */
	EDGE_LEFT,              /* z[0] -> z[3]: (0, t) */
	EDGE_NONE,
};

static const int edge_corner[4][2] = { { 0, 1 }, { 1, 2 }, { 3, 2 }, { 0, 3 } };

/* The segment of each case (but the saddles) as a pair of edges, from and to. */
static const enum edge march_table[16][2][2] = {
	[0] = { { EDGE_NONE, EDGE_NONE }, { EDGE_NONE, EDGE_NONE } },
	[1] = { { EDGE_BOTTOM, EDGE_LEFT }, { EDGE_NONE, EDGE_NONE } },
	[2] = { { EDGE_RIGHT, EDGE_BOTTOM }, { EDGE_NONE, EDGE_NONE } },
	[3] = { { EDGE_RIGHT, EDGE_LEFT }, { EDGE_NONE, EDGE_NONE } },
	[4] = { { EDGE_TOP, EDGE_RIGHT }, { EDGE_NONE, EDGE_NONE } },
	[5] = { { EDGE_NONE, EDGE_NONE }, { EDGE_NONE, EDGE_NONE } },  /* saddle */
	[6] = { { EDGE_TOP, EDGE_BOTTOM }, { EDGE_NONE, EDGE_NONE } },
	[7] = { { EDGE_TOP, EDGE_LEFT }, { EDGE_NONE, EDGE_NONE } },
	[8] = { { EDGE_LEFT, EDGE_TOP }, { EDGE_NONE, EDGE_NONE } },
	[9] = { { EDGE_BOTTOM, EDGE_TOP }, { EDGE_NONE, EDGE_NONE } },
	[10] = { { EDGE_NONE, EDGE_NONE }, { EDGE_NONE, EDGE_NONE } }, /* saddle */
	[11] = { { EDGE_RIGHT, EDGE_TOP }, { EDGE_NONE, EDGE_NONE } },
	[12] = { { EDGE_LEFT, EDGE_RIGHT }, { EDGE_NONE, EDGE_NONE } },
	[13] = { { EDGE_BOTTOM, EDGE_RIGHT }, { EDGE_NONE, EDGE_NONE } },
	[14] = { { EDGE_LEFT, EDGE_BOTTOM }, { EDGE_NONE, EDGE_NONE } },
	[15] = { { EDGE_NONE, EDGE_NONE }, { EDGE_NONE, EDGE_NONE } },
};

/* Saddles: [case == 10][centre below][segment] = from, to. */
static const enum edge saddle_table[2][2][2][2] = {
	{       /* 5: top right and bottom left above */
		{ { EDGE_TOP, EDGE_LEFT }, { EDGE_BOTTOM, EDGE_RIGHT } },
		{ { EDGE_TOP, EDGE_RIGHT }, { EDGE_BOTTOM, EDGE_LEFT } },
	},
	{       /* 10: top left and bottom right above */
		{ { EDGE_RIGHT, EDGE_TOP }, { EDGE_LEFT, EDGE_BOTTOM } },
		{ { EDGE_LEFT, EDGE_TOP }, { EDGE_RIGHT, EDGE_BOTTOM } },
	},
};

/* Where on edge e the level is crossed, as a point of the cell. */
static void
edge_point(const double z[4], double level, enum edge e, double *x, double *y)
{
	double za = z[edge_corner[e][0]], zb = z[edge_corner[e][1]], t;

	/* An infinite end (a pole) is the limit: the crossing is at the other. */
	if (za == zb || (isinf(za) && isinf(zb)))
		t = 0.5;
	else if (isinf(za))
		t = 1;
	else if (isinf(zb))
		t = 0;
	else                    /* in halves, which cannot overflow */
		t = (level / 2 - za / 2) / (zb / 2 - za / 2);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	switch (e) {
	case EDGE_TOP:
		*x = t;
		*y = 0;
		break;
	case EDGE_RIGHT:
		*x = 1;
		*y = t;
		break;
	case EDGE_BOTTOM:
		*x = t;
		*y = 1;
		break;
	default:
		*x = 0;
		*y = t;
		break;
	}
}

int
plot_march(const double z[4], double level, double seg[2][4])
{
	const enum edge (*pairs)[2];
	int c, i, k, n = 0;

	if (isnan(level))
		return 0;
	for (i = 0; i < 4; i++)
		if (isnan(z[i]))
			return 0;
	c = (z[0] >= level) << 3 | (z[1] >= level) << 2 | (z[2] >= level) << 1 |
	    (z[3] >= level);
	if (c == 5 || c == 10) {
		/* The mean, summed in quarters so that it cannot overflow. */
		double centre = z[0] / 4 + z[1] / 4 + z[2] / 4 + z[3] / 4;

		pairs = saddle_table[c == 10][!(centre >= level)];
	} else {
		pairs = march_table[c];
	}
	for (k = 0; k < 2 && pairs[k][0] != EDGE_NONE; k++, n++) {
		edge_point(z, level, pairs[k][0], &seg[n][0], &seg[n][1]);
		edge_point(z, level, pairs[k][1], &seg[n][2], &seg[n][3]);
	}
	return n;
}
