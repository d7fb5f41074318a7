/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-text.c - the text of pages: wrapped to the width of the screen,
 * and spelled in ASCII when the terminal cannot show Unicode.
 *
 * The markup is small (see lesson.h): paragraphs separated by blank
 * lines; bullet items, a line starting with "- " or "* "; numbered items,
 * "1. " or "1) "; tables, lines starting with "|"; and fenced blocks
 * between lines of "```", shown line for line.  Each code
 * point is one column: the lessons use no wide or combining characters.
 * The structure is read from the text as written, and only then is each
 * word spelled in ASCII, so that a Unicode minus sign at the start of a
 * line ("− 1 is negative") does not become a bullet in ASCII only.
 *
 * Whatever the input, the output is valid UTF-8 (pure ASCII when utf8
 * is 0) without control characters other than '\n': an invalid byte and
 * a control character inside a word are written as text_safe writes them
 * for every string from a file ("<FF>", "^["): an escape sequence in a
 * lesson must not reach the terminal.
 * A NULL text is taken as empty.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"
#include "descent/util.h"

/* A growing string, always NUL-terminated once something is in it. */
struct sbuf {
	char *s;
	size_t len, cap;
};

/* Appends n bytes; xrealloc dies rather than fail. */
static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 64;
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends one byte. */
static void
sb_putc(struct sbuf *b, char c)
{
	sb_put(b, &c, 1);
}

/* --- ASCII spelling ------------------------------------------------------ */

enum spell_kind {
	SPELL_TEXT,     /* spelled as the string */
	SPELL_SUP,      /* a superscript: a run of them becomes ^RUN */
	SPELL_SUB,      /* a subscript: a run of them becomes _RUN */
	SPELL_LETTER,   /* a letter, spelled without its accent: within a word */
};

struct spelling {
	uint32_t cp;
	enum spell_kind kind;
	const char *ascii;
};

/*
 * How text_ascii spells what the lessons write in Unicode, sorted by code
 * point (it is searched by bisection).  Every other non-ASCII character
 * becomes '?'.
 *
 *   Greek      α alpha  β beta  γ gamma  δ delta  ε ϵ eps  ζ zeta  η eta
 *              θ ϑ theta  ι iota  κ kappa  λ lambda  μ µ mu  ν nu  ξ xi
 *              π pi  ρ rho  σ sigma  τ tau  υ upsilon  φ ϕ phi  χ chi
 *              ψ psi  ω omega;  Γ Gamma  Δ Delta  Θ Theta  Λ Lambda  Ξ Xi
 *              Π Prod  Σ Sum  Φ Phi  Ψ Psi  Ω Omega
 *   calculus   ∇ grad  ∂ d  √ sqrt  ∞ inf  ∑ sum  ∏ prod  ∫ int
 *   relations  ≤ <=  ≥ >=  ≠ !=  ≈ ~=  ≡ ==  ∼ ∝ ~  ≪ « <<  ≫ » >>
 *              ∈ in  ∉ notin  ∀ forall  ∃ exists  ∧ and  ∨ or  ∣ |  ∥ ‖ ||
 *   arrows     → ->  ← <-  ↔ <->  ⇒ =>  ⇔ <=>
 *   operators  × · ∙ ⋅ ∗ • *  ÷ /  − ‐ ‑ ‒ – -  ± +-  ∓ -+  ∘ o
 *   sets       ℝ R  ℕ N  ℤ Z  ∅ {}  ⟨ <  ⟩ >  (and ℓ l)
 *   punctuation — --  … ...  ‘ ’ ′ '  “ ” "  ″ ''  ° deg
 *   letters    the accented Latin letters of U+00C0 to U+00FF, Œ œ Ÿ:
 *              without the accent, é e, ç c, ß ss, œ oe, in the word
 *   spaces     U+00A0 (no-break), U+2002, U+2003, U+2009, U+202F: ' '
 *   scripts    superscripts ⁰¹²³⁴⁵⁶⁷⁸⁹ ⁺⁻⁼⁽⁾ ⁿ ⁱ ᵀ: x² x^2, x⁻¹ x^-1, Xᵀ X^T
 *              subscripts ₀₁₂₃₄₅₆₇₈₉ ₊₋₌₍₎ ₐₑₒₓₕₖₗₘₙₚₛₜ ᵢ ⱼ ᵣ ᵤ ᵥ:
 *              θ₀ theta_0, xᵢ x_i
 *
 * A run of scripts is spelled once, θ₁₂ theta_12, and put in parentheses
 * when an operator inside would otherwise end it early: θₜ₊₁ theta_(t+1),
 * 2ⁿ⁻¹ 2^(n-1) (a leading sign does not count: x⁻¹ x^-1).  A word-like
 * spelling (two letters or more) and a run of scripts are followed by a
 * space when a letter or digit comes next, so ∇f is grad f, not gradf,
 * πr² is pi r^2 and xᵢyᵢ is x_i y_i; ∂f/∂x stays df/dx.
 */
