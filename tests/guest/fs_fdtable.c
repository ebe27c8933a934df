// SPDX-License-Identifier: GPL-2.0
/*
 * fs_fdtable - the file descriptor table: allocation order, dup, dup2,
 * dup3, fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL),
 * EBADF, EMFILE at RLIMIT_NOFILE, and close-on-exec across execve.
 *
 *   fs_fdtable DIR
 *
 * Works in DIR/fs_fdtable.d, which it removes at the end.  Prints one
 * line per check; fd numbers are printed as they are, since the program
 * first closes every descriptor above 2.  Where the C library would hide
 * what the kernel does (musl emulates dup3 and F_DUPFD_CLOEXEC, sets
 * FD_CLOEXEC itself after open(O_CLOEXEC), and checks negative fds in
 * fstat), the call is made with syscall().
 *
 * To check close-on-exec, the program runs itself again (argv[0]) as
 *   fs_fdtable DIR exec-child NAME=FD...
 * and the child reports which descriptors it inherited.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "errname.h"

#define LIMIT	64	/* RLIMIT_NOFILE for the EMFILE checks */

extern char **environ;

static char workdir[2048];
static char file[2048 + 16];

static void close_from(int lowest)
{
	for (int fd = lowest; fd < 1024; fd++)
		close(fd);
}

static int fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* F_GETFD's value, or -1 ENAME. */
static void show_getfd(const char *what, int fd)
{
	show(what, fcntl(fd, F_GETFD));
}

/* The status flags that are the same on every Linux file system. */
static void show_getfl(const char *what, int fd)
{
	int fl = fcntl(fd, F_GETFL);
	const char *mode;

	if (fl < 0) {
		show(what, fl);
		return;
	}
	switch (fl & O_ACCMODE) {
	case O_RDONLY:	mode = "O_RDONLY"; break;
	case O_WRONLY:	mode = "O_WRONLY"; break;
	case O_RDWR:	mode = "O_RDWR"; break;
	default:	mode = "O_ACCMODE?"; break;
	}
	printf("%s: %s%s%s\n", what, mode, fl & O_APPEND ? "|O_APPEND" : "",
	       fl & O_NONBLOCK ? "|O_NONBLOCK" : "");
}

static void show_offset(const char *what, int fd)
{
	show(what, lseek(fd, 0, SEEK_CUR));
}

static int open_file(int flags)
{
	return open(file, flags);
}

static void test_alloc(void)
{
	int a, b, c, d, e, f;

	printf("-- allocation order\n");
	a = open_file(O_RDONLY);
	show("open a", a);
	b = open_file(O_RDONLY);
	show("open b", b);
	c = open_file(O_RDONLY);
	show("open c", c);
	show("close b", close(b));
	d = open_file(O_RDONLY);
	show("open d (reuses b's)", d);
	show("close a", close(a));
	e = open_file(O_RDONLY);
	show("open e (reuses a's)", e);
	f = open_file(O_RDONLY);
	show("open f (next above c)", f);
	show("close c", close(c));
	show("close d", close(d));
	show("close e", close(e));
	show("close f", close(f));
	a = open_file(O_RDONLY);
	show("open after closing all", a);
	show("close", close(a));
}

