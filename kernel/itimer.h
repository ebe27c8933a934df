#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

/* Interval timers (kernel/itimer.c).  Linux: include/uapi/linux/time.h. */
#include "kernel/types.h"
#include "kernel/resource.h"

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct itimerval {
	struct __kernel_old_timeval it_interval;	/* the period; 0: once */
	struct __kernel_old_timeval it_value;		/* time left; 0: disarmed */
};

/* A process's timer: ns left (the CPU-time ones; ITIMER_REAL uses a timer_list) and period. */
struct itimer_state {
	u64 value;
	u64 incr;
};

struct task_struct;

void itimer_init_task(struct task_struct *p);
void itimer_exit_task(struct task_struct *p);
void itimer_tick(struct task_struct *p, bool user_tick);
long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue);
long sys_alarm(unsigned int seconds);

#endif
