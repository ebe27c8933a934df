#!/usr/bin/env python3
"""The bundled programs (user/*.c, user/sbin/init.c) against this Linux host.

Usage: python3 tests/harness/test_utils_host.py [--keep] [--syscalls]
                                                [--only GROUP,...]

Builds the programs below (user/NAME.c, user/sbin/init.c) with musl-gcc
and the Makefile's flags into a temporary directory and runs them here, on
Linux, which is the reference for what they must do:

- cat, echo, wc, head, tail, grep -F, hexdump -C, true, false, env: the
  same arguments and input are given to the host's program (coreutils,
  GNU grep, util-linux hexdump); stdout and the exit status must be equal
  byte for byte, and stderr too where the formats agree (cat, wc, grep,
  hexdump).  All runs use LC_ALL=C and TZ=UTC0.
- ls: the same listings as GNU ls (one name a line, since stdout is a
  pipe).  ls -l lines must be equal, or at least equal field by field
  (GNU sizes its columns over all operands, we over each listing); the
  exit status for a missing operand is 1 for us, 2 for GNU.  In a chroot
  with our /etc/passwd and /etc/group, owners are named from those files.
- stat: each field of ours against `stat --format`.
- mkdir, rmdir, rm, mv, cp, ln, touch: the effects on the file system
  (what exists, contents, modes, inodes, link targets, times) and the
  exit status and error line (`NAME: ARG: strerror`).
- sleep: the time it takes; kill: the signal a child dies of; ps: the
  lines for processes we started (a sleeping shell, its child, a zombie),
  and `ps: /proc: No such file or directory` in a chroot without /proc.
- poweroff: only in a new user namespace, where reboot() must fail with
  EPERM (there it cannot power anything off); skipped if there is none.
- init: run as pid 1 of a new pid namespace (if possible) with the shell's
  input on a pipe: the banner, the shell's environment and argv[0], a
  message and a new shell after the shell exits or is killed, the pause
  after a quick exit, and no zombie left by an orphan.

Prints 'PASS name' or 'FAIL name: why' per check ('SKIP name: why' where
the host cannot do it) and exits 1 if any check failed.

--syscalls runs our programs under `strace -f -b execve` (a program that
execs another is followed up to that execve) and prints, per program, the
system calls it made here (clock_gettime and time go through the vDSO on
the host, so they do not show; in the kernel they are system calls).  --keep keeps the temporary directory; --only
runs some groups (named after the test_* functions: cat, head_tail, ls...).
"""
import argparse
import difflib
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import queue

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CFLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror"]
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
	    "LC_ALL": "C", "TZ": "UTC0"}
TIMEOUT = 60
PROGRAMS = ["cat", "cp", "echo", "env", "false", "grep", "head", "hexdump",
	    "kill", "ln", "ls", "mkdir", "mv", "poweroff", "ps", "rm", "rmdir",
	    "sleep", "stat", "tail", "touch", "true", "wc", "init"]

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""), flush=True)


def failed(name, reason, detail=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}", flush=True)
	for line in (detail or [])[:40]:
		print(f"    | {line}", flush=True)


def skipped(name, reason):
	print(f"SKIP {name}: {reason}", flush=True)


def show(data, limit=300):
	"""bytes -> a short printable repr for messages."""
	text = repr(data[:limit])
	return text + ("..." if len(data) > limit else "")


def text_diff(a, b, la="ours", lb="host"):
	"""A unified diff of two byte strings, as a list of lines."""
	al = a.decode("latin-1").split("\n")
	bl = b.decode("latin-1").split("\n")
	return list(difflib.unified_diff(bl, al, lb, la, lineterm="", n=1))


class Result:
	def __init__(self, code, out, err, secs):
		self.code, self.out, self.err, self.secs = code, out, err, secs


class Missing(Exception):
	pass


class Runner:
	"""Builds the programs and runs ours or the host's."""

	def __init__(self, tmp, trace):
		self.tmp = tmp
		self.bin = os.path.join(tmp, "bin")
		self.trace = trace
		self.calls = {}
		self.ntrace = 0
		os.makedirs(self.bin)

	def build(self):
		"""Build the programs this test covers (not all of user/: others
		may be work in progress)."""
		for name in PROGRAMS:
			src = os.path.join(REPO, "user", name + ".c")
			if name == "init":
				src = os.path.join(REPO, "user", "sbin", "init.c")
			out = os.path.join(self.bin, name)
			r = subprocess.run(["musl-gcc"] + CFLAGS + [src, "-o", out],
					   capture_output=True, text=True)
			if r.returncode != 0:
				failed("build/" + name, "musl-gcc failed",
				       r.stderr.splitlines())
		built = sorted(os.listdir(self.bin))
		if len(built) == len(PROGRAMS):
			passed("build", f"{len(built)} programs")

	def path(self, prog):
		p = os.path.join(self.bin, prog)
		if not os.path.exists(p):
			raise Missing(f"{prog} was not built")
		return p

	def _run(self, argv, stdin=None, cwd=None, env=None, timeout=TIMEOUT):
		"""stdin: None (/dev/null), bytes or str (a pipe), "@path" (a file)."""
		if isinstance(stdin, str) and stdin.startswith("@"):
			with open(stdin[1:], "rb") as f:
				return self._run2(argv, {"stdin": f}, cwd, env, timeout)
		if stdin is None:
			return self._run2(argv, {"stdin": subprocess.DEVNULL}, cwd, env,
					  timeout)
		if isinstance(stdin, str):
			stdin = stdin.encode()
		return self._run2(argv, {"input": stdin}, cwd, env, timeout)

	def _run2(self, argv, how, cwd, env, timeout):
		t = time.monotonic()
		p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=timeout,
				   env=env if env is not None else BASE_ENV, **how)
		return Result(p.returncode, p.stdout, p.stderr, time.monotonic() - t)

	def ours(self, prog, args, stdin=None, cwd=None, env=None, prefix=(),
		 strace_extra=(), timeout=TIMEOUT, pure=False):
		"""Run our prog; prefix (e.g. unshare) goes before strace.  A pure
		run (no side effects) is traced apart and checked untraced: strace
		-b execve changes the exit status of a program that execs."""
		argv = list(prefix) + [self.path(prog)] + list(args)
		if self.trace:
			r = self.traced(prog, args, stdin, cwd, env, prefix,
					strace_extra, timeout)
			if not pure:
				return r
		return self._run(argv, stdin, cwd, env, timeout)

	def traced(self, prog, args, stdin, cwd, env, prefix, strace_extra,
		   timeout):
		"""Run prog under strace and record its system calls."""
		self.ntrace += 1
		tracefile = os.path.join(self.tmp, f"trace.{self.ntrace}")
		argv = ["strace", "-f", "-qq", "-b", "execve", "-o", tracefile] + \
			list(strace_extra) + [self.path(prog)] + list(args)
		r = self._run(list(prefix) + argv, stdin, cwd, env, timeout)
		self.record(prog, tracefile)
		return r

	def record(self, prog, tracefile):
		if not os.path.exists(tracefile):
			return
		names = self.calls.setdefault(prog, set())
		with open(tracefile, errors="replace") as f:
			for line in f:
				m = re.match(r"^\d+\s+(?:<\.\.\. )?([a-z_0-9]+)[( ]", line)
				if m and m.group(1) not in ("resumed",):
					names.add(m.group(1))
		os.unlink(tracefile)

	def host(self, argv, stdin=None, cwd=None, env=None, timeout=TIMEOUT):
		return self._run(argv, stdin, cwd, env, timeout)


def check(name, problems, note=""):
	"""PASS if problems is empty, else FAIL with them."""
	if problems:
		failed(name, problems[0], problems[1:])
	else:
		passed(name, note)


