/*
 * mutex.c - mutex contention: four threads (one per core when the KIP
 * reports four) each add 1 to a shared, non-atomic counter 20000 times under
 * one l4_mutex; main checks the total is 80000 and prints how often the slow
 * path (mutex_control LOCK) was taken.
 */
#include "l4test.h"

#define NTHREADS 4
#define ROUNDS   20000u

static struct l4_mutex lock = L4_MUTEX_INIT;
static volatile uint32_t counter;
static volatile uint32_t done[NTHREADS];

static int worker(void *arg)
{
    uint32_t me = (uint32_t)arg;
    for (uint32_t n = 0; n < ROUNDS; n++) {
        l4_mutex_lock(&lock);
        /* A read-modify-write with a window: without the mutex, increments
         * from other cores would be lost. */
        uint32_t v = counter;
        for (volatile int d = 0; d < 3; d++)
            ;
        counter = v + 1;
        l4_mutex_unlock(&lock);
    }
    done[me] = ROUNDS;
    return 0;
}

int main(void)
{
    uint32_t cores = l4_kip_cores();
    int tid[NTHREADS];

    l4_printf("mutex: %u threads x %u increments under one mutex (%u cores)\n",
              NTHREADS, ROUNDS, cores);
    for (unsigned i = 0; i < NTHREADS; i++) {
        unsigned mask = cores >= NTHREADS ? 1u << i : 0;
        tid[i] = l4_thread_start(worker, (void *)i, stack_top(i), 1 + i, -1, mask);
        CHECK("start thread", tid[i] > 0 ? 0 : tid[i], 0);
    }
    for (unsigned i = 0; i < NTHREADS; i++)
        if (tid[i] > 0)
            CHECK("worker exit code", l4_wait((l4_tid_t)tid[i]), 0);
    l4_dmb();
    CHECK("counter", counter, NTHREADS * ROUNDS);
    CHECK("mutex word after all unlocks", lock.word, L4_MUTEX_FREE);
    l4_printf("mutex: counter %u (want %u)\n", counter, NTHREADS * ROUNDS);
    l4_printf("mutex: slow path (mutex_control LOCK) taken %u times\n", l4_mutex_slowpath_count);
    return finish("mutex");
}
