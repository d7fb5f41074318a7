/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-lesson-text.c - the wrapping of page text and its ASCII spelling:
 * exact widths, long words, paragraphs and bullet lists, the whitespace
 * of real files (CRLF, tabs, trailing spaces), widths counted in
 * characters, every entry of the spelling table, invalid UTF-8, the
 * length query, and random texts checked against the invariants (with
 * canaries around the caller's buffer).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "descent/lesson.h"
#include "descent/util.h"

/* Wraps text the way callers do: ask the length, allocate, wrap. */
static char *
wrap(const char *text, int width, int utf8)
{
	size_t n = text_wrap(text, width, utf8, NULL, 0);
	char *out = malloc(n + 1);
	size_t m;

	cr_assert_not_null(out);
	memset(out, 'X', n + 1);
	m = text_wrap(text, width, utf8, out, n + 1);
	cr_assert_eq(m, n, "the length query said %zu, the call wrote %zu", n, m);
	cr_assert_eq(out[n], '\0');
	cr_assert_eq(strlen(out), n);
	return out;
}

/* Expects text wrapped at width to read exactly want. */
static void
expect_wrap(const char *text, int width, int utf8, const char *want)
{
	char *got = wrap(text, width, utf8);

	cr_expect_str_eq(got, want, "wrap(\"%s\", %d, %d)\n got: [%s]\nwant: [%s]",
			 text, width, utf8, got, want);
	free(got);
}

/* Expects text spelled in ASCII to read exactly want. */
static void
expect_ascii(const char *text, const char *want)
{
	char *got = text_ascii(text);

	cr_assert_not_null(got);
	cr_expect_str_eq(got, want, "text_ascii(\"%s\") = \"%s\", want \"%s\"", text, got, want);
	free(got);
}

/* --- wrapping --------------------------------------------------------- */

Test(text_wrap, line_of_exactly_the_width_fits)
{
	expect_wrap("aaaa bbbbb", 10, 1, "aaaa bbbbb\n");
	expect_wrap("aaaa bbbbbb", 10, 1, "aaaa\nbbbbbb\n");
	expect_wrap("aaaa bbbbb cc", 10, 1, "aaaa bbbbb\ncc\n");
	expect_wrap("one two three four five six", 13, 1, "one two three\nfour five six\n");
	expect_wrap("one two three four five six", 12, 1, "one two\nthree four\nfive six\n");
}

Test(text_wrap, long_word_on_a_line_of_its_own)
{
	expect_wrap("a verylongwordthatexceeds b", 10, 1, "a\nverylongwordthatexceeds\nb\n");
	expect_wrap("verylongwordthatexceeds", 10, 1, "verylongwordthatexceeds\n");
	expect_wrap("- a verylongwordthatexceeds b", 10, 1,
		    "  - a\n    verylongwordthatexceeds\n    b\n");
}

Test(text_wrap, narrow_widths_are_ten)
{
	expect_wrap("aaaa bbbbb cc", 3, 1, "aaaa bbbbb\ncc\n");
	expect_wrap("aaaa bbbbb cc", 0, 1, "aaaa bbbbb\ncc\n");
	expect_wrap("aaaa bbbbb cc", -5, 0, "aaaa bbbbb\ncc\n");
}

Test(text_wrap, empty_and_blank_texts_give_nothing)
{
	char buf[4] = "XYZ";

	cr_assert_eq(text_wrap("", 40, 1, buf, sizeof buf), 0);
	cr_assert_str_eq(buf, "");
	cr_assert_eq(text_wrap(NULL, 40, 1, NULL, 0), 0);
	expect_wrap("   \n\n \t \r\n", 40, 1, "");
}

Test(text_wrap, paragraphs)
{
	expect_wrap("one\ntwo", 40, 1, "one two\n");
	expect_wrap("one two\n\nthree", 40, 1, "one two\n\nthree\n");
	expect_wrap("\n\none two\n\n\n   \n\t\nthree\n\n\n", 40, 1, "one two\n\nthree\n");
	expect_wrap("a b c d e f g h\ni j\n\nk l m", 10, 1, "a b c d e\nf g h i j\n\nk l m\n");
	expect_wrap("a\n\nb\n\nc", 40, 0, "a\n\nb\n\nc\n");
}

Test(text_wrap, runs_of_spaces_collapse_and_no_trailing_spaces)
{
	expect_wrap("a   b   \n   c  ", 40, 1, "a b c\n");
	expect_wrap("   lead and trail   ", 40, 1, "lead and trail\n");
	expect_wrap("aaaa      bbbbb      cc     ", 10, 1, "aaaa bbbbb\ncc\n");
}

Test(text_wrap, bullets_with_a_hanging_indent)
{
	expect_wrap("- alpha beta gamma delta", 16, 1, "  - alpha beta\n    gamma delta\n");
	expect_wrap("* one\n* two", 40, 1, "  - one\n  - two\n");
	expect_wrap("   -   indented   item  ", 40, 1, "  - indented item\n");
	/* a line without a blank line continues the item, indented */
	expect_wrap("- alpha beta\n  gamma delta", 16, 1, "  - alpha beta\n    gamma delta\n");
	expect_wrap("- a\nb", 40, 1, "  - a b\n");
	/* *emphasis* and a lone dash are words, not bullets */
	expect_wrap("*very* important", 40, 1, "*very* important\n");
	expect_wrap("-\n-x", 40, 1, "- -x\n");
	expect_wrap("- ", 40, 1, "-\n");
}

Test(text_wrap, lists_and_paragraphs_separated_by_one_blank_line)
{
	expect_wrap("Intro:\n- a\n- b\nAfter.", 40, 1, "Intro:\n\n  - a\n  - b After.\n");
	expect_wrap("Intro:\n- a\n- b\n\nAfter.", 40, 1, "Intro:\n\n  - a\n  - b\n\nAfter.\n");
	expect_wrap("Intro:\n\n\n- a\n\n- b\n\n\n\nAfter.", 40, 1,
		    "Intro:\n\n  - a\n  - b\n\nAfter.\n");
	expect_wrap("- a\n\npara\n\n- b", 40, 1, "  - a\n\npara\n\n  - b\n");
}

Test(text_wrap, crlf_input)
{
	expect_wrap("one\r\ntwo\r\n\r\n- x\r\n- y\r\n", 40, 1, "one two\n\n  - x\n  - y\n");
	expect_wrap("-\r\nx\r\n", 40, 1, "- x\n");
}

Test(text_wrap, tabs_are_spaces)
{
	expect_wrap("a\tb\t\tc\t", 40, 1, "a b c\n");
	expect_wrap("\t-\titem\n\t*\tother", 40, 1, "  - item\n  - other\n");
	expect_wrap("a\v\fb", 40, 1, "a b\n");
}

Test(text_wrap, width_counts_characters_not_bytes)
{
	/* eleven Greek letters and a space: 11 columns, 21 bytes */
	expect_wrap("αβγδε αβγδε", 11, 1, "αβγδε αβγδε\n");
	expect_wrap("αβγδε αβγδε", 10, 1, "αβγδε\nαβγδε\n");
	expect_wrap("θ₀ θ₁ θ₂ θ₃ θ₄ θ₅", 11, 1, "θ₀ θ₁ θ₂ θ₃\nθ₄ θ₅\n");
	expect_wrap("- ∇f(θ) ≤ ε ≈ 0", 13, 1, "  - ∇f(θ) ≤ ε\n    ≈ 0\n");
	expect_wrap("- ∇f(θ) ≤ ε ≈ 0", 12, 1, "  - ∇f(θ) ≤\n    ε ≈ 0\n");
	/* in ASCII the spelled-out words are what is counted */
	expect_wrap("αβγδε", 26, 0, "alpha beta gamma delta eps\n");
	expect_wrap("αβγδε", 25, 0, "alpha beta gamma delta\neps\n");
}

Test(text_wrap, emphasis_and_code_kept_as_written)
{
	expect_wrap("Use *momentum* with `lr = 0.1` here.", 80, 1,
		    "Use *momentum* with `lr = 0.1` here.\n");
	expect_wrap("Use `lr = 0.1` here.", 10, 1, "Use `lr =\n0.1` here.\n");
}

Test(text_wrap, ascii_mode_spells_unicode)
{
	expect_wrap("∇f(θ) ≤ ε — small", 80, 0, "grad f(theta) <= eps -- small\n");
	expect_wrap("θₜ₊₁ = θₜ − η∇f(θₜ)", 80, 0,
		    "theta_(t+1) = theta_t - eta grad f(theta_t)\n");
	/* a spelling with spaces wraps like words */
	expect_wrap("aaaaaaa\xc2\xa0" "bbbbbbb", 10, 0, "aaaaaaa\nbbbbbbb\n");
	/* the no-break space holds in UTF-8 */
	expect_wrap("aaaaaaa\xc2\xa0" "bbbbbbb", 10, 1, "aaaaaaa\xc2\xa0" "bbbbbbb\n");
	/* spelling comes after the structure: a minus sign is not a bullet */
	expect_wrap("− 1 is negative", 40, 0, "- 1 is negative\n");
	expect_wrap("\xc2\xa0\n\n- \xc2\xa0\n\nx", 40, 0, "x\n");
}

Test(text_wrap, ascii_mode_agrees_with_text_ascii)
{
	const char *texts[] = {
		"∇f(θ) ≤ ε, so θ ← θ − α∇f(θ) — the step… “converges”.",
		"Let Σ = σ² I and x ∈ ℝⁿ, ‖x‖ ≥ 0 × 2 · 3 ± √2 ∞ ∫ ∑ °",
		"x⁻¹ Xᵀx θ₁₂ 2ⁿ⁻¹ \xff\xfe",
	};
	size_t i;

	/* the ASCII spelling of the text made safe (bad bytes as "<FF>") */
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *safe = text_safe(texts[i]), *a = text_ascii(safe);
		char *w0 = wrap(texts[i], 24, 0), *w1 = wrap(a, 24, 1);

		cr_expect_str_eq(w0, w1, "text %zu", i);
		free(safe);
		free(a);
		free(w0);
		free(w1);
	}
}

