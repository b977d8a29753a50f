/*
 * pfbench.c - page faults served by a pager: a toucher thread in a copied space writes to two pages
 * that are never mapped together, so every write is a data abort that the kernel sends to its pager
 * (main, the root) as a fault IPC; the pager maps the one frame it uses at the fault page, unmaps the
 * other page (map first, so the second-level table never empties) and answers "retry" with a
 * reply-and-wait, and the toucher's write completes. One fault = abort, fault IPC, map, unmap, reply.
 * The host harness (bench/PageFault*.cs, `codezero bench ipc`, perf/PageFaultBenchmarks.cs) patches
 * the config block below; unpatched, the program serves `rounds` faults once, prints the cycles per
 * fault and exits with the failure count.
 *
 * Modes:
 *   SUITE   `rounds` faults, timed by the toucher; then a "done" message to the pager
 *   BATCH   forever { mark; `rounds` faults } (the harness times the board between two marks)
 *   KPATH   forever { mark; yield }: the harness drives the kernel's entry itself from the state at a
 *           mark (toucher running, page_a mapped, the pager waiting in its reply-and-wait)
 *
 * A mark is getid (r12 = 6) with r0 = BENCH_MARK and r1-r3 = pager id, frame, the mapped page, as in
 * ipcbench.c; under `codezero kernel` it is just a getid.
 */
#include "l4test.h"

#define BENCH_MARK      0x4B4D4243u /* "CBMK" */
#define TAG_DONE        0x444F4E45u /* "DONE" */

#define MODE_SUITE      0
#define MODE_BATCH      1
#define MODE_KPATH      2

/* Patched by the host (bench/PageFaultBenchImage.cs): keep the layout and the magic words in step. */
struct pfbench_config {
    uint32_t magic0, magic1;    /* "PFBENCH!" */
    uint32_t mode;              /* MODE_* */
    uint32_t rounds;            /* faults (SUITE) or faults per batch (BATCH) */
    uint32_t page_a, page_b;    /* the two pages the toucher writes, page aligned, unmapped at start */
};
volatile struct pfbench_config pfbench_config = {
    0x45424650u, 0x2148434Eu, MODE_SUITE, 1000, 0x40000000u, 0x40001000u,
};

static l4_tid_t pager;
static uint32_t frame;
/* The toucher's results (a copied space shares these frames with main). */
static volatile uint32_t touch_bad, touch_cycles_lo, touch_done;

static inline void bench_mark(uint32_t a, uint32_t b, uint32_t c)
{
    register uint32_t r0 __asm__("r0") = BENCH_MARK;
    register uint32_t r1 __asm__("r1") = a;
    register uint32_t r2 __asm__("r2") = b;
    register uint32_t r3 __asm__("r3") = c;
    register uint32_t r12 __asm__("r12") = L4_SYS_GETID;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r12) : : "memory");
}

static uint64_t cycles_now(void)
{
    uint64_t c = 0;
    l4_time(0, L4_TIME_READ, &c);
    return c;
}

/* The page touched last, hence the one mapped now. */
static volatile uint32_t *last;

/* `n` writes, each to the page that is not mapped: each one faults. Returns the writes that did not stick. */
static uint32_t touch(uint32_t n)
{
    volatile uint32_t *a = (volatile uint32_t *)pfbench_config.page_a;
    volatile uint32_t *b = (volatile uint32_t *)pfbench_config.page_b;
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
        volatile uint32_t *p = last == a ? b : a;
        *p = i;                 /* the fault; served, the write is retried and completes */
        bad += *p != i;
        last = p;
    }
    return bad;
}

/* The faulting thread: no stack or code faults (its stack and text are the copied space's shared frames). */
static int toucher(void *arg)
{
    (void)arg;
    last = (volatile uint32_t *)pfbench_config.page_b;
    touch_bad = touch(1);       /* the first fault: page_a mapped from now on */
    switch (pfbench_config.mode) {
    case MODE_KPATH:
        for (;;) {
            bench_mark(pager, frame, pfbench_config.page_a);
            l4_yield();
        }
    case MODE_BATCH:
        for (;;) {
            bench_mark(pager, frame, (uint32_t)last);
            touch_bad += touch(pfbench_config.rounds);
        }
    default: {
        uint64_t start = cycles_now();
        touch_bad += touch(pfbench_config.rounds);
        touch_cycles_lo = (uint32_t)(cycles_now() - start);
        touch_done = 1;
        uint32_t mr[L4_MR_COUNT] = { TAG_DONE, 0, 0, 0, 0, 0 };
        l4_send(pager, mr);
        return 0;
    }
    }
}

/* Serves faults until the toucher's "done" (SUITE) or forever; returns the faults served. */
static uint32_t serve(l4_tid_t child)
{
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t mapped = 0, faults = 0;
    int e = l4_receive(child, mr);
    for (;;) {
        if (!CHECK("receive from the toucher", e, 0) || mr[0] == TAG_DONE)
            break;
        uint32_t page = mr[2] & ~(L4_PAGE_SIZE - 1);
        if (!CHECK_HEX("message tag (data abort)", mr[0], L4_FAULT_DATA_ABORT) ||
            !CHECK_TRUE("fault on one of the two pages",
                        page == pfbench_config.page_a || page == pfbench_config.page_b) ||
            !CHECK_TRUE("fault on the unmapped page", page != mapped) ||
            !CHECK("map the frame at the fault page", l4_map(frame, page, 1, L4_MAP_RW, child), 0) ||
            (mapped != 0 && !CHECK("unmap the other page", l4_unmap(mapped, 1, child), 0))) {
            mr[0] = L4_FAULT_REPLY_STOP;
            l4_send(child, mr);
            break;
        }
        mapped = page;
        faults++;
        mr[0] = L4_FAULT_REPLY_RETRY;
        e = l4_ipc(child, child, L4_IPC_SHORT, mr);     /* the answer, then wait for the next fault */
    }
    return faults;
}

int main(void)
{
    int prio = l4_self_priority();
    CHECK_TRUE("own priority", prio >= 0);
    CHECK("pin main to core 0", l4_sched(L4_NILTHREAD, (uint32_t)prio, 1), 0);
    pager = l4_myself();
    frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
    if (!CHECK_TRUE("a free frame", frame + L4_PAGE_SIZE <= l4_free_phys_base + l4_free_phys_size))
        return finish("pfbench");

    int child = l4_thread_start_in(L4_TC_COPY_SPACE, toucher, 0, stack_top(0), 1, -1, 1);
    if (!CHECK_TRUE("toucher started", child > 0))
        return finish("pfbench");
    uint32_t rounds = pfbench_config.rounds;
    uint32_t faults = serve((l4_tid_t)child);

    CHECK("toucher's exit", l4_wait((l4_tid_t)child), 0);
    CHECK("faults served", faults, 1 + rounds);
    CHECK("toucher finished", touch_done, 1);
    CHECK("writes that did not stick", touch_bad, 0);
    if (rounds)
        l4_printf("pfbench: %u faults served by the pager, %u cycles per fault\n", rounds,
                  touch_cycles_lo / rounds);
    return finish("pfbench");
}
