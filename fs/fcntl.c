/*
 * dup, dup2, dup3 and fcntl: several descriptors, one open file.
 * Linux: fs/file.c (do_dup2, ksys_dup3), fs/fcntl.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* Flags F_SETFL may change; the access mode and creation flags stay. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

long sys_dup(unsigned int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(fd, f);
	return fd;
}

/* Put file at newfd, closing whatever was there; consumes the reference. */
static long do_dup2(struct files_struct *files, struct file *file,
		    unsigned int newfd, unsigned int flags)
{
	struct file *old;

	if (newfd >= files->nofile_cur) {
		fput(file);
		return -EBADF;
	}
	if (expand_files(files, newfd)) {
		fput(file);
		return -ENOMEM;
	}
	old = files->fdt.fd[newfd];
	if (!old && fd_reserved(files, newfd)) {
		fput(file);
		return -EBUSY;		/* being opened right now (Linux: same) */
	}
	files->fdt.fd[newfd] = file;
	fd_mark_open(files, newfd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return newfd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	return do_dup2(current->files, f, newfd, flags);
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	struct file *f;

	if (oldfd == newfd) {		/* a no-op that still checks oldfd */
		f = fget(oldfd);
		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

static long dupfd_from(struct file *f, unsigned long from, unsigned int flags)
{
	int fd;

	if (from >= current->files->nofile_cur)
		return -EINVAL;
	fd = alloc_fd(current->files, from, flags);
	if (fd < 0)
		return fd;
	fd_install(fd, get_file(f));
	return fd;
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
		ret = dupfd_from(f, arg, 0);
		break;
	case F_DUPFD_CLOEXEC:
		ret = dupfd_from(f, arg, O_CLOEXEC);
		break;
	case F_GETFD:
		ret = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		ret = 0;
		break;
	case F_GETFL:
		ret = f->f_flags;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		ret = 0;
		break;
	default:
		ret = -EINVAL;	/* locks, leases, owners: not offered */
		break;
	}
	fput(f);
	return ret;
}
