#include "kernel/kernel.h"
#include "kernel/mm/slab.h"
#include "fs/fs_struct.h"

struct fs_struct *fs_struct_alloc_root(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = 0022;
	get_root_path(&fs->root);
	get_root_path(&fs->pwd);
	return fs;
}

/* fork: the child starts where the parent is. */
struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (--fs->users > 0)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}
