#ifndef FS_FS_STRUCT_H
#define FS_FS_STRUCT_H

/* A task's root, working directory and umask.  Linux: include/linux/fs_struct.h. */
#include "fs/mount.h"

struct fs_struct {
	int users;
	struct path root, pwd;
	umode_t umask;
};

struct fs_struct *fs_struct_alloc_root(void);
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);

#endif
