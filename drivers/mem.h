#ifndef DRIVERS_MEM_H
#define DRIVERS_MEM_H

#include "fs/fs.h"

extern const struct file_operations null_fops;
extern const struct file_operations zero_fops;

#endif
