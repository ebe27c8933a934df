/*
 * fs/ext2/: the kernel's ext2 code against real images.
 *
 * Each case makes an image with mke2fs (build/unit/ext2-images/<case>.img),
 * reads it into memory and mounts it with ext2_fill_super(), then drives
 * the filesystem the way the VFS does (fs/namei_ops.c, fs/namei.c,
 * fs/read_write.c): lookups through dentries, the inode_operations, and
 * read_iter/write_iter on ITER_KVEC buffers.  At the end it "unmounts"
 * (every dentry, inode and kmalloc must be gone), writes the image back
 * to its file and runs e2fsck -fn on it, which must find nothing wrong;
 * debugfs then shows what e2fsprogs reads in the files the kernel wrote.
 *
 * Built with the kernel's headers (-D__KERNEL__) from every file in fs/ext2/,
 * fs/inode.c, fs/dcache.c and fs/iov_iter.c.  This file supplies what
 * the rest of the kernel would: kmalloc/kzalloc/kfree (malloc, tracked
 * so that a case can check nothing leaked), printk (kept in a log),
 * panic, the clock, copy_{to,from}_user and the two generic file
 * operations that ext2 points at.
 *
 * The image of a case that passes is deleted; a failed case's image is
 * kept for a closer look (e2fsck -fn, debugfs).  A case whose comment
 * starts with BUG fails on purpose: it shows a bug in the kernel, with
 * the input that triggers it, until the kernel is fixed.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/dcache.h"
#include "fs/uio.h"
#include "fs/syscalls.h"
#include "fs/ext2/ext2_fs.h"

#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define UNIT_FILE "ext2"
#include "unit.h"

#define OUT	"build/unit/ext2-images"
#define STAGE	OUT "/stage"		/* what mke2fs -d copies in */
#define KiB	1024UL
#define MiB	(1024 * KiB)
#define GiB	(1024 * MiB)

/* --- the kernel around ext2 ------------------------------------------ */

/*
 * Every kmalloc is on a list, so that the end of a case can check that
 * the kernel freed everything, and a failed case can free what is left.
 */
struct kmem {
	struct list_head list;
} __aligned(16);

static LIST_HEAD(kmem_live);
static unsigned long kmem_count;

void *kmalloc(size_t size, unsigned int gfp)
{
	struct kmem *m = malloc(sizeof(*m) + size);

	(void)gfp;
	if (!m)
		return NULL;
	list_add(&m->list, &kmem_live);
	kmem_count++;
	return m + 1;
}

