#ifndef FS_SYSCALLS_H
#define FS_SYSCALLS_H

#include "kernel/types.h"
#include "fs/uio.h"

long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);
long sys_close(unsigned int fd);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);

#endif
