// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pipe - pipe throughput: a forked child writes 64 MiB in 64 KiB
 * writes, the parent reads it in 64 KiB reads until EOF; MB/s (10^6
 * bytes per second), from before fork() to EOF.  Only the byte count is
 * checked, so that the figure is the kernel's copying and nothing else.
 * If pipe() itself fails, prints "unsupported" and exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define TOTAL	(64L << 20)
#define CHUNK	65536

static char buf[CHUNK];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void writer(int fd)
{
	long done = 0;

	memset(buf, 'p', CHUNK);
	while (done < TOTAL) {
		ssize_t n = write(fd, buf, CHUNK);

		if (n <= 0)
			_exit(1);
		done += n;
	}
	_exit(0);
}

int main(void)
{
	long total = 0;
	int fds[2], status = 0;
	ssize_t n;
	double t;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(fds) < 0) {
		printf("bench pipe_64k unsupported (pipe: %s)\n", strerror(errno));
		return 0;
	}
	t = now();
	pid = fork();
	if (pid < 0) {
		printf("bench pipe_64k FAIL fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		writer(fds[1]);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, CHUNK)) > 0)
		total += n;
	t = now() - t;
	if (waitpid(pid, &status, 0) != pid || status != 0 || n < 0 || total != TOTAL) {
		printf("bench pipe_64k FAIL read %ld of %ld bytes, writer status %#x\n",
		       total, TOTAL, status);
		return 1;
	}
	printf("bench pipe_64k %.1f MB/s\n", TOTAL / t / 1e6);
	return 0;
}
