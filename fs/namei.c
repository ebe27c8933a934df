/*
 * Path walk: from the root or a starting directory, one component at a
 * time, crossing mount points, following symbolic links (ELOOP after 40),
 * "." and ".." handled here so that ".." can leave a mounted filesystem.
 * Linux: fs/namei.c (link_path_walk, walk_component, path_lookupat,
 * filename_parentat, path_openat).
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

char *getname(const char __user *name)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(buf, name, PATH_MAX);
	if (len < 0 || len == PATH_MAX) {
		kfree(buf);
		return ERR_PTR(len < 0 ? len : -ENAMETOOLONG);
	}
	return buf;
}

void putname(char *name)
{
	kfree(name);
}

struct dentry *lookup_one(struct dentry *dir, const char *name, int len)
{
	struct inode *inode = dir->d_inode;
	struct dentry *d = d_lookup(dir, name, len);
	int err;

	if (d)
		return d;
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = inode->i_op && inode->i_op->lookup ? inode->i_op->lookup(inode, d) : -ENOTDIR;
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/* Where a relative walk starts: the cwd or the directory open as dfd. */
static int path_init(int dfd, const char *name, struct path *path)
{
	struct fs_struct *fs = current->fs;
	struct file *f;

	if (*name == '/') {
		*path = fs->root;
	} else if (dfd == AT_FDCWD) {
		*path = fs->pwd;
	} else {
		f = fget(dfd);
		if (!f)
			return -EBADF;
		if (!f->f_path.dentry || !S_ISDIR(f->f_inode->i_mode)) {
			fput(f);
			return -ENOTDIR;
		}
		*path = f->f_path;
		path_get(path);
		fput(f);
		return 0;
	}
	path_get(path);
	return 0;
}

static int walk(struct path *path, const char *name, unsigned int flags, int *nlinks);

/* Replace *path (a symlink's directory) with where the link points. */
static int follow_link(struct path *path, struct inode *link, unsigned int flags,
		       int *nlinks)
{
	char *target;
	int len, err;

	if (++*nlinks > MAXSYMLINKS)
		return -ELOOP;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	len = link->i_op->readlink(link, target, PATH_MAX - 1);
	if (len < 0) {
		kfree(target);
		return len;
	}
	target[len] = '\0';
	if (*target == '/') {
		path_put(path);
		*path = current->fs->root;
		path_get(path);
	}
	err = walk(path, target, flags, nlinks);
	kfree(target);
	return err;
}

/* One component: step *path into the child called name. */
static int walk_component(struct path *path, const char *name, int len,
			  bool follow, unsigned int flags, int *nlinks)
{
	struct path next;
	struct dentry *child;

	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		follow_dotdot(path, &current->fs->root);
		return 0;
	}
	child = lookup_one(path->dentry, name, len);
	if (IS_ERR(child))
		return PTR_ERR(child);
	if (d_is_negative(child)) {
		dput(child);
		return -ENOENT;
	}
	if (S_ISLNK(child->d_inode->i_mode) && follow) {
		struct inode *link = child->d_inode;
		int err;

		igrab(link);
		dput(child);
		err = follow_link(path, link, LOOKUP_FOLLOW, nlinks);
		iput(link);
		return err;
	}
	next.mnt = path->mnt;
	next.dentry = child;
	follow_mount(&next);
	path_put(path);
	*path = next;
	return 0;
}

/* Walk name from *path (consumed and replaced, also on error). */
static int walk(struct path *path, const char *name, unsigned int flags, int *nlinks)
{
	while (*name) {
		const char *comp;
		int len, err;
		bool last;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		comp = name;
		while (*name && *name != '/')
			name++;
		len = name - comp;
		last = true;
		for (const char *p = name; *p; p++)
			if (*p != '/')
				last = false;
		if (!S_ISDIR(path->dentry->d_inode->i_mode))
			return -ENOTDIR;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		/* Intermediate links are always followed; the last one if asked,
		 * or if a trailing slash says it must be a directory. */
		err = walk_component(path, comp, len,
				     !last || (flags & LOOKUP_FOLLOW) || *name == '/',
				     flags, nlinks);
		if (err)
			return err;
		if (*name == '/' && !S_ISDIR(path->dentry->d_inode->i_mode) &&
		    !S_ISLNK(path->dentry->d_inode->i_mode))
			return -ENOTDIR;	/* "file/" */
	}
	return 0;
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *out)
{
	int nlinks = 0, err;

	if (!*name)
		return -ENOENT;
	err = path_init(dfd, name, out);
	if (err)
		return err;
	err = walk(out, name, flags, &nlinks);
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(out->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (err)
		path_put(out);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *out)
{
	return path_lookupat(AT_FDCWD, name, flags, out);
}

int user_path_at(int dfd, const char __user *uname, unsigned int flags, struct path *out)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_lookupat(dfd, name, flags, out);
	putname(name);
	return err;
}

/*
 * Walk to the parent of name's last component, starting from *start
 * (consumed; an absolute name starts from the root instead).
 */
int path_parentat_from(struct path *start, const char *name, struct path *parent,
		       struct qstr *last)
{
	const char *end = name + strlen(name), *begin;
	char *dir;
	int err, nlinks = 0;

	*parent = *start;
	if (!*name) {
		path_put(parent);
		return -ENOENT;
	}
	if (*name == '/') {
		path_put(parent);
		*parent = current->fs->root;
		path_get(parent);
	}
	while (end > name + 1 && end[-1] == '/')
		end--;
	begin = end;
	while (begin > name && begin[-1] != '/')
		begin--;
	last->name = begin;
	last->len = end - begin;
	last->trailing_slash = *end == '/';
	last->type = LAST_NORM;
	if (last->len == 1 && *begin == '/')
		last->type = LAST_ROOT;
	else if (last->len == 1 && *begin == '.')
		last->type = LAST_DOT;
	else if (last->len == 2 && begin[0] == '.' && begin[1] == '.')
		last->type = LAST_DOTDOT;
	err = last->len > NAME_MAX ? -ENAMETOOLONG : 0;
	dir = err ? NULL : kmalloc(begin - name + 1, GFP_KERNEL);
	if (!err && !dir)
		err = -ENOMEM;
	if (!err) {
		memcpy(dir, name, begin - name);
		dir[begin - name] = '\0';
		err = walk(parent, dir, LOOKUP_FOLLOW, &nlinks);
		kfree(dir);
	}
	if (!err && !S_ISDIR(parent->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (err)
		path_put(parent);
	return err;
}

int path_parentat(int dfd, const char *name, struct path *parent, struct qstr *last)
{
	struct path start;
	int err;

	if (!*name)
		return -ENOENT;
	err = path_init(dfd, name, &start);
	if (err)
		return err;
	return path_parentat_from(&start, name, parent, last);
}
