// SPDX-License-Identifier: GPL-2.0
/*
 * touch - set the access and modification times of files to now,
 * creating the files that do not exist.
 *
 * Usage: touch [-c] FILE...
 *   -c  do not create files
 * utimensat() with no times sets both to the current time.  A file that
 * does not exist (ENOENT) is created empty with open(O_CREAT), which gives
 * it the current times too.
 *
 * System calls: utimensat, open, close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int main(int argc, char *argv[])
{
	int no_create = 0, status = 0;
	int c, fd, i;

	while ((c = getopt(argc, argv, "c")) != -1) {
		if (c != 'c') {
			fprintf(stderr, "usage: touch [-c] FILE...\n");
			return 1;
		}
		no_create = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "touch: missing file operand\n");
		return 1;
	}

	for (i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
			continue;
		if (errno == ENOENT && no_create)
			continue;
		if (errno == ENOENT) {
			fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY, 0666);
			if (fd >= 0) {
				close(fd);
				continue;
			}
		}
		fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}
