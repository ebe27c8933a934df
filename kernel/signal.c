/*
 * Signals: sending (kill, the tty's ^C, faults, a child's exit), and
 * delivery on the way back to user mode.  A handler runs on the user's
 * stack above a frame laid out exactly as Linux's rt_sigframe, so musl's
 * restorer (which calls rt_sigreturn) works unchanged.
 * SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop a task until SIGCONT (or
 * SIGKILL); its parent learns it from wait4(WUNTRACED/WCONTINUED) and
 * SIGCHLD.  Simplified: standard signals only (one pending each, no
 * siginfo queue), one thread per process, no sigaltstack.
 * Linux: kernel/signal.c, arch/x86/kernel/signal.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/unistd.h"
#include "kernel/x86.h"

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define STOP_SIGNALS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define NSIG_STD	32	/* standard signals; real-time ones are refused */

enum sig_default { SIG_TERM, SIG_IGNORE, SIG_CORE, SIG_STOP };

static enum sig_default default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
	case SIGCONT:		/* it continues the task when sent: see send_signal */
		return SIG_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIG_STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIG_CORE;
	}
	return SIG_TERM;
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	void __user *h = t->sighand[sig - 1].handler;

	if (t->blocked & sigmask(sig))
		return false;	/* it may be unblocked with a handler later */
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == SIG_IGNORE);
}

bool signal_pending(struct task_struct *t)
{
	return (t->pending & ~t->blocked) || (t->pending & sigmask(SIGKILL));
}

/* A child stopped or continued: tell the parent (wait4, and SIGCHLD unless SA_NOCLDSTOP). */
static void do_notify_parent_cldstop(struct task_struct *t, int why)
{
	struct task_struct *parent = t->real_parent;

	t->stop_report = why;
	if (!(parent->sighand[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal(parent, SIGCHLD);
	wake_up(&parent->wait_chldexit);
}

/*
 * What sending does before the signal is even queued (Linux:
 * prepare_signal): a stop signal cancels a pending SIGCONT; SIGCONT
 * cancels pending stop signals and continues a stopped task, even when
 * SIGCONT itself is ignored or blocked; SIGKILL wakes a stopped task to die.
 */
static void prepare_signal(struct task_struct *t, int sig)
{
	if (sigmask(sig) & STOP_SIGNALS) {
		t->pending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		t->pending &= ~STOP_SIGNALS;
		if (t->stop_signal) {
			t->stop_signal = 0;
			do_notify_parent_cldstop(t, CLD_CONTINUED);
			wake_up_state(t, TASK_STOPPED);
		}
	} else if (sig == SIGKILL) {
		wake_up_state(t, TASK_STOPPED);
	}
}

int send_signal(struct task_struct *t, int sig)
{
	unsigned long flags;

	if (sig < 1 || sig >= NSIG_STD)
		return -EINVAL;
	if (t->exit_state)
		return 0;
	flags = local_irq_save();
	prepare_signal(t, sig);
	if (!sig_ignored(t, sig) || sig == SIGKILL) {
		t->pending |= sigmask(sig);
		if (signal_pending(t) && t->state == TASK_INTERRUPTIBLE)
			wake_up_process(t);
	}
	local_irq_restore(flags);
	return 0;
}

int kill_pgrp(pid_t pgid, int sig)
{
	struct task_struct *t;
	int found = 0, err = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pgid != pgid || t->exit_state == EXIT_DEAD || t->pid == 0)
			continue;
		found = 1;
		err = sig ? send_signal(t, sig) : 0;
	}
	return found ? err : -ESRCH;
}

/* A fault: make sure the signal gets through (Linux's force_sig_info). */
void force_sig_fault(int sig, unsigned long addr)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &t->sighand[sig - 1];

	(void)addr;
	if (ka->handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	/* Faulting again inside the handler for the same signal: die. */
	if (t->pending & sigmask(sig))
		ka->handler = SIG_DFL;
	t->pending |= sigmask(sig);
}

void flush_signal_handlers(struct task_struct *t)
{
	int i;

	for (i = 0; i < NSIG_STD; i++) {
		if (t->sighand[i].handler != SIG_IGN)
			t->sighand[i].handler = SIG_DFL;
		t->sighand[i].flags = 0;
		t->sighand[i].restorer = NULL;
		t->sighand[i].mask = 0;
	}
}

/* The lowest deliverable signal, taken off the pending set; 0 if none. */
static int dequeue_signal(struct task_struct *t)
{
	u64 ready = t->pending & ~(t->blocked & ~UNBLOCKABLE);
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	t->pending &= ~sigmask(sig);
	return sig;
}

/* --- the signal frame (arch/x86/include/uapi/asm/sigcontext.h, ucontext.h) --- */

struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user address of the saved FPU state */
	u64 reserved1[8];
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct { u64 ss_sp; int ss_flags; int pad; u64 ss_size; } uc_stack;
	struct sigcontext uc_mcontext;
	u64 uc_sigmask;
};

