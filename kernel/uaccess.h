#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

/*
 * The only ways the kernel touches user memory.  Each checks that the
 * range lies in user space, then copies with an instruction listed in the
 * exception table: a fault on a bad address ends the copy early instead
 * of crashing the kernel.  Linux: arch/x86/include/asm/uaccess.h.
 */
#include "kernel/types.h"
#include "kernel/mm/page.h"

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Both return the number of bytes NOT copied: 0 means success. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

/* Length of the string copied (without NUL), count if no NUL in count
 * bytes, -EFAULT for a bad address. */
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *s, long max);

#define get_user(x, ptr) \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({						\
	typeof(*(ptr)) __v = (x);					\
	copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0;		\
})

#endif
