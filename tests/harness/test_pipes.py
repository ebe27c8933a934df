#!/usr/bin/env python3
"""Pipes, poll, signals, processes and CPU times: run the guest test programs
in the kernel and on this Linux host, and require the same output, line for line.

Usage: python3 tests/harness/test_pipes.py [--timeout SECONDS] [--keep]

One boot, init=/tests/runner over PROGS.  Each program's lines in the
guest are those between the kernel's last boot line (or the previous
program's runner line) and its own 'runner: PATH exited N' line; they
must equal what the same binary prints natively, and N must be the
host's exit status, 0.  Prints 'PASS <name>' or 'FAIL <name>: <reason>'
per check and exits 1 if any check failed.
"""
import argparse
import re
import difflib
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
import test_boot as tb  # noqa: E402  (PASS/FAIL reporting, host runs)

PROGS = ["/tests/pipes", "/tests/poll", "/tests/signals", "/tests/procs", "/tests/cputime"]
# The kernel's one-line report of a fatal user fault ("procs[36]: segfault
# at 0 ..."); Linux prints it to its log too, not to the program's output.
KERNEL_FAULT = re.compile(r"^(\S+\[\d+\]: segfault at |traps: \S+\[\d+\] )")


def check_program(path, segs):
	name = "pipes" + path
	code, want = tb.run_host([path], os.path.join(tb.ROOTFS, path.lstrip("/")))
	if code != 0:
		tb.failed(name + "/host-run", f"exited {code} on the host", want)
		return
	if path not in segs:
		tb.failed(name, "no result line from runner in the guest")
		return
	got, result = segs[path]
	if got == want:
		tb.passed(name, f"{len(want)} lines match the host")
	else:
		diff = difflib.unified_diff(want, got, "host", "guest", lineterm="")
		tb.failed(name, "differs from the host run", list(diff))
	if result == f"runner: {path} exited 0":
		tb.passed(name + "/exit", "exited 0, as on the host")
	else:
		tb.failed(name + "/exit", f"guest: '{result}', host: exited 0")


def test_pipes(tmp, timeout):
	iso = os.path.join(tmp, "pipes.iso")
	try:
		qemu.build_iso("init=/tests/runner " + " ".join(PROGS), iso)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		tb.failed("pipes/build-iso", "make iso failed", str(e).split("\n"))
		return
	output, code, elapsed = qemu.boot(iso, timeout)
	lines = tb.serial_lines(output)
	tb.boot_checks("pipes", output, code, elapsed, timeout)
	segs = tb.guest_segments(lines, KERNEL_FAULT)
	for path in PROGS:
		check_program(path, segs)
	if "runner: done" in lines:
		tb.passed("pipes/runner-done")
	else:
		tb.failed("pipes/runner-done", "no 'runner: done' line", lines[-30:])


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=120,
			help="seconds allowed for the boot (default 120)")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (the ISO)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so qemu.boot() still kills QEMU.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	tmp = tempfile.mkdtemp(prefix="test_pipes.")
	try:
		test_pipes(tmp, args.timeout)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{tb.failures} check(s) failed" if tb.failures else "all checks passed")
	sys.exit(1 if tb.failures else 0)


if __name__ == "__main__":
	main()
