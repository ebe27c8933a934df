#ifndef KERNEL_MM_PGTABLE_H
#define KERNEL_MM_PGTABLE_H

/*
 * 4-level x86_64 page tables: PGD (PML4) -> PUD (PDPT) -> PMD (PD) -> PTE.
 * Each level is one page of 512 entries.  Linux: arch/x86/include/asm/pgtable*.h
 */
#include "kernel/types.h"

typedef u64 pteval_t;

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)	/* a 2 MiB / 1 GiB page at this level */
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_NX	(1UL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000UL

#define PTRS_PER_TABLE	512
#define PGDIR_SHIFT	39
#define PUD_SHIFT	30
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)

#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE	(PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)

static inline unsigned int pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned int pud_index(unsigned long va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned int pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(unsigned long va) { return (va >> 12) & 511; }

/* The entry for va at the last level, allocating tables on the way if asked. */
pteval_t *walk_page_table(pteval_t *pgd, unsigned long va, bool alloc);
int map_kernel_page(unsigned long va, phys_addr_t pa, pteval_t prot);
void paging_init(void);
void __flush_tlb_one(unsigned long va);
void flush_tlb_all(void);

extern pteval_t *swapper_pg_dir;	/* the kernel's own PGD */

#endif
