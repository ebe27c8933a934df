#!/usr/bin/env python3
"""The shell on the serial console, used as a person would: boot the
default init (/sbin/init starts httpd and /bin/sh), type command lines,
check each answer, interrupt a job with ^C, power off.  The network is
QEMU's user network with the ports forwarded as `make run` forwards them
(to free host ports here): from this host, fetch init's web page; nc
lines both ways between a guest `nc -l 7000` and this host; the guest's
ping, ifconfig, and wget from a python3 http.server here.

Usage: python3 tests/harness/test_shell.py [--timeout SECONDS]
Prints 'PASS <name>' or 'FAIL <name>: <reason>' per check; exits 1 on failure.
"""
import argparse
import http.server
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.request

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


def free_port():
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Ports:
	"""Host ports: forwarded to the guest's 80 and 7000, and a web server here."""

	def __init__(self):
		self.http, self.nc, self.web = free_port(), free_port(), free_port()

	def qemu_args(self):
		fwd = f"hostfwd=tcp:127.0.0.1:{self.http}-:80,hostfwd=tcp:127.0.0.1:{self.nc}-:7000"
		return ["-netdev", f"user,id=n0,{fwd}", "-device", "virtio-net-pci,netdev=n0"]


def check_page(ports):
	"""The page init's httpd serves, fetched from this host."""
	want = open(os.path.join(qemu.REPO, "user", "www", "index.html"), "rb").read()
	try:
		with urllib.request.urlopen(f"http://127.0.0.1:{ports.http}/", timeout=20) as r:
			got = r.read()
	except OSError as e:
		failed("curl-httpd", f"GET / through the forwarded port: {e!r}")
		return
	if got == want:
		passed("curl-httpd", f"/www/index.html, {len(got)} bytes, through 127.0.0.1:{ports.http}")
	else:
		failed("curl-httpd", f"got {len(got)} bytes, want /www/index.html", got[:300].decode("latin-1"))


