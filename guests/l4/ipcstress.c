/*
 * ipcstress.c - kernel stress test: 16 clients on four cores call two reply-and-wait servers with
 * short, full and extended messages; every message and every reply is checked, and counted.
 */
#include "l4test.h"

#define CLIENTS     16
#define SERVERS     2
#define CALLS       200
#define STACK_SIZE  4096
#define TAG_REPLY   0x7E970000u     /* xor-ed into MR0 by the servers */
#define TAG_QUIT    0x51554954u
#define MAX_REPORTS 3               /* FAIL lines per thread */

/* Server 0 takes the short and full calls, server 1 the extended ones (extended matches only
 * extended). Client i's call number s is of kind (i + s) % 4: short, extended, full, extended. */
enum { KIND_SHORT, KIND_EXT1, KIND_FULL, KIND_EXT2 };

static uint8_t stacks[CLIENTS + SERVERS][STACK_SIZE] __attribute__((aligned(8)));
static struct l4_utcb utcbs[CLIENTS + SERVERS] __attribute__((aligned(L4_UTCB_ALIGN)));
static uint8_t client_buf[CLIENTS][L4_IPC_EXTENDED_MAX];
static uint8_t server_buf[L4_IPC_EXTENDED_MAX];
static volatile uint32_t client_tid[CLIENTS];
static volatile uint32_t server_tid[SERVERS];

/* what the servers saw */
static volatile uint32_t taken[SERVERS][CLIENTS];
static volatile int32_t last_seq[SERVERS][CLIENTS];
static volatile uint32_t server_bad[SERVERS], server_errors[SERVERS], server_bytes[SERVERS];

/* what the clients did */
static volatile uint32_t sent[CLIENTS][SERVERS];
static volatile uint32_t kinds[CLIENTS][3];        /* short, full, extended */
static volatile uint32_t client_bad[CLIENTS], client_bytes[CLIENTS];

/* ---- the message of client i's call s ---------------------------------------------------------- */
static uint32_t word(uint32_t i, uint32_t s, uint32_t k)
{
    uint32_t x = (i + 1) * 0x9E3779B9u ^ (s + 1) * 0x85EBCA6Bu ^ (k + 1) * 0xC2B2AE35u;
    return x ^ (x >> 13);
}

static uint8_t byte(uint32_t i, uint32_t s, uint32_t k)
{
    return (uint8_t)(word(i, s, k) >> 5);
}

static uint32_t ext_size(uint32_t i, uint32_t s)
{
    return (i * 131 + s * 17 + 1) % (L4_IPC_EXTENDED_MAX + 1);
}

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 0x01000193u;
}

/* Checksums of the payloads: MR3-MR5 (short), the 64 UTCB words (full), the bytes (extended). */
static uint32_t sum_words(uint32_t tag, const volatile uint32_t *w, unsigned n)
{
    uint32_t h = 0x811C9DC5u ^ tag;
    for (unsigned k = 0; k < n; k++)
        h = mix(h, w[k]);
    return h;
}

static uint32_t sum_bytes(uint32_t tag, const uint8_t *b, uint32_t n)
{
    uint32_t h = 0x811C9DC5u ^ tag ^ n;
    for (uint32_t k = 0; k < n; k++)
        h = mix(h, b[k]);
    return h;
}

/* One FAIL line (the first few of each thread), counted in *bad. */
static void report(volatile uint32_t *bad, const char *who, uint32_t n, uint32_t s, const char *what, uint32_t got,
                   uint32_t want)
{
    if (l4_atomic_add(bad, 1) <= MAX_REPORTS)
        l4_printf("FAIL %s %u, call %u: %s: got 0x%08x want 0x%08x\n", who, n, s, what, got, want);
}

