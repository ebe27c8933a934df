/*
 * execve: replace the calling program with a new one.  Everything that
 * can fail happens while the new address space is built off to the side
 * (argument strings, the ELF segments, the initial stack); only then does
 * the task switch over and the old program go away, so a failing execve
 * returns to an intact caller.  Linux: fs/exec.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/binfmts.h"
#include "kernel/fdtable.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/namei.h"

#define PATH_MAX	4096

/* Write n bytes at va in an address space that is not the current one. */
int bprm_copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t n)
{
	const char *s = src;

	while (n) {
		unsigned long off = va & ~PAGE_MASK;
		size_t chunk = min(n, (size_t)(PAGE_SIZE - off));
		struct vm_area_struct *vma = find_vma(mm, va);
		pteval_t *pte = walk_page_table(mm->pgd, va, true);

		if (!vma || !pte)
			return -ENOMEM;
		if (!(*pte & _PAGE_PRESENT)) {
			struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

			if (!page)
				return -ENOMEM;
			*pte = page_to_phys(page) | vm_flags_to_prot(vma->vm_flags);
		}
		memcpy((char *)__va(*pte & PTE_ADDR_MASK) + off, s, chunk);
		va += chunk;
		s += chunk;
		n -= chunk;
	}
	return 0;
}

/* strlen of a string in an address space that is not the current one. */
size_t bprm_strlen_in_mm(struct mm_struct *mm, unsigned long va)
{
	size_t len = 0;

	for (;;) {
		pteval_t *pte = walk_page_table(mm->pgd, va, false);
		const char *p, *end;

		if (!pte || !(*pte & _PAGE_PRESENT))
			return len;
		p = (const char *)__va(*pte & PTE_ADDR_MASK) + (va & ~PAGE_MASK);
		end = (const char *)__va(*pte & PTE_ADDR_MASK) + PAGE_SIZE;
		for (; p < end; p++, va++, len++)
			if (!*p)
				return len;
	}
}

static char *memchr_nul(char *s, char c, size_t n)
{
	for (; n && *s; n--, s++)
		if (*s == c)
			return s;
	return NULL;
}

static int get_arg(struct user_arg_ptr argv, int i, const char **out)
{
	if (argv.is_kernel) {
		*out = argv.ptr[i];
		return 0;
	}
	return get_user(*out, (const char *const __user *)argv.ptr + i);
}

static int count_args(struct user_arg_ptr argv)
{
	int n;

	if (!argv.ptr)
		return 0;
	for (n = 0; n < MAX_ARG_STRINGS; n++) {
		const char *s;

		if (get_arg(argv, n, &s))
			return -EFAULT;
		if (!s)
			return n;
	}
	return -E2BIG;
}

/* Copy one string to the top of the new stack; bprm->p moves down. */
static int copy_string(struct linux_binprm *bprm, const char *str, bool is_kernel)
{
	char chunk[256];
	long len = is_kernel ? (long)strlen(str) + 1 : strnlen_user(str, MAX_ARG_STRLEN);
	unsigned long dst;
	long done;

	if (len <= 0)
		return -EFAULT;
	if (len > MAX_ARG_STRLEN || bprm->p - len < STACK_TOP - MAX_ARG_TOTAL)
		return -E2BIG;
	bprm->p -= len;
	dst = bprm->p;
	for (done = 0; done < len; done += sizeof(chunk)) {
		size_t n = min((size_t)(len - done), sizeof(chunk));

		if (is_kernel)
			memcpy(chunk, str + done, n);
		else if (copy_from_user(chunk, str + done, n))
			return -EFAULT;
		if (bprm_copy_to_mm(bprm->mm, dst + done, chunk, n))
			return -ENOMEM;
	}
	return 0;
}

/* argv[from..count-1], in reverse, so that the first ends up lowest. */
static int copy_strings(struct linux_binprm *bprm, int from, int count,
			struct user_arg_ptr argv)
{
	int i, err;

