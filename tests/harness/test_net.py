#!/usr/bin/env python3
"""The network stack: guest programs against Linux, real clients from this
host, 5% loss, malformed frames.

Usage: python3 tests/harness/test_net.py [--only PARTS] [--keep] [--timeout S]

PARTS (comma-separated, default all): loopback, serve, loss.

loopback  One boot, init=/tests/runner /tests/net_tcp /tests/net_udp, no
          network card: TCP and UDP over 127.0.0.1.  Each program's lines
          must equal what the same binary prints natively on this host
          (kernel log lines in between are dropped, as in test_pipes.py).
serve     One boot with init=/tests/net_serve (tests/guest/net_serve.c),
          eth0 on QEMU's user network with host ports forwarded to the
          guest's httpd (:80), nc (:7000) and net_serve's control port
          (:7100), and eth1 on a UDP socket of this script (QEMU's dgram
          netdev: one datagram is one Ethernet frame).  From the host:
          curl fetches a page and a 16 MiB file (CRC-32 as the guest's);
          nc sends 4 MiB and gets 4 MiB back; 200 sequential and 32
          concurrent HTTP requests; the guest's wget fetches 16 MiB from a
          python3 http.server here.  Then the frames: TCP segments for
          connections the guest does not have must each get their RST
          (seen in a dump of eth0's traffic: replies are routed by
          destination, and eth1 has no address, so they leave through the
          default route); thousands of malformed frames on eth1
          (netframes.py); curl must still work, eth1's counters must have
          moved, an ARP reply on eth1 must not change eth0's neighbour,
          and the console must show no panic.
loss      The serve boot's transfers again with `netem.loss=5 netem.seed=1`
          on the kernel command line: 5% of frames dropped each way.

Every QEMU, server and client runs under a timeout and is killed (by its
own process group) when the script ends.  Ports on 127.0.0.1 are picked
free by binding them first.  Timings are printed with each PASS.
Prints 'PASS name', 'FAIL name: why' or 'SKIP name: why' per check and
exits 1 if any check failed.
"""
import argparse
import difflib
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
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netframes  # noqa: E402
import qemu  # noqa: E402
import test_boot as tb  # noqa: E402  (PASS/FAIL reporting, host runs)

LOOPBACK_PROGS = ["/tests/net_tcp", "/tests/net_udp"]
# Lines the kernel may print in the middle of a program's output.
KERNEL_LINE = re.compile(r"^(\S+\[\d+\]: (segfault at |system call )|traps: |netem: )")
PANIC = re.compile(r"Kernel panic|panic:|Oops|BUG:|general protection fault in kernel|"
		   r"page fault in kernel|Call Trace|backtrace", re.I)
MiB = 1 << 20
# One HTTP request's time limit.  With netem's loss a request may get a
# second try on a new connection after it: QEMU's slirp (libslirp 4.7)
# resends a lost SYN or request only after seconds (its retransmission
# timer starts at about 6 s and doubles), and a few requests whose first
# segments the guest never got were not resent at all within 20 s (seen
# in the dump: slirp answers the guest's repeated SYN,ACK with a bare ACK
# and its data never comes again).  Without loss every request must
# succeed at the first try.
ATTEMPT_S = 20
GUEST_MAC1 = "52:54:00:12:34:57"	# eth1: QEMU's second default MAC
PEER_MAC = "02:00:00:00:00:01"		# who the crafted frames come from
SLIRP_MAC = "52:55:0a:00:02:02"		# QEMU's user network, 10.0.2.2
INDEX = (b"<html><head><title>teachos</title></head>\n"
	 b"<body><p>Hello from the teaching kernel's httpd.</p></body></html>\n")

passed, failed = tb.passed, tb.failed


def failed_long(name, reason, lines, limit=150):
	"""As failed(), with up to limit lines of detail (a whole diff)."""
	tb.failures += 1
	print(f"FAIL {name}: {reason}")
	for line in lines[:limit]:
		print(f"    | {line}")
	if len(lines) > limit:
		print(f"    | ... {len(lines) - limit} more lines")


def skipped(name, why):
	print(f"SKIP {name}: {why}", flush=True)


def crc(data):
	return f"{zlib.crc32(data) & 0xffffffff:08x}"


