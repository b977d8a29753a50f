/*
 * types.c - narrow and aggregate types: int8/uint8/int16/uint16 arrays and
 * arithmetic (ldrb/ldrsb/ldrh/ldrsh/strb/strh), char signedness,
 * structure assignment of small and large structs, structs passed and
 * returned by value, packed (unaligned) structs, bit-fields, unions,
 * dense and sparse switch statements, function-pointer tables and
 * variadic functions mixing int, long long and double arguments.
 * Exit status 21.
 */
#include <stdarg.h>
#include <string.h>
#include "guest.h"

static int8_t s8[64];
static uint8_t u8[64];
static int16_t s16[64];
static uint16_t u16[64];

struct small { uint8_t a; int16_t b; uint8_t c; };                 /* padded */
struct pair { int32_t x, y; };
struct big { uint32_t w[20]; char name[16]; struct pair p[3]; };
struct __attribute__((packed)) pk { uint8_t tag; uint32_t v32; uint16_t v16; uint64_t v64; };
struct bits {
    unsigned lo : 3;
    signed mid : 5;
    unsigned flag : 1;
    unsigned wide : 20;
    signed top : 3;
};
union pun { uint32_t u; float f; uint8_t b[4]; uint16_t h[2]; };

static __attribute__((noinline)) struct pair addp(struct pair a, struct pair b)
{
    struct pair r = { a.x + b.x, a.y - b.y };
    return r;
}

static __attribute__((noinline)) struct big make_big(uint32_t seed)
{
    struct big b;
    unsigned i;
    for (i = 0; i < 20; i++)
        b.w[i] = xs32(&seed);
    strcpy(b.name, "big-struct");
    for (i = 0; i < 3; i++) {
        b.p[i].x = (int32_t)i - 1;
        b.p[i].y = (int32_t)(seed >> i);
    }
    return b;
}

static __attribute__((noinline)) uint32_t sum_big(struct big b)
{
    uint32_t s = 0;
    unsigned i;
    for (i = 0; i < 20; i++)
        s = s * 3 + b.w[i];
    for (i = 0; i < 3; i++)
        s += (uint32_t)b.p[i].x * 7 + (uint32_t)b.p[i].y;
    b.w[0] = 0; /* modifies the callee's copy only */
    return s + (uint32_t)strlen(b.name);
}

static __attribute__((noinline)) const char *dense(int k)
{
    switch (k) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 4: return "four";
    case 5: return "five";
    case 6: return "six";
    case 7: return "seven";
    case 8: return "eight";
    case 9: return "nine";
    case 10: return "ten";
    case 11: return "eleven";
    default: return "many";
    }
}

static __attribute__((noinline)) int sparse(uint32_t k)
{
    switch (k) {
    case 1: return 10;
    case 7: return 20;
    case 100: return 30;
    case 1000: return 40;
    case 0x10000: return 50;
    case 0x7fffffff: return 60;
    case 0x80000000u: return 70;
    case 0xffffffffu: return 80;
    default: return -1;
    }
}

static __attribute__((noinline)) uint32_t dense_calc(unsigned k, uint32_t x)
{
    switch (k & 15) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ 0xa5a5a5a5u;
    case 3: return x >> 3;
    case 4: return x << 5;
    case 5: return ~x;
    case 6: return x - 12345;
    case 7: return (x << 7) | (x >> 25);
    case 8: return x & 0xffff;
    case 9: return x | 0x80000000u;
    case 10: return x * x;
    case 11: return x / 7;
    case 12: return x % 1000;
    case 13: return (uint32_t)__builtin_popcount(x);
    case 14: return __builtin_bswap32(x);
    default: return 0u - x;
    }
}

static uint32_t f_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t f_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t f_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t f_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t (*const ftab[4])(uint32_t, uint32_t) = { f_add, f_sub, f_mul, f_xor };