struct siginfo {
	int si_signo, si_errno, si_code, pad;
	u64 si_addr_or_pid;	/* si_addr for faults, si_pid/si_uid for kill */
	u8 rest[128 - 24];
};

struct rt_sigframe {
	u64 pretcode;		/* the restorer: the handler "returns" there */
	struct ucontext uc;
	struct siginfo info;
};

#define FPSTATE_SIZE	512
#define MXCSR_USER_MASK	0x0000ffbf	/* bits a program may set (no DAZ on old CPUs: safe) */

static int setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs)
{
	u8 fpu[FPSTATE_SIZE] __aligned(16);
	struct rt_sigframe frame;
	unsigned long sp = regs->sp - 128;	/* skip the red zone */
	unsigned long fp_addr, frame_addr;
	struct sigcontext *sc = &frame.uc.uc_mcontext;

	fp_addr = (sp - FPSTATE_SIZE) & ~63UL;
	/* After the handler's "ret" pops pretcode, sp % 16 must be 8, as at any call. */
	frame_addr = ((fp_addr - sizeof(frame)) & ~15UL) - 8;

	asm volatile("fxsave %0" : "=m"(fpu));
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (u64)ka->restorer;
	/* After rt_sigsuspend, the handler returns to the mask from before it. */
	frame.uc.uc_sigmask = current->restore_sigmask ? current->saved_sigmask : current->blocked;
	current->restore_sigmask = false;
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->di = regs->di; sc->si = regs->si; sc->bp = regs->bp; sc->bx = regs->bx;
	sc->dx = regs->dx; sc->ax = regs->ax; sc->cx = regs->cx; sc->sp = regs->sp;
	sc->ip = regs->ip; sc->flags = regs->flags;
	sc->cs = regs->cs; sc->ss = regs->ss;
	sc->trapno = regs->vector;
	sc->err = regs->orig_ax;
	sc->fpstate = fp_addr;
	frame.info.si_signo = sig;
	if (copy_to_user((void __user *)fp_addr, fpu, FPSTATE_SIZE) ||
	    copy_to_user((void __user *)frame_addr, &frame, sizeof(frame)))
		return -EFAULT;

	regs->di = sig;
	regs->si = frame_addr + offsetof(struct rt_sigframe, info);
	regs->dx = frame_addr + offsetof(struct rt_sigframe, uc);
	regs->ax = 0;
	regs->sp = frame_addr;
	regs->ip = (u64)ka->handler;
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF);
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long frame_addr = regs->sp - 8;	/* the handler's ret popped pretcode */
	u8 fpu[FPSTATE_SIZE] __aligned(16);
	struct rt_sigframe frame;
	struct sigcontext *sc = &frame.uc.uc_mcontext;

	if (copy_from_user(&frame, (void __user *)frame_addr, sizeof(frame)) ||
	    (sc->fpstate && copy_from_user(fpu, (void __user *)sc->fpstate, FPSTATE_SIZE))) {
		force_sig_fault(SIGSEGV, frame_addr);
		return 0;
	}
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
	regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
	regs->ip = sc->ip;
	/* Only the arithmetic flags, DF, TF, AC and ID are the program's to set. */
	regs->flags = (regs->flags & ~0x254dd5UL) | (sc->flags & 0x254dd5UL);
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->vector = -2;	/* not a system call any more: no restart logic */
	current->blocked = frame.uc.uc_sigmask & ~UNBLOCKABLE;
	if (sc->fpstate) {
		*(u32 *)&fpu[24] &= MXCSR_USER_MASK;	/* a bad MXCSR would #GP in fxrstor */
		asm volatile("fxrstor %0" : : "m"(fpu));
	}
	return regs->ax;	/* do_syscall_64 stores it back unchanged */
}

/*
 * POSIX: a process group none of whose members has a parent in another
 * group of the same session (a shell that could continue it) is orphaned;
 * the keyboard's stop signals do not stop it.  Linux: is_current_pgrp_orphaned.
 */
static bool is_current_pgrp_orphaned(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		struct task_struct *parent = t->real_parent;

		if (t->pgid != current->pgid || t->exit_state || !parent)
			continue;
		if (parent != init_task_ptr && parent->pgid != t->pgid && parent->sid == t->sid)
			return false;
	}
	return true;
}

