/*
 * fork: a new task that is a copy of the caller.  The address space is
 * shared copy-on-write (both sides map the same pages read-only until one
 * writes), the descriptor table is copied (the files themselves shared).
 * Linux: kernel/fork.c (copy_process, dup_mm, kernel_clone).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/fork.h"
#include "kernel/kernel_stat.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs_struct.h"

#define MAX_THREADS	512	/* fork fails with EAGAIN beyond this many tasks */

extern void ret_from_fork(void);
static int nr_threads;

/* What __switch_to_asm pops on a new task's first switch, then pt_regs. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret_addr;
	struct pt_regs regs;
};

/* Share every present user page copy-on-write between two address spaces. */
static int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
			   struct vm_area_struct *vma)
{
	unsigned long va;

	for (va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
		pteval_t *spte = walk_page_table(src->pgd, va, false);
		pteval_t *dpte;

		if (!spte || !(*spte & _PAGE_PRESENT))
			continue;
		dpte = walk_page_table(dst->pgd, va, true);
		if (!dpte)
			return -ENOMEM;
		*spte &= ~_PAGE_RW;
		*dpte = *spte;
		get_page(phys_to_page(*spte & PTE_ADDR_MASK));
	}
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	list_for_each_entry(vma, &old->mmap, vm_list) {
		struct vm_area_struct *copy = kmalloc(sizeof(*copy), GFP_KERNEL);

		if (!copy)
			goto fail;
		*copy = *vma;
		list_add_tail(&copy->vm_list, &mm->mmap);
		if (copy_page_range(mm, old, vma))
			goto fail;
	}
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	mm->exe_file = old->exe_file ? get_file(old->exe_file) : NULL;
	flush_tlb_all();	/* the parent's pages just became read-only */
	return mm;
fail:
	flush_tlb_all();
	mmput(mm);
	return NULL;
}

static struct task_struct *alloc_task(void)
{
	struct task_struct *p;

	if (nr_threads >= MAX_THREADS)
		return ERR_PTR(-EAGAIN);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->stack = (void *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!p->stack) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	p->pid = p->tgid = alloc_pid();
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->run_list);
	init_waitqueue_head(&p->wait_chldexit);
	itimer_init_task(p);		/* a child has no timers */
	p->start_time = ktime_get_ns();
	return p;
}

static void free_task(struct task_struct *p)
{
	free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	kfree(p);
}

/* Lay out the new kernel stack so that the first switch lands in ret_from_fork. */
static void setup_thread_stack(struct task_struct *p, void (*fn)(void *), void *arg)
{
	struct fork_frame *frame = (struct fork_frame *)((char *)p->stack + THREAD_SIZE) - 1;

	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork;
	frame->bx = (unsigned long)fn;		/* NULL: go straight to user mode */
	frame->r12 = (unsigned long)arg;
	p->thread.sp = (unsigned long)frame;
}

u64 total_forks;	/* /proc/stat's "processes" */

static void attach_to_parent(struct task_struct *p)
{
	p->real_parent = current;
	list_add_tail(&p->sibling, &current->children);
	nr_threads++;
	total_forks++;
	sched_add_task(p);
}

pid_t kernel_thread(void (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task();

	if (IS_ERR(p))
		return PTR_ERR(p);
	p->files = files_alloc();
	if (!p->files) {
		free_task(p);
		return -ENOMEM;
	}
	set_task_comm(p, name);
	memcpy(p->rlim, init_rlimits, sizeof(p->rlim));
	fpu_init_task(p);
	setup_thread_stack(p, fn, arg);
	attach_to_parent(p);
	return p->pid;
}

#define CSIGNAL		0x000000ff	/* the signal sent to the parent at exit */
#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#define CLONE_SETTLS	0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_TID_FLAGS	(CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_CHILD_SETTID)

/*
 * The part of fork and vfork that differs: the address space is copied
 * (copy-on-write), or with CLONE_VM shared, as vfork shares it.
 */
static long copy_process(unsigned long flags, unsigned long newsp, struct task_struct **out)
{
	struct task_struct *p = alloc_task();

	if (IS_ERR(p))
		return PTR_ERR(p);
	if (flags & CLONE_VM) {
		p->mm = current->mm;
		p->mm->mm_users++;
	} else {
		p->mm = dup_mm(current->mm);
	}
	p->files = p->mm ? dup_fd(current->files) : NULL;
	p->fs = p->files ? copy_fs_struct(current->fs) : NULL;
	if (!p->fs) {
		if (p->files)
			put_files_struct(p->files);
		if (p->mm)
			mmput(p->mm);
		free_task(p);
		return -ENOMEM;
	}
	memcpy(p->comm, current->comm, sizeof(p->comm));
	p->thread.fsbase = current->thread.fsbase;
	p->blocked = current->blocked;
	memcpy(p->sighand, current->sighand, sizeof(p->sighand));
	p->pgid = current->pgid;
	p->sid = current->sid;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	asm volatile("fxsave %0" : "=m"(p->thread.fxsave));	/* our live registers */
	setup_thread_stack(p, NULL, NULL);
	*task_pt_regs(p) = *task_pt_regs(current);
	task_pt_regs(p)->ax = 0;		/* fork returns 0 in the child */
	if (newsp)
		task_pt_regs(p)->sp = newsp;
	*out = p;
	return 0;
}

/*
 * CLONE_VFORK: the parent sleeps until the child has let go of the shared
 * address space, by execve or exit (vfork_release).  Linux: kernel/fork.c
 * wait_for_vfork_done.
 */
static void wait_for_vfork_done(struct task_struct *child)
{
	while (child->vfork_parent) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (child->vfork_parent)
			schedule();
		set_current_state(TASK_RUNNING);
	}
}

void vfork_release(struct task_struct *child)
{
	struct task_struct *parent = child->vfork_parent;

	if (parent) {
		child->vfork_parent = NULL;
		wake_up_process(parent);
	}
}

static long kernel_clone(unsigned long flags, unsigned long newsp,
			 int __user *parent_tid, int __user *child_tid, unsigned long tls)
{
	struct task_struct *p;
	long err = copy_process(flags, newsp, &p);
	pid_t pid;

	if (err)
		return err;
	pid = p->pid;
	/* glibc's fork asks for these; the child's own word is written from
	 * the child, in schedule_tail, so copy-on-write keeps them apart. */
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = tls;
	if ((flags & CLONE_PARENT_SETTID) && put_user(pid, parent_tid)) {
		p->set_child_tid = NULL;	/* Linux too carries on */
	}
	if (flags & CLONE_VFORK)
		p->vfork_parent = current;
	attach_to_parent(p);
	if (flags & CLONE_VFORK)
		wait_for_vfork_done(p);
	return pid;
}

void task_exited(void)
{
	nr_threads--;
}

long sys_fork(void)
{
	return kernel_clone(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return kernel_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

/*
 * clone, in the shapes fork (musl's and glibc's), vfork and posix_spawn
 * use: exit signal SIGCHLD, optionally CLONE_VM with CLONE_VFORK and a new
 * stack, and the TID/TLS flags.  Threads (CLONE_THREAD, CLONE_FILES, ...)
 * are not offered: -EINVAL.
 */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls)
{
	if ((flags & CSIGNAL) != SIGCHLD ||
	    (flags & ~(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_TID_FLAGS)))
		return -EINVAL;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return -EINVAL;		/* a thread sharing memory: not offered */
	if (tls >= TASK_SIZE && (flags & CLONE_SETTLS))
		return -EPERM;
	return kernel_clone(flags, newsp, parent_tid, child_tid, tls);
}
