#include "kernel/multiboot2.h"

struct mb2_tag *mb2_next_tag(struct mb2_info *mbi, struct mb2_tag *tag)
{
	char *end = (char *)mbi + mbi->total_size;
	char *p;

	if (!tag)
		p = (char *)(mbi + 1);
	else
		p = (char *)tag + ((tag->size + 7) & ~7U);
	tag = (struct mb2_tag *)p;
	if (p + sizeof(*tag) > end || tag->type == MB2_TAG_END ||
	    tag->size < sizeof(*tag) || p + tag->size > end)
		return NULL;
	return tag;
}

struct mb2_tag *mb2_find_tag(struct mb2_info *mbi, u32 type)
{
	struct mb2_tag *tag = NULL;

	while ((tag = mb2_next_tag(mbi, tag)))
		if (tag->type == type)
			return tag;
	return NULL;
}