def free_port(kind=socket.SOCK_STREAM):
	"""A port on 127.0.0.1 that binds now (QEMU or a server takes it next)."""
	with socket.socket(socket.AF_INET, kind) as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def ensure_tool(cmd, package):
	"""True if cmd exists, installing the Debian package if we can."""
	if shutil.which(cmd):
		return True
	sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
	if sudo is None:
		return False
	env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
	for argv in (["apt-get", "update", "-qq"],
		     ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]):
		subprocess.run(sudo + argv, env=env, stdin=subprocess.DEVNULL,
			       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
	return shutil.which(cmd) is not None


def kill_group(proc):
	"""Kill a process we started in its own session, and reap it."""
	if proc and proc.poll() is None:
		try:
			os.killpg(proc.pid, signal.SIGKILL)
		except ProcessLookupError:
			pass
	if proc:
		proc.wait()


# --- loopback: guest programs against the host ------------------------------

def test_loopback(tmp, timeout):
	iso = os.path.join(tmp, "loopback.iso")
	try:
		qemu.build_iso("init=/tests/runner " + " ".join(LOOPBACK_PROGS), iso)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed("net/loopback/build-iso", "make iso failed", str(e).split("\n"))
		return
	host = {}
	for path in LOOPBACK_PROGS:
		t = time.monotonic()
		code, want = tb.run_host([path], os.path.join(tb.ROOTFS, path.lstrip("/")))
		host[path] = (code, want, time.monotonic() - t)
	output, code, elapsed = qemu.boot(iso, timeout)
	lines = tb.serial_lines(output)
	tb.boot_checks("net/loopback", output, code, elapsed, timeout)
	segs = tb.guest_segments(lines, KERNEL_LINE)
	for path in LOOPBACK_PROGS:
		name = "net/loopback" + path
		hcode, want, hsecs = host[path]
		if hcode != 0:
			failed(name + "/host-run", f"exited {hcode} on the host", want)
			continue
		if path not in segs:
			failed(name, "no result line from runner in the guest", lines[-30:])
			continue
		got, result = segs[path]
		if got == want:
			passed(name, f"{len(want)} lines match the host (host {hsecs:.2f} s)")
		else:
			diff = difflib.unified_diff(want, got, "host", "guest", lineterm="")
			failed_long(name, "differs from the host run", list(diff))
		if result == f"runner: {path} exited 0":
			passed(name + "/exit", "exited 0, as on the host")
		else:
			failed(name + "/exit", f"guest: '{result}', host: exited 0")
	bad = [x for x in lines if PANIC.search(x)]
	if bad:
		failed("net/loopback/no-panic", "the console shows a kernel failure", bad)


# --- the guest as a server ----------------------------------------------------

class Guest:
	"""QEMU running a guest server, its serial console going to a file.
	boot is ["-cdrom", ISO, "-boot", "d"] or ["-kernel", ..., "-initrd", ...]."""

	def __init__(self, boot, log, timeout, extra):
		self.log = log
		self.deadline = time.monotonic() + timeout
		self.out = open(log, "wb")
		cmd = qemu.QEMU + list(boot) + list(extra)
		self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.out,
					     stderr=subprocess.STDOUT, start_new_session=True,
					     preexec_fn=qemu._die_with_parent)

	def text(self):
		with open(self.log, "rb") as f:
			return qemu._text(f.read())

	def wait_for(self, pattern, timeout):
		"""Wait until a console line matches; return the match or None."""
		until = min(self.deadline, time.monotonic() + timeout)
		rx = re.compile(pattern, re.M)
		while True:
			m = rx.search(self.text())
			if m or time.monotonic() > until or self.proc.poll() is not None:
				return m
			time.sleep(0.2)

	def wait_exit(self, timeout):
		try:
			return self.proc.wait(timeout=max(0.1, min(timeout,
							     self.deadline - time.monotonic())))
		except subprocess.TimeoutExpired:
			return None

	def close(self):
		kill_group(self.proc)
		self.out.close()


class Ports:
	def __init__(self, dgram):
		self.http, self.nc, self.ctl, self.web = (free_port() for _ in range(4))
		self.qemu_udp = free_port(socket.SOCK_DGRAM) if dgram else None
		self.our_udp = free_port(socket.SOCK_DGRAM) if dgram else None


