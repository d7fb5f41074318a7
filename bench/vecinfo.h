/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vecinfo.h - what GCC said it vectorized, read back from its report.
 *
 * The benchmarks' hand-written baselines are compiled with
 * -fopt-info-vec-optimized-missed=FILE; each loop GCC looked at is then
 * named in FILE by its place in the source, "file:line:column: ", followed
 * by "optimized: loop vectorized using N byte vectors" or "missed: couldn't
 * vectorize loop".  A loop appears once per target clone (and again for a
 * vectorized epilogue), so loops are counted by their place, not by line.
 * A loop counts as vectorized when GCC vectorized it in at least one clone;
 * every other line of the report (why a loop was missed, basic blocks) is
 * ignored.
 */
#ifndef DESCENT_VECINFO_H
#define DESCENT_VECINFO_H

#include <stddef.h>
#include <stdio.h>

#define VECINFO_MAX_LOOPS 64

struct vecinfo_loop {
	char where[128];        /* "file:line:column" as GCC wrote it */
	int vectorized;         /* times reported vectorized */
	int missed;             /* times reported not vectorized */
	int bytes;              /* the widest vectors used, 0 if none */
};

struct vecinfo {
	int nloops;
	struct vecinfo_loop loop[VECINFO_MAX_LOOPS];    /* by file, line, column */
};

/*
 * Reads GCC's report from fp into vi (whatever it held is replaced).
 * Returns 0, or -1 when the report names more than VECINFO_MAX_LOOPS
 * loops or a place too long to keep, or on a read error.
 */
int vecinfo_read(FILE *fp, struct vecinfo *vi);

/* vecinfo_read on the file path; -1 also when it cannot be opened. */
int vecinfo_load(const char *path, struct vecinfo *vi);

/* The number of loops vectorized (in at least one clone). */
int vecinfo_vectorized(const struct vecinfo *vi);

/* The widest vectors of any loop, in bytes; 0 when none was vectorized. */
int vecinfo_max_bytes(const struct vecinfo *vi);

/*
 * Writes a one-line summary into buf of size bytes, truncated if need be:
 * "8 of 10 loops vectorized (up to 32-byte vectors): at expr-hand.c:59,
 * 72, ...; not at expr-hand.c:133, 147", each loop named by its line,
 * after its file's name (without the directory) where the file changes.
 */
void vecinfo_summary(const struct vecinfo *vi, char *buf, size_t size);

/*
 * The summary of the report at path into buf, or why there is none: no
 * path given (NULL), or a file that cannot be read.
 */
void vecinfo_describe(const char *path, char *buf, size_t size);

#endif
