#ifndef KERNEL_MM_MM_H
#define KERNEL_MM_MM_H

/*
 * A process's address space: its page tables and the list of regions
 * (VMAs) that may be mapped.  Pages are filled in lazily by the page
 * fault handler.  Linux: include/linux/mm_types.h, mm/mmap.c.
 */
#include "kernel/list.h"
#include "kernel/mm/page.h"
#include "kernel/mm/pgtable.h"

#define VM_READ		0x1
#define VM_WRITE	0x2
#define VM_EXEC		0x4
#define VM_GROWSDOWN	0x100

struct vm_area_struct {
	unsigned long vm_start, vm_end;	/* [start, end), page aligned */
	unsigned long vm_flags;
	struct list_head vm_list;	/* in mm->mmap, sorted by address */
};

struct mm_struct {
	pteval_t *pgd;
	struct list_head mmap;		/* the VMAs */
	int mm_users;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;
	unsigned long start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long mmap_base;	/* mmap(NULL, ...) searches down from here */
	struct file *exe_file;		/* the program, for /proc/PID/exe */
};

#define STACK_TOP	0x00007ffffffde000UL	/* leave a gap below TASK_SIZE */
#define STACK_MAX	(8UL << 20)		/* RLIMIT_STACK default: 8 MiB */
#define MMAP_BASE	(STACK_TOP - STACK_MAX - (1UL << 30))
#define MMAP_MIN_ADDR	0x10000UL		/* vm.mmap_min_addr */

extern struct mm_struct init_mm;

void mm_init(void);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *old);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
int do_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, unsigned long error_code);
unsigned long vm_flags_to_prot(unsigned long vm_flags);
size_t access_process_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len);

#endif
