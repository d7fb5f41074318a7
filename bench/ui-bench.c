/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-bench.c - what the full-screen UI costs the terminal: descent play
 * runs in a pseudo-terminal of 80x24 (then 200x60) on the Himmelblau
 * gradient-descent demo, and this counts the bytes of the first frame,
 * the bytes per step (key 'n', the output read until it is quiet), and
 * the time from the start of the process to its first full frame.  Then
 * the course map: the time to its first frame with all lessons loaded,
 * and the peak memory of the process.
 *
 * usage: ui_bench [path/to/descent]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STEPS 200

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads from fd until it has been quiet for quiet_ms; returns the bytes read. */
static size_t
drain(int fd, int quiet_ms, double *first_byte, double *last_byte)
{
	char buf[65536];
	size_t total = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	for (;;) {
		ssize_t n;
		int r = poll(&p, 1, quiet_ms);
		if (r <= 0)
			break;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		if (total == 0 && first_byte != NULL)
			*first_byte = now();
		if (last_byte != NULL)
			*last_byte = now();
		total += (size_t)n;
	}
	return total;
}

/*
 * Runs argv (argv[0] the program) in a new pseudo-terminal of cols x rows
 * with TERM=xterm-256color, a UTF-8 locale, colours, and XDG_STATE_HOME
 * = state when not NULL.  Returns the child and its terminal in *fd, or
 * -1.
 */
static pid_t
spawn(char *const *argv, int cols, int rows, const char *state, int *fd)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	pid_t pid = forkpty(fd, NULL, NULL, &ws);

	if (pid < 0) {
		perror("ui_bench: forkpty");
		return -1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("NO_COLOR");
		if (state != NULL)
			setenv("XDG_STATE_HOME", state, 1);
		execv(argv[0], argv);
		perror("ui_bench: exec");
		_exit(127);
	}
	return pid;
}

static int
measure(const char *prog, int cols, int rows)
{
	char *argv[] = { (char *)prog, "play", "(x^2+y-11)^2 + (x+y^2-7)^2", "--x", "-5:5",
			 "--y", "-5:5", "--start", "0,0", "--lr", "0.002", NULL };
	int fd, status, i;
	double t0, first = 0, last = 0;
	size_t frame, steps = 0, min = (size_t)-1, max = 0;
	pid_t pid;

	t0 = now();
	if ((pid = spawn(argv, cols, rows, NULL, &fd)) < 0)
		return 1;
	frame = drain(fd, 300, &first, &last);
	for (i = 0; i < STEPS; i++) {
		size_t n;
		if (write(fd, "n", 1) != 1)
			break;
		n = drain(fd, 40, NULL, NULL);
		steps += n;
		if (n < min)
			min = n;
		if (n > max)
			max = n;
	}
	if (write(fd, "q", 1) != 1)
		kill(pid, SIGTERM);
	drain(fd, 200, NULL, NULL);
	waitpid(pid, &status, 0);
	close(fd);
	printf("  %3dx%-3d first frame %6zu bytes, in %.1f ms from the start of the process\n",
	       cols, rows, frame, (last - t0) * 1e3);
	printf("          per step %6.1f bytes on average over %d steps (min %zu, max %zu; "
	       "target <= 400)\n", (double)steps / STEPS, STEPS, min, max);
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* descent alone: the course map, with a fresh progress file. */
static int
measure_course(const char *prog, int runs)
{
	double best = 1e9, sum = 0;
	long rss = 0;
	int i, bad = 0;
	char state[] = "/tmp/descent-bench-XXXXXX";

	if (mkdtemp(state) == NULL) {
		perror("ui_bench: mkdtemp");
		return 1;
	}
	for (i = 0; i < runs; i++) {
		int fd, status;
		double t0 = now(), first = 0, last = 0;
		struct rusage ru;
		char *argv[] = { (char *)prog, NULL };
		pid_t pid = spawn(argv, 80, 24, state, &fd);
		if (pid < 0)
			return 1;
		drain(fd, 300, &first, &last);
		if (write(fd, "q", 1) != 1)
			kill(pid, SIGTERM);
		drain(fd, 200, NULL, NULL);
		wait4(pid, &status, 0, &ru);
		close(fd);
		bad |= !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		if (last - t0 < best)
			best = last - t0;
		sum += last - t0;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	printf("course map, 80x24, all lessons loaded: first frame in %.1f ms (best of %d; "
	       "mean %.1f; target <= 30)\n", best * 1e3, runs, sum / runs * 1e3);
	printf("          peak memory %.2f MB (target <= 10)\n", (double)rss / 1024);
	{
		char cmd[200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", state);
		if (system(cmd) != 0)
			bad = 1;
	}
	return bad;
}

int
main(int argc, char **argv)
{
	const char *prog = argc > 1 ? argv[1] : "src/descent";
	int bad = 0;

	printf("descent play, Himmelblau, gd lr=0.002 from (0,0) (it converges at step 334), through a pseudo-terminal:\n");
	bad |= measure(prog, 80, 24);
	bad |= measure(prog, 200, 60);
	bad |= measure_course(prog, 10);
	return bad;
}
