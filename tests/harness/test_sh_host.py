#!/usr/bin/env python3
"""The shell (user/sh.c) on this Linux host, against Debian's dash.

Usage: python3 tests/harness/test_sh_host.py [--keep] [--only SUBSTRING]
                                            [--sh PREBUILT_BINARY]

Builds user/sh.c with musl-gcc (the Makefile's flags) into a temporary
directory and runs a table of scripts through it and through /bin/dash,
each three ways: `sh -c SCRIPT`, the script on sh's stdin (a pipe), and
`sh FILE`.  Both shells run in the same fresh working directory, with the
same small environment, and with PATH starting with a directory whose
`sh` is the shell under test, so `sh -c ...` inside a script runs the same
shell again.

Each case says how to compare:
  same    stdout, stderr and exit status must equal dash's;
  status  stdout and exit status must equal dash's; the error messages
          are worded differently, so stderr only has to mention the given
          words (e.g. the name of the missing command);
  expect  where dash is not the reference (it reads ahead on stdin, which
          POSIX does not allow): stdout and status are given.

Then the interactive path, in a pseudo-terminal (pty module): the prompt,
^C killing the foreground job and the prompt coming back, ^C at the
prompt, background jobs and their Done messages, ^Z / jobs / fg, kill %N,
exit status, and (with strace, which can make system calls fail) that the
shell still works when setpgid and rt_sigaction return ENOSYS, as they may
in the kernel.

Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check and exits 1 if
any check failed.
"""
import argparse
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SH_SOURCE = os.path.join(REPO, "user", "sh.c")
CFLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror"]
RUN_TIMEOUT = 20

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""))


def failed(name, reason, excerpt=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}")
	for line in (excerpt or [])[-30:]:
		print(f"    | {line}")


class Case:
	def __init__(self, name, script, check="same", mention=(), expect=None,
		     setup="", stdin=None, modes=("-c", "stdin", "file"),
		     args=()):
		self.name = name
		self.script = script
		self.check = check	# "same", "status" or "expect"
		self.mention = mention	# words our stderr must contain ("status")
		self.expect = expect	# (stdout, status) for "expect"
		self.setup = setup	# dash script run in the work dir first
		self.stdin = stdin	# bytes for the shell's stdin (-c/file modes)
		self.modes = modes
		self.args = list(args)	# $1... for -c and file modes


P3 = "printf 'a\\nb\\nc\\n'"

