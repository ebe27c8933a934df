#ifndef DRIVERS_BRD_H
#define DRIVERS_BRD_H

#include "fs/fs.h"

#define RAMDISK_MAJOR	1

extern const struct file_operations brd_fops;
void brd_init(void *image, size_t size);
size_t brd_size(void);

#endif
