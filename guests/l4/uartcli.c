/*
 * uartcli.c - example (examples/uart): a client of the user-level UART
 * driver. It has no device caps of its own: it finds the driver through its
 * IPC cap and has it write lines to UART0 with extended calls.
 */
#include "l4/l4.h"
#include "uartsrv.h"

static char line[UARTSRV_MAX];

int main(void)
{
    l4_tid_t driver;
    if (l4_peers(&driver, 1) != 1) {
        l4_printf("uartcli: no driver to call\n");
        return 1;
    }
    uint32_t mr[L4_MR_COUNT] = { 0 };
    uint32_t me = l4_tid_container(l4_myself());
    for (int i = 1; i <= 3; i++) {
        int n = l4_snprintf(line, sizeof line, "uartcli %u: line %d through the user-level driver\n", me, i);
        uint32_t written = 0;
        int r = l4_call_extended(driver, mr, line, (uint32_t)n, &written);
        if (r != 0 || mr[0] != (uint32_t)n) {
            l4_printf("uartcli: write %d failed: %d (wrote %u)\n", i, r, mr[0]);
            return 2;
        }
    }
    /* the driver's UART is not ours: mapping it ourselves is refused */
    int own = l4_map(L4_UART0_PHYS, 0x30000000u, 1, L4_MAP_KIND_IO, L4_NILTHREAD);
    l4_call_extended(driver, mr, line, 0, 0);
    l4_printf("uartcli: done; mapping UART0 itself gave %d\n", own);
    return own == -L4_ENOCAP ? 0 : 3;
}
