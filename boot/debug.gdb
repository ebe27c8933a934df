# gdb script for `make debug`: run `gdb -x boot/debug.gdb` from the
# repository root while QEMU waits (make debug).
#
# QEMU's gdb stub always speaks the 64-bit register set.  gdb must be told
# the architecture before it connects, or it guesses 32-bit from the
# early boot code and fails with "Remote 'g' packet reply is too long".
# The first stop uses a hardware breakpoint: software breakpoints written
# before paging is on would land at the wrong address.
set architecture i386:x86-64
set disassembly-flavor intel
file build/kernel.elf
target remote localhost:1234
hbreak start_kernel
continue
