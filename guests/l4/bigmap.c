/* bigmap: long map and unmap calls that the kernel preempts and restarts. The root maps most of its
 * free memory (about 1900 pages) in one call, checks every page, unmaps it in one call, 30 times over,
 * while a second thread of the same priority competes for the core. Time slices end in the middle of
 * those calls; each is restarted where it stopped and must still map and unmap exactly its range. */
#include <l4/l4.h>
#include "l4test.h"

#define WINDOW 0x20000000u
#define ROUNDS 30

static volatile unsigned spins;


static int competitor(void *arg)
{
    (void)arg;
    while (spins < 0xFFFFFFFFu)
        spins++;
    return 0;
}

int main(void)
{
    uint32_t pages = (l4_free_phys_size / L4_PAGE_SIZE) - 16;
    int other = l4_thread_start(competitor, 0, test_stacks[0] + TEST_STACK_SIZE, 1, -1, 0);
    CHECK_TRUE("competitor started", other > 0);
    l4_printf("bigmap: %u pages at 0x%08x, %d rounds\n", pages, WINDOW, ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
        if (!CHECK("map", l4_map(l4_free_phys_base, WINDOW, pages, L4_MAP_RW, L4_NILTHREAD), 0))
            break;
        for (uint32_t i = 0; i < pages; i++)
            *(volatile uint32_t *)(WINDOW + i * L4_PAGE_SIZE) = i ^ (uint32_t)round;
        unsigned bad = 0;
        for (uint32_t i = 0; i < pages; i++)
            bad += *(volatile uint32_t *)(WINDOW + i * L4_PAGE_SIZE) != (i ^ (uint32_t)round);
        CHECK("pages holding their own pattern", bad, 0);
        if (!CHECK("unmap", l4_unmap(WINDOW, pages, L4_NILTHREAD), 0))
            break;
        CHECK("unmapped range refuses a second unmap", l4_unmap(WINDOW, 1, L4_NILTHREAD), -L4_ENOMAP);
    }
    CHECK("destroy the competitor", l4_thread_control(L4_TC_DESTROY, (l4_tid_t)other, 0), 0);
    l4_printf("bigmap: competitor spun %u times\n", spins);
    return finish("bigmap");
}
