#!/usr/bin/env python3
"""The network programs (user/nc.c, httpd.c, wget.c, ping.c, ifconfig.c)
on this Linux host, over 127.0.0.1 only.

Usage: python3 tests/harness/test_net_host.py [--keep] [--syscalls]
                                              [--only GROUP,...]

Builds the five programs with musl-gcc and the Makefile's flags into a
temporary directory and runs them here, on Linux, which is the reference
for what they must do in the kernel.  Every socket any test opens, ours or
Python's, is on 127.0.0.1 (servers are told to bind it: nc -s, httpd -a);
ports are free ones picked by the kernel.

- nc: as a client against a Python server (1 MiB each way with sha256,
  the server answering only after nc's end of file, then both directions
  at once, then 16 MiB each way with a server that writes everything
  before it reads), as a server (-l) against a Python client, -l again at once on
  a port left in TIME_WAIT (SO_REUSEADDR), UDP both ways, a refused
  connection.
- httpd: serving a temporary directory to http.client, raw sockets and
  curl (if installed): GET, HEAD, Content-Type, 404, keep-alive (several
  requests on one connection), Connection: close, HTTP/1.0, pipelining,
  "..", 400/405/501, directories (301, index.html, listing), a 16 MiB file
  by sha256, 8 concurrent clients while one client sits on half a request
  and another does not read its 16 MiB response, our wget against it, and
  the log lines.
- wget: against `python3 -m http.server` (a file, the index, -O FILE,
  -O -, -q, 404 -> exit 1) and small Python servers (no Content-Length;
  a body cut short -> exit 1), a refused connection.
- ping: -c 2 and Ctrl-C (SIGINT) against 127.0.0.1, skipped if neither a
  ping socket nor a raw socket is allowed here; if we are root and have
  unshare and ip, once more in a new network namespace whose
  ping_group_range allows ping sockets, run as nobody so that only the
  ping socket can work.
- ifconfig: `ifconfig lo`, the list, a missing interface, and the same
  output as net-tools' ifconfig -a (if installed) but for inet6 lines and
  counters.

Prints 'PASS name', 'FAIL name: why' or 'SKIP name: why' per check and
exits 1 if any check failed.  Every program and server runs under a
timeout; only processes this script started are ever signalled.

--syscalls runs our programs under `strace -f` and prints, per program,
the system calls it made (SYSCALLS lines) and the socket-related details
the kernel must implement: socket() arguments, socket options, ioctls,
fcntl commands, shutdown modes, signals (SOCKETAPI lines).  --keep keeps
the temporary directory; --only runs some groups (nc, httpd, wget, ping,
ifconfig).
"""
import argparse
import hashlib
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CFLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror"]
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
	    "LC_ALL": "C", "TZ": "UTC0"}
PROGRAMS = ["nc", "httpd", "wget", "ping", "ifconfig"]
LOCAL = "127.0.0.1"		# the only address any test uses
TIMEOUT = 60			# seconds, for any one program run
MiB = 1 << 20

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


def check(name, problems, note=""):
	"""PASS if problems is empty, else FAIL with them."""
	if problems:
		failed(name, problems[0], problems[1:])
	else:
		passed(name, note)


def show(data, limit=300):
	"""bytes -> a short printable repr for messages."""
	text = repr(data[:limit])
	return text + ("..." if len(data) > limit else "")


def sha(data):
	return hashlib.sha256(data).hexdigest()[:16]


def rnd(n, seed):
	return random.Random(seed).randbytes(n)


def write(path, data):
	os.makedirs(os.path.dirname(path), exist_ok=True)
	with open(path, "wb") as f:
		f.write(data)


def read(path):
	with open(path, "rb") as f:
		return f.read()


class Missing(Exception):
	pass


class Result:
	def __init__(self, code, out, err, secs):
		self.code, self.out, self.err, self.secs = code, out, err, secs


# --- running our programs -----------------------------------------------