def compare(R, name, prog, args, ref, stdin=None, cwd=None, stderr=False,
	    env=None):
	"""Run ours and the host's ref argv; stdout and status must be equal."""
	a = R.ours(prog, args, stdin=stdin, cwd=cwd, env=env, pure=True)
	b = R.host(ref, stdin=stdin, cwd=cwd, env=env)
	problems = []
	if a.out != b.out:
		problems.append("stdout differs from " + " ".join(ref[:1]))
		problems += text_diff(a.out, b.out)[:30] or \
			[f"ours {show(a.out)}", f"host {show(b.out)}"]
	if a.code != b.code:
		problems.append(f"exit status {a.code}, host {b.code}")
	if stderr and a.err != b.err:
		problems.append(f"stderr {show(a.err)}, host {show(b.err)}")
	check(name, problems)


def expect(R, name, prog, args, code=0, err=None, out=None, cwd=None,
	   stdin=None, env=None, prefix=(), strace_extra=()):
	"""Run ours; check the status and, if given, stderr and stdout."""
	r = R.ours(prog, args, cwd=cwd, stdin=stdin, env=env, prefix=prefix,
		   strace_extra=strace_extra)
	problems = []
	if r.code != code:
		problems.append(f"exit status {r.code}, want {code} "
				f"(stderr {show(r.err)})")
	if err is not None and r.err != err.encode():
		problems.append(f"stderr {show(r.err)}, want {show(err.encode())}")
	if out is not None and r.out != out.encode():
		problems.append(f"stdout {show(r.out)}, want {show(out.encode())}")
	return r, problems


# --- test data ---------------------------------------------------------

def write(path, data, mode=None):
	with open(path, "wb") as f:
		f.write(data if isinstance(data, bytes) else data.encode())
	if mode is not None:
		os.chmod(path, mode)


def make_data(d):
	"""Files for the text tools, in directory d."""
	rnd = random.Random(1)
	words = ["alpha", "beta", "gamma", "delta", "hello", "world", "x", "",
		 "Hello", "HELLO", "tab\there", "a  b", "line"]
	os.makedirs(d)
	write(f"{d}/empty", b"")
	write(f"{d}/one", b"x")
	write(f"{d}/text", "hello world\n  two  words\there\n\nHello again\n"
	      "the end, hello\n")
	write(f"{d}/nonl", "abc\ndef")
	write(f"{d}/blank", "\n\n\n")
	write(f"{d}/lines200", "".join(f"line {i}\n" for i in range(1, 201)))
	big = "".join(" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 12)))
		      + "\n" for _ in range(30000))
	write(f"{d}/big", big)
	write(f"{d}/longline", "y" * 200000 + "\nend\nlast\n")
	write(f"{d}/weird", b"a\001b \001 c\x80d \x00 e\r\nf\x0bg\x0ch\n")
	write(f"{d}/binary", bytes(range(256)) * 3 +
	      bytes(rnd.randrange(256) for _ in range(5000)))
	write(f"{d}/zeros", bytes(100))
	write(f"{d}/z16", bytes(16))
	write(f"{d}/z36", bytes(36))
	write(f"{d}/rep", b"A" * 48 + b"B" * 16 + b"A" * 32 + b"C" * 5)
	write(f"{d}/rep2", b"A" * 16 + b"A" * 16 + b"B" * 8 + b"A" * 16)
	write(f"{d}/b15", bytes(range(65, 80)))
	write(f"{d}/b17", bytes(range(65, 82)))
	write(f"{d}/b32", bytes(range(32, 64)))
	os.mkdir(f"{d}/dir")


# --- the text tools -----------------------------------------------------

def test_true_false(R, d):
	for prog, want in (("true", 0), ("false", 1)):
		for args in ([], ["x", "--y"]):
			r, problems = expect(R, prog, prog, args, code=want, out="",
					     err="")
			check(f"{prog}/{' '.join(args) or 'no-args'}", problems)


def test_cat(R, d):
	cases = [
		(["text"], None), (["text", "nonl", "empty", "one"], None),
		(["-"], "from stdin\n"), ([], "stdin only\nno newline"),
		(["text", "-", "one"], "middle\n"), (["binary"], None),
		(["big", "longline"], None), (["nope"], None),
		(["text", "nope", "one"], None), (["dir"], None),
		([], "@" + f"{d}/big"),
	]
	for i, (args, stdin) in enumerate(cases):
		compare(R, f"cat/{i}:{' '.join(args)}", "cat", args, ["cat"] + args,
			stdin=stdin, cwd=d, stderr=True)


def test_echo(R, d):
	cases = [[], ["hello"], ["a", "b", " c "], ["-n", "x"], ["-n"],
		 ["-e", "a\\tb\\nc"], ["-e", "\\x41\\x4a\\x4g\\0101\\0\\\\"],
		 ["-e", "stop\\chere", "more"], ["-ne", "x\\n"], ["-x", "y"],
		 ["--", "z"], ["-nx"], ["-E", "\\t"], ["-e", "\\q\\"],
		 ["-e", "\\a\\b\\e\\f\\r\\v\\x"], ["-en"], ["-"], ["-e", "\\0"],
		 ["-eE", "\\n"], ["-n", "-e", "a\\x410", "b"], ["x", "-n"],
		 ["-e", "\\01234\\08"]]
	for i, args in enumerate(cases):
		compare(R, f"echo/{i}:{' '.join(args)}", "echo", args,
			["/bin/echo"] + args, cwd=d)


def test_wc(R, d):
	cases = [
		(["text"], None), (["-l", "text"], None), (["-w", "text"], None),
		(["-c", "text"], None), (["-lw", "text"], None),
		(["-c", "-l", "text"], None), (["text", "nonl"], None),
		(["-l", "text", "nonl", "big"], None), ([], "one two\nthree\n"),
		(["-l"], "a\nb\n"), (["-"], "x y\n"), (["nope", "text"], None),
		(["text", "nope"], None), (["dir", "text"], None), (["weird"], None),
		(["binary"], None), (["empty"], None), (["-c", "-"], "@" + f"{d}/text"),
		([], "@" + f"{d}/big"), (["-w", "longline", "blank"], None),
		(["big", "big", "longline"], None),
	]
	for i, (args, stdin) in enumerate(cases):
		compare(R, f"wc/{i}:{' '.join(args)}", "wc", args, ["wc"] + args,
			stdin=stdin, cwd=d, stderr=True)


def test_head_tail(R, d):
	common = [
		(["text"], None), (["-n", "3", "lines200"], None),
		(["-n3", "lines200"], None), (["-5", "lines200"], None),
		(["-n", "0", "text"], None), (["-n", "1000", "lines200"], None),
		(["lines200", "text"], None), (["-n", "2", "text", "nope", "nonl"], None),
		(["-n", "50"], "@" + f"{d}/big"), (["-n", "7"], "PIPE"),
		(["nonl"], None), (["-n", "1", "nonl"], None),
		(["-n", "1", "longline"], None), (["-n", "2", "longline"], None),
		(["-n", "3", "longline"], None), (["-n", "2", "blank"], None),
		(["-n", "1", "empty"], None), (["-n", "5", "-"], "a\nb\nc"),
		(["nope", "text", "one"], None), (["big"], None),
		(["-n", "20000", "big"], None),
	]
	tail_only = [
		(["-n", "+3", "lines200"], None), (["-n", "+1", "text"], None),
		(["-n", "+0", "text"], None), (["-n", "+190"], "PIPE"),
		(["-n", "+3", "nonl"], None), (["-n", "+2", "longline"], None),
		(["-n", "29990"], "PIPE"), (["-n", "0"], "PIPE"),
		(["-n", "3"], "@" + f"{d}/longline"),
	]
	with open(f"{d}/big", "rb") as f:
		big = f.read()
	for prog, cases in (("head", common), ("tail", common + tail_only)):
		for i, (args, stdin) in enumerate(cases):
			if stdin == "PIPE":
				stdin = big	# a pipe, not a file
			compare(R, f"{prog}/{i}:{' '.join(args)}", prog, args,
				[prog] + args, stdin=stdin, cwd=d)
	# Endless input: head must stop reading.
	r = R.ours("head", ["-n", "2"], stdin=None, cwd=d,
		   prefix=["sh", "-c", 'yes | "$@"', "sh"])
	check("head/endless-pipe", [] if r.out == b"y\ny\n" and r.code == 0
	      else [f"stdout {show(r.out)} status {r.code}"])


