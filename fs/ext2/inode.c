/*
 * ext2 inodes: finding one in the inode table, mapping file blocks to
 * disk blocks (allocating on write), truncating, and the file's read and
 * write.  Linux: fs/ext2/inode.c, fs/ext2/file.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/timer.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/ext2/blockmap.h"
#include "fs/syscalls.h"

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
	if (!table || table + (index + 1) * sbi->inode_size > sbi->image + sbi->image_size)
		return NULL;
	return (struct ext2_inode *)(table + index * sbi->inode_size);
}

void ext2_set_inode_ops(struct inode *inode)
{
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = &ext2_symlink_inode_operations;
	}
}

/* An in-memory inode for ino, shared by everyone who asks (the inode cache). */
static struct inode *iget_cached(struct super_block *sb, unsigned long ino,
				 struct ext2_inode **raw)
{
	struct inode *inode = iget_locked_find(sb, ino);

	*raw = ext2_raw_inode(sb, ino);
	if (inode || !*raw)
		return inode ? inode : ERR_PTR(-EIO);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_ino = ino;
	inode->i_private = *raw;
	inode->i_state = I_NEW;
	return inode;
}

struct inode *ext2_iget_new(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode *raw;

	return iget_cached(sb, ino, &raw);
}

struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode *raw;
	struct inode *inode = iget_cached(sb, ino, &raw);

	if (IS_ERR(inode) || !(inode->i_state & I_NEW))
		return inode;		/* an error, or already read in */
	if (raw->i_links_count == 0) {
		iput(inode);		/* I_NEW: the disk inode is left alone */
		return ERR_PTR(-ESTALE);
	}
	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid;
	inode->i_gid = raw->i_gid;
	inode->i_nlink = raw->i_links_count;
	inode->i_size = raw->i_size;
	if (S_ISREG(raw->i_mode))
		inode->i_size |= (u64)raw->i_size_high << 32;
	inode->i_blocks = raw->i_blocks;
	inode->i_atime = raw->i_atime;
	inode->i_mtime = raw->i_mtime;
	inode->i_ctime = raw->i_ctime;
	ext2_set_inode_ops(inode);
	inode->i_state &= ~I_NEW;
	return inode;
}

/* The in-memory fields are the truth; store them in the image. */
void ext2_write_inode(struct inode *inode)
{
	struct ext2_inode *raw = EXT2_I(inode);

	raw->i_mode = inode->i_mode;
	raw->i_uid = inode->i_uid;
	raw->i_gid = inode->i_gid;
	raw->i_links_count = inode->i_nlink;
	raw->i_size = (u32)inode->i_size;
	raw->i_size_high = S_ISREG(inode->i_mode) ? (u32)(inode->i_size >> 32) : 0;
	if (S_ISREG(inode->i_mode) && inode->i_size >= 0x80000000L)
		ext2_set_large_file(inode->i_sb);
	raw->i_blocks = inode->i_blocks;
	raw->i_atime = inode->i_atime;
	raw->i_mtime = inode->i_mtime;
	raw->i_ctime = inode->i_ctime;
}

/* Keep the disk's i_blocks in step at once: a write that fails later
 * must not leave a newly allocated indirect block uncounted. */
static void add_blocks(struct inode *inode, long n)
{
	inode->i_blocks += n * (long)(inode->i_sb->s_blocksize / 512);
	EXT2_I(inode)->i_blocks = inode->i_blocks;
}

/*
 * The disk block behind file block file_block: 0 for a hole (when not
 * creating), a new zeroed block (with any indirect blocks on the way)
 * when creating, -ENOSPC or -EFBIG on failure.
 */
long ext2_get_block(struct inode *inode, unsigned long file_block, bool create)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	unsigned int offsets[4];
	int depth = ext2_block_to_path(file_block, sbi->addr_per_block, offsets);
	u32 *slot, goal = 0;
	int i;

	if (!depth)
		return create ? -EFBIG : 0;
	slot = &EXT2_I(inode)->i_block[offsets[0]];
	for (i = 0;; i++) {
		if (!*slot) {
			long b;

			if (!create)
				return 0;
			b = ext2_new_block(inode->i_sb, goal);
			if (b < 0)
				return b;
			*slot = b;
			add_blocks(inode, 1);
		}
		if (*slot >= EXT2_SB(inode->i_sb)->es->s_blocks_count)
			return -EIO;	/* a corrupt pointer */
		goal = *slot;
		if (i == depth - 1)
			return *slot;
		u32 *table = ext2_block_ptr(inode->i_sb, *slot);

		if (!table)
			return -EIO;	/* a corrupt pointer */
		slot = &table[offsets[i + 1]];
	}
}

u32 ext2_bmap(struct inode *inode, unsigned long file_block)
{
	long b = ext2_get_block(inode, file_block, false);

	return b > 0 ? b : 0;
}

/*
 * Free the part of the tree under *slot that maps file blocks >= from.
 * The subtree starts at file block `first` and has `level` levels of
 * indirection (0: *slot is a data block).
 */
