#ifndef KERNEL_REBOOT_H
#define KERNEL_REBOOT_H

__attribute__((noreturn)) void kernel_power_off(void);
__attribute__((noreturn)) void kernel_restart(void);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg);

#endif