class Runner:
	"""Builds the programs; runs them, under strace with --syscalls."""

	def __init__(self, tmp, trace):
		self.tmp = tmp
		self.bin = os.path.join(tmp, "bin")
		self.trace = trace
		self.calls = {}		# prog -> set of system call names
		self.details = {}	# prog -> set of "setsockopt(...)" etc.
		self.ntrace = 0
		os.makedirs(self.bin)

	def build(self):
		for name in PROGRAMS:
			src = os.path.join(REPO, "user", name + ".c")
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

	def argv(self, prog, args, trace=True):
		"""The command line for prog; the trace file or None."""
		argv = [self.path(prog)] + [str(a) for a in args]
		if not (self.trace and trace):
			return argv, None
		self.ntrace += 1
		tracefile = os.path.join(self.tmp, f"trace.{self.ntrace}")
		return ["strace", "-f", "-qq", "-o", tracefile] + argv, tracefile

	def run(self, prog, args, stdin=None, cwd=None, timeout=TIMEOUT,
		trace=True):
		"""Run prog to its end.  stdin: None (/dev/null), bytes, or
		"@path" (a file)."""
		argv, tracefile = self.argv(prog, args, trace)
		how = {"stdin": subprocess.DEVNULL}
		f = None
		if isinstance(stdin, str) and stdin.startswith("@"):
			f = open(stdin[1:], "rb")
			how = {"stdin": f}
		elif stdin is not None:
			how = {"input": stdin}
		t = time.monotonic()
		try:
			p = subprocess.run(argv, cwd=cwd, capture_output=True,
					   timeout=timeout, env=BASE_ENV, **how)
		except subprocess.TimeoutExpired as e:
			return Result(None, e.stdout or b"", e.stderr or b"",
				      time.monotonic() - t)
		finally:
			if f:
				f.close()
			self.record(prog, tracefile)
		return Result(p.returncode, p.stdout, p.stderr, time.monotonic() - t)

	def start(self, prog, args, stdin=subprocess.DEVNULL,
		  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=None,
		  trace=True):
		"""Start prog in the background (a Popen; see finish and stop)."""
		argv, tracefile = self.argv(prog, args, trace)
		p = subprocess.Popen(argv, stdin=stdin, stdout=stdout,
				     stderr=stderr, cwd=cwd, env=BASE_ENV)
		p.prog, p.tracefile, p.started = prog, tracefile, time.monotonic()
		return p

	def program_pid(self, p):
		"""The pid of our program: p itself, or strace's child."""
		if not p.tracefile:
			return p.pid
		try:
			with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
				kids = f.read().split()
			return int(kids[0]) if kids else None
		except OSError:
			return None

	def signal(self, p, sig):
		pid = self.program_pid(p)
		if pid and p.poll() is None:
			os.kill(pid, sig)

	def finish(self, p, timeout=TIMEOUT):
		"""Wait for p (killing it after timeout): a Result, code None if
		it had to be killed."""
		try:
			out, err = p.communicate(timeout=timeout)
			code = p.returncode
		except subprocess.TimeoutExpired:
			self.signal(p, signal.SIGKILL)
			p.kill()
			out, err = p.communicate()
			code = None
		self.record(p.prog, p.tracefile)
		return Result(code, out or b"", err or b"",
			      time.monotonic() - p.started)

	def stop(self, p):
		"""End a server: SIGTERM, then SIGKILL if it lingers."""
		self.signal(p, signal.SIGTERM)
		if not p.tracefile:
			p.terminate()
		return self.finish(p, timeout=10)

	# One strace line: "PID name(args) = ret" (or unfinished/resumed).
	LINE = re.compile(r"^\d+\s+(?:<\.\.\. )?([a-z_0-9]+)(?:\(| resumed>)(.*)$")

	def record(self, prog, tracefile):
		if not tracefile or not os.path.exists(tracefile):
			return
		names = self.calls.setdefault(prog, set())
		details = self.details.setdefault(prog, set())
		with open(tracefile, errors="replace") as f:
			for line in f:
				m = self.LINE.match(line)
				if not m:
					continue
				name, rest = m.group(1), m.group(2)
				names.add(name)
				d = self.detail(name, rest)
				if d and d.startswith("poll("):
					# one line per events set; merge the revents
					key, _, rev = d.partition("; revents ")
					old = [x for x in details if x.startswith(key + ";")]
					revs = set(rev.rstrip(")").split()) - {"-"}
					for x in old:
						details.discard(x)
						revs |= set(x.partition("; revents ")[2].rstrip(")").split()) - {"-"}
					d = f"{key}; revents {' '.join(sorted(revs)) or '-'})"
				if d:
					details.add(d)
		os.unlink(tracefile)

	@staticmethod
	def detail(name, rest):
		"""What the kernel must know about one call, without fds and
		values: "setsockopt(SOL_SOCKET, SO_REUSEADDR)"; an error is
		added as " -> -1 EACCES (...)"."""
		m = re.match(r"^(.*)\) += (.*)$", rest)
		if not m:
			return None		# unfinished: its other half counts
		args = m.group(1).split(", ")
		ret = m.group(2)
		mark = " -> " + ret if ret.startswith("-1") else ""
		if name == "socket":
			return f"socket({', '.join(args)})" + mark
		if name in ("setsockopt", "getsockopt"):
			return f"{name}({args[1]}, {args[2]})" + mark
		if name == "ioctl":
			return f"ioctl({args[1]})" + mark
		if name == "fcntl":
			return f"fcntl({', '.join(args[1:])})" + mark
		if name == "shutdown":
			return f"shutdown({args[1]})" + mark
		if name == "rt_sigaction":
			return f"rt_sigaction({args[0]})" + mark
		if name == "listen":
			return f"listen(backlog {args[1]})" + mark
		if name in ("bind", "connect", "accept", "accept4"):
			fam = re.search(r"sa_family=(\w+)", m.group(1))
			return f"{name}({fam.group(1) if fam else args[1]})" + mark
		if name in ("sendto", "recvfrom"):
			# fd, "buffer"..., len, flags, address|NULL, ...
			f = re.match(r'^\d+, (?:"(?:[^"\\]|\\.)*"(?:\.\.\.)?|0x[0-9a-f]+), \d+, '
				     r'([A-Z_|0-9]+), (NULL|\{sa_family=\w+)', m.group(1))
			if f:
				return (f"{name}(flags {f.group(1)}, address "
					f"{f.group(2).replace('{sa_family=', '')})" + mark)
		if name == "recvmsg":
			cm = re.findall(r"cmsg_level=(\w+), cmsg_type=(\w+)", m.group(1))
			fl = re.search(r"\}, (\w+)$", m.group(1))
			return (f"recvmsg(flags {fl.group(1) if fl else '?'}, control "
				f"{' '.join(a + '/' + b for a, b in cm) or 'none'})" + mark)
		if name in ("poll", "ppoll"):
			ev = sorted(set(re.findall(r"events=([A-Z|]+)", m.group(1))))
			rev = sorted(set(re.findall(r"revents=([A-Z|]+)", ret)))
			return f"poll(events {' '.join(ev)}; revents {' '.join(rev) or '-'})"
		return None


# --- small servers and clients in Python -----------------------------------

def free_port(kind=socket.SOCK_STREAM):
	"""A port that was free on 127.0.0.1 a moment ago."""
	with socket.socket(socket.AF_INET, kind) as s:
		s.bind((LOCAL, 0))
		return s.getsockname()[1]


def connect_retry(port, secs=10):
	"""Connect to 127.0.0.1:port, retrying while nobody listens yet."""
	end = time.monotonic() + secs
	while True:
		try:
			return socket.create_connection((LOCAL, port), timeout=20)
		except ConnectionRefusedError:
			if time.monotonic() > end:
				raise
			time.sleep(0.05)


def recv_all(s):
	"""Everything until end of file (or the socket's timeout)."""
	chunks = []
	while True:
		d = s.recv(65536)
		if not d:
			return b"".join(chunks)
		chunks.append(d)


class Server:
	"""A TCP server on 127.0.0.1 in a thread: handler(conn) runs for
	the first client.  .port, .error (a repr) and .join()."""

	def __init__(self, handler):
		self.sock = socket.socket()
		self.sock.bind((LOCAL, 0))
		self.sock.listen(4)
		self.sock.settimeout(30)
		self.port = self.sock.getsockname()[1]
		self.error = None
		self.thread = threading.Thread(target=self._run, args=(handler,),
					       daemon=True)
		self.thread.start()

	def _run(self, handler):
		try:
			c, _ = self.sock.accept()
			c.settimeout(30)
			with c:
				handler(c)
		except Exception as e:
			self.error = repr(e)
		finally:
			self.sock.close()

	def join(self, secs=30):
		self.thread.join(secs)
		if self.thread.is_alive():
			self.error = self.error or "server thread still running"


class in_thread(threading.Thread):
	"""fn(*args) in a daemon thread, started at once: .result or .error
	(a repr) once joined."""

	def __init__(self, fn, *args):
		super().__init__(daemon=True)
		self.fn, self.args = fn, args
		self.result = self.error = None
		self.start()

	def run(self):
		try:
			self.result = self.fn(*self.args)
		except Exception as e:
			self.error = repr(e)


def time_wait_on(port):
	"""Is a TCP socket in TIME_WAIT on local port 127.0.0.1:port?"""
	try:
		with open("/proc/net/tcp") as f:
			lines = f.readlines()[1:]
	except OSError:
		return False
	for line in lines:
		fields = line.split()
		if fields[1] == f"0100007F:{port:04X}" and fields[3] == "06":
			return True
	return False


# --- nc ------------------------------------------------------------------

