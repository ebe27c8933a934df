/*
 * getdents64: the filesystem walks its directory from f_pos and calls
 * filldir for each entry, which packs struct linux_dirent64 records into
 * the user's buffer until it is full.  Linux: fs/readdir.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/uaccess.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir;
	int count;		/* room left */
	int error;
};

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t next_pos, unsigned long ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, 8);
	struct linux_dirent64 *d;
	char rec[ALIGN(offsetof(struct linux_dirent64, d_name) + 256, 8)];

	if (reclen > buf->count) {
		buf->error = -EINVAL;	/* only reported if nothing fit at all */
		return false;
	}
	d = (struct linux_dirent64 *)rec;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = reclen;
	d->d_type = d_type;
	memcpy(d->d_name, name, namlen);
	if (copy_to_user(buf->current_dir, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.current_dir = dirent,
		.count = count,
	};
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op || !f->f_op->iterate) {
		fput(f);
		return -ENOTDIR;
	}
	if (count > 0x7fffffff) {
		fput(f);
		return -EINVAL;
	}
	buf.ctx.pos = f->f_pos;
	err = f->f_op->iterate(f, &buf.ctx);
	f->f_pos = buf.ctx.pos;
	fput(f);
	if (err)
		return err;
	if (buf.current_dir == dirent && buf.error)
		return buf.error;
	return (char __user *)buf.current_dir - (char __user *)dirent;
}
