// SPDX-License-Identifier: GPL-2.0
/*
 * mv - move (rename) files.
 *
 * Usage: mv SOURCE DEST
 *        mv SOURCE... DIRECTORY
 * If the last argument is a directory, each SOURCE is moved into it under
 * its own name.  Moving is rename(): the file keeps its inode, only the
 * name changes.  rename() cannot cross file systems (EXDEV, e.g. from /tmp
 * to /): then a regular file is copied and the original removed; anything
 * else is reported.
 *
 * System calls: stat, rename, and across file systems lstat, open, read,
 * write, close, unlink.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static char buf[64 * 1024];

static int error(const char *arg)
{
	fprintf(stderr, "mv: %s: %s\n", arg, strerror(errno));
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

/* Move a regular file to another file system: copy it, then unlink it. */
static int copy_and_remove(const char *src, const char *dst, mode_t mode)
{
	int in, out, ret = 0;
	ssize_t n;

	in = open(src, O_RDONLY);
	if (in < 0)
		return error(src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (out < 0) {
		close(in);
		return error(dst);
	}
	while (ret == 0 && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno != EINTR)
			ret = error(src);
		else if (n > 0 && write_all(out, buf, n) < 0)
			ret = error(dst);
	}
	close(in);
	if (close(out) < 0 && ret == 0)
		ret = error(dst);
	if (ret < 0) {
		unlink(dst);	/* keep the original, drop the partial copy */
		return ret;
	}
	if (unlink(src) < 0)
		return error(src);
	return 0;
}

static int move(const char *src, const char *dst)
{
	struct stat st;

	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV)
		return error(src);
	if (lstat(src, &st) < 0)
		return error(src);
	if (!S_ISREG(st.st_mode)) {
		errno = EXDEV;
		return error(src);
	}
	return copy_and_remove(src, dst, st.st_mode);
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
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: mv SOURCE... DEST\n");
		return 1;
	}
	last = argv[argc - 1];

	if (stat(last, &st) < 0 || !S_ISDIR(st.st_mode)) {
		/* mv SOURCE DEST: DEST is the new name. */
		if (argc > 3) {
			errno = ENOTDIR;
			error(last);
			return 1;
		}
		return move(argv[1], last) < 0;
	}

	/* mv SOURCE... DIRECTORY: each SOURCE goes into DIRECTORY. */
	for (i = 1; i < argc - 1; i++) {
		last_name(argv[i], name, sizeof(name));
		if (snprintf(dst, sizeof(dst), "%s/%s", last, name) >=
		    (int)sizeof(dst)) {
			errno = ENAMETOOLONG;
			error(argv[i]);
			status = 1;
			continue;
		}
		if (move(argv[i], dst) < 0)
			status = 1;
	}
	return status;
}
