/*
 * int32.c - 32-bit integer arithmetic: add/sub with carry and overflow
 * detection, multiplies (mul, mla, umull/smull high words), shifts by every
 * amount, rotates, and classic bit tricks (clz, ctz, popcount, bit reverse,
 * byte swap, sign extension, saturation, Gray code, next power of two).
 * All wrap-around is done in unsigned arithmetic (no undefined behaviour).
 * Exit status 3.
 */
#include "guest.h"

static const uint32_t vals[] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000007fu, 0x00000080u,
    0x000000ffu, 0x00007fffu, 0x00008000u, 0x0000ffffu, 0x00010000u,
    0x12345678u, 0x55555555u, 0x7ffffffeu, 0x7fffffffu, 0x80000000u,
    0x80000001u, 0xaaaaaaaau, 0xdeadbeefu, 0xfffffffeu, 0xffffffffu,
};
#define NV (sizeof vals / sizeof vals[0])

static __attribute__((noinline)) uint32_t rotl(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static __attribute__((noinline)) uint32_t rotr(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? (x >> n) | (x << (32 - n)) : x;
}

static uint32_t popcount_slow(uint32_t x)
{
    uint32_t c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}

static uint32_t bitrev(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
    return (x >> 16) | (x << 16);
}

static uint32_t clz_slow(uint32_t x)
{
    uint32_t n = 0;
    if (!x)
        return 32;
    while (!(x & 0x80000000u)) {
        x <<= 1;
        n++;
    }
    return n;
}

static uint32_t next_pow2(uint32_t x)
{
    x--;
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return x + 1;
}

static int32_t sat_add(int32_t a, int32_t b)
{
    int32_t r;
    if (__builtin_add_overflow(a, b, &r))
        return a < 0 ? INT32_MIN : INT32_MAX;
    return r;
}

static int32_t asr(int32_t x, unsigned n)
{
    /* GCC defines >> of a negative int as arithmetic shift. */
    return x >> n;
}

int main(void)
{
    unsigned i, j, n;
    uint32_t acc;

    printf("int32: table of %u interesting values\n", (unsigned)NV);
    for (i = 0; i < NV; i++) {
        uint32_t x = OPAQUE(vals[i]);
        printf("%08lx: neg %08lx not %08lx clz %2lu ctz %2lu pop %2lu rev %08lx "
               "bswap %08lx np2 %08lx\n",
               (unsigned long)x, (unsigned long)(0u - x), (unsigned long)~x,
               (unsigned long)(x ? (uint32_t)__builtin_clz(x) : 32u),
               (unsigned long)(x ? (uint32_t)__builtin_ctz(x) : 32u),
               (unsigned long)__builtin_popcount(x), (unsigned long)bitrev(x),
               (unsigned long)__builtin_bswap32(x), (unsigned long)next_pow2(x));
        check_u32("clz vs loop", x ? (uint32_t)__builtin_clz(x) : 32u, clz_slow(x));
        check_u32("popcount vs loop", (uint32_t)__builtin_popcount(x), popcount_slow(x));
        check_u32("bitrev twice", bitrev(bitrev(x)), x);
        ck_u32(x);
    }

    puts("add/sub with carry (C) and signed overflow (V):");
    for (i = 0; i < NV; i++) {
        for (j = 0; j < NV; j += 3) {
            uint32_t a = OPAQUE(vals[i]), b = OPAQUE(vals[j]);
            uint32_t s, d;
            int32_t ss, sd;
            int c = __builtin_add_overflow(a, b, &s);
            int bo = __builtin_sub_overflow(a, b, &d);
            int v = __builtin_add_overflow((int32_t)a, (int32_t)b, &ss);
            int vs = __builtin_sub_overflow((int32_t)a, (int32_t)b, &sd);
            uint64_t wide = (uint64_t)a + b;
            if ((i + j) % 4 == 0)
                printf("  %08lx + %08lx = %08lx C%d V%d | - = %08lx B%d V%d\n",
                       (unsigned long)a, (unsigned long)b, (unsigned long)s, c, v,
                       (unsigned long)d, bo, vs);
            if ((uint32_t)(wide >> 32) != (uint32_t)c)
                check_u32("carry vs 64-bit sum", (uint32_t)c, (uint32_t)(wide >> 32));
            ck_u32(s);
            ck_u32(d);
            ck_u32((uint32_t)((c << 3) | (v << 2) | (bo << 1) | vs));
            ck_u32((uint32_t)ss ^ (uint32_t)sd);
        }
    }

    puts("multiplies (low, umull high, smull high, mla):");
    for (i = 0; i < NV; i += 2) {
        uint32_t a = OPAQUE(vals[i]);
        uint32_t b = OPAQUE(vals[NV - 1 - i]);
        uint32_t lo = a * b;
        uint32_t uhi = (uint32_t)(((uint64_t)a * b) >> 32);
        uint32_t shi = (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b) >> 32);
        uint32_t mla = a * b + 0x11111111u;
        uint32_t mls = 0x11111111u - a * b;
        printf("  %08lx * %08lx: lo %08lx uhi %08lx shi %08lx mla %08lx mls %08lx\n",
               (unsigned long)a, (unsigned long)b, (unsigned long)lo,
               (unsigned long)uhi, (unsigned long)shi, (unsigned long)mla,
               (unsigned long)mls);
        ck_u32(lo);
        ck_u32(uhi);
        ck_u32(shi);
    }

    puts("shifts and rotates of 0x87654321 by every amount:");
    for (n = 0; n < 32; n++) {
        uint32_t x = OPAQUE(0x87654321u);
        uint32_t lsl = x << n, lsr = x >> n;
        int32_t sr = asr((int32_t)x, n);
        uint32_t rl = rotl(x, n), rr = rotr(x, n);
        printf("  %2u: lsl %08lx lsr %08lx asr %08lx rol %08lx ror %08lx\n", n,
               (unsigned long)lsl, (unsigned long)lsr, (unsigned long)(uint32_t)sr,
               (unsigned long)rl, (unsigned long)rr);
        check_u32("rol/ror inverse", rotr(rl, n), x);
        ck_u32(lsl ^ lsr ^ (uint32_t)sr);
    }

    puts("bit tricks:");
    acc = 0;
    for (i = 0; i < NV; i++) {
        uint32_t x = OPAQUE(vals[i]);
        uint32_t lowbit = x & (0u - x);
        uint32_t clrlow = x & (x - 1);
        uint32_t gray = x ^ (x >> 1);
        uint32_t ungray = gray;
        int32_t sx8 = (int32_t)(int8_t)(uint8_t)x;
        int32_t sx16 = (int32_t)(int16_t)(uint16_t)x;
        uint32_t mask = (uint32_t)((int32_t)x >> 31); /* all ones if negative */
        uint32_t absx = (x ^ mask) - mask;
        for (n = 1; n < 32; n <<= 1)
            ungray ^= ungray >> n;
        check_u32("gray decode", ungray, x);
        printf("  %08lx: low %08lx clr %08lx gray %08lx sx8 %08lx sx16 %08lx abs %08lx\n",
               (unsigned long)x, (unsigned long)lowbit, (unsigned long)clrlow,
               (unsigned long)gray, (unsigned long)(uint32_t)sx8,
               (unsigned long)(uint32_t)sx16, (unsigned long)absx);
        acc = rotl(acc, 5) ^ lowbit ^ clrlow ^ gray ^ (uint32_t)sx8 ^ (uint32_t)sx16;
    }
    printf("  fold %08lx\n", (unsigned long)acc);
    ck_u32(acc);

    puts("saturating add and min/max:");
    {
        static const int32_t sv[] = { 0, 1, -1, 1000000000, -1000000000,
                                      INT32_MAX, INT32_MIN, 0x40000000, -0x40000001 };
        for (i = 0; i < sizeof sv / sizeof sv[0]; i++)
            for (j = 0; j < sizeof sv / sizeof sv[0]; j++) {
                int32_t a = OPAQUE(sv[i]), b = OPAQUE(sv[j]);
                int32_t s = sat_add(a, b);
                int32_t mn = a < b ? a : b, mx = a > b ? a : b;
                ck_u32((uint32_t)s);
                ck_u32((uint32_t)mn ^ ((uint32_t)mx << 1));
                if (i == j || i + j == 8)
                    printf("  sat(%ld, %ld) = %ld  min %ld max %ld  lt %d ltu %d\n",
                           (long)a, (long)b, (long)s, (long)mn, (long)mx, a < b,
                           (uint32_t)a < (uint32_t)b);
            }
    }

    puts("random mixing (100000 rounds of xorshift, mul, rotate, carry):");
    {
        uint32_t s = 0x2545f491u, h = 0, carry = 0;
        for (i = 0; i < 100000; i++) {
            uint32_t r = xs32(&s);
            uint32_t t = h + r;
            carry += t < h;
            h = rotl(t * 0x9e3779b1u, r & 31) ^ (r >> 7);
            h += (r & 0x80000000u) ? (h >> (r & 15)) : (h << (r & 7));
        }
        printf("  h %08lx carries %lu\n", (unsigned long)h, (unsigned long)carry);
        ck_u32(h);
        ck_u32(carry);
    }

    print_summary("int32");
    return g_fail ? 1 : 3;
}
