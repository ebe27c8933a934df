#!/usr/bin/env python3
"""Survey: how far Debian's unmodified busybox-static (glibc, static) runs
on this kernel.  Not part of `make test`: it never fails (exit 0 always)
and only prints a report; docs/busybox.md holds the findings.

    python3 tests/harness/busybox_survey.py [-v] [--timeout SECONDS] [--keep-iso]

1. Gets busybox-static with `apt-get download` (cached in build/busybox/).
2. Builds build/bb-survey.iso (init=/sbin/init, our shell) with
   /bin/busybox added, boots it under a hard timeout and types each
   command below into the serial console.
3. Runs the same commands on the host, in a chroot of the same root
   filesystem (build/rootfs + busybox), as the reference; under strace
   when there is one, to list the system calls each command makes that
   this kernel's table lacks (the guest reports a missing call only once
   per boot, so the host trace attributes them per applet).
4. Prints one line per command (works / FAILS / HANG and why), then the
   missing system calls with the commands that make them.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console  # noqa: E402
import qemu  # noqa: E402

REPO = qemu.REPO
CACHE = os.path.join(REPO, "build", "busybox")
ISO = os.path.join(REPO, "build", "bb-survey.iso")
BB = "/bin/busybox"
PROMPT = "# "
# Made by every busybox run: glibc's start-up (set_robust_list, rseq) and
# busybox's main (prctl PR_GET_NAME); both carry on after -ENOSYS.
STARTUP = ("set_robust_list", "rseq", "prctl")

# Lines the kernel prints on the console (not the program's output).
KERNEL_LINE = re.compile(r"^(\S+\[\d+\]: (system call \S+ \(\d+\) not implemented|unknown system call"
			 r"|segfault at)|traps: |Kernel panic)")
ENOSYS_LINE = re.compile(r"^\S+\[\d+\]: system call (\S+) \((\d+)\) not implemented")
FAULT_LINE = re.compile(r"^(\S+\[\d+\]: segfault at .*|traps: .*)$")


# ---- normalisers and checks ------------------------------------------------

def _ls_line(line):
	"""ls -l line -> mode, owner, group, size (not for directories), name."""
	m = re.match(r"^([-dlcbps][-rwxsStT]{9})\s+\d+\s+(\S+)\s+(\S+)\s+(\d+|\d+,\s*\d+)\s+"
		     r"\w{3}\s+\d+\s+[\d:]+\s+(.*)$", line)
	if not m:
		return line
	mode, user, group, size, name = m.groups()
	return f"{mode} {user} {group} {'-' if mode[0] == 'd' else size} {name}"


def norm_ls(text):
	return "\n".join(_ls_line(l) for l in text.split("\n") if not l.startswith("total "))


def norm_sorted(text):
	return "\n".join(sorted(text.split("\n")))


def norm_stat(text):
	for pat, rep in [(r"Blocks: \d+", "Blocks: N"), (r"IO Block: \d+", "IO Block: N"),
			 (r"Device: \S+", "Device: D"), (r"Inode: \d+", "Inode: I"),
			 (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}", "TIME"),
			 (r"[ \t]+", " ")]:
		text = re.sub(pat, rep, text)
	return text


def norm_tar(text):
	return norm_sorted(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", "TIME", text))


def matches(pattern, why=""):
	"""A check for output that cannot equal the host's: a regular expression."""
	def check(guest, host):
		ok = re.fullmatch(pattern, guest, re.S) is not None
		return ok, (why if ok else f"output does not match {pattern!r}")
	return check


def clock_close(guest, host):
	try:
		t = int(guest.split("\n")[0])
	except ValueError:
		return False, "not a number"
	return abs(t - time.time()) < 600, "within 10 minutes of the host clock"


def sleep_one(guest, host):
	try:
		a, b = (int(x) for x in guest.split("\n")[:2])
	except ValueError:
		return False, "not two numbers"
	return 1 <= b - a <= 2, f"date +%s moved by {b - a}"


