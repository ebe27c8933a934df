#!/usr/bin/env python3
"""Boot the kernel with the file system test programs, compare what they
print with the same binaries run on this Linux host, then check the file
system image the guest left behind with e2fsck and debugfs.

Usage: python3 tests/harness/test_files.py [--timeout SECONDS] [--keep]
					     [--big] [--host-dir DIR]

Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check and exits 1 if
any check failed.

1. Host: build/rootfs/tests/fs_suite -k HOSTDIR runs fs_fdtable, fs_rw,
   fs_big and fs_dir on the host, twice, each time in a fresh HOSTDIR
   (under /dev/shm when it is writable, so that statfs's free counts are
   not moved by other processes; --host-dir picks another place).  Both
   runs must print the same, exit 0, and leave only keep.txt behind.
2. Guest: boots "init=/tests/fs_suite -k -d /work" (/work, an ext2
   directory of mode 1777, is added to the image).  Each program's lines, from '== NAME start' to
   '== NAME exit N', must equal the host's exactly, except that lines the
   kernel prints for a task ('NAME[PID]: ...', e.g. an unimplemented
   system call) and the programs' stderr lines ('## ...', e.g. fs_big's
   timings; stderr is the console too in the guest) are dropped from the
   comparison and shown as notes.  A kernel panic ends the boot at once.
3. Image: fs_dump_ram0 prints /dev/ram0 in base64 (tests/harness/ram0.py
   decodes it; a line between the markers that is not base64 fails).  The
   image must pass 'e2fsck -fn', /work/keep.txt must hold what fs_suite
   wrote (debugfs cat), /work must hold nothing else, and the free block
   and inode counts must be the original image's less keep.txt's.
4. A boot runs the same programs on /tmp, a tmpfs, against the host.
5. With --big, another boot runs "fs_suite -b /work": fs_big also writes
   and reads a 32 MiB file.  A 40 MiB /work/fs_big.pad in the image makes
   room for it (mke2fs sizes the image from its contents); fs_suite
   deletes the pad first.
"""
import argparse
import difflib
import os
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
import ram0  # noqa: E402

ROOTFS = os.path.join(qemu.REPO, "build", "rootfs")
TESTS = os.path.join(ROOTFS, "tests")
SUITE = os.path.join(TESTS, "fs_suite")
PROGRAMS = ["fs_fdtable", "fs_rw", "fs_big", "fs_dir"]
INIT_ENV = {"HOME": "/", "TERM": "linux"}	# what the kernel gives init
GUEST_DIR = "/work"		# an ext2 directory (/tmp is a tmpfs)
KEEP = "".join(f"keep.txt line {i:03d}: written by fs_suite\n" for i in range(100))
PAD_BYTES = 40 << 20

SBIN = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
START = re.compile(r"^== (\S+) start$")
END = re.compile(r"^== (\S+) (exit \d+|killed by signal \d+|status 0x[0-9a-f]+)$")
# What the kernel prints about a task, e.g.
# "fs_rw[3]: system call ftruncate (77) not implemented: -ENOSYS".
# The programs never print a line of this shape.
KERNEL_TASK_LINE = re.compile(r"^[\w.+-]+\[\d+\]: ")
# The programs' own diagnostics on stderr (timings, details of a failed
# check): the console in the guest, a separate pipe on the host.
DIAG_LINE = re.compile(r"^## ")
INIT_EXIT = re.compile(r"init exited with status (\d+)")
PANIC_END = re.compile(rb"---\[ end Kernel panic")
PANIC_GRACE = 2.0	# seconds of output still read after a panic

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""))


def failed(name, reason, excerpt=None, limit=60):
	"""A failed check, with the last limit lines of excerpt (or the first
	ones if limit is negative)."""
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}")
	excerpt = excerpt or []
	for line in excerpt[-limit:] if limit > 0 else excerpt[:-limit]:
		print(f"    | {line}")
	if len(excerpt) > abs(limit):
		print(f"    | ({len(excerpt) - abs(limit)} more lines)")


def serial_lines(output):
	"""The serial console lines of a boot, without QEMU's stderr or GRUB's
	escape codes."""
	serial = output.split("\n--- qemu stderr ---\n")[0]
	return [ANSI.sub("", line).rstrip("\r") for line in serial.split("\n")]


