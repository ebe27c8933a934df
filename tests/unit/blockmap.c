/*
 * fs/ext2/blockmap.c: ext2_block_to_path(), for 1 KiB blocks (256
 * addresses per indirect block) and 4 KiB blocks (1024 addresses).
 */
#include "fs/ext2/blockmap.h"

#define UNIT_FILE "blockmap"
#include "unit.h"

/* The path to block, or depth 0; offsets past the depth are -1. */
struct path {
	int depth;
	int off[4];
};

static struct path path(unsigned long block, unsigned int ptrs)
{
	unsigned int o[4] = { ~0U, ~0U, ~0U, ~0U };
	struct path p;
	int i;

	p.depth = ext2_block_to_path(block, ptrs, o);
	for (i = 0; i < 4; i++)
		p.off[i] = i < p.depth ? (int)o[i] : -1;
	return p;
}

#define EXPECT_PATH(block, ptrs, d, o0, o1, o2, o3)			\
	do {								\
		struct path p_ = path(block, ptrs);			\
		EXPECTF(p_.depth == (d) && p_.off[0] == (o0) &&		\
			p_.off[1] == (o1) && p_.off[2] == (o2) &&	\
			p_.off[3] == (o3),				\
			"block %lu, %u per block: depth %d [%d %d %d %d], " \
			"expected depth %d [%d %d %d %d]",		\
			(unsigned long)(block), (unsigned int)(ptrs),	\
			p_.depth, p_.off[0], p_.off[1], p_.off[2],	\
			p_.off[3], d, o0, o1, o2, o3);			\
	} while (0)

/* Every boundary for one block size; p addresses per indirect block. */
#define BOUNDARIES(p)							\
	do {								\
		unsigned long ind = 12, dind = ind + (p);		\
		unsigned long tind = dind + (p) * (p);			\
		unsigned long end = tind + (p) * (p) * (p);		\
									\
		EXPECT_PATH(0, p, 1, 0, -1, -1, -1);			\
		EXPECT_PATH(11, p, 1, 11, -1, -1, -1);			\
		EXPECT_PATH(ind, p, 2, 12, 0, -1, -1);			\
		EXPECT_PATH(dind - 1, p, 2, 12, p - 1, -1, -1);		\
		EXPECT_PATH(dind, p, 3, 13, 0, 0, -1);			\
		EXPECT_PATH(dind + (p) + 5, p, 3, 13, 1, 5, -1);	\
		EXPECT_PATH(tind - 1, p, 3, 13, p - 1, p - 1, -1);	\
		EXPECT_PATH(tind, p, 4, 14, 0, 0, 0);			\
		EXPECT_PATH(tind + (p) * (p) + 2 * (p) + 3, p, 4, 14, 1, 2, 3); \
		EXPECT_PATH(end - 1, p, 4, 14, p - 1, p - 1, p - 1);	\
		EXPECT_PATH(end, p, 0, -1, -1, -1, -1);			\
		EXPECT_PATH(end + 12345, p, 0, -1, -1, -1, -1);		\
		EXPECT_PATH(~0UL, p, 0, -1, -1, -1, -1);		\
	} while (0)

static void boundaries_1k(void)
{
	BOUNDARIES(256);
}

static void boundaries_4k(void)
{
	BOUNDARIES(1024);
}

/* Walk the path back to a block number, as the reader of the blocks would. */
static unsigned long path_to_block(struct path p, unsigned long ptrs)
{
	switch (p.depth) {
	case 1:
		return p.off[0];
	case 2:
		return 12 + p.off[1];
	case 3:
		return 12 + ptrs + p.off[1] * ptrs + p.off[2];
	default:
		return 12 + ptrs + ptrs * ptrs +
		       (p.off[1] * ptrs + p.off[2]) * ptrs + p.off[3];
	}
}

/* Every block (1 KiB) or every 997th (4 KiB) maps back to itself. */
static void round_trip(void)
{
	static const unsigned long sizes[] = { 256, 1024 };
	unsigned long ptrs, block, end, stride;
	struct path p;
	int i, s;

	for (s = 0; s < 2; s++) {
		ptrs = sizes[s];
		end = 12 + ptrs + ptrs * ptrs + ptrs * ptrs * ptrs;
		stride = ptrs == 256 ? 1 : 997;
		for (block = 0; block < end; block += stride) {
			p = path(block, ptrs);
			EXPECTF(p.depth >= 1 && p.depth <= 4, "block %lu: depth %d",
				block, p.depth);
			for (i = 1; i < p.depth; i++)
				EXPECTF(p.off[i] >= 0 && (unsigned long)p.off[i] < ptrs,
					"block %lu: offset %d out of range", block, i);
			EXPECTF(path_to_block(p, ptrs) == block,
				"block %lu (%lu per block) maps back to %lu", block,
				ptrs, path_to_block(p, ptrs));
		}
	}
}

int main(void)
{
	RUN(boundaries_1k);
	RUN(boundaries_4k);
	RUN(round_trip);
	return unit_exit_status();
}