def from_proc(pattern):
	"""No host reference (the host's /proc shows the host): no complaint, and
	pattern (a regular expression) somewhere in the output."""
	def check(guest, host):
		bad = re.search(r"/proc\S*: No such file|no /proc|: can't", guest)
		if bad:
			return False, ("needs /proc" if "/proc" in guest else "error")
		return re.search(pattern, guest) is not None, ""
	return check


# (label, command line, how to judge): None = output must equal the host's;
# a function (text) -> text = both normalised, then equal; ("check", f) = f(guest, host).
TESTS = [
	("busybox (applet list)", f"{BB}", None),
	("echo", f"{BB} echo hello world", None),
	("ls -l /", f"{BB} ls -l /", norm_ls),
	("cat", f"{BB} cat /etc/passwd", None),
	("wc", f"{BB} wc /etc/passwd", None),
	("sort", f"{BB} sort /tmp/t/f", None),
	("uniq", f"{BB} sort /tmp/t/f | {BB} uniq -c", None),
	("head", f"{BB} head -n 2 /etc/passwd", None),
	("tail", f"{BB} tail -n 2 /etc/passwd", None),
	("grep", f"{BB} grep -n apple /tmp/t/f", None),
	("sed", f"{BB} sed 's/a/b/' /tmp/t/f", None),
	("awk", f"{BB} awk -F: '{{print $1}}' /etc/passwd", None),
	("find", f"{BB} find /bin -name 'c*'", norm_sorted),
	("xargs", f"echo a b c | {BB} xargs echo X", None),
	("xargs (exec)", f"echo /etc/hostname | {BB} xargs {BB} cat", None),
	# An applet by name: vfork, then execve("/proc/self/exe"), then $PATH.
	("xargs md5sum", f"echo /etc/hostname | {BB} xargs md5sum", None),
	("cut", f"{BB} cut -d: -f1,3 /etc/passwd", None),
	("tr", f"echo hello | {BB} tr a-z A-Z", None),
	("od", f"{BB} od -c /etc/hostname", None),
	("md5sum", f"{BB} md5sum /etc/passwd", None),
	("sha256sum", f"{BB} sha256sum /etc/passwd", None),
	("date", f"{BB} date", ("check", matches(r"\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}"))),
	("date +%s", f"{BB} date +%s", ("check", clock_close)),
	("sleep 1", f"{BB} date +%s; {BB} sleep 1; {BB} date +%s", ("check", sleep_one)),
	("uname -a", f"{BB} uname -a", ("check", matches(r"Linux \S+ .*x86_64 GNU/Linux"))),
	("id", f"{BB} id", None),
	("ps", f"{BB} ps", ("check", from_proc(r"\n +1 root +/sbin/init\n"))),
	("free", f"{BB} free", ("check", from_proc(r"\nMem: +[1-9]\d+ +\d+ +[1-9]\d+"))),
	("df", f"{BB} df", ("check", from_proc(r"\n/dev/ram0 +\d+ +\d+ +\d+ +\d+% /\n"))),
	("mount", f"{BB} mount", ("check", from_proc(r"/dev/ram0 on / type ext2"))),
	("top", f"{BB} top -b -n 1", ("check", from_proc(r"/sbin/init"))),
	("pidof", f"{BB} pidof init", ("check", matches(r"1"))),
	("env", f"{BB} env", norm_sorted),
	("expr", f"{BB} expr 3 + 4 '*' 2", None),
	("seq", f"{BB} seq 3", None),
	("printf", f"{BB} printf '%s-%d-%x\\n' a 5 255", None),
	("test", f"{BB} test 1 -lt 2; echo $?", None),
	("[", f"{BB} [ -d /etc ]; echo $?; {BB} [ -f /nope ]; echo $?", None),
	("basename/dirname", f"{BB} basename /a/b/c.txt .txt; {BB} dirname /a/b/c.txt", None),
	("tee", f"echo teed | {BB} tee /tmp/t/tee; cat /tmp/t/tee", None),
	("mkdir/touch/rm", f"{BB} mkdir -p /tmp/t/d/e; {BB} touch /tmp/t/d/e/x; ls /tmp/t/d/e; "
			   f"{BB} rm -r /tmp/t/d; ls /tmp/t", None),
	("cp/mv", f"{BB} cp /tmp/t/f /tmp/t/g; {BB} mv /tmp/t/g /tmp/t/h; cat /tmp/t/h; ls /tmp/t", None),
	("ln -s/readlink", f"{BB} ln -s /tmp/t/f /tmp/t/l; {BB} readlink /tmp/t/l; {BB} cat /tmp/t/l", None),
	("stat", f"{BB} stat /etc/passwd", norm_stat),
	("du", f"{BB} du -s /etc", ("check", matches(r"\d+\t/etc"))),
	("hexdump", f"{BB} hexdump -C /etc/hostname", None),
	("yes | head", f"{BB} yes | {BB} head -n 3", None),
	("true/false", f"{BB} true; echo $?; {BB} false; echo $?", None),
	("sh -c (builtins)", f"{BB} sh -c 'echo $((1+2)); for i in 1 2; do echo $i; done'", None),
	("sh -c (pipeline)", f"{BB} sh -c 'cat /etc/hostname | wc -c'", None),
	("sh -c $(...)", f"{BB} sh -c 'x=$(echo sub); echo $x'", None),
	("sh -c (external cmd)", f"{BB} sh -c '/bin/echo external'", None),
	("nproc", f"{BB} nproc", ("check", matches(r"[1-9]\d*"))),
	("whoami", f"{BB} whoami", None),
	("hostname", f"{BB} hostname", ("check", matches(r"\S+"))),
	("pwd", f"{BB} pwd", None),
	("uptime", f"{BB} uptime", ("check", matches(r".* up .*load average.*"))),
	("dmesg", f"{BB} dmesg | {BB} head -n 1", ("check", matches(r"(?!dmesg:).+"))),
	("dd", f"{BB} dd if=/etc/passwd of=/tmp/t/dd bs=16 count=2; cat /tmp/t/dd", None),
	("gzip/gunzip", f"{BB} gzip -c /etc/passwd > /tmp/t/p.gz; {BB} gunzip -c /tmp/t/p.gz | {BB} md5sum", None),
	("tar", f"{BB} tar cf /tmp/t/a.tar /etc; {BB} tar tvf /tmp/t/a.tar", norm_tar),
	("diff", f"{BB} diff /tmp/t/f /etc/hostname; echo $?", None),
	("cmp", f"{BB} cmp /tmp/t/f /tmp/t/f; echo $?", None),
	("base64", f"{BB} base64 /etc/hostname", None),
	("sha1sum", f"{BB} sha1sum /etc/passwd", None),
	("mktemp", f"{BB} mktemp", ("check", matches(r"/tmp/tmp\.\w{6}"))),
	("realpath", f"{BB} realpath /tmp/../etc/./passwd", None),
	("tac/rev/nl", f"{BB} tac /tmp/t/f; {BB} rev /tmp/t/f; {BB} nl /tmp/t/f", None),
	("chmod", f"{BB} chmod 600 /tmp/t/f; {BB} ls -l /tmp/t/f", norm_ls),
	("kill", f"{BB} kill -0 1; echo $?", None),
	("timeout", f"{BB} timeout 1 {BB} sleep 5; echo $?", None),
	("time", f"{BB} time {BB} true", ("check", matches(r"real\s.*"))),
	("which", f"{BB} which sh", None),
	("strings", f"{BB} strings /bin/hello | {BB} head -n 3", None),
]
# Typed into the guest only (see run_guest), with the output each must give.
INTERACTIVE = {"sh (interactive)": "in-ash 6", "sh (interactive, ext)": "external",
	       "sleep + ^C": "interrupted"}
