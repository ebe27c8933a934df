/*
 * The kernel's physical page allocator: one frame_pool built from the
 * multiboot2 memory map, plus mem_map, one struct page per frame for
 * reference counts.  Linux: mm/page_alloc.c and mm/memblock.c.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/multiboot2.h"
#include "kernel/mm/page.h"
#include "kernel/mm/frame_pool.h"

extern char __boot_start[], _end[];

struct page *mem_map;
unsigned long max_pfn;
static unsigned long total_pages;
static struct frame_pool pool;
static DEFINE_SPINLOCK(pool_lock);

static phys_addr_t kernel_phys_end(void)
{
	return __pa(_end);
}

/* The highest address of usable RAM: it sizes the bitmap and mem_map. */
static phys_addr_t find_max_addr(struct mb2_tag_mmap *mmap)
{
	struct mb2_mmap_entry *e;
	phys_addr_t top = 0;

	mb2_for_each_mmap_entry(e, mmap)
		if (e->type == MB2_MEMORY_AVAILABLE && e->base_addr + e->length > top)
			top = e->base_addr + e->length;
	return top;
}

/*
 * Boot-time data the kernel must not hand out: low memory (BIOS data),
 * the kernel image, the boot information and the boot modules.
 * With pool == NULL, only returns the end of the highest such range.
 */
static phys_addr_t boot_ranges(struct mb2_info *mbi, struct frame_pool *pool)
{
	phys_addr_t mbi_pa = __pa(mbi), top = kernel_phys_end();
	struct mb2_tag *tag = NULL;

	if (pool) {
		frame_pool_reserve_range(pool, 0, 0x100000);
		frame_pool_reserve_range(pool, (unsigned long)__boot_start, top);
		frame_pool_reserve_range(pool, mbi_pa, mbi_pa + mbi->total_size);
	}
	top = max(top, mbi_pa + mbi->total_size);
	while ((tag = mb2_next_tag(mbi, tag))) {
		struct mb2_tag_module *m = (void *)tag;

		if (tag->type != MB2_TAG_MODULE)
			continue;
		if (pool)
			frame_pool_reserve_range(pool, m->mod_start, m->mod_end);
		top = max(top, (phys_addr_t)m->mod_end);
	}
	return PAGE_ALIGN(top);
}

static bool range_is_ram(struct mb2_tag_mmap *mmap, phys_addr_t start,
			 phys_addr_t end)
{
	struct mb2_mmap_entry *e;

	mb2_for_each_mmap_entry(e, mmap)
		if (e->type == MB2_MEMORY_AVAILABLE && e->base_addr <= start &&
		    e->base_addr + e->length >= end)
			return true;
	return false;
}

void mem_init(struct mb2_info *mbi)
{
	struct mb2_tag_mmap *mmap = (void *)mb2_find_tag(mbi, MB2_TAG_MMAP);
	struct mb2_mmap_entry *e;
	unsigned long bitmap_bytes, map_bytes, i;
	phys_addr_t meta, meta_end;

	if (!mmap)
		panic("no memory map from the boot loader");
	max_pfn = find_max_addr(mmap) >> PAGE_SHIFT;
	bitmap_bytes = FRAME_POOL_BITMAP_BYTES(max_pfn);
	map_bytes = max_pfn * sizeof(struct page);

	/*
	 * The bitmap and mem_map go in the first RAM after everything the
	 * boot loader placed (memblock's job in Linux).  The boot page tables
	 * map the first 1 GiB, which is where this lands in practice.
	 */
	meta = boot_ranges(mbi, NULL);
	meta_end = PAGE_ALIGN(meta + bitmap_bytes + map_bytes);
	if (!range_is_ram(mmap, meta, meta_end) || meta_end > 0x40000000)
		panic("no room for the page allocator's maps after the boot modules");

	frame_pool_init(&pool, __va(meta), max_pfn);
	mem_map = __va(meta + bitmap_bytes);
	memset(mem_map, 0, map_bytes);
	mb2_for_each_mmap_entry(e, mmap)
		if (e->type == MB2_MEMORY_AVAILABLE)
			frame_pool_free_range(&pool, e->base_addr,
					      e->base_addr + e->length);
	total_pages = pool.nr_free;
	boot_ranges(mbi, &pool);
	frame_pool_reserve_range(&pool, meta, meta_end);
	for (i = 0; i < max_pfn; i++)
		if (frame_pool_test(&pool, i))
			mem_map[i].flags = PG_reserved;

	pr_info("Memory: %luK/%luK available (%luK kernel, %luK boot data and maps)\n",
		pool.nr_free * 4, total_pages * 4,
		(kernel_phys_end() - 0x100000) / 1024,
		(total_pages - pool.nr_free) * 4 - (kernel_phys_end() - 0x100000) / 1024);
}

struct page *alloc_pages(unsigned int gfp, unsigned int order)
{
	unsigned long flags, i, n = 1UL << order;
	struct page *page;
	long pfn;

	spin_lock_irqsave(&pool_lock, flags);
	pfn = frame_pool_alloc(&pool, n, n);
	spin_unlock_irqrestore(&pool_lock, flags);
	if (pfn < 0)
		return NULL;
	page = pfn_to_page(pfn);
	for (i = 0; i < n; i++)
		page[i]._refcount = 1;
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, n * PAGE_SIZE);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags, i, n = 1UL << order;
	bool ok;

	for (i = 0; i < n; i++)
		page[i]._refcount = 0;
	spin_lock_irqsave(&pool_lock, flags);
	ok = frame_pool_free(&pool, page_to_pfn(page), n);
	spin_unlock_irqrestore(&pool_lock, flags);
	BUG_ON(!ok);
}

void put_page(struct page *page)
{
	BUG_ON(page->_refcount <= 0 || (page->flags & PG_reserved));
	if (--page->_refcount == 0)
		__free_pages(page, 0);
}

unsigned long __get_free_pages(unsigned int gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return pool.nr_free;
}

unsigned long totalram_pages(void)
{
	return total_pages;
}
