/*
 * ext2 directories: each block holds variable-length entries
 * {inode, rec_len, name_len, file_type, name}; rec_len chains them and
 * the last one in a block reaches its end.  A deleted entry is merged
 * into the one before it (or gets inode 0 if it is first in its block).
 * Linux: fs/ext2/dir.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/syscalls.h"

#define EXT2_DIR_REC_LEN(name_len)	(((name_len) + 8 + 3) & ~3)

static unsigned char ext2_type_by_mode(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

static const unsigned char ext2_ft_to_dt[] = {
	DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK,
};

/* Is the entry at off in a block of size bs sane?  Corrupt ones end the walk. */
static bool entry_ok(struct ext2_dir_entry_2 *de, unsigned long off, unsigned long bs)
{
	return de->rec_len >= 12 && !(de->rec_len & 3) && off + de->rec_len <= bs &&
	       EXT2_DIR_REC_LEN(de->name_len) <= de->rec_len;
}

static unsigned long dir_blocks(struct inode *dir)
{
	return DIV_ROUND_UP(dir->i_size, dir->i_sb->s_blocksize);
}

/* Call fn on each live entry (with the entry before it) until fn returns nonzero. */
static long for_each_entry(struct inode *dir,
			   long (*fn)(struct ext2_dir_entry_2 *de, struct ext2_dir_entry_2 *prev,
				      void *arg), void *arg)
{
	unsigned long bs = dir->i_sb->s_blocksize, b;

	for (b = 0; b < dir_blocks(dir); b++) {
		u8 *block = ext2_block_ptr(dir->i_sb, ext2_bmap(dir, b));
		struct ext2_dir_entry_2 *prev = NULL;
		unsigned long off = 0;

		while (block && off + 12 <= bs) {
			struct ext2_dir_entry_2 *de = (void *)(block + off);
			long ret;

			if (!entry_ok(de, off, bs))
				break;
			ret = fn(de, prev, arg);
			if (ret)
				return ret;
			prev = de;
			off += de->rec_len;
		}
	}
	return 0;
}

struct name_arg {
	const char *name;
	int len;
	struct inode *inode;	/* for set_link */
	struct inode *dir;
};

static bool name_matches(struct ext2_dir_entry_2 *de, struct name_arg *a)
{
	return de->inode && de->name_len == a->len && !memcmp(de->name, a->name, a->len);
}

static long find_fn(struct ext2_dir_entry_2 *de, struct ext2_dir_entry_2 *prev, void *arg)
{
	return name_matches(de, arg) ? (long)de->inode : 0;
}

long ext2_inode_by_name(struct inode *dir, const char *name, int len)
{
	struct name_arg a = { name, len, NULL, dir };
	long ino = for_each_entry(dir, find_fn, &a);

	return ino ? ino : -ENOENT;
}

/* Directory contents changed: keep times, and drop any htree index. */
static void dir_modified(struct inode *dir)
{
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	dir->i_mtime = dir->i_ctime = current_time();
	ext2_write_inode(dir);
}

static void fill_entry(struct inode *dir, struct ext2_dir_entry_2 *de, const char *name,
		       int len, struct inode *inode)
{
	de->inode = inode->i_ino;
	de->name_len = len;
	de->file_type = EXT2_SB(dir->i_sb)->has_filetype ? ext2_type_by_mode(inode->i_mode) : 0;
	memcpy(de->name, name, len);
}

