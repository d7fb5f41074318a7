/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr-parse.c - lexer and recursive-descent parser of the expression
 * language (descent-expr(7)).
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary | <after a number> power)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary (('^' | '**') unary)?      right-associative
 *   primary := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * Recursion is bounded by EXPR_MAX_DEPTH, and the text by
 * EXPR_MAX_LENGTH, so no input can overflow the stack.  Every error names
 * the byte column where the problem is and says what to write instead.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/util.h"
#include "expr-int.h"

enum tok {
	T_END, T_NUM, T_NAME, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_POW,
	T_LPAREN, T_RPAREN, T_COMMA,
};

struct parser {
	const char *src;
	struct expr *e;
	struct diag *err;
	const char *const *declared;    /* NULL: collect variables */
	int ndeclared;
	int depth;
	int failed;
	/* the current token */
	enum tok tok;
	int pos, len;           /* byte offset and length in src */
	double num;
	/* the previous token, for messages and implicit multiplication */
	enum tok prev;
	int prevpos, prevlen;
	unsigned flags;         /* EXPR_PARSE_* */
};

DESCENT_PRINTF(3, 4) static void
error_at(struct parser *p, int pos, const char *fmt, ...)
{
	va_list ap;
	char buf[sizeof p->err->message];

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	diag_set(p->err, NULL, 0, pos + 1, "%s", buf);
}

/* Characters people paste from maths texts, and what to write instead. */
static const struct {
	const char *utf8, *advice;
} lookalikes[] = {
	{ "\xcf\x80", N_("write 'pi' instead") },       /* π */
	{ "\xc2\xb2", N_("write '^2' instead") },       /* ² */
	{ "\xc2\xb3", N_("write '^3' instead") },       /* ³ */
	{ "\xc2\xb9", N_("write '^1' instead") },       /* ¹ */
	{ "\xe2\x81\xb0", N_("write '^0' instead") },   /* ⁰ */
	{ "\xe2\x81\xb4", N_("write '^4' instead") },   /* ⁴ */
	{ "\xe2\x81\xb5", N_("write '^5' instead") },   /* ⁵ */
	{ "\xe2\x81\xb6", N_("write '^6' instead") },   /* ⁶ */
	{ "\xe2\x81\xb7", N_("write '^7' instead") },   /* ⁷ */
	{ "\xe2\x81\xb8", N_("write '^8' instead") },   /* ⁸ */
	{ "\xe2\x81\xb9", N_("write '^9' instead") },   /* ⁹ */
	{ "\xe2\x81\xbb", N_("write '^-' instead") },   /* ⁻ */
	{ "\xe2\x88\x87", N_("descent computes the gradient from f: write f itself") }, /* ∇ */
	{ "\xce\xb8", N_("write a name like 'theta'") }, /* θ */
	{ "\xe2\x89\xa4", N_("expressions have no comparisons") }, /* ≤ */
	{ "\xc3\x97", N_("write '*' instead") },        /* × */
	{ "\xc2\xb7", N_("write '*' instead") },        /* · */
	{ "\xe2\x8b\x85", N_("write '*' instead") },    /* ⋅ */
	{ "\xc3\xb7", N_("write '/' instead") },        /* ÷ */
	{ "\xe2\x88\x92", N_("write '-' instead") },    /* − */
	{ "\xe2\x88\x9a", N_("write 'sqrt(...)' instead") },/* √ */
};

static void
lex_error_char(struct parser *p, int pos)
{
	const char *s = p->src + pos;
	unsigned char c = (unsigned char)*s;
	size_t i;

	for (i = 0; i < sizeof lookalikes / sizeof lookalikes[0]; i++) {
		size_t n = strlen(lookalikes[i].utf8);
		if (strncmp(s, lookalikes[i].utf8, n) == 0) {
			error_at(p, pos, _("unexpected character '%s': %s"),
				 lookalikes[i].utf8, _(lookalikes[i].advice));
			return;
		}
	}
	if (c >= 0x80) {
		/* the whole character, when it is valid UTF-8 */
		int n = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		int k;
		for (k = 1; k < n; k++)
			if (((unsigned char)s[k] & 0xc0) != 0x80)
				n = 0;
		if (n > 0)
			error_at(p, pos, _("unexpected character '%.*s': expressions are written "
				 "in ASCII"), n, s);
		else
			error_at(p, pos, _("unexpected byte 0x%02x (not UTF-8): expressions are "
				 "written in ASCII"), c);
	}
	else if (isprint(c))
		error_at(p, pos, _("unexpected character '%c'"), c);
	else
		error_at(p, pos, _("unexpected control character (byte 0x%02x)"), c);
}

