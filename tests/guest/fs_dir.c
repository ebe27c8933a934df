// SPDX-License-Identifier: GPL-2.0
/*
 * fs_dir - directories and names: mkdir, rmdir, unlink, rename, link,
 * symlink, readlink, getdents64, "." and "..", chdir, fchdir, getcwd,
 * unlink while open, stat fields, access, umask, and statfs before and
 * after.
 *
 *   fs_dir DIR
 *
 * Works in DIR/fs_dir.d (mostly with relative names, from inside it),
 * removes it at the end and checks with statfs that the free block and
 * inode counts are what they were.  Only relative facts are printed: no
 * inode numbers, times or absolute paths; getcwd is shown relative to DIR.
 * Every process runs as root in the guest; the host run must be root too
 * for the few checks where that matters (access X_OK).  Details of a
 * failed check go to stderr on lines starting "## ".
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

#include "errname.h"

static char base[PATH_MAX];	/* getcwd() in DIR */
static char workdir[PATH_MAX + 16];
static time_t t_before;

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Fill st with ones before a call, so a failed call prints as -1, not junk. */
static struct stat *wipe(struct stat *st)
{
	memset(st, 0xff, sizeof(*st));
	return st;
}

static int stat_of(const char *path, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	return stat(path, st);
}

static long long ino(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -1 : (long long)st.st_ino;
}

static long nlink(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -1 : (long)st.st_nlink;
}

static const char *type_of(mode_t m)
{
	if (S_ISREG(m))
		return "file";
	if (S_ISDIR(m))
		return "dir";
	if (S_ISLNK(m))
		return "symlink";
	return "other";
}

/* "what: file 0644 nlink 1" (or -1 ENAME); lstat if nofollow. */
static void show_mode(const char *what, const char *path, int nofollow)
{
	struct stat st;
	int r = nofollow ? lstat(path, &st) : stat(path, &st);

	if (r < 0)
		show(what, r);
	else
		printf("%s: %s %04o nlink %ld\n", what, type_of(st.st_mode),
		       st.st_mode & 07777, (long)st.st_nlink);
}

static int exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int n = strlen(s);

	if (fd < 0)
		return -1;
	if (write(fd, s, n) != n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* The content of a small file, "(-1 ENAME)" if it cannot be read. */
static const char *get(const char *path)
{
	static char buf[4][128];
	static int next;
	char *b = buf[next++ % 4];
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0) {
		snprintf(b, 128, "(-1 %s)", errname(errno));
		return b;
	}
	n = read(fd, b, 127);
	b[n < 0 ? 0 : n] = '\0';
	close(fd);
	return b;
}

/* getcwd, with DIR's own path replaced by "DIR". */
static void show_cwd(const char *what)
{
	char buf[PATH_MAX];
	size_t n = strlen(base);

	if (!getcwd(buf, sizeof(buf))) {
		printf("%s: -1 %s\n", what, errname(errno));
		return;
	}
	if (!strncmp(buf, base, n) && (buf[n] == '/' || !buf[n]))
		printf("%s: DIR%s\n", what, buf + n);
	else
		printf("%s: outside DIR\n", what);
}

