/*
 * sgi - software-generated interrupts between the four cores.
 *
 * Phase 0 (every core, IRQs masked, nothing sent yet): GICC_IAR and
 *   GICC_HPPIR read 1023 (spurious). Core 0 then checks a masked self-SGI:
 *   it stays pending (ISPENDR0, HPPIR), IAR acknowledges it with the source
 *   core in bits [12:10], a second IAR read is spurious while it is active,
 *   RPR shows its priority, EOIR completes it.
 * Phase 1: each core sends SGI 8+self to every other core, one GICD_SGIR
 *   write per target with a one-bit target list (filter 0).
 * Phase 2: each core sends SGI 1 with filter 1 ("all but self").
 * Phase 3: each core sends SGI 2 with filter 2 ("self").
 * Phase 4: each core sends SGI 3 with filter 0 and a target list of all
 *   cores, itself included.
 * Each core waits (WFI) until it has received exactly the number of SGIs
 * its row must hold before the next phase. The handlers record, per
 * receiving core and source core (IAR[12:10]), the set of SGI IDs and the
 * count; core 0 prints the matrix in core order, then IAR is spurious again.
 * Exit status 11 when the matrix and all checks match, 1 otherwise.
 */
#include "bm.h"

static volatile uint32_t ids[4][8];     /* [receiver][source] bit set of SGI IDs */
static volatile uint32_t cnt[4][8];     /* [receiver][source] interrupts */
static volatile uint32_t total[4];
static volatile uint32_t spurious_iar[4], spurious_hppir[4], final_iar[4];

static void sgi_handler(uint32_t iar, unsigned core)
{
    unsigned id = iar & 0x3FF, src = (iar >> 10) & 7;
    ids[core][src] |= 1u << id;
    cnt[core][src]++;
    total[core]++;
}

static void wait_total(unsigned core, uint32_t want)
{
    irq_enable();
    while (total[core] < want)
        wfi();
    irq_disable();
}

static void run(unsigned me)
{
    unsigned n = bm_ncores();
    uint32_t want = 0;

    gic_cpu_init();
    /* Phase 0: nothing has been sent to anyone yet. */
    spurious_hppir[me] = rd32(gicc() + GICC_HPPIR);
    spurious_iar[me] = gic_iar();
    bm_barrier();

    /* Phase 1: target list, one target per write. */
    for (unsigned t = 0; t < n; t++)
        if (t != me)
            gic_send_sgi(SGI_FILTER_LIST, 1u << t, 8 + me);
    want += n - 1;
    wait_total(me, want);
    bm_barrier();

    /* Phase 2: all but self. */
    gic_send_sgi(SGI_FILTER_ALL_BUT_ME, 0, 1);
    want += n - 1;
    wait_total(me, want);
    bm_barrier();

    /* Phase 3: self. */
    gic_send_sgi(SGI_FILTER_ME, 0, 2);
    want += 1;
    wait_total(me, want);
    bm_barrier();

    /* Phase 4: target list with every core, including self. */
    gic_send_sgi(SGI_FILTER_LIST, (1u << n) - 1, 3);
    want += n;
    wait_total(me, want);
    bm_barrier();

    final_iar[me] = gic_iar();
    bm_barrier();
}

void secondary_main(unsigned core)
{
    run(core);
}

int main(void)
{
    unsigned n = bm_ncores();
    uintptr_t d, c;
    int bad = 0;

    bm_printf("sgi: %u cores\n", n);
    for (unsigned i = 0; i < 16; i++)
        bm_irq_handlers[i] = sgi_handler;
    gic_dist_init();
    d = gicd();
    c = gicc();

    /* Masked self-SGI on core 0 before anyone else runs. */
    gic_cpu_init();
    bm_printf("GICD_ISENABLER0 %08x (SGI enable bits)\n", rd32(d + GICD_ISENABLER));
    gic_send_sgi(SGI_FILTER_ME, 0, 5);
    dsb();
    uint32_t pend = rd32(d + GICD_ISPENDR);
    uint32_t hppir = rd32(c + GICC_HPPIR);
    uint32_t iar = gic_iar();
    uint32_t iar2 = gic_iar();
    uint32_t rpr = rd32(c + GICC_RPR);
    uint32_t act = rd32(d + GICD_ISACTIVER);
    gic_eoi(iar);
    uint32_t act2 = rd32(d + GICD_ISACTIVER);
    uint32_t rpr2 = rd32(c + GICC_RPR);
    bm_printf("masked self SGI 5: ISPENDR0 %08x HPPIR %08x IAR %08x (ID %u, source %u)\n",
              pend, hppir, iar, iar & 0x3FF, (iar >> 10) & 7);
    bm_printf("while active: IAR %u, RPR %02x, ISACTIVER0 %08x; after EOI: ISACTIVER0 %08x, "
              "RPR %02x\n", iar2, rpr, act, act2, rpr2);
    if ((iar & 0x1FFF) != 5 || iar2 != GIC_SPURIOUS || !(pend & (1u << 5)) ||
        !(act & (1u << 5)) || (act2 & (1u << 5)))
        bad = 1;

    bm_printf("bring up the secondary cores\n");
    bm_release_cores();
    run(0);

    for (unsigned r = 0; r < n; r++)
        bm_printf("core %u: spurious before: IAR %u HPPIR %u; after: IAR %u\n", r,
                  spurious_iar[r], spurious_hppir[r], final_iar[r]);
    bm_printf("matrix: receiving core <- source core: SGI IDs received (count)\n");
    for (unsigned r = 0; r < n; r++) {
        bm_printf("core %u <-", r);
        for (unsigned s = 0; s < n; s++) {
            bm_printf("  %u:", s);
            const char *sep = "";
            for (unsigned i = 0; i < 16; i++)
                if (ids[r][s] & (1u << i)) {
                    bm_printf("%s%u", sep, i);
                    sep = ",";
                }
            bm_printf("(%u)", cnt[r][s]);
            uint32_t want_ids = (1u << 3) | (r == s ? (1u << 2) : ((1u << 1) | (1u << (8 + s))));
            if (ids[r][s] != want_ids || cnt[r][s] != (r == s ? 2u : 3u))
                bad = 1;
        }
        bm_printf("  total %u\n", total[r]);
        if (spurious_iar[r] != GIC_SPURIOUS || final_iar[r] != GIC_SPURIOUS ||
            total[r] != 3 * n - 1 || bm_irq_unexpected[r])
            bad = 1;
        for (unsigned s = n; s < 8; s++)
            if (cnt[r][s])
                bad = 1;
    }
    bm_printf("sgi: %s\n", bad ? "FAIL" : "matrix ok");
    return bad ? 1 : 11;
}