def test_nc(R, tmp):
	A = rnd(MiB, 1)		# what nc sends
	B = rnd(MiB, 2)		# what nc receives
	afile = os.path.join(tmp, "nc-A")
	write(afile, A)

	# The server reads to end of file before answering: nc must send it
	# (shutdown) and then keep reading.
	got = {}

	def answer_after_eof(c):
		data = recv_all(c)
		got["data"] = data
		c.sendall(b"sha " + sha(data).encode() + b"\n" + B)

	srv = Server(answer_after_eof)
	r = R.run("nc", [LOCAL, srv.port], stdin="@" + afile)
	srv.join()
	want = b"sha " + sha(A).encode() + b"\n" + B
	problems = []
	if srv.error:
		problems.append(f"server: {srv.error}")
	if r.code != 0:
		problems.append(f"exit status {r.code} (stderr {show(r.err)})")
	if got.get("data") != A:
		problems.append(f"server got {len(got.get('data') or b'')} bytes "
				f"sha {sha(got.get('data') or b'')}, want {len(A)} sha {sha(A)}")
	if r.out != want:
		problems.append(f"nc printed {len(r.out)} bytes sha {sha(r.out)}, "
				f"want {len(want)} sha {sha(want)}")
	check("nc_client_half_close", problems, "1 MiB each way, reply after EOF")

	# Both directions at once: nc must not block writing while the
	# server, itself blocked writing, waits for nc to read.
	def both_ways(c):
		def send():
			c.sendall(B)
			c.shutdown(socket.SHUT_WR)
		t = in_thread(send)
		got["data"] = recv_all(c)
		t.join(30)
		if t.error:
			raise RuntimeError(t.error)

	got.clear()
	srv = Server(both_ways)
	r = R.run("nc", [LOCAL, srv.port], stdin="@" + afile)
	srv.join()
	problems = []
	if srv.error:
		problems.append(f"server: {srv.error}")
	if r.code != 0:
		problems.append(f"exit status {r.code} (stderr {show(r.err)})")
	if got.get("data") != A:
		problems.append(f"server got sha {sha(got.get('data') or b'')}, want {sha(A)}")
	if r.out != B:
		problems.append(f"nc printed {len(r.out)} bytes sha {sha(r.out)}, "
				f"want {len(B)} sha {sha(B)}")
	check("nc_client_both_ways", problems, "1 MiB each way at once")

	# A peer that sends all it has before it reads anything: 16 MiB each
	# way, more than the socket buffers hold.  An nc that insisted on
	# writing a whole piece of input before reading again would sit in
	# write() while the peer sits in its own; ours writes only what fits
	# (poll POLLOUT, non-blocking socket) and keeps reading meanwhile.
	C = rnd(16 * MiB, 9)
	D = rnd(16 * MiB, 10)
	cfile = os.path.join(tmp, "nc-C")
	write(cfile, C)

	def write_first(c):
		c.sendall(D)
		c.shutdown(socket.SHUT_WR)
		got["data"] = recv_all(c)

	got.clear()
	srv = Server(write_first)
	r = R.run("nc", [LOCAL, srv.port], stdin="@" + cfile)
	srv.join()
	problems = []
	if srv.error:
		problems.append(f"server: {srv.error}")
	if r.code != 0:
		problems.append(f"exit status {r.code} (stderr {show(r.err)})")
	if sha(got.get("data") or b"") != sha(C):
		problems.append(f"server got {len(got.get('data') or b'')} bytes, want {len(C)}")
	if sha(r.out) != sha(D):
		problems.append(f"nc printed {len(r.out)} bytes sha {sha(r.out)}, want {len(D)}")
	check("nc_client_peer_writes_first", problems, "16 MiB each way")

	test_nc_listen(R, tmp, A, B, afile)
	test_nc_udp(R, tmp)

	port = free_port()
	r = R.run("nc", [LOCAL, port])
	want = b"nc: connect: Connection refused\n"
	check("nc_refused", [] if (r.code, r.err) == (1, want) else
	      [f"exit {r.code}, stderr {show(r.err)}; want 1, {show(want)}"])

	r = R.run("nc", [])
	check("nc_usage", [] if r.code == 1 and b"usage" in r.err else
	      [f"exit {r.code}, stderr {show(r.err)}"])


def test_nc_listen(R, tmp, A, B, afile):
	"""nc -l: a Python client sends B and reads A, both at once."""
	port = free_port()
	outpath = os.path.join(tmp, "nc-l.out")
	# stdout into a file: a pipe we only read at the end could fill up
	# and block nc (which then stops reading its socket too).
	with open(afile, "rb") as f, open(outpath, "wb") as out:
		p = R.start("nc", ["-l", "-s", LOCAL, port], stdin=f, stdout=out)
	problems = []
	try:
		c = connect_retry(port)
		with c:
			def send():
				c.sendall(B)
				c.shutdown(socket.SHUT_WR)
			t = in_thread(send)
			data = recv_all(c)
			t.join(30)
		if t.error:
			problems.append(f"client send: {t.error}")
		if data != A:
			problems.append(f"client got {len(data)} bytes sha {sha(data)}, "
					f"want {len(A)} sha {sha(A)}")
	except OSError as e:
		problems.append(f"client: {e!r}")
	r = R.finish(p, 30)
	r.out = read(outpath)
	if r.code != 0:
		problems.append(f"exit status {r.code} (stderr {show(r.err)})")
	if r.out != B:
		problems.append(f"nc -l printed {len(r.out)} bytes sha {sha(r.out)}, "
				f"want sha {sha(B)}")
	check("nc_listen", problems, "1 MiB each way at once")

	# nc -l with nothing to say closes first, so its port is left in
	# TIME_WAIT; a second nc -l on it at once needs SO_REUSEADDR.
	problems = []
	tw = False
	for round in (1, 2):
		p = R.start("nc", ["-l", "-s", LOCAL, port])
		try:
			with connect_retry(port) as c:
				c.sendall(b"round %d\n" % round)
				c.shutdown(socket.SHUT_WR)
				rest = recv_all(c)
			if rest:
				problems.append(f"round {round}: client got {show(rest)}")
		except OSError as e:
			problems.append(f"round {round}: client: {e!r}")
		r = R.finish(p, 20)
		if r.code != 0 or r.out != b"round %d\n" % round:
			problems.append(f"round {round}: exit {r.code}, stdout {show(r.out)}, "
					f"stderr {show(r.err)}")
		if round == 1:
			tw = time_wait_on(port)
	check("nc_listen_reuseaddr", problems,
	      "port was in TIME_WAIT" if tw else "no TIME_WAIT seen")


