/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-bench-vecinfo.c - the reader of GCC's vectorization report that the
 * benchmarks print their baselines' counts from: loops counted once by
 * their place however many clones report them, a loop vectorized in any
 * clone counted as vectorized, the rest of the report ignored, and the
 * summary line.  The reports are GCC 12's own words for a file of two
 * loops built as the VM is (two clones), and at plain -O2.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "vecinfo.h"

/* -fopt-info-vec-optimized-missed, -O2 -ftree-vectorize, avx2 + default clones */
static const char report_clones[] =
	"../bench/t.c:6:23: optimized: loop vectorized using 16 byte vectors\n"
	"../bench/t.c:12:23: missed: couldn't vectorize loop\n"
	"../bench/t.c:13:10: missed: not vectorized: no vectype for stmt: _3 = *_2;\n"
	" scalar_type: const double\n"
	"../bench/t.c:12:23: missed: couldn't vectorize loop\n"
	"../bench/t.c:13:10: missed: not vectorized: no vectype for stmt: _5 = *_4;\n"
	" scalar_type: const double\n"
	"../bench/t.c:6:23: optimized: loop vectorized using 32 byte vectors\n"
	"../bench/t.c:6:23: optimized: loop vectorized using 16 byte vectors\n"
	"../bench/t.c:16:14: missed: statement clobbers memory: __builtin_cpu_init ();\n"
	"../bench/t.c:16:14: missed: statement clobbers memory: __builtin_cpu_init ();\n";

/* the same file at plain -O2 (the very cheap cost model), one clone */
static const char report_plain[] =
	"t.c:6:23: missed: couldn't vectorize loop\n"
	"t.c:7:11: missed: not vectorized: no vectype for stmt: _3 = *_2;\n"
	"t.c:12:23: missed: couldn't vectorize loop\n";

static struct vecinfo vi;

static int
read_text(const char *text)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int ret;

	cr_assert_not_null(fp);
	ret = vecinfo_read(fp, &vi);
	fclose(fp);
	return ret;
}

static const char *
summary(void)
{
	static char buf[256];

	vecinfo_summary(&vi, buf, sizeof buf);
	return buf;
}

Test(bench_vecinfo, a_loop_is_counted_once_whatever_the_clones)
{
	cr_assert_eq(read_text(report_clones), 0);
	cr_assert_eq(vi.nloops, 2);
	cr_assert_str_eq(vi.loop[0].where, "../bench/t.c:6:23");
	cr_assert_eq(vi.loop[0].vectorized, 3);
	cr_assert_eq(vi.loop[0].bytes, 32);
	cr_assert_str_eq(vi.loop[1].where, "../bench/t.c:12:23");
	cr_assert_eq(vi.loop[1].missed, 2);
	cr_assert_eq(vecinfo_vectorized(&vi), 1);
	cr_assert_eq(vecinfo_max_bytes(&vi), 32);
	cr_assert_str_eq(summary(), "1 of 2 loops vectorized (up to 32-byte vectors): "
			 "at t.c:6; not at t.c:12");
}

Test(bench_vecinfo, no_loop_vectorized_names_them_all)
{
	cr_assert_eq(read_text(report_plain), 0);
	cr_assert_eq(vecinfo_vectorized(&vi), 0);
	cr_assert_eq(vecinfo_max_bytes(&vi), 0);
	cr_assert_str_eq(summary(), "0 of 2 loops vectorized: not at t.c:6, 12");
}

Test(bench_vecinfo, vectorized_in_one_clone_counts_as_vectorized)
{
	cr_assert_eq(read_text("a.c:3:5: missed: couldn't vectorize loop\n"
			       "a.c:3:5: optimized: loop vectorized using 64 byte vectors\n"), 0);
	cr_assert_eq(vi.loop[0].missed, 1);
	cr_assert_str_eq(summary(), "1 of 1 loop vectorized (up to 64-byte vectors): at a.c:3");
}

