/*
 * kernel/elf.c: elf_check_header() and elf_check_phdrs().
 *
 * The good case is a real static binary (build/unit/elf_sample, made by
 * run.sh with musl-gcc -static, or the path given as argv[1]).  Each case
 * breaks one field of a fresh copy and expects one exact error.
 */
#include <stdlib.h>

#include "kernel/elf.h"

#define UNIT_FILE "elf"
#include "unit.h"

static unsigned char *good;	/* the sample binary, as read */
static size_t good_size;
static unsigned char *img;	/* the copy a case may break */
static size_t img_size;

static const char *const names[] = {
	"ELF_OK", "ELF_BAD_MAGIC", "ELF_BAD_CLASS", "ELF_BAD_TYPE",
	"ELF_BAD_PHDRS", "ELF_BAD_SEGMENT", "ELF_BAD_ADDRESS", "ELF_DYNAMIC",
};

static const char *name(enum elf_error e)
{
	return (unsigned int)e < sizeof(names) / sizeof(names[0]) ? names[e] : "?";
}

static int read_sample(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0) {
		good_size = n;
		good = malloc(good_size);
		rewind(f);
		if (fread(good, 1, good_size, f) != good_size) {
			free(good);
			good = NULL;
		}
	}
	fclose(f);
	return good ? 0 : -1;
}

/* A fresh copy of the first size bytes, in a buffer of exactly that size. */
static int fresh_copy(size_t size)
{
	free(img);
	img = NULL;
	if (!good || size > good_size)
		return -1;
	img_size = size;
	img = malloc(size ? size : 1);
	memcpy(img, good, size);
	return 0;
}

/*
 * What the loader does (kernel/binfmt_elf.c): read the header, check it,
 * read the program headers into a buffer of their own, check them.
 */
static enum elf_error check(const unsigned char *file, size_t size)
{
	struct elf64_hdr eh;
	struct elf64_phdr *ph;
	enum elf_error err;

	memset(&eh, 0, sizeof(eh));
	memcpy(&eh, file, size < sizeof(eh) ? size : sizeof(eh));
	err = elf_check_header(&eh, size);
	if (err)
		return err;
	ph = malloc(eh.e_phnum * sizeof(*ph));
	memcpy(ph, file + eh.e_phoff, eh.e_phnum * sizeof(*ph));
	err = elf_check_phdrs(&eh, ph, size);
	free(ph);
	return err;
}

static struct elf64_hdr *hdr(void)
{
	return (struct elf64_hdr *)img;
}

static struct elf64_phdr *phdr(int i)
{
	return (struct elf64_phdr *)(img + hdr()->e_phoff) + i;
}

/* The index of the n-th PT_LOAD (n = -1: the last), or of the one with PF_X. */
static int load(int n)
{
	int i, found = -1;

	for (i = 0; i < hdr()->e_phnum; i++) {
		if (phdr(i)->p_type != PT_LOAD)
			continue;
		found = i;
		if (n-- == 0)
			break;
	}
	return found;
}

static int exec_load(void)
{
	int i;

	for (i = 0; i < hdr()->e_phnum; i++)
		if (phdr(i)->p_type == PT_LOAD && (phdr(i)->p_flags & PF_X))
			return i;
	return -1;
}

/* Start each case with this: a fresh, unbroken copy. */
#define FRESH()								\
	EXPECTF(fresh_copy(good_size) == 0,				\
		"no sample binary (build/unit/elf_sample, made by run.sh)")

#define EXPECT_ERR(want)						\
	do {								\
		enum elf_error got_ = check(img, img_size);		\
		EXPECTF(got_ == (want), "got %s, expected %s",		\
			name(got_), name(want));			\
	} while (0)

static void good_binary(void)
{
	FRESH();
	EXPECT_ERR(ELF_OK);
	/* The cases below rely on this layout (as musl-gcc -static makes). */
	EXPECT(load(0) >= 0 && exec_load() > load(0) && load(-1) > exec_load());
	EXPECT(phdr(load(0))->p_offset == 0);
	EXPECT(elf_error_string(ELF_OK) && elf_error_string(ELF_DYNAMIC));
	EXPECT_STR(elf_error_string((enum elf_error)99), "?");
}

static void bad_magic(void)
{
	FRESH();
	img[0] = 0;
	EXPECT_ERR(ELF_BAD_MAGIC);
	FRESH();
	img[3] = 'f';
	EXPECT_ERR(ELF_BAD_MAGIC);
}

static void shorter_than_header(void)
{
	EXPECTF(fresh_copy(sizeof(struct elf64_hdr) - 1) == 0, "no sample");
	EXPECT_ERR(ELF_BAD_MAGIC);
	EXPECTF(fresh_copy(0) == 0, "no sample");
	EXPECT_ERR(ELF_BAD_MAGIC);
}

