/*
 * ipc.c - kernel test of the three-tier IPC of docs/ipc.md: tiers, mixing rules, sender ids, FIFO
 * order, call and reply-and-wait, errors, faults in extended buffers, suspend, cross-core calls.
 */
#include "l4test.h"

#define SETTLE          1           /* KIP time slices for a thread to get blocked */
#define FIFO_SETTLE     3           /* more where the order matters */
#define LONG_WAIT       5000000     /* yields before a thread counts as stuck (seconds of host time) */
#define ORDER_CORE      1u          /* affinity of main and its peers where the order of events matters */

#define UNMAPPED        0x30000000u /* never mapped */
#define BAD_UTCB        0x30000100u /* 256-aligned, unmapped */
#define SCRATCH_A       0x40000000u /* pages main maps while serving its threads' buffer faults */
#define SCRATCH_B       0x40100000u
#define SCRATCH_C       0x40200000u

#define TAG_DATA        0x7A600000u
#define TAG_FIFO        0xF1F00000u
#define TAG_CALL        0xCA110000u
#define TAG_SEND        0x5E4D0000u /* a plain send to a server: its reply is dropped */
#define TAG_HOLD        0x401D0000u /* the server holds its reply until released */
#define TAG_QUIT        0x51554954u
#define TAG_RESCUE      0x52455343u /* a peer whose ipc failed unexpectedly unblocks main with it */

#define PEER            0u          /* in exchange(): "the peer thread's id" (0 names no thread) */
#define CROSS_CALLS     1000
#define FIFO_N          4

extern char __text_start[];
static const uint8_t ro_bytes[256] = { 1, 2, 3, 4, 5, 6, 7, 8 };    /* read-only data, in the text */

static l4_tid_t main_tid;
static uint32_t seed_counter;
static uint32_t svc_pc;             /* address of the svc in l4_ipc_flags */
static uint32_t next_frame;         /* free physical memory for the pager tests */
static int main_prio;

/* ---- check names: "<prefix>: <item>" --------------------------------------------- */
static char prefix[96];
static char whatbuf[160];

static const char *what(const char *fmt, ...)
{
    va_list ap;
    int n = l4_snprintf(whatbuf, sizeof whatbuf, "%s: ", prefix);
    if (n < 0 || n >= (int)sizeof whatbuf)
        n = 0;
    va_start(ap, fmt);
    l4_vsnprintf(whatbuf + n, sizeof whatbuf - n, fmt, ap);
    va_end(ap);
    return whatbuf;
}

static void section(const char *name)
{
    l4_printf("ipc: %s\n", name);
    l4_snprintf(prefix, sizeof prefix, "%s", name);
}

/*
 * Where a check depends on a thread having blocked before main goes on, main and that thread share
 * one core: on four cores in parallel mode the host may stop another core's thread for longer than
 * any wait, but on one core main's yield runs the thread until it blocks. mask 0: any core again.
 */
static void pin_main(unsigned mask)
{
    CHECK(what("main's affinity 0x%x", mask), l4_sched(L4_NILTHREAD, (uint32_t)main_prio, mask), 0);
}

/* ---- data patterns ------------------------------------------------------------------ */
static uint32_t word_pattern(uint32_t seed, uint32_t i)
{
    uint32_t x = seed * 0x9E3779B9u + i * 0x85EBCA6Bu + 1;
    return x ^ (x >> 15);
}

static uint8_t byte_pattern(uint32_t seed, uint32_t i)
{
    return (uint8_t)(word_pattern(seed, i) >> 8);
}

static struct l4_utcb *slot_utcb(unsigned slot)
{
    return (struct l4_utcb *)L4_UTCB_SLOT(slot);
}

static void fill_utcb(struct l4_utcb *u, uint32_t seed)
{
    for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
        u->mr[i] = word_pattern(seed, i);
}

/* One FAIL line at most: the first UTCB word that is not word_pattern(seed, i). */
static int check_utcb(const char *item, const struct l4_utcb *u, uint32_t seed)
{
    for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
        if (u->mr[i] != word_pattern(seed, i))
            return CHECK_HEX(what("%s word %u", item, i), u->mr[i], word_pattern(seed, i));
    return 1;
}

/* Buffers: 64 guard bytes either side; a 2048-byte buffer at an odd address crossing a page. */
#define GUARD       64
#define BUF_OFFSET  (4096 - 1000 + 1)
static uint8_t main_area[2 * 4096] __attribute__((aligned(4096)));
static uint8_t peer_area[2][2 * 4096] __attribute__((aligned(4096)));
static uint8_t fault_area[2 * 4096] __attribute__((aligned(4096)));
#define MAIN_BUF    (main_area + BUF_OFFSET)
#define PEER_BUF(i) (peer_area[i] + BUF_OFFSET)
#define FAULT_BUF   (fault_area + BUF_OFFSET)  /* where main receives fault messages in the extended tier */

/* Fills buf[-GUARD .. 2048 + GUARD) with byte_pattern(seed, ...), or 0xEE when seed is 0. */
static void fill_buf(uint8_t *buf, uint32_t seed)
{
    for (int i = -GUARD; i < L4_IPC_EXTENDED_MAX + GUARD; i++)
        buf[i] = seed ? byte_pattern(seed, (uint32_t)(i + GUARD)) : 0xEE;
}

/* buf[from .. to) holds what fill_buf(seed) put there (0xEE for seed 0); one FAIL line at most. */
static int check_buf(const char *item, const uint8_t *buf, int from, int to, uint32_t seed)
{
    for (int i = from; i < to; i++) {
        uint8_t want = seed ? byte_pattern(seed, (uint32_t)(i + GUARD)) : 0xEE;
        if (buf[i] != want)
            return CHECK_HEX(what("%s byte %d", item, i), buf[i], want);
    }
    return 1;
}

/* ---- peer threads: each makes one ipc ------------------------------------------------- */
struct peer {
    uint32_t to, from, flags;
    uint32_t mr[L4_MR_COUNT];
    uint32_t received;
    int32_t result;
    int32_t expect;                 /* the result it should get */
    uint32_t rescue;                /* main receives from it: a wrong result must not leave main blocked */
    uint32_t wait_go;               /* wait for go, then settle, before the ipc */
    volatile uint32_t go, started, done, rescued;
    int tid;
};
static struct peer peers[2];

static int peer_fn(void *arg)
{
    struct peer *p = arg;
    l4_dmb();
    p->started = 1;
    if (p->wait_go) {
        wait_flag(&p->go, 1, ~0u);
        settle(SETTLE);
    }
    p->result = l4_ipc_flags(p->to, p->from, p->flags, p->mr, &p->received);
    l4_dmb();
    p->done = 1;
    if (p->rescue && p->result != p->expect) {
        /* a kernel bug: main may wait for this thread forever; send it something instead */
        uint32_t mr[L4_MR_COUNT] = { TAG_RESCUE, 0, 0, 0, 0, 0 };
        l4_ipc(main_tid, L4_NILTHREAD, L4_IPC_SHORT, mr);
        p->rescued = 1;
    }
    return 0;
}

static struct peer *peer_set(unsigned i, uint32_t to, uint32_t from, uint32_t flags)
{
    struct peer *p = &peers[i];
    memset(p->mr, 0, sizeof p->mr);
    p->to = to;
    p->from = from;
    p->flags = flags;
    p->received = 0xFFFFFFFFu;
    p->result = 1;
    p->expect = 0;
    p->rescue = 0;
    p->wait_go = p->go = p->started = p->done = p->rescued = 0;
    p->tid = 0;
    return p;
}

/* Starts peer i on stack i with UTCB slot 1 + i, or the UTCB at `utcb` when not 0, with `affinity`. */
static int peer_start(unsigned i, uint32_t utcb, int wait_go, unsigned affinity)
{
    struct peer *p = &peers[i];
    p->wait_go = (uint32_t)wait_go;
    l4_dmb();
    int t = l4_thread_prepare(peer_fn, p, stack_top(i), 1 + i, -1, affinity);
    if (t > 0 && utcb) {
        struct exregs r;
        memset(&r, 0, sizeof r);
        r.flags = L4_EXREGS_SET_UTCB;
        r.utcb = utcb;
        int e = l4_exchange_registers(&r, (l4_tid_t)t);
        if (e < 0) {
            l4_destroy((l4_tid_t)t);
            t = e;
        }
    }
    if (t > 0) {
        int e = l4_run((l4_tid_t)t);
        if (e < 0) {
            l4_destroy((l4_tid_t)t);
            t = e;
        }
    }
    p->tid = t > 0 ? t : 0;
    CHECK(what("start thread %u", i), t > 0 ? 0 : t, 0);
    return t;
}

/* Waits until peer i's ipc returned and collects the thread; a stuck one is destroyed. The id
 * stays in peers[i].tid for the checks. */
static int peer_join(unsigned i)
{
    struct peer *p = &peers[i];
    if (p->tid <= 0)
        return 0;
    int ok = CHECK_TRUE(what("thread %u's ipc returned", i), wait_flag(&p->done, 1, LONG_WAIT));
    /* a thread whose result was wrong may be stuck sending its rescue message */
    int stuck = !ok || (p->rescue && p->result != p->expect && !wait_flag(&p->rescued, 1, 1000));
    if (stuck)
        l4_destroy((l4_tid_t)p->tid);
    else
        CHECK(what("thread %u exits", i), l4_wait((l4_tid_t)p->tid), 0);
    return ok;
}

