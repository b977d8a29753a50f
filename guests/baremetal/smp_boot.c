/*
 * smp_boot - all cores come up at the ELF entry; core 0 releases them.
 *
 * Checks and prints (core 0 only, in core order):
 *   - identification: MIDR, CBAR (PERIPHBASE), SCU control/config,
 *     GICD_TYPER decoded;
 *   - how many cores reached the entry point before the release;
 *   - per core: MPIDR and Aff0, that it ran secondary_main/main, its entry
 *     CPSR (mode and mask bits) and SCTLR as recorded by start.S, VBAR,
 *     whether its SP lies in its own stack slot, the banked GICD_ITARGETSR
 *     byte of SGI 0 (reads as the accessing core's bit), the banked private
 *     timer LOAD register (each core writes its own value, reads it back
 *     after every core has written).
 * Exit status 10 when everything matched, 1 otherwise.
 */
#include "bm.h"

#define RAN_MAGIC 0xB0070000u

struct core_info {
    uint32_t ran;
    uint32_t mpidr;
    uint32_t vbar;
    uint32_t sp;
    uint32_t itargets0;
    uint32_t ptimer_load;
    uint32_t cpsr_now;
};

static struct core_info info[4];

static void report(unsigned core)
{
    struct core_info *ci = &info[core];
    uintptr_t pb = periphbase();

    ci->mpidr = read_mpidr();
    ci->vbar = CP15_READ(0, c12, c0, 0);
    ci->sp = read_sp();
    ci->itargets0 = rd8(pb + GICD_OFF + GICD_ITARGETSR);
    ci->cpsr_now = read_cpsr();
    /* Private timer registers are banked: every core writes its own LOAD. */
    wr32(pb + PTIMER_OFF + 0x08, 0);                /* control: stopped */
    wr32(pb + PTIMER_OFF + 0x00, 0x10000u + core * 0x1111u);
    bm_barrier();                                   /* all have written */
    ci->ptimer_load = rd32(pb + PTIMER_OFF + 0x00);
    ci->ran = RAN_MAGIC | core;
    bm_barrier();                                   /* all have reported */
}

void secondary_main(unsigned core)
{
    report(core);
}

int main(void)
{
    uintptr_t pb = periphbase();
    unsigned n = bm_ncores();
    int bad = 0;

    bm_printf("smp_boot: core 0 is running main\n");
    bm_printf("MIDR %08x\n", CP15_READ(0, c0, c0, 0));
    bm_printf("CBAR (PERIPHBASE) %08x\n", CP15_READ(4, c15, c0, 0));
    /* SCR exists because the A9 here has the Security Extensions (EL3). */
    uint32_t scr = CP15_READ(0, c1, c1, 0);
    bm_printf("SCR %08x: %s state\n", scr, (scr & 1) ? "Non-secure" : "Secure");
    uint32_t scu_ctrl = rd32(pb + SCU_CTRL), scu_cfg = rd32(pb + SCU_CONFIG);
    bm_printf("SCU control %08x\n", scu_ctrl);
    bm_printf("SCU config %08x: %u cores, SMP mask %x\n", scu_cfg, (scu_cfg & 3) + 1,
              (scu_cfg >> 4) & 0xF);
    uint32_t typer = rd32(pb + GICD_OFF + GICD_TYPER);
    bm_printf("GICD_TYPER %08x: %u interrupt IDs, %u CPU interfaces, security extensions %s\n",
              typer, ((typer & 0x1F) + 1) * 32, ((typer >> 5) & 7) + 1,
              (typer & 0x400) ? "yes" : "no");

    bm_printf("bring up the secondary cores\n");
    bm_release_cores();     /* waits for bm_booted == n first */
    bm_printf("%u of %u cores reached the entry point\n", bm_booted, n);
    if (bm_booted != n)
        bad = 1;

    report(0);

    uintptr_t stacks = (uintptr_t)__stacks_start;
    for (unsigned c = 0; c < n; c++) {
        struct core_info *ci = &info[c];
        int ran = ci->ran == (RAN_MAGIC | c);
        int aff_ok = (ci->mpidr & 0xFF) == c;
        int vbar_ok = ci->vbar == (uint32_t)(uintptr_t)_vectors;
        uint32_t lo = stacks + c * 0x8000u, hi = lo + 0x8000u;
        int sp_ok = ci->sp > lo + 0x2800u && ci->sp <= hi;
        uint32_t want_load = 0x10000u + c * 0x1111u;
        bm_printf("core %u: MPIDR %08x Aff0 %u, ran %s\n", c, ci->mpidr, ci->mpidr & 0xFF,
                  ran ? "yes" : "NO");
        bm_printf("core %u: at entry CPSR[8:0] %03x SCTLR %08x; now CPSR[8:0] %03x\n", c,
                  bm_boot_cpsr[c] & 0x1FF, bm_boot_sctlr[c], ci->cpsr_now & 0x1FF);
        bm_printf("core %u: VBAR %s, SVC stack in own slot %s, ITARGETSR[0] %02x, "
                  "private timer LOAD %08x %s\n", c,
                  vbar_ok ? "ok" : "WRONG", sp_ok ? "ok" : "NO", ci->itargets0,
                  ci->ptimer_load, ci->ptimer_load == want_load ? "(own value)" : "(WRONG)");
        if (!ran || !aff_ok || !vbar_ok || !sp_ok || ci->itargets0 != (1u << c) ||
            ci->ptimer_load != want_load || (ci->mpidr & 0x80000000u) == 0)
            bad = 1;
    }
    bm_printf("smp_boot: %s\n", bad ? "FAIL" : "all cores ok");
    return bad ? 1 : 10;
}
