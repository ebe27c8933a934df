"""Drive the guest's serial console like a person at a terminal.

    with Console(iso, timeout=120) as con:
        con.expect("# ")                 # wait for the shell's prompt
        con.send("echo hello\\r")         # type a line (Enter is \\r on a tty)
        out = con.expect("# ")           # everything printed up to the next prompt

QEMU's COM1 is connected to our pipes.  Every wait has a deadline, and
the QEMU process is killed and reaped when the block ends (or the test
dies), as in qemu.boot().
"""
import os
import selectors
import subprocess
import time

import qemu


class ConsoleTimeout(Exception):
	pass


class Console:
	def __init__(self, iso, timeout=120, extra_args=()):
		self.deadline = time.monotonic() + timeout
		self.buf = b""		# received, not yet consumed by expect()
		self.log = b""		# everything received
		cmd = qemu.QEMU + ["-cdrom", iso, "-boot", "d"] + list(extra_args)
		self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
					     stderr=subprocess.STDOUT, start_new_session=True,
					     preexec_fn=qemu._die_with_parent)
		os.set_blocking(self.proc.stdout.fileno(), False)
		self.sel = selectors.DefaultSelector()
		self.sel.register(self.proc.stdout, selectors.EVENT_READ)

	def __enter__(self):
		return self

	def __exit__(self, *exc):
		self.close()

	def close(self):
		if self.proc.poll() is None:
			qemu._kill(self.proc)
		self.proc.wait()
		self.sel.close()

	def _read(self, until):
		for _ in self.sel.select(max(0.0, until - time.monotonic())):
			try:
				data = os.read(self.proc.stdout.fileno(), 65536)
			except BlockingIOError:
				return
			if data:
				data = data.replace(b"\r", b"")	# the tty sends \r\n
				self.buf += data
				self.log += data

	def expect(self, text, timeout=30):
		"""Wait until text appears; return what came before it (as str)."""
		want = text.encode()
		until = min(self.deadline, time.monotonic() + timeout)
		while want not in self.buf:
			if time.monotonic() >= until or self.proc.poll() is not None:
				self._read(time.monotonic() + 0.2)
				if want in self.buf:
					break
				raise ConsoleTimeout(f"waited for {text!r}; got {self.buf[-300:]!r}")
			self._read(until)
		before, _, self.buf = self.buf.partition(want)
		return before.decode("utf-8", "replace")

	def send(self, text, delay=0.005):
		"""Type text, one character at a time (a UART has no big buffer)."""
		for ch in text.encode():
			self.proc.stdin.write(bytes([ch]))
			self.proc.stdin.flush()
			time.sleep(delay)

	def wait_exit(self, timeout=30):
		"""Wait for QEMU to end by itself (poweroff); return its exit code."""
		until = min(self.deadline, time.monotonic() + timeout)
		while self.proc.poll() is None and time.monotonic() < until:
			self._read(time.monotonic() + 0.2)
		return self.proc.poll()

	def text(self):
		return self.log.decode("utf-8", "replace").replace("\r", "")