/* fmt: 'i' int, 'l' long long, 'd' double, 'c' char (promoted), 's' string */
static __attribute__((noinline)) uint32_t vsum(const char *fmt, ...)
{
    va_list ap;
    uint32_t h = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        switch (*fmt) {
        case 'i': h = h * 31 + (uint32_t)va_arg(ap, int); break;
        case 'l': { unsigned long long v = va_arg(ap, unsigned long long);
                    h = h * 31 + (uint32_t)v + (uint32_t)(v >> 32); break; }
        case 'd': { double d = va_arg(ap, double);
                    h = h * 31 + (uint32_t)(int32_t)(d * 1000.0); break; }
        case 'c': h = h * 31 + (uint32_t)(char)va_arg(ap, int); break;
        case 's': { const char *s = va_arg(ap, const char *);
                    while (*s)
                        h = h * 31 + (uint8_t)*s++;
                    break; }
        }
    }
    va_end(ap);
    return h;
}

static __attribute__((noinline)) int vformat(char *out, size_t n, const char *fmt, ...)
{
    va_list ap, ap2;
    int r1, r2;
    char tmp[128];
    va_start(ap, fmt);
    va_copy(ap2, ap);
    r1 = vsnprintf(out, n, fmt, ap);
    r2 = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return r1 == r2 ? r1 : -1;
}