CASES = [
	# --- quoting and expansion ---
	Case("quote-basic",
	     "echo 'single $HOME' \"double $HOME\" \\$HOME a\\ b \"x\\\"y\" 'it'\\''s'"),
	Case("quote-empty", "printf '[%s]\\n' '' \"\" a''b \"$UNSET\" $UNSET"),
	Case("quote-dquote-backslash",
	     "printf '%s\\n' \"a\\\\b \\$x \\\"q\\\" \\n \\'\" 'a\\b'"),
	Case("expand-split",
	     "X='a   b  c'; printf '[%s]\\n' $X \"$X\" ${X}x x$X"),
	Case("expand-braces", "X=foo; echo ${X}bar $Xbar \"${X}\" \"$X\"bar"),
	Case("expand-special", "echo $# $0; set -- a 'b c' d; echo $# $2; "
	     "printf '<%s>\\n' \"$@\" \"$*\" $*"),
	Case("expand-empty-at", "set --; printf '<%s>\\n' x \"$@\" y\"$@\"z"),
	Case("expand-pid", "kill -0 $$ && echo alive; test $$ -gt 1 && echo pid"),
	Case("expand-literal-dollar", "echo $ a$ \"$\" '$X' $1x"),
	Case("expand-tilde", "echo ~ ~/x \"~\" a~"),
	Case("expand-args", "echo $0 $1 $2 $#", modes=("-c", "file"),
	     args=["one", "two words"]),
	Case("glob", "echo *.txt; echo \"*.txt\"; echo nomatch*; echo b?.txt; "
	     "echo [ab]1.txt; echo '*'.txt",
	     setup="touch a1.txt b1.txt b2.txt c.dat"),
	Case("comments", "echo a # a comment\n# a whole line\necho b#c '#d'"),
	Case("continuation", "echo one \\\n  two; printf '%s\\n' \"x\ny\" 'p\nq'"),
	Case("assign-then-use", "X=1; echo $X; X=2 Y=3; echo $X$Y"),

	# --- exit status ---
	Case("status-true-false", "true; echo $?; false; echo $?; ! false; "
	     "echo $?; ! true; echo $?"),
	Case("status-missing", "nosuchcmd_xyz; echo $?", check="status",
	     mention=["nosuchcmd_xyz"]),
	Case("status-missing-in-pipeline", "echo a | nosuchcmd_xyz | cat; "
	     "echo $?; true | nosuchcmd_xyz; echo $?", check="status",
	     mention=["nosuchcmd_xyz"]),
	Case("status-missing-path", "./nosuch; echo $?; /no/such/dir/x; echo $?",
	     check="status", mention=["./nosuch", "/no/such/dir/x"]),
	Case("status-not-executable", "printf 'x\\n' > f; ./f; echo $?",
	     check="status", mention=["./f"]),
	Case("status-directory", "/; echo $?", check="status", mention=["/"]),
	Case("status-exit", "exit 3"),
	Case("status-exit-subshell", "(exit 5); echo $?; sh -c 'exit 300'; echo $?"),
	Case("status-last-command", "true; false"),
	Case("status-last-ok", "false; true"),
	Case("status-exit-no-arg", "false; exit"),
	Case("status-signal-child", "sh -c 'kill -9 $$'; echo $?; "
	     "sh -c 'kill -TERM $$'; echo $?"),
	Case("status-signal-self", "echo before; kill -9 $$; echo after"),

	# --- pipelines ---
	Case("pipe-1", "printf 'x\\n'"),
	Case("pipe-2", P3 + " | sort -r"),
	Case("pipe-3", P3 + " | sort -r | head -n 2"),
	Case("pipe-4", P3 + " | sort -r | head -n 2 | tr a-z A-Z"),
	Case("pipe-5", P3 + " | sort -r | head -n 2 | tr a-z A-Z | sed s/^/x/"),
	Case("pipe-6", P3 + " | sort -r | head -n 2 | tr a-z A-Z | sed s/^/x/ "
	     "| cat -n"),
	Case("pipe-status", "false | true; echo $?; true | false; echo $?; "
	     "! true | false; echo $?"),
	Case("pipe-big", "seq 1 200000 | sort -n | tail -n 1; "
	     "seq 1 100000 | cat | cat | wc -l"),
	Case("pipe-sigpipe", "yes | head -n 3; echo $?"),
	Case("pipe-builtin", "pwd | cat; cd / | cat; pwd | sed 's/^/dir: /'"),
	Case("pipe-newline", "echo a |\n  tr a b"),

	# --- redirections ---
	Case("redir-out-append-in", "echo a > f; echo b >> f; cat f; cat < f; "
	     "wc -l < f; echo c 1>f; cat 0<f"),
	Case("redir-2>&1-before", "ls /nonexistent_zz 2>&1 >out | sed 's/^/pipe: /'; "
	     "echo ---; cat out"),
	Case("redir-2>&1-after", "ls /nonexistent_zz >out 2>&1 | sed 's/^/pipe: /'; "
	     "echo ---; cat out"),
	Case("redir-nfile", "ls /nonexistent_zz 2>err; echo $?; cat err; "
	     "echo hi 3>t >&3; cat t; cat 4<t <&4"),
	Case("redir-close", "ls /nonexistent_zz 2>&-; echo $?"),
	Case("redir-order", "echo x >a >b; cat a; echo ---; cat b"),
	Case("redir-rdwr", "echo abc > f; cat <> f"),
	Case("redir-missing-input", "cat < /nonexist_zz; echo $?",
	     check="status", mention=["/nonexist_zz"]),
	Case("redir-builtin-restores", "pwd > p; echo after; cat p; "
	     "cd / > /dev/null; pwd"),
	Case("redir-only", "X=1 > f2; ls f2; echo $X; > f3; ls f3"),
	Case("redir-expand-target", "F=out.txt; echo hi > $F; cat out.txt; "
	     "echo x > \"with space\"; ls"),
	Case("redir-subshell", "(echo a; echo b) > f; cat f"),

	# --- lists ---
	Case("list-and-or", "false && echo no || echo yes; "
	     "true || echo no && echo yes2; echo a; echo b"),
	Case("list-precedence", "true || false && echo x; false && true || echo y; "
	     "false || false || echo z"),
	Case("list-skip-keeps-status", "false && echo no; echo $?; "
	     "true || echo no; echo $?"),
	Case("list-newline-after-op", "true &&\necho next ||\necho never"),
	Case("syntax-error", "echo a | | b", check="status", mention=["|"]),
	Case("syntax-error-stops-script", "echo before\necho a ||| b\necho after",
	     check="status", mention=["|"], modes=("stdin", "file")),
	Case("syntax-unterminated", "echo 'abc", check="status", mention=[]),

	# --- background jobs ---
	Case("bg-wait", "sleep 0.2 & echo started; wait; echo done $?"),
	Case("bg-wait-status", "false & wait $!; echo $?; (exit 3) & "
	     "wait $!; echo $?"),
	Case("bg-pid", "sleep 0.1 & P=$!; test -n \"$P\" && kill -0 $P && "
	     "echo has_pid; wait"),
	Case("bg-andor", "false && echo no & wait; true && echo yes & wait"),
	Case("bg-stdin-devnull", "cat & wait; echo end", stdin=b"data\n",
	     modes=("-c", "file")),
	# (while cat runs it is the shell's only child, unless zombies remain)
	Case("bg-no-zombies", "true & true & sleep 0.3; "
	     "cat /proc/$$/task/$$/children > kids; wc -w < kids"),
	Case("bg-no-zombies-pipeline", "true | true & sleep 0.2; "
	     "cat /proc/$$/task/$$/children > kids; wc -w < kids"),

	# --- cd and pwd ---
	Case("cd-pwd", "cd /; pwd; cd /tmp; pwd; cd; pwd; echo $HOME"),
	Case("cd-dash", "cd /; cd /tmp; cd -; pwd"),
	Case("cd-logical", "mkdir -p real/sub; ln -s real link; cd link/sub; "
	     "pwd; cd ..; pwd; pwd -P; cd /bin && pwd"),
	Case("cd-missing", "cd /nonexistent_dir; echo $?", check="status",
	     mention=["/nonexistent_dir"]),
	Case("cd-subshell", "(cd /); pwd; cd / | true; pwd"),

	# --- variables and the environment ---
	Case("export-child", "export X=1; sh -c 'echo $X'; printenv X"),
	Case("export-later", "Y=2; sh -c 'echo \"[$Y]\"'; export Y; "
	     "sh -c 'echo \"[$Y]\"'; Y=3; printenv Y"),
	Case("export-unset-name", "export W; printenv W; echo $?; W=5; printenv W"),
	Case("prefix-assignment", "Z=3 printenv Z; echo \"[$Z]\"; "
	     "Z=4 sh -c 'echo $Z'; A=1 B=2 env | grep -e ^A= -e ^B= | sort"),
	Case("unset", "X=1; unset X; echo \"[$X]\"; export E=1; unset E; "
	     "printenv E; echo $?"),
	Case("env-home-path", "printenv HOME; printenv PATH | cut -d: -f2-"),

	# --- file descriptors ---
	Case("fd-simple", "ls /proc/self/fd"),
	Case("fd-pipeline", "ls /proc/self/fd | cat; true | ls /proc/self/fd"),
	Case("fd-after-builtin-redir", "pwd > /dev/null; cd . 2>/dev/null; "
	     "ls /proc/self/fd"),
	Case("fd-background", "ls /proc/self/fd > o & wait; cat o"),
	Case("fd-subshell", "(ls /proc/self/fd)"),
	Case("fd-redirected", "ls /proc/self/fd 2>/dev/null </dev/null"),

	# --- options and misc ---
	Case("set-e", "set -e; false || true; echo ok; false; echo no"),
	Case("set-x", "set -x; echo hi; X=1 printenv X"),
	Case("subshell", "(cd /; pwd); pwd; X=1; (X=2; echo $X); echo $X"),
	Case("exec-redirect", "exec 3>f; echo to3 >&3; cat f; exec >/dev/null; echo hidden"),
	Case("exec-command", "exec printf 'replaced\\n'; echo never"),
	Case("nested-sh-args", "sh -c 'echo $0 $1 $2' zero one two"),

	# --- reading stdin: a command must see the rest of the script ---
	# (on a pipe the shell reads byte by byte; cat gets the rest)
	Case("stdin-shared-pipe", "cat\necho for cat",
	     check="expect", expect=("echo for cat\n", 0),
	     modes=("stdin",)),
	# (on a file the shell seeks back; GNU head seeks back too)
	Case("stdin-shared-file", "head -n 1\nthis line is for head\necho after",
	     check="expect", expect=("this line is for head\nafter\n", 0),
	     modes=("stdin-file",)),
]


