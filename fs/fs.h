#ifndef FS_FS_H
#define FS_FS_H

/*
 * The VFS objects: inode (a file on some filesystem), file (an open
 * instance of it, what a descriptor points to) and their operations.
 * Linux: include/linux/fs.h.
 */
#include "kernel/types.h"
#include "fs/uio.h"

struct file;
struct inode;
struct poll_table_struct;

/* f_flags: the O_* flags of open(2), Linux x86_64 values. */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000

/* f_mode: what this open file may do. */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4

/* i_mode file types (octal, as stat's st_mode). */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read_iter)(struct file *, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *, struct iov_iter *from, loff_t *pos);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int cmd, unsigned long arg);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

struct super_block {
	unsigned long s_blocksize;
	struct inode *s_root;
	void *s_fs_info;		/* the filesystem's own data */
};

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	loff_t i_size;
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	int i_count;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	void *i_private;		/* the filesystem's own data */
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	loff_t f_pos;
	unsigned int f_flags;
	unsigned int f_mode;
	long f_count;			/* descriptors and others holding this file */
	void *private_data;
};

struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}
void fput(struct file *f);

struct inode *new_inode(struct super_block *sb);
static inline struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}
void iput(struct inode *inode);

ssize_t vfs_read(struct file *f, struct iov_iter *to, loff_t *pos);
ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos);
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t pos);

#endif
