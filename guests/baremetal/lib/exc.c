/*
 * exc.c - C side of the exception entries in start.S.
 */
#include "bm.h"

bm_exc_handler_t bm_exc_hook;

static const char *const exc_names[8] = {
    "reset", "undefined instruction", "SVC", "prefetch abort",
    "data abort", "reserved", "IRQ", "FIQ",
};

void bm_exception(unsigned type, struct bm_frame *f)
{
    if (bm_exc_hook && bm_exc_hook(type, f))
        return;
    /* Unexpected: report (core 0 only prints) and stop with status 1. */
    if (core_id() == 0) {
        bm_flush();
        bm_printf("UNEXPECTED %s at %08x (SPSR %08x)", exc_names[type & 7], f->pc, f->spsr);
        if (type == EXC_DABT)
            bm_printf(" DFSR %08x DFAR %08x", CP15_READ(0, c5, c0, 0), CP15_READ(0, c6, c0, 0));
        if (type == EXC_PABT)
            bm_printf(" IFSR %08x IFAR %08x", CP15_READ(0, c5, c0, 1), CP15_READ(0, c6, c0, 2));
        bm_putc('\n');
        bm_exit(1);
    }
    /* A secondary must not share core 0's line buffer: one fixed message. */
    semihost(0x04, "UNEXPECTED exception on a secondary core\n");
    bm_exit(1);
}

/* Default for programs that leave the secondaries parked. */
__attribute__((weak)) void secondary_main(unsigned core) { (void)core; }
