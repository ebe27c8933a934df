; 32-bit entry from GRUB, the switch to long mode, and the jump to
; start_kernel in the higher half.  Linux: arch/x86/kernel/head_64.S
; (Linux is entered already in 64-bit mode by its own decompressor;
; here we do that step ourselves).
;
; On entry (multiboot2 spec 3.3): EAX = 0x36d76289, EBX = physical
; address of the boot information, paging off, interrupts off.

KERNEL_VMA	equ 0xffffffff80000000
MB2_BOOT_MAGIC	equ 0x36d76289
COM1		equ 0x3f8

PTE_PRESENT	equ 1 << 0
PTE_WRITE	equ 1 << 1
PTE_HUGE	equ 1 << 7

extern start_kernel
extern __bss_start
extern __bss_stop

global _start
global boot_entry_tsc
global boot_mb2_magic
global boot_mb2_info
global init_stack_top

section .boot.text
bits 32
_start:
	mov esp, boot_stack_top
	mov [boot_mb2_magic], eax
	mov [boot_mb2_info], ebx
	rdtsc				; every x86_64 CPU has a TSC
	mov [boot_entry_tsc], eax
	mov [boot_entry_tsc + 4], edx

	call serial_init32

	cmp dword [boot_mb2_magic], MB2_BOOT_MAGIC
	jne .no_multiboot
	call check_long_mode
	call setup_page_tables
	call enable_paging

	lgdt [boot_gdt_ptr]
	jmp 0x08:long_mode_entry

.no_multiboot:
	mov esi, msg_no_mb2
	jmp halt_with_message

; CPUID must exist (EFLAGS.ID can be flipped), must report extended
; leaf 0x80000001, and that leaf must have the LM bit.
check_long_mode:
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_long_mode
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29		; LM
	jz .no_long_mode
	mov [boot_has_nx], edx		; bit 20 = NX, checked below
	ret
.no_long_mode:
	mov esi, msg_no_lm
	jmp halt_with_message

; Map the first 1 GiB twice with 2 MiB pages: identity (so the next
; instructions keep running) and at KERNEL_VMA (where the C code is linked).
; start_kernel replaces these tables with the real ones.
setup_page_tables:
	mov edi, boot_pml4
	mov ecx, 4096 * 4 / 4
	xor eax, eax
	rep stosd

	mov eax, boot_pdpt_low
	or eax, PTE_PRESENT | PTE_WRITE
	mov [boot_pml4], eax			; 0: identity, for the switch
	mov eax, boot_pdpt_high
	or eax, PTE_PRESENT | PTE_WRITE
	mov [boot_pml4 + 511 * 8], eax		; 0xffffffff80000000: the image
	mov eax, boot_pdpt_low
	or eax, PTE_PRESENT | PTE_WRITE
	mov [boot_pml4 + 273 * 8], eax		; 0xffff888000000000: direct map

	mov eax, boot_pd
	or eax, PTE_PRESENT | PTE_WRITE
	mov [boot_pdpt_low], eax
	mov [boot_pdpt_high + 510 * 8], eax

	mov ecx, 0
.fill_pd:
	mov eax, ecx
	shl eax, 21
	or eax, PTE_PRESENT | PTE_WRITE | PTE_HUGE
	mov [boot_pd + ecx * 8], eax
	inc ecx
	cmp ecx, 512
	jne .fill_pd
	ret

enable_paging:
	mov eax, boot_pml4
	mov cr3, eax
	mov eax, cr4
	or eax, 1 << 5			; PAE
	mov cr4, eax
	mov ecx, 0xC0000080		; EFER
	rdmsr
	or eax, 1 << 8			; LME
	test dword [boot_has_nx], 1 << 20
	jz .no_nx
	or eax, 1 << 11			; NXE: lets page tables mark data no-execute
.no_nx:
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)	; PG, WP (write protect applies to ring 0)
	mov cr0, eax
	ret

serial_init32:
	mov dx, COM1 + 1
	mov al, 0
	out dx, al			; no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al			; DLAB on
	mov dx, COM1
	mov al, 1
	out dx, al			; divisor 1: 115200 baud
	mov dx, COM1 + 1
	mov al, 0
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03
	out dx, al			; 8N1, DLAB off
	ret

; ESI = zero-terminated message.  Print it on COM1 and stop.
halt_with_message:
	lodsb
	test al, al
	jz .halt
	mov ah, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, COM1
	mov al, ah
	out dx, al
	jmp halt_with_message
.halt:
	cli
	hlt
	jmp .halt

bits 64
long_mode_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, .high
	jmp rax
.high:
	; Now running at the higher-half address; the kernel's .bss is mapped.
	mov rdi, __bss_start
	mov rcx, __bss_stop
	sub rcx, rdi
	xor eax, eax
	rep stosb
	mov rsp, init_stack_top
	xor ebp, ebp			; terminates the backtrace
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .boot.data
align 8
boot_entry_tsc:	dq 0
boot_mb2_magic:	dd 0
boot_mb2_info:	dd 0
boot_has_nx:	dd 0

align 16
boot_gdt:
	dq 0
	dq 0x00AF9A000000FFFF		; 0x08: 64-bit kernel code
	dq 0x00CF92000000FFFF		; 0x10: kernel data
boot_gdt_ptr:
	dw boot_gdt_ptr - boot_gdt - 1
	dd boot_gdt

msg_no_mb2:
	db "boot: not started by a multiboot2 loader; halting", 13, 10, 0
msg_no_lm:
	db "boot: this CPU does not support long mode (x86_64); halting", 13, 10, 0

section .boot.bss nobits
align 4096
boot_pml4:	resb 4096
boot_pdpt_low:	resb 4096
boot_pdpt_high:	resb 4096
boot_pd:	resb 4096
boot_stack:	resb 4096
boot_stack_top:

section .bss
align 16
init_stack:	resb 16384
init_stack_top:

section .note.GNU-stack noalloc noexec nowrite progbits