def test_grep(R, d):
	cases = [
		(["line 1", "lines200"], None), (["-c", "line 1", "lines200"], None),
		(["-v", "line 1", "lines200"], None), (["-n", "9", "lines200"], None),
		(["-vc", "x", "text"], None), (["-i", "HELLO", "text"], None),
		(["-in", "Hello", "text"], None), (["zzz", "text"], None),
		(["o", "text", "nonl"], None), (["-c", "o", "text", "nonl"], None),
		(["", "text"], None), (["o", "nope"], None),
		(["o", "text", "nope"], None), (["def", "nonl"], None),
		(["o"], "foo\nbar\nboo"), (["-n", "o", "-", "text"], "oo\n"),
		(["hello", "big"], None), (["-vn", "a", "big"], None),
		(["-F", "tab\there", "big"], None), (["-c", "zz", "text", "nonl"], None),
		(["-v", "", "text"], None), (["a  b", "big"], None),
		(["y", "longline"], None), (["-ci", "hello"], "@" + f"{d}/big"),
	]
	for i, (args, stdin) in enumerate(cases):
		compare(R, f"grep/{i}:{' '.join(args)}", "grep", args,
			["grep", "-F"] + args, stdin=stdin, cwd=d, stderr=True)


def test_hexdump(R, d):
	cases = [
		(["-C", "empty"], None), (["-C", "one"], None), (["-C", "text"], None),
		(["-C", "binary"], None), (["-C", "zeros"], None), (["-C", "z16"], None),
		(["-C", "z36"], None), (["-C", "rep"], None), (["-C", "rep2"], None),
		(["-C", "b15"], None), (["-C", "b17"], None), (["-C", "b32"], None),
		(["-C", "one", "text", "zeros", "b15"], None), (["-C"], "@" + f"{d}/binary"),
		(["-C"], b"\x00\x01 ~\x7f\x80\xff" * 7), (["-C", "nope"], None),
		(["-C", "nope", "text"], None), (["-C", "text", "nope", "one"], None),
		(["-C", "big"], None), (["-C", "z16", "z16", "z36"], None),
		(["-C", "-"], None),
	]
	for i, (args, stdin) in enumerate(cases):
		compare(R, f"hexdump/{i}:{' '.join(args)}", "hexdump", args,
			["hexdump"] + args, stdin=stdin, cwd=d, stderr=True)


def test_env(R, d):
	env = dict(BASE_ENV, A="1", EMPTY="", SPACED="a b")
	compare(R, "env/print", "env", [], ["env"], env=env)
	compare(R, "env/-i", "env", ["-i", "A=1", "B=x=y"],
		["env", "-i", "A=1", "B=x=y"])
	compare(R, "env/add", "env", ["A=2", "NEW=3"], ["env", "A=2", "NEW=3"],
		env=env)
	compare(R, "env/run", "env", ["FOO=bar", "sh", "-c", 'echo "$FOO $A"'],
		["env", "FOO=bar", "sh", "-c", 'echo "$FOO $A"'], env=env)
	compare(R, "env/-i-run", "env", ["-i", "X=y", "/bin/sh", "-c", "env"],
		["env", "-i", "X=y", "/bin/sh", "-c", "env"])
	compare(R, "env/status", "env", ["sh", "-c", "exit 7"],
		["env", "sh", "-c", "exit 7"])
	r, p = expect(R, "env", "env", ["nosuchcmd"], code=127,
		      err="env: nosuchcmd: No such file or directory\n")
	check("env/not-found", p)
	r, p = expect(R, "env", "env", [f"{d}/text"], code=126,
		      err=f"env: {d}/text: Permission denied\n")
	check("env/not-executable", p)


# --- file system tools ----------------------------------------------------

def fresh(tmp, name):
	d = os.path.join(tmp, "fs", name)
	os.makedirs(d)
	return d


def read(path):
	with open(path, "rb") as f:
		return f.read()


def test_mkdir_rmdir(R, tmp):
	d = fresh(tmp, "mkdir")
	r, p = expect(R, "mkdir", "mkdir", ["a"], cwd=d, err="")
	if not os.path.isdir(f"{d}/a"):
		p.append("a was not made")
	elif stat.S_IMODE(os.stat(f"{d}/a").st_mode) != 0o755:
		p.append(f"mode {oct(os.stat(f'{d}/a').st_mode)}, want 0755 (umask 022)")
	check("mkdir/one", p)
	r, p = expect(R, "mkdir", "mkdir", ["b", "c"], cwd=d)
	check("mkdir/two", p + [f"{n} missing" for n in "bc"
				  if not os.path.isdir(f"{d}/{n}")])
	r, p = expect(R, "mkdir", "mkdir", ["a"], cwd=d, code=1,
		      err="mkdir: a: File exists\n")
	check("mkdir/exists", p)
	r, p = expect(R, "mkdir", "mkdir", ["nope/sub"], cwd=d, code=1,
		      err="mkdir: nope/sub: No such file or directory\n")
	check("mkdir/no-parent", p)
	r, p = expect(R, "mkdir", "mkdir", ["-p", "x/y/z", "a", "a//deep/er/"],
		      cwd=d)
	for n in ("x/y/z", "a/deep/er"):
		if not os.path.isdir(f"{d}/{n}"):
			p.append(f"{n} was not made")
	check("mkdir/-p", p)
	r, p = expect(R, "mkdir", "mkdir", ["-p", "x/y/z"], cwd=d)
	check("mkdir/-p-exists", p)
	write(f"{d}/f", "")
	r, p = expect(R, "mkdir", "mkdir", ["-p", "f/g"], cwd=d, code=1,
		      err="mkdir: f: File exists\n")
	check("mkdir/-p-over-file", p)
	r, p = expect(R, "mkdir", "mkdir", [], cwd=d, code=1)
	check("mkdir/no-operand", p)

	r, p = expect(R, "rmdir", "rmdir", ["b", "c"], cwd=d, err="")
	check("rmdir/empty", p + [f"{n} still there" for n in "bc"
				  if os.path.exists(f"{d}/{n}")])
	r, p = expect(R, "rmdir", "rmdir", ["x"], cwd=d, code=1,
		      err="rmdir: x: Directory not empty\n")
	check("rmdir/not-empty", p + ([] if os.path.isdir(f"{d}/x") else ["x gone"]))
	r, p = expect(R, "rmdir", "rmdir", ["f", "nope"], cwd=d, code=1,
		      err="rmdir: f: Not a directory\n"
		      "rmdir: nope: No such file or directory\n")
	check("rmdir/errors", p)


def snapshot(top):
	"""{relative path: description} of everything under top."""
	snap = {}
	for dirpath, dirnames, filenames in os.walk(top):
		for n in dirnames + filenames:
			p = os.path.join(dirpath, n)
			rel = os.path.relpath(p, top)
			st = os.lstat(p)
			if stat.S_ISLNK(st.st_mode):
				snap[rel] = ("link", os.readlink(p))
			elif stat.S_ISDIR(st.st_mode):
				snap[rel] = ("dir", stat.S_IMODE(st.st_mode))
			else:
				snap[rel] = ("file", stat.S_IMODE(st.st_mode), read(p))
	return snap


