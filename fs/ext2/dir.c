/* ext2 directories: a list of variable-length entries per block. Linux: fs/ext2/dir.c. */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"

/* The inode number of name in dir, or -ENOENT. */
long ext2_lookup(struct inode *dir, const char *name, size_t len)
{
	unsigned long bs = dir->i_sb->s_blocksize;
	unsigned long nblocks = DIV_ROUND_UP(dir->i_size, bs), b;

	for (b = 0; b < nblocks; b++) {
		u8 *block = ext2_block_ptr(dir->i_sb, ext2_bmap(dir, b));
		unsigned long off = 0;

		while (block && off + 8 <= bs) {
			struct ext2_dir_entry_2 *de = (void *)(block + off);

			if (de->rec_len < 8 || off + de->rec_len > bs)
				break;		/* corrupt block: skip the rest */
			if (de->inode && de->name_len == len &&
			    off + 8 + len <= bs && !memcmp(de->name, name, len))
				return de->inode;
			off += de->rec_len;
		}
	}
	return -ENOENT;
}
