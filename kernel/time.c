/*
 * The clocks.  The PIT interrupts HZ times a second (jiffies, time
 * slices, timers); the TSC, calibrated against the PIT at boot, gives
 * nanosecond time between ticks.  The wall clock starts from the CMOS RTC.
 * Linux: arch/x86/kernel/tsc.c, kernel/time/timekeeping.c.
 */
#include "kernel/kernel.h"
#include "kernel/io.h"
#include "kernel/irq.h"
#include "kernel/kernel_stat.h"
#include "kernel/timer.h"
#include "kernel/loadavg.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "drivers/rtc.h"

volatile u64 jiffies;
u64 tsc_khz;
u64 boot_tsc;			/* TSC at kernel entry (boot/head.asm) */
static u64 boot_real_ns;	/* wall clock at boot, from the RTC */
static LIST_HEAD(timer_list_head);

u64 tsc_to_ns(u64 cycles)
{
	/* cycles * 10^6 / khz, split to avoid overflowing 64 bits. */
	return cycles / tsc_khz * 1000000 + cycles % tsc_khz * 1000000 / tsc_khz;
}

u64 ktime_get_ns(void)
{
	return tsc_to_ns(rdtsc() - boot_tsc);
}

u64 ktime_get_real_ns(void)
{
	return boot_real_ns + ktime_get_ns();
}

u64 getboottime_ns(void)
{
	return boot_real_ns;
}

void add_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();
	struct timer_list *pos;

	list_for_each_entry(pos, &timer_list_head, entry)
		if (pos->expires > t->expires)
			break;
	list_add_tail(&t->entry, &pos->entry);	/* before pos: sorted */
	local_irq_restore(flags);
}

void del_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();

	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	local_irq_restore(flags);
}

static void wakeup_timer_fn(struct timer_list *t)
{
	wake_up_process(t->task);
}

void timer_setup_wakeup(struct timer_list *t, struct task_struct *task, u64 expires)
{
	INIT_LIST_HEAD(&t->entry);
	t->expires = expires;
	t->function = wakeup_timer_fn;
	t->task = task;
}

void run_timers(void)
{
	u64 now = ktime_get_ns();

	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head,
							struct timer_list, entry);
		if (t->expires > now)
			break;
		list_del_init(&t->entry);
		t->function(t);
	}
}

/*
 * Every tick: the time, the CPU time of whoever was interrupted (user or
 * kernel mode, as the saved CS says), due timers, the load average every
 * 5 s, the time slice.
 * Linux: tick_periodic() -> update_process_times().
 */
static void timer_interrupt(int irq)
{
	jiffies++;
	account_process_tick(current, user_mode(get_irq_regs()));
	run_timers();
	calc_global_load_tick();
	scheduler_tick();
}

void time_init(void)
{
	tsc_khz = pit_calibrate_tsc_khz();
	boot_real_ns = rtc_read_epoch_seconds() * NSEC_PER_SEC - ktime_get_ns();
	pit_start_periodic(HZ);
	request_irq(PIT_IRQ, timer_interrupt);
	pr_info("tsc: %lu.%03lu MHz TSC, clock source tsc, HZ=%d\n",
		tsc_khz / 1000, tsc_khz % 1000, HZ);
}
