#!/usr/bin/env python3
"""The kernel call-path tracer (kernel/ktrace.c, user/ktrace.c) in QEMU.

Usage: python3 tests/harness/test_ktrace.py [--timeout SECONDS] [--keep]

First, on the host: every call site GCC recorded in build/kernel.elf's
__mcount_loc is the 5-byte NOP (so the tracer, off, costs a NOP per
function), and the functions the checks below expect have one.

Then one boot, init=/bin/sh running a script (GUEST_SCRIPT) that runs
ktrace over cat, nc and sh, with a virtio-net card on QEMU's user
network.  This script listens on 127.0.0.1 only, on a free TCP port and
the same UDP port; in the guest the host is 10.0.2.2, which QEMU's user
network maps to the host's 127.0.0.1.  Checks, per traced call
("ktrace: NAME #N by COMM[PID]" ... "ktrace: NAME #N returned R"):

- open: sys_open > do_sys_open > get_unused_fd_flags, do_filp_open >
  dentry_open, fd_install ('>' is "called, maybe indirectly, by");
- socket: sys_socket > sock_create > sock_alloc, inet_create; sock_map_fd
  > get_unused_fd_flags, sock_alloc_file, fd_install;
- write on a connected TCP socket: the chain sys_write > vfs_write >
  sock_write_iter > sock_sendmsg > inet_sendmsg > tcp_sendmsg > ... >
  virtnet_xmit, each called by the one before, and the host got the data;
- write on a UDP socket: ... inet_sendmsg > udp_sendmsg > ip_queue_xmit
  > dev_queue_xmit > virtnet_xmit, and the host got the datagram;
- -n 3 keeps three lines and says how many it left out; -d 2 shows
  depths 0 and 1 only;
- only the command's own task is traced: sh's execve, not its child cat's;
- exit_group, which never returns, is reported as stopped;
- with ktrace gone, nothing is traced; a bad system call name fails;
- -o FILE writes the trace there and not to the console;
- while one task is traced, a second ktrace fails (one task at a time),
  and works again once the first is done;
- every command's exit status comes through, and the kernel lives on.

Prints 'PASS name' or 'FAIL name: why' per check; exits 1 if any failed.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

KERNEL = os.path.join(qemu.REPO, "build", "kernel.elf")
HOST = "127.0.0.1"		# the only address this test listens on
GUEST_HOST = "10.0.2.2"		# the host, seen from the guest (QEMU user net)
MARK = "ktrace-test: "
HEADER = re.compile(r"^ktrace: (\w+) #(\d+) by (\S+)\[(\d+)\]$")
FOOTER = re.compile(r"^ktrace: (\w+) #(\d+) returned (-?\d+)")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
NOP5 = bytes.fromhex("0f1f440000")

GUEST_SCRIPT = """\
echo "{m}open"
ktrace open cat /etc/hostname
echo "{m}status $?"
echo "{m}socket"
ktrace socket nc -w 5 {host} {port} < /dev/null
echo "{m}status $?"
echo "{m}tcp-write"
echo tcp-hello | ktrace -n 400 write nc -w 5 {host} {port}
echo "{m}status $?"
echo "{m}udp-write"
echo udp-hello | ktrace -n 400 write nc -u -w 1 {host} {port}
echo "{m}status $?"
echo "{m}lines"
ktrace -n 3 open cat /etc/hostname
echo "{m}status $?"
echo "{m}depth"
ktrace -d 2 open cat /etc/hostname
echo "{m}status $?"
echo "{m}one-task"
ktrace -d 1 execve sh -c 'cat /etc/hostname; echo from-sh'
echo "{m}status $?"
echo "{m}exit"
ktrace exit_group true
echo "{m}status $?"
echo "{m}off"
cat /etc/hostname
echo "{m}status $?"
echo "{m}bad"
ktrace no_such_call true
echo "{m}status $?"
echo "{m}file"
ktrace -o /tmp/ktrace_out open cat /etc/hostname
echo "{m}status $?"
echo "{m}file-content"
cat /tmp/ktrace_out
echo "{m}busy"
ktrace nanosleep sleep 3 &
sleep 1
ktrace open cat /etc/hostname
echo "{m}status $?"
wait
echo "{m}after-busy"
ktrace open cat /etc/hostname
echo "{m}status $?"
echo "{m}end"
"""

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""), flush=True)


def failed(name, reason, excerpt=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}", flush=True)
	for line in (excerpt or [])[-60:]:
		print(f"    | {line}", flush=True)


# --- the kernel image ---------------------------------------------------------

def elf_sections(data):
	"""{name: (addr, offset, size)} of an ELF64 little-endian file."""
	shoff, = struct.unpack_from("<Q", data, 0x28)
	shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
	heads = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
		 for i in range(shnum)]
	strtab = heads[shstrndx]
	out = {}
	for h in heads:
		end = data.index(b"\0", strtab[4] + h[0])
		out[data[strtab[4] + h[0]:end].decode()] = (h[3], h[4], h[5])
	return out


def symbols():
	"""{name: address} of every symbol of the kernel (nm), and the set of
	function names."""
	out = subprocess.run(["nm", KERNEL], stdout=subprocess.PIPE, text=True,
			     check=True).stdout
	syms, funcs = {}, set()
	for line in out.split("\n"):
		parts = line.split()
		if len(parts) == 3:
			syms.setdefault(parts[2], int(parts[0], 16))
			if parts[1] in "tTwW":
				funcs.add(parts[2])
	return syms, funcs


def check_sites():
	with open(KERNEL, "rb") as f:
		data = f.read()
	secs = elf_sections(data)
	names, funcs = symbols()
	if "__start_mcount_loc" not in names or ".text" not in secs:
		failed("ktrace/sites", "no __start_mcount_loc in build/kernel.elf")
		return
	ro_addr, ro_off, _ = secs[".rodata"]
	tx_addr, tx_off, tx_size = secs[".text"]
	start, stop = names["__start_mcount_loc"], names["__stop_mcount_loc"]
	sites = [struct.unpack_from("<Q", data, ro_off + a - ro_addr)[0]
		 for a in range(start, stop, 8)]
	bad = [s for s in sites if not tx_addr <= s < tx_addr + tx_size or
	       data[tx_off + s - tx_addr:tx_off + s - tx_addr + 5] != NOP5]
	if not sites or bad:
		failed("ktrace/sites", f"{len(sites)} sites, {len(bad)} not a 5-byte NOP"
		       " in .text")
	else:
		passed("ktrace/sites", f"{len(sites)} call sites, each a 5-byte NOP")
	want = ["sys_open", "do_sys_open", "do_filp_open", "sys_socket", "sock_create",
		"sys_write", "vfs_write", "sock_write_iter", "sock_sendmsg",
		"inet_sendmsg", "tcp_sendmsg", "udp_sendmsg", "virtnet_xmit"]
	site_set = set(sites)
	missing = [n for n in want if n not in funcs or names[n] not in site_set]
	if missing:
		failed("ktrace/sites-wanted", "no call site at the start of "
		       + ", ".join(missing))
	else:
		passed("ktrace/sites-wanted", f"{len(want)} functions the checks need")


# --- the host's side of the network --------------------------------------------

class Listener:
	"""A TCP listener and a UDP socket on 127.0.0.1, same port; records data."""

	def __init__(self):
		self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
		self.tcp.bind((HOST, 0))
		self.tcp.listen(8)
		self.port = self.tcp.getsockname()[1]
		self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
		self.udp.bind((HOST, self.port))
		self.tcp_data, self.udp_data = [], []
		self.stop = False
		for fn in (self.serve_tcp, self.serve_udp):
			threading.Thread(target=fn, daemon=True).start()

	def serve_tcp(self):
		while not self.stop:
			try:
				conn, _ = self.tcp.accept()
			except OSError:
				return
			with conn:
				conn.settimeout(30)
				data = b""
				try:
					while True:
						d = conn.recv(65536)
						if not d:
							break
						data += d
				except OSError:
					pass
				self.tcp_data.append(data)

	def serve_udp(self):
		while not self.stop:
			try:
				data, _ = self.udp.recvfrom(65536)
			except OSError:
				return
			self.udp_data.append(data)

	def close(self):
		self.stop = True
		for s in (self.tcp, self.udp):
			try:
				s.shutdown(socket.SHUT_RDWR)
			except OSError:
				pass
			s.close()


# --- the guest's output --------------------------------------------------------

def sections(lines):
	"""{section: lines} between the MARK lines; 'status N' goes in as is."""
	out, cur = {}, None
	for line in lines:
		if line.startswith(MARK):
			word = line[len(MARK):]
			if word.startswith("status "):
				if cur is not None:
					out[cur].append(line)
				continue
			cur = word
			out[cur] = []
		elif cur is not None:
			out[cur].append(line)
	return out


def status(sec):
	for line in sec:
		if line.startswith(MARK + "status "):
			return line[len(MARK) + 7:]
	return None


def calls(sec):
	"""The traced calls of a section: [(header match, [(depth, name)], footer)]."""
	out, cur = [], None
	for line in sec:
		m = HEADER.match(line)
		if m:
			cur = (m, [], None)
			continue
		if cur is None:
			continue
		f = FOOTER.match(line)
		if f:
			out.append((cur[0], cur[1], line))
			cur = None
			continue
		stripped = line.lstrip(" ")
		if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", stripped):
			cur[1].append(((len(line) - len(stripped)) // 2, stripped))
	return out


def ancestors(tree, i):
	"""Names of the callers of line i (the lines above it, less deep)."""
	out, depth = [], tree[i][0]
	for j in range(i - 1, -1, -1):
		if tree[j][0] < depth:
			out.append(tree[j][1])
			depth = tree[j][0]
	return out


def find_calls(tree, want):
	"""Match want, [(name, caller or None)], in order against tree: each
	name is a line after the previous match, with caller among its
	ancestors.  Returns None, or the first name that could not be found."""
	pos = 0
	for name, caller in want:
		for i in range(pos, len(tree)):
			if tree[i][1] == name and (caller is None or caller in ancestors(tree, i)):
				pos = i + 1
				break
		else:
			return f"{name}" + (f" (called by {caller})" if caller else "")
	return None


def chain(names):
	"""A call chain as want pairs: each name called by the one before."""
	return [(n, names[i - 1] if i else None) for i, n in enumerate(names)]


def check_tree(name, sec, syscall, comm, want, lines_ok=None):
	"""One traced call of syscall by comm whose lines contain want."""
	found = [c for c in calls(sec) if c[0].group(1) == syscall and c[0].group(3) == comm]
	if not found:
		failed(name, f"no traced {syscall} by {comm}", sec)
		return None
	problems = []
	for header, tree, footer in found:
		missing = find_calls(tree, want)
		if missing is None:
			passed(name, f"{len(tree)} lines, {' > '.join(n for n, _ in want[:3])}"
			       f" ... {want[-1][0]} in order")
			return tree
		problems.append(f"{header.group(0)}: missing {missing}")
	failed(name, problems[0], sec)
	return None


def check_status(name, sec, want="0"):
	got = status(sec)
	if got == want:
		passed(name + "/status", f"exit status {want}")
	else:
		failed(name + "/status", f"exit status {got}, expected {want}", sec)


def check_guest(lines, listener):
	secs = sections(lines)
	for s in ("open", "socket", "tcp-write", "udp-write", "lines", "depth",
		  "one-task", "exit", "off", "bad", "file", "file-content", "busy",
		  "after-busy", "end"):
		if s not in secs:
			failed("ktrace/sections", f"no '{MARK}{s}' line", lines)
			return

	sec = secs["open"]
	check_tree("ktrace/open", sec, "open", "cat", [
		("sys_open", None), ("do_sys_open", "sys_open"),
		("get_unused_fd_flags", "do_sys_open"), ("do_filp_open", "do_sys_open"),
		("dentry_open", "do_filp_open"), ("fd_install", "do_sys_open")])
	if "teachos" in sec:
		passed("ktrace/open/output", "cat's own output came through")
	else:
		failed("ktrace/open/output", "no 'teachos' from cat", sec)
	check_status("ktrace/open", sec)

	sec = secs["socket"]
	check_tree("ktrace/socket", sec, "socket", "nc", [
		("sys_socket", None), ("sock_create", "sys_socket"),
		("sock_alloc", "sock_create"), ("inet_create", "sock_create"),
		("sock_map_fd", "sys_socket"), ("get_unused_fd_flags", "sock_map_fd"),
		("sock_alloc_file", "sock_map_fd"), ("fd_install", "sock_map_fd")])
	check_status("ktrace/socket", sec)

	sec = secs["tcp-write"]
	check_tree("ktrace/tcp-write", sec, "write", "nc", chain([
		"sys_write", "vfs_write", "sock_write_iter", "sock_sendmsg",
		"inet_sendmsg", "tcp_sendmsg", "virtnet_xmit"]))
	check_status("ktrace/tcp-write", sec)
	if b"tcp-hello\n" in listener.tcp_data:
		passed("ktrace/tcp-write/host", "the host read tcp-hello")
	else:
		failed("ktrace/tcp-write/host", f"the host read {listener.tcp_data!r}")

	sec = secs["udp-write"]
	check_tree("ktrace/udp-write", sec, "write", "nc", chain([
		"sys_write", "vfs_write", "sock_write_iter", "sock_sendmsg",
		"inet_sendmsg", "udp_sendmsg", "ip_queue_xmit", "dev_queue_xmit",
		"virtnet_xmit"]))
	check_status("ktrace/udp-write", sec)
	if b"udp-hello\n" in listener.udp_data:
		passed("ktrace/udp-write/host", "the host got the datagram")
	else:
		failed("ktrace/udp-write/host", f"the host got {listener.udp_data!r}")

	sec = secs["lines"]
	found = [c for c in calls(sec) if c[0].group(1) == "open"]
	if (len(found) == 1 and len(found[0][1]) == 3 and
	    re.search(r"\(\d+ more calls not shown: more than 3 lines\)$", found[0][2])):
		passed("ktrace/max-lines", f"3 lines, then '{found[0][2]}'")
	else:
		failed("ktrace/max-lines", "expected one open with 3 lines and a count"
		       " of the rest", sec)
	check_status("ktrace/max-lines", sec)

	sec = secs["depth"]
	found = [c for c in calls(sec) if c[0].group(1) == "open"]
	depths = {d for c in found for d, _ in c[1]}
	if len(found) == 1 and depths == {0, 1}:
		passed("ktrace/max-depth", f"-d 2: {len(found[0][1])} lines at depths 0 and 1")
	else:
		failed("ktrace/max-depth", f"depths {sorted(depths)}, expected 0 and 1", sec)

	sec = secs["one-task"]
	found = calls(sec)
	pids = {c[0].group(4) for c in found}
	# execvp may try other PATH entries first (ENOENT): all by one task.
	if (len(pids) == 1 and found[-1][2].endswith(" returned 0") and
	    all(c[1][:1] == [(0, "sys_execve")] for c in found) and
	    "from-sh" in sec and "teachos" in sec):
		passed("ktrace/one-task", f"{len(found)} execve(s) of the command's own"
		       " task traced, none of its child cat's")
	else:
		failed("ktrace/one-task", f"traced execves by pids {sorted(pids)}, expected"
		       " one task's only, the last returning 0", sec)
	check_status("ktrace/one-task", sec)

	sec = secs["exit"]
	if (any(HEADER.match(x) and x.startswith("ktrace: exit_group #1 by true[") for x in sec)
	    and any(x.startswith("ktrace: tracing stopped during exit_group #1") for x in sec)):
		passed("ktrace/exit", "exit_group never returns: 'tracing stopped' after it")
	else:
		failed("ktrace/exit", "no exit_group trace ending in 'tracing stopped'", sec)
	check_status("ktrace/exit", sec)

	sec = secs["off"]
	if not [x for x in sec if x.startswith("ktrace:")] and "teachos" in sec:
		passed("ktrace/off", "without ktrace, nothing is traced")
	else:
		failed("ktrace/off", "trace lines without ktrace", sec)

	sec = secs["bad"]
	if any("no_such_call: not a system call" in x for x in sec):
		passed("ktrace/bad-name", "an unknown name is refused")
	else:
		failed("ktrace/bad-name", "no error for an unknown system call name", sec)
	check_status("ktrace/bad-name", sec, "1")

	sec, content = secs["file"], secs["file-content"]
	if (not [x for x in sec if x.startswith("ktrace:")] and "teachos" in sec and
	    [c for c in calls(content) if c[0].group(1) == "open" and c[1][:1] == [(0, "sys_open")]]):
		passed("ktrace/output-file", "-o FILE: the trace went to the file only")
	else:
		failed("ktrace/output-file", "-o FILE: no trace in the file, or one on"
		       " the console", sec + ["--- the file:"] + content)
	check_status("ktrace/output-file", sec)

	sec = secs["busy"]
	if (any(x.startswith("ktrace: prctl(PR_TEACHOS_KTRACE): ") for x in sec) and
	    status(sec) == "127"):
		passed("ktrace/busy", "a second task cannot be traced at the same time")
	else:
		failed("ktrace/busy", "a second ktrace did not fail with status 127"
		       " while another was tracing", sec)
	sec = secs["after-busy"]
	if [c for c in calls(sec) if c[0].group(1) == "open"] and status(sec) == "0":
		passed("ktrace/after-busy", "once the first is done, the next one traces")
	else:
		failed("ktrace/after-busy", "no trace after the first ktrace ended", sec)


def test_ktrace(tmp, timeout):
	listener = Listener()
	try:
		extra = os.path.join(tmp, "extra")
		os.makedirs(extra)
		with open(os.path.join(extra, "ktrace_test"), "w") as f:
			f.write(GUEST_SCRIPT.format(m=MARK, host=GUEST_HOST, port=listener.port))
		iso = os.path.join(tmp, "ktrace.iso")
		try:
			# No dot in the script's name: "a.b" on the command line is
			# a kernel parameter (module.param), as on Linux.
			qemu.build_iso("init=/bin/sh /ktrace_test", iso, rootfs_extra=extra)
		except (RuntimeError, subprocess.TimeoutExpired) as e:
			failed("ktrace/build-iso", "make iso failed", str(e).split("\n"))
			return
		check_sites()
		output, code, elapsed = qemu.boot(
			iso, timeout, extra_args=["-netdev", "user,id=n0",
						  "-device", "virtio-net-pci,netdev=n0"])
	finally:
		listener.close()
	with open(os.path.join(tmp, "serial.log"), "w") as f:
		f.write(output)
	serial = output.split("\n--- qemu stderr ---\n")[0]
	lines = [ANSI.sub("", x).rstrip("\r") for x in serial.split("\n")]
	if code is None:
		failed("ktrace/qemu-exit", f"QEMU still running after {timeout} s, killed", lines)
	else:
		passed("ktrace/qemu-exit", f"exit code {code} after {elapsed:.1f} s")
	check_guest(lines, listener)
	if MARK + "end" in lines and "init exited with status 0" in lines:
		passed("ktrace/alive", "the script ran to its end, init exited 0")
	else:
		failed("ktrace/alive", "the script did not end normally", lines)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--timeout", type=float, default=180,
			help="seconds allowed for the boot (default 180)")
	ap.add_argument("--keep", action="store_true",
			help="keep the temporary directory (ISO, script, serial.log)")
	args = ap.parse_args()
	# Turn SIGTERM into an exception so qemu.boot() still kills QEMU.
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

	tmp = tempfile.mkdtemp(prefix="test_ktrace.")
	try:
		test_ktrace(tmp, args.timeout)
	finally:
		if args.keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
