// SPDX-License-Identifier: GPL-2.0
/*
 * poweroff - switch the machine off.
 *
 * Usage: poweroff
 * First sync() asks the kernel to write every changed file to its disk,
 * then reboot(RB_POWER_OFF) stops the machine.  That call does not return
 * when it works; if it returns, it failed (for instance EPERM for a user
 * without the CAP_SYS_BOOT capability) and we say why.
 *
 * System calls: sync, reboot.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	fprintf(stderr, "poweroff: reboot: %s\n", strerror(errno));
	return 1;
}
