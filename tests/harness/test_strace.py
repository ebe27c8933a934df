#!/usr/bin/env python3
"""Compare this kernel's system-call tracer with Linux's strace.

Usage: python3 tests/harness/test_strace.py [--timeout SECONDS] [--keep]

Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check and exits 1 if
any check failed.

1. Host: Linux's strace (installed with apt-get if missing) runs
   tests/guest/strace_demo as "tests/strace_demo tmp/strace-demo" from a
   scratch directory that has tests/ and tmp/, with init's environment
   and umask 022, so that every path it prints is the guest's too.
2. Guest: boots "init=/bin/strace tests/strace_demo tmp/strace-demo"
   (the kernel starts init in /).  The trace lines on the console (the
   demo's stderr) are compared with the host's, call by call:
   - calls: the system call names and their results (the number, or
     -1 and the errno name, or ?), the pids that set_tid_address returns
     and addresses that brk/mmap return excepted;
   - lines: the whole lines, with every 0x... number (stack addresses)
     and those pids masked;
   - output: the demo's own stdout lines are the host's.
3. A second boot runs a script under /bin/sh: strace -o FILE (the trace
   goes to the file, the calls are the host's again), a program killed by
   SIGSEGV ("+++ killed by SIGSEGV +++", strace exits 139), a program
   that does not exist (strace says so, exits 1) and "strace true" (found
   on the default PATH /bin:/sbin).
4. /bin/strace on the host says the kernel has no PR_TEACHOS_TRACE and
   exits 1.
"""
import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

ROOTFS = os.path.join(qemu.REPO, "build", "rootfs")
DEMO = os.path.join(ROOTFS, "tests", "strace_demo")
STRACE = os.path.join(ROOTFS, "bin", "strace")
INIT_ENV = {"HOME": "/", "TERM": "linux"}	# what the kernel gives init
DEMO_ARGS = ["tests/strace_demo", "tmp/strace-demo"]	# relative to / in the guest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# name(arguments) = result; the '=' is in column 40 or after ") ".
CALL = re.compile(r"^([a-z_][a-z_0-9]*)\((.*)\) +=(?: (.*))?$")
EXIT = re.compile(r"^\+\+\+ (exited with \d+|killed by SIG[A-Z0-9]+( \(core dumped\))?) \+\+\+$")
SIGNAL_LINE = re.compile(r"^--- SIG\w+ .* ---$")	# Linux's strace only
HEX = re.compile(r"0x[0-9a-f]+")
# Calls whose result is a pid: the host's are not the guest's.
PID_RESULTS = {"set_tid_address", "getpid", "gettid", "getppid", "fork", "vfork",
	       "clone", "wait4"}

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""))


def failed(name, reason, excerpt=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}")
	for line in (excerpt or [])[-40:]:
		print(f"    | {line}")


def serial_lines(output):
	serial = output.split("\n--- qemu stderr ---\n")[0]
	return [ANSI.sub("", line).rstrip("\r") for line in serial.split("\n")]


def trace_lines(lines):
	"""The lines of a trace among others: calls and the final +++ line."""
	return [x for x in lines if CALL.match(x) or EXIT.match(x)]


def result_key(name, result):
	"""What must be equal of a result: the number, or -1 and the errno name."""
	if result is None:
		return "?"
	words = result.split()
	if words[0] in ("-1", "?") and len(words) > 1:
		return f"{words[0]} {words[1]}"		# -1 ENOENT, ? ERESTARTSYS
	if name in PID_RESULTS and words[0].isdigit() and words[0] != "0":
		return "<pid>"
	if words[0].startswith("0x"):
		return "<address>"			# brk, mmap
	return words[0]


def call_keys(trace):
	"""One (name, result) per line; the +++ line as itself."""
	keys = []
	for line in trace:
		m = CALL.match(line)
		if m:
			keys.append(f"{m.group(1)} = {result_key(m.group(1), m.group(3))}")
		elif EXIT.match(line):
			keys.append(line)
	return keys


