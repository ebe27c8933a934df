/*
 * kernel/multiboot2.c: walking the boot information's tags.
 *
 * The info structure is built by hand, then copied into a malloc()ed
 * buffer of exactly total_size bytes, so ASan reports any read past it.
 */
/* The kernel's header first: it defines NULL, which libc's redefines. */
#include "kernel/multiboot2.h"

#include <stdlib.h>

#define UNIT_FILE "multiboot2"
#include "unit.h"

static unsigned char build[512] __attribute__((aligned(8)));
static unsigned int build_len;
static struct mb2_info *mbi;

static void begin(void)
{
	memset(build, 0, sizeof(build));
	build_len = sizeof(struct mb2_info);
}

/* Append a tag of size bytes (payload zero) at the next 8-byte boundary. */
static unsigned char *add_tag(u32 type, u32 size)
{
	struct mb2_tag *tag = (struct mb2_tag *)(build + build_len);

	tag->type = type;
	tag->size = size;
	build_len += (size + 7) & ~7U;
	return (unsigned char *)tag;
}

/* Set total_size and copy the first total bytes into mbi. */
static void finish(u32 total)
{
	unsigned int alloc = total < 8 ? 8 : total;

	((struct mb2_info *)build)->total_size = total;
	free(mbi);
	mbi = malloc(alloc);
	memcpy(mbi, build, alloc);
}

/* Where a tag sits in mbi, or -1 for NULL. */
static long at(const struct mb2_tag *tag)
{
	return tag ? (const char *)tag - (const char *)mbi : -1;
}

/* A typical GRUB layout: cmdline, module, memory map, end. */
static void typical(int with_end)
{
	unsigned char *t;
	struct mb2_mmap_entry *e;

	begin();
	t = add_tag(MB2_TAG_CMDLINE, 8 + sizeof("init=/bin/sh"));	/* 21 */
	strcpy((char *)t + 8, "init=/bin/sh");
	t = add_tag(MB2_TAG_MODULE, 16 + sizeof("rootfs"));		/* 23 */
	strcpy((char *)t + 16, "rootfs");
	t = add_tag(MB2_TAG_MMAP, 16 + 2 * sizeof(*e));
	((struct mb2_tag_mmap *)t)->entry_size = sizeof(*e);
	e = (struct mb2_mmap_entry *)(t + 16);
	e[0].base_addr = 0;
	e[0].length = 0x9fc00;
	e[0].type = MB2_MEMORY_AVAILABLE;
	e[1].base_addr = 0x100000;
	e[1].length = 0xfee0000;
	e[1].type = MB2_MEMORY_AVAILABLE;
	if (with_end)
		add_tag(MB2_TAG_END, 8);
	finish(build_len);
}

static void tags_in_order_with_padding(void)
{
	struct mb2_tag *t;

	typical(1);
	EXPECT_EQ(mbi->total_size, 8 + 24 + 24 + 64 + 8);
	t = mb2_next_tag(mbi, NULL);
	EXPECT_EQ(at(t), 8);
	EXPECT_EQ(t->type, MB2_TAG_CMDLINE);
	t = mb2_next_tag(mbi, t);
	EXPECT_EQ(at(t), 8 + 24);		/* size 21, padded to 24 */
	EXPECT_EQ(t->type, MB2_TAG_MODULE);
	t = mb2_next_tag(mbi, t);
	EXPECT_EQ(at(t), 8 + 24 + 24);	/* size 23, padded to 24 */
	EXPECT_EQ(t->type, MB2_TAG_MMAP);
	EXPECT_EQ(at(mb2_next_tag(mbi, t)), -1);	/* the end tag */
}

static void find_tag(void)
{
	struct mb2_tag_string *s;

	typical(1);
	s = (struct mb2_tag_string *)mb2_find_tag(mbi, MB2_TAG_CMDLINE);
	EXPECT(s != NULL);
	EXPECT_STR(s->string, "init=/bin/sh");
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_MMAP)), 56);
	EXPECT_EQ(at(mb2_find_tag(mbi, 42)), -1);
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_END)), -1);
}

/* Without an end tag the walk stops at total_size. */
static void no_end_tag(void)
{
	typical(0);
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_MMAP)), 56);
	EXPECT_EQ(at(mb2_find_tag(mbi, 42)), -1);
}

/* A tag running past total_size ends the walk before it. */
static void truncated_tag(void)
{
	begin();
	add_tag(MB2_TAG_CMDLINE, 16);
	add_tag(MB2_TAG_MODULE, 40);
	finish(8 + 16 + 24);			/* cuts the module tag */
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_CMDLINE)), 8);
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_MODULE)), -1);

	begin();
	add_tag(MB2_TAG_CMDLINE, 16);
	add_tag(MB2_TAG_MODULE, 0xfffffff9);	/* absurdly large */
	finish(8 + 16 + 16);
	EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_MODULE)), -1);

	begin();
	add_tag(MB2_TAG_CMDLINE, 16);
	finish(8 + 16 + 4);			/* half a tag header */
	EXPECT_EQ(at(mb2_find_tag(mbi, 0x12345)), -1);
}

/* A size below the tag header's 8 bytes ends the walk (no endless loop). */
static void size_below_8(void)
{
	u32 size;

	for (size = 0; size < 8; size++) {
		begin();
		add_tag(MB2_TAG_CMDLINE, 16);
		add_tag(MB2_TAG_MODULE, size);
		build_len = 64;
		finish(64);
		EXPECT_EQ(at(mb2_find_tag(mbi, MB2_TAG_CMDLINE)), 8);
		EXPECTF(mb2_find_tag(mbi, MB2_TAG_MODULE) == NULL,
			"a tag of size %u was returned", size);
	}
}

static void tiny_total_size(void)
{
	u32 total;

	for (total = 0; total <= 12; total += 4) {
		begin();
		add_tag(MB2_TAG_CMDLINE, 16);
		finish(total);
		EXPECTF(mb2_next_tag(mbi, NULL) == NULL,
			"total_size %u: a tag was returned", total);
	}
}

static void mmap_entries(void)
{
	struct mb2_tag_mmap *mmap;
	struct mb2_mmap_entry *e;
	int n = 0;

	typical(1);
	mmap = (struct mb2_tag_mmap *)mb2_find_tag(mbi, MB2_TAG_MMAP);
	EXPECT(mmap != NULL);
	mb2_for_each_mmap_entry(e, mmap)
		n++;
	EXPECT_EQ(n, 2);
	e = (struct mb2_mmap_entry *)(mmap + 1);
	EXPECT_EQ(e[1].base_addr, 0x100000);

	/* A partial last entry is not visited. */
	mmap->size -= 1;
	n = 0;
	mb2_for_each_mmap_entry(e, mmap)
		n++;
	EXPECT_EQ(n, 1);
}

int main(void)
{
	RUN(tags_in_order_with_padding);
	RUN(find_tag);
	RUN(no_end_tag);
	RUN(truncated_tag);
	RUN(size_below_8);
	RUN(tiny_total_size);
	RUN(mmap_entries);
	free(mbi);
	return unit_exit_status();
}