void *kzalloc(size_t size, unsigned int gfp)
{
	void *p = kmalloc(size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	struct kmem *m = (struct kmem *)p - 1;

	if (!p)
		return;
	list_del(&m->list);
	kmem_count--;
	free(m);
}

static void kmem_free_all(void)
{
	while (!list_empty(&kmem_live))
		kfree(list_first_entry(&kmem_live, struct kmem, list) + 1);
}

/* Zeroed memory for a case's own buffers, freed by cleanup() after the case. */
static LIST_HEAD(scratch_list);

static void *scratch(size_t size)
{
	struct kmem *m = calloc(1, sizeof(*m) + size);

	if (!m)
		abort();
	list_add(&m->list, &scratch_list);
	return m + 1;
}

static void scratch_free_all(void)
{
	struct kmem *m, *next;

	list_for_each_entry_safe(m, next, &scratch_list, list)
		free(m);
	INIT_LIST_HEAD(&scratch_list);
}

/* What the kernel printed since the last mount, and how many errors. */
static char klog[8192];
static int klog_errors;

int printk(const char *fmt, ...)
{
	char line[512];
	const char *msg = line;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (msg[0] == KERN_SOH[0] && msg[1]) {
		if (msg[1] <= KERN_ERR[1])
			klog_errors++;
		msg += 2;
	}
	if (strlen(klog) + strlen(msg) < sizeof(klog))
		strcat(klog, msg);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

/* A clock that stands still: every timestamp is 2023-11-14 22:13:20 UTC. */
u64 ktime_get_real_ns(void)
{
	return 1700000000UL * NSEC_PER_SEC;
}

/* fs/iov_iter.c calls these only for ITER_IOVEC, which no case uses. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

/* ext2's file_operations point at these (fs/read_write.c, fs/readdir.c). */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	(void)f;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

ssize_t generic_read_dir(struct file *f, struct iov_iter *to, loff_t *pos)
{
	(void)f;
	(void)to;
	(void)pos;
	return -EISDIR;
}

/* --- running e2fsprogs ----------------------------------------------- */

static const char *case_name;		/* set by CASE() */
static char img_path[256];		/* OUT/<case>.img */
static u8 *image;			/* the filesystem, in memory */
static size_t image_size;
static struct super_block sb;

static char why[1024];			/* what finish() and friends found wrong */

__attribute__((format(printf, 1, 2)))
static const char *wrong(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return why;
}

/*
 * Run a shell command and keep its output (up to size - 1 bytes, then
 * NUL) in out, its length in *len if len is not NULL.  Returns its exit
 * status, or -1 if it did not exit normally.
 */
__attribute__((format(printf, 4, 5)))
static int shell(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	char cmd[1024], sink[4096];
	size_t n = 0, got;
	va_list ap;
	FILE *p;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	for (;;) {
		size_t room = size - 1 - n;

		got = room ? fread(out + n, 1, room, p) : fread(sink, 1, sizeof(sink), p);
		if (!got)
			break;
		if (room)
			n += got;
	}
	out[n] = '\0';
	if (len)
		*len = n;
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Print a tool's output indented, above the case's FAIL line. */
static void show(const char *tool, const char *out)
{
	const char *line = out, *end;

	while (*line) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		printf("\t%s: %.*s\n", tool, (int)(end - line), line);
		line = *end ? end + 1 : end;
	}
}

static int load_image(void)
{
	struct stat st;
	int fd = open(img_path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	free(image);
	image_size = st.st_size;
	image = malloc(image_size);
	if (!image || read(fd, image, image_size) != (ssize_t)image_size) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int save_image(void)
{
	int fd = open(img_path, O_WRONLY | O_TRUNC);
	bool ok;

	if (fd < 0)
		return -1;
	ok = write(fd, image, image_size) == (ssize_t)image_size;
	close(fd);
	return ok ? 0 : -1;
}

/* mke2fs -t ext2 with the case's options into OUT/<case>.img, then load it. */
static int make_image(const char *opts, int mib)
{
	char out[4096];

	snprintf(img_path, sizeof(img_path), "%s/%s.img", OUT, case_name);
	unlink(img_path);
	if (shell(out, sizeof(out), NULL, "mke2fs -q -F -t ext2 -m 0 %s %s %dM 2>&1",
		  opts, img_path, mib)) {
		show("mke2fs", out);
		return -1;
	}
	return load_image();
}

/* Write the image to its file and run e2fsck -fn on it: 0 if it is clean. */
static const char *fsck(void)
{
	static char out[16384];
	int status;

	if (save_image())
		return wrong("cannot write %s", img_path);
	status = shell(out, sizeof(out), NULL, "e2fsck -fn %s 2>&1", img_path);
	if (status) {
		show("e2fsck", out);
		return wrong("e2fsck -fn %s: exit status %d (its output is above)",
			     img_path, status);
	}
	return NULL;
}

/* debugfs -R "cat path": the file as e2fsprogs reads it.  Its length, or -1. */
static long debugfs_cat(const char *path, u8 *buf, size_t size)
{
	size_t len;

	if (shell((char *)buf, size, &len, "debugfs -R 'cat %s' %s 2>/dev/null",
		  path, img_path))
		return -1;
	return len;
}

/* The number after `field` (such as "Links: ") in debugfs -R "stat path", or -1. */
static long debugfs_stat(const char *path, const char *field)
{
	char out[8192];
	const char *p;

	if (shell(out, sizeof(out), NULL, "debugfs -R 'stat %s' %s 2>/dev/null",
		  path, img_path))
		return -1;
	p = strstr(out, field);
	return p ? strtol(p + strlen(field), NULL, 10) : -1;
}

/* Does debugfs -R "request" print `text`? */
static bool debugfs_says(const char *request, const char *text)
{
	char out[8192];

	if (shell(out, sizeof(out), NULL, "debugfs -R '%s' %s 2>/dev/null",
		  request, img_path))
		return false;
	return strstr(out, text) != NULL;
}

/* debugfs -R "bmap path n": the disk block of file block n, or -1. */
static long debugfs_bmap(const char *path, unsigned long n)
{
	char out[256];

	if (shell(out, sizeof(out), NULL, "debugfs -R 'bmap %s %lu' %s 2>/dev/null",
		  path, n, img_path))
		return -1;
	return strtol(out, NULL, 10);
}

/* --- mounting and unmounting ----------------------------------------- */

static struct ext2_super_block *ES(void)
{
	return EXT2_SB(&sb)->es;
}

static int mount_image(void)
{
	int err;

	memset(&sb, 0, sizeof(sb));
	klog[0] = '\0';
	klog_errors = 0;
	err = ext2_fill_super(&sb, image, image_size);
	return err;
}

/* Make an image with mke2fs (opts, mib MiB) and mount it; 0 or an error. */
static int setup(const char *opts, int mib)
{
	if (make_image(opts, mib))
		return -1;
	return mount_image();
}

/*
 * Free a dentry and everything cached under it, as an unmount would.
 * Each cached child holds a reference to its parent; nobody else may
 * hold one now (the root also has its own).  Counts what is wrong.
 */
static int drop_dentries(struct dentry *d)
{
	struct dentry *child, *next;
	int children = 0, bad = 0;

	list_for_each_entry_safe(child, next, &d->d_subdirs, d_child) {
		bad += drop_dentries(child);
		children++;
	}
	if (d->d_count != children + IS_ROOT(d)) {
		printf("\tdentry \"%s\": d_count %d, expected %d\n", d->d_name,
		       d->d_count, children + IS_ROOT(d));
		bad++;
	}
	if (d->d_inode)
		iput(d->d_inode);
	kfree(d->d_name);
	kfree(d);
	return bad;
}

/* Unmount: every reference must be dropped and every allocation freed. */
static const char *unmount(void)
{
	struct inode *inode;
	int bad = drop_dentries(sb.s_root);

	list_for_each_entry(inode, &sb.s_inodes, i_sb_list) {
		printf("\tinode %lu: i_count %d after unmount\n", inode->i_ino,
		       inode->i_count);
		bad++;
	}
	kfree(sb.s_fs_info);
	if (bad)
		return wrong("%d dentries or inodes still referenced at unmount", bad);
	if (kmem_count)
		return wrong("%lu kmallocs not freed at unmount", kmem_count);
	return NULL;
}

/* The superblock's free counts must be the sums over the group descriptors. */
static const char *check_counts(void)
{
	struct ext2_sb_info *sbi = EXT2_SB(&sb);
	unsigned long g, blocks = 0, inodes = 0;

	for (g = 0; g < sbi->groups_count; g++) {
		blocks += sbi->gdt[g].bg_free_blocks_count;
		inodes += sbi->gdt[g].bg_free_inodes_count;
	}
	if (blocks != sbi->es->s_free_blocks_count)
		return wrong("superblock: %u free blocks, groups: %lu",
			     sbi->es->s_free_blocks_count, blocks);
	if (inodes != sbi->es->s_free_inodes_count)
		return wrong("superblock: %u free inodes, groups: %lu",
			     sbi->es->s_free_inodes_count, inodes);
	return NULL;
}

/*
 * The end of every case that changed the filesystem: the free counts
 * agree, the kernel printed no error, the unmount is clean and e2fsck
 * is happy with the image.  NULL if so, else what is wrong.
 */
static const char *finish(void)
{
	const char *err = check_counts();

	if (!err && klog_errors)
		err = wrong("the kernel printed an error: %s", klog);
	if (!err)
		err = unmount();
	if (!err)
		err = fsck();
	return err;
}

/* For the helpers that return NULL or what is wrong. */
#define EXPECT_OK(check)						\
	do {								\
		const char *err_ = (check);				\
		EXPECTF(!err_, "%s", err_);				\
	} while (0)

#define EXPECT_FINISH()	EXPECT_OK(finish())

/* After each case: free whatever a failed case left, and a passed case's image. */
static void cleanup(void)
{
	kmem_free_all();
	scratch_free_all();
	free(image);
	image = NULL;
	if (!unit_case_failed && img_path[0])
		unlink(img_path);
	img_path[0] = '\0';
}

/* --- the VFS's side of things ---------------------------------------- */

/* lookup_one() of fs/namei.c: the cached child, or a new one the filesystem fills in. */
static struct dentry *lookup(struct dentry *dir, const char *name, int len)
{
	struct inode *inode = dir->d_inode;
	struct dentry *d = d_lookup(dir, name, len);
	int err;

	if (d)
		return d;
	if (!inode->i_op || !inode->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = inode->i_op->lookup(inode, d);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/* The dentry of an absolute path without symlinks; the last one may be negative. */
static struct dentry *walk(const char *path)
{
	struct dentry *d = dget(sb.s_root), *next;
	int len;

	for (;;) {
		while (*path == '/')
			path++;
		if (!*path)
			return d;
		if (d_is_negative(d)) {
			dput(d);
			return ERR_PTR(-ENOENT);
		}
		len = strcspn(path, "/");
		next = lookup(d, path, len);
		dput(d);
		if (IS_ERR(next))
			return next;
		d = next;
		path += len;
	}
}

/* path_parentat() + lookup_one(): the parent directory and the last name's dentry. */
static int walk_parent(const char *path, struct dentry **parent, struct dentry **d)
{
	const char *last = strrchr(path, '/');
	char dir[256];

	snprintf(dir, sizeof(dir), "%.*s", (int)(last - path), path);
	*parent = walk(dir);
	if (IS_ERR(*parent))
		return PTR_ERR(*parent);
	if (d_is_negative(*parent)) {
		dput(*parent);
		return -ENOENT;
	}
	*d = lookup(*parent, last + 1, strlen(last + 1));
	if (IS_ERR(*d)) {
		dput(*parent);
		return PTR_ERR(*d);
	}
	return 0;
}

/* The inode at path (a new reference), or NULL. */
static struct inode *iget_path(const char *path)
{
	struct dentry *d = walk(path);
	struct inode *inode;

	if (IS_ERR(d))
		return NULL;
	inode = d->d_inode ? igrab(d->d_inode) : NULL;
	dput(d);
	return inode;
}

static bool exists(const char *path)
{
	struct inode *inode = iget_path(path);

	iput(inode);
	return inode != NULL;
}

static unsigned long ino_of(const char *path)
{
	struct inode *inode = iget_path(path);
	unsigned long ino = inode ? inode->i_ino : 0;

	iput(inode);
	return ino;
}

static unsigned int nlink_of(const char *path)
{
	struct inode *inode = iget_path(path);
	unsigned int n = inode ? inode->i_nlink : 0;

	iput(inode);
	return n;
}

/* The operations below follow fs/namei_ops.c and fs/open.c. */

static int do_create(const char *path, umode_t mode)
{
	struct dentry *parent, *d;
	struct inode *dir;
	int err = walk_parent(path, &parent, &d);

	if (err)
		return err;
	dir = parent->d_inode;
	err = d_is_negative(d) ? dir->i_op->create(dir, d, mode) : -EEXIST;
	dput(d);
	dput(parent);
	return err;
}

static int do_mkdir(const char *path)
{
	struct dentry *parent, *d;
	struct inode *dir;
	int err = walk_parent(path, &parent, &d);

	if (err)
		return err;
	dir = parent->d_inode;
	err = d_is_negative(d) ? dir->i_op->mkdir(dir, d, 0755) : -EEXIST;
	dput(d);
	dput(parent);
	return err;
}

static int do_unlink(const char *path)
{
	struct dentry *parent, *d;
	struct inode *dir;
	int err = walk_parent(path, &parent, &d);

	if (err)
		return err;
	dir = parent->d_inode;
	if (d_is_negative(d))
		err = -ENOENT;
	else if (S_ISDIR(d->d_inode->i_mode))
		err = -EISDIR;
	else
		err = dir->i_op->unlink(dir, d);
	if (!err)
		d_delete(d);
	dput(d);
	dput(parent);
	return err;
}

static int do_rmdir(const char *path)
{
	struct dentry *parent, *d;
	struct inode *dir;
	int err = walk_parent(path, &parent, &d);

	if (err)
		return err;
	dir = parent->d_inode;
	if (d_is_negative(d))
		err = -ENOENT;
	else if (!S_ISDIR(d->d_inode->i_mode))
		err = -ENOTDIR;
	else
		err = dir->i_op->rmdir(dir, d);
	if (!err)
		d_delete(d);
	dput(d);
	dput(parent);
	return err;
}

static int do_link(const char *oldpath, const char *newpath)
{
	struct dentry *old = walk(oldpath), *parent, *d;
	struct inode *dir;
	int err;

	if (IS_ERR(old))
		return PTR_ERR(old);
	err = d_is_negative(old) ? -ENOENT : walk_parent(newpath, &parent, &d);
	if (err) {
		dput(old);
		return err;
	}
	dir = parent->d_inode;
	if (!d_is_negative(d))
		err = -EEXIST;
	else if (S_ISDIR(old->d_inode->i_mode))
		err = -EPERM;
	else
		err = dir->i_op->link(old, dir, d);
	dput(d);
	dput(parent);
	dput(old);
	return err;
}

static int do_symlink(const char *target, const char *path)
{
	struct dentry *parent, *d;
	struct inode *dir;
	int err = walk_parent(path, &parent, &d);

	if (err)
		return err;
	dir = parent->d_inode;
	err = d_is_negative(d) ? dir->i_op->symlink(dir, d, target) : -EEXIST;
	dput(d);
	dput(parent);
	return err;
}

/* do_renameat2() without its checks for mounts and for moving a directory into itself. */
static int do_rename(const char *oldpath, const char *newpath)
{
	struct dentry *op, *old, *np, *new;
	struct inode *src, *dst;
	int err = walk_parent(oldpath, &op, &old);

	if (err)
		return err;
	err = walk_parent(newpath, &np, &new);
	if (err) {
		dput(old);
		dput(op);
		return err;
	}
	src = old->d_inode;
	dst = new->d_inode;
	if (!src)
		err = -ENOENT;
	else if (dst && S_ISDIR(src->i_mode) && !S_ISDIR(dst->i_mode))
		err = -ENOTDIR;
	else if (dst && !S_ISDIR(src->i_mode) && S_ISDIR(dst->i_mode))
		err = -EISDIR;
	else if (src == dst)
		goto out;		/* the same file: nothing to do */
	if (!err)
		err = op->d_inode->i_op->rename(op->d_inode, old, np->d_inode, new);
	if (!err) {
		if (new->d_inode)
			d_delete(new);
		if (d_move(old, np, new->d_name, new->d_len))
			d_delete(old);
	}
out:
	dput(new);
	dput(np);
	dput(old);
	dput(op);
	return err;
}

static int do_readlink(const char *path, char *buf, int size)
{
	struct inode *inode = iget_path(path);
	int len;

	if (!inode)
		return -ENOENT;
	len = S_ISLNK(inode->i_mode) ? inode->i_op->readlink(inode, buf, size) : -EINVAL;
	iput(inode);
	return len;
}

static int do_truncate(const char *path, loff_t size)
{
	struct inode *inode = iget_path(path);
	int err;

	if (!inode)
		return -ENOENT;
	err = inode->i_op->truncate(inode, size);
	iput(inode);
	return err;
}

/* A file opened on inode, as dentry_open() would fill it in. */
static struct file open_inode(struct inode *inode, unsigned int flags)
{
	struct file f = {
		.f_op = inode->i_fop,
		.f_inode = inode,
		.f_flags = flags,
		.f_mode = FMODE_READ | FMODE_WRITE | FMODE_LSEEK,
		.f_count = 1,
	};

	return f;
}

/* pwrite(2)/pread(2) with a kernel buffer: one kvec, through f_op. */
static ssize_t write_at(struct inode *inode, const void *buf, size_t n, loff_t pos)
{
	struct file f = open_inode(inode, O_RDWR);
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = n };
	struct iov_iter from;

	iov_iter_init(&from, ITER_KVEC, &iov, 1, n);
	return f.f_op->write_iter(&f, &from, &pos);
}

static ssize_t read_at(struct inode *inode, void *buf, size_t n, loff_t pos)
{
	struct file f = open_inode(inode, O_RDWR);
	struct iovec iov = { .iov_base = buf, .iov_len = n };
	struct iov_iter to;

	iov_iter_init(&to, ITER_KVEC, &iov, 1, n);
	return f.f_op->read_iter(&f, &to, &pos);
}

static ssize_t write_path(const char *path, const void *buf, size_t n, loff_t pos)
{
	struct inode *inode = iget_path(path);
	ssize_t ret;

	if (!inode)
		return -ENOENT;
	ret = write_at(inode, buf, n, pos);
	iput(inode);
	return ret;
}

/* Create path and write n bytes of buf into it. */
static int make_file(const char *path, const void *buf, size_t n)
{
	int err = do_create(path, 0644);

	if (err)
		return err;
	return write_path(path, buf, n, 0) == (ssize_t)n ? 0 : -EIO;
}

/* --- data ------------------------------------------------------------ */

/* Test data: byte off of data set `seed`, different in every block. */
static u8 pattern(unsigned int seed, u64 off)
{
	u32 x = (u32)(off / 4) * 2654435761u + seed * 40503u;

	x ^= x >> 15;
	return x >> (8 * (off % 4));
}

static void fill(u8 *buf, size_t n, unsigned int seed, u64 off)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = pattern(seed, off + i);
}

/* The first offset where buf differs from data set seed at off, or -1. */
static long mismatch(const u8 *buf, size_t n, unsigned int seed, u64 off)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf[i] != pattern(seed, off + i))
			return i;
	return -1;
}

static bool all_zero(const u8 *buf, size_t n)
{
	while (n--)
		if (*buf++)
			return false;
	return true;
}

/* Read the whole file at path and compare it with want. */
static const char *check_file(const char *path, const u8 *want, size_t n)
{
	struct inode *inode = iget_path(path);
	u8 *got = malloc(n + 1);
	ssize_t len = -ENOENT;
	size_t i;

	if (inode)
		len = read_at(inode, got, n + 1, 0);
	iput(inode);
	if (len != (ssize_t)n) {
		free(got);
		return wrong("%s: read %zd bytes, expected %zu", path, len, n);
	}
	for (i = 0; i < n && got[i] == want[i]; i++)
		;
	free(got);
	if (i < n)
		return wrong("%s: byte %zu differs", path, i);
	return NULL;
}

/* The same through debugfs -R "cat path" on the image file (after finish()). */
static const char *check_debugfs_cat(const char *path, const u8 *want, size_t n)
{
	u8 *got = malloc(n + 2);
	long len = debugfs_cat(path, got, n + 2);
	const char *err = NULL;

	if (len != (long)n)
		err = wrong("debugfs cat %s: %ld bytes, expected %zu", path, len, n);
	else if (memcmp(got, want, n))
		err = wrong("debugfs cat %s: contents differ", path);
	free(got);
	return err;
}

/* Blocks taken by a file of n blocks without holes, indirect blocks included. */
static unsigned long blocks_for(unsigned long n, unsigned long per)
{
	unsigned long total = n;

	if (n <= EXT2_NDIR_BLOCKS)
		return total;
	n -= EXT2_NDIR_BLOCKS;
	total += 1;				/* the indirect block */
	if (n <= per)
		return total;
	n -= per;
	total += 1 + DIV_ROUND_UP(min(n, per * per), per);	/* double */
	if (n <= per * per)
		return total;
	n -= per * per;
	return total + 1 + DIV_ROUND_UP(n, per * per) + DIV_ROUND_UP(n, per);
}

static unsigned long free_blocks(void)
{
	return ES()->s_free_blocks_count;
}

static unsigned long free_inodes(void)
{
	return ES()->s_free_inodes_count;
}

static unsigned long used_dirs(void)
{
	struct ext2_sb_info *sbi = EXT2_SB(&sb);
	unsigned long g, n = 0;

	for (g = 0; g < sbi->groups_count; g++)
		n += sbi->gdt[g].bg_used_dirs_count;
	return n;
}

/* Everything ext2_readdir() gives for one directory, sorted. */
struct listing {
	struct dir_context ctx;
	char (*names)[EXT2_NAME_LEN + 1];
	int count, max;
	int bad_types;		/* entries whose d_type is not that of their inode */
};

static bool list_actor(struct dir_context *ctx, const char *name, int len,
		       loff_t next_pos, unsigned long ino, unsigned int type)
{
	struct listing *l = container_of(ctx, struct listing, ctx);
	struct inode *inode;

	(void)next_pos;
	if (l->count == l->max)
		return false;
	inode = ext2_iget(&sb, ino);
	if (IS_ERR(inode))
		return false;
	if (type != (S_ISDIR(inode->i_mode) ? DT_DIR :
		     S_ISLNK(inode->i_mode) ? DT_LNK : DT_REG))
		l->bad_types++;
	iput(inode);
	snprintf(l->names[l->count++], EXT2_NAME_LEN + 1, "%.*s", len, name);
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int list_dir(struct inode *dir, struct listing *l, int max)
{
	struct file f = open_inode(dir, O_RDONLY);

	l->ctx.actor = list_actor;
	l->ctx.pos = 0;
	l->names = scratch(max * sizeof(*l->names));
	l->count = 0;
	l->max = max;
	l->bad_types = 0;
	if (f.f_op->iterate(&f, &l->ctx))
		return -1;
	qsort(l->names, l->count, sizeof(*l->names), cmp_names);
	return l->count;
}

/* --- mounting what mke2fs made --------------------------------------- */

static void check_fresh(const char *opts, int mib, unsigned long bs, unsigned long groups)
{
	struct kstatfs st;
	struct inode *root, *lf;

	EXPECT_EQ(setup(opts, mib), 0);
	EXPECT_EQ(sb.s_blocksize, bs);
	EXPECT_EQ(EXT2_SB(&sb)->groups_count, groups);
	root = sb.s_root->d_inode;
	EXPECT_EQ(root->i_ino, EXT2_ROOT_INO);
	EXPECT(S_ISDIR(root->i_mode));
	EXPECT(ext2_iget(&sb, EXT2_ROOT_INO) == root);	/* the cached one */
	EXPECT_EQ(root->i_count, 2);
	iput(root);
	EXPECT(ext2_iget(&sb, ES()->s_inodes_count + 1) == ERR_PTR(-EIO));
	EXPECT_EQ(root->i_nlink, 3);		/* ".", ".." and lost+found's ".." */
	lf = iget_path("/lost+found");
	EXPECT(lf && S_ISDIR(lf->i_mode));
	EXPECT_EQ(lf->i_nlink, 2);
	EXPECT_EQ(ext2_inode_by_name(lf, "..", 2), EXT2_ROOT_INO);
	iput(lf);
	EXPECT(!exists("/nonexistent"));
	EXPECT_EQ(sb.s_op->statfs(&sb, &st), 0);
	EXPECT_EQ(st.f_bsize, bs);
	EXPECT_EQ(st.f_blocks, mib * MiB / bs - ES()->s_first_data_block);
	EXPECT_EQ(st.f_bfree, free_blocks());
	EXPECT_EQ(st.f_ffree, free_inodes());
	EXPECT_FINISH();
}

static void mount_1k(void)
{
	check_fresh("-b 1024", 8, 1024, 1);
}

static void mount_1k_4_groups(void)
{
	check_fresh("-b 1024", 32, 1024, 4);
}

static void mount_4k(void)
{
	check_fresh("-b 4096", 32, 4096, 1);
}

static void mount_4k_128_byte_inodes(void)
{
	check_fresh("-b 4096 -I 128", 32, 4096, 1);
}

/* --- refusing to mount ----------------------------------------------- */

static struct ext2_super_block *image_es(void)
{
	return (struct ext2_super_block *)(image + EXT2_SUPERBLOCK_OFFSET);
}

/* Inode ino in the image itself (before mounting), for corrupting it. */
static struct ext2_inode *image_inode(unsigned long ino)
{
	struct ext2_super_block *es = image_es();
	unsigned long bs = 1024UL << es->s_log_block_size;
	struct ext2_group_desc *gdt = (void *)(image + (es->s_first_data_block + 1) * bs);
	unsigned long index = (ino - 1) % es->s_inodes_per_group;

	return (void *)(image + gdt[(ino - 1) / es->s_inodes_per_group].bg_inode_table * bs +
			index * es->s_inode_size);
}

/*
 * ext2_fill_super() on the (corrupted) image must fail and say why,
 * change nothing in the image and leave nothing allocated.
 */
static const char *refused(const char *reason)
{
	u8 *before = malloc(image_size);
	const char *err = NULL;
	size_t i;
	int ret;

	memcpy(before, image, image_size);
	ret = mount_image();
	if (!ret)
		err = wrong("mounted (the kernel said: %s)", klog);
	else if (ret != -EINVAL)
		err = wrong("ext2_fill_super returned %d, expected -EINVAL", ret);
	else if (!strstr(klog, reason))
		err = wrong("the kernel said \"%s\", expected \"%s\"", klog, reason);
	else if (memcmp(before, image, image_size)) {
		for (i = 0; before[i] == image[i]; i++)
			;
		err = wrong("the refused mount changed the image, first at byte %zu", i);
	}
	else if (kmem_count)
		err = wrong("%lu kmallocs left by the refused mount", kmem_count);
	free(before);
	if (!ret)
		unmount();
	return err;
}

static void refuse_bad_magic(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_magic = 0xef54;
	EXPECT_OK(refused("bad magic"));
}

static void refuse_image_too_small(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_size = 2000;		/* the superblock would end at 2048 */
	EXPECT_OK(refused("image too small"));
}

static void refuse_extents(void)
{
	EXPECT_EQ(make_image("-b 4096", 32), 0);
	image_es()->s_feature_incompat |= 0x40;		/* EXT4_FEATURE_INCOMPAT_EXTENTS */
	EXPECT_OK(refused("unsupported incompatible features"));
}

static void refuse_huge_file(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_feature_ro_compat |= 0x8;		/* huge_file: i_blocks differ */
	EXPECT_OK(refused("unsupported read-only-compatible features"));
}

static void refuse_block_size_8k(void)
{
	EXPECT_EQ(make_image("-b 4096", 32), 0);
	image_es()->s_log_block_size = 3;
	EXPECT_OK(refused("block size above 4096"));
}

static void refuse_blocks_count_beyond_image(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_blocks_count = 8192 + 1;
	EXPECT_OK(refused("image shorter than its block count"));
}

static void refuse_truncated_image(void)
{
	EXPECT_EQ(make_image("-b 4096", 32), 0);
	image_size = 16 * MiB;		/* as if GRUB loaded half of it */
	EXPECT_OK(refused("image shorter than its block count"));
}

static void refuse_zero_inodes_per_group(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_inodes_per_group = 0;
	EXPECT_OK(refused("zero blocks or inodes per group"));
}

static void refuse_bad_inode_size(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_inode_size = 200;
	EXPECT_OK(refused("bad inode size"));
}

static void refuse_root_not_dir(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_inode(EXT2_ROOT_INO)->i_mode = S_IFREG | 0644;
	EXPECT_OK(refused("root inode is not a directory"));
}

/*
 * BUG (fs/ext2/inode.c:85-87, ext2_iget): for an inode whose
 * i_links_count is 0, ext2_iget() drops its half-made in-memory inode
 * with iput(); that inode's i_nlink is still 0, so iput() calls
 * ext2_evict_inode(), which frees the blocks in the on-disk inode's
 * i_block[] and clears its bit in the inode bitmap.  Here the root
 * (inode 2) has i_links_count 0: the mount is refused, but the root's
 * directory block and inode are freed in the image on the way.  The
 * same happens to any directory entry that leads to an inode with no
 * links.  A lookup must not write to the disk.
 */
static void refuse_root_without_links(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_inode(EXT2_ROOT_INO)->i_links_count = 0;
	EXPECT_OK(refused("root inode is not a directory"));
}

/*
 * BUG (fs/ext2/super.c:41-42, ext2_fill_super): s_blocks_per_group is
 * checked for 0 but not against the bits in one bitmap block (8 * block
 * size), as Linux does ("#blocks per group too big").  With 16384
 * blocks per group and 1 KiB blocks this image mounts, and in a group of
 * more than 8192 blocks ext2_new_block() would scan (and set bits in)
 * the block after the group's bitmap block.
 */
static void refuse_blocks_per_group_too_big(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_blocks_per_group = 16384;
	image_es()->s_frags_per_group = 16384;
	EXPECT_OK(refused("per group"));
}

/*
 * BUG (fs/ext2/super.c:41-42, ext2_fill_super): the same for
 * s_inodes_per_group ("#inodes per group too big" in Linux):
 * find_free_inode() scans s_inodes_per_group bits of a one-block bitmap.
 */
static void refuse_inodes_per_group_too_big(void)
{
	EXPECT_EQ(make_image("-b 1024", 8), 0);
	image_es()->s_inodes_per_group = 16384;
	image_es()->s_inodes_count = 16384;
	EXPECT_OK(refused("per group"));
}

/*
 * BUG (fs/ext2/super.c:41-48, ext2_fill_super): the group descriptors
 * are not checked (Linux: ext2_check_descriptors(), "Block bitmap for
 * group 0 not in group").  Here group 0's block bitmap is block 1, the
 * superblock itself, and the image mounts.  The first ext2_new_block()
 * then finds bit 0 clear (the low byte of s_inodes_count, 2048), and
 * hands out block 1, the superblock, which it zeroes.  From then on
 * s_blocks_count is 0 and every block pointer is NULL.
 */
static void refuse_bitmap_outside_group(void)
{
	struct ext2_group_desc *gdt;

	EXPECT_EQ(make_image("-b 1024", 8), 0);
	gdt = (void *)(image + 2 * 1024);
	gdt[0].bg_block_bitmap = 1;
	EXPECT_OK(refused("bitmap"));
}

/* --- files mke2fs -d put in ------------------------------------------ */

#define HELLO		"Hello from mke2fs -d\n"
#define BIG_SIZE	(5 * MiB + 333)		/* into the double indirect blocks */
#define SPARSE_AT	(3 * MiB + 7)		/* a hole, then data */
#define LONG_TARGET	"sub/a/target/of/more/than/sixty/characters/is/kept/in/a/block/" \
			"of/its/own/instead/of/the/inode/and/this/one/dangles/too"

static int write_host_file(const char *path, const void *buf, size_t n, off_t pos)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	bool ok;

	if (fd < 0)
		return -1;
	ok = pwrite(fd, buf, n, pos) == (ssize_t)n;
	close(fd);
	return ok ? 0 : -1;
}

/* The directory tree mke2fs -d copies into the populated images. */
static int make_stage(void)
{
	u8 *big = malloc(BIG_SIZE);
	char out[1024];
	int err = 0;

	fill(big, BIG_SIZE, 1, 0);
	if (shell(out, sizeof(out), NULL, "rm -rf %s && mkdir -p %s/sub/deeper 2>&1",
		  STAGE, STAGE))
		err = -1;
	err |= write_host_file(STAGE "/hello.txt", HELLO, strlen(HELLO), 0);
	err |= link(STAGE "/hello.txt", STAGE "/hello.hard");
	err |= write_host_file(STAGE "/big.bin", big, BIG_SIZE, 0);
	err |= write_host_file(STAGE "/sparse.bin", "head", 4, 0);
	err |= write_host_file(STAGE "/sparse.bin", big, 1024, SPARSE_AT);
	err |= write_host_file(STAGE "/empty", "", 0, 0);
	err |= write_host_file(STAGE "/sub/inner.txt", "inner\n", 6, 0);
	err |= symlink("hello.txt", STAGE "/link");
	err |= symlink(LONG_TARGET, STAGE "/longlink");
	free(big);
	return err;
}

static void read_populated(const char *opts, unsigned long bs)
{
	u8 *big = scratch(BIG_SIZE), *sparse = scratch(SPARSE_AT + 1024);
	char o[256], target[256];
	struct listing l;
	struct inode *inode;

	snprintf(o, sizeof(o), "%s -d %s", opts, STAGE);
	EXPECT_EQ(setup(o, 32), 0);
	fill(big, BIG_SIZE, 1, 0);
	memcpy(sparse, "head", 4);
	memcpy(sparse + SPARSE_AT, big, 1024);
	EXPECT_OK(check_file("/hello.txt", (u8 *)HELLO, strlen(HELLO)));
	EXPECT_OK(check_file("/big.bin", big, BIG_SIZE));
	EXPECT_OK(check_file("/sparse.bin", sparse, SPARSE_AT + 1024));
	EXPECT_OK(check_file("/empty", NULL, 0));
	EXPECT_OK(check_file("/sub/inner.txt", (u8 *)"inner\n", 6));

	/* The hole takes no blocks: two or three data blocks, two indirect. */
	inode = iget_path("/sparse.bin");
	EXPECT(inode != NULL);
	EXPECT(inode->i_blocks <= 5 * (bs / 512));
	iput(inode);

	EXPECT_EQ(ino_of("/hello.hard"), ino_of("/hello.txt"));
	EXPECT_EQ(nlink_of("/hello.txt"), 2);
	EXPECT_EQ(nlink_of("/"), 4);		/* ".", "..", lost+found/.., sub/.. */
	EXPECT_EQ(nlink_of("/sub"), 3);
	EXPECT_EQ(nlink_of("/sub/deeper"), 2);
	EXPECT_EQ(do_readlink("/link", target, sizeof(target)), 9);
	EXPECT(!memcmp(target, "hello.txt", 9));
	EXPECT_EQ(do_readlink("/longlink", target, sizeof(target)), strlen(LONG_TARGET));
	EXPECT(!memcmp(target, LONG_TARGET, strlen(LONG_TARGET)));

	inode = iget_path("/sub");
	EXPECT(inode != NULL);
	EXPECT_EQ(list_dir(inode, &l, 10), 4);
	iput(inode);
	EXPECT_STR(l.names[0], ".");
	EXPECT_STR(l.names[1], "..");
	EXPECT_STR(l.names[2], "deeper");
	EXPECT_STR(l.names[3], "inner.txt");
	EXPECT_EQ(l.bad_types, 0);
	EXPECT_FINISH();
}

static void read_populated_1k(void)
{
	read_populated("-b 1024", 1024);
}

static void read_populated_4k(void)
{
	read_populated("-b 4096", 4096);
}

/* Change the files libext2fs wrote: append, overwrite, unlink, truncate. */
static void modify_populated_1k(void)
{
	static const char more[] = "and more from the kernel\n";
	char o[256], hello[64];
	unsigned long free0;
	struct inode *inode;
	struct file f;
	struct iovec iov = { .iov_base = (void *)more, .iov_len = strlen(more) };
	struct iov_iter from;
	loff_t pos = 0;
	u8 *big = scratch(BIG_SIZE);

	snprintf(o, sizeof(o), "-b 1024 -d %s", STAGE);
	EXPECT_EQ(setup(o, 32), 0);

	/* O_APPEND writes at the end, whatever the position says. */
	inode = iget_path("/hello.txt");
	EXPECT(inode != NULL);
	f = open_inode(inode, O_WRONLY | O_APPEND);
	iov_iter_init(&from, ITER_KVEC, &iov, 1, iov.iov_len);
	EXPECT_EQ(f.f_op->write_iter(&f, &from, &pos), strlen(more));
	iput(inode);
	EXPECT_EQ(pos, strlen(HELLO) + strlen(more));
	snprintf(hello, sizeof(hello), "%s%s", HELLO, more);
	EXPECT_OK(check_file("/hello.hard", (u8 *)hello, strlen(hello)));

	/* Overwrite across the direct/indirect boundary of big.bin. */
	fill(big, BIG_SIZE, 1, 0);
	fill(big + 11 * KiB + 100, 3 * KiB, 7, 0);
	EXPECT_EQ(write_path("/big.bin", big + 11 * KiB + 100, 3 * KiB, 11 * KiB + 100),
		  3 * KiB);
	EXPECT_OK(check_file("/big.bin", big, BIG_SIZE));

	/* Unlinking the sparse file frees exactly its blocks. */
	free0 = free_blocks();
	inode = iget_path("/sparse.bin");
	EXPECT(inode != NULL);
	free0 += inode->i_blocks / 2;
	iput(inode);
	EXPECT_EQ(do_unlink("/sparse.bin"), 0);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(do_truncate("/sub/inner.txt", 3), 0);
	EXPECT_EQ(do_rename("/sub/inner.txt", "/inner"), 0);
	EXPECT_EQ(do_rmdir("/sub/deeper"), 0);
	EXPECT_EQ(nlink_of("/sub"), 2);
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/hello.txt", (u8 *)hello, strlen(hello)));
	EXPECT_OK(check_debugfs_cat("/big.bin", big, BIG_SIZE));
	EXPECT_OK(check_debugfs_cat("/inner", (u8 *)"inn", 3));
	EXPECT_EQ(debugfs_stat("/hello.hard", "Links: "), 2);
}

/* --- writing files --------------------------------------------------- */

/*
 * A file through the direct, single and double indirect blocks, written
 * in odd-sized pieces that straddle blocks: read back, counted, and the
 * same as e2fsprogs reads it.
 */
static void write_through_indirect(const char *opts, unsigned long bs)
{
	unsigned long per = bs / 4, nblocks = EXT2_NDIR_BLOCKS + per + per + 5;
	size_t size = nblocks * bs - 123, done, n;
	unsigned long free0;
	struct inode *inode;
	u8 *data = scratch(size);
	u32 block;

	EXPECT_EQ(setup(opts, 32), 0);
	fill(data, size, 3, 0);
	free0 = free_blocks();
	EXPECT_EQ(do_create("/file", 0644), 0);
	inode = iget_path("/file");
	EXPECT(inode != NULL);
	for (done = 0; done < size; done += n) {
		n = min((size_t)3001, size - done);
		EXPECT_EQ(write_at(inode, data + done, n, done), n);
	}
	EXPECT_EQ(inode->i_size, size);
	EXPECT_EQ(inode->i_blocks, blocks_for(nblocks, per) * (bs / 512));
	EXPECT_EQ(free_blocks(), free0 - blocks_for(nblocks, per));
	EXPECT_EQ(EXT2_I(inode)->i_size, size);
	EXPECT_EQ(EXT2_I(inode)->i_blocks, inode->i_blocks);
	EXPECT(EXT2_I(inode)->i_block[EXT2_DIND_BLOCK] != 0);
	EXPECT_EQ(EXT2_I(inode)->i_block[EXT2_TIND_BLOCK], 0);
	iput(inode);
	EXPECT_OK(check_file("/file", data, size));
	inode = iget_path("/file");
	EXPECT(inode != NULL);
	block = ext2_bmap(inode, EXT2_NDIR_BLOCKS + per + 3);	/* under the double */
	iput(inode);
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/file", data, size));
	EXPECT_EQ(debugfs_bmap("/file", EXT2_NDIR_BLOCKS + per + 3), block);
}

static void write_through_indirect_1k(void)
{
	write_through_indirect("-b 1024", 1024);
}

static void write_through_indirect_4k(void)
{
	write_through_indirect("-b 4096", 4096);
}

/* Holes read as zeros, take no blocks, and a kvec of several segments. */
static void holes_and_segments_4k(void)
{
	const unsigned long bs = 4096;
	size_t size = 40 * bs + 10;
	u8 *want = scratch(size), *got = scratch(size + 100);
	u8 a[100], b[5000], c[1];
	struct iovec iov[3] = {
		{ .iov_base = a, .iov_len = sizeof(a) },
		{ .iov_base = b, .iov_len = sizeof(b) },
		{ .iov_base = c, .iov_len = sizeof(c) },
	};
	struct iov_iter it;
	struct inode *inode;
	struct file f;
	loff_t pos;

	EXPECT_EQ(setup("-b 4096", 32), 0);
	EXPECT_EQ(do_create("/holes", 0600), 0);
	inode = iget_path("/holes");
	EXPECT(inode != NULL);
	/* Three pieces: in block 0, across blocks 13-14, at the very end. */
	fill(want, 10, 4, 0);
	fill(want + 13 * bs + 4000, 200, 4, 13 * bs + 4000);
	fill(want + size - 10, 10, 4, size - 10);
	EXPECT_EQ(write_at(inode, want, 10, 0), 10);
	EXPECT_EQ(write_at(inode, want + 13 * bs + 4000, 200, 13 * bs + 4000), 200);
	EXPECT_EQ(write_at(inode, want + size - 10, 10, size - 10), 10);
	EXPECT_EQ(inode->i_size, size);
	/* Blocks 0, 13, 14 and 40, and the indirect block for 13 on. */
	EXPECT_EQ(inode->i_blocks, 5 * (bs / 512));
	EXPECT_EQ(ext2_bmap(inode, 1), 0);
	EXPECT_EQ(ext2_bmap(inode, 39), 0);
	EXPECT_EQ(read_at(inode, got, size + 100, 0), size);
	EXPECT(!memcmp(got, want, size));
	EXPECT_EQ(read_at(inode, got, 100, size), 0);	/* at the end */
	EXPECT_EQ(read_at(inode, got, 100, size - 3), 3);

	/* Read 100 + 5000 + 1 bytes from 13 * bs + 3950 into three buffers. */
	f = open_inode(inode, O_RDONLY);
	pos = 13 * bs + 3950;
	iov_iter_init(&it, ITER_KVEC, iov, 3, sizeof(a) + sizeof(b) + sizeof(c));
	EXPECT_EQ(f.f_op->read_iter(&f, &it, &pos), sizeof(a) + sizeof(b) + sizeof(c));
	EXPECT_EQ(pos, 13 * bs + 3950 + sizeof(a) + sizeof(b) + sizeof(c));
	EXPECT(!memcmp(a, want + 13 * bs + 3950, sizeof(a)));
	EXPECT(!memcmp(b, want + 13 * bs + 4050, sizeof(b)));
	EXPECT(!memcmp(c, want + 13 * bs + 9050, sizeof(c)));

	/* And write from three buffers, across the hole at block 20. */
	memset(a, 'a', sizeof(a));
	memset(b, 'b', sizeof(b));
	memset(c, 'c', sizeof(c));
	pos = 20 * bs - 50;
	iov_iter_init(&it, ITER_KVEC, iov, 3, sizeof(a) + sizeof(b) + sizeof(c));
	EXPECT_EQ(f.f_op->write_iter(&f, &it, &pos), sizeof(a) + sizeof(b) + sizeof(c));
	memcpy(want + 20 * bs - 50, a, sizeof(a));
	memcpy(want + 20 * bs + 50, b, sizeof(b));
	memcpy(want + 20 * bs + 5050, c, sizeof(c));
	EXPECT_EQ(inode->i_blocks, 8 * (bs / 512));	/* blocks 19, 20, 21 */
	iput(inode);
	EXPECT_OK(check_file("/holes", want, size));
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/holes", want, size));
	EXPECT_EQ(debugfs_stat("/holes", "Blockcount: "), 8 * (bs / 512));
}

/*
 * With 1 KiB blocks the triple indirect blocks start at file block
 * 12 + 256 + 256 * 256 = 65804 and end at 16843019: write at both ends
 * (the file is then 16 GiB, with i_size_high), then one block past.
 */
static void sparse_triple_indirect_1k(void)
{
	const unsigned long first = 12 + 256 + 65536, last = first + 256 * 256 * 256 - 1;
	u8 data[1024], got[3000];
	unsigned long free0;
	struct inode *inode;
	long b1, b2;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_create("/sparse", 0644), 0);
	inode = iget_path("/sparse");
	EXPECT(inode != NULL);
	fill(data, sizeof(data), 5, 0);
	EXPECT_EQ(write_at(inode, data, 1000, first * 1024 + 24), 1000);
	EXPECT(EXT2_I(inode)->i_block[EXT2_TIND_BLOCK] != 0);
	EXPECT_EQ(EXT2_I(inode)->i_block[EXT2_DIND_BLOCK], 0);
	EXPECT_EQ(inode->i_blocks, 4 * 2);		/* three indirect blocks and the data */
	EXPECT_EQ(write_at(inode, data, 1024, last * 1024), 1024);
	EXPECT_EQ(inode->i_size, (last + 1) * 1024);
	EXPECT_EQ(inode->i_blocks, 7 * 2);		/* another double, single and data */
	EXPECT_EQ(EXT2_I(inode)->i_size_high, ((last + 1) * 1024) >> 32);

	/* Past the triple indirect blocks: EFBIG, and nothing allocated. */
	free0 = free_blocks();
	EXPECT_EQ(write_at(inode, data, 1, (last + 1) * 1024), -EFBIG);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(inode->i_size, (last + 1) * 1024);

	/* A hole, then the data, then a hole again. */
	EXPECT_EQ(read_at(inode, got, sizeof(got), first * 1024 - 1000), sizeof(got));
	EXPECT(all_zero(got, 1024));
	EXPECT(!memcmp(got + 1024, data, 1000));
	EXPECT(all_zero(got + 2024, sizeof(got) - 2024));
	EXPECT_EQ(read_at(inode, got, sizeof(got), 10 * GiB), sizeof(got));
	EXPECT(all_zero(got, sizeof(got)));
	b1 = ext2_bmap(inode, first);
	b2 = ext2_bmap(inode, last);
	iput(inode);
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_bmap("/sparse", first), b1);
	EXPECT_EQ(debugfs_bmap("/sparse", last), b2);
	EXPECT_EQ(debugfs_stat("/sparse", "Size: "), (long)((last + 1) * 1024));
}

