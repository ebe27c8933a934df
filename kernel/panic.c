/*
 * panic(): the kernel found its own invariants broken (or faulted in
 * kernel mode).  Print what is known, then stop this CPU for good.
 * Linux: kernel/panic.c, arch/x86/kernel/dumpstack.c.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/kallsyms.h"
#include "kernel/ptrace.h"
#include "kernel/mm/page.h"

static void print_symbol(const char *prefix, unsigned long addr)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		printk(KERN_EMERG "%s%016lx %s+0x%lx\n", prefix, addr, name, off);
	else
		printk(KERN_EMERG "%s%016lx ?\n", prefix, addr);
}

static bool kernel_stack_addr(unsigned long a)
{
	return a >= PAGE_OFFSET && (a & 7) == 0;
}

/* Walk the frame-pointer chain (the kernel is built with frame pointers). */
void dump_stack_from(unsigned long bp)
{
	int depth;

	printk(KERN_EMERG "Call Trace (callers, innermost first):\n");
	for (depth = 0; depth < 32 && kernel_stack_addr(bp); depth++) {
		unsigned long *frame = (unsigned long *)bp;

		if (frame[1] < __START_KERNEL_map)
			break;
		print_symbol("  ", frame[1]);
		if (frame[0] <= bp)	/* stacks grow down: callers are higher */
			break;
		bp = frame[0];
	}
}

void show_regs(const struct pt_regs *r)
{
	print_symbol("RIP: ", r->ip);
	printk(KERN_EMERG "CS: %04lx RSP: %016lx EFLAGS: %08lx SS: %04lx\n",
	       r->cs, r->sp, r->flags, r->ss);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
}

__noreturn void panic(const char *fmt, ...)
{
	static bool in_panic;
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (!in_panic) {
		in_panic = true;
		console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
		dump_stack_from((unsigned long)__builtin_frame_address(0));
		printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	}
	for (;;)
		asm volatile("cli; hlt");
}