static const struct spelling spellings[] = {
	{ 0x00a0, SPELL_TEXT, " " },
	{ 0x00ab, SPELL_TEXT, "<<" },
	{ 0x00b0, SPELL_TEXT, "deg" },
	{ 0x00b1, SPELL_TEXT, "+-" },
	{ 0x00b2, SPELL_SUP, "2" },
	{ 0x00b3, SPELL_SUP, "3" },
	{ 0x00b5, SPELL_TEXT, "mu" },
	{ 0x00b7, SPELL_TEXT, "*" },
	{ 0x00b9, SPELL_SUP, "1" },
	{ 0x00bb, SPELL_TEXT, ">>" },
	{ 0x00c0, SPELL_LETTER, "A" },
	{ 0x00c1, SPELL_LETTER, "A" },
	{ 0x00c2, SPELL_LETTER, "A" },
	{ 0x00c3, SPELL_LETTER, "A" },
	{ 0x00c4, SPELL_LETTER, "A" },
	{ 0x00c5, SPELL_LETTER, "A" },
	{ 0x00c6, SPELL_LETTER, "AE" },
	{ 0x00c7, SPELL_LETTER, "C" },
	{ 0x00c8, SPELL_LETTER, "E" },
	{ 0x00c9, SPELL_LETTER, "E" },
	{ 0x00ca, SPELL_LETTER, "E" },
	{ 0x00cb, SPELL_LETTER, "E" },
	{ 0x00cc, SPELL_LETTER, "I" },
	{ 0x00cd, SPELL_LETTER, "I" },
	{ 0x00ce, SPELL_LETTER, "I" },
	{ 0x00cf, SPELL_LETTER, "I" },
	{ 0x00d0, SPELL_LETTER, "D" },
	{ 0x00d1, SPELL_LETTER, "N" },
	{ 0x00d2, SPELL_LETTER, "O" },
	{ 0x00d3, SPELL_LETTER, "O" },
	{ 0x00d4, SPELL_LETTER, "O" },
	{ 0x00d5, SPELL_LETTER, "O" },
	{ 0x00d6, SPELL_LETTER, "O" },
	{ 0x00d7, SPELL_TEXT, "*" },
	{ 0x00d8, SPELL_LETTER, "O" },
	{ 0x00d9, SPELL_LETTER, "U" },
	{ 0x00da, SPELL_LETTER, "U" },
	{ 0x00db, SPELL_LETTER, "U" },
	{ 0x00dc, SPELL_LETTER, "U" },
	{ 0x00dd, SPELL_LETTER, "Y" },
	{ 0x00de, SPELL_LETTER, "Th" },
	{ 0x00df, SPELL_LETTER, "ss" },
	{ 0x00e0, SPELL_LETTER, "a" },
	{ 0x00e1, SPELL_LETTER, "a" },
	{ 0x00e2, SPELL_LETTER, "a" },
	{ 0x00e3, SPELL_LETTER, "a" },
	{ 0x00e4, SPELL_LETTER, "a" },
	{ 0x00e5, SPELL_LETTER, "a" },
	{ 0x00e6, SPELL_LETTER, "ae" },
	{ 0x00e7, SPELL_LETTER, "c" },
	{ 0x00e8, SPELL_LETTER, "e" },
	{ 0x00e9, SPELL_LETTER, "e" },
	{ 0x00ea, SPELL_LETTER, "e" },
	{ 0x00eb, SPELL_LETTER, "e" },
	{ 0x00ec, SPELL_LETTER, "i" },
	{ 0x00ed, SPELL_LETTER, "i" },
	{ 0x00ee, SPELL_LETTER, "i" },
	{ 0x00ef, SPELL_LETTER, "i" },
	{ 0x00f0, SPELL_LETTER, "d" },
	{ 0x00f1, SPELL_LETTER, "n" },
	{ 0x00f2, SPELL_LETTER, "o" },
	{ 0x00f3, SPELL_LETTER, "o" },
	{ 0x00f4, SPELL_LETTER, "o" },
	{ 0x00f5, SPELL_LETTER, "o" },
	{ 0x00f6, SPELL_LETTER, "o" },
	{ 0x00f7, SPELL_TEXT, "/" },
	{ 0x00f8, SPELL_LETTER, "o" },
	{ 0x00f9, SPELL_LETTER, "u" },
	{ 0x00fa, SPELL_LETTER, "u" },
	{ 0x00fb, SPELL_LETTER, "u" },
	{ 0x00fc, SPELL_LETTER, "u" },
	{ 0x00fd, SPELL_LETTER, "y" },
	{ 0x00fe, SPELL_LETTER, "th" },
	{ 0x00ff, SPELL_LETTER, "y" },
	{ 0x0152, SPELL_LETTER, "OE" },
	{ 0x0153, SPELL_LETTER, "oe" },
	{ 0x0178, SPELL_LETTER, "Y" },
	{ 0x0393, SPELL_TEXT, "Gamma" },
	{ 0x0394, SPELL_TEXT, "Delta" },
	{ 0x0398, SPELL_TEXT, "Theta" },
	{ 0x039b, SPELL_TEXT, "Lambda" },
	{ 0x039e, SPELL_TEXT, "Xi" },
	{ 0x03a0, SPELL_TEXT, "Prod" },
	{ 0x03a3, SPELL_TEXT, "Sum" },
	{ 0x03a6, SPELL_TEXT, "Phi" },
	{ 0x03a8, SPELL_TEXT, "Psi" },
	{ 0x03a9, SPELL_TEXT, "Omega" },
	{ 0x03b1, SPELL_TEXT, "alpha" },
	{ 0x03b2, SPELL_TEXT, "beta" },
	{ 0x03b3, SPELL_TEXT, "gamma" },
	{ 0x03b4, SPELL_TEXT, "delta" },
	{ 0x03b5, SPELL_TEXT, "eps" },
	{ 0x03b6, SPELL_TEXT, "zeta" },
	{ 0x03b7, SPELL_TEXT, "eta" },
	{ 0x03b8, SPELL_TEXT, "theta" },
	{ 0x03b9, SPELL_TEXT, "iota" },
	{ 0x03ba, SPELL_TEXT, "kappa" },
	{ 0x03bb, SPELL_TEXT, "lambda" },
	{ 0x03bc, SPELL_TEXT, "mu" },
	{ 0x03bd, SPELL_TEXT, "nu" },
	{ 0x03be, SPELL_TEXT, "xi" },
	{ 0x03c0, SPELL_TEXT, "pi" },
	{ 0x03c1, SPELL_TEXT, "rho" },
	{ 0x03c3, SPELL_TEXT, "sigma" },
	{ 0x03c4, SPELL_TEXT, "tau" },
	{ 0x03c5, SPELL_TEXT, "upsilon" },
	{ 0x03c6, SPELL_TEXT, "phi" },
	{ 0x03c7, SPELL_TEXT, "chi" },
	{ 0x03c8, SPELL_TEXT, "psi" },
	{ 0x03c9, SPELL_TEXT, "omega" },
	{ 0x03d1, SPELL_TEXT, "theta" },
	{ 0x03d5, SPELL_TEXT, "phi" },
	{ 0x03f5, SPELL_TEXT, "eps" },
	{ 0x1d40, SPELL_SUP, "T" },
	{ 0x1d62, SPELL_SUB, "i" },
	{ 0x1d63, SPELL_SUB, "r" },
	{ 0x1d64, SPELL_SUB, "u" },
	{ 0x1d65, SPELL_SUB, "v" },
	{ 0x2002, SPELL_TEXT, " " },
	{ 0x2003, SPELL_TEXT, " " },
	{ 0x2009, SPELL_TEXT, " " },
	{ 0x2010, SPELL_TEXT, "-" },
	{ 0x2011, SPELL_TEXT, "-" },
	{ 0x2012, SPELL_TEXT, "-" },
	{ 0x2013, SPELL_TEXT, "-" },
	{ 0x2014, SPELL_TEXT, "--" },
	{ 0x2016, SPELL_TEXT, "||" },
	{ 0x2018, SPELL_TEXT, "'" },
	{ 0x2019, SPELL_TEXT, "'" },
	{ 0x201c, SPELL_TEXT, "\"" },
	{ 0x201d, SPELL_TEXT, "\"" },
	{ 0x2022, SPELL_TEXT, "*" },
	{ 0x2026, SPELL_TEXT, "..." },
	{ 0x202f, SPELL_TEXT, " " },
	{ 0x2032, SPELL_TEXT, "'" },
	{ 0x2033, SPELL_TEXT, "''" },
	{ 0x2070, SPELL_SUP, "0" },
	{ 0x2071, SPELL_SUP, "i" },
	{ 0x2074, SPELL_SUP, "4" },
	{ 0x2075, SPELL_SUP, "5" },
	{ 0x2076, SPELL_SUP, "6" },
	{ 0x2077, SPELL_SUP, "7" },
	{ 0x2078, SPELL_SUP, "8" },
	{ 0x2079, SPELL_SUP, "9" },
	{ 0x207a, SPELL_SUP, "+" },
	{ 0x207b, SPELL_SUP, "-" },
	{ 0x207c, SPELL_SUP, "=" },
	{ 0x207d, SPELL_SUP, "(" },
	{ 0x207e, SPELL_SUP, ")" },
	{ 0x207f, SPELL_SUP, "n" },
	{ 0x2080, SPELL_SUB, "0" },
	{ 0x2081, SPELL_SUB, "1" },
	{ 0x2082, SPELL_SUB, "2" },
	{ 0x2083, SPELL_SUB, "3" },
	{ 0x2084, SPELL_SUB, "4" },
	{ 0x2085, SPELL_SUB, "5" },
	{ 0x2086, SPELL_SUB, "6" },
	{ 0x2087, SPELL_SUB, "7" },
	{ 0x2088, SPELL_SUB, "8" },
	{ 0x2089, SPELL_SUB, "9" },
	{ 0x208a, SPELL_SUB, "+" },
	{ 0x208b, SPELL_SUB, "-" },
	{ 0x208c, SPELL_SUB, "=" },
	{ 0x208d, SPELL_SUB, "(" },
	{ 0x208e, SPELL_SUB, ")" },
	{ 0x2090, SPELL_SUB, "a" },
	{ 0x2091, SPELL_SUB, "e" },
	{ 0x2092, SPELL_SUB, "o" },
	{ 0x2093, SPELL_SUB, "x" },
	{ 0x2095, SPELL_SUB, "h" },
	{ 0x2096, SPELL_SUB, "k" },
	{ 0x2097, SPELL_SUB, "l" },
	{ 0x2098, SPELL_SUB, "m" },
	{ 0x2099, SPELL_SUB, "n" },
	{ 0x209a, SPELL_SUB, "p" },
	{ 0x209b, SPELL_SUB, "s" },
	{ 0x209c, SPELL_SUB, "t" },
	{ 0x2113, SPELL_TEXT, "l" },            /* the script l of losses */
	{ 0x2115, SPELL_TEXT, "N" },
	{ 0x211d, SPELL_TEXT, "R" },
	{ 0x2124, SPELL_TEXT, "Z" },
	{ 0x2190, SPELL_TEXT, "<-" },
	{ 0x2192, SPELL_TEXT, "->" },
	{ 0x2194, SPELL_TEXT, "<->" },
	{ 0x21d2, SPELL_TEXT, "=>" },
	{ 0x21d4, SPELL_TEXT, "<=>" },
	{ 0x2200, SPELL_TEXT, "forall" },
	{ 0x2202, SPELL_TEXT, "d" },
	{ 0x2203, SPELL_TEXT, "exists" },
	{ 0x2205, SPELL_TEXT, "{}" },
	{ 0x2207, SPELL_TEXT, "grad" },
	{ 0x2208, SPELL_TEXT, "in" },
	{ 0x2209, SPELL_TEXT, "notin" },
	{ 0x220f, SPELL_TEXT, "prod" },
	{ 0x2211, SPELL_TEXT, "sum" },
	{ 0x2212, SPELL_TEXT, "-" },
	{ 0x2213, SPELL_TEXT, "-+" },
	{ 0x2217, SPELL_TEXT, "*" },
	{ 0x2218, SPELL_TEXT, "o" },
	{ 0x2219, SPELL_TEXT, "*" },
	{ 0x221a, SPELL_TEXT, "sqrt" },
	{ 0x221d, SPELL_TEXT, "~" },
	{ 0x221e, SPELL_TEXT, "inf" },
	{ 0x2223, SPELL_TEXT, "|" },
	{ 0x2225, SPELL_TEXT, "||" },
	{ 0x2227, SPELL_TEXT, "and" },
	{ 0x2228, SPELL_TEXT, "or" },
	{ 0x222b, SPELL_TEXT, "int" },
	{ 0x223c, SPELL_TEXT, "~" },
	{ 0x2248, SPELL_TEXT, "~=" },
	{ 0x2260, SPELL_TEXT, "!=" },
	{ 0x2261, SPELL_TEXT, "==" },
	{ 0x2264, SPELL_TEXT, "<=" },
	{ 0x2265, SPELL_TEXT, ">=" },
	{ 0x226a, SPELL_TEXT, "<<" },
	{ 0x226b, SPELL_TEXT, ">>" },
	{ 0x22c5, SPELL_TEXT, "*" },
	{ 0x27e8, SPELL_TEXT, "<" },
	{ 0x27e9, SPELL_TEXT, ">" },
	{ 0x2c7c, SPELL_SUB, "j" },
};

