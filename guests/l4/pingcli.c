/*
 * pingcli.c - example (examples/pingpong): a client container. It finds the
 * server through its IPC cap (l4_peers), makes PING_ROUNDS calls, checks
 * every answer, reports the emulated cycles per round trip and says goodbye.
 */
#include "l4/l4.h"
#include "ping.h"

int main(void)
{
    l4_tid_t server;
    if (l4_peers(&server, 1) != 1) {
        l4_printf("pingcli: no server to call\n");
        return 1;
    }
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t wrong = 0;
    uint64_t start = l4_cycles();
    for (uint32_t i = 0; i < PING_ROUNDS; i++) {
        mr[0] = i;
        int r = l4_call(server, mr);
        if (r != 0) {
            l4_printf("pingcli: call %u failed: %d\n", i, r);
            return 2;
        }
        wrong += mr[0] != i + 1;
    }
    uint64_t cycles = l4_cycles() - start;
    mr[0] = PING_GOODBYE;
    l4_call(server, mr);
    l4_printf("pingcli: %u round trips to 0x%08x, %u wrong, %u cycles each\n", PING_ROUNDS, server, wrong,
              (uint32_t)(cycles / PING_ROUNDS));
    return wrong ? 3 : 0;
}
