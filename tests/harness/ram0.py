#!/usr/bin/env python3
"""Decode the file system image that tests/guest/fs_dump_ram0 prints.

fs_dump_ram0 writes, on the serial console,

    --- ram0 begin SIZE
    <base64 lines: 76 characters each, the last one shorter>
    --- ram0 end

extract(lines) finds that block among the console lines and returns the
decoded bytes.  Lines before the begin marker and after the end marker are
ignored (the kernel log, the other programs).  Inside the block every line
must be base64: a line that is not (a kernel message printed in the middle
of the dump, a line cut short or run together with another) is an error
naming the line, never skipped, since dropping or guessing would give a
corrupt image that e2fsck then blames on the kernel.  The decoded size must
equal SIZE.

Usage, by hand:  python3 tests/harness/ram0.py CONSOLE_LOG IMAGE
"""
import base64
import re
import sys

BEGIN = re.compile(r"^--- ram0 begin (\d+)$")
END = "--- ram0 end"
ERROR = "--- ram0 error:"
LINE_CHARS = 76
B64_LINE = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


class Ram0Error(Exception):
	"""The dump is missing, incomplete or has a line that is not base64."""


def _clean(line):
	return line.rstrip("\r\n")


def extract(lines):
	"""Return the image bytes from the console lines (a list of str)."""
	lines = [_clean(x) for x in lines]
	for line in lines:
		if line.startswith(ERROR):
			raise Ram0Error(f"the guest could not dump the image: {line}")
	begins = [i for i, line in enumerate(lines) if BEGIN.match(line)]
	if not begins:
		raise Ram0Error("no '--- ram0 begin SIZE' line")
	if len(begins) > 1:
		raise Ram0Error(f"{len(begins)} '--- ram0 begin' lines (at lines "
				f"{', '.join(str(i + 1) for i in begins)}); expected one")
	start = begins[0]
	size = int(BEGIN.match(lines[start]).group(1))
	try:
		end = lines.index(END, start + 1)
	except ValueError:
		raise Ram0Error(f"no '{END}' line after the begin line (line {start + 1});"
				f" {len(lines) - start - 1} lines follow it: the dump was cut off")
	body = lines[start + 1:end]
	for k, line in enumerate(body):
		where = f"console line {start + 2 + k} (dump line {k + 1} of {len(body)})"
		last = k == len(body) - 1
		if not B64_LINE.match(line) or len(line) % 4:
			raise Ram0Error(f"{where} is not base64: {line[:120]!r}")
		if not last and len(line) != LINE_CHARS:
			raise Ram0Error(f"{where} has {len(line)} characters, not {LINE_CHARS}"
					f" (a line lost or cut?): {line[:120]!r}")
		if last and len(line) > LINE_CHARS:
			raise Ram0Error(f"{where} has {len(line)} characters: {line[:120]!r}")
		if "=" in line and not last:
			raise Ram0Error(f"{where} has padding before the last line: {line[:120]!r}")
	data = base64.b64decode("".join(body), validate=True)
	if len(data) != size:
		raise Ram0Error(f"decoded {len(data)} bytes, the begin line says {size}")
	want_lines = (size + 56) // 57
	if len(body) != want_lines:
		raise Ram0Error(f"{len(body)} base64 lines, {want_lines} expected for {size} bytes")
	return data


def main():
	if len(sys.argv) != 3:
		sys.exit("usage: ram0.py CONSOLE_LOG IMAGE")
	with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
		lines = f.read().split("\n")
	try:
		data = extract(lines)
	except Ram0Error as e:
		sys.exit(f"ram0.py: {e}")
	with open(sys.argv[2], "wb") as f:
		f.write(data)
	print(f"ram0.py: wrote {len(data)} bytes to {sys.argv[2]}")


if __name__ == "__main__":
	main()
