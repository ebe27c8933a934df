// SPDX-License-Identifier: GPL-2.0
/*
 * fs_suite - run the file system test programs one after the other.
 *
 *   fs_suite [-b] [-k] [-d] DIR
 *
 * Runs fs_fdtable, fs_rw, fs_big and fs_dir from the directory fs_suite
 * itself is in (dirname of argv[0]), each as "PROGRAM DIR", and prints
 *
 *   == fs_suite start
 *   == NAME start
 *   ...what NAME prints...
 *   == NAME exit N                 (or: == NAME killed by signal N)
 *   ...
 *   == fs_suite done
 *
 * tests/harness/test_files.py boots the kernel with
 * "init=/tests/fs_suite -k -d /tmp" and runs the same binary on the host
 * with a fresh temporary DIR, and compares each program's lines.
 *
 *   -b  run fs_big with "big" (the 32 MiB file); first remove
 *       DIR/fs_big.pad if it is there (the harness puts one in the image to
 *       make it large enough, and it must go to make room)
 *   -k  afterwards, write DIR/keep.txt (KEEP_LINES lines "keep.txt line
 *       NNN: written by fs_suite") and leave it, for the harness to find
 *       in the file system image
 *   -d  last, sync() and run fs_dump_ram0, which prints /dev/ram0 in
 *       base64 between "--- ram0 begin SIZE" and "--- ram0 end"
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "errname.h"

#define KEEP_LINES	100
/* tests/harness/test_files.py's KEEP is the same text */
#define KEEP_FORMAT	"keep.txt line %03d: written by fs_suite\n"

extern char **environ;

static char bindir[2048];

/* Run bindir/name with args (NULL-terminated, after argv[0]); its status. */
static int run(const char *name, char *const args[])
{
	char path[2048 + 64];
	char *argv[8];
	int n = 0, status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", bindir, name);
	argv[n++] = path;
	for (int i = 0; args[i] && n < 7; i++)
		argv[n++] = args[i];
	argv[n] = NULL;

	printf("== %s start\n", name);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("== %s fork failed: %s\n", name, errname(errno));
		return -1;
	}
	if (pid == 0) {
		execve(path, argv, environ);
		printf("== %s execve failed: %s\n", name, errname(errno));
		fflush(stdout);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("== %s waitpid failed: %s\n", name, errname(errno));
		return -1;
	}
	if (WIFEXITED(status)) {
		printf("== %s exit %d\n", name, WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
	if (WIFSIGNALED(status))
		printf("== %s killed by signal %d\n", name, WTERMSIG(status));
	else
		printf("== %s status 0x%x\n", name, status);
	return -1;
}

static void write_keep(const char *dir)
{
	char path[2048 + 64], line[64], back[64];
	long total = 0, same = 1;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/keep.txt", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		printf("== keep.txt open failed: %s\n", errname(errno));
		return;
	}
	for (int i = 0; i < KEEP_LINES; i++) {
		int n = snprintf(line, sizeof(line), KEEP_FORMAT, i);

		if (write(fd, line, n) != n) {
			printf("== keep.txt write failed: %s\n", errname(errno));
			close(fd);
			return;
		}
		total += n;
	}
	if (close(fd) < 0) {
		printf("== keep.txt close failed: %s\n", errname(errno));
		return;
	}
	printf("== keep.txt written %ld bytes\n", total);

	f = fopen(path, "r");
	if (!f) {
		printf("== keep.txt reopen failed: %s\n", errname(errno));
		return;
	}
	for (int i = 0; i < KEEP_LINES; i++) {
		snprintf(line, sizeof(line), KEEP_FORMAT, i);
		if (!fgets(back, sizeof(back), f) || strcmp(back, line))
			same = 0;
	}
	if (fgetc(f) != EOF)
		same = 0;
	fclose(f);
	printf("== keep.txt read back: %s\n", same ? "same" : "DIFFERENT");
}

int main(int argc, char **argv)
{
	static char *const none[] = { NULL };
	int big = 0, keep = 0, dump = 0, bad = 0, opt;
	char *slash, *dir;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "bkd")) != -1) {
		switch (opt) {
		case 'b': big = 1; break;
		case 'k': keep = 1; break;
		case 'd': dump = 1; break;
		default:
			fprintf(stderr, "usage: fs_suite [-b] [-k] [-d] DIR\n");
			return 2;
		}
	}
	if (optind != argc - 1 || strlen(argv[optind]) > 1024) {
		fprintf(stderr, "usage: fs_suite [-b] [-k] [-d] DIR\n");
		return 2;
	}
	dir = argv[optind];
	snprintf(bindir, sizeof(bindir), "%s", argv[0]);
	slash = strrchr(bindir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(bindir, ".");

	printf("== fs_suite start\n");
	{
		char *const args[] = { dir, NULL };

		bad += run("fs_fdtable", args) != 0;
		bad += run("fs_rw", args) != 0;
	}
	if (big) {
		char pad[2048 + 64];
		char *const args[] = { dir, "big", NULL };

		snprintf(pad, sizeof(pad), "%s/fs_big.pad", dir);
		unlink(pad);
		bad += run("fs_big", args) != 0;
	} else {
		char *const args[] = { dir, NULL };

		bad += run("fs_big", args) != 0;
	}
	{
		char *const args[] = { dir, NULL };

		bad += run("fs_dir", args) != 0;
	}
	if (keep)
		write_keep(dir);
	if (dump) {
		sync();
		bad += run("fs_dump_ram0", none) != 0;
	}
	printf("== fs_suite done\n");
	return bad ? 1 : 0;
}
