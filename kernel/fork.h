#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

#include "kernel/types.h"

struct task_struct;

pid_t kernel_thread(void (*fn)(void *), void *arg, const char *name);
long sys_fork(void);
long sys_vfork(void);
void vfork_release(struct task_struct *child);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls);
void task_exited(void);
void fpu_init_task(struct task_struct *t);
void fpu_reset_current(void);

#endif
