/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linalg-bench.c - what the critical-point search pays for its linear
 * algebra, and what the course's proof costs as a whole, in one run:
 *   1. la_eigsym on 2 x 2 matrices (with and without eigenvectors) and
 *      1 x 1, against la_eigsym_jacobi, the sweeps it replaces for them;
 *   2. la_norm of 2-vectors, of moderate and of huge entries (the
 *      plain sum, and the scaled pass its guard falls back to);
 *   3. the whole `descent lessons --check` process over the source
 *      tree's lessons (the program given as the first argument).
 * Times are the best of several repetitions (a shared machine is noisy);
 * compare two builds by running both in one sitting.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "descent/linalg.h"

#define M 1024                  /* matrices per repetition */
#define REPS 400
#define BEST_OF 7

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double a2[M][4], sink;

typedef int eig_fn(int, const double *, double *, double *);

/* The best time per call, in ns, of f on the M matrices of size n. */
static double
time_eig(eig_fn *f, int n, int want_vec)
{
	double best = INFINITY, lambda[2], vec[4];
	int b, r, i;

	for (b = 0; b < BEST_OF; b++) {
		double t = now();

		for (r = 0; r < REPS; r++)
			for (i = 0; i < M; i++) {
				f(n, a2[i], lambda, want_vec ? vec : NULL);
				sink += lambda[0] + (want_vec ? vec[1] : 0);
			}
		t = now() - t;
		if (t < best)
			best = t;
	}
	return best / ((double)REPS * M) * 1e9;
}

/* The best time per call, in ns, of la_norm on the 2-vectors a2[i] * scale. */
static double
time_norm(double scale)
{
	static double x[M][2];
	double best = INFINITY;
	int b, r, i;

	for (i = 0; i < M; i++) {
		x[i][0] = a2[i][0] * scale;
		x[i][1] = a2[i][1] * scale;
	}
	for (b = 0; b < BEST_OF; b++) {
		double t = now();

		for (r = 0; r < REPS; r++)
			for (i = 0; i < M; i++)
				sink += la_norm(2, x[i]);
		t = now() - t;
		if (t < best)
			best = t;
	}
	return best / ((double)REPS * M) * 1e9;
}

/* The best wall time, in ms, of `prog lessons --check --lessons-only dir`. */
static double
time_check(const char *prog, const char *dir)
{
	double best = INFINITY;
	int b;

	fflush(stdout);         /* or every child would write it again */
	for (b = 0; b < BEST_OF; b++) {
		double t = now();
		pid_t pid = fork();
		int status;

		if (pid < 0)
			return NAN;
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
				_exit(127);
			execl(prog, prog, "lessons", "--check", "--lessons-only", dir, (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			return NAN;
		t = now() - t;
		if (t < best)
			best = t;
	}
	return best * 1e3;
}

int
main(int argc, char **argv)
{
	double jac, closed;
	int i;

	/* Hessian-like matrices: every sign pattern, couplings of all sizes */
	for (i = 0; i < M; i++) {
		a2[i][0] = sin(i + 0.5);
		a2[i][1] = a2[i][2] = cos(3.0 * i) * pow(10, -(i % 7));
		a2[i][3] = sin(7.0 * i + 1);
	}
	printf("linalg-bench: best of %d, %d calls each\n", BEST_OF, REPS * M);
	jac = time_eig(la_eigsym_jacobi, 2, 1);
	closed = time_eig(la_eigsym, 2, 1);
	printf("  la_eigsym 2x2 + vectors  %7.1f ns   (Jacobi %7.1f ns, %.1fx)\n", closed, jac,
	       jac / closed);
	jac = time_eig(la_eigsym_jacobi, 2, 0);
	closed = time_eig(la_eigsym, 2, 0);
	printf("  la_eigsym 2x2            %7.1f ns   (Jacobi %7.1f ns, %.1fx)\n", closed, jac,
	       jac / closed);
	jac = time_eig(la_eigsym_jacobi, 1, 1);
	closed = time_eig(la_eigsym, 1, 1);
	printf("  la_eigsym 1x1 + vector   %7.1f ns   (Jacobi %7.1f ns, %.1fx)\n", closed, jac,
	       jac / closed);
	printf("  la_norm 2, moderate      %7.1f ns\n", time_norm(1));
	printf("  la_norm 2, 1e300 (guard) %7.1f ns\n", time_norm(1e300));
	if (argc > 2)
		printf("  %s lessons --check  %7.1f ms\n", argv[1], time_check(argv[1], argv[2]));
	return sink == 42 ? 1 : 0;
}
