/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-view.c - the view of a page (lesson_page_view), which the
 * full screen and learn --plain both draw from: what the page decides
 * (its region, its "show" as overlays, no critical markers on a locate
 * page, the ball's tangent on descent and challenge pages, the caption)
 * and what the front end keeps (size, encoding, trail, arrow; colour,
 * which shades a 2D figure); pages without a figure; and the runs drawn,
 * the challenge's attempt among them.
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/plot.h"

static const char chapter[] =
	"{\n"
	"  \"id\": \"views\", \"title\": \"Views\", \"order\": 1, \"summary\": \"S.\",\n"
	"  \"pages\": [\n"
	"    {\"kind\": \"text\", \"title\": \"T\", \"body\": \"Text.\"},\n"
	"    {\"kind\": \"plot\", \"function\": \"x^4 - 2*x^2 + y^2\", \"x\": [-2, 2],\n"
	"     \"y\": [-1.5, 1.5], \"show\": [\"critical\", \"shade\", \"basins\"]},\n"
	"    {\"kind\": \"plot\", \"function\": \"x^4 - 8*x^2 + 5\", \"x\": [-3, 3],\n"
	"     \"show\": [\"critical\", \"convexity\"], \"tangent\": 1},\n"
	"    {\"kind\": \"locate\", \"function\": \"x^2 - y^2 + 0.1*x^4 + 0.1*y^4\",\n"
	"     \"x\": [-4, 4], \"y\": [-4, 4], \"target\": \"saddle\", \"tolerance\": 0.3},\n"
	"    {\"kind\": \"descent\", \"function\": \"x^2\", \"start\": [1],\n"
	"     \"runs\": [{\"optimizer\": \"gd\", \"lr\": 0.1}], \"steps\": 50},\n"
	"    {\"kind\": \"challenge\", \"function\": \"(x^2+y-11)^2+(x+y^2-7)^2\",\n"
	"     \"start\": [0, 0], \"optimizers\": [\"gd\"], \"lr\": [0.0001, 0.02],\n"
	"     \"goal\": {\"point\": [3, 2], \"within\": 0.05, \"steps\": 300}}\n"
	"  ]\n"
	"}\n";

struct fixture {
	struct diags ds;
	struct lesson_chapter *c;
	struct lesson_runner r;
};

static void
open_chapter(struct fixture *f)
{
	diags_init(&f->ds);
	f->c = lesson_parse(chapter, strlen(chapter), "views.json", &f->ds);
	cr_assert_not_null(f->c, "the chapter loads");
	runner_init(&f->r, f->c, NULL, &f->ds);
}

static void
close_chapter(struct fixture *f)
{
	runner_done(&f->r);
	lesson_chapter_free(f->c);
	diags_done(&f->ds);
}

/* The view of page n, from a front end's options (width 60, ASCII, color). */
static int
view(struct fixture *f, int n, int color, struct plot_opts *po, char *caption, size_t size)
{
	runner_goto(&f->r, n);
	plot_opts_init(po);
	po->width = 60;
	po->height = 17;
	po->enc = PLOT_ENC_ASCII;
	po->color = color;
	po->trail = 0;
	po->arrow = 1;
	return lesson_page_view(&f->r, po, caption, size);
}

Test(lesson_view, a_2d_plot_page)
{
	struct fixture f;
	struct plot_opts po;
	char cap[128];

	open_chapter(&f);
	cr_assert_eq(view(&f, 1, 0, &po, cap, sizeof cap), 0);
	cr_assert_eq(po.overlays, PLOT_OV_CRITICAL | PLOT_OV_SHADE | PLOT_OV_BASINS,
		     "the page's show, as asked (plot resolves it)");
	cr_assert_eq(plot_overlays(po.overlays, 2, 0), PLOT_OV_CRITICAL | PLOT_OV_BASINS);
	cr_assert(po.x0 == -2 && po.x1 == 2 && po.y0 == -1.5 && po.y1 == 1.5);
	cr_assert_eq(po.aspect, 0, "the page's region, whole");
	cr_assert_str_eq(cap, "f(x, y) = x^4 - 2*x^2 + y^2");
	cr_assert_eq(po.title, 1);
	cr_assert_eq(po.ball_tangent, 0);
	/* the front end's part is kept */
	cr_assert(po.width == 60 && po.height == 17 && po.enc == PLOT_ENC_ASCII);
	cr_assert(po.trail == 0 && po.arrow == 1);
	close_chapter(&f);
}

Test(lesson_view, colour_shades_under_the_page_fill)
{
	struct fixture f;
	struct plot_opts po;
	char cap[128];

	open_chapter(&f);
	cr_assert_eq(view(&f, 1, 1, &po, cap, sizeof cap), 0);
	cr_assert(po.overlays & PLOT_OV_SHADE);
	cr_assert_eq(plot_overlays(po.overlays, 2, 1),
		     PLOT_OV_CRITICAL | PLOT_OV_BASINS | PLOT_OV_CONTOURS, "basins win");
	cr_assert_eq(view(&f, 2, 1, &po, cap, sizeof cap), 0);
	cr_assert_eq(plot_overlays(po.overlays, 1, 1),
		     PLOT_OV_CRITICAL | PLOT_OV_TANGENT | PLOT_OV_CONVEXITY, "1D: no shade");
	close_chapter(&f);
}

Test(lesson_view, a_1d_plot_page_and_its_tangent)
{
	struct fixture f;
	struct plot_opts po;
	char cap[128];

	open_chapter(&f);
	cr_assert_eq(view(&f, 2, 0, &po, cap, sizeof cap), 0);
	cr_assert_eq(po.overlays, PLOT_OV_CRITICAL | PLOT_OV_TANGENT | PLOT_OV_CONVEXITY);
	cr_assert(po.tangent_x == 1);
	cr_assert(po.x0 == -3 && po.x1 == 3 && po.y0 == 0 && po.y1 == 0, "f's range automatic");
	cr_assert_str_eq(cap, "f(x) = x^4 - 8*x^2 + 5");
	close_chapter(&f);
}

Test(lesson_view, a_locate_page_does_not_mark_its_answer)
{
	struct fixture f;
	struct plot_opts po;
	char cap[128];

	open_chapter(&f);
	/* a locate page has no "show": its view asks for no markers */
	cr_assert_eq(view(&f, 3, 0, &po, cap, sizeof cap), 0);
	cr_assert_eq(po.overlays & PLOT_OV_CRITICAL, 0);
	cr_assert_eq(po.overlays, 0);
	close_chapter(&f);
}

Test(lesson_view, descent_and_challenge_pages_roll_the_ball)
{
	struct fixture f;
	struct plot_opts po;
	struct plot_fig *fig;
	char cap[128];
	struct diag err;
	int cx, found = 0;

	open_chapter(&f);
	cr_assert_eq(view(&f, 4, 0, &po, cap, sizeof cap), 0);
	cr_assert_eq(po.ball_tangent, 1);
	cr_assert_eq(view(&f, 5, 0, &po, cap, sizeof cap), 0);
	cr_assert_eq(po.ball_tangent, 1);
	/* the attempt is drawn, and named, in the legend */
	cr_assert_eq(runner_challenge(&f.r, f.c->pages[5].challenge.allowed[0], 0.01), ANSWER_RIGHT,
		     "%s", f.r.feedback);
	fig = plot_fig_new(f.r.obj, &po, cap, &err);
	cr_assert_not_null(fig, "%s", err.message);
	lesson_view_runs(&f.r, fig);
	{
		char row[61];
		for (cx = 0; cx < 60; cx++)
			row[cx] = (char)plot_canvas_cell(plot_fig_canvas(fig), cx, 16).ch;
		row[60] = '\0';
		found = strstr(row, "your attempt") != NULL;
		cr_assert(found, "the legend: '%s'", row);
	}
	plot_fig_free(fig);
	close_chapter(&f);
}

Test(lesson_view, pages_without_a_figure)
{
	struct fixture f;
	struct plot_opts po;
	char cap[16] = "x";

	open_chapter(&f);
	cr_assert_eq(view(&f, 0, 0, &po, cap, sizeof cap), -1);
	cr_assert_str_eq(cap, "", "no caption");
	close_chapter(&f);
}
