// SPDX-License-Identifier: GPL-2.0
/*
 * stat - show what the inode of a file says.
 *
 * Usage: stat FILE...
 * For each FILE (a symbolic link is shown itself, not followed), the
 * layout of GNU stat, with times as numbers:
 *
 *   File: /etc/passwd
 *   Size: 145             Blocks: 2          IO Block: 1024   regular file
 * Device: 1,0     Inode: 41          Links: 1
 * Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)
 * Access: 1763711247
 * Modify: 1763711245
 * Change: 1763711253
 *
 * Blocks counts 512-byte units; the times are seconds since 1970-01-01
 * UTC.  User and group names come from /etc/passwd and /etc/group.
 *
 * System calls: lstat, readlink (for links), open, read, lseek, close (the
 * passwd and group files, through stdio), writev.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static const char *type_name(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:  return st->st_size ? "regular file" : "regular empty file";
	case S_IFDIR:  return "directory";
	case S_IFLNK:  return "symbolic link";
	case S_IFCHR:  return "character special file";
	case S_IFBLK:  return "block special file";
	case S_IFIFO:  return "fifo";
	case S_IFSOCK: return "socket";
	}
	return "weird file";
}

/* The ten letters ls -l shows, e.g. "drwxr-xr-x". */
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

/*
 * Look id up in /etc/passwd or /etc/group, whose lines both start with
 * "name:password:id:".  Returns name, or "UNKNOWN".
 */
static const char *id_name(const char *file, unsigned int id, char *name,
			   size_t size)
{
	char line[1024], *pw, *num, *end;
	FILE *f = fopen(file, "r");

	snprintf(name, size, "UNKNOWN");
	if (!f)
		return name;
	while (fgets(line, sizeof(line), f)) {
		pw = strchr(line, ':');
		num = pw ? strchr(pw + 1, ':') : NULL;
		if (!num || !isdigit((unsigned char)num[1]))
			continue;
		if (strtoul(num + 1, &end, 10) == id && *end == ':') {
			*pw = '\0';
			snprintf(name, size, "%s", line);
			break;
		}
	}
	fclose(f);
	return name;
}

static int show(const char *path)
{
	char mode[11], user[1024], group[1024], target[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "stat: %s: %s\n", path, strerror(errno));
		return -1;
	}

	printf("  File: %s", path);
	if (S_ISLNK(st.st_mode) &&
	    (n = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		printf(" -> %s", target);
	}
	printf("\n");
	printf("  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n",
	       (long long)st.st_size, (long long)st.st_blocks,
	       (long)st.st_blksize, type_name(&st));
	printf("Device: %u,%u\tInode: %-11llu Links: ",
	       major(st.st_dev), minor(st.st_dev),
	       (unsigned long long)st.st_ino);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%-5lu Device type: %u,%u\n", (unsigned long)st.st_nlink,
		       major(st.st_rdev), minor(st.st_rdev));
	else
		printf("%lu\n", (unsigned long)st.st_nlink);
	mode_string(st.st_mode, mode);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n",
	       (unsigned int)(st.st_mode & 07777), mode,
	       (unsigned int)st.st_uid,
	       id_name("/etc/passwd", st.st_uid, user, sizeof(user)),
	       (unsigned int)st.st_gid,
	       id_name("/etc/group", st.st_gid, group, sizeof(group)));
	printf("Access: %lld\n", (long long)st.st_atime);
	printf("Modify: %lld\n", (long long)st.st_mtime);
	printf("Change: %lld\n", (long long)st.st_ctime);
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: stat FILE...\n");
		return 1;
	}
	for (i = 1; i < argc; i++)
		if (show(argv[i]) < 0)
			status = 1;

	if (fflush(stdout) != 0) {
		fprintf(stderr, "stat: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
