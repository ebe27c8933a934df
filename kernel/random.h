#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "kernel/types.h"

void random_init(void);
void get_random_bytes(void *buf, size_t n);
u64 get_random_u64(void);

#endif