static void class_32bit(void)
{
	FRESH();
	hdr()->e_ident[4] = 1;		/* ELFCLASS32 */
	EXPECT_ERR(ELF_BAD_CLASS);
}

static void big_endian(void)
{
	FRESH();
	hdr()->e_ident[5] = 2;		/* ELFDATA2MSB */
	EXPECT_ERR(ELF_BAD_CLASS);
}

static void bad_version(void)
{
	FRESH();
	hdr()->e_ident[6] = 0;
	EXPECT_ERR(ELF_BAD_CLASS);
	FRESH();
	hdr()->e_version = 2;
	EXPECT_ERR(ELF_BAD_CLASS);
}

static void type_dyn(void)
{
	FRESH();
	hdr()->e_type = ET_DYN;
	EXPECT_ERR(ELF_BAD_TYPE);
	FRESH();
	hdr()->e_type = 1;		/* ET_REL */
	EXPECT_ERR(ELF_BAD_TYPE);
}

static void wrong_machine(void)
{
	FRESH();
	hdr()->e_machine = 3;		/* EM_386 */
	EXPECT_ERR(ELF_BAD_TYPE);
	FRESH();
	hdr()->e_machine = 183;		/* EM_AARCH64 */
	EXPECT_ERR(ELF_BAD_TYPE);
}

static void phentsize_wrong(void)
{
	FRESH();
	hdr()->e_phentsize = 32;
	EXPECT_ERR(ELF_BAD_PHDRS);
	FRESH();
	hdr()->e_phentsize = sizeof(struct elf64_phdr) + 1;
	EXPECT_ERR(ELF_BAD_PHDRS);
}

static void phnum_zero_or_too_many(void)
{
	FRESH();
	hdr()->e_phnum = 0;
	EXPECT_ERR(ELF_BAD_PHDRS);
	FRESH();
	hdr()->e_phnum = ELF_MAX_PHNUM + 1;
	EXPECT_ERR(ELF_BAD_PHDRS);
	FRESH();
	hdr()->e_phnum = 0xffff;
	EXPECT_ERR(ELF_BAD_PHDRS);
}

static void phoff_past_end(void)
{
	u64 table;

	FRESH();
	table = hdr()->e_phnum * sizeof(struct elf64_phdr);
	hdr()->e_phoff = img_size;
	EXPECT_ERR(ELF_BAD_PHDRS);
	hdr()->e_phoff = img_size - table + 1;	/* one byte too far */
	EXPECT_ERR(ELF_BAD_PHDRS);
	/* Ending exactly at the end of the file is fine for the header. */
	hdr()->e_phoff = img_size - table;
	EXPECT_EQ(elf_check_header(hdr(), img_size), ELF_OK);
}

static void phoff_overflowing(void)
{
	u64 table;

	FRESH();
	table = hdr()->e_phnum * sizeof(struct elf64_phdr);
	hdr()->e_phoff = ~0ULL - 8;
	EXPECT_ERR(ELF_BAD_PHDRS);
	hdr()->e_phoff = -table;		/* e_phoff + table == 2^64 == 0 */
	EXPECT_ERR(ELF_BAD_PHDRS);
}

static void filesz_above_memsz(void)
{
	FRESH();
	phdr(load(-1))->p_filesz = phdr(load(-1))->p_memsz + 1;
	EXPECT_ERR(ELF_BAD_SEGMENT);
}

static void segment_past_file_end(void)
{
	struct elf64_phdr *ph;

	FRESH();
	ph = phdr(load(-1));
	ph->p_filesz = img_size - ph->p_offset;	/* up to the last byte: fine */
	if (ph->p_memsz < ph->p_filesz + 1)
		ph->p_memsz = ph->p_filesz + 1;
	EXPECT_ERR(ELF_OK);
	ph->p_filesz++;
	EXPECT_ERR(ELF_BAD_SEGMENT);
	/* p_offset + p_filesz wrapping around (page offset kept). */
	FRESH();
	ph = phdr(load(-1));
	ph->p_offset = 0xfffffffffffff000ULL | (ph->p_vaddr & 0xfff);
	EXPECT_ERR(ELF_BAD_SEGMENT);
}

static void page_offsets_disagree(void)
{
	FRESH();
	phdr(load(-1))->p_vaddr += 8;
	EXPECT_ERR(ELF_BAD_SEGMENT);
	FRESH();
	phdr(exec_load())->p_offset += 1;
	EXPECT_ERR(ELF_BAD_SEGMENT);
}

