/*
 * This CPU's descriptor tables and system-call MSRs: the GDT with the
 * TSS, the per-CPU area behind %gs, and syscall/sysret.
 * Linux: arch/x86/kernel/cpu/common.c (cpu_init, syscall_init).
 */
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "kernel/percpu.h"
#include "kernel/ptrace.h"
#include "kernel/cpu.h"

/* The 64-bit TSS: only the stack pointers matter in long mode. */
struct tss {
	u32 reserved0;
	u64 rsp0;		/* stack for interrupts arriving from ring 3 */
	u64 rsp1, rsp2;
	u64 reserved1;
	u64 ist[7];		/* known-good stacks for chosen vectors */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

/*
 * GDT order is dictated by syscall/sysret: STAR[47:32] gives the kernel
 * CS (SS = CS + 8), STAR[63:48] + 16 the user CS and + 8 the user SS.
 */
static u64 gdt[8] __aligned(16) = {
	0,
	0x00af9a000000ffff,	/* 0x08 kernel code, 64-bit */
	0x00cf92000000ffff,	/* 0x10 kernel data */
	0x00cffa000000ffff,	/* 0x18 user code, 32-bit (unused; sysret base) */
	0x00cff2000000ffff,	/* 0x20 user data */
	0x00affa000000ffff,	/* 0x28 user code, 64-bit */
	0, 0,			/* 0x30 TSS, 16 bytes */
};

static struct tss tss __aligned(16);
static u8 double_fault_stack[4096] __aligned(16);
struct percpu cpu0;
bool cpu_has_smap;

void entry_SYSCALL_64(void);

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

static void load_gdt_and_tss(void)
{
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;
	struct desc_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[7] = base >> 32;
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */
	tss.ist[IST_DOUBLE_FAULT - 1] = (u64)double_fault_stack + sizeof(double_fault_stack);

	asm volatile("lgdt %0" : : "m"(ptr));
	/* Reload CS with a far return, then the data segments. */
	asm volatile("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
		     : : "i"(GDT_KERNEL_CS) : "rax", "memory");
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%ss"
		     : : "r"(GDT_KERNEL_DS));
	asm volatile("ltr %w0" : : "r"(GDT_TSS));
}

static void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((u64)0x18 << 48) | ((u64)GDT_KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	/* Flags cleared on entry: interrupts, direction, trap, alignment check. */
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF |
	      X86_EFLAGS_AC | X86_EFLAGS_NT | X86_EFLAGS_IOPL);
}

/* SSE for user programs; SMEP/SMAP so the kernel cannot run or read user pages. */
static void setup_cr4(void)
{
	u32 a, b, c, d;
	u64 cr4 = read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT | X86_CR4_PGE;

	cpuid(7, 0, &a, &b, &c, &d);
	if (b & (1 << 7))
		cr4 |= X86_CR4_SMEP;
	if (b & (1 << 20)) {
		cr4 |= X86_CR4_SMAP;
		cpu_has_smap = true;
	}
	write_cr4(cr4);
	write_cr0((read_cr0() & ~(1UL << 2)) | (1UL << 1) | X86_CR0_WP); /* FPU: no EM, MP */
	asm volatile("fninit");
}

void cpu_init(void)
{
	load_gdt_and_tss();
	cpu0.current_task = NULL;
	wrmsr(MSR_GS_BASE, (u64)&cpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	syscall_init();
	setup_cr4();
}

/* Called on every switch: interrupts and syscalls from ring 3 land here. */
void set_kernel_stack(unsigned long top)
{
	tss.rsp0 = top;
	cpu0.kernel_sp = top;
}

void cpu_set_current(struct task_struct *t)
{
	cpu0.current_task = t;
}
