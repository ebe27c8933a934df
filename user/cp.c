// SPDX-License-Identifier: GPL-2.0
/*
 * cp - copy files (and, with -r, directories).
 *
 * Usage: cp [-r] SOURCE DEST
 *        cp [-r] SOURCE... DIRECTORY
 *   -r  copy directories and everything in them (also -R); symbolic links
 *       met on the way are copied as links, not followed
 * If the last argument is a directory, each SOURCE is copied into it under
 * its own name.  A new file gets the permission bits of its source (less
 * the umask); an existing DEST is overwritten and keeps its own.
 *
 * System calls: stat, lstat, open, fstat, read, write, close, and for -r
 * mkdir, getdents64 (through opendir/readdir), readlink, symlink, unlink.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive;
static char buf[64 * 1024];

/* The directory being copied into, so a copy never copies itself. */
static dev_t into_dev;
static ino_t into_ino;

static int error(const char *arg)
{
	fprintf(stderr, "cp: %s: %s\n", arg, strerror(errno));
	return -1;
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

/* Copy the contents of src to dst, creating dst with the given mode. */
static int copy_file(const char *src, const char *dst, mode_t mode)
{
	struct stat sst, dst_st;
	int in, out, ret = 0;
	ssize_t n;

	in = open(src, O_RDONLY);
	if (in < 0)
		return error(src);
	/* Opening dst with O_TRUNC would empty src if they are one file. */
	if (fstat(in, &sst) == 0 && stat(dst, &dst_st) == 0 &&
	    sst.st_dev == dst_st.st_dev && sst.st_ino == dst_st.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		close(in);
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (out < 0) {
		error(dst);
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = error(src);
			break;
		}
		if (write_all(out, buf, n) < 0) {
			ret = error(dst);
			break;
		}
	}
	close(in);
	if (close(out) < 0 && ret == 0)
		ret = error(dst);
	return ret;
}

/* Recreate the symbolic link src as dst, replacing a file already there. */
static int copy_link(const char *src, const char *dst)
{
	char target[PATH_MAX];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		return error(src);
	target[n] = '\0';
	if (symlink(target, dst) == 0)
		return 0;
	if (errno == EEXIST && unlink(dst) == 0 && symlink(target, dst) == 0)
		return 0;
	return error(dst);
}

/* "dir" and "name" -> "dir/name", in memory from malloc (NULL if none). */
static char *join(const char *dir, const char *name)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);

	if (path)
		sprintf(path, "%s/%s", dir, name);
	return path;
}

static int copy_any(const char *src, const char *dst, int top);

/* Make dst (or use it if it is already a directory) and copy src into it. */
static int copy_dir(const char *src, const char *dst, mode_t mode, int top)
{
	struct dirent *de;
	struct stat st;
	char *s, *d;
	DIR *dir;
	int ret = 0;

	if (mkdir(dst, mode & 07777) < 0 &&
	    (errno != EEXIST || stat(dst, &st) < 0 || !S_ISDIR(st.st_mode)))
		return error(dst);
	if (top && stat(dst, &st) == 0) {
		into_dev = st.st_dev;
		into_ino = st.st_ino;
	}

	dir = opendir(src);
	if (!dir)
		return error(src);
	/* The paths are malloc'ed, not on the stack: trees can be deep. */
	while ((de = readdir(dir)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		s = join(src, de->d_name);
		d = join(dst, de->d_name);
		if (!s || !d)
			ret = error(src);
		else if (copy_any(s, d, 0) < 0)
			ret = -1;
		free(s);
		free(d);
	}
	closedir(dir);
	return ret;
}

static int copy_any(const char *src, const char *dst, int top)
{
	struct stat st;

	/* With -r, links are copied as links: look at the link itself. */
	if ((recursive ? lstat(src, &st) : stat(src, &st)) < 0)
		return error(src);

	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			fprintf(stderr, "cp: %s: Is a directory (not copied without -r)\n",
				src);
			return -1;
		}
		if (!top && st.st_dev == into_dev && st.st_ino == into_ino) {
			fprintf(stderr, "cp: %s: cannot copy a directory into itself\n",
				src);
			return -1;
		}
		return copy_dir(src, dst, st.st_mode, top);
	}
	if (S_ISLNK(st.st_mode))
		return copy_link(src, dst);
	return copy_file(src, dst, st.st_mode);
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
	char name[NAME_MAX + 1], dst[PATH_MAX];
	const char *last;
	struct stat st;
	int status = 0;
	int c, i;

	while ((c = getopt(argc, argv, "rR")) != -1) {
		if (c != 'r' && c != 'R') {
			fprintf(stderr, "usage: cp [-r] SOURCE... DEST\n");
			return 1;
		}
		recursive = 1;
	}
	if (argc - optind < 2) {
		fprintf(stderr, "cp: missing operand\n");
		return 1;
	}
	last = argv[argc - 1];

	if (stat(last, &st) < 0 || !S_ISDIR(st.st_mode)) {
		/* cp SOURCE DEST: DEST is the new name. */
		if (argc - optind > 2) {
			errno = ENOTDIR;
			error(last);
			return 1;
		}
		return copy_any(argv[optind], last, 1) < 0;
	}

	/* cp SOURCE... DIRECTORY: each SOURCE goes into DIRECTORY. */
	for (i = optind; i < argc - 1; i++) {
		last_name(argv[i], name, sizeof(name));
		if (snprintf(dst, sizeof(dst), "%s/%s", last, name) >=
		    (int)sizeof(dst)) {
			errno = ENAMETOOLONG;
			error(argv[i]);
			status = 1;
			continue;
		}
		if (copy_any(argv[i], dst, 1) < 0)
			status = 1;
	}
	return status;
}
