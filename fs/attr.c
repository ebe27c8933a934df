/*
 * Changing a file's attributes: chmod, chown and the time-setting calls
 * (utimensat, utimes, futimesat, utime).  Linux: fs/open.c (chmod_common,
 * chown_common), fs/utimes.c, fs/attr.c (notify_change).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/uaccess.h"
#include "kernel/timer.h"
#include "fs/namei.h"
#include "fs/syscalls.h"

#define S_ISUID		04000
#define S_ISGID		02000
#define S_IXGRP		00010
#define UTIME_NOW	((1L << 30) - 1)
#define UTIME_OMIT	((1L << 30) - 2)

struct timespec64 {
	long tv_sec, tv_nsec;
};

struct timeval64 {
	long tv_sec, tv_usec;
};

/* The file a call names: a path (following links unless nofollow) or a descriptor. */
static int get_target(int dfd, const char __user *name, bool nofollow, struct path *path,
		      struct inode **inode, struct file **f)
{
	*f = NULL;
	if (!name) {			/* futimens(): the descriptor itself */
		*f = fget(dfd);
		if (!*f)
			return -EBADF;
		*inode = (*f)->f_inode;
		return 0;
	}
	int err = user_path_at(dfd, name, nofollow ? 0 : LOOKUP_FOLLOW, path);

	if (!err)
		*inode = path->dentry->d_inode;
	return err;
}

static void put_target(struct path *path, struct file *f)
{
	if (f)
		fput(f);
	else
		path_put(path);
}

static int chmod_common(struct inode *inode, umode_t mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & S_IALLUGO);
	inode->i_ctime = current_time();
	mark_inode_dirty(inode);
	return 0;
}

long sys_fchmodat(int dfd, const char __user *filename, umode_t mode)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err = get_target(dfd, filename, false, &path, &inode, &f);

	if (err)
		return err;
	err = chmod_common(inode, mode);
	put_target(&path, f);
	return err;
}

long sys_chmod(const char __user *filename, umode_t mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

long sys_fchmod(unsigned int fd, umode_t mode)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chmod_common(f->f_inode, mode);
	fput(f);
	return err;
}

static int chown_common(struct inode *inode, uid_t user, gid_t group)
{
	if (user != (uid_t)-1)
		inode->i_uid = user;
	if (group != (gid_t)-1)
		inode->i_gid = group;
	/* A new owner must not inherit set-id rights (notify_change's ATTR_KILL_*). */
	if (!S_ISDIR(inode->i_mode) && (user != (uid_t)-1 || group != (gid_t)-1)) {
		inode->i_mode &= ~S_ISUID;
		if (inode->i_mode & S_IXGRP)
			inode->i_mode &= ~S_ISGID;
	}
	inode->i_ctime = current_time();
	mark_inode_dirty(inode);
	return 0;
}

long sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = get_target(dfd, filename, flag & AT_SYMLINK_NOFOLLOW, &path, &inode, &f);
	if (err)
		return err;
	err = chown_common(inode, user, group);
	put_target(&path, f);
	return err;
}

long sys_chown(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned int fd, uid_t user, gid_t group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chown_common(f->f_inode, user, group);
	fput(f);
	return err;
}

/* times[0] is the access time, times[1] the modification time. */
static int utimes_common(struct inode *inode, const struct timespec64 *times)
{
	long now = current_time();

	if (!times) {
		inode->i_atime = inode->i_mtime = now;
	} else {
		if (times[0].tv_nsec != UTIME_OMIT)
			inode->i_atime = times[0].tv_nsec == UTIME_NOW ? now : times[0].tv_sec;
		if (times[1].tv_nsec != UTIME_OMIT)
			inode->i_mtime = times[1].tv_nsec == UTIME_NOW ? now : times[1].tv_sec;
	}
	inode->i_ctime = now;
	mark_inode_dirty(inode);
	return 0;
}

static bool nsec_valid(long nsec)
{
	return (nsec >= 0 && nsec < 1000000000L) || nsec == UTIME_NOW || nsec == UTIME_OMIT;
}

static long do_utimes(int dfd, const char __user *filename, struct timespec64 *times,
		      int flags)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
		return 0;
	err = get_target(dfd, filename, flags & AT_SYMLINK_NOFOLLOW, &path, &inode, &f);
	if (err)
		return err;
	err = utimes_common(inode, times);
	put_target(&path, f);
	return err;
}

long sys_utimensat(int dfd, const char __user *filename,
		   const struct timespec64 __user *utimes, int flags)
{
	struct timespec64 t[2];

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

long sys_futimesat(int dfd, const char __user *filename, const struct timeval64 __user *utimes)
{
	struct timeval64 tv[2];
	struct timespec64 t[2];
	int i;

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(dfd, filename, t, 0);
}

long sys_utimes(const char __user *filename, const struct timeval64 __user *utimes)
{
	return sys_futimesat(AT_FDCWD, filename, utimes);
}

long sys_utime(const char __user *filename, const long __user *times)
{
	struct timespec64 t[2];
	long tb[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(tb, times, sizeof(tb)))
		return -EFAULT;
	t[0].tv_sec = tb[0];
	t[1].tv_sec = tb[1];
	t[0].tv_nsec = t[1].tv_nsec = 0;
	return do_utimes(AT_FDCWD, filename, t, 0);
}
