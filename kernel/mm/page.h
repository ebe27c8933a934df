#ifndef KERNEL_MM_PAGE_H
#define KERNEL_MM_PAGE_H

#include "kernel/types.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

/*
 * The virtual address map, as Linux x86_64 with 4-level paging:
 *   0000000000000000 - 00007fffffffefff  user space (TASK_SIZE)
 *   ffff888000000000 - ...               all physical memory (PAGE_OFFSET)
 *   ffffffff80000000 - ...               the kernel image (__START_KERNEL_map)
 */
#define TASK_SIZE		0x00007ffffffff000UL
#define PAGE_OFFSET		0xffff888000000000UL
#define __START_KERNEL_map	0xffffffff80000000UL

static inline void *__va(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= __START_KERNEL_map)
		return v - __START_KERNEL_map;
	return v - PAGE_OFFSET;
}

/*
 * One struct page per physical frame (Linux's mem_map).  _refcount counts
 * the users of the frame: page tables that map it (shared after fork) and
 * kernel holders.  The frame is free when it drops to zero.
 */
struct page {
	int _refcount;
	unsigned int flags;
};

#define PG_reserved	0x1

extern struct page *mem_map;
extern unsigned long max_pfn;

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}

static inline unsigned long page_to_pfn(struct page *p)
{
	return p - mem_map;
}

static inline phys_addr_t page_to_phys(struct page *p)
{
	return page_to_pfn(p) << PAGE_SHIFT;
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(pa >> PAGE_SHIFT);
}

static inline void *page_address(struct page *p)
{
	return __va(page_to_phys(p));
}

static inline struct page *virt_to_page(const void *va)
{
	return phys_to_page(__pa(va));
}

#define GFP_KERNEL	0
#define __GFP_ZERO	0x1

struct page *alloc_pages(unsigned int gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(unsigned int gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

static inline struct page *alloc_page(unsigned int gfp)
{
	return alloc_pages(gfp, 0);
}

static inline unsigned long get_zeroed_page(unsigned int gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

static inline void free_page(unsigned long addr)
{
	free_pages(addr, 0);
}

static inline void get_page(struct page *p)
{
	p->_refcount++;
}

/* Drop a reference; the frame goes back to the allocator at zero. */
void put_page(struct page *p);

static inline int page_count(struct page *p)
{
	return p->_refcount;
}

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

struct mb2_info;
void mem_init(struct mb2_info *mbi);

#endif
