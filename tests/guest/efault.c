// SPDX-License-Identifier: GPL-2.0
/*
 * efault - hand the kernel bad buffer pointers.
 * A system call must check user pointers and fail with EFAULT instead of
 * reading or writing memory the process may not touch.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

#define KERNEL_ADDR	0xffffffff80000000UL	/* kernel half */
#define UNMAPPED_ADDR	0x1000UL		/* user half, but nothing mapped */

/* Our own errno names: strerror() text differs between C libraries. */
static const char *errname(int e)
{
	switch (e) {
	case EFAULT:	return "EFAULT";
	case EBADF:	return "EBADF";
	case EINVAL:	return "EINVAL";
	case ENOSYS:	return "ENOSYS";
	case EIO:	return "EIO";
	default:	return "E?";
	}
}

static void report(const char *what, long r)
{
	if (r == -1)
		printf("%s = -1 %s\n", what, errname(errno));
	else
		printf("%s = %ld\n", what, r);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* syscall() so that the C library passes the pointer unchanged. */
	report("write(kernel address)",
	       syscall(SYS_write, 1, (void *)KERNEL_ADDR, 16));
	report("write(unmapped address)",
	       syscall(SYS_write, 1, (void *)UNMAPPED_ADDR, 16));
	/* fd 0 is the console (or /dev/null on the host); the buffer is bad. */
	report("read(kernel address)",
	       syscall(SYS_read, 0, (void *)KERNEL_ADDR, 16));
	return 0;
}
