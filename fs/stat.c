/*
 * stat, fstat, lstat, newfstatat, statfs, fstatfs: struct stat and
 * struct statfs exactly as the x86_64 ABI lays them out.
 * Linux: fs/stat.c, fs/statfs.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/uaccess.h"
#include "fs/namei.h"
#include "fs/syscalls.h"

struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;
	unsigned long st_atime, st_atime_nsec;
	unsigned long st_mtime, st_mtime_nsec;
	unsigned long st_ctime, st_ctime_nsec;
	long __unused[3];
};

struct statfs {
	long f_type, f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags;
	long f_spare[4];
};

static int cp_new_stat(struct inode *inode, struct stat __user *ubuf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = inode->i_sb ? inode->i_sb->s_dev : 0;
	st.st_ino = inode->i_ino;
	st.st_nlink = inode->i_nlink;
	st.st_mode = inode->i_mode;
	st.st_uid = inode->i_uid;
	st.st_gid = inode->i_gid;
	st.st_rdev = inode->i_rdev;
	st.st_size = inode->i_size;
	st.st_blksize = inode->i_sb ? inode->i_sb->s_blocksize : 4096;
	st.st_blocks = inode->i_blocks;
	st.st_atime = inode->i_atime;
	st.st_mtime = inode->i_mtime;
	st.st_ctime = inode->i_ctime;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf,
		    int flag)
{
	struct path path;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flag & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, filename))
			return -EFAULT;
		if (!c)
			return sys_newfstat(dfd, statbuf);
	}
	err = user_path_at(dfd, filename, flag & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
			   &path);
	if (err)
		return err;
	err = cp_new_stat(path.dentry->d_inode, statbuf);
	path_put(&path);
	return err;
}

long sys_newstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, 0);
}

long sys_newlstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_newfstat(unsigned int fd, struct stat __user *statbuf)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = cp_new_stat(f->f_inode, statbuf);
	fput(f);
	return err;
}

static int do_statfs(struct super_block *sb, struct statfs __user *ubuf)
{
	struct kstatfs k;
	struct statfs st;
	int err;

	memset(&k, 0, sizeof(k));
	if (!sb || !sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(sb, &k);
	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.f_type = k.f_type;
	st.f_bsize = k.f_bsize;
	st.f_blocks = k.f_blocks;
	st.f_bfree = k.f_bfree;
	st.f_bavail = k.f_bavail;
	st.f_files = k.f_files;
	st.f_ffree = k.f_ffree;
	st.f_namelen = k.f_namelen;
	st.f_frsize = k.f_frsize ? k.f_frsize : k.f_bsize;
	st.f_flags = k.f_flags;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *pathname, struct statfs __user *buf)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = do_statfs(path.dentry->d_sb, buf);
	path_put(&path);
	return err;
}

long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = do_statfs(f->f_path.dentry ? f->f_path.dentry->d_sb : f->f_inode->i_sb, buf);
	fput(f);
	return err;
}