def masked(line):
	"""A whole line with addresses and pids hidden."""
	m = CALL.match(line)
	if m and m.group(1) in PID_RESULTS:
		line = re.sub(r"= [1-9]\d*$", "= <pid>", line)
	return HEX.sub("0x...", line)


def compare(name, want, got, what):
	"""PASS if equal, else FAIL with a diff."""
	if want == got:
		passed(name, f"{len(want)} {what} match the host's")
		return True
	diff = difflib.unified_diff(want, got, "host strace", "guest strace", lineterm="")
	failed(name, f"{what} differ from the host's", list(diff))
	return False


def host_strace():
	"""Linux's strace, installed with apt-get if it is missing and we are root."""
	path = shutil.which("strace")
	if path or os.geteuid() != 0:
		return path
	env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
	for cmd in (["apt-get", "install", "-y", "-qq", "strace"],
		    ["apt-get", "update", "-qq"],
		    ["apt-get", "install", "-y", "-qq", "strace"]):
		subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
			       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
			       timeout=600)
		path = shutil.which("strace")
		if path:
			break
	return path


def host_run(tmp, strace, args):
	"""strace DEMO ARGS on the host from a directory laid out as the guest's
	root (tests/strace_demo, tmp/); returns (trace lines, stdout lines) or
	raises RuntimeError."""
	root = os.path.join(tmp, "hostroot")
	shutil.rmtree(root, ignore_errors=True)
	os.makedirs(os.path.join(root, "tests"))
	os.makedirs(os.path.join(root, "tmp"))
	shutil.copy(DEMO, os.path.join(root, "tests", "strace_demo"))
	out = os.path.join(tmp, "host.trace")
	r = subprocess.run([strace, "-o", out] + args, cwd=root, env=INIT_ENV,
			   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
			   stderr=subprocess.PIPE, text=True, timeout=60,
			   preexec_fn=lambda: os.umask(0o022))
	if r.returncode != 0 or not os.path.exists(out):
		raise RuntimeError(f"host strace exited {r.returncode}: {r.stderr.strip()}")
	with open(out) as f:
		trace = [x.rstrip("\n") for x in f if not SIGNAL_LINE.match(x)]
	return trace, r.stdout.rstrip("\n").split("\n")


def boot(tmp, name, cmdline, timeout, extra=None):
	"""Build an ISO and boot it; the console lines, or None after a FAIL."""
	iso = os.path.join(tmp, f"strace-{name}.iso")
	try:
		qemu.build_iso(cmdline, iso, rootfs_extra=extra)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed(f"{name}/build-iso", "make iso failed", str(e).split("\n"))
		return None
	output, code, elapsed = qemu.boot(iso, timeout)
	lines = serial_lines(output)
	if code is None:
		failed(f"{name}/qemu-exit", f"QEMU still running after {timeout} s, killed", lines)
		return None
	if "init exited with status 0" not in lines:
		failed(f"{name}/init-exit", "no 'init exited with status 0' line", lines)
		return None
	passed(f"{name}/boot", f"init exited 0 after {elapsed:.1f} s")
	return lines


def test_demo(tmp, strace, timeout):
	"""Boot 1: the demo traced in the guest against Linux's strace."""
	try:
		want, want_out = host_run(tmp, strace, DEMO_ARGS)
	except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
		failed("demo/host-strace", str(e))
		return None
	lines = boot(tmp, "demo", "init=/bin/strace " + " ".join(DEMO_ARGS), timeout)
	if lines is None:
		return want
	got = trace_lines(lines)
	if not got or not got[0].startswith("execve(") or got[-1] != "+++ exited with 0 +++":
		failed("demo/trace", "no trace from execve to '+++ exited with 0 +++'", lines)
		return want
	compare("demo/calls", call_keys(want), call_keys(got), "calls (names and results)")
	compare("demo/lines", [masked(x) for x in want], [masked(x) for x in got],
		"whole lines (addresses masked)")
	got_out = [x for x in lines if x.startswith("demo: ")]
	compare("demo/output", want_out, got_out, "lines of the demo's stdout")
	return want


