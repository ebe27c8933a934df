/*
 * ktrace: the call path of a system call, function by function.
 *
 *   # echo hello | ktrace write nc 10.0.2.2 7000
 *   ktrace: write #1 by nc[9]
 *   sys_write
 *     do_rw_one
 *       do_rw
 *         fget
 *         iov_iter_init
 *         vfs_write
 *           sock_write_iter
 *             sock_sendmsg
 *   ...
 *   ktrace: write #1 returned 6
 *
 * How it costs nothing while off.  The Makefile compiles kernel/, fs/,
 * net/ and drivers/ with -pg -mfentry -mnop-mcount -mrecord-mcount: GCC
 * starts every function with a 5-byte NOP (0f 1f 44 00 00) and lists the
 * NOPs' addresses in section __mcount_loc (__start_mcount_loc ..
 * __stop_mcount_loc, see linker.ld).  Switched off, that NOP is all there
 * is: no flag is tested anywhere.
 *
 * Switching on rewrites every listed NOP into `call ktrace_entry_trampoline'
 * (kernel/ktrace_entry.asm), which calls ktrace_enter() with the function's
 * address and the stack slot holding its return address.  Switching off
 * writes the NOPs back.  Text is mapped read-only, so the bytes are written
 * through the direct map (__va(__pa(ip))), the same physical page mapped
 * writable.  Why that is safe here: there is one CPU and interrupts are off
 * while we patch, so nothing else runs; each site is one whole instruction
 * replaced by another whole instruction of the same length at the same
 * address, so any saved instruction pointer (an interrupted or sleeping
 * task) still points at an instruction boundary; and cpuid, a serializing
 * instruction, makes sure no stale decoded copy of the old bytes is used
 * (Intel SDM vol. 3, "Handling Self- and Cross-Modifying Code").
 *
 * Depth.  ktrace_enter() prints a function only if it was called by the
 * function on top of the tracer's stack of traced frames (kt.stack), and
 * then replaces its return address with ktrace_return_trampoline, keeping
 * the real one on that stack.  When the function returns, the trampoline
 * calls ktrace_return(), which pops the entry and jumps to the real
 * address.  The depth of a line is the number of traced frames under it.
 * Linux's function_graph tracer hooks returns the same way.
 *
 * "Called by the top frame" means: the caller's frame pointer is the top
 * frame's (rbp at a function's first instruction is its caller's frame,
 * pushed just below the caller's return address slot) and the return
 * address lies in the top function; or the function reuses the top
 * frame's return slot, which now holds our trampoline (a tail call:
 * `jmp' instead of `call').  An interrupt or a page fault that arrives in
 * the middle of the system call enters through entry.asm, whose callers
 * match neither, so they stay out of the trace, and so do the functions
 * that a function past the depth limit calls.
 *
 * One task and one system call at a time.  The session starts in the
 * traced task itself (prctl PR_TEACHOS_KTRACE) and survives execve; the
 * call starts when do_syscall_64 (itself instrumented) is entered with the
 * traced number and ends when it returns.  Lines are collected in a buffer
 * during the call and written to the file after it, in a plain process
 * context, so writing the trace never runs inside a traced function (and
 * is not traced: the call is over).  The session ends with prctl
 * KTRACE_OFF, or when any other task enters a system call after the
 * traced task has exited.
 *
 * This file, its trampolines and what they use (kallsyms, vsnprintf and the
 * string functions in kernel/lib) are compiled without -pg.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/irq.h"
#include "kernel/kallsyms.h"
#include "kernel/ktrace.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/x86.h"
#include "kernel/mm/page.h"
#include "fs/fs.h"
#include "fs/syscalls.h"

#define MCOUNT_INSN_SIZE	5		/* the NOP, or the call */
#define KTRACE_STACK		64		/* traced frames deep at most */
#define KTRACE_BUF_ORDER	4		/* 64 KiB of lines per call */
#define KTRACE_BUF_SIZE		(PAGE_SIZE << KTRACE_BUF_ORDER)
#define KTRACE_FOOTER_ROOM	256

/*
 * What ktrace_entry_trampoline pushes: the registers, then the two words
 * already on the stack.  parent_ip is the function's return slot itself.
 */
struct ktrace_frame {
	unsigned long ax, di, si, dx, cx, r8, r9, r10, r11;
	unsigned long bp;		/* the caller's frame pointer */
	unsigned long ip;		/* function + 5 */
	unsigned long parent_ip;	/* the function's return address */
};

