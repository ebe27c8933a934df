// SPDX-License-Identifier: GPL-2.0
/*
 * rmdir - remove empty directories.
 *
 * Usage: rmdir DIR...
 * A directory that is not empty is reported and left alone.
 *
 * System calls: rmdir.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int status = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "rmdir: missing operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			fprintf(stderr, "rmdir: %s: %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