def build(outdir):
	"""Compile user/sh.c like the Makefile does; return the binary path."""
	binary = os.path.join(outdir, "sh")
	res = subprocess.run(["musl-gcc"] + CFLAGS + [SH_SOURCE, "-o", binary],
			     capture_output=True, text=True)
	if res.returncode != 0:
		failed("sh/build", "musl-gcc failed", res.stderr.splitlines())
		return None
	passed("sh/build", "musl-gcc " + " ".join(CFLAGS) + " user/sh.c")
	return binary


class Runner:
	"""Runs a case through one shell, in a fresh work directory."""

	def __init__(self, tmp, shell_dir):
		self.tmp = tmp
		self.shell_dir = shell_dir
		self.work = os.path.join(tmp, "work")
		self.home = os.path.join(tmp, "home")
		os.makedirs(self.home, exist_ok=True)

	def env(self):
		env = {"PATH": self.shell_dir + ":/usr/bin:/bin", "HOME": self.home,
		       "LC_ALL": "C"}
		for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):	# for --sh
			if name in os.environ:
				env[name] = os.environ[name]
		return env

	def fresh_workdir(self, setup):
		shutil.rmtree(self.work, ignore_errors=True)
		os.makedirs(self.work)
		if setup:
			subprocess.run(["/bin/dash", "-c", setup], cwd=self.work,
				       check=True)

	def run(self, case, mode):
		self.fresh_workdir(case.setup)
		script_file = os.path.join(self.tmp, "script.sh")
		with open(script_file, "w") as f:
			f.write(case.script + "\n")
		stdin_data = case.stdin
		stdin_fd = subprocess.DEVNULL
		if mode == "-c":
			argv = ["sh", "-c", case.script, "sh"] + case.args
			if not case.args:
				argv = argv[:3]
		elif mode == "file":
			argv = ["sh", script_file] + case.args
		elif mode == "stdin":
			argv = ["sh"]
			stdin_data = (case.script + "\n").encode()
		else:				# stdin-file: a regular file
			argv = ["sh"]
			stdin_fd = open(script_file, "rb")
		try:
			return self.spawn(argv, stdin_data, stdin_fd)
		finally:
			if stdin_fd != subprocess.DEVNULL:
				stdin_fd.close()

	def spawn(self, argv, stdin_data, stdin_fd):
		proc = subprocess.Popen(
			argv, executable=os.path.join(self.shell_dir, "sh"),
			cwd=self.work, env=self.env(),
			stdin=subprocess.PIPE if stdin_data is not None else stdin_fd,
			stdout=subprocess.PIPE, stderr=subprocess.PIPE,
			start_new_session=True)
		try:
			out, err = proc.communicate(stdin_data, timeout=RUN_TIMEOUT)
		except subprocess.TimeoutExpired:
			os.killpg(proc.pid, signal.SIGKILL)
			out, err = proc.communicate()
			err += b"\n<timed out>"
		try:
			os.killpg(proc.pid, signal.SIGKILL)	# leftover jobs
		except (ProcessLookupError, PermissionError):
			pass
		return proc.returncode, out.decode(errors="replace"), \
			err.decode(errors="replace")


