/*
 * Pipes: pipe(2), pipe2(2) and the file operations of both ends.
 *
 * The data sits in a ring of PIPE_DEF_BUFFERS page-sized slots (see
 * fs/pipe.h).  A writer appends the start of a write to the newest slot
 * when it fits there whole, and puts the rest in fresh slots, a page
 * each.  So a write of at most PIPE_BUF (one page) bytes always lands in
 * one slot, whole: it is atomic.  A reader empties slots from the oldest.
 * This is Linux's layout, so a pipe holds exactly what it holds on Linux.
 *
 * No lock: the kernel is not preemptible, so pipe code runs undisturbed
 * until it sleeps in wait_event_interruptible, and it re-checks the
 * state after every sleep.  Interrupts never touch a pipe.
 * Linux: fs/pipe.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/pipe.h"
#include "fs/poll.h"
#include "fs/syscalls.h"

#define FIONREAD	0x541b	/* ioctl: bytes ready to read (asm-generic/ioctls.h) */

static const struct file_operations pipefifo_fops;

static bool pipe_empty(const struct pipe_inode_info *pipe)
{
	return pipe->head == pipe->tail;
}

static bool pipe_full(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail >= PIPE_DEF_BUFFERS;
}

/* What a sleeping reader / writer waits for. */
static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return !pipe_empty(pipe) || !pipe->writers;
}

static bool pipe_writable(const struct pipe_inode_info *pipe)
{
	return !pipe_full(pipe) || !pipe->readers;
}

static struct pipe_buffer *pipe_slot(struct pipe_inode_info *pipe, unsigned int n)
{
	return &pipe->bufs[n % PIPE_DEF_BUFFERS];
}

/* Copy from the oldest slot; free the slot once it is empty. */
static ssize_t pipe_drain_slot(struct pipe_inode_info *pipe, struct iov_iter *to)
{
	struct pipe_buffer *buf = pipe_slot(pipe, pipe->tail);
	size_t chars = min((size_t)buf->len, iov_iter_count(to));

	/* On a fault nothing is consumed: the data stays for the next read. */
	if (copy_to_iter(buf->page + buf->offset, chars, to) < chars)
		return -EFAULT;
	buf->offset += chars;
	buf->len -= chars;
	if (!buf->len) {
		pipe->tail++;
		wake_up(&pipe->wr_wait);	/* a slot is free */
	}
	return chars;
}

static ssize_t pipe_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	ssize_t ret = 0;
	int err;

	for (;;) {
		while (iov_iter_count(to) && !pipe_empty(pipe)) {
			ssize_t n = pipe_drain_slot(pipe, to);

			if (n < 0)
				return ret ? ret : n;
			ret += n;
		}
		/* Some data, or end of file: no writer left and nothing to read. */
		if (ret || !pipe->writers)
			return ret;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe));
		if (err)
			return err;
	}
}

/*
 * The start of a write goes into the newest slot if the write's last
 * partial page fits there: small writes share pages, and the rest of a
 * large write is page aligned.  Returns the bytes taken, maybe 0.
 */
static ssize_t pipe_merge(struct pipe_inode_info *pipe, struct iov_iter *from)
{
	size_t chars = iov_iter_count(from) % PAGE_SIZE;
	struct pipe_buffer *buf = pipe_slot(pipe, pipe->head - 1);

	if (!chars || pipe_empty(pipe) || buf->offset + buf->len + chars > PAGE_SIZE)
		return 0;
	if (copy_from_iter(buf->page + buf->offset + buf->len, chars, from) < chars)
		return -EFAULT;
	buf->len += chars;
	wake_up(&pipe->rd_wait);
	return chars;
}

/* Fill the next free slot with up to a page. */
static ssize_t pipe_fill_slot(struct pipe_inode_info *pipe, struct iov_iter *from)
{
	struct pipe_buffer *buf = pipe_slot(pipe, pipe->head);
	size_t n;

	if (!buf->page)
		buf->page = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!buf->page)
		return -ENOMEM;
	n = copy_from_iter(buf->page, PAGE_SIZE, from);
	/* A bad address part-way: as Linux, keep nothing of this page. */
	if (n < PAGE_SIZE && iov_iter_count(from))
		return -EFAULT;
	buf->offset = 0;
	buf->len = n;
	pipe->head++;
	wake_up(&pipe->rd_wait);
	return n;
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	ssize_t ret = 0;
	int err;

	if (pipe->readers) {
		ret = pipe_merge(pipe, from);
		if (ret < 0)
			return ret;
	}
	while (iov_iter_count(from)) {
		if (!pipe->readers) {
			/* Nobody will ever read this: SIGPIPE (which kills
			 * the writer unless it ignores or blocks it), EPIPE. */
			send_signal(current, SIGPIPE);
			return ret ? ret : -EPIPE;
		}
		if (!pipe_full(pipe)) {
			ssize_t n = pipe_fill_slot(pipe, from);

			if (n < 0)
				return ret ? ret : n;
			ret += n;
			continue;
		}
		/* Full.  A large write may return having written part of it. */
		if (f->f_flags & O_NONBLOCK)
			return ret ? ret : -EAGAIN;
		err = wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe));
		if (err)
			return ret ? ret : err;
	}
	return ret;
}

