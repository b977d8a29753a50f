/*
 * uartecho.c - a user-level PL011 driver: the root maps UART0, registers as the handler of IRQ 37 and echoes received bytes until Ctrl-D.
 *
 * The root maps the UART0 page (0x10009000) as device memory (map kind IO),
 * first checks the error paths of irq_control (docs/ipc.md, "IRQ threads")
 * and a handler thread it pages (registered by the root, SUSPENDed in WAIT,
 * ending while it holds the line),
 * then registers itself for IRQ 37, enables the receive and receive-timeout
 * interrupts and loops: WAIT (the number of interrupts counted, >= 1), drain
 * the receive FIFO until FR.RXFE, echo each byte through DR (waiting while
 * FR.TXFF), clear the interrupts in ICR. It stops at the end byte 0x04
 * (Ctrl-D, not echoed), prints `uartecho: echoed N bytes in M interrupts`
 * and exits with the number of failed checks. Input that ends without 0x04
 * leaves the root waiting for an interrupt that never comes: the board then
 * halts with every core asleep.
 */
#include "l4test.h"

/* ---- PL011 registers (offsets as hal/ArmCortexA9/Devices/Pl011Uart.cs) ---- */
#define UART_VA     0x30000000u     /* where the root maps the UART0 page */
#define UART_DR     0x000           /* data: read = receive, write = transmit */
#define UART_FR     0x018           /* flags */
#define UART_CR     0x030           /* control */
#define UART_IMSC   0x038           /* interrupt mask set/clear (1 = enabled) */
#define UART_RIS    0x03C           /* raw interrupt status */
#define UART_MIS    0x040           /* masked interrupt status */
#define UART_ICR    0x044           /* interrupt clear (write 1s) */
#define UART_PERIPHID0 0xFE0        /* PrimeCell ids: 0x11 0x10 0x14 0x00 */
#define UART_CELLID0   0xFF0        /* 0x0D 0xF0 0x05 0xB1 */

#define FR_RXFE     (1u << 4)       /* receive FIFO empty */
#define FR_TXFF     (1u << 5)       /* transmit FIFO full */
#define CR_UARTEN   (1u << 0)
#define CR_TXE      (1u << 8)
#define CR_RXE      (1u << 9)
#define INT_RX      (1u << 4)       /* receive */
#define INT_TX      (1u << 5)       /* transmit */
#define INT_RT      (1u << 6)       /* receive timeout */

#define END_BYTE    0x04            /* Ctrl-D */
#define MAX_BYTES   100000u         /* a runaway guard */

static inline uint32_t uart_read(uint32_t off)
{
    return *(volatile uint32_t *)(UART_VA + off);
}

static inline void uart_write(uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(UART_VA + off) = v;
}

/* ---- irq_control error paths (before the UART raises anything) ---------- */
static void check_error_paths(void)
{
    CHECK("WAIT before registering", l4_irq_wait(L4_IRQ_UART0), -L4_ENOIRQ);
    CHECK("RELEASE before registering", l4_irq_release(L4_IRQ_UART0), -L4_ENOIRQ);
    CHECK("register irq 31 (not an SPI)", l4_irq_register(31, L4_NILTHREAD), -L4_ENOIRQ);
    CHECK("register irq 96 (past the SPIs)", l4_irq_register(96, L4_NILTHREAD), -L4_ENOIRQ);
    CHECK("register irq 37", l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD), 0);
    CHECK("register irq 37 twice", l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD), -L4_EBUSY);
    CHECK("release irq 37", l4_irq_release(L4_IRQ_UART0), 0);
    CHECK("WAIT after release", l4_irq_wait(L4_IRQ_UART0), -L4_ENOIRQ);
    CHECK("release after release", l4_irq_release(L4_IRQ_UART0), -L4_ENOIRQ);
    CHECK("irq_control op 3", l4_irq_control(3, L4_IRQ_UART0, L4_NILTHREAD), -L4_EINVAL);
}

/* ---- a handler thread other than the root ----------------------------------- */
/* H, in a copied space (none of the root's caps, so no device cap), first tries
 * to register for itself (-ENOCAP), then, once the root made it the handler,
 * WAITs (being the handler is enough): the root SUSPENDs it there
 * (WAIT returns -EINTR) and RUNs it again; H then exits still holding the line,
 * which the kernel must take back. */
static volatile uint32_t h_step, h_register, h_wait;

static int handler_thread(void *arg)
{
    (void)arg;
    h_register = (uint32_t)l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD);
    l4_dmb();
    h_step = 1;
    wait_flag(&h_step, 2, 1000000);     /* the root registers us */
    h_step = 3;
    h_wait = (uint32_t)l4_irq_wait(L4_IRQ_UART0);   /* no interrupt is enabled: only SUSPEND ends it */
    return 0;
}

