#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

/*
 * Signals: Linux's numbers, actions and delivery for standard signals
 * (1..31, one pending instance each).  Linux: include/linux/signal.h,
 * kernel/signal.c, arch/x86/kernel/signal.c.
 */
#include "kernel/types.h"

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
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define _NSIG		64

#define SIG_DFL		((void __user *)0)
#define SIG_IGN		((void __user *)1)

/* si_code of SIGCHLD, and what a stopped or continued child has to report. */
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define sigmask(sig)	(1ULL << ((sig) - 1))

struct k_sigaction {
	void __user *handler;
	unsigned long flags;
	void __user *restorer;
	u64 mask;
};

struct task_struct;

/* Queue sig for t and wake it if it sleeps interruptibly.  0 or -errno. */
int send_signal(struct task_struct *t, int sig);
/* Send to every task of a process group; -ESRCH if there is none. */
int kill_pgrp(pid_t pgid, int sig);
/* A fault in user mode: the signal is delivered even if blocked or ignored. */
void force_sig_fault(int sig, unsigned long addr);
bool signal_pending(struct task_struct *t);
/* On the way back to user mode: run handlers or default actions. */
struct pt_regs;
void do_signal(struct pt_regs *regs);
/* fork copies the actions; execve resets handled signals to SIG_DFL. */
void flush_signal_handlers(struct task_struct *t);

long sys_rt_sigprocmask(int how, const u64 __user *nset, u64 __user *oset,
			size_t sigsetsize);
long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(u64 __user *set, size_t sigsetsize);
long sys_rt_sigsuspend(const u64 __user *unewset, size_t sigsetsize);
long set_user_sigmask(const u64 __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);
long sys_pause(void);
long sys_kill(pid_t pid, int sig);
long sys_tkill(pid_t tid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);

#endif
