/*
 * In-memory inodes, one per file while anyone uses it: looked up by
 * number in their superblock's list (the inode cache), reference
 * counted, and at the last iput of an unlinked inode its filesystem
 * frees it on disk.  Linux: fs/inode.c (iget_locked, iput, evict).
 */
#include "kernel/kernel.h"
#include "kernel/timer.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_count = 1;
	INIT_LIST_HEAD(&inode->i_sb_list);
	if (sb)
		list_add(&inode->i_sb_list, &sb->s_inodes);
	return inode;
}

struct inode *iget_locked_find(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->i_ino == ino)
			return igrab(inode);
	return NULL;
}

void iput(struct inode *inode)
{
	if (!inode || --inode->i_count > 0)
		return;
	if (inode->i_nlink == 0 && !(inode->i_state & I_NEW) && inode->i_sb && inode->i_sb->s_op &&
	    inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	if (inode->i_sb_list.next)
		list_del_init(&inode->i_sb_list);
	kfree(inode);
}

void mark_inode_dirty(struct inode *inode)
{
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->write_inode)
		inode->i_sb->s_op->write_inode(inode);
}

long current_time(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}
