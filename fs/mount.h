#ifndef FS_MOUNT_H
#define FS_MOUNT_H

/*
 * Mounts: a filesystem's root dentry grafted onto a directory of another.
 * Linux: fs/mount.h, fs/namespace.c (one namespace, no propagation).
 */
#include "kernel/list.h"
#include "fs/fs.h"
#include "fs/dcache.h"

struct vfsmount {
	struct dentry *mnt_root;	/* root of the mounted filesystem */
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent;	/* itself for the root mount */
	struct dentry *mnt_mountpoint;	/* where, in mnt_parent */
	const char *mnt_devname;
	const char *mnt_fstype;
	struct list_head mnt_list;
};

extern struct list_head mount_list;

static inline void path_get(const struct path *p)
{
	dget(p->dentry);
}

static inline void path_put(const struct path *p)
{
	dput(p->dentry);
}

static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

int do_mount_root(struct super_block *sb, const char *devname, const char *fstype);
int do_mount(struct super_block *sb, const char *dir, const char *devname,
	     const char *fstype);
void get_root_path(struct path *root);
/* If something is mounted on *path, step into its root (repeatedly). */
void follow_mount(struct path *path);
/* "..": the parent, crossing from a mount's root to its mountpoint. */
void follow_dotdot(struct path *path, const struct path *root);

#endif