/* Waits until peer i announced itself and gives it time to block in its ipc. */
static void peer_blocked(unsigned i)
{
    CHECK_TRUE(what("thread %u started", i), wait_flag(&peers[i].started, 1, LONG_WAIT));
    settle(SETTLE);
}

/*
 * One ipc in peer 0 (set up by peer_set before, with the result it expects) and one in main, the
 * peer's first (it blocks before main calls) or main's first (main blocks before the peer calls).
 * PEER in main's to or from stands for the peer's id. Returns main's result; the peer's is in
 * peers[0].result.
 */
static int exchange(uint32_t utcb, int peer_first, uint32_t to, uint32_t from, uint32_t flags,
                    uint32_t mr[L4_MR_COUNT], uint32_t *received)
{
    peers[0].rescue = from != L4_NILTHREAD;
    int t = peer_start(0, utcb, !peer_first, 0);
    if (t <= 0)
        return 1;
    if (to == PEER)
        to = (uint32_t)t;
    if (from == PEER)
        from = (uint32_t)t;
    if (peer_first) {
        peer_blocked(0);
    } else {
        l4_dmb();
        peers[0].go = 1;
    }
    int e = l4_ipc_flags(to, from, flags, mr, received);
    peer_join(0);
    return e;
}

/* ---- one message between main and peer 0, every word checked ------------------------ */
static void tier_name(char *s, unsigned n, uint32_t flags)
{
    if (L4_IPC_TIER(flags) == L4_IPC_EXTENDED)
        l4_snprintf(s, n, "ext %u", L4_IPC_SIZE(flags));
    else
        l4_snprintf(s, n, "%s", L4_IPC_TIER(flags) == L4_IPC_FULL ? "full" : "short");
}

/*
 * The sender (main or the thread) sends with sflags, the receiver takes it with rflags; the
 * receiver waits first or the sender blocks first. The expected outcome is the mixing table:
 * extended against anything else is -ENOIPC for both; short and full give full; extended copies
 * min(sizes) bytes. Each call picks new data, and new buffer indexes for the extended tier.
 */
static void transfer(int main_sends, int receiver_first, uint32_t sflags, uint32_t rflags)
{
    uint32_t seed = ++seed_counter;
    int sext = L4_IPC_TIER(sflags) == L4_IPC_EXTENDED, rext = L4_IPC_TIER(rflags) == L4_IPC_EXTENDED;
    unsigned sindex = seed % 6, rindex = (seed + 1) % 6;
    char st[16], rt[16];

    tier_name(st, sizeof st, sflags);
    tier_name(rt, sizeof rt, rflags);
    l4_snprintf(prefix, sizeof prefix, "%s %s -> %s %s, %s first", main_sends ? "main" : "thread", st,
                main_sends ? "thread" : "main", rt, receiver_first ? "receiver" : "sender");

    struct l4_utcb *su = main_sends ? l4_utcb() : slot_utcb(1);
    struct l4_utcb *ru = main_sends ? slot_utcb(1) : l4_utcb();
    uint8_t *sbuf = main_sends ? MAIN_BUF : PEER_BUF(0);
    uint8_t *rbuf = main_sends ? PEER_BUF(0) : MAIN_BUF;
    fill_utcb(su, seed);
    fill_utcb(ru, ~seed);
    fill_buf(sbuf, seed);
    fill_buf(rbuf, 0);
    if (sext)
        sflags |= sindex << L4_IPC_INDEX_SHIFT;
    if (rext)
        rflags |= rindex << L4_IPC_INDEX_SHIFT;

    /* MR1 is a lie the kernel must replace with the sender's id */
    uint32_t smr[L4_MR_COUNT] = { TAG_DATA | seed, 0xDEADBEEFu, word_pattern(seed, 102),
                                  word_pattern(seed, 103), word_pattern(seed, 104), word_pattern(seed, 105) };
    uint32_t rmr[L4_MR_COUNT] = { 0x0BAD0000u | seed, 0x0BAD0001u, 2, 3, 4, 5 };
    if (sext)
        smr[sindex] = (uint32_t)sbuf;
    if (rext)
        rmr[rindex] = (uint32_t)rbuf;

    /* the peer is the receiver when main sends; receive-from-any or from the sender by turns */
    uint32_t mr[L4_MR_COUNT], received = 0xFFFFFFFFu;
    struct peer *p;
    int peer_first = receiver_first ? main_sends : !main_sends;
    int mres;
    if (main_sends) {
        p = peer_set(0, L4_NILTHREAD, (seed & 1) ? L4_ANYTHREAD : main_tid, rflags);
        p->expect = sext != rext ? -L4_ENOIPC : 0;
        memcpy(p->mr, rmr, sizeof rmr);
        memcpy(mr, smr, sizeof smr);
        mres = exchange(0, peer_first, PEER, L4_NILTHREAD, sflags, mr, &received);
    } else {
        p = peer_set(0, main_tid, L4_NILTHREAD, sflags);
        p->expect = sext != rext ? -L4_ENOIPC : 0;
        memcpy(p->mr, smr, sizeof smr);
        memcpy(mr, rmr, sizeof rmr);
        mres = exchange(0, peer_first, L4_NILTHREAD, (seed & 1) ? L4_ANYTHREAD : PEER, rflags, mr, &received);
    }
    if (p->result == 1 && !p->done)
        return;                     /* the thread did not start or got stuck: already reported */
    int sres = main_sends ? mres : p->result, rres = main_sends ? p->result : mres;
    const uint32_t *got = main_sends ? p->mr : mr;
    uint32_t rflags_got = main_sends ? p->received : received;

    CHECK_TRUE(what("sender's UTCB untouched"), su->mr[0] == word_pattern(seed, 0) &&
               su->mr[63] == word_pattern(seed, 63));
    if (sext != rext) {
        CHECK(what("sender's result"), sres, -L4_ENOIPC);
        CHECK(what("receiver's result"), rres, -L4_ENOIPC);
        CHECK_TRUE(what("nothing delivered (receiver's MR0)"), got[0] != smr[0]);
        check_utcb("receiver's UTCB (untouched)", ru, ~seed);
        check_buf("receiver's buffer (untouched)", rbuf, -GUARD, L4_IPC_EXTENDED_MAX + GUARD, 0);
        return;
    }
    CHECK(what("sender's result"), sres, 0);
    if (!CHECK(what("receiver's result"), rres, 0))
        return;
    for (unsigned i = 0; i < L4_MR_COUNT; i++)
        CHECK_HEX(what("MR%u", i), got[i], i == L4_MR_SENDER ? (main_sends ? main_tid : (uint32_t)p->tid) : smr[i]);
    if (sext) {
        uint32_t ssize = L4_IPC_SIZE(sflags), rsize = L4_IPC_SIZE(rflags);
        int n = (int)(ssize < rsize ? ssize : rsize);
        CHECK(what("received tier"), L4_IPC_TIER(rflags_got), L4_IPC_EXTENDED);
        CHECK(what("received size"), L4_IPC_SIZE(rflags_got), n);
        check_buf("guard before the buffer", rbuf, -GUARD, 0, 0);
        for (int i = 0; i < n; i++)
            if (rbuf[i] != byte_pattern(seed, (uint32_t)(i + GUARD))) {
                CHECK_HEX(what("payload byte %d", i), rbuf[i], byte_pattern(seed, (uint32_t)(i + GUARD)));
                break;
            }
        check_buf("bytes after the payload (untouched)", rbuf, n, L4_IPC_EXTENDED_MAX + GUARD, 0);
        check_utcb("receiver's UTCB (untouched)", ru, ~seed);
    } else {
        int full = L4_IPC_TIER(sflags) == L4_IPC_FULL || L4_IPC_TIER(rflags) == L4_IPC_FULL;
        CHECK_HEX(what("received flags"), rflags_got, full ? L4_IPC_FULL : L4_IPC_SHORT);
        if (full)
            check_utcb("receiver's UTCB (the sender's words)", ru, seed);
        else
            check_utcb("receiver's UTCB (untouched)", ru, ~seed);
        check_buf("receiver's buffer (untouched)", rbuf, -GUARD, L4_IPC_EXTENDED_MAX + GUARD, 0);
    }
}

/* ---- servers: loop on reply-and-wait ------------------------------------------------------ */
struct server {
    uint32_t flags;                 /* tier of the loop (extended: index 5, 2048 bytes) */
    uint8_t *buf;                   /* extended: the buffer */
    volatile uint32_t count;        /* messages taken */
    volatile uint32_t errors;       /* ipc results other than 0 */
    volatile int32_t last_error;
    volatile uint32_t holding, release;
    uint32_t expect;                /* main's count of the messages it has had taken */
    int tid;
};
static uint8_t server_buf[L4_IPC_EXTENDED_MAX];
static struct server srv_short = { .flags = L4_IPC_SHORT };
static struct server srv_ext = { .flags = L4_IPC_EXT(5, L4_IPC_EXTENDED_MAX), .buf = server_buf };