/*
 * BUG (fs/ext2/inode.c:221-237, ext2_truncate): the new size is not
 * checked against the largest file the block map can address
 * (12 + 256 + 256^2 + 256^3 blocks of 1 KiB: just over 16 GiB).
 * truncate("/f", 32 GiB) succeeds, and e2fsck then finds an i_size
 * that no ext2 file can have.  Linux answers -EFBIG (s_maxbytes).
 */
static void truncate_beyond_largest_file_1k(void)
{
	const loff_t largest = (12 + 256 + 65536 + 16777216UL) * 1024;
	int err;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_create("/f", 0644), 0);
	EXPECT_EQ(do_truncate("/f", largest), 0);	/* the largest is fine */
	err = do_truncate("/f", 2 * largest);
	EXPECT_FINISH();				/* e2fsck's view first */
	EXPECT_EQ(err, -EFBIG);
}

/*
 * BUG (fs/ext2/inode.c:105-119, ext2_write_inode): a file of 2 GiB or
 * more needs the large_file feature (RO_COMPAT 0x2), which Linux sets
 * in the superblock when it first writes such a size.  This kernel
 * writes i_size_high but not the feature, so on an image made without
 * large_file e2fsck reports "Filesystem contains large files, but lacks
 * LARGE_FILE flag in superblock".
 */
