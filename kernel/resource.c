/*
 * Resource limits: getrlimit, setrlimit, prlimit64.  RLIMIT_NOFILE is
 * enforced (by the descriptor table, which keeps it); the others are kept
 * with Linux's defaults and inherited across fork, but nothing enforces
 * them yet.  Linux: kernel/sys.c (do_prlimit).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"

#define RLIM_INFINITY	(~0UL)

/* Linux's defaults (include/asm-generic/resource.h), for a new process tree. */
const struct rlimit init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK] = { 8UL << 20, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC] = { 512, 512 },
	[RLIMIT_NOFILE] = { INR_OPEN_CUR, INR_OPEN_MAX },
	[RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { 1024, 1024 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
};

static void get_limit(struct task_struct *t, unsigned int res, struct rlimit *r)
{
	if (res == RLIMIT_NOFILE) {
		r->rlim_cur = t->files->nofile_cur;
		r->rlim_max = t->files->nofile_max;
	} else {
		*r = t->rlim[res];
	}
}

static int set_limit(struct task_struct *t, unsigned int res, const struct rlimit *r)
{
	if (r->rlim_cur > r->rlim_max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE) {
		if (r->rlim_max > NR_OPEN)
			return -EPERM;	/* fs.nr_open */
		t->files->nofile_cur = r->rlim_cur;
		t->files->nofile_max = r->rlim_max;
	} else {
		t->rlim[res] = *r;
	}
	return 0;
}

long sys_prlimit64(pid_t pid, unsigned int res, const struct rlimit __user *new_rlim,
		   struct rlimit __user *old_rlim)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;
	struct rlimit old, new;
	int err;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!t || t->exit_state || !t->files)
		return -ESRCH;
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	get_limit(t, res, &old);
	if (new_rlim) {
		err = set_limit(t, res, &new);
		if (err)
			return err;
	}
	if (old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(unsigned int res, struct rlimit __user *rlim)
{
	return sys_prlimit64(0, res, NULL, rlim);
}

long sys_setrlimit(unsigned int res, const struct rlimit __user *rlim)
{
	if (!rlim)
		return -EFAULT;
	return sys_prlimit64(0, res, rlim, NULL);
}
