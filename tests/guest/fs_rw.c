// SPDX-License-Identifier: GPL-2.0
/*
 * fs_rw - open flags and errors, read, write, lseek, holes, pread64,
 * pwrite64, readv, writev, ftruncate and truncate on regular files.
 *
 *   fs_rw DIR
 *
 * Works in DIR/fs_rw.d, which it removes at the end.  Prints one line per
 * check; nothing in the output depends on the file system's block size.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "errname.h"

#define MIB	(1024 * 1024)

static char workdir[2048];
static char pathbuf[4][2048 + 512];

/* DIR/fs_rw.d/NAME; up to four at a time. */
static const char *P(const char *name)
{
	static int next;
	char *p = pathbuf[next++ % 4];

	snprintf(p, sizeof(pathbuf[0]), "%s/%s", workdir, name);
	return p;
}

static long file_size(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return st.st_size;
}

static void show_size(const char *what, const char *path)
{
	show(what, file_size(path));
}

/* Read all of path (up to n bytes) into buf; the count or -1. */
static long slurp(const char *path, char *buf, long n)
{
	int fd = open(path, O_RDONLY);
	long got = 0, r;

	if (fd < 0)
		return -1;
	while (got < n && (r = read(fd, buf + got, n - got)) > 0)
		got += r;
	close(fd);
	return got;
}

static void show_content(const char *what, const char *path)
{
	char buf[256];
	long n = slurp(path, buf, sizeof(buf));

	if (n < 0) {
		show(what, n);
		return;
	}
	printf("%s: %ld \"", what, n);
	for (long i = 0; i < n; i++) {
		if (buf[i] == '\n')
			printf("\\n");
		else if (buf[i] < ' ' || buf[i] > '~')
			printf("\\x%02x", (unsigned char)buf[i]);
		else
			putchar(buf[i]);
	}
	printf("\"\n");
}

