// SPDX-License-Identifier: GPL-2.0
/*
 * nullderef - write through a NULL pointer.
 * Expected: the kernel kills the process with SIGSEGV (status 139).
 */
#include <stdio.h>

int main(void)
{
	/*
	 * Two volatiles: the pointer, so the compiler cannot see it is NULL
	 * (it might emit a trap instruction instead of the store), and the
	 * pointed-to int, so the store is not dropped as useless.
	 */
	volatile int *volatile p = NULL;

	printf("nullderef: storing to address 0\n");
	fflush(stdout);		/* the line must be out before we die */
	*p = 42;
	printf("nullderef: still alive after the store\n");
	return 1;
}