static void vaddr_below_min(void)
{
	FRESH();
	phdr(load(0))->p_vaddr = ELF_MIN_ADDR - 0x1000;
	EXPECT_ERR(ELF_BAD_ADDRESS);
	phdr(load(0))->p_vaddr = 0;
	EXPECT_ERR(ELF_BAD_ADDRESS);
	phdr(load(0))->p_vaddr = ELF_MIN_ADDR;		/* the lowest allowed */
	EXPECT_ERR(ELF_OK);
}

static void end_in_kernel_space(void)
{
	struct elf64_phdr *ph;

	FRESH();
	ph = phdr(load(-1));
	ph->p_memsz = ELF_USER_TOP - ph->p_vaddr;	/* up to the top: fine */
	EXPECT_ERR(ELF_OK);
	ph->p_memsz++;
	EXPECT_ERR(ELF_BAD_ADDRESS);
	FRESH();
	ph = phdr(load(-1));
	ph->p_vaddr = 0xffffffff80000000ULL | (ph->p_vaddr & 0xfff);
	EXPECT_ERR(ELF_BAD_ADDRESS);
}

static void end_overflows_64_bits(void)
{
	struct elf64_phdr *ph;

	FRESH();
	ph = phdr(load(-1));
	ph->p_memsz = -ph->p_vaddr;		/* p_vaddr + p_memsz == 2^64 == 0 */
	EXPECT_ERR(ELF_BAD_ADDRESS);
	ph->p_memsz = ~0ULL;
	EXPECT_ERR(ELF_BAD_ADDRESS);
}

static void entry_outside_exec_segment(void)
{
	struct elf64_phdr *x;

	FRESH();
	x = phdr(exec_load());
	hdr()->e_entry = x->p_vaddr;
	EXPECT_ERR(ELF_OK);
	hdr()->e_entry = x->p_vaddr + x->p_memsz - 1;
	EXPECT_ERR(ELF_OK);
	hdr()->e_entry = x->p_vaddr + x->p_memsz;	/* just past it */
	EXPECT_ERR(ELF_BAD_ADDRESS);
	hdr()->e_entry = phdr(load(0))->p_vaddr + 16;	/* mapped, not PF_X */
	EXPECT_ERR(ELF_BAD_ADDRESS);
	hdr()->e_entry = 0x10000000;			/* not mapped at all */
	EXPECT_ERR(ELF_BAD_ADDRESS);
	hdr()->e_entry = 0;				/* caught by the header */
	EXPECT_EQ(elf_check_header(hdr(), img_size), ELF_BAD_ADDRESS);
	FRESH();
	phdr(exec_load())->p_flags &= ~PF_X;
	EXPECT_ERR(ELF_BAD_ADDRESS);
}

static void interp_is_dynamic(void)
{
	int i;

	FRESH();
	for (i = 0; i < hdr()->e_phnum && phdr(i)->p_type == PT_LOAD; i++)
		;
	EXPECT(i < hdr()->e_phnum);		/* GNU_STACK, after the loads */
	phdr(i)->p_type = PT_INTERP;
	EXPECT_ERR(ELF_DYNAMIC);
	FRESH();
	phdr(0)->p_type = PT_INTERP;
	EXPECT_ERR(ELF_DYNAMIC);
}

static void segments_out_of_order(void)
{
	struct elf64_phdr tmp;
	int a, b;

	FRESH();
	a = exec_load();
	b = load(-1);
	tmp = *phdr(a);
	*phdr(a) = *phdr(b);
	*phdr(b) = tmp;
	EXPECT_ERR(ELF_BAD_SEGMENT);
	/* Starting on a page before the previous segment's last page. */
	FRESH();
	phdr(exec_load())->p_vaddr = phdr(load(0))->p_vaddr - 0x1000 +
				     (phdr(exec_load())->p_offset & 0xfff);
	EXPECT_ERR(ELF_BAD_SEGMENT);
	/* Sharing just the page where the previous one ends is allowed. */
	FRESH();
	b = load(-1);
	for (a = b - 1; phdr(a)->p_type != PT_LOAD; a--)
		;
	phdr(b)->p_vaddr = ((phdr(a)->p_vaddr + phdr(a)->p_memsz - 1) & ~0xfffULL) |
			   (phdr(b)->p_offset & 0xfff);
	EXPECT_ERR(ELF_OK);
}

static void no_load_segment(void)
{
	int i;

	FRESH();
	for (i = 0; i < hdr()->e_phnum; i++)
		if (phdr(i)->p_type == PT_LOAD)
			phdr(i)->p_type = 0;	/* PT_NULL */
	EXPECT_ERR(ELF_BAD_PHDRS);
}