static void test_mkdir(void)
{
	struct stat st;
	int fd;

	printf("-- mkdir, umask, chmod\n");
	show("mkdir d", mkdir("d", 0777));
	show_mode("stat d", "d", 0);
	show("mkdir d again", mkdir("d", 0777));
	show("mkdir d/ again", mkdir("d/", 0777));
	show("mkdir e/ (trailing slash)", mkdir("e/", 0777));
	show("rmdir e/", rmdir("e/"));
	show("mkdir in missing dir", mkdir("x/y", 0777));
	show("create f", put("f", "f content\n"));
	show("mkdir through a file", mkdir("f/y", 0777));
	show("mkdir over a file", mkdir("f", 0777));
	show("mkdir empty name", mkdir("", 0777));
	show("mkdir d/sub", mkdir("d/sub", 0755));
	printf("nlink of d with a subdir: %ld\n", nlink("d"));
	printf("nlink of d/sub: %ld\n", nlink("d/sub"));
	show("rmdir d/sub", rmdir("d/sub"));
	printf("nlink of d again: %ld\n", nlink("d"));

	printf("umask(077) returned: %04o\n", umask(077));
	fd = open("m", O_WRONLY | O_CREAT | O_EXCL, 0666);
	close(fd);
	show_mode("file 0666 under umask 077", "m", 0);
	show("mkdir md 0777 under umask 077", mkdir("md", 0777));
	show_mode("stat md", "md", 0);
	printf("umask(0) returned: %04o\n", umask(0));
	fd = open("z", O_WRONLY | O_CREAT | O_EXCL, 0666);
	close(fd);
	show_mode("file 0666 under umask 0", "z", 0);
	printf("umask(022) returned: %04o\n", umask(022));
	fd = open("x751", O_WRONLY | O_CREAT | O_EXCL, 0751);
	close(fd);
	show_mode("file 0751 under umask 022", "x751", 0);
	fd = open("x751", O_WRONLY | O_CREAT, 0600);
	close(fd);
	show_mode("O_CREAT of an existing file keeps its mode", "x751", 0);

	show("chmod m 0640", chmod("m", 0640));
	show_mode("stat m", "m", 0);
	fd = open("m", O_RDONLY);
	show("fchmod m 0604", fchmod(fd, 0604));
	show("fstat", fstat(fd, wipe(&st)));
	printf("fstat m: %s %04o\n", type_of(st.st_mode), st.st_mode & 07777);
	close(fd);
	show("chmod md 0750", chmod("md", 0750));
	show_mode("stat md", "md", 0);
	show("chmod missing", chmod("missing", 0644));
	show("unlink m", unlink("m"));
	show("unlink z", unlink("z"));
	show("unlink x751", unlink("x751"));
	show("rmdir md", rmdir("md"));
}

static int in_window(time_t t, time_t lo, time_t hi)
{
	/* File times may come from a coarser clock: allow a second. */
	return t >= lo - 1 && t <= hi + 1;
}

static void test_stat(void)
{
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct stat st, dst, fst;
	time_t after;
	int fd;

	printf("-- stat fields\n");
	show("create s (12 bytes)", put("s", "0123456789\n\n"));
	after = time(NULL);
	show("stat s", stat_of("s", &st));
	show("stat .", stat_of(".", &dst));
	printf("type: %s\n", type_of(st.st_mode));
	printf("perm: %04o\n", st.st_mode & 07777);
	printf("st_nlink: %ld\n", (long)st.st_nlink);
	printf("st_size: %ld\n", (long)st.st_size);
	printf("st_blocks * 512 >= size: %s\n", yesno(st.st_blocks * 512 >= st.st_size));
	printf("st_blocks * 512 <= 64 KiB: %s\n", yesno(st.st_blocks * 512 <= 65536));
	printf("st_blksize > 0: %s\n", yesno(st.st_blksize > 0));
	printf("st_uid == geteuid(): %s\n", yesno(st.st_uid == geteuid()));
	printf("st_gid == getegid(): %s\n", yesno(st.st_gid == getegid()));
	printf("st_dev same as the dir's: %s\n", yesno(st.st_dev == dst.st_dev));
	printf("st_ino differs from the dir's: %s\n", yesno(st.st_ino != dst.st_ino));
	printf("mtime within the test's time: %s\n",
	       yesno(in_window(st.st_mtime, t_before, after)));
	printf("ctime within the test's time: %s\n",
	       yesno(in_window(st.st_ctime, t_before, after)));
	printf("atime within the test's time: %s\n",
	       yesno(in_window(st.st_atime, t_before, after)));
	printf("dir type: %s\n", type_of(dst.st_mode));
	printf("dir mtime within the test's time: %s\n",
	       yesno(in_window(dst.st_mtime, t_before, after)));
	fd = open("s", O_RDONLY);
	show("fstat s", fstat(fd, wipe(&fst)));
	close(fd);
	printf("fstat same ino, size, mode: %s\n", yesno(fst.st_ino == st.st_ino &&
	       fst.st_size == st.st_size && fst.st_mode == st.st_mode));
	show("lstat s", lstat("s", wipe(&fst)));
	printf("lstat same as stat: %s\n",
	       yesno(fst.st_ino == st.st_ino && fst.st_mode == st.st_mode));

	show("utimensat s to 1000000000", utimensat(AT_FDCWD, "s", old, 0));
	show("stat s", stat_of("s", &st));
	printf("st_atime: %ld\n", (long)st.st_atime);
	printf("st_mtime: %ld\n", (long)st.st_mtime);
	printf("ctime updated by utimensat: %s\n", yesno(st.st_ctime >= t_before - 1));
	fd = open("s", O_WRONLY | O_APPEND);
	show("append 1 byte", write(fd, "x", 1));
	close(fd);
	show("stat s", stat_of("s", &fst));
	printf("mtime moved forward by the write: %s\n", yesno(fst.st_mtime > st.st_mtime &&
	       fst.st_mtime >= t_before - 1));
	printf("st_size: %ld\n", (long)fst.st_size);
	show("utimensat . to 1000000000", utimensat(AT_FDCWD, ".", old, 0));
	show("create s2", put("s2", ""));
	show("stat .", stat_of(".", &dst));
	printf("dir mtime moved forward by create: %s\n", yesno(dst.st_mtime >= t_before - 1));
	show("utimensat . to 1000000000", utimensat(AT_FDCWD, ".", old, 0));
	show("unlink s2", unlink("s2"));
	show("stat .", stat_of(".", &dst));
	printf("dir mtime moved forward by unlink: %s\n", yesno(dst.st_mtime >= t_before - 1));

	show("stat missing", stat("missing", &st));
	show("stat through a file", stat("s/x", &st));
	show("stat empty path", stat("", &st));
	show("unlink s", unlink("s"));
}

