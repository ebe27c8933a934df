#!/usr/bin/env python3
"""The classic /proc demonstration, typed into the guest's console:

    # nc -l 7000 &
    # ls -l /proc/$!/fd          ... 3 -> socket:[N]
    # cat /proc/net/tcp          ... a LISTEN line on port 7000 with inode N

The inode in the fd link must equal the inode column of the matching
/proc/net/tcp line, and that line is parsed by the same function that
parses this Linux host's own /proc/net/tcp (run on both in this test).

Usage: python3 tests/harness/test_proc.py
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console  # noqa: E402
import qemu  # noqa: E402

failures = 0
TCP_LISTEN = 0x0A


def passed(name, note=""):
	print(f"PASS proc/{name}" + (f": {note}" if note else ""))


def failed(name, why, text=""):
	global failures
	failures += 1
	print(f"FAIL proc/{name}: {why}")
	for line in text.split("\n")[-20:]:
		print(f"    | {line}")


def parse_proc_net_tcp(text):
	"""Linux's /proc/net/tcp: a header, then 'sl: local rem st txq:rxq tr:when
	retrnsmt uid timeout inode ...'.  Addresses are hex, little-endian IPv4
	as the kernel stores it, ports hex.  Returns a list of dicts."""
	rows = []
	lines = text.strip("\n").split("\n")
	if not lines or "local_address" not in lines[0]:
		raise ValueError("no /proc/net/tcp header")
	for line in lines[1:]:
		f = line.split()
		if len(f) < 10 or not f[0].endswith(":"):
			raise ValueError(f"bad line: {line!r}")
		laddr, lport = f[1].split(":")
		raddr, rport = f[2].split(":")
		rows.append({
			"local": (int(laddr, 16).to_bytes(4, "little"), int(lport, 16)),
			"remote": (int(raddr, 16).to_bytes(4, "little"), int(rport, 16)),
			"state": int(f[3], 16),
			"uid": int(f[7]),
			"inode": int(f[9]),
		})
	return rows


def main():
	try:
		with open("/proc/net/tcp") as f:
			host_rows = parse_proc_net_tcp(f.read())
		passed("parser-on-host", f"{len(host_rows)} lines of the host's /proc/net/tcp parsed")
	except (OSError, ValueError) as e:
		failed("parser-on-host", str(e))
	tmp = tempfile.mkdtemp(prefix="test_proc.")
	iso = os.path.join(tmp, "proc.iso")
	try:
		qemu.build_iso("init=/sbin/init", iso)
		with console.Console(iso, timeout=180) as con:
			con.expect("# ", 60)
			con.send("nc -l 7000 &\r")
			con.expect("# ", 20)
			con.send("ls -l /proc/$!/fd\r")
			fds = con.expect("# ", 20)
			con.send("cat /proc/net/tcp\r")
			tcp = con.expect("# ", 20).split("\n", 1)[1]
	except Exception as e:
		failed("boot", str(e))
		sys.exit(1)
	finally:
		if os.path.exists(iso):
			os.unlink(iso)
		os.rmdir(tmp)
	m = re.search(r"\b3 -> socket:\[(\d+)\]", fds)
	if not m:
		failed("fd-link", "no '3 -> socket:[N]' in ls -l /proc/PID/fd", fds)
		sys.exit(1)
	inode = int(m.group(1))
	passed("fd-link", f"3 -> socket:[{inode}]")
	for line in ("0 -> /dev/console", "1 -> /dev/console", "2 -> /dev/console"):
		if line in fds:
			passed(f"fd-{line[0]}", line)
		else:
			failed(f"fd-{line[0]}", f"no '{line}'", fds)
	try:
		rows = parse_proc_net_tcp(tcp)
		passed("parser-on-guest", f"{len(rows)} lines parsed by the same code")
	except ValueError as e:
		failed("parser-on-guest", str(e), tcp)
		sys.exit(1)
	match = [r for r in rows if r["local"][1] == 7000 and r["state"] == TCP_LISTEN]
	if len(match) == 1 and match[0]["inode"] == inode:
		passed("inode-matches", f"LISTEN on port 7000 has inode {inode}, as the fd link says")
	else:
		failed("inode-matches", f"no LISTEN line on 7000 with inode {inode}", tcp)
	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
