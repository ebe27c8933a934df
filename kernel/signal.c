/*
 * Signals, the part this kernel has so far: a fault kills the task with
 * the signal's default action, and the wait status says which signal.
 * The signal mask is kept (rt_sigprocmask), so a program that blocks and
 * unblocks sees its own mask.  Handlers and kill() belong to the
 * processes work still to come; until then rt_sigaction and kill are not
 * offered (-ENOSYS).
 * Linux: kernel/signal.c.
 */
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/exit.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define sigmask(sig)	(1ULL << ((sig) - 1))
#define SIGSTOP		19

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

long sys_rt_sigprocmask(int how, const u64 __user *nset, u64 __user *oset,
			size_t sigsetsize)
{
	u64 old = current->blocked, set;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		set &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));	/* never blockable */
		switch (how) {
		case SIG_BLOCK:
			current->blocked |= set;
			break;
		case SIG_UNBLOCK:
			current->blocked &= ~set;
			break;
		case SIG_SETMASK:
			current->blocked = set;
			break;
		default:
			return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