def make_tree(top, outside):
	os.makedirs(f"{top}/a/b/c")
	os.makedirs(f"{top}/empty")
	write(f"{top}/f1", "one\n")
	write(f"{top}/a/f2", "two\n", 0o600)
	write(f"{top}/a/b/c/f3", bytes(range(256)) * 300, 0o755)
	write(f"{top}/a/.hidden", "h")
	os.symlink("f1", f"{top}/rel-link")
	os.symlink(outside, f"{top}/a/out-link")
	os.symlink("/nonexistent", f"{top}/a/b/dangling")


def test_rm(R, tmp):
	d = fresh(tmp, "rm")
	outside = fresh(tmp, "rm-outside")
	write(f"{outside}/keep", "keep")
	write(f"{d}/f", "x")
	r, p = expect(R, "rm", "rm", ["f"], cwd=d, err="")
	check("rm/file", p + (["f still there"] if os.path.exists(f"{d}/f") else []))
	r, p = expect(R, "rm", "rm", ["missing"], cwd=d, code=1,
		      err="rm: missing: No such file or directory\n")
	check("rm/missing", p)
	r, p = expect(R, "rm", "rm", ["-f", "missing", "also"], cwd=d, err="")
	check("rm/-f-missing", p)
	os.mkdir(f"{d}/dir")
	r, p = expect(R, "rm", "rm", ["dir"], cwd=d, code=1,
		      err="rm: dir: Is a directory\n")
	check("rm/dir-without-r", p + ([] if os.path.isdir(f"{d}/dir")
				       else ["dir was removed"]))
	make_tree(f"{d}/tree", outside)
	os.symlink(outside, f"{d}/link-to-dir")
	r, p = expect(R, "rm", "rm", ["-r", "tree", "link-to-dir", "dir"], cwd=d,
		      err="")
	for n in ("tree", "link-to-dir", "dir"):
		if os.path.lexists(f"{d}/{n}"):
			p.append(f"{n} still there")
	if not os.path.exists(f"{outside}/keep"):
		p.append("rm -r followed a symlink out of the tree")
	check("rm/-r", p)
	os.mkdir(f"{d}/sub")
	r, p = expect(R, "rm", "rm", ["-r", ".", "sub/..", "/"], cwd=f"{d}/sub",
		      code=1)
	check("rm/refuse-dot", p + ([] if os.path.isdir(f"{d}/sub") else
				   ["removed ."]))
	r, p = expect(R, "rm", "rm", ["-rf", "nope", "sub"], cwd=d, err="")
	check("rm/-rf", p + (["sub still there"] if os.path.exists(f"{d}/sub")
			     else []))
	r, p = expect(R, "rm", "rm", [], cwd=d, code=1)
	check("rm/no-operand", p)
	r, p = expect(R, "rm", "rm", ["-f"], cwd=d, code=0)
	check("rm/-f-no-operand", p)


def test_mv(R, tmp):
	d = fresh(tmp, "mv")
	write(f"{d}/a", "aaa")
	ino = os.stat(f"{d}/a").st_ino
	r, p = expect(R, "mv", "mv", ["a", "b"], cwd=d, err="")
	if os.path.exists(f"{d}/a") or read(f"{d}/b") != b"aaa":
		p.append("a was not renamed to b")
	elif os.stat(f"{d}/b").st_ino != ino:
		p.append("b is a new inode: rename must keep the inode")
	check("mv/rename", p)
	os.mkdir(f"{d}/dir")
	r, p = expect(R, "mv", "mv", ["b", "dir"], cwd=d)
	check("mv/into-dir", p + ([] if read(f"{d}/dir/b") == b"aaa" else
				 ["dir/b missing"]))
	write(f"{d}/x", "x")
	write(f"{d}/y", "y")
	r, p = expect(R, "mv", "mv", ["x", "y", "dir/"], cwd=d)
	check("mv/several", p + [f"dir/{n} missing" for n in "xy"
				 if not os.path.exists(f"{d}/dir/{n}")])
	write(f"{d}/new", "new")
	write(f"{d}/old", "old")
	r, p = expect(R, "mv", "mv", ["new", "old"], cwd=d)
	check("mv/replace", p + ([] if read(f"{d}/old") == b"new" else
				["old not replaced"]))
	r, p = expect(R, "mv", "mv", ["dir", "dir2"], cwd=d)
	check("mv/dir", p + ([] if os.path.isfile(f"{d}/dir2/x") else
			    ["dir2/x missing"]))
	r, p = expect(R, "mv", "mv", ["missing", "z"], cwd=d, code=1,
		      err="mv: missing: No such file or directory\n")
	check("mv/missing", p)
	r, p = expect(R, "mv", "mv", ["old", "dir2/x", "notadir"], cwd=d, code=1,
		      err="mv: notadir: Not a directory\n")
	check("mv/not-a-dir", p)
	r, p = expect(R, "mv", "mv", ["old"], cwd=d, code=1)
	check("mv/one-operand", p)
	# Across file systems rename() fails with EXDEV: we copy and unlink.
	shm = "/dev/shm"
	if os.path.isdir(shm) and os.access(shm, os.W_OK) and \
	   os.stat(shm).st_dev != os.stat(d).st_dev:
		src = tempfile.mkdtemp(dir=shm)
		try:
			write(f"{src}/far", bytes(range(256)) * 1000, 0o751)
			r, p = expect(R, "mv", "mv", [f"{src}/far", "near"], cwd=d)
			if os.path.exists(f"{src}/far"):
				p.append("the source is still there")
			if not os.path.exists(f"{d}/near") or \
			   read(f"{d}/near") != bytes(range(256)) * 1000:
				p.append("the copy is wrong")
			elif stat.S_IMODE(os.stat(f"{d}/near").st_mode) != 0o751:
				p.append("the mode was not kept")
			check("mv/cross-device", p)
		finally:
			shutil.rmtree(src)
	else:
		skipped("mv/cross-device", "no writable /dev/shm on another file system")