/* Orders a code point against a table entry, for bsearch. */
static int
spelling_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct spelling *sp = elem;

	return cp < sp->cp ? -1 : cp > sp->cp;
}

/* The spelling of a non-ASCII code point, or NULL. */
static const struct spelling *
spelling_find(uint32_t cp)
{
	return bsearch(&cp, spellings, sizeof spellings / sizeof spellings[0],
		       sizeof spellings[0], spelling_cmp);
}

/* The spelling of the character at s (n bytes), or NULL: ASCII, invalid or unknown. */
static const struct spelling *
spelling_at(const char *s, size_t n, size_t *len)
{
	uint32_t cp;

	*len = utf8_decode(s, n, &cp);
	if (*len == 0 || cp < 0x80)
		return NULL;
	return spelling_find(cp);
}

/* An ASCII letter or digit, whatever the locale. */
static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether a spelling reads as a word (grad, theta), which a letter must not touch. */
static int
is_wordlike(const char *ascii)
{
	size_t i;

	for (i = 0; ascii[i] != '\0'; i++)
		if (!is_alnum(ascii[i]) || (ascii[i] >= '0' && ascii[i] <= '9'))
			return 0;
	return i >= 2;
}

/* Whether the character at s (n bytes) is, or is spelled starting with, a letter or digit. */
static int
starts_alnum(const char *s, size_t n)
{
	const struct spelling *sp;
	size_t len;

	if (n == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return is_alnum(s[0]);
	sp = spelling_at(s, n, &len);
	return sp != NULL && (sp->kind == SPELL_TEXT || sp->kind == SPELL_LETTER) &&
	       is_alnum(sp->ascii[0]);
}

/*
 * Spells the run of scripts of one kind starting at s (n bytes) into b,
 * and returns the number of bytes it took.
 */
static size_t
spell_scripts(struct sbuf *b, const char *s, size_t n, enum spell_kind kind)
{
	const struct spelling *sp;
	size_t i, len;
	int k, paren = 0;

	for (i = 0, k = 0; (sp = spelling_at(s + i, n - i, &len)) != NULL && sp->kind == kind;
	     i += len, k++) {
		if (k == 0 && sp->ascii[0] == '(')
			break;
		if (k > 0 && strchr("+-=", sp->ascii[0]) != NULL)
			paren = 1;
	}
	sb_putc(b, kind == SPELL_SUP ? '^' : '_');
	if (paren)
		sb_putc(b, '(');
	for (i = 0; (sp = spelling_at(s + i, n - i, &len)) != NULL && sp->kind == kind; i += len)
		sb_putc(b, sp->ascii[0]);
	if (paren)
		sb_putc(b, ')');
	return i;
}

/* Appends the n bytes at s to b spelled in ASCII. */
static void
ascii_append(struct sbuf *b, const char *s, size_t n)
{
	const struct spelling *sp;
	size_t i = 0, len;
	int spaced;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			sb_putc(b, s[i++]);
			continue;
		}
		sp = spelling_at(s + i, n - i, &len);
		if (sp == NULL) {
			/* invalid: one '?' a byte; unknown: one a character */
			sb_putc(b, '?');
			i += len ? len : 1;
			continue;
		}
		if (sp->kind == SPELL_TEXT || sp->kind == SPELL_LETTER) {
			sb_put(b, sp->ascii, strlen(sp->ascii));
			i += len;
			spaced = sp->kind == SPELL_TEXT && is_wordlike(sp->ascii);
		} else {
			i += spell_scripts(b, s + i, n - i, sp->kind);
			spaced = 1;
		}
		if (spaced && starts_alnum(s + i, n - i))
			sb_putc(b, ' ');
	}
}