/* ---- servers: reply-and-wait loops ---------------------------------------------------------------- */
static int server_fn(void *arg)
{
    uint32_t j = (uint32_t)arg;
    uint32_t flags = j == 1 ? L4_IPC_EXT(5, L4_IPC_EXTENDED_MAX) : L4_IPC_SHORT;
    struct l4_utcb *u = l4_utcb();
    uint32_t mr[L4_MR_COUNT] = { 0 }, got = 0;
    l4_tid_t client = L4_NILTHREAD;

    for (;;) {
        mr[5] = j == 1 ? (uint32_t)server_buf : mr[5];
        int e = l4_ipc_flags(client, L4_ANYTHREAD, flags, mr, &got);
        client = L4_NILTHREAD;
        if (e != 0) {
            l4_atomic_add(&server_errors[j], 1);
            continue;
        }
        if (mr[0] == TAG_QUIT) {
            mr[0] = TAG_QUIT + 1;
            mr[5] = (uint32_t)server_buf;
            l4_ipc_flags(mr[1], L4_NILTHREAD, flags, mr, 0);
            return 0;
        }
        uint32_t i = mr[0] >> 16, s = mr[0] & 0xFFFF;
        if (i >= CLIENTS || mr[1] != client_tid[i]) {
            report(&server_bad[j], "server", j, s, "sender (MR1) of a client's index", mr[1], i);
            continue;                       /* no reply: that client will hang and be reported */
        }
        client = mr[1];
        uint32_t sum, tier = L4_IPC_TIER(got), kind = (i + s) % 4;
        uint32_t want_tier = kind == KIND_SHORT ? L4_IPC_SHORT : kind == KIND_FULL ? L4_IPC_FULL : L4_IPC_EXTENDED;
        if (tier != want_tier)
            report(&server_bad[j], "server", j, s, "tier", tier, want_tier);
        if (tier == L4_IPC_EXTENDED) {
            uint32_t n = L4_IPC_SIZE(got);
            if (n != ext_size(i, s))
                report(&server_bad[j], "server", j, s, "extended size", n, ext_size(i, s));
            if (n > L4_IPC_EXTENDED_MAX)
                n = L4_IPC_EXTENDED_MAX;
            sum = sum_bytes(mr[0], server_buf, n);
            for (uint32_t k = 0; k < n; k++)
                server_buf[k] ^= 0x5A;
            server_bytes[j] += n;
        } else if (tier == L4_IPC_FULL) {
            sum = sum_words(mr[0], u->mr, L4_UTCB_WORDS);
            for (unsigned k = 0; k < L4_UTCB_WORDS; k++)
                u->mr[k] = ~u->mr[k];
        } else {
            sum = sum_words(mr[0], &mr[3], 3);
        }
        if (sum != mr[2])
            report(&server_bad[j], "server", j, s, "checksum", sum, mr[2]);
        if ((int32_t)s <= last_seq[j][i])
            report(&server_bad[j], "server", j, s, "sequence number after the last one", s, (uint32_t)last_seq[j][i]);
        last_seq[j][i] = (int32_t)s;
        taken[j][i]++;
        /* the reply: derived from the message */
        mr[0] ^= TAG_REPLY;
        mr[2] = sum * 3 + j;
        mr[3] = taken[j][i];
        mr[4] = ~mr[4];
    }
}

