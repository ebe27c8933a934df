/* ioctl: hand the command to the file's driver.  Linux: fs/ioctl.c. */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret = -ENOTTY;	/* Linux's answer when the driver does not know cmd */

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->unlocked_ioctl)
		ret = f->f_op->unlocked_ioctl(f, cmd, arg);
	fput(f);
	return ret;
}
