// SPDX-License-Identifier: GPL-2.0
/*
 * pipes - pipe(2) and pipe2(2): flags, capacity, atomic writes, EOF,
 * EPIPE, EAGAIN, FIONREAD, ESPIPE, EFAULT, sharing through dup and fork.
 * Every line is deterministic, so the output on Linux and in the kernel
 * must be identical (tests/harness/test_pipes.py compares them).
 *
 * No test relies on SIGPIPE: there are no signals in the kernel yet.
 * On Linux a write to a pipe without readers raises SIGPIPE, which kills
 * the writer; a *blocked* SIGPIPE is only left pending, and write fails
 * with EPIPE.  So main() blocks SIGPIPE with sigprocmask first (children
 * inherit the mask); that call exists in the kernel too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#define CAPACITY	65536
#define PIPEBUF		4096

/* Our own errno names: strerror() text differs between C libraries. */
static const char *errname(int e)
{
	switch (e) {
	case EPIPE:	return "EPIPE";
	case EAGAIN:	return "EAGAIN";
	case ESPIPE:	return "ESPIPE";
	case EBADF:	return "EBADF";
	case EINVAL:	return "EINVAL";
	case EFAULT:	return "EFAULT";
	case ENOTTY:	return "ENOTTY";
	case EINTR:	return "EINTR";
	case EMFILE:	return "EMFILE";
	case ENOSYS:	return "ENOSYS";
	case ENOMEM:	return "ENOMEM";
	default:	return "E?";
	}
}

/* Print "what = result" or "what = -1 ERRNAME". */
static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s = -1 %s\n", what, errname(errno));
	else
		printf("%s = %ld\n", what, r);
}
#define T(expr) show(#expr, (long)(expr))

static int p[2];
static char buf[256 * 1024];

static void xpipe(int flags)
{
	if (pipe2(p, flags)) {
		printf("pipe2 failed: %s\n", errname(errno));
		exit(1);
	}
}

static void close_both(void)
{
	close(p[0]);
	close(p[1]);
}

static int nread(int fd)
{
	int n = -1;

	return ioctl(fd, FIONREAD, &n) ? -1 : n;
}

/* The lowest free descriptor: shows that nothing leaked. */
static int lowest_free_fd(void)
{
	int fd = dup(0);

	close(fd);
	return fd;
}

static pid_t xfork(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("fork failed: %s\n", errname(errno));
		exit(1);
	}
	return pid;
}

