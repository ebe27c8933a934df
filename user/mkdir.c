// SPDX-License-Identifier: GPL-2.0
/*
 * mkdir - make directories.
 *
 * Usage: mkdir [-p] DIR...
 *   -p  also make missing parent directories, and do not complain if a
 *       directory already exists
 * New directories get mode 0777, less the umask.
 *
 * System calls: mkdir, stat (for -p).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int parents;

static void error(const char *arg)
{
	fprintf(stderr, "mkdir: %s: %s\n", arg, strerror(errno));
}

/* mkdir that accepts an existing directory (but not an existing file). */
static int mkdir_exists_ok(const char *path)
{
	struct stat st;
	int saved;

	if (mkdir(path, 0777) == 0)
		return 0;
	saved = errno;
	if (saved == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	errno = saved;
	return -1;
}

/*
 * For "a/b/c", make "a", then "a/b", then "a/b/c": cut the path at each
 * slash in turn by writing a NUL there, and put the slash back after.
 */
static int mkdir_parents(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		if (mkdir_exists_ok(path) < 0) {
			error(path);
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir_exists_ok(path) < 0) {
		error(path);
		return -1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;
	int c, i;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: mkdir [-p] DIR...\n");
			return 1;
		}
		parents = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 1;
	}

	for (i = optind; i < argc; i++) {
		if (parents) {
			if (mkdir_parents(argv[i]) < 0)
				status = 1;
		} else if (mkdir(argv[i], 0777) < 0) {
			error(argv[i]);
			status = 1;
		}
	}
	return status;
}
