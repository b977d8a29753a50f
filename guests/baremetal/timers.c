/*
 * timers - per-core private timers (PPI 29) and the global timer
 * comparator (PPI 27).
 *
 * Every core programs its own private timer (PERIPHBASE+0x600, banked):
 * LOAD 100000 (1 ms at QEMU's 100 MHz), auto-reload, IRQ enable. The
 * handler acknowledges through IAR/EOIR (bm_irq), clears the event flag
 * (write 1 to +0x0C) and, on the fifth interrupt, disables the timer
 * before clearing the flag, so exactly five interrupts are taken whatever
 * the host speed. Core 0 also enables the global timer, sets its
 * comparator 200000 ticks ahead with auto-increment 200000 and takes
 * exactly three PPI 27 interrupts, disabling the comparator on the third.
 * Printed: per-core interrupt counts and the timer registers read back
 * after the timer was stopped (never a counter value).
 * Exit status 12 when all counts are right, 1 otherwise.
 */
#include "bm.h"

#define PT_LOAD 0x00
#define PT_COUNTER 0x04
#define PT_CONTROL 0x08
#define PT_STATUS 0x0C
#define GT_COUNT_LO 0x00
#define GT_COUNT_HI 0x04
#define GT_CONTROL 0x08
#define GT_STATUS 0x0C
#define GT_CMP_LO 0x10
#define GT_CMP_HI 0x14
#define GT_AUTOINC 0x18

#define PT_TICKS 5
#define GT_TICKS 3
#define PERIOD 100000u

static volatile uint32_t pt_count[4];
static volatile uint32_t pt_load_running[4], pt_ctrl_running[4];
static volatile uint32_t pt_ctrl_after[4], pt_status_after[4];
static volatile uint32_t pt_unexpected_state[4];
static volatile uint32_t gt_count;
static volatile uint32_t gt_bad_status;
static volatile uint32_t gt_ctrl_running;

static void ptimer_handler(uint32_t iar, unsigned core)
{
    uintptr_t t = periphbase() + PTIMER_OFF;
    if (!(rd32(t + PT_STATUS) & 1))
        pt_unexpected_state[core]++;    /* interrupt without the event flag */
    uint32_t n = pt_count[core] + 1;
    pt_count[core] = n;
    if (n >= PT_TICKS)
        wr32(t + PT_CONTROL, 0);        /* stop before clearing the flag */
    wr32(t + PT_STATUS, 1);
}

static void gtimer_handler(uint32_t iar, unsigned core)
{
    uintptr_t g = periphbase() + GTIMER_OFF;
    if (!(rd32(g + GT_STATUS) & 1))
        gt_bad_status++;
    uint32_t n = gt_count + 1;
    gt_count = n;
    if (n >= GT_TICKS)
        wr32(g + GT_CONTROL, 1);        /* counter keeps running; comparator/IRQ off */
    wr32(g + GT_STATUS, 1);
}

static uint64_t gt_read(uintptr_t g)
{
    uint32_t hi, lo, hi2;
    do {
        hi = rd32(g + GT_COUNT_HI);
        lo = rd32(g + GT_COUNT_LO);
        hi2 = rd32(g + GT_COUNT_HI);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

static void run(unsigned me)
{
    uintptr_t t = periphbase() + PTIMER_OFF;

    gic_cpu_init();
    gic_enable_irq(IRQ_PTIMER);
    if (me == 0) {
        uintptr_t g = periphbase() + GTIMER_OFF;
        gic_enable_irq(IRQ_GTIMER);
        wr32(g + GT_CONTROL, 0xF);      /* timer, comparator, IRQ, auto-increment */
        gt_ctrl_running = rd32(g + GT_CONTROL);
    }
    bm_barrier();

    wr32(t + PT_CONTROL, 0);
    wr32(t + PT_STATUS, 1);
    wr32(t + PT_LOAD, PERIOD);
    wr32(t + PT_CONTROL, 7);            /* enable, auto-reload, IRQ enable */
    pt_load_running[me] = rd32(t + PT_LOAD);
    pt_ctrl_running[me] = rd32(t + PT_CONTROL);
    irq_enable();
    while (pt_count[me] < PT_TICKS || (me == 0 && gt_count < GT_TICKS))
        wfi();
    irq_disable();
    pt_ctrl_after[me] = rd32(t + PT_CONTROL);
    pt_status_after[me] = rd32(t + PT_STATUS);
    gic_disable_irq(IRQ_PTIMER);
    bm_barrier();
}

void secondary_main(unsigned core)
{
    run(core);
}

int main(void)
{
    unsigned n = bm_ncores();
    uintptr_t g = periphbase() + GTIMER_OFF;
    int bad = 0;

    bm_printf("timers: %u cores, private timer LOAD %u auto-reload x %u interrupts, "
              "global timer comparator x %u interrupts\n", n, PERIOD, PT_TICKS, GT_TICKS);
    bm_irq_handlers[IRQ_PTIMER] = ptimer_handler;
    bm_irq_handlers[IRQ_GTIMER] = gtimer_handler;
    gic_dist_init();

    /* Global timer: counter on, comparator ahead, auto-increment. */
    wr32(g + GT_CONTROL, 0);
    wr32(g + GT_STATUS, 1);
    wr32(g + GT_CONTROL, 1);
    uint64_t now = gt_read(g);
    uint64_t cmp = now + 2 * PERIOD;
    wr32(g + GT_CMP_LO, (uint32_t)cmp);
    wr32(g + GT_CMP_HI, (uint32_t)(cmp >> 32));
    wr32(g + GT_AUTOINC, 2 * PERIOD);
    bm_printf("global timer: control %08x auto-increment %u\n", rd32(g + GT_CONTROL),
              rd32(g + GT_AUTOINC));

    bm_printf("bring up the secondary cores\n");
    bm_release_cores();
    run(0);

    uint64_t later = gt_read(g);
    uint32_t gt_ctrl_after = rd32(g + GT_CONTROL), gt_status_after = rd32(g + GT_STATUS);
    gic_disable_irq(IRQ_GTIMER);

    for (unsigned c = 0; c < n; c++) {
        bm_printf("core %u: private timer took %u interrupts; while running LOAD %u "
                  "control %08x; after stop control %08x status %u\n", c, pt_count[c],
                  pt_load_running[c], pt_ctrl_running[c], pt_ctrl_after[c], pt_status_after[c]);
        if (pt_count[c] != PT_TICKS || pt_load_running[c] != PERIOD ||
            pt_ctrl_running[c] != 7 || pt_ctrl_after[c] != 0 || pt_status_after[c] != 0 ||
            pt_unexpected_state[c] || bm_irq_unexpected[c])
            bad = 1;
    }
    bm_printf("core 0: global timer took %u comparator interrupts; control while running %08x, "
              "after %08x, status after %u; counter advanced: %s\n", gt_count, gt_ctrl_running,
              gt_ctrl_after, gt_status_after, later >= now + 6 * PERIOD ? "yes" : "NO");
    if (gt_count != GT_TICKS || gt_ctrl_running != 0xF || gt_ctrl_after != 1 ||
        gt_status_after != 0 || gt_bad_status || later < now + 6 * PERIOD)
        bad = 1;
    bm_printf("timers: %s\n", bad ? "FAIL" : "all counts ok");
    return bad ? 1 : 12;
}
