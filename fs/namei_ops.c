/*
 * The calls that change names: mkdir, rmdir, unlink, rename, link,
 * symlink, and readlink.  Each finds the parent directory, checks what
 * Linux checks, and hands the change to the filesystem's inode_operations.
 * Linux: the vfs_* and do_*at functions of fs/namei.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs_struct.h"
#include "fs/namei.h"
#include "fs/syscalls.h"

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

/* Find the parent and the (maybe negative) dentry of the last component. */
static struct dentry *lookup_create_or_remove(int dfd, const char *name,
					      struct path *parent, struct qstr *last)
{
	struct dentry *d;
	int err = path_parentat(dfd, name, parent, last);

	if (err)
		return ERR_PTR(err);
	if (last->type != LAST_NORM) {
		d = ERR_PTR(last->type == LAST_DOT ? -EINVAL :
			    last->type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY);
	} else {
		d = lookup_one(parent->dentry, last->name, last->len);
	}
	if (IS_ERR(d))
		path_put(parent);
	return d;
}

static void done_path_create(struct path *parent, struct dentry *d)
{
	dput(d);
	path_put(parent);
}

/* Is the dentry the root of a mount (or a mount point)?  Then it is busy. */
static bool d_mountpoint(struct path *parent, struct dentry *d)
{
	return (d->d_flags & DCACHE_MOUNTED) || d == parent->mnt->mnt_root;
}

long do_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	char *name = getname(pathname);
	struct path parent;
	struct qstr last;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	d = lookup_create_or_remove(dfd, name, &parent, &last);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		if (err != -ENOENT && err != -ENOTDIR && err != -ENAMETOOLONG &&
		    err != -ELOOP && err != -ENOMEM && err != -EFAULT)
			err = -EEXIST;		/* "mkdir ." and "mkdir /" */
		goto out;
	}
	dir = parent.dentry->d_inode;
	if (!d_is_negative(d))
		err = -EEXIST;
	else if (IS_DEADDIR(dir))
		err = -ENOENT;
	else if (!dir->i_op->mkdir)
		err = -EPERM;
	else
		err = dir->i_op->mkdir(dir, d, mode & 07777 & ~current->fs->umask);
	done_path_create(&parent, d);
out:
	putname(name);
	return err;
}

long sys_mkdir(const char __user *pathname, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

/* What Linux checks before rmdir or unlink reaches the filesystem. */
static int may_remove(struct path *parent, struct dentry *d, const struct qstr *last,
		      bool isdir)
{
	const struct inode_operations *iop = parent->dentry->d_inode->i_op;

	if (d_is_negative(d))
		return -ENOENT;
	if (isdir) {
		if (!S_ISDIR(d->d_inode->i_mode))
			return -ENOTDIR;
		if (d_mountpoint(parent, d))
			return -EBUSY;
		return iop->rmdir ? 0 : -EPERM;
	}
	if (S_ISDIR(d->d_inode->i_mode))
		return -EISDIR;
	if (last->trailing_slash)
		return -ENOTDIR;
	return iop->unlink ? 0 : -EPERM;
}

/* rmdir (isdir) and unlink: Linux's do_rmdir and do_unlinkat. */
static long do_remove(int dfd, const char __user *pathname, bool isdir)
{
	char *name = getname(pathname);
	struct path parent;
	struct qstr last;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	d = lookup_create_or_remove(dfd, name, &parent, &last);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		if (!isdir && last.type != LAST_NORM && err != -ENOENT && err != -ENOTDIR)
			err = -EISDIR;		/* unlink("."), unlink("/") */
		goto out;
	}
	dir = parent.dentry->d_inode;
	err = may_remove(&parent, d, &last, isdir);
	if (!err)
		err = isdir ? dir->i_op->rmdir(dir, d) : dir->i_op->unlink(dir, d);
	if (!err)
		d_delete(d);
	done_path_create(&parent, d);
out:
	putname(name);
	return err;
}

long sys_rmdir(const char __user *pathname)
{
	return do_remove(AT_FDCWD, pathname, true);
}

long sys_unlink(const char __user *pathname)
{
	return do_remove(AT_FDCWD, pathname, false);
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dfd, pathname, flag & AT_REMOVEDIR);
}

/* Is d an ancestor of (or equal to) e?  Renaming a directory into itself is EINVAL. */
static bool is_subdir(struct dentry *e, struct dentry *d)
{
	for (;;) {
		if (e == d)
			return true;
		if (IS_ROOT(e))
			return false;
		e = e->d_parent;
	}
}

static int check_rename(struct path *op, struct dentry *old, struct path *np,
			struct dentry *new, unsigned int flags)
{
	struct inode *src, *dst;

