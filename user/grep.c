// SPDX-License-Identifier: GPL-2.0
/*
 * grep - print lines that contain a string.
 *
 * Usage: grep [-F] [-v] [-c] [-n] [-i] STRING [FILE]...
 *   -v  print the lines that do NOT contain STRING
 *   -c  print only how many lines were selected
 *   -n  put the line number before each line
 *   -i  ignore the case of ASCII letters
 *   -F  accepted for compatibility: STRING is always a fixed string, not
 *       a regular expression
 * With no FILE, or where FILE is "-", grep reads standard input.  With
 * several files, each line (or count) starts with the file's name.
 * The exit status is 0 if a line was selected, 1 if none was, and 2 if
 * there was an error (as GNU grep).
 *
 * System calls: open, read, close, writev (through stdio); brk, mmap,
 * munmap and mremap (when realloc grows a long line's buffer) in malloc.
 */
#define _GNU_SOURCE		/* getline */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int invert, count_only, number, icase;
static const char *pattern;
static size_t pattern_len;

static int same_char(char a, char b)
{
	if (icase)
		return tolower((unsigned char)a) == tolower((unsigned char)b);
	return a == b;
}

/* Does line[0..len) contain the pattern?  The simple way: try each start. */
static int contains(const char *line, size_t len)
{
	size_t i, j;

	for (i = 0; i + pattern_len <= len; i++) {
		for (j = 0; j < pattern_len; j++)
			if (!same_char(line[i + j], pattern[j]))
				break;
		if (j == pattern_len)
			return 1;
	}
	return 0;
}

/*
 * Search one open file.  name is printed before each line when non-NULL.
 * Returns the number of selected lines, or -1 on a read error.
 */
static long grep(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, selected = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (contains(line, len) == invert)
			continue;
		selected++;
		if (count_only)
			continue;
		if (name)
			printf("%s:", name);
		if (number)
			printf("%ld:", lineno);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	if (ferror(f)) {
		int saved = errno;	/* free() must not hide read()'s error */

		free(line);
		errno = saved;
		return -1;
	}
	free(line);
	if (count_only) {
		if (name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

int main(int argc, char *argv[])
{
	int found = 0, trouble = 0;
	int c, i, nfiles;
	long n;

	while ((c = getopt(argc, argv, "Fvcni")) != -1) {
		switch (c) {
		case 'F': break;
		case 'v': invert = 1; break;
		case 'c': count_only = 1; break;
		case 'n': number = 1; break;
		case 'i': icase = 1; break;
		default:
			fprintf(stderr, "usage: grep [-vcni] STRING [FILE]...\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: grep [-vcni] STRING [FILE]...\n");
		return 2;
	}
	pattern = argv[optind++];
	pattern_len = strlen(pattern);
	nfiles = argc - optind;

	if (nfiles == 0) {
		n = grep(stdin, NULL);
		if (n < 0)
			fprintf(stderr, "grep: (standard input): %s\n",
				strerror(errno));
		found = n > 0;
		trouble = n < 0;
	}
	for (i = optind; i < argc; i++) {
		const char *name = argv[i];
		int is_stdin = !strcmp(name, "-");
		FILE *f = is_stdin ? stdin : fopen(name, "r");

		if (is_stdin)
			name = "(standard input)";
		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
			trouble = 1;
			continue;
		}
		n = grep(f, nfiles > 1 ? name : NULL);
		if (n < 0) {
			fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
			trouble = 1;
		}
		if (n > 0)
			found = 1;
		if (!is_stdin)
			fclose(f);
	}

	if (fflush(stdout) != 0) {
		fprintf(stderr, "grep: write error: %s\n", strerror(errno));
		return 2;
	}
	if (trouble)
		return 2;
	return found ? 0 : 1;
}