static void test_dup(void)
{
	char buf[8] = "";
	int fd, d, d2;

	printf("-- dup, dup2, dup3\n");
	fd = open_file(O_RDONLY);
	show("open", fd);
	show("read 2", read(fd, buf, 2));
	d = dup(fd);
	show("dup", d);
	show_offset("offset via dup", d);
	show("read 3 via dup", read(d, buf, 3));
	printf("read via dup gives: %.3s\n", buf);
	show_offset("offset via original", fd);

	show("F_SETFD FD_CLOEXEC on original", fcntl(fd, F_SETFD, FD_CLOEXEC));
	d2 = dup(fd);
	show("dup of FD_CLOEXEC fd", d2);
	show_getfd("F_GETFD of the dup (flag not copied)", d2);
	show_getfd("F_GETFD of the original", fd);

	show("dup2 to 10", dup2(fd, 10));
	show_offset("offset via 10", 10);
	show_getfd("F_GETFD of 10", 10);
	show("dup2 to itself", dup2(fd, fd));
	show_getfd("F_GETFD after dup2 to itself (unchanged)", fd);
	show("dup2 over open 10", dup2(d, 10));
	show("dup2 closed fd 40 to 11", dup2(40, 11));
	show_getfd("F_GETFD 11 (not created)", 11);
	show("dup2 closed fd 40 to itself", dup2(40, 40));
	show("dup2 to -1", dup2(fd, -1));
	show("dup2 from -1", dup2(-1, 12));

	show("dup3 to itself", syscall(SYS_dup3, fd, fd, 0));
	show("dup3 to itself O_CLOEXEC", syscall(SYS_dup3, fd, fd, O_CLOEXEC));
	show("dup3 flags O_APPEND", syscall(SYS_dup3, fd, 12, O_APPEND));
	show_getfd("F_GETFD 12 (not created)", 12);
	show("dup3 O_CLOEXEC to 12", syscall(SYS_dup3, fd, 12, O_CLOEXEC));
	show_getfd("F_GETFD 12", 12);
	show("dup3 0 to 13", syscall(SYS_dup3, fd, 13, 0));
	show_getfd("F_GETFD 13", 13);
	show("dup3 0 over 12", syscall(SYS_dup3, fd, 12, 0));
	show_getfd("F_GETFD 12 after dup3 0", 12);
	show("dup3 closed fd 40", syscall(SYS_dup3, 40, 14, 0));

	show("close original", close(fd));
	show("read via dup after closing original", read(d, buf, 1));
	printf("read gives: %.1s\n", buf);
	show("close dup", close(d));
	show("close dup of FD_CLOEXEC fd", close(d2));
	show("close 10", close(10));
	show("close 12", close(12));
	show("close 13", close(13));
	show("close 10 again", close(10));
}

static void test_fcntl(void)
{
	char buf[4] = "";
	struct stat st;
	int fd, ro, a, b;

	printf("-- fcntl\n");
	fd = open_file(O_RDWR);
	show("open O_RDWR", fd);
	a = fcntl(fd, F_DUPFD, 20);
	show("F_DUPFD min 20", a);
	b = fcntl(fd, F_DUPFD, 20);
	show("F_DUPFD min 20 again", b);
	show("F_DUPFD min 0", fcntl(fd, F_DUPFD, 0));
	show("F_DUPFD min 21 (taken)", fcntl(fd, F_DUPFD, 21));
	show("F_DUPFD min -1", fcntl(fd, F_DUPFD, -1));
	show("F_DUPFD_CLOEXEC min 30", syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 30));
	show_getfd("F_GETFD 30", 30);
	show_getfd("F_GETFD 20", 20);
	show("F_DUPFD closed fd", fcntl(40, F_DUPFD, 0));

	show_getfd("F_GETFD", fd);
	show("F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC));
	show_getfd("F_GETFD", fd);
	show_getfd("F_GETFD of F_DUPFD copy (not shared)", a);
	show("F_SETFD 0", fcntl(fd, F_SETFD, 0));
	show_getfd("F_GETFD", fd);
	show("F_SETFD 3 (only FD_CLOEXEC kept)", fcntl(fd, F_SETFD, 3));
	show_getfd("F_GETFD", fd);
	show("F_SETFD closed fd", fcntl(40, F_SETFD, FD_CLOEXEC));

	show_getfl("F_GETFL", fd);
	show("F_SETFL O_WRONLY|O_APPEND|O_NONBLOCK",
	     fcntl(fd, F_SETFL, O_WRONLY | O_APPEND | O_NONBLOCK));
	show_getfl("F_GETFL (access mode unchanged)", fd);
	show_getfl("F_GETFL via F_DUPFD copy (shared)", a);
	show("lseek 0", lseek(fd, 0, SEEK_SET));
	show("write AB with O_APPEND", write(fd, "AB", 2));
	show_offset("offset after append", fd);
	memset(&st, 0xff, sizeof(st));	/* a failed fstat prints -1 */
	show("fstat", fstat(fd, &st));
	printf("size: %ld\n", (long)st.st_size);
	show("pread last 2", pread(fd, buf, 2, st.st_size - 2));
	printf("last 2 bytes: %.2s\n", buf);
	show("F_SETFL 0", fcntl(fd, F_SETFL, 0));
	show_getfl("F_GETFL", fd);
	show("F_GETFL closed fd", fcntl(40, F_GETFL));
	show("unknown command 9999", fcntl(fd, 9999, 0));

	ro = open_file(O_RDONLY);
	show("open O_RDONLY", ro);
	show("F_SETFL O_RDWR|O_APPEND on O_RDONLY fd", fcntl(ro, F_SETFL, O_RDWR | O_APPEND));
	show_getfl("F_GETFL", ro);
	show("write on it", write(ro, "x", 1));

	show("ftruncate back to 10", ftruncate(fd, 10));
	show("close", close(fd));
	show("close", close(ro));
	show("close F_DUPFD copy", close(a));
	show("close", close(b));
	show("close", close(30));
	close_from(3);	/* the F_DUPFD copies at 4 and 22 */
}

