/*
 * CPU time accounting, by sampling.  On every timer tick (HZ=1000) the
 * task that was interrupted is charged the whole tick: user time if the
 * tick came in user mode, system time if it came in the kernel (a system
 * call, a fault, a kernel thread); a tick that finds the idle task is
 * idle time.  The same ticks add up, per CPU, to /proc/stat's "cpu" line.
 * A task that always sleeps before the tick comes escapes the count, as
 * on Linux with tick-based accounting.  The CPU-time clocks use the exact
 * runtime the scheduler measures instead (task_sched_runtime, sched.c).
 * Linux: kernel/sched/cputime.c (account_process_tick, account_user_time,
 * account_system_time, account_idle_time); kernel/sys.c (getrusage, times).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/kernel_stat.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"

_Static_assert(sizeof(struct rusage) == 144, "Linux x86_64's struct rusage");

struct kernel_cpustat kcpustat;

static void account_user_time(struct task_struct *p, u64 cputime)
{
	p->utime += cputime;
	kcpustat.cpustat[CPUTIME_USER] += cputime;	/* no nice values: never NICE */
}

static void account_system_time(struct task_struct *p, u64 cputime)
{
	p->stime += cputime;
	kcpustat.cpustat[CPUTIME_SYSTEM] += cputime;
}

static void account_idle_time(u64 cputime)
{
	kcpustat.cpustat[CPUTIME_IDLE] += cputime;
}

/* From the timer interrupt: p had the CPU for the tick that just ended. */
void account_process_tick(struct task_struct *p, bool user_tick)
{
	if (user_tick)
		account_user_time(p, TICK_NSEC);
	else if (!is_idle_task(p))
		account_system_time(p, TICK_NSEC);
	else
		account_idle_time(TICK_NSEC);
	if (!is_idle_task(p))
		itimer_tick(p, user_tick);	/* ITIMER_VIRTUAL, ITIMER_PROF */
}

static struct __kernel_old_timeval ns_to_timeval(u64 ns)
{
	struct __kernel_old_timeval tv = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_usec = ns % NSEC_PER_SEC / 1000,
	};

	return tv;
}

/* A struct rusage with these times; the fields not kept here are 0. */
int put_rusage(u64 utime, u64 stime, struct rusage __user *ru)
{
	struct rusage r;

	memset(&r, 0, sizeof(r));
	r.ru_utime = ns_to_timeval(utime);
	r.ru_stime = ns_to_timeval(stime);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * One thread per process here, so RUSAGE_THREAD is RUSAGE_SELF.
 * RUSAGE_CHILDREN: the children wait4 has reaped, and what they had reaped.
 */
long sys_getrusage(int who, struct rusage __user *ru)
{
	struct task_struct *t = current;
	u64 utime, stime;

	switch (who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD:
		utime = t->utime;
		stime = t->stime;
		break;
	case RUSAGE_CHILDREN:
		utime = t->cutime;
		stime = t->cstime;
		break;
	default:
		return -EINVAL;
	}
	return put_rusage(utime, stime, ru);
}

/* The times in clock ticks (USER_HZ); returns the ticks since boot. */
long sys_times(struct tms __user *tbuf)
{
	struct task_struct *t = current;

	if (tbuf) {
		struct tms tms = {
			.tms_utime = nsec_to_clock_t(t->utime),
			.tms_stime = nsec_to_clock_t(t->stime),
			.tms_cutime = nsec_to_clock_t(t->cutime),
			.tms_cstime = nsec_to_clock_t(t->cstime),
		};

		if (copy_to_user(tbuf, &tms, sizeof(tms)))
			return -EFAULT;
	}
	return jiffies / (HZ / USER_HZ);
}
