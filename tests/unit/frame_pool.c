/*
 * kernel/mm/frame_pool.c: the physical frame bitmap allocator.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "kernel/mm/frame_pool.h"

#define UNIT_FILE "frame_pool"
#include "unit.h"

#define FRAME	4096UL

/*
 * Each case works on this pool.  Its bitmap is malloc()ed with exactly
 * the documented size, so ASan catches any access past it.  A case that
 * fails returns early: the next new_pool() (or main) frees the old one.
 */
static struct frame_pool *pool;

static void free_pool(void)
{
	if (pool) {
		free(pool->bitmap);
		free(pool);
		pool = NULL;
	}
}

static void new_pool(unsigned long nr)
{
	free_pool();
	pool = malloc(sizeof(*pool));
	frame_pool_init(pool, malloc(FRAME_POOL_BITMAP_BYTES(nr)), nr);
}

/* Count the clear bits below nr_frames straight from the bitmap. */
static unsigned long recount_free(void)
{
	unsigned long i, n = 0, bits = 8 * sizeof(unsigned long);

	for (i = 0; i < pool->nr_frames; i++)
		if (!((pool->bitmap[i / bits] >> (i % bits)) & 1))
			n++;
	return n;
}

static void init_all_used(void)
{
	unsigned long i;

	new_pool(1000);
	EXPECT_EQ(pool->nr_free, 0);
	for (i = 0; i < 1000; i++)
		EXPECTF(frame_pool_test(pool, i), "frame %lu is free", i);
	EXPECT(frame_pool_test(pool, 1000));	/* past the end: never free */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), -1);
	EXPECT_EQ(recount_free(), 0);
}

/* free_range frees only the frames wholly inside the range. */
static void free_range_partial_edges(void)
{
	new_pool(100);
	frame_pool_free_range(pool, 0x1800, 0x5800);	/* frames 2, 3, 4 */
	EXPECT_EQ(pool->nr_free, 3);
	EXPECT(frame_pool_test(pool, 1));
	EXPECT(!frame_pool_test(pool, 2));
	EXPECT(!frame_pool_test(pool, 4));
	EXPECT(frame_pool_test(pool, 5));

	frame_pool_free_range(pool, 0x10100, 0x10f00);	/* inside frame 16 */
	EXPECT(frame_pool_test(pool, 16));
	frame_pool_free_range(pool, 0x20000, 0x20000);	/* empty */
	EXPECT(frame_pool_test(pool, 32));
	frame_pool_free_range(pool, 0x1800, 0x5800);	/* again: no change */
	EXPECT_EQ(pool->nr_free, 3);

	frame_pool_free_range(pool, 98 * FRAME, 500 * FRAME);	/* clipped */
	EXPECT_EQ(pool->nr_free, 5);
	EXPECT_EQ(recount_free(), 5);
}

/* reserve_range takes every frame the range touches. */
static void reserve_range_partial_edges(void)
{
	new_pool(100);
	frame_pool_free_range(pool, 0, 100 * FRAME);
	EXPECT_EQ(pool->nr_free, 100);

	frame_pool_reserve_range(pool, 0x1800, 0x5800);	/* frames 1 .. 5 */
	EXPECT_EQ(pool->nr_free, 95);
	EXPECT(!frame_pool_test(pool, 0));
	EXPECT(frame_pool_test(pool, 1));
	EXPECT(frame_pool_test(pool, 5));
	EXPECT(!frame_pool_test(pool, 6));

	frame_pool_reserve_range(pool, 0x8000, 0x8000);	/* empty */
	EXPECT(!frame_pool_test(pool, 8));
	frame_pool_reserve_range(pool, 0x8fff, 0x9000);	/* last byte of 8 */
	EXPECT(frame_pool_test(pool, 8));
	EXPECT(!frame_pool_test(pool, 9));
	frame_pool_reserve_range(pool, 0x1000, 0x2000);	/* already used */
	EXPECT_EQ(pool->nr_free, 94);

	frame_pool_reserve_range(pool, 99 * FRAME, 500 * FRAME);	/* clipped */
	EXPECT_EQ(pool->nr_free, 93);
	EXPECT_EQ(recount_free(), 93);
}

/*
 * Ranges that end in the last page of the address space: rounding the
 * end up (reserve) or the start up (free) must not wrap around to 0.
 * Both failed when written: the `+ FRAME_SIZE - 1` roundings in
 * frame_pool_reserve_range() and frame_pool_free_range() overflow.
 */
