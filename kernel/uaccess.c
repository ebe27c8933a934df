/*
 * copy_from_user and friends.  `rep movsb` may fault part way through;
 * the exception table entry sends the CPU to the label after it with rcx
 * still holding the bytes left, which is exactly what we return.
 * stac/clac open and close user memory when the CPU enforces SMAP.
 * Linux: arch/x86/lib/copy_user_64.S, usercopy_64.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/traps.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"

static unsigned long __copy_user(void *to, const void *from, unsigned long n)
{
	stac();
	asm volatile("1: rep movsb\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "+c"(n), "+D"(to), "+S"(from) : : "memory");
	clac();
	return n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = __copy_user(to, from, n);
	if (left)	/* never leave stale kernel data in the destination */
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	stac();
	asm volatile("1: rep stosb\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "+c"(n), "+D"(to) : "a"(0) : "memory");
	clac();
	return n;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (copy_from_user(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}

/*
 * The length of a user string including its NUL; 0 on a bad address;
 * more than max if there is no NUL within max bytes.  Reads at most to
 * the end of each page, so a string right before an unmapped page works.
 */
long strnlen_user(const char __user *s, long max)
{
	char chunk[64];
	long len = 0;

	while (len <= max) {
		unsigned long addr = (unsigned long)s + len;
		size_t n = min(sizeof(chunk), (size_t)(PAGE_SIZE - (addr & ~PAGE_MASK)));
		size_t i;

		if (copy_from_user(chunk, (const void __user *)addr, n))
			return 0;
		for (i = 0; i < n; i++)
			if (!chunk[i])
				return len + i + 1;
		len += n;
	}
	return max + 1;
}