Test(text_wrap, utf8_mode_cleans_invalid_bytes_and_controls)
{
	expect_wrap("a\xff" "b \xe2\x88", 40, 1, "a<FF>b <E2><88>\n");
	expect_wrap("red\x1b[31mtext\x7f \xc2\x9b", 40, 1, "red^[[31mtext^? <U+009B>\n");
	expect_wrap("red\x1b[31mtext\x7f \xc2\x9b", 40, 0, "red^[[31mtext^? <U+009B>\n");
}

Test(text_wrap, length_query_then_full_call)
{
	const char *text = "Gradient descent: θ ← θ − η∇f(θ).\n\n- small η: slow\n- large η: "
			   "it may diverge, oscillating across the valley";
	char small[8], big[256];
	size_t n0 = text_wrap(text, 20, 1, NULL, 0);
	size_t n1, n2;

	cr_assert_gt(n0, 0);
	cr_assert_lt(n0, sizeof big);
	memset(big, 'X', sizeof big);
	n1 = text_wrap(text, 20, 1, big, n0 + 1);
	cr_assert_eq(n1, n0);
	cr_assert_eq(strlen(big), n0);
	cr_assert_eq(big[n0 + 1], 'X');
	/* too small: like snprintf, what fits and a NUL, nothing beyond */
	memset(small, 'X', sizeof small);
	n2 = text_wrap(text, 20, 1, small, 5);
	cr_assert_eq(n2, n0);
	cr_assert_eq(memcmp(small, big, 4), 0);
	cr_assert_eq(small[4], '\0');
	cr_assert_eq(small[5], 'X');
	/* exactly the length: all but the last byte */
	memset(small, 'X', sizeof small);
	cr_assert_eq(text_wrap("abc", 20, 1, small, 4), 4);
	cr_assert_str_eq(small, "abc");
	cr_assert_eq(small[4], 'X');
	cr_assert_eq(text_wrap("abc", 20, 1, small, 5), 4);
	cr_assert_str_eq(small, "abc\n");
}

/* --- ASCII spelling ----------------------------------------------------- */

Test(text_ascii, every_table_entry)
{
	static const char *const table[][2] = {
		/* Greek */
		{ "α", "alpha" }, { "β", "beta" }, { "γ", "gamma" }, { "δ", "delta" },
		{ "ε", "eps" }, { "ϵ", "eps" }, { "ζ", "zeta" }, { "η", "eta" },
		{ "θ", "theta" }, { "ϑ", "theta" }, { "ι", "iota" }, { "κ", "kappa" },
		{ "λ", "lambda" }, { "μ", "mu" }, { "µ", "mu" }, { "ν", "nu" },
		{ "ξ", "xi" }, { "π", "pi" }, { "ρ", "rho" }, { "σ", "sigma" },
		{ "τ", "tau" }, { "υ", "upsilon" }, { "φ", "phi" }, { "ϕ", "phi" },
		{ "χ", "chi" }, { "ψ", "psi" }, { "ω", "omega" },
		{ "Γ", "Gamma" }, { "Δ", "Delta" }, { "Θ", "Theta" }, { "Λ", "Lambda" },
		{ "Ξ", "Xi" }, { "Π", "Prod" }, { "Σ", "Sum" }, { "Φ", "Phi" },
		{ "Ψ", "Psi" }, { "Ω", "Omega" },
		/* calculus */
		{ "∇", "grad" }, { "∂", "d" }, { "√", "sqrt" }, { "∞", "inf" },
		{ "∑", "sum" }, { "∏", "prod" }, { "∫", "int" },
		/* relations */
		{ "≤", "<=" }, { "≥", ">=" }, { "≠", "!=" }, { "≈", "~=" }, { "≡", "==" },
		{ "∼", "~" }, { "∝", "~" }, { "≪", "<<" }, { "≫", ">>" }, { "«", "<<" },
		{ "»", ">>" }, { "∈", "in" }, { "∉", "notin" }, { "∀", "forall" },
		{ "∃", "exists" }, { "∧", "and" }, { "∨", "or" }, { "∣", "|" },
		{ "∥", "||" }, { "‖", "||" },
		/* arrows */
		{ "→", "->" }, { "←", "<-" }, { "↔", "<->" }, { "⇒", "=>" }, { "⇔", "<=>" },
		/* operators */
		{ "×", "*" }, { "·", "*" }, { "∙", "*" }, { "⋅", "*" }, { "∗", "*" },
		{ "•", "*" }, { "÷", "/" }, { "−", "-" }, { "‐", "-" }, { "‑", "-" },
		{ "‒", "-" }, { "–", "-" }, { "±", "+-" }, { "∓", "-+" }, { "∘", "o" },
		/* sets */
		{ "ℝ", "R" }, { "ℕ", "N" }, { "ℤ", "Z" }, { "∅", "{}" }, { "⟨", "<" },
		{ "⟩", ">" },
		/* punctuation */
		{ "—", "--" }, { "…", "..." }, { "‘", "'" }, { "’", "'" }, { "′", "'" },
		{ "“", "\"" }, { "”", "\"" }, { "″", "''" }, { "°", "deg" },
		/* spaces */
		{ "\xc2\xa0", " " }, { "\xe2\x80\x82", " " }, { "\xe2\x80\x83", " " },
		{ "\xe2\x80\x89", " " }, { "\xe2\x80\xaf", " " },
		/* superscripts */
		{ "⁰", "^0" }, { "¹", "^1" }, { "²", "^2" }, { "³", "^3" }, { "⁴", "^4" },
		{ "⁵", "^5" }, { "⁶", "^6" }, { "⁷", "^7" }, { "⁸", "^8" }, { "⁹", "^9" },
		{ "⁺", "^+" }, { "⁻", "^-" }, { "⁼", "^=" }, { "⁽", "^(" }, { "⁾", "^)" },
		{ "ⁿ", "^n" }, { "ⁱ", "^i" }, { "ᵀ", "^T" }, { "⁻¹", "^-1" },
		/* subscripts */
		{ "₀", "_0" }, { "₁", "_1" }, { "₂", "_2" }, { "₃", "_3" }, { "₄", "_4" },
		{ "₅", "_5" }, { "₆", "_6" }, { "₇", "_7" }, { "₈", "_8" }, { "₉", "_9" },
		{ "₊", "_+" }, { "₋", "_-" }, { "₌", "_=" }, { "₍", "_(" }, { "₎", "_)" },
		{ "ₐ", "_a" }, { "ₑ", "_e" }, { "ₒ", "_o" }, { "ₓ", "_x" }, { "ₕ", "_h" },
		{ "ₖ", "_k" }, { "ₗ", "_l" }, { "ₘ", "_m" }, { "ₙ", "_n" }, { "ₚ", "_p" },
		{ "ₛ", "_s" }, { "ₜ", "_t" }, { "ᵢ", "_i" }, { "ⱼ", "_j" }, { "ᵣ", "_r" },
		{ "ᵤ", "_u" }, { "ᵥ", "_v" },
	};
	size_t i;
	char text[64], want[64];

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		expect_ascii(table[i][0], table[i][1]);
		/* and between ASCII neighbours that do not touch it */
		snprintf(text, sizeof text, "(%s)", table[i][0]);
		snprintf(want, sizeof want, "(%s)", table[i][1]);
		expect_ascii(text, want);
	}
}