static void reserve_range_to_top_of_memory(void)
{
	new_pool(100);
	frame_pool_free_range(pool, 0, 100 * FRAME);
	frame_pool_reserve_range(pool, 50 * FRAME, ~0UL);
	EXPECTF(pool->nr_free == 50,
		"reserve_range(50 * 4096, ~0UL) left %lu frames free, expected 50",
		pool->nr_free);
}

static void free_range_in_last_page(void)
{
	new_pool(100);
	frame_pool_free_range(pool, ~0UL - 100, ~0UL);
	EXPECTF(pool->nr_free == 0,
		"free_range(~0UL - 100, ~0UL) freed %lu frames, expected none",
		pool->nr_free);
}

static void alloc_one(void)
{
	new_pool(64);
	frame_pool_free_range(pool, 10 * FRAME, 20 * FRAME);
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 10);
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 11);
	EXPECT(frame_pool_test(pool, 10));
	EXPECT(frame_pool_test(pool, 11));
	EXPECT(!frame_pool_test(pool, 12));
	EXPECT_EQ(pool->nr_free, 8);
	EXPECT_EQ(recount_free(), 8);
}

static void alloc_contiguous_aligned(void)
{
	new_pool(64);
	frame_pool_free_range(pool, 0, 64 * FRAME);
	frame_pool_reserve_range(pool, 5 * FRAME, 6 * FRAME);
	EXPECT_EQ(frame_pool_alloc(pool, 8, 8), 8);	/* 0..7 holds frame 5 */
	EXPECT_EQ(frame_pool_alloc(pool, 4, 4), 16);
	EXPECT_EQ(frame_pool_alloc(pool, 16, 16), 32);
	EXPECT_EQ(frame_pool_alloc(pool, 3, 1), 48);
	/* Not a power of two, and the run must start on a multiple of 6. */
	EXPECT_EQ(frame_pool_alloc(pool, 2, 6), 54);
	EXPECT_EQ(pool->nr_free, 64 - 1 - 8 - 4 - 16 - 3 - 2);
	EXPECT_EQ(recount_free(), pool->nr_free);
}

static void exhaustion(void)
{
	int i;

	new_pool(16);
	frame_pool_free_range(pool, 0, 16 * FRAME);
	for (i = 0; i < 16; i++)
		EXPECT(frame_pool_alloc(pool, 1, 1) >= 0);
	EXPECT_EQ(pool->nr_free, 0);
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), -1);

	/* Four free frames, but no two of them next to each other. */
	for (i = 0; i < 8; i += 2)
		EXPECT(frame_pool_free(pool, i, 1));
	EXPECT_EQ(frame_pool_alloc(pool, 2, 1), -1);
	EXPECT_EQ(frame_pool_alloc(pool, 5, 1), -1);	/* more than nr_free */
	EXPECT_EQ(frame_pool_alloc(pool, 0, 1), -1);	/* nothing */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 0), -1);	/* no alignment */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 32), 0);	/* only frame 0 fits */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 32), -1);
	EXPECT_EQ(pool->nr_free, 3);
}

static void double_free(void)
{
	long pfn;

	new_pool(64);
	frame_pool_free_range(pool, 0, 64 * FRAME);
	pfn = frame_pool_alloc(pool, 4, 1);
	EXPECT_EQ(pfn, 0);
	EXPECT(frame_pool_free(pool, 2, 1));
	EXPECT(!frame_pool_free(pool, 2, 1));
	EXPECT_EQ(pool->nr_free, 61);
	/* Frames 0, 1 and 3 are in use but 2 is not: nothing may change. */
	EXPECT(!frame_pool_free(pool, 0, 4));
	EXPECT(frame_pool_test(pool, 0));
	EXPECT(frame_pool_test(pool, 3));
	EXPECT_EQ(pool->nr_free, 61);
	/* Outside the pool, or wrapping around. */
	EXPECT(!frame_pool_free(pool, 63, 2));
	EXPECT(!frame_pool_free(pool, 1000, 1));
	EXPECT(!frame_pool_free(pool, ~0UL, 2));
	EXPECT_EQ(pool->nr_free, 61);
	EXPECT_EQ(recount_free(), 61);
}

/* The search starts where the last one ended and wraps around. */
static void next_fit_wraparound(void)
{
	int i;

	new_pool(8);
	frame_pool_free_range(pool, 0, 8 * FRAME);
	for (i = 0; i < 6; i++)
		EXPECT_EQ(frame_pool_alloc(pool, 1, 1), i);
	EXPECT(frame_pool_free(pool, 1, 1));
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 6);	/* not 1: next fit */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 7);
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 1);	/* wrapped */
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), -1);
	EXPECT_EQ(pool->nr_free, 0);

	/* A run that only fits below the hint is still found. */
	EXPECT(frame_pool_free(pool, 6, 2));
	EXPECT_EQ(frame_pool_alloc(pool, 1, 1), 6);	/* the hint is now 7 */
	EXPECT(frame_pool_free(pool, 2, 2));
	EXPECT_EQ(frame_pool_alloc(pool, 2, 2), 2);
}

