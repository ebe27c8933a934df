// SPDX-License-Identifier: GPL-2.0
/*
 * poll - poll, ppoll, select and pselect6 on pipes: readiness, POLLHUP,
 * POLLERR, POLLNVAL, timeouts, wakeups from a child, argument errors.
 * Every line is deterministic (a timeout is only checked to have been
 * waited at least), so the output on Linux and in the kernel must be
 * identical (tests/harness/test_pipes.py compares them).
 *
 * SIGPIPE is blocked (see pipes.c): a write end is closed on its reader
 * here and there, and the kernel has no signals yet.
 * ppoll, select and pselect6 are also called through syscall(), because
 * the C library copies the timeout and so hides what the kernel writes
 * back into it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* Our own errno names: strerror() text differs between C libraries. */
static const char *errname(int e)
{
	switch (e) {
	case EPIPE:	return "EPIPE";
	case EAGAIN:	return "EAGAIN";
	case EBADF:	return "EBADF";
	case EINVAL:	return "EINVAL";
	case EFAULT:	return "EFAULT";
	case EINTR:	return "EINTR";
	case ENOSYS:	return "ENOSYS";
	case ENOMEM:	return "ENOMEM";
	default:	return "E?";
	}
}

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s = -1 %s\n", what, errname(errno));
	else
		printf("%s = %ld\n", what, r);
}
#define T(expr) show(#expr, (long)(expr))

static int p[2], q[2];
static char buf[128 * 1024];
static struct pollfd pfd[4];

/* revents as names, so a difference is easy to read. */
static void print_revents(const char *what, short ev)
{
	static const struct { short bit; const char *name; } names[] = {
		{ POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" },
		{ POLLERR, "ERR" }, { POLLHUP, "HUP" }, { POLLNVAL, "NVAL" },
		{ POLLRDNORM, "RDNORM" }, { POLLRDBAND, "RDBAND" },
		{ POLLWRNORM, "WRNORM" }, { POLLWRBAND, "WRBAND" },
	};
	unsigned int i;

	printf("  %s revents 0x%x", what, (unsigned short)ev);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ev & names[i].bit)
			printf(" %s", names[i].name);
	printf("\n");
}

/* Poll fd for events with a zero timeout and print the result. */
static void poll1(const char *what, int fd, short events)
{
	struct pollfd one = { fd, events, 0x7fff };
	int r = poll(&one, 1, 0);

	if (r < 0)
		printf("poll %s = -1 %s\n", what, errname(errno));
	else
		printf("poll %s = %d\n", what, r);
	print_revents(what, one.revents);
}

#define ALL	(POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLWRNORM | POLLRDBAND | POLLWRBAND)

