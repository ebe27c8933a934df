// SPDX-License-Identifier: GPL-2.0
/*
 * ktrace - show the kernel functions one system call goes through.
 *
 * Usage: ktrace [-n LINES] [-d DEPTH] [-o FILE] SYSCALL COMMAND [ARG...]
 *
 * Runs COMMAND and, after every SYSCALL it makes (a name such as write,
 * or a number), prints the kernel functions that call went through,
 * indented by depth:
 *
 *   # echo hello | ktrace write nc 10.0.2.2 7000
 *   ktrace: write #1 by nc[9]
 *   sys_write
 *     do_rw_one
 *       do_rw
 *         fget
 *         iov_iter_init
 *         vfs_write
 *           sock_write_iter
 *             sock_sendmsg
 *               inet_sendmsg
 *                 tcp_sendmsg
 *   ...
 *   ktrace: write #1 returned 6
 *
 * -n caps the lines of one call (default 200, at most 2000; the last line
 * says how many calls were left out), -d the depth shown (default: no
 * limit); -o writes the trace to FILE instead of standard error.  Only
 * COMMAND's own task is traced, not its children.  docs/tour.md walks
 * through three such traces.
 *
 * How: the child asks this kernel to trace it with
 * prctl(PR_TEACHOS_KTRACE, nr, fd, lines, depth), which survives execve,
 * then executes COMMAND; the parent waits for it and switches tracing off
 * (prctl(PR_TEACHOS_KTRACE, -1, pid)).  The kernel side is kernel/ktrace.c.
 * Exit status: COMMAND's, or 127 if it could not run, 1 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PR_TEACHOS_KTRACE	0x4b545243
#define KTRACE_OFF		(~0UL)

/* The system calls this kernel offers, by name (musl's SYS_ numbers). */
#define S(name)	{ #name, SYS_##name }
static const struct {
	const char *name;
	long nr;
} syscalls[] = {
	S(read), S(write), S(open), S(close), S(stat), S(fstat), S(lstat),
	S(poll), S(lseek), S(mmap), S(mprotect), S(munmap), S(brk),
	S(rt_sigaction), S(rt_sigprocmask), S(rt_sigreturn), S(ioctl),
	S(pread64), S(pwrite64), S(readv), S(writev), S(access), S(pipe),
	S(select), S(sched_yield), S(mremap), S(madvise), S(dup), S(dup2),
	S(pause), S(nanosleep), S(getpid), S(sendfile), S(socket), S(connect),
	S(accept), S(sendto), S(recvfrom), S(sendmsg), S(recvmsg), S(shutdown),
	S(bind), S(listen), S(getsockname), S(getpeername), S(socketpair),
	S(setsockopt), S(getsockopt), S(clone), S(fork), S(vfork), S(execve),
	S(exit), S(wait4), S(kill), S(uname), S(fcntl), S(fsync), S(fdatasync),
	S(truncate), S(ftruncate), S(getcwd), S(chdir), S(fchdir), S(rename),
	S(mkdir), S(rmdir), S(creat), S(link), S(unlink), S(symlink),
	S(readlink), S(chmod), S(fchmod), S(chown), S(fchown), S(lchown),
	S(umask), S(gettimeofday), S(getrlimit), S(sysinfo), S(getuid),
	S(getgid), S(geteuid), S(getegid), S(setpgid), S(getppid), S(getpgrp),
	S(setsid), S(getgroups), S(getpgid), S(getsid), S(rt_sigpending),
	S(rt_sigsuspend), S(utime), S(statfs), S(fstatfs), S(prctl),
	S(arch_prctl), S(setrlimit), S(sync), S(reboot), S(gettid), S(time),
	S(sched_getaffinity), S(getdents64), S(set_tid_address),
	S(clock_gettime), S(clock_getres), S(clock_nanosleep), S(exit_group),
	S(tgkill), S(utimes), S(openat), S(mkdirat), S(fchownat), S(futimesat),
	S(newfstatat), S(unlinkat), S(renameat), S(linkat), S(symlinkat),
	S(readlinkat), S(fchmodat), S(faccessat), S(pselect6), S(ppoll),
	S(utimensat), S(accept4), S(dup3), S(pipe2), S(prlimit64),
	S(renameat2), S(getrandom), S(tkill),
};

static void usage(void)
{
	fprintf(stderr, "usage: ktrace [-n LINES] [-d DEPTH] [-o FILE] SYSCALL COMMAND [ARG...]\n"
			"  SYSCALL: a name (write, open, socket, ...) or a number\n");
	exit(1);
}

/* A name from the table, or a number; -1 if neither. */
static long syscall_nr(const char *s)
{
	char *end;
	long nr;
	size_t i;

	for (i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++)
		if (strcmp(s, syscalls[i].name) == 0)
			return syscalls[i].nr;
	errno = 0;
	nr = strtol(s, &end, 0);
	if (errno || end == s || *end || nr < 0)
		return -1;
	return nr;
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long lines = 0, depth = 0;
	const char *file = NULL;
	int fd = 2, opt, status;
	long nr;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+n:d:o:")) != -1) {
		switch (opt) {
		case 'n':
			lines = number(optarg);
			break;
		case 'd':
			depth = number(optarg);
			break;
		case 'o':
			file = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind < 2)
		usage();
	nr = syscall_nr(argv[optind]);
	if (nr < 0) {
		fprintf(stderr, "ktrace: %s: not a system call name or number\n", argv[optind]);
		return 1;
	}
	if (file) {
		/* The kernel keeps its own reference: the command need not see it. */
		fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			fprintf(stderr, "ktrace: %s: %s\n", file, strerror(errno));
			return 1;
		}
	}
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "ktrace: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		if (prctl(PR_TEACHOS_KTRACE, (unsigned long)nr, (unsigned long)fd,
			  lines, depth) < 0) {
			fprintf(stderr, "ktrace: prctl(PR_TEACHOS_KTRACE): %s\n",
				strerror(errno));
			_exit(127);
		}
		execvp(argv[optind + 1], &argv[optind + 1]);
		fprintf(stderr, "ktrace: %s: %s\n", argv[optind + 1], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "ktrace: waitpid: %s\n", strerror(errno));
			return 1;
		}
	}
	prctl(PR_TEACHOS_KTRACE, KTRACE_OFF, (unsigned long)pid, 0, 0);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
