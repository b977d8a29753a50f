/*
 * mmu - ARMv7 short-descriptor translation on core 0 (the other cores stay
 * parked in start.S).
 *
 * All page tables and test pages are at fixed physical addresses
 * (0x60300000.., above the image) so the printed values do not depend on
 * the program's layout.
 *
 *   L1 (table A, ASID 1)   0x60300000      L1 (table B, ASID 2)   0x60304000
 *   L2 main   0x60308000   L2 ASID A 0x60308400   L2 ASID B 0x60308800
 *   L2 manager-domain      0x60308C00
 *
 *   VA 0x60000000-0x67FFFFFF  sections, identity, Normal, RW, domain 0
 *   VA 0x10000000, 0x1E000000 sections, identity, Device, XN (peripherals)
 *   VA 0x70000000 L2 main (domain 0):
 *      0x70000000 small page -> PA 0x60400000 (alias), RW
 *      0x70001000 small page -> PA 0x60401000, read-only (AP[2]=1, AP=01)
 *      0x70002000 small page -> PA 0x60402000 (code), XN
 *      0x70003000 small page -> PA 0x60402000 (same code), executable
 *      0x70004000 fault entry
 *      0x70005000 small page -> PA 0x60408000, AP=000 (no access)
 *      0x70010000 large page (16 entries) -> PA 0x60410000, RW
 *   VA 0x70100000 section -> PA 0x60400000 in domain 1 (DACR: no access)
 *   VA 0x70200000 L2 in domain 2 (DACR: manager): page AP=000 -> PA 0x60408000
 *   VA 0x70300000 L2 per table: nG small page -> PA 0x60404000 (table A)
 *                               or PA 0x60405000 (table B)
 *   VA 0x70400000 L1 fault entry
 *   VA 0x70500000 section -> PA 0x60400000, read-only, domain 3 (client)
 *
 * Prints the results of reads/writes through aliases, the DFSR/DFAR (from
 * the data abort handler, which then skips the faulting instruction) and
 * IFSR/IFAR (prefetch abort handler, which returns to the caller) values,
 * PAR after ATS1CPR/ATS1CPW, the per-ASID views of one VA, and the effect
 * of TLBIMVA/TLBIASID after page-table updates.
 * Exit status 14 when every check matched, 1 otherwise.
 */
#include "bm.h"

#define L1A      0x60300000u
#define L1B      0x60304000u
#define L2MAIN   0x60308000u
#define L2ASIDA  0x60308400u
#define L2ASIDB  0x60308800u
#define L2MGR    0x60308C00u
#define PA_A     0x60400000u
#define PA_RO    0x60401000u
#define PA_CODE  0x60402000u
#define PA_D     0x60404000u
#define PA_E     0x60405000u
#define PA_F     0x60406000u
#define PA_G     0x60407000u
#define PA_H     0x60408000u
#define PA_LARGE 0x60410000u

#define VA_ALIAS 0x70000000u
#define VA_RO    0x70001000u
#define VA_XN    0x70002000u
#define VA_EXEC  0x70003000u
#define VA_FAULT 0x70004000u
#define VA_NOACC 0x70005000u
#define VA_LARGE 0x70010000u
#define VA_DOM1  0x70100000u
#define VA_MGR   0x70200000u
#define VA_ASID  0x70300000u
#define VA_L1F   0x70400000u
#define VA_DOM3  0x70500000u

/* Descriptors (TEX/C/B: TEX=001 C=0 B=0 Normal non-cacheable; Device TEX=000 B=1). */
#define SECT_NORMAL(pa)  (((pa) & 0xFFF00000u) | (3u << 10) | (1u << 12) | 2u)
#define SECT_DEVICE(pa)  (((pa) & 0xFFF00000u) | (3u << 10) | (1u << 4) | (1u << 2) | 2u)
#define SECT_DOM(pa, d)  (SECT_NORMAL(pa) | ((d) << 5))
#define L1_TABLE(l2, d)  (((l2) & 0xFFFFFC00u) | ((d) << 5) | 1u)
#define SP_BASE(pa)      (((pa) & 0xFFFFF000u) | (1u << 6) | 2u)  /* small page, TEX=001 */
#define SP_RW            (3u << 4)
#define SP_RO            ((1u << 9) | (1u << 4))
#define SP_NOACC         0u
#define SP_XN            1u
#define SP_NG            (1u << 11)
#define LP_RW(pa)        (((pa) & 0xFFFF0000u) | (1u << 12) | (3u << 4) | 1u)

