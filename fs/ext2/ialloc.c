/*
 * Inode allocation: an inode bitmap per group, free counts in the group
 * descriptor and superblock, and the count of directories per group.
 * Linux: fs/ext2/ialloc.c (without the Orlov placement heuristics: the
 * parent's group first, then the next ones).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"

#define EXT2_EXTRA_ISIZE	32	/* what mke2fs writes in large inodes */

static long find_free_inode(struct super_block *sb, unsigned long g0)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	unsigned long i, bit;

	for (i = 0; i < sbi->groups_count; i++) {
		unsigned long g = (g0 + i) % sbi->groups_count;
		struct ext2_group_desc *gd = &sbi->gdt[g];
		u8 *map = ext2_block_ptr(sb, gd->bg_inode_bitmap);

		if (!gd->bg_free_inodes_count || !map)
			continue;
		for (bit = 0; bit < es->s_inodes_per_group; bit++) {
			unsigned long ino = g * es->s_inodes_per_group + bit + 1;

			if (map[bit / 8] & (1 << (bit % 8)) || ino < es->s_first_ino)
				continue;
			map[bit / 8] |= 1 << (bit % 8);
			gd->bg_free_inodes_count--;
			es->s_free_inodes_count--;
			return ino;
		}
	}
	return -ENOSPC;
}

struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g = (dir->i_ino - 1) / sbi->es->s_inodes_per_group;
	long ino = find_free_inode(sb, g);
	struct ext2_inode *raw;
	struct inode *inode;
	long now = current_time();

	if (ino < 0)
		return ERR_PTR(ino);
	g = (ino - 1) / sbi->es->s_inodes_per_group;
	if (S_ISDIR(mode))
		sbi->gdt[g].bg_used_dirs_count++;
	inode = ext2_iget_new(sb, ino);
	if (IS_ERR(inode))
		return inode;
	raw = EXT2_I(inode);
	memset(raw, 0, sbi->inode_size);
	if (sbi->inode_size > EXT2_GOOD_OLD_INODE_SIZE)
		*(u16 *)((u8 *)raw + EXT2_GOOD_OLD_INODE_SIZE) = EXT2_EXTRA_ISIZE;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_uid = 0;
	inode->i_gid = 0;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_atime = inode->i_mtime = inode->i_ctime = now;
	raw->i_generation = ino;
	ext2_set_inode_ops(inode);
	inode->i_state &= ~I_NEW;	/* from here, a last iput at nlink 0 frees it */
	ext2_write_inode(inode);
	return inode;
}

/* The inode's blocks are already gone; give back its bitmap bit. */
void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g = (inode->i_ino - 1) / sbi->es->s_inodes_per_group;
	unsigned long bit = (inode->i_ino - 1) % sbi->es->s_inodes_per_group;
	u8 *map = ext2_block_ptr(sb, sbi->gdt[g].bg_inode_bitmap);

	if (!map || !(map[bit / 8] & (1 << (bit % 8)))) {
		pr_err("EXT2-fs: inode %lu was already free\n", inode->i_ino);
		return;
	}
	map[bit / 8] &= ~(1 << (bit % 8));
	sbi->gdt[g].bg_free_inodes_count++;
	sbi->es->s_free_inodes_count++;
	if (S_ISDIR(inode->i_mode))
		sbi->gdt[g].bg_used_dirs_count--;
}
