/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson-state.c - the files of the state directory that the progress
 * store (lesson-progress.c) keeps its file in: where that file is by
 * default, making its directory (or only checking that it could be made),
 * writing a whole buffer, and keeping a bad file aside.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "descent/util.h"
#include "lesson-int.h"

#define MAX_BACKUPS 1000                /* bad-TIMESTAMP-2 ... -999 */

/* The part of path after its last '/'. */
const char *
state_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* The directory of path: "." when it has no '/', "/" for "/x". */
char *
state_dir_name(const char *path)
{
	const char *s = strrchr(path, '/');
	char *d;

	if (s == NULL)
		return xstrdup(".");
	while (s > path && s[-1] == '/')
		s--;
	if (s == path)
		return xstrdup("/");
	d = xmalloc((size_t)(s - path) + 1);
	memcpy(d, path, (size_t)(s - path));
	d[s - path] = '\0';
	return d;
}

/* dir (its trailing slashes dropped), then tail; the caller frees it. */
char *
state_path_join(const char *dir, const char *tail)
{
	size_t n = strlen(dir), m = strlen(tail);
	char *s;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	s = xmalloc(n + m + 1);
	memcpy(s, dir, n);
	memcpy(s + n, tail, m + 1);
	return s;
}

/*
 * The default file, from XDG_STATE_HOME, then HOME, then the password
 * database; NULL when there is no home at all.
 */
char *
state_default_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct passwd *pw;

	if (state != NULL && state[0] == '/')
		return state_path_join(state, "/descent/progress.json");
	if (home == NULL || home[0] == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] == '\0')
		return NULL;
	return state_path_join(home, "/.local/state/descent/progress.json");
}

/* Makes dir and its parents, each new one with mode 0700, like mkdir -p. */
int
state_make_dirs(const char *dir)
{
	char *d = xstrdup(dir), *s;
	struct stat st;
	int ret = -1, saved;

	for (s = d + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(d, 0700) < 0) {
				saved = errno;
				if (stat(d, &st) < 0 || !S_ISDIR(st.st_mode)) {
					errno = saved == EEXIST ? ENOTDIR : saved;
					goto fail;
				}
			}
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	ret = 0;
fail:
	free(d);
	return ret;
}

/*
 * Whether dir is a directory, or could be made by make_dirs: its nearest
 * existing ancestor is a directory we may write in.  Makes nothing (just
 * reading the course must not create the state directory).  Returns 0, or
 * -1 with errno set (ENOTDIR, EACCES, ...).
 */
int
state_can_make_dirs(const char *dir)
{
	char *d = xstrdup(dir), *s;
	struct stat st;
	int ret = -1;

	for (;;) {
		if (stat(d, &st) == 0) {
			if (!S_ISDIR(st.st_mode))
				errno = ENOTDIR;
			else if (strcmp(d, dir) == 0 || access(d, W_OK | X_OK) == 0)
				ret = 0;
			break;
		}
		if (errno != ENOENT)
			break;
		s = strrchr(d, '/');
		if (s == NULL) {                /* a relative path: the working directory */
			ret = access(".", W_OK | X_OK);
			break;
		}
		if (s == d)
			d[1] = '\0';           /* "/": it exists */
		else
			*s = '\0';
	}
	free(d);
	return ret;
}

/* Writes all of buf to fd. */
int
state_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Renames path aside to PATH.bad-YYYYMMDD-HHMMSS[-N]; returns the new
 * name (the caller frees it), or NULL with errno set.
 */
char *
state_move_aside(const char *path)
{
	char stamp[32], *name;
	size_t size = strlen(path) + sizeof stamp + 16;
	struct stat st;
	struct tm tm;
	time_t now = time(NULL);
	int i;

	if (localtime_r(&now, &tm) == NULL || strftime(stamp, sizeof stamp,
						       "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	name = xmalloc(size);
	for (i = 1; i < MAX_BACKUPS; i++) {
		if (i == 1)
			snprintf(name, size, "%s.bad-%s", path, stamp);
		else
			snprintf(name, size, "%s.bad-%s-%d", path, stamp, i);
		if (lstat(name, &st) < 0 && errno == ENOENT)
			break;
	}
	if (i == MAX_BACKUPS) {
		errno = EEXIST;
	} else if (rename(path, name) == 0) {
		return name;
	}
	free(name);
	return NULL;
}
