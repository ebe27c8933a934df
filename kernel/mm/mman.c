/*
 * The memory system calls: brk, mmap, munmap, mprotect, madvise.
 * Only anonymous private memory so far; file mappings answer -ENODEV
 * (Linux's answer for a file that cannot be mapped) until files exist.
 * Linux: mm/mmap.c, mm/mprotect.c, mm/madvise.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/sys.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_FIXED_NOREPLACE	0x100000
#define MADV_DONTNEED		4
#define MADV_FREE		8

static unsigned long prot_to_vm_flags(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Does any region overlap [start, end)? */
static bool range_in_use(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start < end && vma->vm_end > start)
			return true;
	return false;
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old = PAGE_ALIGN(mm->brk), new = PAGE_ALIGN(brk);

	if (brk < mm->start_brk || brk >= STACK_TOP - STACK_MAX)
		return mm->brk;
	if (new > old) {
		if (range_in_use(mm, old, new) ||
		    do_mmap_anon(mm, old, new - old, VM_READ | VM_WRITE))
			return mm->brk;
	} else if (new < old) {
		do_munmap(mm, new, old - new);
	}
	mm->brk = brk;
	return brk;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	unsigned long type = flags & MAP_TYPE;
	int err;

	if (!len || (off & ~PAGE_MASK))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		struct file *f = fget(fd);

		if (!f)
			return -EBADF;
		fput(f);
		return -ENODEV;		/* file mappings: not yet */
	}
	if (type != MAP_PRIVATE)
		return -ENODEV;		/* shared anonymous memory: not yet */
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if ((addr & ~PAGE_MASK) || addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len)
			return -EINVAL;
		if ((flags & MAP_FIXED_NOREPLACE) && range_in_use(mm, addr, addr + len))
			return -EEXIST;
	} else {
		/* A hint is taken if that range is free, as Linux does. */
		addr = PAGE_ALIGN(addr);
		if (!addr || addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len ||
		    range_in_use(mm, addr, addr + len))
			addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	err = do_mmap_anon(mm, addr, len, prot_to_vm_flags(prot));
	return err ? err : (long)addr;
}

long sys_munmap(unsigned long addr, size_t len)
{
	if ((addr & ~PAGE_MASK) || !len || addr >= TASK_SIZE || len > TASK_SIZE - addr)
		return -EINVAL;
	return do_munmap(current->mm, addr, len);
}

/* Split vma at addr (page aligned, strictly inside it); the new VMA is the upper part. */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = kmalloc(sizeof(*upper), GFP_KERNEL);

	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	upper->vm_start = addr;
	vma->vm_end = addr;
	list_add(&upper->vm_list, &vma->vm_list);
	return 0;
}

/* New rights for the pages already there (a shared COW page stays read-only). */
static void change_protection(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long va, prot = vm_flags_to_prot(vma->vm_flags);

	for (va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
		pteval_t *pte = walk_page_table(mm->pgd, va, false);
		pteval_t newprot = prot;

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		if (page_count(phys_to_page(*pte & PTE_ADDR_MASK)) > 1)
			newprot &= ~_PAGE_RW;
		*pte = (*pte & PTE_ADDR_MASK) | newprot;
		__flush_tlb_one(va);
	}
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, addr;
	struct vm_area_struct *vma;

	if ((start & ~PAGE_MASK) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start || end > TASK_SIZE)
		return -ENOMEM;
	/* Every page of the range must be mapped, or nothing changes. */
	for (addr = start; addr < end; addr = vma->vm_end)
		if (!(vma = find_vma(mm, addr)))
			return -ENOMEM;
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (vma->vm_start < addr && split_vma(vma, addr))
			return -ENOMEM;
		vma = find_vma(mm, addr);
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		vma->vm_flags = (vma->vm_flags & VM_GROWSDOWN) | prot_to_vm_flags(prot);
		change_protection(mm, vma);
	}
	return 0;
}

long sys_madvise(unsigned long start, size_t len, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len), addr;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (behavior != MADV_DONTNEED && behavior != MADV_FREE)
		return 0;	/* the other advice is only advice */
	/* Drop the pages: the next touch gets fresh zeroed ones. */
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pteval_t *pte;

		if (!find_vma(mm, addr))
			return -ENOMEM;
		pte = walk_page_table(mm->pgd, addr, false);
		if (pte && (*pte & _PAGE_PRESENT)) {
			put_page(phys_to_page(*pte & PTE_ADDR_MASK));
			*pte = 0;
			__flush_tlb_one(addr);
		}
	}
	return 0;
}

#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/* Move the pages of [from, from + len) to [to, to + len) (musl's realloc). */
static int move_page_tables(struct mm_struct *mm, unsigned long from, unsigned long to,
			    unsigned long len)
{
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		pteval_t *old = walk_page_table(mm->pgd, from + off, false), *new;

		if (!old || !(*old & _PAGE_PRESENT))
			continue;
		new = walk_page_table(mm->pgd, to + off, true);
		if (!new)
			return -ENOMEM;
		*new = *old;
		*old = 0;
		__flush_tlb_one(from + off);
	}
	return 0;
}

/*
 * mremap: shrink in place, grow in place if the space after is free, or
 * (MREMAP_MAYMOVE) move the pages to a new place.  MREMAP_FIXED is not
 * offered.  Linux: mm/mremap.c.
 */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long to;
	int err;

	if ((flags & ~MREMAP_MAYMOVE) || (addr & ~PAGE_MASK))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || new_len > TASK_SIZE)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || addr + old_len > vma->vm_end)
		return -EFAULT;
	if (new_len <= old_len) {
		if (new_len < old_len)
			do_munmap(mm, addr + new_len, old_len - new_len);
		return addr;
	}
	if (addr + old_len == vma->vm_end && addr + new_len <= TASK_SIZE &&
	    !range_in_use(mm, vma->vm_end, addr + new_len)) {
		vma->vm_end = addr + new_len;	/* the pages come on first touch */
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	to = get_unmapped_area(mm, new_len);
	if (!to)
		return -ENOMEM;
	err = do_mmap_anon(mm, to, new_len, vma->vm_flags & ~VM_GROWSDOWN);
	if (!err)
		err = move_page_tables(mm, addr, to, old_len);
	if (err) {
		do_munmap(mm, to, new_len);
		return err;
	}
	do_munmap(mm, addr, old_len);		/* its pages moved: nothing to free */
	return to;
}
