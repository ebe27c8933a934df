#ifndef KERNEL_X86_H
#define KERNEL_X86_H

/* Registers and instructions of the x86_64 CPU the kernel uses. */
#include "kernel/types.h"

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define EFER_SCE	(1UL << 0)	/* syscall/sysret enabled */
#define EFER_NX		(1UL << 11)

#define X86_CR0_WP	(1UL << 16)
#define X86_CR4_PGE	(1UL << 7)
#define X86_CR4_OSFXSR	(1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_SMEP	(1UL << 20)
#define X86_CR4_SMAP	(1UL << 21)

#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_DF	(1UL << 10)
#define X86_EFLAGS_TF	(1UL << 8)
#define X86_EFLAGS_AC	(1UL << 18)
#define X86_EFLAGS_IOPL	(3UL << 12)
#define X86_EFLAGS_NT	(1UL << 14)

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#define DEFINE_CR(n)							\
static inline u64 read_cr##n(void)					\
{									\
	u64 v;								\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v));			\
	return v;							\
}									\
static inline void write_cr##n(u64 v)					\
{									\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");		\
}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void invlpg(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline void hlt(void)
{
	asm volatile("hlt");
}

/* SMAP: the kernel opens user memory only inside copy_*_user. */
extern bool cpu_has_smap;

static inline void stac(void)
{
	if (cpu_has_smap)
		asm volatile("stac" : : : "memory");
}

static inline void clac(void)
{
	if (cpu_has_smap)
		asm volatile("clac" : : : "memory");
}

#endif