/* Spells the whole text; an empty text still gives an allocated "". */
char *
text_ascii(const char *text)
{
	struct sbuf b = { NULL, 0, 0 };

	if (text == NULL)
		text = "";
	ascii_append(&b, text, strlen(text));
	if (b.s == NULL)
		return xstrdup("");
	return b.s;
}

/* --- wrapping ------------------------------------------------------------ */

/* The caller's buffer: what fits is written, the length is counted anyway. */
struct wout {
	char *buf;
	size_t size, len;
};

/* Writes what fits, keeping the last byte of the buffer for the NUL. */
static void
wout_put(struct wout *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->size)
			o->buf[o->len] = s[i];
}

enum block { BLOCK_NONE, BLOCK_PARA, BLOCK_ITEM, BLOCK_PRE, BLOCK_TABLE };

/*
 * The filling of blocks (paragraphs and items) into lines.  A block is
 * begun by the structure of the text but shows only with its first word,
 * so a block without words (a line of no-break spaces in ASCII) leaves
 * no trace.
 */
struct filler {
	struct wout *o;
	size_t width;
	enum block kind;        /* the block being read */
	int begun;              /* it has shown a word */
	enum block last;        /* the last block that showed */
	int open;               /* the output's last line is not ended */
	size_t col;             /* its columns */
	int first_line;         /* it is the first line of its block */
	char marker[8];         /* an item's marker: "  - ", "  12. " */
	size_t indent;          /* its columns, the item's hanging indent */
	struct sbuf word;       /* scratch: a word of the text, cleaned */
};

