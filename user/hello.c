// SPDX-License-Identifier: GPL-2.0
/*
 * hello - the demo program bundled with the kernel.
 *
 * It prints its arguments and environment, exercises malloc, the clocks,
 * nanosleep and uname, and exits 0.  The same static binary runs on a Linux
 * host, so the test harness compares the guest output with the host output
 * line by line.  Everything printed is deterministic except the text after
 * "ok " on the clock_gettime lines, which the harness masks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>

extern char **environ;

#define BIG_SIZE	(1024 * 1024)
#define NSMALL		1000

static int failed;

/* Print a failure and remember it, so main() can exit non-zero. */
static void fail(const char *what)
{
	printf("hello: FAIL %s\n", what);
	failed = 1;
}

/* Every block gets its own byte pattern, derived from a seed and position. */
static unsigned char pattern(unsigned int seed, size_t i)
{
	return (unsigned char)(seed * 31 + i * 7 + 13);
}

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(seed, i);
}

static int check(const unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(seed, i))
			return 0;
	return 1;
}

/* Sizes from 1 to 700 bytes, mixed so neighbours differ. */
static size_t small_size(int i)
{
	return 1 + (size_t)(i * 37) % 700;
}

static int test_big(unsigned int seed)
{
	unsigned char *p = malloc(BIG_SIZE);
	int ok;

	if (!p)
		return 0;
	fill(p, BIG_SIZE, seed);
	ok = check(p, BIG_SIZE, seed);
	free(p);
	return ok;
}

/*
 * Allocate all small blocks first and verify them only after all are
 * filled: a block that overlaps another would then show a wrong pattern.
 */
static int test_small(unsigned int seed)
{
	static unsigned char *blk[NSMALL];
	int ok = 1;
	int i;

	for (i = 0; i < NSMALL; i++) {
		blk[i] = malloc(small_size(i));
		if (!blk[i])
			ok = 0;
		else
			fill(blk[i], small_size(i), seed + i);
	}
	for (i = 0; i < NSMALL; i++)
		if (blk[i] && !check(blk[i], small_size(i), seed + i))
			ok = 0;
	/* Free every other block first, then the rest, to fragment the heap. */
	for (i = 0; i < NSMALL; i += 2)
		free(blk[i]);
	for (i = 1; i < NSMALL; i += 2)
		free(blk[i]);
	return ok;
}

static void test_malloc(void)
{
	if (test_big(1))
		printf("malloc: 1 MiB block ok\n");
	else
		fail("malloc: 1 MiB block");

	if (test_small(2))
		printf("malloc: %d small blocks ok\n", NSMALL);
	else
		fail("malloc: small blocks");

	/* The freed memory must be usable again, with new contents. */
	if (test_small(3) && test_big(4) && test_small(5))
		printf("malloc: reuse ok\n");
	else
		fail("malloc: reuse");
}

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* The harness masks everything after "ok " on these lines. */
static int show_clock(const char *name, clockid_t id, struct timespec *t)
{
	if (clock_gettime(id, t) != 0) {
		printf("clock_gettime(%s): FAIL\n", name);
		failed = 1;
		return 0;
	}
	printf("clock_gettime(%s): ok %lld.%09ld\n", name,
	       (long long)t->tv_sec, t->tv_nsec);
	return 1;
}

static void test_time(void)
{
	struct timespec before, after, rt;
	struct timespec req = { 0, 10 * 1000 * 1000 };	/* 10 ms */
	int have_mono = show_clock("CLOCK_MONOTONIC", CLOCK_MONOTONIC, &before);

	show_clock("CLOCK_REALTIME", CLOCK_REALTIME, &rt);
	if (!have_mono)
		return;
	if (nanosleep(&req, NULL) != 0) {
		fail("nanosleep: returned an error");
		return;
	}
	if (clock_gettime(CLOCK_MONOTONIC, &after) != 0) {
		fail("nanosleep: clock_gettime after sleep");
		return;
	}
	if (ns_of(&after) < ns_of(&before))
		fail("nanosleep: CLOCK_MONOTONIC went backwards");
	else if (ns_of(&after) - ns_of(&before) < 10 * 1000 * 1000)
		fail("nanosleep: slept less than 10 ms");
	else
		printf("nanosleep: ok\n");
}

int main(int argc, char **argv)
{
	struct utsname u;
	int i;

	/*
	 * Line buffering: each line reaches the console as soon as it is
	 * printed, whether stdout is a terminal, a pipe or a serial port.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (i = 0; environ[i]; i++)
		printf("envp[%d]=%s\n", i, environ[i]);

	test_malloc();
	test_time();

	if (uname(&u) == 0)
		printf("uname: sysname=%s\n", u.sysname);
	else
		fail("uname");

	if (failed) {
		printf("hello: failed\n");
		return 1;
	}
	printf("hello: done\n");
	return 0;
}
