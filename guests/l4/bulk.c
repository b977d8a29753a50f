/*
 * bulk.c - 1 MiB moved between two address spaces through shared frames and a userspace mutex.
 *
 * The root creates a child in a new, empty space (TC_NEW_SPACE) and builds
 * it by hand from its free physical memory: fresh frames holding a copy of
 * the program's text (mapped RX) and of its data and .bss (RW, a private
 * snapshot), a stack and a UTCB page. A 16-page window of further frames is
 * mapped RW into both spaces at different virtual addresses: page 0 holds
 * the control block (an l4_mutex, the count of full slots, each slot's
 * length, the child's results), pages 1-15 are a ring of 4 KiB slots.
 * The child produces 1 MiB of xorshift data in chunks of 1-4096 bytes, the
 * root consumes it; the shared count is changed only under the mutex, and a
 * side that finds the ring full (or empty) yields. Both compute FNV-1a over
 * the bytes; the child reports its checksum and byte count in the control
 * block and with a short IPC, and the root checks that they agree with its
 * own and that exactly 1048576 bytes came through.
 */
#include "l4test.h"

#define TOTAL_BYTES   (1u << 20)
#define WINDOW_PAGES  16
#define SLOTS         (WINDOW_PAGES - 1)      /* page 0 is the control block */
#define SLOT_SIZE     L4_PAGE_SIZE
#define SEED          0x2545F491u

#define ROOT_WINDOW   0x50000000u             /* the window in the root's space */
#define CHILD_WINDOW  0x48000000u             /* the same frames in the child's */
#define STAGING       0x51000000u             /* root's view of frames it fills for the child */
#define CHILD_STACK   0x40000000u
#define CHILD_STACK_PAGES 4
#define TAG_DONE      0x444F4E45u             /* "DONE" */

extern char __text_start[], __text_end[], __data_start[], __end[];

/* ---- the shared control block (window page 0) --------------------------- */
struct control {
    struct l4_mutex lock;           /* guards count and len[] */
    volatile uint32_t count;        /* full slots, changed by both sides */
    volatile uint32_t len[SLOTS];   /* bytes in each full slot */
    volatile uint32_t child_bytes;  /* the child's results, written at the end */
    volatile uint32_t child_sum;
    volatile uint32_t child_chunks;
};

