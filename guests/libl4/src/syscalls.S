/*
 * syscalls.S - libl4 system call stubs (A32, or T32 when built -mthumb): r12 = call number, svc #0,
 * arguments already in r0-r3 where AAPCS put them (5th from the stack into
 * r4), result in r0. IPC loads MR0-MR5 into r3-r8 and stores them back.
 * r4-r8 are callee-saved in AAPCS, so every stub that hands them to the
 * kernel (or might get them back changed) saves and restores them.
 */
#include "l4/abi.h"

    .syntax unified
#ifdef __thumb__
    .thumb                          @ conditional instructions get IT from -mimplicit-it
#else
    .arm
#endif
    .text

.macro FUNC name
    .section .text.\name, "ax", %progbits
    .global \name
    .type \name, %function
    .p2align 2
\name:
.endm

.macro ENDF name
    .size \name, . - \name
.endm

/* up to four arguments, one result in r0, nothing else changes */
.macro STUB name, nr
FUNC \name
    mov     r12, #\nr
    svc     #0
    bx      lr
ENDF \name
.endm

/* five arguments (the 5th on the stack goes to r4); r4-r8 saved in case a
 * call not yet specified (capabilities, containers, IRQs) returns in them */
.macro STUB5 name, nr
FUNC \name
    push    {r4-r8, lr}
    ldr     r4, [sp, #24]
    mov     r12, #\nr
    svc     #0
    pop     {r4-r8, pc}
ENDF \name
.endm

/* int l4_syscall(nr, a0, a1, a2, a3, a4) */
FUNC l4_syscall
    push    {r4-r8, lr}
    mov     r12, r0
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #24]
    ldr     r4, [sp, #28]
    svc     #0
    pop     {r4-r8, pc}
ENDF l4_syscall

/* int l4_ipc_flags(to, from, flags, uint32_t mr[6], uint32_t *received) */
FUNC l4_ipc_flags
    push    {r4-r10, lr}            @ 8 words: sp stays 8-byte aligned
    ldr     r10, [sp, #32]          @ r10: where the received flags go (kernel preserves r10)
    movs    r9, r3                  @ r9: the MR array (kernel preserves r9)
    ldmne   r9, {r3-r8}
    moveq   r3, #0
    moveq   r4, #0
    moveq   r5, #0
    moveq   r6, #0
    moveq   r7, #0
    moveq   r8, #0
    mov     r12, #L4_SYS_IPC
    svc     #0
    cmp     r9, #0
    stmne   r9, {r3-r8}
    cmp     r10, #0
    strne   r2, [r10]
    pop     {r4-r10, pc}
ENDF l4_ipc_flags

    STUB    l4_thread_switch,       L4_SYS_THREAD_SWITCH
    STUB    l4_thread_control,      L4_SYS_THREAD_CONTROL
    STUB    l4_exchange_registers,  L4_SYS_EXCHANGE_REGISTERS
    STUB5   l4_map,                 L4_SYS_MAP
    STUB    l4_unmap,               L4_SYS_UNMAP
    STUB5   l4_capability_control,  L4_SYS_CAPABILITY_CONTROL
    STUB5   l4_container_control,   L4_SYS_CONTAINER_CONTROL
    STUB    l4_irq_control,         L4_SYS_IRQ_CONTROL
    STUB    l4_mutex_control,       L4_SYS_MUTEX_CONTROL
    STUB    l4_cache_control,       L4_SYS_CACHE_CONTROL
    STUB    l4_console_write,       L4_SYS_CONSOLE_WRITE

/* l4_tid_t l4_getid(uint32_t *space, uint32_t *container, l4_tid_t *pager) */
FUNC l4_getid
    push    {r4-r6, lr}
    mov     r4, r0
    mov     r5, r1
    mov     r6, r2
    mov     r12, #L4_SYS_GETID
    svc     #0                      @ r0 id, r1 space, r2 container, r3 pager
    cmp     r4, #0
    strne   r1, [r4]
    cmp     r5, #0
    strne   r2, [r5]
    cmp     r6, #0
    strne   r3, [r6]
    pop     {r4-r6, pc}
ENDF l4_getid

/* int l4_time(struct l4_time *t, uint32_t set, uint64_t *cycles) */
FUNC l4_time
    push    {r4, lr}
    mov     r4, r2
    mov     r12, #L4_SYS_TIME
    svc     #0                      @ r0 result, r1:r2 cycles (low, high)
    cmp     r4, #0
    strne   r1, [r4]
    strne   r2, [r4, #4]
    pop     {r4, pc}
ENDF l4_time

/* void l4_exit(int code): thread_control(EXIT, NIL, code), never returns */
FUNC l4_exit
    mov     r2, r0
    mov     r0, #L4_TC_EXIT
    mvn     r1, #0                  @ L4_NILTHREAD (ignored)
    mov     r12, #L4_SYS_THREAD_CONTROL
    svc     #0
1:  b       1b
ENDF l4_exit

/* Entry of threads made by l4_thread_start: r0 = fn, r1 = arg, sp = stack
 * top (8-byte aligned). Calls fn(arg), then EXITs with its result. */
FUNC l4_thread_entry
    mov     fp, #0
    mov     lr, #0
    mov     r2, r0
    mov     r0, r1
    blx     r2
    b       l4_exit
ENDF l4_thread_entry
