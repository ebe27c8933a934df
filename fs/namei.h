#ifndef FS_NAMEI_H
#define FS_NAMEI_H

#include "fs/fs.h"

#define MAXSYMLINKS	40	/* Linux: more links in one walk is ELOOP */

extern struct super_block *root_sb;

/* Walk a path to its inode (a new reference) or an ERR_PTR. */
struct inode *namei(const char *path);
struct file *open_exec(const char *name);
int mount_root(void *image, size_t size);

#endif
