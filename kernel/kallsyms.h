#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "kernel/types.h"

/* The name of the function containing addr, and addr's offset in it. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);
/* The address of a function by name, 0 if there is none. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