/*
 * The model: one bool per frame and the next-fit hint.  Allocation must
 * return the lowest aligned free run at or after the hint, else the
 * lowest one from frame 0.
 */
#define MODEL_FRAMES	300	/* not a multiple of 64: the last word is partial */

static bool model[MODEL_FRAMES];	/* true: in use */
static unsigned long model_hint;

static long model_find(unsigned long from, unsigned long nr, unsigned long align)
{
	unsigned long pfn, i;

	for (pfn = (from + align - 1) / align * align; pfn + nr <= MODEL_FRAMES;
	     pfn += align) {
		for (i = 0; i < nr && !model[pfn + i]; i++)
			;
		if (i == nr)
			return pfn;
	}
	return -1;
}

static long model_alloc(unsigned long nr, unsigned long align)
{
	long pfn = model_find(model_hint, nr, align);
	unsigned long i;

	if (pfn < 0)
		pfn = model_find(0, nr, align);
	if (pfn < 0)
		return -1;
	for (i = 0; i < nr; i++)
		model[pfn + i] = true;
	model_hint = pfn + nr;
	return pfn;
}

static bool model_free(unsigned long pfn, unsigned long nr)
{
	unsigned long i;

	if (pfn + nr > MODEL_FRAMES)
		return false;
	for (i = 0; i < nr; i++)
		if (!model[pfn + i])
			return false;
	for (i = 0; i < nr; i++)
		model[pfn + i] = false;
	return true;
}

static void model_set(unsigned long first, unsigned long last, bool used)
{
	for (; first < last && first < MODEL_FRAMES; first++)
		model[first] = used;
}

static unsigned long model_nr_free(void)
{
	unsigned long i, n = 0;

	for (i = 0; i < MODEL_FRAMES; i++)
		n += !model[i];
	return n;
}

static void random_ops_match_model(void)
{
	unsigned long i, step, pfn, nr, align, start, end;
	long got, want;

	new_pool(MODEL_FRAMES);
	unit_srand(12345);
	memset(model, 1, sizeof(model));
	model_hint = 0;
	for (step = 0; step < 20000; step++) {
		unsigned long op = unit_rand_below(10);

		nr = 1 + unit_rand_below(8);
		align = 1UL << unit_rand_below(4);
		if (op < 5) {
			got = frame_pool_alloc(pool, nr, align);
			want = model_alloc(nr, align);
			EXPECTF(got == want, "step %lu: alloc(%lu, %lu) = %ld, model says %ld",
				step, nr, align, got, want);
		} else if (op < 8) {
			pfn = unit_rand_below(MODEL_FRAMES + 4);
			EXPECTF(frame_pool_free(pool, pfn, nr) == model_free(pfn, nr),
				"step %lu: free(%lu, %lu) disagrees with the model",
				step, pfn, nr);
		} else {
			/* Byte ranges with ragged edges, some past the end. */
			start = unit_rand_below((MODEL_FRAMES + 8) * FRAME);
			end = start + unit_rand_below(16 * FRAME);
			if (op == 8) {
				frame_pool_free_range(pool, start, end);
				model_set((start + FRAME - 1) / FRAME, end / FRAME, false);
			} else {
				frame_pool_reserve_range(pool, start, end);
				model_set(start / FRAME, (end + FRAME - 1) / FRAME, true);
			}
		}
		EXPECTF(pool->nr_free == model_nr_free() &&
			pool->nr_free == recount_free(),
			"step %lu: nr_free %lu, model %lu, bitmap %lu", step,
			pool->nr_free, model_nr_free(), recount_free());
		for (i = 0; i < MODEL_FRAMES; i++)
			EXPECTF(frame_pool_test(pool, i) == model[i],
				"step %lu: frame %lu differs from the model", step, i);
	}
}

int main(void)
{
	RUN(init_all_used);
	RUN(free_range_partial_edges);
	RUN(reserve_range_partial_edges);
	RUN(reserve_range_to_top_of_memory);
	RUN(free_range_in_last_page);
	RUN(alloc_one);
	RUN(alloc_contiguous_aligned);
	RUN(exhaustion);
	RUN(double_free);
	RUN(next_fit_wraparound);
	RUN(random_ops_match_model);
	free_pool();
	return unit_exit_status();
}
