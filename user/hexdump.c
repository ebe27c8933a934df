// SPDX-License-Identifier: GPL-2.0
/*
 * hexdump - show the bytes of files in hexadecimal and as text.
 *
 * Usage: hexdump [-C] [-v] [FILE]...
 * The output is always the "canonical" format of hexdump -C:
 *
 *   00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |hello world.|
 *   0000000c
 *
 * Each line has the offset, 16 bytes in hex in two groups of 8, and the
 * same bytes as text between bars, with "." for bytes that are not
 * printable ASCII.  A line that repeats the one before it is shown as a
 * single "*" (unless -v).  The last line is the total length.  The FILEs
 * are dumped as one stream; with none, standard input (note that, as in
 * util-linux hexdump, "-" is a file name here, not standard input).
 *
 * System calls: open, read and readv, close, writev (through stdio).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char **files;
static int nfiles, next_file, opened, status;
static FILE *in;

/* Move on to the next input that opens.  Returns 0 when there is none. */
static int open_next(void)
{
	if (nfiles == 0) {		/* only standard input, once */
		if (next_file++ > 0)
			return 0;
		in = stdin;
		return 1;
	}
	while (next_file < nfiles) {
		const char *name = files[next_file++];

		in = fopen(name, "r");
		if (in) {
			opened++;
			return 1;
		}
		fprintf(stderr, "hexdump: %s: %s\n", name, strerror(errno));
		status = 1;
	}
	return 0;
}

/* Read up to 16 bytes into line, going on into the next file at an end. */
static size_t fill(unsigned char *line)
{
	size_t n = 0, got;

	while (n < 16) {
		if (!in && !open_next())
			break;
		got = fread(line + n, 1, 16 - n, in);
		n += got;
		if (n == 16)
			break;
		/* A short read: the end of this file, or an error. */
		if (ferror(in)) {
			fprintf(stderr, "hexdump: %s: %s\n",
				nfiles ? files[next_file - 1] : "stdin",
				strerror(errno));
			status = 1;
		}
		if (in != stdin)
			fclose(in);
		in = NULL;
	}
	return n;
}

static void print_line(unsigned long long offset, const unsigned char *line,
		       size_t n)
{
	size_t i;

	printf("%08llx  ", offset);
	for (i = 0; i < 16; i++) {
		if (i < n)
			printf("%02x ", line[i]);
		else
			printf("   ");
		if (i == 7)
			putchar(' ');
	}
	printf(" |");
	for (i = 0; i < n; i++)
		putchar(line[i] >= 0x20 && line[i] < 0x7f ? line[i] : '.');
	printf("|\n");
}

int main(int argc, char *argv[])
{
	unsigned char line[16], prev[16];
	unsigned long long offset = 0;
	int squeeze = 1, have_prev = 0, starred = 0;
	size_t n;
	int c;

	while ((c = getopt(argc, argv, "Cv")) != -1) {
		if (c == 'v') {
			squeeze = 0;
		} else if (c != 'C') {
			fprintf(stderr, "usage: hexdump [-C] [-v] [FILE]...\n");
			return 1;
		}
	}
	files = argv + optind;
	nfiles = argc - optind;

	while ((n = fill(line)) > 0) {
		if (squeeze && n == 16 && have_prev && !memcmp(line, prev, 16)) {
			if (!starred)
				printf("*\n");	/* same as the line above */
			starred = 1;
		} else {
			print_line(offset, line, n);
			starred = 0;
		}
		memcpy(prev, line, n);
		have_prev = (n == 16);
		offset += n;
	}
	if (offset > 0)
		printf("%08llx\n", offset);
	if (nfiles > 0 && opened == 0)
		fprintf(stderr, "hexdump: all input file arguments failed\n");

	if (fflush(stdout) != 0) {
		fprintf(stderr, "hexdump: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
