/*
 * ipcrand.c - a seeded random IPC workload (short, full and extended tiers) whose output does not depend on scheduling.
 *
 * For each of eight fixed seeds, main starts three servers and four clients
 * in its space, each placed on a core and given a priority (main's or one
 * less) drawn from the seed; client 0 always shares the short server's core,
 * so that some calls can take the kernel's fast path. Each client runs its
 * own xorshift sequence of operations:
 *
 *   short call to SRV, full call to SRV (64 UTCB words each way), one-way
 *   short and full sends to SRV, a "pull" (a one-way send, then a receive
 *   from SRV of the answer SRV sends back), a call to RLY (which calls SRV
 *   itself before it replies), extended calls and sends to EXT (0-2048
 *   bytes), a short call to EXT (a tier mismatch: both sides get -ENOIPC),
 *   and yields.
 *
 * SRV, RLY and EXT loop on reply-and-wait and receive-from-any; SRV also
 * "answers" every one-way send, a reply nobody waits for, which the kernel
 * must drop while the receive half goes on (each client ends with a call,
 * so the sender is still alive then; main checks the case of a partner
 * that died separately, at the end). Every
 * message's registers, UTCB words and buffer bytes are derived from a key it
 * carries and are checked by the receiver, who also checks MR1 (the sender)
 * and r2 (the tier and size that arrived, by the mixing rules). Each thread
 * sums a hash of every message it sent and received; the sums are
 * order-independent, so main can check that everything sent arrived exactly
 * once and print, per seed, the operation counts and a checksum that is the
 * same on any number of cores, in either run mode, with the fast path on or off.
 */
#include "l4test.h"

#define NSEEDS      8
#define NCLIENTS    4
#define EXT_MAX     L4_IPC_EXTENDED_MAX
#define EXT_MR      5                       /* the buffer address travels in MR5 */
#define REPLY       0x80u                   /* or-ed into the op of an answer */
#define BOGUS_MR1   0x1BADB002u             /* what senders put in MR1: the kernel overwrites it */
#define GIVE_UP     8                       /* failed receives in a row before a server gives up */

static const uint32_t seeds[NSEEDS] = {
    0x00000001u, 0xC0FFEE00u, 0x12345678u, 0xDEADBEEFu,
    0x0BADF00Du, 0x5EED5EEDu, 0x9E3779B9u, 0x7FFFFFFFu,
};

/* threads: main, the three servers, the clients */
enum { T_MAIN, T_SRV, T_EXT, T_RLY, T_CLIENT0, NTHREADS = T_CLIENT0 + NCLIENTS };

enum {
    OP_CALL = 1, OP_FULL_CALL, OP_SEND, OP_FULL_SEND, OP_PULL, OP_RELAY, OP_RELAYED,
    OP_EXT_CALL, OP_EXT_SEND, OP_MISMATCH, OP_YIELD, OP_STOP, OP_COUNT
};

/* MR0: op (bits 0-7, REPLY in bit 7), thread index (8-11), sequence (16-31) */
#define TAG(op, who, seq)   ((uint32_t)(op) | ((uint32_t)(who) << 8) | ((uint32_t)(seq) << 16))
#define TAG_OP(t)           ((t) & 0x7Fu)
#define TAG_WHO(t)          (((t) >> 8) & 0xFu)

struct stats {
    uint32_t fails;
    uint32_t out_n, out_sum;        /* messages this thread sent (that were delivered) */
    uint32_t in_n, in_sum;          /* messages this thread received */
    uint32_t ops[OP_COUNT];
    uint32_t mismatches;            /* -ENOIPC results seen (SRV: replies it knows are dropped) */
};

static struct stats st[NTHREADS];
static volatile uint32_t tids[NTHREADS];
static uint32_t thread_seed[NTHREADS];
static uint8_t ext_buf[NTHREADS][EXT_MAX] __attribute__((aligned(8)));

