/*
 * /dev/ram0: the RAM holding the root filesystem image, as a block
 * device.  Reading it gives the filesystem exactly as the kernel keeps
 * it, which is how the tests check it with e2fsck on the host.
 * Linux: drivers/block/brd.c (here without a request queue).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "drivers/brd.h"
#include "fs/syscalls.h"

static u8 *brd_data;
static size_t brd_bytes;

void brd_init(void *image, size_t size)
{
	brd_data = image;
	brd_bytes = size;
}

size_t brd_size(void)
{
	return brd_bytes;
}

static ssize_t brd_rw(struct iov_iter *iter, loff_t *pos, bool write)
{
	size_t n, done;

	if (*pos >= (loff_t)brd_bytes)
		return write ? -ENOSPC : 0;
	n = min(iov_iter_count(iter), brd_bytes - *pos);
	done = write ? copy_from_iter(brd_data + *pos, n, iter)
		     : copy_to_iter(brd_data + *pos, n, iter);
	*pos += done;
	return done ? (ssize_t)done : (n ? -EFAULT : 0);
}

static ssize_t brd_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return brd_rw(to, pos, false);
}

static ssize_t brd_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	return brd_rw(from, pos, true);
}

const struct file_operations brd_fops = {
	.llseek = generic_file_llseek,
	.read_iter = brd_read,
	.write_iter = brd_write,
};
