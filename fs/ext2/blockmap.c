#include "fs/ext2/blockmap.h"
#include "fs/ext2/ext2.h"

int ext2_block_to_path(unsigned long block, unsigned int addr_per_block,
		       unsigned int offsets[4])
{
	unsigned long ptrs = addr_per_block;

	if (block < EXT2_NDIR_BLOCKS) {
		offsets[0] = block;
		return 1;
	}
	block -= EXT2_NDIR_BLOCKS;
	if (block < ptrs) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = block;
		return 2;
	}
	block -= ptrs;
	if (block < ptrs * ptrs) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = block / ptrs;
		offsets[2] = block % ptrs;
		return 3;
	}
	block -= ptrs * ptrs;
	if (block < ptrs * ptrs * ptrs) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = block / (ptrs * ptrs);
		offsets[2] = (block / ptrs) % ptrs;
		offsets[3] = block % ptrs;
		return 4;
	}
	return 0;
}
