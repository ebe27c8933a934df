#!/usr/bin/env python3
"""Write malformed ELF executables for the exec error-path tests.

Usage: make_bad_elfs.py SOURCE_BINARY OUT_DIR

Each file is a copy of a real static x86_64 binary (e.g. build/rootfs/bin/hello)
with exactly one thing broken, so a loader that accepts it has missed exactly
that check:

  bad-magic   e_ident starts with 7f 'E' 'L' 'X' instead of 7f 'E' 'L' 'F'
  bad-phdr    e_phoff points so close to the end of the file that the
              program header table is cut off
  bad-range   a PT_LOAD whose file range (p_offset + p_filesz) lies past
              the end of the file
  bad-kaddr   a PT_LOAD whose p_vaddr is in the kernel half of the address
              space (0xffff800000000000 and up)
  bad-filesz  a PT_LOAD with p_filesz > p_memsz (still inside the file)

The files are written with mode 0755.  What Linux does with each is not
assumed here: the harness runs them on the host to find out.
"""
import os
import struct
import sys

# ELF64 header fields we touch (offsets from the ELF specification).
E_PHOFF = 0x20		# u64: file offset of the program header table
E_PHENTSIZE = 0x36	# u16: size of one program header
E_PHNUM = 0x38		# u16: number of program headers

# ELF64 program header fields (offsets within one entry).
P_TYPE = 0x00		# u32
P_OFFSET = 0x08		# u64
P_VADDR = 0x10		# u64
P_FILESZ = 0x20		# u64
P_MEMSZ = 0x28		# u64
PT_LOAD = 1

KERNEL_BASE = 0xffff800000000000
PAGE = 0x1000

NAMES = ("bad-magic", "bad-phdr", "bad-range", "bad-kaddr", "bad-filesz")


def u16(b, off):
	return struct.unpack_from("<H", b, off)[0]


def u64(b, off):
	return struct.unpack_from("<Q", b, off)[0]


def put64(b, off, val):
	struct.pack_into("<Q", b, off, val)


def loads(elf):
	"""Return (header offset, p_offset, p_filesz, p_memsz) of each PT_LOAD."""
	phoff, phentsize = u64(elf, E_PHOFF), u16(elf, E_PHENTSIZE)
	out = []
	for i in range(u16(elf, E_PHNUM)):
		ph = phoff + i * phentsize
		if struct.unpack_from("<I", elf, ph + P_TYPE)[0] == PT_LOAD:
			out.append((ph, u64(elf, ph + P_OFFSET),
				    u64(elf, ph + P_FILESZ), u64(elf, ph + P_MEMSZ)))
	return out


def make_all(source, outdir):
	"""Write the bad ELFs into outdir; return their paths."""
	orig = open(source, "rb").read()
	if orig[:4] != b"\x7fELF" or orig[4] != 2 or orig[5] != 1:
		raise ValueError(f"{source}: not a little-endian ELF64 file")
	size = len(orig)
	segs = loads(orig)
	if not segs:
		raise ValueError(f"{source}: no PT_LOAD segments")
	bad = {}

	b = bytearray(orig)
	b[3] = ord("X")
	bad["bad-magic"] = b

	b = bytearray(orig)
	put64(b, E_PHOFF, size - u16(orig, E_PHENTSIZE))  # only one entry fits
	bad["bad-phdr"] = b

	# Move the last segment's file offset past the end of the file.  Whole
	# pages keep p_offset and p_vaddr congruent modulo the page size, so
	# the range is the only thing wrong.
	b = bytearray(orig)
	ph, off, _, _ = segs[-1]
	put64(b, ph + P_OFFSET, off + (size + PAGE - 1) // PAGE * PAGE)
	bad["bad-range"] = b

	b = bytearray(orig)
	ph = segs[0][0]
	put64(b, ph + P_VADDR, KERNEL_BASE + u64(orig, ph + P_VADDR))
	bad["bad-kaddr"] = b

	# Grow p_filesz past p_memsz on a segment where the file still holds
	# the extra bytes, so the file range stays valid.
	b = bytearray(orig)
	for ph, off, filesz, memsz in segs:
		if off + memsz + 16 <= size:
			put64(b, ph + P_FILESZ, memsz + 16)
			break
	else:
		raise ValueError(f"{source}: no segment suitable for bad-filesz")
	bad["bad-filesz"] = b

	os.makedirs(outdir, exist_ok=True)
	paths = []
	for name in NAMES:
		path = os.path.join(outdir, name)
		with open(path, "wb") as f:
			f.write(bad[name])
		os.chmod(path, 0o755)
		paths.append(path)
	return paths


def main():
	if len(sys.argv) != 3:
		sys.exit(f"usage: {sys.argv[0]} SOURCE_BINARY OUT_DIR")
	for path in make_all(sys.argv[1], sys.argv[2]):
		print(path)


if __name__ == "__main__":
	main()
