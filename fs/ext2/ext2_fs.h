#ifndef FS_EXT2_EXT2_FS_H
#define FS_EXT2_EXT2_FS_H

/* The in-kernel side of ext2: the mounted image and its inodes. */
#include "fs/fs.h"
#include "fs/ext2/ext2.h"

struct ext2_sb_info {
	u8 *image;			/* the whole filesystem, in RAM */
	size_t image_size;
	struct ext2_super_block *es;
	struct ext2_group_desc *gdt;
	unsigned long groups_count;
	unsigned int inode_size;
	unsigned long addr_per_block;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* The on-disk inode, which lives in the RAM image. */
static inline struct ext2_inode *EXT2_I(struct inode *inode)
{
	return inode->i_private;
}

int ext2_fill_super(struct super_block *sb, void *image, size_t size);
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
void *ext2_block_ptr(struct super_block *sb, u32 block);
u32 ext2_bmap(struct inode *inode, unsigned long file_block);
long ext2_lookup(struct inode *dir, const char *name, size_t len);

extern const struct file_operations ext2_file_operations;

#endif