def qemu_net_args(ports, pcap):
	fwd = (f"hostfwd=tcp:127.0.0.1:{ports.http}-:80,"
	       f"hostfwd=tcp:127.0.0.1:{ports.nc}-:7000,"
	       f"hostfwd=tcp:127.0.0.1:{ports.ctl}-:7100")
	args = ["-netdev", f"user,id=n0,{fwd}", "-device", "virtio-net-pci,netdev=n0"]
	if pcap:
		args += ["-object", f"filter-dump,id=f0,netdev=n0,file={pcap}"]
	if ports.qemu_udp:
		args += ["-netdev", f"dgram,id=n1,local.type=inet,local.host=127.0.0.1,"
			 f"local.port={ports.qemu_udp},remote.type=inet,remote.host=127.0.0.1,"
			 f"remote.port={ports.our_udp}",
			 "-device", f"virtio-net-pci,netdev=n1,mac={GUEST_MAC1}"]
	return args


def ctl(ports, command, timeout=60):
	"""One command to net_serve's control port; its answer (str)."""
	with socket.create_connection(("127.0.0.1", ports.ctl), timeout=timeout) as s:
		s.settimeout(timeout)
		s.sendall(command.encode() + b"\n")
		data = b""
		while True:
			chunk = s.recv(65536)
			if not chunk:
				return data.decode("utf-8", "replace")
			data += chunk


def curl(url, out, timeout):
	"""Fetch url into out with curl; (ok, seconds, message)."""
	t = time.monotonic()
	try:
		r = subprocess.run(["curl", "-sS", "--max-time", str(timeout), "-o", out, url],
				   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
				   stderr=subprocess.STDOUT, text=True, timeout=timeout + 10)
		return r.returncode == 0, time.monotonic() - t, r.stdout.strip()
	except subprocess.TimeoutExpired:
		return False, time.monotonic() - t, "curl did not end"


def http_get(port, path, timeout=60):
	"""(status, body) of GET path with a new connection."""
	c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
	try:
		c.request("GET", path, headers={"Connection": "close"})
		r = c.getresponse()
		return r.status, r.read()
	finally:
		c.close()


def guest_files(text):
	"""{path: (bytes, crc32)} from net_serve's 'file' lines."""
	return {m.group(1): (int(m.group(2)), m.group(3)) for m in
		re.finditer(r"^net_serve: file (\S+) bytes (\d+) crc32 ([0-9a-f]{8})$", text, re.M)}


def check_page(prefix, ports, tmp):
	out = os.path.join(tmp, "index.html")
	ok, secs, msg = curl(f"http://127.0.0.1:{ports.http}/index.html", out, 60)
	if not ok:
		failed(f"{prefix}/curl-page", f"curl failed after {secs:.1f} s: {msg}")
		return False
	with open(out, "rb") as f:
		body = f.read()
	if body == INDEX:
		passed(f"{prefix}/curl-page", f"{len(body)} bytes in {secs:.2f} s")
		return True
	failed(f"{prefix}/curl-page", f"wrong page: {body[:200]!r}")
	return False


def check_big(prefix, ports, tmp, files, timeout):
	want = files.get("/tmp/www/big.bin")
	out = os.path.join(tmp, "big.bin")
	ok, secs, msg = curl(f"http://127.0.0.1:{ports.http}/big.bin", out, timeout)
	if not ok:
		failed(f"{prefix}/curl-16MiB", f"curl failed after {secs:.1f} s: {msg}")
		return
	with open(out, "rb") as f:
		data = f.read()
	os.unlink(out)
	got = (len(data), crc(data))
	if want and got == want:
		passed(f"{prefix}/curl-16MiB", f"{len(data)} bytes, crc32 {got[1]} as the"
		       f" guest's, {secs:.2f} s ({len(data) / secs / 1e6:.2f} MB/s)")
	else:
		failed(f"{prefix}/curl-16MiB", f"got {got}, the guest has {want}")