static void large_file_sets_feature(void)
{
	u8 byte = 'x';

	EXPECT_EQ(setup("-b 1024 -O ^large_file", 8), 0);
	EXPECT_EQ(do_create("/big", 0644), 0);
	EXPECT_EQ(write_path("/big", &byte, 1, 3 * GiB), 1);
	EXPECT_FINISH();
}

/*
 * Truncate a file that reaches the double indirect blocks: into the
 * indirect range mid-block, to a block boundary, mid-block again, then
 * up (what was cut off must read as zeros).  A model of the file is
 * kept next to it.
 */
static void truncate_shrink_grow(const char *opts, unsigned long bs)
{
	unsigned long per = bs / 4, nblocks = EXT2_NDIR_BLOCKS + per + 20;
	size_t size = nblocks * bs - 7;
	u8 *model = scratch(size);
	unsigned long free0;
	struct inode *inode;
	u8 byte = 0xee;

	EXPECT_EQ(setup(opts, 32), 0);
	free0 = free_blocks();
	fill(model, size, 6, 0);
	EXPECT_EQ(make_file("/t", model, size), 0);
	inode = iget_path("/t");
	EXPECT(inode != NULL);
	EXPECT_EQ(free_blocks(), free0 - blocks_for(nblocks, per));

	/* Into the indirect range, mid-block: keep IND, free the double ones. */
	EXPECT_EQ(ext2_truncate(inode, (EXT2_NDIR_BLOCKS + 10) * bs + 100), 0);
	EXPECT_EQ(inode->i_size, (EXT2_NDIR_BLOCKS + 10) * bs + 100);
	EXPECT_EQ(free_blocks(), free0 - blocks_for(EXT2_NDIR_BLOCKS + 11, per));
	EXPECT_EQ(inode->i_blocks, blocks_for(EXT2_NDIR_BLOCKS + 11, per) * (bs / 512));
	EXPECT_EQ(EXT2_I(inode)->i_block[EXT2_DIND_BLOCK], 0);
	memset(model + inode->i_size, 0, size - inode->i_size);

	/* To exactly 12 blocks: the indirect block goes too. */
	EXPECT_EQ(ext2_truncate(inode, EXT2_NDIR_BLOCKS * bs), 0);
	EXPECT_EQ(free_blocks(), free0 - EXT2_NDIR_BLOCKS);
	EXPECT_EQ(EXT2_I(inode)->i_block[EXT2_IND_BLOCK], 0);
	memset(model + inode->i_size, 0, size - inode->i_size);

	/* Mid-block, then up again: what was after the cut is zeros. */
	EXPECT_EQ(ext2_truncate(inode, 5 * bs + 100), 0);
	EXPECT_EQ(free_blocks(), free0 - 6);
	memset(model + inode->i_size, 0, size - inode->i_size);
	EXPECT_EQ(ext2_truncate(inode, size), 0);
	EXPECT_EQ(inode->i_size, size);
	EXPECT_EQ(free_blocks(), free0 - 6);		/* growing allocates nothing */
	EXPECT_EQ(EXT2_I(inode)->i_size, size);
	iput(inode);
	EXPECT_OK(check_file("/t", model, size));

	/* A byte at the end: its block, the double indirect and one indirect block. */
	EXPECT_EQ(write_path("/t", &byte, 1, size - 1), 1);
	model[size - 1] = byte;
	EXPECT_EQ(free_blocks(), free0 - 6 - 3);
	EXPECT_OK(check_file("/t", model, size));
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/t", model, size));
	EXPECT_EQ(debugfs_stat("/t", "Blockcount: "), (6 + 3) * (bs / 512));
}

