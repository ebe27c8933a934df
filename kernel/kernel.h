#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/types.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

#define offsetof(t, m)	__builtin_offsetof(t, m)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((typeof(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* For kernel invariants only: never for anything a user can cause. */
#define BUG()		panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c)	do { if (unlikely(c)) BUG(); } while (0)

#endif
