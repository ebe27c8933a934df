// SPDX-License-Identifier: GPL-2.0
/*
 * ud2 - execute the architecturally undefined instruction ud2.
 * The CPU raises an invalid opcode fault: SIGILL (status 132).
 */
#include <stdio.h>

int main(void)
{
	printf("ud2: executing ud2\n");
	fflush(stdout);
	__asm__ volatile("ud2");
	printf("ud2: still alive after ud2\n");
	return 1;
}
