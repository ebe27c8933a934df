#!/usr/bin/env python3
"""Benchmarks: our kernel against Linux, in the same QEMU, same binaries.

Usage: python3 tests/harness/bench.py [--timeout SECONDS]   (make bench)

This machine is shared and noisy, so a figure alone means little: every
figure is given as a ratio against a peer run made in the same invocation,
the same static binaries on Linux (Debian's kernel, installed if missing)
in the same QEMU configuration.  /tests/bench_driver runs the programs
tests/guest/bench_*.c three times over; they print lines 'bench NAME
VALUE UNIT' (or 'bench NAME ok|FAIL ...|unsupported ...'), and the table
shows each figure's median.  bench_fs writes to /tmp: ext2 in RAM here,
the initramfs's rootfs on Linux.

Benchmarks are not tests: poor figures still exit 0; only a boot or a
program that broke (crash, hang, wrong data) exits 1.  The serial logs
are kept in build/bench/.
"""
import argparse
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux_peer  # noqa: E402
import qemu  # noqa: E402
import test_net  # noqa: E402  (Guest, free ports: the network benchmark's boots)

OUT = os.path.join(qemu.REPO, "build", "bench")
TESTS = os.path.join(qemu.REPO, "build", "rootfs", "tests")
DRIVER = "/tests/bench_driver"
DIR = "/tmp"		# where bench_fs writes its 32 MiB file
FREE_MB = "48"		# free space in our root image for that file

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")	# GRUB's screen codes
BENCH = re.compile(r"^bench (\S+) (\S.*)$")
DONE = re.compile(r"^bench_driver: done, (\d+) failed$")
BROKE = re.compile(r"^bench_driver: .* (killed by signal \d+|exited [1-9]\d*)|"
		   r"^bench \S+ FAIL")


def run(name, boot):
	"""Boot with boot() -> (output, code, seconds); save the log; return
	(figures {name: [[value, unit...] per round]}, problems [str],
	the kernel the driver names)."""
	output, code, elapsed = boot()
	log = os.path.join(OUT, name + ".log")
	with open(log, "w") as f:
		f.write(output)
	lines = [ANSI.sub("", x) for x in output.split("\n")]
	figures, problems, kernel = {}, [], "?"
	for line in lines:
		m = BENCH.match(line)
		if m:
			figures.setdefault(m.group(1), []).append(m.group(2).split())
		if BROKE.match(line):
			problems.append(line)
		if line.startswith("bench_driver: kernel "):
			kernel = line.split(" ", 2)[2]
	if code is None:
		last = [x for x in lines if x.strip()][-1:] or ["(no output)"]
		problems.append(f"QEMU killed after {elapsed:.0f} s; last line: {last[0]}")
	elif not any(DONE.match(x) for x in lines):
		problems.append(f"no 'bench_driver: done' line (QEMU exit {code})")
	print(f"{name}: {kernel}, {elapsed:.1f} s, log {os.path.relpath(log)}")
	for p in problems:
		print(f"  BROKEN: {p}")
	return figures, problems, kernel


def ours(timeout):
	iso = os.path.join(OUT, "bench.iso")
	# make's 'ROOTFS_FREE_MB ?= 4' takes the value from the environment.
	os.environ["ROOTFS_FREE_MB"] = FREE_MB
	qemu.build_iso(f"init={DRIVER} {DIR}", iso)
	print(f"Ours: {os.path.relpath(iso)}, init={DRIVER} {DIR},"
	      f" root image with {FREE_MB} MB free", flush=True)
	return run("ours", lambda: qemu.boot(iso, timeout))