def check_nc(prefix, ports, tmp, files, timeout):
	"""4 MiB each way through the guest's nc -l 7000."""
	name = f"{prefix}/nc-both-ways"
	want_back = files.get("/tmp/nc_src")
	data = random.Random(42).randbytes(4 * MiB)
	try:
		answer = ctl(ports, "nc").strip()
	except OSError as e:
		failed(name, f"control connection: {e}")
		return
	if answer != "nc listening":
		failed(name, f"the guest's nc did not start: {answer!r}")
		return
	t = time.monotonic()
	got, how = b"", ""
	if shutil.which("nc"):
		how = "nc -N"
		src = os.path.join(tmp, "nc_in")
		with open(src, "wb") as f:
			f.write(data)
		try:
			with open(src, "rb") as fin:
				r = subprocess.run(["nc", "-N", "127.0.0.1", str(ports.nc)], stdin=fin,
						   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
						   timeout=timeout, start_new_session=True)
			got = r.stdout
		except subprocess.TimeoutExpired as e:
			got = e.stdout or b""
	else:
		how = "python sockets"
		got = python_nc(ports.nc, data, timeout)
	secs = time.monotonic() - t
	try:
		guest = ctl(ports, "ncwait", timeout=320).strip()
	except OSError as e:
		guest = f"control connection: {e}"
	m = re.match(r"nc exited (-?\d+) bytes (-?\d+) crc32 ([0-9a-f]{8})$", guest)
	problems = []
	if (len(got), crc(got)) != want_back:
		problems.append(f"host received {len(got)} bytes crc32 {crc(got)},"
				f" the guest sent {want_back}")
	if not m or (int(m.group(2)), m.group(3)) != (len(data), crc(data)):
		problems.append(f"guest: {guest!r}; host sent {len(data)} bytes crc32 {crc(data)}")
	elif m.group(1) != "0":
		problems.append(f"the guest's nc exited {m.group(1)}")
	if problems:
		failed(name, problems[0], problems[1:])
	else:
		passed(name, f"4 MiB each way with {how}, {secs:.2f} s")


def python_nc(port, data, timeout):
	"""Send data, shut down our side, read until the peer closes."""
	got = bytearray()
	with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
		def sender():
			try:
				s.sendall(data)
				s.shutdown(socket.SHUT_WR)
			except OSError:
				pass
		th = threading.Thread(target=sender)
		th.start()
		try:
			while True:
				chunk = s.recv(65536)
				if not chunk:
					break
				got += chunk
		except OSError:
			pass
		th.join(timeout)
	return bytes(got)


def get_twice(port, path, retry, timeout=ATTEMPT_S):
	"""GET path on a new connection; once more if the first attempt fails
	and retry.  Returns ((status, body) or the last exception, attempts used)."""
	for attempt in (1, 2) if retry else (1,):
		try:
			return http_get(port, path, timeout), attempt
		except (OSError, http.client.HTTPException) as e:
			last = e
	return last, attempt


def check_sequential(prefix, ports, retry, count=200):
	name = f"{prefix}/{count}-sequential"
	t = time.monotonic()
	bad, retried = [], 0
	for i in range(count):
		r, attempts = get_twice(ports.http, "/index.html", retry)
		retried += attempts > 1
		if not isinstance(r, tuple):
			bad.append(f"request {i}: {r!r} ({attempts} tries)")
		elif r != (200, INDEX):
			bad.append(f"request {i}: status {r[0]}, {len(r[1])} bytes")
	secs = time.monotonic() - t
	note = retry_note(retried)
	if bad:
		failed(name, f"{len(bad)} of {count} failed{note}", bad)
	else:
		passed(name, f"{count} connections in {secs:.2f} s ({count / secs:.0f}/s){note}")


def retry_note(retried):
	"""What a PASS or FAIL says about requests that needed a second try."""
	if not retried:
		return ""
	return (f"; {retried} needed a second connection after {ATTEMPT_S} s without an"
		" answer (lost segments that QEMU's user network was slow to resend:"
		" see ATTEMPT_S in tests/harness/test_net.py)")


def check_concurrent(prefix, ports, files, retry, count=32):
	"""count clients at once, each fetching the 256 KiB file."""
	name = f"{prefix}/{count}-concurrent"
	want = files.get("/tmp/www/mid.bin")
	results = [None] * count
	barrier = threading.Barrier(count)

	def client(i):
		try:
			barrier.wait(30)
		except threading.BrokenBarrierError as e:
			results[i] = (repr(e), 1)
			return
		r, attempts = get_twice(ports.http, "/mid.bin", retry)
		if isinstance(r, tuple):
			results[i] = ((r[0], len(r[1]), crc(r[1])), attempts)
		else:
			results[i] = (repr(r), attempts)

	t = time.monotonic()
	threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
	for th in threads:
		th.start()
	for th in threads:
		th.join(180)
	secs = time.monotonic() - t
	bad = [f"client {i}: {r}" for i, r in enumerate(results)
	       if not want or not r or r[0] != (200,) + want]
	note = retry_note(sum(1 for r in results if r and r[1] > 1))
	if bad:
		failed(name, f"{len(bad)} of {count} failed (want 200 {want}){note}", bad)
	else:
		passed(name, f"{count} x 256 KiB at once in {secs:.2f} s{note}")