def test_nc_udp(R, tmp):
	# Client: a Python UDP server answers each datagram in upper case.
	srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	srv.bind((LOCAL, 0))
	srv.settimeout(20)

	def echo():
		data, peer = srv.recvfrom(65536)
		srv.sendto(data.upper(), peer)
		return data
	t = in_thread(echo)
	r = R.run("nc", ["-u", "-w", "1", LOCAL, srv.getsockname()[1]],
		  stdin=b"hello udp\n", timeout=20)
	t.join(20)
	srv.close()
	problems = []
	if t.error or t.result != b"hello udp\n":
		problems.append(f"server got {t.result!r} ({t.error})")
	if r.code != 0 or r.out != b"HELLO UDP\n":
		problems.append(f"exit {r.code}, stdout {show(r.out)}, stderr {show(r.err)}")
	if r.secs < 0.9:
		problems.append(f"-w 1 ended after {r.secs:.2f} s")
	check("nc_udp_client", problems)

	# Server: nc -u -l answers the first sender with its input.
	port = free_port(socket.SOCK_DGRAM)
	pong = os.path.join(tmp, "nc-pong")
	write(pong, b"pong\n")
	with open(pong, "rb") as f:
		p = R.start("nc", ["-u", "-l", "-s", LOCAL, "-w", "2", port], stdin=f)
	c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	c.settimeout(0.2)
	reply = None
	end = time.monotonic() + 10
	while reply is None and time.monotonic() < end:
		c.sendto(b"ping\n", (LOCAL, port))	# until nc is there
		try:
			reply = c.recvfrom(65536)[0]
		except (socket.timeout, ConnectionRefusedError):
			pass
	c.close()
	r = R.finish(p, 20)
	problems = []
	if reply != b"pong\n":
		problems.append(f"client got {reply!r}")
	if r.code != 0 or not r.out or r.out.replace(b"ping\n", b"") != b"":
		problems.append(f"exit {r.code}, stdout {show(r.out)}, stderr {show(r.err)}")
	check("nc_udp_listen", problems)


# --- httpd ---------------------------------------------------------------

def make_www(root, outside):
	files = {
		"index.html": b"<html><body>hello from httpd</body></html>\n",
		"hello.txt": b"hello, world\n",
		"style.css": b"body { color: black; }\n",
		"app.js": b"console.log('hi');\n",
		"pic.png": b"\x89PNG\r\n\x1a\n" + rnd(300, 3),
		"data.bin": rnd(5000, 4),
		"noext": b"no extension\n",
		"mid.bin": rnd(MiB, 5),
		"big.bin": rnd(16 * MiB, 6),
		"sub/a b.txt": b"spaces\n",
		"sub/x&y.txt": b"ampersand\n",
		"sub/deeper/z.txt": b"z\n",
		"withindex/index.html": b"<p>the index of withindex</p>\n",
		"withindex/other.txt": b"other\n",
	}
	for name, data in files.items():
		write(os.path.join(root, name), data)
	write(outside, b"SECRET outside the root\n")
	return files


def start_httpd(R, root, tmp):
	"""Start httpd on a free port of 127.0.0.1: (Popen, port, log path)."""
	for attempt in range(3):
		port = free_port()
		logpath = os.path.join(tmp, f"httpd.{port}.log")
		with open(logpath, "wb") as log:	# a pipe could fill up
			p = R.start("httpd", ["-p", port, "-a", LOCAL, "-r", root],
				    stdout=subprocess.DEVNULL, stderr=log)
		end = time.monotonic() + 10
		while p.poll() is None and time.monotonic() < end:
			try:
				socket.create_connection((LOCAL, port), timeout=5).close()
				return p, port, logpath
			except ConnectionRefusedError:
				time.sleep(0.05)
		R.stop(p)
	raise RuntimeError(f"httpd did not start: {read(logpath)!r}")


def request(port, method, path, headers=None, conn=None):
	"""(status, headers with lower-case names, body) through http.client."""
	c = conn or http.client.HTTPConnection(LOCAL, port, timeout=30)
	c.request(method, path, headers=headers or {})
	r = c.getresponse()
	body = r.read()
	if not conn:
		c.close()
	return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def raw(port, data, secs=15):
	"""Send data on a new connection, read until the server closes it:
	(bytes, closed?)."""
	with socket.create_connection((LOCAL, port), timeout=secs) as s:
		s.sendall(data)
		chunks = []
		try:
			while True:
				d = s.recv(65536)
				if not d:
					return b"".join(chunks), True
				chunks.append(d)
		except socket.timeout:
			return b"".join(chunks), False


def parse_responses(data, heads=()):
	"""Split raw bytes into [(status, headers, body)] by Content-Length;
	heads: the indices of answers to HEAD (no body).  Anything that is
	not a complete response ends up as (None, {}, rest)."""
	out = []
	while data:
		end = data.find(b"\r\n\r\n")
		if end < 0 or not data.startswith(b"HTTP/1.1 "):
			out.append((None, {}, data))
			break
		lines = data[:end].decode("latin-1").split("\r\n")
		status = int(lines[0].split()[1])
		headers = {}
		for line in lines[1:]:
			k, _, v = line.partition(":")
			headers[k.strip().lower()] = v.strip()
		n = 0 if len(out) in heads else int(headers.get("content-length", 0))
		out.append((status, headers, data[end + 4:end + 4 + n]))
		data = data[end + 4 + n:]
	return out


def test_httpd(R, tmp):
	root = os.path.join(tmp, "www")
	secret = os.path.join(tmp, "secret.txt")
	files = make_www(root, secret)
	p, port, logpath = start_httpd(R, root, tmp)
	checks = [httpd_get, httpd_head, httpd_keepalive, httpd_close,
		  httpd_pipeline, httpd_refused, httpd_dirs, httpd_big,
		  httpd_concurrent, httpd_curl, httpd_wget]
	try:
		for fn in checks:
			try:
				fn(R, port, files, tmp)
			except Exception as e:
				import traceback
				failed(fn.__name__, f"test crashed: {e!r}",
				       traceback.format_exc().splitlines())
		check("httpd_alive", [] if p.poll() is None else
		      [f"httpd exited with status {p.returncode}"])
	finally:
		r = R.stop(p)
	httpd_log(read(logpath))

	r = R.run("httpd", ["-p", free_port(), "-a", LOCAL, "-r",
			    os.path.join(tmp, "no-such-dir")], timeout=10)
	want = f"httpd: {os.path.join(tmp, 'no-such-dir')}: No such file or directory\n"
	check("httpd_bad_root", [] if (r.code, r.err) == (1, want.encode()) else
	      [f"exit {r.code}, stderr {show(r.err)}"])


def httpd_get(R, port, files, tmp):
	types = {"/": "text/html", "/index.html": "text/html",
		 "/hello.txt": "text/plain", "/style.css": "text/css",
		 "/app.js": "text/javascript", "/pic.png": "image/png",
		 "/data.bin": "application/octet-stream",
		 "/noext": "application/octet-stream"}
	problems = []
	for path, ctype in types.items():
		status, h, body = request(port, "GET", path)
		want = files["index.html" if path == "/" else path[1:]]
		if status != 200 or body != want:
			problems.append(f"GET {path}: {status}, body {show(body, 60)}")
		if h.get("content-type") != ctype:
			problems.append(f"GET {path}: Content-Type {h.get('content-type')}, want {ctype}")
		if h.get("content-length") != str(len(want)):
			problems.append(f"GET {path}: Content-Length {h.get('content-length')}")
	check("httpd_get", problems, f"{len(types)} files, Content-Type and -Length")

	status, h, body = request(port, "GET", "/no/such/file.txt")
	problems = []
	if status != 404 or b"404" not in body:
		problems.append(f"status {status}, body {show(body)}")
	if h.get("content-length") != str(len(body)):
		problems.append(f"Content-Length {h.get('content-length')}, body {len(body)}")
	check("httpd_404", problems)


