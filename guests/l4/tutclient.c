/*
 * tutclient.c - the tutorial's client container (docs/tutorial.md,
 * examples/tutorial). It calls the server's pager in the short and full tiers
 * and its second thread in the extended tier, maps the window the server
 * granted it, and answers through it.
 */
#include "l4/l4.h"
#include "tutorial.h"

static struct l4_cap caps[32];

int main(void)
{
    /* @region hello */
    l4_tid_t server;
    if (l4_peers(&server, 1) != 1) {            /* only the pager_only cap names one thread */
        l4_puts("client: no server");
        return 1;
    }
    uint32_t mr[L4_MR_COUNT] = { TUT_HELLO };
    int r = l4_call(server, mr);                /* short tier: MR0-MR5 only */
    if (r != 0) {
        l4_printf("client: hello failed: %d\n", r);
        return 2;
    }
    uint32_t window = mr[2], pages = mr[3];
    l4_tid_t extended = mr[4];
    /* @end hello */

    /* @region map */
    /* The granted cap is held by this thread's space; it holds frame numbers. */
    int n = l4_cap_read(caps, 32);
    for (int i = 0; i < n; i++)
        if (caps[i].type == L4_CAPTYPE_PHYSMEM && caps[i].start == window >> L4_PAGE_SHIFT)
            l4_printf("client: granted cap 0x%08x: frames 0x%05x-0x%05x, from cap 0x%08x\n",
                      caps[i].id, caps[i].start, caps[i].end - 1, caps[i].parent);
    r = l4_map(window, TUT_CLIENT_WINDOW, pages, L4_MAP_RW, L4_NILTHREAD);
    if (r != 0) {
        l4_printf("client: mapping the window failed: %d\n", r);
        return 3;
    }
    l4_printf("client: the window says \"%s\"\n", (const char *)TUT_CLIENT_WINDOW);
    l4_snprintf((char *)(TUT_CLIENT_WINDOW + TUT_REPLY_OFFSET), 64, "hello back from the client");
    /* @end map */

    /* @region full */
    for (uint32_t i = 0; i < 10; i++)           /* the full tier also carries the 64 UTCB words */
        l4_utcb()->mr[i] = i + 1;
    mr[0] = TUT_SUM;
    mr[2] = 10;
    r = l4_call_full(server, mr);
    l4_printf("client: full call: %d, sum %u\n", r, mr[2]);
    /* @end full */

    /* @region extended */
    char text[64];
    uint32_t len = (uint32_t)l4_snprintf(text, sizeof text, "shout this");
    uint32_t got = 0;
    mr[0] = TUT_UPPER;
    r = l4_call_extended(extended, mr, text, len, &got);
    text[got < sizeof text ? got : sizeof text - 1] = 0;
    l4_printf("client: extended call: %d, %u bytes back: \"%s\"\n", r, got, text);

    mr[0] = TUT_UPPER;
    r = l4_call(extended, mr);                  /* short, to an extended receiver */
    l4_printf("client: short call to the extended thread: %d (-ENOIPC is -%d)\n", r, L4_ENOIPC);

    mr[0] = TUT_DONE;
    l4_call_extended(extended, mr, text, 0, &got);
    /* @end extended */

    /* @region bye */
    mr[0] = TUT_BYE;                            /* a short call; the server now receives full */
    r = l4_call(server, mr);
    l4_printf("client: bye: %d\n", r);
    return r == 0 ? 0 : 4;
    /* @end bye */
}
