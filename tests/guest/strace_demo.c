// SPDX-License-Identifier: GPL-2.0
/*
 * strace_demo - a small program whose system calls are compared, call by
 * call, between this kernel's strace and Linux's strace on the host
 * (tests/harness/test_strace.py).
 *
 *   strace_demo [DIR]		(DIR defaults to /tmp/strace-demo)
 *
 * Creates DIR with one file in it, writes the file (one line with bytes
 * strace must escape, longer than strace's 32 characters), reads it back,
 * seeks, stats it, lists DIR with getdents64, fails to open a missing
 * file (ENOENT), writes to stdout with write and writev, sleeps 1 ms,
 * asks for its children's CPU times (none: zeros on both kernels),
 * removes what it made and exits 0.  No stdio and no malloc: every call
 * is made on purpose, so both kernels see the same ones.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static const char line1[] = "hello, strace\n";
/* a tab, quotes, a backslash, control bytes and a byte over 127 */
static const char line2[] = "tab\there \"q\" back\\slash \001\0012\377 and a long tail\n";

static void say(const char *s)
{
	write(1, s, strlen(s));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp/strace-demo";
	char file[256], missing[256], buf[2048];
	struct timespec ms = { 0, 1000000 };
	struct stat st;
	struct rusage ru;
	struct iovec iov[2];
	long n;
	int fd;

	snprintf(file, sizeof(file), "%s/hello.txt", dir);
	snprintf(missing, sizeof(missing), "%s/missing", dir);

	if (mkdir(dir, 0755) < 0)
		return 1;
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	write(fd, line1, sizeof(line1) - 1);
	write(fd, line2, sizeof(line2) - 1);
	close(fd);

	fd = open(file, O_RDONLY);
	n = read(fd, buf, 64);
	read(fd, buf, 64);			/* end of file: 0 */
	lseek(fd, 7, SEEK_SET);
	read(fd, buf, 6);			/* "strace" */
	fstat(fd, &st);
	close(fd);
	say(n == 59 ? "demo: read 59 bytes\n" : "demo: short read\n");

	stat(file, &st);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	syscall(SYS_getdents64, fd, buf, sizeof(buf));	/* ., .., hello.txt */
	syscall(SYS_getdents64, fd, buf, sizeof(buf));	/* the end: 0 */
	close(fd);

	open(missing, O_RDONLY);		/* -1 ENOENT */
	nanosleep(&ms, NULL);
	getrusage(RUSAGE_CHILDREN, &ru);	/* no children: all zero */

	iov[0].iov_base = "demo: ";
	iov[0].iov_len = 6;
	iov[1].iov_base = "done\n";
	iov[1].iov_len = 5;
	writev(1, iov, 2);

	unlink(file);
	rmdir(dir);
	return 0;
}