def test_cp(R, tmp):
	d = fresh(tmp, "cp")
	outside = fresh(tmp, "cp-outside")
	write(f"{d}/a", bytes(range(256)) * 5000, 0o640)
	r, p = expect(R, "cp", "cp", ["a", "b"], cwd=d, err="")
	if read(f"{d}/b") != read(f"{d}/a"):
		p.append("contents differ")
	elif stat.S_IMODE(os.stat(f"{d}/b").st_mode) != 0o640:
		p.append("mode is not the source's")
	check("cp/file", p)
	write(f"{d}/x", "x", 0o777)
	r, p = expect(R, "cp", "cp", ["x", "x2"], cwd=d)
	mode = stat.S_IMODE(os.stat(f"{d}/x2").st_mode)
	check("cp/umask", p + ([] if mode == 0o755 else
			      [f"mode {oct(mode)}, want 0o755"]))
	write(f"{d}/exists", "old contents that are longer", 0o600)
	r, p = expect(R, "cp", "cp", ["x", "exists"], cwd=d)
	if read(f"{d}/exists") != b"x":
		p.append("not overwritten (or not truncated)")
	if stat.S_IMODE(os.stat(f"{d}/exists").st_mode) != 0o600:
		p.append("an existing file must keep its mode")
	check("cp/overwrite", p)
	os.mkdir(f"{d}/dir")
	r, p = expect(R, "cp", "cp", ["a", "x", "dir"], cwd=d)
	check("cp/into-dir", p + [f"dir/{n} wrong" for n in ("a", "x")
				 if not os.path.exists(f"{d}/dir/{n}")
				 or read(f"{d}/dir/{n}") != read(f"{d}/{n}")])
	r, p = expect(R, "cp", "cp", ["a", "a"], cwd=d, code=1)
	check("cp/same-file", p + ([] if read(f"{d}/a") == bytes(range(256)) * 5000
				   else ["a was damaged"]))
	r, p = expect(R, "cp", "cp", ["dir", "dircopy"], cwd=d, code=1)
	check("cp/dir-without-r", p + (["dircopy made"] if
				       os.path.exists(f"{d}/dircopy") else []))
	r, p = expect(R, "cp", "cp", ["missing", "z"], cwd=d, code=1,
		      err="cp: missing: No such file or directory\n")
	check("cp/missing", p)
	r, p = expect(R, "cp", "cp", ["a", "x", "b"], cwd=d, code=1,
		      err="cp: b: Not a directory\n")
	check("cp/not-a-dir", p)
	make_tree(f"{d}/tree", outside)
	r, p = expect(R, "cp", "cp", ["-r", "tree", "copy"], cwd=d, err="")
	if snapshot(f"{d}/tree") != snapshot(f"{d}/copy"):
		p.append("the copy differs from the tree")
		p += [f"{k}: {v}" for k, v in sorted(snapshot(f"{d}/copy").items())][:10]
	check("cp/-r", p)
	r, p = expect(R, "cp", "cp", ["-r", "tree", "copy"], cwd=d, err="")
	check("cp/-r-into-existing", p + ([] if snapshot(f"{d}/tree") ==
					  snapshot(f"{d}/copy/tree") else
					  ["copy/tree differs"]))
	r = R.ours("cp", ["-r", "tree", "tree"], cwd=d, timeout=20)
	check("cp/-r-into-itself", [] if r.code == 1 else
	      [f"exit status {r.code}, want 1"])


def test_ln(R, tmp):
	d = fresh(tmp, "ln")
	write(f"{d}/a", "a")
	write(f"{d}/b", "b")
	r, p = expect(R, "ln", "ln", ["a", "h"], cwd=d, err="")
	sa, sh = os.stat(f"{d}/a"), os.lstat(f"{d}/h")
	check("ln/hard", p + ([] if sa.st_ino == sh.st_ino and sa.st_nlink == 2
			     else ["h is not a second name of a"]))
	r, p = expect(R, "ln", "ln", ["-s", "a", "s"], cwd=d)
	check("ln/-s", p + ([] if os.readlink(f"{d}/s") == "a" else
			   ["s does not point to a"]))
	r, p = expect(R, "ln", "ln", ["-s", "/nonexistent", "dangling"], cwd=d)
	check("ln/-s-dangling", p + ([] if os.readlink(f"{d}/dangling") ==
				     "/nonexistent" else ["wrong target"]))
	r, p = expect(R, "ln", "ln", ["a", "b"], cwd=d, code=1,
		      err="ln: b: File exists\n")
	check("ln/exists", p)
	r, p = expect(R, "ln", "ln", ["-f", "a", "b"], cwd=d)
	check("ln/-f", p + ([] if os.stat(f"{d}/b").st_ino == sa.st_ino else
			   ["b was not replaced"]))
	os.mkdir(f"{d}/dir")
	r, p = expect(R, "ln", "ln", ["-s", "a", "../b", "dir"], cwd=d)
	check("ln/-s-into-dir", p + [f"dir/{n}" for n, t in (("a", "a"), ("b", "../b"))
				     if not os.path.islink(f"{d}/dir/{n}") or
				     os.readlink(f"{d}/dir/{n}") != t])
	r, p = expect(R, "ln", "ln", ["missing", "m"], cwd=d, code=1,
		      err="ln: missing: No such file or directory\n")
	check("ln/missing", p)
	os.mkdir(f"{d}/sub")
	r, p = expect(R, "ln", "ln", ["-s", "../a"], cwd=f"{d}/sub")
	check("ln/one-operand", p + ([] if os.path.islink(f"{d}/sub/a") and
				     read(f"{d}/sub/a") == b"a" else
				     ["sub/a is not a link to ../a"]))


def test_touch(R, tmp):
	d = fresh(tmp, "touch")
	r, p = expect(R, "touch", "touch", ["new", "new2"], cwd=d, err="")
	check("touch/create", p + [f"{n} not made" for n in ("new", "new2")
				  if not os.path.isfile(f"{d}/{n}") or
				  os.path.getsize(f"{d}/{n}")])
	write(f"{d}/old", "keep")
	os.utime(f"{d}/old", (946684800, 946684800))		# 2000-01-01
	os.mkdir(f"{d}/olddir")
	os.utime(f"{d}/olddir", (946684800, 946684800))
	r, p = expect(R, "touch", "touch", ["old", "olddir"], cwd=d)
	for n in ("old", "olddir"):
		st = os.stat(f"{d}/{n}")
		if abs(st.st_mtime - time.time()) > 10 or abs(st.st_atime - time.time()) > 10:
			p.append(f"{n}: times not set to now: {st.st_atime} {st.st_mtime}")
	if read(f"{d}/old") != b"keep":
		p.append("contents changed")
	check("touch/update", p)
	r, p = expect(R, "touch", "touch", ["-c", "nothere"], cwd=d)
	check("touch/-c", p + (["created"] if os.path.exists(f"{d}/nothere") else []))
	r, p = expect(R, "touch", "touch", ["nodir/x"], cwd=d, code=1,
		      err="touch: nodir/x: No such file or directory\n")
	check("touch/error", p)
	os.symlink("target", f"{d}/dangling")
	r, p = expect(R, "touch", "touch", ["dangling"], cwd=d)
	check("touch/through-dangling-link", p + ([] if os.path.isfile(f"{d}/target")
						  else ["target not created"]))


# --- processes ------------------------------------------------------------

def test_sleep(R, tmp):
	for args, low in ((["0.3"], 0.3), (["0.1", "0.2"], 0.3), (["0.005m"], 0.3),
			  (["0"], 0.0), (["0.25s"], 0.25)):
		r, p = expect(R, "sleep", "sleep", args, err="")
		if not low <= r.secs < low + 1.5:
			p.append(f"took {r.secs:.3f} s, want about {low}")
		check(f"sleep/{' '.join(args)}", p, f"{r.secs:.3f} s")
	r, p = expect(R, "sleep", "sleep", ["abc"], code=1,
		      err="sleep: abc: invalid time interval\n")
	check("sleep/invalid", p)
	r, p = expect(R, "sleep", "sleep", [], code=1)
	check("sleep/no-operand", p)


def free_pid():
	pid = 4000000
	while os.path.exists(f"/proc/{pid}"):
		pid -= 1
	return pid