/*
 * Whether the len bytes at name are no name of the language or of a
 * declared variable, but letters that each are a declared variable of one
 * letter ("xy" when x and y are): with EXPR_PARSE_PRODUCTS, a product.
 */
static int
letters_of_vars(const struct parser *p, const char *name, int len)
{
	int k, i;

	if (p->declared == NULL || expr_is_reserved(name, (size_t)len, NULL))
		return 0;
	for (i = 0; i < p->ndeclared; i++)
		if ((int)strlen(p->declared[i]) == len && strncmp(p->declared[i], name, len) == 0)
			return 0;
	for (k = 0; k < len; k++) {
		for (i = 0; i < p->ndeclared; i++)
			if (p->declared[i][0] == name[k] && p->declared[i][1] == '\0')
				break;
		if (i == p->ndeclared)
			return 0;
	}
	return 1;
}

static void
next(struct parser *p)
{
	const char *s = p->src;
	int i = p->pos + p->len;

	p->prev = p->tok;
	p->prevpos = p->pos;
	p->prevlen = p->len;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	p->pos = i;
	p->len = 1;
	switch (s[i]) {
	case '\0': p->tok = T_END; p->len = 0; return;
	case '+': p->tok = T_PLUS; return;
	case '-': p->tok = T_MINUS; return;
	case '/': p->tok = T_SLASH; return;
	case '^': p->tok = T_POW; return;
	case '(': p->tok = T_LPAREN; return;
	case ')': p->tok = T_RPAREN; return;
	case ',': p->tok = T_COMMA; return;
	case '*':
		if (s[i + 1] == '*') {
			p->tok = T_POW;
			p->len = 2;
		} else {
			p->tok = T_STAR;
		}
		return;
	}
	if (isdigit((unsigned char)s[i]) ||
	    (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
		int j = i;
		char buf[64];
		while (isdigit((unsigned char)s[j]))
			j++;
		if (s[j] == '.') {
			j++;
			while (isdigit((unsigned char)s[j]))
				j++;
		}
		if (s[j] == 'e' || s[j] == 'E') {
			int k = j + 1;
			if (s[k] == '+' || s[k] == '-')
				k++;
			if (isdigit((unsigned char)s[k])) {
				while (isdigit((unsigned char)s[k]))
					k++;
				j = k;
			}       /* else "2e" is 2 times e */
		}
		p->tok = T_NUM;
		p->len = j - i;
		if (p->len >= (int)sizeof buf) {
			error_at(p, i, _("the number is too long (%d characters)"), p->len);
			p->num = 0;
			return;
		}
		memcpy(buf, s + i, p->len);
		buf[p->len] = '\0';
		errno = 0;
		p->num = strtod(buf, NULL);
		if (isinf(p->num))
			error_at(p, i, _("the number %s is too large for a double"), buf);
		return;
	}
	if (isalpha((unsigned char)s[i]) || s[i] == '_') {
		int j = i;
		while (isalnum((unsigned char)s[j]) || s[j] == '_')
			j++;
		p->tok = T_NAME;
		p->len = j - i;
		if ((p->flags & EXPR_PARSE_PRODUCTS) && p->len > 1 && letters_of_vars(p, s + i, p->len))
			p->len = 1;     /* "xy": x, then y, multiplied side by side */
		return;
	}
	p->tok = T_END;
	p->len = 0;
	lex_error_char(p, i);
}

/* The current token's text, for messages (at most 40 bytes shown). */
static const char *
tok_text(const struct parser *p, int pos, int len, char *buf, size_t size)
{
	if (len == 0)
		return _("the end");
	/* TRANSLATORS: a piece of the expression, quoted in a message, with
	 * "..." after 40 bytes */
	snprintf(buf, size, _("'%.*s%s'"), len > 40 ? 40 : len, p->src + pos,
		 len > 40 ? "..." : "");
	return buf;
}

static const struct expr_func *
closest_func(const char *name, int len)
{
	const struct expr_func *f, *best = NULL;
	int bestd = len <= 3 ? 1 : 2;

	for (f = expr_funcs; f->name != NULL; f++) {
		int d = edit_distance(name, (size_t)len, f->name, strlen(f->name));
		if (d <= bestd && (best == NULL || d < bestd)) {
			best = f;
			bestd = d;
		}
	}
	return best;
}

static const struct expr_func *
find_func(const char *name, int len)
{
	return expr_func_find(name, (size_t)len);
}

static int parse_expr(struct parser *p);
static int parse_unary(struct parser *p);

/* Lists the declared variables as "x, y and z" into buf. */
static void
list_vars(const struct parser *p, char *buf, size_t size)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < p->ndeclared && used < size; i++) {
		const char *sep = i == 0 ? "" : i == p->ndeclared - 1 ? _(" and ") : ", ";
		used += snprintf(buf + used, size - used, "%s%s", sep, p->declared[i]);
	}
}