SETUP = ["mkdir /tmp/t",
	 "echo banana > /tmp/t/f; echo apple >> /tmp/t/f; echo cherry >> /tmp/t/f; echo apple >> /tmp/t/f"]


# ---- getting busybox ---------------------------------------------------------

def get_busybox():
	"""Return (ROOTFS_EXTRA dir holding bin/busybox, .deb name) or raise."""
	extra = os.path.join(CACHE, "extra")
	binary = os.path.join(extra, "bin", "busybox")
	debs = sorted(glob.glob(os.path.join(CACHE, "busybox-static_*.deb")))
	if not debs:
		os.makedirs(CACHE, exist_ok=True)
		dl = ["apt-get", "download", "busybox-static"]
		r = subprocess.run(dl, cwd=CACHE, capture_output=True, text=True, timeout=300)
		if r.returncode != 0 and os.geteuid() == 0:
			subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=300)
			r = subprocess.run(dl, cwd=CACHE, capture_output=True, text=True, timeout=300)
		debs = sorted(glob.glob(os.path.join(CACHE, "busybox-static_*.deb")))
		if not debs:
			raise RuntimeError(f"apt-get download busybox-static failed: {r.stderr.strip()[-500:]}")
	if not os.path.exists(binary):
		x = tempfile.mkdtemp(dir=CACHE)
		try:
			subprocess.run(["dpkg-deb", "-x", debs[-1], x], check=True, timeout=120)
			os.makedirs(os.path.dirname(binary), exist_ok=True)
			shutil.copy2(os.path.join(x, "bin", "busybox"), binary)
		finally:
			shutil.rmtree(x, ignore_errors=True)
	return extra, os.path.basename(debs[-1])