def sections(lines):
	"""Split fs_suite's output into {NAME: (lines, dropped)}.

	lines run from after '== NAME start' to the '== NAME exit N' line
	included; dropped are the kernel's task lines and the programs'
	'## ' lines, left out of lines.  A program with no end line gets no
	entry."""
	secs, name, cur, kern = {}, None, [], []
	for line in lines:
		m = START.match(line)
		if m and m.group(1) != "fs_suite":
			name, cur, kern = m.group(1), [], []
			continue
		if name is None:
			continue
		if KERNEL_TASK_LINE.match(line) or DIAG_LINE.match(line):
			kern.append(line)
			continue
		cur.append(line)
		m = END.match(line)
		if m and m.group(1) == name:
			secs[name] = (cur, kern)
			name = None
	return secs


def tool(name):
	return shutil.which(name, path=SBIN) or name


def run_tool(argv, timeout=120, stderr=True):
	"""Run a tool; its exit code and output (stdout, plus stderr if asked)."""
	r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
			   stderr=subprocess.STDOUT if stderr else subprocess.DEVNULL,
			   timeout=timeout)
	return r.returncode, r.stdout.decode("utf-8", errors="replace")


def no_core():
	resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def host_base(arg):
	"""Where the host runs make their fresh directories (None: the default
	temporary directory)."""
	if arg:
		return arg
	if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK | os.X_OK):
		return "/dev/shm"
	return None


def host_run(base, flags):
	"""Run fs_suite natively in a fresh directory.  Returns (exit code,
	stdout lines, stderr, what the directory held afterwards, keep.txt's
	content or None)."""
	d = tempfile.mkdtemp(prefix="test_files.host.", dir=base)
	try:
		# argv[0] is the full path: fs_suite finds the programs beside it.
		r = subprocess.run([SUITE] + flags + [d], executable=SUITE, env=INIT_ENV,
				   cwd=d, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
				   stderr=subprocess.PIPE, timeout=600, preexec_fn=no_core)
		left = sorted(os.listdir(d))
		keep = None
		if "keep.txt" in left:
			with open(os.path.join(d, "keep.txt"), encoding="utf-8",
				  errors="replace") as f:
				keep = f.read()
	finally:
		shutil.rmtree(d, ignore_errors=True)
	out = r.stdout.decode("utf-8", errors="replace").rstrip("\n").split("\n")
	return r.returncode, out, r.stderr.decode("utf-8", errors="replace"), left, keep


def check_host(base, flags, label):
	"""The host runs: returns the sections to compare the guest with, or
	None if the host itself failed."""
	try:
		runs = [host_run(base, flags) for _ in range(2)]
	except subprocess.TimeoutExpired as e:
		failed(f"{label}host/run", f"fs_suite on the host: {e}")
		return None
	code, out, err, left, keep = runs[0]
	secs = sections(out)
	ok = True
	for name in PROGRAMS:
		if name not in secs:
			failed(f"{label}host/{name}", "no '== NAME exit' line on the host",
			       out + err.split("\n"))
			ok = False
		elif secs[name][0][-1] != f"== {name} exit 0":
			failed(f"{label}host/{name}", f"on the host: {secs[name][0][-1]}",
			       secs[name][0] + err.split("\n"))
			ok = False
	if runs[1][1] != out:
		diff = difflib.unified_diff(out, runs[1][1], "host run 1", "host run 2",
					    lineterm="")
		failed(f"{label}host/deterministic", "two host runs differ", list(diff))
		ok = False
	else:
		passed(f"{label}host/deterministic", f"two runs, {len(out)} lines each"
		       f" (exit {code}, {runs[1][0]})")
	want_left = ["keep.txt"] if "-k" in flags else []
	if left != want_left or runs[1][3] != want_left:
		failed(f"{label}host/cleanup", f"left behind {left} and {runs[1][3]},"
		       f" expected {want_left}")
		ok = False
	if "-k" in flags:
		if keep == KEEP:
			passed(f"{label}host/keep.txt", f"{len(KEEP)} bytes")
		else:
			failed(f"{label}host/keep.txt", "keep.txt missing or different")
			ok = False
	if err.strip():
		print(f"    (host stderr: {' / '.join(err.strip().split(chr(10)))})")
	return (secs, out) if ok else None