/* ---- hashing and content -------------------------------------------------- */
static uint32_t mix(uint32_t k, uint32_t i)
{
    uint32_t h = k ^ (i * 0x9E3779B9u);
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static uint32_t rnd(uint32_t *x)
{
    uint32_t v = *x;
    v ^= v << 13;
    v ^= v >> 17;
    v ^= v << 5;
    return *x = v;
}

/* the key of the answer to a message with key k */
static uint32_t answer_key(uint32_t k) { return mix(k, 99); }

static uint32_t msg_hash(uint32_t tag, uint32_t key, uint32_t size)
{
    return mix(tag ^ mix(key, 1), size + 2);
}

static void sent(struct stats *s, uint32_t tag, uint32_t key, uint32_t size)
{
    s->out_n++;
    s->out_sum += msg_hash(tag, key, size);
}

static void received(struct stats *s, uint32_t tag, uint32_t key, uint32_t size)
{
    s->in_n++;
    s->in_sum += msg_hash(tag, key, size);
}

/* a thread's own check: counts in its stats, prints one line */
static int tcheck(struct stats *s, const char *what, uint32_t got, uint32_t want)
{
    if (got == want)
        return 1;
    l4_printf("FAIL %s (thread %u): got 0x%08x want 0x%08x\n", what, (uint32_t)(s - st), got, want);
    s->fails++;
    return 0;
}

/* MR2 = key, MR3-MR5 derived from it (short and full messages) */
static void fill_mrs(uint32_t mr[L4_MR_COUNT], uint32_t tag, uint32_t key)
{
    mr[0] = tag;
    mr[1] = BOGUS_MR1;
    mr[2] = key;
    for (unsigned i = 3; i < L4_MR_COUNT; i++)
        mr[i] = mix(key, i);
}

static void check_mrs(struct stats *s, const char *what, const uint32_t mr[L4_MR_COUNT])
{
    for (unsigned i = 3; i < L4_MR_COUNT; i++)
        tcheck(s, what, mr[i], mix(mr[2], i));
}

static void fill_utcb(uint32_t key)
{
    struct l4_utcb *u = l4_utcb();
    for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
        u->mr[i] = mix(key, 16 + i);
}

static void check_utcb(struct stats *s, const char *what, uint32_t key)
{
    const struct l4_utcb *u = l4_utcb();
    uint32_t bad = 0;
    for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
        bad += u->mr[i] != mix(key, 16 + i);
    tcheck(s, what, bad, 0);
}

/* extended payload: n bytes of the words key ^ (j * golden) */
static void fill_bytes(uint8_t *buf, uint32_t key, uint32_t n)
{
    uint32_t *w = (uint32_t *)buf;
    for (uint32_t j = 0; j < (n + 3) / 4; j++)
        w[j] = key ^ (j * 0x9E3779B9u);
}

static void check_bytes(struct stats *s, const char *what, const uint8_t *buf, uint32_t key, uint32_t n)
{
    const uint32_t *w = (const uint32_t *)buf;
    uint32_t bad = 0;
    for (uint32_t j = 0; j < n / 4; j++)
        bad += w[j] != (key ^ (j * 0x9E3779B9u));
    for (uint32_t i = n & ~3u; i < n; i++)
        bad += buf[i] != (uint8_t)((key ^ ((i / 4) * 0x9E3779B9u)) >> (8 * (i % 4)));
    tcheck(s, what, bad, 0);
}

/* ---- SRV: short and full calls, sends and pulls ------------------------------ */
static int srv_main(void *arg)
{
    struct stats *s = &st[T_SRV];
    uint32_t mr[L4_MR_COUNT], got;
    l4_tid_t reply_to = L4_NILTHREAD;
    uint32_t flags = L4_IPC_SHORT, errors = 0;
    (void)arg;

    for (;;) {
        /* reply (if there is one to give) and wait for the next message */
        int e = l4_ipc_flags(reply_to, L4_ANYTHREAD, flags, mr, &got);
        uint32_t my_tier = flags;
        reply_to = L4_NILTHREAD;
        flags = L4_IPC_SHORT;
        if (!tcheck(s, "SRV receive", (uint32_t)e, 0)) {
            if (++errors > GIVE_UP)
                return (int)s->fails;
            continue;
        }
        errors = 0;
        uint32_t tag = mr[0], op = TAG_OP(tag), who = TAG_WHO(tag), key = mr[2];
        if (!tcheck(s, "SRV: sender known", who < NTHREADS, 1))
            continue;
        tcheck(s, "SRV: MR1 is the sender", mr[1], tids[who]);
        int full = op == OP_FULL_CALL || op == OP_FULL_SEND;
        tcheck(s, "SRV: tier by the mixing rules", got, full || my_tier == L4_IPC_FULL ? L4_IPC_FULL : L4_IPC_SHORT);
        if (op == OP_STOP) {
            received(s, tag, key, 0);
            return (int)s->fails;
        }
        check_mrs(s, "SRV: MR3-MR5", mr);
        if (full)
            check_utcb(s, "SRV: UTCB words", key);
        received(s, tag, key, full);
        s->ops[op]++;

        uint32_t k2 = answer_key(key), atag = tag | REPLY;
        switch (op) {
        case OP_CALL:
        case OP_RELAYED:
        case OP_FULL_CALL:
            reply_to = tids[who];
            fill_mrs(mr, atag, k2);
            if (op == OP_FULL_CALL) {
                fill_utcb(k2);
                flags = L4_IPC_FULL;
            }
            /* a call's sender waits for this: the reply-and-wait delivers it */
            sent(s, atag, k2, op == OP_FULL_CALL);
            break;
        case OP_PULL:
            /* the puller receives from SRV right after its send returned */
            fill_mrs(mr, atag, k2);
            if (tcheck(s, "SRV: send the pulled answer", (uint32_t)l4_ipc(tids[who], L4_NILTHREAD, L4_IPC_SHORT, mr), 0))
                sent(s, atag, k2, 0);
            break;
        case OP_SEND:
        case OP_FULL_SEND:
            /* an answer nobody waits for: the sender is sending again, or
             * receiving only after SRV took that send, or gone; the
             * reply-and-wait drops it and goes on to receive */
            reply_to = tids[who];
            fill_mrs(mr, atag, k2);
            if (op == OP_FULL_SEND)
                flags = L4_IPC_FULL;
            s->mismatches++;        /* SRV counts its dropped replies here */
            break;
        default:
            tcheck(s, "SRV: op", op, 0);
            break;
        }
    }
}

/* ---- RLY: calls SRV on behalf of its caller ---------------------------------- */
static int rly_main(void *arg)
{
    struct stats *s = &st[T_RLY];
    uint32_t mr[L4_MR_COUNT], got, errors = 0;
    l4_tid_t reply_to = L4_NILTHREAD;
    (void)arg;

    for (;;) {
        int e = l4_ipc_flags(reply_to, L4_ANYTHREAD, L4_IPC_SHORT, mr, &got);
        reply_to = L4_NILTHREAD;
        if (!tcheck(s, "RLY receive", (uint32_t)e, 0)) {
            if (++errors > GIVE_UP)
                return (int)s->fails;
            continue;
        }
        errors = 0;
        uint32_t tag = mr[0], op = TAG_OP(tag), who = TAG_WHO(tag), key = mr[2];
        if (!tcheck(s, "RLY: sender known", who < NTHREADS, 1))
            continue;
        tcheck(s, "RLY: MR1 is the sender", mr[1], tids[who]);
        tcheck(s, "RLY: tier", got, L4_IPC_SHORT);
        received(s, tag, key, 0);
        if (op == OP_STOP)
            return (int)s->fails;
        check_mrs(s, "RLY: MR3-MR5", mr);
        if (!tcheck(s, "RLY: op", op, OP_RELAY))
            continue;
        s->ops[op]++;

        /* the inner call: SRV answers key k1 with answer_key(k1) */
        /* its sequence names the outer call, so no sum depends on the order RLY serves in */
        uint32_t k1 = mix(key, 7), itag = TAG(OP_RELAYED, T_RLY, (who << 8) | ((tag >> 16) & 0xFF));
        fill_mrs(mr, itag, k1);
        e = l4_ipc_flags(tids[T_SRV], tids[T_SRV], L4_IPC_SHORT, mr, &got);
        if (!tcheck(s, "RLY: call SRV", (uint32_t)e, 0))
            continue;
        sent(s, itag, k1, 0);
        uint32_t k3 = answer_key(k1);
        tcheck(s, "RLY: SRV's answer tag", mr[0], itag | REPLY);
        tcheck(s, "RLY: SRV's answer MR1", mr[1], tids[T_SRV]);
        tcheck(s, "RLY: SRV's answer key", mr[2], k3);
        tcheck(s, "RLY: SRV's answer tier", got, L4_IPC_SHORT);
        check_mrs(s, "RLY: SRV's answer MR3-MR5", mr);
        received(s, mr[0], mr[2], 0);

        /* the outer answer */
        uint32_t k4 = mix(k3, 8), atag = tag | REPLY;
        fill_mrs(mr, atag, k4);
        reply_to = tids[who];
        sent(s, atag, k4, 0);
    }
}

/* ---- EXT: extended calls and sends ----------------------------------------------- */
static int ext_main(void *arg)
{
    struct stats *s = &st[T_EXT];
    uint8_t *buf = ext_buf[T_EXT];
    uint32_t mr[L4_MR_COUNT], got, errors = 0;
    l4_tid_t reply_to = L4_NILTHREAD;
    (void)arg;

    for (;;) {
        /* answers are sent from buf and the next message lands in buf; a
         * reply of 2048 bytes gives the caller min(2048, its size) */
        mr[EXT_MR] = (uint32_t)buf;
        int e = l4_ipc_flags(reply_to, L4_ANYTHREAD, L4_IPC_EXT(EXT_MR, EXT_MAX), mr, &got);
        reply_to = L4_NILTHREAD;
        if (e == -L4_ENOIPC) {          /* a short sender met our extended receive */
            s->mismatches++;
            continue;
        }
        if (!tcheck(s, "EXT receive", (uint32_t)e, 0)) {
            if (++errors > GIVE_UP)
                return (int)s->fails;
            continue;
        }
        errors = 0;
        uint32_t tag = mr[0], op = TAG_OP(tag), who = TAG_WHO(tag), key = mr[2], n = mr[3];
        if (!tcheck(s, "EXT: sender known", who < NTHREADS, 1))
            continue;
        tcheck(s, "EXT: MR1 is the sender", mr[1], tids[who]);
        tcheck(s, "EXT: tier", L4_IPC_TIER(got), L4_IPC_EXTENDED);
        tcheck(s, "EXT: bytes received", L4_IPC_SIZE(got), n);
        tcheck(s, "EXT: MR4", mr[4], mix(key, 4));
        received(s, tag, key, n);
        if (op == OP_STOP)
            return (int)s->fails;
        check_bytes(s, "EXT: payload", buf, key, n);
        s->ops[op]++;
        if (op == OP_EXT_CALL) {
            uint32_t k2 = answer_key(key), atag = tag | REPLY;
            fill_bytes(buf, k2, n);
            mr[0] = atag;
            mr[1] = BOGUS_MR1;
            mr[2] = k2;
            mr[3] = n;
            mr[4] = mix(k2, 4);
            reply_to = tids[who];
            sent(s, atag, k2, n);
        } else {
            tcheck(s, "EXT: op", op, OP_EXT_SEND);
        }
    }
}

/* ---- clients ------------------------------------------------------------------------ */
/* a short or full call to SRV; the answer is checked */
static void do_call(struct stats *s, uint32_t tag, uint32_t key, int full)
{
    uint32_t mr[L4_MR_COUNT], got, tier = full ? L4_IPC_FULL : L4_IPC_SHORT;
    fill_mrs(mr, tag, key);
    if (full)
        fill_utcb(key);
    if (!tcheck(s, full ? "full call SRV" : "call SRV", (uint32_t)l4_ipc_flags(tids[T_SRV], tids[T_SRV], tier, mr, &got), 0))
        return;
    sent(s, tag, key, full);
    uint32_t k2 = answer_key(key);
    tcheck(s, "answer tag", mr[0], tag | REPLY);
    tcheck(s, "answer MR1", mr[1], tids[T_SRV]);
    tcheck(s, "answer key", mr[2], k2);
    tcheck(s, "answer tier", got, tier);
    check_mrs(s, "answer MR3-MR5", mr);
    if (full)
        check_utcb(s, "answer UTCB words", k2);
    received(s, mr[0], mr[2], full);
}

static void do_send(struct stats *s, uint32_t tag, uint32_t key, int full)
{
    uint32_t mr[L4_MR_COUNT];
    fill_mrs(mr, tag, key);
    if (full)
        fill_utcb(key);
    if (tcheck(s, full ? "full send to SRV" : "send to SRV",
               (uint32_t)l4_ipc(tids[T_SRV], L4_NILTHREAD, full ? L4_IPC_FULL : L4_IPC_SHORT, mr), 0))
        sent(s, tag, key, full);
}

/* a one-way request, then a receive from SRV of what it sends back */
static void do_pull(struct stats *s, uint32_t tag, uint32_t key)
{
    uint32_t mr[L4_MR_COUNT], got;
    fill_mrs(mr, tag, key);
    if (!tcheck(s, "pull: send to SRV", (uint32_t)l4_ipc(tids[T_SRV], L4_NILTHREAD, L4_IPC_SHORT, mr), 0))
        return;
    sent(s, tag, key, 0);
    memset(mr, 0, sizeof mr);
    if (!tcheck(s, "pull: receive from SRV", (uint32_t)l4_ipc_flags(L4_NILTHREAD, tids[T_SRV], L4_IPC_SHORT, mr, &got), 0))
        return;
    uint32_t k2 = answer_key(key);
    tcheck(s, "pulled tag", mr[0], tag | REPLY);
    tcheck(s, "pulled MR1", mr[1], tids[T_SRV]);
    tcheck(s, "pulled key", mr[2], k2);
    tcheck(s, "pulled tier", got, L4_IPC_SHORT);
    check_mrs(s, "pulled MR3-MR5", mr);
    received(s, mr[0], mr[2], 0);
}

static void do_relay(struct stats *s, uint32_t tag, uint32_t key)
{
    uint32_t mr[L4_MR_COUNT], got;
    fill_mrs(mr, tag, key);
    if (!tcheck(s, "call RLY", (uint32_t)l4_ipc_flags(tids[T_RLY], tids[T_RLY], L4_IPC_SHORT, mr, &got), 0))
        return;
    sent(s, tag, key, 0);
    uint32_t k4 = mix(answer_key(mix(key, 7)), 8);
    tcheck(s, "relayed tag", mr[0], tag | REPLY);
    tcheck(s, "relayed MR1", mr[1], tids[T_RLY]);
    tcheck(s, "relayed key", mr[2], k4);
    tcheck(s, "relayed tier", got, L4_IPC_SHORT);
    check_mrs(s, "relayed MR3-MR5", mr);
    received(s, mr[0], mr[2], 0);
}

/* n bytes to EXT; a call gets n bytes back in the same buffer */
static void do_ext(struct stats *s, uint8_t *buf, uint32_t tag, uint32_t key, uint32_t n, int call)
{
    uint32_t mr[L4_MR_COUNT], got = 0;
    fill_bytes(buf, key, n);
    mr[0] = tag;
    mr[1] = BOGUS_MR1;
    mr[2] = key;
    mr[3] = n;
    mr[4] = mix(key, 4);
    mr[EXT_MR] = (uint32_t)buf;
    l4_tid_t ext = tids[T_EXT];
    int e = l4_ipc_flags(ext, call ? ext : L4_NILTHREAD, L4_IPC_EXT(EXT_MR, n), mr, &got);
    if (!tcheck(s, call ? "extended call EXT" : "extended send to EXT", (uint32_t)e, 0))
        return;
    sent(s, tag, key, n);
    if (!call)
        return;
    uint32_t k2 = answer_key(key);
    tcheck(s, "ext answer tag", mr[0], tag | REPLY);
    tcheck(s, "ext answer MR1", mr[1], ext);
    tcheck(s, "ext answer key", mr[2], k2);
    tcheck(s, "ext answer tier", L4_IPC_TIER(got), L4_IPC_EXTENDED);
    tcheck(s, "ext answer bytes", L4_IPC_SIZE(got), n);
    check_bytes(s, "ext answer payload", buf, k2, n);
    received(s, mr[0], mr[2], n);
}

static int client_main(void *arg)
{
    unsigned me = (unsigned)arg;
    struct stats *s = &st[me];
    uint32_t x = thread_seed[me];
    uint32_t nops = 100 + rnd(&x) % 100;       /* < 256: RLY's inner tags hold 8 bits of it */

    for (uint32_t seq = 0; seq < nops; seq++) {
        uint32_t pick = rnd(&x) % 100, key = rnd(&x);
        uint32_t op = pick < 25 ? OP_CALL : pick < 35 ? OP_FULL_CALL : pick < 47 ? OP_EXT_CALL
                    : pick < 55 ? OP_SEND : pick < 60 ? OP_FULL_SEND : pick < 65 ? OP_EXT_SEND
                    : pick < 73 ? OP_PULL : pick < 83 ? OP_RELAY : pick < 86 ? OP_MISMATCH : OP_YIELD;
        uint32_t tag = TAG(op, me, seq);
        s->ops[op]++;
        switch (op) {
        case OP_CALL:      do_call(s, tag, key, 0); break;
        case OP_FULL_CALL: do_call(s, tag, key, 1); break;
        case OP_SEND:      do_send(s, tag, key, 0); break;
        case OP_FULL_SEND: do_send(s, tag, key, 1); break;
        case OP_PULL:      do_pull(s, tag, key); break;
        case OP_RELAY:     do_relay(s, tag, key); break;
        case OP_EXT_CALL:  do_ext(s, ext_buf[me], tag, key, rnd(&x) % (EXT_MAX + 1), 1); break;
        case OP_EXT_SEND:  do_ext(s, ext_buf[me], tag, key, rnd(&x) % (EXT_MAX + 1), 0); break;
        case OP_MISMATCH: {
            /* a short call meets EXT's extended receive: nothing delivered */
            uint32_t mr[L4_MR_COUNT];
            fill_mrs(mr, tag, key);
            if (tcheck(s, "short call to an extended receiver", (uint32_t)l4_call(tids[T_EXT], mr), (uint32_t)-L4_ENOIPC))
                s->mismatches++;
            break;
        }
        default:
            l4_yield();
            break;
        }
    }
    /* a last call: SRV's dropped answer to this client's last one-way send
     * then finds it alive (sending this call), never exited */
    s->ops[OP_CALL]++;
    do_call(s, TAG(OP_CALL, me, nops), rnd(&x), 0);
    return (int)s->fails;
}

/* ---- main: one run per seed --------------------------------------------------------- */
static l4_thread_fn const thread_fn[NTHREADS] = {
    0, srv_main, ext_main, rly_main, client_main, client_main, client_main, client_main,
};
static const char *const thread_name[NTHREADS] = { "main", "SRV", "EXT", "RLY", "C0", "C1", "C2", "C3" };

static void stop(unsigned t)
{
    struct stats *s = &st[T_MAIN];
    uint32_t mr[L4_MR_COUNT], tag = TAG(OP_STOP, T_MAIN, t), key = mix(t, 0x5709);
    int e;
    fill_mrs(mr, tag, key);
    if (t == T_EXT) {           /* EXT receives extended only: an empty extended send */
        mr[3] = 0;
        mr[4] = mix(key, 4);
        mr[EXT_MR] = (uint32_t)ext_buf[T_MAIN];
        e = l4_ipc(tids[t], L4_NILTHREAD, L4_IPC_EXT(EXT_MR, 0), mr);
    } else {
        e = l4_ipc(tids[t], L4_NILTHREAD, L4_IPC_SHORT, mr);
    }
    if (CHECK("send STOP", e, 0))
        sent(s, tag, key, 0);
}

static void run_seed(uint32_t seed, unsigned base_prio, uint32_t cores)
{
    uint32_t x = mix(seed, 0) | 1;
    unsigned core[NTHREADS];
    int tid[NTHREADS];

    memset(st, 0, sizeof st);
    tids[T_MAIN] = l4_myself();
    for (unsigned t = 1; t < NTHREADS; t++) {
        thread_seed[t] = rnd(&x) | 1;
        core[t] = rnd(&x) % cores;
    }
    core[T_CLIENT0] = core[T_SRV];      /* a same-core pair: fast-path candidates */
    l4_printf("ipcrand: seed 0x%08x\n", seed);

    /* create everything first (the ids must be known before anyone sends) */
    for (unsigned t = 1; t < NTHREADS; t++) {
        unsigned prio = base_prio - (rnd(&x) & 1);
        unsigned mask = cores > 1 ? 1u << core[t] : 0;
        tid[t] = l4_thread_prepare(thread_fn[t], (void *)t, stack_top(t - 1), t, (int)prio, mask);
        if (!CHECK("prepare thread", tid[t] > 0 ? 0 : tid[t], 0))
            tid[t] = 0;
        tids[t] = (uint32_t)tid[t];
    }
    l4_dmb();
    for (unsigned t = 1; t < NTHREADS; t++) {
        if (tid[t] > 0 && !CHECK("run thread", l4_run((l4_tid_t)tid[t]), 0)) {
            l4_destroy((l4_tid_t)tid[t]);
            tid[t] = 0;
        }
    }

    /* the clients finish on their own; then the servers are told to stop */
    static const unsigned order[NTHREADS - 1] = { T_CLIENT0, T_CLIENT0 + 1, T_CLIENT0 + 2, T_CLIENT0 + 3,
                                                  T_RLY, T_SRV, T_EXT };
    for (unsigned i = 0; i < NTHREADS - 1; i++) {
        unsigned t = order[i];
        if (tid[t] <= 0)
            continue;
        if (t < T_CLIENT0)
            stop(t);
        int code = l4_wait((l4_tid_t)tid[t]);
        if (code != 0) {
            l4_printf("FAIL %s exit code: got %d want 0\n", thread_name[t], code);
            failures++;
        }
    }
    l4_dmb();

    /* every message sent arrived once: the order-independent sums agree */
    struct stats all;
    memset(&all, 0, sizeof all);
    for (unsigned t = 0; t < NTHREADS; t++) {
        all.out_n += st[t].out_n;
        all.out_sum += st[t].out_sum;
        all.in_n += st[t].in_n;
        all.in_sum += st[t].in_sum;
        for (unsigned op = 0; op < OP_COUNT; op++)
            all.ops[op] += t >= T_CLIENT0 ? st[t].ops[op] : 0;
        if (t >= T_CLIENT0)
            all.mismatches += st[t].mismatches;
    }
    CHECK("messages received = messages sent", all.in_n, all.out_n);
    CHECK_HEX("hash of all received = hash of all sent", all.in_sum, all.out_sum);
    CHECK("EXT saw every mismatch the clients saw", st[T_EXT].mismatches, all.mismatches);
    CHECK("SRV served every relayed call", st[T_SRV].ops[OP_RELAYED], st[T_RLY].ops[OP_RELAY]);
    CHECK("RLY served every relay", st[T_RLY].ops[OP_RELAY], all.ops[OP_RELAY]);
    CHECK("SRV calls", st[T_SRV].ops[OP_CALL], all.ops[OP_CALL]);
    CHECK("SRV full calls", st[T_SRV].ops[OP_FULL_CALL], all.ops[OP_FULL_CALL]);
    CHECK("SRV sends", st[T_SRV].ops[OP_SEND] + st[T_SRV].ops[OP_FULL_SEND],
          all.ops[OP_SEND] + all.ops[OP_FULL_SEND]);
    CHECK("SRV pulls", st[T_SRV].ops[OP_PULL], all.ops[OP_PULL]);
    CHECK("SRV's dropped replies (one per send)", st[T_SRV].mismatches, all.ops[OP_SEND] + all.ops[OP_FULL_SEND]);
    CHECK("EXT calls", st[T_EXT].ops[OP_EXT_CALL], all.ops[OP_EXT_CALL]);
    CHECK("EXT sends", st[T_EXT].ops[OP_EXT_SEND], all.ops[OP_EXT_SEND]);

    uint32_t checksum = mix(all.in_sum, all.in_n);
    l4_printf("ipcrand: seed 0x%08x: %u messages (%u calls, %u full calls, %u ext calls, %u sends, %u full sends, "
              "%u ext sends, %u pulls, %u relays, %u mismatches, %u yields), checksum 0x%08x\n",
              seed, all.in_n, all.ops[OP_CALL], all.ops[OP_FULL_CALL], all.ops[OP_EXT_CALL], all.ops[OP_SEND],
              all.ops[OP_FULL_SEND], all.ops[OP_EXT_SEND], all.ops[OP_PULL], all.ops[OP_RELAY],
              all.ops[OP_MISMATCH], all.ops[OP_YIELD], checksum);
}

/* ---- a reply-and-wait whose partner died ---------------------------------------------- */
/* docs/ipc.md: "if X is not waiting to receive from the caller (it gave up
 * its call, was suspended, or died), the reply is dropped and the receive
 * half goes on". Checked with X a zombie and X reaped (a stale id). */
static volatile uint32_t exiting;

static int exits_at_once(void *arg)
{
    exiting = 1;
    l4_dmb();
    return (int)arg;
}

static int sends_to_main(void *arg)
{
    uint32_t mr[L4_MR_COUNT] = { 0xD0D0D0D0u, 0, (uint32_t)arg, 0, 0, 0 };
    return l4_send(tids[T_MAIN], mr) == 0 ? 0 : 1;
}

static void check_reply_to_the_dead(void)
{
    static const char *const what[2] = {
        "reply-and-wait to a zombie: reply dropped, receive goes on",
        "reply-and-wait to a reaped thread: reply dropped, receive goes on",
    };
    tids[T_MAIN] = l4_myself();
    exiting = 0;
    int dead = l4_thread_start(exits_at_once, (void *)5, stack_top(0), 1, -1, 0);
    if (!CHECK("start a thread that exits", dead > 0 ? 0 : dead, 0))
        return;
    wait_flag(&exiting, 1, 1000000);
    settle(1);                              /* it has exited: a zombie */
    for (unsigned phase = 0; phase < 2; phase++) {
        if (phase == 1)
            CHECK("reap the thread that exited", l4_wait((l4_tid_t)dead), 5);
        int h = l4_thread_start(sends_to_main, (void *)(0x600 + phase), stack_top(1), 2, -1, 0);
        if (!CHECK("start a sender", h > 0 ? 0 : h, 0))
            return;
        uint32_t mr[L4_MR_COUNT] = { 0xA5A5A5A5u, 0, 0, 0, 0, 0 };
        int e = l4_ipc((l4_tid_t)dead, L4_ANYTHREAD, L4_IPC_SHORT, mr);
        if (CHECK(what[phase], e, 0)) {
            CHECK_HEX("the message received after the dropped reply", mr[2], 0x600 + phase);
            CHECK_HEX("its sender", mr[1], (uint32_t)h);
        } else {
            l4_receive((l4_tid_t)h, mr);    /* let the sender go */
        }
        CHECK("sender exit code", l4_wait((l4_tid_t)h), 0);
    }
}

int main(void)
{
    uint32_t cores = l4_kip_cores();
    int prio = l4_self_priority();
    if (!CHECK_TRUE("own priority known", prio >= 1))
        return finish("ipcrand");
    l4_printf("ipcrand: %u seeds, 3 servers and %u clients each (%u core%s)\n", NSEEDS, NCLIENTS, cores,
              cores == 1 ? "" : "s");
    for (unsigned i = 0; i < NSEEDS; i++)
        run_seed(seeds[i], (unsigned)prio, cores);
    check_reply_to_the_dead();
    return finish("ipcrand");
}
