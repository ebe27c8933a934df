#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

/* The boot information GRUB leaves us: multiboot2 specification, 3.6. */
#include "kernel/types.h"

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6

#define MB2_MEMORY_AVAILABLE	1

struct mb2_info {
	u32 total_size;
	u32 reserved;
	/* tags follow, each 8-byte aligned */
};

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_string {
	u32 type;
	u32 size;
	char string[];
};

struct mb2_tag_module {
	u32 type;
	u32 size;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

struct mb2_mmap_entry {
	u64 base_addr;
	u64 length;
	u32 type;
	u32 reserved;
};

struct mb2_tag_mmap {
	u32 type;
	u32 size;
	u32 entry_size;
	u32 entry_version;
	/* entries follow */
};

/* Walk the tags: start with tag = NULL; NULL at the end. */
struct mb2_tag *mb2_next_tag(struct mb2_info *mbi, struct mb2_tag *tag);
struct mb2_tag *mb2_find_tag(struct mb2_info *mbi, u32 type);

#define mb2_for_each_mmap_entry(e, mmap)				\
	for (e = (struct mb2_mmap_entry *)((mmap) + 1);			\
	     (mmap)->entry_size >= sizeof(*e) &&				\
	     (char *)e + sizeof(*e) <= (char *)(mmap) + (mmap)->size;	\
	     e = (struct mb2_mmap_entry *)((char *)e + (mmap)->entry_size))

#endif
