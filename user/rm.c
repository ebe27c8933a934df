// SPDX-License-Identifier: GPL-2.0
/*
 * rm - remove files (and, with -r, directories and what they contain).
 *
 * Usage: rm [-r] [-f] FILE...
 *   -r  remove directories and their contents, recursively (also -R)
 *   -f  ignore files that do not exist, never complain about them
 * Symbolic links are removed themselves, never followed.  "/", "." and
 * ".." are refused.
 *
 * System calls: lstat, unlink, rmdir, and for -r open, getdents64 and close
 * (through opendir/readdir).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive, force;

/* Report an error; with -f, a missing file is not an error. */
static int error(const char *arg)
{
	if (force && errno == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", arg, strerror(errno));
	return -1;
}

static int remove_path(const char *path);

/* Remove everything inside directory path, then path itself. */
static int remove_dir(const char *path)
{
	struct dirent *de;
	char *child;
	DIR *dir;
	int ret = 0;

	dir = opendir(path);
	if (!dir)
		return error(path);
	/*
	 * Removing names while reading the directory is fine: the directory
	 * offset readdir continues from stays valid, and names already
	 * returned are not returned again.  The child's path is malloc'ed,
	 * not on the stack, as trees can be deep.
	 */
	while ((de = readdir(dir)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		child = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!child) {
			ret = error(path);
			break;
		}
		sprintf(child, "%s/%s", path, de->d_name);
		if (remove_path(child) < 0)
			ret = -1;
		free(child);
	}
	closedir(dir);
	if (ret < 0)
		return ret;	/* not empty: rmdir would only fail */
	if (rmdir(path) < 0)
		return error(path);
	return 0;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return error(path);
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			errno = EISDIR;
			return error(path);
		}
		return remove_dir(path);
	}
	if (unlink(path) < 0)
		return error(path);
	return 0;
}

/* Is the last part of path "." or "..", or is path "/" ("//", ...)? */
static int forbidden(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len = strlen(path);

	if (len > 0 && strspn(path, "/") == len)
		return 1;
	base = base ? base + 1 : path;
	return !strcmp(base, ".") || !strcmp(base, "..");
}

int main(int argc, char *argv[])
{
	int status = 0;
	int c, i;

	while ((c = getopt(argc, argv, "rRf")) != -1) {
		if (c == 'r' || c == 'R') {
			recursive = 1;
		} else if (c == 'f') {
			force = 1;
		} else {
			fprintf(stderr, "usage: rm [-r] [-f] FILE...\n");
			return 1;
		}
	}
	if (optind >= argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}

	for (i = optind; i < argc; i++) {
		if (forbidden(argv[i])) {
			fprintf(stderr, "rm: %s: refusing to remove\n",
				argv[i]);
			status = 1;
			continue;
		}
		if (remove_path(argv[i]) < 0)
			status = 1;
	}
	return status;
}
