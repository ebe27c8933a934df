/*
 * Signals as a shell and its jobs use them: handlers, masks, pending
 * signals, restart of interrupted calls (SA_RESTART) or EINTR, sigsuspend,
 * SIGCHLD, SIGPIPE, kill to a pid / a group / everyone, process groups and
 * sessions, and what fork and execve keep.  Same output as on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "errname.h"

static volatile sig_atomic_t got, chld;

static void on_sig(int s) { got = s; }
static void on_chld(int s) { (void)s; chld++; }

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* How a child ended, as a shell reports it. */
static void show_status(const char *what, int st)
{
	if (WIFSIGNALED(st))
		printf("%s: killed by signal %d (status %d)\n", what, WTERMSIG(st), 128 + WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static void test_handlers(void)
{
	double d = 1.25;
	sigset_t m, p;

	printf("-- handlers and masks\n");
	set_handler(SIGUSR1, on_sig, 0);
	show("kill self SIGUSR1", kill(getpid(), SIGUSR1));
	printf("handler saw: %d\n", got);
	got = 0;
	raise(SIGUSR1);
	d *= 3;
	printf("raise: handler saw %d, floating point intact: %g\n", got, d);
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigprocmask(SIG_BLOCK, &m, NULL);
	set_handler(SIGUSR2, on_sig, 0);
	got = 0;
	raise(SIGUSR2);
	sigpending(&p);
	printf("blocked: handler saw %d, pending %d\n", got, sigismember(&p, SIGUSR2));
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	printf("unblocked: handler saw %d\n", got);
	show("sigaction SIGKILL", sigaction(SIGKILL, &(struct sigaction){ .sa_handler = on_sig }, NULL));
	show("kill bad signal", kill(getpid(), 1000));
	show("kill no such pid", kill(99999, SIGTERM));
	show("kill signal 0 to self", kill(getpid(), 0));
	signal(SIGTERM, SIG_IGN);
	show("SIGTERM while ignored", raise(SIGTERM));
	printf("still alive\n");
	signal(SIGTERM, SIG_DFL);
}

/* A read on a pipe, interrupted by a signal from the child. */
static void interrupted_read(int flags)
{
	int fds[2];
	char c = 0;
	ssize_t n;
	pid_t pid;

	set_handler(SIGUSR1, on_sig, flags);
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		kill(getppid(), SIGUSR1);
		usleep(100000);
		write(fds[1], "x", 1);
		_exit(0);
	}
	got = 0;
	errno = 0;
	n = read(fds[0], &c, 1);
	printf("read with%s SA_RESTART: %zd %s, handler saw %d\n", flags ? "" : "out", n,
	       n < 0 ? errname(errno) : (c == 'x' ? "'x'" : "?"), got);
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

static void test_restart(void)
{
	sigset_t block, old;
	pid_t pid;
	int r;

	printf("-- interrupted system calls\n");
	interrupted_read(SA_RESTART);
	interrupted_read(0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	got = 0;
	errno = 0;
	r = sigsuspend(&old);
	printf("sigsuspend: %d %s, handler saw %d\n", r, errname(errno), got);
	sigprocmask(SIG_SETMASK, NULL, &old);
	printf("mask after sigsuspend still blocks SIGUSR1: %d\n", sigismember(&old, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	waitpid(pid, NULL, 0);
}

/* A child that sends SIGUSR1 to its parent after ms milliseconds. */
static pid_t usr1_later(int ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		usleep(ms * 1000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	return pid;
}

/* Is SIGUSR1 blocked right now? */
static int usr1_blocked(void)
{
	sigset_t now;

	sigprocmask(SIG_SETMASK, NULL, &now);
	return sigismember(&now, SIGUSR1);
}

/*
 * ppoll and pselect wait with the mask they are given and put the old one
 * back: the race-free way to wait for a signal or a file.
 */
static void test_wait_masks(void)
{
	struct timespec ts = { 2, 0 }, short_ts = { 0, 300 * 1000 * 1000 };
	sigset_t block, empty;
	int fds[2], r;
	fd_set rd;
	struct pollfd pfd;
	pid_t pid;

	printf("-- ppoll and pselect masks\n");
	set_handler(SIGUSR1, on_sig, 0);
	sigemptyset(&empty);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	pipe(fds);
	pfd.fd = fds[0];
	pfd.events = POLLIN;

	sigprocmask(SIG_BLOCK, &block, NULL);
	pid = usr1_later(50);
	got = 0;
	r = ppoll(&pfd, 1, &ts, &empty);
	printf("ppoll, SIGUSR1 unblocked for the wait: %d %s, handler saw %d\n", r,
	       r < 0 ? errname(errno) : "", got);
	printf("after ppoll SIGUSR1 blocked again: %d\n", usr1_blocked());
	waitpid(pid, NULL, 0);

	pid = usr1_later(50);
	got = 0;
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	r = pselect(fds[0] + 1, &rd, NULL, NULL, &ts, &empty);
	printf("pselect, SIGUSR1 unblocked for the wait: %d %s, handler saw %d\n", r,
	       r < 0 ? errname(errno) : "", got);
	printf("after pselect SIGUSR1 blocked again: %d\n", usr1_blocked());
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	pid = usr1_later(50);
	got = 0;
	r = ppoll(&pfd, 1, &short_ts, &block);
	/* It timed out; the old mask came back and the signal ran on the way out. */
	printf("ppoll, SIGUSR1 blocked for the wait: %d, then handler saw %d\n", r, got);
	waitpid(pid, NULL, 0);
	printf("after ppoll SIGUSR1 blocked: %d\n", usr1_blocked());

	r = ppoll(&pfd, 1, &short_ts, (sigset_t *)8);
	printf("ppoll with a bad mask pointer: %d %s\n", r, errname(errno));
	close(fds[0]);
	close(fds[1]);
}

/* How a waitpid status reads, stops and continues included. */
static void show_wait(const char *what, pid_t r, int st)
{
	if (r <= 0)
		printf("%s: %d %s\n", what, (int)r, r < 0 ? errname(errno) : "");
	else if (WIFSTOPPED(st))
		printf("%s: stopped by signal %d\n", what, WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		printf("%s: continued\n", what);
	else
		show_status(what, st);
}

static long long mono_ms(void);
static volatile sig_atomic_t conts;
static void on_cont(int s) { (void)s; conts++; }

/*
 * Stop and continue: SIGSTOP and a default SIGTSTP stop a child, wait4
 * reports it with WUNTRACED and the continuation with WCONTINUED, the
 * child's SIGCONT handler runs, SIGKILL ends a stopped child.
 */
static void test_stop(void)
{
	int fds[2], st;
	pid_t pid, r;
	char c;

	printf("-- stop and continue\n");
	signal(SIGCHLD, SIG_DFL);
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		/* Its own group, with its parent outside it: a job a shell
		 * could continue, so SIGTSTP stops it too. */
		setpgid(0, 0);
		signal(SIGCONT, on_cont);
		raise(SIGSTOP);
		read(fds[0], &c, 1);	/* until the parent has printed */
		printf("child: continued, SIGCONT handler ran %d time(s)\n", (int)conts);
		kill(getpid(), SIGTSTP);
		printf("child: continued again\n");
		_exit(7);
	}
	r = waitpid(pid, &st, WUNTRACED);
	show_wait("waitpid WUNTRACED", r, st);
	r = waitpid(pid, &st, WNOHANG | WUNTRACED);
	show_wait("again (reported once)", r, st);
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, WCONTINUED);
	show_wait("waitpid WCONTINUED", r, st);
	write(fds[1], "x", 1);
	r = waitpid(pid, &st, WUNTRACED);
	show_wait("after SIGTSTP", r, st);
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, 0);
	show_wait("waitpid", r, st);

	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		printf("child: must not run\n");
		_exit(0);
	}
	r = waitpid(pid, &st, WUNTRACED);
	show_wait("second child", r, st);
	kill(pid, SIGKILL);
	r = waitpid(pid, &st, 0);
	show_wait("SIGKILL while stopped", r, st);

	/* A sleep across a stop and a continue goes on to its end (restart_syscall). */
	pid = fork();
	if (pid == 0) {
		struct timespec req = { 1, 0 }, rem = { 9, 9 };
		long long t0 = mono_ms();

		r = nanosleep(&req, &rem);
		printf("child: nanosleep across stop and continue: %d, slept the whole second: %s\n",
		       (int)r, yesno(mono_ms() - t0 >= 990));
		_exit(0);
	}
	usleep(100000);
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	show_wait("sleeping child", r, st);
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, 0);
	show_wait("sleeping child", r, st);

	/* A new session: an orphaned process group, which SIGTSTP does not stop. */
	pid = fork();
	if (pid == 0) {
		setsid();
		raise(SIGTSTP);
		printf("orphaned group: SIGTSTP did not stop it\n");
		raise(SIGSTOP);
		printf("orphaned group: continued after SIGSTOP\n");
		_exit(0);
	}
	r = waitpid(pid, &st, WUNTRACED);
	show_wait("orphaned group", r, st);
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, 0);
	show_wait("orphaned group", r, st);
	close(fds[0]);
	close(fds[1]);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int s) { (void)s; alarms++; }

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Burn CPU until sig's handler ran (or 10 s passed); did it? */
static int burn_until_alarm(void)
{
	long long end = mono_ms() + 10000;
	volatile unsigned long x = 0;

	while (!alarms && mono_ms() < end)
		x++;
	return alarms > 0;
}

static void show_itimer(const char *what, int which)
{
	struct itimerval v;

	show(what, getitimer(which, &v));
	printf("  value %s, interval %ld.%06ld\n",
	       v.it_value.tv_sec || v.it_value.tv_usec ? "running" : "0",
	       (long)v.it_interval.tv_sec, (long)v.it_interval.tv_usec);
}

/* alarm, setitimer and getitimer: SIGALRM, SIGVTALRM, SIGPROF. */
static void test_timers(void)
{
	struct itimerval v, old;
	sigset_t empty;
	pid_t pid;
	int st;

	printf("-- interval timers\n");
	set_handler(SIGALRM, on_alarm, 0);
	set_handler(SIGVTALRM, on_alarm, 0);
	set_handler(SIGPROF, on_alarm, 0);
	sigemptyset(&empty);
	printf("alarm(0) with none set: %u\n", alarm(0));
	printf("alarm(10): %u\n", alarm(10));
	printf("alarm(20) returns what was left of 10 s: %u\n", alarm(20));
	printf("alarm(0) returns what was left of 20 s: %u\n", alarm(0));

	alarms = 0;
	alarm(1);
	st = pause();
	printf("pause until alarm(1): %d %s, handler ran %d time(s)\n", st, errname(errno),
	       (int)alarms);

	memset(&v, 0, sizeof(v));
	v.it_value.tv_usec = 300000;
	v.it_interval.tv_usec = 50000;
	show("setitimer(ITIMER_REAL, 300 ms, every 50 ms)", setitimer(ITIMER_REAL, &v, NULL));
	show_itimer("getitimer(ITIMER_REAL)", ITIMER_REAL);
	pid = fork();
	if (pid == 0) {
		show_itimer("child: getitimer(ITIMER_REAL) (fork does not copy timers)", ITIMER_REAL);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	alarms = 0;
	while (alarms < 3)
		sigsuspend(&empty);
	printf("three periodic SIGALRMs: yes\n");
	show("setitimer(ITIMER_REAL, NULL, &old) disarms", setitimer(ITIMER_REAL, NULL, &old));
	printf("  old interval %ld.%06ld\n", (long)old.it_interval.tv_sec,
	       (long)old.it_interval.tv_usec);
	show_itimer("getitimer(ITIMER_REAL)", ITIMER_REAL);

	memset(&v, 0, sizeof(v));
	v.it_value.tv_usec = 50000;
	alarms = 0;
	show("setitimer(ITIMER_VIRTUAL, 50 ms)", setitimer(ITIMER_VIRTUAL, &v, NULL));
	printf("SIGVTALRM after burning CPU: %s\n", yesno(burn_until_alarm()));
	alarms = 0;
	show("setitimer(ITIMER_PROF, 50 ms)", setitimer(ITIMER_PROF, &v, NULL));
	printf("SIGPROF after burning CPU: %s\n", yesno(burn_until_alarm()));
	show_itimer("getitimer(ITIMER_PROF) after it fired", ITIMER_PROF);

	v.it_value.tv_usec = 1000000;
	show("setitimer with tv_usec 1000000", setitimer(ITIMER_REAL, &v, NULL));
	v.it_value.tv_usec = 0;
	v.it_value.tv_sec = -1;
	show("setitimer with a negative time", setitimer(ITIMER_REAL, &v, NULL));
	show("setitimer(3, ...)", setitimer(3, &v, NULL));
	show("getitimer(ITIMER_REAL, bad address)", getitimer(ITIMER_REAL, (void *)8));
	signal(SIGALRM, SIG_DFL);
	signal(SIGVTALRM, SIG_DFL);
	signal(SIGPROF, SIG_DFL);
}

static void test_children(void)
{
	int fds[2], st;
	pid_t pid;

	printf("-- children\n");
	set_handler(SIGCHLD, on_chld, SA_RESTART);
	chld = 0;
	pid = fork();
	if (pid == 0)
		_exit(3);
	waitpid(pid, &st, 0);
	show_status("child", st);
	printf("SIGCHLD handler ran: %s\n", yesno(chld == 1));
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	usleep(50000);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	show_status("SIGTERM", st);
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		pause();
		_exit(0);
	}
	usleep(50000);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	show_status("SIGKILL despite SIG_IGN for SIGTERM", st);
	pid = fork();
	if (pid == 0)
		abort();
	waitpid(pid, &st, 0);
	show_status("abort()", st);
	pipe(fds);
	close(fds[0]);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	show_status("write to a pipe nobody reads", st);
	signal(SIGPIPE, SIG_IGN);
	show("same, SIGPIPE ignored", write(fds[1], "x", 1));
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(0);
	usleep(100000);
	show("waitpid with SIGCHLD ignored (no zombie)", waitpid(-1, &st, 0));
	signal(SIGCHLD, SIG_DFL);
}

static void test_groups(void)
{
	pid_t pid, me = getpid();
	int st;

	printf("-- process groups and sessions\n");
	show("setpgid(0, 0)", setpgid(0, 0));
	printf("getpgrp is my pid: %s\n", yesno(getpgrp() == me));
	printf("getpgid(0) == getpgrp: %s\n", yesno(getpgid(0) == getpgrp()));
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(pid, pid);	/* both sides, as a shell does */
	printf("child leads its own group: %s\n", yesno(getpgid(pid) == pid));
	show("kill the child's group", kill(-pid, SIGTERM));
	waitpid(pid, &st, 0);
	show_status("group member", st);
	show("kill a group that does not exist", kill(-99999, SIGTERM));
	show("setpgid of a non-child", setpgid(1, 1));
	show("setsid as a group leader", setsid());
	pid = fork();
	if (pid == 0) {
		pid_t s = setsid();

		printf("setsid in a child gives its pid: %s\n", yesno(s == getpid()));
		printf("getsid(0) == pid: %s\n", yesno(getsid(0) == getpid()));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void test_exec(char *self)
{
	sigset_t m;
	pid_t pid;
	int st;

	printf("-- execve keeps the mask and ignored signals, resets handlers\n");
	pid = fork();
	if (pid == 0) {
		sigemptyset(&m);
		sigaddset(&m, SIGUSR2);
		sigprocmask(SIG_BLOCK, &m, NULL);
		signal(SIGHUP, SIG_IGN);
		set_handler(SIGUSR1, on_sig, 0);
		execl(self, self, "exec-child", (char *)NULL);
		/* The host harness runs us under the guest's path: use /proc there. */
		execl("/proc/self/exe", self, "exec-child", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	show_status("exec child", st);
}

static int exec_child(void)
{
	struct sigaction sa;
	sigset_t m;

	sigprocmask(SIG_SETMASK, NULL, &m);
	printf("exec child: SIGUSR2 still blocked: %s\n", yesno(sigismember(&m, SIGUSR2)));
	sigaction(SIGHUP, NULL, &sa);
	printf("exec child: SIGHUP still ignored: %s\n", yesno(sa.sa_handler == SIG_IGN));
	sigaction(SIGUSR1, NULL, &sa);
	printf("exec child: SIGUSR1 handler reset: %s\n", yesno(sa.sa_handler == SIG_DFL));
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);	/* no buffered lines duplicated by fork */
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child();
	test_handlers();
	test_restart();
	test_wait_masks();
	test_stop();
	test_timers();
	test_children();
	test_groups();
	test_exec(argv[0]);
	return 0;
}
