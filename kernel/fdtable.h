#ifndef KERNEL_FDTABLE_H
#define KERNEL_FDTABLE_H

/*
 * The per-task descriptor table.  A descriptor is an index into fd[];
 * open_fds marks the ones in use, close_on_exec the ones execve closes.
 * The table starts with NR_OPEN_DEFAULT slots and doubles as needed, up
 * to the RLIMIT_NOFILE limit.  Linux: include/linux/fdtable.h, fs/file.c.
 */
#ifdef __KERNEL__
#include "kernel/types.h"
#else
#include <stdbool.h>
#include <stddef.h>
#endif

#define NR_OPEN_DEFAULT		64	/* BITS_PER_LONG, as Linux */
#define INR_OPEN_CUR		1024	/* RLIMIT_NOFILE soft default */
#define INR_OPEN_MAX		4096	/* RLIMIT_NOFILE hard default */
#define NR_OPEN			1048576	/* the most RLIMIT_NOFILE can be */

struct file;

struct fdtable {
	unsigned int max_fds;		/* slots in fd[] */
	struct file **fd;
	unsigned long *open_fds;
	unsigned long *close_on_exec;
};

struct files_struct {
	int count;			/* tasks sharing this table (CLONE_FILES) */
	struct fdtable fdt;
	unsigned int next_fd;		/* no free descriptor below this one */
	unsigned long nofile_cur;	/* RLIMIT_NOFILE: soft */
	unsigned long nofile_max;	/*                hard */
};

struct files_struct *files_alloc(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);

/* Reserve the lowest free descriptor >= start; -EMFILE / -ENOMEM. */
int alloc_fd(struct files_struct *files, unsigned int start, unsigned int flags);
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
/* Consumes the caller's reference to file. */
void fd_install(unsigned int fd, struct file *file);
/* Take a reference to the file behind fd, NULL if fd is not open. */
struct file *fget(unsigned int fd);
int close_fd(unsigned int fd);
void do_close_on_exec(struct files_struct *files);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

/* Make room for descriptor fd (the caller checked the limit). */
int expand_files(struct files_struct *files, unsigned int fd);
bool fd_reserved(struct files_struct *files, unsigned int fd);
void fd_mark_open(struct files_struct *files, unsigned int fd, bool cloexec);

/* Pure helpers over the bitmaps, shared with tests/unit. */
unsigned int find_next_zero_bit_ul(const unsigned long *map, unsigned int size,
				   unsigned int start);

#endif
