/*
 * unstarted.c - a root that creates threads it never starts, then exits.
 * T1 and T2 are prepared (created, registers set) but never RUN; T3 runs and
 * exits with 7, which main WAITs for. Then main returns 0. A thread that never
 * ran does not keep its container alive: the container ends with main, the
 * kernel names the threads that never started, and the run's status is 0.
 */
#include "l4test.h"

static int never_runs(void *arg)
{
    (void)arg;
    l4_printf("FAIL unstarted: a thread that was never started ran\n");
    return 1;
}

static int runs(void *arg)
{
    (void)arg;
    return 7;
}

int main(void)
{
    int t1 = l4_thread_prepare(never_runs, 0, stack_top(0), 1, -1, 0);
    int t2 = l4_thread_prepare(never_runs, 0, stack_top(1), 2, -1, 0);
    CHECK("prepare T1", t1 > 0 ? 0 : t1, 0);
    CHECK("prepare T2", t2 > 0 ? 0 : t2, 0);
    int t3 = l4_thread_start(runs, 0, stack_top(2), 3, -1, 0);
    if (CHECK("start T3", t3 > 0 ? 0 : t3, 0))
        CHECK("T3's exit code", l4_wait((l4_tid_t)t3), 7);
    l4_printf("unstarted: leaving 0x%08x and 0x%08x never started\n", (uint32_t)t1, (uint32_t)t2);
    return finish("unstarted");
}