#define DACR_VALUE 0x71u    /* domain 0 client, 1 no access, 2 manager, 3 client */

static volatile uint32_t *const l1a = (volatile uint32_t *)L1A;
static volatile uint32_t *const l1b = (volatile uint32_t *)L1B;
static volatile uint32_t *const l2main = (volatile uint32_t *)L2MAIN;
static volatile uint32_t *const l2asida = (volatile uint32_t *)L2ASIDA;
static volatile uint32_t *const l2asidb = (volatile uint32_t *)L2ASIDB;
static volatile uint32_t *const l2mgr = (volatile uint32_t *)L2MGR;

static int bad;
static volatile uint32_t dabt_count, pabt_count;
static volatile uint32_t last_dfsr, last_dfar, last_ifsr, last_ifar;
uint32_t pabt_resume;

/* Probes whose faulting instruction is known; the data abort handler
 * resumes at the next instruction (LR_abt - 8 + 4). */
uint32_t probe_ldr(uint32_t addr);
void probe_str(uint32_t addr, uint32_t value);
uint32_t probe_ldm(uint32_t addr);
uint32_t try_call(uint32_t addr);
__asm__(
    "    .text\n"
    "    .global probe_ldr, probe_str, probe_ldm, try_call\n"
    "probe_ldr:\n"
    "    mov   r1, r0\n"
    "    movw  r0, #0xdead\n"
    "    movt  r0, #0xdead\n"
    "    ldr   r0, [r1]\n"
    "    bx    lr\n"
    "probe_str:\n"
    "    str   r1, [r0]\n"
    "    bx    lr\n"
    "probe_ldm:\n"
    "    movw  r2, #0xdead\n"
    "    movt  r2, #0xdead\n"
    "    ldm   r0, {r2, r3}\n"
    "    mov   r0, r2\n"
    "    bx    lr\n"
    /* Call addr; a prefetch abort there resumes at 1: with r0 = ~0. */
    "try_call:\n"
    "    push  {r4, lr}\n"
    "    movw  r1, #:lower16:pabt_resume\n"
    "    movt  r1, #:upper16:pabt_resume\n"
    "    adr   r2, 1f\n"
    "    str   r2, [r1]\n"
    "    blx   r0\n"
    "1:  pop   {r4, pc}\n");

static const char *fs_name(uint32_t fs)
{
    switch (fs) {
    case 0x01: return "alignment";
    case 0x05: return "translation, section";
    case 0x07: return "translation, page";
    case 0x09: return "domain, section";
    case 0x0B: return "domain, page";
    case 0x0D: return "permission, section";
    case 0x0F: return "permission, page";
    default: return "other";
    }
}

static int mmu_exc(unsigned type, struct bm_frame *f)
{
    if (type == EXC_DABT) {
        uint32_t dfsr = CP15_READ(0, c5, c0, 0), dfar = CP15_READ(0, c6, c0, 0);
        uint32_t fs = (dfsr & 0xF) | ((dfsr >> 6) & 0x10);
        bm_printf("  data abort: DFSR %08x (FS %02x %s, %s, domain %u) DFAR %08x\n", dfsr, fs,
                  fs_name(fs), (dfsr & (1u << 11)) ? "write" : "read", (dfsr >> 4) & 0xF, dfar);
        last_dfsr = dfsr;
        last_dfar = dfar;
        dabt_count++;
        f->pc += 4;             /* skip the faulting load/store */
        return 1;
    }
    if (type == EXC_PABT) {
        uint32_t ifsr = CP15_READ(0, c5, c0, 1), ifar = CP15_READ(0, c6, c0, 2);
        uint32_t fs = (ifsr & 0xF) | ((ifsr >> 6) & 0x10);
        bm_printf("  prefetch abort: IFSR %08x (FS %02x %s) IFAR %08x, return address %08x\n",
                  ifsr, fs, fs_name(fs), ifar, f->pc);
        last_ifsr = ifsr;
        last_ifar = ifar;
        pabt_count++;
        f->r[0] = 0xFFFFFFFFu;
        f->pc = pabt_resume;    /* back to try_call's caller side */
        return 1;
    }
    return 0;
}