def show(label, res):
	code, out, err = res
	lines = [f"{label}: status {code}"]
	lines += [f"{label} stdout: {line}" for line in out.splitlines()]
	lines += [f"{label} stderr: {line}" for line in err.splitlines()]
	return lines


def compare(case, ours, ref):
	"""None if ours is right, else the reason."""
	if case.check == "expect":
		if (ours[1], ours[0]) != case.expect:
			return f"expected status {case.expect[1]} and stdout " \
			       f"{case.expect[0]!r}"
		return None
	if case.check == "same":
		if ours != ref:
			return "differs from dash"
		return None
	if (ours[0], ours[1]) != (ref[0], ref[1]):
		return "stdout or status differs from dash"
	if (ref[2] == "") != (ours[2] == ""):
		return "one shell wrote to stderr and the other did not"
	missing = [w for w in case.mention if w not in ours[2]]
	if missing:
		return f"stderr does not mention {missing}"
	return None


def test_cases(ours_run, dash_run, only):
	for case in CASES:
		if only and only not in case.name:
			continue
		bad = []
		for mode in case.modes:
			ours = ours_run.run(case, mode)
			ref = dash_run.run(case, mode)
			why = compare(case, ours, ref)
			if why:
				bad.append((mode, why, ours, ref))
		name = "sh/" + case.name
		if not bad:
			passed(name, ", ".join(case.modes))
		for mode, why, ours, ref in bad:
			excerpt = [f"script: {case.script!r}"] + show("sh", ours)
			if case.check != "expect":
				excerpt += show("dash", ref)
			failed(f"{name}[{mode}]", why, excerpt)


