/*
 * printf.c - newlib's printf family: every conversion %d %i %u %o %x %X %c
 * %s %e %E %f %g %G %% %n with widths (fixed and '*'), precisions, flags
 * '-' '+' ' ' '#' '0', length modifiers hh h l ll (and L for long double),
 * snprintf truncation and return values, plus puts/putchar/fputs/fwrite.
 * Floating point goes through libgcc's soft-float helpers and newlib's dtoa.
 *
 * Not used on purpose: %p (prints an address), and the C99 extras this
 * newlib build does not implement (it was configured without
 * _WANT_IO_C99_FORMATS): %a %A %F, the z j t modifiers, and positional
 * %1$d. It also parses "hh" as "h": %hhd of in-range values prints fine
 * (the argument is promoted to int anyway) but %hhn would store a short, so
 * it is not used. "%5%" is not valid C and is not used either. Exit status 0.
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "guest.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

/* Print through snprintf first so the result and its length are checksummed. */
#define P(...)                                                          \
    do {                                                                \
        char b_[256];                                                   \
        int n_ = snprintf(b_, sizeof b_, __VA_ARGS__);                  \
        int m_ = printf(__VA_ARGS__);                                   \
        if (n_ != m_)                                                   \
            check_u32("snprintf/printf lengths", (uint32_t)n_, (uint32_t)m_); \
        ck_str(b_);                                                     \
        ck_u32((uint32_t)n_);                                           \
    } while (0)

