// SPDX-License-Identifier: GPL-2.0
/*
 * init - the first program: keep a shell running on the console.
 *
 * The kernel starts /sbin/init as process 1, with file descriptors 0, 1
 * and 2 open on the console.  init
 *
 *  1. sets PATH=/bin:/sbin, and HOME=/ and TERM=linux unless the kernel
 *     command line gave them other values;
 *  2. prints a banner;
 *  3. starts the web server, as a system's init starts its services:
 *     /bin/httpd on port 80 serving /www, in a session of its own (so the
 *     shell's ^C never reaches it), its log in /tmp/httpd.log (make run
 *     forwards the host's 127.0.0.1:8080 to it);
 *  4. forks a child that makes itself the leader of a new session
 *     (setsid), takes the console as its controlling terminal (ioctl
 *     TIOCSCTTY on fd 0) and executes /bin/sh as a login shell (argv[0]
 *     "-sh");
 *  5. waits for any child with wait4(-1).  Besides the shell, these are
 *     orphans: a process whose parent has exited becomes a child of
 *     process 1, and stays a zombie until init reaps it.  When the shell
 *     itself ends, init says how it ended and goes back to step 4, after
 *     a pause if the shell lived less than QUICK seconds, so that a shell
 *     that cannot start does not make init spin.
 *
 * init never exits: when process 1 ends, Linux panics (this kernel powers
 * off).  Linux does not deliver a signal to process 1 unless init has a
 * handler for it, so "kill -9 1" does nothing; init sets no handlers.  If
 * setsid or TIOCSCTTY fails (a kernel without sessions), the shell runs
 * anyway, just without job control.  "init=/bin/sh" on the kernel command
 * line starts a shell instead of this program.
 *
 * System calls: getpid, fork (musl blocks signals around it with
 * rt_sigprocmask and calls gettid), setsid, ioctl, execve, wait4, writev
 * (stdio), clock_gettime, nanosleep.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#define SHELL	"/bin/sh"
#define HTTPD	"/bin/httpd"
#define HTTPD_LOG "/tmp/httpd.log"
#define QUICK	3	/* seconds: a shell that ends sooner is waited for */

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pause_seconds(int seconds)
{
	struct timespec ts = { seconds, 0 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Start httpd in the background, its output in HTTPD_LOG. */
static void start_httpd(void)
{
	char *argv[] = { "httpd", "-p", "80", "-r", "/www", NULL };
	pid_t pid = fork();
	int log, null;

	if (pid < 0)
		printf("init: fork: %s\n", strerror(errno));
	if (pid != 0)
		return;
	setsid();
	null = open("/dev/null", O_RDONLY);
	log = open(HTTPD_LOG, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (null < 0 || log < 0 || dup2(null, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) {
		printf("init: %s: %s\n", HTTPD_LOG, strerror(errno));
		_exit(1);
	}
	close(null);
	close(log);
	execve(HTTPD, argv, environ);
	printf("init: %s: %s\n", HTTPD, strerror(errno));	/* into the log */
	_exit(127);
}

/* Start a shell in a child process; returns its pid, or -1. */
static pid_t start_shell(void)
{
	char *argv[] = { "-sh", NULL };	/* "-": a login shell */
	pid_t pid = fork();

	if (pid != 0)
		return pid;

	/* The child: a new session, with the console as its terminal. */
	setsid();
	ioctl(STDIN_FILENO, TIOCSCTTY, 0);
	execve(SHELL, argv, environ);
	printf("init: %s: %s\n", SHELL, strerror(errno));
	_exit(127);
}

/* Wait until the shell ends, reaping any orphan on the way. */
static int wait_for(pid_t shell)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = wait4(-1, &status, 0, NULL);
		if (pid == shell)
			return status;
		if (pid < 0 && errno == ECHILD)
			return -1;	/* cannot happen: the shell is ours */
		if (pid < 0 && errno != EINTR) {
			printf("init: wait4: %s\n", strerror(errno));
			pause_seconds(1);
		}
		/* Otherwise an orphan was reaped: nothing else to do. */
	}
}

int main(void)
{
	double started;
	pid_t shell;
	int status;

	/*
	 * Every line reaches the console at once, and nothing is left in
	 * the buffer to be printed twice after fork.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);

	setenv("PATH", "/bin:/sbin", 1);
	setenv("HOME", "/", 0);
	setenv("TERM", "linux", 0);

	printf("init: welcome to teachos; starting %s on port 80 (log %s) and %s on the console\n",
	       HTTPD, HTTPD_LOG, SHELL);
	if (getpid() != 1)
		printf("init: note: running as process %d, not 1\n", getpid());
	start_httpd();

	for (;;) {
		started = now();
		shell = start_shell();
		if (shell < 0) {
			printf("init: fork: %s\n", strerror(errno));
			pause_seconds(QUICK);
			continue;
		}

		status = wait_for(shell);
		if (status < 0)
			printf("init: lost track of %s (pid %d)\n", SHELL, shell);
		else if (WIFSIGNALED(status))
			printf("init: %s (pid %d) killed by signal %d\n",
			       SHELL, shell, WTERMSIG(status));
		else
			printf("init: %s (pid %d) exited with status %d\n",
			       SHELL, shell, WEXITSTATUS(status));

		if (now() - started < QUICK) {
			printf("init: it ended quickly; waiting %d seconds\n",
			       QUICK);
			pause_seconds(QUICK);
		}
		printf("init: starting a new %s\n", SHELL);
	}
}
