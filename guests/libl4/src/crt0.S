/*
 * crt0.S - start-up of an L4 root program (A32, or T32 when built -mthumb): the kernel enters _start in
 * User mode with r0 = first free physical address of the container, r1 =
 * free bytes, r2 = own thread id, sp = 0x7FF00000, TPIDRURO = its UTCB.
 * Clears .bss, keeps r0-r2 in l4_free_phys_base / l4_free_phys_size /
 * l4_root_tid, calls main() and EXITs with its result (clamped to 0-255
 * so that, say, 256 failures do not read as success).
 */
    .syntax unified
#ifdef __thumb__
    .thumb                          @ conditional instructions get IT from -mimplicit-it
#else
    .arm
#endif

    .section .text.start, "ax", %progbits
    .global _start
    .type _start, %function
    .p2align 2
_start:
    ldr     r4, =__bss_start
    ldr     r5, =__bss_end
    mov     r6, #0
1:  cmp     r4, r5
    strlo   r6, [r4], #4
    blo     1b
    ldr     r4, =l4_free_phys_base
    str     r0, [r4]
    ldr     r4, =l4_free_phys_size
    str     r1, [r4]
    ldr     r4, =l4_root_tid
    str     r2, [r4]
    mov     fp, #0
    mov     lr, #0
    bl      main
    cmp     r0, #255                @ unsigned: negative results become 255 too
    movhi   r0, #255
    b       l4_exit
    .ltorg
    .size _start, . - _start

    .section .bss.l4_start, "aw", %nobits
    .p2align 2
    .global l4_free_phys_base, l4_free_phys_size, l4_root_tid
l4_free_phys_base:  .space 4
l4_free_phys_size:  .space 4
l4_root_tid:        .space 4

    @ Marks the ELF as a libl4 program, so that `codezero run` (a bare-metal board without the
    @ kernel) refuses it and says to use `codezero kernel` or a manifest (cli/L4ProgramNote.cs).
    @ l4.ld keeps it in the text segment and gives it a PT_NOTE header, so strip keeps it too.
    .section .note.codezero, "a", %note
    .p2align 2
    .word   9                       @ namesz: "Codezero" and its NUL
    .word   0                       @ descsz: no descriptor
    .word   1                       @ type 1: a libl4 program for the Codezero kernel
    .asciz  "Codezero"
    .p2align 2
