#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

/*
 * Data of this CPU, reached through %gs in kernel mode (swapgs on every
 * entry from and exit to user mode, as Linux).  kernel/entry.asm uses the
 * offsets below; keep them in step with the struct.
 */
#define PERCPU_KERNEL_SP	0
#define PERCPU_USER_SP		8

#ifndef __ASSEMBLER__
struct task_struct;

struct percpu {
	unsigned long kernel_sp;	/* top of the current task's kernel stack */
	unsigned long user_sp;		/* scratch for the syscall entry */
	struct task_struct *current_task;
};

extern struct percpu cpu0;

static inline struct task_struct *get_current(void)
{
	struct task_struct *t;

	asm volatile("movq %%gs:16, %0" : "=r"(t));
	return t;
}

#define current get_current()
#endif

#endif