def compare_guest(label, host_secs, lines):
	"""Compare each program's section in the guest lines with the host's."""
	guest_secs = sections(lines)
	for name in PROGRAMS:
		want = host_secs[name][0]
		if name not in guest_secs:
			starts = [i for i, x in enumerate(lines) if x == f"== {name} start"]
			tail = lines[starts[0]:] if starts else lines
			nxt = [i for i, x in enumerate(tail) if i and START.match(x)]
			failed(f"{label}{name}", f"no '== {name} exit N' line in the guest"
			       + ("" if starts else f" (not even '== {name} start')"),
			       tail[:nxt[0]] if nxt else tail)
			continue
		got, kern = guest_secs[name]
		said = ""
		if kern:
			said = f"; also printed: {' | '.join(kern[:5])}"
			if len(kern) > 5:
				said += f" (+{len(kern) - 5} more)"
		if got == want:
			passed(f"{label}{name}", f"{len(want)} lines match the host{said}")
		else:
			diff = list(difflib.unified_diff(want, got, "host", "guest",
							 lineterm="", n=1))
			failed(f"{label}{name}", f"differs from the host run{said}", diff,
			       limit=-100)


def boot(iso, timeout):
	"""qemu.boot(), except that a kernel panic ends the boot PANIC_GRACE
	seconds later instead of at the timeout (a panicked kernel halts and
	never powers off).  Returns (output, exit code or None if QEMU was
	killed, seconds, whether the kernel panicked).  Like qemu.boot(),
	QEMU is always killed and reaped before this returns."""
	cmd = qemu.QEMU + ["-cdrom", iso, "-boot", "d"]
	out, err = bytearray(), bytearray()
	start = time.monotonic()
	deadline = start + timeout
	panicked = timed_out = False
	proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
				stderr=subprocess.PIPE, start_new_session=True,
				preexec_fn=qemu._die_with_parent)
	try:
		sel = selectors.DefaultSelector()
		sel.register(proc.stdout, selectors.EVENT_READ, out)
		sel.register(proc.stderr, selectors.EVENT_READ, err)
		while sel.get_map() and time.monotonic() < deadline:
			for key, _ in sel.select(max(0.0, deadline - time.monotonic())):
				data = os.read(key.fd, 65536)
				if not data:
					sel.unregister(key.fileobj)
					continue
				key.data.extend(data)
				if not panicked and key.data is out and \
				   PANIC_END.search(out, max(0, len(out) - len(data) - 64)):
					panicked = True
					deadline = min(deadline, time.monotonic() + PANIC_GRACE)
		sel.close()
		try:
			proc.wait(timeout=max(0.0, deadline - time.monotonic()))
		except subprocess.TimeoutExpired:
			timed_out = True
	finally:
		qemu._kill(proc)
		proc.stdout.close()
		proc.stderr.close()
	text = qemu._text(bytes(out))
	if err:
		text += "\n--- qemu stderr ---\n" + qemu._text(bytes(err))
	return (text, None if timed_out else proc.returncode,
		time.monotonic() - start, panicked)


def boot_checks(label, output, code, elapsed, timeout, panicked=False):
	lines = serial_lines(output)
	if panicked:
		at = [i for i, x in enumerate(lines) if "Kernel panic" in x]
		failed(f"{label}qemu-exit", f"the kernel panicked; QEMU killed after"
		       f" {elapsed:.1f} s", lines[max(0, at[0] - 20):] if at else lines)
	elif code is None:
		failed(f"{label}qemu-exit", f"QEMU still running after {timeout} s, killed",
		       lines)
	else:
		passed(f"{label}qemu-exit", f"exit code {code} after {elapsed:.1f} s")
	exits = [INIT_EXIT.search(x) for x in lines if INIT_EXIT.search(x)]
	if not exits:
		failed(f"{label}init-exit", "no 'init exited with status N' line", lines)
	else:
		# fs_suite exits 1 when a program failed; that is reported per
		# program.  Here: the kernel ran init to its end.
		passed(f"{label}init-exit", exits[-1].group(0))
	if "== fs_suite done" in lines:
		passed(f"{label}suite-done")
	else:
		failed(f"{label}suite-done", "no '== fs_suite done' line", lines[-30:])