/* The reply is a function of the message: MR0 + 1, MR2 * 3 + 1, ~MR3, the count in MR4, MR5 ^
 * client; a full message's UTCB words become ~w + i, an extended one's bytes b ^ (i * 7 + 1). */
static void answer(struct server *s, uint32_t mr[L4_MR_COUNT], uint32_t got)
{
    uint32_t client = mr[1];
    mr[0] += 1;
    mr[2] = mr[2] * 3 + 1;
    mr[3] = ~mr[3];
    mr[4] = s->count;
    mr[5] ^= client;
    if (L4_IPC_TIER(got) == L4_IPC_FULL) {
        struct l4_utcb *u = l4_utcb();
        for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
            u->mr[i] = ~u->mr[i] + i;
    }
    if (L4_IPC_TIER(got) == L4_IPC_EXTENDED) {
        uint32_t n = L4_IPC_SIZE(got);
        for (uint32_t i = 0; i < n && i < L4_IPC_EXTENDED_MAX; i++)
            s->buf[i] ^= (uint8_t)(i * 7 + 1);
    }
}

static int server_fn(void *arg)
{
    struct server *s = arg;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t got = 0;
    l4_tid_t client = L4_NILTHREAD;     /* NIL: nobody to reply to, only receive */
    for (;;) {
        if (s->buf)
            mr[5] = (uint32_t)s->buf;
        int e = l4_ipc_flags(client, L4_ANYTHREAD, s->flags, mr, &got);
        if (e != 0) {
            s->errors++;
            s->last_error = e;
            client = L4_NILTHREAD;
            continue;
        }
        s->count++;
        client = mr[1];
        if (mr[0] == TAG_QUIT) {
            mr[0] = TAG_QUIT + 1;
            if (s->buf)
                mr[5] = (uint32_t)s->buf;
            l4_ipc_flags(client, L4_NILTHREAD, s->flags, mr, 0);
            return 0;
        }
        if ((mr[0] & 0xFFFF0000u) == TAG_HOLD) {
            s->holding = 1;
            wait_flag(&s->release, 1, ~0u);
            s->release = 0;
            s->holding = 0;
        }
        answer(s, mr, got);
        if (s->buf)
            mr[5] = (uint32_t)s->buf;
    }
}

static int server_start(struct server *s, unsigned stack, unsigned affinity)
{
    s->count = s->errors = s->holding = s->release = 0;
    s->last_error = 0;
    s->expect = 0;
    s->tid = l4_thread_start(server_fn, s, stack_top(stack), 1 + stack, -1, affinity);
    CHECK(what("start server"), s->tid > 0 ? 0 : s->tid, 0);
    return s->tid;
}

/*
 * One call to server s in the given tier (extended: `size` bytes from buf), every word of the
 * reply checked, the server's count included. Returns 1 when all was right.
 */
static int server_call(struct server *s, uint32_t tier, uint32_t size, uint8_t *buf)
{
    uint32_t seed = ++seed_counter;
    l4_tid_t me = l4_myself();
    uint32_t mr[L4_MR_COUNT] = { TAG_CALL | (seed & 0xFFFF), 0, seed, ~seed * 5, 0, seed * 7 };
    uint32_t got = 0xFFFFFFFFu, flags = tier;
    struct l4_utcb *u = l4_utcb();
    int ok = 1;

    fill_utcb(u, seed);
    if (tier == L4_IPC_EXTENDED) {
        fill_buf(buf, seed);
        flags = L4_IPC_EXT(5, size);
        mr[5] = (uint32_t)buf;
    }
    int e = l4_ipc_flags((l4_tid_t)s->tid, (l4_tid_t)s->tid, flags, mr, &got);
    if (!CHECK(what("call result"), e, 0))
        return 0;
    s->expect++;
    ok &= CHECK_HEX(what("reply MR0"), mr[0], (TAG_CALL | (seed & 0xFFFF)) + 1);
    ok &= CHECK_HEX(what("reply MR1 (the server)"), mr[1], (uint32_t)s->tid);
    ok &= CHECK_HEX(what("reply MR2"), mr[2], seed * 3 + 1);
    ok &= CHECK_HEX(what("reply MR3"), mr[3], ~(~seed * 5));
    ok &= CHECK(what("reply MR4 (messages the server took)"), mr[4], s->expect);
    if (tier == L4_IPC_EXTENDED) {
        ok &= CHECK_HEX(what("reply MR5 (the server's buffer)"), mr[5], (uint32_t)s->buf);
        ok &= CHECK(what("reply tier"), L4_IPC_TIER(got), L4_IPC_EXTENDED);
        ok &= CHECK(what("reply size"), L4_IPC_SIZE(got), size);
        for (uint32_t i = 0; i < size; i++) {
            uint8_t want = (uint8_t)(byte_pattern(seed, i + GUARD) ^ (uint8_t)(i * 7 + 1));
            if (buf[i] != want) {
                ok &= CHECK_HEX(what("reply byte %u", i), buf[i], want);
                break;
            }
        }
        ok &= check_buf("after the reply (untouched)", buf, (int)size, L4_IPC_EXTENDED_MAX + GUARD, seed);
        ok &= check_utcb("UTCB (untouched)", u, seed);
    } else {
        ok &= CHECK_HEX(what("reply MR5"), mr[5], seed * 7 ^ me);
        ok &= CHECK_HEX(what("reply flags"), got, tier);
        if (tier == L4_IPC_FULL) {
            for (unsigned i = 0; i < L4_UTCB_WORDS; i++)
                if (u->mr[i] != ~word_pattern(seed, i) + i) {
                    ok &= CHECK_HEX(what("reply UTCB word %u", i), u->mr[i], ~word_pattern(seed, i) + i);
                    break;
                }
        } else {
            ok &= check_utcb("UTCB (untouched)", u, seed);
        }
    }
    return ok;
}

static void server_quit(struct server *s)
{
    uint32_t mr[L4_MR_COUNT] = { TAG_QUIT, 0, 0, 0, 0, 0 };
    if (s->tid <= 0)
        return;
    mr[5] = (uint32_t)MAIN_BUF;
    CHECK(what("quit call"), l4_ipc_flags((l4_tid_t)s->tid, (l4_tid_t)s->tid,
                                          s->buf ? L4_IPC_EXT(5, 0) : L4_IPC_SHORT, mr, 0), 0);
    CHECK_HEX(what("quit reply"), mr[0], TAG_QUIT + 1);
    CHECK(what("server exits"), l4_wait((l4_tid_t)s->tid), 0);
    CHECK(what("server's failed ipcs"), s->errors, 0);
    s->tid = 0;
}

/* ---- FIFO senders --------------------------------------------------------------------------- */
static volatile uint32_t fifo_ready[FIFO_N];
static volatile int32_t fifo_result[FIFO_N];

/* Sender i: short, except sender 1 which sends full (its UTCB words travel too). */
static int fifo_sender(void *arg)
{
    uint32_t i = (uint32_t)arg;
    uint32_t mr[L4_MR_COUNT] = { TAG_FIFO | i, 0, i * 3, i * 5, i * 7, i * 11 };
    uint32_t flags = i == 1 ? L4_IPC_FULL : L4_IPC_SHORT;
    if (i == 1)
        fill_utcb(l4_utcb(), TAG_FIFO);
    l4_dmb();
    fifo_ready[i] = 1;
    fifo_result[i] = l4_ipc(main_tid, L4_NILTHREAD, flags, mr);
    return 0;
}

/* Starts the senders in order, each blocked before the next starts; returns how many started. */
static unsigned fifo_start(int tid[FIFO_N])
{
    unsigned n = 0;
    for (unsigned i = 0; i < FIFO_N; i++) {
        fifo_ready[i] = 0;
        fifo_result[i] = 1;
        tid[i] = l4_thread_start(fifo_sender, (void *)i, stack_top(2 + i), 3 + i, -1, ORDER_CORE);
        if (!CHECK(what("start sender %u", i), tid[i] > 0 ? 0 : tid[i], 0))
            continue;
        CHECK_TRUE(what("sender %u ready", i), wait_flag(&fifo_ready[i], 1, LONG_WAIT));
        settle(FIFO_SETTLE);
        n++;
    }
    return n;
}

/* Receives one message (from `from`) and checks it is sender `want`'s. */
static void fifo_take(const int tid[FIFO_N], uint32_t from, unsigned want, unsigned order)
{
    uint32_t mr[L4_MR_COUNT] = { 0 }, got = 0xFFFFFFFFu;
    struct l4_utcb *u = l4_utcb();
    fill_utcb(u, 0);
    int e = l4_ipc_flags(L4_NILTHREAD, from, L4_IPC_SHORT, mr, &got);
    CHECK(what("receive %u result", order), e, 0);
    CHECK_HEX(what("receive %u: MR0 (sender %u's tag)", order, want), mr[0], TAG_FIFO | want);
    CHECK_HEX(what("receive %u: MR1 (sender %u's id)", order, want), mr[1], (uint32_t)tid[want]);
    CHECK_HEX(what("receive %u: MR5", order), mr[5], want * 11);
    CHECK_HEX(what("receive %u: flags", order), got, want == 1 ? L4_IPC_FULL : L4_IPC_SHORT);
    check_utcb(want == 1 ? "full sender's UTCB words" : "UTCB (untouched by a short sender)", u,
               want == 1 ? TAG_FIFO : 0);
}

