#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

/*
 * Time: jiffies counted by the timer interrupt (HZ per second), and a
 * nanosecond monotonic clock from the TSC.  Linux: kernel/time/.
 */
#include "kernel/types.h"
#include "kernel/list.h"

#define HZ		1000
#define NSEC_PER_SEC	1000000000UL
#define NSEC_PER_MSEC	1000000UL
#define TICK_NSEC	(NSEC_PER_SEC / HZ)	/* one timer tick */
#define USER_HZ		100	/* clock_t: the unit of times() and /proc, as Linux */

/* ns to the clock ticks user space sees (times(), /proc/PID/stat). */
static inline u64 nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

struct task_struct;

/* A callback at a point of the monotonic clock (Linux's timer_list/hrtimer). */
struct timer_list {
	struct list_head entry;
	u64 expires;			/* ktime_get_ns() value */
	void (*function)(struct timer_list *t);
	struct task_struct *task;	/* for timers that wake a task */
};

extern volatile u64 jiffies;
extern u64 tsc_khz;
extern u64 boot_tsc;

void time_init(void);
u64 ktime_get_ns(void);			/* CLOCK_MONOTONIC, since boot */
u64 ktime_get_real_ns(void);		/* CLOCK_REALTIME */
u64 getboottime_ns(void);		/* CLOCK_REALTIME at boot */
u64 tsc_to_ns(u64 cycles);
void add_timer(struct timer_list *t);
static inline bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}
void del_timer(struct timer_list *t);
void timer_setup_wakeup(struct timer_list *t, struct task_struct *task, u64 expires);
void run_timers(void);

#endif
