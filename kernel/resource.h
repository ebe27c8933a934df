#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include "kernel/types.h"

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

extern const struct rlimit init_rlimits[RLIM_NLIMITS];

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

/* Linux x86_64's struct rusage: 144 bytes. */
struct rusage {
	struct __kernel_old_timeval ru_utime;	/* user CPU time */
	struct __kernel_old_timeval ru_stime;	/* system CPU time */
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	long ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;	/* clock_t */
};

long sys_prlimit64(pid_t pid, unsigned int res, const struct rlimit __user *new_rlim,
		   struct rlimit __user *old_rlim);
long sys_getrlimit(unsigned int res, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int res, const struct rlimit __user *rlim);

/* kernel/cputime.c */
int put_rusage(u64 utime, u64 stime, struct rusage __user *ru);
long sys_getrusage(int who, struct rusage __user *ru);
long sys_times(struct tms __user *tbuf);

#endif
