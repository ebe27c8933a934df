/*
 * Signals, the part this kernel has so far: a fault kills the task with
 * the signal's default action, and the wait status says which signal.
 * Handlers, masks and kill() belong to the processes work still to come;
 * until then rt_sigaction and kill are not offered (-ENOSYS).
 * Linux: kernel/signal.c.
 */
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/exit.h"

bool signal_pending(struct task_struct *t)
{
	(void)t;
	return false;		/* nothing can send a signal yet */
}

void force_sig_fault(int sig, unsigned long addr)
{
	(void)addr;
	/* Default action of SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP: die.
	 * The wait status is the signal number (no core file is written). */
	do_exit(sig);
}