static void truncate_shrink_grow_1k(void)
{
	truncate_shrink_grow("-b 1024", 1024);
}

static void truncate_shrink_grow_4k(void)
{
	truncate_shrink_grow("-b 4096", 4096);
}

/* Truncate to 0, then every block is back. */
static void truncate_to_zero_4k(void)
{
	u8 *data = scratch(5 * MiB);
	unsigned long free0;

	EXPECT_EQ(setup("-b 4096", 32), 0);
	fill(data, 5 * MiB, 8, 0);
	EXPECT_EQ(do_create("/t", 0644), 0);
	free0 = free_blocks();
	EXPECT_EQ(write_path("/t", data, 5 * MiB, 0), 5 * MiB);
	EXPECT_EQ(do_truncate("/t", 0), 0);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(nlink_of("/t"), 1);
	EXPECT_OK(check_file("/t", NULL, 0));
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_stat("/t", "Blockcount: "), 0);
}

/* --- directories ----------------------------------------------------- */

/* Name i of the first round: "entry-" and i with at least `width` digits. */
static void first_name(char *buf, int i, int width)
{
	sprintf(buf, "entry-%0*d", width, i);
}

/* Name i of the round that refills the gaps: 2 to 54 characters. */
static void second_name(char *buf, int i)
{
	int n = sprintf(buf, "%d-", i);

	memset(buf + n, 'y', i % 50);
	buf[n + i % 50] = '\0';
}

/*
 * Hundreds of entries over more than the 12 direct blocks, then the even
 * ones (and every other odd one) deleted, then new names of 2 to 54
 * characters in the gaps.  Even entries are files of their own, odd ones
 * hard links to /d/shared, whose link count is followed throughout.
 */
static void many_entries(const char *opts, unsigned long bs, int n, int width)
{
	char path[300], name[100];
	struct listing l = { 0 };
	struct inode *dir, *shared;
	unsigned long free_ino0, links = 1;
	long ino;
	int i, found;

	EXPECT_EQ(setup(opts, 32), 0);
	free_ino0 = free_inodes();
	EXPECT_EQ(do_mkdir("/d"), 0);
	EXPECT_EQ(do_create("/d/shared", 0644), 0);
	for (i = 0; i < n; i++) {
		first_name(name, i, width);
		sprintf(path, "/d/%s", name);
		EXPECT_EQ(i % 2 ? do_link("/d/shared", path) : do_create(path, 0644), 0);
		links += i % 2;
	}
	dir = iget_path("/d");
	shared = iget_path("/d/shared");
	EXPECT(dir && shared);
	EXPECT(dir->i_size > (loff_t)(EXT2_NDIR_BLOCKS * bs));	/* the indirect block too */
	EXPECT_EQ(shared->i_nlink, links);

	for (i = 0; i < n; i++) {
		if (i % 4 == 1)
			continue;
		first_name(name, i, width);
		sprintf(path, "/d/%s", name);
		EXPECT_EQ(do_unlink(path), 0);
		links -= i % 2;
	}
	EXPECT_EQ(shared->i_nlink, links);
	EXPECT_EQ(free_inodes(), free_ino0 - 2);	/* /d and /d/shared */
	for (i = 0; i < n; i++) {
		first_name(name, i, width);
		ino = ext2_inode_by_name(dir, name, strlen(name));
		EXPECTF(ino == (i % 4 == 1 ? (long)shared->i_ino : -ENOENT),
			"%s: inode %ld", name, ino);
	}

	for (i = 0; i < n; i++) {
		second_name(name, i);
		sprintf(path, "/d/%s", name);
		EXPECT_EQ(i % 2 ? do_link("/d/shared", path) : do_create(path, 0644), 0);
		links += i % 2;
	}
	EXPECT_EQ(shared->i_nlink, links);
	for (i = 0; i < n; i++) {
		second_name(name, i);
		ino = ext2_inode_by_name(dir, name, strlen(name));
		EXPECTF(ino > 0, "%s: %ld", name, ino);
	}

	/* readdir: ".", "..", shared, n / 4 old links and n new names, each once. */
	EXPECT_EQ(list_dir(dir, &l, 3 * n), 3 + n / 4 + n);
	for (i = 1; i < l.count; i++)
		EXPECTF(strcmp(l.names[i - 1], l.names[i]), "\"%s\" listed twice", l.names[i]);
	for (found = 0, i = 0; i < n; i++) {
		second_name(name, i);
		found += bsearch(name, l.names, l.count, sizeof(*l.names), cmp_names) != NULL;
	}
	EXPECT_EQ(found, n);
	EXPECT_EQ(l.bad_types, 0);
	ino = shared->i_ino;
	iput(shared);
	iput(dir);
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_stat("/d/shared", "Links: "), links);
	first_name(name, 1, width);
	sprintf(path, "/d/%s", name);
	EXPECT_EQ(debugfs_stat(path, "Inode: "), ino);
}

