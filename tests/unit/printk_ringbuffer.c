/*
 * kernel/printk_ringbuffer.c: the ring of printk records behind syslog(2).
 *
 * Built with the kernel's headers (-D__KERNEL__) and the kernel's own
 * vsnprintf (kernel/lib/vsprintf.c, renamed k_snprintf as for the
 * vsprintf test), so the "<6>[    0.000000] " prefix is the kernel's.
 * The model the ring must match: after every store it holds the longest
 * run of newest records whose sizes (header + text) fit in the buffer.
 */
#include "kernel/printk_ringbuffer.h"

#include <stdlib.h>

#define UNIT_FILE "printk_ringbuffer"
#include "unit.h"

#define HDR	sizeof(struct printk_info)

/* Every record stored, for the model. */
struct model_rec {
	int level;
	u64 ts;
	size_t len;
	char text[PRB_TEXT_MAX + 64];
};

static struct model_rec model[4000];
static int nr_model;

static void store(struct printk_ringbuffer *rb, int level, u64 ts, const char *text)
{
	struct model_rec *m = &model[nr_model++];

	m->level = level;
	m->ts = ts;
	m->len = strlen(text);
	memcpy(m->text, text, m->len);
	prb_store(rb, level, ts, text, m->len);
}

/* The record as syslog(2) returns it, from the model. */
static size_t model_line(const struct model_rec *m, char *buf, size_t size)
{
	size_t len = m->len < PRB_TEXT_MAX ? m->len : PRB_TEXT_MAX;

	return snprintf(buf, size, "<%d>[%5lu.%06lu] %.*s\n", m->level,
			(unsigned long)(m->ts / 1000000000),
			(unsigned long)(m->ts % 1000000000 / 1000),
			(int)len, m->text);
}

/* The oldest model record the ring should still hold. */
static int model_first(u32 size)
{
	size_t used = 0;
	int i;

	for (i = nr_model; i > 0; i--) {
		size_t len = model[i - 1].len < PRB_TEXT_MAX ? model[i - 1].len : PRB_TEXT_MAX;

		if (used + HDR + len > size)
			break;
		used += HDR + len;
	}
	return i;
}

/* Everything READ_ALL would return from pos with size bytes, into out. */
static size_t read_all(const struct printk_ringbuffer *rb, struct prb_pos *pos,
		       size_t size, char *out)
{
	char text[PRB_TEXT_MAX], line[PRB_LINE_MAX];
	struct printk_info info;
	struct prb_pos next;
	size_t len = 0, n;

	prb_fit_tail(rb, pos, size);
	for (next = *pos; prb_read(rb, &next, &info, text); *pos = next) {
		n = prb_format(&info, text, line, sizeof(line));
		if (len + n > size)
			break;
		memcpy(out + len, line, n);
		len += n;
	}
	return len;
}

/* What read_all must give: the newest model lines from `from` that fit. */
static size_t model_read_all(int from, size_t size, char *out)
{
	char line[PRB_LINE_MAX];
	size_t total = 0, n, len = 0;
	int i, first = nr_model;

	for (i = nr_model - 1; i >= from; i--) {
		n = model_line(&model[i], line, sizeof(line));
		if (total + n > size)
			break;
		total += n;
		first = i;
	}
	for (i = first; i < nr_model; i++)
		len += model_line(&model[i], out + len, PRB_LINE_MAX);
	return len;
}

static void reset(struct printk_ringbuffer *rb, char *buf, u32 size)
{
	prb_init(rb, buf, size);
	nr_model = 0;
}

static void format_prefix(void)
{
	struct printk_info info = { .ts_nsec = 0, .level = 6, .text_len = 5 };
	char line[PRB_LINE_MAX];
	size_t n;

	n = prb_format(&info, "hello", line, sizeof(line));
	line[n] = '\0';
	EXPECT_STR(line, "<6>[    0.000000] hello\n");
	EXPECT_EQ(prb_line_len(&info), n);
	info = (struct printk_info){ .ts_nsec = 43716123999ULL, .level = 4, .text_len = 1 };
	n = prb_format(&info, "x", line, sizeof(line));
	line[n] = '\0';
	EXPECT_STR(line, "<4>[   43.716123] x\n");
	info = (struct printk_info){ .ts_nsec = 123456789000000000ULL, .level = 0, .text_len = 0 };
	n = prb_format(&info, "", line, sizeof(line));
	line[n] = '\0';
	EXPECT_STR(line, "<0>[123456789.000000] \n");
	EXPECT_EQ(prb_line_len(&info), n);
	EXPECT_EQ(prb_format(&info, "", line, 10), 0);	/* too small: nothing */
}