# ---- the guest ----------------------------------------------------------------

def split_output(text):
	"""Console text after the echoed command -> (program output, ENOSYS names, fault lines)."""
	lines = text.split("\n")[1:]		# the tty echoes the command line first
	out, enosys, faults = [], [], []
	for line in lines:
		m = ENOSYS_LINE.match(line)
		if m:
			enosys.append(m.group(1))
		elif FAULT_LINE.match(line):
			faults.append(line)
		elif not KERNEL_LINE.match(line):
			out.append(line)
	return "\n".join(out).rstrip("\n"), enosys, faults


def guest_run(con, line, timeout=30):
	"""Type line; return (output, enosys, faults, hung)."""
	con.send(line + "\r")
	try:
		text = con.expect(PROMPT, timeout)
		hung = False
	except console.ConsoleTimeout:
		hung = True
		con.send("\x03")			# ^C, as a person would
		try:
			text = con.expect(PROMPT, 15)
		except console.ConsoleTimeout:
			text = con.buf.decode("utf-8", "replace")
			raise
	out, enosys, faults = split_output(text)
	return out, enosys, faults, hung


def run_guest(extra, timeout):
	"""Boot once and run SETUP, TESTS and the interactive checks.
	Returns ({label: (output, enosys, faults, hung)}, boot log)."""
	qemu.build_iso("init=/sbin/init", ISO, rootfs_extra=extra)
	results = {}
	with console.Console(ISO, timeout=timeout) as con:
		try:
			con.expect(PROMPT, 90)
			for line in SETUP:
				guest_run(con, line)
			for label, line, _ in TESTS:
				results[label] = guest_run(con, line)
			# The ash shell interactively: prompt, arithmetic, an external command, exit.
			enter = guest_run(con, BB + " sh")
			for label, line in (("sh (interactive)", "echo in-ash $((2*3))"),
					    ("sh (interactive, ext)", "/bin/echo external")):
				results[label] = guest_run(con, line)
			leave = guest_run(con, "exit")
			if enter[3] or leave[3]:
				results["sh (interactive)"] = ("no prompt", [], [], True)
			# ^C ends a busybox applet in the foreground.
			con.send(BB + " sleep 100\r")
			time.sleep(2)
			con.send("\x03")
			try:
				text = con.expect(PROMPT, 15)
				results["sleep + ^C"] = ("interrupted",) + split_output(text)[1:] + (False,)
			except console.ConsoleTimeout:
				results["sleep + ^C"] = ("no prompt after ^C", [], [], True)
			con.send("poweroff\r")
			con.wait_exit(20)
		except console.ConsoleTimeout as e:
			print(f"note: the guest stopped answering: {e}")
		log = con.text()
	return results, log


# ---- the host -----------------------------------------------------------------

def implemented_syscalls():
	src = open(os.path.join(REPO, "kernel", "syscall.c")).read()
	return set(re.findall(r"SYSCALL\(__NR_(\w+),", src))


