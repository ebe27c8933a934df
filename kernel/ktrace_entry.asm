; The two trampolines of the call-path tracer (kernel/ktrace.c).
;
; While tracing is on, the 5-byte NOP that starts every instrumented
; function F is a `call ktrace_entry_trampoline'.  It saves the registers
; that carry F's arguments, hands ktrace_enter() a struct ktrace_frame
; describing the call, and returns into F as if nothing happened.
; ktrace_enter() may replace F's return address with
; ktrace_return_trampoline, which counts the depth back down when F
; returns and then jumps to the real return address.
;
; Nothing here runs while tracing is off: no call site points here.

bits 64
default rel

extern ktrace_enter
extern ktrace_return

section .text

; On entry:  [rsp] = F + 5 (where F goes on), [rsp + 8] = F's return
; address, rbp = F's caller's frame pointer (F's prologue has not run).
; struct ktrace_frame, lowest address first:
;   ax, di, si, dx, cx, r8, r9, r10, r11, bp, ip (F + 5), parent_ip
global ktrace_entry_trampoline
ktrace_entry_trampoline:
	push rbp
	mov rbp, rsp
	push r11
	push r10
	push r9
	push r8
	push rcx
	push rdx
	push rsi
	push rdi
	push rax
	mov rdi, rsp			; the struct ktrace_frame
	and rsp, -16			; the C ABI's alignment, whatever F's was
	call ktrace_enter
	lea rsp, [rbp - 9*8]
	pop rax
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop r8
	pop r9
	pop r10
	pop r11
	pop rbp
	ret

; F's `ret' landed here instead of in its caller: rsp is one word above
; the slot that held the return address.  rax and rdx may hold F's return
; value; r11 is free at a return (caller-saved, no value in it).
global ktrace_return_trampoline
ktrace_return_trampoline:
	push rax
	push rdx
	push rbp
	mov rbp, rsp
	lea rdi, [rbp + 16]		; the slot: rsp on arrival - 8
	and rsp, -16
	call ktrace_return		; the real return address, in rax
	mov rsp, rbp
	pop rbp
	mov r11, rax
	pop rdx
	pop rax
	jmp r11

section .note.GNU-stack noalloc noexec nowrite progbits