def check_nc(con, ports):
	"""A guest `nc -l 7000` and this host exchange a line each way."""
	con.send("nc -l 7000\r")
	time.sleep(1.0)
	try:
		sock = socket.create_connection(("127.0.0.1", ports.nc), timeout=20)
		sock.sendall(b"hello from the host\n")
		con.expect("hello from the host", 20)
		con.send("hello from the guest\r")
		got = b""
		while b"\n" not in got:
			chunk = sock.recv(100)
			if not chunk:
				break
			got += chunk
		sock.close()
		con.send("\x04")		# ^D: end of nc's input; the host has closed too
		con.expect(PROMPT, 20)
	except (OSError, console.ConsoleTimeout) as e:
		failed("nc-both-ways", f"{e!r}", con.text()[-2000:])
		return
	if got == b"hello from the guest\n":
		passed("nc-both-ways", "a line each way through 127.0.0.1:%d -> guest :7000" % ports.nc)
	else:
		failed("nc-both-ways", f"the host got {got!r}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
	def log_message(self, *args):
		pass


def check_wget(con, ports, tmp):
	"""The guest fetches a file from a web server on this host (10.0.2.2)."""
	data = b"".join(b"line %d from the host\n" % i for i in range(2000))
	with open(os.path.join(tmp, "file"), "wb") as f:
		f.write(data)
	handler = lambda *a: QuietHandler(*a, directory=tmp)  # noqa: E731
	server = http.server.ThreadingHTTPServer(("127.0.0.1", ports.web), handler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		run(con, "wget", f"wget -q -O /tmp/file http://10.0.2.2:{ports.web}/file; "
		    "wc -c < /tmp/file; tail -1 /tmp/file",
		    equals(f"{len(data)}\nline 1999 from the host"))
	finally:
		server.shutdown()
		server.server_close()


def network_session(con, ports, tmp):
	check_page(ports)
	run(con, "httpd-log", "cat /tmp/httpd.log", lambda g: ("GET / " in g, g))
	check_nc(con, ports)
	run(con, "ping", "ping -c 2 10.0.2.2 | grep transmitted",
	    lambda g: (g.startswith("2 packets transmitted, 2 received"), g))
	run(con, "ifconfig", "ifconfig eth0",
	    lambda g: ("inet 10.0.2.15" in g and "ether 52:54:00:12:34:56" in g, g))
	check_wget(con, ports, tmp)


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
	# ^Z stops the foreground job; fg continues it; ^C ends it.
	con.send("sleep 100\r")
	time.sleep(1.0)
	con.send("\x1a")
	try:
		out = con.expect(PROMPT, 20)
		if "Stopped" in out:
			passed("ctrl-z", "sleep stopped, prompt back")
		else:
			failed("ctrl-z", "no 'Stopped' line", out)
	except console.ConsoleTimeout as e:
		failed("ctrl-z", "no prompt after ^Z", str(e))
		return
	run(con, "ps-stopped", "ps | grep 'sleep 100'", lambda g: (" T sleep 100" in g, g))
	con.send("fg\r")
	time.sleep(1.0)
	con.send("\x03")
	try:
		con.expect(PROMPT, 20)
		passed("fg-ctrl-c", "fg continued sleep, ^C ended it")
	except console.ConsoleTimeout as e:
		failed("fg-ctrl-c", "no prompt after fg and ^C", str(e))
		return
	run(con, "jobs-empty", "jobs; echo done", equals("done"))
	run(con, "500-cycles-memory", "/tests/limits | grep 500",
	    lambda g: (g.endswith(": same"), g))
	run(con, "fork-bomb", "/tests/limits | grep bomb",
	    lambda g: ("EAGAIN" in g, g))
	run(con, "usable-after-bomb", "echo still here", equals("still here"))
	dmesg_session(con)
	run(con, "background-job", "sleep 1 & echo started", lambda g: ("started" in g, repr(g)))


def dmesg_session(con):
	"""The kernel's log through syslog(2): printk keeps every line."""
	run(con, "dmesg", "dmesg | grep EXT2-fs",
	    lambda g: (re.fullmatch(r"\[ *\d+\.\d{6}\] EXT2-fs: mounted filesystem .*", g)
		       is not None, g))
	run(con, "dmesg-raw", "dmesg -r | head -1",
	    lambda g: (g.startswith("<5>[    0.000000] Linux-ABI teaching kernel"), g))
	# strace shows syslog as Linux's strace 6 does.
	run(con, "dmesg-strace", "strace -o /tmp/t dmesg > /dev/null; grep syslog /tmp/t",
	    lambda g: (re.fullmatch(r"syslog\(10 /\* SYSLOG_ACTION_SIZE_BUFFER \*/\) += 65536\n"
				    r"syslog\(3 /\* SYSLOG_ACTION_READ_ALL \*/, \"<5>\[    0\.000000\] "
				    r"Linux-ABI teac\"\.\.\., 65536\) += \d+", g) is not None, g))
	run(con, "dmesg-clear", "dmesg -c > /dev/null; dmesg | wc -l", equals("0"))
	# -n 1: the segfault line (KERN_INFO) stays off the console, not out of the log.
	run(con, "dmesg-console-level",
	    "dmesg -n 1; /tests/nullderef; dmesg -n 7; dmesg | grep -c ': segfault at 0 '",
	    lambda g: (g.split("\n")[-1] == "1" and "segfault at" not in g, g))
	# Every action's semantics, checked by the program itself (it clears the log).
	run(con, "syslog-actions", "/tests/syslog",
	    lambda g: (re.fullmatch(r"syslog: \d+ checks, 0 failed", g) is not None, g))


def power_off(con):
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
	ports = Ports()
	try:
		qemu.build_iso("init=/sbin/init", iso)
	except Exception as e:
		failed("build-iso", "make iso failed", str(e))
		sys.exit(1)
	try:
		with console.Console(iso, timeout=args.timeout, extra_args=ports.qemu_args()) as con:
			try:
				con.expect(PROMPT, 60)
				passed("prompt", "init started the shell")
			except console.ConsoleTimeout as e:
				failed("prompt", "no shell prompt after boot", con.text())
				sys.exit(1)
			session(con)
			network_session(con, ports, tmp)
			power_off(con)
	finally:
		shutil.rmtree(tmp, ignore_errors=True)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