static void test_rmdir_unlink(void)
{
	printf("-- rmdir, unlink\n");
	show("create d/file", put("d/file", "x"));
	show("rmdir non-empty d", rmdir("d"));
	show("rmdir a file", rmdir("f"));
	show("rmdir .", rmdir("."));
	show("rmdir d/.", rmdir("d/."));
	show("rmdir ..", rmdir(".."));
	show("rmdir d/..", rmdir("d/.."));
	show("rmdir missing", rmdir("missing"));
	show("rmdir f/ (a file)", rmdir("f/"));
	show("unlink a dir", unlink("d"));
	show("unlink .", unlink("."));
	show("unlink missing", unlink("missing"));
	show("unlink f/ (a file)", unlink("f/"));
	show("unlink through a file", unlink("f/x"));
	show("unlink d/file", unlink("d/file"));
	show("unlink d/file again", unlink("d/file"));
	printf("d/file gone: %s\n", yesno(!exists("d/file")));
}

static void test_rename(void)
{
	long long i1;

	printf("-- rename\n");
	put("r1", "one");
	put("r2", "two");
	i1 = ino("r1");
	show("rename file over file", rename("r1", "r2"));
	printf("old name gone: %s\n", yesno(!exists("r1")));
	printf("new name has old content: %s\n", get("r2"));
	printf("ino same as the source's: %s\n", yesno(ino("r2") == i1));
	printf("nlink: %ld\n", nlink("r2"));
	show("rename file to itself", rename("r2", "r2"));
	printf("still there: %s\n", yesno(exists("r2")));
	show("link r2 r3", link("r2", "r3"));
	show("rename between two links of one file", rename("r2", "r3"));
	printf("both names remain: %s\n", yesno(exists("r2") && exists("r3")));
	printf("nlink: %ld\n", nlink("r2"));
	show("unlink r3", unlink("r3"));
	show("rename to a new name", rename("r2", "renamed-to-a-longer-name"));
	printf("content: %s\n", get("renamed-to-a-longer-name"));
	show("rename into d", rename("renamed-to-a-longer-name", "d/r"));
	printf("content: %s\n", get("d/r"));
	show("rename missing", rename("missing", "x"));
	show("rename into a missing dir", rename("d/r", "nodir/r"));
	show("rename through a file", rename("d/r", "f/r"));

	show("mkdir da", mkdir("da", 0755));
	put("da/x", "x");
	show("mkdir db", mkdir("db", 0755));
	show("rename dir over empty dir", rename("da", "db"));
	printf("da gone: %s\n", yesno(!exists("da")));
	printf("db/x there: %s\n", yesno(exists("db/x")));
	show("mkdir dc", mkdir("dc", 0755));
	put("dc/y", "y");
	show("rename dir over non-empty dir", rename("dc", "db"));
	show("rename dir into its own subdir", rename("db", "db/sub"));
	show("mkdir db/sub", mkdir("db/sub", 0755));
	show("rename dir into its own subdir's child", rename("db", "db/sub/x"));
	show("rename dir to itself", rename("db", "db"));
	show("rename file over dir", rename("f", "db"));
	show("rename dir over file", rename("db", "f"));
	show("rename .", rename(".", "dot"));
	show("rename .. ", rename("..", "dotdot"));
	show("rename over .", rename("dc", "."));

	show("mkdir p1", mkdir("p1", 0755));
	show("mkdir p2", mkdir("p2", 0755));
	show("mkdir p1/c", mkdir("p1/c", 0755));
	printf("nlink p1, p2: %ld %ld\n", nlink("p1"), nlink("p2"));
	show("rename p1/c p2/c", rename("p1/c", "p2/c"));
	printf("nlink p1, p2: %ld %ld\n", nlink("p1"), nlink("p2"));
	printf("p2/c/.. is p2: %s\n", yesno(ino("p2/c/..") == ino("p2")));
	show("rename p2/c to p1/c2 over nothing", rename("p2/c", "p1/c2"));
	printf("p1/c2/.. is p1: %s\n", yesno(ino("p1/c2/..") == ino("p1")));
	printf("nlink p1, p2: %ld %ld\n", nlink("p1"), nlink("p2"));
	show("rename p1/c2 over empty p2", rename("p1/c2", "p2"));
	printf("nlink p1, p2: %ld %ld\n", nlink("p1"), nlink("p2"));

	show("unlink db/x", unlink("db/x"));
	show("rmdir db/sub", rmdir("db/sub"));
	show("rmdir db", rmdir("db"));
	show("unlink dc/y", unlink("dc/y"));
	show("rmdir dc", rmdir("dc"));
	show("rmdir p1", rmdir("p1"));
	show("rmdir p2", rmdir("p2"));
	show("unlink d/r", unlink("d/r"));
}

