// SPDX-License-Identifier: GPL-2.0
/*
 * head - print the first lines of files.
 *
 * Usage: head [-n N] [FILE]...      (also head -N)
 * Prints the first N lines (10 by default) of each FILE, or of standard
 * input when there is no FILE or FILE is "-".  With several files, each
 * starts with a "==> FILE <==" header, as GNU head does.
 *
 * System calls: open, read, write, writev (dprintf, for headers), close.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[64 * 1024];

static void error(const char *arg)
{
	fprintf(stderr, "head: %s: %s\n", arg, strerror(errno));
}

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
 * Copy fd to standard output up to and including the n-th newline.  Stops
 * reading there, so "head" on an endless pipe ends.
 */
static int head(int fd, const char *name, long n)
{
	while (n > 0) {
		ssize_t len = read(fd, buf, sizeof(buf));
		ssize_t i;

		if (len == 0)
			break;
		if (len < 0) {
			if (errno == EINTR)
				continue;
			error(name);
			return -1;
		}
		for (i = 0; i < len && n > 0; i++)
			if (buf[i] == '\n')
				n--;
		if (write_all(STDOUT_FILENO, buf, i) < 0) {
			error("write error");
			exit(1);
		}
	}
	return 0;
}

/* Parse a line count: digits only. */
static long parse_count(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (!isdigit((unsigned char)*s) || *end || errno) {
		fprintf(stderr, "head: %s: invalid number of lines\n", s);
		exit(1);
	}
	return n;
}

int main(int argc, char *argv[])
{
	long lines = 10;
	int status = 0, first = 1;
	int c, i, fd, nfiles;

	/* The old form "head -5" means "head -n 5". */
	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		lines = parse_count(argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n') {
			fprintf(stderr, "usage: head [-n N] [FILE]...\n");
			return 1;
		}
		lines = parse_count(optarg);
	}

	nfiles = argc - optind;
	if (nfiles == 0)
		return head(STDIN_FILENO, "-", lines) < 0;

	for (i = optind; i < argc; i++) {
		const char *name = argv[i];

		fd = STDIN_FILENO;
		if (strcmp(name, "-") != 0) {
			fd = open(name, O_RDONLY);
			if (fd < 0) {
				error(name);
				status = 1;
				continue;
			}
		}
		if (nfiles > 1) {
			/* A blank line before every header but the first. */
			dprintf(STDOUT_FILENO, "%s==> %s <==\n", first ? "" : "\n",
				strcmp(name, "-") ? name : "standard input");
			first = 0;
		}
		if (head(fd, name, lines) < 0)
			status = 1;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}