def linux(timeout):
	"""The Linux peer's run, or None (with a message) if there is none."""
	kernel = linux_peer.find_kernel()
	if kernel is None:
		print(f"No /boot/vmlinuz-*: installing Debian's {linux_peer.PACKAGE}"
		      " for the Linux peer (once) ...", flush=True)
		why = linux_peer.install_kernel()
		kernel = linux_peer.find_kernel()
		if kernel is None:
			print(f"NOTE: no Linux peer, our figures alone: {why}")
			return None
	if not os.access(kernel, os.R_OK):
		print(f"NOTE: no Linux peer, our figures alone: cannot read {kernel}"
		      " (Debian installs it mode 0600; run as root)")
		return None
	initrd = os.path.join(OUT, "initrd.cpio")
	files = {"/tests/" + os.path.basename(p): p
		 for p in glob.glob(os.path.join(TESTS, "bench_*"))}
	linux_peer.make_initramfs(initrd, files)
	# Words after '--' are init's arguments; 'quiet' keeps the log short;
	# panic=-1 with QEMU's -no-reboot ends QEMU at once if init dies.
	append = f"console=ttyS0 quiet panic=-1 rdinit={DRIVER} -- {DIR}"
	print(f"Linux peer: {kernel} -initrd {os.path.relpath(initrd)}"
	      f" -append '{append}'", flush=True)
	return run("linux", lambda: linux_peer.boot(kernel, initrd, append, timeout))


# --- network: driven from this host through QEMU's user network --------------
#
# /tests/bench_net (tests/guest/bench_net.c) runs as init and serves httpd on
# :80 and a data port on :5000; this host measures: TCP throughput each way
# (NET_BYTES through one connection, timed here until the last byte arrived
# or the guest confirmed it got everything) and HTTP requests per second from
# wrk (keep-alive, and a new connection per request), NET_ROUNDS times.  The
# figures include slirp (QEMU's user network) on this host, for both kernels.

NET_ROUNDS = 3
NET_BYTES = 32 << 20


def net_round(ports, figures, problems):
	"""One round of the four network figures into figures."""
	def put(name, value, unit):
		figures.setdefault(name, []).append([f"{value:.1f}", unit])

	t = time.monotonic()
	got = 0
	try:
		with socket.create_connection(("127.0.0.1", ports.ctl), timeout=120) as s:
			s.sendall(b"send %d\n" % NET_BYTES)
			while True:
				chunk = s.recv(1 << 20)
				if not chunk:
					break
				got += len(chunk)
	except OSError as e:
		problems.append(f"net guest to host: {e}")
	if got == NET_BYTES:
		put("net_tcp_guest_to_host", NET_BYTES / (time.monotonic() - t) / 1e6, "MB/s")
	else:
		problems.append(f"net guest to host: {got} of {NET_BYTES} bytes")

	t = time.monotonic()
	answer = b""
	try:
		with socket.create_connection(("127.0.0.1", ports.ctl), timeout=120) as s:
			s.sendall(b"recv %d\n" % NET_BYTES + b"h" * NET_BYTES)
			s.shutdown(socket.SHUT_WR)
			while True:
				chunk = s.recv(4096)
				if not chunk:
					break
				answer += chunk
	except OSError as e:
		problems.append(f"net host to guest: {e}")
	if answer.strip() == b"got %d" % NET_BYTES:
		put("net_tcp_host_to_guest", NET_BYTES / (time.monotonic() - t) / 1e6, "MB/s")
	else:
		problems.append(f"net host to guest: guest answered {answer[:80]!r}")

	url = f"http://127.0.0.1:{ports.http}/index.html"
	for name, extra in (("net_http_keepalive", []),
			    ("net_http_conn_per_req", ["-H", "Connection: close"])):
		rate = http_rate(url, extra)
		if rate is None:
			problems.append(f"{name}: no rate measured")
		else:
			put(name, rate, "req/s")


def http_rate(url, extra):
	"""Requests per second: wrk for 5 s with 8 connections if it is
	installed, else a sequential python loop for 5 s; None on failure."""
	if shutil.which("wrk"):
		try:
			r = subprocess.run(["wrk", "-t2", "-c8", "-d5s", "--timeout", "3s"] + extra
					   + [url], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
					   stderr=subprocess.STDOUT, text=True, timeout=60)
		except subprocess.TimeoutExpired:
			return None
		m = re.search(r"^Requests/sec:\s+([\d.]+)", r.stdout, re.M)
		return float(m.group(1)) if m else None
	host, port = url.split("/")[2].split(":")
	n, end, conn = 0, time.monotonic() + 5, None
	try:
		while time.monotonic() < end:
			if conn is None:
				conn = http.client.HTTPConnection(host, int(port), timeout=10)
			conn.request("GET", "/index.html", headers=dict([extra[1].split(": ")])
				     if extra else {})
			conn.getresponse().read()
			n += 1
			if extra:
				conn.close()
				conn = None
	except (OSError, http.client.HTTPException):
		return None
	return n / 5