/* ---- clients ------------------------------------------------------------------------------------------ */
static int client_fn(void *arg)
{
    uint32_t i = (uint32_t)arg;
    struct l4_utcb *u = l4_utcb();
    uint8_t *buf = client_buf[i];
    volatile uint32_t *bad = &client_bad[i];

    for (uint32_t s = 0; s < CALLS; s++) {
        uint32_t kind = (i + s) % 4, j = (kind == KIND_EXT1 || kind == KIND_EXT2) ? 1 : 0;
        uint32_t tag = (i << 16) | s, n = 0, flags, sum;
        uint32_t mr[L4_MR_COUNT] = { tag, 0xDEADBEEFu, 0, word(i, s, 3), word(i, s, 4), word(i, s, 5) };
        if (kind == KIND_SHORT) {
            flags = L4_IPC_SHORT;
            sum = sum_words(tag, &mr[3], 3);
            kinds[i][0]++;
        } else if (kind == KIND_FULL) {
            flags = L4_IPC_FULL;
            for (unsigned k = 0; k < L4_UTCB_WORDS; k++)
                u->mr[k] = word(i, s, 100 + k);
            sum = sum_words(tag, u->mr, L4_UTCB_WORDS);
            kinds[i][1]++;
        } else {
            n = ext_size(i, s);
            flags = L4_IPC_EXT(5, n);
            for (uint32_t k = 0; k < n; k++)
                buf[k] = byte(i, s, k);
            sum = sum_bytes(tag, buf, n);
            mr[5] = (uint32_t)buf;
            kinds[i][2]++;
            client_bytes[i] += n;
        }
        mr[2] = sum;
        uint32_t mr4 = mr[4], mr5 = mr[5], got = 0xFFFFFFFFu;
        sent[i][j]++;
        int e = l4_ipc_flags(server_tid[j], server_tid[j], flags, mr, &got);
        if (e != 0) {
            report(bad, "client", i, s, "call result", (uint32_t)e, 0);
            continue;
        }
        /* the reply */
        if (mr[0] != (tag ^ TAG_REPLY))
            report(bad, "client", i, s, "reply MR0", mr[0], tag ^ TAG_REPLY);
        if (mr[1] != server_tid[j])
            report(bad, "client", i, s, "reply MR1 (the server)", mr[1], server_tid[j]);
        if (mr[2] != sum * 3 + j)
            report(bad, "client", i, s, "reply MR2 (from the checksum)", mr[2], sum * 3 + j);
        if (mr[3] != sent[i][j])
            report(bad, "client", i, s, "reply MR3 (the server's count of this client's calls)", mr[3], sent[i][j]);
        if (mr[4] != ~mr4)
            report(bad, "client", i, s, "reply MR4", mr[4], ~mr4);
        if (kind == KIND_SHORT || kind == KIND_FULL) {
            if (mr[5] != mr5)
                report(bad, "client", i, s, "reply MR5", mr[5], mr5);
            if (got != flags)
                report(bad, "client", i, s, "reply flags", got, flags);
        }
        if (kind == KIND_FULL) {
            for (unsigned k = 0; k < L4_UTCB_WORDS; k++)
                if (u->mr[k] != ~word(i, s, 100 + k)) {
                    report(bad, "client", i, s, "reply UTCB word", u->mr[k], ~word(i, s, 100 + k));
                    break;
                }
        }
        if (kind == KIND_EXT1 || kind == KIND_EXT2) {
            if (mr[5] != (uint32_t)server_buf)
                report(bad, "client", i, s, "reply MR5 (the server's buffer)", mr[5], (uint32_t)server_buf);
            if (L4_IPC_TIER(got) != L4_IPC_EXTENDED || L4_IPC_SIZE(got) != n)
                report(bad, "client", i, s, "reply flags", got, L4_IPC_EXT(0, n));
            for (uint32_t k = 0; k < n; k++)
                if (buf[k] != (uint8_t)(byte(i, s, k) ^ 0x5A)) {
                    report(bad, "client", i, s, "reply byte", buf[k], (uint8_t)(byte(i, s, k) ^ 0x5A));
                    break;
                }
        }
    }
    return 0;
}

/* Creates a thread on stack and UTCB n (the UTCBs live in .bss: 18 threads do not fit the root's
 * UTCB page), pinned by `affinity`, and returns its id without running it. */
