/*
 * Validation of an ELF executable before loading.  Everything a file
 * could get wrong is checked here, so that the loader never starts on a
 * file it cannot finish (no half-loaded process).
 * Linux: fs/binfmt_elf.c (load_elf_binary's checks, stricter here).
 */
#include "kernel/elf.h"

static bool add_overflows(u64 a, u64 b, u64 *sum)
{
	return __builtin_add_overflow(a, b, sum);
}

enum elf_error elf_check_header(const struct elf64_hdr *eh, u64 file_size)
{
	u64 ph_end;

	if (file_size < sizeof(*eh) || eh->e_ident[0] != 0x7f ||
	    eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' || eh->e_ident[3] != 'F')
		return ELF_BAD_MAGIC;
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return ELF_BAD_CLASS;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		return ELF_BAD_TYPE;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHNUM)
		return ELF_BAD_PHDRS;
	if (add_overflows(eh->e_phoff, (u64)eh->e_phnum * sizeof(struct elf64_phdr),
			  &ph_end) || ph_end > file_size)
		return ELF_BAD_PHDRS;
	if (eh->e_entry < ELF_MIN_ADDR || eh->e_entry >= ELF_USER_TOP)
		return ELF_BAD_ADDRESS;
	return ELF_OK;
}

static enum elf_error check_load(const struct elf64_phdr *ph, u64 file_size)
{
	u64 file_end, mem_end;

	if (ph->p_filesz > ph->p_memsz)
		return ELF_BAD_SEGMENT;
	if (add_overflows(ph->p_offset, ph->p_filesz, &file_end) || file_end > file_size)
		return ELF_BAD_SEGMENT;
	/* The file offset and the address must agree within a page. */
	if ((ph->p_offset & 0xfff) != (ph->p_vaddr & 0xfff))
		return ELF_BAD_SEGMENT;
	if (add_overflows(ph->p_vaddr, ph->p_memsz, &mem_end))
		return ELF_BAD_ADDRESS;
	if (ph->p_vaddr < ELF_MIN_ADDR || mem_end > ELF_USER_TOP)
		return ELF_BAD_ADDRESS;
	return ELF_OK;
}

enum elf_error elf_check_phdrs(const struct elf64_hdr *eh,
			       const struct elf64_phdr *phdrs, u64 file_size)
{
	u64 last_end = 0;
	bool entry_mapped = false;
	int i, loads = 0;

	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &phdrs[i];
		enum elf_error err;

		if (ph->p_type == PT_INTERP)
			return ELF_DYNAMIC;
		if (ph->p_type != PT_LOAD)
			continue;
		err = check_load(ph, file_size);
		if (err)
			return err;
		/* PT_LOAD segments come in address order and may share at most
		 * the page where one ends and the next begins. */
		if (loads && (ph->p_vaddr & ~0xfffUL) < ((last_end - 1) & ~0xfffUL))
			return ELF_BAD_SEGMENT;
		last_end = ph->p_vaddr + ph->p_memsz;
		if ((ph->p_flags & PF_X) && eh->e_entry >= ph->p_vaddr &&
		    eh->e_entry < ph->p_vaddr + ph->p_memsz)
			entry_mapped = true;
		loads++;
	}
	if (!loads)
		return ELF_BAD_PHDRS;
	if (!entry_mapped)
		return ELF_BAD_ADDRESS;
	return ELF_OK;
}

const char *elf_error_string(enum elf_error e)
{
	static const char *const s[] = {
		[ELF_OK] = "ok",
		[ELF_BAD_MAGIC] = "not an ELF file",
		[ELF_BAD_CLASS] = "not a 64-bit little-endian ELF file",
		[ELF_BAD_TYPE] = "not a static x86_64 executable",
		[ELF_BAD_PHDRS] = "bad program headers",
		[ELF_BAD_SEGMENT] = "bad loadable segment",
		[ELF_BAD_ADDRESS] = "address outside user space",
		[ELF_DYNAMIC] = "dynamically linked (no interpreter support)",
	};
	return e < sizeof(s) / sizeof(s[0]) ? s[e] : "?";
}