static unsigned int pipe_poll(struct file *f, poll_table *wait)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ) {
		poll_wait(f, &pipe->rd_wait, wait);
		if (!pipe_empty(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		poll_wait(f, &pipe->wr_wait, wait);
		if (!pipe_full(pipe))	/* a free slot: PIPE_BUF bytes fit */
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int n;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	for (n = pipe->tail; n != pipe->head; n++)
		count += pipe_slot(pipe, n)->len;
	return put_user(count, (int __user *)arg);
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	int i;

	for (i = 0; i < PIPE_DEF_BUFFERS; i++)
		if (pipe->bufs[i].page)
			free_page((unsigned long)pipe->bufs[i].page);
	kfree(pipe);
}

/* The last fput of one end's struct file. */
static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	/* The other side may be asleep: now it sees EOF, EPIPE, POLLHUP, POLLERR. */
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	if (--pipe->files == 0)
		free_pipe_info(pipe);
	return 0;
}

/* No llseek and no FMODE_LSEEK: lseek, pread and pwrite give ESPIPE. */
static const struct file_operations pipefifo_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
};

#define PIPEFS_MAGIC	0x50495045

static int pipefs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = PIPEFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = 255;
	return 0;
}

static const struct super_operations pipefs_ops = {
	.statfs = pipefs_statfs,
};

/* Linux's pipefs: the superblock pipe inodes belong to (fstatfs sees it). */
static struct super_block pipefs_sb = {
	.s_blocksize = PAGE_SIZE,
	.s_magic = PIPEFS_MAGIC,
	.s_op = &pipefs_ops,
	.s_inodes = LIST_HEAD_INIT(pipefs_sb.s_inodes),
	.s_dev = 12,		/* an anonymous device number */
};

/* An inode of its own, as on Linux, where fstat shows a FIFO and /proc pipe:[ino]. */
static struct inode *get_pipe_inode(void)
{
	static unsigned long last_ino;
	struct inode *inode = new_inode(&pipefs_sb);
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!inode || !pipe) {
		kfree(pipe);
		iput(inode);
		return NULL;
	}
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_ino = ++last_ino;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	inode->i_fop = &pipefifo_fops;
	inode->i_private = pipe;
	return inode;
}

static struct file *alloc_pipe_file(struct inode *inode, unsigned int flags)
{
	struct file *f = alloc_file(inode, flags, &pipefifo_fops);

	if (f) {
		f->f_mode &= ~FMODE_LSEEK;	/* a stream: no file position */
		f->private_data = inode->i_private;
	}
	return f;
}

/* res[0] reads, res[1] writes; each holds one reference to the inode. */
static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode();
	struct pipe_inode_info *pipe;

	if (!inode)
		return -ENFILE;
	pipe = inode->i_private;
	res[1] = alloc_pipe_file(inode, O_WRONLY | (flags & O_NONBLOCK));
	if (!res[1]) {
		free_pipe_info(pipe);
		iput(inode);
		return -ENFILE;
	}
	res[0] = alloc_pipe_file(igrab(inode), O_RDONLY | (flags & O_NONBLOCK));
	if (!res[0]) {
		iput(inode);
		pipe->files--;		/* the read end never existed... */
		fput(res[1]);		/* ...so this frees the pipe and the inode */
		return -ENFILE;
	}
	return 0;
}

/*
 * Linux also takes O_DIRECT (packet mode) and O_NOTIFICATION_PIPE; this
 * kernel does not offer them yet, so they are -EINVAL like unknown flags.
 */
static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2];
	int err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = err = get_unused_fd_flags(flags);
	if (err < 0)
		goto out_files;
	fd[1] = err = get_unused_fd_flags(flags);
	if (err < 0)
		goto out_fd0;
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		err = -EFAULT;
		put_unused_fd(fd[1]);
		goto out_fd0;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;

out_fd0:
	put_unused_fd(fd[0]);
out_files:
	fput(files[0]);
	fput(files[1]);
	return err;
}

long sys_pipe2(int __user *fildes, int flags)
{
	return do_pipe2(fildes, flags);
}

long sys_pipe(int __user *fildes)
{
	return do_pipe2(fildes, 0);
}