	for (i = count - 1; i >= from; i--) {
		const char *s;

		err = get_arg(argv, i, &s);
		if (err)
			return err;
		err = copy_string(bprm, s, argv.is_kernel);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A "#!" script runs as: interpreter [arg] script argv[1] ...
 * Linux: fs/binfmt_script.c.
 */
static int script_argv(struct linux_binprm *bprm, struct user_arg_ptr argv)
{
	int err = copy_strings(bprm, 1, bprm->argc, argv);

	if (!err)
		err = copy_string(bprm, bprm->filename, true);
	if (!err && bprm->interp_arg)
		err = copy_string(bprm, bprm->interp_arg, true);
	if (!err)
		err = copy_string(bprm, bprm->interp, true);
	bprm->argc = (bprm->argc ? bprm->argc - 1 : 0) + 2 + (bprm->interp_arg ? 1 : 0);
	return err;
}

/* "#!interp arg\n" at the start of the file: note interp and arg (in buf). */
static int parse_shebang(struct linux_binprm *bprm)
{
	char *p = bprm->buf + 2, *end = memchr_nul(bprm->buf, '\n', sizeof(bprm->buf));

	if (!end)
		return -ENOEXEC;	/* no end of line in the first 256 bytes */
	*end = '\0';
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;
	bprm->interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			bprm->interp_arg = p;	/* the rest of the line, as one word */
	}
	return 0;
}

/* Open what will really run: the file, or a script's interpreter. */
static int open_binary(struct linux_binprm *bprm)
{
	ssize_t n;
	int err;

	bprm->file = open_exec(bprm->filename);
	if (IS_ERR(bprm->file))
		goto fail;
	memset(bprm->buf, 0, sizeof(bprm->buf));
	n = kernel_read(bprm->file, bprm->buf, sizeof(bprm->buf) - 1, 0);
	if (n < 2 || bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return 0;
	err = parse_shebang(bprm);
	fput(bprm->file);
	bprm->file = err ? ERR_PTR(err) : open_exec(bprm->interp);
	if (IS_ERR(bprm->file))
		goto fail;
	{
		char magic[2];

		n = kernel_read(bprm->file, magic, 2, 0);
		if (n == 2 && magic[0] == '#' && magic[1] == '!')
			return -ELOOP;	/* an interpreter that is a script: not followed */
	}
	return 0;
fail:
	err = PTR_ERR(bprm->file);
	bprm->file = NULL;
	return err;
}

static int prepare_bprm(struct linux_binprm *bprm, struct user_arg_ptr argv,
			struct user_arg_ptr envp)
{
	int err;

	bprm->mm = mm_alloc();
	if (!bprm->mm)
		return -ENOMEM;
	err = do_mmap_anon(bprm->mm, STACK_TOP - STACK_MAX, STACK_MAX,
			   VM_READ | VM_WRITE | VM_GROWSDOWN);
	if (err)
		return err;
	bprm->p = STACK_TOP - sizeof(void *);
	bprm->argc = count_args(argv);
	if (bprm->argc < 0)
		return bprm->argc;
	bprm->envc = count_args(envp);
	if (bprm->envc < 0)
		return bprm->envc;
	err = copy_string(bprm, bprm->filename, true);
	if (err)
		return err;
	bprm->exec_fn = bprm->p;
	err = copy_strings(bprm, 0, bprm->envc, envp);
	if (err)
		return err;
	if (bprm->interp)
		err = script_argv(bprm, argv);
	else
		err = copy_strings(bprm, 0, bprm->argc, argv);
	bprm->argv_start = bprm->p;
	return err;
}

/* The point of no return: the task takes the new address space. */
static void begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm;
	struct pt_regs *regs = task_pt_regs(tsk);

	bprm->mm->exe_file = get_file(bprm->file);
	tsk->mm = bprm->mm;
	bprm->mm = NULL;
	write_cr3(__pa(tsk->mm->pgd));
	if (old)
		mmput(old);
	vfork_release(tsk);		/* a vfork parent may run again */
	do_close_on_exec(tsk->files);
	set_task_comm(tsk, bprm->filename);
	tsk->clear_child_tid = NULL;
	tsk->did_exec = true;
	flush_signal_handlers(tsk);
	tsk->thread.fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_reset_current();

	/* start_thread(): the registers a new program begins with. */
	memset(regs, 0, sizeof(*regs));
	regs->ip = bprm->entry;
	regs->sp = bprm->p;
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->flags = X86_EFLAGS_IF | 0x2;
	regs->vector = -1;
}

int do_execve(const char *filename, struct user_arg_ptr argv,
	      struct user_arg_ptr envp)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	int err;

	if (!bprm)
		return -ENOMEM;
	bprm->filename = filename;
	err = open_binary(bprm);
	if (err)
		goto out;
	err = prepare_bprm(bprm, argv, envp);
	if (err)
		goto out;
	err = load_elf_binary(bprm);
	if (err)
		goto out;
	begin_new_exec(bprm);
out:
	if (bprm->mm)
		mmput(bprm->mm);
	if (bprm->file)
		fput(bprm->file);
	kfree(bprm);
	return err;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	struct user_arg_ptr a = { false, (const char *const *)argv };
	struct user_arg_ptr e = { false, (const char *const *)envp };
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long len, err;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, filename, PATH_MAX);
	if (len < 0)
		err = len;
	else if (len == PATH_MAX)
		err = -ENAMETOOLONG;
	else
		err = do_execve(path, a, e);
	kfree(path);
	return err;
}
