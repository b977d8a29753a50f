/*
 * spin.c - test program: says so, then counts forever without entering the
 * kernel, so a run that boots it only ends by --max-instructions or Ctrl-C
 * (tests/Cli/CtrlCTests.cs).
 */
#include "l4/l4.h"

static volatile uint32_t count;

int main(void)
{
    l4_printf("spin: counting forever\n");
    for (;;)
        count++;
}
