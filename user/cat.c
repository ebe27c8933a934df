// SPDX-License-Identifier: GPL-2.0
/*
 * cat - copy files, or standard input, to standard output.
 *
 * Usage: cat [FILE]...
 * With no FILE, or where FILE is "-", cat copies standard input.  A file
 * that cannot be read is reported and skipped; the exit status is then 1.
 *
 * System calls: open, read, write, close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[64 * 1024];

static void error(const char *arg)
{
	fprintf(stderr, "cat: %s: %s\n", arg, strerror(errno));
}

/* write() may write less than asked (a pipe, a signal): loop until done. */
static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

/*
 * Copy everything from fd to standard output.  Returns 0 on success, 1 if
 * reading failed (go on with the next file), -1 if writing failed (stop).
 */
static int copy(int fd, const char *name)
{
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error(name);
			return 1;
		}
		if (write_all(STDOUT_FILENO, buf, n) < 0) {
			error("write error");
			return -1;
		}
	}
}

int main(int argc, char *argv[])
{
	int status = 0;
	int i, r;

	if (argc < 2)
		return copy(STDIN_FILENO, "-") != 0;

	for (i = 1; i < argc; i++) {
		const char *name = argv[i];
		int fd = STDIN_FILENO;

		if (strcmp(name, "-") != 0) {
			fd = open(name, O_RDONLY);
			if (fd < 0) {
				error(name);
				status = 1;
				continue;
			}
		}
		r = copy(fd, name);
		if (fd != STDIN_FILENO)
			close(fd);
		if (r < 0)
			return 1;
		if (r > 0)
			status = 1;
	}
	return status;
}