/* Mostly 20-byte entries, 51 a block: 1000 of them take 20 blocks. */
static void many_entries_1k(void)
{
	many_entries("-b 1024", 1024, 1000, 1);
}

/* 48-byte entries, 85 a block: 1200 take 15 blocks. */
static void many_entries_4k(void)
{
	many_entries("-b 4096", 4096, 1200, 34);
}

/* --- names: link, unlink, rename, rmdir ------------------------------ */

static void link_and_unlink(void)
{
	unsigned long free0, ifree0;
	u8 *data = scratch(20 * KiB);

	EXPECT_EQ(setup("-b 1024", 8), 0);
	free0 = free_blocks();
	ifree0 = free_inodes();
	fill(data, 20 * KiB, 9, 0);
	EXPECT_EQ(do_mkdir("/d"), 0);
	EXPECT_EQ(make_file("/f", data, 20 * KiB), 0);
	EXPECT_EQ(do_link("/f", "/g"), 0);
	EXPECT_EQ(do_link("/g", "/d/h"), 0);
	EXPECT_EQ(do_link("/d", "/d2"), -EPERM);	/* refused by the VFS */
	EXPECT_EQ(nlink_of("/f"), 3);
	EXPECT_EQ(ino_of("/d/h"), ino_of("/f"));
	EXPECT_EQ(do_unlink("/f"), 0);
	EXPECT(!exists("/f"));
	EXPECT_EQ(nlink_of("/g"), 2);
	EXPECT_EQ(do_unlink("/g"), 0);
	EXPECT_EQ(nlink_of("/d/h"), 1);
	EXPECT_OK(check_file("/d/h", data, 20 * KiB));
	EXPECT_EQ(do_link("/d/h", "/back"), 0);
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_stat("/back", "Links: "), 2);
	EXPECT_OK(check_debugfs_cat("/back", data, 20 * KiB));

	/* And the last unlink frees it all. */
	EXPECT_EQ(mount_image(), 0);
	EXPECT_EQ(do_unlink("/back"), 0);
	EXPECT_EQ(do_unlink("/d/h"), 0);
	EXPECT_EQ(do_rmdir("/d"), 0);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(free_inodes(), ifree0);
	EXPECT_FINISH();
}

/*
 * unlink() of a file that is still open: the name goes at once, the
 * inode and its blocks only at the last iput() (ext2_evict_inode).
 */
static void unlink_open_file(void)
{
	unsigned long free0, ifree0, ino;
	u8 *data = scratch(300 * KiB), *got = scratch(300 * KiB);
	char path[32];
	struct inode *inode;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	free0 = free_blocks();
	ifree0 = free_inodes();
	fill(data, 300 * KiB, 10, 0);
	EXPECT_EQ(make_file("/open", data, 300 * KiB), 0);
	inode = iget_path("/open");		/* as an open file holds it */
	EXPECT(inode != NULL);
	ino = inode->i_ino;
	EXPECT_EQ(do_unlink("/open"), 0);
	EXPECT(!exists("/open"));
	EXPECT_EQ(inode->i_nlink, 0);
	EXPECT_EQ(EXT2_I(inode)->i_links_count, 0);
	EXPECT_EQ(free_blocks(), free0 - blocks_for(300, 256));
	EXPECT_EQ(free_inodes(), ifree0 - 1);

	/* Still readable and writable through the open file. */
	EXPECT_EQ(read_at(inode, got, 300 * KiB, 0), 300 * KiB);
	EXPECT(!memcmp(got, data, 300 * KiB));
	EXPECT_EQ(write_at(inode, data, 10 * KiB, 300 * KiB), 10 * KiB);

	iput(inode);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(free_inodes(), ifree0);
	EXPECT(iget_path("/open") == NULL);
	EXPECT_FINISH();
	sprintf(path, "testi <%lu>", ino);
	EXPECT(debugfs_says(path, "is not in use"));
}

static void rename_file_between_dirs(void)
{
	unsigned long ino;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_mkdir("/a"), 0);
	EXPECT_EQ(do_mkdir("/b"), 0);
	EXPECT_EQ(make_file("/a/f", "contents", 8), 0);
	ino = ino_of("/a/f");
	EXPECT_EQ(do_rename("/a/f", "/b/g"), 0);
	EXPECT(!exists("/a/f"));
	EXPECT_EQ(ino_of("/b/g"), ino);
	EXPECT_EQ(nlink_of("/b/g"), 1);
	EXPECT_EQ(nlink_of("/a"), 2);
	EXPECT_EQ(nlink_of("/b"), 2);
	EXPECT_EQ(nlink_of("/"), 5);
	/* Back to the first directory under a longer name. */
	EXPECT_EQ(do_rename("/b/g", "/a/a-name-much-longer-than-the-first-one"), 0);
	EXPECT_EQ(ino_of("/a/a-name-much-longer-than-the-first-one"), ino);
	EXPECT_OK(check_file("/a/a-name-much-longer-than-the-first-one", (u8 *)"contents", 8));
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/a/a-name-much-longer-than-the-first-one",
				    (u8 *)"contents", 8));
	EXPECT_EQ(debugfs_stat("/b", "Links: "), 2);
}

/* A directory moves: both parents' link counts change, and its "..". */
static void rename_dir_between_dirs(void)
{
	unsigned long used0;
	struct inode *moved;

	EXPECT_EQ(setup("-b 1024", 32), 0);
	EXPECT_EQ(do_mkdir("/a"), 0);
	EXPECT_EQ(do_mkdir("/b"), 0);
	EXPECT_EQ(do_mkdir("/a/sub"), 0);
	EXPECT_EQ(do_mkdir("/a/sub/deep"), 0);
	EXPECT_EQ(make_file("/a/sub/file", "x", 1), 0);
	EXPECT_EQ(nlink_of("/a"), 3);
	used0 = used_dirs();
	EXPECT_EQ(do_rename("/a/sub", "/b/moved"), 0);
	EXPECT(!exists("/a/sub"));
	EXPECT_EQ(nlink_of("/a"), 2);
	EXPECT_EQ(nlink_of("/b"), 3);
	EXPECT_EQ(nlink_of("/b/moved"), 3);
	EXPECT_EQ(nlink_of("/"), 5);
	moved = iget_path("/b/moved");
	EXPECT(moved != NULL);
	EXPECT_EQ(ext2_inode_by_name(moved, "..", 2), ino_of("/b"));
	iput(moved);
	EXPECT(exists("/b/moved/deep"));
	EXPECT_OK(check_file("/b/moved/file", (u8 *)"x", 1));
	EXPECT_EQ(used_dirs(), used0);

	/* Within one directory: its count stays. */
	EXPECT_EQ(do_rename("/b/moved", "/b/renamed"), 0);
	EXPECT_EQ(nlink_of("/b"), 3);
	/* Up to the root. */
	EXPECT_EQ(do_rename("/b/renamed/deep", "/deep"), 0);
	EXPECT_EQ(nlink_of("/b/renamed"), 2);
	EXPECT_EQ(nlink_of("/"), 6);
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_stat("/a", "Links: "), 2);
	EXPECT_EQ(debugfs_stat("/b", "Links: "), 3);
	EXPECT_EQ(debugfs_stat("/", "Links: "), 6);
}

/* Renaming over a file drops one of its links; the last one frees it. */
static void rename_over_file(void)
{
	unsigned long free0, ifree0;

	EXPECT_EQ(setup("-b 4096", 32), 0);
	EXPECT_EQ(do_mkdir("/a"), 0);
	EXPECT_EQ(do_mkdir("/b"), 0);
	free0 = free_blocks();
	ifree0 = free_inodes();
	EXPECT_EQ(make_file("/b/old", "old data", 8), 0);
	EXPECT_EQ(do_link("/b/old", "/b/other"), 0);
	EXPECT_EQ(make_file("/a/new", "new", 3), 0);
	EXPECT_EQ(do_rename("/a/new", "/b/old"), 0);
	EXPECT_OK(check_file("/b/old", (u8 *)"new", 3));
	EXPECT_OK(check_file("/b/other", (u8 *)"old data", 8));
	EXPECT_EQ(nlink_of("/b/other"), 1);
	EXPECT_EQ(nlink_of("/b/old"), 1);
	EXPECT_EQ(free_inodes(), ifree0 - 2);

	/* Now over its last link: the old inode and block are freed. */
	EXPECT_EQ(do_rename("/b/old", "/b/other"), 0);
	EXPECT(!exists("/b/old"));
	EXPECT_OK(check_file("/b/other", (u8 *)"new", 3));
	EXPECT_EQ(free_inodes(), ifree0 - 1);
	EXPECT_EQ(free_blocks(), free0 - 1);
	/* Over a file in another directory, and a name onto itself. */
	EXPECT_EQ(make_file("/a/third", "3", 1), 0);
	EXPECT_EQ(do_rename("/b/other", "/a/third"), 0);
	EXPECT_EQ(do_link("/a/third", "/a/same"), 0);
	EXPECT_EQ(do_rename("/a/third", "/a/same"), 0);	/* one inode: nothing */
	EXPECT_EQ(nlink_of("/a/same"), 2);
	EXPECT_EQ(free_inodes(), ifree0 - 1);
	EXPECT_FINISH();
	EXPECT_OK(check_debugfs_cat("/a/same", (u8 *)"new", 3));
	EXPECT_EQ(debugfs_stat("/a/same", "Links: "), 2);
}

/* Renaming a directory over an empty one, and not over a full one. */
static void rename_dir_over_dir(void)
{
	unsigned long ifree0, used0, ino;
	struct inode *src;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_mkdir("/a"), 0);
	EXPECT_EQ(do_mkdir("/b"), 0);
	EXPECT_EQ(do_mkdir("/a/src"), 0);
	EXPECT_EQ(do_mkdir("/a/src/child"), 0);
	EXPECT_EQ(do_mkdir("/b/full"), 0);
	EXPECT_EQ(make_file("/b/full/x", "", 0), 0);
	ifree0 = free_inodes();
	used0 = used_dirs();
	EXPECT_EQ(do_mkdir("/b/empty"), 0);
	EXPECT_EQ(nlink_of("/b"), 4);

	EXPECT_EQ(do_rename("/a/src", "/b/full"), -ENOTEMPTY);
	EXPECT(exists("/a/src/child"));
	EXPECT(exists("/b/full/x"));
	EXPECT_EQ(do_rename("/a/src", "/b/file-not-dir"), 0);
	EXPECT_EQ(do_rename("/b/file-not-dir", "/a/src"), 0);
	EXPECT_EQ(do_rename("/a/src", "/b/full/x"), -ENOTDIR);

	ino = ino_of("/a/src");
	EXPECT_EQ(do_rename("/a/src", "/b/empty"), 0);
	EXPECT_EQ(ino_of("/b/empty"), ino);
	EXPECT_EQ(nlink_of("/a"), 2);
	EXPECT_EQ(nlink_of("/b"), 4);		/* lost the old empty's "..", got ours */
	EXPECT_EQ(free_inodes(), ifree0);	/* the old empty directory is gone */
	EXPECT_EQ(used_dirs(), used0);
	src = iget_path("/b/empty");
	EXPECT(src != NULL);
	EXPECT_EQ(ext2_inode_by_name(src, "..", 2), ino_of("/b"));
	iput(src);
	EXPECT(exists("/b/empty/child"));
	EXPECT_FINISH();
	EXPECT_EQ(debugfs_stat("/a", "Links: "), 2);
	EXPECT_EQ(debugfs_stat("/b", "Links: "), 4);
	EXPECT_EQ(debugfs_stat("/b/empty", "Links: "), 3);
}

