; Every way into the kernel and back out: exceptions, IRQs, the syscall
; instruction, and the first return of a new task.  All of them build the
; same struct pt_regs (kernel/ptrace.h) on the kernel stack.
; Linux: arch/x86/entry/entry_64.S.

bits 64
default rel

%define PERCPU_KERNEL_SP 0
%define PERCPU_USER_SP 8
%define USER_CS 0x2b
%define USER_DS 0x23
%define PT_REGS_CS 18*8		; offset of cs in struct pt_regs

extern interrupt_dispatch
extern do_syscall_64
extern exit_to_user_mode
extern schedule_tail

section .text

; Push the general registers in pt_regs order (r15 ends up lowest).
%macro PUSH_REGS 0
	push rdi
	push rsi
	push rdx
	push rcx
	push rax
	push r8
	push r9
	push r10
	push r11
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
%endmacro

%macro POP_REGS 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	pop r11
	pop r10
	pop r9
	pop r8
	pop rax
	pop rcx
	pop rdx
	pop rsi
	pop rdi
%endmacro

; One stub per vector: push a zero where the CPU pushes no error code,
; then the vector number, and join the common path.
%macro VECTOR_NOERR 1
vector_%1:
	push 0
	push %1
	jmp interrupt_common
%endmacro
%macro VECTOR_ERR 1
vector_%1:
	push %1
	jmp interrupt_common
%endmacro

%assign i 0
%rep 48
%if i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30
	VECTOR_ERR i
%else
	VECTOR_NOERR i
%endif
%assign i i + 1
%endrep

section .rodata
global interrupt_vectors
interrupt_vectors:
%assign i 0
%rep 48
	dq vector_ %+ i
%assign i i + 1
%endrep

section .text
interrupt_common:
	test byte [rsp + 3*8], 3	; cs (after vector and error code): from user?
	jz .from_kernel
	swapgs
.from_kernel:
	PUSH_REGS
	cld
	mov rdi, rsp
	call interrupt_dispatch
	jmp ret_from_intr

; Leave the kernel through the saved pt_regs at rsp.  Before a return to
; user mode, exit_to_user_mode() runs with interrupts off: it reschedules
; if the time slice is over.
global ret_from_intr
ret_from_intr:
	cli
	test byte [rsp + PT_REGS_CS], 3
	jz .restore
	mov rdi, rsp
	call exit_to_user_mode
	POP_REGS
	add rsp, 16			; vector and orig_ax
	swapgs
	iretq
.restore:
	POP_REGS
	add rsp, 16
	iretq

; The syscall instruction: rip in rcx, rflags in r11, still the user's
; stack, interrupts off (SYSCALL_MASK clears IF).  Switch to the task's
; kernel stack and build pt_regs as the CPU would for an interrupt.
global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	mov [gs:PERCPU_USER_SP], rsp
	mov rsp, [gs:PERCPU_KERNEL_SP]
	push USER_DS			; ss
	push qword [gs:PERCPU_USER_SP]	; sp
	push r11			; flags
	push USER_CS			; cs
	push rcx			; ip
	push rax			; orig_ax: the system call number
	push -1				; vector: not an interrupt
	PUSH_REGS
	mov rdi, rsp
	sti
	call do_syscall_64
	cli
	mov rdi, rsp
	call exit_to_user_mode
	; sysret restores rip from rcx and rflags from r11; if a system call
	; (execve, rt_sigreturn) changed them otherwise, leave through iretq.
	mov rcx, [rsp + 17*8]		; ip
	cmp rcx, [rsp + 11*8]		; cx
	jne .slow
	mov r11, [rsp + 19*8]		; flags
	cmp r11, [rsp + 6*8]		; r11
	jne .slow
	cmp qword [rsp + PT_REGS_CS], USER_CS
	jne .slow
	; A non-canonical rip would fault in ring 0 on Intel CPUs: use iretq.
	mov r11, 0x00007ffffffff000
	cmp rcx, r11
	jae .slow
	POP_REGS
	add rsp, 16			; vector, orig_ax
	pop rcx				; ip -> rcx for sysret
	add rsp, 8			; cs
	pop r11				; flags -> r11
	pop rsp				; the user's stack
	swapgs
	o64 sysret
.slow:
	POP_REGS
	add rsp, 16
	swapgs
	iretq

; A new task's first run: switch_to returns here on its fresh stack,
; with pt_regs above.  Linux: ret_from_fork.
global ret_from_fork
ret_from_fork:
	mov rdi, rax			; the previous task, from __switch_to_asm
	call schedule_tail
	test rbx, rbx			; kernel thread: rbx = function, r12 = argument
	jz ret_from_intr
	mov rdi, r12
	call rbx
	jmp ret_from_intr		; a kernel thread that returns becomes user

; __switch_to_asm(prev_sp_slot, next_sp): save callee-saved registers on
; this stack, switch stacks, restore the next task's.  Returns prev in rax.
global __switch_to_asm
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdx
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