Test(text_ascii, ascii_is_unchanged)
{
	expect_ascii("", "");
	expect_ascii("plain *text* with `code`, tabs\tand\nnewlines ~!@#$%^&*()",
		     "plain *text* with `code`, tabs\tand\nnewlines ~!@#$%^&*()");
	expect_ascii(NULL, "");
}

Test(text_ascii, words_do_not_run_together)
{
	expect_ascii("∇f", "grad f");
	expect_ascii("∇θ", "grad theta");
	expect_ascii("αx + βy", "alpha x + beta y");
	expect_ascii("θ∈ℝ", "theta in R");
	expect_ascii("πr²", "pi r^2");
	expect_ascii("√2", "sqrt 2");
	expect_ascii("∂f/∂x", "df/dx");
	expect_ascii("x²y", "x^2 y");
	expect_ascii("xᵢyᵢ", "x_i y_i");
	expect_ascii("Xᵀy", "X^T y");
	expect_ascii("ε-greedy", "eps-greedy");
	expect_ascii("f′(x)", "f'(x)");
	expect_ascii("90°C", "90deg C");
}

Test(text_ascii, runs_of_scripts)
{
	expect_ascii("x⁻¹", "x^-1");
	expect_ascii("H⁻¹∇f", "H^-1 grad f");
	expect_ascii("x¹⁰", "x^10");
	expect_ascii("θ₁₂", "theta_12");
	expect_ascii("θₜ₊₁", "theta_(t+1)");
	expect_ascii("2ⁿ⁻¹", "2^(n-1)");
	expect_ascii("x⁽ⁿ⁻¹⁾", "x^(n-1)");
	expect_ascii("x₁²", "x_1^2");
	expect_ascii("‖x‖²", "||x||^2");
	expect_ascii("⌈x⌉²", "?x?^2");
}

