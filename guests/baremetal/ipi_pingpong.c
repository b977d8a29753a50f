/*
 * ipi_pingpong - a token passed around the cores with SGIs.
 *
 * Core 0 starts by sending SGI 7 to core 1. Each core's SGI 7 handler
 * checks that the sender (IAR[12:10]) is the previous core, increments the
 * shared token and sends SGI 7 to the next core (target list, one bit),
 * until the token reaches LAPS x cores; the core that gets there sends
 * SGI 15 ("stop") to all the others (filter "all but self"). Cores wait in
 * WFI with IRQs enabled. Only one core holds the token at a time, so the
 * plain increment is safe; the DSB in gic_send_sgi orders it before the SGI.
 * Printed: final token, per-core receive counts and wrong-sender counts.
 * Exit status 15 when the token and counts are right, 1 otherwise.
 */
#include "bm.h"

#define LAPS 500u
#define SGI_TOKEN 7
#define SGI_STOP 15

static volatile uint32_t token;
static volatile uint32_t done;
static volatile uint32_t received[4], wrong_sender[4], stops[4];
static unsigned ncores;

static void token_handler(uint32_t iar, unsigned core)
{
    unsigned src = (iar >> 10) & 7;
    if (src != (core + ncores - 1) % ncores)
        wrong_sender[core]++;
    received[core]++;
    uint32_t t = token + 1;
    token = t;
    if (t < LAPS * ncores) {
        gic_send_sgi(SGI_FILTER_LIST, 1u << ((core + 1) % ncores), SGI_TOKEN);
    } else {
        done = 1;
        gic_send_sgi(SGI_FILTER_ALL_BUT_ME, 0, SGI_STOP);
    }
}

static void stop_handler(uint32_t iar, unsigned core)
{
    stops[core]++;
}

static void run(unsigned me)
{
    gic_cpu_init();
    bm_barrier();
    if (me == 0)
        gic_send_sgi(SGI_FILTER_LIST, 1u << 1, SGI_TOKEN);
    irq_enable();
    while (!done)
        wfi();
    irq_disable();
    bm_barrier();
}

void secondary_main(unsigned core)
{
    run(core);
}

int main(void)
{
    int bad = 0;

    ncores = bm_ncores();
    bm_printf("ipi_pingpong: %u cores, %u laps\n", ncores, LAPS);
    if (ncores < 2) {
        bm_printf("needs at least 2 cores\n");
        return 1;
    }
    bm_irq_handlers[SGI_TOKEN] = token_handler;
    bm_irq_handlers[SGI_STOP] = stop_handler;
    gic_dist_init();
    bm_printf("bring up the secondary cores\n");
    bm_release_cores();
    run(0);

    /* A stop SGI may still be pending on a core that saw done first and
     * masked IRQs: harmless, and deliberately not counted or printed. */
    bm_printf("final token %u (expected %u)\n", token, LAPS * ncores);
    bad |= token != LAPS * ncores;
    for (unsigned c = 0; c < ncores; c++) {
        bm_printf("core %u: received the token %u times, wrong sender %u\n", c, received[c],
                  wrong_sender[c]);
        bad |= received[c] != LAPS || wrong_sender[c] != 0 || bm_irq_unexpected[c] != 0;
    }
    bm_printf("ipi_pingpong: %s\n", bad ? "FAIL" : "ok");
    return bad ? 1 : 15;
}
