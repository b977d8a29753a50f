/*
 * pager.c - a pager serving faults. The root makes a child with
 * TC_COPY_SPACE (the same code, data, stack and UTCB frames), whose stack
 * pointer is the top of an unmapped region (0x40100000) and whose heap
 * (0x40000000..) is unmapped too. The child says hello with an IPC call
 * (from assembly, before touching its stack), then reads and writes eight
 * heap pages. Each first touch of a page is a data abort that the kernel
 * turns into an IPC to the root (MR0 0xFFFF0001); the root takes a fresh
 * frame from the free physical memory it got at start-up, maps it into its
 * own space (a window) to zero it, maps it RW at the fault page in the
 * child's space, and replies MR0 = 0 with an atomic send + receive from
 * the child, so the next fault never finds it not listening. The child
 * reports its checksum with a "done" message and exits with its low 8 bits;
 * the root then reads the child's data through its windows and WAITs.
 */
#include "l4test.h"

#define HEAP_BASE    0x40000000u
#define HEAP_PAGES   8
#define HEAP_STRIDE  0x3000u                /* pages 0, 3, 6, ... (not adjacent) */
#define STACK_TOP    0x40100000u
#define STACK_LIMIT  (STACK_TOP - 0x10000u)
#define WINDOW_BASE  0x50000000u            /* root's view of the frames it hands out */
#define MAX_FAULTS   16
#define WORDS_PER_PAGE_TOUCHED 16           /* one word every 256 bytes */

#define TAG_HELLO    0x48454C4Fu            /* "HELO" */
#define TAG_DONE     0x444F4E45u            /* "DONE" */

extern char __text_start[], __text_end[];
void pager_child_entry(void);
int child_main(l4_tid_t root, uint32_t arg);

static uint32_t pattern(uint32_t page, uint32_t word)
{
    return (0x9E3779B9u * (page * 64 + word + 1)) ^ 0xA5A5A5A5u;
}

static uint32_t expected_checksum(void)
{
    uint32_t sum = 0;               /* starts with the first read of page 0: 0 */
    for (uint32_t k = 0; k < HEAP_PAGES; k++)
        for (uint32_t j = 0; j < WORDS_PER_PAGE_TOUCHED; j++)
            sum = sum * 31 + pattern(k, j);
    return sum;
}

/* ---- the child -------------------------------------------------------------- */
/* r0 = root's id, r1 = arg, sp = 0x40100000 (unmapped): say hello with an
 * IPC call (to = from = root) without touching the stack, then run
 * child_main (its first push faults the stack page in), then EXIT. */
__asm__(
    "   .section .text.pager_child_entry, \"ax\", %progbits\n"
    "   .global pager_child_entry\n"
    "   .type pager_child_entry, %function\n"
    "   .p2align 2\n"
    "pager_child_entry:\n"
    "   mov     r9, r0\n"
    "   mov     r10, r1\n"
    "   mov     r1, r0\n"               /* from = root: an atomic call */
    "   mov     r2, #0\n"               /* short IPC */
    "   ldr     r3, =0x48454C4F\n"      /* MR0 = TAG_HELLO */
    "   mov     r4, #0\n"
    "   mov     r5, #0\n"
    "   mov     r6, #0\n"
    "   mov     r7, #0\n"
    "   mov     r8, #0\n"
    "   mov     r12, #0\n"              /* L4_SYS_IPC */
    "   svc     #0\n"
    "   mov     r0, r9\n"
    "   mov     r1, r10\n"
    "   mov     fp, #0\n"
    "   mov     lr, #0\n"
    "   bl      child_main\n"
    "   b       l4_exit\n"
    "   .ltorg\n"
    "   .size pager_child_entry, . - pager_child_entry\n"
    "   .text\n");

