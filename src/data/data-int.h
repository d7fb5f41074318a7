/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * data-int.h - what the files of the data module share: the one number
 * grammar of CSV fields and toy-set options, and the one way a piece of
 * user text is quoted in a message.
 */
#ifndef DESCENT_DATA_INT_H
#define DESCENT_DATA_INT_H

#include <stddef.h>

#define DATA_SHOW_MAX 40        /* bytes of user text quoted in a message */

/*
 * True when s[0, n) is a decimal number: [+-]?(D+(.D*)?|.D+)([eE][+-]?D+)?
 * with D a digit.  This is what strtod reads, minus hex, inf and nan.
 */
int data_is_decimal(const char *s, size_t n);

/*
 * Writes s[0, n) quoted into buf for a message: at most DATA_SHOW_MAX
 * bytes (cut at a UTF-8 character boundary, then "..."), control bytes as
 * '?' so that a message cannot move the terminal's cursor.  buf must hold
 * DATA_SHOW_MAX + 6 bytes; returns buf.
 */
const char *data_quote(char *buf, size_t size, const char *s, size_t n);

#endif