static void check(int ok, const char *what)
{
    bm_printf("  %s: %s\n", what, ok ? "ok" : "WRONG");
    if (!ok)
        bad = 1;
}

static void expect_dabt(uint32_t before, uint32_t fs, int write, uint32_t far)
{
    uint32_t got = (last_dfsr & 0xF) | ((last_dfsr >> 6) & 0x10);
    int ok = dabt_count == before + 1 && got == fs && !!(last_dfsr & (1u << 11)) == write &&
             last_dfar == far;
    check(ok, "expected data abort");
}

static uint32_t ats(uint32_t va, int write)
{
    if (write)
        CP15_WRITE(0, c7, c8, 1, va);   /* ATS1CPW */
    else
        CP15_WRITE(0, c7, c8, 0, va);   /* ATS1CPR */
    isb();
    return CP15_READ(0, c7, c4, 0);     /* PAR */
}

static void tlbiall(void)
{
    dsb();
    CP15_WRITE(0, c8, c7, 0, 0);
    dsb();
    isb();
}

static void set_context(uint32_t asid, uint32_t ttbr)
{
    CP15_WRITE(0, c13, c0, 1, 0);       /* reserved ASID 0 while TTBR0 changes */
    isb();
    CP15_WRITE(0, c2, c0, 0, ttbr);
    isb();
    CP15_WRITE(0, c13, c0, 1, asid);
    isb();
}

static void fill(uint32_t pa, uint32_t words, uint32_t seed)
{
    for (uint32_t i = 0; i < words; i++)
        wr32(pa + 4 * i, seed + i * 0x01010101u);
}

static void build_tables(void)
{
    for (unsigned i = 0; i < 4096; i++)
        l1a[i] = 0;
    for (unsigned i = 0; i < 256; i++) {
        l2main[i] = 0;
        l2asida[i] = 0;
        l2asidb[i] = 0;
        l2mgr[i] = 0;
    }
    for (uint32_t mb = 0x600; mb < 0x680; mb++)
        l1a[mb] = SECT_NORMAL(mb << 20);
    l1a[0x100] = SECT_DEVICE(0x10000000u);
    l1a[0x1E0] = SECT_DEVICE(0x1E000000u);
    l1a[VA_ALIAS >> 20] = L1_TABLE(L2MAIN, 0);
    l1a[VA_DOM1 >> 20] = SECT_DOM(PA_A, 1);
    l1a[VA_MGR >> 20] = L1_TABLE(L2MGR, 2);
    l1a[VA_ASID >> 20] = L1_TABLE(L2ASIDA, 0);
    l1a[VA_L1F >> 20] = 0;
    l1a[VA_DOM3 >> 20] = (SECT_DOM(PA_A, 3) & ~(3u << 10)) | (1u << 15) | (1u << 10);

    l2main[0] = SP_BASE(PA_A) | SP_RW;
    l2main[1] = SP_BASE(PA_RO) | SP_RO;
    l2main[2] = SP_BASE(PA_CODE) | SP_RW | SP_XN;
    l2main[3] = SP_BASE(PA_CODE) | SP_RO;
    l2main[4] = 0;
    l2main[5] = SP_BASE(PA_H) | SP_NOACC;
    for (unsigned i = 0; i < 16; i++)
        l2main[0x10 + i] = LP_RW(PA_LARGE);
    l2mgr[0] = SP_BASE(PA_H) | SP_NOACC;
    l2asida[0] = SP_BASE(PA_D) | SP_RW | SP_NG;
    l2asidb[0] = SP_BASE(PA_E) | SP_RW | SP_NG;

    for (unsigned i = 0; i < 4096; i++)
        l1b[i] = l1a[i];
    l1b[VA_ASID >> 20] = L1_TABLE(L2ASIDB, 0);
    dsb();
}

