#ifndef FS_FS_H
#define FS_FS_H

/*
 * The VFS objects: inode (a file on some filesystem), file (an open
 * instance of it, what a descriptor points to) and their operations.
 * Linux: include/linux/fs.h.
 */
#include "kernel/types.h"
#include "fs/uio.h"
#include "kernel/list.h"

struct file;
struct inode;
struct poll_table_struct;
struct dir_context;

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
#define O_LARGEFILE	00100000	/* always set on 64-bit, as Linux */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

/* f_mode: what this open file may do. */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	FMODE_LSEEK

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
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_IALLUGO	07777
#define MAX_LFS_FILESIZE	0x7fffffffffffffffL

/* A removed directory (rmdir while someone still had it): nothing may be created in it. */
#define IS_DEADDIR(inode)	(S_ISDIR((inode)->i_mode) && (inode)->i_nlink == 0)

/* lseek whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

struct dentry;
struct vfsmount;
struct kstatfs;
struct super_block;

/* A place in the tree: which mount, which name in it. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read_iter)(struct file *, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *, struct iov_iter *from, loff_t *pos);
	/* getdents64: call emit for each entry from f_pos on; stop when it fails */
	int (*iterate)(struct file *, struct dir_context *);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int cmd, unsigned long arg);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

/* Directory reading: a filesystem calls ctx->actor once per entry. */
struct dir_context {
	bool (*actor)(struct dir_context *, const char *name, int len,
		      loff_t next_pos, unsigned long ino, unsigned int type);
	loff_t pos;
};

/* d_type values of getdents64 */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

struct inode_operations {
	/* Fill dentry->d_inode if the name exists (leave NULL if not). */
	int (*lookup)(struct inode *dir, struct dentry *dentry);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new);
	/* Copy a symlink's target into buf; returns its length. */
	int (*readlink)(struct inode *inode, char *buf, int size);
	int (*truncate)(struct inode *inode, loff_t size);
};

struct super_operations {
	/* The inode's last reference and last link are gone: free it on disk. */
	void (*evict_inode)(struct inode *inode);
	/* Write the in-memory inode (size, times, links, mode) to the disk. */
	void (*write_inode)(struct inode *inode);
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
};

struct kstatfs {
	long f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen, f_frsize, f_flags;
};

struct super_block {
	unsigned long s_blocksize;
	unsigned long s_magic;
	struct dentry *s_root;
	const struct super_operations *s_op;
	struct list_head s_inodes;	/* in-memory inodes, for iget */
	u32 s_dev;			/* st_dev: major << 8 | minor */
	void *s_fs_info;		/* the filesystem's own data */
};

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	loff_t i_size;
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	u64 i_blocks;			/* 512-byte units, for st_blocks */
	long i_atime, i_mtime, i_ctime;	/* seconds since the epoch */
	u32 i_rdev;			/* a device node's number */
	int i_count;
	unsigned int i_state;		/* I_NEW: not read in yet */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct list_head i_sb_list;	/* in i_sb->s_inodes */
	void *i_private;		/* the filesystem's own data */
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	struct path f_path;		/* empty for pipes and sockets */
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

#define I_NEW	0x1	/* being set up: its last iput must not free it on disk */

/* Consumes the caller's reference to inode. */
struct inode *new_inode(struct super_block *sb);
struct inode *iget_locked_find(struct super_block *sb, unsigned long ino);
void mark_inode_dirty(struct inode *inode);
long current_time(void);
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