Test(text_ascii, other_characters_are_question_marks)
{
	expect_ascii("ж", "?");
	expect_ascii("日本", "??");
	expect_ascii("😀!", "?!");
	expect_ascii("\xc2\x80", "?");
}

Test(text_ascii, invalid_utf8_one_mark_a_byte)
{
	expect_ascii("a\xff" "b", "a?b");
	expect_ascii("\x80\xbf", "??");
	expect_ascii("\xe2\x88", "??");             /* a truncated ∇ */
	expect_ascii("\xe2\x88x", "??x");
	expect_ascii("\xc0\xaf", "??");             /* overlong '/' */
	expect_ascii("\xe0\x80\xaf", "???");        /* overlong '/' */
	expect_ascii("\xed\xa0\x80", "???");        /* a surrogate */
	expect_ascii("\xf4\x90\x80\x80", "????");   /* beyond U+10FFFF */
	expect_ascii("\xf5\x80", "??");
	expect_ascii("θ\xff" "θ", "theta?theta");
}

/* --- random texts ------------------------------------------------------- */

/* A local generator, so the texts do not change with the library's. */
static uint64_t
fuzz_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* The columns of n bytes of valid UTF-8 (a wide character two: width.c). */
static size_t
columns(const char *s, size_t n)
{
	return utf8_columns(s, n);
}

/* Whether s is UTF-8 (structurally: lead bytes and continuations). */
static int
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : *p >= 0xc2 && *p <= 0xdf ? 1 : *p >= 0xe0 && *p <= 0xef ? 2 :
			*p >= 0xf0 && *p <= 0xf4 ? 3 : -1;

		if (n < 0)
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/*
 * Whether the word at s (up to a space or a newline) is a mark that a
 * line never starts with (":", "?*", "»"...), so the space before it
 * is no place to break.
 */
static int
is_mark_word(const char *s)
{
	size_t n = strcspn(s, " \n"), i;
	int mark = 0;

	for (i = 0; i < n; i++) {
		if (strchr(":;?!", s[i]) != NULL)
			mark = 1;
		else if (strncmp(s + i, "»", 2) == 0 && (mark = 1))
			i++;
		else if (i == 0 && strncmp(s, ">>", 2) == 0 && (mark = 1))
			i++;
		else if (strchr("*,.)'\"", s[i]) == NULL)
			return 0;
	}
	return mark;
}

/* The first space of s..end where a line may break, or NULL. */
static const char *
break_space(const char *s, const char *end)
{
	const char *sp;

	for (sp = s; sp < end; sp++)
		if (*sp == ' ') {
			const char *w = sp;
			while (w < end && *w == ' ')
				w++;
			if (w == end || !is_mark_word(w))
				return sp;
		}
	return NULL;
}

/* The bytes of the piece at s a line cannot break in: a word, with a mark after it. */
static size_t
piece_len(const char *s)
{
	size_t n = strcspn(s, " \n"), k = n;

	while (s[k] == ' ')
		k++;
	if (k > n && s[k] != '\0' && s[k] != '\n' && is_mark_word(s + k))
		return k + strcspn(s + k, " \n");
	return n;
}

/* The words of s (split at ASCII whitespace), joined by single spaces. */
static char *
words(const char *s)
{
	char *w = malloc(strlen(s) + 1), *q = w;

	cr_assert_not_null(w);
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		if (q > w)
			*q++ = ' ';
		while (*s && *s != ' ' && *s != '\n')
			*q++ = *s++;
	}
	*q = '\0';
	return w;
}

/*
 * The characters of s but its ASCII whitespace: what wrapping keeps of a
 * text with wide characters, where a line may break with no space.
 */
static char *
squeezed(const char *s)
{
	char *w = malloc(strlen(s) + 1), *q = w;

	cr_assert_not_null(w);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			*q++ = *s;
	*q = '\0';
	return w;
}

/* Whether s has a wide character, after which a line may break. */
static int
has_wide(const char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t c;

	while (i < n) {
		i += utf8_next(s + i, n - i, &c);
		if (char_columns(c) == 2)
			return 1;
	}
	return 0;
}

/*
 * A text of `count` pieces drawn from pieces (n of them) with the seed,
 * as many as fit in size bytes with the NUL; returns its length.
 */
static size_t
random_text(uint64_t *seed, const char *const *pieces, size_t n, int count, char *text,
	    size_t size)
{
	size_t len = 0;
	int k;

	for (k = 0; k < count; k++) {
		const char *p = pieces[fuzz_next(seed) % n];

		if (len + strlen(p) + 1 > size)
			break;
		memcpy(text + len, p, strlen(p));
		len += strlen(p);
	}
	text[len] = '\0';
	return len;
}

/*
 * Checks one wrapped text line by line: no trailing spaces or controls,
 * ASCII unless utf8, no line over width but a lone word, and greedy
 * filling (the next line's first word, of the same block, did not fit).
 */
