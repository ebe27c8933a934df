// SPDX-License-Identifier: GPL-2.0
/*
 * fs_big - files across the block map's boundaries, sparse files far out,
 * and (optionally) one 32 MiB file.
 *
 *   fs_big DIR [big]
 *
 * An ext2 inode maps 12 blocks directly, then through a single, a double
 * and a triple indirect block.  With 1 KiB blocks the boundaries are at
 * 12 KiB, 268 KiB (12 + 256) and 65804 KiB (12 + 256 + 65536); with 4 KiB
 * blocks at 48 KiB, 4144 KiB (48 + 4096) and 4 GiB + 4144 KiB.  The
 * program cannot know the block size portably, so it covers all of them
 * and prints only facts about the data: both block sizes (and any other
 * Linux file system) give the same output.
 *
 * Byte i of every file is (i * 131 + i / 4096) & 0xff, or zero in holes.
 * Checksums are CRC-32 (the zlib one).  With "big", a 32 MiB file is also
 * written and read back in 4 KiB and 64 KiB chunks; the times go to
 * stderr, never stdout, on lines starting "## " (in the guest stderr is
 * the console too, and the harness leaves such lines out of the
 * comparison).
 *
 * Works in DIR/fs_big.d, which it removes at the end, and checks with
 * statfs that every block and inode it used was freed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "errname.h"

#define KIB	1024LL
#define MIB	(1024 * KIB)
#define GIB	(1024 * MIB)

static char workdir[2048];
static uint32_t crc_table[256];
static int failures;

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

/* Running CRC-32: start with crc 0, feed the pieces in order. */
static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static inline unsigned char pat(uint64_t i)
{
	return (i * 131 + i / 4096) & 0xff;
}

static void fill(unsigned char *buf, uint64_t off, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = pat(off + i);
}

/* Does buf hold the pattern for [off, off + n)? */
static int is_pattern(const unsigned char *buf, uint64_t off, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != pat(off + i))
			return 0;
	return 1;
}

