#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/*
 * Tasks and the scheduler: preemptive round-robin over one run queue.
 * Linux: include/linux/sched.h, kernel/sched/core.c (much simplified: no
 * priorities, no CFS, one CPU).
 */
#include "kernel/kernel.h"
#include "kernel/list.h"
#include "kernel/wait.h"
#include "kernel/percpu.h"
#include "kernel/ptrace.h"
#include "kernel/resource.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/itimer.h"

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_STOPPED		4	/* by SIGSTOP & co., until SIGCONT or SIGKILL */
#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

#define THREAD_SIZE		(16 * 1024)	/* kernel stack, as Linux x86_64 */
#define THREAD_SIZE_ORDER	2
#define TASK_COMM_LEN		16
#define PID_MAX			32768
#define TIMESLICE_TICKS		10		/* jiffies a task runs before preemption */

/* What switch_to saves of a task that is not running. */
struct thread_struct {
	unsigned long sp;		/* kernel stack pointer, in __switch_to_asm */
	unsigned long fsbase;		/* user TLS base (arch_prctl ARCH_SET_FS) */
	u8 fxsave[512] __aligned(16);	/* x87/SSE registers of user mode */
};

struct mm_struct;
struct files_struct;
struct fs_struct;
struct file;

struct timespec;

struct task_struct {
	struct thread_struct thread;
	volatile long state;
	int exit_state;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* the kernel stack: THREAD_SIZE bytes */
	bool need_resched;
	int time_slice;

	struct mm_struct *mm;
	struct files_struct *files;
	struct fs_struct *fs;		/* root, cwd, umask */

	struct task_struct *real_parent;
	struct list_head children;	/* my children */
	struct list_head sibling;	/* link in my parent's children */
	struct list_head tasks;		/* link in the list of all tasks */
	struct list_head run_list;	/* link in the run queue */
	wait_queue_head_t wait_chldexit; /* wait4() sleeps here */

	struct rlimit rlim[RLIM_NLIMITS];	/* RLIMIT_NOFILE lives in files */
	u64 blocked;			/* signal mask: bit (sig - 1) */
	u64 pending;			/* signals sent, not yet delivered */
	u64 saved_sigmask;		/* rt_sigsuspend: the mask to restore */
	bool restore_sigmask;
	/* How restart_syscall goes on with an interrupted sleep (Linux's restart_block). */
	struct restart_block {
		long (*fn)(struct restart_block *rb);
		int clockid;
		u64 deadline;			/* ns on that clock */
		struct timespec __user *rmtp;
	} restart_block;
	struct k_sigaction sighand[32];	/* what each standard signal does */
	pid_t pgid;			/* process group */
	pid_t sid;			/* session */
	bool did_exec;
	struct task_struct *vfork_parent;	/* asleep until we exec or exit */			/* setpgid on a child that exec'd: EACCES */
	int exit_code;			/* the wait status for the parent */
	int stop_signal;		/* the signal that stopped us; 0: not stopped */
	int stop_report;		/* CLD_STOPPED or CLD_CONTINUED, for wait4 */
	int __user *clear_child_tid;	/* set_tid_address */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID: written on first run */
	u64 start_time;			/* ns since boot */
	u64 utime, stime;		/* CPU time in ns, a tick at a time (cputime.c) */
	u64 cutime, cstime;		/* of the children reaped, with theirs */
	struct timer_list real_timer;	/* ITIMER_REAL (itimer.c) */
	struct itimer_state it[3];	/* ITIMER_REAL's period; the CPU-time timers */
	u64 sum_exec_runtime;		/* ns on the CPU, exact: the CPU-time clocks */
	u64 exec_start;			/* when it last got the CPU (ktime_get_ns) */
	struct file *trace_file;	/* prctl PR_TEACHOS_TRACE: system calls reported there (strace.c) */
};

extern struct list_head task_list;
extern struct task_struct *init_task_ptr;	/* pid 1, once it exists */

void sched_init(void);
void schedule(void);
void scheduler_tick(void);
unsigned int nr_running(void);
void wake_up_process(struct task_struct *t);
void wake_up_state(struct task_struct *t, long states);
void sched_add_task(struct task_struct *t);
struct task_struct *find_task_by_pid(pid_t pid);
pid_t alloc_pid(void);
extern pid_t last_pid;
void exit_to_user_mode(struct pt_regs *regs);
struct pt_regs *task_pt_regs(struct task_struct *t);
long schedule_timeout(long ns);
void set_task_comm(struct task_struct *t, const char *name);
__noreturn void cpu_idle(void);
u64 task_sched_runtime(struct task_struct *t);

/* The idle task (pid 0, "swapper") runs when nothing else can. */
static inline bool is_idle_task(const struct task_struct *t)
{
	return t->pid == 0;
}

static inline void set_current_state(long state)
{
	current->state = state;
}

#endif