# --- the interactive shell, in a pseudo-terminal ---------------------------

class Pty:
	"""A shell on a pty: the child is a session leader and the pty its
	controlling terminal, as for a login shell."""

	def __init__(self, argv, env, cwd):
		self.pid, self.fd = pty.fork()
		if self.pid == 0:
			try:
				os.chdir(cwd)
				os.execve(argv[0], argv, env)
			finally:
				os._exit(127)
		self.buf = b""
		self.log = b""

	def send(self, data):
		os.write(self.fd, data)

	def read_some(self, timeout):
		r, _, _ = select.select([self.fd], [], [], timeout)
		if not r:
			return False
		try:
			data = os.read(self.fd, 4096)
		except OSError:			# EIO: the shell has gone
			return False
		self.buf += data
		self.log += data
		return bool(data)

	def expect(self, pattern, timeout=5.0):
		"""Wait for pattern (bytes regex) in the output; consume up to it."""
		end = time.time() + timeout
		while True:
			m = re.search(pattern, self.buf)
			if m:
				self.buf = self.buf[m.end():]
				return m
			left = end - time.time()
			if left <= 0:
				return None
			if not self.read_some(min(left, 0.2)) and self.exited():
				return None

	def exited(self):
		"""Has the shell exited?  Reaps it and keeps its status."""
		if self.pid:
			pid, status = os.waitpid(self.pid, os.WNOHANG)
			if pid:
				self.status = status
				self.pid = 0
		return self.pid == 0

	def wait(self, timeout=5.0):
		"""The exit status, or None if it did not exit in time."""
		end = time.time() + timeout
		while time.time() < end:
			self.read_some(0.05)
			if self.exited():
				return os.waitstatus_to_exitcode(self.status)
		return None

	def kill(self):
		if self.pid:
			os.kill(self.pid, signal.SIGKILL)
			os.waitpid(self.pid, 0)
			self.pid = 0
		if self.fd >= 0:
			os.close(self.fd)
			self.fd = -1

	def transcript(self):
		return self.log.decode(errors="replace").replace("\r", "").split("\n")


PROMPT = rb"# $"


