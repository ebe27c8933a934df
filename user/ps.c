// SPDX-License-Identifier: GPL-2.0
/*
 * ps - list the running processes.
 *
 * Usage: ps
 * Prints one line per process, sorted by process id:
 *
 *     PID    PPID S COMMAND
 *       1       0 S /sbin/init
 *      42       1 R ps
 *
 * PPID is the parent's id; S is the state letter (R running, S sleeping,
 * D disk wait, Z zombie, T stopped, I idle kernel thread); COMMAND is the
 * argument list, or [name] when it is empty (kernel threads, zombies).
 *
 * Everything comes from /proc, the Linux format: each process is a
 * directory /proc/PID; /proc/PID/stat is one line
 * "PID (NAME) STATE PPID ..." where NAME may itself contain spaces and
 * parentheses, so it ends at the LAST ")"; /proc/PID/cmdline holds the
 * arguments, each followed by a NUL byte.
 *
 * System calls: open, fcntl, getdents64 and close (through opendir and
 * readdir), open, read, close for each process's files, writev (stdio).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read a small file into buf as a string.  Returns its length or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 &&
	       (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/*
 * Print the line for one process.  It may have exited since we saw its
 * directory: then its files are gone and we print nothing.
 */
static void show(int pid)
{
	char path[64], line[1024], cmd[4096];
	char *open_paren, *close_paren, state;
	ssize_t len, i;
	int ppid;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, line, sizeof(line)) < 0)
		return;
	open_paren = strchr(line, '(');
	close_paren = strrchr(line, ')');
	if (!open_paren || !close_paren ||
	    sscanf(close_paren + 1, " %c %d", &state, &ppid) != 2)
		return;
	*close_paren = '\0';		/* open_paren + 1 is now the name */

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	len = read_file(path, cmd, sizeof(cmd));
	if (len > 0) {
		/* The arguments are separated by NULs: make them spaces.
		 * Other control characters (a newline inside an argument)
		 * become '?', as procps does, so each process is one line. */
		while (len > 0 && cmd[len - 1] == '\0')
			len--;
		for (i = 0; i < len; i++)
			if (cmd[i] == '\0')
				cmd[i] = ' ';
			else if ((unsigned char)cmd[i] < ' ' || cmd[i] == 0x7f)
				cmd[i] = '?';
		cmd[len] = '\0';
	} else {
		snprintf(cmd, sizeof(cmd), "[%s]", open_paren + 1);
	}
	printf("%7d %7d %c %s\n", pid, ppid, state, cmd);
}

static int by_number(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int main(void)
{
	int *pids = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	/* Every directory whose name is a number is a process. */
	while ((de = readdir(proc)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			pids = realloc(pids, cap * sizeof(*pids));
			if (!pids) {
				fprintf(stderr, "ps: out of memory\n");
				return 1;
			}
		}
		pids[n++] = atoi(de->d_name);
	}
	closedir(proc);

	qsort(pids, n, sizeof(*pids), by_number);
	printf("%7s %7s S COMMAND\n", "PID", "PPID");
	for (i = 0; i < n; i++)
		show(pids[i]);
	free(pids);

	if (fflush(stdout) != 0) {
		fprintf(stderr, "ps: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
