/*
 * Address spaces and their regions (VMAs).  A region says what may be
 * mapped; pages appear on first touch (kernel/mm/fault.c).
 * Linux: kernel/fork.c (mm_alloc, dup_mm), mm/mmap.c, mm/memory.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

struct mm_struct init_mm;

void mm_init(void)
{
	init_mm.pgd = swapper_pg_dir;
	INIT_LIST_HEAD(&init_mm.mmap);
	init_mm.mm_users = 1;
}

/* A new address space: no user mappings, the kernel half shared. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = (pteval_t *)get_zeroed_page(GFP_KERNEL);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	/* The kernel's upper-half PGD entries never change after boot. */
	memcpy(mm->pgd + 256, swapper_pg_dir + 256, 256 * sizeof(pteval_t));
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mmap_base = MMAP_BASE;
	return mm;
}

unsigned long vm_flags_to_prot(unsigned long vm_flags)
{
	unsigned long prot = _PAGE_PRESENT | _PAGE_USER;

	if (vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

/* Unmap [start, end) from the page tables, dropping each page's reference. */
static void zap_page_range(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	unsigned long va;

	for (va = start; va < end; va += PAGE_SIZE) {
		pteval_t *pte = walk_page_table(mm->pgd, va, false);

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		put_page(phys_to_page(*pte & PTE_ADDR_MASK));
		*pte = 0;
		__flush_tlb_one(va);
	}
}

/* Free the page-table pages of the user half (levels below the PGD). */
static void free_pgtables(pteval_t *pgd)
{
	int i, j, k;

	for (i = 0; i < 256; i++) {
		pteval_t *pud;

		if (!(pgd[i] & _PAGE_PRESENT))
			continue;
		pud = __va(pgd[i] & PTE_ADDR_MASK);
		for (j = 0; j < PTRS_PER_TABLE; j++) {
			pteval_t *pmd;

			if (!(pud[j] & _PAGE_PRESENT))
				continue;
			pmd = __va(pud[j] & PTE_ADDR_MASK);
			for (k = 0; k < PTRS_PER_TABLE; k++)
				if (pmd[k] & _PAGE_PRESENT)
					free_page((unsigned long)__va(pmd[k] & PTE_ADDR_MASK));
			free_page((unsigned long)pmd);
		}
		free_page((unsigned long)pud);
		pgd[i] = 0;
	}
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	if (--mm->mm_users > 0)
		return;
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		list_del(&vma->vm_list);
		kfree(vma);
	}
	free_pgtables(mm->pgd);
	free_page((unsigned long)mm->pgd);
	if (mm->exe_file)
		fput(mm->exe_file);
	kfree(mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr >= vma->vm_start && addr < vma->vm_end)
			return vma;
	return NULL;
}

static struct vm_area_struct *vma_alloc(unsigned long start, unsigned long end,
					unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
	}
	return vma;
}

static void insert_vma(struct mm_struct *mm, struct vm_area_struct *new)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start > new->vm_start)
			break;
	list_add_tail(&new->vm_list, &vma->vm_list);
}

/*
 * Remove [start, start + len) from the address space: whole VMAs go,
 * VMAs that overlap an edge are trimmed, one that spans the hole is split.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *n;

	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		if (vma->vm_end <= start || vma->vm_start >= end)
			continue;
		if (vma->vm_start < start && vma->vm_end > end) {
			struct vm_area_struct *tail = vma_alloc(end, vma->vm_end,
								vma->vm_flags);
			if (!tail)
				return -ENOMEM;
			zap_page_range(mm, start, end);
			vma->vm_end = start;
			insert_vma(mm, tail);
			return 0;
		}
		zap_page_range(mm, max(start, vma->vm_start), min(end, vma->vm_end));
		if (vma->vm_start >= start && vma->vm_end <= end) {
			list_del(&vma->vm_list);
			kfree(vma);
		} else if (vma->vm_start < start) {
			vma->vm_end = start;
		} else {
			vma->vm_start = end;
		}
	}
	return 0;
}

/* A new anonymous region at a fixed place; whatever was there goes. */
int do_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags)
{
	struct vm_area_struct *vma;
	int err;

	len = PAGE_ALIGN(len);
	err = do_munmap(mm, addr, len);
	if (err)
		return err;
	vma = vma_alloc(addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	insert_vma(mm, vma);
	return 0;
}

/* Top-down search for a free hole of len bytes below mmap_base. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long end = mm->mmap_base;
	struct vm_area_struct *vma;

	len = PAGE_ALIGN(len);
	if (len > end - MMAP_MIN_ADDR)
		return 0;
	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= end)
			continue;
		if (vma->vm_end <= end - len)
			return end - len;
		end = vma->vm_start;
		if (end < MMAP_MIN_ADDR + len)
			return 0;
	}
	return end - len;
}

/*
 * Read another process's memory (for /proc/PID/cmdline).  Copies what is
 * mapped and stops at the first page that is not.  Linux: access_process_vm.
 */
size_t access_process_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		pteval_t *pte = walk_page_table(mm->pgd, addr, false);
		size_t off = addr & ~PAGE_MASK, n = min(len - done, (size_t)(PAGE_SIZE - off));

		if (addr >= TASK_SIZE || !pte || !(*pte & _PAGE_PRESENT))
			break;
		memcpy((char *)buf + done, (char *)__va(*pte & PTE_ADDR_MASK) + off, n);
		done += n;
		addr += n;
	}
	return done;
}