static void test_link(void)
{
	printf("-- link\n");
	printf("nlink f: %ld\n", nlink("f"));
	show("link f g", link("f", "g"));
	printf("nlink f: %ld\n", nlink("f"));
	printf("ino same as via the other name: %s\n", yesno(ino("f") == ino("g")));
	show("link f d/h", link("f", "d/h"));
	printf("nlink f: %ld\n", nlink("f"));
	printf("content via d/h: %s", get("d/h"));
	show("link to an existing name", link("f", "g"));
	show("link a missing file", link("missing", "x"));
	show("link into a missing dir", link("f", "nodir/x"));
	show("link a dir", link("d", "dlink"));
	show("unlink g", unlink("g"));
	printf("nlink f: %ld\n", nlink("f"));
	show("unlink d/h", unlink("d/h"));
	printf("nlink f: %ld\n", nlink("f"));
	printf("content via f: %s", get("f"));
}

static void symlink_len(int len)
{
	char target[1100], back[1100];
	struct stat st;
	long n;
	char what[64];

	for (int i = 0; i < len; i++)
		target[i] = 'a' + i % 26;
	target[len] = '\0';
	snprintf(what, sizeof(what), "symlink with a %d-byte target", len);
	show(what, symlink(target, "long"));
	n = readlink("long", back, sizeof(back));
	show("  readlink", n);
	printf("  same target: %s\n", yesno(n == len && !memcmp(back, target, len)));
	show("  lstat", lstat("long", wipe(&st)));
	printf("  st_size: %ld\n", (long)st.st_size);
	show("  unlink", unlink("long"));
}

static void test_symlink(void)
{
	char buf[64];
	struct stat st;
	long n;
	int fd;

	printf("-- symlink, readlink\n");
	show("symlink f s1", symlink("f", "s1"));
	n = readlink("s1", buf, sizeof(buf));
	show("readlink s1", n);
	printf("target: %.*s\n", (int)(n > 0 ? n : 0), buf);
	show_mode("lstat s1", "s1", 1);
	show("lstat", lstat("s1", wipe(&st)));
	printf("lstat st_size: %ld\n", (long)st.st_size);
	show_mode("stat s1", "s1", 0);
	printf("stat s1 is f: %s\n", yesno(ino("s1") == ino("f")));
	printf("content via s1: %s", get("s1"));
	show("symlink over an existing name", symlink("x", "s1"));
	show("readlink a file", readlink("f", buf, sizeof(buf)));
	show("readlink missing", readlink("missing", buf, sizeof(buf)));
	show("symlink 0123456789 s2", symlink("0123456789", "s2"));
	memset(buf, '.', sizeof(buf));
	show("readlink s2 into 3 bytes", readlink("s2", buf, 3));
	printf("got: %.4s\n", buf);
	show("stat dangling s2", stat("s2", &st));
	show_mode("lstat dangling s2", "s2", 1);
	show("open dangling s2", open("s2", O_RDONLY));
	show("open O_CREAT|O_EXCL on dangling s2", open("s2", O_WRONLY | O_CREAT | O_EXCL, 0644));
	fd = open("s2", O_WRONLY | O_CREAT, 0644);
	show_ok("open O_CREAT through dangling s2", fd);
	close(fd);
	printf("creates the target: %s\n", yesno(exists("0123456789")));
	show("unlink 0123456789", unlink("0123456789"));
	show("open O_NOFOLLOW on symlink", open("s1", O_RDONLY | O_NOFOLLOW));
	fd = open("f", O_RDONLY | O_NOFOLLOW);
	show_ok("open O_NOFOLLOW on file", fd);
	close(fd);

	show("symlink d sd", symlink("d", "sd"));
	show("create sd/viasym", put("sd/viasym", "v"));
	printf("d/viasym there: %s\n", yesno(exists("d/viasym")));
	show_mode("stat sd/", "sd/", 1);
	show("unlink sd/viasym", unlink("sd/viasym"));

	show("symlink l2 l1", symlink("l2", "l1"));
	show("symlink l1 l2", symlink("l1", "l2"));
	show("open l1 (loop)", open("l1", O_RDONLY));
	show("stat l1 (loop)", stat("l1", &st));
	show_ok("lstat l1", lstat("l1", &st));

	for (int i = 0; i < 6; i++) {
		static const int len[] = { 1, 59, 60, 61, 500, 1023 };

		symlink_len(len[i]);
	}

	show("unlink s1", unlink("s1"));
	printf("f still there: %s\n", yesno(exists("f")));
	show("unlink s2", unlink("s2"));
	show("unlink l1", unlink("l1"));
	show("unlink l2", unlink("l2"));
	/* sd stays for the chdir checks */
}

