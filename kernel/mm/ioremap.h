#ifndef KERNEL_MM_IOREMAP_H
#define KERNEL_MM_IOREMAP_H

/*
 * Device memory (PCI BARs) mapped into the kernel's address space.  The
 * direct map at PAGE_OFFSET covers RAM only, and with write-back caching;
 * registers need their own uncached mappings, which ioremap makes in
 * [IOREMAP_START, IOREMAP_END) (Linux's vmalloc/ioremap area).
 * Linux: arch/x86/mm/ioremap.c, arch/x86/include/asm/io.h.
 *
 * The mappings go into swapper_pg_dir.  Address spaces copy the kernel's
 * top-level entries when they are made, so the first ioremap must happen
 * before the first process exists (pci_init in start_kernel does it);
 * later ones share the lower-level tables and are seen everywhere.
 */
#include "kernel/types.h"

#define __iomem		/* marks a pointer to device memory (documentation only) */

#define IOREMAP_START	0xffffc90000000000UL
#define IOREMAP_END	0xffffc90040000000UL	/* 1 GiB is plenty */

/* Map size bytes of device memory at phys, uncached; NULL if out of room. */
void __iomem *ioremap(phys_addr_t phys, size_t size);
/* Unmap; the virtual range is not reused. */
void iounmap(void __iomem *addr, size_t size);

/*
 * Register accesses: volatile, of exactly the given width (a device may
 * react to the width), never merged or reordered by the compiler.  On
 * x86 uncached accesses are not reordered against each other or against
 * earlier stores to RAM, so no fences are needed here.
 */
static inline u8 readb(const volatile void __iomem *addr)
{
	return *(const volatile u8 *)addr;
}

static inline u16 readw(const volatile void __iomem *addr)
{
	return *(const volatile u16 *)addr;
}

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writeb(u8 v, volatile void __iomem *addr)
{
	*(volatile u8 *)addr = v;
}

static inline void writew(u16 v, volatile void __iomem *addr)
{
	*(volatile u16 *)addr = v;
}

static inline void writel(u32 v, volatile void __iomem *addr)
{
	*(volatile u32 *)addr = v;
}

#endif
