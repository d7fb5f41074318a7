/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h - the program's messages in the learner's language, through GNU
 * gettext (po/, descent(1) ENVIRONMENT).
 *
 *   _("text")          marks a message and gives its translation;
 *   N_("text")         marks one kept in a table, translated with _()
 *                      where it is shown;
 *   P_(one, many, n)   the form of a message for the number n, by the
 *                      language's plural rules.
 *
 * diag_set, diags_add, lesson_error, check_wrong, cmd_usage_error,
 * cmd_value_error, fatal and ui_status translate their format themselves
 * (po/Makevars lists them for xgettext).  Built with --disable-nls, all of
 * them give the English text.
 */
#ifndef DESCENT_I18N_H
#define DESCENT_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
/* gettext, but "" stays "" (gettext("") is the catalog's header) */
__attribute__((format_arg(1))) static inline char *
descent_gettext(const char *s)
{
	return s[0] != '\0' ? gettext(s) : (char *)s;
}
#define _(s) descent_gettext(s)
#define P_(one, many, n) ngettext((one), (many), (unsigned long)(n))
#else
#define _(s) ((char *)(s))
#define P_(one, many, n) ((n) == 1 ? (char *)(one) : (char *)(many))
#endif
#define N_(s) (s)

/*
 * Binds the messages' catalogs: src/locale beside a program run from its
 * build tree (which has descent.srcdir beside it), LOCALEDIR otherwise.
 * cmd_main calls it after setlocale.
 */
void i18n_init(void);

#endif
