/*
 * The physical frame allocator: a bitmap with next-fit search.
 * Simple and easy to check, O(frames) in the worst case; Linux uses a
 * buddy allocator (mm/page_alloc.c), which this kernel does not need yet.
 *
 * Next fit walks on through all of RAM, so under QEMU about every 32nd
 * fork lands on guest memory never touched before, and that first write
 * costs the host a fresh huge page (~6 ms under TCG; then never again).
 * First fit (reuse the lowest, just-freed frames) removes that, but was
 * measured slower for exec and small file I/O under TCG (make bench:
 * fs_read_4k 280 -> 60-80 MB/s; probably because TCG must drop its
 * translated code for a frame that held a program's text when that
 * frame is written again), so next fit stays.
 */
#include "kernel/mm/frame_pool.h"

#define BITS_PER_LONG	(8 * sizeof(unsigned long))
#define FRAME_SHIFT	12
#define FRAME_SIZE	(1UL << FRAME_SHIFT)

static bool test_bit(const unsigned long *map, unsigned long i)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

static void set_bit(unsigned long *map, unsigned long i)
{
	map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

static void clear_bit(unsigned long *map, unsigned long i)
{
	map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
}

void frame_pool_init(struct frame_pool *pool, unsigned long *bitmap,
		     unsigned long nr_frames)
{
	unsigned long i, words = FRAME_POOL_BITMAP_BYTES(nr_frames) / sizeof(long);

	pool->bitmap = bitmap;
	pool->nr_frames = nr_frames;
	pool->nr_free = 0;
	pool->hint = 0;
	for (i = 0; i < words; i++)
		bitmap[i] = ~0UL;
}

void frame_pool_free_range(struct frame_pool *pool, unsigned long start,
			   unsigned long end)
{
	/* Round start up without overflowing at the top of the address space. */
	unsigned long pfn = (start >> FRAME_SHIFT) + ((start & (FRAME_SIZE - 1)) != 0);
	unsigned long last = end >> FRAME_SHIFT;	/* exclusive */

	if (last > pool->nr_frames)
		last = pool->nr_frames;
	for (; pfn < last; pfn++) {
		if (test_bit(pool->bitmap, pfn)) {
			clear_bit(pool->bitmap, pfn);
			pool->nr_free++;
		}
	}
}

void frame_pool_reserve_range(struct frame_pool *pool, unsigned long start,
			      unsigned long end)
{
	unsigned long pfn = start >> FRAME_SHIFT;
	unsigned long last = (end >> FRAME_SHIFT) + ((end & (FRAME_SIZE - 1)) != 0);

	if (last > pool->nr_frames)
		last = pool->nr_frames;
	for (; pfn < last; pfn++) {
		if (!test_bit(pool->bitmap, pfn)) {
			set_bit(pool->bitmap, pfn);
			pool->nr_free--;
		}
	}
}

/* Is [pfn, pfn + nr) free?  If not, *next is a place worth trying next. */
static bool run_is_free(const struct frame_pool *pool, unsigned long pfn,
			unsigned long nr, unsigned long *next)
{
	unsigned long i;

	for (i = nr; i > 0; i--) {
		if (test_bit(pool->bitmap, pfn + i - 1)) {
			*next = pfn + i;
			return false;
		}
	}
	return true;
}

static unsigned long round_up(unsigned long x, unsigned long align)
{
	return (x + align - 1) / align * align;
}

/* The first free frame at or after pfn, from whole bitmap words; nr_frames if none. */
static unsigned long next_free(const struct frame_pool *pool, unsigned long pfn)
{
	while (pfn < pool->nr_frames) {
		/* The word of pfn, with the frames below pfn counted as used. */
		unsigned long word = pool->bitmap[pfn / BITS_PER_LONG] |
				     ((1UL << (pfn % BITS_PER_LONG)) - 1);

		if (word != ~0UL)
			return pfn - pfn % BITS_PER_LONG + __builtin_ctzl(~word);
		pfn = (pfn / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return pool->nr_frames;
}

/*
 * First fit of nr free frames, aligned, in [from, to).  The search jumps
 * from free frame to free frame a bitmap word at a time: checking bit by
 * bit, a fork on a fragmented pool could scan tens of thousands of bits.
 */
static long search(struct frame_pool *pool, unsigned long from,
		   unsigned long to, unsigned long nr, unsigned long align)
{
	unsigned long pfn = round_up(next_free(pool, from), align);

	while (pfn + nr <= to) {
		unsigned long next;

		if (run_is_free(pool, pfn, nr, &next))
			return (long)pfn;
		pfn = round_up(next_free(pool, next), align);
	}
	return -1;
}

long frame_pool_alloc(struct frame_pool *pool, unsigned long nr,
		      unsigned long align)
{
	unsigned long i;
	long pfn;

	if (nr == 0 || align == 0 || nr > pool->nr_free)
		return -1;
	pfn = search(pool, pool->hint, pool->nr_frames, nr, align);
	if (pfn < 0)
		pfn = search(pool, 0, pool->nr_frames, nr, align);
	if (pfn < 0)
		return -1;
	for (i = 0; i < nr; i++)
		set_bit(pool->bitmap, pfn + i);
	pool->nr_free -= nr;
	pool->hint = pfn + nr;
	return pfn;
}

bool frame_pool_free(struct frame_pool *pool, unsigned long pfn,
		     unsigned long nr)
{
	unsigned long i;

	if (pfn + nr > pool->nr_frames || pfn + nr < pfn)
		return false;
	for (i = 0; i < nr; i++)
		if (!test_bit(pool->bitmap, pfn + i))
			return false;
	for (i = 0; i < nr; i++)
		clear_bit(pool->bitmap, pfn + i);
	pool->nr_free += nr;
	return true;
}

bool frame_pool_test(const struct frame_pool *pool, unsigned long pfn)
{
	return pfn >= pool->nr_frames || test_bit(pool->bitmap, pfn);
}
