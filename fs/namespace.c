#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/slab.h"
#include "fs/mount.h"
#include "fs/namei.h"

LIST_HEAD(mount_list);
static struct vfsmount *root_mnt;

static struct vfsmount *alloc_vfsmnt(struct super_block *sb, const char *devname,
				     const char *fstype)
{
	struct vfsmount *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return NULL;
	m->mnt_sb = sb;
	m->mnt_root = dget(sb->s_root);
	m->mnt_devname = devname;
	m->mnt_fstype = fstype;
	list_add_tail(&m->mnt_list, &mount_list);
	return m;
}

int do_mount_root(struct super_block *sb, const char *devname, const char *fstype)
{
	root_mnt = alloc_vfsmnt(sb, devname, fstype);
	if (!root_mnt)
		return -ENOMEM;
	root_mnt->mnt_parent = root_mnt;
	root_mnt->mnt_mountpoint = dget(sb->s_root);
	return 0;
}

void get_root_path(struct path *root)
{
	root->mnt = root_mnt;
	root->dentry = root_mnt->mnt_root;
	path_get(root);
}

/* Mount sb on the directory dir (an absolute path). */
int do_mount(struct super_block *sb, const char *dir, const char *devname,
	     const char *fstype)
{
	struct path where;
	struct vfsmount *m;
	int err = kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &where);

	if (err)
		return err;
	m = alloc_vfsmnt(sb, devname, fstype);
	if (!m) {
		path_put(&where);
		return -ENOMEM;
	}
	m->mnt_parent = where.mnt;
	m->mnt_mountpoint = where.dentry;	/* keeps the lookup's reference */
	where.dentry->d_flags |= DCACHE_MOUNTED;
	return 0;
}

static struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m != root_mnt && m->mnt_parent == path->mnt &&
		    m->mnt_mountpoint == path->dentry)
			return m;
	return NULL;
}

void follow_mount(struct path *path)
{
	while (path->dentry->d_flags & DCACHE_MOUNTED) {
		struct vfsmount *m = lookup_mnt(path);

		if (!m)
			break;
		dput(path->dentry);
		path->mnt = m;
		path->dentry = dget(m->mnt_root);
	}
}

void follow_dotdot(struct path *path, const struct path *root)
{
	struct dentry *old;

	for (;;) {
		if (path_equal(path, root))
			return;		/* ".." of the root is the root */
		if (path->dentry != path->mnt->mnt_root)
			break;
		if (path->mnt->mnt_parent == path->mnt)
			return;		/* the top of everything */
		old = path->dentry;
		path->dentry = dget(path->mnt->mnt_mountpoint);
		path->mnt = path->mnt->mnt_parent;
		dput(old);
	}
	old = path->dentry;
	path->dentry = dget(old->d_parent);
	dput(old);
	follow_mount(path);
}
