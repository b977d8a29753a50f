/*
 * sync.c - spinlock, atomic add and an all-core barrier built on
 * LDREX/STREX, DMB, WFE and SEV.
 */
#include "bm.h"

void spin_lock(spinlock_t *l)
{
    uint32_t tmp;
    __asm__ volatile(
        "1: ldrex   %0, [%1]\n"
        "   teq     %0, #0\n"
        "   wfene\n"                    /* held: sleep until an unlock's SEV */
        "   strexeq %0, %2, [%1]\n"
        "   teqeq   %0, #0\n"
        "   bne     1b\n"
        "   dmb\n"
        : "=&r"(tmp)
        : "r"(&l->v), "r"(1)
        : "cc", "memory");
}

void spin_unlock(spinlock_t *l)
{
    __asm__ volatile(
        "   dmb\n"
        "   str     %1, [%0]\n"
        "   dsb\n"
        "   sev\n"
        :
        : "r"(&l->v), "r"(0)
        : "memory");
}

uint32_t atomic_add(volatile uint32_t *p, uint32_t v)
{
    uint32_t res, tmp;
    __asm__ volatile(
        "   dmb\n"
        "1: ldrex   %0, [%2]\n"
        "   add     %0, %0, %3\n"
        "   strex   %1, %0, [%2]\n"
        "   teq     %1, #0\n"
        "   bne     1b\n"
        "   dmb\n"
        : "=&r"(res), "=&r"(tmp)
        : "r"(p), "r"(v)
        : "cc", "memory");
    return res;
}

unsigned bm_ncores(void)
{
    return (rd32(periphbase() + SCU_CONFIG) & 3) + 1;
}

void bm_release_cores(void)
{
    unsigned n = bm_ncores();
    while (bm_booted < n)
        dmb();
    dmb();
    bm_release = 1;
    dsb();
    sev();
}

/* Sense-reversing barrier over all cores. */
static volatile uint32_t barrier_count;
static volatile uint32_t barrier_sense;
static uint32_t local_sense[4];

void bm_barrier(void)
{
    unsigned me = core_id();
    uint32_t sense = local_sense[me] ^ 1;
    local_sense[me] = sense;
    if (atomic_add(&barrier_count, 1) == bm_ncores()) {
        barrier_count = 0;
        dmb();
        barrier_sense = sense;
        dsb();
        sev();
    } else {
        while (barrier_sense != sense)
            wfe();
        dmb();
    }
}