static void xpipe(int *fds, int flags)
{
	if (pipe2(fds, flags)) {
		printf("pipe2 failed: %s\n", errname(errno));
		exit(1);
	}
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

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

static void test_pipe_states(void)
{
	printf("== a pipe's states\n");
	xpipe(p, O_NONBLOCK);
	poll1("empty read end", p[0], ALL);
	poll1("empty write end", p[1], ALL);
	write(p[1], "x", 1);
	poll1("read end with data", p[0], ALL);
	poll1("read end, only POLLOUT asked", p[0], POLLOUT);
	poll1("read end, nothing asked", p[0], 0);
	read(p[0], buf, 1);

	/* Full: 16 pages.  Room for a page-sized write is room for a page. */
	while (write(p[1], buf, 4096) > 0)
		;
	poll1("full write end", p[1], ALL);
	read(p[0], buf, 1);
	poll1("write end, one byte read", p[1], ALL);
	read(p[0], buf, 4095);
	poll1("write end, a page read", p[1], ALL);

	close(p[1]);
	poll1("read end, data, no writer", p[0], ALL);
	poll1("read end, no writer, nothing asked", p[0], 0);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	poll1("read end, drained, no writer", p[0], ALL);
	close(p[0]);

	xpipe(p, 0);
	close(p[0]);
	poll1("write end, no reader", p[1], ALL);
	poll1("write end, no reader, nothing asked", p[1], 0);
	close(p[1]);
}

static void test_poll_args(void)
{
	int r;

	printf("== several fds, bad fds, bad arguments\n");
	xpipe(p, 0);
	xpipe(q, 0);
	write(q[1], "y", 1);
	pfd[0] = (struct pollfd){ p[0], POLLIN, 0x7fff };
	pfd[1] = (struct pollfd){ p[1], POLLOUT, 0x7fff };
	pfd[2] = (struct pollfd){ q[0], POLLIN, 0x7fff };
	pfd[3] = (struct pollfd){ -1, POLLIN, 0x7fff };
	T(poll(pfd, 4, 0));
	for (r = 0; r < 4; r++)
		print_revents("fd", pfd[r].revents);

	/* A closed descriptor: POLLNVAL, counted.  A negative one: ignored. */
	pfd[0] = (struct pollfd){ 99, POLLIN, 0x7fff };
	pfd[1] = (struct pollfd){ -5, POLLIN | POLLOUT, 0x7fff };
	pfd[2] = (struct pollfd){ q[0], POLLIN, 0x7fff };
	pfd[3] = (struct pollfd){ q[0], POLLOUT, 0x7fff };
	T(poll(pfd, 4, 0));
	for (r = 0; r < 4; r++)
		print_revents("fd", pfd[r].revents);
	T(poll(pfd, 1, -1));		/* POLLNVAL does not wait */

	T(poll(NULL, 0, 0));
	T(poll((struct pollfd *)8, 1, 0));
	T(syscall(SYS_poll, pfd, 0xffffffffu, 0));	/* more than RLIMIT_NOFILE */
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static void test_poll_timeouts(void)
{
	long t0;
	int r;

	printf("== timeouts\n");
	xpipe(p, 0);
	pfd[0] = (struct pollfd){ p[0], POLLIN, 0 };
	t0 = now_ms();
	r = poll(pfd, 1, 50);
	printf("poll 50 ms on an empty pipe = %d, waited >= 50 ms: %d\n", r, now_ms() - t0 >= 50);
	print_revents("read end", pfd[0].revents);
	t0 = now_ms();
	r = poll(NULL, 0, 30);
	printf("poll no fds, 30 ms = %d, waited >= 30 ms: %d\n", r, now_ms() - t0 >= 30);

	{
		struct timespec ts = { 0, 40 * 1000 * 1000 };

		t0 = now_ms();
		r = syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8);
		printf("ppoll 40 ms = %d, waited >= 40 ms: %d, left %ld.%09ld\n", r,
		       now_ms() - t0 >= 40, (long)ts.tv_sec, ts.tv_nsec);
		ts = (struct timespec){ 0, 0 };
		T(syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8));
		ts = (struct timespec){ 0, 1000000000 };
		T(syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8));
		ts = (struct timespec){ -1, 0 };
		T(syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8));
		T(syscall(SYS_ppoll, pfd, 1, (void *)8, NULL, 8));
	}
	{
		/* A signal mask for the wait: checked, and harmless. */
		sigset_t set;
		struct timespec ts = { 0, 0 };

		sigemptyset(&set);
		write(p[1], "z", 1);
		T(syscall(SYS_ppoll, pfd, 1, NULL, &set, 8));
		T(syscall(SYS_ppoll, pfd, 1, NULL, &set, 4));
		T(syscall(SYS_ppoll, pfd, 1, &ts, (void *)8, 8));
		T(ppoll(pfd, 1, NULL, &set));
		print_revents("read end", pfd[0].revents);
	}
	close(p[0]);
	close(p[1]);
}

