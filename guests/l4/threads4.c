/*
 * threads4.c - threads on four cores: four threads in the root's space,
 * thread i pinned to core i (affinity mask 1 << i; mask 0 = any core when
 * the KIP reports fewer than four cores), each running a CPU-bound xorshift
 * checksum of 2,000,000 steps with a known answer. Main WAITs for each: the
 * exit code is the checksum's low 8 bits, the full value is in results[].
 */
#include "l4test.h"

#define NTHREADS 4
#define ITERS    2000000u

static const uint32_t expected[NTHREADS] = {
    0x0a31c76du, 0x5bc01c5du, 0x6b649700u, 0x01e7c49bu,   /* work(1..4) */
};
static volatile uint32_t results[NTHREADS];

static uint32_t work(uint32_t seed, uint32_t iters)
{
    uint32_t x = seed * 2654435761u + 1, sum = 0;
    for (uint32_t i = 0; i < iters; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sum += x ^ i;
    }
    return sum;
}

static int worker(void *arg)
{
    uint32_t i = (uint32_t)arg;
    uint32_t sum = work(i + 1, ITERS);
    results[i] = sum;
    return (int)(sum & 0xFF);
}

int main(void)
{
    uint32_t cores = l4_kip_cores();
    int tid[NTHREADS];

    l4_printf("threads4: threads on four cores (%u core%s reported)\n", cores, cores == 1 ? "" : "s");
    for (unsigned i = 0; i < NTHREADS; i++) {
        unsigned mask = cores >= NTHREADS ? 1u << i : 0;
        tid[i] = l4_thread_start(worker, (void *)i, stack_top(i), 1 + i, -1, mask);
        if (!CHECK("start thread", tid[i] > 0 ? 0 : tid[i], 0))
            continue;
        l4_printf("threads4: thread %u is 0x%08x, affinity mask 0x%x\n", i, (uint32_t)tid[i], mask);
    }
    for (unsigned i = 0; i < NTHREADS; i++) {
        if (tid[i] <= 0)
            continue;
        int code = l4_wait((l4_tid_t)tid[i]);
        char what[40];
        l4_snprintf(what, sizeof what, "thread %u exit code", i);
        CHECK(what, code, expected[i] & 0xFF);
        l4_snprintf(what, sizeof what, "thread %u checksum", i);
        CHECK_HEX(what, results[i], expected[i]);
        l4_printf("threads4: thread %u checksum 0x%08x, exit code %d\n", i, results[i], code);
    }
    return finish("threads4");
}
