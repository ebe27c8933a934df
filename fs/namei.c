/*
 * Path walk: from the root, one component at a time, following
 * symbolic links.  "." and ".." are ordinary entries of every ext2
 * directory, so the walk needs no special case for them.
 * Linux: fs/namei.c (link_path_walk, walk_component, open_exec in fs/exec.c).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/namei.h"
#include "fs/ext2/ext2_fs.h"

#define NAME_MAX	255

struct super_block *root_sb;

int mount_root(void *image, size_t size)
{
	static struct super_block sb;
	int err = ext2_fill_super(&sb, image, size);

	if (!err)
		root_sb = &sb;
	return err;
}

/* The target of a symlink (fast: in i_block; slow: in its first block). */
static const char *symlink_target(struct inode *inode)
{
	struct ext2_inode *raw = EXT2_I(inode);

	if (inode->i_size < (loff_t)sizeof(raw->i_block) && raw->i_blocks == 0)
		return (const char *)raw->i_block;
	return ext2_block_ptr(inode->i_sb, ext2_bmap(inode, 0));
}

static struct inode *walk(struct inode *dir, const char *path, int depth);

static struct inode *follow_link(struct inode *dir, struct inode *link, int depth)
{
	char target[256];
	const char *t = symlink_target(link);
	size_t len = min((size_t)link->i_size, sizeof(target) - 1);

	if (depth >= MAXSYMLINKS)
		return ERR_PTR(-ELOOP);
	if (!t || link->i_size >= (loff_t)sizeof(target) - 1)
		return ERR_PTR(-ENAMETOOLONG);
	memcpy(target, t, len);
	target[len] = '\0';
	return walk(dir, target, depth + 1);
}

/* Resolve path relative to dir; consumes nothing, returns a new reference. */
static struct inode *walk(struct inode *dir, const char *path, int depth)
{
	struct inode *cur = igrab(*path == '/' ? root_sb->s_root : dir);

	while (*path) {
		const char *name;
		size_t len;
		long ino;
		struct inode *next;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		name = path;
		while (*path && *path != '/')
			path++;
		len = path - name;
		if (len > NAME_MAX) {
			iput(cur);
			return ERR_PTR(-ENAMETOOLONG);
		}
		if (!S_ISDIR(cur->i_mode)) {
			iput(cur);
			return ERR_PTR(-ENOTDIR);
		}
		ino = ext2_lookup(cur, name, len);
		next = ino < 0 ? ERR_PTR(ino) : ext2_iget(cur->i_sb, ino);
		if (!IS_ERR(next) && S_ISLNK(next->i_mode)) {
			struct inode *target = follow_link(cur, next, depth);

			iput(next);
			next = target;
		}
		iput(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
	}
	return cur;
}

struct inode *namei(const char *path)
{
	if (!*path)
		return ERR_PTR(-ENOENT);
	if (!root_sb)
		return ERR_PTR(-ENOENT);
	return walk(root_sb->s_root, path, 0);
}

struct file *open_exec(const char *name)
{
	struct inode *inode = namei(name);
	struct file *f;

	if (IS_ERR(inode))
		return (struct file *)inode;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111)) {
		iput(inode);
		return ERR_PTR(-EACCES);
	}
	f = alloc_file(inode, O_RDONLY, inode->i_fop);
	if (!f) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	return f;
}
