/*
 * The load average: how many tasks want the CPU, averaged over about 1,
 * 5 and 15 minutes.  Every LOAD_FREQ (5 s) the timer tick counts the
 * runnable tasks and folds the count into three exponentially decaying
 * averages, in fixed point with FSHIFT fraction bits, exactly as Linux
 * does: load = load * e + n * (1 - e), with e = exp(-5 s / 1, 5, 15 min).
 * uptime, top and /proc/loadavg show them.  No task here sleeps
 * uninterruptibly for long, so only runnable tasks count (Linux adds
 * those in D state).
 * Linux: kernel/sched/loadavg.c.
 */
#include "kernel/kernel.h"
#include "kernel/loadavg.h"
#include "kernel/sched.h"
#include "kernel/timer.h"

#define LOAD_FREQ	(5 * HZ + 1)	/* ticks: 5 s, and one so as not to beat with 5 s work */
#define EXP_1		1884		/* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5		2014		/* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15		2037		/* FIXED_1 / exp(5 s / 15 min) */

unsigned long avenrun[3];
static u64 calc_load_update = LOAD_FREQ;	/* the jiffies of the next sample */

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;	/* round up while rising: reach a steady n */
	return newload / FIXED_1;
}

/* From the timer interrupt, every tick. */
void calc_global_load_tick(void)
{
	unsigned long active;

	if (jiffies < calc_load_update)
		return;
	calc_load_update += LOAD_FREQ;
	active = (unsigned long)nr_running() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
