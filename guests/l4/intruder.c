/*
 * intruder.c - example (examples/isolation): a hostile container. It knows
 * the victim is container 1 and tries every system call against it: thread
 * control, exchange_registers, IPC, map and unmap into its space, granting it
 * caps, creating threads in its space, mapping every MiB of RAM that is not
 * its own, registering the UART's IRQ, and destroying, revoking and copying
 * caps by guessed ids. Every attempt must be refused (most with -ENOCAP);
 * it reports the first that is not and exits 1.
 */
#include "l4/l4.h"

#define VICTIM_CONTAINER 1
#define SCRATCH 0x40000000u

static uint32_t attempts, refused, nocap, allowed;
static struct l4_cap own[64];
static int own_count;

static void attempt(const char *what, uint32_t target, int result)
{
    attempts++;
    if (result < 0) {
        refused++;
        nocap += result == -L4_ENOCAP;
        return;
    }
    if (allowed++ < 8)
        l4_printf("intruder: ALLOWED %s on 0x%08x (result %d)\n", what, target, result);
}

static int is_own_cap(uint32_t id)
{
    for (int i = 0; i < own_count; i++)
        if (own[i].id == id)
            return 1;
    return 0;
}

static int is_own_frame(uint32_t pfn)
{
    for (int i = 0; i < own_count; i++)
        if (own[i].type == L4_CAPTYPE_PHYSMEM && pfn >= own[i].start && pfn < own[i].end)
            return 1;
    return 0;
}

int main(void)
{
    own_count = l4_cap_read(own, 64);
    uint32_t frame = l4_free_phys_base;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    struct exregs r;
    l4_printf("intruder: going after container %d\n", VICTIM_CONTAINER);
    for (uint32_t gen = 1; gen <= 5; gen += 2) {
        for (uint32_t slot = 1; slot <= 8; slot++) {
            l4_tid_t t = l4_make_tid(VICTIM_CONTAINER, gen, slot);
            attempt("run", t, l4_run(t));
            attempt("suspend", t, l4_suspend(t));
            attempt("destroy", t, l4_destroy(t));
            attempt("recycle", t, l4_recycle(t));
            attempt("sched", t, l4_sched(t, 0, 0));
            attempt("wait", t, l4_wait(t));
            memset(&r, 0, sizeof r);
            r.flags = L4_EXREGS_READ;
            attempt("exchange_registers read", t, l4_exchange_registers(&r, t));
            memset(&r, 0, sizeof r);
            r.valid = L4_EXREGS_VALID_PC;
            attempt("exchange_registers write", t, l4_exchange_registers(&r, t));
            attempt("ipc send", t, l4_ipc(t, L4_NILTHREAD, L4_IPC_SHORT, mr));
            attempt("ipc call", t, l4_ipc(t, t, L4_IPC_FULL, mr));
            attempt("create in its space", t, l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, t, L4_NILTHREAD));
            attempt("copy its space", t, l4_thread_control(L4_TC_CREATE | L4_TC_COPY_SPACE, t, L4_NILTHREAD));
            attempt("map into its space", t, l4_map(frame, SCRATCH, 1, L4_MAP_RW, t));
            attempt("unmap its code", t, l4_unmap(0x10000, 1, t));
            attempt("unmap its data", t, l4_unmap(0x11000, 16, t));
            if (own_count > 0)
                attempt("grant it a cap", t, l4_cap_grant(own[0].id, t));
            attempt("register it for the UART IRQ", t, l4_irq_register(L4_IRQ_UART0, t));
        }
    }
    /* every MiB of RAM that is not the intruder's own */
    for (uint32_t pa = 0x60000000u; pa < 0x70000000u; pa += 0x100000u) {
        if (!is_own_frame(pa >> 12))
            attempt("map RAM", pa, l4_map(pa, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD));
    }
    attempt("map the UART", L4_UART0_PHYS, l4_map(L4_UART0_PHYS, SCRATCH, 1, L4_MAP_KIND_IO, L4_NILTHREAD));
    attempt("register the UART IRQ", 37, l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD));
    /* caps by guessed ids: slots 1-128, the first generations */
    for (uint32_t gen = 1; gen <= 3; gen += 2) {
        for (uint32_t slot = 1; slot <= 128; slot++) {
            uint32_t id = gen << 16 | slot;
            if (is_own_cap(id))
                continue;
            attempt("destroy a cap", id, l4_cap_destroy(id));
            attempt("revoke a cap", id, l4_cap_revoke(id));
            attempt("replicate a cap", id, l4_cap_replicate(id));
            attempt("share a cap", id, l4_cap_share(id));
        }
    }
    l4_printf("intruder: %u attempts, %u refused (%u for want of a capability), %u allowed\n", attempts, refused,
              nocap, allowed);
    return allowed == 0 && nocap > 0 ? 0 : 1;
}
