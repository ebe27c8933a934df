#ifndef FS_SUPER_H
#define FS_SUPER_H

#include "kernel/types.h"

struct super_block;

int mount_root(void *image, size_t size);
void mount_devfs(void);
struct super_block *devfs_super(void);
struct super_block *tmpfs_super(void);
void mount_tmpfs(void);
void mount_proc(void);

#endif
