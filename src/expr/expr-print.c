/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-print.c - prints a node back as text, with the fewest parentheses
 * that keep the tree: the text parses back to the same function.
 *
 * Precedence, loosest first: + - (1), * / (2), unary minus (3), ^ (4),
 * atoms (5).  A negative constant prints like a unary minus.  Binary
 * operators are left-associative, so a right operand of equal precedence
 * gets parentheses (a - (b - c)); ^ is right-associative, so the base
 * does.  A unary minus that is not the first thing printed gets
 * parentheses (a*(-b)), which keeps the text readable.
 *
 * The output is bounded by the caller's maxlen: a DAG can print as a
 * tree exponentially larger than itself.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/util.h"
#include "expr-int.h"

struct out {
	char *buf;
	size_t len, cap, max;
	int full;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->full)
		return;
	if (o->len + n > o->max) {
		o->full = 1;
		return;
	}
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap *= 2;
		o->buf = xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* The shortest decimal text that reads back as v. */
static void
put_number(struct out *o, double v)
{
	char buf[40];
	int prec;

	/* text that parses back to the same value */
	if (isnan(v)) {
		puts_(o, "(0/0)");
		return;
	}
	if (isinf(v)) {
		puts_(o, v > 0 ? "(1/0)" : "(-1/0)");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* 400, not 4e+02: plain digits up to 1e16 */
	{
		const char *x = strchr(buf, 'e');
		int ex = x != NULL ? atoi(x + 1) : -1;
		if (ex >= 0 && ex < 16)
			snprintf(buf, sizeof buf, "%.*g", ex + 1 > prec ? ex + 1 : prec, v);
	}
	puts_(o, buf);
}

static int
prec_of(const struct expr *e, int n)
{
	const struct node *nd = expr_node(e, n);

	switch ((enum node_op)nd->op) {
	case N_ADD: case N_SUB: return 1;
	case N_MUL: case N_DIV: return 2;
	case N_NEG: return 3;
	case N_POW: return 4;
	case N_CONST: return signbit(nd->v) && !isnan(nd->v) && !isinf(nd->v) ? 3 : 5;
	default: return 5;
	}
}

static void print_node(const struct expr *e, int n, struct out *o, int depth);

/* Whether the text of n starts with a minus sign. */
static int
leads_with_minus(const struct expr *e, int n)
{
	for (;;) {
		const struct node *nd = expr_node(e, n);
		switch ((enum node_op)nd->op) {
		case N_NEG:
			return 1;
		case N_CONST:
			return signbit(nd->v) && !isnan(nd->v) && !isinf(nd->v);
		case N_ADD: case N_SUB: case N_MUL: case N_DIV:
			n = nd->a;      /* printed first, and never in parentheses */
			break;
		default:
			return 0;
		}
	}
}

/*
 * Prints n, in parentheses when its precedence is below min, or when it
 * would start with a minus sign where one reads badly (after an operator).
 */
static void
operand(const struct expr *e, int n, int min, int lead, struct out *o, int depth)
{
	int paren = prec_of(e, n) < min || (!lead && leads_with_minus(e, n));

	if (paren)
		puts_(o, "(");
	print_node(e, n, o, depth);
	if (paren)
		puts_(o, ")");
}

static void
print_node(const struct expr *e, int n, struct out *o, int depth)
{
	const struct node *nd = expr_node(e, n);
	const struct expr_func *f;

	if (o->full)
		return;
	if (depth > 100000) {           /* cannot happen: nodes are finite */
		o->full = 1;
		return;
	}
	switch ((enum node_op)nd->op) {
	case N_CONST:
		put_number(o, nd->v);
		return;
	case N_VAR:
		puts_(o, e->vars[nd->a]);
		return;
	case N_ADD: case N_SUB:
		operand(e, nd->a, 1, 1, o, depth + 1);
		puts_(o, nd->op == N_ADD ? " + " : " - ");
		operand(e, nd->b, 2, 0, o, depth + 1);
		return;
	case N_MUL: case N_DIV:
		operand(e, nd->a, 2, 1, o, depth + 1);
		puts_(o, nd->op == N_MUL ? "*" : "/");
		/* c*(x*y) prints as c*x*y: it parses as (c*x)*y, which the
		 * constructors turn back into c*(x*y) */
		if (nd->op == N_MUL && expr_node(e, nd->a)->op == N_CONST &&
		    expr_node(e, nd->b)->op == N_MUL)
			operand(e, nd->b, 2, 0, o, depth + 1);
		else
			operand(e, nd->b, 4, 0, o, depth + 1);
		return;
	case N_NEG:
		puts_(o, "-");
		/* -(a*b) prints as -a*b: it parses back to the same tree; but
		 * never "--a" */
		operand(e, nd->a, 2, 0, o, depth + 1);
		return;
	case N_POW:
		operand(e, nd->a, 5, 1, o, depth + 1);
		puts_(o, "^");
		operand(e, nd->b, 4, 0, o, depth + 1);
		return;
	default:
		f = expr_func_by_op(nd->op);
		if (f == NULL)
			fatal("print_node: bad op %d", nd->op);
		puts_(o, f->name);
		puts_(o, "(");
		if (f->arity == 3) {
			print_node(e, nd->c, o, depth + 1);
			puts_(o, ", ");
		}
		print_node(e, nd->a, o, depth + 1);
		if (f->arity >= 2) {
			puts_(o, ", ");
			print_node(e, nd->b, o, depth + 1);
		}
		puts_(o, ")");
		return;
	}
}

char *
expr_to_string(const struct expr *e, int n, size_t maxlen,
	       struct diag *err)
{
	struct out o;

	o.cap = 64;
	o.buf = xmalloc(o.cap);
	o.buf[0] = '\0';
	o.len = 0;
	o.max = maxlen;
	o.full = 0;
	print_node(e, n, &o, 0);
	if (o.full) {
		free(o.buf);
		diag_set(err, NULL, 0, 0, "the expression is too long to print (more than %zu "
			 "characters)", maxlen);
		return NULL;
	}
	return o.buf;
}