int main(void)
{
    unsigned i;

    puts("types: 8- and 16-bit arrays");
    {
        uint32_t s = 0xbeef1234u;
        int32_t ssum = 0;
        uint32_t usum = 0;
        for (i = 0; i < 64; i++) {
            uint32_t r = xs32(&s);
            s8[i] = (int8_t)(uint8_t)r;
            u8[i] = (uint8_t)(r >> 8);
            s16[i] = (int16_t)(uint16_t)(r >> 4);
            u16[i] = (uint16_t)(r >> 16);
        }
        for (i = 0; i < 64; i++) {
            ssum += s8[i] * s16[i];
            usum += (uint32_t)u8[i] * u16[i];
            /* narrow wrap-around through unsigned types */
            u8[i] = (uint8_t)(u8[i] + 200);
            u16[i] = (uint16_t)(u16[i] * 3);
            s8[i] = (int8_t)(uint8_t)((uint8_t)s8[i] + 100u);
            s16[i] = (int16_t)(uint16_t)((uint16_t)s16[i] << 3);
        }
        printf("  signed sum %ld unsigned sum %lu\n", (long)ssum, (unsigned long)usum);
        for (i = 0; i < 8; i++)
            printf("  [%u] s8 %4d u8 %3u s16 %6d u16 %5u\n", i, s8[i], u8[i], s16[i], u16[i]);
        ck_u32((uint32_t)ssum);
        ck_u32(usum);
        ck_bytes(s8, sizeof s8);
        ck_bytes(u8, sizeof u8);
        ck_bytes(s16, sizeof s16);
        ck_bytes(u16, sizeof u16);
        {
            char c = (char)OPAQUE(200);
            signed char sc = (signed char)OPAQUE(200);
            printf("  plain char is %s: (char)200 = %d, (signed char)200 = %d\n",
                   (char)-1 < 0 ? "signed" : "unsigned", c, sc);
        }
    }

    puts("types: struct copy, by-value arguments and returns");
    {
        struct small a = { 0xfe, -1234, 7 }, b;
        struct pair p = { 10, 20 }, q = { -3, 4 }, r;
        struct big b1 = make_big(99), b2;
        b = a;
        b.b = (int16_t)(b.b * 2);
        r = addp(p, q);
        b2 = b1;
        b2.w[19] ^= 0xffffffffu;
        printf("  sizeof small %u pair %u big %u packed %u bits %u\n", (unsigned)sizeof a,
               (unsigned)sizeof p, (unsigned)sizeof b1, (unsigned)sizeof(struct pk),
               (unsigned)sizeof(struct bits));
        printf("  small {%u,%d,%u} copy {%u,%d,%u}\n", a.a, a.b, a.c, b.a, b.b, b.c);
        printf("  addp -> {%ld,%ld}\n", (long)r.x, (long)r.y);
        printf("  sum_big b1 %08lx b2 %08lx name '%s' w0 kept %d\n",
               (unsigned long)sum_big(b1), (unsigned long)sum_big(b2), b2.name,
               b1.w[0] == b2.w[0]);
        ck_u32(sum_big(b1));
        ck_u32(sum_big(b2));
        ck_u32((uint32_t)r.x ^ (uint32_t)r.y);
    }

    puts("types: packed struct (unaligned fields)");
    {
        static struct pk arr[5];
        uint64_t acc = 0;
        for (i = 0; i < 5; i++) {
            arr[i].tag = (uint8_t)i;
            arr[i].v32 = 0x11111111u * (i + 1);
            arr[i].v16 = (uint16_t)(0x1234 + i);
            arr[i].v64 = 0x0102030405060708ull * (i + 1);
        }
        for (i = 0; i < 5; i++)
            acc = acc * 1000003u + arr[i].v32 + arr[i].v16 + arr[i].v64 + arr[i].tag;
        printf("  packed acc %016llx bytes:", (unsigned long long)acc);
        for (i = 0; i < 15; i++)
            printf(" %02x", ((uint8_t *)arr)[i + 15]);
        putchar('\n');
        ck_u64(acc);
        ck_bytes(arr, sizeof arr);
    }

    puts("types: bit-fields and unions");
    {
        struct bits bf;
        union pun u;
        memset(&bf, 0, sizeof bf);
        bf.lo = 5;
        bf.mid = -7;
        bf.flag = 1;
        bf.wide = 0xabcde;
        bf.top = -2;
        bf.lo = (unsigned)(bf.lo + 4) & 7u; /* wraps to 1 */
        bf.wide = (bf.wide + 0x12345u) & 0xfffffu;
        printf("  lo %u mid %d flag %u wide %05x top %d\n", bf.lo, bf.mid, bf.flag, bf.wide,
               bf.top);
        {
            uint32_t raw;
            memcpy(&raw, &bf, sizeof raw);
            printf("  raw %08lx\n", (unsigned long)raw);
            ck_u32(raw);
        }
        u.u = 0x3fc00000u;
        printf("  union: u %08lx bytes %02x %02x %02x %02x halves %04x %04x (float 1.5? %d)\n",
               (unsigned long)u.u, u.b[0], u.b[1], u.b[2], u.b[3], u.h[0], u.h[1],
               u.f == 1.5f);
        check_u32("little-endian byte 3", u.b[3], 0x3f);
    }

    puts("types: switch statements");
    for (i = 0; i < 14; i++)
        printf("  dense(%u) = %s\n", i, dense(OPAQUE((int)i)));
    {
        static const uint32_t keys[] = { 0, 1, 7, 8, 100, 1000, 0x10000, 0x7fffffff,
                                         0x80000000u, 0xfffffffeu, 0xffffffffu };
        for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            printf("  sparse(%08lx) = %d\n", (unsigned long)keys[i], sparse(keys[i]));
            ck_u32((uint32_t)sparse(keys[i]));
        }
    }
    {
        uint32_t x = 0x12345678u;
        for (i = 0; i < 100000; i++)
            x = dense_calc(i * 7 + (x & 3), x) + i;
        printf("  dense_calc chain %08lx\n", (unsigned long)x);
        ck_u32(x);
    }

    puts("types: function pointer table");
    {
        uint32_t a = 1;
        for (i = 0; i < 1000; i++)
            a = ftab[(a ^ i) & 3](a, i * 2654435761u);
        printf("  result %08lx\n", (unsigned long)a);
        ck_u32(a);
    }

    puts("types: varargs");
    {
        char buf[96];
        uint32_t h1 = vsum("iii", 1, 2, 3);
        uint32_t h2 = vsum("ilild", -1, 0x123456789abcdefull, 7, -2ll, 2.5);
        uint32_t h3 = vsum("dlcsi", -0.125, 1ull << 40, 'Z', "varargs", 99);
        uint32_t h4 = vsum("lllllllld", 1ll, 2ll, 3ll, 4ll, 5ll, 6ll, 7ll, 8ll, 1e3);
        int n = vformat(buf, sizeof buf, "%d|%lld|%.3f|%s|%c|%x", -5, -1234567890123ll,
                        2.0 / 3.0, "str", 'q', 0xbeefu);
        printf("  vsum %08lx %08lx %08lx %08lx\n", (unsigned long)h1, (unsigned long)h2,
               (unsigned long)h3, (unsigned long)h4);
        printf("  vformat(%d) '%s'\n", n, buf);
        check_u32("vsum iii", h1, (1 * 31 + 2) * 31 + 3);
        ck_u32(h2);
        ck_u32(h3);
        ck_u32(h4);
        ck_str(buf);
    }

    print_summary("types");
    return g_fail ? 1 : 21;
}
