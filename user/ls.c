// SPDX-License-Identifier: GPL-2.0
/*
 * ls - list directory contents.
 *
 * Usage: ls [-l] [-a] [-d] [FILE]...
 *   -l  long format (below)
 *   -a  also show names that start with "."
 *   -d  list directories themselves, not what is in them
 *   -1  accepted: ls always prints one name a line
 * With no FILE, ls lists ".".  FILEs that are not directories are listed
 * first, then the contents of each directory, under a "DIR:" header when
 * there are several FILEs.  Names are sorted by their bytes, like
 * "LC_ALL=C ls".
 *
 * The long format is that of GNU ls -l:
 *
 *   total 5
 *   crw-rw-rw- 1 root root 1, 3 Nov 21 07:35 null
 *   -rw-r--r-- 1 root root  112 Nov 21 07:35 passwd
 *   lrwxrwxrwx 1 root root    7 Jan  3  2023 sh -> /bin/sh
 *
 * mode (type letter and permissions), number of links, owner, group, size
 * in bytes (major and minor number for devices), modification time, name
 * (and where a symbolic link points).  Owner and group are names from
 * /etc/passwd and /etc/group when these have them, else numbers.  The time
 * shows the year instead of the time of day when it is more than six
 * months old or in the future.  "total" is the disk space of the files
 * listed, in KiB (st_blocks counts 512-byte units).
 *
 * System calls: stat, lstat, open, fcntl, getdents64 and close (through
 * opendir, readdir and closedir: musl follows open(O_CLOEXEC) with
 * fcntl(F_SETFD)), readlink, clock_gettime (time), open, read, close for
 * /etc/passwd and /etc/group, writev (stdio), brk/mmap (malloc).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

/* One file to show: its name as printed, its path, and its inode. */
struct entry {
	char *name;
	char *path;
	struct stat st;
};

struct list {
	struct entry *v;
	size_t n, cap;
};

/* The users or groups from /etc/passwd or /etc/group. */
struct id_table {
	const char *file;
	int loaded;
	size_t n;
	struct { unsigned int id; char *name; } *v;
};

static int long_format, all, dirs_as_files;
static int status;
static time_t now;
static struct id_table users = { "/etc/passwd", 0, 0, NULL };
static struct id_table groups = { "/etc/group", 0, 0, NULL };

static void error(const char *arg)
{
	fprintf(stderr, "ls: %s: %s\n", arg, strerror(errno));
	status = 1;
}

static void *xmalloc(size_t size)
{
	void *p = malloc(size);

	if (!p) {
		fprintf(stderr, "ls: out of memory\n");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

static void add(struct list *l, const char *name, const char *path,
		const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v) {
			fprintf(stderr, "ls: out of memory\n");
			exit(1);
		}
	}
	l->v[l->n].name = xstrdup(name);
	l->v[l->n].path = xstrdup(path);
	l->v[l->n].st = *st;
	l->n++;
}