static void free_branch(struct inode *inode, u32 *slot, int level,
			unsigned long first, unsigned long from)
{
	unsigned long per = EXT2_SB(inode->i_sb)->addr_per_block, span = 1, j;
	u32 *table;
	int i;

	for (i = 0; i < level; i++)
		span *= per;
	if (!*slot || first + span <= from)
		return;
	if (level > 0 && (table = ext2_block_ptr(inode->i_sb, *slot))) {
		for (j = 0; j < per; j++)
			free_branch(inode, &table[j], level - 1, first + j * (span / per), from);
	}
	if (first >= from) {
		ext2_free_block(inode->i_sb, *slot);
		*slot = 0;
		add_blocks(inode, -1);
	}
}

static void free_blocks_from(struct inode *inode, unsigned long from)
{
	unsigned long per = EXT2_SB(inode->i_sb)->addr_per_block;
	u32 *ib = EXT2_I(inode)->i_block;
	unsigned long first = EXT2_NDIR_BLOCKS;
	int i;

	for (i = 0; i < EXT2_NDIR_BLOCKS; i++)
		free_branch(inode, &ib[i], 0, i, from);
	free_branch(inode, &ib[EXT2_IND_BLOCK], 1, first, from);
	first += per;
	free_branch(inode, &ib[EXT2_DIND_BLOCK], 2, first, from);
	first += per * per;
	free_branch(inode, &ib[EXT2_TIND_BLOCK], 3, first, from);
}

/* The largest file the block map can describe (Linux: ext2_max_size). */
loff_t ext2_max_size(struct super_block *sb)
{
	u64 per = EXT2_SB(sb)->addr_per_block;
	u64 blocks = EXT2_NDIR_BLOCKS + per + per * per + per * per * per;
	u64 limit = (1ULL << 32) - 1;	/* i_blocks counts 512-byte units in 32 bits */

	limit = limit / (sb->s_blocksize / 512) - (1 + per + per * per);	/* minus indirect blocks */
	return (loff_t)(min(blocks, limit) * sb->s_blocksize);
}

void ext2_set_large_file(struct super_block *sb)
{
	struct ext2_super_block *es = EXT2_SB(sb)->es;

	if (es->s_rev_level >= 1)
		es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
}

/* Fast symlinks keep their target in i_block: no blocks to free. */
static bool is_fast_symlink(struct inode *inode)
{
	return S_ISLNK(inode->i_mode) && EXT2_I(inode)->i_blocks == 0;
}

int ext2_truncate(struct inode *inode, loff_t size)
{
	unsigned long bs = inode->i_sb->s_blocksize;

	if (size > ext2_max_size(inode->i_sb))
		return -EFBIG;

	if (size < inode->i_size && !is_fast_symlink(inode)) {
		/* The tail of the last kept block must read as zeros later. */
		u8 *last = ext2_block_ptr(inode->i_sb, ext2_bmap(inode, size / bs));

		if (last && size % bs)
			memset(last + size % bs, 0, bs - size % bs);
		free_blocks_from(inode, DIV_ROUND_UP(size, bs));
	}
	inode->i_size = size;
	inode->i_mtime = inode->i_ctime = current_time();
	ext2_write_inode(inode);
	return 0;
}

/* The last link and the last user are gone: free everything on disk. */
void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode *raw = EXT2_I(inode);

	if (!is_fast_symlink(inode))
		free_blocks_from(inode, 0);
	inode->i_size = 0;
	inode->i_nlink = 0;
	ext2_write_inode(inode);
	raw->i_dtime = current_time();
	ext2_free_inode(inode);
}

static ssize_t ext2_file_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	unsigned long bs = inode->i_sb->s_blocksize;
	static const u8 zeros[4096];
	size_t done = 0;

	while (iov_iter_count(to) && *pos < inode->i_size) {
		unsigned long off = *pos % bs;
		size_t n = min((size_t)(bs - off), iov_iter_count(to));
		u8 *data = ext2_block_ptr(inode->i_sb, ext2_bmap(inode, *pos / bs));
		size_t copied;

		n = min(n, (size_t)(inode->i_size - *pos));
		copied = copy_to_iter(data ? data + off : zeros, n, to);	/* hole: zeros */
		*pos += copied;
		done += copied;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static ssize_t ext2_file_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	unsigned long bs = inode->i_sb->s_blocksize;
	ssize_t done = 0, err = 0;
	u8 *data;

	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	while (iov_iter_count(from)) {
		unsigned long off = *pos % bs;
		size_t n = min((size_t)(bs - off), iov_iter_count(from));
		long block = ext2_get_block(inode, *pos / bs, true);
		size_t copied;

		if (block < 0) {
			err = block;
			break;
		}
		data = ext2_block_ptr(inode->i_sb, block);
		if (!data) {
			err = -EIO;
			break;
		}
		copied = copy_from_iter(data + off, n, from);
		*pos += copied;
		done += copied;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (copied < n) {
			err = -EFAULT;
			break;
		}
	}
	if (done) {
		inode->i_mtime = inode->i_ctime = current_time();
		ext2_write_inode(inode);
	}
	return done ? done : err;
}

const struct file_operations ext2_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = ext2_file_read_iter,
	.write_iter = ext2_file_write_iter,
};

const struct inode_operations ext2_file_inode_operations = {
	.truncate = ext2_truncate,
};
