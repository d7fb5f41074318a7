/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-claims.c - reads what a page claims ("check": the critical
 * points, the global minimum, convexity, a value, where a run ends), for
 * lesson-check.c to prove.  A claim states one thing; a claim about a run
 * belongs on a page that has runs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "lesson-int.h"

int
cp_kind_from(const char *s)
{
	static const char *const kinds[] = { "minimum", "maximum", "saddle", "degenerate" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, kinds[i]) == 0)
			return i;
	return -1;
}

/* A point {"at": [...], "kind": ..., "f": ...} of a claim. */
static int
get_claim_point(struct loader *L, const cJSON *o, struct claim *c, int i, int dim,
		int with_kind)
{
	static const char *const fields[] = { "at", "kind", "f", NULL };
	const cJSON *at, *kind;

	if (!cJSON_IsObject(o)) {
		lesson_error(L, AT(o), "a point of a claim is an object like {\"at\": [2], "
			     "\"kind\": \"minimum\", \"f\": -11}, not %s", json_type_name(o));
		return -1;
	}
	/* TRANSLATORS: what a claim's member holds, named in messages */
	check_members(L, o, fields, _("a point of a claim"));
	c->pline[i] = AT(o).line;
	c->pcolumn[i] = AT(o).column;
	at = member(L, o, "at", 1, _("a point of a claim"));
	if (at == NULL || get_numbers(L, at, "at", dim, 8, c->x[i]) < 0)
		return -1;
	c->has_f[i] = get_number(L, o, "f", 0, _("a point"), &c->f[i]);
	c->cpkind[i] = -1;
	kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	if (kind != NULL) {
		if (!with_kind) {
			lesson_error(L, KEY_AT(kind), "this claim has no \"kind\"");
			return -1;
		}
		if (!cJSON_IsString(kind) || (c->cpkind[i] = cp_kind_from(kind->valuestring)) < 0) {
			lesson_error(L, AT(kind), "\"kind\" must be \"minimum\", \"maximum\", "
				     "\"saddle\" or \"degenerate\"");
			return -1;
		}
	}
	return 0;
}

/* The members of a claim (descent-lessons(5), Claims; test-lesson-doc.c). */
const char *const lesson_claim_fields[] = { "critical_points", "global_minimum", "convex",
					    "converges_to", "diverges", "stops_at", "value",
					    "gradient", "eigenvalues", "rates", "final_value",
					    "converges_in", "at_step", "final_loss", "sharpness",
					    "census", "barrier", "lowest_val", "tolerance", "run",
					    NULL };

/* A range [lo, hi] of a census claim into r; 1 when present and valid. */
static int
census_range(struct loader *L, const cJSON *m, const char *name, double *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, name);

	if (v == NULL)
		return 0;
	if (get_numbers(L, v, name, 2, 2, r) < 0)
		return 0;
	if (!(r[0] <= r[1])) {
		lesson_error(L, AT(v), "\"%s\" is a range [low, high], low first", name);
		return 0;
	}
	return 1;
}

/*
 * The claims of a network page (descent-lessons(5), Network claims):
 * final_loss, sharpness, census, barrier.  Returns 1 when m was one.
 */
