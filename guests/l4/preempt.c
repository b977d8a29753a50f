/*
 * preempt.c - kernel test (run with one core): time slicing and priority
 * preemption. Threads A and B, priority lo, both pinned to core 0, count in
 * tight loops that never enter the kernel voluntarily, so B can only run if
 * the timer preempts A (and back). Thread C, priority hi > lo, also on core
 * 0, sleeps in mutex_control(LOCK). Once A has counted past a threshold and
 * seen B's counter move, A records time() and wakes C (MUTEX_UNLOCK); C
 * must run at once: less than one KIP time slice (offset 0x18) after A's
 * wake-up call. C checks both counters and sets the stop flag.
 * hi = 20 and lo = 10 when the root may give them (else the root's own
 * priority and 10 below it).
 */
#include "l4test.h"

#define THRESHOLD 100000u

static volatile uint32_t count_a, count_b, stop;
static volatile uint32_t c_word = L4_MUTEX_CONTENDED;  /* C sleeps on it */
static volatile uint32_t t_wake_lo, t_wake_hi;          /* A: time just before the wake-up */
static volatile int32_t a_wake_result, c_lock_result;
static volatile uint32_t c_seen_a, c_seen_b, a_gave_up;
static volatile uint32_t c_delta_lo, c_delta_hi;

static int thread_a(void *arg)
{
    (void)arg;
    uint32_t ts = l4_kip_timeslice();
    uint64_t give_up = l4_cycles() + 50ull * (ts ? ts : 1000000u);

    for (;;) {
        count_a++;
        if ((count_a & 1023) == 0) {
            if (count_a >= THRESHOLD && count_b > 0)
                break;
            if (l4_cycles() > give_up) {
                a_gave_up = 1;
                break;
            }
        }
    }
    /* Wake C; retry while it is not asleep yet (UNLOCK woke nobody). */
    int r = 0;
    for (unsigned tries = 0; tries < 100000; tries++) {
        uint64_t t = l4_cycles();
        t_wake_lo = (uint32_t)t;
        t_wake_hi = (uint32_t)(t >> 32);
        l4_dmb();
        r = l4_mutex_control(&c_word, L4_MUTEX_UNLOCK, 0);
        if (r != 0)
            break;
        l4_yield();
    }
    a_wake_result = r;
    if (r != 1)
        stop = 1;                       /* C never woke: end the test */
    while (!stop)
        count_a++;
    return 0;
}

static int thread_b(void *arg)
{
    (void)arg;
    while (!stop)
        count_b++;
    return 0;
}

static int thread_c(void *arg)
{
    (void)arg;
    int r = l4_mutex_control(&c_word, L4_MUTEX_LOCK, L4_MUTEX_CONTENDED);
    uint64_t now = l4_cycles();
    c_seen_a = count_a;
    c_seen_b = count_b;
    c_lock_result = r;
    l4_dmb();
    uint64_t woke = ((uint64_t)t_wake_hi << 32) | t_wake_lo;
    uint64_t delta = now - woke;
    c_delta_lo = (uint32_t)delta;
    c_delta_hi = (uint32_t)(delta >> 32);
    l4_dmb();
    stop = 1;
    return 0;
}

int main(void)
{
    uint32_t ts = l4_kip_timeslice(), cores = l4_kip_cores();
    int prio = l4_self_priority();

    l4_printf("preempt: time slicing and preemption on core 0 (%u core%s)\n", cores, cores == 1 ? "" : "s");
    CHECK_TRUE("KIP time slice > 0", ts > 0);
    if (!CHECK_TRUE("own priority found", prio >= 1))
        return finish("preempt");
    int hi = prio >= 20 ? 20 : prio;
    int lo = hi >= 10 ? hi - 10 : 0;
    l4_printf("preempt: root priority %d: C at %d, A and B at %d\n", prio, hi, lo);

    /* C first, so it is asleep (or about to be) before A can wake it. */
    int c = l4_thread_start(thread_c, 0, stack_top(2), 3, hi, 1);
    int a = l4_thread_start(thread_a, 0, stack_top(0), 1, lo, 1);
    int b = l4_thread_start(thread_b, 0, stack_top(1), 2, lo, 1);
    CHECK("start C", c > 0 ? 0 : c, 0);
    CHECK("start A", a > 0 ? 0 : a, 0);
    CHECK("start B", b > 0 ? 0 : b, 0);
    if (a <= 0 || b <= 0) {
        stop = 1;
        if (c > 0)
            l4_destroy((l4_tid_t)c);
    }
    if (a > 0)
        CHECK("A exits", l4_wait((l4_tid_t)a), 0);
    if (b > 0)
        CHECK("B exits", l4_wait((l4_tid_t)b), 0);
    if (c > 0 && a > 0 && b > 0) {
        if (a_wake_result == 1)
            CHECK("C exits", l4_wait((l4_tid_t)c), 0);
        else
            l4_destroy((l4_tid_t)c);
    }

    CHECK("A gave up waiting for B (no time slicing?)", a_gave_up, 0);
    CHECK("A's UNLOCK woke C", a_wake_result, 1);
    CHECK("C's LOCK result", c_lock_result, 0);
    CHECK_TRUE("A counted before C ran", c_seen_a >= THRESHOLD);
    CHECK_TRUE("B counted before C ran (time slicing)", c_seen_b > 0);
    if (!CHECK_TRUE("C ran less than one time slice after A woke it", c_delta_hi == 0 && c_delta_lo < ts))
        l4_printf("preempt: wake-up to C took %u cycles, time slice %u\n", c_delta_lo, ts);
    else
        l4_printf("preempt: A and B shared core 0; C preempted A within a time slice\n");
    return finish("preempt");
}
