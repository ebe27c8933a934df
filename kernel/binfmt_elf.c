/*
 * Loading a static ELF executable into the new address space, and the
 * initial stack the program (musl's _start) expects:
 *
 *   sp ->  argc
 *          argv[0] .. argv[argc-1], NULL
 *          envp[0] .. , NULL
 *          auxv pairs (AT_PHDR, AT_ENTRY, AT_RANDOM, ...), AT_NULL
 *          ... padding, 16 random bytes, "x86_64"
 *          argument and environment strings, the file name
 *   STACK_TOP
 *
 * Linux: fs/binfmt_elf.c (load_elf_binary, create_elf_tables).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/binfmts.h"
#include "kernel/random.h"
#include "kernel/x86.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31

#define USER_HZ		100	/* the clock tick user space sees (times()) */

static unsigned long segment_vm_flags(const struct elf64_phdr *ph)
{
	return (ph->p_flags & PF_R ? VM_READ : 0) | (ph->p_flags & PF_W ? VM_WRITE : 0) |
	       (ph->p_flags & PF_X ? VM_EXEC : 0);
}

/*
 * The region for one segment.  Two segments may share the page where one
 * ends and the next starts; that page gets the rights of both.
 */
static int map_segment_region(struct mm_struct *mm, const struct elf64_phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long flags = segment_vm_flags(ph);
	struct vm_area_struct *prev = find_vma(mm, start);
	int err;

	if (prev) {
		unsigned long shared = prev->vm_flags | flags;

		err = do_mmap_anon(mm, start, PAGE_SIZE, shared);
		if (err)
			return err;
		start += PAGE_SIZE;
	}
	if (start >= end)
		return 0;
	return do_mmap_anon(mm, start, end - start, flags);
}

/* Copy the file's bytes of one segment into the new address space. */
static int load_segment(struct linux_binprm *bprm, const struct elf64_phdr *ph)
{
	char *buf = (char *)__get_free_pages(GFP_KERNEL, 0);
	u64 done = 0;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	while (done < ph->p_filesz) {
		size_t n = min((u64)PAGE_SIZE, ph->p_filesz - done);

		if (kernel_read(bprm->file, buf, n, ph->p_offset + done) != (ssize_t)n) {
			err = -EIO;
			break;
		}
		err = bprm_copy_to_mm(bprm->mm, ph->p_vaddr + done, buf, n);
		if (err)
			break;
		done += n;
	}
	free_pages((unsigned long)buf, 0);
	return err;
}

/* Where the program headers are in memory, for AT_PHDR. */
static unsigned long find_phdr_addr(struct linux_binprm *bprm)
{
	int i;

	for (i = 0; i < bprm->eh.e_phnum; i++) {
		const struct elf64_phdr *ph = &bprm->phdrs[i];

		if (ph->p_type == PT_PHDR)
			return ph->p_vaddr;
		if (ph->p_type == PT_LOAD && bprm->eh.e_phoff >= ph->p_offset &&
		    bprm->eh.e_phoff < ph->p_offset + ph->p_filesz)
			return ph->p_vaddr + (bprm->eh.e_phoff - ph->p_offset);
	}
	return 0;
}

static int push_bytes(struct linux_binprm *bprm, const void *data, size_t n,
		      unsigned long *where)
{
	bprm->p -= n;
	*where = bprm->p;
	return bprm_copy_to_mm(bprm->mm, bprm->p, data, n);
}

/* n pointers to consecutive strings starting at *str, then NULL. */
static unsigned long *push_string_pointers(struct mm_struct *mm, unsigned long *t,
					   unsigned long *str, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		*t++ = *str;
		*str += bprm_strlen_in_mm(mm, *str) + 1;
	}
	*t++ = 0;
	return t;
}

static int create_elf_tables(struct linux_binprm *bprm)
{
	unsigned long platform, random, items, sp, *table, *t, str;
	u8 rnd[16];
	u32 a, b, c, d;
	int err;
	size_t size;

	get_random_bytes(rnd, sizeof(rnd));
	cpuid(1, 0, &a, &b, &c, &d);
	err = push_bytes(bprm, "x86_64", 7, &platform);
	if (!err)
		err = push_bytes(bprm, rnd, sizeof(rnd), &random);
	if (err)
		return err;

	unsigned long auxv[] = {
		AT_HWCAP, d, AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, USER_HZ,
		AT_PHDR, bprm->phdr_addr, AT_PHENT, sizeof(struct elf64_phdr),
		AT_PHNUM, bprm->eh.e_phnum, AT_BASE, 0, AT_FLAGS, 0,
		AT_ENTRY, bprm->entry, AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
		AT_SECURE, 0, AT_RANDOM, random, AT_HWCAP2, 0,
		AT_EXECFN, bprm->exec_fn, AT_PLATFORM, platform, AT_NULL, 0,
	};

	items = 1 + (bprm->argc + 1) + (bprm->envc + 1) + ARRAY_SIZE(auxv);
	size = items * sizeof(unsigned long);
	sp = (bprm->p - size) & ~15UL;		/* the ABI wants argc 16-byte aligned */
	table = kmalloc(size, GFP_KERNEL);
	if (!table)
		return -ENOMEM;
	t = table;
	*t++ = bprm->argc;
	str = bprm->argv_start;		/* argv strings, then envp strings */
	bprm->mm->arg_start = str;	/* what /proc/PID/cmdline shows */
	t = push_string_pointers(bprm->mm, t, &str, bprm->argc);
	bprm->mm->arg_end = bprm->mm->env_start = str;
	t = push_string_pointers(bprm->mm, t, &str, bprm->envc);
	bprm->mm->env_end = str;
	memcpy(t, auxv, sizeof(auxv));
	err = bprm_copy_to_mm(bprm->mm, sp, table, size);
	kfree(table);
	bprm->p = sp;
	return err;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf64_hdr *eh = &bprm->eh;
	u64 size = bprm->file->f_inode->i_size;
	enum elf_error e;
	unsigned long end = 0;
	int i, err;

	if (kernel_read(bprm->file, eh, sizeof(*eh), 0) < (ssize_t)min(size, sizeof(*eh)))
		return -EIO;
	e = elf_check_header(eh, size);
	if (!e) {
		size_t phsize = eh->e_phnum * sizeof(struct elf64_phdr);

		if (kernel_read(bprm->file, bprm->phdrs, phsize, eh->e_phoff) != (ssize_t)phsize)
			return -EIO;
		e = elf_check_phdrs(eh, bprm->phdrs, size);
	}
	if (e) {
		pr_debug("exec %s: %s\n", bprm->filename, elf_error_string(e));
		return -ENOEXEC;
	}
	/* First every region (shared pages are settled here), then the data. */
	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &bprm->phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		err = map_segment_region(bprm->mm, ph);
		if (err)
			return err;
		end = max(end, (unsigned long)(ph->p_vaddr + ph->p_memsz));
	}
	for (i = 0; i < eh->e_phnum; i++) {
		if (bprm->phdrs[i].p_type != PT_LOAD)
			continue;
		err = load_segment(bprm, &bprm->phdrs[i]);
		if (err)
			return err;
	}
	bprm->entry = eh->e_entry;
	bprm->phdr_addr = find_phdr_addr(bprm);
	bprm->mm->start_brk = bprm->mm->brk = PAGE_ALIGN(end);
	bprm->mm->start_stack = STACK_TOP;
	return create_elf_tables(bprm);
}
