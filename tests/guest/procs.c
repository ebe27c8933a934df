/*
 * Processes: fork, execve, wait4 and what Linux promises about them -
 * WNOHANG, status macros, zombies kept until reaped, orphans adopted by
 * init, execve errors that leave the caller intact, "#!" scripts,
 * and posix_spawn (vfork).  (tests/guest/limits.c, guest only, has the
 * fork bomb and the memory check.)
 * Works in a fresh directory under /tmp.  Same output as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "errname.h"

extern char **environ;
static const char *dir;
static char self[256];

static void show_status(const char *what, int st)
{
	if (WIFEXITED(st))
		printf("%s: WIFEXITED, status %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: WIFSIGNALED, signal %d, core %d\n", what, WTERMSIG(st), WCOREDUMP(st) ? 1 : 0);
	else
		printf("%s: other 0x%x\n", what, st);
}

static char *path(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static void test_wait(void)
{
	pid_t pid, r;
	int st = -1;

	printf("-- wait4\n");
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(7);
	}
	r = waitpid(pid, &st, WNOHANG);
	printf("WNOHANG while running: %d\n", r);
	r = waitpid(pid, &st, 0);
	printf("waitpid returns the pid: %s\n", yesno(r == pid));
	show_status("exit(7)", st);
	show("waitpid with no children", waitpid(-1, &st, 0));
	show("waitpid bad options", waitpid(-1, &st, 0x1000));
	pid = fork();
	if (pid == 0)
		_exit(0);
	usleep(100000);		/* it is a zombie now: still there to be reaped */
	printf("zombie still reapable: %s\n", yesno(kill(pid, 0) == 0));
	r = waitpid(pid, &st, 0);
	printf("reaped: %s, gone after: %s\n", yesno(r == pid), yesno(kill(pid, 0) == -1 && errno == ESRCH));
	pid = fork();
	if (pid == 0)
		*(volatile int *)0 = 0;
	waitpid(pid, &st, 0);
	show_status("NULL store", st);
}

static void test_orphans(void)
{
	int fds[2];
	pid_t pid, me;
	char buf[32] = "";

	printf("-- orphans\n");
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			usleep(200000);		/* the parent is gone by now */
			dprintf(fds[1], "%d", getppid() == 1);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	close(fds[1]);
	read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	printf("orphan's parent is init: %s\n", yesno(!strcmp(buf, "1")));
	printf("getppid in a child is my pid: ");
	me = getpid();
	pid = fork();
	if (pid == 0) {
		printf("%s\n", yesno(getppid() == me));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void try_exec(const char *what, const char *file, char *const argv[])
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		execve(file, argv, environ);
		printf("%s: execve -1 %s, caller intact\n", what, errname(errno));
		_exit(0);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		show_status(what, st);
}

static void write_file(const char *name, const char *text, mode_t mode)
{
	int fd = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, mode);

	write(fd, text, strlen(text));
	close(fd);
}

static void test_exec(void)
{
	char *argv[] = { "x", NULL };
	char *script_argv[] = { "s", "one", NULL };
	static char big[200000];
	char *big_argv[] = { "x", big, NULL };
	char script[600];
	int st;
	pid_t pid;

	printf("-- execve errors\n");
	try_exec("missing file", path("missing"), argv);
	write_file("plain", "not executable\n", 0644);
	try_exec("no execute permission", path("plain"), argv);
	write_file("junk", "\x7f" "ELF but not really", 0755);
	try_exec("not an ELF", path("junk"), argv);
	try_exec("a directory", dir, argv);
	memset(big, 'a', sizeof(big) - 1);
	try_exec("an argument over 128 KiB", self, big_argv);
	printf("-- #! scripts\n");
	snprintf(script, sizeof(script), "#!%s script-arg\n", self);
	write_file("s", script, 0755);
	pid = fork();
	if (pid == 0) {
		execve(path("s"), script_argv, environ);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	show_status("script", st);
	unlink(path("s"));
	unlink(path("plain"));
	unlink(path("junk"));
}

static void test_spawn(void)
{
	char *argv[] = { self, "child-exit", "5", NULL };
	pid_t pid;
	int st, r;

	printf("-- posix_spawn\n");
	r = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	printf("posix_spawn: %d\n", r);
	waitpid(pid, &st, 0);
	show_status("spawned", st);
	r = posix_spawn(&pid, path("missing"), NULL, NULL, argv, environ);
	printf("posix_spawn missing: %s\n", errname(r));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 2 && !strcmp(argv[1], "child-exit"))
		return atoi(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "script-arg")) {
		printf("script ran: argc %d, argv[1] %s, argv[3] %s\n", argc, argv[1],
		       argc > 3 ? argv[3] : "-");
		return 3;
	}
	{
		static char d[64];

		snprintf(d, sizeof(d), "/tmp/procs.%d", (int)getpid());
		if (mkdir(d, 0700)) {
			perror(d);
			return 2;
		}
		dir = d;
	}
	/* Our own path, to exec ourselves (the host harness uses a guest path). */
	if (access(argv[0], X_OK) == 0)
		snprintf(self, sizeof(self), "%s", argv[0]);
	else
		readlink("/proc/self/exe", self, sizeof(self) - 1);
	test_wait();
	test_orphans();
	test_exec();
	test_spawn();
	rmdir(dir);
	return 0;
}
