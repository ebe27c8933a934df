// SPDX-License-Identifier: GPL-2.0
/*
 * syslog - check syslog(2), the kernel log dmesg reads, against Linux's
 * semantics.  It needs log lines it knows: each child that stores
 * through NULL makes the kernel log one, "syslog[PID]: segfault at 0 ...".
 *
 * It clears the log and turns the console off while it runs, so it
 * refuses to run anywhere but this kernel (uname -r ends in "teachos").
 * Prints "syslog: FAIL ..." for each failed check, then
 * "syslog: N checks, N failed"; exits 1 if one failed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	READ = 2, READ_ALL, READ_CLEAR, CLEAR, CONSOLE_OFF, CONSOLE_ON,
	CONSOLE_LEVEL, SIZE_UNREAD, SIZE_BUFFER,
};

#define KERNEL_ADDR	((char *)0xffffffff80000000UL)

static int checks, failures;
static char buf[65536], buf2[65536];

#define CHECK(cond, ...)						\
	do {								\
		checks++;						\
		if (!(cond)) {						\
			failures++;					\
			printf("syslog: FAIL line %d: %s: ", __LINE__, #cond); \
			printf(__VA_ARGS__);				\
			printf("\n");					\
		}							\
	} while (0)

/* klogctl's result, or -errno. */
static int klog(int type, char *b, int len)
{
	int r = klogctl(type, b, len);

	return r < 0 ? -errno : r;
}

/* A child that dies storing to 0: the kernel logs one line.  Its pid. */
static pid_t crash_child(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		volatile int *volatile p = NULL;

		*p = 1;
		_exit(1);
	}
	waitpid(pid, &status, 0);
	return pid;
}

/* The line the kernel logged for child pid: "<6>[    1.234567] syslog[pid]: segfault at 0 ...". */
static int is_crash_line(const char *line, pid_t pid)
{
	char want[64];
	unsigned long s, us;
	int n = -1;

	sscanf(line, "<6>[%5lu.%6lu] %n", &s, &us, &n);
	snprintf(want, sizeof(want), "syslog[%d]: segfault at 0 ip ", (int)pid);
	return n == 18 && !strncmp(line + n, want, strlen(want));
}

static int count_lines(const char *b, int len)
{
	int i, n = 0;

	for (i = 0; i < len; i++)
		n += b[i] == '\n';
	return n;
}

static void check_errors(void)
{
	CHECK(klog(11, NULL, 0) == -EINVAL, "type 11");
	CHECK(klog(-1, NULL, 0) == -EINVAL, "type -1");
	CHECK(klog(READ_ALL, NULL, 10) == -EINVAL, "NULL buffer");
	CHECK(klog(READ, NULL, 10) == -EINVAL, "NULL buffer");
	CHECK(klog(READ_ALL, buf, -1) == -EINVAL, "len -1");
	CHECK(klog(READ_ALL, buf, 0) == 0, "len 0");
	CHECK(klog(READ, buf, 0) == 0, "len 0 does not wait");
	CHECK(klog(READ_ALL, KERNEL_ADDR, 100) == -EFAULT, "kernel buffer");
	CHECK(klog(READ_ALL, (char *)0x1000, 4096) == -EFAULT, "unmapped buffer");
	CHECK(klog(CONSOLE_LEVEL, NULL, 0) == -EINVAL, "level 0");
	CHECK(klog(CONSOLE_LEVEL, NULL, 9) == -EINVAL, "level 9");
	CHECK(klog(0, NULL, 0) == 0 && klog(1, NULL, 0) == 0, "CLOSE, OPEN");
	CHECK(klog(SIZE_BUFFER, NULL, 0) == 65536, "SIZE_BUFFER");
}