static int
network_claim(struct loader *L, const cJSON *e, struct lesson_page *p, struct claim *c)
{
	const cJSON *m;

	if ((m = cJSON_GetObjectItemCaseSensitive(e, "final_loss")) != NULL) {
		static const char *const fm[] = { "train", "val", "test", NULL };
		int i, any = 0;
		c->kind = CLAIM_FINAL_LOSS;
		if (!cJSON_IsObject(m)) {
			lesson_error(L, AT(m), "\"final_loss\" is an object like {\"train\": 0.05, "
				     "\"val\": 0.08, \"test\": 0.09}");
			return 1;
		}
		/* TRANSLATORS: a claim named by its member (final_loss): keep the name */
		check_members(L, m, fm, _("a final_loss claim"));
		for (i = 0; i < 3; i++) {
			c->has_loss[i] = get_number(L, m, fm[i], 0, _("a final_loss claim"), &c->loss[i]);
			any |= c->has_loss[i];
			if (c->has_loss[i] && i > 0 && lesson_part_points(&p->obj, i) == 0)
				lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(m, fm[i])),
					     "\"%s\" is the loss on a held-out part: the page's "
					     "\"data\" needs a \"split\" that holds some points out "
					     "for it", fm[i]);
		}
		if (!any)
			lesson_error(L, AT(m), "a final_loss claim states \"train\", \"val\" or "
				     "\"test\", one of them at least");
	} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "lowest_val")) != NULL) {
		static const char *const lm[] = { "step", "val", "test", NULL };
		c->kind = CLAIM_LOWEST_VAL;
		if (!cJSON_IsObject(m)) {
			lesson_error(L, AT(m), "\"lowest_val\" is an object like {\"step\": 52, "
				     "\"val\": 0.114}: where the run's validation loss is lowest");
			return 1;
		}
		/* TRANSLATORS: a claim named by its member (lowest_val): keep the name */
		check_members(L, m, lm, _("a lowest_val claim"));
		get_count(L, m, "step", 1, _("a lowest_val claim"), 0, LESSON_MAX_STEPS, &c->steps);
		c->has_loss[1] = get_number(L, m, "val", 0, _("a lowest_val claim"), &c->loss[1]);
		c->has_loss[2] = get_number(L, m, "test", 0, _("a lowest_val claim"), &c->loss[2]);
		if (lesson_part_points(&p->obj, CHALLENGE_ON_VAL) == 0)
			lesson_error(L, KEY_AT(m), "\"lowest_val\" is about the validation loss: the "
				     "page's \"data\" needs a \"split\" that holds some points out "
				     "for it");
		else if (c->has_loss[2] && lesson_part_points(&p->obj, CHALLENGE_ON_TEST) == 0)
			lesson_error(L, KEY_AT(cJSON_GetObjectItemCaseSensitive(m, "test")), "\"test\" "
				     "is the loss on a held-out part: the page's \"data\" needs a "
				     "\"split\" that holds some points out for it");
	} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "sharpness")) != NULL) {
		c->kind = CLAIM_SHARPNESS;
		if (!cJSON_IsNumber(m))
			lesson_error(L, AT(m), "\"sharpness\" is the Hessian's largest eigenvalue "
				     "where the run ends, a number");
		else
			c->f[0] = m->valuedouble;
	} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "census")) != NULL) {
		static const char *const cm[] = { "starts", "minima", "saddles", "maxima", "loss",
						  "index", NULL };
		int i, any = 0;
		c->kind = CLAIM_CENSUS;
		if (!cJSON_IsObject(m)) {
			lesson_error(L, AT(m), "\"census\" is an object like {\"starts\": 20, "
				     "\"minima\": [1, 3], \"saddles\": [2, 9]}");
			return 1;
		}
		check_members(L, m, cm, _("a census claim"));
		get_count(L, m, "starts", 1, _("a census claim"), 1, CENSUS_MAX_STARTS, &c->steps);
		for (i = 0; i < CENSUS_RANGES; i++) {
			c->has_range[i] = census_range(L, m, cm[i + 1], c->range[i]);
			any |= cJSON_GetObjectItemCaseSensitive(m, cm[i + 1]) != NULL;
		}
		if (!any)
			lesson_error(L, AT(m), "a census claim states a range of \"minima\", "
				     "\"saddles\", \"maxima\", \"loss\" or \"index\"");
	} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "barrier")) != NULL) {
		static const char *const bm[] = { "to", "height", NULL };
		const cJSON *to;
		char why[160] = "";
		c->kind = CLAIM_BARRIER;
		if (!cJSON_IsObject(m)) {
			lesson_error(L, AT(m), "\"barrier\" is an object like {\"to\": "
				     "\"swap:1:1:2\", \"height\": 0.4}");
			return 1;
		}
		check_members(L, m, bm, _("a barrier claim"));
		to = member(L, m, "to", 1, _("a barrier claim"));
		if (!get_number(L, m, "height", 1, _("a barrier claim"), &c->f[0]) || to == NULL)
			return 1;
		if (!cJSON_IsString(to) || strlen(to->valuestring) >= sizeof c->to ||
		    network_line_check(p, to->valuestring, why, sizeof why) < 0)
			lesson_error(L, AT(to), "\"to\" is where the line from the run's end "
				     "goes: \"start\" (where the run started), \"swap:L:J:K\" "
				     "(its copy with hidden units J and K of layer L swapped) or "
				     "\"run:K\" (where run K ends)%s", why);
		else
			snprintf(c->to, sizeof c->to, "%s", to->valuestring);
	} else {
		return 0;
	}
	if (!(page_kind_of(p->kind)->flags & PK_NETWORK))
		lesson_error(L, AT(e), "a claim about a network's training belongs on a network "
			     "page");
	return 1;
}

