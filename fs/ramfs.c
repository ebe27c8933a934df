/*
 * tmpfs for /tmp: a filesystem that is nothing but memory.  Directories
 * are the dentry cache itself (a positive dentry stays cached while its
 * file exists, so a directory's children list is its contents), and a
 * file's data is an array of pages, NULL for a hole.
 * Linux: fs/ramfs/inode.c, fs/libfs.c (simple_* and dcache_readdir),
 * mm/shmem.c (here without swap, xattrs or huge pages).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/dcache.h"
#include "fs/super.h"
#include "fs/syscalls.h"

#define TMPFS_MAGIC	0x01021994

struct ramfs_data {
	struct page **pages;	/* file data, or the symlink target in pages[0] */
	unsigned long nr;	/* slots in pages[] */
};

static struct super_block tmpfs_sb;
static unsigned long next_ino = 1, used_pages, used_inodes;
static const struct inode_operations ramfs_dir_iops, ramfs_file_iops, ramfs_link_iops;
static const struct file_operations ramfs_dir_fops, ramfs_file_fops;

static struct ramfs_data *RD(struct inode *inode)
{
	return inode->i_private;
}

static struct inode *ramfs_get_inode(umode_t mode)
{
	struct inode *inode = new_inode(&tmpfs_sb);
	struct ramfs_data *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!inode || !d) {
		kfree(d);
		if (inode)
			inode->i_nlink = 1;	/* plain free, nothing to evict */
		iput(inode);
		return NULL;
	}
	inode->i_private = d;
	inode->i_ino = next_ino++;
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	if (S_ISDIR(mode)) {
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &ramfs_link_iops;
	} else {
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
	}
	used_inodes++;
	return inode;
}

/* The page behind file page n, allocated (zeroed) if create is set. */
static struct page *ramfs_page(struct inode *inode, unsigned long n, bool create)
{
	struct ramfs_data *d = RD(inode);

	if (n >= d->nr) {
		unsigned long nr = max(n + 1, d->nr * 2);
		struct page **p;

		if (!create)
			return NULL;
		p = kzalloc(nr * sizeof(*p), GFP_KERNEL);
		if (!p)
			return NULL;
		if (d->nr)
			memcpy(p, d->pages, d->nr * sizeof(*p));
		kfree(d->pages);
		d->pages = p;
		d->nr = nr;
	}
	if (!d->pages[n] && create) {
		d->pages[n] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (d->pages[n]) {
			used_pages++;
			inode->i_blocks += PAGE_SIZE / 512;
		}
	}
	return d->pages[n];
}

/* Free every page from file page `from` on. */
static void ramfs_free_pages(struct inode *inode, unsigned long from)
{
	struct ramfs_data *d = RD(inode);
	unsigned long i;

	for (i = from; i < d->nr; i++) {
		if (d->pages[i]) {
			__free_pages(d->pages[i], 0);
			d->pages[i] = NULL;
			used_pages--;
			inode->i_blocks -= PAGE_SIZE / 512;
		}
	}
}

static int ramfs_truncate(struct inode *inode, loff_t size)
{
	if (size < inode->i_size) {
		struct page *last = ramfs_page(inode, size / PAGE_SIZE, false);

		if (last && size % PAGE_SIZE)
			memset((char *)page_address(last) + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
		ramfs_free_pages(inode, DIV_ROUND_UP(size, PAGE_SIZE));
	}
	inode->i_size = size;
	inode->i_mtime = inode->i_ctime = current_time();
	return 0;
}

static void ramfs_evict(struct inode *inode)
{
	ramfs_free_pages(inode, 0);
	kfree(RD(inode)->pages);
	kfree(RD(inode));
	used_inodes--;
}

static ssize_t ramfs_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	static const char zeros[PAGE_SIZE];
	size_t done = 0;

	while (iov_iter_count(to) && *pos < inode->i_size) {
		unsigned long off = *pos % PAGE_SIZE;
		size_t n = min(min((size_t)(PAGE_SIZE - off), iov_iter_count(to)),
			       (size_t)(inode->i_size - *pos));
		struct page *p = ramfs_page(inode, *pos / PAGE_SIZE, false);
		size_t c = copy_to_iter(p ? (char *)page_address(p) + off : zeros + off, n, to);

		*pos += c;
		done += c;
		if (c < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static ssize_t ramfs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t done = 0, err = 0;

	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	while (iov_iter_count(from)) {
		unsigned long off = *pos % PAGE_SIZE;
		size_t n = min((size_t)(PAGE_SIZE - off), iov_iter_count(from));
		struct page *p = ramfs_page(inode, *pos / PAGE_SIZE, true);
		size_t c;

		if (!p) {
			err = -ENOSPC;
			break;
		}
		c = copy_from_iter((char *)page_address(p) + off, n, from);
		*pos += c;
		done += c;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (c < n) {
			err = -EFAULT;
			break;
		}
	}
	if (done)
		inode->i_mtime = inode->i_ctime = current_time();
	return done ? done : err;
}

/* Every existing name is in the dcache already: a lookup that got here found nothing. */
static int ramfs_lookup(struct inode *dir, struct dentry *dentry)
{
	return 0;
}

static void dir_changed(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time();
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode = ramfs_get_inode(mode);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	dir_changed(dir);
	return 0;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	return ramfs_mknod(dir, dentry, S_IFREG | (mode & S_IALLUGO));
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, S_IFDIR | (mode & S_IALLUGO));

	if (!err)
		dir->i_nlink++;		/* the new ".." */
	return err;
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	struct page *p;

	if (len >= PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = ramfs_get_inode(S_IFLNK | 0777);
	if (!inode)
		return -ENOSPC;
	p = ramfs_page(inode, 0, true);
	if (!p) {
		inode->i_nlink = 0;	/* iput frees it */
		iput(inode);
		return -ENOSPC;
	}
	memcpy(page_address(p), target, len);
	inode->i_size = len;
	d_instantiate(dentry, inode);
	dir_changed(dir);
	return 0;
}

static int ramfs_readlink(struct inode *inode, char *buf, int size)
{
	struct page *p = ramfs_page(inode, 0, false);
	int len = min((loff_t)size, inode->i_size);

	if (!p)
		return -EIO;
	memcpy(buf, page_address(p), len);
	return len;
}

static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_nlink++;
	inode->i_ctime = current_time();
	d_instantiate(dentry, igrab(inode));
	dir_changed(dir);
	return 0;
}

static int ramfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_nlink--;
	inode->i_ctime = current_time();
	dir_changed(dir);
	return 0;
}

