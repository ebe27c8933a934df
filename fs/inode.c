/* In-memory inodes: reference counted, freed at the last iput. Linux: fs/inode.c. */
#include "kernel/kernel.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (inode) {
		inode->i_sb = sb;
		inode->i_count = 1;
	}
	return inode;
}

void iput(struct inode *inode)
{
	if (!inode || --inode->i_count > 0)
		return;
	kfree(inode);
}
