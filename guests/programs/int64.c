/*
 * int64.c - 64-bit arithmetic: add/sub with carry across the word boundary
 * (adds/adc, subs/sbc), 64x64 multiply, 32x32->64 (umull/smull/umlal),
 * shifts by every amount 0..63, signed/unsigned compares, negation,
 * 128-bit products built from 64-bit halves, clz/ctz/popcount/bswap of
 * 64-bit values, and xorshift64* / splitmix64 generators.
 * Exit status 0.
 */
#include "guest.h"

static const uint64_t vals[] = {
    0x0000000000000000ull, 0x0000000000000001ull, 0x00000000ffffffffull,
    0x0000000100000000ull, 0x00000001ffffffffull, 0x000000007fffffffull,
    0x0000000080000000ull, 0x123456789abcdef0ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0x8000000000000001ull, 0xfedcba9876543210ull,
    0xffffffff00000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0x5555555555555555ull,
};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t xorshift64star(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* Full 64x64 -> 128 multiply from 32-bit pieces. */
static void mul128(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    *lo = (mid << 32) | (uint32_t)p00;
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static __attribute__((noinline)) uint64_t shl(uint64_t x, unsigned n) { return x << n; }
static __attribute__((noinline)) uint64_t shr(uint64_t x, unsigned n) { return x >> n; }
static __attribute__((noinline)) int64_t sar(int64_t x, unsigned n) { return x >> n; }

static unsigned popcount64_slow(uint64_t x)
{
    unsigned c = 0;
    for (; x; x >>= 1)
        c += (unsigned)(x & 1);
    return c;
}

int main(void)
{
    unsigned i, j, n;

    puts("int64: add/sub/mul/compare over value pairs");
    for (i = 0; i < NV; i++) {
        for (j = 0; j < NV; j++) {
            uint64_t a = OPAQUE(vals[i]), b = OPAQUE(vals[j]);
            uint64_t s = a + b, d = a - b, m = a * b;
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            unsigned flags = (a < b) | (a <= b) << 1 | (a == b) << 2 |
                             (sa < sb) << 3 | (sa <= sb) << 4 | (sa > sb) << 5 |
                             (s < a) << 6 | (a < b) << 7;
            uint64_t hi, lo;
            mul128(a, b, &hi, &lo);
            if (lo != m)
                check_u64("mul128 low == a*b", lo, m);
            ck_u64(s);
            ck_u64(d);
            ck_u64(m);
            ck_u64(hi);
            ck_u32(flags);
            if (j == (i * 5 + 3) % NV)
                printf("  %016llx %016llx: + %016llx - %016llx * %016llx hi %016llx f %03x\n",
                       (unsigned long long)a, (unsigned long long)b,
                       (unsigned long long)s, (unsigned long long)d,
                       (unsigned long long)m, (unsigned long long)hi, flags);
        }
    }

    puts("32x32->64 widening multiplies and multiply-accumulate:");
    {
        static const uint32_t w[] = { 0, 1, 2, 0x7fffffffu, 0x80000000u,
                                      0xffffffffu, 0x12345678u, 0x9abcdef0u };
        uint64_t acc = 0x0123456789abcdefull;
        int64_t sacc = -1;
        for (i = 0; i < 8; i++)
            for (j = 0; j < 8; j++) {
                uint32_t a = OPAQUE(w[i]), b = OPAQUE(w[j]);
                uint64_t um = (uint64_t)a * b;
                int64_t sm = (int64_t)(int32_t)a * (int32_t)b;
                acc += um;                      /* umlal */
                sacc += sm;                     /* smlal */
                ck_u64(um);
                ck_u64((uint64_t)sm);
                if (i == j)
                    printf("  %08lx^2: umull %016llx smull %016llx\n", (unsigned long)a,
                           (unsigned long long)um, (unsigned long long)sm);
            }
        printf("  umlal acc %016llx smlal acc %016llx\n", (unsigned long long)acc,
               (unsigned long long)sacc);
        ck_u64(acc);
        ck_u64((uint64_t)sacc);
    }

    puts("shifts of 0x8123456789abcdef by 0..63 (lsl, lsr, asr):");
    for (n = 0; n < 64; n++) {
        uint64_t x = OPAQUE(0x8123456789abcdefull);
        uint64_t l = shl(x, n), r = shr(x, n);
        int64_t a = sar((int64_t)x, n);
        if (n % 4 == 0 || (n > 28 && n < 36))
            printf("  %2u: %016llx %016llx %016llx\n", n, (unsigned long long)l,
                   (unsigned long long)r, (unsigned long long)a);
        ck_u64(l);
        ck_u64(r);
        ck_u64((uint64_t)a);
        if (n && (uint64_t)a >> (64 - n) != (~0ull >> (64 - n)))
            check_u64("asr fills sign bits", (uint64_t)a >> (64 - n), ~0ull >> (64 - n));
    }

    puts("bit operations:");
    for (i = 0; i < NV; i++) {
        uint64_t x = OPAQUE(vals[i]);
        unsigned clz = x ? (unsigned)__builtin_clzll(x) : 64;
        unsigned ctz = x ? (unsigned)__builtin_ctzll(x) : 64;
        unsigned pop = (unsigned)__builtin_popcountll(x);
        uint64_t bs = __builtin_bswap64(x);
        printf("  %016llx: clz %2u ctz %2u pop %2u bswap %016llx neg %016llx\n",
               (unsigned long long)x, clz, ctz, pop, (unsigned long long)bs,
               (unsigned long long)(0 - x));
        check_u32("popcount64 vs loop", pop, popcount64_slow(x));
        check_u64("bswap64 twice", __builtin_bswap64(bs), x);
    }

    puts("conversions between widths:");
    for (i = 0; i < NV; i++) {
        uint64_t x = OPAQUE(vals[i]);
        int32_t lo32 = (int32_t)(uint32_t)x;
        int64_t sext = lo32;
        uint64_t zext = (uint32_t)x;
        int64_t s16 = (int16_t)(uint16_t)x;
        printf("  %016llx: sext32 %016llx zext32 %016llx sext16 %016llx\n",
               (unsigned long long)x, (unsigned long long)sext,
               (unsigned long long)zext, (unsigned long long)s16);
        ck_u64((uint64_t)sext ^ zext ^ (uint64_t)s16);
    }

    puts("generators:");
    {
        uint64_t s1 = 42, s2 = 0x0123456789abcdefull, h = 0, hsum = 0;
        for (i = 0; i < 20000; i++) {
            uint64_t a = splitmix64(&s1), b = xorshift64star(&s2);
            uint64_t hi, lo;
            mul128(a, b, &hi, &lo);
            h ^= hi + (lo >> 3);
            h = (h << 13) | (h >> 51);
            hsum += (a >> 17) ^ b;
            if (i < 4)
                printf("  splitmix %016llx xorshift* %016llx\n", (unsigned long long)a,
                       (unsigned long long)b);
        }
        printf("  mixed %016llx sum %016llx\n", (unsigned long long)h,
               (unsigned long long)hsum);
        check_u64("splitmix64(42) state", s1, 42 + 20000ull * 0x9e3779b97f4a7c15ull);
        ck_u64(h);
        ck_u64(hsum);
    }

    puts("known answers:");
    {
        uint64_t hi, lo;
        mul128(OPAQUE(0xffffffffffffffffull), OPAQUE(0xffffffffffffffffull), &hi, &lo);
        check_u64("(2^64-1)^2 high", hi, 0xfffffffffffffffeull);
        check_u64("(2^64-1)^2 low", lo, 1);
        check_u64("fact(20)", ({ uint64_t f = 1; for (n = 2; n <= OPAQUE(20u); n++) f *= n; f; }),
                  2432902008176640000ull);
        check_u64("-1 as int64 > INT64_MIN", (int64_t)OPAQUE(-1ll) > INT64_MIN, 1);
        check_u64("2^63 unsigned > 2^63-1", OPAQUE(0x8000000000000000ull) > 0x7fffffffffffffffull, 1);
        check_u64("2^63 signed < 0", (int64_t)OPAQUE(0x8000000000000000ull) < 0, 1);
    }

    print_summary("int64");
    return g_fail ? 1 : 0;
}
