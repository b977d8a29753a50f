/*
 * divide.c - integer division helpers. The Cortex-A9 has no SDIV/UDIV, so
 * every '/' and '%' by a variable goes to libgcc: __aeabi_idiv(mod),
 * __aeabi_uidiv(mod), __aeabi_ldivmod, __aeabi_uldivmod. Division by
 * constants is strength-reduced by the compiler (umull/smull by a magic
 * number plus shifts) and is cross-checked against the helpers. Also
 * div/ldiv/lldiv, decimal/octal/hex formatting and gcd/modpow loops.
 * INT_MIN / -1 and division by zero are undefined in C and never done.
 * Exit status 5.
 */
#include <stdlib.h>
#include "guest.h"

static const int32_t sn[] = { 0, 1, -1, 2, -2, 3, 7, -7, 10, 100, -100, 12345,
                              -12345, 65535, 65536, 1000000007, -1000000007,
                              INT32_MAX, INT32_MIN, INT32_MIN + 1 };
static const int32_t sd[] = { 1, -1, 2, -2, 3, -3, 7, 10, -10, 16, 255, 256,
                              65536, -65536, 1000000, INT32_MAX, INT32_MIN };
static const uint64_t un64[] = { 0, 1, 9, 0xffffffffull, 0x100000000ull,
                                 0x123456789abcdef0ull, 0x7fffffffffffffffull,
                                 0x8000000000000000ull, 0xffffffffffffffffull,
                                 10000000000000000000ull };
static const uint64_t ud64[] = { 1, 2, 3, 7, 10, 0xffffffffull, 0x100000000ull,
                                 0x100000001ull, 0x123456789ull,
                                 0x8000000000000000ull, 0xffffffffffffffffull };

static __attribute__((noinline)) uint32_t udiv_ref(uint32_t n, uint32_t d, uint32_t *r)
{
    /* restoring long division, bit by bit */
    uint32_t q = 0, rem = 0;
    int i;
    for (i = 31; i >= 0; i--) {
        rem = (rem << 1) | ((n >> i) & 1);
        if (rem >= d) {
            rem -= d;
            q |= 1u << i;
        }
    }
    *r = rem;
    return q;
}

static __attribute__((noinline)) uint64_t udiv64_ref(uint64_t n, uint64_t d, uint64_t *r)
{
    uint64_t q = 0, rem = 0;
    int i;
    for (i = 63; i >= 0; i--) {
        int top = (int)(rem >> 63);
        rem = (rem << 1) | ((n >> i) & 1);
        if (top || rem >= d) {
            rem -= d;
            q |= 1ull << i;
        }
    }
    *r = rem;
    return q;
}

static void u64_to_dec(uint64_t v, char *buf)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *buf++ = tmp[--n];
    *buf = 0;
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t modpow(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    b %= m;
    while (e) {
        if (e & 1)
            r = r * b % m;
        b = b * b % m;
        e >>= 1;
    }
    return r;
}

