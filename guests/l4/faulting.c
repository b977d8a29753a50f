/*
 * faulting.c - kernel test: a faulting thread is stopped, the others run on.
 *  T1: pager set to NIL (exchange_registers SET_PAGER), reads an unmapped
 *      address: the kernel stops and reports it; main's WAIT gives -EABORT.
 *  T2: a CPU-bound computation that must finish correctly meanwhile.
 *  T3: pager = main; main receives its data-abort IPC (tag 0xFFFF0001,
 *      address, read, pc) and answers 2 (stop): WAIT gives -EABORT.
 *  T4: pager = main; executes UDF: main receives tag 0xFFFF0003 with the
 *      pc and instruction word and answers 1 (skip it): T4 runs on and
 *      exits with 77. In the Thumb build UDF is the 16-bit encoding, so
 *      the skip steps 2 bytes.
 * T3 and T4 first make an IPC call to main, and main answers with an atomic
 * send + receive from them, so it is listening when their fault comes.
 */
#include "l4test.h"

#define UNMAPPED   0x30000000u
#define TAG_HELLO  0x48454C4Fu
#ifdef __thumb__
#define UDF_INSN   0x0000DE00u      /* udf #0, T16: the fault gives the halfword */
#else
#define UDF_INSN   0xE7F000F0u      /* udf #0, A32 */
#endif

static volatile uint32_t t1_after, t3_after;
static volatile uint32_t t2_result;
static l4_tid_t main_tid;
extern char faulting_udf_insn[];

static int t1_fn(void *arg)
{
    (void)arg;
    uint32_t v = *(volatile uint32_t *)UNMAPPED;
    t1_after = v | 1;               /* never reached */
    return 1;
}

static int t2_fn(void *arg)
{
    (void)arg;
    uint32_t x = 12345, sum = 0;
    for (uint32_t i = 0; i < 1000000u; i++) {
        x = x * 1103515245u + 12345u;
        sum += x >> 16;
    }
    t2_result = sum;
    return (int)(sum & 0xFF);
}

static uint32_t t2_expected(void)
{
    uint32_t x = 12345, sum = 0;
    for (uint32_t i = 0; i < 1000000u; i++) {
        x = x * 1103515245u + 12345u;
        sum += x >> 16;
    }
    return sum;
}

static void hello(void)
{
    uint32_t mr[L4_MR_COUNT] = { TAG_HELLO, 0, 0, 0, 0, 0 };
    l4_call(main_tid, mr);
}

static int t3_fn(void *arg)
{
    (void)arg;
    hello();
    uint32_t v = *(volatile uint32_t *)(UNMAPPED + 0x10);
    t3_after = v | 1;               /* never reached: the pager says stop */
    return 1;
}

static int t4_fn(void *arg)
{
    (void)arg;
    hello();
    __asm__ volatile(
        "   .global faulting_udf_insn\n"
        "faulting_udf_insn:\n"
        "   udf     #0\n" ::: "memory");
    return 77;
}

/* Receive T's hello, answer it and receive its fault in one call. */
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
    struct exregs r;
    uint32_t mr[L4_MR_COUNT];
    main_tid = l4_myself();
    l4_printf("faulting: a faulting thread stops, the others run on\n");

    /* T1: no pager */
    int t1 = l4_thread_prepare(t1_fn, 0, stack_top(0), 1, -1, 0);
    if (CHECK("prepare T1", t1 > 0 ? 0 : t1, 0)) {
        memset(&r, 0, sizeof r);
        r.flags = L4_EXREGS_SET_PAGER;
        r.pager = L4_NILTHREAD;
        CHECK("set T1's pager to NIL", l4_exchange_registers(&r, (l4_tid_t)t1), 0);
    }
    int t2 = l4_thread_start(t2_fn, 0, stack_top(1), 2, -1, 0);
    CHECK("start T2", t2 > 0 ? 0 : t2, 0);
    if (t1 > 0)
        CHECK("run T1", l4_run((l4_tid_t)t1), 0);

    uint32_t want2 = t2_expected();
    if (t2 > 0) {
        CHECK("T2's exit code", l4_wait((l4_tid_t)t2), want2 & 0xFF);
        CHECK_HEX("T2's result", t2_result, want2);
    }
    if (t1 > 0) {
        CHECK("wait on T1, stopped by its fault", l4_wait((l4_tid_t)t1), -L4_EABORT);
        CHECK("T1 did not get past the fault", t1_after, 0);
    }

    /* T3: the pager answers "stop" */
    int t3 = l4_thread_start(t3_fn, 0, stack_top(2), 3, -1, 0);
    if (CHECK("start T3", t3 > 0 ? 0 : t3, 0) && hello_then_fault((l4_tid_t)t3, mr) == 0) {
        CHECK_HEX("T3 fault tag", mr[0], L4_FAULT_DATA_ABORT);
        CHECK_HEX("T3 fault thread", mr[1], (uint32_t)t3);
        CHECK_HEX("T3 fault address", mr[2], UNMAPPED + 0x10);
        CHECK("T3 fault is a read", mr[5], 0);
        CHECK_TRUE("T3 fault pc in t3_fn", mr[4] >= (uint32_t)t3_fn && mr[4] < (uint32_t)t3_fn + 256);
        memset(mr, 0, sizeof mr);
        mr[0] = L4_FAULT_REPLY_STOP;
        CHECK("answer stop", l4_send((l4_tid_t)t3, mr), 0);
        CHECK("wait on T3, stopped by its pager", l4_wait((l4_tid_t)t3), -L4_EABORT);
        CHECK("T3 did not get past the fault", t3_after, 0);
    }

    /* T4: undefined instruction, emulated by skipping it */
    int t4 = l4_thread_start(t4_fn, 0, stack_top(3), 4, -1, 0);
    if (CHECK("start T4", t4 > 0 ? 0 : t4, 0) && hello_then_fault((l4_tid_t)t4, mr) == 0) {
        CHECK_HEX("T4 fault tag", mr[0], L4_FAULT_UNDEFINED);
        CHECK_HEX("T4 fault thread", mr[1], (uint32_t)t4);
        CHECK_HEX("T4 fault pc (MR2)", mr[2], (uint32_t)faulting_udf_insn);
        CHECK_HEX("T4 instruction word", mr[3], UDF_INSN);
        CHECK_HEX("T4 fault pc (MR4)", mr[4], (uint32_t)faulting_udf_insn);
        memset(mr, 0, sizeof mr);
        mr[0] = L4_FAULT_REPLY_SKIP;
        CHECK("answer skip", l4_send((l4_tid_t)t4, mr), 0);
        CHECK("T4 runs on after the skipped instruction", l4_wait((l4_tid_t)t4), 77);
    }

    if (failures == 0)
        l4_printf("faulting: others ran on\n");
    return finish("faulting");
}
