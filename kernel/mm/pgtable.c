/*
 * The kernel's page tables, built once at boot to replace the boot
 * tables of boot/head.asm: all RAM at PAGE_OFFSET (2 MiB pages, no
 * execute) and the kernel image at __START_KERNEL_map with 4 KiB pages,
 * each section with only the rights it needs (text read+execute, rodata
 * read-only, data read+write, never writable and executable at once).
 * Linux: arch/x86/mm/init_64.c.
 */
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "kernel/mm/page.h"
#include "kernel/mm/pgtable.h"

pteval_t *swapper_pg_dir;

extern char _text[], _etext[], _erodata[], _edata_end[], _end[];

static pteval_t *alloc_table(void)
{
	unsigned long p = get_zeroed_page(GFP_KERNEL);

	return p ? (pteval_t *)p : NULL;
}

/* Descend one level; make the next table if it is missing and alloc is set. */
static pteval_t *next_level(pteval_t *entry, bool alloc, bool user)
{
	if (!(*entry & _PAGE_PRESENT)) {
		pteval_t *table;

		if (!alloc)
			return NULL;
		table = alloc_table();
		if (!table)
			return NULL;
		/* Upper levels are permissive; the last level decides. */
		*entry = __pa(table) | _PAGE_PRESENT | _PAGE_RW | (user ? _PAGE_USER : 0);
	}
	if (*entry & _PAGE_PSE)
		return NULL;
	return __va(*entry & PTE_ADDR_MASK);
}

pteval_t *walk_page_table(pteval_t *pgd, unsigned long va, bool alloc)
{
	bool user = va < TASK_SIZE;
	pteval_t *pud, *pmd, *pte;

	pud = next_level(&pgd[pgd_index(va)], alloc, user);
	if (!pud)
		return NULL;
	pmd = next_level(&pud[pud_index(va)], alloc, user);
	if (!pmd)
		return NULL;
	pte = next_level(&pmd[pmd_index(va)], alloc, user);
	if (!pte)
		return NULL;
	return &pte[pte_index(va)];
}

int map_kernel_page(unsigned long va, phys_addr_t pa, pteval_t prot)
{
	pteval_t *pte = walk_page_table(swapper_pg_dir, va, true);

	if (!pte)
		return -1;
	*pte = pa | prot;
	return 0;
}

static void map_range(unsigned long start, unsigned long end, pteval_t prot)
{
	for (; start < end; start += PAGE_SIZE)
		if (map_kernel_page(start, __pa((void *)start), prot))
			panic("out of memory building the kernel page tables");
}

/* The direct map of all RAM, with 2 MiB pages. */
static void map_direct(void)
{
	phys_addr_t pa, top = ALIGN(max_pfn << PAGE_SHIFT, PMD_SIZE);

	for (pa = 0; pa < top; pa += PMD_SIZE) {
		unsigned long va = (unsigned long)__va(pa);
		pteval_t *pud = next_level(&swapper_pg_dir[pgd_index(va)], true, false);
		pteval_t *pmd = pud ? next_level(&pud[pud_index(va)], true, false) : NULL;

		if (!pmd)
			panic("out of memory building the direct map");
		pmd[pmd_index(va)] = pa | PAGE_KERNEL | _PAGE_PSE;
	}
}

void paging_init(void)
{
	swapper_pg_dir = alloc_table();
	if (!swapper_pg_dir)
		panic("out of memory for the kernel page directory");
	map_direct();
	map_range((unsigned long)_text, (unsigned long)_etext, PAGE_KERNEL_EXEC);
	map_range((unsigned long)_etext, (unsigned long)_erodata, PAGE_KERNEL_RO);
	map_range((unsigned long)_erodata, (unsigned long)_edata_end, PAGE_KERNEL);
	map_range((unsigned long)_edata_end, (unsigned long)_end, PAGE_KERNEL_RO);
	write_cr3(__pa(swapper_pg_dir));
}

void __flush_tlb_one(unsigned long va)
{
	invlpg(va);
}

void flush_tlb_all(void)
{
	write_cr3(read_cr3());	/* global kernel pages stay; user ones go */
}
