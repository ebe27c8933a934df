"""Build a bootable ISO and boot it in QEMU, capturing the serial console.

Used by test_boot.py.  Every boot is bounded by a timeout, and the QEMU
process is always killed and reaped before boot() returns, so no QEMU is
ever left running - not even when the caller is interrupted.
"""
import ctypes
import os
import selectors
import signal
import subprocess
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

QEMU = [
	"qemu-system-x86_64",
	"-accel", "tcg",
	"-cpu", "max",
	"-m", "256M",
	"-display", "none",
	"-serial", "stdio",	# COM1 is our console: the kernel log and user output
	"-monitor", "none",
	"-nic", "none",		# no network device
	"-no-reboot",		# a triple fault ends QEMU instead of rebooting
]


def build_iso(cmdline, iso_path, rootfs_extra=None, timeout=600, make_vars=()):
	"""Run 'make iso' in the repository root; raise RuntimeError on failure.

	cmdline is the kernel command line baked into the ISO.  rootfs_extra,
	if given, is a directory whose contents the Makefile copies over the
	root file system (e.g. DIR/tests/bad-magic becomes /tests/bad-magic).
	"""
	# A list, not a shell string: the command line needs no quoting.
	cmd = ["make", "-s", "iso", f"ISO={iso_path}", f"CMDLINE={cmdline}"]
	if rootfs_extra is not None:
		cmd.append(f"ROOTFS_EXTRA={rootfs_extra}")
	cmd += list(make_vars)		# e.g. "ROOTFS_BLOCK_SIZE=4096"
	r = subprocess.run(cmd, cwd=REPO, stdin=subprocess.DEVNULL,
			   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
			   text=True, timeout=timeout)
	if r.returncode != 0:
		raise RuntimeError(f"{' '.join(cmd)} failed (exit {r.returncode}):\n"
				   f"{r.stdout[-4000:]}")
	return iso_path


def _die_with_parent():
	"""In the child, before exec: get SIGKILL if the harness itself dies.

	This covers what the finally clause in boot() cannot: the harness
	being killed with SIGKILL.  (1 is PR_SET_PDEATHSIG.)
	"""
	libc = ctypes.CDLL(None, use_errno=True)
	libc.prctl(1, signal.SIGKILL, 0, 0, 0)


def _kill(proc):
	"""Kill QEMU's process group (it leads its own session) and reap it."""
	if proc.poll() is None:
		try:
			os.killpg(proc.pid, signal.SIGKILL)
		except ProcessLookupError:
			pass
	proc.wait()


def boot(iso, timeout, extra_args=(), line_times=None):
	"""Boot iso in QEMU and return (output, exit_code, elapsed_seconds).

	output is the serial console text with '\\r' removed; anything QEMU
	itself wrote to stderr is appended after a '--- qemu stderr ---' line.
	exit_code is QEMU's exit status, or None if the timeout expired and
	QEMU had to be killed.  If line_times is a list, (seconds since QEMU
	was started, line) is appended to it for each serial line as it
	arrives, so callers can time boot milestones.
	"""
	cmd = QEMU + ["-cdrom", iso, "-boot", "d"] + list(extra_args)
	out, err = bytearray(), bytearray()
	partial = b""
	timed_out = False
	start = time.monotonic()
	deadline = start + timeout
	# stdin is /dev/null: nothing is ever typed.  start_new_session puts
	# QEMU in a process group of its own that _kill() can take down.
	proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
				stdout=subprocess.PIPE, stderr=subprocess.PIPE,
				start_new_session=True,
				preexec_fn=_die_with_parent)
	try:
		sel = selectors.DefaultSelector()
		sel.register(proc.stdout, selectors.EVENT_READ, out)
		sel.register(proc.stderr, selectors.EVENT_READ, err)
		# Read until QEMU has closed both pipes or time is up.
		while sel.get_map() and time.monotonic() < deadline:
			for key, _ in sel.select(deadline - time.monotonic()):
				data = os.read(key.fd, 65536)
				if not data:
					sel.unregister(key.fileobj)
					continue
				key.data.extend(data)
				if key.data is out and line_times is not None:
					now = time.monotonic() - start
					lines = (partial + data).split(b"\n")
					partial = lines.pop()
					for line in lines:
						line_times.append((now, _text(line)))
		sel.close()
		# Closed pipes mean QEMU is exiting; give it the time left.
		try:
			proc.wait(timeout=max(0.0, deadline - time.monotonic()))
		except subprocess.TimeoutExpired:
			timed_out = True
	finally:
		_kill(proc)
		proc.stdout.close()
		proc.stderr.close()
	elapsed = time.monotonic() - start
	text = _text(bytes(out))
	if err:
		text += "\n--- qemu stderr ---\n" + _text(bytes(err))
	return text, (None if timed_out else proc.returncode), elapsed


def _text(b):
	return b.decode("utf-8", errors="replace").replace("\r", "")
