#!/usr/bin/env python3
"""The shell on the serial console, used as a person would: boot the
default init (/sbin/init starts /bin/sh), type command lines, check each
answer, interrupt a job with ^C, power off.

Usage: python3 tests/harness/test_shell.py [--timeout SECONDS]
Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check; exits 1 on failure.
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console  # noqa: E402
import qemu  # noqa: E402

PROMPT = "# "
failures = 0


def passed(name, note=""):
	print(f"PASS shell/{name}" + (f": {note}" if note else ""))


def failed(name, reason, text=""):
	global failures
	failures += 1
	print(f"FAIL shell/{name}: {reason}")
	for line in text.split("\n")[-25:]:
		print(f"    | {line}")


def run(con, name, line, check):
	"""Type line, wait for the next prompt, check what the command printed."""
	con.send(line + "\r")
	try:
		out = con.expect(PROMPT, 30)
	except console.ConsoleTimeout as e:
		failed(name, f"no prompt after {line!r}", str(e))
		return None
	echo, _, answer = out.partition("\n")	# the tty echoes what we typed
	answer = answer.rstrip("\n")
	ok, why = check(answer)
	if ok:
		passed(name, why)
	else:
		failed(name, f"{line!r}: {why}", answer)
	return answer


def equals(want):
	return lambda got: (got == want, f"{got!r}" if got == want else f"got {got!r}, want {want!r}")


def lines_count_at_least(n):
	def check(got):
		try:
			v = int(got.strip())
		except ValueError:
			return False, f"not a number: {got!r}"
		return v >= n, f"{v} lines"
	return check


def session(con):
	run(con, "pipeline-wc", "ls -l /bin | wc -l", lines_count_at_least(20))
	run(con, "redirections", "echo hello > /tmp/a; cat /tmp/a >> /tmp/b; cat /tmp/b",
	    equals("hello"))
	run(con, "append", "cat /tmp/a >> /tmp/b; cat /tmp/b", equals("hello\nhello"))
	run(con, "error-and-status", "cat /nope; echo $?",
	    equals("cat: /nope: No such file or directory\n1"))
	run(con, "missing-command", "nosuchcmd; echo $?",
	    lambda g: (g.endswith("\n127") and "nosuchcmd" in g, repr(g)))
	run(con, "cd-pwd", "cd /tmp; pwd", equals("/tmp"))
	run(con, "grep", "grep root /etc/passwd", lambda g: (g.startswith("root:"), repr(g)))
	run(con, "and-or", "false && echo no || echo yes", equals("yes"))
	run(con, "long-pipeline", "echo abc | cat | cat | cat | cat | wc -c", equals("4"))
	run(con, "stderr-to-pipe", "cat /nope 2>&1 | wc -l", equals("1"))
	run(con, "quoting", "echo 'a  b' \"c  $?\" d\\ e", equals("a  b c  0 d e"))
	run(con, "ps", "ps", lambda g: ("/sbin/init" in g and "-sh" in g and " ps" in g, g))
	run(con, "proc-meminfo", "head -1 /proc/meminfo", lambda g: (g.startswith("MemTotal:"), g))
	run(con, "proc-self", "cat /proc/self/comm", equals("cat"))
	run(con, "script", "echo 'echo from script' > /tmp/s.sh; sh /tmp/s.sh",
	    lambda g: (g.endswith("from script"), repr(g)))
	# ^C interrupts the foreground job; the shell survives.
	con.send("sleep 100\r")
	time.sleep(1.0)
	con.send("\x03")
	try:
		con.expect(PROMPT, 20)
		passed("ctrl-c", "sleep interrupted, prompt back")
	except console.ConsoleTimeout as e:
		failed("ctrl-c", "no prompt after ^C", str(e))
		return
	run(con, "alive-after-ctrl-c", "echo alive; echo $?", equals("alive\n0"))
	run(con, "500-cycles-memory", "/tests/limits | grep 500",
	    lambda g: (g.endswith(": same"), g))
	run(con, "fork-bomb", "/tests/limits | grep bomb",
	    lambda g: ("EAGAIN" in g, g))
	run(con, "usable-after-bomb", "echo still here", equals("still here"))
	run(con, "background-job", "sleep 1 & echo started", lambda g: ("started" in g, repr(g)))
	con.send("poweroff\r")
	code = con.wait_exit(30)
	if code is None:
		failed("poweroff", "QEMU still running 30 s after poweroff", con.text())
	else:
		passed("poweroff", f"QEMU exited ({code})")


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=240)
	args = ap.parse_args()
	tmp = tempfile.mkdtemp(prefix="test_shell.")
	iso = os.path.join(tmp, "shell.iso")
	try:
		qemu.build_iso("init=/sbin/init", iso)
	except Exception as e:
		failed("build-iso", "make iso failed", str(e))
		sys.exit(1)
	try:
		with console.Console(iso, timeout=args.timeout) as con:
			try:
				con.expect(PROMPT, 60)
				passed("prompt", "init started the shell")
			except console.ConsoleTimeout as e:
				failed("prompt", "no shell prompt after boot", con.text())
				sys.exit(1)
			session(con)
	finally:
		os.unlink(iso)
		os.rmdir(tmp)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
