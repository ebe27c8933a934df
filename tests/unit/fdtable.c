/*
 * kernel/fdtable.c: per-task descriptor tables.
 *
 * Built with the kernel's own headers (-D__KERNEL__), except that
 * tests/unit/shim/kernel/sched.h stands in for kernel/sched.h.  This
 * file supplies what the rest of the kernel would: kmalloc/kzalloc/kfree
 * (malloc/calloc/free), fput() (counts calls), panic() (for BUG_ON:
 * print and abort) and `current`, a task whose ->files each case sets.
 */
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

#include <stdlib.h>

#define UNIT_FILE "fdtable"
#include "unit.h"

/* --- the kernel around fdtable.c ------------------------------------- */

static struct task_struct task;
struct task_struct *unit_current = &task;

static int allocs_until_failure = -1;	/* 0: the next kzalloc fails */

void *kmalloc(size_t size, unsigned int gfp)
{
	(void)gfp;
	return malloc(size);
}

void *kzalloc(size_t size, unsigned int gfp)
{
	(void)gfp;
	if (allocs_until_failure == 0)
		return NULL;
	if (allocs_until_failure > 0)
		allocs_until_failure--;
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

static int nr_fput;

void fput(struct file *f)
{
	nr_fput++;
	f->f_count--;
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

/* --- helpers --------------------------------------------------------- */

#define NR_FILES	(INR_OPEN_CUR + 100)

static struct file filp[NR_FILES];	/* filp[i] goes in descriptor i */
static struct files_struct *fs, *copy;	/* freed by the next setup() */

static void cleanup(void)
{
	if (fs) {
		fs->count = 1;
		put_files_struct(fs);
	}
	if (copy) {
		copy->count = 1;
		put_files_struct(copy);
	}
	fs = copy = NULL;
}

/* A fresh table as current's; every file has one reference. */
static void setup(void)
{
	int i;

	cleanup();
	fs = files_alloc();
	task.files = fs;
	for (i = 0; i < NR_FILES; i++)
		filp[i].f_count = 1;
	nr_fput = 0;
	allocs_until_failure = -1;
}

/* Open descriptors 0 .. n-1 with filp[0 .. n-1]; flags for each. */
static int open_n(int n, unsigned int flags)
{
	int i, fd;

	for (i = 0; i < n; i++) {
		fd = get_unused_fd_flags(flags);
		if (fd != i)
			return -1;
		fd_install(fd, &filp[fd]);
	}
	return 0;
}

static int bit(const unsigned long *map, unsigned int i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

/* --- the cases ------------------------------------------------------- */

static void lowest_free_first(void)
{
	setup();
	EXPECT(fs != NULL);
	EXPECT_EQ(fs->fdt.max_fds, NR_OPEN_DEFAULT);
	EXPECT_EQ(get_unused_fd_flags(0), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT_EQ(get_unused_fd_flags(0), 2);
	fd_install(0, &filp[0]);
	fd_install(1, &filp[1]);
	fd_install(2, &filp[2]);
	EXPECT_EQ(nr_fput, 0);
}

static void close_then_reuse_lowest(void)
{
	setup();
	EXPECT_EQ(open_n(5, 0), 0);
	EXPECT_EQ(close_fd(3), 0);
	EXPECT_EQ(close_fd(1), 0);
	EXPECT_EQ(nr_fput, 2);
	EXPECT_EQ(filp[1].f_count, 0);
	EXPECT_EQ(close_fd(1), -EBADF);
	EXPECT_EQ(close_fd(100000), -EBADF);
	EXPECT_EQ(nr_fput, 2);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT_EQ(get_unused_fd_flags(0), 3);
	EXPECT_EQ(get_unused_fd_flags(0), 5);
	/* Reserved but not installed: nothing to close. */
	EXPECT_EQ(close_fd(5), -EBADF);
}

static void put_unused_fd_frees_the_slot(void)
{
	setup();
	EXPECT_EQ(get_unused_fd_flags(0), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT_EQ(get_unused_fd_flags(0), 2);
	put_unused_fd(1);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	put_unused_fd(0);
	EXPECT_EQ(get_unused_fd_flags(0), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 3);
}

/* 64 slots, doubling as needed, up to the soft limit (1024), then EMFILE. */
static void growth_to_the_soft_limit(void)
{
	int i;

	setup();
	EXPECT_EQ(open_n(NR_OPEN_DEFAULT, 0), 0);
	set_close_on_exec(3, true);
	EXPECT_EQ(fs->fdt.max_fds, NR_OPEN_DEFAULT);
	EXPECT_EQ(get_unused_fd_flags(0), NR_OPEN_DEFAULT);
	fd_install(NR_OPEN_DEFAULT, &filp[NR_OPEN_DEFAULT]);
	EXPECT_EQ(fs->fdt.max_fds, 2 * NR_OPEN_DEFAULT);
	/* What was there survives the copy. */
	EXPECT(fget(5) == &filp[5]);
	filp[5].f_count--;
	EXPECT(get_close_on_exec(3));
	EXPECT(!get_close_on_exec(4));
	for (i = NR_OPEN_DEFAULT + 1; i < INR_OPEN_CUR; i++) {
		EXPECT_EQ(get_unused_fd_flags(0), i);
		fd_install(i, &filp[i]);
	}
	EXPECT_EQ(fs->fdt.max_fds, INR_OPEN_CUR);
	EXPECT_EQ(get_unused_fd_flags(0), -EMFILE);
	EXPECT_EQ(close_fd(700), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 700);
	EXPECT_EQ(get_unused_fd_flags(0), -EMFILE);
}

static void lowered_soft_limit(void)
{
	setup();
	fs->nofile_cur = 10;
	EXPECT_EQ(open_n(10, 0), 0);
	EXPECT_EQ(get_unused_fd_flags(0), -EMFILE);
	EXPECT_EQ(close_fd(4), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 4);
}

static void cloexec_flag(void)
{
	setup();
	EXPECT_EQ(get_unused_fd_flags(O_CLOEXEC), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT(get_close_on_exec(0));
	EXPECT(!get_close_on_exec(1));
	set_close_on_exec(1, true);
	set_close_on_exec(0, false);
	EXPECT(get_close_on_exec(1));
	EXPECT(!get_close_on_exec(0));
	/* Closing clears it; the slot comes back without it. */
	fd_install(1, &filp[1]);
	EXPECT_EQ(close_fd(1), 0);
	EXPECT(!get_close_on_exec(1));
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT(!get_close_on_exec(1));
	/* A slot freed with put_unused_fd takes the new flags too. */
	EXPECT_EQ(get_unused_fd_flags(O_CLOEXEC), 2);
	put_unused_fd(2);
	EXPECT_EQ(get_unused_fd_flags(0), 2);
	EXPECT(!get_close_on_exec(2));
}

static void do_close_on_exec_closes_exactly_those(void)
{
	int i, n = 0;

	setup();
	for (i = 0; i < 100; i++) {	/* past the first 64: a grown table */
		EXPECT_EQ(get_unused_fd_flags(i % 3 ? 0 : O_CLOEXEC), i);
		fd_install(i, &filp[i]);
		n += i % 3 == 0;
	}
	do_close_on_exec(fs);
	EXPECT_EQ(nr_fput, n);
	for (i = 0; i < 100; i++) {
		EXPECTF(filp[i].f_count == (i % 3 ? 1 : 0),
			"fd %d: f_count %ld", i, filp[i].f_count);
		EXPECTF(bit(fs->fdt.open_fds, i) == (i % 3 != 0),
			"fd %d: open bit %d", i, bit(fs->fdt.open_fds, i));
		EXPECTF(!bit(fs->fdt.close_on_exec, i), "fd %d: still cloexec", i);
	}
	EXPECT_EQ(get_unused_fd_flags(0), 0);
}

static void fget_takes_a_reference(void)
{
	setup();
	EXPECT_EQ(open_n(1, 0), 0);
	EXPECT(fget(0) == &filp[0]);
	EXPECT_EQ(filp[0].f_count, 2);
	filp[0].f_count--;
	EXPECT(fget(1) == NULL);
	EXPECT(fget(100000) == NULL);
	EXPECT_EQ(get_unused_fd_flags(0), 1);
	EXPECT(fget(1) == NULL);		/* reserved, not installed */
}

/* Old table: 0, 1, 2 (cloexec), 3 reserved only, 4. */
static void make_table_to_copy(void)
{
	setup();
	fs->nofile_cur = 500;
	get_unused_fd_flags(0);
	get_unused_fd_flags(0);
	get_unused_fd_flags(O_CLOEXEC);
	get_unused_fd_flags(0);
	get_unused_fd_flags(0);
	fd_install(0, &filp[0]);
	fd_install(1, &filp[1]);
	fd_install(2, &filp[2]);
	fd_install(4, &filp[4]);
}

static void dup_fd_copies(void)
{
	int i;

	make_table_to_copy();
	copy = dup_fd(fs);
	EXPECT(copy != NULL && copy != fs);
	EXPECT_EQ(copy->count, 1);
	EXPECT_EQ(copy->fdt.max_fds, NR_OPEN_DEFAULT);
	EXPECT_EQ(copy->nofile_cur, 500);
	for (i = 0; i < 5; i++) {
		if (i == 3)
			continue;
		EXPECTF(copy->fdt.fd[i] == &filp[i], "fd %d not copied", i);
		EXPECTF(filp[i].f_count == 2, "fd %d: f_count %ld", i, filp[i].f_count);
	}
	EXPECT(copy->fdt.fd[3] == NULL);
	EXPECT_EQ(copy->fdt.open_fds[0], 0x17);		/* 0, 1, 2, 4 */
	EXPECT_EQ(copy->fdt.close_on_exec[0], 0x4);	/* 2 */
	EXPECT_EQ(fs->fdt.open_fds[0], 0x1f);		/* the old one unchanged */
	EXPECT_EQ(nr_fput, 0);
}

/*
 * The slot reserved in the old table is free in the copy, so it is the
 * lowest free descriptor there.  Failed when written: dup_fd() copies
 * next_fd (5) from the old table, so the copy hands out 5 before 3.
 */
static void dup_fd_reserved_slot_is_lowest_in_copy(void)
{
	make_table_to_copy();
	copy = dup_fd(fs);
	EXPECT(copy != NULL);
	task.files = copy;
	EXPECT_EQ(get_unused_fd_flags(0), 3);
}

static void dup_fd_grown_table(void)
{
	setup();
	EXPECT_EQ(open_n(100, 0), 0);
	copy = dup_fd(fs);
	EXPECT(copy != NULL);
	EXPECT_EQ(copy->fdt.max_fds, 128);
	EXPECT(copy->fdt.fd[99] == &filp[99]);
	EXPECT_EQ(filp[99].f_count, 2);
	task.files = copy;
	EXPECT_EQ(get_unused_fd_flags(0), 100);
}

static void put_files_struct_fputs_each_once(void)
{
	struct files_struct *f;
	int i;

	setup();
	EXPECT_EQ(open_n(3, 0), 0);
	EXPECT_EQ(get_unused_fd_flags(0), 3);	/* filp[0] twice, as after dup() */
	fd_install(3, get_file(&filp[0]));
	EXPECT_EQ(get_unused_fd_flags(0), 4);	/* reserved only */
	f = fs;
	fs = NULL;
	f->count = 2;				/* shared with another task */
	put_files_struct(f);
	EXPECT_EQ(nr_fput, 0);
	put_files_struct(f);			/* the last user */
	EXPECT_EQ(nr_fput, 4);
	for (i = 0; i < 3; i++)
		EXPECTF(filp[i].f_count == 0, "filp[%d].f_count %ld", i,
			filp[i].f_count);
}

/* alloc_fd(start): the lowest free descriptor >= start. */
static void alloc_fd_with_start(void)
{
	setup();
	EXPECT_EQ(alloc_fd(fs, 10, 0), 10);
	EXPECT_EQ(alloc_fd(fs, 10, 0), 11);
	EXPECT_EQ(get_unused_fd_flags(0), 0);	/* still the lowest */
	EXPECT_EQ(alloc_fd(fs, 0, 0), 1);
}

/*
 * Failed when written: with start past the end of the table,
 * find_next_zero_bit_ul() returns the table size (64), which alloc_fd()
 * then hands out, though it is below start.
 */
static void alloc_fd_start_beyond_table(void)
{
	setup();
	EXPECT_EQ(alloc_fd(fs, 100, 0), 100);
}

/* A failed growth leaves the table as it was (and leaks nothing: LSan). */
static void growth_out_of_memory(void)
{
	setup();
	EXPECT_EQ(open_n(NR_OPEN_DEFAULT, 0), 0);
	allocs_until_failure = 1;
	EXPECT_EQ(get_unused_fd_flags(0), -ENOMEM);
	allocs_until_failure = -1;
	EXPECT_EQ(fs->fdt.max_fds, NR_OPEN_DEFAULT);
	EXPECT(fs->fdt.fd[10] == &filp[10]);
	EXPECT_EQ(get_unused_fd_flags(0), NR_OPEN_DEFAULT);
}

static void find_next_zero_bit(void)
{
	unsigned long map[2] = { ~0UL, 0xbUL };	/* 0-63, 64, 65, 67 set */

	EXPECT_EQ(find_next_zero_bit_ul(map, 128, 0), 66);
	EXPECT_EQ(find_next_zero_bit_ul(map, 128, 5), 66);
	EXPECT_EQ(find_next_zero_bit_ul(map, 128, 64), 66);
	EXPECT_EQ(find_next_zero_bit_ul(map, 128, 67), 68);
	EXPECT_EQ(find_next_zero_bit_ul(map, 66, 0), 66);	/* none: size */
	EXPECT_EQ(find_next_zero_bit_ul(map, 64, 0), 64);
	EXPECT_EQ(find_next_zero_bit_ul(map, 128, 128), 128);
}

int main(void)
{
	RUN(lowest_free_first);
	RUN(close_then_reuse_lowest);
	RUN(put_unused_fd_frees_the_slot);
	RUN(growth_to_the_soft_limit);
	RUN(lowered_soft_limit);
	RUN(cloexec_flag);
	RUN(do_close_on_exec_closes_exactly_those);
	RUN(fget_takes_a_reference);
	RUN(dup_fd_copies);
	RUN(dup_fd_reserved_slot_is_lowest_in_copy);
	RUN(dup_fd_grown_table);
	RUN(put_files_struct_fputs_each_once);
	RUN(alloc_fd_with_start);
	RUN(alloc_fd_start_beyond_table);
	RUN(growth_out_of_memory);
	RUN(find_next_zero_bit);
	cleanup();
	return unit_exit_status();
}
