/*
 * thumbsvc.c - kernel test: user threads in Thumb state. The Thumb parts are
 * hand-written 16-bit Thumb (T16) assembly, so the test runs in the ARM
 * build too, where main is ARM code calling Thumb code (BLX) and back:
 *  1. restarts: long map and unmap calls (as bigmap: most of the free
 *     memory, while a competitor of the same priority makes time slices end
 *     inside them) made by a 2-byte `svc` that sits inside an ITE block.
 *     Every restart must step back 2 bytes and give the svc its own ITSTATE
 *     again; if it did not, the svc would be skipped (wrong condition) or
 *     the block's else arm would run. The calls must map and unmap exactly
 *     their range.
 *  2. a Thumb entry point: a thread whose exchange_registers PC has bit 0
 *     set starts in Thumb state; reading its registers gives the PC back
 *     with bit 0; it exits through a Thumb svc with a computed code.
 *  3. faults in Thumb code, each answered "skip" by main, its pager: a data
 *     abort of a load in an ITE block (the skip must advance ITSTATE, so the
 *     else arm still does not run), a 16-bit UDF (reported as the halfword,
 *     skipped by 2 bytes) and a 32-bit UDF (reported as both halfwords,
 *     skipped by 4).
 */
#include "l4test.h"

#define WINDOW     0x20000000u
#define UNMAPPED   0x30000000u
#define ROUNDS     10
#define TAG_HELLO  0x48454C4Fu
#define ELSE_RAN   0x7E577E57u

/* int t16_call(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4):
 * system call nr from Thumb code, its svc inside an ITE block; ELSE_RAN if the else arm ran. */
int t16_call(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);
/* Thread entry (Thumb): r0 = n, r1 = L4_TC_EXIT, r2 = L4_NILTHREAD, r3 = L4_SYS_THREAD_CONTROL.
 * Exits with 3n + 1 (n >= 1), counted in a loop. */
void t16_thread_entry(void);
/* int t16_faults(uint32_t unmapped): a load of `unmapped` in an ITE block, then UDF #1 (T16),
 * then UDF.W #2 (T32). Returns 77, or 82 if the block's else arm ran. */
int t16_faults(uint32_t unmapped);
extern char t16_load_insn[], t16_udf16_insn[], t16_udf32_insn[];