int main(void)
{
    uint32_t v, n0;

    bm_exc_hook = mmu_exc;
    bm_printf("mmu: core 0 only, secondaries stay parked\n");

    /* Test memory, written with the MMU off. */
    fill(PA_A, 1024, 0xA0000000u);
    fill(PA_RO, 1024, 0xB0000000u);
    fill(PA_D, 1024, 0xD0000000u);
    fill(PA_E, 1024, 0xE0000000u);
    fill(PA_F, 1024, 0xF0000000u);
    fill(PA_G, 1024, 0x66000000u);
    fill(PA_H, 1024, 0x88000000u);
    fill(PA_LARGE, 16384, 0x10000000u);
    wr32(PA_CODE + 0, 0xE3A0002Au);     /* mov r0, #42 */
    wr32(PA_CODE + 4, 0xE12FFF1Eu);     /* bx lr */
    build_tables();

    bm_printf("SCTLR before %08x\n", CP15_READ(0, c1, c0, 0));
    CP15_WRITE(0, c2, c0, 2, 0);                /* TTBCR: N=0, TTBR0 only */
    CP15_WRITE(0, c3, c0, 0, DACR_VALUE);
    CP15_WRITE(0, c2, c0, 0, L1A);
    CP15_WRITE(0, c13, c0, 1, 1);               /* ASID 1 */
    CP15_WRITE(0, c7, c5, 0, 0);                /* ICIALLU */
    CP15_WRITE(0, c7, c5, 6, 0);                /* BPIALL */
    tlbiall();
    CP15_WRITE(0, c1, c0, 0, CP15_READ(0, c1, c0, 0) | 1u);
    isb();
    bm_printf("MMU on: SCTLR %08x TTBR0 %08x TTBCR %08x DACR %08x CONTEXTIDR %08x\n",
              CP15_READ(0, c1, c0, 0), CP15_READ(0, c2, c0, 0), CP15_READ(0, c2, c0, 2),
              CP15_READ(0, c3, c0, 0), CP15_READ(0, c13, c0, 1));
    bm_printf("SCU config through the Device mapping: %08x\n",
              rd32(periphbase() + SCU_CONFIG));

    bm_printf("small-page alias VA %08x -> PA %08x\n", VA_ALIAS, PA_A);
    v = rd32(VA_ALIAS + 0x10);
    bm_printf("  read VA+0x10: %08x\n", v);
    check(v == 0xA0000000u + 4 * 0x01010101u, "VA read sees the physical page");
    wr32(VA_ALIAS + 0x20, 0x5A5A0020u);
    v = rd32(PA_A + 0x20);
    bm_printf("  wrote VA+0x20, read PA+0x20: %08x\n", v);
    check(v == 0x5A5A0020u, "write through the alias reaches the physical page");
    wr32(PA_A + 0xFFC, 0x5A5A0FFCu);
    v = rd32(VA_ALIAS + 0xFFC);
    bm_printf("  wrote PA+0xFFC, read VA+0xFFC: %08x\n", v);
    check(v == 0x5A5A0FFCu, "write to the physical page is seen through the alias");

    bm_printf("large page VA %08x -> PA %08x (64 KiB)\n", VA_LARGE, PA_LARGE);
    uint32_t offs[4] = {0x0, 0x4004, 0x8888, 0xFFFC};
    for (unsigned i = 0; i < 4; i++) {
        v = rd32(VA_LARGE + offs[i]);
        bm_printf("  read VA+%04x: %08x\n", offs[i], v);
        if (v != 0x10000000u + (offs[i] / 4) * 0x01010101u)
            bad = 1;
    }
    wr32(VA_LARGE + 0xF000, 0x1A46E000u);
    v = rd32(PA_LARGE + 0xF000);
    bm_printf("  wrote VA+f000, read PA+f000: %08x\n", v);
    check(v == 0x1A46E000u, "large page read/write");

    bm_printf("address translation (PAR)\n");
    struct { uint32_t va; int w; const char *what; } at[] = {
        {VA_ALIAS + 0x123, 0, "ATS1CPR small page"},
        {VA_LARGE + 0xABC4, 0, "ATS1CPR large page"},
        {0x60012345u, 0, "ATS1CPR section"},
        {0x1E000100u, 0, "ATS1CPR device section"},
        {VA_RO + 0x10, 0, "ATS1CPR read-only page"},
        {VA_RO + 0x10, 1, "ATS1CPW read-only page"},
        {VA_FAULT, 0, "ATS1CPR page fault entry"},
        {VA_L1F + 0x40, 0, "ATS1CPR section fault entry"},
        {VA_DOM1, 0, "ATS1CPR no-access domain"},
        {VA_ASID + 0x8, 0, "ATS1CPR nG page, ASID 1"},
    };
    for (unsigned i = 0; i < sizeof at / sizeof at[0]; i++) {
        uint32_t par = ats(at[i].va, at[i].w);
        bm_printf("  %s VA %08x: PAR %08x\n", at[i].what, at[i].va, par);
    }
    v = ats(VA_ALIAS + 0x123, 0);
    check((v & 0xFFFFF001u) == PA_A, "PAR of the alias has PA 60400000, no fault");
    v = ats(VA_FAULT, 0);
    check((v & 1u) == 1u, "PAR of the fault entry reports a fault");

    bm_printf("read-only page VA %08x (AP[2]=1 AP=01)\n", VA_RO);
    v = probe_ldr(VA_RO + 8);
    bm_printf("  read: %08x\n", v);
    check(v == 0xB0000000u + 2 * 0x01010101u && dabt_count == 0, "read allowed");
    n0 = dabt_count;
    probe_str(VA_RO + 8, 0xBAD0BAD0u);
    expect_dabt(n0, 0x0F, 1, VA_RO + 8);
    check(rd32(PA_RO + 8) == 0xB0000000u + 2 * 0x01010101u, "memory unchanged");

    bm_printf("no-access page VA %08x (AP=000, client domain)\n", VA_NOACC);
    n0 = dabt_count;
    v = probe_ldr(VA_NOACC + 4);
    expect_dabt(n0, 0x0F, 0, VA_NOACC + 4);

    bm_printf("no-access domain 1: section VA %08x\n", VA_DOM1);
    n0 = dabt_count;
    v = probe_ldr(VA_DOM1 + 0x10);
    expect_dabt(n0, 0x09, 0, VA_DOM1 + 0x10);
    n0 = dabt_count;
    probe_str(VA_DOM1 + 0x14, 1);
    expect_dabt(n0, 0x09, 1, VA_DOM1 + 0x14);

    bm_printf("read-only section in client domain 3: VA %08x\n", VA_DOM3);
    v = probe_ldr(VA_DOM3 + 0x10);
    bm_printf("  read: %08x\n", v);
    n0 = dabt_count;
    probe_str(VA_DOM3 + 0x10, 0);
    expect_dabt(n0, 0x0D, 1, VA_DOM3 + 0x10);

    bm_printf("manager domain 2: page VA %08x with AP=000\n", VA_MGR);
    n0 = dabt_count;
    probe_str(VA_MGR + 0x40, 0x3A3A3A3Au);
    v = probe_ldr(VA_MGR + 0x40);
    bm_printf("  wrote and read back %08x, PA reads %08x\n", v, rd32(PA_H + 0x40));
    check(v == 0x3A3A3A3Au && rd32(PA_H + 0x40) == 0x3A3A3A3Au && dabt_count == n0,
          "manager domain skips the permission check");

    bm_printf("translation faults\n");
    n0 = dabt_count;
    v = probe_ldr(VA_FAULT + 0x20);
    expect_dabt(n0, 0x07, 0, VA_FAULT + 0x20);
    n0 = dabt_count;
    probe_str(VA_L1F + 0x30, 1);
    expect_dabt(n0, 0x05, 1, VA_L1F + 0x30);

    bm_printf("alignment fault: LDM from PA %08x\n", PA_A + 2);
    n0 = dabt_count;
    v = probe_ldm(PA_A + 2);
    expect_dabt(n0, 0x01, 0, PA_A + 2);

    bm_printf("execute: code page PA %08x mapped executable at %08x and XN at %08x\n",
              PA_CODE, VA_EXEC, VA_XN);
    CP15_WRITE(0, c7, c5, 0, 0);                /* ICIALLU after writing code */
    dsb();
    isb();
    v = try_call(VA_EXEC);
    bm_printf("  call %08x returned %u\n", VA_EXEC, v);
    check(v == 42 && pabt_count == 0, "executable page runs");
    v = try_call(VA_XN);
    check(v == 0xFFFFFFFFu && pabt_count == 1 && (last_ifsr & 0x40F) == 0x00F &&
          last_ifar == VA_XN, "XN page: prefetch abort (permission, page)");
    v = try_call(VA_L1F);
    check(v == 0xFFFFFFFFu && pabt_count == 2 && (last_ifsr & 0x40F) == 0x005 &&
          last_ifar == VA_L1F, "unmapped section: prefetch abort (translation, section)");

    bm_printf("ASIDs: nG page at VA %08x, ASID 1 -> PA %08x (table A), ASID 2 -> PA %08x "
              "(table B)\n", VA_ASID, PA_D, PA_E);
    uint32_t a1 = rd32(VA_ASID);
    set_context(2, L1B);
    uint32_t a2 = rd32(VA_ASID);
    wr32(VA_ASID + 4, 0x22222222u);
    bm_printf("  ASID 2: CONTEXTIDR %08x TTBR0 %08x PAR %08x\n", CP15_READ(0, c13, c0, 1),
              CP15_READ(0, c2, c0, 0), ats(VA_ASID, 0));
    set_context(1, L1A);
    uint32_t a1b = rd32(VA_ASID + 4);
    bm_printf("  ASID 1 reads %08x, ASID 2 reads %08x, ASID 1 after ASID 2 wrote: %08x\n", a1,
              a2, a1b);
    check(a1 == 0xD0000000u && a2 == 0xE0000000u && a1b == 0xD1010101u &&
          rd32(PA_E + 4) == 0x22222222u, "each ASID sees its own page");

    bm_printf("TLBIMVA: remap VA %08x to PA %08x\n", VA_ALIAS, PA_G);
    (void)rd32(VA_ALIAS);
    l2main[0] = SP_BASE(PA_G) | SP_RW;
    dsb();
    CP15_WRITE(0, c8, c7, 1, VA_ALIAS | 1);     /* TLBIMVA, ASID 1 */
    dsb();
    isb();
    v = rd32(VA_ALIAS);
    bm_printf("  after TLBIMVA VA reads %08x, PAR %08x\n", v, ats(VA_ALIAS, 0));
    check(v == 0x66000000u, "TLBIMVA made the new mapping visible");
    l2main[0] = SP_BASE(PA_A) | SP_RW;
    dsb();
    CP15_WRITE(0, c8, c7, 1, VA_ALIAS | 1);
    dsb();
    isb();
    v = rd32(VA_ALIAS);
    check(v == 0xA0000000u, "restored mapping visible after TLBIMVA");

    bm_printf("TLBIASID: remap the ASID 1 nG page to PA %08x\n", PA_F);
    (void)rd32(VA_ASID);
    l2asida[0] = SP_BASE(PA_F) | SP_RW | SP_NG;
    dsb();
    CP15_WRITE(0, c8, c7, 2, 1);                /* TLBIASID 1 */
    dsb();
    isb();
    a1 = rd32(VA_ASID);
    set_context(2, L1B);
    a2 = rd32(VA_ASID);
    set_context(1, L1A);
    bm_printf("  ASID 1 now reads %08x, ASID 2 still reads %08x\n", a1, a2);
    check(a1 == 0xF0000000u && a2 == 0xE0000000u, "TLBIASID");

    CP15_WRITE(0, c1, c0, 0, CP15_READ(0, c1, c0, 0) & ~1u);
    isb();
    tlbiall();
    bm_printf("MMU off: SCTLR %08x; %u data aborts, %u prefetch aborts\n",
              CP15_READ(0, c1, c0, 0), dabt_count, pabt_count);
    if (dabt_count != 8 || pabt_count != 2)
        bad = 1;
    bm_printf("mmu: %s\n", bad ? "FAIL" : "all checks ok");
    return bad ? 1 : 14;
}
