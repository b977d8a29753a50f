/*
 * uartsrv.c - example (examples/uart): a user-level UART driver container.
 * It holds the uart0 device caps (its MMIO page and IRQ 37), maps UART0 as
 * IO memory, and serves the other containers: each extended call carries up
 * to UARTSRV_MAX bytes, which it writes to the transmit FIFO, answering with
 * the count. It ends when every client (the containers it holds IPC caps
 * to) has sent an empty request.
 */
#include "l4/l4.h"
#include "uartsrv.h"

#define UART_VA 0x30000000u
#define UART_DR 0x000
#define UART_FR 0x018
#define FR_TXFF (1u << 5)

static volatile uint32_t *uart(uint32_t off) { return (volatile uint32_t *)(UART_VA + off); }

static uint8_t buf[UARTSRV_MAX];

int main(void)
{
    l4_tid_t clients[8];
    int expected = l4_peers(clients, 8);
    int r = l4_map(L4_UART0_PHYS, UART_VA, 1, L4_MAP_KIND_IO, L4_NILTHREAD);
    if (r != 0 || expected <= 0) {
        l4_printf("uartsrv: cannot start (map %d, clients %d)\n", r, expected);
        return 1;
    }
    l4_printf("uartsrv: driving UART0 for %d client%s\n", expected, expected == 1 ? "" : "s");
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t got = 0, bytes = 0, requests = 0;
    int done = 0;
    mr[5] = (uint32_t)buf;
    r = l4_ipc_flags(L4_NILTHREAD, L4_ANYTHREAD, L4_IPC_EXT(5, UARTSRV_MAX), mr, &got);
    while (r == 0) {
        l4_tid_t client = mr[L4_MR_SENDER];
        uint32_t n = L4_IPC_SIZE(got);
        for (uint32_t i = 0; i < n; i++) {
            while (*uart(UART_FR) & FR_TXFF)
                ;
            *uart(UART_DR) = buf[i];
        }
        bytes += n;
        requests++;
        if (n == 0 && ++done == expected) {
            mr[0] = 0;
            mr[5] = (uint32_t)buf;
            l4_ipc_flags(client, L4_NILTHREAD, L4_IPC_EXT(5, 0), mr, 0);   /* the last reply, then stop */
            break;
        }
        mr[0] = n;
        mr[5] = (uint32_t)buf;
        r = l4_ipc_flags(client, L4_ANYTHREAD, L4_IPC_EXT(5, UARTSRV_MAX), mr, &got);
    }
    if (r != 0) {
        l4_printf("uartsrv: ipc failed: %d\n", r);
        return 2;
    }
    l4_printf("uartsrv: wrote %u bytes for %u requests\n", bytes, requests);
    return 0;
}
