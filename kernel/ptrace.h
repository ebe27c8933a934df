#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#include "kernel/types.h"

/*
 * The registers saved on the kernel stack at every entry from user mode
 * (system call, interrupt, exception).  Linux's struct pt_regs, plus
 * `vector` (which interrupt or exception; -1 for a system call), which
 * Linux keeps implicit in its one entry stub per vector.
 * kernel/entry.asm pushes them in exactly this order (ss first).
 */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long vector;
	unsigned long orig_ax;	/* syscall number, or the exception's error code */
	unsigned long ip, cs, flags, sp, ss;
};

#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_USER_DS	0x23	/* 0x20 | RPL 3 */
#define GDT_USER_CS	0x2b	/* 0x28 | RPL 3 */
#define GDT_TSS		0x30

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

void show_regs(const struct pt_regs *regs);
void dump_stack_from(unsigned long bp);

#endif
