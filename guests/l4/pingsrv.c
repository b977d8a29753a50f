/*
 * pingsrv.c - example (examples/pingpong): a server container. It answers
 * every call from another container with MR0 + 1 in a reply-and-wait loop,
 * and ends once each of its clients (the containers it holds IPC caps to)
 * has said goodbye. Replies need no cap: a caller waiting for its reply asked
 * for it.
 */
#include "l4/l4.h"
#include "ping.h"

int main(void)
{
    l4_tid_t clients[8];
    int expected = l4_peers(clients, 8);
    if (expected <= 0) {
        l4_printf("pingsrv: no clients (%d)\n", expected);
        return 1;
    }
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t served = 0, goodbyes = 0;
    l4_printf("pingsrv: serving %d client%s\n", expected, expected == 1 ? "" : "s");
    int r = l4_receive(L4_ANYTHREAD, mr);
    while (r == 0) {
        l4_tid_t client = mr[L4_MR_SENDER];
        if (mr[0] == PING_GOODBYE) {
            mr[0] = served;
            if (++goodbyes == (uint32_t)expected) {
                l4_send(client, mr);
                break;
            }
        } else {
            mr[0] += 1;
            served++;
        }
        r = l4_reply_wait(client, mr);
    }
    if (r != 0) {
        l4_printf("pingsrv: ipc failed: %d\n", r);
        return 2;
    }
    l4_printf("pingsrv: served %u calls, every client said goodbye\n", served);
    return 0;
}
