/*
 * Mounting the ext2 image GRUB loaded into RAM.  Everything the rest of
 * the code relies on is checked here, so that a corrupt or unsupported
 * image is refused with a message instead of misread later.
 * Linux: fs/ext2/super.c (ext2_fill_super).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/ext2/ext2_fs.h"

static int ext2_refuse(const char *why)
{
	pr_err("EXT2-fs: cannot mount: %s\n", why);
	return -EINVAL;
}

int ext2_fill_super(struct super_block *sb, void *image, size_t size)
{
	struct ext2_sb_info *sbi;
	struct ext2_super_block *es = (void *)((u8 *)image + EXT2_SUPERBLOCK_OFFSET);
	unsigned long block_size, groups, gdt_block;

	if (size < EXT2_SUPERBLOCK_OFFSET + sizeof(*es))
		return ext2_refuse("image too small");
	if (es->s_magic != EXT2_SUPER_MAGIC)
		return ext2_refuse("bad magic (not ext2)");
	if (es->s_log_block_size > 2)
		return ext2_refuse("block size above 4096");
	block_size = 1024UL << es->s_log_block_size;
	if (es->s_rev_level >= 1 &&
	    (es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP))
		return ext2_refuse("unsupported incompatible features");
	if (es->s_rev_level >= 1 &&
	    (es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP))
		return ext2_refuse("unsupported read-only-compatible features");
	if ((u64)es->s_blocks_count * block_size > size)
		return ext2_refuse("image shorter than its block count");
	if (!es->s_blocks_per_group || !es->s_inodes_per_group)
		return ext2_refuse("zero blocks or inodes per group");
	groups = DIV_ROUND_UP(es->s_blocks_count - es->s_first_data_block,
			      es->s_blocks_per_group);
	gdt_block = es->s_first_data_block + 1;
	if ((gdt_block + DIV_ROUND_UP(groups * sizeof(struct ext2_group_desc),
				      block_size)) * block_size > size)
		return ext2_refuse("group descriptors outside the image");

	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi)
		return -ENOMEM;
	sbi->image = image;
	sbi->image_size = size;
	sbi->es = es;
	sbi->gdt = (void *)((u8 *)image + gdt_block * block_size);
	sbi->groups_count = groups;
	sbi->inode_size = es->s_rev_level >= 1 ? es->s_inode_size : EXT2_GOOD_OLD_INODE_SIZE;
	sbi->addr_per_block = block_size / sizeof(u32);
	if (sbi->inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->inode_size > block_size ||
	    (sbi->inode_size & (sbi->inode_size - 1))) {
		kfree(sbi);
		return ext2_refuse("bad inode size");
	}
	sb->s_blocksize = block_size;
	sb->s_fs_info = sbi;
	sb->s_root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(sb->s_root) || !S_ISDIR(sb->s_root->i_mode)) {
		kfree(sbi);
		return ext2_refuse("root inode is not a directory");
	}
	pr_info("EXT2-fs: mounted filesystem \"%.16s\": %u blocks of %lu bytes, %u inodes\n",
		es->s_volume_name, es->s_blocks_count, block_size, es->s_inodes_count);
	return 0;
}
