#ifndef KERNEL_KERNEL_STAT_H
#define KERNEL_KERNEL_STAT_H

/*
 * What the CPU spent its time on, and other counters since boot, for
 * /proc/stat and /proc/uptime.  Linux: include/linux/kernel_stat.h.
 */
#include "kernel/types.h"
#include "kernel/irq.h"

/* The columns of /proc/stat's "cpu" lines, in their order. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_IRQ,
	CPUTIME_SOFTIRQ,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* The one CPU's times in ns, each a whole number of ticks. */
struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

struct task_struct;

extern struct kernel_cpustat kcpustat;
extern u64 kstat_irqs[NR_IRQS];		/* interrupts taken, per line (irq.c) */
extern u64 nr_context_switches;		/* sched.c */
extern u64 total_forks;			/* tasks created since boot (fork.c) */

void account_process_tick(struct task_struct *p, bool user_tick);

#endif