static void test_ebadf(void)
{
	static const int fds[] = { 50, -1, 1 << 20 };
	char buf[4];
	struct stat st;
	int ro, wo;

	printf("-- EBADF\n");
	for (unsigned int i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		int fd = fds[i];
		char what[64];

		printf("fd %d:\n", fd);
		snprintf(what, sizeof(what), "  read");
		show(what, syscall(SYS_read, fd, buf, 1));
		snprintf(what, sizeof(what), "  write");
		show(what, syscall(SYS_write, fd, "x", 1));
		snprintf(what, sizeof(what), "  close");
		show(what, syscall(SYS_close, fd));
		snprintf(what, sizeof(what), "  dup");
		show(what, syscall(SYS_dup, fd));
		snprintf(what, sizeof(what), "  fstat");
		show(what, syscall(SYS_fstat, fd, &st));
		snprintf(what, sizeof(what), "  lseek");
		show(what, syscall(SYS_lseek, fd, 0, SEEK_SET));
		snprintf(what, sizeof(what), "  fcntl F_GETFD");
		show(what, syscall(SYS_fcntl, fd, F_GETFD));
	}
	ro = open_file(O_RDONLY);
	wo = open_file(O_WRONLY);
	show("write on O_RDONLY fd", write(ro, "x", 1));
	show("read on O_WRONLY fd", read(wo, buf, 1));
	show("close", close(ro));
	show("close", close(wo));
	show("read after close", read(ro, buf, 1));
}

static void show_rlimit(const char *what, int ret, const struct rlimit *r)
{
	if (ret < 0)
		show(what, ret);
	else
		printf("%s: soft %lu hard %lu\n", what, (unsigned long)r->rlim_cur,
		       (unsigned long)r->rlim_max);
}

