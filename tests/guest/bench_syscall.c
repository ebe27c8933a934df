// SPDX-License-Identifier: GPL-2.0
/*
 * bench_syscall - the cost of a system call that does (almost) nothing:
 * getpid(), and write() of one byte to /dev/null, in ns per call.
 */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define CALLS	1000000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	char c = 'x';
	double t;
	int fd, i;

	setvbuf(stdout, NULL, _IOLBF, 0);

	t = now();
	for (i = 0; i < CALLS; i++)
		getpid();	/* musl does not cache it: one syscall each */
	printf("bench getpid %.1f ns\n", (now() - t) * 1e9 / CALLS);

	fd = open("/dev/null", O_WRONLY);
	if (fd < 0) {
		printf("bench devnull_write FAIL cannot open /dev/null\n");
		return 1;
	}
	t = now();
	for (i = 0; i < CALLS; i++) {
		if (write(fd, &c, 1) != 1) {
			printf("bench devnull_write FAIL write returned an error\n");
			return 1;
		}
	}
	printf("bench devnull_write %.1f ns\n", (now() - t) * 1e9 / CALLS);
	close(fd);
	return 0;
}
