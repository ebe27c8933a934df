/*
 * kmalloc/kfree.  Small sizes come from per-size free lists carved out of
 * whole pages (a tiny slab allocator); anything above half a page gets
 * its own run of pages.  Each object carries a 16-byte header naming its
 * size class, which also keeps every object 16-byte aligned.
 * Linux: mm/slab_common.c, mm/slub.c (much simplified).
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"

#define KMALLOC_MAGIC	0x6b6d616cU	/* "kmal" */
#define KMALLOC_FREED	0x66726565U	/* "free": catches double frees */
#define NR_CLASSES	8		/* 32 .. 4096 bytes including the header */
#define LARGE_CLASS	0xff

struct kmalloc_header {
	u32 magic;
	u8 class;		/* size class, or LARGE_CLASS */
	u8 order;		/* pages of a large allocation: 1 << order */
	u16 unused;
	struct kmalloc_header *next_free;
};

static struct kmalloc_header *free_lists[NR_CLASSES];
static DEFINE_SPINLOCK(slab_lock);

static size_t class_size(int class)
{
	return 32UL << class;
}

static int size_to_class(size_t total)
{
	int c;

	for (c = 0; c < NR_CLASSES; c++)
		if (total <= class_size(c))
			return c;
	return -1;
}

/* Cut a fresh page into objects of one class. */
static bool refill(int class)
{
	size_t sz = class_size(class);
	char *page = (char *)__get_free_pages(GFP_KERNEL, 0);
	size_t off;

	if (!page)
		return false;
	for (off = 0; off + sz <= PAGE_SIZE; off += sz) {
		struct kmalloc_header *h = (void *)(page + off);

		h->magic = KMALLOC_FREED;
		h->class = class;
		h->next_free = free_lists[class];
		free_lists[class] = h;
	}
	return true;
}

static void *kmalloc_large(size_t total)
{
	unsigned int order = 0;
	struct kmalloc_header *h;

	while ((PAGE_SIZE << order) < total)
		order++;
	h = (void *)__get_free_pages(GFP_KERNEL, order);
	if (!h)
		return NULL;
	h->magic = KMALLOC_MAGIC;
	h->class = LARGE_CLASS;
	h->order = order;
	return h + 1;
}

void *kmalloc(size_t size, unsigned int gfp)
{
	size_t total = size + sizeof(struct kmalloc_header);
	int class = size_to_class(total);
	struct kmalloc_header *h;
	unsigned long flags;

	if (size > (1UL << 30))
		return NULL;
	if (class < 0)
		return kmalloc_large(total);
	spin_lock_irqsave(&slab_lock, flags);
	if (!free_lists[class] && !refill(class)) {
		spin_unlock_irqrestore(&slab_lock, flags);
		return NULL;
	}
	h = free_lists[class];
	free_lists[class] = h->next_free;
	spin_unlock_irqrestore(&slab_lock, flags);
	BUG_ON(h->magic != KMALLOC_FREED);
	h->magic = KMALLOC_MAGIC;
	(void)gfp;
	return h + 1;
}

void *kzalloc(size_t size, unsigned int gfp)
{
	void *p = kmalloc(size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	struct kmalloc_header *h;
	unsigned long flags;

	if (!p)
		return;
	h = (struct kmalloc_header *)p - 1;
	BUG_ON(h->magic != KMALLOC_MAGIC);
	if (h->class == LARGE_CLASS) {
		h->magic = KMALLOC_FREED;
		free_pages((unsigned long)h, h->order);
		return;
	}
	spin_lock_irqsave(&slab_lock, flags);
	h->magic = KMALLOC_FREED;
	h->next_free = free_lists[h->class];
	free_lists[h->class] = h;
	spin_unlock_irqrestore(&slab_lock, flags);
}
