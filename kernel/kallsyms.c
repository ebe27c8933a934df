/*
 * Symbol lookup for backtraces.  The table is generated at build time by
 * kernel/gen_kallsyms.py and linked into section .kallsyms.
 */
#include "kernel/kernel.h"
#include "kernel/kallsyms.h"

extern const u64 kallsyms_num;
extern const u64 kallsyms_addrs[];
extern const u32 kallsyms_offsets[];
extern const char kallsyms_names[];
extern char _etext[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	u64 lo = 0, hi = kallsyms_num;

	if (!kallsyms_num || addr < kallsyms_addrs[0] || addr >= (unsigned long)_etext)
		return NULL;
	/* The last symbol whose address is <= addr. */
	while (hi - lo > 1) {
		u64 mid = (lo + hi) / 2;

		if (kallsyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - kallsyms_addrs[lo];
	return &kallsyms_names[kallsyms_offsets[lo]];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	u64 i;

	for (i = 0; i < kallsyms_num; i++)
		if (!strcmp(&kallsyms_names[kallsyms_offsets[i]], name))
			return kallsyms_addrs[i];
	return 0;
}
