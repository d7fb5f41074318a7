/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-challenge.c - a challenge on the full screen: o chooses the
 * optimizer among those the page allows, [ ] the learning rate within
 * its range (from the page's preset, which the checker proves does not
 * win: finding the setting is the exercise), and Enter tries it; the
 * attempt is drawn over the figure, from the start S to the goal G, and a
 * new setting clears it and its verdict.  With a goal of loss, the
 * learner also chooses the batch size (, .) and the init (i) among those
 * the page lists; a model of many parameters is drawn as a network page
 * draws it: the attempt's loss curve, and what it learned.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/i18n.h"
#include "descent/util.h"
#include "ui-reader.h"

static void
challenge_enter(struct ui *u, struct reader *rd, const struct lesson_page *p)
{
	(void)u;
	rd->opt = p->challenge.preset;
	rd->lr = p->challenge.preset_lr;
	rd->batch = rd->init = 0;       /* the preset's */
}

/* A new setting: the last attempt and its verdict no longer apply. */
static void
changed(struct ui *u)
{
	runner_challenge_clear(&u->runner);
	u->message[0] = '\0';
	plot_fig_free(u->fig);
	u->fig = NULL;
}

static int
challenge_rows(struct ui *u, const struct lesson_page *p)
{
	(void)u;
	(void)p;
	return 4;                       /* the setting, a blank, two of feedback */
}

static int
challenge_draw(struct ui *u, struct reader *rd, const struct lesson_page *p, int y)
{
	const struct optimizer *opt = p->challenge.allowed[rd->opt];
	char buf[200];
	size_t len;
	int k;

	len = (size_t)snprintf(buf, sizeof buf, _("Optimizer %s"), opt->name);
	for (k = 0; k < OPT_PARAM_COUNT && len < sizeof buf; k++)
		/* the page's own settings for it: "momentum (beta 0.5)" */
		if ((p->challenge.params_set & (1u << k)) && opt_uses(opt, opt_params_table[k].name))
			len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%s %g",
						strchr(buf, '(') ? "" : "(", opt_params_table[k].name,
						opt_param_get(&p->challenge.params, k));
	if (strchr(buf, '(') != NULL && len < sizeof buf)
		len += (size_t)snprintf(buf + len, sizeof buf - len, ")");
	if (len < sizeof buf)
		len += (size_t)snprintf(buf + len, sizeof buf - len, _(", learning rate %.4g"),
					rd->lr);
	if (p->challenge.loss_goal && len < sizeof buf) {
		/* ", batch 8, init zeros": what the page lets the learner choose */
		const struct page_challenge *q = &p->challenge;
		if (q->nbatches > 1 && q->batches[rd->batch] == 0)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", _(", batch all"));
		else if (q->nbatches > 1)
			len += (size_t)snprintf(buf + len, sizeof buf - len, _(", batch %zu"),
						q->batches[rd->batch]);
		if (q->ninits > 1 && len < sizeof buf)
			snprintf(buf + len, sizeof buf - len, _(", init %s"), q->inits[rd->init]);
	}
	move(y++, 2);
	ui_put_utf8(buf, strlen(buf), u->cols - 4, 0);
	return y;
}

