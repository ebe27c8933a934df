#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

/*
 * ELF64 as the System V ABI defines it, and the checks an executable must
 * pass before anything of it is loaded.  elf_check_*() are pure functions
 * (tests/unit runs them on the host, on real and broken binaries).
 */
#ifdef __KERNEL__
#include "kernel/types.h"
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PF_X		1
#define PF_W		2
#define PF_R		4

struct elf64_hdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u64 e_entry;
	u64 e_phoff;
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
};

struct elf64_phdr {
	u32 p_type;
	u32 p_flags;
	u64 p_offset;
	u64 p_vaddr;
	u64 p_paddr;
	u64 p_filesz;
	u64 p_memsz;
	u64 p_align;
};

#define ELF_MAX_PHNUM		64	/* more than any sane executable has */
#define ELF_MIN_ADDR		0x10000UL		/* vm.mmap_min_addr */
#define ELF_USER_TOP		0x00007ffffffde000UL	/* below the stack */

enum elf_error {
	ELF_OK = 0,
	ELF_BAD_MAGIC,		/* not an ELF file at all */
	ELF_BAD_CLASS,		/* not 64-bit little-endian, current version */
	ELF_BAD_TYPE,		/* not a static ET_EXEC for x86_64 */
	ELF_BAD_PHDRS,		/* program headers missing, malformed or outside the file */
	ELF_BAD_SEGMENT,	/* a PT_LOAD segment is inconsistent */
	ELF_BAD_ADDRESS,	/* a segment or the entry lies outside user space */
	ELF_DYNAMIC,		/* needs an interpreter (dynamic linking) */
};

/* Check the header against a file of file_size bytes. */
enum elf_error elf_check_header(const struct elf64_hdr *eh, u64 file_size);
/* Check the program headers (phdrs[0 .. eh->e_phnum)). */
enum elf_error elf_check_phdrs(const struct elf64_hdr *eh,
			       const struct elf64_phdr *phdrs, u64 file_size);
const char *elf_error_string(enum elf_error e);

#endif
