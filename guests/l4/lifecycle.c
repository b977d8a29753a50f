/*
 * lifecycle.c - kernel test: a thread's whole life through thread_control
 * and exchange_registers. Create (share, new and copy space), registers
 * written and read back, run, suspend, resume, recycle, destroy, wait with
 * the exit code (low 8 bits), zombie reaping, exit; then the error paths of
 * docs/abi.md: bad actions, stale and forged ids (-ESRCH), controlling a
 * thread from a space without caps (-ENOCAP), exchange_registers on a runnable
 * thread (-EBUSY), bad UTCB addresses (-EINVAL), waits on non-children
 * (-ENOCHILD), on oneself (-EDEADLK) and on dead threads (-ESRCH), raising
 * a priority (-EPERM), an affinity naming no core (-EINVAL).
 * Returns the number of failures; each prints "FAIL <what>: got X want Y".
 */
#include "l4test.h"

extern char __text_start[], __text_end[];

static volatile uint32_t spin_go, spin_count, shared_word, zombie_flag, after_exit;

/* Counts and yields until spin_go is set; returns arg. */
static int spinner(void *arg)
{
    while (!spin_go) {
        spin_count++;
        l4_yield();
    }
    return (int)arg;
}

/* Like spinner, but never released (until suspended, recycled or destroyed). */
static int forever(void *arg)
{
    (void)arg;
    while (spin_count != 0xFFFFFFFFu) {
        spin_count++;
        l4_yield();
    }
    return 0;
}

static int returns_arg(void *arg) { return (int)arg; }

static int zombie(void *arg)
{
    zombie_flag = 1;
    l4_dmb();
    return (int)arg;
}

static int exits_early(void *arg)
{
    l4_exit((int)arg);
    after_exit = 1;         /* never reached */
    return 0;
}

static int writes_shared(void *arg)
{
    shared_word = 0xC0FFEEu;
    return (int)arg;
}

/* Wait (yielding) until spin_count moves past `from`; 1 if it did. */
static int counting_past(uint32_t from)
{
    for (unsigned n = 0; n < 1000000; n++) {
        if (spin_count > from)
            return 1;
        l4_yield();
    }
    return 0;
}

static int set_start_regs(l4_tid_t t, l4_thread_fn fn, uint32_t arg, unsigned stack, unsigned slot)
{
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_SP | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = (uint32_t)fn;
    r.r[1] = arg;
    r.sp = (uint32_t)stack_top(stack);
    r.pc = (uint32_t)l4_thread_entry;
    r.utcb = L4_UTCB_SLOT(slot);
    return l4_exchange_registers(&r, t);
}

static int create(uint32_t space_flag)
{
    return l4_thread_control(L4_TC_CREATE | space_flag, L4_NILTHREAD, L4_NILTHREAD);
}

static int set_utcb(l4_tid_t t, uint32_t utcb)
{
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_SET_UTCB;
    r.utcb = utcb;
    return l4_exchange_registers(&r, t);
}

/* A thread in a copied space holds none of main's caps: every control of
 * another thread is -ENOCAP; it may still lower its own priority. */
static volatile uint32_t nocaps_target;
static volatile int32_t nocaps_result[10];

