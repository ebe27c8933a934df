#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

/* Fixed-width types, Linux's short names. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long s64;

typedef unsigned long size_t;
typedef long ssize_t;
typedef long off_t;
typedef long loff_t;
typedef unsigned long uintptr_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int umode_t;
typedef unsigned long phys_addr_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#define __user		/* marks a pointer into user space (documentation only) */
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __noreturn	__attribute__((noreturn))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif
