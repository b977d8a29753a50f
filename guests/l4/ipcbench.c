/*
 * ipcbench.c - IPC latency: a client (main, pinned to core 0) and a server thread ping-pong through
 * the real libl4 stubs (call / reply-and-wait) in every tier (short, full, extended 64/512/2048 bytes)
 * and placement (server on core 0 or core 1). The host harness (bench/, `codezero bench ipc`,
 * perf/IpcBenchmarks.cs) patches the config block below in the ELF before boot; unpatched, the
 * program runs the whole suite once, prints cycles per round trip and exits with the failure count.
 *
 * Modes:
 *   SUITE   every tier and placement (cross-core only with 2 or more cores), `rounds` round trips each
 *   BATCH   one tier and placement: set up, then forever { mark; `rounds` round trips } (the harness
 *           stops the board at each mark and times the batch between two marks)
 *   KPATH   set up the server (blocked in a short receive) or a yielder, then forever { mark; yield }:
 *           the harness drives the kernel's entry itself from the state at a mark
 *
 * A mark is getid (r12 = 6) with r0 = BENCH_MARK and r1-r3 data for the harness; the kernel ignores
 * r0-r3 of getid, so under `codezero kernel` a mark is just a getid.
 */
#include "l4test.h"

#define BENCH_MARK      0x4B4D4243u /* "CBMK" */
#define TAG_PING        0x50490000u
#define TAG_TIER        0x54490000u /* MR2: the tier flags the server receives with from now on */
#define TAG_QUIT        0x51554954u

#define MODE_SUITE      0
#define MODE_BATCH      1
#define MODE_KPATH      2

#define ROLE_SERVER     0
#define ROLE_YIELDER    1

/* Patched by the host (bench/IpcBenchImage.cs): keep the layout and the magic words in step. */
struct ipcbench_config {
    uint32_t magic0, magic1;    /* "IPCBENCH" */
    uint32_t mode;              /* MODE_* */
    uint32_t tier;              /* BATCH: L4_IPC_SHORT / FULL / EXTENDED */
    uint32_t size;              /* BATCH: extended bytes */
    uint32_t cross;             /* BATCH, KPATH: server on core 1 (else core 0) */
    uint32_t rounds;            /* round trips per tier and placement (SUITE) or per batch (BATCH) */
    uint32_t role;              /* KPATH: ROLE_SERVER or ROLE_YIELDER */
};
volatile struct ipcbench_config ipcbench_config = {
    0x42435049u, 0x48434E45u, MODE_SUITE, L4_IPC_SHORT, 0, 0, 200, ROLE_SERVER,
};

#define STACK_SIZE 8192
static uint8_t stacks[2][STACK_SIZE] __attribute__((aligned(8)));

/* Buffers: the client's and one per server, word aligned, in .bss (mapped at boot: no faults). */
static uint8_t client_buf[L4_IPC_EXTENDED_MAX] __attribute__((aligned(64)));
static uint8_t server_buf[2][L4_IPC_EXTENDED_MAX] __attribute__((aligned(64)));

static volatile uint32_t server_errors[2];

static inline void bench_mark(uint32_t a, uint32_t b, uint32_t c)
{
    register uint32_t r0 __asm__("r0") = BENCH_MARK;
    register uint32_t r1 __asm__("r1") = a;
    register uint32_t r2 __asm__("r2") = b;
    register uint32_t r3 __asm__("r3") = c;
    register uint32_t r12 __asm__("r12") = L4_SYS_GETID;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r12) : : "memory");
}

static uint32_t tier_flags(uint32_t tier, uint32_t size)
{
    return tier == L4_IPC_EXTENDED ? L4_IPC_EXT(5, size) : tier;
}

/* The server: reply-and-wait in its current tier; TAG_TIER changes the tier, TAG_QUIT ends it. */
static int server_fn(void *arg)
{
    uint32_t index = (uint32_t)arg;
    uint8_t *buf = server_buf[index];
    uint32_t flags = L4_IPC_SHORT;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t got = 0;
    mr[5] = (uint32_t)buf;
    int r = l4_ipc_flags(L4_NILTHREAD, L4_ANYTHREAD, flags, mr, &got);
    for (;;) {
        if (r < 0) {
            server_errors[index]++;
            mr[5] = (uint32_t)buf;
            r = l4_ipc_flags(L4_NILTHREAD, L4_ANYTHREAD, flags, mr, &got);
            continue;
        }
        l4_tid_t client = mr[L4_MR_SENDER];
        if (mr[0] == TAG_TIER || mr[0] == TAG_QUIT) {
            uint32_t next = mr[2];
            int quit = mr[0] == TAG_QUIT;
            mr[5] = (uint32_t)buf;
            l4_ipc_flags(client, L4_NILTHREAD, flags, mr, 0);   /* the reply, in the old tier */
            if (quit)
                return 0;
            flags = next;
            mr[5] = (uint32_t)buf;
            r = l4_ipc_flags(L4_NILTHREAD, L4_ANYTHREAD, flags, mr, &got);
            continue;
        }
        mr[0] += 1;
        mr[5] = (uint32_t)buf;
        r = l4_ipc_flags(client, L4_ANYTHREAD, flags, mr, &got);
    }
}

/* Yields forever: the other runnable thread of a thread_switch benchmark. */
static int yielder_fn(void *arg)
{
    (void)arg;
    for (;;)
        l4_yield();
    return 0;
}