static int prepare(l4_thread_fn fn, uint32_t arg, unsigned n, unsigned affinity)
{
    int t = l4_thread_prepare(fn, (void *)arg, stacks[n] + STACK_SIZE, 1, -1, affinity);
    if (t <= 0)
        return t;
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.flags = L4_EXREGS_SET_UTCB;
    r.utcb = (uint32_t)&utcbs[n];
    int e = l4_exchange_registers(&r, (l4_tid_t)t);
    if (e < 0) {
        l4_destroy((l4_tid_t)t);
        return e;
    }
    return t;
}

int main(void)
{
    uint32_t cores = l4_kip_cores();
    int four = cores >= 4;
    int ctid[CLIENTS];

    l4_printf("ipcstress: %u clients x %u calls, %u servers, %u core%s\n", CLIENTS, CALLS, SERVERS, cores,
              cores == 1 ? "" : "s");
    for (unsigned i = 0; i < CLIENTS; i++)
        last_seq[0][i] = last_seq[1][i] = -1;

    /* servers on cores 1 and 3, clients spread over all four */
    for (unsigned j = 0; j < SERVERS; j++) {
        int t = prepare(server_fn, j, CLIENTS + j, four ? 1u << (1 + 2 * j) : 0);
        if (!CHECK("prepare a server", t > 0 ? 0 : t, 0))
            return finish("ipcstress");
        server_tid[j] = (uint32_t)t;
        CHECK("run a server", l4_run((l4_tid_t)t), 0);
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        ctid[i] = prepare(client_fn, i, i, four ? 1u << (i % 4) : 0);
        if (!CHECK("prepare a client", ctid[i] > 0 ? 0 : ctid[i], 0))
            continue;
        client_tid[i] = (uint32_t)ctid[i];
    }
    l4_dmb();
    for (unsigned i = 0; i < CLIENTS; i++)
        if (ctid[i] > 0)
            CHECK("run a client", l4_run((l4_tid_t)ctid[i]), 0);
    for (unsigned i = 0; i < CLIENTS; i++)
        if (ctid[i] > 0)
            CHECK("client exits", l4_wait((l4_tid_t)ctid[i]), 0);

    /* stop the servers */
    for (unsigned j = 0; j < SERVERS; j++) {
        uint32_t mr[L4_MR_COUNT] = { TAG_QUIT, 0, 0, 0, 0, (uint32_t)client_buf[0] };
        CHECK("quit call", l4_ipc(server_tid[j], server_tid[j], j == 1 ? L4_IPC_EXT(5, 0) : L4_IPC_SHORT, mr), 0);
        CHECK_HEX("quit reply", mr[0], TAG_QUIT + 1);
        CHECK("server exits", l4_wait(server_tid[j]), 0);
    }

    /* every message taken once, by the right server */
    uint32_t total = 0, by_kind[3] = { 0, 0, 0 }, bytes = 0, took[SERVERS] = { 0, 0 };
    for (unsigned i = 0; i < CLIENTS; i++) {
        char what[48];
        for (unsigned j = 0; j < SERVERS; j++) {
            l4_snprintf(what, sizeof what, "server %u's count of client %u's calls", j, i);
            CHECK(what, taken[j][i], sent[i][j]);
            total += sent[i][j];
            took[j] += taken[j][i];
        }
        for (unsigned k = 0; k < 3; k++)
            by_kind[k] += kinds[i][k];
        bytes += client_bytes[i];
        l4_snprintf(what, sizeof what, "client %u's bad replies", i);
        CHECK(what, client_bad[i], 0);
    }
    for (unsigned j = 0; j < SERVERS; j++) {
        CHECK("bad messages a server took", server_bad[j], 0);
        CHECK("failed ipcs of a server", server_errors[j], 0);
    }
    CHECK("calls", total, CLIENTS * CALLS);
    CHECK("bytes the extended server took", server_bytes[1], bytes);
    l4_printf("ipcstress: %u calls (%u short, %u full, %u extended with %u bytes); server 0 took %u, server 1 took %u\n",
              total, by_kind[0], by_kind[1], by_kind[2], bytes, took[0], took[1]);
    return finish("ipcstress");
}
