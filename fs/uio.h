#ifndef FS_UIO_H
#define FS_UIO_H

/*
 * iov_iter: a cursor over the buffers of one read or write, so that
 * read/readv/pread64 (and the write family) share one path down to the
 * driver.  User buffers (ITER_IOVEC) or kernel ones (ITER_KVEC).
 * Linux: include/linux/uio.h, lib/iov_iter.c.
 */
#include "kernel/types.h"

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024	/* Linux's limit on iovcnt */

enum iter_type { ITER_IOVEC, ITER_KVEC };

struct iov_iter {
	enum iter_type type;
	const struct iovec *iov;	/* for ITER_KVEC, iov_base is a kernel address */
	unsigned long nr_segs;
	size_t iov_offset;		/* how far into iov[0] we are */
	size_t count;			/* bytes left in all segments */
};

void iov_iter_init(struct iov_iter *i, enum iter_type type,
		   const struct iovec *iov, unsigned long nr_segs, size_t count);
/* Copy up to n bytes; return how many were copied (short on a bad address). */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i);

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

#endif