/* Empty: no positive child in the dcache. */
static bool ramfs_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
		if (child->d_inode)
			return false;
	return true;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!ramfs_empty(dentry))
		return -ENOTEMPTY;
	dentry->d_inode->i_nlink = 0;
	dentry->d_inode->i_ctime = current_time();
	dir->i_nlink--;
	dir_changed(dir);
	return 0;
}

static int ramfs_rename(struct inode *old_dir, struct dentry *old,
			struct inode *new_dir, struct dentry *new)
{
	struct inode *target = new->d_inode;
	bool is_dir = S_ISDIR(old->d_inode->i_mode);

	if (target) {
		if (is_dir && !ramfs_empty(new))
			return -ENOTEMPTY;
		if (is_dir) {
			target->i_nlink = 0;
			old_dir->i_nlink--;	/* new_dir: loses the target's "..", gains ours */
		} else {
			target->i_nlink--;
		}
	} else if (is_dir) {
		old_dir->i_nlink--;
		new_dir->i_nlink++;
	}
	old->d_inode->i_ctime = current_time();
	dir_changed(old_dir);
	dir_changed(new_dir);
	return 0;
}

/* Positions: 0 ".", 1 "..", then the n-th positive child. */
static int ramfs_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *child;
	loff_t n = 2;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, dir->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		struct inode *inode = child->d_inode;

		if (!inode)
			continue;
		if (n++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, child->d_name, child->d_len, n, inode->i_ino,
				(inode->i_mode >> 12) & 15))
			return 0;
		ctx->pos = n;
	}
	return 0;
}

static int tmpfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	unsigned long limit = totalram_pages() / 2;	/* Linux's default size= */

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_blocks = limit;
	buf->f_bfree = buf->f_bavail = limit > used_pages ? limit - used_pages : 0;
	buf->f_files = limit;
	buf->f_ffree = limit > used_inodes ? limit - used_inodes : 0;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
};

static const struct inode_operations ramfs_file_iops = {
	.truncate = ramfs_truncate,
};

static const struct inode_operations ramfs_link_iops = {
	.readlink = ramfs_readlink,
};

static const struct file_operations ramfs_dir_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = ramfs_readdir,
};

static const struct file_operations ramfs_file_fops = {
	.llseek = generic_file_llseek,
	.read_iter = ramfs_read,
	.write_iter = ramfs_write,
};

static const struct super_operations tmpfs_sops = {
	.evict_inode = ramfs_evict,
	.statfs = tmpfs_statfs,
};

struct super_block *tmpfs_super(void)
{
	struct inode *root;

	tmpfs_sb.s_blocksize = PAGE_SIZE;
	tmpfs_sb.s_magic = TMPFS_MAGIC;
	tmpfs_sb.s_op = &tmpfs_sops;
	tmpfs_sb.s_dev = 6;		/* an anonymous device number */
	INIT_LIST_HEAD(&tmpfs_sb.s_inodes);
	root = ramfs_get_inode(S_IFDIR | 01777);
	tmpfs_sb.s_root = root ? d_make_root(root) : NULL;
	return tmpfs_sb.s_root ? &tmpfs_sb : NULL;
}