def make_host_root(extra):
	root = tempfile.mkdtemp(prefix="bb-host-root.", dir=os.path.join(REPO, "build"))
	subprocess.run(["cp", "-a", os.path.join(REPO, "build", "rootfs") + "/.", root], check=True)
	subprocess.run(["cp", "-a", extra + "/.", root], check=True)
	# The mount points `make iso` creates, with the modes of what the guest
	# mounts on them, and mke2fs's lost+found.
	make = open(os.path.join(REPO, "Makefile")).read()
	dirs = {"lost+found"}
	for m in re.finditer(r"mkdir -p ([^;\n]*)", make):
		dirs |= set(re.findall(r"\$\$stage/root/(\w+)", m.group(1)))
	modes = {"tmp": 0o1777, "proc": 0o555, "lost+found": 0o700}
	for d in dirs:
		os.makedirs(os.path.join(root, d), exist_ok=True)
		os.chmod(os.path.join(root, d), modes.get(d, 0o755))
	return root


def host_cmd(root, line):
	cmd = ["env", "-i", "HOME=/", "TERM=linux", "PATH=/bin:/sbin", "chroot", root, "/bin/sh", "-c", line]
	return cmd if os.geteuid() == 0 else ["unshare", "-r"] + cmd


def host_run(root, line, timeout=30):
	"""Run line in the chroot; return (output, syscall names or None).
	Under strace when there is one (its log goes to a file, not stdout)."""
	trace = None
	cmd = host_cmd(root, line)
	if shutil.which("strace"):
		fd, trace = tempfile.mkstemp(prefix="bb-strace.", dir=os.path.join(REPO, "build"))
		os.close(fd)
		cmd = ["strace", "-f", "-qq", "-o", trace] + cmd
	try:
		r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
				   stderr=subprocess.STDOUT, timeout=timeout)
		out = r.stdout.decode("utf-8", "replace").rstrip("\n")
		names = busybox_syscalls(open(trace, errors="replace").read()) if trace else None
		return out, names
	except subprocess.TimeoutExpired:
		return "(host: timed out)", None
	finally:
		if trace:
			os.unlink(trace)


def busybox_syscalls(trace):
	"""strace -f output -> syscall names made while a process was running busybox,
	plus 'clone(glibc fork)' for glibc's fork() clone flags while sys_clone
	(kernel/fork.c) does not know CLONE_CHILD_SETTID and refuses them."""
	exe, parent, calls = {}, {}, []		# pid -> program; child -> parent; (pid, name, line)
	pending = {}				# pid -> path of an unfinished execve
	for line in trace.split("\n"):
		m = re.match(r"^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\()(.*)$", line)
		if not m:
			continue
		pid, name = int(m.group(1)), m.group(2) or m.group(3)
		rest = m.group(4)
		if name == "execve":
			p = re.match(r'"([^"]*)"', rest)
			if p:
				pending[pid] = p.group(1)
			if re.search(r"= 0$", rest):
				exe[pid] = pending.pop(pid, "?")
		if name in ("clone", "clone3", "fork", "vfork"):
			r = re.search(r"= (\d+)$", rest)
			if r:
				parent[int(r.group(1))] = pid
		calls.append((pid, name, rest))

	def program(pid, seen=0):
		if pid in exe or pid not in parent or seen > 50:
			return exe.get(pid, "?")
		return program(parent[pid], seen + 1)

	names = set()
	refuses_fork = "CLONE_CHILD_SETTID" not in open(os.path.join(REPO, "kernel", "fork.c")).read()
	for pid, name, rest in calls:
		prog = program(pid)
		if prog.endswith("busybox") or prog == "/proc/self/exe":
			if name == "prctl" and rest.startswith("PR_") and not rest.startswith("PR_GET_NAME"):
				name = "prctl(" + rest.split(",")[0] + ")"
			names.add(name)
			if name == "clone" and "CLONE_CHILD" in rest and refuses_fork:
				names.add("clone(glibc fork)")
	return names


# ---- the report ---------------------------------------------------------------

