// SPDX-License-Identifier: GPL-2.0
/* bench_true - does nothing; bench_fork times fork + execve of it. */
int main(void)
{
	return 0;
}