/* A traced frame whose return we took over. */
struct ktrace_ret {
	unsigned long func;
	const char *name;		/* NULL for do_syscall_64 */
	unsigned long *slot;		/* where its return address lives */
	unsigned long orig;		/* the return address we replaced */
};

extern const unsigned long __start_mcount_loc[], __stop_mcount_loc[];
extern char _text[], _etext[];
void ktrace_entry_trampoline(void);
void ktrace_return_trampoline(void);
void ktrace_enter(struct ktrace_frame *f);
unsigned long ktrace_return(unsigned long *slot);

static const u8 ktrace_nop[MCOUNT_INSN_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

static struct {
	/* The traced task: a new task at the same address has another pid or start. */
	struct task_struct *task;
	pid_t pid;
	u64 start_time;
	unsigned long nr;		/* the system call traced */
	struct file *out;		/* where lines go after each call */
	unsigned int max_lines;		/* per call */
	unsigned int max_depth;		/* 0: no limit */
	bool patched;			/* the call sites call us */
	bool busy;			/* in the tracer: do not recurse */
	bool in_call;			/* inside a traced call */
	struct pt_regs *regs;		/* of that call */
	unsigned long calls;		/* traced calls so far */
	unsigned int lines, dropped;	/* of this call */
	unsigned int depth;		/* entries in stack[] */
	struct ktrace_ret stack[KTRACE_STACK];
	char *buf;			/* this call's lines */
	size_t len;
} kt;

/* --- patching the call sites ------------------------------------------ */

static void ktrace_make_call(unsigned long ip, u8 insn[MCOUNT_INSN_SIZE])
{
	s32 rel = (s32)((long)ktrace_entry_trampoline - (long)(ip + MCOUNT_INSN_SIZE));

	insn[0] = 0xe8;			/* call rel32 */
	memcpy(&insn[1], &rel, sizeof(rel));
}

/* Rewrite every site: NOP -> call (on) or call -> NOP (off). */
static void ktrace_patch(bool on)
{
	const unsigned long *p;
	unsigned int bad = 0;
	unsigned long flags;
	u32 a, b, c, d;

	if (kt.patched == on)
		return;
	flags = local_irq_save();
	for (p = __start_mcount_loc; p < __stop_mcount_loc; p++) {
		unsigned long ip = *p;
		u8 call[MCOUNT_INSN_SIZE];
		const u8 *from, *to;

		if (ip < (unsigned long)_text || ip + MCOUNT_INSN_SIZE > (unsigned long)_etext) {
			bad++;
			continue;
		}
		ktrace_make_call(ip, call);
		from = on ? ktrace_nop : call;
		to = on ? call : ktrace_nop;
		if (memcmp((void *)ip, from, MCOUNT_INSN_SIZE)) {
			bad++;
			continue;
		}
		/* The same bytes, writable: the direct map of the text's frame. */
		memcpy(__va(__pa((void *)ip)), to, MCOUNT_INSN_SIZE);
	}
	cpuid(0, 0, &a, &b, &c, &d);	/* serialize: no stale copy of the old bytes */
	kt.patched = on;
	local_irq_restore(flags);
	if (bad)
		pr_warn("ktrace: %u of %lu call sites were not as expected, left alone\n",
			bad, (unsigned long)(__stop_mcount_loc - __start_mcount_loc));
}

/* --- the trace of one call -------------------------------------------- */

static bool ktrace_is_traced(struct task_struct *t)
{
	return t == kt.task && t->pid == kt.pid && t->start_time == kt.start_time;
}

/* Is the traced task still there (not exited)? */
static bool ktrace_task_alive(void)
{
	struct task_struct *t = kt.task ? find_task_by_pid(kt.pid) : NULL;

	return t && ktrace_is_traced(t) && !t->exit_state;
}

static void ktrace_printf(const char *fmt, ...) __printf(1, 2);
static void ktrace_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!kt.buf || kt.len >= KTRACE_BUF_SIZE - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(kt.buf + kt.len, KTRACE_BUF_SIZE - kt.len, fmt, ap);
	va_end(ap);
	kt.len = min(kt.len + n, KTRACE_BUF_SIZE - 1);
}

/* A name without GCC's clone suffix: tcp_sendmsg.part.0 -> tcp_sendmsg. */
static size_t ktrace_base_len(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot ? (size_t)(dot - name) : strlen(name);
}

