#!/usr/bin/env python3
"""Boot the kernel in QEMU and compare what user programs print with what
the same binaries print when run natively on this Linux host.

Usage: python3 tests/harness/test_boot.py [--timeout SECONDS] [--keep]

Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check and exits 1 if
any check failed.  See tests/README.md for what each check means.
"""
import argparse
import difflib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_bad_elfs  # noqa: E402
import qemu  # noqa: E402

ROOTFS = os.path.join(qemu.REPO, "build", "rootfs")
HELLO = os.path.join(ROOTFS, "bin", "hello")

# The environment the kernel gives init, as Linux does.
INIT_ENV = {"HOME": "/", "TERM": "linux"}

FIRST_USER_OUTPUT_LIMIT = 5.0	# seconds; the real target (2 s) is checked elsewhere

FAULT_PROGS = ["nullderef", "privileged", "ud2", "divzero"]
FAULTS_RUN = (["/tests/nullderef", "/tests/efault", "/tests/enosys",
	       "/tests/privileged", "/tests/ud2", "/tests/divzero"] +
	      ["/tests/" + n for n in make_bad_elfs.NAMES] + ["/bin/hello"])

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")		# GRUB's screen codes
CLOCK = re.compile(r"^(clock_gettime\([A-Z_]+\): ok ).*")
RESULT = re.compile(r"^runner: (\S+) (exited \d+|killed by signal \d+ \(status \d+\))$")
KERNEL_REPORT = re.compile(r"(?i)fault|trap|exception|sig(segv|ill|fpe)|signal|"
			   r"invalid opcode|divide|protection")
BOOT_TIME = re.compile(r"kernel entry to first user instruction: \d+\.\d+ ms")

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""))


def failed(name, reason, excerpt=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}")
	for line in (excerpt or [])[-30:]:
		print(f"    | {line}")


def serial_lines(output):
	"""The serial console lines of a boot, without QEMU's stderr or GRUB's
	escape codes."""
	serial = output.split("\n--- qemu stderr ---\n")[0]
	return [ANSI.sub("", line).rstrip("\r") for line in serial.split("\n")]


def mask(line):
	"""Hide the timestamps, the only part of the output that may differ."""
	return CLOCK.sub(r"\1<masked>", line)


def subsequence(want, have):
	"""Indices in have at which the lines of want appear in order, or None."""
	found, i = [], 0
	for w in want:
		while i < len(have) and mask(have[i]) != mask(w):
			i += 1
		if i == len(have):
			return None
		found.append(i)
		i += 1
	return found


def result_of(line):
	"""The path in a runner result line ('exited' or 'killed'), else None."""
	m = RESULT.match(line)
	return m.group(1) if m else None


BOOT_DONE = "kernel entry to first user instruction:"


def guest_segments(lines, kernel_line):
	"""The guest's output after the boot, split per program by the
	runner's result lines: {path: (its lines, its result line)}.  Lines
	matching kernel_line (the kernel's own reports, e.g. of a fault,
	which Linux writes to its log and not to the program's output) are
	left out."""
	start = [i for i, line in enumerate(lines) if BOOT_DONE in line]
	if not start:
		return {}
	segs, cur = {}, []
	for line in lines[start[0] + 1:]:
		path = result_of(line)
		if path:
			segs[path] = (cur, line)
			cur = []
		elif not kernel_line.match(line):
			cur.append(line)
	return segs


def run_host(argv, executable, cwd=None):
	"""Run a binary natively with init's environment; return its lines."""
	r = subprocess.run(argv, executable=executable, env=INIT_ENV, cwd=cwd,
			   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
			   stderr=subprocess.STDOUT, text=True, timeout=60,
			   # no core files from the crashing test programs
			   preexec_fn=lambda: resource.setrlimit(
				   resource.RLIMIT_CORE, (0, 0)))
	return r.returncode, r.stdout.rstrip("\n").split("\n")


