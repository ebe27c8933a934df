// SPDX-License-Identifier: GPL-2.0
/*
 * ln - make links between files.
 *
 * Usage: ln [-s] [-f] TARGET LINK
 *        ln [-s] [-f] TARGET... DIRECTORY
 *        ln [-s] [-f] TARGET            (LINK is ./TARGET's last name)
 *   -s  make symbolic links (a name that stores the path TARGET) instead
 *       of hard links (a second name for the same inode)
 *   -f  remove an existing LINK first
 * If the last argument is a directory, the links go into it, named after
 * each TARGET's last part.
 *
 * System calls: stat, link or symlink, unlink (for -f).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int symbolic, force;

static int make_link(const char *target, const char *name)
{
	if (force && unlink(name) < 0 && errno != ENOENT) {
		fprintf(stderr, "ln: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if ((symbolic ? symlink(target, name) : link(target, name)) < 0) {
		/* A hard link fails on a missing target: name the target. */
		const char *who = (!symbolic && errno == ENOENT) ? target : name;

		fprintf(stderr, "ln: %s: %s\n", who, strerror(errno));
		return -1;
	}
	return 0;
}

/* The last part of path, without trailing slashes: "a/b/" gives "b". */
static void last_name(const char *path, char *out, size_t size)
{
	size_t len = strlen(path);
	const char *start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = path + len;
	while (start > path && start[-1] != '/')
		start--;
	snprintf(out, size, "%.*s", (int)(path + len - start), start);
}

int main(int argc, char *argv[])
{
	char name[NAME_MAX + 1], path[PATH_MAX];
	const char *dir;
	struct stat st;
	int status = 0;
	int c, i, n;

	while ((c = getopt(argc, argv, "sf")) != -1) {
		if (c == 's') {
			symbolic = 1;
		} else if (c == 'f') {
			force = 1;
		} else {
			fprintf(stderr, "usage: ln [-s] [-f] TARGET... [LINK]\n");
			return 1;
		}
	}
	n = argc - optind;
	if (n < 1) {
		fprintf(stderr, "ln: missing operand\n");
		return 1;
	}

	if (n == 1) {
		dir = ".";	/* ln TARGET: the link goes into . */
	} else {
		dir = argv[argc - 1];
		n--;
		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			/* ln TARGET LINK */
			if (n == 1)
				return make_link(argv[optind], dir) < 0;
			errno = ENOTDIR;
			fprintf(stderr, "ln: %s: %s\n", dir, strerror(errno));
			return 1;
		}
	}

	for (i = optind; i < optind + n; i++) {
		last_name(argv[i], name, sizeof(name));
		if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
		    (int)sizeof(path)) {
			fprintf(stderr, "ln: %s: %s\n", argv[i],
				strerror(ENAMETOOLONG));
			status = 1;
			continue;
		}
		if (make_link(argv[i], path) < 0)
			status = 1;
	}
	return status;
}
