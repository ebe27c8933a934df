#ifndef FS_PIPE_H
#define FS_PIPE_H

/*
 * Pipes: a ring of page-sized buffers shared by a read end and a write
 * end.  Linux: include/linux/pipe_fs_i.h.
 */
#include "kernel/types.h"
#include "kernel/wait.h"

#define PIPE_DEF_BUFFERS	16	/* slots in the ring: 16 pages, 64 KiB */
#define PIPE_BUF		4096	/* writes up to this size are atomic */

/* One slot: a page holding len bytes of data from offset on. */
struct pipe_buffer {
	char *page;			/* allocated on first use, kept till the end */
	unsigned int offset, len;
};

/*
 * head and tail count slots and only ever grow (wrapping at 2^32, a
 * multiple of the ring size): head - tail slots hold data, the oldest at
 * bufs[tail % PIPE_DEF_BUFFERS].
 */
struct pipe_inode_info {
	wait_queue_head_t rd_wait;	/* readers wait here for data */
	wait_queue_head_t wr_wait;	/* writers wait here for room */
	unsigned int head;		/* the next slot a writer fills */
	unsigned int tail;		/* the oldest slot with data */
	unsigned int readers;		/* open files that read / write it */
	unsigned int writers;
	unsigned int files;		/* struct files on it; the last frees it */
	struct pipe_buffer bufs[PIPE_DEF_BUFFERS];
};

#endif
