#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include "kernel/ptrace.h"

enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC, X86_TRAP_XF,
};

/* Page fault error code bits. */
#define X86_PF_PROT	0x1	/* 0: page not present; 1: protection */
#define X86_PF_WRITE	0x2
#define X86_PF_USER	0x4
#define X86_PF_RSVD	0x8
#define X86_PF_INSTR	0x10

void trap_init(void);
bool fixup_exception(struct pt_regs *regs);
__noreturn void die(const char *what, struct pt_regs *regs, unsigned long err);
void user_fault(struct pt_regs *regs, int trapnr, unsigned long addr);
void do_page_fault(struct pt_regs *regs, unsigned long error_code,
		   unsigned long address);

/*
 * Put an instruction that may fault on a user address into the exception
 * table: a fault there continues at `fixup` instead of panicking.
 */
#define _ASM_EXTABLE(from, to)					\
	".pushsection __ex_table, \"a\"\n"			\
	".balign 8\n"						\
	".quad " #from ", " #to "\n"				\
	".popsection\n"

#endif
