#!/bin/bash
# Build and run the host unit tests (see tests/unit/README.md):
#
#	bash tests/unit/run.sh		(CC=clang to use clang)
#
# Each test binary prints one PASS or FAIL line per case.  A binary that
# crashes, times out or trips a sanitizer counts as one more failure, and
# its report is printed.  Exits 1 if anything failed.
set -u
cd "$(dirname "$0")/../.." || exit 1

OUT=build/unit
CC=${CC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer
	-fsanitize=address,undefined -fno-sanitize-recover=all"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1

passed=0
failed=0

fail() {
	echo "FAIL unit/$1: $2"
	failed=$((failed + 1))
}

# unit NAME "KERNEL SOURCES" ["FLAGS FOR THE SOURCES" ["FLAGS FOR ALL"]]
#
# Build $OUT/NAME from tests/unit/NAME.c and the kernel's source files,
# run it and count its lines.  The shim directory comes first on the
# include path, so its headers replace the kernel's of the same name.
unit() {
	local name=$1 srcs=$2 kflags=${3:-} flags=${4:-}
	local inc="-Itests/unit/shim -I." dir=$OUT/obj/$name objs="" src obj
	local status npass nfail

	mkdir -p "$dir"
	for src in $srcs; do
		obj=$dir/${src//\//_}.o
		if ! $CC $CFLAGS $flags $kflags $inc -c "$src" -o "$obj"; then
			fail "$name" "cannot compile $src"
			return
		fi
		objs="$objs $obj"
	done
	if ! $CC $CFLAGS $flags $inc "tests/unit/$name.c" $objs -o "$OUT/$name"; then
		fail "$name" "cannot compile tests/unit/$name.c"
		return
	fi

	timeout 300 "$OUT/$name" >"$OUT/$name.out" 2>"$OUT/$name.err"
	status=$?
	cat "$OUT/$name.out" "$OUT/$name.err"
	npass=$(grep -c '^PASS ' "$OUT/$name.out")
	nfail=$(grep -c '^FAIL ' "$OUT/$name.out")
	passed=$((passed + npass))
	failed=$((failed + nfail))

	# 0: all passed; 1: some case printed FAIL; anything else is a crash.
	if [ "$status" = 124 ]; then
		fail "$name" "timed out after 300 s"
	elif grep -q -e 'Sanitizer' -e 'runtime error:' "$OUT/$name.err"; then
		fail "$name" "sanitizer report (exit status $status), see above"
	elif [ "$status" != 0 ] && { [ "$status" != 1 ] || [ "$nfail" = 0 ]; }; then
		fail "$name" "crashed (exit status $status), see above"
	elif [ $((npass + nfail)) = 0 ]; then
		fail "$name" "ran no test cases"
	fi
}

mkdir -p "$OUT"

# The good case for the ELF checks: a real static executable.
if ! musl-gcc -static -O2 tests/unit/elf_sample.c -o "$OUT/elf_sample" 2>/dev/null; then
	echo "note: musl-gcc failed; making build/unit/elf_sample with $CC -static"
	$CC -static -no-pie -O2 tests/unit/elf_sample.c -o "$OUT/elf_sample"
fi

unit frame_pool	kernel/mm/frame_pool.c
unit elf	kernel/elf.c
unit cmdline	kernel/cmdline.c
unit blockmap	fs/ext2/blockmap.c
unit rtc	drivers/rtc.c
unit multiboot2	kernel/multiboot2.c
# Renamed so that the test can call the host's snprintf() as well.
unit vsprintf	kernel/lib/vsprintf.c "-Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf"
# The printk ring with the kernel's own snprintf (renamed as above).
unit printk_ringbuffer "kernel/printk_ringbuffer.c kernel/lib/vsprintf.c" \
	"-Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf" "-D__KERNEL__"
# The kernel's headers, with shim/kernel/sched.h for `current`.
unit fdtable	kernel/fdtable.c "" "-D__KERNEL__"
# ext2 on images made by mke2fs, checked by e2fsck; the kernel's own flags.
unit ext2	"fs/ext2/*.c fs/inode.c fs/dcache.c fs/iov_iter.c" \
	"-Wno-unused-parameter -fno-strict-aliasing" "-D__KERNEL__"

# TCP driven by crafted segments, a fake clock and fake IP/timers/sockets;
# net/skbuff.c in its host flavour through tests/unit/tcp_skbuff.c.
unit tcp	"net/tcp.c net/tcp_cong.c net/tcp_hash.c net/tcp_input.c net/tcp_ipv4.c \
	net/tcp_output.c net/tcp_proc.c net/tcp_timer.c net/checksum.c fs/iov_iter.c \
	tests/unit/tcp_skbuff.c" "-Wno-unused-parameter" "-D__KERNEL__"

echo "unit: $((passed + failed)) tests, $passed passed, $failed failed"
[ "$failed" = 0 ]
