/*
 * open and the calls about a file's place: truncate, chdir, getcwd,
 * access, umask.  The open path is Linux's:
 *   sys_openat -> do_sys_open -> get_unused_fd_flags -> do_filp_open
 *     -> path_openat -> vfs_open -> f_op->open -> fd_install
 * Linux: fs/open.c, fs/namei.c (path_openat), fs/d_path.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs_struct.h"
#include "fs/namei.h"
#include "fs/syscalls.h"

#define R_OK	4
#define W_OK	2
#define X_OK	1

/* O_* flags open() understands; others are refused like Linux's unknown bits: ignored. */
#define O_VALID_FLAGS	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			 O_APPEND | O_NONBLOCK | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | \
			 O_LARGEFILE)

static int vfs_open(struct file *f)
{
	struct inode *inode = f->f_inode;

	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISBLK(inode->i_mode))
		f->f_mode |= FMODE_LSEEK;
	if (f->f_op && f->f_op->open)
		return f->f_op->open(inode, f);
	return 0;
}

struct file *dentry_open(const struct path *path, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f = alloc_file(igrab(inode), flags & ~(O_CREAT | O_EXCL | O_TRUNC),
				    inode->i_fop);
	int err;

	if (!f) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	f->f_path = *path;
	path_get(path);
	err = vfs_open(f);
	if (err) {
		f->f_op = NULL;		/* never opened: no release */
		fput(f);
		return ERR_PTR(err);
	}
	return f;
}

int vfs_truncate(struct inode *inode, loff_t size)
{
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (size < 0)
		return -EINVAL;
	if (!inode->i_op || !inode->i_op->truncate)
		return -EPERM;
	return inode->i_op->truncate(inode, size);
}

/* The last component of an O_CREAT open: find it or create it (in *d). */
static int lookup_or_create(struct path *parent, const struct qstr *last, int flags,
			    umode_t mode, struct dentry **dp)
{
	struct inode *dir = parent->dentry->d_inode;
	struct dentry *d;
	int err = 0;

	if (last->type != LAST_NORM)
		return -EISDIR;		/* "/", "." or ".." */
	d = lookup_one(parent->dentry, last->name, last->len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d_is_negative(d)) {
		if (flags & O_EXCL)
			err = -EEXIST;
	} else if (last->trailing_slash) {
		err = -EISDIR;
	} else if (IS_DEADDIR(dir)) {
		err = -ENOENT;
	} else {
		err = dir->i_op->create ? dir->i_op->create(dir, d, mode) : -EACCES;
	}
	if (err) {
		dput(d);
		return err;
	}
	*dp = d;
	return 0;
}

/*
 * O_CREAT: find the parent, then find or create the last name.  If that
 * is a symlink, its target is looked up (and created if missing) from
 * the link's directory, as Linux does for a dangling link.
 */
static int path_openat_create(int dfd, const char *name, int flags, umode_t mode,
			      struct path *out)
{
	struct path parent;
	struct qstr last;
	struct dentry *d = NULL;
	char *target = NULL;
	int links = 0, len = 0;
	int err = path_parentat(dfd, name, &parent, &last);

	if (err)
		return err;
	while (!err) {
		err = lookup_or_create(&parent, &last, flags, mode, &d);
		if (err)
			break;
		if (!S_ISLNK(d->d_inode->i_mode) || (flags & O_NOFOLLOW)) {
			out->mnt = parent.mnt;
			out->dentry = d;
			dput(parent.dentry);
			follow_mount(out);
			kfree(target);
			return 0;
		}
		if (++links > MAXSYMLINKS)
			err = -ELOOP;
		else if (!target && !(target = kmalloc(PATH_MAX, GFP_KERNEL)))
			err = -ENOMEM;
		else if ((len = d->d_inode->i_op->readlink(d->d_inode, target, PATH_MAX - 1)) < 0)
			err = len;
		dput(d);
		if (err)
			break;
		target[len] = '\0';
		err = path_parentat_from(&parent, target, &parent, &last);
		if (err) {
			kfree(target);
			return err;	/* parent was consumed */
		}
	}
	path_put(&parent);
	kfree(target);
	return err;
}

static int path_openat(int dfd, const char *name, int flags, umode_t mode,
		       struct path *path)
{
	if (flags & O_CREAT)
		return path_openat_create(dfd, name, flags, mode, path);
	return path_lookupat(dfd, name,
			     (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			     (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0), path);
}

struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err = path_openat(dfd, name, flags, mode, &path);

