#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/unistd.h"
#include "kernel/ptrace.h"

typedef long (*sys_call_ptr_t)(unsigned long, unsigned long, unsigned long,
			       unsigned long, unsigned long, unsigned long);

extern const sys_call_ptr_t sys_call_table[NR_syscalls];
extern const char *const syscall_names[NR_syscalls];

void do_syscall_64(struct pt_regs *regs);

#endif
