/*
 * gic.c - GIC v1 helpers (A9 MPCore: distributor at PERIPHBASE+0x1000,
 * banked CPU interface at PERIPHBASE+0x100; PERIPHBASE from CBAR) and the
 * IRQ dispatcher called from start.S.
 */
#include "bm.h"

bm_irq_handler_t bm_irq_handlers[96];
volatile uint32_t bm_irq_unexpected[4];

void gic_dist_init(void)
{
    uintptr_t d = gicd();
    unsigned lines = ((rd32(d + GICD_TYPER) & 0x1F) + 1) * 32;
    wr32(d + GICD_CTLR, 0);
    for (unsigned i = 32; i < lines; i += 32) {
        wr32(d + GICD_ICENABLER + i / 8, 0xFFFFFFFFu);
        wr32(d + GICD_ICPENDR + i / 8, 0xFFFFFFFFu);
    }
    for (unsigned i = 32; i < lines; i += 4) {
        wr32(d + GICD_IPRIORITYR + i, 0xA0A0A0A0u);
        wr32(d + GICD_ITARGETSR + i, 0x01010101u);
    }
    wr32(d + GICD_CTLR, 1);
}

void gic_cpu_init(void)
{
    uintptr_t d = gicd(), c = gicc();
    wr32(d + GICD_ICENABLER, 0xFFFF0000u);      /* this core's PPIs off */
    wr32(d + GICD_ISENABLER, 0x0000FFFFu);      /* SGIs on */
    for (unsigned i = 0; i < 32; i += 4)
        wr32(d + GICD_IPRIORITYR + i, 0x80808080u);
    wr32(c + GICC_PMR, 0xF0);
    wr32(c + GICC_BPR, 0);
    wr32(c + GICC_CTLR, 1);
}

void gic_enable_irq(unsigned id)
{
    wr32(gicd() + GICD_ISENABLER + (id / 32) * 4, 1u << (id % 32));
}

void gic_disable_irq(unsigned id)
{
    wr32(gicd() + GICD_ICENABLER + (id / 32) * 4, 1u << (id % 32));
}

void gic_send_sgi(unsigned filter, unsigned targets, unsigned id)
{
    dsb();                  /* make earlier stores visible to the target */
    wr32(gicd() + GICD_SGIR, (filter << 24) | ((targets & 0xFF) << 16) | (id & 0xF));
}

/* IRQ mode: acknowledge and dispatch until the GIC has nothing pending. */
void bm_irq(void)
{
    uintptr_t c = gicc();
    unsigned me = core_id();
    for (;;) {
        uint32_t iar = rd32(c + GICC_IAR);
        unsigned id = iar & 0x3FF;
        if (id >= 1020)
            break;
        if (id < 96 && bm_irq_handlers[id])
            bm_irq_handlers[id](iar, me);
        else
            bm_irq_unexpected[me]++;
        wr32(c + GICC_EOIR, iar);
    }
}
