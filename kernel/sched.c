/*
 * The scheduler: one run queue, round robin, a time slice of
 * TIMESLICE_TICKS timer ticks.  The kernel itself is not preemptible:
 * a task is switched out only when it sleeps, or on its way back to user
 * mode once its slice is used up (need_resched).
 * Linux: kernel/sched/core.c (schedule, context_switch, wake_up_process).
 */
#include "kernel/sched.h"
#include "kernel/cpu.h"
#include "kernel/x86.h"
#include "kernel/timer.h"
#include "kernel/fork.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/uaccess.h"
#include "kernel/kernel_stat.h"
#include "kernel/mm/mm.h"

LIST_HEAD(task_list);
static LIST_HEAD(runqueue);
static struct task_struct idle_task __aligned(16);
struct task_struct *init_task_ptr;
static u8 init_fpstate[512] __aligned(16);	/* registers of a fresh process */

extern char init_stack_top[];	/* boot/head.asm: THREAD_SIZE below it */
extern unsigned long __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp,
				     struct task_struct *prev);

void sched_init(void)
{
	struct task_struct *idle = &idle_task;

	/* The boot thread becomes the idle task, pid 0, as Linux's swapper. */
	idle->state = TASK_RUNNING;
	idle->pid = 0;
	strlcpy(idle->comm, "swapper", sizeof(idle->comm));
	idle->stack = (void *)((unsigned long)init_stack_top - THREAD_SIZE);
	idle->mm = NULL;
	INIT_LIST_HEAD(&idle->children);
	INIT_LIST_HEAD(&idle->sibling);
	INIT_LIST_HEAD(&idle->run_list);
	init_waitqueue_head(&idle->wait_chldexit);
	list_add_tail(&idle->tasks, &task_list);
	cpu_set_current(idle);
	set_kernel_stack((unsigned long)init_stack_top);

	asm volatile("fninit; fxsave %0" : "=m"(init_fpstate));
	*(u32 *)&init_fpstate[24] = 0x1f80;	/* MXCSR: all SSE exceptions masked */
}

/* A new task's registers start as a fresh process's. */
void fpu_init_task(struct task_struct *t)
{
	memcpy(t->thread.fxsave, init_fpstate, sizeof(init_fpstate));
}

struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

void set_task_comm(struct task_struct *t, const char *name)
{
	const char *base = name;

	for (; *name; name++)
		if (*name == '/')
			base = name + 1;
	strlcpy(t->comm, base, sizeof(t->comm));
}

void sched_add_task(struct task_struct *t)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&t->tasks, &task_list);
	t->state = TASK_INTERRUPTIBLE;
	local_irq_restore(flags);
	wake_up_process(t);
}

