/*
 * divzero.c - integer division by zero is a fault, not a silent 0x7FFFFFFF.
 *  T1: pager = main; divides 1000 / 0 (__aeabi_idiv) and then 1000u % 0
 *      (__aeabi_uidivmod). Each time main receives tag 0xFFFF0004 with MR2 =
 *      the pc of the call in divide32 / modulo32 and MR4 = the trap's pc in
 *      __aeabi_idiv0, and answers "skip": the routine returns libgcc's result
 *      (0x7FFFFFFF, then 0) and T1 exits with 41.
 *  T2: pager = main; divides 64-bit (__aeabi_ldivmod -> __aeabi_ldiv0); main
 *      answers "stop": the kernel reports the stop and WAIT gives -EABORT.
 *  Last, main (a root, no pager) computes 1000 / 0 itself: the kernel stops it
 *  and reports "division by zero at pc ... (main+0x.. in divzero.elf)". The
 *  run's status is 134, and "divzero: 1000/0 =" is never printed.
 */
#include "l4test.h"

#define TAG_HELLO  0x48454C4Fu

static volatile int32_t numerator = 1000, zero;
static volatile int64_t numerator64 = 1000, zero64;
static volatile int32_t t1_quotient = -1;
static volatile uint32_t t1_remainder = 1;
static volatile int64_t t2_quotient = -1;
static l4_tid_t main_tid;
extern char __aeabi_idiv0[], __aeabi_ldiv0[];

/* Not inlined, and the result is stored after the call, so the division is a BL from these functions (no tail call). */
__attribute__((noinline)) static int32_t divide32(int32_t a, int32_t b)
{
    int32_t q = a / b;
    t1_quotient = q;
    return q;
}

__attribute__((noinline)) static uint32_t modulo32(uint32_t a, uint32_t b)
{
    uint32_t r = a % b;
    t1_remainder = r;
    return r;
}

__attribute__((noinline)) static int64_t divide64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    t2_quotient = q;
    return q;
}

static void hello(void)
{
    uint32_t mr[L4_MR_COUNT] = { TAG_HELLO, 0, 0, 0, 0, 0 };
    l4_call(main_tid, mr);
}

static int t1_fn(void *arg)
{
    (void)arg;
    hello();
    divide32(numerator, zero);
    modulo32((uint32_t)numerator, (uint32_t)zero);
    return 41;
}

static int t2_fn(void *arg)
{
    (void)arg;
    hello();
    divide64(numerator64, zero64);
    return 42;                      /* never reached: the pager says stop */
}

static uint32_t code_address(const void *p) { return (uint32_t)p & ~1u; }

/* Checks a division-by-zero fault message: its thread, the call inside `caller`, the trap inside `handler`. */
static void check_fault(const char *what, const uint32_t mr[L4_MR_COUNT], int t, const void *caller, const void *handler)
{
    l4_printf("divzero: %s: fault tag 0x%08x, call at 0x%08x, trap at 0x%08x\n", what, mr[0], mr[2], mr[4]);
    CHECK_HEX("tag", mr[0], L4_FAULT_DIVIDE_BY_ZERO);
    CHECK_HEX("thread", mr[1], (uint32_t)t);
    CHECK_TRUE("the call is in the dividing function", mr[2] >= code_address(caller) && mr[2] < code_address(caller) + 64);
    CHECK_HEX("the trap is libl4's handler", mr[4], code_address(handler));
}

/* Receive T's hello, answer it and receive its first fault in one call. */
static int hello_then_fault(l4_tid_t t, uint32_t mr[L4_MR_COUNT])
{
    memset(mr, 0, L4_MR_COUNT * sizeof mr[0]);
    int e = l4_receive(t, mr);
    if (!CHECK("receive hello", e, 0) || !CHECK_HEX("hello tag", mr[0], TAG_HELLO))
        return -1;
    memset(mr, 0, L4_MR_COUNT * sizeof mr[0]);
    e = l4_ipc(t, t, L4_IPC_SHORT, mr);
    return CHECK("answer hello, receive the fault", e, 0) ? 0 : -1;
}

int main(void)
{
    uint32_t mr[L4_MR_COUNT];
    main_tid = l4_myself();

    int t1 = l4_thread_start(t1_fn, 0, stack_top(0), 1, -1, 0);
    if (CHECK("start T1", t1 > 0 ? 0 : t1, 0) && hello_then_fault((l4_tid_t)t1, mr) == 0) {
        check_fault("T1 1000/0", mr, t1, divide32, __aeabi_idiv0);
        memset(mr, 0, sizeof mr);
        mr[0] = L4_FAULT_REPLY_SKIP;
        CHECK("skip, receive the next fault", l4_ipc((l4_tid_t)t1, (l4_tid_t)t1, L4_IPC_SHORT, mr), 0);
        check_fault("T1 1000u%0", mr, t1, modulo32, __aeabi_idiv0);
        memset(mr, 0, sizeof mr);
        mr[0] = L4_FAULT_REPLY_SKIP;
        CHECK("skip", l4_send((l4_tid_t)t1, mr), 0);
        CHECK("T1 runs on after skipped traps", l4_wait((l4_tid_t)t1), 41);
        CHECK_HEX("skipped 1000/0 gives libgcc's saturated quotient", (uint32_t)t1_quotient, 0x7FFFFFFFu);
        CHECK_HEX("skipped 1000u%0 gives libgcc's 0", t1_remainder, 0);
    }

    int t2 = l4_thread_start(t2_fn, 0, stack_top(1), 2, -1, 0);
    if (CHECK("start T2", t2 > 0 ? 0 : t2, 0) && hello_then_fault((l4_tid_t)t2, mr) == 0) {
        check_fault("T2 64-bit 1000/0", mr, t2, divide64, __aeabi_ldiv0);
        memset(mr, 0, sizeof mr);
        mr[0] = L4_FAULT_REPLY_STOP;
        CHECK("answer stop", l4_send((l4_tid_t)t2, mr), 0);
        CHECK("wait on T2, stopped by its pager", l4_wait((l4_tid_t)t2), -L4_EABORT);
        CHECK("T2 did not get past the division", t2_quotient, -1);
    }

    finish("divzero");
    int q = numerator / zero;       /* main has no pager: the kernel stops it here */
    l4_printf("divzero: 1000/0 = %d\n", q);
    return 0;
}
