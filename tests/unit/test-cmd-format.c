/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-cmd-format.c - how the command line writes numbers: a value that
 * is not finite is always "inf", "-inf" or "nan" (never "-nan", which
 * printf gives for a NaN whose sign bit is set, as x86 makes inf - inf),
 * in the table's format and in the exact one of CSV.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <criterion/criterion.h>

#include "cmd.h"

Test(cmd_format, non_finite_values_are_inf_minus_inf_and_nan)
{
	volatile double inf = INFINITY;
	const double values[] = { INFINITY, -INFINITY, NAN, -NAN, inf - inf };
	const char *const want[] = { "inf", "-inf", "nan", "nan", "nan" };
	char buf[40];
	size_t i;

	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		cmd_format_exact(buf, sizeof buf, values[i]);
		cr_expect_str_eq(buf, want[i], "exact %zu: %s", i, buf);
		cmd_format_number(buf, sizeof buf, values[i], 10);
		cr_expect_str_eq(buf, want[i], "number %zu: %s", i, buf);
	}
}

Test(cmd_format, zero_has_no_sign)
{
	char buf[40];

	cmd_format_exact(buf, sizeof buf, -0.0);
	cr_expect_str_eq(buf, "0");
	cmd_format_number(buf, sizeof buf, -0.0, 10);
	cr_expect_str_eq(buf, "0");
}
