/*
 * victim.c - example (examples/isolation): the container the intruder goes
 * after. Its root and a worker thread compute a known checksum for a while
 * (yielding, so the intruder runs meanwhile), with a canary page the
 * intruder would love to map; at the end it checks the checksum, the canary,
 * that its worker was neither suspended nor changed, and that it still holds
 * all its caps.
 */
#include "l4/l4.h"

#define STEPS 200000u
#define CANARY 0xC0DECAFEu

static volatile uint32_t canary[1024] __attribute__((aligned(4096)));
static uint8_t worker_stack[8192] __attribute__((aligned(8)));
static volatile uint32_t worker_sum;

static uint32_t xorshift_sum(uint32_t seed, uint32_t steps)
{
    uint32_t x = seed, sum = 0;
    for (uint32_t i = 0; i < steps; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sum += x;
        if ((i & 4095) == 0)
            l4_yield();
    }
    return sum;
}

static int worker(void *arg)
{
    (void)arg;
    worker_sum = xorshift_sum(0x1234567u, STEPS);
    return 0;
}

int main(void)
{
    for (int i = 0; i < 1024; i++)
        canary[i] = CANARY ^ (uint32_t)i;
    int caps_before = l4_cap_count();
    int w = l4_thread_start(worker, 0, worker_stack + sizeof worker_stack, 1, -1, 0);
    if (w < 0) {
        l4_printf("victim: cannot start its worker: %d\n", w);
        return 1;
    }
    l4_printf("victim: root 0x%08x, worker 0x%08x, working\n", l4_myself(), (uint32_t)w);
    uint32_t mine = xorshift_sum(0x7654321u, STEPS);
    int exit_code = l4_wait((l4_tid_t)w);
    uint32_t want_mine = 0, want_worker = 0;
    want_mine = xorshift_sum(0x7654321u, STEPS);
    want_worker = xorshift_sum(0x1234567u, STEPS);
    int bad = 0;
    for (int i = 0; i < 1024; i++)
        bad += canary[i] != (CANARY ^ (uint32_t)i);
    int ok = mine == want_mine && worker_sum == want_worker && exit_code == 0 && bad == 0
             && l4_cap_count() == caps_before;
    l4_printf("victim: %s (checksums %s, worker exit %d, canary words changed %d, caps %d of %d)\n",
              ok ? "unharmed" : "HARMED", mine == want_mine && worker_sum == want_worker ? "right" : "WRONG",
              exit_code, bad, l4_cap_count(), caps_before);
    return ok ? 0 : 1;
}
