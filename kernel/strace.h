#ifndef KERNEL_STRACE_H
#define KERNEL_STRACE_H

/*
 * The system-call tracer (kernel/strace.c): a task whose trace_file is
 * set gets one line per system call written to that file, in the format
 * of Linux's strace.  prctl(PR_TEACHOS_TRACE, fd) switches it on, with
 * fd -1 off.  /bin/strace (user/strace.c) is the program that uses it.
 */
#include "kernel/types.h"

/* prctl option, far from Linux's (which are below 0x100 or 0x59616d61): 'TRCE'. */
#define PR_TEACHOS_TRACE	0x54524345

struct file;
struct pt_regs;
struct task_struct;

/* The line being built, with a hard end: what does not fit is dropped. */
struct strace_buf {
	char *buf;
	size_t len;			/* characters in buf; also the column */
	size_t limit;			/* nothing is added past this length */
};

/* One traced call, from entry to exit; lives on do_syscall_64's stack. */
struct strace_call {
	struct file *file;		/* the trace file, held for this call */
	unsigned long nr;
	unsigned long args[6];
	unsigned long user_sp;		/* rt_sigreturn finds its frame there */
	int next_arg;			/* the first argument not shown yet */
	struct strace_buf line;
};

/* do_syscall_64: true if this call is traced; then strace_leave must follow. */
bool strace_enter(struct strace_call *call, const struct pt_regs *regs);
void strace_leave(struct strace_call *call, long ret);

/* do_exit: "+++ exited with N +++" and let go of the trace file. */
void strace_exit_task(struct task_struct *tsk, int code);

/* prctl(PR_TEACHOS_TRACE, fd): trace the caller to fd, or stop (-1). */
long strace_set_file(int fd);

/*
 * prctl(2) itself lives in kernel/sys.c; it is declared here, beside the
 * option that is the tracer's switch.
 */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5);

#endif