def boot_checks(prefix, output, code, elapsed, timeout):
	"""Checks common to every boot: QEMU ended by itself, init exited 0."""
	lines = serial_lines(output)
	if code is None:
		failed(f"{prefix}/qemu-exit", f"QEMU still running after {timeout} s,"
		       " killed", output.split("\n"))
	else:
		passed(f"{prefix}/qemu-exit", f"exit code {code} after {elapsed:.1f} s")
	if "init exited with status 0" in lines:
		passed(f"{prefix}/init-exit")
	else:
		failed(f"{prefix}/init-exit", "no 'init exited with status 0' line",
		       output.split("\n"))


def test_hello(tmp, timeout):
	iso = os.path.join(tmp, "hello.iso")
	try:
		qemu.build_iso("init=/bin/hello one two", iso)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("hello/build-iso", "make iso failed", str(e).split("\n"))
		return
	code, want = run_host(["/bin/hello", "one", "two"], HELLO)
	if code != 0 or want[-1] != "hello: done":
		failed("hello/host-run", f"hello on the host exited {code}", want)
		return

	times = []
	output, code, elapsed = qemu.boot(iso, timeout, line_times=times)
	lines = serial_lines(output)
	boot_checks("hello", output, code, elapsed, timeout)

	# hello's output starts at its first line and ends with 'hello: done'.
	if want[0] not in lines:
		failed("hello/output", f"'{want[0]}' never printed", output.split("\n"))
		return
	start = lines.index(want[0])
	end = start
	while end < len(lines) and lines[end] != "hello: done":
		end += 1
	got = lines[start:end + 1]
	if not any(line.strip() for line in lines[:start]):
		failed("hello/boot-log", "no kernel output before hello's first line")
	else:
		passed("hello/boot-log", f"{start} lines")
	if [mask(x) for x in got] == [mask(x) for x in want]:
		passed("hello/output", f"{len(want)} lines match the host")
	else:
		diff = difflib.unified_diff([mask(x) for x in want],
					    [mask(x) for x in got],
					    "host", "guest", lineterm="")
		failed("hello/output", "differs from the host run", list(diff))

	# Boot time: the kernel's own measurement, and ours from outside.
	m = [line for line in lines if BOOT_TIME.search(line)]
	if m:
		passed("boot-time/log-line", BOOT_TIME.search(m[0]).group(0))
	else:
		failed("boot-time/log-line", "no 'kernel entry to first user"
		       " instruction: N.NNN ms' line", lines[:start + 1])
	first = [t for t, line in times if ANSI.sub("", line) == want[0]]
	if not first:
		failed("boot-time/first-user-output", "hello's first line not seen")
	elif first[0] > FIRST_USER_OUTPUT_LIMIT:
		failed("boot-time/first-user-output", f"{first[0]:.3f} s from QEMU"
		       f" start, limit {FIRST_USER_OUTPUT_LIMIT} s")
	else:
		passed("boot-time/first-user-output", f"{first[0]:.3f} s from QEMU"
		       f" start (target 2 s; fails only above"
		       f" {FIRST_USER_OUTPUT_LIMIT} s)")


def host_faults_run(tmp):
	"""Run the runner natively over a copy of the guest's files laid out
	under tmp/hostroot, and return its output split per program: a dict
	from guest path to the lines up to and including the result line."""
	root = os.path.join(tmp, "hostroot")
	os.makedirs(os.path.join(root, "bin"))
	shutil.copytree(os.path.join(ROOTFS, "tests"), os.path.join(root, "tests"))
	shutil.copy(HELLO, os.path.join(root, "bin", "hello"))
	make_bad_elfs.make_all(HELLO, os.path.join(root, "tests"))
	runner = os.path.join(root, "tests", "runner")
	_, out = run_host([runner] + [root + p for p in FAULTS_RUN], runner)
	# Host paths carry the hostroot prefix; the guest's do not.
	out = [line.replace(root + "/", "/") for line in out]
	segs, cur = {}, []
	for line in out:
		cur.append(line)
		if result_of(line):
			segs[result_of(line)] = cur
			cur = []
	return segs, out


