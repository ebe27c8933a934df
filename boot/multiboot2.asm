; The multiboot2 header: GRUB finds it in the first 32 KiB of the image
; and hands control to _start in 32-bit protected mode.
; Layout: multiboot2 specification, section 3.1.

MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0

section .multiboot
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	; Information request: without these the kernel cannot boot.
	align 8
.info_request:
	dw 1			; type: information request
	dw 0			; flags: required
	dd .info_request_end - .info_request
	dd 1			; boot command line
	dd 3			; modules (the root filesystem image)
	dd 6			; memory map
.info_request_end:

	; Ask for modules to be page aligned, so they can be freed page-wise.
	align 8
	dw 6			; type: module alignment
	dw 0
	dd 8

	align 8
	dw 0			; end tag
	dw 0
	dd 8
mb2_header_end:

section .note.GNU-stack noalloc noexec nowrite progbits
