// SPDX-License-Identifier: GPL-2.0
/*
 * privileged - execute hlt, which only ring 0 may do.
 * The CPU raises a general protection fault; Linux turns that into
 * SIGSEGV (status 139).
 */
#include <stdio.h>

int main(void)
{
	printf("privileged: executing hlt in user mode\n");
	fflush(stdout);
	__asm__ volatile("hlt");
	printf("privileged: still alive after hlt\n");
	return 1;
}
