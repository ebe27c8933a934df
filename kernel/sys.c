/*
 * Small system calls about the process and the system: ids, uname,
 * arch_prctl, set_tid_address.  Linux: kernel/sys.c,
 * arch/x86/kernel/process_64.c (arch_prctl).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/loadavg.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/sys.h"
#include "kernel/strace.h"
#include "kernel/ktrace.h"
#include "kernel/timer.h"
#include "kernel/mm/page.h"

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* What uname(2) reports.  sysname is "Linux": this kernel offers Linux's ABI. */
static struct new_utsname utsname = {
	.sysname = "Linux",
	.nodename = "teachos",
	.release = "6.1.0-teachos",
	.version = "#1 teaching kernel",
	.machine = "x86_64",
	.domainname = "(none)",
};

long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->real_parent ? current->real_parent->tgid : 0; }
long sys_getuid(void) { return 0; }	/* everything runs as root */
long sys_geteuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_getegid(void) { return 0; }

long sys_uname(struct new_utsname __user *name)
{
	return copy_to_user(name, &utsname, sizeof(utsname)) ? -EFAULT : 0;
}

long sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		current->thread.fsbase = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long __user *)addr);
	case ARCH_SET_GS:
	case ARCH_GET_GS:
		return -EINVAL;	/* user %gs is not kept per task */
	}
	return -EINVAL;
}

#define PR_SET_NAME	15
#define PR_GET_NAME	16

/*
 * prctl: the task's name (comm, as /proc/PID/comm and ps show it) and
 * this kernel's own PR_TEACHOS_TRACE, the system-call tracer's switch
 * (kernel/strace.c), and PR_TEACHOS_KTRACE, the call-path tracer's
 * (kernel/ktrace.c).  Every other option is -EINVAL, as Linux says for
 * an option it does not know.
 */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5)
{
	char comm[TASK_COMM_LEN] = "";

	switch (option) {
	case PR_SET_NAME:	/* the first 15 bytes: comm always ends in NUL */
		if (strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		memcpy(current->comm, comm, sizeof(comm));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm,
				    sizeof(current->comm)) ? -EFAULT : 0;
	case PR_TEACHOS_TRACE:
		return strace_set_file((int)arg2);
	case PR_TEACHOS_KTRACE:		/* the call-path tracer (kernel/ktrace.c) */
		return ktrace_prctl(arg2, arg3, arg4, arg5);
	}
	return -EINVAL;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_sched_yield(void)
{
	current->need_resched = true;
	return 0;
}

/*
 * Process groups and sessions (Linux: kernel/sys.c).  A shell puts each
 * job in a group of its own, so ^C reaches the job and not the shell.
 */
static bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgid && t->sid == sid && !t->exit_state)
			return true;
	return false;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p;

	if (pgid < 0)
		return -EINVAL;
	p = pid ? find_task_by_pid(pid) : current;
	if (!p || p->exit_state)
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	if (p != current) {
		if (p->real_parent != current)
			return -ESRCH;
		if (p->sid != current->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM;		/* a session leader stays where it is */
	if (pgid != p->pid && !pgrp_in_session(pgid, current->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long sys_getpgid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && !p->exit_state ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_setsid(void)
{
	struct task_struct *t;

	/* A group leader, or anyone whose pid is some group's id, may not. */
	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == current->pid && !t->exit_state)
			return -EPERM;
	current->sid = current->pgid = current->pid;
	return current->sid;
}

long sys_getsid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && !p->exit_state ? p->sid : -ESRCH;
}

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* What free(1) and the leak tests read: memory in pages of 4 KiB. */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo si;
	struct task_struct *t;
	int i;

	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	for (i = 0; i < 3; i++)	/* SI_LOAD_SHIFT (16) fraction bits, where avenrun has 11 */
		si.loads[i] = avenrun[i] << (16 - FSHIFT);
	si.totalram = totalram_pages();
	si.freeram = nr_free_pages();
	si.mem_unit = PAGE_SIZE;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid)
			si.procs++;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/* Every process runs as root with no supplementary groups. */
long sys_getgroups(int size, gid_t __user *list)
{
	return size < 0 ? -EINVAL : 0;
}

/* One CPU: the affinity mask has bit 0 set (Linux returns the mask's size). */
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask)
{
	unsigned long one = 1;

	if (pid && !find_task_by_pid(pid))
		return -ESRCH;
	if (len < sizeof(one) || (len & (sizeof(one) - 1)))
		return -EINVAL;
	if (clear_user(mask, len) || copy_to_user(mask, &one, sizeof(one)))
		return -EFAULT;
	return sizeof(one);
}
