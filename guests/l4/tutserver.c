/*
 * tutserver.c - the tutorial's server container (docs/tutorial.md,
 * examples/tutorial). Its pager shares a window of its memory with the client
 * (copy its physical-memory cap, narrow the copy to the window, grant it) and
 * serves short and full calls; a second thread serves the extended tier, which
 * matches only extended senders.
 */
#include "l4/l4.h"
#include "tutorial.h"

static uint8_t ext_stack[4096] __attribute__((aligned(8)));
static struct l4_cap caps[32];

/* @region extended */
/* The extended-tier thread: an extended receive matches only extended senders,
 * so a short or full call to it fails with -ENOIPC on both sides. */
static int extended_server(void *arg)
{
    (void)arg;
    static char buf[256];
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t got = 0, refused = 0;
    int r = l4_receive_extended(L4_ANYTHREAD, mr, buf, sizeof buf, &got);
    for (;;) {
        if (r == -L4_ENOIPC) {              /* a short or full sender: nothing arrived */
            refused++;
            r = l4_receive_extended(L4_ANYTHREAD, mr, buf, sizeof buf, &got);
            continue;
        }
        if (r != 0)
            return 1;
        l4_tid_t client = mr[L4_MR_SENDER];
        if (mr[0] == TUT_DONE) {
            l4_printf("server: extended thread: done, %u short or full sender%s refused\n",
                      refused, refused == 1 ? "" : "s");
            l4_send_extended(client, mr, buf, 0);           /* the reply: the client waits for it */
            return 0;
        }
        for (uint32_t i = 0; i < got; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - 'a' + 'A');
        mr[0] = got;
        /* reply with the same bytes, then receive the next request (one call) */
        mr[5] = (uint32_t)buf;
        r = l4_ipc_flags(client, L4_ANYTHREAD, L4_IPC_EXT(5, sizeof buf), mr, &got);
        got = L4_IPC_SIZE(got);
    }
}
/* @end extended */

/* @region window */
/* Shares the first pages of the server's free memory with `client`: maps them
 * here, copies the physical-memory cap that covers them, narrows the copy to
 * just those frames (read and write, no exec), and grants it to the client's
 * space. The grant needs an IPC cap with send towards the client. */
static int share_window(l4_tid_t client, uint32_t phys)
{
    int r = l4_map(phys, TUT_SERVER_WINDOW, TUT_WINDOW_PAGES, L4_MAP_RW, L4_NILTHREAD);
    if (r != 0)
        return r;
    l4_snprintf((char *)TUT_SERVER_WINDOW, 64, "hello through the window");

    int n = l4_cap_read(caps, 32);
    for (int i = 0; i < n; i++) {
        struct l4_cap *c = &caps[i];
        uint32_t frame = phys >> L4_PAGE_SHIFT;            /* caps hold frame numbers */
        if (c->type != L4_CAPTYPE_PHYSMEM || frame < c->start || frame + TUT_WINDOW_PAGES > c->end)
            continue;
        l4_printf("server: my memory cap 0x%08x: frames 0x%05x-0x%05x (addresses 0x%08x-0x%08x)\n",
                  c->id, c->start, c->end - 1, c->start << L4_PAGE_SHIFT, (c->end << L4_PAGE_SHIFT) - 1);
        int copy = l4_cap_replicate(c->id);                 /* 1. copy */
        if (copy < 0)
            return copy;
        struct l4_cap narrow = *c;                          /* 2. narrow the copy */
        narrow.start = frame;
        narrow.end = frame + TUT_WINDOW_PAGES;
        narrow.rights = TUT_MEM_READ | TUT_MEM_WRITE | TUT_MEM_CACHED | L4_CAP_TRANSFERABLE;
        r = l4_cap_deduce((uint32_t)copy, &narrow);
        if (r != 0)
            return r;
        return l4_cap_grant((uint32_t)copy, client);        /* 3. grant it */
    }
    return -L4_ENOCAP;
}
/* @end window */

int main(void)
{
    l4_tid_t client;
    if (l4_peers(&client, 1) != 1) {            /* the manifest's pager_only cap towards the client */
        l4_puts("server: no client");
        return 1;
    }
    uint32_t window = l4_free_phys_base;        /* the first free frames of this container's memory */
    int r = share_window(client, window);
    if (r != 0) {
        l4_printf("server: sharing the window failed: %d\n", r);
        return 2;
    }
    int ext = l4_thread_start(extended_server, 0, ext_stack + sizeof ext_stack, 1, -1, 0);
    if (ext < 0) {
        l4_printf("server: cannot start the extended thread: %d\n", ext);
        return 3;
    }
    l4_printf("server: window 0x%08x (%u pages) granted to 0x%08x; serving\n", window, TUT_WINDOW_PAGES, client);

    /* @region serve */
    /* Short and full calls. A reply-and-wait has one flags word for both halves:
     * after a full reply this thread also receives at the full tier, and then a
     * short request arrives as full (r2, `got`, says what arrived). */
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t got = 0, tier = L4_IPC_SHORT;
    r = l4_ipc_flags(L4_NILTHREAD, L4_ANYTHREAD, tier, mr, &got);
    while (r == 0) {
        l4_tid_t from = mr[L4_MR_SENDER];
        const char *arrived = L4_IPC_TIER(got) == L4_IPC_FULL ? "full" : "short";
        if (mr[0] == TUT_HELLO) {
            l4_printf("server: hello from 0x%08x (arrived %s)\n", from, arrived);
            mr[2] = window;
            mr[3] = TUT_WINDOW_PAGES;
            mr[4] = (uint32_t)ext;
            tier = L4_IPC_SHORT;
        } else if (mr[0] == TUT_SUM) {
            uint32_t sum = 0;
            for (uint32_t i = 0; i < mr[2] && i < L4_UTCB_WORDS; i++)
                sum += l4_utcb()->mr[i];
            l4_printf("server: sum of %u UTCB words = %u (arrived %s)\n", mr[2], sum, arrived);
            mr[2] = sum;
            tier = L4_IPC_FULL;
        } else if (mr[0] == TUT_BYE) {
            l4_printf("server: bye (arrived %s); the window says \"%s\"\n", arrived,
                      (const char *)(TUT_SERVER_WINDOW + TUT_REPLY_OFFSET));
            l4_send(from, mr);                  /* the last reply */
            break;
        }
        r = l4_ipc_flags(from, L4_ANYTHREAD, tier, mr, &got);
    }
    /* @end serve */
    if (r != 0) {
        l4_printf("server: ipc failed: %d\n", r);
        return 4;
    }
    r = l4_wait((l4_tid_t)ext);
    l4_printf("server: extended thread exited %d\n", r);
    return r;
}
