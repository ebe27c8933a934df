/*
 * struct file: one open instance of an inode.  Reference counted: every
 * descriptor that points at it (dup shares one) holds a reference, and
 * the last fput() calls the driver's release.  Linux: fs/file_table.c.
 */
#include "kernel/kernel.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/mount.h"

struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_op = fop;
	f->f_inode = inode;
	f->f_flags = flags;
	f->f_count = 1;
	if ((flags & O_ACCMODE) != O_WRONLY)
		f->f_mode |= FMODE_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		f->f_mode |= FMODE_WRITE;
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	iput(f->f_inode);
	kfree(f);
}