/* Ends the line that is open and starts reading a block of this kind. */
static void
fill_begin(struct filler *f, enum block kind)
{
	if (f->open)
		wout_put(f->o, "\n", 1);
	f->open = 0;
	f->kind = kind;
	f->begun = 0;
}

/*
 * Shows the block being read, the first time: a blank line after the last
 * block shown, except between two items of a list.
 */
static void
fill_show(struct filler *f)
{
	if (f->begun)
		return;
	if (f->last != BLOCK_NONE && !(f->last == BLOCK_ITEM && f->kind == BLOCK_ITEM))
		wout_put(f->o, "\n", 1);
	f->begun = 1;
	f->last = f->kind;
	f->first_line = 1;
}

/* Writes a line as it is (a fenced block's, a table's), n bytes. */
static void
fill_line(struct filler *f, const char *s, size_t n)
{
	if (f->begun && f->open)
		wout_put(f->o, "\n", 1);
	fill_show(f);
	wout_put(f->o, s, n);
	f->open = 1;
}

/*
 * Places one word of n bytes and cols columns, on this line when it fits;
 * glued, with no space before it (a piece of a run of wide characters).
 */
static void
fill_word(struct filler *f, const char *w, size_t n, size_t cols, int glued)
{
	if (!f->begun) {
		fill_show(f);
	} else if (f->open && f->col + !glued + cols > f->width) {
		wout_put(f->o, "\n", 1);
		f->open = 0;
		f->first_line = 0;
	}
	if (!f->open) {
		f->col = 0;
		if (f->kind == BLOCK_ITEM) {
			if (f->first_line)
				wout_put(f->o, f->marker, f->indent);
			else
				wout_put(f->o, "        ", f->indent);
			f->col = f->indent;
		}
	} else if (!glued) {
		wout_put(f->o, " ", 1);
		f->col++;
	}
	wout_put(f->o, w, n);
	f->col += cols;
	f->open = 1;
}

/* The whitespace of the markup: a single newline is handled by the caller. */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Appends the text at s (n bytes) to b as it is shown: control characters
 * and invalid bytes written as every string from a file is (text_safe:
 * "^[", "<FF>"), spelled in ASCII unless utf8.
 */
static void
shown_append(struct sbuf *b, const char *s, size_t n, int utf8)
{
	char *safe = text_safe_n(s, n);

	if (utf8)
		sb_put(b, safe, strlen(safe));
	else
		ascii_append(b, safe, strlen(safe));
	free(safe);
}

/* The length of the first k columns of s (n bytes), one character at least. */
static size_t
columns_len(const char *s, size_t n, size_t k)
{
	size_t i = utf8_fit(s, n, k, NULL);
	uint32_t c;

	return i > 0 || n == 0 ? i : utf8_next(s, n, &c);
}

/*
 * Whether the n bytes at s are a mark French sets after a space: ":",
 * "?", "!", ";" or "»" (">>" in ASCII), with the punctuation or the
 * emphasis that may close it ("?*", "?,", "».").
 */
