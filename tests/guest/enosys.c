// SPDX-License-Identifier: GPL-2.0
/*
 * enosys - call a system call number that does not exist.
 * Expected: the call returns -1 with errno ENOSYS and the program goes on.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define NO_SUCH_SYSCALL	1000	/* Linux has nowhere near 1000 syscalls */

int main(void)
{
	long r;

	errno = 0;
	r = syscall(NO_SUCH_SYSCALL);
	if (r == -1 && errno == ENOSYS)
		printf("syscall(%d) = -1 ENOSYS\n", NO_SUCH_SYSCALL);
	else
		printf("syscall(%d) = %ld errno %d\n", NO_SUCH_SYSCALL, r,
		       errno);
	return 0;
}