/* Room for a new entry: in a gap of an existing block, or a new block. */
int ext2_add_link(struct inode *dir, const char *name, int len, struct inode *inode)
{
	unsigned long bs = dir->i_sb->s_blocksize, b, off;
	unsigned int need = EXT2_DIR_REC_LEN(len);
	struct ext2_dir_entry_2 *de;
	long block;

	for (b = 0; b < dir_blocks(dir); b++) {
		u8 *data = ext2_block_ptr(dir->i_sb, ext2_bmap(dir, b));

		for (off = 0; data && off + 12 <= bs; off += de->rec_len) {
			unsigned int used;

			de = (void *)(data + off);
			if (!entry_ok(de, off, bs))
				break;
			used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
			if (de->rec_len - used < need)
				continue;
			if (used) {	/* split: the new entry takes the slack */
				struct ext2_dir_entry_2 *n = (void *)((u8 *)de + used);

				n->rec_len = de->rec_len - used;
				de->rec_len = used;
				de = n;
			}
			fill_entry(dir, de, name, len, inode);
			dir_modified(dir);
			return 0;
		}
	}
	block = ext2_get_block(dir, dir_blocks(dir), true);
	if (block < 0)
		return block;
	de = ext2_block_ptr(dir->i_sb, block);
	de->rec_len = bs;
	fill_entry(dir, de, name, len, inode);
	dir->i_size += bs;
	dir_modified(dir);
	return 0;
}

static long delete_fn(struct ext2_dir_entry_2 *de, struct ext2_dir_entry_2 *prev, void *arg)
{
	if (!name_matches(de, arg))
		return 0;
	if (prev)
		prev->rec_len += de->rec_len;
	else
		de->inode = 0;
	return 1;
}

int ext2_delete_entry(struct inode *dir, const char *name, int len)
{
	struct name_arg a = { name, len, NULL, dir };

	if (!for_each_entry(dir, delete_fn, &a))
		return -ENOENT;
	dir_modified(dir);
	return 0;
}

static long set_fn(struct ext2_dir_entry_2 *de, struct ext2_dir_entry_2 *prev, void *arg)
{
	struct name_arg *a = arg;

	if (!name_matches(de, a))
		return 0;
	fill_entry(a->dir, de, a->name, a->len, a->inode);
	return 1;
}

/* Point an existing entry at another inode (rename over a name, "..") */
int ext2_set_link(struct inode *dir, const char *name, int len, struct inode *inode)
{
	struct name_arg a = { name, len, inode, dir };

	if (!for_each_entry(dir, set_fn, &a))
		return -ENOENT;
	dir_modified(dir);
	return 0;
}

/* A new directory's first block: "." and "..". */
int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	unsigned long bs = inode->i_sb->s_blocksize;
	long block = ext2_get_block(inode, 0, true);
	struct ext2_dir_entry_2 *de;

	if (block < 0)
		return block;
	de = ext2_block_ptr(inode->i_sb, block);
	de->rec_len = EXT2_DIR_REC_LEN(1);
	fill_entry(inode, de, ".", 1, inode);
	de = (void *)((u8 *)de + de->rec_len);
	de->rec_len = bs - EXT2_DIR_REC_LEN(1);
	fill_entry(inode, de, "..", 2, parent);
	inode->i_size = bs;
	ext2_write_inode(inode);
	return 0;
}

static long nondot_fn(struct ext2_dir_entry_2 *de, struct ext2_dir_entry_2 *prev, void *arg)
{
	if (!de->inode)
		return 0;
	if (de->name_len == 1 && de->name[0] == '.')
		return 0;
	if (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.')
		return 0;
	return 1;
}

bool ext2_empty_dir(struct inode *inode)
{
	return !for_each_entry(inode, nondot_fn, NULL);
}

/* getdents64: entries from byte offset ctx->pos; the position is the next entry's offset. */
static int ext2_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	unsigned long bs = dir->i_sb->s_blocksize;

	while (ctx->pos < dir->i_size) {
		unsigned long b = ctx->pos / bs, off = 0;
		u8 *block = ext2_block_ptr(dir->i_sb, ext2_bmap(dir, b));

		while (block && off + 12 <= bs) {
			struct ext2_dir_entry_2 *de = (void *)(block + off);
			loff_t here = b * bs + off;

			if (!entry_ok(de, off, bs))
				break;
			off += de->rec_len;
			if (here < ctx->pos || !de->inode)
				continue;
			if (!ctx->actor(ctx, de->name, de->name_len, b * bs + off, de->inode,
					ext2_ft_to_dt[de->file_type < 8 ? de->file_type : 0]))
				return 0;
			ctx->pos = b * bs + off;
		}
		ctx->pos = (b + 1) * bs;
	}
	return 0;
}

const struct file_operations ext2_dir_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = ext2_readdir,
};
