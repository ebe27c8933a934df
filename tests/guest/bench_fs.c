// SPDX-License-Identifier: GPL-2.0
/*
 * bench_fs DIR - file throughput: writes DIR/bench_fs.dat (32 MiB) in
 * 4 KiB chunks and reads it back, then again with 64 KiB chunks, and
 * prints MB/s (10^6 bytes per second) for each of the four phases.
 *
 * Only the write() and read() loops are timed.  The data comes from and
 * goes to one 32 MiB buffer, touched beforehand so no page fault is timed;
 * after each read phase every 8-byte word is compared with the pattern
 * that was written (a different one each round, so stale data shows).
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FILE_SIZE	(32 << 20)
#define WORDS		(FILE_SIZE / 8)

static uint64_t *buf;
static char path[4096];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Print "bench fs_verify FAIL <why>"; return 1. */
__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	printf("bench fs_verify FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return 1;
}

static uint64_t pattern(long i, int round)
{
	return (i + 1) * 0x9e3779b97f4a7c15ULL + round;
}

/* Write or read the whole file in chunks; return seconds, or -1. */
static double transfer(int fd, size_t chunk, int writing)
{
	char *p = (char *)buf;
	double t = now();
	size_t off;

	for (off = 0; off < FILE_SIZE; off += chunk) {
		ssize_t n = writing ? write(fd, p + off, chunk) :
				      read(fd, p + off, chunk);
		if (n != (ssize_t)chunk)
			return -1;
	}
	return now() - t;
}

static int round_trip(size_t chunk, int round)
{
	double tw, tr;
	char eof;
	long i;
	int fd;

	for (i = 0; i < WORDS; i++)
		buf[i] = pattern(i, round);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fail("cannot create %s", path);
	tw = transfer(fd, chunk, 1);
	if (close(fd) < 0 || tw < 0)
		return fail("writing %zu-byte chunks", chunk);

	memset(buf, 0, FILE_SIZE);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail("cannot open %s", path);
	tr = transfer(fd, chunk, 0);
	if (tr < 0 || read(fd, &eof, 1) != 0)
		return fail("reading %zu-byte chunks: short read, or no EOF at %d",
			    chunk, FILE_SIZE);
	close(fd);
	for (i = 0; i < WORDS; i++) {
		if (buf[i] != pattern(i, round))
			return fail("%zu-byte chunks: wrong data at offset %ld",
				    chunk, i * 8);
	}

	printf("bench fs_write_%zuk %.1f MB/s\n", chunk / 1024, FILE_SIZE / tw / 1e6);
	printf("bench fs_read_%zuk %.1f MB/s\n", chunk / 1024, FILE_SIZE / tr / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	int failed;

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(path, sizeof(path), "%s/bench_fs.dat", argc > 1 ? argv[1] : "/tmp");
	buf = malloc(FILE_SIZE);
	if (!buf)
		return fail("out of memory");
	failed = round_trip(4096, 1) || round_trip(65536, 2);
	if (unlink(path) < 0)
		failed = fail("cannot unlink %s", path);
	if (!failed)
		printf("bench fs_verify ok\n");
	return failed;
}