static int
is_mark(const char *s, size_t n)
{
	size_t i;
	int mark = 0;

	for (i = 0; i < n; i++) {
		if (strchr(":;?!", s[i]) != NULL && s[i] != '\0') {
			mark = 1;
		} else if (n - i >= 2 && memcmp(s + i, "\u00bb", 2) == 0) {
			mark = 1;
			i++;
		} else if (n - i >= 2 && memcmp(s + i, ">>", 2) == 0 && i == 0) {
			mark = 1;
			i++;
		} else if (strchr("*,.)'\"", s[i]) == NULL || s[i] == '\0') {
			return 0;
		}
	}
	return mark;
}

/*
 * The end of a word that ends at a (of a text that ends at z), taking in
 * the blanks and the mark after it when one follows, as "vrai ?": a line
 * never starts with such a mark, left alone there by the break.
 */
static const char *
with_mark(const char *a, const char *z)
{
	const char *b, *e;

	for (;;) {      /* "deux » ;": one mark after another */
		for (b = a; b < z && is_blank(*b); b++)
			;
		for (e = b; e < z && !is_blank(*e); e++)
			;
		if (b == a || e == b || !is_mark(b, (size_t)(e - b)))
			return a;
		a = e;
	}
}

/* Whether a line may not start with c: the closing punctuation of CJK text. */
static int
closes(uint32_t c)
{
	static const uint32_t close[] = {
		0x3001, 0x3002, 0x3009, 0x300b, 0x300d, 0x300f, 0x3011, 0x30fc,
		0xff01, 0xff09, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff1f,
	};
	size_t i;

	for (i = 0; i < sizeof close / sizeof *close; i++)
		if (c == close[i])
			return 1;
	return 0;
}

/*
 * Places the word of the text at s (n bytes), as shown (shown_append), and
 * split again where the spelling made spaces.  A line may also break
 * before and after a wide character (Chinese, Japanese and Korean text
 * has no spaces between its words), with no space put there, but not
 * before a closing mark such as "。".
 */
static void
fill_text(struct filler *f, const char *s, size_t n, int utf8)
{
	struct sbuf *b = &f->word;
	size_t i, start, cols, k;
	int glued = 0, w;
	uint32_t c;

	b->len = 0;
	shown_append(b, s, n, utf8);
	for (i = 0; i < b->len; ) {
		while (i < b->len && b->s[i] == ' ') {
			i++;
			glued = 0;
		}
		if (i == b->len)
			break;
		start = i;
		cols = 0;
		while (i < b->len) {
			if (b->s[i] == ' ') {
				/* the spaces before a mark ("vrai ?") stay in the piece */
				size_t e;
				for (k = i; k < b->len && b->s[k] == ' '; k++)
					;
				for (e = k; e < b->len && b->s[e] != ' '; e++)
					;
				if (k == b->len || !is_mark(b->s + k, e - k))
					break;
				cols += k - i;
				i = k;
				continue;
			}
			k = utf8_next(b->s + i, b->len - i, &c);
			w = char_columns(c);
			if (w == 2 && i > start && !closes(c))
				break;                  /* a wide character starts a piece */
			i += k;
			cols += (size_t)w;
			if (w == 2 && !(i < b->len && utf8_next(b->s + i, b->len - i, &c) > 0 &&
					closes(c)))
				break;                  /* and ends it */
		}
		fill_word(f, b->s + start, i - start, cols, glued);
		glued = 1;
	}
}

/*
 * Writes a line of a fenced block as it is, indented by two columns; a
 * line wider than the screen is broken where it reaches the edge, and its
 * rest continues on the next line (there are no words to break at in a
 * formula or a line of code).
 */
static void
fill_pre(struct filler *f, const char *s, size_t n, int utf8)
{
	struct sbuf *b = &f->word;
	size_t at = 0, room = f->width > 4 ? f->width - 2 : 2, k;

	b->len = 0;
	sb_put(b, "  ", 2);
	shown_append(b, s, n, utf8);
	while (b->len > 2 && b->s[b->len - 1] == ' ')
		b->len--;
	if (b->len == 2) {
		fill_line(f, "", 0);
		return;
	}
	at = 2;
	do {
		size_t lead = at, cut;

		k = columns_len(b->s + at, b->len - at, room);
		if (at + k < b->len && b->s[at + k] != ' ') {
			/* break at the last space of the line, after its indent */
			while (lead < at + k && b->s[lead] == ' ')
				lead++;
			for (cut = at + k; cut > lead && b->s[cut - 1] != ' '; cut--)
				;
			if (cut > lead)
				k = cut - at;
		}
		fill_line(f, "", 0);
		wout_put(f->o, "  ", 2);
		for (cut = at + k; cut > at && b->s[cut - 1] == ' '; cut--)
			;
		wout_put(f->o, b->s + at, cut - at);
		for (at += k; at < b->len && b->s[at] == ' '; at++)
			;
	} while (at < b->len);
}

/* --- tables --- */

#define TABLE_COLS 8    /* the columns of a table; a row's rest joins its last */

/* Splits a table row [a, z) into its cells: returns their count. */
static int
table_cells(const char *a, const char *z, const char **cs, const char **ce)
{
	int n = 0;

	if (a < z && *a == '|')
		a++;
	if (z > a && z[-1] == '|')
		z--;
	while (n < TABLE_COLS) {
		const char *e = a;

		if (n < TABLE_COLS - 1)
			while (e < z && *e != '|')
				e++;
		else
			e = z;
		while (a < e && is_blank(*a))
			a++;
		cs[n] = a;
		ce[n] = e;
		while (ce[n] > cs[n] && is_blank(ce[n][-1]))
			ce[n]--;
		n++;
		if (e >= z)
			break;
		a = e + 1;
	}
	return n;
}

