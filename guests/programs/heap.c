/*
 * heap.c - malloc/calloc/realloc/free stress driven by a deterministic PRNG:
 * 256 live slots, 40000 operations with sizes from 0 to 64 KiB, every block
 * filled with a slot-specific pattern and verified before it is resized or
 * freed (realloc must preserve the prefix, calloc must return zeroes),
 * 8-byte alignment checked, plus a few large (1-8 MiB) allocations. Ends
 * with exit(42) (not a return from main) after atexit handlers run.
 * No pointers are printed: only counts, sizes and checksums.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define SLOTS 256
#define OPS 40000

static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static uint32_t tag[SLOTS];

static unsigned corrupt, misaligned, nulls;

static unsigned char pat(uint32_t t, size_t i)
{
    return (unsigned char)(t * 131u + (uint32_t)i * 7u + (uint32_t)(i >> 8));
}

static void fill_block(int s)
{
    size_t i;
    for (i = 0; i < len[s]; i++)
        ptr[s][i] = pat(tag[s], i);
}

static void verify_block(int s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (ptr[s][i] != pat(tag[s], i)) {
            corrupt++;
            return;
        }
}

static size_t pick_size(uint32_t *rs)
{
    uint32_t r = xs32(rs);
    switch (r & 7) {
    case 0: return 0;
    case 1: case 2: case 3: return 1 + (r >> 8) % 64;
    case 4: case 5: return 64 + (r >> 8) % 1024;
    case 6: return 1024 + (r >> 8) % 8192;
    default: return (r >> 16) & 1 ? 8192 + (r >> 8) % 57344 : 16 + (r >> 8) % 256;
    }
}

static void bye1(void) { printf("atexit handler 1 (registered first, runs last)\n"); }
static void bye2(void) { printf("atexit handler 2 (registered second, runs first)\n"); }

int main(void)
{
    uint32_t rs = 0x600dcafeu;
    unsigned op, nmalloc = 0, ncalloc = 0, nrealloc = 0, nfree = 0;
    size_t live = 0, peak = 0;
    int s;

    atexit(bye1);
    atexit(bye2);

    puts("heap: 40000 random malloc/calloc/realloc/free operations");
    for (op = 0; op < OPS; op++) {
        uint32_t r = xs32(&rs);
        s = (int)(r % SLOTS);
        if (!ptr[s]) {
            size_t n = pick_size(&rs);
            if (r & 0x100000) {
                size_t cnt = n / 8 + 1, i;
                ptr[s] = calloc(cnt, 8);
                n = cnt * 8;
                ncalloc++;
                if (ptr[s])
                    for (i = 0; i < n; i++)
                        if (ptr[s][i])
                            corrupt++;
            } else {
                ptr[s] = malloc(n);
                nmalloc++;
            }
            if (!ptr[s] && n) {
                nulls++;
                continue;
            }
            len[s] = n;
            tag[s] = r;
            if (ptr[s] && ((uintptr_t)ptr[s] & 7))
                misaligned++;
            if (ptr[s])
                fill_block(s);
            live += n;
        } else if (r & 0x200000) {
            size_t n = pick_size(&rs), keep = n < len[s] ? n : len[s];
            unsigned char *q;
            verify_block(s, len[s]);
            if (n == 0)
                n = 1; /* realloc(p, 0) is implementation-defined: avoid it */
            q = realloc(ptr[s], n);
            nrealloc++;
            if (!q) {
                nulls++;
                continue;
            }
            if ((uintptr_t)q & 7)
                misaligned++;
            ptr[s] = q;
            verify_block(s, keep);
            live = live - len[s] + n;
            len[s] = n;
            fill_block(s);
        } else {
            verify_block(s, len[s]);
            ck_u32((uint32_t)len[s]);
            free(ptr[s]);
            nfree++;
            live -= len[s];
            ptr[s] = NULL;
            len[s] = 0;
        }
        if (live > peak)
            peak = live;
        if (op % 5000 == 4999) {
            unsigned used = 0;
            for (s = 0; s < SLOTS; s++)
                used += ptr[s] != NULL;
            printf("  op %5u: %3u slots live, %7lu bytes live\n", op + 1, used,
                   (unsigned long)live);
            ck_u32((uint32_t)live);
        }
    }
    printf("  malloc %u calloc %u realloc %u free %u, peak live %lu bytes\n", nmalloc, ncalloc,
           nrealloc, nfree, (unsigned long)peak);
    ck_u32(nmalloc);
    ck_u32(nrealloc);
    ck_u32((uint32_t)peak);

    /* checksum the surviving contents, then free everything */
    for (s = 0; s < SLOTS; s++)
        if (ptr[s]) {
            verify_block(s, len[s]);
            ck_bytes(ptr[s], len[s]);
            free(ptr[s]);
            ptr[s] = NULL;
        }

    puts("heap: large blocks");
    {
        static const size_t big[] = { 1u << 20, 3u << 20, 8u << 20, 2u << 20 };
        unsigned k;
        for (k = 0; k < sizeof big / sizeof big[0]; k++) {
            uint32_t *p = malloc(big[k]);
            uint32_t sum = 0;
            size_t i, n = big[k] / 4;
            if (!p) {
                nulls++;
                printf("  %lu MiB: allocation failed\n", (unsigned long)(big[k] >> 20));
                continue;
            }
            for (i = 0; i < n; i += 1024)
                p[i] = (uint32_t)i * 2654435761u;
            p[n - 1] = 0xfeedfaceu;
            for (i = 0; i < n; i += 1024)
                sum += p[i];
            sum += p[n - 1];
            printf("  %lu MiB: ok, sampled sum %08lx\n", (unsigned long)(big[k] >> 20),
                   (unsigned long)sum);
            ck_u32(sum);
            free(p);
        }
    }

    puts("heap: realloc growth chain 1 -> 1 MiB");
    {
        unsigned char *p = NULL;
        size_t n = 1, i, moved_checks = 0;
        while (n <= (1u << 20)) {
            unsigned char *q = realloc(p, n);
            if (!q) {
                nulls++;
                break;
            }
            p = q;
            for (i = n / 2; i < n; i++)
                p[i] = (unsigned char)(i ^ (i >> 9));
            for (i = 0; i < n; i += 97)
                if (p[i] != (unsigned char)(i ^ (i >> 9)))
                    corrupt++;
            moved_checks++;
            n *= 2;
        }
        printf("  %lu steps\n", (unsigned long)moved_checks);
        ck_bytes(p, 1u << 20);
        free(p);
    }

    printf("corrupt %u misaligned %u failed allocations %u\n", corrupt, misaligned, nulls);
    check_u32("corrupt blocks", corrupt, 0);
    check_u32("misaligned blocks", misaligned, 0);
    check_u32("failed allocations", nulls, 0);
    print_summary("heap");
    fflush(stdout);
    exit(g_fail ? 1 : 42);
}