int main(void)
{
    static const int ivals[] = { 0, 1, -1, 42, -42, 255, 1000000, INT_MAX, INT_MIN };
    static const double dvals[] = { 0.0, -0.0, 1.0, -1.5, 0.1, 2.0 / 3.0, 3.14159265358979,
                                    123456.789, 1e-5, 1e-300, 1.7976931348623157e308,
                                    4.9e-324, 6.02214076e23, -2.5e-10, 0.5, 99.995 };
    unsigned i;

    puts("printf: integers");
    for (i = 0; i < sizeof ivals / sizeof ivals[0]; i++) {
        int v = OPAQUE(ivals[i]);
        P("[%d] [%i] [%u] [%o] [%x] [%X]\n", v, v, (unsigned)v, (unsigned)v, (unsigned)v,
          (unsigned)v);
        P("[%8d] [%-8d] [%08d] [%+d] [% d] [%+08d] [%-+8d] [%.5d] [%8.5d] [%-8.3d]\n", v, v,
          v, v, v, v, v, v, v, v);
        P("[%#o] [%#x] [%#X] [%#10x] [%#010x] [%-#10o] [%.0d] [%.0x]\n", (unsigned)v,
          (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, v, (unsigned)v);
    }

    puts("printf: length modifiers");
    {
        signed char c = OPAQUE((signed char)-100);
        unsigned char uc = OPAQUE((unsigned char)200);
        short sh = OPAQUE((short)-30000);
        unsigned short us = OPAQUE((unsigned short)65000);
        long l = OPAQUE(-2000000000L);
        unsigned long ul = OPAQUE(4000000000UL);
        long long ll = OPAQUE(-9223372036854775807LL - 1);
        unsigned long long ull = OPAQUE(18446744073709551615ULL);
        P("hh: [%hhd] [%hhu] [%hhx] [%hho]\n", c, uc, uc, uc);
        P("h:  [%hd] [%hu] [%hx] [%6hd] [%-7hu|]\n", sh, us, us, sh, us);
        P("h truncates: [%hd] [%hu] [%hx]\n", OPAQUE(70000), OPAQUE(70000), OPAQUE(0x12345));
        P("l:  [%ld] [%lu] [%lx] [%lo] [%+ld]\n", l, ul, ul, ul, -l);
        P("ll: [%lld] [%llu] [%llx] [%llX] [%llo]\n", ll, ull, ull, (unsigned long long)ll,
          ull);
        P("ll: [%20lld] [%-22lld|] [%+lld] [%025llu] [%#llx]\n", ll + 1, 1234567890123LL,
          42LL, 9876543210ULL, 0xdeadbeefcafeULL);
        P("L:  [%Lf] [%Le] [%.3Lg]\n", (long double)2.5, (long double)-1e10,
          (long double)1.0 / 3);
    }

    puts("printf: characters and strings");
    P("[%c] [%5c] [%-5c] [%c%c%c]\n", 'A', 'b', 'c', 'x', 'y', 'z');
    P("[%s] [%10s] [%-10s] [%.3s] [%10.2s] [%-10.4s] [%s]\n", "hello", "right", "left",
      "truncate", "ab", "abcdefg", "");
    P("[%*d] [%-*d] [%.*d] [%*.*s] [%*s]\n", 6, 42, 6, 42, 4, 7, 8, 3, "stars", -6, "neg");
    P("[%%] [100%%] [%%%d%%] [%c]\n", 42, '%');

    puts("printf: floating point");
    for (i = 0; i < sizeof dvals / sizeof dvals[0]; i++) {
        double d = OPAQUE(dvals[i]);
        P("%-24.17g [%f] [%e] [%E] [%g] [%G]\n", d, d, d, d, d, d);
        P("    [%.0f] [%.2f] [%10.3f] [%-12.1e|] [%+.4e] [% .3g] [%#.3g] [%012.4f] [%#.0e]\n",
          d, d, d, d, d, d, d, d, d);
    }
    P("special: [%f] [%f] [%e] [%g] [%10f] [%-10f|] [%+f]\n", (double)INFINITY,
      -(double)INFINITY, (double)INFINITY, (double)NAN, (double)INFINITY, (double)NAN,
      (double)INFINITY);
    P("rounding: [%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.2f] [%.3e]\n", 0.5, 1.5, 2.5, -0.5,
      0.05, 1.005, 9.9995);
    P("precision: [%.15f] [%.20e] [%.30g]\n", 0.1, 1.0 / 3.0, 2.0 / 7.0);
    {
        double x = 1.0;
        for (i = 0; i < 12; i++) {
            P("  10^%-3d %-14g %-16e %.0f\n", (int)(i * 27), x, x, i < 3 ? x : 0.0);
            x *= 1e27;
        }
    }

    puts("printf: %n and return values");
    {
        int n1 = -1, n2 = -1;
        short hn = -1;
        long ln = -1;
        long long lln = -1;
        /* no %hhn: this newlib parses "hh" as "h" and would store a short */
        int r = printf("abc%n12345%hn%ln%lln|%n\n", &n1, &hn, &ln, &lln, &n2);
        printf("  n1 %d hn %d ln %ld lln %lld n2 %d r %d\n", n1, hn, ln, lln, n2, r);
        check_u32("%n counts", (uint32_t)(n1 * 1000 + n2), 3 * 1000 + 9);
        check_u32("printf return", (uint32_t)r, 10);
    }

    puts("snprintf truncation:");
    {
        char small[8];
        int r;
        memset(small, '#', sizeof small);
        r = snprintf(small, sizeof small, "%s-%d", "truncated", 12345);
        printf("  r %d buf '%s' last %d\n", r, small, small[7]);
        check_u32("snprintf full length", (uint32_t)r, 15);
        check_u32("snprintf terminated", (uint32_t)small[7], 0);
        r = snprintf(NULL, 0, "%08.3f|%x", -3.14159, 0xabcdefu);
        check_u32("snprintf(NULL,0) length", (uint32_t)r, 15);
        r = sprintf(small, "%d", 1234567);
        check_u32("sprintf length", (uint32_t)r, 7);
        ck_str(small);
    }

    puts("other stdio writers:");
    fputs("  fputs line\n", stdout);
    fwrite("  fwrite 20 bytes...\n", 1, 21, stdout);
    for (i = 0; i < 26; i++)
        putchar('a' + (int)i);
    putchar('\n');
    fflush(stdout);

    print_summary("printf");
    return g_fail ? 1 : 0;
}
