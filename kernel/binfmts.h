#ifndef KERNEL_BINFMTS_H
#define KERNEL_BINFMTS_H

/*
 * What execve carries from the old program to the new one.
 * Linux: include/linux/binfmts.h (struct linux_binprm).
 */
#include "kernel/types.h"
#include "kernel/elf.h"

#define MAX_ARG_STRLEN	(32 * 4096)	/* one argument or environment string */
#define MAX_ARG_TOTAL	(2UL << 20)	/* all of them: a quarter of 8 MiB stack */
#define MAX_ARG_STRINGS	0x7fffffff
#define BINPRM_BUF_SIZE	256

struct file;
struct mm_struct;

/* argv/envp: user pointers (execve) or kernel pointers (the first init). */
struct user_arg_ptr {
	bool is_kernel;
	const char *const *ptr;
};

struct linux_binprm {
	struct file *file;
	struct mm_struct *mm;		/* the new address space being built */
	const char *filename;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *interp;		/* "#!" scripts: the interpreter ... */
	const char *interp_arg;		/* ... and its optional argument */
	unsigned long p;		/* current top of the new stack */
	int argc, envc;
	unsigned long argv_start;	/* first argv string in the new stack */
	unsigned long exec_fn;		/* the filename string in the new stack */
	struct elf64_hdr eh;
	struct elf64_phdr phdrs[ELF_MAX_PHNUM];
	unsigned long entry, phdr_addr, brk;
};

int do_execve(const char *filename, struct user_arg_ptr argv,
	      struct user_arg_ptr envp);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
int load_elf_binary(struct linux_binprm *bprm);
size_t bprm_strlen_in_mm(struct mm_struct *mm, unsigned long va);
int bprm_copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t n);

#endif