int main(void)
{
    unsigned i, j, bad = 0;
    char buf[32];

    puts("divide: signed 32-bit quotient/remainder table (C truncates toward 0)");
    for (i = 0; i < sizeof sn / sizeof sn[0]; i++) {
        for (j = 0; j < sizeof sd / sizeof sd[0]; j++) {
            int32_t n = OPAQUE(sn[i]), d = OPAQUE(sd[j]);
            int32_t q, r;
            if (n == INT32_MIN && d == -1)
                continue; /* undefined behaviour in C */
            q = n / d;
            r = n % d;
            if ((int64_t)q * d + r != n)
                bad++;
            if (r != 0 && ((r < 0) != (n < 0)))
                bad++;
            ck_u32((uint32_t)q);
            ck_u32((uint32_t)r);
            if (j % 4 == 1 || i < 3)
                printf("  %11ld / %11ld = %11ld rem %11ld\n", (long)n, (long)d, (long)q, (long)r);
        }
    }

    puts("unsigned 32-bit against bitwise long division:");
    {
        uint32_t s = 0x1234567u;
        for (i = 0; i < 3000; i++) {
            uint32_t n = xs32(&s), d = xs32(&s) >> (xs32(&s) & 31), rr, qr;
            if (d == 0)
                d = 1 + (n & 0xff);
            qr = udiv_ref(n, d, &rr);
            if (n / d != qr || n % d != rr)
                bad++;
            ck_u32(n / d);
            ck_u32(n % d);
            if (i < 8)
                printf("  %10lu / %10lu = %10lu rem %10lu\n", (unsigned long)n,
                       (unsigned long)d, (unsigned long)(n / d), (unsigned long)(n % d));
        }
    }

    puts("division by constants vs. by variables:");
    {
        uint32_t s = 99991u;
        volatile uint32_t v3 = 3, v7 = 7, v10 = 10, v1000 = 1000, v641 = 641;
        volatile int32_t s10 = 10, s7 = 7, s16 = 16;
        uint32_t sum = 0;
        for (i = 0; i < 5000; i++) {
            uint32_t x = xs32(&s);
            int32_t y = (int32_t)x;
            if (x / 3 != x / v3 || x % 3 != x % v3) bad++;
            if (x / 7 != x / v7 || x % 7 != x % v7) bad++;
            if (x / 10 != x / v10 || x % 10 != x % v10) bad++;
            if (x / 1000 != x / v1000) bad++;
            if (x / 641 != x / v641) bad++;
            if (y / 10 != y / s10 || y % 10 != y % s10) bad++;
            if (y / 7 != y / s7 || y % 7 != y % s7) bad++;
            if (y / 16 != y / s16 || y % 16 != y % s16) bad++;
            sum += x / 3 + x / 7 + x % 10 + (uint32_t)(y / 10) + (uint32_t)(y % 16);
        }
        printf("  constant-division sum %08lx\n", (unsigned long)sum);
        ck_u32(sum);
    }

    puts("unsigned 64-bit:");
    for (i = 0; i < sizeof un64 / sizeof un64[0]; i++) {
        for (j = 0; j < sizeof ud64 / sizeof ud64[0]; j++) {
            uint64_t n = OPAQUE(un64[i]), d = OPAQUE(ud64[j]), rr;
            uint64_t q = n / d, r = n % d, qr = udiv64_ref(n, d, &rr);
            if (q != qr || r != rr)
                bad++;
            ck_u64(q);
            ck_u64(r);
            if ((i + j) % 3 == 0)
                printf("  %016llx / %016llx = %016llx rem %016llx\n",
                       (unsigned long long)n, (unsigned long long)d,
                       (unsigned long long)q, (unsigned long long)r);
        }
    }

    puts("signed 64-bit:");
    {
        static const int64_t n64[] = { 0, 1, -1, 1000000000000ll, -1000000000000ll,
                                       INT64_MAX, INT64_MIN, INT64_MIN + 1,
                                       -9876543210123ll, 0x123456789abcdefll };
        static const int64_t d64[] = { 1, -1, 2, -3, 10, -1000, 4294967296ll,
                                       -4294967297ll, INT64_MAX, INT64_MIN };
        for (i = 0; i < sizeof n64 / sizeof n64[0]; i++)
            for (j = 0; j < sizeof d64 / sizeof d64[0]; j++) {
                int64_t n = OPAQUE(n64[i]), d = OPAQUE(d64[j]);
                int64_t q, r;
                if (n == INT64_MIN && d == -1)
                    continue;
                q = n / d;
                r = n % d;
                if ((uint64_t)q * (uint64_t)d + (uint64_t)r != (uint64_t)n)
                    bad++;
                ck_u64((uint64_t)q);
                ck_u64((uint64_t)r);
                if (j % 3 == 0)
                    printf("  %20lld / %20lld = %20lld rem %lld\n", (long long)n,
                           (long long)d, (long long)q, (long long)r);
            }
    }

    puts("random 64-bit against bitwise long division:");
    {
        uint32_t s = 777u;
        for (i = 0; i < 1500; i++) {
            uint64_t n = ((uint64_t)xs32(&s) << 32) | xs32(&s);
            uint64_t d = (((uint64_t)xs32(&s) << 32) | xs32(&s)) >> (xs32(&s) & 63), rr;
            uint64_t qr;
            if (d == 0)
                d = 3;
            qr = udiv64_ref(n, d, &rr);
            if (n / d != qr || n % d != rr)
                bad++;
            if ((int64_t)d != -1 || (int64_t)n != INT64_MIN) {
                int64_t sq = (int64_t)n / (int64_t)d, sr = (int64_t)n % (int64_t)d;
                if ((uint64_t)sq * d + (uint64_t)sr != n)
                    bad++;
                ck_u64((uint64_t)sq ^ (uint64_t)sr);
            }
            ck_u64(qr);
            ck_u64(rr);
        }
    }

    puts("libc div/ldiv/lldiv and number formatting:");
    {
        div_t a = div(OPAQUE(-17), OPAQUE(5));
        ldiv_t b = ldiv(OPAQUE(1234567890L), OPAQUE(-1000L));
        lldiv_t c = lldiv(OPAQUE(-123456789012345678LL), OPAQUE(1000000007LL));
        printf("  div(-17,5) = %d r %d\n", a.quot, a.rem);
        printf("  ldiv(1234567890,-1000) = %ld r %ld\n", b.quot, b.rem);
        printf("  lldiv(-123456789012345678,1000000007) = %lld r %lld\n", c.quot, c.rem);
        check_u32("div quot", (uint32_t)a.quot, (uint32_t)-3);
        check_u32("div rem", (uint32_t)a.rem, (uint32_t)-2);
        u64_to_dec(OPAQUE(18446744073709551615ull), buf);
        printf("  2^64-1 = %s\n", buf);
        ck_str(buf);
        u64_to_dec(OPAQUE(10000000000000000000ull), buf);
        printf("  10^19 = %s\n", buf);
        ck_str(buf);
        printf("  gcd(1071,462) = %lu, gcd(2^31-1, 2^30) = %lu, gcd(832040,514229)=%lu\n",
               (unsigned long)gcd(OPAQUE(1071u), 462u),
               (unsigned long)gcd(OPAQUE(2147483647u), 1073741824u),
               (unsigned long)gcd(OPAQUE(832040u), 514229u));
        check_u32("gcd(1071,462)", gcd(OPAQUE(1071u), 462u), 21);
        check_u64("modpow(2,1000,1e9+7)", modpow(2, OPAQUE(1000u), 1000000007u), 688423210u);
        check_u64("modpow(3,2^32,4294967291)", modpow(3, OPAQUE(1ull << 32), 4294967291ull),
                  729); /* Fermat: 3^(p-1)=1, 2^32 = (p-1)+6, so 3^(2^32) = 3^6 */
    }

    printf("mismatches: %u\n", bad);
    check_u32("identity mismatches", bad, 0);
    print_summary("divide");
    return g_fail ? 1 : 5;
}
