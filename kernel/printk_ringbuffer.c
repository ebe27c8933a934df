/*
 * The ring of printk records (see printk_ringbuffer.h): storing with the
 * oldest records dropped to make room, reading from a position, and the
 * text syslog(2) returns for a record, "<6>[    1.234567] text\n".
 * Linux: kernel/printk/printk.c (log_store, syslog_print_all,
 * find_first_fitting_seq, info_print_prefix), printk_ringbuffer.c.
 */
#include "kernel/printk_ringbuffer.h"
#include "kernel/kernel.h"

#define NSEC_PER_SEC	1000000000UL

void prb_init(struct printk_ringbuffer *rb, char *buf, u32 size)
{
	*rb = (struct printk_ringbuffer){ .buf = buf, .size = size };
}

/* The index n bytes after idx, around the end of the buffer. */
static u32 prb_advance(const struct printk_ringbuffer *rb, u32 idx, u32 n)
{
	return n >= rb->size - idx ? idx + n - rb->size : idx + n;
}

static void prb_copy_in(struct printk_ringbuffer *rb, u32 idx, const void *src, u32 n)
{
	u32 first = min(n, rb->size - idx);

	memcpy(rb->buf + idx, src, first);
	memcpy(rb->buf, (const char *)src + first, n - first);
}

static void prb_copy_out(const struct printk_ringbuffer *rb, u32 idx, void *dst, u32 n)
{
	u32 first = min(n, rb->size - idx);

	memcpy(dst, rb->buf + idx, first);
	memcpy((char *)dst + first, rb->buf, n - first);
}

static u32 prb_record_size(const struct printk_info *info)
{
	return sizeof(*info) + info->text_len;
}

static void prb_drop_first(struct printk_ringbuffer *rb)
{
	struct printk_info info;

	prb_copy_out(rb, rb->first_idx, &info, sizeof(info));
	rb->first_idx = prb_advance(rb, rb->first_idx, prb_record_size(&info));
	rb->used -= prb_record_size(&info);
	rb->first_seq++;
}

/* Add a record; text longer than PRB_TEXT_MAX is cut. */
void prb_store(struct printk_ringbuffer *rb, int level, u64 ts_nsec,
	       const char *text, size_t len)
{
	struct printk_info info = { .ts_nsec = ts_nsec, .level = level & 7 };
	u32 need;

	info.text_len = min(len, (size_t)PRB_TEXT_MAX);
	need = prb_record_size(&info);
	if (need > rb->size)
		return;			/* only for a ring smaller than one line */
	while (rb->size - rb->used < need)
		prb_drop_first(rb);
	prb_copy_in(rb, rb->next_idx, &info, sizeof(info));
	prb_copy_in(rb, prb_advance(rb, rb->next_idx, sizeof(info)), text, info.text_len);
	rb->next_idx = prb_advance(rb, rb->next_idx, need);
	rb->used += need;
	rb->next_seq++;
}

/* The oldest record still there. */
void prb_first(const struct printk_ringbuffer *rb, struct prb_pos *pos)
{
	pos->seq = rb->first_seq;
	pos->idx = rb->first_idx;
}

/* Just past the newest record: where the next one will be. */
void prb_end(const struct printk_ringbuffer *rb, struct prb_pos *pos)
{
	pos->seq = rb->next_seq;
	pos->idx = rb->next_idx;
}

/*
 * Read the record at pos (the oldest one if pos's was dropped) and move
 * pos past it.  text, unless NULL, gets PRB_TEXT_MAX bytes at most.
 * Returns false, pos unchanged, if there is no record at or after pos.
 */
bool prb_read(const struct printk_ringbuffer *rb, struct prb_pos *pos,
	      struct printk_info *info, char *text)
{
	if (pos->seq < rb->first_seq)
		prb_first(rb, pos);
	if (pos->seq >= rb->next_seq)
		return false;
	prb_copy_out(rb, pos->idx, info, sizeof(*info));
	if (text)
		prb_copy_out(rb, prb_advance(rb, pos->idx, sizeof(*info)), text,
			     info->text_len);
	pos->idx = prb_advance(rb, pos->idx, prb_record_size(info));
	pos->seq++;
	return true;
}

static int prb_format_prefix(const struct printk_info *info, char *buf, size_t size)
{
	return snprintf(buf, size, "<%u>[%5lu.%06lu] ", info->level,
			(unsigned long)(info->ts_nsec / NSEC_PER_SEC),
			(unsigned long)(info->ts_nsec % NSEC_PER_SEC / 1000));
}

/* Bytes of the record as syslog(2) returns it, with prefix and newline. */
size_t prb_line_len(const struct printk_info *info)
{
	return prb_format_prefix(info, NULL, 0) + info->text_len + 1;
}

/*
 * "<6>[    1.234567] text\n" into buf, as Linux's syslog(2) returns a
 * record (seconds padded to 5, microseconds).  Returns the length, which
 * is prb_line_len(); buf must hold that (PRB_LINE_MAX always does).
 */
size_t prb_format(const struct printk_info *info, const char *text,
		  char *buf, size_t size)
{
	size_t n = prb_format_prefix(info, buf, size);

	if (n + info->text_len + 1 > size)
		return 0;
	memcpy(buf + n, text, info->text_len);
	n += info->text_len;
	buf[n++] = '\n';
	return n;
}

/* Bytes syslog(2) would return for the records from pos to the newest. */
size_t prb_size_from(const struct printk_ringbuffer *rb, const struct prb_pos *pos)
{
	struct printk_info info;
	struct prb_pos p = *pos;
	size_t total = 0;

	while (prb_read(rb, &p, &info, NULL))
		total += prb_line_len(&info);
	return total;
}

/*
 * Move pos forward to the oldest record from which the records up to the
 * newest fit in size bytes: SYSLOG_ACTION_READ_ALL returns the newest
 * whole records that fit, not the oldest.
 */
void prb_fit_tail(const struct printk_ringbuffer *rb, struct prb_pos *pos, size_t size)
{
	struct printk_info info;
	size_t total = prb_size_from(rb, pos);
	struct prb_pos p;

	if (pos->seq < rb->first_seq)
		prb_first(rb, pos);
	p = *pos;
	while (total > size && prb_read(rb, &p, &info, NULL)) {
		total -= prb_line_len(&info);
		*pos = p;
	}
}
