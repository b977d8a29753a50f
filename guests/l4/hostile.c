/*
 * hostile.c - kernel test: every system call fed hostile arguments, each
 * checked for the exact error docs/abi.md gives: bad pointers (0, crossing
 * into the kernel half, the read-only KIP or text for a write, 0xFFFFFFFF,
 * unmapped pages), forged, stale, foreign, NIL and ANY ids where no thread
 * is allowed, huge sizes, unaligned addresses, physical ranges outside the
 * container, bad flags and ops, setting the time, unknown call numbers; for
 * ipc also bad flags words, extended sizes over 2048, extended buffers that
 * are unmapped, read-only or cross into the kernel half, the full tier with
 * the caller's UTCB unmapped, and calls to oneself.
 * Prints "hostile: all refused" and returns 0 when every answer matched;
 * otherwise one "FAIL <what>: got X want Y" line per mismatch.
 */
#include "l4test.h"

#define UNMAPPED     0x30000000u    /* never mapped in the root's space */
#define SCRATCH      0x40000000u    /* virtual area the tests map into */

extern char __text_start[];

/* read-only data: lives in the R X text segment */
static const uint32_t ro_words[32] __attribute__((aligned(256))) = { 7 };
static volatile uint32_t word __attribute__((aligned(8)));
static uint8_t buf[64] __attribute__((aligned(8)));

static int exregs_at(uint32_t addr, l4_tid_t t)
{
    return l4_exchange_registers((struct exregs *)addr, t);
}

static int exregs_read(struct exregs *r, l4_tid_t t)
{
    memset(r, 0, sizeof *r);
    r->flags = L4_EXREGS_READ;
    return l4_exchange_registers(r, t);
}

/* A thread in a copied space holds none of main's caps (only the container's:
 * IPC to the root, mutexes, pools): every call that needs one is -ENOCAP. */
static volatile uint32_t nocaps_frame;
static volatile l4_tid_t nocaps_sibling;
static volatile int32_t nocaps_result[8];

static int nocaps(void *arg)
{
    (void)arg;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    nocaps_result[0] = l4_map(nocaps_frame, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD);
    nocaps_result[1] = l4_map(nocaps_frame, SCRATCH, 1, L4_MAP_RW, l4_root_tid);
    nocaps_result[2] = l4_unmap((uint32_t)__text_start & ~0xFFFu, 1, l4_root_tid);
    nocaps_result[3] = l4_cache_control(0x10000, 0x11000, 0);
    nocaps_result[4] = l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD);
    nocaps_result[5] = l4_cap_count();
    nocaps_result[6] = l4_ipc(nocaps_sibling, L4_NILTHREAD, L4_IPC_SHORT, mr);
    nocaps_result[7] = l4_console_write("no caps\n", 8) + 1;
    return 0;
}