void wake_up_process(struct task_struct *t)
{
	wake_up_state(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

/* Make t runnable if its state is one of states (a stopped task needs SIGCONT). */
void wake_up_state(struct task_struct *t, long states)
{
	unsigned long flags = local_irq_save();

	if (t->state & states) {
		t->state = TASK_RUNNING;
		if (list_empty(&t->run_list))
			list_add_tail(&t->run_list, &runqueue);
		if (current == &idle_task)
			idle_task.need_resched = true;
	}
	local_irq_restore(flags);
}

/* Runnable tasks, the one running included (the load average counts them). */
unsigned int nr_running(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *t;
	unsigned int n = 0;

	list_for_each_entry(t, &runqueue, run_list)
		n++;
	local_irq_restore(flags);
	return n;
}

/* Called by the timer interrupt on every tick. */
void scheduler_tick(void)
{
	struct task_struct *t = current;

	if (t == &idle_task) {
		if (!list_empty(&runqueue))
			t->need_resched = true;
		return;
	}
	if (--t->time_slice <= 0) {
		t->time_slice = TIMESLICE_TICKS;
		t->need_resched = true;
	}
}

/* Returns the task that ran just before we got the CPU back. */
static struct task_struct *context_switch(struct task_struct *prev,
					  struct task_struct *next)
{
	struct mm_struct *mm = next->mm ? next->mm : &init_mm;

	if (!prev->mm || mm != prev->mm)
		write_cr3(__pa(mm->pgd));
	set_kernel_stack((unsigned long)next->stack + THREAD_SIZE);
	asm volatile("fxsave %0" : "=m"(prev->thread.fxsave));
	asm volatile("fxrstor %0" : : "m"(next->thread.fxsave));
	wrmsr(MSR_FS_BASE, next->thread.fsbase);
	cpu_set_current(next);
	return (struct task_struct *)__switch_to_asm(&prev->thread.sp,
						     next->thread.sp, prev);
}

/* After a switch, on the new task's stack: release what a dead prev left. */
static void finish_task_switch(struct task_struct *prev)
{
	if (prev->exit_state && prev->stack) {
		free_pages((unsigned long)prev->stack, THREAD_SIZE_ORDER);
		prev->stack = NULL;
		if (prev->exit_state == EXIT_DEAD)
			release_task(prev);	/* nobody will wait for it */
	}
}

/* The first thing a new task runs (from ret_from_fork). */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	if (current->set_child_tid) {
		local_irq_enable();	/* may take a copy-on-write fault */
		put_user(current->pid, current->set_child_tid);
		local_irq_disable();
	}
}

u64 nr_context_switches;	/* for /proc/stat's ctxt */

/* prev leaves the CPU to next: charge prev the exact time it had it. */
static void update_curr(struct task_struct *prev, struct task_struct *next)
{
	u64 now = ktime_get_ns();

	prev->sum_exec_runtime += now - prev->exec_start;
	next->exec_start = now;
	nr_context_switches++;
}

/*
 * The CPU time of t in ns, to the nanosecond (the CPU-time clocks), where
 * utime and stime only count whole ticks.  Linux: task_sched_runtime().
 */
u64 task_sched_runtime(struct task_struct *t)
{
	unsigned long flags = local_irq_save();
	u64 ns = t->sum_exec_runtime;

	if (t == current)
		ns += ktime_get_ns() - t->exec_start;
	local_irq_restore(flags);
	return ns;
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags = local_irq_save();

	prev->need_resched = false;
	if (prev->state != TASK_RUNNING && !list_empty(&prev->run_list))
		list_del_init(&prev->run_list);
	if (list_empty(&runqueue)) {
		next = &idle_task;
	} else {
		next = list_first_entry(&runqueue, struct task_struct, run_list);
		list_move_tail(&next->run_list, &runqueue);
	}
	if (next != prev) {
		next->time_slice = TIMESLICE_TICKS;
		update_curr(prev, next);
		finish_task_switch(context_switch(prev, next));
	}
	local_irq_restore(flags);
}

/* Runs with interrupts off just before every return to user mode. */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		while (current->need_resched) {
			schedule();
			local_irq_disable();
		}
		if (!signal_pending(current) && (long)regs->ax != -ERESTARTSYS &&
		    (long)regs->ax != -ERESTARTNOHAND)
			return;
		local_irq_enable();	/* delivery may fault on the user stack */
		do_signal(regs);
		local_irq_disable();
		if (!signal_pending(current))
			return;
	}
}

/*
 * The idle task's loop: halt until an interrupt.  The time spent here is
 * counted by the timer tick (account_process_tick), in the same ticks as
 * every task's CPU time, for /proc/stat and /proc/uptime.
 */
__noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!list_empty(&runqueue))
			schedule();
		else
			asm volatile("sti; hlt" : : : "memory");
	}
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && !(t->exit_state & EXIT_DEAD))
			return t;
	return NULL;
}

/* The next free pid after the last one handed out, wrapping as Linux. */
pid_t last_pid;		/* the newest pid (/proc/loadavg) */

pid_t alloc_pid(void)
{
	int tries;

	for (tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 >= PID_MAX ? 1 : last_pid + 1;
		if (!find_task_by_pid(last_pid))
			return last_pid;
	}
	return -1;
}

/* Sleep for ns nanoseconds or until woken; returns the ns left. */
long schedule_timeout(long ns)
{
	struct timer_list timer;
	u64 deadline = ktime_get_ns() + ns;
	u64 now;

	timer_setup_wakeup(&timer, current, deadline);
	add_timer(&timer);
	schedule();
	del_timer(&timer);
	now = ktime_get_ns();
	return now >= deadline ? 0 : (long)(deadline - now);
}

/* execve: the new program starts with clean x87/SSE registers. */
void fpu_reset_current(void)
{
	asm volatile("fxrstor %0" : : "m"(init_fpstate));
}
