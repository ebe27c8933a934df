/*
 * The IDT and what happens on each CPU exception.
 * A fault in user mode ends that task with the signal Linux would send;
 * a fault in kernel mode is either recovered through the exception table
 * (copy_from_user and friends) or is a kernel bug: panic with a report.
 * Linux: arch/x86/kernel/traps.c, idt.c; arch/x86/mm/fault.c, extable.c.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/ptrace.h"
#include "kernel/cpu.h"
#include "kernel/traps.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86.h"

struct idt_entry {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 zero;
} __packed;

static struct idt_entry idt[256] __aligned(16);
extern const u64 interrupt_vectors[48];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"x87 floating point error", "alignment check", "machine check",
	"SIMD floating point exception", "virtualization exception",
	"control protection fault",
};

/* The signal Linux sends for each exception raised in user mode. */
static const int exception_signals[32] = {
	[X86_TRAP_DE] = SIGFPE, [X86_TRAP_DB] = SIGTRAP, [X86_TRAP_BP] = SIGTRAP,
	[X86_TRAP_OF] = SIGSEGV, [X86_TRAP_BR] = SIGSEGV, [X86_TRAP_UD] = SIGILL,
	[X86_TRAP_NM] = SIGSEGV, [X86_TRAP_TS] = SIGSEGV, [X86_TRAP_NP] = SIGBUS,
	[X86_TRAP_SS] = SIGBUS, [X86_TRAP_GP] = SIGSEGV, [X86_TRAP_MF] = SIGFPE,
	[X86_TRAP_AC] = SIGBUS, [X86_TRAP_XF] = SIGFPE,
};

static void set_gate(int vec, u64 handler, int ist, int dpl)
{
	struct idt_entry *e = &idt[vec];

	e->offset_low = handler & 0xffff;
	e->selector = GDT_KERNEL_CS;
	e->ist = ist;
	e->type_attr = 0x8e | (dpl << 5);	/* present, interrupt gate */
	e->offset_mid = (handler >> 16) & 0xffff;
	e->offset_high = handler >> 32;
	e->zero = 0;
}

void trap_init(void)
{
	struct {
		u16 size;
		u64 address;
	} __packed ptr = { sizeof(idt) - 1, (u64)idt };
	int i;

	for (i = 0; i < 48; i++)
		set_gate(i, interrupt_vectors[i], 0, 0);
	/* A double fault may mean the kernel stack is gone: use a known one. */
	set_gate(X86_TRAP_DF, interrupt_vectors[X86_TRAP_DF], IST_DOUBLE_FAULT, 0);
	/* int3 may be used from user mode (debuggers): allowed from ring 3. */
	set_gate(X86_TRAP_BP, interrupt_vectors[X86_TRAP_BP], 0, 3);
	asm volatile("lidt %0" : : "m"(ptr));
}

/* The exception table: (faulting instruction, where to continue) pairs. */
struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	}
	return false;
}

__noreturn void die(const char *what, struct pt_regs *regs, unsigned long err)
{
	local_irq_disable();
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	printk(KERN_EMERG "%s: %04lx [#1] in kernel mode\n", what, err);
	show_regs(regs);
	dump_stack_from(regs->bp);
	panic("Fatal exception: %s", what);
}

/* A user task faulted: report it in one line, as Linux's show_signal(). */
void user_fault(struct pt_regs *regs, int trapnr, unsigned long addr)
{
	struct task_struct *tsk = current;
	int sig = exception_signals[trapnr] ? exception_signals[trapnr] : SIGSEGV;
	void __user *handler = tsk->sighand[sig - 1].handler;

	/* Like Linux's show_unhandled_signals: report only faults that kill. */
	if (handler != SIG_DFL && handler != SIG_IGN && !(tsk->blocked & sigmask(sig)))
		;
	else if (trapnr == X86_TRAP_PF)
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		       tsk->comm, tsk->pid, addr, regs->ip, regs->sp, regs->orig_ax);
	else
		printk(KERN_INFO "traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n",
		       tsk->comm, tsk->pid, exception_names[trapnr], regs->ip,
		       regs->sp, regs->orig_ax);
	force_sig_fault(sig, addr);
}

static void do_trap(struct pt_regs *regs, int trapnr)
{
	if (user_mode(regs)) {
		user_fault(regs, trapnr, regs->ip);
		return;
	}
	if (trapnr == X86_TRAP_GP && fixup_exception(regs))
		return;
	die(exception_names[trapnr], regs, regs->orig_ax);
}

void interrupt_dispatch(struct pt_regs *regs)
{
	int vec = regs->vector;

	if (vec >= IRQ_BASE_VECTOR && vec < IRQ_BASE_VECTOR + NR_IRQS) {
		do_IRQ(regs, vec - IRQ_BASE_VECTOR);
		return;
	}
	if (vec == X86_TRAP_PF) {
		do_page_fault(regs, regs->orig_ax, read_cr2());
		return;
	}
	if (vec == X86_TRAP_DF || vec == X86_TRAP_MC || vec == X86_TRAP_NMI)
		die(exception_names[vec], regs, regs->orig_ax);
	if (vec < 32) {
		do_trap(regs, vec);
		return;
	}
	panic("unexpected interrupt vector %d", vec);
}