def check_wget(prefix, ports, tmp, timeout, mib=16):
	"""The guest's wget fetches 16 MiB from python3 -m http.server here."""
	name = f"{prefix}/guest-wget-{mib}MiB"
	webdir = os.path.join(tmp, "web")
	os.makedirs(webdir, exist_ok=True)
	data = random.Random(7).randbytes(mib * MiB)
	with open(os.path.join(webdir, "host.bin"), "wb") as f:
		f.write(data)
	server = subprocess.Popen([sys.executable, "-m", "http.server", str(ports.web),
				   "--bind", "127.0.0.1", "--directory", webdir],
				  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
				  stderr=subprocess.DEVNULL, start_new_session=True)
	try:
		for _ in range(100):	# until it listens
			try:
				socket.create_connection(("127.0.0.1", ports.web), timeout=1).close()
				break
			except OSError:
				time.sleep(0.1)
		t = time.monotonic()
		try:
			answer = ctl(ports, f"wget {ports.web} host.bin", timeout=timeout).strip()
		except OSError as e:
			answer = f"control connection: {e}"
		secs = time.monotonic() - t
	finally:
		kill_group(server)
	m = re.match(r"wget exited (-?\d+) bytes (-?\d+) crc32 ([0-9a-f]{8}) seconds (\S+)$",
		     answer)
	if m and m.group(1) == "0" and (int(m.group(2)), m.group(3)) == (len(data), crc(data)):
		gsecs = float(m.group(4))
		passed(name, f"{len(data)} bytes crc32 {m.group(3)} as sent, {gsecs:.2f} s in the"
		       f" guest ({len(data) / max(gsecs, 1e-3) / 1e6:.2f} MB/s), {secs:.2f} s here")
	else:
		failed(name, f"guest: {answer!r}; sent {len(data)} bytes crc32 {crc(data)}")


def dev_counters(ports):
	"""{ifname: [16 counters]} from the guest's /proc/net/dev."""
	text = ctl(ports, "cat /proc/net/dev")
	out = {}
	for line in text.split("\n")[2:]:
		if ":" in line:
			name, rest = line.split(":", 1)
			out[name.strip()] = [int(x) for x in rest.split()]
	return out


