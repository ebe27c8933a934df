#ifndef KERNEL_SYS_H
#define KERNEL_SYS_H

/* System calls of kernel/ that have no header of their own. */
#include "kernel/types.h"

struct new_utsname;
struct timespec;

long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_uname(struct new_utsname __user *name);
long sys_arch_prctl(int code, unsigned long addr);
long sys_set_tid_address(int __user *tidptr);
long sys_sched_yield(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(pid_t pid);
long sys_getgroups(int size, gid_t __user *list);
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_madvise(unsigned long start, size_t len, int behavior);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);

long sys_clock_gettime(int which, struct timespec __user *tp);
long sys_clock_getres(int which, struct timespec __user *tp);
long sys_gettimeofday(void __user *tv, void __user *tz);
long sys_time(long __user *tloc);
long sys_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp);
long sys_restart_syscall(void);
long sys_clock_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp);
long sys_getrandom(void __user *buf, size_t count, unsigned int flags);

#endif
