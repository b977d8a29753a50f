/*
 * Small helpers shared by the guest test programs (header only).
 * Everything here is deterministic: no clocks, no pointers printed.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

/* Running FNV-1a checksum over everything a program feeds it. */
static uint32_t g_ck = 2166136261u;

static inline void ck_byte(uint8_t b)
{
    g_ck ^= b;
    g_ck *= 16777619u;
}

static inline void ck_u32(uint32_t v)
{
    ck_byte((uint8_t)v);
    ck_byte((uint8_t)(v >> 8));
    ck_byte((uint8_t)(v >> 16));
    ck_byte((uint8_t)(v >> 24));
}

static inline void ck_u64(uint64_t v)
{
    ck_u32((uint32_t)v);
    ck_u32((uint32_t)(v >> 32));
}

static inline void ck_bytes(const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    while (n--)
        ck_byte(*b++);
}

static inline void ck_str(const char *s)
{
    while (*s)
        ck_byte((uint8_t)*s++);
    ck_byte(0);
}

/* xorshift32 PRNG (state must be nonzero). */
static inline uint32_t xs32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Known-answer checks: print one line each and count failures. */
static int g_fail;
static int g_pass;

static inline void check_u32(const char *what, uint32_t got, uint32_t want)
{
    if (got == want) {
        g_pass++;
        printf("  ok   %-28s %08lx\n", what, (unsigned long)got);
    } else {
        g_fail++;
        printf("  FAIL %-28s got %08lx want %08lx\n", what,
               (unsigned long)got, (unsigned long)want);
    }
    ck_u32(got);
}

static inline void check_u64(const char *what, uint64_t got, uint64_t want)
{
    if (got == want) {
        g_pass++;
        printf("  ok   %-28s %016llx\n", what, (unsigned long long)got);
    } else {
        g_fail++;
        printf("  FAIL %-28s got %016llx want %016llx\n", what,
               (unsigned long long)got, (unsigned long long)want);
    }
    ck_u64(got);
}

/* Keep the compiler from folding a value at compile time. */
#define OPAQUE(x) ({ __typeof__(+(x)) _v = (x); __asm__ volatile("" : "+r"(_v)); _v; })

static inline void print_summary(const char *name)
{
    printf("%s: %d passed, %d failed, checksum %08lx\n", name, g_pass, g_fail,
           (unsigned long)g_ck);
}

#endif /* GUEST_H */
