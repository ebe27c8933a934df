/*
 * The system call table and dispatcher.  Numbers, argument registers
 * (rdi, rsi, rdx, r10, r8, r9) and the return in rax are Linux x86_64's,
 * so a musl binary built for Linux runs unchanged.  A number with no
 * entry returns -ENOSYS and is reported once on the console.
 * Linux: arch/x86/entry/common.c, syscall_64.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/binfmts.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/reboot.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/strace.h"
#include "kernel/sys.h"
#include "kernel/syscall.h"
#include "kernel/syslog.h"
#include "fs/syscalls.h"
#include "net/socket_syscalls.h"
#include "net/netdevice.h"

/* Any function can sit in the table: void (*)(void) converts to all. */
#define SYSCALL(nr, fn) [nr] = (sys_call_ptr_t)(void (*)(void))fn

const sys_call_ptr_t sys_call_table[NR_syscalls] = {
	SYSCALL(__NR_open, sys_open),
	SYSCALL(__NR_stat, sys_newstat),
	SYSCALL(__NR_fstat, sys_newfstat),
	SYSCALL(__NR_lstat, sys_newlstat),
	SYSCALL(__NR_lseek, sys_lseek),
	SYSCALL(__NR_access, sys_access),
	SYSCALL(__NR_truncate, sys_truncate),
	SYSCALL(__NR_ftruncate, sys_ftruncate),
	SYSCALL(__NR_getdents64, sys_getdents64),
	SYSCALL(__NR_getcwd, sys_getcwd),
	SYSCALL(__NR_chdir, sys_chdir),
	SYSCALL(__NR_fchdir, sys_fchdir),
	SYSCALL(__NR_rename, sys_rename),
	SYSCALL(__NR_mkdir, sys_mkdir),
	SYSCALL(__NR_rmdir, sys_rmdir),
	SYSCALL(__NR_creat, sys_creat),
	SYSCALL(__NR_link, sys_link),
	SYSCALL(__NR_unlink, sys_unlink),
	SYSCALL(__NR_symlink, sys_symlink),
	SYSCALL(__NR_readlink, sys_readlink),
	SYSCALL(__NR_umask, sys_umask),
	SYSCALL(__NR_statfs, sys_statfs),
	SYSCALL(__NR_fstatfs, sys_fstatfs),
	SYSCALL(__NR_sync, sys_sync),
	SYSCALL(__NR_fsync, sys_fsync),
	SYSCALL(__NR_fdatasync, sys_fsync),
	SYSCALL(__NR_openat, sys_openat),
	SYSCALL(__NR_mkdirat, sys_mkdirat),
	SYSCALL(__NR_newfstatat, sys_newfstatat),
	SYSCALL(__NR_unlinkat, sys_unlinkat),
	SYSCALL(__NR_renameat, sys_renameat),
	SYSCALL(__NR_linkat, sys_linkat),
	SYSCALL(__NR_symlinkat, sys_symlinkat),
	SYSCALL(__NR_readlinkat, sys_readlinkat),
	SYSCALL(__NR_faccessat, sys_faccessat),
	SYSCALL(__NR_renameat2, sys_renameat2),
	SYSCALL(__NR_chmod, sys_chmod),
	SYSCALL(__NR_fchmod, sys_fchmod),
	SYSCALL(__NR_fchmodat, sys_fchmodat),
	SYSCALL(__NR_chown, sys_chown),
	SYSCALL(__NR_fchown, sys_fchown),
	SYSCALL(__NR_lchown, sys_lchown),
	SYSCALL(__NR_fchownat, sys_fchownat),
	SYSCALL(__NR_utimensat, sys_utimensat),
	SYSCALL(__NR_futimesat, sys_futimesat),
	SYSCALL(__NR_utimes, sys_utimes),
	SYSCALL(__NR_utime, sys_utime),
	SYSCALL(__NR_read, sys_read),
	SYSCALL(__NR_write, sys_write),
	SYSCALL(__NR_close, sys_close),
	SYSCALL(__NR_poll, sys_poll),
	SYSCALL(__NR_mmap, sys_mmap),
	SYSCALL(__NR_mprotect, sys_mprotect),
	SYSCALL(__NR_munmap, sys_munmap),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_pause, sys_pause),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_setpgid, sys_setpgid),
	SYSCALL(__NR_getpgid, sys_getpgid),
	SYSCALL(__NR_getpgrp, sys_getpgrp),
	SYSCALL(__NR_setsid, sys_setsid),
	SYSCALL(__NR_getsid, sys_getsid),
	SYSCALL(__NR_ioctl, sys_ioctl),
	SYSCALL(__NR_pread64, sys_pread64),
	SYSCALL(__NR_pwrite64, sys_pwrite64),
	SYSCALL(__NR_readv, sys_readv),
	SYSCALL(__NR_writev, sys_writev),
	SYSCALL(__NR_pipe, sys_pipe),
	SYSCALL(__NR_select, sys_select),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_madvise, sys_madvise),
	SYSCALL(__NR_mremap, sys_mremap),
	SYSCALL(__NR_dup, sys_dup),
	SYSCALL(__NR_dup2, sys_dup2),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_clone, sys_clone),
	SYSCALL(__NR_fork, sys_fork),
	SYSCALL(__NR_vfork, sys_vfork),
	SYSCALL(__NR_execve, sys_execve),
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_uname, sys_uname),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	SYSCALL(__NR_getrusage, sys_getrusage),
	SYSCALL(__NR_times, sys_times),
	SYSCALL(__NR_alarm, sys_alarm),
	SYSCALL(__NR_restart_syscall, sys_restart_syscall),
	SYSCALL(__NR_getitimer, sys_getitimer),
	SYSCALL(__NR_setitimer, sys_setitimer),
	SYSCALL(__NR_socket, sys_socket),
	SYSCALL(__NR_socketpair, sys_socketpair),
	SYSCALL(__NR_bind, sys_bind),
	SYSCALL(__NR_listen, sys_listen),
	SYSCALL(__NR_accept, sys_accept),
	SYSCALL(__NR_accept4, sys_accept4),
	SYSCALL(__NR_connect, sys_connect),
	SYSCALL(__NR_getsockname, sys_getsockname),
	SYSCALL(__NR_getpeername, sys_getpeername),
	SYSCALL(__NR_sendto, sys_sendto),
	SYSCALL(__NR_recvfrom, sys_recvfrom),
	SYSCALL(__NR_sendmsg, sys_sendmsg),
	SYSCALL(__NR_recvmsg, sys_recvmsg),
	SYSCALL(__NR_shutdown, sys_shutdown),
	SYSCALL(__NR_setsockopt, sys_setsockopt),
	SYSCALL(__NR_getsockopt, sys_getsockopt),
	SYSCALL(__NR_getgroups, sys_getgroups),
	SYSCALL(__NR_sched_getaffinity, sys_sched_getaffinity),
	SYSCALL(__NR_sendfile, sys_sendfile64),
	SYSCALL(__NR_fcntl, sys_fcntl),
	SYSCALL(__NR_gettimeofday, sys_gettimeofday),
	SYSCALL(__NR_getuid, sys_getuid),
	SYSCALL(__NR_getgid, sys_getgid),
	SYSCALL(__NR_geteuid, sys_geteuid),
	SYSCALL(__NR_getegid, sys_getegid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_prctl, sys_prctl),
	SYSCALL(__NR_arch_prctl, sys_arch_prctl),
	SYSCALL(__NR_reboot, sys_reboot),
	SYSCALL(__NR_syslog, sys_syslog),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_time, sys_time),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_clock_getres, sys_clock_getres),
	SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_pselect6, sys_pselect6),
	SYSCALL(__NR_ppoll, sys_ppoll),
	SYSCALL(__NR_dup3, sys_dup3),
	SYSCALL(__NR_pipe2, sys_pipe2),
	SYSCALL(__NR_getrandom, sys_getrandom),
	SYSCALL(__NR_getrlimit, sys_getrlimit),
	SYSCALL(__NR_setrlimit, sys_setrlimit),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
};

