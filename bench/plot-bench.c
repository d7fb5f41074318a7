/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plot-bench.c - how fast pictures are made, against the targets of the
 * plot issue, in one run:
 *   1. a full 2D frame of Himmelblau and of Rosenbrock (background,
 *      contours, shading, a 100-step trajectory, rendered to text) in
 *      braille at 80x24 and at 200x60: targets 0.5 ms and 2 ms;
 *   2. one added trajectory step on an existing frame: target 20 us;
 *   3. a 1D frame (x^4 - 8x^2 + 5 with its tangent) at 80x24: target 0.2 ms;
 *   4. the whole `descent plot` process for a Rosenbrock contour plot at
 *      80x24, start-up included, and its peak memory: targets 3 ms, 4 MB.
 * Times are the best of many repetitions (a shared machine is noisy).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "descent/optim.h"
#include "descent/plot.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Renders into a memory buffer (the cost of the text sink included). */
static void
render(struct plot_canvas *c)
{
	static char *buf;
	static size_t len;
	FILE *fp = open_memstream(&buf, &len);

	plot_render_text(c, fp, 0);
	fclose(fp);
}

/* The best time of a full 2D frame, in seconds. */
static double
frame_2d(const char *src, double x0, double x1, double y0, double y1, int w, int h,
	 const double *traj, size_t ntraj, int reps)
{
	struct diag err;
	struct objective *o = objective_expr(src, NULL, 0, &err);
	struct plot_opts p;
	double best = INFINITY;
	struct diag msg;
	int r;

	plot_opts_init(&p);
	p.width = w;
	p.height = h;
	p.x0 = x0;
	p.x1 = x1;
	p.y0 = y0;
	p.y1 = y1;
	p.overlays = PLOT_OV_SHADE;
	for (r = 0; r < reps; r++) {
		double t0 = now();
		struct plot_fig *f = plot_fig_new(o, &p, src, &msg);
		plot_fig_trajectory(f, 0, traj, ntraj, "gd");
		render(plot_fig_canvas(f));
		best = fmin(best, now() - t0);
		plot_fig_free(f);
	}
	objective_free(o);
	return best;
}

/* A gradient descent trajectory of n points on src from (x, y). */
static double *
trajectory(const char *src, double x, double y, double lr, size_t *n)
{
	struct diag err;
	struct objective *o = objective_expr(src, NULL, 0, &err);
	struct run_config c;
	double start[2] = { x, y }, *pts;
	struct diag msg;
	struct run *r;

	run_config_init(&c, &opt_gd);
	c.params.lr = lr;
	c.max_steps = 99;
	c.tol = 0;
	r = run_new(o, &c, start, &msg);
	run_all(r);
	*n = run_trajectory(r)->len;
	pts = malloc(*n * 2 * sizeof *pts);
	memcpy(pts, run_trajectory(r)->w, *n * 2 * sizeof *pts);
	run_free(r);
	objective_free(o);
	return pts;
}

int
main(int argc, char **argv)
{
	const char *himmel = "(x^2+y-11)^2+(x+y^2-7)^2", *rosen = "(1-x)^2+100*(y-x^2)^2";
	size_t nh, nr, i;
	double *th, *tr;
	double t, step = INFINITY, one = INFINITY, proc = INFINITY;
	long maxrss = 0;
	const char *self = argc > 1 ? argv[1] : "src/descent";
	int r;

	/* the whole process first, while this one is small: a forked child
	 * counts the parent's pages in its peak memory until it execs */
	for (r = 0; r < 30; r++) {
		struct rusage ru;
		int status;
		double t0 = now();
		pid_t pid = fork();
		if (pid == 0) {
			int fd = open("/dev/null", 1);
			dup2(fd, 1);
			execl(self, self, "plot", rosen, "--x", "-2:2", "--y", "-1:3", "--size",
			      "80x24", "--unicode", (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "plot_bench: cannot run %s plot\n", self);
			return 1;
		}
		proc = fmin(proc, now() - t0);
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	th = trajectory(himmel, 0, 0, 0.01, &nh);
	tr = trajectory(rosen, -1.5, 2, 0.001, &nr);
	printf("plot_bench: best of many repetitions\n\n");
	printf("%-34s %10s %10s\n", "full 2D frame (braille, shaded)", "time", "target");
	t = frame_2d(himmel, -5, 5, -5, 5, 80, 24, th, nh, 200);
	printf("%-34s %7.3f ms %7.1f ms\n", "  Himmelblau 80x24", t * 1e3, 0.5);
	t = frame_2d(rosen, -2, 2, -1, 3, 80, 24, tr, nr, 200);
	printf("%-34s %7.3f ms %7.1f ms\n", "  Rosenbrock 80x24", t * 1e3, 0.5);
	t = frame_2d(himmel, -5, 5, -5, 5, 200, 60, th, nh, 50);
	printf("%-34s %7.3f ms %7.1f ms\n", "  Himmelblau 200x60", t * 1e3, 2.0);
	t = frame_2d(rosen, -2, 2, -1, 3, 200, 60, tr, nr, 50);
	printf("%-34s %7.3f ms %7.1f ms\n", "  Rosenbrock 200x60", t * 1e3, 2.0);

	/* one added step: a frame drawn, then its trajectory grown point by point */
	{
		struct diag err;
		struct objective *o = objective_expr(himmel, NULL, 0, &err);
		struct plot_opts p;
		struct diag msg;
		plot_opts_init(&p);
		for (r = 0; r < 20; r++) {
			struct plot_fig *f = plot_fig_new(o, &p, himmel, &msg);
			double t0 = now();
			for (i = 1; i <= nh; i++)
				plot_fig_trajectory(f, 0, th, i, "gd");
			step = fmin(step, (now() - t0) / (double)nh);
			plot_fig_free(f);
		}
		objective_free(o);
	}
	printf("%-34s %7.3f us %7.1f us\n", "one added trajectory step", step * 1e6, 20.0);

	/* a 1D frame */
	{
		struct diag err;
		struct objective *o = objective_expr("x^4 - 8*x^2 + 5", NULL, 0, &err);
		struct plot_opts p;
		struct diag msg;
		plot_opts_init(&p);
		p.x0 = -3;
		p.x1 = 3;
		p.overlays = PLOT_OV_TANGENT;
		p.tangent_x = 1;
		for (r = 0; r < 200; r++) {
			double t0 = now();
			struct plot_fig *f = plot_fig_new(o, &p, "x^4 - 8*x^2 + 5", &msg);
			render(plot_fig_canvas(f));
			one = fmin(one, now() - t0);
			plot_fig_free(f);
		}
		objective_free(o);
	}
	printf("%-34s %7.3f ms %7.1f ms\n", "1D frame 80x24 (with a tangent)", one * 1e3, 0.2);

	printf("%-34s %7.3f ms %7.1f ms\n", "descent plot process (Rosenbrock)", proc * 1e3, 3.0);
	printf("%-34s %7.2f MB %7.1f MB\n", "  its peak memory", maxrss / 1024.0, 4.0);
	free(th);
	free(tr);
	return 0;
}
