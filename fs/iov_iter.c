#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/uio.h"

void iov_iter_init(struct iov_iter *i, enum iter_type type,
		   const struct iovec *iov, unsigned long nr_segs, size_t count)
{
	i->type = type;
	i->iov = iov;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

/* Move one segment's worth; returns bytes done, fewer on a fault. */
static size_t copy_segment(struct iov_iter *i, void *kbuf, size_t n, bool to_iter)
{
	char *ubase = (char *)i->iov->iov_base + i->iov_offset;
	size_t left;

	if (i->type == ITER_KVEC) {
		if (to_iter)
			memcpy(ubase, kbuf, n);
		else
			memcpy(kbuf, ubase, n);
		return n;
	}
	left = to_iter ? copy_to_user(ubase, kbuf, n) : copy_from_user(kbuf, ubase, n);
	return n - left;
}

static size_t iterate(struct iov_iter *i, void *buf, size_t n, bool to_iter)
{
	size_t done = 0;

	n = min(n, i->count);
	while (done < n && i->nr_segs) {
		size_t seg = min(n - done, i->iov->iov_len - i->iov_offset);
		size_t copied = seg ? copy_segment(i, (char *)buf + done, seg, to_iter) : 0;

		done += copied;
		i->count -= copied;
		i->iov_offset += copied;
		if (copied < seg)
			break;		/* bad address: stop short */
		if (i->iov_offset == i->iov->iov_len) {
			i->iov++;
			i->nr_segs--;
			i->iov_offset = 0;
		}
	}
	return done;
}

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	return iterate(i, (void *)from, n, true);
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	return iterate(i, to, n, false);
}