static void rmdir_empty_and_not(void)
{
	unsigned long free0, ifree0, used0;
	struct inode *held;

	EXPECT_EQ(setup("-b 4096", 32), 0);
	free0 = free_blocks();
	ifree0 = free_inodes();
	used0 = used_dirs();
	EXPECT_EQ(do_mkdir("/d"), 0);
	EXPECT_EQ(do_mkdir("/d/sub"), 0);
	EXPECT_EQ(make_file("/d/sub/f", "f", 1), 0);
	EXPECT_EQ(used_dirs(), used0 + 2);
	EXPECT_EQ(do_rmdir("/d"), -ENOTEMPTY);
	EXPECT_EQ(do_rmdir("/d/sub"), -ENOTEMPTY);
	EXPECT_EQ(do_rmdir("/d/sub/f"), -ENOTDIR);
	EXPECT_EQ(do_unlink("/d/sub"), -EISDIR);
	EXPECT_EQ(do_unlink("/d/sub/f"), 0);
	EXPECT_EQ(do_rmdir("/d/sub"), 0);
	EXPECT_EQ(nlink_of("/d"), 2);
	EXPECT_EQ(nlink_of("/"), 4);

	/* rmdir of a directory someone still has (a cwd): freed at the last iput. */
	held = iget_path("/d");
	EXPECT(held != NULL);
	EXPECT_EQ(do_rmdir("/d"), 0);
	EXPECT_EQ(held->i_nlink, 0);
	EXPECT(IS_DEADDIR(held));
	EXPECT_EQ(free_inodes(), ifree0 - 1);
	iput(held);
	EXPECT_EQ(nlink_of("/"), 3);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(free_inodes(), ifree0);
	EXPECT_EQ(used_dirs(), used0);
	EXPECT_FINISH();
}

/* --- symlinks -------------------------------------------------------- */

/* Up to 59 bytes in i_block (fast), more in a block, at most bs - 1. */
static void symlinks(const char *opts, unsigned long bs)
{
	const int lens[] = { 1, 30, 59, 60, 200, bs - 1 };
	char *target = scratch(bs + 1), *got = scratch(bs + 1), path[32];
	unsigned long free0 = 0;
	struct inode *inode;
	unsigned int i;
	int len;

	EXPECT_EQ(setup(opts, 32), 0);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		memset(target, 'a' + i, lens[i]);
		target[lens[i]] = '\0';
		sprintf(path, "/l%d", lens[i]);
		free0 = free_blocks();
		EXPECT_EQ(do_symlink(target, path), 0);
		inode = iget_path(path);
		EXPECT(inode && S_ISLNK(inode->i_mode));
		EXPECT_EQ(inode->i_size, lens[i]);
		EXPECT_EQ(inode->i_blocks, lens[i] < 60 ? 0 : bs / 512);
		iput(inode);
		EXPECT_EQ(free_blocks(), free0 - (lens[i] < 60 ? 0 : 1));
		len = do_readlink(path, got, bs + 1);
		EXPECT_EQ(len, lens[i]);
		EXPECT(!memcmp(got, target, len));
		/* A short buffer gets the start. */
		EXPECT_EQ(do_readlink(path, got, 10), min(10, lens[i]));
		EXPECT(!memcmp(got, target, min(10, lens[i])));
	}
	memset(target, 'z', bs);
	target[bs] = '\0';
	EXPECT_EQ(do_symlink(target, "/too-long"), -ENAMETOOLONG);
	EXPECT(!exists("/too-long"));

	/* Unlinking a slow symlink gives its block back. */
	free0 = free_blocks();
	EXPECT_EQ(do_unlink("/l200"), 0);
	EXPECT_EQ(free_blocks(), free0 + 1);
	/* A link to a symlink is the symlink. */
	EXPECT_EQ(do_link("/l59", "/l59-too"), 0);
	EXPECT_EQ(nlink_of("/l59"), 2);
	EXPECT_FINISH();
	EXPECT(debugfs_says("stat /l59", "Fast link dest: \"ccc"));
	EXPECT_EQ(debugfs_stat("/l60", "Blockcount: "), bs / 512);
	EXPECT_EQ(debugfs_stat("/l59-too", "Links: "), 2);
}

static void symlinks_1k(void)
{
	symlinks("-b 1024", 1024);
}

static void symlinks_4k(void)
{
	symlinks("-b 4096", 4096);
}

/* --- a full filesystem ----------------------------------------------- */

/* Write to path from pos until the filesystem is full; the bytes written. */
static long fill_up(const char *path, loff_t pos, unsigned int seed)
{
	struct inode *inode = iget_path(path);
	const size_t chunk = 64 * KiB;
	u8 *buf = malloc(chunk);
	long total = 0;
	ssize_t n;

	if (!inode)
		return -ENOENT;
	do {
		fill(buf, chunk, seed, pos);
		n = write_at(inode, buf, chunk, pos);
		if (n > 0) {
			pos += n;
			total += n;
		}
	} while (n == (ssize_t)chunk);
	/* Full: the next write has nothing to give. */
	if (n >= 0)
		n = write_at(inode, buf, chunk, pos);
	iput(inode);
	free(buf);
	return n == -ENOSPC ? total : -EIO;
}

/*
 * Write until ENOSPC: the writes stop cleanly (a short count, then
 * -ENOSPC), nothing that needs a block can be made, and what needs none
 * can; e2fsck is happy with the full image.  Then free everything and
 * the counts are what they were.
 */
static void enospc(const char *opts, int mib, unsigned long bs, unsigned long groups)
{
	unsigned long free0, ifree0, used0;
	struct inode *inode;
	u8 *got = scratch(64 * KiB);
	long total, pos;
	char target[100];

	EXPECT_EQ(setup(opts, mib), 0);
	EXPECT_EQ(EXT2_SB(&sb)->groups_count, groups);
	free0 = free_blocks();
	ifree0 = free_inodes();
	used0 = used_dirs();
	EXPECT_EQ(do_mkdir("/d"), 0);
	EXPECT_EQ(do_create("/d/fill", 0644), 0);
	total = fill_up("/d/fill", 0, 11);
	EXPECT(total > 0);
	EXPECT_EQ(free_blocks(), 0);
	EXPECT_EQ(nlink_of("/d/fill"), 1);
	inode = iget_path("/d/fill");
	EXPECT(inode != NULL);
	EXPECT_EQ(inode->i_size, total);
	EXPECT_EQ(inode->i_blocks, (free0 - 1) * (bs / 512));	/* all but /d's block */
	EXPECT_EQ(EXT2_I(inode)->i_blocks, inode->i_blocks);
	for (pos = 0; pos < total; pos += 64 * KiB) {
		ssize_t n = read_at(inode, got, 64 * KiB, pos);

		EXPECT_EQ(n, min(64 * KiB, (unsigned long)(total - pos)));
		EXPECTF(mismatch(got, n, 11, pos) < 0, "byte %ld differs",
			pos + mismatch(got, n, 11, pos));
	}
	iput(inode);

	/* Nothing that needs a block; the inode is given back each time. */
	EXPECT_EQ(do_mkdir("/d/dir"), -ENOSPC);
	memset(target, 't', 99);
	target[99] = '\0';
	EXPECT_EQ(do_symlink(target, "/d/slow"), -ENOSPC);
	EXPECT_EQ(free_inodes(), ifree0 - 2);
	EXPECT_EQ(do_create("/d/empty", 0644), 0);	/* no block needed */
	EXPECT_EQ(write_path("/d/empty", "x", 1, 0), -ENOSPC);
	EXPECT_EQ(do_symlink("short", "/d/fast"), 0);
	EXPECT(!exists("/d/dir"));
	EXPECT(!exists("/d/slow"));
	EXPECT_OK(check_counts());
	EXPECT_OK(fsck());

	/* Free it all. */
	EXPECT_EQ(do_unlink("/d/fill"), 0);
	EXPECT_EQ(do_unlink("/d/empty"), 0);
	EXPECT_EQ(do_unlink("/d/fast"), 0);
	EXPECT_EQ(do_rmdir("/d"), 0);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_EQ(free_inodes(), ifree0);
	EXPECT_EQ(used_dirs(), used0);
	EXPECT_FINISH();
}

static void enospc_1k(void)
{
	enospc("-b 1024", 8, 1024, 1);
}

static void enospc_4k_two_groups(void)
{
	enospc("-b 4096 -g 4096", 32, 4096, 2);
}

/* Out of inodes: creates fail cleanly; unlinking them all restores the counts. */
static void enospc_inodes(void)
{
	unsigned long free0, ifree0;
	char path[64];
	int i, n, err = 0;

	EXPECT_EQ(setup("-b 1024 -N 600", 8), 0);
	free0 = free_blocks();
	ifree0 = free_inodes();
	EXPECT_EQ(do_mkdir("/d"), 0);
	for (n = 0; !err; n++) {
		sprintf(path, "/d/file-%d", n);
		err = do_create(path, 0644);
	}
	n--;
	EXPECT_EQ(err, -ENOSPC);
	EXPECT_EQ(n, ifree0 - 1);
	EXPECT_EQ(free_inodes(), 0);
	EXPECT_EQ(do_mkdir("/d2"), -ENOSPC);
	EXPECT_EQ(do_symlink("x", "/d/link"), -ENOSPC);
	EXPECT(!exists(path));
	EXPECT_OK(check_counts());
	EXPECT_OK(fsck());
	for (i = 0; i < n; i++) {
		sprintf(path, "/d/file-%d", i);
		EXPECT_EQ(do_unlink(path), 0);
	}
	EXPECT_EQ(do_rmdir("/d"), 0);
	EXPECT_EQ(free_inodes(), ifree0);
	EXPECT_EQ(free_blocks(), free0);
	EXPECT_FINISH();
}

/*
 * Leave exactly one free block: make a one-block file, fill the rest,
 * then unlink the small file.
 */
static int leave_one_free_block(void)
{
	u8 block[1024] = { 1 };

	if (make_file("/one", block, sizeof(block)) || do_create("/fill", 0644) ||
	    fill_up("/fill", 0, 12) <= 0 || free_blocks() != 0 || do_unlink("/one"))
		return -1;
	return free_blocks() == 1 ? 0 : -1;
}

/*
 * BUG (fs/ext2/inode.c:287-293 and 304, ext2_file_write_iter): the
 * first block of this write needs a new indirect block.  ext2_get_block()
 * takes the last free block for it (i_block[12] and the in-memory
 * i_blocks are updated) and then fails with -ENOSPC for the data block.
 * No byte was written, so write_iter skips ext2_write_inode(): the
 * on-disk i_blocks stays 24 while the inode now owns 13 blocks (26),
 * and e2fsck reports "i_blocks is 24, should be 26".
 * Input: 1 KiB blocks, a 12-block file, one free block, write 1 byte at
 * 12 KiB.
 */
static void enospc_write_needs_indirect_block(void)
{
	u8 *data = scratch(12 * KiB);
	struct inode *inode;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(make_file("/f", data, 12 * KiB), 0);
	EXPECT_EQ(leave_one_free_block(), 0);
	inode = iget_path("/f");
	EXPECT(inode != NULL);
	EXPECT_EQ(write_at(inode, "x", 1, 12 * KiB), -ENOSPC);
	EXPECT_EQ(inode->i_size, 12 * KiB);
	EXPECT_EQ(EXT2_I(inode)->i_blocks, inode->i_blocks);
	iput(inode);
	EXPECT_FINISH();
}

/*
 * BUG (fs/ext2/dir.c:147-149, ext2_add_link): the same for a directory
 * that fills its 12 direct blocks.  The new entry needs block 12;
 * ext2_get_block() allocates the indirect block, fails on the data
 * block, and add_link returns -ENOSPC without writing the directory's
 * inode: its on-disk i_blocks misses the indirect block.
 */