/* The default action of a stop signal: sleep in TASK_STOPPED until SIGCONT or SIGKILL. */
static void do_signal_stop(int sig)
{
	struct task_struct *t = current;

	t->stop_signal = sig;
	do_notify_parent_cldstop(t, CLD_STOPPED);
	for (;;) {
		set_current_state(TASK_STOPPED);
		if (!t->stop_signal || (t->pending & sigmask(SIGKILL)))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* A system call interrupted by a signal: restart it, or fail with EINTR. */
static void handle_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	long ret = regs->ax;

	if (regs->vector != (unsigned long)-1 ||
	    (ret != -ERESTARTSYS && ret != -ERESTARTNOHAND && ret != -ERESTART_RESTARTBLOCK))
		return;
	if (ka && (ret != -ERESTARTSYS || !(ka->flags & SA_RESTART))) {
		regs->ax = -EINTR;
		return;
	}
	/* Run the same call again, or restart_syscall to go on where it was. */
	regs->ax = ret == -ERESTART_RESTARTBLOCK ? __NR_restart_syscall : regs->orig_ax;
	regs->ip -= 2;			/* the syscall instruction is 2 bytes */
}

void do_signal(struct pt_regs *regs)
{
	struct task_struct *t = current;
	int sig;

	while ((sig = dequeue_signal(t))) {
		struct k_sigaction *ka = &t->sighand[sig - 1];

		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			enum sig_default action = default_action(sig);

			if (action == SIG_IGNORE)
				continue;
			if (action == SIG_STOP) {
				if (sig == SIGSTOP || !is_current_pgrp_orphaned())
					do_signal_stop(sig);
				continue;	/* then whatever else is pending */
			}
			do_exit(sig);		/* the wait status is the signal */
		}
		handle_restart(regs, ka);
		if (setup_rt_frame(sig, ka, regs)) {
			do_exit(SIGSEGV);	/* no room on the stack for the frame */
		}
		t->blocked |= ka->mask & ~UNBLOCKABLE;
		if (!(ka->flags & SA_NODEFER))
			t->blocked |= sigmask(sig);
		if (ka->flags & SA_RESETHAND)
			ka->handler = SIG_DFL;
		regs->vector = -2;		/* restart decided once */
		return;
	}
	handle_restart(regs, NULL);		/* ignored signals restart transparently */
	if (t->restore_sigmask) {		/* sigsuspend, ppoll, pselect6: no handler ran */
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
}

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(u64) || sig < 1 || sig >= _NSIG)
		return -EINVAL;
	if (sig >= NSIG_STD)
		return -EINVAL;		/* real-time signals: not offered */
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old = current->sighand[sig - 1];
	if (act) {
		if (copy_from_user(&new, act, sizeof(new)))
			return -EFAULT;
		if (new.handler != SIG_DFL && new.handler != SIG_IGN &&
		    !(new.flags & SA_RESTORER))
			return -EINVAL;	/* x86_64 requires a restorer (libc provides it) */
		new.mask &= ~UNBLOCKABLE;
		current->sighand[sig - 1] = new;
		if (sig_ignored(current, sig))
			current->pending &= ~sigmask(sig);	/* POSIX: discard now */
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
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
		set &= ~UNBLOCKABLE;
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

long sys_rt_sigpending(u64 __user *set, size_t sigsetsize)
{
	u64 p = current->pending & current->blocked;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	return copy_to_user(set, &p, sigsetsize) ? -EFAULT : 0;
}

/*
 * ppoll and pselect6 wait with the caller's temporary mask (Linux:
 * set_user_sigmask); the old one waits in saved_sigmask.  No mask: 0.
 */
long set_user_sigmask(const u64 __user *umask, size_t sigsetsize)
{
	u64 mask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~UNBLOCKABLE;
	return 0;
}

/*
 * After the wait, the old mask comes back, except when a signal ended
 * it: then the handler runs first, still under the temporary mask, and
 * its frame carries the old one for rt_sigreturn (see setup_rt_frame).
 * Linux: restore_saved_sigmask_unless().
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (!current->restore_sigmask || (interrupted && signal_pending(current)))
		return;
	current->blocked = current->saved_sigmask;
	current->restore_sigmask = false;
}

/* Sleep with a temporary mask until a signal is delivered; always -EINTR. */
long sys_rt_sigsuspend(const u64 __user *unewset, size_t sigsetsize)
{
	long ret;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	ret = unewset ? set_user_sigmask(unewset, sigsetsize) : -EFAULT;
	if (ret)
		return ret;
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;	/* EINTR after a handler, else quietly again */
}

long sys_kill(pid_t pid, int sig)
{
	struct task_struct *t;
	int err = -ESRCH;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	if (sig >= NSIG_STD)
		return -EINVAL;
	if (pid > 0) {
		t = find_task_by_pid(pid);
		if (!t)
			return -ESRCH;	/* a zombie still exists: 0, and no effect */
		return sig ? send_signal(t, sig) : 0;
	}
	if (pid == 0)
		return kill_pgrp(current->pgid, sig);
	if (pid < -1)
		return kill_pgrp(-pid, sig);
	/* -1: everyone we may signal, except init and ourselves. */
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid <= 1 || t == current || t->exit_state)
			continue;
		err = sig ? send_signal(t, sig) : 0;
	}
	return err;
}

long sys_tkill(pid_t tid, int sig)
{
	if (tid <= 0)
		return -EINVAL;
	return sys_kill(tid, sig);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return sys_kill(tid, sig);
}
