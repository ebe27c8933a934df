// SPDX-License-Identifier: GPL-2.0
/*
 * bench_driver [DIR] - runs the benchmarks one after the other, ROUNDS
 * times, as init on our kernel and on Linux alike (tests/harness/bench.py
 * compares the two, taking each figure's median), and powers the machine
 * off at the end if it is pid 1: Linux panics when init exits.  DIR
 * (default /tmp) is where bench_fs writes.
 *
 * Prints "bench_driver: kernel SYSNAME RELEASE" first, then for each
 * program its own output and "bench_driver: PROG exited N (T s)" or
 * "... killed by signal N", and last "bench_driver: done, N failed".
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define ROUNDS	3

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fork, execve argv[0], wait; return 0 if it exited with status 0. */
static int run(char *argv[])
{
	double t = now();
	int status;
	pid_t pid;

	printf("bench_driver: running %s\n", argv[0]);
	pid = fork();
	if (pid < 0) {
		printf("bench_driver: fork failed\n");
		return 1;
	}
	if (pid == 0) {
		execve(argv[0], argv, environ);
		printf("bench_driver: cannot execute %s\n", argv[0]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("bench_driver: waitpid failed\n");
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("bench_driver: %s killed by signal %d\n", argv[0], WTERMSIG(status));
	else
		printf("bench_driver: %s exited %d (%.2f s)\n", argv[0],
		       WEXITSTATUS(status), now() - t);
	return status != 0;
}

int main(int argc, char **argv)
{
	char *dir = argc > 1 ? argv[1] : "/tmp";
	char *progs[][3] = {
		{ "/tests/bench_syscall", NULL, NULL },
		{ "/tests/bench_fork", NULL, NULL },
		{ "/tests/bench_fs", dir, NULL },
		{ "/tests/bench_pipe", NULL, NULL },	/* last: it may hang */
	};
	struct utsname u;
	int failed = 0;
	size_t i;
	int round;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (uname(&u) == 0)
		printf("bench_driver: kernel %s %s\n", u.sysname, u.release);
	for (round = 1; round <= ROUNDS; round++) {
		printf("bench_driver: round %d of %d\n", round, ROUNDS);
		for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++)
			failed += run(progs[i]);
	}
	printf("bench_driver: done, %d failed\n", failed);

	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return failed != 0;
}