def pty_steps(name, sh, env, cwd, steps, exit_status=None, wrap=()):
	"""Run steps of (send, expect regex, timeout, what) in a pty shell."""
	t = Pty(list(wrap) + [sh], env, cwd)
	try:
		if not t.expect(PROMPT, 5):
			failed(name, "no '# ' prompt", t.transcript())
			return None
		for send, pattern, timeout, what in steps:
			if isinstance(send, float):
				time.sleep(send)
				continue
			if send:
				t.send(send)
			if pattern and not t.expect(pattern, timeout):
				failed(name, what, t.transcript())
				return None
		if exit_status is not None:
			code = t.wait(5)
			if code != exit_status:
				failed(name, f"exit status {code}, wanted {exit_status}",
				       t.transcript())
				return None
		passed(name)
		return t
	finally:
		t.kill()


def pid_gone(pid):
	try:
		os.kill(pid, 0)
	except ProcessLookupError:
		return True
	with open(f"/proc/{pid}/stat") as f:	# a zombie of someone else?
		return f.read().split(") ")[1].startswith("Z")


def test_pty(sh, tmp):
	env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TERM": "dumb"}
	p = PROMPT
	pty_steps("sh/pty-prompt-and-exit", sh, env, tmp, [
		(b"echo hello\n", rb"hello\r\n# $", 5, "echo did not run"),
		(b"exit 3\n", None, 0, "")], exit_status=3)
	start = time.time()
	pty_steps("sh/pty-ctrl-c-foreground", sh, env, tmp, [
		(b"sleep 5\n", rb"sleep 5\r\n", 5, "no echo of the command"),
		(0.5, None, 0, ""),
		(b"\x03", rb"\r\n# $", 2, "^C did not bring the prompt back"),
		(b"echo alive $?\n", rb"alive 130\r\n# $", 5,
		 "shell not alive after ^C, or $? is not 130"),
		(b"sleep 5 | sleep 5 | cat\n", None, 0, ""),
		(0.5, None, 0, ""),
		(b"\x03", p, 2, "^C did not end a 3-stage pipeline"),
		(b"\x04", None, 0, "")], exit_status=130)
	if time.time() - start > 8:
		failed("sh/pty-ctrl-c-timing", "the sleeps were not interrupted")
	pty_steps("sh/pty-ctrl-c-at-prompt", sh, env, tmp, [
		(b"echo partial", rb"partial", 5, "no echo"),
		(b"\x03", p, 2, "^C at the prompt gave no new prompt"),
		(b"echo ok\n", rb"\r\nok\r\n# $", 5,
		 "the line typed before ^C was not dropped"),
		(b"exit\n", None, 0, "")], exit_status=0)
	pty_steps("sh/pty-background-done", sh, env, tmp, [
		(b"sleep 0.3 &\n", rb"\[1\] (\d+)\r\n# $", 5, "no [1] PID line"),
		(0.8, None, 0, ""),
		(b"\n", rb"\[1\]\+? +Done +sleep 0\.3\r\n# $", 5,
		 "no Done message before the prompt"),
		(b"exit\n", None, 0, "")], exit_status=0)
	pty_steps("sh/pty-ctrl-z-fg", sh, env, tmp, [
		(b"cat\n", rb"cat\r\n", 5, "no echo"),
		(0.3, None, 0, ""),
		(b"\x1a", rb"Stopped +cat\r\n# $", 3, "^Z did not stop cat"),
		(b"jobs\n", rb"\[1\]\+? +Stopped +cat\r\n# $", 5, "jobs: no Stopped job"),
		(b"fg\n", rb"fg\r\ncat\r\n", 5, "fg did not print the command"),
		(b"hello\n", rb"hello\r\nhello\r\n", 5, "cat is not reading the tty"),
		(b"\x04", p, 5, "^D did not end cat"),
		(b"echo st $?\n", rb"st 0\r\n# $", 5, "status after fg is not 0"),
		(b"exit\n", None, 0, "")], exit_status=0)
	pty_steps("sh/pty-kill-job", sh, env, tmp, [
		(b"sleep 10 &\n", rb"\[1\] \d+\r\n# $", 5, "no [1] PID line"),
		(b"kill %1\n", p, 5, "kill %1 failed"),
		(0.3, None, 0, ""),
		(b"\n", rb"\[1\]\+? +Terminated +sleep 10\r\n# $", 5,
		 "no Terminated message"),
		(b"sleep 10 &\n", rb"\[1\] \d+\r\n# $", 5, "no [1] PID line"),
		(b"cat\n", rb"cat\r\n", 5, ""),
		(0.3, None, 0, ""),
		(b"\x1a", rb"Stopped +cat\r\n# $", 3, "^Z did not stop cat"),
		(b"kill %2\n", None, 0, ""),
		(0.3, None, 0, ""),
		(b"\n", rb"Terminated +cat\r\n[\s\S]*# $", 5,
		 "a stopped job did not die of kill"),
		(b"jobs\n", rb"\[1\]\+? +Running +sleep 10\r\n# $", 5,
		 "jobs does not show the running job"),
		(b"kill %1; wait; echo w $?\n", rb"w 0\r\n# $", 5, "wait failed"),
		(b"exit\n", None, 0, "")], exit_status=0)
	check_no_leftovers(sh, env, tmp)
	test_pty_enosys(sh, env, tmp)