/* Whether a row is the rule under a header: only '-', ':' and blanks. */
static int
table_rule(const char *a, const char *z)
{
	int dash = 0;

	for (; a < z; a++) {
		if (*a == '-')
			dash = 1;
		else if (*a != '|' && *a != ':' && !is_blank(*a))
			return 0;
	}
	return dash;
}

/* The next line of the text from p: its start and end without blanks. */
static const char *
text_line(const char *p, const char **a, const char **z)
{
	const char *eol = strchr(p, '\n');

	if (eol == NULL)
		eol = p + strlen(p);
	for (*a = p; *a < eol && is_blank(**a); (*a)++)
		;
	for (*z = eol; *z > *a && is_blank((*z)[-1]); (*z)--)
		;
	return eol;
}

/*
 * Takes from the cell text c (n bytes, at *at) what fits in w columns: the
 * words that fit, or the first w columns of a longer word.  Returns its
 * length; *at moves past it.
 */
static size_t
cell_take(const char *c, size_t n, size_t *at, size_t w, size_t *cols)
{
	size_t i = *at, start, end, wend, k;

	while (i < n && c[i] == ' ')
		i++;
	start = end = i;
	*cols = 0;
	while (i < n) {
		for (wend = i; wend < n && c[wend] != ' '; wend++)
			;
		k = utf8_columns(c + i, wend - i);
		if (*cols + (end > start) + k > w) {
			if (end == start) {     /* a word wider than the cell */
				end = i + columns_len(c + i, wend - i, w);
				*cols = w;
			}
			break;
		}
		*cols += (end > start) + k;
		end = wend;
		for (i = wend; i < n && c[i] == ' '; i++)
			;
	}
	*at = end;
	return end - start;
}

/* Appends a cell's text as shown, its runs of blanks made one space. */
static void
cell_append(struct sbuf *b, const char *s, size_t n, int utf8)
{
	size_t i, k;

	shown_append(b, s, n, utf8);
	for (i = k = 0; i < b->len; i++)
		if (b->s[i] != ' ' || (k > 0 && b->s[k - 1] != ' '))
			b->s[k++] = b->s[i];
	while (k > 0 && b->s[k - 1] == ' ')
		k--;
	b->len = k;
}

/* Writes a line of a table without its trailing spaces; an empty one not. */
static void
table_line(struct filler *f, struct sbuf *line)
{
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->len--;
	if (line->len > 0)
		fill_line(f, line->s, line->len);
}

/*
 * A table: the rows of lines starting with "|" from p to end, cells split
 * at "|", an optional rule of dashes under the header.  The columns are as
 * wide as their widest cell, the widest narrowed first when the table is
 * wider than the screen, down to its longest word; a cell that does not
 * fit is wrapped within its column.
 */
static void
fill_table(struct filler *f, const char *p, const char *end, int utf8)
{
	struct sbuf cell[TABLE_COLS], line = { 0 };
	size_t w[TABLE_COLS] = { 0 }, minw[TABLE_COLS] = { 0 }, at[TABLE_COLS];
	size_t sum, room, i, k, cols, pad;
	const char *a, *z, *q, *cs[TABLE_COLS], *ce[TABLE_COLS];
	int ncols = 1, n, j, more;

	memset(cell, 0, sizeof cell);
	for (q = p; q < end; q = *q != '\0' ? q + 1 : q) {
		q = text_line(q, &a, &z);
		if (table_rule(a, z))
			continue;
		n = table_cells(a, z, cs, ce);
		if (n > ncols)
			ncols = n;
		for (j = 0; j < n; j++) {
			cell[0].len = 0;
			cell_append(&cell[0], cs[j], (size_t)(ce[j] - cs[j]), utf8);
			for (i = 0; i < cell[0].len; i = k + 1) {
				for (k = i; k < cell[0].len && cell[0].s[k] != ' '; k++)
					;
				cols = utf8_columns(cell[0].s + i, k - i);
				if (cols > minw[j])
					minw[j] = cols;
			}
			cols = utf8_columns(cell[0].s, cell[0].len);
			if (cols > w[j])
				w[j] = cols;
		}
	}
	if (f->width < 2 + 2 * (size_t)(ncols - 1) + 3 * (size_t)ncols) {
		/* no room for the columns: a row a line, its cells between bars */
		for (q = p; q < end; q = *q != '\0' ? q + 1 : q) {
			q = text_line(q, &a, &z);
			if (table_rule(a, z))
				continue;
			n = table_cells(a, z, cs, ce);
			if (f->open)
				wout_put(f->o, "\n", 1);
			f->open = 0;
			for (j = 0; j < n; j++) {
				if (j > 0)
					fill_word(f, "|", 1, 1, 0);
				for (a = cs[j]; a < ce[j]; ) {
					const char *w0;

					while (a < ce[j] && is_blank(*a))
						a++;
					for (w0 = a; a < ce[j] && !is_blank(*a); a++)
						;
					a = with_mark(a, ce[j]);
					if (a > w0)
						fill_text(f, w0, (size_t)(a - w0), utf8);
				}
			}
		}
		goto done;
	}
	room = f->width - 2 - 2 * (size_t)(ncols - 1);
	for (;;) {
		int widest = -1;

		for (sum = 0, j = 0; j < ncols; j++)
			sum += w[j];
		if (sum <= room)
			break;
		for (j = 0; j < ncols; j++)
			if (w[j] > minw[j] && (widest < 0 || w[j] > w[widest]))
				widest = j;
		if (widest < 0)
			for (j = 0; j < ncols; j++)
				if (w[j] > 1 && (widest < 0 || w[j] > w[widest]))
					widest = j;
		if (widest < 0)
			break;
		w[widest]--;
	}
	for (q = p; q < end; q = *q != '\0' ? q + 1 : q) {
		q = text_line(q, &a, &z);
		line.len = 0;
		if (table_rule(a, z)) {
			sb_put(&line, "  ", 2);
			for (j = 0; j < ncols; j++) {
				if (j > 0)
					sb_put(&line, "  ", 2);
				for (i = 0; i < w[j]; i++)
					sb_put(&line, utf8 ? "\xe2\x94\x80" : "-", utf8 ? 3 : 1);
			}
			table_line(f, &line);
			continue;
		}
		n = table_cells(a, z, cs, ce);
		for (j = 0; j < ncols; j++) {
			cell[j].len = 0;
			if (j < n)
				cell_append(&cell[j], cs[j], (size_t)(ce[j] - cs[j]), utf8);
			at[j] = 0;
		}
		do {
			line.len = 0;
			sb_put(&line, "  ", 2);
			pad = 0;
			more = 0;
			for (j = 0; j < ncols; j++) {
				k = cell_take(cell[j].s, cell[j].len, &at[j], w[j], &cols);
				if (k > 0) {
					for (; pad > 0; pad--)
						sb_putc(&line, ' ');
					sb_put(&line, cell[j].s + at[j] - k, k);
				}
				pad += w[j] - cols + 2;
				while (at[j] < cell[j].len && cell[j].s[at[j]] == ' ')
					at[j]++;
				more |= at[j] < cell[j].len;
			}
			table_line(f, &line);
		} while (more);
	}
done:
	for (j = 0; j < TABLE_COLS; j++)
		free(cell[j].s);
	free(line.s);
}

