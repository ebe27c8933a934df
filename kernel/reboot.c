/*
 * Power off and restart.  QEMU's PC machines implement ACPI power-off at
 * the PM1a control port the firmware (SeaBIOS) sets up: 0x604 on both
 * i440fx and q35; older QEMU used 0xb004.  Writing SLP_TYP=5 | SLP_EN
 * there ends QEMU.  A real machine would need the ACPI tables parsed
 * (Linux: drivers/acpi/sleep.c); the port is our shortcut.
 * Linux: kernel/reboot.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/irq.h"
#include "kernel/reboot.h"

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000

__noreturn void kernel_power_off(void)
{
	printk(KERN_EMERG "reboot: Power down\n");
	local_irq_disable();
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	for (;;)
		asm volatile("hlt");
}

__noreturn void kernel_restart(void)
{
	printk(KERN_EMERG "reboot: Restarting system\n");
	local_irq_disable();
	outb(0x64, 0xfe);	/* pulse the CPU reset line via the keyboard controller */
	for (;;)
		asm volatile("hlt");
}

long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg)
{
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		kernel_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		kernel_restart();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;	/* there is no Ctrl-Alt-Del on a serial console */
	}
	return -EINVAL;
}
