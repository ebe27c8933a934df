/*
 * read, write and their vector and positioned forms.  All of them build
 * an iov_iter and go through vfs_read/vfs_write to the file's
 * read_iter/write_iter.  Linux: fs/read_write.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/uaccess.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

#define MAX_RW_COUNT	0x7ffff000L	/* Linux caps one transfer at this */

ssize_t vfs_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read_iter)
		return -EINVAL;
	if (!iov_iter_count(to))
		return 0;
	return f->f_op->read_iter(f, to, pos);
}

ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write_iter)
		return -EINVAL;
	if (!iov_iter_count(from))
		return 0;
	return f->f_op->write_iter(f, from, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t pos)
{
	struct iovec iov = { buf, count };
	struct iov_iter iter;

	iov_iter_init(&iter, ITER_KVEC, &iov, 1, count);
	return f->f_op->read_iter(f, &iter, &pos);
}

/* Read or write kernel memory through a file's own operations. */
ssize_t kernel_read_pos(struct file *f, void *buf, size_t count, loff_t *pos)
{
	struct iovec iov = { buf, count };
	struct iov_iter iter;

	iov_iter_init(&iter, ITER_KVEC, &iov, 1, count);
	return vfs_read(f, &iter, pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	struct iovec iov = { (void *)buf, count };
	struct iov_iter iter;

	iov_iter_init(&iter, ITER_KVEC, &iov, 1, count);
	return vfs_write(f, &iter, pos);
}

/* Copy and check a user iovec array; the total is capped like Linux. */
static long import_iovec(const struct iovec __user *uvec, unsigned long nr,
			 struct iovec **out, size_t *total)
{
	struct iovec *iov;
	size_t sum = 0;
	unsigned long i;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc((nr ? nr : 1) * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, nr * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (i = 0; i < nr; i++) {
		if ((ssize_t)iov[i].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
		if (iov[i].iov_len > (size_t)MAX_RW_COUNT - sum)
			iov[i].iov_len = MAX_RW_COUNT - sum;
		sum += iov[i].iov_len;
	}
	*out = iov;
	*total = sum;
	return 0;
}

/*
 * The common body: pos is NULL for "use and advance f_pos", or the
 * explicit offset of pread/pwrite.
 */
static ssize_t do_rw(unsigned int fd, const struct iovec *iov, unsigned long nr,
		     size_t total, loff_t *ppos, bool write)
{
	struct file *f = fget(fd);
	struct iov_iter iter;
	ssize_t ret;

	if (!f)
		return -EBADF;
	if (ppos && !(f->f_mode & FMODE_LSEEK)) {
		fput(f);
		return -ESPIPE;
	}
	iov_iter_init(&iter, ITER_IOVEC, iov, nr, total);
	if (!ppos)
		ppos = &f->f_pos;
	ret = write ? vfs_write(f, &iter, ppos) : vfs_read(f, &iter, ppos);
	fput(f);
	return ret;
}

static ssize_t do_rw_one(unsigned int fd, void __user *buf, size_t count,
			 loff_t *ppos, bool write)
{
	struct iovec iov = { buf, min(count, (size_t)MAX_RW_COUNT) };

	if (!access_ok(buf, iov.iov_len))
		return -EFAULT;
	return do_rw(fd, &iov, 1, iov.iov_len, ppos, write);
}

static ssize_t do_rw_vec(unsigned int fd, const struct iovec __user *uvec,
			 unsigned long nr, loff_t *ppos, bool write)
{
	struct iovec *iov;
	size_t total;
	ssize_t ret = import_iovec(uvec, nr, &iov, &total);

	if (ret)
		return ret;
	ret = do_rw(fd, iov, nr, total, ppos, write);
	kfree(iov);
	return ret;
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	return do_rw_one(fd, buf, count, NULL, false);
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	return do_rw_one(fd, (void __user *)buf, count, NULL, true);
}

long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, NULL, false);
}

long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, NULL, true);
}

long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw_one(fd, buf, count, &pos, false);
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw_one(fd, (void __user *)buf, count, &pos, true);
}

long sys_close(unsigned int fd)
{
	return close_fd(fd);
}

/* read() on a directory: Linux's generic_read_dir. */
ssize_t generic_read_dir(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return -EISDIR;
}

/* lseek for files with a size: regular files, directories, block devices. */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = f->f_inode->i_size;
		break;
	case SEEK_DATA:		/* no hole tracking: all of the file is data */
	case SEEK_HOLE:		/* ... and the only hole is past its end */
		if (offset < 0 || offset >= f->f_inode->i_size)
			return -ENXIO;
		f->f_pos = whence == SEEK_DATA ? offset : f->f_inode->i_size;
		return f->f_pos;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > MAX_LFS_FILESIZE - offset) || base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_LSEEK))
		ret = -ESPIPE;
	else if (f->f_op && f->f_op->llseek)
		ret = f->f_op->llseek(f, offset, whence);
	else
		ret = generic_file_llseek(f, offset, whence);
	fput(f);
	return ret;
}

/* The filesystem is RAM: every write is already "on disk". */
long sys_sync(void)
{
	return 0;
}

/* Likewise for one file; Linux says EINVAL for files that cannot be synced. */
long sys_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	umode_t mode;

	if (!f)
		return -EBADF;
	mode = f->f_inode->i_mode;
	fput(f);
	return S_ISREG(mode) || S_ISDIR(mode) || S_ISBLK(mode) ? 0 : -EINVAL;
}

/*
 * sendfile: copy between two files in the kernel, through a bounce
 * buffer (Linux splices page cache pages; the result is the same).
 */
long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	loff_t pos = 0, *ppos;
	ssize_t done = 0, err = 0;

	if (!in || !out) {
		err = -EBADF;
		goto out;
	}
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	if (offset && copy_from_user(&pos, offset, sizeof(pos))) {
		err = -EFAULT;
		goto out;
	}
	ppos = offset ? &pos : &in->f_pos;
	while ((size_t)done < count) {
		ssize_t n = kernel_read_pos(in, buf, min(count - done, PAGE_SIZE), ppos);
		ssize_t w;

		if (n <= 0) {
			err = n;
			break;
		}
		w = kernel_write(out, buf, n, &out->f_pos);
		if (w < 0) {
			err = w;
			break;
		}
		done += w;
		if (w < n) {
			*ppos -= n - w;		/* not written: not consumed */
			break;
		}
	}
	if (offset && copy_to_user(offset, &pos, sizeof(pos)))
		err = -EFAULT;
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return done ? done : err;
}