/* Sleep in poll until a child acts: writes, or closes its end. */
static void test_poll_wakeups(void)
{
	pid_t pid;
	int r;

	printf("== wakeups\n");
	xpipe(p, 0);
	xpipe(q, 0);
	pid = xfork();
	if (pid == 0) {
		sleep_ms(50);
		write(q[1], "wake", 4);
		_exit(0);
	}
	pfd[0] = (struct pollfd){ p[0], POLLIN, 0 };
	pfd[1] = (struct pollfd){ q[0], POLLIN, 0 };
	T(poll(pfd, 2, -1));
	print_revents("p[0]", pfd[0].revents);
	print_revents("q[0]", pfd[1].revents);
	printf("child exited %d\n", reap(pid));
	close(q[0]);
	close(q[1]);

	/* The last writer goes away: POLLHUP, even though POLLIN was asked. */
	pid = xfork();
	if (pid == 0) {
		sleep_ms(50);
		_exit(0);
	}
	close(p[1]);
	pfd[0] = (struct pollfd){ p[0], POLLIN, 0 };
	T(poll(pfd, 1, 5000));
	print_revents("p[0]", pfd[0].revents);
	printf("child exited %d\n", reap(pid));
	close(p[0]);

	/* A full pipe becomes writable when the child reads. */
	xpipe(p, O_NONBLOCK);
	while (write(p[1], buf, 4096) > 0)
		;
	pid = xfork();
	if (pid == 0) {
		sleep_ms(50);
		read(p[0], buf, 8192);
		sleep_ms(50);
		_exit(0);
	}
	pfd[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	T(poll(pfd, 1, -1));
	print_revents("p[1]", pfd[0].revents);
	printf("child exited %d\n", reap(pid));

	/* The last reader goes away: POLLERR. */
	xpipe(q, 0);
	pid = xfork();
	if (pid == 0) {
		read(q[0], buf, 1);	/* wait for the parent */
		sleep_ms(50);
		_exit(0);		/* closes the last read end of p */
	}
	while (write(p[1], buf, 4096) > 0)
		;
	close(p[0]);
	write(q[1], "g", 1);
	pfd[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	r = poll(pfd, 1, 5000);
	printf("poll on a full pipe whose reader leaves = %d\n", r);
	print_revents("p[1]", pfd[0].revents);
	printf("child exited %d\n", reap(pid));
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static void print_set(const char *what, fd_set *s)
{
	int fd;

	printf("  %s:", what);
	for (fd = 0; fd < 64; fd++)
		if (FD_ISSET(fd, s))
			printf(" %s", fd == p[0] ? "p0" : fd == p[1] ? "p1" :
			       fd == q[0] ? "q0" : fd == q[1] ? "q1" : "other");
	printf("\n");
}

static void test_select(void)
{
	struct timeval tv;
	fd_set r, w, e;
	long t0;
	int n;

	printf("== select\n");
	xpipe(p, O_NONBLOCK);
	xpipe(q, 0);
	n = (p[1] > q[1] ? p[1] : q[1]) + 1;

#define SETS() do { FD_ZERO(&r); FD_ZERO(&w); FD_ZERO(&e); \
	FD_SET(p[0], &r); FD_SET(q[0], &r); FD_SET(p[1], &w); FD_SET(q[1], &w); \
	FD_SET(p[0], &e); FD_SET(p[1], &e); } while (0)

	SETS();
	tv = (struct timeval){ 0, 0 };
	T(select(n, &r, &w, &e, &tv));
	print_set("read", &r);
	print_set("write", &w);
	print_set("except", &e);

	write(p[1], "a", 1);
	SETS();
	T(select(n, &r, &w, &e, NULL));
	print_set("read", &r);
	print_set("write", &w);
	print_set("except", &e);

	/* A write end with no reader counts as readable and writable. */
	close(q[0]);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(q[1], &r);
	FD_SET(q[1], &w);
	T(select(n, &r, &w, NULL, NULL));
	print_set("read", &r);
	print_set("write", &w);
	close(q[1]);

	/* A read end with no writer: readable (EOF). */
	while (write(p[1], buf, 4096) > 0)
		;
	FD_ZERO(&w);
	FD_SET(p[1], &w);
	tv = (struct timeval){ 0, 0 };
	T(select(n, NULL, &w, NULL, &tv));
	print_set("write, full pipe", &w);
	close(p[1]);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	T(select(p[0] + 1, &r, NULL, NULL, NULL));
	print_set("read, no writer", &r);

	/* Timeouts, written back by the kernel. */
	xpipe(q, 0);
	FD_ZERO(&r);
	FD_SET(q[0], &r);
	tv = (struct timeval){ 0, 40000 };
	t0 = now_ms();
	n = syscall(SYS_select, q[0] + 1, &r, NULL, NULL, &tv);
	printf("select 40 ms = %d, waited >= 40 ms: %d, left %ld.%06ld\n", n,
	       now_ms() - t0 >= 40, (long)tv.tv_sec, (long)tv.tv_usec);
	print_set("read", &r);
	tv = (struct timeval){ 0, 0 };
	t0 = now_ms();
	T(syscall(SYS_select, 0, NULL, NULL, NULL, &tv));
	tv = (struct timeval){ 0, 30000 };
	n = syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
	printf("select no fds, 30 ms = %d, waited >= 30 ms: %d\n", n, now_ms() - t0 >= 30);
	{
		struct timespec ts = { 0, 30 * 1000 * 1000 };
		sigset_t set;
		struct { sigset_t *p; size_t n; } pack = { &set, 8 };

		sigemptyset(&set);
		FD_ZERO(&r);
		FD_SET(q[0], &r);
		t0 = now_ms();
		n = syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, &ts, &pack);
		printf("pselect6 30 ms = %d, waited >= 30 ms: %d, left %ld.%09ld\n", n,
		       now_ms() - t0 >= 30, (long)ts.tv_sec, ts.tv_nsec);
		write(q[1], "b", 1);
		FD_SET(q[0], &r);
		T(syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, NULL, &pack));
		pack.n = 4;
		T(syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, NULL, &pack));
		T(syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, NULL, (void *)8));
		ts = (struct timespec){ 0, -1 };
		T(syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, &ts, NULL));
		FD_SET(q[0], &r);
		T(pselect(q[0] + 1, &r, NULL, NULL, NULL, &set));
	}

	/* Errors. */
	FD_ZERO(&r);
	FD_SET(60, &r);
	T(syscall(SYS_select, 61, &r, NULL, NULL, NULL));
	T(syscall(SYS_select, -1, NULL, NULL, NULL, NULL));
	tv = (struct timeval){ 0, -1 };
	T(syscall(SYS_select, 0, NULL, NULL, NULL, &tv));
	tv = (struct timeval){ -1, 0 };
	T(syscall(SYS_select, 0, NULL, NULL, NULL, &tv));
	T(syscall(SYS_select, 1, (void *)8, NULL, NULL, NULL));
	T(syscall(SYS_select, 0, NULL, NULL, NULL, (void *)8));
	/* A timeval whose microseconds carry into seconds is fine. */
	FD_ZERO(&r);
	FD_SET(q[0], &r);
	tv = (struct timeval){ 0, 1500000 };
	T(syscall(SYS_select, q[0] + 1, &r, NULL, NULL, &tv));
	close(p[0]);
	close(q[0]);
	close(q[1]);
}

int main(void)
{
	sigset_t set;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);

	test_pipe_states();
	test_poll_args();
	test_poll_timeouts();
	test_poll_wakeups();
	test_select();
	printf("poll: done\n");
	return 0;
}
