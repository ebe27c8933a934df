#ifndef FS_EXT2_EXT2_FS_H
#define FS_EXT2_EXT2_FS_H

/*
 * The in-kernel side of ext2: the mounted image and its inodes.  The
 * filesystem lives in RAM (the image GRUB loaded), so "reading a block"
 * is finding its address and "writing" is storing to it.
 */
#include "fs/fs.h"
#include "fs/dcache.h"
#include "fs/ext2/ext2.h"

#define EXT2_INDEX_FL		0x00001000	/* htree directory (dir_index) */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

struct ext2_sb_info {
	u8 *image;			/* the whole filesystem, in RAM */
	size_t image_size;
	struct ext2_super_block *es;
	struct ext2_group_desc *gdt;
	unsigned long groups_count;
	unsigned int inode_size;
	unsigned long addr_per_block;
	bool has_filetype;
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

/* super.c */
int ext2_fill_super(struct super_block *sb, void *image, size_t size);
/* inode.c */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
struct inode *ext2_iget_new(struct super_block *sb, unsigned long ino);
void *ext2_block_ptr(struct super_block *sb, u32 block);
u32 ext2_bmap(struct inode *inode, unsigned long file_block);
long ext2_get_block(struct inode *inode, unsigned long file_block, bool create);
int ext2_truncate(struct inode *inode, loff_t size);
loff_t ext2_max_size(struct super_block *sb);
void ext2_set_large_file(struct super_block *sb);
void ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
void ext2_set_inode_ops(struct inode *inode);
/* balloc.c, ialloc.c */
long ext2_new_block(struct super_block *sb, u32 goal);
void ext2_free_block(struct super_block *sb, u32 block);
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
void ext2_free_inode(struct inode *inode);
/* dir.c */
long ext2_inode_by_name(struct inode *dir, const char *name, int len);
int ext2_add_link(struct inode *dir, const char *name, int len, struct inode *inode);
int ext2_delete_entry(struct inode *dir, const char *name, int len);
int ext2_set_link(struct inode *dir, const char *name, int len, struct inode *inode);
int ext2_make_empty(struct inode *inode, struct inode *parent);
bool ext2_empty_dir(struct inode *inode);

extern const struct file_operations ext2_file_operations;
extern const struct file_operations ext2_dir_operations;
extern const struct inode_operations ext2_file_inode_operations;
extern const struct inode_operations ext2_dir_inode_operations;
extern const struct inode_operations ext2_symlink_inode_operations;
extern const struct super_operations ext2_sops;

#endif
