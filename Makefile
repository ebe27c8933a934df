# One entry point: build, iso, run, test, bench, debug.  See README.md.
#
#   make run                 boot build/os.iso in QEMU, serial console here
#   make test                unit tests, then boot tests; ends "N passed, N failed"
#   make iso ISO=x CMDLINE='init=/bin/hello a b' ROOTFS_EXTRA=dir
#   make debug               QEMU waits for gdb (see boot/debug.gdb)
#   KVM=1                    use KVM instead of TCG (not trusted here: DESIGN.md)

BUILD     := build
ISO       ?= $(BUILD)/os.iso
CMDLINE   ?= init=/sbin/init
ROOTFS_EXTRA ?=
QEMU_MEM  ?= 256M
ROOTFS_BLOCK_SIZE ?= 1024
ROOTFS_FREE_MB ?= 4	# free space in the root image; GRUB reads it all at boot (~9 MB/s under TCG)

CC        := gcc
LD        := ld
NASM      := nasm
MUSL_CC   := musl-gcc

KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D__KERNEL__ -I. \
	-ffreestanding -fno-stack-protector -fno-pic -fno-pie -mno-red-zone \
	-mcmodel=kernel -mgeneral-regs-only -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing -fno-common \
	-Wno-unused-parameter -MMD -MP
# The call-path tracer (kernel/ktrace.c): every function of these folders
# starts with a 5-byte NOP, listed in section __mcount_loc, that the tracer
# patches into a call only while it traces.  KTRACE_NOTRACE: files that
# stay out (the tracers, what ktrace uses, the low-level entry code).
KTRACE_CFLAGS := -pg -mfentry -mnop-mcount -mrecord-mcount
KTRACE_NOTRACE := kernel/ktrace.c kernel/kallsyms.c kernel/lib/% kernel/printk.c \
	kernel/printk_ringbuffer.c \
	kernel/panic.c kernel/uaccess.c kernel/traps.c kernel/irq.c kernel/cpu.c \
	kernel/strace.c drivers/uart.c
# The files docs/tour.md walks through keep each of their functions a call
# of its own (GCC inlines there only what is declared inline), so that
# every step of the tour shows in a trace; elsewhere GCC inlines as usual.
KTRACE_NOINLINE := fs/open.c fs/read_write.c net/socket.c
KTRACE_NOINLINE_CFLAGS := -fno-inline-functions -fno-inline-small-functions \
	-fno-inline-functions-called-once
KLDFLAGS := -n -T linker.ld -z max-page-size=0x1000 --no-warn-rwx-segments
UCFLAGS := -static -O2 -Wall -Wextra -Werror

KERNEL_C   := $(shell find kernel fs net drivers -name '*.c' 2>/dev/null | sort)
KERNEL_ASM := $(shell find boot kernel -name '*.asm' 2>/dev/null | sort)
KERNEL_OBJ := $(KERNEL_C:%.c=$(BUILD)/%.o) $(KERNEL_ASM:%.asm=$(BUILD)/%.o)