/* READ_ALL after CLEAR: only new lines; a short buffer gets the newest whole lines. */
static void check_read_all(void)
{
	pid_t pids[3];
	int i, n, last2;
	char *second;

	CHECK(klog(CLEAR, NULL, 0) == 0, "CLEAR");
	CHECK(klog(READ_ALL, buf, sizeof(buf)) == 0, "empty after CLEAR");
	for (i = 0; i < 3; i++)
		pids[i] = crash_child();
	n = klog(READ_ALL, buf, sizeof(buf));
	CHECK(n > 0 && count_lines(buf, n) == 3, "3 lines: %d bytes", n);
	if (n <= 0)
		return;
	buf[n] = '\0';
	second = strchr(buf, '\n') + 1;
	CHECK(is_crash_line(buf, pids[0]) && is_crash_line(second, pids[1]) &&
	      is_crash_line(strchr(second, '\n') + 1, pids[2]), "%s", buf);
	last2 = n - (second - buf);
	CHECK(klog(READ_ALL, buf2, last2) == last2 && !memcmp(buf2, second, last2),
	      "the last 2 lines exactly");
	n = klog(READ_ALL, buf2, last2 - 1);
	CHECK(n > 0 && n < last2 - 1 && count_lines(buf2, n) == 1 &&
	      is_crash_line(buf2, pids[2]), "one byte short: the last line only (%d)", n);
	CHECK(klog(READ_CLEAR, buf2, sizeof(buf2)) == last2 + (second - buf), "READ_CLEAR");
	CHECK(klog(READ_ALL, buf2, sizeof(buf2)) == 0, "empty after READ_CLEAR");
}

/* READ takes what it returns off SIZE_UNREAD; a short buffer gets a piece. */
static void check_read(void)
{
	pid_t pid;
	int n, m;

	while (klog(SIZE_UNREAD, NULL, 0) > 0)
		klog(READ, buf, sizeof(buf));		/* everything since boot */
	CHECK(klog(SIZE_UNREAD, NULL, 0) == 0, "nothing unread");
	pid = crash_child();
	n = klog(SIZE_UNREAD, NULL, 0);
	CHECK(n > 30, "one line unread: %d", n);
	CHECK(klog(READ, buf, 10) == 10, "a 10-byte piece");
	CHECK(klog(SIZE_UNREAD, NULL, 0) == n - 10, "10 bytes fewer unread");
	m = klog(READ, buf + 10, sizeof(buf) - 10);
	CHECK(m == n - 10, "the rest: %d", m);
	buf[n] = '\0';
	CHECK(is_crash_line(buf, pid), "%s", buf);
	CHECK(klog(SIZE_UNREAD, NULL, 0) == 0, "nothing unread");
}

static void on_signal(int sig)
{
	(void)sig;
}

/* A child that sends SIGUSR1 to us after ms (alarm needs setitimer, not here). */
static pid_t signal_later(int ms)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		usleep(ms * 1000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* READ with nothing unread waits for a line; a signal ends the wait. */
static void check_read_waits(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct timespec t0, t1;
	pid_t timer, pid;
	long ms;
	int n;

	sigaction(SIGUSR1, &sa, NULL);		/* no SA_RESTART: EINTR */
	timer = signal_later(1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(klog(READ, buf, sizeof(buf)) == -EINTR, "interrupted");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 900, "waited a second: %ld ms", ms);
	reap(timer);
	timer = signal_later(5000);		/* if the wake-up never comes */
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		crash_child();
		_exit(0);
	}
	n = klog(READ, buf, sizeof(buf));
	CHECK(n > 0, "woken by the new line: %d", n);
	if (n > 0) {
		buf[n] = '\0';
		CHECK(strstr(buf, ": segfault at 0 ip ") != NULL, "%s", buf);
	}
	reap(timer);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	struct utsname u;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (uname(&u) || !strstr(u.release, "teachos")) {
		printf("syslog: not the teaching kernel, nothing done (it clears the log)\n");
		return 2;
	}
	CHECK(klog(CONSOLE_OFF, NULL, 0) == 0, "CONSOLE_OFF");	/* the crashes stay off it */
	check_errors();
	check_read_all();
	check_read();
	check_read_waits();
	CHECK(klog(CONSOLE_ON, NULL, 0) == 0, "CONSOLE_ON");
	printf("syslog: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
