/*
 * Descriptor tables: allocate the lowest free descriptor, install a file
 * in it, look it up, close it, copy the table for fork.
 * Linux: fs/file.c (alloc_fd, fd_install, expand_files, dup_fd).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/fdtable.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

#define BITS_PER_LONG	64
#define BITMAP_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static bool fd_is_set(const unsigned long *map, unsigned int fd)
{
	return (map[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG)) & 1;
}

static void fd_set_bit(unsigned long *map, unsigned int fd, bool on)
{
	if (on)
		map[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
	else
		map[fd / BITS_PER_LONG] &= ~(1UL << (fd % BITS_PER_LONG));
}

unsigned int find_next_zero_bit_ul(const unsigned long *map, unsigned int size,
				   unsigned int start)
{
	unsigned int i = start;

	while (i < size) {
		unsigned long word = map[i / BITS_PER_LONG];

		if (word == ~0UL && i % BITS_PER_LONG == 0) {
			i += BITS_PER_LONG;	/* a full word: skip it whole */
			continue;
		}
		if (!fd_is_set(map, i))
			return i;
		i++;
	}
	return size;
}

static void free_fdtable(struct fdtable *fdt)
{
	kfree(fdt->fd);
	kfree(fdt->open_fds);
	kfree(fdt->close_on_exec);
}

/* Give fdt room for nr descriptors, copying what it holds. */
static int resize_fdtable(struct fdtable *fdt, unsigned int nr)
{
	struct fdtable n = { nr, NULL, NULL, NULL };
	size_t words = BITMAP_LONGS(nr), old_words = BITMAP_LONGS(fdt->max_fds);

	n.fd = kzalloc(nr * sizeof(struct file *), GFP_KERNEL);
	n.open_fds = kzalloc(words * sizeof(long), GFP_KERNEL);
	n.close_on_exec = kzalloc(words * sizeof(long), GFP_KERNEL);
	if (!n.fd || !n.open_fds || !n.close_on_exec) {
		free_fdtable(&n);
		return -ENOMEM;
	}
	if (fdt->max_fds) {
		memcpy(n.fd, fdt->fd, fdt->max_fds * sizeof(struct file *));
		memcpy(n.open_fds, fdt->open_fds, old_words * sizeof(long));
		memcpy(n.close_on_exec, fdt->close_on_exec, old_words * sizeof(long));
		free_fdtable(fdt);
	}
	*fdt = n;
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	if (resize_fdtable(&files->fdt, NR_OPEN_DEFAULT)) {
		kfree(files);
		return NULL;
	}
	files->count = 1;
	files->nofile_cur = INR_OPEN_CUR;
	files->nofile_max = INR_OPEN_MAX;
	return files;
}

/* fork: a copy of the table whose descriptors share the same files. */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned int fd;

	if (!files)
		return NULL;
	if (old->fdt.max_fds > files->fdt.max_fds &&
	    resize_fdtable(&files->fdt, old->fdt.max_fds)) {
		put_files_struct(files);
		return NULL;
	}
	for (fd = 0; fd < old->fdt.max_fds; fd++) {
		struct file *f = old->fdt.fd[fd];

		/* A reserved but not yet installed slot stays free in the copy. */
		if (!f)
			continue;
		files->fdt.fd[fd] = get_file(f);
		fd_set_bit(files->fdt.open_fds, fd, true);
		fd_set_bit(files->fdt.close_on_exec, fd,
			   fd_is_set(old->fdt.close_on_exec, fd));
	}
	/* A slot reserved in the old table is free here: search from the lowest. */
	files->next_fd = find_next_zero_bit_ul(files->fdt.open_fds, files->fdt.max_fds, 0);
	files->nofile_cur = old->nofile_cur;
	files->nofile_max = old->nofile_max;
	return files;
}

void put_files_struct(struct files_struct *files)
{
	unsigned int fd;

	if (--files->count > 0)
		return;
	for (fd = 0; fd < files->fdt.max_fds; fd++)
		if (files->fdt.fd[fd])
			fput(files->fdt.fd[fd]);
	free_fdtable(&files->fdt);
	kfree(files);
}

/* Grow the table so that fd fits: double, within the limit. */
int expand_files(struct files_struct *files, unsigned int fd)
{
	unsigned int nr = files->fdt.max_fds;

	if (fd < nr)
		return 0;
	while (nr <= fd)
		nr *= 2;
	return resize_fdtable(&files->fdt, nr);
}

int alloc_fd(struct files_struct *files, unsigned int start, unsigned int flags)
{
	struct fdtable *fdt = &files->fdt;
	unsigned int fd = max(start, files->next_fd);
	int err;

	if (fd < fdt->max_fds)
		fd = find_next_zero_bit_ul(fdt->open_fds, fdt->max_fds, fd);
	if (fd >= files->nofile_cur)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	fd_set_bit(fdt->open_fds, fd, true);
	fd_set_bit(fdt->close_on_exec, fd, flags & O_CLOEXEC);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	return fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(current->files, 0, flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	fd_set_bit(files->fdt.open_fds, fd, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	__put_unused_fd(current->files, fd);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct fdtable *fdt = &current->files->fdt;

	BUG_ON(fd >= fdt->max_fds || fdt->fd[fd]);
	fdt->fd[fd] = file;
}

struct file *fget(unsigned int fd)
{
	struct fdtable *fdt = &current->files->fdt;

	if (fd >= fdt->max_fds || !fdt->fd[fd])
		return NULL;
	return get_file(fdt->fd[fd]);
}

static int __close_fd(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	if (fd >= files->fdt.max_fds || !(f = files->fdt.fd[fd]))
		return -EBADF;
	files->fdt.fd[fd] = NULL;
	fd_set_bit(files->fdt.close_on_exec, fd, false);
	__put_unused_fd(files, fd);
	fput(f);
	return 0;
}

int close_fd(unsigned int fd)
{
	return __close_fd(current->files, fd);
}

void do_close_on_exec(struct files_struct *files)
{
	unsigned int fd;

	for (fd = 0; fd < files->fdt.max_fds; fd++)
		if (fd_is_set(files->fdt.close_on_exec, fd) && files->fdt.fd[fd])
			__close_fd(files, fd);
}

bool get_close_on_exec(unsigned int fd)
{
	struct fdtable *fdt = &current->files->fdt;

	return fd < fdt->max_fds && fd_is_set(fdt->close_on_exec, fd);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct fdtable *fdt = &current->files->fdt;

	if (fd < fdt->max_fds)
		fd_set_bit(fdt->close_on_exec, fd, on);
}

/* A descriptor reserved by alloc_fd but not yet given a file. */
bool fd_reserved(struct files_struct *files, unsigned int fd)
{
	return fd < files->fdt.max_fds && fd_is_set(files->fdt.open_fds, fd);
}

/* dup2 installs at a chosen slot: mark it open (alloc_fd's bookkeeping). */
void fd_mark_open(struct files_struct *files, unsigned int fd, bool cloexec)
{
	fd_set_bit(files->fdt.open_fds, fd, true);
	fd_set_bit(files->fdt.close_on_exec, fd, cloexec);
}
