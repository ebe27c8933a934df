/*
 * /dev: a fixed set of device nodes, each an inode whose file operations
 * are the device's driver.  (Linux's devtmpfs is a tmpfs that drivers
 * fill in; here the table is static and nodes cannot be created.)
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/dcache.h"
#include "fs/super.h"
#include "fs/syscalls.h"
#include "drivers/brd.h"
#include "drivers/mem.h"
#include "drivers/tty.h"

#define DEVFS_MAGIC	0x1373		/* DEVFS_SUPER_MAGIC */
#define MKDEV(ma, mi)	((ma) << 8 | (mi))

struct devfs_node {
	const char *name;
	umode_t mode;
	u32 rdev;
	const struct file_operations *fops;
	struct inode inode;
};

static struct devfs_node nodes[] = {
	{ .name = "console", .mode = S_IFCHR | 0600, .rdev = MKDEV(5, 1), .fops = &console_fops },
	{ .name = "null", .mode = S_IFCHR | 0666, .rdev = MKDEV(1, 3), .fops = &null_fops },
	{ .name = "zero", .mode = S_IFCHR | 0666, .rdev = MKDEV(1, 5), .fops = &zero_fops },
	{ .name = "ram0", .mode = S_IFBLK | 0660, .rdev = MKDEV(RAMDISK_MAJOR, 0), .fops = &brd_fops },
	{ .name = "tty", .mode = S_IFCHR | 0666, .rdev = MKDEV(5, 0), .fops = &console_fops },
};

static struct super_block devfs_sb;
static struct inode devfs_root;

static int devfs_lookup(struct inode *dir, struct dentry *dentry)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nodes); i++)
		if ((int)strlen(nodes[i].name) == dentry->d_len &&
		    !memcmp(nodes[i].name, dentry->d_name, dentry->d_len)) {
			d_instantiate(dentry, igrab(&nodes[i].inode));
			return 0;
		}
	return 0;
}

/* Positions: 0 ".", 1 "..", 2.. the nodes. */
static int devfs_readdir(struct file *f, struct dir_context *ctx)
{
	while (ctx->pos < 2 + (loff_t)ARRAY_SIZE(nodes)) {
		loff_t i = ctx->pos;
		bool more;

		if (i < 2)
			more = ctx->actor(ctx, i ? ".." : ".", i + 1, i + 1, devfs_root.i_ino, DT_DIR);
		else
			more = ctx->actor(ctx, nodes[i - 2].name, strlen(nodes[i - 2].name),
					  i + 1, nodes[i - 2].inode.i_ino,
					  S_ISBLK(nodes[i - 2].mode) ? DT_BLK : DT_CHR);
		if (!more)
			return 0;
		ctx->pos = i + 1;
	}
	return 0;
}

static const struct inode_operations devfs_dir_iops = {
	.lookup = devfs_lookup,
};

static const struct file_operations devfs_dir_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = devfs_readdir,
};

static int devfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = DEVFS_MAGIC;
	buf->f_bsize = 4096;
	buf->f_namelen = 255;
	return 0;
}

static const struct super_operations devfs_sops = {
	.statfs = devfs_statfs,
};

static void init_inode(struct inode *inode, unsigned long ino, umode_t mode)
{
	inode->i_ino = ino;
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_count = 1;		/* never freed */
	inode->i_sb = &devfs_sb;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	INIT_LIST_HEAD(&inode->i_sb_list);
}

struct super_block *devfs_super(void)
{
	unsigned int i;

	devfs_sb.s_blocksize = 4096;
	devfs_sb.s_magic = DEVFS_MAGIC;
	devfs_sb.s_op = &devfs_sops;
	devfs_sb.s_dev = 5;		/* an anonymous device number */
	INIT_LIST_HEAD(&devfs_sb.s_inodes);
	init_inode(&devfs_root, 1, S_IFDIR | 0755);
	devfs_root.i_op = &devfs_dir_iops;
	devfs_root.i_fop = &devfs_dir_fops;
	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		struct inode *inode = &nodes[i].inode;

		init_inode(inode, 2 + i, nodes[i].mode);
		inode->i_rdev = nodes[i].rdev;
		inode->i_fop = nodes[i].fops;
		if (nodes[i].fops == &brd_fops)
			inode->i_size = brd_size();
	}
	devfs_sb.s_root = d_make_root(&devfs_root);
	return &devfs_sb;
}