def check_frames(prefix, guest, ports, tmp, pcap):
	"""RSTs for unknown connections, a flood of broken frames on eth1,
	then the guest must still serve."""
	rng = random.Random(1)
	a = netframes.Addrs(GUEST_MAC1, PEER_MAC, "10.0.2.2", "10.0.2.15")
	sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	sock.bind(("127.0.0.1", ports.our_udp))
	dest = ("127.0.0.1", ports.qemu_udp)
	try:
		before = dev_counters(ports)
	except OSError as e:
		failed(f"{prefix}/counters", f"control connection: {e}")
		before = {}
	if "eth1" not in before:
		failed(f"{prefix}/eth1", "no eth1 in the guest's /proc/net/dev", [str(before)])
		sock.close()
		return

	# 1. Segments for connections that do not exist: each gets a RST.
	probes = netframes.unknown_connection_probes(a, rng)
	for frame, _ in probes:
		sock.sendto(frame, dest)
	time.sleep(2)
	seen = [p for p in (netframes.parse_tcp(f) for f in netframes.pcap_packets(pcap))
		if p and p[0] == "10.0.2.15" and p[1] == "10.0.2.2" and p[6] & netframes.RST]
	missing = []
	for _, want in probes:
		ok = any(p[2] == want["sport"] and p[3] == want["dport"] and p[4] == want["seq"] and
			 (want["ack"] is None or (p[6] & netframes.ACK and p[5] == want["ack"]))
			 for p in seen)
		if not ok:
			missing.append(f"no RST for {want}")
	if missing:
		failed(f"{prefix}/rst-unknown-connections",
		       f"{len(missing)} of {len(probes)} segments got no proper RST"
		       " (looked for them in eth0's dump)", missing +
		       [f"RSTs seen: {[p[2:] for p in seen][:10]}"])
	else:
		passed(f"{prefix}/rst-unknown-connections",
		       f"{len(probes)} segments, each answered by a RST with the right"
		       " ports, seq and ack (routed out of eth0)")

	# 2. The flood.
	frames = [(c, f) for c, f in netframes.malformed(rng, a) if f]	# QEMU ends a dgram
	cats = {}							# netdev on b""
	t = time.monotonic()
	for i, (cat, frame) in enumerate(frames):
		cats[cat] = cats.get(cat, 0) + 1
		try:
			sock.sendto(frame, dest)
		except OSError:
			pass
		if i % 16 == 15:
			time.sleep(0.004)
	secs = time.monotonic() - t
	sock.close()
	passed(f"{prefix}/sent", f"{len(frames)} broken frames in {secs:.1f} s, "
	       + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
	# Let the guest work through its backlog: eth1's counter stops moving.
	after, last = {}, None
	for _ in range(30):
		time.sleep(1)
		try:
			after = dev_counters(ports)
		except OSError:
			break
		if "eth1" in after and after["eth1"][1] == last:
			break
		last = after.get("eth1", [0, 0])[1]

	# 3. Still serving?
	ok, secs, msg = curl(f"http://127.0.0.1:{ports.http}/index.html",
			     os.path.join(tmp, "after.html"), 60)
	if ok and open(os.path.join(tmp, "after.html"), "rb").read() == INDEX:
		passed(f"{prefix}/curl-after", f"the page again in {secs:.2f} s")
	else:
		failed(f"{prefix}/curl-after", f"curl after the frames: {msg or 'wrong page'}")
	if "eth1" in after:
		rx = after["eth1"][1] - before["eth1"][1]
		errs = after["eth1"][2] - before["eth1"][2]
		drop = after["eth1"][3] - before["eth1"][3]
		note = (f"eth1 received {rx} of {len(frames)} frames sent, rx errors +{errs},"
			f" rx dropped +{drop}")
		if rx >= len(frames) // 2:
			passed(f"{prefix}/counters", note)
		else:
			failed(f"{prefix}/counters", "most frames never reached the guest: " + note)
	else:
		failed(f"{prefix}/counters", "cannot read /proc/net/dev after the frames")
	check_arp(prefix, ports, a)
	bad = [x for x in tb.serial_lines(guest.text()) if PANIC.search(x)]
	if bad or guest.proc.poll() is not None:
		failed(f"{prefix}/no-panic", "the guest died or reported a kernel failure",
		       bad or tb.serial_lines(guest.text())[-30:])
	else:
		passed(f"{prefix}/no-panic", "no panic or oops on the console, QEMU running")


def check_arp(prefix, ports, a):
	"""An ARP reply on eth1 saying 10.0.2.2 is elsewhere must not change
	the neighbour that eth0 uses (Linux keeps one table per device)."""
	name = f"{prefix}/arp-per-device"
	liar = netframes.mac("02:00:00:00:00:99")
	frame = netframes.eth(a.gmac, liar, netframes.ETH_P_ARP,
			      netframes.arp(2, liar, netframes.ip("10.0.2.2"), a.gmac,
					    netframes.ip("10.0.2.15")))
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
		s.bind(("127.0.0.1", ports.our_udp))
		s.sendto(frame, ("127.0.0.1", ports.qemu_udp))
	time.sleep(1)
	try:
		table = ctl(ports, "cat /proc/net/arp")
	except OSError as e:
		failed(name, f"control connection: {e}")
		return
	rows = [line.split() for line in table.split("\n")[1:] if line.startswith("10.0.2.2 ")]
	if rows and all(r[3] == SLIRP_MAC for r in rows if len(r) >= 6 and r[5] == "eth0"):
		passed(name, f"eth0's 10.0.2.2 is still {SLIRP_MAC}")
	else:
		failed(name, "an ARP reply received on eth1 rewrote the neighbour eth0 uses"
		       " (one ARP cache for all devices)", table.split("\n"))


def serve_boot(prefix, tmp, cmdline, timeout, frames, opts):
	iso = os.path.join(tmp, prefix.replace("/", "_") + ".iso")
	try:
		qemu.build_iso(cmdline, iso, rootfs_extra=opts.rootfs_extra)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		failed(f"{prefix}/build-iso", "make iso failed", str(e).split("\n"))
		return
	ports = Ports(dgram=frames)
	pcap = os.path.join(tmp, prefix.replace("/", "_") + ".pcap")
	log = os.path.join(tmp, prefix.replace("/", "_") + ".log")
	t0 = time.monotonic()
	guest = Guest(["-cdrom", iso, "-boot", "d"], log, timeout, qemu_net_args(ports, pcap))
	try:
		if not guest.wait_for(r"^net_serve: ready", 120):
			failed(f"{prefix}/ready", "net_serve never said ready",
			       tb.serial_lines(guest.text())[-30:])
			return
		text = guest.text()
		files = guest_files(text)
		passed(f"{prefix}/ready", f"{time.monotonic() - t0:.1f} s after QEMU started; "
		       + "; ".join(x for x in tb.serial_lines(text)
				   if re.match(r"eth\d: |netem: ", x)))
		big_timeout = 600 if "netem" in cmdline else 300
		check_page(prefix, ports, tmp)
		check_big(prefix, ports, tmp, files, big_timeout)
		check_nc(prefix, ports, tmp, files, big_timeout)
		lossy = "netem.loss=" in cmdline	# a second try is allowed only then
		check_sequential(prefix, ports, lossy)
		check_concurrent(prefix, ports, files, lossy)
		check_wget(prefix, ports, tmp, big_timeout, opts.wget_mib)
		if frames:
			check_frames(prefix, guest, ports, tmp, pcap)
		try:
			counters = dev_counters(ports)
			print(f"    {prefix}: eth0 counters rx packets {counters['eth0'][1]}"
			      f" dropped {counters['eth0'][3]}, tx packets {counters['eth0'][9]}"
			      f" dropped {counters['eth0'][11]}", flush=True)
		except (OSError, KeyError, IndexError) as e:
			counters = {}
			print(f"    {prefix}: no counters: {e}")
		if "netem" in cmdline:
			drops = counters.get("eth0", [0] * 16)
			if drops[3] and drops[11]:
				passed(f"{prefix}/loss-happened", f"eth0 dropped {drops[3]} received and"
				       f" {drops[11]} sent frames on purpose")
			else:
				failed(f"{prefix}/loss-happened", "no frames dropped: was netem on?",
				       [str(counters)])
		try:
			ctl(ports, "poweroff", timeout=10)
		except OSError:
			pass
		code = guest.wait_exit(30)
		lines = tb.serial_lines(guest.text())
		bad = [x for x in lines if PANIC.search(x)]
		if code is not None and not bad:
			passed(f"{prefix}/poweroff", f"QEMU exited {code}, {time.monotonic() - t0:.1f} s"
			       " after it started; no panic on the console")
		else:
			failed(f"{prefix}/poweroff", "QEMU did not power off cleanly"
			       if code is None else "the console shows a kernel failure",
			       bad or lines[-30:])
	finally:
		guest.close()


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--only", default="loopback,serve,loss",
			help="comma-separated parts: loopback, serve, loss (default all)")
	ap.add_argument("--timeout", type=float, default=240,
			help="seconds allowed for the loopback boot (default 240);"
			     " the serve and loss boots get 3 and 8 times that")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (ISOs, console logs, eth0 dumps)")
	ap.add_argument("--rootfs-extra", metavar="DIR",
			help="for debugging: files added to the serve boots' root image"
			     " (e.g. DIR/bin/httpd replaces httpd)")
	ap.add_argument("--wget-mib", type=int, default=16,
			help="for debugging: size of the file the guest fetches (default 16)")
	args = ap.parse_args()
	parts = set(args.only.split(","))
	# Turn SIGTERM into an exception so that QEMU and servers are killed.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	tmp = tempfile.mkdtemp(prefix="test_net.")
	try:
		if "loopback" in parts:
			test_loopback(tmp, args.timeout)
		if parts & {"serve", "loss"} and not ensure_tool("curl", "curl"):
			skipped("net/serve", "curl is missing and cannot be installed")
			parts -= {"serve", "loss"}
		if parts & {"serve", "loss"}:
			ensure_tool("nc", "netcat-openbsd")	# else python sockets
		if "serve" in parts:
			serve_boot("net/serve", tmp, "init=/tests/net_serve", args.timeout * 3, True,
				   args)
		if "loss" in parts:
			serve_boot("net/loss", tmp, "init=/tests/net_serve netem.loss=5 netem.seed=1",
				   args.timeout * 8, False, args)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{tb.failures} check(s) failed" if tb.failures else "all checks passed")
	sys.exit(1 if tb.failures else 0)


if __name__ == "__main__":
	main()
