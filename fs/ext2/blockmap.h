#ifndef FS_EXT2_BLOCKMAP_H
#define FS_EXT2_BLOCKMAP_H

/*
 * Which i_block slot and which indirect-block entries lead to the n-th
 * block of a file.  Pure arithmetic, tested on the host.
 * Linux: fs/ext2/inode.c ext2_block_to_path().
 */
#ifdef __KERNEL__
#include "kernel/types.h"
#else
#include <stdint.h>
typedef uint32_t u32;
#endif

/* Fills offsets[0..depth-1]; returns depth (1..4), or 0 if out of range. */
int ext2_block_to_path(unsigned long block, unsigned int addr_per_block,
		       unsigned int offsets[4]);

#endif