def net_boot(name, boot, timeout):
	"""Boot (the QEMU arguments that boot the kernel), measure, power off:
	({figure: rounds}, problems)."""
	ports = test_net.Ports(dgram=False)
	fwd = (f"hostfwd=tcp:127.0.0.1:{ports.http}-:80,"
	       f"hostfwd=tcp:127.0.0.1:{ports.ctl}-:5000")
	log = os.path.join(OUT, name + ".log")
	figures, problems = {}, []
	t = time.monotonic()
	guest = test_net.Guest(boot, log, timeout,
			       ["-netdev", f"user,id=n0,{fwd}", "-device", "virtio-net-pci,netdev=n0"])
	try:
		if not guest.wait_for(r"^bench_net: ready", 120):
			problems.append("no 'bench_net: ready' line; see " + os.path.relpath(log))
		else:
			for _ in range(NET_ROUNDS):
				net_round(ports, figures, problems)
			try:
				with socket.create_connection(("127.0.0.1", ports.ctl), timeout=10) as s:
					s.sendall(b"quit\n")
					s.recv(16)
			except OSError:
				pass
			if guest.wait_exit(30) is None:
				problems.append("did not power off after 'quit'")
	finally:
		guest.close()
	print(f"{name}: {time.monotonic() - t:.1f} s, log {os.path.relpath(log)}")
	for p in problems:
		print(f"  BROKEN: {p}")
	return figures, problems


