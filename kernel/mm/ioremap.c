/*
 * ioremap: uncached kernel mappings of device memory.  A bump allocator
 * hands out virtual space after IOREMAP_START; each mapping starts on a
 * fresh page and is followed by an unmapped guard page, so running off
 * the end of a register block faults instead of touching the next one.
 * Linux: arch/x86/mm/ioremap.c.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/mm/ioremap.h"
#include "kernel/mm/page.h"
#include "kernel/mm/pgtable.h"

static unsigned long ioremap_next = IOREMAP_START;

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t first = phys & PAGE_MASK;
	size_t len = PAGE_ALIGN(phys + size) - first;
	unsigned long va, off, flags;

	if (!size || phys + size < phys)
		return NULL;
	flags = local_irq_save();
	if (len + PAGE_SIZE > IOREMAP_END - ioremap_next) {
		local_irq_restore(flags);
		return NULL;
	}
	va = ioremap_next;
	ioremap_next += len + PAGE_SIZE;	/* + the guard page */
	local_irq_restore(flags);

	/* PCD|PWT: uncached (PAT entry 3 as the CPU resets it), never speculated. */
	for (off = 0; off < len; off += PAGE_SIZE) {
		if (map_kernel_page(va + off, first + off, PAGE_KERNEL_NOCACHE)) {
			iounmap((void __iomem *)va, off);
			return NULL;
		}
		__flush_tlb_one(va + off);
	}
	return (void __iomem *)(va + (phys - first));
}

void iounmap(void __iomem *addr, size_t size)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN((unsigned long)addr + size);

	for (; va < end; va += PAGE_SIZE) {
		pteval_t *pte = walk_page_table(swapper_pg_dir, va, false);

		if (pte)
			*pte = 0;
		__flush_tlb_one(va);
	}
}