	if (d_is_negative(old) || IS_DEADDIR(np->dentry->d_inode))
		return -ENOENT;
	if (op->mnt != np->mnt)
		return -EXDEV;
	src = old->d_inode;
	dst = new->d_inode;
	if (d_mountpoint(op, old) || (dst && d_mountpoint(np, new)))
		return -EBUSY;
	if ((flags & RENAME_NOREPLACE) && dst)
		return -EEXIST;
	if (S_ISDIR(src->i_mode) && is_subdir(np->dentry, old))
		return old == new ? 0 : -EINVAL;
	if (dst && S_ISDIR(src->i_mode) && !S_ISDIR(dst->i_mode))
		return -ENOTDIR;
	if (dst && !S_ISDIR(src->i_mode) && S_ISDIR(dst->i_mode))
		return -EISDIR;
	return 0;
}

long do_renameat2(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname, unsigned int flags)
{
	char *from = NULL, *to = NULL;
	struct path op, np;
	struct qstr ol, nl;
	struct dentry *old, *new;
	struct inode *odir;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;		/* RENAME_EXCHANGE, RENAME_WHITEOUT: not offered */
	from = getname(oldname);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	if (IS_ERR(to)) {
		putname(from);
		return PTR_ERR(to);
	}
	old = lookup_create_or_remove(olddfd, from, &op, &ol);
	if (IS_ERR(old)) {
		err = PTR_ERR(old);
		if (ol.type != LAST_NORM && err != -ENOENT && err != -ENOTDIR)
			err = -EBUSY;
		goto out_names;
	}
	new = lookup_create_or_remove(newdfd, to, &np, &nl);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		if (nl.type != LAST_NORM && err != -ENOENT && err != -ENOTDIR)
			err = -EBUSY;
		goto out_old;
	}
	err = check_rename(&op, old, &np, new, flags);
	if (!err && old->d_inode == new->d_inode)
		goto out_new;		/* same file: nothing to do, as POSIX says */
	if (!err && (ol.trailing_slash || nl.trailing_slash) && !S_ISDIR(old->d_inode->i_mode))
		err = -ENOTDIR;
	odir = op.dentry->d_inode;
	if (!err)
		err = odir->i_op->rename ? odir->i_op->rename(odir, old, np.dentry->d_inode, new)
					 : -EPERM;
	if (!err) {
		if (new->d_inode)
			d_delete(new);
		if (d_move(old, np.dentry, nl.name, nl.len))
			d_delete(old);	/* no memory for the name: forget the cache entry */
	}
out_new:
	done_path_create(&np, new);
out_old:
	done_path_create(&op, old);
out_names:
	putname(to);
	putname(from);
	return err;
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}

long do_linkat(int olddfd, const char __user *oldname, int newdfd,
	       const char __user *newname, int flags)
{
	struct path old, parent;
	struct qstr last;
	struct dentry *new;
	struct inode *dir;
	char *to;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(olddfd, oldname, flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0, &old);
	if (err)
		return err;
	to = getname(newname);
	if (IS_ERR(to)) {
		path_put(&old);
		return PTR_ERR(to);
	}
	new = lookup_create_or_remove(newdfd, to, &parent, &last);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		if (last.type != LAST_NORM && err != -ENOENT && err != -ENOTDIR)
			err = -EEXIST;
		goto out;
	}
	dir = parent.dentry->d_inode;
	if (!d_is_negative(new))
		err = -EEXIST;
	else if (IS_DEADDIR(dir))
		err = -ENOENT;
	else if (old.mnt != parent.mnt)
		err = -EXDEV;
	else if (S_ISDIR(old.dentry->d_inode->i_mode))
		err = -EPERM;
	else if (!dir->i_op->link)
		err = -EPERM;
	else
		err = dir->i_op->link(old.dentry, dir, new);
	done_path_create(&parent, new);
out:
	putname(to);
	path_put(&old);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

long do_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char *target = getname(oldname), *name;
	struct path parent;
	struct qstr last;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(newname);
	if (IS_ERR(name)) {
		putname(target);
		return PTR_ERR(name);
	}
	err = -ENOENT;
	if (!*target)
		goto out;
	d = lookup_create_or_remove(newdfd, name, &parent, &last);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		if (last.type != LAST_NORM && err != -ENOENT && err != -ENOTDIR)
			err = -EEXIST;
		goto out;
	}
	dir = parent.dentry->d_inode;
	if (!d_is_negative(d))
		err = -EEXIST;
	else if (IS_DEADDIR(dir))
		err = -ENOENT;
	else if (!dir->i_op->symlink)
		err = -EPERM;
	else
		err = dir->i_op->symlink(dir, d, target);
	done_path_create(&parent, d);
out:
	putname(name);
	putname(target);
	return err;
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	struct path path;
	struct inode *inode;
	char *target;
	int err, len;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dfd, pathname, 0, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		err = -ENOMEM;
	else if (!S_ISLNK(inode->i_mode) || !inode->i_op->readlink)
		err = -EINVAL;
	else if ((len = inode->i_op->readlink(inode, target, PATH_MAX)) < 0)
		err = len;
	else {
		len = min(len, bufsiz);		/* truncated, not terminated: as Linux */
		err = copy_to_user(buf, target, len) ? -EFAULT : len;
	}
	kfree(target);
	path_put(&path);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