def test_kill(R, tmp):
	for args, sig in (([], signal.SIGTERM), (["-9"], signal.SIGKILL),
			  (["-KILL"], signal.SIGKILL), (["-SIGKILL"], signal.SIGKILL),
			  (["-s", "INT"], signal.SIGINT), (["-usr1"], signal.SIGUSR1),
			  (["-15", "--"], signal.SIGTERM), (["--"], signal.SIGTERM)):
		child = subprocess.Popen(["sleep", "30"])
		try:
			r, p = expect(R, "kill", "kill", args + [str(child.pid)], err="")
			try:
				code = child.wait(timeout=10)
			except subprocess.TimeoutExpired:
				code = None
			if code != -sig:
				p.append(f"child ended with {code}, want {-sig}")
			check(f"kill/{' '.join(args) or 'default'}", p)
		finally:
			child.kill()
			child.wait()
	child = subprocess.Popen(["sleep", "30"])
	try:
		other = subprocess.Popen(["sleep", "30"])
		r, p = expect(R, "kill", "kill", ["-0", str(child.pid)], err="")
		if child.poll() is not None:
			p.append("kill -0 killed the child")
		check("kill/-0", p)
		r, p = expect(R, "kill", "kill", ["-HUP", str(child.pid), str(other.pid)])
		if child.wait(10) != -signal.SIGHUP or other.wait(10) != -signal.SIGHUP:
			p.append("not both children got SIGHUP")
		check("kill/two-pids", p)
	finally:
		for c in (child, other):
			c.kill()
			c.wait()
	pid = free_pid()
	r, p = expect(R, "kill", "kill", [str(pid)], code=1,
		      err=f"kill: {pid}: No such process\n")
	check("kill/no-such-process", p)
	r, p = expect(R, "kill", "kill", ["-BOGUS", "1"], code=1)
	check("kill/bad-signal", p)
	r, p = expect(R, "kill", "kill", ["12x"], code=1)
	check("kill/bad-pid", p)
	r, p = expect(R, "kill", "kill", ["-l"])
	if b"15) SIGTERM" not in r.out or b" 9) SIGKILL" not in r.out:
		p.append(f"list {show(r.out)}")
	check("kill/-l", p)


def proc_pids():
	return {int(n) for n in os.listdir("/proc") if n.isdigit()}


def test_ps(R, tmp):
	sh = subprocess.Popen(["sh", "-c", "sleep 30; : ps-test-marker"],
			      stderr=subprocess.DEVNULL)
	zombie = subprocess.Popen(["true"])
	time.sleep(0.5)		# sh has started sleep; true has exited
	try:
		before = proc_pids()
		r = R.ours("ps", [])
		after = proc_pids()
		p = []
		lines = r.out.decode(errors="replace").splitlines()
		if r.code != 0:
			p.append(f"exit status {r.code}: {show(r.err)}")
		if not lines or lines[0].split() != ["PID", "PPID", "S", "COMMAND"]:
			p.append(f"header {lines[:1]}")
		rows = {}
		for line in lines[1:]:
			f = line.split(None, 3)
			rows[int(f[0])] = (int(f[1]), f[2], f[3] if len(f) > 3 else "")
		pids = [int(line.split()[0]) for line in lines[1:]]
		if pids != sorted(pids):
			p.append("not sorted by pid")
		if not (before & after) <= set(rows):
			p.append(f"missing pids {sorted((before & after) - set(rows))[:10]}")
		want = {sh.pid: (os.getpid(), "S", "sh -c sleep 30; : ps-test-marker"),
			zombie.pid: (os.getpid(), "Z", "[true]")}
		for kid in before:	# sh's sleep child
			try:
				with open(f"/proc/{kid}/stat") as f:
					if f.read().split()[3] == str(sh.pid):
						want[kid] = (sh.pid, "S", "sleep 30")
			except OSError:
				pass
		if len(want) != 3:
			p.append("could not find sh's sleep child in /proc")
		for pid, row in want.items():
			if rows.get(pid) != row:
				p.append(f"pid {pid}: {rows.get(pid)}, want {row}")
		check("ps/processes", p, f"{len(rows)} processes")
	finally:
		# Kill sh's sleep and let sh reap it and end: killing sh first
		# would leave the sleep to the host's init.
		for kid, _ in children(sh.pid):
			try:
				os.kill(kid, signal.SIGKILL)
			except ProcessLookupError:
				pass
		try:
			sh.wait(timeout=10)
		except subprocess.TimeoutExpired:
			sh.kill()
			sh.wait()
		zombie.wait()
	chroot_run(R, "ps/no-proc", "ps", [], code=1,
		   err="ps: /proc: No such file or directory\n", files={})


def chroot_run(R, name, prog, args, code=0, err=None, files=None, setup=None):
	"""Run prog in a chroot holding only it (and files: {path: bytes})."""
	if os.geteuid() != 0:
		skipped(name, "chroot needs root")
		return None
	root = tempfile.mkdtemp(dir=R.tmp)
	shutil.copy(R.path(prog), f"{root}/{prog}")
	for path, data in (files or {}).items():
		os.makedirs(os.path.dirname(f"{root}{path}"), exist_ok=True)
		write(f"{root}{path}", data)
	if setup:
		setup(root)
	r = R.host(["chroot", root, f"/{prog}"] + args)
	p = []
	if r.code != code:
		p.append(f"exit status {r.code}, want {code}: {show(r.err)}")
	if err is not None and r.err != err.encode():
		p.append(f"stderr {show(r.err)}, want {show(err.encode())}")
	check(name, p)
	return r


def userns_ok():
	try:
		return subprocess.run(["unshare", "--user", "--", "true"],
				      capture_output=True, timeout=10).returncode == 0
	except (OSError, subprocess.TimeoutExpired):
		return False


def test_poweroff(R, tmp):
	"""Only where reboot() cannot work: in a new user namespace, without
	CAP_SYS_BOOT for our pid namespace.  unshare exits before running
	poweroff if it cannot make the namespace.  Under strace, reboot() is
	also made to fail without being run at all."""
	if not userns_ok():
		skipped("poweroff", "no user namespaces here; not run")
		return
	r, p = expect(R, "poweroff", "poweroff", [], code=1,
		      err="poweroff: reboot: Operation not permitted\n",
		      prefix=["unshare", "--user", "--map-root-user", "--"],
		      strace_extra=["-e", "inject=reboot:error=EPERM"])
	check("poweroff/eperm", p)


# --- stat and ls ------------------------------------------------------------

STAT_RE = [
	re.compile(r"^  File: (?P<name>.*)$"),
	re.compile(r"^  Size: (?P<s>\d+)\s+Blocks: (?P<b>\d+)\s+IO Block: (?P<o>\d+)\s+(?P<F>.*)$"),
	re.compile(r"^Device: (?P<Hd>\d+),(?P<Ld>\d+)\s+Inode: (?P<i>\d+)\s+Links: (?P<h>\d+)"
		   r"(?:\s+Device type: (?P<Hr>\d+),(?P<Lr>\d+))?$"),
	re.compile(r"^Access: \((?P<a>[0-7]{4})/(?P<A>\S{10})\)\s+Uid: \(\s*(?P<u>\d+)/\s*(?P<U>\S+)\)"
		   r"\s+Gid: \(\s*(?P<g>\d+)/\s*(?P<G>\S+)\)$"),
	re.compile(r"^Access: (?P<X>\d+)$"),
	re.compile(r"^Modify: (?P<Y>\d+)$"),
	re.compile(r"^Change: (?P<Z>\d+)$"),
]
STAT_FIELDS = ["s", "b", "o", "F", "Hd", "Ld", "i", "h", "a", "A", "u", "U", "g",
	       "G", "X", "Y", "Z", "Hr", "Lr", "N"]


def host_stat(path):
	fmt = "|".join("%" + f for f in STAT_FIELDS)
	r = subprocess.run(["stat", "--format", fmt, path], capture_output=True,
			   text=True, env=BASE_ENV)
	return dict(zip(STAT_FIELDS, r.stdout.rstrip("\n").split("|")))


