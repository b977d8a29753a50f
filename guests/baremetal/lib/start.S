/*
 * start.S - shared startup for the bare-metal SMP programs (A32 only).
 *
 * QEMU starts EVERY core of a bare ELF at the entry point at the same time,
 * in SVC mode with the MMU off and IRQ/FIQ masked. Each core here:
 *   1. records its entry CPSR and SCTLR (bm_boot_cpsr/bm_boot_sctlr, .data),
 *   2. picks its stacks from MPIDR.Aff0 (32 KiB per core: FIQ, UND, ABT,
 *      IRQ and SVC stacks), points VBAR at the vector table below,
 *   3. counts itself in bm_booted (LDREX/STREX),
 *   4. core 0 clears .bss and calls main(); main's return value becomes the
 *      exit status (bm_exit);
 *      secondary cores park in a WFE loop until core 0 writes bm_release
 *      (then DSB, SEV: bm_release_cores()), then call secondary_main(core);
 *      when that returns they mask interrupts and sleep in WFI forever.
 *
 * Exceptions (undefined, SVC, prefetch abort, data abort, IRQ, FIQ) save a
 * struct bm_frame {spsr, pad, r0-r12, return address} on the mode's stack
 * and call bm_exception(type, frame) in C; the C code may change the saved
 * registers or return address. IRQ goes to bm_irq() (GIC dispatch).
 */
    .syntax unified
    .arm

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define NO_INT   0xc0

    .section .vectors, "ax"
    .align 5
    .global _vectors
_vectors:
    b   _start                  @ 0x00 reset (never used through VBAR)
    b   und_entry               @ 0x04 undefined instruction
    b   svc_entry               @ 0x08 SVC (semihosting SVCs never get here on QEMU)
    b   pabt_entry              @ 0x0C prefetch abort
    b   dabt_entry              @ 0x10 data abort
    b   .                       @ 0x14 reserved
    b   irq_entry               @ 0x18 IRQ
    b   fiq_entry               @ 0x1C FIQ

    .section .text.boot, "ax"
    .global _start
    .type _start, %function
_start:
    mrs     r4, cpsr                    @ entry state, recorded below
    mrc     p15, 0, r5, c1, c0, 0       @ SCTLR
    msr     cpsr_c, #(MODE_SVC | NO_INT)
    mrc     p15, 0, r0, c0, c0, 5       @ MPIDR
    and     r0, r0, #3                  @ Aff0 = core number (0..3)

    ldr     r1, =bm_boot_cpsr
    str     r4, [r1, r0, lsl #2]
    ldr     r1, =bm_boot_sctlr
    str     r5, [r1, r0, lsl #2]

    @ Per-core stacks: base = __stacks_start + core * 32 KiB
    ldr     r1, =__stacks_start
    add     r1, r1, r0, lsl #15
    msr     cpsr_c, #(MODE_FIQ | NO_INT)
    add     sp, r1, #0x0400
    msr     cpsr_c, #(MODE_UND | NO_INT)
    add     sp, r1, #0x0800
    msr     cpsr_c, #(MODE_ABT | NO_INT)
    add     sp, r1, #0x1800
    msr     cpsr_c, #(MODE_IRQ | NO_INT)
    add     sp, r1, #0x2800
    msr     cpsr_c, #(MODE_SVC | NO_INT)
    add     sp, r1, #0x8000

    @ Vector base (banked per core)
    ldr     r2, =_vectors
    mcr     p15, 0, r2, c12, c0, 0
    isb

    @ bm_booted += 1 (atomically: all cores do this at once)
    ldr     r1, =bm_booted
1:  ldrex   r2, [r1]
    add     r2, r2, #1
    strex   r3, r2, [r1]
    teq     r3, #0
    bne     1b
    dmb
    dsb
    sev

    cmp     r0, #0
    bne     secondary_park

    @ Core 0: clear .bss, run main, exit with its return value.
    ldr     r1, =__bss_start
    ldr     r2, =__bss_end
    mov     r3, #0
2:  cmp     r1, r2
    strlo   r3, [r1], #4
    blo     2b
    dsb
    bl      main
    b       bm_exit

    @ Secondary cores: wait for core 0 (bm_release != 0).
secondary_park:
    ldr     r1, =bm_release
3:  ldr     r2, [r1]
    cmp     r2, #0
    bne     4f
    wfe
    b       3b
4:  dmb
    bl      secondary_main              @ r0 = core number
    cpsid   if
5:  wfi
    b       5b
    .size _start, . - _start

/* void bm_exit(int status): semihosting exit, never returns. */
    .global bm_exit
    .type bm_exit, %function
bm_exit:
    cmp     r0, #0
    bne     1f
    mov     r0, #0x18                   @ SYS_EXIT, ADP_Stopped_ApplicationExit
    ldr     r1, =0x20026
    svc     0x123456
    b       .
1:  ldr     r1, =bm_exit_block
    ldr     r2, =0x20026
    str     r2, [r1]
    str     r0, [r1, #4]
    mov     r0, #0x20                   @ SYS_EXIT_EXTENDED {reason, status}
    svc     0x123456
    b       .
    .size bm_exit, . - bm_exit

/* Exception entry: lr adjusted to the return address, frame saved. */
    .macro EXC_ENTRY name, type, adjust
\name:
    .if \adjust
    sub     lr, lr, #\adjust
    .endif
    push    {r0-r12, lr}
    mrs     r1, spsr
    push    {r1, r2}                    @ spsr + pad: 16 words, 8-byte aligned
    mov     r0, #\type
    mov     r1, sp
    bl      bm_exception
    pop     {r1, r2}
    msr     spsr_cxsf, r1
    pop     {r0-r12, lr}
    movs    pc, lr
    .endm

    .text
    EXC_ENTRY und_entry,  1, 4          @ return to the next instruction
    EXC_ENTRY svc_entry,  2, 0
    EXC_ENTRY pabt_entry, 3, 4          @ lr = faulting instruction
    EXC_ENTRY dabt_entry, 4, 8          @ lr = faulting instruction
    EXC_ENTRY fiq_entry,  7, 4

irq_entry:
    sub     lr, lr, #4
    push    {r0-r3, r12, lr}            @ 6 words: stack stays 8-byte aligned
    bl      bm_irq
    pop     {r0-r3, r12, lr}
    movs    pc, lr

    .data
    .align 2
    .global bm_boot_cpsr, bm_boot_sctlr, bm_booted, bm_release
bm_boot_cpsr:   .word 0, 0, 0, 0
bm_boot_sctlr:  .word 0, 0, 0, 0
bm_booted:      .word 0
bm_release:     .word 0
bm_exit_block:  .word 0, 0