def net_linux(timeout):
	"""The Linux peer's network figures: its initramfs also carries httpd,
	the virtio-net modules (in modprobe's order) and their list."""
	kernel = linux_peer.find_kernel()
	if kernel is None or not os.access(kernel, os.R_OK):
		return {}, []
	version = os.path.basename(kernel)[len("vmlinuz-"):]
	modules = []
	for mod in ("virtio_pci", "virtio_net"):
		r = subprocess.run(["modprobe", "--show-depends", "-S", version, mod],
				   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
		for line in r.stdout.split("\n"):
			words = line.split()
			if len(words) >= 2 and words[0] == "insmod" and words[1] not in modules:
				modules.append(words[1])
	if not modules or not all(os.path.exists(m) and m.endswith(".ko") for m in modules):
		print(f"NOTE: no network figures for Linux: no uncompressed virtio-net"
		      f" modules for {version} ({modules})")
		return {}, []
	order = os.path.join(OUT, "net_modules")
	with open(order, "w") as f:
		f.write("".join(m + "\n" for m in modules))
	files = {"/tests/bench_net": os.path.join(TESTS, "bench_net"),
		 "/bin/httpd": os.path.join(qemu.REPO, "build", "rootfs", "bin", "httpd"),
		 "/etc/net_modules": order}
	files.update({m: m for m in modules})
	initrd = os.path.join(OUT, "initrd-net.cpio")
	linux_peer.make_initramfs(initrd, files)
	append = "console=ttyS0 quiet panic=-1 rdinit=/tests/bench_net"
	print(f"Linux peer (network): {kernel} -initrd {os.path.relpath(initrd)}"
	      f" -append '{append}'", flush=True)
	return net_boot("linux-net", ["-kernel", kernel, "-initrd", initrd, "-append", append],
			timeout)


def net_ours(timeout):
	iso = os.path.join(OUT, "bench-net.iso")
	qemu.build_iso("init=/tests/bench_net", iso)
	print(f"Ours (network): {os.path.relpath(iso)}, init=/tests/bench_net", flush=True)
	return net_boot("ours-net", ["-cdrom", iso, "-boot", "d"], timeout)


def number(word):
	try:
		return float(word)
	except ValueError:
		return None


def summary(rounds):
	"""A figure's rounds as [median, unit]; or, if some round printed a
	word instead of a number, [word] ('FAIL' or 'unsupported' before
	'ok'); or ['-'] if there is no round."""
	words = [r[0] for r in rounds if number(r[0]) is None]
	if words:
		return [next((w for w in words if w != "ok"), "ok")]
	if rounds:
		return [statistics.median(number(r[0]) for r in rounds), rounds[0][1]]
	return ["-"]


def show(v):
	return f"{v:.1f}" if isinstance(v, float) else v


def table(ours_figures, linux_figures):
	"""Print one row per figure.  ratio > 1 always means ours is faster:
	ours/Linux for rates (better: higher), Linux/ours for times (lower)."""
	names = list(ours_figures) + [n for n in linux_figures if n not in ours_figures]
	rows = [("name", "unit", "better", "ours", "Linux", "ratio")]
	for name in names:
		a, b = summary(ours_figures.get(name, [])), summary(linux_figures.get(name, []))
		unit = (a[1:] or b[1:] or ["-"])[0]
		higher = unit.endswith("/s")
		better, ratio = "-", "-"
		if unit != "-":
			better = "higher" if higher else "lower"
		if len(a) == 2 and len(b) == 2 and a[0] and b[0]:
			ratio = f"{a[0] / b[0] if higher else b[0] / a[0]:.2f}"
		rows.append((name, unit, better, show(a[0]), show(b[0]), ratio))
	widths = [max(len(r[i]) for r in rows) for i in range(6)]
	for r in rows:
		print("  ".join(c.ljust(w) if i < 3 else c.rjust(w)
				for i, (c, w) in enumerate(zip(r, widths))))
	print("ratio: how many times faster ours is (ours/Linux where higher is"
	      " better, Linux/ours where lower is better); > 1 means ours wins.")
	# A median hides an odd round: name the figures whose rounds differ
	# by more than a factor of 2 (noise, or a kernel that slows down).
	for side, figures in (("ours", ours_figures), ("Linux", linux_figures)):
		for name, rounds in figures.items():
			values = [number(r[0]) for r in rounds]
			if None in values or len(values) < 2 or min(values) <= 0:
				continue
			if max(values) > 2 * min(values):
				print(f"note: {side} {name} varies across rounds:"
				      f" {' '.join(show(v) for v in values)} {rounds[0][1]}")


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=150,
			help="seconds allowed for each boot (default 150)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so QEMU is still killed and reaped.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
	os.makedirs(OUT, exist_ok=True)

	version = subprocess.run(["qemu-system-x86_64", "--version"], text=True,
				 stdout=subprocess.PIPE).stdout.split("\n")[0]
	print(f"QEMU: {version}\n  {' '.join(qemu.QEMU)}")
	print(f"Host: {os.cpu_count()} CPUs, load average"
	      f" {os.getloadavg()[0]:.2f}", flush=True)

	try:
		o_fig, o_bad, _ = ours(args.timeout)
	except (RuntimeError, subprocess.TimeoutExpired) as e:
		print(f"BROKEN: building our ISO failed:\n{e}")
		sys.exit(1)
	peer = linux(args.timeout)
	l_fig, l_bad, l_kernel = peer if peer else ({}, [], "none")
	test_net.ensure_tool("wrk", "wrk")	# else a python client measures requests/s
	n_fig, n_bad = net_ours(args.timeout)
	ln_fig, ln_bad = net_linux(args.timeout) if peer else ({}, [])
	o_fig.update(n_fig)
	l_fig.update(ln_fig)
	o_bad += n_bad
	l_bad += ln_bad

	print(f"\nours: this kernel; Linux: {l_kernel}; both under the QEMU above."
	      "  Each figure is the median of its rounds (bench_driver runs 3).")
	print("net_*: measured on this host through QEMU's user network (slirp), the"
	      f" same for both kernels; requests/s from {'wrk -t2 -c8' if shutil.which('wrk') else 'a sequential python client'}"
	      " for 5 s, for index.html (109 bytes).")
	table(o_fig, l_fig)
	broken = len(o_bad) + len(l_bad)
	print(f"{broken} problem(s): see BROKEN lines above" if broken else
	      "no problems (figures are measurements, not pass/fail)")
	sys.exit(1 if broken else 0)


if __name__ == "__main__":
	main()
