/*
 * spin.c - a root thread that never ends: main calls spin(), which counts
 * forever. Run with an instruction or cycle limit; the report at the limit
 * must show the thread's real pc, inside spin (not its entry point, _start).
 * tests/Cli/CtrlCTests.cs boots it and stops it with Ctrl-C.
 */
#include "l4/l4.h"

static volatile uint32_t spin_count;

__attribute__((noinline)) static void spin(void)
{
    for (;;)
        spin_count++;
}

int main(void)
{
    l4_printf("spin: counting forever\n");
    spin();
    return 0;
}