__attribute__((used)) int child_main(l4_tid_t root, uint32_t arg)
{
    (void)arg;
    volatile uint32_t *page0 = (volatile uint32_t *)HEAP_BASE;
    uint32_t sum = page0[0];        /* a read fault: the root hands out zeroed frames */
    uint32_t bad = 0;

    for (uint32_t k = 0; k < HEAP_PAGES; k++) {
        volatile uint32_t *p = (volatile uint32_t *)(HEAP_BASE + k * HEAP_STRIDE);
        for (uint32_t j = 0; j < WORDS_PER_PAGE_TOUCHED; j++)
            p[j * 64] = pattern(k, j);
    }
    for (uint32_t k = 0; k < HEAP_PAGES; k++) {
        volatile uint32_t *p = (volatile uint32_t *)(HEAP_BASE + k * HEAP_STRIDE);
        for (uint32_t j = 0; j < WORDS_PER_PAGE_TOUCHED; j++) {
            uint32_t v = p[j * 64];
            bad += v != pattern(k, j);
            sum = sum * 31 + v;
        }
    }
    uint32_t mr[L4_MR_COUNT] = { TAG_DONE, 0, sum, bad, 0, 0 };
    l4_send(root, mr);
    return bad ? 255 : (int)(sum & 0xFF);
}

/* ---- the root: pager --------------------------------------------------------- */
static uint32_t next_frame, frames_end;
static uint32_t fault_page[MAX_FAULTS];         /* child page served by window n */

/* Serves one data abort; returns the MR0 to answer with (0 resume, 2 stop). */
static uint32_t serve(const uint32_t mr[L4_MR_COUNT], l4_tid_t child, unsigned n,
                      unsigned *stack_faults, unsigned *heap_faults, unsigned *read_faults)
{
    uint32_t addr = mr[2], pc = mr[4], write = mr[5];
    uint32_t page = addr & ~(L4_PAGE_SIZE - 1);

    CHECK_HEX("fault MR1 (faulting thread)", mr[1], child);
    if (!CHECK_TRUE("fault pc inside the program text",
                    pc >= (uint32_t)__text_start && pc < (uint32_t)__text_end))
        l4_printf("pager: fault pc 0x%08x\n", pc);
    if (addr >= STACK_LIMIT && addr < STACK_TOP)
        (*stack_faults)++;
    else if (addr >= HEAP_BASE && addr < HEAP_BASE + HEAP_PAGES * HEAP_STRIDE)
        (*heap_faults)++;
    else {
        l4_printf("FAIL fault address: got 0x%08x want heap or stack\n", addr);
        failures++;
        return L4_FAULT_REPLY_STOP;
    }
    if (!write)
        (*read_faults)++;
    if (!CHECK_TRUE("free physical memory left", next_frame + L4_PAGE_SIZE <= frames_end))
        return L4_FAULT_REPLY_STOP;

    uint32_t frame = next_frame, window = WINDOW_BASE + n * L4_PAGE_SIZE;
    next_frame += L4_PAGE_SIZE;
    if (!CHECK("map frame into the root's window", l4_map(frame, window, 1, L4_MAP_RW, L4_NILTHREAD), 0))
        return L4_FAULT_REPLY_STOP;
    memset((void *)window, 0, L4_PAGE_SIZE);
    if (!CHECK("map frame at the child's fault page", l4_map(frame, page, 1, L4_MAP_RW, child), 0))
        return L4_FAULT_REPLY_STOP;
    fault_page[n] = page;
    l4_printf("pager: fault %u: %s at 0x%08x (pc 0x%08x) -> frame 0x%08x\n",
              n + 1, write ? "write" : "read", addr, pc, frame);
    return L4_FAULT_REPLY_RETRY;
}

