/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.h - what every module needs: allocation that cannot fail quietly,
 * fatal() for out of memory and "cannot happen", and reading a whole file.
 */
#ifndef DESCENT_UTIL_H
#define DESCENT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define DESCENT_NORETURN __attribute__((noreturn))
#define DESCENT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DESCENT_NORETURN
#define DESCENT_PRINTF(a, b)
#endif

/*
 * Prints "descent: fatal: MESSAGE" to stderr and exits with status 70,
 * after running the cleanup hook (the UI registers one that restores the
 * terminal).
 */
DESCENT_NORETURN DESCENT_PRINTF(1, 2) void fatal(const char *fmt, ...);
void fatal_set_cleanup(void (*cleanup)(void));

/* malloc, calloc, realloc and strdup that call fatal() when out of memory. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc for an array of n elements of size, checking n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/*
 * The edit distance of a (la bytes) and b (lb bytes), a swap of two
 * neighbours counting as one edit (optimal string alignment: "qiuz" is
 * one from "quiz"), for the "did you mean" of messages; 99 when either
 * is longer than 60.
 */
int edit_distance(const char *a, size_t la, const char *b, size_t lb);

/*
 * Text's width on a terminal, by our own table (width.c), not the
 * locale's: a combining mark or a zero-width character takes no column,
 * a wide (CJK) character two, any other one.
 */
int char_columns(uint32_t c);
/*
 * Decodes the UTF-8 sequence at s (n bytes available) into *c and returns
 * its length, or 0 when it is not valid: a stray continuation byte, a
 * sequence cut short, an overlong form, a surrogate, or a code point
 * beyond U+10FFFF (or n is 0).
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *c);
/*
 * The same for text to show: an invalid sequence is one byte of U+FFFD.
 * 0 only when n is 0.
 */
size_t utf8_next(const char *s, size_t n, uint32_t *c);
/* The columns of n bytes of UTF-8 text. */
size_t utf8_columns(const char *s, size_t n);
/*
 * The bytes of the longest whole-character start of s (n bytes) that
 * takes at most cols columns; the columns it takes in *used (may be NULL).
 */
size_t utf8_fit(const char *s, size_t n, size_t cols, size_t *used);

/*
 * The length of the first item of the comma-separated list s ("1.5, pi/2"):
 * up to its first comma outside parentheses, since a comma inside them
 * belongs to a call (max(1, 2)).
 */
size_t list_item_len(const char *s);

/*
 * s made safe to print on a terminal, in a new string the caller frees:
 * every control character written in caret notation (ESC as "^[", BEL as
 * "^G", DEL as "^?"), the C1 controls (U+0080 to U+009F, such as CSI) as
 * "<U+009B>", and each byte that is not valid UTF-8 as "<XX>"; all else
 * (valid UTF-8) as it is.  A string read from a file (a lesson, a CSV
 * file, the progress) goes through it before it is printed, so that no
 * file can move the cursor, retitle the terminal or ring it.
 */
char *text_safe(const char *s);
/* The same for the n bytes at s (which need not end with a NUL). */
char *text_safe_n(const char *s, size_t n);

/*
 * The names (NULL-ended) as a list in words, "a, b, c or d" with last_sep
 * " or ", into buf (size bytes, always NUL-terminated when size > 0);
 * returns the length the whole list takes, as snprintf does.
 */
size_t names_text(char *buf, size_t size, const char *const *names, const char *last_sep);

/*
 * The shortest text that strtod reads back as v ("0.1", not
 * 0.10000000000000001), -0 as 0; "inf", "-inf", and "nan" for any NaN.
 */
void num_exact(char *buf, size_t size, double v);

/*
 * Writes s to fp as a JSON string: quoted, '"' and '\\' escaped, a
 * newline as \n and every other control character (and DEL) as \uXXXX.
 */
void json_put_string(FILE *fp, const char *s);

/*
 * "DIR/NAME" for the directory of the running program when it runs from
 * its build tree, which the build marks with the file descent.srcdir
 * beside it (an installed program has none); NULL otherwise.  The
 * caller frees it.
 */
char *build_tree_file(const char *name);

/* "DIR/NAME", with one slash between them; the caller frees it. */
char *path_in_dir(const char *dir, const char *name);

/* Why read_whole_file failed: the step, and the reason in words for a message. */
struct file_error {
	enum {
		FILE_CANNOT_OPEN = 1,   /* open failed (errnum says why) */
		FILE_CANNOT_READ,       /* not a regular file, or fstat or read failed */
		FILE_TOO_LARGE,         /* more than the cap */
	} fail;
	int errnum;                     /* errno of the call that failed, or 0 */
	char reason[64];                /* strerror(errnum), "not a regular file (a FIFO)" */
};

/*
 * Reads the whole of the regular file path, at most max bytes: returns
 * its text, NUL-terminated (the caller's: free it), with its length in
 * *len; or NULL with *fe filled.  A FIFO, a directory or a device is
 * refused before anything is read, so that nothing blocks, and a file
 * that grows past max while it is read is refused too.
 */
char *read_whole_file(const char *path, size_t max, size_t *len, struct file_error *fe);

#endif
