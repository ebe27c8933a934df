#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/types.h"

/* Linux's signal numbers (x86_64). */
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define _NSIG		64

/*
 * A fault in user mode: Linux queues the signal and delivers it on the way
 * back to user space.  This kernel has no signal handlers yet, so the
 * default action (terminate) is taken at once.
 */
void force_sig_fault(int sig, unsigned long addr);
long sys_rt_sigprocmask(int how, const u64 __user *nset, u64 __user *oset,
			size_t sigsetsize);

#endif