Test(bench_vecinfo, nested_loops_on_one_line_are_two_loops)
{
	cr_assert_eq(read_text("a.c:3:5: optimized: loop vectorized using 16 byte vectors\n"
			       "a.c:3:30: missed: couldn't vectorize loop\n"), 0);
	cr_assert_eq(vi.nloops, 2);
	cr_assert_str_eq(summary(), "1 of 2 loops vectorized (up to 16-byte vectors): "
			 "at a.c:3; not at a.c:3");
}

Test(bench_vecinfo, loops_are_in_the_order_of_the_source_and_files_named_once)
{
	cr_assert_eq(read_text("/src/a.c:14:5: missed: couldn't vectorize loop\n"
			       "/src/a.c:3:5: missed: couldn't vectorize loop\n"
			       "/src/a.c:7:5: optimized: loop vectorized using 32 byte vectors\n"
			       "/usr/include/b.h:9:2: optimized: loop vectorized using 16 byte vectors\n"
			       "/src/a.c:12:5: optimized: loop vectorized using 32 byte vectors\n"), 0);
	cr_assert_str_eq(summary(), "3 of 5 loops vectorized (up to 32-byte vectors): "
			 "at a.c:7, 12, b.h:9; not at a.c:3, 14");
}

Test(bench_vecinfo, a_place_may_have_no_column)
{
	cr_assert_eq(read_text("a.c:14: missed: couldn't vectorize loop\n"
			       "a.c:9: missed: couldn't vectorize loop\n"), 0);
	cr_assert_str_eq(summary(), "0 of 2 loops vectorized: not at a.c:9, 14");
}

Test(bench_vecinfo, other_lines_are_not_loops)
{
	cr_assert_eq(read_text("a.c:9:1: optimized: basic block part vectorized using 32 byte vectors\n"
			       "a.c:4:13: note: vectorized 1 loops in function.\n"
			       "optimized: loop vectorized using 16 byte vectors\n"
			       "a.c:2:7: optimized: loop versioned for vectorization because of "
			       "possible aliasing\n"
			       "\n"), 0);
	cr_assert_eq(vi.nloops, 0);
	cr_assert_str_eq(summary(), "0 of 0 loops vectorized");
}

Test(bench_vecinfo, a_new_read_replaces_the_last)
{
	cr_assert_eq(read_text(report_clones), 0);
	cr_assert_eq(read_text(""), 0);
	cr_assert_eq(vi.nloops, 0);
}

Test(bench_vecinfo, too_many_loops_is_an_error)
{
	char text[VECINFO_MAX_LOOPS * 64 + 64];
	size_t len = 0;
	int i;

	for (i = 0; i <= VECINFO_MAX_LOOPS; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"a.c:%d:1: missed: couldn't vectorize loop\n", i + 1);
	cr_assert_eq(read_text(text), -1);
	cr_assert_eq(vi.nloops, VECINFO_MAX_LOOPS);
}

Test(bench_vecinfo, a_missing_report_is_an_error)
{
	cr_assert_eq(vecinfo_load("/nonexistent/report.vecinfo", &vi), -1);
	cr_assert_eq(vi.nloops, 0);
}

Test(bench_vecinfo, the_summary_is_cut_to_its_buffer)
{
	char buf[12];

	memset(buf, 'x', sizeof buf);
	cr_assert_eq(read_text(report_plain), 0);
	vecinfo_summary(&vi, buf, sizeof buf);
	cr_assert_str_eq(buf, "0 of 2 loop");
}

Test(bench_vecinfo, a_description_says_why_there_is_no_count)
{
	char buf[128];

	vecinfo_describe(NULL, buf, sizeof buf);
	cr_assert_str_eq(buf, "vectorized loops not known (no report given)");
	vecinfo_describe("/nonexistent/r.vecinfo", buf, sizeof buf);
	cr_assert_str_eq(buf, "vectorized loops not known "
			 "(/nonexistent/r.vecinfo: cannot read it)");
}
