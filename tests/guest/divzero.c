// SPDX-License-Identifier: GPL-2.0
/*
 * divzero - integer division by zero.
 * The idiv instruction raises a divide error: SIGFPE (status 136).
 */
#include <stdio.h>

int main(void)
{
	/* volatile: stop the compiler from folding or removing the division */
	volatile int a = 1, b = 0;
	int q;

	printf("divzero: dividing 1 by 0\n");
	fflush(stdout);
	q = a / b;
	printf("divzero: still alive, quotient %d\n", q);
	return 1;
}
