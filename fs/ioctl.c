/*
 * ioctl: a few commands every file understands (Linux's do_vfs_ioctl),
 * then the file's driver.  Linux: fs/ioctl.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/uaccess.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

#define FIONREAD	0x541b
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

static long do_vfs_ioctl(struct file *f, unsigned int fd, unsigned int cmd,
			 unsigned long arg)
{
	int on;

	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~O_NONBLOCK;
		return 0;
	case FIONREAD:
		if (!S_ISREG(f->f_inode->i_mode))
			break;		/* the driver answers (pipes, ttys, sockets) */
		on = f->f_inode->i_size > f->f_pos ? f->f_inode->i_size - f->f_pos : 0;
		return put_user(on, (int __user *)arg);
	}
	if (f->f_op && f->f_op->unlocked_ioctl)
		return f->f_op->unlocked_ioctl(f, cmd, arg);
	return -ENOTTY;	/* Linux's answer when nobody knows cmd */
}

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_vfs_ioctl(f, fd, cmd, arg);
	fput(f);
	return ret;
}