def judge(label, how, guest, host):
	out, enosys, faults, hung = guest
	if hung:
		return "HANG", "no prompt within 30 s; ^C"
	if faults:
		return "FAILS", faults[0]
	if how is None:
		ok, why = out == host, ""
	elif isinstance(how, tuple):
		ok, why = how[1](out, host)
	else:
		ok, why = how(out) == how(host), ""
	if ok:
		return "works", why
	first = next((l for l in out.split("\n") if l.strip()), "(no output)")
	return "FAILS", (why + ": " if why else "") + first[:90]


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=900, help="bound on the QEMU run")
	ap.add_argument("--keep-iso", action="store_true")
	ap.add_argument("-v", "--verbose", action="store_true", help="show guest and host output of failures")
	args = ap.parse_args()
	extra, deb = get_busybox()
	print(f"busybox: {deb}")
	guest, log = run_guest(extra, args.timeout)
	if not args.keep_iso and os.path.exists(ISO):
		os.unlink(ISO)
	have = implemented_syscalls()
	root = make_host_root(extra)
	try:
		for line in SETUP:
			host_run(root, line)
		ran = {label: host_run(root, line) for label, line, _ in TESTS}
		host = {label: r[0] for label, r in ran.items()}
		traces = {label: r[1] for label, r in ran.items()}
		host_ok = not host[TESTS[0][0]].startswith(("chroot:", "unshare:", "env:"))
	finally:
		shutil.rmtree(root, ignore_errors=True)
	if not host_ok:
		print(f"note: no host reference (chroot failed: {host[TESTS[0][0]][:100]})")
	missing_by, startup_seen = {}, set()
	print(f"\n{'applet':<22} {'result':<6} notes")
	rows = [(l, c, h) for l, c, h in TESTS] + [(l, "", None) for l in INTERACTIVE]
	for label, _, how in rows:
		g = guest.get(label)
		if g is None:
			print(f"{label:<22} {'-':<6} not run (the guest stopped answering)")
			continue
		if label in INTERACTIVE:
			ok = g[0].split("\n")[0] == INTERACTIVE[label] and not g[3]	# then ash's "/ " prompt
			verdict = ("works", "") if ok else ("FAILS", g[0].split("\n")[0][:90])
		elif not host_ok:
			verdict = ("?", "no host reference; guest said: " + g[0].split("\n")[0][:80])
		else:
			verdict = judge(label, how, g, host[label])
		trace = traces.get(label) or set()
		for n in STARTUP:
			if n in trace:
				startup_seen.add(n)
		missing = sorted(n for n in trace if n not in have and n not in STARTUP
				 and n != "clone(glibc fork)")
		if "clone(glibc fork)" in trace:
			missing.append("clone(glibc fork)")
		for n in missing:
			missing_by.setdefault(n, []).append(label)
		notes = [verdict[1]] if verdict[1] else []
		if [n for n in g[1] if n not in STARTUP]:
			notes.append("guest ENOSYS: " + ",".join(n for n in g[1] if n not in STARTUP))
		if missing:
			notes.append("missing (host trace): " + ",".join(missing))
		print(f"{label:<22} {verdict[0]:<6} {'; '.join(notes)}")
		if args.verbose and verdict[0] != "works":
			for name, text in (("guest", g[0]), ("host", host.get(label, ""))):
				for l in text.split("\n")[:15]:
					print(f"{'':<29}{name}| {l}")
	lines = log.split("\n")
	seen = sorted({m.groups() for m in map(ENOSYS_LINE.match, lines) if m}, key=lambda x: int(x[1]))
	print("\nmissing system calls reported by the kernel (once per boot):")
	for name, nr in seen:
		print(f"  {name} ({nr})")
	if startup_seen:
		print("\nmissing at every start of busybox (glibc's start-up and busybox's main; "
		      "ignored by both): " + ", ".join(sorted(startup_seen)))
	print("\nother missing system calls per applet (host strace of the same commands;")
	print("clone(glibc fork) = clone with CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID, refused -EINVAL):")
	for name in sorted(missing_by):
		print(f"  {name}: {', '.join(missing_by[name])}")
	faults = [l for l in lines if FAULT_LINE.match(l)]
	if faults:
		print("\nfaults:\n  " + "\n  ".join(faults))


if __name__ == "__main__":
	try:
		main()
	except Exception as e:		# a survey, not a test: report and carry on
		print(f"busybox survey did not complete: {type(e).__name__}: {e}")
	sys.exit(0)
