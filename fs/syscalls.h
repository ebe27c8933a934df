#ifndef FS_SYSCALLS_H
#define FS_SYSCALLS_H

/* The file system calls (fs/). */
#include "kernel/types.h"
#include "fs/uio.h"

struct stat;
struct statfs;
struct file;
struct inode;
struct path;

long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);
ssize_t generic_read_dir(struct file *f, struct iov_iter *to, loff_t *pos);
long sys_close(unsigned int fd);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_dup(unsigned int oldfd);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);

long sys_open(const char __user *filename, int flags, umode_t mode);
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode);
long sys_creat(const char __user *pathname, umode_t mode);
long sys_truncate(const char __user *pathname, long length);
long sys_ftruncate(unsigned int fd, long length);
int vfs_truncate(struct inode *inode, loff_t size);
long sys_chdir(const char __user *filename);
long sys_fchdir(unsigned int fd);
long sys_getcwd(char __user *buf, unsigned long size);
char *d_path(const struct path *path, char *buf, int size);
long sys_access(const char __user *filename, int mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_umask(int mask);

long sys_mkdir(const char __user *pathname, umode_t mode);
long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode);
long sys_rmdir(const char __user *pathname);
long sys_unlink(const char __user *pathname);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz);

long sys_newstat(const char __user *filename, struct stat __user *statbuf);
long sys_newlstat(const char __user *filename, struct stat __user *statbuf);
long sys_newfstat(unsigned int fd, struct stat __user *statbuf);
long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf,
		    int flag);
long sys_statfs(const char __user *pathname, struct statfs __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs __user *buf);
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count);
long sys_sync(void);
ssize_t kernel_read_pos(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count);
long sys_fsync(unsigned int fd);

struct timespec64;
struct timeval64;
long sys_chmod(const char __user *filename, umode_t mode);
long sys_fchmod(unsigned int fd, umode_t mode);
long sys_fchmodat(int dfd, const char __user *filename, umode_t mode);
long sys_chown(const char __user *filename, uid_t user, gid_t group);
long sys_lchown(const char __user *filename, uid_t user, gid_t group);
long sys_fchown(unsigned int fd, uid_t user, gid_t group);
long sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag);
long sys_utimensat(int dfd, const char __user *filename,
		   const struct timespec64 __user *utimes, int flags);
long sys_futimesat(int dfd, const char __user *filename, const struct timeval64 __user *utimes);
long sys_utimes(const char __user *filename, const struct timeval64 __user *utimes);
long sys_utime(const char __user *filename, const long __user *times);

/* fs/pipe.c */
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);

/* fs/select.c */
struct pollfd;
struct timespec;
struct timeval;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct timespec __user *tsp, const u64 __user *sigmask,
	       size_t sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp,
		  const void __user *sig);

#endif