/* One call in the given flags; the buffer goes in MR5 for the extended tier. */
static inline int call(l4_tid_t server, uint32_t flags, uint32_t mr[L4_MR_COUNT])
{
    mr[5] = (uint32_t)client_buf;
    return l4_ipc_flags(server, server, flags, mr, 0);
}

/* Tells the server (now receiving with `current`) to receive with `next` from now on. */
static void switch_tier(l4_tid_t server, uint32_t current, uint32_t next)
{
    uint32_t mr[L4_MR_COUNT] = { TAG_TIER, 0, next, 0, 0, 0 };
    CHECK("switch tier", call(server, current, mr), 0);
}

/* `rounds` round trips; returns the failures (bad result or a reply that is not the ping + 1). */
static uint32_t round_trips(l4_tid_t server, uint32_t flags, uint32_t rounds)
{
    uint32_t bad = 0;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    for (uint32_t i = 0; i < rounds; i++) {
        mr[0] = TAG_PING + (i & 0xFFFF);
        int r = call(server, flags, mr);
        if (r != 0 || mr[0] != TAG_PING + (i & 0xFFFF) + 1)
            bad++;
    }
    return bad;
}

static uint64_t cycles_now(void)
{
    uint64_t c = 0;
    l4_time(0, L4_TIME_READ, &c);
    return c;
}

static l4_tid_t start_server(unsigned index, unsigned core, l4_thread_fn fn)
{
    int t = l4_thread_start(fn, (void *)index, stacks[index] + STACK_SIZE, 1 + index, -1, 1u << core);
    CHECK_TRUE("server started", t > 0);
    /* let it reach its first receive (same core: it runs now; other core: wait a few slices) */
    for (int i = 0; i < 50; i++)
        l4_yield();
    return (l4_tid_t)t;
}

static void quit_server(l4_tid_t server, uint32_t flags)
{
    uint32_t mr[L4_MR_COUNT] = { TAG_QUIT, 0, 0, 0, 0, 0 };
    CHECK("quit", call(server, flags, mr), 0);
    CHECK("server exit", l4_wait(server), 0);
}

static const struct { const char *name; uint32_t tier, size; } tiers[] = {
    { "short", L4_IPC_SHORT, 0 },
    { "full", L4_IPC_FULL, 0 },
    { "extended 64", L4_IPC_EXTENDED, 64 },
    { "extended 512", L4_IPC_EXTENDED, 512 },
    { "extended 2048", L4_IPC_EXTENDED, 2048 },
};

static void suite(uint32_t rounds)
{
    unsigned placements = l4_kip_cores() >= 2 ? 2 : 1;
    for (unsigned p = 0; p < placements; p++) {
        l4_tid_t server = start_server(p, p, server_fn);
        uint32_t current = L4_IPC_SHORT;
        for (unsigned i = 0; i < sizeof tiers / sizeof tiers[0]; i++) {
            uint32_t flags = tier_flags(tiers[i].tier, tiers[i].size);
            switch_tier(server, current, flags);
            current = flags;
            uint64_t start = cycles_now();
            uint32_t bad = round_trips(server, flags, rounds);
            uint64_t cycles = cycles_now() - start;
            CHECK("round trips that failed", bad, 0);
            l4_printf("ipcbench: %s %s: %u round trips, %u cycles per round trip\n", tiers[i].name,
                      p ? "cross-core" : "same-core", rounds, (uint32_t)(cycles / rounds));
        }
        quit_server(server, current);
        CHECK("server errors", server_errors[p], 0);
    }
    if (placements == 1)
        l4_printf("ipcbench: cross-core skipped (1 core)\n");
}

static void batches(void)
{
    uint32_t cross = ipcbench_config.cross;
    uint32_t rounds = ipcbench_config.rounds;
    uint32_t flags = tier_flags(ipcbench_config.tier, ipcbench_config.size);
    l4_tid_t server = start_server(0, cross ? 1 : 0, server_fn);
    switch_tier(server, L4_IPC_SHORT, flags);
    for (;;) {
        bench_mark(server, 0, 0);
        round_trips(server, flags, rounds);
    }
}

static void kernel_path(void)
{
    int yielder = ipcbench_config.role == ROLE_YIELDER;
    l4_tid_t other = start_server(0, ipcbench_config.cross ? 1 : 0, yielder ? yielder_fn : server_fn);
    for (;;) {
        /* A deterministic run stops at a mark before the other cores' turn in the round: give core 1 a
         * few rounds (10,000 cycles each) to get the server into its receive first. */
        uint64_t start = cycles_now();
        while (ipcbench_config.cross && cycles_now() - start < 50000)
            ;
        bench_mark(other, (uint32_t)client_buf, (uint32_t)server_buf[0]);
        if (!yielder)
            l4_yield();
    }
}

int main(void)
{
    int prio = l4_self_priority();
    CHECK_TRUE("own priority", prio >= 0);
    CHECK("pin main to core 0", l4_sched(L4_NILTHREAD, (uint32_t)prio, 1), 0);
    switch (ipcbench_config.mode) {
    case MODE_BATCH:
        batches();
        break;
    case MODE_KPATH:
        kernel_path();
        break;
    default:
        suite(ipcbench_config.rounds);
        break;
    }
    return finish("ipcbench");
}
