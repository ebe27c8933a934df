// SPDX-License-Identifier: GPL-2.0
/*
 * false - do nothing, unsuccessfully.
 *
 * Usage: false [ignored]...
 * Exits with status 1.  Shell scripts use it as "a command that fails".
 *
 * System calls: exit_group.
 */
int main(void)
{
	return 1;
}