/* One line: the name indented two spaces per level. */
static void ktrace_line(const char *name, unsigned int depth)
{
	size_t n = ktrace_base_len(name);

	if (kt.lines >= kt.max_lines ||
	    kt.len + 2 * depth + n + 1 + KTRACE_FOOTER_ROOM > KTRACE_BUF_SIZE) {
		kt.dropped++;
		return;
	}
	memset(kt.buf + kt.len, ' ', 2 * depth);
	kt.len += 2 * depth;
	memcpy(kt.buf + kt.len, name, n);
	kt.len += n;
	kt.buf[kt.len++] = '\n';
	kt.lines++;
}

/* The last line of a call: how it ended, and what the limit left out. */
static void ktrace_footer(bool returned)
{
	const char *name = syscall_names[kt.nr] ? : "?";

	if (returned)
		ktrace_printf("ktrace: %s #%lu returned %ld", name, kt.calls, (long)kt.regs->ax);
	else
		ktrace_printf("ktrace: tracing stopped during %s #%lu", name, kt.calls);
	if (kt.dropped)
		ktrace_printf(" (%u more calls not shown: more than %u lines)",
			      kt.dropped, kt.max_lines);
	ktrace_printf("\n");
}

/* Write out what the buffer holds (in process context, after a call). */
static void ktrace_flush(void)
{
	struct file *out = kt.out;
	size_t len = kt.len;

	kt.len = 0;
	if (!out || !len)
		return;
	get_file(out);		/* a KTRACE_OFF while we sleep here must not free it */
	kernel_write(out, kt.buf, len, &out->f_pos);
	fput(out);
}

/* Take over the return of the function whose frame f describes. */
static void ktrace_hook(struct ktrace_frame *f, unsigned long func, const char *name)
{
	struct ktrace_ret *r = &kt.stack[kt.depth++];

	r->func = func;
	r->name = name;
	r->slot = &f->parent_ip;
	r->orig = f->parent_ip;
	f->parent_ip = (unsigned long)ktrace_return_trampoline;
}

/* Does addr lie in the function of r (or in a part GCC split off, F.cold)? */
static bool ktrace_in_function(unsigned long addr, const struct ktrace_ret *r)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);
	size_t n;

	if (!name)
		return false;
	if (addr - off == r->func)
		return true;
	if (!r->name)
		return false;
	n = ktrace_base_len(r->name);
	return ktrace_base_len(name) == n && !strncmp(name, r->name, n);
}

/* Was the function of frame f called by the top traced frame? */
static bool ktrace_called_by_top(const struct ktrace_frame *f)
{
	const struct ktrace_ret *top = &kt.stack[kt.depth - 1];

	if (f->parent_ip == (unsigned long)ktrace_return_trampoline)
		return &f->parent_ip == top->slot;	/* a tail call from top */
	return f->bp == (unsigned long)top->slot - 8 && ktrace_in_function(f->parent_ip, top);
}

/* do_syscall_64 is being entered by the traced task. */
static void ktrace_syscall_entry(struct ktrace_frame *f)
{
	struct pt_regs *regs = (struct pt_regs *)f->di;
	struct task_struct *t = current;

	if (kt.in_call || regs->orig_ax != kt.nr || !kt.out || !kt.buf)
		return;
	kt.depth = 0;
	ktrace_hook(f, (unsigned long)do_syscall_64, NULL);
	kt.in_call = true;
	kt.regs = regs;
	kt.calls++;
	kt.lines = kt.dropped = 0;
	kt.len = 0;
	ktrace_printf("ktrace: %s #%lu by %s[%d]\n", syscall_names[kt.nr] ? : "?",
		      kt.calls, t->comm, t->pid);
}

/* A function is being entered by the traced task during the traced call. */
static void ktrace_function_entry(struct ktrace_frame *f, unsigned long func)
{
	unsigned int depth = kt.depth - 1;	/* stack[0] is do_syscall_64 */
	unsigned long off;
	const char *name;

	if (kt.max_depth && depth >= kt.max_depth)
		return;
	name = kallsyms_lookup(func, &off);
	if (!name)
		return;
	ktrace_line(name, depth);
	if (kt.depth < KTRACE_STACK)
		ktrace_hook(f, func, name);
}

