#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "kernel/types.h"

/* code is a wait status: (exit_code << 8) for exit(), the signal for a kill. */
__noreturn void do_exit(int code);
struct task_struct;
void release_task(struct task_struct *p);
long sys_exit(int error_code);
long sys_exit_group(int error_code);
struct rusage;
long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru);

#define WNOHANG		0x1
#define WUNTRACED	0x2
#define WCONTINUED	0x8
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#endif