static uint32_t fnv1a(uint32_t h, const volatile uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t xorshift(uint32_t *x)
{
    uint32_t v = *x;
    v ^= v << 13;
    v ^= v >> 17;
    v ^= v << 5;
    return *x = v;
}

/* ---- the child: producer, in its own space -------------------------------- */
static int child_main(void *arg)
{
    struct control *ctl = (struct control *)arg;
    uint8_t *slots = (uint8_t *)arg + L4_PAGE_SIZE;
    uint32_t x = SEED, sum = 2166136261u, sent = 0, chunks = 0, slot = 0;

    while (sent < TOTAL_BYTES) {
        /* wait for a free slot */
        for (;;) {
            l4_mutex_lock(&ctl->lock);
            uint32_t full = ctl->count;
            l4_mutex_unlock(&ctl->lock);
            if (full < SLOTS)
                break;
            l4_yield();
        }
        /* fill it: whole words of fresh data, the chunk is the first n bytes */
        uint32_t n = (xorshift(&x) & (SLOT_SIZE - 1)) + 1;
        if (n > TOTAL_BYTES - sent)
            n = TOTAL_BYTES - sent;
        volatile uint32_t *w = (volatile uint32_t *)(slots + slot * SLOT_SIZE);
        for (uint32_t i = 0; i < (n + 3) / 4; i++)
            w[i] = xorshift(&x);
        sum = fnv1a(sum, (const volatile uint8_t *)w, n);
        /* publish it */
        l4_mutex_lock(&ctl->lock);
        ctl->len[slot] = n;
        ctl->count = ctl->count + 1;
        l4_mutex_unlock(&ctl->lock);
        sent += n;
        chunks++;
        slot = (slot + 1) % SLOTS;
    }

    l4_mutex_lock(&ctl->lock);
    ctl->child_bytes = sent;
    ctl->child_sum = sum;
    ctl->child_chunks = chunks;
    l4_mutex_unlock(&ctl->lock);
    /* the doorbell: the root receives it once it has consumed everything */
    uint32_t mr[L4_MR_COUNT] = { TAG_DONE, 0, sum, sent, chunks, 0 };
    return l4_send(l4_root_tid, mr) == 0 ? 0 : 1;
}

/* ---- the root: building the child's space ----------------------------------- */
static uint32_t next_frame, frames_end;

static int take_frames(uint32_t pages, uint32_t *frame)
{
    if (next_frame + pages * L4_PAGE_SIZE > frames_end)
        return -L4_ENOMEM;
    *frame = next_frame;
    next_frame += pages * L4_PAGE_SIZE;
    return 0;
}

/* Fresh frames holding a copy of [start, end) (or zeros when src is 0),
 * mapped at start in the child with `flags`. */
static int give_child(l4_tid_t child, uint32_t start, uint32_t end, const void *src, uint32_t flags)
{
    uint32_t pages = (end - start + L4_PAGE_SIZE - 1) / L4_PAGE_SIZE, frame;
    int e = take_frames(pages, &frame);
    if (e == 0)
        e = l4_map(frame, STAGING, pages, L4_MAP_RW, L4_NILTHREAD);
    if (e != 0)
        return e;
    memset((void *)STAGING, 0, pages * L4_PAGE_SIZE);
    if (src)
        memcpy((void *)STAGING, src, end - start);
    e = l4_unmap(STAGING, pages, L4_NILTHREAD);
    if (e == 0)
        e = l4_map(frame, start, pages, flags, child);
    return e;
}

static int build_child(l4_tid_t child)
{
    uint32_t text = (uint32_t)__text_start, text_end = ((uint32_t)__text_end + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
    int ok = CHECK("child text (RX copy)", give_child(child, text, text_end, __text_start, L4_MAP_RX), 0);
    /* the data snapshot is taken now: l4_root_tid and the constants are set */
    ok &= CHECK("child data and .bss (RW copy)",
                give_child(child, (uint32_t)__data_start, (uint32_t)__end, __data_start, L4_MAP_RW), 0);
    ok &= CHECK("child stack", give_child(child, CHILD_STACK, CHILD_STACK + CHILD_STACK_PAGES * L4_PAGE_SIZE,
                                          0, L4_MAP_RW), 0);
    ok &= CHECK("child UTCB page", give_child(child, L4_UTCB_PAGE, L4_UTCB_PAGE + L4_PAGE_SIZE, 0, L4_MAP_RW), 0);
    return ok;
}

/* ---- the root: consumer ------------------------------------------------------- */
int main(void)
{
    uint32_t cores = l4_kip_cores();
    struct control *ctl = (struct control *)ROOT_WINDOW;
    const uint8_t *slots = (const uint8_t *)(ROOT_WINDOW + L4_PAGE_SIZE);
    uint32_t window = 0, mr[L4_MR_COUNT];

    next_frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
    frames_end = l4_free_phys_base + l4_free_phys_size;
    l4_printf("bulk: %u bytes from a child in a new space through %u shared pages (%u core%s)\n",
              TOTAL_BYTES, WINDOW_PAGES, cores, cores == 1 ? "" : "s");

    int child = l4_thread_control(L4_TC_CREATE | L4_TC_NEW_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    if (!CHECK("create child (new space)", child > 0 ? 0 : child, 0))
        return finish("bulk");

    /* the window: the same frames in both spaces */
    if (!CHECK("frames for the window", take_frames(WINDOW_PAGES, &window), 0) ||
        !CHECK("map the window (root)", l4_map(window, ROOT_WINDOW, WINDOW_PAGES, L4_MAP_RW, L4_NILTHREAD), 0) ||
        !CHECK("map the window (child)", l4_map(window, CHILD_WINDOW, WINDOW_PAGES, L4_MAP_RW, (l4_tid_t)child), 0)) {
        l4_destroy((l4_tid_t)child);
        return finish("bulk");
    }
    memset(ctl, 0, L4_PAGE_SIZE);
    l4_mutex_init(&ctl->lock);
    CHECK("map over the window", l4_map(window, CHILD_WINDOW, 1, L4_MAP_RW, (l4_tid_t)child), -L4_EEXIST);

    /* the child's image, stack and UTCB, then its registers */
    if (!build_child((l4_tid_t)child)) {
        l4_destroy((l4_tid_t)child);
        return finish("bulk");
    }
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_SP | L4_EXREGS_VALID_LR | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = (uint32_t)child_main;
    r.r[1] = CHILD_WINDOW;
    r.sp = CHILD_STACK + CHILD_STACK_PAGES * L4_PAGE_SIZE;
    r.pc = (uint32_t)l4_thread_entry;
    r.utcb = L4_UTCB_PAGE;
    int e = l4_exchange_registers(&r, (l4_tid_t)child);
    if (e == 0 && cores > 1)
        e = l4_sched((l4_tid_t)child, (uint32_t)l4_self_priority(), 1u << 1);   /* the producer on core 1 */
    if (e == 0)
        e = l4_run((l4_tid_t)child);
    if (!CHECK("start the child", e, 0)) {
        l4_destroy((l4_tid_t)child);
        return finish("bulk");
    }

    /* consume: take each full slot in order, checksum it, hand it back */
    uint32_t sum = 2166136261u, got = 0, chunks = 0, slot = 0, bad_len = 0;
    while (got < TOTAL_BYTES) {
        uint32_t full, n;
        for (;;) {
            l4_mutex_lock(&ctl->lock);
            full = ctl->count;
            n = ctl->len[slot];
            l4_mutex_unlock(&ctl->lock);
            if (full > 0)
                break;
            l4_yield();
        }
        if (n == 0 || n > SLOT_SIZE || n > TOTAL_BYTES - got) {
            bad_len++;
            break;
        }
        sum = fnv1a(sum, slots + slot * SLOT_SIZE, n);
        l4_mutex_lock(&ctl->lock);
        ctl->count = ctl->count - 1;
        l4_mutex_unlock(&ctl->lock);
        got += n;
        chunks++;
        slot = (slot + 1) % SLOTS;
    }
    CHECK("chunks with a bad length", bad_len, 0);

    /* the child's report: the doorbell IPC, and the control block */
    memset(mr, 0, sizeof mr);
    if (CHECK("receive the child's report", bad_len ? -1 : l4_receive((l4_tid_t)child, mr), 0)) {
        CHECK_HEX("report tag", mr[0], TAG_DONE);
        CHECK_HEX("report sender (MR1)", mr[1], (uint32_t)child);
        CHECK_HEX("child's checksum (IPC) = root's", mr[2], sum);
        CHECK("child's byte count (IPC)", mr[3], TOTAL_BYTES);
        CHECK("child's chunk count (IPC) = root's", mr[4], chunks);
    }
    CHECK("child exit code", l4_wait((l4_tid_t)child), 0);
    l4_dmb();
    CHECK_HEX("child's checksum (shared page) = root's", ctl->child_sum, sum);
    CHECK("child's byte count (shared page)", ctl->child_bytes, TOTAL_BYTES);
    CHECK("bytes received", got, TOTAL_BYTES);
    CHECK("full slots left", ctl->count, 0);
    CHECK("mutex word at the end", ctl->lock.word, L4_MUTEX_FREE);
    CHECK("unmap the window (root)", l4_unmap(ROOT_WINDOW, WINDOW_PAGES, L4_NILTHREAD), 0);

    l4_printf("bulk: %u chunks of 1-%u bytes through %u slots\n", chunks, SLOT_SIZE, SLOTS);
    if (failures)
        return finish("bulk");
    l4_printf("bulk: %u bytes, checksum 0x%08x, all checks passed\n", got, sum);
    return 0;
}
