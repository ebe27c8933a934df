/*
 * A system-call tracer: the kernel reports every system call of a traced
 * task, one line each, in the format of Linux's strace:
 *
 *	openat(AT_FDCWD, "/tmp", O_RDONLY|O_CLOEXEC|O_DIRECTORY) = 3
 *	read(3, "hello\n", 4096)                = 6
 *	open("/nonexistent", O_RDONLY)          = -1 ENOENT (No such file or directory)
 *	exit_group(0)                           = ?
 *	+++ exited with 0 +++
 *
 * The mechanism.  Linux's strace is a second process that stops the
 * traced one at every system call with ptrace(2) and reads its registers
 * and memory.  This kernel does without ptrace: the traced task formats
 * its own lines, in the kernel, on its way through do_syscall_64.
 *
 *  - prctl(PR_TEACHOS_TRACE, fd) takes a reference to the open file
 *    behind fd and keeps it in current->trace_file; fd -1 stops tracing.
 *    PR_TEACHOS_TRACE is 0x54524345 ('TRCE'), far from Linux's options,
 *    so on Linux the call fails with EINVAL and a program can tell.
 *  - do_syscall_64 calls strace_enter before a traced call and
 *    strace_leave after it.  strace_enter saves the number and the six
 *    arguments and starts the line: the name and the arguments the call
 *    takes (write's descriptor, data and count), read from user memory
 *    before the call can change them (nanosleep(&ts, &ts)) or drop them
 *    (execve: the old program is gone after it).  It stops
 *    at the first argument the call fills in; strace_leave shows those
 *    (read's buffer, fstat's struct), then the result, and writes the
 *    line to the trace file with kernel_write.  strace splits its lines
 *    the same way.  exit and exit_group never return: their line ends in
 *    "= ?" and goes out at entry.
 *  - execve keeps trace_file: /bin/strace's child switches tracing on,
 *    then executes the program, and that execve is the first line.
 *    fork does not copy it (there is no -f: children are not traced).
 *  - do_exit prints "+++ exited with N +++" or "+++ killed by SIGX +++"
 *    and drops the reference.
 *
 * The format follows strace 6.1 with its defaults: strings and buffers
 * show 32 characters and then "...", escaped as strace does (\n, \t,
 * \", \\, other bytes in octal); paths are shown whole; pointers are hex
 * or NULL; the result starts at column 40.  Each system call has a row
 * in syscall_formats[] that says what its arguments are; a call without
 * a row shows its six registers in hex.  Not done: the "--- SIGCHLD
 * {...} ---" lines strace prints when a signal arrives, and "(core
 * dumped)" after "killed by".
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/strace.h"
#include "kernel/syscall.h"
#include "kernel/syslog.h"
#include "kernel/uaccess.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

#define LINE_SIZE	4096	/* one line at most, with its newline */
#define RESULT_ROOM	200	/* kept free by the arguments for " = result" */
#define RESULT_COLUMN	40	/* strace's -a 40: where "= result" starts */
#define MAX_STRLEN	32	/* strace's -s 32: characters of a string shown */
#define MAX_ELEMENTS	32	/* array elements shown (strace uses -s here too) */
#define MAX_PATH	4095	/* a path is shown whole, up to PATH_MAX - 1 */

/* ---- The line: append text, never past its limit ----------------------- */

static void sb_putc(struct strace_buf *sb, char c)
{
	if (sb->len < sb->limit)
		sb->buf[sb->len++] = c;
}

static void sb_puts(struct strace_buf *sb, const char *s)
{
	while (*s)
		sb_putc(sb, *s++);
}

static void __printf(2, 3) sb_printf(struct strace_buf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->limit - sb->len + 1, fmt, ap);
	va_end(ap);
	sb->len = min(sb->len + n, sb->limit);
}

/* strace's %#lx: 0 is "0", anything else "0x..." */
static void print_hex(struct strace_buf *sb, unsigned long v)
{
	if (v)
		sb_printf(sb, "0x%lx", v);
	else
		sb_putc(sb, '0');
}

static void print_ptr(struct strace_buf *sb, unsigned long addr)
{
	if (addr)
		sb_printf(sb, "0x%lx", addr);
	else
		sb_puts(sb, "NULL");
}

/* strace's %#03o, for modes and umask: 0644, 022, 000. */
static void print_octal(struct strace_buf *sb, unsigned long v)
{
	sb_printf(sb, v < 8 ? "00%lo" : "0%lo", v);
}

/* ---- Names for numbers ---------------------------------------------------- */

/* A value and its name, as strace's xlat tables; lists end with NULL. */
struct xlat {
	unsigned long val;
	const char *str;
};

static const char *xlookup(const struct xlat *x, unsigned long v)
{
	for (; x->str; x++)
		if (x->val == v)
			return x->str;
	return NULL;
}

/* One value: its name, or hex and a comment naming the kind: 0x9 then SEEK_??? */
static void print_xval(struct strace_buf *sb, const struct xlat *x,
		       unsigned long v, const char *unknown)
{
	const char *name = xlookup(x, v);

	if (name) {
		sb_puts(sb, name);
		return;
	}
	print_hex(sb, v);
	sb_printf(sb, " /* %s */", unknown);
}

/*
 * A set of bits: the names of those in the table, in the table's order,
 * joined by '|'; bits without a name follow in hex.  A table entry with
 * the value 0 names the empty set (PROT_NONE); otherwise it is "0".
 */
static void print_flags(struct strace_buf *sb, const struct xlat *x,
			unsigned long v, const char *unknown)
{
	const char *zero = "0";
	bool any = false;

	for (; x->str; x++) {
		if (!x->val) {
			zero = x->str;
			continue;
		}
		if ((v & x->val) == x->val) {
			if (any)
				sb_putc(sb, '|');
			sb_puts(sb, x->str);
			v &= ~x->val;
			any = true;
		}
	}
	if (any) {
		if (v) {
			sb_putc(sb, '|');
			print_hex(sb, v);
		}
	} else if (!v) {
		sb_puts(sb, zero);
	} else {
		print_hex(sb, v);
		if (unknown)
			sb_printf(sb, " /* %s */", unknown);
	}
}

