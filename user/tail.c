// SPDX-License-Identifier: GPL-2.0
/*
 * tail - print the last lines of files.
 *
 * Usage: tail [-n N] [FILE]...      (also tail -N)
 *   -n N   the last N lines (10 by default)
 *   -n +N  everything from line N on
 * With no FILE, or where FILE is "-", tail reads standard input.  With
 * several files, each starts with a "==> FILE <==" header.
 *
 * A regular file is read backwards from its end, one block at a time,
 * until N lines are found.  A pipe or a terminal can only be read forwards
 * (lseek fails with ESPIPE), so all of it is kept in memory and the last N
 * lines are printed at its end.
 *
 * System calls: open, fstat, pread64, lseek, read, write, close, and brk,
 * mmap, munmap, mremap when malloc and realloc need memory (mremap may
 * fail: musl then copies).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define BLOCK	(64 * 1024)

static char buf[BLOCK];

static void error(const char *arg)
{
	fprintf(stderr, "tail: %s: %s\n", arg, strerror(errno));
}

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			error("write error");
			exit(1);
		}
		p += w;
		n -= w;
	}
}

/* Copy the rest of fd to standard output. */
static int copy_rest(int fd, const char *name)
{
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error(name);
			return -1;
		}
		write_all(buf, n);
	}
	return 0;
}

/*
 * Search p[0..len), which is at offset base of an input of size bytes,
 * backwards for newlines.  The newline that is the input's last byte only
 * ends the last line, so it does not count.  When the *left-th newline is
 * found, return the offset just after it: the last lines start there.
 * Otherwise return -1, with *left reduced by the newlines seen.
 */
static off_t scan_back(const char *p, size_t len, off_t base, off_t size,
		       long *left)
{
	size_t i = len;

	while (i-- > 0) {
		if (p[i] != '\n' || base + (off_t)i == size - 1)
			continue;
		if (--*left == 0)
			return base + i + 1;
	}
	return -1;
}

/* The last n lines of a regular file: read blocks from the end. */
static int tail_file(int fd, const char *name, off_t size, long n)
{
	off_t pos = size, start = (n == 0) ? size : 0, found;

	while (n > 0 && pos > 0) {
		size_t len = pos < BLOCK ? (size_t)pos : BLOCK;
		ssize_t got;

		pos -= len;
		got = pread(fd, buf, len, pos);
		if (got != (ssize_t)len) {
			if (got >= 0)
				errno = EIO;	/* the file shrank under us */
			error(name);
			return -1;
		}
		found = scan_back(buf, len, pos, size, &n);
		if (found >= 0) {
			start = found;
			break;
		}
	}
	if (lseek(fd, start, SEEK_SET) < 0) {
		error(name);
		return -1;
	}
	return copy_rest(fd, name);
}

/* The last n lines of a pipe: keep everything, print the end. */
static int tail_stream(int fd, const char *name, long n)
{
	size_t len = 0, cap = 0;
	char *data = NULL;
	off_t start;
	ssize_t got;

	for (;;) {
		if (len == cap) {
			char *bigger = realloc(data, cap ? cap * 2 : BLOCK);

			if (!bigger) {
				error(name);
				free(data);
				return -1;
			}
			data = bigger;
			cap = cap ? cap * 2 : BLOCK;
		}
		got = read(fd, data + len, cap - len);
		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error(name);
			free(data);
			return -1;
		}
		len += got;
	}
	if (n == 0)
		start = len;
	else if ((start = scan_back(data, len, 0, len, &n)) < 0)
		start = 0;
	write_all(data + start, len - start);
	free(data);
	return 0;
}

/* tail -n +N: skip N - 1 lines, then copy everything. */
static int tail_from(int fd, const char *name, long n)
{
	ssize_t got, i;

	while (n > 1) {
		got = read(fd, buf, sizeof(buf));
		if (got == 0)
			return 0;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error(name);
			return -1;
		}
		for (i = 0; i < got && n > 1; i++)
			if (buf[i] == '\n')
				n--;
		write_all(buf + i, got - i);
	}
	return copy_rest(fd, name);
}

static long parse_count(const char *s, int *from_start)
{
	char *end;
	long n;

	*from_start = (*s == '+');
	if (*s == '+')
		s++;
	errno = 0;
	n = strtol(s, &end, 10);
	if (!isdigit((unsigned char)*s) || *end || errno) {
		fprintf(stderr, "tail: %s: invalid number of lines\n", s);
		exit(1);
	}
	return n;
}

int main(int argc, char *argv[])
{
	int from_start = 0, status = 0, first = 1;
	int c, i, fd, nfiles, r;
	long lines = 10;
	struct stat st;

	/* The old form "tail -5" means "tail -n 5". */
	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		lines = parse_count(argv[1] + 1, &from_start);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n') {
			fprintf(stderr, "usage: tail [-n [+]N] [FILE]...\n");
			return 1;
		}
		lines = parse_count(optarg, &from_start);
	}

	nfiles = argc - optind;
	for (i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";

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
			dprintf(STDOUT_FILENO, "%s==> %s <==\n", first ? "" : "\n",
				strcmp(name, "-") ? name : "standard input");
			first = 0;
		}
		if (from_start)
			r = tail_from(fd, name, lines);
		else if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			r = tail_file(fd, name, st.st_size, lines);
		else
			r = tail_stream(fd, name, lines);
		if (r < 0)
			status = 1;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}