static void fifo_finish(const int tid[FIFO_N])
{
    for (unsigned i = 0; i < FIFO_N; i++) {
        if (tid[i] <= 0)
            continue;
        CHECK(what("sender %u exits", i), l4_wait((l4_tid_t)tid[i]), 0);
        CHECK(what("sender %u's send", i), fifo_result[i], 0);
    }
}

/* ---- cross-core client ------------------------------------------------------------------------- */
static volatile uint32_t cross_good;

static int cross_client(void *arg)
{
    struct server *s = arg;
    uint32_t good = 0;
    for (unsigned i = 0; i < CROSS_CALLS; i++)
        if (server_call(s, (i % 4) == 3 ? L4_IPC_FULL : L4_IPC_SHORT, 0, 0))
            good++;
        else
            break;
    cross_good = good;
    return 0;
}

/* ---- buffer faults served by main ----------------------------------------------------------------- */
/* Receives the data-abort message of peer 0's ipc (in the given tier) and checks it. */
static int receive_fault(uint32_t tier, uint32_t addr, int write, uint32_t status_want)
{
    uint32_t mr[L4_MR_COUNT] = { 0 }, got = 0xFFFFFFFFu;
    uint32_t flags = tier == L4_IPC_EXTENDED ? L4_IPC_EXT(5, L4_IPC_EXTENDED_MAX) : tier;
    fill_utcb(l4_utcb(), 0);
    fill_buf(FAULT_BUF, 0);
    mr[5] = (uint32_t)FAULT_BUF;
    int e = l4_ipc_flags(L4_NILTHREAD, (l4_tid_t)peers[0].tid, flags, mr, &got);
    if (!CHECK(what("receive the fault message"), e, 0))
        return 0;
    int ok = CHECK_HEX(what("fault MR0 (data abort)"), mr[0], L4_FAULT_DATA_ABORT);
    ok &= CHECK_HEX(what("fault MR1 (the thread)"), mr[1], (uint32_t)peers[0].tid);
    ok &= CHECK_HEX(what("fault MR2 (first bad address)"), mr[2], addr);
    ok &= CHECK_HEX(what("fault MR3 bit 11 (write)"), mr[3] & 0x800u, write ? 0x800u : 0);
    if (status_want)
        ok &= CHECK_HEX(what("fault MR3 status"), mr[3] & ~0x800u, status_want);
    else
        ok &= CHECK_TRUE(what("fault MR3 status is a translation fault (0x005 or 0x007)"),
                         (mr[3] & ~0x800u) == 0x005 || (mr[3] & ~0x800u) == 0x007);
    ok &= CHECK_HEX(what("fault MR4 (pc of the svc)"), mr[4], svc_pc);
    ok &= CHECK(what("fault MR5 (1: receive buffer, 0: send buffer)"), mr[5], write ? 1 : 0);
    ok &= CHECK_HEX(what("fault message flags (short)"), got, L4_IPC_SHORT);
    check_utcb("UTCB (untouched by a fault message)", l4_utcb(), 0);
    check_buf("buffer (untouched by a fault message)", FAULT_BUF, -GUARD, L4_IPC_EXTENDED_MAX + GUARD, 0);
    return ok;
}

/* The answer to a fault, sent in any tier: only its MR0 counts. */
static void answer_fault_in(uint32_t answer, uint32_t tier)
{
    uint32_t mr[L4_MR_COUNT] = { answer, 0, 0, 0, 0, (uint32_t)MAIN_BUF };
    uint32_t flags = tier == L4_IPC_EXTENDED ? L4_IPC_EXT(5, 100) : tier;
    CHECK(what("answer the fault"), l4_ipc((l4_tid_t)peers[0].tid, L4_NILTHREAD, flags, mr), 0);
}

static void answer_fault(uint32_t answer)
{
    answer_fault_in(answer, L4_IPC_SHORT);
}

static int map_page(uint32_t virt)
{
    uint32_t frame = next_frame;
    next_frame += L4_PAGE_SIZE;
    return CHECK(what("map a page at 0x%08x", virt), l4_map(frame, virt, 1, L4_MAP_RW, (l4_tid_t)peers[0].tid), 0);
}

static uint32_t find_svc(void)
{
#ifdef __thumb__
    /* a Thumb function's address has bit 0 set; svc #0 is the halfword 0xDF00 */
    const uint16_t *p = (const uint16_t *)((uint32_t)l4_ipc_flags & ~1u);
    for (unsigned i = 0; i < 64; i++)
        if (p[i] == 0xDF00u)
            return (uint32_t)&p[i];
#else
    const uint32_t *p = (const uint32_t *)(uint32_t)l4_ipc_flags;
    for (unsigned i = 0; i < 32; i++)
        if (p[i] == 0xEF000000u)        /* svc #0 */
            return (uint32_t)&p[i];
#endif
    return 0;
}

/* ---- suspend of a blocked full or extended ipc ------------------------------------------------- */
static void suspend_blocked(const char *name, uint32_t to, uint32_t from, uint32_t flags)
{
    struct exregs r;
    l4_snprintf(prefix, sizeof prefix, "suspend: %s", name);
    struct peer *p = peer_set(0, to, from, flags);
    p->mr[0] = TAG_DATA;
    p->mr[5] = (uint32_t)PEER_BUF(0);
    if (peer_start(0, 0, 0, ORDER_CORE) <= 0)
        return;
    peer_blocked(0);
    CHECK(what("blocked"), p->done, 0);
    CHECK(what("suspend"), l4_suspend((l4_tid_t)p->tid), 0);
    CHECK(what("read the suspended thread"), read_regs((l4_tid_t)p->tid, &r), 0);
    if (to == main_tid) {
        /* its message is gone: another thread's comes first */
        struct peer *q = peer_set(1, main_tid, L4_NILTHREAD, L4_IPC_SHORT);
        q->mr[0] = TAG_DATA + 1;
        if (peer_start(1, 0, 0, ORDER_CORE) > 0) {
            uint32_t mr[L4_MR_COUNT] = { 0 };
            peer_blocked(1);
            CHECK(what("receive from any after the suspend"), l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_SHORT, mr), 0);
            CHECK_HEX(what("the message is the other thread's"), mr[1], (uint32_t)q->tid);
            CHECK_HEX(what("its tag"), mr[0], TAG_DATA + 1);
            peer_join(1);
        }
    }
    settle(SETTLE);
    CHECK(what("does not return while suspended"), p->done, 0);
    CHECK(what("run again"), l4_run((l4_tid_t)p->tid), 0);
    peer_join(0);
    CHECK(what("the blocked ipc's result"), p->result, -L4_EINTR);
}

/* ---- every tier, both directions, both orders ------------------------------------------------ */
static void test_tiers(void)
{
    static const uint32_t tiers[] = {
        L4_IPC_SHORT, L4_IPC_FULL, L4_IPC_EXT(0, 0), L4_IPC_EXT(0, 1), L4_IPC_EXT(0, 64),
        L4_IPC_EXT(0, 2047), L4_IPC_EXT(0, 2048),
    };
    section("tiers");
    for (unsigned k = 0; k < sizeof tiers / sizeof tiers[0]; k++) {
        uint32_t rflags = L4_IPC_TIER(tiers[k]) == L4_IPC_EXTENDED ? L4_IPC_EXT(0, 2048) : tiers[k];
        for (int main_sends = 1; main_sends >= 0; main_sends--)
            for (int receiver_first = 1; receiver_first >= 0; receiver_first--)
                transfer(main_sends, receiver_first, tiers[k], rflags);
    }
}

