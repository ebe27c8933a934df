/*
 * How a task ends and how its parent learns of it.  The task gives back
 * its memory and files at once, but stays a zombie (with its exit status)
 * until the parent collects it with wait4.  Its children go to init.
 * Linux: kernel/exit.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/fdtable.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/strace.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/reboot.h"
#include "kernel/resource.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs_struct.h"

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	/* Stop using the address space before it goes away. */
	write_cr3(__pa(init_mm.pgd));
	tsk->mm = NULL;
	mmput(mm);
}

/* Orphans become init's children, so someone will reap them. */
static void forget_original_parent(struct task_struct *tsk)
{
	struct task_struct *child, *n;
	struct task_struct *reaper = init_task_ptr;

	list_for_each_entry_safe(child, n, &tsk->children, sibling) {
		child->real_parent = reaper;
		list_move_tail(&child->sibling, &reaper->children);
		if (child->exit_state == EXIT_ZOMBIE)
			wake_up(&reaper->wait_chldexit);
	}
}

/* POSIX: a parent that ignores SIGCHLD (or set SA_NOCLDWAIT) leaves no zombies. */
static bool parent_reaps_nothing(struct task_struct *parent)
{
	struct k_sigaction *ka = &parent->sighand[SIGCHLD - 1];

	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

__noreturn void do_exit(int code)
{
	struct task_struct *tsk = current;

	strace_exit_task(tsk, code);	/* "+++ exited with N +++" if traced */
	if (tsk == init_task_ptr) {
		int status = (code & 0x7f) ? 128 + (code & 0x7f) : (code >> 8) & 0xff;

		printk(KERN_EMERG "init exited with status %d\n", status);
		kernel_power_off();
	}
	/* set_tid_address: clear the word and (futex-)wake its waiters. */
	if (tsk->clear_child_tid) {
		put_user(0, tsk->clear_child_tid);
		tsk->clear_child_tid = NULL;
	}
	itimer_exit_task(tsk);
	exit_mm(tsk);
	vfork_release(tsk);
	if (tsk->files) {
		put_files_struct(tsk->files);
		tsk->files = NULL;
	}
	if (tsk->fs) {
		put_fs_struct(tsk->fs);
		tsk->fs = NULL;
	}
	local_irq_disable();
	forget_original_parent(tsk);
	tsk->exit_code = code;
	tsk->state = EXIT_ZOMBIE;
	if (parent_reaps_nothing(tsk->real_parent)) {
		tsk->exit_state = EXIT_DEAD;	/* no zombie: freed after the switch */
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
		send_signal(tsk->real_parent, SIGCHLD);
	}
	wake_up(&tsk->real_parent->wait_chldexit);
	schedule();
	BUG();		/* a zombie is never scheduled again */
}

long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

long sys_exit_group(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* The zombie is collected: it disappears for good. */
void release_task(struct task_struct *p)
{
	list_del(&p->sibling);
	list_del(&p->tasks);
	task_exited();
	kfree(p);
}

static bool eligible_child(struct task_struct *p, pid_t pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == 0)
		return p->pgid == current->pgid;
	return pid == -1 || p->pgid == -pid;
}

/*
 * A stopped child (WUNTRACED) or one continued since it was last
 * reported (WCONTINUED) is reported once, with Linux's statuses: the
 * stop signal << 8 | 0x7f, or 0xffff.  Linux: wait_task_stopped(),
 * wait_task_continued().
 */
static bool report_stop(struct task_struct *p, int options, int *status)
{
	if (p->stop_report == CLD_STOPPED && p->stop_signal && (options & WUNTRACED)) {
		*status = p->stop_signal << 8 | 0x7f;
	} else if (p->stop_report == CLD_CONTINUED && (options & WCONTINUED)) {
		*status = 0xffff;
	} else {
		return false;
	}
	p->stop_report = 0;
	return true;
}

/* What wait4 reports of a child: its status, and its CPU times for rusage. */
struct wait_result {
	pid_t pid;
	int status;
	u64 utime, stime;	/* the child's, with those of the children it reaped */
};

static void child_times(struct task_struct *p, struct wait_result *res)
{
	res->pid = p->pid;
	res->utime = p->utime + p->cutime;
	res->stime = p->stime + p->cstime;
}

/*
 * The zombie is collected: its CPU times, and those it collected, become
 * the parent's children's times (getrusage RUSAGE_CHILDREN, times()).
 * Linux: wait_task_zombie().
 */
static void reap_zombie(struct task_struct *p, struct wait_result *res)
{
	child_times(p, res);
	res->status = p->exit_code;
	current->cutime += res->utime;
	current->cstime += res->stime;
	release_task(p);
}

/*
 * 1: reaped a zombie, or found a stop or continue to report (res filled
 * in); 0: children, none to report; -ECHILD.
 */
static int reap_one(pid_t pid, int options, struct wait_result *res)
{
	struct task_struct *p, *n;
	bool any = false;

	list_for_each_entry_safe(p, n, &current->children, sibling) {
		if (!eligible_child(p, pid) || p->exit_state == EXIT_DEAD)
			continue;
		any = true;
		if (p->exit_state == EXIT_ZOMBIE && !p->stack) {
			reap_zombie(p, res);
			return 1;
		}
		if (!p->exit_state && report_stop(p, options, &res->status)) {
			child_times(p, res);
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	struct wait_result res = { 0 };
	int found = 0, err;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	err = wait_event_interruptible(current->wait_chldexit,
				       (found = reap_one(pid, options, &res)) != 0 ||
				       (options & WNOHANG));
	if (err)
		return err;
	if (found < 0)
		return found;
	if (found == 0)
		return 0;	/* WNOHANG and no child has finished */
	if (stat_addr && put_user(res.status, stat_addr))
		return -EFAULT;
	/* As Linux: the child's CPU times and its reaped children's, summed. */
	if (ru && put_rusage(res.utime, res.stime, ru))
		return -EFAULT;
	return res.pid;
}
