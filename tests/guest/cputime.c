/*
 * CPU time accounting: getrusage, wait4's rusage, times, the CPU-time
 * clocks, /proc/self/stat's times and /proc/stat.  Every line is a fact
 * that holds on any machine (yes/no, with wide bounds), so the output is
 * the same in the kernel and on Linux.  The CPU is burned until the
 * task's own user time has grown by BURN_MS (or BURN_LIMIT_MS of real
 * time have passed), not for a number of iterations or a fixed time: the
 * guest under TCG is many times slower than the host, and on a busy host
 * QEMU may not run for a while, so fewer timer ticks reach the guest.
 * A "no" also prints the numbers behind it on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "errname.h"

#define MS		1000000LL	/* ns */
#define BURN_MS		100
#define BURN_LIMIT_MS	5000
#define SLEEP_MS	200
#define TICK_NS		(1000000000LL / 100)	/* a clock tick: USER_HZ 100 */

static volatile unsigned long sink;

static long long clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long utime_ns(int who);

/* Keep the CPU busy in user mode until our user time grew by ms. */
static void burn(long ms)
{
	long long start = clock_ns(CLOCK_MONOTONIC), u0 = utime_ns(RUSAGE_SELF);
	unsigned long i;

	do {
		for (i = 0; i < 100000; i++)
			sink += i * i;
	} while (utime_ns(RUSAGE_SELF) - u0 < ms * MS &&
		 clock_ns(CLOCK_MONOTONIC) - start < BURN_LIMIT_MS * MS);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static long long tv_ns(struct timeval tv)
{
	return tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
}

static long long utime_ns(int who)
{
	struct rusage ru;

	return getrusage(who, &ru) ? -1 : tv_ns(ru.ru_utime);
}

/* "what: yes" or "what: no", and then why on stderr. */
static void fact(const char *what, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: %s\n", what, yesno(ok));
	fflush(stdout);
	if (ok)
		return;
	fprintf(stderr, "  (%s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ")\n");
}

static int between(long long v, long long lo, long long hi)
{
	return v >= lo && v <= hi;
}

static void test_getrusage(void)
{
	struct rusage ru;
	long long u0, u1, u2;

	printf("-- getrusage\n");
	show("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &ru));
	show("getrusage(RUSAGE_THREAD)", getrusage(RUSAGE_THREAD, &ru));
	show("getrusage(RUSAGE_CHILDREN)", getrusage(RUSAGE_CHILDREN, &ru));
	fact("no children yet: RUSAGE_CHILDREN is zero",
	     tv_ns(ru.ru_utime) == 0 && tv_ns(ru.ru_stime) == 0, "%ld.%06ld s user",
	     (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec);
	show("getrusage(5)", getrusage(5, &ru));
	show("getrusage(RUSAGE_SELF, bad address)", getrusage(RUSAGE_SELF, (void *)8));

	u0 = utime_ns(RUSAGE_SELF);
	burn(BURN_MS);
	u1 = utime_ns(RUSAGE_SELF);
	fact("user time grew by 100 ms within 5 s of burning",
	     between(u1 - u0, 100 * MS, 2000 * MS), "grew %lld ms", (u1 - u0) / MS);
	sleep_ms(SLEEP_MS);
	u2 = utime_ns(RUSAGE_SELF);
	fact("user time grew by at most 50 ms while sleeping 200 ms", u2 - u1 <= 50 * MS,
	     "grew %lld ms", (u2 - u1) / MS);
	/* Within 50 ms either way: Linux scales each total on its own (cputime_adjust). */
	fact("RUSAGE_THREAD is RUSAGE_SELF", between(utime_ns(RUSAGE_THREAD) - u2, -50 * MS, 50 * MS),
	     "self %lld ms", u2 / MS);
}

/* A child that burns, or (grandchild) has its own child burn and reaps it. */
static pid_t spawn(int grandchild)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (grandchild) {
			pid_t g = fork();

			if (g == 0) {
				burn(BURN_MS);
				_exit(0);
			}
			waitpid(g, NULL, 0);
		} else {
			burn(BURN_MS);
		}
		_exit(0);
	}
	return pid;
}

static struct rusage rus[2];

static void test_children(void)
{
	struct rusage before, after;
	long long self0, self1, sum, grew;
	int i, st;

	printf("-- wait4 and RUSAGE_CHILDREN\n");
	getrusage(RUSAGE_CHILDREN, &before);
	self0 = utime_ns(RUSAGE_SELF);
	for (i = 0; i < 2; i++) {
		static const char *const returns[] = {
			"wait4 returns the child (it burned)",
			"wait4 returns the child (its child burned)",
		};
		static const char *const shows[] = {
			"its rusage shows 100 ms to 2 s of user time",
			"its rusage includes the grandchild's 100 ms to 2 s",
		};
		pid_t pid = spawn(i);
		pid_t r = wait4(pid, &st, 0, &rus[i]);

		fact(returns[i], r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "wait4 %d", r);
		fact(shows[i], between(tv_ns(rus[i].ru_utime), 100 * MS, 2000 * MS), "%lld ms",
		     tv_ns(rus[i].ru_utime) / MS);
	}
	self1 = utime_ns(RUSAGE_SELF);
	fact("the parent's own user time grew by at most 50 ms", self1 - self0 <= 50 * MS,
	     "grew %lld ms", (self1 - self0) / MS);
	getrusage(RUSAGE_CHILDREN, &after);
	sum = tv_ns(rus[0].ru_utime) + tv_ns(rus[1].ru_utime);
	grew = tv_ns(after.ru_utime) - tv_ns(before.ru_utime);
	fact("RUSAGE_CHILDREN user time grew by the two rusages' sum",
	     between(grew, sum - 10 * MS, sum + 10 * MS), "grew %lld ms, sum %lld ms",
	     grew / MS, sum / MS);
	sum = tv_ns(rus[0].ru_stime) + tv_ns(rus[1].ru_stime);
	grew = tv_ns(after.ru_stime) - tv_ns(before.ru_stime);
	fact("RUSAGE_CHILDREN system time grew by the two rusages' sum",
	     between(grew, sum - 10 * MS, sum + 10 * MS), "grew %lld ms, sum %lld ms",
	     grew / MS, sum / MS);
	show("wait4 with no children left", wait4(-1, &st, 0, &after));
}

static void test_times(void)
{
	struct rusage r1, r2, rc;
	struct tms t;
	clock_t c0, c1;
	long long t0, t1, elapsed;

	printf("-- times\n");
	getrusage(RUSAGE_SELF, &r1);
	c0 = times(&t);
	getrusage(RUSAGE_SELF, &r2);
	getrusage(RUSAGE_CHILDREN, &rc);
	fact("times() succeeds", c0 != (clock_t)-1, "errno %s", errname(errno));
	fact("tms_utime is getrusage's user time in ticks",
	     between(t.tms_utime, tv_ns(r1.ru_utime) / TICK_NS, tv_ns(r2.ru_utime) / TICK_NS),
	     "%ld ticks, rusage %lld..%lld ms", (long)t.tms_utime, tv_ns(r1.ru_utime) / MS,
	     tv_ns(r2.ru_utime) / MS);
	fact("tms_stime is getrusage's system time in ticks",
	     between(t.tms_stime, tv_ns(r1.ru_stime) / TICK_NS, tv_ns(r2.ru_stime) / TICK_NS),
	     "%ld ticks, rusage %lld..%lld ms", (long)t.tms_stime, tv_ns(r1.ru_stime) / MS,
	     tv_ns(r2.ru_stime) / MS);
	fact("tms_cutime is RUSAGE_CHILDREN's user time in ticks",
	     t.tms_cutime == tv_ns(rc.ru_utime) / TICK_NS, "%ld ticks, rusage %lld ms",
	     (long)t.tms_cutime, tv_ns(rc.ru_utime) / MS);
	fact("tms_cstime is RUSAGE_CHILDREN's system time in ticks",
	     t.tms_cstime == tv_ns(rc.ru_stime) / TICK_NS, "%ld ticks, rusage %lld ms",
	     (long)t.tms_cstime, tv_ns(rc.ru_stime) / MS);
	t0 = clock_ns(CLOCK_MONOTONIC);
	c0 = times(NULL);
	sleep_ms(SLEEP_MS);
	c1 = times(NULL);
	t1 = clock_ns(CLOCK_MONOTONIC);
	elapsed = (t1 - t0) / TICK_NS;
	fact("times()'s return value advances with the clock",
	     between(c1 - c0, elapsed / 2, elapsed + 2), "%ld ticks in %lld ticks",
	     (long)(c1 - c0), elapsed);
}

static void test_clocks(void)
{
	struct timespec res;
	struct rusage ru;
	long long c0, c1, c2, th, rus_ns;

	printf("-- CPU-time clocks\n");
	show("clock_getres(CLOCK_PROCESS_CPUTIME_ID)", clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res));
	printf("resolution: %ld s %ld ns\n", (long)res.tv_sec, res.tv_nsec);
	show("clock_getres(CLOCK_THREAD_CPUTIME_ID)", clock_getres(CLOCK_THREAD_CPUTIME_ID, &res));
	printf("resolution: %ld s %ld ns\n", (long)res.tv_sec, res.tv_nsec);
	c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	burn(BURN_MS);
	c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	/* Ticks sample the runtime: 100 ticks charged is a little over 99 ms run. */
	fact("CLOCK_PROCESS_CPUTIME_ID grew by 90 ms to 5 s while burning",
	     between(c1 - c0, 90 * MS, BURN_LIMIT_MS * MS), "grew %lld ms", (c1 - c0) / MS);
	sleep_ms(SLEEP_MS);
	c2 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	fact("it grew by at most 50 ms while sleeping 200 ms", c2 - c1 <= 50 * MS,
	     "grew %lld ms", (c2 - c1) / MS);
	th = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	fact("CLOCK_THREAD_CPUTIME_ID reads the same time", between(th - c2, 0, 50 * MS),
	     "thread %lld ms, process %lld ms", th / MS, c2 / MS);
	getrusage(RUSAGE_SELF, &ru);
	rus_ns = tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime);
	fact("it agrees with getrusage's user + system time within 50 ms",
	     between(rus_ns - th, -50 * MS, 50 * MS), "clock %lld ms, rusage %lld ms",
	     th / MS, rus_ns / MS);
	c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	fact("it never goes back", c1 >= c0, "%lld then %lld", c0, c1);
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* The fields of /proc/self/stat after the ")" that ends the name: f[3] is field 3. */
static int stat_fields(unsigned long long *f, int max)
{
	char buf[2048], *p, *end;
	int n = 3;

	if (read_file("/proc/self/stat", buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return -1;
	for (p += 2; *p && n < max; n++) {
		if (n == 3) {		/* the state letter */
			f[n] = (unsigned char)*p++;
		} else {
			f[n] = strtoull(p, &end, 10);	/* -1 comes back as ~0 */
			if (end == p)
				break;
			p = end;
		}
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
	return n - 1;
}

static double uptime(void)
{
	char buf[128];

	return read_file("/proc/uptime", buf, sizeof(buf)) < 0 ? -1 : strtod(buf, NULL);
}

static void test_proc_pid_stat(long long start_mono)
{
	unsigned long long f[64] = { 0 };
	long long now_ticks, since_start, ticks;
	int n = stat_fields(f, 64);

	printf("-- /proc/self/stat\n");
	fact("it has 52 fields", n == 52, "%d", n);
	fact("utime (field 14) is at least 10 ticks after burning", n >= 17 && f[14] >= 10,
	     "%llu", f[14]);
	ticks = utime_ns(RUSAGE_SELF) / TICK_NS;	/* read after the file: one tick later at most */
	fact("utime is getrusage's user time in ticks", n >= 17 && between(f[14], ticks - 1, ticks),
	     "%llu, rusage %lld ticks", f[14], ticks);
	fact("cutime (field 16) has the children's 20 ticks or more", n >= 17 && f[16] >= 20,
	     "%llu", f[16]);
	fact("cutime is RUSAGE_CHILDREN's user time in ticks",
	     n >= 17 && f[16] == (unsigned long long)(utime_ns(RUSAGE_CHILDREN) / TICK_NS),
	     "%llu, rusage %lld ms", f[16], utime_ns(RUSAGE_CHILDREN) / MS);
	now_ticks = (long long)(uptime() * 100);
	since_start = (clock_ns(CLOCK_MONOTONIC) - start_mono) / TICK_NS;
	fact("starttime (field 22) is when this program started, in ticks since boot",
	     n >= 22 && between(now_ticks - (long long)f[22], 0, since_start + 100),
	     "starttime %llu, uptime %lld ticks, running for %lld", f[22], now_ticks, since_start);
}

/* The numbers after the name on the line of /proc/stat that starts with name. */
static int stat_line(const char *buf, const char *name, unsigned long long *v, int max)
{
	const char *p = buf;
	size_t len = strlen(name);
	char *end;
	int n = 0;

	while (p && strncmp(p, name, len))
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p)
		return -1;
	for (p += len; *p != '\n' && n < max; n++) {
		v[n] = strtoull(p, &end, 10);
		if (end == p)
			break;
		p = end;
	}
	return n;
}

static void test_proc_stat(void)
{
	static char buf[65536];
	unsigned long long cpu0[16], cpu1[16], v[4], ctxt0, forks0;
	int n;
	pid_t pid;

	printf("-- /proc/stat\n");
	fact("it can be read", read_file("/proc/stat", buf, sizeof(buf)) > 0, "%s", errname(errno));
	fact("the first line starts with \"cpu  \"", !strncmp(buf, "cpu  ", 5), "%.20s", buf);
	n = stat_line(buf, "cpu ", cpu0, 16);
	fact("it has 10 numbers", n == 10, "%d", n);
	n = stat_line(buf, "cpu0 ", v, 4);
	fact("a cpu0 line follows", !strncmp(strchr(buf, '\n') + 1, "cpu0 ", 5) && n == 4, "%d", n);
	fact("an intr line with the total first", stat_line(buf, "intr ", v, 1) == 1, "");
	fact("a ctxt line", stat_line(buf, "ctxt ", &ctxt0, 1) == 1, "");
	fact("btime + uptime is the time of day", stat_line(buf, "btime ", v, 1) == 1 &&
	     between((long long)v[0] + (long long)uptime() - time(NULL), -2, 2),
	     "btime %llu, uptime %f, now %ld", v[0], uptime(), (long)time(NULL));
	fact("a processes line", stat_line(buf, "processes ", &forks0, 1) == 1, "");
	fact("procs_running is at least 1 (this one)", stat_line(buf, "procs_running ", v, 1) == 1 &&
	     v[0] >= 1, "%llu", v[0]);
	fact("a procs_blocked line", stat_line(buf, "procs_blocked ", v, 1) == 1, "");

	burn(BURN_MS);
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	read_file("/proc/stat", buf, sizeof(buf));
	stat_line(buf, "cpu ", cpu1, 16);
	fact("the user column grew by 10 ticks or more while burning", cpu1[0] - cpu0[0] >= 10,
	     "grew %llu", cpu1[0] - cpu0[0]);
	stat_line(buf, "ctxt ", v, 1);
	fact("ctxt grew (the fork and wait switched tasks)", v[0] > ctxt0, "%llu then %llu",
	     ctxt0, v[0]);
	stat_line(buf, "processes ", v, 1);
	fact("processes grew by the fork", v[0] > forks0, "%llu then %llu", forks0, v[0]);
}

/*
 * The load average: /proc/loadavg's format, and a task that keeps the CPU
 * busy for 6 s (at least one 5 s sample) lifts the 1-minute average.
 */
static void test_loadavg(void)
{
	double l1, l5, l15, after;
	int running, all, last, n;
	long long start;
	struct sysinfo si;
	char line[128];
	FILE *f;

	printf("-- load average\n");
	f = fopen("/proc/loadavg", "r");
	n = f && fgets(line, sizeof(line), f) ?
		sscanf(line, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &all, &last) : 0;
	if (f)
		fclose(f);
	fact("/proc/loadavg has three averages, running/all and the newest pid",
	     n == 6 && running >= 1 && all >= running && last > 0, "%s", n ? line : "unreadable");
	start = clock_ns(CLOCK_MONOTONIC);
	do
		burn(BURN_MS);
	while (clock_ns(CLOCK_MONOTONIC) - start < 6000 * MS);
	f = fopen("/proc/loadavg", "r");
	n = f && fscanf(f, "%lf", &after) == 1;
	if (f)
		fclose(f);
	fact("the 1-minute average is above 0 after 6 s of burning", n && after > 0.0,
	     "%.2f", after);
	fact("sysinfo's loads[0] agrees", sysinfo(&si) == 0 && si.loads[0] > 0,
	     "%lu", si.loads[0]);
}

int main(void)
{
	long long start = clock_ns(CLOCK_MONOTONIC);

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_getrusage();
	test_children();
	test_times();
	test_clocks();
	test_proc_pid_stat(start);
	test_proc_stat();
	test_loadavg();
	return 0;
}