def httpd_head(R, port, files, tmp):
	c = http.client.HTTPConnection(LOCAL, port, timeout=30)
	problems = []
	status, h, body = request(port, "HEAD", "/hello.txt", conn=c)
	if status != 200 or body != b"":
		problems.append(f"HEAD: {status}, body {show(body)}")
	if h.get("content-length") != str(len(files["hello.txt"])):
		problems.append(f"HEAD: Content-Length {h.get('content-length')}")
	# No body may follow a HEAD response: the next answer must be clean.
	status, h, body = request(port, "GET", "/hello.txt", conn=c)
	if status != 200 or body != files["hello.txt"]:
		problems.append(f"GET after HEAD: {status}, {show(body)}")
	status, h, body = request(port, "HEAD", "/missing", conn=c)
	if status != 404 or body != b"":
		problems.append(f"HEAD /missing: {status}, body {show(body)}")
	c.close()
	check("httpd_head", problems)


def httpd_keepalive(R, port, files, tmp):
	c = http.client.HTTPConnection(LOCAL, port, timeout=30)
	problems = []
	sock = None
	paths = ["/hello.txt", "/", "/missing", "/pic.png", "/mid.bin", "/hello.txt"]
	for i, path in enumerate(paths):
		status, h, body = request(port, "GET", path, conn=c)
		if i == 0:
			sock = c.sock
		elif c.sock is not sock or sock is None:
			problems.append(f"request {i + 1} ({path}) needed a new connection")
			sock = c.sock
		if h.get("connection", "").lower() != "keep-alive":
			problems.append(f"{path}: Connection: {h.get('connection')}")
		if path != "/missing" and body != files["index.html" if path == "/" else path[1:]]:
			problems.append(f"{path}: wrong body")
	c.close()
	check("httpd_keepalive", problems, f"{len(paths)} requests on one connection")


