/*
 * Interval timers: alarm(2), setitimer(2), getitimer(2).  Each process
 * has three:
 *
 *   ITIMER_REAL     real time, a kernel timer; SIGALRM when it runs out
 *   ITIMER_VIRTUAL  the process's user time; SIGVTALRM
 *   ITIMER_PROF     its user and system time; SIGPROF
 *
 * The two CPU-time timers count down by whole timer ticks, as the time
 * they measure is counted (kernel/cputime.c).  A timer with an interval
 * starts again when it fires.  fork gives the child none; execve keeps
 * them (POSIX); they die with the process.
 * Linux: kernel/time/itimer.c, kernel/time/posix-cpu-timers.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"

#define USEC_PER_SEC	1000000L
#define NSEC_PER_USEC	1000L

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static u64 timeval_to_ns(const struct __kernel_old_timeval *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

/* Microseconds round up, so a timer that has not fired never reads 0. */
static struct __kernel_old_timeval ns_to_timeval_up(u64 ns)
{
	u64 us = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;
	struct __kernel_old_timeval tv = { us / USEC_PER_SEC, us % USEC_PER_SEC };

	return tv;
}

/* ITIMER_REAL ran out (interrupt context): signal, and start again if periodic. */
static void it_real_fn(struct timer_list *t)
{
	struct task_struct *p = container_of(t, struct task_struct, real_timer);

	send_signal(p, SIGALRM);
	if (p->it[ITIMER_REAL].incr) {
		t->expires += p->it[ITIMER_REAL].incr;
		add_timer(t);
	}
}

void itimer_init_task(struct task_struct *p)
{
	INIT_LIST_HEAD(&p->real_timer.entry);
	p->real_timer.function = it_real_fn;
	memset(p->it, 0, sizeof(p->it));
}

void itimer_exit_task(struct task_struct *p)
{
	del_timer(&p->real_timer);
}

/* The time left on a timer, in ns (0: disarmed). */
static u64 itimer_left(struct task_struct *p, int which)
{
	if (which != ITIMER_REAL)
		return p->it[which].value;
	if (!timer_pending(&p->real_timer))
		return 0;
	return max(p->real_timer.expires, ktime_get_ns() + 1) - ktime_get_ns();
}

static void itimer_get(int which, struct itimerval *value)
{
	value->it_value = ns_to_timeval_up(itimer_left(current, which));
	value->it_interval = ns_to_timeval_up(current->it[which].incr);
}

static void itimer_set(int which, u64 value, u64 incr)
{
	struct task_struct *p = current;
	unsigned long flags = local_irq_save();

	p->it[which].incr = incr;
	if (which == ITIMER_REAL) {
		del_timer(&p->real_timer);
		if (value) {
			p->real_timer.expires = ktime_get_ns() + value;
			add_timer(&p->real_timer);
		}
	} else {
		p->it[which].value = value;
	}
	local_irq_restore(flags);
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_get(which, &v);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* A NULL new value disarms the timer, as Linux has always allowed. */
long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue)
{
	struct itimerval v = { { 0, 0 }, { 0, 0 } }, old;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
		return -EINVAL;
	itimer_get(which, &old);
	itimer_set(which, timeval_to_ns(&v.it_value), timeval_to_ns(&v.it_interval));
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * alarm(seconds): ITIMER_REAL once; returns the seconds the previous
 * alarm still had, rounded to the nearest, and at least 1 if any time
 * was left (Linux: alarm_setitimer).
 */
long sys_alarm(unsigned int seconds)
{
	u64 left = itimer_left(current, ITIMER_REAL);
	long secs = left / NSEC_PER_SEC;

	if ((left && !secs) || left % NSEC_PER_SEC >= NSEC_PER_SEC / 2)
		secs++;
	itimer_set(ITIMER_REAL, (u64)seconds * NSEC_PER_SEC, 0);
	return secs;
}

/* One tick of CPU time of p (timer interrupt): count down the CPU-time timers. */
static void itimer_count(struct task_struct *p, int which, int sig)
{
	struct itimer_state *it = &p->it[which];

	if (!it->value)
		return;
	if (it->value > TICK_NSEC) {
		it->value -= TICK_NSEC;
		return;
	}
	it->value = it->incr;
	send_signal(p, sig);
}

void itimer_tick(struct task_struct *p, bool user_tick)
{
	if (user_tick)
		itimer_count(p, ITIMER_VIRTUAL, SIGVTALRM);
	itimer_count(p, ITIMER_PROF, SIGPROF);
}