struct ent {
	char name[256];
	unsigned char type;
	unsigned long long ino;
};

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

/* Read a directory with getdents64 in bufsize-byte calls, sorted. */
static int list_dir(int fd, size_t bufsize, struct ent *ents, int max)
{
	char *buf = malloc(bufsize);
	int n = 0;
	long r;

	lseek(fd, 0, SEEK_SET);
	while ((r = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
		for (long off = 0; off < r;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (n < max) {
				snprintf(ents[n].name, sizeof(ents[n].name), "%s", d->d_name);
				ents[n].type = d->d_type;
				ents[n].ino = d->d_ino;
			}
			n++;
			off += d->d_reclen;
		}
	}
	free(buf);
	if (r < 0)
		return -1;
	if (n > max)
		n = max;
	qsort(ents, n, sizeof(*ents), cmp_ent);
	return n;
}

static const char *dtype(unsigned char t)
{
	switch (t) {
	case DT_REG:	return "DT_REG";
	case DT_DIR:	return "DT_DIR";
	case DT_LNK:	return "DT_LNK";
	case DT_UNKNOWN: return "DT_UNKNOWN";
	default:	return "DT_?";
	}
}

static void many_name(char *buf, size_t n, int i, int gen)
{
	/* Names of 8 to 60 bytes, so entries differ in length. */
	int len = 8 + (i * 7 + gen * 13) % 53;

	snprintf(buf, n, "file-%03d-%d-", i, gen);
	for (int k = strlen(buf); k < len; k++)
		buf[k] = 'a' + (i + k) % 26;
	buf[len] = '\0';
}

static int check_many(int fd, int count_want, int gen_odd)
{
	static struct ent ents[400];
	char want[64];
	int n = list_dir(fd, 4096, ents, 400), ok = 1, k = 0;

	if (n != count_want + 2)
		return 0;
	/* sorted: ".", "..", then file-000-... to file-199-... */
	for (int i = 0; i < 200; i++) {
		if (gen_odd < 0 && (i & 1))
			continue;
		many_name(want, sizeof(want), i, (i & 1) ? gen_odd : 0);
		if (strcmp(ents[2 + k].name, want) || ents[2 + k].type != DT_REG)
			ok = 0;
		k++;
	}
	return ok && !strcmp(ents[0].name, ".") && !strcmp(ents[1].name, "..");
}

static void test_getdents(void)
{
	static struct ent ents[64], ents2[64];
	char longname[101], name[64], buf[16];
	struct stat st;
	int fd, n, n2, ok;

	printf("-- getdents64\n");
	show("mkdir list", mkdir("list", 0755));
	put("list/b", "b");
	put("list/a", "a");
	put("list/c", "c");
	memset(longname, 'L', 100);
	longname[100] = '\0';
	snprintf(name, sizeof(name), "list/%.50s", longname);
	put(name, "long");
	mkdir("list/sub", 0755);
	symlink("a", "list/l");
	fd = open("list", O_RDONLY | O_DIRECTORY);
	show_ok("open list", fd);
	n = list_dir(fd, 32768, ents, 64);
	show("entries (32 KiB buffer)", n);
	for (int i = 0; i < n; i++)
		printf("  %s %s\n", dtype(ents[i].type),
		       strlen(ents[i].name) > 20 ? "(50 L's)" : ents[i].name);
	stat("list/a", &st);
	for (int i = 0; i < n; i++)
		if (!strcmp(ents[i].name, "a"))
			printf("d_ino of a == st_ino: %s\n", yesno(ents[i].ino == st.st_ino));
	n2 = list_dir(fd, 96, ents2, 64);
	show("entries (96-byte buffer, several calls)", n2);
	ok = n2 == n;
	for (int i = 0; ok && i < n; i++)
		ok = !strcmp(ents[i].name, ents2[i].name) && ents[i].type == ents2[i].type;
	printf("same listing: %s\n", yesno(ok));
	show("getdents64 at the end", syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	lseek(fd, 0, SEEK_SET);
	show("getdents64 into 16 bytes", syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	close(fd);
	fd = open("f", O_RDONLY);
	show("getdents64 on a file", syscall(SYS_getdents64, fd, ents, sizeof(ents)));
	close(fd);
	show("getdents64 on a bad fd", syscall(SYS_getdents64, 99, ents, sizeof(ents)));

	/* Many entries over several directory blocks; delete and refill. */
	show("mkdir many", mkdir("many", 0755));
	ok = 1;
	for (int i = 0; i < 200; i++) {
		char p[80];

		many_name(name, sizeof(name), i, 0);
		snprintf(p, sizeof(p), "many/%s", name);
		ok &= put(p, "") == 0;
	}
	printf("create 200 files: %s\n", yesno(ok));
	fd = open("many", O_RDONLY | O_DIRECTORY);
	printf("list: 202 entries, right names: %s\n", yesno(check_many(fd, 200, 0)));
	ok = 1;
	for (int i = 1; i < 200; i += 2) {
		char p[80];

		many_name(name, sizeof(name), i, 0);
		snprintf(p, sizeof(p), "many/%s", name);
		ok &= unlink(p) == 0;
	}
	printf("unlink the odd ones: %s\n", yesno(ok));
	printf("list: 102 entries, right names: %s\n", yesno(check_many(fd, 100, -1)));
	ok = 1;
	for (int i = 1; i < 200; i += 2) {
		char p[80];

		many_name(name, sizeof(name), i, 1);
		snprintf(p, sizeof(p), "many/%s", name);
		ok &= put(p, "") == 0;
	}
	printf("create them again, other lengths: %s\n", yesno(ok));
	printf("list: 202 entries, right names: %s\n", yesno(check_many(fd, 200, 1)));
	ok = 1;
	for (int i = 0; i < 200; i++) {
		char p[80];

		many_name(name, sizeof(name), i, i & 1);
		snprintf(p, sizeof(p), "many/%s", name);
		ok &= unlink(p) == 0;
	}
	printf("unlink all: %s\n", yesno(ok));
	n = list_dir(fd, 4096, ents, 64);
	show("entries left", n);
	close(fd);
	show("rmdir many", rmdir("many"));

	show("unlink list/a", unlink("list/a"));
	show("unlink list/b", unlink("list/b"));
	show("unlink list/c", unlink("list/c"));
	snprintf(name, sizeof(name), "list/%.50s", longname);
	show("unlink list/(50 L's)", unlink(name));
	show("unlink list/l", unlink("list/l"));
	show("rmdir list/sub", rmdir("list/sub"));
	show("rmdir list", rmdir("list"));
}

static void test_dots(void)
{
	struct stat st;

	printf("-- . and ..\n");
	show("mkdir a", mkdir("a", 0755));
	show("mkdir a/b", mkdir("a/b", 0755));
	show("create a/c", put("a/c", "c content"));
	printf("a/b/../c: %s\n", get("a/b/../c"));
	printf("./a/./c: %s\n", get("./a/./c"));
	printf("a//c: %s\n", get("a//c"));
	printf("a/b/.. is a: %s\n", yesno(ino("a/b/..") == ino("a")));
	printf("a/./b/. is a/b: %s\n", yesno(ino("a/./b/.") == ino("a/b")));
	printf("a/../a/b is a/b: %s\n", yesno(ino("a/../a/b") == ino("a/b")));
	printf(".. of the work dir is DIR: %s\n", yesno(ino("..") == ino(base)));
	printf("/.. is /: %s\n", yesno(ino("/..") == ino("/")));
	show("stat f/..", stat("f/..", &st));
	show("stat a/missing/..", stat("a/missing/..", &st));
	show("stat a/c/.", stat("a/c/.", &st));
}

static void test_cwd(void)
{
	char buf[PATH_MAX];
	struct stat st;
	long r;
	int fd, ffd;

	printf("-- chdir, fchdir, getcwd\n");
	show_cwd("getcwd");
	show("chdir a/b", chdir("a/b"));
	show_cwd("getcwd");
	printf("../c: %s\n", get("../c"));
	show("chdir ..", chdir(".."));
	show_cwd("getcwd");
	show("chdir ../a/./b/..", chdir("../a/./b/.."));
	show_cwd("getcwd");
	show("chdir .", chdir("."));
	show_cwd("getcwd");
	fd = open("b", O_RDONLY | O_DIRECTORY);
	show("chdir ..", chdir(".."));
	show("fchdir to a/b", fchdir(fd));
	show_cwd("getcwd");
	close(fd);
	show("chdir through symlink sd", chdir("../../sd"));
	show_cwd("getcwd (the real name)");
	show("chdir ..", chdir(".."));
	show("chdir to a file", chdir("f"));
	show("chdir missing", chdir("missing"));
	ffd = open("f", O_RDONLY);
	show("fchdir to a file", fchdir(ffd));
	close(ffd);
	show("fchdir bad fd", fchdir(99));
	show_cwd("getcwd (unchanged)");

	r = syscall(SYS_getcwd, buf, sizeof(buf));
	printf("getcwd syscall returns strlen + 1: %s\n", yesno(r == (long)strlen(buf) + 1));
	show("getcwd syscall into 5 bytes", syscall(SYS_getcwd, buf, 5));
	show("getcwd syscall into 0 bytes", syscall(SYS_getcwd, buf, 0));

	show("mkdir gone", mkdir("gone", 0755));
	show("chdir gone", chdir("gone"));
	show("rmdir ../gone (the cwd)", rmdir("../gone"));
	show("getcwd syscall in a removed dir", syscall(SYS_getcwd, buf, sizeof(buf)));
	show("create in a removed dir", open("x", O_WRONLY | O_CREAT, 0644));
	show("stat .", stat(".", wipe(&st)));
	printf("nlink of the removed cwd: %ld\n", (long)st.st_nlink);
	show("chdir back to the work dir", chdir(workdir));
	show_cwd("getcwd");
}

static void test_unlink_open(void)
{
	char buf[16] = "";
	struct stat st;
	int fd, fd2;

	printf("-- unlink while open\n");
	fd = open("u", O_RDWR | O_CREAT | O_EXCL, 0644);
	show("write data", write(fd, "data", 4));
	show("unlink u", unlink("u"));
	show("fstat", fstat(fd, wipe(&st)));
	printf("st_nlink=%ld\n", (long)st.st_nlink);
	show("stat u", stat("u", &st));
	show("pread 4 at 0", pread(fd, buf, 4, 0));
	printf("got: %.4s\n", buf);
	show("write more", write(fd, "more", 4));
	show("fstat", fstat(fd, wipe(&st)));
	printf("size: %ld\n", (long)st.st_size);
	show("pread 8 at 0", pread(fd, buf, 8, 0));
	printf("got: %.8s\n", buf);
	fd2 = open("u", O_RDWR | O_CREAT | O_EXCL, 0644);
	show_ok("create u again", fd2);
	show("fstat new u", fstat(fd2, wipe(&st)));
	printf("new u size: %ld\n", (long)st.st_size);
	show("close old", close(fd));
	show("close new", close(fd2));
	show("unlink u", unlink("u"));

	/* A larger unlinked file: its blocks go when the last fd closes. */
	fd = open("u2", O_RDWR | O_CREAT | O_EXCL, 0644);
	for (int i = 0; i < 100; i++)
		write(fd, "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdef", 768);
	show("unlink u2 (76800 bytes, open)", unlink("u2"));
	show("fstat", fstat(fd, wipe(&st)));
	printf("size: %ld\n", (long)st.st_size);
	show("pread 16 at 70000", pread(fd, buf, 16, 70000));
	printf("got: %.16s\n", buf);
	show("close", close(fd));
}

static void test_access(void)
{
	int dfd;

	printf("-- access, faccessat\n");
	show("access f F_OK", access("f", F_OK));
	show("access f R_OK", access("f", R_OK));
	show("access f R_OK|W_OK", access("f", R_OK | W_OK));
	show("access f X_OK (0644, root)", access("f", X_OK));
	show("chmod f 0744", chmod("f", 0744));
	show("access f X_OK (0744)", access("f", X_OK));
	show("chmod f 0644", chmod("f", 0644));
	show("access d X_OK", access("d", X_OK));
	show("access missing F_OK", access("missing", F_OK));
	show("access through a file", access("f/x", F_OK));
	show("access bad mode", access("f", 8));
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	show("put d/in", put("d/in", "in"));
	show("faccessat d in R_OK", faccessat(dfd, "in", R_OK, 0));
	show("faccessat d missing F_OK", faccessat(dfd, "missing", F_OK, 0));
	show("faccessat AT_FDCWD f R_OK", faccessat(AT_FDCWD, "f", R_OK, 0));
	show("faccessat bad fd", syscall(SYS_faccessat, 99, "in", F_OK));
	show("faccessat absolute path, bad fd", syscall(SYS_faccessat, 99, workdir, F_OK));
	show("unlink d/in", unlink("d/in"));
	close(dfd);
}

static void show_statfs(const char *what, const struct statfs *s)
{
	printf("%s: f_bsize > 0 %s, f_bfree <= f_blocks %s, f_bavail <= f_bfree %s, "
	       "f_ffree <= f_files %s, f_namelen %ld\n", what, yesno(s->f_bsize > 0),
	       yesno(s->f_bfree <= s->f_blocks), yesno(s->f_bavail <= s->f_bfree),
	       yesno(s->f_ffree <= s->f_files), (long)s->f_namelen);
}

int main(int argc, char **argv)
{
	struct statfs before, mid, after, f2;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2 || strlen(argv[1]) > 1024) {
		fprintf(stderr, "usage: fs_dir DIR\n");
		return 2;
	}
	umask(022);
	t_before = time(NULL);
	show("statfs DIR", statfs(argv[1], &before));
	show_statfs("statfs", &before);
	fd = open(argv[1], O_RDONLY | O_DIRECTORY);
	show("fstatfs DIR", fstatfs(fd, &f2));
	close(fd);
	printf("fstatfs agrees: %s\n", yesno(f2.f_blocks == before.f_blocks &&
	       f2.f_files == before.f_files && f2.f_bsize == before.f_bsize));
	show("statfs missing", statfs("/nonexistent-fs_dir", &f2));

	show("chdir DIR", chdir(argv[1]));
	if (!getcwd(base, sizeof(base))) {
		printf("getcwd: -1 %s\n", errname(errno));
		return 1;
	}
	snprintf(workdir, sizeof(workdir), "%s/fs_dir.d", base);
	show("mkdir fs_dir.d", mkdir("fs_dir.d", 0755));
	show("chdir fs_dir.d", chdir("fs_dir.d"));

	test_mkdir();
	test_stat();
	test_rmdir_unlink();
	test_rename();
	test_link();
	test_symlink();
	test_getdents();
	test_dots();
	test_cwd();
	test_unlink_open();
	test_access();

	show("statfs DIR", statfs(base, &mid));
	printf("free blocks lower while files exist: %s\n", yesno(mid.f_bfree < before.f_bfree));
	printf("free inodes lower while files exist: %s\n", yesno(mid.f_ffree < before.f_ffree));

	printf("-- cleanup\n");
	show("unlink a/c", unlink("a/c"));
	show("rmdir a/b", rmdir("a/b"));
	show("rmdir a", rmdir("a"));
	show("unlink sd", unlink("sd"));
	show("rmdir d", rmdir("d"));
	show("unlink f", unlink("f"));
	show("chdir ..", chdir(".."));
	show("rmdir fs_dir.d", rmdir("fs_dir.d"));
	show("statfs DIR", statfs(base, &after));
	printf("statfs free blocks restored: %s\n", yesno(after.f_bfree == before.f_bfree));
	printf("statfs free inodes restored: %s\n", yesno(after.f_ffree == before.f_ffree));
	if (after.f_bfree != before.f_bfree || after.f_ffree != before.f_ffree)
		fprintf(stderr, "## fs_dir: free blocks %llu -> %llu, inodes %llu -> %llu\n",
			(unsigned long long)before.f_bfree, (unsigned long long)after.f_bfree,
			(unsigned long long)before.f_ffree, (unsigned long long)after.f_ffree);
	return 0;
}