static void check_handler_thread(void)
{
    h_step = 0;
    int h = l4_thread_start_in(L4_TC_COPY_SPACE, handler_thread, 0, stack_top(0), 1, -1, 0);
    if (!CHECK("start a handler thread", h > 0 ? 0 : h, 0))
        return;
    wait_flag(&h_step, 1, 1000000);
    CHECK("register by a thread without the device cap", (int32_t)h_register, -L4_ENOCAP);
    CHECK("root registers irq 37 for the thread it pages", l4_irq_register(L4_IRQ_UART0, (l4_tid_t)h), 0);
    CHECK("root registers irq 37 while the thread holds it", l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD), -L4_EBUSY);
    CHECK("root WAITs on the thread's line", l4_irq_wait(L4_IRQ_UART0), -L4_ENOIRQ);
    CHECK("root RELEASEs the thread's line", l4_irq_release(L4_IRQ_UART0), -L4_ENOIRQ);
    l4_dmb();
    h_step = 2;
    wait_flag(&h_step, 3, 1000000);
    settle(2);                          /* H is blocked in WAIT */
    CHECK("suspend the waiting handler", l4_suspend((l4_tid_t)h), 0);
    CHECK("run it again", l4_run((l4_tid_t)h), 0);
    CHECK("handler thread exit", l4_wait((l4_tid_t)h), 0);
    CHECK("WAIT of a suspended handler", (int32_t)h_wait, -L4_EINTR);
    /* the handler ended: its line is free again */
    CHECK("register irq 37 after its handler ended", l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD), 0);
    CHECK("release it", l4_irq_release(L4_IRQ_UART0), 0);
}

int main(void)
{
    uint32_t bytes = 0, interrupts = 0, waits = 0;
    int done = 0;

    l4_printf("uartecho: user-level PL011 driver on IRQ %u\n", L4_IRQ_UART0);

    /* ---- map the device page ------------------------------------------ */
    if (!CHECK("map UART0 (IO)", l4_map(L4_UART0_PHYS, UART_VA, 1, L4_MAP_KIND_IO, L4_NILTHREAD), 0))
        return finish("uartecho");
    static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };
    for (unsigned i = 0; i < 8; i++) {
        uint32_t off = (i < 4 ? UART_PERIPHID0 : UART_CELLID0) + (i % 4) * 4;
        CHECK_HEX("PrimeCell id byte through the mapping", uart_read(off) & 0xFF, ids[i]);
    }

    check_error_paths();
    check_handler_thread();

    /* ---- become the handler, then let the UART interrupt -------------- */
    if (!CHECK("register irq 37 again", l4_irq_register(L4_IRQ_UART0, L4_NILTHREAD), 0)) {
        l4_unmap(UART_VA, 1, L4_NILTHREAD);
        return finish("uartecho");
    }
    /* LCR_H.FEN is left alone: toggling it empties the FIFO, and bytes may
     * already be waiting in the one-byte holding register. */
    uart_write(UART_CR, uart_read(UART_CR) | CR_UARTEN | CR_TXE | CR_RXE);
    uart_write(UART_ICR, INT_TX);
    uart_write(UART_IMSC, INT_RX | INT_RT);
    l4_printf("uartecho: echoing until Ctrl-D\n");

    /* ---- serve interrupts ------------------------------------------------ */
    while (!done) {
        int n = l4_irq_wait(L4_IRQ_UART0);
        if (!CHECK_TRUE("irq_control WAIT returns a count >= 1", n >= 1)) {
            l4_printf("uartecho: WAIT returned %d\n", n);
            break;
        }
        waits++;
        interrupts += (uint32_t)n;
        if (waits == 1)
            CHECK_TRUE("the UART asserts RX or RT when the first WAIT returns",
                       (uart_read(UART_MIS) & (INT_RX | INT_RT)) != 0);
        /* drain: every byte that has arrived, echoed back */
        while (!(uart_read(UART_FR) & FR_RXFE)) {
            uint32_t c = uart_read(UART_DR) & 0xFF;
            if (c == END_BYTE) {
                done = 1;
                break;
            }
            while (uart_read(UART_FR) & FR_TXFF)
                ;
            uart_write(UART_DR, c);
            if (++bytes >= MAX_BYTES) {
                done = 1;
                break;
            }
        }
        /* the device's condition is served: clear it before the next WAIT
         * unmasks the line */
        uart_write(UART_ICR, INT_RX | INT_RT | INT_TX);
    }

    /* ---- give the device up ---------------------------------------------- */
    uart_write(UART_IMSC, 0);
    uart_write(UART_ICR, INT_RX | INT_RT | INT_TX);
    CHECK_HEX("no UART interrupt left raised", uart_read(UART_MIS), 0);
    CHECK("release irq 37", l4_irq_release(L4_IRQ_UART0), 0);
    CHECK("unmap UART0", l4_unmap(UART_VA, 1, L4_NILTHREAD), 0);
    CHECK_TRUE("the end byte came", done);
    l4_printf("uartecho: echoed %u bytes in %u interrupt%s\n", bytes, interrupts, interrupts == 1 ? "" : "s");
    return finish("uartecho");
}
