/*
 * ext2 inodes: finding one in the inode table, mapping a file's blocks,
 * reading its data.  Linux: fs/ext2/inode.c, fs/ext2/file.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/ext2/blockmap.h"

/* A pointer to a block of the image, NULL for a block number outside it. */
void *ext2_block_ptr(struct super_block *sb, u32 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (block == 0 || block >= sbi->es->s_blocks_count)
		return NULL;
	return sbi->image + (size_t)block * sb->s_blocksize;
}

static struct ext2_inode *ext2_raw_inode(struct super_block *sb, unsigned long ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, index;
	u8 *table;

	if (ino < 1 || ino > sbi->es->s_inodes_count)
		return NULL;
	group = (ino - 1) / sbi->es->s_inodes_per_group;
	index = (ino - 1) % sbi->es->s_inodes_per_group;
	if (group >= sbi->groups_count)
		return NULL;
	table = ext2_block_ptr(sb, sbi->gdt[group].bg_inode_table);
	if (!table)
		return NULL;
	/* The whole table must be inside the image (checked per access). */
	if ((u8 *)table + (index + 1) * sbi->inode_size > sbi->image + sbi->image_size)
		return NULL;
	return (struct ext2_inode *)(table + index * sbi->inode_size);
}

struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode *raw = ext2_raw_inode(sb, ino);
	struct inode *inode;

	if (!raw || raw->i_links_count == 0)
		return ERR_PTR(-ENOENT);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_ino = ino;
	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid;
	inode->i_gid = raw->i_gid;
	inode->i_nlink = raw->i_links_count;
	inode->i_size = raw->i_size | (S_ISREG(raw->i_mode) ? (u64)raw->i_size_high << 32 : 0);
	inode->i_private = raw;
	if (S_ISREG(inode->i_mode))
		inode->i_fop = &ext2_file_operations;
	return inode;
}

/* The disk block holding block file_block of the file; 0 for a hole. */
u32 ext2_bmap(struct inode *inode, unsigned long file_block)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	unsigned int offsets[4];
	int depth = ext2_block_to_path(file_block, sbi->addr_per_block, offsets);
	u32 block;
	int i;

	if (!depth)
		return 0;
	block = EXT2_I(inode)->i_block[offsets[0]];
	for (i = 1; i < depth && block; i++) {
		u32 *table = ext2_block_ptr(inode->i_sb, block);

		if (!table)
			return 0;	/* a corrupt pointer reads as a hole */
		block = table[offsets[i]];
	}
	return block;
}

static ssize_t ext2_file_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	unsigned long bs = inode->i_sb->s_blocksize;
	size_t done = 0;

	while (iov_iter_count(to) && *pos < inode->i_size) {
		unsigned long off = *pos % bs;
		size_t n = min((size_t)(bs - off), iov_iter_count(to));
		u8 *data = ext2_block_ptr(inode->i_sb, ext2_bmap(inode, *pos / bs));
		static const u8 zeros[4096];
		size_t copied;

		n = min(n, (size_t)(inode->i_size - *pos));
		copied = copy_to_iter(data ? data + off : zeros, n, to);
		*pos += copied;
		done += copied;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

const struct file_operations ext2_file_operations = {
	.read_iter = ext2_file_read_iter,
};
