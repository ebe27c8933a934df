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

/* Every group's bitmaps and inode table inside that group (Linux: ext2_check_descriptors). */
static bool ext2_check_descriptors(struct ext2_sb_info *sbi, unsigned long block_size)
{
	struct ext2_super_block *es = sbi->es;
	unsigned long itb = DIV_ROUND_UP((u64)es->s_inodes_per_group * sbi->inode_size,
					 block_size);
	unsigned long g;

	for (g = 0; g < sbi->groups_count; g++) {
		struct ext2_group_desc *gd = &sbi->gdt[g];
		u64 first = es->s_first_data_block + (u64)g * es->s_blocks_per_group;
		u64 last = min(first + es->s_blocks_per_group, (u64)es->s_blocks_count) - 1;

		if (gd->bg_block_bitmap < first || gd->bg_block_bitmap > last ||
		    gd->bg_inode_bitmap < first || gd->bg_inode_bitmap > last ||
		    gd->bg_inode_table < first || gd->bg_inode_table + itb - 1 > last)
			return false;
		/* Not the superblock or descriptor blocks of group 0. */
		if (g == 0 && (gd->bg_block_bitmap <= es->s_first_data_block ||
			       gd->bg_inode_bitmap <= es->s_first_data_block ||
			       gd->bg_inode_table <= es->s_first_data_block))
			return false;
	}
	return true;
}

int ext2_fill_super(struct super_block *sb, void *image, size_t size)
{
	struct ext2_sb_info *sbi;
	struct ext2_super_block *es = (void *)((u8 *)image + EXT2_SUPERBLOCK_OFFSET);
	unsigned long block_size, groups, gdt_block;
	struct inode *root;

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
	/* Each group's bitmaps are one block: 8 bits per byte. */
	if (es->s_blocks_per_group > 8 * block_size || es->s_inodes_per_group > 8 * block_size)
		return ext2_refuse("more blocks or inodes per group than a bitmap block holds");
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
	if (!ext2_check_descriptors(sbi, block_size)) {
		kfree(sbi);
		return ext2_refuse("a group's bitmaps or inode table lie outside the group");
	}
	sbi->has_filetype = es->s_rev_level >= 1 &&
			    (es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
	sb->s_blocksize = block_size;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_fs_info = sbi;
	INIT_LIST_HEAD(&sb->s_inodes);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root) || !S_ISDIR(root->i_mode)) {
		if (!IS_ERR(root))
			iput(root);
		kfree(sbi);
		return ext2_refuse("root inode is not a directory");
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		iput(root);
		kfree(sbi);
		return -ENOMEM;
	}
	pr_info("EXT2-fs: mounted filesystem \"%.16s\": %u blocks of %lu bytes, %u inodes\n",
		es->s_volume_name, es->s_blocks_count, block_size, es->s_inodes_count);
	return 0;
}

static int ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_super_block *es = EXT2_SB(sb)->es;

	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = sb->s_blocksize;
	buf->f_blocks = es->s_blocks_count - es->s_first_data_block;
	buf->f_bfree = es->s_free_blocks_count;
	buf->f_bavail = es->s_free_blocks_count > es->s_r_blocks_count ?
			es->s_free_blocks_count - es->s_r_blocks_count : 0;
	buf->f_files = es->s_inodes_count;
	buf->f_ffree = es->s_free_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	buf->f_frsize = sb->s_blocksize;
	return 0;
}

const struct super_operations ext2_sops = {
	.evict_inode = ext2_evict_inode,
	.write_inode = ext2_write_inode,
	.statfs = ext2_statfs,
};
