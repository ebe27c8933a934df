#include "kernel/kernel.h"
#include "kernel/mm/slab.h"
#include "fs/dcache.h"

static struct dentry *__d_alloc(struct super_block *sb, const char *name, int len)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	d->d_name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->d_name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	d->d_len = len;
	d->d_count = 1;
	d->d_sb = sb;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d = __d_alloc(root->i_sb, "/", 1);

	if (!d)
		return NULL;
	d->d_parent = d;
	d->d_inode = root;
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, int len)
{
	struct dentry *d = __d_alloc(parent->d_sb, name, len);

	if (!d)
		return NULL;
	d->d_parent = dget(parent);
	list_add(&d->d_child, &parent->d_subdirs);
	return d;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, int len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
		if (d->d_len == len && !memcmp(d->d_name, name, len) &&
		    !(d->d_flags & DCACHE_UNHASHED))
			return dget(d);
	return NULL;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

static void d_unhash(struct dentry *d)
{
	if (d->d_flags & DCACHE_UNHASHED)
		return;
	d->d_flags |= DCACHE_UNHASHED;
	list_del_init(&d->d_child);
}

void d_delete(struct dentry *dentry)
{
	d_unhash(dentry);
}

int d_move(struct dentry *dentry, struct dentry *new_parent, const char *name, int len)
{
	char *n = kmalloc(len + 1, GFP_KERNEL);
	struct dentry *old_parent = dentry->d_parent;

	if (!n)
		return -1;
	memcpy(n, name, len);
	n[len] = '\0';
	kfree(dentry->d_name);
	dentry->d_name = n;
	dentry->d_len = len;
	list_del_init(&dentry->d_child);
	dentry->d_flags &= ~DCACHE_UNHASHED;
	dentry->d_parent = dget(new_parent);
	list_add(&dentry->d_child, &new_parent->d_subdirs);
	dput(old_parent);
	return 0;
}

/*
 * Drop a reference.  A positive, linked dentry stays cached for the next
 * lookup; a negative or unlinked one is freed, which drops its inode
 * (the last iput of an unlinked inode frees it on disk) and its parent.
 */
void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;

		BUG_ON(d->d_count <= 0);
		if (--d->d_count > 0)
			return;
		if (d->d_inode && !(d->d_flags & DCACHE_UNHASHED))
			return;
		if (IS_ROOT(d))
			return;
		parent = d->d_parent;
		list_del_init(&d->d_child);
		if (d->d_inode)
			iput(d->d_inode);
		kfree(d->d_name);
		kfree(d);
		d = parent;
	}
}