__asm__(
    "   .syntax unified\n"
    "   .section .text.t16_call, \"ax\", %progbits\n"
    "   .thumb\n"
    "   .global t16_call\n"
    "   .type t16_call, %function\n"
    "   .thumb_func\n"
    "   .p2align 1\n"
    "t16_call:\n"
    "   push    {r4-r7, lr}\n"          /* 5 words: a3 at sp+20, a4 at sp+24 */
    "   mov     r12, r0\n"
    "   movs    r0, r1\n"
    "   movs    r1, r2\n"
    "   movs    r2, r3\n"
    "   ldr     r3, [sp, #20]\n"
    "   ldr     r4, [sp, #24]\n"
    "   movs    r7, #0\n"
    "   cmp     r7, #0\n"               /* Z set: the then arm */
    "   ite     eq\n"
    "   svceq   #0\n"
    "   movne   r7, #1\n"               /* the else arm: never */
    "   cmp     r7, #0\n"
    "   beq     1f\n"
    "   ldr     r0, 2f\n"
    "1: pop     {r4-r7, pc}\n"
    "   .p2align 2\n"
    "2: .word   0x7E577E57\n"
    "   .size t16_call, . - t16_call\n"

    "   .section .text.t16_thread_entry, \"ax\", %progbits\n"
    "   .global t16_thread_entry\n"
    "   .type t16_thread_entry, %function\n"
    "   .thumb_func\n"
    "   .p2align 1\n"
    "t16_thread_entry:\n"
    "   movs    r4, #0\n"
    "   movs    r5, #1\n"
    "1: adds    r5, r5, #3\n"
    "   adds    r4, r4, #1\n"
    "   cmp     r4, r0\n"
    "   bne     1b\n"
    "   mov     r12, r3\n"
    "   mov     r0, r1\n"
    "   mov     r1, r2\n"
    "   mov     r2, r5\n"
    "   svc     #0\n"                   /* thread_control(EXIT, NIL, 3n + 1) */
    "3: b       3b\n"
    "   .size t16_thread_entry, . - t16_thread_entry\n"

    "   .section .text.t16_faults, \"ax\", %progbits\n"
    "   .global t16_faults, t16_load_insn, t16_udf16_insn, t16_udf32_insn\n"
    "   .type t16_faults, %function\n"
    "   .thumb_func\n"
    "   .p2align 1\n"
    "t16_faults:\n"
    "   movs    r3, #0\n"
    "   cmp     r3, #0\n"               /* Z set */
    "   ite     eq\n"
    "t16_load_insn:\n"
    "   ldreq   r1, [r0]\n"             /* data abort, skipped: ITSTATE moves to the else arm */
    "   movne   r3, #5\n"               /* the else arm: never */
    "   movs    r0, #77\n"
    "t16_udf16_insn:\n"
    "   udf     #1\n"                   /* skipped: 2 bytes */
    "t16_udf32_insn:\n"
    "   udf.w   #2\n"                   /* skipped: 4 bytes (its second halfword alone is adr r0: r0 would change) */
    "   adds    r0, r0, r3\n"
    "   bx      lr\n"
    "   .size t16_faults, . - t16_faults\n"
#ifdef __thumb__
    "   .thumb\n"
#else
    "   .arm\n"
#endif
    "   .text\n");

static volatile unsigned spins;
static l4_tid_t main_tid;

static int competitor(void *arg)
{
    (void)arg;
    while (spins < 0xFFFFFFFFu)
        spins++;
    return 0;
}

static void restarts(void)
{
    uint32_t pages = (l4_free_phys_size / L4_PAGE_SIZE) - 16;
    int other = l4_thread_start(competitor, 0, stack_top(0), 1, -1, 0);
    CHECK_TRUE("competitor started", other > 0);
    l4_printf("thumbsvc: %u pages at 0x%08x from a Thumb svc in an IT block, %d rounds\n", pages, WINDOW, ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
        int e = t16_call(L4_SYS_MAP, l4_free_phys_base, WINDOW, pages, L4_MAP_RW, L4_NILTHREAD);
        if (!CHECK_HEX("map", e, 0))
            break;
        unsigned bad = 0;
        for (uint32_t i = 0; i < pages; i++)
            *(volatile uint32_t *)(WINDOW + i * L4_PAGE_SIZE) = i ^ (uint32_t)round;
        for (uint32_t i = 0; i < pages; i++)
            bad += *(volatile uint32_t *)(WINDOW + i * L4_PAGE_SIZE) != (i ^ (uint32_t)round);
        CHECK("pages holding their own pattern", bad, 0);
        if (!CHECK_HEX("unmap", t16_call(L4_SYS_UNMAP, WINDOW, pages, L4_NILTHREAD, 0, 0), 0))
            break;
        CHECK("unmapped range refuses a second unmap",
              t16_call(L4_SYS_UNMAP, WINDOW, 1, L4_NILTHREAD, 0, 0), -L4_ENOMAP);
    }
    CHECK("destroy the competitor", l4_thread_control(L4_TC_DESTROY, (l4_tid_t)other, 0), 0);
}

