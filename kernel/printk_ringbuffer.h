#ifndef KERNEL_PRINTK_RINGBUFFER_H
#define KERNEL_PRINTK_RINGBUFFER_H

/*
 * The kernel log that dmesg reads through syslog(2): every printk line
 * as a record (level, time, text), one record after the other in a ring
 * of bytes.  When a new record does not fit, the oldest ones are dropped.
 *
 * A record is a struct printk_info followed by its text (no newline, no
 * NUL).  Both may wrap around the end of the buffer, so they are always
 * copied out, never used in place; that way no byte is lost to padding
 * or to a "wrap here" marker.  Records are numbered 0, 1, 2, ... (seq).
 * A reader keeps a struct prb_pos: the number of the record it reads
 * next and where that record starts.  If the record was dropped in the
 * meantime (seq < first_seq), the reader goes on with the oldest one.
 *
 * Pure logic: no locking (kernel/printk.c disables interrupts around
 * every call) and no user memory, so tests/unit runs it on the host.
 * Linux: kernel/printk/printk_ringbuffer.c is lockless and keeps
 * descriptors and text in two rings; this is closer to the single byte
 * array of Linux 3.5 to 5.9 (struct printk_log in log_buf).
 */
#include "kernel/types.h"

#define PRB_TEXT_MAX	512	/* longest text of a record; printk's buffer */
/* "<7>[" + seconds (up to 11 digits for 64-bit ns) + ".123456] " */
#define PRB_PREFIX_MAX	32
#define PRB_LINE_MAX	(PRB_PREFIX_MAX + PRB_TEXT_MAX + 1)	/* with '\n' */

struct printk_info {
	u64 ts_nsec;		/* ktime_get_ns() when logged; 0 before the clock runs */
	u16 text_len;
	u8 level;		/* 0 (KERN_EMERG) .. 7 (KERN_DEBUG) */
};

struct printk_ringbuffer {
	char *buf;
	u32 size;		/* bytes in buf */
	u32 used;		/* bytes the records take */
	u32 first_idx;		/* where the oldest record starts */
	u32 next_idx;		/* where the next record will start */
	u64 first_seq;		/* the oldest record's number */
	u64 next_seq;		/* the next record's number; == first_seq: empty */
};

/* For a static ring over an array: no code has to run before printk. */
#define PRB_INIT(array)	{ .buf = (array), .size = sizeof(array) }

struct prb_pos {
	u64 seq;		/* the record to read next */
	u32 idx;		/* where it starts in buf */
};

void prb_init(struct printk_ringbuffer *rb, char *buf, u32 size);
void prb_store(struct printk_ringbuffer *rb, int level, u64 ts_nsec,
	       const char *text, size_t len);
void prb_first(const struct printk_ringbuffer *rb, struct prb_pos *pos);
void prb_end(const struct printk_ringbuffer *rb, struct prb_pos *pos);
bool prb_read(const struct printk_ringbuffer *rb, struct prb_pos *pos,
	      struct printk_info *info, char *text);
size_t prb_line_len(const struct printk_info *info);
size_t prb_format(const struct printk_info *info, const char *text,
		  char *buf, size_t size);
size_t prb_size_from(const struct printk_ringbuffer *rb, const struct prb_pos *pos);
void prb_fit_tail(const struct printk_ringbuffer *rb, struct prb_pos *pos, size_t size);

#endif
