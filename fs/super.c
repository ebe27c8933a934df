/*
 * Mounting at boot: the ext2 image GRUB loaded becomes / (and the block
 * device /dev/ram0), then /dev is mounted on it.
 * Linux: fs/super.c, init/do_mounts.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/mount.h"
#include "fs/super.h"
#include "fs/proc.h"
#include "fs/ext2/ext2_fs.h"
#include "drivers/brd.h"

int mount_root(void *image, size_t size)
{
	static struct super_block sb;
	int err = ext2_fill_super(&sb, image, size);

	if (err)
		return err;
	sb.s_dev = RAMDISK_MAJOR << 8;		/* st_dev: the RAM disk, 1:0 */
	brd_init(image, size);
	return do_mount_root(&sb, "/dev/ram0", "ext2");
}

void mount_tmpfs(void)
{
	struct super_block *sb = tmpfs_super();
	int err = sb ? do_mount(sb, "/tmp", "tmpfs", "tmpfs") : -ENOMEM;

	if (err)
		pr_warn("tmpfs: cannot mount on /tmp (error %d)\n", err);
}

void mount_proc(void)
{
	struct super_block *sb = proc_super();
	int err = sb ? do_mount(sb, "/proc", "proc", "proc") : -ENOMEM;

	if (err)
		pr_warn("proc: cannot mount on /proc (error %d)\n", err);
}

void mount_devfs(void)
{
	int err = do_mount(devfs_super(), "/dev", "devtmpfs", "devtmpfs");

	if (err)
		pr_warn("devtmpfs: cannot mount on /dev (error %d): mkdir /dev in the image\n",
			err);
}