/* The marker of a numbered item ("12. ", "3) ") at a (up to z): its length. */
static size_t
number_marker(const char *a, const char *z)
{
	const char *d = a;

	while (d < z && d - a < 3 && *d >= '0' && *d <= '9')
		d++;
	if (d == a || d + 1 >= z || (*d != '.' && *d != ')') || !is_blank(d[1]))
		return 0;
	return (size_t)(d + 1 - a);
}

/* Reads the text line by line into blocks; see lesson.h for the contract. */
size_t
text_wrap(const char *text, int width, int utf8, char *out, size_t size)
{
	struct wout o = { out, size, 0 };
	struct filler f;
	const char *p, *eol, *a, *z, *w;
	int in_block = 0;
	size_t k;

	memset(&f, 0, sizeof f);
	f.o = &o;
	f.width = width < 10 ? 10 : (size_t)width;
	if (text == NULL)
		text = "";
	for (p = text; *p != '\0'; p = *eol != '\0' ? eol + 1 : eol) {
		eol = text_line(p, &a, &z);
		if (z - a >= 3 && strncmp(a, "```", 3) == 0) {
			/* a fenced block, to its closing fence or the end */
			fill_begin(&f, BLOCK_PRE);
			for (p = *eol != '\0' ? eol + 1 : eol; *p != '\0';
			     p = *eol != '\0' ? eol + 1 : eol) {
				eol = text_line(p, &a, &z);
				if (z - a >= 3 && strncmp(a, "```", 3) == 0)
					break;
				fill_pre(&f, p, (size_t)(eol - p), utf8);
			}
			in_block = 0;
			continue;
		}
		if (a == z) {
			in_block = 0;
			continue;
		}
		if (*a == '|') {
			const char *q = eol, *b2, *z2;

			while (*q != '\0') {
				const char *next = text_line(q + 1, &b2, &z2);

				if (b2 == z2 || *b2 != '|')
					break;
				q = next;
			}
			fill_begin(&f, BLOCK_TABLE);
			fill_table(&f, p, q, utf8);
			eol = q;
			in_block = 0;
			continue;
		}
		if ((*a == '-' || *a == '*') && z - a >= 2 && is_blank(a[1])) {
			fill_begin(&f, BLOCK_ITEM);
			memcpy(f.marker, "  - ", 4);
			f.indent = 4;
			a += 2;
		} else if ((k = number_marker(a, z)) > 0) {
			fill_begin(&f, BLOCK_ITEM);
			memcpy(f.marker, "  ", 2);
			memcpy(f.marker + 2, a, k);
			f.marker[2 + k] = ' ';
			f.indent = 3 + k;
			a += k + 1;
		} else if (!in_block) {
			fill_begin(&f, BLOCK_PARA);
		}
		in_block = 1;
		while (a < z) {
			while (a < z && is_blank(*a))
				a++;
			for (w = a; a < z && !is_blank(*a); a++)
				;
			a = with_mark(a, z);
			if (a > w)
				fill_text(&f, w, (size_t)(a - w), utf8);
		}
	}
	fill_begin(&f, BLOCK_NONE);
	free(f.word.s);
	if (size > 0)
		out[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}