/* For a file the checks accepted: NULL, or what is wrong with it. */
static const char *accepted_but_bad(const unsigned char *file, size_t size)
{
	struct elf64_hdr eh;
	struct elf64_phdr ph;
	u64 end;
	int i, exec_ok = 0;

	if (size < sizeof(eh))
		return "file shorter than the header";
	memcpy(&eh, file, sizeof(eh));
	if (eh.e_phnum < 1 || eh.e_phnum > ELF_MAX_PHNUM ||
	    eh.e_phentsize != sizeof(ph))
		return "bad e_phnum or e_phentsize";
	if (__builtin_add_overflow(eh.e_phoff, eh.e_phnum * sizeof(ph), &end) ||
	    end > size)
		return "program headers outside the file";
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, file + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP)
			return "PT_INTERP";
		if (ph.p_type != PT_LOAD)
			continue;
		if (__builtin_add_overflow(ph.p_offset, ph.p_filesz, &end) || end > size)
			return "PT_LOAD outside the file";
		if (ph.p_filesz > ph.p_memsz)
			return "p_filesz > p_memsz";
		if (__builtin_add_overflow(ph.p_vaddr, ph.p_memsz, &end) ||
		    ph.p_vaddr < ELF_MIN_ADDR || end > ELF_USER_TOP)
			return "PT_LOAD outside user space";
		if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr && eh.e_entry < end)
			exec_ok = 1;
	}
	return exec_ok ? NULL : "entry not in an executable PT_LOAD";
}

/*
 * Random damage to the header and program headers (and sometimes a
 * shorter file).  Nothing may crash or trip a sanitizer, and whatever
 * is accepted must be sane.
 */
static void fuzz(void)
{
	static const u64 interesting[] = {
		0, 1, 0x38, 0x40, 0xfff, 0x1000, ELF_MIN_ADDR, 0x400000,
		ELF_USER_TOP, ELF_USER_TOP - 0x1000, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, ~0ULL, ~0ULL - 0x37,
	};
	size_t region, size, at;
	int iter, n, accepted = 0;
	const char *why;
	u64 v;

	FRESH();
	region = hdr()->e_phoff + hdr()->e_phnum * sizeof(struct elf64_phdr);
	unit_srand(2024);
	for (iter = 0; iter < 20000; iter++) {
		size = good_size;
		if (unit_rand_below(8) == 0)
			size = unit_rand_below(good_size + 1);
		EXPECT(fresh_copy(size) == 0);
		for (n = 1 + unit_rand_below(4); n > 0; n--) {
			at = unit_rand_below(region);
			switch (unit_rand_below(3)) {
			case 0:		/* flip a bit */
				if (at < size)
					img[at] ^= 1 << unit_rand_below(8);
				break;
			case 1:		/* any byte */
				if (at < size)
					img[at] = unit_rand();
				break;
			default:	/* a boundary value in a 4-aligned field */
				at &= ~3UL;
				v = interesting[unit_rand_below(sizeof(interesting) /
								sizeof(interesting[0]))];
				if (unit_rand_below(2))
					v = size - v;
				if (at + 8 <= size)
					memcpy(img + at, &v, unit_rand_below(2) ? 8 : 4);
				break;
			}
		}
		if (check(img, img_size) != ELF_OK)
			continue;
		accepted++;
		why = accepted_but_bad(img, img_size);
		EXPECTF(!why, "iteration %d: accepted a file with %s", iter, why);
	}
	/* Harmless damage (e.g. to p_paddr) keeps some files valid. */
	EXPECTF(accepted > 100, "only %d of 20000 files accepted", accepted);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "build/unit/elf_sample";

	if (read_sample(path))
		fprintf(stderr, "elf: cannot read %s\n", path);
	RUN(good_binary);
	RUN(bad_magic);
	RUN(shorter_than_header);
	RUN(class_32bit);
	RUN(big_endian);
	RUN(bad_version);
	RUN(type_dyn);
	RUN(wrong_machine);
	RUN(phentsize_wrong);
	RUN(phnum_zero_or_too_many);
	RUN(phoff_past_end);
	RUN(phoff_overflowing);
	RUN(filesz_above_memsz);
	RUN(segment_past_file_end);
	RUN(page_offsets_disagree);
	RUN(vaddr_below_min);
	RUN(end_in_kernel_space);
	RUN(end_overflows_64_bits);
	RUN(entry_outside_exec_segment);
	RUN(interp_is_dynamic);
	RUN(segments_out_of_order);
	RUN(no_load_segment);
	RUN(fuzz);
	free(img);
	free(good);
	return unit_exit_status();
}