static void free_list(struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int by_name(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* Read "name:password:id:..." lines, once, when a name is first needed. */
static void load_ids(struct id_table *t)
{
	char line[1024], *pw, *num, *end;
	unsigned long id;
	FILE *f;

	t->loaded = 1;
	f = fopen(t->file, "r");
	if (!f)
		return;		/* no file: numbers only */
	while (fgets(line, sizeof(line), f)) {
		pw = strchr(line, ':');
		num = pw ? strchr(pw + 1, ':') : NULL;
		if (!num || !isdigit((unsigned char)num[1]))
			continue;
		id = strtoul(num + 1, &end, 10);
		if (*end != ':')
			continue;
		*pw = '\0';
		t->v = realloc(t->v, (t->n + 1) * sizeof(*t->v));
		if (!t->v) {
			fprintf(stderr, "ls: out of memory\n");
			exit(1);
		}
		t->v[t->n].id = id;
		t->v[t->n].name = xstrdup(line);
		t->n++;
	}
	fclose(f);
}

/* The name for id, or NULL (the first line with that id wins). */
static const char *id_name(struct id_table *t, unsigned int id)
{
	size_t i;

	if (!t->loaded)
		load_ids(t);
	for (i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return t->v[i].name;
	return NULL;
}

/* The ten letters at the start of a long line, e.g. "drwxr-xr-x". */
static void mode_string(mode_t m, char s[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	switch (m & S_IFMT) {
	case S_IFDIR:  s[0] = 'd'; break;
	case S_IFLNK:  s[0] = 'l'; break;
	case S_IFCHR:  s[0] = 'c'; break;
	case S_IFBLK:  s[0] = 'b'; break;
	case S_IFIFO:  s[0] = 'p'; break;
	case S_IFSOCK: s[0] = 's'; break;
	default:       s[0] = '-'; break;
	}
	for (i = 0; i < 9; i++)
		s[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
	/* set-user-id, set-group-id and sticky share the x positions */
	if (m & S_ISUID)
		s[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & S_IXOTH) ? 't' : 'T';
	s[10] = '\0';
}

/* "Nov 21 07:35" for recent times, "Nov 21  2023" for others. */
static void time_string(time_t t, char *buf, size_t size)
{
	const time_t six_months = 31556952 / 2;	/* half an average year */
	struct tm *tm = localtime(&t);

	if (!tm)
		snprintf(buf, size, "%12lld", (long long)t);
	else if (t > now || now - t > six_months)
		strftime(buf, size, "%b %e  %Y", tm);
	else
		strftime(buf, size, "%b %e %H:%M", tm);
}

static int digits(unsigned long long n)
{
	int d = 1;

	for (; n >= 10; n /= 10)
		d++;
	return d;
}

static int is_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

/* Print the list in the long format, every column as wide as it needs. */
static void print_long(const struct list *l)
{
	int links_w = 1, user_w = 1, group_w = 1, size_w = 1;
	int major_w = 0, minor_w = 0;
	char mode[11], when[32], target[PATH_MAX];
	const char *user, *group;
	size_t i;
	int w;
	ssize_t n;

	for (i = 0; i < l->n; i++) {
		const struct stat *st = &l->v[i].st;

		if ((w = digits(st->st_nlink)) > links_w)
			links_w = w;
		user = id_name(&users, st->st_uid);
		w = user ? (int)strlen(user) : digits(st->st_uid);
		if (w > user_w)
			user_w = w;
		group = id_name(&groups, st->st_gid);
		w = group ? (int)strlen(group) : digits(st->st_gid);
		if (w > group_w)
			group_w = w;
		if (is_device(st)) {
			if ((w = digits(major(st->st_rdev))) > major_w)
				major_w = w;
			if ((w = digits(minor(st->st_rdev))) > minor_w)
				minor_w = w;
		} else if ((w = digits(st->st_size)) > size_w) {
			size_w = w;
		}
	}
	/* A device shows "major, minor" in the size column. */
	if (major_w && major_w + 2 + minor_w > size_w)
		size_w = major_w + 2 + minor_w;

	for (i = 0; i < l->n; i++) {
		const struct entry *e = &l->v[i];
		const struct stat *st = &e->st;

		mode_string(st->st_mode, mode);
		printf("%s %*lu ", mode, links_w, (unsigned long)st->st_nlink);
		/* Names are aligned on the left, numbers on the right. */
		if ((user = id_name(&users, st->st_uid)))
			printf("%-*s ", user_w, user);
		else
			printf("%*u ", user_w, (unsigned int)st->st_uid);
		if ((group = id_name(&groups, st->st_gid)))
			printf("%-*s ", group_w, group);
		else
			printf("%*u ", group_w, (unsigned int)st->st_gid);
		if (is_device(st))
			printf("%*u, %*u ", major_w, major(st->st_rdev),
			       size_w - 2 - major_w, minor(st->st_rdev));
		else
			printf("%*lld ", size_w, (long long)st->st_size);
		time_string(st->st_mtime, when, sizeof(when));
		printf("%s %s", when, e->name);
		if (S_ISLNK(st->st_mode) &&
		    (n = readlink(e->path, target, sizeof(target) - 1)) >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
		putchar('\n');
	}
}

static void print_list(const struct list *l)
{
	size_t i;

	if (long_format) {
		print_long(l);
		return;
	}
	for (i = 0; i < l->n; i++)
		puts(l->v[i].name);
}

/* List what is in directory path. */
static void list_dir(const char *path)
{
	struct list l = { NULL, 0, 0 };
	unsigned long long blocks = 0;
	struct dirent *de;
	struct stat st;
	char *child;
	DIR *dir;
	size_t i;

	dir = opendir(path);
	if (!dir) {
		error(path);
		return;
	}
	memset(&st, 0, sizeof(st));
	/* readdir returns NULL at the end and on errors: errno tells which. */
	errno = 0;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' && !all)
			continue;
		child = xmalloc(strlen(path) + strlen(de->d_name) + 2);
		sprintf(child, "%s/%s", path, de->d_name);
		/* Only the long format needs the inode of each entry. */
		if (long_format && lstat(child, &st) < 0)
			error(child);
		else
			add(&l, de->d_name, child, &st);
		free(child);
		errno = 0;
	}
	if (errno)
		error(path);
	closedir(dir);

	qsort(l.v, l.n, sizeof(*l.v), by_name);
	if (long_format) {
		for (i = 0; i < l.n; i++)
			blocks += l.v[i].st.st_blocks;
		printf("total %llu\n", (blocks + 1) / 2);
	}
	print_list(&l);
	free_list(&l);
}

int main(int argc, char *argv[])
{
	struct list files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	static char *dot[] = { ".", NULL };
	char **ops;
	struct stat st;
	int c, i, nops, printed;
	size_t j;

	while ((c = getopt(argc, argv, "lad1")) != -1) {
		switch (c) {
		case 'l': long_format = 1; break;
		case 'a': all = 1; break;
		case 'd': dirs_as_files = 1; break;
		case '1': break;
		default:
			fprintf(stderr, "usage: ls [-l] [-a] [-d] [FILE]...\n");
			return 1;
		}
	}
	ops = argv + optind;
	nops = argc - optind;
	if (nops == 0) {
		ops = dot;
		nops = 1;
	}
	now = time(NULL);

	/*
	 * Sort the operands into files and directories.  "ls LINK" lists
	 * the directory a link points to, but -l and -d show links
	 * themselves (and so does ls on a link that points nowhere).
	 */
	for (i = 0; i < nops; i++) {
		int r = (long_format || dirs_as_files) ? lstat(ops[i], &st) :
							stat(ops[i], &st);

		if (r < 0 && (errno != ENOENT || lstat(ops[i], &st) < 0)) {
			error(ops[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode) && !dirs_as_files)
			add(&dirs, ops[i], ops[i], &st);
		else
			add(&files, ops[i], ops[i], &st);
	}

	qsort(files.v, files.n, sizeof(*files.v), by_name);
	qsort(dirs.v, dirs.n, sizeof(*dirs.v), by_name);
	print_list(&files);
	printed = files.n > 0;
	for (j = 0; j < dirs.n; j++) {
		if (printed)
			putchar('\n');
		if (nops > 1)
			printf("%s:\n", dirs.v[j].name);
		list_dir(dirs.v[j].path);
		printed = 1;
	}
	free_list(&files);
	free_list(&dirs);

	if (fflush(stdout) != 0) {
		fprintf(stderr, "ls: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
