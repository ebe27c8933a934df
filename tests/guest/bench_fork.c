// SPDX-License-Identifier: GPL-2.0
/*
 * bench_fork - process creation, in µs per iteration:
 *   fork_exit: fork(), the child calls _exit(0), the parent waitpid()s;
 *   fork_exec: the same, but the child execve()s /tests/bench_true.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define ITERATIONS	500

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One fork and wait; the child runs /tests/bench_true if exec is set. */
static int spawn(int exec)
{
	char *argv[] = { "/tests/bench_true", NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (exec)
			execve(argv[0], argv, envp);
		_exit(exec ? 127 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || status != 0)
		return -1;
	return 0;
}

static int bench(const char *name, int exec)
{
	double t;
	int i;

	t = now();
	for (i = 0; i < ITERATIONS; i++) {
		if (spawn(exec) < 0) {
			printf("bench %s FAIL iteration %d: fork, exec or wait failed\n",
			       name, i);
			return 1;
		}
	}
	printf("bench %s %.1f us\n", name, (now() - t) * 1e6 / ITERATIONS);
	return 0;
}

int main(void)
{
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	failed += bench("fork_exit", 0);
	failed += bench("fork_exec", 1);
	return failed ? 1 : 0;
}