static void
check_lines(const char *out, size_t width, int utf8, const char *text)
{
	const char *line = out, *eol, *next, *body, *sp;
	size_t len;

	cr_assert(out[0] == '\0' || out[strlen(out) - 1] == '\n', "[%s] -> [%s]", text, out);
	cr_assert(out[0] != '\n', "starts with a blank line: [%s]", out);
	cr_assert_null(strstr(out, "\n\n\n"), "two blank lines: [%s]", out);
	cr_assert(valid_utf8(out), "invalid UTF-8: [%s]", out);
	for (; *line != '\0'; line = eol + 1) {
		eol = strchr(line, '\n');
		cr_assert_not_null(eol);
		len = (size_t)(eol - line);
		if (len == 0)
			continue;
		cr_assert_neq(line[len - 1], ' ', "trailing space: [%.*s]", (int)len, line);
		for (body = line; body < eol; body++) {
			unsigned char c = (unsigned char)*body;

			cr_assert(c >= 0x20 && c != 0x7f, "control character in [%s]", out);
			cr_assert(utf8 || c < 0x80, "not ASCII: [%s]", out);
		}
		body = line;
		if (strncmp(line, "  - ", 4) == 0 || strncmp(line, "    ", 4) == 0)
			body = line + 4;
		cr_assert_neq(*body, ' ', "bad indent: [%.*s]", (int)len, line);
		sp = break_space(body, eol);
		cr_assert(columns(line, len) <= width || sp == NULL,
			  "too long at %zu: [%.*s] in [%s]", width, (int)len, line, text);
		/* greedy: the next word of the same block did not fit here */
		next = eol + 1;
		if (*next != '\0' && *next != '\n' &&
		    ((line[0] != ' ' && next[0] != ' ') || strncmp(next, "    ", 4) == 0)) {
			const char *nb = next[0] == ' ' ? next + 4 : next;
			size_t wl = piece_len(nb);

			cr_assert_gt(columns(line, len) + 1 + columns(nb, wl), width,
				     "not filled at %zu: [%.*s] then [%.*s]", width,
				     (int)len, line, (int)wl, nb);
		}
	}
}

Test(text_wrap, random_texts_keep_the_invariants)
{
	static const char *const pieces[] = {
		"a", "bb", "ccc", "dddd", "eeeeeeeeeeee", "fffffffffffffffffffffffff",
		" ", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\r\n", "\t", " \n ",
		"- ", "* ", "\n- ", "\n* ", "\n  - ", "-", "*",
		"θ", "∇", "²", "⁻¹", "ₜ₊₁", "—", "≤", "…", "\xc2\xa0", "é", "😀",
		"`x = 1`", "*em*", "\xff", "\xe2\x88", "\x1b", "\x7f", "\v",
	};
	enum { NPIECES = sizeof pieces / sizeof pieces[0], CANARY = 16 };
	uint64_t seed = 20240601;
	char text[600];
	unsigned char *buf = malloc(4096 + 2 * CANARY);
	int iter;

	cr_assert_not_null(buf);
	for (iter = 0; iter < 3000; iter++) {
		int npieces = (int)(fuzz_next(&seed) % 60);
		int width = (int)(fuzz_next(&seed) % 45) - 2;
		int utf8 = (int)(fuzz_next(&seed) & 1);
		size_t n, m, len, size, i, w = width < 10 ? 10 : (size_t)width;
		char *flat, *full, *w1, *w2;

		len = random_text(&seed, pieces, NPIECES, npieces, text, sizeof text);

		n = text_wrap(text, width, utf8, NULL, 0);
		cr_assert_lt(n, 4096);
		/* the whole result, between canaries */
		memset(buf, 0xa5, 4096 + 2 * CANARY);
		m = text_wrap(text, width, utf8, (char *)buf + CANARY, n + 1);
		cr_assert_eq(m, n);
		for (i = 0; i < CANARY; i++) {
			cr_assert_eq(buf[i], 0xa5, "wrote before the buffer");
			cr_assert_eq(buf[CANARY + n + 1 + i], 0xa5, "wrote past the buffer");
		}
		cr_assert_eq(buf[CANARY + n], '\0');
		cr_assert_eq(strlen((char *)buf + CANARY), n);
		check_lines((char *)buf + CANARY, w, utf8, text);
		full = strdup((char *)buf + CANARY);
		cr_assert_not_null(full);

		/* the same words as without wrapping (the same characters,
		 * with wide ones, after which a line breaks with no space) */
		flat = malloc(text_wrap(text, 100000, utf8, NULL, 0) + 1);
		cr_assert_not_null(flat);
		text_wrap(text, 100000, utf8, flat, text_wrap(text, 100000, utf8, NULL, 0) + 1);
		if (has_wide(flat)) {
			w1 = squeezed((char *)buf + CANARY);
			w2 = squeezed(flat);
		} else {
			w1 = words((char *)buf + CANARY);
			w2 = words(flat);
		}
		cr_assert_str_eq(w1, w2, "words changed at width %d", width);
		free(w1);
		free(w2);

		/* a buffer too small: a prefix and a NUL, nothing past size */
		size = n == 0 ? 0 : (size_t)(fuzz_next(&seed) % (n + 1));
		memset(buf, 0xa5, 4096 + 2 * CANARY);
		m = text_wrap(text, width, utf8, (char *)buf + CANARY, size);
		cr_assert_eq(m, n);
		for (i = 0; i < CANARY; i++) {
			cr_assert_eq(buf[i], 0xa5, "wrote before the buffer");
			cr_assert_eq(buf[CANARY + size + i], 0xa5, "wrote past size %zu", size);
		}
		if (size > 0) {
			cr_assert_eq(buf[CANARY + size - 1], '\0');
			cr_assert_eq(memcmp(buf + CANARY, full, size - 1), 0);
		}
		free(flat);
		free(full);

		/* ASCII spelling alone: pure ASCII, never longer than 8 bytes a byte */
		flat = text_ascii(text);
		for (i = 0; flat[i] != '\0'; i++)
			cr_assert_lt((unsigned char)flat[i], 0x80);
		cr_assert_leq(i, 8 * len + 2);
		free(flat);
	}
	free(buf);
}

