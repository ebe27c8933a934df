/*
 * Block allocation: one bitmap block per block group, plus free counts
 * kept in the group descriptor and the superblock (e2fsck checks all
 * three agree).  Linux: fs/ext2/balloc.c (without reservation windows).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"

static bool test_and_set(u8 *map, unsigned long bit)
{
	bool was = map[bit / 8] & (1 << (bit % 8));

	map[bit / 8] |= 1 << (bit % 8);
	return was;
}

static bool test_and_clear(u8 *map, unsigned long bit)
{
	bool was = map[bit / 8] & (1 << (bit % 8));

	map[bit / 8] &= ~(1 << (bit % 8));
	return was;
}

/* Blocks in group g (the last group may be short). */
static unsigned long group_blocks(struct ext2_sb_info *sbi, unsigned long g)
{
	struct ext2_super_block *es = sbi->es;
	unsigned long first = es->s_first_data_block + g * es->s_blocks_per_group;

	return min((unsigned long)es->s_blocks_per_group, es->s_blocks_count - first);
}

/* Does group g start with a superblock copy (sparse_super: 0, 1, powers of 3, 5, 7)? */
static bool group_has_super(struct ext2_sb_info *sbi, unsigned long g)
{
	unsigned long p;

	if (g <= 1 || !(sbi->es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	for (p = 3; p <= g; p *= 3)
		if (p == g)
			return true;
	for (p = 5; p <= g; p *= 5)
		if (p == g)
			return true;
	for (p = 7; p <= g; p *= 7)
		if (p == g)
			return true;
	return false;
}

/*
 * Blocks that hold the filesystem's own structures.  A bitmap that says
 * one of them is free is corrupt; handing it out would destroy the
 * filesystem (Linux: "Allocating block in system zone").
 */
static bool in_system_zone(struct super_block *sb, unsigned long g, u32 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	struct ext2_group_desc *gd = &sbi->gdt[g];
	u32 first = es->s_first_data_block + g * es->s_blocks_per_group;
	u32 itb = DIV_ROUND_UP(es->s_inodes_per_group * sbi->inode_size, sb->s_blocksize);
	u32 meta = 0;

	if (group_has_super(sbi, g))
		meta = 1 + DIV_ROUND_UP(sbi->groups_count * sizeof(struct ext2_group_desc),
					sb->s_blocksize) + es->s_reserved_gdt_blocks;
	return block < first + meta || block == gd->bg_block_bitmap ||
	       block == gd->bg_inode_bitmap ||
	       (block >= gd->bg_inode_table && block < gd->bg_inode_table + itb);
}

/* A free block, preferably in goal's group; zeroed.  -ENOSPC if none. */
long ext2_new_block(struct super_block *sb, u32 goal)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	unsigned long g0 = 0, i;

	if (goal >= es->s_first_data_block && goal < es->s_blocks_count)
		g0 = (goal - es->s_first_data_block) / es->s_blocks_per_group;
	for (i = 0; i < sbi->groups_count; i++) {
		unsigned long g = (g0 + i) % sbi->groups_count, bit, n;
		struct ext2_group_desc *gd = &sbi->gdt[g];
		u8 *map = ext2_block_ptr(sb, gd->bg_block_bitmap);

		if (!gd->bg_free_blocks_count || !map)
			continue;
		n = group_blocks(sbi, g);
		for (bit = 0; bit < n; bit++) {
			u32 block;

			if (map[bit / 8] == 0xff) {
				bit |= 7;
				continue;
			}
			if (test_and_set(map, bit))
				continue;
			block = es->s_first_data_block + g * es->s_blocks_per_group + bit;
			if (in_system_zone(sb, g, block)) {
				pr_err("EXT2-fs: bitmap says system block %u is free: not using it\n",
				       block);
				continue;	/* its bit stays set, as it should be */
			}
			gd->bg_free_blocks_count--;
			es->s_free_blocks_count--;
			memset(ext2_block_ptr(sb, block), 0, sb->s_blocksize);
			return block;
		}
	}
	return -ENOSPC;
}

void ext2_free_block(struct super_block *sb, u32 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	unsigned long g, bit;
	u8 *map;

	if (block < es->s_first_data_block || block >= es->s_blocks_count) {
		pr_err("EXT2-fs: freeing block %u outside the filesystem\n", block);
		return;
	}
	g = (block - es->s_first_data_block) / es->s_blocks_per_group;
	bit = (block - es->s_first_data_block) % es->s_blocks_per_group;
	map = ext2_block_ptr(sb, sbi->gdt[g].bg_block_bitmap);
	if (!map || !test_and_clear(map, bit)) {
		pr_err("EXT2-fs: block %u was already free\n", block);
		return;
	}
	sbi->gdt[g].bg_free_blocks_count++;
	es->s_free_blocks_count++;
}