static void empty_ring(void)
{
	static char buf[256];
	struct printk_ringbuffer rb = PRB_INIT(buf);
	struct printk_info info;
	struct prb_pos pos = { 0, 0 };
	char out[64];

	EXPECT(!prb_read(&rb, &pos, &info, NULL));
	EXPECT_EQ(prb_size_from(&rb, &pos), 0);
	EXPECT_EQ(read_all(&rb, &pos, sizeof(out), out), 0);
}

static void store_and_read_in_order(void)
{
	static char buf[4096];
	struct printk_ringbuffer rb;
	char text[PRB_TEXT_MAX];
	struct printk_info info;
	struct prb_pos pos = { 0, 0 };

	reset(&rb, buf, sizeof(buf));
	store(&rb, 6, 0, "Linux-ABI teaching kernel");
	store(&rb, 4, 1500000, "");
	store(&rb, 3, 2000000000, "EXT2-fs: mounted");
	EXPECT_EQ(rb.next_seq, 3);
	EXPECT_EQ(rb.used, 3 * HDR + 25 + 0 + 16);
	EXPECT(prb_read(&rb, &pos, &info, text));
	EXPECT(info.level == 6 && info.ts_nsec == 0 && info.text_len == 25);
	EXPECT(!memcmp(text, "Linux-ABI teaching kernel", 25));
	EXPECT(prb_read(&rb, &pos, &info, text));
	EXPECT(info.level == 4 && info.ts_nsec == 1500000 && info.text_len == 0);
	EXPECT(prb_read(&rb, &pos, &info, text));
	EXPECT(info.level == 3 && !memcmp(text, "EXT2-fs: mounted", 16));
	EXPECT(!prb_read(&rb, &pos, &info, text));
	EXPECT_EQ(pos.seq, 3);
}

/* Text past PRB_TEXT_MAX is cut; the level keeps its low 3 bits. */
static void long_text_is_cut(void)
{
	static char buf[4096];
	static char big[PRB_TEXT_MAX + 50];
	struct printk_ringbuffer rb;
	char text[PRB_TEXT_MAX];
	struct printk_info info;
	struct prb_pos pos = { 0, 0 };

	reset(&rb, buf, sizeof(buf));
	memset(big, 'a', sizeof(big) - 1);
	store(&rb, 7, 0, big);
	EXPECT(prb_read(&rb, &pos, &info, text));
	EXPECT_EQ(info.text_len, PRB_TEXT_MAX);
	EXPECT_EQ(info.level, 7);
	EXPECT(text[PRB_TEXT_MAX - 1] == 'a');
}

/*
 * A 200-byte ring: records and headers wrap around its end at every
 * offset; the ring must always hold exactly the newest records that fit,
 * with their texts intact.
 */
static void wrap_around_keeps_newest(void)
{
	static char buf[200];
	struct printk_ringbuffer rb;
	char text[PRB_TEXT_MAX], want[64];
	struct printk_info info;
	struct prb_pos pos;
	int i, k;

	reset(&rb, buf, sizeof(buf));
	for (i = 0; i < 500; i++) {
		snprintf(want, sizeof(want), "message %d %.*s", i, i % 37,
			 "0123456789012345678901234567890123456");
		store(&rb, i % 8, i * 1000ULL, want);
		k = model_first(sizeof(buf));
		EXPECTF(rb.first_seq == (u64)k && rb.next_seq == (u64)i + 1,
			"after %d: ring holds %lu..%lu, model %d..%d", i,
			rb.first_seq, rb.next_seq, k, i + 1);
		EXPECT(rb.used <= sizeof(buf));
		prb_first(&rb, &pos);
		for (; k <= i; k++) {
			EXPECT(prb_read(&rb, &pos, &info, text));
			EXPECT(info.text_len == model[k].len && info.level == k % 8 &&
			       info.ts_nsec == k * 1000ULL);
			EXPECTF(!memcmp(text, model[k].text, info.text_len),
				"record %d after store %d differs", k, i);
		}
		EXPECT(!prb_read(&rb, &pos, &info, text));
	}
}

/* A reader whose record was dropped goes on with the oldest one. */
static void dropped_position_skips_to_oldest(void)
{
	static char buf[128];
	struct printk_ringbuffer rb;
	char text[PRB_TEXT_MAX];
	struct printk_info info;
	struct prb_pos pos;
	int i;

	reset(&rb, buf, sizeof(buf));
	store(&rb, 6, 0, "first");
	prb_first(&rb, &pos);
	for (i = 0; i < 20; i++)
		store(&rb, 6, 0, "a line of some length");
	EXPECT(rb.first_seq > 0);
	EXPECT(prb_read(&rb, &pos, &info, text));
	EXPECT_EQ(pos.seq, rb.first_seq + 1);
	EXPECT(!memcmp(text, "a line of some length", info.text_len));
}