static int
variable(struct parser *p)
{
	struct expr *e = p->e;
	const char *name = p->src + p->pos;
	int len = p->len, i;

	for (i = 0; i < e->nvars; i++)
		if ((int)strlen(e->vars[i]) == len && strncmp(e->vars[i], name, len) == 0)
			return expr_var(e, i);
	if (p->declared != NULL) {
		char vars[160];
		if (p->ndeclared == 0) {
			error_at(p, p->pos, _("unknown name '%.*s': this expression "
				 "takes no variables"), len, name);
			return 0;
		}
		list_vars(p, vars, sizeof vars);
		error_at(p, p->pos, P_("unknown variable '%.*s': the variable is %s",
				       "unknown variable '%.*s': the variables are %s", p->ndeclared),
			 len, name, vars);
		return 0;
	}
	if (e->nvars == EXPR_MAX_VARS) {
		error_at(p, p->pos, _("too many variables (the limit is %d)"), EXPR_MAX_VARS);
		return 0;
	}
	return expr_var(e, expr_add_var(e, name, (size_t)len));
}

/* True when name is a constant or a variable (known or declared). */
static int
is_variable_name(const struct parser *p, const char *name, int len)
{
	int i;

	if (expr_constant_find(name, (size_t)len) != NULL)
		return 1;
	for (i = 0; i < p->e->nvars; i++)
		if ((int)strlen(p->e->vars[i]) == len && strncmp(p->e->vars[i], name, len) == 0)
			return 1;
	return 0;
}

static int
call(struct parser *p)
{
	const char *name = p->src + p->pos;
	int namepos = p->pos, len = p->len, lparen;
	const struct expr_func *f = find_func(name, len);
	int args[3], nargs = 0;

	if (f == NULL) {
		const struct expr_func *g = closest_func(name, len);
		if (g != NULL)
			error_at(p, namepos, _("unknown function '%.*s': did you mean '%s'?"),
				 len, name, g->name);
		else if (is_variable_name(p, name, len) || len <= 2)
			error_at(p, namepos, _("'%.*s' is not a function: to multiply, "
				 "write '%.*s*(...)'"), len, name, len, name);
		else
			error_at(p, namepos, _("unknown function '%.*s' (the functions are "
				 "listed in descent-expr(7))"), len, name);
		return 0;
	}
	next(p);                        /* the name */
	lparen = p->pos;
	next(p);                        /* '(' */
	for (;;) {
		int arg = parse_expr(p);
		if (p->failed)
			return 0;
		if (nargs < 3)
			args[nargs] = arg;
		nargs++;
		if (p->tok != T_COMMA)
			break;
		next(p);
	}
	if (p->tok != T_RPAREN) {
		char buf[64];
		if (p->tok == T_END)
			error_at(p, p->pos, _("missing ')' to close the '(' at column %d"),
				 lparen + 1);
		else
			error_at(p, p->pos, _("expected ',' or ')' in the call of %s, "
				 "not %s"), f->name, tok_text(p, p->pos, p->len, buf, sizeof buf));
		return 0;
	}
	if (nargs != f->arity) {
		error_at(p, namepos, P_("%s takes %d argument, not %d",
					"%s takes %d arguments, not %d", f->arity), f->name,
			 f->arity, nargs);
		return 0;
	}
	next(p);                        /* ')' */
	if (f->arity == 1)
		return expr_unary(p->e, f->op, args[0]);
	if (f->arity == 3)
		return expr_select(p->e, args[0], args[1], args[2]);
	return expr_binary(p->e, f->op, args[0], args[1]);
}

