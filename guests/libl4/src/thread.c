/*
 * thread.c - l4_thread_start/l4_thread_prepare (a thread in the caller's
 * space running fn(arg) on a given stack and UTCB slot), l4_thread_start_in
 * (the same in a copied space) and l4_self_priority.
 */
#include "l4/l4.h"

/* SCHED t to the highest priority the kernel accepts (= the controller's
 * own, the most it may give) with the given affinity. Returns it or -errno. */
static int sched_at_own_priority(l4_tid_t t, unsigned affinity)
{
    for (int p = L4_PRIO_MAX; p >= L4_PRIO_MIN; p--) {
        int e = l4_sched(t, (uint32_t)p, affinity);
        if (e == 0)
            return p;
        if (e != -L4_EPERM)
            return e;
    }
    return -L4_EPERM;
}

static int prepare_in(uint32_t space_flag, l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                      int prio, unsigned affinity)
{
    if (utcb_slot >= L4_UTCB_SLOTS || prio > L4_PRIO_MAX || affinity > L4_SCHED_AFFINITY_MASK)
        return -L4_EINVAL;
    int t = l4_thread_control(L4_TC_CREATE | space_flag, L4_NILTHREAD, L4_NILTHREAD);
    if (t < 0)
        return t;

    struct exregs r;
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_SP
            | L4_EXREGS_VALID_LR | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = (uint32_t)fn;
    r.r[1] = (uint32_t)arg;
    r.sp = (uint32_t)stack_top & ~7u;       /* AAPCS: 8-byte aligned at calls */
    r.lr = 0;
    r.pc = (uint32_t)l4_thread_entry;
    r.utcb = L4_UTCB_SLOT(utcb_slot);
    int e = l4_exchange_registers(&r, (l4_tid_t)t);
    if (e == 0 && prio >= 0)
        e = l4_sched((l4_tid_t)t, (uint32_t)prio, affinity);
    else if (e == 0 && affinity != 0) {
        e = sched_at_own_priority((l4_tid_t)t, affinity);
        if (e > 0)
            e = 0;
    }
    if (e < 0) {
        l4_destroy((l4_tid_t)t);
        return e;
    }
    return t;
}

int l4_thread_prepare(l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                      int prio, unsigned affinity)
{
    return prepare_in(L4_TC_SHARE_SPACE, fn, arg, stack_top, utcb_slot, prio, affinity);
}

int l4_thread_start_in(uint32_t space_flag, l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                       int prio, unsigned affinity)
{
    int t = prepare_in(space_flag, fn, arg, stack_top, utcb_slot, prio, affinity);
    if (t < 0)
        return t;
    int e = l4_run((l4_tid_t)t);
    if (e < 0) {
        l4_destroy((l4_tid_t)t);
        return e;
    }
    return t;
}

int l4_thread_start(l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                    int prio, unsigned affinity)
{
    int t = l4_thread_prepare(fn, arg, stack_top, utcb_slot, prio, affinity);
    if (t < 0)
        return t;
    int e = l4_run((l4_tid_t)t);
    if (e < 0) {
        l4_destroy((l4_tid_t)t);
        return e;
    }
    return t;
}

int l4_self_priority(void)
{
    int t = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    if (t < 0)
        return t;
    int p = sched_at_own_priority((l4_tid_t)t, 0);
    l4_destroy((l4_tid_t)t);
    return p;
}
