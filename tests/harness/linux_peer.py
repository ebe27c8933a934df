"""Run guest programs on Linux inside the same QEMU as our kernel.

Used by bench.py.  The peer is Debian's kernel (/boot/vmlinuz-*, from the
linux-image-amd64 package) with an initramfs that holds the programs: the
initramfs is unpacked into rootfs (a RAM file system) and its rdinit
program runs as pid 1.  Linux mounts devtmpfs on /dev only for a real root
file system, not for an initramfs: /dev/console (init's stdin, stdout and
stderr) comes from the small archive built into the kernel, but /dev/null
does not exist.  So our archive carries both nodes.
"""
import glob
import os
import re
import shutil
import subprocess
import time

import qemu

PACKAGE = "linux-image-amd64"


def find_kernel():
	"""The newest /boot/vmlinuz-*, or None."""
	def version(path):
		return [int(n) for n in re.findall(r"\d+", os.path.basename(path))]
	kernels = sorted(glob.glob("/boot/vmlinuz-*"), key=version)
	return kernels[-1] if kernels else None


def install_kernel():
	"""apt-get install the Debian kernel; return None, or why it failed."""
	if os.geteuid() == 0:
		sudo = []
	elif shutil.which("sudo"):
		sudo = ["sudo"]
	else:
		return f"need root or sudo to install {PACKAGE}"
	env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
	for cmd in (["apt-get", "update", "-qq"],
		    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE]):
		r = subprocess.run(sudo + cmd, env=env, stdin=subprocess.DEVNULL,
				   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
		if r.returncode != 0:
			return f"{' '.join(cmd)} failed:\n{r.stdout[-2000:]}"
	return None


def _cpio_entry(ino, name, mode, data=b"", rdev=(0, 0)):
	"""One member of a 'newc' cpio archive (the format Linux unpacks):
	the magic 070701, 13 fields as 8 hex digits, the name with its NUL,
	the data; name and data are each padded to a multiple of 4 bytes."""
	name = name.encode() + b"\0"
	fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
		  len(name), 0)	# ino mode uid gid nlink mtime size dev(2) rdev(2) namesize check
	head = b"070701" + b"".join(b"%08x" % f for f in fields) + name
	return _pad4(head) + _pad4(data)


def _pad4(b):
	return b + b"\0" * (-len(b) % 4)


def make_initramfs(path, files):
	"""Write a cpio archive with /dev/console, /dev/null, an empty /tmp
	and files, a dict from guest path ('/tests/x') to host file."""
	dirs = {"dev", "tmp"}
	for guest in files:
		parts = guest.strip("/").split("/")[:-1]
		dirs.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
	entries = [(d, 0o40755, b"", (0, 0)) for d in sorted(dirs)]
	entries += [("dev/console", 0o20600, b"", (5, 1)),	# character devices
		    ("dev/null", 0o20666, b"", (1, 3))]
	for guest, host in sorted(files.items()):
		with open(host, "rb") as f:
			entries.append((guest.strip("/"), 0o100755, f.read(), (0, 0)))
	with open(path, "wb") as out:
		for ino, (name, mode, data, rdev) in enumerate(entries, 1):
			out.write(_cpio_entry(ino, name, mode, data, rdev))
		out.write(_cpio_entry(0, "TRAILER!!!", 0))


def boot(kernel, initrd, append, timeout):
	"""Boot kernel with initrd in QEMU (qemu.QEMU's configuration) and
	return (output, exit_code, elapsed_seconds) as qemu.boot() does:
	exit_code is None if QEMU had to be killed after timeout seconds."""
	cmd = qemu.QEMU + ["-kernel", kernel, "-initrd", initrd, "-append", append]
	start = time.monotonic()
	proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
				stderr=subprocess.STDOUT, start_new_session=True,
				preexec_fn=qemu._die_with_parent)
	try:
		out, _ = proc.communicate(timeout=timeout)
		code = proc.returncode
	except subprocess.TimeoutExpired:
		qemu._kill(proc)
		out, _ = proc.communicate()	# what it printed before
		code = None
	finally:
		qemu._kill(proc)	# always dead and reaped, even on an exception
	return qemu._text(out), code, time.monotonic() - start