/* The end of the session: lines out, file let go, the NOPs back. */
static void ktrace_stop(void)
{
	unsigned long flags = local_irq_save();
	struct file *out = kt.out;

	if (!kt.task) {
		local_irq_restore(flags);
		return;
	}
	if (kt.in_call)
		ktrace_footer(false);
	/*
	 * A live task inside a traced call still has returns that go through
	 * our trampoline: keep its entries until that call returns.
	 */
	if (!kt.depth || !ktrace_task_alive()) {
		kt.task = NULL;
		kt.depth = 0;
		kt.in_call = false;
	}
	kt.busy = true;
	local_irq_restore(flags);
	ktrace_patch(false);
	ktrace_flush();
	kt.out = NULL;
	kt.busy = false;
	if (out)
		fput(out);
}

/* --- the trampolines' C halves ---------------------------------------- */

void notrace ktrace_enter(struct ktrace_frame *f)
{
	unsigned long func = f->ip - MCOUNT_INSN_SIZE;
	struct task_struct *t = current;
	unsigned long flags;

	if (!ktrace_is_traced(t)) {
		/* Someone else's system call: has the traced task gone? */
		if (func == (unsigned long)do_syscall_64 && kt.task && !kt.busy &&
		    !ktrace_task_alive())
			ktrace_stop();
		return;
	}
	flags = local_irq_save();
	if (!kt.busy && kt.patched) {
		kt.busy = true;
		if (func == (unsigned long)do_syscall_64)
			ktrace_syscall_entry(f);
		else if (kt.in_call && kt.depth && ktrace_called_by_top(f))
			ktrace_function_entry(f, func);
		kt.busy = false;
	}
	local_irq_restore(flags);
}

unsigned long notrace ktrace_return(unsigned long *slot)
{
	unsigned long flags = local_irq_save();
	struct ktrace_ret r;

	/* Entries deeper than slot are frames that never returned. */
	while (kt.depth && kt.stack[kt.depth - 1].slot < slot)
		kt.depth--;
	if (!kt.depth || kt.stack[kt.depth - 1].slot != slot)
		panic("ktrace: %s[%d]: no traced frame returns through %p",
		      current->comm, current->pid, slot);
	r = kt.stack[--kt.depth];
	if (r.func == (unsigned long)do_syscall_64) {
		/* The traced call is over: its lines go out now. */
		kt.in_call = false;
		ktrace_footer(true);
		if (!kt.patched) {
			kt.task = NULL;		/* stopped while we were inside */
			kt.len = 0;
		}
		kt.busy = true;
		local_irq_restore(flags);
		ktrace_flush();
		kt.busy = false;
		return r.orig;
	}
	local_irq_restore(flags);
	return r.orig;
}

/* --- prctl(PR_TEACHOS_KTRACE, nr, fd, max_lines, max_depth) ------------- */

long ktrace_prctl(unsigned long nr, unsigned long fd, unsigned long max_lines,
		  unsigned long max_depth)
{
	struct task_struct *t = current;
	struct file *f, *old;
	unsigned long flags;

	if (nr == KTRACE_OFF) {
		/* fd, if not 0, names the pid whose tracing is to stop. */
		if (!fd || (kt.task && (unsigned long)kt.pid == fd))
			ktrace_stop();
		return 0;
	}
	if (nr >= NR_syscalls || !sys_call_table[nr])
		return -EINVAL;
	if ((unsigned int)fd != fd)
		return -EBADF;
	if (!kt.buf) {
		kt.buf = (char *)__get_free_pages(GFP_KERNEL, KTRACE_BUF_ORDER);
		if (!kt.buf)
			return -ENOMEM;
	}
	if (kt.task && !ktrace_is_traced(t)) {
		if (ktrace_task_alive())
			return -EBUSY;		/* one task at a time */
		ktrace_stop();			/* what an exited task left */
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE)) {
		fput(f);
		return -EBADF;
	}
	flags = local_irq_save();
	if (!ktrace_is_traced(t)) {
		kt.task = t;
		kt.pid = t->pid;
		kt.start_time = t->start_time;
		kt.depth = 0;
		kt.in_call = false;
		kt.calls = 0;
	}
	old = kt.out;
	kt.out = f;
	kt.nr = nr;
	kt.max_lines = max_lines ? min(max_lines, (unsigned long)KTRACE_MAX_LINES) :
				   KTRACE_DEFAULT_LINES;
	kt.max_depth = min(max_depth, (unsigned long)KTRACE_STACK);
	local_irq_restore(flags);
	if (old)
		fput(old);
	ktrace_patch(true);
	return 0;
}
