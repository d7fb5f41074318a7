/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.c - where the program finds its messages' translations (i18n.h),
 * and how it knows it runs from its build tree (util.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/i18n.h"
#include "descent/util.h"

char *
build_tree_file(const char *name)
{
	char exe[4096], *slash, *mark, *path = NULL;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	mark = path_in_dir(exe[0] != '\0' ? exe : "/", "descent.srcdir");
	if (stat(mark, &st) == 0 && S_ISREG(st.st_mode))
		path = path_in_dir(exe[0] != '\0' ? exe : "/", name);
	free(mark);
	return path;
}

void
i18n_init(void)
{
#ifdef ENABLE_NLS
	char *dir = build_tree_file("locale");

	bindtextdomain(PACKAGE, dir != NULL ? dir : LOCALEDIR);
	textdomain(PACKAGE);
	free(dir);
#endif
}