def extra_script(tmp):
	"""The second boot's init: a shell script in /tests of the image."""
	extra = os.path.join(tmp, "extra")
	os.makedirs(os.path.join(extra, "tests"), exist_ok=True)
	with open(os.path.join(extra, "tests", "strace_more.sh"), "w") as f:
		f.write("#!/bin/sh\n"
			"strace -o /tmp/trace.txt /tests/strace_demo /tmp/strace-o\n"
			"echo \"extra: -o status $?\"\n"
			"echo extra: trace file follows\n"
			"cat /tmp/trace.txt\n"
			"echo extra: trace file ends\n"
			"strace /tests/nullderef\n"
			"echo \"extra: nullderef status $?\"\n"
			"strace no-such-program\n"
			"echo \"extra: missing status $?\"\n"
			"strace true\n"
			"echo \"extra: true status $?\"\n")
	os.chmod(os.path.join(extra, "tests", "strace_more.sh"), 0o755)
	return extra


def expect(name, ok, note, lines):
	if ok:
		passed(name, note)
	else:
		failed(name, f"expected {note}", lines)


def test_more(tmp, timeout, want):
	"""Boot 2: -o FILE, a signal death, a missing program, a PATH search."""
	lines = boot(tmp, "more", "init=/tests/strace_more.sh", timeout, extra_script(tmp))
	if lines is None:
		return
	expect("more/o-status", "extra: -o status 0" in lines, "'extra: -o status 0'", lines)
	try:
		start = lines.index("extra: trace file follows")
		end = lines.index("extra: trace file ends")
	except ValueError:
		failed("more/o-file", "the trace file was not shown", lines)
		start = end = 0
	if end > start:
		in_file = trace_lines(lines[start + 1:end])
		before = trace_lines(lines[:start])
		expect("more/o-console", not before, "no trace lines on the console with -o",
		       before)
		if want:
			compare("more/o-calls", call_keys(want), call_keys(in_file),
				"calls in the -o file")
	expect("more/killed", "+++ killed by SIGSEGV +++" in lines and
	       "extra: nullderef status 139" in lines,
	       "'+++ killed by SIGSEGV +++' and status 139", lines)
	expect("more/missing", "strace: Can't stat 'no-such-program': No such file or "
	       "directory" in lines and "extra: missing status 1" in lines,
	       "strace's 'Can't stat' message and status 1", lines)
	execve = [x for x in lines if x.startswith('execve("/bin/true", ["true"], ')]
	expect("more/path-search", bool(execve) and "extra: true status 0" in lines,
	       'execve("/bin/true", ["true"], ...) = 0 and status 0', lines)


def test_on_linux():
	"""/bin/strace on Linux: no PR_TEACHOS_TRACE there."""
	r = subprocess.run([STRACE, "/bin/true"], stdin=subprocess.DEVNULL,
			   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
			   timeout=30)
	msg = "strace: this kernel has no PR_TEACHOS_TRACE (on Linux use the real strace)"
	expect("linux/no-prctl", r.returncode == 1 and r.stderr.strip() == msg,
	       f"'{msg}' and exit 1", [f"exit {r.returncode}"] + r.stderr.split("\n"))


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=60,
			help="seconds allowed for each boot (default 60)")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (ISOs, host trace)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so qemu.boot() still kills QEMU.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	tmp = tempfile.mkdtemp(prefix="test_strace.")
	try:
		targets = [os.path.relpath(p, qemu.REPO) for p in (DEMO, STRACE)]
		subprocess.run(["make", "-s"] + targets, cwd=qemu.REPO, check=True,
			       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=600)
		strace = host_strace()
		if not strace:
			failed("host/strace", "Linux's strace is missing and could not be installed")
			want = None
		else:
			want = test_demo(tmp, strace, args.timeout)
		test_more(tmp, args.timeout, want)
		test_on_linux()
	except subprocess.CalledProcessError as e:
		failed("build", f"{' '.join(e.cmd)} failed")
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