def check_no_leftovers(sh, env, tmp):
	"""Background jobs that end are reaped: no zombie children."""
	t = Pty([sh], env, tmp)
	try:
		ok = t.expect(PROMPT)
		for _ in range(3):
			t.send(b"true &\n")
			ok = ok and t.expect(PROMPT)
		time.sleep(0.5)
		t.send(b"\n")
		t.expect(PROMPT)
		with open(f"/proc/{t.pid}/task/{t.pid}/children") as f:
			kids = f.read().split()
		if not ok or kids:
			failed("sh/pty-no-zombies", f"children left: {kids}",
			       t.transcript())
		else:
			passed("sh/pty-no-zombies")
	finally:
		t.kill()


def test_pty_enosys(sh, env, tmp):
	"""The kernel may not have setpgid or signals yet: make them fail
	with ENOSYS (strace can do that) and check the shell still works."""
	strace = shutil.which("strace")
	if not strace:
		print("SKIP sh/pty-enosys: strace is not installed")
		return
	wrap = [strace, "-f", "-o", "/dev/null",
		"-e", "inject=setpgid,rt_sigaction:error=ENOSYS"]
	t = pty_steps("sh/pty-enosys", sh, env, tmp, [
		(b"echo a | tr a b\n", rb"\r\nb\r\n# $", 5,
		 "a pipeline did not run"),
		(b"sleep 0.1 & wait; echo waited\n", rb"waited\r\n# $", 5,
		 "background job and wait did not work"),
		(b"exit 4\n", None, 0, "")], exit_status=4, wrap=wrap)
	if t and b"job control turned off" not in t.log:
		failed("sh/pty-enosys-message",
		       "no 'job control turned off' message", t.transcript())
	elif t:
		passed("sh/pty-enosys-message")


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory")
	ap.add_argument("--only", help="run only cases whose name contains this")
	ap.add_argument("--sh", help="test this binary instead of building "
			"user/sh.c (e.g. build/rootfs/bin/sh, or a sanitizer build)")
	args = ap.parse_args()
	dash = shutil.which("dash") or "/bin/dash"
	if not os.path.exists(dash):
		failed("sh/dash", "dash is not installed (apt-get install dash)")
		return 1
	if not args.sh and not shutil.which("musl-gcc"):
		failed("sh/build", "musl-gcc is not installed (apt-get install musl-tools)")
		return 1
	tmp = tempfile.mkdtemp(prefix="test_sh_")
	try:
		ours_dir = os.path.join(tmp, "ours")
		dash_dir = os.path.join(tmp, "dash")
		os.makedirs(ours_dir)
		os.makedirs(dash_dir)
		if args.sh:
			if not os.path.isfile(args.sh):
				failed("sh/binary", f"{args.sh} does not exist")
				return 1
			sh = os.path.join(ours_dir, "sh")
			shutil.copy(args.sh, sh)
		else:
			sh = build(ours_dir)
		if not sh:
			return 1
		os.symlink(dash, os.path.join(dash_dir, "sh"))
		test_cases(Runner(tmp, ours_dir), Runner(tmp, dash_dir), args.only)
		if not args.only:
			test_pty(sh, tmp)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