/* Wait for a child and return its exit code, or -1. */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_create(void)
{
	int lowest = lowest_free_fd();

	printf("== create\n");
	T(pipe(p));
	printf("fds are the two lowest free: %d\n", p[0] == lowest && p[1] == lowest + 1);
	T(fcntl(p[0], F_GETFL));
	T(fcntl(p[1], F_GETFL));
	T(fcntl(p[0], F_GETFD));
	T(fcntl(p[1], F_GETFD));
	close_both();

	T(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	T(fcntl(p[0], F_GETFL));
	T(fcntl(p[1], F_GETFL));
	T(fcntl(p[0], F_GETFD));
	T(fcntl(p[1], F_GETFD));
	close_both();

	T(syscall(SYS_pipe2, p, O_APPEND));
	T(syscall(SYS_pipe2, p, 0x1));
	T(syscall(SYS_pipe, NULL));
	T(syscall(SYS_pipe2, (int *)8, 0));
	T(syscall(SYS_pipe2, NULL, O_APPEND));	/* flags are checked first */
	printf("no descriptor leaked: %d\n", lowest_free_fd() == lowest);
}

static void test_stat(void)
{
	struct stat st;

	printf("== fstat\n");
	xpipe(0);
	T(fstat(p[0], &st));
	printf("S_ISFIFO %d mode %o nlink %lu size %ld\n", S_ISFIFO(st.st_mode),
	       st.st_mode & 07777, (unsigned long)st.st_nlink, (long)st.st_size);
	T(fstat(p[1], &st));
	printf("S_ISFIFO %d mode %o\n", S_ISFIFO(st.st_mode), st.st_mode & 07777);
	close_both();
}

static void test_basic(void)
{
	char small[16] = "";
	struct iovec iov[3];

	printf("== basic\n");
	xpipe(0);
	T(write(p[1], "hello", 5));
	T(nread(p[0]));
	T(nread(p[1]));
	T(read(p[0], small, sizeof(small)));
	printf("read: %.5s\n", small);
	T(write(p[1], "", 0));
	T(read(p[0], small, 0));

	/* writev is one write; readv scatters. */
	iov[0] = (struct iovec){ "abc", 3 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "defgh", 5 };
	T(writev(p[1], iov, 3));
	memset(small, 0, sizeof(small));
	iov[0] = (struct iovec){ small, 2 };
	iov[1] = (struct iovec){ small + 8, 4 };
	T(readv(p[0], iov, 2));
	printf("readv: %.2s %.4s\n", small, small + 8);
	T(read(p[0], small, sizeof(small)));
	printf("rest: %.2s\n", small);

	printf("== wrong end, no position\n");
	T(read(p[1], small, 1));
	T(write(p[0], "x", 1));
	T(lseek(p[0], 0, SEEK_SET));
	T(lseek(p[1], 0, SEEK_CUR));
	T(pread(p[0], small, 1, 0));
	T(pwrite(p[1], "x", 1, 0));
	T(ioctl(p[0], TCGETS, buf));
	T(ioctl(p[0], FIONREAD, (int *)8));
	close_both();
}

/* Write n-byte chunks until EAGAIN; returns the total written. */
static long fill(int fd, size_t n)
{
	long total = 0, r;

	memset(buf, 'f', n);
	while ((r = write(fd, buf, n)) > 0)
		total += r;
	if (errno != EAGAIN)
		printf("fill: write: %s\n", errname(errno));
	return total;
}

/* Read until EAGAIN; returns the total read. */
static long drain(int fd)
{
	long total = 0, r;

	while ((r = read(fd, buf, sizeof(buf))) > 0)
		total += r;
	if (r == 0)
		printf("drain: EOF\n");
	else if (errno != EAGAIN)
		printf("drain: read: %s\n", errname(errno));
	return total;
}

static void test_capacity(void)
{
	printf("== capacity (O_NONBLOCK)\n");
	xpipe(O_NONBLOCK);
	T(read(p[0], buf, 1));
	printf("1-byte writes: %ld\n", fill(p[1], 1));
	T(nread(p[0]));
	T(write(p[1], buf, 1));
	printf("drained %ld\n", drain(p[0]));
	/* Small writes share a page only when they fit in it whole. */
	printf("1000-byte writes: %ld\n", fill(p[1], 1000));
	printf("drained %ld\n", drain(p[0]));
	printf("4096-byte writes: %ld\n", fill(p[1], 4096));
	T(read(p[0], buf, 1));
	/* One byte read frees no page: still full for a page-sized write... */
	T(write(p[1], buf, 4096));
	/* ...and the small write does not fit in the last page. */
	T(write(p[1], buf, 1));
	T(read(p[0], buf, 4095));
	T(write(p[1], buf, 4096));
	printf("drained %ld\n", drain(p[0]));

	/* A write larger than PIPE_BUF may be cut short. */
	T(write(p[1], buf, 60000));
	T(write(p[1], buf, 10000));
	T(write(p[1], buf, 100));
	T(write(p[1], buf, 5000));
	T(nread(p[0]));
	T(read(p[0], buf, sizeof(buf)));
	T(read(p[0], buf, sizeof(buf)));
	T(write(p[1], buf, 200000));
	printf("drained %ld\n", drain(p[0]));
	close_both();
}

static void test_eof(void)
{
	char small[8];
	int d;

	printf("== EOF\n");
	xpipe(0);
	T(write(p[1], "abc", 3));
	T(close(p[1]));
	T(read(p[0], small, 2));
	T(read(p[0], small, 8));
	T(read(p[0], small, 8));
	T(nread(p[0]));
	close(p[0]);

	/* A dup keeps the write end open; EOF only after the last close. */
	xpipe(O_NONBLOCK);
	d = dup(p[1]);
	T(close(p[1]));
	T(read(p[0], small, 8));
	T(write(d, "z", 1));
	T(close(d));
	T(read(p[0], small, 8));
	T(read(p[0], small, 8));
	close(p[0]);
}

static void test_epipe(void)
{
	struct iovec iov = { "x", 1 };

	printf("== EPIPE (SIGPIPE blocked)\n");
	xpipe(0);
	T(close(p[0]));
	T(write(p[1], "x", 1));
	T(writev(p[1], &iov, 1));
	T(write(p[1], buf, 100000));
	T(write(p[1], "", 0));
	close(p[1]);

	xpipe(O_NONBLOCK);
	T(fill(p[1], 4096));
	T(close(p[0]));
	T(write(p[1], "x", 1));
	close(p[1]);
}

static void test_efault(void)
{
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	printf("== EFAULT\n");
	if (m == MAP_FAILED) {
		printf("mmap failed\n");
		return;
	}
	munmap(m + 4096, 4096);		/* m[4096] and up fault */
	memset(m, 'm', 4096);
	xpipe(O_NONBLOCK);
	T(write(p[1], (void *)8, 10));
	T(write(p[1], m + 4000, 200));	/* 96 good bytes, then a fault */
	T(write(p[1], m, 8192));	/* one good page */
	T(write(p[1], "0123456789", 10));
	T(write(p[1], m + 4000, 200));	/* the same, into the last page */
	T(nread(p[0]));
	T(read(p[0], (void *)8, 10));
	T(nread(p[0]));
	T(read(p[0], m, 8192));		/* the first page only */
	T(nread(p[0]));
	T(read(p[0], m + 4090, 10));	/* nothing is consumed on a fault */
	T(nread(p[0]));
	T(read(p[0], m, 100));
	close_both();
	munmap(m, 4096);
}

/* A simple generator, the same on both sides. */
static unsigned int lcg(unsigned int *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 16;
}

static void test_bulk(void)
{
	const long total = 1 << 20;
	unsigned int sum = 2166136261u, seed = 1;
	long got = 0;
	pid_t pid;

	printf("== 1 MiB from a child\n");
	xpipe(0);
	pid = xfork();
	if (pid == 0) {
		unsigned int s = 7;
		long sent = 0;

		close(p[0]);
		while (sent < total) {
			long n = 1 + lcg(&s) % 9000, i, r;

			if (n > total - sent)
				n = total - sent;
			for (i = 0; i < n; i++)
				buf[i] = (char)((sent + i) * 31 + (sent + i) / 4096);
			r = write(p[1], buf, n);
			if (r != n)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	close(p[1]);
	for (;;) {
		long n = 1 + lcg(&seed) % 12000, r, i;

		r = read(p[0], buf, n);
		if (r <= 0) {
			if (r < 0)
				printf("read: %s\n", errname(errno));
			break;
		}
		for (i = 0; i < r; i++)
			sum = (sum ^ (unsigned char)buf[i]) * 16777619;	/* FNV-1a */
		got += r;
	}
	close(p[0]);
	printf("child exited %d\n", reap(pid));
	printf("received %ld bytes, checksum %08x\n", got, sum);
}

/* Several writers: each record of one write must arrive unbroken. */
static void test_atomic(size_t rec)
{
	enum { WRITERS = 4, RECORDS = 48 };
	int counts[WRITERS] = { 0 }, broken = 0, i;
	pid_t pids[WRITERS];
	long pos = 0, r;
	char *stream = malloc(WRITERS * RECORDS * rec);

	printf("== atomic writes of %zu bytes from %d children\n", rec, WRITERS);
	xpipe(0);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = xfork();
		if (pids[i] == 0) {
			int k;

			close(p[0]);
			memset(buf, 'A' + i, rec);
			for (k = 0; k < RECORDS; k++)
				if (write(p[1], buf, rec) != (ssize_t)rec)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	/* Read in odd sizes, then cut the stream into records. */
	while ((r = read(p[0], stream + pos, 777)) > 0)
		pos += r;
	close(p[0]);
	for (i = 0; i < WRITERS; i++)
		printf("writer %d exited %d\n", i, reap(pids[i]));
	printf("received %ld bytes\n", pos);
	for (r = 0; r + (long)rec <= pos; r += rec) {
		char c = stream[r];
		size_t k = 1;

		while (k < rec && stream[r + k] == c)
			k++;
		if (k == rec && c >= 'A' && c < 'A' + WRITERS)
			counts[c - 'A']++;
		else
			broken++;
	}
	for (i = 0; i < WRITERS; i++)
		printf("writer %d: %d whole records\n", i, counts[i]);
	printf("broken records: %d\n", broken);
	free(stream);
}

/* A reader asleep in read() wakes when a child writes; a writer asleep
 * in write() wakes when the parent reads, and on the last reader's close. */
static void test_blocking(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	char small[8];
	pid_t pid;
	int res[2];

	printf("== blocking read\n");
	xpipe(0);
	pid = xfork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		write(p[1], "wake", 4);
		nanosleep(&ts, NULL);
		_exit(0);
	}
	close(p[1]);
	T(read(p[0], small, 8));
	T(read(p[0], small, 8));	/* EOF once the child has exited */
	printf("child exited %d\n", reap(pid));
	close(p[0]);

	printf("== blocking write\n");
	xpipe(0);
	pipe(res);
	pid = xfork();
	if (pid == 0) {
		long r = write(p[1], buf, 100000);

		write(res[1], &r, sizeof(r));
		_exit(0);
	}
	close(p[1]);
	nanosleep(&ts, NULL);
	{
		long total = 0, r, n;

		while ((n = read(p[0], buf, sizeof(buf))) > 0)
			total += n;
		printf("parent read %ld until EOF\n", total);
		read(res[0], &r, sizeof(r));
		printf("child's write returned %ld\n", r);
	}
	printf("child exited %d\n", reap(pid));
	close(p[0]);

	printf("== writer blocked when the reader goes\n");
	xpipe(0);
	pid = xfork();
	if (pid == 0) {
		long r[2];

		close(p[0]);
		r[0] = write(p[1], buf, 100000);
		r[1] = write(p[1], buf, 1);
		r[1] = r[1] < 0 ? -errno : r[1];
		write(res[1], r, sizeof(r));
		_exit(0);
	}
	close(p[1]);
	while (nread(p[0]) < CAPACITY)	/* the child has filled the pipe */
		nanosleep(&ts, NULL);
	close(p[0]);
	{
		long r[2];

		read(res[0], r, sizeof(r));
		printf("child's write returned %ld, then %s\n", r[0],
		       r[1] < 0 ? errname(-r[1]) : "data");
	}
	printf("child exited %d\n", reap(pid));
	close(res[0]);
	close(res[1]);
}

int main(void)
{
	sigset_t set;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);

	test_create();
	test_stat();
	test_basic();
	test_capacity();
	test_eof();
	test_epipe();
	test_efault();
	test_bulk();
	test_atomic(PIPEBUF);
	test_atomic(1000);
	test_blocking();
	printf("pipes: done\n");
	return 0;
}
