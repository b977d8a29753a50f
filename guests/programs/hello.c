/*
 * hello.c - the bundled example: a friendly greeting from the guest.
 * Uses only printf/puts through newlib + rdimon semihosting. Exit status 0.
 */
#include <stdio.h>
#include <string.h>

static const char *const lines[] = {
    "This program runs bare metal on an emulated ARM Versatile Express board",
    "with a Cortex-A9 MPCore CPU (ARMv7-A, executing A32 / ARM-state code).",
    "",
    "  RAM          0x60000000 .. 0x67ffffff (128 MiB), image at 0x60010000",
    "  UART0        PL011 at 0x10009000 (not used here)",
    "  Private mem  MPCore SCU, GIC and timers at 0x1e000000",
    "  Console      semihosting (SVC 0x123456): SYS_WRITE to \":tt\"",
    "",
    "The C library is newlib with the rdimon semihosting glue, so printf,",
    "malloc and exit work exactly as they do on a hosted system.",
};

int main(void)
{
    unsigned i, total = 0;

    puts("Hello from the guest!");
    puts("=====================");
    for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        puts(lines[i]);
        total += (unsigned)strlen(lines[i]);
    }
    printf("\n%u lines, %u characters of description.\n",
           (unsigned)(sizeof lines / sizeof lines[0]), total);
    printf("6 x 7 = %d, and 0x%x == %u.\n", 6 * 7, 0xCAFEu, 0xCAFEu);
    puts("Goodbye!");
    return 0;
}
