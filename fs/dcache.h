#ifndef FS_DCACHE_H
#define FS_DCACHE_H

/*
 * Dentries: the names of the tree, each pointing to its inode and its
 * parent.  A dentry with no inode is "negative": the name was looked up
 * and does not exist (it lives only while someone holds it).
 * Linux: include/linux/dcache.h, fs/dcache.c (no hash table, no LRU:
 * a parent's children are a list, fine for a teaching kernel's sizes).
 */
#include "kernel/list.h"
#include "fs/fs.h"

#define NAME_MAX	255
#define PATH_MAX	4096

#define DCACHE_MOUNTED	0x1	/* something is mounted here */
#define DCACHE_UNHASHED	0x2	/* unlinked: no longer found by lookup */

struct dentry {
	int d_count;
	unsigned int d_flags;
	struct inode *d_inode;		/* NULL: negative */
	struct dentry *d_parent;	/* the root is its own parent */
	char *d_name;
	int d_len;
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;
	struct super_block *d_sb;
};

struct dentry *d_make_root(struct inode *root);
/* A new negative child of parent, or NULL for no memory. */
struct dentry *d_alloc(struct dentry *parent, const char *name, int len);
/* The cached child called name (a new reference), or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, int len);
/* Give a negative dentry its inode; consumes the inode reference. */
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* After unlink/rmdir: the name is gone from the tree. */
void d_delete(struct dentry *dentry);
/* After rename: dentry now has a new parent and name. */
int d_move(struct dentry *dentry, struct dentry *new_parent, const char *name, int len);

static inline struct dentry *dget(struct dentry *d)
{
	d->d_count++;
	return d;
}
void dput(struct dentry *d);

static inline bool d_is_negative(const struct dentry *d)
{
	return !d->d_inode;
}

static inline bool IS_ROOT(const struct dentry *d)
{
	return d == d->d_parent;
}

#endif