static int
challenge_key(struct ui *u, struct reader *rd, const struct lesson_page *p, int ch)
{
	const struct page_challenge *q = &p->challenge;

	switch (ch) {
	case 'o':
		if (q->nallowed == 1) {
			snprintf(u->message, sizeof u->message, _("This challenge allows %s only."),
				 q->allowed[0]->name);
			return 1;
		}
		rd->opt = (rd->opt + 1) % q->nallowed;
		changed(u);
		return 1;
	case '[': case ']': {
		double lr = ch == ']' ? rd->lr * 1.25 : rd->lr / 1.25;
		if (lr >= q->lr_min * 0.999999 && lr <= q->lr_max * 1.000001) {
			rd->lr = lr;
			changed(u);
		}
		return 1;
	}
	case ',': case '.':
		/* the next or the last batch size of the page's */
		if (!q->loss_goal || q->nbatches < 2) {
			snprintf(u->message, sizeof u->message, "%s", q->loss_goal ?
				 _("This challenge has one batch size.") :
				 _("This challenge has no batches: a function has no examples."));
			return 1;
		}
		rd->batch = (rd->batch + (ch == '.' ? 1 : q->nbatches - 1)) % q->nbatches;
		changed(u);
		return 1;
	case 'i':
		if (!q->loss_goal || q->ninits < 2) {
			snprintf(u->message, sizeof u->message, "%s",
				 _("This challenge has one start."));
			return 1;
		}
		rd->init = (rd->init + 1) % q->ninits;
		changed(u);
		return 1;
	case '\n': case '\r': case KEY_ENTER:
		ui_reader_judge(u, rd, runner_challenge_with(&u->runner, q->allowed[rd->opt],
							     rd->lr, rd->batch, rd->init));
		plot_fig_free(u->fig);  /* the new attempt replaces the last */
		u->fig = NULL;
		return 1;
	default:
		return ui_reader_figure_keys(rd, ch);
	}
}

/* The keys; o only when there is more than one optimizer to choose. */
static const char *
challenge_status(struct ui *u, const struct reader *rd, char *buf, size_t size)
{
	const struct lesson_page *p = &u->chapter->pages[u->runner.page];

	const struct page_challenge *q = &p->challenge;

	(void)rd;
	if (q->loss_goal && (q->nbatches > 1 || q->ninits > 1))
		/* TRANSLATORS: the status line of a challenge, with the keys of
		 * the next messages in it: 53 columns at most */
		snprintf(buf, size, _("%s[ ]:rate %s%sEnter:try q:map"),
			 q->nallowed > 1 ? _("o:optimizer ") : "",
			 q->nbatches > 1 ? _(", .:batch ") : "", q->ninits > 1 ? _("i:init ") : "");
	else
		/* TRANSLATORS: 53 columns at most with "o:optimizer " */
		snprintf(buf, size, _("%s[ ]:rate Enter:try h:hint n/p:page q:map"),
			 q->nallowed > 1 ? _("o:optimizer ") : "");
	return buf;
}

/*
 * A goal of loss on a model of many parameters: the attempt's loss curve
 * and what it learned, or before one the model where the chosen init
 * starts it.
 */
static int
challenge_figure(struct ui *u, struct reader *rd, const struct lesson_page *p, int y, int h)
{
	const struct page_challenge *q = &p->challenge;
	struct run *r = u->runner.challenge;
	struct expr_mlp net;
	struct diag err;
	double *w;
	int n = objective_dim(u->runner.obj);

	if (!q->loss_goal || n <= 2)
		return 0;
	if (r != NULL) {
		const struct trajectory *t = run_trajectory(r);
		struct plot_series s;
		s.name = _("the attempt");
		s.v = t->f;
		s.n = t->len;
		plot_traj_style(0, &s.glyph, &s.color);
		ui_network_figure(u, &s, 1, run_point(r), q->allowed[rd->opt]->name, p, y, h);
		return 1;
	}
	w = xcalloc((size_t)n + 1, sizeof *w);
	if (q->ninits > 0 && lesson_page_network(p, &net))
		expr_mlp_init(&net, q->inits[rd->init], q->seed, w, &err);
	else
		memcpy(w, p->start, (size_t)(n < 8 ? n : 8) * sizeof *w);
	ui_network_figure(u, NULL, 0, w, NULL, p, y, h);
	free(w);
	return 1;
}

const struct ui_page_kind ui_kind_challenge = {
	/* TRANSLATORS: at most 53 columns: the status line of a challenge */
	.keys = N_("o:optimizer [ ]:rate Enter:try h:hint n/p:page q:map"),
	.status = challenge_status,
	.feedback_rows = 2,
	.enter = challenge_enter,
	.rows = challenge_rows,
	.draw = challenge_draw,
	.key = challenge_key,
	.figure = challenge_figure,
};
