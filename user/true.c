// SPDX-License-Identifier: GPL-2.0
/*
 * true - do nothing, successfully.
 *
 * Usage: true [ignored]...
 * Exits with status 0.  Shell scripts use it as "a command that succeeds".
 *
 * System calls: exit_group.
 */
int main(void)
{
	return 0;
}