USER_PROGS  := $(patsubst user/%.c,$(BUILD)/rootfs/bin/%,$(wildcard user/*.c)) \
	       $(patsubst user/sbin/%.c,$(BUILD)/rootfs/sbin/%,$(wildcard user/sbin/*.c))
USER_ETC    := $(patsubst user/%,$(BUILD)/rootfs/%,$(wildcard user/etc/* user/www/*))
GUEST_TESTS := $(patsubst tests/guest/%.c,$(BUILD)/rootfs/tests/%,$(wildcard tests/guest/*.c))

ifeq ($(KVM),1)
QEMU_ACCEL := -accel kvm -cpu host
else
QEMU_ACCEL := -accel tcg -cpu max
endif
QEMU := qemu-system-x86_64 $(QEMU_ACCEL) -m $(QEMU_MEM) -no-reboot \
	-cdrom $(ISO) -boot d

.DELETE_ON_ERROR:
.PHONY: all deps kernel iso run debug test unit bench clean
all: iso

# A fresh Debian machine needs only `make run` / `make test`: install what
# is missing.  The stamp keeps this to one check per build tree.
DEPS := nasm:nasm grub-mkrescue:grub-common xorriso:xorriso mformat:mtools \
	qemu-system-x86_64:qemu-system-x86 musl-gcc:musl-tools mke2fs:e2fsprogs \
	e2fsck:e2fsprogs python3:python3
$(BUILD)/.deps:
	@mkdir -p $(BUILD); missing=""; \
	for d in $(DEPS); do command -v $${d%%:*} >/dev/null 2>&1 || \
		PATH=$$PATH:/sbin:/usr/sbin command -v $${d%%:*} >/dev/null 2>&1 || \
		missing="$$missing $${d#*:}"; done; \
	[ -d /usr/lib/grub/i386-pc ] || missing="$$missing grub-pc-bin"; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; \
		elif command -v sudo >/dev/null; then SUDO=sudo; \
		else echo "error: need root or sudo to install:$$missing" >&2; exit 1; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing \
			>/dev/null || { echo "error: apt-get install$$missing failed" >&2; exit 1; }; \
	fi; touch $@
deps: $(BUILD)/.deps

# --- the kernel -----------------------------------------------------------
# Objects are rebuilt when the compile flags change (the stamp's name is their hash).
KCFLAGS_STAMP := $(BUILD)/.kcflags-$(shell echo '$(KCFLAGS) $(KTRACE_CFLAGS) $(KTRACE_NOTRACE) \
	$(KTRACE_NOINLINE) $(KTRACE_NOINLINE_CFLAGS)' | md5sum | cut -c1-8)
$(KCFLAGS_STAMP):
	@mkdir -p $(BUILD); rm -f $(BUILD)/.kcflags-*; touch $@

$(BUILD)/%.o: %.c $(KCFLAGS_STAMP) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) $(if $(filter $(KTRACE_NOTRACE),$<),,$(KTRACE_CFLAGS)) \
		$(if $(filter $(KTRACE_NOINLINE),$<),$(KTRACE_NOINLINE_CFLAGS)) -c $< -o $@

$(BUILD)/%.o: %.asm | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(NASM) -f elf64 -g -F dwarf $< -o $@

# Two links, as Linux's kallsyms: the first finds every symbol's address,
# the second adds the table.  The table sits last in the image, so the
# addresses cannot move; the build checks that they did not.
$(BUILD)/kernel.elf: $(KERNEL_OBJ) linker.ld kernel/gen_kallsyms.py
	python3 kernel/gen_kallsyms.py < /dev/null > $(BUILD)/kallsyms0.S
	$(CC) -c $(BUILD)/kallsyms0.S -o $(BUILD)/kallsyms0.o
	$(LD) $(KLDFLAGS) -o $(BUILD)/kernel.pass1 $(KERNEL_OBJ) $(BUILD)/kallsyms0.o
	nm -n $(BUILD)/kernel.pass1 | python3 kernel/gen_kallsyms.py > $(BUILD)/kallsyms.S
	$(CC) -c $(BUILD)/kallsyms.S -o $(BUILD)/kallsyms.o
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJ) $(BUILD)/kallsyms.o
	@nm -n $(BUILD)/kernel.pass1 | grep -v -e kallsyms -e " _end$$" > $(BUILD)/nm.1; \
	 nm -n $@ | grep -v -e kallsyms -e " _end$$" > $(BUILD)/nm.2; \
	 cmp -s $(BUILD)/nm.1 $(BUILD)/nm.2 || { echo "kallsyms moved symbols" >&2; exit 1; }
kernel: $(BUILD)/kernel.elf

# --- user programs and the root filesystem ---------------------------------
# Headers in user/ (the shell's parts) are included by their program.
$(BUILD)/rootfs/bin/%: user/%.c $(wildcard user/*.h) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSL_CC) $(UCFLAGS) $< -o $@

$(BUILD)/rootfs/sbin/%: user/sbin/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSL_CC) $(UCFLAGS) $< -o $@

$(BUILD)/rootfs/etc/%: user/etc/%
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/rootfs/www/%: user/www/%
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/rootfs/tests/%: tests/guest/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSL_CC) $(UCFLAGS) $< -o $@

# The ISO: kernel, root filesystem image (ext2, made by mke2fs -d from a
# staging copy of build/rootfs plus ROOTFS_EXTRA) and grub.cfg with CMDLINE.
iso: $(BUILD)/kernel.elf $(USER_PROGS) $(USER_ETC) $(GUEST_TESTS)
	@set -e; stage=$$(mktemp -d $(BUILD)/iso.XXXXXX); trap 'rm -rf $$stage' EXIT; \
	mkdir -p $$stage/root $$stage/iso/boot/grub; \
	cp -a $(BUILD)/rootfs/. $$stage/root/; mkdir -p $$stage/root/dev $$stage/root/tmp $$stage/root/proc; \
	if [ -n "$(ROOTFS_EXTRA)" ]; then cp -a $(ROOTFS_EXTRA)/. $$stage/root/; fi; \
	kb=$$(du -sk $$stage/root | cut -f1); size=$$(( kb + $(ROOTFS_FREE_MB) * 1024 )); \
	PATH=$$PATH:/sbin:/usr/sbin mke2fs -q -F -t ext2 -b $(ROOTFS_BLOCK_SIZE) -m 0 -E root_owner=0:0 \
		-L rootfs -d $$stage/root $$stage/iso/boot/rootfs.img $${size}k >/dev/null; \
	cp $(BUILD)/kernel.elf $$stage/iso/boot/kernel.elf; \
	sed 's|@CMDLINE@|$(CMDLINE)|' boot/grub.cfg > $$stage/iso/boot/grub/grub.cfg; \
	mkdir -p $$(dirname $(ISO)); \
	grub-mkrescue -o $(ISO) $$stage/iso --install-modules="multiboot2 normal part_msdos iso9660 biosdisk" \
		--fonts= --locales= --themes= >$$stage/log 2>&1 || { cat $$stage/log; exit 1; }

# QEMU's user network: the guest is 10.0.2.15, the host is 10.0.2.2.
# Host ports are forwarded to the guest's web server and nc.
HOSTFWD := hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=tcp:127.0.0.1:7001-:7000
QEMU_NET := -nic user,model=virtio-net-pci,$(HOSTFWD)

run: iso
	@echo "Booting $(ISO) in QEMU ($(if $(filter 1,$(KVM)),KVM,TCG)); poweroff (or Ctrl-A X) ends it."
	@echo "Network: host 127.0.0.1:8080 -> guest port 80 (httpd), 127.0.0.1:7001 -> guest port 7000 (nc -l 7000)."
	$(QEMU) $(QEMU_NET) -display none -serial mon:stdio

# QEMU stops before the first instruction and waits for gdb on :1234.
debug: iso
	@echo "QEMU waits for gdb on localhost:1234. In another terminal, from this folder:"
	@echo "    gdb -x boot/debug.gdb      (stops at start_kernel)"
	$(QEMU) $(QEMU_NET) -display none -serial mon:stdio -S -gdb tcp:127.0.0.1:1234

# --- tests ------------------------------------------------------------------
test: iso
	@bash tests/run

bench: iso
	@python3 tests/harness/bench.py

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