def test_faults(tmp, timeout):
	if not os.path.exists(HELLO):
		failed("faults/setup", f"{HELLO} missing (did the hello build fail?)")
		return
	extra = os.path.join(tmp, "extra")
	make_bad_elfs.make_all(HELLO, os.path.join(extra, "tests"))
	iso = os.path.join(tmp, "faults.iso")
	try:
		qemu.build_iso("init=/tests/runner " + " ".join(FAULTS_RUN), iso,
			       rootfs_extra=extra)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("faults/build-iso", "make iso failed", str(e).split("\n"))
		return
	segs, host_out = host_faults_run(tmp)
	missing = [p for p in FAULTS_RUN if p not in segs]
	if missing:
		failed("faults/host-run", f"no host result for {missing}", host_out)
		return

	output, code, elapsed = qemu.boot(iso, timeout)
	lines = serial_lines(output)
	boot_checks("faults", output, code, elapsed, timeout)

	cur = 0		# guest lines before cur belong to earlier programs
	for path in FAULTS_RUN:
		name = "faults/" + os.path.basename(path)
		want = segs[path]
		res = [i for i in range(cur, len(lines)) if result_of(lines[i]) == path]
		if not res:
			failed(name, "no result line from runner; host has: "
			       + want[-1], lines[cur:])
			continue
		window = lines[cur:res[0] + 1]
		found = subsequence(want, window)
		note = want[-1].split(" ", 2)[2]
		# Linux kills some bad ELFs after the point of no return (the
		# old program is gone).  Refusing them cleanly is fine too.
		refused = [f"runner: {path} execve failed: ENOEXEC",
			   f"runner: {path} exited 127"]
		if found is None and "/bad-" in path and "killed" in want[-1] and \
		   subsequence(refused, window) is not None:
			found = subsequence(refused, window)
			note = "refused with ENOEXEC; Linux: " + note
		if found is None:
			failed(name, "differs from the host run", ["host:"] + want +
			       ["guest:"] + window[-len(want) - 5:])
		else:
			passed(name, note)
		cur = res[0] + 1

		if os.path.basename(path) in FAULT_PROGS and found:
			# The kernel's fault report: after the program's own
			# line, naming the program, not printed by runner.
			base = os.path.basename(path)
			reports = [x for x in window[found[0] + 1:-1]
				   if re.search(r"\b%s\b" % re.escape(base), x)
				   and KERNEL_REPORT.search(x)
				   and not x.startswith("runner:")]
			if reports:
				passed(name + "/kernel-report", reports[0].strip())
			else:
				failed(name + "/kernel-report", "no kernel line naming"
				       f" '{base}' and the fault", window)

	if "runner: done" in lines[cur:]:
		passed("faults/runner-done")
	else:
		failed("faults/runner-done", "no 'runner: done' after the last"
		       " program", lines[cur:])


def test_quiet_and_bad_init(tmp, timeout):
	"""`quiet` keeps the info log off the console; a missing init is reported."""
	iso = os.path.join(tmp, "quiet.iso")
	try:
		qemu.build_iso("quiet init=/bin/nonexistent", iso)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("quiet/build-iso", "make iso failed", str(e).split("\n"))
		return
	output, code, elapsed = qemu.boot(iso, timeout)
	lines = serial_lines(output)
	noisy = [x for x in lines if x.startswith(("Memory:", "Command line:", "tsc:"))]
	if noisy:
		failed("quiet/no-info-log", "info lines printed despite quiet", noisy)
	else:
		passed("quiet/no-info-log")
	want = "Requested init /bin/nonexistent failed (error -2)."
	if want in lines and "init exited with status 127" in lines and code is not None:
		passed("quiet/missing-init", want)
	else:
		failed("quiet/missing-init", f"expected '{want}' and a power-off", lines)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=60,
			help="seconds allowed for each boot (default 60)")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (ISOs, host files)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so qemu.boot() still kills QEMU.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	tmp = tempfile.mkdtemp(prefix="test_boot.")
	try:
		test_hello(tmp, args.timeout)
		test_faults(tmp, args.timeout)
		test_quiet_and_bad_init(tmp, args.timeout)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