static int is_zero(const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

static const char *P(const char *name)
{
	static char path[2048 + 64];

	snprintf(path, sizeof(path), "%s/%s", workdir, name);
	return path;
}

/* An offset as "N KiB", "N MiB" or "4 GiB + N KiB", for the output. */
static const char *where(long long off)
{
	static char s[4][48];
	static int next;
	char *p = s[next++ % 4];
	long long g = off / GIB, rest = off % GIB;
	int len = 0;

	if (g)
		len = snprintf(p, 48, "%lld GiB + ", g);
	if (rest % KIB)
		snprintf(p + len, 48 - len, "%lld KiB + %lld", rest / KIB, rest % KIB);
	else
		snprintf(p + len, 48 - len, "%lld KiB", rest / KIB);
	return p;
}

/* Write the pattern over [off, off + n) with pwrites of chunk bytes. */
static int write_pattern(int fd, long long off, long long n, long chunk)
{
	unsigned char *buf = malloc(chunk);
	long long done = 0;

	while (done < n) {
		long len = n - done < chunk ? n - done : chunk;

		fill(buf, off + done, len);
		if (pwrite(fd, buf, len, off + done) != len) {
			printf("pwrite %ld at %s: -1 %s\n", len, where(off + done),
			       errname(errno));
			free(buf);
			failures++;
			return -1;
		}
		done += len;
	}
	free(buf);
	return 0;
}

/*
 * pread [off, off + n) and compare with the pattern (or zeros).  Returns
 * 1 on a match, 0 otherwise, after printing what went wrong.
 */
static int check_read(int fd, long long off, long n, int zero)
{
	unsigned char *buf = malloc(n);
	long got;
	int ok;

	memset(buf, 0xa5, n);
	got = pread(fd, buf, n, off);
	if (got != n) {
		if (got < 0)
			printf("pread %ld at %s: -1 %s\n", n, where(off), errname(errno));
		else
			printf("pread %ld at %s: %ld\n", n, where(off), got);
		free(buf);
		failures++;
		return 0;
	}
	ok = zero ? is_zero(buf, n) : is_pattern(buf, off, n);
	if (!ok) {
		printf("pread %ld at %s: wrong data\n", n, where(off));
		failures++;
	}
	free(buf);
	return ok;
}

/* Read the whole file with read() in chunk bytes; its size and CRC. */
static long long crc_file(int fd, long chunk, uint32_t *crc)
{
	unsigned char *buf = malloc(chunk);
	long long total = 0;
	long r;

	*crc = 0;
	lseek(fd, 0, SEEK_SET);
	while ((r = read(fd, buf, chunk)) > 0) {
		*crc = crc32(*crc, buf, r);
		total += r;
	}
	free(buf);
	return r < 0 ? -1 : total;
}

static uint32_t crc_pattern(long long n)
{
	unsigned char buf[4096];
	uint32_t crc = 0;

	for (long long off = 0; off < n; off += sizeof(buf)) {
		long len = n - off < (long long)sizeof(buf) ? n - off : (long)sizeof(buf);

		fill(buf, off, len);
		crc = crc32(crc, buf, len);
	}
	return crc;
}

/* Reads across boundary b at odd offsets and sizes. */
static void reads_across(int fd, long long b)
{
	static const struct { long delta, len; } r[] = {
		{ -1, 2 }, { -517, 1500 }, { -4096, 8192 }, { 0, 1 },
		{ -3077, 10000 }, { -1, 1 }, { 1, 4095 }, { -1023, 1025 },
	};
	int ok = 1;

	for (unsigned int i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		ok &= check_read(fd, b + r[i].delta, r[i].len, 0);
	printf("reads across %s: %s\n", where(b), ok ? "match" : "MISMATCH");
}

/* The boundaries for 1 KiB and 4 KiB blocks, in the order of the file. */
static const long long dense_bounds[] = { 12 * KIB, 48 * KIB, 268 * KIB };
static const long long far_bounds[] = {
	4144 * KIB,			/* 4 KiB blocks: single -> double */
	65804 * KIB,			/* 1 KiB blocks: double -> triple */
	4 * GIB + 4144 * KIB,		/* 4 KiB blocks: double -> triple */
};

static void test_dense(void)
{
	static const long chunks[] = { 1000, 3001, 4096, 7, 65536, 512, 12345 };
	long long size = 300 * KIB + 123, off = 0;
	unsigned char *buf;
	uint32_t crc;
	int fd, i = 0;

	printf("-- dense file, 0 to %s\n", where(size));
	fd = open(P("dense"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show_ok("create", fd);
	while (off < size) {
		long len = chunks[i++ % 7];

		if (len > size - off)
			len = size - off;
		if (write_pattern(fd, off, len, len) < 0)
			break;
		off += len;
	}
	show("size", lseek(fd, 0, SEEK_END));
	show("read all in 1000-byte chunks", crc_file(fd, 1000, &crc));
	printf("crc %08x, pattern's %08x\n", crc, crc_pattern(size));
	show("read all in 64 KiB chunks", crc_file(fd, 64 * KIB, &crc));
	printf("crc %08x\n", crc);
	for (i = 0; i < 3; i++)
		reads_across(fd, dense_bounds[i]);

	/* Overwrite across each boundary with other bytes, then restore. */
	buf = malloc(3000);
	for (i = 0; i < 3; i++) {
		long long o = dense_bounds[i] - 1500;
		int ok;

		fill(buf, o, 3000);
		for (int k = 0; k < 3000; k++)
			buf[k] ^= 0xff;
		pwrite(fd, buf, 3000, o);
		memset(buf, 0, 3000);
		ok = pread(fd, buf, 3000, o) == 3000;
		for (int k = 0; k < 3000; k++)
			buf[k] ^= 0xff;
		ok = ok && is_pattern(buf, o, 3000);
		ok = ok && check_read(fd, o - 100, 100, 0) && check_read(fd, o + 3000, 100, 0);
		printf("overwrite across %s: %s\n", where(dense_bounds[i]),
		       ok ? "match" : "MISMATCH");
		write_pattern(fd, o, 3000, 3000);
	}
	free(buf);
	show("read all again", crc_file(fd, 4096, &crc));
	printf("crc %08x\n", crc);
	show("close", close(fd));
}

static void test_sparse(void)
{
	long long end = 0, prev = 0;
	uint32_t crc;
	int fd, ok;

	printf("-- sparse file, data around %s, %s and %s\n", where(far_bounds[0]),
	       where(far_bounds[1]), where(far_bounds[2]));
	fd = open(P("sparse"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show_ok("create", fd);
	/* The farthest first: the others then fill holes below EOF. */
	for (int i = 2; i >= 0; i--) {
		long long b = far_bounds[i];

		if (write_pattern(fd, b - 5000, 12000, 777) == 0)
			printf("write %s to %s: ok\n", where(b - 5000), where(b + 7000));
	}
	end = far_bounds[2] + 7000;
	printf("size == end of last region: %s\n", yesno(lseek(fd, 0, SEEK_END) == end));
	for (int i = 0; i < 3; i++) {
		long long b = far_bounds[i];

		ok = check_read(fd, b - 5000, 12000, 0);
		printf("region around %s: %s\n", where(b), ok ? "match" : "MISMATCH");
		reads_across(fd, b);
		ok = check_read(fd, b - 5000 - 4096, 4096, 1);
		ok &= check_read(fd, b - 5000 - 1, 1, 1);
		ok &= check_read(fd, prev + (b - 5000 - prev) / 2, 3000, 1);
		printf("hole before it reads zeros: %s\n", yesno(ok));
		prev = b + 7000;
	}
	ok = check_read(fd, 0, 64 * KIB, 1);
	printf("start of file reads zeros: %s\n", yesno(ok));
	show("read at EOF", pread(fd, &crc, 1, end));

	/* Cut it down to the first region: the rest must read back as zeros. */
	show("ftruncate to the end of the first region", ftruncate(fd, far_bounds[0] + 7000));
	show("grow it back with ftruncate", ftruncate(fd, end));
	ok = check_read(fd, far_bounds[1] - 5000, 12000, 1) &&
	     check_read(fd, far_bounds[2] - 5000, 12000, 1);
	printf("truncated regions read zeros: %s\n", yesno(ok));
	ok = check_read(fd, far_bounds[0] - 5000, 12000, 0);
	printf("first region kept: %s\n", yesno(ok));
	show("close", close(fd));
	show("unlink sparse", unlink(P("sparse")));
}

/* Data only past 1 KiB blocks' double-indirect range (triple indirect). */
static void test_far(void)
{
	long long off = far_bounds[1] + 100 * KIB + 5;
	int fd, ok;

	printf("-- file with data only at %s\n", where(off));
	fd = open(P("far"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show_ok("create", fd);
	printf("lseek there: %s\n", yesno(lseek(fd, off, SEEK_SET) == off));
	if (write_pattern(fd, off, 3000, 3000) == 0)
		printf("write 3000: ok\n");
	printf("size == end of data: %s\n", yesno(lseek(fd, 0, SEEK_END) == off + 3000));
	ok = check_read(fd, off, 3000, 0);
	printf("data: %s\n", ok ? "match" : "MISMATCH");
	ok = check_read(fd, 0, 4096, 1) && check_read(fd, off - 4096, 4096, 1) &&
	     check_read(fd, far_bounds[0] - 100, 200, 1);
	printf("hole reads zeros: %s\n", yesno(ok));
	show("ftruncate to before the data", ftruncate(fd, off - 10));
	printf("size == new length: %s\n", yesno(lseek(fd, 0, SEEK_END) == off - 10));
	show("pread at old data", pread(fd, &ok, 4, off));
	show("ftruncate back up", ftruncate(fd, off + 3000));
	ok = check_read(fd, off - 10, 3010, 1);
	printf("old data reads zeros: %s\n", yesno(ok));
	if (write_pattern(fd, off + 1, 1000, 100) == 0)
		printf("write 1000 again: ok\n");
	ok = check_read(fd, off + 1, 1000, 0) && check_read(fd, off, 1, 1);
	printf("data: %s\n", ok ? "match" : "MISMATCH");
	show("close", close(fd));
	show("unlink far", unlink(P("far")));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_big(void)
{
	long long size = 32 * MIB;
	uint32_t want, crc;
	double t;
	int fd;

	printf("-- 32 MiB file\n");
	want = crc_pattern(size);
	fd = open(P("big"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show_ok("create", fd);
	t = now();
	if (write_pattern(fd, 0, size, 4 * KIB) == 0)
		printf("write in 4 KiB chunks: ok\n");
	fprintf(stderr, "## fs_big: wrote 32 MiB in 4 KiB chunks in %.3f s\n", now() - t);
	show("size", lseek(fd, 0, SEEK_END));
	t = now();
	show("read in 4 KiB chunks", crc_file(fd, 4 * KIB, &crc));
	fprintf(stderr, "## fs_big: read 32 MiB in 4 KiB chunks in %.3f s\n", now() - t);
	printf("crc %08x, pattern's %08x\n", crc, want);
	t = now();
	show("read in 64 KiB chunks", crc_file(fd, 64 * KIB, &crc));
	fprintf(stderr, "## fs_big: read 32 MiB in 64 KiB chunks in %.3f s\n", now() - t);
	printf("crc %08x, pattern's %08x\n", crc, want);
	show("ftruncate 0", ftruncate(fd, 0));
	t = now();
	if (write_pattern(fd, 0, size, 64 * KIB) == 0)
		printf("write in 64 KiB chunks: ok\n");
	fprintf(stderr, "## fs_big: wrote 32 MiB in 64 KiB chunks in %.3f s\n", now() - t);
	show("read in 4 KiB chunks", crc_file(fd, 4 * KIB, &crc));
	printf("crc %08x, pattern's %08x\n", crc, want);
	show("close", close(fd));
	show("unlink big", unlink(P("big")));
}

int main(int argc, char **argv)
{
	struct statfs before, after;
	int big;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2 || strlen(argv[1]) > 1024) {
		fprintf(stderr, "usage: fs_big DIR [big]\n");
		return 2;
	}
	big = argc > 2 && !strcmp(argv[2], "big");
	crc_init();
	snprintf(workdir, sizeof(workdir), "%s/fs_big.d", argv[1]);
	show("statfs", statfs(argv[1], &before));
	show_ok("mkdir workdir", mkdir(workdir, 0755));

	test_dense();
	test_sparse();
	test_far();
	if (big)
		test_big();

	printf("-- cleanup\n");
	show("unlink dense", unlink(P("dense")));
	show("rmdir workdir", rmdir(workdir));
	show("statfs", statfs(argv[1], &after));
	printf("statfs free blocks restored: %s\n", yesno(before.f_bfree == after.f_bfree));
	printf("statfs free inodes restored: %s\n", yesno(before.f_ffree == after.f_ffree));
	if (before.f_bfree != after.f_bfree || before.f_ffree != after.f_ffree)
		fprintf(stderr, "## fs_big: free blocks %llu -> %llu, inodes %llu -> %llu\n",
			(unsigned long long)before.f_bfree, (unsigned long long)after.f_bfree,
			(unsigned long long)before.f_ffree, (unsigned long long)after.f_ffree);
	printf("mismatches: %d\n", failures);
	return failures ? 1 : 0;
}