/* ---- the mixing table: every receiver/sender pair, both orders, directions by turns ----------- */
static void test_mixing(void)
{
    static const uint32_t send_tiers[] = { L4_IPC_SHORT, L4_IPC_FULL, L4_IPC_EXT(0, 300) };
    static const uint32_t recv_tiers[] = { L4_IPC_SHORT, L4_IPC_FULL, L4_IPC_EXT(0, 2048) };
    /* extended: min(sender's size, receiver's size) */
    static const uint32_t sizes[][2] = {
        { 100, 50 }, { 50, 100 }, { 0, 2048 }, { 2048, 0 }, { 2048, 2047 }, { 1, 1 }, { 2047, 2048 },
    };
    section("mixing");
    for (unsigned r = 0; r < 3; r++)
        for (unsigned s = 0; s < 3; s++)
            for (int receiver_first = 1; receiver_first >= 0; receiver_first--)
                transfer((int)((r * 3 + s + (unsigned)receiver_first) & 1), receiver_first, send_tiers[s],
                         recv_tiers[r]);
    for (unsigned k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        transfer((int)(k & 1), (int)((k >> 1) & 1), L4_IPC_EXT(0, sizes[k][0]), L4_IPC_EXT(0, sizes[k][1]));
}

/* ---- the receiver learns the sender, whatever the sender put in MR1 --------------------------- */
static void test_sender_id(void)
{
    uint32_t mr[L4_MR_COUNT] = { 0 };
    int e;
    section("sender id");
    /* a thread claiming to be main; main receives from any */
    struct peer *p = peer_set(0, main_tid, L4_NILTHREAD, L4_IPC_SHORT);
    p->mr[0] = TAG_DATA;
    p->mr[1] = main_tid;
    e = exchange(0, 1, L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_SHORT, mr, 0);
    CHECK(what("receive from any"), e, 0);
    CHECK_HEX(what("MR1 is the real sender"), mr[1], (uint32_t)p->tid);
    CHECK_TRUE(what("MR1 is not the lie"), mr[1] != main_tid);
    CHECK_HEX(what("MR0"), mr[0], TAG_DATA);
    /* main claiming to be someone else, extended, to a thread receiving from any */
    p = peer_set(0, L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(5, 64));
    p->mr[5] = (uint32_t)PEER_BUF(0);
    memset(mr, 0, sizeof mr);
    mr[1] = 0x12345678u;
    mr[5] = (uint32_t)MAIN_BUF;
    e = exchange(0, 1, PEER, L4_NILTHREAD, L4_IPC_EXT(5, 64), mr, 0);
    CHECK(what("extended send to a thread receiving from any"), e, 0);
    CHECK_HEX(what("the thread's MR1 is main"), p->mr[1], main_tid);
}

/* ---- FIFO order of blocked senders ---------------------------------------------------------------- */
static void test_fifo(void)
{
    int tid[FIFO_N];
    section("fifo");
    pin_main(ORDER_CORE);
    /* receive-from-any takes them in the order they blocked */
    if (fifo_start(tid) == FIFO_N)
        for (unsigned i = 0; i < FIFO_N; i++)
            fifo_take(tid, L4_ANYTHREAD, i, i);
    fifo_finish(tid);
    /* a receive from one sender takes its message even if others queued earlier */
    if (fifo_start(tid) == FIFO_N) {
        fifo_take(tid, (uint32_t)tid[2], 2, 0);
        fifo_take(tid, L4_ANYTHREAD, 0, 1);
        fifo_take(tid, (uint32_t)tid[3], 3, 2);
        fifo_take(tid, L4_ANYTHREAD, 1, 3);
    }
    fifo_finish(tid);
    pin_main(0);
}

/* ---- atomic call and reply-and-wait against the two servers --------------------------------------- */
static void test_calls(void)
{
    static const uint32_t sizes[] = { 0, 1, 64, 2047, 2048 };
    uint32_t mr[L4_MR_COUNT] = { 0 };
    unsigned i;
    int ok;

    section("call: short");
    for (i = 0; i < 200 && server_call(&srv_short, L4_IPC_SHORT, 0, 0); i++)
        ;
    CHECK(what("good calls"), i, 200);
    section("call: full");
    for (i = 0; i < 50 && server_call(&srv_short, L4_IPC_FULL, 0, 0); i++)
        ;
    CHECK(what("good calls"), i, 50);
    section("call: extended");
    for (i = 0; i < 5 && server_call(&srv_ext, L4_IPC_EXTENDED, sizes[i], MAIN_BUF); i++)
        ;
    CHECK(what("good calls with sizes 0, 1, 64, 2047, 2048"), i, 5);
    for (i = 0; i < 40 && server_call(&srv_ext, L4_IPC_EXTENDED, (i * 397) % 2049, MAIN_BUF); i++)
        ;
    CHECK(what("good calls of other sizes"), i, 40);

    /* a mismatch: both get -ENOIPC, the call does not go on to receive, the server goes on */
    section("call: mismatch");
    mr[5] = (uint32_t)MAIN_BUF;
    CHECK(what("extended call to a short server"),
          l4_ipc((l4_tid_t)srv_short.tid, (l4_tid_t)srv_short.tid, L4_IPC_EXT(5, 16), mr), -L4_ENOIPC);
    CHECK(what("short call to an extended server"),
          l4_ipc((l4_tid_t)srv_ext.tid, (l4_tid_t)srv_ext.tid, L4_IPC_SHORT, mr), -L4_ENOIPC);
    CHECK(what("full call to an extended server"),
          l4_ipc((l4_tid_t)srv_ext.tid, (l4_tid_t)srv_ext.tid, L4_IPC_FULL, mr), -L4_ENOIPC);
    ok = server_call(&srv_short, L4_IPC_SHORT, 0, 0);
    CHECK_TRUE(what("short server answers again"), ok);
    ok = server_call(&srv_ext, L4_IPC_EXTENDED, 10, MAIN_BUF);
    CHECK_TRUE(what("extended server answers again"), ok);
    CHECK(what("short server's failed ipcs"), srv_short.errors, 1);
    CHECK(what("short server's last error"), srv_short.last_error, -L4_ENOIPC);
    CHECK(what("extended server's failed ipcs"), srv_ext.errors, 2);
    CHECK(what("extended server's last error"), srv_ext.last_error, -L4_ENOIPC);
    srv_short.errors = srv_ext.errors = 0;
    srv_short.last_error = srv_ext.last_error = 0;

    /* a reply to a thread that is not waiting is dropped, and the server goes on receiving */
    section("call: dropped reply to a plain send");
    memset(mr, 0, sizeof mr);
    mr[0] = TAG_SEND;
    CHECK(what("plain send to the server"), l4_send((l4_tid_t)srv_short.tid, mr), 0);
    srv_short.expect++;
    ok = server_call(&srv_short, L4_IPC_SHORT, 0, 0);
    CHECK_TRUE(what("the server answers the next call"), ok);
    CHECK(what("server's failed ipcs"), srv_short.errors, 0);

    section("call: dropped reply to a suspended client");
    struct peer *p = peer_set(1, (uint32_t)srv_short.tid, (uint32_t)srv_short.tid, L4_IPC_SHORT);
    p->mr[0] = TAG_HOLD;
    if (peer_start(1, 0, 0, 0) > 0) {
        struct exregs r;
        CHECK_TRUE(what("the server holds the client's call"), wait_flag(&srv_short.holding, 1, LONG_WAIT));
        srv_short.expect++;
        CHECK(what("suspend the client"), l4_suspend((l4_tid_t)p->tid), 0);
        CHECK(what("read the suspended client"), read_regs((l4_tid_t)p->tid, &r), 0);
        srv_short.release = 1;
        ok = server_call(&srv_short, L4_IPC_SHORT, 0, 0);
        CHECK_TRUE(what("the server answers the next call"), ok);
        CHECK(what("server's failed ipcs"), srv_short.errors, 0);
        CHECK(what("the client did not return"), p->done, 0);
        CHECK(what("run the client"), l4_run((l4_tid_t)p->tid), 0);
        peer_join(1);
        CHECK(what("the client's call"), p->result, -L4_EINTR);
    }

    section("call: dropped reply to a destroyed client");
    p = peer_set(1, (uint32_t)srv_short.tid, (uint32_t)srv_short.tid, L4_IPC_SHORT);
    p->mr[0] = TAG_HOLD;
    if (peer_start(1, 0, 0, 0) > 0) {
        CHECK_TRUE(what("the server holds the client's call"), wait_flag(&srv_short.holding, 1, LONG_WAIT));
        srv_short.expect++;
        CHECK(what("destroy the client"), l4_destroy((l4_tid_t)p->tid), 0);
        srv_short.release = 1;
        ok = server_call(&srv_short, L4_IPC_SHORT, 0, 0);
        CHECK_TRUE(what("the server answers the next call"), ok);
        CHECK(what("server's failed ipcs (its reply-and-wait to the dead client goes on receiving)"),
              srv_short.errors, 0);
        CHECK(what("server's last error"), srv_short.last_error, 0);
        srv_short.errors = 0;           /* reported once */
        srv_short.last_error = 0;
    }
}

/* ---- bad flags and ids: a (short) and b (extended) are live servers a wrong kernel would reach --- */
static void test_errors(uint32_t container)
{
    static const unsigned bits[] = { 2, 3, 12, 13, 14, 15, 28, 29, 30, 31 };
    l4_tid_t a = (l4_tid_t)srv_short.tid, b = (l4_tid_t)srv_ext.tid;
    uint32_t mr[L4_MR_COUNT] = { 0 };

    section("errors: flags");
    mr[5] = (uint32_t)MAIN_BUF;
    CHECK(what("send, tier 3"), l4_ipc(a, L4_NILTHREAD, 3, mr), -L4_EINVAL);
    CHECK(what("call, tier 3"), l4_ipc(a, a, 3, mr), -L4_EINVAL);
    CHECK(what("call, tier 3 with extended fields"), l4_ipc(b, b, L4_IPC_EXT(5, 16) | 3, mr), -L4_EINVAL);
    for (unsigned k = 0; k < sizeof bits / sizeof bits[0]; k++) {
        CHECK(what("short send, reserved bit %u", bits[k]), l4_ipc(a, L4_NILTHREAD, 1u << bits[k], mr), -L4_EINVAL);
        CHECK(what("full call, reserved bit %u", bits[k]), l4_ipc(a, a, L4_IPC_FULL | (1u << bits[k]), mr),
              -L4_EINVAL);
        CHECK(what("extended send, reserved bit %u", bits[k]),
              l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(5, 16) | (1u << bits[k]), mr), -L4_EINVAL);
    }
    CHECK(what("short send with an index"), l4_ipc(a, L4_NILTHREAD, 5u << L4_IPC_INDEX_SHIFT, mr), -L4_EINVAL);
    CHECK(what("short send with a size"), l4_ipc(a, L4_NILTHREAD, 16u << L4_IPC_SIZE_SHIFT, mr), -L4_EINVAL);
    CHECK(what("short call with an index"), l4_ipc(a, a, 1u << L4_IPC_INDEX_SHIFT, mr), -L4_EINVAL);
    CHECK(what("full send with an index"), l4_ipc(a, L4_NILTHREAD, L4_IPC_FULL | (5u << L4_IPC_INDEX_SHIFT), mr),
          -L4_EINVAL);
    CHECK(what("full send with a size"), l4_ipc(a, L4_NILTHREAD, L4_IPC_FULL | (2048u << L4_IPC_SIZE_SHIFT), mr),
          -L4_EINVAL);
    CHECK(what("full call with a size"), l4_ipc(a, a, L4_IPC_FULL | (1u << L4_IPC_SIZE_SHIFT), mr), -L4_EINVAL);
    CHECK(what("extended send, size 2049"), l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(5, 2049), mr), -L4_EINVAL);
    CHECK(what("extended send, size 0xFFF"), l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(5, 0xFFF), mr), -L4_EINVAL);
    CHECK(what("extended call, size 2049"), l4_ipc(b, b, L4_IPC_EXT(5, 2049), mr), -L4_EINVAL);
    CHECK(what("extended send, index 6"), l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(6, 16), mr), -L4_EINVAL);
    CHECK(what("extended send, index 0xFF"), l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(0xFF, 16), mr), -L4_EINVAL);
    CHECK(what("extended call, index 6"), l4_ipc(b, b, L4_IPC_EXT(6, 16), mr), -L4_EINVAL);
    /* neither a send nor a receive */
    CHECK(what("to = from = NIL, short"), l4_ipc(L4_NILTHREAD, L4_NILTHREAD, L4_IPC_SHORT, mr), -L4_EINVAL);
    CHECK(what("to = from = NIL, full"), l4_ipc(L4_NILTHREAD, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_EINVAL);
    CHECK(what("to = from = NIL, extended"), l4_ipc(L4_NILTHREAD, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_EINVAL);

    section("errors: ids");
    int dead = l4_thread_control(L4_TC_CREATE | L4_TC_SHARE_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    CHECK(what("create a thread to destroy"), dead > 0 ? 0 : dead, 0);
    CHECK(what("destroy it"), l4_destroy((l4_tid_t)dead), 0);
    l4_tid_t stale = (l4_tid_t)dead;
    l4_tid_t forged = l4_make_tid(container, l4_tid_generation(a) + 1, l4_tid_slot(a));
    CHECK(what("short send to a stale id"), l4_ipc(stale, L4_NILTHREAD, L4_IPC_SHORT, mr), -L4_ESRCH);
    CHECK(what("full send to a stale id"), l4_ipc(stale, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK(what("extended send to a stale id"), l4_ipc(stale, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK(what("full send to a forged id"), l4_ipc(forged, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK(what("extended send to a forged id"), l4_ipc(forged, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK(what("extended send to ANY"), l4_ipc(L4_ANYTHREAD, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK(what("full send to id 0"), l4_ipc(0, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK(what("full call to a stale id"), l4_ipc(stale, stale, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK(what("extended call to a forged id"), l4_ipc(forged, forged, L4_IPC_EXT(5, 16), mr), -L4_ESRCH);
    CHECK(what("full receive from a stale id"), l4_ipc(L4_NILTHREAD, stale, L4_IPC_FULL, mr), -L4_ESRCH);
    CHECK(what("extended receive from a forged id"), l4_ipc(L4_NILTHREAD, forged, L4_IPC_EXT(5, 16), mr),
          -L4_ESRCH);
}

/* ---- extended buffers of main, which has no pager: -EFAULT ---------------------------------------- */
static void test_buffer_errors(void)
{
    l4_tid_t b = (l4_tid_t)srv_ext.tid;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    int e, ok;
    const uint32_t bad_bufs[][2] = {
        { UNMAPPED, 16 }, { UNMAPPED + 0xFFF, 2 }, { 0x7FFFFFF0u, 32 }, { 0x7FFFFF00u, 2048 },
        { 0x80000000u, 1 }, { 0xFFFFFFF0u, 32 }, { 0, 16 },
    };
    const uint32_t bad_rbufs[][2] = {
        { UNMAPPED, 16 }, { 0x7FFFFFF0u, 32 }, { 0x80000000u, 16 }, { (uint32_t)ro_bytes, 16 },
    };

    section("errors: buffers of a thread without a pager");
    for (unsigned k = 0; k < sizeof bad_bufs / sizeof bad_bufs[0]; k++) {
        mr[5] = bad_bufs[k][0];
        CHECK(what("extended send from 0x%08x, %u bytes", bad_bufs[k][0], bad_bufs[k][1]),
              l4_ipc(b, L4_NILTHREAD, L4_IPC_EXT(5, bad_bufs[k][1]), mr), -L4_EFAULT);
        mr[2] = bad_bufs[k][0];
        CHECK(what("extended call with the buffer in MR2 at 0x%08x", bad_bufs[k][0]),
              l4_ipc(b, b, L4_IPC_EXT(2, bad_bufs[k][1]), mr), -L4_EFAULT);
    }
    /* a call whose reply cannot be written: read-only data is readable, not writable */
    memset(mr, 0, sizeof mr);
    mr[5] = (uint32_t)ro_bytes;
    CHECK(what("extended call with a read-only buffer"), l4_ipc(b, b, L4_IPC_EXT(5, 16), mr), -L4_EFAULT);
    settle(SETTLE);                     /* the server took the message or not, by when the kernel checks */
    srv_ext.expect = srv_ext.count;
    ok = server_call(&srv_ext, L4_IPC_EXTENDED, 16, MAIN_BUF);
    CHECK_TRUE(what("the server answers the next call"), ok);
    /* an extended send from read-only data works */
    struct peer *p = peer_set(0, L4_NILTHREAD, main_tid, L4_IPC_EXT(5, 256));
    p->mr[5] = (uint32_t)PEER_BUF(0);
    fill_buf(PEER_BUF(0), 0);
    memset(mr, 0, sizeof mr);
    mr[5] = (uint32_t)ro_bytes;
    e = exchange(0, 1, PEER, L4_NILTHREAD, L4_IPC_EXT(5, 256), mr, 0);
    CHECK(what("extended send from read-only data"), e, 0);
    CHECK(what("the receiver's result"), p->result, 0);
    CHECK(what("the receiver's size"), L4_IPC_SIZE(p->received), 256);
    CHECK_TRUE(what("the receiver has the bytes"), memcmp(PEER_BUF(0), ro_bytes, 256) == 0);

    /* a receive checks its buffer before it takes a message: the queued sender stays queued */
    for (unsigned k = 0; k < sizeof bad_rbufs / sizeof bad_rbufs[0]; k++) {
        l4_snprintf(prefix, sizeof prefix, "errors: receive into 0x%08x, %u bytes", bad_rbufs[k][0],
                    bad_rbufs[k][1]);
        p = peer_set(0, main_tid, L4_NILTHREAD, L4_IPC_EXT(5, 8));
        p->mr[0] = TAG_DATA | k;
        p->mr[5] = (uint32_t)PEER_BUF(0);
        p->rescue = 1;
        if (peer_start(0, 0, 0, 0) <= 0)
            continue;
        peer_blocked(0);
        memset(mr, 0, sizeof mr);
        mr[5] = bad_rbufs[k][0];
        CHECK(what("result"), l4_ipc(L4_NILTHREAD, (l4_tid_t)p->tid, L4_IPC_EXT(5, bad_rbufs[k][1]), mr), -L4_EFAULT);
        CHECK(what("the sender is still blocked"), p->done, 0);
        memset(mr, 0, sizeof mr);
        mr[5] = (uint32_t)MAIN_BUF;
        CHECK(what("receive it into a good buffer"), l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(5, 2048), mr), 0);
        CHECK_HEX(what("its tag"), mr[0], TAG_DATA | k);
        peer_join(0);
        CHECK(what("the sender's result"), p->result, 0);
    }
}

/* ---- a thread without a usable UTCB: -ENOUTCB for the full tier, for both parties ----------------- */
static void test_no_utcb(void)
{
    const uint32_t bad_utcbs[] = { BAD_UTCB, (uint32_t)__text_start };
    uint32_t mr[L4_MR_COUNT] = { 0 };
    struct peer *p;
    int e;

    for (unsigned k = 0; k < 2; k++) {
        uint32_t utcb = bad_utcbs[k];
        l4_snprintf(prefix, sizeof prefix, "errors: UTCB at 0x%08x (%s)", utcb, k ? "read-only" : "unmapped");
        l4_printf("ipc: %s\n", prefix);
        /* its own full ipc fails at once */
        p = peer_set(0, main_tid, L4_NILTHREAD, L4_IPC_FULL);
        if (peer_start(0, utcb, 0, 0) > 0 && peer_join(0))
            CHECK(what("full send"), p->result, -L4_ENOUTCB);
        p = peer_set(0, L4_NILTHREAD, main_tid, L4_IPC_FULL);
        if (peer_start(0, utcb, 0, 0) > 0 && peer_join(0))
            CHECK(what("full receive"), p->result, -L4_ENOUTCB);
        p = peer_set(0, main_tid, main_tid, L4_IPC_FULL);
        if (peer_start(0, utcb, 0, 0) > 0 && peer_join(0))
            CHECK(what("full call"), p->result, -L4_ENOUTCB);
        /* the short tier needs no UTCB */
        p = peer_set(0, main_tid, L4_NILTHREAD, L4_IPC_SHORT);
        p->mr[0] = TAG_DATA;
        memset(mr, 0, sizeof mr);
        e = exchange(utcb, 1, L4_NILTHREAD, PEER, L4_IPC_SHORT, mr, 0);
        CHECK(what("short receive from it"), e, 0);
        CHECK(what("its short send"), p->result, 0);
        CHECK_HEX(what("its tag"), mr[0], TAG_DATA);
        /* a full transfer with it, whichever side asked for full */
        p = peer_set(0, main_tid, L4_NILTHREAD, L4_IPC_SHORT);
        p->expect = -L4_ENOUTCB;
        e = exchange(utcb, 1, L4_NILTHREAD, PEER, L4_IPC_FULL, mr, 0);
        CHECK(what("full receive from its short send"), e, -L4_ENOUTCB);
        CHECK(what("its short send to a full receiver"), p->result, -L4_ENOUTCB);
        p = peer_set(0, L4_NILTHREAD, main_tid, L4_IPC_SHORT);
        e = exchange(utcb, 1, PEER, L4_NILTHREAD, L4_IPC_FULL, mr, 0);
        CHECK(what("full send to its short receive"), e, -L4_ENOUTCB);
        CHECK(what("its short receive from a full sender"), p->result, -L4_ENOUTCB);
        p = peer_set(0, L4_NILTHREAD, main_tid, L4_IPC_SHORT);
        e = exchange(utcb, 0, PEER, L4_NILTHREAD, L4_IPC_FULL, mr, 0);
        CHECK(what("full send, main first"), e, -L4_ENOUTCB);
        CHECK(what("its short receive, main first"), p->result, -L4_ENOUTCB);
    }
}

/* ---- faults in extended buffers, served by main as the threads' pager ------------------------------ */
/* Peer 0 makes an extended ipc with main; the page of its buffer is not mapped. */
static struct peer *fault_peer(uint32_t to, uint32_t from, uint32_t size, uint32_t buf, int32_t expect)
{
    struct peer *p = peer_set(0, to, from, L4_IPC_EXT(5, size));
    p->mr[0] = TAG_DATA | size;
    p->mr[5] = buf;
    p->expect = expect;
    p->rescue = 1;
    return p;
}

static void test_faults(void)
{
    uint32_t mr[L4_MR_COUNT] = { 0 }, got = 0;
    struct peer *p;
    uint32_t addr;

    section("faults: send buffer, pager maps");
    addr = SCRATCH_A + 0x10;
    p = fault_peer(main_tid, L4_NILTHREAD, 100, addr, 0);
    if (peer_start(0, 0, 0, 0) > 0) {
        /* the fault message, taken by an extended receive */
        if (receive_fault(L4_IPC_EXTENDED, addr, 0, 0) && map_page(SCRATCH_A)) {
            for (unsigned i = 0; i < 100; i++)
                ((uint8_t *)addr)[i] = byte_pattern(77, i);
            answer_fault(L4_FAULT_REPLY_RETRY);
            fill_buf(MAIN_BUF, 0);
            mr[5] = (uint32_t)MAIN_BUF;
            CHECK(what("receive the message"), l4_ipc_flags(L4_NILTHREAD, (l4_tid_t)p->tid, L4_IPC_EXT(5, 2048), mr,
                                                            &got), 0);
            CHECK_HEX(what("MR0"), mr[0], TAG_DATA | 100);
            CHECK_HEX(what("MR1"), mr[1], (uint32_t)p->tid);
            CHECK(what("size"), L4_IPC_SIZE(got), 100);
            CHECK_TRUE(what("the bytes main put there"), memcmp(MAIN_BUF, (uint8_t *)addr, 100) == 0);
            check_buf("after the payload", MAIN_BUF, 100, L4_IPC_EXTENDED_MAX + GUARD, 0);
        }
        peer_join(0);
        CHECK(what("the thread's send"), p->result, 0);
    }

    section("faults: receive buffer over two unmapped pages, pager maps both");
    addr = SCRATCH_B + 0xC00;          /* 2048 bytes: 0x400 in this page, 0x400 in the next */
    p = fault_peer(L4_NILTHREAD, main_tid, 2048, addr, 0);
    if (peer_start(0, 0, 0, 0) > 0) {
        /* the first page, then the second, each fault message taken by a full receive and
         * answered in the full and the extended tier */
        if (receive_fault(L4_IPC_FULL, addr, 1, 0) && map_page(SCRATCH_B)) {
            answer_fault_in(L4_FAULT_REPLY_RETRY, L4_IPC_FULL);
            if (receive_fault(L4_IPC_FULL, SCRATCH_B + 0x1000, 1, 0) && map_page(SCRATCH_B + 0x1000)) {
                answer_fault_in(L4_FAULT_REPLY_RETRY, L4_IPC_EXTENDED);
                fill_buf(MAIN_BUF, 78);
                memset(mr, 0, sizeof mr);
                mr[0] = TAG_DATA | 2;
                CHECK(what("send 2048 bytes"), l4_send_extended((l4_tid_t)p->tid, mr, MAIN_BUF, 2048), 0);
            }
        }
        peer_join(0);
        CHECK(what("the thread's receive"), p->result, 0);
        CHECK_HEX(what("the thread's MR0"), p->mr[0], TAG_DATA | 2);
        CHECK(what("the thread's size"), L4_IPC_SIZE(p->received), 2048);
        CHECK_TRUE(what("the thread's bytes"), memcmp((uint8_t *)addr, MAIN_BUF, 2048) == 0);
    }

    /* the page goes while the thread waits: the sender is done at once, the pager is asked */
    section("faults: receive buffer unmapped while blocked, pager maps");
    pin_main(ORDER_CORE);
    addr = SCRATCH_B + 0x100;
    memset((uint8_t *)SCRATCH_B, 0xEE, L4_PAGE_SIZE);
    p = fault_peer(L4_NILTHREAD, main_tid, 500, addr, 0);
    if (peer_start(0, 0, 0, ORDER_CORE) > 0) {
        peer_blocked(0);
        CHECK(what("unmap the buffer's page"), l4_unmap(SCRATCH_B, 1, (l4_tid_t)p->tid), 0);
        fill_buf(MAIN_BUF, 79);
        memset(mr, 0, sizeof mr);
        mr[0] = TAG_DATA | 3;
        CHECK(what("the send returns at once"), l4_send_extended((l4_tid_t)p->tid, mr, MAIN_BUF, 500), 0);
        if (receive_fault(L4_IPC_SHORT, addr, 1, 0) && map_page(SCRATCH_B)) {
            memset((uint8_t *)SCRATCH_B, 0xEE, L4_PAGE_SIZE);
            answer_fault(L4_FAULT_REPLY_RETRY);
        }
        peer_join(0);
        CHECK(what("the thread's receive"), p->result, 0);
        CHECK_HEX(what("the thread's MR0"), p->mr[0], TAG_DATA | 3);
        CHECK(what("the thread's size"), L4_IPC_SIZE(p->received), 500);
        CHECK_TRUE(what("the thread's bytes"), memcmp((uint8_t *)addr, MAIN_BUF, 500) == 0);
        CHECK_HEX(what("the byte after them (untouched)"), ((uint8_t *)addr)[500], 0xEE);
    }

    section("faults: receive buffer unmapped while blocked, pager refuses");
    p = fault_peer(L4_NILTHREAD, main_tid, 500, addr, -L4_EFAULT);
    if (peer_start(0, 0, 0, ORDER_CORE) > 0) {
        peer_blocked(0);
        CHECK(what("unmap the buffer's page"), l4_unmap(SCRATCH_B, 1, (l4_tid_t)p->tid), 0);
        memset(mr, 0, sizeof mr);
        CHECK(what("the send returns at once"), l4_send_extended((l4_tid_t)p->tid, mr, MAIN_BUF, 500), 0);
        if (receive_fault(L4_IPC_SHORT, addr, 1, 0))
            answer_fault(L4_FAULT_REPLY_STOP);
        peer_join(0);
        CHECK(what("the thread's receive"), p->result, -L4_EFAULT);
    }
    pin_main(0);

    /* any answer but 0 makes the ipc fail; the thread runs on and exits with 0 */
    static const uint32_t refusals[] = { L4_FAULT_REPLY_STOP, L4_FAULT_REPLY_SKIP, 0x12345678u };
    for (unsigned k = 0; k < 3; k++) {
        l4_snprintf(prefix, sizeof prefix, "faults: send buffer, pager answers 0x%x", refusals[k]);
        l4_printf("ipc: %s\n", prefix);
        addr = SCRATCH_C + 0x20 * k;
        p = fault_peer(main_tid, L4_NILTHREAD, 64, addr, -L4_EFAULT);
        if (peer_start(0, 0, 0, 0) > 0) {
            if (receive_fault(L4_IPC_SHORT, addr, 0, 0))
                answer_fault(refusals[k]);
            peer_join(0);
            CHECK(what("the thread's send"), p->result, -L4_EFAULT);
        }
    }

    section("faults: receive buffer read-only, pager refuses");
    addr = (uint32_t)ro_bytes;
    p = fault_peer(L4_NILTHREAD, main_tid, 64, addr, -L4_EFAULT);
    if (peer_start(0, 0, 0, 0) > 0) {
        if (receive_fault(L4_IPC_SHORT, addr, 1, 0x00F))
            answer_fault(L4_FAULT_REPLY_STOP);
        peer_join(0);
        CHECK(what("the thread's receive"), p->result, -L4_EFAULT);
    }

    section("faults: clean-up");
    CHECK(what("unmap scratch page A"), l4_unmap(SCRATCH_A, 1, L4_NILTHREAD), 0);
    CHECK(what("unmap scratch page B + 0x1000"), l4_unmap(SCRATCH_B + 0x1000, 1, L4_NILTHREAD), 0);
}

/* A thread waits in an ipc with peer 1 (PEER: its id), which waits for main; destroying peer 1
 * ends the wait with -ESRCH. */
static void destroy_partner(const char *name, uint32_t to, uint32_t from, uint32_t flags)
{
    l4_snprintf(prefix, sizeof prefix, "destroy the partner: %s", name);
    l4_printf("ipc: %s\n", prefix);
    peer_set(1, L4_NILTHREAD, main_tid, L4_IPC_SHORT);
    if (peer_start(1, 0, 0, ORDER_CORE) <= 0)
        return;
    peer_blocked(1);
    struct peer *p = peer_set(0, to == PEER ? (uint32_t)peers[1].tid : to, from == PEER ? (uint32_t)peers[1].tid : from,
                              flags);
    p->mr[5] = (uint32_t)PEER_BUF(0);
    if (peer_start(0, 0, 0, ORDER_CORE) > 0) {
        peer_blocked(0);
        CHECK(what("blocked"), p->done, 0);
        CHECK(what("destroy the partner"), l4_destroy((l4_tid_t)peers[1].tid), 0);
        peer_join(0);
        CHECK(what("the waiting thread's ipc"), p->result, -L4_ESRCH);
    } else {
        l4_destroy((l4_tid_t)peers[1].tid);
    }
}

/* ---- suspend takes a thread out of a blocked full or extended ipc --------------------------------- */
static void test_suspend(void)
{
    section("suspend");
    pin_main(ORDER_CORE);
    suspend_blocked("full send", main_tid, L4_NILTHREAD, L4_IPC_FULL);
    suspend_blocked("full receive", L4_NILTHREAD, main_tid, L4_IPC_FULL);
    suspend_blocked("full call", main_tid, main_tid, L4_IPC_FULL);
    suspend_blocked("extended send", main_tid, L4_NILTHREAD, L4_IPC_EXT(5, 100));
    suspend_blocked("extended receive", L4_NILTHREAD, main_tid, L4_IPC_EXT(5, 2048));
    destroy_partner("receive from it", L4_NILTHREAD, PEER, L4_IPC_FULL);
    destroy_partner("extended send to it", PEER, L4_NILTHREAD, L4_IPC_EXT(5, 100));
    pin_main(0);
}

/* ---- calls across cores: client and server pinned to different cores ------------------------------ */
static void test_cross_core(uint32_t cores)
{
    unsigned server_mask = cores >= 4 ? 1u << 1 : 0, client_mask = cores >= 4 ? 1u << 2 : 0;
    section("cross-core calls");
    l4_printf("ipc: %u calls, server affinity 0x%x, client affinity 0x%x\n", CROSS_CALLS, server_mask, client_mask);
    server_quit(&srv_short);
    if (server_start(&srv_short, 6, server_mask) <= 0)
        return;
    cross_good = 0;
    int c = l4_thread_start(cross_client, &srv_short, stack_top(9), 10, -1, client_mask);
    if (CHECK(what("start the client"), c > 0 ? 0 : c, 0)) {
        CHECK(what("client exits"), l4_wait((l4_tid_t)c), 0);
        CHECK(what("good calls"), cross_good, CROSS_CALLS);
        CHECK(what("calls the server took"), srv_short.count, CROSS_CALLS);
    }
}

/* ---- last: receives and calls that a wrong kernel would leave blocked forever ---------------------- */
static void test_blocking_errors(void)
{
    l4_tid_t b = (l4_tid_t)srv_ext.tid;
    uint32_t mr[L4_MR_COUNT] = { 0 };

    section("errors: receives");
    mr[5] = (uint32_t)MAIN_BUF;
    CHECK(what("receive, tier 3"), l4_ipc(L4_NILTHREAD, b, 3, mr), -L4_EINVAL);
    CHECK(what("receive from any, reserved bit 31"), l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 1u << 31, mr), -L4_EINVAL);
    CHECK(what("full receive with a size"), l4_ipc(L4_NILTHREAD, b, L4_IPC_FULL | (8u << L4_IPC_SIZE_SHIFT), mr),
          -L4_EINVAL);
    CHECK(what("short receive with an index"), l4_ipc(L4_NILTHREAD, b, 3u << L4_IPC_INDEX_SHIFT, mr), -L4_EINVAL);
    CHECK(what("extended receive, size 2049"), l4_ipc(L4_NILTHREAD, b, L4_IPC_EXT(5, 2049), mr), -L4_EINVAL);
    CHECK(what("extended receive, index 6"), l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(6, 16), mr), -L4_EINVAL);
    mr[5] = UNMAPPED;
    CHECK(what("extended receive into an unmapped buffer"), l4_ipc(L4_NILTHREAD, b, L4_IPC_EXT(5, 16), mr),
          -L4_EFAULT);
    mr[5] = 0x7FFFFFF0u;
    CHECK(what("extended receive crossing into 0x80000000"), l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(5, 32), mr),
          -L4_EFAULT);

    section("errors: oneself");
    mr[5] = (uint32_t)MAIN_BUF;
    CHECK(what("send to oneself, short"), l4_ipc(main_tid, L4_NILTHREAD, L4_IPC_SHORT, mr), -L4_EDEADLK);
    CHECK(what("send to oneself, full"), l4_ipc(main_tid, L4_NILTHREAD, L4_IPC_FULL, mr), -L4_EDEADLK);
    CHECK(what("send to oneself, extended"), l4_ipc(main_tid, L4_NILTHREAD, L4_IPC_EXT(5, 16), mr), -L4_EDEADLK);
    CHECK(what("receive from oneself, full"), l4_ipc(L4_NILTHREAD, main_tid, L4_IPC_FULL, mr), -L4_EDEADLK);
    CHECK(what("receive from oneself, extended"), l4_ipc(L4_NILTHREAD, main_tid, L4_IPC_EXT(5, 16), mr), -L4_EDEADLK);
    CHECK(what("call oneself"), l4_ipc(main_tid, main_tid, L4_IPC_SHORT, mr), -L4_EDEADLK);
    CHECK(what("reply to oneself and wait"), l4_ipc(main_tid, L4_ANYTHREAD, L4_IPC_SHORT, mr), -L4_EDEADLK);
}

int main(void)
{
    uint32_t container = 0;
    uint32_t cores = l4_kip_cores();

    main_tid = l4_getid(0, &container, 0);
    main_prio = l4_self_priority();
    svc_pc = find_svc();
    next_frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
    l4_printf("ipc: root 0x%08x, %u core%s, svc of l4_ipc_flags at 0x%08x\n", main_tid, cores,
              cores == 1 ? "" : "s", svc_pc);
    section("set-up");
    CHECK_TRUE(what("found the svc of l4_ipc_flags"), svc_pc != 0);
    CHECK_TRUE(what("main's priority"), main_prio >= 0);
    CHECK_TRUE(what("8 free pages"), l4_free_phys_size >= 9 * L4_PAGE_SIZE);

    test_tiers();
    test_mixing();
    test_sender_id();
    test_fifo();
    section("servers");
    if (server_start(&srv_short, 6, 0) > 0 && server_start(&srv_ext, 7, 0) > 0) {
        test_calls();
        test_errors(container);
        test_buffer_errors();
        test_no_utcb();
        test_faults();
        test_suspend();
        test_cross_core(cores);
        test_blocking_errors();
    }
    section("end");
    server_quit(&srv_short);
    server_quit(&srv_ext);
    return finish("ipc");
}