def httpd_close(R, port, files, tmp):
	cases = [
		("HTTP/1.1 + Connection: close",
		 b"GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
		("HTTP/1.0", b"GET /hello.txt HTTP/1.0\r\n\r\n", True),
		("HTTP/1.0 + keep-alive",
		 b"GET /hello.txt HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", False),
		("HTTP/1.1", b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n", False),
	]
	problems = []
	for what, req, closes in cases:
		data, closed = raw(port, req, secs=2 if not closes else 15)
		resp = parse_responses(data)
		if len(resp) != 1 or resp[0][0] != 200 or resp[0][2] != files["hello.txt"]:
			problems.append(f"{what}: response {show(data)}")
		elif closed != closes:
			problems.append(f"{what}: connection {'closed' if closed else 'kept'}")
		elif resp[0][1].get("connection", "").lower() != ("close" if closes else "keep-alive"):
			problems.append(f"{what}: Connection: {resp[0][1].get('connection')}")
	check("httpd_connection_close", problems,
	      "close on request and for 1.0; kept for 1.1 and 1.0 keep-alive")


def httpd_pipeline(R, port, files, tmp):
	reqs = (b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
		b"HEAD /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
		b"GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
		b"GET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	data, closed = raw(port, reqs)
	got = [(s, b) for s, h, b in parse_responses(data, heads=(1,))]
	want = [(200, files["hello.txt"]), (200, b""), (404, None), (200, files["app.js"])]
	problems = []
	if len(got) != 4 or None in [s for s, b in got]:
		problems.append(f"{len(got)} responses: {show(data)}")
	else:
		for (s, b), (ws, wb) in zip(got, want):
			if s != ws or (wb is not None and b != wb):
				problems.append(f"got {s} {show(b, 40)}, want {ws} {show(wb or b'', 40)}")
	if not closed:
		problems.append("connection not closed after Connection: close")
	check("httpd_pipeline", problems, "4 requests in one write")


def httpd_refused(R, port, files, tmp):
	problems = []
	for path in ["/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt",
		     "/sub/%2E%2E/hello.txt", "/sub/..", "/.."]:
		data, _ = raw(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
		resp = parse_responses(data)
		if not resp or resp[0][0] != 403 or b"SECRET" in data:
			problems.append(f"GET {path}: {show(data, 100)}")
	check("httpd_dotdot", problems, "403 for every '..' component")

	cases = [
		(b"garbage\r\n\r\n", 400),
		(b"GET\r\n\r\n", 400),
		(b"GET / HTTP/1.1 extra\r\n\r\n", 400),
		(b"GET nopath HTTP/1.1\r\n\r\n", 400),
		(b"GET / FTP/1.0\r\n\r\n", 400),
		(b"GET /%zz HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
		(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", 400),
		(b"POST /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", 405),
		(b"DELETE /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n", 405),
		(b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 501),
	]
	problems = []
	for req, status in cases:
		data, closed = raw(port, req)
		resp = parse_responses(data)
		if not resp or resp[0][0] != status:
			problems.append(f"{show(req, 40)}: {show(data, 100)}, want {status}")
		elif status == 405 and resp[0][1].get("allow") != "GET, HEAD":
			problems.append(f"{show(req, 40)}: Allow: {resp[0][1].get('allow')}")
		elif str(status).encode() not in resp[0][2]:
			problems.append(f"{show(req, 40)}: body {show(resp[0][2])}")
		elif not closed:
			problems.append(f"{show(req, 40)}: connection not closed")
	check("httpd_errors", problems, "400, 405 (Allow), 501; connection closed")


def httpd_dirs(R, port, files, tmp):
	problems = []
	status, h, body = request(port, "GET", "/sub")
	if status != 301 or h.get("location") != "/sub/":
		problems.append(f"/sub: {status}, Location {h.get('location')}")
	status, h, body = request(port, "GET", "/sub/")
	if status != 200 or h.get("content-type") != "text/html":
		problems.append(f"/sub/: {status} {h.get('content-type')}")
	for s in [b'href="a%20b.txt"', b">a b.txt<", b">x&amp;y.txt<", b'href="deeper/"']:
		if s not in body:
			problems.append(f"/sub/ listing lacks {s!r}: {show(body, 500)}")
	status, h, hbody = request(port, "HEAD", "/sub/")
	if status != 200 or hbody or h.get("content-length") != str(len(body)):
		problems.append(f"HEAD /sub/: {status} {h.get('content-length')} {show(hbody)}")
	status, h, body = request(port, "GET", "/withindex/")
	if status != 200 or body != files["withindex/index.html"]:
		problems.append(f"/withindex/: {status} {show(body)}")
	status, h, body = request(port, "GET", "/sub/a%20b.txt?x=1")
	if status != 200 or body != files["sub/a b.txt"]:
		problems.append(f"/sub/a%20b.txt?x=1: {status} {show(body)}")
	check("httpd_dirs", problems, "301, listing, index.html, %20 and ?query")


def httpd_big(R, port, files, tmp):
	t = time.monotonic()
	status, h, body = request(port, "GET", "/big.bin")
	secs = time.monotonic() - t
	problems = []
	if status != 200 or sha(body) != sha(files["big.bin"]):
		problems.append(f"{status}: {len(body)} bytes sha {sha(body)}, "
				f"want {len(files['big.bin'])} sha {sha(files['big.bin'])}")
	if h.get("content-length") != str(16 * MiB):
		problems.append(f"Content-Length {h.get('content-length')}")
	check("httpd_big", problems, f"16 MiB by sha256 in {secs:.2f} s")


def httpd_concurrent(R, port, files, tmp):
	# One client sits on half a request, another asks for 16 MiB and
	# reads nothing: neither may hold up the others.
	slow = socket.create_connection((LOCAL, port), timeout=30)
	slow.sendall(b"GET /hel")
	stalled = socket.socket()
	stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
	stalled.settimeout(30)
	stalled.connect((LOCAL, port))
	stalled.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")

	n = 8
	barrier = threading.Barrier(n, timeout=30)

	def client(i):
		c = http.client.HTTPConnection(LOCAL, port, timeout=30)
		c.connect()
		barrier.wait()		# all connected: now all at once
		for k in range(3):
			status, h, body = request(port, "GET", "/mid.bin", conn=c)
			if status != 200 or body != files["mid.bin"]:
				return f"client {i}: mid.bin {status} {len(body)} bytes"
			status, h, body = request(port, "GET", "/hello.txt", conn=c)
			if body != files["hello.txt"]:
				return f"client {i}: hello.txt {status} {show(body)}"
		c.close()
		return None

	t = time.monotonic()
	threads = [in_thread(client, i) for i in range(n)]
	problems = []
	for i, th in enumerate(threads):
		th.join(max(1, 60 - (time.monotonic() - t)))
		if th.is_alive():
			problems.append(f"client {i} not done after 60 s")
		elif th.error or th.result:
			problems.append(th.error or th.result)
	secs = time.monotonic() - t
	# The stalled client still gets its file once it reads.
	stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
	data = bytearray()
	try:
		while data.find(b"\r\n\r\n") < 0 or \
		      len(data) - data.find(b"\r\n\r\n") - 4 < 16 * MiB:
			d = stalled.recv(1 << 20)
			if not d:
				break
			data += d
	except OSError as e:
		problems.append(f"stalled client: {e!r}")
	body = bytes(data[data.find(b"\r\n\r\n") + 4:])
	if body[:16 * MiB] != files["big.bin"]:
		problems.append(f"stalled client got {len(body)} bytes, sha {sha(body)}")
	stalled.close()
	slow.close()
	check("httpd_concurrent", problems,
	      f"{n} clients x 3 MiB in {secs:.2f} s beside a slow and a stalled one")


def httpd_curl(R, port, files, tmp):
	if not shutil.which("curl"):
		skipped("httpd_curl", "curl not installed")
		return
	base = f"http://{LOCAL}:{port}"
	out = os.path.join(tmp, "curl.out")
	problems = []
	r = subprocess.run(["curl", "-sS", "--max-time", "60", "-o", out, base + "/big.bin"],
			   capture_output=True, timeout=90)
	if r.returncode != 0 or sha(read(out)) != sha(files["big.bin"]):
		problems.append(f"big.bin: curl {r.returncode} {show(r.stderr)}")
	r = subprocess.run(["curl", "-sS", "--max-time", "20", "-I", base + "/hello.txt"],
			   capture_output=True, timeout=30)
	if not re.search(rb"^HTTP/1.1 200 OK\r$", r.stdout, re.M) or \
	   not re.search(rb"^Content-Length: %d\r$" % len(files["hello.txt"]), r.stdout, re.M):
		problems.append(f"-I: {show(r.stdout)}")
	r = subprocess.run(["curl", "-sS", "-v", "--max-time", "20",
			    base + "/hello.txt", base + "/style.css", base + "/sub/x%26y.txt"],
			   capture_output=True, timeout=30)
	if r.stdout != files["hello.txt"] + files["style.css"] + files["sub/x&y.txt"]:
		problems.append(f"three URLs: {show(r.stdout)}")
	if len(re.findall(rb"Re-?using existing connection", r.stderr, re.I)) != 2:
		problems.append("curl did not reuse the connection: " +
				show(b"\n".join(l for l in r.stderr.split(b"\n") if b"onnect" in l)))
	r = subprocess.run(["curl", "-sS", "--max-time", "20", "--path-as-is",
			    "-o", "/dev/null", "-w", "%{http_code}", base + "/../secret.txt"],
			   capture_output=True, timeout=30)
	if r.stdout != b"403":
		problems.append(f"/../secret.txt: {show(r.stdout)}")
	check("httpd_curl", problems, "16 MiB, -I, keep-alive, ..")


def httpd_wget(R, port, files, tmp):
	"""Our wget against our httpd."""
	d = os.path.join(tmp, "wget-from-httpd")
	os.makedirs(d)
	r = R.run("wget", [f"http://{LOCAL}:{port}/big.bin"], cwd=d)
	got = read(os.path.join(d, "big.bin")) if os.path.exists(os.path.join(d, "big.bin")) else b""
	check("httpd_wget", [] if r.code == 0 and sha(got) == sha(files["big.bin"]) else
	      [f"exit {r.code}, {len(got)} bytes sha {sha(got)}, stderr {show(r.err)}"],
	      "16 MiB")


def httpd_log(log):
	lines = log.decode("latin-1").splitlines()
	problems = []
	if not lines or not re.match(r"^httpd: serving \S+ on 127\.0\.0\.1:\d+$", lines[0]):
		problems.append(f"first line {lines[:1]}")
	form = re.compile(r'^127\.0\.0\.1:\d+ "[^"]*" \d{3} \d+$')
	bad = [l for l in lines[1:] if not form.match(l)]
	if bad:
		problems.append(f"{len(bad)} lines not like 'ADDR:PORT \"REQUEST\" STATUS BYTES'")
		problems += bad[:10]
	for want in [r'"GET /hello.txt HTTP/1.1" 200 13$', r'"HEAD /hello.txt HTTP/1.1" 200 0$',
		     r'"GET /no/such/file.txt HTTP/1.1" 404 \d+$', r'"BREW /pot HTTP/1.1" 501 \d+$',
		     r'"GET /big.bin HTTP/1.1" 200 16777216$']:
		if not any(re.search(want, l) for l in lines):
			problems.append(f"no log line matching {want}")
	check("httpd_log", problems, f"{len(lines) - 1} request lines")


# --- wget ----------------------------------------------------------------

def test_wget(R, tmp):
	www = os.path.join(tmp, "wget-www")
	files = {"file.bin": rnd(MiB, 7), "index.html": b"<p>index</p>\n",
		 "sub/deep.txt": b"deep\n"}
	for name, data in files.items():
		write(os.path.join(www, name), data)
	out = os.path.join(tmp, "wget-out")
	os.makedirs(out)

	srv = None
	for attempt in range(3):
		port = free_port()
		srv = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", LOCAL,
					"--directory", www, str(port)],
				       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		try:
			connect_retry(port, 10).close()
			break
		except OSError:
			srv.kill()
			srv.wait()
			srv = None
	if srv is None:
		failed("wget", "python3 -m http.server did not start")
		return
	base = f"http://{LOCAL}:{port}"
	try:
		wget_python(R, base, files, out)
	finally:
		srv.kill()
		srv.wait(10)
	wget_odd_servers(R, out)

	r = R.run("wget", [f"http://{LOCAL}:{free_port()}/x"], cwd=out)
	check("wget_refused", [] if r.code == 1 and
	      r.err.endswith(b"wget: connect: Connection refused\n") else
	      [f"exit {r.code}, stderr {show(r.err)}"])
	problems = []
	for args in (["ftp://127.0.0.1/x"], ["http://example/x"], []):
		r = R.run("wget", args, cwd=out)
		if r.code != 1 or not (r.err.startswith(b"wget: ") or b"usage" in r.err):
			problems.append(f"{args}: exit {r.code}, stderr {show(r.err)}")
	check("wget_bad_url", problems)


def wget_python(R, base, files, out):
	r = R.run("wget", [base + "/file.bin"], cwd=out)
	got = os.path.join(out, "file.bin")
	problems = []
	if r.code != 0:
		problems.append(f"exit {r.code}, stderr {show(r.err)}")
	if not os.path.exists(got) or sha(read(got)) != sha(files["file.bin"]):
		problems.append("file.bin missing or wrong")
	for s in [b"200 OK", b"Length: 1048576", b"'file.bin' saved [1048576/1048576]"]:
		if s not in r.err:
			problems.append(f"stderr lacks {s!r}: {show(r.err)}")
	check("wget_get", problems, "1 MiB by sha256")

	r = R.run("wget", [base + "/"], cwd=out)
	got = os.path.join(out, "index.html")
	check("wget_index", [] if r.code == 0 and os.path.exists(got) and
	      read(got) == files["index.html"] else [f"exit {r.code}, stderr {show(r.err)}"])

	r = R.run("wget", ["-q", "-O", "other.name", base + "/file.bin"], cwd=out)
	got = os.path.join(out, "other.name")
	check("wget_O_quiet", [] if r.code == 0 and r.err == b"" and os.path.exists(got)
	      and read(got) == files["file.bin"] else
	      [f"exit {r.code}, stderr {show(r.err)}"])

	r = R.run("wget", ["-q", "-O", "-", base + "/sub/deep.txt"], cwd=out)
	check("wget_stdout", [] if (r.code, r.out, r.err) == (0, files["sub/deep.txt"], b"")
	      else [f"exit {r.code}, stdout {show(r.out)}, stderr {show(r.err)}"])

	r = R.run("wget", ["-q", base + "/missing.txt"], cwd=out)
	problems = []
	if r.code != 1 or b"404" not in r.err:
		problems.append(f"exit {r.code}, stderr {show(r.err)}")
	if os.path.exists(os.path.join(out, "missing.txt")):
		problems.append("missing.txt was created")
	check("wget_404", problems, r.err.decode("latin-1").strip())


def wget_odd_servers(R, out):
	body = rnd(300 * 1024, 8)

	def no_length(c):
		c.recv(65536)
		c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n")
		for i in range(0, len(body), 10000):	# in pieces
			c.sendall(body[i:i + 10000])

	srv = Server(no_length)
	r = R.run("wget", ["-O", "nolen.bin", f"http://{LOCAL}:{srv.port}/nolen"], cwd=out)
	srv.join()
	got = os.path.join(out, "nolen.bin")
	check("wget_no_length", [] if r.code == 0 and os.path.exists(got) and
	      read(got) == body and not srv.error else
	      [f"exit {r.code}, stderr {show(r.err)}, server {srv.error}"],
	      "read until the server closes")

	def short(c):
		c.recv(65536)
		c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
			  + b"x" * 500)

	srv = Server(short)
	r = R.run("wget", ["-q", f"http://{LOCAL}:{srv.port}/short.txt"], cwd=out)
	srv.join()
	check("wget_short", [] if r.code == 1 and
	      b"connection closed after 500 of 1000 bytes" in r.err else
	      [f"exit {r.code}, stderr {show(r.err)}"])


# --- ping ----------------------------------------------------------------

def icmp_allowed():
	"""Which ICMP socket this host lets us open (as ping tries them)."""
	for kind, what in ((socket.SOCK_DGRAM, "ping socket"),
			   (socket.SOCK_RAW, "raw socket")):
		try:
			socket.socket(socket.AF_INET, kind, socket.IPPROTO_ICMP).close()
			return what
		except OSError:
			pass
	return None


REPLY = re.compile(r"^64 bytes from 127\.0\.0\.1: icmp_seq=(\d+) ttl=\d+ time=[\d.]+ ms$")


def ping_problems(out, want_sent=None):
	"""Check iputils' format; returns (problems, transmitted)."""
	lines = out.decode("latin-1").splitlines()
	problems = []
	if not lines or lines[0] != "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.":
		problems.append(f"first line {lines[:1]}")
	seqs = [int(m.group(1)) for m in map(REPLY.match, lines) if m]
	try:
		i = lines.index("--- 127.0.0.1 ping statistics ---")
	except ValueError:
		return problems + ["no statistics"] + lines, 0
	if lines[i - 1] != "":
		problems.append("no blank line before the statistics")
	m = re.match(r"^(\d+) packets transmitted, (\d+) received, 0% packet loss, "
		     r"time \d+ms$", lines[i + 1] if len(lines) > i + 1 else "")
	if not m:
		problems.append(f"statistics line {lines[i + 1:i + 2]}")
		return problems, 0
	sent, recv = int(m.group(1)), int(m.group(2))
	if want_sent is not None and sent != want_sent:
		problems.append(f"{sent} transmitted, want {want_sent}")
	if recv != sent or seqs != list(range(1, sent + 1)):
		problems.append(f"{recv} received, icmp_seq {seqs}")
	if len(lines) != i + 3 or not re.match(
			r"^rtt min/avg/max/mdev = [\d.]+/[\d.]+/[\d.]+/[\d.]+ ms$", lines[i + 2]):
		problems.append(f"rtt line {lines[i + 2:]}")
	if lines[1:i - 1] != [l for l in lines[1:i - 1] if REPLY.match(l)]:
		problems.append("unexpected lines: " + " | ".join(lines[1:i - 1]))
	return problems, sent


def test_ping(R, tmp):
	allowed = icmp_allowed()
	if not allowed:
		skipped("ping", "neither ping sockets (net.ipv4.ping_group_range) "
			"nor raw sockets are allowed here")
	else:
		r = R.run("ping", ["-c", "2", "-i", "0.3", LOCAL], timeout=30)
		problems, _ = ping_problems(r.out, 2)
		if r.code != 0 or r.err:
			problems.append(f"exit {r.code}, stderr {show(r.err)}")
		check("ping_count", problems + [show(r.out, 1000)] if problems else [],
		      f"{allowed}, {r.secs:.2f} s")

		p = R.start("ping", ["-i", "0.2", LOCAL])
		time.sleep(1.1)
		R.signal(p, signal.SIGINT)
		r = R.finish(p, 15)
		problems, sent = ping_problems(r.out)
		if r.code != 0 or r.err:
			problems.append(f"exit {r.code}, stderr {show(r.err)}")
		if sent < 3:
			problems.append(f"only {sent} sent in 1.1 s at -i 0.2")
		check("ping_sigint", problems + [show(r.out, 1000)] if problems else [],
		      f"{sent} sent before SIGINT")
		ping_socket_netns(R, tmp)

	r = R.run("ping", ["-c", "1", "nohost"])
	check("ping_bad_host", [] if (r.code, r.err) == (1, b"ping: nohost: not an IPv4 address\n")
	      else [f"exit {r.code}, stderr {show(r.err)}"])


def ping_socket_netns(R, tmp):
	"""In a new network namespace (only its own lo), allow ping sockets
	and run ping as nobody: only a ping socket can work there."""
	name = "ping_socket_netns"
	if os.geteuid() != 0 or not all(map(shutil.which, ["unshare", "ip", "setpriv"])):
		skipped(name, "needs root, unshare, ip and setpriv")
		return
	# nobody must reach the binary: copy it out of our 0700 directory.
	d = tempfile.mkdtemp(prefix="ping-nobody.")
	try:
		os.chmod(d, 0o777)		# nobody writes the strace file
		exe = os.path.join(d, "ping")
		shutil.copy(R.path("ping"), exe)
		os.chmod(exe, 0o755)
		tracefile = os.path.join(d, "trace") if R.trace else None
		cmd = [exe, "-c", "2", "-i", "0.2", LOCAL]
		if tracefile:
			cmd = ["strace", "-f", "-qq", "-o", tracefile] + cmd
		script = ("ip link set lo up && "
			  "echo '0 2147483647' > /proc/sys/net/ipv4/ping_group_range && "
			  'exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"')
		try:
			r = subprocess.run(["unshare", "--net", "sh", "-c", script, "sh"] + cmd,
					   capture_output=True, timeout=30, env=BASE_ENV)
		except subprocess.TimeoutExpired:
			failed(name, "timed out")
			return
		finally:
			R.record("ping", tracefile)
		if r.returncode != 0 and b"ping" not in r.stderr + r.stdout:
			skipped(name, f"could not set up the namespace: {show(r.stderr)}")
			return
		problems, _ = ping_problems(r.stdout, 2)
		if r.returncode != 0 or r.stderr:
			problems.append(f"exit {r.returncode}, stderr {show(r.stderr)}")
		check(name, problems + [show(r.stdout, 1000)] if problems else [],
		      "SOCK_DGRAM/IPPROTO_ICMP as uid 65534, ttl from IP_RECVTTL")
	finally:
		shutil.rmtree(d, ignore_errors=True)


# --- ifconfig ------------------------------------------------------------

def test_ifconfig(R, tmp):
	r = R.run("ifconfig", ["lo"])
	problems = []
	lines = r.out.decode("latin-1").splitlines()
	if r.code != 0 or r.err:
		problems.append(f"exit {r.code}, stderr {show(r.err)}")
	if not lines or not re.match(r"^lo: flags=\d+<([A-Z]+,)*LOOPBACK(,[A-Z]+)*>  mtu \d+$",
				     lines[0]):
		problems.append(f"first line {lines[:1]}")
	if "        inet 127.0.0.1  netmask 255.0.0.0" not in lines:
		problems.append("no 'inet 127.0.0.1  netmask 255.0.0.0' line")
	if not any(re.match(r"^        loop  txqueuelen \d+  \(Local Loopback\)$", l) for l in lines):
		problems.append("no 'loop ... (Local Loopback)' line")
	if os.path.exists("/proc/net/dev") and not any(
			re.match(r"^        RX packets \d+  bytes \d+ \([\d.]+ [KMGTP]?i?B\)$", l)
			for l in lines):
		problems.append("no RX counters")
	check("ifconfig_lo", problems + [show(r.out, 1000)] if problems else [])

	r = R.run("ifconfig", [])
	check("ifconfig_all", [] if r.code == 0 and re.search(rb"^lo: flags=", r.out, re.M)
	      else [f"exit {r.code}, stdout {show(r.out)}, stderr {show(r.err)}"])

	r = R.run("ifconfig", ["nosuch0"])
	check("ifconfig_missing", [] if (r.code, r.err) == (1, b"ifconfig: nosuch0: No such device\n")
	      else [f"exit {r.code}, stderr {show(r.err)}"])

	# Against net-tools (if installed): the same but for inet6 lines and
	# the counters, which change between the two runs.
	host = shutil.which("ifconfig", path="/usr/sbin:/sbin:/usr/bin:/bin")
	if not host:
		skipped("ifconfig_vs_net_tools", "net-tools' ifconfig not installed")
		return

	def masked(text):
		lines = [l for l in text.decode("latin-1").splitlines()
			 if not l.startswith("        inet6 ")]
		return [re.sub(r"\d+(\.\d+)?", "N", l) if re.match(r"^        [RT]X ", l) else l
			for l in lines]
	ours = R.run("ifconfig", ["-a"])
	theirs = subprocess.run([host, "-a"], capture_output=True, timeout=30, env=BASE_ENV)
	a, b = masked(ours.out), masked(theirs.stdout)
	import difflib
	check("ifconfig_vs_net_tools", [] if a == b and ours.code == 0 else
	      ["output differs from " + host] +
	      list(difflib.unified_diff(b, a, host, "ours", lineterm="", n=1)),
	      f"{sum(1 for l in a if re.match(r'^[^ ].*: flags=', l))} interfaces")


# --- main ----------------------------------------------------------------

def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
	ap.add_argument("--only", metavar="GROUP,...",
			help="run only these groups (nc, httpd, wget, ping, ifconfig)")
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
	tmp = tempfile.mkdtemp(prefix="net-host.")
	try:
		R = Runner(tmp, args.syscalls)
		R.build()
		tests = [test_nc, test_httpd, test_wget, test_ping, test_ifconfig]
		only = set(args.only.split(",")) if args.only else None
		for fn in tests:
			name = fn.__name__[5:]
			if only and name not in only:
				continue
			try:
				fn(R, tmp)
			except Missing as e:
				failed(name, str(e))
			except Exception as e:		# a broken test is a failure too
				import traceback
				failed(name, f"test crashed: {e!r}",
				       traceback.format_exc().splitlines())
		if args.syscalls:
			for prog in sorted(R.calls):
				print(f"SYSCALLS {prog}: {' '.join(sorted(R.calls[prog]))}")
			for prog in sorted(R.details):
				for d in sorted(R.details[prog]):
					print(f"SOCKETAPI {prog}: {d}")
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"net-host: {failures} check(s) failed")
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