/* --- numbered lists, tables and fenced blocks ------------------------- */

Test(text_wrap, numbered_items_with_their_own_indent)
{
	expect_wrap("1. alpha beta gamma\n2) delta", 16, 1,
		    "  1. alpha beta\n     gamma\n  2) delta\n");
	expect_wrap("9. a\n10. bb cc dd ee ff", 14, 1, "  9. a\n  10. bb cc dd\n      ee ff\n");
	/* a number without its point and blank, or too long, is a word */
	expect_wrap("1.5 is a number\n1.x", 40, 1, "1.5 is a number 1.x\n");
	expect_wrap("1234. too long", 40, 1, "1234. too long\n");
	expect_wrap("Steps:\n1. a\n- b", 40, 1, "Steps:\n\n  1. a\n  - b\n");
}

Test(text_wrap, fenced_blocks_line_for_line)
{
	expect_wrap("Before\n```\nθ ← θ − α∇J\n  x = 1\n\ny\n```\nafter", 40, 1,
		    "Before\n\n  θ ← θ − α∇J\n    x = 1\n\n  y\n\nafter\n");
	/* spelled in ASCII, and an unclosed fence runs to the end */
	expect_wrap("```text\nα ≤ 1   ", 40, 0, "  alpha <= 1\n");
	/* too wide: broken at the last space, else at the edge */
	expect_wrap("```\naaa bbb ccc ddd\n```", 12, 1, "  aaa bbb\n  ccc ddd\n");
	expect_wrap("```\nabcdefghijklmn\n```", 10, 1, "  abcdefgh\n  ijklmn\n");
	/* the markup of paragraphs does not apply inside */
	expect_wrap("```\n- not an item\n| not a table\n```", 40, 1,
		    "  - not an item\n  | not a table\n");
	expect_wrap("```\n```", 40, 1, "");
}

Test(text_wrap, tables_aligned_in_columns)
{
	expect_wrap("| a | bb |\n|---|---|\n| ccc | d |", 40, 1,
		    "  a    bb\n  ───  ──\n  ccc  d\n");
	expect_wrap("| a | bb |\n|:-|-:|\n| ccc | d |", 40, 0,
		    "  a    bb\n  ---  --\n  ccc  d\n");
	/* ragged rows, no rule, a table between paragraphs */
	expect_wrap("x\n| a | b | c\n| d |\ny", 40, 1, "x\n\n  a  b  c\n  d\n\ny\n");
	/* too wide: the widest column narrows, its cells wrap */
	expect_wrap("| k | one two three four |\n| l | five |", 16, 1,
		    "  k  one two\n     three four\n  l  five\n");
	/* a word longer than its column is cut at the column's edge */
	expect_wrap("| abcdefghijklmnop | x |", 12, 1, "  abcdefg  x\n  hijklmn\n  op\n");
	/* no room for the columns: a row a line, the cells between bars */
	expect_wrap("| a | b | c | d | e |\n|-|-|-|-|-|\n| f |", 10, 1, "a | b | c\n| d | e\nf\n");
	/* widths count what is shown: Unicode, or its ASCII spelling */
	expect_wrap("| θ | 1 |\n| ab | 2 |", 40, 1, "  θ   1\n  ab  2\n");
	expect_wrap("| θ | 1 |\n| ab | 2 |", 40, 0, "  theta  1\n  ab     2\n");
}

