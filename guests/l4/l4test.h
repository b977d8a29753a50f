/*
 * l4test.h - shared helpers of the kernel test programs in guests/l4: the
 * failure counter and CHECK macros (each failure prints one line
 * "FAIL <what>: got X want Y"), thread stacks, waiting for shared flags, and
 * a "foreign" helper thread that owns a thread main is not the pager of.
 */
#ifndef L4TEST_H
#define L4TEST_H

#include "l4/l4.h"

static int failures;

/* integer results (errno values, exit codes) */
#define CHECK(what, got, want) check_eq((what), (int32_t)(got), (int32_t)(want))
/* ids, addresses */
#define CHECK_HEX(what, got, want) check_hex((what), (uint32_t)(got), (uint32_t)(want))
#define CHECK_TRUE(what, cond) check_true((what), (cond))

static __attribute__((unused)) int check_eq(const char *what, int32_t got, int32_t want)
{
    if (got == want)
        return 1;
    l4_printf("FAIL %s: got %d want %d\n", what, got, want);
    failures++;
    return 0;
}

static __attribute__((unused)) int check_hex(const char *what, uint32_t got, uint32_t want)
{
    if (got == want)
        return 1;
    l4_printf("FAIL %s: got 0x%08x want 0x%08x\n", what, got, want);
    failures++;
    return 0;
}

static __attribute__((unused)) int check_true(const char *what, int cond)
{
    if (cond)
        return 1;
    l4_printf("FAIL %s: got false want true\n", what);
    failures++;
    return 0;
}

/* main's result: the number of failures (crt0 clamps it to 255) */
static __attribute__((unused)) int finish(const char *name)
{
    if (failures)
        l4_printf("%s: %d failure%s\n", name, failures, failures == 1 ? "" : "s");
    else
        l4_printf("%s: all checks passed\n", name);
    return failures;
}

/* ---- stacks ------------------------------------------------------------------ */
#define TEST_STACK_SIZE 8192
#define TEST_STACKS     12
static uint8_t test_stacks[TEST_STACKS][TEST_STACK_SIZE] __attribute__((aligned(8)));
static __attribute__((unused)) void *stack_top(unsigned i)
{
    return test_stacks[i] + TEST_STACK_SIZE;
}

/* ---- waiting ------------------------------------------------------------------- */
/* Yield until *flag == value or `tries` yields have passed; 1 if reached. */
static __attribute__((unused)) int wait_flag(volatile uint32_t *flag, uint32_t value, unsigned tries)
{
    while (*flag != value) {
        if (tries-- == 0)
            return 0;
        l4_yield();
    }
    l4_dmb();
    return 1;
}

/* Yield for at least `slices` KIP time slices of emulated time (and at
 * least 200 yields), so that a thread that announced it is about to block
 * has certainly got into the kernel and blocked, on one core or four. */
static __attribute__((unused)) void settle(unsigned slices)
{
    uint32_t ts = l4_kip_timeslice();
    uint64_t end = l4_cycles() + (uint64_t)(ts ? ts : 1000000u) * slices;
    for (unsigned n = 0; n < 200 || l4_cycles() < end; n++)
        l4_yield();
}

/* Repeat an exchange_registers READ while it is -EBUSY (a SUSPENDed
 * thread that was running on another core stops at its next kernel entry). */
static __attribute__((unused)) int read_regs(l4_tid_t t, struct exregs *r)
{
    int e;
    for (unsigned n = 0; n < 10000; n++) {
        memset(r, 0, sizeof *r);
        r->flags = L4_EXREGS_READ;
        e = l4_exchange_registers(r, t);
        if (e != -L4_EBUSY)
            return e;
        l4_yield();
    }
    return e;
}

/* ---- a thread without caps -------------------------------------------------------- */
/* Runs fn(arg) in a thread of a copied space: the same memory (globals, stacks
 * and the UTCB page are shared frames), but none of main's caps, only what the
 * container shares (IPC to the root, mutexes, pools). Waits for it and returns
 * its exit code, or -errno if it could not start. */
static __attribute__((unused)) int without_caps(l4_thread_fn fn, void *arg, unsigned stack, unsigned slot)
{
    int t = l4_thread_start_in(L4_TC_COPY_SPACE, fn, arg, stack_top(stack), slot, -1, 0);
    if (t < 0)
        return t;
    return l4_wait((l4_tid_t)t);
}

/* ---- a thread main is not the pager of ------------------------------------------ */
/* foreign_start(): helper thread H (pager main) creates thread F (space per
 * `space_flag`, pager H), publishes F's id and waits; foreign_stop() lets H
 * destroy F and exit, and reaps H. Main may then check that controlling F
 * (RUN, WAIT, map into it, ...) is refused. */
static volatile uint32_t foreign_tid, foreign_ready, foreign_release, foreign_destroy_result;
static uint32_t foreign_space_flag;

static int foreign_helper(void *arg)
{
    (void)arg;
    int f = l4_thread_control(L4_TC_CREATE | foreign_space_flag, L4_NILTHREAD, L4_NILTHREAD);
    foreign_tid = (uint32_t)f;
    l4_dmb();
    foreign_ready = 1;
    wait_flag(&foreign_release, 1, ~0u);
    foreign_destroy_result = (uint32_t)(f > 0 ? l4_destroy((l4_tid_t)f) : f);
    return 0;
}

static __attribute__((unused)) int foreign_helper_tid;

static __attribute__((unused)) l4_tid_t foreign_start(uint32_t space_flag, unsigned stack, unsigned slot)
{
    foreign_space_flag = space_flag;
    foreign_ready = foreign_release = 0;
    foreign_helper_tid = l4_thread_start(foreign_helper, 0, stack_top(stack), slot, -1, 0);
    if (!CHECK_TRUE("foreign helper started", foreign_helper_tid > 0))
        return L4_NILTHREAD;
    if (!CHECK_TRUE("foreign helper ready", wait_flag(&foreign_ready, 1, 1000000)))
        return L4_NILTHREAD;
    if (!CHECK_TRUE("foreign thread created", (int32_t)foreign_tid > 0))
        return L4_NILTHREAD;
    return foreign_tid;
}

static __attribute__((unused)) void foreign_stop(void)
{
    if (foreign_helper_tid <= 0)
        return;
    l4_dmb();
    foreign_release = 1;
    CHECK("foreign helper exit", l4_wait((l4_tid_t)foreign_helper_tid), 0);
    if ((int32_t)foreign_tid > 0)
        CHECK("helper destroys its own thread", (int32_t)foreign_destroy_result, 0);
    foreign_helper_tid = 0;
}

#endif /* L4TEST_H */