int main(void)
{
    uint32_t container = 0;
    l4_tid_t me = l4_getid(0, &container, 0);
    uint32_t mr[L4_MR_COUNT];
    struct exregs r;
    uint32_t frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);

    l4_printf("hostile: root 0x%08x, free memory 0x%08x (%u KiB)\n", me, l4_free_phys_base,
              l4_free_phys_size / 1024);
    CHECK_TRUE("at least 4 free pages", l4_free_phys_size >= 5 * L4_PAGE_SIZE);

    int vt = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    if (!CHECK("create a target thread", vt > 0 ? 0 : vt, 0))
        return finish("hostile");
    l4_tid_t v = (l4_tid_t)vt;
    int dead = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    CHECK("create a thread to destroy", dead > 0 ? 0 : dead, 0);
    CHECK("destroy it", l4_destroy((l4_tid_t)dead), 0);
    l4_tid_t stale = (l4_tid_t)dead;
    l4_tid_t forged = l4_make_tid(container, l4_tid_generation(v) + 1, l4_tid_slot(v));
    l4_tid_t foreign = l4_make_tid(container == 1 ? 2 : 1, l4_tid_generation(v), l4_tid_slot(v));

    /* ---- unknown call numbers ------------------------------------------------ */
    l4_printf("hostile: unknown calls\n");
    CHECK("call 14", l4_syscall(14, 0, 0, 0, 0, 0), -L4_ENOSYS);
    CHECK("call 15", l4_syscall(15, 0, 0, 0, 0, 0), -L4_ENOSYS);
    CHECK("call 255", l4_syscall(255, 0, 0, 0, 0, 0), -L4_ENOSYS);
    CHECK("call 0x80000000", l4_syscall(0x80000000u, 0, 0, 0, 0, 0), -L4_ENOSYS);
    CHECK("call 0xFFFFFFFF", l4_syscall(0xFFFFFFFFu, 1, 2, 3, 4, 5), -L4_ENOSYS);
    CHECK("capability_control op 9", l4_capability_control(9, 0, 0, 0, 0), -L4_EINVAL);
    CHECK("capability_control op 0xFFFFFFFF", l4_capability_control(0xFFFFFFFFu, 0, 0, 0, 0), -L4_EINVAL);
    CHECK_TRUE("capability_control count", l4_cap_count() > 0);
    CHECK("cap read into address 0", l4_cap_read((struct l4_cap *)0, 4), -L4_EFAULT);
    CHECK("cap read into the kernel half", l4_cap_read((struct l4_cap *)0x80000000u, 1), -L4_EFAULT);
    CHECK("cap read of 0 entries", l4_cap_read((struct l4_cap *)0, 0), 0);
    CHECK("cap destroy of id 0", l4_cap_destroy(0), -L4_ESRCH);
    CHECK("cap destroy of a forged id", l4_cap_destroy(0x7FFF0001u), -L4_ESRCH);
    CHECK("cap replicate of a forged id", l4_cap_replicate(0x12345678u), -L4_ESRCH);
    CHECK("cap revoke of a forged id", l4_cap_revoke(0xFFFFFFFFu), -L4_ESRCH);
    CHECK("cap deduce of a forged id", l4_cap_deduce(0x7FFF0001u, (struct l4_cap *)0), -L4_ESRCH);
    static struct l4_cap caps[4];
    if (CHECK_TRUE("cap read", l4_cap_read(caps, 4) > 0))
        CHECK("cap deduce from address 0", l4_cap_deduce(caps[0].id, (struct l4_cap *)0), -L4_EFAULT);
    CHECK("cap grant to a forged thread", l4_cap_grant(0x7FFF0001u, forged), -L4_ESRCH);
    CHECK("container_control", l4_container_control(0, 0, 0, 0, 0), -L4_ENOSYS);
    CHECK("irq_control: register irq 0 (not an SPI)", l4_irq_control(L4_IRQ_REGISTER, 0, L4_NILTHREAD), -L4_ENOIRQ);

    /* ---- ipc ------------------------------------------------------------------- */
    l4_printf("hostile: ipc\n");
    memset(mr, 0, sizeof mr);
    CHECK("ipc send to a forged id", l4_ipc(forged, L4_NILTHREAD, 0, mr), -L4_ESRCH);
    CHECK("ipc send to another container", l4_ipc(foreign, L4_NILTHREAD, 0, mr), -L4_ESRCH);
    CHECK("ipc send to a stale id", l4_ipc(stale, L4_NILTHREAD, 0, mr), -L4_ESRCH);
    CHECK("ipc send to ANY", l4_ipc(L4_ANYTHREAD, L4_NILTHREAD, 0, mr), -L4_ESRCH);
    CHECK("ipc send to id 0", l4_ipc(0, L4_NILTHREAD, 0, mr), -L4_ESRCH);
    CHECK("ipc receive from a forged id", l4_ipc(L4_NILTHREAD, forged, 0, mr), -L4_ESRCH);
    CHECK("ipc receive from a stale id", l4_ipc(L4_NILTHREAD, stale, 0, mr), -L4_ESRCH);
    CHECK("ipc call to a forged id", l4_ipc(forged, forged, 0, mr), -L4_ESRCH);
    CHECK("ipc tier 3", l4_ipc(L4_NILTHREAD, L4_NILTHREAD, 3, mr), -L4_EINVAL);
    CHECK("ipc full send to ANY", l4_ipc(L4_ANYTHREAD, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_ESRCH);
    mr[5] = (uint32_t)buf;
    CHECK("ipc extended send to ANY", l4_ipc(L4_ANYTHREAD, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK("ipc call to ANY", l4_ipc(L4_ANYTHREAD, L4_ANYTHREAD, L4_IPC_SHORT, mr), -L4_ESRCH);
    CHECK("ipc full call to ANY", l4_ipc(L4_ANYTHREAD, L4_ANYTHREAD, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK("ipc extended send to a stale id", l4_ipc(stale, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK("ipc full receive from a forged id", l4_ipc(L4_NILTHREAD, forged, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK("ipc no send and no receive, extended", l4_ipc(L4_NILTHREAD, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr),
          -L4_EINVAL);
    memset(mr, 0, sizeof mr);

    /* ---- thread_switch: a yield, to NIL or a thread that exists ------------------- */
    CHECK("thread_switch to a forged id", l4_thread_switch(forged), -L4_ESRCH);
    CHECK("thread_switch to NIL", l4_thread_switch(L4_NILTHREAD), 0);

    /* ---- thread_control ---------------------------------------------------------- */
    l4_printf("hostile: thread_control\n");
    CHECK("action 0xFFFFFFFF", l4_thread_control(0xFFFFFFFFu, v, 0), -L4_EINVAL);
    CHECK("action 0x12345678", l4_thread_control(0x12345678u, v, 0), -L4_EINVAL);
    CHECK("run NIL", l4_run(L4_NILTHREAD), -L4_ESRCH);
    CHECK("run ANY", l4_run(L4_ANYTHREAD), -L4_ESRCH);
    CHECK("wait NIL", l4_wait(L4_NILTHREAD), -L4_ESRCH);
    CHECK("wait ANY", l4_wait(L4_ANYTHREAD), -L4_ESRCH);
    CHECK("suspend ANY", l4_suspend(L4_ANYTHREAD), -L4_ESRCH);
    CHECK("destroy ANY", l4_destroy(L4_ANYTHREAD), -L4_ESRCH);
    CHECK("recycle a stale id", l4_recycle(stale), -L4_ESRCH);
    CHECK("run another container's id", l4_run(foreign), -L4_ESRCH);
    CHECK("create sharing ANY's space",
          l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_ANYTHREAD, L4_NILTHREAD), -L4_ESRCH);
    CHECK("create with pager ANY",
          l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_ANYTHREAD), -L4_ESRCH);
    CHECK("create with a stale pager",
          l4_thread_control(L4_TC_CREATE | L4_TC_NEW_SPACE, L4_NILTHREAD, stale), -L4_ESRCH);

    /* ---- exchange_registers: pointers and ids -------------------------------------- */
    l4_printf("hostile: exchange_registers\n");
    CHECK("exregs from address 0", exregs_at(0, v), -L4_EFAULT);
    CHECK("exregs from 0x7FFFFFFC (crosses into the kernel half)", exregs_at(0x7FFFFFFCu, v), -L4_EFAULT);
    CHECK("exregs from 0x80000000", exregs_at(0x80000000u, v), -L4_EFAULT);
    CHECK("exregs from 0xFFFFFFFF", exregs_at(0xFFFFFFFFu, v), -L4_EFAULT);
    CHECK("exregs from an unmapped page", exregs_at(UNMAPPED, v), -L4_EFAULT);
    /* read form: the kernel must be able to write all 80 bytes */
    /* the KIP read as a struct exregs has flags = version = 1 = READ */
    CHECK("exregs read into the KIP", exregs_at(L4_KIP_ADDR, v), -L4_EFAULT);
    /* a read-only structure asking for READ: reads fine, cannot be written */
    {
        static const struct exregs ro_read = { .flags = L4_EXREGS_READ };
        CHECK("exregs read into read-only data", l4_exchange_registers((struct exregs *)&ro_read, v),
              -L4_EFAULT);
    }
    CHECK("exregs read on NIL", exregs_read(&r, L4_NILTHREAD), -L4_ESRCH);
    CHECK("exregs read on ANY", exregs_read(&r, L4_ANYTHREAD), -L4_ESRCH);
    CHECK("exregs read on a forged id", exregs_read(&r, forged), -L4_ESRCH);
    CHECK("exregs read on a stale id", exregs_read(&r, stale), -L4_ESRCH);
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_SET_PAGER;
    r.pager = L4_ANYTHREAD;
    CHECK("exregs pager ANY", l4_exchange_registers(&r, v), -L4_ESRCH);
    r.pager = stale;
    CHECK("exregs stale pager", l4_exchange_registers(&r, v), -L4_ESRCH);
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_SET_UTCB;
    r.utcb = 0xFFFFFF00u;
    CHECK("exregs UTCB in the kernel half", l4_exchange_registers(&r, v), -L4_EINVAL);
    r.utcb = UNMAPPED;
    CHECK("exregs UTCB unmapped but aligned (accepted; used only by full IPC)",
          l4_exchange_registers(&r, v), 0);

    /* ---- map ------------------------------------------------------------------------ */
    l4_printf("hostile: map\n");
    CHECK("map virt unaligned", l4_map(frame, SCRATCH + 4, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map phys unaligned", l4_map(frame + 4, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map virt page 0", l4_map(frame, 0, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map virt 0x80000000", l4_map(frame, 0x80000000u, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map virt 0xFFFFF000", l4_map(frame, 0xFFFFF000u, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map virt range crossing 0x80000000", l4_map(frame, 0x7FFFF000u, 2, L4_MAP_RW, L4_NILTHREAD),
          -L4_EINVAL);
    CHECK("map 0x7FFFFFFF pages", l4_map(frame, SCRATCH, 0x7FFFFFFFu, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map 0x100000 pages (wraps)", l4_map(frame, SCRATCH, 0x100000u, L4_MAP_RW, L4_NILTHREAD),
          -L4_EINVAL);
    CHECK("map 0xFFFFFFFF pages", l4_map(frame, SCRATCH, 0xFFFFFFFFu, L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map phys 0x60000000 (kernel RAM)", l4_map(0x60000000u, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD),
          -L4_ENOCAP);
    CHECK("map phys 0xFFFFF000", l4_map(0xFFFFF000u, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD), -L4_ENOCAP);
    CHECK("map phys 0", l4_map(0, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD), -L4_ENOCAP);
    CHECK("map 1 GiB of phys from the free base (beyond the container)",
          l4_map(frame, SCRATCH, 0x40000u, L4_MAP_RW, L4_NILTHREAD), -L4_ENOCAP);
    CHECK("map RAM as IO (no uncached right on it)", l4_map(frame, SCRATCH, 1, L4_MAP_KIND_IO, L4_NILTHREAD),
          -L4_ENOCAP);
    CHECK("map the UART executable", l4_map(L4_UART0_PHYS, SCRATCH, 1, L4_MAP_RX, L4_NILTHREAD), -L4_ENOCAP);
    CHECK("map flags 0", l4_map(frame, SCRATCH, 1, 0, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map flags write-only", l4_map(frame, SCRATCH, 1, L4_MAP_WRITE, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map flags WX", l4_map(frame, SCRATCH, 1, L4_MAP_WRITE | L4_MAP_EXEC, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map flags IO|R", l4_map(frame, SCRATCH, 1, L4_MAP_IO | L4_MAP_READ, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map flags IO|RWX", l4_map(frame, SCRATCH, 1, L4_MAP_IO | L4_MAP_RWX, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map flags 0x10", l4_map(frame, SCRATCH, 1, 0x10 | L4_MAP_RW, L4_NILTHREAD), -L4_EINVAL);
    CHECK("map into a forged id", l4_map(frame, SCRATCH, 1, L4_MAP_RW, forged), -L4_ESRCH);
    CHECK("map into ANY", l4_map(frame, SCRATCH, 1, L4_MAP_RW, L4_ANYTHREAD), -L4_ESRCH);
    CHECK("map into a stale id", l4_map(frame, SCRATCH, 1, L4_MAP_RW, stale), -L4_ESRCH);
    CHECK("map over the program text", l4_map(frame, (uint32_t)__text_start & ~0xFFFu, 1, L4_MAP_RO,
                                              L4_NILTHREAD), -L4_EEXIST);
    CHECK("map over the UTCB page", l4_map(frame, L4_UTCB_PAGE, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EEXIST);
    /* a good one, used */
    if (CHECK("map a free frame", l4_map(frame, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD), 0)) {
        volatile uint32_t *p = (volatile uint32_t *)SCRATCH;
        p[0] = 0x600DF00Du;
        p[1023] = 0x12345678u;
        CHECK_HEX("mapped page holds a write", p[0] ^ p[1023], 0x600DF00Du ^ 0x12345678u);
        CHECK("map it again", l4_map(frame, SCRATCH, 1, L4_MAP_RW, L4_NILTHREAD), -L4_EEXIST);
        CHECK("unmap it", l4_unmap(SCRATCH, 1, L4_NILTHREAD), 0);
    }
    /* a refused map changes nothing */
    CHECK("map page 3 of 3", l4_map(frame + 0x2000, SCRATCH + 0x12000, 1, L4_MAP_RW, L4_NILTHREAD), 0);
    CHECK("map 3 pages over it", l4_map(frame, SCRATCH + 0x10000, 3, L4_MAP_RW, L4_NILTHREAD), -L4_EEXIST);
    CHECK("refused map left page 1 unmapped", l4_unmap(SCRATCH + 0x10000, 1, L4_NILTHREAD), -L4_ENOMAP);
    CHECK("refused map left page 2 unmapped", l4_unmap(SCRATCH + 0x11000, 1, L4_NILTHREAD), -L4_ENOMAP);
    CHECK("unmap page 3", l4_unmap(SCRATCH + 0x12000, 1, L4_NILTHREAD), 0);

    /* ---- unmap ---------------------------------------------------------------------- */
    l4_printf("hostile: unmap\n");
    CHECK("unmap a hole", l4_unmap(UNMAPPED, 1, L4_NILTHREAD), -L4_ENOMAP);
    CHECK("unmap 0x7FFFFFFF pages", l4_unmap(0x1000, 0x7FFFFFFFu, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap 0xFFFFFFFF pages", l4_unmap(SCRATCH, 0xFFFFFFFFu, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap unaligned", l4_unmap(SCRATCH + 4, 1, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap page 0", l4_unmap(0, 1, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap the kernel half", l4_unmap(0x80000000u, 1, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap the KIP", l4_unmap(L4_KIP_ADDR, 1, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap crossing 0x80000000", l4_unmap(0x7FFFF000u, 2, L4_NILTHREAD), -L4_EINVAL);
    CHECK("unmap in a forged id", l4_unmap(SCRATCH, 1, forged), -L4_ESRCH);
    CHECK("unmap in ANY", l4_unmap(SCRATCH, 1, L4_ANYTHREAD), -L4_ESRCH);
    /* a refused unmap changes nothing */
    CHECK("map one page", l4_map(frame, SCRATCH + 0x20000, 1, L4_MAP_RW, L4_NILTHREAD), 0);
    CHECK("unmap it and a hole", l4_unmap(SCRATCH + 0x20000, 2, L4_NILTHREAD), -L4_ENOMAP);
    CHECK("refused unmap left it mapped", l4_map(frame, SCRATCH + 0x20000, 1, L4_MAP_RW, L4_NILTHREAD),
          -L4_EEXIST);
    CHECK("unmap it", l4_unmap(SCRATCH + 0x20000, 1, L4_NILTHREAD), 0);

    /* ---- map/unmap, mutexes, IRQs, caps from a space without caps ------------------- */
    nocaps_frame = frame;
    nocaps_sibling = v;
    CHECK("a thread without caps ran", without_caps(nocaps, 0, 0, 1), 0);
    CHECK("no cap: map into its own space", nocaps_result[0], -L4_ENOCAP);
    CHECK("no cap: map into main's space", nocaps_result[1], -L4_ENOCAP);
    CHECK("no cap: unmap main's text", nocaps_result[2], -L4_ENOCAP);
    CHECK("no cap: cache_control", nocaps_result[3], -L4_ENOCAP);
    CHECK("no cap: irq_control register", nocaps_result[4], -L4_ENOCAP);
    CHECK("no cap: capability_control count", nocaps_result[5], -L4_ENOCAP);
    CHECK("no cap: ipc send to main's sibling", nocaps_result[6], -L4_ENOCAP);
    CHECK("no cap: console_write needs none", nocaps_result[7], 9);

    /* ---- mutex_control -------------------------------------------------------------- */
    l4_printf("hostile: mutex_control\n");
    word = 0;
    CHECK("mutex unaligned", l4_mutex_control((volatile uint32_t *)((uint32_t)&word + 1), L4_MUTEX_LOCK, 0),
          -L4_EINVAL);
    CHECK("mutex unaligned (2)", l4_mutex_control((volatile uint32_t *)((uint32_t)&word + 2), L4_MUTEX_UNLOCK, 0),
          -L4_EINVAL);
    CHECK("mutex at 0", l4_mutex_control((volatile uint32_t *)0, L4_MUTEX_LOCK, 0), -L4_EFAULT);
    CHECK("mutex unmapped", l4_mutex_control((volatile uint32_t *)UNMAPPED, L4_MUTEX_LOCK, 0), -L4_EFAULT);
    CHECK("mutex unmapped, unlock", l4_mutex_control((volatile uint32_t *)UNMAPPED, L4_MUTEX_UNLOCK, 0),
          -L4_EFAULT);
    CHECK("mutex in the kernel half", l4_mutex_control((volatile uint32_t *)0x80000000u, L4_MUTEX_LOCK, 0),
          -L4_EFAULT);
    CHECK("mutex at 0xFFFFFFFC", l4_mutex_control((volatile uint32_t *)0xFFFFFFFCu, L4_MUTEX_LOCK, 0),
          -L4_EFAULT);
    CHECK("mutex op 2", l4_mutex_control(&word, 2, 0), -L4_EINVAL);
    CHECK("mutex op 0xFFFFFFFF", l4_mutex_control(&word, 0xFFFFFFFFu, 0), -L4_EINVAL);
    CHECK("mutex lock, word changed", l4_mutex_control(&word, L4_MUTEX_LOCK, 5), -L4_EAGAIN);
    CHECK("mutex unlock, nobody waiting", l4_mutex_control(&word, L4_MUTEX_UNLOCK, 0), 0);
    CHECK("mutex lock on read-only data, word differs",
          l4_mutex_control((volatile uint32_t *)&ro_words[0], L4_MUTEX_LOCK, 0), -L4_EAGAIN);
    CHECK("mutex unlock on read-only data", l4_mutex_control((volatile uint32_t *)&ro_words[0], L4_MUTEX_UNLOCK, 0),
          0);

    /* ---- cache_control: no op values in the ABI yet ---------------------------------- */
    {
        int e = l4_cache_control((uint32_t)buf, (uint32_t)buf + sizeof buf, 0xFFFFFFFFu);
        if (e != -L4_EINVAL && e != -L4_ENOSYS) {
            l4_printf("FAIL cache_control op 0xFFFFFFFF: got %d want %d or %d\n", e, -L4_EINVAL, -L4_ENOSYS);
            failures++;
        }
    }

    /* ---- time ---------------------------------------------------------------------- */
    l4_printf("hostile: time\n");
    struct l4_time tv = { 0, 0 };
    uint64_t c0 = 0, c1 = 0, c2 = 0;
    CHECK("time, no structure", l4_time(0, L4_TIME_READ, &c0), 0);
    CHECK_TRUE("cycles count", c0 > 0);
    CHECK("time into an unmapped page", l4_time((struct l4_time *)UNMAPPED, L4_TIME_READ, &c1), -L4_EFAULT);
    CHECK_TRUE("refused time still returns the cycles", c1 >= c0);
    CHECK("time into the KIP", l4_time((struct l4_time *)L4_KIP_ADDR, L4_TIME_READ, 0), -L4_EFAULT);
    CHECK("time into read-only data", l4_time((struct l4_time *)&ro_words[8], L4_TIME_READ, 0), -L4_EFAULT);
    CHECK("time at 0x7FFFFFFC (crosses)", l4_time((struct l4_time *)0x7FFFFFFCu, L4_TIME_READ, 0), -L4_EFAULT);
    CHECK("time into the kernel half", l4_time((struct l4_time *)0x80000000u, L4_TIME_READ, 0), -L4_EFAULT);
    CHECK("time set", l4_time(&tv, L4_TIME_SET, 0), -L4_EPERM);
    CHECK("time set, no structure", l4_time(0, L4_TIME_SET, 0), -L4_EPERM);
    CHECK("time read", l4_time(&tv, L4_TIME_READ, &c2), 0);
    CHECK_TRUE("cycles do not go back", c2 >= c1);
    CHECK_TRUE("usec below one second", tv.usec < 1000000u);
    {
        uint64_t us = (uint64_t)tv.sec * 1000000u + tv.usec, cus = c2 / 100u;
        uint64_t diff = us > cus ? us - cus : cus - us;
        CHECK_TRUE("sec/usec agree with cycles at 100 MHz (within 1 ms)", diff < 1000u);
    }

    /* ---- console_write ----------------------------------------------------------------- */
    l4_printf("hostile: console_write\n");
    memcpy(buf, "hostile: console_write ok\n", 26);
    CHECK("console_write 1 << 30 bytes", l4_console_write(buf, 1u << 30), -L4_EINVAL);
    CHECK("console_write 4097 bytes", l4_console_write(buf, 4097), -L4_EINVAL);
    CHECK("console_write 0xFFFFFFFF bytes", l4_console_write(buf, 0xFFFFFFFFu), -L4_EINVAL);
    CHECK("console_write from 0", l4_console_write((const void *)0, 10), -L4_EFAULT);
    CHECK("console_write from an unmapped page", l4_console_write((const void *)UNMAPPED, 10), -L4_EFAULT);
    CHECK("console_write from the kernel half", l4_console_write((const void *)0x80000000u, 10), -L4_EFAULT);
    CHECK("console_write crossing 0x80000000", l4_console_write((const void *)0x7FFFFFF0u, 32), -L4_EFAULT);
    CHECK("console_write from 0xFFFFFFFF", l4_console_write((const void *)0xFFFFFFFFu, 2), -L4_EFAULT);
    CHECK("console_write 0 bytes", l4_console_write(buf, 0), 0);
    CHECK("console_write", l4_console_write(buf, 26), 26);

    /* ---- ipc the kernel must refuse before it blocks (last: a kernel that blocks here hangs) ---- */
    /* v is never run: a send to it or a receive from it that got past the checks would wait forever */
    l4_printf("hostile: ipc flags, buffers and UTCB\n");
    memset(mr, 0, sizeof mr);
    mr[5] = (uint32_t)buf;
    CHECK("ipc send, tier 3", l4_ipc(v, L4_NILTHREAD, 3, mr), -L4_EINVAL);
    CHECK("ipc receive, tier 3", l4_ipc(L4_NILTHREAD, v, 3, mr), -L4_EINVAL);
    CHECK("ipc send, reserved bit 31", l4_ipc(v, L4_NILTHREAD, 1u << 31, mr), -L4_EINVAL);
    CHECK("ipc receive from ANY, reserved bit 2", l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 1u << 2, mr), -L4_EINVAL);
    CHECK("ipc short send with a size", l4_ipc(v, L4_NILTHREAD, 16u << L4_IPC_SIZE_SHIFT, mr), -L4_EINVAL);
    CHECK("ipc full send with an index", l4_ipc(v, L4_NILTHREAD, L4_IPC_FULL | (5u << L4_IPC_INDEX_SHIFT), mr),
          -L4_EINVAL);
    CHECK("ipc extended send of 2049 bytes", l4_ipc(v, L4_NILTHREAD, L4_IPC_EXT(5, 2049), mr), -L4_EINVAL);
    CHECK("ipc extended send of 0xFFF bytes", l4_ipc(v, L4_NILTHREAD, L4_IPC_EXT(5, 0xFFF), mr), -L4_EINVAL);
    CHECK("ipc extended receive of 4096 bytes (size field overflows into reserved bits)",
          l4_ipc(L4_NILTHREAD, v, L4_IPC_EXTENDED | (5u << L4_IPC_INDEX_SHIFT) | (4096u << L4_IPC_SIZE_SHIFT), mr),
          -L4_EINVAL);
    CHECK("ipc extended send, buffer in MR6", l4_ipc(v, L4_NILTHREAD, L4_IPC_EXT(6, 16), mr), -L4_EINVAL);
    CHECK("ipc extended send, buffer in MR255", l4_ipc(v, L4_NILTHREAD, L4_IPC_EXT(0xFF, 16), mr), -L4_EINVAL);
    /* extended buffers: the root has no pager, so a bad one is -EFAULT */
    static const uint32_t bad_bufs[][2] = {
        { 0, 16 }, { UNMAPPED, 16 }, { 0x7FFFFFF0u, 32 }, { 0x7FFFFF00u, 2048 }, { 0x80000000u, 1 },
        { 0xFFFFFFF0u, 32 }, { 0xFFFFFFFFu, 2 },
    };
    for (unsigned k = 0; k < sizeof bad_bufs / sizeof bad_bufs[0]; k++) {
        char what[64];
        mr[5] = bad_bufs[k][0];
        l4_snprintf(what, sizeof what, "ipc extended send from 0x%08x, %u bytes", bad_bufs[k][0], bad_bufs[k][1]);
        CHECK(what, l4_ipc(v, L4_NILTHREAD, L4_IPC_EXT(5, bad_bufs[k][1]), mr), -L4_EFAULT);
        l4_snprintf(what, sizeof what, "ipc extended receive into 0x%08x, %u bytes", bad_bufs[k][0], bad_bufs[k][1]);
        CHECK(what, l4_ipc(L4_NILTHREAD, v, L4_IPC_EXT(5, bad_bufs[k][1]), mr), -L4_EFAULT);
    }
    mr[5] = L4_KIP_ADDR;
    CHECK("ipc extended receive into the KIP", l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(5, 16), mr), -L4_EFAULT);
    mr[5] = (uint32_t)ro_words;
    CHECK("ipc extended receive into read-only data", l4_ipc(L4_NILTHREAD, v, L4_IPC_EXT(5, 16), mr), -L4_EFAULT);
    CHECK("ipc extended call with a read-only buffer", l4_ipc(v, v, L4_IPC_EXT(5, 16), mr), -L4_EFAULT);
    /* the full tier with the caller's own UTCB page unmapped (then a fresh frame mapped there) */
    memset(mr, 0, sizeof mr);
    if (CHECK("unmap the root's UTCB page", l4_unmap(L4_UTCB_PAGE, 1, L4_NILTHREAD), 0)) {
        CHECK("ipc full send without a UTCB", l4_ipc(v, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_ENOUTCB);
        CHECK("ipc full receive without a UTCB", l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_FULL, mr), -L4_ENOUTCB);
        CHECK("ipc full call without a UTCB", l4_ipc(v, v, L4_IPC_FULL, mr), -L4_ENOUTCB);
        CHECK("map a frame at the UTCB page again", l4_map(frame + 0x3000, L4_UTCB_PAGE, 1, L4_MAP_RW, L4_NILTHREAD), 0);
    }

    l4_printf("hostile: waiting on oneself\n");
    mr[5] = (uint32_t)buf;
    CHECK("ipc send to oneself", l4_ipc(me, L4_NILTHREAD, 0, mr), -L4_EDEADLK);
    CHECK("ipc receive from oneself", l4_ipc(L4_NILTHREAD, me, 0, mr), -L4_EDEADLK);
    CHECK("ipc full send to oneself", l4_ipc(me, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_EDEADLK);
    CHECK("ipc extended send to oneself", l4_ipc(me, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_EDEADLK);
    CHECK("ipc extended receive from oneself", l4_ipc(L4_NILTHREAD, me, L4_IPC_EXT(5, 16), mr), -L4_EDEADLK);
    CHECK("ipc call to oneself", l4_ipc(me, me, L4_IPC_SHORT, mr), -L4_EDEADLK);
    CHECK("ipc reply to oneself and wait", l4_ipc(me, L4_ANYTHREAD, L4_IPC_SHORT, mr), -L4_EDEADLK);

    CHECK("destroy the target thread", l4_destroy(v), 0);
    if (failures == 0)
        l4_printf("hostile: all refused\n");
    return finish("hostile");
}
