// SPDX-License-Identifier: GPL-2.0
/*
 * runner - run each program named on the command line and report how it
 * ended, one line per program.  The test harness boots the kernel with
 * runner as init, and runs the same runner on the Linux host to get the
 * expected lines.
 *
 *   runner: <path> exited <code>
 *   runner: <path> killed by signal <n> (status <128+n>)
 *   runner: <path> execve failed: <ERRNAME>     (printed by the child)
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

/* Our own errno names: strerror() text differs between C libraries. */
static const char *errname(int e)
{
	switch (e) {
	case ENOENT:	return "ENOENT";
	case ENOEXEC:	return "ENOEXEC";
	case EACCES:	return "EACCES";
	case EFAULT:	return "EFAULT";
	case EINVAL:	return "EINVAL";
	case EIO:	return "EIO";
	case ENOMEM:	return "ENOMEM";
	case ENOTDIR:	return "ENOTDIR";
	case E2BIG:	return "E2BIG";
	case ENOSYS:	return "ENOSYS";
	case EPERM:	return "EPERM";
	default:	return "E?";
	}
}

static void run(char *path)
{
	/* A fixed environment, so the output does not depend on the caller. */
	char *envp[] = { "HOME=/", "TERM=linux", NULL };
	char *argv[] = { path, NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		printf("runner: %s fork failed: %s\n", path, errname(errno));
		return;
	}
	if (pid == 0) {
		execve(path, argv, envp);
		printf("runner: %s execve failed: %s\n", path, errname(errno));
		fflush(stdout);
		_exit(127);	/* _exit: do not run the parent's atexit work */
	}

	if (waitpid(pid, &status, 0) != pid) {
		printf("runner: %s waitpid failed: %s\n", path, errname(errno));
		return;
	}
	if (WIFEXITED(status))
		printf("runner: %s exited %d\n", path, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("runner: %s killed by signal %d (status %d)\n", path,
		       WTERMSIG(status), 128 + WTERMSIG(status));
	else
		printf("runner: %s odd wait status 0x%x\n", path, status);
}

int main(int argc, char **argv)
{
	/*
	 * Line buffering keeps our lines and the children's output in order,
	 * and leaves nothing in the buffer that a forked child could print
	 * a second time.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (int i = 1; i < argc; i++)
		run(argv[i]);
	printf("runner: done\n");
	return 0;
}