def test_stat(R, tmp):
	d = fresh(tmp, "stat")
	write(f"{d}/file", "hello\n", 0o640)
	write(f"{d}/empty", "")
	write(f"{d}/suid", "", 0o4755)
	write(f"{d}/owned", "x")
	if os.geteuid() == 0:
		os.chown(f"{d}/owned", 12345, 54321)
	os.symlink("file", f"{d}/link")
	os.mkdir(f"{d}/dir", 0o1777)
	os.chmod(f"{d}/dir", 0o1777)
	os.mkfifo(f"{d}/fifo")
	paths = [f"{d}/{n}" for n in ("file", "empty", "suid", "owned", "link",
				      "dir", "fifo")] + ["/dev/null", "/"]
	r = R.ours("stat", paths)
	lines = r.out.decode(errors="replace").splitlines()
	if r.code != 0 or len(lines) != 7 * len(paths):
		failed("stat/run", f"status {r.code}, {len(lines)} lines",
		       lines + [show(r.err)])
		return
	for k, path in enumerate(paths):
		got, p = {}, []
		for j, rx in enumerate(STAT_RE):
			m = rx.match(lines[7 * k + j])
			if not m:
				p.append(f"line {j + 1} has the wrong form: {lines[7 * k + j]!r}")
				continue
			got.update({key: v for key, v in m.groupdict().items()
				    if v is not None})
		want = host_stat(path)
		want["N"] = want["N"].replace("'", "")
		got["N"] = got.pop("name", "")
		want["a"] = "%04o" % int(want["a"], 8)
		if not (want["F"].endswith("special file")):
			want.pop("Hr"), want.pop("Lr")
		for key, v in want.items():
			if got.get(key) != v:
				p.append(f"%{key}: ours {got.get(key)!r}, host {v!r}")
		check(f"stat/{os.path.basename(path) or '/'}", p)
	r, p = expect(R, "stat", "stat", [f"{d}/nope"], code=1,
		      err=f"stat: {d}/nope: No such file or directory\n")
	check("stat/missing", p)


def make_ls_dir(d):
	os.makedirs(f"{d}/sub/deeper")
	write(f"{d}/a", "0123456789abcdef")
	for n in ("B", "_u", "Zed", ".hidden", "name with space", "empty"):
		write(f"{d}/{n}", n)
	write(f"{d}/big", bytes(100000))
	write(f"{d}/sub/in-sub", "s")
	write(f"{d}/sub/.dot", "s")
	os.symlink("sub", f"{d}/dlink")
	os.symlink("a", f"{d}/flink")
	os.symlink("nowhere", f"{d}/dangling")
	write(f"{d}/suid", "", 0o4755)
	write(f"{d}/suidS", "", 0o4644)
	write(f"{d}/sgid", "", 0o2750)
	write(f"{d}/sgidS", "", 0o2740)
	os.mkdir(f"{d}/sticky")
	os.chmod(f"{d}/sticky", 0o1777)
	os.mkdir(f"{d}/stickyT")
	os.chmod(f"{d}/stickyT", 0o1776)
	os.mkfifo(f"{d}/fifo")
	write(f"{d}/owned", "owned")
	if os.geteuid() == 0:
		os.chown(f"{d}/owned", 12345, 54321)
	write(f"{d}/old", "old")
	os.utime(f"{d}/old", (978307200, 978307200))		# 2001
	write(f"{d}/future", "future")
	t = time.time() + 400 * 86400
	os.utime(f"{d}/future", (t, t))
	write(f"{d}/months", "five months ago")
	t = time.time() - 150 * 86400
	os.utime(f"{d}/months", (t, t))
	os.link(f"{d}/a", f"{d}/hard")


def compare_ls(R, name, args, cwd, fields=False):
	"""ls must print what GNU ls prints; with fields=True a line whose
	whitespace-separated fields are equal is good enough."""
	a = R.ours("ls", args, cwd=cwd, pure=True)
	b = R.host(["ls"] + args, cwd=cwd)
	p, note = [], ""
	if a.out != b.out:
		al, bl = a.out.decode().splitlines(), b.out.decode().splitlines()
		if fields and len(al) == len(bl) and \
		   all(x.split() == y.split() for x, y in zip(al, bl)):
			note = "equal field by field (column widths differ)"
		else:
			p.append("stdout differs from GNU ls")
			p += text_diff(a.out, b.out)[:30]
	want = 0 if b.code == 0 else 1
	if a.code != want:
		p.append(f"exit status {a.code}, want {want} (GNU ls: {b.code})")
	check(name, p, note)


def test_ls(R, tmp):
	d = os.path.join(tmp, "ls")
	make_ls_dir(d)
	cases = [
		([], False), (["-a"], False), (["-l"], False), (["-la"], False),
		(["-l", "sub"], False), (["-d", "sub"], False), (["-ld", "sub", "a"], True),
		(["sub", "a", "B"], False), (["-l", "a", "flink", "dangling"], False),
		(["dlink"], False), (["-l", "dlink"], False), (["nope", "a"], False),
		(["sub", "nope"], False), ([".", "sub"], False), (["-a", "sub"], False),
		(["-al", "sub", "sticky"], False), (["-1"], False), (["dangling"], False),
		(["-l", "a", "big", "sub"], True), (["sub/"], False),
		(["-l", "a", "sub"], True), (["-l", "owned", "a"], False),
		(["-l", "/dev/null", "/dev/zero", "/dev/tty"], True),
		(["-ld", "/", "/tmp", "/etc"], True), (["-l", "/dev"], True),
		(["-la", "/etc"], True), (["-l", "/usr/bin/env", "/bin"], True),
	]
	for i, (args, fields) in enumerate(cases):
		compare_ls(R, f"ls/{i}:{' '.join(args)}", args, d, fields)
	r, p = expect(R, "ls", "ls", ["nope"], cwd=d, code=1,
		      err="ls: nope: No such file or directory\n")
	check("ls/error-message", p)

	# Names from our /etc/passwd and /etc/group, numbers without them.
	def owners(root):
		os.mkdir(f"{root}/files")
		for n, uid, gid in (("r", 0, 0), ("d", 1, 5), ("n", 65534, 65534),
				    ("x", 4242, 4343)):
			write(f"{root}/files/{n}", n)
			os.chown(f"{root}/files/{n}", uid, gid)
	etc = {"/etc/passwd": read(f"{REPO}/user/etc/passwd"),
	       "/etc/group": read(f"{REPO}/user/etc/group")}
	r = chroot_run(R, "ls/chroot-names", "ls", ["-l", "/files"], files=etc,
		       setup=owners)
	if r is not None:
		got = [line.split()[2:4] + line.split()[-1:]
		       for line in r.out.decode().splitlines()[1:]]
		want = [["daemon", "tty", "d"], ["nobody", "nogroup", "n"],
			["root", "root", "r"], ["4242", "4343", "x"]]
		check("ls/chroot-names-fields", [] if got == want else
		      [f"owner, group, name: {got}, want {want}"])
	r = chroot_run(R, "ls/chroot-no-etc", "ls", ["-l", "/files"], setup=owners)
	if r is not None:
		got = [line.split()[2:4] for line in r.out.decode().splitlines()[1:]]
		check("ls/chroot-no-etc-fields", [] if got == [["1", "5"],
				["65534", "65534"], ["0", "0"], ["4242", "4343"]]
		      else [f"owners {got}"])


# --- init --------------------------------------------------------------------

class Console:
	"""init with stdin and stdout on pipes; lines are read by a thread."""

	def __init__(self, argv, env):
		self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
					  stdout=subprocess.PIPE,
					  stderr=subprocess.STDOUT, env=env,
					  start_new_session=True)
		self.q = queue.Queue()
		self.seen = []
		threading.Thread(target=self._read, daemon=True).start()

	def _read(self):
		for line in self.p.stdout:
			self.q.put(line.decode(errors="replace").rstrip("\n"))
		self.q.put(None)

	def send(self, text):
		self.p.stdin.write(text.encode())
		self.p.stdin.flush()

	def expect(self, pattern, timeout=15):
		"""The first new line matching pattern (a match object), or None."""
		end = time.monotonic() + timeout
		while True:
			left = end - time.monotonic()
			if left <= 0:
				return None
			try:
				line = self.q.get(timeout=left)
			except queue.Empty:
				return None
			if line is None:
				return None
			self.seen.append(line)
			m = re.search(pattern, line)
			if m:
				return m

	def stop(self):
		try:
			os.killpg(self.p.pid, signal.SIGKILL)
		except ProcessLookupError:
			pass
		try:
			self.p.stdin.close()
		except OSError:
			pass
		self.p.wait()


