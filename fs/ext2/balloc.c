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