Test(text_wrap, random_markup_keeps_the_invariants)
{
	static const char *const pieces[] = {
		"a", "bb", "ccc", "eeeeeeeeeeee", "fffffffffffffffffffffffff", " ", " ", "  ",
		"\n", "\n", "\n\n", "\n- ", "\n1. ", "\n12) ", "\n|", "|", "| x |", "\n|-|-|",
		"\n```", "```", "\n```\n", "θ", "≤", "\t", "\x1b", "\xff", ":", "-",
	};
	enum { NPIECES = sizeof pieces / sizeof pieces[0] };
	uint64_t seed = 20261204;
	char text[600];
	int iter;

	for (iter = 0; iter < 3000; iter++) {
		int npieces = (int)(fuzz_next(&seed) % 80);
		int width = 10 + (int)(fuzz_next(&seed) % 40);
		int utf8 = (int)(fuzz_next(&seed) & 1);
		const char *line, *eol;
		char *out;

		random_text(&seed, pieces, NPIECES, npieces, text, sizeof text);
		out = wrap(text, width, utf8);
		cr_assert(valid_utf8(out), "invalid UTF-8: [%s]", out);
		cr_assert(out[0] == '\0' || out[strlen(out) - 1] == '\n');
		for (line = out; *line != '\0'; line = eol + 1) {
			size_t n, i;

			eol = strchr(line, '\n');
			cr_assert_not_null(eol);
			n = (size_t)(eol - line);
			cr_assert(n == 0 || line[n - 1] != ' ', "trailing space: [%.*s] from [%s]",
				  (int)n, line, text);
			for (i = 0; i < n; i++) {
				unsigned char c = (unsigned char)line[i];

				cr_assert(c >= 0x20 && c != 0x7f, "control character in [%s]", out);
				cr_assert(utf8 || c < 0x80, "not ASCII: [%s]", out);
			}
			/* nothing is wider than the screen but a lone word (with
			 * the marks that follow it: "word :") */
			if (memchr(line, ' ', n) != NULL && columns(line, n) > (size_t)width) {
				const char *sp = line;

				while (sp < eol && *sp == ' ')
					sp++;
				/* an item's marker, "- " or "12. ", and then a lone word */
				if (sp + 1 < eol && *sp == '-' && sp[1] == ' ')
					sp += 2;
				else if (sp < eol && *sp >= '0' && *sp <= '9') {
					const char *d = sp;

					while (d < eol && *d >= '0' && *d <= '9')
						d++;
					if (d + 1 < eol && (*d == '.' || *d == ')') && d[1] == ' ')
						sp = d + 2;
				}
				while (sp < eol && *sp == ' ')
					sp++;
				cr_assert(break_space(sp, eol) == NULL,
					  "too wide at %d: [%.*s] from [%s]", width, (int)n, line,
					  text);
			}
		}
		free(out);
	}
}

Test(text_wrap, wide_characters_take_two_columns_and_break_anywhere)
{
	/* 24 characters of Chinese, 48 columns, no space: lines of 20 columns */
	const char *zh = "训练一个模型就是选择一些数字。这些数字叫作参数。";
	char out[512];

	text_wrap(zh, 20, 1, out, sizeof out);
	cr_assert_str_eq(out, "训练一个模型就是选择\n一些数字。这些数字叫\n作参数。\n", "%s", out);
	/* a word of Latin letters beside them stays whole, glued to them,
	 * and a line never starts with a closing mark */
	text_wrap("参数 θ 是模型的参数abc。", 12, 1, out, sizeof out);
	cr_assert_str_eq(out, "参数 θ 是模\n型的参数\nabc。\n", "%s", out);
}

Test(text_wrap, french_marks_never_start_a_line)
{
	char out[256];
	int w;

	/* "vrai ?" and "*bien ?*" are kept whole at every width */
	for (w = 8; w <= 30; w++) {
		text_wrap("Est-ce vrai ? Assez *bien ?* Oui : « deux » ; fin !", w, 1, out,
			  sizeof out);
		cr_assert_null(strstr(out, "\n?"), "width %d:\n%s", w, out);
		cr_assert_null(strstr(out, "\n:"), "width %d:\n%s", w, out);
		cr_assert_null(strstr(out, "\n;"), "width %d:\n%s", w, out);
		cr_assert_null(strstr(out, "\n!"), "width %d:\n%s", w, out);
		cr_assert_null(strstr(out, "\n»"), "width %d:\n%s", w, out);
	}
	text_wrap("Est-ce vrai ?", 9, 1, out, sizeof out);
	cr_assert_str_eq(out, "Est-ce\nvrai ?\n");
}

Test(text_ascii, accented_letters_lose_their_accents)
{
	char *s = text_ascii("Cœur d'été : « déjà » à Noël, ß, Ÿ, ÇA");

	cr_assert_str_eq(s, "Coeur d'ete : << deja >> a Noel, ss, Y, CA");
	free(s);
	s = text_ascii("∇é");
	cr_assert_str_eq(s, "grad e", "a letter after a word-like spelling");
	free(s);
}
