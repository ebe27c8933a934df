/*
 * The page fault handler.  A fault on a user address inside a VMA that
 * allows the access is normal: the page is made now (demand paging), or
 * copied if it is shared copy-on-write after fork.  Anything else is an
 * error: SIGSEGV for a user task, the exception table for the kernel's
 * copy_*_user, and a panic for a kernel bug.
 * Linux: arch/x86/mm/fault.c, mm/memory.c.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/sched.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "kernel/mm/mm.h"

static bool access_error(unsigned long error_code, struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* A write to a page shared with another address space: take a private copy. */
static int do_wp_page(struct vm_area_struct *vma, pteval_t *pte, unsigned long addr)
{
	struct page *old = phys_to_page(*pte & PTE_ADDR_MASK);
	struct page *new;

	if (page_count(old) == 1) {	/* the other side already let go */
		*pte |= _PAGE_RW;
		__flush_tlb_one(addr);
		return 0;
	}
	new = alloc_page(GFP_KERNEL);
	if (!new)
		return -1;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	*pte = page_to_phys(new) | vm_flags_to_prot(vma->vm_flags);
	put_page(old);
	__flush_tlb_one(addr);
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, unsigned long error_code)
{
	pteval_t *pte = walk_page_table(mm->pgd, addr, true);
	struct page *page;

	if (!pte)
		return -1;
	if (*pte & _PAGE_PRESENT) {
		if ((error_code & X86_PF_WRITE) && !(*pte & _PAGE_RW))
			return do_wp_page(vma, pte, addr & PAGE_MASK);
		return 0;	/* another path mapped it already */
	}
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return -1;
	*pte = page_to_phys(page) | vm_flags_to_prot(vma->vm_flags);
	return 0;
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code,
		   unsigned long address)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;
	struct vm_area_struct *vma;

	/* Interrupts were on where the fault happened: keep them on. */
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	if (error_code & X86_PF_RSVD)
		die("corrupted page table", regs, error_code);
	/* SMAP: the kernel touched a user page outside copy_*_user. */
	if (!user_mode(regs) && address < TASK_SIZE && cpu_has_smap &&
	    (error_code & X86_PF_PROT) && !(regs->flags & X86_EFLAGS_AC))
		die("SMAP violation", regs, error_code);
	if (address < TASK_SIZE && mm) {
		vma = find_vma(mm, address);
		if (vma && !access_error(error_code, vma) &&
		    handle_mm_fault(mm, vma, address, error_code) == 0)
			return;
	}
	if (user_mode(regs)) {
		user_fault(regs, X86_TRAP_PF, address);
		return;
	}
	if (fixup_exception(regs))
		return;
	printk(KERN_EMERG "BUG: unable to handle page fault for address %016lx\n",
	       address);
	die("page fault", regs, error_code);
}
