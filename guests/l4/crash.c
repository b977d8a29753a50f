/* crash: a root thread with no pager that dereferences an unmapped address. The kernel stops and
 * reports it; other containers booted beside it run on. Never prints "crash: survived". */
#include <l4/l4.h>

/* Through a variable, so the compiler cannot see the address is a constant (no bounds warning). */
volatile unsigned long l4_unmapped_address = 4;

int main(void)
{
    l4_printf("crash: root 0x%08x reads 0x%08lx\n", l4_myself(), l4_unmapped_address);
    volatile unsigned *p = (volatile unsigned *)l4_unmapped_address;
    unsigned v = *p;
    l4_printf("crash: survived (%u)\n", v);
    return 0;
}
