/*
 * balance.c - kernel test (two cores or more): a thread preempted on a busy
 * core is taken by an idle core instead of waiting there. A (priority 10)
 * counts on core 0, then its affinity is widened to every core. Main (core 1)
 * calls H (main's priority, above A's; pinned to core 0) and so blocks, leaving core 1 idle;
 * H preempts A and spins (up to 100 KIP time slices) until A has counted on. A must keep counting on
 * another core meanwhile. A gives up after a bounded time, so a failure
 * ends the run. With one core there is nothing to test: it says so and passes.
 */
#include "l4test.h"

/* H holds core 0 until A has moved this much elsewhere, or for SPIN_SLICES (parallel mode:
 * the other cores' host threads may start late, so the bound is generous) */
#define MOVED 10000u
#define SPIN_SLICES 100

static volatile uint32_t count_a, stop, a_started;
static uint64_t give_up;
static volatile uint32_t h_before, h_after;

static int thread_a(void *arg)
{
    (void)arg;
    a_started = 1;
    while (!stop) {
        count_a++;
        if ((count_a & 0xFFFF) == 0 && l4_cycles() > give_up)
            return 1; /* never released: H never ran or never stopped it */
    }
    return 0;
}

static int thread_h(void *arg)
{
    (void)arg;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    l4_tid_t caller;
    if (l4_receive(L4_ANYTHREAD, mr) != 0)
        return 1;
    caller = mr[L4_MR_SENDER];
    /* H now holds core 0; A was preempted there. */
    h_before = count_a;
    uint64_t end = l4_cycles() + (uint64_t)l4_kip_timeslice() * SPIN_SLICES;
    while (l4_cycles() < end && count_a - h_before <= MOVED)
        ;
    h_after = count_a;
    stop = 1;
    l4_dmb();
    mr[0] = 0;
    l4_send(caller, mr);
    return 0;
}

int main(void)
{
    if (l4_kip_cores() < 2) {
        l4_printf("balance: one core, nothing to balance\n");
        return finish("balance");
    }
    int prio = l4_self_priority();
    CHECK_TRUE("own priority known", prio >= 10);
    give_up = l4_cycles() + 400ull * l4_kip_timeslice();
    CHECK("pin main to core 1", l4_sched(L4_NILTHREAD, (uint32_t)prio, 1u << 1), 0);
    l4_yield();

    int a = l4_thread_start(thread_a, 0, stack_top(0), 1, prio - 6, 1u << 0);
    int h = l4_thread_start(thread_h, 0, stack_top(1), 2, prio, 1u << 0);
    CHECK_TRUE("A started", a > 0);
    CHECK_TRUE("H started", h > 0);
    CHECK_TRUE("A runs", wait_flag(&a_started, 1, 1000000));
    settle(2); /* H is blocked in its receive, A counts on core 0 */
    CHECK("widen A's affinity to every core", l4_sched((l4_tid_t)a, (uint32_t)prio - 6, 0), 0);

    uint32_t mr[L4_MR_COUNT] = { 0x1 };
    CHECK("call H", l4_call((l4_tid_t)h, mr), 0);
    uint32_t moved = h_after - h_before;
    l4_printf("balance: A counted %u while H held core 0\n", moved);
    CHECK_TRUE("A ran on another core while H held core 0", moved > MOVED);
    CHECK("H's exit", l4_wait((l4_tid_t)h), 0);
    CHECK("A's exit", l4_wait((l4_tid_t)a), 0);
    return finish("balance");
}