void
get_claims(struct loader *L, const cJSON *page, struct lesson_page *p, int dim, int has_obj)
{

	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(page, "check"), *e;
	int runs = (page_kind_of(p->kind)->flags & PK_RUNS) != 0;

	if (arr == NULL)
		return;
	if (!cJSON_IsArray(arr)) {
		lesson_error(L, AT(arr), "\"check\" must be an array of claims, not %s",
			     json_type_name(arr));
		return;
	}
	if (!has_obj) {
		lesson_error(L, KEY_AT(arr), "claims need a page with a \"function\" or \"data\"");
		return;
	}
	if (cJSON_GetArraySize(arr) > LESSON_MAX_CLAIMS) {
		lesson_error(L, AT(arr), "a page makes at most %d claims, and this one makes "
			     "%d: move some to another page", LESSON_MAX_CLAIMS,
			     cJSON_GetArraySize(arr));
		return;
	}
	p->claims = xcalloc(cJSON_GetArraySize(arr) + 1, sizeof *p->claims);
	for (e = arr->child; e != NULL; e = e->next) {
		struct claim *c = &p->claims[p->nclaims];
		const cJSON *m;
		int n = 0;

		memset(c, 0, sizeof *c);
		c->line = AT(e).line;
		c->column = AT(e).column;
		c->tolerance = 1e-4;
		if (!cJSON_IsObject(e)) {
			lesson_error(L, AT(e), "a claim is an object like {\"convex\": false}, not %s",
				     json_type_name(e));
			continue;
		}
		check_members(L, e, lesson_claim_fields, _("a claim"));
		if (get_number(L, e, "tolerance", 0, _("a claim"), &c->tolerance) &&
		    !(c->tolerance > 0 && c->tolerance < 1))
			lesson_error(L, AT(cJSON_GetObjectItemCaseSensitive(e, "tolerance")), "a claim's \"tolerance\" is relative: it must be above 0 and "
				     "below 1, not %g", c->tolerance);
		{
			long run = 0;
			const cJSON *rm = cJSON_GetObjectItemCaseSensitive(e, "run");
			if (get_count(L, e, "run", 0, _("a claim"), 0, LESSON_MAX_RUNS - 1, &run) &&
			    runs && run >= p->descent.nruns)
				lesson_error(L, AT(rm), "\"run\": %ld names no run: the page has %d, "
					     "numbered from 0", run, p->descent.nruns);
			c->run = (int)run;
		}
		for (m = e->child; m != NULL; m = m->next)
			n += strcmp(m->string, "tolerance") != 0 && strcmp(m->string, "run") != 0;
		if (n != 1) {
			if (n == 0)
				lesson_error(L, AT(e), "a claim states one thing: this one states "
					     "nothing");
			else
				lesson_error(L, AT(e), "a claim states one thing: split it into "
					     "several claims");
			continue;
		}
		{
			/* an at_step of f and |grad f| alone is any size's */
			const cJSON *as = cJSON_GetObjectItemCaseSensitive(e, "at_step");
			if (dim > 8 && (cJSON_GetObjectItemCaseSensitive(e, "value") != NULL ||
					cJSON_GetObjectItemCaseSensitive(e, "gradient") != NULL ||
					cJSON_GetObjectItemCaseSensitive(e, "eigenvalues") != NULL ||
					cJSON_GetObjectItemCaseSensitive(e, "converges_to") != NULL ||
					(as != NULL && cJSON_IsObject(as) &&
					 cJSON_GetObjectItemCaseSensitive(as, "at") != NULL))) {
				lesson_error(L, AT(e), "this model has %d parameters, and a claim with "
					     "a point has 8 at most: claim its final_value, final_loss, "
					     "sharpness, or f at a step (at_step without \"at\")",
					     dim);
				continue;
			}
		}
		if (network_claim(L, e, p, c)) {
			p->nclaims++;
			continue;
		}
		if ((m = cJSON_GetObjectItemCaseSensitive(e, "critical_points")) != NULL) {
			const cJSON *q;
			c->kind = CLAIM_CRITICAL_POINTS;
			if (!cJSON_IsArray(m)) {
				lesson_error(L, AT(m), "\"critical_points\" must be an array of points");
				continue;
			}
			if (dim > 2) {
				lesson_error(L, AT(m), "critical points are found for functions of "
					     "one or two variables");
				continue;
			}
			if (cJSON_GetArraySize(m) > CLAIM_MAX_POINTS) {
				lesson_error(L, AT(m), "a claim lists at most %d critical points; "
					     "narrow the region", CLAIM_MAX_POINTS);
				continue;
			}
			for (q = m->child; q != NULL && c->npoints < CLAIM_MAX_POINTS; q = q->next)
				if (get_claim_point(L, q, c, c->npoints++, dim, 1) < 0)
					break;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "global_minimum")) != NULL) {
			c->kind = CLAIM_GLOBAL_MINIMUM;
			c->npoints = 1;
			if (dim > 2)
				lesson_error(L, AT(m), "the global minimum is found for functions of "
					     "one or two variables");
			else if (get_claim_point(L, m, c, 0, dim, 0) < 0)
				continue;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "value")) != NULL) {
			c->kind = CLAIM_VALUE;
			c->npoints = 1;
			if (get_claim_point(L, m, c, 0, dim, 0) < 0)
				continue;
			if (!c->has_f[0])
				lesson_error(L, AT(m), "a value claim needs \"f\"");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "gradient")) != NULL ||
			   (m = cJSON_GetObjectItemCaseSensitive(e, "eigenvalues")) != NULL) {
			/* {"at": [1, 2], "g": [4, 0]}, {"at": [0, 0], "values": [-2, 2]} */
			int grad = strcmp(m->string, "gradient") == 0;
			const char *vname = grad ? "g" : "values";
			static const char *const gm[] = { "at", "g", NULL };
			static const char *const em[] = { "at", "values", NULL };
			const cJSON *at, *vs;
			c->kind = grad ? CLAIM_GRADIENT : CLAIM_EIGENVALUES;
			if (!cJSON_IsObject(m)) {
				lesson_error(L, AT(m), "\"%s\" must be an object like {\"at\": [1], "
					     "\"%s\": [2]}", m->string, vname);
				continue;
			}
			if (dim < 1 || dim > 8) {
				lesson_error(L, AT(m), "\"%s\" is for functions of 1 to 8 variables",
					     m->string);
				continue;
			}
			check_members(L, m, grad ? gm : em, grad ? _("a gradient claim") :
				      _("an eigenvalues claim"));
			at = member(L, m, "at", 1, m->string);
			vs = member(L, m, vname, 1, m->string);
			if (at == NULL || vs == NULL || get_numbers(L, at, "at", dim, 8, c->at) < 0 ||
			    get_numbers(L, vs, vname, dim, 8, c->vals) < 0)
				continue;
			c->nvals = dim;
			if (!grad) {
				int i;
				for (i = 1; i < dim; i++)
					if (c->vals[i] < c->vals[i - 1])
						lesson_error(L, AT(vs), "the eigenvalues are listed from the "
							     "smallest to the largest");
			}
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "rates")) != NULL) {
			/* {"limit": 0.18, "best": 0.17, "condition": 12.3, "momentum_lr": ...} */
			static const char *const rm[LESSON_RATES + 1] = {
				"limit", "best", "condition", "momentum_lr", "momentum_beta", NULL,
			};
			int i, any = 0;
			c->kind = CLAIM_RATES;
			if (!cJSON_IsObject(m)) {
				lesson_error(L, AT(m), "\"rates\" must be an object like "
					     "{\"limit\": 0.18}");
				continue;
			}
			check_members(L, m, rm, _("a rates claim"));
			for (i = 0; i < LESSON_RATES; i++) {
				c->has_rate[i] = get_number(L, m, rm[i], 0, _("a rates claim"), &c->rate[i]);
				any |= c->has_rate[i];
			}
			if (!any)
				lesson_error(L, AT(m), "a rates claim states \"limit\" (2/lmax), "
					     "\"best\" (2/(lmin + lmax)), \"condition\" "
					     "(lmax/lmin), \"momentum_lr\" or \"momentum_beta\"");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "convex")) != NULL) {
			c->kind = CLAIM_CONVEX;
			if (!cJSON_IsBool(m))
				lesson_error(L, AT(m), "\"convex\" must be true or false");
			else if (dim > 2)
				lesson_error(L, AT(m), "convexity is checked for functions of one or "
					     "two variables; this one has %d", dim);
			c->convex = cJSON_IsTrue(m);
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "converges_to")) != NULL) {
			c->kind = CLAIM_CONVERGES_TO;
			c->npoints = 1;
			if (get_numbers(L, m, "converges_to", dim, 8, c->x[0]) < 0)
				continue;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "diverges")) != NULL) {
			c->kind = CLAIM_DIVERGES;
			if (!cJSON_IsTrue(m))
				lesson_error(L, AT(m), "\"diverges\" must be true (a run that does not "
					     "diverge is claimed with converges_to or stops_at)");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "final_value")) != NULL) {
			c->kind = CLAIM_FINAL_VALUE;
			c->npoints = 1;
			if (!cJSON_IsNumber(m)) {
				lesson_error(L, AT(m), "\"final_value\" is the value of f where the "
					     "run ends, a number");
				continue;
			}
			c->f[0] = m->valuedouble;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "converges_in")) != NULL) {
			c->kind = CLAIM_CONVERGES_IN;
			if (!get_count(L, e, "converges_in", 1, _("a claim"), 0, LESSON_MAX_STEPS,
				       &c->steps))
				continue;
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "at_step")) != NULL) {
			/* a row of a run's table: {"step": 5, "at": [...], "f": F, "grad": G} */
			static const char *const af[] = { "step", "at", "f", "grad", NULL };
			const cJSON *at;
			c->kind = CLAIM_AT_STEP;
			c->npoints = 1;
			if (!cJSON_IsObject(m)) {
				lesson_error(L, AT(m), "\"at_step\" is an object like {\"step\": 5, "
					     "\"at\": [0.4], \"f\": 0.16, \"grad\": 0.8}");
				continue;
			}
			/* TRANSLATORS: the member "at_step" of a claim: keep the name */
			check_members(L, m, af, _("\"at_step\""));
			if (!get_count(L, m, "step", 1, _("\"at_step\""), 0, LESSON_MAX_STEPS, &c->steps))
				continue;
			at = cJSON_GetObjectItemCaseSensitive(m, "at");
			c->has_at = at != NULL;
			if (at != NULL && get_numbers(L, at, "at", dim, 8, c->x[0]) < 0)
				continue;
			c->has_f[0] = get_number(L, m, "f", 0, _("\"at_step\""), &c->f[0]);
			c->has_gnorm = get_number(L, m, "grad", 0, _("\"at_step\""), &c->gnorm);
			if (!c->has_at && !c->has_f[0] && !c->has_gnorm)
				lesson_error(L, AT(m), "\"at_step\" states the point (\"at\"), \"f\" or "
					     "\"grad\" after its step, one of them at least");
		} else if ((m = cJSON_GetObjectItemCaseSensitive(e, "stops_at")) != NULL) {
			c->kind = CLAIM_STOPS_AT;
			if (!cJSON_IsString(m) || (c->cpkind[0] = cp_kind_from(m->valuestring)) < 0) {
				lesson_error(L, AT(m), "\"stops_at\" must be \"minimum\", \"maximum\", "
					     "\"saddle\" or \"degenerate\"");
				continue;
			}
		}
		if ((c->kind == CLAIM_CONVERGES_TO || c->kind == CLAIM_DIVERGES ||
		     c->kind == CLAIM_STOPS_AT || c->kind == CLAIM_FINAL_VALUE ||
		     c->kind == CLAIM_CONVERGES_IN || c->kind == CLAIM_AT_STEP) && !runs)
			lesson_error(L, AT(e), "a claim about a run belongs on a descent page");
		p->nclaims++;
	}
}
