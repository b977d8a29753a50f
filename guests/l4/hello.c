/*
 * hello.c - the smallest L4 program: prints its thread id, reads the Kernel
 * Interface Page (magic, version, cores, clock, time slice) and its ids.
 */
#include "l4/l4.h"

int main(void)
{
    uint32_t space = 0, container = 0;
    l4_tid_t pager = 0;
    l4_tid_t me = l4_getid(&space, &container, &pager);
    const volatile struct l4_kip *kip = l4_kip();
    int fails = 0;

    l4_printf("hello from thread 0x%08x\n", me);
    l4_printf("hello: start-up tid 0x%08x, space %u, container %u, pager 0x%08x\n",
              l4_root_tid, space, container, pager);
    l4_printf("hello: free physical memory 0x%08x, %u KiB\n", l4_free_phys_base,
              l4_free_phys_size / 1024);
    l4_printf("hello: KIP magic 0x%08x version %u\n", kip->magic, kip->version);
    l4_printf("hello: %u cores, clock %u Hz, UTCB %u bytes, %u system calls, time slice %u cycles\n",
              kip->cores, kip->clock_hz, kip->utcb_size, kip->nsyscalls, kip->timeslice);
    l4_printf("hello: UTCB at %p\n", (void *)l4_utcb());

    if (me != l4_root_tid) {
        l4_printf("FAIL getid: got 0x%08x want 0x%08x\n", me, l4_root_tid);
        fails++;
    }
    if (kip->magic != L4_KIP_MAGIC) {
        l4_printf("FAIL KIP magic: got 0x%08x want 0x%08x\n", kip->magic, L4_KIP_MAGIC);
        fails++;
    }
    if (kip->cores < 1 || kip->cores > 4) {
        l4_printf("FAIL KIP cores: got %u want 1-4\n", kip->cores);
        fails++;
    }
    l4_printf("hello: %s\n", fails ? "failed" : "done");
    return fails;
}
