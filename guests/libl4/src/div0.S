/*
 * div0.S - integer division by zero stops the thread with a fault, as an OS's SIGFPE would.
 *
 * The Cortex-A9 has no divide instruction, so C's / and % call libgcc's __aeabi_idiv, __aeabi_uidiv,
 * __aeabi_idivmod, __aeabi_ldivmod, ... When the divisor is 0 they tail-call __aeabi_idiv0 (32-bit) or
 * __aeabi_ldiv0 (64-bit) with lr still the caller's return address. libgcc's own versions (weak) just
 * return, so 1000/0 silently gives 0x7FFFFFFF. These take the trap udf #L4_TRAP_DIVIDE_BY_ZERO instead:
 * the kernel sends the thread's pager a fault with tag L4_FAULT_DIVIDE_BY_ZERO and MR2 = the pc of the
 * call (lr - 4), and with no pager stops the thread and reports "division by zero at pc ..." with the
 * function that divided (docs/abi.md). A pager that answers "skip" lets the routine return libgcc's
 * result after all.
 *
 * crt0.S refers to both symbols, so every program links these and not libgcc's weak ones (which come
 * after libl4.a on the link line and would otherwise win).
 */
#include "l4/abi.h"

    .syntax unified
#ifdef __thumb__
    .thumb
#else
    .arm
#endif

.macro TRAP name
    .section .text.\name, "ax", %progbits
    .global \name
    .type \name, %function
    .p2align 2
\name:
    udf     #L4_TRAP_DIVIDE_BY_ZERO
    bx      lr                      @ after a pager's "skip": libgcc's saturated result, as without libl4
    .size \name, . - \name
.endm

    TRAP    __aeabi_idiv0
    TRAP    __aeabi_ldiv0
