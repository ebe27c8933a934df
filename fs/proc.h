#ifndef FS_PROC_H
#define FS_PROC_H

struct super_block;

struct super_block *proc_super(void);

#endif