static void test_emfile(void)
{
	struct rlimit r, old;
	int before = 0, opened = 0, fd, last = -1, err = 0, ret;

	printf("-- RLIMIT_NOFILE and EMFILE\n");
	ret = getrlimit(RLIMIT_NOFILE, &r);
	show_ok("getrlimit", ret);
	printf("initial soft <= hard: %s\n", yesno(r.rlim_cur <= r.rlim_max));
	printf("initial soft >= %d: %s\n", LIMIT, yesno(r.rlim_cur >= LIMIT));

	r.rlim_cur = LIMIT + 1;
	r.rlim_max = LIMIT;
	show("setrlimit soft > hard", setrlimit(RLIMIT_NOFILE, &r));
	r.rlim_cur = LIMIT / 2;
	show("setrlimit soft 32 hard 64", setrlimit(RLIMIT_NOFILE, &r));
	show_rlimit("getrlimit", getrlimit(RLIMIT_NOFILE, &r), &r);
	r.rlim_cur = LIMIT;
	show("setrlimit soft 64 hard 64", setrlimit(RLIMIT_NOFILE, &r));
	memset(&r, 0, sizeof(r));
	show_rlimit("getrlimit", getrlimit(RLIMIT_NOFILE, &r), &r);
	memset(&old, 0, sizeof(old));
	ret = syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &old);
	show_rlimit("prlimit64 pid 0 get", ret, &old);
	memset(&old, 0, sizeof(old));
	ret = syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &old);
	show_rlimit("prlimit64 own pid get", ret, &old);
	memset(&old, 0, sizeof(old));
	r.rlim_cur = LIMIT;
	r.rlim_max = LIMIT;
	ret = syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, &old);
	show_rlimit("prlimit64 set 64/64, old", ret, &old);

	for (fd = 0; fd < LIMIT; fd++)
		before += fd_open(fd);
	printf("open before: %d\n", before);
	for (;;) {
		fd = open_file(O_RDONLY);
		if (fd < 0) {
			err = errno;
			break;
		}
		last = fd;
		if (++opened > LIMIT)
			break;
	}
	printf("open until failure: -1 %s\n", fd < 0 ? errname(err) : "(none)");
	printf("opened: %d\n", opened);
	printf("opened + open before == limit: %s\n", yesno(opened + before == LIMIT));
	printf("highest fd: %d\n", last);
	show("dup at the limit", dup(3));
	show("F_DUPFD at the limit", fcntl(3, F_DUPFD, 0));
	show("F_DUPFD_CLOEXEC at the limit", syscall(SYS_fcntl, 3, F_DUPFD_CLOEXEC, 0));
	show("dup2 to 63 (open: replaced)", dup2(3, LIMIT - 1));
	show("dup2 to 64 (== limit)", dup2(3, LIMIT));
	show("dup3 to 64 (== limit)", syscall(SYS_dup3, 3, LIMIT, 0));
	show("F_DUPFD min 64 (== limit)", fcntl(3, F_DUPFD, LIMIT));
	show("close 17", close(17));
	show("open (reuses 17)", open_file(O_RDONLY));
	show("open again", open_file(O_RDONLY));

	r.rlim_cur = LIMIT / 2;
	show("setrlimit soft 32 with 64 open", setrlimit(RLIMIT_NOFILE, &r));
	show_getfd("F_GETFD 63 (still open)", LIMIT - 1);
	show("close 40", close(40));
	show("open with 40 free but soft limit 32", open_file(O_RDONLY));
	show("dup2 to 40 (>= soft limit)", dup2(3, 40));
	show("close 63", close(LIMIT - 1));
	r.rlim_cur = LIMIT;
	show("setrlimit soft 64", setrlimit(RLIMIT_NOFILE, &r));
	show("open (lowest free is 40)", open_file(O_RDONLY));

	opened = 0;
	for (fd = 3; fd < LIMIT; fd++)
		opened += close(fd) == 0;
	printf("closed: %d\n", opened);
}

/* The child half of the close-on-exec check: argv[3...] are NAME=FD. */
static int exec_child(int argc, char **argv)
{
	struct rlimit r;
	char c = 0;

	printf("exec child: running\n");
	for (int fd = 0; fd < 3; fd++)
		printf("exec child: fd %d open: %s\n", fd, yesno(fd_open(fd)));
	for (int i = 3; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		int fd, flags;

		if (!eq)
			continue;
		fd = atoi(eq + 1);
		flags = fcntl(fd, F_GETFD);
		if (flags < 0) {
			printf("exec child: %.*s fd %d: -1 %s\n", (int)(eq - argv[i]),
			       argv[i], fd, errname(errno));
			continue;
		}
		printf("exec child: %.*s fd %d: open, F_GETFD %d\n",
		       (int)(eq - argv[i]), argv[i], fd, flags);
		if (!strncmp(argv[i], "plain=", 6)) {
			show("exec child: offset of plain", lseek(fd, 0, SEEK_CUR));
			show("exec child: read 1 from plain", read(fd, &c, 1));
			printf("exec child: byte read: %c\n", c);
		}
	}
	show_rlimit("exec child: getrlimit", getrlimit(RLIMIT_NOFILE, &r), &r);
	return 0;
}

