#ifndef KERNEL_MM_SLAB_H
#define KERNEL_MM_SLAB_H

#include "kernel/types.h"
#include "kernel/mm/page.h"

void *kmalloc(size_t size, unsigned int gfp);
void *kzalloc(size_t size, unsigned int gfp);
void kfree(const void *p);

#endif
