#!/usr/bin/env python3
"""Turn `nm -n kernel` into an assembly file with the symbol table that
panic() uses for backtraces (Linux: scripts/kallsyms.c).

Layout in section .kallsyms:
  kallsyms_num:     u64 count
  kallsyms_addrs:   u64[count], sorted
  kallsyms_offsets: u32[count], offsets of the names in kallsyms_names
  kallsyms_names:   NUL-terminated names
"""
import sys

syms = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 3 or parts[1] not in "tTwW":
        continue
    syms.append((int(parts[0], 16), parts[2]))
syms.sort()

out = ['\t.section .kallsyms,"a"', '\t.balign 8',
       '\t.globl kallsyms_num, kallsyms_addrs, kallsyms_offsets, kallsyms_names',
       'kallsyms_num:', '\t.quad %d' % len(syms), 'kallsyms_addrs:']
out += ['\t.quad 0x%x' % a for a, _ in syms]
out.append('kallsyms_offsets:')
off = 0
for _, name in syms:
    out.append('\t.long %d' % off)
    off += len(name) + 1
out.append('kallsyms_names:')
out += ['\t.asciz "%s"' % n for _, n in syms]
out.append('\t.section .note.GNU-stack,"",@progbits')
print('\n'.join(out))
