#ifndef FS_POLL_H
#define FS_POLL_H

/*
 * What a driver's ->poll does: call poll_wait() on every wait queue it
 * will wake when its state changes, then return the events true now.
 * poll and select (fs/select.c) pass a poll_table that puts the caller on
 * those queues, so they can sleep until something changes and ask again.
 * Linux: include/linux/poll.h, include/uapi/asm-generic/poll.h.
 */
#include "kernel/wait.h"
#include "fs/fs.h"

/* The events of struct pollfd, Linux x86_64 values. */
#define POLLIN		0x0001	/* there is data to read */
#define POLLPRI		0x0002	/* urgent data */
#define POLLOUT		0x0004	/* writing will not block */
#define POLLERR		0x0008	/* error (a pipe: no readers left) */
#define POLLHUP		0x0010	/* hung up (a pipe: no writers left) */
#define POLLNVAL	0x0020	/* fd is not open */
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200

/* A file without ->poll is always ready, as a regular file is. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;	/* NULL: only ask, do not queue the caller */
} poll_table;

/* Tell the poller about a queue that will be woken when events change. */
static inline void poll_wait(struct file *filp, wait_queue_head_t *wq, poll_table *p)
{
	if (p && p->_qproc && wq)
		p->_qproc(filp, wq, p);
}

/* The events f has now (and queue the caller, if pt asks for that). */
static inline unsigned int vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

#endif