static int
parse_primary(struct parser *p)
{
	const struct expr_constant *k;
	char buf[64], buf2[64];
	int n;

	switch (p->tok) {
	case T_NUM:
		n = expr_const(p->e, p->num);
		next(p);
		return n;
	case T_NAME: {
		/* a call: "f(" always, "sin (x)" with a space for functions */
		const char *after = p->src + p->pos + p->len, *s = after;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '(' && (find_func(p->src + p->pos, p->len) ||
				  (s == after && !(p->flags & EXPR_PARSE_PRODUCTS))))
			return call(p);
	}
		if (find_func(p->src + p->pos, p->len) != NULL) {
			error_at(p, p->pos, _("'%.*s' is a function: write its argument in "
				 "parentheses, as in %.*s(x)"), p->len, p->src + p->pos,
				 p->len, p->src + p->pos);
			return 0;
		}
		k = expr_constant_find(p->src + p->pos, (size_t)p->len);
		n = k != NULL ? expr_const(p->e, k->value) : variable(p);
		next(p);
		return n;
	case T_LPAREN: {
		int lparen = p->pos;
		next(p);
		n = parse_expr(p);
		if (p->failed)
			return 0;
		if (p->tok != T_RPAREN) {
			if (p->tok == T_END)
				error_at(p, p->pos, _("missing ')' to close the '(' at column %d"),
					 lparen + 1);
			else
				error_at(p, p->pos, _("expected ')' to close the '(' at column %d, "
					 "not %s"), lparen + 1,
					 tok_text(p, p->pos, p->len, buf, sizeof buf));
			return 0;
		}
		next(p);
		return n;
	}
	default:
		if (p->tok == T_END && p->prevlen == 0) {
			error_at(p, 0, _("the expression is empty"));
		} else if (p->prevlen == 0) {
			error_at(p, p->pos, _("expected a number, a name or '(', not %s"),
				 tok_text(p, p->pos, p->len, buf, sizeof buf));
		} else if (p->tok == T_END) {
			error_at(p, p->pos, _("expected a number, a name or '(' after %s"),
				 tok_text(p, p->prevpos, p->prevlen, buf, sizeof buf));
		} else if (p->tok == T_RPAREN && p->prev == T_LPAREN) {
			error_at(p, p->pos, _("empty parentheses: expected an expression "
				 "between '(' and ')'"));
		} else {
			error_at(p, p->pos, _("expected a number, a name or '(' after %s, "
				 "not %s"), tok_text(p, p->prevpos, p->prevlen, buf, sizeof buf),
				 tok_text(p, p->pos, p->len, buf2, sizeof buf2));
		}
		return 0;
	}
}

static int
enter(struct parser *p)
{
	if (++p->depth > EXPR_MAX_DEPTH) {
		error_at(p, p->pos, _("the expression is nested too deeply "
			 "(more than %d levels)"), EXPR_MAX_DEPTH);
		return 0;
	}
	return 1;
}

static int
parse_power(struct parser *p)
{
	int base = parse_primary(p), ex;

	if (p->failed || p->tok != T_POW)
		return base;
	next(p);
	ex = parse_unary(p);
	if (p->failed)
		return 0;
	return expr_binary(p->e, N_POW, base, ex);
}

static int
parse_unary(struct parser *p)
{
	int n;

	if (!enter(p))
		return 0;
	if (p->tok == T_MINUS || p->tok == T_PLUS) {
		enum tok t = p->tok;
		next(p);
		n = parse_unary(p);
		if (!p->failed && t == T_MINUS)
			n = expr_unary(p->e, N_NEG, n);
	} else {
		n = parse_power(p);
	}
	p->depth--;
	return n;
}

