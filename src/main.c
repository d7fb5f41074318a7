/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the descent program: cmd_main (src/cmd/cmd-main.c) does the
 * work; the process's part is closing stdout, where write errors show.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>

#include "cmd.h"

/*
 * Closes stdout as GNU's close_stdout does, so that a write error (a full
 * disk, /dev/full) fails the program instead of losing output silently.
 * Output is buffered, so most errors show only here.  A stdout that was
 * closed before we started is not an error when nothing was written to it.
 * Returns status, or EXIT_USER after one message when status was 0.
 */
static int
close_stdout(int status)
{
	int failed = ferror(stdout), pending = __fpending(stdout) != 0;

	errno = 0;
	if (fclose(stdout) != 0) {
		if (!failed && !pending && errno == EBADF)
			return status;
		failed = 1;
	}
	if (!failed)
		return status;
	if (errno != 0)
		fprintf(stderr, "descent: write error: %s\n", strerror(errno));
	else
		fputs("descent: write error\n", stderr);
	return status != 0 ? status : EXIT_USER;
}

int
main(int argc, char **argv)
{
	return close_stdout(cmd_main(argc, argv));
}
