/* /dev/null and /dev/zero.  Linux: drivers/char/mem.c. */
#include "kernel/kernel.h"
#include "drivers/mem.h"

static ssize_t null_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	size_t n = iov_iter_count(from);

	from->count = 0;	/* consumed, unread: nothing is copied */
	return n;
}

static ssize_t zero_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	static const char zeros[4096];
	size_t done = 0;

	while (iov_iter_count(to)) {
		size_t n = min(iov_iter_count(to), sizeof(zeros));
		size_t c = copy_to_iter(zeros, n, to);

		done += c;
		if (c < n)
			return done ? (ssize_t)done : -14 /* EFAULT */;
	}
	return done;
}

static loff_t noop_llseek(struct file *f, loff_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

const struct file_operations null_fops = {
	.llseek = noop_llseek,
	.read_iter = null_read,
	.write_iter = null_write,
};

const struct file_operations zero_fops = {
	.llseek = noop_llseek,
	.read_iter = zero_read,
	.write_iter = null_write,
};