def free_counts(image):
	"""Free blocks and inodes summed over the group descriptors, and the
	block size, from dumpe2fs."""
	rc, out = run_tool([tool("dumpe2fs"), image])
	if rc != 0:
		return None
	blocks = inodes = 0
	for m in re.finditer(r"^\s+(\d+) free blocks, (\d+) free inodes", out, re.M):
		blocks += int(m.group(1))
		inodes += int(m.group(2))
	bs = re.search(r"^Block size:\s+(\d+)", out, re.M)
	return blocks, inodes, int(bs.group(1)) if bs else None


def check_image(tmp, iso, lines):
	"""Decode the dump and check the image with e2fsck and debugfs."""
	try:
		data = ram0.extract(lines)
	except ram0.Ram0Error as e:
		starts = [i for i, x in enumerate(lines) if x == "== fs_dump_ram0 start"]
		failed("ram0/dump", str(e), lines[starts[0]:starts[0] + 20] if starts else None)
		return
	image = os.path.join(tmp, "ram0.img")
	with open(image, "wb") as f:
		f.write(data)
	passed("ram0/dump", f"{len(data)} bytes decoded")

	# The image as it went into the ISO, for comparison.
	pristine = os.path.join(tmp, "rootfs.img")
	rc, out = run_tool([tool("xorriso"), "-osirrox", "on", "-indev", iso,
			    "-extract", "/boot/rootfs.img", pristine])
	if rc != 0 or not os.path.exists(pristine):
		failed("ram0/pristine", "could not extract /boot/rootfs.img from the ISO",
		       out.split("\n"))
		pristine = None
	elif os.path.getsize(pristine) != len(data):
		failed("ram0/size", f"dumped {len(data)} bytes, the image in the ISO"
		       f" has {os.path.getsize(pristine)}")
	else:
		passed("ram0/size", "same size as the image in the ISO")

	rc, out = run_tool([tool("e2fsck"), "-fn", image])
	if rc == 0:
		summary = [x for x in out.split("\n") if "files" in x and "blocks" in x]
		passed("ram0/e2fsck", summary[-1] if summary else "clean")
	else:
		note = ""
		if pristine:
			prc, _ = run_tool([tool("e2fsck"), "-fn", pristine])
			note = f" (the image in the ISO: e2fsck exit {prc})"
		failed("ram0/e2fsck", f"e2fsck -fn exit {rc}{note}", out.split("\n"))

	# stdout only: debugfs prints its banner and errors on stderr.
	rc, body = run_tool([tool("debugfs"), "-R", "cat /work/keep.txt", image],
			    stderr=False)
	if body == KEEP:
		passed("ram0/keep.txt", f"debugfs cat gives the {len(KEEP)} bytes fs_suite wrote")
	else:
		failed("ram0/keep.txt", f"debugfs cat /work/keep.txt gives {len(body)} bytes,"
		       f" expected {len(KEEP)}", body.split("\n")[:20])

	rc, out = run_tool([tool("debugfs"), "-R", "ls -p /work", image], stderr=False)
	names = sorted(m.group(1) for m in re.finditer(r"^/\d+/\d+/\d+/\d+/([^/]*)/", out, re.M))
	if names == [".", "..", "keep.txt"]:
		passed("ram0/tmp-clean", "/work holds only keep.txt")
	else:
		failed("ram0/tmp-clean", f"/work holds {names}", out.split("\n"))

	if pristine:
		before, after = free_counts(pristine), free_counts(image)
		if not before or not after or not before[2]:
			failed("ram0/no-leaks", "dumpe2fs failed")
			return
		keep_blocks = -(-len(KEEP) // before[2])
		want = (before[0] - keep_blocks, before[1] - 1)
		note = (f"free blocks {before[0]} -> {after[0]}, free inodes {before[1]} ->"
			f" {after[1]} (keep.txt: {keep_blocks} blocks, 1 inode)")
		if (after[0], after[1]) == want:
			passed("ram0/no-leaks", note)
		else:
			failed("ram0/no-leaks", note + f"; expected {want[0]} and {want[1]}")


def test_suite(tmp, timeout, base):
	extra = os.path.join(tmp, "extra")
	os.makedirs(os.path.join(extra, "work"))
	os.chmod(os.path.join(extra, "work"), 0o1777)
	iso = os.path.join(tmp, "files.iso")
	try:
		qemu.build_iso(f"init=/tests/fs_suite -k -d {GUEST_DIR}", iso,
			       rootfs_extra=extra)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("files/build-iso", "make iso failed", str(e).split("\n"))
		return
	host = check_host(base, ["-k"], "files/")
	if host is None:
		return
	host_secs, host_out = host

	output, code, elapsed, panicked = boot(iso, timeout)
	with open(os.path.join(tmp, "files.console"), "w") as f:
		f.write(output)
	lines = serial_lines(output)
	boot_checks("files/", output, code, elapsed, timeout, panicked)
	compare_guest("files/", host_secs, lines)
	want = [x for x in host_out if x.startswith("== keep.txt")]
	got = [x for x in lines if x.startswith("== keep.txt")]
	if got == want:
		passed("files/keep.txt", " / ".join(got))
	else:
		failed("files/keep.txt", f"guest says {got}, host {want}")
	check_image(tmp, iso, lines)


def test_big(tmp, timeout, base):
	extra = os.path.join(tmp, "extra-big")
	os.makedirs(os.path.join(extra, "work"))
	os.chmod(os.path.join(extra, "work"), 0o1777)
	# Not zeros: mke2fs -d would leave zero blocks out (a sparse file).
	with open(os.path.join(extra, "work", "fs_big.pad"), "wb") as f:
		chunk = b"\xa5" * (1 << 20)
		for _ in range(PAD_BYTES >> 20):
			f.write(chunk)
	iso = os.path.join(tmp, "big.iso")
	try:
		# 4 KiB blocks here (1 KiB in the main boot): fs_big's output must
		# not depend on the block size, so both compare with the host.
		qemu.build_iso(f"init=/tests/fs_suite -b {GUEST_DIR}", iso, rootfs_extra=extra,
			       make_vars=["ROOTFS_BLOCK_SIZE=4096"])
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("big/build-iso", "make iso failed", str(e).split("\n"))
		return
	host = check_host(base, ["-b"], "big/")
	if host is None:
		return
	output, code, elapsed, panicked = boot(iso, timeout)
	with open(os.path.join(tmp, "big.console"), "w") as f:
		f.write(output)
	lines = serial_lines(output)
	boot_checks("big/", output, code, elapsed, timeout, panicked)
	compare_guest("big/", host[0], lines)


def test_tmpfs(tmp, timeout, base):
	"""The same programs on /tmp, a tmpfs: they must print what Linux prints."""
	iso = os.path.join(tmp, "tmpfs.iso")
	try:
		qemu.build_iso("init=/tests/fs_suite /tmp", iso)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("tmpfs/build-iso", "make iso failed", str(e).split("\n"))
		return
	host = check_host(base, [], "tmpfs/")
	if host is None:
		return
	output, code, elapsed, panicked = boot(iso, timeout)
	with open(os.path.join(tmp, "tmpfs.console"), "w") as f:
		f.write(output)
	lines = serial_lines(output)
	boot_checks("tmpfs/", output, code, elapsed, timeout, panicked)
	compare_guest("tmpfs/", host[0], lines)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=300,
			help="seconds allowed for each boot (default 300; the image"
			" dump alone is several MB on the serial console)")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (ISOs, console log, images)")
	ap.add_argument("--big", action="store_true",
			help="also boot with the 32 MiB file test (a 40 MiB larger image)")
	ap.add_argument("--host-dir", metavar="DIR",
			help="make the host runs' directories in DIR (default /dev/shm"
			" if writable, else the temporary directory)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so qemu.boot() still kills QEMU.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	base = host_base(args.host_dir)
	tmp = tempfile.mkdtemp(prefix="test_files.")
	try:
		test_suite(tmp, args.timeout, base)
		test_tmpfs(tmp, args.timeout, base)
		if args.big:
			test_big(tmp, max(args.timeout, 600), base)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