static int nocaps(void *arg)
{
    (void)arg;
    l4_tid_t v = (l4_tid_t)nocaps_target;
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_READ;
    nocaps_result[0] = l4_run(v);
    nocaps_result[1] = l4_suspend(v);
    nocaps_result[2] = l4_recycle(v);
    nocaps_result[3] = l4_destroy(v);
    nocaps_result[4] = l4_sched(v, 0, 0);
    nocaps_result[5] = l4_exchange_registers(&r, v);
    nocaps_result[6] = l4_wait(v);
    nocaps_result[7] = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    nocaps_result[8] = l4_thread_control(L4_TC_CREATE | L4_TC_NEW_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    nocaps_result[9] = l4_sched(L4_NILTHREAD, 0, 0);
    return 0;
}

int main(void)
{
    uint32_t space = 0, container = 0;
    l4_tid_t pager = 0;
    l4_tid_t me = l4_getid(&space, &container, &pager);
    uint32_t cores = l4_kip_cores();
    struct exregs r;

    l4_printf("lifecycle: root 0x%08x, container %u, %u core%s\n", me, container, cores,
              cores == 1 ? "" : "s");
    CHECK_HEX("getid = start-up r2", me, l4_root_tid);
    CHECK("container field of own id", l4_tid_container(me), container);
    CHECK_TRUE("own id is positive", (int32_t)me > 0);

    /* ---- create (share space), registers written and read back ---------- */
    l4_printf("lifecycle: create, exchange_registers\n");
    int t = create(L4_TC_SHARE_SPACE);
    if (!CHECK("create (share space)", t > 0 ? 0 : t, 0))
        return finish("lifecycle");
    CHECK("new id's container", l4_tid_container((l4_tid_t)t), container);
    CHECK_TRUE("new id differs from own", (l4_tid_t)t != me);
    CHECK("read a new thread", read_regs((l4_tid_t)t, &r), 0);
    CHECK_HEX("new thread's pager (NIL = creator)", r.pager, me);

    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_R(2)
            | L4_EXREGS_VALID_SP | L4_EXREGS_VALID_LR | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = (uint32_t)spinner;
    r.r[1] = 42;
    r.r[2] = 0x12345678u;
    r.sp = (uint32_t)stack_top(0);
    r.lr = 0;
    r.pc = (uint32_t)l4_thread_entry;
    r.utcb = L4_UTCB_SLOT(2);
    CHECK("write registers", l4_exchange_registers(&r, (l4_tid_t)t), 0);
    CHECK("read registers back", read_regs((l4_tid_t)t, &r), 0);
    CHECK_HEX("read pc", r.pc, (uint32_t)l4_thread_entry);
    CHECK_HEX("read sp", r.sp, (uint32_t)stack_top(0));
    CHECK_HEX("read r0", r.r[0], (uint32_t)spinner);
    CHECK_HEX("read r1", r.r[1], 42);
    CHECK_HEX("read r2", r.r[2], 0x12345678u);
    CHECK_HEX("read utcb", r.utcb, L4_UTCB_SLOT(2));
    CHECK_HEX("read pager", r.pager, me);
    /* only registers with a valid bit change */
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(2);
    r.r[0] = 0xDEADDEADu;
    r.r[2] = 0xCAFEF00Du;
    CHECK("write r2 only", l4_exchange_registers(&r, (l4_tid_t)t), 0);
    CHECK("read after partial write", read_regs((l4_tid_t)t, &r), 0);
    CHECK_HEX("r2 written", r.r[2], 0xCAFEF00Du);
    CHECK_HEX("r0 untouched (valid bit clear)", r.r[0], (uint32_t)spinner);
    CHECK_HEX("pc untouched", r.pc, (uint32_t)l4_thread_entry);

    /* ---- run, -EBUSY, suspend, resume, wait ------------------------------ */
    l4_printf("lifecycle: run, suspend, resume, wait\n");
    spin_go = 0;
    spin_count = 0;
    CHECK("run", l4_run((l4_tid_t)t), 0);
    CHECK_TRUE("thread runs", counting_past(0));
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(2);
    CHECK("exchange_registers write on a runnable thread", l4_exchange_registers(&r, (l4_tid_t)t), -L4_EBUSY);
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_READ;
    CHECK("exchange_registers read on a runnable thread", l4_exchange_registers(&r, (l4_tid_t)t), -L4_EBUSY);
    CHECK("suspend", l4_suspend((l4_tid_t)t), 0);
    CHECK("read a suspended thread", read_regs((l4_tid_t)t, &r), 0);
    CHECK_TRUE("suspended pc inside the program text",
               r.pc >= (uint32_t)__text_start && r.pc < (uint32_t)__text_end);
    CHECK_TRUE("suspended sp inside its stack",
               r.sp > (uint32_t)stack_top(0) - TEST_STACK_SIZE && r.sp <= (uint32_t)stack_top(0));
    uint32_t frozen = spin_count;
    settle(2);
    CHECK("a suspended thread does not run", spin_count, frozen);
    CHECK("resume (run again)", l4_run((l4_tid_t)t), 0);
    CHECK_TRUE("resumed thread runs", counting_past(frozen));
    spin_go = 1;
    CHECK("wait: exit code", l4_wait((l4_tid_t)t), 42);
    CHECK("wait on a reaped thread", l4_wait((l4_tid_t)t), -L4_ESRCH);
    CHECK("run a reaped (stale) id", l4_run((l4_tid_t)t), -L4_ESRCH);
    CHECK("destroy a stale id", l4_destroy((l4_tid_t)t), -L4_ESRCH);
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_READ;
    CHECK("exchange_registers on a stale id", l4_exchange_registers(&r, (l4_tid_t)t), -L4_ESRCH);

    /* ---- exit codes, explicit exit, zombie ------------------------------- */
    l4_printf("lifecycle: exit codes, zombie\n");
    t = l4_thread_start(returns_arg, (void *)0x1234, stack_top(1), 3, -1, 0);
    if (CHECK("start (exit code 0x1234)", t > 0 ? 0 : t, 0))
        CHECK("only the low 8 bits of an exit code", l4_wait((l4_tid_t)t), 0x34);
    after_exit = 0;
    t = l4_thread_start(exits_early, (void *)5, stack_top(1), 3, -1, 0);
    if (CHECK("start (explicit exit)", t > 0 ? 0 : t, 0)) {
        CHECK("explicit exit code", l4_wait((l4_tid_t)t), 5);
        CHECK("nothing runs after exit", after_exit, 0);
    }
    zombie_flag = 0;
    t = l4_thread_start(zombie, (void *)7, stack_top(1), 3, -1, 0);
    if (CHECK("start (zombie)", t > 0 ? 0 : t, 0)) {
        CHECK_TRUE("zombie-to-be ran", wait_flag(&zombie_flag, 1, 1000000));
        settle(2);                          /* it has exited by now */
        CHECK("wait on a zombie", l4_wait((l4_tid_t)t), 7);
        CHECK("wait on it again", l4_wait((l4_tid_t)t), -L4_ESRCH);
    }

    /* ---- recycle ----------------------------------------------------------- */
    l4_printf("lifecycle: recycle\n");
    spin_count = 0;
    t = l4_thread_start(forever, 0, stack_top(2), 4, -1, 0);
    if (CHECK("start (to recycle)", t > 0 ? 0 : t, 0)) {
        CHECK_TRUE("it runs", counting_past(0));
        CHECK("suspend before recycle", l4_suspend((l4_tid_t)t), 0);
        CHECK("read it suspended", read_regs((l4_tid_t)t, &r), 0);
        CHECK("recycle", l4_recycle((l4_tid_t)t), 0);
        CHECK("read a recycled thread", read_regs((l4_tid_t)t, &r), 0);
        CHECK_HEX("recycled pc cleared", r.pc, 0);
        CHECK_HEX("recycled sp cleared", r.sp, 0);
        CHECK_HEX("recycled r0 cleared", r.r[0], 0);
        CHECK_HEX("recycled r1 cleared", r.r[1], 0);
        CHECK_HEX("recycled thread keeps its pager", r.pager, me);
        CHECK("recycled thread takes new registers", set_start_regs((l4_tid_t)t, returns_arg, 9, 2, 4), 0);
        CHECK("run the recycled thread (same id)", l4_run((l4_tid_t)t), 0);
        CHECK("wait on the recycled thread", l4_wait((l4_tid_t)t), 9);
    }

    /* ---- destroy ----------------------------------------------------------- */
    l4_printf("lifecycle: destroy\n");
    spin_count = 0;
    t = l4_thread_start(forever, 0, stack_top(3), 5, -1, 0);
    if (CHECK("start (to destroy)", t > 0 ? 0 : t, 0)) {
        CHECK_TRUE("it runs", counting_past(0));
        CHECK("destroy a running thread", l4_destroy((l4_tid_t)t), 0);
        CHECK("run a destroyed thread", l4_run((l4_tid_t)t), -L4_ESRCH);
        CHECK("wait on a destroyed child", l4_wait((l4_tid_t)t), -L4_ESRCH);
        memset(&r, 0, sizeof r);
        r.flags = L4_EXREGS_READ;
        CHECK("exchange_registers on a destroyed thread", l4_exchange_registers(&r, (l4_tid_t)t), -L4_ESRCH);
        settle(1);
        uint32_t frozen2 = spin_count;
        settle(2);
        CHECK("a destroyed thread does not run", spin_count, frozen2);
    }

    /* ---- new space ---------------------------------------------------------- */
    l4_printf("lifecycle: new space, copy space\n");
    t = create(L4_TC_NEW_SPACE);
    if (CHECK("create (new space)", t > 0 ? 0 : t, 0)) {
        uint32_t frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
        CHECK("read a new-space thread", read_regs((l4_tid_t)t, &r), 0);
        CHECK_HEX("its pager", r.pager, me);
        CHECK("map into the new space", l4_map(frame, 0x10000, 1, L4_MAP_RW, (l4_tid_t)t), 0);
        CHECK("map there again", l4_map(frame, 0x10000, 1, L4_MAP_RW, (l4_tid_t)t), -L4_EEXIST);
        CHECK("unmap from the new space", l4_unmap(0x10000, 1, (l4_tid_t)t), 0);
        CHECK("unmap the hole", l4_unmap(0x10000, 1, (l4_tid_t)t), -L4_ENOMAP);
        CHECK("destroy the new-space thread", l4_destroy((l4_tid_t)t), 0);
    }

    /* ---- copy space: same frames, so its write is ours ---------------------- */
    shared_word = 0;
    t = create(L4_TC_COPY_SPACE);
    if (CHECK("create (copy space)", t > 0 ? 0 : t, 0)) {
        CHECK("set copy's registers", set_start_regs((l4_tid_t)t, writes_shared, 11, 4, 6), 0);
        CHECK("run the copy", l4_run((l4_tid_t)t), 0);
        CHECK("wait on the copy", l4_wait((l4_tid_t)t), 11);
        l4_dmb();
        CHECK_HEX("copy space shares the data frames", shared_word, 0xC0FFEEu);
    }

    /* ---- bad actions, forged and foreign ids -------------------------------- */
    l4_printf("lifecycle: error paths\n");
    int t7 = create(L4_TC_SHARE_SPACE);
    if (!CHECK("create (error-path target)", t7 > 0 ? 0 : t7, 0))
        return finish("lifecycle");
    l4_tid_t v = (l4_tid_t)t7;
    CHECK("action 8", l4_thread_control(8, v, 0), -L4_EINVAL);
    CHECK("action 0xFF", l4_thread_control(0xFF, v, 0), -L4_EINVAL);
    CHECK("create with an unknown space flag",
          l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE | 0x400, L4_NILTHREAD, L4_NILTHREAD), -L4_EINVAL);
    int t8 = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, v, me);
    if (CHECK("create sharing another thread's space", t8 > 0 ? 0 : t8, 0))
        CHECK("destroy it", l4_destroy((l4_tid_t)t8), 0);

    uint32_t gen = l4_tid_generation(v), slot = l4_tid_slot(v);
    l4_tid_t forged_gen = l4_make_tid(container, gen + 1, slot);
    l4_tid_t forged_slot = l4_make_tid(container, 0, 4095);
    l4_tid_t foreign_ctr = l4_make_tid(container == 1 ? 2 : 1, gen, slot);
    CHECK("run, wrong generation", l4_run(forged_gen), -L4_ESRCH);
    CHECK("run, unused slot", l4_run(forged_slot), -L4_ESRCH);
    CHECK("run, other container", l4_run(foreign_ctr), -L4_ESRCH);
    CHECK("run, id 0", l4_run(0), -L4_ESRCH);
    CHECK("suspend, wrong generation", l4_suspend(forged_gen), -L4_ESRCH);
    CHECK("sched, wrong generation", l4_sched(forged_gen, 0, 0), -L4_ESRCH);
    CHECK("wait, wrong generation", l4_wait(forged_gen), -L4_ESRCH);
    CHECK("create sharing a forged thread's space",
          l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, forged_gen, L4_NILTHREAD), -L4_ESRCH);
    CHECK("create with a forged pager",
          l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, forged_gen), -L4_ESRCH);
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_SET_PAGER;
    r.pager = forged_gen;
    CHECK("set a forged pager", l4_exchange_registers(&r, v), -L4_ESRCH);

    /* ---- without a thread-control cap: -ENOCAP; not a child: -ENOCHILD -------- */
    nocaps_target = v;
    CHECK("a thread without caps ran", without_caps(nocaps, 0, 5, 7), 0);
    CHECK("no cap: run", nocaps_result[0], -L4_ENOCAP);
    CHECK("no cap: suspend", nocaps_result[1], -L4_ENOCAP);
    CHECK("no cap: recycle", nocaps_result[2], -L4_ENOCAP);
    CHECK("no cap: destroy", nocaps_result[3], -L4_ENOCAP);
    CHECK("no cap: sched", nocaps_result[4], -L4_ENOCAP);
    CHECK("no cap: exchange_registers", nocaps_result[5], -L4_ENOCAP);
    CHECK("no cap: wait", nocaps_result[6], -L4_ENOCAP);
    CHECK("no cap: create in its own space", nocaps_result[7], -L4_ENOCAP);
    CHECK("no cap: create in a new space", nocaps_result[8], -L4_ENOCAP);
    CHECK("no cap: but it may end itself", nocaps_result[9], 0);
    l4_tid_t f = foreign_start(L4_TC_SHARE_SPACE, 5, 7);
    if (f != L4_NILTHREAD) {
        CHECK("wait on a thread that is not a child", l4_wait(f), -L4_ENOCHILD);
        foreign_stop();
        CHECK("run it after its pager destroyed it", l4_run(f), -L4_ESRCH);
    }
    CHECK("wait on oneself", l4_wait(me), -L4_EDEADLK);

    /* ---- UTCB addresses --------------------------------------------------------- */
    CHECK("UTCB not 256-aligned", set_utcb(v, L4_UTCB_PAGE + 0x80), -L4_EINVAL);
    CHECK("UTCB not word-aligned", set_utcb(v, L4_UTCB_PAGE + 1), -L4_EINVAL);
    CHECK("UTCB in the kernel half", set_utcb(v, 0x80000000u), -L4_EINVAL);
    CHECK("UTCB at the KIP", set_utcb(v, L4_KIP_ADDR), -L4_EINVAL);
    CHECK("UTCB at 0xFFFFFF00", set_utcb(v, 0xFFFFFF00u), -L4_EINVAL);
    CHECK("good UTCB", set_utcb(v, L4_UTCB_SLOT(9)), 0);
    CHECK("read it", read_regs(v, &r), 0);
    CHECK_HEX("UTCB set", r.utcb, L4_UTCB_SLOT(9));

    /* ---- priorities and affinity ------------------------------------------------ */
    int prio = l4_self_priority();
    l4_printf("lifecycle: own priority %d\n", prio);
    if (CHECK_TRUE("own priority found", prio >= 0 && prio <= L4_PRIO_MAX)) {
        CHECK("sched a thread to one's own priority", l4_sched(v, (uint32_t)prio, 0), 0);
        if (prio < L4_PRIO_MAX)
            CHECK("sched a thread above one's own priority", l4_sched(v, (uint32_t)prio + 1, 0), -L4_EPERM);
        if (prio > 0) {
            CHECK("lower one's own priority", l4_sched(me, (uint32_t)prio - 1, 0), 0);
            CHECK("own priority after lowering", l4_self_priority(), prio - 1);
            CHECK("raise one's own priority", l4_sched(me, (uint32_t)prio, 0), -L4_EPERM);
            CHECK("sched a thread above the lowered priority", l4_sched(v, (uint32_t)prio, 0), -L4_EPERM);
            prio--;
        }
        if (cores < 4)
            CHECK("affinity naming no core", l4_sched(v, (uint32_t)prio, 1u << cores), -L4_EINVAL);
        else
            l4_printf("lifecycle: 4 cores: every affinity mask names a core (no -EINVAL case)\n");
        CHECK("affinity core 0", l4_sched(v, (uint32_t)prio, 1), 0);
    }
    CHECK("destroy the error-path target", l4_destroy(v), 0);
    CHECK("destroy it twice", l4_destroy(v), -L4_ESRCH);
    return finish("lifecycle");
}