static void test_cloexec(const char *self)
{
	char args[9][32];
	char *argv[16];
	int plain, oclo, dupfd_ce, dup3_ce, setfd, cleared, dup_of_ce, dup2_of_ce;
	int status, n = 0;
	pid_t pid;

	printf("-- close-on-exec across execve\n");
	plain = open_file(O_RDONLY);
	show("lseek plain to 3", lseek(plain, 3, SEEK_SET));
	oclo = syscall(SYS_open, file, O_RDONLY | O_CLOEXEC);
	show_getfd("F_GETFD open(O_CLOEXEC)", oclo);
	dupfd_ce = syscall(SYS_fcntl, plain, F_DUPFD_CLOEXEC, 30);
	show_getfd("F_GETFD F_DUPFD_CLOEXEC", dupfd_ce);
	dup3_ce = syscall(SYS_dup3, plain, 40, O_CLOEXEC);
	show_getfd("F_GETFD dup3(O_CLOEXEC)", dup3_ce);
	setfd = dup(plain);
	fcntl(setfd, F_SETFD, FD_CLOEXEC);
	show_getfd("F_GETFD F_SETFD FD_CLOEXEC", setfd);
	cleared = syscall(SYS_open, file, O_RDONLY | O_CLOEXEC);
	fcntl(cleared, F_SETFD, 0);
	show_getfd("F_GETFD O_CLOEXEC then F_SETFD 0", cleared);
	dup_of_ce = dup(oclo);
	show_getfd("F_GETFD dup of O_CLOEXEC fd", dup_of_ce);
	dup2_of_ce = dup2(oclo, 50);
	show_getfd("F_GETFD dup2 of O_CLOEXEC fd", dup2_of_ce);

	snprintf(args[n++], 32, "plain=%d", plain);
	snprintf(args[n++], 32, "o_cloexec=%d", oclo);
	snprintf(args[n++], 32, "f_dupfd_cloexec=%d", dupfd_ce);
	snprintf(args[n++], 32, "dup3_cloexec=%d", dup3_ce);
	snprintf(args[n++], 32, "f_setfd_cloexec=%d", setfd);
	snprintf(args[n++], 32, "cloexec_cleared=%d", cleared);
	snprintf(args[n++], 32, "dup_of_cloexec=%d", dup_of_ce);
	snprintf(args[n++], 32, "dup2_of_cloexec=%d", dup2_of_ce);
	argv[0] = (char *)self;
	argv[1] = workdir;
	argv[2] = "exec-child";
	for (int i = 0; i < n; i++)
		argv[3 + i] = args[i];
	argv[3 + n] = NULL;

	/* A failed execve must leave every descriptor alone. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char missing[2048 + 16];

		snprintf(missing, sizeof(missing), "%s/missing", workdir);
		show("execve missing file", execve(missing, argv, environ));
		show_getfd("F_GETFD O_CLOEXEC fd after failed execve", oclo);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);

	fflush(stdout);	/* nothing buffered for the child to print again */
	pid = fork();
	if (pid < 0) {
		show("fork", pid);
		return;
	}
	if (pid == 0) {
		execve(self, argv, environ);
		printf("execve self: -1 %s\n", errname(errno));
		fflush(stdout);
		_exit(127);
	}
	show("waitpid", waitpid(pid, &status, 0) == pid ? 0 : -1);
	if (WIFEXITED(status))
		printf("exec child exited %d\n", WEXITSTATUS(status));
	else
		printf("exec child status 0x%x\n", status);
	show_offset("offset of plain in parent (shared with child)", plain);

	close_from(3);
}

int main(int argc, char **argv)
{
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: fs_fdtable DIR\n");
		return 2;
	}
	if (argc >= 3 && !strcmp(argv[2], "exec-child"))
		return exec_child(argc, argv);
	if (strlen(argv[1]) > 1024) {
		fprintf(stderr, "fs_fdtable: DIR too long\n");
		return 2;
	}

	close_from(3);
	snprintf(workdir, sizeof(workdir), "%s/fs_fdtable.d", argv[1]);
	snprintf(file, sizeof(file), "%s/f", workdir);
	show_ok("mkdir workdir", mkdir(workdir, 0755));
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);
	show("create f", fd);
	show("write 10 bytes", write(fd, "0123456789", 10));
	show("close", close(fd));

	test_alloc();
	test_dup();
	test_fcntl();
	test_ebadf();
	test_emfile();
	test_cloexec(argv[0]);

	printf("-- cleanup\n");
	show("unlink f", unlink(file));
	show("rmdir workdir", rmdir(workdir));
	return 0;
}