	if (err)
		return ERR_PTR(err);
	inode = path.dentry->d_inode;
	err = 0;
	if (S_ISLNK(inode->i_mode))
		err = -ELOOP;		/* O_NOFOLLOW on a link */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		err = -ENOTDIR;
	else if (S_ISDIR(inode->i_mode) && (flags & (O_ACCMODE | O_CREAT)) != O_RDONLY)
		err = -EISDIR;
	else if ((flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY && S_ISREG(inode->i_mode))
		err = vfs_truncate(inode, 0);
	f = err ? ERR_PTR(err) : dentry_open(&path, flags);
	path_put(&path);
	return f;
}

long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	char *name = getname(filename);
	struct file *f;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	if ((flags & O_TMPFILE) == O_TMPFILE) {
		putname(name);
		return -EOPNOTSUPP;	/* unnamed temporary files: not offered */
	}
	flags |= O_LARGEFILE;		/* Linux's force_o_largefile() on 64-bit */
	fd = get_unused_fd_flags(flags);
	if (fd >= 0) {
		f = do_filp_open(dfd, name, flags & O_VALID_FLAGS,
				 (mode & S_IALLUGO & ~current->fs->umask));
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	putname(name);
	return fd;
}

long sys_open(const char __user *filename, int flags, umode_t mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

long sys_creat(const char __user *pathname, umode_t mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

struct file *open_exec(const char *name)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err = kern_path(name, LOOKUP_FOLLOW, &path);

	if (err)
		return ERR_PTR(err);
	inode = path.dentry->d_inode;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111))
		f = ERR_PTR(-EACCES);
	else
		f = dentry_open(&path, O_RDONLY);
	path_put(&path);
	return f;
}

long sys_truncate(const char __user *pathname, long length)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_truncate(path.dentry->d_inode, length);
	path_put(&path);
	return err;
}

long sys_ftruncate(unsigned int fd, long length)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE) || !S_ISREG(f->f_inode->i_mode))
		err = -EINVAL;
	else
		err = vfs_truncate(f->f_inode, length);
	fput(f);
	return err;
}

static void set_pwd(const struct path *path)
{
	struct fs_struct *fs = current->fs;

	path_get(path);
	path_put(&fs->pwd);
	fs->pwd = *path;
}

long sys_chdir(const char __user *filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_pwd(&path);
	path_put(&path);
	return 0;
}

long sys_fchdir(unsigned int fd)
{
	struct file *f = fget(fd);
	int err = 0;

	if (!f)
		return -EBADF;
	if (!f->f_path.dentry || !S_ISDIR(f->f_inode->i_mode))
		err = -ENOTDIR;
	else
		set_pwd(&f->f_path);
	fput(f);
	return err;
}

/*
 * The path from the task's root to path, built right to left at the end
 * of buf.  Returns its start, or an ERR_PTR (-ENAMETOOLONG; -ENOENT if
 * the directory was removed).  Linux: fs/d_path.c (d_path, prepend_path).
 */
char *d_path(const struct path *path, char *buf, int size)
{
	const struct path *root = &current->fs->root;
	struct path p = *path;
	char *end = buf + size;

	*--end = '\0';
	/* Removed (not merely uncached, as /proc's entries are). */
	if ((p.dentry->d_flags & DCACHE_UNHASHED) &&
	    (!p.dentry->d_inode || !p.dentry->d_inode->i_nlink))
		return ERR_PTR(-ENOENT);
	while (!path_equal(&p, root)) {
		struct dentry *d = p.dentry;

		if (d == p.mnt->mnt_root) {
			if (p.mnt->mnt_parent == p.mnt)
				break;		/* outside the task's root */
			p.dentry = p.mnt->mnt_mountpoint;
			p.mnt = p.mnt->mnt_parent;
			continue;
		}
		if (end - buf < d->d_len + 2)
			return ERR_PTR(-ENAMETOOLONG);
		end -= d->d_len;
		memcpy(end, d->d_name, d->d_len);
		*--end = '/';
		p.dentry = d->d_parent;
	}
	if (!*end)
		*--end = '/';
	return end;
}

long sys_getcwd(char __user *buf, unsigned long size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	char *p;
	long len;

	if (!page)
		return -ENOMEM;
	p = d_path(&current->fs->pwd, page, PATH_MAX);
	if (IS_ERR(p)) {
		kfree(page);
		return PTR_ERR(p);
	}
	len = page + PATH_MAX - p;	/* including the NUL */
	if ((unsigned long)len > size)
		len = -ERANGE;
	else if (copy_to_user(buf, p, len))
		len = -EFAULT;
	kfree(page);
	return len;
}

/* Everything runs as root: only execute needs a bit set (for files). */
long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	struct path path;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	err = user_path_at(dfd, filename, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(path.dentry->d_inode->i_mode) &&
	    !(path.dentry->d_inode->i_mode & 0111))
		err = -EACCES;
	path_put(&path);
	return err;
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat(AT_FDCWD, filename, mode);
}

long sys_umask(int mask)
{
	umode_t old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}