static int all_zero(const char *buf, long n)
{
	for (long i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

static int create(const char *path, const char *content)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	if (write(fd, content, strlen(content)) != (ssize_t)strlen(content)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static void test_open(void)
{
	char name[300], *longpath;
	char buf[16];
	int fd, fd2;

	printf("-- open\n");
	fd = open(P("a"), O_WRONLY | O_CREAT | O_EXCL, 0644);
	show_ok("open O_CREAT|O_EXCL new", fd);
	show("write 12", write(fd, "hello world\n", 12));
	show("close", close(fd));
	show("open O_CREAT|O_EXCL existing", open(P("a"), O_WRONLY | O_CREAT | O_EXCL, 0644));
	fd = open(P("a"), O_RDWR | O_CREAT, 0644);
	show_ok("open O_CREAT existing (no O_EXCL)", fd);
	close(fd);
	show_content("content kept", P("a"));
	show("open missing", open(P("missing"), O_RDONLY));
	show("open O_CREAT in missing dir", open(P("nodir/x"), O_WRONLY | O_CREAT, 0644));
	show("open empty path", open("", O_RDONLY));
	show("open through a file", open(P("a/x"), O_RDONLY));
	show("open O_CREAT through a file", open(P("a/x"), O_WRONLY | O_CREAT, 0644));
	show("open file with trailing slash", open(P("a/"), O_RDONLY));
	show("open O_CREAT with trailing slash", open(P("new/"), O_WRONLY | O_CREAT, 0644));
	show("open O_DIRECTORY on a file", open(P("a"), O_RDONLY | O_DIRECTORY));
	fd = open(workdir, O_RDONLY | O_DIRECTORY);
	show_ok("open O_DIRECTORY on a dir", fd);
	show("read on a dir fd", read(fd, buf, sizeof(buf)));
	show("write on a dir fd", write(fd, "x", 1));
	close(fd);
	show("open dir O_WRONLY", open(workdir, O_WRONLY));
	show("open dir O_RDWR", open(workdir, O_RDWR));
	show("open dir O_RDONLY|O_CREAT", open(workdir, O_RDONLY | O_CREAT, 0644));

	fd = open(P("a"), O_WRONLY);
	show("read on O_WRONLY fd", read(fd, buf, 1));
	close(fd);
	fd = open(P("a"), O_RDONLY);
	show("write on O_RDONLY fd", write(fd, "x", 1));
	close(fd);

	memset(name, 'x', 256);
	name[256] = '\0';
	show("open 256-byte name", open(P(name), O_RDONLY));
	show("open O_CREAT 256-byte name", open(P(name), O_WRONLY | O_CREAT, 0644));
	name[255] = '\0';
	fd = open(P(name), O_WRONLY | O_CREAT | O_EXCL, 0644);
	show_ok("open O_CREAT 255-byte name", fd);
	close(fd);
	show_ok("stat 255-byte name", file_size(P(name)));
	show("unlink 255-byte name", unlink(P(name)));
	longpath = malloc(5000);
	memset(longpath, 0, 5000);
	for (int i = 0; i < 4990; i += 2)
		memcpy(longpath + i, "./", 2);
	show("open 4990-byte path", open(longpath, O_RDONLY));
	free(longpath);

	/* O_TRUNC */
	fd = open(P("a"), O_WRONLY | O_TRUNC);
	show_ok("open O_TRUNC", fd);
	close(fd);
	show_size("size after O_TRUNC", P("a"));

	/* O_APPEND: every write goes to the end, whatever the offset. */
	create(P("a"), "abc");
	fd = open(P("a"), O_WRONLY | O_APPEND);
	show_ok("open O_APPEND", fd);
	show("lseek 0", lseek(fd, 0, SEEK_SET));
	show("write XY", write(fd, "XY", 2));
	show("offset after write", lseek(fd, 0, SEEK_CUR));
	fd2 = open(P("a"), O_WRONLY);
	show("write 1234567 at 0 through another fd", write(fd2, "1234567", 7));
	close(fd2);
	show("write Z (O_APPEND)", write(fd, "Z", 1));
	show("offset after write", lseek(fd, 0, SEEK_CUR));
	show("pwrite q at 0 (O_APPEND: appends)", pwrite(fd, "q", 1, 0));
	close(fd);
	show_content("content", P("a"));
	show("unlink a", unlink(P("a")));
}

static void test_seek(void)
{
	char buf[32];
	int fd;

	printf("-- read, write, lseek\n");
	fd = open(P("s"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show("write 12", write(fd, "0123456789ab", 12));
	show("offset", lseek(fd, 0, SEEK_CUR));
	show("read at EOF", read(fd, buf, sizeof(buf)));
	show("lseek SEEK_SET 5", lseek(fd, 5, SEEK_SET));
	show("lseek SEEK_CUR +3", lseek(fd, 3, SEEK_CUR));
	show("read 10 (partial at EOF)", read(fd, buf, 10));
	printf("got: %.4s\n", buf);
	show("read again (EOF)", read(fd, buf, 10));
	show("lseek SEEK_CUR -10", lseek(fd, -10, SEEK_CUR));
	show("lseek SEEK_CUR -13 (negative)", lseek(fd, -13, SEEK_CUR));
	show("offset unchanged", lseek(fd, 0, SEEK_CUR));
	show("lseek SEEK_SET -1", lseek(fd, -1, SEEK_SET));
	show("lseek SEEK_END 0", lseek(fd, 0, SEEK_END));
	show("lseek SEEK_END -2", lseek(fd, -2, SEEK_END));
	show("read 5", read(fd, buf, 5));
	printf("got: %.2s\n", buf);
	show("lseek SEEK_END -13 (negative)", lseek(fd, -13, SEEK_END));
	show("lseek whence 7", lseek(fd, 0, 7));
	show("lseek SEEK_END +100 (past EOF)", lseek(fd, 100, SEEK_END));
	show("read past EOF", read(fd, buf, 5));
	show("size unchanged by seek", lseek(fd, 0, SEEK_END));
	show("lseek SEEK_SET 0", lseek(fd, 0, SEEK_SET));
	show("read 0 bytes", read(fd, buf, 0));
	show("write 0 bytes", write(fd, buf, 0));
	show("offset", lseek(fd, 0, SEEK_CUR));
	show("overwrite 3 at 0", write(fd, "ABC", 3));
	show("lseek SEEK_SET 0", lseek(fd, 0, SEEK_SET));
	show("read 32", read(fd, buf, sizeof(buf)));
	printf("got: %.12s\n", buf);
	close(fd);
	show("unlink s", unlink(P("s")));
}

static void test_holes(void)
{
	struct stat st;
	char *buf;
	long n;
	int fd;

	printf("-- holes\n");
	fd = open(P("h"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show("write A", write(fd, "A", 1));
	show("lseek 1 MiB past EOF", lseek(fd, MIB, SEEK_END));
	show("write B", write(fd, "B", 1));
	memset(&st, 0xff, sizeof(st));	/* a failed fstat prints -1s */
	show("fstat", fstat(fd, &st));
	printf("size: %ld\n", (long)st.st_size);
	printf("st_blocks * 512 < size: %s\n", yesno(st.st_blocks * 512 < st.st_size));
	printf("st_blocks > 0: %s\n", yesno(st.st_blocks > 0));
	buf = malloc(MIB + 100);
	memset(buf, 0x55, MIB + 100);
	show("pread all", pread(fd, buf, MIB + 100, 0));
	printf("first byte: %c\n", buf[0]);
	printf("gap reads as zeros: %s\n", yesno(all_zero(buf + 1, MIB)));
	printf("last byte: %c\n", buf[MIB + 1]);
	/* Fill part of the hole: only that part changes. */
	show("pwrite C at 5000", pwrite(fd, "C", 1, 5000));
	show("pwrite D at 700000", pwrite(fd, "D", 1, 700000));
	n = pread(fd, buf, MIB + 100, 0);
	show("pread all", n);
	printf("C at 5000: %s\n", yesno(buf[5000] == 'C'));
	printf("D at 700000: %s\n", yesno(buf[700000] == 'D'));
	printf("zeros around them: %s\n",
	       yesno(all_zero(buf + 1, 4999) && all_zero(buf + 5001, 700000 - 5001) &&
		     all_zero(buf + 700001, MIB + 1 - 700001)));
	show("size", lseek(fd, 0, SEEK_END));
	free(buf);
	close(fd);
	show("unlink h", unlink(P("h")));
}

static void test_pread(void)
{
	char buf[16];
	int fd;

	printf("-- pread64, pwrite64\n");
	fd = open(P("p"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show("pwrite 4 at 10", pwrite(fd, "wxyz", 4, 10));
	show("offset unchanged", lseek(fd, 0, SEEK_CUR));
	show("size", lseek(fd, 0, SEEK_END));
	show("lseek 2", lseek(fd, 2, SEEK_SET));
	memset(buf, '.', sizeof(buf));
	show("pread 6 at 8", pread(fd, buf, 6, 8));
	printf("got zeros then wxyz: %s\n",
	       yesno(!buf[0] && !buf[1] && !memcmp(buf + 2, "wxyz", 4)));
	show("offset unchanged", lseek(fd, 0, SEEK_CUR));
	show("pread at EOF", pread(fd, buf, 4, 14));
	show("pread past EOF", pread(fd, buf, 4, 1000));
	show("pread 10 at 12 (partial)", pread(fd, buf, 10, 12));
	show("pread negative offset", pread(fd, buf, 4, -1));
	show("pwrite negative offset", pwrite(fd, buf, 4, -1));
	show("write ab at offset 2", write(fd, "ab", 2));
	show("offset", lseek(fd, 0, SEEK_CUR));
	memset(buf, 0, sizeof(buf));
	show("pread 14 at 0", pread(fd, buf, 14, 0));
	printf("bytes 2..3: %.2s\n", buf + 2);
	close(fd);
	fd = open(P("p"), O_WRONLY);
	show("pread on O_WRONLY fd", pread(fd, buf, 1, 0));
	close(fd);
	fd = open(P("p"), O_RDONLY);
	show("pwrite on O_RDONLY fd", pwrite(fd, "x", 1, 0));
	close(fd);
	show("unlink p", unlink(P("p")));
}

static void test_iov(void)
{
	char a[2], b[5], c[10], all[32];
	struct iovec w[4] = {
		{ "abc", 3 }, { "", 0 }, { "defgh", 5 }, { "ij", 2 },
	};
	struct iovec r[3] = {
		{ a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) },
	};
	int fd;

	printf("-- readv, writev\n");
	fd = open(P("v"), O_RDWR | O_CREAT | O_EXCL, 0644);
	show("writev 4 buffers", writev(fd, w, 4));
	show("offset", lseek(fd, 0, SEEK_CUR));
	show("writev 0 buffers", writev(fd, w, 0));
	show("writev -1 buffers", syscall(SYS_writev, fd, w, -1));
	show("lseek 0", lseek(fd, 0, SEEK_SET));
	memset(c, 0, sizeof(c));
	show("readv 2+5+10", readv(fd, r, 3));
	printf("buffers: %.2s %.5s %.3s\n", a, b, c);
	show("readv at EOF", readv(fd, r, 3));
	show("readv -1 buffers", syscall(SYS_readv, fd, r, -1));
	show("pread all", pread(fd, all, sizeof(all), 0));
	printf("content: %.10s\n", all);
	close(fd);
	show("unlink v", unlink(P("v")));
}

static void test_truncate(void)
{
	char buf[4000];
	long n;
	int fd;

	printf("-- ftruncate, truncate\n");
	fd = open(P("t"), O_RDWR | O_CREAT | O_EXCL, 0644);
	memset(buf, 'x', 2000);
	show("write 2000", write(fd, buf, 2000));
	show("ftruncate 5", ftruncate(fd, 5));
	show("size", lseek(fd, 0, SEEK_END));
	show("lseek 0", lseek(fd, 0, SEEK_SET));
	show("read", read(fd, buf, sizeof(buf)));
	show("ftruncate 3000 (grow)", ftruncate(fd, 3000));
	show("offset unchanged by ftruncate", lseek(fd, 0, SEEK_CUR));
	memset(buf, 0x55, sizeof(buf));
	n = pread(fd, buf, sizeof(buf), 0);
	show("pread all", n);
	printf("first 5 kept: %s\n", yesno(!memcmp(buf, "xxxxx", 5)));
	printf("grown part reads zeros: %s\n", yesno(all_zero(buf + 5, 2995)));
	show("ftruncate 0", ftruncate(fd, 0));
	show("size", lseek(fd, 0, SEEK_END));
	show("ftruncate negative", ftruncate(fd, -1));
	close(fd);

	/* Shrink within a block, then write past the end: the gap is zero. */
	memset(buf, 'y', 3000);
	fd = open(P("t"), O_RDWR);
	show("write 3000", write(fd, buf, 3000));
	show("ftruncate 1500", ftruncate(fd, 1500));
	show("pwrite Z at 2500", pwrite(fd, "Z", 1, 2500));
	memset(buf, 0x55, sizeof(buf));
	show("pread all", pread(fd, buf, sizeof(buf), 0));
	printf("1500 y, 1000 zeros, Z: %s\n", yesno(buf[1499] == 'y' &&
	       all_zero(buf + 1500, 1000) && buf[2500] == 'Z'));
	close(fd);

	show("truncate 10", truncate(P("t"), 10));
	show_size("size", P("t"));
	show("truncate 100000 (grow)", truncate(P("t"), 100000));
	show_size("size", P("t"));
	n = slurp(P("t"), buf, sizeof(buf));
	printf("grown part reads zeros: %s\n",
	       yesno(n == sizeof(buf) && all_zero(buf + 10, n - 10)));
	show("truncate negative", truncate(P("t"), -1));
	show("truncate missing", truncate(P("missing"), 0));
	show("truncate a dir", truncate(workdir, 0));
	fd = open(P("t"), O_RDONLY);
	show("ftruncate on O_RDONLY fd", ftruncate(fd, 0));
	close(fd);
	show_size("size unchanged", P("t"));
	show("unlink t", unlink(P("t")));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2 || strlen(argv[1]) > 1024) {
		fprintf(stderr, "usage: fs_rw DIR\n");
		return 2;
	}
	umask(022);
	snprintf(workdir, sizeof(workdir), "%s/fs_rw.d", argv[1]);
	show_ok("mkdir workdir", mkdir(workdir, 0755));

	test_open();
	test_seek();
	test_holes();
	test_pread();
	test_iov();
	test_truncate();

	printf("-- cleanup\n");
	show("rmdir workdir", rmdir(workdir));
	return 0;
}
