// SPDX-License-Identifier: GPL-2.0
/*
 * wc - count lines, words and bytes.
 *
 * Usage: wc [-l] [-w] [-c] [FILE]...
 *   -l  lines (newline characters)
 *   -w  words: runs of printable characters between white space
 *   -c  bytes
 * Without options, all three, always in the order lines, words, bytes.
 * With no FILE, or where FILE is "-", wc reads standard input.  With
 * several files a "total" line follows.
 *
 * The numbers are right-aligned in columns as wide as GNU wc makes them:
 * wide enough for the total size of the regular files (found with stat
 * before reading), at least 7 if any input is not a regular file (a pipe,
 * a terminal), and just 1 for a single count of a single input.
 *
 * System calls: stat, fstat, open, read, close, writev (stdio).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

struct counts {
	unsigned long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;
static int width;
static char buf[64 * 1024];

static void error(const char *arg)
{
	fprintf(stderr, "wc: %s: %s\n", arg, strerror(errno));
}

/*
 * Count one input.  A word starts at a printable character that follows
 * white space (or the start); other control bytes neither start nor end
 * a word.  in_word carries across reads, so a word split between two
 * buffers is counted once.
 */
static int count(int fd, const char *name, struct counts *c)
{
	int in_word = 0;
	ssize_t n, i;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error(name);
			return -1;
		}
		c->bytes += n;
		for (i = 0; i < n; i++) {
			unsigned char ch = buf[i];

			if (ch == '\n')
				c->lines++;
			if (isspace(ch)) {
				in_word = 0;
			} else if (isprint(ch) && !in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return 0;
}

static void print(const struct counts *c, const char *name)
{
	const char *sep = "";

	if (show_lines) {
		printf("%*llu", width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*llu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*llu", sep, width, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* The column width, as explained at the top. */
static int column_width(char **files, int nfiles)
{
	unsigned long long total = 0;
	int w = 1, min = 1;
	struct stat st;
	int i, r;

	if (nfiles == 1 && show_lines + show_words + show_bytes == 1)
		return 1;
	for (i = 0; i < nfiles; i++) {
		if (!files || !strcmp(files[i], "-"))
			r = fstat(STDIN_FILENO, &st);
		else
			r = stat(files[i], &st);
		if (r < 0)
			continue;
		if (S_ISREG(st.st_mode))
			total += st.st_size;
		else
			min = 7;
	}
	for (; total >= 10; total /= 10)
		w++;
	return w > min ? w : min;
}

int main(int argc, char *argv[])
{
	struct counts total = { 0, 0, 0 };
	int status = 0;
	int c, i, fd, nfiles;
	char **files;

	while ((c = getopt(argc, argv, "lwc")) != -1) {
		if (c == 'l') {
			show_lines = 1;
		} else if (c == 'w') {
			show_words = 1;
		} else if (c == 'c') {
			show_bytes = 1;
		} else {
			fprintf(stderr, "usage: wc [-l] [-w] [-c] [FILE]...\n");
			return 1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;

	nfiles = argc - optind;
	files = nfiles ? argv + optind : NULL;
	width = column_width(files, nfiles ? nfiles : 1);

	if (!files) {
		struct counts one = { 0, 0, 0 };

		status = count(STDIN_FILENO, "-", &one) < 0;
		print(&one, NULL);
	}
	for (i = 0; i < nfiles; i++) {
		struct counts one = { 0, 0, 0 };
		const char *name = files[i];

		fd = STDIN_FILENO;
		if (strcmp(name, "-") != 0) {
			fd = open(name, O_RDONLY);
			if (fd < 0) {
				error(name);
				status = 1;
				continue;
			}
		}
		/* Counts are printed even after a read error (a directory). */
		if (count(fd, name, &one) < 0)
			status = 1;
		if (fd != STDIN_FILENO)
			close(fd);
		print(&one, name);
		total.lines += one.lines;
		total.words += one.words;
		total.bytes += one.bytes;
	}
	if (nfiles > 1)
		print(&total, "total");

	if (fflush(stdout) != 0) {
		error("write error");
		return 1;
	}
	return status;
}