def children(pid):
	"""[(pid, state)] of the processes whose parent is pid."""
	kids = []
	for n in proc_pids():
		try:
			with open(f"/proc/{n}/stat") as f:
				s = f.read()
		except OSError:
			continue
		fields = s[s.rindex(")") + 2:].split()
		if int(fields[1]) == pid:
			kids.append((n, fields[0]))
	return kids


def test_init(R, tmp):
	init = R.path("init")
	env = {"PATH": "/usr/bin:/bin", "TERM": "vt100", "LC_ALL": "C"}
	pidns = userns_ok() and subprocess.run(
		["unshare", "--user", "--map-root-user", "--pid", "--fork",
		 "--kill-child", "--", "true"], capture_output=True).returncode == 0
	ns = ["unshare", "--user", "--map-root-user", "--pid", "--fork",
	      "--kill-child", "--"] if pidns else []
	if not pidns:
		skipped("init/pid-1", "no pid namespace here: init runs as a child")
	c = Console(ns + [init], env)
	try:
		run_init_checks(c, pidns)
	finally:
		c.stop()
	if R.trace:		# strace would be pid 1: trace a short run apart
		R.ntrace += 1
		tracefile = os.path.join(R.tmp, f"trace.{R.ntrace}")
		c = Console(ns + ["strace", "-f", "-qq", "-b", "execve", "-o",
				  tracefile, init], env)
		try:
			if c.expect(r"^init: welcome"):
				c.send("sleep 0.1 & exit 0\n")
				c.expect(r"^init: starting a new")
				c.send("exit 0\n")
				c.expect(r"^init: starting a new")
		finally:
			c.stop()
		R.record("init", tracefile)


def init_pid_on_host(c, pidns):
	"""The host pid of init (under unshare and maybe strace)."""
	pid = c.p.pid
	for _ in range(3):
		with open(f"/proc/{pid}/cmdline", "rb") as f:
			if f.read().split(b"\0")[0].endswith(b"/init"):
				return pid
		kids = children(pid)
		if not kids:
			return None
		pid = kids[0][0]
	return None


def run_init_checks(c, pidns):
	m = c.expect(r"^init: welcome to teachos")
	check("init/banner", [] if m else ["no banner"] + c.seen)
	if not m:
		return
	host_init = init_pid_on_host(c, pidns)
	c.send("echo one $$\n")
	m = c.expect(r"^one (\d+)$")
	if not m or host_init is None:
		failed("init/shell", "the shell did not answer", c.seen)
		return
	shells = children(host_init)
	p = []
	if pidns and any("not 1" in line for line in c.seen):
		p.append("init is not process 1 in the new pid namespace")
	if len(shells) != 1:
		p.append(f"init has children {shells}, want one shell")
	else:
		with open(f"/proc/{shells[0][0]}/environ", "rb") as f:
			environ = set(f.read().split(b"\0")) - {b""}
		with open(f"/proc/{shells[0][0]}/cmdline", "rb") as f:
			cmdline = f.read()
		want = {b"PATH=/bin:/sbin", b"HOME=/", b"TERM=vt100", b"LC_ALL=C"}
		if environ != want:
			p.append(f"the shell's environment is {sorted(environ)}")
		if cmdline != b"-sh\0":
			p.append(f"the shell's argv is {cmdline!r}, want -sh")
	check("init/shell", p, "pid 1 in a new pid namespace" if pidns else "")

	first = m.group(1)
	t = time.monotonic()
	c.send("exit 3\n")
	p = []
	m = c.expect(r"^init: /bin/sh \(pid (\d+)\) exited with status (\d+)$")
	if not m or m.group(1) != first or m.group(2) != "3":
		p.append("no 'exited with status 3' line for the shell")
	if not c.expect(r"^init: it ended quickly"):
		p.append("no pause after a shell that lived < 3 s")
	if not c.expect(r"^init: starting a new /bin/sh"):
		p.append("no new shell")
	elif time.monotonic() - t < 2.5:
		p.append(f"restarted after {time.monotonic() - t:.1f} s: no pause")
	check("init/shell-exits", p)

	c.send("echo two $$; kill -9 $$\n")
	p = []
	m = c.expect(r"^two (\d+)$")
	m2 = c.expect(r"^init: /bin/sh \(pid (\d+)\) killed by signal (\d+)$")
	if not m or not m2 or m.group(1) != m2.group(1) or m2.group(2) != "9":
		p.append("no 'killed by signal 9' line for the shell")
	if not c.expect(r"^init: starting a new /bin/sh"):
		p.append("no new shell")
	check("init/shell-killed", p)

	if not pidns:
		skipped("init/orphans", "orphans go to the host's init, not ours")
		return
	# The background sleep outlives the shell: init inherits and reaps it.
	c.send("sleep 0.3 & echo three $!; exit 0\n")
	p = []
	if not c.expect(r"^three \d+$") or \
	   not c.expect(r"^init: /bin/sh \(pid \d+\) exited with status 0$") or \
	   not c.expect(r"^init: starting a new /bin/sh"):
		p.append("the third shell did not run and exit")
	time.sleep(1.0)
	kids = children(host_init)
	if len(kids) != 1 or kids[0][1] == "Z":
		p.append(f"init's children after the orphan ended: {kids}, "
			 "want just the new shell")
	c.send("echo four\n")
	if not c.expect(r"^four$"):
		p.append("the new shell does not answer")
	check("init/orphans", p)


# --- main ------------------------------------------------------------------

def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
	ap.add_argument("--only", metavar="GROUP,...",
			help="run only these groups (cat, ls, init, head_tail, ...)")
	ap.add_argument("--syscalls", action="store_true",
			help="trace our programs with strace and list their system calls")
	args = ap.parse_args()
	if not shutil.which("musl-gcc"):
		failed("build", "musl-gcc not found (apt-get install musl-tools)")
		return 1
	if args.syscalls and not shutil.which("strace"):
		failed("syscalls", "strace not found")
		return 1
	os.umask(0o022)
	tmp = tempfile.mkdtemp(prefix="utils-host.")
	try:
		R = Runner(tmp, args.syscalls)
		R.build()
		data = os.path.join(tmp, "data")
		make_data(data)
		tests = [
			(test_true_false, data), (test_cat, data), (test_echo, data),
			(test_wc, data), (test_head_tail, data), (test_grep, data),
			(test_hexdump, data), (test_env, data), (test_mkdir_rmdir, tmp),
			(test_rm, tmp), (test_mv, tmp), (test_cp, tmp), (test_ln, tmp),
			(test_touch, tmp), (test_sleep, tmp), (test_kill, tmp),
			(test_ps, tmp), (test_poweroff, tmp), (test_stat, tmp),
			(test_ls, tmp), (test_init, tmp),
		]
		only = set(args.only.split(",")) if args.only else None
		for fn, where in tests:
			name = fn.__name__[5:]
			if only and name not in only:
				continue
			try:
				fn(R, where)
			except Missing as e:
				failed(name, str(e))
			except Exception as e:		# a broken test is a failure too
				import traceback
				failed(name, f"test crashed: {e!r}",
				       traceback.format_exc().splitlines())
		if args.syscalls:
			every = set()
			for prog in sorted(R.calls):
				print(f"SYSCALLS {prog}: {' '.join(sorted(R.calls[prog]))}")
				every |= R.calls[prog]
			print(f"SYSCALLS all: {' '.join(sorted(every))}")
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"utils-host: {failures} check(s) failed")
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