/* Linux x86_64 values throughout (include/uapi/...). */
static const struct xlat open_flags[] = {	/* strace's order, not by value */
	{ 00000100, "O_CREAT" },
	{ 00000200, "O_EXCL" },
	{ 00000400, "O_NOCTTY" },
	{ 00001000, "O_TRUNC" },
	{ 00002000, "O_APPEND" },
	{ 00004000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },		/* includes O_DSYNC: first */
	{ 00010000, "O_DSYNC" },
	{ 00040000, "O_DIRECT" },
	{ 00100000, "O_LARGEFILE" },
	{ 00400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
	{ 020200000, "O_TMPFILE" },	/* includes O_DIRECTORY: first */
	{ 00200000, "O_DIRECTORY" },
	{ 00020000, "FASYNC" },
	{ 0, NULL }
};
#define OPEN_ACCMODE	3
#define OPEN_CREAT	00000100
#define OPEN_TMPFILE	020000000	/* __O_TMPFILE: the bit of its own */

static const struct xlat open_accmodes[] = {
	{ 0, "O_RDONLY" }, { 1, "O_WRONLY" }, { 2, "O_RDWR" }, { 3, "O_ACCMODE" },
	{ 0, NULL }
};

static const struct xlat mmap_prot[] = {
	{ 0, "PROT_NONE" },
	{ 0x1, "PROT_READ" },
	{ 0x2, "PROT_WRITE" },
	{ 0x4, "PROT_EXEC" },
	{ 0x8, "PROT_SEM" },
	{ 0x01000000, "PROT_GROWSDOWN" },
	{ 0x02000000, "PROT_GROWSUP" },
	{ 0, NULL }
};

static const struct xlat mmap_types[] = {
	{ 1, "MAP_SHARED" }, { 2, "MAP_PRIVATE" }, { 3, "MAP_SHARED_VALIDATE" },
	{ 0, NULL }
};
#define MAP_TYPE_MASK	0xf
#define MAP_HUGE_SHIFT	26
#define MAP_HUGE_MASK	0x3fUL

static const struct xlat mmap_flags[] = {
	{ 0x10, "MAP_FIXED" },
	{ 0x20, "MAP_ANONYMOUS" },
	{ 0x40, "MAP_32BIT" },
	{ 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },
	{ 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },
	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" },
	{ 0, NULL }
};

static const struct xlat mremap_flags[] = {
	{ 1, "MREMAP_MAYMOVE" }, { 2, "MREMAP_FIXED" }, { 4, "MREMAP_DONTUNMAP" },
	{ 0, NULL }
};
#define MREMAP_FIXED	2


static const struct xlat madvise_advice[] = {
	{ 0, "MADV_NORMAL" }, { 1, "MADV_RANDOM" }, { 2, "MADV_SEQUENTIAL" },
	{ 3, "MADV_WILLNEED" }, { 4, "MADV_DONTNEED" }, { 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" }, { 10, "MADV_DONTFORK" }, { 11, "MADV_DOFORK" },
	{ 12, "MADV_MERGEABLE" }, { 13, "MADV_UNMERGEABLE" },
	{ 14, "MADV_HUGEPAGE" }, { 15, "MADV_NOHUGEPAGE" },
	{ 16, "MADV_DONTDUMP" }, { 17, "MADV_DODUMP" },
	{ 20, "MADV_COLD" }, { 21, "MADV_PAGEOUT" },
	{ 0, NULL }
};

/* syslog's action and console level: the number, then the name in a comment. */
static const char *const syslog_actions[] = {
	"SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ",
	"SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR", "SYSLOG_ACTION_CLEAR",
	"SYSLOG_ACTION_CONSOLE_OFF", "SYSLOG_ACTION_CONSOLE_ON",
	"SYSLOG_ACTION_CONSOLE_LEVEL", "SYSLOG_ACTION_SIZE_UNREAD",
	"SYSLOG_ACTION_SIZE_BUFFER",
};

static const char *const syslog_levels[] = {
	"LOGLEVEL_EMERG", "LOGLEVEL_ALERT", "LOGLEVEL_CRIT", "LOGLEVEL_ERR",
	"LOGLEVEL_WARNING", "LOGLEVEL_NOTICE", "LOGLEVEL_INFO", "LOGLEVEL_DEBUG",
	"LOGLEVEL_DEBUG+1",
};

static const struct xlat seek_whence[] = {
	{ 0, "SEEK_SET" }, { 1, "SEEK_CUR" }, { 2, "SEEK_END" },
	{ 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" },
	{ 0, NULL }
};

static const struct xlat access_modes[] = {
	{ 0, "F_OK" }, { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" },
	{ 0, NULL }
};

static const struct xlat at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_REMOVEDIR" },
	{ 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL }
};
#define AT_FDCWD	-100

static const struct xlat rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" }, { 4, "RENAME_WHITEOUT" },
	{ 0, NULL }
};

static const struct xlat fcntl_cmds[] = {
	{ 0, "F_DUPFD" }, { 1, "F_GETFD" }, { 2, "F_SETFD" }, { 3, "F_GETFL" },
	{ 4, "F_SETFL" }, { 5, "F_GETLK" }, { 6, "F_SETLK" }, { 7, "F_SETLKW" },
	{ 8, "F_SETOWN" }, { 9, "F_GETOWN" }, { 10, "F_SETSIG" }, { 11, "F_GETSIG" },
	{ 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" }, { 1032, "F_GETPIPE_SZ" },
	{ 0, NULL }
};
enum { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC = 1030 };

static const struct xlat fd_flags[] = {
	{ 1, "FD_CLOEXEC" },
	{ 0, NULL }
};

#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004
static const struct xlat arch_prctl_codes[] = {
	{ 0x1001, "ARCH_SET_GS" }, { 0x1002, "ARCH_SET_FS" },
	{ ARCH_GET_FS, "ARCH_GET_FS" }, { ARCH_GET_GS, "ARCH_GET_GS" },
	{ 0, NULL }
};

#define PR_SET_NAME	15
#define PR_GET_NAME	16
static const struct xlat prctl_options[] = {
	{ 1, "PR_SET_PDEATHSIG" }, { 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" }, { 4, "PR_SET_DUMPABLE" },
	{ PR_SET_NAME, "PR_SET_NAME" }, { PR_GET_NAME, "PR_GET_NAME" },
	{ 38, "PR_SET_NO_NEW_PRIVS" }, { 39, "PR_GET_NO_NEW_PRIVS" },
	{ PR_TEACHOS_TRACE, "PR_TEACHOS_TRACE" },
	{ 0, NULL }
};

static const struct xlat clone_flags[] = {
	{ 0x00000100, "CLONE_VM" },
	{ 0x00000200, "CLONE_FS" },
	{ 0x00000400, "CLONE_FILES" },
	{ 0x00000800, "CLONE_SIGHAND" },
	{ 0x00001000, "CLONE_PIDFD" },
	{ 0x00002000, "CLONE_PTRACE" },
	{ 0x00004000, "CLONE_VFORK" },
	{ 0x00008000, "CLONE_PARENT" },
	{ 0x00010000, "CLONE_THREAD" },
	{ 0x00020000, "CLONE_NEWNS" },
	{ 0x00040000, "CLONE_SYSVSEM" },
	{ 0x00080000, "CLONE_SETTLS" },
	{ 0x00100000, "CLONE_PARENT_SETTID" },
	{ 0x00200000, "CLONE_CHILD_CLEARTID" },
	{ 0x00400000, "CLONE_DETACHED" },
	{ 0x00800000, "CLONE_UNTRACED" },
	{ 0x01000000, "CLONE_CHILD_SETTID" },
	{ 0, NULL }
};
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

static const struct xlat clocks[] = {
	{ 0, "CLOCK_REALTIME" }, { 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" }, { 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" }, { 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" }, { 7, "CLOCK_BOOTTIME" },
	{ 8, "CLOCK_REALTIME_ALARM" }, { 9, "CLOCK_BOOTTIME_ALARM" },
	{ 11, "CLOCK_TAI" },
	{ 0, NULL }
};

static const struct xlat timer_flags[] = {
	{ 1, "TIMER_ABSTIME" },
	{ 0, NULL }
};

static const struct xlat sigprocmask_hows[] = {
	{ 0, "SIG_BLOCK" }, { 1, "SIG_UNBLOCK" }, { 2, "SIG_SETMASK" },
	{ 0, NULL }
};

static const struct xlat sigaction_flags[] = {
	{ 0x04000000, "SA_RESTORER" },
	{ 0x08000000, "SA_ONSTACK" },
	{ 0x10000000, "SA_RESTART" },
	{ 0x40000000, "SA_NODEFER" },
	{ 0x80000000, "SA_RESETHAND" },
	{ 0x00000004, "SA_SIGINFO" },
	{ 0x00000001, "SA_NOCLDSTOP" },
	{ 0x00000002, "SA_NOCLDWAIT" },
	{ 0, NULL }
};
#define SA_RESTORER	0x04000000

static const struct xlat wait_options[] = {
	{ 0x00000001, "WNOHANG" },
	{ 0x00000002, "WSTOPPED" },
	{ 0x00000004, "WEXITED" },
	{ 0x00000008, "WCONTINUED" },
	{ 0x01000000, "WNOWAIT" },
	{ 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" },
	{ 0x80000000, "__WCLONE" },
	{ 0, NULL }
};

static const struct xlat rlimit_resources[] = {
	{ 0, "RLIMIT_CPU" }, { 1, "RLIMIT_FSIZE" }, { 2, "RLIMIT_DATA" },
	{ 3, "RLIMIT_STACK" }, { 4, "RLIMIT_CORE" }, { 5, "RLIMIT_RSS" },
	{ 6, "RLIMIT_NPROC" }, { 7, "RLIMIT_NOFILE" }, { 8, "RLIMIT_MEMLOCK" },
	{ 9, "RLIMIT_AS" }, { 10, "RLIMIT_LOCKS" }, { 11, "RLIMIT_SIGPENDING" },
	{ 12, "RLIMIT_MSGQUEUE" }, { 13, "RLIMIT_NICE" }, { 14, "RLIMIT_RTPRIO" },
	{ 15, "RLIMIT_RTTIME" },
	{ 0, NULL }
};

static const struct xlat getrandom_flags[] = {
	{ 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" },
	{ 0, NULL }
};

/* getrusage's who, an int: RUSAGE_CHILDREN is -1. */
static const struct xlat rusage_who[] = {
	{ 0, "RUSAGE_SELF" }, { 0xffffffff, "RUSAGE_CHILDREN" }, { 1, "RUSAGE_THREAD" },
	{ 0, NULL }
};

static const struct xlat poll_events[] = {
	{ 0x001, "POLLIN" }, { 0x002, "POLLPRI" }, { 0x004, "POLLOUT" },
	{ 0x008, "POLLERR" }, { 0x010, "POLLHUP" }, { 0x020, "POLLNVAL" },
	{ 0x040, "POLLRDNORM" }, { 0x080, "POLLRDBAND" }, { 0x100, "POLLWRNORM" },
	{ 0x200, "POLLWRBAND" }, { 0x400, "POLLMSG" }, { 0x2000, "POLLRDHUP" },
	{ 0, NULL }
};

/* File types and the special mode bits, as in "S_IFDIR|S_ISVTX|0777". */
static const struct xlat file_types[] = {
	{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" }, { 0100000, "S_IFREG" },
	{ 0060000, "S_IFBLK" }, { 0040000, "S_IFDIR" }, { 0020000, "S_IFCHR" },
	{ 0010000, "S_IFIFO" },
	{ 0, NULL }
};
#define MODE_IFMT	0170000
#define MODE_ISUID	04000
#define MODE_ISGID	02000
#define MODE_ISVTX	01000

/* Signal names without "SIG", as strace shows them in sets: [HUP CHLD]. */
static const char *const signal_names[32] = {
	[1] = "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
	"KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
	"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
	"XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};
#define SIGRTMIN	32	/* the kernel's; strace names 32 RTMIN, 33 RT_1, ... */
#define SIGRTMAX	64

/* errno names and glibc's strerror() texts, which strace prints. */
static const struct {
	const char *name;
	const char *text;
} errnos[] = {
	[1] = { "EPERM", "Operation not permitted" },
	[2] = { "ENOENT", "No such file or directory" },
	[3] = { "ESRCH", "No such process" },
	[4] = { "EINTR", "Interrupted system call" },
	[5] = { "EIO", "Input/output error" },
	[6] = { "ENXIO", "No such device or address" },
	[7] = { "E2BIG", "Argument list too long" },
	[8] = { "ENOEXEC", "Exec format error" },
	[9] = { "EBADF", "Bad file descriptor" },
	[10] = { "ECHILD", "No child processes" },
	[11] = { "EAGAIN", "Resource temporarily unavailable" },
	[12] = { "ENOMEM", "Cannot allocate memory" },
	[13] = { "EACCES", "Permission denied" },
	[14] = { "EFAULT", "Bad address" },
	[15] = { "ENOTBLK", "Block device required" },
	[16] = { "EBUSY", "Device or resource busy" },
	[17] = { "EEXIST", "File exists" },
	[18] = { "EXDEV", "Invalid cross-device link" },
	[19] = { "ENODEV", "No such device" },
	[20] = { "ENOTDIR", "Not a directory" },
	[21] = { "EISDIR", "Is a directory" },
	[22] = { "EINVAL", "Invalid argument" },
	[23] = { "ENFILE", "Too many open files in system" },
	[24] = { "EMFILE", "Too many open files" },
	[25] = { "ENOTTY", "Inappropriate ioctl for device" },
	[26] = { "ETXTBSY", "Text file busy" },
	[27] = { "EFBIG", "File too large" },
	[28] = { "ENOSPC", "No space left on device" },
	[29] = { "ESPIPE", "Illegal seek" },
	[30] = { "EROFS", "Read-only file system" },
	[31] = { "EMLINK", "Too many links" },
	[32] = { "EPIPE", "Broken pipe" },
	[33] = { "EDOM", "Numerical argument out of domain" },
	[34] = { "ERANGE", "Numerical result out of range" },
	[35] = { "EDEADLK", "Resource deadlock avoided" },
	[36] = { "ENAMETOOLONG", "File name too long" },
	[37] = { "ENOLCK", "No locks available" },
	[38] = { "ENOSYS", "Function not implemented" },
	[39] = { "ENOTEMPTY", "Directory not empty" },
	[40] = { "ELOOP", "Too many levels of symbolic links" },
	[42] = { "ENOMSG", "No message of desired type" },
	[43] = { "EIDRM", "Identifier removed" },
	[44] = { "ECHRNG", "Channel number out of range" },
	[45] = { "EL2NSYNC", "Level 2 not synchronized" },
	[46] = { "EL3HLT", "Level 3 halted" },
	[47] = { "EL3RST", "Level 3 reset" },
	[48] = { "ELNRNG", "Link number out of range" },
	[49] = { "EUNATCH", "Protocol driver not attached" },
	[50] = { "ENOCSI", "No CSI structure available" },
	[51] = { "EL2HLT", "Level 2 halted" },
	[52] = { "EBADE", "Invalid exchange" },
	[53] = { "EBADR", "Invalid request descriptor" },
	[54] = { "EXFULL", "Exchange full" },
	[55] = { "ENOANO", "No anode" },
	[56] = { "EBADRQC", "Invalid request code" },
	[57] = { "EBADSLT", "Invalid slot" },
	[59] = { "EBFONT", "Bad font file format" },
	[60] = { "ENOSTR", "Device not a stream" },
	[61] = { "ENODATA", "No data available" },
	[62] = { "ETIME", "Timer expired" },
	[63] = { "ENOSR", "Out of streams resources" },
	[64] = { "ENONET", "Machine is not on the network" },
	[65] = { "ENOPKG", "Package not installed" },
	[66] = { "EREMOTE", "Object is remote" },
	[67] = { "ENOLINK", "Link has been severed" },
	[68] = { "EADV", "Advertise error" },
	[69] = { "ESRMNT", "Srmount error" },
	[70] = { "ECOMM", "Communication error on send" },
	[71] = { "EPROTO", "Protocol error" },
	[72] = { "EMULTIHOP", "Multihop attempted" },
	[73] = { "EDOTDOT", "RFS specific error" },
	[74] = { "EBADMSG", "Bad message" },
	[75] = { "EOVERFLOW", "Value too large for defined data type" },
	[76] = { "ENOTUNIQ", "Name not unique on network" },
	[77] = { "EBADFD", "File descriptor in bad state" },
	[78] = { "EREMCHG", "Remote address changed" },
	[79] = { "ELIBACC", "Can not access a needed shared library" },
	[80] = { "ELIBBAD", "Accessing a corrupted shared library" },
	[81] = { "ELIBSCN", ".lib section in a.out corrupted" },
	[82] = { "ELIBMAX", "Attempting to link in too many shared libraries" },
	[83] = { "ELIBEXEC", "Cannot exec a shared library directly" },
	[84] = { "EILSEQ", "Invalid or incomplete multibyte or wide character" },
	[85] = { "ERESTART", "Interrupted system call should be restarted" },
	[86] = { "ESTRPIPE", "Streams pipe error" },
	[87] = { "EUSERS", "Too many users" },
	[88] = { "ENOTSOCK", "Socket operation on non-socket" },
	[89] = { "EDESTADDRREQ", "Destination address required" },
	[90] = { "EMSGSIZE", "Message too long" },
	[91] = { "EPROTOTYPE", "Protocol wrong type for socket" },
	[92] = { "ENOPROTOOPT", "Protocol not available" },
	[93] = { "EPROTONOSUPPORT", "Protocol not supported" },
	[94] = { "ESOCKTNOSUPPORT", "Socket type not supported" },
	[95] = { "EOPNOTSUPP", "Operation not supported" },
	[96] = { "EPFNOSUPPORT", "Protocol family not supported" },
	[97] = { "EAFNOSUPPORT", "Address family not supported by protocol" },
	[98] = { "EADDRINUSE", "Address already in use" },
	[99] = { "EADDRNOTAVAIL", "Cannot assign requested address" },
	[100] = { "ENETDOWN", "Network is down" },
	[101] = { "ENETUNREACH", "Network is unreachable" },
	[102] = { "ENETRESET", "Network dropped connection on reset" },
	[103] = { "ECONNABORTED", "Software caused connection abort" },
	[104] = { "ECONNRESET", "Connection reset by peer" },
	[105] = { "ENOBUFS", "No buffer space available" },
	[106] = { "EISCONN", "Transport endpoint is already connected" },
	[107] = { "ENOTCONN", "Transport endpoint is not connected" },
	[108] = { "ESHUTDOWN", "Cannot send after transport endpoint shutdown" },
	[109] = { "ETOOMANYREFS", "Too many references: cannot splice" },
	[110] = { "ETIMEDOUT", "Connection timed out" },
	[111] = { "ECONNREFUSED", "Connection refused" },
	[112] = { "EHOSTDOWN", "Host is down" },
	[113] = { "EHOSTUNREACH", "No route to host" },
	[114] = { "EALREADY", "Operation already in progress" },
	[115] = { "EINPROGRESS", "Operation now in progress" },
	[116] = { "ESTALE", "Stale file handle" },
	[117] = { "EUCLEAN", "Structure needs cleaning" },
	[118] = { "ENOTNAM", "Not a XENIX named type file" },
	[119] = { "ENAVAIL", "No XENIX semaphores available" },
	[120] = { "EISNAM", "Is a named type file" },
	[121] = { "EREMOTEIO", "Remote I/O error" },
	[122] = { "EDQUOT", "Disk quota exceeded" },
	[123] = { "ENOMEDIUM", "No medium found" },
	[124] = { "EMEDIUMTYPE", "Wrong medium type" },
	[125] = { "ECANCELED", "Operation canceled" },
	[126] = { "ENOKEY", "Required key not available" },
	[127] = { "EKEYEXPIRED", "Key has expired" },
	[128] = { "EKEYREVOKED", "Key has been revoked" },
	[129] = { "EKEYREJECTED", "Key was rejected by service" },
	[130] = { "EOWNERDEAD", "Owner died" },
	[131] = { "ENOTRECOVERABLE", "State not recoverable" },
	[132] = { "ERFKILL", "Operation not possible due to RF-kill" },
	[133] = { "EHWPOISON", "Memory page has hardware error" },
};

/* The kernel-internal restart codes a traced call can end with; "= ?". */
static const struct xlat restart_codes[] = {
	{ 512, "ERESTARTSYS (To be restarted if SA_RESTART is set)" },
	{ 513, "ERESTARTNOINTR (To be restarted)" },
	{ 514, "ERESTARTNOHAND (To be restarted if no handler)" },
	{ 516, "ERESTART_RESTARTBLOCK (Interrupted by signal)" },
	{ 0, NULL }
};

/* ---- Strings and buffers from user memory --------------------------------- */

static bool fetch(void *dst, unsigned long uaddr, size_t n)
{
	return copy_from_user(dst, (const void __user *)uaddr, n) == 0;
}

/*
 * An octal escape, as short as it can be unless an octal digit follows
 * (then "\0" + "1" would read as "\01"): "\0", "\33", "\0001".
 */
static void print_octal_escape(struct strace_buf *sb, u8 c, int next)
{
	if (next >= '0' && next <= '7')
		sb_printf(sb, "\\%03o", c);
	else
		sb_printf(sb, "\\%o", c);
}

/* n bytes in double quotes, escaped as strace does (or all as \xHH). */
static void print_quoted(struct strace_buf *sb, const u8 *s, size_t n, bool hex)
{
	size_t i;

	sb_putc(sb, '"');
	for (i = 0; i < n; i++) {
		u8 c = s[i];

		if (hex) {
			sb_printf(sb, "\\x%02x", c);
			continue;
		}
		switch (c) {
		case '"':  sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\f': sb_puts(sb, "\\f"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\v': sb_puts(sb, "\\v"); break;
		default:
			if (c >= ' ' && c < 0x7f)
				sb_putc(sb, c);
			else
				print_octal_escape(sb, c, i + 1 < n ? s[i + 1] : -1);
		}
	}
	sb_putc(sb, '"');
}

/* len bytes at uaddr: the first MAX_STRLEN, then "..." if there are more. */
static void print_buffer(struct strace_buf *sb, unsigned long uaddr, size_t len, bool hex)
{
	u8 tmp[MAX_STRLEN];
	size_t n = min(len, (size_t)MAX_STRLEN);

	if (!uaddr || !fetch(tmp, uaddr, n)) {
		print_ptr(sb, uaddr);
		return;
	}
	print_quoted(sb, tmp, n, hex);
	if (len > n)
		sb_puts(sb, "...");
}

/* A NUL-terminated string: up to max characters, then "..." if longer. */
static void print_string(struct strace_buf *sb, unsigned long uaddr, size_t max)
{
	char *tmp;
	long n;

	if (!uaddr) {
		sb_puts(sb, "NULL");
		return;
	}
	tmp = kmalloc(max + 1, GFP_KERNEL);
	n = tmp ? strncpy_from_user(tmp, (const char __user *)uaddr, max + 1) : -ENOMEM;
	if (n < 0) {
		print_ptr(sb, uaddr);
	} else {
		print_quoted(sb, (const u8 *)tmp, min((size_t)n, max), false);
		if ((size_t)n > max)
			sb_puts(sb, "...");
	}
	kfree(tmp);
}

static void print_path(struct strace_buf *sb, unsigned long uaddr)
{
	print_string(sb, uaddr, MAX_PATH);
}

/* ---- Numbers with meanings ----------------------------------------------- */

static void print_dirfd(struct strace_buf *sb, int fd)
{
	if (fd == AT_FDCWD)
		sb_puts(sb, "AT_FDCWD");
	else
		sb_printf(sb, "%d", fd);
}

/* "SIGTERM", "SIGRTMIN", "SIGRT_3"; anything else as a number. */
static void print_signal(struct strace_buf *sb, long sig)
{
	if (sig > 0 && sig < SIGRTMIN)
		sb_printf(sb, "SIG%s", signal_names[sig]);
	else if (sig == SIGRTMIN)
		sb_puts(sb, "SIGRTMIN");
	else if (sig > SIGRTMIN && sig <= SIGRTMAX)
		sb_printf(sb, "SIGRT_%ld", sig - SIGRTMIN);
	else
		sb_printf(sb, "%ld", sig);
}

/* A mode as "S_IFREG|0644": the file type, then S_ISUID..., then octal. */
static void print_file_mode(struct strace_buf *sb, unsigned int mode)
{
	const char *type = xlookup(file_types, mode & MODE_IFMT);

	if (type)
		sb_printf(sb, "%s|", type);
	if (mode & MODE_ISUID)
		sb_puts(sb, "S_ISUID|");
	if (mode & MODE_ISGID)
		sb_puts(sb, "S_ISGID|");
	if (mode & MODE_ISVTX)
		sb_puts(sb, "S_ISVTX|");
	print_octal(sb, mode & 0777);
}

/* open's flags: the access mode always, then the other flags. */
static void print_open_flags(struct strace_buf *sb, unsigned long flags)
{
	sb_puts(sb, xlookup(open_accmodes, flags & OPEN_ACCMODE));
	flags &= ~(unsigned long)OPEN_ACCMODE;
	if (flags) {
		sb_putc(sb, '|');
		print_flags(sb, open_flags, flags, NULL);
	}
}

static void print_mmap_flags(struct strace_buf *sb, unsigned long flags)
{
	unsigned long huge = (flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;

	flags &= ~(MAP_HUGE_MASK << MAP_HUGE_SHIFT);
	print_xval(sb, mmap_types, flags & MAP_TYPE_MASK, "MAP_???");
	flags &= ~(unsigned long)MAP_TYPE_MASK;
	if (flags) {
		sb_putc(sb, '|');
		print_flags(sb, mmap_flags, flags, NULL);
	}
	if (huge)
		sb_printf(sb, "|%lu<<MAP_HUGE_SHIFT", huge);
}

/*
 * A signal set as strace shows it: [HUP CHLD], or, when most signals are
 * in it, the complement: ~[KILL STOP].  Sets are 8 bytes (64 signals).
 */
static void print_sigset_value(struct strace_buf *sb, u64 set)
{
	const char *sep = "";
	int sig, count = 0;

	for (sig = 0; sig < SIGRTMAX; sig++)
		count += (set >> sig) & 1;
	if (count >= 2 * 21) {		/* strace: 2/3 of each 32 bits */
		sb_putc(sb, '~');
		set = ~set;
	}
	sb_putc(sb, '[');
	for (sig = 1; sig <= SIGRTMAX; sig++) {
		if (!(set & (1ULL << (sig - 1))))
			continue;
		sb_puts(sb, sep);
		if (sig < SIGRTMIN)
			sb_puts(sb, signal_names[sig]);
		else if (sig == SIGRTMIN)
			sb_puts(sb, "RTMIN");
		else
			sb_printf(sb, "RT_%d", sig - SIGRTMIN);
		sep = " ";
	}
	sb_putc(sb, ']');
}

static void print_sigset(struct strace_buf *sb, unsigned long uaddr)
{
	u64 set;

	if (uaddr && fetch(&set, uaddr, sizeof(set)))
		print_sigset_value(sb, set);
	else
		print_ptr(sb, uaddr);
}

/* wait4's status: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] */
static void print_wait_status(struct strace_buf *sb, int s)
{
	sb_puts(sb, "[{");
	if ((s & 0x7f) == 0) {
		sb_printf(sb, "WIFEXITED(s) && WEXITSTATUS(s) == %d", (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		sb_puts(sb, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		print_signal(sb, (s >> 8) & 0xff);
	} else {
		sb_puts(sb, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		print_signal(sb, s & 0x7f);
		if (s & 0x80)
			sb_puts(sb, " && WCOREDUMP(s)");
	}
	sb_puts(sb, "}]");
}

/* rlimit values: strace writes multiples of 1024 as "8192*1024". */
static void print_rlim(struct strace_buf *sb, u64 v)
{
	if (v == ~0ULL)
		sb_puts(sb, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		sb_printf(sb, "%lu*1024", v / 1024);
	else
		sb_printf(sb, "%lu", v);
}

/* ---- Structures from user memory ---------------------------------------- */

/* What the tracer reads of Linux x86_64's user structures. */
struct user_stat {			/* struct stat, up to st_size */
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, pad0;
	u64 st_rdev;
	s64 st_size;
};

struct user_timespec {
	s64 tv_sec, tv_nsec;
};

struct user_iovec {
	u64 iov_base, iov_len;
};

struct user_pollfd {
	s32 fd;
	s16 events, revents;
};

struct user_sigaction {			/* the kernel's, for rt_sigaction */
	u64 handler, flags, restorer, mask;
};

struct user_rlimit {
	u64 cur, max;
};

struct user_rusage_times {		/* struct rusage, up to ru_stime */
	s64 utime_sec, utime_usec, stime_sec, stime_usec;
};

struct user_tms {
	s64 utime, stime, cutime, cstime;
};

struct user_utsname {
	char sysname[65], nodename[65], release[65];
	char version[65], machine[65], domainname[65];
};

struct user_winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

struct user_termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line, c_cc[19];
};

/* glibc's major() and minor() of a dev_t. */
static void print_dev(struct strace_buf *sb, u64 dev)
{
	sb_puts(sb, "makedev(");
	print_hex(sb, ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL));
	sb_puts(sb, ", ");
	print_hex(sb, (dev & 0xff) | ((dev >> 12) & ~0xffUL));
	sb_putc(sb, ')');
}

/* {st_mode=S_IFREG|0644, st_size=14, ...}: strace's short form. */
static void print_stat(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_stat st;

	if (!uaddr || !fetch(&st, uaddr, sizeof(st))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_puts(sb, "{st_mode=");
	print_file_mode(sb, st.st_mode);
	switch (st.st_mode & MODE_IFMT) {
	case 0020000:		/* character and block devices: their number */
	case 0060000:
		sb_puts(sb, ", st_rdev=");
		print_dev(sb, st.st_rdev);
		break;
	default:
		sb_printf(sb, ", st_size=%ld", st.st_size);
	}
	sb_puts(sb, ", ...}");
}

static void print_timespec(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_timespec ts;

	if (uaddr && fetch(&ts, uaddr, sizeof(ts)))
		sb_printf(sb, "{tv_sec=%ld, tv_nsec=%ld}", ts.tv_sec, ts.tv_nsec);
	else
		print_ptr(sb, uaddr);
}

static void print_timeval(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_timespec tv;	/* same layout: tv_sec, tv_usec */

	if (uaddr && fetch(&tv, uaddr, sizeof(tv)))
		sb_printf(sb, "{tv_sec=%ld, tv_usec=%ld}", tv.tv_sec, tv.tv_nsec);
	else
		print_ptr(sb, uaddr);
}

/* How much of the data an iovec array points to is shown. */
#define IOV_SHOW_ALL	-1L	/* each element's iov_len bytes (writev) */
#define IOV_SHOW_NONE	-2L	/* the addresses only (readv failed) */

/*
 * An iovec array: [{iov_base="hi", iov_len=2}, ...].  show is how many
 * bytes to show in all (readv: what was read), or one of the above.
 */
static void print_iovec(struct strace_buf *sb, unsigned long uaddr, unsigned long count,
			long show)
{
	unsigned long i;

	if (!uaddr) {
		sb_puts(sb, "NULL");
		return;
	}
	sb_putc(sb, '[');
	for (i = 0; i < count; i++) {
		struct user_iovec iov;
		size_t n;

		if (i)
			sb_puts(sb, ", ");
		if (i == MAX_ELEMENTS) {
			sb_puts(sb, "...");
			break;
		}
		if (!fetch(&iov, uaddr + i * sizeof(iov), sizeof(iov))) {
			print_ptr(sb, uaddr + i * sizeof(iov));
			break;
		}
		sb_puts(sb, "{iov_base=");
		if (show == IOV_SHOW_NONE) {
			print_ptr(sb, iov.iov_base);
		} else if (show == IOV_SHOW_ALL) {
			print_buffer(sb, iov.iov_base, iov.iov_len, false);
		} else {
			n = min(iov.iov_len, (u64)show);
			print_buffer(sb, iov.iov_base, n, false);
			show -= n;
		}
		sb_printf(sb, ", iov_len=%lu}", iov.iov_len);
	}
	sb_putc(sb, ']');
}

/* poll's array; revents only shows the entries that have some. */
static void print_pollfds(struct strace_buf *sb, unsigned long uaddr, unsigned long n,
			  bool revents)
{
	const char *sep = "";
	unsigned long i;

	if (!uaddr) {
		sb_puts(sb, "NULL");
		return;
	}
	sb_putc(sb, '[');
	for (i = 0; i < n && i < MAX_ELEMENTS; i++) {
		struct user_pollfd p;

		if (!fetch(&p, uaddr + i * sizeof(p), sizeof(p)))
			break;
		if (revents && !p.revents)
			continue;
		sb_printf(sb, "%s{fd=%d, %s=", sep, p.fd, revents ? "revents" : "events");
		print_flags(sb, poll_events, (u16)(revents ? p.revents : p.events), NULL);
		sb_putc(sb, '}');
		sep = ", ";
	}
	if (i < n && i == MAX_ELEMENTS)
		sb_printf(sb, "%s...", sep);
	sb_putc(sb, ']');
}

/* getdents64: the buffer's address and how many entries came back. */
static void print_dirents(struct strace_buf *sb, unsigned long uaddr, long ret)
{
	long off = 0, entries = 0;

	print_ptr(sb, uaddr);
	if (ret < 0)
		return;
	while (off < ret) {
		u16 reclen;	/* struct linux_dirent64: d_ino, d_off, then d_reclen */

		if (!fetch(&reclen, uaddr + off + 16, sizeof(reclen)) || !reclen)
			break;
		off += reclen;
		entries++;
	}
	sb_printf(sb, " /* %ld entries */", entries);
}

static void print_sigaction(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_sigaction sa;

	if (!uaddr || !fetch(&sa, uaddr, sizeof(sa))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_puts(sb, "{sa_handler=");
	if (sa.handler == 0)
		sb_puts(sb, "SIG_DFL");
	else if (sa.handler == 1)
		sb_puts(sb, "SIG_IGN");
	else
		print_ptr(sb, sa.handler);
	sb_puts(sb, ", sa_mask=");
	print_sigset_value(sb, sa.mask);
	sb_puts(sb, ", sa_flags=");
	print_flags(sb, sigaction_flags, sa.flags, NULL);
	if (sa.flags & SA_RESTORER) {
		sb_puts(sb, ", sa_restorer=");
		print_ptr(sb, sa.restorer);
	}
	sb_putc(sb, '}');
}

static void print_rlimit(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_rlimit r;

	if (!uaddr || !fetch(&r, uaddr, sizeof(r))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_puts(sb, "{rlim_cur=");
	print_rlim(sb, r.cur);
	sb_puts(sb, ", rlim_max=");
	print_rlim(sb, r.max);
	sb_putc(sb, '}');
}

/* {ru_utime={tv_sec=0, tv_usec=626}, ru_stime={...}, ...}: strace's short form. */
static void print_rusage(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_rusage_times r;

	if (!uaddr || !fetch(&r, uaddr, sizeof(r))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_printf(sb, "{ru_utime={tv_sec=%ld, tv_usec=%ld}, ru_stime={tv_sec=%ld, tv_usec=%ld}, ...}",
		  r.utime_sec, r.utime_usec, r.stime_sec, r.stime_usec);
}

static void print_tms(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_tms t;

	if (!uaddr || !fetch(&t, uaddr, sizeof(t))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_printf(sb, "{tms_utime=%ld, tms_stime=%ld, tms_cutime=%ld, tms_cstime=%ld}",
		  t.utime, t.stime, t.cutime, t.cstime);
}

static void print_utsname(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_utsname u;

	if (!uaddr || !fetch(&u, uaddr, sizeof(u))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_puts(sb, "{sysname=");
	print_quoted(sb, (const u8 *)u.sysname, strnlen(u.sysname, sizeof(u.sysname)), false);
	sb_puts(sb, ", nodename=");
	print_quoted(sb, (const u8 *)u.nodename, strnlen(u.nodename, sizeof(u.nodename)), false);
	sb_puts(sb, ", ...}");
}

/* pipe's two descriptors: [3, 4] */
static void print_fd_pair(struct strace_buf *sb, unsigned long uaddr)
{
	int fds[2];

	if (uaddr && fetch(fds, uaddr, sizeof(fds)))
		sb_printf(sb, "[%d, %d]", fds[0], fds[1]);
	else
		print_ptr(sb, uaddr);
}

/* An int that the call read or wrote, as strace shows it: [1234] */
static void print_int_ref(struct strace_buf *sb, unsigned long uaddr)
{
	int v;

	if (uaddr && fetch(&v, uaddr, sizeof(v)))
		sb_printf(sb, "[%d]", v);
	else
		print_ptr(sb, uaddr);
}

/* ---- ioctl: the terminal requests ---------------------------------------- */

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

static const struct xlat ioctl_names[] = {
	{ TCGETS, "TCGETS" },
	/* strace names both users of these numbers (OSS's timer too) */
	{ TCSETS, "SNDCTL_TMR_START or TCSETS" },
	{ TCSETSW, "SNDCTL_TMR_STOP or TCSETSW" },
	{ TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF" },
	{ TIOCSCTTY, "TIOCSCTTY" }, { TIOCGPGRP, "TIOCGPGRP" },
	{ TIOCSPGRP, "TIOCSPGRP" }, { TIOCGWINSZ, "TIOCGWINSZ" },
	{ TIOCSWINSZ, "TIOCSWINSZ" }, { FIONREAD, "FIONREAD" },
	{ FIONBIO, "FIONBIO" }, { TIOCNOTTY, "TIOCNOTTY" },
	{ TIOCGSID, "TIOCGSID" }, { FIONCLEX, "FIONCLEX" }, { FIOCLEX, "FIOCLEX" },
	{ 0, NULL }
};

static const struct xlat termios_iflags[] = {
	{ 01, "IGNBRK" }, { 02, "BRKINT" }, { 04, "IGNPAR" }, { 010, "PARMRK" },
	{ 020, "INPCK" }, { 040, "ISTRIP" }, { 0100, "INLCR" }, { 0200, "IGNCR" },
	{ 0400, "ICRNL" }, { 01000, "IUCLC" }, { 02000, "IXON" }, { 04000, "IXANY" },
	{ 010000, "IXOFF" }, { 020000, "IMAXBEL" }, { 040000, "IUTF8" },
	{ 0, NULL }
};

static const struct xlat termios_oflags[] = {
	{ 01, "OPOST" }, { 02, "OLCUC" }, { 04, "ONLCR" }, { 010, "OCRNL" },
	{ 020, "ONOCR" }, { 040, "ONLRET" }, { 0100, "OFILL" }, { 0200, "OFDEL" },
	{ 0, NULL }
};

static const struct xlat termios_cflags[] = {
	{ 0100, "CSTOPB" }, { 0200, "CREAD" }, { 0400, "PARENB" }, { 01000, "PARODD" },
	{ 02000, "HUPCL" }, { 04000, "CLOCAL" }, { 010000000000, "CMSPAR" },
	{ 020000000000, "CRTSCTS" },
	{ 0, NULL }
};

static const struct xlat termios_lflags[] = {
	{ 01, "ISIG" }, { 02, "ICANON" }, { 04, "XCASE" }, { 010, "ECHO" },
	{ 020, "ECHOE" }, { 040, "ECHOK" }, { 0100, "ECHONL" }, { 0200, "NOFLSH" },
	{ 0100000, "IEXTEN" }, { 01000, "ECHOCTL" }, { 02000, "ECHOPRT" },
	{ 04000, "ECHOKE" }, { 010000, "FLUSHO" }, { 040000, "PENDIN" },
	{ 0400, "TOSTOP" }, { 0200000, "EXTPROC" },
	{ 0, NULL }
};

static const char *const baud_rates[] = {	/* CBAUD: 0-15, then CBAUDEX 1-15 */
	"B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600",
	"B1200", "B1800", "B2400", "B4800", "B9600", "B19200", "B38400",
	"BOTHER", "B57600", "B115200", "B230400", "B460800", "B500000",
	"B576000", "B921600", "B1000000", "B1152000", "B1500000", "B2000000",
	"B2500000", "B3000000", "B3500000", "B4000000",
};

/*
 * Terminal flags, as strace 6.1 prints them: a field's flags joined by
 * '|' and nothing at all when there are none.
 */
static void print_tty_flags(struct strace_buf *sb, const struct xlat *x, unsigned long v)
{
	if (v)
		print_flags(sb, x, v, NULL);
}

/* {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, ...} */
static void print_termios(struct strace_buf *sb, unsigned long uaddr)
{
	static const char *const tabs[] = { "TAB0", "TAB1", "TAB2", "XTABS" };
	struct user_termios t;
	u32 o, c;

	if (!uaddr || !fetch(&t, uaddr, sizeof(t))) {
		print_ptr(sb, uaddr);
		return;
	}
	o = t.c_oflag;
	c = t.c_cflag;
	sb_puts(sb, "{c_iflag=");
	print_tty_flags(sb, termios_iflags, t.c_iflag);
	/* the delay fields first, then OPOST and the others */
	sb_printf(sb, ", c_oflag=NL%u|CR%u|%s|BS%u|VT%u|FF%u|", (o >> 8) & 1, (o >> 9) & 3,
		  tabs[(o >> 11) & 3], (o >> 13) & 1, (o >> 14) & 1, (o >> 15) & 1);
	print_tty_flags(sb, termios_oflags, o & 0377);
	/* the speed and the character size, then the other flags */
	sb_printf(sb, ", c_cflag=%s|CS%u|", baud_rates[(c & 017) | ((c & 010000) ? 020 : 0)],
		  5 + ((c >> 4) & 3));
	print_tty_flags(sb, termios_cflags, c & ~(010017U | 060U));
	sb_puts(sb, ", c_lflag=");
	print_tty_flags(sb, termios_lflags, t.c_lflag);
	sb_puts(sb, ", ...}");
}

static void print_winsize(struct strace_buf *sb, unsigned long uaddr)
{
	struct user_winsize w;

	if (uaddr && fetch(&w, uaddr, sizeof(w)))
		sb_printf(sb, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
			  w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);
	else
		print_ptr(sb, uaddr);
}

/* An unknown request, taken apart as strace does: _IOC(dir, type, nr, size). */
static void print_ioc(struct strace_buf *sb, unsigned int req)
{
	static const char *const dirs[] = {
		"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"
	};

	sb_printf(sb, "_IOC(%s, ", dirs[(req >> 30) & 3]);
	print_hex(sb, (req >> 8) & 0xff);
	sb_puts(sb, ", ");
	print_hex(sb, req & 0xff);
	sb_puts(sb, ", ");
	print_hex(sb, (req >> 16) & 0x3fff);
	sb_putc(sb, ')');
}

/* ioctl's request and its argument; what a request points to depends on it. */
static void print_ioctl(struct strace_buf *sb, unsigned int req, unsigned long arg, long ret)
{
	const char *name = xlookup(ioctl_names, req);
	bool ok = ret >= 0;	/* what the call wrote is shown only if it worked */

	if (name)
		sb_puts(sb, name);
	else
		print_ioc(sb, req);
	switch (req) {
	case TIOCNOTTY:
	case FIOCLEX:
	case FIONCLEX:
		return;			/* no argument */
	case TCGETS:
		sb_puts(sb, ", ");
		ok ? print_termios(sb, arg) : print_ptr(sb, arg);
		return;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		sb_puts(sb, ", ");
		print_termios(sb, arg);
		return;
	case TIOCGWINSZ:
		sb_puts(sb, ", ");
		ok ? print_winsize(sb, arg) : print_ptr(sb, arg);
		return;
	case TIOCSWINSZ:
		sb_puts(sb, ", ");
		print_winsize(sb, arg);
		return;
	case TIOCGPGRP:
	case TIOCGSID:
	case FIONREAD:
		sb_puts(sb, ", ");
		ok ? print_int_ref(sb, arg) : print_ptr(sb, arg);
		return;
	case TIOCSPGRP:
	case FIONBIO:
		sb_puts(sb, ", ");
		print_int_ref(sb, arg);
		return;
	case TIOCSCTTY:
		sb_printf(sb, ", %d", (int)arg);
		return;
	}
	sb_puts(sb, ", ");
	print_hex(sb, arg);
}

/* ---- The system calls: what each argument is -------------------------- */

/*
 * How to show one argument.  Some kinds show the arguments after them too
 * (open's mode, fcntl's argument): those end their row of the table.
 * What a call fills in is shown once it is done: see is_output().
 */
enum arg_kind {
	A_END,		/* no more arguments */
	A_INT,		/* an int in decimal */
	A_LONG,		/* a long in decimal */
	A_ULONG,	/* a size or count */
	A_HEX,
	A_PTR,		/* an address: 0x... or NULL */
	A_FD,
	A_DIRFD,	/* AT_FDCWD or a descriptor */
	A_PATH,
	A_WBUF,		/* data the call takes; its length is the next argument */
	A_RBUF,		/* data the call filled in; its length is the result */
	A_RBUF_HEX,	/* the same, every byte as \xHH (getrandom) */
	A_OUT_STR,	/* a string the call filled in (getcwd) */
	A_OPEN_FLAGS,	/* open's flags, and the next argument (mode) with O_CREAT */
	A_FD_FLAGS,	/* O_CLOEXEC|O_NONBLOCK of pipe2 and dup3 */
	A_MODE,		/* permission bits in octal */
	A_WHENCE,
	A_PROT,
	A_MAP_FLAGS,
	A_MREMAP_FLAGS,	/* and the new address if MREMAP_FIXED */
	A_MADVICE,
	A_STAT,		/* struct stat the call filled in */
	A_DIRENTS,	/* getdents64's buffer */
	A_IOV_IN,	/* an iovec array (writev); the count is the next argument */
	A_IOV_OUT,	/* an iovec array the call filled in (readv) */
	A_POLLFDS,	/* a pollfd array; the count is the next argument */
	A_ACCESS_MODE,
	A_AT_FLAGS,
	A_RENAME_FLAGS,
	A_FD_PAIR,	/* pipe's int[2] */
	A_FCNTL,	/* fcntl's command and its argument */
	A_IOCTL,	/* ioctl's request and its argument */
	A_PRCTL,	/* prctl's option and its arguments */
	A_ARCH_PRCTL,	/* arch_prctl's code and its address */
	A_CLONE,	/* all of clone's arguments */
	A_SYSLOG,	/* all of syslog's arguments: which depends on the action */
	A_SIGNAL,
	A_SIGHOW,
	A_SIGSET,	/* a signal set the call takes */
	A_SIGSET_OUT,	/* a signal set the call filled in */
	A_SIGACTION,
	A_SIGACTION_OUT,
	A_SIGRETURN,	/* the mask in rt_sigreturn's frame */
	A_TIMESPEC,
	A_TIMESPEC_OUT,
	A_TIMESPEC_REM,	/* nanosleep's rest: filled in if interrupted */
	A_TIMEVAL_OUT,
	A_CLOCK,
	A_TIMER_FLAGS,
	A_ARGV,		/* execve's argument list */
	A_ENVP,		/* execve's environment: only counted */
	A_WSTATUS,	/* wait4's status */
	A_WAIT_OPTIONS,
	A_UTSNAME,
	A_RLIMIT_RES,
	A_RLIMIT,
	A_RLIMIT_OUT,
	A_GRND_FLAGS,
	A_RUSAGE_WHO,
	A_RUSAGE_OUT,	/* struct rusage the call filled in */
	A_TMS_OUT,	/* struct tms the call filled in */
};

/* How to show the result. */
enum ret_kind {
	R_NONE,		/* not in the table */
	R_DEC,		/* a number in decimal (and -1 EXXX on error) */
	R_HEX,		/* an address (mmap, brk) */
	R_OCT,		/* umask */
	R_NORETURN,	/* exit, exit_group: "= ?", printed before the call */
	R_FCNTL,	/* F_GETFL and F_GETFD add the flags in words */
	R_POLL,		/* poll adds the ready descriptors */
};

struct syscall_format {
	u8 ret;			/* enum ret_kind */
	u8 args[6];		/* enum arg_kind, A_END after the last */
};

#define SC(name, ...)		[__NR_##name] = { R_DEC, { __VA_ARGS__ } }
#define SC_RET(name, r, ...)	[__NR_##name] = { r, { __VA_ARGS__ } }

static const struct syscall_format syscall_formats[NR_syscalls] = {
	/* files */
	SC(read, A_FD, A_RBUF, A_ULONG),
	SC(write, A_FD, A_WBUF, A_ULONG),
	SC(pread64, A_FD, A_RBUF, A_ULONG, A_LONG),
	SC(pwrite64, A_FD, A_WBUF, A_ULONG, A_LONG),
	SC(readv, A_FD, A_IOV_OUT, A_INT),
	SC(writev, A_FD, A_IOV_IN, A_INT),
	SC(open, A_PATH, A_OPEN_FLAGS),
	SC(openat, A_DIRFD, A_PATH, A_OPEN_FLAGS),
	SC(creat, A_PATH, A_MODE),
	SC(close, A_FD),
	SC(lseek, A_FD, A_LONG, A_WHENCE),
	SC(stat, A_PATH, A_STAT),
	SC(lstat, A_PATH, A_STAT),
	SC(fstat, A_FD, A_STAT),
	SC(newfstatat, A_DIRFD, A_PATH, A_STAT, A_AT_FLAGS),
	SC(statfs, A_PATH, A_PTR),
	SC(fstatfs, A_FD, A_PTR),
	SC(getdents64, A_FD, A_DIRENTS, A_ULONG),
	SC(access, A_PATH, A_ACCESS_MODE),
	SC(faccessat, A_DIRFD, A_PATH, A_ACCESS_MODE),
	SC(truncate, A_PATH, A_LONG),
	SC(ftruncate, A_FD, A_LONG),
	SC(fsync, A_FD),
	SC(fdatasync, A_FD),
	SC(sync),
	SC(dup, A_FD),
	SC(dup2, A_FD, A_FD),
	SC(dup3, A_FD, A_FD, A_FD_FLAGS),
	SC_RET(fcntl, R_FCNTL, A_FD, A_FCNTL),
	SC(ioctl, A_FD, A_IOCTL),
	SC(pipe, A_FD_PAIR),
	SC(pipe2, A_FD_PAIR, A_FD_FLAGS),
	SC_RET(poll, R_POLL, A_POLLFDS, A_INT, A_INT),
	SC_RET(ppoll, R_POLL, A_POLLFDS, A_INT, A_TIMESPEC, A_SIGSET, A_ULONG),
	SC(select, A_INT, A_PTR, A_PTR, A_PTR, A_PTR),
	SC(pselect6, A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR),
	SC(sendfile, A_FD, A_FD, A_PTR, A_ULONG),
	/* names */
	SC(getcwd, A_OUT_STR, A_ULONG),
	SC(chdir, A_PATH),
	SC(fchdir, A_FD),
	SC(mkdir, A_PATH, A_MODE),
	SC(mkdirat, A_DIRFD, A_PATH, A_MODE),
	SC(rmdir, A_PATH),
	SC(unlink, A_PATH),
	SC(unlinkat, A_DIRFD, A_PATH, A_AT_FLAGS),
	SC(rename, A_PATH, A_PATH),
	SC(renameat, A_DIRFD, A_PATH, A_DIRFD, A_PATH),
	SC(renameat2, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_RENAME_FLAGS),
	SC(link, A_PATH, A_PATH),
	SC(linkat, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_AT_FLAGS),
	SC(symlink, A_PATH, A_PATH),
	SC(symlinkat, A_PATH, A_DIRFD, A_PATH),
	SC(readlink, A_PATH, A_RBUF, A_ULONG),
	SC(readlinkat, A_DIRFD, A_PATH, A_RBUF, A_ULONG),
	SC(chmod, A_PATH, A_MODE),
	SC(fchmod, A_FD, A_MODE),
	SC(fchmodat, A_DIRFD, A_PATH, A_MODE),
	SC(chown, A_PATH, A_INT, A_INT),
	SC(fchown, A_FD, A_INT, A_INT),
	SC(lchown, A_PATH, A_INT, A_INT),
	SC(fchownat, A_DIRFD, A_PATH, A_INT, A_INT, A_AT_FLAGS),
	SC_RET(umask, R_OCT, A_MODE),
	SC(utimensat, A_DIRFD, A_PATH, A_PTR, A_AT_FLAGS),
	SC(futimesat, A_DIRFD, A_PATH, A_PTR),
	SC(utimes, A_PATH, A_PTR),
	SC(utime, A_PATH, A_PTR),
	/* memory */
	SC_RET(brk, R_HEX, A_PTR),
	SC_RET(mmap, R_HEX, A_PTR, A_ULONG, A_PROT, A_MAP_FLAGS, A_FD, A_HEX),
	SC(munmap, A_PTR, A_ULONG),
	SC(mprotect, A_PTR, A_ULONG, A_PROT),
	SC(madvise, A_PTR, A_ULONG, A_MADVICE),
	SC_RET(mremap, R_HEX, A_PTR, A_ULONG, A_ULONG, A_MREMAP_FLAGS),
	/* processes */
	SC(execve, A_PATH, A_ARGV, A_ENVP),
	SC_RET(exit, R_NORETURN, A_INT),
	SC_RET(exit_group, R_NORETURN, A_INT),
	SC(fork),
	SC(vfork),
	SC(clone, A_CLONE),
	SC(wait4, A_INT, A_WSTATUS, A_WAIT_OPTIONS, A_PTR),
	SC(kill, A_INT, A_SIGNAL),
	SC(tkill, A_INT, A_SIGNAL),
	SC(tgkill, A_INT, A_INT, A_SIGNAL),
	SC(getpid),
	SC(getppid),
	SC(gettid),
	SC(getuid),
	SC(geteuid),
	SC(getgid),
	SC(getegid),
	SC(getgroups, A_INT, A_PTR),
	SC(setpgid, A_INT, A_INT),
	SC(getpgid, A_INT),
	SC(getpgrp),
	SC(setsid),
	SC(getsid, A_INT),
	SC(set_tid_address, A_PTR),
	SC(arch_prctl, A_ARCH_PRCTL),
	SC(prctl, A_PRCTL),
	SC(uname, A_UTSNAME),
	SC(sysinfo, A_PTR),
	SC(getrlimit, A_RLIMIT_RES, A_RLIMIT_OUT),
	SC(setrlimit, A_RLIMIT_RES, A_RLIMIT),
	SC(prlimit64, A_INT, A_RLIMIT_RES, A_RLIMIT, A_RLIMIT_OUT),
	SC(getrusage, A_RUSAGE_WHO, A_RUSAGE_OUT),
	SC(times, A_TMS_OUT),
	SC(alarm, A_INT),
	SC(restart_syscall),
	SC(getitimer, A_INT, A_PTR),
	SC(setitimer, A_INT, A_PTR, A_PTR),
	SC(sched_yield),
	SC(sched_getaffinity, A_INT, A_ULONG, A_PTR),
	SC(getrandom, A_RBUF_HEX, A_ULONG, A_GRND_FLAGS),
	SC(reboot, A_HEX, A_HEX, A_HEX, A_PTR),
	SC(syslog, A_SYSLOG),
	/* signals */
	SC(rt_sigaction, A_SIGNAL, A_SIGACTION, A_SIGACTION_OUT, A_ULONG),
	SC(rt_sigprocmask, A_SIGHOW, A_SIGSET, A_SIGSET_OUT, A_ULONG),
	SC(rt_sigpending, A_SIGSET_OUT, A_ULONG),
	SC(rt_sigsuspend, A_SIGSET, A_ULONG),
	SC(rt_sigreturn, A_SIGRETURN),
	SC(pause),
	/* time */
	SC(nanosleep, A_TIMESPEC, A_TIMESPEC_REM),
	SC(clock_nanosleep, A_CLOCK, A_TIMER_FLAGS, A_TIMESPEC, A_TIMESPEC_REM),
	SC(clock_gettime, A_CLOCK, A_TIMESPEC_OUT),
	SC(clock_getres, A_CLOCK, A_TIMESPEC_OUT),
	SC(gettimeofday, A_TIMEVAL_OUT, A_PTR),
	SC(time, A_PTR),
	/* sockets: descriptors and numbers, the structures as addresses */
	SC(socket, A_INT, A_INT, A_INT),
	SC(socketpair, A_INT, A_INT, A_INT, A_FD_PAIR),
	SC(bind, A_FD, A_PTR, A_INT),
	SC(listen, A_FD, A_INT),
	SC(accept, A_FD, A_PTR, A_PTR),
	SC(accept4, A_FD, A_PTR, A_PTR, A_HEX),
	SC(connect, A_FD, A_PTR, A_INT),
	SC(getsockname, A_FD, A_PTR, A_PTR),
	SC(getpeername, A_FD, A_PTR, A_PTR),
	SC(sendto, A_FD, A_WBUF, A_ULONG, A_HEX, A_PTR, A_INT),
	SC(recvfrom, A_FD, A_RBUF, A_ULONG, A_HEX, A_PTR, A_PTR),
	SC(sendmsg, A_FD, A_PTR, A_HEX),
	SC(recvmsg, A_FD, A_PTR, A_HEX),
	SC(shutdown, A_FD, A_INT),
	SC(setsockopt, A_FD, A_INT, A_INT, A_PTR, A_INT),
	SC(getsockopt, A_FD, A_INT, A_INT, A_PTR, A_PTR),
};

/* ---- Arguments that need more than one register ----------------------- */

static void print_fcntl(struct strace_buf *sb, const struct strace_call *c, int i)
{
	unsigned long cmd = c->args[i], arg = c->args[i + 1];

	print_xval(sb, fcntl_cmds, cmd, "F_???");
	switch (cmd) {
	case F_GETFD:
	case F_GETFL:
		return;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		sb_printf(sb, ", %d", (int)arg);
		return;
	case F_SETFD:
		sb_puts(sb, ", ");
		print_flags(sb, fd_flags, arg, NULL);
		return;
	case F_SETFL:
		sb_puts(sb, ", ");
		print_open_flags(sb, arg);
		return;
	}
	sb_puts(sb, ", ");
	print_hex(sb, arg);
}

/* prctl: the options this kernel has; the others in hex, all five. */
static void print_prctl(struct strace_buf *sb, const struct strace_call *c, long ret)
{
	unsigned long option = c->args[0];
	int i;

	switch (option) {
	case PR_SET_NAME:
		sb_puts(sb, "PR_SET_NAME, ");
		print_string(sb, c->args[1], TASK_COMM_LEN - 1);
		return;
	case PR_GET_NAME:
		sb_puts(sb, "PR_GET_NAME, ");
		if (ret < 0)
			print_ptr(sb, c->args[1]);
		else
			print_string(sb, c->args[1], TASK_COMM_LEN - 1);
		return;
	case PR_TEACHOS_TRACE:
		sb_printf(sb, "PR_TEACHOS_TRACE, %d", (int)c->args[1]);
		return;
	}
	print_xval(sb, prctl_options, option, "PR_???");
	for (i = 1; i < 5; i++) {
		sb_puts(sb, ", ");
		print_hex(sb, c->args[i]);
	}
}

static void print_arch_prctl(struct strace_buf *sb, const struct strace_call *c, long ret)
{
	unsigned long code = c->args[0], addr = c->args[1];
	unsigned long value;

	print_xval(sb, arch_prctl_codes, code, "ARCH_???");
	sb_puts(sb, ", ");
	if ((code == ARCH_GET_FS || code == ARCH_GET_GS) && ret >= 0 &&
	    fetch(&value, addr, sizeof(value)))
		sb_printf(sb, "[0x%lx]", value);		/* ARCH_GET_*: the base read */
	else
		print_ptr(sb, addr);
}

/* clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD, ...) */
static void print_clone(struct strace_buf *sb, const struct strace_call *c, long ret)
{
	unsigned long flags = c->args[0];

	sb_puts(sb, "child_stack=");
	print_ptr(sb, c->args[1]);
	sb_puts(sb, ", flags=");
	if (flags & ~0xffUL) {
		print_flags(sb, clone_flags, flags & ~0xffUL, NULL);
		if (flags & 0xff)
			sb_putc(sb, '|');
	}
	if (flags & 0xff || !flags)
		print_signal(sb, flags & 0xff);
	if (flags & CLONE_PARENT_SETTID) {
		sb_puts(sb, ", parent_tid=");
		ret >= 0 ? print_int_ref(sb, c->args[2]) : print_ptr(sb, c->args[2]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		sb_puts(sb, ", child_tidptr=");
		print_ptr(sb, c->args[3]);
	}
	if (flags & CLONE_SETTLS) {
		sb_puts(sb, ", tls=");
		print_ptr(sb, c->args[4]);
	}
}

/* A number, then its name (names[v]) or unknown in a C comment. */
static void print_indexed(struct strace_buf *sb, const char *const *names, int n,
			  int v, const char *unknown)
{
	sb_printf(sb, "%d /* %s */", v, v >= 0 && v < n ? names[v] : unknown);
}

/*
 * syslog's action as a number with its name in a comment, as strace 6
 * shows it; then nothing for the actions that take nothing, the text a
 * read returned and its length, or the level CONSOLE_LEVEL sets (also
 * with its name).  Shown at exit, all at once.
 */
static void print_syslog(struct strace_buf *sb, const struct strace_call *c, long ret)
{
	int type = c->args[0], len = c->args[2];

	print_indexed(sb, syslog_actions, ARRAY_SIZE(syslog_actions), type, "SYSLOG_ACTION_???");
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_SIZE_UNREAD:
	case SYSLOG_ACTION_SIZE_BUFFER:
		return;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		sb_puts(sb, ", ");
		ret < 0 ? print_ptr(sb, c->args[1]) : print_buffer(sb, c->args[1], ret, false);
		sb_printf(sb, ", %d", len);
		return;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		sb_puts(sb, ", ");
		print_ptr(sb, c->args[1]);
		sb_puts(sb, ", ");
		print_indexed(sb, syslog_levels, ARRAY_SIZE(syslog_levels), len, "LOGLEVEL_???");
		return;
	}
	sb_puts(sb, ", ");
	print_ptr(sb, c->args[1]);
	sb_printf(sb, ", %d", len);
}

/* execve's argv: ["ls", "-l"], at most MAX_ELEMENTS of them. */
static void print_argv(struct strace_buf *sb, unsigned long uaddr)
{
	unsigned long i, p;

	if (!uaddr) {
		sb_puts(sb, "NULL");
		return;
	}
	if (!fetch(&p, uaddr, sizeof(p))) {
		print_ptr(sb, uaddr);
		return;
	}
	sb_putc(sb, '[');
	for (i = 0; p; i++) {
		if (i)
			sb_puts(sb, ", ");
		if (i == MAX_ELEMENTS) {
			sb_puts(sb, "...");
			break;
		}
		print_string(sb, p, MAX_STRLEN);
		if (!fetch(&p, uaddr + (i + 1) * sizeof(p), sizeof(p)))
			break;
	}
	sb_putc(sb, ']');
}

/* execve's envp is only counted: the address, then "2 vars" in a comment. */
static void print_envp(struct strace_buf *sb, unsigned long uaddr)
{
	unsigned long n = 0, p;

	print_ptr(sb, uaddr);
	if (!uaddr)
		return;
	while (n < 65536 && fetch(&p, uaddr + n * sizeof(p), sizeof(p)) && p)
		n++;
	sb_printf(sb, " /* %lu var%s */", n, n == 1 ? "" : "s");
}

/* rt_sigreturn({mask=[]}): the frame is just above the stack pointer. */
static void print_sigreturn(struct strace_buf *sb, const struct strace_call *c)
{
	/* The handler's ret popped pretcode: sp is the frame + 8, and
	 * uc.uc_sigmask is 8 + 296 bytes into the frame (kernel/signal.c). */
	unsigned long mask_addr = c->user_sp - 8 + 8 + 296;
	u64 mask;

	sb_puts(sb, "{mask=");
	if (fetch(&mask, mask_addr, sizeof(mask)))
		print_sigset_value(sb, mask);
	else
		print_ptr(sb, mask_addr);
	sb_putc(sb, '}');
}

/* Argument i of the call, whose result is ret (not yet known at entry). */
static void print_arg(struct strace_buf *sb, const struct strace_call *c, int i,
		      enum arg_kind kind, long ret)
{
	unsigned long v = c->args[i];
	bool failed = ret < 0 && ret >= -MAX_ERRNO;

	switch (kind) {
	case A_END:
		break;
	case A_INT:
	case A_FD:
		sb_printf(sb, "%d", (int)v);
		break;
	case A_LONG:
		sb_printf(sb, "%ld", (long)v);
		break;
	case A_ULONG:
		sb_printf(sb, "%lu", v);
		break;
	case A_HEX:
		print_hex(sb, v);
		break;
	case A_PTR:
		print_ptr(sb, v);
		break;
	case A_DIRFD:
		print_dirfd(sb, (int)v);
		break;
	case A_PATH:
		print_path(sb, v);
		break;
	case A_WBUF:
		print_buffer(sb, v, c->args[i + 1], false);
		break;
	case A_RBUF:
	case A_RBUF_HEX:
		if (failed)
			print_ptr(sb, v);
		else
			print_buffer(sb, v, ret, kind == A_RBUF_HEX);
		break;
	case A_OUT_STR:
		failed ? print_ptr(sb, v) : print_string(sb, v, MAX_PATH);
		break;
	case A_OPEN_FLAGS:
		print_open_flags(sb, v);
		if (v & (OPEN_CREAT | OPEN_TMPFILE)) {
			sb_puts(sb, ", ");
			print_octal(sb, c->args[i + 1]);
		}
		break;
	case A_FD_FLAGS:
		print_flags(sb, open_flags, v, NULL);
		break;
	case A_MODE:
		print_octal(sb, v);
		break;
	case A_WHENCE:
		print_xval(sb, seek_whence, v, "SEEK_???");
		break;
	case A_PROT:
		print_flags(sb, mmap_prot, v, "PROT_???");
		break;
	case A_MAP_FLAGS:
		print_mmap_flags(sb, v);
		break;
	case A_MREMAP_FLAGS:
		print_flags(sb, mremap_flags, v, "MREMAP_???");
		if (v & MREMAP_FIXED) {		/* only then is there a new address */
			sb_puts(sb, ", ");
			print_ptr(sb, c->args[i + 1]);
		}
		break;
	case A_MADVICE:
		print_xval(sb, madvise_advice, v, "MADV_???");
		break;
	case A_STAT:
		failed ? print_ptr(sb, v) : print_stat(sb, v);
		break;
	case A_DIRENTS:
		print_dirents(sb, v, failed ? -1 : ret);
		break;
	case A_IOV_IN:
		print_iovec(sb, v, c->args[i + 1], IOV_SHOW_ALL);
		break;
	case A_IOV_OUT:
		print_iovec(sb, v, c->args[i + 1], failed ? IOV_SHOW_NONE : ret);
		break;
	case A_POLLFDS:
		print_pollfds(sb, v, c->args[i + 1], false);
		break;
	case A_ACCESS_MODE:
		print_flags(sb, access_modes, v, "?_OK");
		break;
	case A_AT_FLAGS:
		print_flags(sb, at_flags, v, "AT_???");
		break;
	case A_RENAME_FLAGS:
		print_flags(sb, rename_flags, v, "RENAME_???");
		break;
	case A_FD_PAIR:
		failed ? print_ptr(sb, v) : print_fd_pair(sb, v);
		break;
	case A_FCNTL:
		print_fcntl(sb, c, i);
		break;
	case A_IOCTL:
		print_ioctl(sb, (unsigned int)v, c->args[i + 1], failed ? -1 : 0);
		break;
	case A_PRCTL:
		print_prctl(sb, c, failed ? -1 : ret);
		break;
	case A_ARCH_PRCTL:
		print_arch_prctl(sb, c, failed ? -1 : ret);
		break;
	case A_CLONE:
		print_clone(sb, c, failed ? -1 : ret);
		break;
	case A_SYSLOG:
		print_syslog(sb, c, failed ? -1 : ret);
		break;
	case A_SIGNAL:
		print_signal(sb, (int)v);
		break;
	case A_SIGHOW:
		print_xval(sb, sigprocmask_hows, v, "SIG_???");
		break;
	case A_SIGSET:
		print_sigset(sb, v);
		break;
	case A_SIGSET_OUT:
		failed ? print_ptr(sb, v) : print_sigset(sb, v);
		break;
	case A_SIGACTION:
		print_sigaction(sb, v);
		break;
	case A_SIGACTION_OUT:
		failed ? print_ptr(sb, v) : print_sigaction(sb, v);
		break;
	case A_SIGRETURN:
		print_sigreturn(sb, c);
		break;
	case A_TIMESPEC:
		print_timespec(sb, v);
		break;
	case A_TIMESPEC_OUT:
		failed ? print_ptr(sb, v) : print_timespec(sb, v);
		break;
	case A_TIMESPEC_REM:
		ret == -EINTR ? print_timespec(sb, v) : print_ptr(sb, v);
		break;
	case A_TIMEVAL_OUT:
		failed ? print_ptr(sb, v) : print_timeval(sb, v);
		break;
	case A_CLOCK:
		print_xval(sb, clocks, v, "CLOCK_???");
		break;
	case A_TIMER_FLAGS:
		print_flags(sb, timer_flags, v, "TIMER_???");
		break;
	case A_ARGV:
		print_argv(sb, v);
		break;
	case A_ENVP:
		print_envp(sb, v);
		break;
	case A_WSTATUS: {
		int status;

		if (ret > 0 && v && fetch(&status, v, sizeof(status)))
			print_wait_status(sb, status);
		else
			print_ptr(sb, v);
		break;
	}
	case A_WAIT_OPTIONS:
		print_flags(sb, wait_options, v, "W???");
		break;
	case A_UTSNAME:
		failed ? print_ptr(sb, v) : print_utsname(sb, v);
		break;
	case A_RLIMIT_RES:
		print_xval(sb, rlimit_resources, v, "RLIMIT_???");
		break;
	case A_RLIMIT:
		print_rlimit(sb, v);
		break;
	case A_RLIMIT_OUT:
		failed ? print_ptr(sb, v) : print_rlimit(sb, v);
		break;
	case A_GRND_FLAGS:
		print_flags(sb, getrandom_flags, v, "GRND_???");
		break;
	case A_RUSAGE_WHO:
		print_xval(sb, rusage_who, (unsigned int)v, "RUSAGE_???");
		break;
	case A_RUSAGE_OUT:
		failed ? print_ptr(sb, v) : print_rusage(sb, v);
		break;
	case A_TMS_OUT:
		failed ? print_ptr(sb, v) : print_tms(sb, v);
		break;
	}
}

/* The format of a call; NULL for one without a row (shown in hex). */
static const struct syscall_format *call_format(unsigned long nr)
{
	if (nr >= NR_syscalls || syscall_formats[nr].ret == R_NONE)
		return NULL;
	return &syscall_formats[nr];
}

/* Kinds that show what the call wrote, or need its result: shown at exit. */
static bool is_output(enum arg_kind kind)
{
	switch (kind) {
	case A_RBUF:
	case A_RBUF_HEX:
	case A_OUT_STR:
	case A_STAT:
	case A_DIRENTS:
	case A_IOV_OUT:
	case A_FD_PAIR:
	case A_IOCTL:
	case A_PRCTL:
	case A_ARCH_PRCTL:
	case A_CLONE:
	case A_SYSLOG:
	case A_SIGSET_OUT:
	case A_SIGACTION_OUT:
	case A_TIMESPEC_OUT:
	case A_TIMESPEC_REM:
	case A_TIMEVAL_OUT:
	case A_WSTATUS:
	case A_UTSNAME:
	case A_RLIMIT_OUT:
	case A_RUSAGE_OUT:
	case A_TMS_OUT:
		return true;
	default:
		return false;
	}
}

/*
 * The arguments from c->next_arg on.  Entering, it stops at the first one
 * that must wait for the call to be done, as strace does: what a call
 * takes is shown as it was before the call changed it (nanosleep(&ts,
 * &ts), sigprocmask(how, &set, &set)) or dropped it (execve).
 */
static void print_args(struct strace_buf *sb, struct strace_call *c, bool entering, long ret)
{
	const struct syscall_format *fmt = call_format(c->nr);

	for (; c->next_arg < 6; c->next_arg++) {
		int i = c->next_arg;
		enum arg_kind kind = fmt ? fmt->args[i] : A_HEX;

		if (kind == A_END || (entering && is_output(kind)))
			return;
		if (i)
			sb_puts(sb, ", ");
		print_arg(sb, c, i, kind, ret);
	}
}

/* ---- The result ----------------------------------------------------------- */

static void print_errno(struct strace_buf *sb, long err)
{
	const char *restart = xlookup(restart_codes, err);

	if (restart)
		sb_printf(sb, "? %s", restart);
	else if (err < (long)ARRAY_SIZE(errnos) && errnos[err].name)
		sb_printf(sb, "-1 %s (%s)", errnos[err].name, errnos[err].text);
	else
		sb_printf(sb, "-1 E??? (Unknown error %ld)", err);
}

/* ") = result", the '=' in column 40 when the call was short. */
static void print_result(struct strace_buf *sb, const struct strace_call *c, long ret)
{
	const struct syscall_format *fmt = call_format(c->nr);
	enum ret_kind kind = fmt ? fmt->ret : R_DEC;

	sb_puts(sb, ") ");
	while (sb->len < RESULT_COLUMN)
		sb_putc(sb, ' ');
	sb_puts(sb, "= ");
	if (kind == R_NORETURN) {
		sb_putc(sb, '?');
		return;
	}
	if (ret < 0 && ret >= -MAX_ERRNO) {
		print_errno(sb, -ret);
		return;
	}
	switch (kind) {
	case R_HEX:
		print_hex(sb, ret);
		break;
	case R_OCT:
		print_octal(sb, ret);
		break;
	case R_FCNTL:
		if (c->args[1] == F_GETFL) {
			print_hex(sb, ret);
			sb_puts(sb, " (flags ");
			print_open_flags(sb, ret);
			sb_putc(sb, ')');
		} else if (c->args[1] == F_GETFD && ret) {
			print_hex(sb, ret);
			sb_puts(sb, " (flags ");
			print_flags(sb, fd_flags, ret, NULL);
			sb_putc(sb, ')');
		} else {
			sb_printf(sb, "%ld", ret);
		}
		break;
	case R_POLL:
		sb_printf(sb, "%ld", ret);
		if (ret == 0) {
			sb_puts(sb, " (Timeout)");
		} else {
			sb_puts(sb, " (");
			print_pollfds(sb, c->args[0], c->args[1], true);
			sb_putc(sb, ')');
		}
		break;
	default:
		sb_printf(sb, "%ld", ret);
	}
}

/* ---- Entry, exit and the trace file ------------------------------------- */

static void write_line(struct file *f, struct strace_buf *sb)
{
	sb->buf[sb->len++] = '\n';	/* limit leaves room for it */
	kernel_write(f, sb->buf, sb->len, &f->f_pos);
}

bool strace_enter(struct strace_call *call, const struct pt_regs *regs)
{
	const struct syscall_format *fmt;
	struct strace_buf *sb = &call->line;

	sb->buf = kmalloc(LINE_SIZE, GFP_KERNEL);
	if (!sb->buf)
		return false;		/* this call goes untraced */
	sb->len = 0;
	sb->limit = LINE_SIZE - RESULT_ROOM;
	call->file = get_file(current->trace_file);
	call->nr = regs->orig_ax;
	call->args[0] = regs->di;
	call->args[1] = regs->si;
	call->args[2] = regs->dx;
	call->args[3] = regs->r10;
	call->args[4] = regs->r8;
	call->args[5] = regs->r9;
	call->user_sp = regs->sp;
	call->next_arg = 0;

	if (call->nr < NR_syscalls && syscall_names[call->nr])
		sb_printf(sb, "%s(", syscall_names[call->nr]);
	else
		sb_printf(sb, "syscall_0x%lx(", call->nr);
	print_args(sb, call, true, 0);

	fmt = call_format(call->nr);
	if (fmt && fmt->ret == R_NORETURN) {	/* exit never comes back: the line now */
		strace_leave(call, 0);
		return false;
	}
	return true;
}

void strace_leave(struct strace_call *call, long ret)
{
	struct strace_buf *sb = &call->line;

	print_args(sb, call, false, ret);
	sb->limit = LINE_SIZE - 2;	/* the result always fits, then '\n' */
	print_result(sb, call, ret);
	write_line(call->file, sb);
	fput(call->file);
	kfree(sb->buf);
}

void strace_exit_task(struct task_struct *tsk, int code)
{
	struct file *f = tsk->trace_file;
	char buf[64];
	struct strace_buf sb = { buf, 0, sizeof(buf) - 2 };

	if (!f)
		return;
	if (code & 0x7f) {
		sb_puts(&sb, "+++ killed by ");
		print_signal(&sb, code & 0x7f);
		sb_puts(&sb, " +++");
	} else {
		sb_printf(&sb, "+++ exited with %d +++", (code >> 8) & 0xff);
	}
	write_line(f, &sb);
	tsk->trace_file = NULL;
	fput(f);
}

long strace_set_file(int fd)
{
	struct file *f = NULL;

	if (fd != -1) {
		f = fd >= 0 ? fget(fd) : NULL;
		if (!f)
			return -EBADF;
		if (!(f->f_mode & FMODE_WRITE)) {
			fput(f);
			return -EBADF;
		}
	}
	if (current->trace_file)
		fput(current->trace_file);
	current->trace_file = f;
	return 0;
}