static void enospc_dir_needs_indirect_block(void)
{
	char path[300];
	struct inode *dir;
	int i;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_mkdir("/d"), 0);
	/* 208-byte entries: 4 a block, 48 fill the 12 direct blocks. */
	for (i = 0; i < 48; i++) {
		sprintf(path, "/d/%0200d", i);
		EXPECT_EQ(do_create(path, 0644), 0);
	}
	dir = iget_path("/d");
	EXPECT(dir != NULL);
	EXPECT_EQ(dir->i_size, 12 * KiB);
	EXPECT_EQ(leave_one_free_block(), 0);
	sprintf(path, "/d/%0200d", i);
	EXPECT_EQ(do_create(path, 0644), -ENOSPC);
	EXPECT_EQ(dir->i_size, 12 * KiB);
	EXPECT_EQ(EXT2_I(dir)->i_blocks, dir->i_blocks);
	iput(dir);
	EXPECT_FINISH();
}

/* --- an htree directory ---------------------------------------------- */

/*
 * e2fsck -D gives a large directory an htree index (dir_index).  This
 * kernel reads it as a plain directory, and its first change drops the
 * index flag; e2fsck must accept the result.
 */
static void htree_directory(void)
{
	char out[4096], path[300], name[100];
	struct inode *dir;
	int i;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_mkdir("/big"), 0);
	for (i = 0; i < 400; i++) {
		sprintf(path, "/big/file-with-a-longish-name-%d", i);
		EXPECT_EQ(do_create(path, 0644), 0);
	}
	EXPECT_FINISH();
	EXPECT(shell(out, sizeof(out), NULL, "e2fsck -fyD %s 2>&1", img_path) <= 1);
	EXPECT_EQ(load_image(), 0);
	EXPECT_EQ(mount_image(), 0);
	dir = iget_path("/big");
	EXPECT(dir != NULL);
	EXPECT(EXT2_I(dir)->i_flags & EXT2_INDEX_FL);
	for (i = 0; i < 400; i++) {
		sprintf(name, "file-with-a-longish-name-%d", i);
		EXPECTF(ext2_inode_by_name(dir, name, strlen(name)) > 0, "%s not found", name);
	}
	EXPECT_EQ(do_create("/big/new", 0644), 0);
	EXPECT(!(EXT2_I(dir)->i_flags & EXT2_INDEX_FL));
	for (i = 0; i < 400; i += 3) {
		sprintf(path, "/big/file-with-a-longish-name-%d", i);
		EXPECT_EQ(do_unlink(path), 0);
	}
	for (i = 0; i < 50; i++) {
		sprintf(path, "/big/%d", i);
		EXPECT_EQ(do_create(path, 0644), 0);
	}
	for (i = 0; i < 400; i++) {
		sprintf(name, "file-with-a-longish-name-%d", i);
		EXPECT_EQ(ext2_inode_by_name(dir, name, strlen(name)) > 0, i % 3 != 0);
	}
	iput(dir);
	EXPECT_FINISH();
}

/* --- corrupt images -------------------------------------------------- */

/*
 * Run fn in a child process, so that a crash is reported as this case's
 * failure instead of ending the test program.  The child's stderr (with
 * a sanitizer's report) goes to OUT/<case>.err.  NULL if fn returned
 * NULL, else what fn returned or how the child crashed.
 */
static const char *in_child(const char *(*fn)(void))
{
	char err_path[300], line[512], *first = NULL;
	const char *err;
	int status, fd;
	FILE *f;
	pid_t pid;

	snprintf(err_path, sizeof(err_path), "%s/%s.err", OUT, case_name);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return wrong("fork failed");
	if (pid == 0) {
		fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		alarm(60);
		err = fn();
		if (err)
			fprintf(stderr, "failed: %s\n", err);
		_exit(err ? 3 : 0);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		unlink(err_path);
		return NULL;
	}
	/* The first line that says what went wrong: fn's, or the sanitizer's. */
	f = fopen(err_path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "failed: ") == line || strstr(line, "runtime error:") ||
		    strstr(line, "ERROR: ")) {
			line[strcspn(line, "\n")] = '\0';
			first = line;
			break;
		}
	if (f)
		fclose(f);
	if (WIFSIGNALED(status))
		return wrong("crashed: signal %d (see %s)", WTERMSIG(status), err_path);
	if (WEXITSTATUS(status) == 3 && first)
		return wrong("%s", first + strlen("failed: "));
	return wrong("crashed: %s (see %s)", first ? first : "no sanitizer report", err_path);
}

/* A regular file whose first block pointer points past the filesystem. */
static const char *write_to_bad_pointer(void)
{
	struct inode *inode;
	ssize_t n;

	if (mount_image())
		return "mount failed";
	inode = iget_path("/f");
	if (!inode)
		return "no /f";
	n = write_at(inode, "new data", 8, 0);
	iput(inode);
	if (n != -EIO)
		return wrong("write returned %zd, expected -EIO", n);
	return NULL;
}

/*
 * BUG (fs/ext2/inode.c:155-156 and 294, ext2_get_block and
 * ext2_file_write_iter): a block pointer already in an inode is
 * returned without a check that it lies inside the filesystem (the
 * indirect blocks on the way are checked, the last one is not).  read
 * treats it as a hole because ext2_block_ptr() says NULL, but write
 * copies to ext2_block_ptr(...) + off without looking: a NULL pointer
 * write.  Input: a 1 KiB-block image whose file /f has i_block[0] =
 * 0x7fffffff; write 8 bytes at 0.  Expected -EIO.
 */
static void corrupt_block_pointer_write(void)
{
	unsigned long ino;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(make_file("/f", "old data", 8), 0);
	ino = ino_of("/f");
	EXPECT_FINISH();
	image_inode(ino)->i_block[0] = 0x7fffffff;
	EXPECT_OK(in_child(write_to_bad_pointer));
}

/* The workload for a corrupted image: it may fail, but not crash or hang. */
static const char *poke_around(void)
{
	static u8 buf[64 * KiB];
	struct listing l = { 0 };
	char path[300];
	struct inode *inode;
	int i, n;

	if (mount_image())
		return NULL;		/* refused: fine */
	n = list_dir(sb.s_root->d_inode, &l, 100);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/%s", l.names[i]);
		if (!strcmp(l.names[i], ".") || !strcmp(l.names[i], ".."))
			continue;
		inode = iget_path(path);
		if (!inode)
			continue;
		if (S_ISREG(inode->i_mode)) {
			read_at(inode, buf, sizeof(buf), 0);
			write_at(inode, buf, 3000, 500);
			ext2_truncate(inode, 1000);
		} else if (S_ISLNK(inode->i_mode)) {
			do_readlink(path, (char *)buf, 4096);
		}
		iput(inode);
	}
	do_create("/new", 0644);
	write_path("/new", buf, sizeof(buf), 0);
	do_mkdir("/newdir");
	do_rename("/new", "/newdir/new");
	do_symlink("target", "/newlink");
	do_unlink("/newdir/new");
	do_rmdir("/newdir");
	do_unlink("/dir/file");
	return NULL;
}

/*
 * Random bytes changed in the superblock, the group descriptors, the
 * root inode and the root directory's block; whatever ext2_fill_super()
 * accepts must be safe to use (ASan checks every access).  A failure
 * names the bytes changed (offsets in the image).
 *
 * BUG: this fails while group descriptors are not checked (see
 * refuse_bitmap_outside_group): with byte 2048, the low byte of group
 * 0's bg_block_bitmap, changed from 0x22 to 0x74, the "bitmap" is a
 * block of the inode table, the allocator hands out block 1 (the
 * superblock) and zeroes it, and the write that follows copies to a NULL
 * block pointer (see corrupt_block_pointer_write).
 */
static void corrupt_metadata_fuzz(void)
{
	u8 *base = scratch(8 * MiB);
	unsigned long root_block, where[3], off;
	char changes[200];
	const char *err;
	int round, k, n;

	EXPECT_EQ(setup("-b 1024", 8), 0);
	EXPECT_EQ(do_mkdir("/dir"), 0);
	EXPECT_EQ(make_file("/dir/file", base, 20 * KiB), 0);
	EXPECT_EQ(make_file("/file", base, 300 * KiB), 0);
	EXPECT_EQ(do_symlink("dir/file", "/link"), 0);
	EXPECT_FINISH();
	EXPECT_EQ(image_size, 8 * MiB);
	memcpy(base, image, image_size);
	root_block = image_inode(EXT2_ROOT_INO)->i_block[0];
	where[0] = 1024;			/* the superblock's fields in use */
	where[1] = 2048;			/* group descriptor 0 */
	where[2] = (u8 *)image_inode(EXT2_ROOT_INO) - image;

	unit_srand(2);
	for (round = 0; round < 300; round++) {
		memcpy(image, base, image_size);
		changes[0] = '\0';
		n = 1 + unit_rand_below(3);
		for (k = 0; k < n; k++) {
			switch (unit_rand_below(4)) {
			case 0:
				off = where[0] + unit_rand_below(104);
				break;
			case 1:
				off = where[1] + unit_rand_below(32);
				break;
			case 2:
				off = where[2] + unit_rand_below(128);
				break;
			default:		/* the root directory's first block */
				off = root_block * 1024 + unit_rand_below(1024);
				break;
			}
			image[off] = unit_rand();
			snprintf(changes + strlen(changes), sizeof(changes) - strlen(changes),
				 " byte %lu: 0x%02x -> 0x%02x", off, base[off], image[off]);
		}
		err = in_child(poke_around);
		EXPECTF(!err, "round %d,%s: %s", round, changes, err);
	}
}

/* --- main ------------------------------------------------------------ */

#define CASE(fn)	do { case_name = #fn; RUN(fn); cleanup(); } while (0)

int main(void)
{
	char out[4096];

	setenv("DEBUGFS_PAGER", "__none__", 1);
	if (shell(out, sizeof(out), NULL, "mkdir -p %s 2>&1", OUT) || make_stage()) {
		printf("FAIL unit/ext2/setup: cannot make %s: %s\n", STAGE, out);
		return 1;
	}
	if (shell(out, sizeof(out), NULL, "{ mke2fs -V && e2fsck -V && debugfs -V; } 2>&1")) {
		printf("FAIL unit/ext2/setup: needs mke2fs, e2fsck and debugfs: %s\n", out);
		return 1;
	}

	CASE(mount_1k);
	CASE(mount_1k_4_groups);
	CASE(mount_4k);
	CASE(mount_4k_128_byte_inodes);

	CASE(refuse_bad_magic);
	CASE(refuse_image_too_small);
	CASE(refuse_extents);
	CASE(refuse_huge_file);
	CASE(refuse_block_size_8k);
	CASE(refuse_blocks_count_beyond_image);
	CASE(refuse_truncated_image);
	CASE(refuse_zero_inodes_per_group);
	CASE(refuse_bad_inode_size);
	CASE(refuse_root_not_dir);
	CASE(refuse_root_without_links);
	CASE(refuse_blocks_per_group_too_big);
	CASE(refuse_inodes_per_group_too_big);
	CASE(refuse_bitmap_outside_group);

	CASE(read_populated_1k);
	CASE(read_populated_4k);
	CASE(modify_populated_1k);

	CASE(write_through_indirect_1k);
	CASE(write_through_indirect_4k);
	CASE(holes_and_segments_4k);
	CASE(sparse_triple_indirect_1k);
	CASE(truncate_shrink_grow_1k);
	CASE(truncate_shrink_grow_4k);
	CASE(truncate_to_zero_4k);
	CASE(truncate_beyond_largest_file_1k);
	CASE(large_file_sets_feature);

	CASE(many_entries_1k);
	CASE(many_entries_4k);
	CASE(htree_directory);

	CASE(link_and_unlink);
	CASE(unlink_open_file);
	CASE(rename_file_between_dirs);
	CASE(rename_dir_between_dirs);
	CASE(rename_over_file);
	CASE(rename_dir_over_dir);
	CASE(rmdir_empty_and_not);

	CASE(symlinks_1k);
	CASE(symlinks_4k);

	CASE(enospc_1k);
	CASE(enospc_4k_two_groups);
	CASE(enospc_inodes);
	CASE(enospc_write_needs_indirect_block);
	CASE(enospc_dir_needs_indirect_block);

	CASE(corrupt_block_pointer_write);
	CASE(corrupt_metadata_fuzz);
	return unit_exit_status();
}