/* READ_ALL with less room than the log: the newest whole records. */
static void read_all_returns_newest_whole_records(void)
{
	static char buf[8192];
	static char out[16384], want[16384];
	struct printk_ringbuffer rb;
	struct prb_pos pos;
	char line[64];
	size_t size, n, m;
	int i;

	reset(&rb, buf, sizeof(buf));
	for (i = 0; i < 100; i++) {
		snprintf(line, sizeof(line), "line %d%.*s", i, i % 13, "xxxxxxxxxxxxx");
		store(&rb, 6, i * 123456789ULL, line);
	}
	for (size = 0; size < 6000; size += 7) {
		pos = (struct prb_pos){ 0, 0 };
		n = read_all(&rb, &pos, size, out);
		m = model_read_all(0, size, want);
		EXPECTF(n == m && !memcmp(out, want, n),
			"size %zu: %zu bytes, want %zu", size, n, m);
		EXPECT(n <= size);
		EXPECT(!n || out[n - 1] == '\n');
	}
	/* All of it, and the last line as the kernel prints it. */
	pos = (struct prb_pos){ 0, 0 };
	n = read_all(&rb, &pos, sizeof(out), out);
	out[n] = '\0';
	EXPECT(strstr(out, "<6>[   12.222222] line 99xxxxxxxx\n") != NULL);
	EXPECT_EQ(n, prb_size_from(&rb, &(struct prb_pos){ 0, 0 }));
}

/* CLEAR: READ_ALL from the end gives nothing, then only what came after. */
static void clear_then_read_all(void)
{
	static char buf[1024];
	static char out[4096], want[4096];
	struct printk_ringbuffer rb;
	struct prb_pos clear;
	size_t n, m;
	int i;

	reset(&rb, buf, sizeof(buf));
	for (i = 0; i < 50; i++)
		store(&rb, 5, 0, "before the clear");
	prb_end(&rb, &clear);
	n = read_all(&rb, &clear, sizeof(out), out);
	EXPECT_EQ(n, 0);
	store(&rb, 3, 7000, "after");
	n = read_all(&rb, &clear, sizeof(out), out);
	out[n] = '\0';
	EXPECT_STR(out, "<3>[    0.000007] after\n");
	/* More than the ring holds after the clear: the clear point is gone. */
	for (i = 0; i < 60; i++)
		store(&rb, 5, 0, "after the clear too");
	n = read_all(&rb, &clear, sizeof(out), out);
	m = model_read_all(model_first(sizeof(buf)), sizeof(out), want);
	EXPECT(n == m && !memcmp(out, want, n));
}

/* Random text lengths and ring sizes against the model. */
static void random_against_model(void)
{
	static char buf[3000], big[PRB_TEXT_MAX + 64];
	static char out[65536], want[65536];
	struct printk_ringbuffer rb;
	struct prb_pos pos;
	size_t size, n, m, len;
	u32 ring;
	int i, j, first;

	unit_srand(103);
	for (j = 0; j < 30; j++) {
		ring = 600 + unit_rand_below(sizeof(buf) - 600);
		reset(&rb, buf, ring);
		for (i = 0; i < 300; i++) {
			/* mostly short lines, some up to past PRB_TEXT_MAX */
			len = unit_rand_below(8) ? unit_rand_below(80) :
						   unit_rand_below(sizeof(big) - 1);
			memset(big, 'a' + i % 26, len);
			big[len] = '\0';
			store(&rb, unit_rand_below(8), unit_rand(), big);
			first = model_first(ring);
			EXPECTF(rb.first_seq == (u64)first, "ring %u, store %d: first %lu, model %d",
				ring, i, rb.first_seq, first);
			size = unit_rand_below(ring * 2);
			pos = (struct prb_pos){ 0, 0 };
			n = read_all(&rb, &pos, size, out);
			m = model_read_all(first, size, want);
			EXPECTF(n == m && !memcmp(out, want, n),
				"ring %u, store %d, size %zu: %zu bytes, want %zu",
				ring, i, size, n, m);
		}
	}
}

int main(void)
{
	RUN(format_prefix);
	RUN(empty_ring);
	RUN(store_and_read_in_order);
	RUN(long_text_is_cut);
	RUN(wrap_around_keeps_newest);
	RUN(dropped_position_skips_to_oldest);
	RUN(read_all_returns_newest_whole_records);
	RUN(clear_then_read_all);
	RUN(random_against_model);
	return unit_exit_status();
}