static int
parse_term(struct parser *p)
{
	int n = parse_unary(p);

	while (!p->failed) {
		if (p->tok == T_STAR || p->tok == T_SLASH) {
			enum node_op op = p->tok == T_STAR ? N_MUL : N_DIV;
			next(p);
			int rhs = parse_unary(p);
			if (!p->failed)
				n = expr_binary(p->e, op, n, rhs);
		} else if (((p->tok == T_NAME || p->tok == T_LPAREN) &&
			    (p->prev == T_NUM || ((p->flags & EXPR_PARSE_PRODUCTS) &&
						  (p->prev == T_NAME || p->prev == T_RPAREN)))) ||
			   ((p->flags & EXPR_PARSE_PRODUCTS) && p->tok == T_NUM &&
			    p->prev == T_RPAREN)) {
			/* implicit multiplication: 2x, 3(x+1), 2x^2; with
			 * EXPR_PARSE_PRODUCTS also x(x+1), (x+1)(x-1), x y, (x+1)2 */
			int rhs = parse_power(p);
			if (!p->failed)
				n = expr_binary(p->e, N_MUL, n, rhs);
		} else {
			break;
		}
	}
	return n;
}

static int
parse_expr(struct parser *p)
{
	int n;

	if (!enter(p))
		return 0;
	n = parse_term(p);
	while (!p->failed && (p->tok == T_PLUS || p->tok == T_MINUS)) {
		enum node_op op = p->tok == T_PLUS ? N_ADD : N_SUB;
		next(p);
		int rhs = parse_term(p);
		if (!p->failed)
			n = expr_binary(p->e, op, n, rhs);
	}
	p->depth--;
	return n;
}

struct expr *
expr_parse(const char *src, const char *const *vars, int nvars,
	   struct diag *err)
{
	return expr_parse_flags(src, vars, nvars, 0, err);
}

struct expr *
expr_parse_flags(const char *src, const char *const *vars, int nvars, unsigned flags,
		 struct diag *err)
{
	struct parser p;
	size_t len = strlen(src);
	char buf[64];
	int i, n;

	memset(&p, 0, sizeof p);
	p.err = err;
	p.flags = flags;
	diag_set(err, NULL, 0, 0, "%s", "");
	if (len > EXPR_MAX_LENGTH) {
		diag_set(err, NULL, 0, 0, "the expression is too long (%zu characters; the limit "
			 "is %d)", len, EXPR_MAX_LENGTH);
		return NULL;
	}
	if (vars != NULL && nvars > EXPR_MAX_VARS) {
		diag_set(err, NULL, 0, 0, "too many variables (%d; the limit is %d)", nvars,
			 EXPR_MAX_VARS);
		return NULL;
	}
	p.src = src;
	p.e = expr_new();
	p.declared = vars;
	p.ndeclared = nvars;
	if (vars != NULL) {
		/* declared variables take the caller's order */
		for (i = 0; i < nvars; i++) {
			if (expr_var_index(p.e, vars[i]) >= 0 ||
			    expr_is_reserved(vars[i], strlen(vars[i]), NULL))
				fatal("expr_parse: bad or repeated variable name '%s'", vars[i]);
			expr_add_var(p.e, vars[i], strlen(vars[i]));
		}
	}
	p.prev = T_END;
	p.prevlen = 0;
	p.len = 0;
	next(&p);
	p.prevlen = 0;
	n = parse_expr(&p);
	if (!p.failed && p.tok != T_END) {
		if (p.tok == T_RPAREN)
			error_at(&p, p.pos, _("unmatched ')'"));
		else if (p.tok == T_COMMA)
			error_at(&p, p.pos, _("',' outside of a function call"));
		else
			error_at(&p, p.pos, _("expected an operator before %s"),
				 tok_text(&p, p.pos, p.len, buf, sizeof buf));
	}
	if (p.failed) {
		expr_free(p.e);
		return NULL;
	}
	p.e->root = n;
	return p.e;
}
