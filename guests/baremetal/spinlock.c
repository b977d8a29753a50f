/*
 * spinlock - LDREX/STREX under contention from four cores.
 *
 * First, on core 0 alone, the exclusive monitor's architecturally defined
 * answers: LDREX/STREX pairs (word, byte, halfword, doubleword) succeed
 * (STREX returns 0) and store; STREX after CLREX fails (returns 1) and
 * stores nothing.
 * Then every core, 100000 times, takes a spinlock (LDREX/STREX + DMB, WFE
 * while held, SEV on unlock) and increments a plain non-atomic counter
 * (load, add, store); and, 100000 times, increments a second counter with a
 * lock-free LDREX/ADD/STREX loop. Both totals must be 400000 (100000 per
 * core). Exit status 0 only when every check passed, 1 otherwise.
 */
#include "bm.h"

#define ITER 100000u

static spinlock_t lock;
static volatile uint32_t locked_counter;
static volatile uint32_t atomic_counter;
static volatile uint32_t done_locked[4], done_atomic[4];
static volatile uint32_t inside;            /* cores inside the critical section */
static volatile uint32_t overlap;           /* times more than one was inside */

static void run(unsigned me)
{
    bm_barrier();
    for (uint32_t i = 0; i < ITER; i++) {
        spin_lock(&lock);
        if (inside++ != 0)
            overlap++;
        uint32_t v = locked_counter;        /* deliberately not atomic */
        locked_counter = v + 1;
        inside--;
        spin_unlock(&lock);
        done_locked[me]++;
    }
    bm_barrier();
    for (uint32_t i = 0; i < ITER; i++) {
        atomic_add(&atomic_counter, 1);
        done_atomic[me]++;
    }
    bm_barrier();
}

void secondary_main(unsigned core)
{
    run(core);
}

static uint32_t strex_w(volatile uint32_t *p, uint32_t v, int clear)
{
    uint32_t old, fail;
    __asm__ volatile("ldrex %0, [%2]\n"
                     "cmp   %4, #0\n"
                     "beq   1f\n"
                     "clrex\n"
                     "1: strex %1, %3, [%2]\n"
                     : "=&r"(old), "=&r"(fail)
                     : "r"(p), "r"(v), "r"(clear)
                     : "cc", "memory");
    return fail;
}

static uint32_t strex_b(volatile uint8_t *p, uint32_t v)
{
    uint32_t old, fail;
    __asm__ volatile("ldrexb %0, [%2]\n strexb %1, %3, [%2]\n"
                     : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    return fail;
}

static uint32_t strex_h(volatile uint16_t *p, uint32_t v)
{
    uint32_t old, fail;
    __asm__ volatile("ldrexh %0, [%2]\n strexh %1, %3, [%2]\n"
                     : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    return fail;
}

static uint32_t strex_d(volatile uint64_t *p, uint64_t v, uint64_t *old)
{
    uint32_t fail;
    uint64_t o;
    __asm__ volatile("ldrexd %0, %H0, [%2]\n strexd %1, %3, %H3, [%2]\n"
                     : "=&r"(o), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    *old = o;
    return fail;
}

static volatile uint32_t xw = 0x11111111u;
static volatile uint8_t xb[4] __attribute__((aligned(4))) = {1, 2, 3, 4};
static volatile uint16_t xh[2] __attribute__((aligned(4))) = {0x1234, 0x5678};
static volatile uint64_t xd __attribute__((aligned(8))) = 0x0123456789ABCDEFull;

int main(void)
{
    unsigned n = bm_ncores();
    int bad = 0;
    uint32_t r;

    bm_printf("spinlock: %u cores x %u iterations\n", n, ITER);

    r = strex_w(&xw, 0x22222222u, 0);
    bm_printf("ldrex/strex word: strex %u, value %08x\n", r, xw);
    bad |= r != 0 || xw != 0x22222222u;
    r = strex_w(&xw, 0x33333333u, 1);
    bm_printf("ldrex/clrex/strex word: strex %u, value %08x\n", r, xw);
    bad |= r != 1 || xw != 0x22222222u;
    r = strex_b(&xb[1], 0xAB);
    bm_printf("ldrexb/strexb: strex %u, bytes %02x %02x %02x %02x\n", r, xb[0], xb[1], xb[2],
              xb[3]);
    bad |= r != 0 || xb[1] != 0xAB || xb[0] != 1 || xb[2] != 3;
    r = strex_h(&xh[1], 0xBEEF);
    bm_printf("ldrexh/strexh: strex %u, halfwords %04x %04x\n", r, xh[0], xh[1]);
    bad |= r != 0 || xh[1] != 0xBEEF || xh[0] != 0x1234;
    uint64_t old;
    r = strex_d(&xd, 0xFEDCBA9876543210ull, &old);
    bm_printf("ldrexd/strexd: strex %u, old %08x%08x new %08x%08x\n", r, (uint32_t)(old >> 32),
              (uint32_t)old, (uint32_t)(xd >> 32), (uint32_t)xd);
    bad |= r != 0 || old != 0x0123456789ABCDEFull || xd != 0xFEDCBA9876543210ull;

    bm_printf("bring up the secondary cores\n");
    bm_release_cores();
    run(0);

    for (unsigned c = 0; c < n; c++) {
        bm_printf("core %u: %u locked increments, %u atomic increments\n", c, done_locked[c],
                  done_atomic[c]);
        bad |= done_locked[c] != ITER || done_atomic[c] != ITER;
    }
    bm_printf("locked counter %u (expected %u), critical-section overlaps %u\n", locked_counter,
              n * ITER, overlap);
    bm_printf("atomic counter %u (expected %u)\n", atomic_counter, n * ITER);
    bad |= locked_counter != n * ITER || atomic_counter != n * ITER || overlap != 0 ||
           lock.v != 0;
    bm_printf("spinlock: %s\n", bad ? "FAIL" : "ok");
    return bad ? 1 : 0;
}
