/*
 * sbrk.c - replaces newlib/librdimon's weak _sbrk (linked into every guest).
 *
 * Why: librdimon's _sbrk refuses to grow the heap past the current stack
 * pointer, assuming the stack lies above the heap. That holds on the board
 * (qemu-system-arm: heap from `end` upward, stack at the top of RAM,
 * 0x68000000), but under qemu-arm (user mode) the guest stack is mmapped
 * near 0x40800000, BELOW our image at 0x6001xxxx, so every malloc failed.
 *
 * This version keeps the same policy otherwise: the heap starts at `end`
 * (first byte after .bss), may not pass __heap_limit (stored by rdimon-crt0
 * from SYS_HEAPINFO), and, when the stack is above the heap, must stay
 * 64 KiB below the stack pointer.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

extern char end;                 /* linker script: end of .bss */
extern uint32_t __heap_limit;    /* librdimon: 0xcafedead until crt0 sets it */

#define STACK_GUARD 0x10000u

void *_sbrk(ptrdiff_t incr)
{
    static uintptr_t heap_end;
    uintptr_t prev, next, sp;

    __asm__ volatile("mov %0, sp" : "=r"(sp));
    if (heap_end == 0)
        heap_end = (uintptr_t)&end;
    prev = heap_end;
    next = prev + (uintptr_t)incr;

    if ((incr > 0 && next < prev) || (incr < 0 && next > prev) ||
        (__heap_limit != 0xcafedeadu && next > __heap_limit) ||
        (sp > prev && next > sp - STACK_GUARD)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    heap_end = next;
    return (void *)prev;
}
