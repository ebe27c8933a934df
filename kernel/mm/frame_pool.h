#ifndef KERNEL_MM_FRAME_POOL_H
#define KERNEL_MM_FRAME_POOL_H

/*
 * A bitmap of physical frames: bit set = in use (or not RAM at all).
 * Pure logic with no kernel dependencies, so tests/unit can run it on the
 * host.  page_alloc.c builds the kernel's one pool from the memory map.
 */
#ifdef __KERNEL__
#include "kernel/types.h"
#else
#include <stdbool.h>
#include <stddef.h>
#endif

struct frame_pool {
	unsigned long *bitmap;
	unsigned long nr_frames;	/* frames 0 .. nr_frames-1 */
	unsigned long nr_free;
	unsigned long hint;		/* next-fit: where the last search ended */
};

/* The bitmap needs this many bytes for nr_frames frames. */
#define FRAME_POOL_BITMAP_BYTES(nr) \
	((((nr) + 8 * sizeof(unsigned long) - 1) / (8 * sizeof(unsigned long))) \
	 * sizeof(unsigned long))

/* Starts with every frame in use: free only what the memory map says is RAM. */
void frame_pool_init(struct frame_pool *pool, unsigned long *bitmap,
		     unsigned long nr_frames);
/* Mark the whole frames inside [start, end) (byte addresses) free. */
void frame_pool_free_range(struct frame_pool *pool, unsigned long start,
			   unsigned long end);
/* Mark every frame touching [start, end) in use. */
void frame_pool_reserve_range(struct frame_pool *pool, unsigned long start,
			      unsigned long end);
/* Find nr contiguous free frames aligned to align frames; -1 if none. */
long frame_pool_alloc(struct frame_pool *pool, unsigned long nr,
		      unsigned long align);
/* Returns false if any of the frames was already free (a double free). */
bool frame_pool_free(struct frame_pool *pool, unsigned long pfn,
		     unsigned long nr);
bool frame_pool_test(const struct frame_pool *pool, unsigned long pfn);

#endif