/* Say once per number that a program asked for something missing. */
static void report_enosys(unsigned long nr)
{
	static unsigned long reported[(NR_syscalls + 63) / 64 + 1];
	const char *name = nr < NR_syscalls ? syscall_names[nr] : NULL;
	unsigned long idx = nr < NR_syscalls ? nr : NR_syscalls;

	if (reported[idx / 64] & (1UL << (idx % 64)))
		return;
	reported[idx / 64] |= 1UL << (idx % 64);
	if (name)
		pr_notice("%s[%d]: system call %s (%lu) not implemented: -ENOSYS\n",
			  current->comm, current->pid, name, nr);
	else
		pr_notice("%s[%d]: unknown system call %lu: -ENOSYS\n",
			  current->comm, current->pid, nr);
}

void do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;
	long ret = -ENOSYS;
	struct strace_call trace;
	bool traced = unlikely(current->trace_file) && strace_enter(&trace, regs);

	if (nr < NR_syscalls && sys_call_table[nr])
		ret = sys_call_table[nr](regs->di, regs->si, regs->dx,
					 regs->r10, regs->r8, regs->r9);
	else
		report_enosys(nr);
	regs->ax = ret;		/* -ERESTART*: do_signal decides on the way out */
	net_rx_action_pending();	/* loopback traffic this call caused */
	if (traced)
		strace_leave(&trace, ret);	/* one line to the trace file */
}