int main(void)
{
    l4_tid_t me = l4_myself();
    uint32_t mr[L4_MR_COUNT];
    unsigned faults = 0, stack_faults = 0, heap_faults = 0, read_faults = 0;
    uint32_t child_sum = 0, child_bad = ~0u;

    next_frame = (l4_free_phys_base + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
    frames_end = l4_free_phys_base + l4_free_phys_size;
    l4_printf("pager: root 0x%08x serves faults from free memory 0x%08x..0x%08x\n",
              me, next_frame, frames_end);

    int child = l4_thread_control(L4_TC_CREATE | L4_TC_COPY_SPACE, L4_NILTHREAD, L4_NILTHREAD);
    if (!CHECK("create child (copy space)", child > 0 ? 0 : child, 0))
        return finish("pager");
    struct exregs r;
    memset(&r, 0, sizeof r);
    r.valid = L4_EXREGS_VALID_R(0) | L4_EXREGS_VALID_R(1) | L4_EXREGS_VALID_SP | L4_EXREGS_VALID_PC;
    r.flags = L4_EXREGS_SET_UTCB;
    r.r[0] = me;
    r.r[1] = 0;
    r.sp = STACK_TOP;
    r.pc = (uint32_t)pager_child_entry;
    r.utcb = L4_UTCB_SLOT(1);
    if (!CHECK("set child registers", l4_exchange_registers(&r, (l4_tid_t)child), 0) ||
        !CHECK("run child", l4_run((l4_tid_t)child), 0)) {
        l4_destroy((l4_tid_t)child);
        return finish("pager");
    }
    l4_printf("pager: child 0x%08x runs with sp 0x%08x (unmapped)\n", (uint32_t)child, STACK_TOP);

    /* The hello: an IPC call, so the child waits for our answer. */
    memset(mr, 0, sizeof mr);
    int e = l4_receive(L4_ANYTHREAD, mr);
    int ok = CHECK("receive hello", e, 0) && CHECK_HEX("hello tag", mr[0], TAG_HELLO) &&
             CHECK_HEX("hello sender (MR1)", mr[1], (uint32_t)child);

    /* Answer, then take the next message from the child, in one call. */
    memset(mr, 0, sizeof mr);
    while (ok) {
        e = l4_ipc((l4_tid_t)child, (l4_tid_t)child, L4_IPC_SHORT, mr);
        if (!CHECK("reply + receive from child", e, 0))
            break;
        if (mr[0] == TAG_DONE) {
            child_sum = mr[2];
            child_bad = mr[3];
            break;
        }
        if (!CHECK_HEX("message tag (data abort)", mr[0], L4_FAULT_DATA_ABORT) ||
            !CHECK_TRUE("faults within limit", faults < MAX_FAULTS)) {
            mr[0] = L4_FAULT_REPLY_STOP;
            l4_send((l4_tid_t)child, mr);
            break;
        }
        uint32_t answer = serve(mr, (l4_tid_t)child, faults, &stack_faults, &heap_faults, &read_faults);
        faults++;
        memset(mr, 0, sizeof mr);
        mr[0] = answer;
        if (answer != L4_FAULT_REPLY_RETRY) {
            l4_send((l4_tid_t)child, mr);       /* stops it */
            break;
        }
    }

    uint32_t want = expected_checksum();
    l4_printf("pager: faults served %u (stack %u, heap %u, reads %u)\n",
              faults, stack_faults, heap_faults, read_faults);
    CHECK("faults served", faults, 1 + HEAP_PAGES);
    CHECK("stack faults", stack_faults, 1);
    CHECK("heap faults", heap_faults, HEAP_PAGES);
    CHECK("read faults", read_faults, 1);
    CHECK("child's bad words", child_bad, 0);
    CHECK_HEX("child's checksum", child_sum, want);

    /* The child's writes, seen through the root's windows onto the same frames. */
    unsigned seen = 0;
    for (unsigned n = 0; n < faults; n++) {
        uint32_t page = fault_page[n];
        if (page < HEAP_BASE || page >= HEAP_BASE + HEAP_PAGES * HEAP_STRIDE)
            continue;
        uint32_t k = (page - HEAP_BASE) / HEAP_STRIDE;
        const volatile uint32_t *w = (const volatile uint32_t *)(WINDOW_BASE + n * L4_PAGE_SIZE);
        for (uint32_t j = 0; j < WORDS_PER_PAGE_TOUCHED; j++)
            seen += w[j * 64] == pattern(k, j);
    }
    CHECK("child words seen through the root's windows", seen, HEAP_PAGES * WORDS_PER_PAGE_TOUCHED);

    int code = l4_wait((l4_tid_t)child);
    l4_printf("pager: child result: checksum 0x%08x, exit code %d\n", child_sum, code);
    CHECK("child exit code", code, want & 0xFF);
    CHECK("unmap the root's windows", l4_unmap(WINDOW_BASE, faults, L4_NILTHREAD), 0);
    return finish("pager");
}