static void thumb_entry(void)
{
    l4_printf("thumbsvc: a thread entered in Thumb state\n");
    int t = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    if (!CHECK("create", t > 0 ? 0 : t, 0))
        return;
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_R(2) | L4_EXREGS_VALID_R(3)
            | L4_EXREGS_VALID_SP | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = 20;
    r.r[1] = L4_TC_EXIT;
    r.r[2] = L4_NILTHREAD;
    r.r[3] = L4_SYS_THREAD_CONTROL;
    r.sp = (uint32_t)stack_top(1);
    r.pc = (uint32_t)t16_thread_entry;
    r.utcb = L4_UTCB_SLOT(2);
    CHECK_TRUE("a Thumb function's address has bit 0 set", (r.pc & 1) == 1);
    CHECK("write registers", l4_exchange_registers(&r, (l4_tid_t)t), 0);
    CHECK("read registers back", read_regs((l4_tid_t)t, &r), 0);
    CHECK_HEX("read pc: the Thumb address, bit 0 set", r.pc, (uint32_t)t16_thread_entry);
    CHECK("run", l4_run((l4_tid_t)t), 0);
    CHECK("exit code counted in Thumb state", l4_wait((l4_tid_t)t), 3 * 20 + 1);
}

static int faults_fn(void *arg)
{
    (void)arg;
    uint32_t mr[L4_MR_COUNT] = { TAG_HELLO, 0, 0, 0, 0, 0 };
    l4_call(main_tid, mr);
    return t16_faults(UNMAPPED);
}

static void faults(void)
{
    uint32_t mr[L4_MR_COUNT];
    l4_printf("thumbsvc: faults in Thumb code, skipped by the pager\n");
    int t = l4_thread_start(faults_fn, 0, stack_top(2), 3, -1, 0);
    if (!CHECK("start", t > 0 ? 0 : t, 0))
        return;
    memset(mr, 0, sizeof mr);
    if (!CHECK("receive hello", l4_receive((l4_tid_t)t, mr), 0) || !CHECK_HEX("hello tag", mr[0], TAG_HELLO))
        return;
    memset(mr, 0, sizeof mr);
    if (!CHECK("answer hello, receive the data abort", l4_ipc((l4_tid_t)t, (l4_tid_t)t, L4_IPC_SHORT, mr), 0))
        return;
    CHECK_HEX("data abort tag", mr[0], L4_FAULT_DATA_ABORT);
    CHECK_HEX("data abort address", mr[2], UNMAPPED);
    CHECK_HEX("data abort pc: the ldr in the IT block", mr[4], (uint32_t)t16_load_insn);
    CHECK("data abort is a read", mr[5], 0);

    memset(mr, 0, sizeof mr);
    mr[0] = L4_FAULT_REPLY_SKIP;
    if (!CHECK("skip the load, receive the 16-bit UDF", l4_ipc((l4_tid_t)t, (l4_tid_t)t, L4_IPC_SHORT, mr), 0))
        return;
    CHECK_HEX("UDF tag", mr[0], L4_FAULT_UNDEFINED);
    CHECK_HEX("UDF pc", mr[2], (uint32_t)t16_udf16_insn);
    CHECK_HEX("UDF: the T16 halfword", mr[3], 0xDE01u);

    memset(mr, 0, sizeof mr);
    mr[0] = L4_FAULT_REPLY_SKIP;
    if (!CHECK("skip it, receive the 32-bit UDF", l4_ipc((l4_tid_t)t, (l4_tid_t)t, L4_IPC_SHORT, mr), 0))
        return;
    CHECK_HEX("UDF.W tag", mr[0], L4_FAULT_UNDEFINED);
    CHECK_HEX("UDF.W pc: 2 bytes on", mr[2], (uint32_t)t16_udf32_insn);
    CHECK_HEX("UDF.W: both halfwords", mr[3], 0xF7F0A002u);

    memset(mr, 0, sizeof mr);
    mr[0] = L4_FAULT_REPLY_SKIP;
    CHECK("skip it", l4_send((l4_tid_t)t, mr), 0);
    CHECK("the thread ran on past 4 bytes, the else arm never ran", l4_wait((l4_tid_t)t), 77);
}

int main(void)
{
    main_tid = l4_myself();
    restarts();
    thumb_entry();
    faults();
    return finish("thumbsvc");
}
