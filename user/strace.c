/*
 * strace [-o FILE] PROG [ARGS...] - run PROG and show its system calls.
 *
 * The kernel does the tracing (kernel/strace.c): after
 * prctl(PR_TEACHOS_TRACE, fd) it writes one line per system call of the
 * calling task to fd, in the format of Linux's strace.  So this program
 * only forks; the child switches tracing on, to stderr or FILE, and
 * executes PROG, which makes that execve the first line; the parent
 * waits and exits as PROG did.  Children of PROG are not traced.
 *
 * On Linux, which has no PR_TEACHOS_TRACE, it says so and exits 1.
 */
#define _GNU_SOURCE		/* strchrnul */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PR_TEACHOS_TRACE	0x54524345	/* 'TRCE', kernel/strace.h */
#define DEFAULT_PATH		"/bin:/sbin"

extern char **environ;

static void usage(void)
{
	fprintf(stderr, "usage: strace [-o FILE] PROG [ARGS...]\n");
	exit(1);
}

static int is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/*
 * Where PROG is, as the shell would find it: a name with a '/' as it is,
 * otherwise the first directory of $PATH (or /bin:/sbin) that has it.
 * Done here, before tracing starts, as strace does, so that the traced
 * program's first line is the one execve that works.
 */
static int find_program(const char *prog, char *out, size_t size)
{
	const char *dirs = getenv("PATH");
	const char *p;

	if (strchr(prog, '/')) {
		snprintf(out, size, "%s", prog);
		return is_executable(out);
	}
	if (!dirs || !*dirs)
		dirs = DEFAULT_PATH;
	for (p = dirs; ; p++) {
		const char *end = strchrnul(p, ':');
		int len = (int)(end - p);

		snprintf(out, size, "%.*s%s%s", len, p, len ? "/" : "", prog);
		if (is_executable(out))
			return 1;
		if (!*end)
			return 0;
		p = end;
	}
}

/* The child: switch tracing on, then become PROG. */
static void run_traced(int trace_fd, const char *path, char **argv)
{
	if (prctl(PR_TEACHOS_TRACE, trace_fd, 0, 0, 0) < 0) {
		fprintf(stderr, "strace: PR_TEACHOS_TRACE: %s\n", strerror(errno));
		_exit(1);
	}
	execve(path, argv, environ);
	fprintf(stderr, "strace: exec: %s\n", strerror(errno));
	_exit(1);
}

/* Leave as the traced program did: the same exit code, or the same signal. */
static void exit_like(int status)
{
	int sig;

	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	sig = WTERMSIG(status);
	if (getpid() != 1) {		/* init cannot be killed this way */
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
	}
	exit(128 + sig);
}

int main(int argc, char **argv)
{
	char path[4096];
	int trace_fd = 2;	/* stderr, as strace */
	int status;
	pid_t pid;
	int i = 1;

	if (i + 1 < argc && !strcmp(argv[i], "-o")) {
		/* O_CLOEXEC: the kernel holds the file; PROG never sees it */
		trace_fd = open(argv[i + 1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (trace_fd < 0) {
			fprintf(stderr, "strace: Can't fopen '%s': %s\n", argv[i + 1],
				strerror(errno));
			return 1;
		}
		i += 2;
	}
	if (i >= argc || argv[i][0] == '-')
		usage();
	/* "Stop tracing" does nothing here, and tells whether the kernel has it. */
	if (prctl(PR_TEACHOS_TRACE, -1, 0, 0, 0) < 0) {
		fprintf(stderr, "strace: this kernel has no PR_TEACHOS_TRACE "
			"(on Linux use the real strace)\n");
		return 1;
	}
	if (!find_program(argv[i], path, sizeof(path))) {
		fprintf(stderr, "strace: Can't stat '%s': No such file or directory\n", argv[i]);
		return 1;
	}

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "strace: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0)
		run_traced(trace_fd, path, argv + i);

	/* ^C and ^\ are for the traced program; we report how it ended. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "strace: wait: %s\n", strerror(errno));
			return 1;
		}
	}
	exit_like(status);
	return 0;
}
