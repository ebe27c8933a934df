/*
 * ext2's inode_operations for directories and symlinks: the on-disk half
 * of lookup, create, mkdir, unlink, rmdir, link, symlink and rename.
 * Link counts follow the ext2 rules e2fsck checks: a directory has one
 * link from its parent's entry, one from its own ".", and one from each
 * subdirectory's "..".  Linux: fs/ext2/namei.c, fs/ext2/symlink.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"

#define EXT2_FAST_SYMLINK_MAX	(EXT2_N_BLOCKS * 4 - 1)

static int ext2_lookup(struct inode *dir, struct dentry *dentry)
{
	long ino = ext2_inode_by_name(dir, dentry->d_name, dentry->d_len);
	struct inode *inode;

	if (ino == -ENOENT)
		return 0;		/* a negative dentry */
	if (ino < 0)
		return ino;
	inode = ext2_iget(dir->i_sb, ino);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	d_instantiate(dentry, inode);
	return 0;
}

static void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
	inode->i_ctime = current_time();
	ext2_write_inode(inode);
}

static void drop_nlink(struct inode *inode)
{
	inode->i_nlink--;
	inode->i_ctime = current_time();
	ext2_write_inode(inode);
}

/* A new inode gets its name; on failure it is freed again. */
static int add_nondir(struct inode *dir, struct dentry *dentry, struct inode *inode)
{
	int err = ext2_add_link(dir, dentry->d_name, dentry->d_len, inode);

	if (err) {
		inode->i_nlink = 0;
		iput(inode);
		return err;
	}
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode = ext2_new_inode(dir, S_IFREG | (mode & S_IALLUGO));

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	return add_nondir(dir, dentry, inode);
}

static int ext2_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;

	if (len + 1 > dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (len <= EXT2_FAST_SYMLINK_MAX) {
		memcpy(EXT2_I(inode)->i_block, target, len);	/* fast symlink */
	} else {
		long b = ext2_get_block(inode, 0, true);

		if (b < 0) {
			inode->i_nlink = 0;
			iput(inode);
			return b;
		}
		memcpy(ext2_block_ptr(inode->i_sb, b), target, len);
	}
	inode->i_size = len;
	ext2_write_inode(inode);
	return add_nondir(dir, dentry, inode);
}

static int ext2_readlink(struct inode *inode, char *buf, int size)
{
	const char *t;
	int len = min((loff_t)size, inode->i_size);

	if (EXT2_I(inode)->i_blocks == 0)
		t = (const char *)EXT2_I(inode)->i_block;
	else
		t = ext2_block_ptr(inode->i_sb, ext2_bmap(inode, 0));
	if (!t)
		return -EIO;
	memcpy(buf, t, len);
	return len;
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;
	int err = ext2_add_link(dir, dentry->d_name, dentry->d_len, inode);

	if (err)
		return err;
	inc_nlink(inode);
	d_instantiate(dentry, igrab(inode));
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *dentry)
{
	int err = ext2_delete_entry(dir, dentry->d_name, dentry->d_len);

	if (err)
		return err;
	drop_nlink(dentry->d_inode);
	return 0;
}

static int ext2_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode;
	int err;

	if (dir->i_nlink >= 32000)
		return -EMLINK;		/* ext2's EXT2_LINK_MAX */
	inode = ext2_new_inode(dir, S_IFDIR | (mode & S_IALLUGO));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->i_nlink = 2;		/* the parent's entry and "." */
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, dentry->d_name, dentry->d_len, inode);
	if (err) {
		inode->i_nlink = 0;
		iput(inode);
		return err;
	}
	inc_nlink(dir);			/* the new ".." */
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (!ext2_empty_dir(inode))
		return -ENOTEMPTY;
	err = ext2_delete_entry(dir, dentry->d_name, dentry->d_len);
	if (err)
		return err;
	inode->i_nlink = 0;
	ext2_truncate(inode, 0);
	drop_nlink(dir);		/* its ".." is gone */
	return 0;
}

static int ext2_rename(struct inode *old_dir, struct dentry *old,
		       struct inode *new_dir, struct dentry *new)
{
	struct inode *inode = old->d_inode, *target = new->d_inode;
	bool is_dir = S_ISDIR(inode->i_mode);
	int err;

	if (target) {
		if (is_dir && !ext2_empty_dir(target))
			return -ENOTEMPTY;
		err = ext2_set_link(new_dir, new->d_name, new->d_len, inode);
		if (err)
			return err;
		if (is_dir) {
			/* Its "." goes too; new_dir loses the target's ".."
			 * and gains ours: its count stays. */
			target->i_nlink = 0;
			ext2_truncate(target, 0);
		} else {
			drop_nlink(target);
		}
	} else {
		if (is_dir && new_dir != old_dir && new_dir->i_nlink >= 32000)
			return -EMLINK;
		err = ext2_add_link(new_dir, new->d_name, new->d_len, inode);
		if (err)
			return err;
		if (is_dir)
			inc_nlink(new_dir);
	}
	ext2_delete_entry(old_dir, old->d_name, old->d_len);
	if (is_dir) {
		ext2_set_link(inode, "..", 2, new_dir);
		drop_nlink(old_dir);
	}
	inode->i_ctime = current_time();
	ext2_write_inode(inode);
	return 0;
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.symlink = ext2_symlink,
	.mkdir = ext2_mkdir,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.readlink = ext2_readlink,
};
